"""Every bad input of issue 8 through `extract run`, and the worst of them straight through the pipeline.

    python benchmarks/bad_inputs.py

Each input is generated into a temporary directory and run next to one good article, in
process (start-up excluded); printed: what `extract run` wrote to stderr, its exit status,
the records written and the seconds taken.  Then 1 MB of digits and dots goes straight to
`extract.pipeline.extract` (no not-prose check in the way) with its time per 100 KB.
"""
from __future__ import annotations

import codecs
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

MIB = 2**20
PROSE = "Bupati PPU, Mudyat Noor, menyerahkan “bantuan” Rp 5 juta – untuk Café Rakyat®, Selasa (25/03/2025). "
DIGITS_AND_DOTS = {
    "1.2.3.4.… (counting)": ".".join(map(str, range(1, 200_000)))[:MIB],
    "1.2.3.4.… (repeated)": ("1.2.3.4." * (MIB // 8))[:MIB],
    "1234.5678…": ("1234.5678" * (MIB // 9 + 1))[:MIB],
}


def jsonl(*objects: object) -> bytes:
    return "".join(json.dumps(o) + "\n" for o in objects).encode("utf-8")


def noise(size: int) -> bytes:
    """Random bytes without NUL: not recognisably binary, and no text encoding fits."""
    rng = random.Random(0)
    return bytes(rng.randrange(1, 256) for _ in range(size))


# name -> (file name, bytes); each runs next to a good article
CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "empty file": ("empty.txt", lambda: b" \n"),
    "binary file (PNG header)": ("image.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
    "text with one NUL byte": ("nul.txt", lambda: PROSE.encode() + b"\x00" + PROSE.encode()),
    "undecodable bytes after two lines of text": ("noise.txt", lambda: "Baris “satu”.\nBaris dua.\n".encode() + noise(2000)),
    "truncated UTF-16 (BOM, odd length)": ("cut16.txt", lambda: codecs.BOM_UTF16_LE + PROSE.encode("utf-16-le") + b"\x00"),
    "UTF-8 with a pasted cp1252 line": ("mixed.txt", lambda: PROSE.encode() + b"\n" + PROSE.encode("cp1252")),
    "cp1252": ("cp1252.txt", lambda: PROSE.encode("cp1252")),
    "latin-1": ("latin1.txt", lambda: "Café Rakyat® menerima Rp 5 juta, «kata» Bupati.".encode("latin-1")),
    "UTF-16 LE without BOM": ("utf16le.txt", lambda: PROSE.encode("utf-16-le")),
    "UTF-16 BE without BOM": ("utf16be.txt", lambda: PROSE.encode("utf-16-be")),
    "UTF-8 with BOM": ("bom8.txt", lambda: codecs.BOM_UTF8 + PROSE.encode()),
    "unsupported file type": ("release.pdf", lambda: b"%PDF-1.7"),
    "JSONL line that is not JSON": ("notjson.jsonl", lambda: b'{"id": "a", "text": "Rp 5 juta"\n'),
    "JSONL line that is not an object": ("array.jsonl", lambda: b"[1, 2]\n"),
    "JSONL line without text": ("notext.jsonl", lambda: jsonl({"id": "a", "title": "tanpa teks"})),
    "JSONL line with an unreadable date": ("baddate.jsonl", lambda: jsonl({"id": "a", "text": PROSE, "date": "kemarin sore"})),
    "JSONL line with NUL bytes": ("nul.jsonl", lambda: b'{"id": "a", "text": "\x00\x01"}\n'),
    "JSONL line in cp1252": ("cp1252.jsonl", lambda: json.dumps({"id": "a", "text": PROSE}, ensure_ascii=False).encode("cp1252") + b"\n"),
    "duplicate ids": ("dup.jsonl", lambda: jsonl({"id": "ok", "text": PROSE})),
    "JSON array that is not JSON": ("batch.json", lambda: b'[{"id": "a", "text": "Rp 5 juta"},'),
    "50 MB article (.txt)": ("big.txt", lambda: (PROSE * (50 * MIB // len(PROSE))).encode()),
    "50 MB JSONL line": ("big.jsonl", lambda: jsonl({"id": "big", "text": PROSE * (50 * MIB // len(PROSE))})),
    "100 MB article (.txt, over the read cap: never read whole)": ("huge.txt", lambda: b"Rp 5 juta. " * (100 * MIB // 11)),
    **{f"1 MB of {name} (.txt)": ("numbers.txt", lambda text=text: text.encode()) for name, text in DIGITS_AND_DOTS.items()},
    "1 MB of 1.2.3.4.… in a JSONL line": ("numbers.jsonl", lambda: jsonl({"id": "n", "text": DIGITS_AND_DOTS["1.2.3.4.… (counting)"]})),
}


def run_cases() -> None:
    from extract.cli import app

    runner = CliRunner()
    runner.invoke(app, ["run", "-"], input=PROSE)  # warm the pipeline
    for name, (file_name, make) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            good, bad = Path(tmp) / "ok.txt", Path(tmp) / file_name
            good.write_text(PROSE, encoding="utf-8")
            bad.write_bytes(make())
            start = time.perf_counter()
            result = runner.invoke(app, ["run", str(good), str(bad), "--no-progress"])
            seconds = time.perf_counter() - start
            records = sum(1 for line in result.stdout.splitlines() if line.startswith("{"))
            said = [line.replace(tmp + "/", "") for line in result.stderr.splitlines() if not line.startswith("summary:")]
            print(f"{name}: exit {result.exit_code}, {records} records, {seconds:.2f} s")
            for line in said or ["(nothing: read like any article)"]:
                print(f"    {line}")


def time_pipeline() -> None:
    from extract.models import FIELDS
    from extract.pipeline import extract

    extract(PROSE)  # warm
    print("\nstraight through extract.pipeline.extract:")
    for name, text in DIGITS_AND_DOTS.items():
        for size in (MIB // 4, MIB):
            start = time.perf_counter()
            record = extract(text[:size])
            seconds = time.perf_counter() - start
            mentions = sum(len(getattr(record, f)) for f in FIELDS)
            print(f"    {name}, {size:,} characters: {seconds:.3f} s ({seconds / size * 100_000:.3f} s per 100 KB), {mentions} mentions")


def main() -> None:
    print(f"python {sys.version.split()[0]}")
    run_cases()
    time_pipeline()


if __name__ == "__main__":
    main()
