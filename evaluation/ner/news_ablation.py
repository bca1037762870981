"""NER ablation on the ZhIE-News dev split: the full default pipeline with one NER model swapped in.

    python evaluation/ner/news_ablation.py NAME=NER_DIR[:HEAD,HEAD[:DROP,DROP]] ... [--json evaluation/ner/news_ablation.json]

Each row runs ``models/default`` (its rules, gazetteer, relations, events and facts as committed)
with the ``ner`` step's folder and heads replaced (and, when given, the types the ``entity_filter``
step drops from the NER: the model before v5 dropped its LOC), over the dev split's texts, and scores exact-match
entity F1 for the five types the NER issue names (COMPANY, ORG, PERSON, LOC, INDUSTRY) and their
micro average, plus the whole entity micro F1. Dev only: the test split is scored at release points
by ``evaluation/news_eval.py``. The NER folders are training outputs (``runs/…/model-best``), not in
the repository; the configs that make them are in this folder (``news_v4.json`` …).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from extract.doc import Document  # noqa: E402
from extract.eval.evaluate import read_jsonl, score  # noqa: E402
from extract.pipeline import load  # noqa: E402
from extract.stages.ner import drop_ensemble  # noqa: E402

FIVE = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY")


def model_with(ner_dir: str, heads, tmp: Path, drop=None) -> Path:
    base = REPO / "models" / "default"
    out = tmp / Path(ner_dir).parent.name
    cfg = json.loads((base / "config.json").read_text(encoding="utf-8"))
    members = drop_ensemble(cfg)
    # the candidate NER alone: the shipped ensemble's other taggers are neither copied nor averaged in
    shutil.copytree(base, out, ignore=shutil.ignore_patterns("ner", *members))
    (out / "ner").symlink_to(Path(ner_dir).resolve())
    for e in cfg["pipeline"]:
        if e["name"] == "ner":
            if heads:
                e["heads"] = list(heads)
            else:
                e.pop("heads", None)
        if e["name"] == "entity_filter" and drop is not None:
            e["drop"] = list(drop)
    (out / "config.json").write_text(json.dumps(cfg, indent=1), encoding="utf-8")
    return out


def row(model_dir: Path, gold) -> dict:
    nlp = load(model_dir)
    preds = list(nlp.pipe([Document(d.text, id=d.id) for d in gold]))
    rep = score(gold, preds)["entities"]
    pt = rep["per_type"]
    tp = sum(pt[t]["tp"] for t in FIVE if t in pt)
    fp = sum(pt[t]["fp"] for t in FIVE if t in pt)
    fn = sum(pt[t]["fn"] for t in FIVE if t in pt)
    micro5 = 2 * tp / max(2 * tp + fp + fn, 1)
    return {**{t: round(pt[t]["f1"], 4) for t in FIVE if t in pt}, "micro5": round(micro5, 4),
            "all_entities": round(rep["micro"]["f1"], 4)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rows", nargs="+", metavar="NAME=NER_DIR[:HEADS]")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    gold = read_jsonl(REPO / "annotations" / "news" / "dev.jsonl")
    res = {"command": "python " + " ".join(sys.argv), "split": "dev", "rows": {}}
    with tempfile.TemporaryDirectory() as t:
        for spec in args.rows:
            name, _, rest = spec.partition("=")
            ner_dir, _, hd = rest.partition(":")
            heads, _, drop = hd.partition(":")
            r = row(model_with(ner_dir, heads.split(",") if heads else None, Path(t) / name,
                               drop.split(",") if drop else None), gold)
            res["rows"][name] = r
            print(name, json.dumps(r), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
