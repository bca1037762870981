"""The scorer: oracle tests against seqeval, and hand-computed cases for every section of SCHEMA §6."""
import json
import random

import pytest

from extract.doc import Document
from extract.eval.evaluate import (PRF, compare_attrs, cross_validate, error_report, format_report, load_folds,
                              overlap_matching, read_jsonl, score, simplify)

TYPES = ("COMPANY", "ORG", "LOC", "DATE", "FIGURE", "RANK")


# ------------------------------------------------------------------ builders
def find(text, surface, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return i, i + len(surface)


def record(id, text, ents=(), relations=(), events=(), facts=(), ignore=()):
    """A SCHEMA record. ``ents``: (key, type, surface, attrs, nth); others refer to ents by key."""
    ids, out = {}, []
    for n, (key, typ, surface, attrs, nth) in enumerate(ents, 1):
        s, e = find(text, surface, nth)
        ids[key] = f"E{n}"
        out.append({"id": f"E{n}", "type": typ, "start": s, "end": e, "text": surface, "attrs": dict(attrs or {})})
    rec = {"id": id, "text": text, "entities": out,
           "relations": [{"type": t, "head": ids[h], "tail": ids[tl]} for t, h, tl in relations],
           "events": [], "facts": []}
    for n, (typ, trig, args) in enumerate(events, 1):
        s, e = find(text, trig)
        ev = {"id": f"V{n}", "type": typ, "trigger": {"start": s, "end": e, "text": trig}, "arguments": []}
        for role, val in args:
            if isinstance(val, tuple):  # a span argument: (surface, attrs)
                s, e = find(text, val[0])
                ev["arguments"].append({"role": role, "start": s, "end": e, "text": val[0], "attrs": val[1]})
            else:
                ev["arguments"].append({"role": role, "ref": ids[val]})
        rec["events"].append(ev)
    for n, f in enumerate(facts, 1):
        typ, subj, val, metric = f[:4]
        pos = f[4] if len(f) > 4 else None
        d = {"id": f"F{n}", "type": typ, "subject": ids.get(subj), "value": ids[val], "metric": None, "date": None}
        if metric is not None:
            s, e = metric if isinstance(metric, tuple) else find(text, metric)
            d["metric"] = {"start": s, "end": e, "text": text[s:e]}
        if pos is not None:
            d["position"] = pos
        rec["facts"].append(d)
    if ignore:
        rec["ignore"] = [{"start": s, "end": e} for s, e in ignore]
    Document.from_dict(rec).check_offsets()
    return rec


def prf(d):
    return (d["tp"], d["fp"], d["fn"])


TRAD = "2025年,沐曦集成電路完成C輪融資超15億元,由經緯創投領投。上海小巨人企業數量達1026家,總量位居全國第三。"
SIMP = "工业和信息化部公布名单,深圳以347家位居全国城市首位,北京、上海分列第二、第三。"


@pytest.fixture
def rich():
    """Two documents with something in every section (one traditional, one simplified)."""
    a = record("a", TRAD,
               ents=[("d", "DATE", "2025年", None, 0),
                     ("c", "COMPANY", "沐曦集成電路", {"norm": "沐曦集成电路"}, 0),
                     ("amt", "FIGURE", "超15億元", {"value": 1.5e9, "unit": "元", "qualifier": "more_than"}, 0),
                     ("inv", "COMPANY", "經緯創投", {"norm": "经纬创投"}, 0),
                     ("sh", "LOC", "上海", None, 0),
                     ("n", "FIGURE", "1026家", {"value": 1026, "unit": "家", "qualifier": "exact"}, 0),
                     ("r", "RANK", "全國第三", {"rank": 3, "scope": "全国"}, 0)],
               relations=[("invested_in", "inv", "c")],
               events=[("FUNDING", "融資", [("company", "c"), ("amount", "amt"), ("lead_investor", "inv"),
                                          ("date", "d"), ("round", ("C輪", {"round": "C"}))])],
               facts=[("METRIC", "sh", "n", "小巨人企業數量"), ("RANKING", "sh", "r", "總量")])
    b = record("b", SIMP,
               ents=[("o", "ORG", "工业和信息化部", None, 0), ("sz", "LOC", "深圳", None, 0),
                     ("n", "FIGURE", "347家", {"value": 347, "unit": "家", "qualifier": "exact"}, 0),
                     ("r1", "RANK", "全国城市首位", {"rank": 1, "scope": "全国"}, 0),
                     ("bj", "LOC", "北京", None, 0), ("sh", "LOC", "上海", None, 0),
                     ("r2", "RANK", "第二", {"rank": 2, "scope": None}, 0),
                     ("r3", "RANK", "第三", {"rank": 3, "scope": None}, 0)],
               facts=[("RANKING", "sz", "r1", None), ("RANKING", "bj", "r2", None), ("RANKING", "sh", "r3", None),
                      ("METRIC", None, "n", None)])
    return [a, b]


# ------------------------------------------------------------------ PRF
def test_prf_zero_division_is_zero():
    assert (PRF().p, PRF().r, PRF().f1) == (0.0, 0.0, 0.0)
    assert PRF(0, 3, 0).p == 0.0 and PRF(0, 3, 0).r == 0.0
    x = PRF(3, 1, 2)
    assert x.p == 0.75 and x.r == 0.6 and x.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert (PRF(1, 2, 3) + PRF(4, 5, 6)).to_dict()["tp"] == 5


# ------------------------------------------------------------------ seqeval oracle
def to_bio(n, spans):
    tags = ["O"] * n
    for t, s, e in spans:
        tags[s] = f"B-{t}"
        for i in range(s + 1, e):
            tags[i] = f"I-{t}"
    return tags


def random_spans(rng, n, k, taken=None):
    taken = bytearray(n) if taken is None else taken
    out = []
    for _ in range(k * 3):
        if len(out) >= k:
            break
        length = rng.randint(1, 6)
        s = rng.randrange(0, max(1, n - length))
        e = min(n, s + length)
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append((rng.choice(TYPES), s, e))
    return out


def perturb(rng, n, gold):
    """A prediction: gold spans kept, retyped, reshaped or dropped, plus spurious ones; never overlapping."""
    taken = bytearray(n)
    out = []
    for t, s, e in gold:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.3:
            t = rng.choice(TYPES)
        elif r < 0.45:
            s, e = s, max(s + 1, min(n, e + rng.choice((-1, 1))))
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append((t, s, e))
    out += random_spans(rng, n, rng.randint(0, 4), taken)
    return out


def as_records(texts, spans_per_doc):
    recs = []
    for i, (text, spans) in enumerate(zip(texts, spans_per_doc)):
        ents = [{"id": f"E{j}", "type": t, "start": s, "end": e, "text": text[s:e]}
                for j, (t, s, e) in enumerate(spans, 1)]
        recs.append({"id": f"doc{i}", "text": text, "entities": ents})
    return recs


def assert_matches_seqeval(texts, gold_spans, pred_spans):
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

    y_true = [to_bio(len(t), g) for t, g in zip(texts, gold_spans)]
    y_pred = [to_bio(len(t), p) for t, p in zip(texts, pred_spans)]
    rep = score(as_records(texts, gold_spans), as_records(texts, pred_spans))["entities"]
    micro = rep["micro"]
    assert micro["p"] == pytest.approx(precision_score(y_true, y_pred, zero_division=0))
    assert micro["r"] == pytest.approx(recall_score(y_true, y_pred, zero_division=0))
    assert micro["f1"] == pytest.approx(f1_score(y_true, y_pred, zero_division=0))
    ref = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    for t, v in rep["per_type"].items():
        if v["tp"] + v["fn"] == 0:  # seqeval lists only types that occur in gold or prediction
            assert t not in ref or ref[t]["support"] == 0
            continue
        assert v["p"] == pytest.approx(ref[t]["precision"]), t
        assert v["r"] == pytest.approx(ref[t]["recall"]), t
        assert v["f1"] == pytest.approx(ref[t]["f1-score"]), t
        assert v["tp"] + v["fn"] == ref[t]["support"], t


def test_entities_equal_seqeval_random():
    rng = random.Random(20250101)
    base = TRAD + SIMP
    for _ in range(60):
        ndocs = rng.randint(1, 4)
        texts = [base[: rng.randint(20, len(base))] for _ in range(ndocs)]
        gold = [random_spans(rng, len(t), rng.randint(0, 8)) for t in texts]
        pred = [perturb(rng, len(t), g) for t, g in zip(texts, gold)]
        assert_matches_seqeval(texts, gold, pred)


@pytest.mark.parametrize("gold,pred", [
    # adjacent spans of one type: B-X I-X B-X must stay two chunks
    ([("LOC", 0, 2), ("LOC", 2, 4)], [("LOC", 0, 4)]),
    ([("LOC", 0, 2), ("LOC", 2, 4)], [("LOC", 0, 2), ("LOC", 2, 4)]),
    # right boundary, wrong type, extra
    ([("COMPANY", 5, 11), ("FIGURE", 14, 19)], [("ORG", 5, 11), ("FIGURE", 14, 19), ("DATE", 0, 5)]),
    # nothing predicted / nothing in gold
    ([("DATE", 0, 5)], []),
    ([], [("DATE", 0, 5)]),
    # single-character spans at both ends of the text
    ([("RANK", 0, 1), ("RANK", 29, 30)], [("RANK", 0, 1), ("RANK", 28, 30)]),
])
def test_entities_equal_seqeval_hand_made(gold, pred):
    assert_matches_seqeval([TRAD[:30]], [gold], [pred])


# ------------------------------------------------------------------ hand-computed sections
def test_gold_against_itself_is_perfect(rich):
    rep = score(rich, rich)
    for sec in (rep["entities"], rep["entities"]["overlap"], rep["relations"], rep["events"]["arguments"],
                rep["events"]["triggers"], rep["facts"]):
        assert sec["micro"]["f1"] == 1.0 and sec["micro"]["fp"] == sec["micro"]["fn"] == 0
        for v in sec.get("per_type", sec.get("per_role", {})).values():
            assert v["f1"] == 1.0
    assert rep["facts"]["metric_spans"]["f1"] == 1.0
    for t in ("FIGURE", "RANK"):
        assert rep["attributes"][t]["all_correct"] == 1.0
        assert all(v["acc"] == 1.0 for v in rep["attributes"][t]["per_attr"].values())
    assert rep["entities"]["micro"]["tp"] == 15
    assert rep["docs"]["missing"] == [] and rep["docs"]["errors"] == {}


def test_documents_and_dicts_are_interchangeable(rich):
    docs = [Document.from_dict(r) for r in rich]
    assert score(docs, rich) == score(rich, docs)


def test_entities_hand_computed():
    text = "上海澜起科技股份有限公司位于浦东新区张江,2024年营收超36亿元。"
    gold = record("x", text, ents=[("c", "COMPANY", "上海澜起科技股份有限公司", None, 0),
                                   ("p", "LOC", "浦东新区", None, 0), ("z", "LOC", "张江", None, 0),
                                   ("d", "DATE", "2024年", None, 0), ("f", "FIGURE", "超36亿元", None, 0)])
    pred = record("x", text, ents=[("c", "COMPANY", "澜起科技股份有限公司", None, 0),  # boundary wrong
                                   ("s", "LOC", "上海", None, 0),               # spurious
                                   ("p", "LOC", "浦东新区", None, 0),            # right
                                   ("z", "ORG", "张江", None, 0),               # type wrong
                                   ("d", "DATE", "2024年", None, 0),             # right
                                   ("f", "FIGURE", "36亿元", None, 0)])          # boundary wrong
    rep = score([gold], [pred])["entities"]
    assert prf(rep["micro"]) == (2, 4, 3)
    assert prf(rep["per_type"]["LOC"]) == (1, 1, 1)
    assert prf(rep["per_type"]["ORG"]) == (0, 1, 0)
    assert prf(rep["per_type"]["COMPANY"]) == (0, 1, 1)
    assert rep["micro"]["p"] == pytest.approx(2 / 6) and rep["micro"]["r"] == pytest.approx(2 / 5)
    # overlap: COMPANY and FIGURE now match; 上海 overlaps nothing gold of type LOC; 张江 is still ORG ≠ LOC
    ov = rep["overlap"]
    assert prf(ov["micro"]) == (4, 2, 1)
    assert prf(ov["per_type"]["COMPANY"]) == (1, 0, 0)
    assert prf(ov["per_type"]["FIGURE"]) == (1, 0, 0)


def test_overlap_counts_each_span_once():
    text = "长三角地区集成电路产业"
    gold = record("x", text, ents=[("a", "INDUSTRY", "集成电路", None, 0)])
    pred = record("x", text, ents=[("a", "INDUSTRY", "集成", None, 0), ("b", "INDUSTRY", "电路产业", None, 0)])
    ov = score([gold], [pred])["entities"]["overlap"]["micro"]
    assert prf(ov) == (1, 1, 0)


def test_overlap_matching_is_maximum():
    # A greedy pass would give X to A and leave B unmatched; the maximum matching pairs A-Y, B-X.
    gold = [(0, 4), (5, 8)]
    pred = [(3, 6), (1, 2)]
    assert overlap_matching(gold, pred) == [(0, 1), (1, 0)]
    assert overlap_matching([(0, 4)], [(4, 6)]) == []  # touching is not intersecting
    assert overlap_matching([], [(0, 1)]) == [] and overlap_matching([(0, 1)], []) == []


def test_attribute_accuracy():
    assert compare_attrs("FIGURE", {"value": 12000, "unit": "家", "qualifier": "exact"},
                         {"value": 12000.000000001, "unit": "家", "qualifier": "exact"}) == \
        {"value": True, "unit": True, "qualifier": True}
    assert compare_attrs("FIGURE", {"value": 12000}, {"value": 12000.1})["value"] is False
    # min/max compared only when present on either side; missing on one side is wrong
    res = compare_attrs("FIGURE", {"value": 1000, "unit": "人", "qualifier": "range", "min": 1000, "max": 5000},
                        {"value": 1000, "unit": "人", "qualifier": "range", "min": 1000})
    assert res == {"value": True, "unit": True, "qualifier": True, "min": True, "max": False}
    assert compare_attrs("RANK", {"rank": 3, "scope": "全国"}, {"rank": 3, "scope": None}) == \
        {"scope": False, "rank": True}
    assert compare_attrs("RANK", {"top": 10, "scope": None}, {"top": 10, "scope": None}) == \
        {"scope": True, "top": True}

    text = "专精特新企业达1.2万家,增长11.4%,位居全国第三。"
    gold = record("x", text, ents=[
        ("a", "FIGURE", "1.2万家", {"value": 12000, "unit": "家", "qualifier": "exact"}, 0),
        ("b", "FIGURE", "11.4%", {"value": 11.4, "unit": "%", "qualifier": "exact"}, 0),
        ("r", "RANK", "全国第三", {"rank": 3, "scope": "全国"}, 0)])
    pred = record("x", text, ents=[
        ("a", "FIGURE", "1.2万家", {"value": 1.2, "unit": "万家", "qualifier": "exact"}, 0),
        ("b", "FIGURE", "11.4%", {"value": 11.4, "unit": "%", "qualifier": "exact"}, 0),
        ("r", "RANK", "第三", {"rank": 3, "scope": None}, 0)])  # not an exact match: not scored
    at = score([gold], [pred])["attributes"]
    assert at["FIGURE"]["matched"] == 2 and at["FIGURE"]["all_correct"] == 0.5
    assert at["FIGURE"]["per_attr"]["value"] == {"acc": 0.5, "correct": 1, "total": 2}
    assert at["FIGURE"]["per_attr"]["qualifier"]["acc"] == 1.0
    assert at["RANK"]["matched"] == 0 and at["RANK"]["all_correct"] == 0.0


def test_relations_hand_computed():
    text = "松江区的新倬壮印刷科技,中国移动旗下基金投资了道生天合材料。"
    ents = [("sj", "LOC", "松江区", None, 0), ("x", "COMPANY", "新倬壮印刷科技", None, 0),
            ("cm", "COMPANY", "中国移动", None, 0), ("fund", "COMPANY", "中国移动旗下基金", None, 0),
            ("ds", "COMPANY", "道生天合材料", None, 0)]
    gold = record("x", text, ents, relations=[("located_in", "x", "sj"), ("subsidiary_of", "fund", "cm"),
                                              ("invested_in", "fund", "ds")])
    pred = record("x", text, ents, relations=[("located_in", "x", "sj"),        # right
                                              ("subsidiary_of", "cm", "fund"),  # reversed
                                              ("invested_in", "cm", "ds")])     # wrong head
    rep = score([gold], [pred])["relations"]
    assert prf(rep["micro"]) == (1, 2, 2)
    assert prf(rep["per_type"]["located_in"]) == (1, 0, 0)
    assert prf(rep["per_type"]["invested_in"]) == (0, 1, 1)


def test_events_arguments_use_simplified_text():
    text = "沐曦集成電路完成C輪融資超15億元,經緯創投領投"
    g = record("x", text, [("c", "COMPANY", "沐曦集成電路", {"norm": "沐曦集成电路"}, 0),
                           ("a", "FIGURE", "超15億元", None, 0), ("i", "COMPANY", "經緯創投", None, 0)],
               events=[("FUNDING", "融資", [("company", "c"), ("amount", "a"), ("lead_investor", "i"),
                                           ("round", ("C輪", {"round": "C"}))])])
    # The prediction marks a different company span (a shorter one) whose norm text differs,
    # lists the investor as a plain investor, and has the trigger 完成 instead of 融資.
    p = record("x", text, [("c", "COMPANY", "沐曦", None, 0), ("a", "FIGURE", "超15億元", None, 0),
                           ("i", "COMPANY", "經緯創投", None, 0)],
               events=[("FUNDING", "完成", [("company", "c"), ("amount", "a"), ("investor", "i"),
                                           ("round", ("C輪", {"round": "C"}))])])
    ev = score([g], [p])["events"]
    assert prf(ev["arguments"]["micro"]) == (2, 2, 2)  # amount + round right
    assert prf(ev["arguments"]["per_role"]["round"]) == (1, 0, 0)
    assert prf(ev["arguments"]["per_role"]["investor"]) == (0, 1, 0)
    assert prf(ev["triggers"]["micro"]) == (0, 1, 1)
    # argument text comparison is script-independent: a simplified record of the same text scores 1.0
    assert simplify("經緯創投") == "经纬创投" and simplify("Ｃ輪") == "C轮"


def test_event_arguments_are_text_tuples_like_duee():
    # Same argument text at another place still counts (DuEE scores role+text, not offsets).
    text = "曦智科技获投。曦智科技获投数亿元。"
    g = record("x", text, [("c", "COMPANY", "曦智科技", None, 0)], events=[("FUNDING", "获投", [("company", "c")])])
    p = record("x", text, [("c", "COMPANY", "曦智科技", None, 1)], events=[("FUNDING", "获投", [("company", "c")])])
    ev = score([g], [p])["events"]
    assert prf(ev["arguments"]["micro"]) == (1, 0, 0)
    assert prf(ev["triggers"]["micro"]) == (1, 0, 0)


def test_facts_and_metric_overlap():
    text = "上海国家级专精特新小巨人企业数量达1026家,位居全国第三;北京、上海、深圳分列前三"
    ents = [("sh", "LOC", "上海", None, 0), ("n", "FIGURE", "1026家", None, 0),
            ("r", "RANK", "全国第三", None, 0), ("bj", "LOC", "北京", None, 0),
            ("sh2", "LOC", "上海", None, 1), ("sz", "LOC", "深圳", None, 0), ("t3", "RANK", "前三", None, 0)]
    gold = record("x", text, ents, facts=[
        ("METRIC", "sh", "n", "国家级专精特新小巨人企业数量"),   # 14 chars
        ("RANKING", "sh", "r", "小巨人企业数量"),               # 7 chars
        ("RANKING", "bj", "t3", None, 1), ("RANKING", "sh2", "t3", None, 2), ("RANKING", "sz", "t3", None, 3)])
    pred = record("x", text, ents, facts=[
        ("METRIC", "sh", "n", "小巨人企业数量达"),   # 8 chars, 7 shared with gold
        ("RANKING", "sh", "r", "企业数量"),          # 4 chars, 4 shared
        ("RANKING", "bj", "t3", None, 1), ("RANKING", "sh2", "t3", None, 3),  # position wrong
        ("METRIC", None, "n", "专精特新")])          # 4 chars, unmatched fact
    f = score([gold], [pred])["facts"]
    # ("RANKING", 上海, 前三, 2) vs ("RANKING", 上海, 前三, 3) differ; 深圳 missing; the subjectless METRIC is extra
    assert prf(f["micro"]) == (3, 2, 2)
    assert prf(f["per_type"]["METRIC"]) == (1, 1, 0)
    m = f["metric_spans"]
    assert (m["overlap_chars"], m["pred_chars"], m["gold_chars"]) == (11, 16, 21)
    assert m["p"] == pytest.approx(11 / 16) and m["r"] == pytest.approx(11 / 21)
    assert m["f1"] == pytest.approx(2 * (11 / 16) * (11 / 21) / (11 / 16 + 11 / 21))


def test_fact_subject_none_counts():
    text = "全市研发经费支出增长11.4%。"
    ents = [("v", "FIGURE", "11.4%", None, 0)]
    gold = record("x", text, ents, facts=[("METRIC", None, "v", "研发经费支出")])
    assert prf(score([gold], [gold])["facts"]["micro"]) == (1, 0, 0)
    pred = record("x", text, ents + [("s", "LOC", "全市", None, 0)], facts=[("METRIC", "s", "v", "研发经费支出")])
    assert prf(score([gold], [pred])["facts"]["micro"]) == (0, 1, 1)


def test_ignore_regions():
    text = "上海新增小巨人企业。图表:北京 上海 深圳 1026 500。深圳排名第一。"
    s, e = find(text, "图表:北京 上海 深圳 1026 500")
    ents = [("a", "LOC", "上海", None, 0), ("b", "LOC", "北京", None, 0), ("c", "LOC", "深圳", None, 0),
            ("f", "FIGURE", "1026", None, 0), ("d", "LOC", "深圳", None, 1), ("r", "RANK", "第一", None, 0)]
    gold = record("x", text, ents[:1] + ents[4:], facts=[("RANKING", "d", "r", None)], ignore=[(s, e)])
    pred = record("x", text, ents, facts=[("RANKING", "d", "r", None), ("RANKING", "c", "r", None)],
                  relations=[("located_in", "b", "c")])
    rep = score([gold], [pred])
    assert prf(rep["entities"]["micro"]) == (3, 0, 0)  # 北京/深圳/1026 inside the region are not counted
    assert prf(rep["facts"]["micro"]) == (1, 0, 0)     # the fact about the ignored 深圳 is dropped
    assert prf(rep["relations"]["micro"]) == (0, 0, 0)
    # a span only partly inside a region still counts
    part = record("x", text, [("z", "ORG", "企业。图表", None, 0)])
    assert prf(score([gold], [part])["entities"]["per_type"]["ORG"]) == (0, 1, 0)
    # the region comes from the gold document: a prediction's own ignore list is not used
    gold2 = record("x", text, ents[:1])
    pred2 = dict(record("x", text, ents[:2]), ignore=[{"start": s, "end": e}])
    assert prf(score([gold2], [pred2])["entities"]["micro"]) == (1, 1, 0)


def test_missing_and_failed_documents(rich):
    a, b = rich
    n_a = len(a["entities"])
    rep = score(rich, [a])
    assert rep["docs"]["missing"] == ["b"]
    assert prf(rep["entities"]["micro"]) == (n_a, 0, len(b["entities"]))
    failed = {"id": "b", "text": b["text"], "entities": [], "relations": [], "events": [], "facts": [],
              "error": "ner: RuntimeError: boom"}
    rep = score(rich, [a, failed, {"id": "zzz", "text": "x"}])
    assert rep["docs"]["errors"] == {"b": "ner: RuntimeError: boom"} and rep["docs"]["extra"] == ["zzz"]
    assert prf(rep["entities"]["micro"]) == (n_a, 0, len(b["entities"]))
    # a failed prediction counts as empty even if it carries entities
    failed_with_ents = dict(b, error="late failure")
    assert score([b], [failed_with_ents])["entities"]["micro"]["tp"] == 0
    assert "MISSING" in format_report(score(rich, [a]))


def test_micro_over_documents(rich):
    a, b = rich
    empty_b = {"id": "b", "text": b["text"], "entities": []}
    ra, rb = score([a], [a])["entities"]["micro"], score([b], [empty_b])["entities"]["micro"]
    both = score(rich, [a, empty_b])["entities"]["micro"]
    assert prf(both) == tuple(x + y for x, y in zip(prf(ra), prf(rb)))


def test_bad_inputs_name_the_problem(rich):
    with pytest.raises(ValueError, match="twice"):
        score([rich[0], rich[0]], [])
    other = dict(rich[0], text=rich[0]["text"].replace("2025", "2024"), entities=[], relations=[], events=[],
                 facts=[])
    with pytest.raises(ValueError, match="text differs"):
        score([rich[0]], [other])


# ------------------------------------------------------------------ reports
def test_format_and_error_report(rich):
    a, b = rich
    pred_a = dict(a, entities=[x for x in a["entities"] if x["type"] != "LOC"], relations=a["relations"],
                  facts=[f for f in a["facts"] if f["subject"] != "E5"])
    rep = score(rich, [pred_a, b])
    table = format_report(rep)
    assert "entities" in table and "LOC" in table and "metric spans" in table
    md = error_report(rich, [pred_a, b])
    assert "### LOC: 1 false negatives, 0 false positives" in md
    assert "【上海】小巨人企業數量達1026家" in md  # the span marked in its sentence
    assert "## Facts" in md and "### METRIC: 1 false negatives" in md
    assert "### COMPANY" not in md  # nothing wrong there


# ------------------------------------------------------------------ files, evaluate(), CV, CLI
def write(path, recs):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def test_read_jsonl_names_file_and_line(tmp_path, rich):
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(rich[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2"):
        read_jsonl(p)
    bad = dict(rich[1], entities=[dict(rich[1]["entities"][0], text="错")] + rich[1]["entities"][1:])
    write(p, [rich[0], bad])
    with pytest.raises(ValueError, match=r"gold\.jsonl:2: .*span"):
        read_jsonl(p)
    write(p, [dict(rich[0], relations=[{"type": "located_in", "head": "E99", "tail": "E1"}])])
    with pytest.raises(ValueError, match=r"gold\.jsonl:1: .*E99"):
        read_jsonl(p)


TINY_PIPELINE = {"name": "t", "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                                           {"name": "segment", "factory": "segment.v1"}]}


def test_evaluate_files_and_model(tmp_path, rich):
    from extract.eval.evaluate import evaluate

    gold = write(tmp_path / "gold.jsonl", rich)
    pred = write(tmp_path / "pred.jsonl", [rich[0]])
    rep = evaluate(gold, pred_path=pred, json_path=tmp_path / "r.json", errors_path=tmp_path / "e.md")
    assert rep["docs"]["missing"] == ["b"] and rep["cv"] is False
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["entities"] == rep["entities"]
    assert "# Error report" in (tmp_path / "e.md").read_text(encoding="utf-8")
    # a pipeline that finds nothing: every gold item is a false negative
    rep = evaluate(gold, model=TINY_PIPELINE)
    n = sum(len(r["entities"]) for r in rich)
    assert prf(rep["entities"]["micro"]) == (0, 0, n)
    with pytest.raises(ValueError, match="exactly one"):
        evaluate(gold)


def test_cross_validate(tmp_path, rich):
    import extract

    folds = [{"name": "fold-a", "test": ["a"], "train": ["b"]},
             {"name": "fold-b", "test": ["b"], "train": ["a"]},
             {"name": "fold-z", "test": ["zzz"], "train": ["a", "b"]}]
    seen = []

    def make(train):
        seen.append(sorted(d.id for d in train))
        return extract.load(TINY_PIPELINE)

    rep = cross_validate(rich, folds, make)
    assert rep["cv"] is True and [f["name"] for f in rep["folds"]] == ["fold-a", "fold-b", "fold-z"]
    assert seen == [["b"], ["a"]]  # train docs only; the skipped fold builds nothing
    assert "skipped" in rep["folds"][2]
    assert rep["entities"]["micro"]["fn"] == sum(len(r["entities"]) for r in rich)
    assert rep["folds"][0]["report"]["entities"]["micro"]["fn"] == len(rich[0]["entities"])
    assert "Cross-validated" in format_report(rep)

    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"folds": [{"name": "f", "test": ["a"], "train": ["a"]}]}))
    with pytest.raises(ValueError, match="both test and train"):
        load_folds(splits)


def test_shipped_splits_are_leave_one_out():
    folds = load_folds()
    tests = [i for f in folds for i in f["test"]]
    assert len(folds) == 5 and len(set(tests)) == 5
    for f in folds:
        assert len(f["test"]) == 1 and set(f["train"]) == set(tests) - set(f["test"])


def test_cli(tmp_path, rich, capsys):
    import argparse

    from extract.eval.evaluate import add_cli

    parser = argparse.ArgumentParser(prog="zhie")
    add_cli(parser.add_subparsers(dest="command"))
    gold = write(tmp_path / "gold.jsonl", rich)
    args = parser.parse_args(["evaluate", "--gold", str(gold), "--pred", str(gold), "--json", str(tmp_path / "o.json")])
    assert args.func(args) == 0
    assert "1.000" in capsys.readouterr().out
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["entities"]["micro"]["f1"] == 1.0
    args = parser.parse_args(["evaluate", "--gold", str(tmp_path / "nope.jsonl"), "--pred", str(gold)])
    assert args.func(args) == 2
    with pytest.raises(SystemExit):
        parser.parse_args(["evaluate", "--gold", str(gold)])  # --pred or --model is required


def test_evaluate_cv_with_error_report(tmp_path, rich):
    from extract.eval.evaluate import evaluate

    gold = write(tmp_path / "gold.jsonl", rich)
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"folds": [{"name": "fold-a", "test": ["a"], "train": ["b"]},
                                            {"name": "fold-b", "test": ["b"], "train": ["a"]}]}))
    rep = evaluate(gold, model=TINY_PIPELINE, cv=True, folds=splits, errors_path=tmp_path / "e.md")
    assert rep["cv"] is True and len(rep["folds"]) == 2 and rep["not_in_folds"] == []
    md = (tmp_path / "e.md").read_text(encoding="utf-8")
    assert "沐曦集成電路" in md and "工业和信息化部" in md  # false negatives from both held-out docs
    with pytest.raises(ValueError, match="cross-validation needs a model"):
        evaluate(gold, pred_path=gold, cv=True)


def test_ignore_region_bounds_are_inclusive_of_spans_that_fill_them():
    text = "上海北京深圳广州"
    # the region is exactly 北京深圳: 北京 starts at its start, 深圳 ends at its end; both are ignored
    s, e = find(text, "北京深圳")
    ents = [("a", "LOC", "上海", None, 0), ("b", "LOC", "北京", None, 0), ("c", "LOC", "深圳", None, 0),
            ("d", "LOC", "广州", None, 0)]
    gold = record("x", text, [ents[0], ents[3]], ignore=[(s, e)])
    pred = record("x", text, ents)
    assert prf(score([gold], [pred])["entities"]["micro"]) == (2, 0, 0)
    # one character past the region on either side: scored (a false positive here)
    for span in ("上海北", "深圳广"):
        extra = record("x", text, ents[:1] + [("z", "ORG", span, None, 0)] + ents[3:])
        assert prf(score([gold], [extra])["entities"]["micro"]) == (2, 1, 0)


def test_touching_spans_do_not_overlap_in_scoring():
    text = "上海北京深圳"
    gold = record("x", text, [("a", "LOC", "上海", None, 0)])
    pred = record("x", text, [("b", "LOC", "北京", None, 0)])
    rep = score([gold], [pred])
    assert prf(rep["entities"]["overlap"]["micro"]) == (0, 1, 1)
    pred2 = record("x", text, [("b", "LOC", "海北", None, 0)])
    assert prf(score([gold], [pred2])["entities"]["overlap"]["micro"]) == (1, 0, 0)


# ------------------------------------------------------------ mutation-testing survivors (issue 19)
def test_prf_sum_adds_every_count():
    assert (PRF(1, 2, 3) + PRF(4, 5, 6)).to_dict() == {
        "p": 5 / 12, "r": 5 / 14, "f1": pytest.approx(2 * (5 / 12) * (5 / 14) / (5 / 12 + 5 / 14)),
        "tp": 5, "fp": 7, "fn": 9}


@pytest.mark.parametrize("type,attr,gold,pred,ok", [
    ("FIGURE", "min", 1000, 1000.0000000001, True),
    ("FIGURE", "max", 5000, 5000.0000000001, True),
    ("RANK", "rank", 3, 3.0000000000000004, True),
    ("RANK", "top", 10, 10.000000000000002, True),
    ("FIGURE", "value", 1e9, 1e9 + 1.5, False),  # 1.5e-9 relative: outside the 1e-9 tolerance
    ("FIGURE", "value", 1e9, 1e9 + 0.5, True),
])
def test_numeric_attributes_compare_within_relative_tolerance(type, attr, gold, pred, ok):
    assert compare_attrs(type, {attr: gold}, {attr: pred})[attr] is ok


def test_event_argument_text_is_the_entity_norm():
    # the gold names the company by its canonical name (norm); the prediction marks the full name elsewhere
    text = "澜起完成融资。澜起科技获投。"
    g = record("x", text, [("c", "COMPANY", "澜起", {"norm": "澜起科技"}, 0)],
               events=[("FUNDING", "融资", [("company", "c")])])
    p = record("x", text, [("c", "COMPANY", "澜起科技", None, 0)], events=[("FUNDING", "融资", [("company", "c")])])
    assert prf(score([g], [p])["events"]["arguments"]["micro"]) == (1, 0, 0)


IGN_TEXT = "上海新增小巨人企业。图表:北京 深圳 1026。深圳排名第一,上海排名第二。"


def _ign_gold(**kw):
    s, e = find(IGN_TEXT, "图表:北京 深圳 1026")
    return record("x", IGN_TEXT, kw.pop("ents", []), ignore=[(s, e)], **kw)


IGN_ENTS = [("sh", "LOC", "上海", None, 0), ("bj", "LOC", "北京", None, 0), ("sz", "LOC", "深圳", None, 0),
            ("f", "FIGURE", "1026", None, 0), ("sz2", "LOC", "深圳", None, 1), ("r1", "RANK", "第一", None, 0),
            ("sh2", "LOC", "上海", None, 1), ("r2", "RANK", "第二", None, 0)]


def test_ignored_relation_end_drops_the_relation_and_only_it():
    gold = _ign_gold(ents=[IGN_ENTS[0], IGN_ENTS[4]], relations=[("located_in", "sh", "sz2")])
    pred = record("x", IGN_TEXT, IGN_ENTS, relations=[("located_in", "sh", "bj"),  # one end ignored
                                                      ("located_in", "sh", "sz2")])
    assert prf(score([gold], [pred])["relations"]["micro"]) == (1, 0, 0)


def test_ignored_event_arguments_drop_only_themselves():
    gold = _ign_gold(ents=[IGN_ENTS[0]], events=[("FUNDING", "新增", [("company", "sh")])])
    pred = record("x", IGN_TEXT, IGN_ENTS, events=[("FUNDING", "新增", [
        ("investor", "bj"), ("amount", ("1026", {})), ("company", "sh")])])  # ref and span args in the region
    assert prf(score([gold], [pred])["events"]["arguments"]["micro"]) == (1, 0, 0)


def test_event_argument_with_neither_entity_nor_span_is_skipped_not_the_rest():
    from extract.doc import Argument
    gold = _ign_gold(ents=[IGN_ENTS[0]], events=[("FUNDING", "新增", [("company", "sh")])])
    pred = Document.from_dict(record("x", IGN_TEXT, [IGN_ENTS[0]], events=[("FUNDING", "新增", [("company", "sh")])]))
    pred.events[0].arguments.insert(0, Argument("date"))
    assert prf(score([gold], [pred])["events"]["arguments"]["micro"]) == (1, 0, 0)


def test_facts_with_an_ignored_value_or_no_value_drop_only_themselves():
    gold = _ign_gold(ents=[IGN_ENTS[4], IGN_ENTS[5], IGN_ENTS[6], IGN_ENTS[7]],
                     facts=[("RANKING", "sz2", "r1", None), ("RANKING", "sh2", "r2", None)])
    pred = record("x", IGN_TEXT, IGN_ENTS, facts=[("METRIC", "sh", "f", None),  # its value is ignored
                                                  ("RANKING", "sz2", "r1", None), ("RANKING", "sh2", "r2", None)])
    pred["facts"].insert(1, {"id": "F9", "type": "METRIC", "subject": None, "value": None, "metric": None,
                             "date": None})
    assert prf(score([gold], [pred])["facts"]["micro"]) == (2, 0, 0)


def test_equal_facts_are_paired_in_text_order_for_metric_overlap():
    text = "上海企业1026家;上海企业1026家"
    ents = [("s1", "LOC", "上海", None, 0), ("v1", "FIGURE", "1026家", None, 0),
            ("s2", "LOC", "上海", None, 1), ("v2", "FIGURE", "1026家", None, 1)]
    gold = record("x", text, ents, facts=[("METRIC", "s1", "v1", (2, 4)), ("METRIC", "s2", "v2", (12, 14))])
    pred = record("x", text, ents, facts=[("METRIC", "s1", "v1", (12, 14)), ("METRIC", "s2", "v2", (2, 4))])
    m = score([gold], [pred])["facts"]["metric_spans"]
    assert (m["overlap_chars"], m["pred_chars"], m["gold_chars"]) == (0, 4, 4)


def test_error_report_lines_in_full(rich):
    a, b = rich
    pred_a = dict(a, relations=[], events=[], facts=[f for f in a["facts"] if f["type"] != "METRIC"])
    sz, r3 = (next(e["id"] for e in b["entities"] if e["text"] == t) for t in ("深圳", "第三"))
    pred_b = dict(b, facts=[f for f in b["facts"] if f["subject"] is not None]
                  + [{"id": "F9", "type": "RANKING", "subject": sz, "value": r3, "metric": None, "date": None,
                      "position": 2}])
    lines = error_report(rich, [pred_a, pred_b]).splitlines()
    c0, c1 = find(TRAD, "沐曦集成電路")
    i0, i1 = find(TRAD, "經緯創投")
    v0, v1 = find(TRAD, "1026家")
    expected_starts = [
        f"- `a` [{c0}:{i1}] **經緯創投 [{i0}:{i1}] → 沐曦集成電路 [{c0}:{c1}]** — ",  # relation
        f"- `a` [{c0}:{c1}] **FUNDING.company = 沐曦集成电路** — ",  # event argument (simplified text)
        f"- `a` [{v0}:{v1}] **METRIC: subject=上海 value=1026家 metric=小巨人企業數量** — ",  # fact with a metric
        f"- `b` [{find(SIMP, '347家')[0]}:{find(SIMP, '347家')[1]}] **METRIC: subject=None value=347家** — ",
        f"- `b` [{find(SIMP, '第三')[0]}:{find(SIMP, '第三')[1]}] **RANKING: subject=深圳 value=第三 position=2** — ",
    ]
    for start in expected_starts:
        assert sum(line.startswith(start) for line in lines) == 1, start


def test_overlap_matching_prefers_the_largest_overlap_then_list_order():
    # one gold span, two predictions overlapping it: the one sharing more characters is paired
    assert overlap_matching([(0, 10)], [(0, 8), (7, 10)]) == [(0, 0)]
    assert overlap_matching([(0, 10)], [(7, 10), (0, 8)]) == [(0, 1)]
    # two gold spans wanting the one prediction: the first keeps it
    assert overlap_matching([(0, 2), (0, 2)], [(0, 2)]) == [(0, 0)]
    assert overlap_matching([(4, 6)], [(0, 4)]) == []  # a prediction ending where gold starts: touching only


def test_matched_facts_with_a_metric_on_one_side_only():
    text = "上海企业数量1026家"
    ents = [("s", "LOC", "上海", None, 0), ("v", "FIGURE", "1026家", None, 0)]
    gold = record("x", text, ents, facts=[("METRIC", "s", "v", "企业数量")])
    pred = record("x", text, ents, facts=[("METRIC", "s", "v", None)])
    f = score([gold], [pred])["facts"]
    assert prf(f["micro"]) == (1, 0, 0)
    m = f["metric_spans"]
    assert (m["overlap_chars"], m["pred_chars"], m["gold_chars"], m["r"]) == (0, 0, 4, 0.0)


def test_score_rejects_what_is_not_a_document():
    with pytest.raises(TypeError) as info:
        score([42], [])
    assert str(info.value) == "expected an extract.Document or a SCHEMA record dict, got int"


def test_scorer_add_counts_documents_and_treats_a_failed_prediction_as_none(rich):
    from extract.eval.evaluate import Scorer

    a, b = rich
    sc = Scorer()
    sc.add(a, dict(a, error="ner: RuntimeError: boom"))
    sc.add(b, None)
    sc.add(b, b)
    assert sc.n_docs == 3
    ent = sc.report()["entities"]["micro"]
    assert prf(ent) == (len(b["entities"]), 0, len(a["entities"]) + len(b["entities"]))


def test_bad_input_messages_in_full(rich):
    a = rich[0]
    with pytest.raises(ValueError) as info:
        score([{"text": "上海"}], [])
    assert str(info.value) == "gold document #0 has no id; documents are matched by id"
    with pytest.raises(ValueError) as info:
        score([a, a], [])
    assert str(info.value) == "gold id 'a' occurs twice; ids must be unique"
    with pytest.raises(ValueError) as info:
        score([a], [a, a])
    assert str(info.value) == "prediction id 'a' occurs twice; ids must be unique"
    other = {"id": "a", "text": a["text"].replace("沐曦", "沐晞")}
    with pytest.raises(ValueError) as info:
        score([a], [other])
    assert str(info.value) == (
        "document 'a': the prediction's text differs from the gold text (first at char 7); offsets cannot be "
        "compared. Run the model on the gold texts (evaluate(model=...)).")


def test_format_report_rows(rich):
    lines = format_report(score(rich, rich)).splitlines()
    assert lines[0] == f"{'section':<18}{'type':<16}      P      R     F1     tp     fp     fn"
    assert lines[2] == f"{'entities':<18}{'micro':<16}  1.000  1.000  1.000     15      0      0"


def test_two_relations_between_one_pair_are_both_scored():
    text = "中国移动投资并控股了道生天合材料。"
    ents = [("cm", "COMPANY", "中国移动", None, 0), ("ds", "COMPANY", "道生天合材料", None, 0)]
    gold = record("x", text, ents, relations=[("invested_in", "cm", "ds"), ("subsidiary_of", "ds", "cm")])
    pred = record("x", text, ents, relations=[("subsidiary_of", "ds", "cm"), ("invested_in", "ds", "cm")])
    rel = score([gold], [pred])["relations"]
    assert prf(rel["micro"]) == (1, 1, 1)
    assert prf(rel["per_type"]["subsidiary_of"]) == (1, 0, 0)


_FR_TEXT = "上海企业1026家,位居全国第三。甲公司获投。"


def _fr_docs():
    t = _FR_TEXT
    s = t.index("甲公司")

    def ent(i, typ, a, b, attrs=None):
        return {"id": i, "type": typ, "start": a, "end": b, "text": t[a:b], "attrs": attrs or {}}

    ev = {"id": "V1", "type": "FUNDING", "trigger": {"start": s + 3, "end": s + 5, "text": "获投"},
          "arguments": [{"role": "company", "ref": "E4"}]}
    gold = {"id": "a", "text": t, "events": [ev],
            "entities": [ent("E1", "LOC", 0, 2), ent("E2", "FIGURE", 4, 9, {"value": 1026, "unit": "家", "qualifier": "exact"}),
                         ent("E3", "RANK", 12, 16, {"rank": 3, "scope": "全国"}), ent("E4", "COMPANY", s, s + 3)],
            "facts": [{"id": "F1", "type": "METRIC", "subject": "E1", "value": "E2", "date": None,
                       "metric": {"start": 2, "end": 4, "text": "企业"}}]}
    pred = dict(gold, entities=[ent("E1", "LOC", 0, 2),
                                ent("E2", "FIGURE", 4, 9, {"value": 1026, "unit": "个", "qualifier": "exact"}),
                                ent("E3", "ORG", 12, 16), ent("E4", "COMPANY", s, s + 3)],
                facts=[dict(gold["facts"][0], metric={"start": 2, "end": 3, "text": "企"})])
    return gold, pred


FORMAT_REPORT = """\
section           type                  P      R     F1     tp     fp     fn
----------------------------------------------------------------------------
entities          micro             0.750  0.750  0.750      3      1      1
                  COMPANY           1.000  1.000  1.000      1      0      0
                  FIGURE            1.000  1.000  1.000      1      0      0
                  LOC               1.000  1.000  1.000      1      0      0
                  ORG               0.000  0.000  0.000      0      1      0
                  RANK              0.000  0.000  0.000      0      0      1
entities overlap  micro             0.750  0.750  0.750      3      1      1
                  COMPANY           1.000  1.000  1.000      1      0      0
                  FIGURE            1.000  1.000  1.000      1      0      0
                  LOC               1.000  1.000  1.000      1      0      0
                  ORG               0.000  0.000  0.000      0      1      0
                  RANK              0.000  0.000  0.000      0      0      1
relations         micro             0.000  0.000  0.000      0      0      0
event arguments   micro             1.000  1.000  1.000      1      0      0
                  company           1.000  1.000  1.000      1      0      0
event triggers    micro             1.000  1.000  1.000      1      0      0
                  FUNDING           1.000  1.000  1.000      1      0      0
facts             micro             1.000  1.000  1.000      1      0      0
                  METRIC            1.000  1.000  1.000      1      0      0
fact metric spans chars             1.000  0.500  0.667   overlap 1 / pred 1 / gold 2

Attribute accuracy over exactly matched spans
  FIGURE  matched     1  all-correct 0.000  qualifier 1.000 (1/1), unit 0.000 (0/1), value 1.000 (1/1)
  RANK    matched     0  all-correct 0.000  \n
Documents: 4 gold, 4 predicted
  MISSING predictions (scored as all false negatives): c, d
  ERROR in prediction b (scored as all false negatives): ner: boom
  predictions without gold (not scored): y, z"""


def test_format_report_in_full():
    gold, pred = _fr_docs()
    rep = score([gold, {"id": "b", "text": "北京"}, {"id": "c", "text": "深圳"}, {"id": "d", "text": "杭州"}],
                [pred, {"id": "b", "text": "北京", "error": "ner: boom"}, {"id": "z", "text": "x"},
                 {"id": "y", "text": "y"}])
    assert format_report(rep) == FORMAT_REPORT


def test_format_report_of_a_cross_validation():
    gold, pred = _fr_docs()
    other = {"id": "c", "text": "深圳", "entities": [{"id": "E1", "type": "LOC", "start": 0, "end": 2, "text": "深圳"}]}

    class Fixed:  # a "model" that returns the prepared prediction for each document
        def pipe(self, items, batch_size=8):
            return [Document.from_dict(pred if i == "a" else other) for _, i in items]

    folds = [{"name": "fold-a", "test": ["a"], "train": ["c"]}, {"name": "fold-c", "test": ["c"], "train": ["a"]},
             {"name": "fold-z", "test": ["zzz"], "train": ["a"]}]
    lines = format_report(cross_validate([gold, other], folds, lambda train: Fixed())).splitlines()
    assert lines[0] == "Cross-validated: pooled over the held-out documents of 3 folds (fold-a, fold-c, fold-z)"
    assert lines[-5:] == [
        "",
        "fold         docs   ent P   ent R  ent F1  args F1  facts F1",
        "fold-a          1   0.750   0.750   0.750    1.000     1.000",
        "fold-c          1   1.000   1.000   1.000    0.000     0.000",
        "fold-z        skipped: none of its test ids is in the gold set"]


ERROR_REPORT = """\
# Error report

Documents with no prediction (all their gold items are false negatives): c, d
Prediction for `b` failed (all its gold items are false negatives): ner: boom

## Entities

### ORG: 0 false negatives, 1 false positives

False positives (predicted, not in gold):

- `a` [12:16] **全国第三** — 上海企业1026家,位居【全国第三】。

### RANK: 1 false negatives, 1 false positives

False negatives (in gold, not predicted):

- `a` [12:16] **全国第三** — 上海企业1026家,位居【全国第三】。

False positives (predicted, not in gold):

- `a` [14:16] **第三** — 上海企业1026家,位居全国【第三】。

## Relations

No errors.

## Event arguments

No errors.

## Event triggers

No errors.

## Facts

No errors.
"""


def test_error_report_in_full():
    gold, pred = _fr_docs()
    pred = dict(pred, entities=pred["entities"] + [
        {"id": "E5", "type": "RANK", "start": 14, "end": 16, "text": "第三", "attrs": {}}])
    md = error_report([gold, {"id": "b", "text": "北京"}, {"id": "c", "text": "深圳"}, {"id": "d", "text": "杭州"}],
                      [pred, {"id": "b", "text": "北京", "error": "ner: boom"}])
    assert md == ERROR_REPORT


@pytest.mark.parametrize("surface,context", [
    ("甲公司", "【甲公司】获投。"),  # a span at a sentence start: that sentence only
    ("获投。乙", "甲公司【获投。乙】公司 上市。"),  # across two: both sentences
    ("上市", "乙公司 【上市】。"),  # a run of blanks shown as one space
])
def test_error_report_context_is_the_sentences_holding_the_span(surface, context):
    text = "上海企业1026家。甲公司获投。乙公司  上市。"
    s, e = find(text, surface)
    gold = record("x", text)
    pred = record("x", text, [("e", "ORG", surface, None, 0)])
    assert f"- `x` [{s}:{e}] **{surface}** — {context}" in error_report([gold], [pred]).splitlines()


def test_read_jsonl_messages_in_full(tmp_path, rich):
    missing = tmp_path / "none.jsonl"
    with pytest.raises(FileNotFoundError) as info:
        read_jsonl(missing)
    assert str(info.value) == f"No such file: {missing}"
    p = tmp_path / "g.jsonl"
    p.write_text('["a"]\n', encoding="utf-8")
    with pytest.raises(ValueError) as info:
        read_jsonl(p)
    assert str(info.value) == f"{p}:1: expected a JSON object, got list"
    p.write_text(json.dumps({"id": "a", "text": "上海", "entities": [{"type": "LOC", "end": 2}]}) + "\n",
                 encoding="utf-8")
    with pytest.raises(ValueError) as info:
        read_jsonl(p)
    assert str(info.value) == f"{p}:1: missing field 'start'"


def test_read_jsonl_checks_offsets_only_when_asked_and_not_on_failed_records(tmp_path, rich):
    bad = dict(rich[1], entities=[dict(rich[1]["entities"][0], text="错")] + rich[1]["entities"][1:])
    p = write(tmp_path / "g.jsonl", [bad])
    assert [d.id for d in read_jsonl(p, check_offsets=False)] == ["b"]
    write(p, [dict(bad, error="ner: RuntimeError: boom")])
    assert [d.error for d in read_jsonl(p)] == ["ner: RuntimeError: boom"]


def test_evaluate_write_jsonl_one_utf8_line_per_document(tmp_path):
    from extract.eval.evaluate import write_jsonl

    p = tmp_path / "out.jsonl"
    write_jsonl([Document("上海", id="a"), {"id": "b", "text": "深圳"}], p)
    lines = p.read_text(encoding="utf-8").split("\n")
    assert lines[2:] == [""] and '"text": "上海"' in lines[0] and lines[1] == '{"id": "b", "text": "深圳"}'
    assert json.loads(lines[0]) == Document("上海", id="a").to_dict()


def test_load_folds_messages_in_full(tmp_path):
    missing = tmp_path / "none.json"
    with pytest.raises(FileNotFoundError) as info:
        load_folds(missing)
    assert str(info.value) == f'No splits file at {missing}; expected {{"folds": [{{"name", "test", "train"}}]}}'
    p = tmp_path / "splits.json"
    p.write_text('{"folds": []}')
    with pytest.raises(ValueError) as info:
        load_folds(p)
    assert str(info.value) == f"{p}: expected a non-empty list under 'folds'"


def test_load_folds_fold_problems_in_full(tmp_path):
    p = tmp_path / "splits.json"
    p.write_text('{"folds": [{"name": "f", "test": ["a"]}]}')
    with pytest.raises(ValueError) as info:
        load_folds(p)
    assert str(info.value) == f"{p}: fold #0 has no 'train'"
    p.write_text('{"folds": [{"name": "f", "test": ["b", "a"], "train": ["a", "b", "c"]}]}')
    with pytest.raises(ValueError) as info:
        load_folds(p)
    assert str(info.value) == f"{p}: fold 'f' has ids in both test and train: ['a', 'b']"


def test_cross_validation_documents_are_summed_over_folds():
    gold, pred = _fr_docs()
    other = {"id": "c", "text": "深圳"}
    folds = [{"name": "fold-a", "test": ["a"], "train": ["c"]}, {"name": "fold-c", "test": ["c"], "train": ["a"]}]

    class Returns:
        def __init__(self, docs):
            self.docs = docs

        def pipe(self, items, batch_size=8):
            return [Document.from_dict(self.docs[i]) for _, i in items if i in self.docs]

    rep = cross_validate([gold, other], folds, lambda train: Returns({"a": pred, "c": other}))
    assert rep["docs"] == {"n_gold": 2, "n_pred": 2, "missing": [], "errors": {}, "extra": []}
    assert [(f["name"], f["test"], f["n_train"]) for f in rep["folds"]] == [("fold-a", ["a"], 1), ("fold-c", ["c"], 1)]
    rep = cross_validate([gold, other], folds, lambda train: Returns({}))
    assert rep["docs"] == {"n_gold": 2, "n_pred": 0, "missing": ["a", "c"], "errors": {}, "extra": []}


def test_evaluate_report_names_its_inputs_and_messages_in_full(tmp_path, rich):
    from extract.eval.evaluate import evaluate

    gold = write(tmp_path / "gold.jsonl", rich)
    rep = evaluate(gold, pred_path=gold)
    assert (rep["gold"], rep["pred"], rep["model"]) == (str(gold), str(gold), None)
    rep = evaluate(gold, model=TINY_PIPELINE)
    assert (rep["gold"], rep["pred"], rep["model"]) == (str(gold), None, TINY_PIPELINE)
    with pytest.raises(ValueError) as info:
        evaluate(gold, pred_path=gold, model="rules")
    assert str(info.value) == "give exactly one of pred_path (a predictions JSONL) or model (a model to run)"
    with pytest.raises(ValueError) as info:
        evaluate(gold, pred_path=gold, cv=True)
    assert str(info.value) == "cross-validation needs a model to rebuild per fold (model=...), not a fixed predictions file"


def test_evaluate_writes_reports_into_new_folders_readably(tmp_path, rich):
    from extract.eval.evaluate import evaluate

    gold = write(tmp_path / "gold.jsonl", rich + [{"id": "甲", "text": "上海"}])
    pred = write(tmp_path / "pred.jsonl", rich)
    out = tmp_path / "new" / "deeper"
    errors = tmp_path / "other" / "tree" / "e.md"
    evaluate(gold, pred_path=pred, json_path=out / "r.json", errors_path=errors)
    text = (out / "r.json").read_text(encoding="utf-8")
    assert '"missing": [\n      "甲"\n    ]' in text  # UTF-8 as is, two-space indents
    assert errors.read_text(encoding="utf-8").startswith("# Error report\n")


def test_cli_help_and_required_gold(capsys):
    import argparse

    from extract.eval.evaluate import add_cli

    parser = argparse.ArgumentParser(prog="zhie")
    sub = parser.add_subparsers(dest="command")
    add_cli(sub)
    assert " score predictions or a model against gold annotations (SCHEMA §6) " in \
        " ".join(parser.format_help().split()) + " "
    with pytest.raises(SystemExit):
        parser.parse_args(["evaluate", "--help"])
    out = " " + " ".join(capsys.readouterr().out.split()) + " "
    for phrase in ("Score a predictions JSONL file, or a model run on the gold texts, against gold JSONL.",
                   "gold JSONL (SCHEMA §1 records)", "predictions JSONL, matched to gold by id",
                   "model folder or 'rules'; run on the gold texts", "write the report as JSON here",
                   "write every false positive/negative as markdown here",
                   "cross-validate the model over annotations/splits.json",
                   "splits file for --cv (default annotations/splits.json)"):
        assert f" {phrase} " in out, phrase
    with pytest.raises(SystemExit):
        parser.parse_args(["evaluate", "--pred", "p.jsonl"])  # --gold is required


def test_a_skipped_fold_does_not_end_the_cross_validation():
    gold, pred = _fr_docs()

    class Fixed:
        def pipe(self, items, batch_size=8):
            return [Document.from_dict(pred) for _ in items]

    folds = [{"name": "fold-z", "test": ["zzz"], "train": ["a"]}, {"name": "fold-a", "test": ["a"], "train": []}]
    rep = cross_validate([gold], folds, lambda train: Fixed())
    assert [f["name"] for f in rep["folds"]] == ["fold-z", "fold-a"] and rep["docs"]["n_gold"] == 1
    assert format_report(rep).splitlines()[-2:] == [
        "fold-z        skipped: none of its test ids is in the gold set",
        "fold-a          1   0.750   0.750   0.750    1.000     1.000"]


def test_read_jsonl_skips_blank_lines_between_records(tmp_path, rich):
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rich).replace("\n", "\n\n  \n"), encoding="utf-8")
    assert [d.id for d in read_jsonl(p)] == ["a", "b"]


def test_cli_error_message_in_full(tmp_path, rich, capsys):
    import argparse

    from extract.eval.evaluate import add_cli

    parser = argparse.ArgumentParser(prog="zhie")
    add_cli(parser.add_subparsers(dest="command"))
    gold = write(tmp_path / "gold.jsonl", rich)
    missing = tmp_path / "nope.jsonl"
    args = parser.parse_args(["evaluate", "--gold", str(missing), "--pred", str(gold)])
    assert args.func(args) == 2
    assert capsys.readouterr().err == f"zhie evaluate: error: No such file: {missing}\n"
