"""Relations: the ``relations.v1`` stage.

- :mod:`.rules`: table-row relations and prose patterns, and the component itself;
- :mod:`.classifier`: a learned pair classifier for prose ``located_in`` / ``in_industry``,
  trained at ``Pipeline.learn`` time (a cross-validation fold) or loaded from a saved file.

``.rules`` imports ``.classifier`` (when the component uses it), never the reverse.
"""
from extract.stages.relations.rules import RelationsComponent, make_relations, pattern_relations, table_relations

__all__ = ["RelationsComponent", "make_relations", "pattern_relations", "table_relations"]
