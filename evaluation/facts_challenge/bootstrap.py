"""Sentence-level bootstrap interval for the facts micro F1 in a results.json of score.py.

    python evaluation/facts_challenge/bootstrap.py evaluation/facts_challenge/results.json

Re-counts tp/fp/fn per sentence from the ``per_doc`` fact lists (tuples of type,
subject, value, position; NFKC-folded, which equals the scorer's simplification
on this simplified-script set; the totals are checked against the scorer's),
then resamples sentences with replacement (5,000 draws, seed 0).
"""
from __future__ import annotations

import json
import random
import sys
import unicodedata
from collections import Counter


def _key(f: dict) -> tuple:
    fold = (lambda s: None if s is None else unicodedata.normalize("NFKC", s))
    return f["type"], fold(f["subject"]), fold(f["value"]), f.get("position")


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def interval(per_doc: list, draws: int = 5000, seed: int = 0):
    rows = []
    for d in per_doc:
        g, p = Counter(map(_key, d["gold"])), Counter(map(_key, d["pred"]))
        tp = sum((g & p).values())
        rows.append((tp, sum(p.values()) - tp, sum(g.values()) - tp))
    total = tuple(sum(r[i] for r in rows) for i in range(3))
    rng = random.Random(seed)
    samples = sorted(_f1(*(sum(r[i] for r in s) for i in range(3)))
                     for s in ([rng.choice(rows) for _ in rows] for _ in range(draws)))
    return total, _f1(*total), samples[int(0.025 * draws)], samples[int(0.975 * draws) - 1]


def main(path: str) -> int:
    res = json.load(open(path, encoding="utf-8"))["results"]
    for name, r in res.items():
        if "per_doc" not in r:
            continue
        (tp, fp, fn), f1, lo, hi = interval(r["per_doc"])
        micro = r["facts"]["micro"]
        assert (tp, fp, fn) == (micro["tp"], micro["fp"], micro["fn"]), "re-count differs from the scorer"
        print(f"{name}: facts micro F1 {f1:.3f} (tp {tp} fp {fp} fn {fn}), 95% sentence bootstrap {lo:.3f}-{hi:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "evaluation/facts_challenge/results.json"))
