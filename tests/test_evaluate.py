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
