"""Entity scoring: exact match on ``(type, start, end)``, per type and micro, explicit zero division."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Sequence


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f(self) -> float:
        return 2 * self.tp / (self.n_pred + self.n_gold) if (self.n_pred + self.n_gold) else 0.0

    def to_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4),
                "tp": self.tp, "n_pred": self.n_pred, "n_gold": self.n_gold}


def score_spans(gold: Iterable[Sequence], pred: Iterable[Sequence], types: Optional[Iterable[str]] = None) -> Dict[str, PRF]:
    """``gold``/``pred``: per document, a list of ``(start, end, type)``. Returns per type and ``"micro"``."""
    per = defaultdict(PRF)
    keep = set(types) if types is not None else None
    for g, p in zip(gold, pred, strict=True):
        gs = {(t, s, e) for s, e, t in g if keep is None or t in keep}
        ps = {(t, s, e) for s, e, t in p if keep is None or t in keep}
        for t, *_ in gs:
            per[t].n_gold += 1
        for t, *_ in ps:
            per[t].n_pred += 1
        for t, *_ in gs & ps:
            per[t].tp += 1
    micro = PRF(sum(x.tp for x in per.values()), sum(x.n_pred for x in per.values()),
                sum(x.n_gold for x in per.values()))
    out = dict(sorted(per.items()))
    out["micro"] = micro
    return out


def map_spans(spans: Sequence, mapping: dict) -> list:
    """Map span labels through ``mapping``; labels mapped to None (or absent) are dropped."""
    return [(s, e, mapping[t]) for s, e, t in spans if mapping.get(t)]
