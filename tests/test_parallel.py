"""`extract run --workers N` and `extract.parallel`: same output in the same order, failures in place."""
import json
import os
import re
import time
from pathlib import Path

from typer.testing import CliRunner

from extract.cli import app
from extract.parallel import JsonLine, WorkerError, extract_lines
from extract.pipeline import Article, Pipeline

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
runner = CliRunner()


def test_two_workers_write_the_same_bytes_and_summary_as_one(tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}) + "\n" for i in range(40)),
                    encoding="utf-8")
    one, two = (runner.invoke(app, ["run", str(feed), "--workers", w]) for w in ("1", "2"))
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    assert [json.loads(line)["doc_id"] for line in two.stdout.splitlines()] == [f"a{i}" for i in range(40)]
    summary = [re.sub(r"seconds=\S+", "", r.stderr) for r in (one, two)]
    assert summary[0] == summary[1] and "articles=40" in summary[0]


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


def test_failures_in_workers_come_back_in_place():
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
    """Takes 100 ms per article in a helper process, 1 ms in the process that made it."""

    def __init__(self):
        self.home = os.getpid()

    def __call__(self, doc):
        time.sleep(0.001 if os.getpid() == self.home else 0.1)
        raise ValueError(str(os.getpid()))


def test_at_the_end_batches_a_helper_has_not_begun_are_done_here():
    # The helper gets batches 1 and 2 and takes 300 ms over batch 1, while this process does
    # the 18 others; then it does batch 2 itself rather than wait 300 ms more for the helper.
    pipeline = Pipeline(fields=["percentages"])
    pipeline.components.append(SlowInHelpers())
    articles = [Article(text=f"naik {i} persen") for i in range(60)]
    results = [str(r) for _, r in extract_lines(articles, workers=2, pipeline=pipeline, batch_size=3)]
    here = str(os.getpid())
    assert results[:3] != [here] * 3 and results[3:] == [here] * 57


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
