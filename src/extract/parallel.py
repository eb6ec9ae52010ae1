"""Running the pipeline over many articles, in this process or in N processes.

`extract_all` yields records, `extract_lines` the JSON lines `extract run` writes; both keep
input order, and an article whose extraction fails yields the exception in place of its
result, so the caller can report it and go on.

With N processes, this process is one of them, with N - 1 forked helpers (they start at once
and share its memory).  It reads the input in batches, bounded in count and in characters,
hands each idle helper the next batch, and otherwise runs the next batch itself, an article
at a time, looking after the helpers between articles: a helper waits for work at most one
article's time, and at the end of the input this process waits only for the batches helpers
are running; once the input is all read, a batch taken is cut to its taker's share of what is
left (guided self-scheduling), so that the processes finish together rather than one of them
a whole batch after the others.  Helpers send back JSON lines rather than records.  Against
N workers fed by a process that only reads and writes, half as many articles cross between
processes and no N+1-th process competes for N cores.

A helper that dies (killed by the system for want of memory, say) loses nothing: its batch
is run again, an article at a time, by new helpers; an article whose helper dies too yields
a `WorkerError` saying so, and the run goes on.
"""
from __future__ import annotations

import os
import pickle
import signal
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from .models import Record
from .pipeline import Article, Pipeline
from .pipelinecache import load_pipeline

if TYPE_CHECKING:  # `multiprocessing` is imported only where there are helpers (10 ms of a start)
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext

T = TypeVar("T")
Convert = Callable[[Pipeline, Article], T]
BATCH_CHARS = 1_000_000  # characters of text per batch, unless one article alone is longer
LAST_PIECE = 4  # articles: the least a batch is cut to at the end of the input


class JsonLine(NamedTuple):
    """One article's record as a JSON line (no newline), and its number of mentions per field."""

    json: str
    mentions: dict[str, int]


class HelperDied(RuntimeWarning):
    """A helper process ended while it ran articles (they are run again)."""


class WorkerError(Exception):
    """An exception that could not cross between processes as it was (its type and message),
    or the death of the helper process that ran the article.

    Made in every process that runs articles, so that what an article yields does not
    depend on which process ran it."""


def _record(pipeline: Pipeline, article: Article) -> Record:
    return pipeline(article)


def _json_line(pipeline: Pipeline, article: Article) -> JsonLine:
    record = pipeline(article)
    return JsonLine(pipeline.to_json(record), {f: len(getattr(record, f)) for f in pipeline.fields})


def _result(convert: Convert[T], pipeline: Pipeline, article: Article) -> T | Exception:
    """One article's result, or its exception (reported by the caller, with the article's name)
    made sendable: the same whichever process runs it."""
    try:
        return convert(pipeline, article)
    except Exception as exc:
        return _sendable(exc)


def _sendable(exc: Exception) -> Exception:
    """`exc` if it survives pickling (one that fails to unpickle would be lost), else a WorkerError."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return WorkerError(f"{type(exc).__name__}: {exc}")


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of at most `size` articles and BATCH_CHARS characters (or one longer article)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) == size or chars + len(article.text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


def _serve(convert: Convert, pipeline: Pipeline, connection: Connection, helped_ends: list[Connection]) -> None:
    """A helper's life: run the batches that come in and send back their results, until the
    process it helps closes the pipe or is gone.

    `helped_ends` are the ends of the pipes that this process got from the process it helps
    (a forked process gets them all): closed at once, so that when that process is killed
    the pipe closes and a `send` fails rather than waits.  Whether it is gone is also
    checked every second while no batch comes."""
    for end in helped_ends:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the process it helps, which stops it
    helped = os.getppid()
    while True:
        if not connection.poll(1.0):
            if os.getppid() != helped:
                return
            continue
        try:
            batch = connection.recv()
            connection.send([_result(convert, pipeline, article) for article in batch])
        except (EOFError, OSError):  # the pipe closed: the process it helps is gone
            return


class _Slot(Generic[T]):
    """A batch's place in the output, and its results once they are known."""

    __slots__ = ("batch", "results", "retried")

    def __init__(self, batch: list[Article], retried: bool = False):
        self.batch = batch
        self.results: list[T | Exception] | None = None
        self.retried = retried  # one article of a batch whose helper died: only helpers run it


class _Helper:
    """A helper process (forked, or spawned where there is no fork) and the slot of the batch it
    is running (None: idle)."""

    def __init__(self, context: BaseContext, convert: Convert, pipeline: Pipeline, others: list[_Helper]):
        self.connection, theirs = context.Pipe()
        helped_ends = [self.connection] + [other.connection for other in others]
        self.process = context.Process(target=_serve, args=(convert, pipeline, theirs, helped_ends), daemon=True)
        self.process.start()
        theirs.close()
        self.slot: _Slot | None = None

    def stop(self) -> int | None:
        """End the process (idle, or dead already); its exit status."""
        self.connection.close()
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()
        return self.process.exitcode


class _Run(Generic[T]):
    """One run over the input with helpers: see the module's docstring."""

    def __init__(self, convert: Convert[T], pipeline: Pipeline, batches: Iterator[list[Article]], helpers: int):
        import multiprocessing

        # Forked helpers inherit the built pipeline; spawned ones (no fork on this platform) get it pickled.
        self.context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.convert, self.pipeline, self.batches = convert, pipeline, batches
        self.pending: deque[_Slot[T]] = deque()  # every batch read and not yet yielded, in input order
        self.todo: deque[_Slot[T]] = deque()  # those that no process runs yet
        self.read_ahead = helpers + 1
        self.read_all = False
        self.helpers: list[_Helper] = []
        for _ in range(helpers):
            self.helpers.append(_Helper(self.context, convert, pipeline, self.helpers))

    def results(self) -> Iterator[tuple[Article, T | Exception]]:
        from multiprocessing.connection import wait

        try:
            while True:
                self.tend()
                while self.pending and self.pending[0].results is not None:
                    slot = self.pending.popleft()
                    yield from zip(slot.batch, slot.results)
                if self.todo and not self.todo[0].retried:
                    self.run_here(self.take())
                elif self.pending:  # all that is left runs in helpers
                    wait([h.connection for h in self.helpers if h.slot])
                else:
                    return
        finally:
            for helper in self.helpers:
                helper.stop()

    def run_here(self, slot: _Slot[T]) -> None:
        """Run a batch in this process, looking after the helpers between its articles."""
        results = []
        for article in slot.batch:
            results.append(_result(self.convert, self.pipeline, article))
            self.tend()
        slot.results = results

    def tend(self) -> None:
        """Read ahead, take the results helpers have sent, and give idle helpers the next batches."""
        while len(self.todo) < self.read_ahead and not self.read_all:
            batch = next(self.batches, None)
            if batch is None:
                self.read_all = True
                break
            self.pending.append(slot := _Slot(batch))
            self.todo.append(slot)
        for i in range(len(self.helpers)):
            helper = self.helpers[i]
            if helper.slot and helper.connection.poll():
                try:
                    helper.slot.results = helper.connection.recv()
                    helper.slot = None
                except (EOFError, OSError):
                    helper = self.replace(i)
            if not helper.slot and self.todo:
                helper.slot = self.take()
                try:
                    helper.connection.send(helper.slot.batch)
                except OSError:
                    self.replace(i)

    def take(self) -> _Slot[T]:
        """The next slot to run; once the input is all read, cut to a share of the articles left
        (a fair share for every process, halved: at least `LAST_PIECE`), the rest next in line."""
        slot = self.todo.popleft()
        if self.read_all and not slot.retried:
            left = len(slot.batch) + sum(len(other.batch) for other in self.todo)
            share = max(LAST_PIECE, -(-left // (2 * (len(self.helpers) + 1))))
            if len(slot.batch) > share:
                rest = _Slot(slot.batch[share:])
                del slot.batch[share:]
                self.pending.insert(self.pending.index(slot) + 1, rest)
                self.todo.appendleft(rest)
        return slot

    def replace(self, i: int) -> _Helper:
        """Helper `i` died: a new helper takes its place (returned), and the dead one's batch is
        run again by helpers, an article at a time (an article whose helper dies yields a WorkerError)."""
        dead = self.helpers[i]
        status = dead.stop()
        self.helpers[i] = _Helper(self.context, self.convert, self.pipeline, self.helpers[:i] + self.helpers[i + 1:])
        slot = dead.slot
        warnings.warn(f"a helper process ended unexpectedly (exit status {status}) while running "
                      f"{len(slot.batch)} article(s); {'giving up on it' if slot.retried else 'running them again'}",
                      HelperDied, stacklevel=2)
        if slot.retried:
            slot.results = [WorkerError(f"the helper process running this article ended unexpectedly (exit status {status})")]
            return self.helpers[i]
        singles = [_Slot(batch=[article], retried=True) for article in slot.batch]
        at = self.pending.index(slot)
        del self.pending[at]
        for offset, single in enumerate(singles):
            self.pending.insert(at + offset, single)
        self.todo.extendleft(reversed(singles))
        return self.helpers[i]


def _ordered(convert: Convert[T], articles: Iterable[Article], workers: int, pipeline: Pipeline | None,
             batch_size: int) -> Iterator[tuple[Article, T | Exception]]:
    pipeline = pipeline or load_pipeline()
    if workers <= 1:
        for article in articles:
            yield article, _result(convert, pipeline, article)
        return
    yield from _Run(convert, pipeline, _batches(articles, batch_size), workers - 1).results()


def extract_all(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                batch_size: int = 64) -> Iterator[tuple[Article, Record | Exception]]:
    """(article, record or exception) for every article, in input order."""
    return _ordered(_record, articles, workers, pipeline, batch_size)


def extract_lines(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                  batch_size: int = 64) -> Iterator[tuple[Article, JsonLine | Exception]]:
    """(article, its record as a JSON line or the exception) for every article, in input order."""
    return _ordered(_json_line, articles, workers, pipeline, batch_size)
