"""The scorer against hand-computed figures (spec section 5)."""
import pytest

from extract.report import error_listing, full_report
from extract.scoring import score, title_token_f1


def money(start, end, value, **kw):
    return {"text": "x" * (end - start), "start": start, "end": end, "value": value, "currency": "IDR",
            "value_max": None, "per": None, "qualifier": None, **kw}


def region(start, end, code, level="kota", **kw):
    return {"text": "x" * (end - start), "start": start, "end": end, "code": code, "name": "N", "level": level, **kw}


def official(start, end, name, title="Bupati Kutai Kartanegara"):
    return {"text": "x" * (end - start), "start": start, "end": end, "name": name, "title": title,
            "organization": None, "region_code": None}


def run(field, gold, pred):
    report = score({"a": {field: gold}}, {"a": {field: pred}}, fields=(field,))
    return report.fields[field]


def figures(counts):
    return counts.tp, counts.fp, counts.fn, round(counts.precision, 4), round(counts.recall, 4), round(counts.f1, 4)


def test_perfect_prediction():
    gold = [money(0, 10, 16800), money(20, 30, 3_000_000_000)]
    s = run("money", gold, [dict(m) for m in gold])
    assert figures(s.views["lenient"]) == (2, 0, 0, 1.0, 1.0, 1.0)
    assert figures(s.views["strict"]) == (2, 0, 0, 1.0, 1.0, 1.0)
    assert figures(s.views["document"]) == (2, 0, 0, 1.0, 1.0, 1.0)


def test_empty_prediction():
    s = run("money", [money(0, 10, 16800), money(20, 30, 5)], [])
    assert figures(s.views["lenient"]) == (0, 0, 2, 0.0, 0.0, 0.0)


def test_spurious_mention():
    gold = [money(0, 10, 16800)]
    s = run("money", gold, [money(0, 10, 16800), money(40, 45, 7)])
    # P = 1/2, R = 1, F1 = 2/3
    assert figures(s.views["lenient"]) == (1, 1, 0, 0.5, 1.0, 0.6667)


def test_missed_mention():
    s = run("money", [money(0, 10, 16800), money(40, 45, 7)], [money(0, 10, 16800)])
    assert figures(s.views["lenient"]) == (1, 0, 1, 1.0, 0.5, 0.6667)


def test_partial_overlap_is_lenient_not_strict():
    # gold "Rp3 miliar per tahun" at 10-30; prediction "lebih dari Rp3 miliar" at 0-20
    s = run("money", [money(10, 30, 3_000_000_000)], [money(0, 20, 3_000_000_000)])
    assert figures(s.views["lenient"]) == (1, 0, 0, 1.0, 1.0, 1.0)
    assert figures(s.views["strict"]) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_overlap_with_wrong_value_does_not_match():
    s = run("money", [money(0, 10, 16800)], [money(0, 10, 16000)])
    assert figures(s.views["lenient"]) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_two_predictions_on_one_gold_mention():
    s = run("money", [money(0, 20, 42_000_000)], [money(0, 10, 42_000_000), money(5, 20, 42_000_000)])
    assert figures(s.views["lenient"]) == (1, 1, 0, 0.5, 1.0, 0.6667)
    # document view: one key on each side
    assert figures(s.views["document"]) == (1, 0, 0, 1.0, 1.0, 1.0)


def test_alt_code_counts_as_right():
    gold = [region(0, 6, "35.73", alt_codes=["35.07"])]
    assert run("regions", gold, [region(0, 6, "35.07", level="kabupaten")]).views["lenient"].tp == 1
    assert run("regions", gold, [region(0, 6, "35.73")]).views["lenient"].tp == 1
    assert run("regions", gold, [region(0, 6, "35.08", level="kabupaten")]).views["lenient"].tp == 0


def test_prediction_alt_codes_earn_nothing():
    gold = [region(0, 6, "35.07", level="kabupaten")]
    pred = [region(0, 6, "35.73", alt_codes=["35.07"])]
    assert figures(run("regions", gold, pred).views["lenient"]) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_kecamatan_prediction_ignored():
    gold = [region(0, 10, "64.71")]
    pred = [region(0, 10, "64.71"), region(20, 30, "64.71.01", level="kecamatan")]
    assert figures(run("regions", gold, pred).views["lenient"]) == (1, 0, 0, 1.0, 1.0, 1.0)


def test_officials_match_by_name_alone():
    gold = [official(100, 140, "Edi Damansyah")]
    pred = [official(500, 520, "edi  damansyah", title="Bupati Kukar")]
    s = run("officials", gold, pred)
    assert figures(s.views["lenient"]) == (1, 0, 0, 1.0, 1.0, 1.0)
    assert s.views["strict"].tp == 0
    # title token F1: gold {bupati, kutai, kartanegara}, pred {bupati, kukar}: P 1/2, R 1/3 -> 0.4
    assert s.attribute_accuracy()["title_token_f1"] == pytest.approx(0.4)


def test_attribute_accuracy_on_matched_pairs():
    gold = [money(0, 10, 16800, per="bulan"), money(20, 30, 3_000_000_000, qualifier="gt", per="tahun")]
    pred = [money(0, 10, 16800, per="bulan"), money(20, 30, 3_000_000_000, per="tahun")]
    acc = run("money", gold, pred).attribute_accuracy()
    assert acc == {"value_max": 1.0, "per": 1.0, "qualifier": 0.5}


def test_values_compare_exactly_across_int_and_float():
    assert run("money", [money(0, 5, 1500000000)], [money(0, 5, 1500000000.0)]).views["lenient"].tp == 1


def test_micro_average_over_articles():
    gold = {"a": {"money": [money(0, 5, 1)]}, "b": {"money": [money(0, 5, 2), money(10, 15, 3)]}}
    pred = {"a": {"money": [money(0, 5, 1)]}, "b": {"money": [money(0, 5, 2)]}}
    c = score(gold, pred, fields=("money",)).fields["money"].views["lenient"]
    assert (c.tp, c.fp, c.fn) == (2, 0, 1)
    assert round(c.f1, 4) == 0.8


def test_missing_prediction_counts_as_empty_and_is_listed():
    report = score({"a": {"money": [money(0, 5, 1)]}}, {}, fields=("money",))
    assert report.missing_predictions == ["a"]
    assert report.fields["money"].views["lenient"].fn == 1


def test_error_listing_and_report_name_the_errors():
    text = "Dana Rp 5 juta dan Rp 7 juta."
    gold = {"a": {"money": [money(5, 14, 5_000_000)]}}
    pred = {"a": {"money": [money(19, 28, 7_000_000)]}}
    report = score(gold, pred, fields=("money",))
    listing = error_listing(report, {"a": text})
    assert "FN a 5-14" in listing and "FP a 19-28" in listing and "[Rp 7 juta]" in listing
    assert "| money | 0.000 | 0.000 | 0.000 | 0 | 1 | 1 |" in full_report(report)


@pytest.mark.parametrize("gold,pred,expected", [
    ("Bupati Kutai Kartanegara", "Bupati Kutai Kartanegara", 1.0),
    ("Kepala Dinas Tenaga Kerja Balikpapan", "Kepala Dinas Tenaga Kerja", 2 * (1 * 0.8) / 1.8),
    ("Bupati PPU", "Camat", 0.0),
])
def test_title_token_f1(gold, pred, expected):
    assert title_token_f1(gold, pred) == pytest.approx(expected)
