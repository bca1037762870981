#!/usr/bin/env python3
"""Entity F1 on the news training documents, each run through a fold NER that never saw it (cross-fitting).

    python evaluation/crossfit_ner.py evaluation/ner/news_v10.json runs/crossfit-v10 --folds 2 --jobs 2   # once
    python evaluation/ner/crossfit_eval.py runs/crossfit-v10 [--model models/default] [--fold-person-names] \\
        [--json F]

The news dev split holds 30 documents; the 555 training documents (train and its extension) are 18 times as many,
but the shipped NER was trained on them. With the fold NERs of ``evaluation/crossfit_ner.py`` every training
document goes through a model folder (``--model``, default the shipped one) whose NER never saw it, so the NER's
errors there are honest. The other learned files of the folder were trained on these documents (the match filters,
the Latin-name typer, the person names), so figures that depend on them are optimistic; ``--fold-person-names``
rebuilds the person-names list of ``entity_filter`` per fold without that fold's documents
(``extract.learn.person_names``) and ``--fold-latin`` retrains the Latin-name typer per fold (the L2 of
``retrain_default.py``, the shipped file's thresholds and kept pairs), which makes those parts honest too. The fold NERs follow their own recipe (the
config in the cross-fitting folder), not necessarily the shipped NER's, and each saw about half the news.

Prints, per name type, correct / false / missed and exact-match F1 (ignore regions removed), and the micro F1 over
the five types. Never reads the news dev or test split.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "evaluation"))

from extract.io.readers import read_jsonl  # noqa: E402
from extract.learn import pipe_predicted  # noqa: E402

TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY")
NEWS = REPO / "annotations" / "news"
GOLD = (NEWS / "train.jsonl", NEWS / "train_more.jsonl")


def counts(recs: list, docs: list) -> dict:
    """``{type: [tp, fp, fn]}`` of the five name types, exact spans, ignore regions removed."""
    out = {t: [0, 0, 0] for t in TYPES}
    for r, d in zip(recs, docs):
        ign = [(x["start"], x["end"]) for x in r.get("ignore", [])]

        def kept(s, e):
            return not any(a <= s and e <= b for a, b in ign)

        gold = {(e["start"], e["end"], e["type"]) for e in r.get("entities", [])
                if e["type"] in TYPES and kept(e["start"], e["end"])}
        pred = {(e.start, e.end, e.type) for e in d.entities if e.type in TYPES and kept(e.start, e.end)}
        for x in gold | pred:
            out[x[2]][0 if (x in gold and x in pred) else (1 if x in pred else 2)] += 1
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv=None) -> int:
    from crossfit_pipeline import fold_gold as fold_gold_files
    from retrain_default import crossfit_spec

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("crossfit", help="a folder written by evaluation/crossfit_ner.py")
    ap.add_argument("--model", default=str(REPO / "models" / "default"), help="the model folder around the fold NERs")
    ap.add_argument("--fold-person-names", action="store_true",
                    help="rebuild entity_filter's person names per fold without that fold's documents")
    ap.add_argument("--fold-latin", action="store_true",
                    help="retrain the Latin-name typer per fold without that fold's documents (its file's settings kept)")
    ap.add_argument("--json", default=None, help="write the counts here")
    args = ap.parse_args(argv)
    cf = Path(args.crossfit).resolve()
    if not (cf / "crossfit.json").is_file():
        ap.error(f"{cf} holds no crossfit.json (write one with evaluation/crossfit_ner.py)")
    recs = [r for p in GOLD for r in read_jsonl(p)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "model"
        shutil.copytree(args.model, out)
        spec = crossfit_spec(out, cf)
        n = json.loads((cf / "crossfit.json").read_text(encoding="utf-8"))["folds"]
        cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
        fold_gold = fold_gold_files(recs, n, Path(tmp)) if (args.fold_person_names or args.fold_latin) else []
        if args.fold_person_names:
            from extract.learn.person_names import person_names

            entry = next((e for e in cfg["pipeline"] if e["factory"] == "entity_filter.v1" and e.get("person_names")),
                         None)
            if entry is None:
                ap.error("--fold-person-names: the model's entity_filter names no person_names file")
            for k in range(n):
                target = spec.parent / f"fold{k}" / entry["person_names"]
                target.unlink()
                target.write_text("\n".join(person_names([fold_gold[k]], log=lambda m: None)) + "\n",
                                  encoding="utf-8")
        if args.fold_latin:
            from extract.learn.latin_names import train_latin_typer
            from extract.stages.latin_names import LatinTyper
            from retrain_default import LATIN_L2

            entry = next((e for e in cfg["pipeline"] if e["factory"] == "latin_typer.v1"), None)
            if entry is None:
                ap.error("--fold-latin: the model has no latin_typer.v1 component")
            shipped = LatinTyper.load(out / entry.get("path", "latin_names.json"))
            for k in range(n):
                typer = train_latin_typer([fold_gold[k]], shipped.threshold, shipped.drop_threshold, l2=LATIN_L2,
                                          keep_pairs=[sorted(p) for p in shipped.keep_pairs],
                                          add_threshold=shipped.add_threshold, log=lambda m: None)
                target = spec.parent / f"fold{k}" / entry.get("path", "latin_names.json")
                target.unlink()
                typer.save(target)
        docs = pipe_predicted(str(spec), [(r["text"], r["id"]) for r in recs],
                              exclude=("relations", "events", "facts"))
    c = counts(recs, docs)
    for t in TYPES:
        print(f"{t:9s} correct {c[t][0]:5d}  false {c[t][1]:5d}  missed {c[t][2]:5d}  F1 {f1(*c[t]):.3f}")
    tot = [sum(c[t][i] for t in TYPES) for i in range(3)]
    print(f"five types: F1 {f1(*tot):.3f} ({len(recs)} documents, {n} folds, NERs from {cf.name})")
    if args.json:
        Path(args.json).write_text(json.dumps({"command": "python " + " ".join(sys.argv), "documents": len(recs),
                                               "counts": c, "five_f1": round(f1(*tot), 4)}, indent=1) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
