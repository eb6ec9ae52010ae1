"""Officials: people named with a public position, one entry per person per article.

A title starts at a position word of `rules/titles.yaml` (with Plt./Pj./Wakil/mantan before it)
and runs on over body names, title vocabulary, regions (from the regions field), numbers
("Komisi IV") and commas that lead to more of the same ("Staf Ahli Bidang Sosial, ..., Setdakot
Balikpapan"). The name is read after the title ("TITLE NAME", "TITLE, NAME") or, when none
follows, before it ("NAME, TITLE", "NAME selaku TITLE", "NAME (TITLE)"); names and their
honorifics, ranks and degrees are read by `names.NameReader` with `rules/officials.yaml`.
Mentions of one person are merged (a short name joins the fuller one that contains it); the entry
takes the fullest name, the most complete title, its body and the region inside it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Literal

import regex

from .document import Document
from .memo import BoundedMemo
from .models import OfficialMention, build_mentions
from .names import Name, NameReader, name_key, word_pattern
from .patterns import ascii_table, compile_by_ascii, compile_pattern, spaced_copy
from .rules import NonEmpty, RuleFile, RuleModel, load_rule_file
from .wordtrie import word_automaton

FIELD = "officials"

# --- rules files -----------------------------------------------------------------------------

class EntryExample(RuleModel):
    """A text and the official it must yield (`name: null`: no official at all); the title
    and the organization are checked where the example gives them (`organization: null`: none)."""

    text: str
    name: str | None
    title: str | None = None
    organization: str | None | Literal[False] = False  # False: not given, not checked


class WordEntry(RuleModel):
    id: str
    words: NonEmpty[str]
    examples: NonEmpty[EntryExample]


Place = Literal["word", "words"]


class PrefixEntry(WordEntry):
    in_title: bool = True  # False: a status ("mantan"), left out of the title and the span


class PositionEntry(WordEntry):
    needs_body: bool = False
    unit_is_public: bool = False  # a government unit or field alone gives it its public body ("Asisten Bidang ...")
    place: Place | None = None
    takes_position: bool = False
    name_part: bool = False  # also a name element: after a name token it is no title ("Abdul Hakim")


class BodyEntry(WordEntry):
    kind: Literal["organization", "soe", "company"]
    place: Place | None = None


class VocabularyEntry(WordEntry):
    government_unit: bool = False
    public_field: bool = False  # business of the state only: with a unit it makes the title public
    government_field: bool = False  # a field of government business ("Pemerintahan", "Kesra")
    numbered_body: bool = False  # with a number it names a public body ("Komisi VI", "Komisi A")
    place: Place | None = None


class TitleLexicon(RuleFile):
    prefixes: list[PrefixEntry]
    positions: list[PositionEntry]
    bodies: list[BodyEntry]
    vocabulary: list[VocabularyEntry]


class StopEntry(WordEntry):
    heads_proper_noun: bool = False  # a name right after it is the rest of a proper noun ("Desa Sukamaju")
    verb: bool = False  # a title never runs over it ("Mensos Saifullah Yusuf Tinjau Sekolah Rakyat")


class HonorificEntry(WordEntry):
    opens_name: bool = False  # never inside a name: words before it belong to the title ("Gubernur Shizuoka Mr. Heita")


class ParticleEntry(WordEntry):
    lowercase: bool = False


class RankEntry(WordEntry):
    corps: bool = False


class ShapeEntry(RuleModel):
    id: str
    description: str
    examples: NonEmpty[EntryExample]


class PatternEntry(RuleModel):
    id: str
    reason: str
    pattern: str
    examples: NonEmpty[EntryExample]


class NameContextEntry(RuleModel):
    """A context that marks a name as no official wherever it occurs in the article: the text right
    before the name (ending at it) and, if given, right after it."""

    id: str
    reason: str
    before_name: str
    after_name: str | None = None
    examples: NonEmpty[EntryExample]


class Exclusions(RuleModel):
    before_title: list[PatternEntry]
    in_title: list[PatternEntry]
    name_contexts: list[NameContextEntry]


class StopPattern(RuleModel):
    id: str
    pattern: str
    examples: NonEmpty[EntryExample]


class OfficialRules(RuleFile):
    particles: list[ParticleEntry]
    honorifics: list[HonorificEntry]
    degrees: list[WordEntry]
    ranks: list[RankEntry]
    stopwords: list[StopEntry]
    stop_patterns: list[StopPattern]
    name_words: list[WordEntry]
    title_modifiers: list[PatternEntry]
    list_openers: list[PatternEntry]
    shapes: list[ShapeEntry]
    exclusions: Exclusions


def _words(entries: Iterable[WordEntry]) -> list[str]:
    return [w for e in entries for w in e.words]


def _scoped_flags(pattern: str) -> str:
    """`pattern` with its leading global flags made scoped ("(?im)x" -> "(?im:x)"), to join it with others."""
    flags = re.match(r"\(\?([a-zA-Z]+)\)", pattern)
    return f"(?{flags.group(1)}:{pattern[flags.end():]})" if flags else pattern


def _is_acronym(word: str) -> bool:
    return " " not in word and sum(c.isupper() for c in word) >= 2


def _lower_case_first(word: str) -> tuple[bool, str]:
    """The order to add words to an automaton (`word_automaton`): those beginning with a lower-case letter, the
    letters text has most, first (scans about 15% faster)."""
    return not word[0].islower(), word


def _space_then_lower_case_first(word: str) -> tuple[bool, bool, str]:
    """The same for words written after what stands before them (`_PositionScan`): a space first."""
    return word[0] != " ", not word[1].islower(), word


class _PositionScan:
    """Where the position words stand as whole words in a text: the hits of an Aho-Corasick leftmost-longest
    scan (`iter_long`) for the words, each also with its first letter's case swapped, less the hits inside
    a word.

    Speed: the automaton looks each character up among a node's children one by one, and nearly every
    character is looked up at the root, among the words' first letters in both cases. ASCII text (nearly every
    article) is scanned in a copy where every character that is no letter, digit or character of a word is NUL,
    for the words written after what may stand before them (" Bupati", "\\0Bupati", "-Bupati"): the root has
    these few children only, and the scan costs about a third less (the copy about 2 us). This "bounded" scan
    finds the same hits, unless the plain scan follows a word that starts inside another word over the first
    letters of a whole one ("Waketua Majelis Hakim": "ketua Majelis Hakim" hides "Majelis Hakim"), and then
    misses or finds otherwise; where that can happen (no article of the corpus), the plain scan runs instead.
    """

    def __init__(self, words: list[str]):
        forms = {form for word in words for form in (word, word[0].swapcase() + word[1:])}
        self._plain = word_automaton({form: len(form) for form in forms}, _lower_case_first)
        inner = {c for form in forms for c in form if not c.isalnum()}  # " " and "-": kept in the copy
        self._table = ascii_table(lambda c: c if c.isalnum() or c in inner else "\0")
        self._bounded = word_automaton(
            {before + form: len(before + form) for form in forms for before in inner | {"\0"}}, _space_then_lower_case_first)
        # A hit of the bounded scan -> what may hide it from the plain scan: (k, cover), where cover is a form,
        # or a form's start up to the end of the hit, that runs over the hit's first letters from its character
        # cover[k], no letter or digit ("executive Vice Presiden" over "Presiden").
        self._hiders: dict[str, list[tuple[int, str]]] = {}
        for form in forms:
            for k, c in enumerate(form):
                if not c.isalnum():
                    rest = form[k + 1:]
                    for hit in forms:
                        if hit.startswith(rest) or rest.startswith(hit):
                            self._hiders.setdefault(hit, []).append((k, form[:k + 1 + len(hit)]))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each position word standing as a whole word, in text order."""
        if text.isascii():
            spans = self._bounded_spans(text)
            if spans is not None:
                return spans
        return [(last + 1 - length, last + 1) for last, length in self._plain.iter_long(text)
                if _whole_word(text, last + 1 - length, last + 1)]

    def _bounded_spans(self, text: str) -> list[tuple[int, int]] | None:
        """`spans` by the bounded scan (`text` is ASCII); None where the plain scan might find otherwise: a
        word that starts inside another word runs over a hit (`_hiders`)."""
        spans = []
        for last, length in self._bounded.iter_long(spaced_copy(text, self._table)):
            start, end = last + 1 - length, last  # in `text`: the copy has one character more in front
            for k, cover in self._hiders.get(text[start:end], ()):
                at = start - 1 - k
                if at > 0 and text[at - 1].isalnum() and text.startswith(cover, at):
                    return None
            if end == len(text) or not text[end].isalnum():
                spans.append((start, end))
        return spans


def _whole_word(text: str, start: int, end: int) -> bool:
    """True when no letter or digit stands right before `start` or right after `end`."""
    return not ((start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()))


class _Alternation:
    """Pattern entries as one regex (one search instead of one per entry); `search` names the entry that
    matched (the group named `lastgroup`: the entries' patterns capture nothing themselves).

    `backward_first`: for patterns that end at the end of the text ("...\\s+$"), a backward match (REVERSE,
    which tries the end of the text only: no other end can match) tells whether any entry matches several
    times faster than a forward search, which tries every start; only when one does, the forward search
    names the entry (that of the leftmost match, as always).
    """

    def __init__(self, entries: list[PatternEntry], flags: int = 0, backward_first: bool = False):
        self._entries = {f"e{i}": entry for i, entry in enumerate(entries)}
        source = "|".join(f"(?P<e{i}>{e.pattern})" for i, e in enumerate(entries))
        self._pattern = regex.compile(source, flags)
        if self._pattern.groups != len(entries):
            raise ValueError("exclusion patterns must not capture: use (?:...)")
        self._any = regex.compile(source, flags | regex.REVERSE) if backward_first else None

    def search(self, text: str) -> PatternEntry | None:
        if self._any is not None and self._any.match(text) is None:
            return None
        m = self._pattern.search(text)
        return None if m is None else self._entries[m.lastgroup]


# --- the regions of one article ----------------------------------------------------------------

class RegionIndex:
    """The region mentions of one article, looked up by offset."""

    def __init__(self, mentions: Iterable[Any]):
        self.by_start = {m.start: m for m in mentions}
        self._starts = sorted(self.by_start)
        # The furthest end among the regions starting at or before each start: `covers` is one bisect.
        self._reach = list(accumulate([self.by_start[s].end for s in self._starts], max))

    def starts_between(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """True when a region covers some offset in `start:end` (one bisect: `_reach`)."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start

    def running_past(self, start: int, end: int) -> Any | None:
        """A region that starts inside `start:end` and ends after it ("Wali [Kota Bandar Lampung]")."""
        i = bisect_left(self._starts, start)
        while i < len(self._starts) and self._starts[i] < end:
            region = self.by_start[self._starts[i]]
            if region.end > end:
                return region
            i += 1
        return None

    def inside(self, start: int, end: int) -> list[Any]:
        i = bisect_left(self._starts, start)
        found = []
        while i < len(self._starts) and self._starts[i] < end:
            region = self.by_start[self._starts[i]]
            if region.end <= end:
                found.append(region)
            i += 1
        return found


# --- candidates ------------------------------------------------------------------------------

Shape = Literal["official.title_name", "official.title_comma_name", "official.title_list",
                "official.name_comma_title", "official.name_selaku_title", "official.name_paren_title"]


@dataclass(slots=True)
class Title:
    """A parsed title: `start:end` in the text, the body inside it and what it still lacks."""

    start: int
    end: int
    position: PositionEntry
    org_start: int | None = None
    name_from: int | None = None  # where its name may start when words after the title are no part of it
    word_before: str = ""  # the word right before it, lower-cased (`_last_word`): "sebagai", "mantan"
    inherited: str | None = None  # the body of an earlier title ("anggota lainnya" -> "Komisi VI")
    has_region: bool = False
    has_unit: bool = False
    has_public_field: bool = False
    has_government_field: bool = False
    has_public_body: bool = False
    has_company: bool = False
    has_soe: bool = False

    @property
    def after(self) -> int:
        return self.end if self.name_from is None else self.name_from


@dataclass(slots=True)
class Candidate:
    """A name next to a title; `start:end` covers both (fixed when made: the title is read by then, and
    fields are read several times cheaper than properties)."""

    title: Title
    name: Name
    shape: Shape
    alias: tuple[str, ...] | None = None
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        self.start = min(self.title.start, self.name.start)
        self.end = max(self.title.end, self.name.end)


@dataclass(slots=True)
class Person:
    mentions: list[Candidate] = field(default_factory=list)
    aliases: set[tuple[str, ...]] = field(default_factory=set)
    key: tuple[str, ...] = ()

    def add(self, candidate: Candidate) -> None:
        self.mentions.append(candidate)
        if len(candidate.name.key) > len(self.key):
            self.key = candidate.name.key
        if candidate.alias:
            self.aliases.add(candidate.alias)


# The plain patterns below are compiled by `re` (`compile_pattern`), about half the cost of `regex` per call.
_NAME_FIRST_SEPARATOR = compile_pattern(
    r"(?:(?P<paren>[ \t]*\([ \t]*)"
    r"|(?P<selaku>(?:[ \t]*,)?[ \t]+(?:selaku|sebagai|yang juga(?: menjabat| merupakan)?(?: sebagai)?"
    r"|yang merupakan|yang menjabat(?: sebagai)?)[ \t]+)"
    r"|(?P<comma>[ \t]*,[ \t]*))\Z"
)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
# Right after a position word (blanks skipped), what ends its title and leaves no name after it: no title word,
# region or name begins with these ("" is the end of the text).
_TITLE_CLOSERS = frozenset(['', '.', ';', ':', '?', '!', '"', "'", ')', '\n'])
_NAME_FIRST_WORDS = {"selaku", "sebagai", "juga", "merupakan", "menjabat"}
# After "NAME, TITLE" the apposition closes: punctuation, a preposition, the end of the line.
_APPOSITION_END = compile_pattern(
    r"[ \t]*(?:[,.;:)\"'!?]|\n|\Z|(?:di|saat|ketika|usai|seusai|kepada|pada|dalam|dari|yang|melalui|bersama|dan|serta"
    r"|atau)\b)"
)
_ALIAS_BY_ASCII = compile_by_ascii(r"[ \t]*\((\p{Lu}[\p{L}'\-]+)\)")
# An abbreviation in brackets inside a title: "(BPS)", "(Mendes PDT)", "(Menko)".
# Page text may break lines inside the brackets: "(\n\nPANRB\n\n)".
_PAREN_ABBREVIATION = r"\(\s{0,6}[\p{Lu}\d][\p{L}\d.&\-]*(?:[ \t]+[\p{Lu}\d][\p{L}\d.&\-]*){0,2}\s{0,6}\)"
_TAIL_PAREN_OK_BY_ASCII = compile_by_ascii(_PAREN_ABBREVIATION)
# An unknown word of a title before its body: a capitalized word or an abbreviation in brackets
# ("Kepala Pelayanan Markas (Kayanma) Polda ...").
_UNKNOWN_WORD = rf"[ \t]+\p{{Lu}}[\p{{L}}'\-]*(?![\p{{L}}\d])|[ \t]*{_PAREN_ABBREVIATION}"
_UNKNOWN_WORD_BY_ASCII = compile_by_ascii(_UNKNOWN_WORD)
_OPENING_MARKS = "-\"'("  # glued before a word: "–Wakil Menteri" (dashes and quotes folded in match_text)
_AND = r"[ \t]+(?:dan|&)(?=[ \t])"
_AND_WORD = re.compile(_AND)
_UNKNOWN_WORDS = 8  # at most this many unknown words (and "dan") before a body
# The words `_unknown_words_before_body` walks (as it picks them: an unknown word, else "dan"); in ASCII mode,
# for ASCII text only.  Atomic: a step matches one way or not at all (blanks then a capital, a bracket or "dan"
# start its three kinds; each runs as far as it can), so a failing match need not try other ways, which
# halves the cost of `_words_then_body`.
_WALK_STEP = f"(?>{_UNKNOWN_WORD}|{_AND})"
_UNKNOWN_WORD_WALK = compile_by_ascii(rf"{_WALK_STEP}{{1,{_UNKNOWN_WORDS}}}[ \t]*")[True]
# Up to _UNKNOWN_WORDS words (or abbreviations in brackets), then blanks and a comma: where a body may start.
_WORDS_AHEAD = rf"(?:[ \t]+[^\s,;:()]+|[ \t]*\([^\s()]+\)){{1,{_UNKNOWN_WORDS}}}"
_REACH_AHEAD = re.compile(rf"{_WORDS_AHEAD}[ \t]*,?[ \t]*")
_ACRONYM_BY_ASCII = compile_by_ascii(r"\p{Lu}[\p{Lu}\d]+\Z")  # by `isascii()` of the text the word is in
# Between two names of a list: a comma, "dan"/"serta", a nickname in brackets before them.
_LIST_SEPARATOR = re.compile(
    r"(?:[ \t]*\([^()\n]{1,40}\))?(?:[ \t]*,[ \t]*(?P<closing>(?:dan|serta)[ \t]+)?|[ \t]+(?P<and>(?:dan|serta)[ \t]+))"
)
_LIST_SEPARATOR_STARTS = ("(", ",", "d", "s")  # the first character of a separator after blanks: "(", ",", "dan", "serta"
_OWN_TITLE = re.compile(r"[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+(?:selaku|sebagai)[ \t]+")
_CLOSING_PAREN = compile_pattern(r"\(([^()\n]{1,60})\)[ \t]*\Z")


class OfficialExtractor:
    """Pipeline component: `doc.results["officials"]`, reading `doc.results["regions"]`."""

    field = FIELD

    def __init__(self, titles: TitleLexicon | None = None, rules: OfficialRules | None = None):
        titles = titles or load_rule_file("titles", TitleLexicon)
        rules = rules or load_rule_file("officials", OfficialRules)
        self._positions = {w.lower(): p for p in titles.positions for w in p.words}
        position_words = word_pattern(_words(titles.positions), True)
        # Aho-Corasick finds position words in the whole text several times faster than a regex;
        # prefixes are read backward from each hit.
        self._anchors = _PositionScan(_words(titles.positions))
        # The patterns matched at every title are plain `re` (several times faster than `regex` on them):
        # (?![^\W_]) is "no letter or digit follows".  Their leading blanks are possessive ([ \t]*+): what follows
        # them never starts with a blank, so a failing match need not try again with fewer.
        self._position = re.compile(rf"[ \t]*+(?:{position_words})(?![^\W_])")
        self._prefixes = re.compile(
            rf"(?:(?<![^\W_])(?:{word_pattern(_words(titles.prefixes), True)})[ \t]+)+\Z")
        self._prefix_ends = {w.split()[-1].lower() for w in _words(titles.prefixes)}
        self._status = re.compile(
            rf"(?:{word_pattern(_words(p for p in titles.prefixes if not p.in_title))})[ \t]+")
        bodies = [(w, b) for b in titles.bodies for w in b.words]
        self._bodies = {w.lower(): b for w, b in bodies}
        self._vocabulary = {w: v for v in titles.vocabulary for w in v.words}
        self._lower_continuers = ({"dan", "serta", "pada", "dari", "lain", "lainnya"}
                                  | {w.split()[0].lower() for w, _ in bodies if not _is_acronym(w)})
        # Acronyms as written; other body names with their first letter in either case ("dinas").
        body_words = [w for w, _ in bodies if _is_acronym(w)] + [
            variant for w, _ in bodies if not _is_acronym(w) for variant in (w, w[0].swapcase() + w[1:])]
        # The body words as an Aho-Corasick automaton: every body word ahead (see `_body_ahead`).
        self._body_finder = word_automaton({word: len(word) for word in body_words}, _lower_case_first)
        self._longest_body = max(map(len, body_words))
        self._tail = re.compile(
            r"[ \t]*+(?:"
            rf"(?P<body>{word_pattern(body_words)})(?![^\W_])"
            rf"|(?P<vocab>{word_pattern(_words(titles.vocabulary))})(?![^\W_])"
            r"|(?P<paren>\((?:[^()\n]{1,60}|\s{0,6}[^\s()]{1,20}\s{0,6})\))"
            r"|(?P<number>(?:[IVX]{1,4}|\d{1,4}[A-Z]?)(?![^\W_]))"
            r"|(?P<letter>[A-E](?![^\W_]|\.))"
            r"|(?P<joiner>(?:dan|serta|pada|dari)(?![^\W_])|[&/,\-])"
            r")"
        )
        # Up to _UNKNOWN_WORDS words as `_unknown_words_before_body` walks them, then a body word (see `_may_reach_body`).
        self._words_then_body = compile_by_ascii(
            rf"{_WALK_STEP}{{1,{_UNKNOWN_WORDS}}}?[ \t]*+(?:,[ \t]*+)?(?:{word_pattern(body_words)})(?![^\W_])")[True]
        ranks = [w for r in rules.ranks if not r.corps for w in r.words]
        name_words = {w.lower() for w in _words(rules.name_words)}
        openers = [w for h in rules.honorifics if h.opens_name for w in h.words]
        self._verbs = {w.lower() for entry in rules.stopwords if entry.verb for w in entry.words}
        self._names = NameReader(
            particles=[w for p in rules.particles if not p.lowercase for w in p.words],
            joining=[w for p in rules.particles if p.lowercase for w in p.words],
            honorifics=_words(rules.honorifics), openers=openers, ranks=ranks,
            corps=[w for r in rules.ranks if r.corps for w in r.words], degrees=_words(rules.degrees),
            stopwords=_words(rules.stopwords), stop_patterns=[p.pattern for p in rules.stop_patterns],
            title_words=[w for w in [*_words(titles.prefixes), *(w for w, _ in bodies), *_words(titles.vocabulary),
                                     *ranks, *openers]
                         if " " not in w and not _is_acronym(w) and w.lower() not in name_words],
            position_words=[t for w in _words(titles.positions) for t in w.split()],
            acronyms=[t for w in [*_words(titles.prefixes), *_words(titles.positions), *(w for w, _ in bodies),
                                  *_words(titles.vocabulary), *_words(rules.ranks), *_words(rules.honorifics)]
                      for t in w.split() if len(t) > 1 and t.isalpha() and t.isupper()],
            noun_heads=_words(s for s in rules.stopwords if s.heads_proper_noun),
        )
        self._before_title = _Alternation(rules.exclusions.before_title, regex.I, backward_first=True)
        self._in_title = _Alternation(rules.exclusions.in_title)
        self._name_contexts = [
            (regex.compile(c.before_name), regex.compile(c.after_name) if c.after_name else None, c)
            for c in rules.exclusions.name_contexts
        ]
        # The `before_name` contexts all end at the name: one backward match there (`regex`'s REVERSE, anchored
        # at its end position) tells whether any of them can match, about half the cost of trying each.
        self._any_name_context = regex.compile(
            "|".join(f"(?:{_scoped_flags(c.before_name)})" for c in rules.exclusions.name_contexts), regex.REVERSE)
        self._in_title_found: BoundedMemo[str, PatternEntry | None] = BoundedMemo()  # title text -> its in_title entry
        # By ASCII: plain `re` for ASCII text (the patterns need `regex`'s \p{Lu} otherwise).
        self._modifiers = compile_by_ascii("|".join(f"(?:{m.pattern})" for m in rules.title_modifiers))
        self._list_opener = compile_pattern("|".join(f"(?:{o.pattern})" for o in rules.list_openers))

    # -- the component --

    def __call__(self, doc: Document) -> list[OfficialMention]:
        text = doc.match_text
        anchors = self._anchors.spans(text)
        if not anchors:  # one article in seven: no region index to build
            return []
        regions = RegionIndex(doc.results.get("regions", []))
        candidates = self._candidates(doc, text, anchors, regions)
        mentions: list[dict[str, Any]] = []
        for person in _group(candidates):
            context = self._name_context(text, person)
            if context is not None:
                first = person.mentions[0]
                doc.reject(FIELD, first.start, first.end, f"{context.id}: {context.reason}")
                continue
            mentions.append(self._entry(doc, text, person, regions))
        _occurrences.cache_clear()  # its memo serves one article; kept, it would hold on to article texts
        return build_mentions("officials", mentions)

    # -- reading candidates --

    def _candidates(self, doc: Document, text: str, anchors: list[tuple[int, int]],
                    regions: RegionIndex) -> list[Candidate]:
        """The officials named next to the titles that start at `anchors` (position words)."""
        found: list[Candidate] = []
        claimed: dict[tuple[int, int], bool] = {}  # names read next to a title: was that title accepted?
        covered = 0
        for start, end in anchors:
            if start < covered:
                continue
            position = self._positions[text[start:end].lower()]
            if self._dead_end(text, start, end, position, regions) or (
                    position.name_part and self._names.follows_name(text, start)):
                continue
            title = self._read_title(text, start, end, position, regions)
            covered = title.end
            group = self._attach_names(text, title, regions, claimed, found)
            if not group or doc.in_boilerplate(group[0].start, group[-1].end):
                continue
            reason = self._exclusion(text, group[0])
            for candidate in group:  # even when turned down: the name is this title's
                claimed[(candidate.name.start, candidate.name.end)] = reason is None
            if reason:
                doc.reject(FIELD, group[0].start, group[-1].end, reason)
                continue
            covered = max(covered, group[-1].end)
            found.extend(group)
        return found

    def _dead_end(self, text: str, start: int, end: int, position: PositionEntry, regions: RegionIndex) -> bool:
        """A position word that a lower-case word follows which cannot go on a title ("Presiden
        menegaskan", but not "Staf Khusus presiden": a position that takes one), or that ends a sentence
        or line ("ujar Presiden."), with nothing before it that could be a name: no official here (a shortcut)."""
        if text.startswith(" ", end) and text[end + 1:end + 2].isupper():  # most: a capitalized word follows
            return False
        follower = _NEXT_WORD.match(text, end)
        if follower is None:
            # Neither title nor name goes on over these (no region starts inside the word to run past them).
            if _next_char(text, end) not in _TITLE_CLOSERS or regions.starts_between(start, end):
                return False
        elif not follower.group(1).islower() or follower.group(1) in self._lower_continuers or (
                position.takes_position and self._position.match(text, end)):
            return False
        last = _last_word(text, start)
        prefixes = self._prefixes_before(text, start, last)
        if prefixes is not None:  # "sebagai Wakil Presiden menegaskan": what stands before "Wakil" counts
            start = prefixes.start()
            last = _last_word(text, start)
        before = text[max(0, start - 2):start].rstrip(" \t")
        return not (before.endswith((",", "(")) or last in _NAME_FIRST_WORDS)

    def _prefixes_before(self, text: str, start: int, last: str) -> re.Match | None:
        """The prefixes ("Wakil", "mantan Kepala") that end right before the position word at
        `start`, whose last word is `last`; None where there are none."""
        if last in self._prefix_ends or last.lstrip(_OPENING_MARKS) in self._prefix_ends:
            return self._prefixes.search(text, max(0, start - 45), start)
        return None

    def _read_title(self, text: str, start: int, end: int, position: PositionEntry, regions: RegionIndex) -> Title:
        last = _last_word(text, start)
        prefixes = self._prefixes_before(text, start, last)
        title = Title(prefixes.start() if prefixes else start, end, position)
        # A status ("mantan") is one of the prefixes: without them there is none to look for (a regex call saved).
        while prefixes and (status := self._status.match(text, title.start, start)) is not None:
            title.start = status.end()  # "mantan Bupati": the post, not the status, is the title
        title.word_before = last if title.start == start else _last_word(text, title.start)
        pos = self._take(title, start, end, regions)
        if position.place:
            pos = self._read_place(text, pos, regions, title, position.place)
        previous, numbered_at, body_place = "position", None, None
        while True:
            region = regions.by_start.get(_skip_blanks(text, pos))
            if region is not None:
                pos = title.end = region.end
                title.has_region, previous = True, "region"
                continue
            if previous == "position" and position.takes_position:
                follower = self._position.match(text, pos)
                if follower:  # "Staf Khusus Presiden": the position it serves stands for the body
                    title.has_public_body = True
                    pos, previous = self._take(title, pos, follower.end(), regions), "body"
                    continue
            m = self._tail.match(text, pos)
            if m is None:  # the most frequent case first: no title word ahead
                pos = self._unknown_words_before_body(text, pos, regions, title)
                if pos is None:
                    break
                previous = "body"
                continue
            kind = m.lastgroup
            if kind == "joiner":
                region = regions.by_start.get(_skip_blanks(text, m.end()))
                if m.group("joiner") == "," and title.has_region and region is not None:
                    title.name_from = region.end  # "Bupati Kuantan Singingi, Riau, ...": the province is an aside
                    break
                after = self._after_joiner(text, m, previous, regions)
                if after is None:
                    break
                pos, previous = after, "joiner"
                continue
            if kind == "number" and (previous not in ("body", "position", "vocab") or (
                    m.group("number") == "I" and self._names.starts_name_particle(text, m.end()))):  # "I Made"
                break
            if kind == "paren" and not (_TAIL_PAREN_OK_BY_ASCII[text.isascii()].fullmatch(m.group("paren")) or (
                    previous == "body" and self._spells_out_body(m.group("paren")))):
                break
            if kind == "letter" and numbered_at is None:
                break
            if kind in ("number", "letter") and numbered_at is not None:
                self._note_public_unit(title, numbered_at)
            pos = self._take(title, m.start(kind), m.end(), regions)
            if kind == "body":
                body = self._note_body(title, m.start("body"), m.group("body"))
                body_place = body.place
                if body.place:
                    pos = self._read_place(text, pos, regions, title, body.place)
            elif kind == "number" and body_place and previous == "body":  # "SMAN 2 Cibadak": the place after
                pos = self._read_place(text, pos, regions, title, body_place)
            elif kind == "vocab":
                vocabulary = self._vocabulary[m.group("vocab")]
                title.has_unit = title.has_unit or vocabulary.government_unit
                title.has_public_field = title.has_public_field or vocabulary.public_field
                title.has_government_field = title.has_government_field or vocabulary.government_field
                if vocabulary.place:
                    pos = self._read_place(text, pos, regions, title, vocabulary.place)
            elif kind == "paren" and m.group("paren")[1:-1].strip().lower() in self._bodies:
                self._note_body(title, None, m.group("paren")[1:-1].strip())
                kind = "body"  # "(SRMA) 32": a number may follow it
            numbered_at = m.start("vocab") if kind == "vocab" and vocabulary.numbered_body else None
            previous = kind
        return title

    def _spells_out_body(self, paren: str) -> bool:
        """A bracket that spells out the acronym before it: "Bapepam-LK (Badan Pengawas Pasar Modal ...)"."""
        first = self._tail.match(paren, 1)
        return first is not None and first.lastgroup == "body" and not _is_acronym(first.group().strip())

    def _note_public_unit(self, title: Title, start: int) -> None:
        """A numbered unit that names a public body ("Komisi VI"): the organization starts there."""
        title.has_public_body = True
        if title.org_start is None:
            title.org_start = start

    def _take(self, title: Title, start: int, end: int, regions: RegionIndex) -> int:
        """Extend the title over `start:end`, and over a region that begins inside it."""
        region = regions.running_past(start, end)
        if region is not None:
            end, title.has_region = region.end, True
        title.end = end
        return end

    def _read_place(self, text: str, pos: int, regions: RegionIndex, title: Title, place: str) -> int:
        """The district or village after Camat, Lurah, Kepala Desa, Kapolsek, Polsek ...

        `words`: every capitalized word up to a comma or a rank ("Kapolsek Pakuan Ratu AKP ...").
        `word`: the words before a comma and a name ("Kepala Pekon Tampang Muda, Hamid"), or all of them
        where the name stood before the title and the clause ends after them ("Rina sebagai Kepala
        Puskesmas Sumber Jaya."); else one word when a name of two words or more follows it, and a lone
        word is the place, not a name.
        """
        start = _skip_blanks(text, pos)
        if start in regions.by_start:
            title.end, title.has_region = regions.by_start[start].end, True
            return title.end
        words = self._names.place_words(text, pos, 6 if place == "words" else 4)
        known = self._tail.match(text, pos)
        if not words or (known is not None and known.lastgroup in ("body", "vocab")):
            return pos
        run_end = words[-1][1]
        if (place == "words" or len(words) == 1 or self._names.comma_then_name(text, run_end)
                or (title.word_before in _NAME_FIRST_WORDS and _APPOSITION_END.match(text, run_end))):
            title.end = run_end
        elif len(words) >= 3:
            title.end = words[0][1]
        return title.end if title.end > pos else pos

    def _after_joiner(self, text: str, joiner: regex.Match, previous: str, regions: RegionIndex) -> int | None:
        """Where the title goes on after "dan", ",", "/" ...; None when what follows is not title."""
        if previous == "joiner":
            return None
        after = joiner.end()
        if joiner.group("joiner") == "/":
            position = self._position.match(text, after)
            if position:  # "Menteri Investasi/Kepala BKPM"
                return position.end()
        if _skip_blanks(text, after) in regions.by_start:
            return after
        nxt = self._tail.match(text, after)
        if joiner.group("joiner") in ("pada", "dari"):  # "... pada Sekretariat Daerah", "anggota dari Komisi III"
            vocabulary = self._vocabulary[nxt.group("vocab")] if nxt is not None and nxt.lastgroup == "vocab" else None
            unit = vocabulary is not None and (vocabulary.government_unit or vocabulary.numbered_body)
            return after if nxt is not None and (nxt.lastgroup == "body" or unit) else None
        if (joiner.group("joiner") == "," and nxt is not None and nxt.lastgroup == "joiner"
                and nxt.group("joiner") in ("dan", "serta") and self._continues_after_comma(text, nxt.end())):
            return nxt.end()
        if nxt is None or nxt.lastgroup not in ("body", "vocab", "paren"):
            return None
        if joiner.group("joiner") == "," and nxt.lastgroup == "paren":
            return None
        return after

    def _continues_after_comma(self, text: str, pos: int) -> bool:
        """", dan Transmigrasi": a joining word after a comma, then more title."""
        nxt = self._tail.match(text, pos)
        return nxt is not None and nxt.lastgroup in ("body", "vocab")

    def _unknown_words_before_body(self, text: str, pos: int, regions: RegionIndex, title: Title) -> int | None:
        """Unknown capitalized words that a region or body follows belong to the title, "dan" between them
        ("Dinas Pemadam Kebakaran Kota ...", "Direktur Korban Bencana dan Non Alam Kemensos"); acronyms also
        before a comma and a body ("Dirjen PEID, Kemendes PDT")."""
        if title.has_region or title.end - title.start > 120 or not _next_char(text, pos).isupper():
            return None
        # Shortcuts, the costlier tests last: no body or region right after any word the loop walks, or no region
        # close enough and no body ahead.
        if not self._may_reach_body(text, pos, regions) or (
                not regions.starts_between(pos, pos + _UNKNOWN_WORDS * 16) and not self._body_ahead(text, pos)):
            return None
        scan, acronyms = pos, True
        for _ in range(_UNKNOWN_WORDS):
            if self._names.starts_with_opener(text, scan) or (scan > pos and self._position.match(text, scan)):
                return None
            word = _UNKNOWN_WORD_BY_ASCII[text.isascii()].match(text, scan)
            unknown = word.group().strip(" \t()").lower() if word is not None else ""
            if unknown in self._verbs or unknown in self._bodies:
                return None  # a verb ends the title; a body in brackets is read as one
            word = word or _AND_WORD.match(text, scan)
            if word is None:
                return None
            acronyms = acronyms and _ACRONYM_BY_ASCII[text.isascii()].match(word.group().strip()) is not None
            scan = word.end()
            if _skip_blanks(text, scan) in regions.by_start:
                return scan
            body = self._tail.match(text, scan)
            if body is not None and body.lastgroup == "body":
                return scan
            if acronyms and body is not None and body.lastgroup == "joiner" and body.group("joiner") == ",":
                after = self._tail.match(text, body.end())
                if after is not None and after.lastgroup == "body":
                    return scan
        return None

    def _may_reach_body(self, text: str, pos: int, regions: RegionIndex) -> bool:
        """False only where the loop of `_unknown_words_before_body` must fail: no body word right after (or
        after a comma after) any of the words it walks, and no region starting among them. At most two `re` matches,
        several times cheaper than `_body_ahead`, and it is False for most titles it is asked about."""
        if not text.isascii():
            return True
        if self._words_then_body.match(text, pos):
            return True
        if not regions.starts_between(pos, len(text)):  # no region ahead (half the calls): no walk to read
            return False
        walk = _UNKNOWN_WORD_WALK.match(text, pos)
        return walk is not None and regions.starts_between(pos, walk.end() + 1)

    def _body_ahead(self, text: str, pos: int) -> bool:
        """Whether up to _UNKNOWN_WORDS words (then a comma) lead from `pos` to a body word that no letter or
        digit follows; it may be glued to the last word ("Wakapolres"). One regex could say it, but would try
        the body words at every character of the words; the Aho-Corasick search finds those within reach
        at once, and only their starts are checked."""
        reach = _REACH_AHEAD.match(text, pos)
        if reach is None:
            return False
        for last, length in self._body_finder.iter(text, pos, min(len(text), reach.end() + self._longest_body)):
            start, end = last + 1 - length, last + 1
            if (end == len(text) or not text[end].isalnum()) and _REACH_AHEAD.fullmatch(text, pos, start):
                return True
        return False

    def _note_body(self, title: Title, start: int | None, word: str) -> BodyEntry:
        body = self._bodies[word.lower()]
        if body.kind == "company":
            title.has_company = True
        else:
            title.has_public_body = True
            title.has_soe = title.has_soe or body.kind == "soe"
        if title.org_start is None and start is not None:
            title.org_start = start
        return body

    def _attach_names(self, text: str, title: Title, regions: RegionIndex, claimed: dict[tuple[int, int], bool],
                      found: list[Candidate]) -> list[Candidate]:
        """The officials a title names: one, or each name of a list after it ("anggota Komisi VI A, B dan C")."""
        after = title.after
        following = _next_char(text, after)
        modifier = self._modifiers[text.isascii()].match(text, after) if following.islower() else None
        if modifier is not None:  # "Gubernur DKI Jakarta nonaktif Basuki": a status between title and name
            title.name_from = after = modifier.end()
            following = _next_char(text, after)
        opener = self._list_opener.match(text, after) if following.islower() else None
        if opener is not None:
            return self._others(text, title, opener.end(), regions, found)
        first = self._attach_name(text, title, regions, claimed, following)
        if first is None:
            return []
        if first.shape not in ("official.title_name", "official.title_comma_name"):
            return [first]
        members = self._list_members(text, first.name.end, regions, opened=False)
        if not members:  # nearly always: no generator to build
            return [first]
        return [first, *(Candidate(title, member, "official.title_list") for member in members)]

    def _others(self, text: str, title: Title, pos: int, regions: RegionIndex,
                found: list[Candidate]) -> list[Candidate]:
        """"anggota lainnya seperti A, B, C": the other members of the body of the title before it in the
        paragraph, each an official with that body."""
        earlier = found[-1].title if found else None
        if earlier is None or earlier.org_start is None or "\n" in text[earlier.end:title.start]:
            return []
        title.inherited = text[earlier.org_start:earlier.end]
        title.has_public_body, title.has_company, title.has_soe = (
            earlier.has_public_body, earlier.has_company, earlier.has_soe)
        first = self._names.after(text, pos, regions)
        if first is None:
            return []
        members = [first[0], *self._list_members(text, first[0].end, regions, opened=True)]
        return [Candidate(title, member, "official.title_list") for member in members]

    def _list_members(self, text: str, pos: int, regions: RegionIndex, opened: bool) -> list[Name]:
        """The names listed after the name ending at `pos` ("A, B dan C"): all of them when "dan"/"serta"
        closes the list before its last name or a list opener began it, else none. A name with a title of its
        own ("dan B, Kepala ...") or an honorific ("dan Ibu C", a spouse) ends the list."""
        members: list[Name] = []
        while True:
            if _next_char(text, pos) not in _LIST_SEPARATOR_STARTS:  # most names: no regex call
                break
            separator = _LIST_SEPARATOR.match(text, pos)
            if separator is None or self._position.match(text, separator.end()):
                break
            read = self._names.after(text, separator.end(), regions)
            if (read is None or read[0].start != _skip_blanks(text, separator.end())
                    or self._has_own_title(text, read[0].end)):
                break
            members.append(read[0])
            pos = read[0].end
            if separator.group("closing") or separator.group("and"):
                return members
        return members if opened else []

    def _has_own_title(self, text: str, pos: int) -> bool:
        own = _OWN_TITLE.match(text, pos)
        return own is not None and self._position.match(text, own.end()) is not None

    def _attach_name(self, text: str, title: Title, regions: RegionIndex, claimed: dict[tuple[int, int], bool],
                     following: str) -> Candidate | None:
        """The official named next to `title`, whose first character after blanks is `following`."""
        first = following if following != "," else _next_char(text, title.after, skip=" \t,")
        after = self._names.after(text, title.after, regions) if first.isupper() or first == "d" else None
        if (after is not None and not after[1] and title.name_from is None
                and self._names.starts_with_opener(text, after[0].end)):
            title.end = after[0].end  # "Kapolres Tuba AKBP Yudi": a rank opens the name, the words before are a place
            after = self._names.after(text, title.end, regions)
        if after is not None and not self._position.match(text, after[0].start):
            name, comma = after
            alias = _ALIAS_BY_ASCII[text.isascii()].match(text, name.end) if _next_char(text, name.end) == "(" else None
            if alias is not None and alias.group(1).lower() in self._bodies:
                return None  # "Lembaga Penjamin Simpanan (LPS)": the words name a body, not a person
            return Candidate(title, name, "official.title_comma_name" if comma else "official.title_name",
                             name_key(alias.group(1)) if alias else None)
        before = text[max(0, title.start - 2):title.start].rstrip(" \t")
        if not (before.endswith((",", "(")) or title.word_before in _NAME_FIRST_WORDS):
            return None
        separator = _NAME_FIRST_SEPARATOR.search(text, max(0, title.start - 40), title.start)
        if separator is None:
            return None
        if separator.group("paren"):
            if not text[title.end:title.end + 3].lstrip(" \t").startswith(")"):
                return None
        elif separator.group("comma") and not _APPOSITION_END.match(text, title.end):
            return None  # "oleh Haryanto, Kasatreskrim menerangkan": the title starts a new clause
        name = self._name_before(text, separator.start(), regions)
        if name is None or self._position.match(text, name.start):
            return None
        # A name another title claimed stays its own, unless "selaku ..." gives it a second post.
        accepted = claimed.get((name.start, name.end))
        if accepted or (accepted is not None and not separator.group("selaku")):
            return None
        shape = {"paren": "official.name_paren_title", "selaku": "official.name_selaku_title",
                 "comma": "official.name_comma_title"}[separator.lastgroup]
        return Candidate(title, name, shape)

    def _name_before(self, text: str, end: int, regions: RegionIndex) -> Name | None:
        """The name ending at `end`, across brackets: "Ferlan Juliansyah (FJ)" and "FJ (Ferlan Juliansyah)"."""
        paren = _CLOSING_PAREN.search(text, max(0, end - 64), end)
        if paren is None:
            return self._names.before(text, end, regions)
        inside = self._names.after(text, paren.start(1), regions)
        if inside is not None and inside[0].end == paren.start(1) + len(paren.group(1).rstrip()):
            return inside[0]
        if _ACRONYM_BY_ASCII[text.isascii()].match(paren.group(1).strip()):
            return self._names.before(text, _before_blanks(text, paren.start()), regions)
        return None

    def _exclusion(self, text: str, candidate: Candidate) -> str | None:
        title = candidate.title
        entry = self._before_title.search(text[max(0, title.start - 40):title.start]) or self._in_title_entry(
            text[title.start:title.end])
        if entry is not None:
            return f"{entry.id}: {entry.reason}"
        if title.has_company and not title.has_soe:
            return "private firm: a company that is not state-owned"
        if title.position.needs_body and not (title.has_public_body or (title.has_unit and (
                title.has_region or title.has_public_field or title.position.unit_is_public)) or (
                title.has_government_field and title.position.unit_is_public)):
            return f"{title.position.id}: no public body in the title"
        return None

    def _in_title_entry(self, title: str) -> PatternEntry | None:
        """The `in_title` exclusion that `title` matches, remembered per title text (the same titles recur
        across articles, and the search tries many words at every position)."""
        if title not in self._in_title_found:
            return self._in_title_found.remember(title, self._in_title.search(title))
        return self._in_title_found[title]

    def _name_context(self, text: str, person: Person) -> NameContextEntry | None:
        """The context that marks this person's name somewhere in the article as no official's (a credit,
        a place)."""
        mentions = person.mentions
        # In text order, each once: the same reason every run (most people: one mention, nothing to sort out).
        names = (mentions[0].name.text,) if len(mentions) == 1 else dict.fromkeys(m.name.text for m in mentions)
        for name in names:
            for at in _occurrences(text, name):
                if self._any_name_context.match(text, max(0, at - 40), at) is None:
                    continue
                for before, after, entry in self._name_contexts:
                    if before.search(text, max(0, at - 40), at) and (
                            after is None or after.match(text, at + len(name))):
                        return entry
        return None

    # -- one entry per person --

    def _entry(self, doc: Document, text: str, person: Person, regions: RegionIndex) -> dict[str, Any]:
        """The fields of the person's `OfficialMention` (built with the article's others)."""
        if len(person.mentions) == 1:  # most people: nothing to rank
            best = holder = person.mentions[0]
        else:
            rank = {id(m): (_title_length(text, m.title), -m.start) for m in person.mentions}
            best = max((m for m in person.mentions if m.name.key == person.key), key=lambda m: rank[id(m)])
            holder = max(person.mentions, key=lambda m: rank[id(m)])
        span_start, span_end, rule, name = best.start, best.end, best.shape, best.name
        fuller = self._fuller_name(doc, text, best.name, regions, {m.name.start for m in person.mentions})
        if fuller is not None:
            span_start, span_end, rule, name = fuller.start, fuller.end, "official.fullest_name", fuller
        title = holder.title
        organization = _clean(doc.text[title.org_start:title.end]) if title.org_start is not None else None
        if title.inherited:
            organization = _clean(title.inherited)
        return {
            "text": doc.text[span_start:span_end], "start": span_start, "end": span_end, "rule": rule,
            "name": _clean(doc.text[name.start:name.end]),
            "title": _clean(f"{doc.text[title.start:title.end]} {title.inherited}" if title.inherited
                            else doc.text[title.start:title.end]),
            "organization": organization,
            "region_code": _region_code(regions, title),
        }

    def _fuller_name(self, doc: Document, text: str, name: Name, regions: RegionIndex,
                     read: set[int]) -> Name | None:
        """The first mention elsewhere of a fuller form of `name` ("Prabowo" -> "Prabowo Subianto");
        the names read next to a title (starting at `read`) are not widened."""
        best: Name | None = None
        for at in _occurrences(text, name.text):
            end = at + len(name.text)
            if at not in read and not doc.in_boilerplate(at, end):
                start, stop = self._names.extend(text, at, end, 2, regions)
                if stop - start > end - at and (best is None or stop - start > best.end - best.start):
                    best = Name(start, stop, text[start:stop])
        return best


@lru_cache(maxsize=256)  # within an article, a person's names are looked up twice: for a name context and a fuller name
def _occurrences(text: str, word: str) -> tuple[int, ...]:
    """Where `word` occurs in `text` as whole words."""
    found = []
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            found.append(at)
        at = text.find(word, end)
    return tuple(found)


def _group(candidates: list[Candidate]) -> list[Person]:
    """Mentions of one person together: a name joins the person whose fuller name contains it, or,
    a single word with the same position, begins one of its words ("Gubernur Mirza" -> "Rahmat
    Mirzani Djausal")."""
    if len(candidates) == 1:  # most articles with an official: nobody to group with (no sorts or sets)
        person = Person()
        person.add(candidates[0])
        return [person]
    people: list[Person] = []
    # Each person's key as a set, made once: the fullest names come first, so a person's key is that of its first.
    known_tokens: list[set[str]] = []
    for candidate in sorted(candidates, key=lambda c: (-len(c.name.key), c.start)):
        key = candidate.name.key
        tokens = set(key)
        matches = [p for p, known in zip(people, known_tokens) if tokens <= known or key in p.aliases]
        if not matches and len(key) == 1 and len(key[0]) >= 4:
            word, position = key[0], candidate.title.position.id
            matches = [p for p in people if any(t.startswith(word) for t in p.key)
                       and any(m.title.position.id == position for m in p.mentions)]
        if len(matches) == 1:  # the usual case: no distances to compare
            person = matches[0]
        elif matches:
            person = min(matches, key=lambda p: min(abs(m.start - candidate.start) for m in p.mentions))
        else:
            person = Person()
            people.append(person)
            known_tokens.append(tokens)
        person.add(candidate)
    for person in people:
        if len(person.mentions) > 1:
            person.mentions.sort(key=lambda m: m.start)
    return sorted(people, key=lambda p: p.mentions[0].start)


def _title_length(text: str, title: Title) -> int:
    return len(text[title.start:title.end].split()) + len((title.inherited or "").split())


def _region_code(regions: RegionIndex, title: Title) -> str | None:
    if not regions.starts_between(title.start, title.end):  # most titles: one bisect, no list
        return None
    inside = [r for r in regions.inside(title.start, title.end) if r.level != "kecamatan"]
    if not inside:
        return None
    return min(inside, key=lambda r: (r.level == "provinsi", r.start)).code


def _last_word(text: str, end: int) -> str:
    """The lower-cased word that ends right before `end` (spaces skipped; its last 30 characters)."""
    words = text[max(0, end - 40):end].rsplit(None, 1)
    return words[-1][-30:].lower() if words else ""


def _next_char(text: str, pos: int, skip: str = " \t") -> str:
    """The first character at or after `pos` that is not in `skip` ("" at the end)."""
    while pos < len(text) and text[pos] in skip:
        pos += 1
    return text[pos:pos + 1]


def _before_blanks(text: str, pos: int) -> int:
    """`pos` moved back over the spaces and tabs before it."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


_CLEANED: BoundedMemo[str, str] = BoundedMemo()  # value -> `_clean(value)`: names and titles recur across articles


def _clean(value: str) -> str:
    """Whitespace collapsed, none just inside brackets ("( PANRB )" -> "(PANRB)"), no trailing comma."""
    cleaned = _CLEANED.get(value)
    if cleaned is None:
        cleaned = _CLEANED.remember(value, " ".join(value.split()).replace("( ", "(").replace(" )", ")").rstrip(" ,"))
    return cleaned
