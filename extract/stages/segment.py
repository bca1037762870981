"""Sentence splitting and jieba word segmentation, both with offsets into the original text.

Segmentation runs on the normalized view (simplified, half-width), which has the
same length as the original, so every token offset is an original offset too.
The words of a document always rebuild its text exactly (checked in tests).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from extract.config import DATA_DIR
USERDICT_DIR = DATA_DIR / "userdict"

# A sentence ends after 。！？!?； or a line break, plus any closing quotes/brackets.
_SENT = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)\]]*|\n+|$)")


def split_sentences(text: str, max_len: int = 400) -> List[Tuple[int, int]]:
    """Sentence boundaries as ``(start, end)`` pairs covering the text without gaps.

    Very long stretches without punctuation (tables, PDF residue) are cut at
    ``max_len`` characters, at a comma or space where one is near.
    """
    out = []
    for m in _SENT.finditer(text):
        s, e = m.span()
        if s == e:
            continue
        while e - s > max_len:
            cut = _soft_cut(text, s, s + max_len)
            out.append((s, cut))
            s = cut
        out.append((s, e))
    if not out and text:
        out.append((0, len(text)))
    return out



def ensure_sentences(doc) -> None:
    """Give a document read from annotations (no pipeline run) its normalized view and sentences,
    as the pipeline would: what learners need before reading gold documents."""
    if not doc.sents:
        from extract.textnorm import normalize
        doc.norm, doc.script = normalize(doc.text)
        doc.sents = split_sentences(doc.norm)

def _soft_cut(text: str, s: int, hard: int) -> int:
    for i in range(hard, max(s + 1, hard - 60), -1):
        if text[i - 1] in "，,、 |\t":
            return i
    return hard


class Tokenizer:
    """A jieba tokenizer owned by this object (no module-level state), with user dictionaries.

    User dictionaries use jieba's format (``word [freq] [pos]`` per line); every
    ``*.txt`` in ``extract/data/userdict/`` is loaded (unless ``package_dicts`` is
    false: the jieba baseline runs plain jieba), then any ``userdicts`` given.
    """

    def __init__(self, userdicts: Iterable = (), hmm: bool = True, package_dicts: bool = True):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self.hmm = hmm
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self._posseg = jieba.posseg.POSTokenizer(self._jieba)
        self.userdicts = []
        package = sorted(USERDICT_DIR.glob("*.txt")) if package_dicts else []
        for path in package + [Path(p) for p in userdicts]:
            self.add_userdict(path)

    def add_userdict(self, path) -> None:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"User dictionary {path} does not exist")
        self._jieba.load_userdict(str(path))
        self.userdicts.append(str(path))

    def add_word(self, word: str, freq: Optional[int] = None, tag: Optional[str] = None) -> None:
        self._jieba.add_word(word, freq, tag)

    def tokenize(self, text: str) -> List[Tuple[int, int]]:
        """Word boundaries ``(start, end)`` for ``text`` (pass the normalized view)."""
        out = []
        pos = 0
        for w in self._jieba.cut(text, HMM=self.hmm):
            out.append((pos, pos + len(w)))
            pos += len(w)
        return out

    def pos_tag(self, text: str) -> List[Tuple[int, int, str]]:
        """``(start, end, jieba_pos)`` triples, as jieba.posseg tags them."""
        out = []
        pos = 0
        for pair in self._posseg.cut(text, HMM=self.hmm):
            out.append((pos, pos + len(pair.word), pair.flag))
            pos += len(pair.word)
        return out
