"""Masked-character pretraining of the NER encoder: the masks, the learning, and fine-tuning from its output."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")

from extract.learn.ner.pretrain import mask_batch, pretrain  # noqa: E402
from extract.learn.ner.train import train_ner  # noqa: E402
from extract.stages.ner.features import UNK  # noqa: E402

TINY = {"corpora": [], "model": {"char_dim": 16, "bigram_dim": 8, "hidden": 16, "dilations": [1, 2], "char_kernel": 5},
        "vocab": {"min_char": 1, "min_bigram": 1},
        "lexicon": {"company": ["pkg:gazetteer/companies.tsv"], "place": ["pkg:gazetteer/divisions.tsv"]}}
TEXTS = ["上海澜起科技股份有限公司今日宣布完成新一轮融资。", "深创投和经纬创投参与了沐曦集成电路的B轮融资。",
         "李华表示，苏州工业园区将继续支持生物医药产业。", "工业和信息化部发布了第六批专精特新小巨人企业名单。"] * 40


def test_masks_hide_spans_and_every_bigram_that_would_give_them_away():
    rng = np.random.default_rng(0)
    chars = rng.integers(2, 500, size=(64, 120))
    chars[:, 100:] = 0  # padding
    bigrams = rng.integers(2, 900, size=(64, 121))
    bigrams[:, 101:] = 0
    ci, bi, tg = mask_batch(chars, bigrams, 500, rng, mask_p=0.15, max_span=3)
    hidden = tg >= 0
    assert 0.12 < hidden[:, :100].mean() < 0.18
    assert not hidden[:, 100:].any() and (ci[:, 100:] == 0).all() and (bi[:, 101:] == 0).all()
    np.testing.assert_array_equal(tg[hidden], chars[hidden])
    assert (ci[~hidden] == chars[~hidden]).all()  # only hidden characters change
    replaced = hidden & (ci != chars)
    assert 0.85 < replaced.sum() / hidden.sum() < 0.95  # 80 % unknown + 10 % random (rarely the same id)
    assert 0.75 < (ci[hidden] == UNK).mean() < 0.85
    t, i = np.nonzero(replaced)
    assert (bi[t, i] == UNK).all() and (bi[t, i + 1] == UNK).all()  # bigrams (i-1, i) and (i, i+1)
    # spans: some hidden runs are longer than one character
    runs = np.diff(np.concatenate([np.zeros((64, 1)), hidden, np.zeros((64, 1))], axis=1).astype(int), axis=1)
    lengths = np.nonzero(runs == -1)[1] - np.nonzero(runs == 1)[1]
    assert lengths.max() >= 2


def test_pretraining_learns_and_fine_tuning_starts_from_it(tmp_path):
    summary = pretrain(TINY, tmp_path / "pt", TEXTS, epochs=40,
                       settings={"batch_size": 8, "threads": 1, "lr": 0.01, "warmup": 5}, log=lambda *a: None)
    hist = summary["final"]
    import json
    meta = json.loads((tmp_path / "pt" / "model" / "meta.json").read_text())
    assert meta["history"][0]["dev_loss"] > hist["dev_loss"] + 1.0  # the cloze is learned on this repetitive text
    assert (tmp_path / "pt" / "model" / "lexicon.npz").is_file()

    from extract.learn.ner.model import CharCNNForNER
    base = CharCNNForNER.from_pretrained(tmp_path / "pt" / "model")
    assert base.config.heads == {}
    ex = [("上海澜起科技股份有限公司今日宣布完成新一轮融资。", [(0, 12, "COMPANY")])]
    cfg = {"corpora": [], "training": {"epochs": 1, "batch_size": 2, "threads": 1, "warmup": 1, "lr": 0.0}}
    train_ner(cfg, tmp_path / "ft", seed=1, extra_examples=ex, base=tmp_path / "pt" / "model", progress=False,
              log=lambda *a: None)
    ft = CharCNNForNER.from_pretrained(tmp_path / "ft" / "model-last")
    for name in ("char_emb.weight", "bigram_emb.weight", "char_conv.weight", "convs.1.weight"):
        torch.testing.assert_close(ft.state_dict()[name], base.state_dict()[name])  # lr 0: the encoder as pretrained
    assert set(ft.config.heads) == {"zhie"}
