"""The METRIC/RANKING facts challenge set (evaluation/facts_challenge) rebuilds into valid SCHEMA records."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from docs import needs_corpora

from extract.io.annotations import validate_record
from extract.doc import Document

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_PY = REPO_ROOT / "evaluation" / "facts_challenge" / "build.py"


def _load_build():
    spec = importlib.util.spec_from_file_location("facts_challenge_build", BUILD_PY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build_mod = _load_build()
CORPORA = build_mod.corpora_dir()
CORPORA_MISSING = (not (CORPORA / "msra_ner" / "msra_test_bio.txt").is_file()
    or not (CORPORA / "peoples_daily_ner" / "example.test").is_file())


@pytest.fixture(scope="module")
def lines():
    return build_mod.read_annotations(build_mod.ANNOTATIONS)


@pytest.fixture(scope="module")
def records():
    return build_mod.build(with_meta=True)


def _one_line(lines, corpus="peoples_daily"):
    return json.loads(json.dumps(next(l for l in lines if l["corpus"] == corpus and l["facts"])))


def _write(tmp_path, line) -> Path:
    p = tmp_path / "one.jsonl"
    p.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def test_annotation_file_stores_no_corpus_text(lines):
    assert len(lines) >= 40
    for line in lines:
        assert "text" not in line
        assert {"id", "corpus", "split", "index", "sha1", "kind"} <= set(line)
        assert line["kind"] in ("positive", "negative")
        # only held-out splits: MSRA test, People's Daily dev/test; never CLUENER, never DuEE
        assert (line["corpus"], line["split"]) in {("msra", "test"), ("peoples_daily", "dev"),
                                                    ("peoples_daily", "test")}, line["id"]


@needs_corpora
def test_records_are_valid_and_rebuild_the_spans(records, lines):
    assert len(records) == len(lines)
    for rec in records:
        schema = {k: v for k, v in rec.items() if k != "meta"}
        errors = [p for p in validate_record(schema) if p.severity == "error"]
        assert errors == [], errors
        doc = Document.from_dict(schema)
        doc.check_offsets()  # raises on any span whose text differs from text[start:end]
        for f in schema["facts"]:
            m = f["metric"]
            assert schema["text"][m["start"]:m["end"]] == m["text"]


@needs_corpora
def test_raw_file_holds_no_sentence_text(records):
    raw = build_mod.ANNOTATIONS.read_text(encoding="utf-8")
    assert records, "no records were rebuilt"
    for rec in records:
        assert rec["text"] not in raw, rec["id"]


@needs_corpora
def test_facts_point_at_the_right_entity_types(records):
    n_metric = n_ranking = 0
    for rec in records:
        ents = {e["id"]: e for e in rec["entities"]}
        assert bool(rec["facts"]) == (rec["meta"]["kind"] == "positive"), rec["id"]
        for f in rec["facts"]:
            value = ents[f["value"]]
            if f["type"] == "METRIC":
                n_metric += 1
                assert value["type"] == "FIGURE"
                assert {"value", "unit", "qualifier"} <= set(value["attrs"])
            else:
                n_ranking += 1
                assert f["type"] == "RANKING" and value["type"] == "RANK"
                assert f["subject"] is not None, rec["id"]  # SCHEMA §5: a RANKING always has a subject
            if f["subject"] is not None:
                assert ents[f["subject"]]["type"] not in ("FIGURE", "RANK", "DATE")
            if f.get("date"):
                assert ents[f["date"]]["type"] == "DATE"
    assert n_metric > 0 and n_ranking > 0


@needs_corpora
@pytest.mark.parametrize("field,value,message", [
    ("sha1", "0" * 40, "sha1"),
    ("index", 10 ** 7, "out of range"),
    ("split", "train", "not allowed"),        # People's Daily has no train file here; MSRA train is not held out
    ("corpus", "cluener", "not allowed"),     # CLUENER is not a source of this set
])
def test_a_wrong_pointer_is_refused(tmp_path, lines, field, value, message):
    line = _one_line(lines)
    line[field] = value
    with pytest.raises(build_mod.ChallengeError, match=message):
        build_mod.build(_write(tmp_path, line))


@needs_corpora
@pytest.mark.parametrize("where", ["entity", "metric"])
def test_a_shifted_span_is_refused(tmp_path, lines, where):
    line = _one_line(lines)
    span = line["entities"][0] if where == "entity" else line["facts"][0]["metric"]
    span["start"] += 1
    span["end"] += 1
    with pytest.raises(build_mod.ChallengeError, match="entity|metric"):
        build_mod.build(_write(tmp_path, line))


@needs_corpora
def test_a_negative_with_a_fact_is_refused(tmp_path, lines):
    line = _one_line(lines)
    line["kind"] = "negative"
    with pytest.raises(build_mod.ChallengeError, match="negative"):
        build_mod.build(_write(tmp_path, line))


@needs_corpora
def test_an_unmodified_line_builds(tmp_path, lines):
    """The refusals above come from the tampering, not from the copy."""
    line = _one_line(lines)
    assert len(build_mod.build(_write(tmp_path, line))) == 1
