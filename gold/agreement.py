"""Agreement between two independent labeling passes, and their disagreements.

    python gold/agreement.py gold/passes/A gold/passes/B [--list]

Scores pass B against pass A with the project's scorer (lenient view; F1 is symmetric
in the two passes) and prints per-field F1.  With --list, prints every disagreement with
context, for settling by reading the text against the spec.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from extract.gold import gold_articles, load_gold
from extract.pipeline import Article
from extract.report import context_line
from extract.scoring import score


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pass_a", type=Path)
    parser.add_argument("pass_b", type=Path)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    a, b = load_gold(args.pass_a), load_gold(args.pass_b)
    common = sorted(set(a) & set(b))
    texts = {i.doc_id: i.text for i in gold_articles({d: a[d] for d in common}) if isinstance(i, Article)}
    report = score({d: a[d].model_dump() for d in common}, {d: b[d].model_dump() for d in common})
    print(f"{len(common)} articles labeled by both passes\n")
    print("| field | A mentions | B mentions | agreed | F1 lenient | F1 strict | attribute agreement on agreed pairs |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, s in report.fields.items():
        c = s.views["lenient"]
        attrs = ", ".join(f"{a} {v:.3f}" for a, v in s.attribute_accuracy().items()) or "-"
        print(f"| {name} | {c.tp + c.fn} | {c.tp + c.fp} | {c.tp} | {c.f1:.3f} | {s.views['strict'].f1:.3f} | {attrs} |")
    if args.list:
        for e in sorted(report.errors, key=lambda e: (e.doc_id, e.field, e.mention["start"])):
            m = e.mention
            who = "only A" if e.kind == "fn" else "only B"
            extra = {k: v for k, v in m.items() if k not in ("text", "start", "end")}
            ctx = context_line(texts[e.doc_id], m["start"], m["end"], 50) if e.doc_id in texts else ""
            print(f"{e.doc_id}\t{e.field}\t{who}\t{m['start']}-{m['end']}\t{extra}\t{ctx}")


if __name__ == "__main__":
    main()
