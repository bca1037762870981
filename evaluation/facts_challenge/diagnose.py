"""Why were gold facts missed? Classifies each gold fact of the challenge set for one or more models.

    nice python evaluation/facts_challenge/diagnose.py --model rules --model default

A gold fact is a true positive when a predicted fact has the same (type, subject text,
value text, position) tuple (matched one-to-one, as the scorer does). Otherwise it is
missed because (1) no predicted entity has exactly the value's span and type, (2) a
predicted fact sits on the value's span but with another subject or position, or (3) the
value entity was found but no fact was predicted on it.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from build import ANNOTATIONS, REPO_ROOT, build  # noqa: E402

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def _key(f: dict, ents: dict) -> tuple:
    subj = ents[f["subject"]]["text"] if f.get("subject") else None
    return f["type"], subj, ents[f["value"]]["text"], f.get("position")


def classify(records: list, preds: list) -> Counter:
    out = Counter()
    for r, p in zip(records, preds):
        ge = {e["id"]: e for e in r["entities"]}
        pe = {e["id"]: e for e in p.get("entities", [])}
        spans = {(e["start"], e["end"], e["type"]) for e in pe.values()}
        left = Counter(_key(f, pe) for f in p.get("facts", []))
        on_value = Counter((f["type"], pe[f["value"]]["start"], pe[f["value"]]["end"]) for f in p.get("facts", []))
        for f in r["facts"]:
            k, v = _key(f, ge), ge[f["value"]]
            if left[k] > 0:
                left[k] -= 1
                out["tp"] += 1
            elif (v["start"], v["end"], v["type"]) not in spans:
                out[f"missed {f['type']}: value entity not found with its exact span"] += 1
            elif on_value[(f["type"], v["start"], v["end"])]:
                out[f"missed {f['type']}: a fact on the value, other subject or position"] += 1
            else:
                out[f"missed {f['type']}: value entity found, no fact on it"] += 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append")
    ap.add_argument("--annotations", default=str(ANNOTATIONS))
    args = ap.parse_args(argv)
    from extract import load
    records = build(args.annotations, with_meta=True)
    for m in args.model or ["rules"]:
        nlp = load(None if m == "default" else m)
        preds = [nlp(r["text"], id=r["id"]).to_dict() for r in records]
        print(f"== {m}")
        for k, n in sorted(classify(records, preds).items()):
            print(f"  {k}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
