"""The FUNDING challenge set (evaluation/events) rebuilds into valid SCHEMA records from the corpora."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extract.annotations import validate_record
from extract.doc import EVENT_ROLES, Document

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_PY = REPO_ROOT / "evaluation" / "events" / "build.py"


def _load_build():
    spec = importlib.util.spec_from_file_location("funding_challenge_build", BUILD_PY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build_mod = _load_build()
CORPORA = build_mod.corpora_dir()
needs_corpora = pytest.mark.skipif(
    not (CORPORA / "cluener2020" / "train.json").is_file() or not (CORPORA / "msra_ner").is_dir(),
    reason=f"public corpora not found at {CORPORA} (set ZHIE_CORPORA)")


@pytest.fixture(scope="module")
def records():
    return build_mod.build(with_meta=True)


@pytest.fixture(scope="module")
def lines():
    return build_mod.read_annotations()


def _one_line(lines, corpus="cluener"):
    return next(dict(l) for l in lines if l["corpus"] == corpus and l["events"])


def _write(tmp_path, line) -> Path:
    p = tmp_path / "one.jsonl"
    p.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def test_annotation_file_stores_no_corpus_text(lines):
    assert lines, "the annotation file is empty"
    for line in lines:
        assert "text" not in line
        assert {"id", "corpus", "split", "index", "sha1", "kind"} <= set(line)
        assert line["kind"] in ("positive", "negative")


@needs_corpora
def test_records_are_valid_and_rebuild_the_spans(records):
    assert len(records) == len(build_mod.read_annotations())
    for rec in records:
        schema = {k: v for k, v in rec.items() if k != "meta"}
        errors = [p for p in validate_record(schema) if p.severity == "error"]
        assert errors == [], errors
        doc = Document.from_dict(schema)
        doc.check_offsets()  # raises on any span whose text differs from text[start:end]
        assert doc.to_dict()["events"] == schema["events"]


@needs_corpora
def test_raw_file_holds_no_sentence_text(records):
    raw = build_mod.ANNOTATIONS.read_text(encoding="utf-8")
    for rec in records:
        assert rec["text"] not in raw, rec["id"]


@needs_corpora
def test_positives_have_events_and_negatives_none(records):
    for rec in records:
        kind = rec["meta"]["kind"]
        assert bool(rec["events"]) == (kind == "positive"), rec["id"]
        ents = {e["id"]: e for e in rec["entities"]}
        for ev in rec["events"]:
            assert ev["type"] == "FUNDING"
            for a in ev["arguments"]:
                assert a["role"] in EVENT_ROLES
                if a["role"] == "amount":
                    fig = ents[a["ref"]]
                    assert fig["type"] == "FIGURE"
                    assert {"value", "unit", "qualifier"} <= set(fig["attrs"])
                if a["role"] in ("company",):
                    assert ents[a["ref"]]["type"] == "COMPANY"
                if a["role"] in ("investor", "lead_investor"):
                    assert ents[a["ref"]]["type"] in ("COMPANY", "ORG")


@needs_corpora
@pytest.mark.parametrize("field,value,message", [
    ("sha1", "0" * 40, "sha1"),
    ("split", "train", "split"),       # the first CLUENER positive is in the holdout split
    ("index", 10 ** 7, "out of range"),
])
def test_a_wrong_pointer_is_refused(tmp_path, lines, field, value, message):
    line = _one_line(lines)
    assert line["split"] == "holdout"
    line[field] = value
    with pytest.raises(build_mod.ChallengeError, match=message):
        build_mod.build(_write(tmp_path, line))


@needs_corpora
def test_a_shifted_span_is_refused(tmp_path, lines):
    line = json.loads(json.dumps(_one_line(lines)))
    trig = line["events"][0]["trigger"]
    trig["start"] += 1
    trig["end"] += 1
    with pytest.raises(build_mod.ChallengeError, match="trigger"):
        build_mod.build(_write(tmp_path, line))


@needs_corpora
def test_cli_writes_full_records(tmp_path):
    out = tmp_path / "fc.jsonl"
    lines_in = build_mod.read_annotations()
    # one CLUENER line is enough to exercise the writer (MSRA train takes ~10 s to read)
    src = _write(tmp_path, _one_line(lines_in))
    assert build_mod.main(["--annotations", str(src), "--out", str(out)]) == 0
    recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 1 and recs[0]["text"] and "meta" not in recs[0]
    assert recs[0]["text"][recs[0]["events"][0]["trigger"]["start"]:recs[0]["events"][0]["trigger"]["end"]] == \
        recs[0]["events"][0]["trigger"]["text"]
