"""Reading inputs: encodings, formats, and an error (never a silent drop) for bad input."""
import codecs
import json
import random

import pytest

from extract.pipeline import Article
from extract.sources import MIB, DecodeError, InputError, decode_bytes, read_inputs

TEXT = "Wali Kota Balikpapan “Rahmad” menyerahkan Rp 5 juta."
# What a Windows press-release tool writes: curly quotes, dashes, é and ® (cp1252 only) ...
CP1252_TEXT = ("Bupati Kutai Kartanegara menyerahkan “bantuan” Rp 5 juta – untuk Café Rakyat® di Tenggarong.\n"
               "Résumé kegiatan: 46,5 persen warga hadir — kata Kepala Dinas.\n")
# ... and what fits latin-1 too.
LATIN1_TEXT = "Café Rakyat® menerima bantuan Rp 5 juta; résumé kegiatan ¾ selesai, kata «Kepala Dinas».\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
])
def test_decodes_utf8_and_utf16(data):
    assert decode_bytes(data).text == TEXT


@pytest.mark.parametrize("text, encoding", [
    (CP1252_TEXT, "cp1252"),
    (LATIN1_TEXT, "latin-1"),
    (CP1252_TEXT, "utf-16-le"),  # UTF-16 without a byte-order mark
    (CP1252_TEXT, "utf-16-be"),
    ("Rp 5 juta.", "utf-16-le"),
])
def test_legacy_and_bomless_utf16_are_detected(text, encoding):
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.warning) == (text, None)


def test_utf8_with_pasted_cp1252_bytes_is_read_with_a_warning_naming_the_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(TEXT.encode("utf-8") + b"\n" + CP1252_TEXT.encode("cp1252"))
    warning, article = read_inputs([path])
    assert article.text == TEXT + "\n" + CP1252_TEXT
    assert not warning.fatal and warning.line == 2
    assert str(warning).startswith(f"{path}:2: mixed encodings: 8 bytes not UTF-8 (first 0x93 at byte")


def test_bytes_no_encoding_fits_are_an_error_naming_the_line(tmp_path):
    path = tmp_path / "garbage.txt"
    noise = bytes(random.Random(0).randrange(1, 256) for _ in range(2000))  # no NUL: not caught as binary
    path.write_bytes("Paragraf “pertama”.\nParagraf kedua.\n".encode("utf-8") + noise)
    (error,) = read_inputs([path])
    assert error.fatal and error.line == 3 and error.message.startswith("undecodable bytes")


def test_binary_is_rejected():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"Teks biasa dengan satu byte NUL\x00 di tengah.")


def test_truncated_utf16_is_an_error():
    with pytest.raises(DecodeError, match="not UTF-16 despite its byte-order mark"):
        decode_bytes(codecs.BOM_UTF16_LE + "Rp 5 juta".encode("utf-16-le") + b"\x00")


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("dua", encoding="utf-8")
    (tmp_path / "1.txt").write_text("satu", encoding="utf-8")
    (tmp_path / "skip.md").write_text("x", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [i.doc_id for i in items] == ["1", "2"]
    assert all(isinstance(i, Article) for i in items)


def test_binary_txt_gives_an_error_naming_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02garbage")
    (item,) = read_inputs([bad])
    assert isinstance(item, InputError) and str(item).startswith(str(bad)) and "binary" in item.message


def test_jsonl_line_errors_name_the_line(tmp_path):
    path = tmp_path / "x.jsonl"
    cut = '{"id": "t", "text": "isi"'
    path.write_bytes(b'{"id": "ok", "text": "isi"}\n[1, 2]\n{"id": "z", "text": "\x00\x01"}\n\n{"text": "tanpa id"}\n'
                     + cut.encode() + b"\n")
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].doc_id == "ok"
    assert (items[1].line, "expected a JSON object" in items[1].message) == (2, True)
    assert (items[2].line, "binary data" in items[2].message) == (3, True)
    assert isinstance(items[3], Article) and items[3].doc_id == "x:5"
    assert (items[4].line, items[4].message) == (6, f"not JSON: Expecting ',' delimiter (column {len(cut) + 1})")


def test_jsonl_lines_in_legacy_and_mixed_encodings(tmp_path):
    path = tmp_path / "feed.jsonl"
    legacy = json.dumps({"id": "a", "text": CP1252_TEXT}, ensure_ascii=False).encode("cp1252")
    mixed = json.dumps({"id": "b", "text": TEXT + " – "}, ensure_ascii=False).encode("utf-8").replace("–".encode(), b"\x96")
    path.write_bytes(codecs.BOM_UTF8 + legacy + b"\n" + mixed + b"\n")
    first, warning, second = read_inputs([path])
    assert first.text == CP1252_TEXT
    assert (warning.line, warning.fatal, warning.message.split(":")[0]) == (2, False, "mixed encodings")
    assert second.text == TEXT + " – "


def test_unsupported_file_type(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(b"%PDF")
    (item,) = read_inputs([p])
    assert isinstance(item, InputError) and "unsupported file type '.pdf'" in item.message


def test_json_array_items_and_bad_items(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"id": "a", "text": "isi"}, {"id": "b"}, 7]', encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].doc_id == "a"
    assert isinstance(items[1], InputError) and items[1].line == 2 and "text" in items[1].message
    assert isinstance(items[2], InputError) and "expected a JSON object" in items[2].message


def test_stdin_plain_text_and_jsonl(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Dana Rp 5 juta.".encode())))
    (item,) = read_inputs(["-"])
    assert isinstance(item, Article) and item.doc_id == "stdin"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "x", "text": "isi"}\n{"id": "y", "text": "lagi"}\n')))
    assert [i.doc_id for i in read_inputs(["-"])] == ["x", "y"]


def test_directory_glob_filters_files(tmp_path):
    (tmp_path / "a.txt").write_text("satu", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "j", "text": "dua"}\n', encoding="utf-8")
    assert [i.doc_id for i in read_inputs([tmp_path], glob="*.jsonl")] == ["j"]


SMALL_MB = 0.01  # 10,485 characters, so that the tests stay small
PROSE = "Bupati PPU menyerahkan bantuan Rp 5 juta kepada 20 ribu warga. "


def test_article_over_the_size_limit_is_refused_naming_file_and_line(tmp_path):
    big = PROSE * 200
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    (tmp_path / "huge.txt").write_text(big * 10, encoding="utf-8")  # over 6 bytes a character: never read whole
    (tmp_path / "ok.txt").write_text(PROSE, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": name, "text": text}) for name, text in
                              [("a", PROSE), ("b", big), ("c", big * 10), ("d", PROSE)]) + "\n", encoding="utf-8")
    items = list(read_inputs([tmp_path], max_article_mb=SMALL_MB))
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["a", "d", "ok"]
    limit = "limit 0.01 MB = 10,485 characters, see --max-article-mb"
    assert [str(i).removeprefix(f"{tmp_path}/") for i in items if isinstance(i, InputError)] == [
        f"big.txt: article too large: {len(big):,} characters ({limit})",
        f"feed.jsonl:2: article too large: {len(big):,} characters ({limit})",
        f"feed.jsonl:3: article too large: over 62,910 bytes ({limit})",
        f"huge.txt: article too large: over 62,910 bytes ({limit})",
    ]


@pytest.mark.parametrize("numbers, share", [
    (".".join(map(str, range(1, 200_000))), "0.0%"),  # 1.2.3.4.5...
    ("1234.5678", "0.0%"),
    ("12,5 % ", "0.0%"),
    ("Rp1.234.567.890.123.456.789.012.345.678.901.234.567.890 ", "3.6%"),
])
def test_a_megabyte_of_numbers_is_not_prose(tmp_path, numbers, share):
    text = (numbers * (MIB // len(numbers) + 1))[:MIB]
    (tmp_path / "numbers.txt").write_text(text, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "n", "text": text}) + "\n" + json.dumps({"id": "ok", "text": PROSE}) + "\n")
    txt_error, jsonl_error, article = read_inputs([tmp_path / "numbers.txt", tmp_path / "feed.jsonl"])
    expected = f"not prose: {share} letters in 1,048,576 characters"
    assert (txt_error.line, txt_error.message) == (None, expected)
    assert (jsonl_error.line, jsonl_error.message) == (1, expected)
    assert article.doc_id == "ok"


@pytest.mark.parametrize("text, is_prose", [
    ("1.2." * 249 + "123", True),  # 999 characters: a short text is never refused
    ("1.2." * 250, False),
    ("1" * 1900 + "a" * 100, True),  # 5% letters, all at the end
    ("1" * 1901 + "a" * 99, False),
])
def test_not_prose_threshold(tmp_path, text, is_prose):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    (item,) = read_inputs([path])
    assert isinstance(item, Article) == is_prose


def test_refused_file_in_a_directory_with_a_colon_in_its_name(tmp_path):
    folder = tmp_path / "2025-03-25T10:00"
    folder.mkdir()
    (folder / "numbers.txt").write_text("1.2." * 500, encoding="utf-8")
    (error,) = read_inputs([folder])
    assert (error.source, error.line) == (str(folder / "numbers.txt"), None)
