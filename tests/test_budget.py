"""The per-article time budget: a slow article is stopped and named, the others go on."""
from __future__ import annotations

import pickle
import re
import signal
import threading
import time

import pytest
import regex

from extract.budget import ArticleTimeout, time_budget
from extract.parallel import extract_all
from extract.pipeline import Article, Pipeline


class SlowOnMarker:
    """A test component that hangs on articles containing 'LAMBAT'."""

    field = "slow"

    def __call__(self, doc):
        if "LAMBAT" in doc.text:
            time.sleep(30)
        return []


def pipeline_with_slow_component(budget: float | None) -> Pipeline:
    pipeline = Pipeline(fields=["percentages"], time_budget=budget)
    pipeline.components.append(SlowOnMarker())
    return pipeline


def test_slow_article_raises_naming_the_component():
    pipeline = pipeline_with_slow_component(0.2)
    started = time.monotonic()
    with pytest.raises(ArticleTimeout, match=r"time budget of 0.2 s in slow"):
        pipeline(Article(text="LAMBAT sekali, naik 5 persen."))
    assert time.monotonic() - started < 5


def test_other_articles_still_processed_in_order():
    pipeline = pipeline_with_slow_component(0.2)
    texts = ["naik 5 persen", "LAMBAT 6 persen", "turun 7 persen"]
    results = [r for _, r in extract_all([Article(text=t, doc_id=str(i)) for i, t in enumerate(texts)],
                                         pipeline=pipeline)]
    assert [r.percentages[0].value for r in (results[0], results[2])] == [5, 7]
    assert isinstance(results[1], ArticleTimeout)


@pytest.mark.parametrize("engine", [re, regex], ids=["re", "regex"])
def test_budget_interrupts_a_runaway_match(engine):
    runaway = engine.compile(r"(?:(\w+)\s*)+\d$")
    started = time.monotonic()
    with pytest.raises(ArticleTimeout):
        with time_budget(0.2):
            runaway.search("ab " * 5000 + "x")
    assert time.monotonic() - started < 5


def test_previous_alarm_handler_is_restored():
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with time_budget(1.0):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_no_budget_never_interrupts():
    pipeline = Pipeline(fields=["percentages"], time_budget=None)
    assert pipeline(Article(text="naik 5 persen")).percentages[0].value == 5


def test_outside_the_main_thread_the_budget_is_checked_between_steps():
    outcome = []

    def work():
        with time_budget(0.05) as check:
            time.sleep(0.1)
            try:
                check()
            except ArticleTimeout as timeout:
                outcome.append(timeout)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert len(outcome) == 1


def test_timeout_survives_pickling_between_processes():
    copy = pickle.loads(pickle.dumps(ArticleTimeout(2.5, where="dates")))
    assert (copy.seconds, copy.where, str(copy)) == (2.5, "dates", "exceeded the time budget of 2.5 s in dates")
