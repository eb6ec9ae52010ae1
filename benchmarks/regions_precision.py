"""Precision check for regions: every region predicted in ~300 corpus articles outside the gold set, with context.

Run: .venv/bin/python benchmarks/regions_precision.py [--corpus ../shared/corpus/articles.jsonl] [--out FILE]

The articles are those whose numeric id suffix ends in 7 (lampung-17, ciletuh-187, detiksum-7, …),
minus any article `gold/select_articles.py` picks for the gold set. Each line shows the article id,
the offsets, the mention, code, level, alt codes, rule and 45 characters either side; a summary by
(name, code) follows, so a reviewer can mark the wrong ones. Exits quietly when the corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from extract.gold import load_gold
from extract.pipeline import Article, Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
CONTEXT = 45


def precision_articles(corpus: Path) -> list[dict]:
    excluded = set(load_gold())  # the check stays outside the gold set
    chosen = []
    for line in corpus.open(encoding="utf-8"):
        art = json.loads(line)
        if art["id"].rsplit("-", 1)[-1].endswith("7") and art["id"] not in excluded:
            chosen.append(art)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, help="write the listing here instead of stdout")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    articles = precision_articles(args.corpus)
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
    output = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
