"""`extract explain`: highlighted text, the mention table and the rejected candidates."""
import io
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from extract.cli import app
from extract.document import Document
from extract.explain import explain, highlighted, meaning
from extract.models import DateMention, OfficialMention, RegionMention

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "000_4cefced91bb0d7f7.txt"
TEXT = "Wali Kota Balikpapan Rahmad Mas'ud hadir Kamis 14 Maret 2024 (UU No. 2 Tahun 2021)."
runner = CliRunner()


def span(text: str, **attrs):
    start = TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text), **attrs}


def annotated_doc() -> Document:
    doc = Document(TEXT)
    doc.results["regions"] = [RegionMention(**span("Balikpapan"), code="64.71", name="Kota Balikpapan",
                                            level="kota", rule="region.gazetteer")]
    doc.results["officials"] = [OfficialMention(**span("Wali Kota Balikpapan Rahmad Mas'ud"), name="Rahmad Mas'ud",
                                                title="Wali Kota Balikpapan", rule="official.title_name")]
    doc.results["dates"] = [DateMention(**span("Kamis 14 Maret 2024"), value="2024-03-14", grain="day", rule="date.dmy")]
    start = TEXT.index("2021")
    doc.reject("dates", start, start + 4, "year inside a regulation identifier")
    return doc


class FakePipeline:
    """Stands in for Pipeline: hands back a prepared document."""

    fields = ("regions", "dates", "officials")

    def __init__(self, doc: Document):
        self.doc = doc

    def annotate(self, article) -> Document:
        return self.doc


def test_plain_highlight_brackets_every_mention_and_nests_inner_ones():
    plain = highlighted(annotated_doc(), ("regions", "dates", "officials"), plain=True).plain
    assert plain.startswith("[Wali Kota [Balikpapan](regions) Rahmad Mas'ud](officials) hadir "
                            "[Kamis 14 Maret 2024](dates) (UU No. 2 Tahun 2021).")


def test_only_the_asked_fields_are_highlighted():
    plain = highlighted(annotated_doc(), ("dates",), plain=True).plain
    assert "(regions)" not in plain and "[Kamis 14 Maret 2024](dates)" in plain


def test_coloured_highlight_keeps_the_text_and_styles_each_span():
    text = highlighted(annotated_doc(), ("regions", "dates", "officials"), plain=False)
    assert text.plain == TEXT
    styled = {(s.start, s.end) for s in text.spans}
    assert (TEXT.index("Balikpapan"), TEXT.index("Balikpapan") + len("Balikpapan")) in styled


def test_meaning_leaves_out_span_rule_and_nulls():
    region = annotated_doc().results["regions"][0]
    assert meaning(asdict(region)) == "code=64.71 name=Kota Balikpapan level=kota"


def render(doc: Document, terminal: bool) -> str:
    out = io.StringIO()
    explain([None], FakePipeline(doc), Console(file=out, force_terminal=terminal, width=200))
    return out.getvalue()


def test_explain_prints_text_mentions_and_rejections_without_colour_off_terminal():
    output = render(annotated_doc(), terminal=False)
    assert "\x1b[" not in output
    assert "[Kamis 14 Maret 2024](dates)" in output
    assert "official.title_name" in output and "name=Rahmad Mas'ud title=Wali Kota Balikpapan" in output
    assert "Rejected candidates" in output
    row = next(line for line in output.splitlines() if "year inside a regulation identifier" in line)
    assert "2021" in row and "dates" in row


def test_explain_on_a_terminal_uses_colour_not_brackets():
    output = render(annotated_doc(), terminal=True)
    assert "\x1b[" in output
    assert "](dates)" not in output


def test_a_document_without_rejections_says_so():
    doc = annotated_doc()
    doc.rejections.clear()
    assert "No rejected candidates." in render(doc, terminal=False)


def test_cli_explains_a_text_with_the_real_pipeline():
    result = runner.invoke(app, ["explain", "Wali Kota Balikpapan hadir pada Kamis 14 Maret 2024.", "--field", "regions",
                                 "--field", "dates"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Balikpapan](regions)" in result.stdout
    assert "](dates)" in result.stdout and "2024-03-14" in result.stdout


def test_cli_explains_a_text_longer_than_a_file_name_may_be():
    text = "Rapat digelar di Balikpapan pada Kamis 14 Maret 2024. " * 10  # over 255 bytes, no newline
    result = runner.invoke(app, ["explain", text, "--field", "regions"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Balikpapan](regions)" in result.stdout


def test_cli_resolves_relative_dates_against_published():
    args = ["explain", "Rapat digelar kemarin di Balikpapan.", "--field", "dates"]
    without = runner.invoke(app, args, env={"COLUMNS": "200"})
    with_date = runner.invoke(app, [*args, "--published", "2024-03-14"], env={"COLUMNS": "200"})
    assert "2024-03-13" not in without.stdout
    assert "[kemarin](dates)" in with_date.stdout and "2024-03-13" in with_date.stdout


def test_cli_explains_a_file():
    result = runner.invoke(app, ["explain", str(SEED), "--field", "regions"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert SEED.stem in result.stdout
    assert "Balikpapan](regions)" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["nope/missing.txt"], "no such file"),
    (["Teks.", "--published", "14/03/2024"], "not an ISO date"),
    (["Teks.", "--field", "places"], "unknown field"),
])
def test_cli_rejects_bad_arguments(args, message):
    result = runner.invoke(app, ["explain", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_a_broken_rules_file_ends_explain_with_file_and_line(tmp_path):
    broken = "field: boilerplate\ndescription: x\nline:\n  - id: b.one\n    pattern: [baca, juga]\ntail: []\n" \
             "examples:\n  - {text: x, expect: []}\n"
    (tmp_path / "boilerplate.yaml").write_text(broken, encoding="utf-8")
    env = {**os.environ, "EXTRACT_RULES_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "extract", "explain", "Teks."], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == f"error: {tmp_path / 'boilerplate.yaml'}:5: line.0.pattern: Input should be a valid string\n"
