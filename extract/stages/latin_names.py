"""A learned type for names written in Latin script: ``latin_typer.v1``.

About one name in seven in Chinese business news is written in Latin letters (Coatue Management, Ilya Sutskever,
Hugging Face, SSI, HR SaaS), and the NER, which learned its names mostly from Chinese script, types them worst:
on the ZhIE-News dev split its Latin COMPANY mentions scored F1 0.73 against 0.87 for Chinese ones, and Latin
PERSON 0.32 (Ilya Sutskever tagged COMPANY, Safe SuperIntelligence PERSON). What tells the types apart in Latin
script is mostly inside the name (a given name and a surname, Capital / Partners / Labs / AI, an all-capital
acronym), which a character CNN trained on Chinese text barely sees.

This component gives every entity of a name type (:data:`TYPES`) whose text is Latin script (:func:`is_latin`)
the type a softmax regression over sparse features prefers: the name's tokens, their shapes and affixes, the
characters on each side (创始人 …, … 领投, … 公司), and the type of a name it glosses in parentheses (英偉達（Nvidia）).
It can also say that the span is no name at all (``NONE``: a product, a model, a technology term — TikTok, iOS,
AlexNet, CRM); such a span is dropped only when ``NONE``'s probability reaches ``drop_threshold``.
A type changes only when the preferred type's probability reaches ``threshold``. With ``add_threshold`` (0.5 in the
shipped file) it also recognizes: a maximal Latin run that no entity overlaps becomes a name of the type it prefers
when that type's probability reaches ``add_threshold`` (Coinbase, Yandex, TPG Growth: names the NER missed). News
dev: five NER types 0.800 -> 0.806 (COMPANY 0.845 -> 0.857), relations 0.526 -> 0.530, facts 0.588 -> 0.594; at 0.4
the same on dev but five more false names on the seed documents; at 0.3 lower.

Trained by :mod:`extract.learn.latin_names` on gold documents: the gold entities of Latin script are examples of
their type, every other maximal run of Latin text is a ``NONE`` example. Its features read the text and,
for the parenthesis feature, the entities next to the span; nothing of the NER's own output, so it needs no
cross-fitting. Config entry (after ``merge``, before ``propagate``, which then unifies the types of a name's
mentions)::

    {"name": "latin_typer", "factory": "latin_typer.v1", "path": "latin_names.json"}
"""
from __future__ import annotations

import bisect
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from extract.doc import Document
from extract.registry import components
from extract.stages.basic import (ends_in_model_number, follows_a_non_sector_word, names_a_product, names_a_technology,
                                  names_an_occasion, never_a_name, not_names)
from extract.stages.hashing import read_weights, slot_hasher, weights_file

__all__ = ["LatinTyper", "features", "is_latin", "latin_runs", "TYPES", "NONE", "DIM", "make_latin_typer"]

DIM = 1 << 15
FORMAT = "latintyper.softmax.v1"
TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY")
NONE = "NONE"
_h = slot_hasher(DIM)

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .&'+\-]*")
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
_OPEN, _CLOSE = "（(", "）)"


# the words that name a Latin-script firm or body (Chroma Medicine, Balyasny Asset Management, Grand View Research): in
# the news train, extension and dev gold 158 multi-word Latin names hold one, and none is a PERSON (COMPANY 140, ORG 18:
# 11 of the 13 with a body word are ORGs, 138 of the 145 others COMPANYs); the cross-fitted
# system had typed 9 of them PERSON (2026-12-06). A research house or a school is an ORG (GUIDELINES N2), a firm a COMPANY.
_FIRM_WORD = re.compile(r"(?<![A-Za-z-])(?:Medicine|Capital|Asset|Assets|Brands|Partners|Fund|Group|Inc|Ventures|Technologies|"
                        r"Technology|Labs|Holdings|Bank|Securities|Management|Therapeutics|Pharma|Pharmaceuticals|Systems|"
                        r"Networks|Robotics|Motors|Investments|Investment|Trust|Foundation|Institute|University|Association|"
                        r"Research|Corporation|Corp|Company|Ltd|LLC|"
                        # session 51: no gold PERSON holds these either (35 gold names do: Japan Airlines, Wynn Resorts,
                        # Wiley Rein LLP, Atlas Venture, NOVO Energy, Meta Platforms …); cross-fitted COMPANY 8115 -> 8119 right,
                        # PERSON 164 -> 160 false, news dev + select identical
                        r"LLP|Resorts|Airlines|Airways|Venture|Hotels|Energy|Power|Entertainment|Semiconductor|Software|"
                        r"Sciences|Industries|Platforms|Dynamics)(?![A-Za-z-])")
_BODY_WORDS = frozenset({"Foundation", "Institute", "University", "Association", "Research"})
# a multi-word Latin name whose last word names a body (Gainey Foundation, Cystic Fibrosis Foundation, Heritage Foundation,
# World Gold Council) is an ORG, not a COMPANY (GUIDELINES N2), also where the NER or the typer read a COMPANY: news train,
# extension and dev gold 5 of the 5 Latin names so ending are ORGs (not Research: Lam Research, Central Research are
# COMPANYs); the cross-fitted predictions typed 3 of them COMPANY (2 documents). Session 54 (r1com, r1org).
_BODY_END = re.compile(r"[A-Za-z][ \xa0](?:Foundation|Institute|University|Association|Council|Society|Federation)\Z")


def latin_body(norm: str, s: int, e: int) -> bool:
    """Whether ``norm[s:e]`` is a multi-word Latin name ending in a body's word (:data:`_BODY_END`): an ORG, which
    propagate's list_types leaves so among firms (news gold: Cystic Fibrosis Foundation in a list of investors)."""
    return bool(_BODY_END.search(norm[s:e]))


def _after_kinship_cue(norm: str, s: int, t: int) -> bool:
    """Whether the Latin run ``norm[s:t]`` comes right after 旗下/子公司/母公司 and before no product's or plant's head
    (the company names of :func:`extract.stages.mentions._framed_company`; news train, extension and dev gold 32 of 34
    such Latin names COMPANYs). :meth:`LatinTyper._add_uncovered` adds such a run as a COMPANY below ``add_threshold``
    too (session 53: cross-fitted COMPANY 8296/1126/1234 -> 8299/1126/1231 right/false/missed, subsidiary_of 66/8 ->
    67/9: 软银旗下的LY Corp．, 名创旗下Toptoy, Snapchat 的母公司 Snap)."""
    from extract.stages.mentions import follows_a_kinship_cue

    return follows_a_kinship_cue(norm, s, t) and norm[t:t + 1] != "-"  # 旗下PD-(L)1产品: a run cut at the bracket


# a Latin given name and surname (a middle initial allowed): Yigal Elbaz, Robert W. De Vlieger, Eric Liang; or one
# capitalized word of 3 letters or more (创始人 Jon, 主播Auronplay: news train, extension and dev gold 3 of 3 such words
# after a title are PERSONs, 2 documents; cross-fitted PERSON 2443/149/164 -> 2445/149/162, COMPANY false 1114 -> 1112)
_GIVEN_SURNAME = re.compile(r"(?<![A-Za-z0-9.&'+\-])(?:[A-Z][a-z]+(?:[ \-][A-Z]\.?)?(?:[ \xa0][A-Z][a-zA-Z'\-]+){1,2}"
                            r"|[A-Z][a-z]{2,})(?![A-Za-z0-9.&'+\-])")


@lru_cache(maxsize=None)
def _latin_title_before():
    """A person's title at the end of a text: basic's titles (propagate.json person_titles, persons.json filter_titles),
    persons.json latin_titles and 首席…官."""
    from extract.stages.basic import _person_title_before
    from extract.stages.recognizers._data import alternation, load_rules

    words = alternation(load_rules("persons").get("latin_titles", ()))
    extra = re.compile(r"(?:首席[\u4e00-\u9fff]{1,4}官|" + words + r")[ \t\xa0]*\Z")
    return _person_title_before(), extra


def _titled_latin_persons(doc: Document) -> None:
    """A Latin given name and surname right after a person's title (首席技术官Yigal Elbaz, 高層Eric Liang, 高管Tien Lee,
    创始人和CEO Dario Amodei, 外部董事Gordon Daugherty) is a PERSON: a name-type entity inside it (or inside the title
    and it: a run the NER or the typer read as CEO Dario Amodei) is replaced by the PERSON, a firm word (_FIRM_WORD)
    keeps it out. News train, extension and dev gold: 98 of the 100 such names are PERSONs (the other 2 garbled text);
    the cross-fitted predictions had 5 of them missed, 2 typed COMPANY, 2 overlapped by a wrong span. Session 53 (perslat)."""
    norm = doc.norm
    if _GIVEN_SURNAME.search(norm) is None:
        return
    basic, extra = _latin_title_before()
    drop, added = set(), []
    for m in _GIVEN_SURNAME.finditer(norm):
        s, t = m.span()
        if _FIRM_WORD.search(norm, s, t):
            continue
        before = norm[max(0, s - 12):s].replace("\xa0", " ")
        cue = basic.search(before) or extra.search(before)
        if cue is None:
            continue
        c0 = max(0, s - 12) + cue.start()
        hits = [e for e in doc.entities if e.start < t and s < e.end]
        if any(e.start == s and e.end == t and e.type == "PERSON" for e in hits):
            continue
        if any(e.type not in TYPES or e.start < c0 or e.end > t for e in hits):
            continue  # an entity reaching past the name and its title: left alone
        drop.update(id(e) for e in hits)
        added.append(doc.entity("PERSON", s, t, source="latin"))
    if drop:
        doc.entities = [e for e in doc.entities if id(e) not in drop]
        doc.relations = [r for r in doc.relations if id(r.head) not in drop and id(r.tail) not in drop]
    if added:
        doc.entities = sorted(doc.entities + added, key=lambda e: (e.start, e.end))


def is_latin(text: str) -> bool:
    """Whether ``text`` is a name in Latin script: letters (at least one), digits, spaces and . & ' + - only."""
    return bool(_LATIN.fullmatch(text)) and any("a" <= c.lower() <= "z" for c in text)


def latin_runs(text: str) -> List[tuple]:
    """``(start, end)`` of every maximal run of Latin-script text holding a letter (trailing spaces and
    punctuation trimmed): the spans a name written in Latin letters can be."""
    out = []
    for m in _LATIN.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in " .&'+-":
            e -= 1
        if e > s and is_latin(text[s:e]):
            out.append((s, e))
    return out


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d"
    if tok.isupper():
        return "X" if len(tok) == 1 else "XX"
    if tok.islower():
        return "x"
    if tok[0].isupper() and tok[1:].islower():
        return "Xx"
    return "xX"  # mixed case inside the token: DeepSeek, iPhone, SuperIntelligence


def features(text: str, s: int, t: int, left_type: Optional[str] = None, right_type: Optional[str] = None) -> List[int]:
    """Feature slots of the span ``text[s:t]``. ``left_type``: the type of a name that ends right before the
    span's opening parenthesis (英偉達（Nvidia）); ``right_type``: of a name inside the parenthesis right after the
    span (Safe SuperIntelligence（安全超级智能…）)."""
    w = text[s:t]
    toks = _TOKEN.findall(w)
    low = [x.lower() for x in toks]
    shapes = [_shape(x) for x in toks]
    f = [f"w={w.lower()}", f"ntok={min(len(toks), 4)}", f"shapes={'-'.join(shapes[:4])}",
         f"len={min(len(w), 12) // 3}", f"space={' ' in w}", f"dot={'.' in w}", f"amp={'&' in w}"]
    if low:
        f += [f"first={low[0]}", f"last={low[-1]}", f"lastshape={shapes[-1]}"]
    for x in low:
        f.append(f"tok={x}")
        if len(x) > 3:
            f += [f"pre3={x[:3]}", f"suf3={x[-3:]}", f"suf2={x[-2:]}"]
    left, right = text[max(0, s - 1):s], text[t:t + 1]
    f += [f"l1={left}", f"r1={right}", f"l1r1={left}|{right}"]
    for k in (2, 3):
        f += [f"l{k}={text[max(0, s - k):s]}", f"r{k}={text[t:t + k]}"]
    if left_type:
        f.append(f"glosses={left_type}")
    if right_type:
        f.append(f"glossed={right_type}")
    return sorted({_h(x) for x in f})


def neighbour_types(text: str, spans: Dict[tuple, str], s: int, t: int) -> tuple:
    """``(left_type, right_type)`` of :func:`features` from the document's entities ``{(start, end): type}``."""
    left = right = None
    i = s - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i >= 0 and text[i] in _OPEN and t < len(text) and text[t] in _CLOSE:
        left = spans.get(("end", i))
    j = t
    while j < len(text) and text[j] == " ":
        j += 1
    if j < len(text) and text[j] in _OPEN:
        right = spans.get(("start", j + 1))
    return left, right


def span_index(entities) -> Dict[tuple, str]:
    """``{("end", e): type, ("start", s): type}`` of the name-type entities, for :func:`neighbour_types`."""
    out = {}
    for e in entities:
        if e.type in TYPES:
            out.setdefault(("end", e.end), e.type)
            out.setdefault(("start", e.start), e.type)
    return out


def softmax_probs(model: dict, ids: Sequence[int]) -> List[float]:
    """Class probabilities of a sparse softmax model ``{"bias": [C], "w": {slot: [C]}}``."""
    z = list(model["bias"])
    w = model["w"]
    for i in ids:
        row = w.get(i)
        if row is not None:
            for c, v in enumerate(row):
                z[c] += v
    m = max(z)
    ex = [math.exp(v - m) for v in z]
    tot = sum(ex)
    return [v / tot for v in ex]


class LatinTyper:
    """Weights ``{"bias": [C], "w": {slot: [C]}}`` over ``classes`` (the name types and ``NONE``)."""

    def __init__(self, model: Optional[dict] = None, classes: Sequence[str] = TYPES + (NONE,),
                 threshold: float = 0.5, drop_threshold: float = 1.01, keep_pairs: Sequence[Sequence[str]] = (),
                 add_threshold: float = 1.01):
        self.model = model
        self.add_threshold = float(add_threshold)  # a Latin run no entity covers becomes a name at this probability
        self.classes = tuple(classes)
        self.threshold = float(threshold)
        self.drop_threshold = float(drop_threshold)
        self.keep_pairs = {frozenset(p) for p in keep_pairs}  # types it never changes one into the other

    def probs(self, doc: Document, e, index: Optional[dict] = None) -> Dict[str, float]:
        index = span_index(doc.entities) if index is None else index
        return self._probs_at(doc.norm, index, e.start, e.end)

    def _probs_at(self, norm: str, index: dict, s: int, t: int) -> Dict[str, float]:
        """The class probabilities of the span ``norm[s:t]`` (``index``: :func:`span_index` of the document)."""
        lt, rt = neighbour_types(norm, index, s, t)
        return dict(zip(self.classes, softmax_probs(self.model, features(norm, s, t, lt, rt))))

    def __call__(self, doc: Document) -> Document:
        if not self.model:
            return doc
        norm = doc.norm
        cands = [e for e in doc.entities if e.type in TYPES and is_latin(norm[e.start:e.end])]
        if not cands and (self.add_threshold > 1.0 or _LATIN.search(norm) is None):
            return doc
        index = span_index(doc.entities)
        drop = set()
        # one name, one reading: every mention of a name takes the mean of its mentions' probabilities, so that a
        # person the NER typed COMPANY throughout is not turned at some mentions only and then voted back by
        # propagate's one_type (Bruno Arboit, 9 mentions, 7 of them in one document; Bjorn Annwall, Chris Kempczinski).
        # Session 51, cross-fitted news training documents: PERSON 2330/161 -> 2339/161, COMPANY 1464 -> 1455 false,
        # every change right; news dev + select and the RANKING batches identical.
        by_name = {}
        for e in cands:
            by_name.setdefault(norm[e.start:e.end], []).append(self.probs(doc, e, index))
        mean = {w: {c: sum(p[c] for p in ps) / len(ps) for c in self.classes} for w, ps in by_name.items()}
        for e in cands:
            p = mean[norm[e.start:e.end]]
            if p.get(NONE, 0.0) >= self.drop_threshold:
                drop.add(id(e))
                continue
            best = max((c for c in self.classes if c != NONE), key=p.get)
            if best != e.type and p[best] >= self.threshold and frozenset((best, e.type)) not in self.keep_pairs:
                e.type = best
            if e.type == "PERSON":
                m = _FIRM_WORD.search(norm, e.start, e.end)
                if m:  # Chroma Medicine, Balyasny Asset Management, Grand View Research: a firm, not a person
                    e.type = "ORG" if m.group(0) in _BODY_WORDS else "COMPANY"
            elif e.type == "COMPANY" and latin_body(norm, e.start, e.end):
                e.type = "ORG"
        drop.update(id(e) for e in cands if never_a_name(norm, e))
        if drop:
            doc.entities = [e for e in doc.entities if id(e) not in drop]
            doc.relations = [r for r in doc.relations if id(r.head) not in drop and id(r.tail) not in drop]
        if self.add_threshold <= 1.0:
            self._add_uncovered(doc, index)
        _titled_latin_persons(doc)
        return doc

    def _add_uncovered(self, doc: Document, index: dict) -> None:
        """A maximal Latin run that no entity of any type overlaps becomes a name of the type the model gives it,
        where that type's probability reaches ``add_threshold`` (Coinbase, Yandex, TPG Growth: names the NER
        missed). Also in a document where no other Latin-script name was found (until session 19 the typer
        returned before this step there; adding there too: news dev COMPANY 0.857 -> 0.856, cross-fitted
        training documents COMPANY and INDUSTRY one and two more right, five false more: neutral, but the output
        no longer depends on whether some other Latin name stands in the document)."""
        norm = doc.norm
        covered = bytearray(len(norm))
        for e in doc.entities:
            covered[e.start:e.end] = b"\x01" * (e.end - e.start)
        added = []
        for s, t in latin_runs(norm):
            if any(covered[s:t]):
                continue
            p = self._probs_at(norm, index, s, t)
            best = max((c for c in self.classes if c != NONE), key=p.get)
            if best in ("COMPANY", "ORG") and (ends_in_model_number(norm[s:t]) or names_a_product(norm, s, t)):
                continue  # vivo X200, DeepSeek应用, DeepSeek满血版: a product, as entity_filter decides for the NER's names
            if best == "INDUSTRY" and (names_a_technology(norm, s, t) or names_an_occasion(norm, t)
                                       or follows_a_non_sector_word(norm, s)):
                # AI终端, AI时代 (ai_technology_after), AI专家 (occasion_after), 公司的AI, 部署AI (…_before): no sector, as
                # entity_filter decides for the NER's (session 53: with the occasion and non-sector words too, cross-fitted
                # INDUSTRY 3987/1606 -> 3987/1602 right/false, other layers, news dev + select identical)
                continue
            if p[best] < self.add_threshold and _after_kinship_cue(norm, s, t):
                best = "COMPANY"  # 软银旗下的LY Corp．, 名创旗下Toptoy: mentions._framed_company's names, the NER's or not
                if norm[t:t + 1] == "." and re.search(r"(?:Corp|Inc|Co|Ltd)$", norm[s:t]):
                    t += 1  # LY Corp．: the stop of the abbreviation is the name's (the run trims it)
            elif p[best] < self.add_threshold:
                continue
            if doc.norm[s:t] not in not_names():
                added.append(doc.entity(best, s, t, source="latin"))
        if added:
            doc.entities = sorted(doc.entities + added, key=lambda e: (e.start, e.end))

    def save(self, path, extra: Optional[dict] = None) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"model": FORMAT, "dim": DIM, "classes": list(self.classes), "threshold": self.threshold,
                       "drop_threshold": self.drop_threshold, "keep_pairs": [sorted(p) for p in self.keep_pairs],
                       "add_threshold": self.add_threshold,
                       **(extra or {}), **self.model}, f, ensure_ascii=False)

    @classmethod
    def load(cls, path) -> "LatinTyper":
        data = read_weights(path, FORMAT, DIM)
        return cls({"bias": data["bias"], "w": data["w"]}, data["classes"],
                   float(data["threshold"]), float(data["drop_threshold"]), data.get("keep_pairs", ()),
                   float(data.get("add_threshold", 1.01)))


@components.register("latin_typer.v1")
def make_latin_typer(nlp, path: str = "latin_names.json", threshold: Optional[float] = None,
                     drop_threshold: Optional[float] = None,
                     keep_pairs: Optional[Sequence[Sequence[str]]] = None,
                     add_threshold: Optional[float] = None) -> LatinTyper:
    """The learned type of Latin-script names; ``path`` is its weights file (resolved against the model folder),
    ``threshold`` and ``drop_threshold`` override the file's."""
    p = weights_file(path, "latin_typer.v1", f"python -m extract.learn.latin_names GOLD.jsonl -o {Path(path).name}")
    typer = LatinTyper.load(p)
    if threshold is not None:
        typer.threshold = float(threshold)
    if drop_threshold is not None:
        typer.drop_threshold = float(drop_threshold)
    if keep_pairs is not None:
        typer.keep_pairs = {frozenset(p) for p in keep_pairs}
    if add_threshold is not None:
        typer.add_threshold = float(add_threshold)
    return typer
