"""What runs in a worker: the model, loaded once per worker process, and the CPU-bound jobs.

The server never runs a pipeline on its event loop. With ``--workers N`` (N ≥ 1) the jobs go to a
pool of N processes, each of which calls :func:`init` once (loading the model) and then serves
:func:`extract_items`, :func:`rank_items` and :func:`complete_record` calls. With ``--workers 0`` the
same functions run in one thread of the server process (for tests and tiny machines).
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence, Tuple


class Worker:
    """A loaded pipeline and the jobs the server sends it."""

    def __init__(self, model=None):
        from extract.pipeline import load

        self.model = model
        self.nlp = load(model)

    # -------------------------------------------------------------- extract
    def extract(self, items: Sequence[Tuple[str, str]], batch_size: int = 16) -> List[dict]:
        """One SCHEMA record per ``(id, text)``, in order: what ``zhie extract`` writes for them."""
        from extract.doc import Document

        docs = (Document(text, id=doc_id) for doc_id, text in items)
        return [d.to_dict() for d in self.nlp.pipe(docs, batch_size=batch_size)]

    # ---------------------------------------------------------- uncertainty
    def _ner(self):
        from extract.stages.ner import NERComponent

        for _, comp in self.nlp.components:
            if isinstance(comp, NERComponent):
                return comp
        raise ValueError(f"model {self.nlp.name!r} has no NER component (ner.charcnn.v1): "
                         f"the review queue ranks documents by the NER's uncertainty")

    def rank(self, items: Sequence[Tuple[str, str]]) -> List[float]:
        """Expected number of wrongly tagged characters of each text under the NER's CRF.

        Each text goes through the pipeline up to the NER (normalization, sentences, …), is cut into
        the NER's windows, and the windows' uncertainties (:meth:`NumpyTagger.uncertainty`: the sum of
        ``1 - max marginal`` over characters) are added up.
        """
        from extract.doc import Document

        ner = self._ner()
        before = []
        for _, comp in self.nlp.components:
            if comp is ner:
                break
            before.append(comp)
        jobs, texts = [], []
        for k, (doc_id, text) in enumerate(items):
            doc = Document(text, id=doc_id)
            for comp in before:
                doc = comp(doc)
            for s, e in ner._windows(doc):
                jobs.append(k)
                texts.append(doc.norm[s:e])
        head = ner.heads[0] if ner.heads else None
        out = [0.0] * len(items)
        for k, u in zip(jobs, ner.tagger.uncertainty(texts, head, ner.batch_chars) if texts else []):
            out[k] += u
        return out

    # ------------------------------------------------------------ corrections
    def complete(self, rec: dict) -> dict:
        """Fill what a corrected record can be missing: every entity's ``attrs.norm``, and the FIGURE and
        RANK attrs of an entity the user added or retyped (from the rule recognizers, when they read the
        same span). What cannot be filled is left for the validator to report."""
        from extract.doc import Document
        from extract.stages.recognizers import find_figures, find_ranks
        from extract.textnorm import normalize

        text = rec.get("text")
        if not isinstance(text, str):
            return rec
        norm, _ = normalize(text)
        found: Dict[str, Optional[dict]] = {}

        def recognized(typ: str) -> dict:
            if typ not in found:
                doc = Document(text)
                doc.norm = norm
                finder = find_figures if typ == "FIGURE" else find_ranks
                found[typ] = {(e.start, e.end): dict(e.attrs) for e in finder(doc)}
            return found[typ]

        for e in rec.get("entities") or []:
            if not isinstance(e, dict) or not isinstance(e.get("start"), int) or not isinstance(e.get("end"), int):
                continue
            attrs = e.get("attrs")
            if not isinstance(attrs, dict):
                attrs = e["attrs"] = {}
            s, t = e["start"], e["end"]
            if 0 <= s < t <= len(text):
                attrs.setdefault("norm", norm[s:t])
                typ = e.get("type")
                need = {"FIGURE": ("value", "unit", "qualifier"), "RANK": ("scope",)}.get(typ)
                if need and not all(k in attrs for k in need):
                    got = recognized(typ).get((s, t)) or self._alone(typ, norm[s:t])
                    for k, v in (got or {}).items():
                        attrs.setdefault(k, v)
        return rec

    def _alone(self, typ: str, span_norm: str) -> Optional[dict]:
        """The recognizer's reading of the span on its own, when it reads the whole span as one entity."""
        from extract.doc import Document
        from extract.stages.recognizers import find_figures, find_ranks

        doc = Document(span_norm)
        doc.norm = span_norm
        for e in (find_figures if typ == "FIGURE" else find_ranks)(doc):
            if (e.start, e.end) == (0, len(span_norm)):
                return dict(e.attrs)
        return None


# One Worker per worker process (the pool's initializer makes it); the server process uses its own
# Worker object for --workers 0 and never touches this slot.
_PROCESS_WORKER: List[Worker] = []


def init(model=None) -> None:
    """Pool initializer: load the model once in this worker process."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _PROCESS_WORKER[:] = [Worker(model)]


def _worker() -> Worker:
    if not _PROCESS_WORKER:
        raise RuntimeError("worker process not initialized (extract.serve.worker.init was not called)")
    return _PROCESS_WORKER[0]


def extract_items(items, batch_size: int = 16) -> List[dict]:
    return _worker().extract(items, batch_size)


def rank_items(items) -> List[float]:
    return _worker().rank(items)


def complete_record(rec: dict) -> dict:
    return _worker().complete(rec)


def ping() -> int:
    """Answers once the worker has loaded its model (the pool runs the initializer first)."""
    _worker()
    return os.getpid()
