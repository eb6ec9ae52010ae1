"""Agreement of our money values with `lokal.parse_rupiah` on every "Rp…" amount of the corpus.

For each rupiah mention our MoneyExtractor finds in ../shared/corpus/articles.jsonl, lokal
parses the mention's amount text (without the per phrase); where lokal gives an amount and it
differs from ours, the pair is counted under a kind.  Prints the counts per kind with a few
examples.  Skips (exit 0) when the corpus is absent.

    python benchmarks/rupiah_agreement.py [--examples N]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import regex
from lokal import parse_rupiah

from extract.boilerplate import BoilerplateMarker
from extract.document import Document
from extract.money import MoneyExtractor

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"

_RP = regex.compile(r"^(?:Rp|IDR)", regex.I)
_KINDS = [
    # (kind, test on the amount text): the first that applies names the disagreement.
    ("split decimal ', d' (tokenized text)", regex.compile(r"\d, \d")),
    ("english-looking ',ddd'", regex.compile(r"\d,\d{3}(?!\d)")),
    ("lone '.' before 1-2 or 4+ digits", regex.compile(r"\d\.(?:\d{1,2}|\d{4,})(?!\d)")),
    ("decimal comma with scale word", regex.compile(r"\d,\d+\s*(?:ribu|rb|juta|jt|miliar|milyar|triliun|M|T)\b", regex.I)),
    ("compound scales", regex.compile(r"(?:juta|ribu|miliar)\s+\d", regex.I)),
    ("number words", regex.compile(r"\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|se(?:puluh|ratus|ribu|juta))\b", regex.I)),
]


def kind_of(amount: str, is_range: bool) -> str:
    if is_range:
        return "range (ours: low end + value_max)"
    for kind, pattern in _KINDS:
        if pattern.search(amount):
            return kind
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=4, help="examples printed per kind")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    boilerplate, money = BoilerplateMarker(), MoneyExtractor()
    compared = unparsed = 0
    disagreements: dict[str, list[tuple[str, str, Decimal, Decimal]]] = defaultdict(list)
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            doc = Document(article["text"])
            boilerplate(doc)
            for mention in money(doc):
                if mention.currency != "IDR" or not _RP.match(mention.text):
                    continue
                amount = mention.text
                if mention.per:  # lokal reads amounts, not "per bulan"
                    amount = regex.sub(r"\s*(?:/|per|setiap|tiap)\s*\S+.*$", "", amount, flags=regex.I)
                parsed = parse_rupiah(amount)
                if parsed is None:
                    unparsed += 1
                    continue
                compared += 1
                ours, theirs = Decimal(str(mention.value)), Decimal(str(parsed.amount))
                if ours != theirs:
                    disagreements[kind_of(amount, mention.value_max is not None)].append((article["id"], amount, ours, theirs))
    total = sum(len(v) for v in disagreements.values())
    print(f"rupiah mentions compared: {compared} (lokal gave no amount for {unparsed} more)")
    print(f"disagreements: {total}")
    for kind, rows in sorted(disagreements.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{len(rows):5d}  {kind}")
        for doc_id, amount, ours, theirs in rows[: args.examples]:
            print(f"       {amount!r:40} ours {ours:>22}  lokal {theirs:>22}  ({doc_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
