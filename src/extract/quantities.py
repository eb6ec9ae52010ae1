"""Quantities: a number (or a range of two) with its field's words, its qualifier and span.

Shared by money, percentages and counts (spec section 1).  A field says which words mark
its quantities, as two callables: `before(pos)`, a marker ending right before a number
("Rp", "US$"), and `after(pos)`, a marker starting right after one (" persen", " rupiah",
" pekerja rentan").  `QuantityReader.read` then takes the number at index i and builds the
mention around it: the range "X hingga/sampai/- Y" or "antara X dan Y" (one quantity, the low
end borrowing the high end's scale: "500-600 ribu"), the postposed "lebih" ("8.000 lebih
penerima"), and the qualifier before it ("lebih dari", "sekitar", "hingga"), which stays
outside the span.  The words come from `rules/numbers.yaml`.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

import re

from .models import Qualifier
from .memo import ForTheLastText
from .numbers import NOT_LETTER, NumberMatch, NumberRules, alternation, fold_words, grammar, number_rules
from .patterns import compile_by_ascii, compile_pattern


class Marker(NamedTuple):
    """A field's word next to a number: `text[start:end]`, what it says (`value`) and its rule id.

    (Markers and quantities are named tuples: built for every number a field looks at, they
    cost half of what a frozen dataclass does, whose `__init__` sets each field through `object.__setattr__`.)
    """

    start: int
    end: int
    value: str | None = None
    rule: str = ""


MarkerFinder = Callable[[int], Marker | None]


def no_marker(pos: int) -> None:
    """A MarkerFinder for fields with no marker on that side (percentages, counts: before)."""
    return None


class Quantity(NamedTuple):
    """One value or range with its markers.  `start:end` is the mention span (no leading qualifier)."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    qualifier: Qualifier | None
    low: NumberMatch
    high: NumberMatch | None
    before: Marker | None
    after: Marker | None
    next_index: int

    @property
    def has_marker(self) -> bool:
        return self.before is not None or self.after is not None


_QUALIFIER_WINDOW = 40


@ForTheLastText
def reversed_text(text: str) -> str:
    """`text` backwards, for cheap checks of what ends at a position.

    A pattern reversed and matched at `len(text) - pos` of it checks what ends at `pos`
    with one attempt, where a forward search ending in `\\Z` tries every place in its window.
    """
    return text[::-1]


def backwards(words: list[str]) -> list[str]:
    """The words spelled backwards, for patterns matched on `reversed_text`."""
    return [w[::-1] for w in words]


class QuantityReader:
    """Reads quantities around numbers; built once from `rules/numbers.yaml`.

    `grammar` finds the numbers (`grammar.scan(text)`): the one grammar of this process, so
    that the three components share its scan of each text, also in a pipeline loaded from the
    start-up cache."""

    def __init__(self, rules: NumberRules | None = None):
        rules = rules or number_rules()
        self.grammar = grammar()
        self._qualifier_of = {
            fold_words(w): q.qualifier for q in rules.qualifiers for w in q.words
        }
        self._qualifier = compile_pattern(
            rf"(?<![^\W_])(?P<word>{alternation(list(self._qualifier_of))})"
            rf"(?:[ \t]+(?:{alternation(rules.qualifier_links)}))?[ \t]*\Z",
            re.I,
        )
        # The same backwards: most numbers have no qualifier, and this rules them out cheaply.
        self._qualifier_backwards = compile_by_ascii(
            rf"[ \t]*(?:{alternation(backwards(rules.qualifier_links))}[ \t]+)?"
            rf"{alternation(backwards(list(self._qualifier_of)))}(?![^\W_])",
            re.I,
        )
        r = rules.ranges
        # What links a range's two numbers: a connector, or (group `and`) the "dan" of "antara X dan Y".
        self._link = compile_by_ascii(
            rf"[ \t]*(?:{alternation(r.connectors)})[ \t]*|(?P<and>[ \t]+(?:{alternation(r.and_)})[ \t]+)", re.I
        )
        gt = rules.postposed_gt
        # What must follow a number for it to join the next one or take a postposed "lebih":
        # a superset of `_link` and `_lebih`, one cheap look before a full read.
        self._joins = compile_by_ascii(
            rf"[ \t]*(?:{alternation(r.connectors)})|[ \t]+(?:{alternation(r.and_ + gt.words)})", re.I
        )
        self._between = compile_pattern(rf"(?<![^\W_])(?:{alternation(r.between)})[ \t]+\Z", re.I)
        self._lebih = compile_by_ascii(rf"[ \t]+(?:{alternation(gt.words)}){NOT_LETTER}", re.I)
        self._lebih_end = compile_pattern(
            rf"[ \t]*(?:[^\w \t]|\Z)|[ \t]+(?:{alternation(gt.followers)}){NOT_LETTER}", re.I
        )
        self._unit = compile_pattern(rf"[ \t]*(?:{alternation(rules.units.words)}){NOT_LETTER}", re.I)

    def qualifier_before(self, text: str, pos: int) -> tuple[Qualifier, int] | None:
        """The qualifier ending right before `pos` ("sekitar", "hampir mencapai"), and where it starts."""
        lo, end = max(0, pos - _QUALIFIER_WINDOW), len(text)
        if not self._qualifier_backwards[text.isascii()].match(reversed_text(text), end - pos, end - lo):
            return None
        m = self._qualifier.search(text, lo, pos)
        return (self._qualifier_of[fold_words(m.group("word"))], m.start()) if m else None

    def unit_after(self, text: str, pos: int) -> bool:
        """True when a measure word of some kind follows `pos` ("orang", "persen", "ton")."""
        return self._unit.match(text, pos) is not None

    def starts(self, text: str, numbers: list[NumberMatch], marked: list[int]) -> list[int]:
        """The indexes of `numbers` where a quantity may start, in order: the `marked` ones (a
        field's marks next to them) and, before each, an unmarked number that may join it.

        A number without its field's marks can start a quantity only as a range's low end
        ("20-30 persen") or before "lebih" and a marker; where `_joins` does not match after
        it, reading it finds nothing.  (A field reads only these: a loop over every number
        costs more.)
        """
        joins = self._joins[text.isascii()].match
        starts: list[int] = []
        previous = -1
        for i in marked:
            if i - 1 > previous and joins(text, numbers[i - 1].end) is not None:
                starts.append(i - 1)
            starts.append(i)
            previous = i
        return starts

    def read(
        self, text: str, numbers: list[NumberMatch], i: int, before: MarkerFinder, after: MarkerFinder
    ) -> Quantity:
        """The quantity built around `numbers[i]` (a range when `numbers[i + 1]` closes one)."""
        low = numbers[i]
        low_before = before(low.start)
        start = low_before.start if low_before else low.start
        end, marker_after, gt, may_join = self._tail(text, low.end, after)
        value, value_max, high, next_index = low.value, None, None, i + 1
        if may_join and not gt and i + 1 < len(numbers):
            joined = self._range_end(text, numbers, i, start, end, marker_after, before, after)
            if joined is not None:
                value, high, end, marker_after, gt = joined
                value_max = high.value
                next_index = i + 2
        qualifier: Qualifier | None = None
        if high is None or not self._between.search(text, max(0, start - _QUALIFIER_WINDOW), start):
            found = self.qualifier_before(text, start)
            qualifier = found[0] if found else None
        if qualifier is None and gt:
            qualifier = "gt"
        before_marker = low_before or (before(high.start) if high else None)
        # (`tuple.__new__`: a named tuple's own `__new__` is a Python function, slower still
        # with keywords; every quantity read is built.)
        return tuple.__new__(
            Quantity, (start, end, value, value_max, qualifier, low, high, before_marker, marker_after, next_index)
        )

    def _range_end(
        self,
        text: str,
        numbers: list[NumberMatch],
        i: int,
        start: int,
        low_end: int,
        low_after: Marker | None,
        before: MarkerFinder,
        after: MarkerFinder,
    ) -> tuple[Decimal, NumberMatch, int, Marker | None, bool] | None:
        """(low value, high number, end, marker after, gt) when numbers i and i+1 make a range.

        Asked only where `_joins` matches at `low_end` (see `_tail`)."""
        low, high = numbers[i], numbers[i + 1]
        high_before = before(high.start)
        gap_end = high_before.start if high_before else high.start
        if gap_end < low_end:
            return None
        link = self._link[text.isascii()].fullmatch(text, low_end, gap_end)
        if not link or (
            link.lastgroup == "and" and not self._between.search(text, max(0, start - _QUALIFIER_WINDOW), start)
        ):
            return None
        end, high_after, gt, _ = self._tail(text, high.end, after)
        if low_after is not None and high_after is None:
            return None  # "20 persen - 30": the second number is something else
        if high_after is None and high_before is None and self.unit_after(text, high.end):
            return None  # "Rp 5 ribu sampai 10 orang"
        value = low.value
        if low.scale == 0 and high.scale > 0 and low.value * 10**high.scale <= high.value:
            value = low.value * 10**high.scale  # "500-600 ribu"
        if not value < high.value:
            return None
        return value, high, end, high_after or low_after, gt

    def _tail(self, text: str, pos: int, after: MarkerFinder) -> tuple[int, Marker | None, bool, bool]:
        """(end, marker after, postposed "lebih", whether `_joins` matches at the end) for a
        number ending at `pos`.

        `_joins` matches wherever `_lebih` does and wherever a range's link (`_link`) starts,
        and it is rarely met: one look at each place where one of them may start saves both
        there (and a range's whole look at the next number).
        """
        ascii = text.isascii()
        joins, lebih_after = self._joins[ascii].match, self._lebih[ascii].match
        joins_at_pos = joins(text, pos) is not None
        lebih = lebih_after(text, pos) if joins_at_pos else None
        if lebih:
            marker = after(lebih.end())
            if marker:
                return marker.end, marker, True, False
            if self._lebih_end.match(text, lebih.end()):
                return lebih.end(), None, True, False
            return pos, None, False, True
        marker = after(pos)
        if not marker:
            return pos, None, False, joins_at_pos
        if joins(text, marker.end) is None:
            return marker.end, marker, False, False
        lebih = lebih_after(text, marker.end)
        if lebih and self._lebih_end.match(text, lebih.end()):
            return lebih.end(), marker, True, False
        return marker.end, marker, False, True


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps any of `spans` (another field's mentions)."""
    return any(s < end and start < e for s, e in spans)
