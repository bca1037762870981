"""source_orgs.v1: research houses cited as a source are ORG at that mention (GUIDELINES N2)."""
from pathlib import Path

from extract.doc import Document
from extract.pipeline import load
from extract.stages.sources import SourceOrgs
from extract.textnorm import normalize


def _doc(text, names):
    d = Document(text)
    d.norm, d.script = normalize(text)
    for name in names:
        s = text.index(name)
        d.entities.append(d.entity("COMPANY", s, s + len(name)))
    return d


def test_a_house_before_a_verb_of_analysis_is_org():
    d = SourceOrgs()(_doc("高盛预计舜宇营收增长，中信证券研报指出需求回暖，德勤(Deloitte)统计显示。", ["高盛", "中信证券", "德勤"]))
    assert [e.type for e in d.entities] == ["ORG", "ORG", "ORG"]


def test_a_house_elsewhere_and_other_companies_stay_company():
    d = SourceOrgs()(_doc("高盛、瑞银等承销，摩根大通滑落1.5%。小米预计营收增长。", ["高盛", "瑞银", "摩根大通", "小米"]))
    assert [e.type for e in d.entities] == ["COMPANY"] * 4


def test_a_house_before_its_analyst_or_after_a_source_cue_is_org():
    d = SourceOrgs()(_doc("国信证券银行业首席分析师王剑认为。据彭博社报道，来源：民生证券。", ["国信证券", "彭博社", "民生证券"]))
    assert [e.type for e in d.entities] == ["ORG", "ORG", "ORG"]
    d = SourceOrgs()(_doc("根据中金，据小米介绍，国泰君安保荐的项目，高盛，其分析师称。", ["中金", "小米", "国泰君安", "高盛"]))
    assert [e.type for e in d.entities] == ["ORG", "COMPANY", "COMPANY", "COMPANY"]


def test_a_house_before_an_analysts_title_in_traditional_script_is_org():
    # _why_title_words_traditional: 三菱日聯高級外滙分析員, 椽盛資本策略師 → ORG as before 分析师
    d = SourceOrgs()(_doc("三菱日聯高級外滙分析員Lee指出，椽盛資本策略師表示，小米發佈新品。", ["三菱日聯", "椽盛資本", "小米"]))
    assert [e.type for e in d.entities] == ["ORG", "ORG", "COMPANY"]


def test_a_house_before_its_investment_chiefs_title_is_org():
    # _why_title_words_invest_chiefs: 椽盛資本投資總監, Siebert Financial首席投资官, 贝莱德基金首席权益投资官 → ORG;
    # a 董事总经理 names no house
    d = SourceOrgs()(_doc("椽盛資本投資總監曾永堅表示，Siebert Financial首席投资官Mark Malek称，贝莱德基金首席权益投资官神玉飞表示，"
                          "長和董事總經理霍建寧說。", ["椽盛資本", "Siebert Financial", "贝莱德基金", "長和"]))
    assert [e.type for e in d.entities] == ["ORG", "ORG", "ORG", "COMPANY"]


def test_a_name_before_a_reporting_word_is_a_medium():
    d = SourceOrgs()(_doc("盖世汽车讯 据报道，36氪2月13日讯，小米获悉后表示，华为推出新品。", ["盖世汽车", "36氪", "小米", "华为"]))
    assert [e.type for e in d.entities] == ["ORG", "ORG", "ORG", "COMPANY"]


def test_the_default_model_runs_it_after_propagate():
    names = load().pipe_names
    assert names.index("propagate") < names.index("source_orgs") < names.index("relations")


def test_a_name_before_a_statement_of_data_is_a_provider():
    d = SourceOrgs()(_doc("Mysteel统计，1月生猪出栏下降；QuestMobile数据显示，月活增长；普惠金融服务统计评价体系。",
                          ["Mysteel", "QuestMobile", "普惠金融服务"]))
    assert [e.type for e in d.entities] == ["ORG", "ORG", "COMPANY"]


def test_any_name_before_an_analysts_title_is_a_house():
    d = SourceOrgs()(_doc("Creative Planning首席市场策略师Charlie表示。小米发布新品，其研究员称。", ["Creative Planning", "小米"]))
    assert [e.type for e in d.entities] == ["ORG", "COMPANY"]  # the title must follow in the same clause


def test_a_cited_house_nothing_tagged_becomes_an_org_but_not_an_index_or_a_word_part():
    d = SourceOrgs()(_doc("对此，大和发研报指，东风披露。法巴:恒指有機會上試23000點。杰富瑞分析师Kumar表示。", ["东风"]))
    assert [(e.text, e.type) for e in d.entities] == [("大和", "ORG"), ("东风", "COMPANY"), ("法巴", "ORG"),
                                                      ("杰富瑞", "ORG")]
    # an index named after a house; a house name inside a longer Latin word; a tagged name stays as it is
    d = SourceOrgs()(_doc("根据彭博亿万富翁指数，标普500指数上涨。UBSX表示。扩大和提升。", []))
    assert d.entities == []


def test_the_index_after_a_house_is_read_as_the_entity_steps_and_facts_read_it():
    # extract.stages.indices.INDEX_TAIL, shared with propagate and the facts: 的 ends the house's name, so the
    # house is cited (据彭博的指数显示), and an index named by 指 alone right before its move is an index too
    d = SourceOrgs()(_doc("据彭博的指数显示，市场回暖。", []))
    assert [(e.text, e.type) for e in d.entities] == [("彭博", "ORG")]
    d = SourceOrgs()(_doc("据彭博综指收涨。", []))
    assert d.entities == []


def test_a_house_in_its_own_business_is_a_company():
    """(_why_underwriters) an ORG house before a verb of underwriting, or in a 、 list next to another house, is a
    COMPANY; a cited list (花旗、中金预计) and a house alone stay ORG."""
    d = _doc("国泰君安保荐的项目，摩根士丹利牵头的财团，如高盛、瑞银等几家，花旗、中金预计，德勤表示。",
             ["国泰君安", "摩根士丹利", "高盛", "瑞银", "花旗", "中金", "德勤"])
    for e in d.entities:
        e.type = "ORG"
    SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities] == [
        ("国泰君安", "COMPANY"), ("摩根士丹利", "COMPANY"), ("高盛", "COMPANY"), ("瑞银", "COMPANY"),
        ("花旗", "ORG"), ("中金", "ORG"), ("德勤", "ORG")]


def test_a_pipe_style_byline_names_a_medium():
    """(_why_byline_cues) 来源 | NAME and 出品 | NAME closing their line add an ORG where nothing is tagged; a colon
    source line (来源：官网截图) and an editor's byline add nothing."""
    text = "编辑 | 嘉辛\n\n出品 | 增长工场\n\n來源丨資產洞見\n来源：官网截图\n来源 | 财新网 \n正文"
    d = SourceOrgs()(_doc(text, []))
    assert [(e.text, e.type) for e in d.entities] == [("增长工场", "ORG"), ("資產洞見", "ORG"), ("财新网", "ORG")]


def test_a_house_setting_a_target_or_rating_is_cited():
    """(_why_report_verbs_52) 高盛将…目标价, 大摩对…给出评级, 德意志银行的一篇研报, 美银更是将…: the house is cited, an ORG."""
    d = SourceOrgs()(_doc("高盛将舜宇目标价上调，大摩对万国数据给出增持评级，德意志银行的一篇研报，美银更是将其视为拐点。",
                          ["高盛", "大摩", "德意志银行", "美银"]))
    assert [e.type for e in d.entities] == ["ORG"] * 4


def test_more_brokers_and_research_firms_are_houses():
    """(_why_houses_52) 德银, 摩通, 沙利文, 海通国际 cited are ORG; 滙豐 speaking of its own buyback stays a COMPANY."""
    d = SourceOrgs()(_doc("德银称加息并非不可能，摩通認為，沙利文預計，海通国际表示，滙豐表示自回購開始。",
                          ["德银", "摩通", "沙利文", "海通国际", "滙豐"]))
    assert [e.type for e in d.entities] == ["ORG"] * 4 + ["COMPANY"]


def test_a_name_between_a_cue_and_a_word_of_data_is_a_data_provider():
    # 据百川盈孚数据，, 根据QuestMobile数据，, 据企业预警通统计，: ORG (gold 40 of 40); 据不完全统计, 据相关机构统计: no name
    d = SourceOrgs()(_doc("据百川盈孚数据，价格上涨。根据QuestMobile数据，用户增长。", ["百川盈孚"]))
    assert [(e.text, e.type) for e in d.entities] == [("百川盈孚", "ORG"), ("QuestMobile", "ORG")]
    d = SourceOrgs()(_doc("据企业预警通统计，置换。据不完全统计，另据相关机构统计，大数据库层面新增数据，。", []))
    assert [(e.text, e.type) for e in d.entities] == [("企业预警通", "ORG")]
    d = _doc("另据大众点评数据，搜索量增长。", ["大众"])
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities] == [("大众点评", "ORG")]


def test_the_name_after_a_house_descriptor_is_an_org():
    # 研究机构LightCounting, 国际评级机构惠誉, 科技媒体TechCrunch: ORG without the descriptor (gold 11 of 11)
    text = "研究机构LightCounting指出，国际评级机构惠誉认为，科技媒体TechCrunch曾报道。"
    d = _doc(text, ["TechCrunch"])
    s = text.index("评级机构惠誉")
    d.entities.append(d.entity("ORG", s, s + 6))
    d.entities.sort(key=lambda x: x.start)
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities] == [("LightCounting", "ORG"), ("惠誉", "ORG"), ("TechCrunch", "ORG")]


def test_the_name_after_a_website_or_think_tank_is_an_org():
    # 財經網站Webb-site, 新聞網站The Information, 保守派智库传统基金会 (a COMPANY there retyped), 消费创投智库沥金: ORG
    # (news gold: every name right after 网站/智库 is an ORG, 6 of 6)
    text = "其創立的財經網站Webb-site發布報告，保守派智库传统基金会指出，消费创投智库沥金的创始人。"
    d = _doc(text, ["传统基金会", "沥金"])
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities] == [("Webb-site", "ORG"), ("传统基金会", "ORG"), ("沥金", "ORG")]


def test_an_analysts_desk_after_a_house_is_outside_it():
    """_why_desk_cut: 卓创资讯|生猪分析师, 广发证券|银行分析师, 中信建投证券|策略研究首席分析师 → the house, an ORG; a region's
    区 (德勤中國華南區主管) and a desk before no title stay whole (and COMPANY: 主管 alone cites no house)."""
    text = "卓创资讯生猪分析师邵瞧瞧表示，广发证券银行分析师倪军测算，中信建投证券策略研究首席分析师陈果，德勤中國華南區主管歐振興，广发证券银行业务增长。"
    d = SourceOrgs()(_doc(text, ["卓创资讯生猪", "广发证券银行", "中信建投证券策略研究", "德勤中國華南區", "广发证券银行业务"]))
    assert [(e.text, e.type) for e in d.entities] == [("卓创资讯", "ORG"), ("广发证券", "ORG"), ("中信建投证券", "ORG"),
                                                     ("德勤中國華南區", "COMPANY"), ("广发证券银行业务", "COMPANY")]


def test_more_houses_and_verbs_of_report():
    """_why_houses_orgx: 美银强调, 中信建投表示, 美银美林认为 → ORG; 奥维睿沃预计 untagged → an ORG added; 美银 in a list of
    bankers stays a COMPANY."""
    text = "美银强调：增长可期。中信建投表示看好。美银美林认为上行。奥维睿沃预计出货增长。"
    d = SourceOrgs()(_doc(text, ["美银", "中信建投", "美银美林"]))
    assert [(e.text, e.type) for e in d.entities] == [("美银", "ORG"), ("中信建投", "ORG"), ("美银美林", "ORG"),
                                                     ("奥维睿沃", "ORG")]


def test_a_public_information_portal_is_an_org():
    """(_why_portal_heads) 裁判文书网, 仪器信息网, 全国企业破产重整案件信息网 → ORG, starting after a clause mark, a cue
    character (从) or a tagged name; 信息网络 and 服务网点 are no portal."""
    text = ("裁判文书网上的案件，界面新闻、仪器信息网等内容。雷达财经从全国企业破产重整案件信息网获悉。"
            "职业信息网络，服务网点遍布。")
    d = SourceOrgs()(_doc(text, ["界面新闻", "雷达财经"]))
    assert [(e.text, e.type) for e in d.entities if e.source == "source_orgs"] == [
        ("裁判文书网", "ORG"), ("仪器信息网", "ORG"), ("全国企业破产重整案件信息网", "ORG")]


def test_a_listed_house_the_ner_read_as_a_person_is_a_firm():
    # _why_person_houses: an ORG like any house, a COMPANY in its own business; 胡润 the person stays one
    text = "毕马威在节前发布报告。竞争对手德勤、安永和普华永道。施罗德对港股持中性评级。胡润表示。"
    d = _doc(text, ["毕马威", "德勤"])
    for name in ("安永", "施罗德", "胡润"):
        s = text.index(name)
        d.entities.append(d.entity("PERSON", s, s + len(name)))
    d.entities.sort(key=lambda e: e.start)
    d = SourceOrgs()(d)
    assert [(text[e.start:e.end], e.type) for e in d.entities] == [
        ("毕马威", "COMPANY"), ("德勤", "COMPANY"), ("安永", "COMPANY"), ("施罗德", "ORG"), ("胡润", "PERSON")]


def test_a_courts_short_name_after_a_cue_is_an_org():
    # _why_court_names: 今於區院讀出, 今於高等法院質疑 → ORG; not before 上訴庭, not inside a name, not before a figure
    text = "控方今於區院讀出開案陳詞。顧氏今於高等法院質疑清盤人。翌日向高等法院上訴庭上訴。在東區裁判法院出庭。她今於區院承認3項罪。"
    d = _doc(text, ["東區裁判法院"])
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities if e.source == "source_orgs"] == [
        ("區院", "ORG"), ("高等法院", "ORG")]


def test_a_body_before_its_heads_title_is_an_org():
    # _why_titled_heads: ⏎建築署|署長, 。財政司|司長 → ORG from a line start or clause mark; not mid-clause, not over a name
    text = "工程。\n建築署署長李翹彥表示。財政司司長陳茂波出席。並聽取運輸及物流局局長介紹。發展局局長表示。"
    d = _doc(text, ["發展局"])
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities if e.source == "source_orgs"] == [
        ("建築署", "ORG"), ("財政司", "ORG")]


def test_a_latin_name_closing_a_photo_credit_is_an_org():
    # _why_credit_cues: 图源：9to5Mac⏎, 封图：IC photo⏎, AFP via Getty Images) → ORG; 图源|TRESIO cut to the name, typed as the
    # document types it elsewhere; not before more text (Apptronik官网, 百度地图V20车道) nor a name running on (Vásquez)
    text = "图源TRESIO\n\nTRESIO获投。图源：9to5Mac\n\n封图：IC photo\n(CHRIS/AFP via Getty Images)\n" \
           "图源：Godofredo A. Vásquez/AP\n来源：Apptronik官网\n首搭百度地图V20车道\n"
    d = Document(text)
    d.norm, d.script = normalize(text)
    d.entities = [d.entity("ORG", 0, 8), d.entity("COMPANY", text.index("TRESIO获"), text.index("获投"))]
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities] == [
        ("TRESIO", "COMPANY"), ("TRESIO", "COMPANY"), ("9to5Mac", "ORG"), ("IC photo", "ORG"), ("Getty Images", "ORG")]


def test_a_chinese_name_closing_a_credit_is_an_org():
    # _why_credit_han: 图源：微博）, 来源：《政经参考》⏎ → ORG where nothing is tagged; typed as the document types the name
    # elsewhere (图源：三星⏎); not a word of credit_han_not (图源：网络, 图源：豆包AI生成) nor a name running on (图源：乐舒适招股书)
    text = "美摄回应（图源：微博）美摄。图源：网络\n来源：《政经参考》\n图源：三星\n三星发布。图源：豆包AI生成）此外，图源：乐舒适招股书说明"
    d = Document(text)
    d.norm, d.script = normalize(text)
    s = text.index("三星发布")
    d.entities = [d.entity("COMPANY", s, s + 2)]
    d = SourceOrgs()(d)
    assert [(e.text, e.type) for e in d.entities] == [
        ("微博", "ORG"), ("政经参考", "ORG"), ("三星", "COMPANY"), ("三星", "COMPANY")]


def test_an_attack_groups_code_is_an_org():
    # _why_attack_groups: APT-C-48（CNC）组织, APT-C-00和APT-C-01等组织, APT28 → ORG; not APT alone nor inside a longer code
    text = "南亚地区APT-C-48（CNC）组织对，APT-C-00和APT-C-01等组织，APT28攻击。全球APT研究报告，APT组织，XAPT-C-1，APT-C-48x"
    d = SourceOrgs()(_doc(text, []))
    assert [(e.text, e.type) for e in d.entities] == [
        ("APT-C-48", "ORG"), ("APT-C-00", "ORG"), ("APT-C-01", "ORG"), ("APT28", "ORG")]


def test_a_medium_opening_its_clause_before_a_cue_is_an_org():
    """(_why_media_leads) 36 氪获悉, 茶咖观察独家获悉, 凯度消费者指数数据显示 opening their clause and 据“工信微报”消息 add an
    ORG where nothing is tagged; 记者获悉, 最新数据显示, unquoted 根据电子工程专辑报道,
    第七次全国人口普查数据显示, a tagged company and a name inside a clause add nothing."""
    text = ("36 氪获悉，「两只兔子」完成融资。近日，茶咖观察独家获悉，茉莉奶白扩张。春节期间，凯度消费者指数数据显示，销量增长。"
            "据“工信微报”消息，各部门联合。根据电子工程专辑报道，台积电。据海豚投研的了解，增速。根据多方消息，苹果。"
            "记者获悉，人口占比高。第七次全国人口普查数据显示，增长。说，最新数据显示。小米获悉，公司称目前我们获悉，")
    d = SourceOrgs()(_doc(text, ["小米"]))
    assert [(e.text, e.type) for e in d.entities] == [
        ("36 氪", "ORG"), ("茶咖观察", "ORG"), ("凯度消费者指数", "ORG"), ("工信微报", "ORG"), ("小米", "ORG")]


def test_a_medium_opening_its_clause_before_noticing_is_an_org():
    """(_why_media_leads) 信风梳理发现 and 三里河注意到 opening their clause add an ORG; 董事會已注意到 and 记者注意到 add
    nothing."""
    text = "增长。\n\n信风梳理发现，已公示。同时，三里河注意到，政策出台。董事會已注意到股價波動。记者注意到，销量增长。"
    d = SourceOrgs()(_doc(text, []))
    assert [(e.text, e.type) for e in d.entities] == [("信风", "ORG"), ("三里河", "ORG")]


def test_a_name_this_step_made_an_org_is_that_org_at_its_other_untagged_mentions():
    """(_why_spread) 茶咖观察 read at 茶咖观察独家获悉 is the ORG again at 不过，茶咖观察从…; a mention the tagger typed stays
    as it is, and a name of 2 characters, a Latin name inside a longer Latin word or a name this step read at fewer
    than a fifth of its occurrences (据…龙虎榜数据 once, 龙虎榜 five times more) spreads nowhere."""
    text = ("近日，茶咖观察独家获悉，茉莉奶白扩张。不过，茶咖观察从内部人员处了解。小米获悉，小米手机。"
            "研究机构LightCounting表示，增长。LightCountingX不同，LightCounting预计回升。"
            "据百川盈孚数据，价格上涨。百川盈孚百川盈孚百川盈孚百川盈孚百川盈孚")
    d = SourceOrgs()(_doc(text, ["小米", "LightCounting"]))
    assert [(e.text, e.type, e.start) for e in d.entities] == [
        ("茶咖观察", "ORG", 3), ("茶咖观察", "ORG", 22), ("小米", "ORG", 35), ("LightCounting", "ORG", 49),
        ("LightCounting", "ORG", 85), ("百川盈孚", "ORG", 104)]


def test_a_credit_name_typed_both_ways_takes_its_first_mentions_type_in_every_process():
    # _add_credits: a name the document types COMPANY and ORG equally often takes its earliest mention's type; until
    # session 56 the tie went by string hashing, so the output changed with PYTHONHASHSEED
    import os
    import subprocess
    import sys

    script = (
        "from extract.doc import Document\n"
        "from extract.textnorm import normalize\n"
        "from extract.stages.sources import SourceOrgs\n"
        "text = '三星发布。三星表示。图源：三星\\n'\n"
        "d = Document(text)\n"
        "d.norm, d.script = normalize(text)\n"
        "d.entities = [d.entity('COMPANY', 0, 2), d.entity('ORG', 5, 7)]\n"
        "d = SourceOrgs()(d)\n"
        "print([e.type for e in d.entities if e.start >= text.index('图源')])\n")
    repo = Path(__file__).resolve().parents[1]
    seen = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(repo))
        out = subprocess.run([sys.executable, "-c", script], env=env, cwd=repo, capture_output=True, text=True,
                             check=True).stdout.strip()
        seen.add(out)
    assert seen == {"['COMPANY']"}


def test_untagged_latin_name_before_an_analysts_title_is_an_org():
    text = "从财报来看。\n\nRaymond James分析师Andrew Marok指出，增长强劲。Webush 分析师 Scott Devitt表示，市场健康。该行G-10外汇策略主管Athanasios表示。"
    d = SourceOrgs()(_doc(text, []))
    assert {(e.text, e.type) for e in d.entities} == {("Raymond James", "ORG"), ("Webush", "ORG")}
