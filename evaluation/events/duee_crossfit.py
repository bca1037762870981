"""FUNDING arguments on the DuEE 1.0 *training* funding records, cross-fitted (issue 13: error analysis).

    python evaluation/events/duee_crossfit.py [--model models/default] [--folds 5] [--out runs/duee-cf]
        [--json evaluation/events/duee_crossfit.json]

The held-out 20 % (``evaluation/events/duee_heldout.py``) has 17 records: too few to find error classes on,
and it must stay unread. This script gives a larger development figure without touching it: the 99 funding
records of the training part are cut into ``--folds`` folds; for each fold the FUNDING classifiers are
retrained as ``python -m extract.learn.events`` trains them (news train split + DuEE training records), less
that fold's records (and any record with the same text), with the decision settings of ``--model``'s
``events_learned.json`` (thresholds, ``union_rules`` …), and the fold's records run through the model folder
with those weights. Scoring is ``duee_heldout.py``'s (DuEE's char-level argument F1, strict and merged).

Documents run through ``--model`` once (up to, not including, relations); each fold's weights are written
to ``OUT/foldK/events_learned.json`` in a copy of the model folder whose other files are links, and
``OUT/pred.jsonl`` keeps every record's predicted arguments for error lists.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from duee_heldout import gold_args, pred_args, score_records, summary, write_json  # noqa: E402

from extract.doc import Document  # noqa: E402
from extract.learn import pipe_predicted  # noqa: E402
from extract.learn.events import (STOP_AT, ZHIE_DATA, duee_examples, duee_gold, duee_records,  # noqa: E402
                                  duee_split, news_examples)
from extract.stages.events.learned import DIM, FundingModel, prepare_data  # noqa: E402
from extract.stages.events.rules import _load  # noqa: E402

NEWS = ["annotations/news/train.jsonl", "annotations/news/train_more.jsonl"]


def model_copy(src: Path, dst: Path) -> Path:
    """``dst`` with a link to each file of ``src`` but ``events_learned.json``."""
    dst.mkdir(parents=True, exist_ok=True)
    for p in src.iterdir():
        q = dst / p.name
        if p.name == "events_learned.json" or q.exists() or q.is_symlink():
            continue
        os.symlink(p.resolve(), q)
    return dst


def assign_folds(records: list, k: int) -> dict:
    """Record id -> fold: records sorted by id, dealt round-robin (each fold within one record of the others)."""
    if k < 2:
        raise ValueError(f"--folds must be at least 2, got {k}")
    return {r["id"]: i % k for i, r in enumerate(sorted(records, key=lambda r: r["id"]))}


def score(recs: list, preds: list) -> dict:
    """``duee_heldout.score_records``, and the records that got any argument (a record's event may have none)."""
    return {**score_records(recs, preds), "records_with_event": sum(1 for p in preds if p)}


def main() -> int:
    from extract.learn.events import featurize
    from extract.pipeline import load
    from extract.stages.relations.classifier import fit

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="models/default", help="model folder (its other files are kept)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default="runs/duee-cf")
    ap.add_argument("--json", default=None, help="write the scores here")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=200)
    args = ap.parse_args()

    t0 = time.time()
    data = prepare_data(_load())
    train_ids, _ = duee_split(ZHIE_DATA)
    funding = sorted((r for r in duee_records(ZHIE_DATA) if r["id"] in train_ids and duee_gold(r)),
                     key=lambda r: r["id"])
    fold_of = assign_folds(funding, args.folds)
    items = news_examples(NEWS) + duee_examples(data, ZHIE_DATA)
    docs = pipe_predicted(args.model, [(t, i) for i, t, _ in items], exclude=STOP_AT)
    print(f"[duee-cf] {len(items)} training documents ({len(funding)} DuEE funding records in {args.folds} folds) "
          f"run through {args.model} in {time.time() - t0:.0f}s", file=sys.stderr)

    out = Path(args.out)
    preds = {}
    for k in range(args.folds):
        held = [r for r in funding if fold_of[r["id"]] == k]
        held_texts = {r["text"] for r in held}
        keep = [i for i, (doc_id, text, _) in enumerate(items)
                if fold_of.get(doc_id) != k and text not in held_texts]
        trig, role = featurize([docs[i] for i in keep], [items[i][2] for i in keep], data)
        fm = FundingModel.load(Path(args.model) / "events_learned.json")  # the shipped decision settings
        fm.trigger = fit(trig, epochs=args.epochs, l2=args.l2, dim=DIM)
        fm.role = fit(role, epochs=args.epochs, l2=args.l2, dim=DIM)
        folder = model_copy(Path(args.model), out / f"fold{k}")
        fm.save(folder / "events_learned.json")
        nlp = load(str(folder))
        for r, d in zip(held, nlp.pipe([Document(r["text"], id=r["id"]) for r in held])):
            preds[r["id"]] = pred_args(d)
        print(f"[duee-cf] fold {k}: {len(held)} records, trained on {len(keep)} documents", file=sys.stderr)

    recs = funding
    res = {"command": "python " + " ".join(sys.argv), "records": len(recs), "folds": args.folds,
           "model": args.model, **score(recs, [preds[r["id"]] for r in recs])}
    with open(out / "pred.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps({"id": r["id"], "pred": preds[r["id"]], "gold": gold_args(r)}, ensure_ascii=False)
                    + "\n")
    print(f"cross-fitted DuEE train funding: {summary(res, len(recs))}")
    write_json(args.json, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
