"""METRIC and RANKING facts (SCHEMA §5) by patterns over the final entities.

Sentences here are *logical* sentences: PDF line wraps are undone (a line that
ends without sentence punctuation runs on into the next). For each FIGURE
(METRIC) or RANK (RANKING), in this order:

- subject:
  1. a figure in brackets right after an entity is that entity's (北京(1210家));
  2. the nearest COMPANY/ORG/LOC before it in its clause — or an INDUSTRY/POLICY that
     directly qualifies the counted noun (制造业企业高达729家) — unless that entity is
     the thing compared with (超越北京, 与北京的差距, 是上海市…的2.6倍) or is an example
     followed by 等 (then the group is unnamed: null);
  3. an anaphor in the clause (这里, 该区, 这家企业 …) → the last named entity of that kind;
  4. a place right after the value (49家上海市…企业) or a board after 在…上市/挂牌;
  5. a share clause (…729家，占比71%) → the subject of the count before it;
  6. the sentence topic: an entity that opens an earlier clause (上海在…征程上，…突破1000家;
     例如，…的甲乙科技，成立仅三年), then a difference clause (相比…高出) → the subject of
     the quantity it compares, then a heading line that is just a named place (province
     pages: 浙江省 over its card lines);
  else null (METRIC only; a RANKING needs a subject). Coordinated subjects (北京、上海的…;
  北京和上海…24.08件和23.22件) give one fact each, paired with coordinated values.
- no fact for figures that state no measurement: funding amounts (FUNDING events carry
  them), 这/这些/在…中 references to a group already counted, re-mentions that open a
  clause, counts that number a list just given (…和松江四个区), thresholds and targets,
  batch counts, vague rhetoric (上千家), durations with no measuring cue, denominators.
- metric: the words between the subject (or clause start) and the value, trimmed of verbs
  and function words; the noun phrase after the value for list items, objects of a verb
  (认定42家…企业) and ``value的noun``; else the clause before, else a label line below.
- date: the nearest DATE before the value in the sentence, else a lead-in line that governs
  the figure lines below it (到2027年，…), else the ``截至…`` date of the paragraph.

A rank that counts a holder's relations (通威股份为美科股份前五大客户, 辽宁农商行的第一大股东为辽宁金控, 作为万科第一大
股东，深铁集团…) ranks the entity joined to the holder by 为/是/成为/作为, not the holder.

Enumerated ranked lists — a top-N RANK followed by 分别为/依次为/是 and names joined by 、 (at most
N, of one kind: companies, bodies and people count as one; each may carry its own figure), N such
names before the top-N RANK (甲+32%、乙+30%、丙+21%分列…前三), or a top-N heading line over card lines
(TOP3亮点产业领域), or, failing those, exactly N items cut as ``propagate.counted_lists`` cuts them, each a name or
ending with one (美国、欧洲（除法国）、亚洲（除日本）分列其前三大市场; 依序为：美国连锁卖场沃尔玛、…以及中国的国家电网:
:func:`_counted_items`; session 33, cross-fitted RANKING 0.7177 -> 0.7227, RANKING challenge set 1 0.694 -> 0.740)
— give one RANKING per item with ``position`` 1, 2, 3 … Ranks joined then as many names
(排第四及第五位分别为荣耀及联想) pair in order, and fewer names than N said to be among a top N (进入前十名的国家还
包括瑞士、葡萄牙) are each ranked in it, both without positions. Table rows give a METRIC per numeric cell (metric = the header) and a
RANKING per RANK cell, dated by a caption line just above the table.
Vocabulary is data (``extract/data/facts.json``); nothing is keyed to particular documents.
"""
from __future__ import annotations

import bisect
import itertools
import json
import operator
import re
from functools import lru_cache
from pathlib import Path

from typing import Optional

from extract.doc import Document, Fact, Span
from extract.textnorm import is_han
from extract.stages.recognizers.figures import currency_units
from extract.config import DATA_DIR
from extract.stages.propagate import counted_items, counted_patterns

DATA = DATA_DIR / "facts.json"
SUBJECT_TYPES = ("COMPANY", "ORG", "LOC")
# a title is not what a RANKING ranks (位居《哪吒2》城市票房榜前十: the list's name): the news train, extension, dev
# and select gold rank 421 COMPANY, 110 LOC, 32 INDUSTRY, 18 PERSON subjects, one ORG and no POLICY
_NOT_RANKED = ("POLICY",)
_VALUE_TYPES = ("FIGURE", "RANK")
_UNNAMED_TYPES = ("DATE", "FIGURE", "RANK")  # the types that name no subject
# An industry or programme is the subject only when it directly qualifies what is counted,
# i.e. it is the nearest entity before the value in the same clause (制造业企业高达729家); so is a person
# (沈金荣借款7945.90万元, 年薪803万元: session 20, cross-fitted training documents facts 0.612 -> 0.617, news dev and
# seeds unchanged).
NEAR_SUBJECT_TYPES = ("INDUSTRY", "POLICY", "PERSON")


@lru_cache(maxsize=2)
def _load(path: str = str(DATA)) -> dict:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    d["_strip_left"] = re.compile("(?:" + "|".join(map(re.escape, sorted(d["strip_left"], key=len, reverse=True))) + ")+")
    words = frozenset(w for w in d["strip_right"] if w)
    d["_strip_right_words"] = (words, sorted({len(w) for w in words}), max(map(len, words), default=0))
    d["_list_intro"] = re.compile(d["list_intro"])
    d["_rank_apposition"] = re.compile("(?:" + "|".join(d["rank_apposition_heads"]) + ")?")
    d["_lead"] = tuple(sorted(d.get("topic_lead", []), key=len, reverse=True))
    d["_lead_words"] = tuple(w for w in d["_lead"] if len(w) > 1)  # (a single character may be part of a name)
    d["_object_verbs"] = frozenset(d["object_verbs"])
    d["_forecast_base"] = re.compile(d["forecast_base"] + r"$")
    d["_forecast_past_base"] = re.compile(d["forecast_past_base"] + r"$")
    d["_forecast_stated_base"] = re.compile(d["forecast_stated_base"] + r"$")
    d["_forecast_done"] = re.compile(d["forecast_done"] + r"$")
    d["_supposition"] = re.compile(d["supposition_opener"])
    d["_change_base"] = re.compile(r"[\s*]*" + d["change_base"] + r"[\s*]*[+\-−]?")  # (同比-8.14%: a signed change)
    d["_level"] = re.compile(d["level_phrase"])
    d["_metric_lead"] = tuple(d.get("metric_lead_words", ()))
    d["_metric_tail"] = tuple(d.get("metric_tail_words", ()))
    d["_metric_drop_left"] = tuple(d.get("metric_drop_left", ()))
    d["_metric_drop_left_short"] = tuple(d.get("metric_drop_left_short", ()))
    d["_metric_drop_right"] = tuple(d.get("metric_drop_right", ()))
    d["_change"] = re.compile(r"[\s*]*(" + d["change_phrase"] + r")(?:了|为|达|约|近|超过|超)*[\s*]*")
    # what the carry reads as a change phrase: change_phrase and the further phrasings of change_phrase_carried
    carried = d["change_phrase"] + ("|" + d["change_phrase_carried"] if d.get("change_phrase_carried") else "")
    d["_change_carried"] = re.compile(r"[\s*]*(" + carried + r")(?:了|为|达|约|近|超过|超)*[\s*]*")
    d["_report_verbs"] = (tuple(d["report_verbs"]), tuple("的" + w for w in d["report_verbs"]))
    d["_unmeasured"] = tuple(d["plan_words"]) + tuple(d.get("hypothetical_words", ()))  # before a figure: no measurement
    for key in ("allocation_after", "scheme_after", "floor_words", "age_units", "age_noun_after", "reward_words",
                "trading_day_units", "streak_words", "wafer_size_after", "quote_open", "small_count_units",
                "small_group_units", "small_group_not_before", "small_group_kept_after"):
        d["_" + key] = tuple(d.get(key, ()))
    for key in ("rank_field_after", "last_streak_before", "offer_after", "duration_lead_before", "implied_before",
                "previous_value_before", "total_before", "bond_place_after", "bond_yield_words", "level_after_value",
                "price_band_after", "survey_sample_before", "survey_object_after", "layoff_share_before",
                "rumour_lead"):  # optional patterns: None where facts.json has none
        d["_" + key] = re.compile(d[key]) if d.get(key) else None
    d["_survey_sample_units"] = frozenset(d.get("survey_sample_units", ()))
    d["_survey_object_units"] = frozenset(d.get("survey_object_units", ()))
    d["_reward_after"] = re.compile(r"\s*的?(?:" + "|".join(map(re.escape, d["_reward_words"])) + ")") \
        if d["_reward_words"] else None
    d.setdefault("heading_span", 400)
    d.setdefault("heading_line_max", 40)
    d.setdefault("heading_code_line_max", 60)
    d.setdefault("layout_max_top", 10)
    d.setdefault("anaphora_span", 300)
    return d


_OPEN = {"“": "”", "（": "）", "(": ")"}  # a quote or bracket whose partner is inside the span stays
_CLOSE = {v: k for k, v in _OPEN.items()}
_EDGE = set(" \t\n“”\"'（(、的*#|")


def _clause_start(norm: str, sent_start: int, pos: int) -> int:
    i = max(norm.rfind(c, sent_start, pos) for c in "，,；;：:")
    return sent_start if i < 0 else i + 1


def _strip_right_start(norm: str, a: int, b: int, strip_words: tuple) -> int:
    """Where the run of ``strip_right`` words that ends ``norm[a:b]`` starts (``b`` when it ends with none): the
    leftmost ``p`` in ``[a, b)`` such that ``norm[p:b]`` is a sequence of those words, as the search of
    ``(?:words)+$`` gives, but read from the end: once a word's length of positions in a row starts no such
    sequence, none further left can, so a long clause costs no more than a short one."""
    words, lengths, longest = strip_words
    ok = {b}  # positions from which norm[p:b] is a sequence of words (b: the empty one)
    best, p = b, b - 1  # best: the leftmost such position so far
    while p >= a and best - p <= longest:
        for n in lengths:
            if p + n > b:
                break
            if p + n in ok and norm[p:p + n] in words:
                ok.add(p)
                best = p
                break
        p -= 1
    return best


# A stock code or ticker in brackets (（600519.SH）, (01060), (BABA US/9988 HK), （NASDAQ: NVDA）): after a name it is
# an aside, not part of the metric that follows it.
_CODE_ASIDE = re.compile(r"\s*[（(](?=[^（）()]*\d)[0-9A-Za-z.:：/\s-]{2,24}[)）]")


# A bracket left open or closed inside the words before a value (蘋果(美：AAPL)收市報, 生产基地（总产能, 下同）上证综指): the
# metric is what follows it, the words before it are the subject's aside or the clause the bracket opens from. Session 55:
# cross-fitted metric characters 0.5312 -> 0.5330 (overlap 20296 -> 20316, predicted 40286 -> 40108), facts identical;
# news dev + select 0.5176 -> 0.5201.
_BRACKETS = {"（": "）", "(": ")"}


def _after_unpaired_bracket(norm: str, a: int, b: int) -> int:
    """Where the words after the last unpaired bracket of ``norm[a:b]`` start (``a`` when every bracket is paired, or
    when nothing but spaces and edge marks would be left after it)."""
    opens, cut = [], a
    for k in range(a, b):
        c = norm[k]
        if c in _BRACKETS:
            opens.append(k)
        elif c in _CLOSE and _CLOSE[c] in _BRACKETS:
            if opens:
                opens.pop()
            else:
                cut = k + 1
    if opens:
        cut = max(cut, opens[-1] + 1)
    return cut if norm[cut:b].strip(" \t\n*") else a


def _metric_span(doc: Document, lo: int, hi: int, data: dict, strip: bool = True):
    cut = _after_unpaired_bracket(doc.norm, lo, hi)
    # (where the words after the bracket name no metric, the whole span is read as before: no fact is lost to the cut)
    return (cut > lo and _metric_span_from(doc, cut, hi, data, strip)) or _metric_span_from(doc, lo, hi, data, strip)


def _metric_span_from(doc: Document, lo: int, hi: int, data: dict, strip: bool = True):
    norm = doc.norm
    a, b = lo, hi
    for _ in range(3 if strip else 0):  # strip words and spaces in turn: "…工规模仅为 " / "企业数量最多"
        while a < b and norm[a] in " \t\n":
            a += 1
        code = _CODE_ASIDE.match(norm, a, b)  # 阿里影业(01060)涨11.54%: the ticker after the name is no metric
        if code and code.end() < b:
            a = code.end()
        while b > a and norm[b - 1] in " \t\n":
            b -= 1
        left = data["_strip_left"].match(norm, a, b)
        a = left.end() if left else a
        b = _strip_right_start(norm, a, b, data["_strip_right_words"])
    while a < b and doc.norm[a] in _EDGE and not (doc.norm[a] in _OPEN and _OPEN[doc.norm[a]] in doc.norm[a:b]):
        a += 1
    while b > a and doc.norm[b - 1] in _EDGE and not (doc.norm[b - 1] in _CLOSE and _CLOSE[doc.norm[b - 1]] in doc.norm[a:b - 1]):
        b -= 1
    if (b - a < 2 and not (b - a == 1 and norm[a] in data["one_char_metrics"])) or b - a > data["max_metric"]:
        return None
    return doc.span(a, b)


# A logical sentence joins wrapped lines up to this length (the seed documents' longest is 255):
# a dump of thousands of unpunctuated lines stays many sentences, so per-sentence work stays bounded.
MAX_LOGICAL_SENT = 1200


def _logical_sents(doc: Document) -> list:
    """Sentences with PDF line wraps undone: a line that ends without sentence punctuation and
    runs on into the next line (one line break, not a blank line, not a markdown block) is one
    sentence with it (``…占比达\n到 14.8%。``)."""
    key = (id(doc.sents), len(doc.sents))
    cached = getattr(doc, "_fact_sents", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    norm, out = doc.norm, []
    for s, e in doc.sents:
        if out:
            ps, pe = out[-1]
            # (the previous line is read only when the sentence before ends a line: reading it for
            # every sentence of a long unbroken line would be quadratic)
            if (e - ps <= MAX_LOGICAL_SENT and norm[pe - 1:pe] == "\n" and norm[pe - 2:pe - 1] not in ("\n", "")
                    and len(line := norm[norm.rfind("\n", 0, pe - 1) + 1:pe].strip()) >= 10 and line[-1] not in "。！？!?；;:：|"
                    and norm[s:e].strip()[:1] not in ("", "#", "|", "-", "*", ">")):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    starts = [s for s, _ in out]
    doc._fact_sents = (key, (out, starts))
    return out, starts


def _sent_of(doc: Document, pos: int) -> tuple:
    sents, starts = _logical_sents(doc)
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sents[i][0] <= pos < sents[i][1]:
        return sents[i]
    return doc.sentence_of(pos)


def _clauses(doc: Document, ss: int, pos: int) -> list:
    """Start offsets of the clauses of the sentence up to ``pos``."""
    marks = _index(doc).clause_marks
    return [ss] + [i + 1 for i in marks[bisect.bisect_left(marks, ss):bisect.bisect_left(marks, pos)]]


# a list item's number (1、龙湖集团(00960)公布，…; 二、; 3. ; 2）) is no word of the clause, so the name after it is the
# sentence topic (METRIC subject null where the gold names one; gold: 7 of the 8 facts after a numbered company clause are
# the company's). Cross-fitted METRIC 5811/2210/1976 -> 5823/2198/1964 right/false/missed; news dev + select 716/356 -> 717/355
_ENUM_LEAD = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．)）]\s*")


def _strip_lead(text: str, data: dict) -> str:
    """``text`` without leading spaces, punctuation and discourse words (例如, 此外, 据统计 …).
    ``data["_lead"]``: a tuple of the discourse words (the first that opens the text is taken off)."""
    lead = data["_lead"]
    while True:
        text = _ENUM_LEAD.sub("", text.lstrip(" \t\n“”\"'（(*#、>")).replace("\n", "")
        if not text.startswith(lead):  # (one test of all the words: most texts open with none)
            return text
        text = text[len(next(w for w in lead if text.startswith(w))):]


_JOINED = re.compile(r"^(?:[(（][^()（）]{0,12}[)）])?\s*(?:和|、|及|与|以及)\s*$")


def _is_source(doc: Document, e, data: dict) -> bool:
    """``据国家统计局统计`` / ``国家统计局公布的数据显示``: the source of the figures, not their subject."""
    memo, key = _index(doc).memo, ("source", id(e), id(data))
    if key not in memo:
        memo[key] = _source_check(doc, e, data)
    return memo[key]


def _source_check(doc: Document, e, data: dict) -> bool:
    norm = doc.norm
    if norm[max(0, e.start - 2):e.start].endswith(tuple(data["source_before"])):
        return True
    end, (verbs, de_verbs) = _clause_end(doc, e.end), data["_report_verbs"]  # (the rest of its clause)
    return norm.startswith(verbs, e.end, end) or norm.startswith(de_verbs, e.end, end) \
        or norm.endswith(verbs, e.end, end)


def _is_compared(doc: Document, e, clause: int, data: dict, in_sent=()) -> bool:
    """``e`` is the thing compared with (超越北京, 与北京的差距, 是上海市…的2.6倍), not a subject;
    so are the entities coordinated after it (超越北京(1210家)和上海(1032家)).

    ``in_sent``: the entities of the sentence from its start, up to ``e`` or beyond; only those
    before ``e`` are read, so the answer depends on ``e``, ``clause`` and the sentence start
    and is remembered per document (every value of a sentence asks it of the same entities)."""
    memo = _index(doc).memo
    key = ("compared", id(e), clause, id(data), id(in_sent[0]) if in_sent else None)
    if key not in memo:
        memo[key] = _compared_check(doc, e, clause, data, in_sent)
    return memo[key]


def _compared_check(doc: Document, e, clause: int, data: dict, in_sent) -> bool:
    start = e.start
    for p in _ending_by(in_sent, e.start):
        if p.type != e.type:
            continue
        if _JOINED.match(doc.norm[p.end:start]):
            start = p.start
        else:
            break
    place = next((p for p in _ending_by(in_sent, start) if p.end == start and p.type == "LOC" and e.type != "LOC"), None)
    if place is not None:
        start = place.start  # 超越美国Meta公司…: the country written before the name
    before = doc.norm[max(clause, start - 6):start].replace("\n", "").rstrip(" 了")
    if before.endswith(data["_lead_words"]):
        return False  # 尤其是北京: a discourse word, not 是
    return before.endswith(tuple(data["compare_before"]))


def _ending_by(ents: list, pos: int):
    """The entities of ``ents`` (sorted by start) that end at or before ``pos``, last first; only
    those starting by ``pos`` are read."""
    for k in range(_bisect_start(ents, pos + 1) - 1, -1, -1):
        if ents[k].end <= pos:
            yield ents[k]


def _head(e, nxt, doc: Document):
    """``某区的丙丁印刷科技``: a place followed by 的 and a company names the company. ``nxt``: the
    first entity of the sentence that starts at or after the end of ``e`` (or None)."""
    if nxt is not None and nxt.type in ("COMPANY", "ORG") and doc.norm[e.end:nxt.start].strip() == "的":
        return nxt
    return e


_OWN_REPORT = re.compile(r"\s*(?:表示|宣布|宣佈|公布|發布|发布(?:公告|年报|财报|业绩|关于)|發布公告"
                         r"|的?(?:财报|年报|財報|相关报告|公告|数据)|为例)")


def _own_report(doc: Document, e) -> bool:
    """``天合光能发布公告称``, ``据三星表示``: a company reporting its own figures is the topic of
    the clauses after it (not a third-party source like 据IDC统计); so is 以X为例 / 从X财报可见 /
    根据X相关报告. Gold (news train, extension, dev): of the METRIC facts later in the sentence of a
    COMPANY opening its clause (or after 据/根据) before 表示/宣布/公布/发布公告…, 49 of 69 are the company's
    (21 documents); after 以…为例 6 of 6, after 从/据/根据…财报/公告/相关报告/数据 14 of 15 (session 53
    factsrc: cross-fitted METRIC 5823/2198 -> 5839/2182 right/false, dev+select identical)."""
    return e.type == "COMPANY" and _OWN_REPORT.match(doc.norm, e.end) is not None


def _topic(doc: Document, in_sent: list, lo: int, clause_starts: list, upto: int, data: dict):
    """The entity a clause of the sentence (before ``upto``) opens with: the sentence topic
    that an elided subject of later clauses refers to (``上海在…征程上，…数量突破1000家``).
    ``in_sent``: the entities of the sentence, which are ``ents[lo:lo + len(in_sent)]`` of the
    document's :class:`_Index` (its indices find them without reading the others)."""
    idx = _index(doc)
    starts, hi = idx.starts, lo + len(in_sent)
    topic = None
    bounds = clause_starts[1:] + [upto]
    for c, c_end in zip(clause_starts, bounds):
        if c >= upto:
            break
        c_lo = bisect.bisect_left(starts, c, lo, hi)
        # the last subject of the clause (an entity that ends by c_end starts by it)
        last = next((e for e in idx.of_kind(SUBJECT_TYPES, c_lo, bisect.bisect_right(starts, c_end, lo, hi),
                                            reverse=True) if e.end <= c_end), None)
        if last is not None and c_end < upto and not doc.norm[last.end:c_end].strip(" \n，,；;：:") \
                and not _is_compared(doc, last, c, data, in_sent):
            topic = last  # 瞄准新赛道的甲乙科技，成立仅三年…: a clause that is just a noun phrase
            continue
        first = idx.first_of_kind(_VALUE_TYPES, c_lo, hi, exclude=True)
        if first is None or first.start >= upto:
            continue
        if first.type == "DATE":
            nxt = next(idx.of_kind(_UNNAMED_TYPES, bisect.bisect_left(starts, first.end, lo, hi), hi, exclude=True),
                       None)
            gap = _strip_lead(doc.norm[first.end:nxt.start], data) if nxt is not None else "x"
            if nxt is not None and not gap and nxt.start < upto:
                first = nxt
            else:
                continue
        elif (lead := _strip_lead(doc.norm[c:first.start], data)) \
                and (lead not in ("据", "根据", "從", "从", "以") or not _own_report(doc, first)):
            continue  # (据三星表示, 以X为例, 从X财报可见: see _own_report)
        if first.type not in SUBJECT_TYPES + ("INDUSTRY",) or doc.norm[first.end:first.end + 1] == "等" \
                or (_is_source(doc, first, data) and not _own_report(doc, first)):
            continue
        if first.type == "INDUSTRY" and not doc.norm[first.end:c_end].strip(" \n，,；;：:") \
                and _ENUM_LEAD.match(doc.norm[c:first.start].lstrip(" \t\n>")):
            continue  # 1）入境游：…: a numbered sector label heads an item, not its subject (gold: 25 of 38 facts after
            # a sector label clause have another subject or none)
        after = bisect.bisect_left(starts, first.end, lo, hi)
        topic = _head(first, idx.ents[after] if after < hi else None, doc)
    return topic


def _headings(doc: Document, ents: list) -> list:
    """(line start, entity) for lines that are just one named place/company/organization: a page or
    block heading whose later lines (up to the next prose sentence) are about it."""
    out = []
    by_start = {}
    for e in ents:
        by_start.setdefault(e.start, e)
    norm = doc.norm
    pos = 0
    for line in norm.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + line.index(stripped[0])
            e = by_start.get(s)
            if e is not None and e.type in SUBJECT_TYPES and (e.end == s + len(stripped) or _CODE_AFTER_NAME.fullmatch(
                    norm, e.end, pos + len(line.rstrip()))):
                out.append((s, e))  # 博士蛙(1698): a name with its stock code is a heading too
        pos += len(line) + 1
    return out


def _heading_subject(doc: Document, headings: list, pos: int, data: dict):
    i = bisect.bisect_right(headings, pos, key=lambda h: h[0]) - 1
    if i < 0:
        return None
    start, e = headings[i]
    ss, se = _sent_of(doc, pos)
    limit = data["heading_line_max"]
    if doc.norm[e.end:e.end + 1] in ("(", "（") and ss == doc.norm.find("\n", e.end) + 1:
        limit = data["heading_code_line_max"]  # 博士蛙(1698)⏎招股價:4.98元 暗盤價:7.15元(+44%) 首日收報:…: its own card line
    if len(doc.norm[ss:se].strip()) > limit:
        return None  # a heading governs the short lines of its block, not prose
    if pos - e.end > data["heading_span"]:
        return None
    between = doc.norm[e.end:pos]
    if "。" in between or "\n#" in between:
        return None
    return e


def _anaphor_subject(doc: Document, ents: list, ss: int, clause_text: str, data: dict):
    """这里 / 该区 / 这家企业 … in ``clause_text`` (which starts at ``ss``) → the last named entity of
    that kind before the anaphor."""
    if not _index(doc).has_word(tuple(data["anaphora"]), ss, ss + len(clause_text)):
        return None  # (most clauses hold none)
    for w, typ in data["anaphora"].items():
        k = clause_text.find(w)
        if k >= 0:
            at = ss + k
            lo = at - data["anaphora_span"]
            for j in range(_bisect_start(ents, at) - 1, -1, -1):
                e = ents[j]
                if e.start < lo:
                    break
                if e.type == typ or (typ == "COMPANY" and e.type == "ORG"):
                    return e
            return None
    return None


def _local_subject(doc: Document, p, clause: int, data: dict, in_sent: list) -> bool:
    """Whether ``p``, an entity of the value's clause (starting at ``clause``), may be its subject:
    not the thing compared with, not the source, not an industry that qualifies a figure before it."""
    return not _is_compared(doc, p, clause, data, in_sent) and not _is_source(doc, p, data) \
        and not (p.type in NEAR_SUBJECT_TYPES and _after_figure(doc, p, in_sent))


def _after_figure(doc: Document, p, in_sent: list) -> bool:
    """``800余家集成电路企业、3900多家…``: an industry right after a figure qualifies that figure.
    (Only the figures before ``p`` in its sentence are read: remembered per entity and sentence.)"""
    memo = _index(doc).memo
    key = ("after_figure", id(p), id(in_sent[0]) if in_sent else None)
    if key not in memo:
        memo[key] = any(f.type == "FIGURE" and f.end <= p.start and not doc.norm[f.end:p.start].strip(" *")
                        for f in in_sent)
    return memo[key]


def _place_after(doc: Document, e, nxt: list, data: dict):
    """``49家上海市创新型企业总部`` / ``98.5%的上海企业``: a place right after the value qualifies
    the counted population."""
    if not nxt or nxt[0].type != "LOC":
        return None
    gap = doc.norm[e.end:nxt[0].start].strip(" *\n")
    return nxt[0] if gap in ("", "的", "家", "个", "家的", "个的") else None


def _ranked_after(doc: Document, e, nxt: list, data: dict):
    """``全球首富馬斯克``, ``第一大客户台光电子``, ``第一重仓股海光信息``, ``全球第三大基金富达基金``: a rank with at most a
    head noun (facts.json ``rank_apposition_heads``) right before a name ranks that name."""
    if e.type != "RANK" or not nxt or nxt[0].type not in SUBJECT_TYPES + ("PERSON",):
        return None
    return nxt[0] if data["_rank_apposition"].fullmatch(doc.norm, e.end, nxt[0].start) else None


def _venue_after(doc: Document, e, data: dict):
    """``1372家“小巨人”已经在新三板挂牌``: the board or exchange the counted firms list on: the first
    ORG after ``e`` in its clause with 在 before it and a listing verb after it."""
    idx = _index(doc)
    if idx._venues is None or idx._venues[0] is not data:
        norm = doc.norm
        idx._venues = (data, [k for k, n in enumerate(idx.ents) if n.type == "ORG" and n.start >= 1
                              and norm[n.start - 1:n.start] == "在" and norm[n.end:n.end + 2] in data["venue_verbs"]])
    venues = idx._venues[1]
    first = bisect.bisect_right(venues, idx.pos[id(e)])
    if first == len(venues):
        return None
    end = _clause_end(doc, e.end)
    for j in range(first, len(venues)):
        n = idx.ents[venues[j]]
        if n.start >= end:
            break
        if n.start - 1 >= e.end:  # the 在 lies after the value
            return n
    return None


def _shared(doc: Document, facts: list, ss: int, clause: int, e, data: dict, words=None):
    """``制造业企业高达729家，占比71%``: a share clause takes the subject of the count before it;
    with ``words`` = comparison words (``…占比达到25.1%，相比前三批高出3-4个百分点``) a difference
    clause takes the subject of the quantity it compares."""
    head = _strip_lead(doc.norm[clause:e.start], data)
    if words is None:
        if not head.startswith(tuple(data["share_words"])):
            return None
    elif not any(w in head for w in words):
        return None
    for f in reversed(facts):
        if f.value.start < ss:
            break  # facts are made in the order of their values: the rest lie before the sentence
        if f.type == "METRIC" and f.value.start < e.start:
            return f.subject
    return None


_START = operator.attrgetter("start")


def _bisect_start(ents: list, pos: int) -> int:
    """Index of the first entity starting at or after ``pos`` (``ents`` sorted by start)."""
    return bisect.bisect_left(ents, pos, key=_START)


def _coordinated(doc: Document, subject, in_sent: list, asides=False) -> list:
    """``北京、上海的…`` / ``高端装备制造和新材料领域…``: the subjects joined with ``subject``; with ``asides``, also
    names followed by an aside in brackets (長榮航空（EVA Air）及星宇航空); with ``asides="code"``, only by a stock code or
    ticker in brackets (騰訊(00700)、美團(03690))."""
    gap_ok = (_TICKER_CHAIN_GAP.match if asides == "code" else _ASIDE_CHAIN_GAP.match) if asides else _CHAIN_GAP.match
    chain = [subject]
    for p in _ending_by(in_sent, subject.start):
        if p.type == subject.type and gap_ok(doc.norm[p.end:chain[0].start]):
            chain.insert(0, p)
        else:
            break
    for k in range(_bisect_start(in_sent, subject.end), len(in_sent)):
        n = in_sent[k]
        if n.type == subject.type and gap_ok(doc.norm[chain[-1].end:n.start]):
            chain.append(n)
        else:
            break
    return chain


# what joins coordinated names: 北京、上海 / 高端装备制造和新材料 / 生物医药领域以及航空航天装备 / 山西汾酒/古井贡酒 (a
# slash, as broker notes write lists: 山西汾酒/古井贡酒分别为15X/13X; with the pairing of slash-joined values below,
# session 26: over the 710 news training documents facts +10 right and -17 false; news dev + select unchanged)
_CHAIN_GAP = re.compile(r"^\s*(?:领\s*域|产\s*业|行\s*业|板\s*块)?\s*(?:、|和|及|与|以及|/)\s*$")


_ASIDE_CHAIN_GAP = re.compile(r"^\s*(?:[（(][^（）()\n]{1,30}[)）])?\s*(?:、|和|及|与|與|以及)\s*$")
# a stock code or ticker in brackets (00700, 601606.SH, 滬601606, NASDAQ: NBIS) and what may join the next name after it
_TICKER_ASIDE = r"[（(]\s*(?:[沪深滬港]|SH|SZ|HK)?[:：]?\s*(?:[0-9]{4,6}(?:\.[A-Z]{1,2})?|[A-Z]{1,6}(?:[.:：]\s*[A-Z]{1,5})?)\s*[)）]"
_TICKER_AFTER = re.compile(_TICKER_ASIDE + r"(?!\s*等)")
# a stock code right after a name: a heading's (博士蛙(1698), :func:`_headings`), or one inside a metric
# (京東（9618）開市報, :func:`extract.stages.facts.metric_edges`)
_CODE_AFTER_NAME = re.compile(r"\s*" + _TICKER_ASIDE)
_DENG_AFTER = re.compile(r"(?:\s*" + _TICKER_ASIDE + r")?\s*等")  # 甲、乙等 / 長城軍工（601606）等: a list closed by 等
_TICKER_CHAIN_GAP = re.compile(r"^\s*(?:" + _TICKER_ASIDE + r")?\s*(?:、|和|及|与|與|以及)\s*$")


def _in_aside(doc: Document, e) -> bool:
    """Whether ``e`` stands in brackets right after another word (長榮航空（EVA Air）: the English name)."""
    return doc.norm[e.start - 1:e.start] in ("（", "(") and doc.norm[e.end:e.end + 1] in ("）", ")")


def _is_amount(e) -> bool:
    """Whether figure ``e`` is a sum of money (its unit one of the recognizer's currencies: 元, 美元, 令吉, 瑞典克朗 …)."""
    return str(e.attrs.get("unit") or "") in currency_units()


def _slash_joined(norm: str, items: list) -> bool:
    """Whether ``items`` (entities in text order) are written with a slash between each two (甲/乙/丙)."""
    return all(norm[a.end:b.start].strip() == "/" for a, b in zip(items, items[1:]))


_VALUE_JOIN = ("、", "和", "及", "与", ",", "，", "/")  # what joins coordinated values (24.08件和23.22件, 15X/13X)


def _value_chain(doc: Document, e, figs: list) -> list:
    """The figures coordinated with ``e`` (``24.08 件 / 家和 23.22 件 / 家``), in order."""
    i = next(k for k, f in enumerate(figs) if f is e)
    lo = i
    while lo > 0 and doc.norm[figs[lo - 1].end:figs[lo].start].strip() in _VALUE_JOIN:
        lo -= 1
    hi = i
    while hi + 1 < len(figs) and doc.norm[figs[hi].end:figs[hi + 1].start].strip() in _VALUE_JOIN:
        hi += 1
    return figs[lo:hi + 1]


# 料 "expects" (Hong Kong usage: 舜宇盈喜料多賺近1.5倍, 麥格理料2月賭收介乎184至194億元), not inside a word (资料, 材料, 原料,
# 熟料, 语料, 预料 …): in the news train, extension and dev gold 21 of the 23 figures after it in their clause state no fact
_EXPECTS = re.compile(r"(?<![资材原饮塑燃肥涂预意照不香佐配史草物熟语饲颜布木石油燃废备])料(?![理想到及定峭子件])")


# An analyst's table of estimates: values joined by slashes, one per year of a span the sentence names before them
# (预计公司2024-2026年营业收入为67.76/76.54/87.11亿元, 维持2025/2026年归母净利润33.08/39.99亿元); one estimate year
# (2025E PE分别为20X/15X/12X) sets companies side by side: facts.
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d\d(?:[年E财]|财年)?\s*[-–—~～/至]\s*(?:19|20)\d\d(?!\d)")
_SLASH_NEXT = re.compile(r"\s*/\s*[-+]?\d")
_SLASH_PREV = re.compile(r"\d[^\s/，。,；;、]{0,4}\s*/\s*$")


def _estimate_table(doc: Document, e, ss: int) -> bool:
    """Whether value ``e`` is one cell of a per-year estimate table (:data:`_YEAR_SPAN`): slash-joined to a number
    before or after it, with a span of years earlier in its sentence. Session 56 w5metnf: news train, extension and dev
    gold 0 of 184 such figures are fact values (an analyst's forecasts, GUIDELINES N24), against 31 of about 80
    slash-joined figures with no such span; the cross-fitted chooser gave 12 of them a fact. Cross-fitted METRIC
    5918/2189/1869 -> 5918/2183/1869 (right/false/missed), 0.7447 -> 0.7450."""
    norm = doc.norm
    if not (_SLASH_NEXT.match(norm, e.end) or _SLASH_PREV.search(norm[max(ss, e.start - 6):e.start])):
        return False
    return _YEAR_SPAN.search(norm, ss, e.start) is not None


# a name list joined by slashes or 、 (肯德基/必胜客/其他品牌分别…, 消费电子、工业与汽车分别占…): its values pair with the names
_NAME_LIST = re.compile(r"[^\W\d_]\s*/\s*[^\W\d_]|、")


def _slash_list_value(doc: Document, e, clause: int) -> bool:
    """Whether value ``e``, right after a slash, is a later value of a list of one subject's values after 分别 (挂牌公司
    分别为75家/56家/65家/63家, 下降幅度分别为14%/42%), not a denominator (件/千人): a number before the slash, 分别 and no
    对应 before it in its clause (对应EPS分别为0.39/0.49: valuations of estimates), no list of names there (their values
    pair with the names, :func:`_rules_pass`) and no span of years in the 200 characters before it (an analyst's per-year
    estimates, :func:`_estimate_table`). Session 56 w8dur: news train, extension and dev gold (gold entities) 32 of 48
    values after a slash are fact values, all but one document's 元/g in such lists after 分别; the 16 others are
    estimates or values paired with a name list. Cross-fitted METRIC 5952/2168/1835 -> 5960/2170/1827 (0.7483 ->
    0.7489), news dev+select METRIC 682/350/297 -> 683/350/296."""
    norm = doc.norm
    return (_SLASH_PREV.search(norm, max(clause, e.start - 8), e.start) is not None
            and _index(doc).has_word(("分别", "分別"), clause, e.start)
            and not _index(doc).has_word(("对应", "對應"), clause, e.start)
            and _NAME_LIST.search(norm, clause, e.start) is None
            and _YEAR_SPAN.search(norm, max(0, e.start - 200), e.start) is None)


def _supposed(doc: Document, e, ss: int, clause: int, data: dict) -> bool:
    """Whether value ``e`` stands under a supposition that opened an earlier clause of its sentence (若恒指升至22000點
    水平，可能會有…; ``data["supposition_opener"]``); one in its own clause is a hypothetical word of :func:`_no_fact`."""
    return clause > ss and data["_supposition"].search(doc.norm, ss, clause) is not None


def _forecast(doc: Document, e, ss: int, clause: int, data: dict) -> bool:
    """Whether value ``e`` is forecast: a forecast word (预计, 有望, 将达到 …) before it in its sentence
    (预计2025年规模将达到50亿元，并在2028年达到80亿元), or a clause word (将, 料) before it in its clause
    (which starts at ``clause``)."""
    return _index(doc).has_word(tuple(data.get("forecast_words", ())), ss, e.start) \
        or _forecast_in_clause(doc, e, clause, data)


def _forecast_in_clause(doc: Document, e, clause: int, data: dict) -> bool:
    """Whether a clause forecast word (将, 可能, 估计 …; ``data["forecast_clause_words"]``) or 料 stands before value ``e``
    in its clause (which starts at ``clause``): the clause half of :func:`_forecast`."""
    return _index(doc).has_word(tuple(data.get("forecast_clause_words", ())), clause, e.start) \
        or _EXPECTS.search(doc.norm, clause, e.start) is not None


def _stated_not_forecast(doc: Document, e, ss: int, clause: int, data: dict) -> bool:
    """Whether value ``e``, forecast by :func:`_forecast`, is stated as measured: a base with 为 after 同期/去年/上年
    or in a year's aside, in a clause with no forecast word of its own (而2023年同期净利润为5亿元, （2024年为86%）), or the change
    of a 将 that marks the object of a completed action (已将手中91.66%的股权…, 将模型训练成本降低了约60%) with no other
    forecast word before it (facts.json forecast_stated_base, forecast_done; session 56 w8jiang)."""
    norm, idx = doc.norm, _index(doc)
    others = tuple(w for w in data.get("forecast_clause_words", ()) if w != "将")
    if idx.has_word(others, clause, e.start) or _EXPECTS.search(norm, clause, e.start) is not None:
        return False
    if not idx.has_word(tuple(data.get("forecast_words", ())), clause, e.start) \
            and not idx.has_word(("将",), clause, e.start) and data["_forecast_stated_base"].search(norm, clause, e.start):
        return True
    return not idx.has_word(tuple(data.get("forecast_words", ())), ss, e.start) \
        and data["_forecast_done"].search(norm, clause, e.start) is not None


@lru_cache(maxsize=1)
def _numeral_pairs() -> frozenset:
    """两三, 四五: the numeral pairs the figure recognizer reads as a range (numerals.json numeral_pairs)."""
    from extract.stages.recognizers.numerals import default_numerals
    return frozenset(default_numerals().pairs)


def _age_since(norm: str, e) -> bool:
    """成立12年来: ``e`` is the count of years of the figure recognizer's :data:`AGE_SINCE`."""
    from extract.stages.recognizers.figures import AGE_SINCE
    m = AGE_SINCE.search(norm, max(0, e.start - 2), e.end + 2)
    return m is not None and m.start("n") == e.start and m.end() == e.end


# a magnitude written alone (万亿, 千亿, 百亿) and the noun right after it that makes it a size class (万亿GDP城市, 千亿房企),
# unless the noun is money, a measure or a market, whose size it then states (千亿赛道, 万亿市场, 千亿规模)
_BARE_MAGNITUDE = re.compile(r"[十百千万]?[万亿]")
_CLASS_NOUN_AFTER = re.compile(r"(?![元美港日欧英韩台澳新]|人民币|规模|级|以|左右|量级|市值|市场|赛道|资产|营收|收入|体量|产值|的)"
                               r"[A-Za-z\u4e00-\u9fff]")


# a base a reckoning assumes (以1万元来计算, 按每手4000股計算, 倘以160億元票房計, 據100億元票房計算): session 51 h9, the news
# train, extension and dev gold 0 of 11 such figures (8 documents) are fact values
_CALC_BASE_BEFORE = re.compile(r"(?:以|按|若以|倘以|如以|據|据)[^，。；,;\n]{0,4}\Z")
_CALC_BASE_AFTER = re.compile(r"[^，。；,;\n]{0,5}?(?:计算|計算|计|計)(?!划|劃|入|提)")

# a target year with 底/末 that opens a clause (到2026年底，打造未来社会示范样本10个), or any target year after 要求/力争/目标/计划
# (要求到2025年底，水泥熟料产能控制在18亿吨左右): what is to be reached by then, for the rest of its sentence; not once a change
# word records what happened (…縮小至10家, …提升至…, …达到了…). Helper r7fpfact: news train, extension and dev gold 0 of 10
# such figures are fact values (3 documents; a bare 到2035年 has 0 of 21 in 11 documents, but the seeds give a fact to
# 到2027年，推动高成长企业规模突破1000家, GUIDELINES facts 16, so it stays out). Cross-fitted METRIC 5864/2154 -> 5864/2148
_TARGET_YEAR_LEAD = re.compile(r"(?:(?:^|(?<=[，,；;。！？!?\s]))(?:到|至)(?:19|20)\d{2}年(?:底|末)"
                               r"|(?<=要求|力争|力爭|目标|目標|计划|計劃)(?:到|至)(?:19|20)\d{2}年(?:底|末|前)?)(?![\d一二三四上下第])")
_TARGET_YEAR_PAST = re.compile(r"[增升降涨跌长漲長缩縮减減小]至|到了|就")


def _no_fact(doc: Document, e, ss: int, clause: int, remention: bool, in_sent: list, lo: int, data: dict) -> bool:
    """Figures that state no measured quantity (SCHEMA §5, GUIDELINES facts 11). ``in_sent``: the
    entities of the sentence before ``e``, ``ents[lo:lo + len(in_sent)]`` of the :class:`_Index`."""
    norm, idx = doc.norm, _index(doc)
    unit = e.attrs.get("unit")
    if not unit or unit in data["skip_units"]:
        return True
    # A vague figure (数十名合夥人, 数百家餐饮企业, 上百起案件, 数十亿美元) states a fact like an exact one: the rule that
    # dropped it as rhetoric is gone (session 54 r7vague: of the 71 vague FIGUREs predicted on news train, extension and
    # dev, 33 are gold fact values; cross-fitted METRIC 5864/2154/1923 -> 5883/2172/1904, 0.7420 -> 0.7427). Two vague
    # shapes stay rhetoric (the seeds' gold: 3 of 3 no fact): tens of thousands of firms or more (數萬家, 上百万家, like
    # 千家 / 万家 below) and a vague bound before 内 (方圓幾十公里內).
    if e.attrs.get("qualifier") == "vague" and (
            (unit == "家" and (e.attrs.get("value") or 0) >= 10000) or norm[e.end:e.end + 1] == "内"):
        return True
    if (e.attrs.get("qualifier") == "range" and unit != "%" and e.type == "FIGURE"
            and norm[e.start:e.start + 2] in _numeral_pairs()):
        return True  # 两三年, 一两小时, 两三百米: a guessed span, rhetoric like 几年 (news gold: 1 of 6 such non-% FIGUREs
        # is a fact value; 三四成 keeps its fact). Session 51 h8: news dev + select 2 false facts fewer
    if unit == "年" and e.type == "FIGURE" and _age_since(norm, e):
        return True  # 成立12年来, 上市24年以来: a firm's age (figures.AGE_SINCE); the gold's fact (metric 成立/上市, the firm
        # its subject) is one these rules do not read: with facts cross-fitted 6195/2313 -> 6196/2315 (session 53)
    if unit == "家" and not any(ch.isdigit() for ch in e.text) and e.attrs.get("value") in (1000, 10000):
        return True  # 千家 / 万家: a round stand-in for a count given elsewhere
    before = norm[max(ss, e.start - 6):e.start].rstrip(" \n")
    if norm[e.end:e.end + 1] == "均" or before.endswith("/") and not _slash_list_value(doc, e, clause):
        return True  # 件 / 千人, 千人均: a denominator
    if before.endswith(tuple(data["demonstrative"])) or before.endswith(("这一", "这" + e.text[:1])):
        return True  # 这1333家企业, 这四个区, 每4家: a group already counted
    after = norm[e.end:min(len(norm), e.end + 12)]
    cut = re.search(r"[，。；,;：:！？!?\n]", after)
    after_clause = after[:cut.start()] if cut else after
    prev = next((p for p in idx.of_kind(_UNNAMED_TYPES, lo, lo + len(in_sent), exclude=True, reverse=True)
                 if p.end <= e.start), None)  # the last named entity before the value
    if prev is not None and not norm[prev.end:e.start].strip() and len(_coordinated(doc, prev, in_sent)) > 1:
        return True  # 浦东、闵行、嘉定和松江四个区: a count that only numbers the list just given
    if re.match(r"[^，。,；;]{0,8}[（(][^）)]*、", norm[e.end:e.end + 40]):
        return True  # 10个省份（浙江、广东、…）: the count of a list given in brackets
    value = e.attrs.get("value")
    if (e.attrs.get("qualifier") == "exact" and isinstance(value, (int, float)) and value <= 12
            and unit not in data["count_list_units_skip"] and re.match(data["count_list_after"], norm[e.end:e.end + 16])):
        return True  # 具体表现有三个：…, 三市GDP分别为…: a count that numbers the list that follows
    has_word = idx.has_word
    if unit in data["duration_units"] and not (has_word(tuple(data["duration_cues"]), clause, e.start)
                                               or any(w in after_clause for w in data["duration_cues"])
                                               or (data["_duration_lead_before"] is not None
                                                   and data["_duration_lead_before"].search(before))):
        return True  # 经过20年…, 诞生45年的光阴里: a span of time, not a measured duration (right after 上市 or 持貨 it is
        # measured: 上市24年, 持貨逾15年; session 52 n4: news train, extension and dev gold 13 of 13 are fact values)
    if e.attrs.get("qualifier") in ("more_than", "at_least", "range"):
        end = _clause_end(doc, e.end)
        if "的" in norm[e.end:end] and any(f.type == "FIGURE" for f in _starting_in(doc, e.end, end)):
            return True  # 超过100件PCT专利的企业仅8家: a threshold that defines the counted group
    if unit != "%" and e.text.endswith(("以下", "以内", "以上")) and (
            re.match(r"[^\W\d_a-zA-Z的]|、", norm[e.end:e.end + 1]) or (norm[e.end:e.end + 1] == "的" and _is_amount(e))):
        return True  # 800美元以下小包裹, 千元以下入门级区间, 2000元以下、2000—4000元, 10万元以下的车型: a class bound, not a
        # measurement (money before 的: no fact at 10 of 10 in the news gold; session 38, cross-fitted 5 false facts fewer)
    if e.type == "FIGURE" and norm[e.start:e.end].endswith(("级", "级别")):
        return True  # 百亿级蓝海市场, 10万级SUV, 20亿级项目: a size class (20 of 24 in the news gold state no fact)
    if e.type == "FIGURE" and _BARE_MAGNITUDE.fullmatch(norm, e.start, e.end) and _CLASS_NOUN_AFTER.match(norm, e.end):
        return True  # 万亿GDP城市, 千亿房企, 百亿影帝: a bare magnitude before a noun names a size class (session 45: the
        # news train, extension and dev gold 32 of 34 state no fact; the two that do are a market's size: 千亿赛道)
    if e.attrs.get("qualifier") in ("more_than", "at_least") and unit != "%" and re.match(
            r"[^，。,；;的]{0,12}的(?:" + "|".join(data["group_nouns"]) + ")", norm[e.end:e.end + 20]):
        return True  # 有100件以上PCT专利的企业: the same, with the count elsewhere
    if e.attrs.get("unit") in ("个", "类", "大") and any(w in after_clause[:6] for w in data["dimension_nouns"]):
        return True  # 四个维度, 三个领域
    # a count of at most ten written in Chinese numerals (两个, 三家)
    small_in_words = isinstance(value, (int, float)) and value <= 10 and not any(ch.isdigit() for ch in e.text)
    if unit in data["_small_count_units"] and small_in_words:
        return True  # 两个品牌, 三个原因, 两项声明: the items the sentence goes on to talk about, counted in words
    if (unit in data["_small_group_units"] and small_in_words and is_han(norm[e.end:e.end + 1])
            and not norm.startswith(data["_small_group_not_before"], e.end)
            and not norm[max(0, e.start - 2):e.start].endswith(data["_small_group_kept_after"])):
        return True  # 两家基金公司均…, 三家公司将进入…: the group the sentence talks about
    if data["_rank_field_after"] is not None and data["_rank_field_after"].match(norm, e.end):
        return True  # 在31个申万一级行业中排名第1位: the size of the field a rank is taken in
    if data["_last_streak_before"] is not None and data["_last_streak_before"].search(norm, max(ss, e.start - 10), e.start):
        return True  # 对上一次连升2日是1月23日: the last time the move happened
    floors = data["_floor_words"]
    if norm.startswith(floors, e.start) or norm[max(0, e.start - 3):e.start].endswith(floors):
        return True  # 不低于10亿美元的科技业者, 最少0.4%: a floor or a cap, not a measurement
    if unit in data["_age_units"] and norm.startswith(data["_age_noun_after"], e.end):
        return True  # 79歲董事詹培忠, 60至64歲人士, 12歲以下子女: an age that describes the person after it (session 52 k4:
        # news train, extension and dev gold 0 of 19 such ages are fact values, 8 documents)
    if unit in data["_trading_day_units"] and not norm[max(clause, e.start - 4):e.start].endswith(data["_streak_words"]):
        return True  # 春节假期过后的7个交易日, 短短4個交易日升26%: the window a move is measured over, not a streak (连续五个交易日
        # 下跌); session 52 k4: news train, extension and dev gold 0 of 10 such counts without 连续 are fact values
    if unit == "英寸" and norm.startswith(data["_wafer_size_after"], e.end):
        return True  # 8英寸晶圆, 12英寸产线: a wafer size names a kind of product (session 52 k4: news train, extension and
        # dev gold 0 of 12 such sizes are fact values, 4 documents)
    if unit in data["_survey_sample_units"] and data["_survey_sample_before"] is not None \
            and data["_survey_sample_before"].search(norm, max(ss, e.start - 40), e.start):
        return True  # 接受调查的79位经济学家, 据百年建筑调研，…全国13532个工地: a survey's sample (session 52 k4: news train,
        # extension and dev gold 15 of 16 such counts are no fact values, 8 documents)
    if unit in data["_survey_object_units"] and data["_survey_object_after"] is not None \
            and norm[max(ss, e.start - 1):e.start] in ("对", "對") and data["_survey_object_after"].match(norm, e.end):
        return True  # 彭博社对7位初创公司创始人的调研, 一项针对4000多名交易员的调查: what a survey covered (session 55
        # w5nofact: news train, extension and dev gold 0 of 6 such counts are fact values, 5 documents)
    if unit == "%" and data["_layoff_share_before"] is not None \
            and data["_layoff_share_before"].search(norm, max(clause, e.start - 4), e.start):
        return True  # 客服部门裁员95%: the share of staff a firm cuts (session 55 w5nofact: news train, extension and dev
        # gold 0 of 9 such shares are fact values, 4 documents)
    if any(w in norm[max(clause, e.start - 8):e.start] for w in data["_reward_words"]) or (
            data["_reward_after"] is not None and data["_reward_after"].match(norm, e.end, e.end + 4)):
        return True  # 给予最高500万元奖励: an incentive a policy offers
    if data["_offer_after"] is not None and data["_offer_after"].match(norm, e.end):
        return True  # 享受8000元保险补贴, 2元乘車優惠, 7折优惠: what an offer grants (session 52 k4: news train, extension and
        # dev gold 0 of 15 such figures are fact values, 8 documents)
    if data["_implied_before"] is not None and data["_implied_before"].search(norm[max(ss, e.start - 8):e.start]):
        return True  # 对应估值100亿美元, 对应2.9x 25eP/B: what another figure implies (session 52 n4: news train, extension and
        # dev gold 0 of 17 such figures are fact values, 13 documents; 对应市值为… left out, 3 of 3 facts)
    if data["_price_band_after"] is not None and _is_amount(e) and data["_price_band_after"].match(norm, e.end):
        return True  # 1500元价位段, 4000—6000元价位手机: a price band names a kind of product (session 52 n4: news train,
        # extension and dev gold 0 of 3 such prices are fact values, 3 documents)
    if _CALC_BASE_BEFORE.search(norm, max(ss, e.start - 6), e.start) and _CALC_BASE_AFTER.match(norm, e.end):
        return True  # 以1万元来计算, 倘以160億元票房計: the base a reckoning assumes, not a measurement
    if norm.startswith(data["_scheme_after"], e.end):
        return True  # 110%按揭计划, 2元乘车优惠: the scheme the figure defines
    if e.start and norm[e.start - 1] in data["_quote_open"]:
        return True  # “万亿GDP”城市, 「2年孵出獨角獸」: a label, slogan or quotation
    if _is_amount(e) and (after.lstrip().startswith(data["_allocation_after"])
                          or any(w in after_clause for w in data["funding_after"])):
        return True  # 其中37.5亿元用于…项目: an allocation; 超15亿元的C轮融资: a FUNDING amount (not 11起投融资事件, a count)
    if has_word(tuple(data["target_words"]), clause, e.start) or any(w in after_clause for w in data["target_words"]):
        return True  # 一万家目标, 增长目标是10%以上
    if data["_rumour_lead"] is not None and data["_rumour_lead"].search(norm, max(ss, e.start - 80), e.start):
        return True  # 有传闻称，阿里计划以100亿美元的估值，投资10亿美元…, 有传言称，京东外卖的佣金比例为5%: a rumour's
        # report governs the rest of its sentence (session 54 r6mfp: news train, extension and dev gold 0 of 12 such
        # figures are fact values, 5 documents; 消息指 is left out: 2 of 3 are facts)
    lead = _TARGET_YEAR_LEAD.search(norm, ss, e.start)
    if lead is not None and _TARGET_YEAR_PAST.search(norm, lead.end(), e.start) is None:
        return True  # 到2026年底，打造…100项: a target year's goal, not a measurement
    if has_word(data["_unmeasured"], clause, e.start):
        return True  # 计划在2025年的资本开支增长超过40%, 若市民于2022年以900万元买入新盘: a plan, a supposition or a rumour
    if _forecast(doc, e, ss, clause, data) and not data["_forecast_past_base"].search(norm, clause, e.start) \
            and not _stated_not_forecast(doc, e, ss, clause, data):
        return True  # 预计到2028年市场规模将达到3000亿美元: a forecast, not a measurement (but not the past value it is
        # compared with: 将略高于2024年的14.8%, 将从2023年的16.9%降至…; facts.json forecast_past_base, session 56: cross-fitted
        # METRIC 0.7452 -> 0.7456); nor a base stated with 为, 而2023年同期净利润为5亿元, nor the change of a 将 marking a done
        # action's object, 已将手中91.66%…: _stated_not_forecast, session 56 w8jiang: cross-fitted METRIC 0.7483 -> 0.7487)
    if _estimate_table(doc, e, ss):
        return True  # 2024-2026年营业收入为67.76/76.54/87.11亿元: an analyst's per-year estimates
    if _supposed(doc, e, ss, clause, data):
        return True  # 若美匯指數突破114關口，金價…有機會在現價跌5%至7%: under a supposition
    if norm[max(ss, e.start - 1):e.start] == "在" and re.match(r"[^，。,；;]{0,10}?(?:当中|之中|中|里)(?:[，,]|$)", after):
        return True  # 在1026家企业中
    if before.endswith("有") and any(f.type == "FIGURE" and clause <= f.start and f.end <= e.start for f in in_sent):
        return True  # 20个省份有超过100家: a threshold the counted group meets
    se = _sent_of(doc, e.start)[1]
    if remention and not _strip_lead(norm[clause:e.start], data) and (
            se - ss > data["heading_line_max"] or "。" in norm[ss:se]):
        return True  # 1026家“小巨人”企业共同勾勒…: the clause opens with a number given before
    return False


def _same_paragraph(doc: Document, a, e) -> bool:
    """``截至2025年10月，…`` governs the figures after it up to the end of its paragraph."""
    return a.start < e.start and not _index(doc).has_break(a.end, e.start)


def _lead_in_date(doc: Document, e, ents: list, starts: list):
    """``到2027年，…形成“4321金字塔式”培育体系`` over short lines that each state a figure
    (``独角兽企业达到100家``): the lead-in line's date governs them (GUIDELINES facts 16)."""
    norm = doc.norm
    prev = _index(doc).prev_newline
    end = prev(e.start)
    checked = 0
    while end > 0 and checked < 12:
        start = prev(end) + 1
        line = norm[start:end].strip()
        in_line = doc.entities_between(start, end, ents, starts)
        end = start - 1
        if not line:
            continue
        dates = [d for d in in_line if d.type == "DATE"]
        if dates:
            lead = _strip_lead(norm[start:dates[0].start], {"_lead": ("到", "至", "截至", "截止", "在")})
            return dates[0] if not lead and not line.endswith("。") else None
        if len(line) > 40 or "。" in line or not any(x.type == "FIGURE" for x in in_line):
            return None
        checked += 1
    return None


_CLAUSE_END = re.compile(r"[，。；,;：:！？!?]")
# How far a clause may run on without punctuation. Sentences are cut at 400 characters
# (segment.split_sentences), so no real clause comes near this; the bound keeps every search that
# looks for the end of a clause from running to the end of a document with no punctuation (each
# value's search would otherwise read the rest of the text: quadratic time).
MAX_CLAUSE = 1000


class _Index:
    """Positions looked up for every value, computed once per document so that no lookup reads
    the text between a value and something far away (linear time whatever the text)."""

    def __init__(self, doc: Document):
        norm = doc.norm
        self.ents = sorted(doc.entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.ents]
        self.newlines = [m.start() for m in re.finditer("\n", norm)]
        self.clause_marks = [m.start() for m in re.finditer("[，,；;：:]", norm)]
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(norm)]
        self.memo = {}  # (check, id(entity), …) → result of a check that depends only on the entity
        self.pos = {id(e): k for k, e in enumerate(self.ents)}
        self._venues = None
        self.fig_starts = [e.start for e in self.ents if e.type == "FIGURE"]
        self.longest = max((e.end - e.start for e in self.ents), default=0)
        self._kinds = {}
        self._norm, self._words = norm, {}
        self._heads = None
        self._clause_breaks = None
        # paragraph breaks for _same_paragraph: a blank line or a line ending with 。
        self.breaks = sorted(m.start() for m in re.finditer("(?=\n\n|。\n)", norm))
        spans = sorted((t.start, t.end) for t in doc.tables)
        self.table_starts = [a for a, _ in spans]
        self.table_ends = list(itertools.accumulate((b for _, b in spans), max)) if spans else []

    def _kind(self, types: tuple, exclude: bool) -> list:
        """The indices in ``ents`` of the entities whose type is in ``types`` (not in them, with ``exclude``),
        listed once per document."""
        kind = self._kinds.get((types, exclude))
        if kind is None:
            kind = self._kinds[types, exclude] = [k for k, e in enumerate(self.ents) if (e.type in types) != exclude]
        return kind

    def of_kind(self, types: tuple, lo: int, hi: int, exclude: bool = False, reverse: bool = False):
        """The entities of ``ents[lo:hi]`` whose type is in ``types`` (not in them, with ``exclude``), in
        order (last first, with ``reverse``). Each kind's indices are listed once per document, so
        finding the last DATE or named entity before a value never reads a long sentence's others."""
        kind = self._kind(types, exclude)
        found = range(bisect.bisect_left(kind, lo), bisect.bisect_left(kind, hi))
        for j in (reversed(found) if reverse else found):
            yield self.ents[kind[j]]

    def last_of_kind(self, types: tuple, lo: int, hi: int, exclude: bool = False):
        """``next(of_kind(types, lo, hi, exclude, reverse=True), None)`` without the generator."""
        kind = self._kind(types, exclude)
        j = bisect.bisect_left(kind, hi) - 1
        return self.ents[kind[j]] if j >= 0 and kind[j] >= lo else None

    def first_of_kind(self, types: tuple, lo: int, hi: int, exclude: bool = False):
        """``next(of_kind(types, lo, hi, exclude), None)`` without the generator."""
        kind = self._kind(types, exclude)
        j = bisect.bisect_left(kind, lo)
        return self.ents[kind[j]] if j < len(kind) and kind[j] < hi else None

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts for the passes after the chooser: past the last 。，；,;：: or line
        break before it (0 when there is none), so a colon ends a clause as in :func:`_clause_start` (the rules' and
        the chooser's clauses; since session 48). The breaks are listed once per document, so a text without them
        costs no backward scan per value."""
        if self._clause_breaks is None:
            self._clause_breaks = [m.start() for m in re.finditer("[，。；\n,;：:]", self._norm)]
        k = bisect.bisect_left(self._clause_breaks, pos)
        return self._clause_breaks[k - 1] + 1 if k else 0

    def has_word(self, words: tuple, a: int, b: int) -> bool:
        """``any(w in norm[a:b] for w in words)`` (``0 <= a``, no word empty) in O(log n): the words'
        occurrences are listed once per document, so a value's check never reads its whole sentence."""
        found = self._words.get(words)
        if found is None:
            found = self._words[words] = _occurrences(self._norm, words)
        starts, min_end = found
        j = bisect.bisect_left(starts, a)
        return j < len(starts) and min_end[j] <= b

    def heading_ids(self, headings: list) -> set:
        """``{id(entity)}`` of the heading lines (computed once per list of headings)."""
        if self._heads is None or self._heads[0] is not headings:
            self._heads = (headings, {id(h) for _, h in headings})
        return self._heads[1]

    def prev_newline(self, pos: int) -> int:
        """``norm.rfind("\\n", 0, pos)`` in O(log n)."""
        i = bisect.bisect_left(self.newlines, pos) - 1
        return self.newlines[i] if i >= 0 else -1

    def next_newline(self, pos: int) -> int:
        """``norm.find("\\n", pos)`` in O(log n)."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i] if i < len(self.newlines) else -1

    def has_break(self, a: int, b: int) -> bool:
        """Whether ``norm[a:b]`` holds a blank line or 。 at a line end (a break at k needs k + 2 <= b)."""
        i = bisect.bisect_left(self.breaks, a)
        return i < len(self.breaks) and self.breaks[i] + 2 <= b

    def in_table(self, pos: int) -> bool:
        i = bisect.bisect_right(self.table_starts, pos) - 1
        return i >= 0 and pos < self.table_ends[i]


def _occurrences(norm: str, words: tuple) -> tuple:
    """(starts, min_end) of every occurrence of ``words`` in ``norm``, overlapping ones too, sorted by
    start: ``min_end[j]`` is the smallest end among the occurrences from the ``j``-th on."""
    spans = []
    for w in words:
        k = norm.find(w)
        while k >= 0:
            spans.append((k, k + len(w)))
            k = norm.find(w, k + 1)
    spans.sort()
    min_end = [e for _, e in spans]
    for j in range(len(min_end) - 2, -1, -1):
        min_end[j] = min(min_end[j], min_end[j + 1])
    return [a for a, _ in spans], min_end


def _index(doc: Document, fresh: bool = False) -> _Index:
    """The document's :class:`_Index`; ``fresh`` builds a new one (each :func:`find_facts` call
    starts with one, so nothing remembered outlives a change to the entities)."""
    cached = doc.__dict__.get("_fact_index")
    if not fresh and cached is not None:
        key, idx = cached
        if (key[0] is doc.entities and key[1] == len(doc.entities) and key[2] is doc.tables
                and key[3] == len(doc.tables) and key[4] == len(doc.norm)):
            return idx
    idx = _Index(doc)
    doc._fact_index = ((doc.entities, len(doc.entities), doc.tables, len(doc.tables), len(doc.norm)), idx)
    return idx


def _starting_in(doc: Document, a: int, b: int) -> list:
    """Entities that start in ``a:b``."""
    idx = _index(doc)
    return idx.ents[bisect.bisect_left(idx.starts, a):bisect.bisect_left(idx.starts, b)]


def _clause_end(doc: Document, pos: int) -> int:
    """Where the clause that holds ``pos`` ends: the next clause or sentence punctuation, at most
    ``MAX_CLAUSE`` characters on."""
    ends = _index(doc).clause_ends
    j = bisect.bisect_left(ends, pos)
    if j < len(ends) and ends[j] < pos + MAX_CLAUSE:
        return ends[j]
    return min(len(doc.norm), pos + MAX_CLAUSE)


def find_facts(doc: Document, data: dict, chooser=None) -> list:
    """Facts of ``doc``; with a trained ``chooser`` (:mod:`extract.stages.facts.chooser`) it decides which
    values outside tables and ranked lists state a fact, and whose.

    One pass of the rules serves both: it records, for every value outside tables and ranked lists,
    what the chooser reads (sentence, date, metric span, whether the number is a re-mention), and
    the rules' own facts give the chooser its hints (:func:`rule_hints`). The metric span is the one
    the rules found after their subject; the chooser does not move it.
    """
    facts, steps = _rules_pass(doc, data)
    if chooser is None:
        return _finished(doc, facts, data)
    hints = _hints_of(_with_metrics(doc, list(facts) + _table_facts(doc), data))
    idx = _index(doc)
    out = []
    prev = (None, None)  # (sentence start, rule subjects) of the previous value: the chooser's prev_hint
    for step in steps:
        if step[0] == "list":
            _, item, e, metric, date, pos = step
            out.append(Fact("RANKING", item, e, metric, date, position=pos))
        else:
            _, e, ss, se, date, metric, remention = step
            chooser.prev_hint = prev[1] if prev[0] == ss else None
            prev = (ss, hints.get(id(e)))
            clause = _clause_start(doc.norm, ss, e.start)
            if (idx.has_word(tuple(data["forecast_verbs"]), ss, e.start) or _forecast_in_clause(doc, e, clause, data)) \
                    and not data["_forecast_base"].search(
                    doc.norm, clause, e.start) and not _stated_not_forecast(doc, e, ss, clause, data):
                continue  # GUIDELINES N24: a forecast states no fact, however sure the chooser is (M4: its base does);
                # so does a clause forecast word or 料 (将花费“数千亿美元, 将占…三分之二以上, 料增逾50%): session 54
                # r9vmoney, the chooser overrode the rules' no fact there 22 times on the cross-fitted news train and
                # extension, 20 false (cross-fitted METRIC 5882/2167 -> 5880/2147)
            if _supposed(doc, e, ss, clause, data):
                continue  # GUIDELINES N24: nor does a figure under a supposition opened earlier in its sentence
            if e.type == "FIGURE" and _estimate_table(doc, e, ss):
                continue  # nor a cell of an analyst's per-year estimate table (2024-2026年营收为67.76/76.54/87.11亿元)
            chosen = _chosen(doc, e, idx.ents, idx.starts, ss, se, date, data, chooser, remention,
                             hints.get(id(e)), metric)
            if len(chosen) == 1 and chosen[0].subject is None and _previous_value(doc, e, ss, data):
                chosen[0].subject = _current_value_subject(doc, e, out)
            out.extend(chosen)
    return _finished(doc, out, data)


def _finished(doc: Document, facts: list, data: dict) -> list:
    """The passes after the rules or the chooser have picked the facts (the same for both): facts within lines,
    facility owners, bond places, levels after a value, then the table facts, and the metrics of all."""
    facts = _level_after_value(doc, _bond_places(doc, _facility_owners(doc, _within_lines(doc, facts)), data), data)
    facts = _or_restated(doc, facts)
    return _with_metrics(doc, facts + _table_facts(doc), data)


# the words before a name that make it the place a person works at or joins (李民吉在华夏银行担任董事长已近8年,
# 杨玉成已在申万宏源深耕15年, 申学清…从广发行跳槽郑州银行)
_WORKPLACE_BEFORE = re.compile(r"(?:在|于|於|加入|从|從|跳槽|任职于|担任)$")


def _duration_person(doc: Document, in_sent: list):
    """The person a duration (N年, N个月) measures: the last PERSON of the sentence before it when every name
    between them is a place the person works at (after 在/于/加入/从/跳槽/担任): 任期12年, 从业经验超过20年,
    李民吉在华夏银行担任董事长已近8年. News train, extension and dev gold: of the 22 duration facts so placed,
    19 are the person's (the other 3 have no subject: a speaker, 被告 after a judge, a pair named before)."""
    for k in range(len(in_sent) - 1, -1, -1):
        p = in_sent[k]
        if p.type == "PERSON":
            return p
        if p.type in SUBJECT_TYPES + NEAR_SUBJECT_TYPES and not _WORKPLACE_BEFORE.search(
                doc.norm, max(0, p.start - 3), p.start):
            return None
    return None


def _within_lines(doc: Document, facts: list) -> list:
    """A fact's subject is not read across a paragraph it closed, nor from a later line: one after the value across a
    line break (升0.2%⏎⏎美國2年期債息) or before it across a sentence end and a line break (天津…现象。⏎⏎根据《天津市…》…13.6
    亿元) leaves a METRIC unnamed and a RANKING, which needs a subject, out. Ranked-list items keep theirs; a line
    break alone does not count (PDF text wraps its lines, a card's heading names its figures). In the news train,
    extension and dev gold and in the seeds no fact's subject is so placed; on the 710 training documents through
    the cross-fitted pipelines all such facts were false, and most of their METRIC values hold an unnamed fact in the
    gold (session 43). A RANKING whose rank stands on a numbered list item (8. 台達電（第757名）, the item's name left
    untagged) takes no subject from a line before the item: in the news train, extension and dev gold 12 of 12
    RANKINGs on such lines have their subject on the item's line (and all 962 news and RANKING-batch RANKINGs one at or
    after the rank's line start); the cross-fitted predictions had 2 false so placed (t024), none right."""
    norm, out = doc.norm, []
    for f in facts:
        s, v = f.subject, f.value
        line = norm.rfind("\n", 0, v.start) + 1
        if s is not None and f.position is None and (
                (s.start > v.start and "\n" in norm[v.end:s.start])
                or (s.end <= v.start and _PARAGRAPH_END.search(norm, s.end, v.start))
                or (f.type == "RANKING" and s.end <= line and _ENUM_LEAD.match(norm[line:v.start]))):
            if f.type == "RANKING":
                continue
            f.subject = None
        out.append(f)
    return out


# a place before a site or an operation of a company (海信墨西哥电视工厂, 弗里蒙特工厂, 澳門業務, 匈牙利项目)
_FACILITY = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:工厂|工廠|超级工厂|基地|项目|項目|业务|業務|门店|分行|分公司|子公司|园区|厂区|产线|生产线)")


def _facility_owners(doc: Document, facts: list) -> list:
    """A METRIC the chooser gave a place that names a company's site or operation (海信墨西哥电视工厂的年产能…800万台,
    特斯拉…其弗里蒙特工厂至少有12个空缺职位) is about the company: the nearest COMPANY before the place in its sentence.
    Session 43: on the 710 training documents through the cross-fitted pipelines facts 0.6862 -> 0.6871 (8 right more,
    8 false fewer; one 香水业务 read as a place went wrong); news dev + select and the seeds unchanged."""
    norm, idx = doc.norm, _index(doc)
    for f in facts:
        s = f.subject
        if f.type != "METRIC" or s is None or s.type != "LOC" or not _FACILITY.match(norm, s.end):
            continue
        ss, _ = _sent_of(doc, s.start)
        i = idx.pos[id(s)]
        owner = next((p for p in idx.of_kind(("COMPANY",), bisect.bisect_left(idx.starts, ss), i, reverse=True)
                      if p.end <= s.start), None)
        if owner is not None:
            f.subject = owner
    return facts


def _bond_places(doc: Document, facts: list, data: dict) -> list:
    """A METRIC left unnamed whose sentence names a country's government bonds before it (a LOC right before
    facts.json bond_place_after: 美國10年期債息, 10年期美国国债收益率, 对美国国债造成压力，10年期国债收益率) and a
    yield word (bond_yield_words) after the place, with no named entity between the last yield word and the
    figure, is that country's yield (美國10年期債息最多漲7.4基點，至4.512厘；兩年期債息報4.287厘，升7.9基點: 美國
    for all four). The news train, extension and dev gold 29 of 29 such figures take the place (7 documents); the
    learned chooser had left 11 unnamed (5 documents). Session 53 metmiss: cross-fitted METRIC 5791/2231 ->
    5802/2220 right/false."""
    after, yields = data.get("_bond_place_after"), data.get("_bond_yield_words")
    if after is None or yields is None or not yields.search(doc.norm):
        return facts
    norm, idx = doc.norm, _index(doc)
    for f in facts:
        v = f.value
        if f.type != "METRIC" or f.subject is not None or f.position is not None:
            continue
        w = max(0, v.start - 300)  # the sentence up to the value, across ；(兩年期債息報4.287厘 after a ；)
        ss = max(norm.rfind(c, w, v.start) for c in "。！？!?\n") + 1 or w
        lo, hi = bisect.bisect_left(idx.starts, ss), bisect.bisect_left(idx.starts, v.start)
        place = next((p for p in idx.of_kind(("LOC",), lo, hi, reverse=True)
                      if p.end <= v.start and after.match(norm, p.end)), None)
        if place is None:
            continue
        last = None
        for m in yields.finditer(norm, place.end, v.start):
            last = m.end()
        if last is None or any(p.type not in ("FIGURE", "DATE") and p.start >= last
                               for p in idx.ents[bisect.bisect_left(idx.starts, last):hi]):
            continue
        f.subject = place
    return facts


def _level_after_value(doc: Document, facts: list, data: dict) -> list:
    """A METRIC left unnamed right after a named one across a comma and a quote or change word (facts.json
    level_after_value: 收漲0.24%，報547點, 飆逾9%，高見124.3元, 溢利約65億元，按年跌約17%) takes the first one's
    subject: the news train, extension and dev gold 210 of 215 such second figures share it (the others after 分别
    or in lists). Session 53 metmiss: cross-fitted METRIC 5802/2220 -> 5804/2218 right/false (metric characters
    0.5258 -> 0.5257: the metric becomes 報 with the subject); news dev + select facts 715/357 -> 716/356."""
    rx = data.get("_level_after_value")
    if rx is None:
        return facts
    norm = doc.norm
    by_value = {id(f.value): f for f in facts if f.type == "METRIC"}
    figs = sorted((f.value for f in facts if f.type == "METRIC"), key=lambda v: v.start)
    prev = None
    for v in figs:
        f = by_value[id(v)]
        if (prev is not None and f.subject is None and f.position is None and prev.end <= v.start
                and by_value[id(prev)].subject is not None and rx.fullmatch(norm, prev.end, v.start)
                and "分别" not in norm[prev.end:v.start]):
            f.subject = by_value[id(prev)].subject
        prev = v
    return facts


_OR_JOIN = ("或", "或者")  # 回吐0.49%或42點, 持股5,689.6萬股或5.3%, 低2.5億或36%: one change said two ways


def _or_restated(doc: Document, facts: list) -> list:
    """A METRIC whose value follows another METRIC's value across 或 alone (回吐0.49%或42點, 持股5,689.6萬股或5.3%,
    升14点或0.04%) restates the first in another unit and takes its subject, none where it has none. News train,
    extension and dev gold: 67 of the 67 such second figures share the first's subject (or its lack of one); the
    cross-fitted predictions gave 6 of them another (5 documents). Session 54 r2met."""
    norm = doc.norm
    by_value = {id(f.value): f for f in facts if f.type == "METRIC" and f.position is None}
    figs = sorted((f.value for f in facts if id(f.value) in by_value), key=lambda v: v.start)
    for prev, v in zip(figs, figs[1:]):
        if prev.end <= v.start and norm[prev.end:v.start] in _OR_JOIN:
            by_value[id(v)].subject = by_value[id(prev)].subject
    return facts


_PARAGRAPH_END = re.compile(r"[。！？!?][ \t]*\n")


def _rules_pass(doc: Document, data: dict):
    """The rules' facts (before :func:`_with_metrics`; table facts apart) and, in document order, one
    step per ranked-list item (``("list", item, rank, metric, date, position)``) and per other value
    outside tables (``("value", value, sent_start, sent_end, date, metric, remention)``)."""
    facts, steps = [], []
    idx = _index(doc, fresh=True)
    ents, starts = idx.ents, idx.starts
    figs = [e for e in ents if e.type == "FIGURE"]
    headings = _headings(doc, ents)
    listed = set()
    first = {}  # where each number is first given: a later mention states no new measurement
    for e in ents:
        if e.type in ("FIGURE", "RANK"):
            first.setdefault(e.attrs.get("norm", e.text), e.start)
    asof = None  # the governing 截至… date
    for i, e in enumerate(ents):
        if e.type == "DATE" and doc.norm[e.start:e.start + 2] in ("截至", "截止"):
            asof = e
        if e.type not in ("FIGURE", "RANK") or id(e) in listed:
            continue
        ss, se = _sent_of(doc, e.start)
        cstarts = _clauses(doc, ss, e.start)
        clause = cstarts[-1]
        sent_lo = bisect.bisect_left(starts, ss)
        in_sent = ents[sent_lo:i]  # entities of this sentence before the value
        sent_all = ents[sent_lo:bisect.bisect_left(starts, se)]
        if idx.in_table(e.start):
            continue  # table cells are handled with their headers below
        # the entities of the clause before the value are found through the kind indices, last first
        # (a long sentence has many; the rules read the last ones)
        clause_lo = bisect.bisect_left(starts, clause, sent_lo, i)
        near = idx.last_of_kind(_UNNAMED_TYPES, clause_lo, i, exclude=True)
        # the subject: the last entity of the clause that may be one (an industry only if it is ``near``)
        subject = next((p for p in idx.of_kind(SUBJECT_TYPES + NEAR_SUBJECT_TYPES, clause_lo, i, reverse=True)
                        if _local_subject(doc, p, clause, data, in_sent)), None)
        if subject is not None and subject.type in NEAR_SUBJECT_TYPES and near is not subject:
            subject = next((p for p in idx.of_kind(SUBJECT_TYPES, clause_lo, i, reverse=True)
                            if _local_subject(doc, p, clause, data, in_sent)), None)
        ranked = _ranked_after(doc, e, ents[i + 1:i + 2], data)
        if ranked is not None:
            subject = ranked  # 全球首富馬斯克, 取代原先的第二供应商光宝电源: the name the rank stands before
        elif in_sent and in_sent[-1].type in SUBJECT_TYPES + NEAR_SUBJECT_TYPES \
                and doc.norm[in_sent[-1].end:e.start].strip() in ("(", "（"):
            subject = in_sent[-1]  # 北京(1210家): the figure in brackets is the entity's
        elif subject is not None and (deng := _DENG_AFTER.match(doc.norm, subject.end)) \
                and not _paired_after_deng(doc, subject, e, sent_all, figs, ss, se) \
                and not _each_after_deng(doc, deng, e):
            subject = None  # 甲乙、丙丁…等至少9家整机企业: examples of an unnamed group
        elif subject is None:
            subject = (_anaphor_subject(doc, ents, clause, doc.norm[clause:e.start], data)
                       or _place_after(doc, e, ents[i + 1:i + 2], data))
            if subject is None:
                subject = _venue_after(doc, e, data)
            if subject is None and near is None:
                subject = (_shared(doc, facts, ss, clause, e, data)
                           or _topic(doc, sent_all, sent_lo, cstarts, e.start, data)
                           or _shared(doc, facts, ss, clause, e, data, words=data["compare_words"])
                           or _anaphor_subject(doc, ents, ss, doc.norm[ss:e.start], data)
                           or _heading_subject(doc, headings, e.start, data))
        if e.type == "FIGURE" and e.attrs.get("unit") in data["duration_units"]:
            subject = _duration_person(doc, in_sent) or subject
        lo = clause
        if subject is not None and clause <= subject.end <= e.start:
            lo = subject.end
        date = idx.last_of_kind(("DATE",), sent_lo, i)  # the last date of the sentence
        if date is None:
            date = (_lead_in_date(doc, e, ents, starts)
                    or (asof if asof is not None and _same_paragraph(doc, asof, e) else None))
        metric = (_from_to_metric(doc, e, lo, subject, data) or _stock_move(doc, e)) \
            if e.type == "FIGURE" else None
        if date is not None and date.end > lo and date.end <= e.start:
            lo = date.end
        if metric is None:
            metric = _metric_before_value(doc, e, lo, sent_lo, data)
        if e.type == "RANK":
            items = _enumerated(doc, e, ents, i + 1, data)
            if not items:
                items = _all_members(doc, e, ents, i + 1)
            if not items:
                items, lmetric = _layout_list(doc, e, ents, i + 1, headings, data)
                metric = lmetric or metric
            if not items and subject is not None and subject.end <= e.start:
                items = _counted_before(doc, e, _coordinated(doc, subject, sent_all))
            if not items:
                items = _counted_before(doc, e, _valued_chain(doc, e, sent_all))
            if not items:
                items = _counted_items(doc, e, ents, starts)
            if items:
                noun = _RANKED_NOUN.match(doc.norm, e.end)
                if noun:  # 前十大权重股分别为…, 五大持仓股分别为…: the noun the top N counts is what is ranked
                    metric = doc.span(*noun.span(1))
                for pos, item in enumerate(items, 1):
                    facts.append(Fact("RANKING", item, e, metric, date, position=pos))
                    steps.append(("list", item, e, metric, date, pos))
                    listed.add(id(item))
                continue
            pairs = _ranks_then_names(doc, e, ents, i + 1) or [(e, item) for item in (_members_after(doc, e, ents, i + 1)
                                                                                 or _members_later(doc, e, ents, i + 1))]
            if pairs:  # (no positions: neither is the enumeration of a top-N list)
                for rank, item in pairs:
                    facts.append(Fact("RANKING", item, rank, metric, date))
                    steps.append(("list", item, rank, metric, date, None))
                    listed.add(id(rank))
                continue
        if e.type == "RANK" and e.start and doc.norm[e.start - 1] in data["_quote_open"]:
            continue  # 争夺“第四城”, 组合的“二号位”: a rank in quotes is a label, nothing is ranked (0 of 5 in the gold)
        if e.type == "RANK" and _LIST_TITLE_AFTER.match(doc.norm, e.end):
            continue  # “世界化工企业100强排行榜”, 《全球化工最具价值品牌25强排行榜》: a list's title, nothing ranked
        if (e.type == "RANK" and _QUOTED_TOP_AFTER.match(doc.norm, e.end)
                and _QUOTED_TOP_BEFORE.search(doc.norm, max(0, e.start - 13), e.start)):
            continue  # “中国民营企业500强”上榜企业数, “三个500强”, “50强”: a quoted top-N list's name, nothing ranked
        if (e.type == "RANK" and e.text[-1:] in "强強" and i + 1 < len(ents) and ents[i + 1].type == "RANK"
                and _LIST_THEN_RANK.fullmatch(doc.norm, e.end, ents[i + 1].start)):
            continue  # 全球百强科技集群城市排名第14位, 百强榜排名第一: the top N names the list another rank stands on
        among = _AMONG_AFTER.match(doc.norm, e.end) if e.type == "RANK" else None
        if among is not None and not any(x.start == among.end() and x.type in SUBJECT_TYPES for x in ents[i + 1:i + 4]):
            continue  # 日本信息服务行业TOP30企业中，超半数为其长期客户: among the top N, no name before it is ranked (a name
            # right after the frame is: 在中国前10大现制茶饮品牌中，古茗是唯一一家…)
        if e.type == "RANK" and (_ENTRY_DENIED.search(doc.norm, clause, e.start)
                                 or _COUNTED_ENTRANTS.search(doc.norm, clause, e.start)):
            continue  # 竟无一款产品入围性价比榜单前五: a denied entry ranks nothing; 美国则有3家企业入榜前十, 5家中国企业
            # 入榜前十: the firms counted are ranked, unnamed, not the country or group that has them
        if e.type == "RANK" and (_forecast(doc, e, ss, clause, data)
                                 or _ASPIRED_RANK.search(doc.norm, clause, e.start)
                                 or _CONTESTED_AFTER.match(doc.norm, e.end)) and not (
                i + 1 < len(ents) and ents[i + 1].type in SUBJECT_TYPES + ("PERSON",)
                and data["_rank_apposition"].fullmatch(doc.norm, e.end, ents[i + 1].start)):
            continue  # 合并后投行业务收入将成为行业第一, 有望进入前十: a forecast rank ranks nothing yet (session 51 h9:
            # news train, extension and dev gold 7 of 8 ranks after 将/有望/预计 in their clause are no fact, in 6
            # documents; the 8th names the ranked one right after it: 将取代原先的第二供应商光宝电)
        remention = first.get(e.attrs.get("norm", e.text), e.start) < e.start
        steps.append(("value", e, ss, se, date, metric, remention))
        if e.type == "RANK":
            if subject is not None and subject.type in _NOT_RANKED:
                subject = None  # 深圳、广州…亦位居《哪吒2》城市票房榜前十: the nearest name before the rank is ranked
            frame = _RANK_FRAME.search(doc.norm, clause, e.start)
            if subject is not None and frame is not None and frame.start(1) <= subject.start < frame.end(1):
                # 在保荐数据前五的券商中排名第二, 在全国工商联“…评营商环境”中获全国城市第一: what lies in the frame is
                # the field or the list, never the ranked one (the news gold: 0 of 11 such subjects inside it)
                subject = next((p for p in idx.of_kind(SUBJECT_TYPES + ("PERSON",), sent_lo, i, reverse=True)
                                if p.end <= frame.start() and not _is_source(doc, p, data)), None)
                if subject is None:
                    continue
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            gap = doc.norm[e.end:nxt.start].strip() if nxt is not None else None
            if nxt is not None and nxt.type in SUBJECT_TYPES and gap == "的":
                subject = nxt  # 排名第一的北京海淀区: the ranked entity follows
            elif nxt is not None and nxt.type in SUBJECT_TYPES and (subject is None or subject.end <= clause) \
                    and (gap in ("", "是", "为") or _RANK_HEAD.fullmatch(gap)):
                subject = nxt  # 第3名苹果收高1.83%, 第三名是日本, 第一重仓股海光信息: a clause opening with the rank
            if subject is None:
                # a RANKING needs a subject: the nearest named entity before it in the sentence (a person too:
                # 富豪榜, 周八斤…当时以38亿美元的财富值排名第778位) that is neither compared with nor the source of the figures
                subject = next((p for p in idx.of_kind(SUBJECT_TYPES + ("PERSON",), sent_lo, i, reverse=True)
                                if not _is_source(doc, p, data) and not _is_compared(doc, p, ss, data, in_sent)), None)
            if subject is not None and subject.end <= clause and e.attrs.get("top") \
                    and _PARTNER_NOUN.match(doc.norm, e.end):
                # 汉邦科技…表示，…各期前五大客户变动较大: a top N of a firm's customers, suppliers or shareholders ranks
                # no name of an earlier clause (news train, extension, dev and RANKING-batch gold: of the 20 such
                # top Ns, the 7 with a subject have it in their own clause: 5 before it, joined by 为/跻身/作为/现身, 2 after)
                subject = None
            if subject is not None and _holds_ranked(doc, subject, e):
                subject = _holder_ranked(doc, subject, e, sent_all)  # None: the ranked one is not named
            if subject is not None and subject.type in ("LOC", "INDUSTRY") and subject.end <= e.start:
                # 梅卡曼德一直是中国3D视觉引导机器人市场第一名, 乐舒适在非洲的…市场…第一: a place or sector after the
                # verb is the ranking's scope; the company before the verb is ranked
                ranked = next((p for p in idx.of_kind(("COMPANY", "ORG", "PERSON"), clause_lo, i, reverse=True)
                               if p.end <= subject.start and _SCOPE_VERB.search(doc.norm, p.end, subject.start)
                               and not _is_source(doc, p, data)), None)
                if ranked is None and subject.type == "LOC":
                    # 曼徹斯特市的罪案率在英格蘭和威爾斯排名第五: places after 在 scope the rank of a place before them
                    lo = _coordinated(doc, subject, sent_all)[0].start
                    if doc.norm[lo - 1:lo] == "在":
                        ranked = next((p for p in idx.of_kind(("LOC",), clause_lo, i, reverse=True)
                                       if p.end < lo - 1 and not _is_source(doc, p, data)), None)
                if ranked is not None:
                    subject = ranked
                elif subject.type == "LOC" and "榜" in doc.norm[subject.end:e.start + 1] \
                        and _LIST_SCOPE_GAP.fullmatch(doc.norm, subject.end, e.start):
                    # 位列中国电影票房总榜榜首, 登上苹果印度服务区…购物类别榜首: a place in a list's title scopes the list and
                    # is not ranked (news train, extension and dev gold: 0 of the 7 places so followed by 榜 and no
                    # verb before a rank are its subject, 7 documents)
                    subject = None
            if subject is None:
                continue
            chain = _coordinated(doc, subject, sent_all) if subject.end <= e.start else [subject]
            ranks = _value_chain(doc, e, [x for x in sent_all if x.type == "RANK"])
            if len(ranks) > 1 and len(chain) == 1 and subject.end <= e.start:
                # 長榮航空（EVA Air）及星宇航空（STARLUX）分別排名第11及18: names with asides, paired with as many ranks
                named = [x for x in sent_all if not _in_aside(doc, x)]
                head = subject if not _in_aside(doc, subject) else next(
                    (p for p in _ending_by(named, subject.start) if p.type == subject.type), None)
                asided = _coordinated(doc, head, named, asides=True) if head is not None else []
                if len(asided) == len(ranks):
                    chain = asided
            if len(chain) > 1:  # 上海和杭州分列第二、第三位: as many ranks as names pair in order
                if len(ranks) == len(chain):
                    chain = [chain[ranks.index(e)]]
            for s in chain:  # 甲、乙及丙等品牌都进入全球500大: each of them is ranked
                facts.append(Fact("RANKING", s, e, metric, date))
            continue
        if _no_fact(doc, e, ss, clause, remention, in_sent, sent_lo, data):
            continue
        subjects = [subject]
        if subject is not None:
            chain = _coordinated(doc, subject, sent_all)
            if len(chain) == 1 and _TICKER_AFTER.match(doc.norm, subject.end):
                # 騰訊(00700)、美團(03690)、小米(01810)都高逾1%: names joined across their stock codes
                chain = _coordinated(doc, subject, sent_all, asides="code")
            if len(chain) > 1:
                fstarts = _index(doc).fig_starts
                vals = _value_chain(doc, e, figs[bisect.bisect_left(fstarts, ss):bisect.bisect_left(fstarts, se)])
                if len(vals) == len(chain):
                    subjects = [chain[vals.index(e)]]  # 北京和上海…24.08件/家和23.22件/家
                    if e is vals[0] and _slash_joined(doc.norm, chain) and _slash_joined(doc.norm, vals):
                        # 肯德基/必胜客分别净增365/118家: the values after a slash (read as denominators when
                        # alone) pair with the names in order
                        facts += [Fact("METRIC", s, v, metric, date) for s, v in zip(chain[1:], vals[1:])]
                elif len(vals) == 1:
                    subjects = chain  # 北京、上海的…技术密集度…两倍: one fact each
        for s in subjects:
            facts.append(Fact("METRIC", s, e, metric, date))
    return facts, steps


_RANK_HEAD = re.compile(r"(?:大)?(?:重仓股|重仓|品牌|企业|公司|股东|大股东|城市|券商|基金)(?:是|为)?")
_SCOPE_VERB = re.compile(r"是|为|成为|位居|位列|排名|排在|居|在|于")
# a list's title after a place, up to the rank (榜 in it or opening the rank): no verb and no clause break (``_rules_pass``)
_LIST_SCOPE_GAP = re.compile(r"(?:(?!排名|排行第|位列|位居|居|排在|名列|登上|荣登|为|是|跻身|进入|入选|上榜)[^，。；,;\n]){0,24}")
# 前十大权重股分别为, 前十大涨幅标的分别是: the noun right after a top N that introduces its list (标的, "holding", outside;
# not a counted noun, 前10个省份为: that is the rank's scope)
_RANKED_NOUN = re.compile(r"(?![的名位强大个家只座所款支]|分别|分別|依次|依序)([\u4e00-\u9fff]{1,6}?)(?:标的|標的)?(?=分别为|分别是|分別為|分別是|依次为|依次是|"
                          r"依次為|依序为|依序為|依序是|包括|为|是|[：:])")
# the rest of a quoted list title after a rank in it (…100强排行榜”): its closing quote within 12 characters, no quote
# or clause mark between, so the rank lies inside the title
_LIST_TITLE_AFTER = re.compile(r"[^“”\"「」《》\n，。；]{0,12}?(?:榜单|排行榜|榜|名单)[”\"」》]")
# a quoted top-N list's name (“中国民营企业500强”上榜企业数居全国城市首位, “三个500强”企业, “50强”): the rank ends in 强 and
# closes the quote, whose opening quote lies at most 12 characters back with no clause mark between. News train, extension,
# dev and RANKING-batch gold: 0 of the 5 such ranks (4 documents) have a RANKING. A title the name is awarded (获评/评为/
# 入选“市高转十强”, the seeds) ranks it: not after 评/为/获/选.
_QUOTED_TOP_AFTER = re.compile(r"(?<=[强強])[”\"」』]")
_QUOTED_TOP_BEFORE = re.compile(r"(?<![评評为為获獲选選])[“\"「『][^“”\"「」『』，。；,;\n]{0,12}\Z")
# a top N in 强 with another rank after it in its clause (全球百强科技集群城市排名第14位, 龙虎榜营业部百强榜排名第一, 百强榜前十
# 中): the top N is the list's name. News train, extension, dev and RANKING-batch gold: 0 of the 5 such ranks have a RANKING
_LIST_THEN_RANK = re.compile(r"[^，。；,;！？!?\n]{0,16}")
# the class a top N counts and 中 closing the clause right after the rank (TOP30企业中，…): "among the top N …", a frame
# (the news train, extension and dev gold rank no name before such a rank; the names after it come from a list)
_AMONG_AFTER = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,8}?(?:企业|公司|品牌|城市|车企|银行|券商|基金|应用|产品|国家|经济体|企業|車企|"
                          r"銀行|國家|應用|產品|客户|客戶|股东|股東)(?:中|之中|里|当中|當中)[，,]")
# a denied entry or copula right before a rank (竟无一款产品入围性价比榜单前五, 未能进入前十, 未能入三甲, 甚至不是富岭的前五大客户):
# nothing is ranked (``_rules_pass``)
_ENTRY_DENIED = re.compile(r"(?:(?:无一|無一|没有|沒有|未能|未曾|并未|並未|无缘|無緣|未(?![来來]))[^，。；,;\n]{0,10}?"
                           r"(?:入围|入圍|进入|進入|上榜|入选|入選|挤进|擠進|跻身|躋身|登上|闯入|闖入|入)"
                           r"|(?:不是|并非|並非|并不是|並不是|不再是|未成为|未成為))[^，。；,;\n]{0,12}\Z")
# a rank contested or aimed at in its clause (奥克斯与小米争夺家用空调第四？, 特朗普：目標排名第一): nothing is ranked yet,
# as with a forecast (news train, extension, dev and RANKING-batch gold: 0 of the 3 ranks after 争夺/目标 in their clause
# have a RANKING, 3 documents) (``_rules_pass``)
_ASPIRED_RANK = re.compile(r"(?:争夺|爭奪|角逐|目标|目標)[^，。；,;\n]{0,12}\Z")
# the same contest named after the rank (广州重庆的第四城之争, 对经济第四城的攻守): nothing is ranked (session 56: news train,
# extension, dev and RANKING-batch gold: 0 of the 5 ranks so followed have a RANKING, 3 documents)
_CONTESTED_AFTER = re.compile(r"[”\"」』]?(?:之争|之爭|的争夺|的爭奪|争夺战|爭奪戰|的攻守|攻守|保卫战|保衛戰)")
# a count of members entering a list between a name and the rank (美国则有3家企业入榜前十, 印度，共有5家擠進百強): the
# members are ranked, not the place or group that has them (``_rules_pass``)
_COUNTED_ENTRANTS = re.compile(r"(?:[0-9０-９]+|[一二两兩三四五六七八九十百]+)\s*(?:家|間|间|个|個|所|座|款|只|隻|名|位|支)"
                               r"[^，。；,;\n0-9]{0,8}?(?:入榜|上榜|入围|入圍|挤进|擠進|进入|進入|跻身|躋身|挺进|挺進|入选|入選|"
                               r"闯入|闖入)[^，。；,;\n]{0,12}\Z")
# 在<field or list>中(的)?排名/位列/获…: the frame a rank right after it is held in (``_rules_pass``)
_RANK_FRAME = re.compile(r"在([^，。；！？!?\n在]{2,40}?)(?:中|上|里|内)[，,]?\s*(?:的)?\s*(?:排名|排行|排至|排在|排|位列|位居|"
                         r"名列|高居|居|获得|获|荣获|夺得|跻身|进入|入选|位于|列|同样占据|占据)?\s*(?=\S{0,2}\Z)")
_ASIDE = re.compile(r"\s*[（(][^（）()\n]{1,40}[)）]")
_AFTER_STOP = re.compile(r"[，。；：,;:、)）(（\n/]|的|是|在|有(?!效)|共|将|已|正|获|入选|占|为|达")


def _with_metrics(doc: Document, facts: list, data: dict) -> list:
    """Every fact names what it measures (SCHEMA §5): a fact without a metric span takes the one of
    the fact before it in the same sentence (北京(1210家)和上海(1032家) share 企业总量), else the noun
    phrase right after its value (1026家“小巨人”企业); a fact with none of these is dropped."""
    out, pending = [], []
    last_by_sent, by_sent = {}, {}  # sentence -> the metric of its last fact; its facts with a metric, in order
    for f in facts:
        sent = _sent_of(doc, f.value.start)
        if f.metric is None and doc.norm[_after_value(doc, f.value):_after_value(doc, f.value) + 1] == "的":
            f.metric = _metric_after(doc, f.value, data)  # 近十倍的就业贡献
        if f.metric is None:
            f.metric = (_label_before(doc, f.value) or last_by_sent.get(sent) or _metric_after(doc, f.value, data)
                        or _metric_before(doc, f, sent, data) or _metric_label_line(doc, f.value, data))
        if f.metric is None and f.type == "RANKING":
            pending.append((sent, f))  # 印度保持第三位，有68家独角兽企业: the next fact of the sentence may name it
            continue
        if f.metric is None:
            continue
        last_by_sent[sent] = f.metric
        out.append(f)
        by_sent.setdefault(sent, []).append(f)
    for sent, f in pending:
        nxt = next((g for g in by_sent.get(sent, ()) if g.value.start > f.value.start), None)
        if nxt is None:  # 冰島位居榜首。…奧地利排名第三: what the document ranks was named with an earlier ranking
            # (session 26: over the 710 training documents cross-fitted RANKING 0.575 -> 0.592, no new false facts on
            # the 812 news documents with the shipped model; news dev + select unchanged)
            nxt = max((g for g in out if g.type == "RANKING" and g.value.start < f.value.start),
                      key=lambda g: g.value.start, default=None)
        if nxt is not None:
            f.metric = nxt.metric
            out.append(f)
            by_sent.setdefault(sent, []).append(f)
    return out


# a label written with a colon right before a value (招股價:4.98元 暗盤價:7.15元, 首日收報:6.5元)
_LABEL_BEFORE = re.compile(r"(?:^|(?<=[\s，,；;。（(]))([\u4e00-\u9fffA-Za-z]{2,8})[:：]\s*\Z")


def _label_before(doc: Document, value):
    """The label a value is written after with a colon (招股價:4.98元): what it measures, not the label after it."""
    m = _LABEL_BEFORE.search(doc.norm, max(0, value.start - 12), value.start)
    return doc.span(*m.span(1)) if m else None


def _after_value(doc: Document, value) -> int:
    """Where the words after a value begin: past markup and a unit left outside the span (**95**家)."""
    norm, lo = doc.norm, value.end
    while norm[lo:lo + 1] in (" ", "*"):
        lo += 1
    unit = str(value.attrs.get("unit") or "")
    if len(unit) == 1 and norm[lo:lo + 1] == unit and not value.text.endswith(unit):
        lo += 1
        while norm[lo:lo + 1] in (" ", "*"):
            lo += 1
    return lo


# the words after a value go on to the next value of a list or range (1.66亿、1.50亿和0.24亿元, 升6.218%至每股8.37元,
# 跌144点或逾2%, 分列第四和第五): they name no metric (none of the training gold's metrics is such a phrase)
_LIST_JOINS = ("和", "及", "与", "以及", "或")
_NEXT_VALUE = re.compile(r"(?:和|及|与|或|以及|至|到)\s*[+\-−]?\s*(?:约|近|逾|超|每股)?\s*[\d第]")


def _metric_after(doc: Document, value, data: dict):
    _, se = _sent_of(doc, value.start)
    lo = _after_value(doc, value)
    lo += 1 if doc.norm[lo:lo + 1] == "的" else 0  # 以347家的新增数量
    if _NEXT_VALUE.match(doc.norm, lo):
        return None
    hi = min(se, lo + data["max_metric"])
    stop = _AFTER_STOP.search(doc.norm, lo, hi)
    return _metric_span(doc, lo, stop.start() if stop else hi, data)


def _metric_before_value(doc: Document, e, lo: int, sent_lo: int, data: dict):
    """The metric span between the subject (or clause start) ``lo`` and the value ``e``. When a figure
    lies in between (``入库企业2397家(新增94家)``, ``这1333家企业总市值``), only the words after it count;
    when ``e`` is an item of a list (``1500家规上工业企业、800余家…``) or comes right after a verb
    that takes it as object (``累计认定42家…企业``), the noun phrase after the value names it.
    ``sent_lo``: the index of the sentence's first entity in the :class:`_Index`."""
    norm = doc.norm
    idx = _index(doc)
    i = idx.pos[id(e)]
    fig = next((f for f in idx.of_kind(("FIGURE",), bisect.bisect_left(idx.starts, lo, sent_lo, i), i, reverse=True)
                if f.end <= e.start), None)  # the last figure in between
    if fig is not None:
        lo = fig.end
        unit = str(fig.attrs.get("unit") or "")
        rest = norm[lo:e.start].lstrip(" *")
        if len(unit) == 1 and rest.startswith(unit) and not fig.text.endswith(unit):
            lo = e.start - len(rest) + 1
        if norm[lo:e.start].strip(" *").endswith(("、", "，", ",")):
            return _metric_after(doc, e, data)
    before = norm[lo:e.start].strip(" *\n")
    if fig is not None and before in _LIST_JOINS:
        return None  # 20.36亿元以及18.79亿元: the last item of a list shares its metric (_with_metrics)
    left = data["_strip_left"].match(before)
    before = before[left.end():] if left else before
    verbs = data["_object_verbs"]
    if before and (before in verbs or (before.endswith("了") and before[:-1] in verbs)):
        after = _metric_after(doc, e, data)
        if after is not None:
            return after
    return _metric_bare(doc, lo, e, data) or _metric_span(doc, lo, e.start, data)


# a quantity that moves from one figure to another (出口量已从2021年的30.8万辆快速增长至2024年的128万辆, 失业率从上个月的
# 4.1%下降至4%, 股价从节前收盘的9.53元一路涨到如今的28.94元): both figures measure the words before 从, not the dates
# or the verb between them
_FROM_LEAD = re.compile(r"[^\d，。；：,;:\s]{1,6}的")  # 上个月的, 节前收盘的: a time named in words
_FROM_GAP = re.compile(r"[\s*]*(?:的[\s*]*)?(?:约|近|超过|超|逾)?[\s*]*[+\-−]?")
_FROM_ADVERB = re.compile(r"(?:已经|已|也|均|则|都|亦|更|却)$")
_TO = re.compile(r"[^，。；：,;:\n]{0,10}?(?:至|到)了?")
_COMMAS = "，,"


def _from_to_metric(doc: Document, e, lo: int, subject, data: dict):
    """The metric of a FIGURE ``e`` that is either end of a from-to change (above): the span between ``lo`` (the
    clause or ``subject`` end) and 从 (the clause before, where 从 opens the clause), or None where ``e`` is not such
    an end. Only a time (a date, or words ending in 的) may stand between 从 and the first figure, and only the change
    verb with 至/到 and a time between the two figures."""
    norm = doc.norm

    def at(q, kind):  # the entity of ``kind`` starting at ``q``, or None
        return next((x for x in _starting_in(doc, q, q + 1) if x.type == kind), None)

    def figure_after(q):  # the figure a time and 的 away from ``q``, or None
        for _ in range(2):
            for r in (q, _FROM_GAP.match(norm, q).end()):
                f = at(r, "FIGURE")
                if f is not None:
                    return f
            d = at(q, "DATE")
            m = _FROM_LEAD.match(norm, q) if d is None else None
            if d is None and m is None:
                return None
            q = d.end if d is not None else m.end()
        return None

    p = max(norm.rfind(c, lo, e.start) for c in "从由自")
    if p < 0:
        return None
    first = figure_after(p + 1)
    if first is None or first.start > e.start:
        return None
    to = _TO.match(norm, first.end)
    second = figure_after(to.end()) if to else None
    if second is None or (first is not e and second is not e):
        return None
    if not norm[lo:p].strip(" *") and norm[lo - 1:lo] in _COMMAS:
        # (台灣…的投資件數，從2021年的34.6％驟減至2024年的22％: 从 opens the clause, the quantity ends the one before)
        idx = _index(doc)  # (the last clause mark or line break before the comma, from the index: no scan back)
        a = max((marks[k - 1] for marks in (idx.clause_ends, idx.newlines)
                 if (k := bisect.bisect_left(marks, lo - 1))), default=-1) + 1
        if subject is not None and a <= subject.end < lo:
            a = subject.end
        return _metric_span(doc, a, lo - 1, data)
    m = _FROM_ADVERB.search(norm, lo, p)
    p = m.start() if m else p  # (市占也从6.8%升至7.1%: 市占, whose 占 is no verb here)
    return _metric_span(doc, lo, p, data) or _metric_span(doc, lo, p, data, strip=False)


# 藍籌52隻升，27隻下跌，4隻無升跌: a count of stocks is measured by the move after it, not by the set before it
# (the training gold: 28 such counts read the set before it, none right; session 35)
_STOCK_MOVE = re.compile(r"(?:升|跌|下跌|上涨|上升|下降|无升跌|涨停|跌停)(?=[，。；,;、\s]|$)")


def _stock_move(doc: Document, e):
    """The move right after a count of stocks ``e`` (52隻升 → 升), or None."""
    if e.attrs.get("unit") != "只":
        return None
    m = _STOCK_MOVE.match(doc.norm, _after_value(doc, e))
    return doc.span(m.start(), m.end()) if m else None


def _metric_bare(doc: Document, lo: int, e, data: dict):
    """``…，增长12%``, ``…，同比下降3%``: when only a verb of change (with its comparison base) stands before
    the value, that phrase names it (GUIDELINES N18), not the base alone once the verb is stripped."""
    m = data["_change"].fullmatch(doc.norm, lo, e.start)
    return doc.span(m.start(1), m.end(1)) if m else None


def _metric_before(doc: Document, f, sent: tuple, data: dict):
    """``…企业技术规模最接近上市公司水平，达到七至八成``: the clause before names what is measured."""
    ss = sent[0]
    cs = _clauses(doc, ss, f.value.start)
    date = None
    for a, b in zip(reversed(cs[:-1]), reversed(cs[1:])):
        lo = a
        if f.subject is not None and a <= f.subject.end <= b:
            lo = f.subject.end
        m = _metric_span(doc, lo, b - 1, data)
        if m is not None and not _is_date(doc, m):
            return m
        date = date or m
    return date  # (a fact whose clauses name nothing else keeps the date rather than be dropped)


def _is_date(doc: Document, m) -> bool:
    """Whether the span ``m`` is a DATE entity: a date says when, never what is measured (净利润的增速大起大落：2019年：
    5.67亿元 reads the clause before 2019年; no gold metric of the training documents is a DATE)."""
    return any(x.type == "DATE" and x.end == m.end for x in _starting_in(doc, m.start, m.start + 1))


def _metric_label_line(doc: Document, value, data: dict):
    """Card layouts (``134个，占…`` over a label line ``多单位合作项目``): the short line after."""
    norm = doc.norm
    end = _index(doc).next_newline(value.end)
    if end < 0:
        return None
    m = re.match(r"\s*([^\n]{2,15})\n", norm[end:end + 40])
    if not m or re.search(r"[0-9。，,；;：:]", m.group(1)):
        return None
    a = end + m.start(1)
    return _metric_span(doc, a, a + len(m.group(1).rstrip()), data)


def rule_hints(doc: Document, data: dict) -> dict:
    """id(value) → the subjects the rules give it (None for an unnamed aggregate); values the
    rules give no fact are absent. The learned chooser reads these as features."""
    return _hints_of(find_facts(doc, data, None))


def _hints_of(facts: list) -> dict:
    out = {}
    for f in facts:
        if f.position is None:
            out.setdefault(id(f.value), []).append(f.subject)
    return out


def _previous_value(doc: Document, e, ss: int, data: dict) -> bool:
    """A release's previous value (高於預期和前值的2.9%, 前值+0.4%, 前值大幅上修至30.7萬個, 預期及前值均漲2.9%): a
    measured fact, unlike the forecast beside it. Session 52 q3: the news train, extension and dev gold 11 of 11
    figures at most 6 characters after 前值 in their clause are fact values (5 documents), 10 of them the
    release's country; the chooser gave 7 no fact (facts.json previous_value_before)."""
    rx = data.get("_previous_value_before")
    return rx is not None and rx.search(doc.norm[max(ss, e.start - 12):e.start]) is not None


def _current_value_subject(doc: Document, e, facts: list):
    """The subject of the value a previous value goes with: that of the last METRIC fact before it in its
    paragraph, within 60 characters and no full stop between (1月CPI按年增3%，高於預期和前值的2.9%；按月增0.5%，
    亦高於預期及前值0.4%: 美國 for all four; the gold gives the previous value the release's country 10 of 11)."""
    for f in reversed(facts):
        v = f.value
        if f.type == "METRIC" and f.subject is not None and v.end <= e.start:
            gap = doc.norm[v.end:e.start]
            if len(gap) <= 60 and not re.search(r"[。！？!?\n]", gap):
                return f.subject
            return None
    return None


def _chosen_fact(chooser, rows: list) -> int:
    """The chooser's best option other than no fact (row 0)."""
    rule = getattr(chooser, "_rule_option", None)
    if rule is not None:
        chooser._rule_option = rule - 1 if rule else None  # the rules' option, counted in ``rows[1:]``
    return 1 + chooser.choose(rows[1:])


def _chosen(doc, e, ents, starts, ss, se, date, data, chooser, remention, hint, metric) -> list:
    """The facts the learned chooser picks for value ``e`` (none, one, or — when it agrees with
    the rules on a coordinated subject — one per coordinated subject)."""
    # The chooser's candidates are entities of ``chooser.subject_types`` within ``chooser.reach``
    # characters of the value, so only those of the sentence are handed over (an entity that ends
    # within reach before the value starts at most the length of the document's longest entity earlier).
    idx = _index(doc)
    near = list(idx.of_kind(chooser.subject_types,
                            bisect.bisect_left(starts, max(ss, e.start - chooser.reach - idx.longest)),
                            bisect.bisect_left(starts, min(se, e.end + chooser.reach + 1))))
    if e.type == "RANK" and not chooser.candidates(e, near, hint)[1]:
        return []  # a RANKING needs a subject, and there is no candidate
    cands, rows = chooser.options(doc, e, near, remention, hint=hint)
    k = chooser.choose(rows)
    if k == 0 and e.type == "FIGURE" and _previous_value(doc, e, ss, data):
        k = _chosen_fact(chooser, rows)
    elif k == 0 and e.type == "FIGURE" and data.get("_total_before") is not None and data["_total_before"].search(
            doc.norm[max(ss, e.start - 4):e.start]):
        k = 1  # 省份共计22个, 23个城市中有10个, A股已有数百家: a total of an unnamed set (see facts.json total_before)
    if k == 0:
        return []
    subject = cands[k - 2] if k >= 2 else None
    if e.type == "RANK" and subject is None:
        return []  # a RANKING always has a subject
    subjects = hint if hint and subject in hint else [subject]
    typ = "RANKING" if e.type == "RANK" else "METRIC"
    return [Fact(typ, s, e, metric, date) for s in subjects]


# between a list closed by 等 and a value: a word that gives the value to each member (都, 均, 各)
_EACH_AFTER_DENG = re.compile(r"[^，,。；;：:\n]{0,24}?(?:都|均|皆|各|亦|也)")


def _each_after_deng(doc, deng, e) -> bool:
    """``鸣志电器、恺英网络、比亚迪等重仓股年内的涨幅都超过了10%``: a list closed by 等 (``deng``: its
    :data:`_DENG_AFTER` match) whose value is stated for each member (都, 均, 各 between them), not the count or
    total of an unnamed group."""
    return bool(_EACH_AFTER_DENG.match(doc.norm, deng.end(), e.start))


def _paired_after_deng(doc, subject, e, sent_all: list, figs: list, ss: int, se: int) -> bool:
    """``汽车制造、金属制品和计算机通信等行业增加值分别增长21.5%、15.9%和9.6%``: a list closed by 等 whose values follow
    one for one after 分别 names each member, not an unnamed group (the pairing below then gives each value its own)."""
    if "分别" not in doc.norm[subject.end:e.start]:
        return False
    chain = _coordinated(doc, subject, sent_all)
    if len(chain) < 2:
        return False
    fstarts = _index(doc).fig_starts
    vals = _value_chain(doc, e, figs[bisect.bisect_left(fstarts, ss):bisect.bisect_left(fstarts, se)])
    return len(vals) == len(chain)


# what a rank may count among a holder's relations (通威股份为美科股份前五大客户, 天门农商银行第八大股东, 麦当劳全球第二大市场)
_HOLDER_NOUN = re.compile(r"(?:大)?(?:股东|股東|客户|客戶|供应商|供應商|市场|市場|贸易伙伴|貿易夥伴|债权人|債權人|重仓股|重倉股|持仓|持倉)")
_HOLDER_GAP = re.compile(r"\s*(?:的)?\s*(?:全球|全国|国内|境内|海外)?\s*")  # between the holder and the rank
# 麻六记从2022年起跃升为|阿宽食品的…; 微软仍在|桥水的前十大持仓之列 (the names before 在 are among the holder's top N)
_COPULA_BEFORE = re.compile(r"[^，,。；;：:\n]{0,12}?(?:为|是|成为|作为|係|系)\s*"
                            r"|\s*(?:仍|均|都|也|亦|依然|仍然)?(?:在|位于|位列|跻身|进入|躋身|進入)\s*")
# 出现在拓维信息龙虎榜买方第二位: a stock's buying or selling side of its daily list ranks the seats trading it
_PARTNER_NOUN = re.compile(r"(?:大)?(?:股东|股東|客户|客戶|供应商|供應商|债权人|債權人)")  # a top N of a firm's partners
_SIDE_BEFORE = re.compile(r"\s*(?:的)?\s*(?:龙虎榜|龍虎榜)?\s*(?:买方|卖方|買方|賣方|买入方|卖出方|買入方|賣出方)\s*")
_COPULA_AFTER = re.compile(r"\s*(?:为|是|係|系)\s*")  # 辽宁农商行的第一大股东为辽宁金控


def _holds_ranked(doc: Document, holder, rank) -> bool:
    """Whether ``holder`` right before ``rank`` holds what the rank counts: 美科股份前五大客户, 辽宁农商行的第一大股东."""
    return holder.end <= rank.start and (_HOLDER_NOUN.match(doc.norm, rank.end) is not None
                                         and _HOLDER_GAP.fullmatch(doc.norm, holder.end, rank.start) is not None
                                         or _SIDE_BEFORE.fullmatch(doc.norm, holder.end, rank.start) is not None)


def _holder_ranked(doc: Document, holder, rank, in_sent: list):
    """``通威股份为美科股份前五大客户``, ``辽宁农商行的第一大股东为辽宁金控``, ``作为万科第一大股东，深铁集团…``: where the
    entity before a rank holds what is ranked (:func:`_holds_ranked`: its shareholders, customers, markets), the
    ranked one is the entity joined to it by 为/是/成为/作为 (or 在: 微软仍在桥水的前十大持仓之列), before it or after the
    ranked noun (a stock's 龙虎榜 side before the rank holds the seats it ranks: :data:`_SIDE_BEFORE`); None when there is
    no such entity: the ranked one is not named (工银瑞信基金第二大股东变更; the news gold never ranks the holder,
    at 10 such ranks of its train, extension, dev and select splits)."""
    norm = doc.norm
    noun = _HOLDER_NOUN.match(norm, rank.end)
    noun_end = noun.end() if noun else rank.end  # (拓维信息龙虎榜买方第二位: the side named before the rank)
    parties = SUBJECT_TYPES + ("PERSON",)  # (张三为星河科技第一大股东: a person may hold the stake)
    after = _COPULA_AFTER.match(norm, noun_end)
    if after and after.end() > noun_end:
        nxt = next((p for p in in_sent if p.start == after.end()), None)
        if nxt is not None and nxt.type in parties:
            return nxt
    before = next(iter(_ending_by(in_sent, holder.start)), None)  # the entity right before the holder, no other
    if before is not None and before.type in parties and _COPULA_BEFORE.fullmatch(norm, before.end, holder.start):
        return before
    lead = norm[_clause_start(norm, _sent_of(doc, holder.start)[0], holder.start):holder.start].strip()
    if lead in ("作为", "作為"):  # 作为万科第一大股东，深铁集团首先要…: the first name of the next clause
        comma = norm.find("，", noun_end, noun_end + 8)
        nxt = next((p for p in in_sent if comma >= 0 and p.start > comma), None)
        if nxt is not None and nxt.type in parties and not norm[comma + 1:nxt.start].strip():
            return nxt
    return None


_ITEM_JOIN = ("、", "和", "及", "与", "與", "以及", ",", "，")
_ENUM_JOIN = ("", "、", "和", "及", "与", ",", "，")  # between the items of an enumerated list (adjacent ones too)
_RANK_JOIN = ("、", "和", "及", "与", "與", "以及")  # (not a comma: 华为排名第二，第三名是小米 are two statements)
_RANKS_INTRO = re.compile(r"\s*(?:名|位)?\s*(?:分别为|分別為|分别是|分別是|依次为|依次為|依次是)\s*[：:]?\s*")
# (前十大重仓股包括甲、乙等: a short noun of what is ranked may stand before 包括; session 43, cross-fitted RANKING +4 right)
_MEMBERS_INTRO = re.compile(r"(?:名|位|强|強|大)?(?:的[^，。；,;\n]{0,8}?|[\u4e00-\u9fff]{1,6}?)?(?:还包括|還包括|包括|中的|中有)"
                            r"\s*[：:]?\s*")


def _names_from(doc: Document, ents: list, k: int, pos: int, n_max: Optional[int], joins: tuple = _ITEM_JOIN,
                first_gaps: tuple = ("",), figures: bool = False) -> list:
    """The names of a list from ``ents[k]`` on, the first starting at ``pos`` (after an introducer, with one of
    ``first_gaps`` between), the others joined by one of ``joins``; all of one kind (:func:`_same_kind`), each perhaps
    followed by an aside in brackets (上海（49%）、河北) and, with ``figures``, by its own figure (汇洲智能+5.2%、卧龙电气);
    at most ``n_max``. Shared by the enumerated lists and the lists after joined ranks or a top N."""
    items, valued = [], False
    for i in range(k, len(ents)):  # (a slice or islice would walk or copy the entities before ``k`` each time)
        e = ents[i]
        if e.start < pos:
            continue
        gap = doc.norm[pos:e.start].strip()
        if figures and items and e.type == "FIGURE" and gap in ("", "+", "＋") and not valued:
            pos, valued = e.end, True
            continue
        if gap not in (joins if items else first_gaps):
            break
        if e.type not in SUBJECT_TYPES + NEAR_SUBJECT_TYPES or (items and not _same_kind(e, items[0])):
            break  # (the items of one list are of one kind: companies, places, people (富豪榜), sectors (涨幅前六的板块))
        items.append(e)
        pos, valued = e.end, False
        if len(items) == n_max:
            break
        aside = _ASIDE.match(doc.norm, pos)
        if aside:
            pos = aside.end()
    return items


def _ranks_then_names(doc: Document, rank, ents: list, first: int) -> list:
    """``排第四及第五位分别为荣耀及联想``: ranks joined after ``rank``, then 分别为 and as many names: ``[(rank, name)]``
    in order; [] otherwise."""
    ranks, k = [rank], first
    while k < len(ents) and ents[k].type == "RANK" and doc.norm[ranks[-1].end:ents[k].start].strip() in _RANK_JOIN:
        ranks.append(ents[k])
        k += 1
    if len(ranks) < 2:
        return []
    intro = _RANKS_INTRO.match(doc.norm, ranks[-1].end)
    if intro is None or intro.end() == ranks[-1].end:
        return []
    names = _names_from(doc, ents, k, intro.end(), len(ranks))
    return list(zip(ranks, names)) if len(names) == len(ranks) else []


def _listed_after(doc: Document, rank, ents: list, first: int) -> tuple:
    """``(names, closed)``: the names listed after a top N and an introducer of members (包括, 中的 …:
    ``_MEMBERS_INTRO``), at most N, and whether 等 closes them; ``([], False)`` where there are none."""
    top = rank.attrs.get("top")
    intro = _MEMBERS_INTRO.match(doc.norm, rank.end)
    if not top or intro is None or any(x.type == "RANK" for x in _starting_in(doc, rank.end, intro.end())):
        return [], False  # 百强营业部前十中的…: the names are another rank's
    names = _names_from(doc, ents, first, intro.end(), top)
    return names, bool(names) and bool(_DENG_AFTER.match(doc.norm, names[-1].end))


def _members_after(doc: Document, rank, ents: list, first: int) -> list:
    """``进入前十名的国家还包括瑞士、葡萄牙``, ``百强营业部前十中的国泰君安总部、华鑫证券上海分公司``: names said to be
    among a top N, fewer than N or as many closed by 等 (so no enumeration of the list): each is ranked in the top N,
    without a position."""
    names, closed = _listed_after(doc, rank, ents, first)
    return names if len(names) < (rank.attrs.get("top") or 0) or closed else []


# a later clause of the rank's sentence opening with 其中 or 如 (涨幅前十的公司中半数位于休闲食品行列，其中万辰集团、三只松鼠…;
# 排名前十的城市为非一线城市，如孝感、阜阳…等), or naming them after 有, 也包括 or 仅 (…，上榜的国产品牌有花知晓、毛戈平、恋火等)
_MEMBERS_LATER = re.compile(r"[^。；;！？!?\n]{0,30}?[，,]\s*(?:其中的?|例如|比如|如|[^，,。；;！？!?\n]{0,12}?"
                            r"(?:(?<![没沒])有|也包括|仅|僅))\s*")


def _members_later(doc: Document, rank, ents: list, first: int) -> list:
    """``2024年食品饮料板块涨幅前十的公司中半数位于休闲食品行列，其中万辰集团、三只松鼠…``, ``排在6到10位的重仓股，其中的
    金融街、喜临门、保利发展…``: two or more names listed right after 其中 in a later clause of a top N's (or a range's)
    sentence, fewer than it counts or closed by 等, are members of it without positions (GUIDELINES N20); none where
    another rank stands between. The news train, extension and dev gold ranks them at 2 of the 3 such lists (s068's
    industries, each with its own growth after 分别, are not ranked). Session 56: cross-fitted facts:RANKING
    0.8246 -> 0.8287 (+5 right, +2 wrong); news dev+select, the RANKING batches and the seeds unchanged. So do names
    right after 如/例如/比如 there (排名前十的城市为非一线城市，如孝感、阜阳、淮安、南充等: the batch-3 gold ranks them) and after
    有, 也包括 or 仅 late in such a clause (上榜的国产品牌有花知晓、毛戈平、恋火等; 其余四家也包括宝洁和金佰利; 百亿私募仅高毅资产、淡水泉、
    盘京投资3家: news gold u378, u216, batch 3 rk158 rank them all). Session 56: RANKING batch 3 0.756 -> 0.767
    (+4 right, -1 wrong); cross-fitted news, news dev+select, batches 1 and 2 and the seeds unchanged."""
    a = rank.attrs
    n = a.get("top") or (a["to"] - a["rank"] + 1 if a.get("to") and a.get("rank") else None)
    m = _MEMBERS_LATER.match(doc.norm, rank.end)
    if not n or m is None or any(x.type == "RANK" for x in _starting_in(doc, rank.end, m.end())):
        return []
    names = _names_from(doc, ents, first, m.end(), n)
    closed = bool(names) and bool(_DENG_AFTER.match(doc.norm, names[-1].end))
    return names if len(names) >= 2 and (len(names) < n or closed) else []


def _all_members(doc: Document, rank, ents: list, first: int) -> list:
    """``前十大重仓股包括海光信息、北方华创…华润微`` with exactly ten names and no 等: the names said to be in a top N are
    all of it, so they enumerate it in order (GUIDELINES N20: exactly N names listed); fewer, or a list closed by 等,
    are members without positions (:func:`_members_after`)."""
    names, closed = _listed_after(doc, rank, ents, first)
    return names if len(names) >= 2 and len(names) == rank.attrs.get("top") and not closed else []


def _valued_chain(doc: Document, rank, in_sent: list) -> list:
    """``利尔达+32.13%、三友科技+30.15%、荣亿精密+21.62%分列市值涨跌幅前三``: the names before ``rank``, each
    followed by its own figure and joined as coordinated names are, in order; [] when fewer than two."""
    chain, end, want_figure = [], rank.start, True
    for p in _ending_by(in_sent, rank.start):
        if p.end > end:
            continue
        gap = doc.norm[p.end:end]
        if want_figure:
            if p.type != "FIGURE" or not (_CHAIN_GAP.match(gap) if chain else _RANK_LEAD.fullmatch(gap)):
                break
            end, want_figure = p.start, False
            continue
        if p.type not in SUBJECT_TYPES + NEAR_SUBJECT_TYPES or gap.strip() not in ("", "+", "＋") \
                or (chain and not _same_kind(p, chain[0])):
            break
        chain.insert(0, p)
        end, want_figure = p.start, True
    return chain if len(chain) > 1 else []


# what may stand between the last figure of such a list and its rank: a verb and what is ranked (分列市值涨跌幅)
_RANK_LEAD = re.compile(r"[^，,。；;、：:\n]{0,16}")


def _counted_items(doc: Document, rank, ents: list, starts: list) -> list:
    """``美国、欧洲（除法国）、亚洲（除日本）分列其前三大市场``, ``第7至第10名依序为：美国连锁折扣卖场沃尔玛（Walmart）、…以及中国的
    国家电网``: the N items of a top-N (or range) rank, cut as :func:`extract.stages.propagate.counted_lists` cuts them
    (:func:`~extract.stages.propagate.counted_items`: after the rank's introducer or before its verb; asides and own
    figures left out), each the name that is the item or ends it; [] unless every item holds one, all of one kind."""
    patterns = counted_patterns()
    items = counted_items(doc.norm, rank, *patterns[:2], ents, starts) if patterns else []
    out = []
    for s, e in items:
        inside = ents[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
        name = next((x for x in inside if x.end == e and x.type in SUBJECT_TYPES + NEAR_SUBJECT_TYPES), None)
        if name is None or (out and not _same_kind(name, out[0])):
            return []
        out.append(name)
    return out


def _counted_before(doc, rank, chain: list) -> list:
    """``北京、上海、成都位居前三``: as many coordinated names before a top-N rank as N, in order, are the ranked list
    itself, so each takes its position (SCHEMA §5; the news gold does so at 3 of the 4 such lists of its train,
    extension and dev splits, and gives none at the 5 lists with fewer names than N: 深圳、广州…亦位居…前十). [] otherwise."""
    if len(chain) > 1 and rank.attrs.get("top") == len(chain) and "等" not in doc.norm[chain[-1].end:rank.start]:
        return chain
    return []


_NAME_KINDS = ("COMPANY", "ORG", "PERSON")


def _same_kind(a, b) -> bool:
    """Whether two list items are of one kind: one type, or both names of companies, bodies or people (the
    tagger confuses these inside lists: 吴光正 read as a company among the 富豪榜's people)."""
    return a.type == b.type or (a.type in _NAME_KINDS and b.type in _NAME_KINDS)


def _enumerated(doc, rank, ents, first, data):
    tail = doc.norm[rank.end:rank.end + 40]
    m = data["_list_intro"].search(tail)
    if not m or (rank.attrs.get("top") is None and rank.attrs.get("to") is None):  # a top-N or a range (第7至第10名)
        return []
    pos = rank.end + m.end()
    between = _starting_in(doc, rank.end, pos)
    if any(x.type == "RANK" for x in between):
        return []  # 前10名 前10名分别是…, 分列前五，六到十名的…分别为…: the list introduced is another rank's
    if between and between[-1].end >= pos:
        return []  # TOP10榜单中，华为、小米位列前三: the 为 that matched ends a name, it introduces nothing
    n_max = rank.attrs.get("top")
    if n_max is None and rank.attrs.get("to") and rank.attrs.get("rank"):
        n_max = rank.attrs["to"] - rank.attrs["rank"] + 1  # 第4至10位: seven items
    # (依次为：甲、乙: a colon may follow the introducer)
    items = _names_from(doc, ents, first, pos, n_max, joins=_ENUM_JOIN, first_gaps=_ENUM_JOIN + ("：", ":"), figures=True)
    return items if len(items) >= 2 else []


def _layout_list(doc: Document, rank, ents: list, first: int, headings: list, data: dict):
    """A top-N heading line (``TOP3亮点产业领域``) over a card layout: the next N lines that open
    with a named item (industry, company, place) are its items, in order, up to the end of the
    block (a prose sentence or the next heading). Returns (items, metric span of the heading)."""
    top = rank.attrs.get("top")
    norm = doc.norm
    end = _index(doc).next_newline(rank.end)
    end = len(norm) if end < 0 else end
    if not top or top > data["layout_max_top"]:
        return [], None
    if len(norm[rank.end:min(end, rank.end + 200)].strip()) > 20:
        return [], None  # (more than 20 characters after stripping needs at most 20 + the spaces around)
    rest = norm[rank.end:end]
    if len(rest.strip()) > 20 or re.search(r"[。，,；;：:]", rest):
        return [], None
    heads = _index(doc).heading_ids(headings)
    items = []
    for k in range(first, len(ents)):
        e = ents[k]
        if e.start - end > data["heading_span"] or len(items) == top:
            break
        line_start = _index(doc).prev_newline(e.start) + 1
        if "。" in norm[end:line_start]:
            break
        if id(e) in heads:
            break
        if norm[line_start:e.start].strip() or e.type not in SUBJECT_TYPES + ("INDUSTRY",):
            continue
        if items and e.type != items[0].type:
            continue  # the items of one list are of one kind
        items.append(e)
    return (items if len(items) >= 2 else []), _metric_span(doc, rank.end, end, data)


def _table_facts(doc: Document) -> list:
    out = []
    spans = {(e.start, e.end): e for e in doc.entities}
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    for table in doc.tables:
        # a caption line right above the table (按地区分布统计（截至2025年）) dates its rows
        prev = _index(doc).prev_newline
        cap_end = prev(max(0, table.start - 1))
        cap_end = table.start if cap_end < 0 else cap_end
        while cap_end > 0 and not doc.norm[prev(cap_end) + 1:cap_end].strip():
            cap_end = prev(cap_end)
        cap_start = prev(max(0, cap_end)) + 1
        tdate = next((e for e in doc.entities_between(cap_start, max(cap_start, cap_end), ents, starts)
                      if e.type == "DATE"), None) if cap_end > 0 else None
        key_role = next((h.role for h in table.header if h.role in ("COMPANY", "LOC")), None)
        for row in table.rows:
            subject = None
            for cell in row:
                if cell.role == key_role:
                    subject = spans.get((cell.start, cell.end))
                    break
            if subject is None:
                continue
            for cell, h in zip(row, table.header):
                inside = doc.entities_between(cell.start, cell.end, ents, starts)
                rank = next((e for e in inside if e.type == "RANK"), None)
                if rank is not None and cell.role != "FIGURE":
                    # 全球安防第二 in a 市场地位 cell: what is ranked is the cell text before the rank
                    # (scope words left out), else the header
                    lo = rank.start - len(str(rank.attrs.get("scope") or "")) if doc.norm[cell.start:rank.start].endswith(
                        str(rank.attrs.get("scope") or "\0")) else rank.start
                    m = _metric_span(doc, cell.start, lo, _load()) or Span(h.start, h.end, doc.text[h.start:h.end])
                    out.append(Fact("RANKING", subject, rank, m, tdate))
                    continue
                if cell.role != "FIGURE":
                    continue
                fig = next((e for e in inside if e.type == "FIGURE"), None)
                if fig is not None:
                    out.append(Fact("METRIC", subject, fig, Span(h.start, h.end, doc.text[h.start:h.end]), tdate))
    return out
