"""The `extract` command."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from .models import FIELDS

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Extract regions, dates, officials, counts, percentages and money from Indonesian news.")


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from .models import Record

    print(json.dumps(Record.model_json_schema(), indent=2, ensure_ascii=False))


@app.command()
def run(
    paths: list[Path] = typer.Argument(..., help=".txt files, directories of them, or .jsonl files"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="JSON Lines output (default: stdout)"),
    progress: bool = typer.Option(True, help="Show a progress bar on stderr when it is a terminal"),
) -> None:
    """Extract one JSON record per article, in input order."""
    from .pipeline import Pipeline
    from .sources import InputError, read_inputs

    started = time.perf_counter()
    pipeline = Pipeline()
    mentions: Counter[str] = Counter()
    articles = errors = warnings = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    bar = _progress_bar() if progress and sys.stderr.isatty() else None
    try:
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                if item.fatal:
                    errors += 1
                else:
                    warnings += 1
                _err(f"{'error' if item.fatal else 'warning'}: {item}")
                continue  # a warning's article follows as its own item
            try:
                record = pipeline(item)
            except Exception as exc:  # one bad article must not stop the run
                errors += 1
                _err(f"error: {item.source or item.doc_id}: extraction failed: {type(exc).__name__}: {exc}")
                continue
            out.write(record.model_dump_json() + "\n")
            articles += 1
            for f in FIELDS:
                mentions[f] += len(getattr(record, f))
            if bar:
                bar.update(bar.task_ids[0], advance=1)
    finally:
        if bar:
            bar.stop()
        if output:
            out.close()
    seconds = time.perf_counter() - started
    per_field = " ".join(f"{f}={mentions[f]}" for f in FIELDS)
    _err(f"summary: articles={articles} {per_field} errors={errors} warnings={warnings} seconds={seconds:.2f}")
    raise typer.Exit(1 if errors else 0)


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
) -> None:
    """Score predictions against the gold set: P/R/F1 per field, three views, attributes."""
    from .evaluate import evaluate
    from .report import error_listing, full_report, score_table

    result, texts = evaluate(gold_dir, pred)
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
) -> None:
    """Add articles to a SQLite store: new texts only, new versions of changed texts, per-batch transactions."""
    from .sources import InputError, read_inputs
    from .store import Store

    started = time.perf_counter()
    store = Store(db)
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
        for item in read_inputs(paths or []):
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
                out.write(record.model_dump_json() + "\n")
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
