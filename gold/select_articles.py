"""Pick the shared-corpus articles for the gold set: rich in the six fields, varied.

Run: python gold/select_articles.py ../shared/corpus/articles.jsonl
Prints the chosen ids, one per line, with the reason they were chosen (deterministic).
"""
from __future__ import annotations

import json
import re
import sys

PARTS = ("indosum", "detiksum", "indonews")
REGIONAL_GOV = re.compile(r"\b(Pemkab|Pemkot|Pemprov|Bupati|Wali ?[Kk]ota|Gubernur|Dinas|APBD|DPRD)\b")
SIGNALS = {
    "money": re.compile(r"\bRp ?\.? ?\d|\brupiah\b"),
    "percent": re.compile(r"\d ?(persen|%)"),
    "date": re.compile(r"\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)\b|\(\d{1,2}/\d{1,2}"),
    "count": re.compile(r"\d[\d.,]* (ribu |juta )?(orang|warga|peserta|pekerja|penduduk|jiwa|siswa|pasien|korban|penerima|KK|keluarga|petani|guru|pegawai|ASN)\b"),
    "official": re.compile(r"\b(Bupati|Gubernur|Wali ?[Kk]ota|Menteri|Kepala Dinas|Kepala Badan|Kapolres|Camat|Sekda|Ketua DPRD)\b"),
}


def score(text: str) -> dict[str, int]:
    return {name: len(p.findall(text)) for name, p in SIGNALS.items()}


def main(path: str, n_regional: int = 32, n_other: int = 28) -> None:
    regional, other = [], []
    for line in open(path, encoding="utf-8"):
        art = json.loads(line)
        if not art["id"].startswith(PARTS) or not 1200 <= len(art["text"]) <= 4500:
            continue
        s = score(art["text"])
        richness = sum(min(v, 4) for v in s.values()) + 2 * sum(1 for v in s.values() if v)
        entry = (richness, art["id"], s)
        (regional if len(REGIONAL_GOV.findall(art["text"])) >= 3 else other).append(entry)
    chosen = []
    for pool, n in ((regional, n_regional), (other, n_other)):
        pool.sort(key=lambda e: (-e[0], e[1]))
        per_part = {p: 0 for p in PARTS}
        for richness, doc_id, s in pool:
            part = doc_id.split("-")[0]
            if per_part[part] >= n // 2 + 2:  # keep the three parts mixed
                continue
            per_part[part] += 1
            chosen.append((doc_id, "regional" if pool is regional else "other", richness))
            if sum(per_part.values()) >= n:
                break
    for doc_id, kind, richness in chosen:
        print(doc_id, kind, richness, sep="\t")


if __name__ == "__main__":
    main(sys.argv[1])
