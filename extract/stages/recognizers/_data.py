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


def first_chars(pattern: str, flags: int = 0):
    """The characters a match of ``pattern`` can start with (a superset), or None where that is not a short list of
    characters: a match may be empty, start with any character (``.``, ``\\d``, ``[^…]``) or ignore case. Lookarounds
    and anchors take no character, so a set is read through them. Compiled as ``(?=[…])`` before the pattern it changes
    no match and lets a scan skip the other positions at once (a scan that tries each alternative at each position)."""
    from re import _constants as c, _parser as p

    def seq(items):
        out = set()
        for op, av in items:
            r = one(op, av)
            if r is None:
                return None
            out |= r[0]
            if not r[1]:
                return out, False
        return out, True

    def one(op, av):
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            out = set()
            for o, a in av:
                if o is c.LITERAL:
                    out.add(chr(a))
                elif o is c.RANGE and a[1] - a[0] < 256:
                    out.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None
            return out, False
        if op is c.SUBPATTERN:
            return None if av[1] & c.SRE_FLAG_IGNORECASE else seq(av[3])
        if op is c.BRANCH:
            out, empty = set(), False
            for b in av[1]:
                r = seq(b)
                if r is None:
                    return None
                out |= r[0]
                empty = empty or r[1]
            return out, empty
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            r = seq(av[2])
            return None if r is None else (r[0], r[1] or av[0] == 0)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        return None

    parsed = p.parse(pattern, flags)
    if parsed.state.flags & c.SRE_FLAG_IGNORECASE:
        return None
    r = seq(parsed)
    return None if r is None or r[1] or not r[0] else r[0]


# Tolerated between the parts of a number expression: spaces (PDF dumps: "9279 家"),
# markdown bold markers ("**30%**") and at most one line break (PDF lines: "4-9\n个百分点").
GAP = r"(?:[ \t\u00a0]|\*\*){0,3}(?:\n(?:[ \t\u00a0]|\*\*){0,2})?"
GAP_CHARS = " \t\u00a0*\n"


def gated(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a check of its first characters (:func:`first_chars`), unchanged where there is no short
    list of them. Worth it for a pattern scanned over a whole text that starts with lookbehinds, an optional part or
    alternatives the engine cannot search by a literal prefix (dates._SLASH_DATE over 740 news texts 0.061 -> 0.010 s);
    not before a literal (the engine searches for that by itself, faster)."""
    firsts = first_chars(pattern, flags)
    if not firsts or re.match(r"\(\?[aiLmsux]+\)", pattern):  # (global flags such as (?m) must open the pattern)
        return pattern
    return f"(?=[{char_class(firsts)}])(?:{pattern}\n)" if flags & re.VERBOSE else f"(?=[{char_class(firsts)}])(?:{pattern})"
