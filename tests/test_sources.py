"""Reading inputs: encodings, formats, and an error (never a silent drop) for bad input."""
import codecs

import pytest

from extract.pipeline import Article
from extract.sources import DecodeError, InputError, decode_bytes, read_inputs

TEXT = "Wali Kota Balikpapan “Rahmad” menyerahkan Rp 5 juta."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
])
def test_decodes_utf8_and_utf16(data):
    assert decode_bytes(data) == TEXT


def test_legacy_cp1252_falls_back():
    assert decode_bytes("Rp 5 juta – “kata”".encode("cp1252")) == "Rp 5 juta – “kata”"


def test_binary_is_rejected():
    with pytest.raises(DecodeError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


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
    path.write_bytes(b'{"id": "ok", "text": "isi"}\n[1, 2]\n{"id": "u", "text": "\xff\xfe"}\n\n{"text": "tanpa id"}\n')
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].doc_id == "ok"
    assert (items[1].line, "expected a JSON object" in items[1].message) == (2, True)
    assert (items[2].line, "not UTF-8" in items[2].message) == (3, True)
    assert isinstance(items[3], Article) and items[3].doc_id == "x:5"


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
