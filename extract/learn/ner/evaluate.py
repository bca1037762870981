"""Measure a trained NER folder: accuracy on the held-out splits, speed, load time, size.

::

    python -m extract.learn.ner.evaluate runs/ner-v1/model-best --out evaluation/ner/results.json

* CLUENER held-out part (``evaluation/ner/cluener_holdout.json``, never trained
  or selected on): the CLUENER head, per CLUENER label and mapped to ZhIE types.
* MSRA test: the MSRA head (PER/LOC/ORG), when the model has one.
* Speed: the ``ner.charcnn.v1`` component's ``pipe`` over documents built from
  the CLUENER held-out and MSRA test texts, in a child process with one BLAS
  thread; wall and CPU (process) time both reported.
* Load time: ``NumpyTagger.load`` plus its lookup tables, in a fresh process.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from extract.learn.ner.data import load_corpus
from extract.stages.ner.infer import NumpyTagger
from extract.learn.ner.speed import measure_speed as _measure, run_child
from extract.learn.ner.train import evaluate_tagger

_LOAD_CHILD = r"""
import json, sys, time
t = time.perf_counter()
from extract.stages.ner.infer import NumpyTagger
m = NumpyTagger.load(sys.argv[1])
m.featurizer._tables()
m.predict(["上海"])
print(json.dumps({"load_s": round(time.perf_counter() - t, 3), "torch_imported": "torch" in sys.modules}))
"""


def measure_speed(path, repeats: int = 3) -> dict:
    return _measure(path, "charcnn", repeats)


def measure_load(path, repeats: int = 3) -> dict:
    runs = [run_child(_LOAD_CHILD, path) for _ in range(repeats)]
    return {"load_s_min": min(r["load_s"] for r in runs), "load_s_runs": [r["load_s"] for r in runs],
            "torch_imported": any(r["torch_imported"] for r in runs)}


def evaluate_model(path, speed: bool = True) -> dict:
    path = Path(path)
    tagger = NumpyTagger.load(path)
    res = {"model": str(path)}
    if "cluener" in tagger.heads:
        res["cluener_holdout"] = evaluate_tagger(tagger, load_corpus("cluener", "holdout"), "cluener")
    if "cluener" in tagger.heads and "msra" in tagger.heads:
        # does adding the MSRA head's PERSON/LOC (where the CLUENER head found nothing) help?
        from extract.learn.ner.score import map_spans, score_spans
        hold = load_corpus("cluener", "holdout")
        gold = [map_spans(sp, tagger.output_map["cluener"]) for _, sp in hold]
        texts = [t for t, _ in hold]
        res["cluener_holdout_union_msra"] = {
            k: v.to_dict() for k, v in score_spans(gold, tagger.entities(texts, ["cluener", "msra"])).items()}
    if "msra" in tagger.heads:
        res["msra_test"] = evaluate_tagger(tagger, load_corpus("msra", "test"), "msra", mapped=False)
    res["size_bytes"] = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    if speed:
        res["speed_1thread"] = measure_speed(path)
        res["load"] = measure_load(path)
    meta = path / "meta.json"
    if meta.is_file():
        with open(meta, encoding="utf-8") as f:
            m = json.load(f)
        res["trained_epoch"] = m.get("epoch")
        res["train_history"] = m.get("history")
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate a trained ZhIE NER folder")
    ap.add_argument("model")
    ap.add_argument("--out", default=None, help="write the results JSON here")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--note", default=None, help="free text stored with the results (e.g. the command)")
    args = ap.parse_args(argv)
    t = time.time()
    res = evaluate_model(args.model, speed=not args.no_speed)
    res["command"] = "python -m extract.learn.ner.evaluate " + " ".join(argv if argv is not None else sys.argv[1:])
    if args.note:
        res["note"] = args.note
    res["eval_seconds"] = round(time.time() - t, 1)
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
