"""Gazetteer matching (extract/stages/gazetteer.py)."""


def test_a_time_zone_names_no_place():
    from extract.stages.gazetteer import Gazetteer
    gaz = Gazetteer()
    assert [(s, e, t) for s, e, t in gaz.find("北京时间2月12日，北京发布") if t == "LOC"] == [(10, 12, "LOC")]


def test_a_listed_company_named_as_its_product_is_no_company():
    from extract.pipeline import load
    nlp = load()
    got = [(e.text, e.type) for e in nlp("OpenAI o1的价格较高，京东App首页改版，智通财经APP获悉。").entities
           if e.type in ("COMPANY", "ORG")]
    assert ("OpenAI", "COMPANY") not in got and ("京东", "COMPANY") not in got
    assert ("智通财经", "ORG") in got
