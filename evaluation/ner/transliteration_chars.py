#!/usr/bin/env python3
"""Build ``extract/data/rules/transliteration.json``: the characters of transliterated foreign names (彼得·蒂尔).

    python evaluation/ner/transliteration_chars.py [--shared ../shared] [--min-count 2]

Reads the person names written with a middle dot (·) in the MSRA NER train file and the CLUENER2020 train file
(``../shared/corpora``; CLUENER dev is never read) and the PERSON entities with a middle dot of the ZhIE-News train
split and its extension (``annotations/news/train*.jsonl``; dev and test are never read), counts their Chinese
characters in the simplified view and keeps those seen ``--min-count`` times or more, less function characters that
stand before such names (让, 的, 和 …) and title characters (长, 师, 官 …). ``propagate.v1`` reads the list
(``extract/stages/propagate.py``: :func:`transliterated_names`).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from extract.textnorm import normalize  # noqa: E402

DOT = re.compile("[·•・‧]")
NOT_NAME = "让则的和与在是也及对将被把由从向等称说表示理长师家员官总任人前后周年月日时"
OUT = REPO / "extract" / "data" / "rules" / "transliteration.json"


def msra_names(path: Path) -> list:
    names, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            tag = parts[-1] if len(parts) >= 2 else "O"
            if tag.startswith("B-PER"):
                if cur:
                    names.append("".join(cur))
                cur = [parts[0]]
            elif tag.startswith("I-PER") and cur:
                cur.append(parts[0])
            elif cur:
                names.append("".join(cur))
                cur = []
    return names + (["".join(cur)] if cur else [])


def cluener_names(path: Path) -> list:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            out += list(json.loads(line)["label"].get("name", {}))
    return out


def news_names(paths) -> list:
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                out += [e["text"] for e in json.loads(line)["entities"] if e["type"] == "PERSON"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("-o", "--output", default=str(OUT))
    args = ap.parse_args(argv)
    corpora = Path(args.shared) / "corpora"
    names = (msra_names(corpora / "msra_ner" / "msra_train_bio.txt") + cluener_names(corpora / "cluener2020" / "train.json")
             + news_names(sorted((REPO / "annotations" / "news").glob("train*.jsonl"))))
    dotted = [normalize(n)[0] for n in names if DOT.search(n)]
    counts = Counter(c for n in dotted for c in n if "\u4e00" <= c <= "\u9fff")
    chars = sorted(c for c, k in counts.items() if k >= args.min_count and c not in NOT_NAME)
    doc = (f"Characters of transliterated foreign names: the Chinese characters seen {args.min_count}+ times in the "
           f"{len(dotted)} person names written with a middle dot of MSRA train, CLUENER2020 train and the ZhIE-News "
           "train split and extension, less function and title characters. Regenerate: python "
           "evaluation/ner/transliteration_chars.py. Read by extract.stages.propagate.transliterated_names.")
    Path(args.output).write_text(json.dumps({"_doc": doc, "chars": "".join(chars)}, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    print(f"{len(chars)} characters from {len(dotted)} names -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
