"""propagate.v1: a name found once is tagged at its other occurrences in the same document."""
import pytest

import extract


@pytest.fixture(scope="module")
def nlp():
    return extract.load("rules")


def _ents(doc):
    return [(e.text, e.type) for e in doc.entities]


def test_definition_defines_a_company_and_is_propagated(nlp):
    text = "甲乙芽是一家科技创新信息服务商，总部在苏州。\n资料来源：甲乙芽\n根据甲乙芽的数据，行业继续增长。"
    got = [e for e in nlp(text).entities if e.text == "甲乙芽"]
    assert len(got) == 3 and all(e.type == "COMPANY" for e in got)
    for e in got:
        assert text[e.start:e.end] == "甲乙芽"


def test_definition_needs_a_company_head(nlp):
    doc = nlp("甲乙芽是一家人气很高的小吃店。资料来源：甲乙芽")
    assert ("甲乙芽", "COMPANY") not in _ents(doc)


def _doc(text, spans):
    from extract.doc import Document
    doc = Document(text, id="t")
    doc.norm = text
    doc.entities = [doc.entity(t, s, e, source=src) for t, s, e, src in spans]
    return doc


def _listed_orgs(names):
    """A document of ``names`` joined by ，, each an ORG of the NER."""
    text = "，".join(names)
    spans, pos = [], 0
    for n in names:
        k = text.index(n, pos)
        spans.append(("ORG", k, k + len(n), "ner"))
        pos = k + len(n)
    return _doc(text, spans)


def test_found_name_is_tagged_elsewhere_but_longer_entities_win():
    from extract.stages.propagate import make_propagate
    text = "甲乙丙科技宣布扩产。甲乙丙科技研究院成立。报告称甲乙丙科技营收增长。"
    a = text.index("甲乙丙科技研究院")
    doc = make_propagate(None)(_doc(text, [("COMPANY", 0, 5, "rules"), ("ORG", a, a + 8, "rules")]))
    got = [(e.type, e.start, e.end) for e in doc.entities]
    b = text.rindex("甲乙丙科技")
    assert ("COMPANY", b, b + 5) in got
    assert ("ORG", a, a + 8) in got and ("COMPANY", a, a + 5) not in got
    assert len(got) == 3


def test_common_words_and_ner_junk_are_not_propagated():
    from extract.stages.propagate import make_propagate
    text = "这家企业的产品很好。A 股市场走强，A 股上市企业增多。人工智能企业增加，人工智能发展。"
    a, w = text.index("A 股"), text.index("人工智能")
    out = make_propagate(None)(_doc(text, [("COMPANY", a, a + 3, "ner"),   # a model's one-off mistake
                                           ("COMPANY", w, w + 4, "ner")]))  # an ordinary word
    assert len(out.entities) == 2


def test_traditional_script(nlp):
    text = "甲乙芽是一家科技創新資訊服務商。資料來源：甲乙芽"
    assert [e.type for e in nlp(text).entities if e.text == "甲乙芽"] == ["COMPANY", "COMPANY"]


def test_one_name_takes_the_type_most_of_its_mentions_have():
    from extract.stages.propagate import make_propagate
    text = "图样教育完成融资。图样教育创始人表示，图样教育将扩张。"
    at = [i for i in range(len(text)) if text.startswith("图样教育", i)]
    spans = [("ORG", at[0], at[0] + 4, "ner"), ("COMPANY", at[1], at[1] + 4, "ner"), ("COMPANY", at[2], at[2] + 4, "ner")]
    doc = make_propagate(None)(_doc(text, spans))
    assert [e.type for e in doc.entities] == ["COMPANY"] * 3
    kept = make_propagate(None, one_type=False)(_doc(text, spans))
    assert [e.type for e in kept.entities] == ["ORG", "COMPANY", "COMPANY"]


def test_a_tie_or_another_name_changes_no_type():
    from extract.stages.propagate import make_propagate
    text = "深圳商會稱深圳經濟回暖，杭州企業增多。"  # 深圳: a listed place keeps its LOC mention in a tie
    a, b, c = text.index("深圳"), text.rindex("深圳"), text.index("杭州")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 2, "ner"), ("LOC", b, b + 2, "ner"),
                                           ("LOC", c, c + 2, "ner")]))
    assert [e.type for e in doc.entities] == ["COMPANY", "LOC", "LOC"]
    text = "图样教育完成融资。图样教育创始人表示。"  # an ORG/COMPANY tie stays
    a, b = text.index("图样教育"), text.rindex("图样教育")
    doc = make_propagate(None)(_doc(text, [("ORG", a, a + 4, "ner"), ("COMPANY", b, b + 4, "ner")]))
    assert [e.type for e in doc.entities] == ["ORG", "COMPANY"]


def test_a_place_company_tie_of_an_unlisted_name_is_a_company():
    """首旅 read LOC once, COMPANY once: a company (cross-fitted 7 of 10 such names gold COMPANYs)."""
    from extract.stages.propagate import make_propagate
    text = "锦江、首旅扭亏为盈，首旅股价上涨。"
    a, b = text.index("首旅"), text.rindex("首旅")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 2, "ner"), ("LOC", b, b + 2, "ner")]))
    assert [e.type for e in doc.entities if e.text == "首旅"] == ["COMPANY", "COMPANY"]
    text = "華廈置業公布，華廈並無明確指引，華廈股價升。"  # 華廈 opens 華廈置業: the NER cut the name short
    a, b, c = text.index("華廈置業"), text.index("華廈並"), text.rindex("華廈")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 4, "ner"), ("COMPANY", b, b + 2, "ner"),
                                           ("LOC", c, c + 2, "ner")]))
    assert [e.type for e in doc.entities if e.text == "華廈"] == ["COMPANY", "LOC"]


def test_a_quoted_name_after_a_company_head_noun_is_a_company(nlp):
    text = "36氪首发 | HR SaaS服务商「Glints」获2250万美元C轮融资。Glints成立于2016年。"
    got = [(e.text, e.type) for e in nlp(text).entities if e.text == "Glints"]
    assert got == [("Glints", "COMPANY")] * 2


def test_quoted_concepts_and_ratings_are_not_companies(nlp):
    for text in ("员工数采用企业“参保人数”口径。", "维持公司“增持”评级。", "该公司“十四五”期间扩产。"):
        companies = {e.text for e in nlp(text).entities if e.type == "COMPANY"}
        assert not companies & {"参保人数", "增持", "十四五"}, text


def test_a_name_the_model_tagged_at_few_of_its_occurrences_does_not_spread():
    """min_share: the model tagged 小巨人 once in five places (0.2: it spreads at the default) and once in
    six (under 0.2: it does not); a name a rule found spreads whatever its share."""
    from extract.stages.propagate import make_propagate
    for n, spreads in ((5, True), (6, False)):
        text = "“小巨人”企业。" * n
        doc = make_propagate(None)(_doc(text, [("COMPANY", 1, 4, "ner")]))
        assert len(doc.entities) == (n if spreads else 1), n
        doc = make_propagate(None)(_doc(text, [("COMPANY", 1, 4, "rules")]))
        assert len(doc.entities) == n
    text = "“小巨人”企业。" * 6
    doc = make_propagate(None, min_share=0.0)(_doc(text, [("COMPANY", 1, 4, "ner")]))
    assert len(doc.entities) == 6
    doc = make_propagate(None)(_doc(text, [("COMPANY", 1, 4, "ner"), ("COMPANY", 9, 12, "ner")]))
    assert len(doc.entities) == 6  # 2 of 6 tagged by the model


def test_a_latin_surname_alone_is_the_person_it_ends():
    from extract.doc import Document
    from extract.stages.propagate import person_surnames
    text = "Palmer Luckey创立Anduril。Luckey表示，Anduril将扩产。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("PERSON", 0, 13), d.entity("COMPANY", 15, 22), d.entity("COMPANY", 23, 29),
                  d.entity("COMPANY", 32, 39)]
    person_surnames(d)
    assert [(e.text, e.type) for e in d.entities] == [("Palmer Luckey", "PERSON"), ("Anduril", "COMPANY"),
                                                      ("Luckey", "PERSON"), ("Anduril", "COMPANY")]


def test_transliterated_names():
    from extract.stages.propagate import transliterated_names
    from extract.stages.recognizers._data import load_rules
    chars = frozenset(load_rules("transliteration")["chars"])
    text = "创始人基金的彼得·蒂尔表示，戈蒂耶·科尔·基利安说，中国·上海"
    assert [text[s:e] for s, e in transliterated_names(text, chars)] == ["彼得·蒂尔", "戈蒂耶·科尔·基利安"]


def test_titled_transliterations():
    from extract.stages.propagate import title_finder, titled_transliterations
    from extract.stages.recognizers._data import load_rules
    chars = frozenset(load_rules("transliteration")["chars"])
    titles = title_finder(load_rules("propagate")["person_titles"])
    text = "研究所经济学家苏布拉马尼安指出，新任行长马尔霍特拉的政策；总统特朗普当地时间表示；董事长彼得邦菲\n"
    assert [text[s:e] for s, e in titled_transliterations(text, chars, titles)] == ["苏布拉马尼安", "马尔霍特拉", "彼得邦菲"]


def test_titled_chinese_names():
    """(session 53, perszh) 社长楠见雄规坦言, CEO淦家阅在, 董事会秘书段誉。: an untagged Chinese run after a title and before a
    stop is a name; one holding a dictionary word (补充道, 拒绝置评, 亦指出) or a function character (帅印的) is not."""
    from extract.stages.propagate import title_finder, titled_chinese_names
    from extract.stages.recognizers._data import load_rules
    from extract.stages.recognizers.companies import COMMON_WORDS, _load_words
    known, _ = _load_words(str(COMMON_WORDS), 50, 50)
    p = load_rules("persons")
    titles = title_finder(load_rules("propagate")["person_titles"] + p["filter_titles"] + p["titled_name_titles"])
    text = ("松下控股社长楠见雄规坦言，集团CEO淦家阅在会上提到。光羿科技董事会秘书段誉。这位首席执行官补充道。苹果发言人拒绝置评，"
            "业内专家亦指出，基金经理帅印的。")
    found = titled_chinese_names(text, titles, known, frozenset(p["titled_name_not_chars"]))
    assert [text[s:e] for s, e in found] == ["楠见雄规", "淦家阅", "段誉"]


def test_titled_transliteration_is_added_where_nothing_lies(nlp):
    doc = nlp("该研究所经济学家苏布拉马尼安指出，经济仍有韧性。")
    assert ("苏布拉马尼安", "PERSON") in _ents(doc)


def test_a_transliterated_surname_alone_is_the_person():
    nlp = __import__("extract").load("models/default")
    d = nlp("经济学家埃德·赫斯在访谈中说，这将影响所有人。赫斯说：“港口将受影响。”")
    assert [e.text for e in d.entities if e.type == "PERSON"] == ["埃德·赫斯", "赫斯"]


def test_a_latin_surname_alone_is_the_person():
    """(session 53, _LONE_LATIN) Jeff Cardenas … Cardenas告诉媒体: the surname alone, between Chinese, is the person; one
    inside a longer Latin run (Demo Cardenas Day) is not."""
    from extract.doc import Document
    from extract.stages.propagate import make_propagate
    text = "创始人Jeff Cardenas说。Cardenas告诉媒体，Demo Cardenas Day开幕。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("PERSON", 3, 16, source="ner")]
    make_propagate(None)(d)
    assert [(e.text, e.start) for e in d.entities if e.type == "PERSON"] == [("Jeff Cardenas", 3), ("Cardenas", 18)]


def test_a_name_of_the_document_covers_a_number_inside_it():
    from extract.doc import Document
    from extract.stages.propagate import make_propagate
    text = "两只兔子完成融资。两只兔子创始人说，公司有两只猫。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("COMPANY", 0, 4, source="gazetteer"), d.entity("FIGURE", 9, 11, {"value": 2}),
                  d.entity("FIGURE", 21, 23, {"value": 2})]
    make_propagate(None)(d)
    assert [(e.text, e.type) for e in d.entities] == [("两只兔子", "COMPANY"), ("两只兔子", "COMPANY"), ("两只", "FIGURE")]


def test_a_titled_name_is_a_person_throughout_its_document():
    from extract.stages.propagate import make_propagate
    text = "港澳办主任夏宝龙会见代表团。甯汉豪感谢夏宝龙的鼓励。"
    a, b = text.index("夏宝龙"), text.rindex("夏宝龙")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 3, "ner"), ("COMPANY", b, b + 3, "ner")]))
    assert [(e.type, e.start) for e in doc.entities if e.start in (a, b)] == [("PERSON", a), ("PERSON", b)]
    # no title, or a name the gazetteer knows as a company: unchanged
    text = "公司董事会通过决议。宝龙地产发布公告。"
    s = text.index("宝龙地产")
    doc = make_propagate(None)(_doc(text, [("COMPANY", s, s + 4, "ner")]))
    assert [e.type for e in doc.entities] == ["COMPANY"]
    text = "集团董事长宝龙地产发言。"
    s = text.index("宝龙地产")
    doc = make_propagate(None)(_doc(text, [("COMPANY", s, s + 4, "gazetteer")]))
    assert [e.type for e in doc.entities] == ["COMPANY"]


def test_a_place_or_leader_before_a_governing_head_is_one_organisation():
    from extract.stages.propagate import governed_names, make_propagate
    text = "韩国政府为产业提供支持，特朗普政府尚未表态。河南农商行组建完成。美国政府效率部宣布裁员。美国商务部表示。"
    k, t, h = text.index("韩国"), text.index("特朗普"), text.index("河南")
    u, m = text.index("美国政府"), text.index("美国商务部")
    doc = make_propagate(None)(_doc(text, [
        ("LOC", k, k + 2, "ner"), ("PERSON", t, t + 3, "ner"),
        ("LOC", h, h + 2, "ner"), ("INDUSTRY", h + 2, h + 5, "ner"),      # the head noun read as an industry
        ("LOC", u, u + 2, "ner"), ("ORG", u + 2, u + 7, "ner"),          # 政府效率部: a body of its own
        ("LOC", m, m + 2, "ner"), ("ORG", m + 2, m + 5, "ner")]))        # a ministry: the gold keeps two
    got = {(e.type, e.start, e.end) for e in doc.entities}
    assert {("ORG", k, k + 4), ("ORG", t, t + 5), ("COMPANY", h, h + 5)} <= got
    assert ("INDUSTRY", h + 2, h + 5) not in got
    assert {("LOC", u, u + 2), ("ORG", u + 2, u + 7), ("LOC", m, m + 2), ("ORG", m + 2, m + 5)} <= got
    for e in doc.entities:  # offsets and texts stay in step
        assert text[e.start:e.end] == e.text and e.attrs["norm"] == e.text
    region = make_propagate(None)(_doc("长三角地区招商引资。", [("LOC", 0, 3, "ner")]))
    assert [(e.type, e.text) for e in region.entities] == [("LOC", "长三角地区")]
    trade = make_propagate(None)(_doc("半导体业受惠，汽车业务承压。", [("INDUSTRY", 0, 3, "ner"), ("INDUSTRY", 7, 9, "ner")]))
    assert [e.text for e in trade.entities] == ["半导体业", "汽车"]  # 业务 is a word of its own
    made = make_propagate(None)(_doc("半导体制造板块涨，汽车制造商跌。", [("INDUSTRY", 0, 3, "ner"), ("INDUSTRY", 9, 11, "ner")]))
    assert [e.text for e in made.entities] == ["半导体制造", "汽车"]  # the maker (制造商) keeps the industry alone
    plain = _doc("日本政府表态。", [("COMPANY", 0, 2, "ner")])  # a COMPANY before 政府 is not a place
    governed_names(plain, {"政府": ("ORG", frozenset({"LOC", "PERSON"}), "")})
    assert [(e.type, e.end) for e in plain.entities] == [("COMPANY", 2)]


def test_a_city_or_province_before_a_body_is_part_of_its_name():
    """0p place_bodies: 宜宾市|财政局 and 中国|汽车流通协会 are one ORG each; 美国|劳工部 (foreign), 中国|国家金融监管总局 (国)
    and 北京|脑所基因组学中心 (neither 市/区/县/省/州 nor an association) stay apart."""
    from extract.stages.propagate import make_propagate
    text = "宜宾市财政局发文，中国汽车流通协会称，美国劳工部公布，中国国家金融监管总局表示，北京脑所基因组学中心。"
    spans = []
    for place, body in (("宜宾市", "财政局"), ("中国", "汽车流通协会"), ("美国", "劳工部"), ("中国", "国家金融监管总局"),
                        ("北京", "脑所基因组学中心")):
        i = text.index(place + body)
        spans += [("LOC", i, i + len(place), "ner"), ("ORG", i + len(place), i + len(place) + len(body), "ner")]
    doc = make_propagate(None)(_doc(text, spans))
    orgs = [e.text for e in doc.entities if e.type == "ORG"]
    assert orgs == ["宜宾市财政局", "中国汽车流通协会", "劳工部", "国家金融监管总局", "脑所基因组学中心"]


def test_a_generic_body_word_alone_is_no_organisation():
    """特區政府, 区委 alone name no particular body (not_names.json generic_bodies): the entity filter drops the NER's ORG,
    and propagate does not grow the NER's 特區 over 政府 (nor keeps 特區 a place)."""
    from extract.stages.basic import make_entity_filter
    from extract.stages.propagate import make_propagate
    text = "他希望特區政府深入落实，区委表态。美国政府回应。"
    s, q, u = text.index("特區"), text.index("区委"), text.index("美国")
    doc = make_entity_filter(None)(_doc(text, [("ORG", s, s + 4, "ner"), ("ORG", q, q + 2, "ner")]))
    assert doc.entities == []
    doc = make_propagate(None)(_doc(text, [("LOC", s, s + 2, "ner"), ("LOC", u, u + 2, "ner")]))
    assert [(e.type, e.text) for e in doc.entities] == [("ORG", "美国政府")]


def test_a_name_in_brackets_takes_the_type_of_the_name_it_glosses():
    from extract.stages.propagate import glossed_names
    text = "霍克斯特拉（Wopke Hoekstra）表示，湯森路透(Thomson Reuters)指出，甲乙公司（香港）宣布，丙丁（Foo）。"
    w, t, j, b = text.index("Wopke"), text.index("Thomson"), text.index("香港"), text.index("Foo")
    doc = _doc(text, [("PERSON", 0, 5, "ner"), ("COMPANY", w, w + 14, "latin"),
                      ("ORG", text.index("湯森"), text.index("湯森") + 4, "ner"), ("COMPANY", t, t + 15, "latin"),
                      ("COMPANY", text.index("甲乙"), text.index("甲乙") + 4, "ner"), ("LOC", j, j + 2, "gazetteer"),
                      ("COMPANY", text.index("丙丁"), text.index("丙丁") + 2, "ner")])
    doc.entities.append(doc.entity("PERSON", b, b + 3, source="latin"))
    glossed_names(doc)
    assert [e.type for e in doc.entities] == ["PERSON", "PERSON", "ORG", "ORG", "COMPANY", "LOC", "COMPANY", "COMPANY"]


def test_a_chinese_company_glossed_by_its_latin_name_in_brackets():
    from extract.stages.propagate import glossed_names
    text = "思愛普（SAP SE）、星宇航空（STARLUX）、台積電（TSM）、蘋果（AAPL.US）、DTC（Direct-to-Consumer）。"
    doc = _doc(text, [("COMPANY", text.index(w), text.index(w) + len(w), "ner")
                      for w in ("思愛普", "星宇航空", "台積電", "蘋果", "DTC")])
    glossed_names(doc)
    got = [(e.text, e.type) for e in doc.entities]
    assert ("SAP SE", "COMPANY") in got and ("STARLUX", "COMPANY") in got
    assert len(got) == 7  # no ticker (TSM, AAPL.US), no term glossing a Latin name


def test_a_chinese_name_opening_a_line_before_its_stock_code_is_a_company():
    from extract.stages.propagate import coded_headings
    text = "升1.32%。\n\n出門問問（2438）：全線產品\n好孩子（1086）發盈喜\n同期招股的鐵貨(1029)則仍未有起色\n中证电池主题指数（931719）成分股"
    doc = _doc(text, [])
    coded_headings(doc)
    assert [(e.text, e.type) for e in doc.entities] == [("出門問問", "COMPANY"), ("好孩子", "COMPANY")]


def test_a_short_name_defined_after_a_full_name_is_that_entity():
    from extract.stages.propagate import abbreviated_names
    text = ("中国国际货运航空股份有限公司（001391.SZ，以下简称“国货航”）上市。国货航表示，"
            "香港联合交易所有限公司（下称：“港交所”）同意。甲乙（简称“丙丁”）。")
    full, short, later = text.index("中国"), text.index("国货航"), text.index("国货航表示")
    hk, hk_short, jy = text.index("香港"), text.index("港交所"), text.index("甲乙")
    doc = _doc(text, [("COMPANY", full, full + 14, "ner"), ("INDUSTRY", later, later + 3, "echo"),
                      ("COMPANY", hk, hk + 11, "ner"), ("ORG", hk_short, hk_short + 3, "gazetteer"),
                      ("LOC", jy, jy + 2, "gazetteer")])
    abbreviated_names(doc)
    got = [(e.text, e.type) for e in doc.entities]
    assert ("国货航", "COMPANY") in got and got.count(("国货航", "COMPANY")) == 2  # defined, and retyped where it recurs
    assert ("港交所", "ORG") in got and ("港交所", "COMPANY") not in got  # the tagger's own type of the short name stays
    assert not any(e.text == "丙丁" for e in doc.entities)  # after a place: no definition


def test_a_company_short_name_that_starts_its_full_name_is_the_company_whatever_the_tagger_typed():
    from extract.stages.propagate import abbreviated_names
    text = "网络安全公司SailPoint Technologies（简称：“SailPoint”）上市。SailPoint成立于2005年。"
    full, short, later = text.index("SailPoint"), text.index("SailPoint”"), text.index("SailPoint成立")
    doc = _doc(text, [("COMPANY", full, full + 22, "ner"), ("ORG", short, short + 9, "ner"),
                      ("ORG", later, later + 9, "ner")])
    abbreviated_names(doc)
    assert [(e.text, e.type) for e in doc.entities] == [("SailPoint Technologies", "COMPANY"),
                                                         ("SailPoint", "COMPANY"), ("SailPoint", "COMPANY")]


def test_a_name_ending_in_a_legal_form_is_a_company_but_an_exchange_stays():
    from extract.stages.propagate import legal_forms
    text = "成为苏州永鑫开拓二号股权投资合伙企业（有限合伙）的LP。香港联合交易所有限公司同意。"
    a, b = text.index("苏州"), text.index("香港")
    doc = _doc(text, [("ORG", a, a + 22, "ner"), ("ORG", b, b + 11, "ner")])
    legal_forms(doc)
    assert [(e.text, e.type) for e in doc.entities] == [("苏州永鑫开拓二号股权投资合伙企业（有限合伙）", "COMPANY"),
                                                         ("香港联合交易所有限公司", "ORG")]


def test_the_trade_name_of_a_full_company_name():
    from extract.stages.propagate import _core
    assert _core("北京玻色量子科技有限公司") == "玻色量子"  # less the division, the business word, the legal form
    assert _core("芯和半导体科技（上海）股份有限公司") == "芯和半导体"  # and a place in brackets
    assert _core("东信营销科技有限公司") == "东信营销"
    assert _core("御佳控股") is None  # only the legal suffix comes off: that is _stem's
    assert _core("北京科技有限公司") is None  # nothing of a name is left


def test_the_trade_name_spreads_over_the_sector_or_place_read_in_it():
    from extract.stages.propagate import make_propagate
    text = "芯和半导体科技（上海）股份有限公司完成融资。芯和半导体成立于2010年，玻色量子称。北京玻色量子科技有限公司宣布。"
    a, b, c = text.index("芯和半导体成立"), text.index("玻色量子称"), text.index("北京玻色")
    spans = [("COMPANY", 0, 17, "ner"), ("LOC", a, a + 1, "ner"), ("INDUSTRY", a + 2, a + 5, "ner"),
             ("INDUSTRY", b, b + 4, "ner"), ("COMPANY", c, c + 12, "ner")]
    doc = make_propagate(None)(_doc(text, spans))
    got = {(e.start, e.end): e.type for e in doc.entities}
    assert got.get((a, a + 5)) == "COMPANY" and (a, a + 1) not in got and (a + 2, a + 5) not in got
    assert got.get((b, b + 4)) == "COMPANY"  # a trade name the tagger read as a sector
    doc = make_propagate(None, cores=False)(_doc(text, spans))
    assert {(e.start, e.end): e.type for e in doc.entities}.get((b, b + 4)) == "INDUSTRY"


def _tagged(text, names):
    """A document with the tagger's ``(type, surface)`` entities, found left to right in ``text``."""
    spans, pos = [], 0
    for type_, surface in names:
        pos = text.index(surface, pos)
        spans.append((type_, pos, pos + len(surface), "ner"))
        pos += len(surface)
    return _doc(text, spans)


def test_an_acronym_glossing_a_term_is_no_name():
    from extract.stages.propagate import glossed_terms
    doc = _tagged("年度经常性收入（ARR）增长，甲乙公司（JY）宣布，首席信息官（CIO）表示。",
                  [("COMPANY", "ARR"), ("COMPANY", "甲乙公司"), ("COMPANY", "JY"), ("PERSON", "CIO")])
    glossed_terms(doc)
    assert [e.text for e in doc.entities] == ["甲乙公司", "JY"]  # an acronym after a name glosses the name


def test_what_a_company_s_de_names_once_is_its_product():
    from extract.stages.propagate import possessed_products
    doc = _tagged("传奇生物的Carvykti销售增长，兵装集团的长安汽车发布公告，长安汽车称。",
                  [("COMPANY", "传奇生物"), ("COMPANY", "Carvykti"), ("COMPANY", "兵装集团"), ("COMPANY", "长安汽车")])
    possessed_products(doc)
    assert [e.text for e in doc.entities] == ["传奇生物", "兵装集团", "长安汽车"]  # a company so named recurs


def test_the_odd_item_of_a_list_takes_the_type_of_the_others():
    from extract.stages.propagate import list_types
    text = "宁德时代、比亚迪、上海、小鹏；北京、腾讯；甲乙、丙丁、上海、天津"
    names = ["宁德时代", "比亚迪", "上海", "小鹏", "北京", "腾讯", "甲乙", "丙丁", "天津"]
    types = ["COMPANY", "COMPANY", "LOC", "COMPANY", "LOC", "COMPANY", "COMPANY", "COMPANY", "LOC"]
    spans, pos = [], 0
    for n, t in zip(names, types):
        k = text.index(n, pos)
        spans.append((t, k, k + len(n), "ner"))
        pos = k + len(n)
    second_shanghai = text.index("上海", text.index("丙丁"))
    spans.insert(8, ("LOC", second_shanghai, second_shanghai + 2, "ner"))
    doc = _doc(text, spans)
    list_types(doc)
    got = [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start)]
    assert got[:4] == [("宁德时代", "COMPANY"), ("比亚迪", "COMPANY"), ("上海", "COMPANY"), ("小鹏", "COMPANY")]
    assert got[4:6] == [("北京", "LOC"), ("腾讯", "COMPANY")]  # two items: no majority
    assert [t for _, t in got[6:]] == ["COMPANY", "COMPANY", "LOC", "LOC"]  # two against two: unchanged


def test_a_latin_body_among_firms_keeps_its_org():
    """A Latin name ending in Foundation/Council … is a body, an ORG, also as the odd item of a list of firms."""
    from extract.stages.propagate import list_types
    text = "Atlas Venture、Cystic Fibrosis Foundation、T. Rowe Price"
    spans = [("COMPANY", 0, 13, "ner"), ("ORG", 14, 40, "ner"), ("COMPANY", 41, 54, "ner")]
    doc = _doc(text, spans)
    list_types(doc)
    assert [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start)] == [
        ("Atlas Venture", "COMPANY"), ("Cystic Fibrosis Foundation", "ORG"), ("T. Rowe Price", "COMPANY")]


def test_items_of_a_sector_list_closed_by_a_head_are_sectors():
    from extract.stages.propagate import sector_list_items
    text = "优先在金融、医药、汽车、化工、机器学习等领域替代。拥有资源、人才、数据、芯片等优势。旅游、研学、年会等行业"
    k = text.index("汽车")
    doc = _doc(text, [("INDUSTRY", k, k + 2, "ner")])
    sector_list_items(doc)
    got = [e.text for e in doc.entities if e.type == "INDUSTRY"]
    # 金融 starts after the cue 在; 人才 … 芯片 close with no sector's head; 旅游 … no INDUSTRY item
    assert got == ["金融", "医药", "汽车", "化工", "机器学习"]


def test_a_sector_lists_first_item_needs_a_cue_before_it():
    from extract.stages.propagate import sector_list_items
    text = "公司主营金融、医药等领域。"
    k = text.index("医药")
    doc = _doc(text, [("INDUSTRY", k, k + 2, "ner")])
    sector_list_items(doc)
    assert [e.text for e in doc.entities] == ["医药"]  # 公司主营金融: no cue, its left edge unknown


def test_a_share_class_mark_is_outside_the_company():
    from extract.stages.propagate import make_propagate
    text = "微创机器人-B涨5%，百济神州－U跌，商汤-W持平，ABC-B，-B公司。"
    spans = [("COMPANY", text.index("微创"), text.index("微创") + 7, "ner"),
             ("COMPANY", text.index("百济"), text.index("百济") + 6, "ner"),
             ("COMPANY", text.index("商汤"), text.index("商汤") + 4, "ner"),
             ("COMPANY", text.index("ABC"), text.index("ABC") + 5, "ner"),
             ("COMPANY", text.index("-B公司"), text.index("-B公司") + 2, "ner")]  # nothing left: kept as it is
    doc = make_propagate(None, types=())(_doc(text, spans))
    assert [e.text for e in doc.entities if e.type == "COMPANY"] == ["微创机器人", "百济神州", "商汤-W", "ABC", "-B"]


def test_a_mention_cut_short_takes_the_extent_the_document_names_more_often():
    from extract.stages.propagate import consistent_boundaries
    text = "鲁欧智造完成融资。鲁欧智造CEO表示，鲁欧智造新品发布。据悉鲁欧智造价值高，芯片方面，AI芯片与AI芯片需求大。"
    s = [m for m in range(len(text)) if text.startswith("鲁欧智造", m)]
    c = text.index("芯片方面")
    a1, a2 = text.index("AI芯片"), text.rindex("AI芯片")
    doc = _doc(text, [("COMPANY", s[0], s[0] + 4, "ner"), ("COMPANY", s[1], s[1] + 4, "ner"),
                      ("COMPANY", s[2], s[2] + 3, "ner"),          # the model cut 鲁欧智 here
                      ("COMPANY", s[3] + 1, s[3] + 4, "ner"),      # and 欧智造 here
                      ("INDUSTRY", c, c + 2, "ner"),                 # 芯片 alone: no longer name spelled there
                      ("INDUSTRY", a1, a1 + 4, "ner"), ("INDUSTRY", a2 + 2, a2 + 4, "ner")])
    consistent_boundaries(doc)
    got = [(e.type, e.start, e.end) for e in doc.entities]
    assert got == [("COMPANY", p, p + 4) for p in s] + [("INDUSTRY", c, c + 2), ("INDUSTRY", a1, a1 + 4),
                                                       ("INDUSTRY", a2 + 2, a2 + 4)]  # 芯片 is named more often
    for e in doc.entities:
        assert e.text == text[e.start:e.end]
    # a longer mention is never cut to a name named more often (AI芯片 stays, though AI is commoner)
    text2 = "AI发展快，AI企业多，AI芯片需求大。"
    spans = [("INDUSTRY", m, m + 2, "ner") for m in (0, 5)] + [("INDUSTRY", 11, 15, "ner")]
    doc2 = _doc(text2, spans)
    consistent_boundaries(doc2)
    assert [(e.start, e.end) for e in doc2.entities] == [(0, 2), (5, 7), (11, 15)]
    # the grown extent may not swallow a neighbour
    text3 = "甲乙丙丁发布，甲乙丙丁表示，甲乙丙丁上涨。甲乙丙丁某见面。"
    k = text3.rindex("甲乙丙")
    doc3 = _doc(text3, [("COMPANY", m, m + 4, "ner") for m in (0, 7, 14)] + [("COMPANY", k, k + 3, "ner"),
                                                                            ("PERSON", k + 3, k + 5, "ner")])
    consistent_boundaries(doc3)
    assert ("COMPANY", k, k + 3) in [(e.type, e.start, e.end) for e in doc3.entities]


def test_a_foreign_country_before_its_body_is_a_place_of_its_own():
    """GUIDELINES M13: 美国|劳工部, 英国|《卫报》 and 新加坡|南洋理工大学 split (the title mark stays outside the ORG); a
    government, a bank, an exchange and a Chinese body stay whole."""
    from extract.stages.propagate import foreign_prefixes
    from extract.stages.recognizers._data import load_rules
    data = load_rules("propagate")
    whole = data["foreign_whole"]
    countries = sorted(data["foreign_countries"], key=len, reverse=True)
    names = ["美国劳工部", "美国政府", "美国银行", "澳大利亚证券交易所", "中国证监会", "英国《卫报", "新加坡南洋理工大学"]
    doc = _listed_orgs(names)
    foreign_prefixes(doc, countries, tuple(whole["after"]), tuple(whole["heads"]))
    got = [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start)]
    assert got == [("美国", "LOC"), ("劳工部", "ORG"), ("美国政府", "ORG"), ("美国银行", "ORG"),
                   ("澳大利亚证券交易所", "ORG"), ("中国证监会", "ORG"), ("英国", "LOC"), ("卫报", "ORG"),
                   ("新加坡", "LOC"), ("南洋理工大学", "ORG")]


def test_a_person_found_once_is_found_at_the_other_mentions_but_not_inside_a_longer_name():
    from extract.doc import Document
    from extract.stages.propagate import make_propagate
    text = "王光荣表示，公司将扩产。据悉王光荣早年在深圳创业。特朗普称，唐纳德·特朗普周一表示"
    doc = Document(text)
    doc.norm = text
    doc.entities = [doc.entity("PERSON", 0, 3, source="rules"),
                    doc.entity("PERSON", text.index("特朗普"), text.index("特朗普") + 3, source="rules")]
    doc = make_propagate(None, transliterations=False)(doc)
    persons = sorted((e.start, e.text) for e in doc.entities if e.type == "PERSON")
    assert persons == [(0, "王光荣"), (text.index("王光荣", 3), "王光荣"), (text.index("特朗普"), "特朗普")]


def test_a_company_name_overrides_an_echoed_sector_inside_it():
    from extract.doc import Document
    from extract.stages.propagate import make_propagate
    from extract.textnorm import normalize
    text = "东信营销向港交所递表。东信营销的营销收入增长"
    d = Document(text)
    d.norm, d.script = normalize(text)
    d.entities = [d.entity("COMPANY", 0, 4, source="ner")]
    s = text.rindex("东信营销") + 2
    d.entities.append(d.entity("INDUSTRY", s, s + 2, source="echo"))
    kept = d.entity("INDUSTRY", text.rindex("营销"), text.rindex("营销") + 2, source="echo")
    d.entities.append(kept)
    out = make_propagate(None)(d)
    got = [(e.type, e.text) for e in out.entities]
    assert got == [("COMPANY", "东信营销"), ("COMPANY", "东信营销"), ("INDUSTRY", "营销")]


def test_two_character_names_spread_with_short_names():
    """short_names (the shipped setting since 2026-12-06): a two-character name found once is tagged where it
    recurs, but not one the model cut short (乐舒 of 乐舒适, followed by the same character at every occurrence) nor
    one before a model number (小鹏X9: the car)."""
    from extract.stages.propagate import make_propagate
    text = "古驰业绩下滑。探究古驰的根源，古驰正处于转型期。"
    got = make_propagate(None, short_names=True)(_doc(text, [("COMPANY", 0, 2, "ner")]))
    assert [e.start for e in got.entities] == [m for m in range(len(text)) if text.startswith("古驰", m)]
    assert len(make_propagate(None)(_doc(text, [("COMPANY", 0, 2, "ner")])).entities) == 1  # off: as before
    text = "乐舒适向港交所递交招股书。乐舒适在非洲市场领先，乐舒的营收增长。"  # (适 after every 乐舒: cut_short_names grows it)
    assert len(make_propagate(None, short_names=True)(_doc(text, [("COMPANY", 0, 2, "ner")])).entities) == 1
    text = "小鹏发布新车。小鹏X9成为行业爆款。"
    assert len(make_propagate(None, short_names=True)(_doc(text, [("COMPANY", 0, 2, "ner")])).entities) == 1


def test_a_short_name_is_judged_once_per_document(monkeypatch):
    """The truncation check scans the whole text, so it runs once per name, not once per mention (a 1M-character
    text with a name at every line took 10 s in propagate before)."""
    import extract.stages.propagate as prop
    calls = []
    real = prop._truncated
    monkeypatch.setattr(prop, "_truncated", lambda norm, name: calls.append(name) or real(norm, name))
    text = "古驰业绩下滑。" * 200
    spans = [("COMPANY", i * 7, i * 7 + 2, "ner") for i in range(200)]
    out = prop.make_propagate(None, short_names=True)(_doc(text, spans))
    assert len(out.entities) == 200 and calls == ["古驰"]


def _counted(text, names, ranks):
    """A document of ``text`` with ``names`` [(name, type)] tagged at their first occurrence and ``ranks`` [(text,
    attrs)] as RANK entities, through :func:`counted_lists` with the shipped data."""
    import re
    from extract.stages.propagate import counted_lists
    from extract.stages.recognizers._data import load_rules
    spans = []
    for n, t in names:
        k = text.index(n)
        spans.append((t, k, k + len(n), "ner"))
    doc = _doc(text, spans)
    for r, attrs in ranks:
        k = text.index(r)
        doc.entities.append(doc.entity("RANK", k, k + len(r), attrs=attrs, source="rules"))
    data = load_rules("propagate")["counted_lists"]
    counted_lists(doc, re.compile(data["intro"]), re.compile(data["verbs_before"]), data["max_item"])
    return sorted((e.text, e.type) for e in doc.entities if e.type != "RANK")


def test_a_ranked_list_of_exactly_n_items_gives_the_untagged_ones_the_type_of_the_others():
    text = "涨幅前五为汇洲智能、卧龙电气、鸣志电器、爱旭股份、英搏尔；"
    got = _counted(text, [("卧龙", "LOC"), ("鸣志电器", "COMPANY"), ("爱旭股份", "COMPANY")], [("前五", {"top": 5})])
    assert got == sorted([("汇洲智能", "COMPANY"), ("卧龙电气", "COMPANY"), ("鸣志电器", "COMPANY"),
                          ("爱旭股份", "COMPANY"), ("英搏尔", "COMPANY")])
    # the items before the rank's verb, each with its own figure; a range rank counts its places; 及 joins the last
    text = "并行科技+85.50%、华阳变速+69.10%、慧为智能+45.59%位列涨幅前三。"
    got = _counted(text, [("华阳", "COMPANY"), ("慧为智能", "COMPANY"), ("并行科技", "COMPANY")], [("前三", {"top": 3})])
    assert ("华阳变速", "COMPANY") in got and ("华阳", "COMPANY") not in got
    text = "第5至7名依次为新加坡航空（Singapore Airlines）、澳洲航空（Qantas）及日本航空。"
    got = _counted(text, [("新加坡", "LOC"), ("澳洲航空", "COMPANY"), ("日本航空", "COMPANY")],
                   [("第5至7名", {"rank": 5, "to": 7})])
    assert ("新加坡航空", "COMPANY") in got and ("新加坡", "LOC") not in got
    # an item too long for a name that a tagged name ends (a quoted descriptor, then the name) stands for that name
    text = "前五大买入标的分别是：SPDR标普500指数ETF、“AI超级大牛股”Applovin(APP.US)、AT&T、eBay和PayPal。"
    got = _counted(text, [("Applovin", "COMPANY"), ("AT&T", "COMPANY"), ("PayPal", "COMPANY")], [("前五大", {"top": 5})])
    assert ("SPDR标普500指数ETF", "COMPANY") in got and ("eBay", "COMPANY") in got
    # pairs joined by 与/和 inside the list make up the count; a Latin word counts as one unit of a name's length
    text = "桥水的前五大持仓标的分别是SPDR标普500ETF信托（SPY）、iShares核心标普500ETF（IVV）与iShares核心MSCI新兴市场ETF、谷歌A和英伟达。"
    got = _counted(text, [("谷歌", "COMPANY"), ("英伟达", "COMPANY")], [("前五大", {"top": 5})])
    assert ("iShares核心标普500ETF", "COMPANY") in got and ("iShares核心MSCI新兴市场ETF", "COMPANY") in got
    assert ("谷歌A", "COMPANY") in got and ("谷歌", "COMPANY") not in got


def test_a_ranked_list_of_bond_short_names_gives_each_a_name():
    import re
    from extract.stages.propagate import counted_lists, counted_patterns
    text = "今日交易所市场非金信用债跌幅排行前五的分别是：H9龙控01、20阳城04、PR沛经01、22万科02、22珠华Y1。"
    k = text.index("前五")
    doc = _doc(text, [("LOC", text.index("阳城"), text.index("阳城") + 2, "ner")])
    doc.entities.append(doc.entity("RANK", k, k + 2, attrs={"top": 5}, source="rules"))
    counted_lists(doc, *counted_patterns())
    assert [e.text for e in doc.entities if e.type == "COMPANY"] == ["H9龙控01", "20阳城04", "PR沛经01", "22万科02", "22珠华Y1"]
    # items that are no bond names (no series) stay untyped
    text = "今日涨幅排行前三的分别是：龙控、阳城、沛经。"
    doc = _doc(text, [])
    doc.entities.append(doc.entity("RANK", text.index("前三"), text.index("前三") + 2, attrs={"top": 3}, source="rules"))
    counted_lists(doc, *counted_patterns())
    assert [e.type for e in doc.entities] == ["RANK"]


def test_a_ranked_list_is_left_alone_unless_it_holds_exactly_n_items_and_two_of_a_type():
    names = [("鸣志电器", "COMPANY"), ("爱旭股份", "COMPANY")]
    text = "涨幅前五为汇洲智能、鸣志电器、爱旭股份；"  # three items of a top five
    assert _counted(text, names, [("前五", {"top": 5})]) == sorted(names)
    text = "涨幅前二为汇洲智能、鸣志电器；"  # one tagged item of two (three or more items: one is enough)
    assert _counted(text, names[:1], [("前二", {"top": 2})]) == names[:1]
    text = "涨幅前三为汇洲智能、鸣志电器、甲乙丙；"
    assert len(_counted(text, names[:1], [("前三", {"top": 3})])) == 3
    # an item that ends with a name keeps it (a descriptor before it); an item of two names stays as it is
    text = "前四依次为美国连锁卖场沃尔玛、三星、苹果、杨建文和林惠英夫妇。"
    names = [("沃尔玛", "COMPANY"), ("三星", "COMPANY"), ("苹果", "COMPANY"), ("杨建文", "PERSON"), ("林惠英", "PERSON")]
    assert _counted(text, names, [("前四", {"top": 4})]) == sorted(names)


@pytest.mark.parametrize("text, full, stem_kept", [
    ("今日上市的御佳控股公布结果。御佳公开发售股份最终为1.5亿股。", "御佳控股", True),
    ("星河电器集团发布财报。星河电器营收增长。", "星河电器集团", True),
    ("两大集团合并。两大阵营对峙。", "两大集团", False),  # a count, no name
    ("上海集团发布公告。上海经济增长。", "上海集团", False),  # a place
    ("物美集团发布公告。年轻人去看看物美。", "物美集团", True),  # a rarer dictionary word (物美价廉) still spreads
    ("汽车集团发布公告。年轻人去看看汽车。", "汽车集团", False),  # an ordinary word stays out
])
def test_a_company_name_without_its_legal_suffix_is_the_company(text, full, stem_kept):
    """propagate _stem: 御佳控股 … 御佳 spreads the name without 控股 / 集团 / 股份 / 有限公司."""
    from extract.stages.propagate import make_propagate
    a = text.index(full)
    spans = [("COMPANY", a, a + len(full), "ner")]
    if full == "上海集团":
        b = text.index("上海", a + 1)
        spans.append(("LOC", b, b + 2, "gazetteer"))
    stem = full[:2] if full != "星河电器集团" else "星河电器"
    doc = make_propagate(None)(_doc(text, spans))
    b = text.index(stem, a + len(full))
    assert (("COMPANY", b, b + len(stem)) in {(e.type, e.start, e.end) for e in doc.entities}) is stem_kept


def test_a_name_of_the_document_wins_over_a_shorter_place_inside_it():
    """propagate: where 亚洲资源 recurs, the place 亚洲 inside it gives way; a place as long as the name stays."""
    from extract.stages.propagate import make_propagate
    text = "亚洲资源发布公告。亚洲资源董事会批准配售。亚洲经济增长。"
    a, b, c = 0, text.index("亚洲资源", 1), text.index("亚洲经济")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 4, "rules"), ("LOC", b, b + 2, "gazetteer"),
                                           ("LOC", c, c + 2, "gazetteer")]))
    got = {(e.type, e.start, e.end) for e in doc.entities}
    assert ("COMPANY", b, b + 4) in got and ("LOC", b, b + 2) not in got
    assert ("LOC", c, c + 2) in got  # 亚洲经济: no name there
    text = "龙湖发布公告。龙湖位于重庆。"
    d = text.index("龙湖", 1)
    doc = make_propagate(None)(_doc(text, [("COMPANY", 0, 2, "rules"), ("LOC", d, d + 2, "gazetteer")]))
    assert ("LOC", d, d + 2) in {(e.type, e.start, e.end) for e in doc.entities}  # as long as the name: stays


@pytest.mark.parametrize("text, name, inner", [
    ("36氪获悉，「两只兔子Buddy Buzzy」已完成规模亿元级的新一轮融资。", "两只兔子Buddy Buzzy", "Buddy Buzzy"),
    ("老牌国货复兴“活力28”获数千万元融资", "活力28", None),
])
def test_a_quoted_name_before_a_raise_is_the_raising_company(text, name, inner):
    from extract.stages.propagate import make_propagate
    s = text.index(name)
    spans = [("COMPANY", text.index(inner), text.index(inner) + len(inner), "ner")] if inner else []
    doc = make_propagate(None)(_doc(text, spans))
    got = [(e.type, e.text) for e in doc.entities]
    assert ("COMPANY", name) in got and s >= 0
    assert inner is None or ("COMPANY", inner) not in got


@pytest.mark.parametrize("text", [
    "这一概念“拥抱国资”获得了市场认可。",         # no raise named
    "“IP经济”再获关注，票房增长。",               # no raise named
    "据“晚点”报道，该公司获数千万元融资。",       # the quote is not right before the verb
])
def test_a_quoted_word_without_a_raise_right_after_it_stays_untagged(text):
    from extract.stages.propagate import make_propagate
    doc = make_propagate(None)(_doc(text, []))
    assert not [e for e in doc.entities if e.type == "COMPANY"]


def test_a_name_alone_on_its_line_with_a_stock_code_is_a_company():
    from extract.stages.propagate import make_propagate
    text = "新股暗盤表現\n匯銀(1280)\n招股價:0.5元\n泰坦（2188）\n招股價:1.18元\n據悉(2024)年報顯示營收增長"
    doc = make_propagate(None)(_doc(text, []))
    got = [(e.type, e.text) for e in doc.entities]
    assert ("COMPANY", "匯銀") in got and ("COMPANY", "泰坦") in got
    assert not any(t == "據悉" or "年報" in t for _, t in got)  # the code must end the line


def test_an_untagged_acronym_in_brackets_after_a_body_is_that_body():
    from extract.stages.propagate import glossed_names
    text = "美国疾控中心（CDC）称，苹果（AAPL）涨，证券交易委员会(SEC)与甲乙局（Foo bar）。"
    cdc, sec = text.index("美国"), text.index("证券")
    doc = _doc(text, [("ORG", cdc + 2, cdc + 6, "ner"), ("COMPANY", text.index("苹果"), text.index("苹果") + 2, "ner"),
                      ("ORG", sec, sec + 7, "ner"), ("ORG", text.index("甲乙"), text.index("甲乙") + 3, "ner")])
    glossed_names(doc)
    assert [(e.text, e.type) for e in doc.entities if e.source == "gloss"] == [("CDC", "ORG"), ("SEC", "ORG")]
    # a company's bracketed ticker stays untagged; a phrase in brackets is no acronym


def test_the_name_an_index_name_starts_with_is_no_entity():
    from extract.stages.propagate import index_names
    text = "创业板指下跌1.43%，納斯達克綜合指數收跌，密歇根大学消费者信心指数初值，甲乙首份经济指数报告，丙丁指，需求回暖。"
    spans = [("ORG", "创业板"), ("ORG", "納斯達克"), ("ORG", "密歇根大学"), ("COMPANY", "甲乙"), ("COMPANY", "丙丁")]
    doc = _doc(text, [(t, text.index(w), text.index(w) + len(w), "ner") for t, w in spans])
    index_names(doc)
    # a survey's maker and a name before a report on an index stay; 丙丁指， is "丙丁 says"
    assert [e.text for e in doc.entities] == ["密歇根大学", "甲乙", "丙丁"]


def _spans(text, *parts):
    """(type, start, end, 'ner') of each (type, substring) in ``parts``, each found after the one before."""
    out, at = [], 0
    for t, s in parts:
        a = text.index(s, at)
        out.append((t, a, a + len(s), "ner"))
        at = a + len(s)
    return out


def test_a_branch_named_by_its_place_is_one_company_and_a_city_branch_is_not():
    from extract.stages.propagate import branch_names
    text = ("高盛（中国）证券上海浦东新区世纪大道证券营业部买入，卖方为上海银城中路证券营业部、国泰君安证券成都北一环路、"
            "中国电信股份有限公司温州分公司；东财拉萨营业部长期上榜。")
    doc = _doc(text, _spans(text, ("ORG", "高盛（中国）证券"), ("LOC", "上海浦东新区"), ("ORG", "世纪大道证券营业部"),
                            ("LOC", "上海"), ("ORG", "银城中路证券营业部"), ("ORG", "国泰君安证券"), ("LOC", "成都北一环路"),
                            ("COMPANY", "中国电信股份有限公司"), ("COMPANY", "温州分公司"), ("COMPANY", "东财"),
                            ("LOC", "拉萨")))
    branch_names(doc)
    got = [(e.type, e.text) for e in doc.entities]
    for name in ("高盛（中国）证券上海浦东新区世纪大道证券营业部", "上海银城中路证券营业部", "国泰君安证券成都北一环路",
                 "中国电信股份有限公司温州分公司"):
        assert ("COMPANY", name) in got
    assert ("COMPANY", "东财") in got and ("LOC", "拉萨") in got  # a 营业部 named by a city only: no name
    assert not any(t in ("上海浦东新区", "成都北一环路", "温州分公司") for _, t in got)


def test_a_latin_alias_in_brackets_after_a_person_is_the_person():
    """(propagate.v1) 唐纳德·特朗普（DonaldTrump）: the alias typed COMPANY becomes PERSON; after a COMPANY it stays."""
    from extract.doc import Document
    from extract.stages.propagate import person_aliases
    from extract.textnorm import normalize
    text = "唐纳德·特朗普（DonaldTrump）入主白宫，微软（Microsoft）"
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("PERSON", 0, 7, source="ner"), d.entity("COMPANY", 8, 19, source="ner"),
                  d.entity("COMPANY", 25, 27, source="ner"), d.entity("COMPANY", 28, 37, source="ner")]
    person_aliases(d)
    assert [(e.text, e.type) for e in d.entities] == [("唐纳德·特朗普", "PERSON"), ("DonaldTrump", "PERSON"),
                                                      ("微软", "COMPANY"), ("Microsoft", "COMPANY")]


def test_a_place_before_an_untagged_body_name_is_the_body():
    """0p place_bodies, untagged: 重庆市|人民政府办公厅, 新疆|艺术学院, 巴南区|招商投资局 with nothing tagged after the place
    are one ORG each; 越南|的投资布局 (no head), 法国|政局 (bare 局), 哈萨克斯坦|…大学 (a country) stay places."""
    from extract.stages.propagate import make_propagate
    text = "重庆市人民政府办公厅印发，新疆艺术学院演出，巴南区招商投资局称，越南的投资布局，法国政局，哈萨克斯坦纳扎尔巴耶夫大学。"
    spans = [("LOC", text.index(p), text.index(p) + len(p), "ner")
             for p in ("重庆市", "新疆", "巴南区", "越南", "法国", "哈萨克斯坦")]
    doc = make_propagate(None)(_doc(text, spans))
    assert [(e.type, e.text) for e in doc.entities if e.type in ("ORG", "LOC")] == [
        ("ORG", "重庆市人民政府办公厅"), ("ORG", "新疆艺术学院"), ("ORG", "巴南区招商投资局"), ("LOC", "越南"), ("LOC", "法国"),
        ("LOC", "哈萨克斯坦")]


def test_a_sector_or_org_read_inside_the_untagged_body_joins_it():
    """0p place_bodies, untagged: a sector or ORG the NER read inside the body (中国|商业|经济学会, 伦敦|黄金|市场协会,
    重庆|仲裁委) is absorbed into the one ORG; a PERSON there (北京|张三|大学) or an entity running past the head keeps it apart
    (上海|档案馆二楼, then one LOC: sub_places)."""
    from extract.stages.propagate import make_propagate
    text = "中国商业经济学会副会长称，伦敦黄金市场协会数据，重庆仲裁委受理，北京张三大学，上海档案馆二楼。"
    def at(w):
        return text.index(w), text.index(w) + len(w)
    spans = [("LOC",) + at(p) + ("ner",) for p in ("中国", "伦敦", "重庆", "北京", "上海")]
    spans += [("INDUSTRY",) + at("商业") + ("ner",), ("INDUSTRY",) + at("黄金") + ("ner",), ("ORG",) + at("仲裁委") + ("ner",),
              ("PERSON",) + at("张三") + ("ner",), ("LOC",) + at("档案馆二楼") + ("ner",)]
    doc = make_propagate(None)(_doc(text, spans))
    assert sorted((e.type, e.text) for e in doc.entities) == sorted([
        ("ORG", "中国商业经济学会"), ("ORG", "伦敦黄金市场协会"), ("ORG", "重庆仲裁委"), ("LOC", "北京"), ("PERSON", "张三"),
        ("LOC", "上海档案馆二楼")])  # kept apart from the ORG, the place then holds it (sub_places)


def test_a_latin_model_name_spreads_where_the_model_tagged_most_of_it():
    """A one-word Latin COMPANY the model tagged at more than half of its mentions is tagged at the others (TRESIO),
    not inside a longer Latin word (TRESIOS); tagged at half of them or fewer, it stays where the model put it."""
    from extract.stages.propagate import make_propagate
    text = "TRESIO开发了软件。TRESIO的功能很多。图源TRESIO。企业可以在TRESIO运行方案。TRESIOS不是它。"
    ats = [i for i in range(len(text)) if text.startswith("TRESIO", i)]  # 5, the last inside TRESIOS
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 6, "ner") for a in ats[:3]]))
    assert sorted(e.start for e in doc.entities) == ats[:4]
    text = text.replace("TRESIOS", "TRESIO。")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 6, "ner") for a in ats[:2]]))
    assert sorted(e.start for e in doc.entities) == ats[:2]  # 2 of 5


def test_a_province_before_a_chinese_company_is_part_of_its_name():
    """重庆|新牛瀚虹 → 重庆新牛瀚虹, 中国|一汽 → 中国一汽; 台湾 (a region label there) and a Latin name stay apart."""
    from extract.stages.propagate import province_companies
    for text, place, firm, whole in (("新乳业将所持重庆新牛瀚虹股权转手", "重庆", "新牛瀚虹", True),
                                     ("其中，中国一汽拟投资控股", "中国", "一汽", True),
                                     ("包括台湾富邦金融的蔡氏家族", "台湾", "富邦金融", False),
                                     ("另一边，中国DeepSeek相关主题", "中国", "DeepSeek", False)):
        a, b = text.index(place), text.index(firm)
        doc = _doc(text, [("LOC", a, b, "gazetteer"), ("COMPANY", b, b + len(firm), "ner")])
        province_companies(doc)
        got = [(e.type, e.start, e.end) for e in doc.entities]
        assert got == ([("COMPANY", a, b + len(firm))] if whole else
                       [("LOC", a, b), ("COMPANY", b, b + len(firm))]), text


def test_a_place_before_a_named_fund_starts_the_fund():
    """0r place_funds: 北京经济技术开发区|产业升级股权投资基金 and 盐城…|鑫顺向海数实融合产业基金 (a COMPANY inside) are one
    COMPANY each; 郑州等多地母基金 (等) and 100亿产业基金 (no place) stay as they are."""
    from extract.stages.propagate import make_propagate
    text = ("北京经济技术开发区产业升级股权投资基金参与本轮投资，由光速光合领投，盐城经济技术开发区鑫顺向海数实融合产业基金跟投。"
            "佛山、郑州等多地母基金宣布设立，还设立了100亿产业基金。")
    spans = []
    for part, type_ in (("北京经济技术开发区", "LOC"), ("盐城经济技术开发区", "LOC"), ("盐城经济技术开发区鑫顺", "COMPANY"),
                        ("光速光合", "COMPANY"), ("郑州", "LOC"), ("佛山", "LOC")):
        i = text.index(part)
        spans.append((type_, i, i + len(part), "ner"))
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted((e.type, e.text) for e in doc.entities)
    assert got == [("COMPANY", "光速光合"), ("COMPANY", "北京经济技术开发区产业升级股权投资基金"),
                   ("COMPANY", "盐城经济技术开发区鑫顺向海数实融合产业基金"), ("LOC", "佛山"), ("LOC", "郑州")]


def test_a_company_before_a_fund_name_is_the_fund():
    """0s company_funds: 永赢|先进制造智选混合基金 (a sector inside) and 三星|催化基金 are one COMPANY each; 墨云科技完成嘉御基金
    (a verb inside), 苏州天使母基金|合作子基金 (the company already a fund) and Pershing Square對沖基金 (Latin) stay apart."""
    from extract.stages.propagate import make_propagate
    text = "以永赢先进制造智选混合基金为例，由思科投资、三星催化基金领投，墨云科技完成嘉御基金领投，苏州天使母基金合作子基金，Pershing Square對沖基金。"
    spans = []
    for part, type_ in (("永赢", "COMPANY"), ("先进制造", "INDUSTRY"), ("思科投资", "COMPANY"), ("三星", "COMPANY"),
                        ("墨云科技", "COMPANY"), ("苏州天使母基金", "COMPANY"), ("Pershing Square", "COMPANY")):
        i = text.index(part)
        spans.append((type_, i, i + len(part), "ner"))
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted(e.text for e in doc.entities if e.type == "COMPANY")
    assert got == sorted(["永赢先进制造智选混合基金", "思科投资", "三星催化基金", "墨云科技", "苏州天使母基金", "Pershing Square"])


def test_a_product_fund_name_is_one_company():
    """0t product_funds: 银华数字经济股票基金 (read ORG), 鹏华|碳中和|主题基金 and 新能源汽车|主题基金 (sectors inside, the second
    not grown into the first), 通过|农业ETF联接基金 (a cue; the sector inside) and 以|永赢|先进制造智选混合基金 (the name
    read elsewhere) are one COMPANY each; 中國股票基金 (2 characters) and 相关场外指数基金
    (场外) stay as they are."""
    from extract.stages.propagate import make_propagate
    text = ("银华数字经济股票基金则重点。在鹏华碳中和主题基金和新能源汽车主题基金4季度报。通过农业ETF联接基金（01。"
            "增持中國股票基金。相关场外指数基金。永赢先进制造智选混合基金净值。以永赢先进制造智选混合基金为例。")
    spans = []
    for part, type_ in (("银华数字经济股票基金", "ORG"), ("鹏华", "COMPANY"), ("碳中和", "INDUSTRY"),
                        ("新能源汽车", "INDUSTRY"), ("农业", "INDUSTRY"), ("中國", "LOC"), ("相关", "INDUSTRY"),
                        ("永赢先进制造智选混合基金", "COMPANY")):
        i = text.index(part)
        spans.append((type_, i, i + len(part), "ner"))
    i = text.rindex("先进制造")
    spans.append(("INDUSTRY", i, i + 4, "ner"))
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted((e.type, e.text) for e in doc.entities)
    assert got == sorted([("COMPANY", "银华数字经济股票基金"), ("COMPANY", "鹏华碳中和主题基金"), ("COMPANY", "新能源汽车主题基金"),
                          ("COMPANY", "农业ETF联接基金"), ("LOC", "中國"), ("INDUSTRY", "相关"),
                          ("COMPANY", "永赢先进制造智选混合基金"), ("COMPANY", "永赢先进制造智选混合基金")])


def test_a_name_cut_one_character_short_grows_over_it():
    """0b cut_short_names: 乐舒|适 (适 after every 乐舒, the next character varying) grows to 乐舒适; 保时捷|全新 (新 after
    every 全 too) and 周大福|的 (a function word) stay."""
    from extract.stages.propagate import make_propagate
    text = "乐舒适在非洲领先。乐舒适营收增长，保时捷全新718发布，保时捷全新车型，周大福的毛利率，周大福的市盈率。"
    spans = []
    for part in ("乐舒", "保时捷", "周大福"):
        for k in (text.index(part), text.rindex(part)):
            spans.append(("COMPANY", k, k + len(part), "ner"))
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted(e.text for e in doc.entities if e.type == "COMPANY")
    assert got == sorted(["乐舒适", "乐舒适", "保时捷", "保时捷", "周大福", "周大福"])


def test_a_two_character_person_cut_one_character_short_grows_over_it():
    """0b cut_short_names for PERSONs of two Han characters: 武超|则 (则 after every 武超, the next character varying)
    grows to 武超则;
    a three-character 陈恒鑌|指 is left as it is."""
    from extract.stages.propagate import make_propagate
    text = "分析师武超则和同事发言。武超则：国产算力。陈恒鑌指营办商，陈恒鑌指收费。"
    spans = []
    for part in ("武超", "陈恒鑌"):
        for k in (text.index(part), text.rindex(part)):
            spans.append(("PERSON", k, k + len(part), "ner"))
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted(e.text for e in doc.entities if e.type == "PERSON")
    assert got == sorted(["武超则", "武超则", "陈恒鑌", "陈恒鑌"])


def test_a_function_word_glued_before_a_name_goes():
    """0a' glued_leading_words: 因|京東 and 傳|輝達 (the rest a name elsewhere in the document) lose the word;
    因美纳, 传奇生物 and 向堡獅龍購, whose rest is no name of the document, stay."""
    from extract.stages.propagate import make_propagate
    text = "股價因京東入局下跌。京東外賣擴張。傳輝達將投資，輝達回應。因美纳发布测序仪，传奇生物获批。向堡獅龍購貨，堡獅龍回應。"
    spans = [("COMPANY", text.index(p), text.index(p) + len(p), "ner")
             for p in ("因京東", "傳輝達", "因美纳", "传奇生物", "向堡獅龍購")]
    spans += [("COMPANY", text.rindex(p), text.rindex(p) + len(p), "ner") for p in ("京東", "輝達", "堡獅龍")]
    doc = make_propagate(None)(_doc(text, spans))
    got = {e.text for e in doc.entities if e.type == "COMPANY"}
    assert {"京東", "輝達", "因美纳", "传奇生物", "向堡獅龍購"} <= got and not {"因京東", "傳輝達", "堡獅龍購"} & got


def test_a_name_grown_or_added_after_the_filter_takes_in_its_region_word():
    """0b' region_arms (GUIDELINES R13): 普华永|道 grown by cut_short_names before 中国 (a LOC) becomes 普华永道中国 and the
    place goes; a Latin name before 香港 too; 苹果 before 中国区 (a market, not_before) stays."""
    from extract.stages.propagate import make_propagate
    text = "普华永道中国裁员。普华永道表示，普华永道中国重塑业务，Linkedln香港总经理说，苹果中国区销量。"
    spans = []
    for k in (text.index("普华永"), text.rindex("普华永")):
        spans += [("COMPANY", k, k + 3, "ner"), ("LOC", k + 4, k + 6, "gazetteer")]
    k = text.index("Linkedln")
    spans += [("COMPANY", k, k + 8, "latin"), ("LOC", k + 8, k + 10, "gazetteer")]
    k = text.index("苹果")
    spans += [("COMPANY", k, k + 2, "ner")]
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted(e.text for e in doc.entities if e.type == "COMPANY")
    assert got == sorted(["普华永道中国", "普华永道中国", "Linkedln香港", "苹果"])
    assert not [e for e in doc.entities if e.type == "LOC"]


def test_china_or_hong_kong_before_a_ministry_or_agency_is_a_place_of_its_own():
    """0h home_agencies (GUIDELINES M13, propagate.json _why_home_agencies): 中國|金融監管總局, 中国|国务院关税税则委员会,
    香港|政府统计处 and 中国|央行 split; 中国证监会, 中国人民银行, 香港特区政府, 中国政府 and a company stay whole."""
    from extract.stages.propagate import home_agencies
    from extract.stages.recognizers._data import load_rules
    rule = load_rules("propagate")["home_agencies"]
    names = ["中國金融監管總局", "中国国务院关税税则委员会", "香港政府统计处", "中国央行", "中国证监会", "中国人民银行",
             "香港特区政府", "中国政府", "中国铁道总公司"]
    doc = _listed_orgs(names)
    home_agencies(doc, rule)
    got = [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start)]
    assert got == [("中國", "LOC"), ("金融監管總局", "ORG"), ("中国", "LOC"), ("国务院关税税则委员会", "ORG"),
                   ("香港", "LOC"), ("政府统计处", "ORG"), ("中国", "LOC"), ("央行", "ORG"), ("中国证监会", "ORG"),
                   ("中国人民银行", "ORG"), ("香港特区政府", "ORG"), ("中国政府", "ORG"), ("中国铁道总公司", "ORG")]


def test_a_degree_or_study_word_after_a_school_is_outside_the_org():
    """0q degree_tails (propagate.json _why_degree_words): 中国人民大学财务会计专业经济学学士 → 中国人民大学, 清华大学计算机系学士
    → 清华大学计算机系, 浙江大学研究生 → 浙江大学; 香港中文大学 and 中国证监会 stay as they are."""
    import re
    from extract.stages.propagate import degree_tails
    from extract.stages.recognizers._data import alternation, load_rules
    data = load_rules("propagate")
    names = ["中国人民大学财务会计专业经济学学士", "清华大学计算机系学士", "浙江大学研究生", "香港中文大学", "中国证监会"]
    doc = _listed_orgs(names)
    degree_tails(doc, re.compile(alternation(data["degree_words"])), re.compile(alternation(data["school_heads"])))
    got = [e.text for e in sorted(doc.entities, key=lambda e: e.start)]
    assert got == ["中国人民大学", "清华大学计算机系", "浙江大学", "香港中文大学", "中国证监会"]


def test_a_universitys_unit_after_it_is_part_of_the_org():
    """0r school_units: 浙江大学|计算机学院 and 早稻田大学|政治经济系 grow into one ORG; 上海交通大学等实验室 (a list's 等) and
    复旦大学公共关系 (关系 is no department) stay as they are."""
    from extract.stages.propagate import school_units
    text = "浙江大学计算机学院，早稻田大学政治经济系，上海交通大学等实验室，复旦大学公共关系专业"
    spans = [("ORG", text.index(n), text.index(n) + len(n), "ner") for n in ["浙江大学", "早稻田大学", "上海交通大学", "复旦大学"]]
    doc = _doc(text, spans)
    school_units(doc)
    assert [e.text for e in sorted(doc.entities, key=lambda e: e.start)] == ["浙江大学计算机学院", "早稻田大学政治经济系",
                                                                            "上海交通大学", "复旦大学"]


def test_an_untagged_body_before_a_bracketed_acronym_is_an_org():
    """0d0 acronym_bodies: 获得|国家药品监督管理局（NMPA）, 英国|竞争和市场管理局（CMA） and 据|知识产权创新与竞争研究中心（CUPL） are
    ORGs from the verb, the place or the preposition before them on (glossed_names then tags the acronym); 数据中心（IDC） and
    a three-character 投资局（INA） stay untagged."""
    from extract.stages.propagate import acronym_bodies, glossed_names
    text = "机器人获得国家药品监督管理局（NMPA）批准，英国竞争和市场管理局（CMA）批准，据知识产权创新与竞争研究中心（CUPL）消息，用于数据中心（IDC），印尼投资局（INA）"
    spans = [("LOC", text.index("英国"), text.index("英国") + 2, "ner"), ("LOC", text.index("印尼"), text.index("印尼") + 2, "ner")]
    doc = _doc(text, spans)
    acronym_bodies(doc)
    glossed_names(doc)
    assert [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start)] == [
        ("国家药品监督管理局", "ORG"), ("NMPA", "ORG"), ("英国", "LOC"), ("竞争和市场管理局", "ORG"), ("CMA", "ORG"),
        ("知识产权创新与竞争研究中心", "ORG"), ("CUPL", "ORG"), ("印尼", "LOC")]
    doc = _doc("深化大企业开放创新中心(GOI)计划", [])
    acronym_bodies(doc)
    assert doc.entities == []


def test_an_untagged_board_alone_is_an_org():
    """0k2 board_names: 主板 and GEM板 standing alone and untagged are ORGs; 聯交所主板's board (a name's end), 科创板人工智能指数
    and 科创板人工智能ETF (an index's or a fund's name) and 主板块 (a sector) stay untagged."""
    from extract.stages.propagate import board_names
    text = "報5286點。主板成交額近2425億元，提升 GEM板的吸引力，於聯交所主板買賣，科创板人工智能指数、科创板人工智能ETF，主板块走弱"
    doc = _doc(text, [])
    board_names(doc)
    assert [(e.text, e.type) for e in doc.entities] == [("主板", "ORG"), ("GEM板", "ORG")]


def test_a_market_word_before_a_board_is_outside_it():
    """0k2 board_names: 港股|主板 and A股|创业板 tagged whole are the board alone; 港交所主板 (an exchange's) stays whole."""
    from extract.stages.propagate import board_names
    text = "在港股主板上市，登陆A股创业板，于港交所主板挂牌"
    a, b, c = text.index("港股"), text.index("A股"), text.index("港交所")
    doc = _doc(text, [("ORG", a, a + 4, "ner"), ("ORG", b, b + 5, "ner"), ("ORG", c, c + 5, "ner")])
    board_names(doc)
    assert [(e.text, e.type) for e in doc.entities] == [("主板", "ORG"), ("创业板", "ORG"), ("港交所主板", "ORG")]


def test_an_acronym_and_plus_is_one_alliance():
    """0k3 plus_alliances: OPEC|+ and OPEC+联盟 are ORG OPEC+; OPEC alone and an ORG ending before +1 stay as they are."""
    from extract.stages.propagate import plus_alliances
    text = "OPEC+可能减产，OPEC+联盟修改，OPEC预测，EIA+1"
    a, b, c, d = 0, text.index("OPEC+联"), text.index("OPEC预"), text.index("EIA")
    doc = _doc(text, [("ORG", a, a + 4, "ner"), ("ORG", b, b + 7, "ner"), ("ORG", c, c + 4, "ner"),
                      ("ORG", d, d + 3, "ner")])
    plus_alliances(doc)
    assert [e.text for e in doc.entities] == ["OPEC+", "OPEC+", "OPEC", "EIA"]


def test_a_place_before_a_zone_head_is_the_zone():
    """0z zone_names: 中关村|示范区, 唐山|沿海经济带 and 华南|先进装备|产业园 are one LOC each (the INDUSTRY between goes);
    经济带来 (brings) and a zone head inside a longer body (合作區管委會) leave the place alone."""
    from extract.stages.propagate import make_propagate
    text = "成为中关村示范区，唐山沿海经济带作为，落户华南先进装备产业园，中國經濟帶來影响，橫琴合作區管委會称。"
    a, b, c = text.index("中关村"), text.index("唐山"), text.index("华南")
    d, g = text.index("中國"), text.index("橫琴")
    doc = make_propagate(None)(_doc(text, [
        ("LOC", a, a + 3, "ner"), ("LOC", b, b + 2, "ner"), ("LOC", c, c + 2, "ner"),
        ("INDUSTRY", c + 4, c + 6, "ner"), ("LOC", d, d + 2, "ner"), ("LOC", g, g + 2, "ner"),
        ("ORG", g + 2, g + 8, "ner")]))
    got = {(e.type, e.text) for e in doc.entities}
    assert {("LOC", "中关村示范区"), ("LOC", "唐山沿海经济带"), ("LOC", "华南先进装备产业园"), ("LOC", "中國"),
            ("LOC", "橫琴")} <= got
    assert ("INDUSTRY", "装备") not in got


def test_a_place_before_a_carrier_head_is_the_company():
    """0b governed_names: 澳洲|电讯, 意大利|电信, 香港|宽频 and 紐西蘭|航空 are COMPANYs (a national carrier); 英国|电信设备 and
    美国|航空业 (a sector after the head) keep the place."""
    from extract.stages.propagate import make_propagate
    text = "澳洲电讯和意大利电信，香港宽频半日收報，紐西蘭航空，英国电信设备公司，美国航空业"
    spans = [("LOC", text.index(p), text.index(p) + len(p), "ner") for p in ("澳洲", "意大利", "香港", "紐西蘭", "英国", "美国")]
    doc = make_propagate(None)(_doc(text, spans))
    got = {(e.type, e.text) for e in doc.entities}
    assert {("COMPANY", "澳洲电讯"), ("COMPANY", "意大利电信"), ("COMPANY", "香港宽频"), ("COMPANY", "紐西蘭航空"),
            ("LOC", "英国"), ("LOC", "美国")} <= got


def test_sector_headed_name_is_a_company():
    """飲品公司楊協成 / 餐饮品牌小菜园: a PERSON or LOC right after INDUSTRY + 公司/品牌/… is a COMPANY at every mention."""
    from extract.stages.propagate import sector_headed_companies
    text = "透過上市飲品公司楊協成持股，楊協成表示。餐饮品牌小菜园上市，小菜园门店多。张三表示。"
    i, j, k = text.index("楊協成"), text.index("楊協成", text.index("楊協成") + 1), text.index("小菜园")
    doc = _doc(text, [("INDUSTRY", 4, 6, "ner"), ("PERSON", i, i + 3, "ner"), ("PERSON", j, j + 3, "ner"),
                      ("INDUSTRY", k - 4, k - 2, "ner"), ("LOC", k, k + 3, "ner"),
                      ("LOC", text.index("小菜园", k + 1), text.index("小菜园", k + 1) + 3, "ner"),
                      ("PERSON", text.index("张三"), text.index("张三") + 2, "ner")])
    sector_headed_companies(doc)
    assert [t for _, t in _ents(doc)] == ["INDUSTRY", "COMPANY", "COMPANY", "INDUSTRY", "COMPANY", "COMPANY", "PERSON"]


def test_founded_name_is_a_company():
    """成立梅卡曼德 / 陶陶居负责人: a PERSON after 成立 or before 负责人 is a COMPANY at every mention; 张三 stays."""
    from extract.stages.propagate import founded_companies
    text = "他成立梅卡曼德机器人。梅卡曼德领先。陶陶居负责人表示。张三负责研发。"
    spans = [(text.index("梅卡曼德"), 4), (text.index("梅卡曼德", 6), 4), (text.index("陶陶居"), 3), (text.index("张三"), 2)]
    doc = _doc(text, [("PERSON", s, s + n, "ner") for s, n in spans])
    founded_companies(doc)
    assert [t for _, t in _ents(doc)] == ["COMPANY", "COMPANY", "COMPANY", "PERSON"]


def test_latin_name_after_sector_head_is_a_company():
    """奢侈品集团LVMH: an untagged Latin name right after INDUSTRY + head is a COMPANY; 软件龙头ETF (a term) is not."""
    from extract.stages.propagate import sector_headed_companies
    text = "奢侈品集团LVMH 2023年利润。软件龙头ETF上涨。"
    k = text.index("软件")
    doc = _doc(text, [("INDUSTRY", 0, 3, "ner"), ("INDUSTRY", k, k + 2, "ner")])
    sector_headed_companies(doc)
    assert _ents(doc) == [("奢侈品", "INDUSTRY"), ("LVMH", "COMPANY"), ("软件", "INDUSTRY")]


def test_an_org_grows_over_its_titled_unit():
    from extract.stages.propagate import titled_units
    text = "惠譽評級亞太區國際公共融資部高級董事羅晴耘表示，美聯物業住宅部行政總裁，中国移动研究院等部门主任"
    a = text.index("亞太區")
    m = text.index("美聯物業")
    c = text.index("中国移动研究院")
    doc = _doc(text, [("ORG", 0, 4, "ner"), ("LOC", a, a + 3, "ner"), ("ORG", m, m + 4, "ner"),
                      ("ORG", c, c + 7, "ner")])
    titled_units(doc)
    assert [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start)] == [
        ("惠譽評級亞太區國際公共融資部", "ORG"), ("美聯物業", "ORG"), ("中国移动研究院", "ORG")]  # 住宅部: 2 characters; 等


def test_titled_unit_centre_and_ministry_department():
    """财政部|预算司|司长 and 航材院|石墨烯新能源材料中心|主任 are one ORG each; 旗下子公司 (公司) is no 司."""
    from extract.stages.propagate import titled_units
    text = "财政部预算司司长王建凡说，航材院石墨烯新能源材料中心主任燕绍九说，科委旗下子公司总经理说"
    b, k = text.index("航材院"), text.index("科委")
    doc = _doc(text, [("ORG", 0, 3, "ner"), ("ORG", b, b + 3, "ner"), ("ORG", k, k + 2, "ner")])
    titled_units(doc)
    assert [e.text for e in sorted(doc.entities, key=lambda e: e.start)] == ["财政部预算司", "航材院石墨烯新能源材料中心", "科委"]


def test_titled_unit_after_a_spread_name():
    """惠譽評級 tagged once and read again by the spread before 亞太區國際公共融資部高級董事: the unit joins the echoed ORG
    too (titled_units runs again after the spread)."""
    from extract.stages.propagate import make_propagate
    text = "惠譽評級認為風險可控。另外，惠譽評級亞太區國際公共融資部高級董事羅晴耘表示，措施有效。"
    a = text.index("亞太區")
    doc = make_propagate(None)(_doc(text, [("ORG", 0, 4, "ner"), ("LOC", a, a + 3, "ner")]))
    assert [(e.text, e.type) for e in sorted(doc.entities, key=lambda e: e.start) if e.type == "ORG"] == [
        ("惠譽評級", "ORG"), ("惠譽評級亞太區國際公共融資部", "ORG")]


def test_place_with_name_and_stock_code_is_a_company():
    """中国金茂00817 (a table cell) / 新城发展(01030): a LOC, a short untagged name and a stock code are one COMPANY;
    於中國共售出63238架 (a count, not closing a cell) and 北京的小米(01810) (的 between) keep the place."""
    from extract.stages.propagate import coded_places
    text = "| 中国金茂00817 | 0.95 |\n新城发展(01030)跌2.15%。Tesla於中國共售出63238架車。北京的小米(01810)涨。"
    places = [text.index("中国"), text.index("新城"), text.index("中國"), text.index("北京")]
    doc = _doc(text, [("LOC", p, p + 2, "ner") for p in places])
    coded_places(doc)
    assert _ents(doc) == [("中国金茂", "COMPANY"), ("新城发展", "COMPANY"), ("中國", "LOC"), ("北京", "LOC")]


def test_a_place_written_after_a_place_that_holds_it_is_one_place():
    """上海|锦江乐园 (a venue), 美国|旧金山 (a foreign city), 中国|河北省|唐山市 (divisions by code): one LOC each; peers
    written together stay two (广州|重庆, 美国|欧洲), and so does a company after a place (北京|小米)."""
    from extract.stages.propagate import sub_places
    text = "落户上海锦江乐园。美国旧金山，中国河北省唐山市。广州重庆，美国欧洲，北京小米"
    names = ["上海", "锦江乐园", "美国", "旧金山", "中国", "河北省", "唐山市", "广州", "重庆", "美国", "欧洲", "北京", "小米"]
    spans, at = [], 0
    for n in names:
        at = text.index(n, at)
        spans.append(("COMPANY" if n == "小米" else "LOC", at, at + len(n), "ner"))
        at += len(n)
    doc = _doc(text, spans)
    sub_places(doc)
    assert [t for t, _ in _ents(doc)] == ["上海锦江乐园", "美国旧金山", "中国河北省唐山市", "广州", "重庆", "美国", "欧洲",
                                          "北京", "小米"]


def test_two_peer_places_read_as_one_are_two_places():
    """广州重庆, 美国欧洲 read as one LOC: two peers, two LOCs; a place holding the other (台湾台北, 北京海淀区) stays one."""
    from extract.stages.propagate import peer_places
    text = "广州重庆的第四城之争，美国欧洲贸易伙伴，台湾台北，北京海淀区"
    doc = _doc(text, [("LOC", text.index(n), text.index(n) + len(n), "ner") for n in ("广州重庆", "美国欧洲", "台湾台北", "北京海淀区")])
    peer_places(doc)
    assert sorted((e.start, e.text) for e in doc.entities) == sorted(
        (text.index(n), n) for n in ("广州", "重庆", "美国", "欧洲", "台湾台北", "北京海淀区"))


def test_place_opening_a_company_followed_by_a_producer_or_bank_head_keeps_the_place():
    """河南农商 read elsewhere, then 河南|农商联合银行 and 美国钢铁 then 美国|钢铁制造商: a producer's or bank's head right after
    the name makes another, longer name; the place is left alone."""
    from extract.stages.propagate import named_places
    text = "河南农商涨。河南农商联合银行开业。美国钢铁涨，美国钢铁制造商。"
    h, u = text.index("河南农商联合"), text.index("美国钢铁制造")
    doc = _doc(text, [("COMPANY", 0, 4, "ner"), ("LOC", h, h + 2, "ner"), ("COMPANY", 17, 21, "ner"),
                      ("LOC", u, u + 2, "ner")])
    named_places(doc)
    assert _ents(doc) == [("河南农商", "COMPANY"), ("河南", "LOC"), ("美国钢铁", "COMPANY"), ("美国", "LOC")]


def test_place_opening_a_company_of_the_document_is_that_company():
    """美摄科技的声明，美|摄起诉…: a LOC where a COMPANY of the document opens with it and the text goes on as that
    name is the COMPANY; 北京的小米 (the text does not go on as a name) keeps the place."""
    from extract.stages.propagate import named_places
    text = "美摄的声明称，美摄起诉字节跳动。北京的小米涨。"
    m, z, b = text.index("美摄起诉"), text.index("字节"), text.index("北京")
    doc = _doc(text, [("COMPANY", 0, 2, "ner"), ("LOC", m, m + 1, "ner"), ("COMPANY", z, z + 4, "ner"),
                      ("LOC", b, b + 2, "ner"), ("COMPANY", b + 3, b + 5, "ner")])
    named_places(doc)
    assert _ents(doc) == [("美摄", "COMPANY"), ("美摄", "COMPANY"), ("字节跳动", "COMPANY"), ("北京", "LOC"),
                          ("小米", "COMPANY")]


def test_numbered_list_item_typed_like_its_tagged_siblings():
    """3. 聲寶（第483名） among numbered items whose names the tagger read as COMPANYs is a COMPANY too; a list where the
    tagged names are not over half of the items (1、法巴：… 2、調查：… 3、港協：…, one ORG) stays as it is, and so does an item
    the tagger read a part of (微创机器人|-B)."""
    from extract.stages.propagate import numbered_items
    text = ("1. 中國信託（第355名）\n2. 智邦科技（第397名）\n3. 聲寶（第483名）\n4. 微创机器人-B(02252)\n5. 華碩（第582名）\n\n"
            "1、法巴：看好\n2、調查：儲蓄\n3、港協：停賽\n")
    spans = [("COMPANY", text.index(n), text.index(n) + len(n), "ner") for n in ("中國信託", "智邦科技", "微创机器人", "華碩")]
    spans.append(("ORG", text.index("法巴"), text.index("法巴") + 2, "ner"))
    doc = _doc(text, sorted(spans, key=lambda x: x[1]))
    numbered_items(doc)
    assert _ents(doc) == [("中國信託", "COMPANY"), ("智邦科技", "COMPANY"), ("聲寶", "COMPANY"), ("微创机器人", "COMPANY"),
                          ("華碩", "COMPANY"), ("法巴", "ORG")]


def test_research_arm_ending_its_clause_joins_the_firm():
    """据申万宏源研究，/ 中信建投证券研究重要提示 / 彭博行業研究更認為: the firm's research arm is one ORG with 研究; 研究显示
    (a verb) and 研究员 (a title) stay outside the name (helper r6media)."""
    from extract.stages.propagate import make_propagate
    text = "据申万宏源研究，股价涨。中信建投证券研究重要提示。彭博行業研究更認為。中信证券研究显示，高盛研究员说。"
    a, b, c = text.index("申万宏源"), text.index("中信建投证券"), text.index("彭博")
    d, g = text.index("中信证券"), text.index("高盛")
    doc = make_propagate(None)(_doc(text, [("COMPANY", a, a + 4, "ner"), ("ORG", b, b + 6, "ner"),
                                           ("ORG", c, c + 2, "ner"), ("ORG", d, d + 4, "ner"),
                                           ("COMPANY", g, g + 2, "ner")]))
    assert _ents(doc) == [("申万宏源研究", "ORG"), ("中信建投证券研究", "ORG"), ("彭博行業研究", "ORG"),
                          ("中信证券", "ORG"), ("高盛", "COMPANY")]


def test_place_before_a_newspaper_head_is_the_paper():
    """香港|商報, 广州|日报, 香港|文匯報訊: a place right before a newspaper's head is the paper, one ORG; 香港|市场 stays a
    place (helper r6media)."""
    from extract.stages.propagate import make_propagate
    text = "來源:香港商報\n市委机关报广州日报头版喊出。香港文匯報訊(記者)。北京市场火热。"
    a, b, c, d = text.index("香港商"), text.index("广州"), text.index("香港文"), text.index("北京")
    doc = make_propagate(None)(_doc(text, [("LOC", a, a + 2, "ner"), ("LOC", b, b + 2, "ner"),
                                           ("LOC", c, c + 2, "ner"), ("LOC", d, d + 2, "ner")]))
    assert _ents(doc) == [("香港商報", "ORG"), ("广州日报", "ORG"), ("香港文匯報", "ORG"), ("北京", "LOC")]


def test_what_a_company_focuses_on_developing_is_its_sector():
    """专注于/从事 X (的)研发/开发: X is an INDUSTRY; a predicted INDUSTRY inside it gives way (session 54, r7desc)."""
    from extract.doc import Document
    from extract.stages.propagate import researched_sectors
    text = "中科博芯是一家专注于功能性微生态制剂研发与产业化的公司。它们专注于产品的开发。公司主要从事领域技术的研发。"
    doc = Document(text, id="t")
    s = text.index("功能性微")
    doc.entities = [doc.entity("COMPANY", 0, 4), doc.entity("INDUSTRY", s, s + 4)]
    researched_sectors(doc)
    assert [(e.text, e.type) for e in doc.entities] == [("中科博芯", "COMPANY"), ("功能性微生态制剂", "INDUSTRY")]


def test_a_name_before_its_stock_code_mid_text_is_a_company():
    from extract.stages.propagate import coded_headings
    text = ("现相关覆盖。并行科技（839493.BJ）自上市，兴业证券（601377.SH）表示，樓市寒冬 資本策略地產（497）早前宣布，"
            "港交所（0388）公布，其中万辰集团（300972.SZ）上升，中证电池主题指数（931719）成分股")
    at = text.index
    doc = _doc(text, [("INDUSTRY", at("科技"), at("科技") + 2, "ner"), ("ORG", at("兴业"), at("兴业") + 4, "ner"),
                      ("INDUSTRY", at("地產"), at("地產") + 2, "ner"), ("ORG", at("港交所"), at("港交所") + 3, "ner"),
                      ("COMPANY", at("万辰"), at("万辰") + 4, "ner")])
    coded_headings(doc)
    assert [(e.text, e.type) for e in doc.entities] == [
        ("并行科技", "COMPANY"), ("兴业证券", "COMPANY"), ("資本策略地產", "COMPANY"), ("港交所", "ORG"),
        ("万辰集团", "COMPANY")]


def test_a_person_read_only_inside_a_brand_is_the_brand():
    """persons_in_brands: 霸|王茶姬 (王茶姬 never written alone, 霸王茶姬 a COMPANY of the document) becomes 霸王茶姬; 波特
    of 哈利波特 stays a PERSON where the text also writes 波特 alone."""
    from extract.stages.propagate import persons_in_brands
    text = "霸王茶姬门店破千。2024年，霸王茶姬营收大增。哈利波特乐园开业，波特说很好。"
    a, b = text.index("霸王茶姬"), text.rindex("霸王茶姬")
    h, p = text.index("哈利波特"), text.rindex("波特")
    doc = _doc(text, [("COMPANY", a, a + 4, "ner"), ("PERSON", b + 1, b + 4, "ner"),
                      ("COMPANY", h, h + 4, "ner"), ("PERSON", p, p + 2, "ner")])
    persons_in_brands(doc)
    got = [(e.text, e.type, e.start) for e in doc.entities]
    assert got == [("霸王茶姬", "COMPANY", a), ("霸王茶姬", "COMPANY", b), ("哈利波特", "COMPANY", h), ("波特", "PERSON", p)]


def test_a_chinese_name_tied_between_person_and_company_is_a_person():
    """unify_types: 华昌明 read PERSON once and COMPANY once is a PERSON at both; 伊利 (no family-name shape) keeps its
    tie."""
    from extract.stages.propagate import unify_types
    text = "股东华昌明、伍元学提请仲裁。华昌明持股。伊利上涨，伊利发布。"
    a, b = text.index("华昌明"), text.rindex("华昌明")
    c, d = text.index("伊利"), text.rindex("伊利")
    doc = _doc(text, [("PERSON", a, a + 3, "ner"), ("COMPANY", b, b + 3, "ner"),
                      ("PERSON", c, c + 2, "ner"), ("COMPANY", d, d + 2, "ner")])
    unify_types(doc)
    assert [e.type for e in doc.entities] == ["PERSON", "PERSON", "PERSON", "COMPANY"]


def test_a_parent_before_an_untagged_unit_is_one_org():
    """0u'' sub_units: 工业和信息化部|运行监测协调局, 中山大学|附属第五医院 (with 第五 read inside), 上交所|上市委 are one ORG each; a
    company word (上交所|已受理该公司), a list mark (上海交通大学|等研究所), a laboratory (教育部|重点实验室, often a longer
    name's tail) or a verb (财政部|处理) keeps them apart."""
    from extract.stages.propagate import make_propagate
    text = "工业和信息化部运行监测协调局发布，中山大学附属第五医院教授，上交所上市委审议，上交所已受理该公司，上海交通大学等研究所，教育部重点实验室，财政部处理付款。"
    def at(w, k=0):
        s = text.index(w, k)
        return s, s + len(w)
    second = text.index("上交所已")
    spans = [("ORG",) + at("工业和信息化部") + ("ner",), ("ORG",) + at("中山大学") + ("ner",), ("RANK",) + at("第五") + ("ner",),
             ("ORG",) + at("上交所") + ("ner",), ("ORG", second, second + 3, "ner"),
             ("ORG",) + at("上海交通大学") + ("ner",), ("ORG",) + at("教育部") + ("ner",), ("ORG",) + at("财政部") + ("ner",)]
    doc = make_propagate(None)(_doc(text, spans))
    assert [e.text for e in doc.entities if e.type == "ORG"] == [
        "工业和信息化部运行监测协调局", "中山大学附属第五医院", "上交所上市委", "上交所", "上海交通大学", "教育部", "财政部"]


def test_literal_spans_are_the_regex_occurrences():
    """Session 55 (w4speed): the name scans of cut_short_names, _truncated and the surname spread find a name's
    occurrences with str.find, as re.finditer(re.escape(name)) did (non-overlapping, left to right)."""
    import re

    from extract.stages.propagate import _literal_spans
    for text, name in [("aaaaa", "aa"), ("乐舒适乐舒买乐舒", "乐舒"), ("a.b.a+b", "a+b"), ("xyz", "q"), ("abc", ""), ("", "")]:
        assert list(_literal_spans(text, name)) == [m.span() for m in re.finditer(re.escape(name), text)]


def test_common_words_file_is_read_once_for_every_threshold():
    """Session 55 (w4speed): the three thresholds asked of common_words.tsv share one reading of the file, and
    each gives the words at least that frequent."""
    from extract.stages.recognizers.companies import COMMON_WORDS, _load_words, _word_freqs
    words, freqs = _word_freqs(str(COMMON_WORDS))
    known, common = _load_words(str(COMMON_WORDS), 1000, 50)
    assert known == {w for w, n in zip(words, freqs) if n >= 1000} and common == {w for w, n in zip(words, freqs) if n >= 50}
    assert known < common and "政策" in known
    before = _word_freqs.cache_info().misses
    _load_words(str(COMMON_WORDS), 777, 778)
    assert _word_freqs.cache_info().misses == before


def test_a_company_name_spread_by_propagate_takes_in_its_region_word():
    """0b' region_arms over the mentions propagate adds (GUIDELINES R13): 星展银行 read again before 香港 (a LOC) is
    星展银行香港, the place goes; the mention before 表示 stays 星展银行."""
    from extract.stages.propagate import make_propagate
    text = "星展银行表示，业务稳健。作为托管行，星展银行香港协助客户完成交易。"
    k = text.rindex("星展银行")
    spans = [("COMPANY", 0, 4, "ner"), ("LOC", k + 4, k + 6, "gazetteer")]
    doc = make_propagate(None)(_doc(text, spans))
    got = sorted(e.text for e in doc.entities if e.type == "COMPANY")
    assert got == ["星展银行", "星展银行香港"]
    assert not [e for e in doc.entities if e.type == "LOC"]


def test_overlap_finder_gives_the_overlapping_entities_in_order():
    from extract.doc import Entity
    from extract.stages.propagate import _overlap_finder
    ents = [Entity(10, 14, "x", type="ORG"), Entity(0, 3, "x", type="LOC"), Entity(2, 12, "x", type="COMPANY"),
            Entity(20, 21, "x", type="DATE")]
    find = _overlap_finder(ents)
    for s in range(0, 24):
        for e in range(s + 1, 25):
            assert find(s, e) == [x for x in ents if x.start < e and x.end > s]
    assert find(14, 20) == [] and _overlap_finder([])(0, 5) == []


def test_a_person_read_with_one_character_more_is_trimmed():
    """person_tails: 鄺穎|庭外指 (鄺穎 read alone elsewhere) is 鄺穎; 溫蕎菲|S型 is 溫蕎菲; 王平安 stays where no 王平 is read."""
    from extract.stages.propagate import person_tails
    text = "督察鄺穎表示。鄺穎庭外指。溫蕎菲S型身材。王平安说。"
    a, b = text.index("鄺穎"), text.rindex("鄺穎")
    c, d = text.index("溫蕎菲"), text.index("王平安")
    doc = _doc(text, [("PERSON", a, a + 2, "ner"), ("PERSON", b, b + 3, "ner"), ("PERSON", c, c + 4, "ner"),
                      ("PERSON", d, d + 3, "ner")])
    person_tails(doc)
    assert [e.text for e in doc.entities] == ["鄺穎", "鄺穎", "溫蕎菲", "王平安"]


def test_two_persons_joined_by_a_hyphen_or_no_break_space_are_one():
    """joined_persons: 杰罗姆|-|鲍威尔 and Thomas|\\xa0|Dohmke are one PERSON each; 陈照 李晴 (a plain space) stay two."""
    from extract.stages.propagate import joined_persons
    text = "主席杰罗姆-鲍威尔发言。CEOThomas\xa0Dohmke表示。记者陈照 李晴"
    a, b = text.index("杰罗姆"), text.index("Thomas")
    c = text.index("陈照")
    doc = _doc(text, [("PERSON", a, a + 3, "ner"), ("PERSON", a + 4, a + 7, "ner"), ("PERSON", b, b + 6, "ner"),
                      ("PERSON", b + 7, b + 13, "ner"), ("PERSON", c, c + 2, "ner"), ("PERSON", c + 3, c + 5, "ner")])
    joined_persons(doc)
    assert [e.text for e in doc.entities] == ["杰罗姆-鲍威尔", "Thomas\xa0Dohmke", "陈照", "李晴"]


def test_a_chinese_name_between_a_kinship_cue_and_a_clear_edge_is_a_company():
    from extract.stages.propagate import kinship_names
    text = ("罗氏旗下基因泰克的Susvimo获批。中国移动旗下移动云则深度集成。阿特斯旗下子公司常熟阿特斯向欧洲出口。"
            "旗下酒店的入住率上升。开云集团旗下的其他品牌则增长。归属于母公司股东的净利润。")
    cs = text.index("常熟")
    doc = _doc(text, [("LOC", cs, cs + 2, "gazetteer")])
    kinship_names(doc, frozenset({"酒店"}))
    assert [(e.text, e.type) for e in doc.entities] == [("基因泰克", "COMPANY"), ("移动云", "COMPANY"),
                                                        ("常熟阿特斯", "COMPANY")]
