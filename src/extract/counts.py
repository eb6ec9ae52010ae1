"""Participant counts: numbers that count people or households (spec section 3, counts).

A count is a number followed by a people noun phrase ("36 ribu pekerja rentan", "8.000 lebih
penerima bansos"), or a number whose people are clear from the sentence ("... peserta ...
berjumlah 67.021", "15 ribu dari total peserta", "26.400 didaftarkan").  Numbers that money
or percentages took, ratio bases, ordinals, times, identifiers, ages and years are not counts.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .document import Document
from .models import CountMention, build_mentions
from .numbers import NOT_LETTER, NumberMatch, alternation, english_thousands, fold_words
from .patterns import compile_by_ascii, compile_pattern
from .quantities import (
    Marker,
    MarkerFinder,
    Quantity,
    QuantityReader,
    backwards,
    no_marker,
    overlaps,
    reversed_text,
)
from .rules import Entry, NonEmpty, Positive, RuleFile, RuleModel, load_rule_file


class TotalRule(RuleModel):
    id: str
    verbs: NonEmpty[str]
    subjects: list[str]
    subject_window: Positive
    blockers: list[str]
    followers: list[str]


class PredicateRule(RuleModel):
    id: str
    window: Positive
    verbs: NonEmpty[str]


class ImplicitRules(RuleModel):
    total: TotalRule
    partitive: Entry
    predicate: PredicateRule


class Exclusion(RuleModel):
    id: str
    reason: str
    before: NonEmpty[str]


class YearRule(RuleModel):
    id: str
    reason: str
    before: NonEmpty[str]


class CountRules(RuleFile):
    people: NonEmpty[Entry]
    not_before: dict[str, list[str]]
    modifiers: list[str]
    implicit: ImplicitRules
    exclusions: list[Exclusion]
    years: YearRule

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for entry in self.people:
            for word in entry.words:
                key = fold_words(word)
                if key in seen:
                    raise ValueError(f"people noun {word!r} is in both {seen[key]} and {entry.id}")
                seen[key] = entry.id


def _words_before(words: list[str]) -> str:
    """An alternation of words that must end right before a position (spaces between)."""
    lettered = [w for w in words if w[0].isalnum()]
    symbols = [w for w in words if not w[0].isalnum()]
    parts = []
    if lettered:
        parts.append(rf"(?<![^\W_])(?:{alternation(lettered)})")
    if symbols:
        parts.append(rf"(?:{alternation(symbols)})")
    return rf"(?:{'|'.join(parts)})[ \t]*\Z"


class CountExtractor:
    """Pipeline component for `counts`."""

    field = "counts"

    def __init__(self, rules: CountRules | None = None):
        rules = rules or load_rule_file("counts", CountRules)
        self._reader = QuantityReader()
        self._rule_of = {fold_words(w): e.id for e in rules.people for w in e.words}
        self._not_before = {fold_words(k): {fold_words(w) for w in v} for k, v in rules.not_before.items()}
        people = rf"(?:{alternation(list(self._rule_of))}){NOT_LETTER}"
        modifiers = rf"(?:{alternation(rules.modifiers)}){NOT_LETTER}"
        self._phrase = compile_by_ascii(
            rf"(?:-an)?[ \t]+(?P<phrase>(?P<head>{people})(?:[ \t]+{people})?(?:[ \t]+{modifiers}){{0,3}})", re.I
        )
        self._people = compile_pattern(rf"(?<![^\W_]){people}", re.I)
        self._next_word = compile_pattern(r"[ \t]+(\w+)")
        total, partitive, predicate = rules.implicit.total, rules.implicit.partitive, rules.implicit.predicate
        total_end = rf"[ \t]*(?:[^\w \t]|\Z)|[ \t]+(?:{alternation(total.followers)}){NOT_LETTER}"
        # A cheap first look, one call per number: what may follow a count's number, else (group
        # `total_end`) what may end an implicit total, whose verb `_may_total` then looks for
        # before the number (a qualifier may stand between: "berjumlah sekitar 67.021").
        self._may_follow = compile_by_ascii(
            rf"(?:-an|[ \t]+lebih)?[ \t]+(?:{people}|(?:{alternation(partitive.words)})[ \t]+{people}"
            rf"|(?:{alternation(predicate.verbs)}){NOT_LETTER})|(?P<total_end>{total_end})",
            re.I,
        )
        # Matched on the text backwards (`reversed_text`) at the number's start: one attempt,
        # where a search for a verb ending 0-24 characters before the number tries every place.
        # (It reaches back no further than that and a verb: no window needed.)
        self._may_total = compile_by_ascii(
            rf"[^.,;:!?\n\d]{{0,24}}\b(?:{alternation(backwards(total.verbs))})(?![^\W_])", re.I
        )
        self._total_rule = total.id
        self._total_verb = compile_pattern(_words_before(total.verbs), re.I)
        self._subject_window = total.subject_window
        self._subject = compile_pattern(
            rf"(?<![^\W_])(?:{alternation(total.subjects)}){NOT_LETTER}|(?<![^\W_]){people}", re.I
        )
        self._blocker = compile_pattern(rf"(?<![^\W_])(?:{alternation(total.blockers)}){NOT_LETTER}", re.I)
        self._total_end = compile_by_ascii(total_end, re.I)
        self._partitive_rule = partitive.id
        self._partitive = compile_pattern(rf"[ \t]+(?:{alternation(partitive.words)})[ \t]+{people}", re.I)
        self._predicate_rule, self._predicate_window = predicate.id, predicate.window
        self._predicate = compile_pattern(rf"[ \t]+(?:{alternation(predicate.verbs)}){NOT_LETTER}", re.I)
        self._excluded_by = {fold_words(w): e for e in rules.exclusions for w in e.before}
        self._exclusion = compile_pattern(_words_before(list(self._excluded_by)), re.I)
        # The same backwards (`reversed_text`), without the window and the word start: a cheap
        # first look that rules out most numbers with one attempt, where `_exclusion` tries
        # every place of its window.
        self._may_be_excluded = compile_by_ascii(rf"[ \t]*{alternation(backwards(list(self._excluded_by)))}", re.I)
        self._years = rules.years
        self._year_context = compile_pattern(_words_before(rules.years.before), re.I)
        self._glued = compile_pattern(r"[^\W\d_]-?\Z")

    def __call__(self, doc: Document) -> list[CountMention]:
        text = doc.match_text
        numbers = self._reader.grammar.scan(text)
        # Only a number that a people noun, a partitive or a predicate follows, or that an
        # implicit total's verb precedes, or the number before such a one that a connector or
        # "lebih" follows (a range's low end), can start a count.
        backwards_text, length, ascii = reversed_text(text), len(text), text.isascii()
        may_follow, may_total = self._may_follow[ascii].match, self._may_total[ascii].match
        marked = [
            i
            for i, n in enumerate(numbers)
            if (m := may_follow(text, n.end)) is not None
            and (m.lastgroup is None or may_total(backwards_text, length - n.start) is not None)
        ]
        if not marked:
            return []
        taken = [(m.start, m.end) for f in ("money", "percentages") for m in doc.results.get(f, [])]
        after = self._after_finder(text)
        mentions: list[dict[str, object]] = []
        resume = 0  # the index after the last count found
        for i in self._reader.starts(text, numbers, marked):
            if i < resume:
                continue
            q = self._reader.read(text, numbers, i, no_marker, after)
            found = self._count(doc, q, taken)
            if found is not None:
                mentions.append(found)
                resume = q.next_index
        return build_mentions("counts", mentions)

    def _after_finder(self, text: str) -> MarkerFinder:
        phrase = self._phrase[text.isascii()]

        def after(pos: int) -> Marker | None:
            m = phrase.match(text, pos)
            if not m:
                return None
            head = fold_words(m.group("head"))
            if head in self._not_before:
                nxt = self._next_word.match(text, m.end("head"))
                if nxt and nxt.group(1).lower() in self._not_before[head]:
                    return None  # "anak perusahaan", "ibu kota"
            return Marker(m.start("phrase"), m.end(), fold_words(m.group("phrase")), self._rule_of[head])

        return after

    def _count(self, doc: Document, q: Quantity, taken: list[tuple[int, int]]) -> dict[str, object] | None:
        """The fields of the count mention that `q` makes, else None."""
        text = doc.match_text
        if overlaps(taken, q.start, q.end):
            return None
        rule, unit = (q.after.rule, q.after.value) if q.after else self._implicit(text, q)
        if rule is None:
            return None
        excluded = self._excluded(text, q.low)
        if excluded is None and not q.after and _is_year(text, q.low):
            excluded = "year, not a count"
        if excluded is not None:
            doc.reject(self.field, q.start, q.end, excluded)
            return None
        value = q.value if _whole(q.value) or q.high else english_thousands(text, q.low) or q.value  # "16,500 orang"
        if not _whole(value) or (q.value_max is not None and not _whole(q.value_max)):
            doc.reject(self.field, q.start, q.end, "not a whole number of people")
            return None
        if doc.in_boilerplate(q.start, q.end):
            return None
        return {
            "text": doc.text[q.start:q.end],
            "start": q.start,
            "end": q.end,
            "rule": rule,
            "value": int(value),
            "value_max": int(q.value_max) if q.value_max is not None else None,
            "unit": unit,
            "qualifier": q.qualifier,
        }

    def _implicit(self, text: str, q: Quantity) -> tuple[str | None, None]:
        """The rule of a count without a people noun, where the people are clear from the sentence."""
        if self._partitive.match(text, q.end):
            return self._partitive_rule, None
        if self._predicate.match(text, q.end) and self._people.search(
            text, max(0, q.start - self._predicate_window), q.start
        ):
            return self._predicate_rule, None
        verb = self._total_verb.search(text, max(0, q.start - 20), q.start)
        if verb is None and (found := self._reader.qualifier_before(text, q.start)):
            verb = self._total_verb.search(text, max(0, found[1] - 20), found[1])
        if verb and self._total_end[text.isascii()].match(text, q.end):
            lo = _sentence_start(text, verb.start(), self._subject_window)
            subject = self._subject.search(text, lo, verb.start())
            if subject and not self._blocker.search(text, subject.start(), verb.start()):
                return self._total_rule, None
        return None, None

    def _excluded(self, text: str, number: NumberMatch) -> str | None:
        """Why the number cannot be a count, judging by what stands right before it."""
        start = number.start
        may_be_excluded = self._may_be_excluded[text.isascii()].match(reversed_text(text), len(text) - start)
        m = may_be_excluded and self._exclusion.search(text, max(0, start - 20), start)
        if m:
            return self._excluded_by[fold_words(m.group().rstrip())].reason
        if self._glued.search(text, max(0, start - 2), start):
            return "part of a code"
        if text[start] == "0" and start + 1 < number.end and text[start + 1].isdigit():
            return "phone number or code"
        if _is_year(text, number) and self._year_context.search(text, max(0, start - 20), start):
            return self._years.reason
        return None


def _is_year(text: str, number: NumberMatch) -> bool:
    digits = text[number.start:number.end]
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _sentence_start(text: str, pos: int, window: int) -> int:
    """Where the sentence holding `pos` starts, looking back at most `window` characters."""
    lo = max(0, pos - window)
    ends = [text.rfind(mark, lo, pos) for mark in (". ", "! ", "? ", "\n")]
    return max(max(ends) + 1, lo)
