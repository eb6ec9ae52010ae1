"""Dates: our extractor against dateparser.search.search_dates(text, languages=["id"]), in one run.

Reports
  - time per article of each, on a sample of ../shared/corpus/articles.jsonl;
  - where a gold set exists (gold/<doc_id>.json, the record format of the spec), lenient
    precision/recall/F1 of each against the gold dates: a prediction matches a gold mention
    when the spans overlap and the values are equal (each gold mention matched once).
Either part is skipped, with a note, where its input is absent.

Run: .venv/bin/python benchmarks/dates_vs_dateparser.py [--sample 200]
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from extract.boilerplate import BoilerplateMarker
from extract.dates import DateExtractor
from extract.document import Document
from extract.gold import gold_articles, load_gold
from extract.pipeline import Article
from extract.published import PublishedDateFinder, parse_published
from extract.scoring import score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
GOLD = ROOT / "gold"

Span = tuple[int, int, str]  # start, end, value
Extract = Callable[[str, date | None], list[Span]]


def ours() -> Extract:
    boilerplate, published_finder, extractor = BoilerplateMarker(), PublishedDateFinder(), DateExtractor()

    def run(text: str, published: date | None) -> list[Span]:
        doc = Document(text, published=published)
        boilerplate(doc)
        published_finder(doc)
        return [(m.start, m.end, m.value) for m in extractor(doc)]

    return run


def dateparser_search() -> Extract:
    from dateparser.search import search_dates

    def run(text: str, published: date | None) -> list[Span]:
        settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day)} if published else {}
        found = search_dates(text, languages=["id"], settings=settings) or []
        spans, cursor = [], 0
        for substring, moment in found:
            start = text.find(substring, cursor)
            if start < 0:
                start = text.find(substring)
            if start < 0:
                continue
            cursor = start + len(substring)
            spans.append((start, start + len(substring), moment.date().isoformat()))
        return spans

    return run


def load_corpus() -> dict[str, dict]:
    with CORPUS.open(encoding="utf-8") as lines:
        return {a["id"]: a for a in map(json.loads, lines)}


def metadata_date(article: dict) -> date | None:
    return parse_published(article["date"]) if article.get("date") else None


def time_per_article(extract: Extract, articles: list[dict]) -> float:
    started = time.process_time()
    for article in articles:
        extract(article["text"], metadata_date(article))
    return (time.process_time() - started) / len(articles)


def gold_dates() -> tuple[dict[str, dict], list]:
    """The gold dates and the gold articles (read as `extract run` reads them)."""
    gold = load_gold(GOLD)
    articles = [a for a in gold_articles(gold) if isinstance(a, Article)]
    return {a.doc_id: {"dates": [asdict(d) for d in gold[a.doc_id].dates]} for a in articles}, articles


def f1_on_gold(extract: Extract, gold: dict[str, dict], articles: list) -> tuple[float, float, float]:
    """Lenient P/R/F1 with the project's scorer (overlap + equal value, one-to-one)."""
    predictions = {
        a.doc_id: {"dates": [{"start": s, "end": e, "value": v} for s, e, v in extract(a.text, a.published)]}
        for a in articles
    }
    counts = score(gold, predictions, fields=("dates",)).fields["dates"].views["lenient"]
    return counts.precision, counts.recall, counts.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="articles for the timing (every n-th of the corpus)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: no corpus at {CORPUS}")
        return
    corpus = load_corpus()
    articles = list(corpus.values())
    sample = articles[:: max(1, len(articles) // args.sample)][: args.sample]
    systems = {"ours": ours(), "dateparser.search_dates": dateparser_search()}
    systems["dateparser.search_dates"]("Senin, 18 Maret 2024", None)  # load its language data before timing
    print(f"time per article on {len(sample)} corpus articles:")
    for name, extract in systems.items():
        print(f"  {name:26s} {time_per_article(extract, sample) * 1000:8.3f} ms")
    gold, gold_texts = gold_dates()
    if not gold:
        print(f"skipped gold F1: no gold records in {GOLD}")
        return
    print(f"lenient dates P/R/F1 on {len(gold)} gold articles (the project's scorer):")
    for name, extract in systems.items():
        precision, recall, f1 = f1_on_gold(extract, gold, gold_texts)
        print(f"  {name:26s} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


if __name__ == "__main__":
    main()
