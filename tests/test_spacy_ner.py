"""spaCy char-token NER (extract/learn/spacy_ner.py): gold conversion, offsets, a tiny training run, the component."""
from __future__ import annotations

import json

import pytest

spacy = pytest.importorskip("spacy")

from extract.learn import spacy_ner as S
from extract.doc import Document  # noqa: E402
from extract.textnorm import normalize  # noqa: E402


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("zh").vocab


@pytest.mark.parametrize("text", ["上海澜起科技股份有限公司位于浦东新区", "復旦大學 與 張江", "ＡＢＣ公司，2025年", "a b"])
def test_char_doc_tokens_are_characters(vocab, text):
    doc = S.char_doc(vocab, text)
    assert doc.text == text
    assert [t.text for t in doc] == list(text)
    assert all(t.idx == i for i, t in enumerate(doc))


def test_mapped_examples_maps_drops_and_marks_missing():
    ex = [("王小明在北京的中国银行工作", [(0, 3, "PER"), (4, 6, "LOC"), (7, 11, "ORG")])]
    (text, ents, gaps), = S.mapped_examples("msra", ex, missing=("ORG",))
    assert ents == [(0, 3, "PERSON"), (4, 6, "LOC")]
    assert gaps == [(7, 11)]
    # without 'missing', a label mapped to null (MSRA ORG) is simply not an entity
    (_, ents2, gaps2), = S.mapped_examples("msra", ex)
    assert ents2 == [(0, 3, "PERSON"), (4, 6, "LOC")] and gaps2 == []
    cl = [("浙商银行的张三去了西湖", [(0, 4, "company"), (5, 7, "name"), (9, 11, "scene")])]
    (_, ents3, _), = S.mapped_examples("cluener", cl)
    assert ents3 == [(0, 4, "COMPANY"), (5, 7, "PERSON")]  # scene -> O
    with pytest.raises(ValueError, match="No label map"):
        S.mapped_examples("nosuchcorpus", cl)


def test_make_examples_counts_what_does_not_fit(vocab):
    items = [
        ("王小明在北京的中国银行工作", [(0, 3, "PERSON"), (4, 6, "LOC")], [(7, 11)]),
        ("北京市海淀区", [(0, 6, "LOC"), (0, 3, "LOC")], ()),  # overlap: the longer one is kept
        ("在 上海 开会", [(1, 4, "LOC")], ()),  # starts on a space: cannot be an entity in spaCy
    ]
    exs, counts = S.make_examples(vocab, items)
    assert counts["examples"] == 3 and counts["spans"] == 3
    assert counts["skipped_overlap"] == 1 and counts["skipped_space_or_range"] == 1
    assert counts["missing_spans"] == 2  # the MSRA-style ORG gap and the skipped span
    ref = exs[0].reference
    assert [(e.start_char, e.end_char, e.label_) for e in ref.ents] == [(0, 3, "PERSON"), (4, 6, "LOC")]
    assert [t.ent_iob_ for t in ref][7:11] == ["", "", "", ""]  # missing, neither O nor an entity
    assert ref[6].ent_iob_ == "O"
    assert [(e.start_char, e.end_char) for e in exs[1].reference.ents] == [(0, 6)]


def test_training_refuses_the_holdout_for_selection(tmp_path):
    with pytest.raises(ValueError, match="held-out"):
        S.train({"dev": {"corpus": "cluener", "split": "holdout"}, "training": {"epochs": 1}}, tmp_path,
                examples=[("张三在北京", [(0, 2, "PERSON")])], progress=False, log=lambda *a: None)


def test_component_needs_a_model_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="model-best"):
        S.SpacyNERComponent(tmp_path / "nothing")


TRAIN = [
    ("张伟在北京创办了华为科技有限公司。", [(0, 2, "PERSON"), (3, 5, "LOC"), (8, 16, "COMPANY")]),
    ("李娜代表复旦大学访问上海。", [(0, 2, "PERSON"), (4, 8, "ORG"), (10, 12, "LOC")]),
    ("工业和信息化部发布通知。", [(0, 7, "ORG")]),
    ("王芳加入腾讯科技有限公司，常驻深圳。", [(0, 2, "PERSON"), (4, 12, "COMPANY"), (15, 17, "LOC")]),
    ("今天天气很好，我们去公园散步。", []),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A model trained for a few seconds on five hand-built sentences (it memorizes them)."""
    out = tmp_path_factory.mktemp("spacy-tiny")
    cfg = {"model": {"width": 32, "depth": 2, "embed_size": 500, "hidden_width": 32},
           "training": {"epochs": 25, "batch_start": 5, "batch_stop": 5, "dropout": 0.0, "learn_rate": 0.005,
                        "patience": 3, "max_seconds": 60}}
    summary = S.train(cfg, out, examples=TRAIN * 4, dev_examples=TRAIN, progress=False, log=lambda *a: None)
    return out, summary


def test_tiny_training_writes_a_loadable_folder(tiny_model):
    out, summary = tiny_model
    best = out / "model-best"
    assert (best / "config.cfg").is_file() and (best / S.TRAIN_CONFIG_NAME).is_file()
    log = [json.loads(x) for x in (out / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(log) <= 25 and summary["best_epoch"] in [r["epoch"] for r in log]
    assert summary["gold_counts"]["spans"] == 4 * 10
    nlp = spacy.load(best)
    assert set(nlp.get_pipe("ner").labels) == set(S.ZHIE_NER_TYPES)
    # it has learned its training data
    assert summary["best_dev_micro_f"] >= 0.8
    pred = S.predict_spans(nlp, [TRAIN[0][0]])[0]
    assert (0, 2, "PERSON") in pred


def test_component_offsets_on_traditional_text(tiny_model):
    out, _ = tiny_model
    comp = S.make_spacy_ner(None, path=str(out / "model-best"))
    text = "前言：張偉在北京創辦了華為科技有限公司。\n李娜代表復旦大學訪問上海。"
    doc = Document(text, id="t")
    doc.norm, doc.script = normalize(doc.text)
    assert len(doc.norm) == len(doc.text)
    comp(doc)
    assert doc.entities, "the tiny model should find its training entities again"
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
        assert e.attrs["norm"] == doc.norm[e.start:e.end]
        assert e.type in S.ZHIE_NER_TYPES and e.source == "ner"
    doc.check_offsets()
    found = {(e.type, e.text) for e in doc.entities}
    assert ("PERSON", "張偉") in found  # found on the simplified view, reported in the original script
    # pipe() gives the same as calling on each document
    d2 = Document(text, id="t2")
    d2.norm, d2.script = normalize(d2.text)
    comp.pipe([d2])
    assert [(e.type, e.start, e.end) for e in d2.entities] == [(e.type, e.start, e.end) for e in doc.entities]


def test_component_types_filter_and_long_windows(tiny_model):
    out, _ = tiny_model
    comp = S.SpacyNERComponent(out / "model-best", types=("PERSON",), max_len=10)
    text = "张伟在北京创办了华为科技有限公司。" * 3  # one sentence longer than max_len: cut into windows
    doc = Document(text)
    doc.norm, doc.script = normalize(text)
    comp(doc)
    # the trained sentence three times: its person is found in every window, nothing of another type
    assert [(e.type, e.start, e.text) for e in doc.entities] == [("PERSON", i * 17, "张伟") for i in range(3)]
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
    full = S.SpacyNERComponent(out / "model-best", max_len=10)  # every type, same windows
    doc2 = Document(text)
    doc2.norm, doc2.script = normalize(text)
    full(doc2)
    assert {e.type for e in doc2.entities} == {"PERSON", "LOC", "COMPANY"}


def test_pipeline_entry_runs_the_component(tiny_model):
    from extract.pipeline import Pipeline

    out, _ = tiny_model
    cfg = {"name": "spacy-tiny", "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                                              {"name": "segment", "factory": "segment.v1"},
                                              {"name": "ner", "factory": "ner.spacy.v1", "path": "model-best"}]}
    nlp = Pipeline(cfg, out)  # 'path' resolves against the model folder
    docs = list(nlp.pipe(["李娜代表復旦大學訪問上海。", "王芳加入腾讯科技有限公司，常驻深圳。"], errors="raise"))
    assert all(d.error is None for d in docs)
    assert any(e.source == "ner" for d in docs for e in d.entities)
    for d in docs:
        rec = d.to_dict()
        assert all(rec["text"][e["start"]:e["end"]] == e["text"] for e in rec["entities"])
