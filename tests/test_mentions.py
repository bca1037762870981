"""The learned filter for gazetteer INDUSTRY matches (extract.stages.mentions, extract.learn.mentions)."""
import json
import random
from pathlib import Path

import pytest

import extract
from extract.doc import Document, Relation
from extract.stages.mentions import MentionFilter, EntityIndex, candidates, doc_examples, features, make_mention_filter

ROOT = Path(__file__).resolve().parent.parent


def _doc(text, ents):
    d = Document(text)
    for typ, surface, source in ents:
        s = text.index(surface)
        d.entities.append(d.entity(typ, s, s + len(surface), source=source))
    return d


def test_features_read_the_framing_around_a_match():
    framed = _doc("公司专注于半导体领域的研发。", [("INDUSTRY", "半导体", "gazetteer")])
    name = _doc("昕原半导体宣布完成新一轮融资。", [("INDUSTRY", "半导体", "gazetteer")])
    fa = features(framed, framed.entities[0], 1)
    fb = features(name, name.entities[0], 1)
    assert fa == features(framed, framed.entities[0], 1)  # deterministic
    assert set(fa) != set(fb) and set(fa) & set(fb)  # the word is shared, its context is not


def test_feature_set_2_reads_the_clause_and_the_list_around_a_match():
    far = _doc("专注于半导体材料相关领域。", [("INDUSTRY", "半导体", "gazetteer")])
    near = _doc("专注于半导体领域。", [("INDUSTRY", "半导体", "gazetteer")])
    e = far.entities[0]
    one, two = features(far, e, 1), features(far, e, 1, feature_set=2)
    assert set(one) < set(two)  # set 2 keeps every feature of set 1
    # 领域 is 4 characters away: outside set 1's window, a framing feature of set 2
    assert set(features(near, near.entities[0], 1, feature_set=2)) & set(two) - set(one)
    listed = _doc("芯片、半导体等", [("INDUSTRY", "芯片", "ner"), ("INDUSTRY", "半导体", "gazetteer")])
    alone = _doc("芯片；半导体等", [("INDUSTRY", "芯片", "ner"), ("INDUSTRY", "半导体", "gazetteer")])
    a = set(features(listed, listed.entities[1], 1, feature_set=2))
    b = set(features(alone, alone.entities[1], 1, feature_set=2))
    assert a != b


def test_a_filter_keeps_its_feature_set_and_old_files_read_as_set_1(tmp_path):
    flt = MentionFilter({"bias": 0.1, "w": {3: 0.5}}, threshold=0.4, feature_set=2)
    flt.save(tmp_path / "m.json")
    assert MentionFilter.load(tmp_path / "m.json").feature_set == 2
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    del data["feature_set"]
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    assert MentionFilter.load(tmp_path / "old.json").feature_set == 1
    with pytest.raises(ValueError, match="feature set"):
        MentionFilter({"bias": 0.0, "w": {}}, feature_set=7)


def test_others_index_finds_what_a_scan_finds():
    rng = random.Random(3)
    for _ in range(50):
        text = "".join(rng.choice("半导体芯片公司领域的在") for _ in range(80))
        d = Document(text)
        for _ in range(rng.randint(0, 25)):
            s = rng.randrange(0, 79)
            e = rng.randint(s + 1, min(80, s + rng.choice([2, 3, 12])))
            d.entities.append(d.entity(rng.choice(["INDUSTRY", "COMPANY"]), s, e,
                                       source=rng.choice(["gazetteer", "ner", "rules"])))
        idx = EntityIndex(d)
        for s in range(0, 80, 7):
            t = min(80, s + rng.randint(1, 5))
            scan = [o for o in d.entities if o.source != "ner" and o.start <= t and o.end >= s]
            assert sorted(map(id, idx.near(s, t))) == sorted(map(id, scan))


def test_the_filter_drops_low_scoring_matches_and_touches_nothing_else():
    d = _doc("在半导体领域，华为与金融业。", [("INDUSTRY", "半导体", "gazetteer"), ("COMPANY", "华为", "ner"),
                                     ("INDUSTRY", "金融", "ner")])
    d.relations.append(Relation("in_industry", d.entities[1], d.entities[0]))
    keep_all = MentionFilter({"bias": 5.0, "w": {}}, threshold=0.5)
    drop_all = MentionFilter({"bias": -5.0, "w": {}}, threshold=0.5)
    assert len(keep_all(d).entities) == 3
    out = drop_all(d)
    assert [(e.type, e.source) for e in out.entities] == [("COMPANY", "ner"), ("INDUSTRY", "ner")]
    assert out.relations == []  # a relation to a dropped entity goes with it
    assert candidates(out, ["INDUSTRY"], ["gazetteer"]) == []


def test_training_learns_the_framing(tmp_path):
    from extract.learn.mentions import train_mentions

    recs = []
    for i, co in enumerate(["甲", "乙", "丙", "丁", "戊", "己"]):
        text = f"{co}公司专注于半导体领域。{co}半导体有限责任公司今日宣布，金融业务增长。"
        s = text.index("半导体")
        recs.append({"id": f"d{i}", "text": text, "entities": [{"id": "e1", "type": "INDUSTRY", "start": s,
                                                               "end": s + 3, "text": "半导体"}]})
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    flt = train_mentions([path], log=lambda *a: None)
    nlp = extract.load(None, exclude=("mention_filter", "entity_filter", "merge", "propagate", "relations",
                                      "events", "facts"))
    d = nlp("庚公司专注于半导体领域。庚半导体有限责任公司今日宣布。")
    probs = {d.norm[e.start:e.end] + str(e.start): flt.prob(ids) for e, ids in doc_examples(d, ["INDUSTRY"],
                                                                                         ["gazetteer"])}
    framed = [p for k, p in probs.items() if k.startswith("半导体") and int(k[3:]) < 10]
    other = [p for k, p in probs.items() if k.startswith("半导体") and int(k[3:]) > 10]
    assert framed and other and framed[0] > 0.5 > other[0]
    flt.save(tmp_path / "m.json")
    again = MentionFilter.load(tmp_path / "m.json")
    assert again.model == flt.model and again.types == ("INDUSTRY",) and again.threshold == 0.5
    assert again.source_thresholds == {}


def test_a_source_judged_at_its_own_threshold_round_trips(tmp_path):
    d = _doc("专注于智驾领域", [("INDUSTRY", "智驾", "ner")])
    flt = MentionFilter({"bias": 0.0, "w": {}}, ("INDUSTRY",), ("ner", "echo"), 0.4, source_thresholds={"echo": 0.6})
    assert len(flt(d).entities) == 1  # p = 0.5 passes 0.4
    d.entities[0].source = "echo"
    assert flt(d).entities == []  # and fails the echoes' 0.6
    flt.save(tmp_path / "m.json")
    assert MentionFilter.load(tmp_path / "m.json").source_thresholds == {"echo": 0.6}
    with pytest.raises(ValueError, match="does not judge"):
        MentionFilter({"bias": 0.0, "w": {}}, ("INDUSTRY",), ("ner",), 0.4, source_thresholds={"echo": 0.6})


def test_shipped_model_runs_the_filter_before_merge():
    nlp = extract.load()
    names = nlp.pipe_names
    assert names.index("ner") < names.index("industry_echo") < names.index("mention_filter") < names.index("merge")
    flt = nlp.get_pipe("mention_filter")
    assert flt.types == ("INDUSTRY",) and set(flt.sources) == {"gazetteer", "ner", "echo"} and 0 < flt.threshold < 1
    assert flt.threshold < flt.source_thresholds["echo"] < 1  # echoes, mostly no sector where they recur, face more
    org = nlp.get_pipe("org_filter")
    assert names.index("mention_filter") < names.index("org_filter") < names.index("merge")
    assert org.types == ("ORG",) and set(org.sources) == {"gazetteer", "ner"} and org.threshold > flt.threshold
    data = json.loads((ROOT / "models" / "default" / "mentions.json").read_text(encoding="utf-8"))
    assert {t["path"] for t in data["trained_on"]} == {"annotations/news/train.jsonl",
                                                        "annotations/news/train_more.jsonl"}
    company = nlp.get_pipe("company_filter")
    assert names.index("org_filter") < names.index("company_filter") < names.index("merge")
    assert company.types == ("COMPANY",) and company.sources == ("ner",) and company.keep is not None


def test_a_sentence_the_keep_pattern_finds_is_not_judged():
    """keep_sentences: the COMPANY filter leaves the names of a sentence about a funding round as they are."""
    import re

    from extract.stages.mentions import MentionFilter
    flt = MentionFilter({"bias": -10.0, "w": {}}, ("COMPANY",), ("ner",), 0.3)  # drops every candidate
    from docs import make_doc

    def doc():  # (two sentences, a NER company in each)
        d = make_doc("甲乙机器人发布新品。丙丁科技完成B轮融资。", [("甲乙机器人", "COMPANY"), ("丙丁科技", "COMPANY")])
        d.entities = [d.entity(e.type, e.start, e.end, source="ner") for e in d.entities]
        return d
    assert flt(doc()).entities == []
    flt.keep = re.compile("融资|领投")
    assert [e.text for e in flt(doc()).entities] == ["丙丁科技"]


def test_training_runs_the_filters_before_its_own_place(tmp_path):
    from extract.learn.mentions import excluded

    cfg = {"name": "m", "pipeline": [{"name": n, "factory": "x"} for n in
                                     ("ner", "mention_filter", "org_filter", "merge", "facts")]}
    (tmp_path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    ex = excluded(tmp_path, "org_filter")
    assert "org_filter" in ex and "merge" in ex and "facts" in ex and "mention_filter" not in ex and "ner" not in ex
    assert "mention_filter" in excluded(tmp_path, "mention_filter")
    spec = tmp_path / "folds.json"
    spec.write_text(json.dumps({"folds": 1, "models": ["."]}), encoding="utf-8")
    assert excluded(spec, "org_filter") == ex


def test_the_weights_file_names_the_ner_its_candidates_came_from(tmp_path):
    import hashlib

    from extract.learn.mentions import candidates_from

    (tmp_path / "ner").mkdir()
    (tmp_path / "ner" / "model.safetensors").write_bytes(b"weights")
    sha = hashlib.sha256(b"weights").hexdigest()
    assert candidates_from(tmp_path) == {"model": tmp_path.name, "ner_sha256": sha}
    spec = tmp_path / "folds.json"
    spec.write_text(json.dumps({"folds": 2, "models": [".", "missing"]}), encoding="utf-8")
    assert candidates_from(spec) == {"crossfit_folds": 2, "fold_ner_sha256": [sha, None]}
    shipped = json.loads((ROOT / "models" / "default" / "mentions.json").read_text(encoding="utf-8"))
    assert shipped["candidates_from"]["crossfit_folds"] == 2  # the NER's matches were judged on cross-fitted text


def test_a_missing_weights_file_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="extract.learn.mentions"):
        make_mention_filter(None, str(tmp_path / "nope.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"model": "something else"}', encoding="utf-8")
    with pytest.raises(ValueError, match="mentionfilter"):
        MentionFilter.load(bad)


def test_echoes_offer_each_further_occurrence_of_a_name_the_ner_typed():
    from extract.stages.mentions import echoes
    text = "公司布局智驾领域。智驾渗透率提升，元戎智驾获投，AI和RAIL，AI需求。"
    d = _doc(text, [("INDUSTRY", "智驾", "ner"), ("COMPANY", "元戎智驾", "ner"), ("INDUSTRY", "AI", "ner")])
    spans = sorted((e.start, e.text, e.source, e.type) for e in echoes(d))
    # the second 智驾 and the second AI; not the 智驾 inside a company name, not AI inside RAIL, not the tagged ones
    assert spans == [(text.index("智驾渗透"), "智驾", "echo", "INDUSTRY"), (text.rindex("AI"), "AI", "echo", "INDUSTRY")]
    assert echoes(d, sources=("gazetteer",)) == []  # only names of the listed sources echo


def test_an_echo_may_cover_shorter_matches_of_its_own_type():
    from extract.stages.mentions import echoes
    text = "新能源汽车销量大增。新能源汽车出口"
    d = _doc(text, [("INDUSTRY", "新能源汽车", "ner")])
    s = text.rindex("新能源")
    d.entities += [d.entity("INDUSTRY", s, s + 3, source="gazetteer"), d.entity("LOC", s + 5, s + 7, source="gazetteer")]
    assert [e.start for e in echoes(d)] == [s]  # over the gazetteer's 新能源; a place after it (出口) is no clash
    d.entities[-1] = d.entity("LOC", s + 4, s + 6, source="gazetteer")  # a place crossing the name
    assert echoes(d) == []


def test_the_echo_component_feeds_a_filter_that_judges_echoes():
    from extract.stages.mentions import make_mention_echo
    text = "专注于智驾领域。看好智驾赛道"
    d = _doc(text, [("INDUSTRY", "智驾", "ner")])
    d = make_mention_echo(None)(d)
    assert [e.source for e in d.entities] == ["ner", "echo"]
    flt = MentionFilter({"bias": -5.0, "w": {}}, ("INDUSTRY",), ("echo",), 0.5)
    assert [e.source for e in flt(d).entities] == ["ner"]  # the filter drops what it judges below its threshold


@pytest.mark.parametrize("text, sector, kept", [
    ("看好彩电行业。各彩电龙头企业转移产能，彩电销量下滑", "彩电", [8]),  # 彩电龙头 stays, 彩电销量 goes
    # 银行股 and 银行股价值 stay (a sector's stocks), 银行股东 goes (shareholders)
    ("看好银行板块。银行股多数上扬，银行股东增持，银行股价值重估", "银行", [7, 22]),
    ("布局黄金饰品。黄金市场的规模扩大，黄金价格上涨", "黄金", [7]),  # 黄金市场 stays, 黄金价格 goes
    # 咖啡品牌 and 咖啡厂商 stay (the sector's brands and makers), 咖啡品牌方 goes (a brand's owner, not the sector)
    ("看好咖啡行业。国产咖啡品牌增多，咖啡品牌方合作，咖啡厂商扩产", "咖啡", [9, 24]),
])
def test_an_echo_before_a_sectors_head_is_not_judged(text, sector, kept):
    from extract.stages.mentions import make_mention_echo
    d = make_mention_echo(None)(_doc(text, [("INDUSTRY", sector, "ner")]))
    flt = MentionFilter({"bias": -5.0, "w": {}}, ("INDUSTRY",), ("echo",), 0.5)  # drops every echo it judges
    assert [(e.source, e.start) for e in flt(d).entities] == [("ner", 2)] + [("echo", k) for k in kept]


def test_a_name_typed_otherwise_elsewhere_does_not_echo():
    from extract.stages.mentions import echoes
    text = "东信营销向港交所递表。东信营销收入增长，东信营销"
    d = _doc(text, [("INDUSTRY", "东信营销", "ner")])
    assert len(echoes(d)) == 2
    s = text.rindex("东信营销")
    d.entities.append(d.entity("COMPANY", s, s + 4, source="ner"))
    assert echoes(d) == []


def test_the_trainer_refuses_a_malformed_or_foreign_source_threshold(tmp_path):
    from extract.learn.mentions import main, train_mentions
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "专注于智驾领域", "entities": []}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        main([str(gold), "-o", str(tmp_path / "m.json"), "--source-threshold", "echo"])
    assert err.value.code == 2
    for bad in ("echo=1.5", "=0.4", "echo=high"):  # a threshold is a probability, of a named source
        with pytest.raises(SystemExit):
            main([str(gold), "-o", str(tmp_path / "m.json"), "--source-threshold", bad])
    with pytest.raises(ValueError, match="does not judge"):  # before any document runs
        train_mentions([gold], sources=("gazetteer",), source_thresholds={"echo": 0.4})


def test_an_echo_of_a_sector_read_with_its_head_loses_the_head_in_the_entity_filter():
    from extract.stages.basic import make_entity_filter
    from extract.stages.mentions import make_mention_echo
    text = "量子计算产业正在发展。推动量子计算产业，第三产业"
    d = _doc(text, [("INDUSTRY", "量子计算", "ner"), ("INDUSTRY", "第三产业", "ner")])
    s = text.rindex("量子计算产业")
    d.entities.append(d.entity("INDUSTRY", s, s + 6, source="ner"))
    d = make_mention_echo(None)(d)  # 量子计算产业 echoes over the NER's 量子计算, the shorter name inside it
    assert [(e.start, e.text) for e in d.entities if e.source == "echo"] == [(0, "量子计算产业")]
    d = make_entity_filter(None)(d)
    assert [(e.start, e.text) for e in d.entities if e.source == "echo"] == [(0, "量子计算")]
    assert "第三产业" in [e.text for e in d.entities]  # a name with 产业 in it keeps it


def test_a_gazetteer_sector_loses_its_head_but_real_estate_keeps_it():
    from extract.stages.basic import make_entity_filter
    text = "发展新能源汽车产业和房地产业"
    d = _doc(text, [("INDUSTRY", "新能源汽车产业", "gazetteer"), ("INDUSTRY", "房地产业", "gazetteer")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["新能源汽车", "房地产业"]


def test_a_qualifier_of_size_or_reach_is_cut_off_a_sector():
    from extract.stages.basic import make_entity_filter
    text = "美國大型食品公司与全球AI巨头，布局大型车"
    d = _doc(text, [("INDUSTRY", "大型食品", "ner"), ("INDUSTRY", "全球AI", "echo")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["食品", "AI"]
    d = _doc(text, [("INDUSTRY", "大型车", "ner")])  # nothing of two characters left: the span stays
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["大型车"]


def test_local_and_domestic_made_are_cut_off_a_sector():
    """(basic._INDUSTRY_QUALIFIER) 本地金融科技, 国产咖啡, 本土零售 → the sector; 本地生活 is a sector and stays."""
    from extract.stages.basic import make_entity_filter
    text = "本地金融科技公司，国产咖啡品牌，本土零售企业，本地生活赛道"
    d = _doc(text, [("INDUSTRY", "本地金融科技", "ner"), ("INDUSTRY", "国产咖啡", "ner"), ("INDUSTRY", "本土零售", "ner"),
                    ("INDUSTRY", "本地生活", "ner")])
    got = [e.text for e in make_entity_filter(None)(d).entities]
    assert got == ["金融科技", "咖啡", "零售", "本地生活"]


def test_international_is_cut_off_a_sector():
    """(basic._INDUSTRY_QUALIFIER) 国际保险 (國際保險 in the norm), 国际奢侈品 → the sector; 国际 with one character after it stays."""
    from extract.stages.basic import make_entity_filter
    text = "国际保险巨头与国际奢侈品牌，国际化"
    d = _doc(text, [("INDUSTRY", "国际保险", "ner"), ("INDUSTRY", "国际奢侈品", "ner"), ("INDUSTRY", "国际化", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["保险", "奢侈品", "国际化"]


def test_a_firm_noun_is_cut_off_a_sector():
    from extract.stages.basic import make_entity_filter
    text = "多家影视公司、商业航天企业、汽车集团与财务公司"
    d = _doc(text, [("INDUSTRY", w, "ner") for w in ("影视公司", "商业航天企业", "汽车集团", "财务公司")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["影视", "商业航天", "汽车", "财务公司"]


def test_an_operators_or_retailers_shang_is_cut_off_a_sector():
    from extract.stages.basic import make_entity_filter
    text = "运营商、三大电信运营商、零售商与地产商"  # 运营商 alone stays (two characters would be left)
    d = _doc(text, [("INDUSTRY", w, "ner") for w in ("运营商", "电信运营商", "零售商", "地产商")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["运营商", "电信运营", "零售", "地产"]


def test_a_modifier_word_alone_is_no_sector():
    from extract.stages.basic import make_entity_filter
    text = "强化在高端市场的影响，聚焦连锁品牌，发展商业航天"
    d = _doc(text, [("INDUSTRY", "高端", "ner"), ("INDUSTRY", "连锁", "ner"), ("INDUSTRY", "商业航天", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["商业航天"]


def test_a_scope_word_alone_is_no_sector():
    """(not_names.json modifier_words) 国内, 境外, 跨境 alone: a scope, no INDUSTRY; 跨境电商 stays."""
    from extract.stages.basic import make_entity_filter
    text = "国内需求回暖，境外市场与跨境电商"
    d = _doc(text, [("INDUSTRY", "国内", "ner"), ("INDUSTRY", "境外", "ner"), ("INDUSTRY", "跨境电商", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["跨境电商"]


def test_a_generic_business_noun_alone_is_no_sector():
    """(not_names.json generic_nouns) 运营, 销售, 新车 alone: no INDUSTRY; 汽车 stays."""
    from extract.stages.basic import make_entity_filter
    text = "国际运营市场、销售团队与新车市场，汽车行业"
    d = _doc(text, [("INDUSTRY", "运营", "ner"), ("INDUSTRY", "销售", "ner"), ("INDUSTRY", "新车", "ner"),
                    ("INDUSTRY", "汽车", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["汽车"]


def test_a_sector_grows_over_jishi_before_it():
    from extract.stages.basic import make_entity_filter
    text = "京东在即时零售领域拓展，零售业务"
    d = _doc(text, [("INDUSTRY", "零售", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["即时零售"]


def test_a_sector_grows_over_edge_online_and_high_end_before_it():
    """(basic._INDUSTRY_TAKEN_IN) 边缘AI, 在线广告, 高端美妆 are the sectors; 中高端 stays out."""
    from extract.stages.basic import make_entity_filter
    text = "边缘AI领域，在线广告市场，高端美妆市场，中高端动力电池"
    d = _doc(text, [("INDUSTRY", "AI", "ner"), ("INDUSTRY", "广告", "ner"), ("INDUSTRY", "美妆", "ner"), ("INDUSTRY", "动力电池", "ner")])
    got = [e.text for e in make_entity_filter(None)(d).entities]
    assert got == ["边缘AI", "在线广告", "高端美妆", "动力电池"]


def test_a_sector_grows_over_pet_and_over_sheng_before_pig():
    """(basic._INDUSTRY_TAKEN_IN) 宠物疫苗 and 生猪养殖 are the sectors; 生 before another sector stays out."""
    from extract.stages.basic import make_entity_filter
    text = "宠物疫苗企业，生猪养殖企业，人工智能，生物医药"
    d = _doc(text, [("INDUSTRY", "疫苗", "ner"), ("INDUSTRY", "猪养殖", "ner"), ("INDUSTRY", "物医药", "ner")])
    got = [e.text for e in make_entity_filter(None)(d).entities]
    assert got == ["宠物疫苗", "生猪养殖", "物医药"]


def test_a_sector_grows_over_fan_and_zhuanye_before_it():
    """(basic._INDUSTRY_TAKEN_IN) 泛人工智能 and 专业信息服务 are the sectors; 广泛 before a sector stays out."""
    from extract.stages.basic import make_entity_filter
    text = "泛人工智能行情，专业信息服务提供商，广泛零售"
    d = _doc(text, [("INDUSTRY", "人工智能", "ner"), ("INDUSTRY", "信息服务", "ner"), ("INDUSTRY", "零售", "ner")])
    got = [e.text for e in make_entity_filter(None)(d).entities]
    assert got == ["泛人工智能", "专业信息服务", "零售"]


def test_a_sector_takes_in_the_infrastructure_after_it():
    """(basic._INDUSTRY_INFRASTRUCTURE) AI基础设施 is the sector."""
    from extract.stages.basic import make_entity_filter
    text = "资本用于AI基础设施建设"
    d = _doc(text, [("INDUSTRY", "AI", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["AI基础设施"]


def test_sectors_joined_by_an_ampersand_or_a_slash_are_two():
    from extract.stages.basic import make_entity_filter
    text = "光模块&光器件、计算机 / 传媒和AI+医药/药"
    d = _doc(text, [("INDUSTRY", "光模块&光器件", "ner"), ("INDUSTRY", "计算机 / 传媒", "ner"), ("INDUSTRY", "AI+医药/药", "ner")])
    got = [e.text for e in make_entity_filter(None)(d).entities]
    assert got == ["光模块", "光器件", "计算机", "传媒", "AI+医药/药"]  # a part of one character: the span stays whole


def test_sectors_joined_by_a_conjunction_are_two():
    # 和/与/及/、 inside one NER span: two sectors, but a statistics category in 业, 相关 or a generic part keeps it whole
    from extract.stages.basic import make_entity_filter
    text = "石油和天然气、信息技术及企业服务、住宿和餐饮业、互联网和相关服务、计算机科学与技术"
    d = _doc(text, [("INDUSTRY", "石油和天然气", "ner"), ("INDUSTRY", "信息技术及企业服务", "ner"),
                    ("INDUSTRY", "住宿和餐饮业", "ner"), ("INDUSTRY", "互联网和相关服务", "ner"),
                    ("INDUSTRY", "计算机科学与技术", "ner")])
    got = [e.text for e in make_entity_filter(None)(d).entities]
    assert got == ["石油", "天然气", "信息技术", "企业服务", "住宿和餐饮业", "互联网和相关服务", "计算机科学与技术"]


def test_a_name_before_a_head_of_kinship_is_no_sector():
    # not_names.json kinship_after: 境外子公司, 家族辦公室旗下: a company's, a product's or a place's name, no INDUSTRY
    from extract.stages.basic import make_entity_filter
    text = "TCL中环的境外子公司Maxeon，家族办公室旗下的基金，发展人形机器人产业"
    d = _doc(text, [("INDUSTRY", "境外", "ner"), ("INDUSTRY", "家族办公室", "ner"), ("INDUSTRY", "人形机器人", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["人形机器人"]


def test_a_sector_in_a_funds_name_is_no_sector():
    # not_names.json fund_after: 软件龙头ETF, 创新药企ETF, 人工智能产业基金: part of a fund's name, no INDUSTRY (session 55)
    from extract.stages.basic import make_entity_filter
    text = "软件龙头ETF上涨，创新药企ETF获资金流入，人工智能产业基金领投，发展人形机器人产业"
    d = _doc(text, [("INDUSTRY", "软件", "ner"), ("INDUSTRY", "创新药", "ner"), ("INDUSTRY", "人工智能", "gazetteer"),
                    ("INDUSTRY", "人形机器人", "ner")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["人形机器人"]

def test_a_cited_category_keeps_its_head():
    # a taxonomy's category cited by its name keeps 产业, as the seed gold has it (二级行业“航空装备产业”, 战略性新兴产业分类)
    from extract.stages.basic import make_entity_filter
    text = "按二级行业“航空装备产业”匹配，依据战略性新兴产业分类，发展新能源汽车产业"
    d = _doc(text, [("INDUSTRY", "航空装备产业", "gazetteer"), ("INDUSTRY", "战略性新兴产业", "gazetteer"),
                    ("INDUSTRY", "新能源汽车产业", "gazetteer")])
    assert [e.text for e in make_entity_filter(None)(d).entities] == ["航空装备产业", "战略性新兴产业", "新能源汽车"]


def test_a_sector_before_a_sectors_measure_is_not_judged():
    text = "2024年全国二手车累计交易量1961万辆，兽用疫苗的毛利率为60%，高阶自动驾驶渗透率达到12%，汽车出口量增长"
    names = [("INDUSTRY", "二手车", "echo"), ("INDUSTRY", "兽用疫苗", "ner"), ("INDUSTRY", "自动驾驶", "gazetteer"),
             ("INDUSTRY", "汽车", "gazetteer")]
    flt = MentionFilter({"bias": -5.0, "w": {}}, ("INDUSTRY",), ("echo", "ner", "gazetteer"), 0.5)  # drops all it judges
    # 二手车 and 兽用疫苗 start a word before a sector's measure and stay; 自动驾驶 follows the modifier 高阶 (a longer
    # name's), 汽车 has two characters: both judged and dropped
    assert [e.text for e in flt(_doc(text, names)).entities] == ["二手车", "兽用疫苗"]


def test_a_sector_before_its_sales_premiums_or_value_added_is_not_judged():
    text = "2024M1-12，环卫车合计销量70157辆；住宿和餐饮业增加值增长9.7%，新能源车险保费居高不下"
    names = [("INDUSTRY", "环卫车", "echo"), ("INDUSTRY", "住宿和餐饮业", "gazetteer"), ("INDUSTRY", "新能源车险", "ner")]
    flt = MentionFilter({"bias": -5.0, "w": {}}, ("INDUSTRY",), ("echo", "ner", "gazetteer"), 0.5)  # drops all it judges
    assert [e.text for e in flt(_doc(text, names)).entities] == ["环卫车", "住宿和餐饮业", "新能源车险"]


def test_a_latin_or_quoted_company_after_a_kinship_cue_is_not_judged():
    """(mentions._framed_company) Alphabet旗下的Waymo, 辦公室旗下「Kuang Ming」 stay; 旗下Kymi纸浆厂 (a plant's head after
    it), 旗下太古坊 (no Latin or quoted name) and a Latin name after no cue go."""
    text = "Alphabet旗下的Waymo两家公司；辦公室旗下「Kuang Ming」入股；UPM旗下Kymi纸浆厂停产；地產旗下太古坊成為；另有Zoox公司"
    names = ["Waymo", "Kuang Ming", "Kymi", "太古坊", "Zoox"]
    d = _doc(text, [("COMPANY", n, "ner") for n in names])
    flt = MentionFilter({"bias": -5.0, "w": {}}, ("COMPANY",), ("ner",), 0.5)  # drops every candidate it judges
    assert [text[e.start:e.end] for e in flt(d).entities] == ["Waymo", "Kuang Ming"]
