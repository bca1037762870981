"""POLICY recognizer: 《》 titles (marks excluded), nesting, line breaks, publications."""
import pytest

from extract.doc import Document
from extract.stages.recognizers import find_policies
from extract.textnorm import normalize


def make_doc(text: str) -> Document:
    d = Document(text)
    d.norm, d.script = normalize(text)
    return d


def titles(text: str) -> list:
    return [e.text for e in find_policies(make_doc(text)) if e.type == "POLICY"]


CASES = [
    ("提升政策服务水平\n\n《上海市促进高成长企业加快发展三年行动方案(2025—2027年)》\n\n构建",
     ["上海市促进高成长企业加快发展三年行动方案(2025—2027年)"]),
    ("开展新型研发机构备案与绩效评价，发布《上海市新型研发机构备案与绩效评价管理办法》，累计备案",
     ["上海市新型研发机构备案与绩效评价管理办法"]),
    ("2013 年 7 月，工信部发布《关于促\n进中小企业 “专精特新”发展的指导意见》，",
     ["关于促\n进中小企业 “专精特新”发展的指导意见"]),
    ("2021 年，工信部发布《“十四五”促进中小企业发\n展规划》，明确提出",
     ["“十四五”促进中小企业发\n展规划"]),
    ("企业的主导产品应符合《工业“四基”发展目录》所列", ["工业“四基”发展目录"]),
    ("制造强国战略所制定的《中国制造 2025》所列", ["中国制造 2025"]),
    ("智慧芽《2022 专精特新“小巨人”企业科创能力报告》", ["2022 专精特新“小巨人”企业科创能力报告"]),
    ("2021 年，智慧芽创新研究中心曾发布《2021\n专精特新“小巨人”企业专利能力和科创能力\n报告》，对前三批",
     ["2021\n专精特新“小巨人”企业专利能力和科创能力\n报告"]),
    ("工信部《工業和信息化部辦公廳關于開展專精特新“小巨人”企業培育工作的通知》",
     ["工業和信息化部辦公廳關于開展專精特新“小巨人”企業培育工作的通知"]),
    # nesting and other marks
    ("印发《关于印发〈上海市促进高成长企业加快发展三年行动方案〉的通知》", ["关于印发〈上海市促进高成长企业加快发展三年行动方案〉的通知"]),
    ("见〈上海市科技创新条例〉", ["上海市科技创新条例"]),
    ("《A方案》和《B办法》", ["A方案", "B办法"]),
    ("《未闭合的标题 以及《完整的规划》", ["完整的规划"]),
    ("《 上海市科技创新条例 》", ["上海市科技创新条例"]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_policy(text, expected):
    d = make_doc(text)
    ents = find_policies(d)
    assert [e.text for e in ents] == expected
    for e in ents:
        assert e.type == "POLICY" and e.source == "policy"
        assert d.text[e.start - 1] in "《〈 " and d.text[e.end] in "》〉 "


@pytest.mark.parametrize("text", [
    "据《财富》杂志报道",
    "《人民日报》评论称",
    "《经济观察报》记者",
    "《第一财经日报》",
    "《三联生活周刊》",
    "《》",
    "只有闭合》号",
])
def test_not_a_policy(text):
    assert titles(text) == []


@pytest.mark.parametrize("text, name", [
    ("据《财富》杂志报道", "财富"),
    ("专家告诉《中国经营报》记者", "中国经营报"),
    ("《电鳗财经》经调查研究发现", "电鳗财经"),
    ("据《路透社》消息", "路透社"),
    ("《彭博》报导，知情人士称", "彭博"),
    ("《The Information》引述消息", "The Information"),
    ("《Analytics Insight》指出，台積電作", "Analytics Insight"),
    ("根據《CNBC》、《路透社》與", "CNBC"),
])
def test_a_publication_is_an_org(text, name):
    e = find_policies(make_doc(text))[0]
    assert (e.type, e.text, e.source) == ("ORG", name, "policy")


@pytest.mark.parametrize("text", ["发布《2024年年报》", "《政府工作报告》显示", "《Big Ideas 2025》报告预测", "《意见》指出", "《关于加强监管的通报》", "《胡润百富榜》显示"])
def test_reports_stay_policies(text):
    (e,) = find_policies(make_doc(text))
    assert e.type == "POLICY"


def test_title_attr_joins_pdf_lines():
    (e,) = find_policies(make_doc("发布《“十四五”促进中小企业发\n展规划》"))
    assert e.attrs["title"] == "“十四五”促进中小企业发展规划"
    (e,) = find_policies(make_doc("发布《上海市新型研发机构管理办法》"))
    assert "title" not in e.attrs


def test_traditional_media_name_is_recognized_through_norm():
    assert titles("據《財富》雜誌") == []


def test_long_unbalanced_mark_does_not_swallow_text():
    text = "《" + "很长的正文" * 60 + "。后来发布《上海市科技创新条例》"
    assert titles(text) == ["上海市科技创新条例"]


def test_a_film_title_is_no_policy_at_any_mention_and_holds_nothing():
    from extract.stages.basic import make_merger
    text = "《哪吒2》票房突破100亿元。《哪吒2》的成功说明了一切，国务院此前已经印发《关于推动文化发展的意见》。"
    doc = make_doc(text)
    found = find_policies(doc)
    assert [(e.text, e.type) for e in found if e.type == "POLICY"] == [("关于推动文化发展的意见", "POLICY")]
    assert [e.text for e in found if e.type == "WORK"] == ["哪吒2", "哪吒2"]  # the second one far from 票房 too
    inner = text.index("哪吒")
    doc.entities = found + [doc.entity("PERSON", inner, inner + 2, source="ner")]
    merged = make_merger(None)(doc)
    assert [e.text for e in merged.entities] == ["关于推动文化发展的意见"]  # the titles held the tagger out, then went


def test_titles_listed_next_to_a_film_are_films_and_a_law_naming_film_is_a_policy():
    text = "《哪吒2》票房已超越《复仇者联盟2》《芭比》、《冰雪奇缘2》和《壮志凌云2》，全球瞩目，业界公认其为标杆之作，" \
           "有关部门此前已经印发了《电影产业促进法》。"
    found = find_policies(make_doc(text))
    assert [e.text for e in found if e.type == "WORK"] == ["哪吒2", "复仇者联盟2", "芭比", "冰雪奇缘2", "壮志凌云2"]
    assert [e.text for e in found if e.type == "POLICY"] == ["电影产业促进法"]  # its own words are no cue


@pytest.mark.parametrize("text,name", [("知情人士告诉《中国企业家》，目前", "中国企业家"),
                                       ("国外媒体《现代零售》的一篇报道", "现代零售"),
                                       ("在国际学术期刊《先进科学》上发表", "先进科学"),
                                       ("《现代零售》采访的六位卖家", "现代零售")])
def test_a_title_a_cue_marks_as_a_publication_is_an_org(text, name):
    assert [(e.text, e.type) for e in find_policies(make_doc(text))] == [(name, "ORG")]


def test_a_quoted_name_with_a_policy_head_is_a_policy():
    text = "宣布发起“百车行动”，简化「黃金簽證」，提出“更加积极有为的宏观政策”，启动“员工关怀与发展长期计划”。"
    assert titles(text) == ["百车行动", "黃金簽證"]  # not with 的, not longer than 10 characters


def test_a_named_programme_without_marks_is_a_policy_outside_a_title():
    # session 52: 一带一路, 两新, 国补, 債券通 … (programme_names) are POLICY at 66 of 66 gold mentions
    assert titles("共建一带一路成效显著，两新政策加力，国补延续，債券通开通，沪深港通运行平稳。") == [
        "一带一路", "两新", "国补", "債券通", "沪深港通"]
    assert titles("全国补贴发放，两新股上市。") == []  # 全国补贴, 两新股: no programme
    assert titles("《推动共建一带一路的愿景与行动》") == ["推动共建一带一路的愿景与行动"]  # inside a title: the title only


def test_a_region_strategy_and_a_numbered_rule_set_are_policies():
    # session 52: a region's strategy and 新国九条 / 并购六条 (programme_names): POLICY at 13 of 13 gold mentions
    assert titles("推进京津冀协同发展、长三角一体化和成渝地区双城经济圈建设，落实新国九条与并购六条。") == [
        "京津冀协同发展", "长三角一体化", "成渝地区双城经济圈", "新国九条", "并购六条"]


def test_a_course_or_speech_title_is_no_policy_but_a_report_near_a_game_word_is():
    # session 52: 课程, 演讲, 游戏 … (work_cues) make works; a title before 报告 never is one
    assert titles("线下课程《企业AI应用开发实战》上线。") == []
    assert titles("发表题为《弘扬人民友谊 共创美好未来》的演讲，提出共同建设“丝绸之路经济带”。") == ["丝绸之路经济带"]
    assert titles("发布《2025年亚太发行商非游戏应用市场洞察》报告称，非游戏应用收入增长。") == [
        "2025年亚太发行商非游戏应用市场洞察"]


def test_a_quoted_ranking_list_title_is_a_policy_but_a_short_one_is_not():
    # session 52: quoted_list_heads (榜, 榜单, 排行榜, 名单) at 6-20 characters: POLICY at 9 of 9 gold names
    text = "发布“2021全球独角兽榜”与「全球科技百強排行榜」，被誉为“终极榜单”的“封神榜”。"
    assert titles(text) == ["2021全球独角兽榜", "全球科技百強排行榜"]


def test_a_quoted_name_before_a_plan_word_is_a_policy():
    # session 52: quoted_before (计划, 計劃, 政策, 战略, 行动): POLICY at 28 of 31 gold names
    text = "持续推进“新锐之星”计划，於「Future Ready Program」計劃中，实行“禁抗”政策，“明日之星”的谢宏。"
    assert titles(text) == ["新锐之星", "Future Ready Program", "禁抗"]
    # session 56 (w5pol): a ranking's or a report's quoted name (排行榜, 研究報告, 报告): gold 2 of 2 POLICY
    assert titles("「亞洲20大富豪家族」排行榜公布；「我國製造業發展與展望」研究報告") == ["亞洲20大富豪家族", "我國製造業發展與展望"]


def test_a_found_policy_name_stands_at_its_other_mentions():
    # session 52 (q1): repeat_min 4: 「小額豁免」 found once is a POLICY at its unmarked mentions too
    # (cross-fitted POLICY 285/35/233 -> 301/41/217); not inside a title, nor a name holding %, nor a short one
    text = "取消「小額豁免」，小額豁免規則，《小額豁免辦法》。推出「110%按揭計劃」，110%按揭計劃。「禁抗」政策，禁抗。"
    assert titles(text) == ["小額豁免", "小額豁免", "小額豁免辦法", "110%按揭計劃", "禁抗"]


def test_books_and_series_cues_make_a_title_a_work():
    # session 52 (q1): 作者, 本书, 畅销书, 新书, 续集, 影视 near a title: 0 of 15 gold titles POLICY
    assert titles("他是畅销书《新出海浪潮》的作者。") == []
    assert titles("《哪吒之魔童降世》原班人馬打造的續集。") == []
    assert titles("工信部发布《中国制造2025》。") == ["中国制造2025"]


def test_accounting_standards_and_the_wealth_connect_are_programmes():
    # session 52 (q1): programme_names: gold 4 of 4 standards, 3 of 4 wealth connects POLICY
    text = "按国际财务报告准则编製，企业会计准则。擴闊「跨境理財通2.0」，較「理財通1.0」增長，腾讯理财通。"
    assert titles(text) == ["国际财务报告准则", "企业会计准则", "跨境理財通2.0", "理財通1.0"]


def test_a_corner_quoted_fund_or_concession_is_a_programme():
    # session 55 (w8poltrad): 「…基金」, 「…優惠」 (heads matched on the simplified norm): gold 5 of 6 POLICY; in “” the
    # same heads are company aliases and awards (以下简称“富国基金”), so only 「」
    text = "藉由「主題式百億基金」與「創業創新基金」雙引擎，調整「長者2元乘車優惠」。以下简称“富国基金”。"
    assert titles(text) == ["主題式百億基金", "創業創新基金", "長者2元乘車優惠"]


def test_the_quoted_plus_initiatives_are_programmes():
    # session 52 (q1): “人工智能+”, “互联网+” in quotes: gold 6 of 6 POLICY; “AI+” and an unquoted AI+ stay out
    assert titles("国泰君安指，“人工智能+”可以类比“互聯網+”，快速具备“AI+”应用，第二个是AI+。") == ["人工智能+", "互聯網+"]


def test_rulebooks_government_reports_and_hk_schemes_are_programmes():
    # session 53 (pol): 上市規則, 政府工作报告 / 施政報告 (not a city's: 各地 / 地方 / 公布 before), 投資移民計劃,
    # 消費券計劃 (programme_names): gold 13 of 14 such unmarked mentions POLICY (10 documents)
    text = "須根據上市規則予以披露，首次被写入2024政府工作报告，各地政府工作报告披露，在施政報告提出，放寬投資移民計劃，消費券計劃終止。"
    assert titles(text) == ["上市規則", "2024政府工作报告", "施政報告", "投資移民計劃", "消費券計劃"]


def test_a_headline_with_a_question_or_exclamation_mark_is_no_policy():
    # session 53 (pol): gold 1 of 8 such titles POLICY, the names inside them tagged; one holding a title stands
    assert titles("发布的《DeepSeek，你也太懂海安农商银行了吧！》的文章，标题是《武汉要怎样出一个DeepSeek？》。") == []
    assert titles("原文标题：《《哪吒2》各省份票房排名出炉！光线传媒老板身家大涨》") == ["《哪吒2》各省份票房排名出炉！光线传媒老板身家大涨"]


def test_a_quoted_year_led_list_or_report_title_is_a_policy():
    # session 53 (pol): quoted_year_heads: gold 9 of 9 POLICY; other year-led quotes (峰會, 主角, 年末…) 0 of 3
    text = "公布「2025年最佳航空公司」前25位，在“2025年中国城投企业行业信用前景展望”上，在「2025國際生物計算創新峰會」表示，是“2025年最燃爽文主角”。"
    assert titles(text) == ["2025年最佳航空公司", "2025年中国城投企业行业信用前景展望"]


def test_a_quoted_plus_formula_is_a_programme():
    # session 54 (r3pol): “12+4”产业体系, “5+X”, “1+10+N”: gold 8 of 10 such quotes POLICY; a bare number stays out
    assert titles("构建“12+4”产业体系，“5+X”未来产业，“1+10+N”战略，紧扣“1246”集群，股票代码“7855”。") == [
        "12+4", "5+X", "1+10+N"]


def test_an_article_title_after_an_article_cue_is_no_policy():
    # session 55 (w5pol): article_cues_before/after: gold 6 of 6 such titles carry no entity; a plain title stands
    assert titles("13日刊发文章《科技引领价值重估 中国资产受关注》。") == []
    assert titles("已进行跟踪报道（《玻色量子三年融五轮，成为资本市场新秀》）。") == []
    assert titles("行业投融资的文章：《2024年消费投融资复盘：数量上涨5.3%》。") == []
    assert titles("国务院发布《关于X的通知》，文章称") == ["关于X的通知"]


def test_a_policy_titles_defined_short_name_is_a_policy():
    # session 55 (w5pol): gold 3 of 3 such short names POLICY; one of repeat_min characters stands at its other mentions
    text = "发布《监管规则适用指引——发行类第10号》（下称“10号指引”），10号指引指出。发布《研究报告》（以下简称“报告”）。报告提到"
    assert titles(text) == ["监管规则适用指引——发行类第10号", "10号指引", "10号指引", "研究报告", "报告"]
    assert titles("《财富》（以下简称“财富”）") == []


def test_a_media_title_after_a_channel_cue_or_a_wire_name_is_an_org():
    # session 55 (w5pol): 公众号《…》, 栏目《…》, 《彭博》, 《星岛》: gold ORG at 8 of 8 such titles
    ents = find_policies(make_doc("来自公众号《巨潮WAVE》的文章，对话栏目《态度AGI》。《彭博》先前报导称，《星岛》中国组"))
    assert [(e.type, e.text) for e in ents] == [("ORG", "巨潮WAVE"), ("ORG", "态度AGI"), ("ORG", "彭博"), ("ORG", "星岛")]


def test_a_policys_latin_name_in_brackets_is_a_policy():
    # session 56 (w5pol): gold 9 of 9 bracketed Latin names right after a POLICY are POLICY; a year or a note stays out
    text = "是否符合《美墨加自贸协定》（USMCA）的规定。「活躍投資者升級簽證」（AIP）將縮小。根据USMCA采取行动"
    assert titles(text) == ["美墨加自贸协定", "USMCA", "活躍投資者升級簽證", "AIP", "USMCA"]
    assert titles("专利是基于国际《专利合作条约》（Patent \nCooperation Treaty）") == ["专利合作条约", "Patent \nCooperation Treaty"]
    assert titles("《未成年人保护法》（2021年）规定；《财富》（Fortune）报道") == ["未成年人保护法"]
