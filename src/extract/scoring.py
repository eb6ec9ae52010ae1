"""Scoring predictions against gold, as section 5 of the annotation spec defines it.

Per field and article, a prediction matches a gold mention when their spans overlap and
their key agrees (regions: the code or a gold alt code; dates: value; counts and
percentages: value; money: value and currency; officials: the name, case- and
space-insensitive, with no span condition, since officials are matched by name alone).
Each gold mention matches at most one prediction and each prediction at most one gold
mention.  Three views: lenient (overlap + key), strict (exact span + key) and document
(the set of keys per article).  Attribute accuracy is over lenient pairs.  Regions at
kecamatan level are ignored.  Figures are micro-averaged over articles.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .models import FIELDS

VIEWS = ("lenient", "strict", "document")
# Attributes compared on matched pairs, per field.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "regions": (),
    "dates": ("value_end", "grain", "modifier"),
    "officials": ("title", "organization", "region_code"),
    "counts": ("value_max", "unit", "qualifier"),
    "percentages": ("value_max", "qualifier"),
    "money": ("value_max", "per", "qualifier"),
}


def _number(value: Any) -> Any:
    return Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def keys_of(field_name: str, mention: dict[str, Any]) -> frozenset:
    """The keys a mention can be matched by (more than one only for gold alt codes)."""
    if field_name == "regions":
        return frozenset([mention["code"], *(mention.get("alt_codes") or [])])
    if field_name == "officials":
        return frozenset([" ".join(mention["name"].casefold().split())])
    if field_name == "money":
        return frozenset([(_number(mention["value"]), mention.get("currency") or "IDR")])
    return frozenset([_number(mention["value"])])


def _pred_key(field_name: str, mention: dict[str, Any]) -> Any:
    if field_name == "regions":
        return mention["code"]  # a prediction's own alt codes earn nothing
    return next(iter(keys_of(field_name, mention)))


def relevant(field_name: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if field_name == "regions":
        return [m for m in mentions if m.get("level") != "kecamatan"]
    return list(mentions)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match(field_name: str, gold: list[dict], pred: list[dict], strict: bool = False) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): the key agrees and the spans overlap
    (strict: are equal).  Pairs are taken greedily, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        gkeys = keys_of(field_name, g)
        for pi, p in enumerate(pred):
            if _pred_key(field_name, p) not in gkeys:
                continue
            if strict:
                if (g["start"], g["end"]) != (p["start"], p["end"]):
                    continue
                overlap = g["end"] - g["start"]
            elif field_name == "officials":
                overlap = max(_overlap(g, p), 0)
            else:
                overlap = _overlap(g, p)
                if overlap <= 0:
                    continue
            candidates.append((-overlap, abs(g["start"] - p["start"]), gi, pi))
    return one_to_one(candidates)


def one_to_one(candidates: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Pairs (left, right) from candidates (-overlap, start distance, left, right), best
    first, each side used at most once."""
    pairs, used_left, used_right = [], set(), set()
    for _, _, left, right in sorted(candidates):
        if left not in used_left and right not in used_right:
            used_left.add(left)
            used_right.add(right)
            pairs.append((left, right))
    return pairs


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0 if not self.fp else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _document_counts(field_name: str, gold: list[dict], pred: list[dict]) -> Counts:
    gold_keys = {keys_of(field_name, g) for g in gold}
    pred_keys = {_pred_key(field_name, p) for p in pred}
    tp = sum(1 for k in gold_keys if k & pred_keys)
    covered = set().union(*gold_keys) if gold_keys else set()
    return Counts(tp=tp, fn=len(gold_keys) - tp, fp=len(pred_keys - covered))


def title_token_f1(gold_title: str | None, pred_title: str | None) -> float:
    g = (gold_title or "").casefold().replace(",", " ").split()
    p = (pred_title or "").casefold().replace(",", " ").split()
    if not g and not p:
        return 1.0
    common = sum(min(g.count(t), p.count(t)) for t in set(g))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


@dataclass
class ErrorItem:
    doc_id: str
    field: str
    kind: str  # "fp" or "fn"
    mention: dict[str, Any]


@dataclass
class FieldScore:
    views: dict[str, Counts] = field(default_factory=lambda: {v: Counts() for v in VIEWS})
    attribute_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    pairs: int = 0
    title_f1_sum: float = 0.0

    def attribute_accuracy(self) -> dict[str, float]:
        acc = {a: round(n / self.pairs, 4) for a, n in self.attribute_hits.items()} if self.pairs else {}
        if "title" in self.attribute_hits:
            acc["title_token_f1"] = round(self.title_f1_sum / self.pairs, 4)
        return acc


@dataclass
class Report:
    fields: dict[str, FieldScore]
    per_article: dict[str, dict[str, Counts]]
    errors: list[ErrorItem]
    missing_predictions: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": {
                f: {**{v: s.views[v].as_dict() for v in VIEWS}, "pairs": s.pairs, "attributes": s.attribute_accuracy()}
                for f, s in self.fields.items()
            },
            "articles": {d: {f: c.as_dict() for f, c in per.items()} for d, per in self.per_article.items()},
            "missing_predictions": self.missing_predictions,
        }


def _value(v: Any) -> Any:
    return _number(v) if v is not None else None


def score(gold: dict[str, dict[str, Any]], predictions: dict[str, dict[str, Any]], fields: tuple[str, ...] = FIELDS) -> Report:
    """Score predicted records against gold records (both as dicts keyed by doc_id).

    A gold article without a prediction counts as an empty prediction (all misses) and
    is listed in `missing_predictions`; predictions for articles not in gold are ignored.
    """
    scores = {f: FieldScore() for f in fields}
    per_article: dict[str, dict[str, Counts]] = {}
    errors: list[ErrorItem] = []
    missing = sorted(d for d in gold if d not in predictions)
    for doc_id, g_record in sorted(gold.items()):
        p_record = predictions.get(doc_id, {})
        per_article[doc_id] = {}
        for f in fields:
            g = relevant(f, g_record.get(f) or [])
            p = relevant(f, p_record.get(f) or [])
            s = scores[f]
            pairs = match(f, g, p)
            lenient = Counts(tp=len(pairs), fp=len(p) - len(pairs), fn=len(g) - len(pairs))
            strict_pairs = match(f, g, p, strict=True)
            s.views["lenient"].add(lenient)
            s.views["strict"].add(Counts(tp=len(strict_pairs), fp=len(p) - len(strict_pairs), fn=len(g) - len(strict_pairs)))
            s.views["document"].add(_document_counts(f, g, p))
            per_article[doc_id][f] = lenient
            for gi, pi in pairs:
                s.pairs += 1
                for attr in ATTRIBUTES[f]:
                    s.attribute_hits[attr] += _value(g[gi].get(attr)) == _value(p[pi].get(attr))
                if f == "officials":
                    s.title_f1_sum += title_token_f1(g[gi].get("title"), p[pi].get("title"))
            matched_g = {gi for gi, _ in pairs}
            matched_p = {pi for _, pi in pairs}
            errors += [ErrorItem(doc_id, f, "fn", m) for i, m in enumerate(g) if i not in matched_g]
            errors += [ErrorItem(doc_id, f, "fp", m) for i, m in enumerate(p) if i not in matched_p]
    return Report(scores, per_article, errors, missing)
