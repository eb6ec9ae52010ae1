"""The built pipeline, kept on disk between runs, so that `extract` starts fast.

Building the pipeline reads the rules files and the gazetteer and compiles some 270 regular
expressions, about 0.3 s; the patterns built on first use cost about as much again over the
first articles.  The first start builds all of it and saves it as a pickle in the cache
directory (`cachefiles.cache_dir`); later starts load it, in about a quarter of the time.  The
file's name holds a hash of everything the build reads or pickles: this package's source, the
rules files, the version of Python and the installed files of the libraries whose objects it
holds; an edited rule or an upgrade therefore builds anew, and the file it replaces is removed.
`load_built` does the same for other objects built from the rules at every start (the reader of
publication dates in input metadata).

Stdlib `re` patterns pickle as their source and are compiled again, in Python, when loaded:
most of the time a build takes.  Here they are saved as their compiled code instead and given
back to the engine's own constructor, `_sre.compile`, as `re.compile` does itself.  That code
is private to the interpreter: the hash includes the exact Python version, and a pattern whose
code does not compile back to an equal pattern (`==` compares the code) is saved as its source.
`regex` patterns pickle their compiled code themselves.

Loading a pickle runs what it names: the cache directory must be writable by you only, as
~/.cache is.
"""
from __future__ import annotations

import _sre
import hashlib
import importlib.util
import io
import os
import pickle
import re
import sys
import warnings
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from .cachefiles import cache_dir, write_cache
from .memo import BuiltOnFirstUse, collector_paused
from .models import FIELDS
from .pipeline import DEFAULT_TIME_BUDGET, Pipeline
from .rules import RULES_DIR

T = TypeVar("T")


def load_pipeline(fields: Iterable[str] = FIELDS, time_budget: float | None = DEFAULT_TIME_BUDGET) -> Pipeline:
    """The pipeline for `fields`, loaded from the cache, or built (and then saved) where it has none."""
    fields = sorted(set(fields))
    pipeline = load_built(f"pipeline-{'+'.join(fields)}", lambda: Pipeline(fields, time_budget=None), Pipeline)
    pipeline.time_budget = time_budget
    return pipeline


def load_built(name: str, build: Callable[[], T], kind: type[T]) -> T:
    """What `build()` returns, loaded from the cache file `name`, or built (and then saved) where
    the cache holds none for this code, these rules and these libraries."""
    path = cache_dir() / f"{name}-{_build_hash()}.pickle"
    with collector_paused():
        try:
            built = pickle.loads(path.read_bytes())
        except Exception:  # no file yet, or one that does not load (truncated, ...): built anew
            built = None
        if not isinstance(built, kind):
            built = build()
            _save(built, path)
    return built


# The libraries whose objects a build holds (or that built them: pydantic the record's serializer).
BUILD_LIBRARIES = ("regex", "ahocorasick", "pydantic", "pydantic_core", "lokal")


@cache
def _library_versions() -> bytes:
    """Python's version, and where each library of `BUILD_LIBRARIES` is installed, its size and
    time: an upgrade rewrites the file.  Found without importing the libraries or reading their
    metadata (`importlib.metadata` alone is some 20 ms of a start)."""
    versions = [sys.version, _sre.MAGIC]
    for name in BUILD_LIBRARIES:
        origin = importlib.util.find_spec(name).origin
        stat = os.stat(origin)
        versions.append(f"{origin} {stat.st_size} {stat.st_mtime_ns}")
    return b"\0".join(str(v).encode() for v in versions)


def _build_hash() -> str:
    """A hash of what a build depends on: the libraries, this package's source and the rules."""
    digest = hashlib.sha256(_library_versions())
    for path in (*sorted(Path(__file__).parent.glob("*.py")), *sorted(RULES_DIR.glob("*.yaml"))):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def _save(built: object, path: Path) -> None:
    """Pickle `built` to `path`, and remove the files of other builds of the same name.

    What cannot be saved still runs: the failure is a warning (tests check that the default
    pipeline saves)."""
    name = path.name.rsplit("-", 1)[0]
    buffer = io.BytesIO()
    try:
        _CachePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(built)
    except Exception as exc:  # pickling raises several kinds (PicklingError, TypeError, ...)
        warnings.warn(f"{name} was not saved to the start-up cache: {type(exc).__name__}: {exc}", stacklevel=4)
        return
    write_cache(path, buffer.getvalue())
    for other in path.parent.glob(f"{name}-*.pickle"):
        if other != path and other.name.rsplit("-", 1)[0] == name:
            try:
                other.unlink(missing_ok=True)
            except OSError:  # another process's, or not ours to remove: left
                pass


class _CachePickler(pickle.Pickler):
    """Pickles `re` patterns as their compiled code, and what is built on first use as built.

    (The objects the cache holds by the thousand, gazetteer units and region names, are named
    tuples, which pickle rebuilds in C; a slotted dataclass would be rebuilt in Python.)"""

    def reducer_override(self, obj):
        kind = type(obj)
        if kind is re.Pattern:
            return _as_compiled_code(obj) or NotImplemented
        if kind is BuiltOnFirstUse:
            return _as_is, (obj.built(),)
        return NotImplemented


def _as_is(value: object) -> object:
    return value


def _as_compiled_code(pattern: re.Pattern) -> tuple | None:
    """`_sre.compile` and the arguments `re.compile` gives it for `pattern`, or None where those
    do not compile back to an equal pattern."""
    try:
        parsed = re._parser.parse(pattern.pattern, pattern.flags)
        code = [int(op) for op in re._compiler._code(parsed, pattern.flags)]  # plain ints: the opcodes do not pickle
        group_index = dict(parsed.state.groupdict)
        index_group = [None] * parsed.state.groups
        for name, index in group_index.items():
            index_group[index] = name
        arguments = (pattern.pattern, pattern.flags | parsed.state.flags, code, parsed.state.groups - 1,
                     group_index, tuple(index_group))
        if _sre.compile(*arguments) == pattern:
            return _sre.compile, arguments
    except Exception:  # private interfaces: whatever fails there, the pattern is pickled as its source
        pass
    return None
