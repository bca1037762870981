"""Build the list of company names the gazetteer matches (``gazetteer.v1``'s ``files``), learned from annotations.

    python -m extract.learn.company_names annotations/news/train.jsonl annotations/news/train_more.jsonl \
        -o models/default/company_names.tsv

The NER misses well-known names in contexts it has not seen (月之暗面, 大疆, 喜茶, 輝達 on the news training documents
through fold NERs that never saw them), while the annotators tag them the same way nearly everywhere. A name goes on
the list when the gold files tag it COMPANY at least ``min_count`` times (in the simplified view) and it stands as that
COMPANY at no fewer than ``min_precision`` of its occurrences that lie inside no other annotated entity (抖音 as an app,
美的 as an adjective, 小鹏 inside 小鹏汽车 do not count against it, an untagged 美的 does). Names of one character,
jieba's frequent words (``extract/data/rules/common_words.tsv``, as ``propagate`` reads them) and names the gold tags as
another type more often are left out. Only the files given are read: never the news dev or test split. In the
pipeline the matches are candidates like the curated lists' (the merge keeps a longer NER name over a shorter listed
one), so the list adds the names the NER misses and decides nothing where it finds a longer name. ``--type ORG`` lists
organizations the same way; measured and not shipped: on the 555 training documents through fold folders with per-fold
lists, ORG 0.825 -> 0.819 (8 more right, 39 more false), though news dev ORG rose 0.851 -> 0.860 (2026-12-05).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional, Sequence

from extract.io.readers import read_jsonl
from extract.learn import missing_files, shown_path
from extract.textnorm import normalize

__all__ = ["company_names", "main"]


def company_names(gold_paths: Sequence, min_count: int = 2, min_precision: float = 0.8, log=print,
                  type_: str = "COMPANY") -> List[str]:
    from extract.stages.recognizers.companies import COMMON_WORDS, _load_words
    from extract.stages.recognizers._data import load_rules

    freq = int(load_rules("companies")["short_max_freq"])
    common, _ = _load_words(str(COMMON_WORDS), freq, freq)
    docs = [r for p in gold_paths for r in read_jsonl(p)]
    tagged, other = Counter(), Counter()
    norms = []
    for r in docs:
        norm = normalize(r["text"])[0]
        norms.append(norm)
        for e in r.get("entities", []):
            name = norm[e["start"]:e["end"]]
            (tagged if e["type"] == type_ else other)[name] += 1
    names = [w for w, c in tagged.items() if c >= min_count and len(w) >= 2 and w not in common and w.strip() == w
             and not any(ch in w for ch in "\t\n\r") and tagged[w] > other[w]]
    exact, alone = Counter(), Counter()
    want = set(names)
    for r, norm in zip(docs, norms):
        ents = r.get("entities", [])
        company = {(e["start"], e["end"]) for e in ents if e["type"] == type_}
        cover = sorted((e["start"], e["end"]) for e in ents)
        for w in want:
            for m in re.finditer(re.escape(w), norm):
                s, e = m.span()
                if (s, e) in company:
                    exact[w] += 1
                elif not any(a <= s and e <= b for a, b in cover):
                    alone[w] += 1  # untagged where nothing else covers it: the annotators read no company here
    out = sorted(w for w in names if exact[w] >= min_precision * (exact[w] + alone[w]))
    log(f"[company_names] {len(out)} names ({len(names) - len(out)} left out as untagged too often)")
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.company_names", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL (SCHEMA.md) of the training splits")
    ap.add_argument("-o", "--output", required=True, help="where to write the list (name<TAB>COMPANY per line)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-precision", type=float, default=0.8)
    ap.add_argument("--type", default="COMPANY", help="the entity type whose names to list (default COMPANY)")
    args = ap.parse_args(argv)
    if missing_files(args.gold):
        return 2
    names = company_names(args.gold, args.min_count, args.min_precision, log=lambda m: print(m, file=sys.stderr),
                          type_=args.type)
    shown = [shown_path(p) for p in args.gold]
    header = [f"# {args.type} names learned from annotations ({len(names)}): tagged {args.type} at least {args.min_count} times "
              f"and at {args.min_precision:g}+ of their occurrences outside other entities",
              "# built by: python -m extract.learn.company_names " + " ".join(shown)
              + f" --min-count {args.min_count} --min-precision {args.min_precision:g}"
              + (f" --type {args.type}" if args.type != "COMPANY" else ""),
              "# columns: name<TAB>type"]
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + [f"{w}\t{args.type}" for w in names]) + "\n", encoding="utf-8")
    print(f"{out}: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
