"""Cross-fitting: the fold of a document, the NER corpora without a fold, the fold configs, and training documents
run through the model of the fold that never saw them (``extract.learn.pipe_predicted``)."""
import importlib.util
import json
from pathlib import Path

import pytest

from docs import load_script
from extract.learn import fold_of, pipe_predicted
from extract.learn.ner.data import load_corpus, read_zhie_gold

REPO = Path(__file__).resolve().parents[1]


def _crossfit_module():
    return load_script("evaluation/crossfit_ner.py")


def test_fold_of_is_fixed_by_the_id_and_spreads_documents():
    ids = [f"u{i:03d}" for i in range(400)]
    folds = [fold_of(i, 2) for i in ids]
    assert folds == [fold_of(i, 2) for i in ids] and set(folds) == {0, 1}
    assert 150 < folds.count(0) < 250
    assert {fold_of(i, 3) for i in ids} == {0, 1, 2}


def test_zhienews_without_a_fold_partitions_the_documents(tmp_path):
    recs = [{"id": f"d{i}", "text": f"甲乙公司{i}", "entities": [{"type": "COMPANY", "start": 0, "end": 4}]}
            for i in range(40)]
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    kept = [[t for t, _ in read_zhie_gold(p, keep_doc=lambda d, k=k: fold_of(d, 2) != k)] for k in (0, 1)]
    assert sorted(kept[0] + kept[1]) == sorted(f"甲乙公司{i}" for i in range(40))
    assert not set(kept[0]) & set(kept[1])
    assert kept[0] == [f"甲乙公司{i}" for i in range(40) if fold_of(f"d{i}", 2) == 1]
    with pytest.raises(ValueError, match="zhienews"):
        load_corpus("msra", "train", [0, 2])


def test_fold_configs_exclude_one_fold_of_every_news_corpus():
    mod = _crossfit_module()
    cfg = {"corpora": [{"corpus": "msra", "split": "train"}, {"corpus": "zhienews", "split": "train"},
                       {"corpus": "zhienews", "split": "more", "repeat": 4}], "model": {}}
    out = mod.fold_configs(cfg, 3)
    assert len(out) == 3
    for k, c in enumerate(out):
        assert "exclude_fold" not in c["corpora"][0]
        assert [s.get("exclude_fold") for s in c["corpora"][1:]] == [[k, 3], [k, 3]]
        assert c["corpora"][2]["repeat"] == 4
    assert "exclude_fold" not in cfg["corpora"][1]  # the recipe itself is left alone
    with pytest.raises(ValueError, match="no zhienews"):
        mod.fold_configs({"corpora": [{"corpus": "msra"}]}, 2)


def test_pseudo_corpus_reads_the_fold_teachers_labels_when_cross_fitted(tmp_path):
    """A pseudo-labelled corpus (evaluation/ner/pseudo_label.py) trains the shipped NER on the shipped teacher's
    labels and fold k's NER on those of a teacher that never saw fold k; without a fold_path it cannot be
    cross-fitted (the shipped teacher's labels would carry fold k's names into fold k's NER)."""
    from extract.learn.ner.train import corpus_examples

    for name, text in (("all", "甲公司与乙公司"), ("fold0", "丙公司"), ("fold1", "丁公司")):
        rec = {"id": "p1", "text": text, "entities": [{"id": "T0", "type": "COMPANY", "start": 0, "end": 3}]}
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    spec = {"corpus": "pseudo", "path": str(tmp_path / "all.jsonl"), "fold_path": str(tmp_path / "fold{k}.jsonl"),
            "head": "zhie"}
    assert corpus_examples(spec, 13) == [("甲公司与乙公司", [(0, 3, "COMPANY")])]
    mod = _crossfit_module()
    folds = mod.fold_configs({"corpora": [{"corpus": "zhienews", "split": "train"}, spec]}, 2)
    assert [corpus_examples(c["corpora"][1], 13)[0][0] for c in folds] == ["丙公司", "丁公司"]
    with pytest.raises(ValueError, match="fold_path"):
        mod.fold_configs({"corpora": [{"corpus": "zhienews"}, {"corpus": "pseudo", "path": "x.jsonl"}]}, 2)
    with pytest.raises(FileNotFoundError, match="pseudo_label"):
        corpus_examples({"corpus": "pseudo", "path": str(tmp_path / "none.jsonl")}, 13)
    with pytest.raises(ValueError, match="path"):
        load_corpus("pseudo", "train")


def test_pipe_predicted_runs_each_document_through_its_folds_model(tmp_path):
    """Fold 0's model finds nothing (normalize and segment only), fold 1's is the rules pipeline: each document
    comes back in order, with the entities of its own fold's model."""
    bare = {"name": "bare", "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                                         {"name": "segment", "factory": "segment.v1"}]}
    rules = {"name": "r", "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                                       {"name": "segment", "factory": "segment.v1"},
                                       {"name": "rules", "factory": "rules.v1"}]}
    for name, cfg in (("m0", bare), ("m1", rules)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    spec = tmp_path / "folds.json"
    spec.write_text(json.dumps({"folds": 2, "models": ["m0", "m1"]}), encoding="utf-8")
    items = [("2024年营收达到12亿元。", f"d{i}") for i in range(12)]
    docs = pipe_predicted(str(spec), items)
    assert [d.id for d in docs] == [i for _, i in items]
    for d in docs:
        assert bool(d.entities) == (fold_of(d.id, 2) == 1)
    assert {fold_of(i, 2) for _, i in items} == {0, 1}
    plain = pipe_predicted(str(tmp_path / "m1"), items)  # a model folder: every document through it
    assert all(d.entities for d in plain)
    spec.write_text(json.dumps({"folds": 2, "models": ["m0"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="cross-fitting"):
        pipe_predicted(str(spec), items)


def test_retrain_links_each_fold_to_the_folder_and_its_own_ner(tmp_path):
    spec_ = importlib.util.spec_from_file_location("retrain_default", REPO / "evaluation" / "retrain_default.py")
    mod = importlib.util.module_from_spec(spec_)
    spec_.loader.exec_module(mod)
    out = tmp_path / "m"
    (out / "ner").mkdir(parents=True)
    (out / "config.json").write_text("{}", encoding="utf-8")
    (out / "relations.json").write_text("{}", encoding="utf-8")
    cf = tmp_path / "cf"
    for k in range(2):
        (cf / f"fold{k}").mkdir(parents=True)
        (cf / f"fold{k}" / "tag").write_text(str(k), encoding="utf-8")
    (cf / "crossfit.json").write_text(json.dumps({"folds": 2, "ner": ["fold0", "fold1"]}), encoding="utf-8")
    spec = mod.crossfit_spec(out, cf)
    d = json.loads(spec.read_text(encoding="utf-8"))
    assert d == {"folds": 2, "models": ["fold0", "fold1"]}
    for k in range(2):
        fold = spec.parent / f"fold{k}"
        assert (fold / "ner" / "tag").read_text(encoding="utf-8") == str(k)
        assert sorted(p.name for p in fold.iterdir()) == ["config.json", "ner", "relations.json"]
    (out / "relations.json").write_text('{"new": 1}', encoding="utf-8")  # a later step's file is what the folds see
    assert json.loads((spec.parent / "fold0" / "relations.json").read_text(encoding="utf-8")) == {"new": 1}


def test_retrain_cross_fits_only_the_steps_asked_for(tmp_path, monkeypatch):
    """--crossfit-steps: those steps train through the fold folders, the others through the folder itself."""
    spec_ = importlib.util.spec_from_file_location("retrain_default", REPO / "evaluation" / "retrain_default.py")
    mod = importlib.util.module_from_spec(spec_)
    spec_.loader.exec_module(mod)
    out = tmp_path / "m"
    (out / "ner").mkdir(parents=True)
    (out / "config.json").write_text(json.dumps({"pipeline": [{"name": "mention_filter", "factory": "mention_filter.v1",
                                                             "path": "mentions.json"}]}), encoding="utf-8")
    cf = tmp_path / "cf"
    for k in range(2):
        (cf / f"fold{k}").mkdir(parents=True)
    (cf / "crossfit.json").write_text(json.dumps({"folds": 2, "ner": ["fold0", "fold1"]}), encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    gold.write_text("", encoding="utf-8")
    calls = []
    monkeypatch.setattr(mod, "run", lambda cmd, log: calls.append([str(c) for c in cmd]) or 0.0)
    mod.main(["--gold", str(gold), "--out", str(out), "--steps", "mentions", "relations", "--crossfit", str(cf),
              "--crossfit-steps", "mentions"])
    model_of = {c[2]: c[c.index("--model") + 1] for c in calls}
    assert model_of["extract.learn.mentions"].endswith("m-crossfit/folds.json")
    assert model_of["extract.learn.relations"] == str(out)

