"""The sector written before a company-type head noun right before a company's name: ``industry_apposition.v1``.

电动汽车电池制造商Northvolt, 地铁运营商Tokyo Metro, 人形机器人公司Apptronik: Chinese news introduces a company by
its sector and a head noun, and the sector is an INDUSTRY entity (GUIDELINES R12) that the company is in
(``in_industry``, which the relation classifier then reads off the pair). The NER finds such sectors when they are
common words (人工智能, 电商) and misses the long or rare ones (线上快时尚零售, 機電工程, 人力资源顾问); this step
adds them where no entity covers them yet.

The sector reaches back from the head noun over at most ``max_len`` characters of text that no other entity
covers, and stops at punctuation and function characters (``stop_chars``), at a digit and before the words of
``left_stops`` (旗下, 全球, 例如 …: what stands before a sector without being part of it). Words between the sector and
the head noun (主要, 领军, 初创 …) are neither. Word lists in ``extract/data/rules/industry_apposition.json``.

Config entry (after ``propagate``, so that the companies are final, and before ``relations``)::

    {"name": "industry_apposition", "factory": "industry_apposition.v1"}
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extract.doc import Document
from extract.registry import components
from extract.stages.recognizers._data import alternation, load_rules

__all__ = ["IndustryApposition", "default_apposition", "make_industry_apposition"]

_SECTOR = 2  # the mark of an INDUSTRY entity's characters in ``covered`` (1: any other entity)


class IndustryApposition:
    def __init__(self, rules_dir: Optional[str] = None):
        d = load_rules("industry_apposition", rules_dir)
        quals = f"(?:{alternation(d['head_qualifiers'])})?"
        self.head = re.compile(f"(?:{alternation(d['head_prefixes'])})?{quals}(?:{alternation(d['heads'])})[「“\"]?$")
        self.left_stops = tuple(d["left_stops"])
        self.stop_chars = frozenset(d["stop_chars"])
        self.not_sectors = frozenset(d["not_sectors"])
        self.not_sector_parts = tuple(d["not_sector_parts"])
        self.min_len, self.max_len = int(d["min_len"]), int(d["max_len"])
        self.reach = max(len(h) for h in d["heads"]) + max(map(len, d["head_prefixes"])) + max(map(len, d["head_qualifiers"])) + 1

    def sector_before(self, norm: str, company_start: int, covered) -> Optional[tuple]:
        """``(start, end)`` of the sector before the head noun that ends right at ``company_start``; None if there
        is no head noun there or no sector before it. ``covered``: a byte per character, non-zero where another
        entity stands (``_SECTOR`` where an INDUSTRY does)."""
        m = self.head.search(norm, max(0, company_start - self.reach), company_start)
        if m is None or m.end() != company_start:
            return None
        end = m.start()
        if norm[end:end + 1] == "商" and norm[end - 1:end] == "电":
            return None  # 跨境电商: 电商 is the sector, and no head noun follows it
        i = end
        while i > 0 and end - i < self.max_len and not covered[i - 1] and not norm[i - 1].isdigit() \
                and (norm[i - 1] not in self.stop_chars or _inside_latin(norm, i - 1)) \
                and not norm.endswith(self.left_stops, 0, i):
            i -= 1
        while i < end and norm[i] == " ":
            i += 1
        if i > 0 and covered[i - 1] == _SECTOR:
            return None  # 电动汽车|电池制造商: a sector found already runs on into this one; no fragment beside it
        sector = norm[i:end]
        if not (self.min_len <= len(sector) <= self.max_len) or sector in self.not_sectors \
                or any(w in sector for w in self.not_sector_parts):
            return None
        return i, end

    def __call__(self, doc: Document) -> Document:
        norm = doc.norm
        companies = [e for e in doc.entities if e.type == "COMPANY"]
        if not companies:
            return doc
        covered = bytearray(len(norm) + 1)
        for e in doc.entities:
            mark = _SECTOR if e.type == "INDUSTRY" else 1
            covered[e.start:e.end] = bytes([mark]) * (e.end - e.start)
        added = []
        for c in companies:
            span = self.sector_before(norm, c.start, covered)
            if span is None:
                continue
            s, t = span
            covered[s:t] = bytes([_SECTOR]) * (t - s)
            added.append(doc.entity("INDUSTRY", s, t, source="apposition"))
        if added:
            doc.entities = sorted(doc.entities + added, key=lambda e: (e.start, e.end))
        return doc


@lru_cache(maxsize=1)
def default_apposition() -> IndustryApposition:
    return IndustryApposition()


def _inside_latin(norm: str, i: int) -> bool:
    """A space between two Latin letters (HR SaaS): part of a Latin sector name."""
    return norm[i] == " " and norm[i - 1:i].isascii() and norm[i - 1:i].isalpha() \
        and norm[i + 1:i + 2].isascii() and norm[i + 1:i + 2].isalpha()


@components.register("industry_apposition.v1")
def make_industry_apposition(nlp, rules_dir: Optional[str] = None):
    return IndustryApposition(rules_dir)
