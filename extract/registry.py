"""Name → factory registry for pipeline components.

A component factory is registered under a versioned name and called as
``factory(nlp, **settings)``; it returns a callable ``Document -> Document``.
A model's ``config.json`` lists components by these names, so a user can swap
a recognizer from config without editing the package::

    from extract.registry import components

    @components.register("my_company_gazetteer.v1")
    def make(nlp, path="companies.txt"):
        ...
        return component
"""
from __future__ import annotations

from typing import Callable, Dict


class Registry:
    def __init__(self, kind: str):
        self.kind = kind
        self._items: Dict[str, Callable] = {}

    def register(self, name: str, func: Callable = None):
        def deco(f):
            self._items[name] = f
            return f
        return deco(func) if func is not None else deco

    def get(self, name: str) -> Callable:
        if name not in self._items:
            _load_builtins()
        try:
            return self._items[name]
        except KeyError:
            avail = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"Unknown {self.kind} {name!r}. Available {self.kind}s: {avail}. "
                           f"Register your own with @extract.registry.{self.kind}s.register({name!r}).") from None

    def __contains__(self, name: str) -> bool:
        _load_builtins()
        return name in self._items

    def names(self):
        _load_builtins()
        return sorted(self._items)


components = Registry("component")

_BUILTINS = (
    "extract.stages.basic",
    "extract.stages.tables",
    "extract.stages.gazetteer",
    "extract.stages.mentions",
    "extract.stages.latin_names",
    "extract.stages.recognizers",
    "extract.stages.propagate",
    "extract.stages.industry_apposition",
    "extract.stages.sources",
    "extract.stages.relations",
    "extract.stages.events",
    "extract.stages.events.learned",
    "extract.stages.facts",
    "extract.stages.ner",
    "extract.learn.spacy_ner",
    "extract.eval.baselines",
)


def _load_builtins():
    import importlib
    for mod in _BUILTINS:
        importlib.import_module(mod)
