"""The built pipeline kept on disk: loaded when it is the same build, built anew when not."""
from __future__ import annotations

import json
import pickle
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import extract.numbers as numbers
import extract.pipelinecache as pipelinecache
import extract.published as published
import extract.rules as rules
from extract.gazetteer import load_gazetteer
from extract.memo import BuiltOnFirstUse
from extract.pipeline import DEFAULT_TIME_BUDGET, Article, Pipeline
from extract.pipelinecache import load_pipeline
from extract.published import parse_published

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "articles.jsonl"
# The seed articles, plus text that is not ASCII (the patterns for it are built on first use).
ARTICLES = [Article(text=p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus").glob("*.txt"))] + [
    Article(text="Bupati Kutai Kartanegara Edi Damansyah menyebut é 12,5 persen warga, Rp 3,2 miliar, pada Senin (4/8/2025)."),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    return tmp_path


def _reachable(obj: object, seen: set[int] | None = None):
    """Every object reachable from `obj` through attributes and containers."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    yield obj
    if isinstance(obj, dict):
        children = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        children = list(obj)
    else:
        children = list(getattr(obj, "__dict__", {}).values())
        children += [getattr(obj, s) for s in getattr(type(obj), "__slots__", ()) if hasattr(obj, s)]
    for child in children:
        yield from _reachable(child, seen)


def test_first_load_builds_and_saves_then_loads_the_same_pipeline(cache, monkeypatch):
    built = load_pipeline()
    assert [p.name.split("-")[0] for p in cache.glob("*.pickle")] == ["pipeline"]

    def no_build(*args, **kwargs):
        raise AssertionError("built again instead of loaded")

    expected = [Pipeline()(a) for a in ARTICLES]
    monkeypatch.setattr(Pipeline, "__init__", no_build)  # unpickling does not call it
    loaded = load_pipeline()
    assert loaded is not built and loaded.time_budget == DEFAULT_TIME_BUDGET
    assert [loaded(a) for a in ARTICLES] == expected
    assert load_pipeline(time_budget=None).time_budget is None  # the budget is the caller's, not the file's


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="needs ../shared/corpus")
def test_loaded_pipeline_gives_the_built_ones_records_on_the_corpus(cache):
    load_pipeline()
    loaded, built = load_pipeline(), Pipeline()
    with SHARED_CORPUS.open(encoding="utf-8") as lines:
        for line in list(lines)[:300]:
            article = Article(text=json.loads(line)["text"])
            assert loaded(article) == built(article)


def test_saved_pipeline_holds_every_lazy_part_built_and_re_patterns_as_their_code(cache):
    load_pipeline()
    loaded = load_pipeline()
    parts = list(_reachable(loaded))
    assert not [p for p in parts if isinstance(p, BuiltOnFirstUse)]
    patterns = [p for p in parts if isinstance(p, re.Pattern)]
    assert len(patterns) > 50
    for pattern in patterns:  # Pattern equality compares the compiled code
        assert pattern == re.compile(pattern.pattern, pattern.flags & ~re.UNICODE)


def test_a_pattern_whose_code_does_not_compile_back_is_saved_as_its_source(monkeypatch):
    pattern = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})")
    assert pipelinecache._as_compiled_code(pattern) is not None
    monkeypatch.setattr(re._compiler, "_code", lambda parsed, flags: [0])  # another interpreter's code
    assert pipelinecache._as_compiled_code(pattern) is None
    monkeypatch.undo()
    buffer = __import__("io").BytesIO()
    pipelinecache._CachePickler(buffer).dump(pattern)
    assert pickle.loads(buffer.getvalue()) == pattern


def test_an_unreadable_file_is_built_anew(cache):
    load_pipeline(fields=["percentages"])
    (path,) = cache.glob("pipeline-*.pickle")
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as by a full disk
    assert load_pipeline(fields=["percentages"])(ARTICLES[-1]).percentages[0].value == 12.5
    assert pickle.loads(path.read_bytes()).fields == ("percentages",)


def test_an_edited_rule_builds_anew_and_replaces_only_that_fields_file(cache, tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    monkeypatch.setattr(pipelinecache, "RULES_DIR", rules)
    load_pipeline(fields=["percentages"])
    load_pipeline(fields=["money"])
    before = {p.name for p in cache.glob("pipeline-*.pickle")}
    with (rules / "percentages.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    load_pipeline(fields=["percentages"])
    after = {p.name for p in cache.glob("pipeline-*.pickle")}
    assert len(before) == len(after) == 2
    assert [n for n in before if n.startswith("pipeline-money-")] == [n for n in after if n.startswith("pipeline-money-")]
    assert before != after


def test_a_pipeline_that_does_not_pickle_is_not_saved_but_a_warning_says_so(cache):
    pipeline = Pipeline(fields=["percentages"])
    pipeline.components[0].unpicklable = lambda: None
    with pytest.warns(UserWarning, match="not saved to the start-up cache"):
        pipelinecache._save(pipeline, cache / "pipeline-percentages-0.pickle")
    assert not list(cache.glob("*.pickle"))


def _cache_round_trip(obj: object) -> object:
    buffer = __import__("io").BytesIO()
    pipelinecache._CachePickler(buffer).dump(obj)
    return pickle.loads(buffer.getvalue())


def test_gazetteer_units_and_region_names_come_back_from_the_cache_equal():
    unit = load_gazetteer().units["64.02"]
    assert _cache_round_trip(unit) == unit and _cache_round_trip(unit).province == "64"
    names = load_pipeline(fields=["regions"]).components[-1]._names
    assert _cache_round_trip(names) == names


def test_metadata_dates_load_from_the_cache_without_reading_the_rules(cache, monkeypatch):
    published._metadata_dates.cache_clear()
    assert parse_published("Rabu, 18 Jun 2025 07:30 WIB") == date(2025, 6, 18)
    assert [p.name.split("-")[:2] for p in cache.glob("metadata-*.pickle")] == [["metadata", "dates"]]
    published._metadata_dates.cache_clear()
    monkeypatch.setattr(published, "_lexicon", lambda: pytest.fail("built again instead of loaded"))
    assert parse_published("10/21/2025 20:43") == date(2025, 10, 21)
    published._metadata_dates.cache_clear()


def test_a_loaded_pipeline_reads_no_rules_file_and_its_numeric_fields_share_one_number_scan(cache, monkeypatch):
    load_pipeline()
    expected = [Pipeline()(a) for a in ARTICLES]
    numbers.grammar.cache_clear()  # as in a new process
    monkeypatch.setattr(rules, "_line_loader", lambda: pytest.fail("a rules file was read"))
    loaded = load_pipeline()
    assert [loaded(a) for a in ARTICLES] == expected
    grammars = {id(c._reader.grammar) for c in loaded.components if hasattr(c, "_reader")}
    assert len(grammars) == 1
    numbers.grammar.cache_clear()


# What a start that loads the pipeline from the cache must not import: pydantic (only
# pydantic-core's serializer is needed), the rules files' reader, package metadata.
_NOT_AT_START = ("pydantic", "yaml", "importlib.metadata")


def test_a_start_from_the_cache_imports_neither_pydantic_nor_the_rules_reader(cache):
    load_pipeline()
    text = ARTICLES[-1].text
    script = (
        "import json, sys\n"
        "from extract.pipeline import Article\n"
        "from extract.pipelinecache import load_pipeline\n"
        "pipeline = load_pipeline()\n"
        f"line = pipeline.to_json(pipeline(Article(text={text!r})))\n"
        f"print(json.dumps([line, sorted(m for m in sys.modules if m in {_NOT_AT_START!r} or m.startswith('pydantic.'))]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    line, imported = json.loads(done.stdout)
    assert imported == []
    assert line == Pipeline()(ARTICLES[-1]).to_json()
