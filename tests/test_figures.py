"""FIGURE recognizer: real fragments of the seed documents (traditional 000/001, simplified 002-004)."""
import pytest

from extract.doc import Document
from extract.stages.recognizers import (find_dates, find_figures, find_policies, find_ranks, make_rules)
from extract.textnorm import normalize


def make_doc(text: str) -> Document:
    d = Document(text)
    d.norm, d.script = normalize(text)
    return d


def figures(text: str) -> dict:
    return {e.text: e for e in find_figures(make_doc(text))}


# (fragment, span, value, unit, qualifier, min, max)
CASES = [
    # --- 000 (traditional)
    ("企業數量首次突破1000家,達1026家", "突破1000家", 1000, "家", "more_than", None, None),
    ("企業數量首次突破1000家,達1026家", "1026家", 1026, "家", "exact", None, None),
    ("一股由上千家“隱形冠軍”匯成的創新浪潮", "上千家", 1000, "家", "vague", 1000, 9000),
    ("它們平均成立超過16年,卻保持著", "超過16年", 16, "年", "more_than", None, None),
    ("卻保持著高達11.4%的研發強度", "11.4%", 11.4, "%", "exact", None, None),
    ("它們中超過98%的企業正心無旁騖", "超過98%", 98, "%", "more_than", None, None),
    ("制造業企業高達729家,占比71%。", "729家", 729, "家", "exact", None, None),
    ("制造業企業高達729家,占比71%。", "71%", 71, "%", "exact", None, None),
    ("民營企業有776家,占比75.6%,是上海", "75.6%", 75.6, "%", "exact", None, None),
    ("成立僅三年便躋身國家級“小巨人”行列", "三年", 3, "年", "exact", None, None),
    ("數據顯示,約60%的“小巨人”企業", "約60%", 60, "%", "approx", None, None),
    ("浦東、閔行、嘉定和松江四個區", "四個", 4, "个", "exact", None, None),
    ("戶均研發經費支出達5028萬元,平均研發強度", "5028萬元", 50280000, "元", "exact", None, None),
    ("是上海市全社會平均水平的2.6倍", "2.6倍", 2.6, "倍", "exact", None, None),
    ("也遠高于全國“小巨人”7%的平均水平", "7%", 7, "%", "exact", None, None),
    ("平均成立年限為16.7年,戶均利潤率約6.2%", "16.7年", 16.7, "年", "exact", None, None),
    ("平均成立年限為16.7年,戶均利潤率約6.2%", "約6.2%", 6.2, "%", "approx", None, None),
    ("在2024年完成了超15億元的C輪融資", "超15億元", 1500000000, "元", "more_than", None, None),
    ("在2024年完成了億元級B+輪融資", "億元級", 100000000, "元", "approx", None, None),
    ("上海超導已成長為全球僅有的兩家實現高溫超導", "兩家", 2, "家", "exact", None, None),
    ("高溫超導帶材千公里級量產能力的企業", "千公里級", 1000, "公里", "approx", None, None),
    ("其產品國內市場占有率超過20%,去年營收突破5.4億元。", "超過20%", 20, "%", "more_than", None, None),
    ("其產品國內市場占有率超過20%,去年營收突破5.4億元。", "突破5.4億元", 540000000, "元", "more_than", None, None),
    ("打破了該領域進口產品曾占比90%以上的局面", "90%以上", 90, "%", "more_than", None, None),
    ("已累計投資了174家國家級專精特新", "174家", 174, "家", "exact", None, None),
    ("這里聚集了超過1500家規上工業企業", "超過1500家", 1500, "家", "more_than", None, None),
    ("800余家集成電路企業、3900多家生物醫藥企業", "800余家", 800, "家", "more_than", None, None),
    ("800余家集成電路企業、3900多家生物醫藥企業", "3900多家", 3900, "家", "more_than", None, None),
    ("以及1200余家持牌金融機構", "1200余家", 1200, "家", "more_than", None, None),
    ("幾乎都能在方圓幾十公里內找到", "幾十公里", 20, "公里", "vague", 20, 90),
    ("我在一個星期內就見了8撥合作伙伴", "8撥", 8, "拨", "exact", None, None),
    ("高新技術企業數量在幾年內躍升數倍", "數倍", 2, "倍", "vague", 2, 9),
    ("平均每4家就有1家是“小巨人”企業", "4家", 4, "家", "exact", None, None),
    ("平均每4家就有1家是“小巨人”企業", "1家", 1, "家", "exact", None, None),
    ("奎芯科技在2024年完成了數億元融資", "數億元", 200000000, "元", "vague", 200000000, 900000000),
    ("均完成了億元乃至十億元級的重要融資輪次", "十億元級", 1000000000, "元", "approx", None, None),
    ("有多達683家制定了明確的上市計劃", "683家", 683, "家", "exact", None, None),
    ("數據顯示,98.5% 的上海“小巨人”企業", "98.5%", 98.5, "%", "exact", None, None),
    ("金屬離子含量可控制在1ppm以下的極高純度", "1ppm以下", 1, "ppm", "less_than", None, None),
    ("僅市級專精特新中小企業數量已達12629家", "12629家", 12629, "家", "exact", None, None),
    ("上海市級專精特新中小企業將力爭達到2萬家左右", "2萬家左右", 20000, "家", "approx", None, None),
    ("以數萬家市級專精特新企業為塔身", "數萬家", 20000, "家", "vague", 20000, 90000),
    ("一個以千家國家級“小巨人”為塔尖", "千家", 1000, "家", "approx", None, None),  # rule 7: a bare magnitude
    ("资本眼里的千亿赛道", "千亿", 100000000000, "元", "approx", None, None),
    ("平台上有十家企业", "十家", 10, "家", "exact", None, None),  # 十 is a number, not a magnitude
    ("超千亿元", "超千亿元", 100000000000, "元", "more_than", None, None),  # a stated qualifier wins
    # --- 001 (traditional)
    ("深圳以347家的新增數量位居全國城市首位", "347家", 347, "家", "exact", None, None),
    ("超越北京(1210家)和上海(1032家)", "1210家", 1210, "家", "exact", None, None),
    ("已上市“小巨人”企業71億元的平均市值估算", "71億元", 7100000000, "元", "exact", None, None),
    ("這1333家企業總市值已接近10兆量級", "接近10兆量級", 10 ** 13, "元", "approx", None, None),
    ("市值一度超过百度逼近3000亿元", "逼近3000亿元", 3 * 10 ** 11, "元", "approx", None, None),
    ("再到2024年與北京的差距縮小至10家", "10家", 10, "家", "exact", None, None),
    ("擁有優必選、樂聚、眾擎、逐際動力等至少9家整機企業", "至少9家", 9, "家", "at_least", None, None),
    ("成長為國家級“小巨人”平均為13年,比全國快了1.71年", "13年", 13, "年", "exact", None, None),
    ("成長為國家級“小巨人”平均為13年,比全國快了1.71年", "1.71年", 1.71, "年", "exact", None, None),
    ("平均研發強度高達7.63%,年均研發經費為3339.19萬元", "3339.19萬元", 33391900, "元", "exact", None, None),
    ("平均申請專利152件、PCT國際專利近6.5件", "152件", 152, "件", "exact", None, None),
    ("平均申請專利152件、PCT國際專利近6.5件", "近6.5件", 6.5, "件", "approx", None, None),
    ("還有近30%的企業主導或參與了國際", "近30%", 30, "%", "approx", None, None),
    ("從全市兩名科技員到如今1333家“小巨人”企業", "兩名", 2, "名", "exact", None, None),
    ("沒有任何一座城市能在誕生45年的光陰裡", "45年", 45, "年", "exact", None, None),
    ("簽訂技術合作協議超500項,帶動產業鏈", "超500項", 500, "项", "more_than", None, None),
    ("這些企業抗風險能力也極弱,90%難以邁過", "90%", 90, "%", "exact", None, None),
    ("深創投共投資過198家,深投控旗下深高新投投資過46家", "46家", 46, "家", "exact", None, None),
    ("經過20年把伺服系統、新能源電驅", "20年", 20, "年", "exact", None, None),
    ("入圍“小巨人”僅用了四年時間", "四年", 4, "年", "exact", None, None),
    ("如同1333顆深深打入產業地基的“鉚釘”", "1333顆", 1333, "颗", "exact", None, None),
    # --- 002 (simplified, markdown bold)
    ("集中发布绘制全球最大规模猕猴全脑介观联接图谱等**10**项成果", "10", 10, "项", "exact", None, None),
    ("到2027年，推动高成长企业规模突破1000家", "突破1000家", 1000, "家", "more_than", None, None),
    ("上海总市值超过**2.92**万亿元", "2.92", 2920000000000, "元", "more_than", None, None),
    ("累计**43**家企业科创板上市，总市值**4502.9**亿元", "4502.9", 450290000000, "元", "exact", None, None),
    ("技术交流活动**250**余场", "250", 250, "场", "more_than", None, None),
    ("**15**家企业近3年营业收入复合增长率超**30%**", "30%", 30, "%", "more_than", None, None),
    ("覆盖亚欧美**12**国、涵盖**13**类硬核领域", "12", 12, "国", "exact", None, None),
    ("开放创新空间**30万**平方米", "30万", 300000, "平方米", "exact", None, None),
    ("赋能中小企业超**7400**家", "7400", 7400, "家", "more_than", None, None),
    ("累计组建创新联合体**8**个", "8", 8, "个", "exact", None, None),
    ("在所有686家完成单位中", "686家", 686, "家", "exact", None, None),
    ("111个，占比58%", "58%", 58, "%", "exact", None, None),
    # --- 003 (simplified, PDF spacing)
    ("共计公示 9279 家，实际培育认定 8997 家", "9279 家", 9279, "家", "exact", None, None),
    ("已接近完成工信部提出的“十四五”一万家目标", "一万家", 10000, "家", "exact", None, None),
    ("“小巨人”的平均员工规模仅为 252 人", "252 人", 252, "人", "exact", None, None),
    ("四批次近万家专精特新“小巨人”企业", "近万家", 10000, "家", "approx", None, None),
    ("四批次近万家专精特新“小巨人”企业", "四批", 4, "批", "exact", None, None),
    ("但有近十倍的就业贡献，和百余倍的技术贡献", "近十倍", 10, "倍", "approx", None, None),
    ("但有近十倍的就业贡献，和百余倍的技术贡献", "百余倍", 100, "倍", "more_than", None, None),
    ("有过一级市场融资的企业占比约四成，上市公司则小于一成", "约四成", 40, "%", "approx", None, None),
    ("有过一级市场融资的企业占比约四成，上市公司则小于一成", "小于一成", 10, "%", "less_than", None, None),
    ("这一技术规模是全国企业平均水平的 2.5 倍，也相当于典型上市企业的 15-20%", "2.5 倍", 2.5, "倍", "exact", None, None),
    ("这一技术规模是全国企业平均水平的 2.5 倍，也相当于典型上市企业的 15-20%", "15-20%", 15, "%", "range", 15, 20),
    ("平均专利被引用 184.34 次，平均专利对外许可 0.59 次", "184.34 次", 184.34, "次", "exact", None, None),
    ("这一比例是中国头部企业的 1/5", "1/5", 20, "%", "exact", None, None),
    ("从分布看，八成企业没有PCT专利，仅不足0.1%的企业有100件以上的PCT专利申请", "八成", 80, "%", "exact", None, None),
    ("从分布看，八成企业没有PCT专利，仅不足0.1%的企业有100件以上的PCT专利申请", "不足0.1%", 0.1, "%", "less_than", None, None),
    ("从分布看，八成企业没有PCT专利，仅不足0.1%的企业有100件以上的PCT专利申请", "100件以上", 100, "件", "more_than", None, None),
    ("十大重点产业领域企业占比达到近八成", "近八成", 80, "%", "approx", None, None),
    ("企业数量占比高出A股上市企业 4-9\n个百分点", "4-9\n个百分点", 4, "个百分点", "range", 4, 9),
    ("技术规模最接近上市公司水平，达到七至八成", "七至八成", 70, "%", "range", 70, 80),
    ("北京、上海的“小巨人”技术密集度尤其突出，达到全国水平的两倍", "两倍", 2, "倍", "exact", None, None),
    ("将推动形成 100 万家创新型中小企业", "100 万家", 1000000, "家", "exact", None, None),
    ("“小巨人”总员工数达到 224.5 万人", "224.5 万人", 2245000, "人", "exact", None, None),
    ("授权发明专利总量达到 15.16\n万件", "15.16\n万件", 151600, "件", "exact", None, None),
    ("是企业数占比的 120 余倍", "120 余倍", 120, "倍", "more_than", None, None),
    ("是企业数占比的近 10 倍", "近 10 倍", 10, "倍", "approx", None, None),
    ("比前三批“小巨人”少 10-30%", "10-30%", 10, "%", "range", 10, 30),
    ("比第一批“小巨人”平均“年轻六岁”", "六岁", 6, "岁", "exact", None, None),
    ("比前三批高 2-15 个百分点", "2-15 个百分点", 2, "个百分点", "range", 2, 15),
    ("已经服务全球 50 多个国家", "50 多个", 50, "个", "more_than", None, None),
    ("是上市公司的两倍；“小巨人”是其 2.5 倍左右", "2.5 倍左右", 2.5, "倍", "approx", None, None),
    ("年均增长目标是 10% 以上", "10% 以上", 10, "%", "more_than", None, None),
    # --- 004 (simplified, markdown table)
    ("截至2025年，全国累计认定国家级专精特新\"小巨人\"企业超过1.2万家（五批）", "超过1.2万家", 12000, "家", "more_than", None, None),
    ("从事特定细分市场3年以上，主营业务收入占比70%以上", "3年以上", 3, "年", "more_than", None, None),
    ("从事特定细分市场3年以上，主营业务收入占比70%以上", "70%以上", 70, "%", "more_than", None, None),
    ("研发费用占比不低于3%，拥有有效发明专利2项以上", "不低于3%", 3, "%", "at_least", None, None),
    ("研发费用占比不低于3%，拥有有效发明专利2项以上", "2项以上", 2, "项", "more_than", None, None),
    ("| 2011年 | 1000-5000人 | [megvii.com]", "1000-5000人", 1000, "人", "range", 1000, 5000),
    ("| 2014年 | 5000+人 | [sensetime.com]", "5000+人", 5000, "人", "more_than", None, None),
    ("- 每批认定和复核周期约为1-2年", "1-2年", 1, "年", "range", 1, 2),
    # --- rates: the denominator after a slash belongs to the unit (also across a PDF line break)
    ("有效发明专利量达到 24.08 件 / 家和 23.22 件 /\n家，", "24.08 件 / 家", 24.08, "件/家", "exact", None, None),
    ("有效发明专利量达到 24.08 件 / 家和 23.22 件 /\n家，", "23.22 件 /\n家", 23.22, "件/家", "exact", None, None),
    ("均值则为 18.51 件 / 千人。", "18.51 件 / 千人", 18.51, "件/千人", "exact", None, None),
    ("日产量为100吨/日。", "100吨/日", 100, "吨/日", "exact", None, None),
    # --- constructed from SCHEMA conventions
    ("上海的一半之多", "一半", 50, "%", "exact", None, None),
    ("占比超八成", "超八成", 80, "%", "more_than", None, None),
    ("研发投入占比百分之四十", "百分之四十", 40, "%", "exact", None, None),
    ("覆盖５０００家企业", "５０００家", 5000, "家", "exact", None, None),
    ("５％及以上", "５％及以上", 5, "%", "at_least", None, None),
    ("融资1000萬", "1000萬", 10000000, "元", "exact", None, None),
    ("完成人民币5亿元融资", "人民币5亿元", 500000000, "元", "exact", None, None),
    ("募资3亿美元", "3亿美元", 300000000, "美元", "exact", None, None),
    ("募资逾10亿港元", "逾10亿港元", 1000000000, "港元", "more_than", None, None),
    ("数千万元的订单", "数千万元", 20000000, "元", "vague", 20000000, 90000000),
    ("研发周期5个月", "5个月", 5, "个月", "exact", None, None),
    ("仅一家企业入选", "一家", 1, "家", "exact", None, None),
    # --- ranges whose low end has no magnitude of its own take the high end's (1-2万家 is 10000..20000)
    ("全省有1-2万家企业", "1-2万家", 10000, "家", "range", 10000, 20000),
    ("全省有1万-2万家企业", "1万-2万家", 10000, "家", "range", 10000, 20000),
    ("融资1～2亿元", "1～2亿元", 100000000, "元", "range", 100000000, 200000000),
    ("营收1.5至3万亿元", "1.5至3万亿元", 1500000000000, "元", "range", 1500000000000, 3000000000000),
    # --- at position 0 and at the very end of the text
    ("1026家", "1026家", 1026, "家", "exact", None, None),
    # --- news units (ZhIE-News dev), constructed sentences
    ("金价突破2800美元/盎司", "突破2800美元/盎司", 2800, "美元/盎司", "more_than", None, None),
    ("工业电价0.55元每度", "0.55元每度", 0.55, "元/度", "exact", None, None),
    ("智能算力达1,037.3 EFLOPS", "1,037.3 EFLOPS", 1037.3, "EFLOPS", "exact", None, None),
    ("发电量77.7太瓦时", "77.7太瓦时", 77.7, "太瓦时", "exact", None, None),
    ("毛利率提升3.7pct", "3.7pct", 3.7, "个百分点", "exact", None, None),
    ("新房打7折", "7折", 70, "%", "exact", None, None),
    ("供应约9.8亿平", "约9.8亿平", 980000000, "平方米", "approx", None, None),
    ("成交14宗地块", "14宗", 14, "宗", "exact", None, None),
    ("日产10.14万桶/日", "10.14万桶/日", 101400, "桶/日", "exact", None, None),
    # --- market and property units of the news training data (session 18), constructed sentences
    ("恒指收报20,318点", "20,318点", 20318, "点", "exact", None, None),
    ("恒指跌388点", "388点", 388, "点", "exact", None, None),
    ("降息25个基点", "25个基点", 25, "基点", "exact", None, None),
    ("按揭利率3.5厘", "3.5厘", 3.5, "厘", "exact", None, None),
    ("推出120伙单位", "120伙", 120, "伙", "exact", None, None),
    ("实用面积450方呎", "450方呎", 450, "平方英尺", "exact", None, None),
    ("对应2025年PE为7X", "7X", 7, "倍", "exact", None, None),
    ("股价对应2.3x25e P/B", "2.3x", 2.3, "倍", "exact", None, None),
    ("筹集约4600亿日圆", "约4600亿日圆", 460000000000, "日元", "approx", None, None),
    ("耗时15分钟", "15分钟", 15, "分钟", "exact", None, None),
    ("未来20-30年", "20-30年", 20, "年", "range", 20, 30),  # a span of years stays a duration
    ("潜逃20年回港被捕", "20年", 20, "年", "exact", None, None),  # a duration verb: not the year 2020
    ("成立25年的森大集团", "25年", 25, "年", "exact", None, None),
    ("华东地区8例", "8例", 8, "例", "exact", None, None),  # session 25: cases, GWh, km/h, a streak of days
    ("储能规模31.4吉瓦时", "31.4吉瓦时", 31.4, "吉瓦时", "exact", None, None),
    ("最高时速350km/h", "350km/h", 350, "km/h", "exact", None, None),
    ("恒指連升3日", "3日", 3, "日", "exact", None, None),
    # session 26: 或以上 / 及以下 / 或以下 suffixes, 个点 and 个季度
    ("申請人須年滿18歲或以上", "18歲或以上", 18, "岁", "at_least", None, None),
    ("单价800美元及以下的商品免税", "800美元及以下", 800, "美元", "less_than", None, None),
    ("持股5%或以下的股东", "5%或以下", 5, "%", "less_than", None, None),
    ("毛利率提升2.35个点", "2.35个点", 2.35, "个百分点", "exact", None, None),
    ("营收已连续五个季度增长", "五个季度", 5, "个季度", "exact", None, None),
    ("十年期国债收益率下行3.5BP", "3.5BP", 3.5, "基点", "exact", None, None),
    ("机身厚度仅4.6mm", "4.6mm", 4.6, "mm", "exact", None, None),
    ("推出65吋液晶電視", "65吋", 65, "英寸", "exact", None, None),
    ("开源70亿参数模型", "70亿参数", 7000000000, "参数", "exact", None, None),
    ("集资500萬紐元", "500萬紐元", 5000000, "新西兰元", "exact", None, None),
    ("提出每股1仙部份要約", "1仙", 0.01, "港元", "exact", None, None),
    ("每股盈利2美仙", "2美仙", 0.02, "美元", "exact", None, None),
    ("收购价为20亿加元", "20亿加元", 2000000000, "加元", "exact", None, None),
    ("量产176层NAND闪存", "176层", 176, "层", "exact", None, None),
    ("排量250cc的摩托车", "250cc", 250, "cc", "exact", None, None),
    ("仅用30秒完成充电", "30秒", 30, "秒", "exact", None, None),
    ("疫苗需在2℃保存", "2℃", 2, "℃", "exact", None, None),
    ("变现率同比下降12bps", "12bps", 12, "基点", "exact", None, None),
    ("应用上线一个月达到500万DAU", "500万DAU", 5000000, "DAU", "exact", None, None),
    ("首轮投入可能是300萬美元或更少", "300萬美元或更少", 3000000, "美元", "less_than", None, None),
    # Chinese numerals with decimals (点 between digits; ○ as a zero)
    ("营收达三○二点四亿美元", "三○二点四亿美元", 30240000000, "美元", "exact", None, None),
    ("市占率百分之七點三，雖排名第二", "百分之七點三", 7.3, "%", "exact", None, None),
    ("市值一點六億美元", "一點六億美元", 160000000, "美元", "exact", None, None),
    ("毛利率提升三点五个百分点", "三点五个百分点", 3.5, "个百分点", "exact", None, None),
    # a country before the currency's name, colloquial names, and currency signs
    ("出价53亿巴西雷亚尔", "53亿巴西雷亚尔", 5300000000, "雷亚尔", "exact", None, None),
    ("融资5000万加币", "5000万加币", 50000000, "加元", "exact", None, None),
    ("募资HK$3.5亿", "HK$3.5亿", 350000000, "港元", "exact", None, None),
    ("发行US$ 12亿债券", "US$ 12亿", 1200000000, "美元", "exact", None, None),
    ("本季GBV达$175.5亿", "$175.5亿", 17550000000, "美元", "exact", None, None),  # simplified text: US dollars
    ("目標價$118，止蝕價$83", "$118", 118, "港元", "exact", None, None),  # traditional text: Hong Kong dollars
    ("附近两家门店", "两家", 2, "家", "exact", None, None),
    ("近两家门店", "近两家", 2, "家", "approx", None, None),
    ("意向售價約900萬 呎價7031元", "約900萬", 9000000, "元", "approx", None, None),
    # scores in digits (技术评分85.89分, 合计130分): 9 of 9 in the news training and dev gold are FIGUREs
    ("技术评分85.89分。", "85.89分", 85.89, "分", "exact", None, None),
    ("获得1332分，位列全球第", "1332分", 1332, "分", "exact", None, None),
    # a count with + whose measure word is left out (1000+核心车控): 6 of 6 in the news gold are FIGUREs
    ("毫秒级唤醒响应，1000+核心车控", "1000+", 1000, "", "more_than", None, None),
    ("30000+医药人、1100+行业大咖", "1100+", 1100, "", "more_than", None, None),
    # a size class in money written with magnitude words alone (7 of 7 in the news gold are FIGUREs, unit 元)
    ("抢占百亿级蓝海市场", "百亿级", 10000000000, "元", "approx", None, None),
    ("打开万亿级市场", "万亿级", 1000000000000, "元", "approx", None, None),
    # a bare 万 amount right before a round and 融资 (units.json money_cues_after): money, unit 元
    ("终极科技完成数千万天使轮融资", "数千万", 20000000, "元", "vague", 20000000, 90000000),
    ("「一起求职」完成千万A轮融资", "千万", 10000000, "元", "approx", None, None),
    ("鲁欧智造成功完成A+轮数千万融资", "数千万", 20000000, "元", "vague", 20000000, 90000000),
    # tenths that finish after 成 (FigureRecognizer._tenth_tails), 3成为 and 半成, ranges of tenths (session 56)
    ("宣布將在全球裁員一成半至兩成。", "一成半至兩成", 15, "%", "range", 15, 20),
    ("當中較多個案是申請九成多至十成按揭", "九成多至十成", 90, "%", "range", 90, 100),
    ("不乏借逾九成至十成 主要來自新盤", "逾九成至十成", 90, "%", "range", 90, 100),
    ("按保計劃借七成幾按揭成數。", "七成幾", 70, "%", "more_than", None, None),
    ("出貨按年跌逾一成一，股價跌逾3%", "逾一成一", 11, "%", "more_than", None, None),
    ("存款结构上，7成为定期存款", "7成", 70, "%", "exact", None, None),
    ("東健康亦漲半成。", "半成", 5, "%", "exact", None, None),
    # a rate range whose denominator follows the second end only; a price per watt after a slash (session 56)
    ("一季度预计均价13.00元—14.00元/公斤；", "13.00元—14.00元/公斤", 13, "元/公斤", "range", 13, 14),
    ("电池成交均价大致在 0.275-0.280元/W之间", "0.275-0.280元/W", 0.275, "元/W", "range", 0.275, 0.28),
    # wt = 万吨, a Latin unit carrying a magnitude (session 56)
    ("欧洲木浆港口库存144.5wt（环比+1.7wt）", "144.5wt", 1445000, "吨", "exact", None, None),
    # 根 and 金衡盎司 are measure words (session 56)
    ("伦敦金库的黄金价值7716亿美元，相当于68.27万根金条。", "68.27万根", 682700, "根", "exact", None, None),
    ("黄金库存从约为1720万金衡盎司增至3460万金衡盎司", "3460万金衡盎司", 34600000, "金衡盎司", "exact", None, None),
    # a full-width comma as thousands separator (session 56)
    ("航班起降架次为38，917架次，同比增长5.4%", "38，917架次", 38917, "架次", "exact", None, None),
    ("通过首次公开募股（IPO）筹集约4，600亿日元（30亿美元）", "约4，600亿日元", 460000000000, "日元", "approx", None, None),
]


@pytest.mark.parametrize("text, span, value, unit, qual, lo, hi", CASES)
def test_figure(text, span, value, unit, qual, lo, hi):
    found = figures(text)
    assert span in found, f"{span!r} not in {list(found)}"
    a = found[span].attrs
    assert a["value"] == pytest.approx(value, rel=1e-9)
    assert a["unit"] == unit
    assert a["qualifier"] == qual
    assert a.get("min") == lo and a.get("max") == hi
    assert found[span].type == "FIGURE" and found[span].source == "rules"


# fragments where a given stretch must NOT be a FIGURE (or where nothing is)
NEGATIVES = [
    ("七仙女下凡", "七仙"),
    ("八仙过海，各显神通", "八仙"),
    ("继续做好金融“五篇大文章”", "五篇"),  # a slogan
    ("台积电3nm制程产能", "3nm"),  # a process node names a technology
    ("一石激起千层浪", "千层"),
    ("公司四季度营收增长", "四季度"),  # a quarter is a DATE, not a count of quarters
    ("有5家/个人企业", "5家/个"),  # 个人 is a word, not a denominator
    ("在2024年完成了超15億元的C輪融資", "2024年"),
    ("2019 年第一批入选公示248 家", "2019 年"),
    ("《上海市促进高成长企业加快发展三年行动方案(2025—2027年)》", "2025—2027年"),
    ("经纬创投投资并陪伴成长的国家级“小巨人”企业总数已达90家，其中在第七批中就有19家", "七批"),
    ("这意味着，一家从张江实验室走出来的硬科技初创企业", "一家"),
    ("从一粒芯片、一劑新藥到一段高溫超導帶材", "一粒"),
    ("自然地衍生出一批在智能座艙的技术尖兵", "一批"),
    ("任何一项人工智能、集成电路或生物医药领域的新技术", "一项"),
    ("前10个城市分别为北京、上海、深圳", "10个"),
    ("与前三批相比，第四批“小巨人”企业规模更小", "三批"),
    ("与第二、三批接近", "三批"),
    ("第二十一、二十二批企业", "二十二批"),  # the ordinal 第 is two numerals back
    ("第十二 、三批", "三批"),
    ("营收十几万元", "万元"),              # not 万元 = 10000: 十几万元 is one vague figure
    ("**15**家企业近3年营业收入复合增长率", "近3年"),
    ("员工规模（平均值） 就业数\n\n（万人）", "万人"),
    ("从关键零部件和材料的替代", "零部"),
    ("01\n千家“小巨人”", "01\n千家"),
    ("| 北京 | 800+ | AI、芯片、软件 |", "800+"),
    ("| 上海商汤智能科技有限公司 | 港交所:0020 |", "0020"),
    ("产品集成测试的效率呈几何级数提升", "几何"),
    ("“小巨人”数量占比（即省份的集中度CR10）达到 68.1%", "10"),
    ("深圳“20+8”产业叢集战略", "20+"),
    ("比全国快了1.71年。不少企业更是在全球手握重要话语权", "不少"),
    ("绘制全球最大规模猕猴全脑介观联接图谱", "全"),
    ("营收同比持平", "平"),
    ("3平台联动", "3平"),  # 平台: not a 平 of area
    ("折合2亿元", "折合2亿元"),
    ("教育宗旨3宗旨", "3宗"),
    # GUIDELINES N22: "several" without a magnitude word is no FIGURE (the older seed gold of doc 001 has 幾家)
    ("將不僅由幾家巨輪的航向決定", "幾家"),
    ("在入口的走廊处，树了数个展板", "数个"),
    ("他又进入谷歌工作了几年", "几年"),
    ("实际上，SSI 并不是唯一一家采用新方法的公司", "一一家"),
    ("提出三点建议", "三点"),
    ("会议十点五十分开始", "十点五"),  # a time of day, not 10.5
    ("满意的客户千篇一律", "千篇"),  # idioms
    ("AMD ZEN 6 架构处理器", "6 架"),  # 架构 is a word, not the measure word 架
    ("国产两轮车走向世界", "两轮"),  # wheels of a vehicle class, not rounds (units.json _why_wheels)
    ("电动兩輪摩托车等产品", "兩輪"),
    ("意向售價約900萬 呎價7031元", "約900萬 呎"),  # 呎價: the price per square foot follows, not 900万 feet
    ("在最近一轮融资中", "近一轮"),  # 最近, 附近: words ending in 近, not the qualifier 近
    ("附近两家门店", "近两家"),
    ("接口为USB 3.0，A$5家", "A$5家"),  # a currency sign before a count: no money
    ("下午3点多到场", "3点"),
    ("搭载3xCPU", "3x"),  # a letter after x: no multiple
    ("预计24-26年归母净利润", "24-26年"),  # two-digit years of a broker note: a DATE
    ("25年PE趋向可比公司", "25年"),
    ("美国10年期国债收益率", "10年"),  # a bond's tenor names it, counts nothing
    ("恒指续高于10天线", "高于10天"),  # a moving-average line
    ("10点30分开盘", "30分"),  # the minutes of a time of day, not a score
    ("这一点十分重要", "十分"),  # "very": a score is written in digits
    ("全片共16分09秒", "16分"),  # minutes and seconds of a duration
    ("5分钟后上涨", "5分"),
    ("1+1大于2", "1+"),  # arithmetic, a round, a model name: no count
    ("A+轮融资", "A+"),
    ("iPhone 16+上市", "16+"),
    ("大盘成长的25/26年的净利润预测", "26年"),  # the last year of a slash list is a year, not a duration
    ("24/25/26年的营收", "26年"),
    ("你千万投资要小心", "千万"),  # the adverb 千万 before 投资 with no round: no money
    ("数千万投资者关注", "数千万"),
    ("企业采购半成品", "半成"),  # 半成品, 半成本: no half tenth
    ("小鹏X9成为行业首款", "9成"),
    ("型号为5wtx的设备", "5wt"),  # wt inside a Latin word
    ("持股增加了2根据公告", "2根"),  # 根据 is no count of 根
    ("分别增长1，2，3个百分点", "2，3个百分点"),  # a list, no thousands separator (session 56)
    ("截至2019，100家企业入选", "2019，100家"),  # a year before a clause break
]


@pytest.mark.parametrize("text, not_span", NEGATIVES)
def test_not_a_figure(text, not_span):
    found = figures(text)
    assert not_span not in found, found.get(not_span)


def test_chinese_article_is_not_counted_but_bare_magnitude_is():
    found = figures("一家企业有一万家客户")
    assert list(found) == ["一万家"]


def test_rank_moved_by_one_place_is_counted():
    # numerals.json article_counted_rank_after: 上升一位 / 提升一位 count a rank move; 一位企业家 stays an article
    assert "一位" in figures("以色列上升一位,和法国并列第六。")
    assert "一位" in figures("西安排名也因此提升一位，再次向20强发起冲击。")
    assert "一位" not in figures("他是一位企业家，排名上升。")


def test_traditional_and_simplified_agree():
    t = figures("去年營收突破5.4億元")["突破5.4億元"].attrs
    s = figures("去年营收突破5.4亿元")["突破5.4亿元"].attrs
    assert {k: v for k, v in t.items() if k != "norm"} == {k: v for k, v in s.items() if k != "norm"}
    assert t["norm"] == "突破5.4亿元"


def test_full_width_digits_keep_original_text():
    d = make_doc("达１０２６家")
    (e,) = find_figures(d)
    assert e.text == "１０２６家" and d.text[e.start:e.end] == e.text
    assert e.attrs["value"] == 1026 and e.attrs["norm"] == "1026家"


def test_empty_and_numberless_text_give_empty_list():
    assert find_figures(make_doc("")) == []
    assert find_figures(make_doc("上海打造全球科技创新中心")) == []


# ------------------------------------------------------------ all recognizers, whole seeds
FINDERS = {"FIGURE": find_figures, "DATE": find_dates, "RANK": find_ranks, "POLICY": find_policies}


@pytest.mark.parametrize("etype", sorted(FINDERS))
def test_recognizers_on_full_seeds(seeds, etype):
    total = 0
    for name, text in seeds.items():
        d = make_doc(text)
        ents = FINDERS[etype](d)
        assert isinstance(ents, list)
        total += len(ents)
        for e in ents:
            assert e.type == etype
            assert d.text[e.start:e.end] == e.text, (name, e)
            assert e.attrs["norm"] == d.norm[e.start:e.end]
            assert e.text == e.text.strip() and not e.text.startswith("*") and not e.text.endswith("*"), (name, e)
        ents.sort(key=lambda e: e.start)
        for a, b in zip(ents, ents[1:]):
            assert a.end <= b.start, (name, a, b)
    assert total >= 10, f"only {total} {etype} spans in the seeds"


def test_seeds_yield_every_type(seeds):
    text = "\n".join(seeds.values())
    d = make_doc(text)
    for etype, find in FINDERS.items():
        assert len(find(d)) >= 10, etype


def test_rules_component_appends_all_types():
    from extract.registry import components
    import extract.stages.recognizers  # noqa: F401  (registers rules.v1)
    factory = components.get("rules.v1")
    assert factory is make_rules
    comp = factory(None)
    d = make_doc("截至2025年10月，上海“小巨人”企业达1026家，位居全国第三，见《上海市促进高成长企业加快发展三年行动方案》。")
    out = comp(d)
    assert out is d
    types = sorted({e.type for e in d.entities})
    assert types == ["DATE", "FIGURE", "POLICY", "RANK"]
    only = factory(None, figures=False, dates=False, ranks=True, policies=False)(make_doc("位居全国第三，达1026家"))
    assert [e.type for e in only.entities] == ["RANK"]


@pytest.mark.parametrize("text, span, value, unit", [
    ("融资10亿美金", "10亿美金", 1e9, "美元"),         # 美金 is US dollars (SCHEMA §2), not 元
    ("營收300億新台幣", "300億新台幣", 3e10, "新台币"),
    ("获得2000万台币投资", "2000万台币", 2e7, "新台币"),
])
def test_currency_words_of_news_normalize_to_the_schema_unit(text, span, value, unit):
    from extract.stages.recognizers import find_figures
    figs = find_figures(make_doc(text))
    assert [(f.text, f.attrs["value"], f.attrs["unit"]) for f in figs] == [(span, value, unit)]


@pytest.mark.parametrize("text, expected", [
    # a change and the amount it reaches: the "range" 9.8%至1,843.22亿美元 mixes units, so both stand alone
    ("品牌價值飆增109.8%至1,843.22億美元，排名", [("109.8%", 109.8, "%", "exact"), ("1,843.22億美元", 184322000000, "美元", "exact")]),
    ("净利润增长9.8%到12亿元", [("9.8%", 9.8, "%", "exact"), ("12亿元", 1200000000, "元", "exact")]),
    # a real range keeps being one FIGURE
    ("营收3亿至5亿元", [("3亿至5亿元", 300000000, "元", "range")]),
    # both ends with their unit: one range
    ("1000元到1999元性价比最高", [("1000元到1999元", 1000, "元", "range")]),
    ("0元到999元", [("0元到999元", 0, "元", "range")]),
    # not a range: a higher first value, another separator, another unit
    ("8元到3元", [("8元", 8, "元", "exact"), ("3元", 3, "元", "exact")]),
    ("5家和8家", [("5家", 5, "家", "exact"), ("8家", 8, "家", "exact")]),
    ("3家至5人", [("3家", 3, "家", "exact"), ("5人", 5, "人", "exact")]),
    # approximate or lower-bound ends, signed ends, an aside after the first end: still one range
    ("租金約1,700元至2,000元不等", [("約1,700元至2,000元", 1700, "元", "range")]),
    ("跌逾6%至逾8%。", [("逾6%至逾8%", 6, "%", "range")]),
    ("净利润约为-11.5 亿元至-7.7 亿元。", [("-11.5 亿元至-7.7 亿元", -1150000000, "元", "range")]),
    ("同比+110%~+130%）", [("110%~+130%", 110, "%", "range")]),
    ("盈利達到26.386億元（人民幣，下同）至27.485億元", [("26.386億元（人民幣，下同）至27.485億元", 2638600000, "元", "range")]),
    # a lower bound against an exact end: two figures
    ("10亿美元到逾1500亿美元", [("10亿美元", 1000000000, "美元", "exact"), ("逾1500亿美元", 150000000000, "美元", "more_than")]),
    # a change and the index level it reaches: the second number has no unit of its own
    ("日圓跌0.75%至152.54兌每美元", [("0.75%", 0.75, "%", "exact")]),
    # a currency named before the amount gives the unit; 元 after it only repeats it
    ("總金額超過新台幣15億元。", [("超過新台幣15億元", 1500000000, "新台币", "more_than")]),
    ("港币10亿元", [("港币10亿元", 1000000000, "港元", "exact")]),
    ("人民币2.53亿", [("人民币2.53亿", 253000000, "元", "exact")]),
])
def test_ranges_changes_and_leading_currency_names(text, expected):
    got = [(f.text, f.attrs["value"], f.attrs["unit"], f.attrs["qualifier"]) for f in find_figures(make_doc(text))]
    assert got == expected


@pytest.mark.parametrize("text, span, lo, hi", [
    # 、 between a bare numeral and the next one up is a rough range (session 55)
    ("業界分析約有3、4隻香港獨角獸", "3、4隻", 3, 4),
    ("價值能達80、90億元，", "80、90億元", 8000000000, 9000000000),
    # two vague ends: from the first's min to the second's max
    ("需要几百台到几千台服务器", "几百台到几千台", 200, 9000),
    # negative ends written by size: min is still the lower
    ("净利润-2.1亿元到-2.5亿元", "-2.1亿元到-2.5亿元", -250000000, -210000000),
])
def test_adjacent_vague_and_negative_ranges_are_one_figure(text, span, lo, hi):
    (f,) = find_figures(make_doc(text))
    assert (f.text, f.attrs["qualifier"], f.attrs["value"], f.attrs["min"], f.attrs["max"]) == (span, "range", lo, lo, hi)


@pytest.mark.parametrize("text", ["收入为1476、2019、2518亿元", "分别为3、4家", "增至3、5家", "3、4、5只"])
def test_listed_numbers_stay_apart(text):
    assert all(f.attrs["qualifier"] != "range" for f in find_figures(make_doc(text)))


def test_joined_range_carries_min_and_max():
    (f,) = find_figures(make_doc("1000元到1999元"))
    assert (f.start, f.end, f.attrs["min"], f.attrs["max"]) == (0, 11, 1000, 1999)


def test_bare_minguo_year_is_a_date_in_traditional_text_only():
    """114年產值: in Taiwan news a bare 1xx年 is a 民国 year (a DATE); in simplified text 110年 stays a duration."""
    from extract.pipeline import load
    rules = load("rules")
    trad = rules("內容顯示我國4大製造業114年的回顧及115年的展望")
    assert [(e.type, e.text) for e in trad.entities if e.type in ("DATE", "FIGURE")] == [("DATE", "114年"), ("DATE", "115年")]
    simp = rules("这家公司成立110年")
    assert [(e.type, e.text) for e in simp.entities if e.type in ("DATE", "FIGURE")] == [("FIGURE", "110年")]


@pytest.mark.parametrize("text, expected", [
    # a second, smaller magnitude adds to the first
    ("以2兆2500亿元人民币估值", [("2兆2500亿元人民币", 2250000000000, "元", "exact")]),
    ("(约42亿2657万令吉)", [("约42亿2657万令吉", 4226570000, "令吉", "approx")]),
    ("營收總計4兆4,127億元，較", [("4兆4,127億元", 4412700000000, "元", "exact")]),
    ("續創1兆36億元新高", [("1兆36億元", 1003600000000, "元", "exact")]),
    ("貸款超過11萬5千件", [("超過11萬5千件", 115000, "件", "more_than")]),
    # at most / breaking through
    ("筹集至多30亿元人民币", [("至多30亿元人民币", 3000000000, "元", "less_than")]),
    ("料去年最少賺26億元人幣增長1.4倍", [("26億元人幣", 2600000000, "元", "at_least"), ("1.4倍", 1.4, "倍", "exact")]),  # 最少 before the verb: at_least (news gold u356, session 51 h8)
    ("投资最多300億美元。", [("最多300億美元", 30000000000, "美元", "less_than")]),
    ("票房破百亿！", [("破百亿", 10000000000, "元", "more_than")]),
    ("打破3项纪录", [("3项", 3, "项", "exact")]),
    # 多 after the unit
    ("成立3年多时间", [("3年多", 3, "年", "more_than")]),
    ("估值增加了一倍多。", [("一倍多", 1, "倍", "more_than")]),
    ("3家多元化企业", [("3家", 3, "家", "exact")]),
    # units: 千克 is not 千 + 克; lengths, weights, generations
    ("体重约35千克，配备", [("约35千克", 35, "千克", "approx")]),
    ("身高5.8英尺（约175厘米），体重160磅", [("5.8英尺", 5.8, "英尺", "exact"), ("约175厘米", 175, "厘米", "approx"),
                                         ("160磅", 160, "磅", "exact")]),
    ("已推出4代模型", [("4代", 4, "代", "exact")]),
    ("3千亿元", [("3千亿元", 300000000000, "元", "exact")]),
])
def test_compound_magnitudes_bounds_and_news_units(text, expected):
    got = [(f.text, f.attrs["value"], f.attrs["unit"], f.attrs["qualifier"]) for f in find_figures(make_doc(text))]
    assert got == expected


# ------------------------------------------------- edge cases found by mutation testing (issue 19)
def _rows(text: str) -> list:
    figs = find_figures(make_doc(text))
    for f in figs:
        assert f.type == "FIGURE" and f.source == "rules", f
    return [(f.text, f.attrs["value"], f.attrs["unit"], f.attrs["qualifier"], f.attrs.get("min"), f.attrs.get("max"))
            for f in figs]


def _one(span, value, unit, qual="exact", lo=None, hi=None):
    return (span, value, unit, qual, lo, hi)


@pytest.mark.parametrize("text, expected", [
    # two amounts of one unit joined across spaces or bold markers are one range (gaps are stripped
    # before the separator is looked up); the joined FIGURE keeps its type and source; equal ends are
    # no range; what follows a joined range is still read
    ("1000元 到 1999元", [_one("1000元 到 1999元", 1000, "元", "range", 1000, 1999)]),
    ("1000元**到**1999元", [_one("1000元**到**1999元", 1000, "元", "range", 1000, 1999)]),
    ("5元到5元", [_one("5元", 5, "元"), _one("5元", 5, "元")]),
    ("1000元到1999元，共5家", [_one("1000元到1999元", 1000, "元", "range", 1000, 1999), _one("5家", 5, "家")]),
    ("5-5家", []),
    ("3-\n12家", [_one("3-\n12家", 3, "家", "range", 3, 12)]),  # the break is inside the range, not before the unit
    ("一至三家", [_one("一至三家", 1, "家", "range", 1, 3)]),  # a range from 一 is no article
    # a currency named after 元 is the unit; one named before a foreign currency does not replace it
    ("募资300亿元新台币", [_one("300亿元新台币", 30000000000, "新台币")]),
    ("新台币15亿美元", [_one("新台币15亿美元", 1500000000, "美元")]),
    # 破 after a letter is still the qualifier; after a break verb it is the verb's, and reading goes on
    ("SpaceX破3项纪录", [_one("破3项", 3, "项", "more_than")]),
    ("打破一项纪录，新增5家", [_one("5家", 5, "家")]),
    # 近/接近/将近 + N年/N个月 is a DATE unless a duration cue (across two gap characters) comes before it
    ("接近3年", []),
    ("将近3个月", []),
    ("近3个月", []),
    ("成立近3年", [_one("近3年", 3, "年", "approx")]),
    ("历时近3年", [_one("近3年", 3, "年", "approx")]),
    ("成立  近3年", [_one("近3年", 3, "年", "approx")]),
    # 兆瓦 is a unit, not 兆 + 瓦; 成 before 为 is no tenth after a Chinese numeral (一成为: "once it becomes"), but a
    # digit's tenths (3成为新企业: 30 % are; news gold 3 of 3 digit+成为 are FIGUREs, session 56)
    ("装机10兆瓦", [_one("10兆瓦", 10, "兆瓦")]),
    ("其中3成为新企业", [_one("3成", 30, "%")]),
    ("企业一成为上市公司就", []),
    # N分之M: M/N as a percentage, M at most N; N/M with 1 ≤ N < M ≤ 10 and no unit
    ("三分之一的企业", [_one("三分之一", 33.33, "%")]),
    ("三分之二", [_one("三分之二", 66.67, "%")]),
    ("三分之三", [_one("三分之三", 100, "%")]),
    ("零分之零", []),
    ("1/10", [_one("1/10", 10, "%")]),
    ("5/5", []),
    ("6/5", []),
    ("1/11", []),
    # vague amounts: a magnitude after a gap still counts; without a unit 亿 is money, 万 only after a
    # money word, 千 never; a tenth unit multiplies both ends (数十成: contrived)
    ("数千 万元", [_one("数千 万元", 20000000, "元", "vague", 20000000, 90000000)]),
    ("融资数千 万", [_one("数千 万", 20000000, "元", "vague", 20000000, 90000000)]),
    ("完成数亿融资", [_one("数亿", 200000000, "元", "vague", 200000000, 900000000)]),
    ("数十成", [_one("数十成", 200, "%", "vague", 200, 900)]),
    ("融资3千", []),
    # a magnitude after 余 multiplies the amount and makes it money
    ("10余万元", [_one("10余万元", 100000, "元", "more_than")]),
    ("募资10余亿", [_one("10余亿", 1000000000, "元", "more_than")]),
    # a unit header over a table column only when no qualifier comes first; also at position 1
    ("（超千家）", [_one("超千家", 1000, "家", "more_than")]),
    ("（万人）", []),
    ("30%%", [_one("30%%", 30, "%")]),  # a doubled percent sign: % once
    ("增长0.0%", [_one("0.0%", 0, "%")]),  # a written zero is a value (only 零 is not: 零部件)
    # a unit after a line break is table residue only when it is one character
    ("共12\n家", []),
    ("共12\n个月", [_one("12\n个月", 12, "个月")]),
    # years 1900..2099 (digits or 〇-style numerals, also as a range's upper end) are DATEs
    ("(1895-1945年)", []),
    ("1900年", []),
    ("2099年", []),
    ("1800年", []),  # (the 1800s are years too: 寶齊萊源自1888年, session 51)
    ("1799年", [_one("1799年", 1799, "年")]),
    ("2100年", [_one("2100年", 2100, "年")]),
    ("二〇二四年", []),
    ("一九〇〇年", []),
    ("二〇九九年", []),
    ("一八九九年", [_one("一八九九年", 1899, "年")]),
    ("二一〇〇年", [_one("二一〇〇年", 2100, "年")]),
    # a second magnitude must be smaller than the first and its amount below the first magnitude
    ("1万0万件", []),
    ("1万0亿件", []),
    ("2兆10000亿元", []),
    ("11万10千件", []),
    # 一 with a qualifier before it or a 余 after it is counted
    ("成立不足一年", [_one("不足一年", 1, "年", "less_than")]),
    ("一余家", [_one("一余家", 1, "家", "more_than")]),
    # 第/前/首 before a number block it across spaces and inside a Chinese numeral (第十二批);
    # a letter does not, nor 第 four characters before a list mark (第三季度和5家)
    ("第 3家", []),
    ("第十二批", []),
    ("SpaceX 3次发射", [_one("3次", 3, "次")]),
    ("第2代X 3台", [_one("3台", 3, "台")]),
    ("第三季度和5家机构签约", [_one("5家", 5, "家")]),
    # markdown bold: opening at the very start; a bold closing after the figure's end + 2 is not its core
    ("**95**家企业", [_one("95", 95, "家")]),
    ("约**3亿元。**", [_one("约**3亿元", 300000000, "元", "approx")]),
    # traditional text: the 民国 year 114年 is skipped and reading goes on
    ("內容顯示我國製造業114年產值達5家", [_one("5家", 5, "家")]),
])
def test_figure_edge_cases(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text,units", [
    ("增速分别高于全国、全省0.6个和0.2个百分点", ["个百分点", "个百分点"]),
    ("按年減7個及2.3個百分點", ["个百分点", "个百分点"]),
    ("新增3个，另有5个百分点的差距", ["个", "个百分点"]),  # not a coordination: 3个 keeps its own unit
    ("3个项目和5个百分点", ["个", "个百分点"]),  # 3个项目: a count of projects, not joined to the percentage
])
def test_a_count_in_ge_shares_the_percentage_point_unit_it_is_coordinated_with(text, units):
    from extract.doc import Document
    from extract.stages.recognizers.figures import FigureRecognizer
    from extract.textnorm import normalize
    doc = Document(text)
    doc.norm, doc.script = normalize(text)
    assert [f.attrs["unit"] for f in FigureRecognizer().find(doc)] == units


@pytest.mark.parametrize("text,units", [
    # a currency declared for the rest of the text: the amount that declares it and the later plain 元 amounts
    ("录得收入3.2亿元（美元、下同），净利润1839万元，每股盈利2.42元", ["美元", "美元", "美元"]),
    ("收入6.72億元(美元‧下同)，按年升23%", ["美元", "%"]),
    ("收入114.08億元(新加坡元‧下同)，淨利26.22億元", ["新加坡元", "新加坡元"]),
    ("英偉達收市報254.7美元(下同)，蘋果報236.87元", ["美元", "美元"]),
    ("收入3.2亿元（美元、下同），另获28亿元人民币贷款", ["美元", "元"]),  # an amount naming 人民币 keeps 元
    ("首轮3亿元，收入3.2亿元（美元、下同），净利润1亿元", ["元", "美元", "美元"]),  # not before the declaration
    ("收入3.2亿元（美元、下同）；次年募资9亿元（人民币，下同），利润2亿元", ["美元", "元", "元"]),  # a later one
    ("较春节前（1月27日，下同）上升3億元", ["元"]),  # a bracket with 下同 but no currency declares nothing
    ("投入超過3億元（人民幣、下同），另10亿元", ["元", "元"]),
])
def test_a_currency_declared_with_xia_tong_is_the_unit_of_the_later_plain_yuan_amounts(text, units):
    from extract.doc import Document
    from extract.stages.recognizers.figures import FigureRecognizer
    from extract.textnorm import normalize
    doc = Document(text)
    doc.norm, doc.script = normalize(text)
    assert [f.attrs["unit"] for f in FigureRecognizer().find(doc)] == units


@pytest.mark.parametrize("text, span, unit", [
    ("淨利潤12億新加坡元", "12億新加坡元", "新加坡元"),  # written out, as the news gold writes it (15 of 15)
    ("集資5000萬新元", "5000萬新元", "新加坡元"),
    ("每股派60坡仙", "60坡仙", "新加坡元"),
    ("募資1億紐元", "1億紐元", "新西兰元"),
])
def test_singapore_and_new_zealand_dollars_are_written_out(text, span, unit):
    from extract.stages.recognizers import find_figures
    assert [(f.text, f.attrs["unit"]) for f in find_figures(make_doc(text))] == [(span, unit)]


@pytest.mark.parametrize("text, expected", [
    ("新车售价7万起 > 长城汽车", [("7万", 70000, "元", "at_least")]),
    ("部分车型降至7万起价", [("7万", 70000, "元", "at_least")]),
    ("官方指导价10.28万元起，堪称", [("10.28万元", 102800, "元", "at_least")]),
    ("限时补贴后售9.38万元起。", [("9.38万元", 93800, "元", "at_least")]),
    ("投资案例33151起，披露", [("33151起", 33151, "起", "exact")]),  # 起 counts events
    ("案件已高达上百起。", [("上百起", 100, "起", "vague")]),
    ("7万起事故", [("7万起", 70000, "起", "exact")]),  # no price: a count
    ("本月事故共7万起", [("7万起", 70000, "起", "exact")]),  # at the end of the text too
])
def test_a_price_from_an_amount_is_a_lower_bound_with_qi_outside(text, expected):
    from extract.stages.recognizers import find_figures
    figs = find_figures(make_doc(text))
    assert [(f.text, f.attrs["value"], f.attrs["unit"], f.attrs["qualifier"]) for f in figs] == expected


@pytest.mark.parametrize("text, span", [
    ("若煤价大幅跌破770元/吨，煤企", "770元/吨"),  # 跌破 / 升破: a price crossing a level, the verb stays out
    ("恒指升破20000点", "20000点"),
    ("票房破100亿，成为首部", "破100亿"),  # 破 alone qualifies the amount (more_than)
    ("首个订单签约5000辆新能源汽车", "5000辆"),  # 签约: 约 ends the word, no approximation
    ("市值约5000亿元", "约5000亿元"),
    ("成交過百億，其中", "過百億"),  # 过 right after what it measures: more than
    ("年銷售額過億元的明星", "過億元"),
    ("招商局拟通过118亿元", "118亿元"),  # after a verb 过 is part of it
    ("场规模迈过200亿美元", "200亿美元"),
    ("回国创业时不过 27 岁，相当于", "27 岁"),  # a space after the verb: the figure starts at the number
    ("股票多次跌破 1 美元大关", "1 美元"),
])
def test_a_prefix_that_ends_the_word_before_it_stays_out(text, span):
    from extract.stages.recognizers import find_figures
    assert [f.text for f in find_figures(make_doc(text))] == [span]


def test_a_prefix_after_a_line_break_is_no_verb_ending():
    from extract.stages.recognizers import find_figures
    assert [f.text for f in find_figures(make_doc("其中有 4个区县有超\n过 100 家小巨人"))] == ["4个"]  # (超\n过: one word)


def test_money_is_one_definition_for_the_recognizer_the_facts_and_the_funding_extractor():
    from extract.stages.events.rules import _is_money, _load
    from extract.stages.facts.rules import _is_amount
    from extract.stages.recognizers import find_figures
    from extract.stages.recognizers.figures import currency_units
    for text in ("營收300億新台幣", "获得2000万瑞典克朗", "融资5亿卢比", "融资10亿美金", "净利润3亿元"):
        (f,) = find_figures(make_doc(text))
        assert f.attrs["unit"] in currency_units()
        assert _is_amount(f) and _is_money(f, _load()), text
    (f,) = find_figures(make_doc("员工3000人"))
    assert not _is_amount(f) and not _is_money(f, _load())


@pytest.mark.parametrize("text,quals", [
    ("超过14.7亿美元和5亿次", ["more_than", "more_than"]),
    ("增长率分别不低于60%、110%、180%", ["at_least", "at_least", "at_least"]),
    ("约40%、35%", ["approx", "approx"]),
    ("約5.77億元或31%", ["approx", "exact"]),  # 或: the amount restated as a share
    ("突破500亿美元，三年", ["more_than", "exact"]),  # not across a comma
    ("100亿元以上和200亿元", ["more_than", "exact"]),  # a suffix qualifies its own figure only
    ("约40%、超过35%", ["approx", "more_than"]),  # a figure's own qualifier stands
])
def test_a_prefix_qualifier_is_shared_by_the_figures_coordinated_after_it(text, quals):
    from extract.doc import Document
    from extract.stages.recognizers.figures import FigureRecognizer
    from extract.textnorm import normalize
    doc = Document(text)
    doc.norm, doc.script = normalize(text)
    assert [f.attrs["qualifier"] for f in FigureRecognizer().find(doc)] == quals


@pytest.mark.parametrize("text, span, unit", [
    ("股价长期在18元/股附近震荡", "18元/股", "元/股"),           # a slash rate takes its denominator whatever follows
    ("目前拥有500万吨/年氯化钾产能", "500万吨/年", "吨/年"),
    ("1月销售均价为15.77元/kg。", "15.77元/kg", "元/kg"),
    ("每股派0.5元/股东大会通过后", "0.5元", "元"),             # 股东 is a word, not a denominator
    ("售价2元/kgs", "2元", "元"),                              # a Latin denominator must end there
])
def test_slash_rates_take_their_denominator(text, span, unit):
    (f,) = [e for e in find_figures(make_doc(text))]
    assert (f.text, f.attrs["unit"]) == (span, unit)


def test_hours_counted_with_ge():
    """个小时 is kept as written, like 个月 (news gold unit 个小时 at 4 of 4; session 51 h8)."""
    (f,) = find_figures(make_doc("排队近6个小时才能进店"))
    assert (f.text, f.attrs["unit"], f.attrs["value"]) == ("近6个小时", "个小时", 6)


@pytest.mark.parametrize("text, figures", [("美国二次通胀潜在风险", []), ("沪深两市成交额为1.2万亿", ["1.2万亿"]),
                                           ("年内降息两次", ["两次"])])
def test_second_time_and_the_two_exchanges_count_nothing(text, figures):
    assert [f.text for f in find_figures(make_doc(text))] == figures


def test_bare_numbers_listed_before_a_figure_take_its_unit_and_magnitude():
    got = {t: (e.attrs["value"], e.attrs["unit"]) for t, e in figures("价格分别为74.66、71.00、68.15美元/桶。").items()}
    assert got == {"74.66": (74.66, "美元/桶"), "71.00": (71, "美元/桶"), "68.15美元/桶": (68.15, "美元/桶")}
    got = {t: e.attrs["value"] for t, e in figures("库存变化分别为+70.03、-107.82万桶/日。").items()}
    assert got == {"70.03": 700300, "107.82万桶/日": 1078200}
    got = {t: e.attrs["value"] for t, e in figures("贷款分别为12.25和12.44万亿元。").items()}
    assert got == {"12.25": 12.25e12, "12.44万亿元": 12.44e12}
    assert "1" not in figures("排名第1、2个")  # after 第: an ordinal list
    assert "3" not in figures("约3、5亿元")  # a qualifier before the list: left alone


def test_a_slash_series_takes_the_unit_of_its_last_figure():
    got = {t: e.attrs["value"] for t, e in figures("归母净利润分别为2.19/2.78/3.51亿元，PE分别为130/102/81倍。").items()}
    assert got == {"2.19": 2.19e8, "2.78": 2.78e8, "3.51亿元": 3.51e8, "130": 130, "102": 102, "81倍": 81}
    got = {t: e.attrs["value"] for t, e in figures("EPS分别为-0.39/-0.49/0.60元").items()}
    assert got == {"0.39": 0.39, "0.49": 0.49, "0.60元": 0.6}
    # a price per weight is no series; the weight is a figure of its own (g: units.json _why_news_measures)
    assert set(figures("原价10750元/7.8g的金刚杵")) == {"10750元", "7.8g"}


def test_an_index_level_before_hou_is_a_figure_not_a_time():
    got = {t: e.attrs["value"] for t, e in figures("是2024年10月10日21622.65點後最高，高開134點後回落。").items()}
    assert got == {"21622.65點": 21622.65, "134點": 134}
    assert figures("晚間7點半在深圳") == {}  # a time of day


def test_trading_days_level_and_halves():
    got = {t: (e.attrs["value"], e.attrs["unit"], e.attrs["qualifier"])
           for t, e in figures("假期后的7个交易日，连续六十个工作日，规模在50亿元级别，四年半，约一个半月，4年半左右。").items()}
    assert got == {"7个交易日": (7, "个交易日", "exact"), "六十个工作日": (60, "个工作日", "exact"),
                   "50亿元级别": (5e9, "元", "approx"), "四年半": (4.5, "年", "exact"),
                   "约一个半月": (1.5, "个月", "approx"), "4年半左右": (4.5, "年", "approx")}
    assert set(figures("成立2年半导体公司")) == {"2年"}  # 半 starts another word


def test_half_years_price_classes_cities_and_rent():
    got = {t: (e.attrs["value"], e.attrs["unit"], e.attrs["qualifier"])
           for t, e in figures("这才过了半年，还不到半年时间，短短半年时间。10万级冠军SUV，60城新房成交，月租75萬。").items()}
    assert got == {"半年": (0.5, "年", "exact"), "不到半年": (0.5, "年", "less_than"), "10万级": (1e5, "元", "approx"),
                   "60城": (60, "城", "exact"), "75萬": (7.5e5, "元", "exact")}
    assert set(figures("半年营收10亿，早在半年前，截至9月30日的半年，1+8城市圈")) == {"10亿"}  # periods, not durations


def test_a_block_number_is_no_count():
    assert figures("入擎天半島6座中層戶，最新成交為6座3樓A08室") == {}
    assert set(figures("覆盖了中国25座城市")) == {"25座"}


def test_aspects_departments_rates_and_one_rate_cut():
    got = {t: e.attrs["unit"] for t, e in figures("主要有两方面，一方面通过分红。七部门联合发文，售出115棟，120Mbps的数据，只会再降息一次。").items()}
    assert got == {"两方面": "方面", "七部门": "部门", "115棟": "栋", "120Mbps": "Mbps", "一次": "次"}
    assert figures("每年发布一次") == {}  # an article


@pytest.mark.parametrize("text, expected", [
    ("货运量达到了56万TEU（标准集装箱）", [("56万TEU", 560000, "TEU")]),
    ("中国酱酒产能约65万千升，同比下降", [("约65万千升", 650000, "千升")]),  # 千升 is kilolitres, not 千 x 升
    ("美国政府持有的8133公吨黄金", [("8133公吨", 8133, "公吨")]),
    ("出库流量8460立方米/秒，同比", [("8460立方米/秒", 8460, "立方米/秒")]),
    ("容量为 5000 mAh，由", [("5000 mAh", 5000, "mAh")]),
    ("能量密度提升至400Wh/kg，较", [("400Wh/kg", 400, "Wh/kg")]),
    ("總計 1128GB 的 GPU 內存", [("1128GB", 1128, "GB")]),
    ("具备10 TOPs 算力", [("10 TOPs", 10, "TOPS")]),
    ("40730元/31.6g的随身佛挂坠", [("40730元", 40730, "元"), ("31.6g", 31.6, "克")]),
    ("亏电油耗低至2.9L，开创", [("2.9L", 2.9, "升")]),
    ("比亚迪已有超400万L2及以上级别车辆", []),  # L2: an autonomy level, not litres
    ("科技+30.15%、荣亿精密+21.62%分列涨幅前三", [("30.15%", 30.15, "%"), ("21.62%", 21.62, "%")]),  # 分列 is no 分
])
def test_measure_words_of_news_figures(text, expected):
    figs = find_figures(make_doc(text))
    assert [(f.text, float(f.attrs["value"]), f.attrs["unit"]) for f in figs] == expected


def test_a_fraction_with_a_large_denominator_after_de_is_a_share():
    got = {t: (round(e.attrs["value"], 4), e.attrs["unit"]) for t, e in figures("工人数是京东的1/35，出险率仅为人类驾驶员的1/14。").items()}
    assert got == {"1/35": (round(100 / 35, 4), "%"), "1/14": (round(100 / 14, 4), "%")}
    assert figures("1/20-2/12期间，截至2/11，涨幅排序9/11") == {}  # dates and a rank, not fractions


def test_us_cents_are_hundredths_of_a_dollar_with_a_per_unit():
    got = {t: (round(e.attrs["value"], 4), e.attrs["unit"]) for t, e in
           figures("均价约为8.7美分/片，美棉77.4美分/磅，停止铸造1美分硬币").items()}
    assert got == {"8.7美分/片": (0.087, "美元/片"), "77.4美分/磅": (0.774, "美元/磅"), "1美分": (0.01, "美元")}


def test_zuiduo_before_the_verb_of_a_change_makes_the_figure_at_most():
    got = {t: e.attrs["qualifier"] for t, e in figures("恒指午後最多漲406點，道指最多曾跌467點，有望最多带来2000亿增量资金。").items()}
    assert got == {"406點": "less_than", "467點": "less_than", "2000亿": "less_than"}
    assert {t: e.attrs["qualifier"] for t, e in figures("数量最多的30家").items()} == {"30家": "exact"}


def test_yuezhan_and_buchaoguo_before_the_measure_qualify_the_figure_after_it():
    got = {t: e.attrs["qualifier"] for t, e in
           figures("交通票务（约占总收入的 80%），約佔其投資組合37%，余额合计不超过本公司上季末总资产的1%。").items()}
    assert got == {"80%": "approx", "37%": "approx", "1%": "less_than"}
    assert {t: e.attrs["qualifier"] for t, e in figures("约占，其中30%").items()} == {"30%": "exact"}  # not across a comma


def test_chaoguole_right_before_a_figure_makes_it_more_than():
    got = {t: e.attrs["qualifier"] for t, e in figures("票房超过了1亿元，收入增速普遍超过了 30%。").items()}
    assert got == {"1亿元": "more_than", "30%": "more_than"}


def test_a_cap_word_before_the_measure_and_verb_makes_the_figure_less_than():
    got = {t: e.attrs["qualifier"] for t, e in
           figures("拟发行股份，最高募资2.6亿美元；助学贷款期限最長為8年，补贴金额最高可达3.5万元，基金规模上限为80亿元。").items()}
    assert got == {"2.6亿美元": "less_than", "8年": "less_than", "3.5万元": "less_than", "80亿元": "less_than"}
    # an observed maximum after 仅, and a comma between, stay exact
    got = {t: e.attrs["qualifier"] for t, e in figures("成交额最高仅为2.3%。最高的一天，成交17亿元").items()}
    assert got == {"2.3%": "exact", "17亿元": "exact"}


def test_a_bare_amount_close_after_one_in_a_foreign_currency_takes_its_currency():
    got = {t: e.attrs["unit"] for t, e in
           figures("富豪依次為：甲(210億美元)、乙(186億)。营收为3,120亿瑞典克朗（去年同期为2,980亿）。").items()}
    assert got == {"210億美元": "美元", "186億": "美元", "3,120亿瑞典克朗": "瑞典克朗", "2,980亿": "瑞典克朗"}
    # across a sentence end, or after 元, it stays 元
    got = {t: e.attrs["unit"] for t, e in figures("融资5亿美元。估值30亿").items()}
    assert got == {"5亿美元": "美元", "30亿": "元"}


def test_a_streak_of_quarters_or_months_without_ge_is_a_duration():
    got = {t: (e.attrs["value"], e.attrs["unit"]) for t, e in
           figures("打破了此前连续两季度负增长，市占終止連十季走揚，收入連續四季差過預期，成交金额连续三月回落").items()}
    assert got == {"两季度": (2, "季度"), "十季": (10, "季"), "四季": (4, "季"), "三月": (3, "月")}
    assert figures("连续3月份") == {}


def test_zai_counts_years():
    got = {t: (e.attrs["value"], e.attrs["unit"], e.attrs["qualifier"]) for t, e in figures("历经12载，寒窗苦读二十余载。").items()}
    assert got == {"12载": (12, "年", "exact"), "二十余载": (20, "年", "more_than")}


def test_bude_and_wei_chaoguo_are_at_most_prefixes():
    got = {t: e.attrs["qualifier"] for t, e in figures("通常不得超过5%，但净利润仍未超过3亿元。").items()}
    assert got == {"不得超过5%": "less_than", "未超过3亿元": "less_than"}


def test_jin_n_years_after_a_duration_verb_is_a_figure_in_the_rules_component():
    comp = make_rules(None, policies=False, companies=False, bylines=False)
    d = comp(make_doc("经过近4年时间的调整，在经历了近一年的模型测试，近3年营收增长，创4个月新高"))
    assert sorted((e.text, e.type) for e in d.entities) == sorted(
        [("近4年", "FIGURE"), ("近一年", "FIGURE"), ("近3年", "DATE"), ("4个月", "DATE")])


def test_two_neighbouring_digits_are_a_range():
    got = {t: (e.attrs["value"], e.attrs["unit"], e.attrs["qualifier"], e.attrs["min"], e.attrs["max"]) for t, e in
           figures("跨度可能是两三年，也可能是一两个月，贡献大约为二三十亿美元，距离地面两三百米，短短四五天。").items()}
    assert got == {"两三年": (2, "年", "range", 2, 3), "一两个月": (1, "个月", "range", 1, 2),
                   "二三十亿美元": (2000000000, "美元", "range", 2000000000, 3000000000),
                   "两三百米": (200, "米", "range", 200, 300), "四五天": (4, "天", "range", 4, 5)}
    # dates, ranks and windows stay the other recognizers'
    assert figures("七八十年代，今年六七月份，位居三四位，未来三四年，过去的七八年，十四五") == {}


def test_zhishao_and_zuishao_before_the_verb_give_at_least():
    got = {t: e.attrs["qualifier"] for t, e in figures("至少持有28隻港股，最少超購120倍，运营至少要5亿，最少超購逾39倍").items()}
    assert got == {"28隻": "at_least", "120倍": "at_least", "5亿": "at_least", "逾39倍": "more_than"}
    assert {t: e.attrs["qualifier"] for t, e in figures("目前至少有12个职位空缺").items()} == {"12个": "exact"}


def test_an_amount_listed_with_its_magnitude_takes_the_unit_of_the_last_figure():
    got = {t: (e.attrs["value"], e.attrs["unit"]) for t, e in figures("资本支出分别为1050亿、800亿、650亿美元，").items()}
    assert got == {"1050亿": (1050e8, "美元"), "800亿": (800e8, "美元"), "650亿美元": (650e8, "美元")}
    got = {t: e.attrs["unit"] for t, e in figures("随后陆续开放140亿、720亿参数版").items()}
    assert got == {"140亿": "参数", "720亿参数": "参数"}
    assert figures("营收分别为1.5万、2亿元")["2亿元"].attrs["unit"] == "元"  # magnitudes differ: no list of one measure


def test_a_precious_metal_weight_with_mei_before_a_price_is_its_denominator():
    """每盎司2900美元 is 2900美元/盎司 (units.json per_before); after 每股 the plain currency stays."""
    assert figures("現貨金價升穿每盎司2900美元關")["2900美元"].attrs["unit"] == "美元/盎司"
    assert figures("黃金價格每盎司報2930.61美元，升43美元")["2930.61美元"].attrs["unit"] == "美元/盎司"
    assert figures("这些产品每克1000+元的价格")["1000+元"].attrs["unit"] == "元/克"
    assert figures("每股7.8港元的价格")["7.8港元"].attrs["unit"] == "港元"


def test_a_non_terminating_fraction_in_words_is_a_percentage_to_two_places():
    got = {t: e.attrs["value"] for t, e in figures("有三分之一受訪者，三分之二以上，约四分之一，四十分之一，超过1/9的企业").items()}
    assert got == {"三分之一": 33.33, "三分之二以上": 66.67, "约四分之一": 25, "四十分之一": 2.5,
                   "超过1/9": pytest.approx(100 / 9)}  # (in digits unrounded, as the seed gold writes 1/3)


def test_a_flats_layout_before_jiange_is_a_count_of_rooms():
    """2房間隔, 兩房間隔: the layout is a FIGURE in 房 (figures.ROOM_LAYOUT); 兩房戶 elsewhere is left alone."""
    got = {t: (e.attrs["value"], e.attrs["unit"]) for t, e in figures("面積447方呎，2房間隔；面積約340方呎，兩房間隔").items()}
    assert got["2房"] == (2, "房") and got["兩房"] == (2, "房")
    assert "兩房" not in figures("實用面積446方呎的兩房戶")


def test_a_firms_age_before_lai_is_a_duration():
    """成立12年来, 上市24年以来: a firm's age up to now is a FIGURE in 年 (figures.AGE_SINCE); a bare 十年来 is left to
    the DATE recognizer."""
    got = figures("上海家化迎来了上市24年以来的首次亏损。成立12年来，旺山旺水开发了九大类产品。")
    assert (got["24年"].attrs["value"], got["24年"].attrs["unit"]) == (24, "年")
    assert (got["12年"].attrs["value"], got["12年"].attrs["qualifier"]) == (12, "exact")
    assert "十年" not in figures("十年来，公司营收翻了一番")



def test_a_comparative_before_the_expectation_stays_outside_it():
    # 超过19.1%的市场预期: the expectation is exact, the comparative compares the result with it (_compared_expectations)
    got = figures("毛利率22.6%，超过19.1%的市场预期。净利润低于2.08亿美元的市场预期")
    assert (got["19.1%"].attrs["qualifier"], got["2.08亿美元"].attrs["qualifier"]) == ("exact", "exact")
    assert figures("增速超过19.1%的增长")["超过19.1%"].attrs["qualifier"] == "more_than"


def test_one_company_ending_its_clause_is_counted():
    # numerals.json article_counted_end_units (session 55, w6cnnum): 深圳一家。, 减少一家， count companies; 一家企业 and
    # 其中的一家， stay articles
    assert "一家" in figures("目前全国门店数量仅有3家，杭州两家，深圳一家。")
    assert "一家" in figures("比去年上半年末减少一家，300亿元梯队有1家")
    assert "一家" not in figures("一家企业有一万家客户")
    assert "一家" not in figures("他们选中了其中的一家，")
