"""The pipeline: components that each add one field to a `Document`, run in order.

A component is any object with a `field` name and `__call__(doc) -> list` (its mentions).
Components are built once (rules compiled once) and reused for every article.  Later
components can read earlier fields from `doc.results` (officials read regions, counts read
money and percentages to avoid taking their numbers).
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from .budget import ArticleTimeout, time_budget
from .document import Document
from .models import FIELDS, Record, record_adapter

# Seconds one article may take before it is given up with an ArticleTimeout
# (a typical article takes about a millisecond; a 5 MB one a few seconds).
DEFAULT_TIME_BUDGET = 20.0

# field -> "module:Class"; the order is the run order.
COMPONENTS: dict[str, str] = {
    "boilerplate": "extract.boilerplate:BoilerplateMarker",
    "published": "extract.published:PublishedDateFinder",
    "regions": "extract.regions:RegionExtractor",
    "dates": "extract.dates:DateExtractor",
    "money": "extract.money:MoneyExtractor",
    "percentages": "extract.percentages:PercentageExtractor",
    "counts": "extract.counts:CountExtractor",
    "officials": "extract.officials:OfficialExtractor",
}
# Mentions in text order (attrgetter: a C-level key, no Python call per mention).
_TEXT_ORDER = attrgetter("start", "end")
# What a field reads from doc.results besides its own work.
DEPENDS: dict[str, tuple[str, ...]] = {
    "officials": ("regions",),
    "counts": ("money", "percentages"),
    "percentages": ("money",),
}


@dataclass
class Article:
    """One input article."""

    text: str
    doc_id: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


def _load(path: str):
    module, cls = path.split(":")
    return getattr(importlib.import_module(module), cls)()


class Pipeline:
    """Builds every component once; `run` turns articles into records, in order.

    `time_budget` is the most seconds one article may take (None: no limit); an article
    over it raises `ArticleTimeout`, naming the component it was in.
    """

    def __init__(self, fields: Iterable[str] = FIELDS, time_budget: float | None = DEFAULT_TIME_BUDGET):
        wanted = set(fields) | {"boilerplate", "published"}
        for name in list(wanted):
            wanted.update(DEPENDS.get(name, ()))
        unknown = wanted - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown fields: {sorted(unknown)}")
        self.fields = tuple(f for f in FIELDS if f in set(fields))
        self.components = [_load(path) for name, path in COMPONENTS.items() if name in wanted]
        self.time_budget = time_budget
        # pydantic-core's serializer of `Record`, kept with the pipeline: the start-up cache then
        # holds it built, and `extract run` saves building it at every start (10 ms, a twentieth).
        self.serializer = record_adapter().serializer

    def annotate(self, article: Article) -> Document:
        """Run every component over one article; the document keeps all annotations."""
        doc = Document(article.text, published=article.published, doc_id=article.doc_id, title=article.title)
        component = None
        try:
            with time_budget(self.time_budget) as check:
                for component in self.components:
                    doc.results[component.field] = component(doc)
                    check()
        except ArticleTimeout as timeout:
            raise ArticleTimeout(timeout.seconds, where=component and component.field) from None
        return doc

    def __call__(self, article: Article) -> Record:
        return self.record(self.annotate(article))

    def record(self, doc: Document) -> Record:
        """The record of an annotated document: its fields' mentions in text order.

        Built without validation, as its mentions are (see `models`); the tests validate
        records strictly.
        """
        results = doc.results
        return Record(
            doc_id=doc.doc_id,
            published=doc.published.isoformat() if doc.published else None,
            # (A list of one mention or none, most of them, is copied rather than sorted: a
            # `sorted` call with its key costs four times as much.)
            **{f: sorted(ms, key=_TEXT_ORDER) if len(ms) > 1 else ms[:] for f in self.fields for ms in (results[f],)},
        )

    def to_json(self, record: Record) -> str:
        """`record.to_json()`, with the serializer the pipeline holds."""
        return self.serializer.to_json(record).decode()

    def run(self, articles: Iterable[Article]) -> Iterator[Record]:
        for article in articles:
            yield self(article)


_default: Pipeline | None = None


def extract(text: str, *, doc_id: str | None = None, published: date | str | None = None) -> Record:
    """Extract the six fields from one article (the pipeline is loaded on first use, from the
    start-up cache where it holds one: see `pipelinecache`)."""
    global _default
    if _default is None:
        from .pipelinecache import load_pipeline  # here: that module imports this one

        _default = load_pipeline()
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return _default(Article(text=text, doc_id=doc_id, published=published))
