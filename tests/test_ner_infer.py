"""The numpy decoder against brute force, and tag → span conversion (no torch needed)."""
import itertools

import numpy as np
import pytest

from extract.stages.ner.infer import bio_constraints, tags_to_spans, viterbi
from extract.learn.ner.score import score_spans


def _brute_force(em, trans, start, end):
    k = em.shape[1]

    def score(p):
        return (start[p[0]] + sum(em[j, p[j]] for j in range(len(p)))
                + sum(trans[p[j - 1], p[j]] for j in range(1, len(p))) + end[p[-1]])

    return max(itertools.product(range(k), repeat=em.shape[0]), key=score)


@pytest.mark.parametrize("n_labels", [1, 2, 3])
def test_viterbi_equals_brute_force(n_labels):
    rng = np.random.default_rng(n_labels)
    k = 2 * n_labels + 1
    tmask, smask = bio_constraints(n_labels)
    max_len = 6 if n_labels < 3 else 4  # brute force is k ** length paths
    for _ in range(8):
        trans = rng.normal(size=(k, k)).astype(np.float32) + tmask
        start = rng.normal(size=k).astype(np.float32) + smask
        end = rng.normal(size=k).astype(np.float32)
        lengths = rng.integers(1, max_len, size=5)
        em = rng.normal(size=(5, lengths.max(), k)).astype(np.float32) * 2
        tags = viterbi(em, lengths, trans, start, end)
        for row, n in enumerate(lengths):
            assert tuple(tags[row, :n]) == _brute_force(em[row, :n], trans, start, end)
            assert not tags[row, n:].any(), "padding must decode to O"


def test_viterbi_never_emits_an_orphan_inside_tag():
    rng = np.random.default_rng(0)
    tmask, smask = bio_constraints(3)
    em = rng.normal(size=(8, 30, 7)).astype(np.float32)
    em[:, :, [2, 4, 6]] += 3  # push hard toward I- tags
    tags = viterbi(em, np.full(8, 30), tmask, smask, np.zeros(7, np.float32))
    for row in tags:
        prev = 0
        for t in row:
            if t and t % 2 == 0:
                assert prev in (t - 1, t), f"I-tag {t} after {prev}"
            prev = t


def test_tags_to_spans():
    labels = ["company", "name"]
    # O B-c I-c I-c O B-n I-n B-c O I-c(orphan, ignored) B-n
    tags = [0, 1, 2, 2, 0, 3, 4, 1, 0, 2, 3]
    assert tags_to_spans(tags, labels) == [(1, 4, "company"), (5, 7, "name"), (7, 8, "company"), (10, 11, "name")]
    assert tags_to_spans([], labels) == []
    assert tags_to_spans([0, 0], labels) == []


def test_score_spans_per_type_and_micro():
    gold = [[(0, 4, "COMPANY"), (5, 7, "PERSON")], [(0, 2, "LOC")]]
    pred = [[(0, 4, "COMPANY"), (5, 8, "PERSON")], [(0, 2, "LOC"), (3, 5, "ORG")]]
    sc = score_spans(gold, pred)
    assert (sc["COMPANY"].f, sc["LOC"].f, sc["PERSON"].f) == (1.0, 1.0, 0.0)
    assert sc["ORG"].p == 0.0 and sc["ORG"].r == 0.0 and sc["ORG"].f == 0.0  # explicit zero division
    assert (sc["micro"].tp, sc["micro"].n_pred, sc["micro"].n_gold) == (2, 4, 3)
    assert sc["micro"].f == pytest.approx(2 * 2 / 7)


def _fake_tagger(spans_by_head):
    """A NumpyTagger whose heads 'predict' fixed spans, to test how heads are combined."""
    from extract.stages.ner.infer import NumpyTagger
    t = object.__new__(NumpyTagger)
    t.config = {"output_head": "base"}
    t.output_map = {"base": {"company": "COMPANY", "name": "PERSON", "address": "LOC", "scene": None},
                    "zhie": {"PERSON": "PERSON", "LOC": "LOC"}}
    t.predict_heads = lambda texts, heads, batch_chars=0: {h: [spans_by_head[h]] for h in heads}
    return t


def test_head_precedence_by_type():
    base = [(0, 4, "company"), (5, 7, "name"), (8, 12, "address"), (13, 15, "scene")]
    new = [(2, 6, "PERSON"), (8, 10, "LOC"), (16, 18, "PERSON")]
    t = _fake_tagger({"base": base, "zhie": new})
    # head order: the first head wins every overlap
    assert t.entities(["x"], ["zhie", "base"])[0] == [(2, 6, "PERSON"), (8, 10, "LOC"), (16, 18, "PERSON")]
    # type precedence: the new head first only for its own types (PERSON, LOC); the base head keeps
    # its COMPANY (which blocks the new PERSON over it) and fills gaps in the new head's types
    assert t.entities(["x"], ["zhie", "base"], precedence="type")[0] == [
        (0, 4, "COMPANY"), (5, 7, "PERSON"), (8, 10, "LOC"), (16, 18, "PERSON")]
    with pytest.raises(ValueError, match="two heads"):
        t.entities(["x"], ["zhie"], precedence="type")
    with pytest.raises(ValueError, match="precedence"):
        t.entities(["x"], ["zhie", "base"], precedence="other")
