"""Train the INDUSTRY match filter (:mod:`extract.stages.mentions`) on a gold corpus.

    python -m extract.learn.mentions annotations/news/train.jsonl annotations/news/train_more.jsonl \
        --sources gazetteer ner --threshold 0.3 --model CROSSFIT/folds.json -o models/default/mentions.json

The documents run through the model folder's components up to, not including, the filter (and the ones after
it: entity_filter, merge …), so the filter learns on the candidates it will judge at run time; a candidate is
positive when a gold entity has its exact span and type. ``--model`` may be a cross-fitting file (see
:func:`extract.learn.pipe_predicted`): needed when ``--sources`` includes ``ner``, since an NER finds the gold
entities of its own training documents (``evaluation/retrain_default.py --crossfit`` makes one). Only the
annotated documents given are read: train on a training split, never on the split you report.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import List, Optional, Sequence

from extract.io.readers import read_jsonl
from extract.learn import crossfit_folders, missing_files, named_thresholds, pipe_predicted, shown_path
from extract.stages.mentions import FEATURE_SET, FEATURE_SETS, MentionFilter, check_source_thresholds, doc_examples
from extract.stages.relations.classifier import fit

__all__ = ["train_mentions", "main"]

STOP_AT = ("entity_filter", "merge", "propagate", "relations", "events", "facts")


def _config_names(model) -> List[str]:
    """The component names of ``model``'s pipeline, in order (a cross-fitting file: of its first fold's folder)."""
    import os

    from extract.pipeline import DEFAULT_MODEL

    folders = crossfit_folders(model)
    if folders:
        model = folders[0]
    elif model is None:
        model = os.environ.get("ZHIE_MODEL") or DEFAULT_MODEL
    cfg = Path(model) / "config.json"
    if not cfg.is_file():
        return []
    return [e["name"] for e in json.loads(cfg.read_text(encoding="utf-8"))["pipeline"]]


def excluded(model, name: str) -> tuple:
    """The components to leave out when training the filter ``name``: it and every one after it (the filters
    before it run, as they do before it at run time), and the stages after the entity recognizers."""
    names = _config_names(model)
    after = names[names.index(name):] if name in names else [name]
    return tuple(dict.fromkeys([*after, *STOP_AT]))


def train_mentions(gold_paths: Sequence, model=None, types: Sequence[str] = ("INDUSTRY",),
                   sources: Sequence[str] = ("gazetteer",), threshold: float = 0.5, l2: float = 1e-3,
                   epochs: int = 200, name: str = "mention_filter", log=print,
                   feature_set: int = FEATURE_SET, source_thresholds: Optional[dict] = None) -> MentionFilter:
    """A filter for ``types`` from ``sources``, to sit in the pipeline as component ``name`` (``source_thresholds``:
    a threshold of its own for some of the sources)."""
    check_source_thresholds(source_thresholds, sources)  # before the documents run, not after
    recs: List[dict] = []
    for p in gold_paths:
        recs += read_jsonl(p)
    t0 = time.time()
    docs = pipe_predicted(model, [(r["text"], r.get("id")) for r in recs], exclude=excluded(model, name))
    examples = []
    for rec, doc in zip(recs, docs):
        gold = {(e["start"], e["end"], e["type"]) for e in rec.get("entities", [])}
        examples += [(ids, float((e.start, e.end, e.type) in gold))
                     for e, ids in doc_examples(doc, types, sources, feature_set)]
    pos = sum(y for _, y in examples)
    log(f"[mentions] {len(docs)} documents through {model or 'the default model'} in {time.time() - t0:.0f}s: "
        f"{len(examples)} candidates ({', '.join(types)} from {', '.join(sources)}), {pos:.0f} of them gold")
    if not examples:
        raise ValueError(f"No candidates of types {list(types)} from sources {list(sources)} in {list(gold_paths)}")
    return MentionFilter(fit(examples, epochs=epochs, l2=l2), types, sources, threshold, feature_set, source_thresholds)


def candidates_from(model) -> dict:
    """What the candidates came from, for the weights file: the NER weights (sha256) of the model folder, or of
    each fold of a cross-fitting file (local paths would mean nothing elsewhere)."""
    def ner_sha(folder: Path) -> Optional[str]:
        w = folder / "ner" / "model.safetensors"
        return hashlib.sha256(w.read_bytes()).hexdigest() if w.is_file() else None

    folders = crossfit_folders(model)
    if folders is not None:
        return {"crossfit_folds": len(folders), "fold_ner_sha256": [ner_sha(f) for f in folders]}
    if model is None or str(model) == "rules":
        return {"model": str(model or "default")}
    return {"model": Path(model).name, "ner_sha256": ner_sha(Path(model))}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.mentions", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL (SCHEMA.md) to train on")
    ap.add_argument("-o", "--output", required=True, help="where to write the filter (JSON)")
    ap.add_argument("--model", default=None, help="model folder (or cross-fitting file) whose candidates the filter "
                    "learns on (default: the shipped default model)")
    ap.add_argument("--types", nargs="+", default=["INDUSTRY"])
    ap.add_argument("--sources", nargs="+", default=["gazetteer"])
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--source-threshold", action="append", default=[], metavar="SOURCE=T",
                    help="judge the candidates of one source at their own threshold (shipped: echo=0.4); repeatable")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--feature-set", type=int, choices=FEATURE_SETS, default=FEATURE_SET,
                    help="1: the word and 4 characters on each side; 2: also the clause around it (default: %(default)s)")
    ap.add_argument("--name", default="mention_filter", help="the filter's component name in the model's config: "
                    "the documents run through the components before it (default: %(default)s)")
    args = ap.parse_args(argv)
    if missing_files(args.gold):
        return 2
    per_source = named_thresholds(ap, "--source-threshold", args.source_threshold, "SOURCE", "echo=0.4")
    flt = train_mentions(args.gold, args.model, args.types, args.sources, args.threshold, l2=args.l2,
                         name=args.name, log=lambda m: print(m, file=sys.stderr), feature_set=args.feature_set,
                         source_thresholds=per_source)
    trained_on = [{"path": shown_path(p), "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()} for p in args.gold]
    flt.save(args.output, {"trained_on": trained_on, "candidates_from": candidates_from(args.model)})
    print(json.dumps({"output": args.output, "types": list(flt.types), "sources": list(flt.sources),
                      "weights": len(flt.model["w"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
