"""FUNDING events (SCHEMA §4) by patterns over the final entities.

A trigger (融资, 获投, 募资, 募集资金, 定增 …; the word list is data in
``extract/data/events.json``) opens an event. Its arguments come from the
same clause window around the trigger (both scripts: matching is on the
normalized text):

- company: the nearest COMPANY before the trigger (``X完成…融资``), else after
  (``…获投的X``);
- amount: a money FIGURE (unit 元/美元/港元…, or 亿元级) in the window;
- round: a round expression (``C轮``, ``Pre-A轮``, ``B+轮``, ``天使轮``, ``战略融资``,
  ``定增``, ``IPO``) — a span argument with ``attrs.round`` normalized;
- lead_investor: an entity directly followed by 领投; investor: COMPANY/ORG
  entities listed after 由/获/投资方 or before 参投/跟投/联合投资, one each;
- date: the nearest DATE before the trigger in the sentence.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .doc import Argument, Document, Event
from .registry import components

DATA = Path(__file__).resolve().parent / "data" / "events.json"


@lru_cache(maxsize=2)
def _load(path: str = str(DATA)) -> dict:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    d["_trigger_re"] = re.compile("|".join(sorted(map(re.escape, d["triggers"]), key=len, reverse=True)))
    d["_round_re"] = re.compile(d["round_pattern"], re.I)
    d["_cue_re"] = re.compile("|".join(map(re.escape, d["completion_cues"])))
    d["_investor_cue_re"] = re.compile("|".join(map(re.escape, sorted(d["investor_cues"], key=len, reverse=True))))
    return d


def normalize_round(text: str, data: dict) -> str:
    t = text.replace("轮", "").replace("融资", "").strip()
    for k, v in data["round_aliases"].items():
        if t.lower() == k.lower():
            return v
    return t.upper() if re.fullmatch(r"(?:pre-)?[a-g]\+?\d?", t, re.I) and not t.lower().startswith("pre") else \
        ("Pre-" + t[4:].upper() if t.lower().startswith("pre-") else t)


def _clause(norm: str, ss: int, se: int, pos: int) -> tuple:
    """The clause (between ，；： marks) of the sentence ``ss:se`` holding ``pos``."""
    a = max(norm.rfind(c, ss, pos) for c in "，,；;：:")
    bs = [i for i in (norm.find(c, pos, se) for c in "，,；;：:") if i >= 0]
    return (ss if a < 0 else a + 1, min(bs) if bs else se)


def find_events(doc: Document, data: dict) -> list:
    """FUNDING events: a trigger with a completion cue in its clause, and its arguments."""
    events = []
    norm = doc.norm
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    cue_re = data["_cue_re"]
    for m in data["_trigger_re"].finditer(norm):
        ts, te = m.span()
        ss, se = doc.sentence_of(ts)
        cs, ce = _clause(norm, ss, se, ts)
        # a raise needs a cue in its clause (完成…融资, 获…投资, a round or an amount);
        # 融资市场活跃 / 大额融资之一 / 融资频率 talk about financing in general
        prefix = norm[cs:ts]
        has_round = data["_round_re"].search(norm, cs, te + 2) is not None
        in_clause = doc.entities_between(cs, ce, ents, starts)
        has_money = any(e.type == "FIGURE" and _is_money(e, data) and e.end <= ts for e in in_clause)
        if not (cue_re.search(prefix) or has_round or has_money):
            continue
        before = doc.entities_between(ss, ts, ents, starts)
        after = doc.entities_between(te, se, ents, starts)
        # investors: after an investor cue following the trigger (吸引了A、B), or marked 参投/跟投/领投
        inv_cue = data["_investor_cue_re"].search(norm, te, se)
        investors = [e for e in after if e.type in ("COMPANY", "ORG") and inv_cue and e.start >= inv_cue.end()]
        leads = [e for e in before + after if e.type in ("COMPANY", "ORG") and norm.startswith("领投", e.end)]
        investors += [e for e in before + after if e.type in ("COMPANY", "ORG") and e not in leads and e not in investors
                      and norm.startswith(tuple(data["investor_after"]), e.end)]
        taken = {id(e) for e in investors + leads}
        companies = _subjects(doc, [e for e in before if id(e) not in taken], ts, data)
        if not companies:
            companies = [e for e in after if e.type == "COMPANY" and id(e) not in taken][:1]
        if not companies:
            continue
        ev = Event("FUNDING", doc.span(ts, te))
        ev.arguments += [Argument("company", ref=c) for c in companies]
        money = [e for e in before + after if e.type == "FIGURE" and _is_money(e, data) and e.start >= cs]
        if money:
            ev.arguments.append(Argument("amount", ref=min(money, key=lambda e: abs(e.start - ts))))
        r = None
        for rm in data["_round_re"].finditer(norm, cs, min(se, te + 12)):
            if r is None or abs(rm.start() - ts) < abs(r.start() - ts):
                r = rm
        if r is not None:
            ev.arguments.append(Argument("round", span=doc.span(r.start(), r.end(),
                                                                {"round": normalize_round(r.group(0), data)})))
        ev.arguments += [Argument("lead_investor", ref=e) for e in leads]
        ev.arguments += [Argument("investor", ref=e) for e in investors]
        dates = [e for e in before if e.type == "DATE"]
        if dates:
            ev.arguments.append(Argument("date", ref=dates[-1]))
        events.append(ev)
    return events


def _subjects(doc: Document, before: list, ts: int, data: dict) -> list:
    """The raising companies: the nearest COMPANY before the trigger, the whole list it closes
    (如A、B、C等企业均完成…), or the one 后者/前者 points back to."""
    comps = [e for e in before if e.type == "COMPANY"]
    if not comps:
        return []
    norm = doc.norm
    last = comps[-1]
    between = norm[last.end:ts]
    for word, pick in data["anaphora"].items():
        if word in between:
            return [comps[pick] if -len(comps) <= pick < len(comps) else last]
    group = [last]
    for prev in reversed(comps[:-1]):
        if norm[prev.end:group[0].start].strip() in ("、", "和", "与", "及", ",", "，"):
            group.insert(0, prev)
        else:
            break
    return group if len(group) > 1 and "等" in norm[last.end:last.end + 3] else [last]


def _is_money(e, data) -> bool:
    unit = str(e.attrs.get("unit", ""))
    return unit in data["money_units"] or e.text.endswith(tuple(data["money_units"]))


@components.register("events.v1")
def make_events(nlp, path: str = str(DATA)):
    data = _load(path)

    def events(doc: Document) -> Document:
        doc.events.extend(find_events(doc, data))
        return doc

    return events
