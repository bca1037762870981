"""Build the list of person names that have no Chinese family name (``entity_filter.v1``'s ``person_names``).

    python -m extract.learn.person_names annotations/news/train.jsonl annotations/news/train_more.jsonl \
        -o models/default/person_names.txt

``entity_filter.v1`` drops a PERSON the NER proposes unless it starts with a Chinese family name: in the policy
documents the NER read brands as persons (沐曦, 帕西尼). In news the same rule drops transliterated names: on the
555 training documents, run through fold NERs that never saw them, 特朗普 was found at none of its 208 gold
mentions. This list exempts the names that the training corpora tag as persons more often than as anything else:
the PERSON spans of MSRA train, the CLUENER train part, BosonNLP and DuIE (prepared by
``evaluation/data/prepare.py``) and of the gold files given, that are written in Chinese characters (the separator
· allowed), 2–12 characters long, and do not start with a family name of ``extract/data/surnames.txt``. A name the
same corpora tag more often as a company, organization, place or work is left out (朗普 in 特朗普 is not at issue;
苹果 is). Only the files given are read of our own annotations: never the news dev or test split.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from extract.io.readers import read_jsonl
from extract.learn import missing_files, shown_path
from extract.stages.basic import family_names
from extract.textnorm import normalize

__all__ = ["collect_names", "person_names", "main"]

PUBLIC = (("msra", "train"), ("cluener", "train"), ("boson", "train"), ("duie", "train"))
# corpus labels → the kinds counted here (PERSON against everything else a name can be)
KINDS = {"PER": "PERSON", "name": "PERSON", "PERSON": "PERSON",
         "company": "OTHER", "COMPANY": "OTHER", "ORG": "OTHER", "organization": "OTHER", "government": "OTHER",
         "LOC": "OTHER", "address": "OTHER", "scene": "OTHER", "game": "OTHER", "movie": "OTHER", "book": "OTHER"}
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,12}")


def collect_names(examples, counts: Dict[str, Counter]) -> None:
    """Add the candidate names of ``examples`` (``(text, [(start, end, label)])``) to ``counts[kind]``."""
    singles, doubles = family_names()
    for text, spans in examples:
        for s, e, label in spans:
            kind = KINDS.get(label)
            if kind is None:
                continue
            w = normalize(text[s:e])[0]
            if _NAME.fullmatch(w) and w[:1] not in singles and w[:2] not in doubles:
                counts[kind][w] += 1


def person_names(gold_paths: Sequence = (), public: Optional[Sequence] = None, log=print) -> List[str]:
    """The names tagged PERSON more often than anything else, sorted (``public``: corpus splits, default
    :data:`PUBLIC`)."""
    from extract.learn.ner.data import load_corpus

    public = PUBLIC if public is None else public
    counts: Dict[str, Counter] = {"PERSON": Counter(), "OTHER": Counter()}
    for name, split in public:
        collect_names(load_corpus(name, split), counts)
        log(f"[person_names] {name} {split}: {len(counts['PERSON'])} person names so far")
    for p in gold_paths:
        collect_names(((r["text"], [(e["start"], e["end"], e["type"]) for e in r.get("entities", [])])
                       for r in read_jsonl(p)), counts)
    out = sorted(w for w, c in counts["PERSON"].items() if c > counts["OTHER"][w])
    log(f"[person_names] {len(out)} names ({len(counts['PERSON']) - len(out)} left out as more often not a person)")
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.person_names", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="gold JSONL (SCHEMA.md) whose PERSON names count too (training splits only)")
    ap.add_argument("-o", "--output", required=True, help="where to write the list (one name per line)")
    args = ap.parse_args(argv)
    if missing_files(args.gold):
        return 2
    try:
        names = person_names(args.gold, log=lambda m: print(m, file=sys.stderr))
    except FileNotFoundError as e:
        print(f"error: {e} (the public corpora: ../shared/corpora and `python evaluation/data/prepare.py`)",
              file=sys.stderr)
        return 2
    shown = [shown_path(p) for p in args.gold]
    header = [f"# person names without a Chinese family name, kept by entity_filter.v1 ({len(names)})",
              "# built by: python -m extract.learn.person_names " + " ".join(shown),
              "# from: " + ", ".join(f"{n} {s}" for n, s in PUBLIC) + (", " + ", ".join(shown) if shown else "")]
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    print(f"{out}: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
