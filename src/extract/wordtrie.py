"""One regex for many words, shaped as a character trie.

A flat alternation ("satu|sebelas|seratus") makes the engine try every branch at every
position; the trie ("s(?:atu|e(?:belas|ratus))") tries few, and the longest word wins.
Every component that matches a word list builds its pattern here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


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
