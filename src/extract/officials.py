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

from collections.abc import Iterable
from dataclasses import dataclass, field
from bisect import bisect_left
from typing import Any, Literal

import ahocorasick
import regex
from pydantic import BaseModel, ConfigDict, Field

from .document import Document
from .models import OfficialMention
from .names import Name, NameReader, name_key, word_pattern
from .rules import RuleFile, load_rule_file

FIELD = "officials"


# --- rules files -----------------------------------------------------------------------------

class EntryExample(BaseModel):
    """A text and the official it must yield (`name: null`: no official at all)."""

    model_config = ConfigDict(extra="forbid")
    text: str
    name: str | None
    title: str | None = None
    organization: str | None = None


class WordEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    words: list[str] = Field(min_length=1)
    examples: list[EntryExample] = Field(min_length=1)


Place = Literal["word", "words"]


class PositionEntry(WordEntry):
    needs_body: bool = False
    place: Place | None = None
    takes_position: bool = False


class BodyEntry(WordEntry):
    kind: Literal["organization", "soe", "company"]
    place: Place | None = None


class VocabularyEntry(WordEntry):
    government_unit: bool = False


class TitleLexicon(RuleFile):
    prefixes: list[WordEntry]
    positions: list[PositionEntry]
    bodies: list[BodyEntry]
    vocabulary: list[VocabularyEntry]


class ParticleEntry(WordEntry):
    lowercase: bool = False


class RankEntry(WordEntry):
    corps: bool = False


class ShapeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    description: str
    examples: list[EntryExample] = Field(min_length=1)


class PatternEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    reason: str
    pattern: str
    examples: list[EntryExample] = Field(min_length=1)


class CreditEntry(BaseModel):
    """A credit context: the text right before a name (ending at it) and, if given, right after it."""

    model_config = ConfigDict(extra="forbid")
    id: str
    reason: str
    before_name: str
    after_name: str | None = None
    examples: list[EntryExample] = Field(min_length=1)


class Exclusions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    before_title: list[PatternEntry]
    in_title: list[PatternEntry]
    credits: list[CreditEntry]


class StopPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: str
    examples: list[EntryExample] = Field(min_length=1)


class OfficialRules(RuleFile):
    particles: list[ParticleEntry]
    honorifics: list[WordEntry]
    degrees: list[WordEntry]
    ranks: list[RankEntry]
    stopwords: list[WordEntry]
    stop_patterns: list[StopPattern]
    shapes: list[ShapeEntry]
    exclusions: Exclusions


def _words(entries: Iterable[WordEntry]) -> list[str]:
    return [w for e in entries for w in e.words]


def _is_acronym(word: str) -> bool:
    return " " not in word and sum(c.isupper() for c in word) >= 2


# --- the regions of one article ----------------------------------------------------------------

class RegionIndex:
    """The region mentions of one article, looked up by offset."""

    def __init__(self, mentions: Iterable[Any], length: int):
        self.by_start = {m.start: m for m in mentions}
        self._starts = sorted(self.by_start)
        self._mask = bytearray(length + 1)
        for m in self.by_start.values():
            self._mask[m.start:m.end] = b"\x01" * (m.end - m.start)

    def covers(self, pos: int) -> bool:
        return bool(self._mask[pos]) if 0 <= pos < len(self._mask) else False

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

Shape = Literal["official.title_name", "official.title_comma_name", "official.name_comma_title",
                "official.name_selaku_title", "official.name_paren_title"]


@dataclass
class Title:
    """A parsed title: `start:end` in the text, the body inside it and what it still lacks."""

    start: int
    end: int
    position: PositionEntry
    org_start: int | None = None
    has_region: bool = False
    has_unit: bool = False
    has_public_body: bool = False
    has_company: bool = False
    has_soe: bool = False


@dataclass
class Candidate:
    title: Title
    name: Name
    shape: Shape
    alias: tuple[str, ...] | None = None

    @property
    def start(self) -> int:
        return min(self.title.start, self.name.start)

    @property
    def end(self) -> int:
        return max(self.title.end, self.name.end)


@dataclass
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


_NAME_FIRST_SEPARATOR = regex.compile(
    r"(?:(?P<paren>[ \t]*\([ \t]*)"
    r"|(?P<selaku>(?:[ \t]*,)?[ \t]+(?:selaku|sebagai|yang juga(?: menjabat)?(?: sebagai)?|yang merupakan"
    r"|yang menjabat(?: sebagai)?)[ \t]+)"
    r"|(?P<comma>[ \t]*,[ \t]*))\Z"
)
_LOWER_WORD = regex.compile(r"[ \t]+(\p{Ll}+)")
_NAME_FIRST_WORDS = {"selaku", "sebagai", "juga", "merupakan", "menjabat"}
# After "NAME, TITLE" the apposition closes: punctuation, a preposition, the end of the line.
_APPOSITION_END = regex.compile(
    r"[ \t]*(?:[,.;:)\"'!?]|\n|\Z|(?:di|saat|ketika|usai|seusai|kepada|pada|dalam|dari|yang|melalui|bersama)\b)"
)
_ALIAS = regex.compile(r"[ \t]*\((\p{Lu}[\p{L}'\-]+)\)")
_TAIL_PAREN_OK = regex.compile(r"\([ \t]*[\p{Lu}\d][\p{L}\d.&\-]*[ \t]*\)")
_CAPITALIZED = regex.compile(r"[ \t]+(\p{Lu}[\p{L}'\-]*)(?![\p{L}\d])")
_COMMA_THEN_NAME = regex.compile(r"[ \t]*,[ \t]*\p{Lu}\p{Ll}")


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
        self._anchors = ahocorasick.Automaton()
        for word in _words(titles.positions):
            for variant in {word, word[0].swapcase() + word[1:]}:
                self._anchors.add_word(variant, len(variant))
        self._anchors.make_automaton()
        self._position = regex.compile(rf"[ \t]*(?:{position_words})(?![\p{{L}}\d])")
        self._prefixes = regex.compile(
            rf"(?:(?<![\p{{L}}\d])(?:{word_pattern(_words(titles.prefixes), True)})[ \t]+)+\Z")
        self._prefix_ends = {w.split()[-1].lower() for w in _words(titles.prefixes)}
        bodies = [(w, b) for b in titles.bodies for w in b.words]
        self._bodies = {w.lower(): b for w, b in bodies}
        self._units = {w for v in titles.vocabulary if v.government_unit for w in v.words}
        self._lower_continuers = {"dan", "serta"} | {w.split()[0].lower() for w, _ in bodies if not _is_acronym(w)}
        # Acronyms as written; other body names with their first letter in either case ("dinas").
        body_words = [w for w, _ in bodies if _is_acronym(w)] + [
            variant for w, _ in bodies if not _is_acronym(w) for variant in (w, w[0].swapcase() + w[1:])]
        self._tail = regex.compile(
            r"[ \t]*(?:"
            rf"(?P<body>{word_pattern(body_words)})(?![\p{{L}}\d])"
            rf"|(?P<vocab>{word_pattern(_words(titles.vocabulary))})(?![\p{{L}}\d])"
            r"|(?P<paren>\([^()\n]{1,60}\))"
            r"|(?P<number>(?:[IVX]{1,4}|\d{1,4}[A-Z]?)(?![\p{L}\d]))"
            r"|(?P<joiner>(?:dan|serta)(?![\p{L}\d])|[&/,\-])"
            r")"
        )
        ranks = [w for r in rules.ranks if not r.corps for w in r.words]
        self._names = NameReader(
            particles=[w for p in rules.particles if not p.lowercase for w in p.words],
            joining=[w for p in rules.particles if p.lowercase for w in p.words],
            honorifics=_words(rules.honorifics), ranks=ranks,
            corps=[w for r in rules.ranks if r.corps for w in r.words], degrees=_words(rules.degrees),
            stopwords=_words(rules.stopwords), stop_patterns=[p.pattern for p in rules.stop_patterns],
            title_words=[w for w in [*_words(titles.prefixes), *(w for w, _ in bodies), *_words(titles.vocabulary),
                                     *ranks] if " " not in w and not _is_acronym(w)],
            position_words=[t for w in _words(titles.positions) for t in w.split()],
        )
        self._before_title = [(regex.compile(p.pattern, regex.I), p) for p in rules.exclusions.before_title]
        self._in_title = [(regex.compile(p.pattern), p) for p in rules.exclusions.in_title]
        self._credits = [
            (regex.compile(c.before_name), regex.compile(c.after_name) if c.after_name else None, c)
            for c in rules.exclusions.credits
        ]

    # -- the component --

    def __call__(self, doc: Document) -> list[OfficialMention]:
        text = doc.match_text
        regions = RegionIndex(doc.results.get("regions", []), len(text))
        candidates = self._candidates(doc, text, regions)
        mentions = []
        for person in _group(candidates):
            credit = self._credit(text, person)
            if credit is not None:
                first = person.mentions[0]
                doc.reject(FIELD, first.start, first.end, f"{credit.id}: {credit.reason}")
                continue
            mentions.append(self._entry(doc, text, person, regions))
        return mentions

    # -- reading candidates --

    def _candidates(self, doc: Document, text: str, regions: RegionIndex) -> list[Candidate]:
        found: list[Candidate] = []
        claimed: set[tuple[int, int]] = set()
        covered = 0
        for last, length in self._anchors.iter_long(text):
            start, end = last + 1 - length, last + 1
            if start < covered or (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            if self._dead_end(text, start, end):
                continue
            title = self._read_title(text, start, end, regions)
            covered = title.end
            candidate = self._attach_name(text, title, regions, claimed)
            if candidate is None or doc.in_boilerplate(candidate.start, candidate.end):
                continue
            claimed.add((candidate.name.start, candidate.name.end))  # even when turned down: the name is this title's
            reason = self._exclusion(text, candidate)
            if reason:
                doc.reject(FIELD, candidate.start, candidate.end, reason)
                continue
            covered = max(covered, candidate.end)
            found.append(candidate)
        return found

    def _dead_end(self, text: str, start: int, end: int) -> bool:
        """A position word that a lower-case word follows which cannot go on a title ("Presiden
        menegaskan"), with nothing before it that could be a name: no official here (a shortcut)."""
        follower = _LOWER_WORD.match(text, end)
        if follower is None or follower.group(1) in self._lower_continuers:
            return False
        before = text[max(0, start - 2):start].rstrip(" \t")
        return not (before.endswith((",", "(")) or _last_word(text, start) in _NAME_FIRST_WORDS)

    def _read_title(self, text: str, start: int, end: int, regions: RegionIndex) -> Title:
        position = self._positions[text[start:end].lower()]
        prefixes = None
        if _last_word(text, start) in self._prefix_ends:
            prefixes = self._prefixes.search(text, max(0, start - 45), start)
        title = Title(prefixes.start() if prefixes else start, end, position)
        pos = self._take(title, start, end, regions)
        if position.place:
            pos = self._read_place(text, pos, regions, title, position.place)
        previous = "position"
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
            kind = m.lastgroup if m else None
            if kind == "joiner":
                after = self._after_joiner(text, m, previous, regions)
                if after is None:
                    break
                pos, previous = after, "joiner"
                continue
            if kind == "number" and (previous not in ("body", "position", "vocab")
                                     or self._names.starts_name_particle(text, m.end())):
                break
            if kind == "paren" and not _TAIL_PAREN_OK.fullmatch(m.group("paren")):
                break
            if kind is None:
                pos = self._unknown_words_before_body(text, pos, regions, title)
                if pos is None:
                    break
                previous = "body"
                continue
            pos = self._take(title, m.start(kind), m.end(), regions)
            if kind == "body":
                body = self._note_body(title, m.start("body"), m.group("body"))
                if body.place:
                    pos = self._read_place(text, pos, regions, title, body.place)
            elif kind == "vocab":
                title.has_unit = title.has_unit or m.group("vocab") in self._units
            elif kind == "paren" and m.group("paren")[1:-1].strip().lower() in self._bodies:
                self._note_body(title, None, m.group("paren")[1:-1].strip())
            previous = kind
        return title

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
        `word`: the words before a comma and a name ("Kepala Pekon Tampang Muda, Hamid"); else one
        word when a name of two words or more follows it, and a lone word is the place, not a name.
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
        if place == "words" or len(words) == 1 or _is_comma_then_name(text, run_end):
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
        """Unknown capitalized words that a region or body follows belong to the title
        ("Dinas Pemadam Kebakaran Kota ...")."""
        if title.has_region or title.end - title.start > 120 or not _next_char(text, pos).isupper():
            return None
        scan = pos
        for _ in range(3):
            word = _CAPITALIZED.match(text, scan)
            if word is None or self._names.starts_with_rank(text, scan):
                return None
            scan = word.end()
            if _skip_blanks(text, scan) in regions.by_start:
                return scan
            body = self._tail.match(text, scan)
            if body is not None and body.lastgroup == "body":
                return scan
        return None

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

    def _attach_name(self, text: str, title: Title, regions: RegionIndex,
                     claimed: set[tuple[int, int]]) -> Candidate | None:
        first = _next_char(text, title.end, skip=" \t,")
        after = self._names.after(text, title.end, regions.covers) if first.isupper() or first == "d" else None
        if after is not None and not self._position.match(text, after[0].start):
            name, comma = after
            alias = _ALIAS.match(text, name.end)
            return Candidate(title, name, "official.title_comma_name" if comma else "official.title_name",
                             name_key(alias.group(1)) if alias else None)
        before = text[max(0, title.start - 2):title.start].rstrip(" \t")
        if not (before.endswith((",", "(")) or _last_word(text, title.start) in _NAME_FIRST_WORDS):
            return None
        separator = _NAME_FIRST_SEPARATOR.search(text, max(0, title.start - 40), title.start)
        if separator is None:
            return None
        if separator.group("paren"):
            if not text[title.end:title.end + 3].lstrip(" \t").startswith(")"):
                return None
        elif separator.group("comma") and not _APPOSITION_END.match(text, title.end):
            return None  # "oleh Haryanto, Kasatreskrim menerangkan": the title starts a new clause
        name = self._names.before(text, separator.start(), regions.covers)
        if name is None or (name.start, name.end) in claimed or self._position.match(text, name.start):
            return None
        shape = {"paren": "official.name_paren_title", "selaku": "official.name_selaku_title",
                 "comma": "official.name_comma_title"}[separator.lastgroup]
        return Candidate(title, name, shape)

    def _exclusion(self, text: str, candidate: Candidate) -> str | None:
        title = candidate.title
        before = text[max(0, title.start - 40):title.start]
        for pattern, entry in self._before_title:
            if pattern.search(before):
                return f"{entry.id}: {entry.reason}"
        title_text = text[title.start:title.end]
        for pattern, entry in self._in_title:
            if pattern.search(title_text):
                return f"{entry.id}: {entry.reason}"
        if title.has_company and not title.has_soe:
            return "private firm: a company that is not state-owned"
        if title.position.needs_body and not (title.has_public_body or (title.has_unit and title.has_region)):
            return f"{title.position.id}: no public body in the title"
        return None

    def _credit(self, text: str, person: Person) -> CreditEntry | None:
        """The credit that names this person somewhere in the article (a journalist, not an official)."""
        for name in {m.name.text for m in person.mentions}:
            for at in _occurrences(text, name):
                for before, after, entry in self._credits:
                    if before.search(text, max(0, at - 40), at) and (
                            after is None or after.match(text, at + len(name))):
                        return entry
        return None

    # -- one entry per person --

    def _entry(self, doc: Document, text: str, person: Person, regions: RegionIndex) -> OfficialMention:
        full = [m for m in person.mentions if m.name.key == person.key]
        best = max(full, key=lambda m: (_title_length(text, m.title), -m.start))
        span_start, span_end, rule, name = best.start, best.end, best.shape, best.name
        fuller = self._fuller_name(doc, text, best.name, regions, {m.name.start for m in person.mentions})
        if fuller is not None:
            span_start, span_end, rule, name = fuller.start, fuller.end, "official.fullest_name", fuller
        title = best.title
        return OfficialMention(
            text=doc.text[span_start:span_end], start=span_start, end=span_end, rule=rule,
            name=_clean(doc.text[name.start:name.end]),
            title=_clean(doc.text[title.start:title.end]),
            organization=_clean(doc.text[title.org_start:title.end]) if title.org_start is not None else None,
            region_code=_region_code(regions, title),
        )

    def _fuller_name(self, doc: Document, text: str, name: Name, regions: RegionIndex,
                     read: set[int]) -> Name | None:
        """The first mention elsewhere of a fuller form of `name` ("Prabowo" -> "Prabowo Subianto");
        the names read next to a title (starting at `read`) are not widened."""
        best: Name | None = None
        for at in _occurrences(text, name.text):
            end = at + len(name.text)
            if at not in read and not doc.in_boilerplate(at, end):
                start, stop = self._names.extend(text, at, end, 2, regions.covers)
                if stop - start > end - at and (best is None or stop - start > best.end - best.start):
                    best = Name(start, stop, text[start:stop])
        return best


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Where `word` occurs in `text` as whole words."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield at
        at = text.find(word, end)


def _group(candidates: list[Candidate]) -> list[Person]:
    """Mentions of one person together: a name joins the person whose fuller name contains it, or,
    a single word with the same position, begins one of its words ("Gubernur Mirza" -> "Rahmat
    Mirzani Djausal")."""
    people: list[Person] = []
    for candidate in sorted(candidates, key=lambda c: (-len(c.name.key), c.start)):
        tokens = set(candidate.name.key)
        matches = [p for p in people if tokens <= set(p.key) or candidate.name.key in p.aliases]
        if not matches and len(candidate.name.key) == 1 and len(candidate.name.key[0]) >= 4:
            word, position = candidate.name.key[0], candidate.title.position.id
            matches = [p for p in people if any(t.startswith(word) for t in p.key)
                       and any(m.title.position.id == position for m in p.mentions)]
        if matches:
            person = min(matches, key=lambda p: min(abs(m.start - candidate.start) for m in p.mentions))
        else:
            person = Person()
            people.append(person)
        person.add(candidate)
    for person in people:
        person.mentions.sort(key=lambda m: m.start)
    return sorted(people, key=lambda p: p.mentions[0].start)


def _is_comma_then_name(text: str, pos: int) -> bool:
    return _COMMA_THEN_NAME.match(text, pos) is not None


def _title_length(text: str, title: Title) -> int:
    return len(text[title.start:title.end].split())


def _region_code(regions: RegionIndex, title: Title) -> str | None:
    inside = [r for r in regions.inside(title.start, title.end) if r.level != "kecamatan"]
    if not inside:
        return None
    return min(inside, key=lambda r: (r.level == "provinsi", r.start)).code


def _last_word(text: str, end: int) -> str:
    """The lower-cased word that ends right before `end` (spaces skipped)."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t":
        stop -= 1
    start = stop
    while start > 0 and stop - start < 30 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop].lower()


def _next_char(text: str, pos: int, skip: str = " \t") -> str:
    """The first character at or after `pos` that is not in `skip` ("" at the end)."""
    while pos < len(text) and text[pos] in skip:
        pos += 1
    return text[pos:pos + 1]


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _clean(value: str) -> str:
    return " ".join(value.split()).rstrip(" ,")
