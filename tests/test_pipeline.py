"""The pipeline: offsets of every output span, registry errors, and `pipe` keeping order through failures."""
import pytest

import extract
from extract.doc import Document
from extract.registry import components
from extract.textnorm import normalize, to_simplified

OFFSET_INPUTS = [
    "上海超 20 亿元的集成电路产业基金落户浦东新区",
    "浦東新區１０２６家集成電路企業",
    "國家級專精特新企業達1026家，深圳、北京和上海位居前三",
    "沐曦集成電路完成C輪融資，融資金額超15億元，由經緯創投領投。",
    "截至２０２５年１０月，上海　集成电路企业达１２．５万家，研发强度达11.4%，位居全国第三。",
    "| 企业名称 | 细分领域 | 所属区域 |\n|---|---|---|\n| 上海澜起科技股份有限公司 | 集成电路 | 浦东新区 |\n",
]


def _check_record(rec, all_spans, offset_problems):
    assert offset_problems(rec) == []
    norm_view, script = normalize(rec["text"])
    for e in rec["entities"]:
        norm = e["attrs"]["norm"]
        assert norm == norm_view[e["start"]:e["end"]]  # the simplified, half-width view at the same offsets
        if script == "traditional":
            assert norm == to_simplified(norm)


@pytest.mark.parametrize("text", OFFSET_INPUTS)
def test_offsets_of_every_span(nlp, text, all_spans, offset_problems):
    rec = nlp(text, id="t").to_dict()
    assert rec["text"] == text  # the original text, never rewritten
    assert list(all_spans(rec)), "the pipeline found nothing: the invariant would be untested"
    _check_record(rec, all_spans, offset_problems)


def test_offsets_of_every_span_in_seeds(nlp, seeds, all_spans, offset_problems):
    total = 0
    for name, text in seeds.items():
        doc = nlp(text, id=name)
        doc.check_offsets()
        rec = doc.to_dict()
        assert rec["text"] == text
        _check_record(rec, all_spans, offset_problems)
        total += len(list(all_spans(rec)))
    assert total > 100


@pytest.mark.parametrize("text,type_,span", [
    ("上海超 20 亿元的集成电路产业基金落户浦东新区", "FIGURE", "超 20 亿元"),
    ("浦東新區１０２６家集成電路企業", "FIGURE", "１０２６家"),
    ("國家級專精特新企業達1026家，總量位居全國第三", "FIGURE", "1026家"),
    ("沐曦集成電路完成C輪融資，融資金額超15億元", "FIGURE", "超15億元"),
    ("浦東新區１０２６家集成電路企業", "LOC", "浦東新區"),
])
def test_spans_keep_original_script_and_width(nlp, require_rules, text, type_, span):
    rec = nlp(text).to_dict()
    found = [e for e in rec["entities"] if e["type"] == type_ and span in e["text"]]
    assert found, f"no {type_} covering {span!r} in {[(e['type'], e['text']) for e in rec['entities']]}"
    e = found[0]
    assert text[e["start"]:e["end"]] == e["text"]


def test_traditional_entity_norm_is_simplified(nlp):
    rec = nlp("浦東新區的集成電路企業").to_dict()
    by_text = {e["text"]: e for e in rec["entities"]}
    assert by_text["浦東新區"]["attrs"]["norm"] == "浦东新区"


def test_lone_carriage_returns_end_lines_like_newlines(nlp, seeds):
    """Old Mac files end lines with a lone \\r: the normalized view reads it as \\n (\\r\\n stays), so the
    sentences and everything extracted are those of the same text with \\n (offsets unchanged)."""
    assert normalize("甲\r乙\r\n丙\r")[0] == "甲\n乙\r\n丙\n"
    text = next(iter(seeds.values()))[:6000]
    assert "\n" in text
    a, b = nlp(text), nlp(text.replace("\r\n", "\n").replace("\n", "\r"))
    key = lambda d: ([(e.start, e.end, e.type) for e in d.entities], d.sents,
                     [(f.type, f.value.start, f.subject and f.subject.start) for f in d.facts],
                     [(r.type, r.head.start, r.tail.start) for r in d.relations], len(d.events))
    assert key(a) == key(b) and len(a.sents) > 10


# ------------------------------------------------------------------ registry
def test_unknown_component_lists_available_ones():
    with pytest.raises(KeyError) as info:
        extract.load({"name": "x", "pipeline": [{"name": "ner", "factory": "no_such_thing.v1"}]})
    msg = str(info.value)
    assert "no_such_thing.v1" in msg
    for name in ("normalize.v1", "segment.v1", "merge.v1"):
        assert name in msg
    assert "register" in msg


def test_registry_lookup_and_names():
    assert "normalize.v1" in components
    assert "no_such_thing.v1" not in components
    assert components.names() == sorted(components.names())


def test_missing_model_folder_names_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        extract.load(tmp_path / "nope")
    assert "config.json" in str(info.value) and "'rules'" in str(info.value)


def test_exclude_and_pipe_names():
    nlp = extract.load({"name": "x", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "segment", "factory": "segment.v1"},
        {"name": "off", "factory": "no_such_thing.v1", "enabled": False}]}, exclude=["segment"])
    assert nlp.pipe_names == ["normalize"]
    with pytest.raises(KeyError, match="normalize"):
        nlp.get_pipe("segment")


# ---------------------------------------------------------------------- pipe
@components.register("test_pipeline.boom.v1")
def _make_boom(nlp, marker="爆"):
    def boom(doc):
        if marker in doc.text:
            raise RuntimeError(f"cannot handle {marker}")
        doc.meta["seen"] = True
        return doc
    return boom


@components.register("test_pipeline.batch_boom.v1")
def _make_batch_boom(nlp, marker="爆"):
    """A component with a batched ``pipe`` that fails for the whole batch when one doc is bad."""
    class BatchBoom:
        calls = 0

        def __call__(self, doc):
            if marker in doc.text:
                raise ValueError("bad document")
            doc.meta["seen"] = True
            return doc

        def pipe(self, docs):
            BatchBoom.calls += 1
            docs = list(docs)
            if any(marker in d.text for d in docs):
                raise ValueError("bad batch")
            for d in docs:
                d.meta["seen"] = True
            return docs
    return BatchBoom()


@components.register("test_pipeline.mark.v1")
def _make_mark(nlp):
    def mark(doc):
        doc.meta["after"] = True
        return doc
    return mark


def _pipeline(factory):
    return extract.load({"name": "t", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "segment", "factory": "segment.v1"},
        {"name": "boom", "factory": factory},
        {"name": "after", "factory": "test_pipeline.mark.v1"}]})


TEXTS = ["上海集成电路企业达1026家", "深圳新增347家", "这一篇会爆", "北京1210家", "國家級專精特新", "又爆了", "杭州"]


@pytest.mark.parametrize("factory", ["test_pipeline.boom.v1", "test_pipeline.batch_boom.v1"])
@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_pipe_keeps_order_and_records_failures(factory, batch_size):
    nlp = _pipeline(factory)
    docs = list(nlp.pipe([(t, f"d{i}") for i, t in enumerate(TEXTS)], batch_size=batch_size))
    assert [d.id for d in docs] == [f"d{i}" for i in range(len(TEXTS))]
    assert [d.text for d in docs] == TEXTS
    for d in docs:
        if "爆" in d.text:
            assert d.error and d.error.startswith("boom:"), d.error
            assert d.entities == [] and d.to_dict()["error"] == d.error
            assert "after" not in d.meta  # a failed document leaves the pipeline
        else:
            assert d.error is None and d.meta.get("seen")
            assert d.sents  # earlier components ran
            assert d.meta.get("after")  # later components ran too


def test_pipe_errors_raise():
    nlp = _pipeline("test_pipeline.boom.v1")
    with pytest.raises(RuntimeError, match="cannot handle"):
        list(nlp.pipe(TEXTS, errors="raise"))
    with pytest.raises(ValueError, match="errors must be"):
        list(nlp.pipe(TEXTS, errors="ignore"))


def test_pipe_passes_failed_input_documents_through():
    nlp = _pipeline("test_pipeline.boom.v1")
    failed = Document.failed("bad", "bad.txt: empty document (no text)")
    docs = list(nlp.pipe([Document("上海", id="a"), failed, Document("深圳", id="c")]))
    assert [d.id for d in docs] == ["a", "bad", "c"]
    assert docs[1].error == "bad.txt: empty document (no text)" and "seen" not in docs[1].meta
    assert docs[0].meta["seen"] and docs[2].meta["seen"]


def test_call_raises_with_the_component_error():
    nlp = _pipeline("test_pipeline.boom.v1")
    assert nlp("上海").meta["seen"]
    with pytest.raises(RuntimeError):
        nlp("会爆")


def test_span_overlap_is_strict_intersection():
    d = Document("上海北京深圳")
    a, b, c = d.span(0, 2), d.span(2, 4), d.span(1, 3)
    assert not a.overlaps(b) and not b.overlaps(a)  # touching
    assert a.overlaps(c) and c.overlaps(b) and a.overlaps(a)


@pytest.mark.parametrize("text", ["", "上", "\r\n", "上海\r\n北京\r深圳"])
def test_empty_one_character_and_cr_documents(nlp, text, all_spans, offset_problems):
    rec = nlp(text, id="t").to_dict()
    assert rec["text"] == text and rec["id"] == "t"
    assert offset_problems(rec) == []


def test_entities_at_position_0_and_at_the_end(nlp):
    text = "上海\r\n北京"
    rec = nlp(text, id="t").to_dict()
    spans = {(e["type"], e["start"], e["end"]) for e in rec["entities"]}
    assert {("LOC", 0, 2), ("LOC", 4, 6)} <= spans, spans
    one = nlp("上海市", id="u").to_dict()
    assert ("LOC", 0, 3) in {(e["type"], e["start"], e["end"]) for e in one["entities"]}


@pytest.mark.parametrize("text, locs", [
    ("宁德时代此次赴港上市意义非凡", ["港"]), ("今年來台的新創公司", ["台"]), ("外遊人士返港，睇樓量增加", ["港"]),
    ("他在台上发言", []), ("在港交所挂牌", []), ("回台湾发展", []),  # 台上 (a stage), 港交所, 台湾: longer words
])
def test_hong_kong_taiwan_and_macao_alone_after_a_verb_of_place(text, locs):
    """gazetteer _PLACE_ABBREVIATION: 港, 台, 澳 after 来/回/返/离/抵/访/赴/驻/在/落户 name the place."""
    from extract.stages.gazetteer import GazetteerComponent, Gazetteer
    from docs import make_doc
    d = GazetteerComponent(Gazetteer(types=["LOC"], defaults=False))(make_doc(text))
    assert [e.text for e in d.entities if e.type == "LOC"] == locs


@pytest.mark.parametrize("text, locs", [
    ("随着AI技术的不断创新和应用场景的持续拓展", []),      # 新和 (新和县) cut out of 创新和
    ("市场规模和政策支持等优势", []),                     # 和政 (和政县) cut out of 政策
    ("集资额最大新股上市", []),                           # 大新 (大新县) cut out of 新股
    ("总部位于新和县", ["新和县"]),
    ("公司在滨江，", ["滨江"]),
    ("朝阳区的企业", ["朝阳区"]),
    ("今年内地将下调存款准备金率", ["内地"]),  # a region word stays a place across 年内 / 在内 (_REGION_WORDS)
    ("华为去年在内地市场占有率", ["内地"]),
    ("实施东盟国家旅游团入境", ["东盟"]), ("当日本步入樱花季", ["日本"]),  # 盟国, 本步: so do 东盟, 日本 and 英国
    ("英国内政大臣办公室", ["英国"]),
])
def test_gazetteer_short_places_are_not_cut_out_of_words(text, locs):
    from extract.stages.gazetteer import Gazetteer
    g = Gazetteer(types=["LOC"])
    assert [text[s:e] for s, e, t in g.find(text)] == locs
