"""Memos of per-string work that recurs from article to article (name tokens, titles, numerals)."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """A dict that forgets all its entries once it holds `limit` of them: a run over millions of
    articles stays bounded in memory, and the strings that recur are soon remembered again."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = 20_000):
        super().__init__()
        self.limit = limit

    def remember(self, key: K, value: V) -> V:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


def for_the_last_text(compute: Callable[[str], V]) -> Callable[[str], V]:
    """`compute`, with its result kept for the last text it was given (told by identity): the
    components of one article ask it about the same `doc.match_text` one after another."""
    last: tuple[str | None, V | None] = (None, None)

    @wraps(compute)
    def remembered(text: str) -> V:
        nonlocal last
        seen = last  # one read: a thread that replaces `last` meanwhile cannot mix two texts
        if seen[0] is not text:
            seen = last = (text, compute(text))
        return seen[1]  # type: ignore[return-value]

    return remembered
