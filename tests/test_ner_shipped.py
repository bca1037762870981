"""The shipped NER model (models/default/ner): loads without torch, finds clear cases, offsets hold."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import extract
from extract.stages.ner import NERComponent

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "default" / "ner"


@pytest.fixture(scope="module")
def nlp():
    return extract.load({"name": "ner-only", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "segment", "factory": "segment.v1"},
        {"name": "ner", "factory": "ner.charcnn.v1", "path": str(MODEL)}]})


def test_shipped_folder_is_complete_and_small():
    for f in ("config.json", "model.safetensors", "vocab.json", "labels.json"):
        assert (MODEL / f).is_file(), f
    size = sum(p.stat().st_size for p in MODEL.iterdir())
    assert size < 20 * 2 ** 20, f"model folder is {size / 2 ** 20:.1f} MB"
    cfg = json.loads((MODEL.parent / "config.json").read_text(encoding="utf-8"))
    [entry] = [c for c in cfg["pipeline"] if c["name"] == "ner"]
    assert entry == {"name": "ner", "factory": "ner.charcnn.v1", "path": "ner", "heads": ["zhie"], "ensemble": ["ner_seed7"]}
    second = MODEL.parent / "ner_seed7"  # the ensemble's second tagger: same heads and labels, its own weights
    assert (second / "model.safetensors").is_file() and sum(p.stat().st_size for p in second.iterdir()) < 20 * 2 ** 20
    assert json.loads((second / "labels.json").read_text(encoding="utf-8")) == \
        json.loads((MODEL / "labels.json").read_text(encoding="utf-8"))
    labels = json.loads((MODEL / "labels.json").read_text(encoding="utf-8"))
    assert labels["output_head"] == "zhie"
    emitted = {v for v in labels["output_map"]["zhie"].values() if v}
    assert emitted == {"COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY"}  # INDUSTRY is learned, not only looked up
    assert (MODEL / "lexicon.npz").is_file()


def test_loading_does_not_import_torch():
    code = ("import sys; from extract.stages.ner import NERComponent; c = NERComponent(sys.argv[1]); "
            "print('torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(MODEL)], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("text,expected", [
    ("腾讯控股有限公司与清华大学签署战略合作协议。", {("COMPANY", "腾讯控股有限公司"), ("ORG", "清华大学")}),
    ("騰訊控股有限公司與清華大學簽署戰略合作協議。", {("COMPANY", "騰訊控股有限公司"), ("ORG", "清華大學")}),
    ("小米集团创始人雷军宣布了新的投资计划。", {("PERSON", "雷军")}),
])
def test_clear_cases(nlp, text, expected):
    doc = nlp(text)
    found = {(e.type, e.text) for e in doc.entities}
    assert expected <= found, found


def test_traditional_and_simplified_agree(nlp):
    simp = "据新华社报道，国务院总理在北京主持召开国务院常务会议，复旦大学和上海交通大学的专家列席。"
    trad = "據新華社報道，國務院總理在北京主持召開國務院常務會議，復旦大學和上海交通大學的專家列席。"
    ds, dt = nlp(simp), nlp(trad)
    assert dt.script == "traditional"
    assert [e.key for e in ds.entities] == [e.key for e in dt.entities]
    assert ds.entities, "expected some entities in a sentence full of names"
    for e in dt.entities:
        assert trad[e.start:e.end] == e.text
        assert e.attrs["norm"] == simp[e.start:e.end]


def test_long_unpunctuated_text_is_windowed_and_offsets_hold(nlp):
    unit = "阿里巴巴集团和腾讯控股有限公司在杭州和深圳设立研究院 "
    text = unit * 60  # ~1600 chars, no sentence punctuation
    doc = nlp(text)
    doc.check_offsets()
    assert len({e.start for e in doc.entities}) == len(doc.entities)
    for a, b in zip(doc.entities, doc.entities[1:]):
        assert a.end <= b.start, "NER spans must not overlap"
    # both companies are found in every one of the 60 repetitions, across the window seams
    for name in ("阿里巴巴集团", "腾讯控股有限公司"):
        starts = [e.start for e in doc.entities if (e.type, e.text) == ("COMPANY", name)]
        assert starts == [i * len(unit) + unit.index(name) for i in range(60)], name


def test_pipe_equals_call(nlp):
    texts = ["腾讯控股有限公司与清华大学签署战略合作协议。", "", "小米集团创始人雷军宣布了新的投资计划。\n雷军表示。"]
    piped = [[e.key for e in d.entities] for d in nlp.pipe(texts)]
    single = [[e.key for e in nlp(t).entities] for t in texts]
    assert piped == single


def test_spans_never_start_or_end_with_whitespace(nlp):
    text = "北京市\n上海市 \n 腾讯控股有限公司\n\n清华大学\u3000雷军\n"
    doc = nlp(text)
    assert doc.entities
    for e in doc.entities:
        assert e.text == e.text.strip(), repr(e.text)


def test_whitespace_between_chinese_characters_is_a_boundary(nlp):
    doc = nlp("参会单位：清华大学\u3000雷军\u3000北京大学")
    for e in doc.entities:
        assert not any(ch.isspace() for ch in e.text), e
    assert ("ORG", "清华大学") in {(e.type, e.text) for e in doc.entities}


def test_corner_quotes_reach_the_tagger_as_curly_quotes():
    """extract/stages/ner _CORNER_QUOTES: 「魅丽纬叶」 is read as “魅丽纬叶”, one character for one."""
    seen = []

    class Recorder:
        def entities(self, texts, heads, batch_chars, precedence):
            seen.extend(texts)
            return [[] for _ in texts]

    comp = NERComponent.__new__(NERComponent)
    comp.tagger, comp.heads, comp.batch_chars, comp.precedence = Recorder(), None, 20000, "head"
    comp.max_len, comp.source = 300, "ner"
    from extract.doc import Document
    comp(Document("「魅丽纬叶」完成超亿元B+轮融资，『御佳』跟投。"))
    assert seen == ["“魅丽纬叶”完成超亿元B+轮融资，“御佳”跟投。"]


def test_a_model_span_keeps_no_unmatched_curly_quote():
    """entity_filter _EDGE_PAIRS: “魅丽纬叶”成立于… gave the span 魅丽纬叶” (issue 12's “小冰公司” too)."""
    from extract.stages.basic import make_entity_filter
    from docs import make_doc
    text = "“小冰公司”成立于2020年"
    d = make_doc(text)
    d.entities.append(d.entity("COMPANY", 1, 6, source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["小冰"]
