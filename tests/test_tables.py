"""Tables: markdown and tab-separated tables → rows, column roles from headers, cell entities at the right offsets."""
import pytest

import extract
from extract.stages.tables import column_role, find_tables, load_table_data

MD = ("## 上海部分“小巨人”企业\n\n"
      "| 企业名称 | 细分领域 | 所属区域 | 成立时间 | 员工规模 | 上市情况 | 企业主页 |\n"
      "|:--------|------|-----|----|----|----|----|\n"
      "| 上海澜起科技股份有限公司 | 集成电路、人工智能 | 浦东新区 | 2004年 | 800+ | 科创板上市 | [官网](https://example.com) |\n"
      "|  沐曦集成电路  | 集成电路 | 闵行区 |  | 1000-5000人 | 未上市 |  |\n"
      "\n表后正文。")

TSV = ("以下为部分企业名单：\n"
       "公司名称\t所属行业\t所在城市\n"
       "曦智科技\t光子计算/人工智能\t上海\n"
       "深圳市大疆创新科技有限公司\t智能无人机\t深圳\n"
       "北京寒武纪科技\t芯片\t北京\n"
       "名单完。")

TRADITIONAL_MD = ("| 企業名稱 | 所屬行業 | 所在城市 |\n"
                  "|---|---|---|\n"
                  "| 臺灣積體電路製造股份有限公司 | 半導體 | 新竹 |\n")


@pytest.fixture(scope="module")
def tables_nlp():
    return extract.load({"name": "tables", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"},
        {"name": "tables", "factory": "tables.v1"}]})


@pytest.mark.parametrize("header,role", [
    ("企业名称", "COMPANY"), ("代表企业", "COMPANY"), ("细分领域", "INDUSTRY"), ("所属行业", "INDUSTRY"),
    ("所属区域", "LOC"), ("所在城市", "LOC"), ("成立时间", "DATE"), ("员工规模", "FIGURE"),
    ("上市情况", "LISTING"), ("企业主页", None), ("主要产品", None), ("备注", None), ("序号", None),
])
def test_column_role(header, role):
    assert column_role(header, load_table_data()) == role


def test_find_markdown_table():
    (t,) = find_tables(MD)
    assert [h.text for h in t.header] == ["企业名称", "细分领域", "所属区域", "成立时间", "员工规模", "上市情况", "企业主页"]
    assert len(t.rows) == 2
    assert [c.text for c in t.rows[1][:3]] == ["沐曦集成电路", "集成电路", "闵行区"]  # cells stripped
    for row in [t.header] + t.rows:
        for c in row:
            assert MD[c.start:c.end] == c.text
    assert MD[t.start:t.end].startswith("| 企业名称") and MD[t.start:t.end].endswith("|  |")


def test_find_tab_separated_table():
    (t,) = find_tables(TSV)
    assert [h.text for h in t.header] == ["公司名称", "所属行业", "所在城市"]
    assert [[c.text for c in r] for r in t.rows] == [
        ["曦智科技", "光子计算/人工智能", "上海"],
        ["深圳市大疆创新科技有限公司", "智能无人机", "深圳"],
        ["北京寒武纪科技", "芯片", "北京"]]
    for row in [t.header] + t.rows:
        for c in row:
            assert TSV[c.start:c.end] == c.text


@pytest.mark.parametrize("text", [
    "一行\t两个\t制表符\n只有一行",  # fewer than 3 tab lines
    "| 不是表 |\n正文",  # no ---- separator row
    "上海集成电路企业达1026家。",
])
def test_no_table(text):
    assert find_tables(text) == []


def _ents(doc):
    return sorted((e.type, e.text, e.start, e.end) for e in doc.entities)


def test_markdown_table_entities_and_records(tables_nlp):
    doc = tables_nlp(MD)
    for e in doc.entities:
        assert MD[e.start:e.end] == e.text
    got = {(t, txt) for t, txt, _, _ in _ents(doc)}
    assert got >= {("COMPANY", "上海澜起科技股份有限公司"), ("COMPANY", "沐曦集成电路"),
                   ("INDUSTRY", "集成电路"), ("INDUSTRY", "人工智能"),
                   ("LOC", "浦东新区"), ("LOC", "闵行区"), ("ORG", "科创板")}
    assert not any("官网" in txt or "example" in txt for _, txt, _, _ in _ents(doc))  # URL column skipped
    assert not any(t == "COMPANY" and txt == "表后正文。" for t, txt, _, _ in _ents(doc))
    # "集成电路、人工智能" is split at the list separator, with offsets of each part
    ai = next(e for e in doc.entities if e.text == "人工智能")
    assert MD[ai.start - 1] == "、"
    # bare 800+ in the 员工规模 column: a FIGURE whose unit the header gives
    fig = next(e for e in doc.entities if e.text == "800+")
    assert fig.type == "FIGURE" and fig.attrs["unit"] == "人" and fig.attrs["qualifier"] == "more_than"
    assert fig.attrs["value"] == 800
    (table,) = doc.tables
    assert [h.role for h in table.header] == ["COMPANY", "INDUSTRY", "LOC", "DATE", "FIGURE", "LISTING", None]
    recs = table.to_records(1)
    assert [r["id"] for r in recs] == ["T1R1", "T1R2"]
    assert recs[0]["cells"]["企业名称"] == "上海澜起科技股份有限公司"


def test_tab_table_entities(tables_nlp):
    doc = tables_nlp(TSV)
    for e in doc.entities:
        assert TSV[e.start:e.end] == e.text
    got = {(t, txt) for t, txt, _, _ in _ents(doc)}
    assert got == {("COMPANY", "曦智科技"), ("COMPANY", "深圳市大疆创新科技有限公司"), ("COMPANY", "北京寒武纪科技"),
                   ("INDUSTRY", "光子计算"), ("INDUSTRY", "人工智能"), ("INDUSTRY", "智能无人机"), ("INDUSTRY", "芯片"),
                   ("LOC", "上海"), ("LOC", "深圳"), ("LOC", "北京")}


def test_traditional_table_keeps_original_text(tables_nlp):
    doc = tables_nlp(TRADITIONAL_MD)
    got = {(e.type, e.text, e.attrs["norm"]) for e in doc.entities}
    assert got == {("COMPANY", "臺灣積體電路製造股份有限公司", "台湾积体电路制造股份有限公司"),
                   ("INDUSTRY", "半導體", "半导体"), ("LOC", "新竹", "新竹")}
    for e in doc.entities:
        assert TRADITIONAL_MD[e.start:e.end] == e.text


def test_full_pipeline_offsets_with_tables(nlp, offset_problems):
    rec = nlp(MD + "\n\n" + TSV).to_dict()
    assert offset_problems(rec) == []
    assert {"上海澜起科技股份有限公司", "深圳市大疆创新科技有限公司"} <= {e["text"] for e in rec["entities"]
                                                              if e["type"] == "COMPANY"}


@pytest.mark.parametrize("text", [
    "| 企业名称 | 细分领域\n|---|---\n| 上海澜起科技股份有限公司 | 集成电路\n",  # no closing pipes
    "| 企业名称 | 细分领域 |  \n| --- | --- |\n| 上海澜起科技股份有限公司 | 集成电路 |\r\n",  # trailing blanks, CRLF
])
def test_markdown_variants(text):
    (t,) = find_tables(text)
    assert [h.text for h in t.header] == ["企业名称", "细分领域"]
    assert [[(c.text, text[c.start:c.end]) for c in r] for r in t.rows] == [
        [("上海澜起科技股份有限公司", "上海澜起科技股份有限公司"), ("集成电路", "集成电路")]]


# A table that a PDF text dump gives column by column, each header printed among its column's cells.
COLUMNS = ("正文说明如下。\n\n表 2.1 新材料领域代表企业\n\n"
           "甲乙材料科技股份有限公司\n丙丁新材料有限公司\n\n企业名\n\n戊己化工有限公司\n\n"
           "先进化工材料\n高性能纤维、复合材料\n\n具体产业类别\n\n先进化工材料\n\n"
           "苏州市\n\n所在城市\n\n宁波市\n杭州市\n\n"
           "（注：按拼音排序）\n\n后续正文，与表格无关。")


def test_find_column_table():
    from extract.stages.tables import find_column_tables
    (t,) = find_column_tables(COLUMNS, load_table_data())
    assert t.layout == "columns" and t.caption.text == "表 2.1 新材料领域代表企业"
    assert [h.text for h in t.header] == ["企业名", "具体产业类别", "所在城市"]
    assert [[c.text for c in r] for r in t.rows] == [
        ["甲乙材料科技股份有限公司", "先进化工材料", "苏州市"],
        ["丙丁新材料有限公司", "高性能纤维、复合材料", "宁波市"],
        ["戊己化工有限公司", "先进化工材料", "杭州市"]]
    for row in [t.header] + t.rows:
        for c in row:
            assert COLUMNS[c.start:c.end] == c.text


@pytest.mark.parametrize("text", [
    # no caption: not a table
    COLUMNS.replace("表 2.1 新材料领域代表企业", "新材料领域代表企业"),
    # a header outside its own column (columns of unequal length): refused rather than misaligned
    COLUMNS.replace("苏州市\n\n所在城市\n\n", "所在城市\n\n苏州市\n\n"),
    # only one header line: nothing to split columns on
    COLUMNS.replace("具体产业类别", "其他").replace("所在城市", "其他"),
])
def test_column_table_refused(text):
    from extract.stages.tables import find_column_tables
    assert find_column_tables(text, load_table_data()) == []


def test_column_table_entities_keep_category_whole(tables_nlp):
    doc = tables_nlp(COLUMNS)
    got = sorted((e.text, e.type) for e in doc.entities)
    assert ("高性能纤维、复合材料", "INDUSTRY") in got  # a 类别 cell names one category
    assert ("戊己化工有限公司", "COMPANY") in got and ("杭州市", "LOC") in got
    assert not any(t in ("企业名", "所在城市") for t, _ in got)


def test_model_spans_in_non_name_columns_are_dropped(tables_nlp):
    """A model's COMPANY inside a product or listing cell is dropped; one in a company cell is kept."""
    from extract.stages.basic import make_entity_filter
    text = ("| 企业名称 | 主要产品 | 上市情况 |\n|---|---|---|\n"
            "| 甲乙科技 | 通用GPU芯片 | NYSE:ABCD |\n")
    doc = tables_nlp(text)
    for surface in ("甲乙科技", "通用GPU", "NYSE:ABCD"):
        s = text.index(surface)
        doc.entities.append(doc.entity("COMPANY", s, s + len(surface), source="ner"))
    kept = [(e.text, e.source) for e in make_entity_filter(None)(doc).entities]
    assert ("甲乙科技", "ner") in kept
    assert not any(src == "ner" and t in ("通用GPU", "NYSE:ABCD") for t, src in kept)


# ------------------------------------------------------------ boundaries
def test_three_tab_separated_lines_are_the_smallest_table():
    text = "企业\t城市\t人数\n甲公司\t上海\t10\n乙公司\t深圳\t20"  # at the text's start, no final newline
    [t] = find_tables(text)
    assert (t.start, t.end) == (0, len(text))
    assert [c.text for c in t.header] == ["企业", "城市", "人数"]
    assert [[c.text for c in r] for r in t.rows] == [["甲公司", "上海", "10"], ["乙公司", "深圳", "20"]]
    assert find_tables("\n".join(text.split("\n")[:2])) == []  # two lines are not enough


def test_tab_table_needs_three_columns_and_the_same_count_on_every_line():
    assert find_tables("企业\t城市\n甲公司\t上海\n乙公司\t深圳") == []  # one tab per line: two columns
    text = "正文。\n企业\t城市\t人数\n甲公司\t上海\t10\n乙公司\t深圳\t20\n丙\t丁\n尾。"
    [t] = find_tables(text)
    assert [[c.text for c in r] for r in t.rows] == [["甲公司", "上海", "10"], ["乙公司", "深圳", "20"]]
    assert text[t.start:t.end] == "企业\t城市\t人数\n甲公司\t上海\t10\n乙公司\t深圳\t20"


@pytest.mark.parametrize("nl", ["\r\n", "\r"])
def test_tab_table_with_crlf_and_cr_line_ends(nl):
    text = nl.join(["企业\t城市\t人数", "甲公司\t上海\t10", "乙公司\t深圳\t20", ""])
    tables = find_tables(text)
    for t in tables:
        for row in [t.header] + t.rows:
            for c in row:
                assert text[c.start:c.end] == c.text and "\r" not in c.text
    assert [[c.text for c in r] for t in tables for r in t.rows] == [["甲公司", "上海", "10"], ["乙公司", "深圳", "20"]]


@pytest.mark.parametrize("prefix", ["", "具体", "主要"])
def test_column_header_with_a_modifier_prefix(prefix):
    from extract.stages.tables import find_column_tables
    text = COLUMNS.replace("具体产业类别", prefix + "产业类别")
    (t,) = find_column_tables(text, load_table_data())
    assert [h.text for h in t.header] == ["企业名", prefix + "产业类别", "所在城市"]
    assert find_column_tables(COLUMNS.replace("具体产业类别", "其他产业类别"), load_table_data()) != [t]


# ------------------------------------------------------------ mutation-testing survivors (issue 19)
def test_compact_markdown_cells_without_spaces_keep_every_character():
    text = "|企业名称|细分领域|\n|---|---|\n|甲公司|芯片|"
    (t,) = find_tables(text)
    assert [h.text for h in t.header] == ["企业名称", "细分领域"]
    assert [[(c.text, text[c.start:c.end]) for c in r] for r in t.rows] == [[("甲公司", "甲公司"), ("芯片", "芯片")]]


def test_markdown_row_of_two_pipes_is_one_empty_cell():
    (t,) = find_tables("| 企业名称 |\n|---|\n||\n")
    assert [[c.text for c in r] for r in t.rows] == [[""]]


def test_markdown_table_at_the_very_end_without_a_final_newline():
    text = "正文。\n| 企业名称 | 所在城市 |\n|---|---|\n| 甲公司 | 上海 |"
    (t,) = find_tables(text)
    assert t.end == len(text) and [[c.text for c in r] for r in t.rows] == [["甲公司", "上海"]]


def test_markdown_header_and_separator_without_body_rows_is_an_empty_table():
    text = "正文。\n| 企业名称 | 所在城市 |\n|---|---|"
    (t,) = find_tables(text)
    assert [h.text for h in t.header] == ["企业名称", "所在城市"] and t.rows == []
    assert text[t.start:t.end] == "| 企业名称 | 所在城市 |\n|---|---|"


def test_pipe_line_as_the_last_line_is_not_a_table():
    assert find_tables("正文。\n| 不是表 |") == []


def test_every_table_in_a_text_is_found():
    md2 = "| 公司名称 | 所在城市 |\n|---|---|\n| 乙公司 | 深圳 |\n"
    tsv2 = "企业\t城市\t人数\n甲公司\t上海\t10\n乙公司\t深圳\t20\n"
    found = find_tables(MD + "\n\n" + md2 + "\n正文。\n" + TSV + "\n正文。\n" + tsv2)
    assert [[h.text for h in t.header][0] for t in found] == ["企业名称", "公司名称", "公司名称", "企业"]


def test_find_tables_gives_row_layout_and_leaves_captions_to_the_pipeline():
    (t,) = find_tables("表 1 企业\n" + TSV)
    assert t.layout == "rows" and t.caption is None


def test_table_records():
    (t,) = find_tables(TSV)
    assert t.to_records(2)[1] == {"id": "T2R2", "table": 2, "row": 2, "cells": {
        "公司名称": "深圳市大疆创新科技有限公司", "所属行业": "智能无人机", "所在城市": "深圳"}}


def test_markdown_link_in_a_name_column_is_no_entity(tables_nlp):
    text = "| 企业名称 | 所在城市 |\n|---|---|\n| [甲乙科技](https://example.com) | 上海 |\n"
    doc = tables_nlp(text)
    assert {(e.type, e.text) for e in doc.entities} == {("LOC", "上海")}


def test_cells_without_listed_items_have_no_parts(tables_nlp):
    doc = tables_nlp(MD)
    row = doc.tables[0].rows[0]
    by_header = {c.header: c for c in row}
    assert by_header["成立时间"].parts == []  # dates are left to the rule recognizers
    assert [MD[s:e] for s, e in by_header["细分领域"].parts] == ["集成电路", "人工智能"]


_TABLE = "| 企业名称 | 所在城市 |\n|---|---|\n| 甲公司 | 上海 |\n"


@pytest.mark.parametrize("above,caption", [
    ("表 3 重点企业\n", "表 3 重点企业"),  # right above
    ("表 3 重点企业\n\n", "表 3 重点企业"),  # a blank line between
    ("正文在前。\n表 3.2 重点企业\n注：按成立时间排序\n", "表 3.2 重点企业"),  # one note line between
    ("正文在前。\n表 3 重点企业\n注一\n注二\n", None),  # two lines between: too far
    ("", None),
])
def test_caption_of_a_row_table(tables_nlp, above, caption):
    text = above + _TABLE
    (t,) = tables_nlp(text).tables
    assert (t.caption.text if t.caption else None) == caption
    if caption:
        assert text[t.caption.start:t.caption.end] == caption


def test_caption_below_a_table_is_not_its_caption(tables_nlp):
    (first, second) = tables_nlp(_TABLE + "\n表 2 下一张表\n" + _TABLE).tables
    assert first.caption is None and second.caption.text == "表 2 下一张表"


def _column_rows(text):
    from extract.stages.tables import find_column_tables
    return [[[c.text for c in r] for r in t.rows] for t in find_column_tables(text, load_table_data())]


_COLUMN_ROWS = [["甲乙材料科技股份有限公司", "先进化工材料", "苏州市"],
                ["丙丁新材料有限公司", "高性能纤维、复合材料", "宁波市"],
                ["戊己化工有限公司", "先进化工材料", "杭州市"]]


def test_column_table_right_below_its_caption_and_at_the_text_end():
    body = COLUMNS[COLUMNS.index("甲乙"):COLUMNS.index("\n\n（注")]
    assert _column_rows("正文。\n表 2.1 新材料领域代表企业\n" + body) == [_COLUMN_ROWS]
    assert _column_rows("表 2.1 新材料领域代表企业\n" + body + "\n") == [_COLUMN_ROWS]


def test_two_column_tables_one_after_the_other():
    body = COLUMNS[COLUMNS.index("甲乙"):COLUMNS.index("\n\n（注")]
    assert _column_rows("表 1 甲\n" + body + "\n表 2 乙\n" + body) == [_COLUMN_ROWS, _COLUMN_ROWS]


def test_a_value_that_merely_ends_or_starts_like_a_header_is_a_value():
    rows = _column_rows(COLUMNS.replace("杭州市", "其他城市"))
    assert rows == [[r[:2] + ["其他城市" if r[2] == "杭州市" else r[2]] for r in _COLUMN_ROWS]]
    rows = _column_rows(COLUMNS.replace("高性能纤维、复合材料", "主要新材料"))
    assert rows[0][1][1] == "主要新材料"


def test_prose_or_a_long_line_ends_a_column_table():
    # without the stop, the header below would become a fourth column
    after = "\n所在城市\n上海市\n"
    for stop in ("后续正文，与表格无关。", "后" * 41):
        text = COLUMNS.replace("（注：按拼音排序）\n\n后续正文，与表格无关。", stop + after)
        assert _column_rows(text) == [_COLUMN_ROWS], stop


def test_a_forty_character_cell_stays_in_a_column_table():
    name = "甲" * 36 + "有限公司"
    assert len(name) == 40
    rows = _column_rows(COLUMNS.replace("戊己化工有限公司", name))
    assert rows[0][2][0] == name


def test_column_table_span_runs_from_its_first_to_its_last_cell():
    from extract.stages.tables import find_column_tables
    (t,) = find_column_tables(COLUMNS, load_table_data())
    assert COLUMNS[t.start:t.end].startswith("甲乙材料科技股份有限公司\n") and COLUMNS[t.start:t.end].endswith("\n杭州市")


def test_caption_without_a_table_and_a_caption_right_after_a_caption():
    assert _column_rows("见表 1。\n表 1 企业名单\n以下为正文，没有表格。") == []
    assert _column_rows("正文。\n表 1 企业名单") == []
    body = COLUMNS[COLUMNS.index("甲乙"):COLUMNS.index("\n\n（注")]
    assert _column_rows("表 1 目录\n表 2.1 新材料领域代表企业\n" + body) == [_COLUMN_ROWS]


def test_two_by_two_column_table():
    text = "表 1 名单\n甲公司\n企业名\n乙公司\n上海\n所在城市\n深圳\n"
    assert _column_rows(text) == [[["甲公司", "上海"], ["乙公司", "深圳"]]]


def test_a_header_below_all_its_column_cells_is_refused():
    # 所在城市 printed after 杭州市: it is not inside its column, so the layout is not trusted
    assert _column_rows(COLUMNS.replace("苏州市\n\n所在城市\n\n宁波市\n杭州市", "苏州市\n宁波市\n杭州市\n所在城市")) == []


def test_column_height_is_the_one_that_centres_each_header():
    # two columns of six cells, each header printed after the third: five rows would fit too, six centre them
    col1 = [f"企业{c}" for c in "甲乙丙丁戊己"]
    col2 = ["上海", "深圳", "北京", "杭州", "苏州", "宁波"]
    lines = col1[:3] + ["企业名"] + col1[3:] + col2[:3] + ["所在城市"] + col2[3:]
    assert _column_rows("表 1 名单\n" + "\n".join(lines)) == [[list(r) for r in zip(col1, col2)]]


def test_short_lines_after_a_column_table_are_not_an_extra_row():
    lines = ["甲公司", "乙公司", "企业名", "丙公司", "丁公司", "上海", "深圳", "所在城市", "北京", "杭州",
             "资料来源", "公开资料"]
    assert _column_rows("表 1 名单\n" + "\n".join(lines)) == [
        [["甲公司", "上海"], ["乙公司", "深圳"], ["丙公司", "北京"], ["丁公司", "杭州"]]]


def test_row_and_column_tables_in_one_document(tables_nlp):
    text = MD + "\n\n" + COLUMNS
    doc = tables_nlp(text)
    assert [t.layout for t in doc.tables] == ["rows", "columns"]


def _cell_ents(tables_nlp, header, cell):
    text = f"| {header} | 所在城市 |\n|---|---|\n| {cell} | 上海 |\n"
    doc = tables_nlp(text)
    assert all(e.source == "tables" for e in doc.entities)
    (row,) = doc.tables[0].rows
    return ([(e.type, e.text) for e in sorted(doc.entities, key=lambda e: e.start) if e.text != "上海"],
            [text[s:e] for s, e in row[0].parts])


@pytest.mark.parametrize("header,cell,ents", [
    # a legal name is one entity even with a list separator inside
    ("企业名称", "华虹宏力（上海、无锡）半导体有限公司", [("COMPANY", "华虹宏力（上海、无锡）半导体有限公司")]),
    ("企业名称", "中科院（上海、北京）先进技术研究院", [("ORG", "中科院（上海、北京）先进技术研究院")]),
    # short names are split at the separators, each at its own offsets (blanks after a separator skipped)
    ("企业名称", "寒武纪、 地平线", [("COMPANY", "寒武纪"), ("COMPANY", "地平线")]),
    ("细分领域", "集成电路、 人工智能", [("INDUSTRY", "集成电路"), ("INDUSTRY", "人工智能")]),
    ("细分领域", "生物医药研究院", [("INDUSTRY", "生物医药研究院")]),  # an org suffix makes ORG only in name columns
    # the listing column names the longest exchange it holds, at its offsets
    ("上市情况", "已在港股主板上市", [("ORG", "港股主板")]),
    ("上市情况", "2020年科创板上市", [("ORG", "科创板")]),
])
def test_cell_entities(tables_nlp, header, cell, ents):
    got, parts = _cell_ents(tables_nlp, header, cell)
    assert got == ents
    assert parts == [t for _, t in ents]


@pytest.mark.parametrize("header,unit", [("员工规模", "人"), ("融资金额", "")])
def test_bare_plus_figure_unit_only_from_the_header(tables_nlp, header, unit):
    text = f"| 企业名称 | {header} |\n|---|---|\n| 甲公司 | 2.5+ |\n"
    doc = tables_nlp(text)
    (fig,) = [e for e in doc.entities if e.type == "FIGURE"]
    assert (fig.text, fig.attrs["value"], fig.attrs["unit"], fig.attrs["qualifier"], fig.source) == \
        ("2.5+", 2.5, unit, "more_than", "tables")
    assert doc.tables[0].rows[0][1].parts == [(fig.start, fig.end)]


def test_an_empty_cell_does_not_stop_the_row(tables_nlp):
    text = "| 企业名称 | 成立时间 | 所在城市 |\n|---|---|---|\n| 甲公司 |  | 上海 |\n"
    assert {(e.type, e.text) for e in tables_nlp(text).entities} == {("COMPANY", "甲公司"), ("LOC", "上海")}
