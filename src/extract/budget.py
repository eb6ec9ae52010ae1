"""A per-article time budget: an article that takes too long raises `ArticleTimeout`.

On POSIX, in the main thread, an interval timer (SIGALRM) interrupts the work wherever it
is: in Python code, in a stdlib `re` match or in a `regex` match (both engines check for
signals while they match, so a runaway pattern is stopped too).  Elsewhere (threads,
Windows) the budget is checked between components only.  While an article runs, the
budget owns SIGALRM; the previous handler is put back afterwards.
"""
from __future__ import annotations

import signal
import threading
import time

# `signal.signal` is `_signal.signal` plus a conversion of the returned handler to an enum,
# which fails slowly (about 8 us) whenever that handler is a function.  The budget swaps
# handlers twice per article, so it calls the C function directly.
from _signal import signal as _swap_handler


class ArticleTimeout(Exception):
    """The article did not finish within its time budget."""

    def __init__(self, seconds: float, where: str | None = None):
        self.seconds = seconds
        self.where = where
        super().__init__(f"exceeded the time budget of {seconds:g} s" + (f" in {where}" if where else ""))

    def __reduce__(self):  # so that it crosses from a worker process intact
        return type(self), (self.seconds, self.where)


class time_budget:  # noqa: N801 - used like the context-manager function it replaced
    """`with time_budget(seconds) as check:` runs the body within `seconds` (None or 0: no limit);
    `check()` raises `ArticleTimeout` once time is up (all a thread without the timer gets).

    A class rather than a `@contextmanager` generator: it is entered once per article, and
    this way costs a third as much.
    """

    __slots__ = ("seconds", "_deadline", "_timed", "_previous")

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._timed = False

    def __enter__(self):
        if not self.seconds:
            return _no_check
        self._deadline = time.monotonic() + self.seconds
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._previous = _swap_handler(signal.SIGALRM, self._on_alarm)
            self._timed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self.check

    def __exit__(self, *exc_info) -> None:
        if self._timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            # None: a handler not set from Python, which cannot be put back; the default is.
            _swap_handler(signal.SIGALRM, signal.SIG_DFL if self._previous is None else self._previous)
            self._timed = False

    def check(self) -> None:
        if time.monotonic() > self._deadline:
            raise ArticleTimeout(self.seconds)

    def _on_alarm(self, signum, frame) -> None:
        raise ArticleTimeout(self.seconds)


def _no_check() -> None:
    pass
