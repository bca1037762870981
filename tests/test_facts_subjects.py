"""Fact subjects: a name in brackets after another name gives way to the outer name."""
from extract.doc import Document, Fact
from extract.stages.facts import (company_people, company_over_place, compared_not_subject, company_scopes, holding_buyers, drop_reporters, market_scopes, place_scopes, prefer_outer_names, tariff_levied,
                                  together_with, unname_destinations, unname_index_parts)


def _doc(text, names):
    d = Document(text)
    ents = {}
    for typ, name in names:
        i = text.index(name)
        ents[name] = d.entity(typ, i, i + len(name))
        d.entities.append(ents[name])
    return d, ents


def test_the_bracketed_alias_gives_way_to_the_name_before_it():
    d, e = _doc("第二名微軟（Microsoft）的品牌價值暴增22.6%", [("COMPANY", "微軟"), ("COMPANY", "Microsoft"),
                                                   ("FIGURE", "22.6%")])
    f = Fact("METRIC", e["Microsoft"], e["22.6%"], None)
    prefer_outer_names(d, [f])
    assert f.subject is e["微軟"]


def test_half_width_brackets_and_an_outer_subject_stay_as_they_are():
    d, e = _doc("谷歌(Google)收入增长12%", [("COMPANY", "谷歌"), ("COMPANY", "Google"), ("FIGURE", "12%")])
    inner, outer = Fact("METRIC", e["Google"], e["12%"], None), Fact("METRIC", e["谷歌"], e["12%"], None)
    prefer_outer_names(d, [inner, outer])
    assert inner.subject is e["谷歌"] and outer.subject is e["谷歌"]


def test_no_outer_name_when_something_stands_between():
    d, e = _doc("微軟旗下（Microsoft）收入增长12%", [("COMPANY", "微軟"), ("COMPANY", "Microsoft"), ("FIGURE", "12%")])
    f = Fact("METRIC", e["Microsoft"], e["12%"], None)
    prefer_outer_names(d, [f])
    assert f.subject is e["Microsoft"]
    d, e = _doc("微軟（Microsoft收入增长12%", [("COMPANY", "微軟"), ("COMPANY", "Microsoft"), ("FIGURE", "12%")])
    f = Fact("METRIC", e["Microsoft"], e["12%"], None)
    prefer_outer_names(d, [f])
    assert f.subject is e["Microsoft"]


def test_a_title_between_the_verb_and_the_rank_is_not_what_is_ranked():
    """深圳、广州和杭州均位居《X》城市票房榜前十: the names before the verb are ranked, not the film (a POLICY span)."""
    from extract.stages.facts.rules import _load, find_facts
    text = "《流浪地球3》上映首周，深圳、广州和杭州均位居《流浪地球3》城市票房榜前十。"
    d = Document(text)
    d.norm = text
    d.sents = [(0, len(text))]
    for typ, name, start in (("POLICY", "流浪地球3", 1), ("LOC", "深圳", None), ("LOC", "广州", None),
                             ("LOC", "杭州", None), ("POLICY", "流浪地球3", 24), ("RANK", "前十", None)):
        i = text.index(name) if start is None else start
        assert text[i:i + len(name)] == name
        d.entities.append(d.entity(typ, i, i + len(name), {"top": 10} if typ == "RANK" else None))
    got = {(f.type, f.subject.text, f.value.text) for f in find_facts(d, _load(), None)}
    assert got == {("RANKING", c, "前十") for c in ("深圳", "广州", "杭州")}


def test_a_place_after_a_verb_of_going_is_no_subject():
    """facts unname_destinations: 歷年來台的76家新創 counts start-ups that came to Taiwan, not Taiwan's."""
    d, e = _doc("历年来台的76家新创共参与展会", [("LOC", "台"), ("FIGURE", "76家")])
    f = Fact("METRIC", e["台"], e["76家"], None)
    unname_destinations(d, [f])
    assert f.subject is None
    d, e = _doc("在台的76家新创共参与展会", [("LOC", "台"), ("FIGURE", "76家")])  # 在: where they are
    f = Fact("METRIC", e["台"], e["76家"], None)
    unname_destinations(d, [f])
    assert f.subject is e["台"]


def test_a_name_that_opens_an_index_name_is_no_subject():
    """facts unname_index_parts: 申万半导体行业指数上涨7.59% measures the index, not the sector or company its name opens;
    a place that opens one keeps the fact (德国DAX指数涨0.33%), and a comparison with an index is no index name."""
    for typ, name, text in (("COMPANY", "申万半导体", "申万半导体行业指数上涨7.59%"),
                            ("ORG", "道瓊斯", "道瓊斯工業平均指數收跌0.51%"),
                            ("COMPANY", "Wind香港房地产指数", "Wind香港房地产指数+0.38%")):
        d, e = _doc(text, [(typ, name), ("FIGURE", text[-5:].lstrip("上涨收跌+"))])
        f = Fact("METRIC", e[name], d.entities[1], None)
        unname_index_parts(d, [f])
        assert f.subject is None, text
    for typ, name, text in (("LOC", "德国", "德国DAX指数涨0.33%"), ("INDUSTRY", "建材", "建材板块跑输沪深300指数5.30pct")):
        d, e = _doc(text, [(typ, name), ("FIGURE", text[-5:])])
        f = Fact("METRIC", e[name], d.entities[1], None)
        unname_index_parts(d, [f])
        assert f.subject is e[name], text


def test_an_index_named_by_zhi_alone_or_in_the_values_clause_takes_the_fact_from_a_name():
    """facts unname_index_parts: 创业板指下跌1.43% (指 alone names the index, right before its move), and 泛歐指數Stoxx 600收市
    上漲1.09% after 歐洲股市… (an index named in the value's own clause, the name before the clause); a name followed by
    指 meaning "said" (匯豐指上半年…) and an index that is only compared (跑赢沪深300指数19.7pct) change nothing."""
    for typ, name, text, value in (("ORG", "创业板", "深市方面，创业板指下跌1.43%", "1.43%"),
                                   ("ORG", "深证", "深证成指收涨0.5%", "0.5%"),
                                   ("LOC", "歐洲", "歐洲股市周四輾轉高走，泛歐指數Stoxx 600收市上漲1.09%", "1.09%"),
                                   ("COMPANY", "阿里", "阿里\n\n港股方面，恒指今早高開100點", "100點"),
                                   # a colon ends a clause here as in the rules' clauses (facts.rules._clause_start)
                                   ("COMPANY", "DeepSeek", "DeepSeek：24/10/8-25/1/13上证综指下跌533点", "533点")):
        d, e = _doc(text, [(typ, name), ("FIGURE", value)])
        f = Fact("METRIC", e[name], e[value], None)
        unname_index_parts(d, [f])
        assert f.subject is None, text
    for typ, name, text, value in (("COMPANY", "匯豐", "匯豐指上半年收入增長5%", "5%"),
                                   ("INDUSTRY", "银行", "银行板块上涨1.4%，跑赢沪深300指数19.7pct", "19.7pct"),
                                   ("COMPANY", "波音", "波音升3%，報186.25元，貢獻道指35點", "35點")):
        d, e = _doc(text, [(typ, name), ("FIGURE", value)])
        f = Fact("METRIC", e[name], e[value], None)
        unname_index_parts(d, [f])
        assert f.subject is e[name], text


def test_a_reporter_in_a_byline_is_no_subject():
    """facts drop_reporters: 工商時報【王玉樹╱台北報導】 names who wrote the article, never what is ranked or measured."""
    d, e = _doc("工商時報【王玉樹╱台北報導】 2016年台灣20大國際品牌", [("PERSON", "王玉樹"), ("RANK", "20大")])
    assert drop_reporters(d, [Fact("RANKING", e["王玉樹"], e["20大"], None)]) == []
    d, e = _doc("記者 張三 報導，公司營收12億元", [("PERSON", "張三"), ("FIGURE", "12億元")])
    f = Fact("METRIC", e["張三"], e["12億元"], None)
    assert drop_reporters(d, [f]) == [f] and f.subject is None
    d, e = _doc("張三表示，公司營收12億元", [("PERSON", "張三"), ("FIGURE", "12億元")])  # a person speaking keeps it
    f = Fact("METRIC", e["張三"], e["12億元"], None)
    assert drop_reporters(d, [f]) == [f] and f.subject is e["張三"]


def test_a_tariff_rate_is_about_the_place_that_levies_it_not_the_place_it_falls_on():
    """facts tariff_levied: 对(进口自)中国的商品加征10%的关税 — the place after 对 gives way to the last place named before
    对 in the sentence, or to no subject; a place that is no tariff's target, or a figure that is no tariff, stays."""
    cases = (("美国总统特朗普签署行政令，对进口自中国的所有商品加征10%的关税", [("LOC", "美国"), ("LOC", "中国")], "中国", "美国"),
             ("美國此前對香港產品徵收的平均關稅稅率達19.3%", [("LOC", "美國"), ("LOC", "香港")], "香港", "美國"),
             ("特朗普对华加征关税正式落地幅度仅有10%", [("PERSON", "特朗普"), ("LOC", "华")], "华", None))
    for text, names, target, levy in cases:
        value = "19.3%" if "19.3%" in text else "10%"
        d, e = _doc(text, names + [("FIGURE", value)])
        f = Fact("METRIC", e[target], e[value], None)
        tariff_levied(d, [f])
        assert (f.subject.text if f.subject else None) == levy, text
    for text, names, subj, value in (("对中国的出口增长了10%", [("LOC", "中国")], "中国", "10%"),
                                     ("中国向美国出口电视的关税为21.4%", [("LOC", "中国"), ("LOC", "美国")], "中国", "21.4%")):
        d, e = _doc(text, names + [("FIGURE", value)])
        f = Fact("METRIC", e[subj], e[value], None)
        tariff_levied(d, [f])
        assert f.subject is e[subj], text


def test_a_sector_market_before_a_rank_scopes_it_and_is_not_ranked():
    """facts market_scopes: 乐舒适在非洲的…卫生巾市场均排名第一 ranks 乐舒适, not 卫生巾; with no name before the market the
    RANKING goes (公司在…卫生巾市场均排名第一); a sector that is not named as a market stays ranked."""
    text = "乐舒适在非洲的婴儿纸尿裤市场和卫生巾市场均排名第一"
    d, e = _doc(text, [("COMPANY", "乐舒适"), ("LOC", "非洲"), ("INDUSTRY", "卫生巾"), ("RANK", "第一")])
    f = Fact("RANKING", e["卫生巾"], e["第一"], None)
    assert market_scopes(d, [f]) == [f] and f.subject is e["乐舒适"]
    d, e = _doc("公司在非洲的卫生巾市场均排名第一", [("LOC", "非洲"), ("INDUSTRY", "卫生巾"), ("RANK", "第一")])
    assert market_scopes(d, [Fact("RANKING", e["卫生巾"], e["第一"], None)]) == []
    d, e = _doc("甲乙科技称，光伏行业排名第一", [("COMPANY", "甲乙科技"), ("INDUSTRY", "光伏"), ("RANK", "第一")])
    f = Fact("RANKING", e["光伏"], e["第一"], None)
    assert market_scopes(d, [f]) == [f] and f.subject is e["光伏"]


def test_a_place_opening_a_market_before_a_rank_scopes_it_and_is_not_ranked():
    """facts market_scopes (session 51 h9): 蝉联中国豪华市场…销量第一, 斩获中国市场中级轿车销量冠军 rank no place (gold 12 of
    13 such places not ranked); a company before the verb is ranked instead; a market followed by its copula is the
    clause's topic and its place stays ranked (日本债券市场是长期处于全世界第二)."""
    d, e = _doc("连续10个月蝉联中国豪华市场50万元以上豪华车销量第一", [("LOC", "中国"), ("RANK", "第一")])
    assert market_scopes(d, [Fact("RANKING", e["中国"], e["第一"], None)]) == []
    d, e = _doc("华为去年在内地市场占有率居首位", [("COMPANY", "华为"), ("LOC", "内地"), ("RANK", "首位")])
    f = Fact("RANKING", e["内地"], e["首位"], None)
    assert market_scopes(d, [f]) == [f] and f.subject is e["华为"]
    d, e = _doc("在此之前日本债券市场是长期处于全世界第二的", [("LOC", "日本"), ("RANK", "全世界第二")])
    f = Fact("RANKING", e["日本"], e["全世界第二"], None)
    assert market_scopes(d, [f]) == [f] and f.subject is e["日本"]


def test_a_platform_a_rank_is_on_is_not_ranked():
    """facts market_scopes (session 51 h9): 在天猫平台市场占有率排名第一, 在苹果应用商店下载量排名第一, 苹果AppStore下载排行榜首位,
    在GitHub的全球排名中…世界第一: the platform or list is where the rank holds (gold 8 of 8 not ranked); a name before
    the platform in the clause is ranked instead."""
    for text, name, rank in (("2019-2023年在天猫平台市场占有率排名第一", "天猫", "第一"),
                             ("在157个国家地区的苹果应用商店下载量排名第一", "苹果", "第一"),
                             ("迅速攀升至苹果AppStore下载排行榜首位", "苹果AppStore", "榜首")):
        d, e = _doc(text, [("COMPANY", name), ("RANK", rank)])
        assert market_scopes(d, [Fact("RANKING", e[name], e[rank], None)]) == [], text
    d, e = _doc("太力科技在京东平台市场占有率排名第一", [("COMPANY", "太力科技"), ("COMPANY", "京东"), ("RANK", "第一")])
    f = Fact("RANKING", e["京东"], e["第一"], None)
    assert market_scopes(d, [f]) == [f] and f.subject is e["太力科技"]


def test_a_company_before_a_sector_in_the_clause_takes_the_sector_s_metric():
    """facts company_scopes (session 51): 奇瑞集团1月新能源汽车销量56901台, 长安汽车累计销售乘用车268万辆, 青岛银行金融市场业务营收…
    are the company's (gold: the company 15 times, the sector 3); after 的 (上海家化的美妆事业部), 来自 or in a list the sector
    keeps them, and so does a sector in another clause."""
    for text, co, sector, value in (("奇瑞集团1月新能源汽车销量56901台", "奇瑞集团", "新能源汽车", "56901台"),
                                    ("长安汽车累计销售乘用车268万辆", "长安汽车", "乘用车", "268万辆"),
                                    ("青岛银行金融市场业务营收同比减少1.21%", "青岛银行", "金融", "1.21%")):
        d, e = _doc(text, [("COMPANY", co), ("INDUSTRY", sector), ("FIGURE", value)])
        f = Fact("METRIC", e[sector], e[value], None)
        company_scopes(d, [f])
        assert f.subject is e[co], text
    for text, co, sector, value in (("上海家化的美妆事业部营收仅9506万元", "上海家化", "美妆", "9506万元"),
                                    ("太美医疗来自云端软件收入为4531万元", "太美医疗", "云端软件", "4531万元"),
                                    ("拼多多等电商三巨头蒸发了7000亿美元", "拼多多", "电商", "7000亿美元"),
                                    ("比亚迪很强，新能源汽车销量增长20%", "比亚迪", "新能源汽车", "20%")):
        d, e = _doc(text, [("COMPANY", co), ("INDUSTRY", sector), ("FIGURE", value)])
        f = Fact("METRIC", e[sector], e[value], None)
        company_scopes(d, [f])
        assert f.subject is e[sector], text

def test_a_person_right_after_a_company_takes_its_facts():
    """facts company_people (session 51): 恒基地产的李兆基今年排名第一，身价304亿美元 and 360集团创始人周鸿祎…首批20台 are the
    person's, not the company's; a person who speaks before the value (行政总裁陈家齐指出) or one joined by 与 leaves the
    company."""
    for text, co, person, value in (("恒基地产的李兆基今年排名第一，身价304亿美元", "恒基地产", "李兆基", "304亿美元"),
                                    ("360集团创始人周鸿祎宣布送出100辆车，首批20台已抽出", "360集团", "周鸿祎", "20台"),
                                    ("鹏华基金闫思倩旗下基金大涨50%", "鹏华基金", "闫思倩", "50%")):
        d, e = _doc(text, [("COMPANY", co), ("PERSON", person), ("FIGURE", value)])
        f = Fact("METRIC", e[co], e[value], None)
        company_people(d, [f])
        assert f.subject is e[person], text
    for text, co, person, value in (("港投公司行政总裁陈家齐指出，公司投资额达1000亿元", "港投公司", "陈家齐", "1000亿元"),
                                    ("恒基地产与李兆基合共持有50%", "恒基地产", "李兆基", "50%")):
        d, e = _doc(text, [("COMPANY", co), ("PERSON", person), ("FIGURE", value)])
        f = Fact("METRIC", e[co], e[value], None)
        company_people(d, [f])
        assert f.subject is e[co], text

def test_a_company_bought_or_sold_gives_its_figure_to_the_buyer():
    """facts holding_buyers (session 53): in Appaloosa增持京東317萬股，增持阿里巴巴184萬股 the shares are Appaloosa's, not the
    bought company's, also past an earlier bought company; a company not after 增持/减持 keeps its fact."""
    text = "期內，Appaloosa增持京東317萬股，增持阿里巴巴184萬股"
    d, e = _doc(text, [("COMPANY", "Appaloosa"), ("COMPANY", "京東"), ("FIGURE", "317萬股"), ("COMPANY", "阿里巴巴"),
                       ("FIGURE", "184萬股")])
    f1, f2 = Fact("METRIC", e["京東"], e["317萬股"], None), Fact("METRIC", e["阿里巴巴"], e["184萬股"], None)
    holding_buyers(d, [f1, f2])
    assert f1.subject is e["Appaloosa"] and f2.subject is e["Appaloosa"]
    d, e = _doc("Tepper上季增持了京東（JD）倉位約43%", [("PERSON", "Tepper"), ("COMPANY", "京東"), ("FIGURE", "約43%")])
    f = Fact("METRIC", e["京東"], e["約43%"], None)
    holding_buyers(d, [f])
    assert f.subject is e["Tepper"]
    d, e = _doc("賽伯樂1.2億收購牛思巴巴，佔股本28%", [("COMPANY", "賽伯樂"), ("COMPANY", "牛思巴巴"), ("FIGURE", "28%")])
    f = Fact("METRIC", e["牛思巴巴"], e["28%"], None)
    holding_buyers(d, [f])
    assert f.subject is e["牛思巴巴"]  # (a later clause: the company stays)
    d, e = _doc("刘巨荣夫妇持有颖通控股100%股权", [("PERSON", "刘巨荣"), ("COMPANY", "颖通控股"), ("FIGURE", "100%")])
    f = Fact("METRIC", e["颖通控股"], e["100%"], None)
    holding_buyers(d, [f])
    assert f.subject is e["刘巨荣"]
    d, e = _doc("Appaloosa持有京東股份，京東股價升5%", [("COMPANY", "Appaloosa"), ("COMPANY", "京東"), ("FIGURE", "5%")])
    f = Fact("METRIC", e["京東"], e["5%"], None)
    holding_buyers(d, [f])
    assert f.subject is e["京東"]


def test_a_place_after_a_preposition_gives_its_figure_to_the_company():
    """facts company_over_place (session 53): Tesla上月於中國共售出63238架 is Tesla's, not the place's; a place after 位於
    or 来自于, or with no company before it, keeps the fact."""
    d, e = _doc("Tesla上月於中國共售出63238架", [("COMPANY", "Tesla"), ("LOC", "中國"), ("FIGURE", "63238架")])
    f = Fact("METRIC", e["中國"], e["63238架"], None)
    company_over_place(d, [f])
    assert f.subject is e["Tesla"]
    for text, place, value in (("华为来自于中国的销售收入4.5亿美元", "中国", "4.5亿美元"),
                               ("华为；在中国的销售收入4.5亿美元", "中国", "4.5亿美元")):
        d, e = _doc(text, [("COMPANY", "华为"), ("LOC", place), ("FIGURE", value)])
        f = Fact("METRIC", e[place], e[value], None)
        company_over_place(d, [f])
        assert f.subject is e[place], text


def test_a_multiple_of_a_name_is_the_name_before_it():
    """facts compared_not_subject (session 55): 台積電…為三星的十倍 is 台積電's, not 三星's; with no name of its type
    before it the METRIC is unnamed; a share written without 为/是 before the name keeps it."""
    d, e = _doc("台積電市占率超過七成，為三星的十倍", [("COMPANY", "台積電"), ("COMPANY", "三星"), ("FIGURE", "十倍")])
    f = Fact("METRIC", e["三星"], e["十倍"], None)
    compared_not_subject(d, [f])
    assert f.subject is e["台積電"]
    d, e = _doc("净利润还不到丰田集团的1/2", [("COMPANY", "丰田集团"), ("FIGURE", "1/2")])
    f = Fact("METRIC", e["丰田集团"], e["1/2"], None)
    compared_not_subject(d, [f])
    assert f.subject is None
    d, e = _doc("台積電市占率超過七成，約三星的十倍", [("COMPANY", "台積電"), ("COMPANY", "三星"), ("FIGURE", "十倍")])
    f = Fact("METRIC", e["三星"], e["十倍"], None)
    compared_not_subject(d, [f])
    assert f.subject is e["三星"]


def test_a_place_right_before_a_sector_or_body_scopes_it():
    """facts place_scopes: 中国新能源汽车销量…95.6% is the sector's, 中国央行…增持20余吨 the body's; a place followed by a
    sector only after other words, or by a company, keeps the fact."""
    for text, place, other, typ, value in (("中国新能源汽车销量同比大增95.6%", "中国", "新能源汽车", "INDUSTRY", "95.6%"),
                                           ("唐山的第二产业增加值为3461.9亿元", "唐山", "第二产业", "INDUSTRY", "3461.9亿元"),
                                           ("中国央行三个月内增持20余吨", "中国", "央行", "ORG", "20余吨")):
        d, e = _doc(text, [("LOC", place), (typ, other), ("FIGURE", value)])
        f = Fact("METRIC", e[place], e[value], None)
        place_scopes(d, [f])
        assert f.subject is e[other], text
    for text, place, other, typ, value in (("中国经济总量中新能源汽车占比达到5%", "中国", "新能源汽车", "INDUSTRY", "5%"),
                                           ("中国比亚迪销量增长20%", "中国", "比亚迪", "COMPANY", "20%")):
        d, e = _doc(text, [("LOC", place), (typ, other), ("FIGURE", value)])
        f = Fact("METRIC", e[place], e[value], None)
        place_scopes(d, [f])
        assert f.subject is e[place], text


def test_coordinated_places_before_a_sector_keep_their_facts():
    """facts place_scopes: 北京、上海、江苏的互联网…合计达79.5% states the figure for each place (GUIDELINES 13); the last
    place is not scoping the sector."""
    text = "北京、上海、江苏的互联网投融资事件数合计达79.5%"
    d, e = _doc(text, [("LOC", "北京"), ("LOC", "上海"), ("LOC", "江苏"), ("INDUSTRY", "互联网"), ("FIGURE", "79.5%")])
    facts = [Fact("METRIC", e[p], e["79.5%"], None) for p in ("北京", "上海", "江苏")]
    place_scopes(d, facts)
    assert [f.subject for f in facts] == [e["北京"], e["上海"], e["江苏"]]


def test_a_figure_together_with_a_name_is_also_the_earlier_names():
    """facts together_with (session 56): 阿里衝上3年高位，…，連同美團升逾2% is a fact about 美團 and 阿里; a name after 连同
    with no name of its type before it in the sentence adds nothing."""
    text = "蔡崇信證實集團跟蘋果公司合作。阿里衝上3年高位，收市升幅收窄，連同美團升逾2%。"
    d, e = _doc(text, [("COMPANY", "蘋果公司"), ("COMPANY", "阿里"), ("COMPANY", "美團"), ("FIGURE", "逾2%")])
    facts = [Fact("METRIC", e["美團"], e["逾2%"], None)]
    together_with(d, facts)
    assert [f.subject for f in facts] == [e["美團"], e["阿里"]]
    text = "收市連同美團升逾2%。"
    d, e = _doc(text, [("COMPANY", "美團"), ("FIGURE", "逾2%")])
    facts = [Fact("METRIC", e["美團"], e["逾2%"], None)]
    together_with(d, facts)
    assert len(facts) == 1


def test_a_bond_yield_left_unnamed_takes_the_country_of_its_bonds():
    """facts.rules._bond_places: 美國10年期債息…；兩年期債息報4.287厘，升7.9基點 are the country's yields; a figure after
    another named entity past the yield word (特朗普…加征10%) stays unnamed."""
    from extract.stages.facts.rules import _bond_places, _load
    text = "美國10年期債息最多漲7.4基點，至4.512厘；兩年期債息報4.287厘，升7.9基點。中国10年期国债收益率反弹乏力，叠加特朗普加征10%的关税。"
    d, e = _doc(text, [("LOC", "美國"), ("FIGURE", "4.287厘"), ("FIGURE", "7.9基點"), ("LOC", "中国"), ("PERSON", "特朗普"),
                       ("FIGURE", "10%")])
    facts = [Fact("METRIC", None, e[v], None) for v in ("4.287厘", "7.9基點", "10%")]
    _bond_places(d, facts, _load())
    assert [f.subject for f in facts] == [e["美國"], e["美國"], None]


def test_a_level_or_change_after_a_named_figure_takes_its_subject():
    """facts.rules._level_after_value: 收漲0.24%，報547點 and 溢利約65億元，按年跌約17% are the first figure's
    subject's; after 分别 the second figure is left as it is."""
    from extract.stages.facts.rules import _level_after_value, _load
    text = "歐洲指數收漲0.24%，報547點。太古地產溢利約65億元，按年跌約17%。甲乙收入為8億元，同比分别增长9%。"
    d, e = _doc(text, [("LOC", "歐洲"), ("FIGURE", "0.24%"), ("FIGURE", "547點"), ("COMPANY", "太古地產"),
                       ("FIGURE", "65億元"), ("FIGURE", "17%"), ("COMPANY", "甲乙"), ("FIGURE", "8億元"), ("FIGURE", "9%")])
    facts = [Fact("METRIC", e["歐洲"], e["0.24%"], None), Fact("METRIC", None, e["547點"], None),
             Fact("METRIC", e["太古地產"], e["65億元"], None), Fact("METRIC", None, e["17%"], None),
             Fact("METRIC", e["甲乙"], e["8億元"], None), Fact("METRIC", None, e["9%"], None)]
    _level_after_value(d, facts, _load())
    assert [f.subject for f in facts[1::2]] == [e["歐洲"], e["太古地產"], None]


def test_a_figure_restated_after_or_takes_the_first_figures_subject():
    """facts.rules._or_restated: 回吐0.49%或42點 and 持股5,689.6萬股或5.3% are one change said two ways, the second
    figure the first one's subject's (none where the first has none); across more than 或 it is left as it is."""
    from extract.stages.facts.rules import _or_restated
    text = "英國指數回吐0.49%或42點。亚太指数升14点或0.04%。楊協成持股5.3%，另有甲乙8%。"
    d, e = _doc(text, [("LOC", "英國"), ("FIGURE", "0.49%"), ("FIGURE", "42點"), ("LOC", "亚太"), ("FIGURE", "14点"),
                       ("FIGURE", "0.04%"), ("COMPANY", "楊協成"), ("FIGURE", "5.3%"), ("COMPANY", "甲乙"), ("FIGURE", "8%")])
    facts = [Fact("METRIC", e["英國"], e["0.49%"], None), Fact("METRIC", None, e["42點"], None),
             Fact("METRIC", None, e["14点"], None), Fact("METRIC", e["亚太"], e["0.04%"], None),
             Fact("METRIC", e["楊協成"], e["5.3%"], None), Fact("METRIC", e["甲乙"], e["8%"], None)]
    _or_restated(d, facts)
    assert [f.subject for f in facts] == [e["英國"], e["英國"], None, None, e["楊協成"], e["甲乙"]]
