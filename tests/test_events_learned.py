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


# ---------------------------------------------------------------- features and decoding, without training
# A feature change silently detaches the shipped weights (events.json was trained on these strings), so the
# features of fixed sentences are written out below; stub models (one feature weighted) test the decoding.

RAISE = "去年，星云科技完成2亿元B轮融资，由红杉中国领投，高瓴资本跟投。"


def _raise_doc():
    return make_doc(RAISE, [("星云科技", C), ("2亿元", "FIGURE", {"value": 2e8, "unit": "元", "qualifier": "exact"}),
                            ("红杉中国", O), ("高瓴资本", O)])


def test_bucket_edges():
    from extract.stages.events.learned import _bucket
    xs = (0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 1000)
    assert [_bucket(x) for x in xs] == [0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]


def test_trigger_features_of_a_raise():
    from extract.stages.events.learned import rule_decisions, trigger_features, trigger_keys
    from extract.stages.hashing import slot_hasher
    d = _raise_doc()
    rule_trig, _ = rule_decisions(d, DATA)
    assert rule_trig == {(14, 16)}
    [(ts, te, w), (ls, le, lw)] = trigger_candidates(d, DATA)
    assert (ts, te, w, ls, le, lw) == (14, 16, "融资", 22, 24, "领投")
    assert trigger_keys(d, DATA, ts, te, w, rule_trig) == [
        "w=融资", "l1=轮", "l2=B轮", "r1=，", "r2=，由", "w|r1=融资|，", "w|l1=融资|轮", "rule=True",
        "w|rule=融资|True", "hedged=False", "not_before=False", "not_after=False", "founding=False",
        "round=True", "money=True", "cue=True", "comp_before=1", "party_after=2", "sent_pos=5",
        "lb=技完", "lb=完成", "lb=成2", "lb=2亿", "lb=亿元", "lb=元B", "lb=B轮"]
    # 领投: no round or money in its clause (，由红杉中国领投，), not a rule trigger, one party after it
    assert trigger_keys(d, DATA, ls, le, lw, rule_trig) == [
        "w=领投", "l1=国", "l2=中国", "r1=，", "r2=，高", "w|r1=领投|，", "w|l1=领投|国", "rule=False",
        "w|rule=领投|False", "hedged=False", "not_before=False", "not_after=False", "founding=False",
        "round=False", "money=False", "cue=False", "comp_before=1", "party_after=1", "sent_pos=6",
        "lb=由红", "lb=红杉", "lb=杉中", "lb=中国"]
    h = slot_hasher(1 << 15)
    assert trigger_features(d, DATA, ts, te, w, rule_trig) == sorted({h("T|" + k) for k in
                                                                      trigger_keys(d, DATA, ts, te, w, rule_trig)})


def test_trigger_features_at_the_start_of_a_text_and_with_a_later_round():
    """l2 is what there is before a trigger at position 1 or 2; a round up to 12 characters after the
    trigger counts, one further does not; companies and parties are counted up to 3."""
    from extract.stages.events.learned import trigger_keys
    d = make_doc("完成融资。", [])
    assert trigger_keys(d, DATA, 2, 4, "融资", set())[:3] == ["w=融资", "l1=成", "l2=完成"]
    text = "甲科技、乙科技、丙科技、丁科技完成融资，投资方为戊资本、己资本、庚资本、辛资本，系其B轮"
    ents = [(x, C) for x in ("甲科技", "乙科技", "丙科技", "丁科技")] + [(x, O) for x in ("戊资本", "己资本", "庚资本", "辛资本")]
    d = make_doc(text, ents)
    ts = text.index("融资")
    keys = trigger_keys(d, DATA, ts, ts + 2, "融资", set())
    assert {"comp_before=3", "party_after=3", "round=False"} <= set(keys)
    text = "星云科技完成融资，资金用于A轮后扩产"  # A轮 ends 8 characters after the trigger's end
    d = make_doc(text, [("星云科技", C)])
    ts = text.index("融资")
    assert "round=False" in trigger_keys(d, DATA, ts, ts + 2, "融资", set())  # another clause
    text = "星云科技完成融资和此后的A轮"
    d = make_doc(text, [("星云科技", C)])
    assert "round=True" in trigger_keys(d, DATA, ts, ts + 2, "融资", set())
    text = "星云科技完成融资和此后的那个备受关注的A轮"  # the round starts 11 characters after the trigger's end
    d = make_doc(text, [("星云科技", C)])
    assert "round=False" in trigger_keys(d, DATA, ts, ts + 2, "融资", set())


def test_argument_features_of_a_raise():
    from extract.stages.events.learned import arg_features, arg_keys, rule_decisions
    from extract.stages.hashing import slot_hasher
    d = _raise_doc()
    _, roles = rule_decisions(d, DATA)
    cands = arg_candidates(d, DATA, 14, 16)
    assert [(x.kind, x.text) for x in cands] == [("COMPANY", "星云科技"), ("MONEY", "2亿元"), ("ROUND", "B轮"),
                                                 ("ORG", "红杉中国"), ("ORG", "高瓴资本")]
    rr = roles[(14, 16)]
    company, amount, round_, lead, other = cands
    assert arg_keys(d, 14, 16, company, cands, "investor", rr) == [
        "investor", "investor|COMPANY", "investor|COMPANY|side=B", "investor|COMPANY|dist=4",
        "investor|COMPANY|B|between=0", "investor|COMPANY|between_any=2", "investor|COMPANY|rule=company",
        "investor|rule=company", "investor|COMPANY|next_sent=False", "investor|COMPANY|r2=完成",
        "investor|COMPANY|r1=完", "investor|COMPANY|l1=，", "investor|COMPANY|l2=年，",
        "investor|COMPANY|clause_gap=False", "investor|COMPANY|B|nearest=True", "investor|COMPANY|B|cue=完成",
        "investor|COMPANY|B|bi=完成", "investor|COMPANY|B|bi=成2", "investor|COMPANY|B|bi=2亿",
        "investor|COMPANY|B|bi=亿元", "investor|COMPANY|B|bi=元B", "investor|COMPANY|B|bi=B轮"]
    assert arg_keys(d, 14, 16, round_, cands, "round", rr) == [
        "round", "round|ROUND", "round|ROUND|side=B", "round|ROUND|dist=0", "round|ROUND|B|between=0",
        "round|ROUND|between_any=0", "round|ROUND|rule=round", "round|rule=round", "round|ROUND|next_sent=False",
        "round|ROUND|r2=融资", "round|ROUND|r1=融", "round|ROUND|l1=元", "round|ROUND|l2=亿元",
        "round|ROUND|clause_gap=False", "round|ROUND|B|nearest=True", "round|ROUND|B|gap=", "round|ROUND|round=B"]
    assert arg_keys(d, 14, 16, other, cands, "investor", rr) == [
        "investor", "investor|ORG", "investor|ORG|side=A", "investor|ORG|dist=5", "investor|ORG|A|between=1",
        "investor|ORG|between_any=1", "investor|ORG|rule=investor", "investor|rule=investor",
        "investor|ORG|next_sent=False", "investor|ORG|r2=跟投", "investor|ORG|r1=跟", "investor|ORG|l1=，",
        "investor|ORG|l2=投，", "investor|ORG|clause_gap=True", "investor|ORG|A|nearest=False",
        "investor|ORG|A|cue=领投", "investor|ORG|A|cue=由", "investor|ORG|A|cue=，", "investor|ORG|A|bi=，由",
        "investor|ORG|A|bi=由红", "investor|ORG|A|bi=红杉", "investor|ORG|A|bi=杉中", "investor|ORG|A|bi=中国",
        "investor|ORG|A|bi=国领", "investor|ORG|A|bi=领投", "investor|ORG|A|bi=投，"]
    assert "lead_investor|ORG|A|gap=，由" in arg_keys(d, 14, 16, lead, cands, "lead_investor", rr)
    assert "amount|MONEY|rule=none" in arg_keys(d, 14, 16, amount, cands, "amount", {})
    h = slot_hasher(1 << 15)
    assert arg_features(d, 14, 16, other, cands, "investor", rr) == sorted(
        {h("A|" + k) for k in arg_keys(d, 14, 16, other, cands, "investor", rr)})


def test_argument_cue_words_and_long_gaps():
    """Every cue word in the gap is a feature; bigrams cover only the gap's last 10 characters; the
    candidates between are counted up to 3 of a kind and 4 of any kind."""
    from extract.stages.events.learned import _CUES, arg_keys
    assert _CUES == ("领投", "跟投", "参投", "联合投资", "投资", "由", "获", "完成", "等", "估值", "累计", "老股东", "、",
                     "和", "以及", "的", "，")
    for cue in _CUES:
        text = f"星云科技{cue}融资"
        d = make_doc(text, [("星云科技", C)])
        ts = text.index("融资")
        [x] = [c for c in arg_candidates(d, DATA, ts, ts + 2) if c.kind == C]
        assert f"company|COMPANY|B|cue={cue}" in arg_keys(d, ts, ts + 2, x, [x], "company", {}), cue
    text = "甲资本、乙资本、丙资本、丁资本、戊资本和己资本参与了星云科技此次融资"
    d = make_doc(text, [(x, O) for x in ("甲资本", "乙资本", "丙资本", "丁资本", "戊资本", "己资本")] + [("星云科技", C)])
    ts = text.index("融资")
    cands = arg_candidates(d, DATA, ts, ts + 2)
    keys = arg_keys(d, ts, ts + 2, cands[0], cands, "investor", {})
    assert {"investor|ORG|B|between=3", "investor|ORG|between_any=4", "investor|ORG|dist=6"} <= set(keys)
    gap = text[cands[0].end:ts]
    assert [k[len("investor|ORG|B|bi="):] for k in keys if "|bi=" in k] == [gap[i:i + 2] for i in range(len(gap) - 10, len(gap) - 1)]
    assert not any("|gap=" in k for k in keys)  # the gap is longer than 6


def test_argument_candidates_of_the_next_sentence_and_a_sentence_end():
    from extract.stages.events.learned import arg_keys
    text = "星云科技完成B轮融资。本轮融资由红杉中国领投"  # no final punctuation: the text ends the sentence
    d = make_doc(text, [("星云科技", C), ("红杉中国", O)])
    ts = text.index("融资")
    cands = arg_candidates(d, DATA, ts, ts + 2)
    x = next(c for c in cands if c.text == "红杉中国")
    assert "lead_investor|ORG|next_sent=True" in arg_keys(d, ts, ts + 2, x, cands, "lead_investor", {})
    text = "星云科技完成A轮融资。是次融资由红杉中国领投"  # 是次 (Hong Kong usage) opens it as 本次 does
    d = make_doc(text, [("星云科技", C), ("红杉中国", O)])
    ts = text.index("融资")
    assert "红杉中国" in [c.text for c in arg_candidates(d, DATA, ts, ts + 2)]
    # a later sentence whose clause opens with 融资由 names the raise's parties (session 55)
    text = "星云科技完成A轮融资，将扩大生产。\n\n新闻稿写道，融资由红杉中国和高瓴资本共同领投。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O), ("高瓴资本", O)])
    ts = text.index("融资")
    assert [c.text for c in arg_candidates(d, DATA, ts, ts + 2) if c.kind == O] == ["红杉中国", "高瓴资本"]
    # the next sentence names the raise's investors without naming the round (联合领投, 其他投资方还包括)
    text = "星云科技完成2亿美元C轮融资，估值达30亿美元。红杉中国和高瓴资本联合领投，其他投资方还包括经纬创投。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O), ("高瓴资本", O), ("经纬创投", O)])
    ts = text.index("融资")
    assert [c.text for c in arg_candidates(d, DATA, ts, ts + 2) if c.kind == O] == ["红杉中国", "高瓴资本", "经纬创投"]
    for later in ("。红杉中国也曾与一名投资者签约。", "。红杉中国领投了海岳智能的A轮融资。"):  # no listing cue; a raise of its own
        text = "星云科技完成C轮融资" + later
        d = make_doc(text, [(n, t) for n, t in (("星云科技", C), ("红杉中国", O), ("海岳智能", C)) if n in text])
        ts = text.index("融资")
        assert [c.text for c in arg_candidates(d, DATA, ts, ts + 2)] == ["星云科技", "C轮"]
    # a blank line after 。 is a sentence of its own: the one after it opens with 本次 (session 55)
    text = "星云科技完成A轮融资。\n\n本次融资由红杉中国和高瓴资本共同投资。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O), ("高瓴资本", O)])
    ts = text.index("融资")
    assert [c.text for c in arg_candidates(d, DATA, ts, ts + 2) if c.kind == O] == ["红杉中国", "高瓴资本"]
    text = "海岳智能发布年报。星云科技完成融资"  # the trigger's sentence ends the text
    d = make_doc(text, [("海岳智能", C), ("星云科技", C)])
    ts = text.index("融资")
    assert [c.text for c in arg_candidates(d, DATA, ts, ts + 2)] == ["星云科技"]


def _stub_w(weights, prefix="A|"):
    """A classifier with bias -10 and the given ``{feature key: weight}``."""
    from extract.stages.hashing import slot_hasher
    h = slot_hasher(1 << 15)
    return {"bias": -10.0, "w": {h(prefix + k): w for k, w in weights.items()}}


def _stub(*keys, prefix="A|"):
    """A classifier that gives probability ~1 to the features ``keys`` and ~0 to everything else."""
    return _stub_w(dict.fromkeys(keys, 20.0), prefix)


def _stubbed(trigger_keys_, role_keys):
    fm = FundingModel()
    fm.trigger, fm.role = _stub(*trigger_keys_, prefix="T|"), _stub(*role_keys)
    return fm


def test_roles_allowed_by_candidate_kind():
    """A role model that likes one role: COMPANY takes company/investor/lead_investor, ORG only the investor
    roles, money the amount, a DATE the date, a round span the round."""
    text = "去年，星云科技完成2亿元B轮融资，由红杉中国领投，腾讯投资跟投。"
    ents = [("去年", "DATE"), ("星云科技", C), ("2亿元", "FIGURE", {"value": 2e8, "unit": "元", "qualifier": "exact"}),
            ("红杉中国", O), ("腾讯投资", C)]
    d = make_doc(text, ents)
    got = lambda *roles: view(_stubbed(["w=融资"], roles).extract(d))
    # (红杉中国 closes a list before 领投: it leads the round whatever the role model says, once there is an event)
    lead = [("lead_investor", "红杉中国")]
    assert got("investor") == [("融资", [("investor", "星云科技"), ("investor", "腾讯投资")] + lead)]
    assert got("lead_investor") == [("融资", [("lead_investor", "星云科技"), ("lead_investor", "红杉中国"),
                                              ("lead_investor", "腾讯投资")])]
    # (腾讯投资 before 跟投 invests whatever the role model says)
    assert got("company") == [("融资", [("company", "星云科技"), ("investor", "腾讯投资")] + lead)]
    assert got("company", "date", "amount", "round") == [
        ("融资", [("amount", "2亿元"), ("company", "星云科技"), ("date", "去年"), ("investor", "腾讯投资")] + lead
         + [("round", "B轮")])]
    assert got("date", "amount") == []  # no party and no round: no event (a stated lead alone opens none)
    assert got("date", "amount", "round") == [("融资", [("amount", "2亿元"), ("date", "去年")] + lead + [("round", "B轮")])]
    assert _stubbed(["w=领投"], ["company"]).extract(d)[0].trigger.text == "领投"
    assert _stubbed(["w=跟投"], ["company"]).extract(d) == []  # 跟投 is no trigger candidate


def test_a_list_closed_by_lingtou_leads_the_round():
    """甲和乙共同领投 / GIC和Coatue联合领投 / Nobody (又名Moonbox Ltd)领投: every party of the list is a lead investor, the
    one the role model took as an investor and the one it took as nothing; the event's company never."""
    from extract.stages.events.learned import _Cand, _stated_leads
    norm = "融资由B Capital和Capital Factory共同领投，谷歌参投"
    b, c, g = (_Cand(O, norm.index(t), norm.index(t) + len(t), ref=t) for t in ("B Capital", "Capital Factory", "谷歌"))
    best = {"investor": [(0.9, c), (0.9, g)]}
    _stated_leads(norm, [b, c, g], best)
    assert [x.ref for _, x in best["investor"]] == ["谷歌"] and [x.ref for _, x in best["lead_investor"]] == [
        "B Capital", "Capital Factory"]
    norm = "是次融资由Nobody (又名Moonbox Ltd)领投"
    n, m = (_Cand(O, norm.index(t), norm.index(t) + len(t), ref=t) for t in ("Nobody", "Moonbox Ltd"))
    best = {}
    _stated_leads(norm, [n, m], best)
    assert [x.ref for _, x in best["lead_investor"]] == ["Nobody"]  # (the aside's name is followed by a bracket)
    norm = "星云科技和红杉中国共同领投"  # the company of the event is no lead, nor does the list reach past it
    s_, r = (_Cand(C, norm.index(t), norm.index(t) + len(t), ref=t) for t in ("星云科技", "红杉中国"))
    best = {"company": [(0.9, s_)]}
    _stated_leads(norm, [s_, r], best)
    assert [x.ref for _, x in best["lead_investor"]] == ["红杉中国"] and [x.ref for _, x in best["company"]] == ["星云科技"]


def test_a_lead_marked_in_brackets_and_a_list_closed_by_cantou():
    """红杉中国（领投）: the party before the bracket leads, the list before it does not; 此轮融资由甲、乙等机构参投 with no
    领投/牵头 in the sentence: none of its parties leads (session 55)."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _Cand, _joined_only, _stated_leads
    norm = "投资方为高瓴资本、红杉中国（领投）、经纬创投"
    g, r, j = (_Cand(O, norm.index(t), norm.index(t) + len(t), ref=t) for t in ("高瓴资本", "红杉中国", "经纬创投"))
    best = {"investor": [(0.9, g), (0.9, r), (0.9, j)]}
    _stated_leads(norm, [g, r, j], best)
    assert [x.ref for _, x in best["lead_investor"]] == ["红杉中国"]
    assert [x.ref for _, x in best["investor"]] == ["高瓴资本", "经纬创投"]
    for text, lead in (("此轮融资由红杉中国、高瓴资本等知名机构参投。", "investor"),
                       ("此轮融资由红杉中国领投，高瓴资本参投。", "lead_investor")):
        d = make_doc(text, [("红杉中国", O), ("高瓴资本", O)])
        ev = Event("FUNDING", d.span(0, 2))
        ev.arguments = [Argument("lead_investor", ref=e) for e in d.entities]
        _joined_only(d.norm, ev)
        assert ev.arguments[0].role == lead


def test_the_parties_listed_with_an_investor_invest():
    """其他投资方还包括甲、乙和丙: the investor the role model took brings the parties listed with it, on both sides;
    the list stops at a party that is no list member (a gap of words) and never takes the company or a lead."""
    from extract.stages.events.learned import _Cand, _listed_investors
    norm = "星云科技完成融资，红杉中国领投，其他投资方还包括高瓴、五源和IDG，以及曾参与上轮的经纬创投"
    s_, r, h, w, i, j = (_Cand(C if t == "星云科技" else O, norm.index(t), norm.index(t) + len(t), ref=t)
                         for t in ("星云科技", "红杉中国", "高瓴", "五源", "IDG", "经纬创投"))
    best = {"company": [(0.9, s_)], "lead_investor": [(0.9, r)], "investor": [(0.8, w)]}
    _listed_investors(norm, [s_, r, h, w, i, j], best)
    assert sorted(x.ref for _, x in best["investor"]) == ["IDG", "五源", "高瓴"]
    best = {"investor": [(0.8, r)]}  # the lead list of another reading: 红杉中国 alone, 领投 is no list separator
    _listed_investors(norm, [s_, r, h, w, i, j], best)
    assert [x.ref for _, x in best["investor"]] == ["红杉中国"]
    norm = "甲公司、乙资本和丙基金跟投"
    a, b, c = (_Cand(O, norm.index(t), norm.index(t) + len(t), ref=t) for t in ("甲公司", "乙资本", "丙基金"))
    best = {"company": [(0.9, a)], "investor": [(0.7, c)]}
    _listed_investors(norm, [a, b, c], best)  # the company stops the list
    assert [x.ref for _, x in best["investor"]] == ["丙基金", "乙资本"]


def test_one_amount_round_and_date_per_event():
    """amount, round and date are single: the first of equally scored candidates stays; parties are many."""
    text = "星云科技与海岳智能在3月和4月分别完成2亿元和3亿元的B轮和C轮融资"
    d = make_doc(text, [("星云科技", C), ("海岳智能", C), ("3月", "DATE"), ("4月", "DATE"),
                        ("2亿元", "FIGURE", {"value": 2e8, "unit": "元", "qualifier": "exact"}),
                        ("3亿元", "FIGURE", {"value": 3e8, "unit": "元", "qualifier": "exact"})])
    assert view(_stubbed(["w=融资"], ["company", "date", "amount", "round"]).extract(d)) == [
        ("融资", [("amount", "2亿元"), ("company", "星云科技"), ("company", "海岳智能"), ("date", "3月"),
                 ("round", "B轮")])]


def test_the_amount_is_the_stated_one_not_its_conversion():
    from extract.stages.events.learned import _Cand, _outer_amount
    norm = "星云科技完成3.5亿美元（约人民币25.4亿元）B轮融资"
    usd, rmb = (_Cand("MONEY", norm.index(t), norm.index(t) + len(t)) for t in ("3.5亿美元", "25.4亿元"))
    assert _outer_amount(norm, rmb, [usd, rmb]) is usd
    assert _outer_amount(norm, usd, [usd, rmb]) is usd
    norm = "星云科技完成3.5亿美元B轮融资，估值25.4亿元"  # not a conversion: no bracket
    usd, rmb = (_Cand("MONEY", norm.index(t), norm.index(t) + len(t)) for t in ("3.5亿美元", "25.4亿元"))
    assert _outer_amount(norm, rmb, [usd, rmb]) is rmb


def test_extra_trigger_words():
    for word in ("领投", "集资", "募得"):
        text = f"星云科技{word}2亿元"
        d = make_doc(text, [("星云科技", C)])
        assert [w for _, _, w in trigger_candidates(d, DATA)] == [word]
        role = "lead_investor" if word == "领投" else "company"  # (a party right before 领投 leads)
        assert view(_stubbed([f"w={word}"], ["company"]).extract(d)) == [(word, [(role, "星云科技")])]


def test_trigger_candidates_skip_overlaps_and_names():
    """A trigger word inside an entity is no candidate (also when the name ends exactly at the word's end,
    or starts exactly at its start); of two overlapping trigger matches the first stays."""
    d = make_doc("融资通公司发布公告。", [("融资通公司", C)])
    assert trigger_candidates(d, DATA) == []
    d = make_doc("星云融资。", [("星云融资", C)])
    assert trigger_candidates(d, DATA) == []
    d = make_doc("星云科技宣布完成融资，并领投海岳智能。", [("星云科技", C), ("海岳智能", C)])
    assert [w for _, _, w in trigger_candidates(d, DATA)] == ["融资", "领投"]


def test_trigger_candidates_after_a_skipped_match():
    """After a trigger word inside a name, or one overlapping a match already taken (募集 / 集资 in 募集资金), the
    scan goes on; a word touching another on either side is a candidate of its own."""
    d = make_doc("融资通公司完成B轮融资", [("融资通公司", C)])
    assert [(s, w) for s, _, w in trigger_candidates(d, DATA)] == [(9, "融资")]
    d = make_doc("星云科技募集资金，后又集资1亿元", [("星云科技", C)])
    assert [w for _, _, w in trigger_candidates(d, DATA)] == ["募集", "集资"]
    d = make_doc("红杉领投融资", [("红杉", O)])
    assert [w for _, _, w in trigger_candidates(d, DATA)] == ["领投", "融资"]  # (sorted by start)
    d = make_doc("星云科技融资领投", [("星云科技", C)])
    assert [w for _, _, w in trigger_candidates(d, DATA)] == ["融资", "领投"]


def test_trigger_candidates_skip_a_standing_total():
    """A trigger word after a time word that sums up to now (目前已完成, 之前获得的, 累计) or a count of rounds
    (5轮, 多轮) in its clause is a standing total, no candidate; one round (新一轮, 一轮), an ordinal (第二次), a
    round name (A2轮) and a word in the clause before stay."""
    for text in ("星云科技目前已完成2亿元融资", "星云科技仅用之前获得的2亿元融资就实现了目标", "星云科技已进行了5轮融资",
                 "星云科技已陆续完成多轮融资", "星云科技上市前累计募资2亿元"):
        assert trigger_candidates(make_doc(text, [("星云科技", C)]), DATA) == [], text
    for text in ("星云科技完成新一轮融资", "星云科技曾完成一轮融资", "星云科技完成A2轮融资", "此前，星云科技完成B轮融资",
                 "星云科技第二次增资", "星云科技宣布，目前已完成新一轮2亿元A+轮融资"):
        assert len(trigger_candidates(make_doc(text, [("星云科技", C)]), DATA)) == 1, text


def test_trigger_candidates_skip_a_headline():
    """A trigger word on a headline (a short line not ended by 。！？ with text below it) is no candidate: the
    gold puts the trigger in the body. A one-line record (DuEE) and a body sentence keep theirs."""
    text = "星云科技获新一轮融资\n\n星云科技宣布完成新一轮融资。"
    cands = trigger_candidates(make_doc(text, [("星云科技", C)]), DATA)
    assert [s for s, _, _ in cands] == [text.rindex("融资")]
    assert len(trigger_candidates(make_doc("星云科技获新一轮融资", [("星云科技", C)]), DATA)) == 1
    assert len(trigger_candidates(make_doc("星云科技宣布完成新一轮融资。\n\n更多", [("星云科技", C)]), DATA)) == 1


def test_trigger_candidates_skip_a_reported_deal():
    """A trigger word after a rumor or news-agency cue in its sentence (有市场消息称…已经完成C+轮融资, 消息人士指) is no
    candidate, even with a done cue after the cue; 据报道 is no cue, and a later sentence keeps its trigger."""
    text = "近日，有市场消息称星云科技已经完成C+轮融资。星云科技宣布完成B轮融资。"
    cands = trigger_candidates(make_doc(text, [("星云科技", C), ("星云科技", C)]), DATA)
    assert [s for s, _, _ in cands] == [text.rindex("融资")]
    text = "据外媒报道，星云科技本轮融资吸引了甲乙资本参与。"
    assert len(trigger_candidates(make_doc(text, [("星云科技", C)]), DATA)) == 1


def test_trigger_candidates_skip_a_joined_round():
    """A trigger word after 参与 with no name between in its clause (谷歌参与A轮融资: an investor's part in a round
    stated elsewhere) is no candidate; 参与星云科技的B轮融资 (the raising company named) keeps its own."""
    for text in ("谷歌参与A轮融资", "红杉参与本轮投资"):
        assert trigger_candidates(make_doc(text, [("星云科技", C)] if "星云" in text else []), DATA) == [], text
    for text, ents in (("海岳智能参与星云科技的B轮融资", [("海岳智能", C), ("星云科技", C)]),
                       ("星云科技未来将完成B轮融资", [("星云科技", C)]),
                       ("星云科技完成金额未披露的B轮融资", [("星云科技", C)])):
        assert len(trigger_candidates(make_doc(text, ents), DATA)) == 1, text


def test_a_company_before_an_investing_verb_invests():
    """阿里投资星云科技 / 海岳智能参与B轮融资: a party the role model calls the company but that an investing verb follows
    is an investor of the event; the company that no such verb follows stays."""
    text = "海岳智能参与星云科技的B轮融资。"
    d = make_doc(text, [("海岳智能", C), ("星云科技", C)])
    assert view(_stubbed(["w=融资"], ["company"]).extract(d)) == [
        ("融资", [("company", "星云科技"), ("investor", "海岳智能")])]
    text = "红杉中国（美国）也投资了星云科技的融资。"
    d = make_doc(text, [("红杉中国", C), ("星云科技", C)])
    assert ("investor", "红杉中国") in view(_stubbed(["w=融资"], ["company"]).extract(d))[0][1]
    # 对Y投资: the company right after 对 is what the verb takes, it stays the company (session 55)
    text = "海岳智能和红杉中国等对星云科技投资2亿元。"
    d = make_doc(text, [("海岳智能", C), ("红杉中国", C), ("星云科技", C)])
    assert ("company", "星云科技") in view(_stubbed(["w=投资"], ["company"]).extract(d))[0][1]


def test_a_party_before_lingtou_leads_and_a_party_after_huo_gives():
    """海岳智能领投星云科技B轮融资: a company argument right before 领投 leads (news gold 29 of 29 such parties invest);
    星云科技获红杉中国数千万A轮融资: the party right after 获 with the trigger after it gives the money, the COMPANY
    right before 获 is the company."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _investing_subject
    d = make_doc("海岳智能领投星云科技B轮融资。", [("海岳智能", C), ("星云科技", C)])
    by = {e.text: e for e in d.entities}
    ev = Event("FUNDING", d.span(12, 14), [Argument("company", ref=by["海岳智能"])])
    _investing_subject(d, ev)
    assert [(a.role, a.text) for a in ev.arguments] == [("lead_investor", "海岳智能")]
    d = make_doc("星云科技获红杉中国数千万A轮融资。", [("星云科技", C), ("红杉中国", C)])
    by = {e.text: e for e in d.entities}
    ev = Event("FUNDING", d.span(14, 16), [Argument("company", ref=by["红杉中国"])])
    _investing_subject(d, ev)
    assert [(a.role, a.text) for a in ev.arguments] == [("company", "星云科技"), ("investor", "红杉中国")]
    # the trigger past a comma: the party after 获 stays
    d = make_doc("星云科技获红杉中国青睐，去年完成融资。", [("星云科技", C), ("红杉中国", C)])
    ev = Event("FUNDING", d.span(16, 18), [Argument("company", ref=d.entities[1])])
    _investing_subject(d, ev)
    assert [a.role for a in ev.arguments] == ["company"]


def test_rules_listing_proceeds_with_mujizijin_stay():
    """IPO募集资金30.96亿港元 after a listing cue (发行价格): the rules' listing proceeds, which union_rules keeps where
    the trigger model doubts the word, as it keeps 募资总额为… (session 55)."""
    fig = lambda s: (s, "FIGURE", {"value": 1.0, "unit": "港元", "qualifier": "exact"})
    text = "星河科技于2019年9月登陆港交所，发行价格49.6港元/股，IPO募集资金30.96亿港元。"
    d = make_doc(text, [("星河科技", C), ("2019年9月", "DATE"), ("港交所", O), fig("49.6港元"), fig("30.96亿港元")])
    fm = _stubbed(["w=融资"], ["company"])
    fm.union_rules = fm.union_invest_only = True
    got = view(fm.extract(d))
    assert [w for w, _ in got] == ["募集"] and ("amount", "30.96亿港元") in got[0][1]


def test_money_after_guzhi_is_no_amount():
    """星云科技获得红杉中国投资，估值达到30亿元: the money after 估值 is the valuation, not the amount raised; money
    elsewhere stays the amount."""
    fig = lambda s: (s, "FIGURE", {"value": 1.0, "unit": "元", "qualifier": "exact"})
    d = make_doc("星云科技完成融资，估值达到30亿元。", [("星云科技", C), fig("30亿元")])
    assert view(_stubbed(["w=融资"], ["company", "amount"]).extract(d)) == [("融资", [("company", "星云科技")])]
    d = make_doc("星云科技完成2亿元融资。", [("星云科技", C), fig("2亿元")])
    assert view(_stubbed(["w=融资"], ["company", "amount"]).extract(d)) == [
        ("融资", [("amount", "2亿元"), ("company", "星云科技")])]


def test_trigger_context_features():
    """The money cue counts money only (not any figure), the parties after it count companies too, the
    position is within the sentence (not the text), and the bigrams after it stop at 8 characters."""
    from extract.stages.events.learned import trigger_keys
    text = "海岳智能发布年报。星云科技获得100家机构融资用于扩大产能建设新的工厂，腾讯投资参与"
    d = make_doc(text, [("海岳智能", C), ("星云科技", C), ("100家", "FIGURE", {"value": 100.0, "unit": "家"}),
                        ("腾讯投资", C)])
    ts = text.index("融资")
    keys = trigger_keys(d, DATA, ts, ts + 2, "融资", set())
    assert "money=False" in keys and "party_after=1" in keys
    assert "sent_pos=5" in keys and "comp_before=1" in keys  # 12 characters into its sentence (bucket 9..16)
    assert [k for k in keys if k.startswith("rb=")] == ["rb=用于", "rb=于扩", "rb=扩大", "rb=大产", "rb=产能", "rb=能建",
                                                         "rb=建设"]


def test_probability_is_the_clipped_logistic():
    import math
    from extract.stages.hashing import sparse_prob as _prob  # the logistic of every learned stage (events too)
    assert _prob({"bias": 0.0, "w": {}}, []) == 0.5
    assert _prob({"bias": 1.0, "w": {3: 1.0}}, [3, 4]) == 1 / (1 + math.exp(-2.0))
    assert _prob({"bias": 100.0, "w": {}}, []) == 1 / (1 + math.exp(-30.0))
    assert _prob({"bias": -100.0, "w": {}}, []) == 1 / (1 + math.exp(30.0))


def test_events_are_funding_and_rounds_merge_by_default():
    fm = FundingModel()
    assert fm.merge_rounds is True and fm.union_rules is False
    fm.trigger = _stub("w=融资", prefix="T|")
    fm.role = _stub_w({"company": 20.0, "lead_investor": 10.0, "round": 20.0})
    text = "星云科技完成B轮融资。本轮融资由红杉中国领投。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O)])
    got = fm.extract(d)
    assert [ev.type for ev in got] == ["FUNDING"]  # the 本轮融资 sentence states the same round
    assert sorted((a.role, a.text) for a in got[0].arguments) == [
        ("company", "星云科技"), ("lead_investor", "红杉中国"), ("round", "B轮")]
    fm.merge_rounds = False
    assert len(fm.extract(d)) == 2


def test_two_triggers_of_one_sentence_and_company_are_one_event():
    """The second trigger's new roles and new parties join the first; nothing twice; the scan goes on.
    (Without the document-wide merge of one round, which would join them too.)"""
    fm = FundingModel()
    fm.merge_rounds = False
    fm.trigger = _stub("w=融资", prefix="T|")
    fm.role = _stub_w({"company|COMPANY": 20.0, "amount|MONEY|dist=0": 20.0, "investor|ORG|B|nearest=True": 20.0,
                       "investor|ORG|dist=3": 20.0})
    text = "高瓴资本投资的星云科技宣布已经完成融资，此次融资2亿元由红杉中国参投。海岳智能完成融资。"
    d = make_doc(text, [("高瓴资本", O), ("星云科技", C), ("2亿元", "FIGURE", {"value": 2e8, "unit": "元", "qualifier": "exact"}),
                        ("红杉中国", O), ("海岳智能", C)])
    got = view(fm.extract(d))
    assert got == [("融资", [("amount", "2亿元"), ("company", "星云科技"), ("investor", "红杉中国"), ("investor", "高瓴资本")]),
                   ("融资", [("company", "海岳智能")])]
    first = fm.extract(d)[0]
    assert first.trigger.start == text.index("融资")


def test_a_trigger_without_a_party_is_skipped_and_the_scan_goes_on():
    fm = _stubbed(["w=融资"], ["company"])
    d = make_doc("市场融资环境改善。星云科技完成融资", [("星云科技", C)])
    assert view(fm.extract(d)) == [("融资", [("company", "星云科技")])]


def test_a_round_alone_states_a_raise():
    """完成数千万元的天使轮融资 with a name the recognizers missed: the round is enough for an event (since 2026-12-06;
    cross-fitted triggers 0.689 -> 0.694, held-out DuEE merged 0.591 -> 0.607); no party and no round is not."""
    fm = _stubbed(["w=融资"], ["company", "round"])
    d = make_doc("近日，国货品牌宣布完成数千万元的天使轮融资。市场融资环境改善。", [])
    assert view(fm.extract(d)) == [("融资", [("round", "天使轮")])]


def test_union_adds_the_rules_arguments_the_classifier_left_out():
    fm = _stubbed(["w=融资"], ["company"])
    fm.union_rules = True
    d = _raise_doc()
    assert view(fm.extract(d)) == [("融资", [("amount", "2亿元"), ("company", "星云科技"), ("investor", "高瓴资本"),
                                            ("lead_investor", "红杉中国"), ("round", "B轮")])]
    fm = _stubbed(["w=融资"], ["company", "amount"])
    fm.union_rules = True
    text = "星云科技完成2亿元B轮融资，总额3亿元"  # the classifier's amount (the first) stays the only one
    d = make_doc(text, [("星云科技", C), ("2亿元", "FIGURE", {"value": 2e8, "unit": "元", "qualifier": "exact"}),
                        ("3亿元", "FIGURE", {"value": 3e8, "unit": "元", "qualifier": "exact"})])
    got = view(fm.extract(d))
    assert [a for a in got[0][1] if a[0] == "amount"] == [("amount", "2亿元")]


def test_argument_candidates_are_money_figures_and_names_in_the_sentence():
    text = "星云科技100家门店完成融资，投资方为红杉中国"  # the last name ends the text
    d = make_doc(text, [("星云科技", C), ("100家", "FIGURE", {"value": 100.0, "unit": "家", "qualifier": "exact"}),
                        ("红杉中国", O)])
    ts = text.index("融资")
    assert [(x.kind, x.text) for x in arg_candidates(d, DATA, ts, ts + 2)] == [("COMPANY", "星云科技"), ("ORG", "红杉中国")]


def test_argument_features_of_adjacent_candidates_and_short_gaps():
    from extract.stages.events.learned import arg_keys
    text = "红杉中国高瓴资本融资"  # 高瓴资本 touches both 红杉中国 and the trigger
    d = make_doc(text, [("红杉中国", O), ("高瓴资本", O)])
    cands = arg_candidates(d, DATA, 8, 10)
    keys = arg_keys(d, 8, 10, cands[0], cands, "investor", {})
    assert {"investor|ORG|B|between=1", "investor|ORG|between_any=1", "investor|ORG|B|nearest=False"} <= set(keys)
    text = "去年星云科技X计划融资"  # a candidate at position 2; a gap of 3 with no clause mark
    d = make_doc(text, [("星云科技", C)])
    ts = text.index("融资")
    cands = arg_candidates(d, DATA, ts, ts + 2)
    keys = arg_keys(d, ts, ts + 2, cands[0], cands, "company", {})
    assert {"company|COMPANY|l2=去年", "company|COMPANY|clause_gap=False", "company|COMPANY|B|gap=X计划"} <= set(keys)
    text = "星云科技今年二月完成融资"  # a gap of exactly 6 is still written out
    d = make_doc(text, [("星云科技", C)])
    ts = text.index("融资")
    cands = arg_candidates(d, DATA, ts, ts + 2)
    assert "company|COMPANY|B|gap=今年二月完成" in arg_keys(d, ts, ts + 2, cands[0], cands, "company", {})


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
    # 融资 in the raise and the plan, 领投 in the raise; 票据融资 is no candidate (not_before)
    assert sum(y for _, y in trig) == 8 and len(trig) == 24
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
    model.union_rules = True
    try:
        model.save(tmp_path / "new" / "dir" / "ev.json")  # missing folders are made
    finally:
        model.union_rules = False
    saved = json.loads((tmp_path / "new" / "dir" / "ev.json").read_text(encoding="utf-8"))
    assert saved["extra_triggers"] == ["领投", "集资", "募得"] and saved["union_rules"] is True
    assert FundingModel.load(tmp_path / "new" / "dir" / "ev.json").union_rules is True
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


def test_a_short_name_matches_a_full_name_with_its_place_in_brackets():
    from extract.stages.events.rules import _short_of
    assert _short_of("坤维科技", "坤维（北京）科技有限公司") and _short_of("坤维科技", "坤维(北京)科技有限公司")
    assert _short_of("坤维", "坤维（北京）科技有限公司") and not _short_of("北京科技", "坤维（北京）科技有限公司")


def test_this_round_names_its_investors_not_a_second_company():
    """此次融资 points back at the round just stated; the learned roles may take its investors, listed just
    before, for its company: they are the round's investors, so the statements stay one round."""
    from extract.stages.events.rules import merge_same_round
    text = "星云科技完成B轮融资，由红杉中国、高瓴资本参投，此次融资将用于研发。海岳智能完成融资。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O), ("高瓴资本", O), ("海岳智能", C)])
    first = _event(d, 0, [("company", "星云科技", 0), ("investor", "红杉中国", 0), ("investor", "高瓴资本", 0)])
    again = _event(d, text.index("此次") + 2, [("company", "红杉中国", 0), ("company", "高瓴资本", 0)])
    other = _event(d, text.index("海岳"), [("company", "海岳智能", 0)])
    got = merge_same_round([first, again, other], d)
    assert [ev.trigger.start for ev in got] == [first.trigger.start, other.trigger.start]
    assert sorted(view(got)[0][1]) == [("company", "星云科技"), ("investor", "红杉中国"), ("investor", "高瓴资本")]


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


def test_a_party_a_dash_describes_is_no_investor():
    """由X管理的…基金——Y领投 / 由X合作子基金——Y独家投资: X manages or fathers Y, the investor; X is no argument."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _drop_described
    for text, x, y, role in (("完成A+轮融资，由北工投资管理的北京市级政府引导基金——高精尖基金领投。", "北工投资", "高精尖基金",
                              "lead_investor"),
                             ("完成天使轮融资，由苏州母基金合作子基金——美丽境界基金独家投资。", "苏州母基金", "美丽境界基金",
                              "investor")):
        d = make_doc(text, [(x, C), (y, C)])
        by = {e.text: e for e in d.entities}
        ev = Event("FUNDING", d.span(3, 5), [Argument("investor", ref=by[x]), Argument(role, ref=by[y])])
        _drop_described(d, ev)
        assert [(a.role, a.text) for a in ev.arguments] == [(role, y)]
    # a list of investors, a dash far after the party or past a clause mark: both stay
    for text in ("由甲资本、乙资本共同投资——这是今年最大的一笔。", "由甲资本和乙资本投资，两家都是老股东——此前已投资过。"):
        d = make_doc(text, [("甲资本", C), ("乙资本", C)])
        ev = Event("FUNDING", d.span(0, 1), [Argument("investor", ref=e) for e in d.entities])
        _drop_described(d, ev)
        assert [a.text for a in ev.arguments] == ["甲资本", "乙资本"], text


def test_the_rounds_financial_adviser_is_no_investor():
    """本次融资由甲创投和乙创投共同投资，丙资本担任独家财务顾问: 丙资本 advises, it invests nothing."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _drop_described
    text = "本次融资由甲创投和乙创投共同投资，丙资本担任独家财务顾问。此轮融资由丁资本担任财务顾问。"
    d = make_doc(text, [("甲创投", C), ("乙创投", C), ("丙资本", C), ("丁资本", C)])
    ev = Event("FUNDING", d.span(2, 4), [Argument("investor", ref=e) for e in d.entities])
    _drop_described(d, ev)
    assert [a.text for a in ev.arguments] == ["甲创投", "乙创投"]


def test_a_party_followed_by_de_is_no_investor_unless_investing_follows():
    """其他投资方还包括甲资本、乙基金的丙基金和丁创投的投资: 乙基金 only owns 丙基金; 丁创投的投资 states an investment."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _drop_described
    text = "本轮融资由戊资本领投，其他投资方还包括甲资本、乙基金的丙基金，此前曾获丁创投的战略投资。"
    d = make_doc(text, [("戊资本", C), ("甲资本", C), ("乙基金", C), ("丙基金", C), ("丁创投", C)])
    ev = Event("FUNDING", d.span(2, 4), [Argument("lead_investor" if e.text == "戊资本" else "investor", ref=e)
                                         for e in d.entities])
    _drop_described(d, ev)
    assert [a.text for a in ev.arguments] == ["戊资本", "甲资本", "丙基金", "丁创投"]


# ---------------------------------------------------------------- files, aliases and the pipeline component
def test_load_refuses_other_files_and_defaults_union_off(tmp_path):
    fm = _stubbed(["w=融资"], ["company"])
    fm.save(tmp_path / "ev.json")
    d = json.loads((tmp_path / "ev.json").read_text(encoding="utf-8"))
    for bad in ({**d, "dim": 5}, {**d, "model": "other"}):
        (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(ValueError) as err:
            FundingModel.load(tmp_path / "bad.json")
        assert str(err.value) == f"{tmp_path / 'bad.json'}: not an events.learned.v1 weights file for 32768 slots"
    del d["union_rules"]
    (tmp_path / "old.json").write_text(json.dumps(d), encoding="utf-8")
    assert FundingModel.load(tmp_path / "old.json").union_rules is False


def _alias_event(text, ents, arg_texts):
    from extract.doc import Argument, Event
    d = make_doc(text, ents)
    ev = Event("FUNDING", d.span(text.index("领投"), text.index("领投") + 2))
    for t in arg_texts:
        ev.arguments.append(Argument("investor", ref=next(e for e in d.entities if e.text == t)))
    return d, ev


def test_a_bracketed_alias_argument_gives_way_to_the_name_before_it():
    from extract.stages.events.learned import _main_mentions
    for open_, close in (("(", ")"), ("（", "）")):
        for typ in (C, O):
            text = f"由红杉中国{open_}Sequoia China{close}领投"
            d, ev = _alias_event(text, [("红杉中国", typ), ("Sequoia China", typ)], ["Sequoia China"])
            _main_mentions(d, [ev])
            assert [a.text for a in ev.arguments] == ["红杉中国"], (open_, typ)
    d, ev = _alias_event("由红杉中国(Sequoia China)领投", [("红杉中国", O), ("Sequoia China", O)],
                         ["红杉中国", "Sequoia China"])
    _main_mentions(d, [ev])
    assert [a.text for a in ev.arguments] == ["红杉中国"]  # not twice
    d, ev = _alias_event("由某基金(Sequoia China)领投", [("Sequoia China", O)], ["Sequoia China"])
    _main_mentions(d, [ev])
    assert ev.arguments == []  # no name before it: dropped (GUIDELINES R4)
    d, ev = _alias_event("由红杉中国 (Sequoia China)领投", [("红杉中国", O), ("Sequoia China", O)], ["Sequoia China"])
    _main_mentions(d, [ev])
    assert [a.text for a in ev.arguments] == ["Sequoia China"]  # after a space: a name of its own
    d, ev = _alias_event("由红杉中国、(Sequoia China)领投", [("红杉中国", O), ("Sequoia China", O)], ["Sequoia China"])
    _main_mentions(d, [ev])
    assert ev.arguments == []  # the name before does not end at the bracket
    d, ev = _alias_event("红(Sequoia China)领投", [("红", O), ("Sequoia China", O)], ["Sequoia China"])
    _main_mentions(d, [ev])
    assert [a.text for a in ev.arguments] == ["红"]  # a one-character name right at the start of the text
    d, ev = _alias_event("(Sequoia China)领投", [("Sequoia China", O)], ["Sequoia China"])
    _main_mentions(d, [ev])
    assert [a.text for a in ev.arguments] == ["Sequoia China"]  # nothing can stand before it
    d, ev = _alias_event("由红杉中国(2025)领投", [("红杉中国", O), ("2025", "DATE")], ["2025"])
    _main_mentions(d, [ev])
    assert [a.text for a in ev.arguments] == ["2025"]  # only names give way


def test_the_pipeline_component(tmp_path, monkeypatch):
    from extract.registry import components
    from extract.stages.events.learned import make_learned_events
    assert components.get("events.learned.v1") is make_learned_events
    fm = _stubbed(["w=融资"], ["company", "lead_investor", "round"])
    fm.role = _stub_w({"company": 20.0, "lead_investor": 10.0, "round": 20.0})
    fm.save(tmp_path / "ev.json")
    text = "星云科技完成B轮融资。本轮融资由红杉中国领投。"
    doc = lambda: make_doc(text, [("星云科技", C), ("红杉中国", O)])
    run = lambda **kw: make_learned_events(None, path=str(tmp_path / "ev.json"), **kw)(doc())
    d = run()
    assert [ev.type for ev in d.events] == ["FUNDING"]
    assert [(r.type, r.head.text, r.tail.text) for r in d.relations] == [("invested_in", "红杉中国", "星云科技")]
    assert run(invested_in=False).relations == []
    assert len(run(merge_rounds=False).events) == 2
    assert run(trigger_threshold=1.01).events == [] and run(role_threshold=1.01).events == []
    assert run(trigger_threshold=0.5, role_threshold=0.5).events != []
    assert len(run(role_threshold=1.01, union_rules=True).events) == 1  # the rules' event and arguments
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="events.json"):
        make_learned_events(None)  # the default file name, read from the working folder


def test_single_company_keeps_the_best_and_its_list():
    """With ``single_company`` an event keeps its best scored company and the companies listed together with it;
    a short name declared in brackets after the full name (以下简称) is another company found apart and goes."""
    fm = _stubbed(["w=融资"], ["company"])
    text = "长沙行深智能科技有限公司（以下简称“行深智能”）完成融资。"
    d = make_doc(text, [("长沙行深智能科技有限公司", C), ("行深智能", C)])
    assert [a.text for a in fm.extract(d)[0].arguments] == ["长沙行深智能科技有限公司", "行深智能"]
    fm.single_company = True
    assert len([a for a in fm.extract(d)[0].arguments if a.role == "company"]) == 1
    listed = make_doc("星云科技、海岳智能和青禾医疗完成融资。", [("星云科技", C), ("海岳智能", C), ("青禾医疗", C)])
    assert [a.text for a in fm.extract(listed)[0].arguments] == ["星云科技", "海岳智能", "青禾医疗"]


def test_one_company_after_the_rules_fill_in():
    """The rules' company arguments added after the classifier's (union_rules) give way to the first company,
    unless listed with it."""
    from extract.doc import Argument, Event
    from extract.stages.events.learned import _one_company
    text = "星云科技、海岳智能完成融资，北辰材料参投。"
    d = make_doc(text, [("星云科技", C), ("海岳智能", C), ("北辰材料", C)])
    ev = Event("FUNDING", d.span(text.index("融资"), text.index("融资") + 2))
    ev.arguments = [Argument("company", ref=d.entities[1]), Argument("company", ref=d.entities[2]),
                    Argument("company", ref=d.entities[0])]
    _one_company(d.norm, ev)
    assert [a.text for a in ev.arguments] == ["海岳智能", "星云科技"]


def test_union_for_investor_verbs_only(model):
    """``union_invest_only``: the rules' triggers the classifier rejects survive only as investor verbs."""
    inv = make_doc("国投创新注资华芯科技5亿元。", [("国投创新", C), ("华芯科技", C), money("5亿元")])
    raise_ = make_doc("华芯科技完成5亿元B轮融资。", [("华芯科技", C), money("5亿元")])
    model.trigger_threshold = 1.01
    model.union_rules = True
    try:
        assert [ev.trigger.text for ev in model.extract(inv)] == ["注资"]
        assert [ev.trigger.text for ev in model.extract(raise_)] == ["融资"]
        model.union_invest_only = True
        assert [ev.trigger.text for ev in model.extract(inv)] == ["注资"]
        assert model.extract(raise_) == []
    finally:
        model.trigger_threshold, model.union_rules, model.union_invest_only = 0.5, False, False


def test_decoding_settings_are_saved(tmp_path):
    fm = _stubbed(["w=融资"], ["company"])
    fm.single_company, fm.union_invest_only = True, True
    fm.save(tmp_path / "ev.json")
    back = FundingModel.load(tmp_path / "ev.json")
    assert (back.single_company, back.union_invest_only) == (True, True)
    d = json.loads((tmp_path / "ev.json").read_text(encoding="utf-8"))
    del d["single_company"], d["union_invest_only"]
    (tmp_path / "old.json").write_text(json.dumps(d), encoding="utf-8")
    old = FundingModel.load(tmp_path / "old.json")
    assert (old.single_company, old.union_invest_only) == (False, False)


def test_argument_candidates_of_a_later_sentence_naming_the_round_again():
    text = "星云科技完成B轮融资，金额2亿元。公司成立于2019年。此轮融资由红杉中国、高瓴参投。"
    d = make_doc(text, [("星云科技", C), ("红杉中国", O), ("高瓴", O)])
    ts = text.index("融资")
    assert {"红杉中国", "高瓴"} <= {c.text for c in arg_candidates(d, DATA, ts, ts + 2)}
    text = "星云科技完成B轮融资。公司成立于2019年。红杉中国此前投资了海岳智能。"  # no round named again: not read
    d = make_doc(text, [("星云科技", C), ("红杉中国", O), ("海岳智能", C)])
    assert [c.text for c in arg_candidates(d, DATA, ts, ts + 2)] == ["星云科技", "B轮"]


@pytest.mark.parametrize("text,vetoed", [
    ("集团已成功就约177.6亿港元的现有银行贷款完成再融资。", True),   # refinancing a loan
    ("公司获得银行2亿元票据融资授信。", True),                    # debt business (not_before)
    ("它石智航再获1.22亿美元天使+轮融资。", False),               # 再获…融资 is a new round
    ("70亿美元是进行次轮融资前的估值。", True),                   # a point in time (not_after)
    ("甲乙集团增资至5亿，增幅150%。", True),                     # the registered capital reached
    ("公司发行6000万股，募资总额为13.8亿美元。", False),           # a listing's proceeds stay
])
def test_trigger_candidates_veto_debt_and_refinancing(text, vetoed):
    d = make_doc(text, [])
    ts = max(text.rfind(w) for w in ("融资", "增资", "募资"))
    assert ((ts, ts + 2) not in {(s, e) for s, e, _ in trigger_candidates(d, DATA)}) == vetoed


def test_one_stated_deal_keeps_its_trigger():
    """一笔 + a money figure right before the trigger word (一笔来自杭州的2000万元风险注资) states one deal: the trigger
    stays even where the trigger model doubts it; 一笔投资 without money does not."""
    money2 = ("2000万元", "FIGURE", {"value": 2e7, "unit": "元", "qualifier": "exact"})
    text = "星云科技在耗尽资金时，一笔来自杭州的2000万元风险注资让其起死回生。"
    d = make_doc(text, [("星云科技", C), ("杭州", "LOC"), money2])
    fm = _stubbed(["w=没有"], ["company", "amount"])
    assert view(fm.extract(d)) == [("注资", [("amount", "2000万元"), ("company", "星云科技")])]
    text = "星云科技迎来的不只是一笔风险注资，更是信心。"
    assert view(fm.extract(make_doc(text, [("星云科技", C)]))) == []
