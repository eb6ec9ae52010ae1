"""Officials: seed articles, every shape, exclusions, and the title/name internals.

The tables hold real-world strings (own sentences in the style of regional news); each row
states the official(s) the text must yield, or none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

from extract.document import Document
from extract.names import name_key, word_pattern
from extract.officials import OfficialExtractor, OfficialRules, RegionIndex, TitleLexicon
from extract.pipeline import Article, Pipeline
from extract.rules import load_rule_file

SEEDS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(fields=["officials"])


def officials(pipeline: Pipeline, text: str) -> list:
    return pipeline.annotate(Article(text=text)).results["officials"]


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# --- the seed articles -----------------------------------------------------------------------

SEED_OFFICIALS = [
    # (seed, name, title, organization, region_code)
    ("000", "Heria Prisni",
     "Staf Ahli Bidang Sosial, Kesejahteraan dan Pengembangan Sumber Daya Manusia, Setdakot Balikpapan",
     "Setdakot Balikpapan", "64.71"),
    ("000", "Ani Mufidah", "Kepala Dinas Tenaga Kerja Balikpapan", "Dinas Tenaga Kerja Balikpapan", "64.71"),
    ("000", "Teldi Rusnal", "Kepala BPJS Ketenagakerjaan Balikpapan", "BPJS Ketenagakerjaan Balikpapan", "64.71"),
    ("001", "Edi Damansyah", "Bupati Kutai Kartanegara", None, "64.02"),
    ("001", "Rini Suryani", "Kepala BPJS Ketenagakerjaan Kantor Wilayah Kalimantan",
     "BPJS Ketenagakerjaan Kantor Wilayah Kalimantan", None),
    ("002", "Seno Aji", "Wakil Gubernur Kalimantan Timur", None, "64"),
    ("002", "Budi Wahyudi", "Kepala Cabang BPJS Ketenagakerjaan Samarinda", "BPJS Ketenagakerjaan Samarinda", "64.72"),
    ("003", "Widodo", "Kepala Cabang BPJS Ketenagakerjaan Kota Malang", "BPJS Ketenagakerjaan Kota Malang", "35.73"),
    ("004", "Mudyat Noor", "Bupati PPU", None, "64.09"),
    ("004", "Marjani", "Kepala Dinas Ketenagakerjaan dan Transmigrasi (Disnakertrans) PPU",
     "Dinas Ketenagakerjaan dan Transmigrasi (Disnakertrans) PPU", "64.09"),
]


@pytest.mark.parametrize("prefix, name, title, organization, region_code", SEED_OFFICIALS)
def test_seed_official(pipeline, prefix, name, title, organization, region_code):
    found = {m.name: m for m in officials(pipeline, seed(prefix))}
    assert name in found, sorted(found)
    mention = found[name]
    assert (mention.title, mention.organization, mention.region_code) == (title, organization, region_code)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_has_exactly_its_officials(pipeline, prefix):
    text = seed(prefix)
    found = officials(pipeline, text)
    assert sorted(m.name for m in found) == sorted(row[1] for row in SEED_OFFICIALS if row[0] == prefix)
    for m in found:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("name", ["Ferry Cahyanti", "Miftah Aulia Anggraini", "Budi Susilo", "Nur Alim", "Djoko W"])
def test_no_journalist_in_seeds(pipeline, name):
    for prefix in ["000", "001", "002", "003", "004"]:
        assert name not in {m.name for m in officials(pipeline, seed(prefix))}


def test_seed_spans_at_the_fullest_name_with_title(pipeline):
    text = seed("001")
    edi = next(m for m in officials(pipeline, text) if m.name == "Edi Damansyah")
    assert edi.text == "Bupati Kutai Kartanegara Edi Damansyah"
    assert edi.start == text.index("Bupati Kutai Kartanegara Edi Damansyah mengatakan")


# --- shapes and real-world strings -----------------------------------------------------------

SHAPES = [
    # (text, name, title, rule)
    ("Bupati Lampung Barat Parosil Mabsus meninjau kebun warga.", "Parosil Mabsus", "Bupati Lampung Barat",
     "official.title_name"),
    ("Kepala Dinas Kesehatan Kota Bandung, dr. Anhar Hadian, meninjau posko.", "Anhar Hadian",
     "Kepala Dinas Kesehatan Kota Bandung", "official.title_comma_name"),
    ("Teks: Wakil Gubernur Kalimantan Timur, Seno Aji.", "Seno Aji", "Wakil Gubernur Kalimantan Timur",
     "official.title_comma_name"),
    ("Hal itu disampaikan Rudi Hartono, Kepala Dinas Sosial Kabupaten Sukabumi, kemarin.", "Rudi Hartono",
     "Kepala Dinas Sosial Kabupaten Sukabumi", "official.name_comma_title"),
    ("Surat diteken Bernad Sutrisno selaku Sekretaris Jenderal KPU pada Senin.", "Bernad Sutrisno",
     "Sekretaris Jenderal KPU", "official.name_selaku_title"),
    ("Rapat dihadiri Yanti Susanti (Kepala Dinas Pariwisata Kota Malang) dan warga.", "Yanti Susanti",
     "Kepala Dinas Pariwisata Kota Malang", "official.name_paren_title"),
    ("Rapat dipimpin Staf Ahli Bidang Ekonomi, Keuangan dan Pembangunan, Setdakot Samarinda, Dewi Lestari "
     "didampingi staf.", "Dewi Lestari",
     "Staf Ahli Bidang Ekonomi, Keuangan dan Pembangunan, Setdakot Samarinda", "official.title_comma_name"),
    ("Kapolres Sukabumi AKBP Samian mengatakan pelaku sudah ditangkap.", "Samian", "Kapolres Sukabumi",
     "official.title_name"),
    ("Pj Bupati Sukabumi, H. Ade Sugiarto, S.Sos., M.Si., membuka acara.", "Ade Sugiarto", "Pj Bupati Sukabumi",
     "official.title_comma_name"),
    ("Menteri Koordinator Bidang Perekonomian Airlangga Hartarto hadir di Lampung.", "Airlangga Hartarto",
     "Menteri Koordinator Bidang Perekonomian", "official.title_name"),
    ("Kepala Desa Mekarjaya Dalam, Sarip Hidayat, menyambut tamu.", "Sarip Hidayat", None,
     "official.title_comma_name"),
    ("Gubernur NTB Lalu Muhamad Iqbal meninjau pelabuhan.", "Lalu Muhamad Iqbal", "Gubernur NTB",
     "official.title_name"),
    ("Menteri Investasi/Kepala BKPM Rosan Roeslani menjelaskan.", "Rosan Roeslani",
     "Menteri Investasi/Kepala BKPM", "official.title_name"),
    ("Kapolri Jenderal Pol. Listyo Sigit Prabowo memberi arahan.", "Listyo Sigit Prabowo", "Kapolri",
     "official.title_name"),

    ("Vonis bagi Gubernur Banten nonaktif Rudi Hartawan dibacakan hari ini.", "Rudi Hartawan", "Gubernur Banten",
     "official.title_name"),
    ("Kebijakan Bupati Kuantan Singingi saat itu, Hadi Susanto, dipersoalkan jaksa.", "Hadi Susanto",
     "Bupati Kuantan Singingi", "official.title_comma_name"),
    ("Wakil Ketua Komisi I dari fraksi PKB, Hasan Basri, mengkritik pemangkasan.", "Hasan Basri",
     "Wakil Ketua Komisi I", "official.title_comma_name"),
    ("Sidang menghadirkan mantan Bupati Karanganyar, Juliyanto Susanto, sebagai saksi.", "Juliyanto Susanto",
     "Bupati Karanganyar", "official.title_comma_name"),
    ("Mantan Ketua DPRD Kuantan Singingi, Riau Hasan Basri ditahan.", "Hasan Basri", "Ketua DPRD Kuantan Singingi",
     "official.title_name"),
    ("Ferdi Juliansah (FJ) selaku anggota Komisi III DPRD OKU ditahan penyidik.", "Ferdi Juliansah",
     "anggota Komisi III DPRD OKU", "official.name_selaku_title"),
    ("Uang diminta Saudara FJ (Ferdi Juliansah), yang merupakan anggota dari Komisi III, kemarin.", "Ferdi Juliansah",
     "anggota dari Komisi III", "official.name_selaku_title"),
    ("YTH atau Yudi Tri H, Ketua Komisi A DPRD Kabupaten Kebumen dan dua saksi diperiksa.", "Yudi Tri H",
     "Ketua Komisi A DPRD Kabupaten Kebumen", "official.name_comma_title"),
    ("Uang diserahkan kepada Sunardi selaku Kepala Bagian Pengadaan Barang dan Jasa pada Sekretariat Daerah "
     "Kabupaten Karanganyar pekan lalu.", "Sunardi",
     "Kepala Bagian Pengadaan Barang dan Jasa pada Sekretariat Daerah Kabupaten Karanganyar",
     "official.name_selaku_title"),
    ("Pelaksana Tugas Deputi Penindakan dan Eksekusi KPK Asep Rahmat menjelaskan penahanan.", "Asep Rahmat",
     "Pelaksana Tugas Deputi Penindakan dan Eksekusi KPK", "official.title_name"),
    ("–Wakil Menteri PANRB, Purnomo Adi mengapresiasi layanan.", "Purnomo Adi", "Wakil Menteri PANRB",
     "official.title_comma_name"),
    ("Direktur RSUD Siti Aminah, dr. Yuda Pratama, memantau layanan.", "Yuda Pratama", "Direktur RSUD Siti Aminah",
     "official.title_comma_name"),
    ("Tamu disambut Wali Kota Sendai Mr Kenji Sato di balai kota.", "Kenji Sato", "Wali Kota Sendai",
     "official.title_name"),
    ("Wakil Menteri Dalam Negeri (\n\nWamendagri\n\n), Rudi Hartawan, meninjau kantor camat.", "Rudi Hartawan",
     "Wakil Menteri Dalam Negeri (Wamendagri)", "official.title_comma_name"),
    ("Pelantikan menetapkan Dewi Lestari sebagai Kepala UPTD Puskesmas Tanjung Sari.", "Dewi Lestari",
     "Kepala UPTD Puskesmas Tanjung Sari", "official.name_selaku_title"),
    ("Arahan dibacakan Plt Asisten Administrasi Umum Hendra Saputra di aula.", "Hendra Saputra",
     "Plt Asisten Administrasi Umum", "official.title_name"),
    # A lower-case verb after the position word: the word before the prefix "Wakil" says a name stands first.
    ("Gibran Rakabuming sebagai Wakil Presiden menegaskan hal itu.", "Gibran Rakabuming", "Wakil Presiden",
     "official.name_selaku_title"),
]


@pytest.mark.parametrize("text, name, title, rule", SHAPES)
def test_shape(pipeline, text, name, title, rule):
    found = officials(pipeline, text)
    assert [m.name for m in found] == [name]
    if title is not None:
        assert found[0].title == title
    assert found[0].rule == rule
    assert text[found[0].start:found[0].end] == found[0].text


NOTHING = [
    "Gubernur Lampung menyerahkan bantuan kepada warga.",
    "Kepala BPJS Ketenagakerjaan Samarinda tidak hadir.",
    "Rapat digelar di Kantor Gubernur Kaltim, Jalan Gajah Mada Samarinda.",
    "Penulis: Miftah Aulia Anggraini | Editor: Budi Susilo",
    "Pengamat ekonomi Universitas Lampung, Budi Santoso, menilai inflasi terkendali.",
    "Direktur Utama PT Maju Bersama Sejahtera Hendra Gunawan meresmikan pabrik.",
    "Ketua DPD Partai Golkar Lampung Arinal Djunaidi menyerahkan mandat.",
    "Acara dibuka istri Gubernur Jawa Barat Atalia Praratya.",
    "Debat diikuti calon Bupati Sukabumi Asep Japar.",
    "Lindungi Tenaga Kerja Rentan, Bupati PPU Terima Audiensi BPJS Ketenagakerjaan",
    "Ketua Paguyuban Seni Budaya Anak Ciracap Sukabumi, Ridho Losa, mengatakan acara meriah.",
    "Wakil Ketua Umum Bidang Keuangan Asphirasi H. M. Tauhid Hamdi mengatakan pihaknya mendukung.",
    "Hadir Gubernur Jawa Barat, Gubernur DKI Jakarta, Gubernur Banten dan Wali Kota Bogor.",
    "Racun itu diberikan oleh Haryanto, Kasatreskrim menerangkan hasil laboratorium belum keluar.",
    "Hadir pula Wali Kota Ise Peninsula yang juga pengurus taman bumi.",
    "Ketua Tim Percepatan dari Badan Otorita Pariwisata Danau Toba hadir.",
    "Pernyataan Eks Kepala Dewan Komisioner Lembaga Penjamin Simpanan (LPS) itu dibantah.",
    "Pimpinan Badan Usaha Pembangun dan Pengelola KEK hadir.",
    "Kegiatan Ngobrol Santai Bupati Serap Aspirasi kembali digelar di balai pekon.",
    "Asisten Manajer Keuangan Budi Hartono menyiapkan laporan.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_official(pipeline, text):
    assert officials(pipeline, text) == []


LISTS = [
    # (text, the officials' names in text order)
    ("Hadir dua Anggota DPRD Kabupaten Kebumen Dian Sastro dan Hartanto.", ["Dian Sastro", "Hartanto"]),
    ("Dari Komisi VI DPR hadir Wakil Ketua Komisi VI Andi Rosadi dan Eko Prasetyo (Eko Pat), serta anggota "
     "lainnya seperti Rina Diah, Unru Basri, M. Sarmudi, Amir dan Ketua TP PKK Kaltim Sari Harum.",
     ["Andi Rosadi", "Eko Prasetyo", "Rina Diah", "Unru Basri", "M. Sarmudi", "Amir"]),
    ("Bupati dan Wakil Bupati Bangkalan, Lukman Hadi dan Moch Fauzan, hadir.", ["Lukman Hadi", "Moch Fauzan"]),
    ("Ketua TP PKK Kaltim Sari Harum yang juga merupakan anggota Komisi VI DPR RI hadir.", ["Sari Harum"]),
    ("Presiden Joko Santoso dan Ibu Ani Santoso tiba di bandara.", ["Joko Santoso"]),
    ("Bupati Rudi Hartawan, Ani Lestari dan Budi Santoso hadir.", ["Rudi Hartawan", "Ani Lestari", "Budi Santoso"]),
    ("Bupati Rudi Hartawan, Ani Lestari, Kepala Dinas Sosial, hadir.", ["Rudi Hartawan", "Ani Lestari"]),
    ("Bupati Rudi Hartawan dan Ani Lestari selaku Ketua PKK hadir.", ["Rudi Hartawan"]),
    ("Rapat dihadiri Abdul Hakim Rafi dan Gubernur Rudi Hartawan.", ["Rudi Hartawan"]),
    ("Hadir Asisten Pemerintahan dan Kesra Andi Saputra, Plt Asisten Perekonomian dan Pembangunan Hendra, Staf Ahli "
     "Bupati Bidang Kemasyarakatan dan SDM Rina Wati beserta para camat.", ["Andi Saputra", "Hendra", "Rina Wati"]),
]


@pytest.mark.parametrize("text, names", LISTS)
def test_lists_and_several_officials(pipeline, text, names):
    found = officials(pipeline, text)
    assert [m.name for m in found] == names
    for m in found:
        assert text[m.start:m.end] == m.text


def test_others_take_the_body_of_the_title_before(pipeline):
    text = "Hadir Ketua Komisi IV Rudi Hartawan serta anggota lainnya seperti Dewi Sartika dan Hasan Basri."
    found = {m.name: m for m in officials(pipeline, text)}
    assert (found["Hasan Basri"].title, found["Hasan Basri"].organization) == ("anggota Komisi IV", "Komisi IV")


def test_title_from_the_most_complete_mention(pipeline):
    text = "Wagub Sandi Uno meninjau pasar. Wakil Gubernur DKI Jakarta Sandi kemudian berpidato."
    assert [(m.name, m.title) for m in officials(pipeline, text)] == [("Sandi Uno", "Wakil Gubernur DKI Jakarta")]


def test_short_references_join_one_entry(pipeline):
    text = ("Bupati Kutai Kartanegara Edi Damansyah membuka rapat. Menurut Edi, program berjalan. "
            "\"Kami bersyukur,\" ucap Edi Damansyah. Bupati Edi juga mengimbau warga.")
    found = officials(pipeline, text)
    assert [(m.name, m.title) for m in found] == [("Edi Damansyah", "Bupati Kutai Kartanegara")]


def test_fullest_name_from_a_mention_without_title(pipeline):
    text = "Presiden Prabowo meresmikan bendungan. Prabowo Subianto mengatakan irigasi penting."
    found = officials(pipeline, text)
    assert [(m.name, m.title, m.text, m.rule) for m in found] == [
        ("Prabowo Subianto", "Presiden", "Prabowo Subianto", "official.fullest_name")]


def test_nickname_that_begins_a_name_joins_with_the_same_position(pipeline):
    text = "Gubernur Lampung Rahmat Mirzani Djausal meresmikan koperasi. Gubernur Mirza juga menyerahkan penghargaan."
    assert [m.name for m in officials(pipeline, text)] == ["Rahmat Mirzani Djausal"]


def test_alias_in_parentheses_joins(pipeline):
    text = "Presiden Joko Widodo (Jokowi) hadir. Kata Presiden Jokowi, jembatan itu penting."
    assert [m.name for m in officials(pipeline, text)] == ["Joko Widodo"]


def test_credit_in_parentheses_is_no_official(pipeline):
    text = "Kepala Dinas Sosial Atika Rahma hadir di sana.\nIa meninjau posko. (Atika Rahma)"
    doc = pipeline.annotate(Article(text=text))
    assert doc.results["officials"] == []
    assert any("credit" in r.reason for r in doc.rejections if r.field == "officials")


# --- every lexicon entry's examples ----------------------------------------------------------

def _entry_examples():
    titles = load_rule_file("titles", TitleLexicon)
    rules = load_rule_file("officials", OfficialRules)
    groups = {
        "titles": [*titles.prefixes, *titles.positions, *titles.bodies, *titles.vocabulary],
        "officials": [*rules.particles, *rules.honorifics, *rules.degrees, *rules.ranks, *rules.stopwords,
                      *rules.stop_patterns, *rules.shapes, *rules.exclusions.before_title,
                      *rules.exclusions.in_title, *rules.exclusions.name_contexts],
    }
    for file, entries in groups.items():
        for entry in entries:
            for i, example in enumerate(entry.examples):
                yield pytest.param(example, id=f"{file}:{entry.id}:{i}")


@pytest.mark.parametrize("example", list(_entry_examples()))
def test_entry_example(pipeline, example):
    found = officials(pipeline, example.text)
    if example.name is None:
        assert found == [], [m.name for m in found]
        return
    match = [m for m in found if m.name == example.name]
    assert match, [m.name for m in found]
    if example.title is not None:
        assert match[0].title == example.title
    if example.organization is not False:
        assert match[0].organization == example.organization


# --- internals, with a region list of our own -------------------------------------------------

@dataclass
class FakeRegion:
    start: int
    end: int
    code: str
    level: str


FAKE_GAZETTEER = {"Kota Bandar Lampung": ("18.71", "kota"), "Lampung": ("18", "provinsi"),
                  "Kutai Kartanegara": ("64.02", "kabupaten"), "Balikpapan": ("64.71", "kota")}


def fake_regions(text: str) -> list[FakeRegion]:
    pattern = re.compile("|".join(sorted(map(re.escape, FAKE_GAZETTEER), key=len, reverse=True)))
    return [FakeRegion(m.start(), m.end(), *FAKE_GAZETTEER[m.group()]) for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def extractor() -> OfficialExtractor:
    return OfficialExtractor()


def run_with_fake_regions(extractor: OfficialExtractor, text: str) -> list:
    doc = Document(text)
    doc.results["regions"] = fake_regions(text)
    return extractor(doc)


def test_region_starting_inside_the_position(extractor):
    found = run_with_fake_regions(extractor, "Wali Kota Bandar Lampung Eva Dwiana membuka pasar.")
    assert [(m.name, m.title, m.region_code) for m in found] == [
        ("Eva Dwiana", "Wali Kota Bandar Lampung", "18.71")]


def test_region_code_prefers_the_regency_over_the_province(extractor):
    found = run_with_fake_regions(extractor, "Bupati Kutai Kartanegara, Lampung, Rudi Hartono hadir.")
    assert found[0].region_code == "64.02"


def test_without_regions_a_region_word_is_not_taken_for_a_name(extractor):
    found = run_with_fake_regions(extractor, "Kepala Dinas Tenaga Kerja Balikpapan, Ani Mufidah, hadir.")
    assert [(m.name, m.organization) for m in found] == [("Ani Mufidah", "Dinas Tenaga Kerja Balikpapan")]


# Shortcuts that skip work where it cannot find an official, with texts where each fires and where it must not:
# the officials found and the candidates turned down are the same with the shortcut off.
SHORTCUT_OFF = {"_dead_end": lambda *args: False, "_may_reach_body": lambda *args: True}
SHORTCUT_TEXTS = [
    # `_dead_end`: a position word that a lower-case word or the end of a sentence or line follows, no name before it.
    ("_dead_end", "Hal itu disampaikan Presiden. Prabowo hadir kemudian."),
    ("_dead_end", '"Kami siap," ujar Gubernur.\nIa menambahkan, Wali Kota; lalu Bupati?'),
    ("_dead_end", "kata Wakil Presiden) di sana, juga oleh mantan Bupati"),
    ("_dead_end", "Joko Widodo, Presiden. Rudi Hartono selaku Bupati Kutai Kartanegara."),
    ("_dead_end", "Eva Dwiana (Wali Kota Bandar Lampung) hadir, sebagai Bupati."),
    ("_dead_end", "Ia menemui Presiden menegaskan hal itu, Bupati Kutai Kartanegara."),
    ("_dead_end", "Hadir Staf Khusus presiden Joko Santoso di acara itu."),
    # `_may_reach_body`: unknown capitalized words after a title, a region or body right after them or further on.
    ("_may_reach_body", "Kepala Dinas Pemadam Kebakaran Balikpapan Rudi Hartono hadir."),
    ("_may_reach_body", "Presiden Joko Widodo meninjau Balikpapan bersama Bupati Rudi Hartono di Kutai Kartanegara."),
    ("_may_reach_body", "Direktur Korban Bencana dan Non Alam Kemensos Budi Santoso hadir di Lampung."),
    ("_may_reach_body", "Dirjen PEID, Kemendes PDT Ani Mufidah berkunjung, lalu Camat Suka Maju (SM) Lampung pulang."),
]


@pytest.mark.parametrize("shortcut, text", SHORTCUT_TEXTS)
def test_shortcut_finds_what_the_full_reading_finds(extractor, monkeypatch, shortcut, text):
    def run() -> tuple[list, list]:
        doc = Document(text)
        doc.results["regions"] = fake_regions(text)
        return extractor(doc), doc.rejections

    with_shortcut = run()
    monkeypatch.setattr(extractor, shortcut, SHORTCUT_OFF[shortcut])
    assert run() == with_shortcut


def test_region_index_lookups():
    regions = RegionIndex([FakeRegion(5, 24, "18.71", "kota"), FakeRegion(8, 12, "18.71.01", "kecamatan")])
    assert regions.covers(5) and regions.covers(23) and not regions.covers(24) and not regions.covers(4)
    assert regions.overlaps(0, 6) and regions.overlaps(23, 30) and not regions.overlaps(0, 5) and not regions.overlaps(24, 30)
    assert regions.running_past(0, 9).code == "18.71"
    assert regions.running_past(0, 30) is None
    assert [r.code for r in regions.inside(0, 30)] == ["18.71", "18.71.01"]


@pytest.mark.parametrize("words", [["Kapolres", "Kapolresta", "Kapolrestabes", "Kapolsek"], ["Dinas", "Disdik", "D"]])
def test_word_pattern_matches_exactly_its_words(words):
    pattern = regex.compile(rf"(?:{word_pattern(words)})\Z")
    assert all(pattern.match(w) for w in words)
    assert not pattern.match("Kapol") and not pattern.match("Dinass")


@pytest.mark.parametrize("text, key", [("M. Ridwan Kamil", ("m", "ridwan", "kamil")),
                                        ("M.Ridwan  Kamil", ("m", "ridwan", "kamil")),
                                        ("Rahmad Mas'ud", ("rahmad", "mas'ud"))])
def test_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize("seed_number", range(4))
def test_bounded_position_scan_finds_what_the_plain_scan_finds(extractor, seed_number):
    """The bounded scan of ASCII text (a speed trick of `_PositionScan`) yields the whole-word hits of the plain
    `iter_long` scan, or gives way to it: texts of position words, pieces of them and words glued to them."""
    import random

    scan = extractor._anchors
    titles = load_rule_file("titles", TitleLexicon)
    forms = sorted({f for p in titles.positions for w in p.words for f in (w, w[0].swapcase() + w[1:])})
    rng = random.Random(seed_number)

    def plain(text: str) -> list[tuple[int, int]]:
        hits = [(last + 1 - length, last + 1) for last, length in scan._plain.iter_long(text)]
        return [(s, e) for s, e in hits if not (s and text[s - 1].isalnum()) and not (e < len(text) and text[e].isalnum())]

    texts = ["Waketua Majelis Hakim Budi", "Keexecutive Vice Presiden\"Kapolri\"", "Perwali Kota Metro, Bupati"]
    for _ in range(2000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            form = rng.choice(forms)
            a, b = sorted((rng.randint(0, len(form)), rng.randint(0, len(form))))
            piece = rng.choice([form, form, form[a:], form[:b], form[a:b]])
            parts.append(rng.choice(["", "", "a", "Wa", "k", "-", " ", "  "]) + piece)
            parts.append(rng.choice(["", " ", " ", "-", ".", "\n", "s", "nya", "(", "\t"]))
        texts.append("".join(parts))
    for text in texts:
        bounded = scan._bounded_spans(text)
        assert bounded is None or bounded == plain(text), text
    assert scan._bounded_spans("Waketua Majelis Hakim Budi") is None  # "ketua Majelis Hakim" hides "Majelis Hakim"
