"""The gold set: hand-labeled records in `gold/*.json`, and the texts they label.

A gold file names its article by `doc_id` and the sha256 of its text; the text itself
lives in `corpus/<doc_id>.txt` (the seeds) or in the shared corpus (`articles.jsonl`),
never in the gold file.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .models import CountFacts, DateFacts, MoneyFacts, OfficialFacts, PercentageFacts, RegionFacts
from .pipeline import Article
from .sources import InputError, read_inputs

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "gold"
DEFAULT_TEXTS = (REPO / "corpus", REPO.parent / "shared" / "corpus" / "articles.jsonl")
BASELINE_FILE = "baseline.json"  # the accuracy guard's figures, not a gold record


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class GoldError(ValueError):
    pass


class GoldRecord(BaseModel):
    """A hand-labeled article: the record without `rule`, naming the text by id and sha256."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when gold is first read
    doc_id: str
    sha256: str
    published: str | None = None
    regions: list[RegionFacts] = []
    dates: list[DateFacts] = []
    officials: list[OfficialFacts] = []
    counts: list[CountFacts] = []
    percentages: list[PercentageFacts] = []
    money: list[MoneyFacts] = []


def load_gold(gold_dir: Path = DEFAULT_GOLD) -> dict[str, GoldRecord]:
    """Every gold record of the directory, by doc_id."""
    records = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        if path.name == BASELINE_FILE:
            continue
        try:
            record = GoldRecord.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, ValidationError) as err:
            raise GoldError(f"{path}: {err}") from None
        records[record.doc_id] = record
    return records


def gold_articles(gold: dict[str, GoldRecord], sources: Iterable[Path] = DEFAULT_TEXTS) -> Iterator[Article | InputError]:
    """The articles the gold set labels, read the way `extract run` reads them.

    Texts are checked against the gold sha256 (a mismatch raises GoldError); a gold article
    whose text is not found is reported as an InputError (the shared corpus may be absent:
    callers decide what that means).
    """
    found = set()
    existing = [p for p in sources if Path(p).exists()]
    for item in read_inputs(existing):
        if isinstance(item, InputError):
            continue
        record = gold.get(item.doc_id)
        if record is None:
            continue
        found.add(item.doc_id)
        if sha256(item.text) != record.sha256:
            raise GoldError(f"{item.source}: text of {item.doc_id} differs from the labeled one (sha256)")
        yield item
    for doc_id in sorted(set(gold) - found):
        yield InputError("gold", None, "text not found in the corpus", doc_id)
