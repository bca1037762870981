"""Score an NER model folder on the news-like held-out sets available before ZhIE-News dev exists.

    python evaluation/ner/news_proxy.py models/default/ner [runs/ner-v4/model-best ...] [--out FILE]

Sets: BosonNLP holdout (news; complete COMPANY/ORG/PERSON/LOC labels; 15 % of the records by id
hash, never trained on), CLUENER holdout (our 10 % of CLUENER train) and MSRA test. Each model is
scored with the heads it has, as the pipeline combines them (``NumpyTagger.entities``, the model's
default head order), mapped to ZhIE types; CLUENER and MSRA gold are mapped through
``label_map.json`` the same way. Exact-match span F1 per type and micro.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from extract.learn.ner.data import load_corpus, load_label_map  # noqa: E402
from extract.learn.ner.score import score_spans  # noqa: E402
from extract.stages.ner.infer import EnsembleTagger  # noqa: E402

SETS = [("boson", "holdout"), ("cluener", "holdout"), ("msra", "test")]


def gold_zhie(corpus: str, examples):
    m = load_label_map()[corpus]
    return [[(s, e, m[lab]) for s, e, lab in sp if m.get(lab)] for _, sp in examples]


def score_model(path: str, heads=None) -> dict:
    """``path``: a tagger folder, or several joined by ``+`` (an ensemble, as the shipped config runs them)."""
    tagger = EnsembleTagger.load_all(path.split("+"))
    out = {}
    for corpus, split in SETS:
        ex = load_corpus(corpus, split)
        texts = [t for t, _ in ex]
        pred = tagger.entities(texts, heads=heads) if heads else tagger.entities(texts)
        pred = [[(s, e, t) for s, e, t, *_ in p] for p in pred]
        gold = gold_zhie(corpus, ex)
        types = sorted({t for g in gold for *_, t in g})
        sc = score_spans(gold, [[x for x in p if x[2] in types] for p in pred])
        out[f"{corpus}/{split}"] = {k: round(v.f, 4) for k, v in sc.items()}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="+", help="tagger folders; A+B for an ensemble of two")
    ap.add_argument("--heads", help="comma-separated head order (default: the model's)")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    res = {m: score_model(m, args.heads.split(",") if args.heads else None) for m in args.models}
    print(json.dumps(res, ensure_ascii=False, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
