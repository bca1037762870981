"""A naive peer baseline: entities straight from jieba.posseg part-of-speech tags.

This is what a competent engineer gets in an afternoon with jieba alone, and
what ZhIE's numbers are compared against in ``evaluation/REPORT.md``::

    >>> import extract
    >>> from extract.eval.baselines import BASELINE_CONFIG
    >>> nlp = extract.load(BASELINE_CONFIG)
    >>> [(e.type, e.text) for e in nlp("复旦大学位于上海").entities]
    [('ORG', '复旦大学'), ('LOC', '上海')]

Tag → type, on the normalized view (``doc.norm``, simplified, half-width):

- ``nt`` (organization) → COMPANY when the word ends with a company suffix
  (:data:`COMPANY_SUFFIXES`: 公司, 集团, 科技, 银行, …), else ORG;
- ``ns`` (place) → LOC; ``nr`` and its variants ``nrt``/``nrfg`` (person) → PERSON;
- ``t`` (time) → DATE;
- FIGURE: a run of consecutive ``m`` (numeral) words, e.g. ``15`` + ``亿元``,
  merged with a directly following ``q`` (measure word) or ``%``; the run
  becomes a FIGURE when a ``q``/``%`` was merged, or when its text holds a
  digit (Arabic or Chinese) and a unit character (:data:`UNIT_CHARS`).
  A bare number (``2025``) is not a FIGURE; a run that is exactly a
  four-digit year plus 年 (``2025年``) is a DATE.

Nothing else: no RANK, INDUSTRY or POLICY, no attributes beyond ``norm``, no
relations, events or facts. Entities carry ``source="baseline"``.
"""
from __future__ import annotations

import re

from extract.doc import Document
from extract.registry import components

COMPANY_SUFFIXES = ("公司", "集团", "科技", "银行", "股份", "控股", "证券", "保险", "资本", "创投", "基金")
UNIT_CHARS = set("家元%倍个件人年项次亿万千百辆台吨户名座所条款位份股")
_DIGIT = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]")
_YEAR = re.compile(r"^[0-9]{4}年$")  # 2025年 tagged m+m is a year, not a count

BASELINE_CONFIG = {
    "name": "baseline-jieba",
    "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "segment", "factory": "segment.v1", "tokens": False},
        {"name": "baseline", "factory": "baseline.jieba_posseg.v1"},
    ],
}


def tag_type(word: str, flag: str):
    """The entity type for one jieba (word, flag), or None. FIGUREs are handled separately."""
    if flag == "nt":
        return "COMPANY" if word.endswith(COMPANY_SUFFIXES) else "ORG"
    if flag == "ns":
        return "LOC"
    if flag in ("nr", "nrt", "nrfg"):
        return "PERSON"
    if flag == "t":
        return "DATE"
    return None


def spans_from_tags(text: str, tags) -> list:
    """``(type, start, end)`` spans from ``(start, end, flag)`` triples over ``text``."""
    out = []
    i, n = 0, len(tags)
    while i < n:
        s, e, flag = tags[i]
        if flag == "m":
            j = i
            while j + 1 < n and tags[j + 1][2] == "m":
                j += 1
            unit = j + 1 < n and (tags[j + 1][2] == "q" or text[tags[j + 1][0]:tags[j + 1][1]] == "%")
            if unit:
                j += 1
            end = tags[j][1]
            word = text[s:end]
            if _YEAR.match(word):
                out.append(("DATE", s, end))
            elif unit or (_DIGIT.search(word) and any(c in UNIT_CHARS for c in word)):
                out.append(("FIGURE", s, end))
            i = j + 1
            continue
        typ = tag_type(text[s:e], flag)
        if typ is not None:
            out.append((typ, s, e))
        i += 1
    return out


@components.register("baseline.jieba_posseg.v1")
def make_jieba_posseg_baseline(nlp, hmm: bool = True):
    """Tag entities from jieba.posseg flags (see the module docstring for the mapping)."""
    from extract.stages.segment import Tokenizer

    tok = Tokenizer(hmm=hmm, package_dicts=False)  # the naive peer: plain jieba, no ZhIE vocabulary

    def baseline(doc: Document) -> Document:
        tags = tok.pos_tag(doc.norm)
        for typ, s, e in spans_from_tags(doc.norm, tags):
            doc.entities.append(doc.entity(typ, s, e, source="baseline"))
        return doc

    return baseline
