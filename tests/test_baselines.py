"""The jieba.posseg baseline: tag mapping on hand-made tag sequences, and the registered pipeline."""
import pytest

from extract.eval.baselines import BASELINE_CONFIG, spans_from_tags, tag_type


def tags_of(pairs):
    """(word, flag) pairs → (text, (start, end, flag) triples)."""
    out, pos = [], 0
    for w, f in pairs:
        out.append((pos, pos + len(w), f))
        pos += len(w)
    return "".join(w for w, _ in pairs), out


@pytest.mark.parametrize("word,flag,expected", [
    ("复旦大学", "nt", "ORG"),
    ("工业和信息化部", "nt", "ORG"),
    ("中国工商银行", "nt", "COMPANY"),
    ("华为技术有限公司", "nt", "COMPANY"),
    ("上海电气集团", "nt", "COMPANY"),
    ("浦东新区", "ns", "LOC"),
    ("张三", "nr", "PERSON"),
    ("欧阳", "nrfg", "PERSON"),
    ("年末", "t", "DATE"),
    ("企业", "n", None),
    ("融资", "vn", None),
])
def test_tag_type(word, flag, expected):
    assert tag_type(word, flag) == expected


@pytest.mark.parametrize("pairs,expected", [
    # m runs merge; m + q merges into one FIGURE
    ([("达", "v"), ("1026", "m"), ("家", "m")], [("FIGURE", "1026家")]),
    ([("超", "v"), ("15", "m"), ("亿元", "m")], [("FIGURE", "15亿元")]),
    ([("3", "m"), ("台", "q"), ("设备", "n")], [("FIGURE", "3台")]),
    ([("增长", "v"), ("11.4", "m"), ("%", "x")], [("FIGURE", "11.4%")]),
    ([("两家", "m")], [("FIGURE", "两家")]),
    # a bare number, an ordinal, a numeral word without a digit: not FIGUREs
    ([("2025", "m"), ("年末", "t")], [("DATE", "年末")]),
    ([("位居", "v"), ("全国", "n"), ("第三", "m")], []),
    ([("首次", "m"), ("突破", "vn")], []),
    # a year written as m + m is a DATE
    ([("2024", "m"), ("年", "m"), ("营收", "n")], [("DATE", "2024年")]),
    ([("复旦大学", "nt"), ("位于", "v"), ("上海", "ns")], [("ORG", "复旦大学"), ("LOC", "上海")]),
])
def test_spans_from_tags(pairs, expected):
    text, tags = tags_of(pairs)
    assert [(t, text[s:e]) for t, s, e in spans_from_tags(text, tags)] == expected


def test_baseline_pipeline_offsets_and_source():
    import extract

    nlp = extract.load(BASELINE_CONFIG)
    assert nlp.pipe_names == ["normalize", "segment", "baseline"]
    text = "復旦大學位於上海,國家級專精特新企業數量達1026家,增長11.4%。"
    doc = nlp(text, id="t")
    doc.check_offsets()  # entity text is the original (traditional) text
    assert doc.entities and all(e.source == "baseline" for e in doc.entities)
    by_text = {e.attrs["norm"]: e for e in doc.entities}
    assert by_text["复旦大学"].type == "ORG" and by_text["复旦大学"].text == "復旦大學"
    assert by_text["上海"].type == "LOC"
    rec = doc.to_dict()
    assert {e["type"] for e in rec["entities"]} <= {"COMPANY", "ORG", "LOC", "PERSON", "DATE", "FIGURE"}
    assert rec["relations"] == [] and rec["events"] == [] and rec["facts"] == []


def test_baseline_scores_through_evaluate():
    import extract
    from extract.eval.evaluate import score

    text = "复旦大学位于上海。"
    gold = {"id": "g", "text": text, "entities": [
        {"id": "E1", "type": "ORG", "start": 0, "end": 4, "text": "复旦大学"},
        {"id": "E2", "type": "LOC", "start": 6, "end": 8, "text": "上海"}]}
    pred = list(extract.load(BASELINE_CONFIG).pipe([(text, "g")]))
    rep = score([gold], pred)
    assert rep["entities"]["micro"]["tp"] == 2


def test_shipped_config_folder_matches():
    import json
    from pathlib import Path

    import extract

    folder = Path(__file__).resolve().parent.parent / "evaluation" / "configs" / "baseline-jieba"
    assert json.loads((folder / "config.json").read_text(encoding="utf-8")) == BASELINE_CONFIG
    assert extract.load(folder).pipe_names == ["normalize", "segment", "baseline"]
