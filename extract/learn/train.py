"""`train()`: retrain the NER from annotations — what `zhie train` calls.

    zhie train --data my_annotations.jsonl --out models/mine --base models/default

Reads SCHEMA JSONL, Label Studio JSON exports and doccano JSONL (files or
folders; :func:`extract.io.formats.iter_records` detects the format, and import
errors name the file and record). The documents are split by document into
train and a held-out part (``--holdout``, seeded); the NER is trained on the
train part (with ``--base``: fine-tuned from that model, and, where the public
corpora are available, with a rehearsal sample of them so the model does not
forget what it knew); both the base pipeline and the new one are scored on the
held-out part with the SCHEMA scorer.

The output folder gets ``model-best`` and ``model-last``: each a complete model
(``config.json`` + ``ner/``) usable with ``zhie extract --model``, written to a
temporary folder and moved into place, so an interrupted run never leaves a
broken model. ``scores.json`` records the held-out scores.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterable, List, Optional

from extract.pipeline import DEFAULT_MODEL, REPO_ROOT
from extract.config import apply_overrides
from extract.io.fsutil import replace_dir, write_json_atomic
from extract.stages.ner import drop_ensemble

NER_TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY")
DEFAULT_TRAIN_CONFIG = REPO_ROOT / "evaluation" / "ner" / "default.json"
# Fine-tuning, conservative by construction: the shared encoder and the base heads are frozen
# (their weights stay bit-identical, and nothing is backpropagated through them); only a new head
# ``zhie`` with your types trains. It starts as the base CLUENER head's rows for the same types,
# is pulled toward that start (L2-SP), and rehearses CLUENER sentences mapped to your types (0.3x
# as many characters as it sees of your documents per epoch), so it keeps what the base knew
# outside your documents. It speaks first for the types you annotated; the base head speaks first
# for the others and fills gaps (speak_first "typed"). Chosen by measurement (variant frozen_init_match03 of
# evaluation/finetune_experiment.py; evaluation/finetune.json; models/default/MODEL_CARD.md).
FINETUNE_CONFIG = {
    "corpora": [{"corpus": "cluener", "split": "train", "into_extra": True, "match_extra": 0.3}],
    "dev": None,
    "training": {"epochs": 6, "extra_repeat": 16, "extra_max_chars": 720000, "lr": 0.005, "patience": 0,
                 "warmup": 20, "threads": 1, "freeze": ["encoder", "heads"], "init_extra_from": "cluener", "l2sp": 0.01,
                 "speak_first": "typed"},
}


def read_training_records(paths: Iterable) -> List[dict]:
    """SCHEMA records from every file or folder in ``paths`` (any supported annotation format)."""
    from extract.io.formats import read_records

    records = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise FileNotFoundError(f"--data {p}: no such file or folder")
        records.extend(read_records(path))
    if not records:
        raise ValueError(f"No annotated documents found in {', '.join(map(str, paths))}")
    return records


def to_examples(records: Iterable[dict], types=NER_TYPES) -> list:
    """``(text, [(start, end, type), ...])`` NER examples from SCHEMA records."""
    return [(r["text"], [(e["start"], e["end"], e["type"]) for e in r.get("entities", []) if e["type"] in types])
            for r in records]


def split_holdout(records: list, holdout: float, seed: int) -> tuple:
    idx = list(range(len(records)))
    random.Random(seed).shuffle(idx)
    n = int(round(len(records) * holdout)) if len(records) > 1 else 0
    if holdout > 0 and len(records) > 1:
        n = max(1, n)
    held = set(idx[:n])
    return [r for i, r in enumerate(records) if i not in held], [r for i, r in enumerate(records) if i in held]


def _corpora_available() -> bool:
    from extract.learn.ner.data import CORPORA_DIR
    return (Path(CORPORA_DIR) / "cluener2020" / "train.json").is_file()


def _score(model_dir, records) -> Optional[dict]:
    if not records:
        return None
    from extract.eval.evaluate import score
    from extract.pipeline import load
    nlp = load(model_dir)
    preds = list(nlp.pipe(((r["text"], r["id"]) for r in records), batch_size=8))
    rep = score(records, preds)
    return {"entities": rep["entities"]["micro"], "per_type": rep["entities"]["per_type"]}


def _assemble(ner_dir: Path, base_pipeline: Path, dest: Path, heads: Optional[list],
              precedence: Optional[str] = None) -> None:
    """Write a complete model folder to ``dest`` atomically: the base pipeline's config and its other
    artifacts (relation and event weights …; not its model card, which describes the base), with the
    new NER in place of the base's (of all its taggers, when the base averages several: ``ensemble``)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    cfg_path = base_pipeline / "config.json"
    with open(cfg_path, encoding="utf-8") as f:
        config = json.load(f)
    with open(Path(ner_dir) / "labels.json", encoding="utf-8") as f:
        trained_heads = set(json.load(f)["heads"])
    # the base's other ensemble members were not trained on the new data (and may lack its heads): the new folder
    # runs the one tagger trained here, and does not carry their files
    skip = {"config.json", "MODEL_CARD.md", *drop_ensemble(config)}
    for entry in config["pipeline"]:
        if entry["factory"].startswith("ner."):
            skip.add(entry.get("path", "ner"))
            entry["path"] = "ner"
            if heads:
                entry["heads"] = heads
            elif entry.get("heads") and not set(entry["heads"]) <= trained_heads:
                entry.pop("heads")  # a model trained from scratch: its own output head
            if precedence:
                entry["precedence"] = precedence
    config["name"] = dest.parent.name
    for item in sorted(base_pipeline.iterdir()):
        if item.name in skip or item.name == "ner":
            continue
        if item.is_dir():
            shutil.copytree(item, tmp / item.name)
        else:
            shutil.copy2(item, tmp / item.name)
    shutil.copytree(ner_dir, tmp / "ner")
    with open(tmp / "config.json", "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=1)
    replace_dir(tmp, dest)


def _fit_head_names(cfg: dict, base_ner: Path, overrides: Iterable = ()) -> None:
    """The fine-tuned head must be new: when the base NER already has a head named like it (the
    shipped model's output head is ``zhie``), the new head is ``user`` (then ``user2`` …). A new head
    starting from ``cluener`` starts from the base's output head instead when that one is in ZhIE
    types already. A value set explicitly with ``--set`` is kept."""
    cfg_path = base_ner / "config.json"
    if not cfg_path.is_file():
        return
    with open(cfg_path, encoding="utf-8") as f:
        ncfg = json.load(f)
    heads = set(ncfg.get("heads", {}))
    tr = cfg.setdefault("training", {})
    explicit = {o.split("=", 1)[0].strip() for o in overrides}
    if "training.extra_head" not in explicit and tr.get("extra_head", "zhie") in heads:
        name, k = "user", 2
        while name in heads:
            name, k = f"user{k}", k + 1
        tr["extra_head"] = name
    out_head = ncfg.get("output_head")
    if "training.init_extra_from" not in explicit and tr.get("init_extra_from") == "cluener" and out_head \
            and set(ncfg.get("output_map", {}).get(out_head, {}).values()) <= set(NER_TYPES) | {None}:
        tr["init_extra_from"] = out_head


def train(data: Iterable, out, base=None, config=None, seed: int = 13, holdout: float = 0.1,
          overrides: Iterable = (), rehearsal: bool = True, progress: bool = True, log=print) -> dict:
    """Train (or fine-tune with ``base``) the NER on annotated documents; see the module docstring."""
    from extract.learn.ner.train import train_ner

    out = Path(out)
    records = read_training_records(data)
    train_recs, held = split_holdout(records, holdout, seed)
    if config is not None:
        with open(config, encoding="utf-8") as f:
            cfg = json.load(f)
    elif base is not None:
        cfg = json.loads(json.dumps(FINETUNE_CONFIG))
        if not (rehearsal and _corpora_available()):
            log("[zhie train] public corpora not found (or --no-rehearsal): fine-tuning on your documents only")
            cfg["corpora"] = []
            cfg["_allow_no_corpora"] = True
    else:
        with open(DEFAULT_TRAIN_CONFIG, encoding="utf-8") as f:
            cfg = json.load(f)
    apply_overrides(cfg, overrides)
    base_pipeline = Path(base) if base is not None else DEFAULT_MODEL
    base_ner = None
    if base is not None:
        with open(base_pipeline / "config.json", encoding="utf-8") as f:
            bcfg = json.load(f)
        ner_entry = next((e for e in bcfg["pipeline"] if e["factory"].startswith("ner.")), None)
        if ner_entry is None:
            raise ValueError(f"--base {base}: its config.json has no NER component to fine-tune")
        base_ner = base_pipeline / ner_entry.get("path", "ner")
        _fit_head_names(cfg, base_ner, overrides)
    examples = to_examples(train_recs)
    log(f"[zhie train] {len(records)} documents: {len(train_recs)} train, {len(held)} held out; "
        f"{sum(len(s) for _, s in examples)} entity spans")
    with tempfile.TemporaryDirectory(prefix="zhie-train-", dir=out.parent if out.parent.exists() else None) as run:
        summary = train_ner(cfg, run, seed=seed, extra_examples=examples or None, base=base_ner,
                            progress=progress, log=log)
        head = cfg.get("training", {}).get("extra_head", "zhie")
        with open(Path(run) / "model-best" / "labels.json", encoding="utf-8") as f:
            labels = json.load(f)
        # Which head speaks first (training.speak_first): "base" = the base head, and the head
        # trained on your documents only fills in where the base found nothing; "new" = the new
        # head first, the base head fills in (and still gives the types you did not annotate);
        # "typed" = the new head first only for the types it outputs, the base head first for the
        # others (NumpyTagger.entities precedence="type").
        heads, precedence = None, None
        if examples and head != labels["output_head"]:
            first = cfg.get("training", {}).get("speak_first", "base")
            if first not in ("base", "new", "typed"):
                raise ValueError(f"training.speak_first must be 'base', 'new' or 'typed', not {first!r}")
            heads = [labels["output_head"], head] if first == "base" else [head, labels["output_head"]]
            precedence = "type" if first == "typed" else None
        for name in ("model-best", "model-last"):
            _assemble(Path(run) / name, base_pipeline, out / name, heads, precedence)
    scores = {"held_out_ids": [r["id"] for r in held], "seed": seed,
              "base": _score(base_pipeline, held) if base is not None else None,
              "model_best": _score(out / "model-best", held), "train_summary": summary}
    write_json_atomic(scores, out / "scores.json")
    return scores


def add_cli(subparsers) -> None:
    p = subparsers.add_parser("train", help="retrain the NER on annotated documents",
                              description=__doc__.split("\n\n")[0] + " Formats: SCHEMA JSONL, Label Studio JSON, doccano JSONL.")
    p.add_argument("--data", nargs="+", required=True, metavar="FILE_OR_DIR")
    p.add_argument("--out", required=True, help="output folder (gets model-best/ and model-last/)")
    p.add_argument("--base", default=None, help="model folder to fine-tune from (e.g. models/default)")
    p.add_argument("--config", default=None, help="training config JSON (default: evaluation/ner/default.json, "
                                                   "or a short fine-tuning config with --base)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--holdout", type=float, default=0.1, help="fraction of documents held out for scoring")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=JSON",
                   help="override a config value, e.g. --set training.epochs=3")
    p.add_argument("--no-rehearsal", action="store_true", help="fine-tune on your documents only")
    p.set_defaults(func=_cli_train)


def _cli_train(args) -> int:
    scores = train(args.data, args.out, base=args.base, config=args.config, seed=args.seed, holdout=args.holdout,
                   overrides=args.set, rehearsal=not args.no_rehearsal, log=lambda m: print(m, file=sys.stderr))
    best = scores["model_best"]
    if best:
        print(f"held-out entity F1: {best['entities']['f1']:.3f}"
              + (f" (base: {scores['base']['entities']['f1']:.3f})" if scores.get("base") else ""))
    print(f"wrote {args.out}/model-best and {args.out}/model-last")
    return 0
