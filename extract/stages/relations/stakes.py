"""``invested_in`` from stated stakes, beside the FUNDING events (issue 13: X持有Y…%股权, X投资了Y, X是Y的股东).

In the ZhIE-News training gold most ``invested_in`` relations are not investors of a round: 184 of the extension's
relations come with 28 events. Each shape below is one such class, matched on the normalized text over the final
entities (COMPANY/ORG holders, COMPANY holdings):

- a holder's trade or position: 甲增持乙(317万股，增持丙…), 甲持有/建仓/买入/入股乙 (:data:`_HOLD_VERB`);
- a shareholder named: 乙的(第一)大股东(为)甲, 乙控股股东甲; 甲成为乙的第一大股东; 乙由甲100%持股;
- a shareholding listed: 乙(在上市后的)股东架构中，甲持股16.99%；丙持股… (into the next sentences while each opens
  with a holder) / 乙的股东结构显示为：甲（持股比例…）; and without a cue, 乙，甲持股55%，丙持股36.4% / IPO前，甲持股
  11.4%，丙持股9.9% (the company named before: :func:`_bare_holder_lists`);
- a stake bought: 甲与乙分别收购丙46.95%和10.16%(股权), 甲购入丙股份, 甲(宣布)以/斥资N亿元收购丙80%股权;
- a backer named before the company: 获甲和乙投资的丙 / 由甲及乙投資的丙;
- a portfolio stated by the investor: 甲(已)投资了乙、丙等企业 / 甲已投资多家…企业，如乙、丙; a fund's holdings:
  该基金前十大重仓股包括乙、丙 / 甲列举投资对象，包括乙 (session 31, cross-fitted invested_in 90 -> 92 right, none
  false more, over ``runs/cf31b``); a fund's trades listed after the verb: 甲也减持了一些…科技股，包括乙、丙 (session 37,
  cross-fitted 7 right more, 2 false more, over ``runs/cf32e``);
- a past part in a round or a founding: 甲(先前已)参与了乙与丙的融资 / 甲…则参与了乙的组建;
- capital put in: 甲出资1.6亿元，乙出资1.4亿，共同发起设立丙 / 甲出资1000万元，成为丙的LP / 丙…增资扩股…。其中，甲增资约
  4.82亿元 (:func:`_contributors`);
- a joint venture: 丙是甲与乙的合资企业 / 甲和乙成立一家名为“丙”的合资公司 (each partner → the venture);
- a backer behind a company: 乙背后(同样)站着甲 / 乙…其背后有甲和丙等…的投资 / 背靠甲的乙 (:func:`_behind`);
- the founders of a joint company: 甲与乙合作，共同设立丙 / 丙…由甲携手乙成立的… (:func:`_founders`).

Measured (2026-12-05) on the 555 training documents through fold folders that never saw them
(``python evaluation/crossfit_pipeline.py runs/crossfit-v10 --out runs/cfp --score-only``): invested_in 38 right / 23
false → 74 / 32 (F1 0.211 → 0.365), together with 投资方为甲、乙 as an investor-list cue in :mod:`.rules`; the news dev
split has none of these shapes (invested_in 0.714 unchanged), the seed documents neither.
"""
from __future__ import annotations

import bisect
import re
from typing import List

from extract.doc import Document, Entity, Relation
from extract.stages.relations.lists import invests, list_items, named_before

__all__ = ["stake_relations"]

PARTY = ("COMPANY", "ORG")
_TRADES = "增持|减持|建仓|买入|加仓|清仓"  # a holder's trades (a position taken, added to, cut or closed)
_HOLD_VERB = re.compile(rf"(?:{_TRADES}|持有|入股)了?")
# 甲增持乙317万股，增持丙184万股: the same holder goes on
# (…增持丙184万股，增持丁40万股，增持戊: one trade of a name the recognizers missed passed over; with the date and
# comma openings of _STAKE_VERB cross-fitted invested_in 135/38/203 -> 140/38/198, session 55)
_HOLD_AGAIN = re.compile(rf"(?:[^，。；;,]{{0,25}}?[，,；;]\s*(?:又|并|再|还|亦|也|同时)?(?:{_TRADES}|持有)了?\s*){{1,2}}")
_HOLDER_BEFORE = re.compile(r"(?:的)?(?:第一大|最大|大|控股|主要|单一最大|单一大)股东(?:为|是|，|,)?\s*\Z")
_HOLDER_AFTER = re.compile(r"(?:为|是|成为|仍是|仍为)(?:其)?\Z")
_HOLDER_TAIL = re.compile(r"(?:的)?(?:第一大|最大|大|控股|主要|单一最大)?股东")
_HELD_TAIL = re.compile(r"\s*(?:\d+(?:\.\d+)?%)?(?:持股|全资持有|持有|控股)")
_STRUCTURE_CUE = re.compile(r"(?:股权结构|股东结构|股东架构|股权架构|股权比例)(?:中|显示|为|是|如下)*[:：,，]?")
_HOLDS = re.compile(r"\s*(?:[（(]\s*)?(?:持股|持有|占股|合共持有|分别持股)")
# 甲于2019年以N收购了丙27%的股份 / 甲，出资N亿元收购丙5.59%股权: a date or a comma may open the verb (session 55)
_STAKE_VERB = re.compile(r"(?:[，,]\s*(?=出资|斥资))?(?:于\s*\d{4}年(?:\d{1,2}月)?\s*)?"
                         r"(?:(?:宣布|已|正式)?(?:以|斥资|出资|作价)\s*[约近逾超]?\s*[\d.,]+\s*(?:亿|万|千万|百万)?\s*"
                         r"(?:元|美元|港元|人民币|欧元)?(?:的?(?:价格|对价))?\s*)?(?:分别)?(?:收购|购入|买入|认购|受让)(?:了)?")
_STAKE_TAIL = re.compile(r"\s*(?:约|合计|共)?(?:的?\d+(?:\.\d+)?%|的?股份|的?股权|[\d.]+万?股)")
_BACKED_CUE = re.compile(r"(?:获|获得|由|得到|受到)\Z")
_BACKED_END = re.compile(r"(?:等[^，,。；;]{0,6}?)?(?:的)?(?:战略)?(?:投资|注资|入股|加持|支持)的")
_PORTFOLIO = re.compile(r"(?<!被)(?:投资了|已投资|还投资了|投资过|先后投资了?)"
                        r"(?:[^，。；;、]{0,16}?(?:企业|公司)[，,]?(?:如|包括|例如|比如))?"
                        r"|(?:重仓股|持仓股?|投资对象|投资标的|投资组合)(?:名单)?[，,]?(?:包括|包含|有|为|是)了?[:：]?"
                        rf"|(?:{_TRADES})了?[^，。；;、]{{0,20}}?[，,]?(?:包括|例如|比如)[:：]?"
                        # a group's holdings: 杉杉系…控股参股甲、乙等多家上市公司 (news train, extension and dev gold: 5 of
                        # the 5 pairs, 1 document; session 55)
                        r"|(?:控股参股|参股控股|参控股|控股、参股)了?")
_DESCRIBES = re.compile(r"[”\"」』]?的")
_JV_CUE = re.compile(r"合资(?:企业|公司)")
_COORD = re.compile(r"\s*(?:、|和|与|及|以及|,|，)\s*")
# 甲(先前已/则)参与了乙(与丙)的融资/组建: a past part in a round or a founding (not 将考虑参与, 协助参与: an adviser)
_TOOK_PART = re.compile(r"(?<![将会要协])参与了?")
_TOOK_PART_GAP = re.compile(r"[^，。；;,、将会要\n]{0,10}")
# 甲出资1.6亿元，乙出资1.4亿，共同发起设立丙 / 其中，甲增资约4.82亿元，乙（下称…）作为战略投资者增资约19.23亿元
_CONTRIBUTES = re.compile(r"\s*(?:[（(][^）)]{0,20}[）)])?(?:作为[^，。；;]{0,8})?(?:认购|出资|增资)(?:约|了)?\s*\d")
_FOUNDS = re.compile(r"(?:共同)?(?:发起)?(?:设立|成立)了?\s*\Z|成为\s*\Z")
_MEMBER_TAIL = re.compile(r"\s*(?:[（(][^）)]{0,10}[）)])?\s*的?(?:LP|有限合伙人|合伙人|股东)", re.I)
_RAISES = re.compile(r"增资|融资|募资")
_TOOK_PART_END = re.compile(r"\s*的?\s*(?:[a-z0-9一二三四五六七八九十上新本该此首]{0,3}轮)?(?:融资|募资|组建)", re.I)
# 共同设立/成立的 (a founding; 携手…成立 too, the partners are checked in :func:`_founders`)
_FOUNDED = re.compile(r"(?:共同(?:发起)?(?:出资)?|(?<=[^，。；;\n]))(?:设立|成立|组建)了?(?P<of>的)?")
_PARTNERED = re.compile(r"\s*(?:[（(][^（）()]{0,20}[）)])?\s*(?:宣布|表示|将|已|曾)?(?:与|和|携手|联手)[^，。；;\n]{0,15}")
_FOUNDED_GAP = re.compile(r"\s*(?:合作|携手|联手|一起)?[，,]?\s*")
_FOUNDED_NAME = re.compile(r"[\s“\"「『]*(?:一家)?(?:名为)?[\s“\"「『]*")
_COORD_MAX = 3  # characters between two coordinated names
# 乙背后(同样)站着甲 / 其背后有甲和丙 / 乙背后的资本大佬，正是甲 (the company before) · 背靠甲的乙 (the company after)
_BEHIND = re.compile(r"背后(?:同样|也|还|则|更|都)?(?:站着|有着?)|背后的(?:资本|投资方|投资人|股东|金主)[^，。；;]{0,4}?[，,]?"
                     r"(?:正是|就是|是|为|包括)|(?P<lean>背靠)")
_BEHIND_GAP = 2  # characters between the cue and the first backer


def stake_relations(doc: Document) -> List[Relation]:
    """The ``invested_in`` relations of the shapes in the module docstring (duplicates are left to the caller)."""
    ents = sorted(doc.entities, key=lambda e: e.start)
    orgs = [e for e in ents if e.type in PARTY]
    out = _adjacent(doc, orgs) + _stakes_bought(doc, orgs) + _holder_lists(doc, ents)
    out += _backed_by(doc, ents) + _portfolios(doc, ents) + _joint_ventures(doc, orgs) + _took_part(doc, ents)
    out += _contributors(doc, ents) + _behind(doc, ents) + _founders(doc, orgs)
    return out + _bare_holder_lists(doc, ents, out)


def _coordinated(doc: Document, seq: List[Entity], k: int) -> List[Entity]:
    """``seq[k]`` and the entities of ``seq`` coordinated right after it (甲、乙与丙)."""
    group = [seq[k]]
    for j in range(k + 1, len(seq)):  # (indices, not a slice: a slice per call made long lists quadratic)
        e = seq[j]
        if e.start - group[-1].end > _COORD_MAX or not _COORD.fullmatch(doc.norm, group[-1].end, e.start):
            break
        group.append(e)
    return group


def _adjacent(doc: Document, orgs: List[Entity]) -> List[Relation]:
    """Shapes between two neighbouring companies/bodies: 甲增持乙, 乙的大股东甲, 甲成为乙的第一大股东, 乙由甲持股."""
    norm, out = doc.norm, []
    for k, (a, b) in enumerate(zip(orgs, orgs[1:])):
        gap = norm[a.end:b.start]
        if b.type == "COMPANY" and len(gap) <= 4 and _HOLD_VERB.fullmatch(gap.strip()):
            out.append(Relation("invested_in", a, b))
            prev = b
            for j in range(k + 2, len(orgs)):
                c = orgs[j]
                if c.type != "COMPANY" or c.start - prev.end > 40 or not _HOLD_AGAIN.fullmatch(norm, prev.end, c.start):
                    break
                out.append(Relation("invested_in", a, c))
                prev = c
        if len(gap) <= 10 and _HOLDER_BEFORE.search(gap) and not re.search(r"[。；;]", gap):
            out.append(Relation("invested_in", b, a))  # 乙的大股东甲
        if b.type == "COMPANY" and len(gap) <= 4 and _HOLDER_AFTER.search(gap) and _HOLDER_TAIL.match(norm, b.end):
            out.append(Relation("invested_in", a, b))  # 甲成为乙的第一大股东
        if a.type == "COMPANY" and gap.strip() == "由" and _HELD_TAIL.match(norm, b.end):
            out.append(Relation("invested_in", b, a))  # 乙由甲100%持股
    return out


def _stakes_bought(doc: Document, orgs: List[Entity]) -> List[Relation]:
    """甲(与乙分别)收购丙46.95%(股权) / 甲购入丙股份 / 甲宣布以149亿元收购丙80%股权: a stake (a share or a
    percentage), not a whole company."""
    norm, out = doc.norm, []
    k = 0
    while k < len(orgs) - 1:
        group = _coordinated(doc, orgs, k)
        j = k + len(group)
        k = j
        if j >= len(orgs) or orgs[j].type != "COMPANY":
            continue
        tail = orgs[j]
        if _STAKE_VERB.fullmatch(norm[group[-1].end:tail.start].strip()) and _STAKE_TAIL.match(norm, tail.end):
            out += [Relation("invested_in", x, tail) for x in group]
    return out


def _holder_lists(doc: Document, ents: List[Entity]) -> List[Relation]:
    """After a cue naming a company's shareholding (乙在上市后的股东架构中，…), every company/body of the sentence
    followed by 持股/持有 invested in that company."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    for m in _STRUCTURE_CUE.finditer(norm):
        ss, se = doc.sentence_of(m.start())
        target = named_before(doc, ents, starts, m.start(), ss, ("COMPANY",), whole=True)
        if target is None:
            continue
        for e in ents[bisect.bisect_left(starts, m.end()):]:
            if e.start >= se:  # the list goes on into the next sentence (…持股16.99%；丙持股…) while it opens with a holder
                if not (e.type in PARTY and _HOLDS.match(norm, e.end) and not norm[se:e.start].strip("；; \n")):
                    break
                se = doc.sentence_of(e.start)[1]
            if e.type in PARTY and e.text != target.text and _HOLDS.match(norm, e.end):
                out.append(Relation("invested_in", e, target))
    return out


_HOLDER_PCT = re.compile(r"[?？]?\s*(?:持股|占股)(?:比例)?(?:为|约)?\s*\d+(?:\.\d+)?%")
_OPENS_WITH = re.compile(r"\s*[，,：:]")
_HOLDERS_BACK = 300  # characters before a holder list without its company that the company may be named in


def _bare_holder_lists(doc: Document, ents: List[Entity], found: List[Relation]) -> List[Relation]:
    """A sentence listing two or more holders each with its percentage and no cue (:func:`_holder_lists` has the
    cued ones): 苏宁置业，张近东持股55%，苏宁电器集团持股36.4% / IPO前，甲持股11.4%，乙持股9.9%；丙持股为17.4%. Every
    company/body holder invested in the company that opens the sentence before a comma, else, when the sentence
    names no other company, in the last company named before it (at most ``_HOLDERS_BACK`` characters back) that
    is neither a holder of such a list nor an investor of its clause; a list that goes on in the next sentence keeps
    its company. A holder already related to that company (by name) is left out: the gold relates the mentions of
    the first sentence that states it (the news train, extension and dev gold: 15 of the 19 company holders with
    持股N% have invested_in, the 4 others repeat a pair stated before). Cross-fitted invested_in 109/40 -> 117/44
    right/false (0.4476 -> 0.4689), news dev + select identical (session 51)."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    seen = {(r.head.text, r.tail.text) for r in found if r.type == "invested_in"}
    held = {id(e) for e in ents if _HOLDER_PCT.match(norm, e.end)}
    last_target, last_end = None, -1
    for ss, se in doc.sents:
        inside = ents[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, se)]
        holders = [e for e in inside if id(e) in held and e.type in PARTY + ("PERSON",)]
        if len(holders) < 2:
            continue
        others = [e for e in inside if e.type == "COMPANY" and id(e) not in held]
        target = None
        if inside and inside[0] in others and _OPENS_WITH.match(norm, inside[0].end):
            target = inside[0]  # 苏宁置业，张近东持股55%…
        elif not others:
            if last_target is not None and not norm[last_end:ss].strip("；; \n"):
                target = last_target  # …持股为6%；⏎⏎TPG Growth持股为17.4%
            else:
                k0 = bisect.bisect_left(starts, ss)
                lo = bisect.bisect_left(starts, max(0, ss - _HOLDERS_BACK), 0, k0)
                back = [k for k in range(lo, k0) if ents[k].type == "COMPANY" and id(ents[k]) not in held
                        and ents[k].end <= ss and not invests(doc, ents, k)]
                target = ents[back[-1]] if back else None
        if target is None:
            continue
        last_target, last_end = target, se
        for e in holders:
            if e.type in PARTY and e.text != target.text and (e.text, target.text) not in seen:
                seen.add((e.text, target.text))
                out.append(Relation("invested_in", e, target))
    return out


def _backed_by(doc: Document, ents: List[Entity]) -> List[Relation]:
    """获甲和乙投资的丙 / 由甲及乙投資的丙: the listed backers invested in the company the phrase qualifies."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    k = 0
    while k < len(ents):
        e = ents[k]
        if e.type not in PARTY or not _BACKED_CUE.search(norm, max(0, e.start - 2), e.start):
            k += 1
            continue
        items = _coordinated(doc, ents, k)
        k += len(items)
        m = _BACKED_END.match(norm, items[-1].end)
        if not m:
            continue
        j = bisect.bisect_left(starts, m.end())
        if j < len(ents) and ents[j].type == "COMPANY" and ents[j].start - m.end() <= 12 \
                and not re.search(r"[，,。；;]", norm[m.end():ents[j].start]):
            out += [Relation("invested_in", x, ents[j]) for x in items if x.type in PARTY]
    return out


def _portfolios(doc: Document, ents: List[Entity]) -> List[Relation]:
    """甲投资了乙、丙等企业 / 甲已投资多家…企业，如乙、丙. The investor is the last company/body of the cue's clause
    (微软还投资了…), else the sentence's first (小米已投资…，如甲、乙等，还涉足…，投资了丙)."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    for m in _PORTFOLIO.finditer(norm):
        ss, se = doc.sentence_of(m.start())
        before = [e for e in ents[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, m.start())]
                  if e.type in PARTY and e.end <= m.start()]
        if not before:
            continue
        lo = max([ss] + [norm.rfind(c, ss, m.start()) + 1 for c in "，,；;：:"])
        who = next((e for e in reversed(before) if e.start >= lo), before[0])
        pos = m.end()
        listed = list_items(doc, ents, starts, pos, se, ("COMPANY",))
        while listed and _DESCRIBES.match(norm, listed[0].end):  # a name inside a descriptor is no item: 投资了被称为
            pos = _DESCRIBES.match(norm, listed[0].end).end()     # “欧洲版OpenAI”的…公司Mistral AI: the list starts after it
            listed = list_items(doc, ents, starts, pos, se, ("COMPANY",))
        out += [Relation("invested_in", who, e) for e in listed if e.text != who.text]
    return out


def _joint_ventures(doc: Document, orgs: List[Entity]) -> List[Relation]:
    """丙是甲与乙的合资企业 / 甲和乙成立一家名为“丙”的合资公司 / …合资企业“丙”: each partner (the last coordinated
    list of two or more before the cue in its sentence; or the two companies joined by 与/和) invested in it."""
    norm, out = doc.norm, []
    starts = [e.start for e in orgs]
    for m in _JV_CUE.finditer(norm):
        ss, _ = doc.sentence_of(m.start())
        j = bisect.bisect_left(starts, m.end())
        before = [e for e in orgs[bisect.bisect_left(starts, ss):j] if e.end <= m.start()]
        jv = None
        if j < len(orgs) and orgs[j].type == "COMPANY" and orgs[j].start - m.end() <= 4 \
                and re.fullmatch(r"[\s“\"「『]*", norm[m.end():orgs[j].start]):
            jv = orgs[j]  # …合资企业“丙”
        elif before and before[-1].type == "COMPANY" and re.fullmatch(r"[”\"」』]?\s*(?:的)?", norm[before[-1].end:m.start()]):
            jv = before[-1]  # 名为“丙”的合资企业
        elif before and before[0].type == "COMPANY" and re.match(r"\s*(?:是|为)", norm[before[0].end:]):
            jv = before[0]  # 丙是甲与乙的合资企业
        if jv is None:
            continue
        partners = [e for e in before if e is not jv]
        groups, i = [], 0
        while i < len(partners):
            g = _coordinated(doc, partners, i)
            groups.append(g)
            i += len(g)
        group = next((g for g in reversed(groups) if len(g) > 1), None)
        if group is None and len(partners) == 2 and re.search("与|和", norm[partners[0].end:partners[1].start]):
            group = partners  # 软银宣布与OpenAI…成立合资公司
        out += [Relation("invested_in", x, jv) for x in group or []]
    return out


def _took_part(doc: Document, ents: List[Entity]) -> List[Relation]:
    """甲(先前已)参与了乙与丙的融资 / 甲以及…则参与了乙的组建: the party before the cue (no other name, clause mark or
    将/会 between) invested in each COMPANY between the cue and 的融资/募资/组建. News train, extension and dev gold: 3 of
    3 such pairs invested_in (2 documents); 将考虑参与 (a plan) and 协助参与 (an adviser) none of 2, left out. Cross-fitted
    invested_in 129/42 -> 132/42 right/false (0.5069 -> 0.5156), session 53; news dev + select identical."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    for m in _TOOK_PART.finditer(norm):
        i = bisect.bisect_left(starts, m.start())
        if i == 0:
            continue
        who = ents[i - 1]
        if who.type not in PARTY or who.end > m.start() or not _TOOK_PART_GAP.fullmatch(norm, who.end, m.start()):
            continue
        held, j, end = [], bisect.bisect_left(starts, m.end()), None
        while j < len(ents) and ents[j].start - m.end() <= 25:
            e = ents[j]
            if re.search(r"[，。；;\n]", norm[m.end():e.start]):
                break
            if e.type == "COMPANY":
                held.append(e)
                if _TOOK_PART_END.match(norm, e.end):
                    end = e
                    break
            j += 1
        if end is not None:
            out += [Relation("invested_in", who, e) for e in held if e.text != who.text]
    return out


def _contributors(doc: Document, ents: List[Entity]) -> List[Relation]:
    """Parties each followed by 出资/增资/认购 + an amount invested in the company the sentence founds or joins after
    them (…共同发起设立丙 / …，成为丙的LP), else, in a sentence opening with 其中, in the company opening the sentence
    before when that one raises (增资/融资/募资). News train, extension and dev gold: 9 of 9 parties followed by
    出资/增资/认购 + an amount invested_in (4 documents; the PIPE list of one names its company elsewhere, left out).
    Cross-fitted invested_in 132/42/206 -> 135/42/203 right/false/missed (0.5156 -> 0.5243), session 53; news dev +
    select identical."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    prev = None
    for ss, se in doc.sents:
        inside = ents[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, se)]
        givers = [e for e in inside if e.type in PARTY and _CONTRIBUTES.match(norm, e.end)]
        before, prev = prev, (ss, se, inside)
        if not givers:
            continue
        target = None
        for e in inside:
            if e.start > givers[-1].end and e.type == "COMPANY" and _FOUNDS.search(norm, max(ss, e.start - 8), e.start):
                if not norm[max(ss, e.start - 8):e.start].rstrip().endswith("成为") or _MEMBER_TAIL.match(norm, e.end):
                    target = e
                    break
        if target is None and norm[ss:se].lstrip().startswith("其中") and before is not None:
            before_ss, before_se, before_ents = before
            named = [e for e in before_ents if e.type != "DATE"]  # the sentence before, its dates passed over
            if named and named[0].type == "COMPANY" and _RAISES.search(norm, named[0].end, before_se) \
                    and not norm[before_ss:named[0].start].strip("0123456789年月日，, \n"):
                target = named[0]
        if target is None:
            continue
        out += [Relation("invested_in", e, target) for e in givers if e.text != target.text]
    return out


def _behind(doc: Document, ents: List[Entity]) -> List[Relation]:
    """乙背后(同样)站着甲 / 乙…其背后有甲和丙等…的战略投资 / 背靠甲的乙: the companies/bodies listed right after the cue
    invested in the company named before it in its sentence (:func:`named_before`), or, after 背靠, in the company
    their 的 qualifies. News train, extension and dev gold: 4 of 4 such companies invested_in (4 documents; 背后 /
    背靠 before no name, as 背靠广袤的下沉市场, none). Cross-fitted invested_in 133/38/205 -> 135/38/203 right/false/missed
    (0.5226 -> 0.5284), session 55; news dev + select and the RANKING batches identical."""
    norm, out = doc.norm, []
    starts = [e.start for e in ents]
    for m in _BEHIND.finditer(norm):
        ss, se = doc.sentence_of(m.start())
        backers = list_items(doc, ents, starts, m.end(), se, PARTY)
        if not backers or backers[0].start - m.end() > _BEHIND_GAP:
            continue
        if m.group("lean"):
            j = bisect.bisect_left(starts, backers[-1].end)
            target = ents[j] if j < len(ents) and ents[j].type == "COMPANY" \
                and re.fullmatch(r"\s*的\s*", norm[backers[-1].end:ents[j].start]) else None
        else:
            target = named_before(doc, ents, starts, m.start(), ss, ("COMPANY",), whole=True, elided=True)
        if target is not None:
            out += [Relation("invested_in", e, target) for e in backers if e.text != target.text]
    return out


def _founders(doc: Document, orgs: List[Entity]) -> List[Relation]:
    """甲(宣布)与乙合作，共同设立丙 / 丙成立于2018年，由甲(（…）)携手…乙成立的…企业: the two partners (joined by 与/和/携手/
    联手, the second right before the cue) invested in the venture: the COMPANY right after the cue, or after 成立的 the
    COMPANY named before them in the sentence. News train, extension and dev gold: founders of a joint company
    invested_in it in each of its 4 documents (the partners of 共同设立/联合成立/携手…成立, 合资企业 aside). With the
    holdings after 控股参股 (:data:`_PORTFOLIO`): cross-fitted invested_in 140/38/198 -> 146/39/192 right/false/missed
    (0.5426 -> 0.5583), session 55; news dev + select and the RANKING batches identical."""
    norm, out = doc.norm, []
    starts = [e.start for e in orgs]
    for m in _FOUNDED.finditer(norm):
        ss, _ = doc.sentence_of(m.start())
        i = bisect.bisect_left(starts, m.start())
        before = [e for e in orgs[bisect.bisect_left(starts, ss):i] if e.end <= m.start()]
        if len(before) < 2 or not _FOUNDED_GAP.fullmatch(norm, before[-1].end, m.start()):
            continue
        b = before[-1]
        a = next((e for e in reversed(before[:-1])  # (a name in brackets is the one before it again: 甲资本（Vivo）)
                  if not re.search(r"[（(]\s*\Z", norm[max(0, e.start - 2):e.start])), None)
        if a is None or a.text == b.text or not _PARTNERED.fullmatch(norm, a.end, b.start):
            continue
        venture = None
        if m.group("of"):
            venture = next((e for e in reversed(before) if e.end <= a.start and e.type == "COMPANY"), None)
        elif i < len(orgs) and orgs[i].type == "COMPANY" and _FOUNDED_NAME.fullmatch(norm, m.end(), orgs[i].start) \
                and orgs[i].start - m.end() <= 6:
            venture = orgs[i]
        if venture is not None and venture.text not in (a.text, b.text):
            out += [Relation("invested_in", a, venture), Relation("invested_in", b, venture)]
    return out
