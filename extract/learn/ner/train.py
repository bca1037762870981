"""Train the char-CNN-CRF tagger from a JSON training config (``evaluation/ner/*.json``).

::

    nice -n 5 python -m extract.learn.ner.train evaluation/ner/default.json runs/ner-default

or from Python ``train_ner(config, out_dir, seed=13, extra_examples=[...], base=None)``.
Writes ``out_dir/model-best`` (best on the dev split) and ``out_dir/model-last``,
each atomically (a temp folder, then ``os.replace``), plus ``out_dir/log.jsonl``.

Config keys (all optional except ``corpora``)::

    {"corpora": [{"corpus": "cluener", "split": "train", "head": "cluener", "repeat": 1},
                 {"corpus": "msra", "split": "train", "head": "msra", "sample": 0.5}],
     "dev": {"corpus": "cluener", "split": "dev", "head": "cluener"},
     "output_head": "cluener",
     "model": {"char_dim": 100, "bigram_dim": 50, "use_bigrams": true, "hidden": 128,
               "dilations": [1, 2, 1], "emb_dropout": 0.3, "dropout": 0.2},
     "vocab": {"min_char": 2, "min_bigram": 2, "max_bigrams": 100000},
     "training": {"epochs": 10, "batch_size": 32, "lr": 0.002, "max_len": 200, "threads": 2,
                  "unk_p": 0.02, "patience": 4, "grad_clip": 5.0, "extra_head": "zhie",
                  "extra_repeat": 1, "extra_max_chars": null, "freeze": [], "l2sp": 0.0,
                  "init_extra_from": null}}

Each corpus trains its own head (labels = that corpus's label set), or, with
``"into_extra": true``, the extra head: its labels are then mapped to ZhIE types through
``label_map.json`` and only the extra head's types are kept (rehearsal for a fine-tuned head);
``"match_extra": r`` then draws (after ``sample``/``limit``) as many characters of it as ``r`` times the
characters of the extra examples seen per epoch, so the rehearsal keeps its weight however much
the user annotated. Extra examples
(``(text, [(start, end, ZhIE type), ...])``) train the head ``training.extra_head``
(created with the ZhIE types found there if missing; its output map is the identity).
With ``base``, the vocabulary and weights of a saved model are the starting point.

Conservative fine-tuning knobs (``training``):

* ``freeze``: parts that keep the base weights exactly (no gradient, not in the optimizer):
  ``"embeddings"`` (char and bigram tables), ``"encoder"`` (embeddings + all convolutions),
  ``"encoder_lower"`` (the encoder except its top dilated layer), ``"heads"`` (every head and CRF the
  base model already had; needs ``base``). A corpus whose head and encoder path are all frozen is
  not trained on at all (its rehearsal could not change anything), which also saves its time.
* ``extra_max_chars``: cap ``extra_repeat`` so that at most this many characters of the extra
  examples are seen per epoch (at least one copy): bounds the fine-tune time on many long documents.
* ``l2sp``: weight of an L2 pull of every trainable parameter toward its starting value
  (L2-SP, Li et al. 2018): ``l2sp * sum((w - w0) ** 2)`` added to each batch loss.
* ``init_extra_from``: a base head (e.g. ``"cluener"``) whose output rows start the new
  ``extra_head``: each ZhIE type's B/I emission rows are the mean of the rows of the base labels
  that map to it (``output_map``), and its CRF scores are copied from the first such label. The new head
  then starts out tagging like the base head, and training moves it toward the user's annotations.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Sequence

import numpy as np

from extract.learn.ner.data import (CORPUS_LABELS, Example, chunk_example, is_partial, load_corpus, load_label_map,
                                    mention_table, read_zhie_gold, spans_to_bio, swap_mentions)
from extract.stages.ner.features import UNK, Featurizer
from extract.stages.ner.infer import VOCAB_NAME, NumpyTagger, load_featurizer
from extract.stages.ner.lexicon import LEXICON_NAME
from extract.learn.ner.score import map_spans, score_spans
from extract.config import apply_overrides
from extract.io.fsutil import replace_dir

DEFAULTS = {
    "model": {"char_dim": 100, "bigram_dim": 50, "use_bigrams": True, "hidden": 128, "dilations": [1, 2, 1],
              "emb_dropout": 0.3, "dropout": 0.2},
    "vocab": {"min_char": 2, "min_bigram": 2, "max_bigrams": 100000},
    "training": {"epochs": 10, "batch_size": 32, "lr": 0.002, "max_len": 200, "threads": 2, "unk_p": 0.02,
                 "patience": 4, "grad_clip": 5.0, "extra_head": "zhie", "extra_repeat": 1, "warmup": 200,
                 "max_steps": None, "freeze": [], "l2sp": 0.0, "init_extra_from": None, "extra_max_chars": None},
}


def _merged(config: dict, has_extra: bool = False) -> dict:
    cfg = json.loads(json.dumps(config))
    for sec, vals in DEFAULTS.items():
        cfg[sec] = {**vals, **cfg.get(sec, {})}
    cfg.setdefault("corpora", [])
    if not cfg["corpora"] and not has_extra:
        raise ValueError("Nothing to train on: give the config 'corpora': [{'corpus': 'cluener', 'split': 'train', "
                         "'head': 'cluener'}, ...] or pass extra_examples")
    return cfg


def _head_labels(name: str, corpus: Optional[str]) -> List[str]:
    if corpus in CORPUS_LABELS:
        return list(CORPUS_LABELS[corpus])
    raise ValueError(f"Head {name!r}: unknown corpus {corpus!r}; known: {sorted(CORPUS_LABELS)}")


def _save_atomic(model, featurizer: Featurizer, dest: Path, extra: Optional[dict] = None) -> None:
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    model.save_pretrained(tmp, safe_serialization=True)
    with open(tmp / VOCAB_NAME, "w", encoding="utf-8") as f:
        json.dump(featurizer.to_dict(), f, ensure_ascii=False)
    if featurizer.lexicon is not None:
        featurizer.lexicon.save(tmp / LEXICON_NAME)
    with open(tmp / "labels.json", "w", encoding="utf-8") as f:
        json.dump({"heads": model.config.heads, "output_map": model.config.output_map,
                   "output_head": model.config.output_head}, f, ensure_ascii=False, indent=1)
    if extra:
        with open(tmp / "meta.json", "w", encoding="utf-8") as f:
            json.dump(extra, f, ensure_ascii=False, indent=1)
    os.chmod(tmp, 0o755)
    for f in tmp.iterdir():
        os.chmod(f, 0o644)
    replace_dir(tmp, dest)


def _batches(items: list, batch_size: int, rng: random.Random) -> List[list]:
    """Shuffle, sort by length within pools of 50 batches, cut into batches, shuffle the batches."""
    items = list(items)
    rng.shuffle(items)
    pool = batch_size * 50
    out = []
    for i in range(0, len(items), pool):
        chunk = sorted(items[i:i + pool], key=lambda x: len(x[1]))
        out += [chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(out)
    return out


def _collate(batch, unk_p: float, rng: np.random.Generator):
    """Padded ``(chars, bigrams, tags, lex)`` tensors of a batch of ``(head, chars, bigrams, tags[, lex])``
    items; ``lex`` is None when the items have no lexicon features."""
    import torch

    t_max = max(len(it[1]) for it in batch)
    chars = np.zeros((len(batch), t_max), dtype=np.int64)
    bigrams = np.zeros((len(batch), t_max + 1), dtype=np.int64)
    tags = np.zeros((len(batch), t_max), dtype=np.int64)
    has_lex = len(batch[0]) > 4 and batch[0][4] is not None
    lex = np.zeros((len(batch), t_max, batch[0][4].shape[1]), dtype=np.uint8) if has_lex else None
    for i, it in enumerate(batch):
        c, b, t = it[1], it[2], it[3]
        chars[i, :len(c)] = c
        bigrams[i, :len(b)] = b
        tags[i, :len(t)] = t
        if has_lex:
            lex[i, :len(c)] = it[4]
    if unk_p > 0:  # word dropout: teach the UNK rows
        chars[(rng.random(chars.shape) < unk_p) & (chars > 0)] = UNK
        bigrams[(rng.random(bigrams.shape) < unk_p) & (bigrams > 0)] = UNK
    return (torch.from_numpy(chars), torch.from_numpy(bigrams), torch.from_numpy(tags),
            torch.from_numpy(lex) if has_lex else None)


def evaluate_tagger(tagger: NumpyTagger, examples: Sequence[Example], head: str, mapped: bool = True) -> dict:
    """Scores of ``head`` on ``examples`` (gold in the head's labels): native labels, and mapped to ZhIE types."""
    texts = [t for t, _ in examples]
    pred = tagger.predict(texts, head=head)
    gold = [sp for _, sp in examples]
    out = {"native": {k: v.to_dict() for k, v in score_spans(gold, pred).items()}}
    m = tagger.output_map.get(head)
    if mapped and m:
        out["mapped"] = {k: v.to_dict() for k, v in
                         score_spans([map_spans(g, m) for g in gold], [map_spans(p, m) for p in pred]).items()}
    return out


FREEZE_PARTS = ("embeddings", "encoder", "encoder_lower", "heads")


def _frozen_names(model, parts: Sequence[str], base_heads: Sequence[str]) -> set:
    """Parameter names that ``training.freeze`` keeps at their starting values."""
    unknown = set(parts) - set(FREEZE_PARTS)
    if unknown:
        raise ValueError(f"training.freeze: unknown part(s) {sorted(unknown)}; known: {list(FREEZE_PARTS)}")
    if "heads" in parts and not base_heads:
        raise ValueError("training.freeze: 'heads' means the base model's heads; it needs a base model")
    top = f"convs.{len(model.convs) - 1}."
    out = set()
    for name, _ in model.named_parameters():
        emb = name.startswith(("char_emb.", "bigram_emb.", "lex_proj."))
        enc = emb or name.startswith(("char_conv.", "bigram_conv.", "convs."))
        head = name.split(".")[1] if name.startswith(("heads.", "crf.")) else None
        if (("embeddings" in parts and emb) or ("encoder" in parts and enc)
                or ("encoder_lower" in parts and enc and not name.startswith(top))
                or ("heads" in parts and head in base_heads)):
            out.add(name)
    return out


def _init_head_from(model, new: str, src: str, output_map: dict) -> List[str]:
    """Start head ``new`` (labels = ZhIE types) from head ``src`` mapped through ``output_map[src]``.

    Returns the types that had a source label (the others keep their fresh initialisation).
    """
    import torch

    heads = model.config.heads
    if src not in heads:
        raise ValueError(f"training.init_extra_from: no head {src!r}; heads: {sorted(heads)}")
    m = output_map.get(src, {})
    src_labels, new_labels = heads[src], heads[new]
    lin_s, lin_n = model.heads[src], model.heads[new]
    crf_s, crf_n = model.crf[src], model.crf[new]
    tag_map = {0: 0}  # new tag id -> source tag id (for the CRF scores)
    done = []
    with torch.no_grad():
        lin_n.weight[0] = lin_s.weight[0]
        lin_n.bias[0] = lin_s.bias[0]
        for j, typ in enumerate(new_labels):
            srcs = [i for i, lab in enumerate(src_labels) if m.get(lab) == typ]
            if not srcs:
                continue
            for off in (1, 2):
                rows = [2 * i + off for i in srcs]
                lin_n.weight[2 * j + off] = lin_s.weight[rows].mean(0)
                lin_n.bias[2 * j + off] = lin_s.bias[rows].mean(0)
                tag_map[2 * j + off] = 2 * srcs[0] + off
            done.append(typ)
        for a, sa in tag_map.items():
            crf_n.start[a] = crf_s.start[sa]
            crf_n.end[a] = crf_s.end[sa]
            for b, sb in tag_map.items():
                crf_n.trans[a, b] = crf_s.trans[sa, sb]
    return done


def pseudo_path(spec: dict) -> Path:
    """The file of a ``pseudo`` corpus entry: its ``path``, or with ``exclude_fold`` [k, K] its ``fold_path`` with
    ``{k}`` filled in (the labels of a teacher that never saw fold k's documents)."""
    if spec.get("exclude_fold"):
        if not spec.get("fold_path"):
            raise ValueError("a pseudo corpus entry needs 'fold_path' when cross-fitted")
        path = Path(str(spec["fold_path"]).format(k=spec["exclude_fold"][0])).expanduser()
    else:
        if not spec.get("path"):
            raise ValueError("a pseudo corpus entry needs 'path'")
        path = Path(spec["path"]).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run evaluation/ner/pseudo_label.py")
    return path


def corpus_examples(spec: dict, seed: int) -> List[Example]:
    """The examples one ``corpora`` entry of a training config gives (its ``sample`` drawn with ``seed``)."""
    fold = {"exclude_fold": spec["exclude_fold"]} if spec.get("exclude_fold") else {}  # cross-fitting (crossfit_ner.py)
    if spec["corpus"] == "pseudo":  # texts labelled by a teacher model (evaluation/ner/pseudo_label.py)
        ex = read_zhie_gold(pseudo_path(spec))
    else:
        ex = load_corpus(spec["corpus"], spec.get("split", "train"), **fold)
    if spec.get("sample", 1.0) < 1.0:
        ex = random.Random(seed + 1).sample(ex, round(len(ex) * spec["sample"]))
    if spec.get("limit"):
        ex = ex[:int(spec["limit"])]
    return ex


def new_featurizer(cfg: dict, texts, log=print) -> Featurizer:
    """Vocabularies built from ``texts`` by ``cfg["vocab"]``, with the lexicon of ``cfg["lexicon"]`` if any."""
    vc = cfg["vocab"]
    feat = Featurizer.build(texts, vc["min_char"], vc["min_bigram"], vc["max_bigrams"])
    if cfg.get("lexicon"):  # word lists → per-character B/M/E features (SoftLexicon style)
        from extract.learn.ner.lexicons import build_lexicon
        feat.lexicon = build_lexicon(cfg["lexicon"], feat._tables()[0], log=log)
    return feat


def train_ner(config: dict, out_dir, seed: int = 13, extra_examples: Optional[Sequence[Example]] = None,
              base=None, progress: bool = True, log=print) -> dict:
    """Train; returns a summary dict (best dev score, epochs, seconds, paths)."""
    import torch
    from tqdm.auto import tqdm

    from extract.learn.ner.model import CharCNNConfig, CharCNNForNER

    cfg = _merged(config, bool(extra_examples))
    tr = cfg["training"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(int(tr["threads"]))
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    # ---------------------------------------------------------------- data
    label_map = load_label_map()
    heads: dict = {}
    output_map: dict = {}
    if base:
        from extract.stages.ner.infer import CONFIG_NAME
        with open(Path(base) / CONFIG_NAME, encoding="utf-8") as f:
            bcfg = json.load(f)
        heads.update({k: list(v) for k, v in bcfg["heads"].items()})
        output_map.update(bcfg.get("output_map", {}))
    sources = []  # (head, examples, repeat)
    augment = []  # (head, examples, copies per epoch, p, mention table)
    into_extra = []  # (corpus spec, examples) rehearsed through the extra head (mapped to ZhIE types)
    for c in cfg["corpora"]:
        ex = corpus_examples(c, seed)
        if c.get("into_extra"):
            into_extra.append((c, ex))
            continue
        head = c.get("head", c["corpus"])
        heads.setdefault(head, _head_labels(head, c["corpus"]))
        output_map.setdefault(head, {k: v for k, v in label_map.get(c["corpus"], {}).items()})
        partial = bool(c.get("partial", is_partial(c["corpus"])))
        sources.append((head, ex, c.get("repeat", 1), partial))
        if c.get("swap_copies"):
            augment.append((head, ex, int(c["swap_copies"]), float(c.get("swap_p", 0.5)), mention_table(ex)))
    if extra_examples:
        eh = tr["extra_head"]
        types = sorted({lab for _, sp in extra_examples for *_, lab in sp})
        if eh not in heads:
            heads[eh] = types
            output_map[eh] = {t: t for t in types}
        else:
            missing = set(types) - set(heads[eh])
            if missing:
                raise ValueError(f"Extra examples use labels {sorted(missing)} that head {eh!r} lacks: {heads[eh]}")
        repeat = int(tr["extra_repeat"])
        if tr.get("extra_max_chars"):  # bound the time: at most this many characters of them per epoch
            n_chars = max(1, sum(len(t) for t, _ in extra_examples))
            repeat = max(1, min(repeat, int(tr["extra_max_chars"]) // n_chars))
            if repeat != int(tr["extra_repeat"]):
                log(f"[train_ner] extra examples repeated {repeat}x per epoch (training.extra_max_chars)")
        sources.append((eh, list(extra_examples), repeat, None))
        for c, ex in into_extra:  # rehearsal for the new head: the corpus's labels mapped to its types
            if c.get("match_extra"):  # as many characters as the extra examples give per epoch, times this
                want = float(c["match_extra"]) * repeat * sum(len(t) for t, _ in extra_examples)
                pool = list(ex)
                random.Random(seed + 2).shuffle(pool)
                ex, got = [], 0
                for t, sp in pool:
                    if got >= want:
                        break
                    ex.append((t, sp))
                    got += len(t)
                log(f"[train_ner] rehearsal through {eh!r}: {len(ex)} {c['corpus']} sentences, {got} chars")
            m = {k: v for k, v in label_map.get(c["corpus"], {}).items() if v in heads[eh]}
            sources.append((eh, [(t, [(s, e, m[lab]) for s, e, lab in sp if lab in m]) for t, sp in ex],
                            c.get("repeat", 1), None))
    elif into_extra:
        log("[train_ner] no extra examples: the 'into_extra' corpora are not used")
    dev_spec = cfg.get("dev")
    dev = load_corpus(dev_spec["corpus"], dev_spec["split"]) if dev_spec else []
    dev_head = (dev_spec or {}).get("head") or cfg.get("output_head") or next(iter(heads))

    if base:
        base = Path(base)
        feat = load_featurizer(base)
        base_model = CharCNNForNER.from_pretrained(base)
        mcfg = base_model.config.to_dict()
        for k in ("n_chars", "n_bigrams", "char_dim", "bigram_dim", "use_bigrams", "hidden", "dilations", "char_kernel",
                  "n_lex"):
            cfg["model"][k] = mcfg[k]
    else:
        base_model = None
        feat = new_featurizer(cfg, (t for _, ex, _, _ in sources for t, _ in ex), log)
        cfg["model"]["n_lex"] = feat.n_lex

    max_len = int(tr["max_len"])
    skipped = 0

    def encode(head, ex, repeat=1, partial=False):
        nonlocal skipped
        items = []
        for text, spans in ex:
            for piece, psp in chunk_example(text, spans, max_len):
                tags, sk = spans_to_bio(len(piece), psp, heads[head], partial=bool(partial))
                skipped += sk
                c, b = feat.encode(piece)
                items += [(head, c, b, np.array(tags, dtype=np.int64), feat.encode_lex(piece))] * int(repeat)
        return items

    encoded = {}  # head -> list of (head, chars, bigrams, tags)
    for head, ex, repeat, partial in sources:
        encoded.setdefault(head, []).extend(encode(head, ex, repeat, partial))
    if skipped:
        log(f"[train_ner] {skipped} gold spans did not fit the tags (overlapping / out of range / unknown label) "
            f"and were skipped")
    n_items = sum(len(v) for v in encoded.values()) + sum(len(a[1]) * a[2] for a in augment)
    log(f"[train_ner] heads: { {h: len(v) for h, v in encoded.items()} } items; chars {feat.n_chars}, "
        f"bigrams {feat.n_bigrams}; data ready in {time.time() - t0:.0f}s")

    # ---------------------------------------------------------------- model
    mconf = CharCNNConfig(n_chars=feat.n_chars, n_bigrams=feat.n_bigrams, heads=heads, output_map=output_map,
                          output_head=cfg.get("output_head") or (base_model.config.output_head if base_model else None)
                          or next(iter(heads)), **{k: v for k, v in cfg["model"].items()
                                                   if k not in ("n_chars", "n_bigrams")})
    model = CharCNNForNER(mconf)
    base_heads = []
    if base_model is not None:
        missing, unexpected = model.load_state_dict(base_model.state_dict(), strict=False)
        base_heads = list(base_model.config.heads)
        log(f"[train_ner] fine-tuning from {base}; new parameters: {sorted(missing)}")
    eh = tr["extra_head"]
    if tr.get("init_extra_from") and extra_examples and eh not in base_heads:
        done = _init_head_from(model, eh, tr["init_extra_from"], output_map)
        log(f"[train_ner] head {eh!r} starts from head {tr['init_extra_from']!r} for {done}")
    frozen = _frozen_names(model, tr.get("freeze") or [], base_heads)
    for name, p in model.named_parameters():
        p.requires_grad_(name not in frozen)
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    if not trainable:
        raise ValueError(f"training.freeze {tr['freeze']} leaves nothing to train")
    # a head is worth training on only if something on its path (encoder -> head -> CRF) can change
    enc_trainable = any(not n.startswith(("heads.", "crf.")) for n, _ in trainable)
    useful = {h for h in heads if enc_trainable or any(n.startswith((f"heads.{h}.", f"crf.{h}."))
                                                        for n, _ in trainable)}
    dropped = sorted(set(encoded) - useful)
    if dropped:
        log(f"[train_ner] not training on the data of fully frozen head(s) {dropped}")
        encoded = {h: v for h, v in encoded.items() if h in useful}
        augment = [a for a in augment if a[0] in useful]
        n_items = sum(len(v) for v in encoded.values()) + sum(len(a[1]) * a[2] for a in augment)
    if not encoded and not augment:
        raise ValueError("Nothing left to train: every head with data is frozen")
    l2sp = float(tr.get("l2sp") or 0.0)
    anchors = [(p, p.detach().clone()) for _, p in trainable] if l2sp > 0 else []
    params = [p for _, p in trainable]
    log(f"[train_ner] training {sum(p.numel() for p in params)} of "
        f"{sum(p.numel() for p in model.parameters())} parameters"
        + (f"; frozen: {tr['freeze']}" if frozen else "") + (f"; L2-SP {l2sp}" if l2sp else ""))
    opt = torch.optim.AdamW(params, lr=tr["lr"], weight_decay=0.0)
    epochs = int(tr["epochs"])
    steps_per_epoch = math.ceil(n_items / tr["batch_size"]) + len(encoded)
    total = epochs * steps_per_epoch
    if tr.get("max_steps"):
        total = min(total, int(tr["max_steps"]))
    warm = min(int(tr["warmup"]), max(1, total // 10))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.05, 1 - s / max(1, total)))

    best, best_epoch, bad, step = -math.inf, -1, 0, 0
    history = []
    meta = {"config": cfg, "seed": seed, "base": str(base) if base else None,
            "n_extra_examples": len(extra_examples or ())}
    for epoch in range(1, epochs + 1):
        model.train()
        batches = []
        epoch_items = {h: list(v) for h, v in encoded.items()}
        for head, ex, copies, p, table in augment:  # fresh mention-swapped copies every epoch
            arng = random.Random(seed * 1000 + epoch)
            for _ in range(copies):
                epoch_items[head] += encode(head, [swap_mentions(t, sp, table, arng, p) for t, sp in ex])
        for head, items in epoch_items.items():
            batches += _batches(items, int(tr["batch_size"]), rng)
        rng.shuffle(batches)
        bar = tqdm(batches, desc=f"epoch {epoch}/{epochs}", disable=not progress, file=sys.stderr, mininterval=5)
        loss_sum, n = 0.0, 0
        for batch in bar:
            chars, bigrams, tags, lex = _collate(batch, float(tr["unk_p"]), nrng)
            loss, _ = model(chars, bigrams, head=batch[0][0], tags=tags, lex=lex)
            if anchors:
                loss = loss + l2sp * sum(((p - p0) ** 2).sum() for p, p0 in anchors)
            opt.zero_grad()
            loss.backward()
            if tr["grad_clip"]:
                torch.nn.utils.clip_grad_norm_(params, tr["grad_clip"])
            opt.step()
            sched.step()
            step += 1
            loss_sum += float(loss.detach())
            n += 1
            if n % 50 == 0:
                bar.set_postfix(loss=f"{loss_sum / n:.3f}")
            if step >= total:
                break
        model.eval()
        rec = {"epoch": epoch, "step": step, "loss": round(loss_sum / max(n, 1), 4),
               "seconds": round(time.time() - t0, 1)}
        if dev:
            tagger = NumpyTagger.from_torch_state(mconf.to_dict(), model.state_dict(), feat)
            sc = evaluate_tagger(tagger, dev, dev_head)
            key = "mapped" if "mapped" in sc else "native"
            rec["dev"] = {k: v["f"] for k, v in sc[key].items()}
            f1 = sc[key]["micro"]["f"]
        else:
            f1 = -rec["loss"]
        history.append(rec)
        log(f"[train_ner] {json.dumps(rec, ensure_ascii=False)}")
        with open(out_dir / "log.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        _save_atomic(model, feat, out_dir / "model-last", {**meta, "epoch": epoch, "history": history})
        if f1 > best:
            best, best_epoch, bad = f1, epoch, 0
            _save_atomic(model, feat, out_dir / "model-best", {**meta, "epoch": epoch, "history": history})
        else:
            bad += 1
            if tr["patience"] and bad >= int(tr["patience"]):
                log(f"[train_ner] no dev improvement for {bad} epochs; stopping")
                break
        if step >= total:
            break
    summary = {"best_dev": best, "best_epoch": best_epoch, "epochs_run": len(history), "steps": step,
               "seconds": round(time.time() - t0, 1), "model_best": str(out_dir / "model-best"),
               "model_last": str(out_dir / "model-last")}
    with open(out_dir / "summary.json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Train the ZhIE char-CNN NER from a JSON training config")
    ap.add_argument("config")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--base", default=None)
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=JSON",
                    help="override a config value, e.g. --set training.epochs=3")
    args = ap.parse_args(argv)
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    apply_overrides(config, args.set)
    summary = train_ner(config, args.out_dir, seed=args.seed, base=args.base)
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
