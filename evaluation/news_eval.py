"""Score systems on a ZhIE-News split, with 95 % bootstrap intervals over documents.

    python evaluation/news_eval.py --split dev                 # any time: error analysis and tuning
    python evaluation/news_eval.py --split select --model new=runs/m   # choosing between candidate models
    python evaluation/news_eval.py --split test --release "v0.2: NER v4"   # release points only

The select split (``annotations/news/select.jsonl``, session 22) is held out from all training and is not read for
error analysis: dev has decided so many changes that it leans towards the model they were made with, so candidates
(a new NER, retrained classifiers) are compared on select instead.

Systems (the same three columns as the seed report): the jieba.posseg baseline, rules only, and
the shipped default model. Each pipeline runs once over the split's texts (no training on them).
Writes ``evaluation/results/news_<split>.json``; for the test split, ``--release`` is required and
one row per release is appended to ``evaluation/news_test_log.md`` (commit, date, gold sha256,
headline numbers). ``evaluation/make_report.py`` shows the latest results of both splits first.

Intervals: documents are resampled with replacement (1,000 draws, seed 0); each measure is
re-pooled (micro) on every draw; the interval is its 2.5th and 97.5th percentiles.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extract.eval.baselines import BASELINE_CONFIG  # noqa: E402
from extract.eval.evaluate import read_jsonl, score  # noqa: E402
from extract.pipeline import load  # noqa: E402

NEWS = REPO / "annotations" / "news"
SYSTEMS = [("baseline-jieba", BASELINE_CONFIG), ("rules", "rules"), ("full", None)]
ENTITY_TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY", "POLICY", "DATE", "FIGURE", "RANK")


def measures(rep: dict) -> dict:
    """name -> (tp, fp, fn) for F1 measures, or (correct, total) for accuracies, from one score() report."""
    out = {}
    prf = lambda d: (d["tp"], d["fp"], d["fn"])
    out["entities"] = prf(rep["entities"]["micro"])
    for t in ENTITY_TYPES:
        if t in rep["entities"]["per_type"]:
            out[f"entities/{t}"] = prf(rep["entities"]["per_type"][t])
    for t in ("FIGURE", "RANK"):
        a = rep.get("attributes", {}).get(t)
        if a and a["matched"]:
            out[f"attrs/{t}"] = (round(a["matched"] * a["all_correct"]), a["matched"])
            for k, v in a["per_attr"].items():
                out[f"attrs/{t}.{k}"] = (v["correct"], v["total"])
    out["relations"] = prf(rep["relations"]["micro"])
    for t, v in rep["relations"]["per_type"].items():
        out[f"relations/{t}"] = prf(v)
    out["events/triggers"] = prf(rep["events"]["triggers"]["micro"])
    out["events/arguments"] = prf(rep["events"]["arguments"]["micro"])
    for r, v in rep["events"]["arguments"]["per_role"].items():
        out[f"events/arguments/{r}"] = prf(v)
    out["facts"] = prf(rep["facts"]["micro"])
    for t, v in rep["facts"]["per_type"].items():
        out[f"facts/{t}"] = prf(v)
    m = rep["facts"]["metric_spans"]
    out["facts/metric_chars"] = ("chars", m["overlap_chars"], m["pred_chars"], m["gold_chars"])
    return out


def _value(rows: list):
    if not rows:
        return None
    if rows[0][0] == "chars":
        ov, pc, gc = (sum(r[i] for r in rows) for i in (1, 2, 3))
        p, r = (ov / pc if pc else 0.0), (ov / gc if gc else 0.0)
        return 2 * p * r / (p + r) if p + r else 0.0
    if len(rows[0]) == 2:
        c, n = sum(r[0] for r in rows), sum(r[1] for r in rows)
        return c / n if n else None
    tp, fp, fn = (sum(r[i] for r in rows) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp else (0.0 if fp + fn else None)


def bootstrap(per_doc: list, draws: int = 1000, seed: int = 0) -> dict:
    """per_doc: one measures() dict per document → name -> {value, lo, hi, counts}."""
    names = sorted({k for d in per_doc for k in d})
    rng = random.Random(seed)
    samples = [[rng.randrange(len(per_doc)) for _ in per_doc] for _ in range(draws)]
    out = {}
    for k in names:
        rows = [d.get(k) for d in per_doc]
        present = [r for r in rows if r is not None]
        val = _value(present)
        if val is None:
            continue
        dist = sorted(v for v in (_value([rows[i] for i in s if rows[i] is not None]) for s in samples) if v is not None)
        first = present[0]
        counts = ({"overlap_chars": sum(r[1] for r in present), "pred_chars": sum(r[2] for r in present),
                   "gold_chars": sum(r[3] for r in present)} if first[0] == "chars" else
                  {"correct": sum(r[0] for r in present), "total": sum(r[1] for r in present)} if len(first) == 2 else
                  {"tp": sum(r[0] for r in present), "fp": sum(r[1] for r in present), "fn": sum(r[2] for r in present)})
        out[k] = {"value": round(val, 4), "lo": round(dist[int(0.025 * len(dist))], 4),
                  "hi": round(dist[max(0, int(0.975 * len(dist)) - 1)], 4), **counts}
    return out


def document_bootstrap(gold_docs, preds) -> dict:
    """:func:`bootstrap` over the documents of ``preds`` against ``gold_docs`` (in the same order)."""
    return bootstrap([measures(score([g], [p])) for g, p in zip(gold_docs, preds)])


def run_system(config, gold_docs) -> dict:
    nlp = load(config)
    from extract.doc import Document
    preds = list(nlp.pipe((Document(d.text, id=d.id) for d in gold_docs), batch_size=8))
    pooled = score(gold_docs, preds)
    return {"pipeline": nlp.name, "pooled": {k: v for k, v in pooled.items() if k != "docs"},
            "errors": pooled["docs"].get("errors", {}), "bootstrap": document_bootstrap(gold_docs, preds)}


def _git(*args) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "unknown"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "select", "test"), required=True,
                    help="dev (tuning), select (the model-selection set: candidates are compared there, never tuned "
                         "on; annotations/news/select.jsonl) or test (release points only)")
    ap.add_argument("--release", help="the release this test scoring is for (required for --split test)")
    ap.add_argument("--systems", default=",".join(k for k, _ in SYSTEMS))
    ap.add_argument("--model", action="append", default=[], metavar="NAME=PATH",
                    help="also score this model folder under NAME (dev or select: candidates are compared there)")
    args = ap.parse_args(argv)
    if args.split == "test" and not args.release:
        ap.error("the test split is scored only at release points: give --release NAME (it is logged)")
    gold_path = NEWS / f"{args.split}.jsonl"
    if not gold_path.exists():
        ap.error(f"{gold_path} does not exist yet")
    gold = read_jsonl(gold_path)
    wanted = args.systems.split(",")
    result = {"split": args.split, "gold": str(gold_path.relative_to(REPO)),
              "gold_sha256": hashlib.sha256(gold_path.read_bytes()).hexdigest(), "documents": len(gold),
              "commit": _git("rev-parse", "--short", "HEAD"), "dirty": bool(_git("status", "--porcelain", "extract", "models")),
              "date": datetime.date.today().isoformat(), "release": args.release, "systems": {}}
    extra = [tuple(m.split("=", 1)) for m in args.model]
    if extra and args.split == "test":
        ap.error("--model is for comparing candidates on the dev or select split; the test split scores the shipped "
                 "systems")
    for name, cfg in SYSTEMS + extra:
        if name in wanted or (name, cfg) in extra:
            print(f"news_eval: {name} on {args.split} ({len(gold)} documents) …", file=sys.stderr)
            result["systems"][name] = run_system(cfg, gold)
    out = REPO / "evaluation" / "results" / (f"news_{args.split}.json" if not extra else f"news_{args.split}_candidates.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.split == "test":
        log = REPO / "evaluation" / "news_test_log.md"
        if not log.exists():
            log.write_text("# News test split: every scoring, one row each\n\nThe test split "
                           "(`annotations/news/test.jsonl`) is scored only at release points, by "
                           "`python evaluation/news_eval.py --split test --release NAME`. Never used for error "
                           "analysis or tuning.\n\n| date | commit | release | gold sha256 | system | entities F1 | "
                           "relations F1 | event args F1 | triggers F1 | facts F1 |\n|---|---|---|---|---|---|---|---|---|---|\n",
                           encoding="utf-8")
        rows = []
        for name, r in result["systems"].items():
            b = r["bootstrap"]
            g = lambda k: f"{b[k]['value']:.3f}" if k in b else "–"
            rows.append(f"| {result['date']} | {result['commit']}{'+dirty' if result['dirty'] else ''} | {args.release} | "
                        f"{result['gold_sha256'][:12]} | {name} | {g('entities')} | {g('relations')} | "
                        f"{g('events/arguments')} | {g('events/triggers')} | {g('facts')} |")
        with open(log, "a", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
    print(f"news_eval: wrote {out.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
