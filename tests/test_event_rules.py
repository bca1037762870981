"""The FUNDING rules in detail (extract/stages/events/rules.py): written for the mutants of the mutation
run (evaluation/mutation/README.md, module ``events``) that tests/test_events.py let through.

As there, entities are placed by hand (no model) and every sentence is written for these tests. Each
test states the exact events (type, trigger and its offset, arguments with role and text) or the exact
value it is about. The bugs the run found are strict xfail tests at the end (not fixed here).
"""
import pytest

from docs import make_doc
from extract.doc import Argument, Entity, Event, Relation, Span
from extract.stages.events import _load, find_events, investments, make_events, normalize_round
from extract.stages.events.rules import _arg_key, _in_headline, _near, _short_of, merge_same_round

DATA = _load()
C, O, D = "COMPANY", "ORG", "DATE"


def money(surface, value=1.0, unit="元"):
    return (surface, "FIGURE", {"value": value, "unit": unit, "qualifier": "exact"})


def view(events):
    """Each event as (trigger text, sorted (role, text) pairs)."""
    return [(ev.trigger.text, sorted((a.role, a.text) for a in ev.arguments)) for ev in events]


def events_of(text, spans):
    """Each event found as (type, trigger text, trigger start, sorted (role, text) pairs)."""
    return [(ev.type, ev.trigger.text, ev.trigger.start, sorted((a.role, a.text) for a in ev.arguments))
            for ev in find_events(make_doc(text, spans), DATA)]


F = "FUNDING"


def ev_at(doc, trigger, at, args):
    """An event whose trigger is the first ``trigger`` at or after ``at``; ``args`` are (role, entity text,
    search from) with the first entity of that text starting at or after the offset."""
    ts = doc.text.index(trigger, at)
    ev = Event("FUNDING", doc.span(ts, ts + len(trigger)))
    for role, surface, start in args:
        ev.arguments.append(Argument(role, ref=next(x for x in doc.entities if x.text == surface and x.start >= start)))
    return ev


# ------------------------------------------------------------------ round names
@pytest.mark.parametrize("surface, name", [
    ("A轮", "A"), ("a轮", "A"), ("B+轮", "B+"), ("B++轮", "B++"), ("C1轮", "C1"), ("A 轮", "A"), ("g轮", "G"),
    ("pre-a轮", "Pre-A"), ("Pre-A+轮", "Pre-A+"), ("pre-b", "Pre-B"), ("PreA轮", "Pre-A"), ("preb轮", "Pre-B"),
    ("Pre-IPO", "Pre-IPO"), ("PreIPO轮", "Pre-IPO"), ("pre-ipo轮", "Pre-IPO"), ("ipo", "IPO"),
    ("天使轮", "天使"), ("天使+轮", "天使"), ("种子轮", "种子"), ("战略融资", "战略"), ("战略投资", "战略"),
    ("定向增发", "定增"), ("定增", "定增"), ("新一轮", "新一"), ("H轮", "H"), ("AB轮", "AB"),
    ("Pre A 轮", "Pre-A"), ("B + 轮", "B+"),   # spaced news copy
])
def test_normalize_round(surface, name):
    assert normalize_round(surface, DATA) == name


# ------------------------------------------------------------------ one event per stated round
def test_the_body_statement_stands_and_the_others_lend_what_it_lacks():
    """The headline (a short line without 。) and a later 本轮融资 state the body's round: one event at the
    body's trigger; an investor named as a lead is not added again, a new one is."""
    text = "星云科技完成2亿元B轮融资\n据悉，星云科技已于3月完成2亿元融资，由红杉中国领投。本轮融资由高瓴资本跟投，红杉中国参投。"
    d = make_doc(text, [("星云科技", C), money("2亿元", 2e8), ("星云科技", C), ("3月", D), money("2亿元", 2e8),
                        ("红杉中国", O), ("高瓴资本", O), ("红杉中国", O)])
    body, again = text.index("据悉"), text.index("本轮")
    h = ev_at(d, "融资", 0, [("company", "星云科技", 0), ("amount", "2亿元", 0)])
    h.arguments.append(Argument("round", span=d.span(9, 11, {"round": "B"})))
    b = ev_at(d, "融资", body, [("company", "星云科技", body), ("date", "3月", 0), ("amount", "2亿元", body),
                              ("lead_investor", "红杉中国", 0)])
    a = ev_at(d, "融资", again, [("investor", "高瓴资本", 0), ("investor", "红杉中国", again)])
    (got,) = merge_same_round([h, b, a], d)
    assert got is b and got.trigger.start == text.index("融资", body)
    assert [(x.role, x.text, x.ref.start if x.ref else x.span.start) for x in got.arguments] == [
        ("company", "星云科技", body + 3), ("date", "3月", text.index("3月")), ("amount", "2亿元", text.index("2亿元", body)),
        ("lead_investor", "红杉中国", text.index("红杉中国")), ("round", "B轮", 9), ("investor", "高瓴资本", text.index("高瓴资本"))]


def test_a_lent_entity_is_taken_from_the_standing_events_sentence():
    """The body names no company but the amount; the headline lends its company, and the mention used is the
    body sentence's own (same name and type), not the headline's; an investor named only elsewhere keeps its
    own mention."""
    text = "甲乙科技获1亿元投资\n甲乙科技今日宣布，公司完成1亿元A轮融资，丙丁资本参投。此前甲乙科技曾获戊己资本投资。"
    d = make_doc(text, [("甲乙科技", C), money("1亿元", 1e8), ("甲乙科技", C), money("1亿元", 1e8), ("丙丁资本", O),
                        ("甲乙科技", O), ("戊己资本", O)])
    body = text.index("\n") + 1
    h = ev_at(d, "投资", 0, [("company", "甲乙科技", 0), ("amount", "1亿元", 0), ("investor", "戊己资本", 0)])
    b = ev_at(d, "融资", body, [("amount", "1亿元", body), ("investor", "丙丁资本", 0)])
    (got,) = merge_same_round([h, b], d)
    assert got is b
    assert [(x.role, x.text, x.ref.start, x.ref.type) for x in got.arguments] == [
        ("amount", "1亿元", text.index("1亿元", body), "FIGURE"), ("investor", "丙丁资本", text.index("丙丁资本"), O),
        ("company", "甲乙科技", body, C), ("investor", "戊己资本", text.index("戊己资本"), O)]


def test_near_keeps_the_mention_inside_the_sentence_and_needs_the_same_type_and_name():
    text = "甲乙科技完成A轮融资。丙丁资本领投。甲乙科技的股东丙丁资本。"
    d = make_doc(text, [("甲乙科技", C), ("丙丁资本", O), ("甲乙科技", O), ("丙丁资本", O)])
    rep = ev_at(d, "融资", 0, [])
    first, lead, other_type, later = d.entities
    a = Argument("investor", ref=first)
    assert _near(d, rep, a) is a                      # already in the sentence (it starts it)
    b = Argument("lead_investor", ref=lead)            # starts right where the sentence ends
    assert _near(d, rep, b) is b                       # the sentence has no 丙丁资本
    c = Argument("company", ref=other_type)           # 甲乙科技 as ORG: the sentence's one is a COMPANY
    assert _near(d, rep, c) is c
    s = Argument("round", span=d.span(6, 8))
    assert _near(d, rep, s) is s and _near(None, rep, Argument("investor", ref=later)).ref is later
    moved = _near(d, rep, Argument("company", ref=Entity(18, 22, "甲乙科技", {"norm": "甲乙科技"}, type=C)))
    assert moved.role == "company" and moved.ref is first


def test_near_reads_the_norm_attribute_of_both_mentions():
    text = "甲乙科技完成A轮融资。甲乙科技。"
    d = make_doc(text, [("甲乙科技", C), ("甲乙科技", C)])
    rep = ev_at(d, "融资", 0, [])
    first, second = d.entities
    first.attrs["norm"] = "甲乙"
    assert _near(d, rep, Argument("company", ref=second)).ref is second   # names differ by their norm
    second.attrs["norm"] = "甲乙"
    assert _near(d, rep, Argument("company", ref=second)).ref is first
    del first.attrs["norm"], second.attrs["norm"]                           # no norm: the text
    assert _near(d, rep, Argument("company", ref=second)).ref is first


@pytest.mark.parametrize("line, headline", [
    ("甲" * 59, True), ("甲" * 60, False), ("甲" * 20 + "。", False), ("甲" * 58 + "。", False)])
def test_a_headline_is_a_line_under_60_characters_without_a_full_stop(line, headline):
    text = "乙\n" + line[:10] + "融资" + line[12:] + "\n丙"
    d = make_doc(text)
    ev = Event("FUNDING", d.span(12, 14))
    assert _in_headline(d, ev) is headline
    last = make_doc("乙\n" + line[:10] + "融资" + line[12:])   # the last line: up to the end of the text
    assert _in_headline(last, Event("FUNDING", last.span(12, 14))) is headline
    assert _in_headline(None, ev) is False


def test_the_first_line_can_be_a_headline():
    d = make_doc("甲" * 10 + "融资" + "甲" * 47 + "\n丙")   # 59 characters, from offset 0
    assert _in_headline(d, Event("FUNDING", d.span(10, 12))) is True
    d = make_doc("甲" * 10 + "融资" + "甲" * 48 + "\n丙")   # 60
    assert _in_headline(d, Event("FUNDING", d.span(10, 12))) is False
    d = make_doc("\n" + "甲" * 10 + "融资" + "甲" * 47 + "\n丙")   # 59 after a line break at offset 0
    assert _in_headline(d, Event("FUNDING", d.span(11, 13))) is True


def test_when_every_statement_is_a_headline_the_first_stands():
    text = "甲乙科技完成1亿元融资\n甲乙科技1亿元融资获丙丁资本投资\n"
    d = make_doc(text, [("甲乙科技", C), money("1亿元", 1e8), ("甲乙科技", C), money("1亿元", 1e8), ("丙丁资本", O)])
    second = text.index("\n") + 1
    one = ev_at(d, "融资", 0, [("company", "甲乙科技", 0)])
    two = ev_at(d, "融资", second, [("company", "甲乙科技", second), ("amount", "1亿元", second),
                                   ("investor", "丙丁资本", 0)])
    (got,) = merge_same_round([one, two], d)
    assert got is one
    # the amount lent is the first line's own 1亿元, the investor keeps its mention
    assert [(x.role, x.ref.start) for x in got.arguments] == [("company", 0), ("amount", 6),
                                                               ("investor", text.index("丙丁资本"))]
    one, two = (ev_at(d, "融资", 0, [("company", "甲乙科技", 0)]), ev_at(d, "融资", second, [("company", "甲乙科技", 1)]))
    (got,) = merge_same_round([two, one])   # no document: no headline, no line to look at; the first stands
    assert got is two and [(x.role, x.ref.start) for x in got.arguments] == [("company", second)]


def test_rounds_that_disagree_stay_apart_and_come_out_in_text_order():
    """Same company, other amount or other round: another round. Same amount, other company: another
    round. A round that disagrees with none (甲乙科技's B轮 has no amount, the 2亿元 one no round) joins the
    first such group. The events come out in the order of their triggers, the standing one's for a group."""
    text = ("甲乙科技完成1亿元A轮融资\n甲乙科技完成1亿元A轮融资。丙丁智能完成1亿元融资。甲乙科技完成2亿元融资。"
            "甲乙科技完成B轮融资。")
    ents = [("甲乙科技", C), money("1亿元", 1e8), ("甲乙科技", C), money("1亿元", 1e8), ("丙丁智能", C),
            money("1亿元", 1e8), ("甲乙科技", C), money("2亿元", 2e8), ("甲乙科技", C)]
    d = make_doc(text, ents)
    starts = [0, text.index("\n") + 1, text.index("丙丁"), text.index("甲乙科技完成2"), text.index("甲乙科技完成B")]
    evs = []
    for i, s in enumerate(starts):
        ev = ev_at(d, "融资", s, [("company", "丙丁智能" if i == 2 else "甲乙科技", s)])
        amount = [e for e in d.entities if e.type == "FIGURE" and s <= e.start < s + 10]
        ev.arguments += [Argument("amount", ref=e) for e in amount]
        if i in (0, 1, 4):
            k = text.index("轮", s)
            ev.arguments.append(Argument("round", span=d.span(k - 1, k + 1, {"round": text[k - 1]})))
        evs.append(ev)
    got = merge_same_round(evs, d)
    assert [e.trigger.start for e in got] == [evs[1].trigger.start, evs[2].trigger.start, evs[3].trigger.start]
    assert view(got) == [("融资", [("amount", "1亿元"), ("company", "甲乙科技"), ("round", "A轮")]),
                         ("融资", [("amount", "1亿元"), ("company", "丙丁智能")]),
                         ("融资", [("amount", "2亿元"), ("company", "甲乙科技"), ("round", "B轮")])]



def test_a_round_pointed_back_at_joins_the_round_just_stated():
    """本次融资 (本轮/此轮 …) with only an investor joins the last round stated, not an earlier one; the
    same sentence without the pointer shares nothing and stays its own event. A pointer whose amount clashes
    with the last round's joins an earlier one it agrees with."""
    text = ("甲乙科技完成1亿元融资。丙丁智能完成2亿元融资。本次融资由戊己资本参投。本轮融资金额1亿元，壬癸资本参投。"
            "公司融资由庚辛资本参投。")
    d = make_doc(text, [("甲乙科技", C), money("1亿元", 1e8), ("丙丁智能", C), money("2亿元", 2e8), ("戊己资本", O),
                        money("1亿元", 1e8), ("壬癸资本", O), ("庚辛资本", O)])
    first = ev_at(d, "融资", 0, [("company", "甲乙科技", 0), ("amount", "1亿元", 0)])
    second = ev_at(d, "融资", 12, [("company", "丙丁智能", 0), ("amount", "2亿元", 0)])
    back = ev_at(d, "融资", text.index("本次"), [("investor", "戊己资本", 0)])
    clash = ev_at(d, "融资", text.index("本轮"), [("amount", "1亿元", 30), ("investor", "壬癸资本", 0)])
    plain = ev_at(d, "融资", text.index("公司融资"), [("investor", "庚辛资本", 0)])
    got = merge_same_round([first, second, back, clash, plain], d)
    assert [e.trigger.start for e in got] == [first.trigger.start, second.trigger.start, plain.trigger.start]
    assert view(got) == [("融资", [("amount", "1亿元"), ("company", "甲乙科技"), ("investor", "壬癸资本")]),
                         ("融资", [("amount", "2亿元"), ("company", "丙丁智能"), ("investor", "戊己资本")]),
                         ("融资", [("investor", "庚辛资本")])]


def test_a_pointer_tries_the_last_round_first():
    """本轮融资 sharing its amount with an earlier round still joins the last one, which it does not clash with."""
    text = "甲乙科技完成融资。丙丁智能完成2亿元融资。戊己智能完成融资。本轮融资2亿元由庚辛资本参投。"
    d = make_doc(text, [("甲乙科技", C), ("丙丁智能", C), money("2亿元", 2e8), ("戊己智能", C), money("2亿元", 2e8),
                        ("庚辛资本", O)])
    evs = [ev_at(d, "融资", 0, [("company", "甲乙科技", 0)]),
           ev_at(d, "融资", 9, [("company", "丙丁智能", 0), ("amount", "2亿元", 0)]),
           ev_at(d, "融资", text.index("戊己"), [("company", "戊己智能", 0)]),
           ev_at(d, "融资", text.index("本轮"), [("amount", "2亿元", 30), ("investor", "庚辛资本", 0)])]
    assert view(merge_same_round(evs, d)) == [
        ("融资", [("company", "甲乙科技")]), ("融资", [("amount", "2亿元"), ("company", "丙丁智能")]),
        ("融资", [("amount", "2亿元"), ("company", "戊己智能"), ("investor", "庚辛资本")])]


@pytest.mark.parametrize("pointer", ["本轮", "此轮", "本次", "该轮", "这轮", "这次"])
def test_each_pointer_word_points_back(pointer):
    text = f"甲乙科技完成1亿元融资。{pointer}融资由戊己资本参投。"
    d = make_doc(text, [("甲乙科技", C), money("1亿元", 1e8), ("戊己资本", O)])
    first = ev_at(d, "融资", 0, [("company", "甲乙科技", 0)])
    back = ev_at(d, "融资", 12, [("investor", "戊己资本", 0)])
    assert view(merge_same_round([first, back], d)) == [
        ("融资", [("company", "甲乙科技"), ("investor", "戊己资本")])]


def test_a_pointer_three_characters_before_the_trigger_is_not_one():
    text = "甲乙科技完成1亿元融资。本轮的融资由戊己资本参投。"
    d = make_doc(text, [("甲乙科技", C), money("1亿元", 1e8), ("戊己资本", O)])
    first = ev_at(d, "融资", 0, [("company", "甲乙科技", 0)])
    back = ev_at(d, "融资", 12, [("investor", "戊己资本", 0)])
    assert len(merge_same_round([first, back], d)) == 2


def test_a_group_takes_on_what_its_members_say():
    """The second statement adds the amount to the round's view, so a third that names only that amount
    joins it too."""
    text = "甲乙科技完成融资。甲乙科技完成1亿元融资。公司本次获得1亿元融资。"
    d = make_doc(text, [("甲乙科技", C), ("甲乙科技", C), money("1亿元", 1e8), money("1亿元", 1e8)])
    one = ev_at(d, "融资", 0, [("company", "甲乙科技", 0)])
    two = ev_at(d, "融资", 9, [("company", "甲乙科技", 9), ("amount", "1亿元", 0)])
    three = ev_at(d, "融资", text.index("公司"), [("amount", "1亿元", 20)])
    (got,) = merge_same_round([one, two, three], d)
    assert got is one and [(x.role, x.ref.start) for x in got.arguments] == [("company", 0), ("amount", 15)]


def test_investors_are_lent_once_under_either_role():
    """An investor the standing event names as lead (or as investor) is not lent again under the other role;
    one named by two other statements is lent once."""
    text = "甲乙科技完成1亿元融资，丙丁资本领投，庚辛资本参投。甲乙科技1亿元融资的投资方包括丙丁资本、戊己资本与庚辛资本。戊己资本也参与了甲乙科技1亿元融资。"
    d = make_doc(text, [("甲乙科技", C), money("1亿元", 1e8), ("丙丁资本", O), ("庚辛资本", O),
                        ("甲乙科技", C), money("1亿元", 1e8), ("丙丁资本", O), ("戊己资本", O), ("庚辛资本", O),
                        ("戊己资本", O), ("甲乙科技", C), money("1亿元", 1e8)])
    s2, s3 = text.index("。") + 1, text.rindex("戊己资本")
    rep = ev_at(d, "融资", 0, [("company", "甲乙科技", 0), ("lead_investor", "丙丁资本", 0), ("investor", "庚辛资本", 0)])
    two = ev_at(d, "融资", s2, [("company", "甲乙科技", s2), ("investor", "丙丁资本", s2), ("investor", "戊己资本", s2),
                               ("lead_investor", "庚辛资本", s2)])
    three = ev_at(d, "融资", s3, [("company", "甲乙科技", s3), ("investor", "戊己资本", s3)])
    (got,) = merge_same_round([rep, two, three], d)
    assert [(x.role, x.text, x.ref.start) for x in got.arguments] == [
        ("company", "甲乙科技", 0), ("lead_investor", "丙丁资本", 12), ("investor", "庚辛资本", 19),
        ("investor", "戊己资本", text.index("戊己资本"))]
    # an investor that is lent becomes said: the third statement's lead is not lent again as lead
    three.arguments[1].role = "lead_investor"
    rep.arguments = rep.arguments[:3]
    two.arguments[2].role = "investor"
    (got,) = merge_same_round([rep, two, three], d)
    assert [(x.role, x.text) for x in got.arguments][3:] == [("investor", "戊己资本")]


def test_only_company_amount_round_and_date_are_lent_and_only_when_missing():
    text = "甲乙科技3月完成1亿元A轮融资。甲乙科技4月完成的1亿元A轮融资由丙丁资本参投。"
    d = make_doc(text, [("甲乙科技", C), ("3月", D), money("1亿元", 1e8), ("甲乙科技", C), ("4月", D),
                        money("1亿元", 1e8), ("丙丁资本", O)])
    s2 = text.index("。") + 1
    rep = ev_at(d, "融资", 0, [("company", "甲乙科技", 0)])
    other = ev_at(d, "融资", s2, [("company", "甲乙科技", s2), ("date", "4月", 0), ("amount", "1亿元", s2)])
    other.arguments.append(Argument("round", span=d.span(s2 + 12, s2 + 14, {"round": "A"})))
    other.arguments.append(Argument("place", span=d.span(s2, s2 + 2)))
    (got,) = merge_same_round([rep, other], d)
    assert [(x.role, x.text) for x in got.arguments] == [("company", "甲乙科技"), ("date", "4月"), ("amount", "1亿元"),
                                                         ("round", "A轮")]
    assert got.arguments[2].ref.start == 8   # the rep sentence's own 1亿元


def test_arg_key_compares_value_and_unit_then_round_then_name():
    fig = Entity(0, 3, "1亿元", {"value": 1e8, "unit": "元", "norm": "1亿元"}, type="FIGURE")
    assert _arg_key(Argument("amount", ref=fig)) == "100000000.0元"
    assert _arg_key(Argument("amount", ref=Entity(0, 3, "一亿", {"value": 7}, type="FIGURE"))) == "7"
    assert _arg_key(Argument("round", span=Span(0, 2, "B轮", {"round": "B"}))) == "B"
    assert _arg_key(Argument("company", ref=Entity(0, 2, "騰訊", {"norm": "腾讯"}, type=C))) == "腾讯"
    assert _arg_key(Argument("company", ref=Entity(0, 2, "騰訊", {"norm": ""}, type=C))) == "騰訊"
    assert _arg_key(Argument("round", span=Span(0, 2, "B轮"))) == "B轮"


def test_two_amounts_of_one_value_and_unit_are_the_same_round():
    text = "甲乙科技完成1亿元融资。公司获得一亿元融资，由丙丁资本领投。"
    d = make_doc(text, [("甲乙科技", C), ("1亿元", "FIGURE", {"value": 1e8, "unit": "元"}),
                        ("一亿元", "FIGURE", {"value": 1e8, "unit": "元"}), ("丙丁资本", O)])
    one = ev_at(d, "融资", 0, [("company", "甲乙科技", 0), ("amount", "1亿元", 0)])
    two = ev_at(d, "融资", 12, [("amount", "一亿元", 0), ("lead_investor", "丙丁资本", 0)])
    assert view(merge_same_round([one, two], d)) == [
        ("融资", [("amount", "1亿元"), ("company", "甲乙科技"), ("lead_investor", "丙丁资本")])]
    two.arguments[0].ref.attrs["unit"] = "美元"
    assert len(merge_same_round([one, two], d)) == 2


@pytest.mark.parametrize("short, full, same", [
    ("贝斯兰", "青岛贝斯兰半导体科技有限公司", True), ("贝斯", "贝斯兰", True), ("兰", "贝斯兰", False),
    ("贝斯兰", "贝斯兰", False), ("青岛贝斯兰半导体科技有限公司", "贝斯兰", False), ("斯贝", "贝斯兰", False)])
def test_short_of(short, full, same):
    assert _short_of(short, full) is same


@pytest.mark.parametrize("a, b, shared", [
    ("贝斯兰", "青岛贝斯兰半导体科技有限公司", True), ("青岛贝斯兰半导体科技有限公司", "贝斯兰", True),
    ("贝斯兰", "贝斯兰", True), ("兰", "贝斯兰", False), ("海岳智能", "贝斯兰", False)])
def test_a_short_name_and_its_full_name_state_one_round_either_way(a, b, shared):
    text = f"{a}完成天使轮融资。{b}完成天使轮融资。"
    d = make_doc(text, [(a, C), (b, C)])
    one = ev_at(d, "融资", 0, [("company", a, 0)])
    two = ev_at(d, "融资", len(a) + 9, [("company", b, len(a) + 1)])
    assert len(merge_same_round([one, two], d)) == (1 if shared else 2)


# ------------------------------------------------------------------ invested_in relations
def test_invested_in_goes_to_full_names_and_never_from_a_company_to_itself():
    co, short = Entity(0, 4, "甲乙科技", {"norm": "甲乙科技"}, type=C), Entity(5, 7, "甲乙", {"norm": "甲乙"}, type=C)
    one = Entity(8, 9, "乙", {"norm": "乙"}, type=C)     # one character is no short name
    inv, lead = Entity(20, 24, "丙丁资本", type=O), Entity(25, 29, "戊己资本", type=O)
    ev = Event("FUNDING", Span(10, 12, "融资"), [
        Argument("company", ref=co), Argument("company", ref=short), Argument("company", ref=one),
        Argument("company", span=Span(30, 32, "公司")), Argument("investor", ref=inv),
        Argument("investor", span=Span(33, 35, "某方")), Argument("lead_investor", ref=lead),
        Argument("investor", ref=co), Argument("amount", ref=Entity(36, 39, "1亿元", type="FIGURE"))])
    got = [(r.type, r.head.text, r.tail.text) for r in investments([ev])]
    assert got == [("invested_in", "丙丁资本", "甲乙科技"), ("invested_in", "丙丁资本", "乙"),
                   ("invested_in", "戊己资本", "甲乙科技"), ("invested_in", "戊己资本", "乙"),
                   ("invested_in", "甲乙科技", "乙")]


def test_invested_in_reads_the_norm_of_a_name():
    full = Entity(0, 4, "甲乙科技", {"norm": "甲乙科技"}, type=C)
    short = Entity(5, 7, "甲乙", {"norm": "丙丁"}, type=C)       # its normalized name is not inside the other
    inv = Entity(20, 24, "丙丁资本", type=O)
    ev = Event("FUNDING", Span(10, 12, "融资"), [Argument("company", ref=full), Argument("company", ref=short),
                                                Argument("investor", ref=inv)])
    assert [r.tail.text for r in investments([ev])] == ["甲乙科技", "甲乙"]
    del short.attrs["norm"]                                       # no norm: the text, a short name
    assert [r.tail.text for r in investments([ev])] == ["甲乙科技"]


def test_invested_in_once_per_pair_across_events():
    co, inv = Entity(0, 4, "甲乙科技", type=C), Entity(20, 24, "丙丁资本", type=O)
    evs = [Event("FUNDING", Span(10, 12, "融资"), [Argument("company", ref=co), Argument("investor", ref=inv)]),
           Event("FUNDING", Span(30, 32, "融资"), [Argument("company", ref=co), Argument("lead_investor", ref=inv)])]
    assert [(r.head.text, r.tail.text) for r in investments(evs)] == [("丙丁资本", "甲乙科技")]
    # an existing relation of another type does not count
    assert len(investments(evs, [Relation("located_in", inv, co)])) == 1


@pytest.mark.parametrize("invested_in", [True, False])
def test_the_events_stage_adds_events_and_their_relations(invested_in):
    text = "丙丁资本注资甲乙科技5亿元。"
    d = make_doc(text, [("丙丁资本", C), ("甲乙科技", C), money("5亿元")])
    d.relations.append(Relation("located_in", d.entities[1], d.entities[0]))
    d.events.append("earlier")
    stage = make_events(None) if invested_in else make_events(None, invested_in=False)   # on by default
    assert stage(d) is d
    assert d.events[0] == "earlier" and view(d.events[1:]) == [
        ("注资", [("amount", "5亿元"), ("company", "甲乙科技"), ("investor", "丙丁资本")])]
    assert [(r.type, r.head.text, r.tail.text) for r in d.relations] == [("located_in", "甲乙科技", "丙丁资本")] + (
        [("invested_in", "丙丁资本", "甲乙科技")] if invested_in else [])
    d2 = make_doc(text, [("丙丁资本", C), ("甲乙科技", C), money("5亿元")])
    d2.relations.append(Relation("invested_in", d2.entities[0], d2.entities[1]))
    assert len(make_events(None)(d2).relations) == 1   # the document has it already


# ------------------------------------------------------------------ find_events: triggers
CASES = [
    # a trigger inside a name is none, and the triggers after it are still read
    ("深圳市创新投资集团完成A轮融资。", [("深圳市创新投资集团", C)],
     [(F, "融资", 13, [("company", "深圳市创新投资集团"), ("round", "A轮")])]),
    # …also when the name ends with the trigger (鼎晖投资): 入股 has both investors
    ("红杉资本和鼎晖投资入股甲乙科技。", [("红杉资本", C), ("鼎晖投资", C), ("甲乙科技", C)],
     [(F, "入股", 9, [("company", "甲乙科技"), ("investor", "红杉资本"), ("investor", "鼎晖投资")])]),
    # …and when the name is the document's first entity (融资宝科技's 融资 opens nothing)
    ("获得融资宝科技投资的甲乙科技完成A轮融资。", [("融资宝科技", C), ("甲乙科技", C)],
     [(F, "融资", 18, [("company", "甲乙科技"), ("round", "A轮")])]),
    # a hedged, a founding and an idle trigger do not stop the later ones
    ("甲乙科技计划融资。丙丁智能完成A轮融资。", [("甲乙科技", C), ("丙丁智能", C)],
     [(F, "融资", 17, [("company", "丙丁智能"), ("round", "A轮")])]),
    ("甲乙集团募集资金设立基金。丙丁智能完成A轮融资。", [("甲乙集团", C), ("丙丁智能", C)],
     [(F, "融资", 21, [("company", "丙丁智能"), ("round", "A轮")])]),
    ("甲乙科技融资规模居行业前列。丙丁智能完成A轮融资。", [("甲乙科技", C), ("丙丁智能", C)],
     [(F, "融资", 22, [("company", "丙丁智能"), ("round", "A轮")])]),
    # one deal named by two triggers does not stop the next sentence's
    ("美团以定向增发方式募集资金300亿港元。京东完成A轮融资。",
     [("美团", C), money("300亿港元", unit="港元"), ("京东", C)],
     [(F, "定向增发", 3, [("amount", "300亿港元"), ("company", "美团"), ("round", "定向增发")]),
      (F, "融资", 26, [("company", "京东"), ("round", "A轮")])]),
    # two raises of one sentence with no entity but their companies in common are two events
    ("甲子科技完成A轮融资，乙丑科技完成B轮融资。", [("甲子科技", C), ("乙丑科技", C)],
     [(F, "融资", 8, [("company", "甲子科技"), ("round", "A轮")]),
      (F, "融资", 19, [("company", "乙丑科技"), ("round", "B轮")])]),
    # the longest trigger word is the trigger: 增资扩股, not 增资
    ("甲乙科技完成1亿元增资扩股。", [("甲乙科技", C), money("1亿元")],
     [(F, "增资扩股", 9, [("amount", "1亿元"), ("company", "甲乙科技")])]),
]


@pytest.mark.parametrize("text, spans, expected", CASES, ids=[c[0][:14] for c in CASES])
def test_triggers(text, spans, expected):
    assert events_of(text, spans) == expected


# ------------------------------------------------------------------ find_events: raise triggers
RAISES = [
    # the clause is cut at ，,；;：: only (the X of XR is no mark): the amount before it counts
    ("甲乙科技获1亿元XR专项融资。", [("甲乙科技", C), money("1亿元")],
     [(F, "融资", 12, [("amount", "1亿元"), ("company", "甲乙科技")])]),
    # a FIGURE in the next clause is not the amount (that clause does not name 金额/总额)
    ("甲乙科技完成A轮融资，去年营收1亿元。", [("甲乙科技", C), money("1亿元")],
     [(F, "融资", 8, [("company", "甲乙科技"), ("round", "A轮")])]),
    # …nor one in the clause before
    ("甲乙科技注册资本1000万元，近日完成A轮融资。", [("甲乙科技", C), money("1000万元")],
     [(F, "融资", 21, [("company", "甲乙科技"), ("round", "A轮")])]),
    # an amount that opens the trigger's clause is its amount
    ("甲乙科技：1亿元A轮融资顺利完成。", [("甲乙科技", C), money("1亿元")],
     [(F, "融资", 10, [("amount", "1亿元"), ("company", "甲乙科技"), ("round", "A轮")])]),
    # a cue in the clause before the trigger's (斩获，) is no cue
    ("甲乙科技在大赛中屡有斩获，融资也很顺利。", [("甲乙科技", C)], []),
    # the round is the only cue: before the trigger, or the trigger itself (定向增发, 战略融资)
    ("甲乙科技B轮融资由丙丁资本领投。", [("甲乙科技", C), ("丙丁资本", C)],
     [(F, "融资", 6, [("company", "甲乙科技"), ("lead_investor", "丙丁资本"), ("round", "B轮")])]),
    ("甲乙科技此次定向增发由丙丁资本全额认购。", [("甲乙科技", C), ("丙丁资本", C)],
     [(F, "定向增发", 6, [("company", "甲乙科技"), ("investor", "丙丁资本"), ("round", "定向增发")])]),
    ("甲乙科技战略融资由丙丁资本领投。", [("甲乙科技", C), ("丙丁资本", C)],  # the round span is 战略 (as the gold's)
     [(F, "融资", 6, [("company", "甲乙科技"), ("lead_investor", "丙丁资本"), ("round", "战略")])]),
    ("丙丁资本战略投资甲乙科技。", [("丙丁资本", C), ("甲乙科技", C)],  # the trigger is 投资, the round 战略
     [(F, "投资", 6, [("company", "甲乙科技"), ("investor", "丙丁资本"), ("round", "战略")])]),
    # no cue, round or amount: financing talked about
    ("甲乙科技融资规模居行业前列。", [("甲乙科技", C)], []),
    # a name ending in 元 is no money (新纪元 is an ORG)
    ("甲乙科技的融资顾问为新纪元。", [("甲乙科技", C), ("新纪元", O)], []),
    # two leads each followed by 领投
    ("甲乙科技完成3亿元B轮融资，红杉中国领投1亿元，高瓴资本领投2亿元。",
     [("甲乙科技", C), money("3亿元"), ("红杉中国", O), money("1亿元"), ("高瓴资本", O), money("2亿元")],
     [(F, "融资", 11, [("amount", "3亿元"), ("company", "甲乙科技"), ("lead_investor", "红杉中国"),
                      ("lead_investor", "高瓴资本"), ("round", "B轮")])]),
    # 跟投 without an investor cue: a party is an investor, a person is not
    ("甲乙科技完成A轮融资，红杉中国领投，IDG资本跟投，天使投资人张三跟投。",
     [("甲乙科技", C), ("红杉中国", O), ("IDG资本", O), ("张三", "PERSON")],
     [(F, "融资", 8, [("company", "甲乙科技"), ("investor", "IDG资本"), ("lead_investor", "红杉中国"),
                     ("round", "A轮")])]),
    # passive: Y获X…融资 — X (a COMPANY here) invests, and the investors after it are kept
    ("甲乙科技获丙丁资本1亿元A轮融资，戊己资本跟投。",
     [("甲乙科技", C), ("丙丁资本", C), money("1亿元"), ("戊己资本", O)],
     [(F, "融资", 14, [("amount", "1亿元"), ("company", "甲乙科技"), ("investor", "丙丁资本"),
                      ("investor", "戊己资本"), ("round", "A轮")])]),
    # …完成B轮融资的X: the company after the trigger joined by 的, also where its clause ends
    ("近日完成B轮融资的甲乙科技发布新品。", [("甲乙科技", C)],
     [(F, "融资", 6, [("company", "甲乙科技"), ("round", "B轮")])]),
    ("刚完成B轮融资的甲乙科技，今年营收翻番。", [("甲乙科技", C)],
     [(F, "融资", 5, [("company", "甲乙科技"), ("round", "B轮")])]),
    # …within 12 characters after the trigger
    ("近日完成A轮融资并于上月推出了首款产品的甲乙科技。", [("甲乙科技", C)],
     [(F, "融资", 6, [("company", "甲乙科技"), ("round", "A轮")])]),
    ("近日完成A轮融资并于上个月推出了首款产品的甲乙科技。", [("甲乙科技", C)], []),
    # …a COMPANY (an ORG is none), joined by 的 (not a purpose)
    ("近日完成A轮融资的甲乙实验室发布新品。", [("甲乙实验室", O)], []),
    ("该基金宣布完成融资用于收购甲乙科技。", [("甲乙科技", C)], []),
    # 本轮融资 in the next sentence adds an amount only to a raise that has none
    ("甲乙科技完成1亿元A轮融资。本轮融资由丙丁资本领投，金额1亿元。",
     [("甲乙科技", C), money("1亿元"), ("丙丁资本", O), money("1亿元")],
     [(F, "融资", 11, [("amount", "1亿元"), ("company", "甲乙科技"), ("lead_investor", "丙丁资本"), ("round", "A轮")])]),
    # 增资 as a raise with an investor but no amount and no lead
    ("甲乙科技完成增资，引入丙丁资本。", [("甲乙科技", C), ("丙丁资本", O)],
     [(F, "增资", 6, [("company", "甲乙科技"), ("investor", "丙丁资本")])]),
]


@pytest.mark.parametrize("text, spans, expected", RAISES, ids=[c[0][:14] for c in RAISES])
def test_raises(text, spans, expected):
    assert events_of(text, spans) == expected


@pytest.mark.parametrize("sep", ["、", "和", "与", "及", "以及", ",", "，", " 、 "])
def test_each_list_separator_joins_raising_companies(sep):
    text = f"甲乙科技{sep}丙丁智能均完成了A轮融资。"
    assert events_of(text, [("甲乙科技", C), ("丙丁智能", C)]) == [
        (F, "融资", 14 + len(sep), [("company", "丙丁智能"), ("company", "甲乙科技"), ("round", "A轮")])]


def test_two_pointers_in_one_sentence_add_each_role_once():
    """本轮融资由X领投，此轮融资吸引了Y参投: both triggers join the raise before; X and Y are added once."""
    text = "甲乙科技完成A轮融资。本轮融资由丙丁资本领投，此轮融资吸引了戊己资本参投。"
    (ev,) = find_events(make_doc(text, [("甲乙科技", C), ("丙丁资本", O), ("戊己资本", O)]), DATA)
    assert [(a.role, a.text) for a in ev.arguments] == [("company", "甲乙科技"), ("round", "A轮"),
                                                        ("lead_investor", "丙丁资本"), ("investor", "戊己资本")]


@pytest.mark.parametrize("gap, joins", [(194, True), (195, False)])
def test_this_round_reaches_200_characters_back(gap, joins):
    """本轮融资 joins the raise whose trigger starts at most 200 characters before its own."""
    text = "甲乙科技完成A轮融资。" + "乙" * gap + "。本轮融资由丙丁资本领投。"
    assert text.index("本轮融资") + 2 - 8 == gap + 6
    assert events_of(text, [("甲乙科技", C), ("丙丁资本", O)]) == [
        (F, "融资", 8, [("company", "甲乙科技")] + ([("lead_investor", "丙丁资本")] if joins else []) + [("round", "A轮")])]


# ------------------------------------------------------------------ bugs the mutation run found (not fixed here)
@pytest.mark.xfail(strict=True, reason="bug: in a passive raise with an unnamed subject (该公司获X…融资) the investor X, "
                                       "a COMPANY, is read as the raising company (the passive reading needs a named "
                                       "COMPANY before 获)")
def test_passive_raise_of_an_unnamed_company_keeps_the_investor():
    assert events_of("该公司获丙丁资本1亿元A轮融资。", [("丙丁资本", C), money("1亿元")]) == [
        (F, "融资", 13, [("amount", "1亿元"), ("investor", "丙丁资本"), ("round", "A轮")])]


@pytest.mark.xfail(strict=True, reason="bug: a round is a cue only when it ends within 2 characters after the trigger "
                                       "(te + 2), not anywhere in the clause as documented: 本次融资为B轮 opens nothing")
def test_a_round_later_in_the_clause_is_a_cue():
    assert events_of("甲乙科技本次融资为B轮，由丙丁资本领投。", [("甲乙科技", C), ("丙丁资本", C)]) == [
        (F, "融资", 6, [("company", "甲乙科技"), ("lead_investor", "丙丁资本"), ("round", "B轮")])]


def test_this_round_amount_at_the_start_of_its_clause():
    # found by mutation testing (was e.start > c.cs): 3亿元的本轮融资由X领投 lost 3亿元
    text = "甲乙科技完成A轮融资。3亿元的本轮融资由丙丁资本领投。"
    assert events_of(text, [("甲乙科技", C), money("3亿元"), ("丙丁资本", O)]) == [
        (F, "融资", 8, [("amount", "3亿元"), ("company", "甲乙科技"), ("lead_investor", "丙丁资本"), ("round", "A轮")])]


# ------------------------------------------------------------------ find_events: subjects of a raise
SUBJECTS = [
    # 前者 is the first of the two companies before it, 后者 the last; across ；
    ("甲乙科技与丙丁智能合并；前者随后完成了A轮融资。", [("甲乙科技", C), ("丙丁智能", C)],
     [(F, "融资", 21, [("company", "甲乙科技"), ("round", "A轮")])]),
    # …with one company before it, that one
    ("甲乙科技完成合并；前者随后完成了A轮融资。", [("甲乙科技", C)],
     [(F, "融资", 18, [("company", "甲乙科技"), ("round", "A轮")])]),
    # …in the first sentence of a text that ends in ；
    ("甲乙科技与丙丁智能合并，后者随后完成了A轮融资；", [("甲乙科技", C), ("丙丁智能", C)],
     [(F, "融资", 21, [("company", "丙丁智能"), ("round", "A轮")])]),
    # …not across 。: the sentence before it only (戊己科技 is the one company there)
    ("甲乙科技与丙丁智能合并。戊己科技完成重组；前者随后完成了A轮融资。",
     [("甲乙科技", C), ("丙丁智能", C), ("戊己科技", C)],
     [(F, "融资", 30, [("company", "戊己科技"), ("round", "A轮")])]),
    # a company named after the anaphor is the subject, not the one 后者 points to
    ("甲乙科技与丙丁智能合并，后者的股东庚辛资本完成了A轮融资。", [("甲乙科技", C), ("丙丁智能", C), ("庚辛资本", C)],
     [(F, "融资", 26, [("company", "庚辛资本"), ("round", "A轮")])]),
    # a list closed by 等 is the subject, the whole of it
    ("甲乙科技、丙丁智能等企业完成了A轮融资。", [("甲乙科技", C), ("丙丁智能", C)],
     [(F, "融资", 17, [("company", "丙丁智能"), ("company", "甲乙科技"), ("round", "A轮")])]),
    ("甲乙科技、丙丁智能和戊己等三家完成了A轮融资。", [("甲乙科技", C), ("丙丁智能", C), ("戊己", C)],
     [(F, "融资", 20, [("company", "丙丁智能"), ("company", "戊己"), ("company", "甲乙科技"), ("round", "A轮")])]),
    # without 等 or 均/分别/先后… only the nearest company of the list
    ("甲乙科技、丙丁智能完成了A轮融资。", [("甲乙科技", C), ("丙丁智能", C)],
     [(F, "融资", 14, [("company", "丙丁智能"), ("round", "A轮")])]),
    # an unnamed subject needs 公司/企业/集团 at the start, and an amount or round; not any FIGURE
    ("去年共募集资金1000万元。", [money("1000万元")], []),
    ("该公司完成了涉及1000万股的融资。", [("1000万股", "FIGURE", {"value": 1e7, "unit": "股"})], []),
]


@pytest.mark.parametrize("text, spans, expected", SUBJECTS, ids=[c[0][:14] for c in SUBJECTS])
def test_subjects(text, spans, expected):
    assert events_of(text, spans) == expected


def test_a_list_of_subjects_keeps_its_order():
    (ev,) = find_events(make_doc("甲乙科技、丙丁智能和戊己等三家完成了A轮融资。",
                                 [("甲乙科技", C), ("丙丁智能", C), ("戊己", C)]), DATA)
    assert [(a.role, a.text) for a in ev.arguments] == [("company", "甲乙科技"), ("company", "丙丁智能"),
                                                        ("company", "戊己"), ("round", "A轮")]
    assert ev.arguments[-1].span.attrs == {"round": "A"}


def test_lists_of_investors_and_companies_keep_their_order():
    text = "丙丁集团和戊己资本入股了甲乙科技与庚辛智能。"
    (ev,) = find_events(make_doc(text, [("丙丁集团", C), ("戊己资本", O), ("甲乙科技", C), ("庚辛智能", C)]), DATA)
    assert [(a.role, a.text) for a in ev.arguments] == [("company", "甲乙科技"), ("company", "庚辛智能"),
                                                        ("investor", "丙丁集团"), ("investor", "戊己资本")]


# ------------------------------------------------------------------ find_events: investor verbs
INVESTS = [
    # a buy verb in the next clause widens the clause for 出资 only: a dividend after 入股 is no amount
    ("丙丁资本入股甲乙科技，去年获得1亿元分红。", [("丙丁资本", C), ("甲乙科技", C), money("1亿元")],
     [(F, "入股", 4, [("company", "甲乙科技"), ("investor", "丙丁资本")])]),
    # passive Y获X…注资: X at most 30 characters before the verb
    ("甲乙科技获丙丁集团" + "乙" * 26 + "注资。", [("甲乙科技", C), ("丙丁集团", C)],
     [(F, "注资", 35, [("company", "甲乙科技"), ("investor", "丙丁集团")])]),
    ("甲乙科技获丙丁集团" + "乙" * 27 + "注资。", [("甲乙科技", C), ("丙丁集团", C)], []),
    # X向Y…注资: the verb at most 4 characters after Y, the link word at most 4 after X
    ("丙丁集团向甲乙科技再次追加注资。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "注资", 13, [("company", "甲乙科技"), ("investor", "丙丁集团")])]),
    ("丙丁集团向甲乙科技再一次追加注资。", [("丙丁集团", C), ("甲乙科技", C)], []),
    ("丙丁集团已宣布向甲乙科技注资。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "注资", 12, [("company", "甲乙科技"), ("investor", "丙丁集团")])]),
    ("丙丁集团日前宣布向甲乙科技注资。", [("丙丁集团", C), ("甲乙科技", C)], []),
    # …every investor of the list before the link word
    ("丙丁集团和戊己资本向甲乙科技注资。", [("丙丁集团", C), ("戊己资本", O), ("甲乙科技", C)],
     [(F, "注资", 14, [("company", "甲乙科技"), ("investor", "丙丁集团"), ("investor", "戊己资本")])]),
    # X…入股Y: the subject at most 8 characters before the verb, with no 的/之 between
    ("丙丁集团今年以来已经先后入股甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "入股", 12, [("company", "甲乙科技"), ("investor", "丙丁集团")])]),
    ("丙丁集团今年以来已先后两度入股甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "入股", 13, [("company", "甲乙科技")])]),
    ("丙丁集团的子公司入股甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "入股", 8, [("company", "甲乙科技")])]),
    ("丙丁集团之子公司入股甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "入股", 8, [("company", "甲乙科技")])]),
    # 投资 needs a subject, and its company at most 2 characters after it
    ("据悉，去年曾投资了甲乙科技。", [("甲乙科技", C)], []),
    ("丙丁资本已投资控股甲乙科技。", [("丙丁资本", C), ("甲乙科技", C)],
     [(F, "投资", 5, [("company", "甲乙科技"), ("investor", "丙丁资本")])]),
    ("丙丁集团投资建设了甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)], []),
    # 出资 needs the company's shares after it
    ("丙丁集团出资认购甲乙科技新股。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "出资", 4, [("company", "甲乙科技"), ("investor", "丙丁集团")])]),
    ("丙丁集团出资认购甲乙科技的大楼。", [("丙丁集团", C), ("甲乙科技", C)], []),
    # the object at most 30 characters after the verb
    ("丙丁集团入股了" + "乙" * 29 + "甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)],
     [(F, "入股", 4, [("company", "甲乙科技"), ("investor", "丙丁集团")])]),
    ("丙丁集团入股了" + "乙" * 30 + "甲乙科技。", [("丙丁集团", C), ("甲乙科技", C)], []),
    # a company whose name ends in 元 is no amount
    ("丙丁集团入股了新纪元。", [("丙丁集团", C), ("新纪元", C)],
     [(F, "入股", 4, [("company", "新纪元"), ("investor", "丙丁集团")])]),
]


@pytest.mark.parametrize("text, spans, expected", INVESTS, ids=[c[0][:14] for c in INVESTS])
def test_invest_verbs(text, spans, expected):
    assert events_of(text, spans) == expected


@pytest.mark.parametrize("word", ["向", "对", "为", "给", "救", "救助", "帮助"])
def test_each_link_word(word):
    text = f"丙丁集团{word}甲乙科技注资1亿元。"
    assert events_of(text, [("丙丁集团", C), ("甲乙科技", C), money("1亿元")]) == [
        (F, "注资", 8 + len(word), [("amount", "1亿元"), ("company", "甲乙科技"), ("investor", "丙丁集团")])]


# ------------------------------------------------------------------ money
@pytest.mark.parametrize("surface, attrs", [("1亿美金", {"value": 1e8, "unit": "美元"}), ("1亿元", {"value": 1e8}),
                                            ("3000万英镑", {"value": 3e7, "unit": "英镑"})])
def test_money_by_its_unit_or_by_its_text(surface, attrs):
    text = f"甲乙科技完成{surface}A轮融资。"
    assert events_of(text, [("甲乙科技", C), (surface, "FIGURE", attrs)]) == [
        (F, "融资", 8 + len(surface), [("amount", surface), ("company", "甲乙科技"), ("round", "A轮")])]


def test_the_rules_are_the_events_v1_component():
    from extract.registry import components
    assert components.get("events.v1") is make_events


def test_a_contract_before_the_semicolon_does_not_drop_the_company_hou_zhe_points_to():
    # found by mutation testing: the contract-party rule read across ；
    text = "甲乙科技与丙丁智能签署合作协议；后者随后完成了A轮融资。"
    assert events_of(text, [("甲乙科技", C), ("丙丁智能", C)]) == [
        (F, "融资", text.index("融资"), [("company", "丙丁智能"), ("round", "A轮")])]


def test_the_company_joined_by_de_after_another_company():
    # found by mutation testing: only the first COMPANY after the trigger was tried
    text = "刚完成融资就被丙丁集团收购的甲乙科技。"
    assert events_of(text, [("丙丁集团", C), ("甲乙科技", C)]) == [(F, "融资", 3, [("company", "甲乙科技")])]



@pytest.mark.parametrize("text", ["丙丁资本据报入股甲乙科技。", "知情人士称丙丁资本入股甲乙科技。", "预计丙丁资本本月入股甲乙科技。",
                                  "预期丙丁资本入股甲乙科技。"])
def test_a_reported_or_expected_deal_is_no_event(text):
    # 据报 (reportedly), 知情人士 (insiders), 预计/预期 (expected): rumours and forecasts are no completed deal
    ents = [("丙丁资本", "COMPANY"), ("甲乙科技", "COMPANY")]
    assert events_of(text, ents) == []
    assert events_of("丙丁资本入股甲乙科技。", ents) != []


@pytest.mark.parametrize("text", ["据报道，丙丁资本入股甲乙科技。", "受业绩超预期提振，丙丁资本入股甲乙科技。"])
def test_a_report_of_a_deal_and_a_beat_of_expectations_are_no_hedge(text):
    assert events_of(text, [("丙丁资本", "COMPANY"), ("甲乙科技", "COMPANY")]) != []


def test_a_condition_stays_hedged_after_its_done_cue():
    # 一旦完成 (once it completes): the done cue 完成 sits inside the condition, unlike 计划…，目前已完成
    ents = [("丙丁资本", "COMPANY"), ("甲乙科技", "COMPANY")]
    assert events_of("一旦完成交易，丙丁资本入股甲乙科技。", ents) == []
    assert events_of("丙丁资本曾计划入股，目前已完成入股甲乙科技。", ents) != []


def test_a_party_that_takes_part_in_the_round_is_an_investor():
    # 参与本轮/最新融资 marks an investor as 参投 does (4 of the 6 such parties of the news gold)
    text = "甲乙科技宣布完成3.5亿美元A轮融资，丙丁资本参与本轮融资。"
    got = events_of(text, [("甲乙科技", C), ("丙丁资本", C)])
    assert ("investor", "丙丁资本") in got[0][3]
    text = "甲乙科技宣布完成3.5亿美元A轮融资，丙丁资本参与研发。"
    assert ("investor", "丙丁资本") not in events_of(text, [("甲乙科技", C), ("丙丁资本", C)])[0][3]


@pytest.mark.parametrize("text, spans, company, investors", [
    ("甲乙战投与丙丁资本完成了对北京戊己科技有限公司的A轮投资。",
     [("甲乙战投", C), ("丙丁资本", C), ("北京戊己科技有限公司", C)], "北京戊己科技有限公司", ["丙丁资本", "甲乙战投"]),
    ("今日，庚辛集团宣布，对壬癸传媒进行战略投资。", [("庚辛集团", C), ("壬癸传媒", C)], "壬癸传媒", ["庚辛集团"]),
    ("近日，知名投资机构甲乙投资宣布完成对丙丁智能科技有限公司（简称：丙丁智能）的Pre-A轮融资。",
     [("甲乙投资", C), ("丙丁智能科技有限公司", C), ("丙丁智能", C)], "丙丁智能科技有限公司", ["甲乙投资"]),
])
def test_the_company_after_dui_raises_and_the_party_before_it_invests(text, spans, company, investors):
    # X完成对Y的A轮投资 / X宣布，对Y进行战略投资 / X宣布完成对Y（简称：…）的Pre-A轮融资: Y raises, X invests
    got = events_of(text, spans)
    assert len(got) == 1
    args = got[0][3]
    assert [t for r, t in args if r == "company"] == [company]
    assert sorted(t for r, t in args if r == "investor") == investors


@pytest.mark.parametrize("text, spans", [
    ("甲乙集团即将敲定对丙丁公司400亿元的投资。", [("甲乙集团", C), ("丙丁公司", C)]),          # a plan
    ("代表案例包括对丙丁科技的投资。", [("丙丁科技", C)]),                                       # background, no party
    ("甲乙证券重申对丙丁科技的“买入”投资评级。", [("甲乙证券", O), ("丙丁科技", C)]),            # a rating
])
def test_dui_without_a_deal_reads_no_investor(text, spans):
    got = events_of(text, spans)
    assert not any(r == "investor" for ev in got for r, _ in ev[3])


def test_a_round_named_after_a_word_pointing_back_is_the_round_just_stated():
    text = "近日，甲乙科技完成B轮融资，丙丁资本领投。此次 B 轮融资为公司注入动力。另有戊己智能完成A轮融资。"
    d = make_doc(text, [("甲乙科技", C), ("丙丁资本", O), ("戊己智能", C)])
    one = ev_at(d, "融资", 0, [("company", "甲乙科技", 0), ("lead_investor", "丙丁资本", 0)])
    again = ev_at(d, "融资", text.index("此次"), [])
    other = ev_at(d, "融资", text.index("戊己"), [("company", "戊己智能", 0)])
    assert merge_same_round([one, again, other], d) == [one, other]


@pytest.mark.parametrize("text", ["甲乙科技无法从资本市场获得持续融资。", "甲乙科技未能完成B轮融资。", "甲乙科技难以获得融资。"])
def test_a_raise_that_did_not_happen_is_no_event(text):
    # 无法/未能/没能/难以 before the trigger: none of the 8 such mentions in the news train, extension and dev gold is one
    assert events_of(text, [("甲乙科技", "COMPANY")]) == []
    assert events_of("甲乙科技完成B轮融资。", [("甲乙科技", "COMPANY")]) != []


def test_a_chief_investment_officer_states_no_investment():
    from extract.pipeline import load
    from extract.stages.events.learned import prepare_data, trigger_candidates
    doc = load()("丙丁资本首席投资官表示，丙丁资本投资了甲乙科技。")
    found = trigger_candidates(doc, prepare_data(_load()))
    assert [(s, doc.norm[s:e]) for s, e, _ in found] == [(doc.norm.index("投资了"), "投资")]


def test_a_rights_issue_or_bonds_in_the_sentence_is_no_round():
    # session 55 (w2comp): GUIDELINES N10, a listed company's rights issue, placing or bonds is no FUNDING round
    spans = [("甲乙地產", C), money("20億元", 2e9), money("15億元", 1.5e9), money("5億元", 5e8)]
    assert events_of("甲乙地產宣布完成20億元融資，包括15億元的供股，及5億元的債券。", spans) == []
    assert events_of("甲乙地產宣布完成20億元融資，包括15億元的新股，及5億元的現金。", spans) != []


def test_a_sentence_opening_with_qizhong_breaks_a_total_down_and_opens_no_event():
    # session 56 (w1evt): none of the 8 such sentences with a trigger word in the news and seed gold is a trigger
    from extract.stages.events.learned import prepare_data, trigger_candidates
    spans = [("甲乙科技", C), money("10亿元", 1e9), ("丙丁资本", C), money("4亿元", 4e8)]
    text = "甲乙科技完成10亿元融资。其中，丙丁资本增资约4亿元，戊己基金增资约6亿元。"
    assert [e[1:3] for e in events_of(text, spans)] == [("融资", text.index("融资"))]
    part = "甲乙科技完成10亿元融资；其中，丙丁资本增资约4亿元。"
    assert [e[1:3] for e in events_of(part, spans)] == [("融资", part.index("融资"))]
    doc = make_doc(text, spans)
    assert [doc.norm[s:e] for s, e, _ in trigger_candidates(doc, prepare_data(_load()))] == ["融资"]
    # 其中包括…B轮融资 (no comma) names one round of a total and stays
    spans = [("甲乙科技", C), money("8亿美元", 8e8, "美元"), money("6亿美元", 6e8, "美元")]
    assert events_of("甲乙科技已筹集8亿美元，其中包括6亿美元的B轮融资。", spans) != []


@pytest.mark.parametrize("text", ["甲乙科技完成10亿元融资。其中，丙丁资本增资约4亿元，戊己基金（下称戊己）作为战略投资者增资约6亿元。",
                                  "甲乙科技完成10亿元融资，其中，丙丁资本认购4亿元，戊己基金认购6亿元。"])
def test_a_breakdown_after_a_raise_names_its_investors(text):
    # session 56 (w2inv): 5 of the 5 such clauses after a FUNDING trigger in the news and seed gold are its investors
    spans = [("甲乙科技", C), money("10亿元", 1e9), ("丙丁资本", C), money("4亿元", 4e8), ("戊己基金", "ORG"),
             money("6亿元", 6e8)]
    doc = make_events(None)(make_doc(text, spans))
    assert view(doc.events) == [("融资", [("amount", "10亿元"), ("company", "甲乙科技"), ("investor", "丙丁资本"),
                                         ("investor", "戊己基金")])]
    assert sorted((r.head.text, r.tail.text) for r in doc.relations) == [("丙丁资本", "甲乙科技"), ("戊己基金", "甲乙科技")]
    # a clause that does not open with the party (其中，A、B与C合作) adds none
    doc = make_events(None)(make_doc("甲乙科技完成10亿元融资。其中，丙丁资本、戊己基金与甲乙科技合作。", spans[:3] + spans[4:5]))
    assert view(doc.events) == [("融资", [("amount", "10亿元"), ("company", "甲乙科技")])]
