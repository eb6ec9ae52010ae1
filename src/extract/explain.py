"""`extract explain`: why the pipeline found what it found in one text.

Shows the text with every mention highlighted in its field's colour, a table of the
mentions (normalized value and the id of the rule that fired) and a table of the
candidates the components turned down, with their reasons.  On a terminal the highlight
is colour; elsewhere (pipes, files, tests) each mention is written `[text](field)`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .document import Document
from .pipeline import Article

# One colour per field, shared with the HTML review page.
FIELD_COLOURS: dict[str, str] = {
    "regions": "#2e7d32",
    "dates": "#00838f",
    "officials": "#8e24aa",
    "counts": "#ef6c00",
    "percentages": "#1565c0",
    "money": "#c2185b",
}
# Attributes that place a mention rather than say what it means.
PLACE = ("text", "start", "end", "rule")


class Annotator(Protocol):
    fields: tuple[str, ...]

    def annotate(self, article: Article) -> Document: ...


def meaning(mention: dict[str, Any]) -> str:
    """What a mention (as a dict) means: its attributes other than span and rule, `None`s left out."""
    return " ".join(f"{k}={v}" for k, v in mention.items() if k not in PLACE and v is not None)


def _mentions(doc: Document, fields: Iterable[str]) -> list[tuple[str, Any]]:
    found = [(f, m) for f in fields for m in doc.results.get(f, [])]
    return sorted(found, key=lambda fm: (fm[1].start, -fm[1].end))


def highlighted(doc: Document, fields: Iterable[str], plain: bool) -> Text:
    """The text with every mention of `fields` marked: colour, or `[text](field)` when plain."""
    mentions = _mentions(doc, fields)
    if plain:
        return Text(_bracketed(doc.text, [(m.start, m.end, f) for f, m in mentions]))
    text = Text(doc.text)
    for start, end in doc.boilerplate:
        text.stylize("dim", start, end)
    for field, m in mentions:
        style = f"bold {FIELD_COLOURS[field]}" + (" underline" if field == "officials" else "")
        text.stylize(style, m.start, m.end)
    return text


def _bracketed(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` with `[` before and `](field)` after every span; nested spans nest."""
    opens: dict[int, list[tuple[int, int, str]]] = {}
    closes: dict[int, list[tuple[int, int, str]]] = {}
    for span in spans:
        opens.setdefault(span[0], []).append(span)
        closes.setdefault(span[1], []).append(span)
    parts, last = [], 0
    for i in sorted(set(opens) | set(closes)):
        parts.append(text[last:i])
        # Inner spans close before outer ones, outer spans open before inner ones.
        parts += [f"]({f})" for _, _, f in sorted(closes.get(i, []), key=lambda s: -s[0])]
        parts += ["[" for _ in sorted(opens.get(i, []), key=lambda s: -s[1])]
        last = i
    parts.append(text[last:])
    return "".join(parts)


def mention_table(doc: Document, fields: Iterable[str]) -> Table:
    table = Table(title="Mentions", show_lines=False)
    for column in ("field", "span", "text", "normalized value", "rule"):
        table.add_column(column, overflow="fold")
    for field, m in _mentions(doc, fields):
        table.add_row(Text(field, style=FIELD_COLOURS[field]), f"{m.start}-{m.end}", Text(m.text), Text(meaning(asdict(m))), Text(m.rule))
    return table


def rejection_table(doc: Document, fields: Iterable[str]) -> Table:
    table = Table(title="Rejected candidates")
    for column in ("field", "span", "text", "reason"):
        table.add_column(column, overflow="fold")
    wanted = set(fields)
    for r in sorted(doc.rejections, key=lambda r: (r.start, r.end)):
        if r.field in wanted:
            table.add_row(Text(r.field, style=FIELD_COLOURS.get(r.field, "")), f"{r.start}-{r.end}", Text(r.text), Text(r.reason))
    return table


def explain(articles: Iterable[Article], pipeline: Annotator, console: Console) -> None:
    """Annotate each article and print the highlighted text and the two tables."""
    plain = not console.is_terminal
    for article in articles:
        doc = pipeline.annotate(article)
        published = doc.published.isoformat() if doc.published else "unknown"
        console.rule(Text(f"{doc.doc_id or 'text'} · published {published}"))
        if not plain:
            console.print(Text("  ").join(Text(f, style=f"bold {c}") for f, c in FIELD_COLOURS.items() if f in pipeline.fields))
        console.print(highlighted(doc, pipeline.fields, plain), soft_wrap=True)
        console.print(mention_table(doc, pipeline.fields))
        rejected = rejection_table(doc, pipeline.fields)
        console.print(rejected if rejected.row_count else Text("No rejected candidates."))
