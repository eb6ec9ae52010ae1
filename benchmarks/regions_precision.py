"""Precision check for regions: every region predicted in ~300 corpus articles outside the gold set, with context.

Run: .venv/bin/python benchmarks/regions_precision.py [--corpus ../shared/corpus/articles.jsonl] [--out FILE]

The articles are those whose numeric id suffix ends in 7 (lampung-17, ciletuh-187, detiksum-7, …),
minus any article `gold/select_articles.py` picks for the gold set. Each line shows the article id,
the offsets, the mention, code, level, alt codes, rule and 45 characters either side; a summary by
(name, code) follows, so a reviewer can mark the wrong ones. Exits quietly when the corpus is absent.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from precision_check import articles_outside_gold, run

from extract.pipeline import Article, Pipeline

CONTEXT = 45


def precision_articles(corpus: Path) -> list[dict]:
    return articles_outside_gold(corpus, lambda doc_id: doc_id.rsplit("-", 1)[-1].endswith("7"))


def listing(articles: list[dict], args: argparse.Namespace) -> list[str]:
    pipeline = Pipeline(fields=["regions"])
    lines: list[str] = []
    by_name: Counter[tuple[str, str, str]] = Counter()
    for art in articles:
        doc = pipeline.annotate(Article(text=art["text"], doc_id=art["id"]))
        text = doc.text.replace("\n", " ")
        for m in sorted(doc.results["regions"], key=lambda m: m.start):
            left, right = text[max(0, m.start - CONTEXT) : m.start], text[m.end : m.end + CONTEXT]
            alt = f" alt={','.join(m.alt_codes)}" if m.alt_codes else ""
            lines.append(
                f"{art['id']}\t{m.start}\t{m.text}\t{m.code}\t{m.level}{alt}\t{m.rule}\t…{left}[{m.text}]{right}…"
            )
            by_name[(m.text, m.code, m.level)] += 1
    lines.append("")
    lines.append(f"# {len(articles)} articles, {sum(by_name.values())} mentions, {len(by_name)} distinct (text, code)")
    lines += [f"{n}\t{t}\t{c}\t{lvl}" for (t, c, lvl), n in by_name.most_common()]
    return lines


if __name__ == "__main__":
    raise SystemExit(run(__doc__.splitlines()[0], precision_articles, listing))
