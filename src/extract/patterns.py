"""Compiling the rules' regular expressions with the fastest engine that accepts them.

Python's standard `re` engine runs the simple patterns of this project several times
faster than `regex` (less overhead per call, quicker scans), while `regex` is needed for
what `re` lacks: variable-width lookbehind, `\\p{..}` classes, repeated group names,
reverse searches.  `compile_pattern` tries `re` first and falls back to `regex`; both
engines read these patterns the same way (`regex` runs in its `re`-compatible mode V0).
Both also honour the per-article time budget (see `budget.py`).
"""
from __future__ import annotations

import re
from functools import cache
from typing import Union

import regex

Pattern = Union[re.Pattern, regex.Pattern]
Match = Union[re.Match, regex.Match]

_SHARED_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE
assert (regex.IGNORECASE, regex.MULTILINE, regex.DOTALL, regex.VERBOSE) == (re.IGNORECASE, re.MULTILINE, re.DOTALL, re.VERBOSE)


@cache  # start-up time: components compile some patterns more than once, and `re` caches no failure
def compile_pattern(pattern: str, flags: int = 0) -> Pattern:
    """`pattern` compiled by `re` when it can be, else by `regex` (with the same flags)."""
    if not flags & ~_SHARED_FLAGS and "[[" not in pattern:  # "[[:alpha:]]" means something else to `re`
        try:
            return re.compile(pattern, flags)
        except re.error:
            pass
    return regex.compile(pattern, flags | regex.V0)
