"""The learned FUNDING extractor (extract/stages/events/learned.py) and its trainer's pieces.

Training documents are hand-written sentences with hand-placed entities (no model), so each test
checks what the classifiers learn from the examples, not the NER. None comes from the seeds, the
news corpus or DuEE.
"""
import json

import pytest

from docs import make_doc
from extract.eval.evaluate import simplify
from extract.stages.events.learned import (FundingModel, arg_candidates, prepare_data, trigger_candidates)
from extract.stages.events.rules import _load
from extract.stages.relations.classifier import fit

DATA = prepare_data(_load())
C, O = "COMPANY", "ORG"


def money(s):
    return (s, "FIGURE", {"value": 1.0, "unit": "元", "qualifier": "exact"})


COMPANIES = ["星云科技", "海岳智能", "青禾医疗", "北辰材料", "云帆机器人", "瀚海芯片", "晨光能源", "远山生物"]
INVESTORS = ["红杉中国", "高瓴资本", "经纬创投", "启明创投", "源码资本", "顺为资本", "君联资本", "五源资本"]


def _train_docs():
    """Raises (positive triggers) and plans / debt (negative triggers), with gold events."""
    docs = []
    for i, (c, inv) in enumerate(zip(COMPANIES, INVESTORS)):
        lead = INVESTORS[(i + 3) % len(INVESTORS)]
        text = f"{c}完成{i + 2}亿元B轮融资，由{lead}领投，{inv}跟投。"
        d = make_doc(text, [(c, C), money(f"{i + 2}亿元"), (lead, O), (inv, O)])
        ts = text.index("融资")
        gold = [((ts, ts + 2), {"company": {c}, "amount": {f"{i + 2}亿元"}, "round": {"B轮"},
                                "lead_investor": {lead}, "investor": {inv}})]
        docs.append((d, gold))
        text = f"{c}计划明年启动新一轮融资，{inv}表示关注。"
        docs.append((make_doc(text, [(c, C), (inv, O)]), []))
        text = f"{c}获得银行{i + 1}亿元票据融资授信。"
        docs.append((make_doc(text, [(c, C), money(f"{i + 1}亿元")]), []))
    return docs


@pytest.fixture(scope="module")
def model():
    from extract.learn.events import featurize
    docs = _train_docs()
    trig, role = featurize([d for d, _ in docs], [g for _, g in docs], DATA)
    assert sum(y for _, y in trig) == 8 and len(trig) == 32  # 融资 in all three sentences, 领投 in the raise
    fm = FundingModel()
    fm.trigger = fit(trig, dim=1 << 15)
    fm.role = fit(role, dim=1 << 15)
    return fm


def view(events):
    return [(ev.trigger.text, sorted((a.role, simplify(a.text)) for a in ev.arguments)) for ev in events]


def test_learns_roles_and_generalizes_to_new_names(model):
    d = make_doc("松果机器完成5亿元B轮融资，由光速中国领投，蓝驰创投跟投。",
                 [("松果机器", C), money("5亿元"), ("光速中国", O), ("蓝驰创投", O)])
    assert view(model.extract(d)) == [("融资", [("amount", "5亿元"), ("company", "松果机器"),
                                               ("investor", "蓝驰创投"), ("lead_investor", "光速中国"),
                                               ("round", "B轮")])]


def test_plans_and_debt_are_not_raises(model):
    d1 = make_doc("松果机器计划明年启动新一轮融资，光速中国表示关注。", [("松果机器", C), ("光速中国", O)])
    d2 = make_doc("松果机器获得银行3亿元票据融资授信。", [("松果机器", C), money("3亿元")])
    assert model.extract(d1) == [] and model.extract(d2) == []


def test_trigger_inside_a_name_is_no_candidate():
    d = make_doc("星云投资管理公司发布年报。", [("星云投资管理公司", C)])
    assert trigger_candidates(d, DATA) == []
    d = make_doc("港投公司领投星云科技。", [("港投公司", O), ("星云科技", C)])
    assert [w for _, _, w in trigger_candidates(d, DATA)] == ["领投"]  # an extra trigger word


def test_candidates_reach_the_next_sentence_only_when_it_names_this_round():
    text = "星云科技完成B轮融资。本轮融资由红杉中国领投。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O)])
    ts = text.index("融资")
    assert "红杉中国" in [x.text for x in arg_candidates(d, DATA, ts, ts + 2)]
    text = "星云科技完成B轮融资。红杉中国发布年报。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O)])
    assert "红杉中国" not in [x.text for x in arg_candidates(d, DATA, ts, ts + 2)]


def test_union_with_rules_fills_missing_roles(model):
    """With ``union_rules`` the rules' arguments of an accepted trigger join the classifier's."""
    d = make_doc("松果机器完成5亿元B轮融资，由光速中国领投，蓝驰创投跟投。",
                 [("松果机器", C), money("5亿元"), ("光速中国", O), ("蓝驰创投", O)])
    model.role_threshold = 1.01  # the classifier alone gives no argument: no event
    try:
        assert model.extract(d) == []
        model.union_rules = True
        got = view(model.extract(d))
        assert got and ("company", "松果机器") in got[0][1]
    finally:
        model.role_threshold, model.union_rules = 0.5, False


def test_save_load_round_trip(model, tmp_path):
    model.save(tmp_path / "ev.json")
    again = FundingModel.load(tmp_path / "ev.json")
    assert again.trigger == model.trigger and again.role == model.role
    assert again.trigger_threshold == model.trigger_threshold and again.union_rules == model.union_rules
    (tmp_path / "bad.json").write_text(json.dumps({"model": "other"}), encoding="utf-8")
    with pytest.raises(ValueError, match="events.learned.v1"):
        FundingModel.load(tmp_path / "bad.json")


def test_news_examples_read_gold_events(tmp_path):
    from extract.learn.events import news_examples
    rec = {"id": "n1", "text": "星云科技完成B轮融资。", "entities": [
        {"id": "E1", "type": "COMPANY", "start": 0, "end": 4, "text": "星云科技"}],
        "events": [{"id": "V1", "type": "FUNDING", "trigger": {"start": 8, "end": 10, "text": "融资"},
                    "arguments": [{"role": "company", "ref": "E1"},
                                  {"role": "round", "start": 6, "end": 8, "text": "B轮", "attrs": {"round": "B"}}]}]}
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    [(i, text, evs)] = news_examples([p])
    assert evs == [((8, 10), {"company": {"星云科技"}, "round": {"B轮"}})]


def test_duee_gold_maps_roles():
    from extract.learn.events import duee_gold
    rec = {"text": "星云科技获红杉中国领投2亿元B轮融资", "event_list": [
        {"event_type": "财经/交易-融资", "trigger": "融资", "trigger_start_index": 17, "arguments": [
            {"role": "融资方", "argument": "星云科技"}, {"role": "领投方", "argument": "红杉中国"},
            {"role": "融资金额", "argument": "2亿元"}, {"role": "融资轮次", "argument": "B轮"},
            {"role": "跟投方", "argument": "高瓴"}]},
        {"event_type": "组织关系-裁员", "trigger": "裁员", "trigger_start_index": 0, "arguments": []}]}
    assert duee_gold(rec) == [((17, 19), {"company": {"星云科技"}, "lead_investor": {"红杉中国"},
                                          "amount": {"2亿元"}, "round": {"B轮"}, "investor": {"高瓴"}})]


def test_union_with_rules_keeps_the_rules_triggers(model):
    """A trigger the rules make an event of survives a classifier that rejects it (investor verbs such as
    注资/入股 are rare in the training data), when ``union_rules`` is on; without it, it does not."""
    d = make_doc("国投创新注资华芯科技5亿元。", [("国投创新", C), ("华芯科技", C), money("5亿元")])
    model.trigger_threshold = 1.01
    try:
        assert model.extract(d) == []
        model.union_rules = True
        got = view(model.extract(d))
        assert [t for t, _ in got] == ["注资"] and ("company", "华芯科技") in got[0][1]
    finally:
        model.trigger_threshold, model.union_rules = 0.5, False


def _event(doc, trigger_at, args):
    from extract.doc import Argument, Event
    ts = doc.text.index("融资", trigger_at)
    ev = Event("FUNDING", doc.span(ts, ts + 2))
    for role, surface, at in args:
        e = next(x for x in doc.entities if x.text == surface and x.start >= at)
        ev.arguments.append(Argument(role, ref=e))
    return ev


def test_one_event_per_stated_round():
    """GUIDELINES N6: the headline, the body and a later 本轮融资 state one round: the fullest statement
    stands (its trigger), lending the company it lacks and any investor it does not name; another
    company's round in the same roundup stays its own event, and so does an earlier round of the
    same company."""
    from extract.stages.events.rules import merge_same_round
    text = ("星云科技完成2亿元B轮融资\n据悉，公司已完成2亿元B轮融资，由红杉中国领投，高瓴资本跟投。本轮融资由经纬创投参与。"
            "公司此前完成A轮融资。海岳智能完成1亿元天使轮融资。")
    d = make_doc(text, [("星云科技", C), money("2亿元"), ("B轮", "X"), money("2亿元"), ("B轮", "X"), ("红杉中国", O),
                        ("高瓴资本", O), ("经纬创投", O), ("A轮", "X"), ("海岳智能", C), money("1亿元"), ("天使轮", "X")])
    for e in d.entities:
        if e.type == "X":
            e.type, e.attrs["round"] = "FIGURE", e.text  # rounds as span-like arguments with a round attr
    body = text.index("据悉")
    headline = _event(d, 0, [("company", "星云科技", 0), ("amount", "2亿元", 0), ("round", "B轮", 0)])
    full = _event(d, body, [("amount", "2亿元", body), ("round", "B轮", body), ("lead_investor", "红杉中国", 0),
                            ("investor", "高瓴资本", 0)])
    again = _event(d, text.index("本轮"), [("investor", "经纬创投", 0), ("amount", "2亿元", body)])
    earlier = _event(d, text.index("此前"), [("company", "星云科技", 0), ("round", "A轮", 0)])
    other = _event(d, text.index("海岳"), [("company", "海岳智能", 0), ("amount", "1亿元", 0), ("round", "天使轮", 0)])
    got = merge_same_round([headline, full, again, earlier, other], d)
    assert [ev.trigger.start for ev in got] == [full.trigger.start, earlier.trigger.start, other.trigger.start]
    assert view(got)[0][1] == sorted([("amount", "2亿元"), ("round", "B轮"), ("lead_investor", "红杉中国"),
                                      ("investor", "高瓴资本"), ("company", "星云科技"), ("investor", "经纬创投")])


def test_a_short_name_states_the_same_round_as_the_full_name():
    from extract.stages.events.rules import merge_same_round
    text = "青岛贝斯兰半导体科技有限公司完成数千万元天使轮融资。贝斯兰本轮融资将用于团队扩充。海岳智能完成融资。"
    d = make_doc(text, [("青岛贝斯兰半导体科技有限公司", C), money("数千万元"), ("贝斯兰", C), ("海岳智能", C)])
    first = _event(d, 0, [("company", "青岛贝斯兰半导体科技有限公司", 0), ("amount", "数千万元", 0)])
    again = _event(d, text.index("。") + 1, [("company", "贝斯兰", 20)])
    other = _event(d, text.index("海岳"), [("company", "海岳智能", 0)])
    got = merge_same_round([first, again, other], d)
    assert [ev.trigger.start for ev in got] == [first.trigger.start, other.trigger.start]


def test_invested_in_goes_to_the_full_name_of_a_company_named_twice():
    from extract.doc import Argument, Event
    from extract.stages.events.rules import investments
    text = "纳美信（上海）生物科技有限公司（简称“纳美信”）完成A轮融资，由恩然创投投资。"
    d = make_doc(text, [("纳美信（上海）生物科技有限公司", C), ("纳美信", C), ("恩然创投", O)])
    full, short, inv = d.entities
    ts = text.index("融资")
    ev = Event("FUNDING", d.span(ts, ts + 2), [Argument("company", ref=full), Argument("company", ref=short),
                                               Argument("investor", ref=inv)])
    assert [(r.head.text, r.tail.text) for r in investments([ev])] == [("恩然创投", "纳美信（上海）生物科技有限公司")]


def test_an_alias_in_brackets_gives_the_name_before_it_or_nothing():
    """GUIDELINES R4: 甲创投(Gobi Partners) is one investor, 甲创投; an alias whose name was not recognized is dropped."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _main_mentions
    text = "投资人包括星河创投(Star Capital)、云帆资本(Sail Capital)和乙资本。"
    d = make_doc(text, [("星河创投", "COMPANY"), ("Star Capital", "COMPANY"), ("Sail Capital", "COMPANY"),
                        ("乙资本", "COMPANY")])
    by = {e.text: e for e in d.entities}
    ev = Event("FUNDING", d.span(0, 3), [Argument("investor", ref=by[n]) for n in
                                         ("星河创投", "Star Capital", "Sail Capital", "乙资本")])
    _main_mentions(d, [ev])
    assert [(a.role, a.text) for a in ev.arguments] == [("investor", "星河创投"), ("investor", "乙资本")]
