"""A per-article time budget: an article that takes too long raises `ArticleTimeout`.

On POSIX, in the main thread, a watch stops the work wherever it is: in Python code, in a
stdlib `re` match or in a `regex` match (both engines check for signals while they match,
so a runaway pattern is stopped too).  Elsewhere (threads, Windows) the budget is checked
between components only.

The watch is an interval timer (SIGALRM) that ticks while articles run; at each tick its
handler raises `ArticleTimeout` in the running article if that article is past its
deadline.  An article writes its deadline and reads the timer (one system call): setting a
timer and swapping signal handlers for every article took four, about 2% of a run.  So the
watch stays set between articles, and puts the timer and the previous SIGALRM handler back
at the first tick that finds no article running (at most `MAX_TICK` seconds after the last
one), at exit, and in a forked child.  While it is set, SIGALRM and the real-time interval
timer are the budget's; a SIGALRM handler set, or the timer stopped, by someone else in
between is noticed, and the watch set again.  A tick interrupts a system call in progress,
which Python retries (PEP 475).
"""
from __future__ import annotations

import atexit
import os
import signal
import threading
import time

# `signal.signal` and `signal.getsignal` are their `_signal` functions plus a conversion of the
# handler to an enum, which fails slowly (about 1.5 us, more for `signal`) whenever the handler
# is a function: the budget calls the C functions directly.
from _signal import getsignal as _handler_now
from _signal import signal as _swap_handler

MAX_TICK = 1.0  # seconds between ticks at most; an article is stopped within a tick of its deadline
TICKS_PER_BUDGET = 10  # and at least this many ticks within a budget,
MIN_TICK = 0.001  # but never more often than this


class ArticleTimeout(Exception):
    """The article did not finish within its time budget."""

    def __init__(self, seconds: float, where: str | None = None):
        self.seconds = seconds
        self.where = where
        super().__init__(f"exceeded the time budget of {seconds:g} s" + (f" in {where}" if where else ""))

    def __reduce__(self):  # so that it crosses from a worker process intact
        return type(self), (self.seconds, self.where)


class _Watch:
    """The process's SIGALRM watch over the running article (one per process: the signal and
    the timer are the process's)."""

    def __init__(self) -> None:
        self.deadline: float | None = None  # of the running article; None between articles
        self.seconds = 0.0  # its budget
        self.tick: float | None = None  # the timer's interval while the watch is set
        self.previous = None  # the SIGALRM handler to put back
        self.handler = self.on_alarm  # one bound method, compared by identity with the handler set
        self.exit_hook = False

    def start(self, seconds: float) -> None:
        """Set the watch (again) where it is not set, ticks too seldom for `seconds`, lost
        SIGALRM to another handler, or had its timer stopped (`signal.alarm(0)`, say: one
        system call an article, a quarter of what the budget took before the watch)."""
        tick = max(MIN_TICK, min(MAX_TICK, seconds / TICKS_PER_BUDGET))
        ours = _handler_now(signal.SIGALRM) is self.handler
        if ours and self.tick is not None and self.tick <= tick and signal.getitimer(signal.ITIMER_REAL)[1]:
            return
        if not ours:
            self.previous = _swap_handler(signal.SIGALRM, self.handler)
        if not self.exit_hook:  # a tick after the interpreter put back the default handler would kill it
            atexit.register(self.stop)
            self.exit_hook = True
        self.tick = tick
        signal.setitimer(signal.ITIMER_REAL, tick, tick)

    def stop(self) -> None:
        """Stop the timer and put the previous handler back (None: one not set from Python,
        which cannot be put back; the default is)."""
        if self.tick is None:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        if _handler_now(signal.SIGALRM) is self.handler:
            _swap_handler(signal.SIGALRM, signal.SIG_DFL if self.previous is None else self.previous)
        self.tick = None
        self.previous = None

    def forget(self) -> None:
        """In a forked child: the timer did not follow, the handler did; put it back."""
        self.deadline = None
        if self.tick is not None:
            self.stop()

    def on_alarm(self, signum, frame) -> None:
        """A tick: the end of the running article if it is past its deadline (once: the
        exception may stop it anywhere, even before its budget puts the watch back), else
        nothing; with no article running, the end of the watch."""
        if self.deadline is None:
            self.stop()
        elif time.monotonic() > self.deadline:
            self.deadline = None
            raise ArticleTimeout(self.seconds)


_WATCH = _Watch()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_WATCH.forget)
_TIMED = hasattr(signal, "setitimer")


class time_budget:  # noqa: N801 - used like the context-manager function it replaced
    """`with time_budget(seconds) as check:` runs the body within `seconds` (None or 0: no limit);
    `check()` raises `ArticleTimeout` once time is up (all a thread without the watch gets, and
    the main thread's second line, should the watch's exception be caught and dropped).

    A class rather than a `@contextmanager` generator: it is entered once per article, and
    this way costs a third as much.  Budgets nest: the inner one's deadline is the watch's
    while it runs, the outer one's again afterwards.
    """

    __slots__ = ("seconds", "_deadline", "_outer")

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._outer: tuple[float | None, float] | None = None

    def __enter__(self):
        if not self.seconds:
            return _no_check
        self._deadline = time.monotonic() + self.seconds
        if not (_TIMED and threading.current_thread() is threading.main_thread()):
            return self.check
        watch = _WATCH
        self._outer = watch.deadline, watch.seconds
        watch.deadline, watch.seconds = self._deadline, self.seconds  # first: a tick now must not end the watch
        watch.start(self.seconds)
        return self.check

    def __exit__(self, *exc_info) -> None:
        if self._outer is not None:
            _WATCH.deadline, _WATCH.seconds = self._outer
            self._outer = None

    def check(self) -> None:
        if time.monotonic() > self._deadline:
            raise ArticleTimeout(self.seconds)


def _no_check() -> None:
    pass
