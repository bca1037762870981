"""Fact subjects: a name in brackets after another name gives way to the outer name."""
from extract.doc import Document, Fact
from extract.stages.facts import prefer_outer_names


def _doc(text, names):
    d = Document(text)
    ents = {}
    for typ, name in names:
        i = text.index(name)
        ents[name] = d.entity(typ, i, i + len(name))
        d.entities.append(ents[name])
    return d, ents


def test_the_bracketed_alias_gives_way_to_the_name_before_it():
    d, e = _doc("第二名微軟（Microsoft）的品牌價值暴增22.6%", [("COMPANY", "微軟"), ("COMPANY", "Microsoft"),
                                                   ("FIGURE", "22.6%")])
    f = Fact("METRIC", e["Microsoft"], e["22.6%"], None)
    prefer_outer_names(d, [f])
    assert f.subject is e["微軟"]


def test_half_width_brackets_and_an_outer_subject_stay_as_they_are():
    d, e = _doc("谷歌(Google)收入增长12%", [("COMPANY", "谷歌"), ("COMPANY", "Google"), ("FIGURE", "12%")])
    inner, outer = Fact("METRIC", e["Google"], e["12%"], None), Fact("METRIC", e["谷歌"], e["12%"], None)
    prefer_outer_names(d, [inner, outer])
    assert inner.subject is e["谷歌"] and outer.subject is e["谷歌"]


def test_no_outer_name_when_something_stands_between():
    d, e = _doc("微軟旗下（Microsoft）收入增长12%", [("COMPANY", "微軟"), ("COMPANY", "Microsoft"), ("FIGURE", "12%")])
    f = Fact("METRIC", e["Microsoft"], e["12%"], None)
    prefer_outer_names(d, [f])
    assert f.subject is e["Microsoft"]
    d, e = _doc("微軟（Microsoft收入增长12%", [("COMPANY", "微軟"), ("COMPANY", "Microsoft"), ("FIGURE", "12%")])
    f = Fact("METRIC", e["Microsoft"], e["12%"], None)
    prefer_outer_names(d, [f])
    assert f.subject is e["Microsoft"]
