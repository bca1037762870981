"""Word segmentation on the SIGHAN 2005 bakeoff test sets (issue 15), every system in one run.

    python evaluation/cws/score.py [--sets pku msr as cityu] [--limit N] [--json evaluation/cws/results.json]

Data: ``$ZHIE_DATA/cws/{pku,msr,as,cityu}_test.txt`` (gold segmentation) and
``*_training_words.txt`` (the training word lists, for OOV recall), prepared by
``evaluation/data/prepare.py`` from yuikns/icwb2-data. The test text given to each system is the
gold line with its spaces removed.

Scoring follows the bakeoff's ``score`` script: a word is correct when its character span is a
gold word's span; precision, recall and F1 over words, and recall on the gold words absent from
the training word list (OOV recall). Micro over the whole test set.

Systems: jieba (``jieba.cut``, HMM on and off; plain jieba, no dictionaries of ours), ``zhie``
(``Pipeline.tokenize(entities=False)``: jieba with the package dictionaries, on the normalized
text), ``zhie+entities`` (``Pipeline.tokenize()``, cut at the entities the pipeline finds) and
THULAC (``seg_only``, its own model) when installed (``pip install thulac``). Speed is characters
per second of each system on the same text in this run, one thread.

No learned segmenter is scored: the SIGHAN training sets are 4 MiB or more and the ``fetch`` tool
leaves such files out, so there was nothing to train one on (see the issue's closing note).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

ZHIE_DATA = Path(os.environ.get("ZHIE_DATA", Path.home() / ".cache" / "zhie" / "data"))
SETS = ("pku", "msr", "as", "cityu")


def spans(words):
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def score(gold_lines, pred_lines, train_words: set) -> dict:
    tp = n_pred = n_gold = oov = oov_hit = 0
    for g, p in zip(gold_lines, pred_lines):
        gs, ps = spans(g), spans(p)
        tp += len(gs & ps)
        n_pred += len(ps)
        n_gold += len(gs)
        text = "".join(g)
        for s, e in gs:
            if text[s:e] not in train_words:
                oov += 1
                oov_hit += (s, e) in ps
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return {"p": round(prec, 4), "r": round(rec, 4), "f1": round(2 * prec * rec / max(prec + rec, 1e-12), 4),
            "oov_recall": round(oov_hit / max(oov, 1), 4), "oov_words": oov, "gold_words": n_gold}


def systems():
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    out = {"jieba (HMM)": lambda t: [w for w in jieba.cut(t, HMM=True)],
           "jieba (no HMM)": lambda t: [w for w in jieba.cut(t, HMM=False)]}
    from extract.pipeline import load
    nlp = load()
    out["zhie"] = lambda t: [w for _, _, w in nlp.tokenize(t, entities=False)]
    out["zhie+entities"] = lambda t: [w for _, _, w in nlp.tokenize(t)]
    try:
        import thulac
        th = thulac.thulac(seg_only=True)
        out["THULAC"] = lambda t: th.cut(t, text=True).split(" ") if t else []
    except ImportError:
        pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="*", default=list(SETS))
    ap.add_argument("--limit", type=int, default=None, help="first N lines of each test set (a quick run)")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    sysd = systems()
    res = {"command": "python " + " ".join(sys.argv), "data": str(ZHIE_DATA / "cws"), "sets": {}}
    for name in args.sets:
        gold_path = ZHIE_DATA / "cws" / f"{name}_test.txt"
        words_path = ZHIE_DATA / "cws" / f"{name}_training_words.txt"
        if not gold_path.is_file():
            print(f"{gold_path} missing: run evaluation/data/prepare.py", file=sys.stderr)
            return 2
        gold = [ln.split() for ln in gold_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if args.limit:
            gold = gold[:args.limit]
        train_words = set(words_path.read_text(encoding="utf-8").split())
        texts = ["".join(g) for g in gold]
        chars = sum(len(t) for t in texts)
        res["sets"][name] = {"lines": len(gold), "chars": chars, "systems": {}}
        for sname, fn in sysd.items():
            t0 = time.perf_counter()
            pred = [[w for w in fn(t) if w.strip()] for t in texts]
            dt = time.perf_counter() - t0
            sc = score(gold, pred, train_words)
            sc["chars_per_s"] = round(chars / dt)
            res["sets"][name]["systems"][sname] = sc
            print(f"{name:6s} {sname:15s} P {sc['p']:.3f} R {sc['r']:.3f} F1 {sc['f1']:.3f} "
                  f"OOV-R {sc['oov_recall']:.3f}  {sc['chars_per_s']:>9,} chars/s", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
