"""ZhIE: information extraction from Chinese policy and news text.

>>> import extract
>>> nlp = extract.load()            # the shipped default model (models/default)
>>> doc = nlp("深圳以347家的新增数量位居全国城市首位")
>>> doc.to_dict()["entities"][0]["type"]

The package: the core at the top (``doc``, ``registry``, ``config``, ``pipeline``, ``textnorm``;
they import only each other), then :mod:`extract.stages` (the pipeline steps), :mod:`extract.io`
(readers, writers, annotation formats), :mod:`extract.eval` (scoring, benchmark),
:mod:`extract.learn` (training) and the entry points (``cli``, ``run``, ``spacy_bridge``).
Imports run in that order, never back (``tests/test_layout.py``).
"""
from extract.doc import Document, Entity, Span, Relation, Event, Argument, Fact
from extract.pipeline import Pipeline, load

__version__ = "0.1.0"
__all__ = ["load", "Pipeline", "Document", "Entity", "Span", "Relation", "Event", "Argument", "Fact"]
