"""The built pipeline, kept on disk between runs, so that `extract` starts fast.

Building the pipeline reads the rules files and the gazetteer and compiles some 270 regular
expressions, about 0.3 s; the patterns built on first use cost about as much again over the
first articles.  The first start builds all of it and saves it as a pickle in the cache
directory (`cachefiles.cache_dir`); later starts load it, in about a quarter of the time.  The
file's name holds a hash of everything the build reads or pickles: this package's source, the
rules files, and the versions of Python and of the libraries whose objects it holds; an edited
rule or an upgrade therefore builds anew, and the file it replaces is removed.

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
import io
import pickle
import re
import sys
import warnings
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import pydantic
import regex

from .cachefiles import cache_dir, write_cache
from .gazetteer import LOKAL_DIST
from .memo import BuiltOnFirstUse
from .models import FIELDS
from .pipeline import DEFAULT_TIME_BUDGET, Pipeline
from .rules import RULES_DIR


def load_pipeline(fields: Iterable[str] = FIELDS, time_budget: float | None = DEFAULT_TIME_BUDGET) -> Pipeline:
    """The pipeline for `fields`, loaded from the cache, or built (and then saved) where it has none."""
    fields = sorted(set(fields))
    path = cache_dir() / f"pipeline-{'+'.join(fields)}-{_build_hash(fields)}.pickle"
    try:
        pipeline = pickle.loads(path.read_bytes())
    except Exception:  # no file yet, or one that does not load (truncated, ...): built anew
        pipeline = None
    if not isinstance(pipeline, Pipeline):
        pipeline = Pipeline(fields, time_budget=None)
        _save(pipeline, path)
    pipeline.time_budget = time_budget
    return pipeline


def _build_hash(fields: list[str]) -> str:
    """A hash of what the built pipeline depends on."""
    digest = hashlib.sha256()
    versions = (sys.version, _sre.MAGIC, regex.__version__, pydantic.VERSION, version("pyahocorasick"), version(LOKAL_DIST))
    for part in (*map(str, versions), *fields):
        digest.update(part.encode() + b"\0")
    for path in (*sorted(Path(__file__).parent.glob("*.py")), *sorted(RULES_DIR.glob("*.yaml"))):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def _save(pipeline: Pipeline, path: Path) -> None:
    """Pickle `pipeline` to `path`, and remove the files of other builds of the same fields.

    A pipeline that cannot be saved still runs: the failure is a warning (tests check that
    the default pipeline saves)."""
    buffer = io.BytesIO()
    try:
        _CachePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(pipeline)
    except Exception as exc:  # pickling raises several kinds (PicklingError, TypeError, ...)
        warnings.warn(f"the pipeline was not saved to the start-up cache: {type(exc).__name__}: {exc}", stacklevel=3)
        return
    write_cache(path, buffer.getvalue())
    fields = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(f"{fields}-*.pickle"):
        if other != path:
            try:
                other.unlink(missing_ok=True)
            except OSError:  # another process's, or not ours to remove: left
                pass


class _CachePickler(pickle.Pickler):
    """Pickles `re` patterns as their compiled code, and what is built on first use as built."""

    def reducer_override(self, obj):
        if type(obj) is re.Pattern:
            return _as_compiled_code(obj) or NotImplemented
        if type(obj) is BuiltOnFirstUse:
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
