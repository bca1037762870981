"""FIGURE recognizer: a number with its unit, normalized to value / unit / qualifier (SCHEMA §2).

One precompiled regular expression runs over ``doc.norm`` (simplified,
half-width, same length as ``doc.text``); each match is then checked and
normalized in a few lines of Python. The language knowledge (numerals, units,
qualifier words, currencies) comes from ``extract/data/rules/``.

Decisions (see the guideline section in the module docs of
:mod:`extract.stages.recognizers`):

* qualifiers that change the meaning are inside the span (超15亿元, 800余家,
  70%以上, 2.5倍左右); emphasis words (高达, 多达, 之多) are outside, qualifier exact;
* ``5000+人`` is ``more_than`` 5000 (like 5000多人);
* vague amounts: 数亿元 → min 2e8, max 9e8; 上千家 → 1000..9000; value = min;
* 亿元级 / 十亿元级 / 千公里级 / 10兆量级 are ``approx`` at the named magnitude;
* a bare 4-digit year 19xx/20xx + 年 (also 2025—2027年) is left to the DATE
  recognizer; 近N年 / 近N个月 is a DATE (a period ending now) unless a duration
  verb (成立, 历时, 平均 …) comes right before it;
* 一 + measure word (一家企业, 一个) is an article and no FIGURE, unless 仅/只
  comes right before (仅一家) or it ends its clause (深圳一家。); 一倍, 一成, 一个百分点 are FIGUREs;
* an amount with 亿/兆 and no unit is money (unit 元); with 万 only when a money
  word (市值, 融资, 元 …) stands within 12 characters before it;
* a range is one FIGURE (3亿至5亿元, and 1000元到1999元 with the unit at both ends); a "range" whose
  ends do not make one (增长9.8%至12亿元: a change and the amount reached) is two FIGUREs;
* in traditional-script text a bare 1xx年 (114年產值) is a 民国 year, a DATE, not a duration;
* a second, smaller magnitude adds to the first (2兆2500亿元, 42亿2657万令吉, 11万5千件);
* 最多/至多/最高/上看 N are less_than (at most), 破N more_than (not 打破3项); 多 right after the unit
  (3年多, 一倍多) is more_than;
* a currency named before the amount is the unit (逾新台币15亿元 → 新台币; 人民币2.53亿 → 元);
* markdown bold markers and PDF spaces/line breaks inside an expression are
  kept inside the span (it must be contiguous), never at its edges.
"""
from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from typing import List, Optional

from extract.stages.recognizers._data import GAP, GAP_CHARS, alternation, char_class, gated, load_rules
from extract.stages.recognizers.numerals import ARABIC, Numerals, as_number

_STRIP = re.compile("[" + re.escape(GAP_CHARS) + "]")
# a bracketed aside between the two ends of a range: 26.386亿元（人民币，下同）至27.485亿元
_ASIDE_IN_GAP = re.compile(r"^\s*[（(][^（()）]{1,12}[)）]")
# a qualifier prefix that is the end of a word when one of these stands before it: 打破, 击破 …; 最近, 附近, 亲近, 邻近;
# 跌破770元/吨, 升破3000点: the price crosses a level (news gold: the figure starts after the verb at 9 of 9 such verbs)
# 签约5000辆, 预约…: 约 ends the word (news gold: the figure starts after 签约 at 3 of 3)
_WORD_BEFORE = {"破": frozenset("打击攻冲爆残突跌升"), "近": frozenset("最附亲邻"), "约": frozenset("签预合节条制")}
# 成交过百亿, 销售额过亿, 营收过亿: 过 qualifies an amount (more_than) only right after what it measures; after a verb it
# is part of the verb (通过, 经过, 不过, 见过, 迈过). News gold: 7 of 7 figures after these ends keep 过, none after a verb
_PREFIX_ONLY_AFTER = {"过": frozenset("额收率交量值模数有")}
# 售价7万起, 指导价10.28万元起: a price from an amount on (FigureRecognizer._prices_from)
_FROM_AFTER = re.compile(r"起(?=[价售步]|[\s，。、；;,.!！?？>）)]|$)")
_PRICE_BEFORE = re.compile(r"(?:售价|价格|定价|指导价|入门价|售|价|折实|低至|降至)[^，。；;,]{0,6}$")
# 超过19.1%的市场预期: the amount is the expectation a result is compared with (FigureRecognizer._compared_expectations)
_EXPECTATION_AFTER = re.compile(r"的(?:市场|分析师|华尔街|机构)?(?:一致)?(?:预期|预测|预估)")
# 。 or 元/人民币/RMB between two amounts: the later one does not take the earlier one's currency (_carried_currency)
_CURRENCY_BREAK = re.compile(r"[。；;！？!?\n]|元|人民币|RMB")
_MAGNITUDE_BEFORE_FROM = frozenset("万亿")  # (a set: a character is tested, never a substring)
# (美元、下同), （新加坡元‧下同）, (下同): a currency declared for the rest of the text (FigureRecognizer._declared_currency)
_SAME_BELOW = re.compile(r"[（(]\s*(?:(?P<cur>[^（）()，,、‧·・\s]{1,6}?)\s*[，,、‧·・]?\s*)?(?:以下同|下同)\s*[）)]")
_NAMES_RMB = re.compile(r"人民币|RMB|rmb")
_GE, _GE_UNITS = "个", ("个百分点", "个基点")  # 0.6个和0.2个百分点 (see FigureRecognizer._share_units)
_COORD = ("、", "和", "及", "与", "或", ",", "，", "以及")
_COORD_AND = ("、", "和", "及", "与", "以及")  # (a qualifier is shared across these only)
_SHARED_QUALIFIERS = ("approx", "more_than", "less_than", "at_least")
# a bare 民国 year (114年), as the DATE recognizer reads it
_YEAR_LIST_BEFORE = re.compile(r"(?<![\d.])(?:[23]\d/)+\Z")  # the year before in 25/26年 (searched up to the figure)
_ROC_YEAR = re.compile(r"(?<![\d.])1[01]\d年(?!代|前|来|以来|间|内|多|历史)")


_MODEL_BEFORE = re.compile(r"[A-Za-z] ?$")  # iPhone 16+: a model name, not a count
_CLOCK_BEFORE = ("点", "时", ":", "：")  # before the minutes of a time of day (10点30分; norm is simplified)
_INDEX_POINTS = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?点(?=[后前半多钟])")
_HALF_YEAR = re.compile(gated(r"(?P<cue>过了|不到|时隔|短短|上市|才|仅|用了|历时|耗时|长达|经过|为期|由)?(?<![上下前后今去明近每])"
                        r"(?P<half>半年)(?![报度前后内])(?P<time>的?时间)?"))
# 連升3日, 连续两日, 連三日: a streak counts days (the news gold: 26 of 26 such spans are FIGUREs, value N, unit 日)
STREAK_DAYS = re.compile(r"连(?:续|升|跌|涨|降|增|减|跌了|涨了|升了)?(?P<n>[0-9]{1,3}|[一二三四五六七八九十两]{1,3})日")
# 连续两季度, 連十季, 連續四季, 连续三月: a streak of quarters or months with no 个 (a quarter or a month of the year
# otherwise): news train, extension and dev gold 18 of 18 counts after 连续/連 in 季度/季/月 are FIGUREs, the 5 without
# 个 were missed (unit as written; session 51)
STREAK_PERIODS = re.compile(r"(?:连续|连)(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})(?P<u>季度|季|月)(?![份底末初度中])")
# 2房間隔, 屬兩房間隔: a flat's layout, its count of bedrooms, is a FIGURE (unit 房): news train, extension and dev gold
# 5 of 6 such counts right before 間隔 are FIGUREs (3 documents), none found before; 房 elsewhere (兩房戶, 又一房企) is
# left alone (gold 1 of 13 there)
ROOM_LAYOUT = re.compile(r"(?<![\d.])(?P<n>[1-9]|[一二三四五两])房(?=[ \t]*间隔)")
# 成立12年来, 上市24年以来: a firm's age counted up to now is a duration FIGURE (unit 年), not the window DATE of 七年来
# (the DATE recognizer skips a count after these words: dates._COUNT_SINCE_NOT_AFTER): news train, extension and dev gold
# 4 of 4 such counts before (以)来 are FIGUREs (3 documents; 七年多来 was read, the 3 others missed; session 53)
AGE_SINCE = re.compile(r"(?:成立|上市|创立|创办|建立)(?P<n>[0-9]{1,3}|[一二三四五六七八九十两]{1,3})年(?=以来|来(?![自看说源往到临回电]))")
_HALF_NOT_BEFORE = set("年导价岛数径场身")  # 2年半导体, 2024年半年报: 半 starts another word
_LEADING_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# a bare number and its separator right before a position (…74.66、|71.00、|): the number may carry a sign
_LISTED_BEFORE = re.compile(r"(?<![\d.,])(?P<sign>[+\-−]?)(?P<n>\d[\d,]*(?:\.\d+)?)(?P<mag>[万亿])?\s*(?:、|和|及|与|/)\s*"
                            r"(?:[+\-−]\s*)?\Z")


def _fraction_percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """A fraction in words (三分之一, 三分之二) as a percentage, to two decimal places where it does not end sooner
    (33.33, 66.67; 四分之一 25 and 四十分之一 2.5 as they are): news train, extension and dev gold write 11 of 11 such
    non-terminating values so (三分之一 33.33 at 10 of 10). A fraction in digits (1/3) is left unrounded: the seed
    gold writes 1/3 as 33.333333333333336 (news gold rounds 3 of its 5). Cross-fitted FIGURE value accuracy
    10080 -> 10090 of 10099, news dev + select 1310 -> 1311 of 1311, every other figure identical."""
    value = numerator / denominator * 100
    rounded = value.quantize(Decimal("0.01"))
    return rounded if rounded != value else value


def _overlaps(figs: list, starts: list, s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps a figure of ``figs`` (sorted, not overlapping each other; ``starts`` their starts):
    only the last one starting before ``e`` can (their ends rise with their starts)."""
    k = bisect.bisect_left(starts, e) - 1
    return k >= 0 and figs[k].end > s

class FigureRecognizer:
    """Finds FIGURE entities. Build once (compiles the patterns), call on many documents."""

    def __init__(self, rules_dir=None, numerals: Optional[Numerals] = None):
        self.num = numerals or Numerals(rules_dir)
        units = load_rules("units", rules_dir)
        quals = load_rules("qualifiers", rules_dir)
        self.currencies = units["currencies"]
        self._currency_units = frozenset(self.currencies.values())
        self.symbols = units.get("currency_symbols", {})  # HK$ → 港元 (before the amount only)
        self.dollar_traditional = units.get("dollar_in_traditional", self.symbols.get("$"))
        self.cents = units.get("cents", {})  # 1仙 = 0.01 港元
        self.percent = units["percent"]
        self.multiple = set(units["multiple"])
        self.measure = set(units["measure_words"])
        self.year_unit = units["year_unit"]
        self.per_unit = re.compile(rf"[ \t]*每[ \t\n]*({alternation(units['per_units'])})(?![^\W\d_a-zA-Z和及与的以左至或、])")
        # after a slash the denominator is a unit whatever follows (18元/股附近, 500万吨/年氯化钾), unless the two make
        # a word (元/股东: unit_not_before) or a Latin denominator runs on (元/kgs); after 每 only before a mark or
        # a function word (0.55元每度 but not 5元每年度)
        per_nb = units["unit_not_before"]
        self.per_slash = re.compile("[ \t]*/[ \t\n]*(" + "|".join(
            re.escape(u) + (f"(?!{alternation(per_nb[u])})" if u in per_nb else "")
            + ("(?![A-Za-z])" if u[-1:].isascii() else "")
            for u in sorted(units["per_units"] + units.get("per_units_after_slash", []), key=lambda w: (-len(w), w))) + ")")
        pb = units.get("per_before", {"words": {}, "verbs": []})
        self.per_before = pb["words"]
        self._per_before = re.compile(rf"每[ \t]*({alternation(pb['words'])})[ \t]*(?:{alternation(pb['verbs'])})?[ \t]*\Z") \
            if pb["words"] else None
        self.per_bases = self.measure | (self._currency_units if units.get("per_after_currency") else frozenset())
        self.measure_aliases = units.get("measure_aliases", {})
        self.tenth_like = set(units.get("tenth_like", []))
        # 144.5wt: a Latin unit carrying a magnitude (wt = 万吨 → 1445000 吨); CF FIGURE 0.9704 -> 0.9706, +3 right (session 56)
        self.measure_scaled = {u: (w, Decimal(str(k))) for u, (w, k) in units.get("measure_scaled", {}).items()}
        self.money_cues = re.compile(alternation(units["money_cues"]))
        self.money_window = int(units["money_cue_window"])
        mca = units.get("money_cues_after")
        self.money_cues_after = re.compile(mca["pattern"]) if mca else None
        self.duration_cues = tuple(units["duration_cues"])
        # a two-digit number of years that is a duration, not a year: the words before it and the character after it
        two = units["two_digit_year_duration"]
        self.year_duration_before = self.duration_cues + tuple(two["before"])
        self.year_duration_after = frozenset(two["after"])
        self.idioms = re.compile(alternation(units["idioms"]))
        self.prefix = quals["prefix"]
        self.infix = quals["infix"]
        self.suffix = quals["suffix"]
        self.more_after_unit = quals["suffix_after_unit_more"]  # 3年多, 一倍多
        self.precedence = {c: i for i, c in enumerate(quals["precedence"])}
        self.bare_magnitude = frozenset(quals["bare_magnitude"]["chars"])  # 千亿, 百万: approx
        bv = quals.get("before_verb", {"words": {}, "verbs": []})  # 恒指最多漲406點 (_verb_qualifiers)
        self.before_verb = bv["words"]
        self._before_verb = re.compile(rf"({alternation(bv['words'])})(?:{alternation(bv['verbs'])}){{1,2}}[ \t]?\Z") \
            if bv["words"] else None
        bg = quals.get("before_gap", {"words": {}, "max_gap": 0})  # 约占总收入的 80%, 不超过…总资产的1%
        self.before_gap = bg["words"]
        self._before_gap = re.compile(rf"({alternation(bg['words'])})[^，。；;,.、！？!?\n\d（）()“”\"%]{{0,{int(bg['max_gap'])}}}\Z") \
            if bg["words"] else None
        cb = quals.get("cap_before", {"words": {}, "verbs": [], "max_gap": 0})  # 最高募资1.59亿美元, 上限为50亿元
        self.cap_before = cb["words"]
        self._cap_before = re.compile(rf"({alternation(cb['words'])})(?:(?!仅)[^，。；;,.、！？!?\n\d（）()“”\"%]){{0,{int(cb['max_gap'])}}}"
                                      rf"(?:{alternation(cb['verbs'])})[ \t]?\Z") if cb["words"] else None
        self.right_before = quals.get("right_before", {}).get("words", {})  # 票房超过了1亿元
        self._suffix_after = re.compile(rf"[ \t]*({alternation(self.suffix)})")
        self._prefix_lengths = sorted({len(w) for w in self.prefix}, reverse=True)
        self.last_n_prefixes = ("近", "接近", "将近")
        self.last_n_units = ("年", "个月")
        self.article_after = tuple(self.num.data["article_counted_after"])
        self.article_rank_after = tuple(self.num.data["article_counted_rank_after"])  # 上升一位: a rank move
        self.article_end_units = tuple(self.num.data.get("article_counted_end_units", ()))  # 深圳一家。: counted
        self.article_end_marks = self.num.data.get("article_counted_end_marks", "")
        self.article_end_not_after = self.num.data.get("article_not_counted_end_before", "")
        self.header_marks = set(units["unit_header_marks"])
        n = self.num
        G = GAP
        NUM = rf"(?!0\d)(?:{ARABIC}|{n.cdec}|{n.cnum})"  # 01, 09660: headings and codes, not quantities
        mag = char_class(list(n.small) + list(n.big))
        mega = alternation(units["mega_si_after_zhao"])
        MAG = rf"(?:(?!兆(?:{mega}))(?!千(?:克|米|瓦|升))[{mag}])+"  # 35千克, 65万千升: kilo-units, not a thousand 克 or 升
        all_units = (list(self.currencies) + list(self.cents) + list(self.percent) + list(self.multiple) + list(self.measure)
                     + list(units.get("tenth_like", [])) + list(units.get("measure_scaled", {})))
        nb = units["unit_not_before"]
        unit_alts = []
        for u in sorted(set(all_units), key=lambda w: (-len(w), w)):
            if u in nb:
                unit_alts.append(f"{re.escape(u)}(?!{alternation(nb[u])})")
            else:
                unit_alts.append(re.escape(u))
        UNIT = "|".join(unit_alts)
        tenth = re.escape(n.tenth)
        tenth_nb = alternation(n.data["tenth_not_before"])
        self._tenth_nb = tuple(n.data["tenth_not_before"])
        self.range_seps = set(quals["range_separators"])
        seps = alternation(quals["range_separators"])
        cn = n.cn_chars
        # every match starts with one of these characters: a cheap test before the big pattern
        firsts = ([w[0] for w in list(quals["emphasis"]) + list(self.prefix) + list(n.fraction_words)
                   + list(n.vague) + units["currency_names_around_amount"] + [n.percent_prefix]]
                  + list(n.digits) + list(n.small) + list(n.big_cn) + list("0123456789") + [w[0] for w in self.symbols])
        range_part = rf"(?:{G}(?P<rsep>{seps}){G}(?P<n2>{NUM}))?"
        template = rf"""
            (?=[{char_class(firsts)}])
            (?:(?P<emph>{alternation(quals['emphasis'])}){G})?
            (?:(?P<pre>{alternation(self.prefix)}){G})?
            (?:(?P<cur>{alternation(units['currency_names_around_amount'])}){G}|(?<![A-Za-z])(?P<sym>{alternation(self.symbols) if self.symbols else "(?!)"})[ ]?)?
            (?:
                (?P<fw>{alternation(n.fraction_words)})
              | (?P<pctw>{re.escape(n.percent_prefix)}{G}(?P<pct>{NUM}))
              | (?P<fracw>(?<![{cn}])(?P<fden>{n.cnum}){re.escape(n.fraction_infix)}(?P<fnum>{n.cnum}))
              | (?P<slash>(?<![\d/.])(?P<sa>[1-9])[ ]?/[ ]?(?P<sb>[1-9]\d?)(?![\d/.]))
              | (?<![{cn}])(?P<vq>{alternation(n.vague)})(?P<vm>(?<=上)[{mag}]+|(?<!上)[{mag}]*)
              | (?<![A-Za-z0-9.第前首几{cn}])(?P<n1>{NUM})(?:{G}(?P<m1>{MAG})(?:(?P<n1b>\d{{1,3}}(?:,\d{{3}})+|\d+|[{n.cn_chars}]+)(?P<m1b>{MAG}))?)?(?P<u1>%)?
                RANGE_PART
            )
            (?:{G}(?P<mid>{alternation(self.infix)}))?
            (?:{G}(?P<mag2>{MAG}))?
            (?:{G}(?P<unit>{UNIT}|{tenth}(?!{tenth_nb})|(?<=\d){tenth}(?=为)))?
            (?P<cur2>{alternation(units['currency_names_around_amount'])})?
            (?:{G}(?P<post>{alternation(self.suffix)}|{re.escape(self.more_after_unit)}(?=[^\w]|$|时间|的|了|来|前|后)))?
            # no unit, %, magnitude or qualifier after a bare number: not a figure (fail fast)
            # (a currency sign makes a bare number money: $118)
            # (but a bare count with + before a word is one: 1000+核心车控, 870+行业内领先的企业)
            (?(sym)|(?(unit)|(?(u1)|(?(post)|(?(mag2)|(?(m1)|(?(mid)(?<=\+)(?=[\u4e00-\u9fff])|(?(n1)(?!)))))))))
            (?(vq)(?(unit)|(?<![{alternation(n.vague)}])))
        """
        self.pattern = re.compile(template.replace("RANGE_PART", range_part), re.VERBOSE)
        # the same without ranges: a "range" whose two ends do not make one (增长9.8%至1,843亿美元: a
        # change and the amount it reaches) is read again from its start as a single figure
        self.single = re.compile(template.replace("RANGE_PART", ""), re.VERBOSE)
        self.pair_not_units = ("月", "位", "名", "季")  # 六七月, 三四位: a month, a rank, not a range figure
        self._head_groups = ("pre", "cur", "sym", "fw", "pctw", "fracw", "slash", "vq", "n1")

    # ----------------------------------------------------------------- public
    def __call__(self, doc) -> list:
        return self.find(doc)

    def find(self, doc) -> list:
        norm = doc.norm
        out = []
        pos = 0
        search = self.pattern.search
        roc_years = getattr(doc, "script", "") == "traditional"
        dollar = self.dollar_traditional if roc_years else self.symbols.get("$")
        while True:
            m = search(norm, pos)
            if m is None:
                break
            pos = m.end() if m.end() > m.start() else m.start() + 1
            res = self._normalize(m, norm, dollar)
            if res is None and m.group("rsep"):
                m = self.single.match(norm, m.start())
                if m is not None and m.end() > m.start():
                    pos = m.end()
                    res = self._normalize(m, norm, dollar)
            if res is None:
                continue
            start, attrs = res
            if norm[start - 1:start] in _WORD_BEFORE.get(m.group("pre"), ()) or (
                    m.group("pre") in _PREFIX_ONLY_AFTER and norm[start - 1:start] not in _PREFIX_ONLY_AFTER[m.group("pre")]):
                # 打破3项纪录, 最近一轮: the prefix ends the word before it; the figure starts after the spaces that
                # follow it (不过 27 岁, 跌破 1 美元: news gold 3 of 3 such FIGUREs start at the number, none found before),
                # unless a line break stands before the prefix (超\n过 100 家: a PDF line inside 超过, no verb before 过)
                after = m.end("pre")
                while norm[start - 1:start] not in GAP_CHARS and norm[after:after + 1] in (" ", "\t", "\u00a0"):
                    after += 1
                m = self.pattern.match(norm, after)
                res = self._normalize(m, norm, dollar) if m is not None else None
                if res is None:
                    continue
                pos = max(pos, m.end())
                start, attrs = res
            start, end = _bold_core(norm, start, m.end())
            if roc_years and end - start == 4 and _ROC_YEAR.match(norm, start):
                continue  # 114年產值: a 民国 year in Taiwan news, left to the DATE recognizer
            if attrs["unit"] == "分" and (norm[start - 1:start] in _CLOCK_BEFORE
                                          or not any(c.isdigit() for c in norm[start:end])):
                continue  # 10点30分: the minutes of a time of day; 十分重要: "very"; a score is written in digits
            per = None
            if attrs["unit"] in self.per_bases:
                per = self.per_slash.match(norm, end) or self.per_unit.match(norm, end)
            if per:  # 24.08 件 / 家, 124.7 件 / 千人: a rate, the denominator is part of the unit
                attrs["unit"] = f"{attrs['unit']}/{per.group(1)}"
                end = per.end()
                pos = max(pos, end)
            out.append(doc.entity("FIGURE", start, end, attrs, source="rules"))
        for step in (self._tenth_tails, self._halves, self._half_years, self._streak_days, self._index_points, self._join_ranges,
                     self._share_units, self._listed_numbers, self._adjacent_ranges, self._declared_currency, self._carried_currency,
                     self._per_before_price,
                     self._prices_from,
                     self._verb_qualifiers,
                     self._compared_expectations):
            out = step(doc, out)  # each reads the figures the steps before it left
        return out

    def _tenth_tails(self, doc, figs: list) -> list:
        """A tenths FIGURE (N成) takes in what finishes it: 一成半 (15 %), 一成一 / 1成5 (11 %, 15 %: a tenth and its
        hundredths), 九成多 / 七成几 (more than 90 %, 70 %); with 3成为 (a digit before 成为: 3 tenths) and 半成 (5 %,
        numerals.json) and the tenth ranges of _range_of (逾九成至十成, 九成多至十成): news train, extension and dev gold
        10 of 10 such shapes (the FIGURE spans 一成半至兩成, 七成幾, 3成). Cross-fitted FIGURE 0.9690 -> 0.9699
        (10123/279/369 -> 10134/270/358), news dev + select and the seeds unchanged (session 56)."""
        norm = doc.norm
        out = []
        for f in figs:
            a = f.attrs
            e = f.end
            if (a.get("unit") != "%" or a.get("qualifier") == "range" or norm[e - 1:e] != self.num.tenth
                    or a.get("value") is None):
                out.append(f)
                continue
            nxt, after = norm[e:e + 1], norm[e + 1:e + 2]
            add, qual = None, a["qualifier"]
            if nxt == "半" and after not in _HALF_NOT_BEFORE:
                add = 5
            elif nxt and nxt in "123456789一二三四五六七八九" and not (after.isdigit() or after in self.num.cn_chars
                                                                      or after in "%.成" or "\u4e00" <= after <= "\u9fff"
                                                                      and after not in "的至到"):
                add = int(nxt) if nxt.isdigit() else self.num.parse_chinese(nxt)
            elif nxt in ("多", "几") and after not in ("数", "种", "样"):
                add, qual = 0, "more_than"
            if add is None:
                out.append(f)
                continue
            attrs = dict(a, value=as_number(Decimal(str(a["value"])) + add), qualifier=qual)
            out.append(doc.entity("FIGURE", f.start, e + 1, attrs, source="rules"))
        return out

    def _streak_days(self, doc, figs: list) -> list:
        """``連升3日``, ``连续两日``: the days of a streak are a duration FIGURE (unit 日), where the DATE recognizer
        would read a day of the month (the rules component drops that DATE: :data:`STREAK_DAYS`)."""
        extra = []
        starts = [f.start for f in figs]
        # the days of a streak, a flat's rooms (2房間隔: :data:`ROOM_LAYOUT`) and a streak's periods (连续两季度, 連續四季,
        # 连续三月: :data:`STREAK_PERIODS`, the unit its own)
        # a firm's age up to now (成立12年来: :data:`AGE_SINCE`)
        for pattern, unit in ((STREAK_DAYS, "日"), (ROOM_LAYOUT, "房"), (STREAK_PERIODS, None), (AGE_SINCE, "年")):
            for m in pattern.finditer(doc.norm):
                s, e = m.start("n"), m.end()
                value = self.num.parse(m.group("n"))
                if value is None or _overlaps(figs, starts, s, e):
                    continue
                extra.append(doc.entity("FIGURE", s, e, {"value": value, "unit": unit or m.group("u"),
                                                         "qualifier": "exact", "norm": doc.norm[s:e]}, source="rules"))
        return sorted(figs + extra, key=lambda e: e.start) if extra else figs

    def _half_years(self, doc, figs: list) -> list:
        """``过了半年``, ``时隔半年``, ``不到半年``, ``短短半年时间``: 半年 as a duration (0.5 年) after a word that measures
        time or before 时间. Elsewhere it is a period (半年营收, 截至9月30日的半年) or a DATE (半年前). In the news gold
        9 of 20 bare 半年 are duration FIGUREs; these cues find 8 of them and none of the others (2026-12-05)."""
        extra = []
        starts = [f.start for f in figs]
        for m in _HALF_YEAR.finditer(doc.norm):
            cue = m.group("cue")
            if cue is None and m.group("time") is None:
                continue
            s = m.start("cue") if cue in self.prefix else m.start("half")
            if _overlaps(figs, starts, s, m.end("half")):
                continue
            qual = self.prefix[cue] if cue in self.prefix else "exact"
            extra.append(doc.entity("FIGURE", s, m.end("half"), {"value": 0.5, "unit": "年", "qualifier": qual,
                                                                  "norm": doc.norm[s:m.end("half")]}, source="rules"))
        return sorted(figs + extra, key=lambda e: e.start) if extra else figs

    def _halves(self, doc, figs: list) -> list:
        """``四年半``, ``约一个半月``, ``一个半小时``: a half after a duration adds 0.5 to it (unit 年, 个月, 小时), and a
        qualifier after the half is read (4年半左右). Not before 年/导/价… (2年半导体: the 半 of another word).
        The news gold has 11 such durations, every one a FIGURE of this shape (2026-12-05)."""
        norm = doc.norm
        out = []
        for f in figs:
            a = f.attrs
            value, unit = a.get("value"), a.get("unit")
            if a.get("qualifier") not in ("exact", "approx") or not isinstance(value, (int, float)) \
                    or isinstance(value, bool):
                out.append(f)
                continue
            end = f.end
            if unit == "年" and norm[end:end + 1] == "半" and norm[end + 1:end + 2] not in _HALF_NOT_BEFORE:
                end += 1
            elif unit == _GE and norm.startswith(("半月", "半小时"), end):
                unit = "个月" if norm[end + 1] == "月" else "小时"
                end += 2 if unit == "个月" else 3
            if end == f.end:
                out.append(f)
                continue
            attrs = {**a, "value": value + 0.5, "unit": unit}
            m = self._suffix_after.match(norm, end)
            if m:
                end, attrs["qualifier"] = m.end(), self.suffix[m.group(1)]
            attrs["norm"] = norm[f.start:end]
            out.append(doc.entity("FIGURE", f.start, end, attrs, source=f.source))
        return out

    @staticmethod
    def _index_points(doc, figs: list) -> list:
        """``21622.65点后最高``, ``高开134点后``: a number with decimals or above 24 before 点 is an index level even where
        后/前/半/多 follow (which make 3点后 a time of day: units.json unit_not_before). In the news train, extension and
        dev gold 12 of 12 such are FIGUREs, and none of the 2 small ones (12点半)."""
        extra = []
        starts = [f.start for f in figs]
        for m in _INDEX_POINTS.finditer(doc.norm):
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            if m.group(2) is None and value <= 24:
                continue
            if _overlaps(figs, starts, m.start(), m.end()):
                continue
            value = int(value) if value.is_integer() else value
            extra.append(doc.entity("FIGURE", m.start(), m.end(), {"value": value, "unit": "点", "qualifier": "exact"},
                                    source="rules"))
        return sorted(figs + extra, key=lambda e: e.start) if extra else figs

    def _listed_numbers(self, doc, figs: list) -> list:
        """``74.66、71.00、68.52、68.15美元/桶``, ``12.25和12.44万亿元``, ``2.19/2.78/3.51亿元``: bare numbers listed right
        before a figure take its unit and magnitude, each a FIGURE of its own (GUIDELINES: every figure of a list is one).
        Only before an exact figure whose number starts its span, never after 第 (第1、2名 is a rank). The slash series
        (analysts' forecasts, PE分别为16/13/10倍): 69 more FIGUREs right, none more wrong on the 555 news training
        documents through fold folders (FIGURE F1 0.940 → 0.945, 2026-12-05); news dev holds none."""
        norm = doc.norm
        extra = []
        for f in figs:
            if f.attrs.get("qualifier") != "exact" or not isinstance(f.attrs.get("value"), (int, float)):
                continue
            head = _LEADING_NUMBER.match(norm, f.start)
            if head is None or not f.attrs.get("unit"):
                continue
            try:
                number = float(head.group().replace(",", ""))
            except ValueError:
                continue
            if number == 0:
                continue
            scale = f.attrs["value"] / number
            pos = f.start
            while True:
                m = _LISTED_BEFORE.search(norm, max(0, pos - 24), pos)  # (\Z: the match ends at ``pos``)
                if m is None or norm[max(0, m.start() - 1):m.start()] == "第" \
                        or any(norm[m.start() - n:m.start()] in self.prefix for n in self._prefix_lengths):
                    break  # (约3、5亿元: a qualifier before the list is not ours to read)
                if m.group("mag") and norm[head.end():head.end() + 1] != m.group("mag"):
                    break  # (1.5万、2亿元: the magnitudes differ, no list of one measure)
                try:
                    v = float(m.group("n").replace(",", "")) * scale
                except ValueError:
                    break
                value = int(v) if float(v).is_integer() else v
                end = m.end("mag") if m.group("mag") else m.end("n")
                same = [g for g in figs if g.start == m.start("n") and g.end == end]
                if same:
                    # 1050亿、800亿、750亿、650亿美元, 140亿、720亿参数: an amount listed with its magnitude but no unit (read
                    # in 元) takes the unit of the list's last figure. News train, extension and dev gold: 9 of 9 such
                    # listed amounts carry that unit (4 of 4 where it is not 元, 2 documents). Cross-fitted FIGURE unit
                    # accuracy 10024 -> 10028 of 10099, every other figure identical. (Making a FIGURE of a listed 万
                    # amount that has none, 0.2万和0.7万个岗位, gave cross-fitted FIGURE 10099/312 -> 10103/312 but one
                    # false fact more in news select: not done.)
                    if same[0].attrs.get("qualifier") == "exact":
                        same[0].attrs["unit"] = f.attrs["unit"]
                elif not m.group("mag"):
                    extra.append(doc.entity("FIGURE", m.start("n"), end,
                                            {"value": value, "unit": f.attrs["unit"], "qualifier": "exact"},
                                            source="rules"))
                pos = m.start("n") if not m.group("sign") else m.start("sign")
        if not extra:
            return figs
        starts = [f.start for f in figs]
        extra = [e for e in extra if not _overlaps(figs, starts, e.start, e.end)]
        return sorted(figs + extra, key=lambda e: e.start)

    def _share_units(self, doc, figs: list) -> list:
        """``高出0.6个和0.2个百分点``, ``下降约40个和90个基点``: a count in 个 coordinated with a figure in 个百分点 /
        个基点 shares that unit (its own ends at 个 only because the unit is written once, at the end). On the news
        gold (figures the rules find at the gold span): the unit is right at 3 more in the train split and 4 more in the
        extension, and wrong at none more; none in dev (2026-12-04). (个基点 is not yet a unit the rules read.)

        The same for a prefix qualifier over coordinated figures (below): qualifier right at 13 more extension figures
        and 1 more dev figure, wrong at none more; train and the seed documents unchanged (2026-12-04)."""
        norm = doc.norm
        carried = False  # whether the previous figure's qualifier was shared from the one before it
        for a, b in zip(figs, figs[1:]):
            ua, ub = a.attrs["unit"], b.attrs["unit"]
            gap = _STRIP.sub("", norm[a.end:b.start]) if b.start - a.end <= 3 else None
            if ua == _GE and ub in _GE_UNITS and gap in _COORD:
                a.attrs["unit"] = ub
            # 约40%、35%, 不低于60%、110%、180%, 超过14.7亿美元和5亿次: a qualifier written before the first of
            # coordinated figures qualifies the next ones too when they have none of their own (not across 或:
            # 約5.77億元或31% restates the amount as a share; not across a comma)
            qa = a.attrs["qualifier"]
            if (gap in _COORD_AND and b.attrs["qualifier"] == "exact" and qa in _SHARED_QUALIFIERS
                    and (carried or self._prefix_class(norm, a.start) == qa)):
                b.attrs["qualifier"] = qa
                carried = True
            else:
                carried = False
        return figs

    def _per_before_price(self, doc, figs: list) -> list:
        """``每盎司2900美元``, ``每盎斯報2930.61美元``, ``每克1000+元``: the weight named with 每 right before a price is its
        denominator (unit ``美元/盎司``, as ``2900美元/盎司``; units.json ``per_before``). The span stays the amount's."""
        if self._per_before is None:
            return figs
        norm = doc.norm
        for f in figs:
            unit = f.attrs["unit"]
            if unit not in self._currency_units:
                continue
            m = self._per_before.search(norm, max(0, f.start - 8), f.start)
            if m is not None:
                f.attrs["unit"] = f"{unit}/{self.per_before[m.group(1)]}"
        return figs

    def _prices_from(self, doc, figs: list) -> list:
        """``售价7万起``, ``官方指导价10.28万元起``, ``折實264萬起``: a price from an amount on. 起 stays outside the span and
        the amount is a lower bound (qualifier ``at_least``); a bare 万 or 亿 before 起 in a price is money (unit 元), not a
        count of 起 (投资案例33151起, 上百起 count events). News train, extension and dev gold: 6 of 6 such prices, 起 outside
        and at_least; the recognizer had read 7万起 with unit 起, and 10.28万元起 as exact (session 39)."""
        norm = doc.norm
        out = []
        for f in figs:
            unit = f.attrs["unit"]
            if unit == "起" and norm[f.end - 2:f.end - 1] in _MAGNITUDE_BEFORE_FROM and (
                    _PRICE_BEFORE.search(norm, max(0, f.start - 8), f.start) or norm[f.end:f.end + 1] in ("价", "售")):
                f = doc.entity("FIGURE", f.start, f.end - 1, {**f.attrs, "unit": "元", "qualifier": "at_least",
                                                              "norm": norm[f.start:f.end - 1]}, source=f.source)
            elif unit in self._currency_units and f.attrs["qualifier"] == "exact" and _FROM_AFTER.match(norm, f.end):
                f.attrs["qualifier"] = "at_least"
            out.append(f)
        return out

    def _declared_currency(self, doc, figs: list) -> list:
        """``录得收入3.2亿元(美元、下同)``, ``收入6.72億元(美元‧下同)``, ``報254.7美元(下同)``: a currency declared for
        the rest of the text. The amount that declares it and every later amount in plain 元 (``1839万元``, ``每股盈利
        2.42元``) are in that currency, until another declaration; an amount that names 人民币 or RMB keeps 元, and
        a declaration of 人民币 (``（人民币，下同）``) keeps 元 from there on. In the news train, extension and dev gold
        every such amount has the declared unit (47 of 47 in five documents, 美元 and 新加坡元); the recognizer had
        read 元 (session 39). A bracket that declares no currency (``（指2月3日至2月7日，下同）``) declares nothing."""
        norm = doc.norm
        decls = []  # (start, end, unit) of each declaration, in text order
        for m in _SAME_BELOW.finditer(norm):
            cur = m.group("cur")
            if cur is not None:
                unit = self.currencies.get(cur)
            else:  # 254.7美元(下同): the amount right before the bracket declares its own currency
                before = norm[:m.start()].rstrip(GAP_CHARS)
                prev = next((f for f in reversed(figs) if f.end == len(before)), None)
                unit = prev.attrs["unit"] if prev is not None else None
            if unit is not None and unit in self._currency_units:
                decls.append((m.start(), m.end(), unit))
        if not decls:
            return figs
        for f in figs:
            unit = f.attrs["unit"]
            if not (unit == "元" or unit.startswith("元/")):
                continue
            # the last declaration that starts after the figure's start (an amount declaring one right after it, a
            # range with one inside) or that ends before it
            declared = None
            for s, e, u in decls:
                if e <= f.start or (f.start < s and not norm[f.end:s].strip(GAP_CHARS)) or f.start < s < f.end:
                    declared = u
                elif s > f.end:
                    break
            if declared is None or declared == "元" or _NAMES_RMB.search(norm, f.start, min(len(norm), f.end + 4)):
                continue
            f.attrs["unit"] = declared + unit[1:]
        return figs

    def _carried_currency(self, doc, figs: list) -> list:
        """``劉鑾雄(169億美元)、呂志和(154億)``, ``5,268亿瑞典克朗（去年同期为5,523亿）``: an amount written with a
        magnitude and no unit (read 元) close after an amount in another currency, in the same sentence, is in that
        currency. News train, extension and dev gold: 11 of the 12 such amounts within 16 characters of an amount in a
        foreign currency take its unit (session 55: cross-fitted FIGURE unit accuracy 10045 -> 10053 of
        10113, none lost; other measures identical)."""
        norm = doc.norm
        prev = None
        for f in figs:
            unit = f.attrs["unit"]
            if (prev is not None and unit == "元" and norm[f.end - 1:f.end] in "亿万" and f.start - prev.end <= 16
                    and prev.attrs["unit"] in self._currency_units and prev.attrs["unit"] != "元"
                    and not _CURRENCY_BREAK.search(norm, prev.end, f.end)):
                f.attrs["unit"] = prev.attrs["unit"]
            prev = f
        return figs

    def _verb_qualifiers(self, doc, figs: list) -> list:
        """``恒指最多漲406點``, ``比特幣最多跌2.37%``, ``最多曾漲1.78%``: a qualifier word before the verb of the change
        (qualifiers.json ``before_verb``) qualifies the exact figure right after the verb; it stays outside the span.
        So does a qualifier word before the measure (``约占总收入的 80%``, ``不超过本公司上季末总资产的1%``:
        ``before_gap``), a cap word with the measure and a verb before the figure (``最高募资1.59亿美元``, ``上限为50亿元``:
        ``cap_before``, less_than), and a verb with its particle right before the figure (``票房超过了1亿元``: ``right_before``)."""
        norm = doc.norm
        for f in figs:
            if f.attrs.get("qualifier") != "exact":
                continue
            m = self._before_verb.search(norm, max(0, f.start - 8), f.start) if self._before_verb else None
            if m:
                f.attrs["qualifier"] = self.before_verb[m.group(1)]
                continue
            m = self._before_gap.search(norm, max(0, f.start - 20), f.start) if self._before_gap else None
            # 至少持有28隻 → at_least, but not 至少有 (qualifiers.json before_gap: a fact the chooser then dropped)
            if m and not (self.before_gap[m.group(1)] == "at_least" and norm.startswith("有", m.end(1))):
                f.attrs["qualifier"] = self.before_gap[m.group(1)]
                continue
            m = self._cap_before.search(norm, max(0, f.start - 16), f.start) if self._cap_before else None
            if m:  # 最高募资1.59亿美元, 贷款期限最长为5年: a cap (qualifiers.json cap_before)
                f.attrs["qualifier"] = self.cap_before[m.group(1)]
                continue
            before = norm[max(0, f.start - 4):f.start].rstrip(" \t")
            for w, q in self.right_before.items():
                if before.endswith(w):
                    f.attrs["qualifier"] = q
        return figs

    def _compared_expectations(self, doc, figs: list) -> list:
        """``超过19.1%的市场预期``, ``低于2.08亿美元的市场预期``: the comparative before an amount that is the expectation
        compares the result with it; the expectation itself is exact and the comparative stays outside the span (news
        train, extension and dev gold: 3 of 3 such FIGUREs, none with the comparative inside; session 55: cross-fitted
        FIGURE 0.9678 -> 0.9680, 3 more right, 3 fewer false)."""
        norm = doc.norm
        out = []
        for f in figs:
            pre = self._prefix_class(norm, f.start) if f.attrs.get("qualifier") in ("more_than", "less_than") else None
            if pre is not None and _EXPECTATION_AFTER.match(norm, f.end):
                m = self.pattern.match(norm, f.start)
                after = m.end("pre") if m is not None and m.group("pre") else None
                while after is not None and norm[after:after + 1] in (" ", "\t", "\u00a0"):
                    after += 1
                if after is not None and after < f.end:
                    f = doc.entity("FIGURE", after, f.end, {**{k: v for k, v in f.attrs.items() if k != "norm"},
                                                             "qualifier": "exact"}, source=f.source)
            out.append(f)
        return out

    def _prefix_class(self, norm: str, i: int):
        """The qualifier class of the prefix word (约, 超过, 不低于 …) that starts at ``i``, or None."""
        for n in self._prefix_lengths:
            w = norm[i:i + n]
            if w in self.prefix:
                return self.prefix[w]
        return None

    def _join_ranges(self, doc, figs: list) -> list:
        """``1000元到1999元``, ``3万家至5万家``: two amounts of one unit joined by a range separator are one range
        FIGURE (GUIDELINES: a range is one FIGURE), as ``3亿至5亿元`` already is. The ends may be approximate
        (约1,700元至2,000元, 430GW~470GW左右) or both lower bounds (逾6%至逾8%); signed ends keep their signs
        (-14.4亿元到-11.7亿元, the span from the first sign; +110%~+130% from the first number); a bracketed aside
        may follow the first end (26.386亿元（人民币，下同）至27.485亿元)."""
        return self._fold_pairs(doc, figs, self._range_of)

    @staticmethod
    def _fold_pairs(doc, figs: list, pair) -> list:
        """``figs`` with each figure and the one kept before it replaced by ``pair(doc, norm, prev, f)`` where that is
        not None (the range steps: :meth:`_range_of`, :meth:`_adjacent_pair`)."""
        out = []
        for f in figs:
            joined = pair(doc, doc.norm, out[-1], f) if out else None
            if joined is not None:
                out[-1] = joined
            else:
                out.append(f)
        return out

    def _range_of(self, doc, norm: str, prev, f):
        """The range FIGURE ``prev`` … ``f`` make, or None."""
        a, b = prev.attrs, f.attrs
        # 13.00元—14.00元/公斤: the rate's denominator written once, after the second end (news gold 2 of 2; with the
        # slash-only 元/W of units.json cross-fitted FIGURE 0.9699 -> 0.9704, 10134/270/358 -> 10138/264/354, session 56)
        if not (a["unit"] == b["unit"] or b["unit"].startswith(a["unit"] + "/")) or a.get("value") is None or b.get("value") is None:
            return None
        quals = (a["qualifier"], b["qualifier"])
        if quals == ("vague", "vague"):  # 几百台到几千台: from the first's min to the second's max (session 55)
            lo, hi = a.get("min", a["value"]), b.get("max", b["value"])
            if norm[prev.end:f.start].strip() not in self.range_seps or not lo < hi:
                return None
            attrs = {"value": lo, "unit": b["unit"], "qualifier": "range", "min": lo, "max": hi}
            return doc.entity("FIGURE", prev.start, f.end, attrs, source="rules")
        tenths = quals == ("more_than", "exact") and norm[f.end - 1] == self.num.tenth and self.num.tenth in norm[prev.start:prev.end]
        if not (set(quals) <= {"exact", "approx"} or quals == ("more_than", "more_than") or tenths):
            return None
        gap = _ASIDE_IN_GAP.sub("", norm[prev.end:f.start])
        sign_b = gap.rstrip()[-1:] in "-−+" and len(_STRIP.sub("", gap)) > 1
        if sign_b:
            gap = gap.rstrip()[:-1]
        if _STRIP.sub("", gap) not in self.range_seps:
            return None
        start, lo, hi = prev.start, a["value"], b["value"]
        neg_a = prev.start > 0 and norm[prev.start - 1] in "-−" and (prev.start < 2 or not norm[prev.start - 2].isdigit())
        neg_b = sign_b and norm[f.start - 1] in "-−"
        if neg_a and neg_b:  # -14.4亿元到-11.7亿元; -2.1亿元到-2.5亿元 runs by size, min is still the lower (session 55)
            start, lo, hi = prev.start - 1, min(-lo, -hi), max(-lo, -hi)
        elif neg_a or neg_b:
            return None
        if not lo < hi:
            return None
        attrs = {"value": lo, "unit": b["unit"], "qualifier": "range", "min": lo, "max": hi}
        return doc.entity("FIGURE", start, f.end, attrs, source="rules")

    def _adjacent_ranges(self, doc, figs: list) -> list:
        """Joins ``3、4只`` after _listed_numbers has made the bare 3 a figure (see _adjacent_pair). With the vague and
        negative ranges of _range_of: CF FIGURE 0.9684 -> 0.9689 (session 55)."""
        return self._fold_pairs(doc, figs, self._adjacent_pair)

    def _adjacent_pair(self, doc, norm: str, prev, f):
        """``3、4只``, ``80、90亿元``: a bare numeral, 、 and the next numeral one step up (3、4; 80、90) with the unit
        are one rough range (GUIDELINES: a range is one FIGURE; the train gold has all 3 such pairs as one span), not a
        list; a longer list (1476、2019、2518亿元) and any other pair stay apart. Session 55."""
        if not (norm[prev.end:f.start] == "、" and prev.attrs.get("unit") == f.attrs.get("unit")
                and prev.attrs.get("qualifier") == f.attrs.get("qualifier") == "exact"
                and prev.attrs.get("value") is not None and f.attrs.get("value") is not None):
            return None
        lo, hi = prev.attrs["value"], f.attrs["value"]
        step = hi - lo
        if not (norm[prev.start:prev.end].isdigit() and step > 0 and lo % step == 0 and 0 < lo // step < 10):
            return None
        if str(int(step)).rstrip("0") != "1" or step != int(step):  # one step: 1, 10, 1亿 …
            return None
        if norm[prev.start - 1:prev.start] == "、" or norm[f.end:f.end + 1] == "、" or "分别" in norm[max(0, prev.start - 8):prev.start]:
            return None  # (分别为3、4家 is a list of two)
        attrs = {"value": lo, "unit": f.attrs["unit"], "qualifier": "range", "min": lo, "max": hi}
        return doc.entity("FIGURE", prev.start, f.end, attrs, source="rules")

    # --------------------------------------------------------------- internal
    def _normalize(self, m, norm: str, dollar: Optional[str] = None):
        g = m.groupdict().get  # one call instead of ~20 m.group() calls
        if m.end() == m.start():
            return None
        start = m.start()
        if g("emph"):
            start = min(m.start(k) for k in self._head_groups if m.start(k) != -1)
        unit_raw = g("unit")
        unit = None
        mult = Decimal(1)  # 成 → x10 %
        is_measure = False
        if unit_raw is not None:
            u = unit_raw
            if u == self.num.tenth or u in self.tenth_like:  # 3成, 7折: tenths, as a percentage
                unit, mult = "%", Decimal(10)
            elif u in self.currencies:
                unit = self.currencies[u]
            elif u in self.cents:
                unit, mult = self.cents[u], Decimal("0.01")
            elif u in self.percent:
                unit = self.percent[u]
            elif u in self.measure_scaled:  # 144.5wt: 1445000 吨
                (unit, mult), is_measure = self.measure_scaled[u], True
            else:
                unit = self.measure_aliases.get(u, u)  # 8.53亿平 → 平方米
                is_measure = u not in self.multiple
        if g("cur") or g("cur2"):
            if unit is None or unit == "元":  # 新台币15亿元: the named currency; 1亿元人民币: 元
                unit = self.currencies.get(g("cur") or g("cur2"), "元")
        elif g("sym"):
            if unit is not None and unit != "元" and unit not in self.currencies.values():
                return None  # $5% or $3家: no amount of money
            if unit is None or unit == "元":  # HK$3.5亿, $175.5亿元 in a mainland text
                unit = dollar if g("sym") == "$" and dollar else self.symbols[g("sym")]
        qual = None
        lo = hi = None

        if g("fw"):
            fw = self.num.fraction_words[g("fw")]
            if unit_raw is not None:  # 一半家? not a fraction figure then
                return None
            if g("fw").endswith(self.num.tenth) and norm.startswith(self._tenth_nb, m.end()):
                return None  # 半成品, 半成本: 成 starts a word, not half a tenth
            value, unit, qual = Decimal(fw["value"]), "%", fw["qualifier"]
        elif g("pctw"):
            value = self.num.parse_decimal(g("pct"))
            if value is None:
                return None
            unit = "%"
        elif g("fracw"):
            d, nmr = self.num.parse_chinese(g("fden")), self.num.parse_chinese(g("fnum"))
            if not d or nmr is None or nmr > d:
                return None
            value = _fraction_percent(Decimal(nmr), Decimal(d))
            unit = "%"
        elif g("slash"):
            a, b = int(g("sa")), int(g("sb"))
            # a denominator above 10 only after 的 (是京东的1/35, 人类驾驶员的1/14): news train, extension and dev gold
            # 6 of 6 such after 的 are FIGUREs; of the 12 elsewhere none (1/20-2/12, 截至2/11: dates; 排序9/11: a rank)
            if not (a < b <= (99 if norm[start - 1:start] == "的" else 10)) or unit_raw is not None:
                return None
            value = Decimal(a) / Decimal(b) * 100  # (1/3 unrounded: the seed gold writes 33.333333333333336)
            unit = "%"
        elif g("vq"):
            if self.idioms.match(norm, m.start()):
                return None
            lo_k, hi_k = self.num.vague[g("vq")]
            vm = self.num.magnitude(g("vm") + (g("mag2") or ""))
            pair = g("vq") in self.num.pairs
            if pair:
                # 两三年, 一两个月, 四五个人, 二三十亿美元, 两三百米: two neighbouring digits are a range (news train, extension
                # and dev gold 7 of 7 such FIGUREs, qualifier range, in 5 documents; none found before); a unit is needed
                # and no date or rank follows (七八十年代, 六七月份, 三四位: the DATE and RANK recognizers'), nor a window word
                # precedes (近两三年内, 过去的七八年, 未来三四年: gold DATEs). Cross-fitted FIGURE 10094/311 -> 10099/312,
                # news dev + select FIGURE 1308/44 -> 1311/44 (facts.rules._no_fact keeps their facts out but for 三四成)
                if vm is None or unit is None or unit_raw in self.pair_not_units or norm[m.end():m.end() + 1] in ("代", "份") \
                        or norm[max(0, start - 4):start].rstrip("的").endswith(("近", "过去", "過去", "未来", "未來")):
                    return None
                lo, hi = Decimal(lo_k) * vm * mult, Decimal(hi_k) * vm * mult
                return start, {"value": as_number(lo), "unit": unit, "qualifier": "range",
                               "min": as_number(lo), "max": as_number(hi)}
            if vm is None or (vm == 1 and (g("vq") == "上" or unit not in self.multiple)):
                return None  # 几家, 数个, 几年: "several", no magnitude word (GUIDELINES N22); 数倍 stays
            if unit is None:
                unit = self._moneyless_unit(g("vm") + (g("mag2") or ""), norm, m.start(), m.end())
                if unit is None:
                    return None
            lo, hi = Decimal(lo_k) * vm * mult, Decimal(hi_k) * vm * mult
            value, qual = lo, "vague"
        else:
            n1 = g("n1")
            if self.idioms.match(norm, m.start("n1")):
                return None
            if self._blocked_before(norm, m.start("n1")):
                return None
            mags = (g("m1") or "") + (g("mag2") or "")
            # （万人） / 单位：万元 — a unit header over a table column, not an amount
            if (all(c in self.num.small or c in self.num.big for c in n1) and not g("pre")
                    and norm[max(0, start - 1):start] in self.header_marks):
                return None
            if g("u1"):
                if unit is not None and unit != "%":
                    return None
                unit = "%"
            if unit is None:
                unit = self._moneyless_unit(mags, norm, m.start(), m.end())
                if unit is None and g("post") == "级" and "万" in mags:
                    unit = "元"  # 10万级SUV, 20-30万级车型: a price class (10 of 10 in the news gold)
                if (unit is None and g("post") in ("级", "级别") and self.bare_magnitude.issuperset(n1)
                        and ("万" in n1 or "亿" in n1)):
                    unit = "元"  # 百亿级蓝海市场, 万亿级市场, 百万级豪车: a size class in money (7 of 7 in the news gold)
                if unit is None and g("mid") == "+" and not mags and not _MODEL_BEFORE.search(norm, max(0, start - 2), start):
                    unit = ""  # 1000+核心车控: a count whose measure word is left out (6 of 6 in the news gold)
                if unit is None:
                    return None
            # a year (2024年, 2025—2027年) is a DATE, never a FIGURE
            if unit == self.year_unit and (self._is_year(n1) or (g("n2") and self._is_year(g("n2")))):
                return None
            # 24-26年 in broker notes: a range of two-digit years (the DATE recognizer's), not 24 to 26 years
            if unit == self.year_unit and g("n2") and n1.isdigit() and g("n2").isdigit() and len(n1) == 2 \
                    and len(g("n2")) == 2 and 20 <= int(n1) < int(g("n2")) <= min(39, int(n1) + 3):
                return None
            # a unit after a line break with nothing else is table residue (…12\n人工…)
            if is_measure and len(unit_raw) == 1 and not mags and "\n" in norm[m.end("n2") if g("n2") else m.end("n1"):m.start("unit")]:
                return None
            v1 = self.num.parse_decimal(n1 + (g("m1") or ""))
            if v1 is None or (v1 == 0 and not n1[:1].isdigit()):  # 零部件
                return None
            if g("n1b"):  # 2兆2500亿元, 42亿2657万: a second, smaller magnitude adds to the first
                v1b = self.num.parse_decimal(g("n1b") + g("m1b"))
                if v1b is None or not (self.num.magnitude(g("m1b")) < self.num.magnitude(g("m1"))) or v1b >= self.num.magnitude(g("m1")):
                    return None
                v1 += v1b
            # 一 as an article: 一家企业, 一个, 一批 (but 仅一家, 一倍, 一成 are figures, and so is a 一家 that ends its
            # clause, 深圳一家。: numerals.json article_counted_end_units, session 55)
            if (is_measure and n1 == self.num.article and not mags and not g("pre") and not g("mid")
                    and not g("n2") and not norm[max(0, start - 2):start].endswith(self.article_after)
                    and not (unit_raw in ("位", "名") and norm[max(0, start - 3):start].endswith(self.article_rank_after))
                    and not (unit_raw in self.article_end_units and m.end() < len(norm)
                             and norm[m.end()] in self.article_end_marks and start > 0
                             and norm[start - 1] not in self.article_end_not_after)):
                return None
            if g("n2"):
                v2 = self.num.parse_decimal(g("n2"))
                if v2 is None or (g("u1") and not g("unit")):  # 跌0.75%至152.54: a change and the level it reaches
                    return None
                m2 = self.num.magnitude(g("mag2") or "")
                if not g("m1"):
                    v1 *= m2
                v2 *= m2
                lo, hi = v1 * mult, v2 * mult
                if lo >= hi:
                    return None
                value, qual = lo, "range"
            else:
                value = v1 * self.num.magnitude(g("mag2") or "") * mult
            # 25/26年的净利润: the last year of a slash list of two-digit years is a year whatever follows it (the
            # DATE recognizer's _YEAR_LIST), not a duration
            if (unit == self.year_unit and not g("n2") and n1.isdigit() and len(n1) == 2
                    and _YEAR_LIST_BEFORE.search(norm, max(0, start - 12), start)):
                return None
            # 25年 with no qualifier, no duration verb and no 的/之/来 after it: a two-digit year of a broker note
            # (25年PE, 23年拉美市场: the DATE recognizer's), not a duration (成立25年, 超过20年, 20年的经验)
            if (unit == self.year_unit and not g("n2") and not g("pre") and not g("post") and not g("mid")
                    and n1.isdigit() and len(n1) == 2 and 20 <= int(n1) <= 39
                    and norm[m.end():m.end() + 1] not in self.year_duration_after
                    and not norm[max(0, start - 4):start].rstrip(GAP_CHARS).endswith(self.year_duration_before)):
                return None
            # 近3年 is a DATE (the last three years) unless a duration verb precedes it (经历了近一年: with its 了; 花了将近
            # 两年时间: units.json duration_cues; news gold 3 of 3 such FIGUREs, session 51)
            if g("pre") in self.last_n_prefixes and unit in self.last_n_units:
                before = norm[max(0, start - 5):start].rstrip(GAP_CHARS)
                if not (before.endswith(self.duration_cues) or before.endswith("了") and before[:-1].endswith(self.duration_cues)):
                    return None
        if qual not in ("vague", "range"):
            post = g("post")
            cands = [q for q in ((self.suffix.get(post) or "more_than") if post else None,
                                 self.prefix.get(g("pre")) if g("pre") else None,
                                 self.infix.get(g("mid")) if g("mid") else None,
                                 qual) if q]
            qual = min(cands, key=self.precedence.__getitem__) if cands else "exact"
            if qual == "exact" and g("n1") and self.bare_magnitude.issuperset(g("n1") + (g("m1") or "")):
                qual = "approx"  # 千亿赛道, 百万用户: an order of magnitude
        attrs = {"value": as_number(value), "unit": unit, "qualifier": qual}
        if lo is not None:
            attrs["min"], attrs["max"] = as_number(lo), as_number(hi)
        return start, attrs

    def _moneyless_unit(self, mags: str, norm: str, start: int, end: Optional[int] = None) -> Optional[str]:
        """The unit of an amount written without one: 亿/兆 → 元; 万 → 元 near a money word before it, or right before
        a round and 融资 (units.json money_cues_after: 数千万天使轮融资); else None."""
        mags = _STRIP.sub("", mags)
        if not mags:
            return None
        if "亿" in mags or "兆" in mags:
            return "元"
        if "万" in mags and self.money_cues.search(norm, max(0, start - self.money_window), start):
            return "元"
        if "万" in mags and end is not None and self.money_cues_after is not None and self.money_cues_after.match(norm, end):
            return "元"
        return None

    def _blocked_before(self, norm: str, i: int) -> bool:
        """第 / 前 / 首 right before the number, across spaces (前 10 个城市 is a RANK)."""
        before = norm[max(0, i - 12):i].rstrip(GAP_CHARS)
        prev = before[-1:]
        if prev != "" and prev in "第前首":
            return True
        # 第二、三批 / 第一至五批 / 第二十一、二十二批: the second numeral of an ordinal list
        if prev == "" or prev not in "、至到和及与":
            return False
        k = len(before) - 1
        while k > 0 and (before[k - 1] in self.num.cn_chars or before[k - 1].isdigit() or before[k - 1] in GAP_CHARS):
            k -= 1
        return k < len(before) - 1 and before[k - 1:k] == "第"

    def _is_year(self, s: str) -> bool:
        s = _STRIP.sub("", s)
        if len(s) != 4:
            return False
        if s.isdigit():
            return 1800 <= int(s) <= 2099  # (1888年: the DATE recognizer's YEAR, session 51)
        v = self.num.parse_chinese(s)
        return v is not None and 1900 <= v <= 2099 and all(c in self.num.digits for c in s)


@lru_cache(maxsize=1)
def default_recognizer() -> FigureRecognizer:
    return FigureRecognizer()


def currency_units() -> frozenset:
    """The ``unit`` of every currency the recognizer reads (``units.json`` ``currencies``: 元, 美元, 新台币, 瑞典克朗 …):
    a FIGURE in one of them is a sum of money. The facts rules and the FUNDING extractor read money from here, so that
    an amount the recognizer writes in a currency is money to them too (session 39: the FUNDING extractor had its own
    list of six currencies and missed amounts in 新台币 or 新加坡元, the facts rules missed 瑞典克朗, 卢比 …)."""
    return default_recognizer()._currency_units


_BOLD = re.compile(r"\*\*([^*]*\d[^*]*)\*\*")


def _bold_core(norm: str, start: int, end: int) -> tuple:
    """Markdown bold inside a figure (超过**2.92**万亿元): the span is the bold number alone.

    Markup is never inside a span (GUIDELINES); the words around the bold
    number still give the unit, magnitude and qualifier in the attrs.
    """
    if "**" not in norm[start:end]:
        return start, end
    if norm[max(0, start - 2):start] == "**":  # **95**家: the bold opens just before the match
        close = norm.find("**", start, end)
        return start, close
    m = _BOLD.search(norm, start, min(len(norm), end + 2))
    if m is None:
        return start, end
    return m.start(1), m.end(1)


def find_figures(doc) -> List:
    """FIGURE entities in ``doc`` (reads ``doc.norm``); ``[]`` when none."""
    return default_recognizer().find(doc)
