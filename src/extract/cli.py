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
