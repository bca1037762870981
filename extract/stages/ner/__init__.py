"""Learned NER: a char + bigram dilated-CNN-CRF tagger (COMPANY, ORG, PERSON, LOC).

The pipeline component ``ner.charcnn.v1`` runs the numpy inference path
(:mod:`extract.stages.ner.infer`; no torch import) on ``doc.norm`` sentence by
sentence and appends ``Entity(source="ner")`` objects to ``doc.entities``.
Training lives in :mod:`extract.learn.ner.train` (torch + transformers).

Config entry::

    {"name": "ner", "factory": "ner.charcnn.v1", "path": "ner"}

Settings: ``path`` (model folder), ``heads`` (which output heads to use, first
wins on overlap; default: the model's output head), ``precedence`` (``"type"``:
a fine-tuned first head wins only for the types it outputs, see
``NumpyTagger.entities``), ``max_len`` (longer sentences are cut into windows
of this many characters), ``batch_chars``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

from extract.doc import Document
from extract.registry import components

__all__ = ["NERComponent", "drop_ensemble", "make_ner"]

# Whitespace between two non-ASCII characters (table cells, PDF columns, 　-separated lists) is a hard
# boundary: Chinese names never contain it. Whitespace inside Latin text ("Apple Inc") is not.
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def drop_ensemble(config: dict) -> list:
    """Take the ``ensemble`` setting off the NER entries of a pipeline ``config`` (in place) and return the member
    folders it named: for a folder whose NER is replaced by another (a user's training, a cross-fitted fold, a
    candidate), which then runs alone."""
    members = []
    for entry in config.get("pipeline", []):
        if entry.get("factory", "").startswith("ner."):
            members += entry.pop("ensemble", [])
    return members


# corner quotes (「魅丽纬叶」, Hong Kong and Taiwan style) read as the curly quotes the training news mostly has: the
# tagger sees “魅丽纬叶”, one character for one, so offsets stay (session 42: cross-fitted entities 37715/5575/6271 ->
# 37719/5570/6267, facts +2 right; news dev + select COMPANY 1131/205/202 -> 1137/206/196, relations 0.542 -> 0.554)
_CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”"})


class NERComponent:
    """Callable ``Document -> Document``; :meth:`pipe` processes many documents in one batch."""

    def __init__(self, path, heads: Optional[Sequence[str]] = None, max_len: int = 300,
                 batch_chars: int = 20000, source: str = "ner", precedence: str = "head",
                 ensemble: Sequence = ()):
        from extract.stages.ner.infer import EnsembleTagger

        self.tagger = EnsembleTagger.load_all([path, *ensemble])
        self.heads = list(heads) if heads else None
        self.precedence = precedence
        self.max_len = int(max_len)
        self.batch_chars = int(batch_chars)
        self.source = source

    def _windows(self, doc: Document) -> List[tuple]:
        sents = doc.sents
        if not sents:
            from extract.stages.segment import split_sentences
            sents = split_sentences(doc.norm, max_len=self.max_len)
        out = []
        norm = doc.norm
        for s0, e0 in sents:
            pieces, s = [], s0
            for m in _CJK_GAP.finditer(norm, s0, e0):
                pieces.append((s, m.start()))
                s = m.end()
            pieces.append((s, e0))
            for s, e in pieces:
                while e - s > self.max_len:  # a CNN window: cut long stretches, decoding stays linear
                    out.append((s, s + self.max_len))
                    s += self.max_len
                if e > s and norm[s:e].strip():
                    out.append((s, e))
        return out

    def pipe(self, docs: Iterable[Document]) -> List[Document]:
        docs = list(docs)
        jobs, texts = [], []
        for d in docs:
            for s, e in self._windows(d):
                jobs.append((d, s))
                texts.append(d.norm[s:e].translate(_CORNER_QUOTES))
        found = self.tagger.entities(texts, self.heads, self.batch_chars, self.precedence) if texts else []
        for (d, off), spans in zip(jobs, found):
            norm = d.norm
            for s, e, typ in spans:
                s, e = off + s, off + e
                while s < e and norm[s].isspace():  # a span never starts or ends with whitespace
                    s += 1
                while e > s and norm[e - 1].isspace():
                    e -= 1
                if e > s:
                    d.entities.append(d.entity(typ, s, e, source=self.source))
        return docs

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]


@components.register("ner.charcnn.v1")
def make_ner(nlp, path: str = "ner", heads: Optional[Sequence[str]] = None, max_len: int = 300,
             batch_chars: int = 20000, precedence: str = "head", ensemble: Sequence[str] = ()) -> NERComponent:
    """The learned NER component; ``path`` is the model folder (resolved against the pipeline's folder).
    ``ensemble``: more model folders (resolved the same way) whose emissions and CRF scores are averaged
    with ``path``'s (:class:`~extract.stages.ner.infer.EnsembleTagger`)."""
    base = getattr(nlp, "path", None)
    more = [str((Path(base) / p).resolve()) if base is not None else p for p in ensemble]
    return NERComponent(path, heads=heads, max_len=max_len, batch_chars=batch_chars, precedence=precedence,
                        ensemble=more)
