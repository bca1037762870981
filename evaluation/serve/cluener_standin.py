"""A public STAND-IN for the news corpus of the learning curve: CLUENER sentences with their company
labels, grouped into pseudo-documents. It is not the news corpus issue 16 names; use it only to check
that the learning-curve machinery works and to get a first, clearly labelled reading.

    python evaluation/serve/cluener_standin.py OUT_DIR        # writes OUT_DIR/{train,dev}.jsonl
    python evaluation/serve/learning_curve.py --train OUT_DIR/train.jsonl --dev OUT_DIR/dev.jsonl \\
        --out evaluation/serve/learning_curve_standin.json --note "STAND-IN: CLUENER holdout, not news"

Source: the CLUENER ``holdout`` split (10 % of CLUENER train.json, fixed in
evaluation/ner/cluener_holdout.json; the shipped NER never trained on it). Its sentences, in file order,
are grouped 5 to a document; the first 140 documents are the review pool ("train"), the next 70 are
"dev". Only COMPANY entities (CLUENER ``company``) are kept: the curve measures COMPANY F1, and a
fine-tuned head trained on COMPANY alone leaves the other types to the base head.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

from extract.learn.ner.data import cluener_split  # noqa: E402
from extract.textnorm import normalize  # noqa: E402

PER_DOC, N_TRAIN, N_DEV = 5, 140, 70


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    sents = cluener_split()["holdout"]
    docs = []
    for d in range(0, len(sents) - PER_DOC + 1, PER_DOC):
        text, ents = "", []
        for s_text, spans in sents[d:d + PER_DOC]:
            base = len(text)
            for s, e, lab in spans:
                if lab == "company":
                    ents.append((base + s, base + e))
            text += s_text + "\n"
        norm, _ = normalize(text)
        docs.append({"id": f"cluener-holdout-{d // PER_DOC:03d}", "text": text,
                     "entities": [{"id": f"E{k}", "type": "COMPANY", "start": s, "end": e, "text": text[s:e],
                                   "attrs": {"norm": norm[s:e]}} for k, (s, e) in enumerate(ents, 1)],
                     "relations": [], "events": [], "facts": []})
    for name, part in (("train", docs[:N_TRAIN]), ("dev", docs[N_TRAIN:N_TRAIN + N_DEV])):
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{out / (name + '.jsonl')}: {len(part)} documents, "
              f"{sum(len(r['entities']) for r in part)} COMPANY entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
