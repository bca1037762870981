"""PERSONs of bylines (extract/stages/recognizers/persons.py)."""
from extract.doc import Document
from extract.stages.recognizers.persons import BylineRecognizer
from extract.textnorm import normalize


def _names(text):
    d = Document(text)
    d.norm, d.script = normalize(text)
    return [e.text for e in BylineRecognizer().find(d)]


def test_bylines():
    assert _names("作者 | 竹铭  编辑 | 计然  松鼠\n责任编辑：徐芸茜 主编：公培佳") == ["竹铭", "计然", "徐芸茜", "公培佳"]


def test_bylines_with_a_bar_like_character_or_spaces_and_dateline_reporters():
    assert _names("作者丨王非\n（编辑 潇湘）近来，每经编辑 毕陆名\n") == ["王非", "潇湘", "毕陆名"]
    assert _names("C114讯 2月13日消息（南山）科技巨头谷歌，2月7日下午消息（蒋均牧）") == ["南山", "蒋均牧"]
    # spaces before a word that goes on: no name
    assert _names("记者 表示，编辑 部门负责。消息（据悉）") == []


def test_a_dateline_reporter_wins_over_a_place_of_the_same_extent():
    from extract.pipeline import load
    doc = load()("C114讯 2月13日消息（南山）科技巨头谷歌发布新品。")
    assert [(e.text, e.type) for e in doc.entities if e.text == "南山"] == [("南山", "PERSON")]


def test_no_byline_no_name():
    assert _names("公司编辑部门负责内容审核，作者权益受保护。") == []


def test_a_family_name_alone_before_a_title_is_the_person():
    assert _names("联系人：王老师  联系方式：133") == ["王"]
    assert _names("自发货的商户韩先生曾给记者发来一张截图。") == ["韩"]
    assert _names("據報道，吳女士花費199元。") == ["吳"]  # traditional text: the original characters


def test_a_function_word_or_a_longer_name_before_a_title_is_no_family_name():
    assert _names("他和老師合影。") == []  # 和: a conjunction
    assert _names("马江博老师为你解读。") == []  # 博 ends a name the NER finds whole
