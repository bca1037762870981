"""Score ZhIE's RANKING facts on the blind RANKING challenge set (see NOTES.md).

    nice python evaluation/ranking_challenge/score.py --model default --model rules \
        --json evaluation/ranking_challenge/results.json

The set (``ranking_challenge.jsonl``) is 60 paragraphs of 2025 Chinese news from the public RSS mirror
``zhigehe/bulwark``, picked by a plain regular expression for ranking cues (``pick_passages.py``) and
annotated by hand, without running ZhIE, for every RANK and every RANKING fact. Other entity types are
annotated only where a fact needs them, and no METRIC facts are, so only these are scored:

* RANKING facts: the SCHEMA §6 tuples (type, simplified subject text, simplified value text, position),
  P/R/F1 with tp/fp/fn (predicted METRIC facts are left out before scoring), and the metric-span
  character overlap of the RANKING facts;
* RANK entities: exact-span P/R/F1, and the accuracy of rank/top over the matched ones.

Each model's predictions and the gold facts per paragraph go into the JSON, with the diagnosis of every
missed gold fact: its RANK not found, found with no RANKING, or ranked with other subjects.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
ANNOTATIONS = HERE / "ranking_challenge.jsonl"


def _events_build():
    spec = importlib.util.spec_from_file_location("events_build", REPO_ROOT / "evaluation" / "events" / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ranking_only(rec: dict) -> dict:
    """``rec`` with its METRIC facts left out (the set annotates RANKING facts only)."""
    return {**rec, "facts": [f for f in rec.get("facts", []) if f.get("type") == "RANKING"]}


def _tuples(rec: dict) -> list:
    """The RANKING tuples of a record as the scorer keys them (``extract.eval.evaluate``: simplified subject and value
    texts, position), in the record's fact order."""
    from extract.doc import Document
    from extract.eval.evaluate import _ent_text

    doc = Document.from_dict(rec)
    return [(_ent_text(f.subject), _ent_text(f.value), f.position) for f in doc.facts if f.type == "RANKING"]


def diagnose(gold: dict, pred: dict) -> list:
    """One line per missed gold RANKING: ``rank missing`` (no predicted RANK at its span), ``no ranking`` (the RANK is
    found, no RANKING on it), ``other position`` (a RANKING of the same subject on it, another position) or ``other
    subject``."""
    from extract.doc import Document

    g, p = Document.from_dict(gold), Document.from_dict(pred)
    ranks = {(e.start, e.end) for e in p.entities if e.type == "RANK"}
    ranked = {}
    for f, t in zip([f for f in p.facts if f.type == "RANKING"], _tuples(pred)):
        ranked.setdefault((f.value.start, f.value.end), []).append(t)
    got = set(_tuples(pred))
    out = []
    for f, t in zip([f for f in g.facts if f.type == "RANKING"], _tuples(gold)):
        if t in got:
            continue
        span = (f.value.start, f.value.end)
        if span not in ranks:
            kind = "rank missing"
        elif span not in ranked:
            kind = "no ranking"
        else:
            kind = "other position" if any(x[0] == t[0] for x in ranked[span]) else "other subject"
        out.append({"kind": kind, "subject": t[0], "value": t[1], "position": t[2],
                    "predicted": [x[0] for x in ranked.get(span, [])] or None})
    return out


def run_model(name: str, records: list) -> dict:
    import torch

    from extract import load
    from extract.eval.evaluate import score

    torch.set_num_threads(1)
    t0 = time.time()
    nlp = load(None if name == "default" else name)
    t1 = time.time()
    preds = []
    for rec in records:
        doc = nlp(rec["text"], id=rec["id"])
        preds.append(ranking_only(doc.to_dict()))
    t2 = time.time()
    from extract.doc import Document

    rep = score([Document.from_dict(r) for r in records], [Document.from_dict(p) for p in preds])
    rank = rep["entities"]["per_type"].get("RANK", {})
    attrs = rep["attributes"].get("RANK")
    return {"model": name, "facts": rep["facts"]["per_type"].get("RANKING"), "metric_chars": rep["facts"]["metric_spans"],
            "rank_entities": rank, "rank_attributes": attrs, "seconds": {"load": round(t1 - t0, 2), "run": round(t2 - t1, 2)},
            "per_doc": [{"id": r["id"], "gold": _tuples(r), "pred": _tuples(p), "missed": diagnose(r, p)}
                        for r, p in zip(records, preds)]}


def fmt(res: dict) -> str:
    f, m, r = res["facts"] or {}, res["metric_chars"], res["rank_entities"]
    missed = {}
    for d in res["per_doc"]:
        for x in d["missed"]:
            missed[x["kind"]] = missed.get(x["kind"], 0) + 1
    return (f"== {res['model']} ({len(res['per_doc'])} paragraphs)\n"
            f"  RANKING facts  P {f.get('p', 0):.3f} R {f.get('r', 0):.3f} F1 {f.get('f1', 0):.3f}  "
            f"(tp {f.get('tp', 0)} fp {f.get('fp', 0)} fn {f.get('fn', 0)})\n"
            f"  metric chars   P {m['p']:.3f} R {m['r']:.3f} F1 {m['f1']:.3f}\n"
            f"  RANK entities  P {r.get('p', 0):.3f} R {r.get('r', 0):.3f} F1 {r.get('f1', 0):.3f}\n"
            f"  missed gold facts: {missed}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", action="append", help="'default', 'rules' or a model folder (repeatable)")
    ap.add_argument("--annotations", default=str(ANNOTATIONS))
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args(argv)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from extract.io.annotations import validate_record
    from extract.io.readers import read_jsonl

    records = read_jsonl(args.annotations)
    problems = [p for i, r in enumerate(records, 1) for p in validate_record(r, args.annotations, i)]
    if problems:
        for p in problems[:20]:
            print(p, file=sys.stderr)
        return 1
    eb = _events_build()
    models = args.model or ["default"]
    results = eb.score_models(models, records, run_model, fmt)
    if args.json:
        eb.write_results(args.json, "evaluation/ranking_challenge/score.py", args.annotations, ANNOTATIONS, models,
                         results, paragraphs=len(records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
