"""Page furniture: which lines `BoilerplateMarker` marks, at line starts only."""
from __future__ import annotations

import pytest

from extract.boilerplate import BoilerplateMarker, BoilerplateRules, LinePattern, _lowercase_only
from extract.document import Document

MARKED = [
    # (text, the marked stretches)
    ("Baca juga: Gubernur Kaltim\nIsi berita.", ["Baca juga: Gubernur Kaltim"]),  # the first line
    ("Isi.\n  • Baca juga: A\nBaca Juga: B\nIsi lagi.", ["• Baca juga: A", "Baca Juga: B"]),  # indented (blanks skipped); back to back
    ("Isi. Baca juga: A di tengah kalimat.", []),  # not at a line start
    ("Isi.\nFoto: Humas\n\nEditor: Ani", ["Foto: Humas", "Editor: Ani"]),
    ("Isi.\nkomentar\n\nBaca juga: X\nIsi.", ["komentar\n\nBaca juga: X\nIsi."]),  # a tail runs to the end
    ("Isi.\nBerita terkait:\n\nBerita lainnya\n", ["Berita terkait:\n\nBerita lainnya"]),
    ("Isi.\r\nEditor: Ani\r\nIsi lagi.", ["Editor: Ani\r"]),
]


@pytest.mark.parametrize("text,marked", MARKED)
def test_marked_lines(text, marked):
    doc = Document(text)
    spans = BoilerplateMarker()(doc)
    assert [text[s:e] for s, e in spans] == marked


def test_line_after_a_match_that_took_its_newline():
    # "berita lainnya\s*:?\s*$" may run over blank lines; the next line start still counts.
    text = "Isi.\nBaca juga: A\n\nEditor: B\nIsi."
    assert [text[s:e] for s, e in BoilerplateMarker()(Document(text))] == ["Baca juga: A", "Editor: B"]


def _rules(**patterns: list[LinePattern]) -> BoilerplateRules:
    return BoilerplateRules(field="boilerplate", description="a test's", examples=[], **patterns)


def test_a_rule_that_can_match_nothing_still_ends():
    # Rules are data: one that can match the empty string still gives one match per line start, and ends.
    rules = _rules(line=[LinePattern(id="t.empty", pattern="foo\\n|(?:bar)?")], tail=[LinePattern(id="t.none", pattern="(?!)")])
    marker = BoilerplateMarker(rules)
    text = "foo\nx\nbar y\n"
    assert [text[s:e] for s, e in marker(Document(text))] == ["foo\nx", "x", "bar y", ""]  # each to its line end


@pytest.mark.parametrize("pattern, lowercase", [
    (r"baca (juga|pula)\b", True),
    (r"\[\s*(adv|advertorial)\b[^\]\n]*\][ \t]*$", True),
    (r"(sumber|source)\s*:\S", True),  # escapes are not letters
    (r"(ADV|Baca) juga", False),
])
def test_lowercase_only_patterns(pattern, lowercase):
    assert _lowercase_only(pattern) is lowercase


@pytest.mark.parametrize("text", ["Isi.\nBACA JUGA: A\nIsi.", "Isi.\nBaca Juga: A\nIsi.", "Isi “x”.\nBaCa juga: A\nIsi."])
def test_case_does_not_matter_on_either_path(text):
    # ASCII text goes through the lower-case copy, the last text (curly quotes) through IGNORECASE;
    # a rule with a capital letter makes both go through IGNORECASE.
    caps = _rules(line=[LinePattern(id="t.caps", pattern="BACA juga")], tail=[LinePattern(id="t.none", pattern="(?!)")])
    for rules in (None, caps):
        marker = BoilerplateMarker(rules)
        assert (marker._lowered is None) is (rules is not None)
        assert [text[s:e] for s, e in marker(Document(text))] == [text.split("\n")[1]]
