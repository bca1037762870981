"""COMPANY recognizer for registered legal names (…股份有限公司, …有限公司, …集团有限公司).

The suffix is certain; the left edge is not: the candidate starts after the
last character that cannot be in a name (punctuation, space, table bar) and is
then cut after the last stop word that cannot begin a name (由, 与, 的, 包括 …;
``extract/data/rules/companies.json``). Short names (曦智科技) are left to the
NER model and the gazetteer.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

from ._data import alternation, load_rules


class CompanyRecognizer:
    def __init__(self, rules_dir=None):
        r = load_rules("companies", rules_dir)
        suffixes = sorted(r["legal_suffixes"], key=len, reverse=True)
        self.min_len, self.max_len = int(r["min_len"]), int(r["max_len"])
        self.min_name = int(r["min_name"])
        self.pattern = re.compile(rf"[{r['name_chars']}]{{2,{self.max_len}}}?(?P<suffix>{alternation(suffixes)})")
        stops = sorted(r["stop_prefixes"], key=len, reverse=True)
        self.stop = re.compile(rf"(?:{alternation(stops)})")
        self.leading = re.compile(r["leading_strip"])

    def find(self, doc) -> List:
        out = []
        norm = doc.norm
        for m in self.pattern.finditer(norm):
            s, e = m.span()
            # cut after the last stop word that leaves a long enough name
            for sm in reversed(list(self.stop.finditer(norm, s, e))):
                if e - sm.end() >= self.min_len:
                    s = sm.end()
                    break
            lead = self.leading.match(norm, s, e)
            if lead and e - lead.end() >= self.min_len:
                s = lead.end()
            if e - s < self.min_len or e - s > self.max_len or m.start("suffix") - s < self.min_name:
                continue
            out.append(doc.entity("COMPANY", s, e, source="rules"))
        return out


@lru_cache(maxsize=1)
def default_recognizer() -> CompanyRecognizer:
    return CompanyRecognizer()


def find_companies(doc) -> List:
    """Legal-name COMPANY entities in ``doc`` (reads ``doc.norm``); ``[]`` when none."""
    return default_recognizer().find(doc)


class ShortCompanyRecognizer:
    """Short company names written as brand + industry head: 曦智科技, 视比特机器人, 沐曦集成.

    Precision comes from two checks: the brand starts right after a boundary
    (punctuation, 的, 如, 、, an appositive 公司/企业 …) and jieba's dictionary
    does not know it as a common word, so 人工智能, 国内科技 or 高端装备 are never names.
    """

    def __init__(self, rules_dir=None):
        import jieba
        import logging
        jieba.setLogLevel(logging.WARNING)
        r = load_rules("companies", rules_dir)
        self._dict = jieba.Tokenizer()
        self._dict.initialize()
        self.max_freq = int(r["short_max_freq"])
        self.stop_chars = set(r["short_stop_chars"])
        self.common_freq = int(r["short_common_freq"])
        lo, hi = r["short_brand"]
        heads = sorted(r["short_heads"], key=len, reverse=True)
        left = sorted(r["short_left"], key=len, reverse=True)
        self.pattern = re.compile(
            rf"(?:(?<=^)|(?<=\n)|(?<={')|(?<='.join(map(re.escape, left))}))"
            rf"(?!{alternation(left)})(?P<brand>[\u4e00-\u9fff]{{{lo},{hi}}}?)(?P<head>{alternation(heads)})")

    def _known(self, word: str) -> bool:
        return self._dict.FREQ.get(word, 0) >= self.max_freq

    def find(self, doc) -> List:
        out = []
        for m in self.pattern.finditer(doc.norm):
            brand = m.group("brand")
            if self._known(brand):
                continue
            if self.stop_chars & set(brand):
                continue  # a function character: a phrase (在浦东的), not a brand
            if any(len(w) >= 2 and self._dict.FREQ.get(w, 0) >= self.common_freq
                   for w in self._dict.cut(brand, HMM=False)):
                continue  # holds a common word (上海硬, 全周期): not a brand
            out.append(doc.entity("COMPANY", m.start(), m.end(), source="rules"))
        return out
