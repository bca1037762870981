"""Adversarial inputs and the time-per-character test: is every stage linear whatever the text?

Each generator makes a text of exactly ``size`` characters that stresses one thing a naive
stage does in quadratic time or trips over::

    >>> from extract.eval.stress import GENERATORS, stress, format_stress
    >>> d = stress(sizes=(10_000, 100_000))
    >>> print(format_stress(d))

or ``zhie bench --stress [--sizes 10000,100000,1000000] [--json OUT]``.

For each size, ordinary news (the example documents concatenated and repeated, as in the
scaling rows of :mod:`extract.eval.bench`) is timed first; each adversarial text is then timed
stage by stage, and its time per character is divided by the news time per character at the
same size (``ratio``; the target is at most 3). A stage whose time grows faster than the text
shows up as a ratio that grows with the size; ``slowest`` names the stage that took longest.
"""
from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import Callable, Dict, Optional, Sequence

from extract.config import REPO_ROOT

STRESS_SIZES = (10_000, 100_000, 1_000_000)


# ------------------------------------------------------------ the benchmark's ordinary inputs
def default_files() -> list:
    """The seed documents: ``$ZHIE_SEEDS``, else ``examples/`` in the repo (the five seed texts), else ``../shared/seeds``."""
    for cand in (os.environ.get("ZHIE_SEEDS"), REPO_ROOT / "examples", REPO_ROOT.parent / "shared" / "seeds"):
        if cand and Path(cand).is_dir():
            files = sorted(Path(cand).glob("*.txt"))
            if files:
                return files
    raise FileNotFoundError("No seed documents found (set ZHIE_SEEDS or pass files to bench)")


def _read(files) -> list:
    from extract.io.readers import iter_inputs

    out = []
    for d in iter_inputs([str(f) for f in files]):
        if d.error:
            raise ValueError(f"bench: cannot read input: {d.error}")
        if d.text:
            out.append((d.text, d.id))
    if not out:
        raise ValueError("bench: the input holds no text")
    return out


def _synthesize(texts, size: int) -> str:
    base = "\n".join(t for t, _ in texts)
    return (base * (size // len(base) + 1))[:size]


# ------------------------------------------------------------ adversarial inputs


def _fill(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def no_punct(size: int, seed: int = 0) -> str:
    """Rank-like and figure-like tokens with no sentence punctuation at all (one huge sentence)."""
    return _fill("第1第2第3名前10TOP位居全国首位增长12.5%达到3亿元", size)


def no_punct_prose(size: int, seed: int = 0) -> str:
    """Ordinary news with every punctuation mark and line break removed."""
    base = _synthesize(_read(default_files()), size * 2)
    kept = "".join(ch for ch in base if ch.isalnum())
    return _fill(kept, size)


def one_char(size: int, seed: int = 0) -> str:
    """One Chinese character repeated."""
    return "的" * size


def one_digit(size: int, seed: int = 0) -> str:
    """One digit repeated: a single million-digit number."""
    return "9" * size


def wide_table(size: int, seed: int = 0) -> str:
    """A markdown table 10,000 columns wide (header, separator, then rows until the size)."""
    cols = 10_000
    header = "|" + "|".join(f"指标{i}" for i in range(cols)) + "|\n"
    sep = "|" + "|".join("---" for _ in range(cols)) + "|\n"
    row = "|" + "|".join(f"{i % 97}.5亿元" for i in range(cols)) + "|\n"
    return (header + sep + row * (size // len(row) + 1))[:size]


def tall_table(size: int, seed: int = 0) -> str:
    """A tab-separated table with very many short rows."""
    rows = ["企业\t营收\t排名"] + [f"公司{i}\t{i}亿元\t第{i}名" for i in range(size // 8 + 2)]
    return "\n".join(rows)[:size]


def many_numbers(size: int, seed: int = 0) -> str:
    """Numbers separated by spaces and commas (100,000 numbers at 1M characters)."""
    rng = random.Random(seed)
    parts, n = [], 0
    while n < size:
        p = f"{rng.randint(0, 999999)}{rng.choice([' ', ',', '、', '万 ', '亿元 ', '% '])}"
        parts.append(p)
        n += len(p)
    return "".join(parts)[:size]


def nested_brackets(size: int, seed: int = 0) -> str:
    """Deeply nested brackets of every kind, opened all the way in, then closed."""
    pairs = ["()", "（）", "《》", "【】", "「」", "“”", "[]", "{}"]
    half = size // 2
    opens = "".join(pairs[i % len(pairs)][0] for i in range(half))
    closes = "".join(pairs[i % len(pairs)][1] for i in reversed(range(half)))
    return (opens + closes + "》")[:size]


def unclosed_quotes(size: int, seed: int = 0) -> str:
    """Opening quotes and title marks that never close, around company-like names."""
    return _fill("“深圳科技股份有限公司《关于促进产业发展的若干措施", size)


def mixed_scripts(size: int, seed: int = 0) -> str:
    """Chinese, Latin, Cyrillic, Arabic, emoji with ZWJ sequences, skin tones, flags and combining marks."""
    rng = random.Random(seed)
    units = ["深圳", "Tencent", "Привет", "مرحبا", "👨\u200d👩\u200d👧\u200d👦", "👍🏽", "🇨🇳",
             "e\u0301\u0301\u0301", "あ\u3099", "１２３", "②", "Ⅻ", "\u200b", "\ufeff", "１.５亿元", "第１", "。"]
    out, n = [], 0
    while n < size:
        u = rng.choice(units)
        out.append(u)
        n += len(u)
    return "".join(out)[:size]


def lone_surrogates(size: int, seed: int = 0) -> str:
    """Chinese text with unpaired UTF-16 surrogates (what a broken decoder or JSON \\ud800 gives)."""
    return _fill("上海\ud800企业达1026家\udfff,位居全国第一。", size)


def cr_only(size: int, seed: int = 0) -> str:
    """News text whose only line ends are ``\\r`` (old Mac files)."""
    return _synthesize(_read(default_files()), size).replace("\r\n", "\r").replace("\n", "\r")


def one_line_news(size: int, seed: int = 0) -> str:
    """News text with every line break removed: one paragraph, very long 'sentences' in PDF dumps."""
    return _synthesize(_read(default_files()), size * 2).replace("\n", "").replace("\r", "")[:size]


def entity_dense(size: int, seed: int = 0) -> str:
    """Company names, places and figures back to back: as many spans per character as text allows."""
    return _fill("深圳市腾讯计算机系统有限公司上海浦东新区1026家北京123亿元", size)


GENERATORS: Dict[str, Callable[[int], str]] = {
    "no_punct": no_punct,
    "no_punct_prose": no_punct_prose,
    "one_char": one_char,
    "one_digit": one_digit,
    "wide_table": wide_table,
    "tall_table": tall_table,
    "many_numbers": many_numbers,
    "nested_brackets": nested_brackets,
    "unclosed_quotes": unclosed_quotes,
    "mixed_scripts": mixed_scripts,
    "lone_surrogates": lone_surrogates,
    "cr_only": cr_only,
    "one_line_news": one_line_news,
    "entity_dense": entity_dense,
}


def news(size: int) -> str:
    """Ordinary news of ``size`` characters: the example documents concatenated and repeated."""
    return _synthesize(_read(default_files()), size)


def time_stages(nlp, text: str, repeat: int = 1) -> dict:
    """Seconds per pipeline stage for one document: the run with the least total of ``repeat`` runs.

    A stage that raises is a crash the benchmark must show, not hide: the exception propagates."""
    best = None
    for _ in range(max(1, repeat)):
        doc = nlp.make_doc(text, id="stress")
        out = {}
        for name, comp in nlp.components:
            t = time.perf_counter()
            doc = comp(doc)
            out[name] = time.perf_counter() - t
        doc.check_offsets()
        doc.to_dict()
        if best is None or sum(out.values()) < sum(best.values()):
            best = out
    return best


def stress(model=None, sizes: Sequence[int] = STRESS_SIZES, names: Optional[Sequence[str]] = None,
           nlp=None, log=None, repeat: int = 3, repeat_upto: int = 100_000) -> dict:
    """Time ordinary news and every adversarial generator at each size; see the module docstring.

    Sizes up to ``repeat_upto`` are run ``repeat`` times and the fastest run kept (the machine is
    shared; noise only ever adds time); larger sizes once."""
    from extract.pipeline import load

    if nlp is None:
        nlp = load() if model is None else load(model)
    names = list(names or GENERATORS)
    nlp("预热。上海1026家企业位居全国第一。")
    rows = []
    for size in sorted(sizes):
        rep = repeat if size <= repeat_upto else 1
        base = time_stages(nlp, news(size), rep)
        base_s = sum(base.values())
        rows.append({"input": "news", "size": size, "seconds": base_s, "us_per_char": base_s / size * 1e6,
                     "ratio": 1.0, "stages": base})
        if log:
            log(f"[stress] news {size:,}: {base_s:.2f} s")
        for name in names:
            text = GENERATORS[name](size)
            assert len(text) == size, (name, len(text), size)
            st = time_stages(nlp, text, rep)
            sec = sum(st.values())
            slow = max(st.items(), key=lambda kv: kv[1])
            rows.append({"input": name, "size": size, "seconds": sec, "us_per_char": sec / size * 1e6,
                         "ratio": sec / base_s if base_s else None, "slowest": [slow[0], slow[1]], "stages": st})
            if log:
                log(f"[stress] {name} {size:,}: {sec:.2f} s (x{sec / base_s:.2f} news; slowest {slow[0]} {slow[1]:.2f} s)")
    adv = [r for r in rows if r["input"] != "news"]
    worst = max(adv, key=lambda r: r["ratio"]) if adv else None
    import os
    import platform

    return {"pipeline": {"name": nlp.name, "components": nlp.pipe_names}, "sizes": list(sizes), "rows": rows,
            "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count()},
            "repeat": {"times": repeat, "upto": repeat_upto},
            "worst": {k: worst[k] for k in ("input", "size", "ratio", "slowest")} if worst else None,
            "target_ratio": 3.0}


def format_stress(d: dict) -> str:
    """A table: input × size → seconds, µs per char, ratio to news."""
    sizes = d["sizes"]
    by = {(r["input"], r["size"]): r for r in d["rows"]}
    inputs = list(dict.fromkeys(r["input"] for r in d["rows"]))
    L = [f"Pipeline {d['pipeline']['name']!r}; time per character relative to ordinary news of the same size "
         f"(target: at most {d['target_ratio']:.0f}x)", ""]
    L.append(f"{'input':<18}" + "".join(f"{f'{s:,} s':>14}{'ratio':>7}" for s in sizes) + "  slowest stage at the largest size")
    for name in inputs:
        line = f"{name:<18}"
        for s in sizes:
            r = by.get((name, s))
            line += f"{r['seconds']:>14.3f}{r['ratio']:>7.2f}" if r else f"{'-':>14}{'-':>7}"
        last = by.get((name, sizes[-1]))
        if last and last.get("slowest"):
            line += f"  {last['slowest'][0]} {last['slowest'][1]:.2f} s"
        L.append(line)
    if len(sizes) >= 2:  # time growth between the two largest sizes: linear is the size ratio
        a, b = sizes[-2], sizes[-1]
        grow = []
        for name in inputs:
            ra, rb = by.get((name, a)), by.get((name, b))
            if ra and rb and ra["seconds"] > 0:
                grow.append(f"{name} {rb['seconds'] / ra['seconds']:.1f}x")
        L += ["", f"Time growth from {a:,} to {b:,} characters ({b / a:.0f}x the text; linear = {b / a:.0f}x): "
              + ", ".join(grow)]
    w = d.get("worst")
    if w:
        L += ["", f"Worst ratio: {w['input']} at {w['size']:,} chars: {w['ratio']:.2f}x news "
                  f"(slowest stage {w['slowest'][0]})"]
    return "\n".join(L)
