"""The fact rules on gold entities: their counts on the seed gold and the news train and dev splits, pinned.

The rules (``extract/stages/facts/rules.py``, without the learned chooser and trimmer) read the
gold entities of the five seed documents (``annotations/gold.jsonl``) and the 100 train and 30 dev
documents of ZhIE-News (all frozen files),
and their facts are scored against the gold facts as ``zhie evaluate`` scores them (SCHEMA §4).
The exact counts are pinned: a change to the rules that moves any of them fails here, whichever
way it moves them. When a change is deliberate, measure it on news dev (``python -m extract
evaluate``), write its effect in the commit, and update the counts below with the ones printed.
(The news test split is never read here.)
"""
import copy
from pathlib import Path

import pytest

from extract.doc import Document
from extract.eval.evaluate import read_jsonl, score
from extract.stages.facts.rules import _load, find_facts
from extract.stages.segment import ensure_sentences

ROOT = Path(__file__).resolve().parents[1] / "annotations"


@pytest.fixture(scope="module")
def report():
    gold = [d for name in ("gold.jsonl", "news/train.jsonl", "news/dev.jsonl") for d in read_jsonl(ROOT / name)]
    assert len(gold) == 135
    preds = []
    for g in gold:
        d = Document(g.text, id=g.id)
        d.entities = [copy.copy(e) for e in g.entities]
        ensure_sentences(d)
        d.facts = find_facts(d, _load())
        preds.append(d)
    return score(gold, preds)["facts"]


def _counts(d: dict) -> tuple:
    return d["tp"], d["fp"], d["fn"]


def test_fact_rules_on_gold_entities(report):
    got = {t: _counts(report["per_type"][t]) for t in ("METRIC", "RANKING")}
    assert got == {"METRIC": (1586, 731, 515), "RANKING": (244, 110, 129)}, got
    assert report["micro"]["f1"] == pytest.approx(0.7114, abs=5e-5)


def test_fact_rules_metric_spans_on_gold_entities(report):
    m = report["metric_spans"]
    got = (m["overlap_chars"], m["pred_chars"], m["gold_chars"])
    assert got == (7162, 16783, 13347), got
