"""The memo helpers that keep recurring per-string work across articles."""
from __future__ import annotations

import gc
import pickle
import re
from functools import partial

import pytest

from extract.memo import BoundedMemo, BuiltOnFirstUse, ForTheLastText, collector_paused


def test_bounded_memo_forgets_everything_when_full():
    memo: BoundedMemo[str, int] = BoundedMemo(limit=2)
    assert memo.remember("a", 1) == 1 and memo.remember("b", 2) == 2
    memo.remember("c", 3)
    assert dict(memo) == {"c": 3}


def test_last_text_result_is_kept_for_that_very_string_only():
    calls = []

    @ForTheLastText
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    first = "".join(["ab", "c"])
    assert length(first) == 3 and length(first) == 3
    assert length("".join(["ab", "c"])) == 3  # an equal but different string is computed again
    assert len(calls) == 2


def test_built_on_first_use_builds_once_and_pickles():
    lazy = BuiltOnFirstUse(partial(re.compile, "a+"))
    assert lazy._built is None
    copy = pickle.loads(pickle.dumps(lazy))
    assert lazy.match("aaa").group() == "aaa" and lazy.match("b") is None
    built = lazy._built
    lazy.search("xa")
    assert lazy._built is built  # built once
    assert copy.match("aa").group() == "aa" and pickle.loads(pickle.dumps(lazy)).match("a")


def test_last_text_memo_pickles_without_its_last_text():
    memo = ForTheLastText(len)
    text = "".join(["ab", "c"])
    assert memo(text) == 3
    copy = pickle.loads(pickle.dumps(memo))
    assert copy._last == (None, None) and copy(text) == 3


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_is_paused_and_then_left_as_it_was(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    built: list[list[int]] = []
    try:
        with pytest.raises(KeyError):
            with collector_paused():
                assert not gc.isenabled()
                built.extend([i] for i in range(50_000))  # would start collections of the youngest generation
                raise KeyError("the collector is restored after an error too")
        assert gc.isenabled() is enabled
        assert len(built) == 50_000 and gc.get_count()[0] < 1_000  # moved out of the youngest generation
        assert gc.get_freeze_count() == 0  # and is collected as usual later: nothing stays frozen
    finally:
        (gc.enable if was else gc.disable)()
