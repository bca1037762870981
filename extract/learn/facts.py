"""Train the METRIC/RANKING fact chooser (:mod:`extract.stages.facts.chooser`) on a gold corpus.

    python -m extract.learn.facts annotations/news/train.jsonl -o models/default/facts_chooser.json
    python -m extract.learn.facts --metric-spans annotations/news/train.jsonl -o models/default/facts_metric.json

The chooser learns, for each FIGURE / RANK, whether it states a fact and whose. It is trained on
the entities the pipeline finds (the model folder's components up to, not including, ``relations``):
a gold fact is carried over to the predicted document when its value has the same span there, and
its subject when an entity of the same span (or, failing that, the same simplified text in the
value's sentence) was found; a fact whose subject was not found teaches nothing and is left out.
``--also-gold`` adds the gold documents themselves (gold entities). Only the documents given are read.

``--metric-spans`` trains the metric-span trimmer (:mod:`extract.stages.facts.metric`) instead: the
whole model folder runs (its facts stage without a trimmer), and each predicted fact outside a table or
ranked list whose value has a gold fact of the same type and span teaches the trimmer that gold fact's
metric span, when that span is one of the trimmer's candidates (a metric found elsewhere teaches nothing).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import List, Optional, Sequence

from extract.doc import Document, Fact
from extract.eval.evaluate import simplify
from extract.io.readers import read_jsonl
from extract.learn import missing_files, pipe_predicted
from extract.stages.facts.chooser import (FactChooser, HashedFactChooser, fit, fit_hashed, save, save_hashed,
                                          training_examples)

__all__ = ["train_facts", "train_metric_spans", "metric_examples", "align_facts", "main"]

STOP_AT = ("relations", "events", "facts")


def align_facts(pred: Document, gold: Document) -> List[Fact]:
    """The gold facts of ``gold`` re-attached to ``pred``'s entities (see the module docstring)."""
    by_span = {}
    for e in pred.entities:
        by_span.setdefault((e.start, e.end), e)
    out = []
    for f in gold.facts:
        if f.value is None:
            continue
        v = by_span.get((f.value.start, f.value.end))
        if v is None or v.type != f.value.type:
            continue
        subj = None
        if f.subject is not None:
            subj = by_span.get((f.subject.start, f.subject.end))
            if subj is None:
                ss, se = pred.sentence_of(v.start)
                want = simplify(f.subject.text)
                subj = next((e for e in pred.entities if ss <= e.start and e.end <= se
                             and simplify(e.text) == want), None)
            if subj is None:
                continue
        out.append(Fact(f.type, subj, v, f.metric, f.date, f.position))
    return out


def train_facts(gold_paths: Sequence, model=None, also_gold: bool = False, hashed: bool = True, log=print):
    golds = []
    for p in gold_paths:
        golds += [Document.from_dict(r) for r in read_jsonl(p)]
    t0 = time.time()
    preds = pipe_predicted(model, [(g.text, g.id) for g in golds], exclude=STOP_AT)
    for p, g in zip(preds, golds):
        p.facts = align_facts(p, g)
    log(f"[facts] {len(preds)} documents run through {model or 'the default model'} in {time.time() - t0:.0f}s; "
        f"{sum(len(p.facts) for p in preds)} of {sum(len(g.facts) for g in golds)} gold facts carried over")
    chooser = HashedFactChooser() if hashed else FactChooser()
    docs = preds + (golds if also_gold else [])
    ex = training_examples(docs, chooser)
    log(f"[facts] {len(ex)} value examples")
    return fit_hashed(ex) if hashed else fit(ex)


def metric_examples(pred: Document, gold: Document) -> list:
    """Trimmer examples (:func:`extract.stages.facts.metric.training_example`) from one document's
    predicted facts, by the gold facts of the same type and value span."""
    from extract.stages.facts import keeps_its_metric
    from extract.stages.facts.metric import training_example

    want = {}
    for f in gold.facts:
        if f.value is not None and f.metric is not None:
            want.setdefault((f.type, f.value.start, f.value.end), (f.metric.start, f.metric.end))
    out, seen = [], set()
    for f in pred.facts:
        m = f.metric
        key = (f.type, f.value.start, f.value.end)
        if keeps_its_metric(pred, f) or key not in want or key in seen:
            continue
        seen.add(key)
        ex = training_example(pred.norm, m.start, m.end, (f.value.start, f.value.end), want[key], f.value.type)
        if ex is not None:
            out.append(ex)
    return out


def train_metric_spans(gold_paths: Sequence, model=None, log=print, **fit_args) -> dict:
    """Weights of the metric-span trimmer, trained on the facts ``model`` finds in the gold documents."""
    from extract.stages.facts.metric import fit as fit_trimmer

    golds = []
    for p in gold_paths:
        golds += [Document.from_dict(r) for r in read_jsonl(p)]
    t0 = time.time()
    preds = pipe_predicted(model, [(g.text, g.id) for g in golds], facts={"metric_model": None})
    ex, n_facts = [], 0
    for pred, gold in zip(preds, golds):
        n_facts += len(pred.facts)
        ex += metric_examples(pred, gold)
    log(f"[facts] {len(golds)} documents run through {model or 'the default model'} in {time.time() - t0:.0f}s; "
        f"{len(ex)} of {n_facts} predicted facts teach the trimmer (the gold metric span is one of its candidates)")
    fit_args.setdefault("epochs", 300)
    return fit_trimmer(ex, **fit_args) if ex else {}


#: The hashed chooser's decision margins of the shipped recipe (``evaluation/retrain_default.py``, since session 23).
#: Until session 56 this command defaulted to 0.0 and 0.0, so a chooser trained with it directly decided differently
#: from the shipped one. Session 56's cross-fitted grid (710 news training documents, clause-chain features): facts
#: F1 0.7529 at 1.0/1.0, flat for a no-fact margin of 0.5-1.25, and falling for override margins of 1.25 or more
#: (0.7508 at 1.25, 0.7440 at 2.0).
NOFACT_MARGIN = 1.0
OVERRIDE_MARGIN = 1.0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.facts", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL (SCHEMA.md) to train on")
    ap.add_argument("-o", "--output", required=True, help="where to write the chooser weights (JSON)")
    ap.add_argument("--model", default=None, help="model folder whose entities the chooser learns on")
    ap.add_argument("--also-gold", action="store_true", help="also train on the gold documents' own entities")
    ap.add_argument("--metric-spans", action="store_true",
                    help="train the metric-span trimmer (extract.stages.facts.metric) instead of the chooser")
    ap.add_argument("--dense", action="store_true", help="the dense-feature chooser instead of the hashed one")
    ap.add_argument("--nofact-margin", type=float, default=NOFACT_MARGIN,
                    help="'no fact' must beat the best other option by this much (hashed chooser; default: the "
                         "shipped recipe's %(default)s)")
    ap.add_argument("--override-margin", type=float, default=OVERRIDE_MARGIN,
                    help="the rules' option stands unless another beats it by this much (hashed chooser; default: "
                         "the shipped recipe's %(default)s)")
    return ap


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if missing_files(args.gold):
        return 2
    if args.metric_spans:
        from extract.stages.facts.metric import save as save_trimmer
        w = train_metric_spans(args.gold, args.model, log=lambda m: print(m, file=sys.stderr))
        save_trimmer(w, args.output)
        print(json.dumps({"output": args.output, "weights": len(w)}))
        return 0
    w = train_facts(args.gold, args.model, args.also_gold, hashed=not args.dense,
                    log=lambda m: print(m, file=sys.stderr))
    if args.dense:
        save(w, args.output)
    else:
        save_hashed(w, args.output, args.nofact_margin, args.override_margin)
    print(json.dumps({"output": args.output, "weights": len(w)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
