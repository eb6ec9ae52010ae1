"""The SQLite store: idempotent ingest, versions, reprocessing, export, and crash safety."""
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from extract.cli import app
from extract.models import FIELDS
from extract.pipeline import Article, Pipeline

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
runner = CliRunner()


def ingest(db, *paths, extra=()):
    return runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db), *extra])


def count(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_ingest_is_idempotent_and_export_matches_run(tmp_path):
    db = tmp_path / "s.db"
    first = ingest(db, REPO / "corpus")
    assert first.exit_code == 0, first.stderr
    assert "new=5" in first.stderr
    again = ingest(db, REPO / "corpus")
    assert "new=0" in again.stderr and "unchanged=5" in again.stderr
    assert count(db, "SELECT COUNT(*) FROM articles") == 5
    assert count(db, "PRAGMA journal_mode") == "wal"
    exported = runner.invoke(app, ["export", "--db", str(db)])
    ran = runner.invoke(app, ["run", str(REPO / "corpus")])
    assert [json.loads(l) for l in exported.stdout.splitlines()] == [json.loads(l) for l in ran.stdout.splitlines()]


def test_changed_text_is_a_new_version_and_old_is_kept(tmp_path):
    db = tmp_path / "s.db"
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("Bupati PPU, Mudyat Noor, menyerahkan Rp 5 juta.", encoding="utf-8")
    ingest(db, doc.parent)
    doc.write_text("Bupati PPU, Mudyat Noor, menyerahkan Rp 7 juta.", encoding="utf-8")
    result = ingest(db, doc.parent)
    assert "changed=1" in result.stderr
    assert count(db, "SELECT COUNT(*) FROM articles WHERE doc_id = 'a'") == 2
    records = [json.loads(l) for l in runner.invoke(app, ["export", "--db", str(db)]).stdout.splitlines()]
    assert len(records) == 1 and records[0]["money"][0]["value"] == 7_000_000


def test_mentions_are_queryable_tables(tmp_path):
    db = tmp_path / "s.db"
    ingest(db, SEEDS[4])
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT value, per, currency FROM money ORDER BY start").fetchall()
    assert (16800, "bulan", "IDR") in rows


def test_reprocess_reextracts_outdated_articles(tmp_path):
    db = tmp_path / "s.db"
    ingest(db, REPO / "corpus")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET rules_version = 'old' WHERE doc_id LIKE '00%'")
        conn.execute("DELETE FROM money")
    result = ingest(db, extra=["--reprocess"])
    assert "reprocessed=5" in result.stderr
    assert count(db, "SELECT COUNT(*) FROM articles WHERE rules_version = 'old'") == 0
    assert count(db, "SELECT COUNT(*) FROM money") > 0


def test_input_errors_are_logged_in_the_store(tmp_path):
    db = tmp_path / "s.db"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Rp 5 juta"}\nnot json\n', encoding="utf-8")
    result = ingest(db, bad)
    assert result.exit_code == 1
    assert count(db, "SELECT COUNT(*) FROM input_errors WHERE line = 2") == 1
    assert count(db, "SELECT COUNT(*) FROM articles") == 1


def test_csv_export_one_table_per_field(tmp_path):
    db = tmp_path / "s.db"
    ingest(db, REPO / "corpus")
    out = tmp_path / "tables"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(FIELDS)
    rows = list(csv.DictReader((out / "money.csv").open(encoding="utf-8")))
    assert {"doc_id", "published", "start", "end", "value", "currency", "per"} <= set(rows[0])


def test_sigkill_mid_ingest_then_restart_leaves_every_article_once_and_whole(tmp_path):
    db = tmp_path / "s.db"
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for i in range(1500):
            out.write(json.dumps({"id": f"doc{i}", "text": texts[i % 5]}) + "\n")
    cmd = [sys.executable, "-m", "extract", "ingest", str(feed), "--db", str(db), "--batch", "50"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some batches are in, then kill mid-run
        time.sleep(0.2)
        try:
            if count(db, "SELECT COUNT(*) FROM articles") >= 100:
                break
        except sqlite3.OperationalError:
            pass
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = count(db, "SELECT COUNT(*) FROM articles")
    assert 0 < stored_before < 1500, "the kill should land mid-run"
    assert stored_before % 50 == 0, "only whole batches are committed"
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    assert count(db, "SELECT COUNT(*) FROM articles") == 1500
    assert count(db, "SELECT COUNT(DISTINCT doc_id) FROM articles") == 1500
    pipeline = Pipeline()
    expected = {}
    for i in range(5):
        record = pipeline(Article(text=texts[i]))
        expected[i] = {f: len(getattr(record, f)) for f in FIELDS}
    with sqlite3.connect(db) as conn:
        for field in FIELDS:
            rows = conn.execute(
                f"SELECT a.doc_id, COUNT(m.article_id) FROM articles a LEFT JOIN {field} m ON m.article_id = a.id GROUP BY a.id"
            ).fetchall()
            for doc_id, n in rows:
                assert n == expected[int(doc_id[3:]) % 5][field], (doc_id, field)
