"""`extract diff A.jsonl B.jsonl`: what changed between two runs, per field.

Mentions are paired per article and field by span overlap, largest overlap first
(officials also by name, since an official's span may move to a fuller mention).  A
paired mention whose span or meaning differs is *changed*; unpaired mentions of A are
*removed*, of B *added*.  The `rule` id is not compared: renaming a rule changes nothing
a data team sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from .explain import meaning
from .models import FIELDS
from .scoring import keys_of, one_to_one

KINDS = ("added", "removed", "changed", "unchanged")
_IGNORED = ("rule", "start", "end")
_LISTED = 10  # article ids named in the "only in" lines


@dataclass
class Change:
    doc_id: str
    field: str
    kind: str  # added, removed or changed
    a: dict[str, Any] | None
    b: dict[str, Any] | None

    def differences(self) -> dict[str, tuple[Any, Any]]:
        """Attribute -> (A's value, B's value), for changed mentions."""
        if self.a is None or self.b is None:
            return {}
        names = [k for k in {**self.a, **self.b} if k not in _IGNORED]
        return {k: (self.a.get(k), self.b.get(k)) for k in names if self.a.get(k) != self.b.get(k)}

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "field": self.field, "kind": self.kind, "a": self.a, "b": self.b,
                "differences": {k: list(v) for k, v in self.differences().items()}}


@dataclass
class RunDiff:
    summary: dict[str, dict[str, int]]
    changes: list[Change] = field(default_factory=list)
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "only_in_a": self.only_in_a, "only_in_b": self.only_in_b,
                "changes": [c.as_dict() for c in self.changes]}


def _pairs(field_name: str, a: list[dict], b: list[dict]) -> list[tuple[int, int]]:
    candidates = []
    for ai, x in enumerate(a):
        for bi, y in enumerate(b):
            overlap = min(x["end"], y["end"]) - max(x["start"], y["start"])
            same_person = field_name == "officials" and keys_of(field_name, x) == keys_of(field_name, y)
            if overlap > 0 or same_person:
                candidates.append((-max(overlap, 0), abs(x["start"] - y["start"]), ai, bi))
    return one_to_one(candidates)


def diff_records(a: dict[str, dict], b: dict[str, dict], fields: tuple[str, ...] = FIELDS) -> RunDiff:
    """Compare two runs given as records keyed by doc_id; an article in one run only
    counts all its mentions as removed (or added)."""
    result = RunDiff(summary={f: dict.fromkeys(KINDS, 0) for f in fields})
    result.only_in_a = sorted(set(a) - set(b))
    result.only_in_b = sorted(set(b) - set(a))
    for doc_id in sorted(set(a) | set(b)):
        for f in fields:
            old, new = (a.get(doc_id) or {}).get(f) or [], (b.get(doc_id) or {}).get(f) or []
            pairs = _pairs(f, old, new)
            for ai, bi in sorted(pairs):
                change = Change(doc_id, f, "changed", old[ai], new[bi])
                if change.differences():
                    result.changes.append(change)
                else:
                    result.summary[f]["unchanged"] += 1
            paired_a, paired_b = {ai for ai, _ in pairs}, {bi for _, bi in pairs}
            result.changes += [Change(doc_id, f, "removed", m, None) for i, m in enumerate(old) if i not in paired_a]
            result.changes += [Change(doc_id, f, "added", None, m) for i, m in enumerate(new) if i not in paired_b]
    result.changes.sort(key=lambda c: (c.doc_id, FIELDS.index(c.field), (c.a or c.b)["start"]))
    for c in result.changes:
        result.summary[c.field][c.kind] += 1
    return result


def describe(change: Change) -> str:
    """One line: `+`/`-`/`~`, article, span, text and what it means (or what changed)."""
    if change.kind == "changed":
        a, b = change.a, change.b
        where = f"{change.doc_id} {a['start']}-{a['end']}"
        if (a["start"], a["end"]) != (b["start"], b["end"]):
            where += f" -> {b['start']}-{b['end']}"
        differences = change.differences()
        if "text" not in differences:
            where += f" {a['text']!r}"
        return f"~ {where}: " + "; ".join(f"{k}: {old!r} -> {new!r}" for k, (old, new) in differences.items())
    m = change.b if change.kind == "added" else change.a
    sign = "+" if change.kind == "added" else "-"
    return f"{sign} {change.doc_id} {m['start']}-{m['end']} {m['text']!r} {meaning(m)} [{m.get('rule')}]"


def print_diff(result: RunDiff, console: Console) -> None:
    """The summary table, then every change grouped by field."""
    table = Table(title="Mentions, B against A")
    table.add_column("field")
    for kind in KINDS:
        table.add_column(kind, justify="right")
    for f, counts in result.summary.items():
        table.add_row(f, *(str(counts[k]) for k in KINDS))
    console.print(table)
    for label, ids in (("only in A", result.only_in_a), ("only in B", result.only_in_b)):
        if ids:
            more = f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else ""
            console.print(f"{label}: {len(ids)} articles: {', '.join(ids[:_LISTED])}{more}", soft_wrap=True, highlight=False)
    for f in result.summary:
        lines = [describe(c) for c in result.changes if c.field == f]
        if lines:
            console.print(f"\n{f}", style="bold", highlight=False)
            for line in lines:
                console.print(line, soft_wrap=True, highlight=False, markup=False)
