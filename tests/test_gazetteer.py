"""Gazetteer matching (extract/stages/gazetteer.py)."""


def test_a_time_zone_names_no_place():
    from extract.stages.gazetteer import Gazetteer
    gaz = Gazetteer()
    assert [(s, e, t) for s, e, t in gaz.find("北京时间2月12日，北京发布") if t == "LOC"] == [(10, 12, "LOC")]
