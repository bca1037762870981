"""Organization and person name lists for the NER's lexicon features, drawn from the public corpora's labels.

The lexicon's ``org`` list had only ``extract/data/gazetteer/orgs.tsv`` and jieba's ``nt`` words (4,755), its
``person`` list only jieba's ``nr`` words, while the public NER corpora that ``evaluation/data/prepare.py`` writes
label thousands of organizations and people of news. This script reads those prepared files (never the news
corpus, never a held-out split) and writes two lists beside the other lexicon lists:

- ``lexicon/orgs_public.tsv``: spans labelled ORG in ``ner/boson.jsonl``, ``ner/duie_partial.jsonl`` and
  ``ner/duee_partial.jsonl``, and CLUENER2020 ``government``/``organization`` spans of our training part of its
  train file (``extract.learn.ner.data.cluener_split``: the held-out and dev parts never);
- ``lexicon/persons_public.tsv``: spans labelled PERSON there and CLUENER ``name`` spans of the same part.

A name labelled with another type anywhere in those sources (a COMPANY, a place) is left out of both lists, and
so is one with a clause mark or a digit-only body. Written with a small manifest (``lexicon/name_lists.json``:
the sha256 of every input and the counts), like ``prepare.py``'s outputs; the lists themselves are never
committed. Run after ``prepare.py``::

    python evaluation/ner/name_lists.py            # reads and writes $ZHIE_DATA (default ~/.cache/zhie/data)
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

SOURCES = ("ner/boson.jsonl", "ner/duie_partial.jsonl", "ner/duee_partial.jsonl")
CLUENER_TYPES = {"government": "ORG", "organization": "ORG", "name": "PERSON", "company": "COMPANY",
                 "address": "LOC"}
_BAD = re.compile(r"[，,。；;：:、！？!?\n\t]|^[\d\W_]+$")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def labels(data: Path) -> tuple:
    """``(name -> Counter(type -> mentions), inputs)`` over the prepared corpora and CLUENER's training part."""
    from extract.learn.ner.data import CORPORA_DIR, cluener_split

    seen = collections.defaultdict(collections.Counter)
    inputs = {}
    for rel in SOURCES:
        path = data / rel
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: run `python evaluation/data/prepare.py` first")
        inputs[rel] = _sha256(path)
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                for s, e, typ in r["spans"]:
                    seen[r["text"][s:e].strip()][typ] += 1
    inputs["cluener2020/train.json (training part)"] = _sha256(CORPORA_DIR / "cluener2020" / "train.json")
    for text, spans in cluener_split()["train"]:
        for s, e, typ in spans:
            if typ in CLUENER_TYPES:
                seen[text[s:e].strip()][CLUENER_TYPES[typ]] += 1
    return seen, inputs


def name_lists(seen: dict) -> dict:
    """``type -> {name: mentions}`` for ORG and PERSON: names only ever labelled with that type."""
    out = {"ORG": {}, "PERSON": {}}
    for name, types in seen.items():
        if len(types) != 1 or not 2 <= len(name) <= 20 or _BAD.search(name):
            continue
        (typ, n), = types.items()
        if typ in out:
            out[typ][name] = n
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.environ.get("ZHIE_DATA") or "~/.cache/zhie/data",
                    help="the folder prepare.py wrote (default $ZHIE_DATA or ~/.cache/zhie/data)")
    args = ap.parse_args(argv)
    data = Path(args.data).expanduser()
    seen, inputs = labels(data)
    lists = name_lists(seen)
    counts = {}
    for typ, rel in (("ORG", "lexicon/orgs_public.tsv"), ("PERSON", "lexicon/persons_public.tsv")):
        names = lists[typ]
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("name\tmentions\n")
            for name in sorted(names):
                f.write(f"{name}\t{names[name]}\n")
        counts[rel] = len(names)
        print(f"{rel}: {len(names)} names")
    manifest = {"generated_by": "evaluation/ner/name_lists.py", "inputs_sha256": inputs, "outputs": counts}
    (data / "lexicon" / "name_lists.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
