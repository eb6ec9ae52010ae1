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
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class ArticleTimeout(Exception):
    """The article did not finish within its time budget."""

    def __init__(self, seconds: float, where: str | None = None):
        self.seconds = seconds
        self.where = where
        super().__init__(f"exceeded the time budget of {seconds:g} s" + (f" in {where}" if where else ""))

    def __reduce__(self):  # so that it crosses from a worker process intact
        return type(self), (self.seconds, self.where)


def _can_use_timer() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Callable[[], None]]:
    """Run the body within `seconds` (None or 0: no limit); yields `check()`, which raises once time is up."""
    if not seconds:
        yield lambda: None
        return
    deadline = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > deadline:
            raise ArticleTimeout(seconds)

    if not _can_use_timer():
        yield check
        return

    def on_alarm(signum, frame) -> None:
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
