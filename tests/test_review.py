"""`extract review`: the self-contained HTML page, rendered in headless Chromium where present."""
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import app
from extract.gold import sha256
from extract.review import Mark, collect, marked_html, render

runner = CliRunner()
TEXT = ("Wali Kota Balikpapan Rahmad Mas'ud menyebut 36 ribu pekerja <b>rentan</b> & 46 persen, "
        "Kamis 14 Maret 2024.\n\nAnggaran Rp2 miliar.")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def span(text: str, **attrs):
    start = TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text), **attrs}


GOLD = {
    "doc_id": "a1", "sha256": sha256(TEXT), "published": None,
    "regions": [span("Balikpapan", code="64.71", name="Kota Balikpapan", level="kota")],
    "officials": [span("Wali Kota Balikpapan Rahmad Mas'ud", name="Rahmad Mas'ud", title="Wali Kota Balikpapan")],
    "counts": [span("36 ribu pekerja <b>rentan</b>", value=36000, unit="pekerja rentan")],
    "percentages": [span("46 persen", value=46.0)],
    "dates": [span("Kamis 14 Maret 2024", value="2024-03-14", grain="day")],
    "money": [span("Rp2 miliar", value=2000000000)],
}
PRED = {
    "doc_id": "a1",
    "regions": [span("Balikpapan", code="64.71", name="Kota Balikpapan", level="kota", rule="region.gazetteer")],
    "officials": [span("Rahmad Mas'ud", name="Rahmad Mas'ud", title="Wali Kota", rule="official.title_name")],
    "percentages": [span("46 persen", value=45.0, rule="percent.persen")],
    "money": [span("36 ribu", value=36000, rule="money.bare"), span("Rp2 miliar", value=2000000000, rule="money.rp")],
    "dates": [span("14 Maret 2024", value="2024-03-14", grain="day", rule="date.dmy")],
}


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    return tmp_path


def review_of(workspace):
    return collect(workspace / "gold", workspace / "pred.jsonl", sources=(workspace / "texts",))


def kinds(html: str) -> list[tuple[str, str]]:
    """(classes, text) of every mark, outermost first."""
    return re.findall(r'<mark class="m ([^"]+)"[^>]*>([^<]*)', html)


def test_marks_follow_the_scorer(workspace):
    review = review_of(workspace)
    page = render(review)
    gold_side, pred_side = re.findall(r'<div class="text">(.*?)</div>', page, flags=re.S)
    assert kinds(gold_side) == [
        ("f-officials tp", "Wali Kota "), ("f-regions tp", "Balikpapan"), ("f-counts fn", "36 ribu pekerja &lt;b&gt;rentan&lt;/b&gt;"),
        ("f-percentages fn", "46 persen"), ("f-dates tp", "Kamis 14 Maret 2024"), ("f-money tp", "Rp2 miliar")]
    assert kinds(pred_side) == [
        ("f-regions tp", "Balikpapan"), ("f-officials tp", "Rahmad Mas&#x27;ud"), ("f-money fp", "36 ribu"),
        ("f-percentages fp", "46 persen"), ("f-dates tp", "14 Maret 2024"), ("f-money tp", "Rp2 miliar")]


class TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ok = [], True

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.ok = self.ok and bool(self.stack)
            self.stack.pop()


def test_crossing_marks_are_split_so_that_tags_nest():
    text = "abcdefghij"
    html = marked_html(text, [Mark(0, 6, "counts", "tp", "c"), Mark(3, 9, "money", "fp", "m"), Mark(4, 5, "dates", "fn", "d")])
    balance = TagBalance()
    balance.feed(html)
    assert balance.ok and not balance.stack
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count('class="m f-money fp"') == 2  # closed at "f" and reopened


def test_page_is_self_contained_and_escapes_text(workspace):
    page = render(review_of(workspace))
    assert "<b>rentan</b>" not in page and "&lt;b&gt;rentan&lt;/b&gt;" in page
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|url\(|@import", page)
    assert "default-src 'none'" in page
    assert '<table id="scores"' in page


def test_cli_writes_the_page(workspace):
    out = workspace / "report.html"
    result = runner.invoke(app, ["review", "--gold", str(workspace / "gold"), "--pred", str(workspace / "pred.jsonl"),
                                 "--texts", str(workspace / "texts"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "review of 1 gold articles written to" in result.stderr
    assert 'id="a1"' in out.read_text(encoding="utf-8")


def test_cli_names_a_gold_text_that_changed(workspace):
    (workspace / "texts" / "a1.txt").write_text(TEXT + " Ralat.", encoding="utf-8")
    result = runner.invoke(app, ["review", "--gold", str(workspace / "gold"), "--pred", str(workspace / "pred.jsonl"),
                                 "--texts", str(workspace / "texts"), "-o", str(workspace / "report.html")])
    assert result.exit_code == 1
    assert "a1.txt: text of a1 differs from the labeled one" in result.stderr


def test_without_predictions_the_pipeline_runs(workspace):
    review = collect(workspace / "gold", sources=(workspace / "texts",))
    assert review.predicted_by == "a fresh pipeline run"
    assert any(m["code"] == "64.71" for m in review.predictions["a1"]["regions"])
    assert review.report.fields["regions"].views["lenient"].tp >= 1


def dump_dom(page: Path, profile: Path, fragment: str = "") -> str:
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_chromium_renders_the_table_the_marks_and_the_filter(workspace, tmp_path):
    page = workspace / "report.html"
    page.write_text(render(review_of(workspace)), encoding="utf-8")

    dom = dump_dom(page, tmp_path / "profile-all")
    assert re.search(r'<table id="scores".*?<tr class="f-money">.*?</tr>', dom, flags=re.S)
    assert dom.count('class="m f-money fp"') == 1 and dom.count('class="m f-counts fn"') == 1
    assert re.search(r"<body( class=\"\")?>", dom)  # every field shown
    assert '<span id="shown">1</span>' in dom

    # The filter, set from the URL: only dates, only articles with date errors (none here).
    dom = dump_dom(page, tmp_path / "profile-dates", "#fields=dates&errors")
    body = re.search(r'<body class="([^"]*)"', dom).group(1).split()
    assert sorted(body) == sorted(f"hide-{f}" for f in ("regions", "officials", "counts", "percentages", "money"))
    assert '<span id="shown">0</span>' in dom
    assert re.search(r'<section class="article" id="a1"[^>]*hidden', dom)
