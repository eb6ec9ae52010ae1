"""Accuracy guard: lenient F1 per field on the gold set may not drop more than 0.02 below
`gold/baseline.json` (the seeds always; the whole set where the shared corpus exists)."""
import json
from pathlib import Path

import pytest

from extract.evaluate import evaluate
from extract.gold import DEFAULT_TEXTS, load_gold

REPO = Path(__file__).resolve().parents[1]
BASELINE = json.loads((REPO / "gold" / "baseline.json").read_text(encoding="utf-8"))
TOLERANCE = 0.02
SHARED = DEFAULT_TEXTS[1]


def lenient_f1(sources) -> dict[str, float]:
    report, _ = evaluate(REPO / "gold", sources=sources)
    return {f: s.views["lenient"].f1 for f, s in report.fields.items()}, len(report.per_article)


def test_gold_files_validate_and_name_their_texts():
    gold = load_gold(REPO / "gold")
    assert len(gold) >= 60
    seeds = {p.stem for p in (REPO / "corpus").glob("*.txt")}
    assert seeds <= set(gold)


@pytest.mark.parametrize("scope", ["seeds", "full"])
def test_lenient_f1_does_not_drop_below_baseline(scope):
    if scope == "full" and not SHARED.exists():
        pytest.skip("shared corpus absent")
    sources = DEFAULT_TEXTS[:1] if scope == "seeds" else DEFAULT_TEXTS
    f1, articles = lenient_f1(sources)
    assert articles == BASELINE[scope]["articles"]
    drops = {f: (round(v, 4), BASELINE[scope]["f1"][f]) for f, v in f1.items() if v < BASELINE[scope]["f1"][f] - TOLERANCE}
    assert not drops, f"lenient F1 fell below the baseline (now, baseline): {drops}"


def test_score_can_be_limited_to_the_fields_a_set_labels(tmp_path):
    from click.testing import CliRunner

    from extract.cli import app

    seed = REPO / "gold" / "000_4cefced91bb0d7f7.json"
    (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", "--gold", str(tmp_path), "--field", "officials", "--field", "money"])
    assert result.exit_code == 0, result.output
    rows = [line.split("|")[1].strip() for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows == ["field", "officials", "money"]
