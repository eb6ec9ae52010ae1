"""Money: every amount with its currency, per-unit, qualifier and range (spec section 3)."""
from __future__ import annotations

import re
from dataclasses import field
from decimal import Decimal
from typing import Annotated

from .document import Document
from .models import Check, MoneyMention, build_mentions
from .numbers import (
    NOT_LETTER,
    NumberMatch,
    alternation,
    english_thousands,
    fold_words,
    number_rules,
    split_decimal,
)
from .patterns import compile_by_ascii, compile_pattern
from .quantities import Marker, MarkerFinder, Quantity, QuantityReader, backwards, reversed_text
from .rules import NonEmpty, RuleFile, RuleModel, load_rule_file


class Currency(RuleModel):
    id: str
    code: Annotated[str, Check(pattern=r"^[A-Z]{3}$")]
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


class MoneyNouns(RuleModel):
    id: str
    currency: str
    words: NonEmpty[str]
    max_free_words: Annotated[int, Check(ge=0)]
    links: list[str]
    not_after: list[str]
    followers: list[str]
    verb_prefixes: list[str]


class PerWords(RuleModel):
    id: str
    markers: NonEmpty[str]
    once: dict[str, str]
    once_not_before: list[str]
    phrases: list[str]
    not_units: list[str]


class MoneyRules(RuleFile):
    currencies: NonEmpty[Currency]
    money_nouns: MoneyNouns
    per: PerWords


_CONTEXT_WINDOW = 80
_SIGN_WINDOW = 8  # a currency sign, a dot and blanks before a number
_RUPIAH = "IDR"


class MoneyExtractor:
    """Pipeline component for `money`."""

    field = "money"

    def __init__(self, rules: MoneyRules | None = None):
        rules = rules or load_rule_file("money", MoneyRules)
        self._reader = QuantityReader()
        self._before_of = {fold_words(w): c for c in rules.currencies for w in c.before}
        self._after_of = {fold_words(w): c for c in rules.currencies for w in c.after}
        letter_start = r"(?<![^\W\d_])"
        self._before = compile_pattern(
            rf"{letter_start}(?P<sign>{alternation(list(self._before_of))})\.?[ \t]*\Z", re.I
        )
        # `_before` matched on the text backwards (`reversed_text`) at the number's start: one
        # attempt, where `_before` tries its look-behind and alternation at every position of
        # the window.  It finds the longest sign there; only where that one reaches back
        # further than the window may `_before` find a shorter one (see `_signs_before`).
        self._sign_backwards = compile_by_ascii(
            rf"[ \t]*\.?(?P<sign>{alternation(backwards(list(self._before_of)))})(?![^\W\d_])", re.I
        )
        # Most numbers have no sign before them. Looking first for a character a sign ends with
        # (then a dot and blanks) rules them out more cheaply still.
        sign_ends = "".join(sorted({re.escape(w[-1]) for w in self._before_of}))
        self._sign_end_backwards = compile_by_ascii(rf"[ \t]*\.?[{sign_ends}]", re.I)
        self._after = compile_by_ascii(rf"[ \t]*(?P<word>{alternation(list(self._after_of))}){NOT_LETTER}", re.I)
        nouns = rules.money_nouns
        self._noun_rule, self._noun_currency = nouns.id, nouns.currency
        # The nearest money noun before an amount (a reverse search), then what stands between.
        self._noun = compile_pattern(
            rf"(?r)(?<!\b(?:{alternation(nouns.not_after)})[ \t]+)\b(?:{alternation(nouns.words)})(?:nya)?{NOT_LETTER}",
            re.I,
        )
        self._noun_gap = compile_pattern(
            rf"(?:[ \t]+[^\s.;:!?\"“”]+){{0,{nouns.max_free_words}}}"
            rf"(?:[ \t]+(?:{alternation(nouns.links)}){NOT_LETTER})*[ \t]+",
            re.I,
        )
        self._bare_end = compile_pattern(
            rf"[ \t]*(?:[^\w \t]|\Z)|[ \t]+(?:(?:{alternation(nouns.followers)}){NOT_LETTER}"
            rf"|(?:{alternation(nouns.verb_prefixes)})[^\W\d_]{{3,}})",
            re.I,
        )
        per = rules.per
        digit_words = [w for entry in number_rules().number_words if entry.kind == "digit" for w in entry.words]
        self._once = {w.lower(): unit for w, unit in per.once.items()}
        unit = rf"(?P<unit>{alternation(per.phrases)}|US\$|[^\W\d_][\w²³-]*)"
        self._per = compile_pattern(
            rf"(?:[ \t]*/[ \t]*|[ \t]+(?:{alternation(per.markers)})[ \t]+)"
            rf"(?:(?P<count>{alternation(digit_words)}|\d{{1,3}})[ \t]+)?{unit}"
            rf"|[ \t]+(?P<once>{alternation(list(self._once))}){NOT_LETTER}"
            rf"(?![ \t]+(?:{alternation(per.once_not_before)}){NOT_LETTER})",
            re.I,
        )
        self._not_per = compile_pattern(rf"(?:{alternation(per.not_units)}){NOT_LETTER}", re.I)

    def __call__(self, doc: Document) -> list[MoneyMention]:
        text = doc.match_text
        numbers = self._reader.grammar.scan(text)
        signs, rupiah = self._signs_before(text, numbers)
        if rupiah:
            numbers = _read_as_money(text, numbers, rupiah)
        # Only a number with a currency word next to it or a scale word (a governed amount),
        # or the number before such a one that a connector or "lebih" follows (a range's low
        # end), can start an amount.
        word_after = self._after[text.isascii()].match
        marked = [
            i for i, n in enumerate(numbers) if n.scale > 0 or n.start in signs or word_after(text, n.end) is not None
        ]
        if not marked:
            return []
        # Asked only about numbers' starts (those of `_read_as_money` are the scan's), the
        # finder is the dict's own `get`: no Python call per question.
        before, after = signs.get, self._after_finder(text)
        mentions: list[dict[str, object]] = []
        resume = 0  # the index after the last amount found
        for i in self._reader.starts(text, numbers, marked):
            if i < resume:
                continue
            quantity = self._reader.read(text, numbers, i, before, after)
            mention = self._mention(doc, quantity)
            if mention is not None:
                mentions.append(mention)
                resume = quantity.next_index
        return build_mentions("money", mentions)

    def _signs_before(self, text: str, numbers: list[NumberMatch]) -> tuple[dict[int, Marker], list[int]]:
        """The currency sign ending right before each number that has one (within `_SIGN_WINDOW`),
        by the number's start; and the indexes of the numbers with a rupiah sign."""
        signs: dict[int, Marker] = {}
        rupiah: list[int] = []
        backwards_text, length, ascii = reversed_text(text), len(text), text.isascii()
        sign_end, sign_backwards = self._sign_end_backwards[ascii].match, self._sign_backwards[ascii].match
        for i in [i for i, n in enumerate(numbers) if sign_end(backwards_text, length - n.start)]:
            start = numbers[i].start
            found = sign_backwards(backwards_text, length - start)
            if found is None:
                continue
            sign_start, sign = length - found.end(), found.group("sign")[::-1]
            if start - sign_start > _SIGN_WINDOW:  # the longest sign begins before the window
                m = self._before.search(text, max(0, start - _SIGN_WINDOW), start)
                if m is None:
                    continue
                sign_start, sign = m.start(), m.group("sign")
            currency = self._before_of[fold_words(sign)]
            signs[start] = Marker(sign_start, start, currency.code, currency.id)
            if currency.code == _RUPIAH:
                rupiah.append(i)
        return signs, rupiah

    def _after_finder(self, text: str) -> MarkerFinder:
        word_after = self._after[text.isascii()].match

        def after(pos: int) -> Marker | None:
            m = word_after(text, pos)
            if not m:
                return None
            currency = self._after_of[fold_words(m.group("word"))]
            return Marker(pos, m.end(), currency.code, currency.id)

        return after

    def _mention(self, doc: Document, q: Quantity) -> dict[str, object] | None:
        """The fields of the money mention that `q` makes, else None."""
        text = doc.match_text
        if q.has_marker:
            marker = q.before or q.after
            currency, rule = marker.value, marker.rule
        elif self._is_governed_amount(text, q):
            currency, rule = self._noun_currency, self._noun_rule
        else:
            return None
        end, per = self._per_after(text, q.end)
        if doc.in_boilerplate(q.start, end):
            return None
        return {
            "text": doc.text[q.start:end],
            "start": q.start,
            "end": end,
            "rule": rule,
            "value": _amount(q.value),
            "value_max": _amount(q.value_max) if q.value_max is not None else None,
            "currency": currency,
            "per": per,
            "qualifier": q.qualifier,
        }

    def _is_governed_amount(self, text: str, q: Quantity) -> bool:
        """A bare amount with a scale word that a money noun governs ("dana 500 juta")."""
        last: NumberMatch = q.high or q.low
        if last.scale == 0 or not self._bare_end.match(text, q.end):
            return False
        found = self._reader.qualifier_before(text, q.start)
        pos = found[1] if found else q.start
        noun = self._noun.search(text, max(0, pos - _CONTEXT_WINDOW), pos)
        return noun is not None and self._noun_gap.fullmatch(text, noun.end(), pos) is not None

    def _per_after(self, text: str, pos: int) -> tuple[int, str | None]:
        m = self._per.match(text, pos)
        if not m:
            return pos, None
        if m.group("once"):
            return m.end(), self._once[m.group("once").lower()]
        if self._not_per.match(text, m.start("unit")):
            return pos, None  # "per 31 Desember", "per Juni", "per hari ini": "as of"
        unit = fold_words(m.group("unit"))
        if unit.endswith("nya") and len(unit) > 5:
            unit = unit[:-3]
        count = m.group("count")
        if count and self._reader.grammar.parse(count) != 1:
            unit = f"{count.lower()} {unit}"  # "Rp 2,7 juta/tiga bulan"; "per satu suara" is per "suara"
        return m.end(), unit


def _read_as_money(text: str, numbers: list[NumberMatch], rupiah: list[int]) -> list[NumberMatch]:
    """The numbers, with two readings that only a rupiah sign makes certain: "Rp 1, 4 triliun"
    (a decimal split by tokenizing) is one amount, and "Rp 9,000" is nine thousand (rupiah
    amounts have no decimals; "US$ 1,149" may be a rate and stays 1.149).  `rupiah`: the
    indexes of the numbers with a rupiah sign before them, in order."""
    read = list(numbers)
    # From the last one, so that joining two numbers into one leaves the earlier indexes as
    # they are.  (A number joined to the one before it has no sign: ", " stands before it.)
    for i in reversed(rupiah):
        first = numbers[i]
        if i + 1 < len(numbers) and (whole := split_decimal(text, first, numbers[i + 1])) is not None:
            read[i : i + 2] = [whole]
        elif (thousands := english_thousands(text, first)) is not None:
            read[i] = first._replace(value=thousands)
    return read


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)

