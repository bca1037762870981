"""Gazetteer matching (extract/stages/gazetteer.py)."""
import re

import pytest


def test_a_time_zone_names_no_place():
    from extract.stages.gazetteer import Gazetteer
    gaz = Gazetteer()
    assert [(s, e, t) for s, e, t in gaz.find("北京时间2月12日，北京发布") if t == "LOC"] == [(10, 12, "LOC")]


def test_a_listed_company_named_as_its_product_is_no_company():
    from extract.pipeline import load
    nlp = load()
    got = [(e.text, e.type) for e in nlp("OpenAI o1的价格较高，京东App首页改版，智通财经APP获悉。多家企业接入DeepSeek模型。").entities
           if e.type in ("COMPANY", "ORG")]
    assert ("OpenAI", "COMPANY") not in got and ("京东", "COMPANY") not in got and ("DeepSeek", "COMPANY") not in got
    assert ("智通财经", "ORG") in got


def test_a_market_index_is_no_name():
    """(entity_filter.v1) the NER's 道指期货 or 恒指連 is dropped; 恒指公司, the index company, stays."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    text = "道指期货涨0.33%。恒指連升3日。恒指公司宣布调整成分股。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("COMPANY", 0, 4, source="ner"), d.entity("COMPANY", 11, 14, source="ner"),
                  d.entity("COMPANY", 18, 22, source="ner")]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["恒指公司"]


def _filtered(text, spans):
    """(start, text) of the entities ``spans`` ((type, start, end, source)) of ``text`` that the entity filter keeps."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    d = Document(text)
    d.norm = text
    d.entities = [d.entity(t, a, b, source=src) for t, a, b, src in spans]
    make_entity_filter(None)(d)
    return [(e.start, e.text) for e in d.entities]


def test_the_country_of_a_side_is_no_place():
    """(entity_filter.v1) 中方 / 俄方 name a party to talks, 港股 / 美债 / 美媒 a market or press: their first character is
    no LOC; 中国 and a one-character place before another word (港澳) stay."""
    spans = [("LOC", 0, 1, "ner"), ("LOC", 5, 6, "ner"), ("LOC", 10, 12, "ner"), ("LOC", 13, 14, "ner")]
    assert [t for _, t in _filtered("中方反制，俄方欢迎。中国与港澳", spans)] == ["中国", "港"]
    spans = [("LOC", 0, 1, "ner"), ("LOC", 3, 4, "ner"), ("LOC", 6, 7, "ner")]
    assert [t for _, t in _filtered("港股、美债、美媒", spans)] == []
    spans = [("LOC", 0, 1, "ner"), ("LOC", 5, 6, "ner"), ("LOC", 11, 12, "ner"), ("LOC", 14, 15, "ner")]
    assert [t for _, t in _filtered("港人北上，中资企业，非华裔，沪指", spans)] == []  # people, capital, descent, index


def test_a_country_before_a_bond_tenor_and_state_firms_are_no_place():
    """(entity_filter.v1) 美2年期10年期债息差, 美3个月…: the country's treasuries, no LOC; 央国企 (central and local state
    firms) is no place either; 美 before a month (美2月CPI) and 美国 before a tenor stay."""
    text = "美2年期10年期债息差，美3个月10年期债息差，央国企改革，美2月CPI，美国2年期国债"
    spans = [("LOC", i, i + len(p), "ner") for p, i in (("美", 0), ("美", text.index("美3")), ("央国", text.index("央国")),
                                                         ("美", text.index("美2月")), ("美国", text.index("美国")))]
    assert [t for _, t in _filtered(text, spans)] == ["美", "美国"]


def test_the_two_sides_of_the_strait_are_no_place():
    """(entity_filter.v1) 两岸 (兩岸 reads 两岸 on the norm) names no one place: no LOC; 台湾 beside it stays."""
    text = "两岸关系紧张，台湾与两岸经贸往来"
    spans = [("LOC", i, i + len(p), "ner") for p, i in (("两岸", 0), ("台湾", text.index("台湾")),
                                                         ("两岸", text.index("两岸经贸")))]
    assert [t for _, t in _filtered(text, spans)] == ["台湾"]


@pytest.mark.parametrize("text, place, kept", [
    ("韶关市产业高质量发展大会现场", "韶关市", False), ("出席陆家嘴论坛时表示", "陆家嘴", False),
    ("上海举办世界人工智能大会", "上海", True), ("在上海召开的论坛", "上海", True),  # a verb or 的 between: a place
    ("上海的企业", "上海", True),
    # (on the simplified norm) a games, a computer show, a security conference, a fintech week, a reception, an award (2023杭州亚运会, 亚洲冬季运动会,
    # 台北國際電腦展, 慕尼黑安全会议, 香港金融科技周, 香港金融服務界乙巳年新春酒會, 湛江高考狀元頒獎儀式); 会议 or 仪式 alone leaves a place
    ("这是继2023杭州亚运会之后", "杭州", False), ("从北京冬奥会到亚洲冬季运动会", "亚洲", False),
    ("将在台北国际电脑展亮相", "台北", False), ("参加下周的慕尼黑安全会议", "慕尼黑", False),
    ("出席香港金融科技周", "香港", False), ("出席香港金融服务界乙巳年新春酒会", "香港", False),
    ("背后是湛江高考状元颁奖仪式", "湛江", False), ("与台湾企业一对一会议", "台湾", True),
    ("河东区工业强区招商引资项目集中签约仪式", "河东区", True),
])
def test_a_place_opening_an_event_name_is_no_place(text, place, kept):
    """(entity_filter.v1) the place that opens an event's name (韶关市产业高质量发展大会) is no LOC, of any source."""
    i = text.index(place)
    assert bool(_filtered(text, [("LOC", i, i + len(place), "gazetteer")])) is kept


def test_a_place_that_names_a_time_zone_is_no_place():
    """(entity_filter.v1) 北京时间, 美东时间, 欧洲中部时间: a time zone, whatever tagged the place (the gazetteer too);
    北京 before other words stays."""
    spans = [("LOC", 0, 2, "gazetteer"), ("LOC", 9, 10, "ner"), ("LOC", 16, 18, "ner"), ("LOC", 23, 25, "gazetteer")]
    assert _filtered("北京时间2月3日，美东时间周一，欧洲中部时间，北京时尚周", spans) == [(23, "北京")]


def test_an_all_lowercase_latin_word_is_no_person():
    """(entity_filter.v1) jinwucj, sina_us_stock: the account a source signs with, not a person; Elon Musk stays."""
    text = "作者：分析师\n\njinwucj\n\nsina_us_stock 与 Elon Musk"
    spans = [("PERSON", text.index("jinwucj"), text.index("jinwucj") + 7, "ner"),
             ("PERSON", text.index("sina"), text.index("sina") + 13, "ner"),
             ("PERSON", text.index("Elon"), text.index("Elon") + 9, "ner")]
    assert [t for _, t in _filtered(text, spans)] == ["Elon Musk"]


def test_central_banks_in_general_are_no_body():
    """(entity_filter.v1) 全球央行持续购金, 各国央行: central banks in general; 中国央行 and 央行 alone stay."""
    spans = [("ORG", 2, 4, "ner"), ("ORG", 11, 13, "gazetteer"), ("ORG", 16, 18, "ner"), ("ORG", 23, 25, "ner")]
    assert _filtered("全球央行持续购金，各国央行亦然；央行表示，中国央行", spans) == [(16, "央行"), (23, "央行")]


def test_bare_central_bank_buying_gold_is_no_body():
    """(entity_filter.v1) 央行购金持续, 央行净购金需求, 央行购买: the central banks as buyers (gold 0 of 7 entities);
    中国央行购金 and 央行增持 stay."""
    text = "央行购金持续，央行净购金需求，央行购买意愿，中国央行购金，央行增持"
    spans = [("ORG", m, m + 2, "gazetteer") for m in (0, 7, 15, 24, 29)]
    assert _filtered(text, spans) == [(24, "央行"), (29, "央行")]


def test_a_lowercase_handle_alone_on_its_line_is_no_name():
    """(entity_filter.v1) c114, stheadline: the account a source signs with, alone on the last line; vivo in a sentence
    and an uppercase name alone on its line stay."""
    from extract.stages.basic import signature_line
    text = "vivo发布新机。\n\nc114\n\nOpenAI\n"
    assert signature_line(text, text.index("c114"), text.index("c114") + 4)
    assert not signature_line(text, 0, 4) and not signature_line(text, text.index("OpenAI"), text.index("OpenAI") + 6)
    spans = [("ORG", text.index("c114"), text.index("c114") + 4, "ner"), ("COMPANY", 0, 4, "ner")]
    assert _filtered(text, spans) == [(0, "vivo")]


def test_ai_as_the_technology_an_era_or_a_tool_is_no_industry():
    """(entity_filter.v1, GUIDELINES M5) AI时代, AI模型, AI编程, AI+医疗: the technology, not the field; AI领域, AI公司 and
    an AI inside a longer sector stay."""
    text = "AI时代来临，AI模型、AI+医疗与AI领域的AI公司，人工智能编程"
    spans = [("INDUSTRY", m, m + 2, "ner") for m in (0, 7, 12, 18, 23)] + [("INDUSTRY", 28, 32, "ner")]
    assert _filtered(text, spans) == [(18, "AI"), (23, "AI")]
    assert _filtered("AI芯片时代", [("INDUSTRY", 0, 4, "ner")]) == [(0, "AI芯片")]


def test_ai_with_a_device_read_whole_is_no_sector():
    # not_names.json ai_device_whole (AI眼镜, AI耳机, AI玩具, 人工智能终端 read as one span): a product, as bare AI before
    # these devices is; other AI compounds stay (AI应用, AI芯片)
    from extract.stages.basic import names_a_technology
    text = "AI眼镜、AI耳机、AI 玩具、人工智能终端与AI应用、AI芯片"
    words = [("AI眼镜", True), ("AI耳机", True), ("AI 玩具", True), ("人工智能终端", True), ("AI应用", False), ("AI芯片", False)]
    for word, dropped in words:
        s = text.index(word)
        assert names_a_technology(text, s, s + len(word)) is dropped, word


def test_bare_ai_before_a_platform_is_no_sector():
    # not_names.json ai_technology_after 平台 (一站式企業級AI平台: a product, as AI工具 and AI助手 are)
    from extract.stages.basic import names_a_technology
    text = "企业级AI平台与AI行业"
    assert names_a_technology(text, 3, 5) and not names_a_technology(text, text.index("AI行业"), text.index("AI行业") + 2)


def test_umbrella_policy_labels_are_no_industry():
    """(entity_filter.v1, GUIDELINES rule 2) 未来产业, 新兴产业 (with the head 产业 cut off): never INDUSTRY, whatever tagged
    them; 新能源 stays."""
    spans = [("INDUSTRY", 2, 6, "gazetteer"), ("INDUSTRY", 7, 9, "ner"), ("INDUSTRY", 12, 15, "gazetteer")]
    assert _filtered("布局未来产业、新兴产业和新能源", spans) == [(12, "新能源")]
    from extract.stages.gazetteer import Gazetteer
    assert not [t for s, e, t in Gazetteer().find("布局未来产业") if t == "INDUSTRY" and e - s == 4]


def test_a_sector_before_a_meeting_or_an_expert_is_no_industry():
    """(entity_filter.v1, not_names.json occasion_after) 商业航天大会, 创新药技术论坛, AI专家: the occasion or the person's
    field, no INDUSTRY; 商业航天 elsewhere stays."""
    text = "商业航天大会上，创新药技术论坛与AI专家谈商业航天"
    spans = [("INDUSTRY", 0, 4, "ner"), ("INDUSTRY", 8, 11, "ner"), ("INDUSTRY", 16, 18, "ner"), ("INDUSTRY", 21, 25, "echo")]
    assert _filtered(text, spans) == [(21, "商业航天")]


def test_a_sector_before_its_system_function_or_solution_is_no_industry():
    """(entity_filter.v1, not_names.json attribute_after) 传动系统, 智能驾驶功能, 智能驾驶解决方案, AI集群: the system, the
    function, the solution, the cluster, no INDUSTRY; 智能驾驶 elsewhere stays."""
    text = "微型传动系统、智能驾驶功能与智能驾驶解决方案，AI集群，智能驾驶行业"
    spans = [("INDUSTRY", 2, 4, "ner"), ("INDUSTRY", 7, 11, "ner"), ("INDUSTRY", 14, 18, "echo"),
             ("INDUSTRY", 23, 25, "ner"), ("INDUSTRY", 28, 32, "echo")]
    assert _filtered(text, spans) == [(28, "智能驾驶")]


def test_a_sector_right_after_best_is_no_industry():
    """(entity_filter.v1, not_names.json superlative_before) 全球最佳航空公司: an award's object, no INDUSTRY; 航空 elsewhere
    stays."""
    text = "全球最佳航空公司，航空业复苏"
    spans = [("INDUSTRY", 4, 6, "ner"), ("INDUSTRY", 9, 11, "ner")]
    assert _filtered(text, spans) == [(9, "航空")]


def test_a_sector_right_after_the_company_s_is_no_industry():
    """(entity_filter.v1, not_names.json possessor_before) 该公司的人形机器人: the company's product, no INDUSTRY."""
    text = "该公司的人形机器人对标人形机器人赛道"
    spans = [("INDUSTRY", 4, 9, "ner"), ("INDUSTRY", 11, 16, "ner")]
    assert _filtered(text, spans) == [(11, "人形机器人")]


def test_a_sector_deployed_is_no_industry():
    """(entity_filter.v1, not_names.json deploy_before) 部署自动驾驶技术: what is put to use, no INDUSTRY."""
    text = "部署自动驾驶技术，自动驾驶行业"
    spans = [("INDUSTRY", 2, 6, "ner"), ("INDUSTRY", 9, 13, "ner")]
    assert _filtered(text, spans) == [(9, "自动驾驶")]


def test_a_counted_thing_is_no_industry():
    """(entity_filter.v1, _COUNTED_THING) 10万台人形机器人, 这台机器人: the machines counted, no INDUSTRY; the sector word
    after 头部 (not a count) stays."""
    text = "交付10万台人形机器人，这台机器人；头部人形机器人企业"
    spans = [("INDUSTRY", 6, 11, "ner"), ("INDUSTRY", 14, 17, "ner"), ("INDUSTRY", 20, 25, "ner")]
    assert _filtered(text, spans) == [(20, "人形机器人")]


def test_a_made_or_used_thing_is_no_industry():
    """(entity_filter.v1, names_a_made_thing) 人形机器人的开发, 汽车消费者: what is made or bought, no INDUSTRY; before
    的研发、 (a business scope) the sector stays."""
    text = "人形机器人的开发；汽车消费者；储能电池的研发、生产"
    spans = [("INDUSTRY", 0, 5, "ner"), ("INDUSTRY", 9, 11, "ner"), ("INDUSTRY", 15, 19, "ner")]
    assert _filtered(text, spans) == [(15, "储能电池")]


def test_a_sector_right_after_non_is_no_industry():
    """(entity_filter.v1, not_names.json negation_before) 非金融企业: everything outside the sector, no INDUSTRY; after
    the verb 并非 (negation_verbs) the sector stays, as does 金融 elsewhere."""
    text = "非金融企业股票余额；并非金融业；金融业"
    spans = [("INDUSTRY", 1, 3, "ner"), ("INDUSTRY", 12, 14, "ner"), ("INDUSTRY", 16, 18, "ner")]
    assert _filtered(text, spans) == [(12, "金融"), (16, "金融")]


def test_vertical_is_no_sector_but_vertical_ecommerce_is():
    """(entity_filter.v1) 垂直 of 垂直领域 / 垂直行业 ("vertical"): no INDUSTRY; 垂直电商 stays."""
    spans = [("INDUSTRY", 2, 4, "ner"), ("INDUSTRY", 9, 11, "echo"), ("INDUSTRY", 14, 18, "ner")]
    assert _filtered("深耕垂直领域，多个垂直行业和垂直电商", spans) == [(14, "垂直电商")]


def test_real_estate_is_a_sector():
    from extract.stages.gazetteer import Gazetteer
    text = "高风险地产商的债务；房地产板块走弱"
    found = {text[s:e] for s, e, t in Gazetteer().find(text) if t == "INDUSTRY"}
    assert {"地产", "房地产"} <= found


def test_general_knowledge_bodies_and_agencies_are_orgs():
    from extract.stages.gazetteer import Gazetteer
    g = Gazetteer()
    text = "国新办发布会上，3GPP与CNNIC的数据；清华团队接受AFP采访。"
    found = {text[s:e] for s, e, t in g.find(text) if t == "ORG"}
    assert {"国新办", "3GPP", "CNNIC", "清华", "AFP"} <= found


def test_standard_sector_names_of_the_national_classification():
    from extract.stages.gazetteer import Gazetteer
    g = Gazetteer()
    text = "全市批发和零售业增加值增长10.2%，交通运输、仓储和邮政业绿色贷款余额5.9万亿元"
    found = {text[s:e] for s, e, t in g.find(text) if t == "INDUSTRY"}
    assert {"批发和零售业", "交通运输、仓储和邮政业"} <= found


def test_a_sector_names_ye_that_starts_a_word_is_not_the_sectors():
    from extract.stages.gazetteer import Gazetteer
    g = Gazetteer()
    text = "青岛银行零售业务仍处于中下游，零售业增加值增长"
    spans = [(text[s:e], s) for s, e, t in g.find(text) if t == "INDUSTRY"]
    assert ("零售业", text.index("零售业增")) in spans
    assert all(s != text.index("零售业务") or w != "零售业" for w, s in spans)


def test_a_district_named_by_an_ordinary_word_is_no_place():
    """中心城区, 智慧矿区: the districts named 城区 / 矿区 / 郊区 / 市辖区 are left out of divisions.tsv (0 of 8 such
    spans in the news gold are places); 城关区-like names and their short forms stay."""
    from extract.stages.gazetteer import Gazetteer
    gaz = Gazetteer()
    assert [t for s, e, t in gaz.find("取消中心城区原已纳入两年限售范围的住房") if t == "LOC"] == []
    assert [(s, e) for s, e, t in gaz.find("智慧矿区和郊区的项目在唐山落地") if t == "LOC"] == [(11, 13)]  # 唐山


def test_an_autonomous_division_is_a_place_by_its_short_form():
    """西双版纳, 恩施: an autonomous prefecture or county named without its nationalities and 自治州/县 is a place;
    a short form that is an ordinary word (大厂, 通道) is not listed."""
    from extract.stages.gazetteer import Gazetteer, autonomous_short
    assert autonomous_short("恩施土家族苗族自治州") == "恩施" and autonomous_short("围场满族蒙古族自治县") == "围场"
    assert autonomous_short("西双版纳傣族自治州") == "西双版纳" and autonomous_short("恩施市") is None
    text = "西双版纳和恩施的茶园，大厂的通道"
    got = {text[s:e] for s, e, t in Gazetteer().find(text) if t == "LOC"}
    assert {"西双版纳", "恩施"} <= got and not {"大厂", "通道"} & got


def test_a_macro_region_with_its_area_word_is_a_place_and_a_bare_one_is_not_listed():
    from extract.stages.gazetteer import Gazetteer
    text = "华东区域资金到位率25.1%，西南地区增长；西南石油学院"
    got = {text[s:e] for s, e, t in Gazetteer().find(text) if t == "LOC"}
    assert {"华东区域", "西南地区"} <= got and "西南" not in got


def test_a_theme_park_is_a_place_and_a_kind_of_park_no_name():
    """(entity_filter.v1) the NER's COMPANY 錦江樂園 is a LOC; 主題樂園, alone or after a brand, is dropped with what is
    inside it (波特 of 哈利波特主題樂園)."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "上海錦江樂園將改建為哈利波特主題樂園，國內知名主題樂園"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [("COMPANY", 0, 6), ("COMPANY", 10, 18), ("PERSON", 12, 14), ("COMPANY", 23, 27)]
    d.entities = [d.entity(t, a, b, source="ner") for t, a, b in spans]
    make_entity_filter(None)(d)
    assert [(e.text, e.type) for e in d.entities] == [("上海錦江樂園", "LOC")]


def test_a_place_that_opens_a_plant_a_benchmark_or_a_slogan_is_no_place():
    """(entity_filter.v1) 上海 of 上海儲能超級工廠 / 上海金集中定价合约, 中国 of 中国特色: no LOC; 上海 before
    a factory of another word stays, and so does the place of a slogan with 智造 (the seed gold tags 上海 of “上海智造”)."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "特斯拉上海儲能超級工廠投產；上海金集中定价合约；中国特色；“上海智造”；上海工厂"
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("LOC", m.start(), m.end(), source="gazetteer") for m in re.finditer("上海|中国", text)]
    make_entity_filter(None)(d)
    assert [(e.start, e.text) for e in d.entities] == [(text.index("上海智造"), "上海"), (text.rindex("上海"), "上海")]


def test_china_of_the_made_in_china_slogan_is_no_place():
    """(entity_filter.v1, basic.names_a_coined_term) 中国 of “中国制造”, 中國智造, 中国制造新能源车: the slogan, no LOC
    (GUIDELINES rule 9); 中国 of 中国制造业, 中国制造商 and 中国制造2025 stays."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "“中国制造”；“中國智造”；中国制造新能源车；中国制造业；中国制造商；中国制造2025"
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("LOC", m.start(), m.end(), source="ner") for m in re.finditer("中国|中國", text)]
    make_entity_filter(None)(d)
    assert [e.start for e in d.entities] == [text.index("中国制造业"), text.index("中国制造商"), text.index("中国制造2025")]


def test_a_city_that_opens_a_futures_contract_is_no_place():
    """(entity_filter.v1) 纽约 of 纽约期金 / 紐約期油: a futures contract, no LOC; 纽约 before other words stays."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "纽约期金周一涨；紐約期油收市跌；纽约股市收高"
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("LOC", m.start(), m.end(), source="ner") for m in re.finditer("纽约|紐約", text)]
    make_entity_filter(None)(d)
    assert [(e.start, e.text) for e in d.entities] == [(text.rindex("纽约"), "纽约")]


def test_a_place_that_is_or_opens_a_currency_or_product_term_is_no_place():
    """(entity_filter.v1, basic.opens_a_term) 瑞士 of 瑞士卷, 新加坡 of 新加坡元 and 日圓 itself (not_names.json terms),
    of any source: no LOC; 瑞士 and 新加坡 before other words stay."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "单个瑞士卷售价39元；(新加坡元‧下同)；日圓曾挫1.5%；瑞士银行与新加坡政府"
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("LOC", m.start(), m.end(), source="gazetteer") for m in re.finditer("瑞士|新加坡|日圓", text)]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["瑞士", "新加坡"]
    assert d.entities[0].start == text.rindex("瑞士")


def test_no_name_inside_an_index_name():
    """(entity_filter.v1) 创业板 of 创业板指, 科创板 of 科创板人工智能指数, 创新药 of 中证创新药产业指数, 罗素 of 罗素1000指数:
    no entity inside an index's name; 创业板 of 在创业板上市 and 彭博 (a COMPANY) before 亿万富翁指数 stay."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "创业板指微跌；科创板人工智能指数；跟踪中证创新药产业指数；罗素1000指数；彭博亿万富翁指数；在创业板上市"
    spans = [("ORG", "创业板"), ("ORG", "科创板"), ("INDUSTRY", "创新药"), ("PERSON", "罗素"), ("COMPANY", "彭博")]
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity(t, m.start(), m.end(), source="ner") for t, w in spans for m in re.finditer(w, text)]
    make_entity_filter(None)(d)
    assert sorted((e.start, e.text) for e in d.entities) == [(text.index("彭博"), "彭博"), (text.rindex("创业板"), "创业板")]


def test_echoes_add_no_name_inside_an_index_name():
    """(propagate.v1) the echo of 创业板 does not come back inside 创业板指 after the entity filter dropped it there."""
    from extract import load
    doc = load()("创业板指微跌0.04%，公司计划在创业板上市。")
    assert [(e.start, e.text) for e in doc.entities if e.type == "ORG"] == [(17, "创业板")]


def _typed_by_filter(text, spans):
    """(text, type) of the NER entities ``spans`` ((type, start, end)) of ``text`` after the entity filter, on the
    normalized text."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity(t, a, b, source="ner") for t, a, b in spans]
    make_entity_filter(None)(d)
    return [(e.text, e.type) for e in d.entities]


def test_a_venue_is_a_place():
    """(entity_filter.v1) the NER's COMPANY or ORG ending in a venue's head (廣場, 博覽館, 古城, 生物城) is a LOC; the head
    alone with one character before it stays as the NER read it."""
    spans = [("COMPANY", 0, 6), ("COMPANY", 7, 14), ("ORG", 15, 19), ("COMPANY", 20, 27), ("COMPANY", 28, 31)]
    assert _typed_by_filter("香港中環廣場與亞洲國際博覽館，庞贝古城，重庆国际生物城，新廣場", spans) == [
        ("香港中環廣場", "LOC"), ("亞洲國際博覽館", "LOC"), ("庞贝古城", "LOC"), ("重庆国际生物城", "LOC"), ("新廣場", "COMPANY")]


def test_an_estate_or_a_power_plant_is_a_place():
    """(entity_filter.v1) the NER's COMPANY or ORG ending in a housing estate's or a power plant's head (新邨, 新村, 花園,
    核電廠, 核电站) is a LOC, as the venues are."""
    spans = [("COMPANY", 0, 4), ("COMPANY", 5, 9), ("COMPANY", 10, 14), ("ORG", 15, 20), ("ORG", 21, 27)]
    assert _typed_by_filter("美孚新邨與水蕉新村，豪景花園，福島核電廠，大亚湾核电站", spans) == [
        ("美孚新邨", "LOC"), ("水蕉新村", "LOC"), ("豪景花園", "LOC"), ("福島核電廠", "LOC"), ("大亚湾核电站", "LOC")]


def test_world_cities_and_hong_kong_areas_are_places():
    from extract.stages.gazetteer import Gazetteer
    text = "杨元庆在利雅得出席峰会，阿布扎比基金MGX参与；北部都会区与北都建设，鍾情启德、何文田"
    got = {text[s:e] for s, e, t in Gazetteer().find(text) if t == "LOC"}
    assert {"利雅得", "阿布扎比", "北部都会区", "北都", "启德", "何文田"} <= got


def test_a_software_product_is_no_company():
    """(entity_filter.v1) the NER's COMPANY ending in SDK, OS or API (美摄SDK, 华为云欧拉OS, ColorOS, Open API) names a
    software product, no company: it is dropped; iOS (one character before OS) and WhatsApp (App inside a word) stay."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "美摄SDK与华为云欧拉OS，ColorOS，Open API，iOS，WhatsApp"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [("COMPANY", 0, 5), ("COMPANY", 6, 13), ("COMPANY", 14, 21), ("COMPANY", 22, 30), ("COMPANY", 31, 34),
             ("COMPANY", 35, 43)]
    d.entities = [d.entity(t, a, b, source="ner") for t, a, b in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["iOS", "WhatsApp"]


def test_a_share_move_is_cut_off_a_company():
    """(entity_filter.v1) a share price's move glued to the NER's COMPANY (理想跌超, Wolfspeed一度跌超, 科华数据10cm涨停,
    锦江在线双双) is cut off; a name ending in 升 (华鲁恒升) stays whole."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "理想跌超5%，Wolfspeed一度跌超6%，科华数据10cm涨停，锦江在线双双涨停，华鲁恒升"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("理想跌超", "Wolfspeed一度跌超", "科华数据10cm涨停",
                                                               "锦江在线双双", "华鲁恒升")]
    d.entities = [d.entity("COMPANY", a, b, source="ner") for a, b in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["理想", "Wolfspeed", "科华数据", "锦江在线", "华鲁恒升"]


def test_a_company_ends_before_a_lists_etc():
    """(entity_filter.v1) the NER's COMPANY running past a list's 等 (大众等全球头部车企, 亚朵等酒店集团) ends before it."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "与BMW、大众等全球头部车企及华住、首旅、亚朵等酒店集团绑定"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("大众等全球头部车企", "亚朵等酒店集团")]
    d.entities = [d.entity("COMPANY", a, b, source="ner") for a, b in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["大众", "亚朵"]


def test_a_business_group_takes_its_xi_in():
    """(entity_filter.v1) a business group written as COMPANY + 系 (阿里系, 华为系等) is one COMPANY; a copula 系
    (沐邦高科系一家) or a word (泡泡玛特系列) stays outside."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "阿里系标青，华为系等厂商，沐邦高科系一家光伏企业，泡泡玛特系列盲盒"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("阿里", "华为", "沐邦高科", "泡泡玛特")]
    d.entities = [d.entity("COMPANY", a, b, source="ner") for a, b in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["阿里系", "华为系", "沐邦高科", "泡泡玛特"]


def test_a_business_word_after_a_cut_company_is_taken_in():
    """(entity_filter.v1) the NER's COMPANY cut before its business word (东信|营销, 華廈|置業, 泛海國際|發展) goes on over
    it; 国际业务, 发展的 and 理财产品 stay outside."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "东信营销上市，華廈置業並無，泛海國際發展宣布，阿里云国际业务增长，泡泡玛特发展的历程，泛华理财产品"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("东信", "華廈", "泛海國際", "阿里云", "泡泡玛特", "泛华")]
    d.entities = [d.entity("COMPANY", a, b, source="ner") for a, b in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["东信营销", "華廈置業", "泛海國際發展", "阿里云", "泡泡玛特", "泛华"]


def test_a_function_word_glued_to_a_company_is_cut_off():
    """(entity_filter.v1) 佳兆业本计划, 极兔正重点: the function word is cut off where the name without it stands elsewhere
    (companies.json glued_after_company); 亿嘉和 (no 亿嘉 alone) keeps its last character."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "佳兆业发布公告，佳兆业本计划发债。菜鸟和极兔正重点布局，极兔表示。亿嘉和定位平台型。"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("佳兆业本", "极兔正", "亿嘉和")]
    d.entities = [d.entity("COMPANY", a, b, source="ner") for a, b in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["佳兆业", "极兔", "亿嘉和"]


def test_metric_acronyms_are_no_names():
    """(entity_filter.v1) business-metric acronyms and a copyright line's word (SKU, ASP, KPI, RevPAR, Copyright) that the
    NER types COMPANY are dropped (not_names.json terms)."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "SKU占比低，ASP上升，KPI考核，RevPAR回升，Copyright © 2025"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("SKU", "ASP", "KPI", "RevPAR", "Copyright")]
    d.entities = [d.entity("COMPANY", a, b, source="ner") for a, b in spans]
    make_entity_filter(None)(d)
    assert d.entities == []


def _kept_by_filter(text, words):
    """The ``words`` (each a COMPANY of the NER at its first place in ``text``) that the entity filter keeps."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("COMPANY", text.index(w), text.index(w) + len(w), source="ner") for w in words]
    make_entity_filter(None)(d)
    return [e.text for e in d.entities]


def test_product_and_currency_words_are_no_names():
    """(entity_filter.v1) product, technology and currency words and market jargon (TOPCon, Robotaxi, 安卓, 美匯, 歐羅,
    盈喜, 图源) that the NER types COMPANY are dropped (not_names.json terms); a company beside them stays."""
    words = ("TOPCon", "Robotaxi", "安卓", "美匯", "歐羅", "盈喜", "图源", "晶科能源")
    text = "TOPCon电池，Robotaxi车队，安卓手机，美匯回落，歐羅上升，據盈喜公告，图源：晶科能源"
    assert _kept_by_filter(text, words) == ["晶科能源"]


def test_ordinary_words_and_product_names_are_no_names():
    """(entity_filter.v1) ordinary words and product names (万物, 小陽春 read 小阳春, 高精度, App Store, 創科 read 创科,
    Open-Sora) that the NER types COMPANY are dropped (not_names.json terms); a company beside them stays."""
    words = ("万物", "小陽春", "高精度", "App Store", "創科", "Open-Sora", "潞晨科技")
    text = "互联网加万物，樓市小陽春，高精度避障，App Store下载，金融和創科生态，Open-Sora由潞晨科技开源"
    assert _kept_by_filter(text, words) == ["潞晨科技"]


def test_stock_tickers_are_no_names():
    """(entity_filter.v1) a US stock ticker in brackets after its company (亚马逊（AMZN）, 台积电(TSM), 百度（BIDU）) that the
    NER types COMPANY is dropped (not_names.json terms); the company before it stays."""
    words = ("亚马逊", "AMZN", "台积电", "TSM", "百度", "BIDU")
    text = "亚马逊（AMZN）和台积电(TSM)上涨，增持百度（BIDU）"
    assert _kept_by_filter(text, words) == ["亚马逊", "台积电", "百度"]


def test_product_technology_terms_and_etf_tickers_are_no_names():
    """(entity_filter.v1) product, model and technology names (Apple Intelligence, NOA, Gemini, GitHub Copilot with its
    no-break space, 天猫精灵, the sub-brand Softcare, Full Pay) and US ETF tickers (KWEB, COWG) that the NER types COMPANY
    are dropped (not_names.json terms, _why_products_etf_tickers); the companies beside them stay."""
    words = ("苹果", "Apple Intelligence", "NOA", "Gemini", "GitHub\xa0Copilot", "天貓精靈", "乐舒适", "Softcare",
             "Full Pay", "KWEB", "COWG")
    text = ("苹果的Apple Intelligence，城市NOA，Gemini模型，GitHub\xa0Copilot收入，天貓精靈音箱，乐舒适主品牌Softcare，"
            "「一炮過」（Full Pay）成交，增持KWEB，考虑COWG")
    assert _kept_by_filter(text, words) == ["苹果", "乐舒适"]


def test_car_models_and_chip_lines_are_no_names():
    """(entity_filter.v1) a car model or series and a chip line named like a brand (岚图知音, 东风猛士, 骁龙) that the NER
    types COMPANY are dropped (not_names.json terms, _why_product_models); the makers beside them stay."""
    words = ("岚图", "岚图知音", "东风猛士", "高通", "骁龙")
    text = "岚图的岚图知音AI智舱，东风猛士，高通骁龙8"
    assert _kept_by_filter(text, words) == ["岚图", "高通"]


def test_drug_generic_names_are_no_names():
    """(entity_filter.v1) a name ending in a drug's generic-name stem (司美格鲁肽, 苏沃雷生, 替尔泊肽) that the NER
    types COMPANY is dropped (not_names.json drug_name_ends); the drug makers beside them stay."""
    words = ("诺和诺德", "司美格鲁肽", "默沙东", "苏沃雷生", "礼来", "替尔泊肽")
    text = "诺和诺德的司美格鲁肽，默沙东的苏沃雷生，礼来的替尔泊肽"
    assert _kept_by_filter(text, words) == ["诺和诺德", "默沙东", "礼来"]


def test_solar_cell_technologies_are_no_names():
    """(entity_filter.v1) solar cell technologies (TOPCon, PERC) that the NER types COMPANY are dropped (not_names.json
    terms); an INDUSTRY reading of them is left alone."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "N型TOPCon电池的量产效率已超过PERC，TOPCon产能扩张。"
    d = Document(text)
    d.norm = normalize(text)[0]
    first = text.index("TOPCon")
    d.entities = [d.entity("COMPANY", first, first + 6, source="ner"),
                  d.entity("COMPANY", text.index("PERC"), text.index("PERC") + 4, source="ner"),
                  d.entity("INDUSTRY", text.rindex("TOPCon"), text.rindex("TOPCon") + 6, source="ner")]
    make_entity_filter(None)(d)
    assert [(e.type, e.text) for e in d.entities] == [("INDUSTRY", "TOPCon")]


def test_mobile_platforms_are_no_names():
    """(entity_filter.v1) a mobile operating system or app store (安卓, Android, App Store) that the NER types COMPANY is
    dropped (not_names.json terms); the maker stays."""
    text = "苹果在App Store上架新应用，安卓手机和Android平板也能用。"
    assert _kept_by_filter(text, ("苹果", "App Store", "安卓", "Android")) == ["苹果"]


def test_drug_brands_are_no_names():
    """(entity_filter.v1) a drug's brand or nickname (K药, Keytruda, Ozempic, Wegovy) that the NER types COMPANY is
    dropped (not_names.json terms); the maker stays."""
    text = "默沙东的K药（Keytruda）销售额增长，诺和诺德的Ozempic和Wegovy也在增长。"
    assert _kept_by_filter(text, ("默沙东", "K药", "Keytruda", "诺和诺德", "Ozempic", "Wegovy")) == ["默沙东", "诺和诺德"]



def test_a_glued_buy_or_in_after_a_company_is_cut_off():
    """(entity_filter.v1) 堡獅龍購股權, 在成都可可豆动画中持股: 购/購 and 中 glued to a COMPANY are cut off where the name
    without them stands elsewhere (companies.json glued_after_company); 苏宁易购 (no 苏宁易 alone) keeps its 购."""
    text = "堡獅龍公告，向堡獅龍購股權持有人配發。饺子在可可豆动画中持股，可可豆动画出品。苏宁易购股权结构。"
    assert _kept_by_filter(text, ("堡獅龍購", "可可豆动画中", "苏宁易购")) == ["堡獅龍", "可可豆动画", "苏宁易购"]


def test_a_partnerships_legal_form_in_brackets_is_part_of_its_name():
    """(entity_filter.v1) 众华会计师事务所(特殊普通合伙), 永鑫方舟股权投资管理合伙企业（普通合伙）: the bracketed legal form of a
    partnership is taken into the COMPANY."""
    text = "审计机构众华会计师事务所(特殊普通合伙)出具报告，永鑫方舟股权投资管理合伙企业（普通合伙）为管理人。"
    assert _kept_by_filter(text, ("众华会计师事务所", "永鑫方舟股权投资管理合伙企业")) == [
        "众华会计师事务所(特殊普通合伙)", "永鑫方舟股权投资管理合伙企业（普通合伙）"]


def test_name_before_a_product_or_course_noun_is_no_company():
    """(entity_filter.v1) a COMPANY right before a product's, a course's or a community's noun (Deepseek一体机,
    DeepSeek課程: not_names.json product_after, read by basic.names_a_product) names the app or a course, no firm; the
    firms beside them stay."""
    words = ("潞晨", "Deepseek", "华为", "DeepSeek")
    assert _kept_by_filter("潞晨推出Deepseek一体机，华为上线DeepSeek課程", words) == ["潞晨", "华为"]


def test_a_housing_estate_before_its_sales_words_is_no_company():
    """(entity_filter.v1) a name right before an estate's sales words (呎售, 開價, 入場單位, N伙: basic._ESTATE_AFTER) is a
    housing estate, no firm, at every mention in the document; the developer beside it stays."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "北角皇都呎售18540。英皇國際表示，皇都反應理想。嘉里建設旗下朗天峰開價。"
    d = Document(text)
    d.norm = normalize(text)[0]
    spans = [(2, 4), (text.index("英皇國際"), text.index("英皇國際") + 4), (text.index("皇都反"), text.index("皇都反") + 2),
             (text.index("嘉里建設"), text.index("嘉里建設") + 4), (text.index("朗天峰"), text.index("朗天峰") + 3)]
    d.entities = [d.entity("COMPANY", s, e, source="ner") for s, e in spans]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["英皇國際", "嘉里建設"]


def test_hearsay_words_are_no_names():
    """(entity_filter.v1) 市傳/盛傳 opening hearsay (not_names.json terms, _why_hearsay_words) are no COMPANY; the firm
    beside them stays."""
    assert _kept_by_filter("市傳新鴻基將推盤，盛傳兩大央企將合併", ("市傳", "新鴻基", "盛傳")) == ["新鴻基"]


def test_a_name_right_after_a_new_estate_word_is_no_company():
    """(entity_filter.v1) a name right after 新盤/樓盤/屋苑/新樓 (basic._ESTATE_BEFORE) is the estate, no firm, at every
    mention in the document, even where the NER read another mention only; the developer before it and a firm after
    為 stay."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "泛海國際發展的洪水橋大型住宅新盤滙都，地利位置優越。滙都反應理想。上一個開價新盤為宏安地產。"
    d = Document(text)
    d.norm = normalize(text)[0]
    # the NER read only the later mention: the one after 新盤 is found in the text
    names = [("泛海國際發展", 0), ("滙都", text.index("滙都反")), ("宏安地產", 0)]
    d.entities = [d.entity("COMPANY", text.index(w, s), text.index(w, s) + len(w), source="ner") for w, s in names]
    make_entity_filter(None)(d)
    assert [e.text for e in d.entities] == ["泛海國際發展", "宏安地產"]


def test_a_listed_body_ending_inside_the_next_word_is_no_match():
    """联合国际权威机构, 联合报告人: 联合 ("jointly") before 国际 or 报告 is no UN and no paper; 联合国 and 联合报 themselves stay."""
    from extract.stages.gazetteer import Gazetteer
    text = "联想集团联合国际权威机构发布联合报告。联合国秘书长表示，联合报报道。"
    got = [(text[s:e], s) for s, e, t in Gazetteer().find(text) if t == "ORG" and text[s:e] in ("联合国", "联合报")]
    assert got == [("联合国", text.index("联合国秘书长")), ("联合报", text.index("联合报报道"))]
