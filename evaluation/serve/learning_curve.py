"""Learning curve of the review queue: COMPANY F1 on news dev against the number of corrected train
documents, documents taken in uncertainty order (the review queue's) vs random order.

    python evaluation/serve/learning_curve.py                         # annotations/news/{train,dev}.jsonl
    python evaluation/serve/learning_curve.py --sizes 0 5 10 20 40 --random-seeds 1 2 3
    python evaluation/serve/learning_curve.py --train T.jsonl --dev D.jsonl --out /tmp/curve.json

It simulates the loop an analyst runs with ``zhie serve --review``: the gold record of a train document
stands for the analyst's correction of it. For each size n (``--sizes``):

- **uncertainty**: the documents are chosen as the review queue chooses them. Starting from the base
  model, the next ``n - previous n`` documents are the most uncertain remaining ones under the model
  fine-tuned on the documents chosen so far (the queue's score: expected wrongly tagged characters per
  1000 characters under the NER's CRF, :meth:`extract.serve.worker.Worker.rank`);
- **random**: the first n documents of a seeded shuffle (one curve per ``--random-seeds`` seed).

Each point fine-tunes ``--base`` (``models/default``) on the chosen documents exactly as
``zhie train --data STORE --base models/default`` does (:func:`extract.learn.train.train`, no held-out
split; ``--set`` overrides pass through, e.g. ``--set training.epochs=3`` to save time) and scores the
full pipeline on dev with the SCHEMA scorer: COMPANY P/R/F1 (exact spans) and entity micro F1. n = 0 is
the base model. Writes the curves to ``--out`` (default evaluation/serve/learning_curve.json).

The news corpus (annotations/news/) does not exist yet; until it does the script says so and stops.
"""
from __future__ import annotations

import argparse
import shlex
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

from extract.eval.evaluate import score  # noqa: E402
from extract.io.formats import read_records  # noqa: E402
from extract.learn.train import train  # noqa: E402
from extract.pipeline import load  # noqa: E402
from extract.serve.worker import Worker  # noqa: E402

NEWS = REPO / "annotations" / "news"


def evaluate(model, dev: list) -> dict:
    nlp = load(model)
    preds = list(nlp.pipe(((r["text"], r["id"]) for r in dev), batch_size=8))
    rep = score(dev, preds)["entities"]
    company = rep["per_type"].get("COMPANY", {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0})
    return {"company": {k: company[k] for k in ("p", "r", "f1", "tp", "fp", "fn")},
            "entities_micro_f1": rep["micro"]["f1"]}


def fine_tune(chosen: list, base: str, work: Path, overrides: list, rehearsal: bool) -> Path:
    data = work / "store"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    with open(data / "annotations.jsonl", "w", encoding="utf-8") as f:
        for r in chosen:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = work / "model"
    train([data], out, base=base, holdout=0.0, overrides=overrides, rehearsal=rehearsal, progress=False,
          log=lambda m: print(m, file=sys.stderr))
    return out / "model-best"


def uncertainty_order(model, pool: list) -> list:
    """``pool`` sorted most uncertain first, by the review queue's score under ``model``."""
    worker = Worker(model)
    u = worker.rank([(r["id"], r["text"]) for r in pool])
    per_k = [1000.0 * x / max(1, len(r["text"])) for x, r in zip(u, pool)]
    return [r for _, _, r in sorted(zip(per_k, [r["id"] for r in pool], pool), key=lambda t: (-t[0], t[1]))]


def curve(order: str, train_recs: list, dev: list, sizes: list, base: str, work: Path, overrides: list,
          rehearsal: bool, seed: int = 0) -> list:
    points, chosen, model = [], [], base
    shuffled = list(train_recs)
    random.Random(seed).shuffle(shuffled)
    for n in sizes:
        n = min(n, len(train_recs))
        t0 = time.time()
        if order == "random":
            chosen = shuffled[:n]
        else:
            rest = [r for r in train_recs if r["id"] not in {c["id"] for c in chosen}]
            chosen = chosen + uncertainty_order(model, rest)[:n - len(chosen)] if n > len(chosen) else chosen
        model = fine_tune(chosen, base, work / f"{order}-{seed}-{n}", overrides, rehearsal) if n else base
        point = {"n": n, "ids": [r["id"] for r in chosen], **evaluate(model, dev),
                 "seconds": round(time.time() - t0, 1)}
        print(f"[{order}{'' if order == 'uncertainty' else f' seed {seed}'}] n={n}: COMPANY F1 "
              f"{point['company']['f1']:.3f}, entity micro F1 {point['entities_micro_f1']:.3f} "
              f"({point['seconds']} s)", file=sys.stderr)
        points.append(point)
    return points


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default=str(NEWS / "train.jsonl"))
    ap.add_argument("--dev", default=str(NEWS / "dev.jsonl"))
    ap.add_argument("--base", default=str(REPO / "models" / "default"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[0, 5, 10, 20, 40])
    ap.add_argument("--random-seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=JSON", help="training overrides")
    ap.add_argument("--no-rehearsal", action="store_true")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "learning_curve.json"))
    ap.add_argument("--note", default="", help="a line stored with the results (e.g. 'stand-in data')")
    args = ap.parse_args(argv)
    for p in (args.train, args.dev):
        if not Path(p).is_file():
            print(f"learning_curve: {p} does not exist. The measurement needs an annotated news corpus "
                  f"(SCHEMA JSONL with COMPANY entities): annotations/news/train.jsonl and dev.jsonl, or pass "
                  f"--train/--dev.", file=sys.stderr)
            return 2
    train_recs, dev = list(read_records(args.train)), list(read_records(args.dev))
    sizes = sorted(set(args.sizes))
    work = Path(tempfile.mkdtemp(prefix="zhie-curve-"))
    try:
        curves = {"uncertainty": curve("uncertainty", train_recs, dev, sizes, args.base, work, args.set,
                                       not args.no_rehearsal)}
        for s in args.random_seeds:
            curves[f"random_seed{s}"] = curve("random", train_recs, dev, sizes, args.base, work, args.set,
                                              not args.no_rehearsal, seed=s)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rnd = [k for k in curves if k.startswith("random")]
    table = []
    for i, n in enumerate(sizes):
        r = [curves[k][i]["company"]["f1"] for k in rnd]
        table.append({"n": n, "uncertainty_company_f1": curves["uncertainty"][i]["company"]["f1"],
                      "random_company_f1_mean": round(sum(r) / len(r), 4) if r else None,
                      "random_company_f1_min_max": [min(r), max(r)] if r else None})
    result = {"command": "python evaluation/serve/learning_curve.py " + shlex.join(argv if argv is not None else sys.argv[1:]),
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "note": args.note,
              "train": {"path": args.train, "documents": len(train_recs)}, "dev": {"path": args.dev, "documents": len(dev)},
              "base": args.base, "overrides": args.set, "rehearsal": not args.no_rehearsal,
              "table": table, "curves": curves}
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("n   uncertainty  random (mean [min, max])")
    for row in table:
        mm = row["random_company_f1_min_max"]
        print(f"{row['n']:<4}{row['uncertainty_company_f1']:.3f}        "
              + (f"{row['random_company_f1_mean']:.3f} [{mm[0]:.3f}, {mm[1]:.3f}]" if mm else "–"))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
