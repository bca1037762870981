"""Score ZhIE's METRIC/RANKING facts on the facts challenge set (held-out estimate).

    nice python evaluation/facts_challenge/score.py --model rules --model default \
        --json evaluation/facts_challenge/results.json

For each model it rebuilds the records (:mod:`build`), runs the pipeline on the
texts and scores with :func:`extract.eval.evaluate.score`. Reported:

* ``facts``: micro and per-type (METRIC, RANKING) P/R/F1 with tp/fp/fn over the
  SCHEMA §6 tuples (type, simplified subject text, simplified value text, position),
  and the metric-span character-overlap P/R/F1;
* FIGURE and RANK entity P/R/F1 (exact and overlap) and their attribute accuracy —
  every FIGURE and RANK of every sentence is annotated, so these are meaningful;
  other entity types are annotated only where a fact needs them and are not reported;
* diagnostics: facts matched on (type, value span) alone (right number, any subject),
  facts predicted in the negative sentences, facts predicted on a gold FIGURE/RANK
  that states no fact, and every gold and predicted fact per sentence.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build as build_module  # noqa: E402
from build import ANNOTATIONS, REPO_ROOT, build  # noqa: E402

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SCORED_TYPES = ("FIGURE", "RANK")
FACT_CODE = ("extract/stages/facts/rules.py", "extract/data/facts.json")


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def _fact_view(rec: dict) -> list:
    ents = {e["id"]: e for e in rec.get("entities", [])}
    out = []
    for f in rec.get("facts", []):
        subj = ents[f["subject"]]["text"] if f.get("subject") in ents else None
        val = ents.get(f.get("value"))
        row = {"type": f["type"], "subject": subj, "value": val["text"] if val else None,
               "metric": (f.get("metric") or {}).get("text")}
        if f.get("position") is not None:
            row["position"] = f["position"]
        if f.get("date") in ents:
            row["date"] = ents[f["date"]]["text"]
        out.append(row)
    return out


def _value_spans(rec: dict) -> Counter:
    """(fact type, value start, value end) of each fact, as a multiset."""
    ents = {e["id"]: e for e in rec.get("entities", [])}
    return Counter((f["type"], ents[f["value"]]["start"], ents[f["value"]]["end"])
                   for f in rec.get("facts", []) if f.get("value") in ents)


def diagnostics(records: list, preds: list) -> dict:
    tp = fp = fn = 0
    neg_facts = neg_sents = 0
    on_nofact = Counter()
    for r, p in zip(records, preds):
        g, q = _value_spans(r), _value_spans(p)
        both = sum((g & q).values())
        tp += both
        fp += sum(q.values()) - both
        fn += sum(g.values()) - both
        if r["meta"]["kind"] == "negative" and p.get("facts"):
            neg_sents += 1
            neg_facts += len(p["facts"])
        gold_fact_values = {(s, e) for _, s, e in g}
        nofact = {(e["start"], e["end"]): e["type"] for e in r["entities"]
                  if e["type"] in SCORED_TYPES and (e["start"], e["end"]) not in gold_fact_values}
        for (typ, s, e), n in q.items():
            if (s, e) in nofact:
                on_nofact[typ] += n
    n_neg = sum(1 for r in records if r["meta"]["kind"] == "negative")
    return {
        "facts_by_value_span": _prf(tp, fp, fn),
        "negatives": {"sentences": n_neg, "sentences_with_a_predicted_fact": neg_sents,
                      "predicted_facts": neg_facts},
        "predicted_facts_on_gold_no_fact_figures_or_ranks": dict(on_nofact),
    }


def run_model(name: str, records: list) -> dict:
    nlp, preds, rep, seconds = build_module.events_build.predict_and_score(name, records)
    ent = rep["entities"]
    return {
        "model": name,
        "pipeline": list(getattr(nlp, "pipe_names", [])),
        "facts": rep["facts"],
        "entities": {t: {"exact": ent["per_type"].get(t, _prf(0, 0, 0)),
                         "overlap": ent["overlap"]["per_type"].get(t, _prf(0, 0, 0))} for t in SCORED_TYPES},
        "attributes": {t: rep["attributes"].get(t) for t in SCORED_TYPES},
        "diagnostics": diagnostics(records, preds),
        "docs": rep["docs"],
        "seconds": seconds,
        "per_doc": [{"id": r["id"], "kind": r["meta"]["kind"], "gold": _fact_view(r), "pred": _fact_view(p),
                     "error": p.get("error")} for r, p in zip(records, preds)],
    }


def fmt(res: dict) -> str:
    lines = [f"== {res['model']} ({len(res['per_doc'])} sentences)",
             f"{'':22}{'p':>7}{'r':>7}{'f1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]

    def row(name, d):
        lines.append(f"{name:<22}{d['p']:>7.3f}{d['r']:>7.3f}{d['f1']:>7.3f}{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}")

    row("facts (micro)", res["facts"]["micro"])
    for t in ("METRIC", "RANKING"):
        row(f"  {t}", res["facts"]["per_type"].get(t, _prf(0, 0, 0)))
    m = res["facts"]["metric_spans"]
    lines.append(f"{'metric spans (chars)':<22}{m['p']:>7.3f}{m['r']:>7.3f}{m['f1']:>7.3f}")
    row("facts by value span", res["diagnostics"]["facts_by_value_span"])
    for t in SCORED_TYPES:
        row(f"{t} exact", res["entities"][t]["exact"])
        row(f"{t} overlap", res["entities"][t]["overlap"])
    n = res["diagnostics"]["negatives"]
    lines.append(f"negatives: {n['predicted_facts']} predicted facts in "
                 f"{n['sentences_with_a_predicted_fact']}/{n['sentences']} sentences; facts on gold no-fact "
                 f"FIGURE/RANK: {res['diagnostics']['predicted_facts_on_gold_no_fact_figures_or_ranks']}")
    return "\n".join(lines)


def _git(*args) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", help="'rules', 'default' or a model folder (repeatable)")
    ap.add_argument("--annotations", default=str(ANNOTATIONS))
    ap.add_argument("--corpora", default=None)
    ap.add_argument("--json", default=None, help="write the results here")
    args = ap.parse_args(argv)
    records = build(args.annotations, args.corpora, with_meta=True)
    code = {"head": _git("rev-parse", "--short", "HEAD"),
            "facts_code_commit": _git("log", "-1", "--format=%h", "--", *FACT_CODE),
            "facts_code_uncommitted_changes": _git("status", "--porcelain", "--", *FACT_CODE).splitlines()}
    print(f"HEAD {code['head']}; {' '.join(FACT_CODE)} last changed in {code['facts_code_commit']}"
          + (f"; UNCOMMITTED: {code['facts_code_uncommitted_changes']}" if code["facts_code_uncommitted_changes"] else ""))
    models = args.model or ["rules"]
    eb = build_module.events_build
    results = eb.score_models(models, records, run_model, fmt)
    if args.json:
        eb.write_results(args.json, "evaluation/facts_challenge/score.py", args.annotations, ANNOTATIONS, models,
                         results, code=code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
