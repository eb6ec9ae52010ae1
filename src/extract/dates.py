"""Dates: calendar references normalized to ISO 8601 at their natural grain (spec, dates).

The grammar lives in `rules/dates.yaml`: lexicons (months, weekdays, modifiers, relative
words, cues, exclusions) and `forms`, regular expressions over placeholders that the
lexicons fill.  The forms are compiled once into alternations (`FormSet`), tried over
`doc.match_text` where a form can start, in their order; each match is interpreted from
its named groups (day, month, year, range end, modifier, relative unit, ...) and checked
(validity, regulation identifiers, proper names, durations).  Relative expressions
resolve against `doc.published` and are rejected without it.
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache, partial
from itertools import product
from typing import Literal, NamedTuple

import ahocorasick
import regex

from .document import Document
from .memo import BuiltOnFirstUse
from .models import DateMention, Modifier, build_mentions
from .patterns import Match, Pattern, ascii_table, compile_pattern, spaced_copy
from .rules import Entry, RuleFile, RuleModel, load_rule_file
from .wordtrie import trie_pattern, word_automaton

Unit = Literal["day", "week", "month", "year"]
Start = Literal["day", "year", "paren", "quarter", "month", "weekday", "counted"]


class MonthEntry(Entry):
    month: int
    short: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)


class WeekdayEntry(Entry):
    weekday: int


class ModifierEntry(Entry):
    modifier: Modifier


class UnitEntry(Entry):
    unit: Unit


class RelativeDayEntry(Entry):
    days: int


class DirectionEntry(Entry):
    step: int
    counted: bool
    weekday: bool


class ValueEntry(Entry):
    value: int


class CueEntry(Entry):
    gap: int = 0


class Form(RuleModel):
    id: str
    pattern: str
    anchor: Literal["text", "keyword"] = "text"
    starts: list[Start] = field(default_factory=list)


class Exclusions(RuleModel):
    regulation: list[Entry]
    copyright: list[Entry]
    vague_quantifiers: list[Entry]
    recurring: list[Entry]
    nowadays: list[Entry]
    school_terms: list[Entry]
    quantity_after: list[Entry]


class DateRules(RuleFile):
    months: list[MonthEntry]
    weekdays: list[WeekdayEntry]
    modifiers: list[ModifierEntry]
    units: list[UnitEntry]
    relative_days: list[RelativeDayEntry]
    directions: list[DirectionEntry]
    numbers: list[ValueEntry]
    quarters: list[Entry]
    quarter_ordinals: list[ValueEntry]
    halves: list[Entry]
    half_ordinals: list[ValueEntry]
    time_of_day: list[Entry]
    range_connectors: list[Entry]
    year_cues: list[CueEntry]
    year_wide_cues: list[Entry]
    year_after_cues: list[Entry]
    list_connectors: list[Entry]
    exclusions: Exclusions
    publication_cues: list[Entry]
    day_follows: str
    forms: list[Form]


@cache
def date_rules() -> DateRules:
    """`rules/dates.yaml`, loaded and validated once (shared with the publication-date finder)."""
    return load_rule_file("dates", DateRules)


def variants(word: str) -> set[str]:
    """The spellings a lexicon word matches: as written, lowercase, capitalized, in capitals.

    A word written in capitals ("II", "APBD") matches only as written.
    """
    if word.isupper():
        return {word}
    return {word, word.lower(), word[:1].upper() + word[1:].lower(), word.upper()}


def _alternation(spellings: set[str]) -> str:
    """A regex matching any of the strings, as a character trie (much faster than a flat
    alternation in `regex`); the longest match is tried first.  A space matches any run of
    white space."""
    return trie_pattern(spellings, space=r"\s+")


def words_pattern(words: list[str]) -> str:
    """An alternation of words in all their spellings (see `variants`), longest first."""
    return _alternation({v for w in words for v in variants(w)})


def capitalized_spellings(words: Iterable[str]) -> set[str]:
    """The spellings a capitalized name matches: as written and in capitals ("Senin", "SENIN")."""
    return {v for w in words for v in (w, w.upper())}


def capitalized_pattern(words: list[str]) -> str:
    """Words that match only as written (capitalized) or in capitals ("Senin", "SENIN")."""
    return _alternation(capitalized_spellings(words))


def _entries_words(entries: list[Entry]) -> list[str]:
    return [w for e in entries for w in e.words]


def _words_before(text: str, pos: int, count: int = 5) -> list[str]:
    """The last `count` words before `pos` (split at white space, outer brackets and quotes off)."""
    return [w.strip("()\"'") for w in text[max(0, pos - 60) : pos].rsplit(None, count)[-count:]]


def _ends_before(pattern: str) -> Pattern:
    """A pattern that `.match(text, pos)` tests on the text just before `pos`."""
    return compile_pattern(r"(?<=(?:" + pattern + r"))")


def _space_before(text: str, pos: int) -> int:
    """Where the white space that ends right before `pos` begins (`pos` where there is none)."""
    while pos and text[pos - 1].isspace():
        pos -= 1
    return pos


class _Lookbehind:
    """A lookbehind for `regex` (`.match(text, pos)` tests the text just before `pos`) that
    ends with one of some words and then white space (at least one character of it where
    `space`), or with one of them, white space, one of the words `between` and white space.

    Speed: a variable-width lookbehind, which only `regex` runs, costs 1-2 us a call; it is
    tried only where the text before that white space ends with the last word of one of
    `words`, in any spelling of `variants`, or with a word `between` (as written) after such a
    word and white space (`str.isspace` takes every character `regex`'s \\s does, so this
    never turns down a match).
    """

    def __init__(self, pattern: str, words: list[str], space: bool, between: tuple[str, ...] = ()):
        self.pattern = _ends_before(pattern)
        self.endings = tuple(sorted({v.split()[-1] for w in words for v in variants(w)}))
        self.space = space
        self.between = between

    def match(self, text: str, pos: int) -> Match | None:
        before = _space_before(text, pos)
        if self.space and before == pos:
            return None
        if not text.endswith(self.endings, 0, before) and not (
            text.endswith(self.between, 0, before) and self._after_between(text, before)
        ):
            return None
        return self.pattern.match(text, pos)

    def _after_between(self, text: str, end: int) -> bool:
        """Whether the text before `end` ends with a word `between` after an ending and white space."""
        for word in self.between:
            if text.endswith(word, 0, end):
                start = end - len(word)
                before = _space_before(text, start)
                if before < start and text.endswith(self.endings, 0, before):
                    return True
        return False


def _word_before(entries: list[Entry], words: int) -> Pattern | _Lookbehind:
    """One of the entries' words, at most `words` words before `pos`."""
    words_before = _entries_words(entries)
    pattern = r"\b" + words_pattern(words_before) + rf"(?:\s+\S+){{0,{words - 1}}}\s+"
    return _Lookbehind(pattern, words_before, space=True) if words == 1 else _ends_before(pattern)


# A `bytes.translate` table for ASCII text: letters to lowercase, digits kept, every other character to a space.
_LOWER_WORDS = ascii_table(lambda c: c.lower() if c.isalnum() else " ")
# A `bytes.translate` table for ASCII text: every digit to "0", other characters kept.
_FOLD_DIGITS = ascii_table(lambda c: "0" if c.isdigit() else c)
# {day} in such a copy, where the value of a day cannot be read: any one or two digits.
_ANY_DAY = r"(?<!\d[.,/:])(?<!\d)\d\d?(?!\d)"


@lru_cache(maxsize=4096)  # the words matched are the lexicons' few spellings: a lookup instead of four string copies
def _key(word: str) -> str:
    """A lexicon word's lookup key: lowercase, white space runs as one space, no final period."""
    return " ".join(word.lower().split()).rstrip(".")


class DateLexicon:
    """The lexicons of `rules/dates.yaml` as lookup tables and regex placeholders."""

    def __init__(self, rules: DateRules):
        self.month_of = {_key(w): m.month for m in rules.months for w in (*m.words, *m.short)}
        self.english_month_of = {_key(w): m.month for m in rules.months for w in (*m.english, *m.short, *m.words)}
        self.weekday_of = {_key(w): d.weekday for d in rules.weekdays for w in d.words}
        self.modifier_of = {_key(w): m.modifier for m in rules.modifiers for w in m.words}
        self.unit_of = {_key(w): u.unit for u in rules.units for w in u.words}
        self.days_of = {_key(w): r.days for r in rules.relative_days for w in r.words}
        self.direction_of = {_key(w): d for d in rules.directions for w in d.words}
        self.number_of = {_key(w): n.value for n in rules.numbers for w in n.words}
        self.quarter_of = {_key(w): o.value for o in rules.quarter_ordinals for w in o.words}
        self.half_of = {_key(w): o.value for o in rules.half_ordinals for w in o.words}
        full = [w for m in rules.months for w in m.words]
        short = [w for m in rules.months for w in m.short]
        directions = rules.directions
        self.placeholders = {
            "weekday": r"(?P<wd>" + capitalized_pattern([w for d in rules.weekdays for w in d.words]) + r")\b",
            "month": words_pattern(full + short) + r"\b(?:\.(?=\s*\d))?",
            "month_name": capitalized_pattern(full),
            "day": r"(?<!\d[.,/:])(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?!\d)",
            "year": r"[12]\d{3}(?!\d)",
            "to": r"\s*" + words_pattern(_entries_words(rules.range_connectors)) + r"(?:(?<=\W)|(?!\w))\s*",
            "modifier": r"\b" + words_pattern(_entries_words(rules.modifiers)) + r"\b",
            "direction": words_pattern([w for d in directions for w in d.words]),
            "counted_direction": words_pattern([w for d in directions if d.counted for w in d.words]),
            "weekday_direction": words_pattern([w for d in directions if d.weekday for w in d.words]),
            "unit": words_pattern(_entries_words(rules.units)),
            "number": words_pattern(_entries_words(rules.numbers)),
            "relative_day": words_pattern(_entries_words(rules.relative_days)),
            "quarter": r"\b" + words_pattern(_entries_words(rules.quarters)),
            "quarter_ordinal": words_pattern(_entries_words(rules.quarter_ordinals)) + r"(?!\w)",
            "half": r"\b" + words_pattern(_entries_words(rules.halves)),
            "half_ordinal": words_pattern(_entries_words(rules.half_ordinals)) + r"(?!\w)",
            "time_of_day": words_pattern(_entries_words(rules.time_of_day)),
        }

    def fill(self, pattern: str) -> str:
        """A form's pattern with its {placeholders} replaced (regex braces like \\d{1,2} kept)."""
        return re.sub(r"\{([a-z_]+)\}", lambda m: self.placeholders.get(m[1], m[0]), pattern)

    def month(self, word: str | None, number: str | None) -> int | None:
        if word:
            return self.month_of.get(_key(word))
        return int(number) if number else None


# A pattern's tokens: an escape, a character class, a named group's or a lookaround's opening,
# one character.
_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?P<\w+>|\(\?<?[=!]|.", re.DOTALL)
# Where a group name follows: "(?P<name>", "(?P=name)", "(?(name)".
_GROUP_NAME = re.compile(r"(?<!\\)\(\?(?:P<|P=|\()(?=[A-Za-z_])")


def _relaxation(pattern: str) -> str:
    """`pattern` with every lookahead and lookbehind emptied and its named groups made plain:
    it matches wherever `pattern` matches (and maybe elsewhere), and stdlib `re` takes it
    where only `regex` takes `pattern` (variable-width lookbehind, `\\p{..}` in a lookahead,
    a group name used twice)."""
    kept: list[str] = []
    depth = 0  # > 0: inside a lookaround being dropped
    for token in _TOKEN.findall(pattern):
        if depth:
            depth += token.startswith("(") - (token == ")")
        elif token.startswith("(?P<"):
            kept.append("(?:")
        elif token.startswith("(?") and token[-1] in "=!":
            depth = 1
            kept.append("(?:)")
        else:
            kept.append(token)
    return "".join(kept)


class FormMatch(NamedTuple):
    """A match of one form: its id, span and the groups the extractor reads (None where the form
    has none; fields, each read in C, for speed: the resolvers read a dozen a match)."""

    form: str
    start: int
    end: int
    match: Match
    groups: dict[str, int]  # the form's group names -> group numbers in `match`
    d1: str | None
    m1: str | None
    mn1: str | None
    y1: str | None
    d2: str | None
    m2: str | None
    y2: str | None
    ydir: str | None
    mdir: str | None
    wd: str | None
    wdir: str | None
    n: str | None
    unit: str | None
    dir: str | None
    rday: str | None
    q: str | None
    h: str | None
    po: str | None

    def group(self, name: str) -> str | None:
        """Any group the form has, by name."""
        return self.match.group(self.groups[name])

    def span_of(self, name: str) -> tuple[int, int]:
        """The span of a named group the form has."""
        return self.match.span(self.groups[name])


# The groups of a form that the extractor reads: the fields of `FormMatch` after `groups`.
_GROUP_NAMES = FormMatch._fields[FormMatch._fields.index("groups") + 1 :]
# A group that never takes part, whose number `FormMatch` reads for the groups a form does not
# have: appended to a form that `regex` confirms (an optional group that cannot match changes no
# match); the last branch of a `FormSet` alternation otherwise.
_NO_GROUP = "(?:(?!)(?P<none>))?"


@dataclass(frozen=True)
class _Branch:
    """One form in a `FormSet` alternation."""

    form: str
    groups: dict[str, int]  # the form's group names -> group numbers of the match it yields
    exact: regex.Pattern | None  # set where the branch is only a relaxation of the form
    rest: FormSet | None  # the forms after this one, tried where `exact` fails
    numbers: tuple[int, ...] = field(init=False)  # the group numbers of `_GROUP_NAMES`

    def __post_init__(self) -> None:
        object.__setattr__(self, "numbers", tuple(self.groups.get(name, self.groups["none"]) for name in _GROUP_NAMES))


class FormSet:
    """Forms tried in their order at one position: the first that matches wins.

    They run as one alternation, each form with its groups renamed apart ("f3_d1").  For
    ASCII text (`for_ascii`, nearly every article) that is a stdlib `re` alternation in ASCII
    mode, for speed: `re` costs a fraction of `regex` per call, and a branch that cannot
    start at the position fails at its first character.  A form that only `regex` compiles
    takes part as a relaxation (see `_relaxation`) and is confirmed by `regex` where that
    matches; where it is not, the forms after it are tried.  On ASCII text both engines read
    the forms alike (in ASCII mode `re`'s \\s leaves out \\x1c-\\x1f, as `regex` does); other
    text gets a `regex` alternation, which tells combining marks and separators as before.
    """

    def __init__(self, forms: list[tuple[str, str]], gate: str = "", for_ascii: bool = True):
        """`forms`: (id, filled pattern) in order; `gate`: a lookahead every match must pass."""
        exact = [compile_pattern(pattern + _NO_GROUP) if for_ascii else None for _, pattern in forms]
        branches = []
        for i, ((_, pattern), compiled) in enumerate(zip(forms, exact)):
            if isinstance(compiled, regex.Pattern):
                pattern = _relaxation(pattern)
                if isinstance(compile_pattern(pattern), regex.Pattern):
                    pattern = ""  # no stdlib relaxation: `regex` decides alone (forms after it via `rest`)
            branches.append(f"(?P<f{i}>" + _GROUP_NAME.sub(rf"\g<0>f{i}_", pattern) + ")")
        # Last, the group that never takes part (see `_NO_GROUP`), once for all the branches.
        alternation = gate + "(?:" + "|".join([*branches, "(?P<none>(?!))"]) + ")"
        self.pattern = re.compile(alternation, re.ASCII) if for_ascii else regex.compile(alternation, regex.V0)
        groups = self.pattern.groupindex
        self.branches: dict[int, _Branch] = {}
        for i, ((form, pattern), compiled) in enumerate(zip(forms, exact)):
            if isinstance(compiled, regex.Pattern):
                branch = _Branch(form, compiled.groupindex, compiled, FormSet(forms[i + 1 :]) if i + 1 < len(forms) else None)
            else:
                names = set((compiled or regex.compile(pattern, regex.V0)).groupindex) - {"none"}
                numbers = {name: groups[f"f{i}_{name}"] for name in names} | {"none": groups["none"]}
                branch = _Branch(form, numbers, None, None)
            self.branches[groups[f"f{i}"]] = branch

    def match(self, text: str, pos: int) -> FormMatch | None:
        """The first form matching at `pos`, or None."""
        found = self.pattern.match(text, pos)
        if found is None:
            return None
        branch = self.branches[found.lastindex]  # the form's group closes last: it is the last index
        if branch.exact is not None:
            found = branch.exact.match(text, pos)
            if found is None:
                return branch.rest.match(text, pos) if branch.rest else None
        # Speed: `tuple.__new__` builds the FormMatch in C (a NamedTuple's constructor is a Python
        # function), with one `Match.group` call.
        return tuple.__new__(FormMatch, (branch.form, *found.span(), found, branch.groups, *found.group(*branch.numbers)))


class Rejected(Exception):
    """A candidate turned down, with the reason (for `extract explain`)."""


# A resolved match: value, value_end, grain, modifier.  A plain tuple: built without a call
# (a NamedTuple's constructor is a Python function), about 0.3 us less a match.
Resolved = tuple[str, str | None, str, Modifier | None]


_OUTSIDE_CALENDAR = "outside the years 0001-9999"


def _in_calendar(value: str) -> bool:
    """Whether a normalized value ("2024-03-14", "2024-W11", "2024") starts with a year from 0001 to 9999."""
    return "0001" <= value[:4] <= "9999" and value[4:5] in ("", "-")


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@lru_cache(maxsize=4096)  # about 5 us a call; articles of a day ask about the same few dates
def nearby_year(published: date, month: int, day: int = 1, weekday: int | None = None) -> int:
    """The year of a day and month written without one, as seen from `published`.

    The date is placed in the window from 300 days before to 183 days after publication
    (news looks back further than ahead); a weekday given with it ("Kamis (22/2)") picks
    the year it fits.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, min(day, monthrange(year, month)[1])))
        except ValueError:
            continue
    in_window = [c for c in candidates if -300 <= (c - published).days <= 183]
    if weekday is not None:
        for pool in (in_window, candidates):
            fitting = [c for c in pool if c.weekday() == weekday]
            if fitting:
                return min(fitting, key=lambda c: abs((c - published).days)).year
    return min(in_window or candidates, key=lambda c: abs((c - published).days)).year


def full_year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else 2000 + year if year < 70 else 1900 + year


class DateExtractor:
    """Pipeline component: every date expression of `rules/dates.yaml` in the article."""

    field = "dates"

    def __init__(self, rules: DateRules | None = None):
        rules = rules or date_rules()
        self.lexicon = DateLexicon(rules)
        self.text_starts = self._starts(rules)
        self.ascii_numbers = self._ascii_numbers(self.lexicon.fill(rules.day_follows.replace("{day}", _ANY_DAY)))
        self.paren_before = re.compile(r"(?<!\d)(?<!\d[.,])\(", re.ASCII)  # "(" where `_gate` lets a day follow it
        self.text_forms = self._text_form_sets(rules)
        # The keyword-anchored forms to try where no count precedes (those without `starts`), and
        # where one may (all): see `_ascii_starts`.
        self.keyword_forms = BuiltOnFirstUse(partial(self._form_set, rules, "keyword", "", set()))
        self.counted_keyword_forms = BuiltOnFirstUse(partial(self._form_set, rules, "keyword", "", {"counted"}))
        # The last word of what can count a unit ("3 hari", "tiga hari", "setahun"): see `_ascii_starts`.
        self.count_endings = (*"0123456789", *{v.split()[-1] for w in _entries_words(rules.numbers) for v in variants(w)})
        # All text-anchored and all keyword-anchored forms for text that is not ASCII (few articles),
        # as `regex` alternations.
        self.other_text_forms = BuiltOnFirstUse(partial(self._form_set, rules, "text", self._gate(rules), for_ascii=False))
        self.other_keyword_forms = BuiltOnFirstUse(partial(self._form_set, rules, "keyword", for_ascii=False))
        first_words = [w.split()[0] for e in (*rules.units, *rules.relative_days, *rules.quarters, *rules.halves) for w in e.words]
        keywords = {w.lower() for w in first_words}
        # Aho-Corasick finds every keyword in one pass, faster than a `find` per keyword or a regex.
        self.keywords = word_automaton({word: len(word) for word in keywords})
        self.word_starts = self._word_starts(rules, keywords)
        ex = rules.exclusions
        by_id = {e.id: e.words for e in ex.regulation}
        self.regulation_words = {v for w in by_id["exclude.regulation_word"] for v in (w.split()[-1], w.split()[-1].upper())}
        self.number_words = {_key(w) for w in by_id["exclude.number_word"]}
        self.year_words = {_key(w) for w in by_id["exclude.year_word"]}
        self.cues = {_key(w): c.gap for c in rules.year_cues for w in c.words if not w.isupper()}
        self.upper_cues = {w: c.gap for c in rules.year_cues for w in c.words if w.isupper()}
        self.wide_cues = {_key(w) for w in _entries_words(rules.year_wide_cues)}
        self.copyright_before = _Lookbehind(words_pattern(_entries_words(ex.copyright)) + r"\s*", _entries_words(ex.copyright), space=False)
        self.name_before = _ends_before(r"(?:^|[\s(\"'])[A-Z][\w-]*\s+")
        self.vague_before = _word_before(ex.vague_quantifiers, 1)
        self.recurring_before = _word_before(ex.recurring, 2)
        self.nowadays_before = _word_before(ex.nowadays, 1)
        self.school_before = _word_before(ex.school_terms, 2)
        self.cue_after = compile_pattern(r"\s+" + words_pattern(_entries_words(rules.year_after_cues)) + r"\b")
        connectors = words_pattern(_entries_words(rules.list_connectors))
        self.list_gap = compile_pattern(r"(?:\s*,\s*(?:" + connectors + r"\s+)?|\s+" + connectors + r"\s+)")
        # After a year, what makes it none: a decade's "an" (group "decade"), else a quantity word
        # (one regex call for both).
        self.not_year_after = compile_pattern(
            r"(?P<decade>\s*-?\s*an\b)|\s*" + words_pattern(_entries_words(ex.quantity_after)) + r"(?!\w)"
        )
        self.attached_gap = compile_pattern(r"[ \t(]*")
        units_between = ("Tahun", "tahun", "Bulan", "bulan")  # "akhir tahun 2021", "awal bulan Maret"
        # The modifier (group "mod") that ends, with white space, right before a position.
        self.modifier_before = _Lookbehind(
            r"(?<![\w-])(?P<mod>" + words_pattern(_entries_words(rules.modifiers)) + r")\s+(?:(?:" + "|".join(units_between) + r")\s+)?",
            _entries_words(rules.modifiers), space=True, between=units_between,
        )

    def _form_set(self, rules: DateRules, anchor: str, gate: str = "", starts: set[str] | None = None,
                  for_ascii: bool = True) -> FormSet:
        """The forms of an anchor, in order; with `starts`, only those that can begin there."""
        forms = [f for f in rules.forms if f.anchor == anchor and (starts is None or not f.starts or starts & set(f.starts))]
        return FormSet([(f.id, self.lexicon.fill(f.pattern)) for f in forms], gate, for_ascii)

    def _text_form_sets(self, rules: DateRules) -> dict[str | int, BuiltOnFirstUse]:
        """For ASCII text, the text-anchored forms to try where `_ascii_starts` found a name, "("
        or "Q" (keyed by it as found) or a number (keyed by its count of digits): only those whose
        `starts` allow it (speed: a smaller alternation).  They are tried without `_gate` (speed:
        it would test `day_follows` a second time): the places `_ascii_starts` finds pass it, but
        for what every form tried there tests itself (a year from 1 or 2, a day from 1 to 31, a
        word boundary after a name, "Q" at a word start)."""
        starts_of: dict[str | int, set[str]] = {1: {"day"}, 2: {"day"}, 4: {"year"}, "(": {"paren"}, "Q": {"quarter"}}
        names = [(v, "month") for v in sorted(capitalized_spellings(self._month_names(rules)))]
        names += [(v, "weekday") for v in sorted(capitalized_spellings(self._weekday_names(rules)))]
        for name, _ in names:  # a form may match a shorter name than the longest found there
            starts_of[name] = {kind for other, kind in names if name.startswith(other)}
        sets: dict[frozenset[str], BuiltOnFirstUse] = {}
        for starts in map(frozenset, starts_of.values()):
            if starts not in sets:
                sets[starts] = BuiltOnFirstUse(partial(self._form_set, rules, "text", "", starts))
        return {found: sets[frozenset(starts)] for found, starts in starts_of.items()}

    @staticmethod
    def _month_names(rules: DateRules) -> list[str]:
        return [w for m in rules.months for w in (*m.words, *m.short)]

    @staticmethod
    def _weekday_names(rules: DateRules) -> list[str]:
        return [w for d in rules.weekdays for w in d.words]

    @classmethod
    def _names(cls, rules: DateRules) -> list[str]:
        """Month and weekday names: a text-anchored form can start at one."""
        return cls._month_names(rules) + cls._weekday_names(rules)

    def _gate(self, rules: DateRules) -> str:
        """A lookahead that lets the text-anchored forms be tried only where one can start (speed),
        for stdlib `re`: a year, a day and what `day_follows` it, "Q" and 1-4, a name."""
        day_or_year = r"[12]\d{3}(?!\d)|\d{1,2}(?:" + self.lexicon.fill(rules.day_follows) + ")"
        names = capitalized_pattern(self._names(rules))
        return r"(?=(?<!\d[.,])(?<!\d)\(?(?:" + day_or_year + r")|Q[1-4]|(?<!\w)" + names + ")"

    @classmethod
    def _starts(cls, rules: DateRules) -> re.Pattern:
        """Every place a text-anchored form can start (and some where none does) in text that is
        not ASCII, for stdlib `re`: a digit not after a digit (every form's day and year begin
        with one), "(" before a digit, "Q" before 1-4, a capitalized month or weekday name.

        Every branch begins with one literal character, so `re` skips to the next of those
        characters fast (a branch beginning with a class or a lookaround would stop that).
        """
        spellings = capitalized_spellings(cls._names(rules))
        initials = sorted({w[0] for w in spellings})
        digits = [rf"{d}(?<!\d\d)\d*" for d in "0123456789"]
        names = [re.escape(i) + trie_pattern({w[1:] for w in spellings if w[0] == i}) for i in initials]
        return re.compile("|".join([*digits, r"\((?=\d)", "Q(?=[1-4])", *names]))

    @staticmethod
    def _ascii_numbers(day_follows: str) -> re.Pattern[bytes]:
        """The numbers a text-anchored form can start at, in a copy of ASCII text where every
        digit is "0" (`_FOLD_DIGITS`; `day_follows` filled for such a copy; bytes, which need no
        decoding): four digits (a year), or one or two followed by what `day_follows` allows (a
        day), not after a digit, nor after a digit and "." or ",".  The match takes the whole
        number: its length tells a day from a year.

        Most numbers in news are amounts and counts, and the scan passes over them in C where
        each would otherwise cost a Python step and a failed match.  Speed: a `re` scan led by a
        character class ([0-9]) costs about 5 ns a character of text; in the copy the scan is
        led by one literal, "0", which `re` finds several times faster.
        """
        return re.compile(rf"0(?<!\d\d)(?<!\d[.,]\d)(?:\d?(?!\d)(?={day_follows})|\d{{3}}(?!\d))".encode("ascii"))

    @classmethod
    def _word_starts(cls, rules: DateRules, keywords: set[str]) -> ahocorasick.Automaton:
        """For ASCII text, what begins a word in `spaced_copy(text, _LOWER_WORDS) + " "`: the keywords
        (units also after "se": " tahun", " setahun"), and where a text-anchored form can start, the month
        and weekday names and "Q1" to "Q4" (any case: the hit is looked up as written).  A hit's
        value: how far back from its last character in the copy it begins in `text`, its length
        there, and whether it is a keyword.

        Only names that end a word (a space follows in the copy), but for full month names: a
        short month or weekday name is taken only by {month} or {weekday}, both ending with \\b,
        while {month_name} may be followed by a letter ("Maretsd Juni"); this passes over the
        names of people ("Agus", "Mardani") and places ("Desa").  Only keywords followed by what
        `_next_initials` allows: one white space character and an initial (" tahun l"), or two
        (" tahun  "); this passes over most units, which begin no date ("tahun 2023", "hari
        Senin", "tahunan", "Pekanbaru").  After "se" only units: a count joined to its unit
        ("setahun lalu"); every other keyword-anchored form begins at a word boundary (and "se"
        begins many words: "sekolah", "sebagai", each a step into the automaton for such a
        keyword).  Speed: one automaton finds keywords and names in one pass over the copy.
        """
        next_initials = cls._next_initials(rules)
        units = {w.split()[0].lower() for w in _entries_words(rules.units)}
        starts = {}
        for word in keywords:
            tails = [" " + initial for initial in sorted(next_initials[word])] + ["  "] if word in next_initials else [""]
            for before, tail in product(("", "se") if word in units else ("",), tails):
                starts[" " + before + word + tail] = (len(word) + len(tail), len(word), True)
        full_months = capitalized_spellings(w for m in rules.months for w in m.words)
        for name in capitalized_spellings(cls._names(rules)):
            key = " " + "".join(c.lower() if c.isalnum() else " " for c in name) + ("" if name in full_months else " ")
            if starts.get(key, (0, 0, False))[2]:
                raise ValueError(f"{name!r} is also a keyword")
            starts[key] = (len(key) - 1, len(name), False)
        starts.update({" q" + digit: (2, 1, False) for digit in "1234"})
        return word_automaton(starts)

    @staticmethod
    def _next_initials(rules: DateRules) -> dict[str, set[str]]:
        """The keywords that begin a keyword-anchored form only before white space and a word, each
        with the initials (lowercase) of the words that may follow: a unit before a direction
        ("tahun lalu"), the first word of a relative day before the rest ("hari ini", "esok
        hari").  A keyword that is a whole relative day, a quarter or a half word is not one."""
        units = {w.lower() for w in _entries_words(rules.units)}
        direction_initials = {w[0].lower() for w in _entries_words(rules.directions)}
        free = {w.lower() for w in _entries_words([*rules.quarters, *rules.halves])}
        initials: dict[str, set[str]] = {}
        for word in map(str.lower, _entries_words([*rules.units, *rules.relative_days])):
            first, *rest = word.split()
            if rest:
                initials.setdefault(first, set()).add(rest[0][0])
            elif word in units:
                initials.setdefault(first, set()).update(direction_initials)
            else:
                free.add(first)
        return {word: follows for word, follows in initials.items() if word not in free}

    def _ascii_starts(self, text: str) -> tuple[list[tuple[int, BuiltOnFirstUse]], list[tuple[int, BuiltOnFirstUse]]]:
        """For ASCII text: where text-anchored forms can start, in order, each with the forms to
        try there (see `_text_form_sets`); and where keyword-anchored forms can start: a keyword
        at a word start or after "se" at a word start (as `_keyword_starts` finds in other text),
        each with the forms to try there: all where the text before it, white space left out,
        ends with a count (a digit or the last word of a {number}: "3 hari", "dua belas bulan",
        "setahun"), else those without `starts: [counted]`.

        Speed (see `_keyword_starts`): the keywords are found in a lowercase copy where every
        character that is no letter or digit is a space, after a space: the automaton's root has
        one child.  A counted form, which only `regex` confirms (a variable-width lookbehind),
        is tried only after a count (`str.isspace` takes every character `regex`'s \\s does, so
        this never turns down a match).
        """
        text_forms = self.text_forms
        starts = []
        for number in self.ascii_numbers.finditer(text.encode("ascii").translate(_FOLD_DIGITS)):
            start, end = number.span()
            # "(" tested first: the regex runs only where there is one.
            if end - start < 3 and text[start - 1 : start] == "(" and self.paren_before.match(text, start - 1):
                starts.append((start - 1, text_forms["("]))
            starts.append((start, text_forms[end - start]))
        keyword_starts = []
        names = []
        for last, (back, length, keyword) in self.word_starts.iter(spaced_copy(text, _LOWER_WORDS) + " "):
            start = last - back
            if keyword:
                counted = text.endswith(self.count_endings, 0, _space_before(text, start))
                keyword_starts.append((start, self.counted_keyword_forms if counted else self.keyword_forms))
            else:
                forms = text_forms.get(text[start : start + length])  # None where the case is not a name's
                # Not after "_" (a space in the copy), which \w takes, as `_gate` says.
                if forms and not (start and text[start - 1] == "_"):
                    names.append((start, forms))
        # In text order (no start is both a number's or "("'s and a name's: no tuple ties).
        return sorted(starts + names) if names else starts, keyword_starts

    def _keyword_starts(self, text: str) -> list[int]:
        """Where a keyword-anchored form can start in text that is not ASCII: a keyword at a word
        start or after "se" at a word start.

        (Speed: the automaton looks each character up among a node's children one by one, and
        nearly every character is looked up at the root; for ASCII text, `_ascii_starts` scans a
        lowercase copy for the keywords after a space, where the root has one child: about a
        quarter less, copy included.)
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lowercase is longer: offsets would shift
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        starts = []
        for last, length in self.keywords.iter(lowered):
            i = last + 1 - length
            before = i - 2 if lowered[i - 2 : i] == "se" else i
            if before == 0 or not text[before - 1].isalnum():
                starts.append(i)
        return starts

    def _matches(self, text: str) -> list[FormMatch]:
        """Every form match, text-anchored and keyword-anchored, in text order."""
        found = []
        if text.isascii():
            text_starts, keyword_starts = self._ascii_starts(text)
        else:
            any_text_forms, any_keyword_forms = self.other_text_forms, self.other_keyword_forms
            text_starts = [(candidate.start(), any_text_forms) for candidate in self.text_starts.finditer(text)]
            keyword_starts = [(start, any_keyword_forms) for start in self._keyword_starts(text)]
        end = 0
        for start, forms in text_starts:
            if start >= end:  # text-anchored matches do not overlap
                m = forms.match(text, start)
                if m:
                    found.append(m)
                    end = m.end
        text_found = len(found)
        for start, forms in keyword_starts:
            m = forms.match(text, start)
            if m:
                found.append(m)
        # Each part is in order already (text-anchored matches do not overlap; keyword starts
        # increase): sorting is needed only where both have matches.
        if 0 < text_found < len(found):
            found.sort(key=lambda f: (f.start, -f.end))
        return found

    def __call__(self, doc: Document) -> list[DateMention]:
        text = doc.match_text
        mentions: list[dict] = []  # the fields of each DateMention
        last_end = covered = -1
        for m in self._matches(text):
            start, end = m.start, m.end
            if m.n:
                start = m.span_of("n")[0]
            modifier = None
            if not (m.d1 or m.rday or m.wd):
                attached = self.modifier_before.match(text, start)
                if attached:
                    start = attached.start("mod")
                    modifier = self.lexicon.modifier_of[_key(attached.group("mod"))]
            if start < covered or doc.in_boilerplate(start, end):
                continue
            covered = end
            relative = bool(m.rday or m.unit or m.wdir)
            if relative and last_end >= 0 and self.attached_gap.fullmatch(text, last_end, start):
                continue  # "Kamis (24/8) besok": the word only confirms the date before it
            try:
                value, value_end, grain, modifier = self._resolve(m, doc, start, modifier, last_end)
            except Rejected as why:
                doc.reject(self.field, start, end, f"{m.form}: {why}")
                continue
            mentions.append({
                "text": doc.text[start:end], "start": start, "end": end, "rule": m.form, "value": value,
                "value_end": value_end, "grain": grain, "modifier": modifier,
            })
            last_end = end
        return build_mentions("dates", mentions)

    # -- interpretation -------------------------------------------------------------------

    def _resolve(self, m: FormMatch, doc: Document, start: int, modifier: Modifier | None, last_end: int) -> Resolved:
        """The value of a match, read by the resolver of the groups it has; a date outside the years
        0001-9999 that ISO 8601 writes with four digits is turned down ("3 hari lalu" in an article
        dated 0001-01-01, a null date some systems export)."""
        try:
            if m.rday:
                resolved = self._relative_day(m, doc)
            elif m.unit:
                resolved = self._relative_unit(m, doc, modifier)
            elif m.wdir:
                resolved = self._weekday_relative(m, doc)
            elif m.q or m.h:
                resolved = self._period(m, doc, modifier)
            elif m.d1:
                resolved = self._day(m, doc)
            elif m.m1:
                resolved = self._month(m, doc, modifier)
            elif m.y1:
                resolved = self._year(m, doc, start, modifier, last_end)
            else:
                resolved = self._bare_weekday(m, doc)
        except OverflowError:  # date arithmetic past the first or the last day of the calendar
            raise Rejected(_OUTSIDE_CALENDAR) from None
        value, value_end = resolved[0], resolved[1]
        if not (_in_calendar(value) and (value_end is None or _in_calendar(value_end))):
            raise Rejected(_OUTSIDE_CALENDAR)
        return resolved

    @staticmethod
    def _published(doc: Document) -> date:
        if doc.published is None:
            raise Rejected("relative to an unknown publication date")
        return doc.published

    def _relative_day(self, m: FormMatch, doc: Document) -> Resolved:
        if self.nowadays_before.match(doc.match_text, m.start):
            raise Rejected("'hari ini' meaning nowadays")
        published = self._published(doc)
        return ((published + timedelta(days=self.lexicon.days_of[_key(m.rday)])).isoformat(), None, "day", None)

    def _relative_unit(self, m: FormMatch, doc: Document, modifier: Modifier | None) -> Resolved:
        lex = self.lexicon
        unit = lex.unit_of[_key(m.unit)]
        step = lex.direction_of[_key(m.dir)].step
        if m.n:
            n = int(m.n) if m.n.isdigit() else lex.number_of[_key(m.n)]
        else:
            if self.vague_before.match(doc.match_text, m.start):
                raise Rejected("vague quantity ('beberapa tahun lalu')")
            if unit == "day" and step != 0:
                raise Rejected("not a date ('hari depan')")
            if unit == "day" and self.nowadays_before.match(doc.match_text, m.start):
                raise Rejected("'hari ini' meaning nowadays")
            n = 1
        published = self._published(doc)
        offset = step * n
        if unit == "day":
            return ((published + timedelta(days=offset)).isoformat(), None, "day", modifier)
        if unit == "week":
            return (iso_week(published + timedelta(weeks=offset)), None, "week", modifier)
        if unit == "month":
            year, month = shift_months(published.year, published.month, offset)
            return (f"{year:04d}-{month:02d}", None, "month", modifier)
        return (f"{published.year + offset:04d}", None, "year", modifier)

    def _weekday_relative(self, m: FormMatch, doc: Document) -> Resolved:
        published = self._published(doc)
        weekday = self.lexicon.weekday_of[_key(m.wd)]
        phrase = _key(m.wdir)
        direction = self.lexicon.direction_of.get(phrase)
        if direction is None:  # "Jumat pekan lalu": that weekday in the week before (or after)
            monday = published - timedelta(days=published.weekday())
            weeks = 1 if phrase.endswith("depan") else -1
            day = monday + timedelta(weeks=weeks, days=weekday)
        elif direction.step < 0:
            day = published - timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
        else:
            day = published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
        return (day.isoformat(), None, "day", None)

    def _bare_weekday(self, m: FormMatch, doc: Document) -> Resolved:
        if self.recurring_before.match(doc.match_text, m.start):
            raise Rejected("recurring weekday ('setiap Senin')")
        published = self._published(doc)
        weekday = self.lexicon.weekday_of[_key(m.wd)]
        day = published - timedelta(days=(published.weekday() - weekday) % 7)
        return (day.isoformat(), None, "day", None)

    def _year_of(self, m: FormMatch, doc: Document, month: int, day: int = 1) -> int:
        """The year written, else the one named by "tahun lalu/ini/depan", else from `published`."""
        if m.y1:
            return full_year(m.y1)
        published = self._published(doc)
        if m.ydir:
            return published.year + self.lexicon.direction_of[_key(m.ydir)].step
        weekday = self.lexicon.weekday_of.get(_key(m.wd)) if m.wd else None
        return nearby_year(published, month, day, weekday)

    def _period(self, m: FormMatch, doc: Document, modifier: Modifier | None) -> Resolved:
        if m.q:
            number, grain, letter = self.lexicon.quarter_of[_key(m.q)], "quarter", "Q"
            first_month = 3 * number - 2
        else:
            if self.school_before.match(doc.match_text, m.start):
                raise Rejected("a school term, not a half year")
            number, grain, letter = self.lexicon.half_of[_key(m.h)], "half", "H"
            first_month = 6 * number - 5
        if m.y1 or m.ydir:
            year = self._year_of(m, doc, first_month)
        else:  # the publication year, unless the period starts more than half a year later
            published = self._published(doc)
            year = published.year - (first_month > published.month + 6)
        return (f"{year:04d}-{letter}{number}", None, grain, modifier)

    def _day(self, m: FormMatch, doc: Document) -> Resolved:
        lex = self.lexicon
        if m.y1 and len(m.y1) == 2 and not (m.wd or m.po):
            raise Rejected("two-digit year without a weekday or parentheses")
        month1 = lex.month(m.m1, m.mn1)
        day1 = int(m.d1)
        has_end = bool(m.d2)
        month2 = lex.month(m.m2, None) or month1
        day2 = int(m.d2) if has_end else day1
        if not (1 <= month1 <= 12 and 1 <= month2 <= 12):  # "(22/13)": before a year is sought for the month
            raise Rejected("invalid date")
        if m.y1 or not m.y2:
            year1 = self._year_of(m, doc, month1, day1)
            year2 = full_year(m.y2) if m.y2 else year1
        else:
            year2 = full_year(m.y2)
            year1 = year2 - 1 if (month1, day1) > (month2, day2) else year2
        try:
            start = date(year1, month1, day1)
            end = date(year2, month2, day2)
        except ValueError:
            raise Rejected("invalid date") from None
        if end < start:
            raise Rejected("range ends before it starts")
        return (start.isoformat(), end.isoformat() if has_end else None, "day", None)

    def _month(self, m: FormMatch, doc: Document, modifier: Modifier | None) -> Resolved:
        lex = self.lexicon
        month1 = lex.month(m.m1, None)
        if m.mdir:
            published = self._published(doc)
            step = lex.direction_of[_key(m.mdir)].step
            year1 = published.year
            if step < 0 and month1 > published.month:
                year1 -= 1
            elif step > 0 and month1 < published.month:
                year1 += 1
        elif m.y1 or m.ydir or not m.y2:
            year1 = self._year_of(m, doc, month1)
        else:
            year1 = None
        if not m.m2:
            return (f"{year1:04d}-{month1:02d}", None, "month", modifier)
        month2 = lex.month(m.m2, None)
        year2 = full_year(m.y2) if m.y2 else year1 + (month2 < month1)
        if year1 is None:
            year1 = year2 - 1 if month1 > month2 else year2
        if (year2, month2) <= (year1, month1):
            raise Rejected("range ends before it starts")
        return (f"{year1:04d}-{month1:02d}", f"{year2:04d}-{month2:02d}", "month", modifier)

    def _year(self, m: FormMatch, doc: Document, start: int, modifier: Modifier | None, last_end: int) -> Resolved:
        text = doc.match_text
        year_start, year_end = m.span_of("y1")
        end = m.end
        words = _words_before(text, year_start)
        # The `_key` of each of the last three words (`_in_identifier` and `_cued` read no further
        # back); a word holds no white space, so that is its lowercase without a final period.
        keys = [w.lower().rstrip(".") for w in words[-3:]]
        if self._in_identifier(words, keys):
            raise Rejected("year inside a regulation or document identifier")
        if self.copyright_before.match(text, year_start):
            raise Rejected("copyright year")
        not_year = self.not_year_after.match(text, end)
        if not_year:
            raise Rejected("decade, not a year" if not_year.group("decade") else "a quantity, not a year")
        year1 = int(m.y1)
        if m.y2:
            year2 = int(m.y2)
            consecutive = "/" not in text[year_end : m.span_of("y2")[0]] or year2 == year1 + 1
            if not (1900 <= year1 < year2 <= 2100 and consecutive):
                raise Rejected("not a range of years")
            return (f"{year1:04d}", f"{year2:04d}", "year", modifier)
        if self._is_time_reference(text, words, keys, start, end, year1, modifier, last_end):
            return (f"{year1:04d}", None, "year", modifier)
        if self.name_before.match(text, year_start):
            raise Rejected("year inside a proper name (event, program, product)")
        raise Rejected("number without a time cue")

    def _in_identifier(self, words: list[str], keys: list[str]) -> bool:
        """`keys`: those of the last three words."""
        if not words:
            return False
        last = words[-1]
        if last.endswith("/"):
            return True
        if keys[-1] in self.year_words and len(words) >= 2 and any(map(str.isdigit, words[-2])):
            head = words[-3] if len(words) >= 3 else ""
            return keys[-2].startswith("no") or self._names_identifier(head)
        return self._names_identifier(last)

    def _names_identifier(self, word: str) -> bool:
        word = word.rstrip(".:")
        return word in self.regulation_words or word.lower().rstrip(".") in self.number_words  # its `_key`

    def _is_time_reference(
        self, text: str, words: list[str], keys: list[str], start: int, end: int, year: int, modifier: Modifier | None,
        last_end: int,
    ) -> bool:
        """`keys`: those of the last three words."""
        if keys and keys[-1] in self.wide_cues:
            return 1000 <= year <= 2999
        if not 1900 <= year <= 2100:
            return False
        return bool(
            modifier
            or self._cued(words, keys)
            or self.cue_after.match(text, end)
            or (last_end >= 0 and self.list_gap.fullmatch(text, last_end, start))
        )

    def _cued(self, words: list[str], keys: list[str]) -> bool:
        """A year cue right before the year, or a budget word up to `gap` words before it
        (`keys`: those of the last three words)."""
        if keys and (keys[-1] in self.cues or " ".join(keys[-2:]) in self.cues or " ".join(keys[-3:]) in self.cues):
            return True
        if self.upper_cues.keys().isdisjoint(words):  # nearly always: one C call instead of the loop
            return False
        return any(self.upper_cues.get(w, -1) >= len(words) - 1 - i for i, w in enumerate(words))
