"""Reading articles: `.txt`, `.html`, `.json` (an array), `.jsonl`, directories, and `-` (stdin).

`read_inputs` yields, in input order, an `Article` for every article it could read and an
`InputError` (file, line, what is wrong) for every one it could not, so nothing is ever
dropped silently.  Files are streamed: a `.jsonl` file is read line by line.

Every text is checked before it becomes an article: one longer than the size limit
(`max_article_mb`, in MiB of characters) and one of at least `PROSE_MIN_CHARS` characters
of which fewer than `PROSE_MIN_LETTERS` are letters (a dump of numbers, not prose) are
refused with an error.
"""
from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .pipeline import Article
from .published import parse_published

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
JSON_SUFFIXES = {".json"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
STDIN = "-"

MIB = 2**20
DEFAULT_MAX_ARTICLE_MB = 10.0
BYTES_PER_CHAR_MAX = 6  # a JSON "\u00e9" escape (an escaped emoji takes 12, rare enough): the read cap
PROSE_MIN_CHARS = 1000  # shorter texts are never refused as not prose
PROSE_MIN_LETTERS = 0.05
# Legacy encodings tried when the bytes are not UTF-8.  Mac Roman and cp850 are left out on
# purpose: with them as candidates charset-normalizer misread cp1252 press releases (curly
# quotes, é, ®) in 12 of 60 paragraphs of the seed articles, and in 23 of 60 with cp850 too.
LEGACY_ENCODINGS = ["cp1252", "latin_1"]
UTF16_ENCODINGS = ["utf_16_le", "utf_16_be"]  # UTF-16 without a byte-order mark
MESS_MAX = 0.2  # charset-normalizer's own limit of "mess" (odd symbols, mixed scripts) in text
_STRAY_BYTE = re.compile(r"[\udc80-\udcff]")  # an undecodable byte under "surrogateescape"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())


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
    """Bytes that are not text in any encoding read here; `line` holds the first bad byte."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and a warning (about `line`) when some bytes had to be guessed."""

    text: str
    warning: str | None = None
    line: int | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Text from bytes: UTF-8 (with or without BOM) and UTF-16 with BOM read directly;
    UTF-16 without BOM and legacy cp1252/latin-1 detected by charset-normalizer; UTF-8 with
    a few stray legacy bytes read as UTF-8, those bytes as cp1252, with a warning.

    Raises DecodeError for binary data and for bytes that fit none of these encodings."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"))
        except UnicodeDecodeError as err:
            raise DecodeError(f"not UTF-16 despite its byte-order mark ({err.reason} at byte {err.start:,})") from None
    body = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in body:
        decoded = _detect(body, UTF16_ENCODINGS) if _looks_utf16(body) else None
        if decoded is None:
            raise DecodeError("binary data (NUL bytes), not text", _line_at(body, body.index(b"\x00")))
        return decoded
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        first_bad = err.start
    decoded = _mixed_utf8(body) or _detect(body, LEGACY_ENCODINGS)
    if decoded is None:
        raise DecodeError(f"undecodable bytes: not UTF-8, UTF-16, cp1252 or latin-1 text"
                          f" (first bad byte 0x{body[first_bad]:02x} at byte {first_bad:,})", _line_at(body, first_bad))
    return decoded


def _looks_utf16(data: bytes) -> bool:
    """Latin-script UTF-16: a NUL in at least half of the 2-byte units, always on the same side."""
    return max(data[0::2].count(0), data[1::2].count(0)) >= len(data) // 4


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _detect(data: bytes, encodings: list[str]) -> Decoded | None:
    """The most plausible of `encodings` (charset-normalizer), or None when none gives text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=encodings, enable_fallback=False).best()
    return Decoded(str(best)) if best else None


def _mixed_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with stray bytes (legacy text pasted in): those bytes read as cp1252, with a warning.

    None when there is no UTF-8 beyond ASCII (the text is legacy) or the result is not text."""
    from charset_normalizer.md import mess_ratio

    escaped = data.decode("utf-8", "surrogateescape")
    stray = len(_STRAY_BYTE.findall(escaped))
    if len(_NON_ASCII.findall(escaped)) == stray:
        return None
    text = _STRAY_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), escaped)
    if mess_ratio(text, MESS_MAX) >= MESS_MAX:
        return None
    first = _STRAY_BYTE.search(escaped)
    offset = len(escaped[:first.start()].encode("utf-8"))
    plural = "s" if stray > 1 else ""
    warning = f"mixed encodings: {stray:,} byte{plural} not UTF-8 (first 0x{data[offset]:02x} at byte {offset:,}) read as cp1252"
    return Decoded(text, warning, _line_at(data, offset))


def _limit(max_chars: int) -> str:
    return f"limit {max_chars / MIB:.3g} MB = {max_chars:,} characters, see --max-article-mb"


def _too_many_bytes(max_chars: int) -> str:
    return f"article too large: over {BYTES_PER_CHAR_MAX * max_chars:,} bytes ({_limit(max_chars)})"


def _refusal(text: str, max_chars: int) -> str | None:
    """Why `text` is not taken as an article (too large, or numbers rather than prose), or None."""
    if len(text) > max_chars:
        return f"article too large: {len(text):,} characters ({_limit(max_chars)})"
    if len(text) < PROSE_MIN_CHARS:
        return None
    needed = PROSE_MIN_LETTERS * len(text)
    ascii_letters = text[:4 * PROSE_MIN_CHARS].encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER)
    if len(ascii_letters) >= needed:  # the usual case, counted in C: ASCII letters alone suffice
        return None
    letters = 0
    for start in range(0, len(text), PROSE_MIN_CHARS):  # prose passes within its first chunk
        letters += sum(map(str.isalpha, text[start:start + PROSE_MIN_CHARS]))
        if letters >= needed:
            return None
    return f"not prose: {letters / len(text):.1%} letters in {len(text):,} characters"


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


def read_inputs(paths: Iterable[str | Path], glob: str = "*",
                max_article_mb: float = DEFAULT_MAX_ARTICLE_MB) -> Iterator[Article | InputError]:
    """Every article of every path, in order, or an error naming the file and line.

    `glob` filters the files found in directories (recursively).  An article of more than
    `max_article_mb` MiB of characters, or a long one that is not prose, is refused."""
    max_chars = int(max_article_mb * MIB)
    seen_ids: set[str] = set()
    for item in _expand(paths, glob):
        if isinstance(item, InputError):
            yield item
            continue
        for result in _reader(item)(item, max_chars):
            if isinstance(result, Article):
                refusal = _refusal(result.text, max_chars) or (
                    f"duplicate id {result.doc_id!r}" if result.doc_id in seen_ids else None)
                if refusal:
                    yield InputError(str(item), _line_of(result), refusal, result.doc_id)
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


def _decode(source: str, data: bytes, doc_id: str | None, line: int | None = None) -> Generator[InputError, None, str | None]:
    """Yield the decoding's warning or error and return the text (None after an error).

    `line` (a JSON Lines line) takes the place of the line inside `data`."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as err:
        yield InputError(source, line or err.line, str(err), doc_id)
        return None
    if decoded.warning:
        yield InputError(source, line or decoded.line, decoded.warning, doc_id, fatal=False)
    return decoded.text


def _read_file(path: Path, max_chars: int) -> Generator[InputError, None, str | None]:
    """Yield the errors and warnings of reading one article file; return its text (None after an error).

    A file surely over the size limit is refused without being read whole."""
    max_bytes = BYTES_PER_CHAR_MAX * max_chars
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        yield InputError(str(path), None, str(err), path.stem)
        return None
    if len(data) > max_bytes:
        yield InputError(str(path), None, _too_many_bytes(max_chars), path.stem)
        return None
    return (yield from _decode(str(path), data, path.stem))


def _read_stdin(_: Path, _max_chars: int) -> Iterator[Article | InputError]:
    """stdin: JSON Lines when the first non-blank character is '{', else one plain-text article
    (read whole, so the article size limit applies after reading)."""
    data = sys.stdin.buffer.read()
    source = Path("<stdin>")
    if data.lstrip()[:1] == b"{":
        for number, raw in enumerate(data.splitlines(), start=1):
            if raw.strip():
                yield from _article_from_json_line(source, number, raw)
        return
    text = yield from _decode(str(source), data, "stdin")
    if text is not None:
        yield _article_from_text(source, text, "stdin")


def _read_text_file(path: Path, max_chars: int) -> Iterator[Article | InputError]:
    if path.suffix.lower() not in TEXT_SUFFIXES:
        yield InputError(str(path), None, f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(sorted(SUPPORTED))}")
        return
    text = yield from _read_file(path, max_chars)
    if text is not None:
        yield _article_from_text(path, text, path.stem)


def _article_from_text(path: Path, text: str, doc_id: str) -> Article | InputError:
    if not text.strip():
        return InputError(str(path), None, "empty file", doc_id)
    return Article(text=text, doc_id=doc_id, source=str(path))


def _read_html(path: Path, max_chars: int) -> Iterator[Article | InputError]:
    try:
        import trafilatura
    except ImportError:
        yield InputError(str(path), None, "reading .html needs the optional extra: pip install 'extract-id[html]'", path.stem)
        return
    html = yield from _read_file(path, max_chars)
    if html is None:
        return
    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    if not text.strip():
        yield InputError(str(path), None, "no article text found in the HTML", path.stem)
        return
    meta = trafilatura.extract_metadata(html)
    published = parse_published(meta.date) if meta and meta.date else None
    yield Article(text=text, doc_id=path.stem, published=published, title=meta.title if meta else None,
                  url=meta.url if meta else None, source=str(path))


def _read_json_array(path: Path, _max_chars: int) -> Iterator[Article | InputError]:
    """A JSON array of articles (read whole: it holds many articles, so no per-article cap)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputError(str(path), None, str(err))
        return
    text = yield from _decode(str(path), data, None)
    if text is None:
        return
    try:
        items = json.loads(text)
    except json.JSONDecodeError as err:
        yield InputError(str(path), err.lineno, f"not JSON: {err.msg} (column {err.colno})")
        return
    if not isinstance(items, list):
        items = [items]
    for number, obj in enumerate(items, start=1):
        yield from _article_from_object(path, number, obj, where_kind="item")


def _line_of(article: Article) -> int | None:
    """The line (or item) number in a source such as `feed.jsonl:7`; None for a whole file."""
    where, _, line = (article.source or "").rpartition(":")
    return int(line) if where and line.isdigit() else None


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of `handle`; None for a line over `max_bytes`, skipped without holding it whole."""
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := handle.readline(MIB)) and not rest.endswith(b"\n"):
            pass
        yield None


def _read_jsonl(path: Path, max_chars: int) -> Iterator[Article | InputError]:
    with path.open("rb") as handle:
        for number, raw in enumerate(_bounded_lines(handle, BYTES_PER_CHAR_MAX * max_chars), start=1):
            if raw is None:
                yield InputError(str(path), number, _too_many_bytes(max_chars))
            elif raw.strip():
                yield from _article_from_json_line(path, number, raw)


def _article_from_json_line(path: Path, number: int, raw: bytes) -> Iterator[Article | InputError]:
    text = yield from _decode(str(path), raw, None, number)
    if text is None:
        return
    try:
        obj = json.loads(text.rstrip("\r\n"))  # so that an error's column is on this line
    except json.JSONDecodeError as err:
        yield InputError(str(path), number, f"not JSON: {err.msg} (column {err.colno})")
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
