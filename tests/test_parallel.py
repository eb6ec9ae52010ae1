"""`extract run --workers N` and `extract.parallel`: same output in the same order, failures in place."""
import json
import multiprocessing
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import extract.cli
from extract.cli import app
from extract.parallel import LAST_PIECE, HelperDied, JsonLine, WorkerError, _record, _Run, _Slot, extract_lines
from extract.pipeline import Article, Pipeline

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
runner = CliRunner()


def test_two_workers_write_the_same_bytes_and_summary_as_one(seed_feed):
    feed = seed_feed(40)
    one, two = (runner.invoke(app, ["run", str(feed), "--workers", w]) for w in ("1", "2"))
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    assert [json.loads(line)["doc_id"] for line in two.stdout.splitlines()] == [f"a{i}" for i in range(40)]
    summary = [re.sub(r"seconds=\S+", "", r.stderr) for r in (one, two)]
    assert summary[0] == summary[1] and "articles=40" in summary[0]


def test_at_the_end_of_the_input_a_batch_is_cut_to_a_share_of_what_is_left():
    # One process (no helper): each takes half of what is left, at least LAST_PIECE, in order.
    run = _Run(_record, Pipeline(fields=["percentages"]), iter([]), helpers=0)
    slots = [_Slot(list(range(0, 40))), _Slot(list(range(40, 80)))]  # articles stand in as numbers
    run.pending.extend(slots)
    run.todo.extend(slots)
    run.read_all = True
    sizes = []
    while run.todo:
        sizes.append(len(run.take().batch))
    assert sizes == [40, 20, 10, 5, LAST_PIECE, 1]
    assert [a for slot in run.pending for a in slot.batch] == list(range(80))


def test_batches_cut_at_the_end_keep_the_output_in_order():
    pipeline = Pipeline(fields=["percentages"])
    articles = [Article(text=f"naik {i} persen", doc_id=str(i)) for i in range(150)]
    results = [r for _, r in extract_lines(articles, workers=2, pipeline=pipeline, batch_size=40)]
    assert [json.loads(r.json)["percentages"][0]["value"] for r in results] == [float(i) for i in range(150)]


class Unpicklable(Exception):
    """Like an exception whose __init__ takes other arguments than its message: unpickling it fails."""

    def __init__(self, seconds: float, where: str):
        super().__init__(f"{seconds:g} s in {where}")


class FailOnMarker:
    """A test component that raises on marked articles."""

    field = "fail"

    def __call__(self, doc):
        if "GAGAL" in doc.text:
            raise ValueError("gagal")
        if "MACET" in doc.text:
            raise Unpicklable(0.5, "fail")
        return []


@pytest.fixture(params=["fork", "spawn"])
def start_method(request, monkeypatch):
    """Helpers forked (Linux) or spawned (Windows, and macOS by default): each where the platform has it."""
    if request.param not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {request.param} here")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: [request.param])
    return request.param


def test_failures_in_workers_come_back_in_place(start_method):
    pipeline = Pipeline(fields=["percentages"])
    pipeline.components.append(FailOnMarker())
    texts = ["naik 5 persen", "GAGAL 6 persen", "MACET 7 persen", "turun 8 persen"] * 10
    results = [r for _, r in extract_lines([Article(text=t) for t in texts], workers=2, pipeline=pipeline, batch_size=3)]
    for text, result in zip(texts, results):
        if text.startswith("GAGAL"):
            assert isinstance(result, ValueError) and str(result) == "gagal"
        elif text.startswith("MACET"):
            assert isinstance(result, WorkerError) and str(result) == "Unpicklable: 0.5 s in fail"
        else:
            assert isinstance(result, JsonLine) and result.mentions == {"percentages": 1}
            assert json.loads(result.json)["percentages"][0]["text"] == text.split()[1] + " persen"


class SlowAndTellsItsProcess:
    """A test component that takes 10 ms and raises with the id of the process that ran it."""

    field = "process"

    def __call__(self, doc):
        time.sleep(0.01)
        raise ValueError(str(os.getpid()))


def test_n_workers_are_this_process_and_n_minus_1_helpers():
    pipeline = Pipeline(fields=["percentages"])
    pipeline.components.append(SlowAndTellsItsProcess())
    articles = [Article(text=f"naik {i} persen") for i in range(60)]
    results = [r for _, r in extract_lines(articles, workers=2, pipeline=pipeline, batch_size=3)]
    processes = {str(r) for r in results}
    assert len(results) == 60 and len(processes) == 2 and str(os.getpid()) in processes


class SlowInHelpers(SlowAndTellsItsProcess):
    """Takes 500 ms per article in a helper process, 1 ms in the process that made it."""

    def __init__(self):
        self.home = os.getpid()

    def __call__(self, doc):
        time.sleep(0.001 if os.getpid() == self.home else 0.5)
        raise ValueError(str(os.getpid()))


def test_a_slow_helper_holds_up_only_the_batch_it_runs():
    # The helper takes batch 1 and spends 1.5 s on it, while this process runs the 19 others
    # (a helper is given a batch only when it is idle, so none waits behind batch 1).
    pipeline = Pipeline(fields=["percentages"])
    pipeline.components.append(SlowInHelpers())
    articles = [Article(text=f"naik {i} persen") for i in range(60)]
    results = [str(r) for _, r in extract_lines(articles, workers=2, pipeline=pipeline, batch_size=3)]
    here = str(os.getpid())
    assert results[:3] != [here] * 3 and results[3:] == [here] * 57


class DiesInHelpers:
    """A test component that ends a helper process at once on marked articles, as the
    system does when it runs out of memory."""

    field = "dies"

    def __init__(self):
        self.home = os.getpid()

    def __call__(self, doc):
        if "MATI" in doc.text and os.getpid() != self.home:
            os._exit(3)
        return []


def pipeline_with_a_deadly_article() -> Pipeline:
    pipeline = Pipeline(fields=["percentages"])
    pipeline.components.append(DiesInHelpers())
    return pipeline


TEXTS_WITH_A_DEADLY_ONE = ["naik 1 persen", "MATI 2 persen"] + [f"naik {i} persen" for i in range(3, 31)]


def test_a_helper_that_dies_loses_no_article(start_method):
    # The helper takes the first batch and dies on its second article; the batch is run again
    # an article at a time by new helpers, and the helper running that article dies again.
    articles = [Article(text=t) for t in TEXTS_WITH_A_DEADLY_ONE]
    with pytest.warns(HelperDied) as warned:
        results = [r for _, r in extract_lines(articles, workers=2, pipeline=pipeline_with_a_deadly_article(), batch_size=3)]
    assert [str(w.message) for w in warned] == [
        "a helper process ended unexpectedly (exit status 3) while running 3 article(s); running them again",
        "a helper process ended unexpectedly (exit status 3) while running 1 article(s); giving up on it"]
    assert isinstance(results[1], WorkerError)
    assert str(results[1]) == "the helper process running this article ended unexpectedly (exit status 3)"
    others = results[:1] + results[2:]
    assert len(others) == 29 and all(isinstance(r, JsonLine) and r.mentions == {"percentages": 1} for r in others)


def test_extract_run_reports_a_helper_that_died(tmp_path, monkeypatch):
    monkeypatch.setattr(extract.cli, "_pipeline", lambda time_budget: pipeline_with_a_deadly_article())
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS_WITH_A_DEADLY_ONE)),
                    encoding="utf-8")
    result = runner.invoke(app, ["run", str(feed), "--workers", "2"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 29
    assert "warning: a helper process ended unexpectedly (exit status 3)" in result.stderr
    assert (f"error: {feed}:2: extraction failed: WorkerError: the helper process running this article ended "
            "unexpectedly (exit status 3)") in result.stderr
    assert "articles=29" in result.stderr and "errors=1 warnings=2" in result.stderr


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def running(pid: int) -> bool:
    """Whether the process exists and has not ended (a zombie waiting to be reaped has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from Linux's /proc")
def test_helpers_end_when_the_process_they_help_is_killed(tmp_path, seed_feed):
    feed = seed_feed(20_000)
    run = subprocess.Popen([sys.executable, "-m", "extract", "run", str(feed), "--workers", "2", "-o", str(tmp_path / "out.jsonl")],
                           stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (helpers := children(run.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert helpers, "no helper started"
        time.sleep(0.3)  # the helper is running batches
    finally:
        run.kill()
        run.wait()
    deadline = time.monotonic() + 10
    while any(map(running, helpers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, helpers))


def test_the_pipeline_pickles_for_workers_without_fork():
    # Where there is no fork (Windows), workers get the built pipeline pickled: before and
    # after its parts built on first use have been built.
    import pickle

    article = Article(text=(CORPUS / "004_87362fef45320073.txt").read_text(encoding="utf-8") + "\nNaik é 5 persen.")
    pipeline = Pipeline()
    fresh = pickle.loads(pickle.dumps(pipeline))
    expected = pipeline(article)
    used = pickle.loads(pickle.dumps(pipeline))
    assert fresh(article) == expected == used(article)
