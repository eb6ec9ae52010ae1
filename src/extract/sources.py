"""Reading articles: `.txt`, `.html`, `.json` (an array), `.jsonl`, directories, and `-` (stdin).

`read_inputs` yields, in input order, an `Article` for every article it could read and an
`InputError` (file, line, what is wrong) for every one it could not, so nothing is ever
dropped silently.  Files are streamed: a `.jsonl` file is read line by line.
"""
from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .pipeline import Article
from .published import parse_published

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
JSON_SUFFIXES = {".json"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
STDIN = "-"


@dataclass(frozen=True)
class InputError:
    """An input that could not be turned into an article."""

    source: str
    line: int | None
    message: str
    doc_id: str | None = None
    fatal: bool = True  # False: a warning; the article is still processed

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class DecodeError(ValueError):
    pass


def decode_bytes(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1.

    Raises DecodeError for binary data (NUL bytes outside UTF-16).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _expand(paths: Iterable[str | Path], glob: str) -> Iterator[Path | InputError]:
    for raw in paths:
        if str(raw) == STDIN:
            yield Path(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob(glob) if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not files:
                yield InputError(str(path), None, f"directory holds no input files matching {glob!r}")
            yield from files
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), None, "no such file or directory")


def read_inputs(paths: Iterable[str | Path], glob: str = "*") -> Iterator[Article | InputError]:
    """Every article of every path, in order, or an error naming the file and line.

    `glob` filters the files found in directories (recursively)."""
    seen_ids: set[str] = set()
    for item in _expand(paths, glob):
        if isinstance(item, InputError):
            yield item
            continue
        for result in _reader(item)(item):
            if isinstance(result, Article):
                if result.doc_id in seen_ids:
                    yield InputError(str(item), _line_of(result), f"duplicate id {result.doc_id!r}", result.doc_id)
                    continue
                seen_ids.add(result.doc_id)
            yield result


def _reader(path: Path):
    if str(path) == STDIN:
        return _read_stdin
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl
    if suffix in JSON_SUFFIXES:
        return _read_json_array
    if suffix in HTML_SUFFIXES:
        return _read_html
    return _read_text_file


def _read_stdin(_: Path) -> Iterator[Article | InputError]:
    """stdin: JSON Lines when the first non-blank character is '{', else one plain-text article."""
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        for number, raw in enumerate(data.splitlines(), start=1):
            if raw.strip():
                yield from _article_from_json_line(Path("<stdin>"), number, raw)
        return
    yield from _article_from_bytes(Path("<stdin>"), data, "stdin")


def _read_html(path: Path) -> Iterator[Article | InputError]:
    try:
        import trafilatura
    except ImportError:
        yield InputError(str(path), None, "reading .html needs the optional extra: pip install 'extract-id[html]'", path.stem)
        return
    try:
        html = decode_bytes(path.read_bytes())
    except (OSError, DecodeError) as err:
        yield InputError(str(path), None, str(err), path.stem)
        return
    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    if not text.strip():
        yield InputError(str(path), None, "no article text found in the HTML", path.stem)
        return
    meta = trafilatura.extract_metadata(html)
    published = parse_published(meta.date) if meta and meta.date else None
    yield Article(text=text, doc_id=path.stem, published=published, title=meta.title if meta else None,
                  url=meta.url if meta else None, source=str(path))


def _read_json_array(path: Path) -> Iterator[Article | InputError]:
    try:
        items = json.loads(decode_bytes(path.read_bytes()))
    except (OSError, DecodeError) as err:
        yield InputError(str(path), None, str(err))
        return
    except json.JSONDecodeError as err:
        yield InputError(str(path), err.lineno, f"not JSON: {err.msg} (column {err.colno})")
        return
    if not isinstance(items, list):
        items = [items]
    for number, obj in enumerate(items, start=1):
        yield from _article_from_object(path, number, obj, where_kind="item")


def _line_of(article: Article) -> int | None:
    return int(article.source.rsplit(":", 1)[1]) if article.source and ":" in article.source else None


def _read_text_file(path: Path) -> Iterator[Article | InputError]:
    if path.suffix.lower() not in TEXT_SUFFIXES:
        yield InputError(str(path), None, f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(sorted(SUPPORTED))}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputError(str(path), None, str(err), path.stem)
        return
    yield from _article_from_bytes(path, data, path.stem)


def _article_from_bytes(path: Path, data: bytes, doc_id: str) -> Iterator[Article | InputError]:
    try:
        text = decode_bytes(data)
    except DecodeError as err:
        yield InputError(str(path), None, str(err), doc_id)
        return
    if not text.strip():
        yield InputError(str(path), None, "empty file", doc_id)
        return
    yield Article(text=text, doc_id=doc_id, source=str(path))


def _read_jsonl(path: Path) -> Iterator[Article | InputError]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            yield from _article_from_json_line(path, number, raw)


def _article_from_json_line(path: Path, number: int, raw: bytes) -> Iterator[Article | InputError]:
    where = str(path)
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        yield InputError(where, number, f"not UTF-8 ({err.reason} at byte {err.start})")
        return
    except json.JSONDecodeError as err:
        yield InputError(where, number, f"not JSON: {err.msg} (column {err.colno})")
        return
    yield from _article_from_object(path, number, obj)


def _article_from_object(path: Path, number: int, obj: object, where_kind: str = "line") -> Iterator[Article | InputError]:
    """An article from one decoded JSON value (a JSONL line or a JSON array item)."""
    where = str(path) if where_kind == "line" else f"{path} item"
    if not isinstance(obj, dict):
        yield InputError(where, number, f"expected a JSON object, got {type(obj).__name__}")
        return
    doc_id = obj.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{path.stem}:{number}"
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        yield InputError(where, number, "missing or empty 'text'", doc_id)
        return
    raw_date = obj.get("published") or obj.get("date")
    published = parse_published(raw_date) if isinstance(raw_date, str) and raw_date.strip() else None
    if raw_date and published is None:
        yield InputError(where, number, f"unreadable publication date {raw_date!r}; processed without it", doc_id, fatal=False)
    yield Article(
        text=text, doc_id=doc_id, published=published,
        title=obj.get("title") or None, url=obj.get("url") or None, source=f"{where}:{number}",
    )
