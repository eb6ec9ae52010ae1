"""Compiling the rules' regular expressions with the fastest engine that accepts them.

Python's standard `re` engine runs the simple patterns of this project several times
faster than `regex` (less overhead per call, quicker scans), while `regex` is needed for
what `re` lacks: variable-width lookbehind, `\\p{..}` classes, repeated group names,
reverse searches.  `compile_pattern` tries `re` first and falls back to `regex`; both
engines read these patterns the same way (`regex` runs in its `re`-compatible mode V0).
Both also honour the per-article time budget (see `budget.py`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Union

import regex

from .memo import BuiltOnFirstUse

Pattern = Union[re.Pattern, regex.Pattern]
Match = Union[re.Match, regex.Match]

_SHARED_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE
assert (regex.IGNORECASE, regex.MULTILINE, regex.DOTALL, regex.VERBOSE) == (re.IGNORECASE, re.MULTILINE, re.DOTALL, re.VERBOSE)


@cache  # start-up time: components compile some patterns more than once, and `re` caches no failure
def compile_pattern(pattern: str, flags: int = 0) -> Pattern:
    """`pattern` compiled by `re` when it can be, else by `regex` (with the same flags)."""
    if not flags & ~_SHARED_FLAGS and "[[" not in pattern:  # "[[:alpha:]]" means something else to `re`
        try:
            return re.compile(pattern, flags)
        except re.error:
            pass
    return regex.compile(pattern, flags | regex.V0)


# What `compile_by_ascii` writes out for stdlib `re`, alike on ASCII text.  (Its ASCII mode
# also makes `re`'s \s leave out \x1c-\x1f, as `regex`'s does.)
_ASCII_CLASSES = {r"\p{Lu}": "A-Z", r"\p{Ll}": "a-z", r"\p{L}": "A-Za-z"}
_ESCAPE = r"\\p\{(?:Lu|Ll|L)\}|\\."
_CLASS_OR_ESCAPE = re.compile(rf"\[\^?\]?(?:{_ESCAPE}|[^\]\\])*\]|{_ESCAPE}")


def _ascii_spelling(found: re.Match) -> str:
    text = found.group()
    if text.startswith("["):  # a class: the escapes inside it become ranges
        return re.sub(_ESCAPE, lambda e: _ASCII_CLASSES.get(e.group(), e.group()), text)
    return f"[{_ASCII_CLASSES[text]}]" if text in _ASCII_CLASSES else text


def compile_by_ascii(pattern: str, flags: int = 0) -> tuple[Pattern, re.Pattern]:
    """`pattern` for any text and for ASCII text, to be indexed by `text.isascii()`: by
    `compile_pattern`, and by `re` in ASCII mode with \\p{Lu}, \\p{Ll} and \\p{L} written out
    as ASCII classes; a caller picks one with `pattern[text.isascii()]`.

    Both match alike on ASCII text (nearly every article, once folded), where the second costs
    a half to three quarters as much per call: no `regex` overhead, and case folding and
    character classes by table rather than by Unicode lookups.  The first is compiled only
    when a text needs it (start-up time: `re` compiles in Python, and most runs never do).
    """
    ascii_pattern = re.compile(_CLASS_OR_ESCAPE.sub(_ascii_spelling, pattern), flags | re.ASCII)
    return BuiltOnFirstUse(partial(compile_pattern, pattern, flags)), ascii_pattern  # type: ignore[return-value]


def ascii_table(char_of: Callable[[str], str]) -> bytes:
    """A `bytes.translate` table for ASCII text: each character to `char_of(character)` (one
    character).  Scans over such a copy (same length, so offsets carry over) can be led by a
    literal byte, or an automaton's root can have few children: several times faster than
    a character class over the text itself (`bytes.translate` is also faster than `str`'s)."""
    return bytes(ord(char_of(c)) for c in map(chr, range(128))) + bytes(128)


def spaced_copy(text: str, table: bytes) -> str:
    """ASCII `text` translated by `table` (an `ascii_table`), after one space: a word at the
    start of the text then stands after a space like the others (an offset in the copy is
    one more than in `text`)."""
    return " " + text.encode("ascii").translate(table).decode("ascii")


class AtLineStart:
    """A pattern matched only where a line starts: `finditer` yields (line start, match) for its
    matches, none inside another, as `finditer` of "(?m)^" and the pattern would.

    Speed: after the first line it searches for a newline followed by the pattern, which `re`
    skips to with a fast search for the literal newline; a "(?m)^" pattern is tried at every
    character (about 5 ns each), and a loop over the lines costs a Python step per line.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self._first_line = compile_pattern(pattern, flags)
        self._after_newline = compile_pattern(f"\n(?:{pattern})", flags)

    def finditer(self, text: str, limit: int | None = None) -> Iterator[tuple[int, Match]]:
        """The matches that start at a line start before `limit` (and end there at the latest)."""
        limit = len(text) if limit is None else limit
        m = self._first_line.match(text, 0, limit)
        if m:
            yield 0, m
        line_start, pos = 0, m.end() if m else 0
        # The next match starts at a later line start, at or after `pos` (it may be `pos`
        # itself when the previous match took its newline): a newline from there on, less one.
        while (m := self._after_newline.search(text, max(pos, line_start + 1) - 1, limit)) is not None:
            line_start, pos = m.start() + 1, m.end()
            yield line_start, m
