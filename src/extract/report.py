"""Human-readable renderings of a score report: tables, per-article figures, error listings."""
from __future__ import annotations

from .scoring import VIEWS, Report


def score_table(report: Report, view: str = "lenient") -> str:
    """A Markdown table: per field precision, recall and F1 in one view."""
    rows = ["| field | P | R | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, s in report.fields.items():
        c = s.views[view]
        rows.append(f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.tp} | {c.fp} | {c.fn} |")
    return "\n".join(rows)


def full_report(report: Report, texts: dict[str, str] | None = None, with_errors: bool = False) -> str:
    """The Markdown report: every view, attribute accuracy, per-article F1, and errors."""
    parts = ["# Scores", ""]
    for view in VIEWS:
        parts += [f"## {view}", "", score_table(report, view), ""]
    parts += ["## attribute accuracy on lenient matches", "", "| field | pairs | attributes |", "|---|---:|---|"]
    for name, s in report.fields.items():
        attrs = ", ".join(f"{a} {v:.3f}" for a, v in s.attribute_accuracy().items()) or "-"
        parts.append(f"| {name} | {s.pairs} | {attrs} |")
    parts += ["", "## per article (lenient F1)", "", "| article | " + " | ".join(report.fields) + " |",
              "|---|" + "---:|" * len(report.fields)]
    for doc_id, per in report.per_article.items():
        parts.append(f"| {doc_id} | " + " | ".join(f"{c.f1:.2f}" for c in per.values()) + " |")
    if report.missing_predictions:
        parts += ["", f"Gold articles without a prediction: {', '.join(report.missing_predictions)}"]
    if with_errors:
        parts += ["", error_listing(report, texts or {})]
    return "\n".join(parts) + "\n"


def context_line(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def _describe(field: str, mention: dict) -> str:
    keys = {"regions": "code", "dates": "value", "officials": "name"}.get(field, "value")
    extra = {k: mention.get(k) for k in ("value_max", "value_end", "qualifier", "per", "unit", "grain", "modifier", "title") if mention.get(k) is not None}
    return f"{mention.get(keys)!r}" + (f" {extra}" if extra else "")


def error_listing(report: Report, texts: dict[str, str]) -> str:
    """Every false positive and negative, grouped by field, with offsets and context."""
    parts = ["# Errors"]
    for field in report.fields:
        items = [e for e in report.errors if e.field == field]
        parts += ["", f"## {field} ({sum(e.kind == 'fp' for e in items)} FP, {sum(e.kind == 'fn' for e in items)} FN)", ""]
        for e in items:
            m = e.mention
            ctx = context_line(texts[e.doc_id], m["start"], m["end"]) if e.doc_id in texts else repr(m.get("text"))
            parts.append(f"- {e.kind.upper()} {e.doc_id} {m['start']}-{m['end']} {_describe(field, m)}: {ctx}")
    return "\n".join(parts)
