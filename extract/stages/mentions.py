"""A learned filter for INDUSTRY matches: does the text frame this sector name as an industry *here*?

The gazetteer tags every occurrence of a listed sector name (半导体, 金融, 芯片设计 …) and the NER tags what looks
like one, but GUIDELINES rule 1 tags a term only where the text frames it as an industry, field or market:
聚焦**芯片设计**的…, 在**半导体**领域, not 攻克高性能GPU芯片 or 昕原半导体's 半导体. On the ZhIE-News train split
fewer than half of the gazetteer's INDUSTRY matches are gold mentions. This component scores each match of the
covered types and sources (the shipped file: INDUSTRY from the gazetteer and the NER) with a logistic regression
over sparse features of its context and drops those under the threshold, before ``merge`` resolves overlaps, so a
longer span can take the place of a dropped match.

Features (hashed into ``DIM`` slots, :mod:`extract.stages.hashing`): the matched word, its length and first and
last character, the 1–4 characters on each side and the pairs of the nearest ones with the word, how often
the word matched in the document, the other non-NER candidates that overlap it or touch it (a rule company
around it, a table cell), and the source crossed with the word, its length and its neighbours. Feature set 2 (a
file's ``"feature_set"``; files without one are set 1) adds the clause around the match: the character bigrams up
to 10 characters after it and 8 before it (clause marks stop them), the nearest framing word after it with its
distance (X相关领域, X等行业: GUIDELINES rule 1's framing a few words away), and the type of an entity coordinated
with it (芯片、X). Shipped since session 29 for the INDUSTRY filter: cross-fitted INDUSTRY and news dev + select up
(``models/default/MODEL_CARD.md``); the ORG filter stays on set 1, where set 2 lowered dev + select ORG. The NER's
entities are not features of other matches: on its own training documents the NER finds the gold entities.
For the same reason a filter that judges the NER's matches must learn on a cross-fitted pipeline
(:func:`extract.learn.pipe_predicted`), where each training document's NER never saw it.

Echoes (``mention_echo.v1``, session 31): the NER reads a sector name in one sentence and passes it over where it
recurs (新能源、智驾等领域 … 智驾渗透率). The component before the filter offers every further occurrence of an
INDUSTRY name the NER tagged as a candidate of source ``echo``, and the filter judges those too, at a threshold of
their own (``source_thresholds``: shipped ``{"echo": 0.4}``, the rest at 0.3). Unfiltered they would not do: of
the further occurrences of the predicted sector names that no predicted entity covers on the cross-fitted training
documents, 558 are gold and 2,417 are not. With the filter, cross-fitted INDUSTRY 0.650 -> 0.664
(``models/default/MODEL_CARD.md``, "Session 31"). A name of the document overrides an echo inside it (``propagate``).

The same model judges the NER's COMPANY matches since 2026-12-06 (``mentions_company.json``, component
``company_filter``, threshold 0.3, feature set 2): product and technology phrases the NER reads as firms (割草机器人,
液冷技术, 六维力传感器) fall under it. A COMPANY of a sentence about a funding round is not judged
(``keep_sentences``, a pattern of 融资, 领投, 投资方 …: a start-up named once is most often new to the model, and
the filter cost FUNDING arguments there). Cross-fitted COMPANY 0.831 -> 0.836, five types 0.8024 -> 0.8041, facts
0.6535 -> 0.6551, FUNDING arguments 0.738 -> 0.731; news dev + select COMPANY 0.841 -> 0.848, facts 0.629 -> 0.634,
relations 0.526 -> 0.529, arguments unchanged (``models/default/MODEL_CARD.md``, "Session 32").

Trained by :mod:`extract.learn.mentions` on the candidates the pipeline itself produces on gold documents.
Config entries::

    {"name": "industry_echo", "factory": "mention_echo.v1", "types": ["INDUSTRY"], "sources": ["ner"]}
    {"name": "mention_filter", "factory": "mention_filter.v1", "path": "mentions.json"}
    {"name": "company_filter", "factory": "mention_filter.v1", "path": "mentions_company.json",
     "keep_sentences": "融资|领投|跟投|参投|投资方|投资者|募资|注资|入股"}
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from pathlib import Path
from typing import List, Optional, Sequence

from extract.doc import Document
from extract.registry import components
from extract.stages.hashing import read_weights, slot_hasher, sparse_prob, weights_file
from extract.textnorm import is_latin_letter

__all__ = ["MentionFilter", "features", "candidates", "echoes", "check_source_thresholds", "ECHO", "DIM",
           "make_mention_filter", "make_mention_echo"]

DIM = 1 << 14
FORMAT = "mentionfilter.logreg.v1"
FEATURE_SETS = (1, 2)  # 1: the word and 4 characters around it (files without "feature_set"); 2: also the clause
FEATURE_SET = 2  # what new filters are trained with
_h = slot_hasher(DIM)


def candidates(doc: Document, types: Sequence[str], sources: Sequence[str]) -> list:
    """The entities of ``doc`` the filter judges: of one of ``types``, from one of ``sources``."""
    types, sources = set(types), set(sources)
    return [e for e in doc.entities if e.type in types and e.source in sources]


class EntityIndex:
    """The entities of a document by start, but those of ``left_out`` sources (the filters' features: the NER's), to
    find those overlapping or touching a span without a scan of all of them per candidate (an entity-dense text has
    tens of thousands)."""

    def __init__(self, doc: Document, left_out: Sequence[str] = ("ner",)):
        self.ents = sorted((o for o in doc.entities if o.source not in left_out), key=lambda o: o.start)
        self.starts = [o.start for o in self.ents]
        self.longest = max((o.end - o.start for o in self.ents), default=0)

    def near(self, s: int, t: int) -> list:
        """The entities overlapping or touching ``[s, t)``."""
        lo = bisect.bisect_left(self.starts, s - self.longest)
        hi = bisect.bisect_right(self.starts, t)
        return [o for o in self.ents[lo:hi] if o.end >= s]

    def overlapping(self, s: int, t: int) -> list:
        """The entities sharing a character with ``[s, t)``."""
        return [o for o in self.near(s, t) if o.start < t and o.end > s]


def features(doc: Document, e, count: int, others: Optional[EntityIndex] = None, feature_set: int = 1,
             every: Optional["_Every"] = None) -> List[int]:
    """Feature slots of the candidate ``e`` (``count``: how many candidates of ``doc`` have its text;
    ``others``: the document's index of non-NER entities, built once per document when given). ``feature_set``
    2 adds the wider context (:func:`_context`); ``every``: the index of all its entities for those."""
    n = doc.norm
    s, t = e.start, e.end
    w, left, right = n[s:t], n[max(0, s - 1):s], n[t:t + 1]
    f = [f"w={w}", f"len={min(len(w), 6)}", f"first={w[:1]}", f"last={w[-1:]}", f"cnt={min(count, 5)}",
         f"l1={left}", f"r1={right}", f"l1r1={left}|{right}", f"w|l1={w}|{left}", f"w|r1={w}|{right}"]
    for k in (2, 3, 4):
        f.append(f"l{k}={n[max(0, s - k):s]}")
        f.append(f"r{k}={n[t:t + k]}")
    src = e.source  # a model judging several sources learns how far to trust each, word by word
    f += [f"src={src}", f"src={src}|w={w}", f"src={src}|len={min(len(w), 6)}", f"src={src}|l1={left}",
          f"src={src}|r1={right}"]
    for o in (others or EntityIndex(doc)).near(s, t):
        if o is e:
            continue
        if o.start < t and s < o.end:
            f.append(f"ov={o.source}:{o.type}:{'in' if o.start <= s and t <= o.end else 'x'}")
        elif o.end == s:
            f.append(f"leftent={o.type}")
        elif o.start == t:
            f.append(f"rightent={o.type}")
    if feature_set >= 2:
        f += _context(n, s, t, every or _Every(doc))
    return sorted(set(map(_h, f)))


# feature set 2: the clause around a candidate, beyond the 4 characters on each side
_CLAUSE_STOP = frozenset("，。；！？,;!?\n")
_FRAMES = ("领域", "行业", "产业", "赛道", "板块", "企业", "公司", "市场", "概念", "龙头", "厂商", "巨头", "业务", "应用")
_JOINERS = ("、", "和", "及", "与", "以及", "或")
RIGHT_WINDOW, LEFT_WINDOW = 10, 8


class _Every:
    """All entities of a document by start and by end (feature set 2: the coordinated neighbours of a candidate)."""

    def __init__(self, doc: Document):
        self.by_end = {}
        self.by_start = {}
        for o in doc.entities:
            self.by_end.setdefault(o.end, o)
            self.by_start.setdefault(o.start, o)


def _context(n: str, s: int, t: int, every: _Every) -> List[str]:
    """The character bigrams of the clause up to ``RIGHT_WINDOW`` characters after the candidate and ``LEFT_WINDOW``
    before it (聚焦…的X, X相关企业, X等领域: the framing words of GUIDELINES rule 1 a few words away), the nearest framing
    word after it with its distance, and the type of an entity coordinated with it (甲、X: a list of sectors)."""
    f = []
    r = t
    while r < len(n) and r - t < RIGHT_WINDOW and n[r] not in _CLAUSE_STOP:
        r += 1
    right = n[t:r]
    f += [f"rb={right[i:i + 2]}" for i in range(len(right) - 1)]
    lo = s
    while lo > 0 and s - lo < LEFT_WINDOW and n[lo - 1] not in _CLAUSE_STOP:
        lo -= 1
    left = n[lo:s]
    f += [f"lb={left[i:i + 2]}" for i in range(len(left) - 1)]
    hits = [(k, w) for w in _FRAMES if (k := right.find(w)) >= 0]
    if hits:
        d, w = min(hits)
        f.append(f"frame={w}|d={min(d, 4)}")
    else:
        f.append("frame=none")
    for j in _JOINERS:
        o = every.by_end.get(s - len(j))
        if o is not None and n.startswith(j, s - len(j)):
            f.append(f"coordl={o.type}")
        o = every.by_start.get(t + len(j))
        if o is not None and n.startswith(j, t):
            f.append(f"coordr={o.type}")
    return f


def doc_examples(doc: Document, types: Sequence[str], sources: Sequence[str], feature_set: int = 1) -> list:
    """``(entity, feature slots)`` for every candidate of ``doc``."""
    cands = candidates(doc, types, sources)
    if not cands:
        return []
    counts = Counter(doc.norm[e.start:e.end] for e in cands)
    others = EntityIndex(doc)
    every = _Every(doc) if feature_set >= 2 else None
    return [(e, features(doc, e, counts[doc.norm[e.start:e.end]], others, feature_set, every)) for e in cands]


def check_source_thresholds(source_thresholds: Optional[dict], sources: Sequence[str]) -> None:
    """A threshold of its own only for a source the filter judges."""
    unknown = set(source_thresholds or {}) - set(sources)
    if unknown:
        raise ValueError(f"Thresholds for sources the filter does not judge: {sorted(unknown)}; "
                         f"it judges {list(sources)}")


class MentionFilter:
    """Weights ``{"bias": b, "w": {slot: weight}}`` plus what they judge (types, sources) and the threshold."""

    def __init__(self, model: Optional[dict] = None, types: Sequence[str] = ("INDUSTRY",),
                 sources: Sequence[str] = ("gazetteer",), threshold: float = 0.5, feature_set: int = 1,
                 source_thresholds: Optional[dict] = None):
        self.model = model
        self.types = tuple(types)
        self.sources = tuple(sources)
        self.threshold = float(threshold)
        self.keep = None  # sentences whose candidates stand whatever they score (a compiled pattern, or None)
        # a source judged at its own threshold (shipped: echoes at 0.4, the rest at ``threshold``)
        self.source_thresholds = {str(k): float(v) for k, v in (source_thresholds or {}).items()}
        check_source_thresholds(self.source_thresholds, self.sources)
        if feature_set not in FEATURE_SETS:
            raise ValueError(f"Unknown mention-filter feature set {feature_set!r}; known: {FEATURE_SETS}")
        self.feature_set = feature_set

    def prob(self, ids: List[int]) -> float:
        return sparse_prob(self.model, ids)

    def __call__(self, doc: Document) -> Document:
        if not self.model:
            return doc
        kept = {}  # sentence -> whether ``keep`` finds something in it (searched once per sentence)

        def keep(e) -> bool:
            if self.keep is None:
                return False
            sent = doc.sentence_of(e.start)
            if sent not in kept:
                kept[sent] = self.keep.search(doc.norm, *sent) is not None
            return kept[sent]
        drop = {id(e) for e, ids in doc_examples(doc, self.types, self.sources, self.feature_set)
                if self.prob(ids) < self.source_thresholds.get(e.source, self.threshold) and not keep(e)
                and not _framed_sector(doc.norm, e) and not _framed_company(doc.norm, e)}
        if drop:
            doc.entities = [e for e in doc.entities if id(e) not in drop]
            doc.relations = [r for r in doc.relations if id(r.head) not in drop and id(r.tail) not in drop]
        return doc

    def save(self, path, extra: Optional[dict] = None) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"model": FORMAT, "dim": DIM, "types": list(self.types), "sources": list(self.sources),
                       "threshold": self.threshold, "feature_set": self.feature_set,
                       **({"source_thresholds": self.source_thresholds} if self.source_thresholds else {}),
                       **(extra or {}), **self.model},
                      f, ensure_ascii=False)

    @classmethod
    def load(cls, path) -> "MentionFilter":
        data = read_weights(path, FORMAT, DIM)
        return cls({"bias": data["bias"], "w": data["w"]}, data["types"], data["sources"],
                   float(data.get("threshold", 0.5)), int(data.get("feature_set", 1)), data.get("source_thresholds"))


@components.register("mention_filter.v1")
def make_mention_filter(nlp, path: str = "mentions.json", threshold: Optional[float] = None,
                        keep_sentences: Optional[str] = None) -> MentionFilter:
    """The learned match filter; ``path`` is its weights file (resolved against the model folder),
    ``threshold`` overrides the file's; the candidates of a sentence that ``keep_sentences`` (a regular
    expression over the normalized text) finds something in are not judged."""
    p = weights_file(path, "mention_filter.v1",
                     f"python -m extract.learn.mentions GOLD.jsonl --model M -o {Path(path).name}")
    flt = MentionFilter.load(p)
    if threshold is not None:
        flt.threshold = float(threshold)
    if keep_sentences:
        flt.keep = re.compile(keep_sentences)
    return flt


# an echo right before a sector's head (彩电龙头, XR行业, 城投企業, 银行板块, 医药产业链): the text frames the recurring name as
# a sector there (GUIDELINES rule 1), so the filter does not judge it. On the cross-fitted news training documents 24 of the
# 28 further occurrences of a predicted sector name before these heads are gold INDUSTRYs (3 more overlap one: 消费建材).
# Session 52: cross-fitted INDUSTRY 3955/1672 -> 3960/1674 right/false (0.6882 -> 0.6886), in_industry 587/550 -> 589/554
# (relations micro 0.4678 -> 0.4681); news dev + select identical (the filter keeps most such echoes already)
# Then 股, a sector's stocks (银行股多数上扬, 中概科技股, 券商股, 保险股价格上涨; not 股份, 股东, 股指, 股权, 股票, 股本, 股息,
# 股价): news train, extension and dev gold tag 121 of the 126 occurrences of a document's sector name before it (57
# documents). Cross-fitted INDUSTRY 3977/1638 -> 3985/1639 right/false (0.6927 -> 0.6936), in_industry 607/540 -> 616/542
# (relations micro 0.4810 -> 0.4842); facts and news dev + select identical
# Then 市场/市場, a sector's market (黄金市场的规模, 消费市场趋势): gold tag 308 of the 351 occurrences of a document's
# sector name before it (159 documents; 39 more overlap a longer gold sector). Cross-fitted INDUSTRY 3985/1639 -> 3988/1640
# (0.6936 -> 0.6939; 3 documents), the rest and news dev + select identical (业务 left out: gold 153 of 197)
# Then 品牌/商家/厂商, the sector's brands, merchants and makers (国产咖啡品牌, 餐饮商家, 光模块厂商; not 品牌方/品牌商/
# 品牌管理/品牌年会: a brand's owner or an event): news train, extension and dev gold tag 43 of the 52, 8 of 10 and 19 of
# 19 occurrences of a document's sector name before them. Session 56: cross-fitted INDUSTRY 4120/1657/1747 -> 4131/1657/1736;
# news dev + select identical (公司 left out: 1 more right, 3 more false; 品类 left out: 2 more right, but 咖啡 of
# 咖啡品类赠券量 then cut a RANKING fact's metric, facts 1 fewer right)
_SECTOR_HEAD_AFTER = re.compile(r"板块|龙头|企业|行业|产业链|市场|市場|股(?!份|东|東|指|权|權|票|本|息|价(?![值格]))|品牌(?!方|商|管理|年会)|商家|厂商")
# a sector candidate right before a measure that only a sector or a product class has (二手车累计交易量, 人民币房地产贷款余额,
# 兽用疫苗的毛利率, 新能源汽车出口量, 新能源乘用车渗透率, 工业电源营收占比): the text measures the sector
# there, so the filter does not judge it (any source: the NER's, the gazetteer's, an echo).
# Session 52 p1: the cross-fitted filter dropped 11 such candidates (3+ characters, starting a word), all 11 gold INDUSTRYs
# (9 documents; with 2-character ones or after a modifier 17 of 32). Cross-fitted INDUSTRY 3964/1640 -> 3974/1640,
# facts 6092/2419 -> 6103/2409 (METRIC 5683/2343 -> 5694/2333); news dev + select identical (with 2-character
# candidates one INDUSTRY false more there: left out). Then 销量, 保费 and 增加值 (环卫车合计销量, 新能源车险保费,
# 住宿和餐饮业增加值): 3 of 3 such dropped candidates gold INDUSTRYs (3 documents); cross-fitted INDUSTRY 3974/1640 ->
# 3977/1638, facts 6103/2409 -> 6106/2405; news dev + select identical
_SECTOR_METRIC_AFTER = re.compile(r"的?(?:合计|累计|总)?(?:销售额|销量|交易量|成交量|出口量|装机容量|贷款余额|毛利率|渗透率|营收占比|保费|增加值)")
# ... when the candidate starts a word: after punctuation, a figure, a conjunction or a scope word, not after a modifier
# that a longer sector name would hold (纯电动|汽车出口量, 高阶|自动驾驶渗透率, 兽用|疫苗的毛利率, 以太网|光模块的销售额).
_SECTOR_METRIC_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fffA-Za-z]|[和与及的而]|全国|中国|人民币)$")


def _framed_sector(norm: str, e) -> bool:
    """Whether the text frames the INDUSTRY candidate ``e`` as a sector, so that the filter does not judge it: an echo
    right before a sector's head (``_SECTOR_HEAD_AFTER``), or a candidate of three characters or more that starts a word
    (``_SECTOR_METRIC_BEFORE``) right before a sector's measure (``_SECTOR_METRIC_AFTER``)."""
    if e.type != "INDUSTRY":
        return False
    if e.source == ECHO and _SECTOR_HEAD_AFTER.match(norm, e.end):
        return True
    return e.end - e.start >= 3 and _SECTOR_METRIC_AFTER.match(norm, e.end) is not None \
        and _SECTOR_METRIC_BEFORE.search(norm, max(0, e.start - 3), e.start) is not None


# a Latin or quoted COMPANY candidate right after 旗下 or 子公司/母公司 (Alphabet旗下的Waymo, 蘋果子公司Beats, 谷歌母公司
# Alphabet, 家族辦公室旗下「Kuang Ming Investments Pte Ltd」): the text names a company there, so the filter does not judge
# it; not before a product's or a plant's head (旗下Kymi纸浆厂, 旗下QDII基金, 旗下AI系統). News train, extension and dev
# gold: 34 of the 36 Latin or quoted names right after these cues and before no such head are COMPANYs (旗下的AI（人工智慧）
# is an INDUSTRY, 旗下PD-(L)1产品 none)
_COMPANY_CUE_BEFORE = re.compile(r"(?:旗下(?:的)?|子公司|附属公司|附屬公司|母公司)\s*$")
_NOT_COMPANY_AFTER = re.compile(r"[^\s，。、,;；：:（(]{0,3}?(?:厂|廠|基金|产品|產品|系统|系統|系列|模型)")


def _framed_company(norm: str, e) -> bool:
    """Whether the COMPANY candidate ``e`` is a Latin or quoted name right after a kinship cue (``_COMPANY_CUE_BEFORE``)
    and before no product's or plant's head (``_NOT_COMPANY_AFTER``), which the filter then does not judge."""
    if e.type != "COMPANY":
        return False
    s = e.start
    if s and norm[s - 1] in "“「":
        s -= 1
    elif not is_latin_letter(norm[s:s + 1]):
        return False
    return follows_a_kinship_cue(norm, s, e.end)


def follows_a_kinship_cue(norm: str, s: int, t: int) -> bool:
    """Whether the name ``norm[s:t]`` stands right after 旗下/子公司/附属公司/母公司 (``_COMPANY_CUE_BEFORE``) and no plant,
    fund or product word follows it (``_NOT_COMPANY_AFTER``): a subsidiary's name (:func:`_framed_company`, and the Latin
    typer's names under its add threshold)."""
    return _COMPANY_CUE_BEFORE.search(norm, max(0, s - 6), s) is not None and _NOT_COMPANY_AFTER.match(norm, t) is None


_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


ECHO = "echo"  # the source of the echoes (mention_echo.v1), which ``propagate`` lets a name of the document override


def echoes(doc: Document, types: Sequence[str] = ("INDUSTRY",), sources: Sequence[str] = ("ner",),
           source: str = ECHO) -> list:
    """Every further occurrence of a name that ``sources`` tagged as one of ``types`` somewhere in ``doc``, as a
    new candidate of that type (``source``): the NER reads 智驾 as a sector in one sentence and passes it over in
    the next. A name some candidate of the document gives another type does not echo (东信营销 read once as a
    sector and elsewhere as a company). An occurrence that overlaps another candidate is left out, unless each
    such candidate is of the same type and lies inside it (a sector read whole once: 新能源汽车 over the gazetteer's
    新能源 and 汽车); so is one inside a Latin word (AI in RAIL). The candidates are for a match filter to judge
    (:class:`MentionFilter`), which learns them like the others: most echoes are not a sector where they recur."""
    types, sources = set(types), set(sources)
    n = doc.norm
    names = {}
    for e in doc.entities:
        if e.type in types and e.source in sources and e.end - e.start >= 2:
            names.setdefault(n[e.start:e.end], e.type)
    for e in doc.entities:  # 东信营销 read once as a sector, elsewhere as a company: the name does not echo
        if e.type not in types:
            names.pop(n[e.start:e.end], None)
    if not names:
        return []
    index = EntityIndex(doc, left_out=())
    out = []
    for w, typ in names.items():
        pos = n.find(w)
        while pos >= 0:
            s, t = pos, pos + len(w)
            pos = n.find(w, s + 1)
            if (w[0] in _LATIN and s > 0 and n[s - 1] in _LATIN) or (w[-1] in _LATIN and t < len(n) and n[t] in _LATIN):
                continue
            clash = [o for o in index.near(s, t) if o.start < t and o.end > s]  # near() also gives those touching
            if any(not (o.type == typ and s <= o.start and o.end <= t and (o.start, o.end) != (s, t)) for o in clash):
                continue
            out.append(doc.entity(typ, s, t, source=source))
    return out


@components.register("mention_echo.v1")
def make_mention_echo(nlp, types: Sequence[str] = ("INDUSTRY",), sources: Sequence[str] = ("ner",),
                      source: str = ECHO):
    """Adds :func:`echoes` to the candidates; a ``mention_filter.v1`` after it that judges ``source`` decides."""
    def echo(doc: Document) -> Document:
        doc.entities = doc.entities + echoes(doc, types, sources, source)
        return doc

    return echo
