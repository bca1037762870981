"""evaluation/facts_gold_folds.py: each fold's facts stage on the gold entities of the documents it never saw and of
its own, scored apart."""
import json
import shutil
from pathlib import Path

from docs import load_script

REPO = Path(__file__).resolve().parents[1]


def _doc(i, with_fact):
    text = "星河科技的营收达到12亿元。"
    ents = [{"id": "E1", "type": "COMPANY", "start": 0, "end": 4, "text": "星河科技"},
            {"id": "E2", "type": "FIGURE", "start": 9, "end": 13, "text": "12亿元",
             "attrs": {"value": 1.2e9, "unit": "元", "qualifier": "exact"}}]
    facts = [{"id": "F1", "type": "METRIC", "subject": "E1", "value": "E2",
              "metric": {"start": 5, "end": 7, "text": "营收"}}] if with_fact else []
    return {"id": f"d{i}", "text": text, "entities": ents, "facts": facts}


def test_held_out_and_in_sample_are_scored_apart(tmp_path, capsys):
    mod = load_script("evaluation/facts_gold_folds.py")
    recs = [_doc(0, True), _doc(1, True), _doc(2, False), _doc(3, False)]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    run = tmp_path / "run"
    (run / "fold0").mkdir(parents=True)
    (run / "fold1").mkdir()
    for k in (0, 1):
        for f in ("facts_chooser.json", "facts_metric.json"):
            shutil.copy(REPO / "models" / "default" / f, run / f"fold{k}" / f)
    (run / "folds.json").write_text(json.dumps({"folds": 2, "models": ["fold0", "fold1"]}), encoding="utf-8")
    # fold 0 was trained on d0 and d2, fold 1 on d1 and d3: held out, each fold sees the other two
    for k, ids in ((0, ("d0", "d2")), (1, ("d1", "d3"))):
        (run / f"gold_not_{k}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs if r["id"] in ids), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert mod.main([str(run), "--gold", str(gold), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("held out") and lines[1].startswith("in-sample")
    # the same four documents either way: one fact each in d0 and d1, found on the gold entities; d2 and d3 (the
    # gold gives none) get the same fact, false
    assert "(tp 2, fp 2, fn 0)" in lines[0] and "(tp 2, fp 2, fn 0)" in lines[1]
    pred = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(p["id"] for p in pred) == ["d0", "d1", "d2", "d3"] and all(len(p["facts"]) == 1 for p in pred)
    assert mod.f1_of(2, 2, 0) == 2 * 2 / (4 + 2)
