"""Characters and bigrams → ids, vectorized in numpy. Shared by training and inference; imports no torch.

Text is first folded per character (length-preserving): full-width → half-width,
ASCII letters → lower case, ASCII digits → ``0``. Bigram ``i`` is the pair
``(s[i-1], s[i])`` with sentinels ``BOS``/``EOS`` at the ends, so a text of ``T``
characters has ``T + 1`` bigrams; character ``t`` sits between bigrams ``t`` and ``t + 1``.

Encoding works on code points: one lookup table maps a code point to its char
id, and bigram keys ``left * 2**21 + right`` are found by binary search in the
sorted key array, so a whole batch is encoded without a Python loop per character.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np

from extract.textnorm import to_halfwidth

PAD, UNK = 0, 1
BOS, EOS = "\x02", "\x03"
_NCP = 0x110000
_SHIFT = 1 << 21

_FOLD = {cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)}
_FOLD.update({cp: ord("0") for cp in range(ord("0"), ord("9") + 1)})


def fold(text: str) -> str:
    """The per-character view the model reads (same length as ``text``)."""
    return to_halfwidth(text).translate(_FOLD)


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


class Featurizer:
    """Character and bigram vocabularies (id 0 = padding, 1 = unknown)."""

    def __init__(self, chars: Sequence[str], bigrams: Sequence[str] = (), lexicon=None):
        self.chars = list(chars)
        self.bigrams = list(bigrams)
        self.lexicon = lexicon  # an extract.stages.ner.lexicon.Lexicon, or None (no lexicon features)
        self._char_table = None
        self._bigram_keys = None

    @classmethod
    def build(cls, texts: Iterable[str], min_char: int = 2, min_bigram: int = 3, max_bigrams: int = 60000):
        cc, bc = Counter(), Counter()
        for t in texts:
            s = fold(t)
            cc.update(s)
            b = BOS + s + EOS
            bc.update(b[i:i + 2] for i in range(len(b) - 1))
        chars = sorted(c for c, n in cc.items() if n >= min_char)
        bigrams = [b for b, n in sorted(bc.items(), key=lambda x: (-x[1], x[0])) if n >= min_bigram][:max_bigrams]
        return cls(chars, bigrams)

    @property
    def n_chars(self) -> int:
        return len(self.chars) + 2

    @property
    def n_bigrams(self) -> int:
        return len(self.bigrams) + 2

    def to_dict(self) -> dict:
        return {"chars": self.chars, "bigrams": self.bigrams}

    @classmethod
    def from_dict(cls, d: dict) -> "Featurizer":
        return cls(d["chars"], d.get("bigrams", ()))

    # ------------------------------------------------------------ lookup tables
    def _tables(self):
        if self._char_table is None:
            fold_t = np.arange(_NCP, dtype=np.int64)
            for src, dst in to_halfwidth_map().items():
                fold_t[src] = dst
            for src, dst in _FOLD.items():
                fold_t[src] = dst
            fold_t = _fold_twice(fold_t)  # full-width letters/digits: half-width first, then case/digit
            ct = np.full(_NCP, UNK, dtype=np.int64)
            for i, c in enumerate(self.chars):
                ct[ord(c)] = i + 2
            keys = np.array([ord(b[0]) * _SHIFT + ord(b[1]) for b in self.bigrams], dtype=np.int64)
            order = np.argsort(keys, kind="stable")
            self._fold_table = fold_t
            self._char_table = ct
            self._bigram_keys = keys[order]
            self._bigram_ids = (order + 2).astype(np.int64)
        return self._fold_table, self._char_table, self._bigram_keys, self._bigram_ids

    def _bigram_lookup(self, keys: np.ndarray) -> np.ndarray:
        _, _, sk, ids = self._tables()
        if len(sk) == 0:
            return np.full(len(keys), UNK, dtype=np.int64)
        pos = np.minimum(np.searchsorted(sk, keys), len(sk) - 1)
        return np.where(sk[pos] == keys, ids[pos], UNK)

    def encode(self, text: str) -> Tuple[np.ndarray, np.ndarray]:
        """``(char_ids[T], bigram_ids[T + 1])`` as int64 arrays."""
        fold_t, ct, _, _ = self._tables()
        cp = fold_t[codepoints(text)]
        chars = ct[cp]
        left = np.concatenate([[ord(BOS)], cp])
        right = np.concatenate([cp, [ord(EOS)]])
        return chars, self._bigram_lookup(left * _SHIFT + right)

    @property
    def n_lex(self) -> int:
        return self.lexicon.n_features if self.lexicon is not None else 0

    def folded(self, text: str) -> np.ndarray:
        """The folded code points of ``text`` (what the lexicon is matched on)."""
        fold_t = self._tables()[0]
        return fold_t[codepoints(text)]

    def encode_lex(self, text: str) -> Optional[np.ndarray]:
        """Lexicon features ``uint8 [T, n_lex]`` of ``text``, or None without a lexicon."""
        if self.lexicon is None:
            return None
        return self.lexicon.features(self.folded(text))

    def lex_flat(self, texts: List[str], gap: int) -> Optional[np.ndarray]:
        """Lexicon features laid out like :meth:`encode_flat` (padding rows are zero)."""
        if self.lexicon is None:
            return None
        sep = "\x00" * gap
        return self.lexicon.features(self.folded(sep + sep.join(texts) + sep))

    def encode_flat(self, texts: List[str], gap: int) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All ``texts`` laid end to end with ``gap`` (≥ 2) padding positions before, between and after.

        Returns ``(char_ids[N], bigram_ids[N], offsets)``: text ``k`` occupies
        ``offsets[k] : offsets[k] + len``, its bigram ``i`` sits at flat ``offsets[k] + i``
        (so bigram ``T`` falls in the gap after it); padding positions have id 0.
        """
        if gap < 2:
            raise ValueError("encode_flat needs gap >= 2 (room for the end bigram)")
        fold_t, ct, _, _ = self._tables()
        sep = "\x00" * gap
        flat = sep + sep.join(texts) + sep
        cp = codepoints(flat)
        is_pad = cp == 0
        cp = fold_t[cp]
        chars = np.where(is_pad, PAD, ct[cp])
        left = np.where(is_pad, ord(BOS), cp)
        right = np.where(is_pad, ord(EOS), cp)
        keys = np.empty(len(cp), dtype=np.int64)
        keys[0] = 0
        keys[1:] = left[:-1] * _SHIFT + right[1:]
        bigrams = self._bigram_lookup(keys)
        both_pad = np.ones(len(cp), dtype=bool)
        both_pad[1:] = is_pad[:-1] & is_pad[1:]
        bigrams[both_pad] = PAD
        lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        offs = gap + np.concatenate([[0], np.cumsum(lens + gap)[:-1]]).astype(np.int64) if len(texts) else lens
        return chars, bigrams, offs


def to_halfwidth_map() -> dict:
    from extract.textnorm import _HALF
    return dict(_HALF)


def _fold_twice(fold_t: np.ndarray) -> np.ndarray:
    """Apply the table again so full-width ``Ａ``/``０`` end as ``a``/``0`` like :func:`fold` does."""
    return fold_t[fold_t]
