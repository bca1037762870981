"""A second learned NER: spaCy's transition-based ``ner`` over character tokens (issue 5).

The spaCy model sees one token per character (``words = list(text)``, no
spaces between them), so spaCy's token and character offsets coincide and an
entity's ``start_char``/``end_char`` are offsets into ``doc.norm`` — hence into
``doc.text`` (the normalizer is length-preserving). The network is spaCy's
standard ``ner`` with its default ``tok2vec`` (HashEmbed + MaxoutWindowEncoder,
``spacy.HashEmbedCNN.v2``); no transformer, no vectors, nothing downloaded.

Training data are the public corpora read by :mod:`extract.learn.ner.data`, labels
mapped to ZhIE types by ``label_map.json`` before training (one head: a corpus
label mapped to ``null`` becomes ``O``). A corpus label listed under
``missing`` is neither an entity nor ``O``: its tokens are marked *missing*
(BILUO ``-``) so the model is not taught either way — how MSRA's ``ORG``
(companies and organizations mixed) is used without saying COMPANY or ORG.

::

    OPENBLAS_NUM_THREADS=1 nice -n 10 python -m extract.learn.spacy_ner train evaluation/spacy/default.json runs/spacy-default
    OPENBLAS_NUM_THREADS=1 python -m extract.learn.spacy_ner evaluate runs/spacy-default/model-best \\
        --compare evaluation/ner/results.json --out evaluation/spacy/results.json

Pipeline entry (``path`` resolved against the model folder)::

    {"name": "ner", "factory": "ner.spacy.v1", "path": "ner-spacy"}
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from extract.doc import Document
from extract.registry import components
from extract.config import apply_overrides
from extract.io.fsutil import replace_dir

__all__ = ["SpacyNERComponent", "make_spacy_ner", "char_doc", "make_examples", "predict_spans",
           "train", "evaluate", "DEFAULT_CONFIG"]

ZHIE_NER_TYPES = ("COMPANY", "ORG", "PERSON", "LOC")
TRAIN_CONFIG_NAME = "zhie_train.json"

DEFAULT_CONFIG = {
    "corpora": [{"corpus": "cluener", "split": "train"}],
    "dev": {"corpus": "cluener", "split": "dev"},
    # spaCy's defaults for ner (spacy.HashEmbedCNN.v2 + spacy.TransitionBasedParser.v2)
    "model": {"width": 96, "depth": 4, "embed_size": 2000, "window_size": 1, "maxout_pieces": 3,
              "subword_features": True, "hidden_width": 64, "parser_maxout_pieces": 2},
    "training": {"epochs": 10, "batch_start": 8, "batch_stop": 32, "batch_compound": 1.001,
                 "dropout": 0.1, "learn_rate": 0.001, "max_len": 150, "seed": 13, "threads": 1,
                 "patience": 3, "max_seconds": 1500},
}


# ---------------------------------------------------------------------------------------- data
def char_doc(vocab, text: str):
    """A spaCy Doc with one token per character and no spaces: token i is ``text[i]``."""
    from spacy.tokens import Doc

    return Doc(vocab, words=list(text), spaces=[False] * len(text))


def _merged(config: dict) -> dict:
    cfg = json.loads(json.dumps(config))
    for sec in ("model", "training"):
        cfg[sec] = {**DEFAULT_CONFIG[sec], **cfg.get(sec, {})}
    cfg.setdefault("corpora", DEFAULT_CONFIG["corpora"])
    cfg.setdefault("dev", DEFAULT_CONFIG["dev"])
    if not cfg["corpora"]:
        raise ValueError("Nothing to train on: give the config 'corpora': [{'corpus': 'cluener', 'split': 'train'}]")
    return cfg


def mapped_examples(corpus: str, examples: Sequence, missing: Sequence[str] = ()) -> List[tuple]:
    """``(text, spans)`` in corpus labels → ``(text, zhie_spans, missing_spans)`` via ``label_map.json``.

    A label in ``missing`` goes to ``missing_spans``; other labels map to their
    ZhIE type, or are dropped (they become ``O``) when mapped to null.
    """
    from extract.learn.ner.data import load_label_map

    lmap = load_label_map().get(corpus)
    if lmap is None:
        raise ValueError(f"No label map for corpus {corpus!r} in extract/learn/ner/label_map.json")
    miss = set(missing)
    out = []
    for text, spans in examples:
        ents = [(s, e, lmap[lab]) for s, e, lab in spans if lab not in miss and lmap.get(lab)]
        gaps = [(s, e) for s, e, lab in spans if lab in miss]
        out.append((text, ents, gaps))
    return out


def make_examples(vocab, items: Iterable[tuple]) -> Tuple[list, Dict[str, int]]:
    """``(text, spans, missing_spans)`` → spaCy ``Example`` objects, and counts of what did not fit.

    Overlapping gold spans keep the first-longest one; a span the transition
    system cannot take (out of range, or starting or ending on a whitespace
    character) is counted, never silently dropped; its characters are marked missing.
    """
    from spacy.training import Example, offsets_to_biluo_tags

    counts = {"examples": 0, "spans": 0, "skipped_overlap": 0, "skipped_space_or_range": 0, "missing_spans": 0}
    out = []
    for item in items:
        text, spans = item[0], item[1]
        gaps = item[2] if len(item) > 2 else ()
        doc = char_doc(vocab, text)
        kept, taken = [], bytearray(len(text) + 1)
        bad = []
        for s, e, lab in sorted(spans, key=lambda x: (x[0], -x[1])):
            if not (0 <= s < e <= len(text)) or text[s].isspace() or text[e - 1].isspace():
                counts["skipped_space_or_range"] += 1
                bad.append((max(0, s), min(len(text), e)))
                continue
            if any(taken[s:e]):
                counts["skipped_overlap"] += 1
                continue
            taken[s:e] = b"\x01" * (e - s)
            kept.append((s, e, lab))
        tags = offsets_to_biluo_tags(doc, kept)
        for s, e in list(gaps) + bad:
            counts["missing_spans"] += 1
            for i in range(s, e):
                if not taken[i]:
                    tags[i] = "-"
        counts["examples"] += 1
        counts["spans"] += len(kept)
        out.append(Example.from_dict(doc, {"entities": tags}))
    return out, counts


def _load_sources(cfg: dict, seed: int, log=print) -> Tuple[list, dict]:
    from extract.learn.ner.data import chunk_example, load_corpus

    max_len = int(cfg["training"]["max_len"])
    items, stats = [], {}
    for c in cfg["corpora"]:
        ex = load_corpus(c["corpus"], c["split"])
        if c.get("sample", 1.0) < 1.0:
            ex = random.Random(seed + 1).sample(ex, round(len(ex) * c["sample"]))
        pieces = [p for t, sp in ex for p in chunk_example(t, sp, max_len)]
        mapped = mapped_examples(c["corpus"], pieces, c.get("missing", ()))
        items += mapped * int(c.get("repeat", 1))
        stats[f"{c['corpus']}/{c['split']}"] = {"sentences": len(ex), "pieces": len(pieces),
                                                "chars": sum(len(t) for t, _ in pieces)}
    return items, stats


# ---------------------------------------------------------------------------------------- model
def build_nlp(model_cfg: dict, labels: Sequence[str] = ZHIE_NER_TYPES):
    """``spacy.blank("zh")`` + the standard ``ner`` component with the given tok2vec/parser sizes."""
    import spacy

    nlp = spacy.blank("zh")  # its char segmenter needs no download; Docs are built by char_doc anyway
    m = model_cfg
    ner = nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": int(m["hidden_width"]), "maxout_pieces": int(m["parser_maxout_pieces"]),
        "use_upper": True, "nO": None,
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
                    "width": int(m["width"]), "depth": int(m["depth"]), "embed_size": int(m["embed_size"]),
                    "window_size": int(m["window_size"]), "maxout_pieces": int(m["maxout_pieces"]),
                    "subword_features": bool(m["subword_features"])}}})
    for lab in labels:
        ner.add_label(lab)
    return nlp


def predict_spans(nlp, texts: Sequence[str], batch_size: int = 64) -> List[List[tuple]]:
    """Per text, ``[(start, end, label)]`` found by the model (character offsets into the text)."""
    docs = (char_doc(nlp.vocab, t) for t in texts)
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(docs, batch_size=batch_size)]


def _limit_threads(n: int) -> None:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(n))
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(n)
    except ImportError:
        pass


def _save_atomic(nlp, dest: Path, meta: dict, train_cfg: dict) -> None:
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    nlp.meta.update(meta)
    nlp.to_disk(tmp)
    with open(tmp / TRAIN_CONFIG_NAME, "w", encoding="utf-8") as f:
        json.dump(train_cfg, f, ensure_ascii=False, indent=1)
    os.chmod(tmp, 0o755)
    replace_dir(tmp, dest)


def score_dev(nlp, items: Sequence[tuple], types: Sequence[str] = ZHIE_NER_TYPES) -> dict:
    """Span P/R/F1 per type and micro of ``nlp`` on ``(text, zhie_spans, …)`` items."""
    from extract.learn.ner.score import score_spans

    pred = predict_spans(nlp, [it[0] for it in items])
    return {k: v.to_dict() for k, v in score_spans([it[1] for it in items], pred, types).items()}


def train(config: dict, out_dir, seed: Optional[int] = None, examples: Optional[Sequence[tuple]] = None,
          dev_examples: Optional[Sequence[tuple]] = None, progress: bool = True, log=print) -> dict:
    """Train from a config (see :data:`DEFAULT_CONFIG`); writes ``model-best``, ``model-last``, ``log.jsonl``.

    ``model-best`` is the epoch with the best CLUENER-dev micro F1 (dev is only
    used for this choice; the held-out split is never read here). Training stops
    after ``epochs``, after ``patience`` epochs without a better dev score, or
    at the first epoch end past ``max_seconds``. ``examples`` / ``dev_examples``
    (``(text, [(start, end, ZhIE type)])``) replace the config's corpora / dev split.
    """
    cfg = _merged(config)
    tr = cfg["training"]
    seed = int(tr["seed"] if seed is None else seed)
    _limit_threads(int(tr["threads"]))
    import spacy
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(seed)
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    if examples is not None:
        items = [(t, list(sp), ()) for t, sp in examples]
        stats = {"examples": {"sentences": len(items), "chars": sum(len(t) for t, *_ in items)}}
    else:
        items, stats = _load_sources(cfg, seed, log)
    if dev_examples is not None:
        dev = [(t, list(sp)) for t, sp in dev_examples]
    else:
        from extract.learn.ner.data import load_corpus
        dcfg = cfg["dev"]
        if dcfg["corpus"] == "cluener" and dcfg["split"] == "holdout":
            raise ValueError("The CLUENER held-out split is for reported scores only; pick 'dev' for model selection")
        dev = mapped_examples(dcfg["corpus"], load_corpus(dcfg["corpus"], dcfg["split"]))

    nlp = build_nlp(cfg["model"])
    train_ex, counts = make_examples(nlp.vocab, items)
    log(f"[spacy_ner] data {json.dumps(stats, ensure_ascii=False)}; {json.dumps(counts)}; "
        f"ready in {time.time() - t0:.0f}s")
    optimizer = nlp.initialize(lambda: train_ex[:2000])
    optimizer.learn_rate = float(tr["learn_rate"])  # spaCy's default Adam keeps parameter averages

    history, best, best_epoch, bad = [], -1.0, 0, 0
    logf = open(out_dir / "log.jsonl", "w", encoding="utf-8")
    meta_base = {"name": "zhie_spacy_ner", "version": "0.1.0",
                 "description": "ZhIE COMPANY/ORG/PERSON/LOC over character tokens (spaCy ner, default tok2vec); "
                                "see zhie_train.json",
                 "zhie": {"trained_on": stats, "gold_counts": counts, "seed": seed}}
    try:
        for epoch in range(1, int(tr["epochs"]) + 1):
            te = time.time()
            rng.shuffle(train_ex)
            losses: dict = {}
            sizes = compounding(float(tr["batch_start"]), float(tr["batch_stop"]), float(tr["batch_compound"]))
            n_batches = 0
            for batch in minibatch(train_ex, size=sizes):
                nlp.update(batch, drop=float(tr["dropout"]), sgd=optimizer, losses=losses)
                n_batches += 1
                if progress and n_batches % 100 == 0:
                    print(f"\r[spacy_ner] epoch {epoch} batch {n_batches} loss {losses.get('ner', 0):.1f}",
                          end="", file=sys.stderr, flush=True)
            if progress:
                print(file=sys.stderr)
            with _averaged(nlp, optimizer):  # score and save the averaged parameters, as `spacy train` does
                sc = score_dev(nlp, dev)
            rec = {"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1), "epoch_seconds": round(time.time() - te, 1),
                   "seconds": round(time.time() - t0, 1),
                   "dev": {k: v["f"] for k, v in sc.items()}}
            history.append(rec)
            log(f"[spacy_ner] {json.dumps(rec)}")
            logf.write(json.dumps(rec) + "\n")
            logf.flush()
            meta = dict(meta_base, performance={"dev_" + k: v["f"] for k, v in sc.items()},
                        zhie=dict(meta_base["zhie"], epoch=epoch, history=history))
            improved = sc["micro"]["f"] > best
            with _averaged(nlp, optimizer):
                _save_atomic(nlp, out_dir / "model-last", meta, cfg)
                if improved:
                    _save_atomic(nlp, out_dir / "model-best", meta, cfg)
            if improved:
                best, best_epoch, bad = sc["micro"]["f"], epoch, 0
            else:
                bad += 1
            if bad >= int(tr["patience"]):
                log(f"[spacy_ner] no better dev score for {bad} epochs; stopping")
                break
            if time.time() - t0 > float(tr["max_seconds"]):
                log(f"[spacy_ner] time budget of {tr['max_seconds']}s spent; stopping after epoch {epoch}")
                break
    finally:
        logf.close()
    return {"best_dev_micro_f": best, "best_epoch": best_epoch, "epochs": len(history),
            "seconds": round(time.time() - t0, 1), "model_best": str(out_dir / "model-best"), "data": stats,
            "gold_counts": counts}


def _averaged(nlp, optimizer):
    import contextlib

    return nlp.use_params(optimizer.averages) if optimizer.averages else contextlib.nullcontext()


# ---------------------------------------------------------------------------------------- component
def _windows(doc: Document, max_len: int) -> List[tuple]:
    sents = doc.sents
    if not sents:
        from extract.stages.segment import split_sentences
        sents = split_sentences(doc.norm, max_len=max_len)
    out = []
    for s, e in sents:
        while e - s > max_len:  # the model was trained on pieces of at most training.max_len chars
            out.append((s, s + max_len))
            s += max_len
        if e > s and doc.norm[s:e].strip():
            out.append((s, e))
    return out


class SpacyNERComponent:
    """Callable ``Document -> Document``: appends ``Entity(source=…)`` found by a spaCy model folder."""

    def __init__(self, path, types: Sequence[str] = ZHIE_NER_TYPES, max_len: int = 300, batch_size: int = 64,
                 source: str = "ner"):
        import spacy

        path = Path(path)
        if not (path / "config.cfg").is_file():
            raise FileNotFoundError(f"No spaCy model at {path}: expected {path / 'config.cfg'}. Train one with "
                                    f"`python -m extract.learn.spacy_ner train CONFIG OUT_DIR` and point 'path' at "
                                    f"OUT_DIR/model-best.")
        self.nlp = spacy.load(path)
        self.types = set(types)
        self.max_len = int(max_len)
        self.batch_size = int(batch_size)
        self.source = source

    def pipe(self, docs: Iterable[Document]) -> List[Document]:
        docs = list(docs)
        jobs, texts = [], []
        for d in docs:
            for s, e in _windows(d, self.max_len):
                jobs.append((d, s))
                texts.append(d.norm[s:e])
        found = predict_spans(self.nlp, texts, self.batch_size) if texts else []
        for (d, off), spans in zip(jobs, found):
            for s, e, typ in spans:
                if typ in self.types:
                    d.entities.append(d.entity(typ, off + s, off + e, source=self.source))
        return docs

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]


@components.register("ner.spacy.v1")
def make_spacy_ner(nlp, path: str = "ner-spacy", types: Sequence[str] = ZHIE_NER_TYPES, max_len: int = 300,
                   batch_size: int = 64) -> SpacyNERComponent:
    """The spaCy NER component; ``path`` is a folder written by :func:`train` (``model-best``)."""
    return SpacyNERComponent(path, types=types, max_len=max_len, batch_size=batch_size)


# ---------------------------------------------------------------------------------------- evaluation
_LOAD_CHILD = r"""
import json, sys, time
t = time.perf_counter()
from extract.learn.spacy_ner import SpacyNERComponent, predict_spans
comp = SpacyNERComponent(sys.argv[1])
predict_spans(comp.nlp, ["上海"])
print(json.dumps({"load_s": round(time.perf_counter() - t, 3)}))
"""


def measure_speed(path, kind: str = "spacy", repeats: int = 3) -> dict:
    """Best of ``repeats`` passes of the component's ``pipe`` (1 BLAS thread, fresh process); ``kind``: spacy|charcnn."""
    from extract.learn.ner.speed import measure_speed as measure
    return measure(path, kind, repeats)


def measure_load(path, repeats: int = 3) -> dict:
    from extract.learn.ner.speed import run_child
    runs = [run_child(_LOAD_CHILD, path)["load_s"] for _ in range(repeats)]
    return {"load_s_min": min(runs), "load_s_runs": runs}


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def evaluate(path, speed: bool = True, msra: Optional[bool] = None) -> dict:
    """CLUENER held-out (mapped to ZhIE types) and, when trained with MSRA, MSRA test PERSON/LOC; speed, load, size."""
    import spacy

    from extract.learn.ner.data import load_corpus
    from extract.learn.ner.score import score_spans

    _limit_threads(1)
    path = Path(path)
    nlp = spacy.load(path)
    res = {"model": str(path)}
    hold = mapped_examples("cluener", load_corpus("cluener", "holdout"))
    t = time.perf_counter()
    pred = predict_spans(nlp, [x[0] for x in hold])
    res["cluener_holdout"] = {"mapped": {k: v.to_dict() for k, v in
                                         score_spans([x[1] for x in hold], pred, ZHIE_NER_TYPES).items()},
                              "n_sentences": len(hold), "seconds": round(time.perf_counter() - t, 2)}
    tcfg = {}
    if (path / TRAIN_CONFIG_NAME).is_file():
        with open(path / TRAIN_CONFIG_NAME, encoding="utf-8") as f:
            tcfg = json.load(f)
    if msra is None:
        msra = any(c["corpus"] == "msra" for c in tcfg.get("corpora", []))
    if msra:
        test = mapped_examples("msra", load_corpus("msra", "test"))
        pred = predict_spans(nlp, [x[0] for x in test])
        res["msra_test"] = {"mapped": {k: v.to_dict() for k, v in
                                       score_spans([x[1] for x in test], pred, ("PERSON", "LOC")).items()},
                            "n_sentences": len(test)}
    res["size_bytes"] = _size(path)
    if speed:
        res["speed_1thread"] = measure_speed(path, "spacy")
        res["load"] = measure_load(path)
    z = nlp.meta.get("zhie", {})
    res["trained_epoch"] = z.get("epoch")
    res["train_history"] = z.get("history")
    res["train_data"] = z.get("trained_on")
    res["train_config"] = tcfg
    return res


def _cnn_summary(results_path: Path) -> Optional[dict]:
    """The char-CNN's numbers from ``extract.learn.ner.evaluate``'s results JSON, in this file's layout."""
    if not results_path.is_file():
        return None
    with open(results_path, encoding="utf-8") as f:
        r = json.load(f)
    out = {"source": str(results_path), "model": r.get("model")}
    mapped = (r.get("cluener_holdout") or {}).get("mapped")
    if mapped:
        out["cluener_holdout"] = {"mapped": {k: v for k, v in mapped.items() if k in ZHIE_NER_TYPES or k == "micro"}}
    ms = (r.get("msra_test") or {}).get("native")
    if ms:
        out["msra_test_native"] = ms
    for k in ("size_bytes", "speed_1thread", "load", "trained_epoch"):
        if k in r:
            out[k] = r[k]
    return out


def compare(spacy_res: dict, cnn: Optional[dict]) -> dict:
    """Side-by-side CLUENER held-out F1 per type and micro; which model wins on micro F1."""
    if not cnn or "cluener_holdout" not in cnn:
        return {"available": False, "note": "char-CNN results not available"}
    a = spacy_res["cluener_holdout"]["mapped"]
    b = cnn["cluener_holdout"]["mapped"]
    rows = {t: {"spacy_f": a.get(t, {}).get("f"), "charcnn_f": b.get(t, {}).get("f")}
            for t in list(ZHIE_NER_TYPES) + ["micro"]}
    better = "spacy" if a["micro"]["f"] > b["micro"]["f"] else "charcnn"
    return {"available": True, "cluener_holdout_f": rows, "better_on_cluener_holdout_micro_f": better}


# ---------------------------------------------------------------------------------------- CLI
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.spacy_ner",
                                 description="Train / evaluate the spaCy char-token NER (second model of issue 5)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train from a JSON config")
    t.add_argument("config")
    t.add_argument("out_dir")
    t.add_argument("--seed", type=int, default=None)
    t.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=JSON",
                   help="override a config value, e.g. --set training.epochs=3")
    e = sub.add_parser("evaluate", help="score a trained folder on the held-out splits; speed, load, size")
    e.add_argument("model")
    e.add_argument("--out", default=None)
    e.add_argument("--compare", default=None, help="extract.learn.ner.evaluate results JSON of the char-CNN")
    e.add_argument("--cnn-model", default=None, help="a char-CNN folder: measure its speed here, same conditions")
    e.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "train":
        with open(args.config, encoding="utf-8") as f:
            cfg = json.load(f)
        apply_overrides(cfg, args.set)
        summary = train(cfg, args.out_dir, seed=args.seed)
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    t0 = time.time()
    res = evaluate(args.model, speed=not args.no_speed)
    cnn = _cnn_summary(Path(args.compare)) if args.compare else None
    if cnn is not None and args.cnn_model and not args.no_speed:
        from extract.learn.ner.evaluate import measure_load as cnn_load

        cnn["speed_1thread_same_session"] = measure_speed(args.cnn_model, "charcnn")
        cnn["load_same_session"] = cnn_load(args.cnn_model)
    res = {"spacy": res, "charcnn": cnn, "comparison": compare(res, cnn),
           "command": "python -m extract.learn.spacy_ner " + " ".join(argv if argv is not None else sys.argv[1:]),
           "eval_seconds": round(time.time() - t0, 1)}
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
