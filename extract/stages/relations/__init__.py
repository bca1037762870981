"""Relations: the ``relations.v1`` stage.

- :mod:`.rules`: table-row relations and prose patterns, and the component itself;
- :mod:`.stakes`: ``invested_in`` from stated stakes (增持, 大股东, 股东架构中…持股, 合资企业 …);
- :mod:`.lists`: the list and reference helpers both read (甲、乙、丙等…, 该公司 …);
- :mod:`.classifier`: a learned pair classifier for prose ``located_in`` / ``in_industry``,
  trained at ``Pipeline.learn`` time (a cross-validation fold) or loaded from a saved file.

``.rules`` imports ``.stakes`` and ``.lists`` (``.stakes`` imports ``.lists`` only) and ``.classifier`` when the
component uses it; never the reverse.
"""
from extract.stages.relations.rules import RelationsComponent, make_relations, pattern_relations, table_relations

__all__ = ["RelationsComponent", "make_relations", "pattern_relations", "table_relations"]
