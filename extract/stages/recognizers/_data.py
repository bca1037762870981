"""Loading the language data of the rule recognizers (``extract/data/rules/*.json``).

Every file is strict JSON: a duplicate key anywhere is an error that names the
file and the key (``json`` would silently keep the last one). Keys starting
with ``_`` are comments and are dropped. The recognizers compile their
regular expressions from these files once, when a recognizer object is built.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable
from extract.config import DATA_DIR

RULES_DIR = DATA_DIR / "rules"


class RulesDataError(ValueError):
    """A rules data file that does not parse or breaks an integrity rule."""


def _no_dupes(path: Path):
    def hook(pairs):
        out = {}
        for k, v in pairs:
            if k in out:
                raise RulesDataError(f"{path}: duplicate key {k!r}. Each key may appear once per object; "
                                     f"merge the two entries.")
            out[k] = v
        return out
    return hook


def _strip_comments(obj):
    if isinstance(obj, dict):
        return {k: _strip_comments(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [_strip_comments(v) for v in obj]
    return obj


def load_rules(name: str, rules_dir: Path = None) -> dict:
    """Read ``<rules_dir>/<name>.json`` (comments removed). Raises :class:`RulesDataError` on a bad file."""
    path = Path(rules_dir or RULES_DIR) / f"{name}.json"
    if not path.exists():
        raise RulesDataError(f"rules data file {path} is missing; the rule recognizers need it "
                             f"(it ships with the package under extract/data/rules/)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_dupes(path))
    except json.JSONDecodeError as e:
        raise RulesDataError(f"{path}, line {e.lineno}: {e.msg}") from None
    return _strip_comments(raw)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 超过 is tried before 超)."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    if not ws:
        return "(?!)"
    return "|".join(re.escape(w) for w in ws)


def char_class(chars: Iterable[str]) -> str:
    """A regex character class body (no brackets) matching any of ``chars``."""
    return "".join(re.escape(c) for c in sorted(set(chars)))


# Tolerated between the parts of a number expression: spaces (PDF dumps: "9279 家"),
# markdown bold markers ("**30%**") and at most one line break (PDF lines: "4-9\n个百分点").
GAP = r"(?:[ \t\u00a0]|\*\*){0,3}(?:\n(?:[ \t\u00a0]|\*\*){0,2})?"
GAP_CHARS = " \t\u00a0*\n"
