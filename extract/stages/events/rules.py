"""FUNDING events (SCHEMA §4) by patterns over the final entities.

Every trigger mention opens at most one event; a sentence may hold several. The
word lists and the senses that are ruled out are data in
``extract/data/events.json`` (each decision is written there as a ``_why_*``
note). Matching is on the normalized text, so both scripts share the rules.

Two kinds of trigger:

- **raise triggers** (融资, 募资, 募集, 筹资, 获投, 定增, 增资扩股, 发行…优先股 …): the
  company is the subject. A raise needs a cue in its clause (完成/获得/宣布…, a
  round or an amount), as before.

  - company: the nearest COMPANY before the trigger (``X完成…融资``), the
    whole list it closes (``如A、B、C等企业均完成…``), the one 后者/前者 points
    back to (also across ；), else a COMPANY after the trigger joined by 的
    (``完成B轮融资的X``), else none when the subject is an unnamed 公司/该公司;
    a coordinated list is several companies after 等 or 均/分别/先后;
  - passive (``Y获X领投的A轮融资``, ``Y获得X、Z的投资``): the company before
    获, the COMPANY/ORG between 获 and the trigger are investors;
  - investor: entities listed after 由/吸引了/引入… or marked 参投/跟投;
    lead_investor: an entity directly followed by 领投;
  - 增资 read as a raise needs an investor or an amount (an institution's own
    ``进行过4次增资`` is not a raise by investors).

- **investor verbs** (注资, 入股, 参股, 出资, 增资, 投资; in 战略投资 the trigger is 投资 and the round 战略): the investor is
  the subject, the company the object:

  - ``X注资Y`` / ``由X参股Y`` / ``A、B已先后入股C、D``: investors are the
    COMPANY/ORG list right before the verb, companies the COMPANY list after it;
  - ``X向Y注资`` / ``X对Y增资`` / ``X救Y注资``: the entity before a link word is
    the investor, the one right before the verb the company;
  - ``Y获X注资``: the company before 获, the investors between 获 and the verb;
  - ``X(已)完成对Y（…）的A轮投资`` / ``X宣布，对Y进行战略投资``, also with 融资 (``X宣布完成对Y的Pre-A轮融资``): Y, the
    COMPANY right after 对, raises; X, the party list before 对 with at most 已/宣布/完成 between, invests
    (:func:`_dui_parties`; not a plan, 即将敲定对Y的投资, nor 投资评级);
  - 投资 needs its company right after it (``X投资了Y``); 出资 needs a
    company whose shares it buys (``X出资…，购进Y25%的股份``);
  - not a deal: the verb as a noun modifier (参股公司, 入股比例) or an earlier
    stake named as background (``X投资的Y``).

``本轮融资由X领投`` (same or next sentence) adds its investors, leads and amount
to the raise named just before it.

Common to both: amount = the money FIGURE (unit 元/美元/港元…) of the clause
nearest the trigger; round = a round expression near the trigger, normalized
(``attrs.round``); date = the nearest DATE before the trigger in the sentence.
Not a raise: a trigger inside an entity name (某某投资管理公司), a hedge before
it in its sentence with no done cue after the hedge (计划/拟/可能/洽谈…), debt and bank business around it
(票据融资, 融资额度, 融资租赁 …), founding capital, donations and purchases of
equipment after it (出资设立, 资助), a part of a total named before (a sentence opening 其中，: breakdown). Two
triggers of one sentence that name the same companies are one deal: the later one only adds the roles the first lacks.
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache
from pathlib import Path

from extract.doc import Relation, Argument, Document, Event
from extract.registry import components
from extract.stages.facts import _part_start
from extract.stages.recognizers.figures import currency_units
from extract.config import DATA_DIR

# 甲领投 / 由甲和乙共同领投 / 甲 联合领投: the party (and the list it closes) leads the round; so does 由甲牵头 (B轮投资主要
# 包括由Coatue Management牵头且由…参与: news train, extension and dev gold 1 of 1 party before 牵头 in a FUNDING sentence is
# its lead investor; the other 牵头 of the gold stand in no raise: 牵头组建, 牵头出价, 牵头经办人, 大摩牵头的财团 (a loan))
_LEADS = re.compile(r"\s*(?:共同|联合|一同|一起|联袂|携手)?(?:领投|牵头)")

DATA = DATA_DIR / "events.json"
CLAUSE_MARKS = "，,；;：:"
PARTY = ("COMPANY", "ORG")
LIST_SEPS = ("、", "和", "与", "及", "以及", ",", "，")


def _alt(patterns) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@lru_cache(maxsize=2)
def _load(path: str = str(DATA)) -> dict:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    d["_raise_res"] = [re.compile(p) for p in d["raise_triggers"]]
    d["_invest_res"] = [re.compile(p) for p in d["invest_verbs"]]
    d["_trigger_re"] = re.compile(_alt(d["raise_triggers"] + d["invest_verbs"] + list(PROCEEDS_ONLY)))
    d["_round_re"] = re.compile(d["round_pattern"], re.I)
    d["_cue_re"] = re.compile("|".join(map(re.escape, d["completion_cues"])))
    d["_investor_cue_re"] = re.compile("|".join(map(re.escape, sorted(d["investor_cues"], key=len, reverse=True))))
    d["_passive_re"] = re.compile(_alt(d["passive_cues"]))
    d["_generic_re"] = re.compile(d["generic_subjects"])
    d["_done_re"] = re.compile(d["done_cues"])
    d["_conditional_re"] = re.compile(d.get("conditionals", "(?!)"))
    d["_negation_re"] = re.compile(d.get("negations", "(?!)"))
    d["_debt_rights_re"] = re.compile(d.get("debt_rights", "(?!)"))
    d["_this_round_re"] = re.compile(d["this_round"])
    d["_together_re"] = re.compile(d["together"])
    for key in ("hedges", "not_before", "not_after", "founding", "buy_verbs", "share_words", "amount_clause",
                "party_verbs", "invest_not_after", "breakdown", "breakdown_verbs"):
        d["_" + key] = re.compile(d[key])
    return d


def normalize_round(text: str, data: dict) -> str:
    t = text.replace("轮", "").replace("融资", "").replace(" ", "").strip()  # A 轮 (spaced news copy)
    for k, v in data["round_aliases"].items():
        if t.lower() == k.lower():
            return v
    return t.upper() if re.fullmatch(r"(?:pre-)?[a-g]\+?\d?", t, re.I) and not t.lower().startswith("pre") else \
        ("Pre-" + t[4:].upper() if t.lower().startswith("pre-") else t)


def _clause(norm: str, ss: int, se: int, pos: int) -> tuple:
    """The clause (between ，；： marks) of the sentence ``ss:se`` holding ``pos``."""
    a = max(norm.rfind(c, ss, pos) for c in CLAUSE_MARKS)
    bs = [i for i in (norm.find(c, pos, se) for c in CLAUSE_MARKS) if i >= 0]
    return (ss if a < 0 else a + 1, min(bs) if bs else se)


def _matches(norm: str, ts: int, te: int, res) -> bool:
    """Whether one of the patterns ``res`` matches exactly ``norm[ts:te]`` (lookaheads see the text after)."""
    for r in res:
        mm = r.match(norm, ts)
        if mm is not None and mm.end() == te:
            return True
    return False


class _Ctx:
    """What one trigger mention sees: the text, the sorted entities, its sentence and clause."""

    def __init__(self, doc: Document, data: dict, ents: list, starts: list, ts: int, te: int):
        self.doc, self.data, self.norm = doc, data, doc.norm
        self.ents, self.starts = ents, starts
        self.ts, self.te = ts, te
        self.ss, self.se = doc.sentence_of(ts)
        self.cs, self.ce = _clause(self.norm, self.ss, self.se, ts)

    def between(self, a: int, b: int) -> list:
        return self.doc.entities_between(a, b, self.ents, self.starts)


def find_events(doc: Document, data: dict) -> list:
    """FUNDING events: each trigger mention that reports a raise, with its arguments."""
    events = []
    norm = doc.norm
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    seen = []  # (sentence, frozenset of company ids, event) — one deal named by two triggers
    for m in data["_trigger_re"].finditer(norm):
        ts, te = m.span()
        word = m.group(0)
        lo = bisect.bisect_right(starts, ts)
        if any(e.end >= te for e in ents[max(0, lo - 20):lo]):
            continue  # inside a name: 某某投资管理公司
        c = _Ctx(doc, data, ents, starts, ts, te)
        listing = _listing_proceeds(c, word)  # the listing cue of an IPO's proceeds, else None
        if listing is None and word in PROCEEDS_ONLY:
            continue  # 集资 / 募得: a trigger only as a listing's proceeds
        if listing is None and data["_debt_rights_re"].search(norm, c.ss, c.se):
            continue  # 供股 / 配股 / 债券 in the sentence: a listed company's rights issue or debt, no round (debt_rights)
        if in_breakdown(norm, c.ss, ts, data):
            continue  # 其中，X增资约4.82亿元: a part of a total named before, no event of its own
        if _hedged(c) or data["_not_before"].search(norm[c.cs:ts]) \
                or (data["_not_after"].match(norm, te, c.ce) and listing is None):
            continue
        ev = None
        if _matches(norm, ts, te, data["_invest_res"]) and not data["_invest_not_after"].match(norm, te, c.ce):
            ev = _invest_event(c)
        listed = _listed_company(c) if listing is not None else None
        if listed is not None:
            listing = listed[1]  # 该股集资净额…: the date is the listing's (融信中国今日挂牌), not the grey market's
        if ev is None and (_matches(norm, ts, te, data["_raise_res"]) or word in PROCEEDS_ONLY):
            if data["_founding"].search(norm, te, c.ce):
                continue
            ev = _raise_event(c, word, events[-1] if events else None, listed[0] if listed else None)
        if ev is None:
            continue
        if listing is not None and not any(a.role == "date" for a in ev.arguments):
            date = _listing_date(c, listing)  # SailPoint昨日在纳斯达克上市。…募资总额为13.8亿美元: the listing's date
            if date is not None:
                ev.arguments.append(Argument("date", ref=date))
        key = frozenset(id(a.ref) for a in ev.arguments if a.role == "company")
        prev = next((p for s, k, p in seen if s == c.ss and k == key), None)
        if prev is not None:
            roles = {a.role for a in prev.arguments}
            prev.arguments += [a for a in ev.arguments if a.role not in roles]
            continue
        seen.append((c.ss, key, ev))
        events.append(ev)
    return events


# 募资总额为13.8亿美元 / 募资净额为19亿港元 / 该股集资净额17.74亿元: the proceeds of a listing the text reports
_PROCEEDS = re.compile(r"(?:总额|净额)(?:为|约为|约|达|高达)?\s*")
_LISTING = re.compile(r"上市|发行价|招股|IPO|挂牌|首挂|暗盘")
# 集资 and 募得 are no raise triggers of their own (a government or bank 集资, 本轮募得资金 said again) but state a listing's
# proceeds as 募资 does: 该股集资净额17.74亿元 after its 招股价, 完成上市，并募得资金7亿美元 (募得 needs no 总额/净额: the amount
# follows 资金). In the news train, extension and dev gold 2 of 2 such mentions are triggers (1 集资净额, 1 募得资金 + an
# amount after a listing; the other 募得资金 has no amount after it, the other 募得 no listing). Session 52: cross-fitted
# FUNDING triggers 42/20/18 -> 43/20/17, arguments 198/54/80 -> 201/54/77 (0.7472 -> 0.7542); news dev + select,
# DuEE cross-fitted (0.742) and the 126 negatives unchanged (该股集资净额… still opens none: its sentence names no company).
PROCEEDS_ONLY = ("集资", "募得")
_GAINED = re.compile(r"了?(?:资金|款项)?(?:总额|净额)?(?:为|约为|约|达|高达)?\s*")
# 募集 states a listing's proceeds with 资金 (or 总额/净额) and the amount right after: 发行价格49.6港元/股，IPO募集资金30.96亿港元.
# In the news train, extension and dev gold 1 of 1 such mention is a trigger (the rules took 募资/集资 only). Session 55:
# cross-fitted FUNDING triggers 0.7167 -> 0.7333 (with the two DuEE fixes of learned.py), arguments 0.7900 -> 0.7946.
_RAISED = re.compile(r"(?:资金)?(?:总额|净额)?(?:为|约为|约|达|高达)?\s*(?=[0-9０-９])")  # (募集资金的规模从70亿元: none)


def proceeds_after(norm: str, word: str, te: int):
    """The words between a proceeds trigger ``word`` ending at ``te`` and the amount (总额为, 资金 …), else None."""
    m = (_GAINED if word == "募得" else _RAISED if word == "募集" else _PROCEEDS).match(norm, te)
    if m is None or (word == "募集" and m.end() == te):
        return None
    return m


def _listing_proceeds(c: _Ctx, word: str):
    """An IPO's proceeds (募资/集资 + 总额/净额 + the amount) in a sentence, or after one, that names the listing:
    not the aggregate that ``not_after`` keeps out (融资总额, 累计募资总额). Returns the listing cue's match (上市,
    发行价 …), else None. In the news train, extension and dev gold 5 of the 8 募资/集资 + 总额/净额 mentions are
    FUNDING triggers, all 5 in this shape; the other three are cumulative (累计), planned (计划: hedged) or a market
    total with no amount after it (集资总额就减少逾五成)."""
    if word not in ("募资", "集资", "筹资", "募得", "募集"):
        return None
    m = proceeds_after(c.norm, word, c.te)
    if m is None or "累计" in c.norm[max(c.cs, c.ts - 4):c.ts]:
        return None
    money = next((e for e in c.between(m.end(), c.ce) if e.type == "FIGURE" and _is_money(e, c.data)), None)
    if money is None or money.start - m.end() > 2:
        return None
    return _LISTING.search(c.norm, _previous_sentence_start(c), c.ts)


# 该股集资净额17.74亿元: a listing's proceeds said of 该股 (the stock) name the company of the listing stated before
# (福建地产商融信中国(3301)今日挂牌, …该股定价…, 该股昨日…暗盘…, 该股集资净额…; the one such mention in the news train,
# extension and dev gold is a trigger with that company and date). Session 56 (w3trig): cross-fitted FUNDING triggers
# 0.7692 (45/12/15) -> 0.7797 (46/12/14), arguments 0.8192 -> 0.8260 (216/29/62).
_THIS_STOCK = re.compile(r"该股(?![东份权票本])")
_LISTED = re.compile(r"上市|挂牌|首挂")


def _listed_company(c: _Ctx):
    """``(company, cue)`` for proceeds whose sentence opens with 该股 and names no party before the trigger: going back
    over the sentences that also open with 该股, the last COMPANY before 上市/挂牌 in the first sentence that has one
    (and that cue); else None."""
    if not _THIS_STOCK.match(c.norm, c.ss) or any(e.type in PARTY for e in c.between(c.ss, c.ts)):
        return None
    ss = c.ss
    for _ in range(6):
        prev = _sentence_before(c, ss)
        if prev is None:
            return None
        ss, se = prev
        for cue in _LISTED.finditer(c.norm, ss, se):
            comps = [e for e in c.between(ss, cue.start()) if e.type == "COMPANY"]
            if comps:
                return comps[-1], cue
        if not _THIS_STOCK.match(c.norm, ss):
            return None
    return None


def _sentence_before(c: _Ctx, ss: int):
    """``(start, end)`` of the sentence before the one starting at ``ss`` (past the blank lines between), else None."""
    pos = ss - 1
    while pos >= 0 and c.norm[pos] in " \t\n\u3000":
        pos -= 1
    return c.doc.sentence_of(pos) if pos >= 0 else None


def _previous_sentence_start(c: _Ctx) -> int:
    """Where the sentence before the trigger's starts (past the blank lines between), else the trigger's own."""
    prev = _sentence_before(c, c.ss)
    return prev[0] if prev is not None else c.ss


def _listing_date(c: _Ctx, cue):
    """The last DATE before the listing cue ``cue`` (上市, 发行价 …: :func:`_listing_proceeds`) in its sentence."""
    lo = c.doc.sentence_of(cue.start())[0]
    dates = [e for e in c.between(lo, cue.start()) if e.type == "DATE"]
    return dates[-1] if dates else None


def in_breakdown(norm: str, ss: int, ts: int, data: dict) -> bool:
    """Whether the sentence (or its part after ；) holding the trigger at ``ts`` opens with 其中， (``breakdown`` of
    events.json): ``其中，X发售735万股，最高募资1.32亿美元`` breaks down a total named before, no deal of its own."""
    return data["_breakdown"].match(norm, _part_start(norm, ss, ts)) is not None


def breakdown_investors(doc: Document, events: list, data: dict) -> None:
    """Investors a breakdown names (``breakdown_verbs`` of events.json): the 其中， that follows an event's trigger in
    its sentence, or opens the next sentence, lists who put in how much (其中，广汽埃安增资约4.82亿元，珠投智能作为战略
    投资者增资约19.23亿元); each of its clauses opening with a company or organisation followed by 认购/增资/出资/注资
    adds that party as an investor of the event, unless the event has it already."""
    norm = doc.norm
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    for ev in events:
        ss, se = doc.sentence_of(ev.trigger.start)
        m = data["_breakdown"].search(norm, ev.trigger.end, se)
        if m is None and se < len(norm):  # 其中， opening the next sentence
            ss, se = doc.sentence_of(se)
            m = data["_breakdown"].match(norm, ss)
        if m is None:
            continue
        have = {id(a.ref) for a in ev.arguments if a.ref is not None}
        for e in doc.entities_between(m.end(), se, ents, starts):
            if e.type not in PARTY or id(e) in have:
                continue
            lead = norm[e.start - 1] if e.start > m.end() else "，"
            if lead in "，,；;" and data["_breakdown_verbs"].match(norm, e.end):
                ev.arguments.append(Argument("investor", ref=e))
                have.add(id(e))


def _hedged(c: _Ctx) -> bool:
    """A plan, wish, rumor or negotiation before the trigger in its sentence (旷视拟上市，募集资金…),
    unless the raise is reported as done after it (计划…，目前已完成融资); a condition (一旦完成融资) is
    hedged whatever follows it, and so is a trigger whose own clause says the raise did not happen (未能完成融资:
    ``negations``)."""
    if c.data["_negation_re"].search(c.norm, c.cs, c.ts):
        return True  # 无法/未能…融资 in the trigger's clause: said not to have happened
    last = None
    for h in c.data["_hedges"].finditer(c.norm, c.ss, c.ts):
        last = h
    if last is None:
        return False
    if c.data["_conditional_re"].fullmatch(last.group(0)):
        return True  # 一旦完成…融资: the done cue is inside the condition
    return c.data["_done_re"].search(c.norm, last.end(), c.ts) is None


# ------------------------------------------------------------------ raise triggers
def _raise_event(c: _Ctx, word: str, prev_event=None, listed=None):
    data, norm, ts, te = c.data, c.norm, c.ts, c.te
    # a raise needs a cue in its clause (完成…融资, 获…投资, a round or an amount);
    # 融资市场活跃 / 大额融资之一 / 融资频率 talk about financing in general
    prefix = norm[c.cs:ts]
    has_round = data["_round_re"].search(norm, c.cs, te + 2) is not None
    money_in_clause = [e for e in c.between(c.cs, _amount_end(c)) if e.type == "FIGURE" and _is_money(e, data)]
    this_round = prev_event is not None and data["_this_round_re"].search(norm, c.cs, ts) is not None \
        and 0 <= ts - prev_event.trigger.start <= data["back_chars"]
    if not (data["_cue_re"].search(prefix) or has_round or money_in_clause or word == "发行" or this_round):
        return None  # 发行…优先股/新股 states the raise itself
    before = c.between(c.ss, ts)
    after = c.between(te, c.se)
    # investors: after an investor cue following the trigger (吸引了A、B), or marked 参投/跟投/领投
    inv_cue = data["_investor_cue_re"].search(norm, te, c.se)
    investors = [e for e in after if e.type in PARTY and inv_cue and e.start >= inv_cue.end()]
    leads = []
    for e in before + after:  # X领投, and the whole list it closes (由A和B领投)
        if e.type in PARTY and _LEADS.match(norm, e.end):
            leads += [x for x in _list_ending(norm, [x for x in before + after if x.end <= e.end], PARTY)
                      if x not in leads]
    investors = [e for e in investors if e not in leads]
    investors += [e for e in before + after if e.type in PARTY and e not in leads and e not in investors
                  and norm.startswith(tuple(data["investor_after"]), e.end)]
    # passive: Y获X(领投)的…融资 — the parties between 获 and the trigger invest, Y raises
    passive = None
    for pm in data["_passive_re"].finditer(norm, c.cs, ts):
        passive = pm
    if passive is not None:
        mid = [e for e in c.between(passive.end(), ts) if e.type in PARTY]
        if mid and [e for e in c.between(c.ss, passive.start()) if e.type == "COMPANY"]:
            investors += [e for e in mid if e not in leads and e not in investors]
    dui, dui_investors = _dui_parties(c)  # 腾信投资宣布完成对宁波市灵亮智能科技有限公司的Pre-A轮融资
    investors += [e for e in dui_investors if e not in leads and e not in investors]
    taken = {id(e) for e in investors + leads}
    companies = dui or _subjects(c, [e for e in before if id(e) not in taken])
    if not companies:
        # …完成B轮融资的X: a company after the trigger, joined by 的 (…就被Y收购的X: past Y, whose gap has no 的)
        for e in after:
            if e.type == "COMPANY" and id(e) not in taken and e.end <= c.ce:
                gap = norm[te:e.start]
                if len(gap) > 12:
                    break
                if "的" in gap:
                    companies = [e]
                    break
    if companies and data["_party_verbs"].search(norm, max(companies[-1].end, _part_start(norm, 0, ts)), ts):
        companies = []  # A与B签订的…增资合同: contract parties, not the raising company (within the clause after ；)
    if not companies and listed is not None:
        companies = [listed]  # 该股集资净额…: the company listed before (_listed_company)
    if not companies and this_round:
        # 本轮融资由X领投: the roles join the raise named just before
        have = {(a.role, id(a.ref)) for a in prev_event.arguments}
        roles = {a.role for a in prev_event.arguments}
        add = [Argument("lead_investor", ref=e) for e in leads] + [Argument("investor", ref=e) for e in investors]
        if "amount" not in roles:
            money = [e for e in money_in_clause if e.start >= c.cs]
            add += [Argument("amount", ref=money[0])] if money else []
        prev_event.arguments += [a for a in add if (a.role, id(a.ref)) not in have
                                 and not (a.role == "investor" and ("lead_investor", id(a.ref)) in have)]
        return None
    if not companies and not _generic_subject(c, [e for e in before if id(e) not in taken]):
        return None
    if word.startswith("增资") and not (investors or leads or money_in_clause):
        return None  # an institution's own 进行过4次增资: no investor, no amount
    ev = Event("FUNDING", c.doc.span(ts, te))
    ev.arguments += [Argument("company", ref=e) for e in companies]
    _common_args(c, ev, [e for e in before + after if e.start >= c.cs and e.end <= _amount_end(c)])
    ev.arguments += [Argument("lead_investor", ref=e) for e in leads]
    ev.arguments += [Argument("investor", ref=e) for e in investors]
    return ev


def _amount_end(c: _Ctx) -> int:
    """Where the trigger's amount may lie: its clause, and the next one when that names the amount
    (…增资合同，增资金额为7685万美元)."""
    if c.ce < c.se and c.data["_amount_clause"].match(c.norm, c.ce + 1, c.se):
        return _clause(c.norm, c.ss, c.se, c.ce + 1)[1]
    return c.ce


def _subjects(c: _Ctx, before: list) -> list:
    """The raising companies: the nearest COMPANY before the trigger, the whole list it closes
    (如A、B、C等企业均完成…), or the one 后者/前者 points back to (also across ；)."""
    norm, data, ts = c.norm, c.data, c.ts
    for word, pick in data["anaphora"].items():
        k = norm.rfind(word, c.ss, ts)
        if k >= 0 and not [e for e in before if e.start > k]:
            start = c.ss  # the antecedents may be in the sentence parts before ；
            while start > 0 and norm[start - 1] in "；;":
                start = c.doc.sentence_of(start - 1)[0]
            comps = [e for e in c.between(start, k) if e.type == "COMPANY"]
            if comps:
                return [comps[pick] if -len(comps) <= pick < len(comps) else comps[-1]]
    comps = [e for e in before if e.type == "COMPANY"]
    if not comps:
        return []
    last = comps[-1]
    group = [last]
    for prev in reversed(comps[:-1]):
        if norm[prev.end:group[0].start].strip() in LIST_SEPS:
            group.insert(0, prev)
        else:
            break
    together = "等" in norm[last.end:last.end + 3] or data["_together_re"].search(norm, last.end, ts) is not None
    return group if len(group) > 1 and together else [last]


def _generic_subject(c: _Ctx, before: list) -> bool:
    """公司…一举募集资金1000万元: an unnamed company is the subject (no ORG before the trigger)."""
    if any(e.type in PARTY for e in before):
        return False
    money = [e for e in c.between(c.cs, c.ce) if e.type == "FIGURE" and _is_money(e, c.data)]
    has_round = c.data["_round_re"].search(c.norm, c.cs, min(c.ce, c.te + 12)) is not None
    return (bool(money) or has_round) and c.data["_generic_re"].match(c.norm, c.ss, c.ts) is not None


# ------------------------------------------------------------------ investor verbs
def _invest_event(c: _Ctx):
    data, norm, ts, te = c.data, c.norm, c.ts, c.te
    word = norm[ts:te]
    ce = c.ce
    if word == "出资" and ce < c.se and data["_buy_verbs"].match(norm, ce + 1, c.se):
        ce = _clause(norm, c.ss, c.se, ce + 1)[1]  # 出资2200亿日元，购进Y25%的股份
    before = [e for e in c.between(c.cs, ts) if e.type in PARTY]
    after = [e for e in c.between(te, ce) if e.type == "COMPANY"]
    investors, companies = [], []
    # Y获(得)X(的)注资/投资: company before 获, investors between 获 and the verb
    passive = None
    for pm in data["_passive_re"].finditer(norm, c.cs, ts):
        passive = pm
    if passive is not None and len(norm[passive.end():ts]) <= 30:
        comps = [e for e in before if e.type == "COMPANY" and e.end <= passive.start()]
        if comps:
            companies = _list_ending(norm, comps, "COMPANY")
            investors = [e for e in before if e.start >= passive.end()]
    if not companies:
        companies, investors = _dui_parties(c)
    if not companies and before:
        last = before[-1]
        gap = norm[last.end:ts]
        prev = before[-2] if len(before) > 1 else None
        link = norm[prev.end:last.start] if prev is not None else ""
        if last.type == "COMPANY" and len(gap) <= 4 and prev is not None and len(link) <= 4 \
                and any(link.endswith(w) for w in data["link_words"]):
            # X向Y注资 / X对Y进行增资 / 政府救Y注资
            companies = [last]
            investors = _list_ending(norm, before[:-1], PARTY)
        elif len(gap) <= 8 and not re.search(r"[的之]", gap):
            # (由)X、Y(已先后)入股A、B
            investors = _list_ending(norm, before, PARTY)
            companies = _objects(c, after, te, word)
    if not companies and not investors and not word.endswith("投资"):
        # 参股A和B with an unrecognized subject: the named object still raised money
        companies = _objects(c, after, te, word)
    if not companies:
        return None
    ids = {id(e) for e in companies}
    investors = [e for e in investors if id(e) not in ids]
    ev = Event("FUNDING", c.doc.span(ts, te))
    ev.arguments += [Argument("company", ref=e) for e in companies]
    _common_args(c, ev, c.between(c.cs, max(ce, _amount_end(c))))
    ev.arguments += [Argument("investor", ref=e) for e in investors]
    return ev


# X(已)完成对Y(（…）)的A轮投资(融资) / X宣布，对Y进行战略投资 / 印尼投资局（INA）已完成对Y…的1.5亿美元投资
_DUI_ASIDE = r"\s*[（(][^（）()\n]{1,30}[)）]"  # an aside right after a name: （简称：灵亮智能）, （INA）
_DUI_GAP = re.compile(rf"(?:{_DUI_ASIDE})?\s*(?:进行了?|完成了?|的)?[^，,。；;！!？?\n]{{0,16}}?")
_DUI_LEAD = re.compile(rf"(?:{_DUI_ASIDE})?(?:\s*(?:已经|已|宣布|正式|完成了?|共同|联合|[，,]))*\s*")
_ASIDE_AFTER = re.compile(_DUI_ASIDE)
_DUI_NOT_AFTER = re.compile(r"评级|需求|力度|规模|价值|情绪|布局|合作|者|人|机构|方|热情|意愿|逻辑|机会|回报|收益")


def _dui_parties(c: _Ctx) -> tuple:
    """``(companies, investors)`` of ``X…对Y…投资`` or ``X…对Y的…融资`` (both empty if it does not read so): Y is the
    COMPANY right after 对 with at most an aside, 进行/完成/的 and a round or an amount before the verb; X the party list
    before 对 with at most an aside and 已/宣布/完成/正式 (and a comma) between: ``小米战投与顺为资本完成了对北京猫猫狗狗科技有限公司的A轮投资``,
    ``京东集团宣布，对新潮传媒进行战略投资``. A plan (即将敲定对…) or a background stake with no party before 对
    (代表案例包括对Materia的投资) reads nothing, nor does 投资 as a noun modifier (投资评级, 投资力度)."""
    norm, ts, te = c.norm, c.ts, c.te
    if not norm[ts:te].endswith(("投资", "融资")) or _DUI_NOT_AFTER.match(norm, te):  # (norm is simplified)
        return [], []
    ents = [e for e in c.between(c.ss, ts) if e.type in PARTY]
    for i in range(len(ents) - 1, -1, -1):
        y = ents[i]
        if y.type != "COMPANY" or norm[y.start - 1:y.start] != "对" or not _DUI_GAP.fullmatch(norm, y.end, ts):
            continue
        aside = _ASIDE_AFTER.match(norm, y.end)
        if any(e.start >= (aside.end() if aside else y.end) for e in ents[i + 1:] if e.type == "COMPANY"):
            return [], []  # another company between Y and the verb: not Y's round
        inv = [e for e in ents[:i] if e.end <= y.start - 1]
        if inv and _DUI_LEAD.fullmatch(norm, inv[-1].end, y.start - 1):
            return [y], _list_ending(norm, inv, PARTY)
        return [], []
    return [], []


def _objects(c: _Ctx, after: list, te: int, word: str) -> list:
    """The companies an investor verb takes: the first COMPANY after it and the list it opens."""
    norm, data = c.norm, c.data
    if not after:
        return []
    first = after[0]
    gap = norm[te:first.start]
    if word.endswith("投资") and len(gap) > 2:   # X投资(了)Y only: 投资 alone is too common
        return []
    if data["_founding"].search(gap) or "收购" in gap:
        return []  # 注资成立了Y / 出资收购Y: a new company or an acquisition, not a raise by Y
    if word == "出资":   # what the money buys must be the company's shares
        if not data["_share_words"].match(norm, first.end):
            return []
    elif len(gap) > 30:
        return []
    group = [first]
    for e in after[1:]:
        if norm[group[-1].end:e.start].strip() in LIST_SEPS:
            group.append(e)
        else:
            break
    return group


def _list_ending(norm: str, ents: list, types) -> list:
    """The coordinated list (A、B和C) that ends with the last of ``ents``."""
    ents = [e for e in ents if e.type in types]
    if not ents:
        return []
    group = [ents[-1]]
    for prev in reversed(ents[:-1]):
        if norm[prev.end:group[0].start].strip() in LIST_SEPS:
            group.insert(0, prev)
        else:
            break
    return group


# ------------------------------------------------------------------ shared roles
def _common_args(c: _Ctx, ev: Event, pool: list) -> None:
    """amount, round and date."""
    data, norm, ts, te = c.data, c.norm, c.ts, c.te
    money = [e for e in pool if e.type == "FIGURE" and _is_money(e, data)]
    if money:
        ev.arguments.append(Argument("amount", ref=min(money, key=lambda e: abs(e.start - ts))))
    r = None
    for rm in data["_round_re"].finditer(norm, c.cs, min(c.se, te + 12)):
        if r is None or abs(rm.start() - ts) < abs(r.start() - ts):
            r = rm
    if r is not None:
        ev.arguments.append(Argument("round", span=c.doc.span(r.start(), r.end(),
                                                                {"round": normalize_round(r.group(0), data)})))
    dates = [e for e in c.between(c.ss, ts) if e.type == "DATE"]
    if dates:
        ev.arguments.append(Argument("date", ref=dates[-1]))


def _is_money(e, data) -> bool:
    """Whether FIGURE ``e`` is an amount of money: its unit one of the recognizer's currencies
    (:func:`~extract.stages.recognizers.figures.currency_units`), or its unit or text one of ``money_units``."""
    unit = str(e.attrs.get("unit", ""))
    return unit in currency_units() or unit in data["money_units"] or e.text.endswith(tuple(data["money_units"]))


@components.register("events.v1")
def make_events(nlp, path: str = str(DATA), invested_in: bool = True):
    """FUNDING events. ``invested_in``: every investor and lead_investor of an event also gives the
    relation investor → company (SCHEMA §3: the round states the investment), unless the document
    already has it for those two mentions."""
    data = _load(path)

    def events(doc: Document) -> Document:
        found = find_events(doc, data)
        breakdown_investors(doc, found, data)
        doc.events.extend(found)
        if invested_in:
            doc.relations.extend(investments(found, doc.relations))
        return doc

    return events


def investments(events: list, existing=()) -> list:
    """``invested_in`` relations stated by FUNDING events: investor / lead_investor → company."""
    seen = {(r.type, id(r.head), id(r.tail)) for r in existing}
    out = []
    for ev in events:
        companies = [a.ref for a in ev.arguments if a.role == "company" and a.ref is not None]
        # a short name and its full name (纳美信 / 纳美信（上海）生物科技有限公司) are one company: the
        # relation goes to the full name, as the guidelines' first full statement of it
        names = [c.attrs.get("norm", c.text) for c in companies]
        companies = [c for c, n in zip(companies, names) if not any(_short_of(n, m) for m in names)]
        for a in ev.arguments:
            if a.role not in ("investor", "lead_investor") or a.ref is None:
                continue
            for c in companies:
                key = ("invested_in", id(a.ref), id(c))
                if key not in seen and a.ref is not c:
                    seen.add(key)
                    out.append(Relation("invested_in", a.ref, c))
    return out


def _arg_key(a: Argument) -> str:
    """What an argument says, comparable across mentions: a FIGURE's value and unit, a round's
    normalized name, else the normalized text."""
    x = a.ref if a.ref is not None else a.span
    attrs = x.attrs or {}
    if "value" in attrs:
        return f"{attrs.get('value')}{attrs.get('unit', '')}"
    if "round" in attrs:
        return str(attrs["round"])
    return attrs.get("norm") or x.text


_ASIDE = re.compile(r"[（(][^（()）]*[)）]")


def _short_of(short: str, full: str) -> bool:
    """Whether ``short`` (two characters or more) is a short name inside the longer ``full`` (贝斯兰 in
    青岛贝斯兰半导体科技有限公司), also once the full name's bracketed place is left out (坤维科技 of
    坤维（北京）科技有限公司)."""
    if not len(full) > len(short) >= 2:
        return False
    return short in full or ("（" in full or "(" in full) and short in _ASIDE.sub("", full)


def _same_name(a, b) -> bool:
    """Two sets of company names share one, a short name counting as its full name's."""
    return any(x == y or _short_of(x, y) or _short_of(y, x) for x in a for y in b)


# a word pointing back at the round just stated, right before the trigger or before a round right before it (本轮融资,
# 此次 B 轮融资)
_ANAPHOR_BEFORE = re.compile(r"(?:本轮|此轮|本次|该轮|这轮|这次|此次)(?:\s*[A-Za-z0-9+＋\-]{1,4}\+?\s*轮)?\s*\Z")


def merge_same_round(events: list, doc: Document = None) -> list:
    """One FUNDING event per stated round (GUIDELINES N6): a headline, the body and a later 本轮融资…
    state the same round again. Two events are the same round when they share a company (a short name
    counts as its full name's) or an amount,
    or when the later one points back (本轮/此轮/本次融资, 此次 B 轮融资) at the round stated just before it, and neither
    their companies, amounts nor rounds disagree. The first statement outside a headline stands (its
    trigger is the one kept, where the news gold marks the round); the others lend it
    a company, amount, round or date it lacks, and investors it does not name. A lent entity is taken
    from the standing event's own sentence where the same name occurs there (relations built from the
    event then use the mention of the sentence that states the round). ``events`` in document order; a
    new list is returned."""
    def view(ev):
        out = {}
        for a in ev.arguments:
            out.setdefault(a.role, set()).add(_arg_key(a))
        return out

    groups = []  # [representative views, members]
    for ev in events:
        v = view(ev)
        back = doc is not None and _ANAPHOR_BEFORE.search(doc.norm, max(0, ev.trigger.start - 12), ev.trigger.start)
        if back and groups and v.get("company"):
            # 此轮融资由甲、乙参投: names the round just stated gives as its investors are not a second company
            backers = groups[-1][0].get("investor", set()) | groups[-1][0].get("lead_investor", set())
            if all(_same_name({c}, backers) for c in v["company"]):
                ev.arguments = [a for a in ev.arguments if a.role != "company"]
                v = view(ev)
        for g in (groups[-1:] if back else []) + groups:
            gv = g[0]
            shared = _same_name(v.get("company", ()), gv.get("company", ())) or (v.get("amount", set()) & gv.get("amount", set())) \
                or (back and g is groups[-1])  # 本轮融资由X领投: the round just stated
            clash = (v.get("company") and gv.get("company") and not _same_name(v["company"], gv["company"])) or \
                any(v.get(r) and gv.get(r) and not (v[r] & gv[r]) for r in ("amount", "round"))
            if shared and not clash:
                g[1].append(ev)
                for r, ks in v.items():
                    gv.setdefault(r, set()).update(ks)
                break
        else:
            groups.append([v, [ev]])
    out = []
    for _, members in groups:
        # the first statement outside a headline stands (annotators mark the round where the body states it)
        rep = next((e for e in members if not _in_headline(doc, e)), members[0])
        roles = {a.role for a in rep.arguments}
        said = {(a.role, _arg_key(a)) for a in rep.arguments}
        for ev in members:
            if ev is rep:
                continue
            for a in ev.arguments:
                if a.role in ("company", "amount", "round", "date") and a.role not in roles:
                    rep.arguments.append(_near(doc, rep, a))
                    roles.add(a.role)
                elif a.role in ("investor", "lead_investor") and (a.role, _arg_key(a)) not in said \
                        and ("investor", _arg_key(a)) not in said and ("lead_investor", _arg_key(a)) not in said:
                    rep.arguments.append(_near(doc, rep, a))  # an investor named only in the other statement
                said.add((a.role, _arg_key(a)))
        out.append(rep)
    return sorted(out, key=lambda e: e.trigger.start)


def _near(doc, rep: Event, a: Argument) -> Argument:
    """``a``, or the same name's mention in ``rep``'s sentence when there is one."""
    if doc is None or a.ref is None:
        return a
    ss, se = doc.sentence_of(rep.trigger.start)
    if ss <= a.ref.start < se:
        return a
    name = a.ref.attrs.get("norm", a.ref.text)
    same = next((e for e in doc.entities if ss <= e.start < se and e.type == a.ref.type
                 and e.attrs.get("norm", e.text) == name), None)
    return a if same is None else Argument(a.role, ref=same)


def _in_headline(doc, ev: Event) -> bool:
    """Whether ``ev``'s trigger is on a headline-like line: short (under 60 characters) and without 。."""
    if doc is None:
        return False
    ls = doc.norm.rfind("\n", 0, ev.trigger.start) + 1
    le = doc.norm.find("\n", ev.trigger.start)
    line = doc.norm[ls:len(doc.norm) if le < 0 else le]
    return len(line) < 60 and "。" not in line
