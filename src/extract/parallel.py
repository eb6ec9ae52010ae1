"""Running the pipeline over many articles, in this process or in N processes.

`extract_all` yields records, `extract_lines` the JSON lines `extract run` writes; both keep
input order, and an article whose extraction fails yields the exception in place of its
result, so the caller can report it and go on.

With N processes, this process is one of them.  It reads the input in batches, bounded in
count and in characters, keeps N - 1 forked helpers (they start at once and share its
memory) supplied with batches, and works through a batch itself whenever each helper has
enough queued.  Helpers send back JSON lines rather than records.  Against N helpers fed by
a process that only reads and writes, half as many articles cross between processes and
no N+1-th process competes for N cores.
"""
from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from .models import Record
from .pipeline import Article, Pipeline
from .pipelinecache import load_pipeline

if TYPE_CHECKING:  # `multiprocessing` is imported only where there are helpers (10 ms of a start)
    from multiprocessing.pool import AsyncResult

T = TypeVar("T")
Convert = Callable[[Pipeline, Article], T]
BATCH_CHARS = 1_000_000  # characters of text per batch, unless one article alone is longer
QUEUED_PER_HELPER = 2  # batches sent to each helper ahead, so that it never waits for this process


class JsonLine(NamedTuple):
    """One article's record as a JSON line (no newline), and its number of mentions per field."""

    json: str
    mentions: dict[str, int]


class WorkerError(Exception):
    """An exception that could not cross between processes as it was: its type and message.

    Made in every process that runs articles, so that what an article yields does not
    depend on which process ran it."""


def _record(pipeline: Pipeline, article: Article) -> Record:
    return pipeline(article)


def _json_line(pipeline: Pipeline, article: Article) -> JsonLine:
    record = pipeline(article)
    return JsonLine(record.model_dump_json(), {f: len(getattr(record, f)) for f in pipeline.fields})


def _safe(convert: Convert[T], pipeline: Pipeline, article: Article) -> T | Exception:
    try:
        return convert(pipeline, article)
    except Exception as exc:  # reported by the caller, with the article's name
        return exc


def _sendable(exc: Exception) -> Exception:
    """`exc` if it survives pickling (one that fails to unpickle in this process hangs the pool), else a WorkerError."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return WorkerError(f"{type(exc).__name__}: {exc}")


def _run_batch(convert: Convert[T], pipeline: Pipeline, batch: list[Article]) -> list[T | Exception]:
    """Results of one batch, exceptions made sendable: the same whichever process runs it."""
    results = [_safe(convert, pipeline, article) for article in batch]
    return [_sendable(r) if isinstance(r, Exception) else r for r in results]


_helper: tuple[Convert, Pipeline] | None = None


def _init_helper(convert: Convert, pipeline: Pipeline) -> None:
    global _helper
    _helper = (convert, pipeline)


def _in_helper(batch: list[Article]) -> list[object]:
    return _run_batch(*_helper, batch)


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


def _ordered(convert: Convert[T], articles: Iterable[Article], workers: int, pipeline: Pipeline | None,
             batch_size: int) -> Iterator[tuple[Article, T | Exception]]:
    pipeline = pipeline or load_pipeline()
    if workers <= 1:
        for article in articles:
            yield article, _safe(convert, pipeline, article)
        return
    import multiprocessing

    helpers = workers - 1
    # (batch, its results: computed here, or on their way from a helper), in input order.
    pending: deque[tuple[list[Article], list | AsyncResult]] = deque()
    # Forked helpers inherit the built pipeline; spawned ones (no fork on this platform) get it pickled.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(helpers, initializer=_init_helper, initargs=(convert, pipeline)) as pool:
        for batch in _batches(articles, batch_size):
            if sum(_on_its_way(results) for _, results in pending) < QUEUED_PER_HELPER * helpers:
                pending.append((batch, pool.apply_async(_in_helper, (batch,))))
            else:
                pending.append((batch, _run_batch(convert, pipeline, batch)))
            while pending and not _on_its_way(pending[0][1]):
                yield from _finished(*pending.popleft())
        # The input is done.  Helpers take batches in order, so the batches on their way past the
        # first `helpers` are not begun yet: rather than wait for them, this process works
        # through them itself, from the last (a helper may still do one too; its copy is dropped).
        while pending:
            on_its_way = [i for i, (_, results) in enumerate(pending) if _on_its_way(results)]
            if len(on_its_way) > helpers:
                batch = pending[on_its_way[-1]][0]
                pending[on_its_way[-1]] = (batch, _run_batch(convert, pipeline, batch))
            else:
                yield from _finished(*pending.popleft())


def _on_its_way(results: list | AsyncResult) -> bool:
    """Whether these results are still being made by a helper."""
    return not isinstance(results, list) and not results.ready()


def _finished(batch: list[Article], results: list | AsyncResult) -> Iterator[tuple[Article, object]]:
    return zip(batch, results if isinstance(results, list) else results.get())


def extract_all(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                batch_size: int = 64) -> Iterator[tuple[Article, Record | Exception]]:
    """(article, record or exception) for every article, in input order."""
    return _ordered(_record, articles, workers, pipeline, batch_size)


def extract_lines(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                  batch_size: int = 64) -> Iterator[tuple[Article, JsonLine | Exception]]:
    """(article, its record as a JSON line or the exception) for every article, in input order."""
    return _ordered(_json_line, articles, workers, pipeline, batch_size)
