"""Fixtures shared by several test files."""
import json
from collections.abc import Callable
from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))


@pytest.fixture
def seed_feed(tmp_path: Path) -> Callable[[int], Path]:
    """A maker of JSON Lines inputs: `seed_feed(n)` writes articles a0 … a{n-1}, the seed texts in turn."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]

    def make(count: int) -> Path:
        feed = tmp_path / "feed.jsonl"
        feed.write_text("".join(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}) + "\n" for i in range(count)),
                        encoding="utf-8")
        return feed

    return make
