"""zhie train on tiny data in every supported annotation format (fine-tuning the shipped model)."""
import json
from pathlib import Path

import pytest

import extract
from extract.io.formats import to_doccano, to_label_studio
from extract.learn.train import read_training_records, split_holdout, to_examples, train

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
    # the shipped model averages two taggers; the folder trained here runs the one it trained, without the other's files
    cfg = json.loads((out / "model-best" / "config.json").read_text(encoding="utf-8"))
    assert "ensemble" not in next(e for e in cfg["pipeline"] if e["name"] == "ner")
    assert not (out / "model-best" / "ner_seed7").exists()
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


def _weights(ner_dir):
    from safetensors.numpy import load_file
    return load_file(str(Path(ner_dir) / "model.safetensors"))


@pytest.mark.skipif(not (BASE / "config.json").is_file(), reason="no shipped model")
@pytest.mark.parametrize("freeze", [["encoder", "heads"], []])
def test_frozen_parts_keep_the_base_weights_exactly(tmp_path, freeze):
    """With training.freeze, the encoder and the base heads are bit-identical after fine-tuning;
    without it they move (so this test would notice a freeze that does nothing)."""
    import numpy as np

    data = write_format(tmp_path, "schema")
    out = tmp_path / "mine"
    train([data], out, base=BASE, rehearsal=False, holdout=0.0, seed=3, progress=False, log=lambda m: None,
          overrides=["training.epochs=2", "training.warmup=1", f"training.freeze={json.dumps(freeze)}",
                     "training.speak_first=\"new\""])
    before, after = _weights(BASE / "ner"), _weights(out / "model-best" / "ner")
    # the shipped NER's output head is already called zhie: the fine-tuned head is a new one, "user"
    assert set(before) < set(after) and any(k.startswith("heads.user.") for k in after)
    changed = sorted(k for k in before if not np.array_equal(before[k], after[k]))
    if freeze:
        assert changed == []
    else:
        assert any(k.startswith(("char_emb.", "convs.")) for k in changed)  # the shared encoder moved
    cfg = json.loads((out / "model-best" / "config.json").read_text(encoding="utf-8"))
    assert next(e for e in cfg["pipeline"] if e["factory"].startswith("ner."))["heads"] == ["user", "zhie"]


def test_unknown_freeze_part_is_an_error(tmp_path):
    from extract.learn.ner.train import FREEZE_PARTS, train_ner
    assert "encoder" in FREEZE_PARTS
    with pytest.raises(ValueError, match="training.freeze"):
        train_ner({"training": {"freeze": ["encodr"], "epochs": 1}}, tmp_path,
                  extra_examples=[("曦智科技完成融资。", [(0, 4, "COMPANY")])], progress=False, log=lambda m: None)


def test_new_head_starts_from_the_mapped_rows_of_the_base_head():
    import torch
    from extract.learn.ner.model import CharCNNConfig, CharCNNForNER
    from extract.learn.ner.train import _init_head_from

    output_map = {"src": {"company": "COMPANY", "gov": "ORG", "org": "ORG", "book": None}}
    model = CharCNNForNER(CharCNNConfig(n_chars=10, n_bigrams=10, hidden=8, dilations=[1],
                                        heads={"src": ["company", "gov", "org", "book"],
                                               "new": ["COMPANY", "INDUSTRY", "ORG"]}))
    with torch.no_grad():
        for p in model.crf["src"].parameters():
            p.normal_()
    fresh = model.heads["new"].weight.detach().clone()
    done = _init_head_from(model, "new", "src", output_map)
    assert done == ["COMPANY", "ORG"]
    ws, wn = model.heads["src"].weight, model.heads["new"].weight
    # tag ids: 0 = O, 2k+1 = B-k, 2k+2 = I-k
    assert torch.equal(wn[0], ws[0]) and torch.equal(wn[1], ws[1]) and torch.equal(wn[2], ws[2])
    assert torch.allclose(wn[5], (ws[3] + ws[5]) / 2) and torch.allclose(wn[6], (ws[4] + ws[6]) / 2)
    assert torch.equal(wn[3], fresh[3]) and torch.equal(wn[4], fresh[4])  # INDUSTRY: no source label
    tn, ts = model.crf["new"].trans, model.crf["src"].trans
    assert tn[1, 2] == ts[1, 2] and tn[5, 6] == ts[3, 4] and tn[0, 5] == ts[0, 3]


def test_rehearsal_into_the_new_head_maps_labels_to_its_types(tmp_path, monkeypatch):
    """A corpus with into_extra trains the new head with its labels mapped to the user's types."""
    import extract.learn.ner.train as nt

    corpus = [("张三在北京的腾讯公司工作。", [(0, 2, "name"), (3, 5, "address"), (6, 8, "company")])]
    monkeypatch.setattr(nt, "load_corpus", lambda name, split: list(corpus))
    seen = []
    real = nt.spans_to_bio

    def spy(length, spans, labels, **kw):
        seen.append((sorted(spans), list(labels)))
        return real(length, spans, labels, **kw)

    monkeypatch.setattr(nt, "spans_to_bio", spy)
    nt.train_ner({"corpora": [{"corpus": "cluener", "split": "train", "into_extra": True}],
                  "training": {"epochs": 1, "threads": 1}}, tmp_path,
                 extra_examples=[("李四去了上海。", [(0, 2, "PERSON"), (4, 6, "LOC")])], progress=False,
                 log=lambda m: None)
    assert ([(0, 2, "PERSON"), (3, 5, "LOC")], ["LOC", "PERSON"]) in seen  # company: not a type of the new head


def test_extra_max_chars_caps_the_repeats(tmp_path):
    from extract.learn.ner.train import train_ner
    ex = [("李四去了上海。", [(0, 2, "PERSON"), (4, 6, "LOC")])]
    logs = []
    train_ner({"training": {"epochs": 1, "threads": 1, "extra_repeat": 8, "extra_max_chars": 3 * len(ex[0][0])}},
              tmp_path, extra_examples=ex, progress=False, log=logs.append)
    assert any("repeated 3x" in m for m in logs)


def test_rehearsal_can_match_the_size_of_the_users_text(tmp_path, monkeypatch):
    import extract.learn.ner.train as nt

    corpus = [(f"张三{i:02d}在北京工作。", [(0, 2, "name"), (5, 7, "address")]) for i in range(100)]
    monkeypatch.setattr(nt, "load_corpus", lambda name, split: list(corpus))
    logs = []
    ex = [("李四去了上海。" * 3, [(0, 2, "PERSON"), (4, 6, "LOC")])]  # 21 chars, repeated 2x -> 42
    nt.train_ner({"corpora": [{"corpus": "cluener", "into_extra": True, "match_extra": 1.0}],
                  "training": {"epochs": 1, "threads": 1, "extra_repeat": 2}}, tmp_path, extra_examples=ex,
                 progress=False, log=logs.append)
    line = next(m for m in logs if "rehearsal through" in m)
    assert " 5 cluener sentences, 50 chars" in line  # 10-char sentences until >= 42 chars
