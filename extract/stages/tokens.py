"""Entity-aware tokens: word tokens that never cross the boundary of an extracted entity.

The words come from the segmenter (jieba with the package's and the user's dictionaries, on the
normalized text, so traditional script is segmented like simplified); each word that an entity
starts or ends inside is cut there. Every entity is then one or more whole tokens, which is what
``to_spacy`` needs, and 由高瓴 becomes 由 / 高瓴 when 高瓴 is a COMPANY. The words of one DATE,
FIGURE or RANK are joined (7 / 月 / 12 / 日 → 7月12日): a number with its unit reads as one word.

The ``tokens.v1`` component (last in a pipeline, after the entities are final) sets
``doc.tokens`` to ``(start, end)`` pairs with offsets into ``doc.text``. It is not in the default
extraction pipeline (segmentation costs about as much as the rest of the pipeline); ``zhie extract
--tokens`` and :meth:`extract.pipeline.Pipeline.tokenize` switch it on.
"""
from __future__ import annotations

import bisect
from typing import Iterable, List, Sequence, Tuple

from extract.doc import Document
from extract.registry import components

__all__ = ["cut_at", "entity_boundaries", "entity_aware_tokens", "make_tokens"]


def entity_boundaries(doc: Document) -> List[int]:
    """Every start and end offset of the document's entities and span arguments, sorted, unique."""
    cuts = set()
    for e in doc.entities:
        cuts.add(e.start)
        cuts.add(e.end)
    for ev in doc.events:
        for a in ev.arguments:
            if a.span is not None:
                cuts.add(a.span.start)
                cuts.add(a.span.end)
    return sorted(cuts)


def cut_at(tokens: Iterable[Tuple[int, int]], cuts: Sequence[int]) -> List[Tuple[int, int]]:
    """``tokens`` (sorted, non-overlapping ``(start, end)``) with each cut at every offset of ``cuts``
    that falls strictly inside it."""
    out = []
    for s, e in tokens:
        k = bisect.bisect_right(cuts, s)
        while k < len(cuts) and cuts[k] < e:
            out.append((s, cuts[k]))
            s = cuts[k]
            k += 1
        out.append((s, e))
    return out


def merge_within(tokens: List[Tuple[int, int]], spans: Iterable[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Tokens lying wholly inside one of ``spans`` (non-overlapping after taking the outermost) become
    one token; the others are kept."""
    outer = []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if outer and s < outer[-1][1]:
            continue
        outer.append((s, e))
    out, k = [], 0
    for s, e in tokens:
        while k < len(outer) and outer[k][1] <= s:
            k += 1
        if k < len(outer) and outer[k][0] <= s and e <= outer[k][1] and out and out[-1][0] >= outer[k][0]:
            out[-1] = (out[-1][0], e)  # continue the token that started inside the same span
        else:
            out.append((s, e))
    return out


# numeric expressions read as one word: 7月12日, 3.1亿美元, 第一
ONE_TOKEN_TYPES = ("DATE", "FIGURE", "RANK")


def entity_aware_tokens(doc: Document, tokenizer) -> List[Tuple[int, int]]:
    """The segmenter's words of ``doc.norm`` cut at the entity boundaries, and the words inside one
    DATE / FIGURE / RANK joined into one token. They cover the whole text (whitespace is a token
    too), as spaCy's words must."""
    base = doc.tokens if doc.tokens else tokenizer.tokenize(doc.norm)
    toks = cut_at(((t[0], t[1]) for t in base), entity_boundaries(doc))
    return merge_within(toks, [(e.start, e.end) for e in doc.entities if e.type in ONE_TOKEN_TYPES])


@components.register("tokens.v1")
def make_tokens(nlp, userdicts=(), hmm: bool = True):
    """Entity-aware tokens (see the module docstring). The words are the segmenter's when it made
    them (``segment.v1`` with ``tokens: true``, its user dictionaries included); otherwise this step
    segments, with jieba, the package's dictionaries and ``userdicts`` (built on first use)."""
    from extract.stages.segment import Tokenizer

    own = []

    def tokens(doc: Document) -> Document:
        if not doc.tokens and not own:
            own.append(Tokenizer(userdicts, hmm=hmm))
        doc.tokens = entity_aware_tokens(doc, own[0] if own else None)
        return doc

    return tokens
