#!/usr/bin/env python3
"""Every layer scored on the news training documents, each run through a whole model folder that never saw it.

    python evaluation/crossfit_ner.py evaluation/ner/news_v10.json runs/crossfit-v10 --folds 2 --jobs 2   # once
    python evaluation/crossfit_pipeline.py runs/crossfit-v10 --out runs/cfp [--model models/default] [--jobs 2]

``evaluation/ner/crossfit_eval.py`` makes the 555 training documents (train split and extension) an honest test of
the NER: each goes through a fold NER that never saw it. The classifiers after the NER (relations, FUNDING events,
the fact chooser and the metric trimmer) and the small learned lists (person names, the Latin-name typer) were
trained on those documents too, so their figures there would still be optimistic. Here each fold ``k`` gets a whole
model folder, ``OUT/fold{k}``: a copy of ``--model`` whose NER is the fold NER and whose learned files are retrained
by ``evaluation/retrain_default.py`` (steps ``names mentions latin relations events chooser trimmer``, the shipped
recipe) on the documents outside fold ``k``, over that fold NER's entities, as the shipped files were trained on the
shipped NER's; the match filters (``mentions*.json``) on cross-fitted candidates, as the shipped ones: each of those
documents through the fold NER of the cross-fitting folder that never saw it. (Until session 22 the match filters
were not refitted per fold: the shipped ones, which learned on all 555 documents, made the cross-fitted INDUSTRY
figure about 0.05 too high.) The documents of fold ``k`` then run through ``OUT/fold{k}``, and every layer is scored
on all of them.

Not refitted per fold: the gazetteers and the rules. The fold NERs follow their own recipe (the config in the
cross-fitting folder), not necessarily the shipped NER's, and each saw about half the news, so the figures here sit
somewhat below what the shipped model does on new news.

Writes ``OUT/folds.json`` (a cross-fitting file for ``extract.learn.pipe_predicted``), ``OUT/pred.jsonl`` (the
predictions, SCHEMA JSONL, in the gold's order) and ``OUT/report.json`` (``zhie evaluate``'s report), and prints
the report. ``--results evaluation/results/news_crossfit.json`` also writes the measures with 95 % bootstrap intervals
over documents, as ``evaluation/news_eval.py`` does for dev and test, for ``evaluation/make_report.py``. A fold
folder that holds ``retrained.json`` is reused (delete it to retrain); ``--score-only`` skips training. Never reads
the news dev or test split.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.eval.evaluate import format_report, score, write_jsonl  # noqa: E402
from extract.io.readers import read_jsonl  # noqa: E402
from extract.learn import fold_of, pipe_predicted  # noqa: E402

NEWS = REPO / "annotations" / "news"
GOLD = (NEWS / "train.jsonl", NEWS / "train_more.jsonl")
FOLD_STEPS = ("ner", "names", "mentions", "latin", "relations", "events", "chooser", "trimmer")
DONE = "retrained.json"


def fold_gold(recs: list, n: int, out: Path) -> list:
    """For each fold, a gold file of the documents outside it (what that fold's learners read)."""
    paths = []
    for k in range(n):
        path = out / f"gold_not_{k}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for r in recs:
                if fold_of(r["id"], n) != k:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def retrain_command(base: Path, ner: Path, gold: Path, dest: Path, cf: Path) -> list:
    """The match filters learn on cross-fitted candidates (each training document through the fold NER of ``cf``
    that never saw it), as the shipped ones were; the other classifiers over the fold NER, as the shipped ones over
    the shipped NER."""
    return [sys.executable, str(REPO / "evaluation" / "retrain_default.py"), "--gold", str(gold), "--base", str(base),
            "--ner", str(ner), "--out", str(dest), "--steps", *FOLD_STEPS, "--crossfit", str(cf),
            "--crossfit-steps", "mentions"]


def train_folds(cf: Path, base: Path, out: Path, recs: list, jobs: int) -> list:
    """The fold model folders, retrained where they are not already (``jobs`` at a time); their logs go to
    ``OUT/fold{k}.log``."""
    info = json.loads((cf / "crossfit.json").read_text(encoding="utf-8"))
    n = info["folds"]
    golds = fold_gold(recs, n, out)
    dests = [out / f"fold{k}" for k in range(n)]
    todo = [k for k in range(n) if not (dests[k] / DONE).is_file()]
    pending, running = list(todo), []
    while pending or running:
        while pending and len(running) < jobs:
            k = pending.pop(0)
            if dests[k].exists():  # a half-written folder from an interrupted run: retrain_default would reuse it
                raise SystemExit(f"error: {dests[k]} exists without {DONE} (an interrupted run?); delete it and rerun")
            cmd = retrain_command(base, cf / info["ner"][k], golds[k], dests[k], cf)
            print(f"fold {k}: retraining on {sum(fold_of(r['id'], n) != k for r in recs)} documents → {dests[k]} "
                  f"(log {out / f'fold{k}.log'})", flush=True)
            log = open(out / f"fold{k}.log", "w", encoding="utf-8")
            running.append((k, subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=REPO), log, time.time()))
        time.sleep(2)
        for item in list(running):
            k, proc, log, t0 = item
            if proc.poll() is None:
                continue
            log.close()
            running.remove(item)
            if proc.returncode:
                raise SystemExit(f"error: fold {k} failed (exit {proc.returncode}); see {out / f'fold{k}.log'}")
            (dests[k] / DONE).write_text(json.dumps({"command": " ".join(proc.args), "seconds": round(
                time.time() - t0, 1)}, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"fold {k}: done in {time.time() - t0:.0f} s", flush=True)
    (out / "folds.json").write_text(json.dumps({"folds": n, "models": [d.name for d in dests]}) + "\n",
                                    encoding="utf-8")
    return dests


def write_results(path: Path, recs: list, docs: list, args, cf: Path, out: Path) -> None:
    """The measures of ``evaluation/news_eval.py`` (pooled counts, bootstrap intervals over documents) for the
    cross-fitted predictions, with what produced them."""
    import datetime
    import hashlib
    from extract.doc import Document

    sys.path.insert(0, str(REPO / "evaluation"))
    from news_eval import _git, document_bootstrap

    digest = hashlib.sha256()
    for g in args.gold:
        digest.update(Path(g).read_bytes())
    boot = document_bootstrap([Document.from_dict(r) for r in recs], docs)
    shown = [Path(g).resolve() for g in args.gold]
    result = {"split": "train (cross-fitted)", "gold": [str(g.relative_to(REPO)) if g.is_relative_to(REPO) else str(g)
                                                        for g in shown],
              "gold_sha256": digest.hexdigest(), "documents": len(recs), "commit": _git("rev-parse", "--short", "HEAD"),
              "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
              "date": datetime.date.today().isoformat(), "crossfit": cf.name, "folds": out.name,
              "command": "python evaluation/crossfit_pipeline.py " + " ".join(sys.argv[1:]),
              "systems": {"full": {"pipeline": "default (one fold folder per document)", "bootstrap": boot}}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"results with bootstrap intervals: {path}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("crossfit", help="a folder written by evaluation/crossfit_ner.py (the fold NERs)")
    ap.add_argument("--out", required=True, help="where the fold model folders, predictions and report go")
    ap.add_argument("--model", default=str(REPO / "models" / "default"), help="the model folder to cross-fit")
    ap.add_argument("--jobs", type=int, default=2, help="folds retrained at once")
    ap.add_argument("--score-only", action="store_true", help="use the fold folders as they are")
    ap.add_argument("--results", help="also write the measures with bootstrap intervals here (JSON, for make_report)")
    ap.add_argument("--gold", nargs="+", default=[str(p) for p in GOLD],
                    help="the documents the fold NERs were split over (default: the news train split and extension)")
    args = ap.parse_args(argv)
    cf, out = Path(args.crossfit).resolve(), Path(args.out).resolve()
    if not (cf / "crossfit.json").is_file():
        ap.error(f"{cf} holds no crossfit.json (write one with evaluation/crossfit_ner.py)")
    out.mkdir(parents=True, exist_ok=True)
    recs = [r for p in args.gold for r in read_jsonl(p)]
    if not args.score_only:
        train_folds(cf, Path(args.model).resolve(), out, recs, max(1, args.jobs))
    elif not (out / "folds.json").is_file():
        ap.error(f"--score-only: {out} holds no folds.json")
    t0 = time.time()
    docs = pipe_predicted(str(out / "folds.json"), [(r["text"], r["id"]) for r in recs])
    write_jsonl(docs, out / "pred.jsonl")
    report = score(recs, docs)
    report["command"] = "python " + " ".join([Path(sys.argv[0]).name] + sys.argv[1:])
    report["documents"] = len(recs)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(format_report(report))
    if args.results:
        write_results(Path(args.results), recs, docs, args, cf, out)
    print(f"{len(recs)} documents, each through the fold folder that never saw it ({time.time() - t0:.0f} s); "
          f"predictions {out / 'pred.jsonl'}, report {out / 'report.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
