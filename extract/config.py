"""Where the package finds its files, and command-line overrides of JSON configs (``--set training.epochs=3``)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"  # language knowledge as data: rule vocabularies, gazetteers, event and fact words
REPO_ROOT = PACKAGE_DIR.parent  # the checkout (models/, annotations/, evaluation/ live here)


def apply_overrides(config: dict, items: Iterable[str]) -> dict:
    """Set ``SECTION.KEY=JSON`` items in ``config`` (in place) and return it.

    Raises ``ValueError`` naming the item when it is not of that form or its value is not JSON.
    """
    for item in items:
        key, sep, val = item.partition("=")
        sec, _, k = key.partition(".")
        if not sep or not sec or not k:
            raise ValueError(f"--set {item!r}: expected SECTION.KEY=JSON, e.g. training.epochs=3")
        try:
            value = json.loads(val)
        except json.JSONDecodeError as e:
            raise ValueError(f"--set {item!r}: the value is not JSON ({e.msg}); quote strings: key='\"text\"'") from None
        config.setdefault(sec, {})[k] = value
    return config
