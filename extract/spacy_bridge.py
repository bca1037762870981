"""Bridge to spaCy: a :class:`~extract.doc.Document` as a ``spacy.tokens.Doc``.

>>> from extract.spacy_bridge import to_spacy
>>> sdoc = to_spacy(nlp("上海澜起科技股份有限公司位于浦东新区"))
>>> spacy.displacy.render(sdoc, style="ent", page=False)

The spaCy words are the jieba tokens of the document (``doc.tokens`` when the
segmenter filled them, else a fresh jieba pass over ``doc.norm``), cut from the
ORIGINAL text with no spaces in between, so ``sdoc.text == doc.text`` — the
bridge checks this and raises otherwise. spaCy's own Chinese tokenizer is never
used; only its vocabulary.

Entities that fall on token boundaries become ``sdoc.ents`` (overlapping ones:
the longest wins, the rest are counted in ``user_data["zhie_overlapping"]``).
Every entity, aligned or not, is in the span group ``sdoc.spans["zhie"]``; an
entity that cuts through a jieba word is expanded to the enclosing words there
and counted in ``user_data["zhie_misaligned"]`` — never silently dropped.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from extract.doc import Document

SPAN_KEY = "zhie"


class BridgeError(ValueError):
    """The document cannot be represented as a spaCy Doc as it stands."""


class _Defaults:
    """Lazily built shared instances (one jieba tokenizer, one vocabulary) — state in an object."""

    def __init__(self):
        self._tokenizer = None
        self._vocab = None

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            from extract.stages.segment import Tokenizer
            self._tokenizer = Tokenizer()
        return self._tokenizer

    @property
    def vocab(self):
        if self._vocab is None:
            self._vocab = _make_vocab()
        return self._vocab


def _make_vocab():
    """``spacy.blank("zh").vocab`` when it builds offline (char segmenter, no download), else a bare Vocab."""
    try:
        import spacy
        return spacy.blank("zh").vocab
    except Exception:  # e.g. a spaCy build whose zh defaults want a download
        from spacy.vocab import Vocab
        return Vocab()


DEFAULTS = _Defaults()


def token_bounds(doc: Document, tokenizer=None) -> List[Tuple[int, int]]:
    """``(start, end)`` of each word: ``doc.tokens`` if present, else jieba over ``doc.norm``."""
    if doc.tokens:
        return [(t[0], t[1]) for t in doc.tokens]
    if not doc.text:
        return []
    tok = tokenizer if tokenizer is not None else DEFAULTS.tokenizer
    view = doc.norm if len(doc.norm) == len(doc.text) else doc.text
    return tok.tokenize(view)


def to_spacy(doc: Document, nlp=None, tokenizer=None):
    """Make a ``spacy.tokens.Doc`` whose text is exactly ``doc.text``, with the document's entities.

    ``nlp``: a spaCy ``Language`` whose vocab to use (default: ``spacy.blank("zh")``'s).
    ``tokenizer``: an :class:`extract.stages.segment.Tokenizer` to use when ``doc.tokens`` is empty.
    Raises :class:`BridgeError` when the tokens don't rebuild the text or an entity
    lies outside it.
    """
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    text = doc.text
    bounds = token_bounds(doc, tokenizer)
    pos = 0
    for i, (s, e) in enumerate(bounds):
        if s != pos or e <= s:
            raise BridgeError(
                f"document {doc.id!r}: token {i} is {s}:{e} but the previous token ended at {pos}; "
                f"tokens must cover the text without gaps or overlaps (re-run the segmenter)")
        pos = e
    if pos != len(text):
        raise BridgeError(f"document {doc.id!r}: tokens end at {pos} but the text has {len(text)} characters "
                          f"(doc.tokens belong to another text?)")
    words = [text[s:e] for s, e in bounds]
    vocab = nlp.vocab if nlp is not None else DEFAULTS.vocab
    sdoc = Doc(vocab, words=words, spaces=[False] * len(words))
    if sdoc.text != text:  # spaCy should never change it; check rather than trust
        raise BridgeError(f"document {doc.id!r}: the spaCy Doc text differs from the document text "
                          f"(first difference at {_first_diff(sdoc.text, text)})")

    aligned, group, misaligned = [], [], []
    for ent in sorted(doc.entities, key=lambda e: (e.start, e.end, e.type)):
        if not (0 <= ent.start < ent.end <= len(text)):
            raise BridgeError(f"document {doc.id!r}: entity {ent!r} lies outside the text "
                              f"(length {len(text)})")
        span = sdoc.char_span(ent.start, ent.end, label=ent.type, alignment_mode="strict")
        if span is not None:
            aligned.append(span)
        else:
            span = sdoc.char_span(ent.start, ent.end, label=ent.type, alignment_mode="expand")
            misaligned.append((ent.type, ent.start, ent.end, ent.text))
        group.append(span)
    kept = filter_spans(aligned)
    sdoc.ents = kept
    sdoc.spans[SPAN_KEY] = group
    kept_keys = {(s.start_char, s.end_char, s.label_) for s in kept}
    sdoc.user_data["zhie_id"] = doc.id
    sdoc.user_data["zhie_misaligned"] = len(misaligned)
    sdoc.user_data["zhie_misaligned_spans"] = misaligned
    sdoc.user_data["zhie_overlapping"] = sum(1 for s in aligned
                                              if (s.start_char, s.end_char, s.label_) not in kept_keys)
    return sdoc


def _first_diff(a: str, b: str) -> Optional[int]:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else None
