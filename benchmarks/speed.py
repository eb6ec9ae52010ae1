"""Every speed figure of issue #10, each with its goal and PASS/FAIL, measured in one run.

    .venv/bin/python benchmarks/speed.py [--corpus ../shared/corpus/articles.jsonl] [--repeat 3]

In subprocesses of `extract run`: peak memory (max RSS) over the first 300 and over all
articles, `--workers 2` against `--workers 1` (fastest of `--repeat` runs each) with a check that
the outputs are byte-identical and, for scale, this machine's own ceiling for two processes
(a pure-Python loop), and the cold start to the first record on stdout (median); all of them
with a pipeline cache of their own (EXTRACT_CACHE_DIR), whose first start, which fills it, is
reported apart.  Where the environment writes no bytecode (PYTHONDONTWRITEBYTECODE, as in some
sandboxes), the workers and cold-start figures are given twice: as it runs, and with a bytecode
cache of their own, as a normal install has.
In this process, over the corpus (all six fields, one core): the pipeline, the
`spacy.blank("id")` tokenizer and `dateparser.search_dates` (a sample), each article timed
`--repeat` times and its fastest time kept (the three take turns by blocks of 100 articles,
so that a busy spell of a shared machine slows all three); their ratios; articles/s over the first 300
against all of them; one 5 MB article joined from the corpus texts; and 1 against 2 workers
with the pipeline already built (what `extract run` spends after its startup); then the time
of each component.  Skips (exit 0) when the shared corpus is absent; takes about three minutes.
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "articles.jsonl"
SHORT_ARTICLE = REPO / "corpus" / "003_92133d55bcb80e76.txt"
EXTRACT = str(Path(sys.executable).with_name("extract"))
FIRST = 300
BIG_ARTICLE_BYTES = 5_000_000
FLAT_MEMORY = 1.10  # peak over all articles at most this times the peak over the first 300

T = TypeVar("T")


@dataclass
class Figure:
    """One line of the result table."""

    name: str
    measured: str
    goal: str
    ok: bool | None  # None: for information, no goal


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = names[0] if names else cpu
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def fastest_times(timed: Sequence[tuple[Callable[[T], object], Sequence[T]]], repeat: int,
                  block: int = 100) -> list[list[float]]:
    """For each (function, items): seconds per item, the fastest of `repeat` passes over the items.

    The functions take turns over blocks of `block` items (the first function's block, the
    next one's same block, ...), so that a busy spell of a shared machine, which lasts seconds,
    weighs on all of them alike: their ratios are what count.  Within a block each function
    runs warm, as it would over a whole corpus.
    """
    best = [[float("inf")] * len(items) for _, items in timed]
    longest = max(len(items) for _, items in timed)
    for _ in range(repeat):
        for first in range(0, longest, block):
            for (fn, items), times in zip(timed, best):
                for i in range(first, min(first + block, len(items))):
                    start = time.perf_counter()
                    fn(items[i])
                    times[i] = min(times[i], time.perf_counter() - start)
    return best


def extract_lines_seconds(articles: list, pipeline, workers: int) -> float:
    """Seconds `extract_lines` takes over `articles` with a built pipeline: `extract run` after its startup."""
    from extract.parallel import extract_lines

    start = time.perf_counter()
    for _ in extract_lines(articles, workers=workers, pipeline=pipeline):
        pass
    return time.perf_counter() - start


def in_process(corpus: Path, repeat: int, sample: int) -> list[Figure]:
    """Throughput and its two ratios, linearity, the 5 MB article, and 2 workers after startup."""
    from extract.pipeline import Article, Pipeline
    from extract.sources import InputError, read_inputs

    start = time.perf_counter()
    articles = [a for a in read_inputs([corpus]) if not isinstance(a, InputError)]
    reading = time.perf_counter() - start  # what `extract run`'s parent process does besides writing
    texts = [a.text for a in articles]
    n = len(articles)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    start = time.perf_counter()
    pipeline = Pipeline()
    build = time.perf_counter() - start
    pipeline(articles[0])  # first-use caches
    lines = {w: min(extract_lines_seconds(articles, pipeline, w) for _ in range(repeat)) for w in (1, 2)}

    import spacy
    from dateparser.search import search_dates

    start = time.perf_counter()
    nlp = spacy.blank("id")
    spacy_build = time.perf_counter() - start
    search_dates(texts[0], languages=["id"])  # loads its language data
    pipe, tokenizer, dateparser = fastest_times(
        [(pipeline, articles), (nlp.tokenizer, texts), (lambda t: search_dates(t, languages=["id"]), texts[:sample])], repeat)

    big_text = ""
    for text in texts:
        if len(big_text.encode("utf-8")) >= BIG_ARTICLE_BYTES:
            break
        big_text += text + "\n\n"
    big_mb = len(big_text.encode("utf-8")) / 1e6
    start = time.perf_counter()
    try:
        pipeline(Article(text=big_text, doc_id="joined"))
        big_seconds, big_error = time.perf_counter() - start, ""
    except Exception as exc:  # a time budget or any other failure is this figure's FAIL, not the run's end
        big_seconds, big_error = time.perf_counter() - start, f" ({type(exc).__name__}: {exc})"

    pipe_s, spacy_s = sum(pipe), sum(tokenizer)
    per_article = {"pipeline": pipe_s / n, "tokenizer": spacy_s / n, "dateparser": sum(dateparser) / len(dateparser)}
    print(f"corpus: {corpus} ({n} articles, {megabytes:.1f} MB); fastest of {repeat} passes per article; "
          f"reading and decoding it took {reading:.2f} s")
    print(f"  {'':34} {'articles/s':>10} {'MB/s':>6} {'ms/article':>10} {'build s':>7}")
    for name, seconds, built in (("pipeline, six fields", pipe_s, build),
                                 ('spacy.blank("id") tokenizer', spacy_s, spacy_build),
                                 (f"dateparser.search_dates ({len(dateparser)})", sum(dateparser) * n / len(dateparser), 0.0)):
        print(f"  {name:34} {n / seconds:10.0f} {megabytes / seconds:6.2f} {1000 * seconds / n:10.3f} {built:7.2f}")
    print(f"  5 MB article: {big_mb:.1f} MB in {big_seconds:.2f} s ({big_mb / big_seconds:.2f} MB/s){big_error}\n")

    rate_all = n / pipe_s
    rate_first = FIRST / sum(pipe[:FIRST])
    spread = abs(rate_first - rate_all) / rate_all
    return [
        Figure("throughput, one core (articles/s)", f"{rate_all:.0f}", ">= 1000", rate_all >= 1000),
        Figure("pipeline time / spaCy tokenizer time", f"{pipe_s / spacy_s:.3f}", "<= 0.25", pipe_s / spacy_s <= 0.25),
        Figure("dateparser / pipeline, per article", f"{per_article['dateparser'] / per_article['pipeline']:.1f}x", ">= 20x",
               per_article["dateparser"] / per_article["pipeline"] >= 20),
        Figure(f"articles/s, first {FIRST} vs all {n}", f"{rate_first:.0f} vs {rate_all:.0f} ({spread:.1%})", "within 15%",
               spread <= 0.15),
        Figure("--workers 2 vs 1 after startup (wall s)", f"{lines[1]:.2f} / {lines[2]:.2f} = {lines[1] / lines[2]:.2f}x",
               ">= 1.7x", lines[1] / lines[2] >= 1.7),
        Figure(f"one {big_mb:.1f} MB article (s)", f"{big_seconds:.2f}{' failed' if big_error else ''}", "well under 10",
               not big_error and big_seconds < 10),
    ]


def first_record_seconds(path: Path, env: dict[str, str]) -> float:
    """Wall time from starting `extract run PATH` to the first record line on its stdout."""
    start = time.perf_counter()
    with subprocess.Popen([EXTRACT, "run", str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env) as process:
        line = process.stdout.readline()
        seconds = time.perf_counter() - start
        process.stdout.read()
    if not line.startswith(b"{"):
        raise RuntimeError(f"extract run {path} printed no record (exit status {process.returncode})")
    return seconds


def first_start(env: dict[str, str]) -> Figure:
    """The start that finds the pipeline cache empty (once per install, upgrade or rules edit): it
    builds everything, then saves it."""
    seconds = first_record_seconds(SHORT_ARTICLE, env)
    return Figure("first start, empty pipeline cache (s)", f"{seconds:.2f}", "(once per install or rules edit)", None)


def bytecode_settings(env: dict[str, str], scratch: Path) -> list[tuple[str, dict[str, str]]]:
    """The environment as given and, where it writes no bytecode (PYTHONDONTWRITEBYTECODE), the
    same with a bytecode cache of its own, as a normal install has: (label for the figure's name,
    environment) pairs."""
    if not env.get("PYTHONDONTWRITEBYTECODE"):
        return [("", env)]
    cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    first_record_seconds(SHORT_ARTICLE, cached)  # writes the cache
    return [(", no .pyc (PYTHONDONTWRITEBYTECODE)", env), (", with .pyc cache", cached)]


def cold_start(runs: int, settings: list[tuple[str, dict[str, str]]]) -> list[Figure]:
    """Median cold start in each bytecode setting."""
    figures = []
    for label, env in settings:
        seconds = sorted(first_record_seconds(SHORT_ARTICLE, env) for _ in range(runs))
        median = statistics.median(seconds)
        figures.append(Figure(f"cold start, one short article{label} (s)",
                              f"{median:.2f} (median of {runs}, {seconds[0]:.2f}-{seconds[-1]:.2f})", "<= 1.0", median <= 1.0))
    return figures


@dataclass
class CliRun:
    seconds: float
    peak_mb: float
    output_sha256: str


def run_cli(inputs: Path, workers: int, scratch: Path, env: dict[str, str]) -> CliRun:
    """`extract run INPUTS --workers N -o FILE`: wall time, max RSS of its largest process, output hash."""
    output, log = scratch / f"out-{workers}.jsonl", scratch / "stderr.txt"
    start = time.perf_counter()
    with log.open("wb") as stderr:
        process = subprocess.Popen([EXTRACT, "run", str(inputs), "--workers", str(workers), "-o", str(output)],
                                   stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"extract run {inputs} --workers {workers} exited {process.returncode}: {log.read_text()[-2000:]}")
    return CliRun(seconds, usage.ru_maxrss * 1024 / 1e6, hashlib.sha256(output.read_bytes()).hexdigest())


def first_lines(path: Path, count: int, target: Path) -> Path:
    with path.open(encoding="utf-8") as source:
        target.write_text("".join(line for _, line in zip(range(count), source)), encoding="utf-8")
    return target


def _count_up(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def two_process_ceiling(rounds: int, n: int = 10_000_000) -> float:
    """How much faster 2 processes run two pure-Python loops than 1 process does (fastest of `rounds` each)."""
    one = two = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(2):
            _count_up(n)
        one = min(one, time.perf_counter() - start)
        start = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pool.map(_count_up, [n, n])
        two = min(two, time.perf_counter() - start)
    return one / two


def end_to_end(corpus: Path, scratch: Path, rounds: int, settings: list[tuple[str, dict[str, str]]]) -> list[Figure]:
    """Peak memory over 300 and all articles, and, in each bytecode setting, --workers 2 against
    --workers 1 (fastest of `rounds` each) with this machine's two-process ceiling measured alongside."""
    env = settings[0][1]
    small = run_cli(first_lines(corpus, FIRST, scratch / "first.jsonl"), 1, scratch, env)
    figures, peak, hashes = [], 0.0, set()
    for label, env in settings:
        runs: dict[int, list[CliRun]] = {1: [], 2: []}
        for _ in range(rounds):
            for workers in runs:
                runs[workers].append(run_cli(corpus, workers, scratch, env))
        one, two = (min(runs[w], key=lambda r: r.seconds) for w in (1, 2))
        peak = max(peak, *(r.peak_mb for r in runs[1]))
        hashes |= {r.output_sha256 for r in runs[1] + runs[2]}
        ceiling, speedup = two_process_ceiling(rounds), one.seconds / two.seconds
        print(f"extract run {corpus.name}{label}: "
              f"--workers 1 {', '.join(f'{r.seconds:.2f}' for r in runs[1])} s; "
              f"--workers 2 {', '.join(f'{r.seconds:.2f}' for r in runs[2])} s; "
              f"max RSS per process --workers 2 {max(r.peak_mb for r in runs[2]):.0f} MB; "
              f"ceiling now: 2 processes run two pure-Python loops {ceiling:.2f}x as fast as 1")
        figures.append(Figure(f"--workers 2 vs --workers 1{label} (wall s)",
                              f"{one.seconds:.2f} / {two.seconds:.2f} = {speedup:.2f}x (ceiling {ceiling:.2f}x)",
                              ">= 1.7x", speedup >= 1.7))
    print()
    return [
        Figure("peak memory, all articles (MB)", f"{peak:.0f}", "<= 250", peak <= 250),
        Figure(f"peak memory, first {FIRST} (MB)", f"{small.peak_mb:.0f}", f"all within {FLAT_MEMORY - 1:.0%} of it",
               peak <= small.peak_mb * FLAT_MEMORY),
        *figures,
        Figure("--workers 2 output byte-identical", "yes" if len(hashes) == 1 else "no", "yes", len(hashes) == 1),
    ]


def component_times(corpus: Path, repeat: int) -> None:
    """Where the time goes: ms/article of each component (and of building the document and the
    record), the fastest of `repeat` passes over each article; no goal, for maintainers."""
    from extract.document import Document
    from extract.pipeline import Pipeline
    from extract.sources import InputError, read_inputs

    articles = [a for a in read_inputs([corpus]) if not isinstance(a, InputError)]
    pipeline = Pipeline(time_budget=None)
    pipeline(articles[0])
    steps = ["document", *(c.field for c in pipeline.components), "record"]
    best = [[float("inf")] * len(steps) for _ in articles]
    clock = time.perf_counter
    for _ in range(repeat):
        for article, times in zip(articles, best):
            start = clock()
            doc = Document(article.text, published=article.published, doc_id=article.doc_id, title=article.title)
            times[0] = min(times[0], clock() - start)
            for i, component in enumerate(pipeline.components, 1):
                start = clock()
                doc.results[component.field] = component(doc)
                times[i] = min(times[i], clock() - start)
            start = clock()
            pipeline.record(doc)
            times[-1] = min(times[-1], clock() - start)
    print("where the time goes (ms/article, fastest of each step):",
          ", ".join(f"{step} {1000 * sum(t[i] for t in best) / len(best):.3f}" for i, step in enumerate(steps)), "\n")


def print_table(figures: Iterable[Figure]) -> None:
    figures = list(figures)
    width = max(len(f.name) for f in figures)
    measured = max(len(f.measured) for f in figures)
    for f in figures:
        print(f"{f.name:{width}}  {f.measured:{measured}}  {f.goal:24}  {'' if f.ok is None else 'PASS' if f.ok else 'FAIL'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3,
                        help="passes per in-process timing and runs per --workers setting; the fastest counts")
    parser.add_argument("--dateparser-sample", type=int, default=200)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return
    print(f"machine: {machine()}\n")
    # Subprocesses first: a child's max RSS counts what it had before exec, a copy of this process.
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "EXTRACT_CACHE_DIR": str(Path(scratch) / "cache")}  # starts empty
        start = first_start(env)
        settings = bytecode_settings(env, Path(scratch))
        figures = end_to_end(args.corpus, Path(scratch), args.repeat, settings) + cold_start(args.cold_runs, settings)
        figures.append(start)
    figures += in_process(args.corpus, args.repeat, args.dateparser_sample)
    component_times(args.corpus, args.repeat)
    print_table(figures)


if __name__ == "__main__":
    main()
