"""Scoring in one step: load gold, get predictions (from a file or by running the pipeline)."""
from __future__ import annotations

import json
from pathlib import Path

from .gold import DEFAULT_TEXTS, gold_articles, load_gold
from .models import FIELDS
from .pipelinecache import load_pipeline
from .scoring import Report, score
from .sources import InputError


def load_predictions(path: Path) -> dict[str, dict]:
    predictions = {}
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                predictions[record["doc_id"]] = record
    return predictions


def evaluate(gold_dir: Path, pred_path: Path | None = None, sources=DEFAULT_TEXTS,
             fields: tuple[str, ...] = FIELDS) -> tuple[Report, dict[str, str]]:
    """Score `pred_path` (or a fresh pipeline run) on `fields` of the gold articles whose texts are at hand.

    Gold articles whose text is absent (the shared corpus is optional) are left out of
    the figures; returns the report and the texts (for error context).
    """
    gold = load_gold(gold_dir)
    texts, articles = {}, []
    for item in gold_articles(gold, sources):
        if isinstance(item, InputError):
            continue
        texts[item.doc_id] = item.text
        articles.append(item)
    if pred_path is None:
        pipeline = load_pipeline(fields=fields)
        predictions = {a.doc_id: pipeline(a).to_dict() for a in articles}
    else:
        predictions = load_predictions(pred_path)
    scored = {d: g.model_dump() for d, g in gold.items() if d in texts}
    return score(scored, predictions, fields), texts
