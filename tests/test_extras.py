"""The optional extras: Parquet export (`parquet`, pyarrow) and `.html` input (`html`, trafilatura).

Each test skips cleanly where its extra is not installed."""
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import app
from extract.models import FIELDS
from extract.pipeline import Article
from extract.sources import read_inputs

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()
PARAGRAPHS = [
    "Bupati Penajam Paser Utara, Mudyat Noor, menyerahkan “bantuan” sebesar Rp 5 juta kepada kelompok tani di Babulu, Selasa (25/03/2025).",
    "Menurut dia, bantuan itu diberikan kepada lebih dari 20 ribu orang petani yang terdampak banjir pada awal bulan ini.",
    "Sebanyak 46,5 persen lahan pertanian di kabupaten itu rusak, sehingga pemerintah daerah menyiapkan dana tambahan.",
]


def ingested_corpus(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["ingest", str(REPO / "corpus"), "--db", str(db)]).exit_code == 0
    return db


def test_parquet_export_has_the_rows_of_the_csv_export(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    db = ingested_corpus(tmp_path)
    for fmt in ("parquet", "csv"):
        result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(tmp_path / fmt)])
        assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in (tmp_path / "parquet").glob("*.parquet")) == sorted(FIELDS)
    for field in FIELDS:
        table = pq.read_table(tmp_path / "parquet" / f"{field}.parquet")
        rows = list(csv.DictReader((tmp_path / "csv" / f"{field}.csv").open(encoding="utf-8")))
        assert table.column_names == list(rows[0])
        assert table.column("start").to_pylist() == [int(r["start"]) for r in rows]
        assert table.column("text").to_pylist() == [r["text"] for r in rows]
    money = pq.read_table(tmp_path / "parquet" / "money.parquet").to_pylist()
    assert any(m["value"] == 16800 and m["per"] == "bulan" and m["currency"] == "IDR" for m in money)


def test_parquet_export_of_one_field_needs_an_output_file(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    db = ingested_corpus(tmp_path)
    out = tmp_path / "regions.parquet"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--field", "regions", "-o", str(out)]).exit_code == 0
    assert "code" in pq.read_table(out).column_names
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--field", "regions"])
    assert result.exit_code == 2 and "parquet export needs -o FILE" in result.stderr


def page(body: str) -> str:
    """A news page: navigation and footer around the article, as sites publish them."""
    return ("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Bantuan untuk petani Babulu</title>"
            "<meta property=\"article:published_time\" content=\"2025-03-25T10:00:00+08:00\"></head><body>"
            "<nav><ul><li><a href=\"/\">Beranda</a></li><li>Promo Rp 99 juta</li></ul></nav>"
            f"{body}<footer>Hak cipta © 2025 Redaksi. Iklan Rp 1 miliar.</footer></body></html>")


def test_html_main_text_is_extracted_without_navigation_and_footer(tmp_path):
    pytest.importorskip("trafilatura")
    article = "<article><h1>Bantuan untuk petani Babulu</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    path = tmp_path / "berita.html"
    path.write_bytes(page(article).encode("cp1252"))
    (item,) = read_inputs([path])
    assert isinstance(item, Article) and item.title == "Bantuan untuk petani Babulu"
    assert all(p in item.text for p in PARAGRAPHS) and "Beranda" not in item.text and "Hak cipta" not in item.text
    result = runner.invoke(app, ["run", str(path)])
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["doc_id"], record["published"]) == ("berita", "2025-03-25")
    assert [m["value"] for m in record["money"]] == [5_000_000]
    for field in FIELDS:
        assert all(item.text[m["start"]:m["end"]] == m["text"] for m in record[field])


def test_html_without_article_text_is_an_error_and_others_still_run(tmp_path):
    pytest.importorskip("trafilatura")
    gallery = "<html><head><title>Galeri foto</title></head><body><img src=\"banjir.jpg\"></body></html>"
    (tmp_path / "kosong.html").write_text(gallery, encoding="utf-8")
    (tmp_path / "berita.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["berita"]
    assert f"error: {tmp_path / 'kosong.html'}: no article text found in the HTML" in result.stderr
    assert result.exit_code == 1
