"""The `extract` command on .txt files, directories and .jsonl, and its error reporting."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.models import FIELDS, Record

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
runner = CliRunner()


def run_cli(*args):
    result = runner.invoke(app, ["run", *map(str, args)])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result, records


def assert_valid(record: dict, text: str) -> None:
    Record.model_validate(record)
    for field in FIELDS:
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


def test_schema_prints_the_record_json_schema():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert set(FIELDS) <= set(schema["properties"])
    assert "rule" in schema["$defs"]["MoneyMention"]["required"]


@pytest.mark.skipif(not (REPO.parent / "shared" / "corpus" / "articles.jsonl").exists(), reason="shared corpus absent")
def test_shared_corpus_sample_runs_without_error(tmp_path):
    sample = tmp_path / "sample.jsonl"
    with (REPO.parent / "shared" / "corpus" / "articles.jsonl").open(encoding="utf-8") as src:
        sample.write_text("".join(line for _, line in zip(range(300), src)), encoding="utf-8")
    result, records = run_cli(sample)
    assert result.exit_code == 0, result.stderr[-2000:]
    assert len(records) == 300
    texts = [json.loads(line)["text"] for line in sample.read_text(encoding="utf-8").splitlines()]
    for record, text in zip(records, texts):
        assert_valid(record, text)
