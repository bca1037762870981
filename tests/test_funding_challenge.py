"""The FUNDING challenge set (evaluation/events) rebuilds into valid SCHEMA records from the corpora."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from docs import needs_corpora

from extract.io.annotations import validate_record
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
CORPORA_MISSING = (not (CORPORA / "cluener2020" / "train.json").is_file() or not (CORPORA / "msra_ner").is_dir())


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
    assert records, "no records were rebuilt"
    for rec in records:
        assert rec["text"] not in raw, rec["id"]


@needs_corpora
def test_positives_have_events_and_negatives_none(records):
    assert {r["meta"]["kind"] for r in records} == {"positive", "negative"}
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


# --- the second, blind set (evaluation/events/challenge2) -------------------------------------------------

CHALLENGE2 = REPO_ROOT / "evaluation" / "events" / "challenge2" / "funding_challenge2.jsonl"


@pytest.fixture(scope="module")
def lines2():
    return build_mod.read_annotations(CHALLENGE2)


@pytest.fixture(scope="module")
def records2():
    return build_mod.build(CHALLENGE2, with_meta=True)


def test_challenge2_is_disjoint_from_the_first_set(lines, lines2):
    """The second set is the held-out estimate: no sentence of the first (development) set may reappear."""
    first_ptr = {(l["corpus"], l["split"], l["index"]) for l in lines}
    first_sha = {l["sha1"] for l in lines}
    assert lines2
    for l in lines2:
        assert (l["corpus"], l["split"], l["index"]) not in first_ptr, l["id"]
        assert l["sha1"] not in first_sha, l["id"]
        assert "text" not in l
        assert l["kind"] in ("positive", "negative")
        # allowed sources only: never the CLUENER dev split, never DuEE
        assert l["corpus"] in ("cluener", "msra", "resume", "weibo"), l["id"]
        assert not (l["corpus"] == "cluener" and l["split"] == "dev"), l["id"]
    assert len({l["id"] for l in lines2}) == len(lines2)


@needs_corpora
def test_challenge2_records_are_valid(records2, lines2):
    assert len(records2) == len(lines2)
    raw = CHALLENGE2.read_text(encoding="utf-8")
    kinds = {"positive": 0, "negative": 0}
    for rec in records2:
        schema = {k: v for k, v in rec.items() if k != "meta"}
        assert [p for p in validate_record(schema) if p.severity == "error"] == [], rec["id"]
        Document.from_dict(schema).check_offsets()
        assert rec["text"] not in raw, rec["id"]
        kind = rec["meta"]["kind"]
        kinds[kind] += 1
        assert bool(rec["events"]) == (kind == "positive"), rec["id"]
        if kind == "negative":  # negatives carry no annotation at all
            assert rec["entities"] == [] and rec["relations"] == [] and rec["facts"] == [], rec["id"]
        ents = {e["id"]: e for e in rec["entities"]}
        for ev in rec["events"]:
            assert ev["type"] == "FUNDING"
            for a in ev["arguments"]:
                assert a["role"] in EVENT_ROLES
                want = {"company": ("COMPANY",), "amount": ("FIGURE",), "date": ("DATE",),
                        "investor": ("COMPANY", "ORG"), "lead_investor": ("COMPANY", "ORG")}.get(a["role"])
                if want:
                    assert ents[a["ref"]]["type"] in want, (rec["id"], a)
    assert kinds["positive"] >= 1 and kinds["negative"] >= 1


@needs_corpora
def test_challenge2_tampered_sha1_is_refused(tmp_path, lines2):
    line = dict(next(l for l in lines2 if l["corpus"] == "cluener"))
    line["sha1"] = "0" * 40
    with pytest.raises(build_mod.ChallengeError, match="sha1"):
        build_mod.build(_write(tmp_path, line))
