"""DATE recognizer: absolute dates, ranges, plan periods and relative times (SCHEMA §2).

Attributes (besides ``norm``), only those that apply:

========================  ===============================================
``year`` ``month`` ``day``  2025年11月17日 → 2025, 11, 17 (11月17日: month, day)
``decade``                  90年代 → 1990
``from`` ``to``             2025—2027年 → 2025, 2027; 十四五 → 2021, 2025
``plan``                    十四五 → "十四五"
``part``                    末/底 "end", 初 "begin", 上半年 "H1", 一季度/Q1 "Q1", 前三季度 "Q1-Q3", 年度 "year"
                            (also alone: 一季度 → part "Q1"; 四季度末 → "Q4-end")
``relative``                本周 "this_week", 目前 "now", 近年来 "recent_years", 近五年 "last" …
``offset``                  relative years: 今年 0, 去年 -1, 明年 1
``years`` / ``months``      近五年 → years 5; 近6个月 → months 6
``asof``                    截至2025年10月 → true (截至 is inside the span)
``since``                   2019年以来 → "since" (以来/至今 are inside the span)
``from_date`` ``to_date``   a range of dates: 7月14日至7月20日, 1-2月, 2月10日至11日 → the attrs of each end
``dateline``                a day in a news dateline: (中央社记者台北25日电) → day 25 (a day alone, 20日宣布, → day 20)
``week_of``                 截至2025年2月7日当周 → true: the week that ends on that day (当周 is inside the span)
``time``                    下午2点, 周二上午10点, 2月13日19时许 → the clock time as written ("下午2点", "10点", "19时许")
``min`` ``max``             未来3-5年 → relative next, years "range", min 3, max 5 (a window given as a range)
========================  ===============================================

``part`` also takes "early" / "mid" / "late" (上旬, 中旬, 下旬 after a month).

The news shapes of :meth:`DateRecognizer._extend` (month and year parts, day and month ranges, two dates
joined, datelines, hyphenated byline dates) were added on the ZhIE-News dev split: DATE F1 there
0.921 -> 0.943 (train 0.834 -> 0.874), seed documents unchanged (0.984). A day alone (20日宣布), a quarter's
end or start (四季度末) and 本/上/下季度 were added from the news train split's errors: train DATE 0.893 -> 0.918,
dev unchanged (0.952), seeds unchanged; then 前/后 alone after a year, month, day or holiday (12月31日前, 春节后,
not 2025年前景): train 0.918 -> 0.923, dev and seeds unchanged.

Session 18, from the errors of the whole news training data (train and its extension, 555 documents; DATE F1
there 0.860, recall 0.815 against 0.95 on dev): a year's first months, same period, season, 内 and 来
(2024年前9个月, 2024年同期, 2025年春季, 2025年内, 2024年来; 今年春季, 去年同月), a two-digit year only with a month,
part or period after it (24年3月, 24年四季度; not 经营25年), quarter and half abbreviations (24Q4, 4Q24, 1H25), the
years of a list that ends in 年 (2022、2023、2024年: each), windows (5年内, 三个月内: GUIDELINES R15), few-year spans
(过去几年, 未来几个月), and the relative words of ``dates.json`` marked there; 当日 and 当天 are no longer DATEs
(back-references, never gold in the training data: 0 of 40). Training data DATE F1 0.860 -> 0.897 (P 0.910 ->
0.931, R 0.815 -> 0.866), news dev 0.952 -> 0.953, seed documents 0.984 -> 0.988; facts unchanged. Then the
year forms of broker notes and statistics tables: 24-26年 (6 of 6 such spans gold DATEs; the FIGURE recognizer leaves
two-digit ranges of at most three years from 20 on to it), 2025E / 2025-26E (6 of 6), 2024M12 (5 of 5): training
data 0.897 -> 0.899, dev and seeds unchanged. A bare two-digit year from 20 to 39 (25年PE, 23年拉美市场) is a DATE
where the FIGURE recognizer sees no duration (no qualifier, no duration verb before it such as 成立/潜逃/蝉联, no
的/来/多 after it): of such spans in the training gold 26 are DATEs and 4 durations; training data DATE 0.899 ->
0.901 and 28 fewer false duration FIGUREs, dev and seeds unchanged.

Decisions: 截至/截止 are inside the span, 自/从/到/于 are not; “十四五”期间 →
the span is 十四五 (quotes and 期间 stay out); 近五年 / 近3年 are DATEs (a period
ending at the writing date) — the FIGURE recognizer leaves them alone; a bare
4-digit number without 年 (《2022 专精特新…》) is no DATE.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import List, Optional

from extract.stages.recognizers._data import GAP, alternation, char_class, gated, load_rules
from extract.stages.recognizers.numerals import Numerals

# (18xx too: 寶齊萊源自1888年, 1878年开平矿务局的成立: news gold 2 of 2 such years DATEs, read as durations before;
# session 51)
YEAR = r"(?:18|19|20)\d{2}"
_PARTS = {"底": "end", "末": "end", "初": "begin", "上旬": "early", "中旬": "mid", "下旬": "late", "中下旬": "mid-late", "中上旬": "early-mid",
          "年底": "end", "年末": "end", "年初": "begin", "全年": "year"}
# (中下旬 / 中上旬: two thirds of a month, 1月中下旬, 12月下旬至1月中上旬: news gold 2 of 2, session 51)
_MONTH_PART = re.compile(r"[ \t]*(底|末|初(?![步衷心期中始])|上旬|中旬|下旬|中下旬|中上旬)")
_YEAR_PART = re.compile(r"[ \t]*(年底|年末|年初|全年)")
# 去年11月中公布, 最快10月中納入; 2022年中，, 截至今年中，: 中 after a month (not a word it starts: 中国, 中旬 …) or after a
# year before a comma (not after 在/的/至: 在过去的2024年中， is "in the year"; not a window, 过去两年中, 过去几个月中, nor
# 龍年中) is the middle of it, part "mid": news train, extension and dev gold 6 of 6 such (5 documents) end at 中; the
# year's 中 elsewhere is left alone (session 53)
_MONTH_MID = re.compile(r"中(?![国华央东西南北部外心小大期资间方文日美欧港台旬上下成前后标共信金游])")
_YEAR_MID = re.compile(r"中(?=[，,])")
_PART_ENDS = "底末初旬"  # the last character of a part of a month or year (8月底, 年末, 1月初, 中旬)
_QH_END = re.compile(r"[QH][1-4]\Z|[QH][1-4](?=末)")  # 2024Q3末, 2025H1末: a part of the quarter or half after it
# after a part of a month or year that the grammar's own suffix group never saw (11月底以来, 年底前): a since suffix
_SINCE_AFTER_PART = re.compile(r"[ \t]*(以来|至今(?!年)|以后|以前|之前|之后)")
_DAY_AFTER = re.compile(r"[ \t]*((?:3[01]|[12]\d|0?[1-9])(?![\d.])|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[ \t]*[日号]")
_SEP = r"[ \t]*(?:至|到|-|—|–|~|～)[ \t]*"  # a range separator between two dates
_RANGE_SEP = re.compile(r"起?" + _SEP)  # 即日起至2月28日: a start with 起 and the range from it
_DAY_NUM = r"(3[01]|[12]\d|0?[1-9])"  # a day of the month in digits
_DAY_END = r"(?![\d.])[ \t]*[日号](?!元)"  # …日 / …号 closing a day (not 日元)
_SECOND_DAY = re.compile(_SEP + _DAY_NUM + _DAY_END)
_MONTH_FROM = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9])" + _SEP)
# 3月25-26日, 2月8—10日, 1月27-2月2日: a day range after a month whose first day has no 日 of its own
_DAYS_AFTER_MONTH = re.compile(_DAY_NUM + _SEP + r"(?:(1[0-2]|0?[1-9])月)?" + _DAY_NUM + _DAY_END)
# a date written as eight digits (20250119) and a range of two (20250203-20250207), as broker notes date a source or a
# week: the news training, extension and dev gold 7 of 7 such spans are DATEs; not inside a longer number, a URL or a code
_COMPACT = r"(20[0-3]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"
_COMPACT_DATE = re.compile(gated(rf"(?<![\w./=#-]){_COMPACT}(?:[-—~至]{_COMPACT})?(?![\w/.%-])", re.ASCII), re.ASCII)
# a date (and time) written with hyphens, as in bylines: 2023-04-21, 2017-12-21 21:55:41
_ISO = re.compile(gated(r"(?<![\d.\-])((?:19|20)\d{2})-(1[0-2]|0?[1-9])-(3[01]|[12]\d|0?[1-9])(?:[ T]?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?(?![\d\-])"))
# a slash date after 截至 (截至2/11, 截至2025/2/7): news gold 8 of 8 (a bare slash date is left alone: 25/26年 are years)
_ASOF_SLASH = re.compile(r"(?:截至|截止到|截止至|截止)[ \t]?(?:((?:19|20)\d{2})/)?(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\d/])")
# a slash date with no 截至 before it, in the shapes only a date takes: a year, month and day (2025/2/8, 23/1/23,
# 2025/09/14 14:17), a range of two (22/12/7-12/23, 24/10/8-25/1/13, 1/20-2/12, 02/03-02/07), a range of two
# months of two-digit years (23/1-23/4), a month and day before 以来/至今 (1/20以来). News train, extension and dev
# gold: 19 of 19 such spans are DATEs or inside one, none found before (session 51); a lone M/D stays alone (1/14 is a
# share), and a triple before 倍/x/年 or a unit is a series of multiples or years (PE分别为16/12/10倍, 24/25/26年)
_SD_Y = r"((?:19|20)\d{2}|[1-3]\d)"
_SD_M, _SD_D = r"(1[0-2]|0?[1-9])", r"(3[01]|[12]\d|0?[1-9])"
_SD_SEP = r"[ \t]?(?:-|—|–|~|～|至)[ \t]?"
_SD_NOT_AFTER = r"(?![\d/.%倍xX年万亿元])"
_SLASH_DATE = re.compile(gated(
    rf"(?<![\d/.])(?:(?P<ymd>{_SD_Y}/{_SD_M}/{_SD_D}(?P<time>[ \t](?:[01]?\d|2[0-3]):[0-5]\d)?)"
    rf"(?:{_SD_SEP}(?P<ymd2>(?:{_SD_Y}/)?{_SD_M}/{_SD_D}))?"
    rf"|(?P<md>{_SD_M}/{_SD_D}){_SD_SEP}(?P<md2>{_SD_M}/{_SD_D})"
    rf"|(?P<ym>(1[3-9]|[23]\d)/{_SD_M}){_SD_SEP}(?P<ym2>(1[3-9]|[23]\d)/{_SD_M})"
    rf"|(?P<mds>{_SD_M}/{_SD_D})(?=以来|至今)){_SD_NOT_AFTER}"))
# a news dateline: (中央社记者…台北25日电), (上海20日讯)
_DATELINE = re.compile(gated(r"(?<![\d.月])(3[01]|[12]\d|0?[1-9])日(?=电|讯)"))
# a day of the month standing alone (…20日，公司宣布): news gold tags it (ZhIE-News train 17 of 17, dev 3 of 3);
# not 日元 (yen), not 30日内 (a period), not the day of a full date (2月20日, matched whole above)
# A space may stand between the number and 日 as in Taiwanese text (在 12 日宣布: 2 of 2 such DATEs in the news train
# and dev gold were missed; with it +1 right on train, +1 on dev + select, no new false one, session 26)
# 来 ends a window (近三年来) unless the next character makes a word with it (近3个交易日来看, 来自, 来说 …)
_LAI_WORD = "(?![自看说源往到临回电])"
# 2024年內地實際使用外資, 去年全年內地平板電腦市場: 内地 (the Mainland) is the place, not the year's 内 (news gold: the 4
# such 内地 are places); 年内地方债 keeps its 年内 (session 40)
_NEIDI = "(?!地(?![方区产块位址点域]))"
# a count of years up to now with no 近/过去 before it (七年来, 三十年来, 多年以来): news train and dev gold 16 of the 16 not
# found before were DATEs; not after 成立/上市 (成立12年来, 上市24年以来: how old a company is, not a window), not 来看
_COUNT_SINCE = re.compile(r"(?<![\d.第近去几数多上一二三四五六七八九十两])(?P<n>[一二三四五六七八九十两]{1,3}|\d{1,2}|[多几数]十?|十几)"
                          r"(?P<u>年|个月|周|个星期)(?:以)?来" + _LAI_WORD)  # (两个月来, 六周来: session 28, 10 of 10 DATEs)
_COUNT_SINCE_NOT_AFTER = ("成立", "上市", "创立", "创办", "成立近", "上市近", "创立近", "创办近", "建立", "建厂", "入行")
# a clock time: after a time of day (下午2点, 上午10点半, 晚7時) any hour with 点 or 时; after a date with no time of day
# (2月13日19时许, 当日18时03分) only 时 (news gold: the 35 clock times after a time of day or a date are inside DATEs;
# the FIGURE recognizer had read 29 of them as points, 2点)
_CLOCK_TOD_ALONE = ("上午", "下午", "中午", "晚上", "早上", "凌晨", "傍晚", "晚间", "早间")  # 下午2点 with no date
_CLOCK_TOD = _CLOCK_TOD_ALONE + ("晚", "早")  # 晚7時 only after a date (截至周三晚7時)
_HOUR = r"(?:[01]?\d|2[0-4]|[一二三四五六七八九十]{1,3})"
_CLOCK = re.compile(rf"[ \t]?{_HOUR}[ \t]?[点时](?:半|[0-5]?\d分|正|许)?(?![多左前后\d.])")
_CLOCK_H = re.compile(r"[ \t]?(?:[01]?\d|2[0-4])[ \t]?时(?:[0-5]?\d分|正|许)?(?![多左前后\d.])")  # digits only: 20日一时大涨
# a clock time written with a colon right after a day written with 日 or 号 (3月21日9:30, 截至2025年2月10日 10:04,
# 2月8日18:00后: a 前/后 after it stays in): news train, extension and dev gold 4 of 4 such are inside the DATE, none
# found before (session 51); an ISO date takes its own time (_ISO)
_CLOCK_COLON = re.compile(r"(?P<clock>[ \t\u00a0]?(?:[01]?\d|2[0-3]):[0-5]\d)(?![\d:])(?:(?P<side>[前后])(?![期续来端面]))?")
_ISO_DAY_END = re.compile(r"\d\Z")  # (a day that ends in a digit has no 日 / 号: the ISO form)
_TOD_CLOCK = re.compile(rf"(?:{'|'.join(_CLOCK_TOD_ALONE)}){_CLOCK.pattern}")
# a year written without 年 before the part of it (2024全年, 2025上半年): news gold 8 of 8 such spans are DATEs
_YEAR_NO_NIAN = re.compile(r"(?<![\d.A-Za-z/-])(19[5-9]\d|20[0-3]\d)(全年|上半年|下半年)")
# the years of a slash list, as broker notes write them (预计2024/2025/2026, 对应25/26年): news gold 23 of 23 such years
# are DATEs; not a date (2025/09/14) nor a fiscal year (2026/27年, one DATE)
_YEAR_LIST = re.compile(r"(?<![\d./])(?:20[0-3]\d(?:/20[0-3]\d)+(?![\d/])|\d{2}(?:/\d{2})+(?=年))")
# a year alone opening a line as its topic (2024回顾：…, 【2025】展望, 2024信创采购…): news train, extension and dev gold
# 8 of 12 such years are DATEs; the others open the name of an event or a list (2025全球开发者先锋大会, 2025全球最佳企業名單);
# a model year, an edition or a class (2024款, 2025版, 2025届) names a product or a group
_YEAR_HEADING = re.compile(r"(?m)^[ \t>*#【「\u3000]*(20[0-3]\d)(?=】?[：:]?[ \t]?[\u4e00-\u9fff])(?![\d年款版届])")
_EVENT_NAME = re.compile(r"[^，。：:；;！？!?\s]*?(?:大会|会议|论坛|峰会|博览会|榜|名单|大赛)")
# a year alone inside a sentence before a word (2025政策基调积极, 对2025全球原油需求预测, ，2025智驾拐点正在到来, 部署了2025的
# 工作任务, 展望2025：济川药业, 审议2025至26年度): after a clause break, 对, 了 or 展望 (or opening a range of years), not
# inside a title (《》「」“”), before an event, list or report (2025商业航天大会, 2023杭州亚运会, 2024政府工作报告, 2024三季报)
# or a unit of the FIGURE recognizer (2025家, 2030美元). News train, extension and dev gold: 22 of 22 such years are DATEs
# (15) or open one (7: 2025开年, 2025至26年度), in 17 documents (session 52 p3: cross-fitted DATE 7008/313 -> 7017/310,
# news dev + select DATE 934/58 -> 935/58; wider, after any character, it cost 3 false DATEs on dev + select)
_YEAR_BARE = re.compile(gated(r"(?:(?<=^)|(?<=[，。；！？、：:（(】\n对了])|(?<=展望)|(?<![\d./\-A-Za-z#_ \t\u00a0的])(?=\d{4}至\d))(20[0-3]\d)(?=[\u4e00-\u9fff]|[：:][ \t]?[\u4e00-\u9fff“])"
                        r"(?!全年|上半年|下半年)(?![年款版届财元亿万千百家人个只点吨股台辆次名位件项米户套倍条间所座号期])"))
_YEAR_BARE_EVENT = re.compile(r"[一二三四]?季报|中报|[^，。：:；;！？!?\s]*?(?:会|论坛|榜|名单|赛|展|节|报告|春晚|排名|排行|盛典|白皮书|指数)")
_TITLE_OPEN = {"《": "》", "「": "」", "“": "”", "『": "』"}
# N日均线, 5日、20日、30日均线, 10日均价: the window of a moving average is no day of the month (news train, extension and
# dev gold: 0 of 8 such days are DATEs, 2 documents; session 52 p3)
_MOVING_AVERAGE = re.compile(r"(?:[、和及与]\d{1,3}日)*均[线价]")
# 同年4月, 当年11月: a month of a year told before is a back-reference as 当日 is (news train, extension and dev gold: 5 of
# the 6 such months without a day are no DATE, 5 documents; with a day 1 of 2, left alone; session 52 p3: cross-fitted
# DATE 7017/304 -> 7016/299, news dev + select identical)
_BACKREF_YEARS = ("同年", "当年", "是年", "该年")
_MONTH_ONLY = re.compile(r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月")
_BARE_DAY = re.compile(gated(r"(?<![\d.月日号年第／/])(?<!月 )(?<!年 )(?<!第 )(3[01]|[12]\d|0?[1-9])[ \t]?日(?![元内以电讯\d])"))


_DAY_WORDS = ("today", "yesterday", "tomorrow")  # relative words of one day, which a time of day may follow
_HOLIDAY_SIDES = ("before_holiday", "after_holiday")  # 节前, 节后 (relative words of dates.json)
_SIDES = {"前": "before", "后": "after"}
# 截至…止年度, 截至…止6个月: the reporting period ending at an as-of date (news train and extension gold: 7 of 8 DATEs);
# 截至…(止)的季度, 截至…(止)的9个月(内) too (news train, extension and dev gold: 5 of 5 inside; 的半年, 的三個月內, 的全年
# and 的2025财年第三季度 are split in the gold and stay out; session 55: cross-fitted DATE with the 至今年 fix
# 0.9519 -> 0.9532)
_PERIOD_TO = re.compile(r"止(?:全?年度|(?:\d{1,2}|[一二三四五六七八九十两]{1,3})个月)|止?的(?:季度|\d{1,2}个月内?)")


# the units of a within-N window (5年内, 三个月内, 5个交易日内, 45天内; not after 短短 / 连续, where the count is a
# duration: 短短10个交易日内累升61%). Trading days, days and weeks were added 2026-12-06: in the news train,
# extension and dev gold such windows are DATEs at 6 of 6 occurrences outside 短短/连续 (3 there, all FIGUREs).
_WINDOW_UNITS = {"年": "years", "个月": "months", "个交易日": "trading_days", "交易日": "trading_days", "天": "days",
                 "周": "weeks", "个星期": "weeks"}


# 几天前, 几周前, 几个月前, 几年前: a vague count of units ago is a DATE as 3年前 is (attr 'few', as last_n_few's
# 过去几年; not after a numeral: 十几年前). News train, extension and dev gold: 4 of 4 such spans are DATEs (4
# documents), none read before. Cross-fitted DATE 7022/288/466 -> 7026/288/462; news dev + select DATE 936/55 -> 937/55.
_FEW_AGO = frozenset("几幾数數")

class DateRecognizer:
    def __init__(self, rules_dir=None, numerals: Optional[Numerals] = None):
        self.num = numerals or Numerals(rules_dir)
        d = load_rules("dates", rules_dir)
        self.asof = d["asof_prefixes"]
        self.since = d["since_suffixes"]
        # 前/后 alone after a year, month, day or holiday (2023年前, 12月31日前, 春节后): not before a character
        # that makes them a word of their own (前来, 后期, 前景, 后续 …)
        self.since_not_before = re.escape(d.get("since_single_not_before", ""))
        self.since_single = {"前": "before", "后": "after"}
        self.parts = d["year_parts"]
        self.rel_years = d["relative_years"]
        self.relative = d["relative"]
        self.last_n = d["last_n_prefixes"]
        self.last_units = d["last_n_units"]
        # 未来3-5年 (news gold: 12 of 12 such spans are DATEs; the FIGURE recognizer read 11 as durations, 3-5年)
        count = r"(?:\d{1,3}|[一二三四五六七八九十两]{1,3})"
        self.last_range = re.compile(
            rf"(?P<p>{alternation(self.last_n)})(?:的)?[ \t]?(?P<lo>{count})[ \t]?(?:-|—|–|~|～|至|到)[ \t]?(?P<hi>{count})"
            rf"[ \t]?(?P<u>{alternation(self.last_units)})(?:内|以来|来{_LAI_WORD}|间)?")
        self.holidays = d["holidays"]
        self.ago_units = d["ago_units"]
        # a bare year before a unit of the FIGURE recognizer is an amount (2025家, 2030美元, 2035港元, 2020点): _YEAR_BARE
        u = load_rules("units", rules_dir)
        self.bare_year_not_before = tuple(sorted(
            set(u["currencies"]) | set(u["currencies"].values()) | set(u["cents"]) | set(u["percent"])
            | set(u["multiple"]) | set(u["measure_words"]) | set(u["per_units"]) | {"多", "余", "来", "万", "亿", "千", "百", "点"},
            key=len, reverse=True))
        plan = d["plan_first_year"]
        self.plan_base, self.plan_base_n = int(plan["base"]), int(plan["base_n"])
        self._part_values = set(self.parts.values())
        G = GAP
        digits_cn = "".join(k for k in self.num.digits if k != "两")
        CYEAR = f"[{digits_cn}]{{4}}"
        PARTS = alternation(self.parts)
        rel_alts = []
        for w in sorted(self.relative, key=lambda w: (-len(w), w)):
            nb = d["relative_not_before"].get(w)
            na = d.get("relative_not_after", {}).get(w)  # 体现在, 出现在: 现在 ends a verb there
            rel_alts.append((f"(?<![{''.join(re.escape(c) for c in na)}])" if na else "") + re.escape(w)
                            + (f"(?!{alternation(nb)})" if nb else "") + (_NEIDI if w.endswith("内") else ""))
        REL = "|".join(rel_alts)
        NUM = self.num.number
        # 春节后4个交易日, 春节前一周, 节后第一个工作日, 节后首周, 今年春节前最后一周, 春节假期前五日, 春節前後, 春节前夕,
        # 春节前期: the stretch of days before or after a holiday is part of its DATE (news gold: 24 of 24, none ending
        # at the holiday's 前/后 where such a stretch follows; session 39)
        self.holiday_stretch = re.compile(
            rf"(?P<side>[前后])?(?:(?P<st>的?(?:第|首)(?:{NUM})?个?(?:交易日|工作日|周|天)|(?:最后)?(?:{NUM})个?(?:交易日|工作日|周|天|日)"
            rf"|最后个?(?:交易日|周|天))|(?<=前)(?P<near>后|夕|期(?![间货权限内])))")
        HOL = alternation(self.holidays)
        HSUF = alternation(d["holiday_suffixes"])
        HNOT = alternation(d["holiday_not_before"])
        TOD = alternation(d["times_of_day"])
        self.tod_after = re.compile(f"(?:{TOD})(?!价|指数|后的)")
        WKP = alternation(d["weekday_prefixes"])
        FISCAL = alternation(d["fiscal_years"])
        MONTH = r"(?:1[0-2]|0?[1-9])(?![\d.])"
        DAY = r"(?:3[01]|[12]\d|0?[1-9])(?![\d.])"
        CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
        # after a year's 年: its first N months (2024年前9个月), the same period (2024年同期), a season (2024年春季)
        # and, after a four-digit year, 内 (2025年内) and 来 (2024年来, not 2024年来自…)
        # its last N months (2024年最后三个月, 2024年最后几个月) and a season in its 天 form (2020 年秋天) as after a relative
        # year: news train, extension and dev gold 3 of 3 such spans are whole DATEs (3 documents), the year alone had
        # been read (session 54 r2bnd)
        after = (r"(?:前|首)(?P<{0}>\d{{1,2}}|" + CN_MONTH + r")个?月|(?P<{1}>同期)|(?P<{2}>春季|夏季|秋季|冬季|春天|夏天|秋天|冬天)"
                 r"|(?:最后|最後)(?P<{3}>\d{{1,2}}|几|" + CN_MONTH + r")个?月")
        YEAR_AFTER = after.format("yfirst", "ysame", "yseason", "ylast") + rf"|(?P<ywin>内{_NEIDI}|来{_LAI_WORD})"
        YEAR_AFTER2 = after.format("yfirst2", "ysame2", "yseason2", "ylast2")
        firsts = ([w[0] for w in list(self.asof) + list(self.relative) + list(self.rel_years) + list(self.last_n)
                   + list(self.holidays) + list(d["weekday_prefixes"])]
                  + list(self.num.digits) + list("0123456789Q十周星礼民大正上逾近首半约不") + list(_FEW_AGO))
        # 创4个月新高, 创52周高: the window of a record high or low (dates.json record_window)
        rec = d["record_window"]
        REC_AFTER = "(?:" + "|".join(f"(?<={re.escape(w)})" for w in rec["after"]) + ")"
        REC_BEFORE = rec["before"]
        # 近3个交易日来看: 来 before 看 (说, 自 …) starts another word
        LN_SUF = "|".join(re.escape(w) + (_LAI_WORD if w.endswith("来") else "")
                          for w in sorted(d["last_n_suffixes"], key=len, reverse=True))
        # 25年 is a year unless a character of the FIGURE recognizer's duration list follows (20年的经验, 20年来:
        # units.json two_digit_year_duration, one list for both recognizers) or 代/以/度 (年代, 年以来, 年度)
        Y2_AFTER = char_class(load_rules("units", rules_dir)["two_digit_year_duration"]["after"])
        self.pattern = re.compile(rf"""
            (?=[{char_class(firsts)}])
            (?:(?P<asof>{alternation(self.asof)}){G})?
            (?:
                (?P<hol>(?:(?<![\d.])(?P<hy>{YEAR}|\d{{2}})年?{G})?(?P<hname>{HOL}|(?:大年|正月)初(?:十|[一二三四五六七八九]))
                    (?!节|{HNOT})(?P<hsuf>{HSUF})?)
              | (?P<fy>(?<![\d.])(?:(?P<fyy0>{YEAR}){G}(?:-|—|–|~|～|至|到){G})?(?P<fyy>{YEAR}|\d{{2}}){G}(?:{FISCAL}))
              | (?P<roc>(?:民国(?P<rocy>\d{{2,3}}|[一二三四五六七八九十百]{{1,4}})|(?<![\d.])(?P<rocy3>1[01]\d))年(?!代|前|来|以来|间|内|多|历史)(?:(?P<rocm>{MONTH}|{CN_MONTH})月(?:(?P<rocd>{DAY})[日号])?)?)
              # 2000年代, 1970 年代, 1980年代初期: the decade of 2000 and one spaced from 年代, and the decade's beginning or
              # end inside it (news gold 5 of 5 so written: 年代初, 年代初期 inside; session 56, with 伊始 of dates.json: cross-fitted DATE
              # 0.9506 -> 0.9516, 7039/282/449 -> 7046/275/442)
              | (?P<dec>(?P<dcent>上世纪)?(?<![\d.])(?P<dy>(?:19|20)?[1-9]0|(?:19|20)00){G}年代(?:初期|末期|中期|初(?![步衷心中始创])|末)?)
              # 七八十年代, 八九十的年代: two decades of the last century in Chinese numerals (news gold 3 of 3 DATEs, none
              # found before; session 51)
              | (?P<dec2>(?<![一二三四五六七八九十])(?P<dc1>[一二三四五六七八])(?P<dc2>[二三四五六七八九])十的?年代)
              # 20世纪末, 21世纪初, 进入21世纪: a century by its number (news gold 4 of 4 such outside a longer name are DATEs,
              # in 3 documents, none found before; 21世纪经济报道 / 21世纪海上丝绸之路 stay the ORG's and the POLICY's; session 51 h8:
              # cross-fitted DATE 6997/314 -> 7001/314, news dev + select DATE 931/59 -> 934/58)
              | (?P<cent>(?<![\d.])(?P<cn>1[5-9]|2[01])世纪(?:初期|末期|中叶|中期|上半叶|下半叶|初|末)?(?!经济|海上))
              | (?P<range>(?<![\d.])(?P<y1>{YEAR}){G}(?:年{G})?(?:-|—|–|~|～|至|到){G}(?P<y2>{YEAR}){G}年(?P<rdu>度)?)
              | (?P<ymd>(?<![\d.])(?P<y>{YEAR}|{CYEAR}){G}年
                    (?:{G}(?P<m>1[0-2]|0?[1-9])(?![\d.]){G}月(?:份|{G}(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.]){G}[日号](?:{TOD})?)?
                      | (?P<ypart>{PARTS}) | {G}(?P<yq>Q[1-4]) | {YEAR_AFTER})?)
              | (?P<ymd2>(?<![\d.A-Za-z])(?P<y2d>[0-3]\d)年
                    (?:{G}(?P<m3>1[0-2]|0?[1-9])(?![\d.]){G}月(?:份|{G}(?P<d3>3[01]|[12]\d|0?[1-9])(?![\d.]){G}[日号])?
                      | (?P<ypart2>{PARTS}) | {G}(?P<yq4>Q[1-4]) | {YEAR_AFTER2}))
              | (?P<y2bare>(?<![\d.\-—–~～至])(?P<yb>[23]\d)年(?![\d代以度{Y2_AFTER}]))
              | (?P<range2>(?<![\d.])(?P<ra2>[0-3]\d)(?:-|—|–|~|～|至)(?P<rb2>[0-3]\d)年)
              | (?P<yest>(?<![\d.])(?P<yea>{YEAR})(?:-(?P<yeb>\d{{2}}))?E(?![A-Za-z]))
              | (?P<ymon>(?<![\d.])(?P<ymy>{YEAR})M(?P<ymm>1[0-2]|0?[1-9])(?!\d))
              | (?P<qab>(?<![A-Za-z\d.])(?:(?P<qy1>(?:20)?[0-3]\d)(?P<qk1>[QH])(?P<qn1>[1-4])|(?P<qn2>[1-4])(?P<qk2>[QH])(?P<qy2>(?:20)?[0-3]\d))(?![A-Za-z\d]))
              | (?P<ylist>(?<![\d.])(?P<yl>{YEAR})(?=(?:{G}(?:、|/|和|及|与|,|，){G}{YEAR})+{G}年))
              | (?P<win>(?<![\d.])(?<!短短)(?<!连续)(?P<wn>{NUM})[ \t]?(?P<wu>年|个月|个交易日|交易日|天|周|个星期)内)
              | (?P<fewn>(?P<fp>{alternation(self.last_n)})(?:的)?(?:{alternation(d['last_n_few']['words'])})(?:个)?(?P<fu>{alternation(self.last_units)})(?:{LN_SUF})?)
              | (?P<yq2>(?<![\d.])(?P<y3>{YEAR}){G}Q(?P<q3>[1-4]))
              | (?P<md>(?<![\d.])(?P<m2>1[0-2]|0?[1-9])(?![\d.]){G}月(?:份|{G}(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d.]){G}[日号](?:{TOD})?)?)
              | (?P<q>(?<![A-Za-z0-9])Q(?P<qn>[1-4])(?![0-9]))
              | (?P<plan>(?<![{self.num.cn_chars}])十(?P<pn>[一二三四五六七八九])五(?![{self.num.cn_chars}]))
              | (?P<rec>{REC_AFTER}(?:逾|近)?(?P<recn>{NUM})(?P<recu>{alternation(self.last_units)})(?:以来|来)?(?={REC_BEFORE}))
              | (?P<rec2>(?<![\d.])(?:逾|近)?(?P<recn2>{NUM})(?P<recu2>{alternation(self.last_units)})(?:以来|来)?(?={rec["strong_before"]}))
              | (?P<lastn>(?P<lp>{alternation(self.last_n)})[ \t]?(?P<ln>{NUM})[ \t]?(?P<lu>{alternation(self.last_units)})(?:{LN_SUF})?)
              | (?P<rely>(?P<ry>{alternation(self.rel_years)})
                    (?:(?P<rm>{MONTH}|{CN_MONTH})月(?:份|(?P<rd>{DAY})[日号](?:{TOD})?)?
                      | (?:前|首)(?P<rfirst>\d{{1,2}}|{CN_MONTH})个?月 | (?P<rq>首季) | (?P<rsame>同期|同月|此时) | (?P<rpart>{PARTS})
                      | (?P<rseason>春季|夏季|秋季|冬季|春天|夏天|秋天|冬天)
                      | (?P<rin>内{_NEIDI}))?)
              | (?P<wk>(?P<wkp>{WKP})?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末])(?:{TOD})?)
              | (?P<ago>(?<![\d.])(?P<an>{NUM}|(?<![十百千两一二三四五六七八九])[几幾数數])多?(?P<au>{alternation(self.ago_units)})多?之?前(?![期端列沿台夕]))
              # 两年后, 一周后, 8个月后, 半年后, 不到两周后: N units after a moment told before, a DATE in the news gold (22
              # of 26 outside a longer span); only after a clause break, 的, 时隔/相隔 or 了/而: after a verb the count is
              # the duration of the act (执掌KDDI七年后, 暫停經營業務6個月後, 满2年后: FIGUREs). Cross-fitted DATE +16 right,
              # +1 false, FIGURE 4 fewer false (session 51)
              | (?P<later>(?:(?<=^)|(?<=[\n，,。；;：:、！？!?（(“"的隔了而]))(?:约|近|不到)?(?P<ln2>{NUM}|半)多?(?P<lu2>{alternation(self.ago_units)})多?之?后(?![{self.since_not_before}]))
              | (?P<firstm>首(?P<fm>\d{{1,2}}|{CN_MONTH}|两)个?月
                  | (?<![此较比的前\d])前(?P<fm2>[3-9]|1[01]|[三四五六七八九]|十一?)个?月(?![前后内底末初份]))
              | (?P<rel>{REL})
            )
            # 至今 before 年 is 至 + 今年 (2020年至今年上半年, 2024年8月至今年2月: news train, extension and dev gold 3 of 3
            # such ranges or 今年… alone; session 55)
            (?P<since>(?!至今年)(?:{alternation(self.since)})|(?<=年)前后|(?:(?<=[年月日节])|(?<=假期))[前后](?![{self.since_not_before}]))?
        """, re.VERBOSE)

    def __call__(self, doc) -> list:
        return self.find(doc)

    def find(self, doc) -> list:
        spans = []
        for m in self.pattern.finditer(doc.norm):
            attrs = self._attrs(m)
            if attrs is None:
                continue
            spans.append([m.start(), m.end(), attrs])
        spans += [[m.start(), m.end(), {"day": int(m.group(1)), "dateline": True}]
                  for m in _DATELINE.finditer(doc.norm)]
        taken = sorted((s, e) for s, e, _ in spans)
        starts, reach = [s for s, _ in taken], []  # reach[i]: the furthest end among taken[:i + 1]
        for _, e in taken:
            reach.append(max(e, reach[-1]) if reach else e)

        def inside(p: int) -> bool:
            i = bisect.bisect_right(starts, p) - 1
            return i >= 0 and reach[i] > p

        spans += [[m.start(), m.end(), {"day": int(m.group(1))}] for m in _BARE_DAY.finditer(doc.norm)
                  if not inside(m.start()) and not _MOVING_AVERAGE.match(doc.norm, m.end())]
        spans += [[m.start(), m.end(), {"year": int(m.group(1)), "month": int(m.group(2)), "day": int(m.group(3))}]
                  for m in _ISO.finditer(doc.norm)]
        for m in _COMPACT_DATE.finditer(doc.norm):
            if not inside(m.start()):
                a = {"year": int(m.group(1)), "month": int(m.group(2)), "day": int(m.group(3))}
                if m.group(4):
                    a = {"from_date": a, "to_date": {"year": int(m.group(4)), "month": int(m.group(5)), "day": int(m.group(6))}}
                spans.append([m.start(), m.end(), a])
        for m in _ASOF_SLASH.finditer(doc.norm):
            if not inside(m.start()):
                a = {"asof": True, "month": int(m.group(2)), "day": int(m.group(3))}
                if m.group(1):
                    a["year"] = int(m.group(1))
                spans.append([m.start(), m.end(), a])
        for m in _SLASH_DATE.finditer(doc.norm):  # 2025/2/8, 22/12/7-12/23, 1/20-2/12, 23/1-23/4, 1/20以来
            if not inside(m.start()):
                a = _slash_date_attrs(m)
                e = m.end()
                if m.group("mds"):
                    e += 2
                    a["since"] = self.since[doc.norm[m.end():e]]
                spans.append([m.start(), e, a])
        for m in _YEAR_NO_NIAN.finditer(doc.norm):  # 2024全年, 2025上半年 (年 left out)
            if not inside(m.start()):
                a = {"year": int(m.group(1))}
                if m.group(2) in self.parts:
                    a["part"] = self.parts[m.group(2)]
                spans.append([m.start(), m.end(), a])
        for m in _YEAR_HEADING.finditer(doc.norm):  # 2024回顾：…, 【2025】展望: a year opening a line as its topic
            if not inside(m.start(1)) and not _EVENT_NAME.match(doc.norm, m.end(1) + (doc.norm[m.end(1)] == "】")):
                spans.append([m.start(1), m.end(1), {"year": int(m.group(1))}])
        for m in _YEAR_BARE.finditer(doc.norm):  # 2025政策基调积极, 展望2025：: a year alone before a word
            s0 = m.start(1)
            line0 = doc.norm.rfind("\n", 0, s0) + 1
            if inside(s0) or _YEAR_BARE_EVENT.match(doc.norm, m.end(1)) or doc.norm.startswith(
                    self.bare_year_not_before, m.end(1)) or any(
                    doc.norm.rfind(o, line0, s0) > doc.norm.rfind(c, line0, s0) for o, c in _TITLE_OPEN.items()):
                continue
            if not any(sp[0] <= s0 < sp[1] for sp in spans):
                spans.append([s0, m.end(1), {"year": int(m.group(1))}])
        for m in _YEAR_LIST.finditer(doc.norm):  # 2024/2025/2026年, 24/25/26年: each year of a slash list
            for y in re.finditer(r"\d+", m.group(0)):
                s0, e0 = m.start() + y.start(), m.start() + y.end()
                if not inside(s0) and not any(sp[0] == s0 for sp in spans):
                    n = int(y.group(0))
                    if n < 100 and e0 == m.end():
                        e0 += 1  # 25/26年: the last two-digit year takes its 年 (the news gold: 9 of 9)
                    spans.append([s0, e0, {"year": n if n > 99 else 2000 + n}])
        for m in _COUNT_SINCE.finditer(doc.norm):  # 七年来, 三十年来, 多年以来: the last N years, with no 近/过去 before
            if inside(m.start()) or doc.norm.endswith(_COUNT_SINCE_NOT_AFTER, 0, m.start()):
                continue
            few = set(m.group("n")) & set("多几数")  # 多年, 数十年, 十几年
            a = {"relative": "last", self.last_units[m.group("u")]: "few"} if few else {}
            if a or self._window(a, "last", m.group("n"), m.group("u")):
                spans.append([m.start(), m.end(), a])
        for m in self.last_range.finditer(doc.norm):  # 未来3-5年, 过去6至7年, 未来12到24个月内: a window of a range
            lo, hi = self.num.parse(m.group("lo")), self.num.parse(m.group("hi"))
            if not inside(m.start()) and lo is not None and hi is not None and 0 < lo < hi:
                spans.append([m.start(), m.end(), {"relative": self.last_n[m.group("p")],
                                                   self.last_units[m.group("u")]: "range", "min": lo, "max": hi}])
        for m in _TOD_CLOCK.finditer(doc.norm):  # 下午2点, 凌晨4点: a time of day with its clock time and no date
            if not inside(m.start()):
                spans.append([m.start(), m.end(), {"time": doc.norm[m.start():m.end()]}])
        spans.sort(key=lambda x: x[0])
        out = []
        norm = doc.norm
        for s, e, a in self._extend(norm, spans):
            if out and out[-1].attrs.get("period_end") and out[-1].start <= s and e <= out[-1].end:
                continue  # inside the as-of date before it, which took its period (截至…的9个月内: _PERIOD_TO)
            if "since" not in a and norm[e - 1:e] in _PART_ENDS:  # 去年11月底以来, 2029年底前 (GUIDELINES N17)
                p = _SINCE_AFTER_PART.match(norm, e)
                if p:
                    e, a = p.end(), {**a, "since": self.since[p.group(1)]}
                elif norm[e:e + 1] in self.since_single and not re.match(f"[{self.since_not_before}]", norm[e + 1:e + 2]):
                    e, a = e + 1, {**a, "since": self.since_single[norm[e]]}
            if a.get("asof"):  # 截至2024年12月31日止年度 / 止6个月: the period that ends there (annual reports)
                p = _PERIOD_TO.match(norm, e)
                if p:
                    e, a = p.end(), {**a, "period_end": True}
                elif norm.startswith("止", e):  # 截至2024年9月30日止: the 止 that closes 截至 is inside (news gold 7 of 7)
                    e += 1
            if "holiday" in a or a.get("relative") in _HOLIDAY_SIDES:
                p = self.holiday_stretch.match(norm, e)
                sided = bool(a.get("since")) or a.get("relative") in _HOLIDAY_SIDES
                if p and p.end() > e and (p.group("side") is None) == sided:
                    extra = {"since": _SIDES[p.group("side")]} if p.group("side") else {}
                    e, a = p.end(), {**a, **extra, "stretch": norm[p.end("side") if p.group("side") else p.start():p.end()]}
            if ("day" in a or a.get("relative") in _DAY_WORDS) and not a.get("dateline"):
                t = self.tod_after.match(doc.norm, e)  # 8日上午, 今天上午, 2月11日午盘: the time of day stays in (R15)
                if t:
                    e = t.end()
            if ("day" in a or a.get("relative") in _DAY_WORDS or "weekday" in a) and not a.get("dateline"):
                c = (_CLOCK if doc.norm.endswith(_CLOCK_TOD, s, e) else _CLOCK_H).match(doc.norm, e)
                if c:  # 周二上午10点, 2月13日19时许, 截至当日18时03分: the clock time stays in too
                    e, a = c.end(), {**a, "time": doc.norm[c.start():c.end()].strip()}
                elif "day" in a and not _ISO_DAY_END.search(doc.norm, s, e):
                    c = _CLOCK_COLON.match(doc.norm, e)
                    if c:  # 3月21日9:30, 截至2025年2月10日 10:04, 2月8日18:00后 (_CLOCK_COLON)
                        e, a = c.end("clock"), {**a, "time": c.group("clock").strip()}
                        if c.group("side"):
                            e, a = c.end(), {**a, "since": _SIDES[c.group("side")]}
            if "day" in a and doc.norm.startswith("当周", e):
                e, a = e + 2, {**a, "week_of": True}  # 截至2025年2月7日当周: the week that ends that day (news gold: 8 of 8)
            if doc.norm.endswith(_BACKREF_YEARS, 0, s) and _MONTH_ONLY.fullmatch(doc.norm, s, e):
                continue  # 同年4月: a back-reference (_BACKREF_YEARS)
            if doc.norm.endswith("农历", 0, s):
                s -= 2  # 农历元宵节, 农历正月初九: the calendar named is part of the date (news gold: 7 of 7)
            out.append(doc.entity("DATE", s, e, a, source="rules"))
        return out

    def _extend(self, norm: str, spans: list) -> list:
        """News date shapes built from the matches (GUIDELINES N17, R15):

        - a part of the month or year right after it: 8月底, 1月初, 10月中旬, 2024年年底, 2024年全年, and after a half
          or quarter (上半年末, 2024Q3末, 第4季末);
        - a day after 本月/上月 (本月十五日) and a second day after a day (2月10日至11日, 2月7日-9日);
        - a month range ending in a month (1-2月, 6—9月);
        - two dates joined by a range separator or written one after the other (7月14日至7月20日,
          1月初-2月7日, 2024年1—11月): one DATE, attrs ``from_date`` / ``to_date`` for a range.
        """
        local = []
        for s, e, a in spans:
            m = _MONTH_PART.match(norm, e) if norm[e - 1:e] in "月季" or norm[e - 2:e] in ("季度", "半年") \
                or _QH_END.match(norm, e - 2) else (
                _YEAR_PART.match(norm, e) if norm[e - 1:e] == "年" else None)  # (2024年四季度末 too)
            if m:  # (a quarter keeps its name: 2024年四季度末 → part "Q4-end")
                part = _PARTS[m.group(1)]
                e, a = m.end(), {**a, "part": f"{a['part']}-{part}" if str(a.get("part", "")).startswith(("Q", "H")) else part}
            elif "part" not in a and (norm[e - 1:e] == "月" and "month" in a and _MONTH_MID.match(norm, e)
                                      or norm[e - 1:e] == "年" and ("year" in a or a.get("relative") == "year")
                                      and _YEAR_MID.match(norm, e) and norm[s - 1:s] not in ("在", "的", "至")):
                e, a = e + 1, {**a, "part": "mid"}
            if norm[e - 1:e] == "月" and norm[s:e] in ("本月", "上月", "下月"):
                m = _DAY_AFTER.match(norm, e)
                if m:
                    e, a = m.end(), {**a, "day": int(self.num.parse(m.group(1)))}
            if norm[e - 1:e] in "日号":
                m = _SECOND_DAY.match(norm, e)
                if m:
                    e, a = m.end(), {"from_date": a, "to_date": {"day": int(m.group(1))}}
            if norm[e - 1:e] == "月" and "day" not in a:
                m = _DAYS_AFTER_MONTH.match(norm, e)  # 3月25-26日 (news gold: 7 of 7, none found before session 40)
                if m:
                    to = {"month": int(m.group(2))} if m.group(2) else {}
                    e, a = m.end(), {"from_date": {**a, "day": int(m.group(1))}, "to_date": {**to, "day": int(m.group(3))}}
            if norm[e - 1:e] == "月" and norm[s:s + 1].isdigit():
                m = _MONTH_FROM.search(norm, max(0, s - 5), s)
                if m and m.end() == s:
                    s, a = m.start(), {"from_date": {"month": int(m.group(1))}, "to_date": a}
            if local and s < local[-1][1]:  # 2024年年底 took in the 年底 matched on its own
                if e > local[-1][1]:
                    local[-1][1] = e
                continue
            local.append([s, e, a])
        out = []
        for s, e, a in local:
            if out:
                ps, pe, pa = out[-1]
                gap = norm[pe:s]
                if pe <= s and (not gap.strip(" \t") or _RANGE_SEP.fullmatch(gap)) and not (
                        gap.strip(" \t") == "" and "from_date" in pa):
                    out[-1] = [ps, max(pe, e), {"from_date": pa, "to_date": a} if gap.strip(" \t") else {**pa, **a}]
                    continue
            out.append([s, e, a])
        return out

    def _window(self, a: dict, relative: str, count: str, unit: str) -> bool:
        """Set a last-/next-N window's attrs (``relative`` and the count in ``unit``, a last_n_units word); False when
        ``count`` is no whole number above 0."""
        n = self.num.parse(count)
        if n is None or n != int(n) or n <= 0:
            return False
        a["relative"] = relative
        a[self.last_units[unit]] = int(n)
        return True

    def _after_year(self, g, a: dict, month: str, day: str, part: str, quarter: str, first: str, same: str,
                    season: str) -> None:
        """The attrs of what may follow a year's 年 (the names of its groups, which the four-digit and the
        two-digit year branches name differently): a month and day, a part (上半年) or quarter (Q3), 前9个月
        (part M1-M9), 最后三个月 (part M10-M12; 最后几个月: last_months), 同期 (same_period), 春季/秋天 (season)."""
        if g(month):
            a["month"] = int(g(month))
        if g(day):
            a["day"] = int(g(day))
        if g(part):
            a["part"] = self.parts[g(part)]
        if g(quarter):
            a["part"] = g(quarter)
        if g(first):
            a["part"] = f"M1-M{self._month(g(first))}"
        if g(same):
            a["same_period"] = True
        if g(season):
            a["season"] = g(season)
        last = g("ylast" if first == "yfirst" else "ylast2")
        if last:
            a["part"] = "last_months" if last == "几" else f"M{13 - self._month(last)}-M12"
        if first == "yfirst" and g("ywin"):
            if g("ywin") == "来":
                a["since"] = "since"
            else:
                a["relative"] = "within"

    def _month(self, text: str) -> int:
        return int(text) if text.isdigit() else int(self.num.parse(text))

    def _attrs(self, m) -> Optional[dict]:
        g = m.group
        a = {}
        if g("hol"):
            a["holiday"] = g("hname")
            if g("hy"):
                y = int(g("hy"))
                a["year"] = y if y >= 100 else 2000 + y
        elif g("fy"):
            y = int(g("fyy"))
            y = y if y >= 100 else 2000 + y
            if g("fyy0"):  # 2025-2027财年: a range of fiscal years
                y0 = int(g("fyy0"))
                if y0 >= y:
                    return None
                a["from"], a["to"], a["part"] = y0, y, "fiscal_year"
            else:
                a["year"], a["part"] = y, "fiscal_year"
        elif g("roc"):
            ry = g("rocy") or g("rocy3")
            n = int(ry) if ry.isdigit() else self.num.parse(ry)
            if n is None:
                return None
            a["year"] = 1911 + int(n)
            if g("rocm"):
                a["month"] = self._month(g("rocm"))
            if g("rocd"):
                a["day"] = int(g("rocd"))
        elif g("range"):
            y1, y2 = int(g("y1")), int(g("y2"))
            if y1 >= y2:
                return None
            a["from"], a["to"] = y1, y2
        elif g("ymd"):
            y = g("y")
            a["year"] = int(y) if y.isdigit() else int(self.num.parse_chinese(y))
            self._after_year(g, a, "m", "d", "ypart", "yq", "yfirst", "ysame", "yseason")
        elif g("ymd2"):  # a two-digit year, only with a month, part or period after it (24年3月, 24年四季度)
            a["year"] = 2000 + int(g("y2d"))
            self._after_year(g, a, "m3", "d3", "ypart2", "yq4", "yfirst2", "ysame2", "yseason2")
        elif g("y2bare"):  # 25年PE: a bare two-digit year (kept only where the FIGURE recognizer sees no duration)
            a["year"] = 2000 + int(g("yb"))
        elif g("range2"):  # 24-26年: a range of two-digit years
            y1, y2 = 2000 + int(g("ra2")), 2000 + int(g("rb2"))
            if y1 >= y2:
                return None
            a["from"], a["to"] = y1, y2
        elif g("yest"):  # 2025E, 2025-26E: estimate years of broker notes
            y1 = int(g("yea"))
            if g("yeb"):
                y2 = y1 // 100 * 100 + int(g("yeb"))
                if y2 <= y1:
                    return None
                a["from"], a["to"] = y1, y2
            else:
                a["year"] = y1
            a["estimate"] = True
        elif g("ymon"):  # 2024M12: a month written as statistics tables do
            a["year"], a["month"] = int(g("ymy")), int(g("ymm"))
        elif g("qab"):  # 24Q4, 4Q24, 1H25: a quarter or half of a two- or four-digit year
            y = int(g("qy1") or g("qy2"))
            a["year"] = y if y >= 100 else 2000 + y
            kind, n = (g("qk1"), g("qn1")) if g("qk1") else (g("qk2"), g("qn2"))
            if kind == "H" and n not in "12":
                return None
            a["part"] = kind + n
        elif g("ylist"):  # 2023、2024年: a year of a list that ends in 年
            a["year"] = int(g("yl"))
        elif g("win"):  # 5年内, 三个月内: a window ending or starting now (GUIDELINES R15)
            n = self.num.parse(g("wn"))
            if n is None or n <= 0:
                return None
            a["relative"] = "within"
            a[_WINDOW_UNITS[g("wu")]] = n
        elif g("fewn"):  # 过去几年, 未来几个月
            a["relative"] = self.last_n[g("fp")]
            a[self.last_units[g("fu")]] = "few"
        elif g("yq2"):
            a["year"], a["part"] = int(g("y3")), "Q" + g("q3")
        elif g("md"):
            a["month"] = int(g("m2"))
            if g("d2"):
                a["day"] = int(g("d2"))
        elif g("dec"):  # 90年代, 上世纪30年代 (上世纪: the 1900s)
            dy = int(g("dy"))
            a["decade"] = dy if dy >= 1000 else 1900 + dy
        elif g("cent"):  # 20世纪末: the century
            a["century"] = int(g("cn"))
        elif g("dec2"):  # 七八十年代: from the 1970s to the 1980s
            d1, d2 = (1900 + 10 * int(self.num.digits[g(k)]) for k in ("dc1", "dc2"))
            if d2 != d1 + 10:
                return None
            a["from_date"], a["to_date"] = {"decade": d1}, {"decade": d2}
        elif g("q"):
            a["part"] = "Q" + g("qn")
        elif g("plan"):
            n = 10 + int(self.num.digits[g("pn")])
            first = self.plan_base + 5 * (n - self.plan_base_n)
            a["plan"] = g("plan")
            a["from"], a["to"] = first, first + 4
        elif g("rec"):  # 创4个月新高: the last four months
            if not self._window(a, "last", g("recn"), g("recu")):
                return None
        elif g("rec2"):  # 逾8年新低, 4个月高位: a record word alone (dates.json record_window strong_before)
            if not self._window(a, "last", g("recn2"), g("recu2")):
                return None
        elif g("lastn"):  # 近3年, 未来两个月
            if not self._window(a, self.last_n[g("lp")], g("ln"), g("lu")):
                return None
        elif g("rely"):
            a["relative"] = "year"
            a["offset"] = self.rel_years[g("ry")]
            if g("rpart"):
                a["part"] = self.parts[g("rpart")]
            if g("rm"):
                a["month"] = self._month(g("rm"))
            if g("rd"):
                a["day"] = int(g("rd"))
            if g("rfirst"):
                a["part"] = f"M1-M{self._month(g('rfirst'))}"
            if g("rq"):
                a["part"] = "Q1"
            if g("rsame"):
                a["same_period"] = True
            if g("rseason"):
                a["season"] = g("rseason")
            if g("rin"):  # 今年內上市, 預計在今年內開服: within the year (news gold 2 of 2, the 内 was left out; session 51)
                a["within"] = True
        elif g("wk"):
            a["relative"] = "weekday"
            a["weekday"] = g("wd")
            if g("wkp"):
                a["week"] = g("wkp")
        elif g("ago") and g("an") in _FEW_AGO:  # 几天前, 几个月前: a vague count ago (_FEW_AGO)
            a["relative"] = "ago"
            a[self.ago_units[g("au")]] = "few"
        elif g("ago"):
            n = self.num.parse(g("an"))
            if n is None or n <= 0:
                return None
            a["relative"] = "ago"
            a[self.ago_units[g("au")]] = n
        elif g("later"):  # 两年后, 一周后, 8个月后, 半年后: N units after a moment told before (GUIDELINES R15)
            n = 0.5 if g("ln2") == "半" else self.num.parse(g("ln2"))
            if n is None or n <= 0:
                return None
            a["relative"] = "later"
            a[self.ago_units[g("lu2")]] = float(n) if n != int(n) else int(n)
        elif g("firstm"):  # 首8个月: a year's first months, the year unstated (dates.json _why_first_n)
            a["part"] = f"M1-M{self._month(g('fm') or g('fm2'))}"  # 前9个月 alone too (_why_first_n)
        elif g("rel"):
            v = self.relative[g("rel")]
            a["part" if v in self._part_values else "relative"] = v
        else:  # pragma: no cover - a match always takes one branch
            return None
        if g("asof"):
            a["asof"] = True
        if g("since"):
            # 2016年前后: around a year, 前后 inside (news gold 2 of 2; a holiday's 前后 is its stretch; session 56: cross-fitted
            # DATE 7046/275/442 -> 7048/273/440)
            a["since"] = self.since.get(g("since")) or ("around" if g("since") == "前后" else self.since_single[g("since")])
        return a


def _slash_date_attrs(m) -> dict:
    """The attrs of a :data:`_SLASH_DATE` match: year, month, day of each end (a two-digit year is 20xx; a range's
    second end without a year takes the first end's year)."""
    def ymd(text: str) -> dict:
        parts = [int(x) for x in text.split("/")]
        if len(parts) == 2:
            return {"month": parts[0], "day": parts[1]}
        y = parts[0] if parts[0] >= 100 else 2000 + parts[0]
        return {"year": y, "month": parts[1], "day": parts[2]}

    def ym(text: str) -> dict:
        y, mo = (int(x) for x in text.split("/"))
        return {"year": 2000 + y, "month": mo}

    g = m.group
    if g("ymd"):
        a = ymd(g("ymd")[:len(g("ymd")) - len(g("time") or "")])
        if g("time"):
            a["time"] = g("time").strip()
        if g("ymd2"):
            b = ymd(g("ymd2"))
            b.setdefault("year", a["year"])
            a = {"from_date": a, "to_date": b}
        return a
    if g("md"):
        return {"from_date": ymd(g("md")), "to_date": ymd(g("md2"))}
    if g("ym"):
        return {"from_date": ym(g("ym")), "to_date": ym(g("ym2"))}
    return ymd(g("mds"))


@lru_cache(maxsize=1)
def default_recognizer() -> DateRecognizer:
    return DateRecognizer()


def find_dates(doc) -> List:
    """DATE entities in ``doc`` (reads ``doc.norm``); ``[]`` when none."""
    return default_recognizer().find(doc)
