"""DATE recognizer: fragments of the seed documents and the relative-time words of SCHEMA §2."""
import pytest

from extract.doc import Document
from extract.stages.recognizers import find_dates, find_figures
from extract.textnorm import normalize


def make_doc(text: str) -> Document:
    d = Document(text)
    d.norm, d.script = normalize(text)
    return d


def dates(text: str) -> dict:
    return {e.text: e for e in find_dates(make_doc(text))}


# (fragment, span, attrs without norm)
CASES = [
    ("當歷史的指針撥向2025年末,上海在打造", "2025年末", {"year": 2025, "part": "end"}),
    ("截至2025年10月,在滬上市企業中", "截至2025年10月", {"year": 2025, "month": 10, "asof": True}),
    ("截至2025年7月,僅市級專精特新中小企業數量", "截至2025年7月", {"year": 2025, "month": 7, "asof": True}),
    ("“小巨人”們堪稱“研發投入的巨人”,2024年戶均研發經費", "2024年", {"year": 2024}),
    ("根據規劃,到“十五五”期末(約2030年)", "十五五", {"plan": "十五五", "from": 2026, "to": 2030}),
    ("根據規劃,到“十五五”期末(約2030年)", "2030年", {"year": 2030}),
    ("而它的未來,建立在更廣闊的培育基礎之上。去年營收", "去年", {"relative": "year", "offset": -1}),
    ("在目前未上市的“小巨人”企業中", "目前", {"relative": "now"}),
    ("如今在張江AI小鎮,我在一個星期內", "如今", {"relative": "now"}),
    ("是硬科技賽道近年來的大額融資之一", "近年來", {"relative": "recent_years"}),
    ("2025年末,中國專精特新“小巨人”企業版圖上", "2025年末", {"year": 2025, "part": "end"}),
    ("而在2019年國家層面正式啟動培育計畫後", "2019年", {"year": 2019}),
    ("2022年超越寧波實現“四進三”,到2023年超越上海", "2023年", {"year": 2023}),
    ("按照目前深圳已上市“小巨人”企業71億元的平均市值", "目前", {"relative": "now"}),
    ("僅2024年,深圳通過“鏈主企業+配套企業”模式", "2024年", {"year": 2024}),
    ("胡润研究院发布的2025年全球独角兽榜显示", "2025年", {"year": 2025}),
    ("**15**家企业近3年营业收入复合增长率超**30%**", "近3年", {"relative": "last", "years": 3}),
    ("2024年度上海市科学技术奖获奖名单显示", "2024年度", {"year": 2024, "part": "year"}),
    ("《上海市促进高成长企业加快发展三年行动方案(2025—2027年)》", "2025—2027年", {"from": 2025, "to": 2027}),
    ("到2027年，推动高成长企业规模突破1000家", "2027年", {"year": 2027}),
    ("自 2019 年以来，我国累计培育四批专精特新“小巨人”企业", "2019 年以来", {"year": 2019, "since": "since"}),
    ("已接近完成工信部提出的“十四五”一万家目标", "十四五", {"plan": "十四五", "from": 2021, "to": 2025}),
    ("远超过工信部对“十四五”\n期间中小企业发展的相关目标", "十四五", {"plan": "十四五", "from": 2021, "to": 2025}),
    ("2013 年 7 月，工信部发布《关于促进中小企业 “专精特新”发展的指导意见》", "2013 年 7 月", {"year": 2013, "month": 7}),
    ("2018 年底，工信部《工业和信息化部办公厅关于开展", "2018 年底", {"year": 2018, "part": "end"}),
    ("2021\n年，工信部发布《“十四五”促进中小企业发展规划》", "2021\n年", {"year": 2021}),
    ("除特别说明，报告内专利、上市等各项数据统计均截至 2022 年 6 月 30 日。", "截至 2022 年 6 月 30 日",
     {"year": 2022, "month": 6, "day": 30, "asof": True}),
    ("注：员工规模采用企业“参保人数”口径，统计截至 2022 年 6月 30 日", "截至 2022 年 6月 30 日",
     {"year": 2022, "month": 6, "day": 30, "asof": True}),
    ("图 1.1  截至 2022 年 9 月四批专精特新“小巨人”企业累计培育数量", "截至 2022 年 9 月",
     {"year": 2022, "month": 9, "asof": True}),
    ("全国企业数采用国家统计局 2021 年的企业法人单位数据", "2021 年", {"year": 2021}),
    ("为 2021 年度\n数据", "2021 年度", {"year": 2021, "part": "year"}),
    ("截至目前，智慧芽已经服务全球 50 多个国家", "截至目前", {"relative": "now", "asof": True}),
    ("技术增长反映\n近期的技术体量", "近期", {"relative": "recent"}),
    ("| 北京旷视科技有限公司 | 人工智能 | 计算机视觉平台 | 2011年 | 1000-5000人 |", "2011年", {"year": 2011}),
    ("## 5. 按地区分布统计（截至2025年）", "截至2025年", {"year": 2025, "asof": True}),
    ("- 信息截至2025年12月", "截至2025年12月", {"year": 2025, "month": 12, "asof": True}),
    # SCHEMA examples and relative times tied to the writing date
    ("本周，工信部公示了名单", "本周", {"relative": "this_week"}),
    ("上周发布的榜单", "上周", {"relative": "last_week"}),
    ("今年以来，上海新增", "今年以来", {"relative": "year", "offset": 0, "since": "since"}),
    ("近日，深圳发布", "近日", {"relative": "recent"}),
    ("2025年上半年营收增长", "2025年上半年", {"year": 2025, "part": "H1"}),
    ("一季度新增企业", "一季度", {"part": "Q1"}),
    ("2025年Q3财报", "2025年Q3", {"year": 2025, "part": "Q3"}),
    ("年内有望上市", "年内", {"relative": "this_year"}),
    ("近五年累计投资", "近五年", {"relative": "last", "years": 5}),
    ("2025年11月17日，名单公示", "2025年11月17日", {"year": 2025, "month": 11, "day": 17}),
    ("11月17日，名单公示", "11月17日", {"month": 11, "day": 17}),
    ("2025-2027年", "2025-2027年", {"from": 2025, "to": 2027}),
    ("2019年以来", "2019年以来", {"year": 2019, "since": "since"}),
    ("去年底，上海", "去年底", {"relative": "year", "offset": -1, "part": "end"}),
    ("上世纪90年代", "上世纪90年代", {"decade": 1990}),  # the century word is inside (news gold 3 of 3)
    ("２０２５年末", "２０２５年末", {"year": 2025, "part": "end"}),
    # constructed: every branch of the pattern, at position 0
    ("二〇二五年发布", "二〇二五年", {"year": 2025}),
    ("2025Q3营收", "2025Q3", {"year": 2025, "part": "Q3"}),
    ("Q2营收", "Q2", {"part": "Q2"}),
    ("90年代", "90年代", {"decade": 1990}),
    ("1990年代", "1990年代", {"decade": 1990}),
    # the decade of 2000, a space before 年代 and the decade's beginning inside (news gold 5 of 5; session 56)
    ("百强县之一。2000年代，海盐的工业", "2000年代", {"decade": 2000}),
    ("海盐的工业从1970 年代就开始起步", "1970 年代", {"decade": 1970}),
    ("所以我们从1980年代初开始", "1980年代初", {"decade": 1980}),
    ("改革开放以后，1980年代初期开始", "1980年代初期", {"decade": 1980}),
    # 伊始 after a date is inside it (news gold 6 of 6; session 56)
    ("2025年伊始，欧洲股市迎来了", "2025年伊始", {"year": 2025, "since": "begin"}),
    ("视觉中国  蛇年伊始，机器人等", "蛇年伊始", {"relative": "lunar_year", "since": "begin"}),
    # 前后 after a year is inside it (news gold 2 of 2; session 56)
    ("8亿元。  2016年前后外资乳业品牌涌入", "2016年前后", {"year": 2016, "since": "around"}),
    ("2023-2024年", "2023-2024年", {"from": 2023, "to": 2024}),
    ("近1年", "近1年", {"relative": "last", "years": 1}),
    ("营收见2024年", "2024年", {"year": 2024}),  # at the very end of the text
    # news classes (GUIDELINES N17, R15, Q2), constructed sentences
    ("2025年春节假期，出游人次增长", "2025年春节假期", {"holiday": "春节", "year": 2025}),
    ("春节期间，出游人次增长", "春节", {"holiday": "春节"}),  # 期间 stays outside
    ("较19年春节同期增长", "19年春节同期", {"holiday": "春节", "year": 2019}),
    ("大年初十开工", "大年初十", {"holiday": "大年初十"}),
    ("今年7月，公司发布", "今年7月", {"relative": "year", "offset": 0, "month": 7}),
    ("去年12月份营收", "去年12月份", {"relative": "year", "offset": -1, "month": 12}),
    ("今年前10月出口", "今年前10月", {"relative": "year", "offset": 0, "part": "M1-M10"}),
    ("较去年同期增长", "去年同期", {"relative": "year", "offset": -1, "same_period": True}),
    ("公司上周五宣布", "上周五", {"relative": "weekday", "weekday": "五", "week": "上"}),
    ("昨日，公司宣布", "昨日", {"relative": "yesterday"}),
    ("經濟部昨發布報告", "昨", {"relative": "yesterday"}),
    # a bare 今 before a verb is today in Hong Kong news (dates.json _why_jin)
    ("控方今於區院讀出開案陳詞", "今", {"relative": "today"}),
    ("上海儲能超級工廠今投產 料年產1萬部", "今", {"relative": "today"}),
    ("2月7日上午，发布会", "2月7日上午", {"month": 2, "day": 7}),
    ("截至2月13日收盘", "截至2月13日收盘", {"month": 2, "day": 13, "asof": True}),
    ("公司9年前成立", "9年前", {"relative": "ago", "years": 9}),
    # a vague count ago (dates._FEW_AGO): 几天前 … 几年前 are DATEs, attr few; 十几年前 is not cut to 几年前
    ("就在几天前，2月10日", "几天前", {"relative": "ago", "days": "few"}),
    ("几个月前，他决定进行", "几个月前", {"relative": "ago", "months": "few"}),
    ("就像他们几年前回避化石燃料", "几年前", {"relative": "ago", "years": "few"}),
    ("2023财年营收", "2023财年", {"year": 2023, "part": "fiscal_year"}),
    ("民國115年產值", "民國115年", {"year": 2026}),
    ("電子資訊業114年受惠", "114年", {"year": 2025}),
    # news-train classes (session 18): a year's first months, same period and season; two-digit years with a
    # month or part; quarter abbreviations; years listed before 年; windows; few-year spans; relative words
    ("图达通2024年前9个月营收", "2024年前9个月", {"year": 2024, "part": "M1-M9"}),
    ("较2024年同期增长", "2024年同期", {"year": 2024, "same_period": True}),
    ("2025年春季发布", "2025年春季", {"year": 2025, "season": "春季"}),
    ("计划于2025年内实现商用", "2025年内", {"year": 2025, "relative": "within"}),
    ("2024年来股价上涨", "2024年来", {"year": 2024, "since": "since"}),
    ("24年3月，写入报告", "24年3月", {"year": 2024, "month": 3}),
    ("从24年四季度机构持仓看", "24年四季度", {"year": 2024, "part": "Q4"}),
    ("公司4Q24营收符合预期", "4Q24", {"year": 2024, "part": "Q4"}),
    ("24Q4为39亿美元", "24Q4", {"year": 2024, "part": "Q4"}),
    ("1H25展望", "1H25", {"year": 2025, "part": "H1"}),
    ("2022、2023、2024年同期水位", "2022", {"year": 2022}),
    ("AI将在5年內帶來影響", "5年內", {"relative": "within", "years": 5}),
    ("三个月内完成", "三个月内", {"relative": "within", "months": 3}),
    ("过去几年里", "过去几年", {"relative": "last", "years": "few"}),
    ("未来几个月内", "未来几个月内", {"relative": "next", "months": "few"}),
    ("创近1月新高", "近1月", {"relative": "last", "months": 1}),
    ("今年春季上市", "今年春季", {"relative": "year", "offset": 0, "season": "春季"}),
    ("较去年同月增长", "去年同月", {"relative": "year", "offset": -1, "same_period": True}),
    ("恒指今早高开", "今早", {"relative": "today"}),
    ("截至发稿，涨3%", "截至发稿", {"relative": "now"}),
    ("上个月的就职典礼", "上个月", {"relative": "last_month"}),
    ("目前为止没有", "目前为止", {"relative": "now"}),
    ("预计24-26年归母净利润", "24-26年", {"from": 2024, "to": 2026}),
    ("2025-26E股东净利润预测", "2025-26E", {"from": 2025, "to": 2026, "estimate": True}),
    ("2025E营收", "2025E", {"year": 2025, "estimate": True}),
    ("2024M12社零增速", "2024M12", {"year": 2024, "month": 12}),
    ("25年PE趋向可比公司", "25年", {"year": 2025}),
    ("該公司在 18 日宣布完成融資", "18 日", {"day": 18}),  # a space before 日 (Taiwanese text)
    ("七年来，公司营收翻了一番", "七年来", {"relative": "last", "years": 7}),
    ("2024全年数据公布后", "2024全年", {"year": 2024}),
    ("预计2024/2025/2026年营收", "2025", {"year": 2025}),
    ("当前股价对应25/26年PE", "25", {"year": 2025}),
    ("大盘成长的25/26年的净利润预测均被上调", "26年", {"year": 2026}),  # the last of a slash list takes its 年
    ("来源于民生证券20250119《固态电池技术》", "20250119", {"year": 2025, "month": 1, "day": 19}),
    ("上周(20250203-20250207)美元指数继续回落", "20250203-20250207",
     {"from_date": {"year": 2025, "month": 2, "day": 3}, "to_date": {"year": 2025, "month": 2, "day": 7}}),
    ("2025上半年海外收入", "2025上半年", {"year": 2025, "part": "H1"}),
    ("核心观点\n2024回顾：业绩保持稳健", "2024", {"year": 2024}),  # a year opening a line as its topic
    ("华泰证券分析4季度货币政策执行报告", "4季度", {"part": "Q4"}),  # a quarter written with a digit
    ("白酒股2025年1季度的业绩", "2025年1季度", {"year": 2025, "part": "Q1"}),
    ("行业动态\n【2025】展望：政策支撑", "2025", {"year": 2025}),
    # a year alone inside a sentence before a word (session 52 p3, _YEAR_BARE)
    ("息差或仍承压。2025政策基调积极", "2025", {"year": 2025}),
    ("三大机构对2025全球原油需求预测分别为", "2025", {"year": 2025}),
    ("（二）展望2025：济川药业、华东医药", "2025", {"year": 2025}),
    ("公司有望在未来3-5年率先盈利", "未来3-5年", {"relative": "next", "years": "range", "min": 3, "max": 5}),
    ("将在未来12至24个月内支付", "未来12至24个月内", {"relative": "next", "months": "range", "min": 12, "max": 24}),
    ("活动于下午2点开始", "下午2点", {"time": "下午2点"}),
    ("周二上午10点他将发言", "周二上午10点", {"relative": "weekday", "weekday": "二", "time": "10点"}),
    ("2月13日19时许，现场", "2月13日19时许", {"month": 2, "day": 13, "time": "19时许"}),
    ("多年以来，当地一直", "多年以来", {"relative": "last", "years": "few"}),
    ("数十年来，当地一直", "数十年来", {"relative": "last", "years": "few"}),
    ("截至2025年1月31日当周，基金净流入", "截至2025年1月31日当周",
     {"year": 2025, "month": 1, "day": 31, "asof": True, "week_of": True}),
    # a since suffix after a part of a month or year; 止 closing 截至; 末 after a half or quarter (session 28)
    ("去年11月底以来，一切都在变", "去年11月底以来", {"relative": "year", "offset": -1, "month": 11, "part": "end", "since": "since"}),
    ("2029年底前将完成", "2029年底前", {"year": 2029, "part": "end", "since": "before"}),
    ("截至2024年9月30日止，宁德时代", "截至2024年9月30日止", {"year": 2024, "month": 9, "day": 30, "asof": True}),
    ("去年上半年末，减少了2家", "去年上半年末", {"relative": "year", "offset": -1, "part": "H1-end"}),
    ("截至2024Q3末存货规模", "截至2024Q3末", {"year": 2024, "part": "Q3-end", "asof": True}),
    ("春节后的第一场交易", "春节后", {"holiday": "春节", "since": "after"}),
    ("港股兩個月來高位", "兩個月來", {"relative": "last", "months": 2}),
    ("指数创六周来最大跌幅", "六周来", {"relative": "last", "weeks": 6}),
    ("恒指创10年來的新高", "10年來", {"relative": "last", "years": 10}),  # the 来 of a record window is inside
    # a year's last N months and a season in its 天 form stay inside the year's DATE (session 54 r2bnd)
    ("2024年最后三个月约有3.6%的债务逾期", "2024年最后三个月", {"year": 2024, "part": "M10-M12"}),
    ("在2024年最后几个月连续三次降息", "2024年最后几个月", {"year": 2024, "part": "last_months"}),
    ("2020 年秋天，距离小鹏P7发布没多久", "2020 年秋天", {"year": 2020, "season": "秋天"}),
    # a holiday's film season keeps 档 inside (dates.json holiday_suffixes; session 54 r2bnd)
    ("2025年春节档，中国电影与消费电子市场", "2025年春节档", {"holiday": "春节", "year": 2025}),
    ("传媒表现受益于春节档票房", "春节档", {"holiday": "春节"}),
]


@pytest.mark.parametrize("text, span, attrs", CASES)
def test_date(text, span, attrs):
    found = dates(text)
    assert span in found, f"{span!r} not in {list(found)}"
    e = found[span]
    assert e.type == "DATE"
    assert {k: v for k, v in e.attrs.items() if k != "norm"} == attrs


NEGATIVES = [
    ("中國市場已今非昔比", "今"), ("該單位是今批唯一的三房單位", "今"), ("古今中外的企業", "今"),
    ("联合主办的2025商业航天大会暨展览会", "2025"),  # an event's name (_YEAR_BARE_EVENT)
    ("。2025商业航天大会暨展览会", "2025"),
    ("金价升至2035美元", "2035"),  # a unit after it: an amount
    ("5日均线连续穿越20日、30日、60日均线", "5日"),  # the window of a moving average (_MOVING_AVERAGE)
    ("5日均线连续穿越20日、30日、60日均线", "30日"),
    ("同年4月，青岛银行再有两位副行长", "4月"),  # a month of a year told before (_BACKREF_YEARS)
    ("當年12月，公司收到證監會", "12月"),
    ("登上《2024胡润中国人工智能企业50强》", "2024"),  # inside a title
    ("股价20日一时大涨", "20日一时"),  # 一时 (for a while) is no clock time
    ("2025/09/14 奪冠", "2025"),  # a whole date, not a list of years
    ("恒指收报20,000点，跌94点", "94点"),  # index points are FIGUREs, not clock times
    ("该公司成立12年来首次亏损", "12年来"),  # the age of a company, not a window
    ("过去20年来看，增速放缓", "20年来"),
    ("2024 年 9 月 12 日宣布", "12 日"),  # the day of a full date is not a second DATE
    ("兌 100 日元", "100 日"),
    ("此前，深圳已超越上海", "此前"),
    ("此后，幾乎一年邁上一個新台階", "此后"),
    ("是上海創新實力的現在進行時", "現在"),
    ("智慧芽《2022 专精特新“小巨人”企业科创能力报告》", "2022"),
    ("平均成立年限为 13年", "13年"),
    ("比第一批“小巨人”平均“年轻六岁”", "六岁"),
    ("北京地平线机器人技术研发有限公司 | 港交所:09660", "0966"),
    ("目前为止没有", "目前"),
    ("两〇二五年", "两〇二五年"),  # 两 is no digit of a year read digit by digit
    ("2024-2024年", "2024-2024年"),  # an empty range
    ("近0年", "近0年"),
    ("近十四五年", "近十四五年"),  # a malformed numeral: refused, not a crash
    ("二X二五年", "二X二五年"),
    ("元宵节晚会在京举行", "元宵"),  # a holiday word inside a name of an event
    ("成立114年历史", "114年"),  # a count of years, not a 民国 year
    ("2024年前三个月", "2024年前"),
    ("现在的技术", "现在"),
    ("当日收盘价", "当日"),  # a back-reference (that day), like 此前: never gold in the news train split
    ("经营25年的老店", "25年"),  # a two-digit year needs a month, part or period after it
    ("2024年来自海外的收入", "2024年来"),
    ("CR10集中度", "CR10"),
    ("A1Q3型号", "1Q3"),  # letters around: no quarter
    ("3H25", "3H25"),  # no third half
    ("26-24年", "26-24年"),  # a range must rise
    ("13F披露文件", "13F"),
    ("订单号20250119123已发货", "20250119"),  # eight digits inside a longer number, or in a URL: no date
    ("详见https://x.com/20250119/a", "20250119"),
    ("报道\n【2025】全球开发者先锋大会开幕", "2025"),  # the year of an event's or a list's name
    ("报道\n2025全球最佳企業名單出爐", "2025"),
    ("型号\n2024款车型", "2024"),
    ("第14季度", "4季度"), ("累计24季度", "4季度"),  # a digit quarter after another digit or 第
]


@pytest.mark.parametrize("text, not_span", NEGATIVES)
def test_not_a_date(text, not_span):
    assert not_span not in dates(text)


def test_year_is_date_and_never_figure():
    d = make_doc("在2024年完成了超15億元的C輪融資")
    assert [e.text for e in find_dates(d)] == ["2024年"]
    assert [e.text for e in find_figures(d)] == ["超15億元"]


def test_last_n_years_is_date_but_duration_after_verb_is_figure():
    d = make_doc("近3年营业收入复合增长率")
    assert [e.text for e in find_dates(d)] == ["近3年"] and find_figures(d) == []
    d = make_doc("平均成立近16年")
    assert [e.text for e in find_figures(d)] == ["近16年"]


def test_no_dates_gives_empty_list():
    assert find_dates(make_doc("专精特新“小巨人”企业")) == []


def test_a_refused_match_does_not_end_the_search():
    found = dates("2024-2024年，2023年，近0年，Q1")
    assert sorted(found) == ["2023年", "Q1"]
    assert {e.source for e in found.values()} == {"rules"}


@pytest.mark.parametrize("text, span, attrs", [
    ("截至2025年1月底，全国", "截至2025年1月底", {"year": 2025, "month": 1, "part": "end", "asof": True}),
    ("去年8月底接手", "去年8月底", {"relative": "year", "offset": -1, "month": 8, "part": "end"}),
    ("10月中旬完成", "10月中旬", {"month": 10, "part": "mid"}),
    ("2024年年底的规模", "2024年年底", {"year": 2024, "part": "end"}),
    ("2024年全年，上述", "2024年全年", {"year": 2024, "part": "year"}),
    ("本月十五日掛牌", "本月十五日", {"relative": "this_month", "day": 15}),
    ("2月10日至11日，广东", "2月10日至11日", {"from_date": {"month": 2, "day": 10}, "to_date": {"day": 11}}),
    ("1-2月受到假期影响", "1-2月", {"from_date": {"month": 1}, "to_date": {"month": 2}}),
    ("7月14日至7月20日共有", "7月14日至7月20日", {"from_date": {"month": 7, "day": 14}, "to_date": {"month": 7, "day": 20}}),
    ("2024年1—11月，全市", "2024年1—11月", {"year": 2024, "from_date": {"month": 1}, "to_date": {"month": 11}}),
    ("（中央社記者台北25日電）人工智慧", "25日", {"day": 25, "dateline": True}),
    ("发布时间:2017-12-21 21:55:41来源", "2017-12-21 21:55:41", {"year": 2017, "month": 12, "day": 21}),
    ("公司20日宣布完成融资", "20日", {"day": 20}),                       # a day alone
    ("截至2024年四季度末，存款", "截至2024年四季度末", {"year": 2024, "part": "Q4-end", "asof": True}),
    ("今年第二季度初上线", "今年第二季度初", {"relative": "year", "offset": 0, "part": "Q2-begin"}),
    ("本季度营收增长", "本季度", {"relative": "this_quarter"}),
    ("上季度营收增长", "上季度", {"relative": "last_quarter"}),
])
def test_news_date_shapes(text, span, attrs):
    (d,) = find_dates(make_doc(text))
    assert (d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) == (span, attrs)


@pytest.mark.parametrize("text", ["1月初步完成", "编号2023-04-215", "共15日元", "8元到3元", "30日内完成", "第3日起",
                                  "每3/5日一次"])
def test_news_date_shapes_leave_look_alikes(text):
    assert [d.text for d in find_dates(make_doc(text))] in ([], ["1月"])


@pytest.mark.parametrize("text, span, since", [("在 2024 年之前，他", "2024 年之前", "before"), ("成立于2000年之后的公司", "2000年之后", "after"),
                                               ("须在12月31日前提交", "12月31日前", "before"), ("春节后复工", "春节后", "after"),
                                               ("2025年前景看好", "2025年", None), ("2024年后续发展", "2024年", None),
                                               ("5月后期", "5月", None)])
def test_before_and_after_stay_inside_the_date(text, span, since):
    """GUIDELINES R15: a trailing 之前 / 之后 is inside the DATE span."""
    (d,) = find_dates(make_doc(text))
    assert (d.text, d.attrs.get("since")) == (span, since)


def test_a_window_date_wins_over_the_figure_of_its_extent():
    from extract.pipeline import load
    doc = load("rules")("科創50指數近2周累計下跌")
    assert [(e.text, e.type) for e in doc.entities if e.type in ("DATE", "FIGURE")] == [("近2周", "DATE")]


def test_a_zodiac_year_before_the_gala_is_no_date():
    assert find_dates(make_doc("央视蛇年春晚《秧BOT》")) == []


def test_a_count_of_months_elsewhere_stays_a_duration():
    assert find_dates(make_doc("连续4个月回升")) == []


@pytest.mark.parametrize("text, span", [
    ("夏寶龍於8日上午在橫琴", "8日上午"), ("2月11日午盘，公司", "2月11日午盘"), ("今天上午，根据", "今天上午"),
    ("昨日收盘价向下突破", "昨日"),  # 收盘价 is a price, not a time
])
def test_a_time_of_day_after_a_day_stays_in_the_date(text, span):
    """GUIDELINES R15: a trailing time-of-day word is inside the DATE, after a day alone or a one-day word too."""
    assert [d.text for d in find_dates(make_doc(text))] == [span]


# GUIDELINES R15 and the session-19 shapes of dates.json: windows in any calendar unit and with a vague count,
# the window of a record, one-day and period words, reporting periods and ranges of fiscal years
@pytest.mark.parametrize("text, span, attrs", [
    ("过去几周，美股", "过去几周", {"relative": "last", "weeks": "few"}),
    ("未來數年內，公司", "未來數年內", {"relative": "next", "years": "few"}),
    ("过去的几年里", "过去的几年", {"relative": "last", "years": "few"}),
    ("近十几年来", "近十几年来", {"relative": "last", "years": "few"}),
    ("过去两日累计", "过去两日", {"relative": "last", "days": 2}),
    ("从近3个交易日来看", "近3个交易日", {"relative": "last", "trading_days": 3}),  # 来看 is no 来
    ("最近一个季度", "最近一个季度", {"relative": "last", "quarters": 1}),
    ("作为蛇年港股IPO市场的首单", "蛇年", {"relative": "lunar_year"}),
    ("参保率由上一年的304万", "上一年", {"relative": "year", "offset": -1}),
    ("截至收盘，恒指跌", "截至收盘", {"relative": "now"}),
    ("本季营收增长", "本季", {"relative": "this_quarter"}),
    ("恢复至疫情前水平", "疫情前", {"relative": "before_pandemic"}),
    ("恒指、国指创4个月高，科指", "4个月", {"relative": "last", "months": 4}),
    ("創52周高，見107", "52周", {"relative": "last", "weeks": 52}),
    ("大市衝上4個月高位", "4個月", {"relative": "last", "months": 4}),
    ("預計未來 12 個月內營收持平", "未來 12 個月內", {"relative": "next", "months": 12}),
    ("截至2024年12月31日止年度，按", "截至2024年12月31日止年度",
     {"year": 2024, "month": 12, "day": 31, "asof": True, "period_end": True}),
    ("截至2024年10月31日的9个月内，营收", "截至2024年10月31日的9个月内",
     {"year": 2024, "month": 10, "day": 31, "asof": True, "period_end": True}),
    ("截至2024年12月31日止的季度，大手", "截至2024年12月31日止的季度",
     {"year": 2024, "month": 12, "day": 31, "asof": True, "period_end": True}),
    ("2020年至今年上半年，公司", "2020年至今年上半年",
     {"from_date": {"year": 2020}, "to_date": {"relative": "year", "offset": 0, "part": "H1"}}),
    ("其後反覆向下，至今年初徘徊", "今年初", {"relative": "year", "offset": 0, "part": "begin"}),
    ("该行预测2025-2027财年公司", "2025-2027财年", {"from": 2025, "to": 2027, "part": "fiscal_year"}),
])
def test_window_period_and_relative_dates(text, span, attrs):
    (d,) = find_dates(make_doc(text))
    assert (d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) == (span, attrs)


def test_record_window_with_yu_and_weakest():
    for text, span in [("国指创逾4个月新高", "逾4个月"), ("人民币见三周最弱", "三周"), ("衝上逾四個月高位", "逾四個月")]:
        assert [e.text for e in find_dates(make_doc(text))] == [span]


def test_record_window_after_shou_and_before_zuichang():
    """收 before the window (收逾四個月高), 最长 / 最按 after it (dates.json record_window _why_session40)."""
    for text, span in [("港股三日飆924點收逾四個月高", "逾四個月"), ("科指創逾兩年最長升浪", "逾兩年"),
                       ("三大指數創4個月最按周升幅", "4個月")]:
        assert [e.text for e in find_dates(make_doc(text))] == [span]


def test_lunar_calendar_and_holiday_breaks():
    assert [e.text for e in find_dates(make_doc("农历元宵节当天"))] == ["农历元宵节"]
    assert [e.text for e in find_dates(make_doc("春节假期后，A股开市"))] == ["春节假期后"]


@pytest.mark.parametrize("text, span", [
    ("拟月底递交上市申请", "月底"), ("公司上半年度营收增长", "上半年度"), ("下半年度将推出", "下半年度"),
    ("今年稍早宣布", "今年稍早"), ("今年稍后推出", "今年稍后"), ("较上周同期增长5%", "上周同期"), ("较上月同期下降", "上月同期"),
])
def test_hong_kong_news_periods_are_dates(text, span):
    # month end alone, 年度 after a half year, 稍早/稍后 after a date and 同期 after a relative week or month: the
    # news gold's DATE spans (train and extension: 6 + 3 of 9 月底, 3 of 3 上半年度, 2 of 2 稍早/稍后, 2 of 2 上周/上月同期)
    assert span in [e.text for e in find_dates(make_doc(text))]


# session 34: Hong Kong first-N periods, one-night words, records named by their word alone, windows of trading days
@pytest.mark.parametrize("text, span, attrs", [
    ("首8個月港股IPO集資額大增", "首8個月", {"part": "M1-M8"}),
    ("首兩月賭收料按年微升", "首兩月", {"part": "M1-M2"}),
    ("德勤預計首3季香港將會有60隻新股", "首3季", {"part": "Q1-Q3"}),
    ("該行預計今年首3季度新股集資額", "今年首3季度", {"relative": "year", "offset": 0, "part": "Q1-Q3"}),
    ("富衛2024年首三季新業務", "2024年首三季", {"year": 2024, "part": "Q1-Q3"}),
    ("2024年首9个月收入", "2024年首9个月", {"year": 2024, "part": "M1-M9"}),
    ("比亚迪今晚在深圳总部举行", "今晚", {"relative": "today"}),
    ("折實平均呎價逾8年新低", "逾8年", {"relative": "last", "years": 8}),
    ("恒指收逾4個月高位", "逾4個月", {"relative": "last", "months": 4}),
    ("家庭支出预期降至四年低点", "四年", {"relative": "last", "years": 4}),
    ("在7个交易日内身家暴增", "7个交易日内", {"relative": "within", "trading_days": 7}),
    ("预计45天内交付", "45天内", {"relative": "within", "days": 45}),
])
def test_session34_date_shapes(text, span, attrs):
    (d,) = find_dates(make_doc(text))
    assert (d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) == (span, attrs)


@pytest.mark.parametrize("text", ["首次公开募股", "连续三年低于全国平均", "推出5年低息贷款", "短短10个交易日内累升61%",
                                  "连续3个交易日内日收盘价格", "这是首个月度报告"])
def test_session34_date_shapes_leave_look_alikes(text):
    """A first (首次), a count not before a record word, and a duration after 短短 / 连续 stay out of DATE."""
    assert find_dates(make_doc(text)) == []


@pytest.mark.parametrize("text, expected", [
    ("美银最近出了一份研报", [("最近", {"relative": "recent"})]),
    ("最近，Gucci宣布新任创意总监", [("最近", {"relative": "recent"})]),
    ("台积电最近对大陆客户发出通知", [("最近", {"relative": "recent"})]),
    ("最近几年，唐山开始发力", [("最近几年", {"relative": "last", "years": "few"})]),  # the last-N shape keeps its count
    ("最近3个月营收增长", [("最近3个月", {"relative": "last", "months": 3})]),
    ("与总统走得最近的那一批富豪", []),  # a superlative
    ("超过公司最近一个会计年度经审计的收入", []),
    ("而在最近公布的第二财季业绩中", [("第二财季", {"part": "Q2"})]),  # 最近 an attribute; the fiscal quarter a DATE
    ("报价761元/吨，较节前环比跌1元/吨", [("节前", {"relative": "before_holiday"})]),  # as 节后
    ("毕马威在节前发布的报告", [("节前", {"relative": "before_holiday"})]),
])
def test_zuijin_alone_and_jieqian_are_relative_dates(text, expected):
    """最近 on its own (recently) is a relative DATE, as 近日 is; not as an attribute, a superlative or before a count.
    节前 (before the holiday) is one as 节后 is."""
    assert [(d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) for d in find_dates(make_doc(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("本财季，KDDI净利润同比增长", [("本财季", {"relative": "this_quarter"})]),
    ("摩根大通預計，第一財季交易收入", [("第一財季", {"part": "Q1"})]),
    ("公司第四财季营收", [("第四财季", {"part": "Q4"})]),
])
def test_a_fiscal_quarter_is_a_date(text, expected):
    """第二财季, 本财季: a fiscal quarter is a DATE as a calendar quarter is (dates.json _why_fiscal_quarters)."""
    assert [(d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) for d in find_dates(make_doc(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("主要体现在具身智能领域", []),  # 体现 + 在: a verb, not 现在
    ("都曾出現在其客户列表里", []),
    ("市場會出現階段性反差", []),
    ("大厂已实现在内部的大量应用", []),
    ("现在，公司营收增长", ["现在"]),
    ("他说现在不是时候", ["现在"]),
])
def test_xianzai_ending_a_verb_is_no_date(text, expected):
    """现在 / 现阶段 right after 体, 出, 实 … ends a verb (dates.json _why_relative_not_after)."""
    assert [d.text for d in find_dates(make_doc(text))] == expected


@pytest.mark.parametrize("text, span, attrs", [
    ("大会将于2025年3月25-26日在深圳召开", "2025年3月25-26日",
     {"from_date": {"year": 2025, "month": 3, "day": 25}, "to_date": {"day": 26}}),
    ("2月8—10日，研究院发布", "2月8—10日", {"from_date": {"month": 2, "day": 8}, "to_date": {"day": 10}}),
    ("1月27-2月2日，土地市场成交", "1月27-2月2日",
     {"from_date": {"month": 1, "day": 27}, "to_date": {"month": 2, "day": 2}}),
])
def test_a_day_range_after_a_month_is_one_date(text, span, attrs):
    """3月25-26日: the first day has no 日 of its own; the range is one DATE (dates.py _DAYS_AFTER_MONTH)."""
    got = [(d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) for d in find_dates(make_doc(text))]
    assert got == [(span, attrs)]


@pytest.mark.parametrize("text, expected", [
    ("特斯拉宣布：即日起至2月28日，Model 3限时优惠", ["即日起至2月28日"]),  # 起 and the range inside
    ("根据公告，即日起，马来西亚公民免签", ["即日"]),
    ("較去年年中大約高一成", ["去年年中"]),
    ("若用金管局去年尾發的指引", ["去年尾"]),
    ("近半年来，主动权益类基金", ["近半年来"]),
    ("国泰君安开年来就先后遭遇", ["开年来"]),
    ("上海豫园店在元旦节后推出了活动", ["元旦节后"]),
])
def test_more_relative_dates_of_news(text, expected):
    """即日, 近半年来, 开年来, 元旦节后, a year's 年中 and 尾 (dates.json _why_more_relatives)."""
    assert [d.text for d in find_dates(make_doc(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("公司前九个月净利润为388亿", [("前九个月", {"part": "M1-M9"})]),
    ("前11月營收衰退較大", [("前11月", {"part": "M1-M11"})]),
    ("较前一个月增加16万盎司", [("前一个月", {"relative": "last_month"})]),  # the month before, not the first month
    ("此前五月上市的新款", []),  # 此前: earlier
])
def test_a_years_first_months_without_the_year(text, expected):
    """前9个月 alone, as 首8个月: the first months of the year (dates.json _why_first_n)."""
    assert [(d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) for d in find_dates(make_doc(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("儘管2024年內地實際使用外資金額同比下跌", ["2024年"]),  # 內地: the Mainland, not the year's 內
    ("去年全年內地平板電腦市場出貨量", ["去年全年"]),
    ("年内地方债发行提速", ["年内"]),  # 地方债: 年内 keeps its 内
    ("2025年内完成交割", ["2025年内"]),
])
def test_neidi_after_a_year_is_the_place(text, expected):
    """年內地…: 内地 is the Mainland, not the 内 of 年内 (dates.py _NEIDI)."""
    assert [d.text for d in find_dates(make_doc(text))] == expected


@pytest.mark.parametrize("text, span, stretch", [
    ("春节后4个交易日DeepSeek日活超过", "春节后4个交易日", "4个交易日"),
    ("春节前一周，手机销售量增长", "春节前一周", "一周"),
    ("节后第一个工作日，洪水退去", "节后第一个工作日", "第一个工作日"),
    ("蛇年春节假期后的第一个工作日，", "蛇年春节假期后的第一个工作日", "的第一个工作日"),
    ("节后首周复工节奏偏缓", "节后首周", "首周"),
    ("今年春节前最后一周水泥开工率", "今年春节前最后一周", "最后一周"),
    ("春節前後已經頻頻互動", "春節前後", "后"),
    ("春节前夕，北方地区返乡潮", "春节前夕", "夕"),
])
def test_the_stretch_of_days_before_or_after_a_holiday_is_part_of_its_date(text, span, stretch):
    (d,) = find_dates(make_doc(text))
    assert (d.text, d.attrs["stretch"]) == (span, stretch)


@pytest.mark.parametrize("text, span", [
    ("春节后的第一场IPO上市", "春节后"),  # 的 before no ordinal: the holiday's side ends it
    ("春节期间消费旺盛", "春节"),  # 期间 stays out (GUIDELINES Q2)
    ("节后回来开工", "节后"),
])
def test_a_holiday_date_without_a_stretch_after_it_keeps_its_span(text, span):
    assert [d.text for d in find_dates(make_doc(text))] == [span]


@pytest.mark.parametrize("text, span, attrs", [
    ("数据截至2/11，共筛选出151家", "截至2/11", {"asof": True, "month": 2, "day": 11}),
    ("煤价：截至2025/2/7，动力煤", "截至2025/2/7", {"asof": True, "month": 2, "day": 7, "year": 2025}),
    ("截至记者发稿，河南方面未回应", "截至记者发稿", {"relative": "now"}),
    ("截止发稿，涨3.33%", "截止发稿", {"relative": "now"}),
    ("截至午间收盘，中国电信涨5.89%", "截至午间收盘", {"relative": "now"}),
    ("截至本公告的日期，票据的总额", "截至本公告的日期", {"relative": "now"}),
])
def test_asof_the_moment_of_writing_or_a_slash_date(text, span, attrs):
    (d,) = find_dates(make_doc(text))
    assert (d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) == (span, attrs)


def test_a_slash_date_without_asof_is_not_read_as_a_month_and_day():
    assert [d.text for d in find_dates(make_doc("分别为2/3的份额"))] == []


@pytest.mark.parametrize("text, span, attrs", [
    ("以2025/6/1进行新老划段", "2025/6/1", {"year": 2025, "month": 6, "day": 1}),
    ("回落56%，25/1/20 DeepSeek发布", "25/1/20", {"year": 2025, "month": 1, "day": 20}),
    ("2025/09/14 14:17", "2025/09/14 14:17", {"year": 2025, "month": 9, "day": 14, "time": "14:17"}),
    ("ChatGPT：22/12/7-12/23上证综指下跌", "22/12/7-12/23",
     {"from_date": {"year": 2022, "month": 12, "day": 7}, "to_date": {"year": 2022, "month": 12, "day": 23}}),
    ("等权重指数，1/20-2/12 DeepSeek", "1/20-2/12", {"from_date": {"month": 1, "day": 20}, "to_date": {"month": 2, "day": 12}}),
    ("类似23/1-23/4的ChatGPT行情", "23/1-23/4",
     {"from_date": {"year": 2023, "month": 1}, "to_date": {"year": 2023, "month": 4}}),
    ("指数1/20以来涨58%", "1/20以来", {"month": 1, "day": 20, "since": "since"}),
])
def test_a_slash_date_in_a_shape_only_a_date_takes(text, span, attrs):
    (d,) = find_dates(make_doc(text))
    assert (d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) == (span, attrs)


@pytest.mark.parametrize("text", ["PE分别为16/12/10倍", "上调24/10/8亿元", "仅为人类驾驶员的1/14", "排序9/11"])
def test_a_slash_series_or_share_is_no_slash_date(text):
    assert [d.text for d in find_dates(make_doc(text))] == []


@pytest.mark.parametrize("text, span, attrs", [
    ("但时隔两年后，还是被终止注册", "两年后", {"relative": "later", "years": 2}),
    ("分红7亿元，8个月后的上会前夕", "8个月后", {"relative": "later", "months": 8}),
    ("获受理，半年后通过上市委会议", "半年后", {"relative": "later", "years": 0.5}),
    ("而不到两周后，美国陆军就宣布", "不到两周后", {"relative": "later", "weeks": 2}),
    ("百车行动”的17天后，360集团", "17天后", {"relative": "later", "days": 17}),
])
def test_n_units_later_after_a_clause_break_is_a_date(text, span, attrs):
    assert [(d.text, {k: v for k, v in d.attrs.items() if k != "norm"}) for d in find_dates(make_doc(text))] == [(span, attrs)]


@pytest.mark.parametrize("text", ["执掌KDDI七年后将出任", "暫停經營業務6個月後，據報", "满2年后才能上市"])
def test_a_duration_of_an_action_before_hou_is_no_later_date(text):
    assert [d.text for d in find_dates(make_doc(text)) if d.text.endswith(("后", "後"))] == []


@pytest.mark.parametrize("text, span, time", [
    ("将于3月21日9:30恢复正常营业", "3月21日9:30", "9:30"),
    ("截至2025年2月10日\u00a010:04，沪深300指数", "截至2025年2月10日\u00a010:04", "10:04"),
    ("“2月8日18:00后，开始断电", "2月8日18:00后", "18:00"),
])
def test_a_clock_time_with_a_colon_after_a_day_stays_in_the_date(text, span, time):
    (d,) = find_dates(make_doc(text))
    assert (d.text, d.attrs["time"]) == (span, time)


@pytest.mark.parametrize("text, span, d1, d2", [
    ("（上世纪）七八十年代韶关经济发展", "七八十年代", 1970, 1980),
    ("八九十的年代，松下电视一度", "八九十的年代", 1980, 1990),
])
def test_two_decades_in_chinese_numerals_are_one_date(text, span, d1, d2):
    (d,) = [d for d in find_dates(make_doc(text)) if "年代" in d.text]
    assert (d.text, d.attrs["from_date"], d.attrs["to_date"]) == (span, {"decade": d1}, {"decade": d2})


@pytest.mark.parametrize("text, span", [("可控，1月中下旬港股大盘单边向上", "1月中下旬"),
                                        ("自12月下旬至1月中上旬，国际油价", "12月下旬至1月中上旬")])
def test_two_thirds_of_a_month_stay_in_the_date(text, span):
    assert [d.text for d in find_dates(make_doc(text))] == [span]


def test_a_year_of_the_1800s_is_a_date_not_a_duration():
    doc = make_doc("寶齊萊源自1888年於瑞士琉森創立，1878年开平矿务局的成立")
    assert [(d.text, d.attrs["year"]) for d in find_dates(doc)] == [("1888年", 1888), ("1878年", 1878)]
    assert find_figures(doc) == []


def test_nei_after_a_relative_year_stays_in_but_not_neidi():
    assert [(d.text, d.attrs.get("within")) for d in find_dates(make_doc("市傳最快今年內上市，今年内地市场"))] == [
        ("今年內", True), ("今年", None)]


def test_a_century_by_its_number_is_a_date_but_not_inside_a_name():
    got = [(d.text, d.attrs["century"]) for d in find_dates(make_doc("起源于20世纪末，21世纪初随着星巴克进入，进入21世纪后"))]
    assert got == [("20世纪末", 20), ("21世纪初", 21), ("21世纪", 21)]
    assert find_dates(make_doc("据21世纪经济报道，共建21世纪海上丝绸之路")) == []


def test_a_numeral_pair_after_a_window_word_is_a_few_units_window():
    got = [(d.text, d.attrs.get("years")) for d in find_dates(make_doc("項目夠未來三四年發展，过去的七八年时间里"))]
    assert got == [("未來三四年", "few"), ("过去的七八年", "few")]


def test_record_window_before_a_bare_high_or_low_closing_its_clause():
    """A bare 高/低 or 最多 closing its clause after the count is a record word (dates.json record_window
    _why_bare_high); before a word (高达, 低息, 低于) it is none."""
    for text, span in [("2年期債息兩周高，息差擴闊", "兩周"), ("大市成交3794億元，4個月最多。", "4個月"),
                       ("科指更曾創3年高，收市升2.5%", "3年"), ("創港島東首批呎價逾8年低\n\n皇都", "逾8年")]:
        assert [e.text for e in find_dates(make_doc(text))] == [span]
    for text in ["此前一周高达15.8%", "推出3年0息、5年低息金融政策", "经济增速已连续三年低于全国"]:
        assert find_dates(make_doc(text)) == []


@pytest.mark.parametrize("text, span", [("港島分區樓價指數去年11月中報138.23", "去年11月中"),
                                        ("最快10月中納入港股通", "10月中"),
                                        ("2022年中，曾有银行", "2022年中"),
                                        ("截至今年中，泛华的账上现金只有", "截至今年中"),
                                        ("在过去的2024年中，上述公告", "2024年"),
                                        ("过去两年中，在以ChatGPT", "过去两年"),
                                        ("2024年中国售出的车量", "2024年")])
def test_the_middle_of_a_month_or_year_stays_in_the_date(text, span):
    """(session 52 figdate) 11月中, 2022年中，: part "mid"; not 在…年中, a window's 中 or 中国 (dates._MONTH_MID, _YEAR_MID)."""
    assert [d.text for d in find_dates(make_doc(text))] == [span]


@pytest.mark.parametrize("text", ["发行价格不低于定价基准日前20个交易日公司股票", "一般节假日前的猪肉销售情况",
                                  "该价格较最后交易日前一天的收盘价"])
def test_qian_after_a_day_word_is_no_recent_date(text):
    """(session 52 figdate) 基准日前, 节假日前, 交易日前: 日前 ends a day word, not 日前 "recently" (relative_not_after)."""
    assert find_dates(make_doc(text)) == []
    assert [d.text for d in find_dates(make_doc("公司日前宣布融资"))] == ["日前"]


def test_few_ago_not_cut_from_a_longer_count():
    assert "几年前" not in dates("十几年前，他")
