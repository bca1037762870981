"""COMPANY recognizer for registered legal names (…股份有限公司, …有限公司, …集团有限公司).

The suffix is certain; the left edge is not: the candidate starts after the
last character that cannot be in a name (punctuation, space, table bar) and is
then cut after the last stop word that cannot begin a name (由, 与, 的, 包括 …;
``extract/data/rules/companies.json``), and after a date inside it with the preposition after the date
(永伦集团于2021年12月以永伦屯门有限公司 -> 永伦屯门有限公司; cross-fitted news training documents: COMPANY 4 and DATE
3 more right, facts 0.7057 -> 0.7069; news dev + select identical). Short names (甲乙科技) are left to the
NER model and the gazetteer.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import List

from extract.stages.recognizers._data import alternation, char_class, load_rules
from extract.config import DATA_DIR


# a date (年 with a month or day, or a month with a day) and the preposition after it
_DATE_INSIDE = re.compile(r"(?:\d{2,4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日)[以于在由向与和将把从对经]?")


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
            # a bracket with no partner inside the name opens or closes something around it
            # (源禾资本（烟台源禾…有限公司, 1)湖南…有限公司): the name starts after it
            # a date inside it ends what came before (永伦集团于2021年12月以永伦屯门有限公司): the name starts after
            # the date and a preposition right after it
            for dm in _DATE_INSIDE.finditer(norm, s, m.start("suffix")):
                if e - dm.end() >= self.min_len:
                    s = dm.end()
            unmatched = unmatched_brackets(norm, s, e)
            s = unmatched[-1] + 1 if unmatched else s
            lead = self.leading.match(norm, s, e)
            if lead and e - lead.end() >= self.min_len:
                s = lead.end()
            if e - s < self.min_len or e - s > self.max_len or m.start("suffix") - s < self.min_name:
                continue
            out.append(doc.entity("COMPANY", s, e, source="rules"))
        return out


def unmatched_brackets(text: str, s: int = 0, e: int = None) -> List[int]:
    """Positions of the brackets in ``text[s:e]`` that have no partner there, in text order."""
    e = len(text) if e is None else e
    opened, lone = [], []
    for i in range(s, e):
        ch = text[i]
        if ch in "(（":
            opened.append(i)
        elif ch in ")）":
            if opened:
                opened.pop()
            else:
                lone.append(i)
    return sorted(lone + opened)


@lru_cache(maxsize=1)
def default_recognizer() -> CompanyRecognizer:
    return CompanyRecognizer()


def find_companies(doc) -> List:
    """Legal-name COMPANY entities in ``doc`` (reads ``doc.norm``); ``[]`` when none."""
    return default_recognizer().find(doc)


COMMON_WORDS = DATA_DIR / "rules" / "common_words.tsv"


class ShortCompanyRecognizer:
    """Short company names written as brand + industry head: 甲乙科技, 丙丁机器人, 戊己集成.

    Precision comes from two checks: the brand starts right after a boundary
    (punctuation, 的, 如, 、, an appositive 公司/企业 …) and is not an ordinary
    word — neither a dictionary word itself nor made of a common one — so
    人工智能, 国内科技 or 高端装备 are never names. The word list
    (``extract/data/rules/common_words.tsv``) is derived from jieba's dictionary
    by :func:`build_common_words`, so loading it costs milliseconds, not jieba's
    one-second dictionary load. A brand that is one of ``short_product_words`` (割草, 四足: what a robot does or how it
    stands, words jieba's dictionary lacks) makes a class of products, typed INDUSTRY (割草机器人).
    """

    def __init__(self, rules_dir=None, words=COMMON_WORDS):
        r = load_rules("companies", rules_dir)
        self.known, self.common = _load_words(str(words), int(r["short_max_freq"]), int(r["short_common_freq"]))
        self.product_words = frozenset(r.get("short_product_words", {}).get("words", ()))  # 割草机器人: a product class
        self.market_words = tuple(r.get("market_prefix", {}).get("words", ()))  # 美股科技: a market's sector
        lo, hi = r["short_brand"]
        heads = sorted(r["short_heads"], key=len, reverse=True)
        left = sorted(r["short_left"], key=len, reverse=True)
        self.stop_chars = set(r["short_stop_chars"])
        self.lead_chars = set(r.get("short_lead_chars", ""))
        self.lead_words = tuple(sorted(r.get("short_lead_words", ()), key=len, reverse=True))  # 助力|坤维科技
        self.min_brand = lo
        not_before = r.get("short_not_before", [])  # 恒生科技指数: an index named after a brand-like word
        # (the words' last characters are checked first: most positions follow none, and the engine then tries no
        # word there; the same matches, the pattern's scan over 740 news texts 0.126 -> 0.043 s)
        last = f"(?<=[{char_class(w[-1] for w in left)}])" if left else ""
        self.pattern = re.compile(
            rf"(?:(?<=^)|(?<=\n)|{last}(?:(?<={')|(?<='.join(map(re.escape, left))})))"
            rf"(?!{alternation(left)})(?P<brand>[\u4e00-\u9fff]{{{lo},{hi}}}?)(?P<head>{alternation(heads)})"
            + (rf"(?!{alternation(not_before)})" if not_before else ""))

    def _ordinary(self, brand: str) -> bool:
        if brand in self.known:
            return True
        n = len(brand)
        return any(brand[i:j] in self.common for i in range(n) for j in range(i + 2, n + 1))

    def find(self, doc) -> List:
        out = []
        for m in self.pattern.finditer(doc.norm):
            brand, start = m.group("brand"), m.start()
            while brand[:1] in self.lead_chars and len(brand) > self.min_brand:
                brand, start = brand[1:], start + 1  # 但甲乙科技: a conjunction, then the brand
            if brand[:1] in self.lead_chars:
                continue  # too short once the conjunction is gone
            lead = next((w for w in self.lead_words if brand.startswith(w)), None)
            if lead:  # 助力坤维科技 → 坤维科技, 引领人形机器人 → 人形 (a word: nothing), 深耕精密 → no brand left
                brand, start = brand[len(lead):], start + len(lead)
                if len(brand) < self.min_brand:
                    continue
            if self.stop_chars & set(brand):
                continue  # a function character: a phrase (在浦东的), not a brand
            if brand in self.product_words:  # 割草机器人, 四足机器人: a class of products (GUIDELINES rule 1)
                out.append(doc.entity("INDUSTRY", start, m.end(), source="rules"))
                continue
            if self._ordinary(brand):
                continue  # a word (人工智能) or holds a common one (上海硬, 全周期): not a brand
            if any(w in brand for w in self.market_words):
                continue  # 美股科技, 且美股科技, 美系汽车: a market's or an origin's sector (companies.json market_prefix)
            out.append(doc.entity("COMPANY", start, m.end(), source="rules"))
        return out


@lru_cache(maxsize=2)
def _word_freqs(path: str) -> tuple:
    """``(words, freqs)`` of a ``word<TAB>frequency`` file, read once however many thresholds ask (the recognizer,
    propagate and common_words read the same file at three: session 55, w4speed, 0.2 s less to load a pipeline)."""
    words, freqs = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            word, freq = line.rstrip("\n").split("\t")
            words.append(word)
            freqs.append(int(freq))
    return tuple(words), tuple(freqs)


@lru_cache(maxsize=4)
def _load_words(path: str, known_freq: int, common_freq: int) -> tuple:
    words, freqs = _word_freqs(path)
    known = frozenset(w for w, n in zip(words, freqs) if n >= known_freq)
    common = frozenset(w for w, n in zip(words, freqs) if n >= common_freq)
    return known, common


def common_words(freq: int = 300) -> frozenset:
    """The words of jieba's dictionary (``common_words.tsv``) at least ``freq`` times frequent: ordinary text
    (创新 4681, 政策 14792), read by the gazetteer's short-place veto and the entity filter's product classes."""
    return _load_words(str(COMMON_WORDS), freq, freq)[0]


def build_common_words(out=COMMON_WORDS, min_freq: int = 50, lengths=(2, 5)) -> int:
    """Write the dictionary words (2–5 characters, frequency ≥ ``min_freq``) of jieba's dict.txt."""
    import os

    import jieba

    src = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    rows = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            if lengths[0] <= len(word) <= lengths[1] and int(freq) >= min_freq:
                rows.append(f"{word}\t{freq}")
    header = ["# Words of 2-5 characters with frequency >= %d from jieba's dict.txt (jieba 0.42.1, MIT License)." % min_freq,
              "# Regenerate: python -c 'from extract.stages.recognizers.companies import build_common_words as b; b()'",
              "# columns: word<TAB>jieba frequency"]
    Path(out).write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    return len(rows)
