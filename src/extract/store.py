"""An embedded SQLite store of articles and their mentions, for incremental ingestion.

One row per article version (doc_id, sha256 of the text, source, title, published,
ingested_at, rules_version) and one table per field with the mentions, linked by
`article_id`.  Ingesting is idempotent (a text already stored under its doc_id is
skipped), a changed text becomes a new version (the old one is kept), and work is
committed per batch in one transaction, so a crash never leaves a partial article.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import fields
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

from .models import FIELDS, MENTION_CLASSES, Record
from .pipeline import Article, Pipeline
from .pipelinecache import load_pipeline
from .rules import RULES_DIR

_COLUMN_TYPES = {int: "INTEGER", float: "REAL", str: "TEXT"}


def _columns(field: str) -> list[str]:
    return [f.name for f in fields(MENTION_CLASSES[field]) if f.name not in ("start", "end")]


def _schema() -> str:
    tables = [
        """CREATE TABLE IF NOT EXISTS articles (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            source TEXT, url TEXT, title TEXT, published TEXT,
            ingested_at TEXT NOT NULL,
            rules_version TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (doc_id, sha256), UNIQUE (doc_id, version))""",
        """CREATE TABLE IF NOT EXISTS input_errors (
            id INTEGER PRIMARY KEY, source TEXT, line INTEGER, doc_id TEXT, message TEXT, at TEXT)""",
    ]
    for field in FIELDS:
        cols = ", ".join(f'"{c}"' for c in _columns(field))
        tables.append(
            f"""CREATE TABLE IF NOT EXISTS {field} (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, {cols})"""
        )
        tables.append(f"CREATE INDEX IF NOT EXISTS {field}_article ON {field}(article_id)")
    tables.append(
        """CREATE VIEW IF NOT EXISTS current_articles AS
           SELECT * FROM articles a WHERE version = (SELECT MAX(version) FROM articles b WHERE b.doc_id = a.doc_id)"""
    )
    return ";\n".join(tables)


@cache
def rules_version(rules_dir: Path = RULES_DIR) -> str:
    """A fingerprint of the rules and the package code: it changes when extraction may."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(list(rules_dir.glob("*.yaml")) + list(package.glob("*.py"))):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def connect(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_schema())
    return db


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cell(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, list) else value


class Store:
    """Ingest articles into, and read records out of, one SQLite file."""

    def __init__(self, path: Path | str, pipeline: Pipeline | None = None):
        self.db = connect(path)
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = load_pipeline()
        return self._pipeline

    def close(self) -> None:
        self.db.close()

    def status(self, article: Article) -> str:
        """'stored' (this text is in), 'changed' (a new version of a stored doc_id) or 'new'."""
        sha = _sha(article.text)
        rows = self.db.execute("SELECT sha256 FROM articles WHERE doc_id = ?", (article.doc_id,)).fetchall()
        if any(r[0] == sha for r in rows):
            return "stored"
        return "changed" if rows else "new"

    def _insert_mentions(self, article_id: int, record: Record) -> None:
        for field in FIELDS:
            cols = _columns(field)
            rows = [(article_id, m.start, m.end, *(_cell(getattr(m, c)) for c in cols)) for m in getattr(record, field)]
            if rows:
                marks = ", ".join("?" * (len(cols) + 3))
                names = ", ".join(f'"{c}"' for c in cols)
                self.db.executemany(f'INSERT INTO {field} (article_id, start, "end", {names}) VALUES ({marks})', rows)

    def add(self, article: Article, record: Record) -> int:
        """Store one article and its record (inside the caller's transaction)."""
        version = self.db.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM articles WHERE doc_id = ?", (article.doc_id,)
        ).fetchone()[0]
        cur = self.db.execute(
            "INSERT INTO articles (doc_id, version, sha256, source, url, title, published, ingested_at, rules_version, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.doc_id, version, _sha(article.text), article.source, article.url, article.title,
             record.published, datetime.now(timezone.utc).isoformat(timespec="seconds"), rules_version(), article.text),
        )
        self._insert_mentions(cur.lastrowid, record)
        return cur.lastrowid

    def log_error(self, source: str, line: int | None, doc_id: str | None, message: str) -> None:
        self.db.execute(
            "INSERT INTO input_errors (source, line, doc_id, message, at) VALUES (?, ?, ?, ?, ?)",
            (source, line, doc_id, message, datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )

    def outdated(self) -> Iterator[tuple[int, Article]]:
        """Stored articles extracted with rules older than the current ones."""
        rows = self.db.execute(
            "SELECT id, doc_id, text, published, title, url, source FROM articles WHERE rules_version != ? ORDER BY id",
            (rules_version(),),
        ).fetchall()
        for row_id, doc_id, text, published, title, url, source in rows:
            yield row_id, Article(text=text, doc_id=doc_id, published=date.fromisoformat(published) if published else None,
                                  title=title, url=url, source=source)

    def replace_mentions(self, article_id: int, record: Record) -> None:
        for field in FIELDS:
            self.db.execute(f"DELETE FROM {field} WHERE article_id = ?", (article_id,))
        self._insert_mentions(article_id, record)
        self.db.execute("UPDATE articles SET rules_version = ?, published = ? WHERE id = ?",
                        (rules_version(), record.published, article_id))

    def records(self, all_versions: bool = False) -> Iterator[Record]:
        """The stored records, as `extract run` writes them (latest version per doc_id)."""
        table = "articles" if all_versions else "current_articles"
        for article_id, doc_id, published in self.db.execute(f"SELECT id, doc_id, published FROM {table} ORDER BY id").fetchall():
            fields = {f: self.mentions(f, article_id) for f in FIELDS}
            yield Record.from_dict({"doc_id": doc_id, "published": published, **fields})

    def mentions(self, field: str, article_id: int) -> list[dict[str, Any]]:
        cols = ["start", "end", *_columns(field)]
        names = ", ".join(f'"{c}"' for c in cols)
        rows = self.db.execute(f"SELECT {names} FROM {field} WHERE article_id = ? ORDER BY start, \"end\"", (article_id,))
        out = []
        for row in rows:
            m = dict(zip(cols, row))
            if field == "regions" and m.get("alt_codes"):
                m["alt_codes"] = json.loads(m["alt_codes"])
            out.append(m)
        return out

    def table(self, field: str) -> tuple[list[str], Iterable[tuple]]:
        """One flat table of a field's mentions for analysts (current versions)."""
        cols = ["start", "end", *_columns(field)]
        names = ", ".join(f'm."{c}"' for c in cols)
        rows = self.db.execute(
            f"SELECT a.doc_id, a.published, {names} FROM {field} m JOIN current_articles a ON a.id = m.article_id"
            " ORDER BY a.id, m.start"
        )
        return ["doc_id", "published", *cols], rows
