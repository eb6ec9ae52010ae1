"""The frame both precision checks share: their arguments, the corpus articles outside the gold set,
and where the listing goes.

A check script gives `run` its description, how to pick articles by id and how to list them;
`run` parses `--corpus` and `--out` (plus the script's own options), exits quietly when the corpus
is absent, and writes the listing to `--out` or stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from extract.gold import load_gold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"

Listing = Callable[[list[dict], argparse.Namespace], list[str]]


def articles_outside_gold(corpus: Path, wanted: Callable[[str], bool]) -> list[dict]:
    """The corpus articles whose id `wanted` accepts, minus the gold set (the check stays outside it)."""
    excluded = set(load_gold())
    with corpus.open(encoding="utf-8") as lines:
        articles = (json.loads(line) for line in lines)
        return [art for art in articles if wanted(art["id"]) and art["id"] not in excluded]


def run(description: str, choose: Callable[[Path], list[dict]], listing: Listing,
        options: Callable[[argparse.ArgumentParser], None] | None = None) -> int:
    """Parse the arguments, list the chosen articles, write the listing; 0 (also without a corpus)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, help="write the listing here instead of stdout")
    if options is not None:
        options(parser)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    output = "\n".join(listing(choose(args.corpus), args)) + "\n"
    if args.out:
        args.out.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0
