"""Which model validates which rules file, and `extract rules check`.

A rules file's model is the one its component loads it with: every
`load_rule_file("<name>", <Model>)` call in the package (the name a string or a
module-level string constant) is found by reading the modules' source (nothing is run),
so a new rules file and its model need no registration here.
A file several components load (dates.yaml: dates and the publication date) is checked
with each of their models.  `EXPLICIT` lists loads the source does not spell out (a file
name or model held in a variable).
"""
from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import rules
from .examples import ExampleFailure, all_rule_files, check_examples
from .rules import RuleFile, RuleFileError, load_rule_file

PACKAGE_DIR = Path(__file__).resolve().parent
# "<rules file name>": ["<module>:<Model>", ...] for loads not written as literals.
EXPLICIT: dict[str, list[str]] = {}


def _literal_loads(source: str) -> list[tuple[str, str]]:
    """(file name, model name) of every `load_rule_file(NAME, Model, ...)` call, NAME a
    string or a module-level string constant."""
    tree = ast.parse(source)
    constants = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }
    loads = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        name, model = node.args[:2]
        if isinstance(name, ast.Name):
            name = ast.Constant(constants.get(name.id))
        if func == "load_rule_file" and isinstance(name, ast.Constant) and isinstance(name.value, str) and isinstance(model, ast.Name):
            loads.append((name.value, model.id))
    return loads


def _resolve(path: str) -> type[RuleFile]:
    module, cls = path.split(":")
    return getattr(importlib.import_module(module), cls)


@cache
def rule_models() -> dict[str, tuple[type[RuleFile], ...]]:
    """Rules file name -> the models it is loaded with."""
    found: dict[str, list[str]] = {name: list(paths) for name, paths in EXPLICIT.items()}
    for module in sorted(PACKAGE_DIR.glob("*.py")):
        for name, model in _literal_loads(module.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(f"{__package__}.{module.stem}:{model}")
    return {name: tuple(dict.fromkeys(_resolve(p) for p in paths)) for name, paths in found.items()}


@dataclass
class FileCheck:
    """The outcome of checking one rules file."""

    name: str
    path: Path
    examples: int = 0
    error: str | None = None
    failures: list[ExampleFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failures


def check_file(name: str, rules_dir: Path) -> FileCheck:
    """Validate one rules file with each of its models, then run its examples.

    The examples run through the pipeline, whose components load their rules from
    `rules.RULES_DIR` (set by EXTRACT_RULES_DIR); `rules_dir` is where the file and its
    examples are read.
    """
    result = FileCheck(name, rules_dir / f"{name}.yaml")
    models = rule_models().get(name)
    if not result.path.is_file():
        result.error = f"{result.path}: file not found"
    elif not models:
        result.error = (f"{result.path}: no component loads this file (no load_rule_file({name!r}, Model) "
                        f"in src/extract/; add one, or list the model in rulefiles.EXPLICIT)")
    if result.error:
        return result
    try:
        result.examples = max(len(load_rule_file(name, model, rules_dir).examples) for model in models)
    except RuleFileError as err:
        result.error = str(err)
        return result
    try:
        result.failures = check_examples(name, rules_dir)
    except Exception as err:  # a component that cannot run its examples is a failure, not a crash
        result.error = f"{result.path}: examples could not run: {type(err).__name__}: {err}"
    return result


def check_rules(rules_dir: Path | None = None, names: list[str] | None = None) -> list[FileCheck]:
    """Check the rules files `names` (default: all) of `rules_dir` (default: the
    pipeline's rules directory)."""
    rules_dir = rules_dir or rules.RULES_DIR
    return [check_file(name, rules_dir) for name in names or all_rule_files(rules_dir)]


def check_report(checks: list[FileCheck]) -> str:
    """One line per file, each failure with its diff, and a closing summary."""
    lines = []
    for c in checks:
        if c.ok:
            lines.append(f"ok    {c.path.name} ({c.examples} examples)")
            continue
        lines.append(f"FAIL  {c.path.name}")
        if c.error:
            lines.append(f"  {c.error}")
        lines += ["  " + line for f in c.failures for line in f.describe().splitlines()]
    failed = [c for c in checks if not c.ok]
    examples = sum(c.examples for c in checks)
    failures = sum(len(c.failures) for c in checks)
    lines.append(f"{len(checks)} rules files, {examples} examples: "
                 f"{len(failed)} files failing, {failures} examples failing")
    return "\n".join(lines)
