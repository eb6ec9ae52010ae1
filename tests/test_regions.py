"""Regions (issue 5): real-world strings and what they must yield, case by case."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import Document
from extract.gazetteer import _gazetteer, _table_from_lokal, load_gazetteer
from extract.pipeline import Article, Pipeline
from extract.regions import RegionExtractor

SEEDS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(fields=["regions"])


def regions(pipeline: Pipeline, text: str) -> list[tuple[str, str, list[str] | None]]:
    """(span text, code, alt_codes) of every region mention (kecamatan left out), in text order."""
    record = pipeline(Article(text=text))
    for m in record.regions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.code, m.alt_codes) for m in record.regions if m.level != "kecamatan"]


CASES = [
    # Spans: the name plus a directly preceding capitalized type word.
    ("Pemerintah Kota Balikpapan menggelar rapat.", [("Kota Balikpapan", "64.71", None)]),
    ("Pemkot Balikpapan menggelar rapat.", [("Balikpapan", "64.71", None)]),
    ("Pemerintah Provinsi Kalimantan Timur menggelar rapat.", [("Provinsi Kalimantan Timur", "64", None)]),
    ("Pemerintah Kota (Pemkot) Malang menggelar rapat.", [("Malang", "35.73", None)]),
    ("Warga Kab. Kukar dan Prov. Kaltim.", [("Kab. Kukar", "64.02", None), ("Prov. Kaltim", "64", None)]),
    ("Pemerintah Kabupaten Penajam Paser Utara (PPU)", [("Kabupaten Penajam Paser Utara", "64.09", None), ("PPU", "64.09", None)]),
    # Regions inside titles and bodies.
    ("Bupati Kutai Kartanegara Edi Damansyah hadir.", [("Kutai Kartanegara", "64.02", None)]),
    ("Ketua DPRD Kaltim dan Kepala BPS NTB hadir.", [("Kaltim", "64", None), ("NTB", "52", None)]),
    ("Kepala BPJS Ketenagakerjaan Balikpapan, Teldi Rusnal", [("Balikpapan", "64.71", None)]),
    ("rapat di Kantor Gubernur Lampung kemarin", [("Lampung", "18", None)]),
    ("Wakil Gubernur Kalimantan Timur, Seno Aji", [("Kalimantan Timur", "64", None)]),
    # Aliases and nicknames.
    ("perlindungan bagi pekerja di Benua Etam dan Bumi Etam", [("Benua Etam", "64", None), ("Bumi Etam", "64", None)]),
    ("Kukar, Kutim, Kubar dan PPU", [("Kukar", "64.02", None), ("Kutim", "64.08", None), ("Kubar", "64.07", None), ("PPU", "64.09", None)]),
    ("Gubernur DKI Jakarta dan warga Jakarta", [("DKI Jakarta", "31", None), ("Jakarta", "31", None)]),
    ("di Jakarta Selatan dan Jaksel", [("Jakarta Selatan", "31.74", None), ("Jaksel", "31.74", None)]),
    ("Jabar, Jateng, Jatim, NTB dan NTT", [("Jabar", "32", None), ("Jateng", "33", None), ("Jatim", "35", None), ("NTB", "52", None), ("NTT", "53", None)]),
    ("Warga Tulangbawang dan Labuhan Batu", [("Tulangbawang", "18.05", None), ("Labuhan Batu", "12.10", None)]),
    # Datelines, also in capitals.
    ("BALIKPAPAN, IBUKOTAKINI.COM – Menindaklanjuti pertemuan", [("BALIKPAPAN", "64.71", None)]),
    ("TRIBUNKALTIM.CO, TENGGARONG - Sebanyak 51 ribu pekerja", []),
    ("Samarinda, infosatu.co – Pemerintah", [("Samarinda", "64.72", None)]),
    ("Bandarlampung (ANTARA) - Pemprov Lampung", [("Bandarlampung", "18.71", None), ("Lampung", "18", None)]),
    ("MALANG, KOMPAS.com - Hujan deras.", [("MALANG", "35.73", ["35.07"])]),
    # Kota vs kabupaten of one name: the nearest cue, same sentence first, then the article.
    ("Bupati Bogor meninjau pasar di Bogor.", [("Bogor", "32.01", None), ("Bogor", "32.01", None)]),
    ("Pemkab Sukabumi menggelar rapat. Banjir melanda Sukabumi.", [("Sukabumi", "32.02", None), ("Sukabumi", "32.02", None)]),
    ("Wali Kota Malang hadir. Bupati Malang absen. Hujan di Malang.",
     [("Malang", "35.73", None), ("Malang", "35.07", None), ("Malang", "35.07", None)]),
    ("Kata Bupati, harga cabai di Malang turun.", [("Malang", "35.07", None)]),
    ("Pemkot menyebut banjir di Bekasi surut.", [("Bekasi", "32.75", None)]),
    ("Harga cabai di Bekasi turun.", [("Bekasi", "32.75", ["32.16"])]),
    ("Tasik dan Kota Tasikmalaya", [("Tasik", "32.78", None), ("Kota Tasikmalaya", "32.78", None)]),
    ("Kabupaten/Kota Bekasi", [("Bekasi", "32.75", ["32.16"])]),
    # Banjar: Kota Banjar (Jawa Barat) or Kabupaten Banjar (Kalimantan Selatan).
    ("Wali Kota Banjar hadir di Balai Kota Banjar.", [("Banjar", "32.79", None), ("Banjar", "32.79", None)]),
    ("Wali kota Banjar dan Pemerintah Kota Banjar", [("Banjar", "32.79", None), ("Kota Banjar", "32.79", None)]),
    ("Bupati Banjar hadir.", [("Banjar", "63.03", None)]),
    ("Banjir di Banjar, Kalimantan Selatan.", [("Banjar", "63.03", None), ("Kalimantan Selatan", "63", None)]),
    ("Banjir di Banjar, Jawa Barat.", [("Banjar", "32.79", None), ("Jawa Barat", "32", None)]),
    # Province vs city of one name: the province unless a cue or a dateline says the city.
    ("Harga karet di Jambi naik.", [("Jambi", "15", None)]),
    ("Pemkot Jambi dan Kota Jambi", [("Jambi", "15.71", None), ("Kota Jambi", "15.71", None)]),
    ("JAMBI - Harga karet naik.", [("JAMBI", "15.71", None)]),
    ("Gubernur Bengkulu dan Wali Kota Bengkulu", [("Bengkulu", "17", None), ("Bengkulu", "17.71", None)]),
    ("Bupati Gorontalo meninjau Kabupaten Gorontalo. Hujan di Gorontalo.",
     [("Gorontalo", "75.01", None), ("Kabupaten Gorontalo", "75.01", None), ("Gorontalo", "75.01", None)]),
    ("Hujan deras di Gorontalo.", [("Gorontalo", "75", None)]),
    ("wisata di Jogja", [("Jogja", "34", None)]),
    ("Wali Kota Yogyakarta meninjau Malioboro, pusat wisata Jogja.", [("Yogyakarta", "34.71", None), ("Jogja", "34.71", None)]),
    # The longest name wins.
    ("Bandar Lampung, Padang Pariaman, Batu Bara, Kotawaringin Barat, Bengkulu Tengah",
     [("Bandar Lampung", "18.71", None), ("Padang Pariaman", "13.05", None), ("Batu Bara", "12.19", None),
      ("Kotawaringin Barat", "62.01", None), ("Bengkulu Tengah", "17.09", None)]),
    ("Bupati Kabupaten Lima Puluh Kota", [("Kabupaten Lima Puluh Kota", "13.07", None)]),
    ("Papua Barat Daya, Papua Barat dan Papua", [("Papua Barat Daya", "96", None), ("Papua Barat", "92", None), ("Papua", "91", None)]),
    # Names that are ordinary words count only as places.
    ("Nasibnya malang, batu itu jatuh di padang rumput.", []),
    ("Malang nian nasib petani itu.", []),
    ("Bima Arya dan Agam Rinjani berbincang.", []),
    ("Polisi menemukan Bima dan Eko.", []),
    ("Macet di kawasan Puncak saat libur.", []),
    ("Bupati Puncak dan Kabupaten Puncak", [("Puncak", "94.05", None), ("Kabupaten Puncak", "94.05", None)]),
    ("Polda Metro Jaya memeriksa saksi.", []),
    ("Kota Batu dan wisata di Batu", [("Kota Batu", "35.79", None), ("Batu", "35.79", None)]),
    ("kata Kadisdikbud Metro, Deddy, SPMB di Kota Metro lancar.", [("Metro", "18.72", None), ("Kota Metro", "18.72", None)]),
    ("Solo Raya dan Malang Raya", []),
    ("PADANG PASIR", []),
    # Not regions: the country, islands, streets, brands, clubs, media, codes.
    ("Indonesia, Kalimantan, Jawa, Sumatra dan Sulawesi", []),
    ("Kepala BPJS Ketenagakerjaan Kantor Wilayah Kalimantan", []),
    ("Kantor di Jalan Gajah Mada dan Jalan Bali", []),
    ("Jalan Tol Balikpapan-Samarinda dan Tol Bogor-Ciawi-Sukabumi", []),
    ("Nasabah Bank Jatim, pabrik Semen Padang, laga Persib Bandung, pupuk dari Pupuk Kaltim", []),
    ("dilaporkan Tribun Kaltim dan Kaltim Post", []),
    ("PT Sarana Pembangunan Riau dan MRT Jakarta", []),
    ("Pulau Bali, Pulau Lombok dan Danau Toba", []),
    ("Pulau Sumatera, Jawa, Bali, Papua, dan Maluku", []),
    ("dari Sabang sampai Merauke", []),
    ("makan nasi Padang", []),
    ("laporan LPB/1039/VIII/2017/UM/Jatim", []),
    ("dipimpin Ipda Samosir", []),
    ("warga Desa Malang dan Kelurahan Sukabumi", []),
    # A word that only ends like a listed word is not one; any blank run leads to a word after the name.
    ("kata ibu Bogor dan Bu Malang, Pak Garut", [("Bogor", "32.71", ["32.01"])]),
    ("Kapolres Bandung dan Wakapolda Riau", [("Bandung", "32.73", ["32.04"]), ("Riau", "14", None)]),
    ("Semarang  Timur dan Semarang\tTimur", []),
    # Provinces also named after islands count outside a list of islands.
    ("Provinsi Papua, Bali dan NTT", [("Provinsi Papua", "91", None), ("Bali", "51", None), ("NTT", "53", None)]),
    # A place inside a kabupaten/kota of another province.
    ("di gedung KPK, Kuningan, Jakarta Selatan, Rabu", [("Jakarta Selatan", "31.74", None)]),
    ("Bupati Kuningan hadir.", [("Kuningan", "32.08", None)]),
    # Papua-split codes (Kepmendagri 2025).
    ("Merauke, Kabupaten Mimika, Nabire dan Kota Sorong",
     [("Merauke", "93.01", None), ("Kabupaten Mimika", "94.04", None), ("Nabire", "94.01", None), ("Kota Sorong", "96.71", None)]),
    # Kecamatan are not read as kabupaten/kota.
    ("Camat Tenggarong hadir di Kecamatan Sukabumi, Kota Bandar Lampung.", [("Kota Bandar Lampung", "18.71", None)]),
    # Boilerplate is not labeled.
    ("Isi berita.\nBaca juga: Bupati Kukar Edi Damansyah di 2023\nIsi lagi.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_regions(pipeline: Pipeline, text: str, expected: list) -> None:
    assert regions(pipeline, text) == expected


def test_mentions_carry_official_name_level_and_rule(pipeline: Pipeline) -> None:
    record = pipeline(Article(text="Pemkot Balikpapan, Pemkab Kukar dan DPRD Kaltim"))
    got = [(m.name, m.level, m.rule) for m in record.regions]
    assert got == [
        ("Kota Balikpapan", "kota", "region.gazetteer"),
        ("Kabupaten Kutai Kartanegara", "kabupaten", "region.alias.kukar"),
        ("Kalimantan Timur", "provinsi", "region.alias.kaltim"),
    ]


def test_kecamatan_only_after_a_cue(pipeline: Pipeline) -> None:
    text = "Camat Tenggarong hadir. TENGGARONG - Warga Loa Kulu dan Kec. Loa Kulu."
    record = pipeline(Article(text=text))
    assert [(m.text, m.code[:5], m.level, m.rule) for m in record.regions] == [
        ("Tenggarong", "64.02", "kecamatan", "region.kecamatan"),
        ("Loa Kulu", "64.02", "kecamatan", "region.kecamatan"),
    ]


def test_kecamatan_of_a_recurring_name_follows_the_article(pipeline: Pipeline) -> None:
    # "Sukabumi" is a kecamatan of Bandar Lampung; "Bandung" one of Tulungagung and of Serang.
    record = pipeline(Article(text="Kecamatan Bandung, Kabupaten Serang, Banten."))
    kecamatan = [m for m in record.regions if m.level == "kecamatan"]
    assert [(m.text, m.code[:5]) for m in kecamatan] == [("Bandung", "36.04")]


def test_rejections_say_why(pipeline: Pipeline) -> None:
    doc = pipeline.annotate(Article(text="Kantor di Jalan Bali, nasabah Bank Jatim."))
    assert [(r.text, r.reason.split(":")[0]) for r in doc.rejections if r.field == "regions"] == [
        ("Bali", "region.block.street"),
        ("Jatim", "region.block.brand"),
    ]


SEED_CODES = {
    "000_4cefced91bb0d7f7.txt": {"64.71", "64"},
    "001_c5daa35b943ff902.txt": {"64.02", "64", "64.72"},
    "002_49e88309dbacb0a8.txt": {"64", "64.72", "64.74", "64.08"},
    "003_92133d55bcb80e76.txt": {"35.73"},
    "004_87362fef45320073.txt": {"64.09", "64.01", "64.71", "64"},
}
SEED_SPANS = {
    "000_4cefced91bb0d7f7.txt": [("BALIKPAPAN", "64.71"), ("Kota Balikpapan", "64.71"), ("Balikpapan", "64.71"), ("Provinsi Kaltim", "64")],
    "001_c5daa35b943ff902.txt": [("Kukar", "64.02"), ("Kabupaten Kutai Kartanegara", "64.02"), ("Provinsi Kalimantan Timur", "64"),
                                 ("Kutai Kartanegara", "64.02"), ("Samarinda", "64.72")],
    "002_49e88309dbacb0a8.txt": [("KALTIM", "64"), ("Kalimantan Timur", "64"), ("Kaltim", "64"), ("Benua Etam", "64"),
                                 ("Samarinda", "64.72"), ("Kota Bontang", "64.74"), ("Kabupaten Kutai Timur", "64.08")],
    "003_92133d55bcb80e76.txt": [("Malang", "35.73"), ("Kota Malang", "35.73")],
    "004_87362fef45320073.txt": [("Penajam Paser Utara", "64.09"), ("PPU", "64.09"), ("Kabupaten Penajam Paser Utara", "64.09"),
                                 ("Paser", "64.01"), ("Balikpapan", "64.71"), ("Provinsi Kalimantan Timur", "64")],
}


@pytest.mark.parametrize("seed", sorted(SEED_CODES))
def test_seed_regions(pipeline: Pipeline, seed: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    record = pipeline(Article(text=text, doc_id=seed))
    found = {(m.text.replace("\xa0", " "), m.code) for m in record.regions}
    assert {m.code for m in record.regions} == SEED_CODES[seed]
    assert all(m.alt_codes is None for m in record.regions)
    assert set(SEED_SPANS[seed]) <= found


def test_seed_malang_every_mention_is_the_kota(pipeline: Pipeline) -> None:
    text = (SEEDS / "003_92133d55bcb80e76.txt").read_text(encoding="utf-8")
    record = pipeline(Article(text=text))
    in_malang = text.index("Kalo cover di Malang") + len("Kalo cover di ")
    assert any(m.start == in_malang and m.code == "35.73" and m.alt_codes is None for m in record.regions)
    assert len(record.regions) == 8  # not inside "Malangpariwara.com"


def test_gazetteer_covers_lokal_2025() -> None:
    gazetteer = load_gazetteer()
    levels = [u.level for u in gazetteer.units.values()]
    assert levels.count("provinsi") == 38
    assert levels.count("kabupaten") + levels.count("kota") == 514
    assert gazetteer.units["93.01"].name == "Kabupaten Merauke"  # moved from 91.01 with the Papua split
    assert gazetteer.names["Jambi"] == ("15", "15.71")


def test_gazetteer_cache_matches_lokal(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    load_gazetteer.cache_clear()
    try:
        cached = load_gazetteer()
        assert list(tmp_path.glob("wilayah-lokal-*.json"))
        assert cached == _gazetteer(cached.version, _table_from_lokal())
    finally:
        load_gazetteer.cache_clear()


def test_extractor_reuses_its_compiled_matcher() -> None:
    extractor = RegionExtractor()
    first = extractor(Document("Pemkot Balikpapan"))
    second = extractor(Document("Pemkot Balikpapan"))
    assert first == second and first[0].code == "64.71"


# The fast paths (a lowercased ASCII copy of the text, string tests before the backwards regexes,
# kecamatan cues noticed by the name scan) must read exactly as the regexes alone would.
FAST_PATH_TEXTS = [
    "Bupati Malang meninjau pasar. Harga cabai di Malang turun.",
    "Pemerintah Kota (Pemkot) Malang dan Wali Kota Banjar di Balai Kota Banjar.",
    "Kantor di Jalan Bali, nasabah Bank Jatim, direksi PT Sarana Pembangunan Riau, Persib Bandung.",
    "Camat Tenggarong hadir. TENGGARONG - Warga Loa Kulu dan Kec. Loa Kulu, Kecamatan Sukabumi.",
    "Kata Bupati, harga cabai di Malang turun; di Tasik dan Kota Tasikmalaya naik.",
    "Wakil Wali Kota Malang, Bu Bogor, (Kota Blitar) dan kab. Kediri; Malang.Kota Batu di PT Bank Jatim.",
]


@pytest.mark.parametrize("text", FAST_PATH_TEXTS, ids=[t[:30] for t in FAST_PATH_TEXTS])
def test_non_ascii_text_reads_the_same(pipeline: Pipeline, text: str) -> None:
    # A character outside ASCII turns the lowercased copy off: the regexes alone decide.
    assert regions(pipeline, text + " é") == regions(pipeline, text)
    assert regions(pipeline, text.upper() + " é") == regions(pipeline, text.upper())


@pytest.mark.parametrize("blanks", [" ", "\t", " " * 60])
def test_blank_runs_before_a_name(pipeline: Pipeline, blanks: str) -> None:
    text = f"Bupati{blanks}Malang hadir di Kabupaten{blanks}Bogor, Jalan{blanks}Bali."
    assert regions(pipeline, text) == [("Malang", "35.07", None), (f"Kabupaten{blanks}Bogor", "32.01", None)]


def test_three_char_ends_hold_every_tail() -> None:
    from extract.regions import _three_char_ends

    ends = _three_char_ends({"kota", "bu", "jl."})
    assert {"ota", "xbu", "9bu", " bu", "jl.", "(bu"} <= ends
    assert not {"ot", "kot", "abx", "ub "} & ends
    assert all(len(end) == 3 for end in ends)


def test_forms_hiding_a_kecamatan_cue() -> None:
    from extract.regions import _forms_hiding

    names = ["Kota Kecamatan Baru", "Bogor", "Ab Kec", "Ab Keco", "Camatan", "Sukabumi"]
    assert _forms_hiding(names, ["Kecamatan", "Kec.", "Camat"]) == {"Kota Kecamatan Baru", "Ab Kec", "Camatan"}


KECAMATAN_TEXTS = [
    "Camat Tenggarong hadir. Warga Loa Kulu dan Kec. Loa Kulu, Kecamatan Sukabumi, KECAMATAN TENGGARONG.",
    "Kecamatan Camat Tenggarong, XKecamatan Loa Kulu, Kecamatan  Loa Kulu Kota Bangun Barat Sekali.",
    "Di Sungai Kec. Loa Kulu dan Kecamatan Tenggarong; Kecamatan Sebulu.",  # "Sungai Kec" hides a cue below
]


@pytest.mark.parametrize("text", KECAMATAN_TEXTS, ids=[t[:30] for t in KECAMATAN_TEXTS])
@pytest.mark.parametrize("hiding", [False, True])
def test_kecamatan_looked_for_at_each_cue(text: str, hiding: bool) -> None:
    # The scan's cues, each matched where it stands, find what one pass of `_kecamatan_rx` over
    # the text finds, also where a name hides a cue (then the rest of the text is looked at at once).
    from extract.regions import Alias, RegionRules
    from extract.rules import load_rule_file

    rules = load_rule_file("regions", RegionRules)
    if hiding:
        rules.aliases.append(Alias(id="test.hiding", words=["Sungai Kec"], code="64.02"))
    extractor = RegionExtractor(rules=rules)
    assert bool(extractor._hiding_forms) == hiding
    doc = Document(text)
    found = [(m.start, m.end) for m in extractor(doc) if m.level == "kecamatan"]
    assert found == [span for span, _ in extractor._kecamatan_spans(doc, 0)]
    assert found


def test_sentence_bounds_found_from_the_right() -> None:
    from extract.regions import _SENTENCE_END, _sentence_around

    def scanned(text: str, pos: int) -> tuple[int, int]:
        lo = max(0, pos - 600)
        for m in _SENTENCE_END.finditer(text, lo, pos):
            lo = m.end()
        end = _SENTENCE_END.search(text, pos, pos + 600)
        return lo, end.start() if end else min(len(text), pos + 600)

    text = 'Kab. Bogor. "Ya!?" katanya.\n\n  H. Edi di Prov. Jambi... (Malang) ?! Bogor\nBali'
    assert all(_sentence_around(text, pos) == scanned(text, pos) for pos in range(len(text) + 1))
