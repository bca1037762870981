"""The FUNDING negative set (evaluation/events/negatives) rebuilds into valid SCHEMA records with no event.

Validated as tests/test_funding_challenge.py validates set 2, with its builder and helpers."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from docs import needs_corpora
# CORPORA and CORPORA_MISSING are read by the require_corpora fixture (conftest.py) from this module
from test_funding_challenge import CHALLENGE2, CORPORA, CORPORA_MISSING, REPO_ROOT, _write, build_mod  # noqa: F401

from extract.io.annotations import validate_record
from extract.doc import Document

NEGATIVES = REPO_ROOT / "evaluation" / "events" / "negatives" / "funding_negatives.jsonl"
ENTITY_TYPES = {"COMPANY", "ORG", "FIGURE", "DATE"}


@pytest.fixture(scope="module")
def neg_lines():
    return build_mod.read_annotations(NEGATIVES)


@pytest.fixture(scope="module")
def neg_records():
    return build_mod.build(NEGATIVES, with_meta=True)


def test_negatives_are_pointers_disjoint_from_both_sets(neg_lines):
    earlier = build_mod.read_annotations() + build_mod.read_annotations(CHALLENGE2)
    ptrs = {(l["corpus"], l["split"], l["index"]) for l in earlier}
    shas = {l["sha1"] for l in earlier}
    assert len(neg_lines) >= 100
    assert len({l["id"] for l in neg_lines}) == len(neg_lines)
    assert len({(l["corpus"], l["split"], l["index"]) for l in neg_lines}) == len(neg_lines)
    for l in neg_lines:
        assert "text" not in l and l["kind"] == "negative" and l["note"], l["id"]
        assert (l["corpus"], l["split"], l["index"]) not in ptrs, l["id"]
        assert l["sha1"] not in shas, l["id"]
        assert l["corpus"] in ("cluener", "msra", "resume", "weibo"), l["id"]
        assert not (l["corpus"] == "cluener" and l["split"] == "dev"), l["id"]
        assert l["events"] == [] and l["relations"] == [], l["id"]
    # the note starts with the kind of negative; no kind may dominate the set
    kinds = Counter(l["note"].split(":")[0].split(" (")[0] for l in neg_lines)
    assert max(kinds.values()) <= 25, kinds


@needs_corpora
def test_negatives_rebuild_into_valid_records(neg_records, neg_lines):
    assert len(neg_records) == len(neg_lines)
    raw = NEGATIVES.read_text(encoding="utf-8")
    for rec in neg_records:
        schema = {k: v for k, v in rec.items() if k != "meta"}
        assert [p for p in validate_record(schema) if p.severity == "error"] == [], rec["id"]
        Document.from_dict(schema).check_offsets()
        assert rec["text"] not in raw, rec["id"]
        assert rec["events"] == [], rec["id"]
        for ent in rec["entities"]:
            assert ent["type"] in ENTITY_TYPES, (rec["id"], ent)
            if ent["type"] == "FIGURE":
                assert {"value", "unit", "qualifier"} <= set(ent["attrs"]), (rec["id"], ent)


@needs_corpora
def test_negatives_tampered_sha1_is_refused(tmp_path, neg_lines):
    line = json.loads(json.dumps(next(l for l in neg_lines if l["corpus"] == "cluener")))
    line["sha1"] = "0" * 40
    with pytest.raises(build_mod.ChallengeError, match="sha1"):
        build_mod.build(_write(tmp_path, line))
