"""A learned chooser for METRIC / RANKING facts: which figure or rank states a fact, and whose.

For every FIGURE or RANK value outside tables and enumerated lists (those stay
with the rules of :mod:`extract.stages.facts.rules`), the options are: *no fact*, *a fact
with no named subject* (an unnamed aggregate), or *a fact about candidate X*,
X being a COMPANY / ORG / LOC / INDUSTRY / POLICY / PERSON entity of the same sentence (PERSON since session 20:
192 METRIC/RANKING facts of the news training gold are about a person, 沈金荣借款7945.90万元, 李嘉诚身价294亿美元).
A linear scorer (torch) over hand-made features of the value and of each
candidate ranks the options; training minimizes the cross-entropy of the gold
option (from annotated documents: ``learn(docs)``). The learned weights are a
small JSON file; inference is plain Python, no torch import.

It is trained only on the documents it is given, so cross-validation
(``Pipeline.learn`` with a training fold) scores it on documents it never saw.
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Optional

from extract.stages.facts.rules import _clause_start
from extract.stages.hashing import slot_hasher
from extract.stages.segment import ensure_sentences

SUBJECT_TYPES = ("COMPANY", "ORG", "LOC", "INDUSTRY", "POLICY", "PERSON")
UNITS = ("家", "%", "元", "人", "年", "个", "倍", "件", "项", "个百分点")
QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "range", "vague")
DIST = (2, 5, 10, 20, 40, 80)
CUE = re.compile(r"数量|占比|比例|达到|达|为|增长|超过|总量|规模|强度|收入|营收|市值|占|平均|累计|共有|拥有|投资|新增|增加")
LOCAL_NEG = re.compile(r"(在|从|对|这|那|其中|之中)$")
MAX_BEFORE, MAX_AFTER, WINDOW = 6, 2, 80
NOFACT, NULL = 0, 1


def _bucket(x: int, edges) -> int:
    """The index of the first of ``edges`` (ascending) that ``x`` does not exceed; ``len(edges)`` past them."""
    return bisect.bisect_left(edges, x)


def _onehot(i: int, n: int) -> list:
    v = [0.0] * n
    if 0 <= i < n:
        v[i] = 1.0
    return v


class FactChooser:
    """Options and features for one value entity; :meth:`choose` picks one with given weights."""

    subject_types = SUBJECT_TYPES  # the types of the candidates :meth:`candidates` takes
    reach = WINDOW  # how far (characters) from the value it looks

    def __init__(self, weights: Optional[list] = None):
        self.weights = weights

    # ------------------------------------------------------------- features
    def value_features(self, doc, v, ss: int, clause: int, remention: bool, hint=None) -> list:
        norm = doc.norm
        before = norm[clause:v.start]
        after = norm[v.end:v.end + 3]
        unit = str(v.attrs.get("unit", ""))
        f = [1.0, float(v.type == "RANK")]
        f += _onehot(UNITS.index(unit) if unit in UNITS else len(UNITS), len(UNITS) + 1)
        f += _onehot(QUALIFIERS.index(v.attrs.get("qualifier")) if v.attrs.get("qualifier") in QUALIFIERS else -1,
                     len(QUALIFIERS))
        f += [float(remention),                                      # a re-mention of a number given before
              float(bool(CUE.search(before))),                       # a measured-quantity word before it
              float(bool(LOCAL_NEG.search(norm[max(ss, v.start - 3):v.start]))),  # 在1026家企业中
              float(after[:1] in ("中", "里")),
              float(after[:1] == "的"),
              float(v.start - clause <= 1),                          # the clause opens with the value
              float(norm[max(0, v.start - 1):v.start] in ("(", "（")),
              float("截至" in norm[ss:v.start])]
        f += _onehot(_bucket(v.start - clause, DIST), len(DIST) + 1)
        f += [float(hint is not None), float(bool(hint) and None in hint)]  # the rules: a fact? unnamed?
        return f

    def cand_features(self, doc, v, c, clause: int, cands_before: list, idx: int, hint=None) -> list:
        norm = doc.norm
        before = c.end <= v.start
        dist = (v.start - c.end) if before else (c.start - v.end)
        f = _onehot(SUBJECT_TYPES.index(c.type), len(SUBJECT_TYPES))
        f += [float(before), float(c.start >= clause)]
        f += _onehot(_bucket(max(dist, 0), DIST), len(DIST) + 1)
        order = (len(cands_before) - 1 - cands_before.index(c)) if before and c in cands_before else -1
        f += _onehot(order, 3)
        nearest_type = before and c in cands_before and \
            all(o.type != c.type for o in cands_before[cands_before.index(c) + 1:])
        nxt = norm[c.end:c.end + 2]
        f += [float(nearest_type), float(nxt[:1] == "的"), float(nxt in ("企业", "公司")),
              float(norm[v.end:c.start].strip() == "的") if not before else 0.0,
              float(idx == 0),
              float(bool(hint) and any(h is c for h in hint))]  # the rules pick this candidate
        return f

    def options(self, doc, v, ents_in_sent: list, remention: bool, hint=None):
        """(candidates, feature rows): row 0 = no fact, row 1 = no named subject, then one per candidate.

        ``ents_in_sent``: the entities of the sentence of ``v`` (only those of :attr:`subject_types` within
        :attr:`reach` of it are read). ``hint``: the subjects :mod:`extract.stages.facts.rules` rules give
        ``v`` (None: the rules give no fact); a rule subject outside the sentence window is added as a
        candidate."""
        ss, _ = doc.sentence_of(v.start)
        clause = _clause_start(doc.norm, ss, v.start)
        vf = self.value_features(doc, v, ss, clause, remention, hint)
        before, cands = self.candidates(v, ents_in_sent, hint)
        n_c = len(self.cand_features(doc, v, cands[0], clause, before, 0, hint)) if cands else _CAND_DIM
        nv = len(vf)
        rows = [[1, 0, 0] + vf + [0.0] * nv * 2 + [0.0] * n_c,
                [0, 1, 0] + [0.0] * nv + vf + [0.0] * nv + [0.0] * n_c]
        for i, c in enumerate(cands):
            rows.append([0, 0, 1] + [0.0] * nv * 2 + vf + self.cand_features(doc, v, c, clause, before, i, hint))
        return cands, rows

    @staticmethod
    def candidates(v, ents_in_sent: list, hint=None):
        """``(before, candidates)``: the subject-type entities within ``WINDOW`` characters before the
        value (the last ``MAX_BEFORE``) and after it (the first ``MAX_AFTER``), plus the rules' subjects."""
        before = [c for c in ents_in_sent if c.type in SUBJECT_TYPES and c.end <= v.start
                  and v.start - c.end <= WINDOW][-MAX_BEFORE:]
        after = [c for c in ents_in_sent if c.type in SUBJECT_TYPES and c.start >= v.end
                 and c.start - v.end <= WINDOW][:MAX_AFTER]
        cands = before + after
        cands += [h for h in (hint or []) if h is not None and not any(h is c for c in cands)]
        return before, cands

    def choose(self, rows: list) -> int:
        scores = [sum(w * x for w, x in zip(self.weights, r)) for r in rows]
        return max(range(len(rows)), key=scores.__getitem__)


_CAND_DIM = len(SUBJECT_TYPES) + 2 + len(DIST) + 1 + 3 + 6


def iter_values(doc, skip: set):
    """(value, entities of its sentence, whether it re-mentions an earlier number) per FIGURE/RANK."""
    ents = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in ents]
    seen = set()
    for v in ents:
        if v.type not in ("FIGURE", "RANK"):
            continue
        key = v.attrs.get("norm", v.text)
        if id(v) not in skip:
            ss, se = doc.sentence_of(v.start)
            in_sent = ents[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, se)]
            yield v, in_sent, key in seen
        seen.add(key)


def training_examples(docs, chooser: FactChooser) -> list:
    """(feature rows, gold option index) for every value of every annotated document."""
    out = []
    for doc in docs:
        ensure_sentences(doc)
        gold = {}
        for f in doc.facts:
            if f.position is None and f.value is not None:
                gold.setdefault(id(f.value), f)
        listed = {id(f.value) for f in doc.facts if f.position is not None}
        in_table = {id(e) for e in doc.entities if _in_tables(doc, e)}
        hints = _hints(doc)
        prev = (None, None)  # (sentence start, rule subjects) of the previous value
        for v, in_sent, remention in iter_values(doc, listed | in_table):
            ss = doc.sentence_of(v.start)[0]
            chooser.prev_hint = prev[1] if prev[0] == ss else None
            prev = (ss, hints.get(id(v)))
            cands, rows = chooser.options(doc, v, in_sent, remention, hint=hints.get(id(v)))
            f = gold.get(id(v))
            if f is None:
                label = NOFACT
            elif f.subject is None:
                label = NULL
            elif any(c is f.subject for c in cands):
                label = 2 + next(i for i, c in enumerate(cands) if c is f.subject)
            else:
                continue  # the subject is outside the candidate window: nothing to learn from
            out.append((rows, label))
    return out


def _hints(doc) -> dict:
    """The rules' decisions on an annotated document (its gold entities), as features."""
    from extract.stages.facts.rules import _load, rule_hints
    facts, doc.facts = doc.facts, []  # the rules must not see the gold facts
    try:
        return rule_hints(doc, _load())
    finally:
        doc.facts = facts


def _in_tables(doc, e) -> bool:
    for t in getattr(doc, "tables", []) or []:
        if t.start <= e.start < t.end:
            return True
    return False


def fit(examples: list, epochs: int = 300, lr: float = 0.05, l2: float = 1e-2, seed: int = 13) -> list:
    """Weights of the linear option scorer, by full-batch Adam on the cross-entropy (torch)."""
    import torch

    torch.manual_seed(seed)
    dim = len(examples[0][0][0])
    k = max(len(rows) for rows, _ in examples)
    x = torch.zeros(len(examples), k, dim)
    mask = torch.full((len(examples), k), float("-inf"))
    for i, (rows, _) in enumerate(examples):
        x[i, :len(rows)] = torch.tensor(rows, dtype=torch.float32)
        mask[i, :len(rows)] = 0.0
    y = torch.tensor([label for _, label in examples])
    w = torch.zeros(dim, requires_grad=True)
    opt = torch.optim.Adam([w], lr=lr)
    for _ in range(epochs):  # full batch: options padded to the same count and masked out
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x @ w + mask, y) + l2 * (w * w).sum()
        loss.backward()
        opt.step()
    return [round(float(v), 6) for v in w.detach()]


def save(weights: list, path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"model": "factlearn.linear.v1", "dim": len(weights), "weights": weights}, f)


def load(path) -> list:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("model") != "factlearn.linear.v1" or len(data["weights"]) != data["dim"]:
        raise ValueError(f"{path}: not a factlearn.linear.v1 weights file")
    return data["weights"]


# ---------------------------------------------------------------------------------- hashed features
HASH_DIM = 1 << 15
# what a new chooser learns with: 2 (session 56) adds the clause-chain slots of _context_slots. Fold choosers
# retrained alike, cross-fitted facts 0.7481 -> 0.7514 (METRIC 0.7428 -> 0.7464), news dev + select facts 0.6751 ->
# 0.6816, RANKING b3 0.746 -> 0.755, b1 0.752 -> 0.765. The shipped facts_chooser.json was retrained with set 2 later in
# session 56 (seeds leave-one-out facts 0.851 -> 0.890, news dev + select 0.6836 -> 0.6798: MODEL_CARD "Session 56")
FEATURE_SET = 2


_h = slot_hasher(HASH_DIM)  # feature string -> slot (extract.stages.hashing)


class HashedFactChooser(FactChooser):
    """The same options as :class:`FactChooser` (no fact, no named subject, one per candidate), each
    described by sparse hashed features rather than a fixed dense vector: the value's unit, qualifier
    and the characters around it, the rules' decision, and for a candidate its type, side, distance,
    the gap's last characters and bigrams, what follows it and whether the rules chose it. A linear
    score per option; trained with the softmax over a value's options (:func:`fit_hashed`).
    Weights: ``{slot: weight}``."""

    def __init__(self, weights: Optional[dict] = None, nofact_margin: float = 0.0, override_margin: float = 0.0,
                 feature_set: int = FEATURE_SET):
        super().__init__(None)
        self.hweights = weights or {}
        self.feature_set = feature_set  # 2: also the clause-chain slots (_context_slots); a file without one: 1
        self.prev_hint = None  # the rules' subjects of the previous value of the sentence (set by the caller)
        self.nofact_margin = nofact_margin  # "no fact" must beat the best other option by this much
        self.override_margin = override_margin  # the rules' option stands unless another beats it by this much
        self._rule_option = None
        self._scores = None  # (the weights they were computed with, {row: score})

    def _value_keys(self, doc, v, ss: int, clause: int, remention: bool, hint) -> list:
        norm = doc.norm
        unit = str(v.attrs.get("unit", ""))
        rule = "none" if hint is None else ("null" if None in hint else "subj")
        before = norm[clause:v.start]
        f = [f"t={v.type}", f"u={unit}", f"q={v.attrs.get('qualifier')}", f"l1={norm[v.start - 1:v.start]}",
             f"l2={norm[max(0, v.start - 2):v.start]}", f"r1={norm[v.end:v.end + 1]}", f"r2={norm[v.end:v.end + 2]}",
             f"rem={remention}", f"rule={rule}", f"cue={bool(CUE.search(before))}",
             f"pos={_bucket(v.start - clause, DIST)}", f"t|rule={v.type}|{rule}"]
        for i in range(max(clause, v.start - 8), v.start - 1):
            f.append(f"lb={norm[i:i + 2]}")
        return f

    def options(self, doc, v, ents_in_sent: list, remention: bool, hint=None):
        ss, _ = doc.sentence_of(v.start)
        clause = _clause_start(doc.norm, ss, v.start)
        vk = self._value_keys(doc, v, ss, clause, remention, hint)
        _, cands = self.candidates(v, ents_in_sent, hint)
        norm = doc.norm
        if v.type == "RANK":
            cands = [c for c in cands if not scope_place(norm, c, v)]
        nofact, null, value_slots = _value_slots(tuple(vk))
        rows = [nofact, null]
        chosen_ids = {id(h) for h in hint or ()}  # the candidates the rules chose
        # the option the rules take (read by choose): no fact, unnamed, or their (first) subject
        if hint is None:
            self._rule_option = 0
        elif None in hint:
            self._rule_option = 1
        else:
            self._rule_option = next((2 + i for i, c in enumerate(cands) if id(c) in chosen_ids), None)
        of_type = {}
        for c in cands:
            of_type.setdefault(c.type, []).append(c)
        for i, c in enumerate(cands):
            side = "B" if c.end <= v.start else "A"
            a, b = (c.end, v.start) if side == "B" else (v.end, c.start)
            gap = norm[a:b] if b > a else ""
            same_between = sum(1 for o in of_type[c.type] if o is not c and a <= o.start and o.end <= b)
            chosen = id(c) in chosen_ids
            slots = _candidate_slots(c.type, v.type, side, _bucket(len(gap), DIST), gap[:2], gap[-8:],
                                     min(same_between, 2), chosen, c.start >= clause, norm[c.end:c.end + 2],
                                     norm[c.start - 1:c.start], min(i, 4))
            if self.feature_set >= 2:
                slots = slots.union(_context_slots(norm, ss, clause, c, v, cands, side, a, b, chosen_ids,
                                                   self.prev_hint))
            rows.append(_merged_row(slots, value_slots))
        return cands, rows

    def choose(self, rows: list) -> int:
        w = self.hweights
        if self._scores is None or self._scores[0] is not w:
            self._scores = (w, {})
        memo = self._scores[1]
        if len(memo) > 1 << 16:
            memo.clear()
        scores = []
        for r in rows:  # (a row's score: the weights of its slots, 0 where none; rows recur, so kept by row)
            sc = memo.get(r)
            if sc is None:
                sc = memo[r] = sum(map(w.get, r, repeat(0.0)))
            scores.append(sc)
        scores[0] -= self.nofact_margin
        best = max(range(len(rows)), key=scores.__getitem__)
        r = self._rule_option
        if self.override_margin and r is not None and r < len(rows) and scores[best] - scores[r] < self.override_margin:
            return r
        return best


# a place is the scope of the rank after it, not what is ranked (作为美国第四大城市，休斯敦; 台灣20大國際品牌; 稳居贵州酒企前三):
# nothing but a noun between them (no verb, no punctuation), and either a head noun right after the rank (the ranked set:
# 城市, 品牌, 的城商行; not 榜, as in 躋身LEED十大榜單) or a ranking verb or copula right before the place
_SCOPE_GAP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9 ]{0,8}")
_GAP_VERB = re.compile(r"[位居列排跻入进升降超占争夺为是在保获登跃晋成]")  # (norm is simplified)
_SET_AFTER = re.compile(r"[\u4e00-\u9fff]")
_NOT_SET = "榜名位"
_VERB_BEFORE = re.compile(r"(?:作为|成为|位居|稳居|居|登上|跻身|是|为)$")


def scope_place(norm: str, c, v) -> bool:
    """Whether the place ``c`` is the scope of the rank ``v`` (see above), so not a candidate subject: on the cross-fitted
    news training documents and dev, 23 RANKING facts with a place right before their rank were wrong and 5 right; the
    shape above takes 13 of the wrong ones and none of the right ones (2026-12-06)."""
    if c.type != "LOC" or c.end > v.start:
        return False
    gap = norm[c.end:v.start]
    if not _SCOPE_GAP.fullmatch(gap) or _GAP_VERB.search(gap):
        return False
    nxt = norm[v.end:v.end + 1]
    return bool((_SET_AFTER.match(nxt) and nxt not in _NOT_SET) or _VERB_BEFORE.search(norm, max(0, c.start - 2), c.start))


@lru_cache(maxsize=1 << 12)
def _value_slots(keys: tuple) -> tuple:
    """The slots of a value's features (``keys``, :meth:`HashedFactChooser._value_keys`): the sorted rows
    of the no-fact and unnamed options, and the set every candidate's row adds (its first four keys).
    Remembered, as values in like surroundings recur."""
    return (tuple(sorted({_h("NOFACT|" + k) for k in keys})), tuple(sorted({_h("NULL|" + k) for k in keys})),
            frozenset(_h("CV|" + x) for x in keys[:4]))


@lru_cache(maxsize=1 << 14)
def _merged_row(slots: frozenset, value_slots: frozenset) -> tuple:
    """A candidate's row: its own slots and its value's, sorted (remembered: candidates in like surroundings
    have the same slots)."""
    return tuple(sorted(slots.union(value_slots)))


_SEPS = "，,；;：:"
_LIST_SEP = "、和与及跟"


def _context_slots(norm: str, ss: int, clause: int, c, v, cands: list, side: str, a: int, b: int, chosen_ids: set,
                   prev_hint) -> frozenset:
    """A candidate's place in its sentence's clause chain (session 56): how many clause breaks lie between it
    and the value (and whether another candidate does), whether it opens its sentence's first clause (the
    topic a later clause's figure keeps), whether it is the first candidate of its own clause, whether it
    stands in a 、/和 list (and whether a list mate is the rules' subject), and whether the rules gave it to the
    previous value of the sentence (``prev_hint``: None when that value had no rule subject)."""
    gap = norm[a:b] if b > a else ""
    ncl = min(sum(gap.count(x) for x in _SEPS), 3)
    between = any(o is not c and a <= o.start and o.end <= b for o in cands)
    topic = not any(x in norm[ss:c.start] for x in _SEPS)
    own_clause = max(norm.rfind(x, ss, c.start) for x in _SEPS) + 1
    first = not any(o is not c and own_clause <= o.start and o.end <= c.start for o in cands)
    lst, mate_chosen = "none", False
    for o in cands:
        if o is c:
            continue
        if c.start - o.end == 1 and norm[o.end] in _LIST_SEP:
            lst, mate_chosen = "last", mate_chosen or id(o) in chosen_ids
        elif o.start - c.end == 1 and norm[c.end] in _LIST_SEP:
            lst, mate_chosen = ("mid" if lst == "last" else "first"), mate_chosen or id(o) in chosen_ids
    ph = "none" if not prev_hint else str(any(h is c for h in prev_hint))
    keys = [f"ncl={side}{ncl}", f"ncl|btw={side}{ncl}|{between}", f"topic={topic}", f"topic|ncl={topic}|{ncl}",
            f"first={first}", f"first|ncl={first}|{ncl}", f"lst={lst}", f"lst|mate={lst}|{mate_chosen}",
            f"ph={ph}", f"ph|ncl={ph}|{ncl}", f"ph|t={ph}|{c.type}"]
    return frozenset(_h("X|" + x) for x in keys)


@lru_cache(maxsize=1 << 12)
def _candidate_slots(ctype: str, vtype: str, side: str, dist: int, gap_start: str, gap_tail: str, same_between: int,
                     chosen: bool, inclause: bool, right: str, left: str, i: int) -> frozenset:
    """The slots of a candidate's own features in :meth:`HashedFactChooser.options`: its type and the value's,
    its side (``B``efore or ``A``fter the value), the distance bucket and first two characters of the gap
    between them, the gap's last 8 characters (all of it when 4 or fewer: its end, bigrams, and the gap
    itself), the other candidates of its type in the gap (at most 2), whether the rules chose it, whether it
    lies in the value's clause, the two characters after it and the one before it, and its index (at most 4).
    Remembered, as a text of names and figures back to back repeats the same few for every value."""
    keys = [f"type={ctype}", f"side={side}", f"d={dist}", f"sb={same_between}", f"chosen={chosen}",
            f"type|chosen={ctype}|{chosen}", f"inclause={inclause}", f"cr1={right[:1]}", f"cr2={right}",
            f"cl1={left}", f"gap_end={gap_tail[-2:]}", f"gap_start={gap_start}", f"{side}|vt={vtype}|ct={ctype}",
            f"idx={i}"]
    if len(gap_tail) <= 4:
        keys.append(f"gap={gap_tail}")
    keys += [f"gb={gap_tail[j:j + 2]}" for j in range(len(gap_tail) - 1)]
    return frozenset(_h("C|" + x) for x in keys)


def fit_hashed(examples: list, epochs: int = 150, lr: float = 0.05, l2: float = 1e-4, seed: int = 13,
               dim: int = HASH_DIM) -> dict:
    """Sparse weights ``{slot: weight}`` of the option scorer: softmax cross-entropy over each value's
    options (torch, full batch; an option's score is the sum of its slots' weights, ``dim`` slots)."""
    import torch

    torch.manual_seed(seed)
    if not examples:
        return {}
    k = max(len(rows) for rows, _ in examples)
    flat, offsets, opt_index = [], [], []
    for i, (rows, _) in enumerate(examples):
        for j, r in enumerate(rows):
            offsets.append(len(flat))
            flat.extend(r)
            opt_index.append(i * k + j)
    bag = torch.nn.EmbeddingBag(dim, 1, mode="sum")
    torch.nn.init.zeros_(bag.weight)
    inp, off = torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)
    idx = torch.tensor(opt_index)
    mask = torch.full((len(examples) * k,), float("-inf"))
    mask[idx] = 0.0
    y = torch.tensor([label for _, label in examples])
    opt = torch.optim.Adam(bag.parameters(), lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        s = torch.zeros(len(examples) * k).index_copy(0, idx, bag(inp, off).squeeze(1)) + mask
        loss = torch.nn.functional.cross_entropy(s.view(len(examples), k), y) + l2 * (bag.weight ** 2).sum()
        loss.backward()
        opt.step()
    w = bag.weight.detach().squeeze(1)
    return {int(i): round(float(w[i]), 5) for i in torch.nonzero(w.abs() > 1e-4).squeeze(1).tolist()}


def save_hashed(weights: dict, path, nofact_margin: float = 0.0, override_margin: float = 0.0,
                feature_set: int = FEATURE_SET) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"model": "factlearn.hashed.v1", "dim": HASH_DIM, "nofact_margin": nofact_margin,
                   "override_margin": override_margin, "feature_set": feature_set, "weights": weights}, f)


def load_any(path):
    """A chooser from a weights file: hashed (``factlearn.hashed.v1``) or dense (``factlearn.linear.v1``)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("model") == "factlearn.hashed.v1" and data.get("dim") == HASH_DIM:
        return HashedFactChooser({int(k): v for k, v in data["weights"].items()},
                                 float(data.get("nofact_margin", 0.0)), float(data.get("override_margin", 0.0)),
                                 int(data.get("feature_set", 1)))
    return FactChooser(load(path))
