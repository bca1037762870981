"""Relations (SCHEMA §3) from table rows and from sentence patterns over final entities.

Table rows state their relations: the row's companies get ``located_in`` to its
district/city column and, when the table is a table of companies (its first
entity column is COMPANY), ``in_industry`` to its segment column; in a table of
places (省份/城市 | 主要领域 | 代表企业) the segment column describes the place. In prose, short patterns between adjacent entities give the
rest (all matched on the normalized text, so both scripts work):

- ``LOC 的 COMPANY`` / ``LOC 区 COMPANY`` → located_in (松江区的新倬壮印刷科技)
- ``X 旗下 (的) Y`` → subsidiary_of (Y → X)
- ``X 投资 (并…) Y`` with X a COMPANY/ORG and Y a COMPANY → invested_in
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional

from .doc import Document, Entity, Relation
from .registry import components

_LOC_OF = re.compile(r"^(?:的|区的|市的|)$")
_SUBSIDIARY = re.compile(r"^(?:的)?旗下(?:的|子公司|基金)?$")
_INVEST = re.compile(r"^(?:领投|投资|投资了|投资并陪伴成长的|参投|注资|入股|战略投资)(?:的)?$")
_GAP_MAX = 12


def _by_span(doc: Document) -> Dict[tuple, Entity]:
    return {(e.start, e.end): e for e in doc.entities}


def table_relations(doc: Document) -> List[Relation]:
    """located_in / in_industry for every table row with a subject entity."""
    spans = _by_span(doc)
    out = []
    for table in getattr(doc, "tables", []) or []:
        key = next((h.role for h in table.header if h.role in ("COMPANY", "LOC")), None)
        for row in table.rows:
            def ents(role):
                found = []
                for cell in row:
                    if cell.role == role:
                        for s, e in cell.parts or [(cell.start, cell.end)]:
                            ent = spans.get((s, e))
                            if ent is not None and ent.type == role:
                                found.append(ent)
                return found
            companies, locs, inds = ents("COMPANY"), ents("LOC"), ents("INDUSTRY")
            for c in companies:
                out.extend(Relation("located_in", c, l) for l in locs)
                if key == "COMPANY":  # in a table of places, the segment column describes the place
                    out.extend(Relation("in_industry", c, i) for i in inds)
    return out


def pattern_relations(doc: Document) -> List[Relation]:
    ents = sorted(doc.entities, key=lambda e: e.start)
    out = []
    for a, b in zip(ents, ents[1:]):
        gap = doc.norm[a.end:b.start]
        if len(gap) > _GAP_MAX:
            continue
        if a.type == "LOC" and b.type == "COMPANY" and _LOC_OF.match(gap):
            out.append(Relation("located_in", b, a))
        elif a.type in ("COMPANY", "ORG") and b.type in ("COMPANY", "ORG") and _SUBSIDIARY.match(gap):
            out.append(Relation("subsidiary_of", b, a))
        elif a.type in ("COMPANY", "ORG") and b.type == "COMPANY" and _INVEST.match(gap):
            out.append(Relation("invested_in", a, b))
    return out


@components.register("relations.v1")
def make_relations(nlp, tables: bool = True, patterns: bool = True):
    def relations(doc: Document) -> Document:
        found = (table_relations(doc) if tables else []) + (pattern_relations(doc) if patterns else [])
        seen = {(r.type, id(r.head), id(r.tail)) for r in doc.relations}
        for r in found:
            key = (r.type, id(r.head), id(r.tail))
            if key not in seen:
                seen.add(key)
                doc.relations.append(r)
        return doc

    return relations
