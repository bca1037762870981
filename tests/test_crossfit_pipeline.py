"""evaluation/crossfit_pipeline.py: each fold's folder is retrained on the documents outside the fold, and every
document is scored through the folder of its own fold."""
import json

import pytest

from docs import load_script
from extract.learn import fold_of


def _module():
    return load_script("evaluation/crossfit_pipeline.py")


def _gold(tmp_path, n=12):
    recs = [{"id": f"d{i}", "text": "2024年营收达到12亿元。",
             "entities": [{"id": "E1", "type": "DATE", "start": 0, "end": 5, "text": "2024年"}]} for i in range(n)]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return recs, path


def test_fold_gold_holds_the_documents_outside_each_fold(tmp_path):
    mod = _module()
    recs, _ = _gold(tmp_path)
    paths = mod.fold_gold(recs, 2, tmp_path)
    for k, p in enumerate(paths):
        ids = [json.loads(x)["id"] for x in p.read_text(encoding="utf-8").splitlines()]
        assert ids == [r["id"] for r in recs if fold_of(r["id"], 2) != k]
    assert {fold_of(r["id"], 2) for r in recs} == {0, 1}


def test_retrain_command_uses_the_fold_ner_and_every_fold_step(tmp_path):
    mod = _module()
    cf = tmp_path / "cf"
    cmd = mod.retrain_command(tmp_path / "base", cf / "fold1", tmp_path / "g.jsonl", tmp_path / "f1", cf)
    assert cmd[cmd.index("--ner") + 1] == str(cf / "fold1")
    assert cmd[cmd.index("--gold") + 1] == str(tmp_path / "g.jsonl")
    steps = cmd[cmd.index("--steps") + 1:cmd.index("--crossfit")]
    assert steps == list(mod.FOLD_STEPS) and "mentions" in steps  # the match filters are refitted per fold too
    # … on cross-fitted candidates (as the shipped filters were), the other classifiers over the fold NER
    assert cmd[cmd.index("--crossfit") + 1] == str(cf)
    assert cmd[cmd.index("--crossfit-steps") + 1:] == ["mentions"]


def test_score_only_scores_each_document_through_its_own_folder(tmp_path, capsys):
    """Fold 0's folder finds nothing, fold 1's runs the rules: the DATE is found exactly in fold 1's documents."""
    mod = _module()
    recs, gold = _gold(tmp_path)
    bare = {"name": "bare", "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                                         {"name": "segment", "factory": "segment.v1"}]}
    rules = {"name": "r", "pipeline": bare["pipeline"] + [{"name": "rules", "factory": "rules.v1"}]}
    out = tmp_path / "out"
    for k, cfg in enumerate((bare, rules)):
        (out / f"fold{k}").mkdir(parents=True)
        (out / f"fold{k}" / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    (out / "folds.json").write_text(json.dumps({"folds": 2, "models": ["fold0", "fold1"]}), encoding="utf-8")
    cf = tmp_path / "cf"
    cf.mkdir()
    (cf / "crossfit.json").write_text(json.dumps({"folds": 2, "ner": ["a", "b"]}), encoding="utf-8")
    results = tmp_path / "news_crossfit.json"
    assert mod.main([str(cf), "--out", str(out), "--score-only", "--gold", str(gold), "--results", str(results)]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    boot = json.loads(results.read_text(encoding="utf-8"))["systems"]["full"]["bootstrap"]
    assert boot["entities/DATE"]["tp"] == report["entities"]["per_type"]["DATE"]["tp"]
    assert boot["entities/DATE"]["lo"] <= boot["entities/DATE"]["value"] <= boot["entities/DATE"]["hi"]
    n1 = sum(fold_of(r["id"], 2) == 1 for r in recs)
    assert report["entities"]["per_type"]["DATE"]["tp"] == n1
    assert report["entities"]["per_type"]["DATE"]["fn"] == len(recs) - n1
    preds = [json.loads(x) for x in (out / "pred.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in preds] == [r["id"] for r in recs]
    assert "DATE" in capsys.readouterr().out


def test_an_interrupted_fold_folder_is_not_reused(tmp_path):
    mod = _module()
    recs, _ = _gold(tmp_path)
    cf = tmp_path / "cf"
    cf.mkdir()
    (cf / "crossfit.json").write_text(json.dumps({"folds": 2, "ner": ["a", "b"]}), encoding="utf-8")
    out = tmp_path / "out"
    (out / "fold0").mkdir(parents=True)  # no retrained.json: a run stopped half-way
    with pytest.raises(SystemExit, match="interrupted"):
        mod.train_folds(cf, tmp_path / "base", out, recs, 1)
