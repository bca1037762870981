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


def test_no_byline_no_name():
    assert _names("公司编辑部门负责内容审核，作者权益受保护。") == []
