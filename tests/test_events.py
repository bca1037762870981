"""FUNDING events (extract/stages/events/rules.py) on hand-written sentences with hand-placed entities.

Entities are placed by hand (no model), so each test checks the event stage only:
trigger choice, argument attachment and the senses that are not a raise. The
sentences are written for these tests (news-style wording in both scripts); none
comes from the seed documents or the challenge sets.
"""
import pytest

from extract.stages.events import _load, find_events
from docs import make_doc

DATA = _load()


def money(surface, value=1.0, unit="元"):
    return (surface, "FIGURE", {"value": value, "unit": unit, "qualifier": "exact"})


def view(events):
    """Each event as (trigger text, sorted (role, text) pairs)."""
    return [(ev.trigger.text, sorted((a.role, a.text) for a in ev.arguments)) for ev in events]


C, O, D = "COMPANY", "ORG", "DATE"

POSITIVES = [
    # the nearest DATE before the trigger, not the first one of the sentence
    ("2021年成立的星云科技于2023年3月完成2亿元B轮融资。",
     [("2021年", D), ("星云科技", C), ("2023年3月", D), money("2亿元")],
     [("融资", [("amount", "2亿元"), ("company", "星云科技"), ("date", "2023年3月"), ("round", "B轮")])]),
    # the money FIGURE nearest the trigger, not the first one in the clause
    ("注册资本1000万元的星云科技完成2亿元B轮融资。",
     [money("1000万元"), ("星云科技", C), money("2亿元")],
     [("融资", [("amount", "2亿元"), ("company", "星云科技"), ("round", "B轮")])]),
    ("星云科技完成B轮融资，金额2亿元，另有3亿元贷款。",
     [("星云科技", C), money("2亿元"), money("3亿元")],
     [("融资", [("amount", "2亿元"), ("company", "星云科技"), ("round", "B轮")])]),
    # investor verb, investor subject and company object
    ("国投创新注资华芯科技5亿元。",
     [("国投创新", C), ("华芯科技", C), money("5亿元")],
     [("注资", [("amount", "5亿元"), ("company", "华芯科技"), ("investor", "国投创新")])]),
    # a government investor with a link word: X向Y注资
    ("合肥市政府向蔚来中国注资70亿元。",
     [("合肥市政府", O), ("蔚来中国", C), money("70亿元")],
     [("注资", [("amount", "70亿元"), ("company", "蔚来中国"), ("investor", "合肥市政府")])]),
    # X对Y进行增资
    ("2022年，中国电信对天翼云进行增资，金额为30亿元。",
     [("2022年", D), ("中国电信", C), ("天翼云", C), money("30亿元")],
     [("增资", [("amount", "30亿元"), ("company", "天翼云"), ("date", "2022年"), ("investor", "中国电信")])]),
    # coordinated investors and coordinated companies under one trigger
    ("工商银行、农业银行已先后入股华融信托、中原信托。",
     [("工商银行", C), ("农业银行", C), ("华融信托", C), ("中原信托", C)],
     [("入股", [("company", "中原信托"), ("company", "华融信托"),
               ("investor", "农业银行"), ("investor", "工商银行")])]),
    # passive: Y获得X和Z的投资
    ("据悉，宁德时代获得了国投创新和中金资本的投资。",
     [("宁德时代", C), ("国投创新", C), ("中金资本", C)],
     [("投资", [("company", "宁德时代"), ("investor", "中金资本"), ("investor", "国投创新")])]),
    # passive raise: Y获X领投的…融资
    ("星云科技获红杉中国领投的2亿元B轮融资。",
     [("星云科技", C), ("红杉中国", C), money("2亿元")],
     [("融资", [("amount", "2亿元"), ("company", "星云科技"), ("lead_investor", "红杉中国"), ("round", "B轮")])]),
    # lead list and follow-on investors; the lead is not repeated as an investor
    ("3月5日，小马智行宣布完成1亿美元D轮融资，由红杉中国和高瓴资本领投，IDG资本跟投。",
     [("3月5日", D), ("小马智行", C), money("1亿美元", unit="美元"), ("红杉中国", C), ("高瓴资本", C),
      ("IDG资本", C)],
     [("融资", [("amount", "1亿美元"), ("company", "小马智行"), ("date", "3月5日"), ("investor", "IDG资本"),
               ("lead_investor", "红杉中国"), ("lead_investor", "高瓴资本"), ("round", "D轮")])]),
    # 共同领投 / 联合领投: the whole list leads
    ("Figure完成3.5亿美元A轮融资，本轮融资由B Capital与Capital Factory共同领投，Google参投。",
     [("Figure", C), money("3.5亿美元", unit="美元"), ("B Capital", C), ("Capital Factory", C), ("Google", C)],
     [("融资", [("amount", "3.5亿美元"), ("company", "Figure"), ("investor", "Google"), ("lead_investor", "B Capital"),
               ("lead_investor", "Capital Factory"), ("round", "A轮")])]),
    # 由X牵头: X leads the round (session 55)
    ("GDSI宣布获10亿美元B轮融资，主要包括由Coatue Management牵头且由The Baupost Group参与的投资者。",
     [("GDSI", C), money("10亿美元", unit="美元"), ("Coatue Management", C), ("The Baupost Group", C)],
     [("融资", [("amount", "10亿美元"), ("company", "GDSI"), ("investor", "The Baupost Group"),
               ("lead_investor", "Coatue Management"), ("round", "B轮")])]),
    # 继续跟投/继续参投: the earlier round's investors follow on (session 55)
    ("墨云科技完成嘉御基金领投的A+轮融资，蓝驰创投继续跟投。",
     [("墨云科技", C), ("嘉御基金", C), ("蓝驰创投", C)],
     [("融资", [("company", "墨云科技"), ("investor", "蓝驰创投"), ("lead_investor", "嘉御基金"), ("round", "A+轮")])]),
    # an IPO's proceeds in a sentence after the listing (募资总额 is otherwise an aggregate: not_after)
    # (its date is the listing's, across a blank line)
    ("星河科技昨日在纳斯达克上市。\n\n星河科技发行价为23美元，募资总额为13.8亿美元。",
     [("星河科技", C), ("昨日", D), ("星河科技", C), money("23美元", unit="美元"), money("13.8亿美元", unit="美元")],
     [("募资", [("amount", "13.8亿美元"), ("company", "星河科技"), ("date", "昨日")])]),
    # 募得 / 集资 state a listing's proceeds as 募资 does (no triggers of their own elsewhere)
    ("2020年6月，星河科技在纳斯达克完成上市，并募得资金7亿美元。",
     [("2020年6月", D), ("星河科技", C), ("纳斯达克", O), money("7亿美元", unit="美元")],
     [("募得", [("amount", "7亿美元"), ("company", "星河科技"), ("date", "2020年6月")])]),
    ("星河科技今日上市，比招股价跌1.1%。星河科技集资净额17.7亿元。",
     [("星河科技", C), ("今日", D), ("星河科技", C), money("17.7亿元")],
     [("集资", [("amount", "17.7亿元"), ("company", "星河科技"), ("date", "今日")])]),
    # 该股集资净额…: the stock's proceeds name the company listed before, over the sentences about 该股 (session 56)
    ("星河科技今日挂牌，公开发售部份超购。\n该股昨日暗盘价收报5.3元。该股集资净额17.7亿元。",
     [("星河科技", C), ("今日", D), ("昨日", D), money("5.3元"), money("17.7亿元")],
     [("集资", [("amount", "17.7亿元"), ("company", "星河科技"), ("date", "今日")])]),
    # 出资 that buys a named company's shares (the next clause says what is bought)
    ("中国平安出资120亿元，认购华夏幸福30%的股份。",
     [("中国平安", C), money("120亿元"), ("华夏幸福", C)],
     [("出资", [("amount", "120亿元"), ("company", "华夏幸福"), ("investor", "中国平安")])]),
    # 参股 whose subject is not a recognized entity: the named companies still raised
    ("某保险集团参股了长江银行和汉江银行。",
     [("长江银行", C), ("汉江银行", C)],
     [("参股", [("company", "汉江银行"), ("company", "长江银行")])]),
    # an unnamed raising company: trigger and amount, no company argument
    ("公司通过定向增发一举募集资金5亿元。",
     [money("5亿元")],
     [("定向增发", [("amount", "5亿元"), ("round", "定向增发")])]),
    # two raises in one sentence are two events, each with its own company, amount and round
    ("甲子科技完成1亿元A轮融资，乙丑科技完成2亿元B轮融资。",
     [("甲子科技", C), money("1亿元"), ("乙丑科技", C), money("2亿元")],
     [("融资", [("amount", "1亿元"), ("company", "甲子科技"), ("round", "A轮")]),
      ("融资", [("amount", "2亿元"), ("company", "乙丑科技"), ("round", "B轮")])]),
    # issuing shares raises money; 后者 points back across ；
    ("根据协议，东方银行将并入南方银行；后者以发行优先股的形式补充资本。",
     [("东方银行", C), ("南方银行", C)],
     [("发行", [("company", "南方银行")])]),
    # a leasing company's own round: 租赁 in its name is not 融资租赁
    ("远东租赁完成10亿元C轮融资。",
     [("远东租赁", C), money("10亿元")],
     [("融资", [("amount", "10亿元"), ("company", "远东租赁"), ("round", "C轮")])]),
    # traditional script: the rules match on the normalized text
    ("騰訊向京東注資40億元，獲得其15%股份。",
     [("騰訊", C), ("京東", C), money("40億元")],
     [("注資", [("amount", "40億元"), ("company", "京東"), ("investor", "騰訊")])]),
    ("蔚來汽車宣布完成10億美元融資，投資方包括騰訊和高瓴資本。",
     [("蔚來汽車", C), money("10億美元", unit="美元"), ("騰訊", C), ("高瓴資本", C)],
     [("融資", [("amount", "10億美元"), ("company", "蔚來汽車"), ("investor", "騰訊"), ("investor", "高瓴資本")])]),
    ("紅杉資本入股了寧德時代。",
     [("紅杉資本", C), ("寧德時代", C)],
     [("入股", [("company", "寧德時代"), ("investor", "紅杉資本")])]),
    # 本轮融资由X领投 in the next sentence joins the raise named before it
    ("小马智行宣布完成D轮融资。本轮融资由红杉中国领投，IDG资本跟投。",
     [("小马智行", C), ("红杉中国", C), ("IDG资本", C)],
     [("融资", [("company", "小马智行"), ("investor", "IDG资本"), ("lead_investor", "红杉中国"), ("round", "D轮")])]),
    ("蔚來汽車完成新一輪融資。本輪融資由騰訊領投，金額達10億美元。",
     [("蔚來汽車", C), ("騰訊", C), money("10億美元", unit="美元")],
     [("融資", [("amount", "10億美元"), ("company", "蔚來汽車"), ("lead_investor", "騰訊")])]),
    # 获悉 is not the passive 获: the link-word reading applies
    ("记者获悉，中央汇金向工商银行注资150亿美元。",
     [("中央汇金", O), ("工商银行", C), money("150亿美元", unit="美元")],
     [("注资", [("amount", "150亿美元"), ("company", "工商银行"), ("investor", "中央汇金")])]),
    # a coordinated list of raising companies with 分别/均: one event, several companies
    ("今年以来，中科曙光和海光信息分别完成了A轮和B轮融资。",
     [("今年以来", D), ("中科曙光", C), ("海光信息", C)],
     [("融资", [("company", "中科曙光"), ("company", "海光信息"), ("date", "今年以来"), ("round", "B轮")])]),
    # …without it only the nearest company raised (the others describe it)
    ("华为与长安汽车合作的阿维塔科技完成了30亿元A轮融资。",
     [("华为", C), ("长安汽车", C), ("阿维塔科技", C), money("30亿元")],
     [("融资", [("amount", "30亿元"), ("company", "阿维塔科技"), ("round", "A轮")])]),
    # an unnamed company (該公司) with a round and a lead investor
    ("該公司於今年完成了由紅杉資本領投的B輪融資。",
     [("今年", D), ("紅杉資本", C)],
     [("融資", [("date", "今年"), ("lead_investor", "紅杉資本"), ("round", "B輪")])]),
    # one deal named by two triggers in a sentence is one event
    ("美团以定向增发方式募集资金300亿港元。",
     [("美团", C), money("300亿港元", unit="港元")],
     [("定向增发", [("amount", "300亿港元"), ("company", "美团"), ("round", "定向增发")])]),
]


@pytest.mark.parametrize("text, spans, expected", POSITIVES, ids=[p[0][:12] for p in POSITIVES])
def test_funding_positives(text, spans, expected):
    assert view(find_events(make_doc(text, spans), DATA)) == expected


NEGATIVES = [
    # a bank's credit line, bill and trade financing, leasing: debt, not equity
    ("工商银行为小微企业提供了500亿元融资额度。", [("工商银行", C), money("500亿元")]),
    ("今年以来，东方银行票据融资快速增长，规模达30亿元。", [("东方银行", C), money("30亿元")]),
    ("东方银行实现国际贸易融资快速增长。", [("东方银行", C)]),
    ("东方银行开展融资租赁业务，规模达50亿元。", [("东方银行", C), money("50亿元")]),
    # the companies a group holds or has stakes in (控股、参股…): a portfolio, no deal
    ("星河集团控股参股甲乙股份、丙丁股份等多家上市公司。", [("星河集团", C), ("甲乙股份", C), ("丙丁股份", C)]),
    # an aggregate or cumulative total, with or without a listing named
    ("今年港股新股融资总额为1200亿元。", [money("1200亿元")]),
    ("星河科技上市后累计募资总额高达27.7亿元。", [("星河科技", C), money("27.7亿元")]),
    # a raise as a point in time: the valuation at it, the stage of a target, what follows it
    ("星河科技较2023年上一轮融资时的估值660亿美元下调了近四分之一。", [("星河科技", C), money("660亿美元", unit="美元")]),
    ("该基金将重点投资于A轮融资阶段公司。", []),
    ("本轮融资后，星河科技将加快研发。", [("星河科技", C)]),
    # plans, intentions, rumors, negotiations
    ("宁德时代计划明年启动A轮融资。", [("宁德时代", C)]),
    ("旷视科技拟在科创板上市，募集资金60亿元。", [("旷视科技", C), money("60亿元")]),
    ("市场传出东方银行可能供股集资。", [("东方银行", C)]),
    ("中国银行正在同湖南信托就入股事项进行洽谈。", [("中国银行", C), ("湖南信托", C)]),
    # an institution's own capital increases, no investor and no amount
    ("亚洲开发银行曾在1990年进行过3次增资。", [("亚洲开发银行", C), ("1990年", D)]),
    # founding capital, donations, an acquisition
    ("华为与长安汽车共同出资5亿元，设立一家新能源合资公司。", [("华为", C), ("长安汽车", C), money("5亿元")]),
    ("光明集团出资20万元资助贫困学生。", [("光明集团", C), money("20万元")]),
    ("北京市政府注资成立了北京国资公司。", [("北京市政府", O), ("北京国资公司", C)]),
    ("宁德时代计划获得A轮融资。", [("宁德时代", C)]),
    ("华光集团募集40万元资金成立了一家养殖公司。", [("华光集团", C), money("40万元")]),
    ("阿里巴巴出资95亿美元收购饿了么的全部股份。",
     [("阿里巴巴", C), money("95亿美元", unit="美元"), ("饿了么", C)]),
    # 募得 / 集资 without a listing's proceeds: no trigger (本轮募得资金 said again, a bank's 集资)
    ("星河科技本轮募得资金，将用于采购芯片。", [("星河科技", C)]),
    ("东方银行向社会集资10亿元。", [("东方银行", C), money("10亿元")]),
    # raising by a non-company
    ("组委会募集资金1000万元用于赛事。", [("组委会", O), money("1000万元")]),
    # 投资 without a named company right after it, inside a name, or as a noun
    ("腾讯去年投资了超过100家企业。", [("腾讯", C)]),
    ("东方电气发行股份购买南方重工100%股权。", [("东方电气", C), ("南方重工", C)]),
    ("深圳市创新投资集团有限公司发布年报。", [("深圳市创新投资集团有限公司", C)]),
    ("中原银行一直在寻找战略投资者。", [("中原银行", C)]),
    # an earlier stake named as background: X投资的Y
    ("腾讯投资的京东今年营收增长了20%。", [("腾讯", C), ("京东", C)]),
    # an investor verb as a noun modifier (参股公司 = an affiliate)
    ("中国平安的参股公司平安银行实现净利润100亿元。", [("中国平安", C), ("平安银行", C), money("100亿元")]),
    # 本轮融资 with no raise named before it opens nothing
    ("本轮融资由红杉中国领投。", [("红杉中国", C)]),
    # financing talked about in general; a listing without a raise
    ("民营企业融资难、融资贵的问题依然突出。", []),
    ("拼多多于2018年在纳斯达克上市。", [("拼多多", C), ("2018年", D), ("纳斯达克", O)]),
    # traditional script negatives
    ("東方銀行為企業提供融資額度。", [("東方銀行", C)]),
    ("寧德時代計劃明年啟動A輪融資。", [("寧德時代", C)]),
]


@pytest.mark.parametrize("text, spans", NEGATIVES, ids=[n[0][:12] for n in NEGATIVES])
def test_funding_negatives(text, spans):
    assert view(find_events(make_doc(text, spans), DATA)) == []


def test_trigger_is_the_verb_and_offsets_point_into_the_original_text():
    text = "公司一舉募集資金8000萬元。"
    d = make_doc(text, [money("8000萬元")])
    (ev,) = find_events(d, DATA)
    assert ev.trigger.text == "募集" and text[ev.trigger.start:ev.trigger.end] == "募集"



def test_investors_of_a_funding_event_give_invested_in_relations():
    from extract.doc import Argument, Entity, Event, Relation, Span
    from extract.stages.events import investments
    co = Entity(0, 4, "云顶新耀", type="COMPANY")
    lead = Entity(20, 22, "高瓴", type="COMPANY")
    inv = Entity(25, 27, "五源", type="COMPANY")
    ev = Event("FUNDING", Span(10, 12, "融资"),
               [Argument("company", co), Argument("lead_investor", lead), Argument("investor", inv),
                Argument("round", span=Span(8, 10, "C轮"))])
    rels = investments([ev])
    assert [(r.type, r.head.text, r.tail.text) for r in rels] == [("invested_in", "高瓴", "云顶新耀"),
                                                                 ("invested_in", "五源", "云顶新耀")]
    # a relation the document already has for the same two mentions is not repeated
    assert [r.head.text for r in investments([ev], [Relation("invested_in", lead, co)])] == ["五源"]
    # no company argument: no relation
    assert investments([Event("FUNDING", Span(10, 12, "融资"), [Argument("investor", inv)])]) == []


@pytest.mark.parametrize("text, round_", [("完成由 AMD 领投的 2.5 亿美元 A 轮融资。", "A"), ("宣布完成 300 億美元的 G 輪融資。", "G"),
                                          ("完成2亿元Pre-A 轮融资。", "Pre-A")])
def test_spaced_round_names(text, round_):
    """News copy with spaces around Latin letters still names the round (A 轮 → A)."""
    import extract
    doc = extract.load()("北京星云科技有限公司" + text)
    rounds = [a for ev in doc.events for a in ev.arguments if a.role == "round"]
    assert [a.span.attrs["round"] for a in rounds] == [round_]
