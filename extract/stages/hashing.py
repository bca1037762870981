"""Hashed sparse features, shared by the learned stages (relation classifier, FUNDING model, fact chooser).

A feature is a string; its slot is the CRC-32 of its UTF-8 bytes modulo the model's number of slots.
Lone surrogates pass through (``surrogatepass``), so any text a document holds can be part of a feature.
Saved weights are keyed by these slots: changing the function invalidates every shipped model.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Callable


def feature_slot(feature: str, dim: int) -> int:
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) % dim


def slot_hasher(dim: int, cache: int = 1 << 17) -> Callable[[str], int]:
    """A cached ``feature -> slot`` function for a model of ``dim`` slots (the same feature strings recur
    across candidates and documents)."""
    @lru_cache(maxsize=cache)
    def h(feature: str) -> int:
        return feature_slot(feature, dim)
    return h
