"""invested_in from stated stakes (extract/stages/relations/stakes.py), on hand-placed entities."""
import pytest

from docs import make_doc
from extract.stages.relations.stakes import stake_relations

C, O = "COMPANY", "ORG"


def pairs(text, spans):
    d = make_doc(text, spans)
    return sorted((r.head.text, r.tail.text) for r in stake_relations(d) if r.type == "invested_in")


@pytest.mark.parametrize("text, spans, expected", [
    # a holder's trade, and the same holder going on
    ("期内，甲基金增持乙科技317万股，增持丙电商184万股；增持丁银行40万股。",
     [("甲基金", C), ("乙科技", C), ("丙电商", C), ("丁银行", C)],
     [("甲基金", "丁银行"), ("甲基金", "丙电商"), ("甲基金", "乙科技")]),
    ("平安资管增持邮储行（1658）。", [("平安资管", C), ("邮储行", C)], [("平安资管", "邮储行")]),
    # a shareholder named, both ways round, and a holding body
    ("佐丹奴大股东周大福控股在去年曾要求召开股东大会。", [("佐丹奴", C), ("周大福控股", C)], [("周大福控股", "佐丹奴")]),
    ("辽宁农商行的第一大股东为辽宁金控。", [("辽宁农商行", C), ("辽宁金控", C)], [("辽宁金控", "辽宁农商行")]),
    ("珠投智能成为广汽蔚来第一大股东。", [("珠投智能", C), ("广汽蔚来", C)], [("珠投智能", "广汽蔚来")]),
    ("河南投资集团由河南省财政厅100%持股。", [("河南投资集团", C), ("河南省财政厅", O)], [("河南省财政厅", "河南投资集团")]),
    # a shareholding listed after a structure cue
    ("宜宾银行在上市后的股东架构中，五粮液集团持股16.99%；宜宾市财政局持股16.988%。",
     [("宜宾银行", C), ("五粮液集团", C), ("宜宾市财政局", O)],
     [("五粮液集团", "宜宾银行"), ("宜宾市财政局", "宜宾银行")]),
    # holders listed with their percentages and no cue: the company opening the sentence, else the last one named
    # before it that is no investor of its clause, kept into the next sentence; a pair already stated is left out
    ("苏宁置业，张近东持股55%，张康阳持股8.5%，苏宁电器集团持股36.4%。",
     [("苏宁置业", C), ("张近东", "PERSON"), ("张康阳", "PERSON"), ("苏宁电器集团", C)], [("苏宁电器集团", "苏宁置业")]),
    ("甲乙医药的C轮融资由丙丁资本领投。IPO前，戊己创投持股11.4%，庚辛基金持股9.9%；\n\n壬癸资本持股为17.4%，子丑基金持股为5.5%。",
     [("甲乙医药", C), ("丙丁资本", C), ("戊己创投", C), ("庚辛基金", C), ("壬癸资本", C), ("子丑基金", C)],
     [("壬癸资本", "甲乙医药"), ("子丑基金", "甲乙医药"), ("庚辛基金", "甲乙医药"), ("戊己创投", "甲乙医药")]),
    ("甲乙医药，戊己创投持股11.4%，庚辛基金持股9.9%。IPO后，戊己创投持股8%，庚辛基金持股7%。",
     [("甲乙医药", C), ("戊己创投", C), ("庚辛基金", C), ("戊己创投", C), ("庚辛基金", C)],
     [("庚辛基金", "甲乙医药"), ("戊己创投", "甲乙医药")]),
    ("甲乙医药表示，戊己创投持股11.4%，庚辛基金持股9.9%。", [("甲乙医药", C), ("戊己创投", C), ("庚辛基金", C)], []),
    # a stake bought by two buyers
    ("中策海潮与上海彤中分别收购中策橡胶46.95%和10.16%股权。", [("中策海潮", C), ("上海彤中", C), ("中策橡胶", C)],
     [("上海彤中", "中策橡胶"), ("中策海潮", "中策橡胶")]),
    # a stake bought for a stated price
    ("甲乙集团宣布以149亿元收购丙丁中国80%股权。", [("甲乙集团", C), ("丙丁中国", C)], [("甲乙集团", "丙丁中国")]),
    ("甲乙乳业斥资2.31亿元收购丙丁牧业60%股权。", [("甲乙乳业", C), ("丙丁牧业", C)], [("甲乙乳业", "丙丁牧业")]),
    ("甲乙集团以149亿元收购丙丁中国。", [("甲乙集团", C), ("丙丁中国", C)], []),  # the whole company: no stake
    # backers before the company; only a list joined by separators
    ("获谷歌和亚马逊投资的Anthropic估值已达600亿美元。", [("谷歌", C), ("亚马逊", C), ("Anthropic", C)],
     [("亚马逊", "Anthropic"), ("谷歌", "Anthropic")]),
    ("由OpenAI前员工创立、获谷歌投资的Anthropic。", [("OpenAI", C), ("谷歌", C), ("Anthropic", C)],
     [("谷歌", "Anthropic")]),
    # a portfolio: the clause's investor, else the sentence's first
    ("此前，小米已投资多家激光雷达企业，如禾赛科技、速腾聚创等，还涉足传感器领域，投资了思特威、格科微等企业。",
     [("小米", C), ("禾赛科技", C), ("速腾聚创", C), ("思特威", C), ("格科微", C)],
     [("小米", "思特威"), ("小米", "格科微"), ("小米", "禾赛科技"), ("小米", "速腾聚创")]),
    ("为了避免被OpenAI套牢，微软还投资了被称为“欧洲版OpenAI”的法国初创公司Mistral AI。",
     [("OpenAI", C), ("微软", C), ("OpenAI", C), ("Mistral AI", C)], [("微软", "Mistral AI")]),
    # a fund's holdings: the investor named in an earlier clause
    ("以甲基金为例，截至去年底，该基金前十大重仓股包括北特科技、兆威机电等。",
     [("甲基金", C), ("北特科技", C), ("兆威机电", C)], [("甲基金", "兆威机电"), ("甲基金", "北特科技")]),
    ("港投公司列举投资对象，包括康诺思腾。", [("港投公司", C), ("康诺思腾", C)], [("港投公司", "康诺思腾")]),
    # a fund's trades listed after the verb (13F filings): 甲减持了一些…股，包括乙、丙
    ("不过，景林也减持了一些正当红的科技股，包括台积电（TSM.US）、苹果（AAPL.US）。",
     [("景林", C), ("台积电", C), ("苹果", C)], [("景林", "台积电"), ("景林", "苹果")]),
    # joint ventures, three ways of naming them
    ("星际之门是软银、OpenAI和甲骨文公司之间的合资企业。", [("星际之门", C), ("软银", C), ("OpenAI", C), ("甲骨文", C)],
     [("OpenAI", "星际之门"), ("甲骨文", "星际之门"), ("软银", "星际之门")]),
    ("软银和OpenAI还宣布成立一家名为“SB OpenAI Japan”的合资企业。",
     [("软银", C), ("OpenAI", C), ("SB OpenAI Japan", C)], [("OpenAI", "SB OpenAI Japan"), ("软银", "SB OpenAI Japan")]),
    # a past part in a round or a founding; a plan (将考虑参与) and an adviser (协助参与) are none
    ("值得留意的是，红杉资本先前已参与 OpenAI 与马斯克旗下 xAI 的融资，如今再押注。",
     [("红杉资本", C), ("OpenAI", C), ("马斯克", "PERSON"), ("xAI", C)], [("红杉资本", "OpenAI"), ("红杉资本", "xAI")]),
    ("中国信达以及某国有银行则参与了山西农商行的组建。", [("中国信达", C), ("山西农商行", C)], [("中国信达", "山西农商行")]),
    ("辉达将考虑参与OpenAI下一轮募资。", [("辉达", C), ("OpenAI", C)], []),
    ("非常荣幸劢柏资本协助参与了纳美信生物本轮的融资。", [("劢柏资本", C), ("纳美信生物", C)], []),
    # capital put in: the company founded or joined after the list, else the one raising in the sentence before 其中
    ("约定由甲管理公司作为基金管理人出资1万元，乙有限出资1.6亿元，共同发起设立丙子基金。",
     [("甲管理公司", C), ("乙有限", C), ("丙子基金", C)], [("乙有限", "丙子基金"), ("甲管理公司", "丙子基金")]),
    ("其通过控股的甲教育出资1000万元，成为乙创投（有限合伙）的LP。", [("甲教育", C), ("乙创投（有限合伙）", C)],
     [("甲教育", "乙创投（有限合伙）")]),
    ("2021年1月，甲蔚来实施增资扩股方案，共计增资约24亿元。其中，乙埃安增资约4.8亿元，丙智能作为战略投资者增资约19亿元。",
     [("2021年1月", "DATE"), ("甲蔚来", C), ("乙埃安", C), ("丙智能", C)], [("丙智能", "甲蔚来"), ("乙埃安", "甲蔚来")]),
    ("甲科技出资1亿元。", [("甲科技", C)], []),
    # a backer behind a company: the company named before the cue, or the one 背靠甲的 qualifies; no name after it
    ("与甲九天一样，乙半导体背后同样站着丙聚源。", [("甲九天", C), ("乙半导体", C), ("丙聚源", C)], [("丙聚源", "乙半导体")]),
    ("乙航天成功发射了卫星，其背后有甲歌和丙天等科技巨头的战略投资支持。", [("乙航天", C), ("甲歌", C), ("丙天", C)],
     [("丙天", "乙航天"), ("甲歌", "乙航天")]),
    ("目前，背靠甲里的乙了么，以及丙团是两大巨头。", [("甲里", C), ("乙了么", C), ("丙团", C)], [("甲里", "乙了么")]),
    ("乙航天发射了卫星。“蓝鸟”卫星速度很快，其背后有甲歌的投资。", [("乙航天", C), ("甲歌", C)], [("甲歌", "乙航天")]),
    # a stake bought after a date or a comma; a holder going on past a name the recognizers missed
    ("甲资本于2019年以2500万美元收购了 乙银行 27% 的股份。", [("甲资本", C), ("乙银行", C)], [("甲资本", "乙银行")]),
    ("丙基金，出资31.82亿元收购乙易购5.59%股权。", [("丙基金", C), ("乙易购", C)], [("丙基金", "乙易购")]),
    ("期内，甲基金增持乙科技317万股，增持丙壳40万股，增持丁度10万股。", [("甲基金", C), ("乙科技", C), ("丁度", C)],
     [("甲基金", "丁度"), ("甲基金", "乙科技")]),
    ("背靠广袤的下沉市场，甲冰城一度跻身前十大客户。", [("甲冰城", C)], []),
    # a group's holdings; the founders of a joint company (session 55)
    ("甲系在多家企业股份占比超过10%，控股参股乙股份、丙快递等多家上市公司。", [("甲系", C), ("乙股份", C), ("丙快递", C)],
     [("甲系", "丙快递"), ("甲系", "乙股份")]),
    ("彼时，甲集团宣布与乙汽车有限公司合作，共同设立甲乙，计划总投资为12.8亿元。",
     [("甲集团", C), ("乙汽车有限公司", C), ("甲乙", C)], [("乙汽车有限公司", "甲乙"), ("甲集团", "甲乙")]),
    ("丙药业成立于2018年，由甲资本（Vivo）携手丹麦领军企业乙dis成立的生物制药企业。",
     [("丙药业", C), ("甲资本", C), ("Vivo", "ORG"), ("乙dis", C)], [("乙dis", "丙药业"), ("甲资本", "丙药业")]),
    ("甲集团与乙科技共同成立了研究院。", [("甲集团", C), ("乙科技", C)], []),
    # not stakes: a customer, a punctuation break before the next company, a whole company bought
    ("甲科技的客户包括乙银行。", [("甲科技", C), ("乙银行", C)], []),
    ("英特尔与台积电成立合资企业，刺激英特尔股价上涨。", [("英特尔", C), ("台积电", C), ("英特尔", C)], []),
    ("甲集团收购乙科技，交易金额未披露。", [("甲集团", C), ("乙科技", C)], []),
])
def test_stated_stakes_give_invested_in(text, spans, expected):
    assert pairs(text, spans) == expected


def test_the_component_adds_stakes_once_beside_the_patterns():
    from extract.stages.relations.rules import RelationsComponent
    d = make_doc("乙科技的股东包括甲基金。甲基金增持乙科技。", [("乙科技", C), ("甲基金", C), ("甲基金", C), ("乙科技", C)])
    RelationsComponent()(d)
    got = sorted((r.head.start, r.tail.start) for r in d.relations if r.type == "invested_in")
    assert got == [(8, 0), (12, 17)]
