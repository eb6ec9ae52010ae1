"""Compiling rule patterns: the engine chosen, and the ASCII copies of `compile_by_ascii`."""
from __future__ import annotations

import re

import pytest
import regex

from extract.patterns import compile_by_ascii, compile_pattern


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
