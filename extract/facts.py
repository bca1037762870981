"""METRIC and RANKING facts (SCHEMA §5) by patterns over the final entities.

For each FIGURE (METRIC) or RANK (RANKING) in a sentence:

- subject: the nearest COMPANY/ORG/LOC before it in the same clause chain
  (a clause ends at ，；: a new subject usually comes with a new clause, but
  ``上海…企业数量达1026家，总量位居全国第三`` keeps 上海 for the second clause),
  or null for an unnamed aggregate (METRIC only; a RANKING needs a subject);
- metric: the words between the subject (or clause start) and the value, trimmed
  of verbs and function words (``为``, ``达``, ``高达``, ``位居`` …; data file
  ``extract/data/facts.json``);
- date: the nearest DATE before the value in the sentence, else the last
  governing ``截至…`` date of the paragraph.

Enumerated ranked lists — a top-N RANK followed by 分别为/依次为/是 and names
joined by 、 — give one RANKING per name with ``position`` 1, 2, 3 …
Table rows give a METRIC per numeric cell with the header as the metric span.
"""
from __future__ import annotations

import bisect
import itertools
import json
import re
from functools import lru_cache
from pathlib import Path

from typing import Optional

from .doc import Document, Fact, Span
from .registry import components

DATA = Path(__file__).resolve().parent / "data" / "facts.json"
SUBJECT_TYPES = ("COMPANY", "ORG", "LOC")
# An industry or programme is the subject only when it directly qualifies what is counted,
# i.e. it is the nearest entity before the value in the same clause (制造业企业高达729家).
NEAR_SUBJECT_TYPES = ("INDUSTRY", "POLICY")


@lru_cache(maxsize=2)
def _load(path: str = str(DATA)) -> dict:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    d["_strip_left"] = re.compile("^(?:" + "|".join(map(re.escape, sorted(d["strip_left"], key=len, reverse=True))) + ")+")
    d["_strip_right"] = re.compile("(?:" + "|".join(map(re.escape, sorted(d["strip_right"], key=len, reverse=True))) + ")+$")
    d["_list_intro"] = re.compile(d["list_intro"])
    return d


_OPEN = {"“": "”", "（": "）", "(": ")"}  # a quote or bracket whose partner is inside the span stays
_CLOSE = {v: k for k, v in _OPEN.items()}
_EDGE = set(" \t\n“”\"'（(、的*#|")


def _clause_start(norm: str, sent_start: int, pos: int) -> int:
    i = max(norm.rfind(c, sent_start, pos) for c in "，,；;：:")
    return sent_start if i < 0 else i + 1


def _metric_span(doc: Document, lo: int, hi: int, data: dict):
    seg = doc.norm[lo:hi]
    left = data["_strip_left"].match(seg)
    a = lo + (left.end() if left else 0)
    seg2 = doc.norm[a:hi]
    right = data["_strip_right"].search(seg2)
    b = a + (right.start() if right else len(seg2))
    while a < b and doc.norm[a] in _EDGE and not (doc.norm[a] in _OPEN and _OPEN[doc.norm[a]] in doc.norm[a:b]):
        a += 1
    while b > a and doc.norm[b - 1] in _EDGE and not (doc.norm[b - 1] in _CLOSE and _CLOSE[doc.norm[b - 1]] in doc.norm[a:b - 1]):
        b -= 1
    if b - a < 2 or b - a > data["max_metric"]:
        return None
    return doc.span(a, b)


def find_facts(doc: Document, data: dict, chooser=None) -> list:
    """Facts of ``doc``; with a trained ``chooser`` (:mod:`extract.factlearn`) it decides which
    values outside tables and ranked lists state a fact, and whose."""
    facts = []
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
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
        ss, se = doc.sentence_of(e.start)
        clause = _clause_start(doc.norm, ss, e.start)
        in_sent = ents[bisect.bisect_left(starts, ss):i]  # entities of this sentence before the value
        prev = [p for p in in_sent if p.type in SUBJECT_TYPES]
        subject = prev[-1] if prev else None
        near = [p for p in in_sent if p.start >= clause and p.type not in ("DATE", "FIGURE", "RANK")]
        if near and near[-1].type in NEAR_SUBJECT_TYPES:
            subject = near[-1]
        in_table = any(t.start <= e.start < t.end for t in doc.tables)
        if in_table:
            continue  # table cells are handled with their headers below
        lo = max(clause, subject.end if subject is not None and subject.end > clause else clause)
        dates = [d for d in in_sent if d.type == "DATE"]
        date = dates[-1] if dates else (asof if asof is not None and asof.start < e.start else None)
        if date is not None and date.end > lo and date.end <= e.start:
            lo = date.end
        metric = _metric_span(doc, lo, e.start, data)
        if e.type == "RANK":
            items = _enumerated(doc, e, ents, i + 1, data)
            if items:
                for pos, item in enumerate(items, 1):
                    facts.append(Fact("RANKING", item, e, metric, date, position=pos))
                    listed.add(id(item))
                continue
        if chooser is not None:
            remention = first.get(e.attrs.get("norm", e.text), e.start) < e.start
            fact = _chosen(doc, e, ents, starts, ss, se, date, data, chooser, remention)
            if fact is not None:
                facts.append(fact)
            continue
        if e.type == "RANK":
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if nxt is not None and nxt.type in SUBJECT_TYPES and doc.norm[e.end:nxt.start].strip() == "的":
                subject = nxt  # 排名第一的北京海淀区: the ranked entity follows
            if subject is None:
                continue
            facts.append(Fact("RANKING", subject, e, metric, date))
        else:
            if not e.attrs.get("unit") or e.attrs.get("unit") in data["skip_units"]:
                continue  # no unit, or a unit configured never to make a METRIC (skip_units)
            facts.append(Fact("METRIC", subject if subject is not None and subject.end > clause - data["carry"] else None,
                              e, metric, date))
    facts.extend(_table_facts(doc))
    return _with_metrics(doc, facts, data)


_AFTER_STOP = re.compile(r"[，。；：,;:、)）(（\n]|的|是|在|有|共|将|已|正|获|入选|占|为|达")


def _with_metrics(doc: Document, facts: list, data: dict) -> list:
    """Every fact names what it measures (SCHEMA §5): a fact without a metric span takes the one of
    the fact before it in the same sentence (北京(1210家)和上海(1032家) share 企业总量), else the noun
    phrase right after its value (1026家“小巨人”企业); a fact with none of these is dropped."""
    out = []
    last_by_sent = {}
    for f in facts:
        sent = doc.sentence_of(f.value.start)
        if f.metric is None:
            f.metric = last_by_sent.get(sent) or _metric_after(doc, f.value, data)
        if f.metric is None:
            continue
        last_by_sent[sent] = f.metric
        out.append(f)
    return out


def _metric_after(doc: Document, value, data: dict):
    _, se = doc.sentence_of(value.start)
    hi = min(se, value.end + data["max_metric"])
    stop = _AFTER_STOP.search(doc.norm, value.end, hi)
    return _metric_span(doc, value.end, stop.start() if stop else hi, data)


def _chosen(doc, e, ents, starts, ss, se, date, data, chooser, remention):
    """The fact the learned chooser picks for value ``e`` (or None)."""
    in_sent = ents[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, se)]
    cands, rows = chooser.options(doc, e, in_sent, remention)
    k = chooser.choose(rows)
    if k == 0:
        return None
    subject = cands[k - 2] if k >= 2 else None
    if e.type == "RANK" and subject is None:
        return None  # a RANKING always has a subject
    clause = _clause_start(doc.norm, ss, e.start)
    lo = clause
    if subject is not None and clause <= subject.end <= e.start:
        lo = subject.end
    if date is not None and lo < date.end <= e.start:
        lo = date.end
    metric = _metric_span(doc, lo, e.start, data)
    return Fact("RANKING" if e.type == "RANK" else "METRIC", subject, e, metric, date)


def _enumerated(doc, rank, ents, first, data):
    tail = doc.norm[rank.end:rank.end + 40]
    m = data["_list_intro"].search(tail)
    if not m or rank.attrs.get("top") is None:
        return []
    pos = rank.end + m.end()
    items = []
    for e in itertools.islice(ents, first, None):
        if e.start < pos:
            continue
        gap = doc.norm[pos:e.start]
        if gap.strip() not in ("", "、", "和", "及", "与", ",", "，"):
            break
        if e.type not in SUBJECT_TYPES:
            break
        items.append(e)
        pos = e.end
    return items if len(items) >= 2 else []


def _table_facts(doc: Document) -> list:
    out = []
    spans = {(e.start, e.end): e for e in doc.entities}
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    for table in doc.tables:
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
                if cell.role != "FIGURE":
                    continue
                fig = next((e for e in doc.entities_between(cell.start, cell.end, ents, starts) if e.type == "FIGURE"), None)
                if fig is not None:
                    out.append(Fact("METRIC", subject, fig, Span(h.start, h.end, doc.text[h.start:h.end])))
    return out


@components.register("facts.v1")
def make_facts(nlp, path: str = str(DATA), model: Optional[str] = None, learn: bool = False):
    """METRIC/RANKING facts. ``model``: weights of the learned chooser (:mod:`extract.factlearn`);
    without it the rules decide. ``learn``: whether ``Pipeline.learn`` trains the chooser.

    Off by default: leave-one-document-out on the gold set, the learned chooser
    scored facts F1 0.557 (P 0.610, R 0.512) against the rules' 0.552 (P 0.527,
    R 0.579) — no real difference, so the simpler rules stay the default.
    """
    return FactsComponent(_load(path), model, learn)


class FactsComponent:
    """``learn(docs)`` trains the fact chooser from scratch on annotated documents (a CV fold)."""

    def __init__(self, data: dict, model: Optional[str] = None, learn: bool = False):
        from .factlearn import FactChooser, load
        self.data = data
        self.learns = learn
        self.chooser = FactChooser(load(model)) if model else None

    def __call__(self, doc: Document) -> Document:
        doc.facts.extend(find_facts(doc, self.data, self.chooser))
        return doc

    def learn(self, docs) -> None:
        if not self.learns:
            return
        from .factlearn import FactChooser, fit, training_examples
        chooser = FactChooser()
        examples = training_examples(docs, chooser)
        if examples:
            chooser.weights = fit(examples)
            self.chooser = chooser
