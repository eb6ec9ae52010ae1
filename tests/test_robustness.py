"""Any input: the pipeline never raises, every offset is exact, every value is finite, every date
is ISO 8601 within the years 0001-9999, every record is one `Record` accepts in strict mode (the
pipeline builds records without validation), and adversarial inputs cost time linear in their
length (no catastrophic backtracking)."""
import math
import re
import time
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.models import FIELDS, Record
from extract.pipeline import Article, Pipeline

REPO = Path(__file__).resolve().parents[1]
PIPELINE = Pipeline()
ISO_DATE = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-W(?:0[1-9]|[1-4]\d|5[0-3])|-Q[1-4]|-H[12])?")
SENTENCES = [
    s for p in sorted((REPO / "corpus").glob("*.txt"))
    for s in re.split(r"(?<=[.!?\n])\s+", p.read_text(encoding="utf-8")) if s.strip()
]


def check_record(text: str, published=None) -> None:
    record = PIPELINE(Article(text=text, published=published))
    assert Record.from_json(record.to_json(), strict=True) == record
    for m in record.dates:
        assert ISO_DATE.fullmatch(m.value) and (m.value_end is None or ISO_DATE.fullmatch(m.value_end)), m
    for field in FIELDS:
        for m in getattr(record, field):
            assert text[m.start:m.end] == m.text, (field, m)
            for name in ("value", "value_max"):
                v = getattr(m, name, None)
                if isinstance(v, float):
                    assert math.isfinite(v), (field, m)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode(text):
    check_record(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    st.integers(0, 40), st.integers(0, 40),
    st.sampled_from(["", " ", "\n", "\u00a0", "\u200b", "Rp", "(", "/", "-"]),
    st.dates(),
)
def test_shuffled_glued_truncated_sentences(parts, cut_left, cut_right, glue, published):
    text = glue.join(parts)
    text = text[cut_left: max(cut_left, len(text) - cut_right)]
    check_record(text, published)


# Date- and number-shaped phrases with any numbers, possible or not ("Kamis (22/13)", "31/2/2024",
# "Q7 2025"), where a resolver could fail on a value no real article has.
SHAPES = [
    "Kamis ({a}/{b})", "({a}/{b})", "{a}/{b}/{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "{a} Februari {c}",
    "{a}-{b} Maret {c}", "tanggal {a} bulan {b}", "Q{a} {c}", "kuartal {a} tahun {c}", "semester {a} {c}",
    "{a} hari lalu", "{a} pekan lalu", "{a} bulan ke depan", "{a} tahun yang lalu", "tahun {c}", "{a}-an",
    "Rp{a}.{b} juta", "{a},{b} persen", "{a} hingga {b} orang", "{a} ribu warga", "Rp {a}-{b} miliar per bulan",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(SHAPES), st.integers(0, 99), st.integers(0, 99), st.integers(0, 3000)),
             min_size=1, max_size=4),
    st.one_of(st.none(), st.sampled_from([date.min, date.max]), st.dates()),
)
def test_date_and_number_shapes_with_any_numbers(phrases, published):
    text = " ".join(f"Rapat {shape.format(a=a, b=b, c=c)} di kantor." for shape, a, b, c in phrases)
    check_record(text, published)


ADVERSARIAL = {
    "digits": "1" * 4000,
    "digits and dots": "1." * 2000,
    "digits and commas": "1," * 2000,
    "dots": "." * 4000,
    "spaces": " " * 4000,
    "capitalized words": "Kepala Dinas Tenaga " * 200,
    "rupiah run": "Rp " * 1000 + "1",
    "numbers with scale words": "1,5 juta " * 400,
    "slashes": "12/" * 1300,
    "dash ranges": "1-" * 2000,
    "title chain": "Bupati Wakil Gubernur Kepala Badan " * 100,
}


def _seconds(text: str) -> float:
    start = time.perf_counter()
    PIPELINE(Article(text=text))
    return time.perf_counter() - start


def test_adversarial_inputs_cost_linear_time():
    """Doubling the input at most roughly doubles the time (a generous 4x bound absorbs noise)."""
    for name, text in ADVERSARIAL.items():
        half = text[: len(text) // 2]
        _seconds(half)  # warm
        t_half = min(_seconds(half) for _ in range(3))
        t_full = min(_seconds(text) for _ in range(3))
        assert t_full < max(4 * t_half, 0.02), f"{name}: {t_half:.4f}s -> {t_full:.4f}s"
