"""Running the pipeline over many articles, in this process or in N worker processes.

`extract_all` keeps input order; an article whose extraction fails yields the exception
in place of its record, so the caller can report it and go on.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator

from .models import Record
from .pipeline import Article, Pipeline

_worker_pipeline: Pipeline | None = None


def _init_worker() -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline()


def _safe(pipeline: Pipeline, article: Article) -> Record | Exception:
    try:
        return pipeline(article)
    except Exception as exc:  # reported by the caller, with the article's name
        return exc


def _in_worker(article: Article) -> Record | Exception:
    return _safe(_worker_pipeline, article)


def extract_all(articles: Iterable[Article], workers: int = 1, pipeline: Pipeline | None = None,
                chunksize: int = 16) -> Iterator[tuple[Article, Record | Exception]]:
    """(article, record or exception) for every article, in input order."""
    if workers <= 1:
        pipeline = pipeline or Pipeline()
        for article in articles:
            yield article, _safe(pipeline, article)
        return
    pending: deque[Article] = deque()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(workers, initializer=_init_worker) as pool:
        def remember(items: Iterable[Article]) -> Iterator[Article]:
            for item in items:
                pending.append(item)
                yield item

        for result in pool.imap(_in_worker, remember(articles), chunksize=chunksize):
            yield pending.popleft(), result
