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
