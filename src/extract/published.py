"""The article's publication date: from metadata (`parse_published`) or where the page states it.

`PublishedDateFinder` runs before the fields.  When the input gave no date it looks for
  - a date line at the top: a line that holds only a date ("Senin, 18 Maret 2024",
    "18/03/2024", optionally with a clock time "| 10:00 WIB"), among the first lines and
    before the first body paragraph (a line over 160 characters), so a dated heading further
    down ("Sabtu, 5 November 2016" in a chronology) is never taken;
  - a publication line anywhere: a cue from `rules/dates.yaml` `publication_cues`
    ("Diterbitkan", "Dipublikasikan", "Published", ...) followed by a date.
It never takes an event date from a sentence of the body.
"""
from __future__ import annotations

from datetime import date
from functools import cache

import re

from .dates import DateLexicon, date_rules, full_year, words_pattern
from .document import Document
from .patterns import AtLineStart, compile_pattern
from .pipelinecache import load_built

_HEAD_LINES = 6
_BODY_LINE = 160
_CLOCK = r"(?:\s*[,|/-]?\s*(?:pukul|jam)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|GMT[+\d:]*)?)?"


@cache
def _lexicon() -> DateLexicon:
    return DateLexicon(date_rules())


class MetadataDates:
    """Reads the publication date of an input's metadata (see `parse`)."""

    def __init__(self, lex: DateLexicon):
        self.month_of = lex.english_month_of
        months = words_pattern(list(self.month_of))
        weekday = r"(?:[^\W\d]+'?[^\W\d]*\s*,?\s*)?"
        self.forms = (
            compile_pattern(r"\s*(?P<y>\d{4})-(?P<mn>\d{1,2})-(?P<d>\d{1,2})(?:[T\s].*)?"),
            compile_pattern(r"\s*(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)(?:\s.*)?"),
            compile_pattern(r"\s*(?P<d>\d{1,2})[-\s](?P<m>" + months + r")\.?[-\s,]+(?P<y>\d{4}|\d\d)\b.*", re.I),
            compile_pattern(r"\s*" + weekday + r"(?P<d>\d{1,2})\s+(?P<m>" + months + r")\.?\s+(?P<y>\d{4})\b.*", re.I),
            compile_pattern(r"\s*(?P<d>\d{1,2})\.(?P<mn>\d{1,2})\.(?P<y>\d{4})\b.*"),
        )

    def parse(self, raw: str, *, day_first: bool = False) -> date | None:
        """A publication date from a metadata string, or None when it holds no full date.

        Forms: "2025-07-25", "2025-07-29 00:00:00", "23-Aug-19", "10/21/2025 20:43",
        "Rabu, 18 Jun 2025 07:30 WIB", "Jum'at, 20 Juni 2025 |11:58 WIB", "18.03.2024".
        Slashed dates are month/day/year as in the corpus metadata ("10/21/2025"), unless the
        first number cannot be a month or `day_first` is set (dates written on Indonesian pages).
        Anything else goes to dateparser (imported only then).
        """
        raw = raw.strip()
        if not raw:
            return None
        for form in self.forms:
            m = form.fullmatch(raw)
            if not m:
                continue
            groups = m.groupdict()
            year = full_year(groups["y"])
            if groups.get("a"):
                a, b = int(groups["a"]), int(groups["b"])
                day, month = (a, b) if day_first or a > 12 else (b, a)
            else:
                day = int(groups["d"])
                month = self.month_of[groups["m"].lower().rstrip(".")] if groups.get("m") else int(groups["mn"])
            try:
                return date(year, month, day)
            except ValueError:
                return None
        return _dateparser_fallback(raw, day_first)


@cache
def _metadata_dates() -> MetadataDates:
    # From the start-up cache: building it reads rules/dates.yaml, which took about 50 ms of every start.
    return load_built("metadata-dates", lambda: MetadataDates(_lexicon()), MetadataDates)


def parse_published(raw: str, *, day_first: bool = False) -> date | None:
    """`MetadataDates.parse`, with the rules of this installation."""
    return _metadata_dates().parse(raw, day_first=day_first)


def _dateparser_fallback(raw: str, day_first: bool) -> date | None:
    if not re.search(r"\d{4}|\d\d?\D+\d\d?\D+\d\d", raw):
        return None  # no year: dateparser would invent one
    import dateparser

    parsed = dateparser.parse(
        raw, languages=["id", "en"], settings={"DATE_ORDER": "DMY" if day_first else "MDY", "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


class PublishedDateFinder:
    """Pipeline component: sets `doc.published` from the page when the input had none."""

    field = "published"

    def __init__(self) -> None:
        rules = date_rules()
        lex = _lexicon()
        self.metadata = MetadataDates(lex)
        p = lex.placeholders
        self.date_line = compile_pattern(
            r"[ \t]*(?:(?:" + p["weekday"] + r")\s*,?\s*)?(?:" + p["day"] + r"\s+" + p["month"] + r"\s+\d{4}"
            r"|\d{1,2}/\d{1,2}/\d{4})" + _CLOCK + r"[ \t]*",
            re.I,
        )
        self.cue_line = AtLineStart(
            r"[ \t]*" + words_pattern([w for e in rules.publication_cues for w in e.words])
            + r"\b\s*(?:pada|on|tanggal|tgl\.?)?\s*:?\s*(?P<date>[^\n]{6,60}?)[ \t]*$",
            re.I | re.M,
        )

    def __call__(self, doc: Document) -> list[date]:
        if doc.published is not None:
            return []
        found = self._date_line(doc) or self._cue_line(doc)
        if found is None:
            return []
        doc.published = found
        return [found]

    def _date_line(self, doc: Document) -> date | None:
        seen = 0
        for line in doc.match_text.splitlines():
            if not line.strip():
                continue
            if seen >= _HEAD_LINES or len(line) > _BODY_LINE:
                return None
            seen += 1
            if self.date_line.fullmatch(line):
                return self.metadata.parse(line, day_first=True)
        return None

    def _cue_line(self, doc: Document) -> date | None:
        for _, m in self.cue_line.finditer(doc.match_text):
            found = self.metadata.parse(m.group("date"), day_first=True)
            if found:
                return found
        return None
