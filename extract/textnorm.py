"""Length-preserving normalization: traditional → simplified, full-width → half-width.

The normalized view is an internal string of exactly the same length as the
original text, so position ``i`` in one is position ``i`` in the other and no
offset ever moves. Where a conversion would change the length (OpenCC phrase
rules that map n characters to m ≠ n), the text falls back to a per-character
conversion, and a character whose conversion is not one character stays as it
was. :func:`normalize` checks the invariant before returning.
"""
from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CHUNK = re.compile(r"[^\n。！？!?；;]*[\n。！？!?；;]?")


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - opencc is a core dependency
        raise ImportError("opencc is required for traditional-script input: pip install opencc") from e
    for cfg in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(cfg)
        except Exception:  # different opencc builds name configs differently
            continue
    raise RuntimeError("OpenCC has no 't2s' configuration in this installation")


@lru_cache(maxsize=65536)
def _char_t2s(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


_SURROGATES = re.compile("[\ud800-\udfff]+")


def to_simplified(text: str) -> str:
    """Traditional → simplified, guaranteed to keep ``len(text)``.

    Lone surrogates (a JSON ``\\ud800`` in the input) stay as they are: OpenCC reads UTF-8, which
    cannot hold them, so only the text between them is converted (found by fuzzing: it raised
    UnicodeEncodeError)."""
    if not text:
        return text
    if _SURROGATES.search(text):
        parts, pos = [], 0
        for m in _SURROGATES.finditer(text):
            parts += [_convert(text[pos:m.start()]), m.group(0)]
            pos = m.end()
        parts.append(_convert(text[pos:]))
        return "".join(parts)
    return _convert(text)


def _convert(text: str) -> str:
    if not text:
        return text
    conv = _converter().convert(text)
    if len(conv) == len(text):
        return conv
    parts = []
    for m in _CHUNK.finditer(text):
        chunk = m.group(0)
        if not chunk:
            continue
        c = _converter().convert(chunk)
        parts.append(c if len(c) == len(chunk) else "".join(_char_t2s(ch) for ch in chunk))
    return "".join(parts)


def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character, or an empty slice) is a Han character of the basic CJK block (一 … 鿿): the test
    the name edges, the fact rules and the metric trimmer make of the character next to a span; False for ``""``."""
    return "\u4e00" <= ch <= "\u9fff"


def is_latin_letter(ch: str) -> bool:
    """Whether ``ch`` (one character, or an empty slice) is an ASCII letter: the test the name edges make of the
    characters on both sides of a Latin-script name's edge (Gro|q, the AI of OpenAI); False for ``""``."""
    return ch.isascii() and ch.isalpha()


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (Ａ-Ｚ, ０-９, ％, ．, …) and the ideographic space → their ASCII forms."""
    return text.translate(_HALF)


_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF[0x3000] = 0x20
# Keep Chinese punctuation readable as punctuation, but make number-ish marks ASCII.
for _cp in (0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF08, 0xFF09):  # ，；：！？（）
    _HALF.pop(_cp, None)


def detect_script(text: str, sample: int = 20000) -> str:
    """``"traditional"``, ``"simplified"`` or ``"none"`` (no Han characters)."""
    han = _HAN.findall(text[:sample])
    if not han:
        return "none"
    s = "".join(han)
    conv = to_simplified(s)
    changed = sum(1 for a, b in zip(s, conv) if a != b)
    return "traditional" if changed / len(han) > 0.03 or changed >= 20 else "simplified"


_LONE_CR = re.compile(r"\r(?!\n)")
# A full-width comma used as a thousands separator (38，917架次, 约4，600亿日元): one to three digits before it (not
# after another digit or separator) and groups of exactly three digits after it; a list (1，2，3) or a year before a
# clause break (2019，100家) is left alone, and so is a last group before another full-width comma. The news train,
# extension and dev gold read 2 of 2 such as one FIGURE (session 56: news dev + select FIGURE 0.9573 -> 0.9580).
_FW_THOUSANDS = re.compile(r"(?<![\d.,，])\d{1,3}(?:，\d{3})+(?![\d，])")


def normalize(text: str) -> tuple:
    """Return ``(norm, script)``: the same-length internal view and the detected script."""
    script = detect_script(text)
    norm = to_simplified(text) if script == "traditional" else text
    norm = to_halfwidth(norm)
    if "，" in norm:
        norm = _FW_THOUSANDS.sub(lambda m: m.group().replace("，", ","), norm)
    if "\r" in norm:  # a lone \r ends a line (old Mac files): the stages split lines on \n only
        norm = _LONE_CR.sub("\n", norm)
    if len(norm) != len(text):  # pragma: no cover - guarded by construction
        raise AssertionError("normalization changed the text length")
    return norm, script
