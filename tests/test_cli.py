"""The `extract` command on .txt files, directories and .jsonl, and its error reporting."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from extract.cli import app
from extract.models import FIELDS, Record

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
runner = CliRunner()


def run_cli(*args):
    result = runner.invoke(app, ["run", *map(str, args)])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result, records


def assert_valid(record: dict, text: str) -> None:
    """The record is one `Record` accepts in strict mode (the pipeline builds its mentions
    unvalidated), each field's mentions are in text order, and each mention's offsets give its text."""
    Record.from_json(json.dumps(record), strict=True)
    for field in FIELDS:
        spans = [(m["start"], m["end"]) for m in record[field]]
        assert spans == sorted(spans), field
        for m in record[field]:
            assert text[m["start"]:m["end"]] == m["text"], (field, m)
            assert m["rule"]


def test_directory_of_seeds_gives_five_valid_records_in_order():
    result, records = run_cli(CORPUS)
    assert result.exit_code == 0, result.stderr
    assert [r["doc_id"] for r in records] == [p.stem for p in SEEDS]
    for record, path in zip(records, SEEDS):
        assert_valid(record, path.read_text(encoding="utf-8"))
    assert "summary: articles=5" in result.stderr and "errors=0" in result.stderr


def test_single_txt_file_and_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["run", str(SEEDS[4]), "-o", str(out)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1 and records[0]["doc_id"] == SEEDS[4].stem
    assert any(m["value"] == 16800 and m["per"] == "bulan" for m in records[0]["money"])


def test_jsonl_with_published_forms_and_bad_lines(tmp_path):
    text = "Bupati PPU, Mudyat Noor, menyampaikan iuran Rp16.800 per bulan, Selasa (25/03/2025)."
    lines = [
        json.dumps({"id": "a", "text": text, "date": "2025-07-25"}),
        "this is not json",
        json.dumps({"id": "b", "title": "no text"}),
        json.dumps({"id": "c", "text": text, "date": "23-Aug-19"}),
        json.dumps({"id": "a", "text": text}),
        json.dumps({"id": "d", "text": text, "date": "10/21/2025 20:43", "url": "https://x"}),
        json.dumps({"id": "e", "text": text, "published": "not a date"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, records = run_cli(path)
    assert [r["doc_id"] for r in records] == ["a", "c", "d", "e"]
    assert [r["published"] for r in records] == ["2025-07-25", "2019-08-23", "2025-10-21", None]
    assert f"{path}:2: not JSON" in result.stderr
    assert f"{path}:3: missing or empty 'text'" in result.stderr
    assert f"{path}:5: duplicate id 'a'" in result.stderr
    assert f"{path}:7: unreadable publication date" in result.stderr
    assert "errors=3" in result.stderr and "warnings=1" in result.stderr
    assert result.exit_code == 1
    for r in records:
        assert_valid(r, text)


def test_missing_path_and_empty_file_are_errors_and_others_still_run(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result, records = run_cli(tmp_path / "nope.txt", empty, SEEDS[0])
    assert len(records) == 1
    assert "nope.txt: no such file or directory" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert result.exit_code == 1


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_command_as_a_process_writes_everything_before_it_ends(tmp_path, seed_feed, to_file, workers):
    # `main` ends the process without the interpreter's teardown: the output must be complete
    # (more than a pipe's buffer of it) and the exit status kept.
    feed = seed_feed(150)
    target = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "extract", "run", str(feed), str(tmp_path / "nope.txt"), "--workers", workers]
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a pipe's writer usually is
    done = subprocess.run(command + (["-o", str(target)] if to_file else []), capture_output=True, text=True, env=buffered)
    output = target.read_text(encoding="utf-8") if to_file else done.stdout
    assert len(output.encode()) > 65_536
    assert [json.loads(line)["doc_id"] for line in output.splitlines()] == [f"a{i}" for i in range(150)]
    assert "nope.txt: no such file or directory" in done.stderr and "articles=150" in done.stderr
    assert done.returncode == 1


def test_run_imports_only_what_it_needs(tmp_path):
    # `extract run` starts fast: the pipeline comes from the start-up cache, so no pydantic (but
    # pydantic-core's serializer), no rules reader, no package metadata; rich only for a progress
    # bar on a terminal (stderr is a pipe here).
    target = tmp_path / "out.jsonl"
    code = ("import json, sys\n"
            "from extract.cli import app\n"
            "app(sys.argv[1:], standalone_mode=False)\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    command = [sys.executable, "-c", code, "run", str(CORPUS / "003_92133d55bcb80e76.txt"), "-o", str(target)]
    for _ in range(2):  # the first start may build the pipeline
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    imported = set(json.loads(done.stdout))
    assert not imported & {"typer", "rich", "pydantic", "yaml", "importlib.metadata"}, imported
    assert "pydantic_core" in imported
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_schema_prints_the_record_json_schema():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert set(FIELDS) <= set(schema["properties"])
    assert "rule" in schema["$defs"]["MoneyMention"]["required"]


@pytest.mark.skipif(not (REPO.parent / "shared" / "corpus" / "articles.jsonl").exists(), reason="shared corpus absent")
def test_shared_corpus_runs_without_error_and_every_record_is_valid():
    corpus = REPO.parent / "shared" / "corpus" / "articles.jsonl"
    result, records = run_cli(corpus)
    assert result.exit_code == 0, result.stderr[-2000:]
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(texts)
    for record, text in zip(records, texts):
        assert_valid(record, text)
    # The lines, written by the serializer the cached pipeline holds, are what `Record.to_json` writes.
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert all(Record.from_json(line).to_json() == line for line in lines)


PROSE = "Bupati PPU, Mudyat Noor, menyerahkan bantuan Rp 5 juta kepada 20 ribu warga. "


def write_feed(path: Path, texts: dict[str, str]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts.items()), encoding="utf-8")


def test_a_50_mb_article_is_an_error_and_the_others_are_processed(tmp_path):
    big = PROSE * (50 * 2**20 // len(PROSE))
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    write_feed(tmp_path / "feed.jsonl", {"j1": PROSE, "huge": big, "j2": PROSE})
    result, records = run_cli(tmp_path)
    assert [r["doc_id"] for r in records] == ["a", "j1", "j2"]
    too_large = f"article too large: {len(big):,} characters (limit 10 MB = 10,485,760 characters, see --max-article-mb)"
    assert f"error: {tmp_path / 'big.txt'}: {too_large}" in result.stderr
    assert f"error: {tmp_path / 'feed.jsonl'}:2: {too_large}" in result.stderr
    assert "summary: articles=3" in result.stderr and "errors=2" in result.stderr
    assert result.exit_code == 1


def test_max_article_mb_option_on_run_and_ingest(tmp_path):
    (tmp_path / "long.txt").write_text(PROSE * 300, encoding="utf-8")  # 23 KB: under the default limit
    (tmp_path / "short.txt").write_text(PROSE, encoding="utf-8")
    assert run_cli(tmp_path)[0].exit_code == 0
    result, records = run_cli(tmp_path, "--max-article-mb", "0.01")
    assert [r["doc_id"] for r in records] == ["short"] and result.exit_code == 1
    ingested = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.db"), "--max-article-mb", "0.01"])
    assert "new=1" in ingested.stderr and "errors=1" in ingested.stderr and "long.txt: article too large" in ingested.stderr
    assert ingested.exit_code == 1


def test_a_megabyte_of_digits_and_dots_is_not_prose(tmp_path):
    numbers = ("1.2.3.4." * 2**17)[:2**20]
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "numbers.txt").write_text(numbers, encoding="utf-8")
    write_feed(tmp_path / "feed.jsonl", {"j1": PROSE, "n": numbers})
    result, records = run_cli(tmp_path)
    assert [r["doc_id"] for r in records] == ["a", "j1"]
    assert f"error: {tmp_path / 'feed.jsonl'}:2: not prose: 0.0% letters in 1,048,576 characters" in result.stderr
    assert f"error: {tmp_path / 'numbers.txt'}: not prose: 0.0% letters in 1,048,576 characters" in result.stderr
    assert "errors=2" in result.stderr and result.exit_code == 1


@pytest.mark.parametrize("unit", ["1.2.3.4.", "1234.5678"])
def test_pipeline_on_digits_and_dots_takes_linear_time(unit):
    """Given straight to the pipeline (no not-prose check), 200 KB take at most ~2x the time of 100 KB."""
    from extract.pipeline import extract

    def seconds(size: int) -> float:
        text = (unit * (size // len(unit) + 1))[:size]
        start = time.perf_counter()
        extract(text)
        return time.perf_counter() - start

    seconds(10_000)  # warm
    t_half, t_full = seconds(100_000), seconds(200_000)
    assert t_full < max(4 * t_half, 0.05), f"{t_half:.3f}s -> {t_full:.3f}s"


def test_legacy_utf16_and_mixed_encodings_offsets_point_into_the_decoded_text(tmp_path):
    text = "Bupati PPU, Mudyat Noor, menyerahkan “bantuan” Rp 5 juta – untuk Café Rakyat®, Selasa (25/03/2025)."
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "mixed.txt").write_bytes(text.encode("utf-8") + b"\n" + "Dana “hibah”".encode("cp1252"))
    result, records = run_cli(tmp_path)
    assert [r["doc_id"] for r in records] == ["cp1252", "mixed", "utf16"]
    for record in records:
        assert_valid(record, text + ("\nDana “hibah”" if record["doc_id"] == "mixed" else ""))
        assert record["money"][0]["value"] == 5_000_000
    assert f"warning: {tmp_path / 'mixed.txt'}:2: mixed encodings: 2 bytes not UTF-8" in result.stderr
    assert "warnings=1" in result.stderr and result.exit_code == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_time_budget_option_stops_articles_and_reports_each(tmp_path, workers):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(PROSE, encoding="utf-8")
    result, records = run_cli(tmp_path, "--time-budget", "0.000001", "--workers", workers)
    assert records == [] and result.exit_code == 1
    assert result.stderr.count("extraction failed: ArticleTimeout: exceeded the time budget of 1e-06 s") == 2
    unlimited, records = run_cli(tmp_path, "--time-budget", "0", "--workers", workers)
    assert unlimited.exit_code == 0 and [r["doc_id"] for r in records] == ["a", "b"]
