"""Training smoke test, save/load round trip, numpy == torch parity, the pipeline component."""
import json
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from extract.doc import Document  # noqa: E402
from extract.stages.ner import NERComponent  # noqa: E402
from extract.stages.ner.infer import NumpyTagger, viterbi  # noqa: E402
from extract.learn.ner.train import train_ner  # noqa: E402
from extract.textnorm import normalize  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _ex(text, *marks):
    """(text, spans) from (surface, type) pairs, found left to right."""
    spans, pos = [], 0
    for surface, typ in marks:
        s = text.index(surface, pos)
        spans.append((s, s + len(surface), typ))
        pos = s + len(surface)
    return text, spans


EXAMPLES = [
    _ex("上海澜起科技股份有限公司今日宣布完成新一轮融资。", ("上海澜起科技股份有限公司", "COMPANY")),
    _ex("工业和信息化部发布了第六批专精特新小巨人企业名单。", ("工业和信息化部", "ORG")),
    _ex("复旦大学教授张明在浦东新区考察。", ("复旦大学", "ORG"), ("张明", "PERSON"), ("浦东新区", "LOC")),
    _ex("深创投和经纬创投参与了沐曦集成电路的B轮融资。", ("深创投", "COMPANY"), ("经纬创投", "COMPANY"),
        ("沐曦集成电路", "COMPANY")),
    _ex("李华表示，苏州工业园区将继续支持生物医药产业。", ("李华", "PERSON"), ("苏州工业园区", "LOC")),
    _ex("港交所和科创板吸引了大批硬科技企业上市。", ("港交所", "ORG"), ("科创板", "ORG")),
]

TINY = {"corpora": [], "model": {"char_dim": 16, "bigram_dim": 8, "hidden": 16, "dilations": [1, 2], "char_kernel": 5},
        "vocab": {"min_char": 1, "min_bigram": 1},
        "training": {"epochs": 2, "batch_size": 2, "threads": 1, "warmup": 2, "patience": 0}}


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("ner")
    summary = train_ner(TINY, out, seed=7, extra_examples=EXAMPLES * 3, progress=False, log=lambda *a: None)
    return out, summary


def test_training_writes_both_models(tiny_model):
    out, summary = tiny_model
    assert summary["epochs_run"] == 2
    for name in ("model-best", "model-last"):
        d = out / name
        for f in ("config.json", "model.safetensors", "vocab.json", "labels.json"):
            assert (d / f).is_file(), f"{name}/{f} missing"
    labels = json.loads((out / "model-last" / "labels.json").read_text(encoding="utf-8"))
    assert labels["heads"]["zhie"] == ["COMPANY", "LOC", "ORG", "PERSON"]
    assert labels["output_head"] == "zhie"
    assert not list(out.glob(".model-*")), "temporary folders left behind"


def test_training_is_deterministic(tiny_model, tmp_path):
    out, _ = tiny_model
    train_ner(TINY, tmp_path, seed=7, extra_examples=EXAMPLES * 3, progress=False, log=lambda *a: None)
    from safetensors.numpy import load_file
    a = load_file(str(out / "model-last" / "model.safetensors"))
    b = load_file(str(tmp_path / "model-last" / "model.safetensors"))
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_save_load_round_trip(tiny_model):
    from extract.learn.ner.model import CharCNNForNER

    out, _ = tiny_model
    m = CharCNNForNER.from_pretrained(out / "model-last")
    assert m.config.heads == {"zhie": ["COMPANY", "LOC", "ORG", "PERSON"]}
    assert m.config.dilations == [1, 2]
    from safetensors.numpy import load_file
    saved = load_file(str(out / "model-last" / "model.safetensors"))
    state = m.state_dict()
    for k, v in saved.items():
        np.testing.assert_array_equal(state[k].numpy(), v, err_msg=k)


def test_numpy_matches_torch(tiny_model):
    from extract.learn.ner.model import CharCNNForNER

    out, _ = tiny_model
    path = out / "model-last"
    m = CharCNNForNER.from_pretrained(path).eval()
    tagger = NumpyTagger.load(path)
    texts = [t for t, _ in EXAMPLES] + ["华为", "一", "２０２５年上海市集成电路产业规模突破３０００亿元"]
    ems, offs = tagger.emissions(texts, ["zhie"])
    crf = tagger.crf["zhie"]
    for text, o in zip(texts, offs):
        c, b = tagger.featurizer.encode(text)
        with torch.no_grad():
            ref = m(torch.from_numpy(c)[None], torch.from_numpy(b)[None], head="zhie")[0].numpy()
        mine = ems["zhie"][o:o + len(text)]
        np.testing.assert_allclose(mine, ref, atol=1e-4, rtol=1e-4)
        # and decoding either gives the same tags
        t_ref = viterbi(ref[None], np.array([len(text)]), *crf)
        t_np = viterbi(mine[None], np.array([len(text)]), *crf)
        np.testing.assert_array_equal(t_ref, t_np)
    # a text's result does not depend on what else is in the batch
    alone = [tagger.predict([t]) for t in texts]
    together = tagger.predict(texts)
    assert [a[0] for a in alone] == together


def test_fine_tune_from_base_keeps_vocab(tiny_model, tmp_path):
    out, _ = tiny_model
    extra = [_ex("杭州市余杭区的阿里巴巴集团发布财报。", ("杭州市余杭区", "LOC"), ("阿里巴巴集团", "COMPANY"))]
    cfg = {"corpora": [], "training": {"epochs": 1, "batch_size": 2, "threads": 1, "warmup": 1}}
    train_ner(cfg, tmp_path, seed=1, extra_examples=extra, base=out / "model-last", progress=False,
              log=lambda *a: None)
    base_vocab = json.loads((out / "model-last" / "vocab.json").read_text(encoding="utf-8"))
    new_vocab = json.loads((tmp_path / "model-last" / "vocab.json").read_text(encoding="utf-8"))
    assert base_vocab == new_vocab


def test_component_offsets_and_traditional_script(tiny_model):
    out, _ = tiny_model
    comp = NERComponent(out / "model-last")
    trad = "復旦大學教授張明在浦東新區考察。港交所和科創板吸引了大批硬科技企業上市。"
    simp = "复旦大学教授张明在浦东新区考察。港交所和科创板吸引了大批硬科技企业上市。"
    docs = []
    for text in (trad, simp):
        d = Document(text)
        d.norm, d.script = normalize(d.text)
        docs.append(d)
    assert docs[0].script == "traditional"
    comp.pipe(docs)
    for d in docs:
        d.check_offsets()
        for e in d.entities:
            assert d.text[e.start:e.end] == e.text and e.source == "ner"
            assert e.attrs["norm"] == d.norm[e.start:e.end]
    # the model reads the normalized view, so both scripts give the same spans, each in its own script
    assert [e.key for e in docs[0].entities] == [e.key for e in docs[1].entities]
    assert all(e.text != e.attrs["norm"] or e.text == d.norm[e.start:e.end] for e in docs[0].entities)
    # __call__ equals pipe, and running on a fresh document adds entities once
    d = Document(simp)
    d.norm, d.script = normalize(d.text)
    assert [e.key for e in comp(d).entities] == [e.key for e in docs[1].entities]


def test_component_registered_and_loads_from_config(tiny_model):
    import extract
    from extract.registry import components

    out, _ = tiny_model
    assert "ner.charcnn.v1" in components.names()
    nlp = extract.load({"name": "t", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"}, {"name": "segment", "factory": "segment.v1"},
        {"name": "ner", "factory": "ner.charcnn.v1", "path": str(out / "model-last")}]})
    doc = nlp("復旦大學教授張明在浦東新區考察。")
    doc.check_offsets()
    assert [name for name, _ in nlp.components][-1] == "ner"
    assert all(e.source == "ner" for e in doc.entities)
    docs = list(nlp.pipe(["上海澜起科技股份有限公司今日宣布完成新一轮融资。", ""]))
    assert docs[1].entities == [] and docs[1].error is None
    # the two-epoch model finds nothing yet; the same factory and config shape over the shipped
    # model must find the names
    shipped = extract.load({"name": "t", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"}, {"name": "segment", "factory": "segment.v1"},
        {"name": "ner", "factory": "ner.charcnn.v1", "path": str(ROOT / "models" / "default" / "ner")}]})
    found = {(e.type, e.text, e.source) for e in shipped("復旦大學教授張明在浦東新區考察。").entities}
    assert {("ORG", "復旦大學", "ner"), ("PERSON", "張明", "ner")} <= found, found


def test_missing_model_names_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_ner"):
        NERComponent(tmp_path)


def test_partial_labels_sum_over_unknown_tags():
    """tags -1 = unknown (partially labelled corpora): the loss sums over every tag there."""
    import torch
    from extract.learn.ner.model import CRF
    torch.manual_seed(0)
    crf = CRF(2)
    for p in (crf.trans, crf.start, crf.end):
        p.data.normal_()
    em = torch.randn(2, 5, 5)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]).bool()
    tags = torch.tensor([[0, 1, 2, 0, 3], [3, 4, 0, 0, 0]])
    full = float(crf.nll(em, tags, mask))
    one_unknown = tags.clone()
    one_unknown[0, 0] = -1
    assert float(crf.nll(em, one_unknown, mask)) < full          # more paths agree with the labels
    assert abs(float(crf.nll(em, torch.full_like(tags, -1), mask))) < 1e-4   # nothing known: no loss
    padding_unknown = tags.clone()
    padding_unknown[1, 3:] = -1                                    # unknown only where masked out
    assert abs(float(crf.nll(em, padding_unknown, mask)) - full) < 1e-4


def test_partial_spans_leave_other_characters_unknown():
    from extract.learn.ner.data import is_partial, spans_to_bio
    tags, skipped = spans_to_bio(6, [(1, 3, "COMPANY")], ["COMPANY", "ORG"], partial=True)
    assert tags == [-1, 1, 2, -1, -1, -1] and skipped == 0
    assert spans_to_bio(6, [(1, 3, "COMPANY")], ["COMPANY", "ORG"])[0] == [0, 1, 2, 0, 0, 0]
    assert is_partial("duee") and is_partial("cfsc") and not is_partial("boson") and not is_partial("cluener")


TINY_LEX = {**TINY, "lexicon": {"company": ["pkg:gazetteer/companies.tsv"], "place": ["pkg:gazetteer/divisions.tsv"],
                                "org": ["pkg:gazetteer/orgs.tsv"]}}


@pytest.fixture(scope="module")
def tiny_lex_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("nerlex")
    train_ner(TINY_LEX, out, seed=7, extra_examples=EXAMPLES * 3, progress=False, log=lambda *a: None)
    return out / "model-last"


def test_lexicon_model_numpy_matches_torch(tiny_lex_model):
    from extract.learn.ner.model import CharCNNForNER

    path = tiny_lex_model
    assert (path / "lexicon.npz").is_file()
    m = CharCNNForNER.from_pretrained(path).eval()
    assert m.config.n_lex == 9  # three lists x begin/middle/end
    tagger = NumpyTagger.load(path)
    texts = [t for t, _ in EXAMPLES] + ["浦东新区", "一"]
    ems, offs = tagger.emissions(texts, ["zhie"])
    hits = 0
    for text, o in zip(texts, offs):
        c, b = tagger.featurizer.encode(text)
        lex = tagger.featurizer.encode_lex(text)
        hits += int(lex.sum())
        with torch.no_grad():
            ref = m(torch.from_numpy(c)[None], torch.from_numpy(b)[None], head="zhie",
                    lex=torch.from_numpy(lex)[None])[0].numpy()
        np.testing.assert_allclose(ems["zhie"][o:o + len(text)], ref, atol=1e-4, rtol=1e-4)
    assert hits > 0  # the lists do match these texts (浦东新区, 工业和信息化部 …), so the check means something
    with pytest.raises(ValueError, match="pass lex"):
        m(torch.from_numpy(c)[None], torch.from_numpy(b)[None], head="zhie")


def test_lexicon_model_without_its_lexicon_file_is_refused(tiny_lex_model, tmp_path):
    import shutil
    broken = tmp_path / "m"
    shutil.copytree(tiny_lex_model, broken)
    (broken / "lexicon.npz").unlink()
    with pytest.raises(ValueError, match="lexicon"):
        NumpyTagger.load(broken)


def test_fine_tune_from_a_lexicon_model_keeps_its_lexicon(tiny_lex_model, tmp_path):
    extra = [_ex("杭州市余杭区的阿里巴巴集团发布财报。", ("杭州市余杭区", "LOC"), ("阿里巴巴集团", "COMPANY"))]
    cfg = {"corpora": [], "training": {"epochs": 1, "batch_size": 2, "threads": 1, "warmup": 1}}
    train_ner(cfg, tmp_path, seed=1, extra_examples=extra, base=tiny_lex_model, progress=False, log=lambda *a: None)
    a = np.load(tiny_lex_model / "lexicon.npz")
    b = np.load(tmp_path / "model-last" / "lexicon.npz")
    np.testing.assert_array_equal(a["keys"], b["keys"])
    NumpyTagger.load(tmp_path / "model-last").predict(["阿里巴巴集团在杭州。"])
