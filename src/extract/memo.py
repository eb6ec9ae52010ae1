"""Work done once and kept: memos of per-string work that recurs from article to article (name
tokens, titles, numerals), the last text's result, objects built on first use, and start-up
work done without the garbage collector."""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

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


class ForTheLastText(Generic[V]):
    """`compute`, with its result kept for the last text it was given (told by identity): the
    components of one article ask it about the same `doc.match_text` one after another.

    An object rather than a closure, so that a built pipeline holding one still pickles."""

    __slots__ = ("compute", "_last")

    def __init__(self, compute: Callable[[str], V]):
        self.compute = compute
        self._last: tuple[str | None, V | None] = (None, None)

    def __call__(self, text: str) -> V:
        seen = self._last  # one read: a thread that replaces `_last` meanwhile cannot mix two texts
        if seen[0] is not text:
            seen = self._last = (text, self.compute(text))
        return seen[1]  # type: ignore[return-value]

    def __reduce__(self):
        return type(self), (self.compute,)  # not the last text: a saved pipeline holds no article


class BuiltOnFirstUse:
    """Stands for what `build()` returns, and builds it when one of its attributes is first read
    (start-up time: `re` compiles in Python, and many patterns serve only some articles).

    Each attribute read is then kept on this object, so later reads (`x.match`) cost what they
    cost on the built object.  `build` should be a function or a `functools.partial`, not a
    lambda, so that a pipeline holding it still pickles (worker processes where there is no fork).
    """

    def __init__(self, build: Callable[[], object]):
        self._build = build
        self._built: object | None = None

    def built(self) -> object:
        """What this stands for, built now if it was not yet."""
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getattr__(self, name: str):
        if name.startswith("__"):  # not the built object's: pickling and copying look for these
            raise AttributeError(name)
        value = getattr(self.built(), name)
        setattr(self, name, value)
        return value


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector paused; then move every object into the
    oldest generation and restore the collector as it was.

    For start-up work that builds many objects which all live on (importing the models and
    loading the pipeline make about 76,000): each collection started meanwhile would walk
    objects that all survive it, about 50 ms of a 0.25 s start.  In the oldest generation
    (`freeze` then `unfreeze` is how Python moves objects there) only full collections walk
    them, and a run over the 3,000 corpus articles starts none."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()
