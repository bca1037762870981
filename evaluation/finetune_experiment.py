"""Does fine-tuning the shipped model on a few fresh documents help them without collapsing elsewhere?

    nice python evaluation/finetune_experiment.py [--folds fold-000 fold-003] [--out evaluation/finetune.json]

For each leave-one-document-out fold of the gold set: `zhie train --base models/default` on the
fold's training documents (with the default rehearsal sample of CLUENER train, as users get it),
then score, before and after,
  (a) the held-out gold document with the full pipeline (COMPANY/ORG/LOC/PERSON entity F1), and
  (b) the CLUENER held-out split with the NER alone (mapped to ZhIE types),
so a gain on (a) that costs (b) shows up as collapse (the UIE failure, issues #4326/#5367 there).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NER_TYPES = ("COMPANY", "ORG", "LOC", "PERSON")


def cluener_scores(model_dir: Path) -> dict:
    from extract.ner.data import load_corpus, load_label_map
    from extract.ner.infer import NumpyTagger
    from extract.ner.score import map_spans, score_spans

    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    entry = next(e for e in cfg["pipeline"] if e["factory"].startswith("ner."))
    tagger = NumpyTagger.load(model_dir / entry.get("path", "ner"))
    heads = entry.get("heads")
    ex = load_corpus("cluener", "holdout")
    gold = [map_spans(sp, load_label_map()["cluener"]) for _, sp in ex]
    pred = tagger.entities([t for t, _ in ex], heads)
    sc = score_spans(gold, pred, types=NER_TYPES)
    return {k: round(v.to_dict()["f"], 4) for k, v in sc.items()}


def gold_scores(model_dir: Path, doc) -> dict:
    import extract
    from extract.evaluate import score

    nlp = extract.load(model_dir)
    pred = list(nlp.pipe([(doc.text, doc.id)]))
    rep = score([doc], pred)["entities"]["per_type"]
    return {t: round(rep[t]["f1"], 4) for t in NER_TYPES if t in rep}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", nargs="*", default=None, help="fold names (default: all)")
    ap.add_argument("--out", default=str(ROOT / "evaluation" / "finetune.json"))
    args = ap.parse_args(argv)
    from extract.evaluate import load_folds, read_jsonl
    from extract.train import train

    base = ROOT / "models" / "default"
    gold = {d.id: d for d in read_jsonl(ROOT / "annotations" / "gold.jsonl")}
    folds = [f for f in load_folds() if not args.folds or f["name"] in args.folds]
    results = {"command": "python evaluation/finetune_experiment.py " + " ".join(argv or sys.argv[1:]),
               "base_cluener": cluener_scores(base), "folds": []}
    for fold in folds:
        test = gold[fold["test"][0]]
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "train.jsonl"
            data.write_text("".join(json.dumps(gold[i].to_dict(), ensure_ascii=False) + "\n" for i in fold["train"]),
                            encoding="utf-8")
            t0 = time.time()
            train([data], Path(tmp) / "out", base=base, holdout=0.0, progress=False, log=lambda m: None)
            secs = round(time.time() - t0, 1)
            tuned = Path(tmp) / "out" / "model-best"
            entry = {"fold": fold["name"], "test": test.id, "train_seconds": secs,
                     "gold_before": gold_scores(base, test), "gold_after": gold_scores(tuned, test),
                     "cluener_after": cluener_scores(tuned)}
        results["folds"].append(entry)
        print(json.dumps(entry, ensure_ascii=False), flush=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
