#!/usr/bin/env python3
"""Split ZhIE-News into train / dev / test by document, stratified by script and category.

Within each (script, category) stratum the documents are ordered by how many funding rounds a plain
regular expression sees in them (``完成/获/宣布 … 融资``), then by a hash of the id, and dealt out one at
a time to the split furthest below its quota (test first on ties). The test split thus gets its
share of the documents richest in FUNDING events, which it needs to hold ≥ 60 of them. No ZhIE
component is run: the order depends only on the raw text and the id.

    python annotations/news/make_splits.py          # writes annotations/news/splits.json

Then one adjustment, made before any system ran on the test split: pass A of the first 47 test
documents held 35 FUNDING events, short of the 60 the test split needs. The seven train documents
richest in funding rounds (same regular expression) move to test, and five dev documents with none
move to train (the first five dev documents with no match, by id hash), so that train keeps ≥ 100
and dev ≥ 30 documents. Adjudication of those 54 test documents then held 54 FUNDING events, still
short: four more funding-rich articles were collected for the test split alone (s118–s121, each
reporting three or more rounds; SOURCES.tsv), again before any system ran on the test split.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
SHARE = {"test": 0.25, "dev": 0.17, "train": 0.58}
MOVE_TO_TEST, MOVE_TO_TRAIN = 7, 5
LATE_TEST = ("s118", "s119", "s120", "s121")  # collected for the test split only (see above)
FUNDING = re.compile(r"(完成|获|獲|宣布).{0,25}?(融资|融資)")


def main() -> None:
    strata = defaultdict(list)
    texts = {}
    for pre in ("simp", "trad"):
        with open(RAW / f"{pre}.jsonl", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                texts[r["id"]] = r["text"]
    with open(HERE / "SOURCES.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"] in LATE_TEST:
                continue
            t = texts[row["id"]]
            strata[(row["script"], row["category"])].append(
                (-len(FUNDING.findall(t)), hashlib.sha256(row["id"].encode()).hexdigest(), row["id"]))
    splits = {"train": [], "dev": [], "test": []}
    for key in sorted(strata):
        docs = sorted(strata[key])
        n = len(docs)
        quota = {s: SHARE[s] * n for s in SHARE}
        got = {s: 0 for s in SHARE}
        for _, _, doc_id in docs:
            s = max(("test", "dev", "train"), key=lambda s: (quota[s] - got[s]) / quota[s])
            got[s] += 1
            splits[s].append(doc_id)
    counts = {}
    for key in strata:
        for n, _, doc_id in strata[key]:
            counts[doc_id] = -n
    to_test = sorted(splits["train"], key=lambda i: (-counts[i], i))[:MOVE_TO_TEST]
    to_train = sorted((i for i in splits["dev"] if counts[i] == 0),
                      key=lambda i: hashlib.sha256(i.encode()).hexdigest())[:MOVE_TO_TRAIN]
    splits["train"] = [i for i in splits["train"] if i not in to_test] + to_train
    splits["dev"] = [i for i in splits["dev"] if i not in to_train]
    splits["test"] += to_test + [i for i in LATE_TEST if i in texts]
    out = {s: sorted(v) for s, v in splits.items()}
    (HERE / "splits.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print({s: len(v) for s, v in out.items()})


if __name__ == "__main__":
    main()
