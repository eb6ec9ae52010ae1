"""Runs the examples every rules file carries (the examples are the tests).

An example's `expect` lists the mentions the text must yield for the file's field, in text
order; each lists `text` and the attributes to check (attributes left out are not
checked).  `expect: []` means the text must yield nothing for that field.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .models import FIELDS
from .pipeline import Article, Pipeline
from .rules import RULES_DIR, Example, rule_file_names, validated


@dataclass
class ExampleFailure:
    rules_file: str
    index: int
    text: str
    expected: list[dict[str, Any]]
    got: list[dict[str, Any]]

    def describe(self) -> str:
        lines = [f"{self.rules_file}.yaml example {self.index}: {self.text!r}"]
        lines += [f"  - expected {e}" for e in self.expected if e not in _matched(self.expected, self.got)]
        lines += [f"  + got      {g}" for g in self.got if not any(_agrees(e, g) for e in self.expected)]
        return "\n".join(lines)


def _matched(expected: list[dict], got: list[dict]) -> list[dict]:
    return [e for e in expected if any(_agrees(e, g) for g in got)]


def _agrees(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(k in got and _same(v, got[k]) for k, v in expected.items())


def _same(a: Any, b: Any) -> bool:
    numbers = (int, float, Decimal)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


@cache
def _pipeline(field: str) -> Pipeline:
    return Pipeline(fields=[field])


def _field_mentions(field: str) -> Callable[[Example], list[dict[str, Any]]]:
    def run(example: Example) -> list[dict[str, Any]]:
        published = date.fromisoformat(example.published) if example.published else None
        record = _pipeline(field)(Article(text=example.text, published=published))
        return [{k: v for k, v in asdict(m).items() if k not in ("start", "end")} for m in getattr(record, field)]

    return run


def _boilerplate(example: Example) -> list[dict[str, Any]]:
    doc = _pipeline("regions").annotate(Article(text=example.text))
    return [{"text": example.text[s:e]} for s, e in doc.boilerplate]


def _numbers(example: Example) -> list[dict[str, Any]]:
    from .numbers import parse_number

    value = parse_number(example.text)
    return [] if value is None else [{"text": example.text, "value": value}]


RUNNERS: dict[str, Callable[[Example], list[dict[str, Any]]]] = {
    **{f: _field_mentions(f) for f in FIELDS},
    "boilerplate": _boilerplate,
    "numbers": _numbers,
}


def load_examples(name: str, rules_dir: Path | None = None) -> tuple[str, list[Example]]:
    """The field and the examples of `rules/<name>.yaml` (read without the file's own model)."""
    raw = yaml.safe_load(((rules_dir or RULES_DIR) / f"{name}.yaml").read_text(encoding="utf-8"))
    return raw["field"], [validated(Example, e) for e in raw["examples"]]


def check_examples(name: str, rules_dir: Path | None = None) -> list[ExampleFailure]:
    """Run every example of one rules file; return those that fail."""
    field, examples = load_examples(name, rules_dir)
    runner = RUNNERS[field]
    failures = []
    for i, example in enumerate(examples):
        got = runner(example)
        ok = len(got) == len(example.expect) and all(_agrees(e, g) for e, g in zip(example.expect, got))
        if not ok:
            failures.append(ExampleFailure(name, i, example.text, example.expect, got))
    return failures


def all_rule_files(rules_dir: Path | None = None) -> tuple[str, ...]:
    return rule_file_names(rules_dir)
