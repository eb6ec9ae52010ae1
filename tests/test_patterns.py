"""Compiling rule patterns: the engine chosen, the ASCII copies of `compile_by_ascii`, and `AtLineStart`."""
from __future__ import annotations

import re
from random import Random

import pytest
import regex

from extract.patterns import AtLineStart, compile_by_ascii, compile_pattern


@pytest.mark.parametrize("pattern,engine", [
    (r"(?<!\d)\d{1,2}\s+Mei", re),
    (r"(?<!\d[.,]|\d)\d+", regex),  # lookbehind branches of different widths
    (r"\p{Lu}\p{Ll}+", regex),
])
def test_the_engine_that_accepts_the_pattern(pattern, engine):
    assert isinstance(compile_pattern(pattern), engine.Pattern)


def test_ascii_copy_matches_alike_on_ascii_text():
    full, ascii_only = compile_by_ascii(r"[ \t]+\p{Lu}[\p{L}'\-]*(?![\p{L}\d])|\(\s?[^\s()]+\)|\[")
    assert ascii_only.pattern == r"[ \t]+[A-Z][A-Za-z'\-]*(?![A-Za-z\d])|\(\s?[^\s()]+\)|\["
    text = "Kepala Dinas Pendidikan (Disdik)\x1c (x\x1c) [ Jawa Barat"  # \x1c: white space to `re` alone
    for pos in range(len(text)):
        found, found_ascii = full.match(text, pos), ascii_only.match(text, pos)
        assert (found and found.span()) == (found_ascii and found_ascii.span())


def test_the_copy_for_other_text_reads_unicode():
    full, _ = compile_by_ascii(r"\p{Lu}\w+", re.I)
    assert full.match("Éric Ölander").group() == "Éric"


@pytest.mark.parametrize("pattern", [r"[ \t]*(?:baca|lihat)\b[^\n]*", r"baca\s*", r"[ \t]*diterbitkan\b\s*:?\s*(?P<date>[^\n]{2,20}?)[ \t]*$", r"a*"])
def test_at_line_start_finds_what_a_multiline_caret_pattern_finds(pattern):
    texts = ["", "\n", "Baca juga: x\nbaca\n\nlihat ini\n  Lihat", "diterbitkan\n 18 Maret\nditerbitkan: 1 Mei  \nx",
             "aaa\naa\n\na", "x\nBaca\nbaca juga\nbacaan\n", "diterbitkan\n\nditerbitkan\n"]
    random = Random(5)
    texts += ["".join(random.choice(["a", "\n", " ", "baca", "lihat", "diterbitkan", ":", "9"]) for _ in range(40)) for _ in range(300)]
    lines = AtLineStart(pattern, re.I | re.M)
    plain = re.compile("(?m)^(?:" + pattern + ")", re.I)
    for text in texts:
        for limit in (len(text), len(text) // 2):
            expected = [m.span() for m in plain.finditer(text, 0, limit)]
            assert [(start, m.end()) for start, m in lines.finditer(text, limit)] == expected, (text, limit)
