"""Hashed sparse features and the logistic over them, shared by the learned stages (relation classifier, FUNDING
model, fact chooser, match filters).

A feature is a string; its slot is the CRC-32 of its UTF-8 bytes modulo the model's number of slots.
Lone surrogates pass through (``surrogatepass``), so any text a document holds can be part of a feature.
Saved weights are keyed by these slots: changing the function invalidates every shipped model.
"""
from __future__ import annotations

import json
from pathlib import Path
import math
import zlib
from functools import lru_cache
from itertools import repeat
from typing import Callable, Iterable


def feature_slot(feature: str, dim: int) -> int:
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) % dim


def slot_hasher(dim: int, cache: int = 1 << 17) -> Callable[[str], int]:
    """A cached ``feature -> slot`` function for a model of ``dim`` slots (the same feature strings recur
    across candidates and documents)."""
    @lru_cache(maxsize=cache)
    def h(feature: str) -> int:
        return feature_slot(feature, dim)
    return h


def sparse_prob(model: dict, ids: Iterable[int]) -> float:
    """The logistic probability of a sparse linear model ``{"bias": b, "w": {slot: weight}}`` over the feature slots
    ``ids`` (its logit clipped to ±30, so ``exp`` never overflows)."""
    w = model["w"]
    z = model["bias"] + sum(map(w.get, ids, repeat(0.0)))  # (the generator's sum, in C: same terms, same order)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def weights_file(path, component: str, train: str) -> Path:
    """``path`` as a Path; a FileNotFoundError naming ``component`` and the command that trains the file
    (``train``) when there is no such file."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{component}: no weights file {p} (train one with `{train}`)")
    return p


def read_weights(path, fmt: str, dim: int) -> dict:
    """A weights file of a learned stage (JSON with ``"model": fmt`` and ``"dim": dim``), its slot keys made ints
    (``data["w"]``); a file of another format or size is refused with a message naming it."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("model") != fmt or data.get("dim") != dim:
        raise ValueError(f"{path}: not a {fmt} weights file for {dim} slots")
    data["w"] = {int(k): v for k, v in data["w"].items()}
    return data
