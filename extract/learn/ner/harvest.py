"""Harvest an industry word list from raw news: the words the text itself frames as a sector.

    python -m extract.learn.ner.harvest RAW.txt [RAW2.txt …] -o industries_harvested.tsv

News names sectors by putting them before a head noun: 光伏行业, 生猪养殖板块, 低空经济赛道, 人工智能领域,
创新药产业链, 稀土概念股. Every run of one to three jieba words right before such a frame (``FRAMES``) is a
candidate, provided its first word is noun-like in jieba's dictionary (or unknown to it) and no word is a
function word (``STOP``, or a dictionary tag such as p/c/d/m/t: 对于/以及/目前/今年 …). A candidate is
kept when it stands before a frame at least ``min_framed`` times and in at least ``min_ratio`` of all its
occurrences (as a run of whole jieba words): 光伏 and 化工 pass, 技术 or 发展 (framed now and then, mostly
not) do not. The text is converted to simplified script first (the NER reads the normalized text).

The list is noisy on purpose (布局AI, 深圳人工智能 slip through): it feeds the NER's lexicon features
(:mod:`extract.learn.ner.lexicons`, a list of its own), where the tagger learns from the annotations how
far to trust it and the context decides, never a lookup on its own. Counts are written beside each word
(``name``, ``framed``, ``occurrences``), and a JSON summary (input sha256, thresholds, output sha256) is
printed for the record.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from extract.learn import missing_files

__all__ = ["FRAMES", "harvest", "main"]

# head nouns after which the words before them name a sector (simplified script)
FRAMES = frozenset(["行业", "产业", "板块", "赛道", "领域", "产业链", "概念股"])
MAX_WORDS = 3
MIN_CHARS, MAX_CHARS = 2, 10
_WORD = re.compile(r"^(?:[\u4e00-\u9fff]+|[A-Za-z][A-Za-z0-9+]*)$")
# words that begin no sector name although jieba tags some of them as nouns
STOP = frozenset("的 和 与 及 等 在 是 为 了 对 从 将 把 被 由 或 以 于 其 该 这 那 各 个 也 都 又 并 而 但 如 向 至 到 让 "
                 "使 有 无 不 没 中 上 下 内 外 前 后 新 大 小 多 整个 相关 全 本 我国 国内 全球 中国 美国 一 两 主要 "
                 "传统 重点 其他 其它 多个 部分 不同 细分 未来 新兴".split())
# jieba dictionary tags of a word that may open a sector name; later words may also be verbs (生猪养殖, 装备制造)
_NOUNY = frozenset(["n", "nz", "vn", "ng", "an", "j", "eng", "nt", "ns", "nr", "nrt", "nrfg", "l", "i", "x", "b"])


def _tags() -> Dict[str, str]:
    import jieba.posseg as pseg
    return pseg.dt.word_tag_tab


def _opens(word: str, tags: Dict[str, str]) -> bool:
    t = tags.get(word)
    return t is None or t in _NOUNY


def _continues(word: str, tags: Dict[str, str]) -> bool:
    t = tags.get(word)
    return t is None or t in _NOUNY or t == "v"


def harvest(lines: Iterable[str], min_framed: int = 1, min_ratio: float = 0.02,
            log=None) -> List[Tuple[str, int, int]]:
    """``(word, times before a frame, occurrences as whole jieba words)`` for the words kept, most framed
    first; ``lines`` are raw text lines (any script)."""
    import jieba

    from extract.textnorm import to_simplified

    jieba.setLogLevel(60)
    tags = _tags()
    framed: collections.Counter = collections.Counter()
    tokens: List[List[str]] = []
    for n, line in enumerate(lines, 1):
        toks = jieba.lcut(to_simplified(line.strip()))
        tokens.append(toks)
        for i, t in enumerate(toks):
            if t not in FRAMES:
                continue
            for k in range(1, MAX_WORDS + 1):
                if i - k < 0:
                    break
                seq = toks[i - k:i]
                if any(x in STOP or not _WORD.match(x) for x in seq) or not _opens(seq[0], tags) \
                        or not all(_continues(x, tags) for x in seq[1:]):
                    break
                word = "".join(seq)
                if MIN_CHARS <= len(word) <= MAX_CHARS:
                    framed[word] += 1
        if log and n % 20000 == 0:
            log(f"[harvest] {n:,} lines, {len(framed):,} candidates")
    cands = {w for w, c in framed.items() if c >= min_framed}
    occurrences: collections.Counter = collections.Counter()
    for toks in tokens:
        for i in range(len(toks)):
            s = ""
            for t in toks[i:i + MAX_WORDS]:
                s += t
                if s in cands:
                    occurrences[s] += 1
    kept = [(w, framed[w], occurrences[w]) for w in cands
            if framed[w] / max(occurrences[w], framed[w]) >= min_ratio]
    return sorted(kept, key=lambda x: (-x[1], x[0]))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.ner.harvest", description=__doc__.split("\n\n")[0])
    ap.add_argument("raw", nargs="+", help="raw text files, one paragraph per line")
    ap.add_argument("-o", "--output", required=True, help="TSV to write (name, framed, occurrences)")
    ap.add_argument("--min-framed", type=int, default=1, help="times before a frame (default 1)")
    ap.add_argument("--min-ratio", type=float, default=0.02, help="share of occurrences before a frame (default 0.02)")
    args = ap.parse_args(argv)
    if missing_files(args.raw):
        return 2
    paths = [Path(p) for p in args.raw]

    def lines():
        for p in paths:
            with open(p, encoding="utf-8", errors="replace") as f:
                yield from f

    words = harvest(lines(), args.min_framed, args.min_ratio, log=lambda m: print(m, file=sys.stderr))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("name\tframed\toccurrences\n")
        for w, c, n in words:
            f.write(f"{w}\t{c}\t{n}\n")
    print(json.dumps({"inputs": [{"path": p.name, "sha256": _sha256(p)} for p in paths],
                      "frames": sorted(FRAMES), "min_framed": args.min_framed, "min_ratio": args.min_ratio,
                      "words": len(words), "output": out.name, "output_sha256": _sha256(out)},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
