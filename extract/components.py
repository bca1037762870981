"""Built-in pipeline components, registered by name (see :mod:`extract.registry`).

Each factory takes the pipeline and its settings and returns a callable
``Document -> Document``. Heavy modules are imported inside the factories, so
loading a pipeline costs only what its config asks for.
"""
from __future__ import annotations

from .doc import Document
from .registry import components
from .textnorm import normalize


@components.register("normalize.v1")
def make_normalizer(nlp):
    """Fill ``doc.norm`` (same length as ``doc.text``: simplified, half-width) and ``doc.script``."""

    def normalizer(doc: Document) -> Document:
        doc.norm, doc.script = normalize(doc.text)
        return doc

    return normalizer


@components.register("segment.v1")
def make_segmenter(nlp, tokens: bool = False, userdicts=(), max_sentence: int = 400):
    """Sentences always; jieba tokens only when ``tokens`` is true (they cost time)."""
    from .segment import Tokenizer, split_sentences

    tok = Tokenizer(userdicts) if tokens else None
    nlp.tokenizer = tok

    def segmenter(doc: Document) -> Document:
        doc.sents = split_sentences(doc.norm, max_len=max_sentence)
        if tok is not None:
            doc.tokens = tok.tokenize(doc.norm)
        return doc

    return segmenter


# When candidates overlap: the higher priority wins (a table cell states its own extent); among
# equal priorities the longer span wins (上海澜起科技股份有限公司 over 上海); for the very same
# extent the tie-break order decides (a curated gazetteer type over a model's guess).
DEFAULT_PRIORITY = {"tables": 3}
DEFAULT_TIE_BREAK = {"gazetteer": 3, "policy": 2, "rules": 1, "ner": 0}


@components.register("merge.v1")
def make_merger(nlp, priority: dict = None, tie_break: dict = None):
    """Resolve overlapping candidates from all recognizers into non-overlapping entities."""
    prio = dict(DEFAULT_PRIORITY, **(priority or {}))
    tie = dict(DEFAULT_TIE_BREAK, **(tie_break or {}))

    def merger(doc: Document) -> Document:
        cands = sorted(doc.entities, key=lambda e: (-prio.get(e.source, 2), -(e.end - e.start),
                                                    -tie.get(e.source, 0), e.start))
        taken = bytearray(len(doc.text) + 1)
        kept = []
        for e in cands:
            if any(taken[e.start:e.end]):
                continue
            taken[e.start:e.end] = b"\x01" * (e.end - e.start)
            kept.append(e)
        kept.sort(key=lambda e: (e.start, e.end))
        live = {id(e) for e in kept}
        doc.entities = kept
        doc.relations = [r for r in doc.relations if id(r.head) in live and id(r.tail) in live]
        return doc

    return merger
