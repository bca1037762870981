"""The numpy decoder against brute force, and tag → span conversion (no torch needed)."""
import itertools

import numpy as np
import pytest

from extract.stages.ner.infer import bio_constraints, tags_to_spans, viterbi
from extract.learn.ner.score import score_spans


def _brute_force(em, trans, start, end):
    k = em.shape[1]

    def score(p):
        return (start[p[0]] + sum(em[j, p[j]] for j in range(len(p)))
                + sum(trans[p[j - 1], p[j]] for j in range(1, len(p))) + end[p[-1]])

    return max(itertools.product(range(k), repeat=em.shape[0]), key=score)


@pytest.mark.parametrize("n_labels", [1, 2, 3])
def test_viterbi_equals_brute_force(n_labels):
    rng = np.random.default_rng(n_labels)
    k = 2 * n_labels + 1
    tmask, smask = bio_constraints(n_labels)
    max_len = 6 if n_labels < 3 else 4  # brute force is k ** length paths
    for _ in range(8):
        trans = rng.normal(size=(k, k)).astype(np.float32) + tmask
        start = rng.normal(size=k).astype(np.float32) + smask
        end = rng.normal(size=k).astype(np.float32)
        lengths = rng.integers(1, max_len, size=5)
        em = rng.normal(size=(5, lengths.max(), k)).astype(np.float32) * 2
        tags = viterbi(em, lengths, trans, start, end)
        for row, n in enumerate(lengths):
            assert tuple(tags[row, :n]) == _brute_force(em[row, :n], trans, start, end)
            assert not tags[row, n:].any(), "padding must decode to O"


def test_viterbi_never_emits_an_orphan_inside_tag():
    rng = np.random.default_rng(0)
    tmask, smask = bio_constraints(3)
    em = rng.normal(size=(8, 30, 7)).astype(np.float32)
    em[:, :, [2, 4, 6]] += 3  # push hard toward I- tags
    tags = viterbi(em, np.full(8, 30), tmask, smask, np.zeros(7, np.float32))
    for row in tags:
        prev = 0
        for t in row:
            if t and t % 2 == 0:
                assert prev in (t - 1, t), f"I-tag {t} after {prev}"
            prev = t


def test_tags_to_spans():
    labels = ["company", "name"]
    # O B-c I-c I-c O B-n I-n B-c O I-c(orphan, ignored) B-n
    tags = [0, 1, 2, 2, 0, 3, 4, 1, 0, 2, 3]
    assert tags_to_spans(tags, labels) == [(1, 4, "company"), (5, 7, "name"), (7, 8, "company"), (10, 11, "name")]
    assert tags_to_spans([], labels) == []
    assert tags_to_spans([0, 0], labels) == []


@pytest.mark.parametrize("tags,spans", [
    ([1], [(0, 1, "c")]),  # one character, one span
    ([2], []), ([0], []), ([2, 2], []),  # I- without its B-: no span
    ([0, 1, 2], [(1, 3, "c")]),  # the only span
    ([1, 1], [(0, 1, "c"), (1, 2, "c")]),  # B- after B- of the same label starts a new span
    ([1, 2, 1], [(0, 2, "c"), (2, 3, "c")]),
    ([3, 3, 4], [(0, 1, "n"), (1, 3, "n")]),
    ([1, 4], [(0, 1, "c")]),  # I- of another label ends the span and is dropped
    ([4, 3], [(1, 2, "n")]),
    ([1, 2, 2, 2], [(0, 4, "c")]),
    ([0, 0, 1], [(2, 3, "c")]),  # a span ending with the text
    ([3, 4, 0, 1, 2], [(0, 2, "n"), (3, 5, "c")]),
])
def test_tags_to_spans_table(tags, spans):
    assert tags_to_spans(tags, ["c", "n"]) == spans


def test_score_spans_per_type_and_micro():
    gold = [[(0, 4, "COMPANY"), (5, 7, "PERSON")], [(0, 2, "LOC")]]
    pred = [[(0, 4, "COMPANY"), (5, 8, "PERSON")], [(0, 2, "LOC"), (3, 5, "ORG")]]
    sc = score_spans(gold, pred)
    assert (sc["COMPANY"].f, sc["LOC"].f, sc["PERSON"].f) == (1.0, 1.0, 0.0)
    assert sc["ORG"].p == 0.0 and sc["ORG"].r == 0.0 and sc["ORG"].f == 0.0  # explicit zero division
    assert (sc["micro"].tp, sc["micro"].n_pred, sc["micro"].n_gold) == (2, 4, 3)
    assert sc["micro"].f == pytest.approx(2 * 2 / 7)


def _fake_tagger(spans_by_head):
    """A NumpyTagger whose heads 'predict' fixed spans, to test how heads are combined."""
    from extract.stages.ner.infer import NumpyTagger
    t = object.__new__(NumpyTagger)
    t.config = {"output_head": "base"}
    t.output_map = {"base": {"company": "COMPANY", "name": "PERSON", "address": "LOC", "scene": None},
                    "zhie": {"PERSON": "PERSON", "LOC": "LOC"}}
    t.predict_heads = lambda texts, heads, batch_chars=0: {h: [spans_by_head[h]] for h in heads}
    return t


def test_head_precedence_by_type():
    base = [(0, 4, "company"), (5, 7, "name"), (8, 12, "address"), (13, 15, "scene")]
    new = [(2, 6, "PERSON"), (8, 10, "LOC"), (16, 18, "PERSON")]
    t = _fake_tagger({"base": base, "zhie": new})
    # head order: the first head wins every overlap
    assert t.entities(["x"], ["zhie", "base"])[0] == [(2, 6, "PERSON"), (8, 10, "LOC"), (16, 18, "PERSON")]
    # type precedence: the new head first only for its own types (PERSON, LOC); the base head keeps
    # its COMPANY (which blocks the new PERSON over it) and fills gaps in the new head's types
    assert t.entities(["x"], ["zhie", "base"], precedence="type")[0] == [
        (0, 4, "COMPANY"), (5, 7, "PERSON"), (8, 10, "LOC"), (16, 18, "PERSON")]
    with pytest.raises(ValueError, match="two heads"):
        t.entities(["x"], ["zhie"], precedence="type")
    with pytest.raises(ValueError, match="precedence"):
        t.entities(["x"], ["zhie", "base"], precedence="other")


# ---------------------------------------------------------------- marginals, padding, the tagger itself
# (added for the mutation run of issue 19: every step of the forward pass, the batching and the
# forward-backward marginals is checked against a direct computation)

def _brute_force_marginals(em, trans, start, end):
    """p(tag_t = k) by enumerating every path of ``em[T, K]`` (float64)."""
    n, k = em.shape
    marg = np.zeros((n, k))
    paths = list(itertools.product(range(k), repeat=n))
    scores = np.array([start[p[0]] + sum(em[j, p[j]] for j in range(n))
                       + sum(trans[p[j - 1], p[j]] for j in range(1, n)) + end[p[-1]] for p in paths], dtype=np.float64)
    prob = np.exp(scores - scores.max())
    prob /= prob.sum()
    for p, q in zip(paths, prob):
        marg[np.arange(n), p] += q
    return marg


@pytest.mark.parametrize("n_labels,lengths", [(1, [4, 1, 3, 2]), (2, [3, 1, 2]), (2, [1, 1]), (1, [2])])
def test_crf_marginals_equal_brute_force(n_labels, lengths):
    from extract.stages.ner.infer import crf_marginals
    rng = np.random.default_rng(10 + n_labels + len(lengths))
    lengths = np.array(lengths)
    k = 2 * n_labels + 1
    tmask, smask = bio_constraints(n_labels)
    trans = rng.normal(size=(k, k)).astype(np.float32) + tmask
    start = rng.normal(size=k).astype(np.float32) + smask
    end = rng.normal(size=k).astype(np.float32)
    em = rng.normal(size=(len(lengths), lengths.max(), k)).astype(np.float32) * 2
    marg = crf_marginals(em, lengths, trans, start, end)
    assert marg.shape == em.shape and marg.dtype == np.float64
    for row, n in enumerate(lengths):
        np.testing.assert_allclose(marg[row, :n], _brute_force_marginals(em[row, :n], trans, start, end),
                                   atol=1e-9, rtol=1e-6)
        assert not marg[row, n:].any(), "rows past the text's length must be zero"
    np.testing.assert_allclose(marg.sum(2), (np.arange(lengths.max())[None, :] < lengths[:, None]).astype(float))


def test_crf_marginals_do_not_overflow():
    """Log space: emissions in the thousands still give probabilities (a plain exp would overflow)."""
    from extract.stages.ner.infer import crf_marginals
    tmask, smask = bio_constraints(1)
    em = np.array([[[2000.0, 0.0, 0.0], [0.0, 0.0, 3000.0]]], dtype=np.float32)  # O then I-: not allowed
    marg = crf_marginals(em, np.array([2]), tmask, smask, np.zeros(3, np.float32))
    np.testing.assert_allclose(marg[0], [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], atol=1e-12)  # B I is the only way


def test_padding_emissions_are_never_read():
    """Whatever the rows past a text's end hold (here: huge scores), marginals and tags stay those of the text."""
    from extract.stages.ner.infer import crf_marginals
    rng = np.random.default_rng(5)
    tmask, smask = bio_constraints(2)
    trans, start, end = rng.normal(size=(5, 5)).astype(np.float32) + tmask, smask, rng.normal(size=5).astype(np.float32)
    lengths = np.array([4, 1, 2])
    em = rng.normal(size=(3, 4, 5)).astype(np.float32)
    loud = em.copy()
    for row, n in enumerate(lengths):
        loud[row, n:] = 5000.0
    marg = crf_marginals(em, lengths, trans, start, end)
    np.testing.assert_array_equal(crf_marginals(loud, lengths, trans, start, end), marg)
    assert np.isfinite(marg).all()
    np.testing.assert_array_equal(viterbi(loud, lengths, trans, start, end), viterbi(em, lengths, trans, start, end))


def test_viterbi_row_of_length_zero_is_all_padding():
    tmask, smask = bio_constraints(1)
    em = np.random.default_rng(0).normal(size=(2, 3, 3)).astype(np.float32)
    em[:, :, 1] += 5  # B- everywhere, also in the empty row's padding
    tags = viterbi(em, np.array([3, 0]), tmask, smask, np.zeros(3, np.float32))
    assert tags.tolist() == [[1, 1, 1], [0, 0, 0]]


MODEL = __import__("pathlib").Path(__file__).resolve().parent.parent / "models" / "default" / "ner"


@pytest.fixture(scope="module")
def shipped():
    """The shipped tagger and its raw weights (numpy only)."""
    from safetensors.numpy import load_file
    from extract.stages.ner.infer import NumpyTagger
    return NumpyTagger.load(MODEL), load_file(str(MODEL / "model.safetensors"))


def _conv(x, w, b, pad, dil=1):
    """torch's Conv1d written out: ``x[T, in]``, ``w[out, in, k]``, zero padding ``pad`` on each side."""
    k = w.shape[2]
    xp = np.concatenate([np.zeros((pad, x.shape[1])), x, np.zeros((pad, x.shape[1]))])
    n = len(xp) - dil * (k - 1)
    out = sum(xp[j * dil:j * dil + n] @ w[:, :, j].T.astype(np.float64) for j in range(k))
    return out if b is None else out + b


def _reference_emissions(tagger, w, text, head):
    """One text's emissions computed the plain way (the architecture of extract.learn.ner.model), float64."""
    cfg, feat = tagger.config, tagger.featurizer
    c, bg = feat.encode(text)
    half = cfg.get("char_kernel", 3) // 2
    z = _conv(w["char_emb.weight"][c].astype(np.float64), w["char_conv.weight"], w["char_conv.bias"], half)
    if cfg.get("use_bigrams", True):
        z = z + _conv(w["bigram_emb.weight"][bg].astype(np.float64), w["bigram_conv.weight"], None, half)
    if "lex_proj.weight" in w:
        z = z + feat.encode_lex(text).astype(np.float64) @ w["lex_proj.weight"].T
    h = np.maximum(z, 0)
    for i, d in enumerate(cfg["dilations"]):
        h = h + np.maximum(_conv(h, w[f"convs.{i}.weight"], w[f"convs.{i}.bias"], d, d), 0)
    return h @ w[f"heads.{head}.weight"].T + w[f"heads.{head}.bias"]


TEXTS = ["腾讯控股有限公司与清华大学签署战略合作协议。", "华为", "一", "",
         "ＡＢＣ科技2025年在上海市成立，雷军出席。", "小米集团创始人雷军宣布了新的投资计划。"]


def test_shipped_config_exercises_every_layer(shipped):
    tagger, w = shipped
    assert tagger.config["char_kernel"] == 5 and tagger.half == 2 and tagger.dilations == [1, 3]
    assert tagger.gap == 3 and tagger.use_bigrams and tagger.w_lex is not None and tagger.hidden == 64
    assert len(tagger.t_char) == 5 and len(tagger.t_bigram) == 6


def test_emissions_equal_a_direct_computation(shipped):
    """Every text of a flat batch gets the emissions it would get alone (zero context at both ends)."""
    tagger, w = shipped
    ems, offs = tagger.emissions(TEXTS, ["zhie", "news"])
    assert set(ems) == {"zhie", "news"} and offs.tolist() == [3, 28, 33, 37, 40, 65]
    for head in ("zhie", "news"):
        assert ems[head].shape == (offs[-1] + len(TEXTS[-1]) + 3, 2 * len(tagger.heads[head]) + 1)
        for text, o in zip(TEXTS, offs):
            np.testing.assert_allclose(ems[head][o:o + len(text)], _reference_emissions(tagger, w, text, head),
                                       atol=2e-4, rtol=1e-4, err_msg=f"{head} {text}")


ZHIE = [[(0, 8, "COMPANY"), (9, 13, "ORG")], [(0, 2, "COMPANY")], [], [],
        [(0, 5, "COMPANY"), (11, 14, "LOC"), (17, 19, "PERSON")], [(0, 4, "COMPANY"), (7, 9, "PERSON")]]


@pytest.mark.parametrize("batch_chars", [1, 3, 25, 20000])
def test_predict_is_the_best_path_of_each_text_alone(shipped, batch_chars):
    """Batches of similar-length texts of about ``batch_chars`` characters: the result never depends on them."""
    from extract.stages.ner.infer import _batch_spans
    tagger, w = shipped
    assert tagger.predict(TEXTS, batch_chars=batch_chars) == ZHIE  # the output head (zhie) by default
    got = tagger.predict_heads(TEXTS, ["news", "cluener"], batch_chars)
    assert list(got) == ["news", "cluener"]
    for head in ("news", "cluener"):
        expected = []
        for text in TEXTS:
            if not text:
                expected.append([])
                continue
            em = _reference_emissions(tagger, w, text, head).astype(np.float32)[None]
            tags = viterbi(em, np.array([len(text)]), *tagger.crf[head])
            expected += _batch_spans(tags, np.array([len(text)]), tagger.heads[head])
        assert got[head] == expected, head
    assert got["news"][4] == [(0, 5, "COMPANY"), (11, 14, "LOC"), (17, 19, "PERSON")]
    assert got["cluener"][5] == [(0, 4, "company"), (4, 7, "position"), (7, 9, "name")]


def test_predict_head_defaults(shipped):
    import copy
    tagger, _ = shipped
    assert tagger.predict(TEXTS[4:5], "news") == [[(0, 5, "COMPANY"), (11, 14, "LOC"), (17, 19, "PERSON")]]
    bare = copy.copy(tagger)
    bare.config = {k: v for k, v in tagger.config.items() if k != "output_head"}
    assert list(bare.heads)[0] == "cluener"  # without output_head: the first head
    assert bare.predict(TEXTS[4:5]) == [[(0, 5, "company"), (11, 14, "address"), (17, 19, "name")]]
    assert bare.entities(TEXTS[4:5]) == [[(0, 5, "COMPANY"), (11, 14, "LOC"), (17, 19, "PERSON")]]
    assert tagger.predict([]) == [] and tagger.predict([""]) == [[]]
    # every text longer than batch_chars: one text per batch, none skipped
    assert tagger.predict(TEXTS[:2], batch_chars=1) == ZHIE[:2]


def test_unknown_heads_are_named(shipped):
    tagger, _ = shipped
    msg = "\"No head 'other' in this model; heads: ['cluener', 'msra', 'news', 'zhie']\""
    for call in (lambda: tagger.predict(["华为"], "other"), lambda: tagger.predict_heads(["华为"], ["zhie", "other"]),
                 lambda: tagger.uncertainty(["华为"], "other")):
        with pytest.raises(KeyError) as err:
            call()
        assert str(err.value) == msg


@pytest.mark.parametrize("batch_chars", [1, 25, 20000])
def test_uncertainty_sums_one_minus_the_best_marginal(shipped, batch_chars):
    from extract.stages.ner.infer import crf_marginals
    tagger, w = shipped
    for head in ("zhie", "news"):
        got = tagger.uncertainty(TEXTS, None if head == "zhie" else head, batch_chars=batch_chars)
        assert len(got) == len(TEXTS) and all(type(u) is float for u in got)
        assert got[3] == 0.0  # the empty text
        for text, u in zip(TEXTS, got):
            if text:
                em = _reference_emissions(tagger, w, text, head)[None]
                marg = crf_marginals(em, np.array([len(text)]), *tagger.crf[head])[0]
                assert u == pytest.approx(float((1 - marg.max(1)).sum()), rel=1e-3, abs=1e-5), (head, text)
    assert tagger.uncertainty(TEXTS, batch_chars=batch_chars) == pytest.approx(
        [0.014416, 0.001309, 0.003522, 0.0, 1.484029, 0.001488], abs=1e-4)  # NER v13p (session 23)


def test_load_needs_the_weights_and_the_lexicon(tmp_path):
    import shutil
    from extract.stages.ner.infer import NumpyTagger, load_featurizer
    with pytest.raises(FileNotFoundError) as err:
        NumpyTagger.load(tmp_path)
    assert str(err.value) == (f"No NER model at {tmp_path}: expected {tmp_path / 'model.safetensors'} "
                              "(a folder written by extract.learn.ner.train.train_ner)")
    for name in ("config.json", "model.safetensors", "vocab.json"):  # no lexicon.npz
        shutil.copy(MODEL / name, tmp_path / name)
    assert load_featurizer(tmp_path).lexicon is None
    with pytest.raises(ValueError) as err:
        NumpyTagger.load(tmp_path)
    assert str(err.value) == "The model expects 18 lexicon features; its lexicon gives 0 (is lexicon.npz missing?)"
    feat = load_featurizer(MODEL)
    assert feat.n_lex == 18 and len(feat.chars) == 6441  # v13p: its vocabulary also read the pseudo-labelled texts


class _Tensor:
    """Just what from_torch_state calls on a torch tensor."""

    def __init__(self, a):
        self.a = a

    def detach(self):
        return self

    def float(self):
        return _Tensor(self.a.astype(np.float32))

    def cpu(self):
        return self

    def numpy(self):
        return self.a


def _tiny(use_bigrams, dilations=(1, 2), kernel=None, seed=0):
    """A random tagger with no lexicon (char kernel 3 unless given), built the way training builds one."""
    from extract.stages.ner.features import Featurizer
    from extract.stages.ner.infer import NumpyTagger
    rng = np.random.default_rng(seed)
    feat = Featurizer.build(["甲乙丙丁公司在北京", "乙丙公司"], min_char=1, min_bigram=1)
    kc, hd, labs = kernel or 3, 6, {"a": ["X", "Y"]}
    w = {"char_emb.weight": rng.normal(size=(feat.n_chars, 4)), "char_conv.weight": rng.normal(size=(hd, 4, kc)),
         "char_conv.bias": rng.normal(size=hd), "heads.a.weight": rng.normal(size=(5, hd)),
         "heads.a.bias": rng.normal(size=5), "crf.a.trans": rng.normal(size=(5, 5)),
         "crf.a.start": rng.normal(size=5), "crf.a.end": rng.normal(size=5)}
    w["char_emb.weight"][0] = 0
    if use_bigrams:
        w["bigram_emb.weight"] = rng.normal(size=(feat.n_bigrams, 3))
        w["bigram_emb.weight"][0] = 0
        w["bigram_conv.weight"] = rng.normal(size=(hd, 3, kc + 1))
    for i, _ in enumerate(dilations):
        w[f"convs.{i}.weight"] = rng.normal(size=(hd, hd, 3)) * 0.5
        w[f"convs.{i}.bias"] = rng.normal(size=hd)
    config = {"heads": labs, "dilations": list(dilations), "output_map": {"a": {"X": "COMPANY", "Y": None}}}
    if not use_bigrams:  # bigrams are on by default
        config["use_bigrams"] = False
    if kernel:
        config["char_kernel"] = kernel
    tagger = NumpyTagger.from_torch_state(config, {k: _Tensor(v) for k, v in w.items()}, feat)
    return tagger, w


@pytest.mark.parametrize("use_bigrams,dilations,kernel", [
    (False, (1, 2), None), (True, (1, 2), None), (True, (4,), 5), (True, (1,), 7)])
def test_small_models_equal_a_direct_computation(use_bigrams, dilations, kernel):
    """Other shapes than the shipped model's: no bigrams, the default char kernel (3), a dilation wider than
    the kernel, a kernel wider than every dilation."""
    tagger, w = _tiny(use_bigrams, dilations, kernel)
    assert (tagger.t_bigram is None) == (not use_bigrams) and tagger.w_lex is None
    assert len(tagger.t_char) == (kernel or 3) and tagger.half == (kernel or 3) // 2
    assert tagger.gap == max(list(dilations) + [2, (kernel or 3) // 2 + 1])
    assert all(v.dtype == np.float32 for v in tagger.crf["a"])
    texts = ["甲乙丙丁公司在北京", "乙", "丙公司", "北京甲乙", "公司公司公司在甲乙丙丁"]
    ems, offs = tagger.emissions(texts, ["a"])
    for text, o in zip(texts, offs):
        np.testing.assert_allclose(ems["a"][o:o + len(text)], _reference_emissions(tagger, w, text, "a"),
                                   atol=1e-3, rtol=1e-4, err_msg=text)


def test_entities_defaults_and_messages(shipped):
    tagger, _ = shipped
    assert tagger.entities(TEXTS) == ZHIE  # the output head (zhie maps every label to itself)
    base = [(0, 4, "company"), (5, 7, "name"), (8, 12, "address"), (13, 15, "scene")]
    t = _fake_tagger({"base": base, "zhie": [(2, 6, "PERSON"), (16, 18, "PERSON")], "other": [(0, 2, "X")]})
    assert t.entities(["x"]) == [[(0, 4, "COMPANY"), (5, 7, "PERSON"), (8, 12, "LOC")]]  # scene maps to None
    assert t.entities(["x"], ["other"]) == [[]]  # a head without an output map gives nothing
    assert t.entities(["x"], ["base", "zhie"]) == [[(0, 4, "COMPANY"), (5, 7, "PERSON"), (8, 12, "LOC"),
                                                    (16, 18, "PERSON")]]
    # spans that only touch do not overlap: the later head's are added
    t = _fake_tagger({"base": base, "zhie": [(4, 5, "LOC"), (12, 13, "PERSON"), (11, 13, "LOC")]})
    assert t.entities(["x"], ["base", "zhie"]) == [[(0, 4, "COMPANY"), (4, 5, "LOC"), (5, 7, "PERSON"),
                                                    (8, 12, "LOC"), (12, 13, "PERSON")]]
    for heads, precedence, msg in [
            (["zhie"], "type", "precedence='type' needs exactly two heads (fine-tuned, base), got ['zhie']"),
            (["zhie", "base", "other"], "type",
             "precedence='type' needs exactly two heads (fine-tuned, base), got ['zhie', 'base', 'other']"),
            (["zhie", "base"], "other", "precedence must be 'head' or 'type', not 'other'")]:
        with pytest.raises(ValueError) as err:
            t.entities(["x"], heads, precedence=precedence)
        assert str(err.value) == msg


def _scaled(tagger, factor):
    """A copy of ``tagger`` whose head weights and CRF scores are multiplied by ``factor`` (emissions and
    CRF scale together, so its own best paths stay the same)."""
    import copy
    t = copy.copy(tagger)
    t.head_w = {h: (w * factor, b * factor) for h, (w, b) in tagger.head_w.items()}
    t.crf = {h: tuple(x * factor for x in c) for h, c in tagger.crf.items()}
    return t


def test_ensemble_averages_emissions_and_crf(shipped):
    from extract.stages.ner.infer import EnsembleTagger
    tagger, _ = shipped
    ens = EnsembleTagger([tagger, _scaled(tagger, 3.0)])
    ems, offs = ens.emissions(TEXTS, ["zhie"])
    own, own_offs = tagger.emissions(TEXTS, ["zhie"])
    assert offs.tolist() == own_offs.tolist()
    assert np.allclose(ems["zhie"], 2.0 * own["zhie"], atol=1e-3)  # (1 + 3) / 2
    for a, b in zip(ens.crf["zhie"], tagger.crf["zhie"]):
        assert np.allclose(a, 2.0 * b)
    # everything scaled by 2: the same best paths, so the same entities as the lone tagger
    assert ens.entities(TEXTS) == tagger.entities(TEXTS)


def test_ensemble_of_one_folder_is_the_tagger_itself():
    from extract.stages.ner.infer import EnsembleTagger, NumpyTagger
    assert type(EnsembleTagger.load_all([MODEL])) is NumpyTagger


def test_ensemble_members_must_share_heads(shipped):
    import copy
    from extract.stages.ner.infer import EnsembleTagger
    tagger, _ = shipped
    other = copy.copy(tagger)
    other.heads = {"zhie": ["COMPANY"]}
    with pytest.raises(ValueError, match="heads"):
        EnsembleTagger([tagger, other])


def test_pipeline_ensemble_setting_resolves_folders_against_the_model():
    """``"ensemble": ["ner"]`` in the model's config: the folder is found beside config.json, and the shipped
    tagger averaged with itself finds exactly what it finds alone."""
    from extract.pipeline import load
    from extract.stages.ner.infer import EnsembleTagger
    alone = load(exclude=()).get_pipe("ner")
    pair = load(ner={"ensemble": ["ner"]}).get_pipe("ner")
    assert isinstance(pair.tagger, EnsembleTagger) and len(pair.tagger.members) == 2
    assert pair.tagger.entities(TEXTS) == alone.tagger.entities(TEXTS)


def test_ensemble_reads_a_shared_lexicon_once_with_the_same_result(shipped):
    from extract.stages.ner.infer import EnsembleTagger
    tagger, _ = shipped
    ens = EnsembleTagger([tagger, _scaled(tagger, 3.0)])
    assert ens.shared_lex  # one featurizer: the same lexicon features
    shared, _ = ens.emissions(TEXTS, ["zhie"])
    ens.shared_lex = False
    apart, _ = ens.emissions(TEXTS, ["zhie"])
    assert np.array_equal(shared["zhie"], apart["zhie"])
