"""The `extract` command."""
from __future__ import annotations

import json
import os
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from .models import FIELDS

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Extract regions, dates, officials, counts, percentages and money from Indonesian news.")


# Set by `run` once it has written and closed its output: `main` may then end the process at once.
_run_done = False


def main() -> None:
    """The console command (and `python -m extract`).

    After `extract run`, the process ends without the interpreter's teardown, which frees the
    pipeline's objects one by one: about 45 ms, a fifth of a run over one short article."""
    try:
        app(prog_name="extract")
    except SystemExit as end:
        if _run_done and _flushed():
            os._exit(end.code if isinstance(end.code, int) else int(end.code is not None))
        raise


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        return True
    except OSError:  # a closed pipe, say: left to the interpreter to report as it does
        return False


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


MAX_ARTICLE_MB_OPTION = typer.Option(10.0, "--max-article-mb", min=0.001,
                                     help="Refuse an article of more than this many MiB of text (an error; the others are processed)")


TIME_BUDGET_OPTION = typer.Option(None, "--time-budget", min=0,
                                  help="Seconds one article may take before it is stopped with an error (default 20; 0: no limit)")


def _pipeline(time_budget: Optional[float]):
    """The pipeline with the time budget asked for on the command line."""
    from .pipeline import DEFAULT_TIME_BUDGET
    from .pipelinecache import load_pipeline

    return load_pipeline(time_budget=DEFAULT_TIME_BUDGET if time_budget is None else time_budget or None)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from .models import record_adapter

    print(json.dumps(record_adapter().json_schema(), indent=2, ensure_ascii=False))


@app.command()
def run(
    paths: list[str] = typer.Argument(..., help=".txt/.html/.json/.jsonl files, directories of them, or - for stdin"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="JSON Lines output (default: stdout)"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (output order is kept)"),
    glob: str = typer.Option("*", help="File pattern inside directories"),
    progress: bool = typer.Option(True, help="Show a progress bar on stderr when it is a terminal"),
    max_article_mb: float = MAX_ARTICLE_MB_OPTION,
    time_budget: Optional[float] = TIME_BUDGET_OPTION,
) -> None:
    """Extract one JSON record per article, in input order."""
    from .parallel import HelperDied, extract_lines
    from .sources import InputError, read_inputs

    started = time.perf_counter()
    mentions: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    bar = _progress_bar() if progress and sys.stderr.isatty() else None

    def articles():
        for item in read_inputs(paths, glob, max_article_mb):
            if isinstance(item, InputError):
                counts["errors" if item.fatal else "warnings"] += 1
                _err(f"{'error' if item.fatal else 'warning'}: {item}")
                continue  # a warning's article follows as its own item
            yield item

    def show_warning(message, *_) -> None:  # one raised while articles run: a helper process died, say
        counts["warnings"] += 1
        _err(f"warning: {message}")

    try:
        with warnings.catch_warnings():  # which puts `warnings.showwarning` back too
            warnings.simplefilter("always", HelperDied)
            warnings.showwarning = show_warning
            for article, result in extract_lines(articles(), workers=workers, pipeline=_pipeline(time_budget)):
                if isinstance(result, Exception):
                    counts["errors"] += 1
                    _err(f"error: {article.source or article.doc_id}: extraction failed: {type(result).__name__}: {result}")
                    continue
                out.write(result.json + "\n")
                counts["articles"] += 1
                mentions.update(result.mentions)
                if bar:
                    bar.update(bar.task_ids[0], advance=1)
    finally:
        if bar:
            bar.stop()
        if output:
            out.close()
    seconds = time.perf_counter() - started
    per_field = " ".join(f"{f}={mentions[f]}" for f in FIELDS)
    _err(f"summary: articles={counts['articles']} {per_field} errors={counts['errors']} warnings={counts['warnings']} seconds={seconds:.2f}")
    global _run_done
    _run_done = True
    raise typer.Exit(1 if counts["errors"] else 0)


def _progress_bar():
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    bar.add_task("extract", total=None)
    bar.start()
    return bar


@app.command()
def score(
    pred: Optional[Path] = typer.Argument(None, help="Predicted records (.jsonl); without it, the pipeline runs on the gold articles"),
    gold_dir: Path = typer.Option(Path("gold"), "--gold", help="Directory of gold records"),
    errors: bool = typer.Option(False, "--errors", help="List every false positive and negative"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
    report: Optional[Path] = typer.Option(None, "--report", help="Write a Markdown report here"),
    view: str = typer.Option("lenient", help="View for the summary table: lenient, strict, document"),
    fields: Optional[list[str]] = typer.Option(None, "--field", help="Score only this field (repeatable; default all), e.g. for a set labeled for one field"),
) -> None:
    """Score predictions against the gold set: P/R/F1 per field, three views, attributes."""
    from .evaluate import evaluate
    from .report import error_listing, full_report, score_table

    result, texts = evaluate(gold_dir, pred, fields=_check_fields(fields))
    if as_json:
        print(json.dumps(result.as_dict(), indent=1, default=str))
    else:
        print(f"{len(result.per_article)} gold articles, view: {view}\n")
        print(score_table(result, view))
        for name, s in result.fields.items():
            attrs = ", ".join(f"{a} {v:.3f}" for a, v in s.attribute_accuracy().items())
            if attrs:
                print(f"  {name}: {attrs}")
        if result.missing_predictions:
            print(f"\nno prediction for: {', '.join(result.missing_predictions)}")
        if errors:
            print("\n" + error_listing(result, texts))
    if report:
        report.write_text(full_report(result, texts, with_errors=True), encoding="utf-8")
        _err(f"report written to {report}")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Inputs, as for `extract run`"),
    db: Path = typer.Option(..., "--db", help="SQLite database file (created if absent)"),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-extract stored articles whose rules version is older than the current one"),
    batch: int = typer.Option(200, help="Articles per transaction"),
    max_article_mb: float = MAX_ARTICLE_MB_OPTION,
    time_budget: Optional[float] = TIME_BUDGET_OPTION,
) -> None:
    """Add articles to a SQLite store: new texts only, new versions of changed texts, per-batch transactions."""
    from .sources import InputError, read_inputs
    from .store import Store

    started = time.perf_counter()
    store = Store(db, pipeline=_pipeline(time_budget))
    stats: Counter[str] = Counter()
    try:
        if reprocess:
            outdated = list(store.outdated())
            for i in range(0, len(outdated), batch):
                with store.db:
                    store.db.execute("BEGIN")
                    for article_id, article in outdated[i:i + batch]:
                        store.replace_mentions(article_id, store.pipeline(article))
                        stats["reprocessed"] += 1
        pending = []
        for item in read_inputs(paths or [], max_article_mb=max_article_mb):
            if isinstance(item, InputError):
                stats["errors" if item.fatal else "warnings"] += 1
                _err(f"{'error' if item.fatal else 'warning'}: {item}")
                pending.append(item)
                continue
            state = store.status(item)
            if state == "stored":
                stats["unchanged"] += 1
                continue
            pending.append(item)
            if len(pending) >= batch:
                _commit_batch(store, pending, stats)
                pending = []
        _commit_batch(store, pending, stats)
    finally:
        store.close()
    summary = " ".join(f"{k}={stats[k]}" for k in ("new", "changed", "unchanged", "reprocessed", "errors", "warnings"))
    _err(f"summary: {summary} seconds={time.perf_counter() - started:.2f}")
    raise typer.Exit(1 if stats["errors"] else 0)


def _commit_batch(store, items, stats: Counter) -> None:
    """Extract and store one batch in one transaction (all of it or none of it)."""
    from .sources import InputError

    with store.db:
        store.db.execute("BEGIN")
        for item in items:
            if isinstance(item, InputError):
                store.log_error(item.source, item.line, item.doc_id, item.message)
                continue
            state = store.status(item)
            if state == "stored":  # a duplicate within the batch
                stats["unchanged"] += 1
                continue
            try:
                record = store.pipeline(item)
            except Exception as exc:
                stats["errors"] += 1
                _err(f"error: {item.source or item.doc_id}: extraction failed: {type(exc).__name__}: {exc}")
                store.log_error(item.source or "", None, item.doc_id, f"extraction failed: {exc}")
                continue
            store.add(item, record)
            stats[state] += 1


@app.command()
def export(
    db: Path = typer.Option(..., "--db", help="SQLite database written by `extract ingest`"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (records), csv or parquet (one flat table per field)"),
    field: Optional[str] = typer.Option(None, "--field", help="Only this field's table (csv, parquet)"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File (jsonl, or one field) or directory (all fields)"),
) -> None:
    """Export the stored records as JSON Lines, or per-field tables as CSV or Parquet."""
    from .store import Store

    if not db.exists():
        _err(f"error: {db}: no such database")
        raise typer.Exit(2)
    if fmt not in ("jsonl", "csv", "parquet"):
        _err(f"error: unknown format {fmt!r}; use jsonl, csv or parquet")
        raise typer.Exit(2)
    if field and field not in FIELDS:
        _err(f"error: unknown field {field!r}; one of {', '.join(FIELDS)}")
        raise typer.Exit(2)
    store = Store(db)
    try:
        if fmt == "jsonl":
            out = output.open("w", encoding="utf-8") if output else sys.stdout
            for record in store.records():
                out.write(record.to_json() + "\n")
            if output:
                out.close()
            return
        fields = [field] if field else list(FIELDS)
        if len(fields) > 1 and output is None:
            _err("error: exporting every field needs -o DIRECTORY (or --field F)")
            raise typer.Exit(2)
        for name in fields:
            target = output / f"{name}.{fmt}" if len(fields) > 1 else output
            if len(fields) > 1:
                output.mkdir(parents=True, exist_ok=True)
            _write_table(fmt, *store.table(name), target)
    finally:
        store.close()


def _write_table(fmt: str, header: list[str], rows, target: Optional[Path]) -> None:
    import csv

    if fmt == "csv":
        out = target.open("w", encoding="utf-8", newline="") if target else sys.stdout
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        if target:
            out.close()
        return
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        _err("error: parquet export needs the optional extra: pip install 'extract-id[parquet]'")
        raise typer.Exit(2) from None
    if target is None:
        _err("error: parquet export needs -o FILE")
        raise typer.Exit(2)
    columns = list(zip(*rows)) or [[] for _ in header]
    pq.write_table(pa.table({h: list(c) for h, c in zip(header, columns)}), target)


# --- maintainer and evaluator commands: explain, review, diff, rules check ---------------

_LOOKS_LIKE_FILE = (".txt", ".jsonl")


def _explain_articles(source: str, published) -> list:
    """The articles `extract explain` shows: stdin (`-`), a .txt/.jsonl file, or the text itself."""
    from .pipeline import Article
    from .sources import InputError, read_inputs

    if source == "-":
        return [Article(text=sys.stdin.read(), published=published)]
    path = Path(source)
    try:
        is_file = path.is_file()
    except OSError:  # e.g. a text longer than a file name may be
        is_file = False
    if is_file:
        articles = []
        for item in read_inputs([path]):
            if isinstance(item, InputError):
                _err(f"{'error' if item.fatal else 'warning'}: {item}")
            else:
                item.published = published or item.published
                articles.append(item)
        return articles
    if source.endswith(_LOOKS_LIKE_FILE) and not any(c.isspace() for c in source):
        raise typer.BadParameter(f"no such file: {source}")
    return [Article(text=source, published=published)]


class _exit_on_data_errors:
    """A broken rules or gold file ends the command with its one-line error (file:line: problem)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        from .gold import GoldError
        from .rules import RuleFileError

        if isinstance(error, (RuleFileError, GoldError)):
            _err(f"error: {error}")
            raise typer.Exit(1) from None
        return False


def _iso_date(value: Optional[str]):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _check_fields(fields: Optional[list[str]]) -> tuple[str, ...]:
    unknown = sorted(set(fields or ()) - set(FIELDS))
    if unknown:
        raise typer.BadParameter(f"unknown field(s) {', '.join(unknown)}; choose from {', '.join(FIELDS)}")
    return tuple(fields) if fields else FIELDS


@app.command("explain")
def explain_command(
    source: str = typer.Argument(..., help="The text itself, a .txt or .jsonl file, or - for stdin"),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD), for relative dates"),
    fields: Optional[list[str]] = typer.Option(None, "--field", help="Only this field (repeatable)"),
) -> None:
    """Show mentions highlighted by field, their values and rules, and rejected candidates."""
    from rich.console import Console

    from .explain import explain
    from .pipelinecache import load_pipeline

    articles = _explain_articles(source, _iso_date(published))
    with _exit_on_data_errors():
        pipeline = load_pipeline(fields=_check_fields(fields))
    explain(articles, pipeline, Console(highlight=False))


@app.command("review")
def review_command(
    gold_dir: Path = typer.Option(Path("gold"), "--gold", help="Directory of gold records"),
    pred: Optional[Path] = typer.Option(None, "--pred", exists=True, dir_okay=False, help="Predicted records (.jsonl); without it, the pipeline runs on the gold articles"),
    output: Path = typer.Option(Path("review.html"), "-o", "--output", help="The HTML page to write"),
    texts: Optional[list[Path]] = typer.Option(None, "--texts", help="Where the gold articles' texts are (default: corpus/ and the shared corpus); repeatable"),
) -> None:
    """Write an HTML page: scores, and gold vs predicted mentions per article, FP/FN marked."""
    from .gold import DEFAULT_TEXTS
    from .review import write_review

    with _exit_on_data_errors():
        review = write_review(gold_dir, output, pred, tuple(texts) if texts else DEFAULT_TEXTS)
    _err(f"review of {len(review.report.per_article)} gold articles written to {output}")


@app.command("diff")
def diff_command(
    a: Path = typer.Argument(..., exists=True, dir_okay=False, help="The earlier run (.jsonl)"),
    b: Path = typer.Argument(..., exists=True, dir_okay=False, help="The later run (.jsonl)"),
    fields: Optional[list[str]] = typer.Option(None, "--field", help="Only this field (repeatable)"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """What changed from run A to run B, per field: mentions added, removed and changed."""
    from rich.console import Console

    from .diff import diff_records, print_diff
    from .evaluate import load_predictions

    try:
        runs = [load_predictions(path) for path in (a, b)]
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        _err(f"error: not a file of records (one JSON object with doc_id per line): {err}")
        raise typer.Exit(2) from None
    result = diff_records(*runs, fields=_check_fields(fields))
    if as_json:
        print(json.dumps(result.as_dict(), indent=1, ensure_ascii=False, default=str))
    else:
        print_diff(result, Console(highlight=False))


rules_app = typer.Typer(no_args_is_help=True, help="Check the rules files in rules/.")
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(
    names: Optional[list[str]] = typer.Argument(None, help="Rules files to check, without .yaml (default: all)"),
) -> None:
    """Validate the rules files and run their examples (exit 1 on failure; EXTRACT_RULES_DIR sets the directory)."""
    from .rulefiles import check_report, check_rules

    checks = check_rules(names=names)
    print(check_report(checks))
    raise typer.Exit(0 if all(c.ok for c in checks) else 1)
