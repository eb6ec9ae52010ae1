"""Percentages: "46 persen", "46,5%", "seratus persen", ranges and qualifiers (spec section 3)."""
from __future__ import annotations

import re

from .document import Document
from .models import PercentageMention, build_mentions
from .numbers import NOT_LETTER, alternation, fold_words
from .patterns import compile_by_ascii
from .quantities import Marker, QuantityReader, no_marker, overlaps
from .rules import NonEmpty, RuleFile, RuleModel, load_rule_file


class PercentMarker(RuleModel):
    id: str
    words: NonEmpty[str]


class PercentageRules(RuleFile):
    markers: NonEmpty[PercentMarker]


class PercentageExtractor:
    """Pipeline component for `percentages`."""

    field = "percentages"

    def __init__(self, rules: PercentageRules | None = None):
        rules = rules or load_rule_file("percentages", PercentageRules)
        self._reader = QuantityReader()
        self._rule_of = {fold_words(w): m.id for m in rules.markers for w in m.words}
        words = alternation(list(self._rule_of))
        # "persennya" is "persen"; "persentase" is not a marker.
        self._after = compile_by_ascii(rf"[ \t]*(?P<word>{words})(?=nya\b|{NOT_LETTER})", re.I)

    def __call__(self, doc: Document) -> list[PercentageMention]:
        text = doc.match_text
        numbers = self._reader.grammar.scan(text)
        marker_after = self._after[text.isascii()].match
        # Only a number with a marker after it, or the one before such a number that a connector
        # or "lebih" follows (the low end of a range), can start a percentage.
        marked = [i for i, n in enumerate(numbers) if marker_after(text, n.end) is not None]
        if not marked:
            return []
        taken = [(m.start, m.end) for m in doc.results.get("money", [])]

        def after(pos: int) -> Marker | None:
            m = marker_after(text, pos)
            return Marker(pos, m.end(), None, self._rule_of[fold_words(m.group("word"))]) if m else None

        mentions: list[dict[str, object]] = []
        resume = 0  # the index after the last percentage found
        for i in self._reader.starts(text, numbers, marked):
            if i < resume:
                continue
            q = self._reader.read(text, numbers, i, no_marker, after)
            if q.after is None or overlaps(taken, q.start, q.end) or doc.in_boilerplate(q.start, q.end):
                continue
            mentions.append(
                {
                    "text": doc.text[q.start:q.end],
                    "start": q.start,
                    "end": q.end,
                    "rule": q.after.rule,
                    "value": float(q.value),
                    "value_max": float(q.value_max) if q.value_max is not None else None,
                    "qualifier": q.qualifier,
                }
            )
            resume = q.next_index
        return build_mentions("percentages", mentions)

