"""Personal names next to a title: read forward or backward, honorifics, ranks and degrees left out.

A name is a run of capitalized tokens ("Edi", "Mas'ud", initials "M." and "W"), with joining
particles ("bin", "van") between them, and may start with initials written together ("AG Sanjaya"); it stops at a stop word, an academic degree, the start of a
region mention and anything that is not a name token.  Regional elements (Lalu, Andi, Tengku,
I Made) are kept, but a name needs at least one token that is not such a particle.  The words come
from `rules/officials.yaml` (see `officials.OfficialRules`).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import re

import regex

from .memo import BoundedMemo
from .patterns import compile_by_ascii
from .wordtrie import trie_pattern

# A name token: a capitalized word (apostrophes and hyphens inside), or an initial ("M.", "W").
_WORD = r"\p{Lu}\p{Ll}+(?:['\-]\p{L}+)*"
_INITIAL = r"\p{Lu}\.|\p{Lu}(?![\p{L}\d'])"
_TOKEN = rf"(?:{_WORD}|{_INITIAL})"
# Initials written together open a name when a capitalized word follows ("AG Sanjaya"); read forward, only
# after a comma or an honorific or rank ("Camat Ciemas, AG Sanjaya"), since right after a title such a capital
# run is far more often a body ("Presiden PKS Ahmad").
_INITIALS = r"(?![IVXL]{2}(?!\p{L}))\p{Lu}{2}(?=[ \t]+\p{Lu}\p{Ll})"  # two letters, no Roman numeral ("VI")
_INITIALS_WORD = regex.compile(r"(?![IVXL]{2}\Z)\p{Lu}{2}")
_NAME_TOKEN = regex.compile(_TOKEN)
_KEY_TOKEN = regex.compile(r"[\p{L}'\-]+")
_SPACED_TOKEN = re.compile(r"\S+")
_NEXT_WORD_BY_ASCII = compile_by_ascii(rf"[ \t]+({_WORD})(?![\p{{L}}\d.])")
_NEXT_CAPITALIZED_BY_ASCII = compile_by_ascii(r"[ \t]+(\p{Lu}[\p{L}\d'.\-]*)")
_NEXT_PLACE_WORD_BY_ASCII = compile_by_ascii(r"[ \t]+(\p{Lu}[\p{L}'\-]*)(?![\p{L}\d])")


class Name:
    """A name found in the text: `start:end` covers the name proper, without honorifics and degrees."""

    # A plain class with slots: built for every name read, several times cheaper than a frozen
    # dataclass.  Two names are equal only if they are the same object (names are compared by `key`).
    __slots__ = ("start", "end", "text", "_key")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text, self._key = start, end, text, None

    def __repr__(self) -> str:
        return f"Name({self.start}, {self.end}, {self.text!r})"

    @property
    def key(self) -> tuple[str, ...]:
        """The name's `name_key`, computed on first use (most names read are never compared)."""
        if self._key is None:
            self._key = name_key(self.text)
        return self._key


_KEYS: BoundedMemo[str, tuple[str, ...]] = BoundedMemo()  # name text -> its key (names recur from article to article)


def name_key(text: str) -> tuple[str, ...]:
    """The comparable form of a name: lower-cased tokens, dots and spacing ignored."""
    key = _KEYS.get(text)
    return key if key is not None else _KEYS.remember(text, tuple(_KEY_TOKEN.findall(text.lower())))


def word_pattern(words: Iterable[str], any_first_case: bool = False) -> str:
    """The words as one alternation factored into a trie ("Kapolres(?:ta(?:bes)?)?"), which the regex
    engines match far faster than a flat list; `any_first_case`: the first letter in either case."""
    variants = (v for w in words for v in ({w, w[0].swapcase() + w[1:]} if any_first_case else {w}))
    return trie_pattern(variants)


def _previous_word(text: str, end: int) -> tuple[int, str]:
    """The whitespace-separated word before `end` (spaces and tabs skipped) and where it starts."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t":
        stop -= 1
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, text[start:stop]


def _sentence_start(text: str, pos: int) -> bool:
    """True when `pos` begins a sentence, a line or the text."""
    before = text[max(0, pos - 3):pos].rstrip(" \t\"'")
    return not before or before[-1] in ".!?:\n"


class Regions(Protocol):
    """Where the article's region mentions stand (`officials.RegionIndex`): a name never runs into one."""

    def covers(self, pos: int) -> bool:
        """True when a region mention covers `pos`."""

    def overlaps(self, start: int, end: int) -> bool:
        """True when a region mention covers some position in `start:end`."""


class NameReader:
    """Reads a name after a title (`after`), before one (`before`), or widens one (`extend`)."""

    def __init__(self, *, particles: Iterable[str], joining: Iterable[str], honorifics: Iterable[str],
                 openers: Iterable[str], ranks: Iterable[str], corps: Iterable[str], degrees: Iterable[str], stopwords: Iterable[str],
                 stop_patterns: Iterable[str], title_words: Iterable[str], position_words: Iterable[str],
                 acronyms: Iterable[str], noun_heads: Iterable[str]):
        """`openers`: honorifics that only ever open a name ("Mr."), like ranks; `stop_patterns`: regexes of whole words that end a name ("Nantinya"); `title_words`:
        words of bodies and title vocabulary, never part of a name; `position_words` (Bupati,
        Staf, Ahli, ...): never taken when widening a name; `acronyms` (BPS, PT, ...): capital
        runs that are never initials; `noun_heads` (Desa, Paroki, Mapolres, ...): words that head a
        proper noun, never a name after them."""
        self._particles = {p.lower() for p in particles}
        self._joining = {p.lower() for p in joining}
        self._stop = {w.lower() for w in stopwords}
        self._title_words = {w.lower() for w in title_words}
        self._position_words = {w.lower() for w in position_words}
        self._acronyms = set(acronyms)
        self._noun_heads = {w.lower() for w in noun_heads}
        ranks, openers = list(ranks), list(openers)
        self._opener_initials = frozenset(w[0] for w in [*ranks, *openers])  # see `starts_with_opener`
        patterns = list(stop_patterns)
        self._stop_pattern = regex.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        rank = rf"(?:{word_pattern(ranks)})(?:[ \t]+(?:{word_pattern(corps)}))*"
        lead = rf"(?:(?:{word_pattern(honorifics)}|{rank})(?![\p{{L}}])[ \t]*)"
        # Honorifics and ranks, then up to eight tokens; joining particles only between tokens.  The blanks before
        # them are possessive ([ \t]*+): no comma, honorific or token starts with a blank, so a failing match need
        # not try again with fewer (the same in `_opener`).
        self._after = compile_by_ascii(
            rf"[ \t]*+(?P<comma>,[ \t]*+)?(?P<lead>{lead}+)?"
            rf"(?P<name>(?:(?(comma){_INITIALS}|(?(lead){_INITIALS}|(?!)))|{_TOKEN})(?:(?:[ \t]+(?:(?:{word_pattern(joining)})[ \t]+)?|(?<=\p{{Lu}}\.)){_TOKEN}){{0,7}})"
            r"(?P<runs_on>(?=[ \t]+\p{Lu}))?"  # a capitalized word follows: `after` must look at it
        )
        self._lead = compile_by_ascii(rf"{lead}+")  # by `isascii()` of the text or word matched
        self._opener = re.compile(rf"[ \t]*+(?:{rank}|{word_pattern(openers)})(?![^\W_])")
        dotted = "|".join(regex.escape(d.rstrip(".")).replace(r"\.", r"\.?") for d in degrees)
        self._degree = regex.compile(rf"(?i:{dotted})\.?")
        self._token_kinds: BoundedMemo[str, tuple[bool, bool, bool]] = BoundedMemo()  # see `_token_kind`
        self._backward_kinds: BoundedMemo[str, tuple[bool, bool, bool, bool]] = BoundedMemo()  # see `_backward_kind`
        self._plain_tokens: BoundedMemo[str, bool] = BoundedMemo()  # see `_plain_token`
        self._cuts: BoundedMemo[str, tuple[tuple[int, ...], tuple[int | None, ...]]] = BoundedMemo()  # see `_plan_cut`

    def comma_then_name(self, text: str, pos: int) -> bool:
        """True when a comma and a name (honorifics before it allowed) follow `pos`: ", dr. Yuda"."""
        m = self._after[text.isascii()].match(text, pos)
        return m is not None and m.group("comma") is not None

    def follows_name(self, text: str, pos: int) -> bool:
        """True when a name token that is no title word stands right before `pos` ("Abdul [Hakim]")."""
        at, word = _previous_word(text, pos)
        return self._plain_token(word) and not _sentence_start(text, at)

    def starts_with_opener(self, text: str, pos: int) -> bool:
        """True when a rank or an opening honorific stands at `pos` ("AKBP", "Mr."): a name follows."""
        at = pos
        while at < len(text) and text[at] in " \t":
            at += 1
        if text[at:at + 1] not in self._opener_initials:  # most words: none of them begins so (no regex call)
            return False
        return self._opener.match(text, pos) is not None

    def starts_name_particle(self, text: str, pos: int) -> bool:
        """True when the word after `pos` is a name particle ("I Made": the "I" is no numeral)."""
        m = _NEXT_WORD_BY_ASCII[text.isascii()].match(text, pos)
        return m is not None and m.group(1).lower() in self._particles

    def after(self, text: str, pos: int, regions: Regions) -> tuple[Name, bool] | None:
        """The name starting at `pos` (after optional spaces, a comma, honorifics and ranks).

        Returns the name and whether a comma separated it from what came before; None also when
        the name runs on into more capitalized words ("... Ciletuh Palabuhanratu UNESCO Global"),
        where its end cannot be told.
        """
        m = self._after[text.isascii()].match(text, pos)
        if not m:
            return None
        start = m.start("name")
        end = self._cut(text, start, m.end("name"), regions)
        if end is None:
            return None
        # Most names end before a lower-case word or punctuation (`runs_on` tells): no word to look at.
        if end < m.end("name") or m.group("runs_on") is not None:
            following = _NEXT_CAPITALIZED_BY_ASCII[text.isascii()].match(text, end)
            if following and not self._ends_name(following.group(1)):
                return None
        return Name(start, end, text[start:end]), m.group("comma") is not None

    def before(self, text: str, end: int, regions: Regions) -> Name | None:
        """The name ending exactly at `end`, honorifics and ranks before it left out; None also when
        a capitalized noun head stands before it inside a sentence, the name then being the tail of a
        longer proper noun ("Paroki Kalirejo", "Desa Sukamaju")."""
        start = end
        for _ in range(8):
            at, word = _previous_word(text, start)
            initials, name_like, noun_head, ends = self._backward_kinds.get(word) or self._backward_kind(word)
            if initials and start < end:
                start = at  # initials only open a name
                break
            if not name_like:
                break
            if noun_head and not _sentence_start(text, at):
                return None
            if ends or regions.covers(at):
                break
            start = at
        lead = self._lead[text.isascii()].match(text, start, end)
        if lead:
            start = lead.end()
        if start >= end or self._cut(text, start, end, regions) != end:
            return None
        return Name(start, end, text[start:end])

    def place_words(self, text: str, pos: int, limit: int) -> list[tuple[int, int]]:
        """The capitalized words from `pos` (at most `limit`, up to a rank or an opening honorific); stop words among them
        only when a comma closes the run ("Kepala Desa Purwodadi Dalam, ...")."""
        words = []
        next_place_word = _NEXT_PLACE_WORD_BY_ASCII[text.isascii()]
        while len(words) < limit and not self.starts_with_opener(text, pos):
            m = next_place_word.match(text, pos)
            if not m:
                break
            words.append((m.start(1), m.end(1)))
            pos = m.end()
        if words and text.startswith(",", words[-1][1]):
            return words
        for i, (start, end) in enumerate(words):
            if text[start:end].lower() in self._stop:
                return words[:i]
        return words

    def extend(self, text: str, start: int, end: int, limit: int, regions: Regions) -> tuple[int, int]:
        """Widen the name at `start:end` by adjacent name tokens (at most `limit` on each side)."""
        for _ in range(limit):
            at, word = _previous_word(text, start)
            if not self._plain_token(word) or regions.covers(at):
                break
            if _sentence_start(text, at):  # "Pidato Joko Santoso": capitalized for the sentence
                break
            start = at
        for _ in range(limit):
            m = _NEXT_WORD_BY_ASCII[text.isascii()].match(text, end)
            if not m or not self._plain_token(m.group(1)) or regions.covers(m.start(1)):
                break
            end = m.end()
        return start, end

    def _backward_kind(self, word: str) -> tuple[bool, bool, bool, bool]:
        """What `before` asks of a word, remembered per word (names and words recur; several regexes each):
        whether it is initials, whether it may stand in a name (a name token, a joining particle, an
        honorific or rank), whether it is a capitalized noun head, whether it ends the name (stop word,
        title word, clitic)."""
        lower = word.lower()
        kind = (_INITIALS_WORD.fullmatch(word) is not None and word not in self._acronyms,
                bool(_NAME_TOKEN.fullmatch(word) or lower in self._joining
                     or self._lead[word.isascii()].fullmatch(word + " ")),
                lower in self._noun_heads and word[:1].isupper(),
                lower in self._stop or lower in self._title_words or self._clitic(word))
        return self._backward_kinds.remember(word, kind)

    def _plain_token(self, word: str) -> bool:
        """Whether `word` is a name token and no stop word, title or position word, honorific, rank, degree or
        clitic (what `extend` and `follows_name` take), remembered per word (names recur; several regexes each)."""
        plain = self._plain_tokens.get(word)
        if plain is None:
            lower = word.lower()
            plain = self._plain_tokens.remember(word, (
                _NAME_TOKEN.fullmatch(word) is not None and len(lower) > 1 and lower not in self._stop
                and lower not in self._title_words and lower not in self._position_words
                and not self._lead[word.isascii()].fullmatch(word + " ") and not self._degree.fullmatch(word)
                and not self._clitic(word)))
        return plain

    def _ends_name(self, word: str) -> bool:
        """A capitalized word that may follow a name: a stop word, a degree or an honorific."""
        return (word.rstrip(".").lower() in self._stop or self._degree.fullmatch(word) is not None
                or self._lead[word.isascii()].match(word + " ") is not None)

    def _clitic(self, word: str) -> bool:
        return self._stop_pattern is not None and self._stop_pattern.fullmatch(word) is not None

    def _cut(self, text: str, start: int, end: int, regions: Regions) -> int | None:
        """The end of the name within `start:end`: cut at stop words, title words, degrees, regions
        and acronyms; None if nothing but particles and initials is left."""
        span = text[start:end]
        token_starts, ends = self._cuts.get(span) or self._plan_cut(span)
        cut = ends[-1]
        if regions.overlaps(start, end):  # seldom: one lookup for the span, not one per token
            for i, offset in enumerate(token_starts):
                if regions.covers(start + offset):
                    cut = ends[i]
                    break
        return None if cut is None else start + cut

    def _plan_cut(self, span: str) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
        """How `_cut` cuts `span`, remembered per span (names recur; only the regions differ from one text to
        the next): the offsets of the tokens its words keep, and for each k the name's end offset when the
        name ends before token k (None: nothing proper before it); the last entry is that of all of them."""
        token_starts: list[int] = []
        ends: list[int | None] = [None]
        last_end, proper = None, False
        for token in _SPACED_TOKEN.finditer(span):
            word = token.group()
            stops, degree, proper_word = self._token_kinds.get(word) or self._token_kind(word)
            if stops or (last_end is not None and degree):
                break
            token_starts.append(token.start())
            last_end, proper = token.end(), proper or proper_word
            ends.append(last_end if proper else None)
        return self._cuts.remember(span, (tuple(token_starts), tuple(ends)))

    def _token_kind(self, word: str) -> tuple[bool, bool, bool]:
        """What `_plan_cut` asks of a token, remembered per token (names and words recur): whether it always ends
        a name (stop word, title word, clitic, acronym), whether it is a degree, whether it is a proper name
        word (no particle, no initial, not all capitals)."""
        lower = word.lower()
        kind = (lower in self._stop or lower in self._title_words or self._clitic(word) or word in self._acronyms,
                self._degree.fullmatch(word) is not None,
                lower not in self._particles and len(word.rstrip(".")) > 1 and not word.isupper())
        return self._token_kinds.remember(word, kind)
