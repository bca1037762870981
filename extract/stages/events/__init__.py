"""FUNDING events: the ``events.v1`` (rules) and ``events.learned.v1`` (learned) stages.

- :mod:`.rules`: trigger words, hedges and argument patterns over the final entities (``events.v1``),
  and :func:`investments` (the invested_in relations an event states);
- :mod:`.learned`: a trigger classifier and an argument-role classifier trained on DuEE funding
  records and annotated news, with the rules' own decisions among their features (``events.learned.v1``).

``.learned`` imports ``.rules``, never the reverse.
"""
from extract.stages.events.rules import (_load, find_events, investments, make_events,  # noqa: F401
                                         normalize_round)

__all__ = ["find_events", "investments", "make_events", "normalize_round"]
