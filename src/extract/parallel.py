"""Running the pipeline over many articles, in this process or in N worker processes.

`extract_all` yields records, `extract_lines` the JSON lines `extract run` writes; both keep
input order, and an article whose extraction fails yields the exception in place of its
result, so the caller can report it and go on.  Workers are forked from the process that
built the pipeline (they start at once and share its memory), take articles in batches
bounded in count and in characters (the input is read only a few batches ahead), and send
back JSON lines rather than records, so the parent only reads input and writes output.
"""
from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, TypeVar

from .models import Record
from .pipeline import Article, Pipeline
from .pipelinecache import load_pipeline

T = TypeVar("T")
Convert = Callable[[Pipeline, Article], T]
BATCH_CHARS = 1_000_000  # characters of text per batch, unless one article alone is longer


class JsonLine(NamedTuple):
    """One article's record as a JSON line (no newline), and its number of mentions per field."""

    json: str
    mentions: dict[str, int]


class WorkerError(Exception):
    """An exception from a worker that could not be sent back as it was: its type and message."""


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
    """`exc` if it survives pickling (one that fails to unpickle in the parent hangs the pool), else a WorkerError."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return WorkerError(f"{type(exc).__name__}: {exc}")


_worker: tuple[Convert, Pipeline] | None = None


def _init_worker(convert: Convert, pipeline: Pipeline) -> None:
    global _worker
    _worker = (convert, pipeline)


def _in_worker(batch: list[Article]) -> list[object]:
    results = [_safe(*_worker, article) for article in batch]
    return [_sendable(r) if isinstance(r, Exception) else r for r in results]


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
    pending: deque[list[Article]] = deque()

    def remember(batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        for batch in batches:
            pending.append(batch)
            yield batch

    # Forked workers inherit the built pipeline; spawned ones (no fork on this platform) get it pickled.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(convert, pipeline)) as pool:
        for results in pool.imap(_in_worker, remember(_batches(articles, batch_size))):
            yield from zip(pending.popleft(), results)


def extract_all(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                batch_size: int = 64) -> Iterator[tuple[Article, Record | Exception]]:
    """(article, record or exception) for every article, in input order."""
    return _ordered(_record, articles, workers, pipeline, batch_size)


def extract_lines(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                  batch_size: int = 64) -> Iterator[tuple[Article, JsonLine | Exception]]:
    """(article, its record as a JSON line or the exception) for every article, in input order."""
    return _ordered(_json_line, articles, workers, pipeline, batch_size)
