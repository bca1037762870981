"""Shared test fixtures: paths, the seed texts, pipelines and a model folder for the CLI.

The seed texts come from the repository (``annotations/gold.jsonl``), never from
``../shared``: the suite runs the same on a plain clone. Tests that need the
public corpora in ``../shared/corpora`` are marked ``shared`` and deselected by
default (``python -m pytest -m shared`` runs them; they fail, not skip, when the
corpora are absent).

The rule recognizers (``rules.v1``) may not be built yet; ``rules_config`` is the
rules-only pipeline without them then, so tests that only need *some* pipeline
output (offsets, record counts, formats) run either way. Tests that need what the
rule recognizers find (FIGUREs, DATEs, RANKs) ask for the ``require_rules`` fixture.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLD = REPO_ROOT / "annotations" / "gold.jsonl"


def rules_available() -> bool:
    from extract.registry import components
    return "rules.v1" in components


@pytest.fixture
def require_rules():
    """Skip the test unless the rule recognizers (``rules.v1``) are registered."""
    if not rules_available():
        pytest.skip("the rule recognizers (rules.v1) are not built yet")


def seed_texts() -> dict:
    """``{id: text}`` of every seed document, in id order, read from the gold file in the repository."""
    if not GOLD.is_file():
        raise FileNotFoundError(f"{GOLD} is missing: the seed texts for the tests live there")
    recs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not recs:
        raise ValueError(f"{GOLD} holds no records: the seed texts for the tests live there")
    return {r["id"]: r["text"] for r in sorted(recs, key=lambda r: r["id"])}


@pytest.fixture(scope="session")
def seeds() -> dict:
    """``{id: text}`` of every seed document (annotations/gold.jsonl); fails when the file is missing."""
    return seed_texts()


@pytest.fixture(scope="session")
def rules_config() -> dict:
    """The rules-only pipeline config, minus ``rules.v1`` when it is not registered."""
    from extract.pipeline import RULES_CONFIG

    cfg = json.loads(json.dumps(RULES_CONFIG))
    if not rules_available():
        cfg["pipeline"] = [c for c in cfg["pipeline"] if c["factory"] != "rules.v1"]
    return cfg


@pytest.fixture(scope="session")
def nlp(rules_config):
    """The rules-only pipeline (shared; don't add components to it)."""
    import extract
    return extract.load(rules_config)


@pytest.fixture(scope="session")
def base_nlp():
    """normalize + segment with jieba tokens: the minimal pipeline every other stage needs."""
    import extract
    return extract.load({"name": "base", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "segment", "factory": "segment.v1", "tokens": True}]})


@pytest.fixture(scope="session")
def tokenizer():
    """One shared :class:`extract.stages.segment.Tokenizer` (building one costs seconds); don't add words to it."""
    from extract.stages.segment import Tokenizer
    return Tokenizer()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory, rules_config) -> Path:
    """A model folder holding ``rules_config`` as config.json: pass it as ``--model`` to the CLI."""
    d = tmp_path_factory.mktemp("model")
    (d / "config.json").write_text(json.dumps(rules_config, ensure_ascii=False), encoding="utf-8")
    return d


def _all_spans(rec: dict):
    """``(where, start, end, text)`` of every span of a SCHEMA record."""
    for e in rec.get("entities", []):
        yield f"entity {e['id']}", e["start"], e["end"], e["text"]
    for ev in rec.get("events", []):
        t = ev["trigger"]
        yield f"event {ev['id']} trigger", t["start"], t["end"], t["text"]
        for a in ev.get("arguments", []):
            if "start" in a:
                yield f"event {ev['id']} {a['role']}", a["start"], a["end"], a["text"]
    for f in rec.get("facts", []):
        m = f.get("metric")
        if m:
            yield f"fact {f['id']} metric", m["start"], m["end"], m["text"]


def _offset_problems(rec: dict) -> list:
    text = rec["text"]
    return [(w, s, e, t, text[s:e]) for w, s, e, t in _all_spans(rec) if text[s:e] != t]


@pytest.fixture(scope="session")
def all_spans():
    """``all_spans(rec)`` → ``(where, start, end, text)`` of every span of a SCHEMA record."""
    return _all_spans


@pytest.fixture(scope="session")
def offset_problems():
    """``offset_problems(rec)`` → spans whose text is not ``rec['text'][start:end]`` ([] = all good)."""
    return _offset_problems


@pytest.fixture(scope="session")
def spark_session():
    """One local[2] SparkSession for the whole test run (JVM start costs ~10 s or more).

    Skips when pyspark or Java is missing, unless ``ZHIE_REQUIRE_SPARK=1`` (CI sets it: there a
    missing Spark is a failure, not a skip). Its Python workers import ``extract`` from this checkout.
    """
    import os
    import shutil

    required = os.environ.get("ZHIE_REQUIRE_SPARK") == "1"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if required:
            raise
        pytest.skip('pyspark is not installed (pip install -e ".[spark]")')
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        if required:
            pytest.fail("Spark needs Java 17: no java on PATH and JAVA_HOME unset")
        pytest.skip("Spark needs Java 17: no java on PATH and JAVA_HOME unset")
    from extract.spark.job import session

    spark = session("local[2]", {
        "spark.executorEnv.PYTHONPATH": str(REPO_ROOT),
        "spark.sql.shuffle.partitions": "4",
        "spark.ui.enabled": "false",
        "spark.driver.memory": "1g",
        "spark.sql.execution.arrow.maxRecordsPerBatch": "64",
    })
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def require_corpora(request):
    """Fail (not skip) with a clear message when the public corpora a module needs are absent; the
    module says where they are (``CORPORA``) and whether its files are missing (``CORPORA_MISSING``)."""
    if request.module.CORPORA_MISSING:
        pytest.fail(f"public corpora not found at {request.module.CORPORA}: put shared/ beside the clone or set "
                    "ZHIE_CORPORA (these tests are marked `shared` and run with `python -m pytest -m shared`)",
                    pytrace=False)
