"""METRIC / RANKING facts: the ``facts.v1`` stage.

- :mod:`.rules`: the rules that decide, for each FIGURE and RANK, whether it states a fact, its
  subject, metric span and date (the default).
- :mod:`.chooser`: a learned chooser that reads the rules' decisions as features; it is trained
  at ``Pipeline.learn`` time (a cross-validation fold) or loaded from saved weights.

This module builds the component from both; ``.chooser`` imports ``.rules``, never the reverse.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from extract.doc import Document
from extract.registry import components
from extract.stages.facts.rules import DATA, _load, find_facts, rule_hints

__all__ = ["make_facts", "FactsComponent", "find_facts", "rule_hints"]


@components.register("facts.v1")
def make_facts(nlp, path: str = str(DATA), model: Optional[str] = None, learn: bool = False):
    """METRIC/RANKING facts. ``model``: weights of the learned chooser (:mod:`extract.stages.facts.chooser`;
    a file name is looked up in the model folder); without it the rules decide. ``learn``: whether
    ``Pipeline.learn`` trains the (dense) chooser.

    The shipped model uses the hashed-feature chooser trained on the ZhIE-News train split
    (``python -m extract.learn.facts``), overriding the rules only when it is confident (margin 2.0):
    facts F1 on news dev 0.453 (rules) -> 0.489, on the seed policy documents 0.811 -> 0.780 (the
    chooser alone: 0.510 / 0.709); retrained 2026-12-03 on the day's entities: news dev 0.526, seeds
    0.785; see models/default/MODEL_CARD.md.
    """
    if model and getattr(nlp, "path", None) is not None and not Path(model).is_absolute():
        model = str((nlp.path / model).resolve())  # a weights file in the model folder
    return FactsComponent(_load(path), model, learn)


class FactsComponent:
    """``learn(docs)`` trains the fact chooser from scratch on annotated documents (a CV fold)."""

    def __init__(self, data: dict, model: Optional[str] = None, learn: bool = False):
        from .chooser import load_any
        self.data = data
        self.learns = learn
        self.chooser = load_any(model) if model else None

    def __call__(self, doc: Document) -> Document:
        doc.facts.extend(find_facts(doc, self.data, self.chooser))
        return doc

    def learn(self, docs) -> None:
        if not self.learns:
            return
        from .chooser import FactChooser, fit, training_examples
        chooser = FactChooser()
        examples = training_examples(docs, chooser)
        if examples:
            chooser.weights = fit(examples)
            self.chooser = chooser
