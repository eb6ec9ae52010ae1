"""Precision check for officials: every official predicted in 200 corpus articles outside the gold set.

Run: .venv/bin/python benchmarks/officials_precision.py [--corpus ../shared/corpus/articles.jsonl]
     [--out FILE] [--rejections] [--speed]

The articles: the lampung and ciletuh parts and the detiksum ids ending in 3, minus any article
`gold/select_articles.py` picks for the gold set, 200 of them spread evenly over that list. Each
official is printed with its article id, rule, name, title, organization, region code and the
text around its span, so a reviewer can mark the wrong ones. `--rejections` adds the candidates
the extractor turned down, with the reason; `--speed` times the officials component alone over the
whole corpus (ms per article, best of five runs). Exits quietly when the corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from precision_check import articles_outside_gold, run

from extract.document import Document
from extract.pipeline import Article, Pipeline

SAMPLE = 200
CONTEXT = 60


def _wanted(doc_id: str) -> bool:
    part = doc_id.rsplit("-", 1)[0]
    return part in ("lampung", "ciletuh") or (part == "detiksum" and doc_id.endswith("3"))


def precision_articles(corpus: Path) -> list[dict]:
    eligible = articles_outside_gold(corpus, _wanted)
    if len(eligible) <= SAMPLE:
        return eligible
    return [eligible[i * len(eligible) // SAMPLE] for i in range(SAMPLE)]


def listing(articles: list[dict], args: argparse.Namespace) -> list[str]:
    pipeline = Pipeline(fields=["officials"])
    lines, total = [], 0
    for art in articles:
        doc = pipeline.annotate(Article(text=art["text"], doc_id=art["id"]))
        flat = doc.text.replace("\n", " ")
        for m in doc.results["officials"]:
            total += 1
            left, right = flat[max(0, m.start - CONTEXT):m.start], flat[m.end:m.end + CONTEXT]
            lines.append(
                f"{art['id']}\t{m.rule}\tname={m.name!r}\ttitle={m.title!r}\torg={m.organization!r}"
                f"\tregion={m.region_code}\n    …{left}[{flat[m.start:m.end]}]{right}…"
            )
        if args.rejections:
            for r in doc.rejections:
                if r.field == "officials":
                    lines.append(f"{art['id']}\tREJECTED\t{r.text!r}\t{r.reason}")
    lines.append(f"# {len(articles)} articles, {total} officials")
    if args.speed:
        lines.append(component_speed(args.corpus))
    return lines


def component_speed(corpus: Path) -> str:
    """ms per article of the officials component alone, the earlier components run beforehand."""
    pipeline = Pipeline(fields=["officials"])
    officials = next(c for c in pipeline.components if c.field == "officials")
    earlier = [c for c in pipeline.components if c is not officials]
    docs = []
    for line in corpus.open(encoding="utf-8"):
        doc = Document(json.loads(line)["text"])
        for component in earlier:
            doc.results[component.field] = component(doc)
        docs.append(doc)
    runs = []
    for _ in range(5):  # the best of five runs: the machine's other load only ever adds time
        start = time.perf_counter()
        for doc in docs:
            officials(doc)
        runs.append(time.perf_counter() - start)
    return f"# officials component: {1000 * min(runs) / len(docs):.3f} ms/article over {len(docs)} articles (best of 5)"


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rejections", action="store_true", help="list the candidates turned down too")
    parser.add_argument("--speed", action="store_true", help="time the component over the whole corpus")


if __name__ == "__main__":
    raise SystemExit(run(__doc__.splitlines()[0], precision_articles, listing, _options))
