"""Participant counts: a table of news-like sentences with the exact counts they hold."""
from pathlib import Path

import pytest

from extract.pipeline import Article, Pipeline

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# (sentence, [(text, value, value_max, unit, qualifier), ...]) in text order.
CASES = [
    # a number and a people noun phrase
    ("Tercatat ada 36 ribu pekerja rentan yang belum terlindungi.",
     [("36 ribu pekerja rentan", 36000, None, "pekerja rentan", None)]),
    ("Sebanyak 51 ribu pekerja rentan di Kukar dilindungi.",
     [("51 ribu pekerja rentan", 51000, None, "pekerja rentan", None)]),
    ("Pemkab Lindungi 51 Ribu Pekerja Rentan Lewat BPJS",
     [("51 Ribu Pekerja Rentan", 51000, None, "pekerja rentan", None)]),
    ("Sisanya mandiri 16.419 peserta dan ditanggung APBD 14.289 peserta.",
     [("16.419 peserta", 16419, None, "peserta", None), ("14.289 peserta", 14289, None, "peserta", None)]),
    ("Ada sebanyak 18 orang yang telah menerima manfaat.", [("18 orang", 18, None, "orang", None)]),
    ("Bantuan disalurkan kepada 1.250 penerima bansos di kecamatan itu.",
     [("1.250 penerima bansos", 1250, None, "penerima bansos", None)]),
    ("Program itu menjangkau 35,04 juta keluarga penerima manfaat.",
     [("35,04 juta keluarga penerima manfaat", 35040000, None, "keluarga penerima manfaat", None)]),
    ("Sebanyak 118.916 KPM menerima bantuan pangan.", [("118.916 KPM", 118916, None, "kpm", None)]),
    ("Sebanyak 24 KK kehilangan tempat tinggal.", [("24 KK", 24, None, "kk", None)]),
    ("Jumlah pengangguran berkurang 4,03 ribu orang.", [("4,03 ribu orang", 4030, None, "orang", None)]),
    ("Sebanyak 2.067 responden ikut dalam survei itu.", [("2.067 responden", 2067, None, "responden", None)]),
    ("Rinciannya 386 WNI berada di Iran dan 194 WNI di Israel.",
     [("386 WNI", 386, None, "wni", None), ("194 WNI", 194, None, "wni", None)]),
    ("Sebanyak 3.500 ASN dipindahkan tahap awal.", [("3.500 ASN", 3500, None, "asn", None)]),
    ("Kepolisian menerjunkan 250 personel gabungan.", [("250 personel", 250, None, "personel", None)]),
    ("Sekolah itu menampung 150 siswa dari berbagai daerah.", [("150 siswa", 150, None, "siswa", None)]),
    ("Sebanyak 1.373.761 siswa madrasah dan 337.442 santri menikmati MBG.",
     [("1.373.761 siswa", 1373761, None, "siswa", None), ("337.442 santri", 337442, None, "santri", None)]),
    ("Sebanyak 50 ribu wisatawan mancanegara datang saat libur.",
     [("50 ribu wisatawan mancanegara", 50000, None, "wisatawan mancanegara", None)]),
    ("Polisi menetapkan 14 tersangka dalam kasus itu.", [("14 tersangka", 14, None, "tersangka", None)]),
    ("Kejari menetapkan lima tersangka korupsi.", [("lima tersangka", 5, None, "tersangka", None)]),
    ("Sebanyak 22 keluarga korban mendapat bantuan.", [("22 keluarga korban", 22, None, "keluarga korban", None)]),
    ("Daftar pemilih tetap berisi 1,2 juta pemilih.", [("1,2 juta pemilih", 1200000, None, "pemilih", None)]),
    ("Gempa menyebabkan 224 korban tewas dan 1.481 orang terluka.",
     [("224 korban tewas", 224, None, "korban tewas", None), ("1.481 orang", 1481, None, "orang", None)]),
    ("Latihan itu melibatkan 25 ribu tentara AS dan 50 ribu tentara Korsel.",
     [("25 ribu tentara", 25000, None, "tentara", None), ("50 ribu tentara", 50000, None, "tentara", None)]),
    ("Sebanyak 20 ribu pemuda se-Indonesia ikut program itu.",
     [("20 ribu pemuda", 20000, None, "pemuda", None)]),
    ("Terminal hanya menampung 360 ribu penumpang per hari.",
     [("360 ribu penumpang", 360000, None, "penumpang", None)]),
    ("Sebanyak 45 anggota DPRD hadir dalam rapat paripurna.",
     [("45 anggota DPRD", 45, None, "anggota dprd", None)]),
    ("Sebanyak 500 kepala keluarga terdampak banjir.",
     [("500 kepala keluarga terdampak", 500, None, "kepala keluarga terdampak", None)]),
    ("Pemkot mendata 1.200 rumah tangga miskin.",
     [("1.200 rumah tangga miskin", 1200, None, "rumah tangga miskin", None)]),
    ("Ia memimpin 30 tenaga kesehatan di puskesmas.",
     [("30 tenaga kesehatan", 30, None, "tenaga kesehatan", None)]),
    ("Sebanyak 5.000 warga terdampak banjir bandang.",
     [("5.000 warga terdampak", 5000, None, "warga terdampak", None)]),
    ("Kartu diberikan kepada 16,500 orang Rohingya.", [("16,500 orang", 16500, None, "orang", None)]),
    ("Data itu mencatat 2000 orang mengungsi.", [("2000 orang", 2000, None, "orang", None)]),
    # a classifier before the noun
    ("Mereka tidak mampu menyosialisasikan ke 35 ribu orang pekerja rentan.",
     [("35 ribu orang pekerja rentan", 35000, None, "orang pekerja rentan", None)]),
    ("Menurutnya, dua orang remaja itu ditemukan selamat.",
     [("dua orang remaja", 2, None, "orang remaja", None)]),
    # number words
    ("Tiga orang tewas dan dua warga luka-luka.",
     [("Tiga orang", 3, None, "orang", None), ("dua warga", 2, None, "warga", None)]),
    ("Penembakan itu menewaskan satu orang.", [("satu orang", 1, None, "orang", None)]),
    ("Petugas menemukan lima perempuan dan empat pria.",
     [("lima perempuan", 5, None, "perempuan", None), ("empat pria", 4, None, "pria", None)]),
    ("Dua puluh lima siswa mengikuti lomba.", [("Dua puluh lima siswa", 25, None, "siswa", None)]),
    ("Seribu relawan dikerahkan ke lokasi.", [("Seribu relawan", 1000, None, "relawan", None)]),
    # qualifiers and the postposed lebih
    ("Sekitar 5.614 peserta lainnya ditanggung provinsi.", [("5.614 peserta", 5614, None, "peserta", "approx")]),
    ("Jumlah peserta mencapai lebih dari 20 ribu orang.", [("20 ribu orang", 20000, None, "orang", "gt")]),
    ("Saat ini tercatat 8.000 lebih penerima bansos di kota itu.",
     [("8.000 lebih penerima bansos", 8000, None, "penerima bansos", "gt")]),
    ("Jumlahnya mencapai 20 ribu orang lebih.", [("20 ribu orang lebih", 20000, None, "orang", "gt")]),
    ("Sedikitnya 1.000 orang tewas dalam operasi itu.", [("1.000 orang", 1000, None, "orang", "gte")]),
    ("Serangan itu menewaskan hampir 68.000 warga Palestina.", [("68.000 warga", 68000, None, "warga", "lt")]),
    ("Lebih dari lima ribu pendaki telah mencapai puncak.", [("lima ribu pendaki", 5000, None, "pendaki", "gt")]),
    ("Acara itu dihadiri kurang lebih 300 undangan.", [("300 undangan", 300, None, "undangan", "approx")]),
    ("Kuota maksimal 40 peserta per kelas.", [("40 peserta", 40, None, "peserta", "lte")]),
    ("Pendaftar tidak sampai 100 orang.", [("100 orang", 100, None, "orang", "lt")]),
    ("Paling sedikit 12 siswa lolos seleksi.", [("12 siswa", 12, None, "siswa", "gte")]),
    ("Sebanyak 380-an WNI berada di Teheran.", [("380-an WNI", 380, None, "wni", None)]),
    # ranges
    ("Antara 10-15 ribu orang hadir di lapangan.", [("10-15 ribu orang", 10000, 15000, "orang", None)]),
    ("Setiap kelas diisi 20 hingga 30 siswa.", [("20 hingga 30 siswa", 20, 30, "siswa", None)]),
    ("Kapal itu mengangkut antara 100 dan 150 penumpang.", [("100 dan 150 penumpang", 100, 150, "penumpang", None)]),
    ("Tiap posko dijaga 5-10 personel.", [("5-10 personel", 5, 10, "personel", None)]),
    # changes are counts too
    ("Jumlah pengangguran turun 141 ribu orang dibanding tahun lalu.",
     [("141 ribu orang", 141000, None, "orang", None)]),
    ("Pasien naik dari 200 orang menjadi 350 orang.",
     [("200 orang", 200, None, "orang", None), ("350 orang", 350, None, "orang", None)]),
    # implicit counts
    ("Potensi kepesertaan BPJS di kota itu berjumlah 67.021.", [("67.021", 67021, None, None, None)]),
    ("Sebanyak 15 ribu dari total peserta itu ditanggung APBD.", [("15 ribu", 15000, None, None, None)]),
    ("Pendaftaran peserta dibuka bulan lalu. Ada sebanyak 26.400 didaftarkan oleh Pemkot.",
     [("26.400", 26400, None, None, None)]),
    ("Total responden sebanyak 1.200 dengan margin of error 2,8 persen.", [("1.200", 1200, None, None, None)]),
    ("Jumlah penduduk miskin di Jawa sebanyak 12,56 juta atau separuh total.",
     [("12,56 juta", 12560000, None, None, None)]),
    ("Kementerian menyatakan 17.711 siswa tewas dan 25.897 terluka.",
     [("17.711 siswa", 17711, None, "siswa", None), ("25.897", 25897, None, None, None)]),
    ("Dua dari korban tewas itu warga asing.", [("Dua", 2, None, None, None)]),
    ("Dari sekian guru ini, ada sekitar 100 yang belum ditempatkan.", [("100", 100, None, None, "approx")]),
    # not counts
    ("Rasio kendaraan mencapai 99 mobil per 1.000 orang.", []),
    ("Sebanyak 251.852 unit kendaraan dan 34 Provinsi terdata, sesuai Nomor 18 Tahun 2025.", []),
    ("Seorang warga dan salah satu guru menjadi saksi pukul 10.00 WIB.", []),
    ("Program itu berjalan hampir tiga tahun terakhir.", []),
    ("Korban berusia 60 tahun dan tinggal di RT 05.", []),
    ("Instruksi itu ditujukan kepada 19 Kementerian, 34 Provinsi, dan 514 Kabupaten/Kota.", []),
    ("Hanya dua daerah yang mencapai target.", []),
    ("Wisatawan tercatat 20 juta kunjungan sepanjang tahun.", []),
    ("Polisi menerima 431.329 laporan warga.", []),
    ("Ia berada di urutan ke-85 orang terkaya di dunia.", []),
    ("Hubungi 08123456789 warga yang membutuhkan.", []),
    ("Sesuai SK No. 80 warga berhak menerima bantuan.", []),
    ("Pada Februari 2017 polisi melakukan pendeportasian.", []),
    ("Puluhan ribu warga turun ke jalan.", []),
    ("Ratusan pekerja berunjuk rasa.", []),
    ("Klaim senilai Rp 42 juta per orang dibayarkan.", []),
    ("Sebanyak 46 persen warga belum terdaftar.", []),
    ("Perusahaan itu memiliki 5 anak perusahaan.", []),
    ("Ia tinggal di ibu kota sejak 2019.", []),
    ("Mereka adalah pemain ke-12 yang didatangkan.", []),
    ("Kasus COVID-19 pasien itu sudah sembuh.", []),
    ("Fasilitas PPh 21 ditanggung pemerintah sampai 2026.", []),
    ("Suara pasangan itu sebanyak 34.720. Jumlah ini unggul tipis.", []),
    ("Untuk jabatan hakim, terdapat formasi sebanyak 1.684 yang dibuka.", []),
    ("Satu per satu peserta melewati garis start.", []),
]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(fields=["counts"])


def _found(pipeline, text):
    record = pipeline(Article(text=text))
    for m in record.counts:
        assert text[m.start:m.end] == m.text
        assert type(m.value) is int
    return [(m.text, m.value, m.value_max, m.unit, m.qualifier) for m in record.counts]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_counts(pipeline, text, expected):
    assert _found(pipeline, text) == expected


def test_seed_000(pipeline):
    text = (CORPUS / "000_4cefced91bb0d7f7.txt").read_text(encoding="utf-8")
    found = _found(pipeline, text)
    for expected in [
        ("36 ribu pekerja rentan", 36000, None, "pekerja rentan", None),
        ("67.021", 67021, None, None, None),
        ("16.419 peserta", 16419, None, "peserta", None),
        ("14.289 peserta", 14289, None, "peserta", None),
        ("30.708 peserta", 30708, None, "peserta", None),
        ("36.313 peserta", 36313, None, "peserta", None),
    ]:
        assert expected in found
    assert not any(text == "46" for text, *_ in found)  # "46 persen" is a percentage


def test_seed_004(pipeline):
    text = (CORPUS / "004_87362fef45320073.txt").read_text(encoding="utf-8")
    assert _found(pipeline, text) == [
        ("20 ribu orang", 20000, None, "orang", "gt"),
        ("15 ribu", 15000, None, None, None),
        ("5.614 peserta", 5614, None, "peserta", "approx"),
    ]


def test_rejections_are_explained(pipeline):
    doc = pipeline.annotate(Article(text="Rasio 99 mobil per 1.000 orang, dan salah satu warga hadir."))
    reasons = {r.text: r.reason for r in doc.rejections if r.field == "counts"}
    assert reasons == {"1.000 orang": "base of a ratio", "satu warga": "one of a group, not a count"}
