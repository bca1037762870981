"""invested_in from investor, shareholder and portfolio lists (extract/stages/relations/rules.py): which items
are taken, which company they attach to, and where a list ends."""
import pytest

from docs import make_doc
from extract.stages.relations.rules import pattern_relations


def invested(text, spans):
    return [(r.head.text, r.tail.text) for r in pattern_relations(make_doc(text, spans)) if r.type == "invested_in"]


@pytest.mark.parametrize("text, spans, expected", [
    # an item the recognizers missed (KPCB) is passed over, not the end of the list
    ("星河芯片完成融资。该公司的历史股东包括KPCB、北极光创投、宽带资本等基金。",
     [("星河芯片", "COMPANY"), ("北极光创投", "COMPANY"), ("宽带资本", "COMPANY")],
     [("北极光创投", "星河芯片"), ("宽带资本", "星河芯片")]),
    # 和 inside a name is not a list separator
    ("星河芯片的投资方包括中移和创投资、长江资本。",
     [("星河芯片", "COMPANY"), ("中移和创投资", "COMPANY"), ("长江资本", "COMPANY")],
     [("中移和创投资", "星河芯片"), ("长江资本", "星河芯片")]),
    # the list ends at 等 and at a clause end
    ("星河芯片的股东包括甲资本等。乙资本也很看好。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")], [("甲资本", "星河芯片")]),
    # 还包括
    ("星河芯片的投资方还包括甲资本、乙资本。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")],
     [("甲资本", "星河芯片"), ("乙资本", "星河芯片")]),
])
def test_investor_lists(text, spans, expected):
    assert invested(text, spans) == expected


def test_an_investor_of_the_round_is_not_the_company_its_list_attaches_to():
    """甲资本领投，乙、丙和丁等基金跟投。该公司的股东包括…: the company is the one before the investors."""
    text = "星河芯片完成融资，甲资本领投，乙资本、丙资本等基金跟投。该公司的历史股东包括丁资本、戊资本等。"
    spans = [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY"), ("丙资本", "COMPANY"),
             ("丁资本", "COMPANY"), ("戊资本", "COMPANY")]
    assert invested(text, spans) == [("丁资本", "星河芯片"), ("戊资本", "星河芯片")]


@pytest.mark.parametrize("text, spans, expected", [
    ("公司早前曾获甲资本、乙资本等专业机构投资。", [("甲资本", "COMPANY"), ("乙资本", "COMPANY")], []),  # no company
    ("星河芯片成立于2020年。公司早前曾获甲资本、乙资本等专业机构投资。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")],
     [("甲资本", "星河芯片"), ("乙资本", "星河芯片")]),
    # no subject at all in the sentence: the company of the sentence before
    ("星河芯片被资本市场看好。此前，已获得甲资本、乙资本等机构的多轮投资。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")],
     [("甲资本", "星河芯片"), ("乙资本", "星河芯片")]),
    # 曾获 without 投资 after the list is no investment (曾获甲、乙等奖项)
    ("星河芯片曾获甲资本、乙资本等颁发的奖项。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")], []),
])
def test_earlier_rounds_named_with_ceng_huo(text, spans, expected):
    assert invested(text, spans) == expected


@pytest.mark.parametrize("text, spans, expected", [
    ("万得（Wind）积极开展投资布局，其投资企业包括包括甲数据、乙智能等。",
     [("万得", "COMPANY"), ("Wind", "COMPANY"), ("甲数据", "COMPANY"), ("乙智能", "COMPANY")],
     [("万得", "甲数据"), ("万得", "乙智能")]),  # the name, not the alias in brackets
    ("港投公司列举投资对象，包括香港医疗机器人公司甲乙、智慧储能企业丙丁。",
     [("港投公司", "COMPANY"), ("甲乙", "COMPANY"), ("丙丁", "COMPANY")],
     [("港投公司", "甲乙"), ("港投公司", "丙丁")]),  # a descriptor may open an item
    # a descriptor holding an INDUSTRY or a company of its own opens a later item too (session 56)
    ("港投公司列举投资对象，包括香港医疗机器人公司甲乙、智慧储能企业丙丁、人工智能公司戊己。",
     [("港投公司", "COMPANY"), ("甲乙", "COMPANY"), ("智慧储能", "INDUSTRY"), ("丙丁", "COMPANY"),
      ("人工智能", "INDUSTRY"), ("戊己", "COMPANY")],
     [("港投公司", "甲乙"), ("港投公司", "丙丁"), ("港投公司", "戊己")]),
    ("港投公司列举投资对象，包括甲乙、中华煤气（003）孵化的可再生燃料公司丙丁、智慧储能企业戊己等。",
     [("港投公司", "COMPANY"), ("甲乙", "COMPANY"), ("中华煤气", "COMPANY"), ("可再生燃料", "INDUSTRY"),
      ("丙丁", "COMPANY"), ("智慧储能", "INDUSTRY"), ("戊己", "COMPANY")],
     [("港投公司", "甲乙"), ("港投公司", "丙丁"), ("港投公司", "戊己")]),
    # after an item the next one still needs a separator
    ("港投公司的投资对象包括甲乙人工智能公司丙丁。",
     [("港投公司", "COMPANY"), ("甲乙", "COMPANY"), ("人工智能", "INDUSTRY"), ("丙丁", "COMPANY")],
     [("港投公司", "甲乙")]),
    # 其 reaches back to the sentence before, unless the sentence names the investor
    ("星河资本发布年报。其投资企业包括甲科技。", [("星河资本", "COMPANY"), ("甲科技", "COMPANY")], [("星河资本", "甲科技")]),
    ("星河资本发布年报。其子公司丙资本的投资企业包括甲科技。",
     [("星河资本", "COMPANY"), ("丙资本", "COMPANY"), ("甲科技", "COMPANY")], [("丙资本", "甲科技")]),
    ("清华大学发布年报。其投资企业包括甲科技。", [("清华大学", "ORG"), ("甲科技", "COMPANY")], [("清华大学", "甲科技")]),
    # a place in the sentence is no investor
    ("星河资本发布年报。其在苏州的投资企业包括甲科技。", [("星河资本", "COMPANY"), ("苏州", "LOC"), ("甲科技", "COMPANY")],
     [("星河资本", "甲科技")]),
    # an investor list and a portfolio list: both kept
    ("甲乙科技的投资者包括红杉资本。星河资本的投资企业包括甲科技。",
     [("甲乙科技", "COMPANY"), ("红杉资本", "ORG"), ("星河资本", "COMPANY"), ("甲科技", "COMPANY")],
     [("红杉资本", "甲乙科技"), ("星河资本", "甲科技")]),
    ("星河资本落户苏州。其投资企业包括甲科技。", [("星河资本", "COMPANY"), ("苏州", "LOC"), ("甲科技", "COMPANY")],
     [("星河资本", "甲科技")]),
    # an ORG may be the investor
    ("清华大学的投资企业包括甲科技、乙科技。", [("清华大学", "ORG"), ("甲科技", "COMPANY"), ("乙科技", "COMPANY")],
     [("清华大学", "甲科技"), ("清华大学", "乙科技")]),
])
def test_portfolio_lists_point_the_other_way(text, spans, expected):
    assert invested(text, spans) == expected


@pytest.mark.parametrize("before, expected", [(299, [("甲资本", "星河芯片")]), (300, [("甲资本", "星河芯片")]), (301, [])])
def test_an_anaphor_reaches_back_300_characters(before, expected):
    """该公司 takes a company of an earlier sentence that starts at most 300 characters before its sentence."""
    text = "星河芯片" + "很" * (before - 5) + "。该公司的股东包括甲资本。"
    assert invested(text, [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")]) == expected


@pytest.mark.parametrize("text, spans, expected", [
    # the company may end right where the cue starts
    ("星河芯片股东包括甲资本、乙资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")],
     [("甲资本", "星河芯片"), ("乙资本", "星河芯片")]),
    # a company in the sentence wins over an anaphor (其股东) reaching back to the sentence before
    ("星河芯片发布新品。丙丁智能完成融资，其股东包括甲资本。",
     [("星河芯片", "COMPANY"), ("丙丁智能", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "丙丁智能")]),
    ("星河芯片发布新品。该公司投资的丙丁智能，股东包括甲资本。",
     [("星河芯片", "COMPANY"), ("丙丁智能", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "丙丁智能")]),
    # every cue's list is kept, not only the last one's
    ("甲乙科技的投资者包括红杉资本。丙丁智能的股东包括高瓴。",
     [("甲乙科技", "COMPANY"), ("红杉资本", "ORG"), ("丙丁智能", "COMPANY"), ("高瓴", "ORG")],
     [("红杉资本", "甲乙科技"), ("高瓴", "丙丁智能")]),
    # 曾获 with one investor, and with three
    ("星河芯片曾获甲资本投资。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "星河芯片")]),
    ("星河芯片曾获甲资本、乙资本、丙资本等机构投资。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY"), ("丙资本", "COMPANY")],
     [("甲资本", "星河芯片"), ("乙资本", "星河芯片"), ("丙资本", "星河芯片")]),
])
def test_investor_list_subjects(text, spans, expected):
    assert invested(text, spans) == expected


# a sentence of more than 400 characters without punctuation is cut at 400 (split_sentences), so the company
# before it ends exactly where the next sentence, with its anaphor, starts
LONG = "很" * 396 + "星河芯片"


@pytest.mark.parametrize("text, spans, expected", [
    (LONG + "该公司的股东包括甲资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "星河芯片")]),
    (LONG + "此前已获得甲资本投资。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "星河芯片")]),
    (LONG + "其投资企业包括甲科技。", [("星河芯片", "COMPANY"), ("甲科技", "COMPANY")], [("星河芯片", "甲科技")]),
])
def test_an_anaphor_takes_a_company_ending_where_its_sentence_starts(text, spans, expected):
    from docs import make_doc
    assert make_doc(text).sents[0] == (0, 400)
    assert invested(text, spans) == expected


@pytest.mark.parametrize("text, spans, expected", [
    # a 曾获 that is no investment does not stop the next one
    ("星河芯片曾获甲资本等颁发的奖项。丙丁智能曾获乙资本投资。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("丙丁智能", "COMPANY"), ("乙资本", "COMPANY")], [("乙资本", "丙丁智能")]),
    # the nearest COMPANY before 曾获 in the sentence, not a place nearer the cue
    ("星河芯片在苏州曾获甲资本投资。", [("星河芯片", "COMPANY"), ("苏州", "LOC"), ("甲资本", "COMPANY")],
     [("甲资本", "星河芯片")]),
    # a sentence whose subject is a PERSON or an ORG does not reach back to the company of the sentence before
    ("星河芯片发布新品。张三称，此前已获得甲资本投资。", [("星河芯片", "COMPANY"), ("张三", "PERSON"), ("甲资本", "COMPANY")],
     []),
    ("星河芯片发布新品。清华大学此前已获得甲资本投资。", [("星河芯片", "COMPANY"), ("清华大学", "ORG"), ("甲资本", "COMPANY")],
     []),
    # with no subject, the last COMPANY before the sentence, not a place after it
    ("星河芯片落户苏州。此前已获得甲资本投资。", [("星河芯片", "COMPANY"), ("苏州", "LOC"), ("甲资本", "COMPANY")],
     [("甲资本", "星河芯片")]),
    # an investor list and an earlier round: both kept
    ("甲乙科技的投资者包括红杉资本。星河芯片曾获甲资本投资。",
     [("甲乙科技", "COMPANY"), ("红杉资本", "ORG"), ("星河芯片", "COMPANY"), ("甲资本", "COMPANY")],
     [("红杉资本", "甲乙科技"), ("甲资本", "星河芯片")]),
    # 其 opens the sentence, but its company is named in it
    ("星河芯片发布新品。其子公司丙丁智能曾获甲资本投资。",
     [("星河芯片", "COMPANY"), ("丙丁智能", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "丙丁智能")]),
])
def test_earlier_round_subjects(text, spans, expected):
    assert invested(text, spans) == expected


def test_an_earlier_round_does_not_reach_past_a_company_of_its_sentence():
    """丙资本 invested in 甲乙科技 (see the test below), never in 星河芯片 of the sentence before."""
    got = invested("星河芯片发布新品。甲乙科技曾获丙资本战略投资。",
                   [("星河芯片", "COMPANY"), ("甲乙科技", "COMPANY"), ("丙资本", "COMPANY")])
    assert ("丙资本", "星河芯片") not in got


def test_ceng_huo_with_zhanlue_touzi():
    """(Fixed: _invests read 曾获丙资本战略投资 as 甲乙科技 investing; it no longer looks across 获/由/受/得到.)"""
    assert invested("甲乙科技曾获丙资本战略投资。", [("甲乙科技", "COMPANY"), ("丙资本", "COMPANY")]) == [("丙资本", "甲乙科技")]


@pytest.mark.parametrize("text, spans, expected", [
    # _main_name: the name before an alias in brackets, whatever follows the alias
    ("万得（Wind）在苏州的投资企业包括甲数据。", [("万得", "COMPANY"), ("Wind", "COMPANY"), ("苏州", "LOC"), ("甲数据", "COMPANY")],
     [("万得", "甲数据")]),
    ("万得 (Wind) 的投资企业包括甲数据。", [("万得", "COMPANY"), ("Wind", "COMPANY"), ("甲数据", "COMPANY")], [("万得", "甲数据")]),
    ("苏州的万得（Wind）的投资企业包括甲数据。", [("苏州", "LOC"), ("万得", "COMPANY"), ("Wind", "COMPANY"), ("甲数据", "COMPANY")],
     [("万得", "甲数据")]),
    # no alias: a place before the brackets, no bracket, no closing bracket
    ("苏州（Wind）的投资企业包括甲数据。", [("苏州", "LOC"), ("Wind", "COMPANY"), ("甲数据", "COMPANY")], [("Wind", "甲数据")]),
    ("万得、Wind的投资企业包括甲数据。", [("万得", "COMPANY"), ("Wind", "COMPANY"), ("甲数据", "COMPANY")], [("Wind", "甲数据")]),
    ("万得（Wind的投资企业包括甲数据。", [("万得", "COMPANY"), ("Wind", "COMPANY"), ("甲数据", "COMPANY")], [("Wind", "甲数据")]),
])
def test_portfolio_investor_behind_an_alias(text, spans, expected):
    assert invested(text, spans) == expected


def _round(filler):
    """甲资本、<filler>、丙资本、丁资本、戊资本等基金跟投: 跟投 is within 12 characters of 丙资本 only"""
    return ("星河芯片完成融资，甲资本、" + filler + "、丙资本、丁资本、戊资本等基金跟投。该公司的股东包括己资本。",
            [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), (filler, "COMPANY"), ("丙资本", "COMPANY"), ("丁资本", "COMPANY"),
             ("戊资本", "COMPANY"), ("己资本", "COMPANY")])


@pytest.mark.parametrize("text, spans, expected", [
    # every item of a list that ends in 跟投 invests, not only those within 12 characters of it
    ("星河芯片完成融资，甲资本、乙资本、丙资本、丁资本等多家基金跟投。该公司的股东包括戊资本。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY"), ("丙资本", "COMPANY"), ("丁资本", "COMPANY"),
      ("戊资本", "COMPANY")], [("戊资本", "星河芯片")]),
    # the same far into a text
    ("很" * 130 + "。星河芯片完成融资，甲资本领投，乙资本跟投。该公司的股东包括丁资本。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY"), ("丁资本", "COMPANY")], [("丁资本", "星河芯片")]),
    # _invests follows a list at most 120 characters (_LOOKBACK): 丙资本 starts 120 / 121 characters after 甲资本
    (*_round("乙" * 118), [("己资本", "星河芯片")]),
    (*_round("乙" * 119), [("己资本", "甲资本")]),
])
def test_investors_named_in_a_list(text, spans, expected):
    assert invested(text, spans) == expected


@pytest.mark.parametrize("text, spans, expected", [
    # an item the recognizers missed is passed over up to 20 characters (_ITEM_MAX); a longer one ends the list
    ("星河芯片的股东包括" + "啊" * 20 + "、甲资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "星河芯片")]),
    ("星河芯片的股东包括" + "啊" * 21 + "、甲资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], []),
    ("星河芯片的股东包括" + "X" * 21 + "、甲资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], []),  # any 21 characters
    # spaces around an item do not count
    ("星河芯片的股东包括 " + "啊" * 20 + " 、甲资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], [("甲资本", "星河芯片")]),
    # 很多,比如甲 (an ASCII comma before the first item) is no list
    ("星河芯片的股东有很多,比如甲资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY")], []),
    # after an item, an entity not set off by a separator ends the list, and the ones after it are not listed
    ("星河芯片的股东包括甲资本持有的乙科技、丙科技。",
     [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙科技", "COMPANY"), ("丙科技", "COMPANY")], [("甲资本", "星河芯片")]),
    # 等 ends the list even when a separator follows
    ("星河芯片的股东包括甲资本等机构，乙资本也参与了。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")],
     [("甲资本", "星河芯片")]),
    # the list ends with its sentence, also one cut at 400 characters right after 、 (乙资本 starts at 400)
    ("很" * 387 + "星河芯片的股东包括甲资本、乙资本。", [("星河芯片", "COMPANY"), ("甲资本", "COMPANY"), ("乙资本", "COMPANY")],
     [("甲资本", "星河芯片")]),
])
def test_where_a_list_ends(text, spans, expected):
    assert invested(text, spans) == expected


def test_a_list_member_is_a_candidate_as_far_as_its_list_reaches():
    """The pair classifier's candidates: an entity within MAX_DIST of the other, or of the coordinated list the
    other belongs to (the sixth company of 甲、乙、…、己 before 等大模型公司 is as near as the last one)."""
    from extract.stages.relations import classifier
    names = ["深度求索", "稀宇科技", "月之暗面", "智谱华章", "零一万物", "百川智能"]
    text = "、".join(names) + "等" + "头部" * 8 + "大模型公司都在列。"
    doc = make_doc(text, [(n, "COMPANY") for n in names] + [("大模型", "INDUSTRY")])
    pairs = {(c.text, o.text) for c, o, rel, _ in classifier.candidates(doc) if rel == "in_industry"}
    assert ("深度求索", "大模型") in pairs and ("百川智能", "大模型") in pairs
    assert doc.norm.index("大模型") - (doc.norm.index("深度求索") + 4) > classifier.MAX_DIST  # beyond the plain reach
    try:
        classifier.LIST_REACH = False
        pairs = {(c.text, o.text) for c, o, rel, _ in classifier.candidates(doc) if rel == "in_industry"}
        assert ("深度求索", "大模型") not in pairs and ("百川智能", "大模型") in pairs
    finally:
        classifier.LIST_REACH = True
