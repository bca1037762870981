"""zhie train on tiny data in every supported annotation format (fine-tuning the shipped model)."""
import json
from pathlib import Path

import pytest

import extract
from extract.formats import to_doccano, to_label_studio
from extract.train import read_training_records, split_holdout, to_examples, train

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "models" / "default"

SENTS = [
    ("芯片设计公司曦智科技完成C轮融资。", [("曦智科技", "COMPANY")]),
    ("聚焦芯片接口IP的奎芯科技完成融资。", [("奎芯科技", "COMPANY")]),
    ("上海国投与中国移动共同投资。", [("上海国投", "COMPANY"), ("中国移动", "COMPANY")]),
    ("工信部公布第七批名单，浦东新区入选最多。", [("工信部", "ORG"), ("浦东新区", "LOC")]),
]


def records():
    out = []
    for i, (text, spans) in enumerate(SENTS):
        ents = []
        for j, (surface, typ) in enumerate(spans, 1):
            s = text.index(surface)
            ents.append({"id": f"E{j}", "type": typ, "start": s, "end": s + len(surface), "text": surface,
                         "attrs": {"norm": surface}})
        out.append({"id": f"d{i}", "text": text, "entities": ents, "relations": [], "events": [], "facts": []})
    return out


def write_format(tmp_path, fmt):
    recs = records()
    if fmt == "schema":
        p = tmp_path / "data.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    elif fmt == "label-studio":
        p = tmp_path / "export.json"
        p.write_text(json.dumps(to_label_studio(recs), ensure_ascii=False), encoding="utf-8")
    else:
        p = tmp_path / "doccano.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(recs)), encoding="utf-8")
    return p


@pytest.mark.parametrize("fmt", ["schema", "label-studio", "doccano"])
def test_every_format_reads_to_the_same_examples(tmp_path, fmt):
    recs = read_training_records([write_format(tmp_path, fmt)])
    assert to_examples(recs) == to_examples(records())


def test_holdout_split_is_by_document_and_seeded():
    recs = records()
    a = split_holdout(recs, 0.25, seed=1)
    assert a == split_holdout(recs, 0.25, seed=1)
    train, held = a
    assert len(held) == 1 and len(train) == 3 and {r["id"] for r in train} | {r["id"] for r in held} == {"d0", "d1", "d2", "d3"}


def test_missing_data_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        read_training_records([tmp_path / "nope.jsonl"])


@pytest.mark.skipif(not (BASE / "config.json").is_file(), reason="no shipped model")
@pytest.mark.parametrize("fmt", ["schema", "label-studio", "doccano"])
def test_train_from_each_format_writes_loadable_models(tmp_path, fmt):
    data = write_format(tmp_path, fmt)
    out = tmp_path / "models" / "mine"
    scores = train([data], out, base=BASE, rehearsal=False, holdout=0.25, seed=3, progress=False,
                   overrides=["training.epochs=2"], log=lambda m: None)
    for name in ("model-best", "model-last"):
        assert (out / name / "config.json").is_file() and (out / name / "ner" / "model.safetensors").is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp folders left behind
    nlp = extract.load(out / "model-best")
    doc = nlp("芯片设计公司曦智科技完成C轮融资。")
    rec = doc.to_dict()
    assert all(rec["text"][e["start"]:e["end"]] == e["text"] for e in rec["entities"])
    assert scores["model_best"] is not None and len(scores["held_out_ids"]) == 1
    assert json.loads((out / "scores.json").read_text(encoding="utf-8"))["seed"] == 3


@pytest.mark.parametrize("item", ["epochs=3", "training.epochs=x", "training.="])
def test_bad_config_override_names_the_item(item):
    from extract.config import apply_overrides
    with pytest.raises(ValueError, match="--set"):
        apply_overrides({}, [item])


def test_config_override_sets_nested_json():
    from extract.config import apply_overrides
    assert apply_overrides({"training": {"lr": 1}}, ["training.epochs=3", "model.dilations=[1,2]"]) == {
        "training": {"lr": 1, "epochs": 3}, "model": {"dilations": [1, 2]}}
