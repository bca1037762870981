"""ZhIE: information extraction from Chinese policy and news text.

>>> import extract
>>> nlp = extract.load()            # the shipped default model (models/default)
>>> doc = nlp("深圳以347家的新增数量位居全国城市首位")
>>> doc.to_dict()["entities"][0]["type"]
"""
from .doc import Document, Entity, Span, Relation, Event, Argument, Fact
from .pipeline import Pipeline, load

__version__ = "0.1.0"
__all__ = ["load", "Pipeline", "Document", "Entity", "Span", "Relation", "Event", "Argument", "Fact"]
