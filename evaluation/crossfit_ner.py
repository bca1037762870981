#!/usr/bin/env python3
"""Train the cross-fitting NERs: K copies of an NER recipe, each without one fold of the ZhIE-News documents.

    python evaluation/crossfit_ner.py evaluation/ner/news_v10.json runs/crossfit-v10 --folds 2 --jobs 2

The learned classifiers of a model folder (relations, FUNDING, facts) train on the entities the pipeline
finds in their training documents. The shipped NER was trained on those same documents and finds nearly
their gold entities there, far better than on new text, so classifiers trained over it learn to trust
entities too much (news dev, 2026-12-04: retrained over the v10 NER, relations fell from 0.517 to 0.449).
Cross-fitting gives each training document the entities of an NER that never saw it: fold ``k``'s NER is
the recipe with every ``zhienews`` corpus of the config given ``"exclude_fold": [k, K]`` (documents are
assigned to folds by :func:`extract.learn.fold_of`, from their id). Its ``model-best`` goes to
``OUT/fold{k}``; ``evaluation/retrain_default.py --crossfit OUT`` then trains the classifiers on them.
Nothing here reads the news dev or test split (the configs' own dev set is BosonNLP's).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def fold_configs(cfg: dict, folds: int) -> list:
    """The K configs: ``cfg`` with ``exclude_fold`` on every zhienews corpus."""
    if not any(c["corpus"] == "zhienews" for c in cfg["corpora"]):
        raise ValueError("the config trains on no zhienews corpus: nothing to cross-fit")
    out = []
    for k in range(folds):
        c = json.loads(json.dumps(cfg))
        for spec in c["corpora"]:
            if spec["corpus"] == "zhienews":
                spec["exclude_fold"] = [k, folds]
            elif spec["corpus"] == "pseudo":  # the labels of a teacher that never saw fold k (pseudo_label.py)
                if not spec.get("fold_path"):
                    raise ValueError("a pseudo corpus needs a fold_path to be cross-fitted: labels by the shipped "
                                     "teacher would carry fold k's names into fold k's NER")
                spec["exclude_fold"] = [k, folds]
        c["_doc"] = f"cross-fitting fold {k} of {folds} (no zhienews document of fold {k}); from: " + cfg.get("_doc", "")
        out.append(c)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("config", help="the NER recipe (evaluation/ner/*.json)")
    ap.add_argument("out", help="folder for the fold configs, runs and models")
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1, help="folds trained at once (each uses the config's threads)")
    args = ap.parse_args(argv)
    if args.folds < 2:
        ap.error("--folds must be at least 2")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    cfg = json.loads(Path(args.config).read_text(encoding="utf-8"))
    cmds = []
    for k, c in enumerate(fold_configs(cfg, args.folds)):
        p = out / f"fold{k}.json"
        p.write_text(json.dumps(c, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        cmds.append((k, [sys.executable, "-m", "extract.learn.ner.train", str(p), str(out / f"run{k}")]))
    t0 = time.time()
    running = []
    while cmds or running:
        while cmds and len(running) < args.jobs:
            k, cmd = cmds.pop(0)
            print("$", " ".join(cmd), flush=True)
            log = open(out / f"run{k}.log", "w", encoding="utf-8")
            running.append((k, subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT), log))
        time.sleep(5)
        for item in list(running):
            k, proc, log = item
            if proc.poll() is None:
                continue
            log.close()
            running.remove(item)
            if proc.returncode != 0:
                print(f"fold {k} failed (exit {proc.returncode}); see {out / f'run{k}.log'}", file=sys.stderr)
                for _, p, _ in running:
                    p.terminate()
                return 1
            shutil.rmtree(out / f"fold{k}", ignore_errors=True)
            shutil.copytree(out / f"run{k}" / "model-best", out / f"fold{k}")
            print(f"fold {k} done ({time.time() - t0:.0f} s) -> {out / f'fold{k}'}", flush=True)
    (out / "crossfit.json").write_text(json.dumps({"folds": args.folds, "config": str(Path(args.config)),
                                                   "ner": [f"fold{k}" for k in range(args.folds)]}, indent=1) + "\n",
                                       encoding="utf-8")
    print(f"done: {out} (use it with: python evaluation/retrain_default.py … --crossfit {out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
