"""RANK recognizer: ordinals and top-N expressions with their scope (SCHEMA §2).

Attributes: ``rank`` (int, 1 = first, -1 = last) for ordinals, ``top`` (int) for
top-N, ``scope`` (the scope words right before, or None); ``percent: true``
for a top share (全国前10% → top 10, percent).

Decisions:

* the scope is inside the span when it stands right before the rank
  (位居全国第三 → 全国第三, scope 全国; the verb 位居 stays out); stacked scopes
  give the broadest one: 全国城市首位 → scope 全国; a top-N followed by the set it
  ranks gives that set as scope (前 10 个城市 → scope 城市); a scope before a ranking verb gives the
  attr only (全国位居第四 → span 第四, scope 全国), except for the noun-like
  verbs 排名/排行, which join one span (全国排名第一 → span 全国排名第一, scope 全国) unless the scope is one that
  stays outside (行业排名第一 → span 第一, scope 行业);
* 第N followed by a counter that is not a ranking (第七批, 第一章, 第N届, 第N次,
  第一季度, 第三方 …, also 第一至第五批 / 第二、三批) is no RANK; 前三批 / 前3年 neither;
* 第二名 / 第三位 keep 名/位 in the span; the epithet 第一城 keeps 城 (scope 城市);
* 首家 / 首个 / 首次 / 首批 (the first to do something) are not ranks; 居首 → 首; 升幅之冠 → 冠;
* a bare number with 名/位 right after a ranking verb is a rank (排14位, 居三位; the FIGURE the figure
  recognizer finds at the same extent gives way to it in ``rules.v1``); 头三名 / 首10名 are top N;
* 第4至10位 / 第7至第10名 / 第三至第五 is one RANK, rank 4 and ``to`` 10 (news train gold; the second end without
  名/位 only with 第 and no counter after it: 第一至第五批 is none; 大 closes it like 名/位: 桥水的第六到第十大重仓股,
  RANKING challenge batch 3, 2 list items more right, nothing else changed); so is a bare range right after a ranking
  verb (排在6到10位, 位居三四位);
* ranks joined after an ordinal are ranks of their own, each higher than the one before, even without 第
  (分列第四和第五, 分别排名第11及18, 分列二、三位: the news train gold; cross-fitted over its 710 documents
  RANK F1 0.918 -> 0.921, RANKING 0.602 -> 0.604), but not a number that counts something (排名第3和5个百分点);
* N强 (十强, 500强) is top N; TOP3 / Top 10 / 前10 / 前五 are top N, but not where 前 ends a word
  (目前四大, 此前三年, 节前五天: news dev RANK F1 0.846 -> 0.853, DATE 0.948 -> 0.950), and 前一 alone is the one
  before (前一交易日), not a top 1;
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional

from extract.stages.recognizers._data import GAP, GAP_CHARS, alternation, char_class, load_rules
from extract.stages.recognizers.numerals import ARABIC, Numerals


# the second end of an ordinal range after 第N (第4至10位, 第7至第10名, 第三至第五): attr ``to`` (GUIDELINES N20)
_RANGE_DASH = r"(?:至|到|-|—|–|~|～)"
_RANGE_NUM = r"(?:\d{1,4}|[一二三四五六七八九十百两]{1,4})"


class RankRecognizer:
    def __init__(self, rules_dir=None, numerals: Optional[Numerals] = None):
        self.num = numerals or Numerals(rules_dir)
        r = load_rules("ranks", rules_dir)
        self.scopes = r["scopes"]
        self.words = r["words"]
        self.top_suffixes = r["top_suffixes"]
        self.after_zhi = r["after_zhi"]
        self.bare_not_after = tuple(r["bare_not_after"])
        G = GAP
        cn = self.num.cn_chars
        NUM = rf"(?:{ARABIC}|{self.num.cnum})(?![{cn}\d])"
        joined = rf"(?:(?:{alternation(r['list_joiners'])}){G}第?{G}[{cn}\d]+{G})?"
        ORD_NOT = rf"(?!{G}{joined}(?:{alternation(r['ordinal_not_before'])}))"
        TOP_NOT = rf"(?!{G}{joined}(?:{alternation(r['top_not_before'])}))"
        SCOPE = alternation(self.scopes)
        BIG_NOT = rf"(?!{alternation(r['big_not_before'])})"
        BIG = rf"{re.escape(r['big_suffix'])}{BIG_NOT}"
        self.word_not_after = {w: tuple(v) for w, v in r.get("word_not_after", {}).items() if v}
        self.big_min = int(r.get("big_min", 10))
        self.big_cn_min = int(r.get("big_cn_min", 5))  # (N大 in Chinese numerals: only before big_cn_sets)
        self.big_enter = tuple(r["big_enter_verbs"])
        self.strong_min = int(r.get("strong_min", 3))
        SETS = rf"(?:的)?(?:{alternation(r['big_cn_sets'])})"  # a ranked set after N大 (十大重仓股, 500大品牌)
        self.big_sets = re.compile(SETS)
        # 排14位 / 居三位: a number right after a ranking verb, without 第 (Hong Kong and list usage)
        VERB_BEHIND = "|".join(f"(?<={re.escape(v)})" for v in r["ranking_verbs"])
        # 分列第四和第五 / 分别排名第11及18 / 分列二、三位: the ranks coordinated with an ordinal, each its own RANK
        NEXT_JOIN = "、|和|及|与|以及"
        # 未能入三甲, 跻身三甲: the top three after a verb of entering (三甲医院 is a hospital grade)
        JIA_BEHIND = "|".join(f"(?<={re.escape(v)})" for v in r.get("top_three_before", ())) or "(?!)"
        AFTER_NUM = "|".join(f"(?<={re.escape(v)})" for v in r["number_after"])  # 排名47, 涨幅排名14/31
        # 暂居可比ETF3/5, 涨幅排名可比基金3/6: a place out of a total right after the peer group it is counted in
        peers = r.get("peers_before_total", ())
        AFTER_PEERS = "|".join(f"(?<={re.escape(v)})" for v in peers) or "(?!)"  # (no peer words: it never matches)
        # (only numbers without 第: a 第N after the joiner is matched by the pattern below, with its suffix and scope)
        self.next_rank = re.compile(
            rf"{G}(?:{NEXT_JOIN}){G}(?P<n>(?P<num>{NUM})(?:{G}(?:名|位))?)"
            rf"(?!{G}(?:{alternation(r['ordinal_not_before'])}|{alternation(r['top_not_before'])}|"
            rf"[%％.万亿千百元倍强大月多余成A-Za-z\d]))")
        firsts = ([w[0] for w in list(self.scopes) + list(self.words)] + list(self.num.digits)
                  + list(self.num.small) + list(self.num.big_cn)
                  + list("0123456789第前倒Nn" + r["after_ju_first"] + "".join(r["after_zhi"]) + "头首" + r["top_latin"] + r["top_latin"].lower()))
        # 全国排名第四: the scope stands before a ranking verb; it is the scope attr, outside the span
        self.scope_before_verb = re.compile(
            rf"({SCOPE})({alternation(r['ranking_verbs'])}){G}$")
        self.noun_verbs = tuple(r["span_verbs"])
        self.scope_norm = r["scope_norm"]
        self.scopes_outside = frozenset(r["scopes_outside"]["words"])
        sic = r["scope_in_clause"]  # 全球票房榜第17名: a broad scope earlier in the clause
        self.scope_in_clause = re.compile(alternation(sorted(sic["words"], key=len, reverse=True)))
        self.scope_window = int(sic["window"])
        # 分列前五，六到十名的五家营业部则分别为…: a bare range opening a clause and followed by 的 is a rank range too
        # (the news gold: 1 of 1; 約有40至50名IANG, 2-3名前台员工 follow no clause break; session 55: cross-fitted RANK
        # +1 right, the 5 list items move from 前五 to 六到十名: RANKING facts 0.8155 -> 0.8246)
        CLAUSE_RANGE = (rf"(?<=[，,；;])(?={_RANGE_NUM}{G}{_RANGE_DASH}{G}{_RANGE_NUM}{G}(?:名|位)的)")
        # 第4至10位, 第7至第10名, 第六到第十大; a second end with 第 needs no 名/位 (第三至第五) unless a counter follows
        # (第一至第五批)
        self.ord_range = re.compile(
            rf"[ \t]*{_RANGE_DASH}[ \t]*(?:第[ \t]*(?P<a>{_RANGE_NUM})(?:[ \t]*(?:名|位|大)|(?![ \t]*(?:"
            rf"{alternation(r['ordinal_not_before'])}|{alternation(r['top_not_before'])}|[大强%％.万亿千百元倍\d])))"
            rf"|(?P<b>{_RANGE_NUM})[ \t]*(?:名|位))")
        self.scope_after = re.compile(rf"{G}(?:(?:个|家){G})?(?:的{G})?({alternation(r['scope_after'])})")
        self.city_suffix, self.city_scope = r["city_epithet"]
        self.province_suffix, self.province_scope = r.get("province_epithet", ("", None))
        self.ordinal_epithets = r.get("ordinal_epithets", {}).get("words", {})
        self.pattern = re.compile(rf"""
            (?=[{char_class(firsts)}])
            (?:(?P<scope>(?:{SCOPE})(?:{G}(?:{SCOPE}))*){G})?
            (?:
                (?P<word>{alternation(self.words)})
              | (?P<ordw>(?P<rev>倒数)?第{G}(?P<ord>{NUM}){ORD_NOT}(?:{G}(?P<osuf>{alternation(r['ordinal_suffixes'])}|{BIG}))?)
              | (?P<topw>(?<![目之此以提事史空面眼当跟生战节年日])前{G}(?P<top>{NUM}){TOP_NOT}(?:{G}(?P<tsuf>{alternation(self.top_suffixes)}|{BIG}))?)
              | (?P<big>(?<![{cn}\d.第前])(?P<bnum>{ARABIC}){G}{BIG})
              | (?P<cbig>(?<![{cn}\d.第前])(?P<cnum>{self.num.cnum})大(?={SETS}))
              | (?P<latin>(?<![A-Za-z])(?i:{re.escape(r['top_latin'])}){G}(?P<ltop>\d+))
              | (?P<strong>(?<![{cn}\d.])(?P<snum>{NUM}){re.escape(r['strong_suffix'])})
              | (?P<no>(?<![A-Za-z])(?i:no)\.?[ ]?(?P<nonum>\d+)(?![\d.]))
              | (?<=居)(?P<ju>{re.escape(r['after_ju_first'])})(?!{alternation(r['after_ju_not_before'])})
              | (?<=之)(?P<zhi>{alternation(r['after_zhi'])})
              | (?:{VERB_BEHIND}|{CLAUSE_RANGE})(?P<brange>(?P<br1>{_RANGE_NUM}){G}{_RANGE_DASH}{G}(?P<br2>{_RANGE_NUM}){G}(?:名|位))
              | (?:{VERB_BEHIND})(?P<badj>(?P<ba1>[一二三四五六七八九])(?P<ba2>[二三四五六七八九])(?:名|位))
              | (?:{VERB_BEHIND})(?P<bare>(?P<bnum2>{NUM}){G}(?:名|位))
              | (?:{VERB_BEHIND})(?P<blist>{NUM})(?={G}(?:{NEXT_JOIN}){G}{NUM}{G}(?:名|位))
              | (?:{JIA_BEHIND})(?P<jia>三甲)(?![医醫级級等])
              | (?P<headw>(?<![{cn}\d])[头首](?P<hnum>{NUM}){G}(?:名|位))
              | (?:{AFTER_NUM})(?P<nrank>(?P<nnum>\d{{1,4}})(?:/\d{{1,4}})?)(?!{r['number_after_not_before']}|/)
              | (?:{AFTER_PEERS})(?P<prank>(?P<pnum>\d{{1,4}})/\d{{1,4}})(?![\d.%％/])
            )
        """, re.VERBOSE)

    def __call__(self, doc) -> list:
        return self.find(doc)

    def find(self, doc) -> list:
        out = []
        norm = doc.norm
        for m in self.pattern.finditer(norm):
            attrs = self._attrs(m)
            if attrs is None:
                continue
            w = m.group("word")
            if w in self.word_not_after and norm.endswith(self.word_not_after[w], 0, m.start("word")):
                continue  # 单项冠军: a programme's title, not a rank
            if m.group("ordw") and not m.group("scope") and not m.group("osuf") and _enumerates(norm, m.start(), m.end()):
                continue  # 。第一，…；第二，…: points of an argument, counted off
            if norm[m.end() - 1:m.end()] == "位" and not m.group("topw") and _PERSON_AFTER_WEI.match(norm, m.end()):
                continue  # 首位外部董事, 第一位朋友: the first person to be one, no rank (4 of 4 in the news gold)
            if m.group("big") and not m.group("scope") and not norm.endswith(self.big_enter, 0, m.start()) \
                    and not self.big_sets.match(norm, m.end()):
                continue  # 拥有13大生产基地, 12大安全预警系统: a count of major ones (ranks.json big_enter_verbs)
            if (m.group("big") or m.group("cbig")) and _in_title(norm, m.start(), m.end()):
                continue  # 「2026年全球500大品牌」: the name of a list, not a rank in it
            if m.group("topw") and m.group("top") == "一" and (
                    not m.group("tsuf") or self.top_suffixes.get(m.group("tsuf")) == "counter"):
                continue  # 前一交易日, 前一个1月, 前一家: the one before, not a top 1 (no such RANK in the news gold; TOP1 is one)
            bare = next((k for k in ("bare", "blist", "brange", "badj") if m.group(k)), None)
            if bare and norm.endswith(self.bare_not_after, 0, m.start(bare)):
                continue  # 安排5名, 下列3位: a verb-final character that ends another word
            start, end = m.start(), m.end()
            sc = m.group("scope")
            if sc and _GAPS.sub("", sc) in self.scopes_outside:
                start = m.end("scope")  # 中国第四大: the scope stays an attr, outside the span
                while start < end and norm[start] in GAP_CHARS:
                    start += 1
            if attrs["scope"] is None:
                sv = self.scope_before_verb.search(norm, max(0, start - 10), start)
                if sv:
                    attrs["scope"] = self.scope_norm.get(sv.group(1), sv.group(1))
                    if sv.group(2) in self.noun_verbs and _GAPS.sub("", sv.group(1)) not in self.scopes_outside:
                        start = sv.start()  # 全国排名第一: one RANK span (GUIDELINES); not 行业排名|第一
            if attrs["scope"] is None:
                attrs["scope"] = self._scope_in_clause(norm, start)
            if attrs["scope"] is None and "top" in attrs:  # 前 10 个城市: the ranked set is the scope
                sa = self.scope_after.match(norm, end)
                if sa:
                    attrs["scope"] = sa.group(1)
            core = min(m.start(k) for k in ("word", "ordw", "topw", "latin", "strong", "big", "cbig", "no", "ju", "zhi",
                                                  "jia", "bare", "blist", "brange", "badj", "headw", "nrank", "prank")
                       if m.start(k) >= 0)
            star = norm.rfind("*", start, core)
            if star >= 0:  # 全国**第一**: markdown bold between scope and rank; the span is the bold part
                start = star + 1
                while start < end and norm[start] in " \t":
                    start += 1
            inner = norm.find("*", core, end)
            if inner >= 0:  # **第一**名: the bold part ends the span
                end = inner
                while end > start and norm[end - 1] in " \t":
                    end -= 1
            if m.group("ordw") and not m.group("osuf") and norm.startswith(self.city_suffix, end):
                end += len(self.city_suffix)  # 第一城: the ranked noun stays in the span
                attrs["scope"] = attrs["scope"] or self.city_scope
            elif m.group("ordw") and norm[end - 1:end] == "大" and self.province_suffix and norm.startswith(
                    self.province_suffix, end) and norm[end + len(self.province_suffix):][:1] not in _PROVINCE_WORDS:
                end += len(self.province_suffix)  # 经济第一大省: the ranked noun stays in the span, as 第一城's
                attrs["scope"] = attrs["scope"] or self.province_scope
            elif m.group("ordw") and not m.group("osuf"):
                end += self._epithet(norm, end)  # 第一人: the ranked noun stays in the span (ranks.json ordinal_epithets)
            if m.group("word") == "榜首" and norm[end:end + 1] == "位" and norm.endswith("排行", 0, start):
                start, end = start + 1, end + 1  # 排行榜首位: 榜 ends 排行榜, the rank is 首位 (session 55, with 倒数第一位 and
                # 第一人: cross-fitted RANK 465/22/12 -> 468/19/9)
            if out and start < out[-1].end:
                continue  # the second end of a range just joined (第7至第10名)
            if "rank" in attrs and "to" not in attrs and norm[core:core + 1] == "第":
                r = self.ord_range.match(norm, end)
                to = self._int(r.group("a") or r.group("b")) if r else None
                if to is not None and to > attrs.get("rank", 0):  # 第4至10位: ranks 4 to 10
                    end, attrs = r.end(), {**attrs, "to": to}
            out.append(doc.entity("RANK", start, end, attrs, source="rules"))
            if "rank" in attrs and "to" not in attrs and (m.group("ordw") or m.group("bare") or m.group("blist")):
                out.extend(self._coordinated(doc, end, attrs["rank"]))
        return out

    def _coordinated(self, doc, end: int, rank: int) -> list:
        """The ranks written without 第 that are joined after an ordinal ending at ``end`` (第11及18, 二、三位), in
        order, each higher than the one before; they take no scope of their own (a later 第N, as in 第四和第五, is
        matched on its own, with its suffix and scope)."""
        out = []
        while True:
            n = self.next_rank.match(doc.norm, end)
            nxt = self._int(n.group("num")) if n else None
            if nxt is None or nxt <= rank:
                return out
            out.append(doc.entity("RANK", n.start("n"), n.end("n"), {"rank": nxt, "scope": None}, source="rules"))
            end, rank = n.end("n"), nxt

    def _epithet(self, norm: str, end: int) -> int:
        """The length of an ``ordinal_epithets`` noun right after a bare ordinal ending at ``end`` (0 when none);
        a noun marked "end" counts only before punctuation or the end of the text."""
        for w, cond in self.ordinal_epithets.items():
            if norm.startswith(w, end) and (cond != "end" or not _CJK_OR_WORD.match(norm, end + len(w))):
                return len(w)
        return 0

    def _scope_in_clause(self, norm: str, start: int) -> Optional[str]:
        """The last broad scope word (``scope_in_clause``) in the ``window`` characters before ``start``, after
        the last clause mark there; None when there is none."""
        lo = max(0, start - self.scope_window)
        cut = max(norm.rfind(c, lo, start) for c in _CLAUSE_MARKS)
        last = None
        for last in self.scope_in_clause.finditer(norm, max(lo, cut + 1), start):
            pass
        return self.scope_norm.get(last.group(0), last.group(0)) if last else None

    def _int(self, s: str) -> Optional[int]:
        v = self.num.parse(s)
        if v is None or v != int(v) or v <= 0:
            return None
        return int(v)

    def _attrs(self, m) -> Optional[dict]:
        g = m.group
        a = {}
        if g("word"):
            a["rank"] = int(self.words[g("word")])
        elif g("ordw"):
            n = self._int(g("ord"))
            if n is None:
                return None
            a["rank"] = -n if g("rev") else n
        elif g("topw"):
            n = self._int(g("top"))
            if n is None:
                return None
            a["top"] = n
            if g("tsuf") and self.top_suffixes.get(g("tsuf")) == "percent":
                a["percent"] = True
        elif g("latin"):
            a["top"] = self._int(g("ltop"))
        elif g("strong"):
            a["top"] = self._int(g("snum"))
            if a["top"] is not None and a["top"] < self.strong_min:
                return None  # 这一强大, 两强争霸: words, not a top 1 or 2
        elif g("big"):
            a["top"] = self._int(g("bnum"))
            if a["top"] is not None and a["top"] < self.big_min:
                return None  # 4大行业: four major sectors, a count
        elif g("cbig"):
            a["top"] = self._int(g("cnum"))
            if a["top"] is not None and a["top"] < self.big_cn_min:
                return None  # 三大客户: the three major ones, a count
        elif g("no"):
            a["rank"] = self._int(g("nonum"))
        elif g("ju"):
            a["rank"] = 1
        elif g("zhi"):
            a["rank"] = int(self.after_zhi[g("zhi")])
        elif g("bare"):
            a["rank"] = self._int(g("bnum2"))
        elif g("brange") or g("badj"):  # 排在6到10位, 位居三四位: ranks 6 to 10, 3 to 4
            lo, hi = (self._int(g("br1")), self._int(g("br2"))) if g("brange") else (self._int(g("ba1")), self._int(g("ba2")))
            if lo is None or hi is None or hi <= lo or (g("badj") and hi != lo + 1):
                return None
            a["rank"], a["to"] = lo, hi
        elif g("blist"):
            a["rank"] = self._int(g("blist"))
        elif g("jia"):
            a["top"] = 3
        elif g("headw"):
            a["top"] = self._int(g("hnum"))
        elif g("nrank"):
            a["rank"] = int(g("nnum"))
        elif g("prank"):
            a["rank"] = int(g("pnum"))
        if None in a.values():
            return None
        scope = g("scope")
        if scope:  # stacked scopes (全国城市首位): the broadest, first one is the scope
            scope = _GAPS.sub("", scope)
            scope = next((w for w in sorted(self.scopes, key=len, reverse=True) if scope.startswith(w)), scope)
        a["scope"] = self.scope_norm.get(scope, scope) if scope else None
        return a


_CLAUSE_MARKS = "，,。；;：:！!？?\n"
_GAPS = re.compile("[" + re.escape(GAP_CHARS) + "]")  # spaces and markdown bold between a scope and its rank
_ENUM_AFTER = "，,、：:是"
_CJK_OR_WORD = re.compile(r"[\w]")  # a character of a word: letters, digits and CJK (not punctuation)
_PROVINCE_WORDS = set("份会级钱力心事")  # 第一大省份, 省会, 省级: 省 starts a word of its own
# 第N位 before a word counts a person (首位外部董事), unless the word is 的, a verb of the rank or a change of place
# (排名从第17位下滑至32位, 从全球第89位上升到全球第6位)
_PERSON_AFTER_WEI = re.compile(r"(?![的是为為于於居列分及和与與并並也至到]|下滑|下降|下跌|上升|上涨|提升|跃升|攀升|升至|降至|滑落|跌至"
                               r"|跌落|回落|升到|降到)[\u4e00-\u9fffA-Za-z0-9]")
_ENUM_OPENERS = _CLAUSE_MARKS.replace("，", "").replace(",", "")  # what may stand before a clause-opening ordinal


def _enumerates(norm: str, start: int, end: int) -> bool:
    """An ordinal that opens its clause and is followed by a comma, colon, 是 or 最 counts off the points of an
    argument (如下：第一，…；第二，…; 第一最，…), it ranks nothing: 0 of 6 such ordinals are RANKs in the news gold.
    So does one after a comma followed by 是 (源于三个层面，第一是…; with the above, 1 of 48 clause-opening ordinals
    followed by 是, a comma or 最 is a RANK in the news train, extension and dev gold; training documents RANK false
    50 -> 45, none right lost, 2026-12-05)."""
    i = start
    while i > 0 and norm[i - 1] in " \t\u3000":
        i -= 1
    after = norm[end:end + 1]
    if after == "":
        return False
    if i == 0 or norm[i - 1] in _ENUM_OPENERS:
        return after in _ENUM_AFTER or after == "最"  # (\n\n第一最，行业迄今最大…: the first of the "most"s)
    return norm[i - 1] in "，," and after == "是"  # 源于三个层面，第一是市场…


_TITLE = {"「": "」", "《": "》", "“": "”"}


def _in_title(norm: str, start: int, end: int, reach: int = 20) -> bool:
    """Whether ``norm[start:end]`` stands inside a quoted title: an opening 「《“ at most ``reach`` characters before
    it and its closing mark at most ``reach`` after it, with neither closed in between."""
    before = norm[max(0, start - reach):start]
    for i in range(len(before) - 1, -1, -1):
        c = before[i]
        if c in _TITLE.values() or c == "\n":
            return False
        if c in _TITLE:
            close = norm.find(_TITLE[c], end, end + reach)
            return close >= 0 and "\n" not in norm[end:close]
    return False


@lru_cache(maxsize=1)
def default_recognizer() -> RankRecognizer:
    return RankRecognizer()


def find_ranks(doc) -> List:
    """RANK entities in ``doc`` (reads ``doc.norm``); ``[]`` when none."""
    return default_recognizer().find(doc)
