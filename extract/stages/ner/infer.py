"""Fast inference for the char-CNN tagger in pure numpy (no torch import, so loading is quick).

preprocess → forward → postprocess, all batched:

* **preprocess**: every text becomes char ids and bigram ids; the texts of a batch
  are laid end to end in one flat array with ``gap`` zero rows between them
  (``gap`` ≥ the largest dilation), so no work is spent on padding and every
  convolution sees the same zero context a lone sentence would.
* **forward**: the first layer (convolutions over char and bigram embeddings)
  is folded into per-offset lookup tables at load, so it is 7 gathers; then dilated 3-wide convolutions as three shifted matmuls, one
  linear layer per head.
* **postprocess**: BIO-constrained Viterbi with the CRF's transitions, batched
  over texts of similar length; tags → ``(start, end, label)`` spans.

:func:`NumpyTagger.from_torch_state` builds the same thing from a torch
state dict (used during training for evaluation, and by the parity test).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from extract.stages.ner.features import Featurizer
from extract.stages.ner.lexicon import LEXICON_NAME, Lexicon

WEIGHTS_NAME = "model.safetensors"
CONFIG_NAME = "config.json"
VOCAB_NAME = "vocab.json"


def load_featurizer(path) -> Featurizer:
    """The model folder's vocabularies (``vocab.json``) and lexicon (``lexicon.npz``, when there is one)."""
    path = Path(path)
    with open(path / VOCAB_NAME, encoding="utf-8") as f:
        feat = Featurizer.from_dict(json.load(f))
    if (path / LEXICON_NAME).is_file():
        feat.lexicon = Lexicon.load(path / LEXICON_NAME)
    return feat
NEG = -1e4


def bio_constraints(n_labels: int) -> Tuple[np.ndarray, np.ndarray]:
    """``(trans_mask[K, K], start_mask[K])``: 0 where allowed, ``NEG`` where BIO forbids it.

    Tag ids: 0 = O, ``2k+1`` = B-k, ``2k+2`` = I-k. I-k may only follow B-k or I-k.
    """
    k = 2 * n_labels + 1
    trans = np.zeros((k, k), dtype=np.float32)
    start = np.zeros(k, dtype=np.float32)
    for j in range(n_labels):
        i_tag = 2 * j + 2
        start[i_tag] = NEG
        for prev in range(k):
            if prev not in (2 * j + 1, 2 * j + 2):
                trans[prev, i_tag] = NEG
    return trans, start


def viterbi(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> np.ndarray:
    """Best BIO tag paths for a padded batch ``em[B, T, K]``; returns ``tags[B, T]`` (padding = 0).

    Uses the BIO structure: O and B-k may follow any tag (a full max over K),
    I-k only B-k or I-k (a max over two), so the work per step is about half
    of a dense K x K Viterbi. ``trans`` must carry the BIO constraints. States
    are reordered internally to ``[O, B-1..B-L, I-1..I-L]`` so both groups are slices.
    No back-pointer tensor is built: the forward scores are kept, and the
    predecessor of each chosen tag is recomputed while tracing back (a ``[B, K]``
    argmax per step instead of a ``[B, K, K]`` one).
    """
    b, t_max, k = em.shape
    n_lab = (k - 1) // 2
    perm = np.array([0] + [2 * j + 1 for j in range(n_lab)] + [2 * j + 2 for j in range(n_lab)])
    n_open = n_lab + 1
    # tag-major [T, K, B]: every step's max over the previous tags is then a max across rows of texts,
    # which numpy vectorizes (a max over a short last axis per text is several times slower)
    em = np.ascontiguousarray(em.transpose(1, 2, 0)[:, perm])
    trans = trans[perm][:, perm]
    start, end = start[perm], end[perm]
    trans_open = np.ascontiguousarray(trans[:, :n_open].T)[:, :, None]  # [1+L, K_from, 1]
    ar = np.arange(n_lab)
    t_bi = trans[1 + ar, n_open + ar][:, None]  # B-k → I-k
    t_ii = trans[n_open + ar, n_open + ar][:, None]  # I-k → I-k
    # forward scores, written in place step by step; back-pointers are recomputed
    hist = np.empty((t_max, k, b), dtype=np.result_type(em, start))
    np.add(start[:, None], em[0], out=hist[0])
    shortest = int(lengths.min())  # before this step every text is still running
    for t in range(1, t_max):
        score, new = hist[t - 1], hist[t]
        new[:n_open] = (score[None] + trans_open).max(1)
        np.maximum(score[1:n_open] + t_bi, score[n_open:] + t_ii, out=new[n_open:])
        new += em[t]
        if t >= shortest:
            done = t >= lengths
            new[:, done] = score[:, done]  # a finished text keeps its last scores
    cur = (hist[t_max - 1] + end[:, None]).argmax(0)
    tags = np.zeros((t_max, b), dtype=np.intp)
    for t in range(t_max - 1, 0, -1):
        # the best predecessor of the chosen tag: the same sums as the forward pass, so the same argmax
        # (ties go to the lower index, as np.maximum's B-before-I and argmax's first-max rule agree).
        # Past a text's end the tag written here is zeroed by the mask below, and its tag stays put.
        tags[t] = cur
        prev = (hist[t - 1] + trans[:, cur]).argmax(0)  # column j: every previous tag's score into cur[j]
        cur = prev if t < shortest else np.where(t < lengths, prev, cur)
    tags[0] = cur
    return perm[tags.T] * (np.arange(t_max)[None, :] < lengths[:, None])


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def crf_marginals(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
                  end: np.ndarray) -> np.ndarray:
    """Per-position tag marginals ``p(tag_t = k | text)`` of a padded batch ``em[B, T, K]`` (forward-backward).

    ``trans``/``start``/``end`` are the same BIO-constrained scores :func:`viterbi` decodes with, so
    the marginals are those of the distribution whose best path the tagger outputs. Computed in
    float64 log space; rows past a text's length are zero.
    """
    b, t_max, k = em.shape
    em = em.astype(np.float64)
    trans, start, end = trans.astype(np.float64), start.astype(np.float64), end.astype(np.float64)
    alpha = np.empty((t_max, b, k))
    alpha[0] = start[None, :] + em[:, 0]
    for t in range(1, t_max):
        a = _logsumexp(alpha[t - 1][:, :, None] + trans[None], axis=1) + em[:, t]
        done = t >= lengths
        a[done] = alpha[t - 1][done]
        alpha[t] = a
    beta = np.empty((t_max, b, k))
    beta[t_max - 1] = end[None, :]
    for t in range(t_max - 2, -1, -1):
        nxt = _logsumexp(trans[None] + (em[:, t + 1] + beta[t + 1])[:, None, :], axis=2)
        last = t + 1 >= lengths  # position t is the text's last: only the end score follows
        beta[t] = np.where(last[:, None], end[None, :], nxt)
    log_z = _logsumexp(alpha[np.maximum(lengths - 1, 0), np.arange(b)] + end[None, :], axis=1)
    marg = np.exp(alpha + beta - log_z[None, :, None]).transpose(1, 0, 2)
    marg *= (np.arange(t_max)[None, :] < lengths[:, None])[:, :, None]
    return marg


def tags_to_spans(tags: Sequence[int], labels: Sequence[str]) -> List[Tuple[int, int, str]]:
    """Tag ids (0 = O, 2k+1 = B-k, 2k+2 = I-k) → ``(start, end, label)``."""
    return _batch_spans(np.asarray(tags)[None], np.array([len(tags)]), labels)[0]


def _batch_spans(tags: np.ndarray, lengths: np.ndarray, labels: Sequence[str]) -> List[list]:
    """Spans for every row of a padded tag batch (padding must be 0 = O)."""
    b, t_max = tags.shape
    out = [[] for _ in range(b)]
    if t_max == 0:
        return out
    flat = np.concatenate([tags, np.zeros((b, 1), dtype=tags.dtype)], axis=1).ravel()
    starts = np.flatnonzero(flat % 2 == 1)
    if len(starts) == 0:
        return out
    # a span ends at the first position that is not the I- of its B-
    # (flat[i] is I-k and flat[i-1] is B-k or I-k of the same k)
    cont_ok = np.zeros(len(flat), dtype=bool)
    cont_ok[1:] = (flat[1:] > 0) & (flat[1:] % 2 == 0) & ((flat[1:] - 1) // 2 == (flat[:-1] - 1) // 2) & (flat[:-1] > 0)
    breaks = np.flatnonzero(~cont_ok)
    ends = breaks[np.searchsorted(breaks, starts, side="right")]
    width = t_max + 1
    rows, s_in = np.divmod(starts, width)
    e_in = ends - rows * width
    labs = (flat[starts] - 1) // 2
    for r, s, e, lab in zip(rows.tolist(), s_in.tolist(), e_in.tolist(), labs.tolist()):
        out[r].append((s, e, labels[lab]))
    return out


def _shifted_sum(h: np.ndarray, tables: list, ids: np.ndarray, first: int, buf: np.ndarray) -> None:
    """``h[t] += sum_j tables[j][ids[t + first + j]]`` (positions outside the array count as zero), the
    tables added one after another as before.

    Each table's rows are gathered into ``buf`` (same shape as ``h``) by ``np.take(mode="clip")``: the ids
    are always in range, and with an ``out`` array the default ``mode="raise"`` works on a copy. That gather
    is about three times faster than ``tab[ids]``, which allocates a fresh ``[N, H]`` array per table."""
    n = len(h)
    for j, tab in enumerate(tables):
        o = first + j
        lo, hi = max(0, -o), n - max(0, o)  # the rows of h whose shifted id falls inside the array
        if hi <= lo:
            continue
        np.take(tab, ids[lo + o:hi + o], axis=0, out=buf[lo:hi], mode="clip")
        h[lo:hi] += buf[lo:hi]


class NumpyTagger:
    """The trained tagger: ``predict(texts, head)`` → spans per text, in that head's labels."""

    def __init__(self, config: dict, weights: Dict[str, np.ndarray], featurizer: Featurizer):
        self.config = config
        self.featurizer = featurizer
        self.heads: Dict[str, List[str]] = {k: list(v) for k, v in config["heads"].items()}
        self.output_map: Dict[str, dict] = config.get("output_map", {})
        self.dilations = list(config["dilations"])
        self.char_kernel = int(config.get("char_kernel", 3))
        self.half = self.char_kernel // 2
        self.gap = max(self.dilations + [2, self.half + 1])
        w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        # Fold the first layer into lookup tables: conv(E[ids]) == sum over offsets of (E @ W_k.T)[ids shifted]
        ec, wc = w["char_emb.weight"], w["char_conv.weight"]  # (Vc, dc), (H, dc, 3)
        hdim = wc.shape[0]
        self.hidden = hdim
        # one table per input offset: t_char[j][id] = W_j e_id (offset j - kernel//2)
        self.t_char = [np.ascontiguousarray(ec @ wc[:, :, k].T) for k in range(wc.shape[2])]
        self.bias0 = w["char_conv.bias"]
        self.w_lex = None
        if "lex_proj.weight" in w:  # lexicon features: one linear map into the first layer
            if featurizer.n_lex != w["lex_proj.weight"].shape[1]:
                raise ValueError(f"The model expects {w['lex_proj.weight'].shape[1]} lexicon features; its "
                                 f"lexicon gives {featurizer.n_lex} (is {LEXICON_NAME} missing?)")
            self.w_lex = np.ascontiguousarray(w["lex_proj.weight"].T)
        self.use_bigrams = bool(config.get("use_bigrams", True))
        self.t_bigram = None
        if self.use_bigrams:
            eb, wb = w["bigram_emb.weight"], w["bigram_conv.weight"]  # (Vb, db), (H, db, 4)
            self.t_bigram = [np.ascontiguousarray(eb @ wb[:, :, k].T) for k in range(wb.shape[2])]
        self.convs = []
        for i, _ in enumerate(self.dilations):
            k = w[f"convs.{i}.weight"]  # (out, in, 3)
            self.convs.append((np.ascontiguousarray(k[:, :, 0].T), np.ascontiguousarray(k[:, :, 1].T),
                               np.ascontiguousarray(k[:, :, 2].T), w[f"convs.{i}.bias"]))
        self.head_w = {h: (np.ascontiguousarray(w[f"heads.{h}.weight"].T), w[f"heads.{h}.bias"]) for h in self.heads}
        self.crf = {}
        for h, labs in self.heads.items():
            tmask, smask = bio_constraints(len(labs))
            self.crf[h] = (w[f"crf.{h}.trans"] + tmask, w[f"crf.{h}.start"] + smask, w[f"crf.{h}.end"])

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, path) -> "NumpyTagger":
        from safetensors.numpy import load_file

        path = Path(path)
        if not (path / WEIGHTS_NAME).is_file():
            raise FileNotFoundError(f"No NER model at {path}: expected {path / WEIGHTS_NAME} "
                                    f"(a folder written by extract.learn.ner.train.train_ner)")
        with open(path / CONFIG_NAME, encoding="utf-8") as f:
            config = json.load(f)
        feat = load_featurizer(path)
        feat._tables()  # build the lookup tables now, so the first document does not pay for them
        return cls(config, load_file(str(path / WEIGHTS_NAME)), feat)

    @classmethod
    def from_torch_state(cls, config: dict, state: dict, featurizer: Featurizer) -> "NumpyTagger":
        return cls(config, {k: v.detach().float().cpu().numpy() for k, v in state.items()}, featurizer)

    # ------------------------------------------------------------ forward
    def emissions(self, texts: List[str], heads: Sequence[str], lex: Optional[np.ndarray] = None
                  ) -> Tuple[Dict[str, np.ndarray], np.ndarray]:
        """Flat emissions per head ``[N, K]`` and the flat start offset of each text. ``lex``: the lexicon
        features of ``texts`` (:meth:`Featurizer.lex_flat`) when the caller has them already."""
        cids, bids, offs = self.featurizer.encode_flat(texts, self.gap)
        n = len(cids)
        pad = np.flatnonzero(cids == 0)  # the padding rows between texts: zeroed after each layer
        hd = self.hidden
        # every text has > kernel//2 padding rows on each side, so shifted sums never reach another text
        h = np.empty((n, hd), dtype=np.float32)
        h[:] = self.bias0
        buf = np.empty_like(h)  # scratch for gathers and matmul products: no fresh [N, H] array per term
        _shifted_sum(h, self.t_char, cids, -self.half, buf)  # chars t-half .. t+half
        if self.use_bigrams:
            _shifted_sum(h, self.t_bigram, bids, -self.half, buf)  # bigrams t-half .. t+half+1
        if self.w_lex is not None:
            lex = self.featurizer.lex_flat(texts, self.gap) if lex is None else lex
            rows = np.nonzero(lex.any(axis=1))[0]  # most characters match no word: add only where one does
            if len(rows):
                h[rows] += lex[rows].astype(np.float32) @ self.w_lex
        np.maximum(h, 0, out=h)
        h[pad] = 0
        z = np.empty_like(h)
        for d, (w0, w1, w2, b) in zip(self.dilations, self.convs):
            z[:d] = 0
            z[n - d:] = 0
            np.matmul(h[:n - 2 * d], w0, out=z[d:n - d])
            z[d:n - d] += np.matmul(h[d:n - d], w1, out=buf[d:n - d])
            z[d:n - d] += np.matmul(h[2 * d:], w2, out=buf[d:n - d])
            z += b
            np.maximum(z, 0, out=z)
            h += z
            h[pad] = 0
        out = {}
        for name in heads:
            w, b = self.head_w[name]
            out[name] = h @ w + b
        return out, offs

    def predict(self, texts: List[str], head: Optional[str] = None, batch_chars: int = 20000) -> List[list]:
        """Spans ``(start, end, label)`` for each text, in ``head``'s own labels."""
        head = head or self.config.get("output_head") or next(iter(self.heads))
        return self.predict_heads(texts, [head], batch_chars)[head]

    def predict_heads(self, texts: List[str], heads: Sequence[str], batch_chars: int = 20000) -> Dict[str, list]:
        for h in heads:
            if h not in self.heads:
                raise KeyError(f"No head {h!r} in this model; heads: {sorted(self.heads)}")
        results = {h: [[] for _ in texts] for h in heads}
        for idx, lens, ems in self._padded_emissions(texts, heads, batch_chars):
            for h in heads:
                tags = viterbi(ems[h], lens, *self.crf[h])
                for row, spans in zip(idx, _batch_spans(tags, lens, self.heads[h])):
                    results[h][row] = spans
        return results

    def _padded_emissions(self, texts: List[str], heads: Sequence[str], batch_chars: int):
        """Yield ``(idx, lens, {head: em[B, T, K]})`` for batches of similar-length non-empty texts of
        about ``batch_chars`` characters each; ``idx`` are the texts' positions in ``texts`` and each
        row of ``em`` is padded by repeating its last character's emissions."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        i = 0
        while i < len(order):
            j, size = i, 0
            while j < len(order) and (size == 0 or size + len(texts[order[j]]) <= batch_chars):
                size += len(texts[order[j]])
                j += 1
            idx = [k for k in order[i:j] if texts[k]]
            i = j
            if not idx:
                continue
            batch = [texts[k] for k in idx]
            ems, offs = self.emissions(batch, heads)
            lens = np.array([len(t) for t in batch])
            gather = offs[:, None] + np.minimum(np.arange(int(lens.max()))[None, :], lens[:, None] - 1)
            yield idx, lens, {h: ems[h][gather] for h in heads}

    def uncertainty(self, texts: List[str], head: Optional[str] = None, batch_chars: int = 20000) -> List[float]:
        """Expected number of wrongly tagged characters of each text under the CRF: the sum over its
        characters of ``1 - max_k p(tag = k)`` (entity marginals by forward-backward). 0 for an empty
        text. Divide by the length for a per-character figure."""
        head = head or self.config.get("output_head") or next(iter(self.heads))
        if head not in self.heads:
            raise KeyError(f"No head {head!r} in this model; heads: {sorted(self.heads)}")
        out = [0.0] * len(texts)
        for idx, lens, ems in self._padded_emissions(texts, [head], batch_chars):
            marg = crf_marginals(ems[head], lens, *self.crf[head])
            per = (1.0 - marg.max(2)) * (np.arange(marg.shape[1])[None, :] < lens[:, None])
            for row, u in zip(idx, per.sum(1).tolist()):
                out[row] = float(u)
        return out

    def entities(self, texts: List[str], heads: Optional[Sequence[str]] = None, batch_chars: int = 20000,
                 precedence: str = "head") -> List[list]:
        """Spans mapped to ZhIE types through ``output_map`` (labels mapped to null are dropped).

        With several heads and ``precedence="head"``, a later head's span is added only where it
        overlaps nothing already found by an earlier head. ``precedence="type"`` (two heads: a
        fine-tuned head first, its base second) lets the first head speak first only for the types
        it outputs: the base head's spans of other types are kept as they are, then the first
        head's spans, then the base head's spans of the first head's types, each where it overlaps
        nothing kept.
        """
        heads = list(heads or [self.config.get("output_head") or next(iter(self.heads))])
        if precedence not in ("head", "type"):
            raise ValueError(f"precedence must be 'head' or 'type', not {precedence!r}")
        if precedence == "type" and len(heads) != 2:
            raise ValueError(f"precedence='type' needs exactly two heads (fine-tuned, base), got {heads}")
        per = self.predict_heads(texts, heads, batch_chars)
        maps = [self.output_map.get(h, {}) for h in heads]
        own = {v for v in maps[0].values() if v is not None}  # the first head's types (precedence="type")
        out = []
        for k in range(len(texts)):
            mapped = [[(s, e, m[lab]) for s, e, lab in per[h][k] if m.get(lab) is not None]
                      for h, m in zip(heads, maps)]
            if precedence == "type":
                first, base = mapped
                kept = [x for x in base if x[2] not in own]
                groups = [first, [x for x in base if x[2] in own]]
            else:
                kept, groups = list(mapped[0]), mapped[1:]
            for group in groups:
                for s, e, typ in group:
                    if not any(s < ke and ks < e for ks, ke, _ in kept):
                        kept.append((s, e, typ))
            out.append(sorted(kept))
        return out


def _same_lexicon(a: NumpyTagger, b: NumpyTagger) -> bool:
    """Whether two taggers compute the same lexicon features for any text (same gap, folding and word lists)."""
    la, lb = a.featurizer.lexicon, b.featurizer.lexicon
    if la is None or lb is None:
        return la is None and lb is None
    return a.gap == b.gap and la.names == lb.names and np.array_equal(la.keys, lb.keys) \
        and np.array_equal(la.masks, lb.masks) and np.array_equal(a.featurizer._tables()[0], b.featurizer._tables()[0])


class EnsembleTagger(NumpyTagger):
    """Several taggers with the same heads and labels read as one: the emissions of every head are
    averaged, and so are its CRF scores (transitions, start, end), then decoded once. Members may
    differ in anything else (seed, vocabularies, lexicon). The members' texts are batched the same
    way, so their batches line up. Costs one forward pass per member."""

    def __init__(self, members: Sequence[NumpyTagger]):
        members = list(members)
        if not members:
            raise ValueError("an ensemble needs at least one tagger")
        first = members[0]
        for m in members[1:]:
            if m.heads != first.heads:
                raise ValueError(f"ensemble members disagree on heads/labels: {first.heads} vs {m.heads}")
        self.members = members
        self.config = first.config
        self.featurizer = first.featurizer
        self.heads = first.heads
        self.output_map = first.output_map
        k = len(members)
        self.crf = {h: tuple(sum(m.crf[h][i] for m in members) / k for i in range(3)) for h in self.heads}
        # members with the same lexicon, folding and layout read the same lexicon features: computed once
        self.shared_lex = all(_same_lexicon(first, m) for m in members[1:])

    @classmethod
    def load_all(cls, paths: Sequence) -> NumpyTagger:
        """One tagger for one folder, an ensemble for several."""
        taggers = [NumpyTagger.load(p) for p in paths]
        return taggers[0] if len(taggers) == 1 else cls(taggers)

    def emissions(self, texts: List[str], heads: Sequence[str], lex: Optional[np.ndarray] = None):
        first = self.members[0]
        if lex is None and self.shared_lex and first.w_lex is not None:
            lex = first.featurizer.lex_flat(texts, first.gap)
        outs = [m.emissions(texts, heads, lex if self.shared_lex else None) for m in self.members]
        offs = outs[0][1]
        for _, o in outs[1:]:
            if not np.array_equal(o, offs):  # members lay texts out alike (same gap): checked, not assumed
                raise ValueError("ensemble members lay out texts differently (different dilations?)")
        k = len(outs)
        return {h: sum(o[0][h] for o in outs) / k for h in heads}, offs
