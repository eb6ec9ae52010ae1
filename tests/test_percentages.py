"""Percentages: a table of news-like sentences with the exact percentages they hold."""
from pathlib import Path

import pytest

from extract.pipeline import Article, Pipeline

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# (sentence, [(text, value, value_max, qualifier), ...]) in text order.
CASES = [
    ("Realisasi kepesertaan baru 46 persen dari target.", [("46 persen", 46.0, None, None)]),
    ("Inflasi tahunan tercatat 2,78% pada Juni.", [("2,78%", 2.78, None, None)]),
    ("Ekonomi tumbuh 5,12 % pada kuartal kedua.", [("5,12 %", 5.12, None, None)]),
    ("Produksi daging unggas menyumbang 83 persen pasokan.", [("83 persen", 83.0, None, None)]),
    ("Bunga deposito hanya 0,13 persen per tahun.", [("0,13 persen", 0.13, None, None)]),
    ("Porsi saham pemerintah 51 prosen.", [("51 prosen", 51.0, None, None)]),
    ("Kenaikan harga mencapai 1.000 persen dalam setahun.", [("1.000 persen", 1000.0, None, None)]),
    ("Margin laba naik menjadi 14,5 persen.", [("14,5 persen", 14.5, None, None)]),
    ("Suku bunga acuan 5.75 persen dipertahankan.", [("5.75 persen", 5.75, None, None)]),
    ("Tingkat kehadiran 96% persen menurut panitia.", [("96%", 96.0, None, None)]),
    ("Sebanyak 20 persennya berasal dari luar daerah.", [("20 persen", 20.0, None, None)]),
    ("Pajak saham 1% (satu persen) dikenakan pada transaksi.",
     [("1%", 1.0, None, None), ("satu persen", 1.0, None, None)]),
    # words
    ("Sekolah itu sudah seratus persen menerapkan kurikulum.", [("seratus persen", 100.0, None, None)]),
    ("Defisit dijaga maksimal tiga persen dari PDB.", [("tiga persen", 3.0, None, "lte")]),
    ("Bea masuk nol persen berlaku untuk produk itu.", [("nol persen", 0.0, None, None)]),
    ("Hanya dua persen petani yang memakai asuransi.", [("dua persen", 2.0, None, None)]),
    ("Sisanya sembilan puluh sembilan persen aman.", [("sembilan puluh sembilan persen", 99.0, None, None)]),
    ("Bunga naik dua setengah persen.", [("dua setengah persen", 2.5, None, None)]),
    # qualifiers
    ("Cakupan baru sekitar 63 persen pekerja.", [("63 persen", 63.0, None, "approx")]),
    ("Dua daerah hampir mencapai 100 persen.", [("100 persen", 100.0, None, "lt")]),
    ("Harapannya naik setidaknya 40 persen tahun ini.", [("40 persen", 40.0, None, "gte")]),
    ("Angka kemiskinan ditargetkan di bawah 12 persen.", [("12 persen", 12.0, None, "lt")]),
    ("Penjualan bisa tercapai di atas 10 persen.", [("10 persen", 10.0, None, "gt")]),
    ("Ekonomi tidak pernah tumbuh lebih dari 6%.", [("6%", 6.0, None, "gt")]),
    ("Pengunjung meningkat hingga 21 persen.", [("21 persen", 21.0, None, "lte")]),
    ("Pertumbuhan diproyeksikan tidak sampai 5% tahun depan.", [("5%", 5.0, None, "lt")]),
    ("Sumbangan minimum 0,86% terhadap pertumbuhan.", [("0,86%", 0.86, None, "gte")]),
    ("Batas utang maksimum 39,96% dari PDB.", [("39,96%", 39.96, None, "lte")]),
    ("Margin of error survei +/- 2,9 persen.", [("2,9 persen", 2.9, None, "approx")]),
    ("Tingkat kesalahan ±3 persen.", [("3 persen", 3.0, None, "approx")]),
    ("Porsinya kurang lebih 30 persen.", [("30 persen", 30.0, None, "approx")]),
    ("Partisipasi pemilih kurang dari 50 persen.", [("50 persen", 50.0, None, "lt")]),
    ("Kenaikan upah paling tinggi 10 persen.", [("10 persen", 10.0, None, "lte")]),
    ("Kepuasan publik tidak kurang dari 75 persen.", [("75 persen", 75.0, None, "gte")]),
    ("Hunian hotel 80 persen lebih pada libur panjang.", [("80 persen lebih", 80.0, None, "gt")]),
    ("Harga saham naik 20 persen lebih tinggi dari perkiraan.", [("20 persen", 20.0, None, None)]),
    ("Kontribusi masing-masing sekitar 20 persen, 8 persen, dan 3 persen.",
     [("20 persen", 20.0, None, "approx"), ("8 persen", 8.0, None, None), ("3 persen", 3.0, None, None)]),
    # ranges
    ("Kenaikan diperkirakan 20-30 persen tahun ini.", [("20-30 persen", 20.0, 30.0, None)]),
    ("Porsi itu antara 15 dan 20 persen dari total.", [("15 dan 20 persen", 15.0, 20.0, None)]),
    ("Pertumbuhan 5,8 hingga 6,3% pada 2026.", [("5,8 hingga 6,3%", 5.8, 6.3, None)]),
    ("Suku bunga dipangkas ke kisaran 4,00%-4,25%.", [("4,00%-4,25%", 4.0, 4.25, None)]),
    ("Ekonomi tumbuh 4,7-5,5% pada 2026.", [("4,7-5,5%", 4.7, 5.5, None)]),
    ("Diskon 10 sampai 20 persen diberikan.", [("10 sampai 20 persen", 10.0, 20.0, None)]),
    ("Kelembapan udara antara 50% – 90%.", [("50% – 90%", 50.0, 90.0, None)]),
    ("Biasanya naik 20 persen hingga 30 persen menjelang Lebaran.",
     [("20 persen hingga 30 persen", 20.0, 30.0, None)]),
    ("Target pertumbuhan 2,5 s.d. 3 persen.", [("2,5 s.d. 3 persen", 2.5, 3.0, None)]),
    # changes are two mentions
    ("Angka kemiskinan turun dari 11,64 persen menjadi 12,02 persen.",
     [("11,64 persen", 11.64, None, None), ("12,02 persen", 12.02, None, None)]),
    ("Margin laba bersih meningkat dari 6,6 persen ke 6,8 persen.",
     [("6,6 persen", 6.6, None, None), ("6,8 persen", 6.8, None, None)]),
    ("Laba naik 11 persen menjadi Rp 1,2 triliun.", [("11 persen", 11.0, None, None)]),
    # not percentages
    ("Persentase penduduk miskin menurun tajam.", []),
    ("Bunga naik 0,25 poin.", []),
    ("Sebanyak 36 ribu pekerja rentan belum terlindungi.", []),
    ("Tarif Rp 5.000 per orang.", []),
    ("Kinerja berapa persen belum diketahui.", []),
    ("Puluhan persen warga belum divaksin.", []),
]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(fields=["percentages"])


def _found(pipeline, text):
    record = pipeline(Article(text=text))
    for m in record.percentages:
        assert text[m.start:m.end] == m.text
        assert type(m.value) is float
    return [(m.text, m.value, m.value_max, m.qualifier) for m in record.percentages]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_percentages(pipeline, text, expected):
    assert _found(pipeline, text) == expected


def test_seed_000(pipeline):
    text = (CORPUS / "000_4cefced91bb0d7f7.txt").read_text(encoding="utf-8")
    assert ("46 persen", 46.0, None, None) in _found(pipeline, text)


def test_seed_002(pipeline):
    text = (CORPUS / "002_49e88309dbacb0a8.txt").read_text(encoding="utf-8")
    assert _found(pipeline, text) == [
        ("100 persen", 100.0, None, None),
        ("63 persen", 63.0, None, "approx"),
        ("100 persen", 100.0, None, "lt"),
        ("60 persen", 60.0, None, None),
    ]
