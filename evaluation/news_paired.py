#!/usr/bin/env python3
"""Paired bootstrap of the difference between two model folders on a ZhIE-News split (dev) or the seeds.

    python evaluation/news_paired.py dev OLD_MODEL NEW_MODEL [--draws 1000]

Both pipelines run on every document; the documents are resampled with replacement (the same draw for both
models), and the pooled F1 difference NEW − OLD is recomputed per draw for: the five NER types (micro), all
entities, relations, FUNDING arguments and facts. Prints the difference on the whole split, its 95 % interval
and the share of draws where NEW is ahead. ``OLD_MODEL`` may be ``default``; an older release's folder can be
had with ``git worktree add /tmp/old REV`` (its ``models/default``). Dev or seeds only: the test split is
scored at release points by ``news_eval.py``.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.doc import NAME_TYPES, Document  # noqa: E402
from extract.eval.evaluate import read_jsonl, score  # noqa: E402
from extract.pipeline import load  # noqa: E402
from news_eval import _value, measures  # noqa: E402  (this folder: the per-document counts it bootstraps)

SHOWN = {"five": "five", "entities": "entities", "relations": "relations", "events/arguments": "arguments",
         "facts": "facts"}  # measures() name -> printed name


def counts(rep: dict) -> dict:
    """news_eval's per-document counts, plus the five NER types pooled (``five``)."""
    out = measures(rep)
    out["five"] = tuple(sum(out.get(f"entities/{t}", (0, 0, 0))[i] for t in NAME_TYPES) for i in range(3))
    return out


def f1(rows) -> float:
    return _value(rows) or 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split", choices=("dev", "seeds"))
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--draws", type=int, default=1000)
    args = ap.parse_args(argv)
    path = REPO / "annotations" / ("gold.jsonl" if args.split == "seeds" else "news/dev.jsonl")
    gold = read_jsonl(path)
    a, b = (load(None if m == "default" else m) for m in (args.old, args.new))
    per = [(counts(score([g], [a(Document(g.text, id=g.id))])), counts(score([g], [b(Document(g.text, id=g.id))])))
           for g in gold]
    rng = random.Random(0)
    for k, name in SHOWN.items():
        d0 = f1([y[k] for _, y in per]) - f1([x[k] for x, _ in per])
        ds = sorted(f1([y[k] for _, y in s]) - f1([x[k] for x, _ in s])
                    for s in ([per[rng.randrange(len(per))] for _ in per] for _ in range(args.draws)))
        lo, hi = ds[int(0.025 * len(ds))], ds[int(0.975 * len(ds)) - 1]
        print(f"{name:10s} {d0:+.3f}  95% [{lo:+.3f}, {hi:+.3f}]  new ahead in {sum(x > 0 for x in ds) / len(ds):.0%} of draws")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
