"""The per-article time budget: a slow article is stopped and named, the others go on."""
from __future__ import annotations

import os
import pickle
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import regex

from extract.budget import MAX_TICK, TICKS_PER_BUDGET, ArticleTimeout, time_budget
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


def idle_ticks(budget: float) -> None:
    """Sleep through two of the watch's ticks with no article running (each tick interrupts the
    sleep, which goes on)."""
    time.sleep(3 * min(MAX_TICK, budget / TICKS_PER_BUDGET))


@pytest.fixture
def alarm_handler():
    """A SIGALRM handler of the test's own, set for the test (and the previous one put back)."""
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    yield mine
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_the_watch_stays_between_articles_and_is_put_back_when_idle(alarm_handler):
    # (A budget of 5 s ticks every 0.5 s: no tick comes between these articles unless the
    # machine stalls this process that long.)
    for _ in range(3):
        with time_budget(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is not alarm_handler  # still watching: no system call per article
    idle_ticks(5)
    assert signal.getsignal(signal.SIGALRM) is alarm_handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_handler_set_between_articles_is_watched_over_and_put_back(alarm_handler):
    with time_budget(0.5):
        pass

    def theirs(signum, frame):
        pass

    signal.signal(signal.SIGALRM, theirs)
    with pytest.raises(ArticleTimeout):
        with time_budget(0.2):
            time.sleep(5)
    idle_ticks(0.2)
    assert signal.getsignal(signal.SIGALRM) is theirs


def test_a_timer_stopped_between_articles_is_set_again(alarm_handler):
    with time_budget(0.3):
        pass
    signal.alarm(0)  # someone else's code stops the (one) real-time timer; the handler stays the watch's
    with pytest.raises(ArticleTimeout):
        with time_budget(0.3):
            time.sleep(3)


def test_nested_budgets_keep_the_outer_deadline(alarm_handler):
    with pytest.raises(ArticleTimeout, match="0.3 s"):
        with time_budget(0.3):
            with time_budget(10):
                pass
            time.sleep(5)


def test_a_forked_child_gets_the_previous_handler_and_no_timer(alarm_handler):
    with time_budget(0.5):
        pass
    child = os.fork()
    if child == 0:  # the child: exit status 0 when all is put back
        ok = signal.getsignal(signal.SIGALRM) is alarm_handler and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        os._exit(0 if ok else 1)
    assert os.waitpid(child, 0)[1] == 0


def test_the_watch_stops_before_the_interpreter_ends():
    """At exit the interpreter puts the default SIGALRM handler back: a tick after that would
    end the process with SIGALRM.  An exit hook that runs after the watch's sees no timer."""
    code = (
        "import atexit, signal\n"
        "atexit.register(lambda: print(signal.getitimer(signal.ITIMER_REAL)))\n"
        "from extract.budget import time_budget\n"
        "with time_budget(5):\n"
        "    pass\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "(0.0, 0.0)")


class SwallowsTimeouts:
    """A test component that catches the watch's exception and goes on."""

    field = "swallowing"

    def __call__(self, doc):
        try:
            time.sleep(1)
        except ArticleTimeout:
            pass
        return []


def test_a_timeout_caught_inside_a_component_is_raised_after_it():
    pipeline = Pipeline(fields=["percentages"], time_budget=0.2)
    pipeline.components.append(SwallowsTimeouts())
    with pytest.raises(ArticleTimeout, match=r"in swallowing"):
        pipeline(Article(text="naik 5 persen"))


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
