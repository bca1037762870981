"""RANK recognizer: ordinals and top-N with scope, from the seed documents."""
import pytest

from extract.doc import Document
from extract.stages.recognizers import find_ranks
from extract.textnorm import normalize


def make_doc(text: str) -> Document:
    d = Document(text)
    d.norm, d.script = normalize(text)
    return d


def ranks(text: str) -> dict:
    return {e.text: e for e in find_ranks(make_doc(text))}


# (fragment, span, rank, top, scope)
CASES = [
    # markdown bold between scope and rank: the span is the bold ordinal, the scope stays an attr
    ("上海**64**家,位列全国**第二**", "第二", 2, None, "全国"),
    ("位列全国**第一**、全球**第二**", "第二", 2, None, "全球"),
    ("國家級專精特新“小巨人”企業數量首次突破1000家,達1026家,總量位居全國第三。", "全國第三", 3, None, "全国"),
    ("松江區高新技術企業數量在幾年內躍升數倍,總量穩居全市第三。", "全市第三", 3, None, "全市"),
    ("上海新陽半導體的高新技術成果轉化項目獲評“市高轉十強”", "十強", None, 10, None),
    ("深圳以347家的新增數量位居全國城市首位", "全國城市首位", 1, None, "全国"),
    ("超越北京(1210家)和上海(1032家),登頂全國第一。", "全國第一", 1, None, "全国"),
    ("雷鳥創新拿下全球及中國AR市場銷量第一", "第一", 1, None, "全球"),  # N20a: the broad scope of the clause
    ("便在全球消費級3D列印市場做到第一", "第一", 1, None, None),
    ("超越京滬深圳登頂專精特新第一城", "第一城", 1, None, "城市"),
    ("中国**343**家独角兽企业上榜，其中，上海企业**64**家，位列全国**第二**", "第二", 2, None, "全国"),
    ("其中上海**73**家，比上年增加**6**家，位列全国**第一**、全球**第二**", "第一", 1, None, "全国"),
    ("其中上海**73**家，比上年增加**6**家，位列全国**第一**、全球**第二**", "第二", 2, None, "全球"),
    ("“小巨人”数量最多的前10个省份分别为浙江、广东、山东", "前10", None, 10, "省份"),
    ("前 10 个城市占全部城市数量的 3.3%", "前 10", None, 10, "城市"),
    ("“小巨人”数量最多的前 10 个区县分别为北京海淀区", "前 10", None, 10, "区县"),
    ("| 特色化 | 细分市场占有率全国前10%或省内前5% |", "全国前10%", None, 10, "全国"),
    ("| 特色化 | 细分市场占有率全国前10%或省内前5% |", "省内前5%", None, 5, "全省"),
    ("| 浙江大华技术股份有限公司 | 安防 | 全球安防第二 |", "第二", 2, None, "全球"),
    ("授权发明专利量全国排名第四", "全国排名第四", 4, None, "全国"),
    ("授权发明专利量全国排名第十二", "全国排名第十二", 12, None, "全国"),
    ("数量排名第一的北京海淀区", "第一", 1, None, None),
    ("其中，排名\n第一的北京海淀区", "第一", 1, None, None),
    ("各项指标按名次选取 TOP3 ；各项", "TOP3", None, 3, None),
    ("科创能力雷达 TOP3亮点产业", "TOP3", None, 3, None),
    # SCHEMA examples
    ("深圳位居榜首", "榜首", 1, None, None),
    ("总量居全国首位", "全国首位", 1, None, "全国"),
    ("销量排名居首", "首", 1, None, None),
    ("获得第二名", "第二名", 2, None, None),
    ("位列行业前五", "前五", None, 5, "行业"),  # 行业 stays outside (news gold; GUIDELINES RANK scopes)
    ("跻身世界500强", "世界500强", None, 500, "全球"),
    ("排名倒数第一", "倒数第一", -1, None, None),
    ("排在最后一名", "最后一名", -1, None, None),
    ("Top 10 城市", "Top 10", None, 10, "城市"),
    ("全省第1位", "全省第1位", 1, None, "全省"),
    # news classes (ZhIE-News dev), constructed sentences
    ("按销量计，奥克斯是全球第五大空调提供商", "全球第五大", 5, None, "全球"),
    ("与前五大客户的合作均超过15年", "前五大", None, 5, None),
    ("今年共四家企业挺进全球500大品牌", "全球500大", None, 500, "全球"),
    ("台湾20大国际品牌价值揭晓", "20大", None, 20, None),
    ("蝉联全球收入榜冠军", "冠军", 1, None, "全球"),
    ("全球营收第三，国内排名第二", "国内排名第二", 2, None, "全国"),  # the scope right before wins, not across a comma
    ("全球营收增长，位列第二", "第二", 2, None, None),
    ("全国高新技术企业数量达到两万多家的城市中排第五", "第五", 5, None, None),  # beyond the 12-character window
    ("获得下载榜亚军", "亚军", 2, None, None),
    ("销量做到**第一**名", "第一", 1, None, None),  # the bold part ends the span (was: 名)
]


@pytest.mark.parametrize("text, span, rank, top, scope", CASES)
def test_rank(text, span, rank, top, scope):
    found = ranks(text)
    assert span in found, f"{span!r} not in {list(found)}"
    a = found[span].attrs
    assert a.get("rank") == rank and a.get("top") == top and a["scope"] == scope
    assert found[span].type == "RANK"


NEGATIVES = [
    ("经纬创投投资并陪伴成长的国家级“小巨人”企业总数已达90家，其中在第七批中就有19家", "第七"),
    ("隨著全國第七批專精特新“小巨人”企業名單公示", "全國第七"),
    ("· 第一章节梳理基本情况，从数量和规模以及融", "第一"),
    ("2019 年第一批入选公示 248 家", "第一"),
    ("第2批**49**家上海市创新型企业总部获授牌", "第2"),
    ("第二批**12**家长三角创新联合体成立", "第二"),
    ("与前三批相比，第四批“小巨人”企业规模更小", "前三"),
    ("与第二、三批接近", "第二"),
    ("数据来源：工信部第一至第五批专精特新\"小巨人\"企业公示名单", "第一"),
    ("首次体外解析减数分裂DNA双链断裂分子机制", "首"),
    ("联合复旦大学开发全球首款覆盖可见-近红外宽光谱的碲纳米线视网膜假体", "首"),
    ("8家跨国公司及行业龙头企业成为首批链主企业", "首"),
    ("行业聚焦上，第四批“小巨人”更加深度聚焦十大重点产业领域", "十大"),
    ("上海三大先導產業構成核心骨架", "三大"),
    ("前三季度营收", "前三"),
    ("第20届年会", "第20"),
    ("四大行业贡献过半", "四大"),
    ("4大领域齐发力", "4大"),  # N大 with N < 10 counts, it does not rank
    ("学习贯彻党的二十大精神", "二十大"),
    ("获评制造业单项冠军企业", "冠军"),  # a programme's title
    ("位于第一大道东侧", "第一大"),
    # ordinals of weeks, waves, sessions, stores, branches and fiscal quarters (news training data, session 18)
    ("本周是开赛第一周", "第一"),
    ("正处于第二波行情启动的初期", "第二"),
    ("在第二场炉边对话中", "第二"),
    ("山姆开设第52间分店", "第52"),
    ("拉萨东环路第一营业部", "第一"),
    ("中国电商第一股麦考林", "第一"),
    ("第二财季营收", "第二"),
    # the first quarters as Taiwan and Hong Kong news write them, and the items before (RANKING batches, session 53)
    ("墨西哥工厂前三季利润不达预期", "前三"),
    ("在前两项基础上延长锁定期", "前两"),
]


@pytest.mark.parametrize("text, not_span", NEGATIVES)
def test_not_a_rank(text, not_span):
    assert not_span not in ranks(text)


def test_first_company_to_is_not_a_rank():
    assert ranks("全国首家实现量产的企业") == {}


def test_epithet_noun_needs_a_word_end():
    # 第五人格 (a game) and 第一人民医院 (a hospital) keep 人 out (session 55)
    assert set(ranks("凭借《第五人格》的")) == {"第五"}
    assert "第一人" not in ranks("附属第一人民医院")


def test_batch_list_gives_nothing():
    assert ranks("第一批、第二批和第三批名单") == {}


# ------------------------------------------------------------ boundaries found by mutation testing
@pytest.mark.parametrize("text, span, start, attrs", [
    ("全国排名第一", "全国排名第一", 0, {"rank": 1, "scope": "全国"}),   # the scope verb at position 0
    ("全国** 第一**", "第一", 5, {"rank": 1, "scope": "全国"}),         # bold and a space before the ordinal
    ("倒数第三", "倒数第三", 0, {"rank": -3, "scope": None}),
    ("前10%的企业", "前10%", 0, {"top": 10, "percent": True, "scope": None}),
    ("前10个城市", "前10", 0, {"top": 10, "scope": "城市"}),
    ("No.1", "No.1", 0, {"rank": 1, "scope": None}),
    # a scope that stays outside the span stays outside before 排名 too (the news and RANKING-batch gold: 5 of 5)
    ("座椅行业排名第一", "第一", 6, {"rank": 1, "scope": "行业"}),
    ("科技集群城市排名第14位", "第14位", 8, {"rank": 14, "scope": "城市"}),
    # session 55: 倒数第一 keeps 位 like any 倒数第N位; 排行榜首位 is 首位; the epithet 第一人 keeps 人 (news train gold)
    ("今年1月排在倒数第一位，", "倒数第一位", 6, {"rank": -1, "scope": None}),
    ("下载排行榜首位，", "首位", 5, {"rank": 1, "scope": None}),
    ("被视为量化投身AI创业第一人。", "第一人", 11, {"rank": 1, "scope": None}),
])
def test_rank_spans_and_attrs(text, span, start, attrs):
    found = ranks(text)
    assert span in found, list(found)
    e = found[span]
    assert (e.start, e.end, e.source) == (start, start + len(span), "rules")
    assert {k: v for k, v in e.attrs.items() if k != "norm"} == attrs


@pytest.mark.parametrize("text", ["No.0", "第0名", "全省第0"])
def test_rank_zero_is_no_rank(text):
    assert ranks(text) == {}


def test_a_refused_rank_does_not_end_the_search():
    assert sorted(ranks("位列全国第二，第0位，全国第三")) == ["全国第三", "全国第二"]


@pytest.mark.parametrize("text, dates, ranks", [
    ("台積電預期2025年第四季營收將介於", ["2025年第四季"], []),
    ("去年第4季台積電市占率", ["去年第4季"], []),
    ("第二季營收季增", ["第二季"], []),
    ("生产了中国的第一架飞机、第一台电风扇", [], []),
    ("已经是第6任基金经理", [], []),
    ("位居全国第一", [], ["全国第一"]),
])
def test_quarters_and_item_ordinals_are_not_ranks(text, dates, ranks):
    """第N季 is a quarter (Taiwan and Hong Kong news), 第一台/第6任 count items in order: no RANK."""
    from extract.pipeline import load
    doc = load("rules")(text)
    assert [e.text for e in doc.entities if e.type == "DATE"] == dates
    assert [e.text for e in doc.entities if e.type == "RANK"] == ranks


@pytest.mark.parametrize("text, ranks", [("肖智勇介绍，目前四大运营商均已入驻", []), ("此前三年", []), ("节前五天", []),
                                         ("排名前四的城市", ["前四"]), ("位列前五", ["前五"])])
def test_qian_ending_a_word_opens_no_top_n(text, ranks):
    """目前四大 / 此前三年: 前 ends a word (目前, 此前, 节前 …), it does not open a top-N."""
    from extract.pipeline import load
    assert [e.text for e in load("rules")(text).entities if e.type == "RANK"] == ranks


@pytest.mark.parametrize("text, span, attrs", [
    ("排名第4至10位的企业", "第4至10位", {"rank": 4, "to": 10}),
    ("排在第7至第10名的是", "第7至第10名", {"rank": 7, "to": 10}),
    ("第十到第二十名之间", "第十到第二十名", {"rank": 10, "to": 20}),
    ("占据了榜单的第三至第五，均有", "第三至第五", {"rank": 3, "to": 5}),  # 第 on both ends: no 名/位 needed
    ("再看排在6到10位的重仓股", "6到10位", {"rank": 6, "to": 10}),  # a bare range after a ranking verb
    ("成都和重庆位居三四位。", "三四位", {"rank": 3, "to": 4}),
    ("榜单公布，六到十名的五家营业部则分别为", "六到十名", {"rank": 6, "to": 10}),  # a clause opening with a range
    ("桥水的第六到第十大重仓股分别为", "第六到第十大", {"rank": 6, "to": 10}),  # 大 closes the second end too
])
def test_an_ordinal_range_is_one_rank(text, span, attrs):
    (r,) = find_ranks(make_doc(text))
    assert (r.text, r.attrs["rank"], r.attrs["to"]) == (span, attrs["rank"], attrs["to"])


@pytest.mark.parametrize("text, span", [
    ("第10至第3名", "第10"),        # a range must go up
    ("第一至第五批企业", None),       # batches stay no rank
    ("第3名至5家企业", "第3名"),      # the second end needs 名 or 位
    ("第三至第五批企业", None),       # a counter after the second end: batches
    ("邀请3到5位嘉宾", None),         # a bare range needs a ranking verb before it
    ("位居三五位", None),             # adjacent numerals only as neighbours (三四位)
])
def test_what_is_no_ordinal_range(text, span):
    found = find_ranks(make_doc(text))
    assert [r.text for r in found][:1] == ([span] if span else [])
    assert all("to" not in r.attrs for r in found)


@pytest.mark.parametrize("text, ranks, figures, attrs", [
    ("吳氏或包氏家族排14位，身家約196億", ["14位"], ["約196億"], {"rank": 14}),  # a count after a ranking verb is a rank
    ("另一家公司居三位。", ["三位"], [], {"rank": 3}),
    ("將安排5名工作人員", [], ["5名"], None),  # 安排 is no ranking verb
    ("下列3位專家", [], ["3位"], None),
    ("頭三名依次是大韓航空", ["頭三名"], [], {"top": 3}),
    ("至於首10名中，包括台灣富邦", ["首10名"], [], {"top": 10}),
    ("營收季增幅度居十大晶圓代工廠之冠。", ["十大", "冠"], [], {"top": 10}),
    ("景林的五大持仓股分别为Meta、拼多多", ["五大"], [], {"top": 5}),  # N大 in Chinese numerals before a ranked set
    ("公司前三大客户与三大客户", ["前三大"], [], None), ("推进十大建设", [], [], None),  # a count of major ones
    ("「亞洲十大富豪家族」", [], [], None),  # the name of a list
    ("在全球拥有13大生产基地和12大安全预警系统", [], [], None),  # counts of major things, no rank
    ("在名单中排名47，涨幅排名14/31", ["47", "14/31"], [], {"rank": 47}), ("位居各领域之首。", ["首"], [], {"rank": 1}),
    ("排名2024年第一季度", [], [], None),
    ("这一强大实力与两强争霸", [], [], None), ("构筑第二板块，第四大板块，第一大任务，第一因素", [], [], None), ("入选百强榜", ["百强"], [], {"top": 100}),
    ("公司首次进入500大，", ["500大"], [], {"top": 500}), ("台湾20大国际品牌", ["20大"], [], {"top": 20}),
    ("经济增速垫底十强城市", ["垫底", "十强"], [], {"rank": -1}),
    ("让世界首富马斯克破防", ["世界首富"], [], {"rank": 1, "scope": "全球"}),
    ("将扩大内需摆在首位", [], [], None),  # a priority, not a rank
    ("这场新春第一会也被作为招商大会", [], [], None),  # 第一会: the first meeting
    ("违法事实如下：第一，众华所为天沃科技提供审计", [], [], None),  # points counted off
    ("科技领域的突破。第二是投资者过度乐观", [], [], None),
    ("低估值源于三个层面，第一是市场对科技的担忧", [], ["三个"], None), ("百度地图：\n\n第一最，行业迄今最大", [], [], None),
    ("他是公司的首位外部董事", [], [], None), ("第一位朋友是一家基金的经理", [], [], None),  # the first person to be one
    ("作者人数排名从全球第89位上升到全球第6位", ["全球第89位", "全球第6位"], [], {"rank": 89}),  # a change of place
    ("暂居可比ETF3/5，涨幅排名可比基金3/6", ["3/5", "3/6"], [], {"rank": 3}),  # a place among its peers
    ("同类基金共3只", [], ["3只"], None),
    ("身为经济第一大省的广东", ["第一大省"], [], {"rank": 1, "scope": "省份"}),  # the ranked noun stays, as 第一城's
    ("全国第一大省会城市", ["全国第一大"], [], {"rank": 1}),  # 省会 is a word of its own
    ("工业总量位居全省首位，并在", ["全省首位"], [], {"rank": 1}), ("排第四及第五位分别为荣耀及联想", ["第四", "第五位"], [], None),
    ("該公司位列第二名，其次為", ["第二名"], [], {"rank": 2}),
    ("布的「2026年全球500大品牌」年度報告", [], [], None),  # the name of a list
    ("吉利跻身全球500大企业", ["全球500大"], [], {"top": 500}),
    ("成为中国第四大经济城市", ["第四大"], [], {"rank": 4, "scope": "中国"}),  # 中国 stays outside, an attr
    ("带来第二增长曲线", [], [], None), ("福岛第一核电厂", [], [], None), ("本周前三个交易日来看", [], [], None),
    ("日本信息服务行业TOP30企业中", ["TOP30"], [], {"top": 30, "scope": "行业"}),
])
def test_rank_words_and_bare_ranks(text, ranks, figures, attrs):
    """News rank classes (ranks.json, session 19): rank words, 之冠, a bare number after a ranking verb, 头N名."""
    from extract.pipeline import load
    doc = load("rules")(text)
    assert [e.text for e in doc.entities if e.type == "RANK"] == ranks
    assert [e.text for e in doc.entities if e.type == "FIGURE"] == figures
    if attrs:
        first = next(e for e in doc.entities if e.type == "RANK")
        assert {k: first.attrs.get(k) for k in attrs} == attrs


@pytest.mark.parametrize("text, expected", [
    ("中石油和丰田汽车分列第四和第五。", [("第四", 4), ("第五", 5)]),
    ("長榮航空及星宇航空分別排名第11及18。", [("第11", 11), ("18", 18)]),
    ("上海和杭州分列二、三位，", [("二", 2), ("三位", 3)]),
    ("甲、乙、丙分列第一、二、三名", [("第一", 1), ("二", 2), ("三名", 3)]),
])
def test_ranks_coordinated_with_an_ordinal_are_ranks(text, expected):
    assert [(e.text, e.attrs["rank"]) for e in find_ranks(make_doc(text))] == expected


@pytest.mark.parametrize("text, first", [("排名第二和3%的份额", "第二"), ("排名第二和5月", "第二"), ("位居第一和5G", "第一"), ("排名第一和三成", "第一"),
                                         ("排名第一和十多个", "第一")])
def test_a_number_after_an_ordinal_that_counts_something_else_is_no_rank(text, first):
    assert [e.text for e in find_ranks(make_doc(text))] == [first]


def test_a_later_ordinal_with_its_own_di_keeps_its_suffix_and_scope():
    got = {e.text: e.attrs for e in find_ranks(make_doc("分列全国第一和第二大城市，位列第一、第二城"))}
    assert got["第二大"]["scope"] == "全国" and got["第二城"]["scope"] == "城市"
    assert [e.text for e in find_ranks(make_doc("排名第一和20强"))] == ["第一", "20强"]
    assert [e.text for e in find_ranks(make_doc("位列第三和第四位嘉宾"))] == ["第三"]  # 第四位嘉宾: the fourth guest


@pytest.mark.parametrize("text", ["公司安排3、4名员工", "下列3、4名"])
def test_numbers_after_a_word_ending_in_a_ranking_verb_are_no_ranks(text):
    assert find_ranks(make_doc(text)) == []


@pytest.mark.parametrize("text", ["较前一交易日上涨", "超过了2022年创下的前一个1月进口纪录"])
def test_the_one_before_is_no_top_one(text):
    assert find_ranks(make_doc(text)) == []
    assert [e.text for e in find_ranks(make_doc("位居前一名"))] == ["前一名"]
    assert [e.text for e in find_ranks(make_doc("销量位居全国前1"))] == ["全国前1"]


def test_hong_kong_taiwan_and_us_wide_scopes_are_inside_the_rank():
    got = ranks("保費收入再度蟬聯全港第一，居全港頭五位，全台第三，全美前十")
    assert set(got) == {"全港第一", "全港頭五位", "全台第三", "全美前十"}
    assert got["全港第一"].attrs["scope"] == "全港"


@pytest.mark.parametrize("text, span, top", [("前5家拉萨营业部合计上榜", "前5家", 5), ("需求高度集中于前三家。", "前三家", 3),
                                             ("扣除总市值排名前1000只证券后", "前1000只", 1000),
                                             ("龙虎榜买卖双方前五位中", "前五位", 5), ("搜索热度前30位高频词汇中", "前30位", 30)])
def test_a_top_n_keeps_its_counter_and_ranks_before_a_noun(text, span, top):
    got = find_ranks(make_doc(text))  # ranks.json top_suffixes 家/只 (session 54); 前N位 is no first person
    assert [e.text for e in got] == [span] and got[0].attrs["top"] == top
    assert find_ranks(make_doc("比前一家公司多，较前一只基金少")) == []  # the one before


@pytest.mark.parametrize("text, span", [("威尼斯人罕見未能入三甲，", "三甲"), ("它也成功跻身前三甲，并且", "前三甲")])
def test_san_jia_is_the_top_three(text, span):
    got = find_ranks(make_doc(text))  # ranks.json top_three_before, top_suffixes 甲 (session 54)
    assert [e.text for e in got] == [span] and got[0].attrs["top"] == 3
    assert find_ranks(make_doc("耳鼻喉专科医院及三甲医院，进入三甲医院")) == []  # a hospital grade
