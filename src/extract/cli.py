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

import click

from .models import FIELDS


class _Command(click.Command):
    """A command listed under its group with its whole help sentence (click would shorten it to fit)."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=sys.maxsize)


class _Group(click.Group):
    """A group listing its commands in the order they are defined (click would sort them)."""

    command_class = _Command
    group_class = type  # its subgroups are _Groups too

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_Group, no_args_is_help=True, context_settings={"show_default": True})
def app() -> None:
    """Extract regions, dates, officials, counts, percentages and money from Indonesian news."""


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


MAX_ARTICLE_MB_OPTION = click.option("--max-article-mb", type=click.FloatRange(min=0.001), default=10.0,
                                     help="Refuse an article of more than this many MiB of text (an error; the others are processed)")

TIME_BUDGET_OPTION = click.option("--time-budget", type=click.FloatRange(min=0),
                                  help="Seconds one article may take before it is stopped with an error (default 20; 0: no limit)")

FIELD_OPTION = click.option("--field", "fields", multiple=True, help="Only this field (repeatable)")

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Machine-readable output")

GOLD_OPTION = click.option("--gold", "gold_dir", type=click.Path(path_type=Path), default=Path("gold"),
                           help="Directory of gold records")


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
@click.argument("paths", nargs=-1, required=True, help=".txt/.html/.json/.jsonl files, directories of them, or - for stdin")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="JSON Lines output (default: stdout)")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, help="Worker processes (output order is kept)")
@click.option("--glob", default="*", help="File pattern inside directories")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr when it is a terminal")
@MAX_ARTICLE_MB_OPTION
@TIME_BUDGET_OPTION
def run(paths: tuple[str, ...], output: Optional[Path], workers: int, glob: str, progress: bool,
        max_article_mb: float, time_budget: Optional[float]) -> None:
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
    raise click.exceptions.Exit(1 if counts["errors"] else 0)


def _progress_bar():
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    bar.add_task("extract", total=None)
    bar.start()
    return bar


@app.command()
@click.argument("pred", required=False, type=click.Path(path_type=Path),
                help="Predicted records (.jsonl); without it, the pipeline runs on the gold articles")
@GOLD_OPTION
@click.option("--errors", is_flag=True, help="List every false positive and negative")
@JSON_OPTION
@click.option("--report", type=click.Path(path_type=Path), help="Write a Markdown report here")
@click.option("--view", default="lenient", help="View for the summary table: lenient, strict, document")
@click.option("--field", "fields", multiple=True,
              help="Score only this field (repeatable; default all), e.g. for a set labeled for one field")
def score(pred: Optional[Path], gold_dir: Path, errors: bool, as_json: bool, report: Optional[Path], view: str,
          fields: tuple[str, ...]) -> None:
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
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), help="Inputs, as for `extract run`")
@click.option("--db", type=click.Path(path_type=Path), required=True, help="SQLite database file (created if absent)")
@click.option("--reprocess", is_flag=True, help="Re-extract stored articles whose rules version is older than the current one")
@click.option("--batch", default=200, help="Articles per transaction")
@MAX_ARTICLE_MB_OPTION
@TIME_BUDGET_OPTION
def ingest(paths: tuple[Path, ...], db: Path, reprocess: bool, batch: int, max_article_mb: float,
           time_budget: Optional[float]) -> None:
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
        for item in read_inputs(paths, max_article_mb=max_article_mb):
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
    raise click.exceptions.Exit(1 if stats["errors"] else 0)


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
@click.option("--db", type=click.Path(path_type=Path), required=True, help="SQLite database written by `extract ingest`")
@click.option("--format", "fmt", default="jsonl", help="jsonl (records), csv or parquet (one flat table per field)")
@click.option("--field", help="Only this field's table (csv, parquet)")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (jsonl, or one field) or directory (all fields)")
def export(db: Path, fmt: str, field: Optional[str], output: Optional[Path]) -> None:
    """Export the stored records as JSON Lines, or per-field tables as CSV or Parquet."""
    from .store import Store

    if not db.exists():
        _err(f"error: {db}: no such database")
        raise click.exceptions.Exit(2)
    if fmt not in ("jsonl", "csv", "parquet"):
        _err(f"error: unknown format {fmt!r}; use jsonl, csv or parquet")
        raise click.exceptions.Exit(2)
    if field and field not in FIELDS:
        _err(f"error: unknown field {field!r}; one of {', '.join(FIELDS)}")
        raise click.exceptions.Exit(2)
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
            raise click.exceptions.Exit(2)
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
        raise click.exceptions.Exit(2) from None
    if target is None:
        _err("error: parquet export needs -o FILE")
        raise click.exceptions.Exit(2)
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
        raise click.BadParameter(f"no such file: {source}")
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
            raise click.exceptions.Exit(1) from None
        return False


def _iso_date(value: Optional[str]):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise click.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _check_fields(fields: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise click.BadParameter(f"unknown field(s) {', '.join(unknown)}; choose from {', '.join(FIELDS)}")
    return fields or FIELDS


@app.command("explain")
@click.argument("source", help="The text itself, a .txt or .jsonl file, or - for stdin")
@click.option("--published", help="Publication date (YYYY-MM-DD), for relative dates")
@FIELD_OPTION
def explain_command(source: str, published: Optional[str], fields: tuple[str, ...]) -> None:
    """Show mentions highlighted by field, their values and rules, and rejected candidates."""
    from rich.console import Console

    from .explain import explain
    from .pipelinecache import load_pipeline

    articles = _explain_articles(source, _iso_date(published))
    with _exit_on_data_errors():
        pipeline = load_pipeline(fields=_check_fields(fields))
    explain(articles, pipeline, Console(highlight=False))


@app.command("review")
@GOLD_OPTION
@click.option("--pred", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Predicted records (.jsonl); without it, the pipeline runs on the gold articles")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("review.html"), help="The HTML page to write")
@click.option("--texts", type=click.Path(path_type=Path), multiple=True,
              help="Where the gold articles' texts are (default: corpus/ and the shared corpus); repeatable")
def review_command(gold_dir: Path, pred: Optional[Path], output: Path, texts: tuple[Path, ...]) -> None:
    """Write an HTML page: scores, and gold vs predicted mentions per article, FP/FN marked."""
    from .gold import DEFAULT_TEXTS
    from .review import write_review

    with _exit_on_data_errors():
        review = write_review(gold_dir, output, pred, texts or DEFAULT_TEXTS)
    _err(f"review of {len(review.report.per_article)} gold articles written to {output}")


@app.command("diff")
@click.argument("a", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The earlier run (.jsonl)")
@click.argument("b", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The later run (.jsonl)")
@FIELD_OPTION
@JSON_OPTION
def diff_command(a: Path, b: Path, fields: tuple[str, ...], as_json: bool) -> None:
    """What changed from run A to run B, per field: mentions added, removed and changed."""
    from rich.console import Console

    from .diff import diff_records, print_diff
    from .evaluate import load_predictions

    try:
        runs = [load_predictions(path) for path in (a, b)]
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        _err(f"error: not a file of records (one JSON object with doc_id per line): {err}")
        raise click.exceptions.Exit(2) from None
    result = diff_records(*runs, fields=_check_fields(fields))
    if as_json:
        print(json.dumps(result.as_dict(), indent=1, ensure_ascii=False, default=str))
    else:
        print_diff(result, Console(highlight=False))


@app.group("rules", no_args_is_help=True)
def rules_app() -> None:
    """Check the rules files in rules/."""


@rules_app.command("check")
@click.argument("names", nargs=-1, help="Rules files to check, without .yaml (default: all)")
def rules_check(names: tuple[str, ...]) -> None:
    """Validate the rules files and run their examples (exit 1 on failure; EXTRACT_RULES_DIR sets the directory)."""
    from .rulefiles import check_report, check_rules

    checks = check_rules(names=names)
    print(check_report(checks))
    raise click.exceptions.Exit(0 if all(c.ok for c in checks) else 1)
