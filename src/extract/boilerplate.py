"""Marks page furniture (read-also lines, related lists, footers) so no field labels it.

The patterns are plain regular expressions; the standard library's `re` runs these
line-anchored alternations about 7x faster than `regex` (0.015 vs 0.11 ms per article,
measured over 1,000 shared-corpus articles)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .document import Document
from .rules import RuleFile, load_rule_file
from pydantic import BaseModel, ConfigDict


class LinePattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: str


class BoilerplateRules(RuleFile):
    line: list[LinePattern]
    tail: list[LinePattern]


_INDENT = r"[ \t\u00a0•·*>\-]*"


class _AtLineStart:
    """A pattern that matches only at a line start: `finditer` finds its matches.

    Speed: after the first line it searches for a newline followed by the pattern, which
    `re` skips to with a fast search for the literal newline; a `(?m)^` pattern would be
    tried at every character, and a loop over the lines costs a Python step per line.
    """

    def __init__(self, patterns: list[LinePattern]):
        body = "(?:" + "|".join(p.pattern for p in patterns) + ")"
        self._first_line = re.compile(_INDENT + body, re.I | re.M)
        self._after_newline = re.compile("\n" + _INDENT + body, re.I | re.M)

    def finditer(self, text: str, limit: int) -> Iterator[tuple[int, int]]:
        """(start, end) of every match starting at a line start before `limit`, none inside another."""
        m = self._first_line.match(text, 0, limit)
        if m:
            yield m.span()
        line_start, pos = 0, m.end() if m else 0
        # The next match starts at a later line start, at or after `pos` (it may be `pos`
        # itself when the previous match took its newline): a newline from there on, less one.
        while (m := self._after_newline.search(text, max(pos, line_start + 1) - 1, limit)) is not None:
            line_start, pos = m.start() + 1, m.end()
            yield line_start, pos


class BoilerplateMarker:
    """Pipeline component: sets `doc.boilerplate` from `rules/boilerplate.yaml`."""

    field = "boilerplate"

    def __init__(self, rules: BoilerplateRules | None = None):
        rules = rules or load_rule_file("boilerplate", BoilerplateRules)
        self._line = _AtLineStart(rules.line)
        self._tail = _AtLineStart(rules.tail)

    def __call__(self, doc: Document) -> list[tuple[int, int]]:
        text = doc.match_text
        spans = []
        tail = next(self._tail.finditer(text, len(text)), None)
        limit = tail[0] if tail else len(text)
        if tail:
            spans.append((_skip_indent(text, tail[0]), len(text.rstrip())))
        for start, match_end in self._line.finditer(text, limit):
            end = text.find("\n", match_end)
            spans.append((_skip_indent(text, start), end if end >= 0 else len(text)))
        doc.set_boilerplate(spans)
        return spans


def _skip_indent(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i
