"""Gazetteer, merge, relations, FUNDING events and METRIC/RANKING facts on hand-built documents.

Entities are placed by hand (no model), so each test checks one layer's logic.
"""
import pytest

from extract.stages.basic import make_merger
from extract.stages.events import _load as load_event_data, find_events, normalize_round
from extract.stages.facts.rules import _load as load_fact_data, find_facts
from extract.stages.gazetteer import Gazetteer, _compact
from extract.stages.relations.rules import pattern_relations
from extract.textnorm import normalize
from docs import make_doc


def texts(ents):
    return [(e.text, e.type) for e in ents]


# ------------------------------------------------------------------ gazetteer
@pytest.fixture(scope="module")
def gaz():
    return Gazetteer()


@pytest.mark.parametrize("text, expected", [
    ("企业集中在浦东新区和闵行", [("浦东新区", "LOC"), ("闵行", "LOC")]),
    ("北京海淀区位居第一", [("北京海淀区", "LOC")]),            # division + subdivision = one LOC
    ("深圳南山区", [("深圳南山区", "LOC")]),                    # 南山区 is two places; Shenzhen's one fits
    ("北京市\n武汉市", [("北京市", "LOC"), ("武汉市", "LOC")]),  # two cities never merge
    ("上海\n浦东新区", [("上海\n浦东新区", "LOC")]),             # across a PDF line break
    ("新一代信息\n技术产业", [("新一代信息\n技术产业", "INDUSTRY")]),
    ("工信部公布名单", [("工信部", "ORG")]),
    ("OPEC与美联储表态", [("OPEC", "ORG"), ("美联储", "ORG")]),   # international and foreign public bodies
    ("白宮表示", [("白宮", "ORG")]),                            # a seat of government standing for it
    ("携程与三星", [("携程", "COMPANY"), ("三星", "COMPANY")]),      # well-known short names
    ("DOGE与东盟", [("DOGE", "ORG"), ("东盟", "LOC")]),
    ("墨西哥和南韓", [("墨西哥", "LOC"), ("南韓", "LOC")]),
    ("据C114报道，共和党", [("C114", "ORG"), ("共和党", "ORG")]),
    ("【信報財經新聞】美國", [("信報財經新聞", "ORG"), ("美國", "LOC")]),  # a medium
    ("发展5G和EDA", [("5G", "INDUSTRY"), ("EDA", "INDUSTRY")]),
    ("型号为A5GX的设备", []),                                   # ASCII names not cut out of words
])
def test_gazetteer_matches(gaz, text, expected):
    norm, _ = normalize(text)
    assert [(text[s:e], t) for s, e, t in gaz.find(norm)] == expected


def test_gazetteer_traditional_keeps_offsets(gaz):
    text = "集中在浦東新區的集成電路企業"
    norm, script = normalize(text)
    assert script == "traditional"
    found = [(text[s:e], t) for s, e, t in gaz.find(norm)]
    assert ("浦東新區", "LOC") in found and ("集成電路", "INDUSTRY") in found


def test_compact_index_maps_back():
    text = "新一代信息\n技术 and 2 3"
    view, index = _compact(text)
    assert view.startswith("新一代信息技术")
    assert all(text[index[i]] == ch for i, ch in enumerate(view))
    assert _compact("没有换行")[1] is None


def test_gazetteer_learns_names_from_docs():
    g = Gazetteer(defaults=False)
    assert g.find("曦智科技完成融资") == []
    gold = make_doc("曦智科技完成融资", [("曦智科技", "COMPANY")])
    g.add_docs([gold])
    assert g.find("我们投资了曦智科技") == [(5, 9, "COMPANY")]


def test_gazetteer_bad_file_names_line(tmp_path):
    f = tmp_path / "names.tsv"
    f.write_text("# comment\n上海交大\tORG\n只有名字\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"names.tsv:3"):
        Gazetteer(files=[f], defaults=False)


# ---------------------------------------------------------------------- merge
def test_merge_prefers_longer_and_table_spans():
    d = make_doc("上海澜起科技股份有限公司", [("上海", "LOC")])
    d.entities.append(d.entity("COMPANY", 0, 12, source="ner"))
    d.entities.append(d.entity("INDUSTRY", 2, 6, source="tables"))  # a table cell wins over length
    out = make_merger(None)(d)
    assert texts(out.entities) == [("上海", "LOC"), ("澜起科技", "INDUSTRY")]
    d2 = make_doc("上海澜起科技股份有限公司")
    d2.entities.append(d2.entity("LOC", 0, 2, source="gazetteer"))
    d2.entities.append(d2.entity("COMPANY", 0, 12, source="ner"))
    assert texts(make_merger(None)(d2).entities) == [("上海澜起科技股份有限公司", "COMPANY")]
    d3 = make_doc("工信部发布")
    d3.entities.append(d3.entity("COMPANY", 0, 3, source="ner"))
    d3.entities.append(d3.entity("ORG", 0, 3, source="gazetteer"))  # same extent: the curated type
    assert texts(make_merger(None)(d3).entities) == [("工信部", "ORG")]


# ------------------------------------------------------------------ relations
@pytest.mark.parametrize("text, spans, expected", [
    ("松江區的新倬壯印刷科技", [("松江區", "LOC"), ("新倬壯印刷科技", "COMPANY")],
     [("located_in", "新倬壯印刷科技", "松江區")]),
    ("中国移动旗下中移资本", [("中国移动", "COMPANY"), ("中移资本", "COMPANY")],
     [("subsidiary_of", "中移资本", "中国移动")]),
    ("经纬创投投资并陪伴成长的道生天合材料", [("经纬创投", "COMPANY"), ("道生天合材料", "COMPANY")],
     [("invested_in", "经纬创投", "道生天合材料")]),
    ("上海与北京", [("上海", "LOC"), ("北京", "LOC")], []),
])
def test_pattern_relations(text, spans, expected):
    d = make_doc(text, spans)
    assert [(r.type, r.head.text, r.tail.text) for r in pattern_relations(d)] == expected


# --------------------------------------------------------------------- events
EVENT_DATA = load_event_data()


@pytest.mark.parametrize("raw, norm", [("C轮", "C"), ("B+轮", "B+"), ("Pre-A轮", "Pre-A"), ("天使轮", "天使"),
                                       ("定增", "定增"), ("战略融资", "战略"), ("IPO", "IPO")])
def test_round_normalization(raw, norm):
    assert normalize_round(raw, EVENT_DATA) == norm


def test_funding_event_arguments():
    text = "2024年，芯片设计公司曦智科技完成了超15亿元C轮融资，由中国移动领投，上海国投参投。"
    d = make_doc(text, [("2024年", "DATE"), ("曦智科技", "COMPANY"),
                        ("超15亿元", "FIGURE", {"value": 1.5e9, "unit": "元", "qualifier": "more_than"}),
                        ("中国移动", "COMPANY"), ("上海国投", "COMPANY")])
    (ev,) = find_events(d, EVENT_DATA)
    args = {(a.role, a.text) for a in ev.arguments}
    assert ev.trigger.text == "融资"
    assert {("company", "曦智科技"), ("amount", "超15亿元"), ("round", "C轮"), ("date", "2024年"),
            ("lead_investor", "中国移动"), ("investor", "上海国投")} <= args
    rnd = next(a for a in ev.arguments if a.role == "round")
    assert rnd.span.attrs["round"] == "C"


def test_funding_traditional_script_and_no_company():
    d = make_doc("奎芯科技完成了數億元融資。", [("奎芯科技", "COMPANY"),
                                            ("數億元", "FIGURE", {"value": 2e8, "unit": "元", "qualifier": "vague"})])
    (ev,) = find_events(d, EVENT_DATA)
    assert ev.trigger.text == "融資" and {a.role for a in ev.arguments} >= {"company", "amount"}
    assert find_events(make_doc("市场融资环境改善。"), EVENT_DATA) == []


# ---------------------------------------------------------------------- facts
FACT_DATA = load_fact_data()


def test_metric_subject_metric_and_date():
    text = "截至2025年10月，上海国家级专精特新企业数量达1026家。"
    d = make_doc(text, [("截至2025年10月", "DATE"), ("上海", "LOC"),
                        ("1026家", "FIGURE", {"value": 1026, "unit": "家", "qualifier": "exact"})])
    (f,) = find_facts(d, FACT_DATA)
    assert (f.type, f.subject.text, f.value.text, f.date.text) == ("METRIC", "上海", "1026家", "截至2025年10月")
    assert f.metric.text == "国家级专精特新企业数量"


def test_metric_unnamed_aggregate_has_null_subject():
    d = make_doc("它们的平均研发强度高达11.4%。", [("11.4%", "FIGURE", {"value": 11.4, "unit": "%", "qualifier": "exact"})])
    (f,) = find_facts(d, FACT_DATA)
    assert f.subject is None and f.metric.text == "平均研发强度"  # 它们 (an unnamed aggregate) is left out


def test_ranking_with_subject_and_enumerated_list():
    d = make_doc("深圳总量位居全国第一。", [("深圳", "LOC"), ("全国第一", "RANK", {"rank": 1, "scope": "全国"})])
    (f,) = find_facts(d, FACT_DATA)
    assert (f.type, f.subject.text, f.value.text, f.position) == ("RANKING", "深圳", "全国第一", None)
    text = "数量最多的前3个城市分别为北京、上海、深圳。"
    d = make_doc(text, [("前3", "RANK", {"top": 3, "scope": "城市"}), ("北京", "LOC"), ("上海", "LOC"), ("深圳", "LOC")])
    facts = find_facts(d, FACT_DATA)
    assert [(f.subject.text, f.position) for f in facts] == [("北京", 1), ("上海", 2), ("深圳", 3)]
    assert all(f.value.text == "前3" for f in facts)


def test_ranking_needs_a_subject():
    d = make_doc("总量位居全国第一。", [("全国第一", "RANK", {"rank": 1, "scope": "全国"})])
    assert find_facts(d, FACT_DATA) == []


# ------------------------------------------------------ legal company names
@pytest.mark.parametrize("text, expected", [
    ("由上海澜起科技股份有限公司牵头", ["上海澜起科技股份有限公司"]),
    ("2024年北京旷视科技有限公司与矽力杰半导体技术（杭州）有限公司合作", ["北京旷视科技有限公司", "矽力杰半导体技术（杭州）有限公司"]),
    ("| 杭州海康威视数字技术股份有限公司 | 安防 |", ["杭州海康威视数字技术股份有限公司"]),
    ("包括科之杰新材料集团有限公司在内", ["科之杰新材料集团有限公司"]),
    ("深圳市大疆創新科技有限公司發布", ["深圳市大疆創新科技有限公司"]),
    ("成立有限公司的条件", []),
    # a bracket with no partner inside the candidate is not part of the name
    ("星河资本（苏州星河股权投资管理有限公司）领投", ["苏州星河股权投资管理有限公司"]),
    ("3家公司递表\n1)江西岚图材料股份有限公司", ["江西岚图材料股份有限公司"]),
    ("（2）江西岚图材料股份有限公司", ["江西岚图材料股份有限公司"]),
    # a verb or role noun before the name is not part of it (session 30: 44 such overlong names in the news gold)
    ("市长走访深圳市大疆创新科技有限公司", ["深圳市大疆创新科技有限公司"]),
    ("其间接控股股东中国宝武钢铁集团有限公司", ["中国宝武钢铁集团有限公司"]),
    ("张雪峰又创办苏州峰学蔚来教育科技有限公司", ["苏州峰学蔚来教育科技有限公司"]),
    # a date inside the candidate ends what came before it, with a preposition after it (session 51)
    ("永伦集团于2021年12月以永伦屯门有限公司购入", ["永伦屯门有限公司"]),
    ("公司3月15日与甲乙丙科技有限公司签约", ["甲乙丙科技有限公司"]),
])
def test_legal_company_names(text, expected):
    from extract.stages.recognizers import find_companies
    assert [e.text for e in find_companies(make_doc(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("竞争激烈，但锐湃科技仍有优势", ["锐湃科技"]),   # a conjunction is not part of the brand
    ("竞争激烈，锐湃科技仍有优势", ["锐湃科技"]),
    ("，也锐湃科技", ["锐湃科技"]),                 # 也 was a stop character: the candidate was lost
    ("，但锐科技", []),                              # the brand must keep two characters
    ("；恒生科技指数今年累计上涨", []),              # an index named with a brand-like word (short_not_before)
    ("；锐湃智能体正式宣布", []),                    # an AI agent: a product (short_not_before)
    ("；锐湃科技发布新品", ["锐湃科技"]),
    ("，美股科技股领涨", []),                        # a market's sector (companies.json market_prefix)
    ("，且美股科技波动增加", []),
    ("，美系汽车制造商", []),
    ("，液冷技术成熟", []),                          # 技术, 数据, 创新 are no short-name heads (_why_short_heads)
    ("，社零数据显示", []),
    ("，颠覆式创新", []),
    ("，助力坤维科技完成融资", ["坤维科技"]),        # a verb before the brand (short_lead_words)
    ("，除康方生物外", ["康方生物"]),
    ("，引领人形机器人发展", []),                    # a verb before a sector: 人形 is a word, no brand
    ("，深耕精密传动领域", []),                      # nothing left of the brand
])
def test_short_company_names_skip_a_leading_conjunction(text, expected):
    from extract.stages.recognizers.companies import ShortCompanyRecognizer
    assert [e.text for e in ShortCompanyRecognizer().find(make_doc(text))] == expected


@pytest.mark.parametrize("surface, expected", [
    ("百图生科(BioMap", "百图生科"),          # an opened bracket never closed: the name is before it
    ("SSI）公司", "SSI"),                      # a closing bracket never opened
    ("（HTC", "HTC"),                          # nothing before the bracket: the name is after it
    ("1)锐湃科技", "锐湃科技"),
    ("• Animoca Brands", "Animoca Brands"),   # a list bullet
    ("【平煤股份", "平煤股份"),                # a heading or title bracket whose partner is outside the span
    ("淮北矿业】", "淮北矿业"),
    ("信报财经】美国国际", "信报财经"),       # a heading bracket inside the span: the side it encloses
    ("Tier2【鸣志电器", "鸣志电器"),
    ("《现代零售", "现代零售"),
    ("《现代零售》杂志社", "《现代零售》杂志社"),   # a pair stays
    ("利屹恩推进器（上海）", "利屹恩推进器（上海）"),   # a pair stays
    ("美摄公司", "美摄"),                      # a generic 公司 after a short name stays outside (R13)
    ("港鐵公司", "港鐵"),                      # cut on the text, decided on the simplified view
    ("港投公司", "港投公司"),                  # 公司 belongs to this short name (companies.json keep)
    ("浙江中控技术股份有限公司", "浙江中控技术股份有限公司"),  # a legal name keeps its form
    ("电网分公司", "电网分公司"),
    ("松下电视", "松下"),                      # a product noun after the maker (companies.json product_after)
    ("荣耀手机", "荣耀"),
    ("小米手机", "小米"),
])
def test_entity_filter_repairs_model_span_edges(surface, expected):
    from extract.stages.basic import make_entity_filter
    text = f"据报道，{surface}今日宣布"
    d = make_doc(text)
    s = text.index(surface)
    d.entities.append(d.entity("COMPANY", s, s + len(surface), source="ner"))
    (e,) = make_entity_filter(None)(d).entities
    assert e.text == expected == text[e.start:e.end]


@pytest.mark.parametrize("text, expected", [
    ("京东外卖正式上线", "京东外卖"),        # a service or cloud arm is one name (companies.json service_suffix)
    ("达达秒送来负责", "达达秒送"),
    ("騰訊雲今次建設", "騰訊雲"),
    ("阿里云计算需求", "阿里"),            # the sector after the name: not_before
])
def test_entity_filter_takes_a_service_arm_into_any_company(text, expected):
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    d = make_doc(text)
    d.norm = normalize(text)[0]
    d.entities.append(d.entity("COMPANY", 0, 2, source="gazetteer"))  # 京东, 达达, 騰訊, 阿里
    (e,) = make_entity_filter(None)(d).entities
    assert e.text == expected


@pytest.mark.parametrize("surface, kept", [
    ("realme GT 7 Pro", False), ("努比亚Z70 Ultra", False), ("DeepSeek R1", False), ("iQOO Z9 Turbo＋", False),
    ("APT-C-48", True), ("SAP SE", True), ("ShortMax", True), ("3M", True), ("Qwen2", True), ("星河科技", True),
])
def test_entity_filter_drops_products_named_by_model_number(surface, kept):
    from extract.stages.basic import make_entity_filter
    text = f"据报道，{surface}今日发布"
    d = make_doc(text)
    s = text.index(surface)
    d.entities.append(d.entity("COMPANY", s, s + len(surface), source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ([surface] if kept else [])


@pytest.mark.parametrize("text, span, expected", [
    ("超越美国Meta公司旗下的Llama", "美国Meta", ["美国", "Meta"]),
    ("马来西亚Grand One公司宣布", "马来西亚Grand One", ["马来西亚", "Grand One"]),
    ("美国钢铁被收购", "美国钢铁", ["美国钢铁"]),  # a Chinese name keeps its place
])
def test_a_place_before_a_latin_name_stays_out_of_it(text, span, expected):
    from extract.stages.basic import make_entity_filter
    d = make_doc(text)
    s = text.index(span)
    n = len(expected[0]) if len(expected) > 1 else 2
    d.entities.append(d.entity("LOC", s, s + n, source="gazetteer"))
    d.entities.append(d.entity("COMPANY", s, s + len(span), source="ner"))
    out = sorted(make_entity_filter(None)(d).entities, key=lambda e: (e.start, -e.end))
    assert [e.text for e in out if e.type == "COMPANY"] == expected[-1:]


def test_the_delisting_risk_mark_joins_the_listed_name():
    from extract.stages.basic import make_entity_filter
    text = "证监会对众华所为*ST天沃提供审计服务"
    d = make_doc(text)
    s = text.index("ST天沃")
    d.entities.append(d.entity("COMPANY", s, s + 4, source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["*ST天沃"]


def _filtered_company(text: str, name: str) -> list:
    """The texts of the entities the entity filter leaves of a NER COMPANY at ``name`` in ``text``."""
    from extract.stages.basic import make_entity_filter
    d = make_doc(text)
    s = text.index(name)
    d.entities.append(d.entity("COMPANY", s, s + len(name), source="ner"))
    return [e.text for e in make_entity_filter(None)(d).entities]


@pytest.mark.parametrize("text, name, expected", [
    ("目前麦当劳中国新开门店", "麦当劳", "麦当劳中国"), ("普華永道中國發言人表示", "普華永道", "普華永道中國"),
    ("星展香港行政总裁", "星展", "星展香港"),
    ("赛富亚洲、宽带资本参投", "赛富", "赛富亚洲"), ("由派杰亞洲任保薦人", "派杰", "派杰亞洲"),  # 亚洲 and 澳门 too
    ("包括永利澳門、國泰航空", "永利", "永利澳門"),
    ("苹果中国区销量下降", "苹果", "苹果"), ("麦当劳中国内地餐厅", "麦当劳", "麦当劳"),  # a market, not an arm
])
def test_a_company_takes_in_the_region_of_its_regional_arm(text, name, expected):
    """GUIDELINES R13: 麦当劳中国 is one COMPANY (companies.json region_suffix)."""
    assert _filtered_company(text, name) == [expected]


@pytest.mark.parametrize("text, name, expected", [
    ("美国加密货币交易所Coinbase宣布", "加密货币交易所Coinbase", "Coinbase"),
    ("由波士顿风投公司Glasswing Ventures领投", "波士顿风投公司Glasswing Ventures", "Glasswing Ventures"),
    ("苹果公司宣布", "苹果公司", "苹果"),  # no Latin name after the head: the generic 公司 rule alone
])
def test_a_descriptor_before_a_latin_name_stays_out_of_it(text, name, expected):
    """companies.json descriptor_before_latin: 加密货币交易所Coinbase → Coinbase."""
    assert _filtered_company(text, name) == [expected]


@pytest.mark.parametrize("text, name, typ", [
    ("九阳推出炒菜机器人", "炒菜机器人", "INDUSTRY"), ("通用机器人赛道火热", "通用机器人", "INDUSTRY"),
    ("智元机器人完成融资", "智元机器人", "COMPANY"),  # a brand, not an ordinary word, before the head
    ("长城汽车发布新车", "长城汽车", "COMPANY"),  # 汽车 is no product-class head: 长城汽车 and 80 more are companies
])
def test_an_ordinary_word_before_a_product_head_is_a_class_of_products(text, name, typ):
    """companies.json product_class: a model COMPANY 炒菜机器人 is an INDUSTRY."""
    from extract.stages.basic import make_entity_filter
    d = make_doc(text)
    s = text.index(name)
    d.entities.append(d.entity("COMPANY", s, s + len(name), source="ner"))
    assert [(e.text, e.type) for e in make_entity_filter(None)(d).entities] == [(name, typ)]


@pytest.mark.parametrize("text, name, places, expected", [
    ("对此，摩根大通证券（中国）经纪业务部负责人", "摩根大通证券", ["中国"], "摩根大通证券（中国）"),
    ("摩根大通、东吴证券(香港)和瑞银作为联席", "东吴证券", ["香港"], "东吴证券(香港)"),
    # a list whose items each give a place: where each one is
    ("分别是字节跳动(北京)、蚂蚁集团(杭州)、希音", "字节跳动", ["北京", "杭州"], "字节跳动"),
    ("覆盖东南亚、GCC（中东）、欧美", "GCC", ["中东"], "GCC"),  # a gloss on a Latin name
    ("摩根大通证券（上海银城中路）", "摩根大通证券", ["上海"], "摩根大通证券"),  # the bracket holds more than the place
])
def test_a_bracketed_place_after_a_company_is_its_regional_arm(text, name, places, expected):
    """GUIDELINES R13: 摩根大通证券（中国） is one COMPANY; the gazetteer's place inside the brackets says where."""
    from extract.stages.basic import make_entity_filter
    d = make_doc(text)
    s = text.index(name)
    d.entities.append(d.entity("COMPANY", s, s + len(name), source="ner"))
    for p in places:
        i = text.index(p)
        d.entities.append(d.entity("LOC", i, i + len(p), source="gazetteer"))
    assert [e.text for e in make_entity_filter(None)(d).entities if e.type == "COMPANY"] == [expected]


@pytest.mark.parametrize("text, name, expected", [
    ("合共2.12亿股万物云股份（按过去30个交易日）", "万物云股份", "万物云"), ("被迫出售苏宁易购股份，接受", "苏宁易购股份", "苏宁易购"),
    ("發行1股非凡股份予計劃股東", "非凡股份", "非凡"),
    ("杭叉集团、新柴股份3家A股公司", "新柴股份", "新柴股份"),  # an A-share short name keeps its 股份
])
def test_shares_of_a_company_leave_gufen_out_of_its_name(text, name, expected):
    """companies.json shares_after: X股份 after a count of shares or a trading verb names X's shares."""
    assert _filtered_company(text, name) == [expected]


@pytest.mark.parametrize("text, name, expected", [
    ("爱柯迪控股股东、实控人", "爱柯迪控股", "爱柯迪"), ("爱博医疗控股子公司福建优", "爱博医疗控股", "爱博医疗"),
    ("大北农控股及参股公司", "大北农控股", "大北农"),
    ("吉利控股集团跻身", "吉利控股", "吉利控股"), ("泛海控股宣布", "泛海控股", "泛海控股"),  # a name's own 控股 stays
])
def test_kongu_before_what_a_company_controls_is_no_part_of_its_name(text, name, expected):
    assert _filtered_company(text, name) == [expected]


@pytest.mark.parametrize("text, name, kept", [
    ("平台上架的DeepSeek-R1模型", "DeepSeek", False), ("对比DeepSeek V3的能力", "DeepSeek", False),
    ("OpenAI-o1正式发布", "OpenAI", False), ("万得DeepSeek指数上涨", "DeepSeek", False),
    ("纳斯达克指数先跌后升", "纳斯达克", False),
    ("谷歌-A上涨", "谷歌", True), ("Zeekr-W上涨", "Zeekr", True), ("xAI 200亿美元", "xAI", True),
    ("英伟达A100显卡", "英伟达", True), ("DeepSeek发布", "DeepSeek", True),
    # spaced or with 系列 (2026-12-06): still the model
    ("支持企业使用 DeepSeek 系列模型构建应用", "DeepSeek", False), ("引入DeepSeek大语言模型", "DeepSeek", False),
    ("在Chatbot Arena上，DeepSeek - R1的表现", "DeepSeek", False), ("DeepSeek 宣布开源", "DeepSeek", True),
])
def test_a_name_followed_by_a_model_code_or_index_is_no_company(text, name, kept):
    """DeepSeek-R1 / DeepSeek指数 name a product or an index: the model's COMPANY there is dropped, and
    propagate spreads no company into it."""
    from extract.stages.basic import make_entity_filter
    from extract.stages.propagate import make_propagate
    d = make_doc(text)
    s = text.index(name)
    d.entities.append(d.entity("COMPANY", s, s + len(name), source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ([name] if kept else [])
    d = make_doc(f"{name}公司宣布。{text}")
    d.entities.append(d.entity("COMPANY", 0, len(name), source="rules"))
    found = [e.start for e in make_propagate(None, min_len=2)(d).entities]
    assert (len(name) + 5 + s in found) == kept


@pytest.mark.parametrize("surface, expected", [
    ("集成电路产业", "集成电路"),      # an industry head stays outside the span (GUIDELINES rule 3)
    ("消費性電子產業", "消費性電子"),  # matched on the simplified view, cut on the text
    ("IT服务商", "IT服务"),            # company-type labels give the sector (R12)
    ("第三产业", "第三产业"),          # a name, not sector + head
    ("云市场", "云市场"),              # one character would be left
    ("制造业", "制造业"),              # 业 is a bound suffix (R8)
])
def test_entity_filter_cuts_industry_heads(surface, expected):
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = f"聚焦{surface}的发展"
    d = make_doc(text)
    d.norm = normalize(text)[0]
    s = text.index(surface)
    d.entities.append(d.entity("INDUSTRY", s, s + len(surface), source="ner"))
    (e,) = make_entity_filter(None)(d).entities
    assert e.text == expected == text[e.start:e.end]


@pytest.mark.parametrize("text, surface, expected", [
    ("2024年中国汽车出口总量达到585万辆", "汽车出口", "汽车"),            # the export of the sector's goods
    ("中国新能源汽车出口量已从2021年增长", "新能源汽车出口", "新能源汽车"),
    ("绿地集团成立新能源汽车出口公司", "新能源汽车出口", "新能源汽车出口"),  # an export firm's trade stays whole
    ("对集团制造业务的鞋履需求大幅提升", "制造业", "制造"),              # 业务 is the business, 业 no part of the sector
    ("为保险业务和研发提供了新的", "保险业", "保险"),
    ("临近京津冀，钢铁消费市场巨大", "钢铁消费", "钢铁"),                # the consumption of the sector's goods
    ("得益于中国新能源汽车消费需求飙升", "新能源汽车消费", "新能源汽车"),
    ("一级行业中可选消费领跌", "可选消费", "可选消费"),                  # a consumer segment keeps 消费
    ("如何打开AI消费市场", "AI消费", "AI消费"),
    ("京东、拼多多等电商三巨头总市值", "电商三", "电商"),                # a count glued to the sector
    ("通信五大行业", "通信五大", "通信"),
    ("聚焦钾、锂双主业", "锂双", "锂"),
    ("是国内钾、锂龙头企业", "锂龙", "锂"),
    ("有的城市第二产业增长较快", "第二产业", "第二产业"),              # an ordinal's sector stays
])
def test_entity_filter_cuts_export_and_business_off_a_sector(text, surface, expected):
    from extract.stages.basic import make_entity_filter
    d = make_doc(text)
    s = text.index(surface)
    d.entities.append(d.entity("INDUSTRY", s, s + len(surface), source="ner"))
    (e,) = make_entity_filter(None)(d).entities
    assert e.text == expected


def test_table_relations_follow_the_key_column():
    import extract
    nlp = extract.load("rules")
    companies = ("| 企业名称 | 细分领域 | 所属区域 |\n|---|---|---|\n"
                 "| 北京旷视科技有限公司 | 人工智能 | 海淀区 |\n")
    d = nlp(companies)
    assert {(r.type, r.head.text, r.tail.text) for r in d.relations} == {
        ("located_in", "北京旷视科技有限公司", "海淀区"), ("in_industry", "北京旷视科技有限公司", "人工智能")}
    places = ("| 省份/城市 | 小巨人数量 | 主要领域 | 代表企业 |\n|---|---|---|---|\n"
              "| 北京 | 800+ | AI、芯片 | 旷视、地平线 |\n")
    d = nlp(places)
    assert {(r.type, r.head.text, r.tail.text) for r in d.relations} == {
        ("located_in", "旷视", "北京"), ("located_in", "地平线", "北京")}
    (fact,) = d.facts
    assert (fact.subject.text, fact.value.text, fact.metric.text) == ("北京", "800+", "小巨人数量")
    assert fact.value.attrs["unit"] == "家" and fact.value.attrs["qualifier"] == "more_than"


@pytest.mark.parametrize("name, kept", [("张伟", True), ("欧阳娜娜", True), ("沐曦", False), ("帕西尼", False),
                                        ("·", False), ("Ullmann", True), ("王", False)])
def test_entity_filter_persons(name, kept):
    from extract.stages.basic import make_entity_filter
    d = make_doc(f"据{name}介绍")
    d.entities.append(d.entity("PERSON", 1, 1 + len(name), source="ner"))
    assert bool(make_entity_filter(None)(d).entities) is kept


def test_merge_trims_whitespace_at_edges():
    d = make_doc("北京市\n武汉市")
    d.entities.append(d.entity("ORG", 0, 4, source="ner"))
    (e,) = make_merger(None)(d).entities
    assert (e.start, e.end, e.text, e.attrs["norm"]) == (0, 3, "北京市", "北京市")


def test_folder_ids_keep_subfolders_apart(tmp_path):
    from extract.io.readers import iter_inputs
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "1.txt").write_text("上海", encoding="utf-8")
    (tmp_path / "y" / "1.txt").write_text("北京", encoding="utf-8")
    (tmp_path / "top.md").write_text("深圳", encoding="utf-8")
    assert [d.id for d in iter_inputs([tmp_path])] == ["top", "x/1", "y/1"]


def test_layers_scale_linearly_in_calls():
    """facts/events look entities up by binary search: sentence_of and entities_between on a long doc."""
    text = "上海企业数量达1026家，位居全国第三。" * 2000
    d = make_doc(text)
    s, e = d.sentence_of(len(text) - 3)
    assert text[s:e] == "上海企业数量达1026家，位居全国第三。"
    ents = [d.entity("LOC", i, i + 2) for i in range(0, len(text), len("上海企业数量达1026家，位居全国第三。"))]
    assert [x.start for x in d.entities_between(19, 60, ents)] == [20, 40]


def _toy_fact_docs() -> list:
    """12 annotated documents: a city's count of companies is a fact about the city; the number given
    again in the next sentence is none."""
    from extract.doc import Fact
    docs = []
    for city, n in (("上海", 1026), ("深圳", 1333), ("北京", 1210)) * 4:
        d = make_doc(f"{city}企业数量达{n}家。在{n}家企业中。", [(city, "LOC"),
                     (f"{n}家", "FIGURE", {"value": n, "unit": "家", "qualifier": "exact"}),
                     (f"{n}家", "FIGURE", {"value": n, "unit": "家", "qualifier": "exact"})])
        d.facts.append(Fact("METRIC", d.entities[0], d.entities[1], d.span(2, 6)))
        docs.append(d)
    return docs


def test_fact_chooser_learns_from_annotated_docs(tmp_path):
    """The learned chooser trains on annotated documents, saves, loads and picks the gold option."""
    from extract.stages.facts.chooser import FactChooser, fit, load, save, training_examples
    docs = _toy_fact_docs()
    chooser = FactChooser()
    examples = training_examples(docs, chooser)
    assert len(examples) == 24 and {y for _, y in examples} == {0, 2}  # no fact / subject = the city
    weights = fit(examples, epochs=100)
    save(weights, tmp_path / "w.json")
    chooser = FactChooser(load(tmp_path / "w.json"))
    test = make_doc("杭州企业数量达400家。在400家企业中。", [("杭州", "LOC"),
                    ("400家", "FIGURE", {"value": 400, "unit": "家", "qualifier": "exact"}),
                    ("400家", "FIGURE", {"value": 400, "unit": "家", "qualifier": "exact"})])
    facts = find_facts(test, FACT_DATA, chooser)
    assert [(f.subject.text, f.value.start) for f in facts] == [("杭州", 7)]


def test_hashed_fact_chooser_learns_saves_and_loads(tmp_path):
    """The hashed-feature chooser (the shipped one) learns the same toy task; the no-fact margin and the
    file format survive a round trip; load_any still reads a dense weights file."""
    from extract.stages.facts.chooser import (FactChooser, HashedFactChooser, fit, fit_hashed, load_any, save,
                                              save_hashed, training_examples)
    docs = _toy_fact_docs()
    examples = training_examples(docs, HashedFactChooser())
    assert len(examples) == 24 and {y for _, y in examples} == {0, 2}
    save_hashed(fit_hashed(examples), tmp_path / "h.json", nofact_margin=0.5, override_margin=0.25)
    chooser = load_any(tmp_path / "h.json")
    assert isinstance(chooser, HashedFactChooser) and chooser.nofact_margin == 0.5 and chooser.override_margin == 0.25
    test = make_doc("杭州企业数量达400家。在400家企业中。", [("杭州", "LOC"),
                    ("400家", "FIGURE", {"value": 400, "unit": "家", "qualifier": "exact"}),
                    ("400家", "FIGURE", {"value": 400, "unit": "家", "qualifier": "exact"})])
    facts = find_facts(test, FACT_DATA, chooser)
    assert [(f.subject.text, f.value.start) for f in facts] == [("杭州", 7)]
    chooser.nofact_margin = -1000.0  # "no fact" always wins: no facts at all
    assert find_facts(test, FACT_DATA, chooser) == []
    chooser.override_margin = 2000.0  # ... unless the rules' own option may never be overridden: the rules' facts
    view = lambda fs: [(f.subject.text if f.subject else None, f.value.start) for f in fs]  # noqa: E731
    assert view(find_facts(test, FACT_DATA, chooser)) == view(find_facts(test, FACT_DATA, None))
    save(fit(training_examples(docs, FactChooser()), epochs=20), tmp_path / "d.json")
    assert type(load_any(tmp_path / "d.json")) is FactChooser


def test_csv_has_one_row_per_table_record_and_jsonl_stays_schema(tmp_path):
    import csv
    import io
    import json as _json
    from extract.run import extract
    src = tmp_path / "t.md"
    src.write_text("| 企业名称 | 细分领域 | 所属区域 |\n|---|---|---|\n"
                   "| 北京旷视科技有限公司 | 人工智能 | 海淀区 |\n| 深圳市大疆创新科技有限公司 | 无人机 | 南山区 |\n",
                   encoding="utf-8")
    buf = io.StringIO()
    extract([src], out=buf, format="csv", model="rules", progress=False)
    rows = [r for r in csv.DictReader(io.StringIO(buf.getvalue())) if r["record"] == "table_row"]
    assert [r["id"] for r in rows] == ["T1R1", "T1R2"]
    assert _json.loads(rows[1]["attrs"])["cells"]["细分领域"] == "无人机"
    buf = io.StringIO()
    extract([src], out=buf, format="jsonl", model="rules", progress=False)
    assert "tables" not in _json.loads(buf.getvalue())


def test_entity_filter_drops_configured_model_types():
    from extract.stages.basic import make_entity_filter
    d = make_doc("上海市浦东新区张江路")
    d.entities.append(d.entity("LOC", 0, 10, source="ner"))
    d.entities.append(d.entity("LOC", 0, 3, source="gazetteer"))
    kept = make_entity_filter(None, drop=["LOC"])(d).entities
    assert [(e.text, e.source) for e in kept] == [("上海市", "gazetteer")]


def test_every_fact_names_a_metric_so_output_validates(seeds_dir=None):
    """SCHEMA §5: a fact's metric span is required; the pipeline's records pass the validator."""
    import extract
    from extract.io.annotations import validate_record
    nlp = extract.load("rules")
    text = "深圳总量达到1333家，超越北京(1210家)和上海(1032家)。在1026家企业中，民营企业有776家。"
    rec = nlp(text, id="v").to_dict()
    assert rec["facts"] and all(f["metric"] for f in rec["facts"])
    assert [str(p) for p in validate_record(rec) if getattr(p, "severity", "error") == "error"] == []


def test_default_model_output_on_the_seeds_validates(seeds):
    """What `zhie extract` writes for the seed texts passes `zhie annotations validate`."""
    import extract
    from extract.io.annotations import validate_record
    nlp = extract.load()
    docs = list(nlp.pipe([(text, name) for name, text in seeds.items()]))
    assert len(docs) == len(seeds) == 5
    assert all(d.entities for d in docs)
    problems = [str(p) for d in docs for p in validate_record(d.to_dict())
                if getattr(p, "severity", "error") == "error"]
    assert problems == []


def test_entity_filter_drops_model_spans_in_links_and_markup():
    from extract.stages.basic import make_entity_filter
    text = "| 旷视 | [megvii.com](https://www.megvii.com) |\n- 证券交易所公开信息"
    d = make_doc(text)
    for surface in ("[megvii.com]", "megvii.com", "- 证券交易所", "旷视"):
        s = text.index(surface)
        d.entities.append(d.entity("COMPANY", s, s + len(surface), source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["旷视"]


def test_a_url_ends_where_chinese_text_is_glued_to_it():
    """A URL is ASCII: the paragraph glued to a research portal's address is no part of the link, and the NER's names
    there stay (the sector 银行 of 银行板块); what is inside the address still goes."""
    from extract.stages.basic import make_entity_filter
    text = "https://www.hibor.com.cn【慧博投研资讯】2024年全年银行板块上涨34.4%，跑赢沪深300指数。"
    d = make_doc(text)
    for surface, typ in (("hibor", "COMPANY"), ("银行", "INDUSTRY")):
        s = text.index(surface)
        d.entities.append(d.entity(typ, s, s + len(surface), source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["银行"]


def test_a_name_in_brackets_glued_to_a_url_is_the_sites_label():
    """https://www.hibor.com.cn【慧博投研资讯】, …cn（慧博投研资讯）: the research portal's watermark is no mention (the news
    gold tags none of them); a name in brackets elsewhere in the paragraph stays."""
    from extract.stages.basic import make_entity_filter
    text = "https://www.hibor.com.cn【慧博投研资讯】据（国家统计局）数据，www.hibor.com.cn（慧博投研资讯）招商银行上涨。"
    d = make_doc(text)
    for surface, typ, at in (("慧博投研资讯", "ORG", 0), ("国家统计局", "ORG", 0), ("慧博投研资讯", "COMPANY", 30),
                             ("招商银行", "COMPANY", 0)):
        s = text.index(surface, at)
        d.entities.append(d.entity(typ, s, s + len(surface), source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["国家统计局", "招商银行"]


def test_align_facts_carries_gold_facts_to_predicted_entities():
    """The fact trainer's alignment: a gold fact survives when its value span was found, with the subject
    found by span or by the same text in the value's sentence; otherwise it is left out."""
    from extract.doc import Fact
    from extract.learn.facts import align_facts
    text = "上海企业数量达1026家。深圳达1333家。"
    fig = {"value": 1, "unit": "家", "qualifier": "exact"}
    gold = make_doc(text, [("上海", "LOC"), ("1026家", "FIGURE", fig), ("深圳", "LOC"), ("1333家", "FIGURE", fig)])
    gold.facts = [Fact("METRIC", gold.entities[0], gold.entities[1]), Fact("METRIC", gold.entities[2], gold.entities[3])]
    pred = make_doc(text, [("上海企业", "ORG"), ("1026家", "FIGURE", fig), ("1333家", "FIGURE", fig)])
    got = [(f.subject.text if f.subject else None, f.value.text) for f in align_facts(pred, gold)]
    assert got == []  # 上海 was not found (上海企业 is another span); 深圳 neither
    pred.entities.insert(0, pred.entity("LOC", 0, 2))
    got = [(f.subject.text, f.value.text) for f in align_facts(pred, gold)]
    assert got == [("上海", "1026家")]


def test_gazetteer_type_none_removes_an_earlier_name(tmp_path):
    from extract.stages.gazetteer import Gazetteer
    a = tmp_path / "a.tsv"
    a.write_text("吉利区\tLOC\n吉利\tLOC\n", encoding="utf-8")
    b = tmp_path / "b.tsv"
    b.write_text("吉利\tNONE\n不存在\tNONE\n", encoding="utf-8")
    g = Gazetteer([a, b], defaults=False)
    assert g.size == 1
    text = "吉利汽车在吉利区建厂"
    assert [(text[s:e], t) for s, e, t in g.find(text)] == [("吉利区", "LOC")]


def test_shipped_gazetteer_leaves_car_makers_and_silver_alone():
    import extract
    d = extract.load("rules")("吉利与长安合作，白银价格上涨，长安区政府表示")
    # the district is a place; with 政府 after it, one ORG (GUIDELINES M7)
    assert [(e.text, e.type) for e in d.entities if e.type in ("LOC", "ORG")] == [("长安区政府", "ORG")]
    d = extract.load("rules")("吉利与长安合作，白银价格上涨，长安区表示")
    assert [(e.text, e.type) for e in d.entities if e.type == "LOC"] == [("长安区", "LOC")]



@pytest.mark.parametrize("text, companies, expected", [
    ("包括华硕、和硕、广达在内的代工厂", ["华硕", "广达"], ["华硕", "和硕", "广达"]),
    ("安捷伦、沃特世和赛默飞等国际巨头", ["安捷伦", "赛默飞"], ["安捷伦", "沃特世", "赛默飞"]),
    ("华硕、今年以来持续增长的笔记本电脑业务、广达", ["华硕", "广达"], ["华硕", "广达"]),  # over 12 characters: no item
    ("华硕，和硕，广达", ["华硕", "广达"], ["华硕", "广达"]),                         # not an enumeration with 、
])
def test_propagate_completes_a_list_between_two_companies(text, companies, expected):
    """propagate.v1 (lists): the item of a 、 enumeration between two companies is a company too."""
    from extract.stages.propagate import make_propagate
    d = make_doc(text)
    for name in companies:
        s = text.index(name)
        d.entities.append(d.entity("COMPANY", s, s + len(name), source="ner"))
    out = make_propagate(None)(d)
    assert [e.text for e in out.entities if e.type == "COMPANY"] == expected


def test_propagate_completes_industry_lists_too_but_not_across_types():
    from extract.stages.propagate import make_propagate
    text = "产品包括外科器械、高端影像设备、介入器械等"
    d = make_doc(text)
    for name in ("外科器械", "介入器械"):
        s = text.index(name)
        d.entities.append(d.entity("INDUSTRY", s, s + len(name), source="ner"))
    assert [e.text for e in make_propagate(None)(d).entities] == ["外科器械", "高端影像设备", "介入器械"]
    d = make_doc(text)
    s = text.index("外科器械")
    d.entities.append(d.entity("INDUSTRY", s, s + 4, source="ner"))
    s = text.index("介入器械")
    d.entities.append(d.entity("COMPANY", s, s + 4, source="ner"))
    assert [e.text for e in make_propagate(None)(d).entities] == ["外科器械", "介入器械"]


def test_a_photo_credit_leaves_the_person():
    from extract.stages.basic import make_entity_filter
    text = "（記者方韋傑攝）"
    d = make_doc(text)
    d.entities.append(d.entity("PERSON", 3, 7, source="ner"))
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["方韋傑"]


def test_every_layer_agrees_across_scripts():
    """The same article in either script gives the same output, layer by layer (the relation classifier once read
    the original characters of a name, so 铝业 and 鋁業 weighed differently)."""
    import opencc

    import extract
    nlp = extract.load()
    simp = ("星云电视是一家专注于电视业务的公司，总部位于深圳。美国钢铁公司、北辰材料等钢铁和铝业股普遍上涨。"
            "公司营业收入12亿元，同比增长12%。红杉中国领投星云电视2亿元B轮融资。")
    trad = opencc.OpenCC("s2t").convert(simp)
    assert trad != simp and len(trad) == len(simp)
    ds, dt = nlp(simp), nlp(trad)

    def layers(d):
        return ({(e.type, e.start, e.end) for e in d.entities},
                {(r.type, r.head.start, r.head.end, r.tail.start, r.tail.end) for r in d.relations},
                {(f.type, f.value.start, f.subject and f.subject.start, f.metric and (f.metric.start, f.metric.end))
                 for f in d.facts},
                {(e.trigger.start, tuple(sorted((a.role, (a.ref or a.span).start) for a in e.arguments)))
                 for e in d.events})
    assert layers(ds) == layers(dt)
    assert ds.relations and ds.facts and ds.events


def test_a_model_company_that_starts_with_a_market_word_is_that_market_sector():
    """(entity_filter.v1) 中資科技股 → INDUSTRY 科技; 中資 alone → nothing; 港股通金融ETF stays (a fund)."""
    from extract.stages.basic import make_entity_filter
    text = "四大中資科技股吸資，本港上市的中資股，港股通金融ETF跟踪指数。"
    d = make_doc(text)
    d.entities = []
    for w in ("中資科技", "中資", "港股通金融ETF"):
        i = text.index(w, 8) if w == "中資" else text.index(w)
        d.entities.append(d.entity("COMPANY", i, i + len(w), source="ner"))
    got = make_entity_filter(None)(d)
    assert [(e.text, e.type) for e in got.entities] == [("科技", "INDUSTRY"), ("港股通金融ETF", "COMPANY")]


def test_a_product_word_before_a_short_name_head_is_a_class_of_products():
    from extract.stages.recognizers.companies import ShortCompanyRecognizer
    found = ShortCompanyRecognizer().find(make_doc("；割草机器人渗透率不足10%，锐湃机器人发布新品，具身智能赛道火热"))
    assert [(e.text, e.type) for e in found] == [("割草机器人", "INDUSTRY"), ("锐湃机器人", "COMPANY"),
                                                  ("具身智能", "INDUSTRY")]



@pytest.mark.parametrize("text, surface, expected", [
    ("多台宇树人形机器人登台", "宇树人形机器人", "宇树"),     # a product noun (companies.json product_after)
    ("爱柯迪控股股东减持", "爱柯迪控股", "爱柯迪"),          # 控股 before 股东
])
def test_entity_filter_repairs_the_rule_recognizers_company_edges(text, surface, expected):
    from extract.stages.basic import make_entity_filter
    d = make_doc(text)
    s = text.index(surface)
    d.entities.append(d.entity("COMPANY", s, s + len(surface), source="rules"))
    (e,) = make_entity_filter(None)(d).entities
    assert e.text == expected
