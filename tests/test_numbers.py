"""The shared number grammar: every form of spec section 2, exactly, and the scanner's offsets."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lokal import terbilang

from extract.numbers import english_thousands, parse_number, scan_numbers, split_decimal

PARSED = [
    # thousands with ".", decimals with ","
    ("54.307.662.320", 54307662320),
    ("16.800", 16800),
    ("1.000", 1000),
    ("46,5", Decimal("46.5")),
    ("0,13", Decimal("0.13")),
    ("2.162,5", Decimal("2162.5")),
    ("2.520.000.000,00", 2520000000),
    ("14.059.885,2", Decimal("14059885.2")),
    ("8000", 8000),
    ("46", 46),
    ("0", 0),
    # a lone "." not before three digits is a decimal point
    ("2.5 juta", 2500000),
    ("12.5", Decimal("12.5")),
    ("1.25", Decimal("1.25")),
    ("10.00", 10),
    # English grouping where it is plain
    ("1,500,000", 1500000),
    ("12,345,678", 12345678),
    ("1,500.50", Decimal("1500.5")),
    ("1,500", Decimal("1.5")),  # one group: Indonesian decimal
    # scale words and abbreviations
    ("1,5 juta", 1500000),
    ("4,03 ribu", 4030),
    ("1,25 triliun", 1250000000000),
    ("1,5 miliar", 1500000000),
    ("1,5 milyar", 1500000000),
    ("2.162,5 triliun", 2162500000000000),
    ("1.500 triliun", 1500000000000000),
    ("36 ribu", 36000),
    ("2 ribu", 2000),
    ("500 rb", 500000),
    ("500rb", 500000),
    ("3 jt", 3000000),
    ("2,3 M", 2300000000),
    ("2,3M", 2300000000),
    ("285 T", 285000000000000),
    ("15 juta.", 15000000),
    ("3.327.000,", 3327000),
    ("50 ribuan", 50000),
    ("2 juta 500 ribu", 2500000),
    ("1 juta 250 ribu", 1250000),
    # number words
    ("nol", 0),
    ("satu", 1),
    ("sembilan", 9),
    ("sepuluh", 10),
    ("sebelas", 11),
    ("tujuh belas", 17),
    ("dua puluh", 20),
    ("dua puluh lima", 25),
    ("sembilan puluh sembilan", 99),
    ("seratus", 100),
    ("seratus lima", 105),
    ("tiga ratus", 300),
    ("dua ratus lima belas", 215),
    ("seribu", 1000),
    ("seribu lima ratus", 1500),
    ("dua ribu dua puluh lima", 2025),
    ("delapan ratus lima puluh ribu", 850000),
    ("sejuta", 1000000),
    ("satu juta dua ratus ribu", 1200000),
    ("dua juta", 2000000),
    ("setengah", Decimal("0.5")),
    ("setengah juta", 500000),
    ("satu setengah", Decimal("1.5")),
    ("satu setengah juta", 1500000),
    ("dua setengah miliar", 2500000000),
    ("sejuta setengah", 1500000),
    ("Dua Puluh", 20),
    # mixtures
    ("2 juta lima ratus ribu", 2500000),
]

NOT_NUMBERS = [
    "puluhan", "ratusan", "ribuan", "jutaan", "puluhan ribu", "seorang", "sebuah", "sejumlah",
    "Rp", "persen", "dua dua", "lima puluh puluh", "ratus", "ribu", "belas", "", "abc", "5 juta 3",
    "seribu dua ribu", "nol ratus", "kedua",
]


@pytest.mark.parametrize("text,value", PARSED)
def test_parse_number(text, value):
    parsed = parse_number(text)
    assert parsed == Decimal(value)
    assert isinstance(parsed, Decimal)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text):
    assert parse_number(text) is None


def test_values_are_exact_decimals():
    assert parse_number("1,25 triliun") == Decimal("1250000000000")
    assert str(parse_number("0,1 juta")) == "100000"
    assert parse_number("66,13 triliun") == 66130000000000  # float would give 66129999999999.99


SCANNED = [
    ("Rp3.327.000, lalu", ["3.327.000"]),
    ("sebesar Rp 15 juta.", ["15 juta"]),
    ("anggaran Rp2,3M dan Rp500rb", ["2,3M", "500rb"]),
    ("naik dari 11,64 persen menjadi 12,02 persen", ["11,64", "12,02"]),
    ("dua puluh lima orang dan tiga warga", ["dua puluh lima", "tiga"]),
    ("puluhan ribu warga dan seorang guru", []),
    ("Rp 538 miliar10. Kabupaten", ["538 miliar", "10"]),
    ("Rp 36.189.084.0003. Ditjen", ["36.189.084.000"]),
    ("Rp500-600 ribu", ["500", "600 ribu"]),
    ("LQ45 naik 2,5%", ["45", "2,5"]),
    ("sepanjang 5 m dan Rp 5 M", ["5", "5 M"]),
    # The digit scan reads a lower-case copy: "m" and "t" there may be "M" and "T"; the case decides.
    ("5m, 2,5 t dan 3 T, 1.000m; 5 JUTA dan 2 Ribu", ["5", "2,5", "3 T", "1.000", "5 JUTA", "2 Ribu"]),
    ("kedua belah pihak", []),
    ("satu setengah juta orang", ["satu setengah juta"]),
    ("pada 2024 sebanyak 1.200 orang", ["2024", "1.200"]),
    ("sebanyak 50 ribuan warga", ["50 ribuan"]),
    ("Rp 9,000Man.", ["9,000"]),  # an abbreviated scale takes no "-an" (it used to raise KeyError)
    ("tarif 9,000Tan", ["9,000"]),
    # Digits with separators that nothing after them can go on with: read from the run alone.
    ("pukul 10.00. Lalu 1.2.3 dan 7,5 ton", ["10.00", "7,5"]),
    ("nomor 12.345.6789 dan 1.000.000,50.", ["12.345.678", "1.000.000,50"]),
    ("1.000 ribu dan 3.000", ["1.000 ribu", "3.000"]),
    # Words that the ASCII word scan reads like a starting word ("lalu" as "satu"), or that
    # stand glued to a word character, are none.
    ("lalu tua non Lalu dua, SATU_ satu2 Tiga-empat setengah", ["dua", "2", "Tiga", "empat setengah"]),
    ("sebelas.sepuluh(seratus) delapanpuluh semilyar", ["sebelas", "sepuluh", "seratus", "semilyar"]),
]


@pytest.mark.parametrize("text,numerals", SCANNED)
def test_scan_offsets(text, numerals):
    found = scan_numbers(text)
    assert [text[n.start:n.end] for n in found] == numerals
    for n in found:
        assert n.value == parse_number(text[n.start:n.end])


@pytest.mark.parametrize("text,numerals", SCANNED)
def test_scan_of_ascii_text_as_of_any_text(text, numerals):
    # ASCII text has scans of its own; a character outside ASCII sends it down the general path.
    assert scan_numbers(text) == scan_numbers(text + " é")


_WORD_PIECES = ["satu", "dua", "lima", "nol", "sebelas", "sejuta", "semiliar", "semilliar", "setengah", "lalu",
                "tua", "se", "seju", "puluh", "juta", "ribu", "an", "M", "5", "1.500", "2,5"]


_SEPARATORS = ["", " ", "  ", "\t", ",", ".", "-", "_", "0"]


@given(st.lists(st.tuples(st.sampled_from(_WORD_PIECES), st.sampled_from(_SEPARATORS),
                          st.sampled_from([str.lower, str.upper, str.capitalize])), max_size=8))
def test_ascii_scan_of_word_pieces_as_of_any_text(parts):
    # Number words, pieces of them and look-alikes, glued or apart: the ASCII scans (a marked copy
    # for the words) find what the general scans find.
    text = "".join(case(piece) + separator for piece, separator, case in parts)
    assert scan_numbers(text) == scan_numbers(text + " é")


def test_scan_reports_scale_and_words():
    text = "Rp 1,5 miliar untuk dua puluh warga"
    money, people = scan_numbers(text)
    assert (money.value, money.scale, money.in_words) == (Decimal(1500000000), 9, False)
    assert (people.value, people.scale, people.in_words) == (Decimal(20), 0, True)


def test_split_decimal_of_tokenized_text():
    text = "laba Rp 1, 4 triliun"
    first, second = scan_numbers(text)
    joined = split_decimal(text, first, second)
    assert joined is not None and joined.value == Decimal("1400000000000")
    assert text[joined.start:joined.end] == "1, 4 triliun"
    text = "nomor 1, 2 juta"
    first, second = scan_numbers("nomor 1, 2.000 juta")
    assert split_decimal("nomor 1, 2.000 juta", first, second) is None


def test_english_thousands_only_for_one_comma_group():
    text = "Rp 9,000 dan 9,5 dan 9,000 juta"
    first, second, third = scan_numbers(text)
    assert english_thousands(text, first) == 9000
    assert english_thousands(text, second) is None
    assert english_thousands(text, third) is None


# -- properties: Indonesian formatting parses back to the integer ----------------------------
def indonesian_digits(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_digits_parse_back(n):
    assert parse_number(indonesian_digits(n)) == n


SCALES = {3: "ribu", 6: "juta", 9: "miliar", 12: "triliun"}


@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(sorted(SCALES)),
)
def test_scaled_numbers_parse_back(mantissa, decimals, exponent):
    whole, fraction = divmod(mantissa, 10**decimals)
    text = indonesian_digits(whole)
    if decimals:
        text += "," + str(fraction).rjust(decimals, "0")
    text += " " + SCALES[exponent]
    assert parse_number(text) == mantissa * 10 ** (exponent - decimals)


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_words_parse_back(n):
    assert parse_number(terbilang(n)) == n


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["sebanyak ", "(", "Rp", "naik "]))
def test_scanner_finds_the_number_in_a_sentence(n, before):
    text = f"{before}{indonesian_digits(n)} orang."
    [found] = scan_numbers(text)
    assert (found.start, found.end, found.value) == (len(before), len(before) + len(indonesian_digits(n)), n)


def test_fast_built_numerals_have_every_field():
    # The scan builds NumberMatch with tuple.__new__ (no length check): a field added to the
    # named tuple without updating those places would give short tuples; this catches it.
    for n in scan_numbers("Rp 5 juta, 2024, dua warga, 1,5 persen, 1.500 orang dan tiga"):
        assert len(n) == len(type(n)._fields)
