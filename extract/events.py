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
    return d


def normalize_round(text: str, data: dict) -> str:
    t = text.replace("轮", "").replace("融资", "").strip()
    for k, v in data["round_aliases"].items():
        if t.lower() == k.lower():
            return v
    return t.upper() if re.fullmatch(r"(?:pre-)?[a-g]\+?\d?", t, re.I) and not t.lower().startswith("pre") else \
        ("Pre-" + t[4:].upper() if t.lower().startswith("pre-") else t)


def find_events(doc: Document, data: dict) -> list:
    events = []
    ents = sorted(doc.entities, key=lambda e: e.start)
    window = data["window"]
    for m in data["_trigger_re"].finditer(doc.norm):
        ts, te = m.span()
        ss, se = doc.sentence_of(ts)
        lo, hi = max(ss, ts - window), min(se, te + window)
        near = [e for e in ents if e.start >= lo and e.end <= hi]
        if events and events[-1].trigger.end > ts - 2:  # 融资 right after a trigger word already taken
            continue
        before = [e for e in near if e.end <= ts]
        after = [e for e in near if e.start >= te]
        companies_before = [e for e in before if e.type == "COMPANY"]
        companies_after = [e for e in after if e.type == "COMPANY"]
        if not companies_before and not companies_after:
            continue
        ev = Event("FUNDING", doc.span(ts, te))
        leads = [e for e in near if e.type in ("COMPANY", "ORG") and doc.norm[e.end:e.end + 2] == "领投"]
        investors = [e for e in near if e.type in ("COMPANY", "ORG") and e not in leads and _is_investor(doc, e, ts)]
        inv_ids = {id(e) for e in leads + investors}
        company = next((e for e in reversed(companies_before) if id(e) not in inv_ids), None) or \
            next((e for e in companies_after if id(e) not in inv_ids), None)
        if company is None:
            continue
        ev.arguments.append(Argument("company", ref=company))
        money = [e for e in near if e.type == "FIGURE" and _is_money(e, data)]
        if money:
            amount = min(money, key=lambda e: abs(e.start - ts))
            ev.arguments.append(Argument("amount", ref=amount))
        r = None
        for rm in data["_round_re"].finditer(doc.norm, lo, hi):
            if r is None or abs(rm.start() - ts) < abs(r.start() - ts):
                r = rm
        if r is not None:
            span = doc.span(r.start(), r.end(), {"round": normalize_round(r.group(0), data)})
            ev.arguments.append(Argument("round", span=span))
        for e in leads:
            ev.arguments.append(Argument("lead_investor", ref=e))
        for e in investors:
            ev.arguments.append(Argument("investor", ref=e))
        dates = [e for e in ents if e.type == "DATE" and ss <= e.start and e.end <= ts]
        if dates:
            ev.arguments.append(Argument("date", ref=dates[-1]))
        events.append(ev)
    return events


def _is_money(e, data) -> bool:
    unit = str(e.attrs.get("unit", ""))
    return unit in data["money_units"] or e.text.endswith(tuple(data["money_units"]))


def _is_investor(doc, e, trigger_start) -> bool:
    after = doc.norm[e.end:e.end + 4]
    before = doc.norm[max(0, e.start - 6):e.start]
    return after.startswith(("参投", "跟投", "联合投资", "共同投资", "等参投", "等跟投", "投资")) or \
        bool(re.search(r"(由|获得?|投资方(?:包括|为)?|、|和|及|与)$", before) and e.start < trigger_start and
             not doc.norm[e.end:trigger_start].strip("、和及与等") == "")


@components.register("events.v1")
def make_events(nlp, path: str = str(DATA)):
    data = _load(path)

    def events(doc: Document) -> Document:
        doc.events.extend(find_events(doc, data))
        return doc

    return events
