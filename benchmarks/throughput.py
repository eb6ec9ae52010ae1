"""Throughput of the whole pipeline against two references measured in the same run.

    python benchmarks/throughput.py [--corpus ../shared/corpus/articles.jsonl] [--dateparser-sample 200]

Prints articles/s and MB/s of: the pipeline (all six fields), spaCy's `spacy.blank("id")`
tokenizer alone over the same texts, and `dateparser.search.search_dates` over a sample;
then the ratios.  Skips (exit 0) when the shared corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "articles.jsonl"


def load_articles(path: Path):
    from extract.pipeline import Article
    from extract.published import parse_published

    articles = []
    for line in path.open(encoding="utf-8"):
        obj = json.loads(line)
        articles.append(Article(text=obj["text"], doc_id=obj["id"], published=parse_published(obj.get("date") or "")))
    return articles


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--dateparser-sample", type=int, default=200)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return
    from extract.pipeline import Pipeline

    articles = load_articles(args.corpus)
    texts = [a.text for a in articles]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n = len(texts)

    t0 = time.perf_counter()
    pipeline = Pipeline()
    build = time.perf_counter() - t0
    pipeline(articles[0])  # warm caches
    pipe_s = timed(pipeline, articles)

    import spacy

    t0 = time.perf_counter()
    nlp = spacy.blank("id")
    spacy_build = time.perf_counter() - t0
    spacy_s = timed(nlp.tokenizer, texts)

    from dateparser.search import search_dates

    sample = texts[: args.dateparser_sample]
    search_dates(sample[0], languages=["id"])  # warm up
    dp_s = timed(lambda t: search_dates(t, languages=["id"]), sample)

    rows = [
        ("pipeline (6 fields)", n, pipe_s, build),
        ('spacy.blank("id") tokenizer', n, spacy_s, spacy_build),
        ("dateparser.search_dates", len(sample), dp_s, 0.0),
    ]
    print(f"corpus: {args.corpus} ({n} articles, {megabytes:.1f} MB); python {sys.version.split()[0]}")
    print(f"{'':32} {'articles/s':>11} {'MB/s':>7} {'ms/article':>11} {'build s':>8}")
    for name, count, seconds, built in rows:
        mb = megabytes * count / n
        print(f"{name:32} {count / seconds:11.0f} {mb / seconds:7.2f} {1000 * seconds / count:11.3f} {built:8.2f}")
    pipe_per = pipe_s / n
    print(f"\npipeline time / spaCy tokenizer time: {pipe_s / spacy_s:.3f} (goal <= 0.25)")
    print(f"dateparser per article / pipeline per article: {(dp_s / len(sample)) / pipe_per:.1f}x (goal >= 20x)")


if __name__ == "__main__":
    main()
