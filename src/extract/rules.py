"""Rules as data: load and validate the YAML files in `rules/`.

Every rules file is one YAML mapping validated by its model (a subclass of `RuleFile`)
owned by the module that applies it.  The models are dataclasses, which pydantic validates
when a file is loaded: the built pipeline holds them, and a run that loads it from the
start-up cache imports no pydantic (some 40 ms of a start).  Every file carries `examples`:
texts with the exact mentions expected, run by `tests/test_rule_examples.py` and
`extract rules check`.  A broken file raises `RuleFileError` naming the file, the line and
the problem.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from .models import FORBID_EXTRA, Check

if TYPE_CHECKING:
    from pydantic import TypeAdapter

RULES_DIR = Path(os.environ.get("EXTRACT_RULES_DIR", Path(__file__).resolve().parents[2] / "rules"))


class RuleFileError(ValueError):
    """A rules file that cannot be used, with the place and the problem."""

    def __init__(self, path: Path, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        super().__init__(f"{path}{f':{line}' if line else ''}: {problem}")


class RuleModel:
    """Base of the rules files' models: each subclass is made a dataclass (keyword arguments;
    a list default is written `field(default_factory=list)`), which pydantic validates with
    no key it does not name.  A field whose name ends in "_" (a Python keyword: `and_`) is
    written without it in the file; a check of the whole model goes in `__post_init__`."""

    __pydantic_config__ = {**FORBID_EXTRA, "alias_generator": lambda name: name.removesuffix("_")}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclass(kw_only=True)(cls)


T = TypeVar("T")
NonEmpty = Annotated[list[T], Check(min_length=1)]  # a list of at least one T
Positive = Annotated[int, Check(gt=0)]


class Example(RuleModel):
    """A text and the mentions of the file's field it must yield (an empty list: none).

    Each expected mention lists `text` and the attributes to check; attributes left out
    are not checked.
    """

    text: str
    published: str | None = None
    expect: list[dict[str, Any]]


class Entry(RuleModel):
    """A lexicon entry: an id (reported as a mention's `rule`) and the words it matches."""

    id: str
    words: NonEmpty[str]


class RuleFile(RuleModel):
    """Fields every rules file has."""

    field: str
    description: str
    examples: NonEmpty[Example]


class _LinedDict(dict):
    line: int = 0


class _LinedList(list):
    line: int = 0


@cache
def _line_loader() -> type:
    """A YAML loader that remembers the line of every mapping and list (libyaml's C parser
    where PyYAML has it: it loads the rules a third faster, with the same line numbers).

    Built on first use, as `yaml` is imported: a run that loads the built pipeline from the
    start-up cache reads no rules file and saves the import (about 15 ms)."""
    import yaml

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _LinedDict:
        value = _LinedDict(loader.construct_mapping(node, deep=True))
        value.line = node.start_mark.line + 1
        return value

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> _LinedList:
        value = _LinedList(loader.construct_sequence(node, deep=True))
        value.line = node.start_mark.line + 1
        return value

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    # Dates stay strings ("2024-03-14"), as in the record.
    LineLoader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return LineLoader


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest mapping or list on the path `loc` into `data`."""
    line = getattr(data, "line", None)
    node = data
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


def _plain(value: Any) -> Any:
    """Line-carrying containers back to plain dicts and lists (for pydantic's `dict` fields)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


M = TypeVar("M", bound=RuleModel)


@cache
def _adapter(model: type[M]) -> TypeAdapter[M]:
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def validated(model: type[M], data: Any) -> M:
    """`data` (plain dicts and lists) as a `model`, validated (or a `pydantic.ValidationError`)."""
    return _adapter(model).validate_python(data)


def load_rule_file(name: str, model: type[M], rules_dir: Path | None = None) -> M:
    """Load `rules/<name>.yaml` and validate it with `model`."""
    import yaml
    from pydantic import ValidationError

    path = (rules_dir or RULES_DIR) / f"{name}.yaml"
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_line_loader())
    except FileNotFoundError:
        raise RuleFileError(path, None, "file not found") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise RuleFileError(path, mark.line + 1 if mark else None, f"not valid YAML: {err}") from None
    if not isinstance(raw, dict):
        raise RuleFileError(path, 1, "the file must be a YAML mapping")
    try:
        parsed = validated(model, _plain(raw))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        # (A dataclass says "Unexpected keyword argument" of a key it does not name.)
        problem = "unknown key" if first["type"] == "unexpected_keyword_argument" else first["msg"]
        raise RuleFileError(path, _line_of(raw, first["loc"]), f"{where}: {problem}") from None
    _check_unique_ids(path, raw)
    return parsed


def _check_unique_ids(path: Path, raw: Any) -> None:
    seen: dict[str, int | None] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                if node["id"] in seen:
                    raise RuleFileError(path, getattr(node, "line", None), f"duplicate id {node['id']!r}")
                seen[node["id"]] = getattr(node, "line", None)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(raw)


@cache
def rule_file_names(rules_dir: Path | None = None) -> tuple[str, ...]:
    """The names of all rules files (without `.yaml`)."""
    return tuple(sorted(p.stem for p in (rules_dir or RULES_DIR).glob("*.yaml")))
