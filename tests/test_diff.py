"""`extract diff`: mentions added, removed and changed between two runs."""
import json

from click.testing import CliRunner

from extract.cli import app
from extract.diff import diff_records

runner = CliRunner()


def m(text: str, start: int, **attrs):
    return {"text": text, "start": start, "end": start + len(text), **attrs}


RUN_A = {
    "d1": {"doc_id": "d1",
           "regions": [m("Balikpapan", 10, code="64.71", level="kota", rule="region.gazetteer")],
           "money": [m("Rp16.800", 50, value=16800, currency="IDR", per=None, rule="money.rp")],
           "percentages": [m("46 persen", 80, value=46.0, rule="percent.persen")],
           "officials": [m("Kepala Dinas, Ani Mufidah", 100, name="Ani Mufidah", title="Kepala Dinas", rule="o.a")],
           "dates": [m("14 Maret 2024", 200, value="2024-03-14", grain="day", rule="date.dmy")]},
    "gone": {"doc_id": "gone", "counts": [m("36 ribu pekerja", 5, value=36000, unit="pekerja", rule="count.num")]},
}
RUN_B = {
    "d1": {"doc_id": "d1",
           "regions": [m("Balikpapan", 10, code="64.71", level="kota", rule="region.renamed")],  # rule only
           "money": [m("Rp16.800 per bulan", 50, value=16800, currency="IDR", per="bulan", rule="money.rp")],
           "percentages": [],
           "officials": [m("Kepala Dinas Tenaga Kerja, Ani Mufidah", 400, name="Ani  Mufidah",
                           title="Kepala Dinas Tenaga Kerja", rule="o.a")],  # moved to a fuller mention
           "dates": [m("Kamis 14 Maret 2024", 194, value="2024-03-14", grain="day", rule="date.dmy"),
                     m("2023", 300, value="2023", grain="year", rule="date.year")]},
    "new": {"doc_id": "new", "percentages": [m("5%", 0, value=5.0, rule="percent.sign")]},
}


def test_summary_counts_each_kind_per_field():
    result = diff_records(RUN_A, RUN_B)
    s = result.summary
    assert s["regions"] == {"added": 0, "removed": 0, "changed": 0, "unchanged": 1}
    assert s["money"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 0}
    assert s["percentages"] == {"added": 1, "removed": 1, "changed": 0, "unchanged": 0}
    assert s["officials"]["changed"] == 1 and s["officials"]["added"] == 0
    assert s["dates"] == {"added": 1, "removed": 0, "changed": 1, "unchanged": 0}
    assert s["counts"] == {"added": 0, "removed": 1, "changed": 0, "unchanged": 0}
    assert result.only_in_a == ["gone"] and result.only_in_b == ["new"]


def test_changes_name_the_attributes_that_differ():
    changes = {(c.doc_id, c.field, c.kind): c for c in diff_records(RUN_A, RUN_B).changes}
    money = changes["d1", "money", "changed"].differences()
    assert money == {"text": ("Rp16.800", "Rp16.800 per bulan"), "per": (None, "bulan")}
    assert set(changes["d1", "officials", "changed"].differences()) == {"text", "name", "title"}
    assert changes["d1", "percentages", "removed"].a["value"] == 46.0
    assert changes["new", "percentages", "added"].b["text"] == "5%"


def test_overlapping_mentions_pair_but_distant_ones_do_not():
    a = {"d": {"dates": [m("2023", 0, value="2023", grain="year")]}}
    b = {"d": {"dates": [m("2023", 10, value="2023", grain="year")]}}
    kinds = sorted(c.kind for c in diff_records(a, b, fields=("dates",)).changes)
    assert kinds == ["added", "removed"]


def test_identical_runs_have_no_changes():
    result = diff_records(RUN_A, RUN_A)
    assert not result.changes and not result.only_in_a
    assert sum(s["unchanged"] for s in result.summary.values()) == 6


def write_run(path, run):
    path.write_text("".join(json.dumps(r) + "\n" for r in run.values()), encoding="utf-8")
    return str(path)


def test_cli_prints_the_summary_table_and_each_change(tmp_path):
    a, b = write_run(tmp_path / "a.jsonl", RUN_A), write_run(tmp_path / "b.jsonl", RUN_B)
    result = runner.invoke(app, ["diff", a, b], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("added", "removed", "changed", "unchanged"):
        assert heading in out
    assert "~ d1 50-58 -> 50-68: text: 'Rp16.800' -> 'Rp16.800 per bulan'; per: None -> 'bulan'" in out
    assert "- d1 80-89 '46 persen' value=46.0 [percent.persen]" in out
    assert "+ new 0-2 '5%' value=5.0 [percent.sign]" in out
    assert "only in A: 1 articles: gone" in out


def test_cli_json_and_field_filter(tmp_path):
    a, b = write_run(tmp_path / "a.jsonl", RUN_A), write_run(tmp_path / "b.jsonl", RUN_B)
    result = runner.invoke(app, ["diff", a, b, "--json", "--field", "money"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data["summary"]) == ["money"]
    assert [c["kind"] for c in data["changes"]] == ["changed"]
    assert data["changes"][0]["differences"]["per"] == [None, "bulan"]


def test_cli_reports_a_file_that_is_not_records(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    good = write_run(tmp_path / "a.jsonl", RUN_A)
    result = runner.invoke(app, ["diff", good, str(bad)])
    assert result.exit_code == 2
    assert "not a file of records" in result.stderr
