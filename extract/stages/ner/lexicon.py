"""Lexicon features for the NER tagger, in the SoftLexicon manner (Ma et al. 2020), vectorized in numpy.

A :class:`Lexicon` holds several word lists (company names, investors, industries, organizations,
places, people …). For every character it gives three binary features per list: the character
Begins, is in the Middle of, or Ends a word of that list (words of 2 to ``MAX_LEN`` characters;
a single character is never a lexicon match). The tagger learns how far to trust each list, so an
unseen name in a familiar context is still found, and a noisy list costs little.

Words are stored as 64-bit polynomial hashes of their folded characters (the folding of
:mod:`extract.stages.ner.features`: full-width → half-width, lower case, digits → 0), keyed with
their length, in one sorted array with a bit mask of the lists each word is in. Matching a text is
``MAX_LEN - 1`` vector passes (one per word length) with a binary search each: no Python loop per
character. The model folder stores the hashes (``lexicon.npz``), not the words.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List, Sequence

import numpy as np

__all__ = ["Lexicon", "MAX_LEN", "LEXICON_NAME"]

LEXICON_NAME = "lexicon.npz"
MAX_LEN = 16
_P = np.uint64(1000003)
_LEN_KEY = np.uint64(0x9E3779B97F4A7C15)
CHANNELS = 3  # begin, middle, end
_FILTER_BITS = 22


def _short(keys: np.ndarray) -> np.ndarray:
    """A ``_FILTER_BITS``-bit hash of 64-bit keys (high and low bits mixed)."""
    return ((keys ^ (keys >> np.uint64(29))) & np.uint64((1 << _FILTER_BITS) - 1)).astype(np.int64)


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _short2(keys: np.ndarray) -> np.ndarray:
    """A second ``_FILTER_BITS``-bit hash of 64-bit keys, independent of :func:`_short` (multiplicative
    hashing: the top bits of ``key * golden ratio``)."""
    with np.errstate(over="ignore"):
        return ((keys * _MIX) >> np.uint64(64 - _FILTER_BITS)).astype(np.int64)


def _word_hash(cps: Sequence[int]) -> int:
    h = np.uint64(0)
    with np.errstate(over="ignore"):
        for c in cps:
            h = h * _P + np.uint64(c)
        return int(h + np.uint64(len(cps)) * _LEN_KEY)


class Lexicon:
    """Word lists → per-character B/M/E features (``n_features = 3 * len(names)``)."""

    def __init__(self, names: Sequence[str], keys: np.ndarray, masks: np.ndarray):
        if len(names) > 32:
            raise ValueError(f"at most 32 word lists, got {len(names)}")
        self.names = list(names)
        self.keys = np.asarray(keys, dtype=np.uint64)
        self.masks = np.asarray(masks, dtype=np.uint32)
        # bitmaps over two short hashes of the keys (a Bloom filter): most n-grams of a text are no word,
        # and table lookups rule them out before the binary search. The first passes about 9 % of the
        # n-grams of news (the shipped lexicon), the second keeps about a sixth of those: a word passes
        # both, so only the binary search decides, and it runs about five times less often.
        self._filter = np.zeros(1 << _FILTER_BITS, dtype=bool)
        self._filter2 = np.zeros(1 << _FILTER_BITS, dtype=bool)
        if len(self.keys):
            self._filter[_short(self.keys)] = True
            self._filter2[_short2(self.keys)] = True

    @property
    def n_features(self) -> int:
        return CHANNELS * len(self.names)

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def build(cls, lists: Dict[str, Iterable[str]], fold_table: np.ndarray) -> "Lexicon":
        """``lists``: name → words. ``fold_table``: the featurizer's code point fold table."""
        acc: Dict[int, int] = {}
        names = list(lists)
        if len(names) > 32:  # one bit per list in a uint32 mask
            raise ValueError(f"at most 32 word lists, got {len(names)}")
        for k, name in enumerate(names):
            for w in lists[name]:
                w = w.strip()
                if not (2 <= len(w) <= MAX_LEN):
                    continue
                cps = fold_table[np.frombuffer(w.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)]
                key = _word_hash(cps.tolist())
                acc[key] = acc.get(key, 0) | (1 << k)
        keys = np.array(sorted(acc), dtype=np.uint64)
        masks = np.array([acc[int(k)] for k in keys], dtype=np.uint32)
        return cls(names, keys, masks)

    # ------------------------------------------------------------ files
    def save(self, path) -> None:
        np.savez_compressed(path, names=np.array(self.names), keys=self.keys, masks=self.masks)

    @classmethod
    def load(cls, path) -> "Lexicon":
        with np.load(Path(path), allow_pickle=False) as z:
            return cls([str(x) for x in z["names"]], z["keys"], z["masks"])

    # ------------------------------------------------------------ matching
    def matches(self, cps: np.ndarray) -> List[tuple]:
        """``(length, starts, masks)`` of every lexicon word in the folded code points ``cps``."""
        n = len(cps)
        out = []
        if n < 2 or not len(self.keys):
            return out
        c = cps.astype(np.uint64)
        h = c.copy()
        with np.errstate(over="ignore"):
            for length in range(2, min(MAX_LEN, n) + 1):
                h = h[:n - length + 1] * _P + c[length - 1:]
                key = h + np.uint64(length) * _LEN_KEY
                maybe = np.nonzero(self._filter[_short(key)])[0]
                maybe = maybe[self._filter2[_short2(key[maybe])]]
                if not len(maybe):
                    continue
                pos = np.minimum(np.searchsorted(self.keys, key[maybe]), len(self.keys) - 1)
                hit = self.keys[pos] == key[maybe]
                if hit.any():
                    out.append((length, maybe[hit], self.masks[pos[hit]]))
        return out

    def features(self, cps: np.ndarray) -> np.ndarray:
        """``uint8 [len(cps), 3 * lists]``: for list ``k``, columns ``3k`` (begins a word), ``3k + 1``
        (inside one), ``3k + 2`` (ends one). Code point 0 (padding) never matches."""
        n = len(cps)
        k = len(self.names)
        begin = np.zeros((n, k), dtype=bool)
        end = np.zeros((n, k), dtype=bool)
        inside = np.zeros((n + 1, k), dtype=np.int32)
        bits = (np.uint32(1) << np.arange(k, dtype=np.uint32))
        for length, starts, masks in self.matches(cps):
            m = (masks[:, None] & bits[None, :]) > 0  # [hits, k]
            begin[starts] |= m
            end[starts + length - 1] |= m
            if length > 2:  # the starts of one length are distinct, so plain indexed adds count right
                inside[starts + 1] += m
                inside[starts + length - 1] -= m
        mid = np.cumsum(inside[:n], axis=0) > 0
        out = np.empty((n, CHANNELS * k), dtype=np.uint8)
        out[:, 0::3] = begin
        out[:, 1::3] = mid
        out[:, 2::3] = end
        return out
