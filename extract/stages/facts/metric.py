"""A learned trimmer for metric spans: which words name what a fact measures.

The rules of :mod:`extract.stages.facts.rules` take the words between a fact's subject (or the clause
start) and its value, less a list of function words at either edge. On news the span they find
often holds more than the metric (GUIDELINES rule 17): a verb or adverb before the value
(收入和下载量分别激增 → 收入, 全球收入继续 → 全球收入), a scope or lead-in before the metric
(期间全国黄金消费同比 → 黄金消费, 令其估值 → 估值), or the metric follows the value (涉及4家国内企业 →
国内企业). The trimmer picks a sub-span of the rules' span or of the words right after the value
(:func:`regions`, :func:`candidates`); it keeps the rules' span on a tie.

Model: a linear score ``L(i) + R(j) + N(j - i)`` over features of the characters around the start ``i``
and the words cut before it, the characters around the end ``j`` and the words cut after it, and the
length and region; the best-scoring candidate is taken. Trained with the softmax over a span's
candidates (:func:`training_example`, :func:`fit`) on the news train split: ``python -m
extract.learn.facts --metric-spans`` (see :mod:`extract.learn.facts`). The weights are kept by feature
string, so inference is plain Python with no hashing: ``O(len)`` features per side, ``O(len²)`` additions.
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Optional

from extract.stages.hashing import slot_hasher
from extract.textnorm import is_han

HASH_DIM = 1 << 16  # slots while training (fit); the saved weights are keyed by feature string
MIN_LEN = 2
MAX_CUT = 4  # the words cut at an edge are a feature up to this length (longer ones: their last/first 2)
AFTER_MAX = 12
MAX_SHIFT = 12
CLAUSE_END = set("，,。；;：:！!？?、\n（(）)")
MODEL = "factmetric.v1"
MEMO_MAX = 200_000  # part scores the trimmer keeps across texts (MetricTrimmer.trim without a cache)

_h = slot_hasher(HASH_DIM)


def _kind(c: str) -> str:
    if not c:
        return "none"
    if c.isdigit():
        return "digit"
    if c.isascii() and c.isalpha():
        return "latin"
    if is_han(c):
        return "han"
    return "punct"


def start_char_keys(norm: str, i: int) -> list:
    """Features of the characters around a span start ``i`` (the same for every span starting there)."""
    c, p = norm[i:i + 1], norm[i - 1:i] if i else ""
    return [f"L|c={c}", f"L|c2={norm[i:i + 2]}", f"L|c3={norm[i:i + 3]}", f"L|p={p}", f"L|p2={norm[max(0, i - 2):i]}",
            f"L|pc={p}|{c}", f"L|k={_kind(c)}"]


def _cut_shape(cut: str, tail: bool) -> tuple:
    """What the features read of the words cut off at an edge: their length (up to 6), and the words, or
    only their 2 characters next to the span (``tail``: the cut's end) when longer than ``MAX_CUT``."""
    if len(cut) <= MAX_CUT:
        return len(cut), cut, False
    return min(len(cut), 6), cut[-2:] if tail else cut[:2], True


def _value_side(gap: int) -> tuple:
    """Where the value is from a region's end (``gap``: value start minus region end), as the features read it."""
    return "after" if gap >= 0 else "before", min(abs(gap), 3)


def start_keys(norm: str, a: int, i: int, tag: str) -> list:
    """Features of where a span starting at ``i`` lies in the region ``tag`` that starts at ``a``: the
    words cut before it."""
    n, words, long = _cut_shape(norm[a:i], tail=True)
    return [f"L|{tag}|n={n}", f"L|{tag}|cutend={words}" if long else f"L|{tag}|cut={words}"]


def end_char_keys(norm: str, j: int) -> list:
    """Features of the characters around a span end ``j``."""
    e, x = norm[j - 1:j], norm[j:j + 1]
    return [f"R|e={e}", f"R|e2={norm[max(0, j - 2):j]}", f"R|e3={norm[max(0, j - 3):j]}", f"R|x={x}",
            f"R|x2={norm[j:j + 2]}", f"R|ex={e}|{x}", f"R|k={_kind(e)}"]


def end_keys(norm: str, b: int, j: int, value_start: int, tag: str) -> list:
    """Features of where a span ending at ``j`` lies in the region ``tag`` that ends at ``b`` (the words
    cut after it), and of where the value is (``value_start``: after the region or before it)."""
    n, words, long = _cut_shape(norm[j:b], tail=False)
    side, dist = _value_side(value_start - b)
    return [f"R|{tag}|n={n}", f"R|{tag}|v={side}|{dist}", f"R|{tag}|cutstart={words}" if long else f"R|{tag}|cut={words}"]


def length_keys(n: int, tag: str, kind: str) -> list:
    return [f"N|len={min(n, 12)}", f"N|{tag}|len={min(n, 12)}", f"N|{tag}", f"N|{tag}|{kind}"]


_PAIRS = ("“”", "（）", "()", "「」", "《》", "‘’")
_PAIR_CHARS = frozenset("".join(_PAIRS))


def _balance(norm: str, a: int, b: int):
    """``net[k]`` for ``k`` in ``0..b-a``: the open-minus-close count of each bracket or quote pair in
    ``norm[a:a+k]``; a span ``[i, j)`` has every pair closed when ``net[j-a] == net[i-a]``. None when the
    region holds no such mark (every span is then allowed)."""
    if _PAIR_CHARS.isdisjoint(norm[a:b]):
        return None
    net, cur = [tuple([0] * len(_PAIRS))], [0] * len(_PAIRS)
    for c in norm[a:b]:
        for k, (o, cl) in enumerate(_PAIRS):
            if c == o:
                cur[k] += 1
            elif c == cl:
                cur[k] -= 1
        net.append(tuple(cur))
    return net


def _allowed(norm: str, net: list, a: int, b: int, i: int, j: int) -> bool:
    """Whether ``[i, j)`` may stand for a metric in the region ``[a, b)``: it leaves no quote or bracket
    open (“小巨人, not “小巨人”), and it does not drop a pair that wraps it exactly (“小巨人” stays as
    written, GUIDELINES rule 17). ``net``: :func:`_balance` of the region."""
    if net is None:
        return True
    if net[j - a] != net[i - a]:
        return False
    return not (a < i and j < b and norm[i - 1] + norm[j] in _PAIRS)


def regions(norm: str, a: int, b: int, value_start: int, value_end: int) -> list:
    """``(tag, start, end)``: where the metric may lie. ``"R"``: the rules' span; ``"A"``: when the rules'
    span is before the value, the words right after the value up to the clause end or the next number
    (at most ``AFTER_MAX`` characters: 涉及4家国内企业 names its metric after the value)."""
    out = [("R", a, b)]
    if b <= value_start:
        p = value_end
        while p < len(norm) and norm[p] in " *":
            p += 1
        e = p
        while e < len(norm) and e - p < AFTER_MAX and norm[e] not in CLAUSE_END and not norm[e].isdigit():
            e += 1
        if e - p >= MIN_LEN:
            out.append(("A", p, e))
    return out


def _bounds(a: int, b: int) -> tuple:
    """Where a candidate of the region ``[a, b)`` may start and end: at most ``MAX_SHIFT`` characters
    in from either edge (the gold metric of 97% of the news train split's spans that hold it)."""
    return range(a, max(a, min(b - MIN_LEN, a + MAX_SHIFT)) + 1), range(max(a + MIN_LEN, b - MAX_SHIFT), b + 1)


@lru_cache(maxsize=None)
def _offsets(n: int) -> tuple:
    """``(i, j)`` offsets of every sub-span of a region ``n`` characters long within :func:`_bounds` and at
    least ``MIN_LEN`` long, starts ascending, then ends ascending (the order ties are broken in)."""
    starts, ends = _bounds(0, n)
    return tuple((i, j) for i in starts for j in ends if j - i >= MIN_LEN)


def _spans(a: int, b: int) -> list:
    """The :func:`_offsets` sub-spans of the region ``[a, b)``."""
    return [(a + i, a + j) for i, j in _offsets(b - a)]


def candidates(norm: str, regs: list) -> list:
    """``(tag, i, j)`` for every :func:`_spans` of every region that :func:`_allowed` lets stand; the rules'
    span first, whatever it holds."""
    tag, a, b = regs[0]
    out = [(tag, a, b)]
    for tag, a, b in regs:
        net = _balance(norm, a, b)
        out += [(tag, i, j) for i, j in _spans(a, b) if _allowed(norm, net, a, b, i, j) and (tag, i, j) != out[0]]
    return out


def _region_keys(norm: str, tag: str, a: int, b: int, value_start: int, kind: str):
    """The start, end and length features of a region's sub-spans, by position (the region's own part
    of them: the character features are added by the caller)."""
    starts, ends = _bounds(a, b)
    left = {i: start_keys(norm, a, i, tag) for i in starts}
    right = {j: end_keys(norm, b, j, value_start, tag) for j in ends}
    length = {n: length_keys(n, tag, kind) for n in range(MIN_LEN, b - a + 1)}
    return left, right, length


def training_example(norm: str, a: int, b: int, value: tuple, gold: tuple, kind: str = "FIGURE"):
    """``(rows, label)`` for :func:`fit`, or None when the gold span ``gold`` is not a candidate (not inside
    a region, or too short). ``value``: its ``(start, end)``. A row lists the features of one candidate's
    start, end and length, with repeats, so the sum of their weights is the score inference uses."""
    if b - a < MIN_LEN:
        return None  # a one-character rules span (涨5%, facts.json one_char_metrics) is kept as it is: nothing to choose
    regs = regions(norm, a, b, *value)
    cands = candidates(norm, regs)
    label = next((k for k, (_, i, j) in enumerate(cands) if (i, j) == tuple(gold)), None)
    if label is None:
        return None
    keys = {tag: _region_keys(norm, tag, ra, rb, value[0], kind) for tag, ra, rb in regs}
    rows = []
    for tag, i, j in cands:
        left, right, length = keys[tag]
        rows.append(start_char_keys(norm, i) + left[i] + end_char_keys(norm, j) + right[j] + length[j - i])
    return rows, label


def fit(examples: list, **fit_args) -> dict:
    """``{feature: weight}``: the softmax over each example's candidates, trained on hashed slots
    (:func:`~extract.stages.facts.chooser.fit_hashed`, ``HASH_DIM`` slots), then stored by feature
    string so that inference needs no hashing. A feature seen in no training example weighs 0."""
    from extract.stages.facts.chooser import fit_hashed

    slots = fit_hashed([([[_h(k) for k in row] for row in rows], label) for rows, label in examples],
                       dim=HASH_DIM, **fit_args)
    seen = {k for rows, _ in examples for row in rows for k in row}
    return {k: slots[_h(k)] for k in sorted(seen) if _h(k) in slots}


class MetricTrimmer:
    """Weights ``{feature: weight}`` (:func:`fit`); :meth:`trim` gives the best span for a fact's metric."""

    def __init__(self, weights: Optional[dict] = None):
        self.weights = weights or {}
        self._memo = (self.weights, {})  # the part scores of :meth:`trim`, kept across texts, with their weights

    def _score(self, keys: list) -> float:
        # a feature seen in no training example weighs 0: adding 0.0 for it leaves the sum as it was
        return sum(map(self.weights.get, keys, repeat(0.0)))

    def trim(self, norm: str, a: int, b: int, value: tuple, kind: str = "FIGURE", cache=None) -> tuple:
        """``(i, j)``: the best-scoring of :func:`candidates` for the rules' span ``[a, b)`` of a value
        (``kind``: FIGURE or RANK) at ``value = (start, end)``; ``(a, b)`` itself on a tie.

        ``cache``: a dict for the part scores. The features of a start or end fall in parts that depend
        on little (the characters at a position; the words cut and the region; the length), so each
        part's score is kept there under what it depends on, and values of one sentence, or the same
        words cut, are scored once. The keys hold all that a part reads and nothing of the text's own, so
        the scores hold for any text: without ``cache`` the trimmer's own dict keeps them across texts
        (emptied past ``MEMO_MAX`` scores; 200 news texts from an empty dict: the trimmer's CPU time
        0.150 -> 0.127 s)."""
        if cache is None:
            if self._memo[0] is not self.weights:
                self._memo = (self.weights, {})
            cache = self._memo[1]
            if sum(len(v) if isinstance(v, dict) else 1 for v in cache.values()) > MEMO_MAX:
                cache.clear()
        score = self._score
        char_l, char_r, cut_scores = cache.setdefault("L", {}), cache.setdefault("R", {}), cache.setdefault("cut", {})
        best, best_score = (a, b), None
        for tag, ra, rb in regions(norm, a, b, *value):
            starts, ends = _bounds(ra, rb)
            side = _value_side(value[0] - rb)
            ls, rs = {}, {}
            for i in starts:
                ck = ("l", tag, norm[ra:i])  # (start_keys reads only these words and the tag)
                sc = cut_scores.get(ck)
                if sc is None:
                    sc = cut_scores[ck] = score(start_keys(norm, ra, i, tag))
                ck = (min(i, 2), norm[i - 2 if i > 1 else 0:i + 3])  # what start_char_keys reads
                ch = char_l.get(ck)
                if ch is None:
                    ch = char_l[ck] = score(start_char_keys(norm, i))
                ls[i] = sc + ch
            for j in ends:
                ck = ("r", tag, side, norm[j:rb])
                sc = cut_scores.get(ck)
                if sc is None:
                    sc = cut_scores[ck] = score(end_keys(norm, rb, j, value[0], tag))
                ck = (min(j, 3), norm[j - 3 if j > 2 else 0:j + 2])  # what end_char_keys reads
                ch = char_r.get(ck)
                if ch is None:
                    ch = char_r[ck] = score(end_char_keys(norm, j))
                rs[j] = sc + ch
            ns = cache.get(("n", tag, kind))
            if ns is None or len(ns) <= rb - ra:
                ns = cache["n", tag, kind] = [0.0] * MIN_LEN + [score(length_keys(n, tag, kind))
                                                                for n in range(MIN_LEN, max(rb - ra, 64) + 1)]
            if best_score is None:
                best_score = (ls[a] + rs[b] + ns[b - a]) if b - a >= MIN_LEN else float("-inf")
            net = _balance(norm, ra, rb)
            # the pairs in :func:`_offsets` order (starts ascending, then ends), the first best one kept on a
            # tie as in :func:`candidates`: a start's row is read only when its best beats the best so far
            for i in starts:
                js = range(max(ends.start, i + MIN_LEN), ends.stop)
                if not js:
                    continue
                li = ls[i]
                vals = [li + rs[j] + ns[j - i] for j in js]
                top = max(vals)
                if top <= best_score:
                    continue
                if net is None:
                    best, best_score = (i, js[vals.index(top)]), top
                    continue
                for j, s in zip(js, vals):
                    if s > best_score and _allowed(norm, net, ra, rb, i, j):
                        best, best_score = (i, j), s
        return best


def save(weights: dict, path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"model": MODEL, "weights": weights}, f, ensure_ascii=False, indent=0)
        f.write("\n")


def load(path) -> MetricTrimmer:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict) or data.get("model") != MODEL or not isinstance(data.get("weights"), dict):
        raise ValueError(f"{path}: not a {MODEL} weights file (a JSON object with \"model\": \"{MODEL}\" "
                         "and \"weights\"); train one with python -m extract.learn.facts --metric-spans")
    return MetricTrimmer({str(k): float(v) for k, v in data["weights"].items()})
