#!/usr/bin/env python3
"""The facts stage on gold entities, each fold's chooser on the documents it never saw and on its own.

    python evaluation/facts_gold_folds.py runs/cf32e [--out PRED.jsonl]

``RUN`` is a cross-fitting folder of ``evaluation/crossfit_pipeline.py`` (``fold{k}/`` model folders and
``gold_not_{k}.jsonl``, the documents fold ``k`` was trained on). Every news training document (train split and
extension) is given its gold entities and the tables the pipeline's table reader finds; the facts stage of fold
``k`` (its chooser and metric trimmer, the shipped rules) then finds its facts (``--gold``: other annotated
documents instead). Printed: facts F1 over the
documents each fold never saw (held out) and over those it was trained on (in-sample). Set against the
cross-fitted facts F1 on predicted entities, the first says what the entity errors cost and how far the chooser's own
decisions are from the gold; the second how much the chooser learned by heart. ``--out`` writes the held-out
predictions (SCHEMA JSONL) for error analysis. Never reads the news dev or test split.
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.doc import Document  # noqa: E402
from extract.eval.evaluate import read_jsonl, score  # noqa: E402
from extract.stages.facts import FactsComponent  # noqa: E402
from extract.stages.facts.rules import _load  # noqa: E402
from extract.stages.segment import ensure_sentences  # noqa: E402
from extract.stages.tables import make_tables  # noqa: E402

SPLITS = ("train", "train_more")


def _on_gold_entities(gold: Document, tables) -> Document:
    d = Document(gold.text, id=gold.id)
    ensure_sentences(d)
    tables(d)  # (it adds the entities of table cells: replaced by the gold ones)
    d.entities = [copy.copy(e) for e in gold.entities]
    return d


def f1_of(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", help="cross-fitting folder (fold0/, fold1/, gold_not_0.jsonl, …)")
    ap.add_argument("--out", help="write the held-out predictions here (JSONL)")
    ap.add_argument("--gold", nargs="+", default=[str(REPO / "annotations" / "news" / f"{s}.jsonl") for s in SPLITS],
                    help="gold JSONL (default: the news train split and its extension)")
    args = ap.parse_args(argv)
    run = Path(args.run)
    folds = json.loads((run / "folds.json").read_text(encoding="utf-8"))["folds"]
    gold = {d.id: d for p in args.gold for d in read_jsonl(p)}
    tables = make_tables(None)
    counts = {"held out": [0, 0, 0], "in-sample": [0, 0, 0]}
    held_out = []
    for k in range(folds):
        trained_on = {d.id for d in read_jsonl(run / f"gold_not_{k}.jsonl")}
        facts = FactsComponent(_load(), str(run / f"fold{k}" / "facts_chooser.json"), False,
                               str(run / f"fold{k}" / "facts_metric.json"))
        for name, ids in (("held out", [i for i in gold if i not in trained_on]),
                          ("in-sample", [i for i in gold if i in trained_on])):
            docs = [gold[i] for i in ids]
            pred = [facts(_on_gold_entities(g, tables)) for g in docs]
            if name == "held out":
                held_out += pred
            m = score(docs, pred)["facts"]["micro"]
            for j, key in enumerate(("tp", "fp", "fn")):
                counts[name][j] += m[key]
    for name, (tp, fp, fn) in counts.items():
        print(f"{name:10s} facts F1 {f1_of(tp, fp, fn):.4f}  (tp {tp}, fp {fp}, fn {fn})")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for d in held_out:
                f.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
