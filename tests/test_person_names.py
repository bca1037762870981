"""Person names without a Chinese family name (extract.learn.person_names), entity_filter.v1's use of them and its other repairs of
name edges."""
from collections import Counter

from extract.doc import Document
from extract.learn.person_names import collect_names, main
from extract.stages.basic import make_entity_filter
from extract.textnorm import normalize


def _doc(text, names, type_="PERSON"):
    d = Document(text)
    d.norm, d.script = normalize(text)
    for w in names:
        s = text.index(w)
        d.entities.append(d.entity(type_, s, s + len(w), source="ner"))
    return d


def test_filter_keeps_listed_names_without_a_family_name(tmp_path):
    text = "据报特朗普、沐曦和王伟出席。"  # (no title before 特朗普 nor 表示 after it: _titled_name, _speaking_transliteration)
    plain = make_entity_filter(None)(_doc(text, ["特朗普", "沐曦", "王伟"]))
    assert [e.text for e in plain.entities] == ["王伟"]  # the family-name rule alone drops 特朗普 with 沐曦
    names = tmp_path / "names.txt"
    names.write_text("# a header\n特朗普\n", encoding="utf-8")
    kept = make_entity_filter(None, person_names=str(names))(_doc(text, ["特朗普", "沐曦", "王伟"]))
    assert [e.text for e in kept.entities] == ["特朗普", "王伟"]


def test_filter_makes_a_listed_name_the_tagger_read_as_a_company_a_person(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("川普\n", encoding="utf-8")
    doc = _doc("川普表示，蘋果回應。", [])
    for w in ("川普", "蘋果"):
        s = doc.text.index(w)
        doc.entities.append(doc.entity("COMPANY", s, s + len(w), source="ner"))
    got = make_entity_filter(None, person_names=str(names))(doc)
    assert [(e.text, e.type) for e in got.entities] == [("川普", "PERSON"), ("蘋果", "COMPANY")]


def test_collect_names_counts_names_without_a_family_name_by_kind():
    counts = {"PERSON": Counter(), "OTHER": Counter()}
    text = "特朗普会见王伟，拉加德在苹果发言"
    collect_names([(text, [(0, 3, "PER"), (5, 7, "PER"), (8, 11, "name"), (12, 14, "company")])], counts)
    assert counts["PERSON"] == Counter({"特朗普": 1, "拉加德": 1})  # 王伟 has a family name
    assert counts["OTHER"] == Counter({"苹果": 1})


def test_builder_writes_names_tagged_person_more_often_than_not(tmp_path, monkeypatch):
    import extract.learn.person_names as pn
    monkeypatch.setattr(pn, "PUBLIC", ())  # the public corpora are not read in this test
    gold = tmp_path / "gold.jsonl"
    import json
    recs = [{"id": "a", "text": "特朗普表示。", "entities": [{"start": 0, "end": 3, "type": "PERSON"}]},
            {"id": "b", "text": "西普尼股价涨。", "entities": [{"start": 0, "end": 3, "type": "PERSON"}]},
            {"id": "c", "text": "西普尼上市。", "entities": [{"start": 0, "end": 3, "type": "COMPANY"}]},
            {"id": "d", "text": "西普尼公告。", "entities": [{"start": 0, "end": 3, "type": "COMPANY"}]}]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    out = tmp_path / "names.txt"
    assert main([str(gold), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [x for x in lines if not x.startswith("#")] == ["特朗普"]  # 西普尼 is more often a company
    assert main([str(tmp_path / "nope.jsonl"), "-o", str(out)]) == 2


def test_shipped_list_is_the_one_the_config_names():
    from pathlib import Path
    import json
    root = Path(__file__).resolve().parent.parent
    cfg = json.loads((root / "models" / "default" / "config.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in cfg["pipeline"] if e["factory"] == "entity_filter.v1"]
    names = (root / "models" / "default" / entry["person_names"]).read_text(encoding="utf-8").splitlines()
    listed = [w for w in names if not w.startswith("#")]
    assert "特朗普" in listed and len(listed) > 1000 and listed == sorted(listed)


def test_a_missing_names_file_is_a_clear_error(tmp_path):
    import pytest
    with pytest.raises(FileNotFoundError, match="entity_filter.v1: no person-names file"):
        make_entity_filter(None, person_names=str(tmp_path / "none.txt"))


def test_crossfit_eval_counts_exact_spans_outside_ignore_regions():
    import importlib.util
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("crossfit_eval", root / "evaluation" / "ner" / "crossfit_eval.py")
    ce = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ce)
    rec = {"text": "特朗普会见王伟于北京。页脚", "ignore": [{"start": 11, "end": 13}],
           "entities": [{"start": 0, "end": 3, "type": "PERSON"}, {"start": 5, "end": 7, "type": "PERSON"},
                        {"start": 8, "end": 10, "type": "LOC"}, {"start": 11, "end": 13, "type": "ORG"}]}
    d = Document(rec["text"])
    for s, e, t in ((0, 3, "PERSON"), (8, 10, "ORG"), (11, 13, "COMPANY")):
        d.entities.append(d.entity(t, s, e, source="ner"))
    c = ce.counts([rec], [d])
    assert c["PERSON"] == [1, 0, 1] and c["LOC"] == [0, 0, 1] and c["ORG"] == [0, 1, 0] and c["COMPANY"] == [0, 0, 0]
    assert ce.f1(1, 0, 1) == 2 / 3 and ce.f1(0, 3, 4) == 0.0


def test_filter_cuts_a_title_written_before_a_name():
    """CEOThomas Dohmke (the NER's Thomas Dohmke, which the word-start repair glues to CEO), CBO Roman Chernin,
    Sir Ernest Harrison: the title is no part of the name (no gold PERSON starts with one)."""
    text = "GitHub现任CEOThomas Dohmke表示，联合创始人兼CBO Roman Chernin来到现场，Sir Ernest Harrison拨通电话。"
    got = make_entity_filter(None)(_doc(text, ["Thomas Dohmke", "CBO Roman Chernin", "Sir Ernest Harrison"]))
    assert [e.text for e in got.entities] == ["Thomas Dohmke", "Roman Chernin", "Ernest Harrison"]


def test_filter_cuts_a_house_number_off_a_street():
    """蘭秀道15號 → 蘭秀道 (the gold's place ends with the street); a number inside the span stays (…28號國賓大廈)."""
    text = "單位位於蘭秀道15號，另一物業在北角書局街28號國賓大廈。"
    d = _doc(text, ["蘭秀道15號", "北角書局街28號國賓大廈"], "LOC")
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["蘭秀道", "北角書局街28號國賓大廈"]


def test_filter_keeps_a_name_the_ner_tags_person_twice_in_a_document():
    """但斌 (no common family name) tagged PERSON at two mentions stays; 沐曦 tagged once goes, as before."""
    text = "但斌表示看好英伟达，沐曦发布新品，但斌随后加仓。"
    d = _doc(text, ["沐曦"])
    for s in (text.index("但斌"), text.rindex("但斌")):
        d.entities.append(d.entity("PERSON", s, s + 2, source="ner"))
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["但斌", "但斌"]


def test_filter_cuts_a_chinese_character_off_a_latin_name():
    """GIC爭, Intel傳, Mislav Matejka汇, 許Uber: the Latin name without the character glued to it; B站 (one letter) stays."""
    text = "GIC爭取，Intel傳出，Mislav Matejka汇总，許Uber，B站"
    d = _doc(text, ["Mislav Matejka汇"])
    for w in ("GIC爭", "Intel傳", "許Uber", "B站"):
        s = text.index(w)
        d.entities.append(d.entity("COMPANY", s, s + len(w), source="ner"))
    got = make_entity_filter(None)(d)
    assert sorted(e.text for e in got.entities) == sorted(["Mislav Matejka", "GIC", "Intel", "Uber", "B站"])


def test_filter_cuts_app_off_a_body():
    """天眼查App, 每日经济新闻APP → the ORG without App (no gold entity ends in App)."""
    text = "据天眼查App显示，每日经济新闻APP报道。"
    d = _doc(text, ["天眼查App", "每日经济新闻APP"], "ORG")
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["天眼查", "每日经济新闻"]


def test_filter_keeps_a_transliterated_name_written_with_a_middle_dot():
    """阿卡什·博巴, 谢赫·哈姆丹 (no Chinese family name, tagged once) stay; 沐曦 tagged once goes, as before."""
    text = "成员分别为阿卡什·博巴和卢克·法里托，王储谢赫·哈姆丹出席，沐曦发布新品。"
    d = _doc(text, ["阿卡什·博巴", "谢赫·哈姆丹", "沐曦"])
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["阿卡什·博巴", "谢赫·哈姆丹"]


def test_filter_keeps_a_name_right_after_a_persons_title():
    """法国总理贝鲁, 行政总裁皮采, 基金经理比尔-艾克曼 (no Chinese family name, tagged once) stay; 沐曦 after no title goes."""
    text = "法国总理贝鲁表示，谷歌行政总裁皮采称，对冲基金经理比尔-艾克曼认为，沐曦发布新品。"
    d = _doc(text, ["贝鲁", "皮采", "比尔-艾克曼", "沐曦"])
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["贝鲁", "皮采", "比尔-艾克曼"]


def test_filter_cuts_a_function_word_glued_to_a_person():
    """王长田成最大赢家: 成 is cut off where 王长田 stands elsewhere; 杨玉成 (no 杨玉 elsewhere) keeps its last character."""
    text = "光线传媒董事长王长田表示看好。股价暴涨后，老板王长田成最大赢家，杨玉成出席。"
    d = _doc(text, ["王长田", "王长田成", "杨玉成"])
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["王长田", "王长田", "杨玉成"]


def test_filter_keeps_a_transliterated_name_before_a_verb_of_saying():
    """纳德拉表示 (transliteration characters, no family name, tagged once) stays; 纳德拉 elsewhere and 沐曦表示 go."""
    text = "2025年2月纳德拉表示看好，沐曦表示发布新品。"
    d = _doc(text, ["纳德拉", "沐曦"])
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["纳德拉"]


def test_filter_cuts_a_form_of_address_off_a_person():
    """王伟先生 → 王伟 (GUIDELINES N3a: the title stays outside); 张老师 → 张, one character, left to the byline
    recognizer's surname_titles."""
    text = "联系人：张老师，王伟先生出席。"
    d = _doc(text, ["张老师", "王伟先生"])
    got = make_entity_filter(None)(d)
    assert [e.text for e in got.entities] == ["王伟"]


def test_filter_drops_a_clan_before_a_word_of_kin():
    # 詹氏父子 (tagged at every mention), 吳氏或包氏家族: a family, no PERSON; a lone 顧氏 (Mr Gu) stays one
    text = "詹氏父子被判監。詹氏父子不服。九龍倉吳氏或包氏家族排14位。顧氏表示不服。"
    doc = _doc(text, ["吳氏", "顧氏"])
    for s in (0, text.index("詹氏", 1)):
        doc.entities.append(doc.entity("PERSON", s, s + 2, source="ner"))
    kept = make_entity_filter(None)(doc)
    assert [e.text for e in kept.entities if e.type == "PERSON"] == ["顧氏"]


def test_filter_drops_writing_words_read_as_names():
    # 文章, 文中, 董秘 (not_names.json terms): ordinary words, not 文/董 and a given name; 张文中 stays a PERSON
    text = "文章認為，湯文亮在文中強調，董秘均有背景，张文中出席。"
    kept = make_entity_filter(None)(_doc(text, ["文章", "湯文亮", "文中", "董秘", "张文中"]))
    assert [e.text for e in kept.entities] == ["湯文亮", "张文中"]


def test_filter_cuts_a_shop_or_plot_word_off_a_place_and_drops_a_kind_of_shop():
    """_SHOP_TAIL: 巴黎旗舰店 -> 巴黎, 屯門仁政街舖 -> 屯門仁政街, 元朗水蕉新村丁屋 -> 元朗水蕉新村; 臨街商店 is no place; a branch
    store (上海豫园店) and a hotel (北京富力万丽酒店) stay whole."""
    text = "巴黎旗舰店、屯門仁政街舖、元朗水蕉新村丁屋、臨街商店、上海豫园店和北京富力万丽酒店。"
    words = ["巴黎旗舰店", "屯門仁政街舖", "元朗水蕉新村丁屋", "臨街商店", "上海豫园店", "北京富力万丽酒店"]
    got = make_entity_filter(None)(_doc(text, words, "LOC"))
    assert [e.text for e in got.entities] == ["巴黎", "屯門仁政街", "元朗水蕉新村", "上海豫园店", "北京富力万丽酒店"]
