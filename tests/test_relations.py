"""Relations: table rows (row-wise and PDF column dumps, with the caption's industry) and prose patterns."""
import pytest

import extract

from test_tables import COLUMNS


@pytest.fixture(scope="module")
def nlp():
    return extract.load("rules")


def _rels(doc):
    return sorted((r.type, r.head.text, r.tail.text) for r in doc.relations)


def test_column_table_relations(nlp):
    rels = _rels(nlp(COLUMNS))
    for company, ind, city in [("甲乙材料科技股份有限公司", "先进化工材料", "苏州市"),
                               ("丙丁新材料有限公司", "高性能纤维、复合材料", "宁波市"),
                               ("戊己化工有限公司", "先进化工材料", "杭州市")]:
        assert ("in_industry", company, ind) in rels
        assert ("located_in", company, city) in rels
        assert ("in_industry", company, "新材料") in rels  # from the caption 新材料领域代表企业
    # rows are not mixed up
    assert ("located_in", "甲乙材料科技股份有限公司", "杭州市") not in rels


def test_caption_industry_needs_a_company_table(nlp):
    text = "表 1 新材料领域分布\n\n省份\t主要领域\t代表企业\n江苏\t新材料\t甲乙材料科技股份有限公司\n浙江\t新材料\t丙丁新材料有限公司\n安徽\t新能源\t戊己化工有限公司\n"
    rels = _rels(nlp(text))
    assert not any(t == "in_industry" and tail == "新材料" and head.endswith("公司") and "戊己" in head
                   for t, head, tail in rels)


@pytest.mark.parametrize("text,company,industry", [
    ("在集成电路领域，甲乙科技股份有限公司表现突出。", "甲乙科技股份有限公司", "集成电路"),
    ("在集成電路領域，甲乙科技股份有限公司表現突出。", "甲乙科技股份有限公司", "集成電路"),
    ("新材料企业丙丁新材料有限公司宣布扩产。", "丙丁新材料有限公司", "新材料"),
])
def test_prose_in_industry(nlp, text, company, industry):
    assert ("in_industry", company, industry) in _rels(nlp(text))


def test_prose_in_industry_follows_a_list(nlp):
    rels = _rels(nlp("在人工智能领域，甲乙科技股份有限公司、丙丁智能有限公司等企业快速成长。"))
    assert ("in_industry", "甲乙科技股份有限公司", "人工智能") in rels
    assert ("in_industry", "丙丁智能有限公司", "人工智能") in rels


def test_no_in_industry_without_the_pattern(nlp):
    rels = _rels(nlp("人工智能发展迅速。甲乙科技股份有限公司发布了年报。"))
    assert not any(t == "in_industry" for t, _, _ in rels)


def _gold_doc(text, ents, rels):
    """A Document with gold entities [(type, surface)] and relations [(type, head, tail)] (surfaces)."""
    from extract.doc import Document, Relation
    doc = Document(text, id="g")
    by = {}
    for t, surface in ents:
        s = text.index(surface)
        by[surface] = doc.entity(t, s, s + len(surface))
        doc.entities.append(by[surface])
    doc.relations = [Relation(t, by[h], by[o]) for t, h, o in rels]
    return doc


def _training_docs():
    docs = []
    for comp, place, other in [("甲科技", "苏州", "杭州"), ("乙智能", "无锡", "宁波"), ("丙材料", "合肥", "南京"),
                               ("丁电子", "常州", "温州"), ("戊医疗", "扬州", "嘉兴"), ("己能源", "泰州", "湖州")]:
        text = f"总部位于{place}的{comp}宣布与{other}的多家机构合作。"
        docs.append(_gold_doc(text, [("LOC", place), ("COMPANY", comp), ("LOC", other)],
                              [("located_in", comp, place)]))
    return docs


def test_learned_relation_classifier_learns_and_generalizes():
    from extract.stages.relations.classifier import RelationClassifier
    clf = RelationClassifier().fit(_training_docs())
    test = _gold_doc("总部位于徐州的庚机械宣布与绍兴的多家机构合作。",
                     [("LOC", "徐州"), ("COMPANY", "庚机械"), ("LOC", "绍兴")], [])
    from extract.stages.segment import ensure_sentences
    ensure_sentences(test)
    got = {(t, c.text, o.text) for t, c, o in clf.predict(test)}
    assert got == {("located_in", "庚机械", "徐州")}


def test_learned_relation_classifier_round_trips(tmp_path):
    from extract.stages.relations.classifier import RelationClassifier
    clf = RelationClassifier().fit(_training_docs())
    clf.save(tmp_path / "rel.json")
    again = RelationClassifier.load(tmp_path / "rel.json")
    assert again.model["bias"] == clf.model["bias"] and again.model["w"] == clf.model["w"]
    (tmp_path / "bad.json").write_text('{"model": "other"}', encoding="utf-8")
    with pytest.raises(ValueError, match="rellearn"):
        RelationClassifier.load(tmp_path / "bad.json")


def test_relations_component_learns_only_when_asked():
    from extract.stages.relations.rules import make_relations
    off, on = make_relations(None), make_relations(None, learn=True)
    off.learn(_training_docs())
    on.learn(_training_docs())
    assert off.classifier is None and on.classifier is not None


@pytest.mark.parametrize("text,related", [
    ("红杉中国投资并孵化的星云科技发布新品。", True),
    ("红杉中国投资并控股的星云科技发布新品。", True),
    ("红杉中国投资了星云科技。", True),
    ("红杉中国投资，并看好星云科技。", False),  # a clause break: no relation
])
def test_invested_in_after_a_short_verb_phrase(text, related):
    from docs import make_doc
    from extract.stages.relations.rules import pattern_relations
    d = make_doc(text, [("红杉中国", "COMPANY"), ("星云科技", "COMPANY")])
    got = [(r.type, r.head.text, r.tail.text) for r in pattern_relations(d)]
    assert got == ([("invested_in", "红杉中国", "星云科技")] if related else [])
