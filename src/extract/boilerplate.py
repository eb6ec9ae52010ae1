"""Marks page furniture (read-also lines, related lists, footers) so no field labels it.

The patterns are plain regular expressions; the standard library's `re` runs these
line-anchored alternations about 7x faster than `regex` (0.015 vs 0.11 ms per article,
measured over 1,000 shared-corpus articles)."""
from __future__ import annotations

import re

from .document import Document
from .patterns import AtLineStart
from .rules import RuleFile, RuleModel, load_rule_file


class LinePattern(RuleModel):
    id: str
    pattern: str


class BoilerplateRules(RuleFile):
    line: list[LinePattern]
    tail: list[LinePattern]


_INDENT = r"[ \t\u00a0•·*>\-]*"
_ESCAPE = re.compile(r"\\.")


def _line_patterns(patterns: list[LinePattern], flags: int) -> AtLineStart:
    return AtLineStart(_INDENT + "(?:" + "|".join(p.pattern for p in patterns) + ")", flags)


def _lowercase_only(pattern: str) -> bool:
    """No ASCII capital letter in `pattern` but in escapes ("\\S"): over lower-case ASCII text it
    then matches alike with IGNORECASE and without."""
    return not any("A" <= c <= "Z" for c in _ESCAPE.sub("", pattern))


class BoilerplateMarker:
    """Pipeline component: sets `doc.boilerplate` from `rules/boilerplate.yaml`."""

    field = "boilerplate"

    def __init__(self, rules: BoilerplateRules | None = None):
        rules = rules or load_rule_file("boilerplate", BoilerplateRules)
        self._line = _line_patterns(rules.line, re.I | re.M)
        self._tail = _line_patterns(rules.tail, re.I | re.M)
        # For ASCII text (nearly every article), the same without IGNORECASE over a lower-case
        # copy (same offsets): `re` then skips to the candidates by their literal first
        # characters, a quarter less time, copy included.  Only where every pattern is written
        # in lower case, as they are.
        self._lowered: tuple[AtLineStart, AtLineStart] | None = None
        if all(_lowercase_only(p.pattern) for p in (*rules.line, *rules.tail)):
            self._lowered = _line_patterns(rules.line, re.M), _line_patterns(rules.tail, re.M)

    def __call__(self, doc: Document) -> list[tuple[int, int]]:
        text = doc.match_text
        line, tail_pattern, scanned = self._line, self._tail, text
        if self._lowered is not None and text.isascii():
            (line, tail_pattern), scanned = self._lowered, text.lower()
        spans = []
        tail = next(tail_pattern.finditer(scanned), None)
        limit = tail[0] if tail else len(text)
        if tail:
            spans.append((_skip_indent(text, tail[0]), len(text.rstrip())))
        for start, m in line.finditer(scanned, limit):
            end = text.find("\n", m.end())
            spans.append((_skip_indent(text, start), end if end >= 0 else len(text)))
        doc.set_boilerplate(spans)
        return spans


def _skip_indent(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i
