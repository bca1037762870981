"""industry_apposition.v1: the sector before a company-type head noun before a company's name (GUIDELINES R12)."""
import pytest

from extract.doc import Document
from extract.stages.industry_apposition import IndustryApposition
from extract.stages.relations.rules import apposition_relations
from extract.textnorm import normalize


def run(text: str, company: str, others=()):
    d = Document(text)
    d.norm, d.script = normalize(text)
    s = text.index(company)
    c = d.entity("COMPANY", s, s + len(company), source="ner")
    d.entities.append(c)
    for typ, w in others:
        k = text.index(w)
        d.entities.append(d.entity(typ, k, k + len(w), source="gazetteer"))
    IndustryApposition()(d)
    return d


@pytest.mark.parametrize("text, company, others, sector", [
    ("日本最大的炼油商Eneos将出售股份", "Eneos", [("LOC", "日本")], "炼油"),
    ("超过去年地铁运营商Tokyo Metro的上市", "Tokyo Metro", [("DATE", "去年")], "地铁运营"),   # 运营 stays in the sector
    ("由日本人力资源顾问巨头PERSOL Holdings领投", "PERSOL Holdings", [("LOC", "日本")], "人力资源顾问"),
    ("HR SaaS服务商「Glints」获融资", "Glints", [], "HR SaaS"),                   # a Latin sector keeps its space
    ("新股機電工程承建商金葉國際趕第三季", "金葉國際", [], "機電工程"),           # cut on the text, read simplified
    ("全球半导体材料主要供应商JX Advanced Metals寻求上市", "JX Advanced Metals", [], "半导体材料"),
    ("宣布旗下人工智能初创公司xAI", "xAI", [], "人工智能"),                       # 旗下 and 初创 are no sector
    ("家电公司美的集团宣布", "美的集团", [], "家电"),
    ("A股上市公司三六零公告", "三六零", [], None),                                # 上市 names no sector
    ("跨境电商希音申请上市", "希音", [], None),                                   # 电商 is the sector, no head noun
    ("该公司Poema宣布", "Poema", [], None),                                         # nothing before the head noun
    ("与沙特阿美的技术子公司Aramco Digital达成协议", "Aramco Digital", [], None),  # 子公司 is a head; 技术 no sector
    ("教育行业一站式解决方案云平台螳螂科技宣布", "螳螂科技", [], None),          # a solution, not a sector
])
def test_the_sector_of_an_apposition(text, company, others, sector):
    d = run(text, company, others)
    found = [e.text for e in d.entities if e.type == "INDUSTRY"]
    assert found == ([sector] if sector else [])
    if sector:
        rels = [(r.type, r.head.text, r.tail.text) for r in apposition_relations(d) if r.type == "in_industry"]
        assert rels == [("in_industry", company, sector)]


def test_an_entity_already_there_is_kept():
    d = run("电动汽车电池制造商Northvolt破产", "Northvolt", [("INDUSTRY", "电动汽车")])
    assert [(e.text, e.source) for e in d.entities if e.type == "INDUSTRY"] == [("电动汽车", "gazetteer")]
    assert apposition_relations(d) == []  # 电动汽车 does not end at the head noun


def test_the_default_model_runs_it_before_relations():
    from extract.pipeline import load
    names = load().pipe_names
    assert names.index("propagate") < names.index("industry_apposition") < names.index("relations")


def test_a_place_before_the_apposition_locates_the_company():
    d = run("瑞典电动汽车电池制造商Northvolt申请破产", "Northvolt", [("LOC", "瑞典")])
    assert sorted((r.type, r.head.text, r.tail.text) for r in apposition_relations(d)) == [
        ("in_industry", "Northvolt", "电动汽车电池"), ("located_in", "Northvolt", "瑞典")]
    d = run("中国公司卫龙宣布", "卫龙", [("LOC", "中国")])
    assert [(r.type, r.tail.text) for r in apposition_relations(d)] == [("located_in", "中国")]
    d = run("中国的公司卫龙宣布", "卫龙", [("LOC", "中国")])  # 的 between: the wider place-descriptor shape
    assert [(r.type, r.tail.text) for r in apposition_relations(d)] == [("located_in", "中国")]
    d = run("中国对公司卫龙的调查", "卫龙", [("LOC", "中国")])  # a verb between: neither
    assert apposition_relations(d) == []


@pytest.mark.parametrize("text, company, place, located", [
    ("台湾的长荣航空公布", "长荣航空", "台湾", True),
    ("被称为\"俄罗斯的谷歌\"的公司", "谷歌", "俄罗斯", False),  # a likeness
])
def test_a_place_and_de_before_the_company_locates_it(text, company, place, located):
    d = run(text, company, [("LOC", place)])
    assert [(r.type, r.tail.text) for r in apposition_relations(d)] == ([("located_in", place)] if located else [])


def test_a_sector_and_de_before_a_list_of_companies():
    d = run("歸類在「消費性電子產業」的華碩、宏碁與創見資訊，今年合計", "華碩",
            [("INDUSTRY", "消費性電子"), ("COMPANY", "宏碁"), ("COMPANY", "創見資訊")])
    assert sorted(r.head.text for r in apposition_relations(d) if r.type == "in_industry") == ["創見資訊", "宏碁", "華碩"]


@pytest.mark.parametrize("text, spans, expected", [
    ("美国顶尖社媒Snapchat的视频大模型", [("美国", "LOC"), ("Snapchat", "COMPANY")], [("Snapchat", "美国")]),
    ("新加坡的上市饮品公司杨协成", [("新加坡", "LOC"), ("杨协成", "COMPANY")], [("杨协成", "新加坡")]),
    ("中国杭州的一家AI企业DeepSeek", [("中国杭州", "LOC"), ("AI", "INDUSTRY"), ("DeepSeek", "COMPANY")],
     [("DeepSeek", "中国杭州")]),
    ("美国连锁折扣卖场沃尔玛", [("美国", "LOC"), ("连锁折扣", "INDUSTRY"), ("沃尔玛", "COMPANY")], [("沃尔玛", "美国")]),
    ("中国竞争对手比亚迪1月份共售出", [("中国", "LOC"), ("比亚迪", "COMPANY")], [("比亚迪", "中国")]),  # 对手 is a head
    # spaces around Latin words in the descriptor are passed over
    ("北京的 AI 基础设施初创公司 SiliconFlow 达成合作", [("北京", "LOC"), ("AI 基础设施", "INDUSTRY"),
                                                  ("SiliconFlow", "COMPANY")], [("SiliconFlow", "北京")]),
    ("韩国企业 Dowoo Insys", [("韩国", "LOC"), ("Dowoo Insys", "COMPANY")], [("Dowoo Insys", "韩国")]),
    # not: another name between, punctuation, a likeness, no head noun
    ("美国对华为的制裁", [("美国", "LOC"), ("华为", "COMPANY")], []),
    ("德国，工业巨头蒂森克虏伯", [("德国", "LOC"), ("蒂森克虏伯", "COMPANY")], []),
    ("被称为俄罗斯的搜索公司Yandex", [("俄罗斯", "LOC"), ("Yandex", "COMPANY")], []),
    ("日本松下与美国公司特斯拉", [("日本", "LOC"), ("松下", "COMPANY"), ("美国", "LOC"), ("特斯拉", "COMPANY")],
     [("特斯拉", "美国")]),
])
def test_place_and_descriptor_before_a_company(text, spans, expected):
    from docs import make_doc
    d = make_doc(text, spans)
    got = sorted((r.head.text, r.tail.text) for r in apposition_relations(d) if r.type == "located_in")
    assert got == expected
