"""Many words at once: one regex shaped as a character trie, or an Aho-Corasick automaton.

A flat alternation ("satu|sebelas|seratus") makes the engine try every branch at every
position; the trie ("s(?:atu|e(?:belas|ratus))") tries few, and the longest word wins.
Every component that matches a word list builds its pattern here.  Where many words are
looked for over a whole text, an automaton (`word_automaton`) finds them in one pass.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ahocorasick


def trie_pattern(words: Iterable[str], space: str | None = None) -> str:
    """A non-capturing group matching any of `words`, the longest first.

    With `space`, an inner space of a word matches that pattern (e.g. r"[ \\t]+") instead of
    one literal space.  With no words, the group matches nothing.
    """
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_emit(trie, space)})" if trie else "(?!)"


def _emit(node: dict[str, dict], space: str | None) -> str:
    branches = [
        (space if space and char == " " else re.escape(char)) + _emit(child, space)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def word_automaton(values: Mapping[str, Any], order: Callable[[str], Any] | None = None) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton of the words in `values`, each with its value, added sorted by `order`.

    The order changes no result, only speed: the automaton looks a character up among a node's
    children one by one, in the order they were added, and nearly every character of a text is
    looked up at the root, so the words that begin with what text has most should come first.
    """
    automaton = ahocorasick.Automaton()
    for word in sorted(values, key=order):
        automaton.add_word(word, values[word])
    automaton.make_automaton()
    return automaton
