"""Public NER corpora → training examples, and spans → BIO tags (the one place that does it).

An *example* is ``(text, spans)`` with ``spans`` a list of ``(start, end, label)``
(end exclusive) in the corpus's own label set. Corpus readers never map labels
to ZhIE types: each corpus trains its own output head, and the mapping to ZhIE
types (``label_map.json``) is applied only when predictions become entities.

Splits (fixed, seeded, written to ``evaluation/ner/cluener_holdout.json``):

* CLUENER ``train.json`` → ``train`` / ``dev`` (model selection) / ``holdout``
  (reported, never trained on or selected on). CLUENER dev and DuEE are never read.
* MSRA ``msra_train_bio.txt`` → ``train``; ``msra_test_bio.txt`` → ``test`` (evaluation only).
* People's Daily dev/test overlap MSRA train: no reader is offered for them.
* ``zhienews``: the ZhIE-News gold (``annotations/news/{train,dev}.jsonl``) in ZhIE types including
  INDUSTRY, complete labels; each document is cut at its ``ignore`` regions (their characters are
  neither trained as O nor as names). Only ``train`` and ``more`` (training; ``more`` is
  ``train_more.jsonl``, the single-pass extension of the train split) and ``dev`` (evaluation) are
  offered: the test split is never read here.
* ``pseudo``: unannotated news labelled by a teacher model (``evaluation/ner/pseudo_label.py``), read from the
  file its config entry names (``path``; ``fold_path`` when cross-fitted), in the ZhIE-News types.
* Corpora prepared by ``evaluation/data/prepare.py`` (in ``$ZHIE_DATA``, default ``~/.cache/zhie/data``),
  already in ZhIE types (COMPANY, ORG, PERSON, LOC): ``boson`` (news, complete labels), and the
  partially labelled ``cfsc``, ``duee`` and ``duie`` (only the listed spans are known; every other
  character is unknown, not O: see :func:`is_partial`). Each splits by a hash of the record id into
  ``holdout`` (15 %), ``dev`` (5 %) and ``train`` (80 %); ``all`` is every record.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple
from extract.config import REPO_ROOT

Example = Tuple[str, List[Tuple[int, int, str]]]

PACKAGE_DIR = Path(__file__).resolve().parent
LABEL_MAP_PATH = PACKAGE_DIR / "label_map.json"
CORPORA_DIR = Path(os.environ.get("ZHIE_CORPORA", "/work/shared/corpora"))
HOLDOUT_PATH = REPO_ROOT / "evaluation" / "ner" / "cluener_holdout.json"

ZHIE_DATA = Path(os.environ.get("ZHIE_DATA", Path.home() / ".cache" / "zhie" / "data"))
# name -> (file under ZHIE_DATA, complete labels?)
PREPARED = {"boson": ("ner/boson.jsonl", True), "cfsc": ("ner/cfsc.jsonl", False),
            "duee": ("ner/duee_partial.jsonl", False), "duie": ("ner/duie_partial.jsonl", False)}
ZHIE_NER_LABELS = ("COMPANY", "ORG", "PERSON", "LOC")
NEWS_NER_LABELS = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY")
NEWS_DIR = REPO_ROOT / "annotations" / "news"

CORPUS_LABELS = {
    "cluener": ("company", "government", "organization", "name", "address",
                "scene", "book", "position", "movie", "game"),
    "msra": ("PER", "LOC", "ORG"),
    "resume": ("NAME", "ORG", "LOC", "TITLE", "EDU", "PRO", "CONT", "RACE"),
    "weibo": ("PER.NAM", "PER.NOM", "GPE.NAM", "GPE.NOM", "ORG.NAM", "ORG.NOM", "LOC.NAM", "LOC.NOM"),
    **{name: ZHIE_NER_LABELS for name in PREPARED},
    "zhienews": NEWS_NER_LABELS,
    "pseudo": NEWS_NER_LABELS,
}


def is_partial(name: str) -> bool:
    """Whether a corpus labels only some entities (its other characters are unknown, not O)."""
    return name in PREPARED and not PREPARED[name][1]


def read_prepared(name: str, split: str) -> List[Example]:
    """A corpus written by ``evaluation/data/prepare.py``: ``{"id", "text", "spans": [[s, e, TYPE]]}`` lines."""
    rel, _ = PREPARED[name]
    path = ZHIE_DATA / rel
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `python evaluation/data/prepare.py` (after fetching the "
                                "repositories it lists) or point ZHIE_DATA at its output folder")
    if split not in ("train", "dev", "holdout", "all"):
        raise ValueError(f"{name} splits are train/dev/holdout/all, not {split!r}")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            b = int(hashlib.sha256(str(r["id"]).encode()).hexdigest(), 16) % 100
            part = "holdout" if b < 15 else "dev" if b < 20 else "train"
            if split in ("all", part):
                out.append((r["text"], [(int(s), int(e), lab) for s, e, lab in r["spans"]]))
    return out


def read_zhie_gold(path, labels: Sequence[str] = NEWS_NER_LABELS, keep_doc=None) -> List[Example]:
    """ZhIE gold records (SCHEMA.md JSONL) → examples of their ``labels`` entities.

    A document is cut at its ``ignore`` regions: the pieces between them are the examples, so the
    characters of an ignored region are never trained as O. ``keep_doc``: a test on the record's id (None:
    every record).
    """
    out = []
    keep = set(labels)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if keep_doc is not None and not keep_doc(r.get("id")):
                continue
            text = r["text"]
            spans = sorted((int(e["start"]), int(e["end"]), e["type"]) for e in r.get("entities", [])
                           if e["type"] in keep)
            cuts = sorted((int(g["start"]), int(g["end"])) for g in r.get("ignore") or [])
            pos = 0
            for a, b in cuts + [(len(text), len(text))]:
                if a > pos:
                    out.append((text[pos:a], [(s - pos, e - pos, lab) for s, e, lab in spans if s >= pos and e <= a]))
                pos = max(pos, b)
    return out


def load_label_map() -> dict:
    with open(LABEL_MAP_PATH, encoding="utf-8") as f:
        d = json.load(f)
    d.pop("_doc", None)
    return d


# ------------------------------------------------------------------ readers
def read_cluener(path) -> List[Example]:
    """CLUENER JSON lines; offsets in the file are inclusive, returned exclusive."""
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["text"]
            spans = []
            for label, surfaces in (rec.get("label") or {}).items():
                for surface, offs in surfaces.items():
                    for s, e in offs:
                        if text[s:e + 1] != surface:
                            raise ValueError(f"{path}:{lineno}: span {s}:{e + 1} is {text[s:e + 1]!r}, "
                                             f"label says {surface!r}")
                        spans.append((s, e + 1, label))
            out.append((text, sorted(spans)))
    return out


def read_conll(path, scheme: str = "bio", sep: Optional[str] = None, strip_digit: bool = False) -> List[Example]:
    """One char per line (``char<sep>tag``), blank line between sentences; BIO or BMES tags."""
    out = []
    chars: List[str] = []
    tags: List[str] = []

    def flush():
        if chars:
            out.append(("".join(chars), tags_to_spans(tags, scheme)))
        chars.clear()
        tags.clear()

    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                flush()
                continue
            parts = line.split(sep) if sep else line.split()
            if len(parts) == 1 and line[:1] in (" ", "\t"):  # the character itself is a space
                parts = [" ", parts[0]]
            if len(parts) != 2:
                raise ValueError(f"{path}:{lineno}: expected 'char{sep or ' '}tag', got {line!r}")
            ch, tag = parts
            if strip_digit:
                ch = ch[:1]  # the rest is the position digit(s) within the jieba word
            if len(ch) != 1 and set(ch) == {"\ufffd"}:  # Weibo: a broken emoji read as U+FFFD U+FFFD
                ch = "\ufffd"
            if len(ch) != 1:
                raise ValueError(f"{path}:{lineno}: expected one character, got {ch!r}")
            chars.append(ch)
            tags.append(tag)
    flush()
    return out


def tags_to_spans(tags: Sequence[str], scheme: str = "bio") -> List[Tuple[int, int, str]]:
    """BIO / BMES tag sequence → ``(start, end, label)``; an I-/M-/E- without its B- starts a span."""
    spans = []
    start, label = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        p, _, lab = t.partition("-")
        if scheme == "bmes":
            p = {"M": "I", "E": "I"}.get(p, p)
        if p == "S":
            if start is not None:
                spans.append((start, i, label))
            spans.append((i, i + 1, lab))
            start, label = None, None
        elif p == "B" or (p == "I" and (start is None or lab != label)):
            if start is not None:
                spans.append((start, i, label))
            start, label = i, lab
        elif p == "I":
            pass
        else:
            if start is not None:
                spans.append((start, i, label))
            start, label = None, None
        if scheme == "bmes" and t.startswith("E-") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, None
    return spans


def spans_to_bio(length: int, spans: Iterable, labels: Sequence[str], partial: bool = False) -> Tuple[List[int], int]:
    """Spans → BIO tag ids over ``labels`` (``0`` = O, ``2k+1`` = B-label_k, ``2k+2`` = I-label_k).

    ``partial``: characters outside the spans get ``-1`` (unknown) instead of O; the CRF then
    sums over every tag there (:meth:`extract.learn.ner.model.CRF.nll`).

    Returns ``(tag_ids, n_skipped)``: a span that overlaps an earlier one, falls
    outside the text or has a label outside ``labels`` is skipped and counted,
    never silently dropped.
    """
    index = {lab: k for k, lab in enumerate(labels)}
    tags = [-1 if partial else 0] * length
    skipped = 0
    for s, e, lab in sorted(spans, key=lambda x: (x[0], -x[1])):
        k = index.get(lab)
        if k is None or not (0 <= s < e <= length) or any(x > 0 for x in tags[s:e]):
            skipped += 1
            continue
        tags[s] = 2 * k + 1
        for i in range(s + 1, e):
            tags[i] = 2 * k + 2
    return tags, skipped


def bio_labels(labels: Sequence[str]) -> List[str]:
    out = ["O"]
    for lab in labels:
        out += [f"B-{lab}", f"I-{lab}"]
    return out


# ------------------------------------------------------------------ splits
def cluener_split(path=None, seed: int = 13, holdout: float = 0.10, dev: float = 0.05,
                  split_file=HOLDOUT_PATH) -> Dict[str, List[Example]]:
    """CLUENER train → ``train`` / ``dev`` / ``holdout`` by line index.

    The split is read from ``split_file`` when it exists (so it never drifts),
    otherwise drawn with ``seed`` and written there with the file's sha256.
    """
    path = Path(path or CORPORA_DIR / "cluener2020" / "train.json")
    data = read_cluener(path)
    split_file = Path(split_file) if split_file else None
    if split_file is not None and split_file.is_file():
        with open(split_file, encoding="utf-8") as f:
            spec = json.load(f)
        if spec["n_records"] != len(data):
            raise ValueError(f"{split_file} was written for {spec['n_records']} records; {path} has {len(data)}")
        hold, dv = set(spec["holdout"]), set(spec["dev"])
    else:
        idx = list(range(len(data)))
        random.Random(seed).shuffle(idx)
        n_h, n_d = round(holdout * len(data)), round(dev * len(data))
        hold, dv = set(idx[:n_h]), set(idx[n_h:n_h + n_d])
        if split_file is not None:
            split_file.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
            spec = {"_doc": "Line indices (0-based) of CLUENER2020 train.json held out from training. "
                            "'holdout' is only ever used for reported scores; 'dev' for model selection.",
                    "file": "cluener2020/train.json", "sha256": sha, "n_records": len(data), "seed": seed,
                    "holdout": sorted(hold), "dev": sorted(dv)}
            with open(split_file, "w", encoding="utf-8") as f:
                json.dump(spec, f, ensure_ascii=False)
                f.write("\n")
    out = {"train": [], "dev": [], "holdout": []}
    for i, ex in enumerate(data):
        out["holdout" if i in hold else "dev" if i in dv else "train"].append(ex)
    return out


def load_corpus(name: str, split: str, exclude_fold=None) -> List[Example]:
    """Examples of one corpus split, by name (what training configs refer to). ``exclude_fold``: ``[k, K]``
    leaves out the documents of cross-fitting fold ``k`` of ``K`` (:func:`extract.learn.fold_of`; zhienews only)."""
    d = CORPORA_DIR
    if exclude_fold is not None and name != "zhienews":
        raise ValueError(f"exclude_fold applies to the zhienews corpus only, not {name!r}")
    if name in PREPARED:
        return read_prepared(name, split)
    if name == "pseudo":
        raise ValueError("the pseudo corpus is a file: give its config entry a \"path\" (and a \"fold_path\" for "
                         "cross-fitting); see evaluation/ner/pseudo_label.py")
    if name == "zhienews":
        files = {"train": "train.jsonl", "more": "train_more.jsonl", "dev": "dev.jsonl"}
        if split not in files:
            raise ValueError(f"zhienews offers train and more (training) and dev (evaluation), not {split!r}: "
                             "the news test split is scored only at release points")
        keep = None
        if exclude_fold is not None:
            from extract.learn import fold_of
            k, n = (int(x) for x in exclude_fold)
            keep = lambda doc_id: fold_of(doc_id, n) != k  # noqa: E731
        return read_zhie_gold(NEWS_DIR / files[split], keep_doc=keep)
    if name == "cluener":
        if split not in ("train", "dev", "holdout"):
            raise ValueError(f"CLUENER splits are train/dev/holdout (carved from train.json), not {split!r}")
        return cluener_split()[split]
    if name == "msra":
        files = {"train": "msra_train_bio.txt", "test": "msra_test_bio.txt"}
        if split not in files:
            raise ValueError(f"MSRA splits are {sorted(files)}, not {split!r}")
        return read_conll(d / "msra_ner" / files[split], "bio", sep="\t")
    if name == "resume":
        if split not in ("train", "dev", "test"):
            raise ValueError(f"Resume splits are train/dev/test, not {split!r}")
        return read_conll(d / "resume_ner" / f"{split}.char.bmes", "bmes")
    if name == "weibo":
        if split not in ("train", "dev", "test"):
            raise ValueError(f"Weibo splits are train/dev/test, not {split!r}")
        return read_conll(d / "weibo_ner" / f"weiboNER_2nd_conll.{split}", "bio", sep="\t", strip_digit=True)
    raise ValueError(f"Unknown corpus {name!r}; known: {sorted(CORPUS_LABELS)}. "
                     "(People's Daily is not offered: it overlaps MSRA train.)")


def chunk_example(text: str, spans, max_len: int = 200) -> List[Example]:
    """Cut a long example into pieces of at most ``max_len`` chars, never inside a span."""
    if len(text) <= max_len:
        return [(text, list(spans))]
    inside = bytearray(len(text) + 1)
    for s, e, _ in spans:
        for i in range(s + 1, e):
            inside[i] = 1
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + max_len)
        if end < len(text):
            # prefer a cut after punctuation, and never inside an entity
            cut = None
            for i in range(end, start + max_len // 2, -1):
                if not inside[i] and text[i - 1] in "，,。；;！？!?、 ":
                    cut = i
                    break
            if cut is None:
                cut = next((i for i in range(end, start, -1) if not inside[i]), end)
            end = cut
        piece = [(s - start, e - start, lab) for s, e, lab in spans if s >= start and e <= end]
        out.append((text[start:end], piece))
        start = end
    return out


def mention_table(examples: Sequence[Example]) -> Dict[str, List[str]]:
    """Label → the distinct surface strings it has in ``examples`` (for mention replacement)."""
    table: Dict[str, set] = {}
    for text, spans in examples:
        for s, e, lab in spans:
            table.setdefault(lab, set()).add(text[s:e])
    return {lab: sorted(v) for lab, v in table.items()}


def swap_mentions(text: str, spans, table: Dict[str, List[str]], rng: random.Random, p: float = 0.5) -> Example:
    """Mention replacement (augmentation): each entity, with probability ``p``, becomes another mention
    of the same label; the text around it and every offset are rebuilt. Overlapping spans: unchanged."""
    spans = sorted(spans)
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
        return text, list(spans)
    out, new_spans, pos = [], [], 0
    for s, e, lab in spans:
        out.append(text[pos:s])
        start = sum(len(x) for x in out)
        surface = text[s:e]
        if rng.random() < p and table.get(lab):
            surface = rng.choice(table[lab])
        out.append(surface)
        new_spans.append((start, start + len(surface), lab))
        pos = e
    out.append(text[pos:])
    return "".join(out), new_spans
