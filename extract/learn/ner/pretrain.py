"""Masked-character pretraining of the char-CNN NER encoder on raw text (issue 12, item 2).

    python -m extract.learn.ner.pretrain CONFIG OUT_DIR --text FILE [FILE ...] [--epochs 1] [--seed 13]
    python -m extract.learn.ner.train CONFIG NER_OUT --base OUT_DIR/model      # then fine-tune from it

There are no pretrained Chinese weights to download, so the encoder (character and bigram embeddings, their
convolutions and the dilated stack: everything but the lexicon projection, the heads and the CRFs) learns
from unlabelled text first. The task is a cloze: spans of 1–3 characters (15 % of the characters) are hidden
and predicted from the characters around them, which is what the tagger later reads too. Of the hidden
characters 80 % become the unknown id, 10 % a random character and 10 % stay (as in BERT); every bigram that
touches a replaced character becomes unknown, since a bigram would give the character away. Lexicon features
are all zero here (a lexicon word over a hidden character would give it away as well); the projection learns
in fine-tuning.

The vocabularies and the lexicon are built from CONFIG's corpora exactly as ``extract.learn.ner.train`` builds
them (from the raw text itself when CONFIG lists no corpora), so ``OUT_DIR/model`` is an ordinary model folder (no heads) that ``train --base`` starts from. A random
1 % of the lines is held out and its masked-character loss and accuracy are logged (``OUT_DIR/log.jsonl``).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import List

import numpy as np

from extract.config import apply_overrides
from extract.stages.ner.features import UNK

PRETRAIN_DEFAULTS = {"batch_size": 64, "lr": 0.002, "max_len": 150, "mask_p": 0.15, "max_span": 3,
                     "warmup": 300, "weight_decay": 0.01, "threads": 2, "grad_clip": 5.0}


def read_lines(paths: List[str], min_chars: int = 8) -> List[str]:
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if len(line) >= min_chars:
                    out.append(line)
    return out


def mask_batch(chars: np.ndarray, bigrams: np.ndarray, n_chars: int, rng: np.random.Generator, mask_p: float,
               max_span: int):
    """``(chars_in, bigrams_in, targets)``: targets hold the hidden characters' ids and -100 elsewhere."""
    real = chars > 0
    mean_span = (1 + max_span) / 2
    starts = (rng.random(chars.shape) < mask_p / mean_span) & real
    length = rng.integers(1, max_span + 1, size=chars.shape)
    hidden = np.zeros_like(real)
    for k in range(max_span):
        shifted = np.zeros_like(real)
        shifted[:, k:] = (starts & (length > k))[:, :chars.shape[1] - k]
        hidden |= shifted
    hidden &= real
    targets = np.where(hidden & (chars != UNK), chars, -100)
    roll = rng.random(chars.shape)
    to_unk = hidden & (roll < 0.8)
    to_rand = hidden & (roll >= 0.8) & (roll < 0.9)
    chars_in = chars.copy()
    chars_in[to_unk] = UNK
    chars_in[to_rand] = rng.integers(2, n_chars, size=int(to_rand.sum()))
    replaced = to_unk | to_rand
    bigrams_in = bigrams.copy()
    touch = np.zeros(bigrams.shape, dtype=bool)  # bigram i = (char i-1, char i)
    touch[:, :-1] |= replaced
    touch[:, 1:] |= replaced
    bigrams_in[touch & (bigrams > 0)] = UNK
    return chars_in, bigrams_in, targets


def pretrain(config: dict, out_dir, texts: List[str], epochs: float = 1.0, seed: int = 13, settings=None,
             max_minutes: float = 0.0, log=print) -> dict:
    import torch
    from torch import nn

    from extract.learn.ner.model import CharCNNConfig, CharCNNForNER
    from extract.learn.ner.train import _merged, _save_atomic, corpus_examples, new_featurizer

    st = {**PRETRAIN_DEFAULTS, **(settings or {})}
    cfg = _merged(config, has_extra=True)  # the raw text is what it learns from; corpora are optional
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(int(st["threads"]))
    rng = np.random.default_rng(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    corpus_texts = [t for c in cfg["corpora"] if not c.get("into_extra") for t, _ in corpus_examples(c, seed)]
    feat = new_featurizer(cfg, corpus_texts or texts, log)  # no corpora in the config: the raw text's own
    cfg["model"]["n_lex"] = feat.n_lex
    max_len = int(st["max_len"])
    items = []
    for line in texts:
        for i in range(0, len(line), max_len):
            piece = line[i:i + max_len]
            if len(piece) >= 4:
                c, b = feat.encode(piece)
                items.append((c.astype(np.int32), b.astype(np.int32)))
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    n_dev = max(1, len(items) // 100)
    dev = [items[i] for i in order[:n_dev]]
    train = [items[i] for i in order[n_dev:]]
    n_train_chars = sum(len(c) for c, _ in train)
    log(f"[pretrain] {len(train)} pieces, {n_train_chars} characters to learn from, {len(dev)} held out; "
        f"chars {feat.n_chars}, bigrams {feat.n_bigrams}, lexicon features {feat.n_lex}; "
        f"data ready in {time.time() - t0:.0f}s")

    mconf = CharCNNConfig(n_chars=feat.n_chars, n_bigrams=feat.n_bigrams, heads={}, output_map={}, output_head=None,
                          **{k: v for k, v in cfg["model"].items() if k not in ("n_chars", "n_bigrams")})
    model = CharCNNForNER(mconf)
    out = nn.Linear(mconf.hidden, feat.n_chars)
    params = [p for n, p in model.named_parameters() if not n.startswith("lex_proj")] + list(out.parameters())
    opt = torch.optim.AdamW(params, lr=st["lr"], weight_decay=st["weight_decay"])
    bs = int(st["batch_size"])
    steps_per_epoch = math.ceil(len(train) / bs)
    total = max(1, int(epochs * steps_per_epoch))
    warm = min(int(st["warmup"]), max(1, total // 10))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.05, 1 - s / total))
    ce = nn.CrossEntropyLoss(ignore_index=-100)

    def batches(pool, shuffle):
        idx = list(range(len(pool)))
        if shuffle:
            rng.shuffle(idx)
        # length-sorted within pools of 50 batches (less padding), batches shuffled
        out_b = []
        for i in range(0, len(idx), bs * 50):
            chunk = sorted(idx[i:i + bs * 50], key=lambda j: len(pool[j][0]))
            out_b += [chunk[j:j + bs] for j in range(0, len(chunk), bs)]
        if shuffle:
            rng.shuffle(out_b)
        return out_b

    def tensors(pool, b, r):
        t_max = max(len(pool[j][0]) for j in b)
        chars = np.zeros((len(b), t_max), dtype=np.int64)
        bigrams = np.zeros((len(b), t_max + 1), dtype=np.int64)
        for i, j in enumerate(b):
            c, g = pool[j]
            chars[i, :len(c)] = c
            bigrams[i, :len(g)] = g
        ci, bi, tg = mask_batch(chars, bigrams, feat.n_chars, r, float(st["mask_p"]), int(st["max_span"]))
        lex = torch.zeros((len(b), t_max, feat.n_lex)) if feat.n_lex else None
        return torch.from_numpy(ci), torch.from_numpy(bi), torch.from_numpy(tg), lex

    def step_loss(ci, bi, tg, lex):
        h = model.encode(ci, bi, lex)
        sel = tg >= 0
        logits = out(model.drop(h[sel]))
        return ce(logits, tg[sel]), logits, tg[sel]

    def evaluate():
        model.eval()
        out.eval()
        r = np.random.default_rng(seed + 99)  # the same masks every time
        loss_sum = n = hit = 0
        with torch.no_grad():
            for b in batches(dev, False):
                loss, logits, tg = step_loss(*tensors(dev, b, r))
                loss_sum += float(loss) * len(tg)
                hit += int((logits.argmax(1) == tg).sum())
                n += len(tg)
        model.train()
        out.train()
        return {"dev_loss": round(loss_sum / max(n, 1), 4), "dev_acc": round(hit / max(n, 1), 4)}

    history = [{"step": 0, **evaluate()}]
    log(f"[pretrain] {json.dumps(history[-1])}")
    step, loss_sum, n = 0, 0.0, 0
    deadline = t0 + max_minutes * 60 if max_minutes else None
    model.train()
    stop = False
    while step < total and not stop:
        for b in batches(train, True):
            ci, bi, tg, lex = tensors(train, b, rng)
            loss, _, _ = step_loss(ci, bi, tg, lex)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, st["grad_clip"])
            opt.step()
            sched.step()
            step += 1
            loss_sum += float(loss.detach())
            n += 1
            if step % 500 == 0 or step >= total:
                rec = {"step": step, "epoch": round(step / steps_per_epoch, 3), "loss": round(loss_sum / n, 4),
                       "seconds": round(time.time() - t0, 1), **evaluate()}
                history.append(rec)
                loss_sum, n = 0.0, 0
                log(f"[pretrain] {json.dumps(rec)}")
                with open(out_dir / "log.jsonl", "a", encoding="utf-8") as f:
                    f.write(json.dumps(rec) + "\n")
            if step >= total or (deadline and time.time() > deadline):
                stop = True
                break
    if not history or history[-1]["step"] != step:
        history.append({"step": step, "epoch": round(step / steps_per_epoch, 3), "seconds": round(time.time() - t0, 1),
                        **evaluate()})
    meta = {"pretraining": "masked characters (extract.learn.ner.pretrain)", "config": cfg, "settings": st,
            "seed": seed, "epochs": epochs, "steps": step, "train_pieces": len(train),
            "train_characters": n_train_chars, "history": history}
    _save_atomic(model, feat, out_dir / "model", meta)
    summary = {"steps": step, "seconds": round(time.time() - t0, 1), "final": history[-1],
               "model": str(out_dir / "model")}
    with open(out_dir / "summary.json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Masked-character pretraining of the NER encoder")
    ap.add_argument("config", help="the NER training config whose corpora define the vocabularies and lexicon")
    ap.add_argument("out_dir")
    ap.add_argument("--text", nargs="+", required=True, help="raw text files, one paragraph per line")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-minutes", type=float, default=0.0, help="stop (and save) after this long; 0 = no limit")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help=f"override a pretraining setting ({', '.join(PRETRAIN_DEFAULTS)})")
    args = ap.parse_args(argv)
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    settings: dict = {}
    apply_overrides({"s": settings}, [f"s.{s}" for s in args.set])
    texts = read_lines(args.text)
    summary = pretrain(config, args.out_dir, texts, epochs=args.epochs, seed=args.seed, settings=settings,
                       max_minutes=args.max_minutes)
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
