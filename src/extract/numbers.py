"""The one number grammar shared by money, percentages and counts (spec section 2).

Indonesian numerals in digits ("54.307.662.320", "46,5", "2.5 juta", English "1,500,000"),
with scale words or abbreviations ("1,5 miliar", "Rp2,3 M", "500 rb"), in words ("dua puluh
lima", "satu setengah juta", "seribu") and mixed ("2 ribu", "2 juta 500 ribu").  Values are
exact `Decimal`s.  `parse_number` reads one whole numeral; `scan_numbers` finds every numeral
in running text with exact offsets.  The words live in `rules/numbers.yaml`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from decimal import Decimal
from functools import cache
from itertools import islice
from typing import Literal, NamedTuple

from .memo import BoundedMemo, ForTheLastText
from .models import Qualifier
from .patterns import ascii_table, compile_by_ascii, compile_pattern
from .rules import NonEmpty, Positive, RuleFile, RuleModel, load_rule_file
from .wordtrie import trie_pattern


class ScaleWord(RuleModel):
    id: str
    words: NonEmpty[str]
    short_forms: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    exponent: Positive


class NumberWord(RuleModel):
    id: str
    kind: Literal["digit", "teen", "multiplier", "half"]
    value: Decimal
    words: NonEmpty[str]


class QualifierWords(RuleModel):
    id: str
    qualifier: Qualifier
    words: NonEmpty[str]


class PostposedGt(RuleModel):
    id: str
    words: NonEmpty[str]
    followers: list[str]


class RangeWords(RuleModel):
    id: str
    connectors: NonEmpty[str]
    between: list[str]
    and_: list[str]  # "and" in the file


class UnitWords(RuleModel):
    words: list[str]


class NumberRules(RuleFile):
    one_prefix: str
    scales: list[ScaleWord]
    number_words: list[NumberWord]
    qualifiers: list[QualifierWords]
    qualifier_links: list[str]
    postposed_gt: PostposedGt
    ranges: RangeWords
    units: UnitWords


@cache
def number_rules() -> NumberRules:
    return load_rule_file("numbers", NumberRules)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex matching any of `words`, longest first; inner spaces match spaces and tabs."""
    return trie_pattern(words, space=r"[ \t]+")


def fold_words(words: str) -> str:
    """Lower case with single spaces: the key under which rules look words up."""
    return " ".join(words.lower().split())


class NumberMatch(NamedTuple):
    """One numeral found in text: `text[start:end]` reads `value`.

    `scale` is the exponent of its largest scale word (0 without one); `in_words` is true
    when any part is written in words.
    """

    start: int
    end: int
    value: Decimal
    scale: int
    in_words: bool


# Digits.  A "." before exactly three digits groups thousands, otherwise it is a decimal
# point; "," is the decimal mark unless the number is plainly English ("1,500,000").
_ENGLISH = r"\d{1,3}(?:,\d{3}){2,}(?:\.\d{1,2})?(?!\d|[.,]\d)|\d{1,3}(?:,\d{3})+\.\d{1,2}(?!\d|[.,]\d)"
_GROUPED = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,]\d)"
# "Rp 36.189.084.0003." : a list number glued to a grouped amount; keep the amount.
_GROUPED_GLUED = r"\d{1,3}(?:\.\d{3}){2,}(?=\d)"
_PLAIN = r"\d+(?:[.,]\d+)?(?!\d|[.,]\d)"
DIGITS = rf"(?<!\d)(?<!\d[.,])(?:{_ENGLISH}|{_GROUPED}|{_GROUPED_GLUED}|{_PLAIN})"
_ENGLISH_RE = compile_pattern(_ENGLISH)
_GROUPED_RE = compile_pattern(rf"{_GROUPED}|{_GROUPED_GLUED}")
# Not followed by a letter ("miliar10" is fine: a list number glued after it); the end of a
# word in every quantity pattern (money, percentages, counts).
NOT_LETTER = r"(?![^\W\d_])"
_TRAILING_PUNCT = ".,;:!?)]}\"'"


# ASCII text as the trigger scans read it: bytes of the same length, so offsets carry over
# (`bytes.translate` is several times faster than `str.translate`).
# For the digit scan:  0-9 -> "0";  "," -> ".";  tab -> " ";  letters -> lower case;  "_" "." " " unchanged;
# else "\n".
_ASCII_FOLD = ascii_table(
    lambda c: c.lower() if c.isalpha() else c if c in "_. " else "0" if c.isdigit()
    else "." if c == "," else " " if c == "\t" else "\n"
)


def _ascii_words_table(first_letters: set[str]) -> bytes:
    """The `bytes.translate` table for the word scan: letters in `first_letters` (either case) -> "\x01";
    other letters -> lower case;  0-9 -> "0";  "_" unchanged;  else (no word character) " "."""
    return ascii_table(
        lambda c: "\x01" if c.lower() in first_letters
        else c.lower() if c.isalpha() or c == "_" else "0" if c.isdigit() else " "
    )


_PLAIN_DIGITS = compile_pattern(r"[\d.,]+")

_Token = tuple[str, Decimal]  # (kind, value): num, digit, teen, multiplier, half, scale
# Where a numeral may start: (position,), or the NumberMatch there when the trigger scans
# already read it whole.  (Both tuples: a list of them sorts by position, in C.)
_Trigger = tuple[int] | NumberMatch
_Reading = tuple[int, Decimal | None, int, bool]  # see NumberGrammar._read
_READINGS_KEPT = 4096  # distinct numerals remembered (then forgotten all at once)
_NO_READING: _Reading = (0, None, 0, False)


class NumberGrammar:
    """The compiled grammar: a scanner pattern and an evaluator, built once from the rules."""

    def __init__(self, rules: NumberRules | None = None):
        rules = rules or number_rules()
        # The three numeric components scan the same text one after another: once is enough.
        self.scan: Callable[[str], list[NumberMatch]] = ForTheLastText(self._scan)
        self._words: dict[str, list[_Token]] = {}
        for entry in rules.number_words:
            for w in entry.words:
                self._words[w.lower()] = [(entry.kind, entry.value)]
        scale_words: list[str] = []
        self._abbreviations: dict[str, int] = {}
        one = [("digit", Decimal(1))]
        starts = [w for w, t in self._words.items() if t[0][0] in ("digit", "half")]
        for w, tokens in list(self._words.items()):
            if tokens[0][0] in ("teen", "multiplier"):
                self._words[rules.one_prefix + w] = one + tokens
                starts.append(rules.one_prefix + w)
        for scale in rules.scales:
            token = ("scale", Decimal(scale.exponent))
            for w in scale.words:
                self._words[w.lower()] = [token]
                self._words[rules.one_prefix + w.lower()] = one + [token]
                starts.append(rules.one_prefix + w.lower())
            for w in scale.short_forms:
                self._words[w.lower()] = [token]
            scale_words += scale.words + scale.short_forms
            for a in scale.abbreviations:
                self._abbreviations[a] = scale.exponent
        # "ribuan", "jutaan" ("50 ribuan"); an abbreviation takes no "-an" ("9,000Man" is no scale).
        scale = rf"(?:{alternation(scale_words)}(?:an)?|(?-i:{alternation(list(self._abbreviations))}))"
        word = rf"(?:{alternation(list(self._words))})"
        digits_scaled = rf"{DIGITS}[ \t]*{scale}{NOT_LETTER}"
        atom = rf"(?:{digits_scaled}|{DIGITS}|\b{word}{NOT_LETTER})"
        self.pattern, self._ascii_pattern = compile_by_ascii(
            rf"(?:{digits_scaled}|{DIGITS}|\b(?:{alternation(starts)}){NOT_LETTER})"
            rf"(?:[ \t]+(?:{digits_scaled}|\b{word}{NOT_LETTER}))*", re.I
        )
        # Where a numeral can start: a run of digits or a starting number word.  Finding
        # these first (cheap searches) and matching the full pattern only there keeps the
        # scan fast.  These two find them in any text; ASCII text (nearly every article) has
        # the faster scans of `_ascii_triggers`.
        self._digit_runs = compile_pattern(r"\d[\d.,]*")
        cased = starts + [w.capitalize() for w in starts] + [w.upper() for w in starts]
        start_word = rf"{alternation(cased)}\b"
        # A starting number word at a word start: at the scan's first place, else after a
        # character that is no word character.  Led by that character, the pattern lets `re`
        # skip through the text far faster than a leading `\b` does.
        self._start_word_here = compile_pattern(rf"(?<!\w){start_word}")
        self._start_words_after = compile_pattern(rf"\W{start_word}")
        # The same over ASCII text, as bytes translated by `_ASCII_FOLD` (digits) and
        # `_ascii_words` (words), the digit scan led by one literal byte ("0"), so `re` skips to
        # the candidates several times faster than with a character class.  (Compiled by `re`
        # directly: `compile_pattern` takes text patterns.)  The word scan, over lower case
        # with every non-word character a space, is one scan where the cased words would need
        # one per character that may stand before a word; a candidate counts when it is
        # written as one of `cased`.  In its copy every letter that begins a starting word is
        # "\x01" (its words are written so too), so the scan is led by two literal bytes
        # (" \x01"): `re` then stops only at the spaces before such a letter, not at every
        # space, a fifth faster; the few other words that read the same there ("lalu" as
        # "satu") fail the test against `cased`.  `may_go_on` tells, from what follows, whether the
        # numeral surely ends where the scan stopped (groups `whole`, plain digits, and `run`,
        # digits with separators, of the digit scan): it matches wherever the full pattern
        # could go on (and at some places where it cannot); where it does not match, the full
        # pattern is not needed.  Over the folded copy, lower case, its words are matched
        # without IGNORECASE, under which `re` enters every branch of an alternation in turn,
        # where it passes over those whose first letter differs: the digit scan costs about a
        # seventh less.  An abbreviation loses its case there ("m" reads as "M"): one more place
        # where `may_go_on` matches and the full pattern does not go on.
        lower_scales = alternation([w.lower() for w in scale_words])
        lower_abbreviations = alternation([a.lower() for a in self._abbreviations])
        folded_scale = rf"(?:{lower_scales}(?:an)?|{lower_abbreviations})"
        folded_word = alternation(list(self._words))  # (its keys are lower case)
        may_go_on = rf"(?:[ ]*{folded_scale}{NOT_LETTER}|[ ]+(?:0[0.]*[ ]*{folded_scale}|{folded_word}{NOT_LETTER}))"
        longest = MAX_NUMERAL_CHARS - 1
        self._folded_digit_runs = re.compile(
            rf"0(?:(?P<whole>0{{0,{longest}}})(?![.]*0|{may_go_on})|(?P<run>[0.]{{0,{longest}}})(?![0.]|{may_go_on})"
            rf"|[0.]*)".encode()
        )
        self._whole_group = self._folded_digit_runs.groupindex["whole"]
        self._folded_may_go_on = re.compile(may_go_on.encode())
        self._ascii_words = _ascii_words_table({w[0] for w in starts})
        marked_starts = [w.encode().translate(self._ascii_words).decode() for w in starts]
        # `(?![^ ])`: the word ends there (`\b`; "\x01" is no word character for `re`).
        self._marked_start_words = re.compile(rf" {alternation(marked_starts)}(?![^ ])".encode())
        self._cased_start_words = frozenset(cased)
        self._token = compile_pattern(rf"{DIGITS}|{scale}{NOT_LETTER}|\b{word}{NOT_LETTER}", re.I)
        self._whole = compile_pattern(rf"[ \t]*{atom}(?:[ \t]*{atom})*[ \t]*", re.I)
        self._readings: BoundedMemo[str, _Reading] = BoundedMemo(_READINGS_KEPT)
        self._run_readings: BoundedMemo[str, _Reading] = BoundedMemo(_READINGS_KEPT)
        # The values of plain digits ("2024", "10"), remembered: a lookup is cheaper than `Decimal`.
        self._plain_values: BoundedMemo[str, Decimal] = BoundedMemo(_READINGS_KEPT)
        # A starting number word standing alone ("satu", "Dua") is the commonest numeral in
        # words; its reading (value, scale, in_words) is worked out here once, not per match.
        self._lone_words: dict[str, tuple[Decimal, int, bool]] = {}
        for w in cased:
            tokens = self._token_of(w)
            value = _evaluate(tokens)
            if value is not None:
                self._lone_words[w] = (value, *_scale_and_in_words(tokens))

    # -- reading -------------------------------------------------------------------------
    def parse(self, text: str) -> Decimal | None:
        """The value of `text` read as one whole numeral, else None."""
        text = text.strip().rstrip(_TRAILING_PUNCT)
        if not self._whole.fullmatch(text):
            return None
        tokens = [self._token_of(m.group()) for m in self._token.finditer(text)]
        return self._evaluate(tokens)

    def _scan(self, text: str) -> list[NumberMatch]:
        """Every numeral in `text`, longest first at each place, left to right (see `scan`)."""
        ascii = text.isascii()
        if ascii:
            triggers, all_read = self._ascii_triggers(text)
            if all_read:  # most articles: the trigger scans read every numeral, and these never overlap
                return triggers  # type: ignore[return-value]
        else:
            triggers = self._triggers(text)
        full_pattern = self._ascii_pattern if ascii else self.pattern
        found: list[NumberMatch] = []
        pos = 0
        for trigger in triggers:
            start = trigger[0]
            if start < pos:
                continue
            if len(trigger) > 1:  # a NumberMatch
                found.append(trigger)
                pos = trigger[1]
                continue
            m = full_pattern.match(text, start, start + MAX_NUMERAL_CHARS)
            if m is None:
                continue
            length, value, scale, in_words = self._reading(m.group())
            if value is not None:
                found.append(tuple.__new__(NumberMatch, (start, start + length, value, scale, in_words)))
            pos = start + length
        return found

    def _reading(self, numeral: str) -> _Reading:
        """`_read`, remembered: the same numerals recur ("2 juta", "1.500", "dua puluh")."""
        reading = self._readings.get(numeral)
        return self._readings.remember(numeral, self._read(numeral)) if reading is None else reading

    def _run_reading(self, run: str) -> _Reading:
        """How the full pattern reads a run of digits and separators after which the numeral
        surely ends (value None where it reads none), remembered.

        A function of the run alone: a run stands after no digit, and nothing after it can
        go on with the numeral.
        """
        reading = self._run_readings.get(run)
        if reading is None:
            m = self._ascii_pattern.match(run)
            reading = self._run_readings.remember(run, self._reading(m.group()) if m else _NO_READING)
        return reading

    def _read(self, numeral: str) -> _Reading:
        """How a match of the full pattern reads: (length used, value, scale, in_words); the
        longest prefix of whole pieces that is a well-formed numeral, else value None and the
        length of the first piece (where the scan goes on).

        A function of the matched text alone: its pieces are found in it as they are in the
        article (what stands before and after cannot change them).
        """
        if numeral.isdecimal():  # most numerals: plain digits
            return len(numeral), Decimal(numeral), 0, False
        if _PLAIN_DIGITS.fullmatch(numeral):  # one token, no words
            return len(numeral), _exact(_digits_value(numeral)), 0, False
        if numeral in self._lone_words:
            return len(numeral), *self._lone_words[numeral]
        # The longest well-formed numeral has about 20 pieces ("satu miliar dua ratus ...
        # sembilan puluh"); capping keeps a run like "1,5 juta 1,5 juta ..." linear.
        pieces = list(islice(self._token.finditer(numeral), MAX_NUMERAL_PIECES))
        tokens = [self._token_of(p.group()) for p in pieces]
        for k in range(len(tokens), 0, -1):
            value = self._evaluate(tokens[:k])
            if value is not None:
                used = [token for piece in tokens[:k] for token in piece]
                return pieces[k - 1].end(), value, *_scale_and_in_words(used)
        return (pieces[0].end() if pieces else len(numeral)), None, 0, False

    def _triggers(self, text: str) -> list[_Trigger]:
        """Where numerals may start in `text`: digit runs and starting number words, in order."""
        triggers = [(m.start(),) for m in self._digit_runs.finditer(text)]
        first_word = self._start_word_here.match(text)
        words = [(0,)] if first_word else []
        after_first = first_word.end() if first_word else 0
        words += [(m.start() + 1,) for m in self._start_words_after.finditer(text, after_first)]
        return sorted(triggers + words) if words else triggers

    def _ascii_triggers(self, text: str) -> tuple[list[_Trigger], bool]:
        """`_triggers` of ASCII `text`, with the numerals that the scans over the folded text
        already read whole (digits alone, a lone number word) in place of their positions; and
        whether all of them are read so (then they are the numerals of `text`: digit runs and
        words do not overlap)."""
        # A space before the text puts a word at its start after a space, like the others:
        # a match of " word" in `words` then starts where the word starts in `text`.
        raw = text.encode()
        folded = raw.translate(_ASCII_FOLD)
        words = (b" " + raw).translate(self._ascii_words)
        triggers: list[_Trigger] = []
        append = triggers.append
        # (NumberMatch built by `tuple.__new__`: a named tuple's own `__new__` is a Python
        # function, three times slower; these are most of the numerals of an article.)
        new_match = tuple.__new__
        plain_value, remember_plain = self._plain_values.get, self._plain_values.remember
        all_read = True
        for m in self._folded_digit_runs.finditer(folded):
            surely_ends = m.lastindex  # the group `whole` or `run` (an index: cheaper than its name)
            if surely_ends is None:  # the numeral may go on: the full pattern reads it
                append((m.start(),))
                all_read = False
                continue
            start, end = m.span()
            digits = text[start:end]
            if surely_ends == self._whole_group:
                value = plain_value(digits)
                if value is None:
                    value = remember_plain(digits, Decimal(digits))
                append(new_match(NumberMatch, (start, end, value, 0, False)))
                continue
            length, value, scale, in_words = self._run_reading(digits)
            if value is not None:
                append(new_match(NumberMatch, (start, start + length, value, scale, in_words)))
        found_words = False
        for m in self._marked_start_words.finditer(words):
            start, end = m.start(), m.end() - 1
            word = text[start:end]
            if word not in self._cased_start_words:
                continue
            found_words = True
            if not self._folded_may_go_on.match(folded, end) and (reading := self._lone_words.get(word)):
                append(new_match(NumberMatch, (start, end, *reading)))
            else:
                append((start,))
                all_read = False
        if found_words:
            triggers.sort()
        return triggers, all_read

    def _token_of(self, piece: str) -> list[_Token]:
        if piece[0].isdigit():
            return [("num", _digits_value(piece))]
        if piece in self._abbreviations:
            return [("scale", Decimal(self._abbreviations[piece]))]
        lower = piece.lower()
        if lower not in self._words and lower.endswith("an"):
            lower = lower[:-2]  # "50 ribuan"
        return self._words[lower]

    @staticmethod
    def _evaluate(pieces: list[list[_Token]]) -> Decimal | None:
        return _evaluate([token for piece in pieces for token in piece])


MAX_NUMERAL_PIECES = 24
MAX_NUMERAL_CHARS = 300  # far longer than any numeral; bounds the work per trigger


def _scale_and_in_words(tokens: list[_Token]) -> tuple[int, bool]:
    """A numeral's largest scale exponent (0 without one), and whether any part is a word."""
    scale = max((int(v) for kind, v in tokens if kind == "scale"), default=0)
    return scale, any(kind != "num" and kind != "scale" for kind, _ in tokens)


def _digits_value(digits: str) -> Decimal:
    if _ENGLISH_RE.fullmatch(digits):
        return Decimal(digits.replace(",", ""))
    if _GROUPED_RE.fullmatch(digits):
        return Decimal(digits.replace(".", "").replace(",", "."))
    return Decimal(digits.replace(",", "."))


def _evaluate(tokens: list[_Token]) -> Decimal | None:
    """The value of a token sequence, or None when it is not one well-formed numeral."""
    n = len(tokens)
    total = Decimal(0)
    previous_scale: int | None = None
    i = 0
    while i < n:
        group, i = _group(tokens, i)
        if group is None:
            return None
        if i < n and tokens[i][0] == "half" and tokens[i - 1][0] != "half":
            group += tokens[i][1]
            i += 1
        if i < n and tokens[i][0] == "scale":
            exponent = int(tokens[i][1])
            if previous_scale is not None and exponent >= previous_scale:
                return None
            unit = Decimal(10) ** exponent
            total += group * unit
            previous_scale = exponent
            i += 1
            if i < n and tokens[i][0] == "half":  # "sejuta setengah"
                total += tokens[i][1] * unit
                i += 1
                if i < n:
                    return None
            if i < n and tokens[i][0] == "num" and not (i + 1 < n and tokens[i + 1][0] == "scale"):
                return None  # "5 juta 3 orang": digits after a scale need their own scale
        else:
            if i < n:
                return None
            total += group
    return _exact(total)


def _group(tokens: list[_Token], i: int) -> tuple[Decimal | None, int]:
    """A value below a thousand written in words, or one digits numeral, starting at i."""
    n = len(tokens)
    kind, value = tokens[i]
    if kind == "num":
        return value, i + 1
    if kind == "half":
        return value, i + 1
    group = Decimal(0)
    start = i

    def at(j: int, k: str) -> bool:
        return j < n and tokens[j][0] == k

    def is_multiplier(j: int, v: int) -> bool:
        return at(j, "multiplier") and tokens[j][1] == v

    if at(i, "digit") and is_multiplier(i + 1, 100) and tokens[i][1] > 0:
        group += tokens[i][1] * 100
        i += 2
    if at(i, "digit"):
        digit = tokens[i][1]
        if at(i + 1, "teen"):
            if digit == 0:
                return None, i
            group += 10 + digit
            i += 2
        elif is_multiplier(i + 1, 10):
            if digit == 0:
                return None, i
            group += digit * 10
            i += 2
            if at(i, "digit") and tokens[i][1] > 0 and not (at(i + 1, "teen") or at(i + 1, "multiplier")):
                group += tokens[i][1]
                i += 1
        elif is_multiplier(i + 1, 100):
            return None, i  # "dua ratus tiga ratus"
        elif digit == 0 and i > start:
            return None, i
        else:
            group += digit
            i += 1
    if i == start:
        return None, i
    return group, i


def _exact(value: Decimal) -> Decimal:
    """Whole values as integral Decimals, others without trailing zeros."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


@cache
def grammar() -> NumberGrammar:
    return NumberGrammar()


def parse_number(text: str) -> Decimal | None:
    """The exact value of one whole Indonesian numeral ("1,5 juta", "dua puluh lima"), else None."""
    return grammar().parse(text)


_ONE_COMMA_GROUP = compile_pattern(r"\d{1,3},\d{3}")


def english_thousands(text: str, number: NumberMatch) -> Decimal | None:
    """"9,000" read with English grouping (9000), for a caller that knows a decimal is absurd.

    Indonesian "9,000" is nine; a rupiah amount or a number of people never has three
    decimals, so money without a scale word and counts read it as thousands.
    """
    if number.scale or not _ONE_COMMA_GROUP.fullmatch(text, number.start, number.end):
        return None
    return Decimal(text[number.start : number.end].replace(",", ""))


_SPLIT_DECIMAL = compile_pattern(r"\d{1,3}(?:\.\d{3})*")
_LEADING_DIGITS = re.compile(r"\d+(?=[ \t]*[^\W\d_])")  # the digits of a scaled numeral ("22 miliar")


def split_decimal(text: str, first: NumberMatch, second: NumberMatch) -> NumberMatch | None:
    """"1, 4 triliun" (text tokenized upstream, "Rp 1, 4 triliun") read as one numeral, 1,4 triliun.

    Only where an integer without scale is followed by ", " and a scaled number whose digits
    have no separators; callers use it where a currency sign makes the amount certain.
    """
    if first.scale or not second.scale or second.start != first.end + 2 or text[first.end : second.start] != ", ":
        return None
    digits = _LEADING_DIGITS.match(text[second.start : second.end])
    if not _SPLIT_DECIMAL.fullmatch(text, first.start, first.end) or digits is None:
        return None
    value = (first.value + Decimal("0." + digits.group())) * 10**second.scale
    return NumberMatch(first.start, second.end, _exact(value), second.scale, second.in_words)


def scan_numbers(text: str) -> list[NumberMatch]:
    """Every numeral in `text`, in order."""
    return grammar().scan(text)
