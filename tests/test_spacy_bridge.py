"""to_spacy(doc): the spaCy Doc text equals the document text, entities become ents / the "zhie" span group."""
import pytest

spacy = pytest.importorskip("spacy")

from extract.doc import Document  # noqa: E402
from extract.spacy_bridge import DEFAULTS, SPAN_KEY, BridgeError, to_spacy  # noqa: E402

TEXTS = [
    "上海澜起科技股份有限公司位于浦东新区，集成电路企业超过1000家。",
    "國家級專精特新企業達1026家，浦東新區的集成電路企業位居全國第三。",
    "超 20 亿元\n\n  １０２６家　ＡＩ芯片\t第二段",
    "| 企业名称 | 所属区域 |\n|---|---|\n| 曦智科技 | 上海 |\n",
]


def _check_accounting(doc, sdoc):
    """Every entity is in the span group; each is an ent, an overlap loser or misaligned."""
    assert len(sdoc.spans[SPAN_KEY]) == len(doc.entities)
    assert (len(sdoc.ents) + sdoc.user_data["zhie_overlapping"] + sdoc.user_data["zhie_misaligned"]
            == len(doc.entities))
    for ent in sdoc.ents:
        assert doc.text[ent.start_char:ent.end_char] == ent.text


@pytest.mark.parametrize("text", TEXTS)
def test_text_round_trip_with_pipeline_entities(nlp, tokenizer, text):
    doc = nlp(text)
    sdoc = to_spacy(doc, tokenizer=tokenizer)
    assert sdoc.text == text
    assert "".join(t.text for t in sdoc) == text
    assert all(t.whitespace_ == "" for t in sdoc)
    assert doc.entities, "nothing found: the entity checks below would be empty"
    _check_accounting(doc, sdoc)


@pytest.mark.parametrize("text", TEXTS)
def test_uses_doc_tokens_when_present(base_nlp, text):
    doc = base_nlp(text)
    assert doc.tokens
    sdoc = to_spacy(doc)
    assert [(t.idx, t.idx + len(t)) for t in sdoc] == [(s, e) for s, e in doc.tokens]
    assert sdoc.text == text


def test_seeds_round_trip(nlp, tokenizer, seeds):
    for name, text in seeds.items():
        doc = nlp(text, id=name)
        sdoc = to_spacy(doc, tokenizer=tokenizer)
        assert sdoc.text == text, name
        assert sdoc.user_data["zhie_id"] == name
        _check_accounting(doc, sdoc)
        assert len(sdoc.ents) > 0


def _hand_doc():
    """上海|澜起|科技|位于|浦东|新区 with hand-set tokens (independent of jieba's choices)."""
    text = "上海澜起科技位于浦东新区"
    doc = Document(text, id="h")
    doc.tokens = [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10), (10, 12)]
    return doc


def test_entities_cut_the_words_so_every_entity_aligns():
    doc = _hand_doc()
    doc.entities = [doc.entity("COMPANY", 0, 6),   # on word boundaries
                    doc.entity("LOC", 0, 2),       # overlaps the company (shorter: loses in sdoc.ents)
                    doc.entity("LOC", 8, 12),
                    doc.entity("ORG", 3, 5)]       # cuts through 澜起 and 科技: the words are cut there
    sdoc = to_spacy(doc)
    assert [t.text for t in sdoc] == ["上海", "澜", "起", "科", "技", "位于", "浦东", "新区"]
    assert [(e.text, e.label_) for e in sdoc.ents] == [("上海澜起科技", "COMPANY"), ("浦东新区", "LOC")]
    group = {(s.start_char, s.end_char, s.label_) for s in sdoc.spans[SPAN_KEY]}
    assert group == {(0, 6, "COMPANY"), (0, 2, "LOC"), (8, 12, "LOC"), (3, 5, "ORG")}  # exact, none stretched
    assert sdoc.user_data["zhie_misaligned"] == 0 and sdoc.user_data["zhie_misaligned_spans"] == []
    assert sdoc.user_data["zhie_overlapping"] == 2


def test_tokens_not_covering_text_raise():
    doc = _hand_doc()
    doc.tokens = [(0, 2), (3, 6)]
    with pytest.raises(BridgeError, match="token 1"):
        to_spacy(doc)
    doc.tokens = [(0, 2), (2, 4)]
    with pytest.raises(BridgeError, match="12 characters"):
        to_spacy(doc)


def test_entity_outside_text_raises():
    doc = _hand_doc()
    doc.entities = [doc.entity("LOC", 8, 12)]
    doc.entities[0].end = 20
    with pytest.raises(BridgeError, match="outside"):
        to_spacy(doc)


def test_from_dict_document(tokenizer):
    rec = {"id": "r", "text": "深圳以347家的新增数量位居全国城市首位",
           "entities": [{"id": "E1", "type": "LOC", "start": 0, "end": 2, "text": "深圳"},
                        {"id": "E2", "type": "FIGURE", "start": 3, "end": 7, "text": "347家"}]}
    sdoc = to_spacy(Document.from_dict(rec), tokenizer=tokenizer)
    assert sdoc.text == rec["text"]
    assert {(s.text, s.label_) for s in sdoc.spans[SPAN_KEY]} >= {("深圳", "LOC")}
    assert ("深圳", "LOC") in {(e.text, e.label_) for e in sdoc.ents}


def test_empty_document():
    sdoc = to_spacy(Document("", id="e"))
    assert sdoc.text == "" and len(sdoc) == 0 and len(sdoc.ents) == 0


def test_displacy_renders_entities(nlp, tokenizer):
    text = "國家級專精特新企業達1026家，浦東新區的集成電路企業位居全國第三。"
    sdoc = to_spacy(nlp(text), tokenizer=tokenizer)
    html = spacy.displacy.render(sdoc, style="ent", page=False)
    assert "浦東新區" in html and "LOC" in html
    span_html = spacy.displacy.render(sdoc, style="span", options={"spans_key": SPAN_KEY}, page=False)
    assert "集成電路" in span_html


def test_vocab_choice(tokenizer):
    doc = _hand_doc()
    zh = spacy.blank("zh")
    assert to_spacy(doc, nlp=zh).vocab is zh.vocab
    assert to_spacy(doc).vocab is DEFAULTS.vocab
    assert DEFAULTS.tokenizer is DEFAULTS.tokenizer  # built once, kept in the defaults object
