"""Score ZhIE's FUNDING events on the challenge set (held-out estimate).

    nice python evaluation/events/score.py --model rules --model default \
        --json evaluation/events/results.json

For each model it rebuilds the records (:mod:`build`), runs the pipeline on the
texts, and scores with :func:`extract.eval.evaluate.score`. Only the ``events``
section is meaningful here: the gold annotates just the entities that event
arguments need, so entity and relation scores on this set are not reported.
Besides P/R/F1 it counts predicted events in the negative sentences (false
alarms) and lists every predicted and gold event per sentence.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from build import (ANNOTATIONS, REPO_ROOT, build, predict_and_score, score_models,  # noqa: E402
                   write_results)

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def _event_view(rec: dict) -> list:
    ents = {e["id"]: e for e in rec["entities"]}
    out = []
    for ev in rec["events"]:
        args = []
        for a in ev["arguments"]:
            text = ents[a["ref"]]["text"] if "ref" in a else a["text"]
            args.append(f"{a['role']}={text}")
        out.append({"trigger": ev["trigger"]["text"], "at": ev["trigger"]["start"], "args": args})
    return out


def run_model(name: str, records: list) -> dict:
    nlp, preds, rep, seconds = predict_and_score(name, records)
    neg = [(r, p) for r, p in zip(records, preds) if r["meta"]["kind"] == "negative"]
    pos = [(r, p) for r, p in zip(records, preds) if r["meta"]["kind"] == "positive"]
    per_doc = []
    for r, p in zip(records, preds):
        per_doc.append({"id": r["id"], "kind": r["meta"]["kind"], "gold": _event_view(r), "pred": _event_view(p),
                        "error": p.get("error")})
    return {
        "model": name,
        "pipeline": list(getattr(nlp, "pipe_names", [])),
        "events": rep["events"],
        "negatives": {"sentences": len(neg),
                      "sentences_with_a_predicted_event": sum(1 for _, p in neg if p["events"]),
                      "predicted_events": sum(len(p["events"]) for _, p in neg)},
        "positives": {"sentences": len(pos),
                      "sentences_with_a_predicted_event": sum(1 for _, p in pos if p["events"]),
                      "gold_events": sum(len(r["events"]) for r, _ in pos),
                      "predicted_events": sum(len(p["events"]) for _, p in pos)},
        # Gold holds only the entities that event arguments need, so only recall is meaningful:
        # how many of them the pipeline found at all (exact span, or overlapping span of the same type).
        "argument_entity_recall": {
            "exact": {t: {"r": d["r"], "tp": d["tp"], "fn": d["fn"]}
                      for t, d in {"ALL": rep["entities"]["micro"], **rep["entities"]["per_type"]}.items()},
            "overlap": {t: {"r": d["r"], "tp": d["tp"], "fn": d["fn"]}
                        for t, d in {"ALL": rep["entities"]["overlap"]["micro"],
                                     **rep["entities"]["overlap"]["per_type"]}.items()}},
        "docs": rep["docs"],
        "seconds": seconds,
        "per_doc": per_doc,
    }


def fmt(res: dict) -> str:
    ev = res["events"]
    lines = [f"== {res['model']} ({len(res['per_doc'])} sentences)",
             f"{'':18}{'p':>7}{'r':>7}{'f1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]

    def row(name, d):
        lines.append(f"{name:<18}{d['p']:>7.3f}{d['r']:>7.3f}{d['f1']:>7.3f}{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}")

    row("triggers", ev["triggers"]["micro"])
    row("arguments", ev["arguments"]["micro"])
    for role, d in sorted(ev["arguments"]["per_role"].items()):
        row(f"  {role}", d)
    rec = res["argument_entity_recall"]
    lines.append("argument-entity recall (exact / overlap): " + ", ".join(
        f"{t} {rec['exact'][t]['r']:.2f}/{rec['overlap'].get(t, {'r': 0.0})['r']:.2f}"
        for t in rec["exact"] if rec["exact"][t]["tp"] + rec["exact"][t]["fn"]))
    n = res["negatives"]
    lines.append(f"negatives: {n['predicted_events']} predicted events in "
                 f"{n['sentences_with_a_predicted_event']}/{n['sentences']} sentences")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", help="'rules', 'default' or a model folder (repeatable)")
    ap.add_argument("--annotations", default=str(ANNOTATIONS))
    ap.add_argument("--corpora", default=None)
    ap.add_argument("--json", default=None, help="write the results here")
    args = ap.parse_args(argv)
    records = build(args.annotations, args.corpora, with_meta=True)
    models = args.model or ["rules"]
    results = score_models(models, records, run_model, fmt)
    if args.json:
        write_results(args.json, "evaluation/events/score.py", args.annotations, ANNOTATIONS, models, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
