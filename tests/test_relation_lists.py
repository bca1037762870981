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
])
def test_portfolio_lists_point_the_other_way(text, spans, expected):
    assert invested(text, spans) == expected
