"""A learned classifier for prose relations: does this COMPANY stand in ``located_in`` with this
place, or in ``in_industry`` with this industry?

The alternative to the prose patterns of :mod:`extract.stages.relations.rules` (table rows keep their rules:
the header states the relation). Candidates are the (COMPANY, LOC) and (COMPANY, INDUSTRY) pairs
of one sentence at most ``MAX_DIST`` characters apart, outside tables. Each pair is described by
sparse binary features — relation type, order, distance, what lies between (its punctuation, the
other entities, the gap itself when short and its character bigrams) and the characters around
the pair — hashed into ``DIM`` slots. A logistic regression (torch, full-batch Adam with L2) is
trained on annotated documents (``learn(docs)``: a cross-validation fold), and a pair with
probability ≥ 0.5 becomes a relation. Weights are a small JSON file; inference is plain Python.
"""
from __future__ import annotations

import json
import math
import zlib
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from extract.stages.segment import ensure_sentences

PAIRS = {"LOC": "located_in", "INDUSTRY": "in_industry"}
MAX_DIST = 40
DIM = 1 << 14
_DIST = (0, 1, 2, 4, 8, 16, 32)
_PUNCT = "，,、；;：:（）()“”\"的和及与在是为"


def _bucket(x: int, edges=_DIST) -> int:
    return next((i for i, b in enumerate(edges) if x <= b), len(edges))


def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) % DIM


def table_spans(doc) -> List[Tuple[int, int]]:
    """Spans of the tables in ``doc`` (from the table reader, or read again for gold documents)."""
    tables = getattr(doc, "tables", None)
    if tables is None:
        from extract.stages.tables import find_column_tables, find_tables, load_table_data
        tables = find_tables(doc.norm) + find_column_tables(doc.norm, load_table_data())
    return [(t.start, t.end) for t in tables]


def candidates(doc) -> Iterable[tuple]:
    """``(company, other, relation type)`` pairs of one sentence, outside tables."""
    in_table = {id(e) for s, t in table_spans(doc) for e in doc.entities_between(s, t)}
    ents = [e for e in sorted(doc.entities, key=lambda e: e.start) if id(e) not in in_table]
    starts = [e.start for e in ents]
    for ss, se in doc.sents:
        inside = doc.entities_between(ss, se, ents, starts)
        for c in inside:
            if c.type != "COMPANY":
                continue
            for o in inside:
                if o.type in PAIRS and (abs(o.start - c.end) <= MAX_DIST or abs(c.start - o.end) <= MAX_DIST):
                    yield c, o, PAIRS[o.type], inside


def features(doc, c, o, rel: str, inside: list) -> List[int]:
    norm = doc.norm
    a, b = (c, o) if c.start < o.start else (o, c)
    gap = norm[a.end:b.start]
    order = "CO" if a is c else "OC"
    between = [e for e in inside if a.end <= e.start and e.end <= b.start]
    same = sum(1 for e in between if e.type == o.type)
    comps = sum(1 for e in between if e.type == "COMPANY")
    f = [f"rel={rel}", f"{rel}|order={order}", f"{rel}|dist={_bucket(len(gap))}",
         f"{rel}|same_between={min(same, 3)}", f"{rel}|comp_between={min(comps, 3)}",
         f"{rel}|left={norm[max(0, a.start - 2):a.start]}", f"{rel}|left1={norm[a.start - 1:a.start]}",
         f"{rel}|right={norm[b.end:b.end + 2]}", f"{rel}|right1={norm[b.end:b.end + 1]}",
         f"{rel}|{order}|other_last={o.text[-1:]}"]
    if len(gap) <= 6:
        f.append(f"{rel}|{order}|gap={gap}")
    for ch in set(gap) & set(_PUNCT):
        f.append(f"{rel}|{order}|punct={ch}")
    for i in range(len(gap) - 1):
        f.append(f"{rel}|{order}|bi={gap[i:i + 2]}")
    f.append(f"{rel}|{order}|head_gap={gap[:2]}")
    f.append(f"{rel}|{order}|tail_gap={gap[-2:]}")
    nearest = min((e for e in inside if e.type == o.type),
                  key=lambda e: min(abs(e.start - c.end), abs(c.start - e.end)))
    f.append(f"{rel}|nearest={nearest is o}")
    return sorted({_h(x) for x in f})


def training_examples(docs) -> list:
    """``(feature ids, label)`` for every candidate pair of every annotated document."""
    out = []
    for doc in docs:
        ensure_sentences(doc)
        gold = {(r.type, id(r.head), id(r.tail)) for r in doc.relations}
        for c, o, rel, inside in candidates(doc):
            out.append((features(doc, c, o, rel, inside), 1.0 if (rel, id(c), id(o)) in gold else 0.0))
    return out


def fit(examples: list, epochs: int = 200, lr: float = 0.1, l2: float = 1e-3, seed: int = 13) -> dict:
    """Sparse logistic regression weights ``{"bias": b, "w": {slot: weight}}`` (torch, full batch)."""
    import torch

    torch.manual_seed(seed)
    if not examples:
        return {"bias": -10.0, "w": {}}
    rows = [i for i, (ids, _) in enumerate(examples) for _ in ids]
    cols = [j for ids, _ in examples for j in ids]
    x = torch.sparse_coo_tensor(torch.tensor([rows, cols]), torch.ones(len(cols)), (len(examples), DIM),
                                check_invariants=False).coalesce()
    y = torch.tensor([label for _, label in examples])
    w = torch.zeros(DIM, requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    opt = torch.optim.Adam([w, bias], lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        logits = torch.sparse.mm(x, w.unsqueeze(1)).squeeze(1) + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y) + l2 * (w * w).sum()
        loss.backward()
        opt.step()
    weights = {int(i): round(float(v), 5) for i, v in enumerate(w.detach()) if abs(float(v)) > 1e-4}
    return {"bias": round(float(bias.detach()[0]), 5), "w": weights}


class RelationClassifier:
    def __init__(self, model: Optional[dict] = None):
        self.model = model

    def fit(self, docs) -> "RelationClassifier":
        self.model = fit(training_examples(docs))
        return self

    def prob(self, ids: List[int]) -> float:
        w = self.model["w"]
        z = self.model["bias"] + sum(w.get(i, 0.0) for i in ids)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def predict(self, doc, threshold: float = 0.5) -> List[tuple]:
        """``(type, company, other)`` for every candidate pair scored at or above ``threshold``."""
        if not self.model:
            return []
        return [(rel, c, o) for c, o, rel, inside in candidates(doc)
                if self.prob(features(doc, c, o, rel, inside)) >= threshold]

    def save(self, path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"model": "rellearn.logreg.v1", "dim": DIM, **self.model}, f)

    @classmethod
    def load(cls, path) -> "RelationClassifier":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("model") != "rellearn.logreg.v1" or data.get("dim") != DIM:
            raise ValueError(f"{path}: not a rellearn.logreg.v1 weights file for {DIM} slots")
        return cls({"bias": data["bias"], "w": {int(k): v for k, v in data["w"].items()}})
