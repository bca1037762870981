"""Word lists for the NER lexicon features (training side): where each list's words come from.

A training config's ``lexicon`` section names the lists and their sources::

    "lexicon": {"company": ["data:lexicon/companies.tsv", "pkg:gazetteer/companies.tsv"],
                "org": ["pkg:gazetteer/orgs.tsv", "jieba:nt"], ...,
                "_common": 20}

- ``data:PATH``: first column of a TSV under ``$ZHIE_DATA`` (prepared by ``evaluation/data/prepare.py``;
  third-party lists, never committed: the model folder keeps only their hashes);
- ``pkg:PATH``: first column of a TSV under ``extract/data/`` (``#`` lines are comments);
- ``jieba:TAGS``: the words of jieba's dictionary with one of the comma-separated POS tags (``nt``
  organizations, ``ns`` places, ``nr`` people …).

``_common`` (default 20): a word that jieba's dictionary lists as an ordinary word (a tag outside
nt/ns/nr/nrt/nz/j) at least this often is dropped from the ``data:`` lists: the 267k company short
names hold words such as 科技 or 中国 that would otherwise fire everywhere. ``_keep_common``: the names of
lists exempt from that (a list of sector words harvested from raw news, :mod:`extract.learn.ner.harvest`,
is mostly ordinary words: 化工, 医疗, 物流).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Iterable, List

import numpy as np

from extract.config import DATA_DIR
from extract.stages.ner.lexicon import MAX_LEN, Lexicon

ZHIE_DATA = Path(os.environ.get("ZHIE_DATA", Path.home() / ".cache" / "zhie" / "data"))
NAME_TAGS = {"nt", "ns", "nr", "nrt", "nz", "j", "nrfg"}


def _jieba_dict() -> List[tuple]:
    import jieba
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                out.append((parts[0], int(parts[1]), parts[2]))
    return out


def _tsv_names(path: Path) -> Iterable[str]:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found (a lexicon source): run `python evaluation/data/prepare.py` "
                                "or point ZHIE_DATA at its output folder")
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if line.startswith("#") or not line.strip():
                continue
            name = line.rstrip("\n").split("\t")[0].strip()
            if i == 0 and name == "name":
                continue
            yield name


def read_lists(spec: dict) -> Dict[str, set]:
    """``list name → words`` from a config's ``lexicon`` section."""
    common_min = int(spec.get("_common", 20))
    keep_common = set(spec.get("_keep_common", ()))
    jd = None
    common = None
    out: Dict[str, set] = {}
    for name, sources in spec.items():
        if name.startswith("_"):
            continue
        words: set = set()
        for src in sources:
            kind, _, arg = src.partition(":")
            if kind == "jieba":
                jd = jd if jd is not None else _jieba_dict()
                tags = set(arg.split(","))
                words |= {w for w, _, t in jd if t in tags}
            elif kind in ("data", "pkg"):
                base = ZHIE_DATA if kind == "data" else DATA_DIR
                got = set(_tsv_names(base / arg))
                if kind == "data" and name not in keep_common:
                    if common is None:
                        jd = jd if jd is not None else _jieba_dict()
                        common = {w for w, n, t in jd if t not in NAME_TAGS and n >= common_min}
                    got -= common
                words |= got
            else:
                raise ValueError(f"lexicon source {src!r}: expected data:PATH, pkg:PATH or jieba:TAGS")
        out[name] = {w for w in words if 2 <= len(w) <= MAX_LEN}
    return out


def build_lexicon(spec: dict, fold_table: np.ndarray, log=print) -> Lexicon:
    lists = read_lists(spec)
    lex = Lexicon.build(lists, fold_table)
    log(f"[train_ner] lexicon: { {k: len(v) for k, v in lists.items()} } words, {len(lex)} distinct keys")
    return lex
