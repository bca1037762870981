"""FUNDING arguments on the held-out DuEE 1.0 train funding records (issue 13), scored as DuEE does.

    python evaluation/events/duee_heldout.py --model default --model rules [--json evaluation/events/duee_heldout.json]

The held-out records are the 20 % of the DuEE 1.0 *train* funding records split off by
``evaluation/data/prepare.py`` (``events/duee_split.json``); no trainer reads them (nor any record
with the same text). DuEE's dev split is never read.

Matching follows DuEE's official argument metric: within one record, a predicted argument is
paired with a gold argument of the same role (greedily, best first) and scores the character-level
F1 of the two texts; precision = summed scores / predicted arguments, recall = summed scores /
gold arguments, micro over records. ``strict`` keeps DuEE's roles (融资方 → company, 领投方 →
lead_investor, 跟投方/投资方 → investor, 融资金额 → amount, 融资轮次 → round, 时间 → date);
``merged`` counts investor and lead_investor as one role. Texts are compared simplified
(``extract.eval.evaluate.simplify``).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from extract.doc import Document  # noqa: E402
from extract.eval.evaluate import simplify  # noqa: E402
from extract.learn.events import DUEE_ROLES, FUNDING, ZHIE_DATA, duee_records, duee_split  # noqa: E402
from extract.pipeline import load  # noqa: E402


def char_f1(a: str, b: str) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def match(gold: list, pred: list) -> float:
    """Summed char-F1 of a greedy best-first pairing of (role, text) lists, same role only."""
    pairs = sorted(((char_f1(p[1], g[1]), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                    if p[0] == g[0]), reverse=True)
    used_p, used_g, total = set(), set(), 0.0
    for s, i, j in pairs:
        if s <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        total += s
    return total


def gold_args(rec: dict) -> list:
    out = []
    for ev in rec.get("event_list", []):
        if ev.get("event_type") == FUNDING:
            out += [(DUEE_ROLES[a["role"]], simplify(a["argument"])) for a in ev["arguments"] if a["role"] in DUEE_ROLES]
    return sorted(set(out))


def pred_args(doc) -> list:
    return sorted({(a.role, simplify(a.text)) for ev in doc.events if ev.type == "FUNDING" for a in ev.arguments
                   if a.text})


def merge(args: list) -> list:
    return sorted({("investor" if r == "lead_investor" else r, t) for r, t in args})


def score_records(recs: list, preds: list) -> dict:
    """DuEE-style scores of ``preds`` (one list of (role, text) per record of ``recs``): strict and merged, each with
    per-role figures, and how many records got any argument."""
    out = {}
    for name, f in (("strict", lambda x: x), ("merged", merge)):
        s = np_ = ng = 0.0
        per = {}
        for r, pr_all in zip(recs, preds):
            g, p = f(gold_args(r)), f(pr_all)
            s += match(g, p)
            np_ += len(p)
            ng += len(g)
            for role in {x[0] for x in g + p}:
                gr, pr = [x for x in g if x[0] == role], [x for x in p if x[0] == role]
                t = per.setdefault(role, [0.0, 0, 0])
                t[0] += match(gr, pr)
                t[1] += len(pr)
                t[2] += len(gr)
        prf = lambda s, n_p, n_g: {"p": round(s / n_p, 4) if n_p else 0.0, "r": round(s / n_g, 4) if n_g else 0.0,
                                   "f1": round(2 * s / (n_p + n_g), 4) if n_p + n_g else 0.0}
        out[name] = {**prf(s, np_, ng), "pred": int(np_), "gold": int(ng),
                     "per_role": {k: {**prf(*v), "pred": v[1], "gold": v[2]} for k, v in sorted(per.items())}}
    return out


def write_json(path, res: dict) -> None:
    """``res`` as indented JSON at ``path`` (nothing when ``path`` is None)."""
    if path:
        Path(path).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def summary(r: dict, n: int) -> str:
    """One line: merged F1 (P, R), strict F1, records with an event."""
    return (f"merged F1 {r['merged']['f1']:.3f} (P {r['merged']['p']:.3f} R {r['merged']['r']:.3f}), "
            f"strict F1 {r['strict']['f1']:.3f}; records with an event {r['records_with_event']}/{n}")


def score_model(model: str, recs: list) -> dict:
    nlp = load(None if model == "default" else model)
    docs = list(nlp.pipe([Document(r["text"], id=r["id"]) for r in recs]))
    out = score_records(recs, [pred_args(d) for d in docs])
    out["records_with_event"] = sum(1 for d in docs if d.events)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", default=None, help="default, rules or a model folder (repeatable)")
    ap.add_argument("--json", default=None, help="write the results here")
    args = ap.parse_args()
    _, held = duee_split(ZHIE_DATA)
    recs = [r for r in duee_records(ZHIE_DATA) if r["id"] in held]
    res = {"command": "python " + " ".join(sys.argv), "records": len(recs), "results": {}}
    for m in args.model or ["default"]:
        res["results"][m] = score_model(m, recs)
        print(f"{m}: {summary(res['results'][m], len(recs))}")
    write_json(args.json, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
