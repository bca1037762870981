"""Header-aware table reading: markdown pipe tables, tab-separated plain-text tables, and
column-by-column tables from PDF text dumps.

The ``tables.v1`` component finds tables, gives each column a role from its
header (``extract/data/tables.json``), records every row in ``doc.tables``
with cell offsets, and adds the entities a cell states outright (company names,
segments, districts, exchanges). Dates and figures in cells are left to the
rule recognizers, except bare ``800+`` counts whose unit only the header gives.
A PDF text dump often gives a table column by column, one cell per line, with each column's
header printed among its cells (where the header sat, vertically centred, on the page)::

    表 3.1 新材料领域代表企业        ← numbered caption
    甲公司 / 乙公司 / 企业名 / 丙公司 / 丁公司      ← column 1, header in the middle
    新材料 / 新材料 / 所属行业 / 新能源 / 新材料    ← column 2
    ...

:func:`find_column_tables` reads these back: after a numbered caption, the lines that are exactly
a known column header (``column_headers`` in tables.json) split the run of short lines into
columns; the layout is accepted only if all columns have the same length and every header falls
inside its own column. Relations and facts for each row are made later (``relations.v1``,
``facts.v1``) from ``doc.tables``, once entities are final.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import List, Optional

from extract.doc import Document
from extract.registry import components
from extract.config import DATA_DIR

DATA = DATA_DIR / "tables.json"
_SEP_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_LINK = re.compile(r"^\[.*\]\(.*\)$")
_BARE_PLUS = re.compile(r"^(\d+(?:\.\d+)?)\s*\+$")


@dataclass
class Cell:
    start: int
    end: int
    text: str
    role: Optional[str] = None
    header: str = ""
    parts: list = field(default_factory=list)  # (start, end) of each listed item


@dataclass
class Table:
    start: int
    end: int
    header: List[Cell]
    rows: List[List[Cell]]
    caption: Optional[Cell] = None  # a numbered caption line (表 3.1 …) just above the table
    layout: str = "rows"  # "rows" (markdown / tab-separated) or "columns" (PDF column dump)

    def to_records(self, index: int) -> list:
        return [{"id": f"T{index}R{r}", "table": index, "row": r,
                 "cells": {h.text: c.text for h, c in zip(self.header, row)}}
                for r, row in enumerate(self.rows, 1)]


@lru_cache(maxsize=4)
def load_table_data(path: str = str(DATA)) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def column_role(header: str, data: dict) -> Optional[str]:
    if any(k in header for k in data["skip"]):
        return None
    for role, keys in data["roles"]:
        if any(k in header for k in keys):
            return role
    return None


_EOL = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list:
    """``(start, end)`` of every line, the line break excluded; ``\n``, ``\r\n`` and a bare ``\r`` end a line."""
    out, pos = [], 0
    for m in _EOL.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _strip_cell(text: str, s: int, e: int) -> Cell:
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip())
    content = raw.strip()
    return Cell(s + lead, s + lead + len(content), content)


def _split_line(text: str, s: int, e: int, sep: str) -> List[Cell]:
    """Cells of one table line ``text[s:e]``, with stripped offsets."""
    line = text[s:e]
    if sep == "|":
        body_s = line.find("|") + 1
        # The closing pipe is optional in markdown: without it the last cell runs to the line end.
        trimmed = line.rstrip()
        body_e = len(trimmed) - 1 if trimmed.endswith("|") else len(line)
        if body_e < body_s:
            body_e = len(line)
    else:
        body_s, body_e = 0, len(line)
    cells = []
    pos = s + body_s
    for raw in line[body_s:body_e].split(sep):
        cells.append(_strip_cell(text, pos, pos + len(raw)))
        pos += len(raw) + 1
    return cells


def find_tables(text: str) -> List[Table]:
    """Markdown tables (header, ---- row, body) and blocks of ≥3 tab-separated lines."""
    lines = _lines(text)
    tables = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _SEP_ROW.match(text[lines[i + 1][0]:lines[i + 1][1]]):
            header = _split_line(text, s, e, "|")
            rows = []
            j = i + 2
            while j < len(lines) and text[lines[j][0]:lines[j][1]].lstrip().startswith("|"):
                rows.append(_split_line(text, lines[j][0], lines[j][1], "|"))
                j += 1
            tables.append(Table(s, lines[j - 1][1], header, rows))
            i = j
            continue
        if line.count("\t") >= 2:
            j = i
            while j < len(lines) and text[lines[j][0]:lines[j][1]].count("\t") == line.count("\t"):
                j += 1
            if j - i >= 3:
                block = [_split_line(text, a, b, "\t") for a, b in lines[i:j]]
                tables.append(Table(s, lines[j - 1][1], block[0], block[1:]))
                i = j
                continue
        i += 1
    return tables


_CAPTION = re.compile(r"^\s*表\s*[0-9０-９]+(?:[.．\-－][0-9０-９]+)*\s*\S")
_PROSE = re.compile(r"[。，；：！？,;:!?]")
_MAX_CELL = 40


def caption_before(text: str, start: int, max_lines: int = 2) -> Optional[Cell]:
    """The numbered caption (表 2.1 …) among the ``max_lines`` non-empty lines above ``start``."""
    end = text.rfind("\n", 0, start)
    seen = 0
    while end > 0 and seen < max_lines:
        s = text.rfind("\n", 0, end) + 1
        cell = _strip_cell(text, s, end)
        if cell.text:
            seen += 1
            if _CAPTION.match(cell.text):
                return cell
        end = s - 1
    return None


def find_column_tables(text: str, data: dict) -> List[Table]:
    """Tables that a PDF dump gives column by column (see the module docstring)."""
    headers = set(data.get("column_headers", ()))
    if not headers:
        return []
    prefixes = tuple(data.get("header_prefixes", ()))

    def is_header(t: str) -> bool:  # 产业类别, and with a modifier in front: 具体产业类别
        return t in headers or any(t.startswith(p) and t[len(p):] in headers for p in prefixes)

    lines = _lines(text)
    tables = []
    i = 0
    while i < len(lines):
        caption = _strip_cell(text, *lines[i])
        if not _CAPTION.match(caption.text):
            i += 1
            continue
        cells = []  # (Cell, is_header)
        j = i + 1
        while j < len(lines):
            cell = _strip_cell(text, *lines[j])
            if cell.text and (_CAPTION.match(cell.text) or len(cell.text) > _MAX_CELL or _PROSE.search(cell.text)):
                break
            if cell.text:
                cells.append((cell, is_header(cell.text)))
            j += 1
        table = _columns_to_table(cells, caption)
        if table is not None:
            tables.append(table)
        i = j if j > i + 1 else i + 1
    return tables


def _columns_to_table(cells: list, caption: Cell) -> Optional[Table]:
    head = [c for c, is_h in cells if is_h]
    n_cols = len(head)
    if n_cols < 2:
        return None
    values, where = [], []  # value cells in order; for each header, how many values precede it
    for c, is_h in cells:
        if is_h:
            where.append(len(values))
        else:
            values.append(c)
    best = None
    for n_rows in range(2, len(values) // n_cols + 1):
        # Each header must sit inside its own column (a PDF prints it among the column's cells).
        if all(k * n_rows < p < (k + 1) * n_rows for k, p in enumerate(where)):
            cost = sum(abs(p - (k + 0.5) * n_rows) for k, p in enumerate(where))
            if best is None or cost < best[0]:
                best = (cost, n_rows)
    if best is None:
        return None
    n_rows = best[1]
    rows = [[values[k * n_rows + r] for k in range(n_cols)] for r in range(n_rows)]
    last = values[n_cols * n_rows - 1]
    return Table(min(head[0].start, values[0].start), last.end, head, rows, caption=caption, layout="columns")


def _parts(cell: Cell, seps: str) -> list:
    out = []
    pos = cell.start
    for piece in re.split(f"[{re.escape(seps)}]", cell.text):
        lead = len(piece) - len(piece.lstrip())
        p = piece.strip()
        if p:
            out.append((pos + lead, pos + lead + len(p)))
        pos += len(piece) + 1
    return out


@components.register("tables.v1")
def make_tables(nlp, path: str = str(DATA)):
    data = load_table_data(path)
    seps = data["list_separators"]
    orgs = sorted(data["listing_orgs"], key=len, reverse=True)

    def tables(doc: Document) -> Document:
        found = find_tables(doc.norm)
        for table in found:
            table.caption = caption_before(doc.norm, table.start)
        taken = [(t.start, t.end) for t in found]
        found += [t for t in find_column_tables(doc.norm, data)
                  if not any(t.start < e and s < t.end for s, e in taken)]
        found.sort(key=lambda t: t.start)
        for t_index, table in enumerate(found, 1):
            roles = [column_role(h.text, data) for h in table.header]
            for h, role in zip(table.header, roles):
                h.role = role
            for row in table.rows:
                for cell, h in zip(row, table.header):
                    cell.role, cell.header = h.role, h.text
                    if not cell.text or _MD_LINK.match(cell.text):
                        continue
                    _cell_entities(doc, cell, seps, orgs, data)
        doc.tables = found
        return doc

    return tables


def _cell_entities(doc: Document, cell: Cell, seps: str, orgs: list, data: dict) -> None:
    role = cell.role
    if role in ("COMPANY", "INDUSTRY", "LOC"):
        # A full legal name is one entity even if it holds a separator-like char.
        # So is a cell of a category column (产业类别): 互联网与云计算、大数据服务 names one category.
        whole = (role == "COMPANY" and cell.text.endswith(("公司", "研究院"))) or \
            any(k in cell.header for k in data.get("single_value_headers", ()))
        parts = [(cell.start, cell.end)] if whole else _parts(cell, seps)
        cell.parts = parts
        for s, e in parts:
            typ = "ORG" if role == "COMPANY" and doc.norm[s:e].endswith(tuple(data["org_suffixes"])) else role
            doc.entities.append(doc.entity(typ, s, e, source="tables"))
    elif role == "LISTING":
        for name in orgs:
            i = cell.text.find(name)
            if i >= 0:
                s = cell.start + i
                cell.parts = [(s, s + len(name))]
                doc.entities.append(doc.entity("ORG", s, s + len(name), source="tables"))
                break
    elif role == "FIGURE":
        m = _BARE_PLUS.match(cell.text)
        if m:
            unit = next((u for k, u in data["unit_hints"].items() if k in cell.header), "")
            value = float(m.group(1))
            value = int(value) if value.is_integer() else value
            cell.parts = [(cell.start, cell.end)]
            doc.entities.append(doc.entity("FIGURE", cell.start, cell.end,
                                           {"value": value, "unit": unit, "qualifier": "more_than"},
                                           source="tables"))
