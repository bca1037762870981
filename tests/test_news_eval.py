"""evaluation/news_eval.py: per-document measures and their bootstrap pooling."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "evaluation"))
news_eval = pytest.importorskip("news_eval")


def _rec(i, ents):
    text = "云顶新耀完成3.1亿美元C轮融资。"
    return {"id": i, "text": text,
            "entities": [{"id": f"E{k}", "type": t, "start": s, "end": e, "text": text[s:e],
                          "attrs": {"value": 310000000, "unit": "美元", "qualifier": "exact"} if t == "FIGURE" else {}}
                         for k, (t, s, e) in enumerate(ents, 1)],
            "relations": [], "events": [], "facts": []}


def test_pooled_value_equals_the_scorer_and_interval_brackets_it():
    from extract.eval.evaluate import score
    gold = [_rec("a", [("COMPANY", 0, 4), ("FIGURE", 6, 12)]), _rec("b", [("COMPANY", 0, 4)])]
    pred = [_rec("a", [("COMPANY", 0, 4)]), _rec("b", [("COMPANY", 0, 4), ("FIGURE", 6, 12)])]
    per_doc = [news_eval.measures(score([g], [p])) for g, p in zip(gold, pred)]
    b = news_eval.bootstrap(per_doc, draws=200)
    pooled = score(gold, pred)["entities"]["micro"]
    assert (b["entities"]["tp"], b["entities"]["fp"], b["entities"]["fn"]) == (2, 1, 1)
    assert b["entities"]["value"] == pytest.approx(pooled["f1"], abs=1e-4)
    assert b["entities"]["lo"] <= b["entities"]["value"] <= b["entities"]["hi"]
    assert b["entities/COMPANY"]["value"] == 1.0
    assert b["entities/FIGURE"]["value"] == 0.0


def test_accuracy_measures_pool_counts():
    assert news_eval._value([(3, 4), (1, 4)]) == 0.5
    assert news_eval._value([("chars", 5, 10, 10)]) == 0.5
    assert news_eval._value([(0, 0, 0)]) is None
