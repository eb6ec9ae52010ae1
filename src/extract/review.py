"""`extract review`: one self-contained HTML page for reading the system's errors.

The page holds the per-field score table (lenient, strict, document) and, per gold
article, its text twice, side by side: gold mentions on the left, predicted ones on the
right, each highlighted in its field's colour; false negatives (gold mentions the system
missed) and false positives (predictions matching no gold mention) are outlined and
badged.  Checkboxes filter by field, and the state is kept in the URL hash
(`#fields=dates,money&errors`), so a filtered view can be bookmarked.  No network: the
CSS and JS are inline and a Content-Security-Policy forbids loading anything.
"""
from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from .evaluate import evaluate, load_predictions
from .explain import FIELD_COLOURS, meaning
from .gold import DEFAULT_TEXTS, gold_articles, load_gold
from .pipeline import Article
from .pipelinecache import load_pipeline
from .scoring import VIEWS, Report, relevant


@dataclass
class Review:
    """What the page shows: the score report, the texts, and both sides' mentions."""

    report: Report
    texts: dict[str, str]
    gold: dict[str, dict[str, Any]]
    predictions: dict[str, dict[str, Any]]
    predicted_by: str


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str
    kind: str  # tp, fp or fn
    meaning: str  # the attributes and the rule, as one line

    @property
    def title(self) -> str:
        return f"{self.field} · {self.kind.upper()} · {self.meaning}"


def _predict(gold_dir: Path, sources, out: Path) -> None:
    """Run the pipeline over the gold articles whose texts are at hand; records to `out`."""
    pipeline = load_pipeline()
    with out.open("w", encoding="utf-8") as handle:
        for item in gold_articles(load_gold(gold_dir), sources):
            if isinstance(item, Article):
                handle.write(pipeline(item).to_json() + "\n")


def collect(gold_dir: Path, pred_path: Path | None = None, sources=DEFAULT_TEXTS) -> Review:
    """Score `pred_path` (or a fresh pipeline run) on the gold set and keep both sides."""
    if pred_path is None:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "predictions.jsonl"
            _predict(gold_dir, sources, fresh)
            review = collect(gold_dir, fresh, sources)
        review.predicted_by = "a fresh pipeline run"
        return review
    report, texts = evaluate(gold_dir, pred_path, sources)
    gold = {d: g.model_dump() for d, g in load_gold(gold_dir).items() if d in texts}
    return Review(report, texts, gold, load_predictions(pred_path), str(pred_path))


def _error_key(doc_id: str, field: str, kind: str, mention: dict[str, Any]) -> tuple:
    return doc_id, field, kind, json.dumps(mention, sort_keys=True, default=str)


def _marks(review: Review, doc_id: str, side: str, errors: Counter) -> list[Mark]:
    """The marks of one side ("gold" or "pred") of an article, classified by the report's
    errors (`errors` counts them by `_error_key` and is used up as they are found)."""
    record = (review.gold if side == "gold" else review.predictions).get(doc_id, {})
    miss = "fn" if side == "gold" else "fp"
    marks = []
    for field in review.report.fields:
        for m in relevant(field, record.get(field) or []):
            key = _error_key(doc_id, field, miss, m)
            kind = miss if errors[key] > 0 else "tp"
            errors[key] -= kind == miss
            rule = f" · rule {m['rule']}" if m.get("rule") else ""
            marks.append(Mark(m["start"], m["end"], field, kind, meaning(m) + rule))
    return marks


def marked_html(text: str, marks: list[Mark]) -> str:
    """The escaped text with a `<mark>` per mention; a mark crossing another is split so
    that the tags nest."""
    def open_tag(m: Mark) -> str:
        return f'<mark class="m f-{m.field} {m.kind}" data-field="{m.field}" title="{escape(m.title)}">'

    starts: dict[int, list[Mark]] = {}
    for m in marks:
        if m.end > m.start:
            starts.setdefault(m.start, []).append(m)
    boundaries = sorted({0, len(text), *starts, *(m.end for m in marks)})
    stack: list[Mark] = []
    out = []
    for here, following in zip(boundaries, boundaries[1:] + [None]):
        ending = [i for i, m in enumerate(stack) if m.end == here]
        if ending:
            reopened = [m for m in stack[ending[0]:] if m.end != here]
            out.append("</mark>" * (len(stack) - ending[0]))
            del stack[ending[0]:]
            out += [open_tag(m) for m in reopened]
            stack += reopened
        for m in sorted(starts.get(here, []), key=lambda m: -m.end):
            out.append(open_tag(m))
            stack.append(m)
        if following is not None:
            out.append(escape(text[here:following]))
    return "".join(out)


def _score_table(report: Report) -> str:
    head = "".join(f'<th colspan="3">{v}</th>' for v in VIEWS)
    sub = "".join("<th>P</th><th>R</th><th>F1</th>" for _ in VIEWS)
    rows = []
    for field, s in report.fields.items():
        cells = "".join(f"<td>{s.views[v].precision:.3f}</td><td>{s.views[v].recall:.3f}</td><td>{s.views[v].f1:.3f}</td>"
                        for v in VIEWS)
        c = s.views["lenient"]
        attrs = ", ".join(f"{a} {v:.3f}" for a, v in s.attribute_accuracy().items()) or "–"
        rows.append(f'<tr class="f-{field}"><th><span class="swatch f-{field}"></span>{field}</th>{cells}'
                    f"<td>{c.tp}</td><td>{c.fp}</td><td>{c.fn}</td><td>{escape(attrs)}</td></tr>")
    return (f'<table id="scores" class="scores"><thead><tr><th rowspan="2">field</th>{head}'
            f'<th colspan="3">lenient counts</th><th rowspan="2">attribute accuracy</th></tr>'
            f"<tr>{sub}<th>TP</th><th>FP</th><th>FN</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _article(review: Review, doc_id: str, errors: Counter) -> str:
    text = review.texts[doc_id]
    gold, pred = _marks(review, doc_id, "gold", errors), _marks(review, doc_id, "pred", errors)
    per_field = review.report.per_article[doc_id]
    error_counts = {f: c.fp + c.fn for f, c in per_field.items()}
    summary = " ".join(f'<span class="f-{f}">{f} {c.tp}/{c.fp}/{c.fn}</span>' for f, c in per_field.items())
    listing = "".join(
        f'<li class="f-{m.field} {m.kind}"><b>{m.kind.upper()}</b> {m.start}-{m.end} '
        f"<q>{escape(text[m.start:m.end])}</q> {m.field} · {escape(m.meaning)}</li>"
        for m in sorted(gold + pred, key=lambda m: (m.start, m.end)) if m.kind != "tp")
    missing = '<p class="warn">no prediction for this article</p>' if doc_id in review.report.missing_predictions else ""
    return (f'<section class="article" id="{escape(doc_id)}" data-errors="{escape(json.dumps(error_counts))}">'
            f'<h2>{escape(doc_id)}</h2>{missing}<p class="tally">TP/FP/FN (lenient): {summary}</p>'
            f'<div class="sides"><div class="side gold"><h3>gold</h3><div class="text">{marked_html(text, gold)}</div></div>'
            f'<div class="side pred"><h3>predicted</h3><div class="text">{marked_html(text, pred)}</div></div></div>'
            f'<details{" open" if listing else ""}><summary>errors</summary><ul>{listing}</ul></details></section>')


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
table.scores{border-collapse:collapse;margin:1em 0}
.scores th,.scores td{border:1px solid #ccc;padding:.2em .5em;text-align:right}
.scores tbody th{text-align:left}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px}
#filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}
#filters label{margin-right:1em;white-space:nowrap}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:.6em;border-radius:4px;background:#fcfcfc}
mark.m{color:inherit;padding:0 1px;border-radius:2px}
mark.fp{outline:2px dashed #d50000;outline-offset:1px}
mark.fn{outline:2px solid #212121;outline-offset:1px}
mark.fp::after,mark.fn::after{font-size:.7em;font-weight:bold;color:#fff;padding:0 2px;margin-left:2px;vertical-align:super}
mark.fp::after{content:"FP";background:#d50000}
mark.fn::after{content:"FN";background:#212121}
li.fp b{color:#d50000} li.fn b{color:#212121}
.legend mark{margin-right:1em;background:#eee}
.warn{color:#d50000}
"""

_JS = """
const toggles = [...document.querySelectorAll('input.field-toggle')];
const onlyErrors = document.getElementById('only-errors');
function apply() {
  const shown = toggles.filter(t => t.checked).map(t => t.value);
  for (const t of toggles) document.body.classList.toggle('hide-' + t.value, !t.checked);
  let count = 0;
  for (const a of document.querySelectorAll('section.article')) {
    const errors = JSON.parse(a.dataset.errors);
    a.hidden = onlyErrors.checked && !shown.some(f => errors[f] > 0);
    if (!a.hidden) count++;
  }
  document.getElementById('shown').textContent = count;
  try { history.replaceState(null, '', '#fields=' + shown.join(',') + (onlyErrors.checked ? '&errors' : '')); } catch (e) {}
}
const state = new URLSearchParams(location.hash.slice(1));
if (state.has('fields')) {
  const wanted = state.get('fields').split(',');
  for (const t of toggles) t.checked = wanted.includes(t.value);
}
onlyErrors.checked = state.has('errors');
for (const input of [...toggles, onlyErrors]) input.addEventListener('change', apply);
apply();
"""


def _field_css(fields: list[str]) -> str:
    rules = []
    for f in fields:
        c = FIELD_COLOURS[f]
        rules.append(f".f-{f}.swatch{{background:{c}}} mark.f-{f}{{background:{c}2e;border-bottom:2px solid {c}}} "
                     f"span.f-{f}{{color:{c}}} .hide-{f} mark.f-{f}{{background:none;border:none;outline:none}} "
                     f".hide-{f} mark.f-{f}::after{{content:none}} .hide-{f} li.f-{f}{{display:none}} "
                     f".hide-{f} tr.f-{f}{{opacity:.35}}")
    return "\n".join(rules)


def render(review: Review) -> str:
    """The whole page."""
    fields = list(review.report.fields)
    toggles = "".join(f'<label><input type="checkbox" class="field-toggle" value="{f}" checked> '
                      f'<span class="swatch f-{f}"></span>{f}</label>' for f in fields)
    errors = Counter(_error_key(e.doc_id, e.field, e.kind, e.mention) for e in review.report.errors)
    articles = "".join(_article(review, d, errors) for d in review.report.per_article)
    missing = review.report.missing_predictions
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>extract review</title><style>{_CSS}{_field_css(fields)}</style></head>
<body>
<h1>extract review</h1>
<p>{len(review.report.per_article)} gold articles; predictions: {escape(review.predicted_by)}.
{f'<span class="warn">No prediction for: {escape(", ".join(missing))}</span>' if missing else ''}</p>
{_score_table(review.report)}
<p class="legend">Marks: <mark class="m tp">matched</mark><mark class="m fn">missed (gold only)</mark><mark class="m fp">false (predicted only)</mark>
Marks follow the lenient view; hover a mark for its attributes and rule.</p>
<div id="filters">{toggles}<label><input type="checkbox" id="only-errors"> only articles with errors</label>
<span><span id="shown">{len(review.report.per_article)}</span> articles shown</span></div>
{articles}
<script>{_JS}</script>
</body></html>
"""


def write_review(gold_dir: Path, out: Path, pred_path: Path | None = None, sources=DEFAULT_TEXTS) -> Review:
    review = collect(gold_dir, pred_path, sources)
    out.write_text(render(review), encoding="utf-8")
    return review
