"""The pipeline: an ordered list of ``Document -> Document`` components built from a config.

``extract.load()`` reads a model folder's ``config.json``::

    {"name": "default",
     "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                  {"name": "ner", "factory": "ner.charcnn.v1", "path": "ner"}, ...]}

Each entry's ``factory`` is looked up in :mod:`extract.registry`; all other keys
are passed to the factory as settings (``path`` is resolved against the model
folder). A component may also offer ``pipe(docs)`` for batched work (the neural
recognizer does); :meth:`Pipeline.pipe` uses it when present.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Iterable, Iterator, Optional

from extract.doc import Document
from extract.registry import components

logger = logging.getLogger(__name__)

from .config import REPO_ROOT

# The package that installs models/default with zhie (pyproject/setup.py map it to models/).
MODELS_PACKAGE = "zhie_models"


class ModelError(ValueError):
    """A model that is missing or cannot be loaded; the message says what to do."""


class ModelMissingError(ModelError, FileNotFoundError):
    """No model at the path (a :class:`ModelError`, and a ``FileNotFoundError`` as before)."""


def default_model_path() -> Path:
    """Where the shipped default model is.

    In a source checkout (an editable install, or ``python -m extract`` in a clone) it is the
    checkout's ``models/default``, so a model retrained there is the one used. Installed from a
    wheel, it is the copy in the ``zhie_models`` package installed with zhie.
    """
    checkout = REPO_ROOT / "models" / "default"
    if (REPO_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    import importlib.util

    spec = importlib.util.find_spec(MODELS_PACKAGE)
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            if (Path(loc) / "default").is_dir():
                return Path(loc) / "default"
    return checkout  # missing: load() says so and what to do


DEFAULT_MODEL = default_model_path()

_FIX = ("Reinstall zhie (from a checkout: `python -m pip install -e .`; a wheel built with `pip wheel .` "
        "includes the model), set ZHIE_MODEL or pass --model PATH to a folder written by `zhie train`, "
        "or pass --model rules (Python: extract.load('rules')) for the rules-only pipeline.")

# The rules-only pipeline: what runs when no trained model is available.
RULES_CONFIG = {
    "name": "rules",
    "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "segment", "factory": "segment.v1"},
        {"name": "tables", "factory": "tables.v1"},
        {"name": "rules", "factory": "rules.v1"},
        {"name": "gazetteer", "factory": "gazetteer.v1"},
        {"name": "merge", "factory": "merge.v1"},
        {"name": "propagate", "factory": "propagate.v1"},
        {"name": "relations", "factory": "relations.v1"},
        {"name": "events", "factory": "events.v1"},
        {"name": "facts", "factory": "facts.v1"},
    ],
}


class Pipeline:
    """Run components over documents. Build one with :func:`extract.load`."""

    def __init__(self, config: dict, path: Optional[Path] = None, overrides: Optional[dict] = None):
        self.config = json.loads(json.dumps(config))  # private copy
        self.path = Path(path) if path else None
        self.name = self.config.get("name", "unnamed")
        self.components = []  # list of (name, callable)
        self.load_args = None  # what load() was called with, so another process can load the same; None: it cannot
        overrides = overrides or {}
        for entry in self.config.get("pipeline", []):
            entry = dict(entry)
            name = entry.pop("name")
            factory = entry.pop("factory")
            if entry.pop("enabled", True) is False or name in overrides.get("exclude", ()):
                continue
            if "path" in entry and self.path is not None:
                entry["path"] = str((self.path / entry["path"]).resolve())
            entry.update(overrides.get(name, {}))
            self.components.append((name, components.get(factory)(self, **entry)))

    @property
    def pipe_names(self) -> list:
        return [n for n, _ in self.components]

    def get_pipe(self, name: str):
        for n, c in self.components:
            if n == name:
                return c
        raise KeyError(f"No component {name!r} in pipeline {self.name!r}; components: {self.pipe_names}")

    def learn(self, docs) -> "Pipeline":
        """Let every component that learns from annotated documents (``learn(docs)``) absorb ``docs``.

        Cross-validation calls this with the training fold only, so nothing a
        component learns from a gold document reaches that document's score.
        """
        docs = [d if isinstance(d, Document) else Document.from_dict(d) for d in docs]
        self.load_args = None  # learned here: another process loading the model would not have it
        for _, comp in self.components:
            if hasattr(comp, "learn"):
                comp.learn(docs)
        return self

    ENTITY_STAGES_END = ("relations", "events", "facts", "tokens")

    def tokenize(self, text, entities: bool = True) -> list:
        """Word tokens of ``text`` as ``(start, end, word)`` with offsets into the original text.

        With ``entities`` (the default) the pipeline's entity stages run first and every word is cut
        at the entity boundaries (the ``tokens.v1`` component, :mod:`extract.stages.tokens`), so an
        entity is always whole tokens; ``entities=False`` gives the segmenter's words alone (faster).
        Traditional script is segmented on the normalized view, with the offsets and words of the
        original text.
        """
        doc = text if isinstance(text, Document) else self.make_doc(text)
        for name, comp in self.components:
            if name in self.ENTITY_STAGES_END or (not entities and name not in ("normalize", "segment")):
                continue
            doc = comp(doc)
        if getattr(self, "_tokens", None) is None:
            self._tokens = components.get("tokens.v1")(self)
        doc = self._tokens(doc)
        return [(s, e, doc.text[s:e]) for s, e in doc.tokens]

    def make_doc(self, text: str, id: Optional[str] = None) -> Document:
        return Document(text, id=id)

    def __call__(self, text, id: Optional[str] = None) -> Document:
        """Process one text (or an existing :class:`Document`) and return the document."""
        doc = text if isinstance(text, Document) else self.make_doc(text, id=id)
        for _, comp in self.components:
            doc = comp(doc)
        return doc

    def pipe(self, texts: Iterable, batch_size: int = 32, errors: str = "record") -> Iterator[Document]:
        """Process a stream of texts, ``(text, id)`` pairs or documents, in order.

        With ``errors="record"`` (the default) a document whose processing fails
        comes out with ``doc.error`` set and empty results; the rest of the
        stream is unaffected. ``errors="raise"`` re-raises instead.
        """
        if errors not in ("record", "raise"):
            raise ValueError(f"errors must be 'record' or 'raise', not {errors!r}")
        batch = []
        for item in texts:
            batch.append(self._as_doc(item))
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, errors)
                batch = []
        if batch:
            yield from self._run_batch(batch, errors)

    def _as_doc(self, item) -> Document:
        if isinstance(item, Document):
            return item
        if isinstance(item, tuple):
            text, id = item
            return self.make_doc(text, id=id)
        return self.make_doc(item)

    def _run_batch(self, docs: list, errors: str) -> list:
        live = [d for d in docs if d.error is None]
        for name, comp in self.components:
            if not live:
                break
            if hasattr(comp, "pipe"):
                try:
                    live = list(comp.pipe(live))
                    continue
                except Exception:
                    if errors == "raise":
                        raise
                    # fall back to one at a time to find the failing document
            kept = []
            for d in live:
                try:
                    kept.append(comp(d))
                except Exception as e:  # one bad document never loses the batch
                    if errors == "raise":
                        raise
                    logger.debug("component %s failed on %s", name, d.id, exc_info=True)
                    _fail(d, f"{name}: {type(e).__name__}: {e}")
            live = kept
        return docs


def _fail(doc: Document, message: str) -> None:
    doc.error = message
    doc.entities, doc.relations, doc.events, doc.facts = [], [], [], []


def load(model=None, exclude=(), **overrides) -> Pipeline:
    """Load a pipeline.

    ``model`` is a model folder (holding ``config.json``), ``"rules"`` for the
    rules-only pipeline, or None for the shipped default (``models/default``,
    or the folder named by ``ZHIE_MODEL``). ``exclude`` names components to skip.

    A missing or broken model raises :class:`ModelError` saying what to do; there is no
    silent fall back to the rules-only pipeline.
    """
    nlp = _load(model, exclude, overrides)
    nlp.load_args = (model, tuple(exclude), overrides)  # worker processes load the same (extract(jobs=…))
    return nlp


def _load(model, exclude, overrides) -> Pipeline:
    if model is None:
        model = os.environ.get("ZHIE_MODEL") or DEFAULT_MODEL
    over = {"exclude": tuple(exclude), **overrides}
    if isinstance(model, dict):
        return Pipeline(model, None, over)
    if str(model) == "rules":
        return Pipeline(RULES_CONFIG, None, over)
    path = Path(model)
    cfg_path = path / "config.json"
    what = "The default model" if path == DEFAULT_MODEL else "The model"
    if not cfg_path.is_file():
        # never a silent fall back to rules: that would lower quality without anyone noticing
        raise ModelMissingError(f"{what} is missing: no {cfg_path}. {_FIX}")
    try:
        with open(cfg_path, encoding="utf-8") as f:
            config = json.load(f)
        if not isinstance(config, dict) or not isinstance(config.get("pipeline"), list):
            raise ValueError("config.json has no 'pipeline' list")
        return Pipeline(config, path, over)
    except ModelError:
        raise
    except Exception as e:  # truncated weights (SafetensorError), bad JSON, unknown factory …
        raise ModelError(f"{what} at {path} is broken ({type(e).__name__}: {e}). {_FIX}") from e
