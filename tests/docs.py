"""Hand-built documents for tests of one layer at a time (no model involved)."""
from extract.doc import Document
from extract.stages.segment import split_sentences
from extract.textnorm import normalize


def make_doc(text, spans=()):
    """A normalized, sentence-split document with entities at the given ``(surface, type[, attrs])``
    spans, found left to right in ``text``."""
    d = Document(text, id="t")
    d.norm, d.script = normalize(text)
    d.sents = split_sentences(d.norm)
    pos = 0
    for item in spans:
        surface, typ = item[0], item[1]
        attrs = item[2] if len(item) > 2 else {}
        s = text.index(surface, pos)
        d.entities.append(d.entity(typ, s, s + len(surface), attrs, source="test"))
        pos = s + len(surface)
    return d


def needs_corpora(fn):
    """Marks a test that rebuilds records from ../shared/corpora: deselected by default (marker ``shared``),
    and failing with a clear message when the module's corpora are missing (``require_corpora``)."""
    import pytest
    return pytest.mark.shared(pytest.mark.usefixtures("require_corpora")(fn))


def load_script(relpath: str):
    """A script of the repository (``evaluation/…py``) loaded as a module, for tests of its functions."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / relpath
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
