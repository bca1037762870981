"""Bridge to spaCy: a :class:`~extract.doc.Document` as a ``spacy.tokens.Doc``.

>>> from extract.spacy_bridge import to_spacy
>>> sdoc = to_spacy(nlp("上海澜起科技股份有限公司位于浦东新区"))
>>> spacy.displacy.render(sdoc, style="ent", page=False)

The spaCy words are the jieba tokens of the document (``doc.tokens`` when the
segmenter filled them, else a fresh jieba pass over ``doc.norm``) cut at every
entity boundary (:mod:`extract.stages.tokens`), taken from the ORIGINAL text
with no spaces in between, so ``sdoc.text == doc.text`` — the bridge checks this
and raises otherwise. spaCy's own Chinese tokenizer is never used; only its vocabulary.

Entities become ``sdoc.ents`` (overlapping ones: the longest wins, the rest are
counted in ``user_data["zhie_overlapping"]``). Every entity is also in the span
group ``sdoc.spans["zhie"]``. Because the words (``doc.tokens`` too) are cut at
entity boundaries an entity always aligns; ``user_data["zhie_misaligned"]`` stays
as a guard that counts (and expands) any that would not — never silently dropped.

**spaCy's tokenizer for zh.** ``zhie.Tokenizer.v1`` (registered in spaCy's
``tokenizers`` registry, and as the ``spacy_tokenizers`` entry point of the package)
is the same segmenter: ``spacy.blank("zh", config={"nlp": {"tokenizer":
{"@tokenizers": "zhie.Tokenizer.v1"}}})``. With ``entities: true`` it runs the ZhIE
entity stages first and cuts at their boundaries, like :meth:`Pipeline.tokenize`.
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
    """``(start, end)`` of each word: ``doc.tokens`` if present, else jieba over ``doc.norm``; either
    way cut at every entity boundary (:mod:`extract.stages.tokens`), so each entity is whole tokens."""
    from extract.stages.tokens import cut_at, entity_boundaries

    if doc.tokens:
        bounds = [(t[0], t[1]) for t in doc.tokens]
    elif not doc.text:
        return []
    else:
        tok = tokenizer if tokenizer is not None else DEFAULTS.tokenizer
        view = doc.norm if len(doc.norm) == len(doc.text) else doc.text
        bounds = tok.tokenize(view)
    return cut_at(bounds, entity_boundaries(doc))


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


class SpacyTokenizer:
    """A spaCy tokenizer (``Doc`` from text) over the ZhIE segmenter; see the module docstring."""

    def __init__(self, vocab, userdicts=(), entities: bool = False, model: Optional[str] = None):
        self.vocab = vocab
        self.userdicts = list(userdicts)
        self.entities = bool(entities)
        self.model = model
        self._nlp = None
        self._tok = None

    def _words(self, text: str) -> List[str]:
        if self.entities:
            if self._nlp is None:
                from extract.pipeline import load
                self._nlp = load(self.model)
            return [w for _, _, w in self._nlp.tokenize(text)]
        if self._tok is None:
            from extract.stages.segment import Tokenizer
            self._tok = Tokenizer(self.userdicts)
        from extract.textnorm import normalize
        norm, _ = normalize(text)
        view = norm if len(norm) == len(text) else text
        return [text[s:e] for s, e in self._tok.tokenize(view)]

    def __call__(self, text: str):
        from spacy.tokens import Doc
        words = self._words(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts, batch_size: int = 1000):
        for t in texts:
            yield self(t)

    # serialization: the settings are the whole state (spaCy calls these in nlp.to_disk / from_disk)
    def to_bytes(self, **kwargs) -> bytes:
        import json
        return json.dumps({"userdicts": self.userdicts, "entities": self.entities, "model": self.model}).encode()

    def from_bytes(self, data: bytes, **kwargs) -> "SpacyTokenizer":
        import json
        d = json.loads(data.decode())
        self.userdicts, self.entities, self.model = d["userdicts"], d["entities"], d["model"]
        self._nlp = self._tok = None
        return self

    def to_disk(self, path, **kwargs) -> None:
        from pathlib import Path
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs) -> "SpacyTokenizer":
        from pathlib import Path
        return self.from_bytes(Path(path).read_bytes())


def create_tokenizer(userdicts=(), entities: bool = False, model: Optional[str] = None):
    """spaCy's ``zhie.Tokenizer.v1``: returns the ``nlp -> tokenizer`` callable spaCy expects."""
    def make(nlp):
        return SpacyTokenizer(nlp.vocab, userdicts, entities, model)
    return make


def _register() -> None:
    try:
        from spacy.util import registry
    except ImportError:  # pragma: no cover - spaCy is a core dependency
        return
    if "zhie.Tokenizer.v1" not in registry.tokenizers.get_all():
        registry.tokenizers.register("zhie.Tokenizer.v1", func=create_tokenizer)


_register()
