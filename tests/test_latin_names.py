"""The learned type of Latin-script names (extract.stages.latin_names, extract.learn.latin_names)."""
import json
from pathlib import Path

import pytest

import extract
from extract.doc import Document, Relation
from extract.learn.latin_names import examples, fit_softmax, train_latin_typer
from extract.stages.latin_names import (NONE, TYPES, LatinTyper, features, is_latin, latin_runs, make_latin_typer,
                                        neighbour_types, span_index, softmax_probs)

ROOT = Path(__file__).resolve().parent.parent


def _doc(text, ents):
    d = Document(text)
    for typ, surface in ents:
        s = text.index(surface)
        d.entities.append(d.entity(typ, s, s + len(surface), source="ner"))
    return d


def test_is_latin_and_runs():
    assert is_latin("Ilya Sutskever") and is_latin("D.E. Shaw") and is_latin("AT&T") and is_latin("K12")
    assert not is_latin("2024") and not is_latin("SK海力士") and not is_latin("") and not is_latin(" AI")
    text = "由Coatue Management领投，D.E. Shaw、MGX跟投，融资2.5亿美元。"
    assert [text[s:e] for s, e in latin_runs(text)] == ["Coatue Management", "D.E. Shaw", "MGX"]


def test_features_read_the_name_and_the_gloss():
    text = "英伟达(Nvidia)与Nvidia合作"
    s = text.index("Nvidia")
    index = span_index([_doc(text, [("COMPANY", "英伟达")]).entities[0]])
    lt, rt = neighbour_types(text, index, s, s + 6)
    assert (lt, rt) == ("COMPANY", None)
    glossed = features(text, s, s + 6, lt, rt)
    assert glossed == features(text, s, s + 6, lt, rt)  # deterministic
    s2 = text.rindex("Nvidia")
    assert neighbour_types(text, index, s2, s2 + 6) == (None, None)
    plain = features(text, s2, s2 + 6)
    assert set(glossed) != set(plain) and set(glossed) & set(plain)  # the name is shared, its context is not


def test_examples_take_gold_types_and_other_latin_runs_as_none():
    rec = {"text": "Ilya Sutskever创立了SSI，发布iOS应用。",
           "entities": [{"start": 0, "end": 14, "type": "PERSON"}, {"start": 17, "end": 20, "type": "COMPANY"}]}
    classes = TYPES + (NONE,)
    got = sorted(classes[y] for _, y in examples(rec))
    assert got == ["COMPANY", "NONE", "PERSON"]  # iOS is no gold name


def _corpus():
    recs = []
    people = ["Ilya Sutskever", "Peter Thiel", "Pat Grady", "Alfred Lin", "Sam Altman", "Greg Brockman"]
    firms = ["Coatue Management", "Founders Fund", "Lightspeed Partners", "Sequoia Capital", "Fresco Capital",
             "Dragoneer Partners"]
    for p in people:
        t = f"创始人{p}表示，公司将继续扩张。"
        recs.append({"text": t, "entities": [{"start": 3, "end": 3 + len(p), "type": "PERSON"}]})
    for c in firms:
        t = f"本轮由{c}领投。"
        recs.append({"text": t, "entities": [{"start": 3, "end": 3 + len(c), "type": "COMPANY"}]})
    return recs


def test_training_learns_person_against_company(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _corpus()), encoding="utf-8")
    typer = train_latin_typer([gold], threshold=0.5, log=lambda m: None)
    d = _doc("创始人Ilya Sutskever表示，由Coatue Management领投。",
             [("COMPANY", "Ilya Sutskever"), ("PERSON", "Coatue Management")])
    out = typer(d)
    assert [e.type for e in out.entities] == ["PERSON", "COMPANY"]
    path = tmp_path / "latin.json"
    typer.save(path, {"trained_on": []})
    again = LatinTyper.load(path)
    assert (again.classes, again.threshold, again.drop_threshold) == (typer.classes, 0.5, typer.drop_threshold)
    ids = features(d.norm, 3, 17)
    assert softmax_probs(again.model, ids) == pytest.approx(softmax_probs(typer.model, ids))


def test_keep_pairs_threshold_and_drop():
    d = _doc("由Dealroom发布，iOS应用。", [("ORG", "Dealroom"), ("COMPANY", "iOS")])
    d.relations.append(Relation("in_industry", d.entities[1], d.entities[0]))
    classes = TYPES + (NONE,)
    to_company = {"bias": [5.0, 0, 0, 0, 0, 0], "w": {}}
    assert [e.type for e in LatinTyper(to_company, classes)(_copy(d)).entities] == ["COMPANY", "COMPANY"]
    kept = LatinTyper(to_company, classes, keep_pairs=[["ORG", "COMPANY"]])(_copy(d))
    assert [e.type for e in kept.entities] == ["ORG", "COMPANY"]
    unsure = LatinTyper({"bias": [0.1, 0, 0, 0, 0, 0], "w": {}}, classes, threshold=0.5)(_copy(d))
    assert [e.type for e in unsure.entities] == ["ORG", "COMPANY"]  # 0.18 < 0.5: nothing changes
    to_none = {"bias": [0, 0, 0, 0, 0, 5.0], "w": {}}
    assert len(LatinTyper(to_none, classes)(_copy(d)).entities) == 2  # dropping is off by default
    dropped = LatinTyper(to_none, classes, drop_threshold=0.9)(_copy(d))
    assert dropped.entities == [] and dropped.relations == []


def test_a_latin_name_with_a_firm_word_is_never_a_person():
    """latin_names _FIRM_WORD: Chroma Medicine is a COMPANY, Grand View Research an ORG, Peter Thiel stays a PERSON."""
    d = _doc("Chroma Medicine与Grand View Research及Peter Thiel", [("PERSON", "Chroma Medicine"),
                                                            ("PERSON", "Grand View Research"), ("PERSON", "Peter Thiel")])
    to_person = {"bias": [0, 0, 5.0, 0, 0, 0], "w": {}}
    out = LatinTyper(to_person, TYPES + (NONE,))(d)
    assert [(e.text, e.type) for e in out.entities] == [("Chroma Medicine", "COMPANY"), ("Grand View Research", "ORG"),
                                                        ("Peter Thiel", "PERSON")]


def test_airlines_resorts_and_llp_are_firm_words_too():
    """latin_names _FIRM_WORD (session 51): Japan Airlines, Wynn Resorts, Wiley Rein LLP are COMPANYs, never PERSONs."""
    d = _doc("Japan Airlines与Wynn Resorts及Wiley Rein LLP", [("PERSON", "Japan Airlines"), ("PERSON", "Wynn Resorts"),
                                                          ("PERSON", "Wiley Rein LLP")])
    out = LatinTyper({"bias": [0, 0, 5.0, 0, 0, 0], "w": {}}, TYPES + (NONE,))(d)
    assert [e.type for e in out.entities] == ["COMPANY", "COMPANY", "COMPANY"]


def _copy(d):
    out = Document(d.text)
    for e in d.entities:
        out.entities.append(out.entity(e.type, e.start, e.end, source=e.source))
    if d.relations:
        out.relations.append(Relation(d.relations[0].type, out.entities[1], out.entities[0]))
    return out


def test_fit_softmax_separates_two_classes():
    data = [([1, 2], 0)] * 5 + [([3, 4], 1)] * 5
    m = fit_softmax(data, 2, epochs=100)
    assert softmax_probs(m, [1, 2])[0] > 0.9 and softmax_probs(m, [3, 4])[1] > 0.9


def test_component_errors_name_the_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="latin_typer.v1: no weights file"):
        make_latin_typer(None, path=str(tmp_path / "nope.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"model": "other"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a latintyper"):
        LatinTyper.load(bad)


def test_uncovered_latin_runs_become_names_at_the_add_threshold():
    classes = TYPES + (NONE,)
    text = "加密货币交易所Coinbase公布财报，Google回应。"
    d = _doc(text, [("COMPANY", "Google")])
    sure = {"bias": [5.0, 0, 0, 0, 0, 0], "w": {}}  # everything a COMPANY, p ~ 0.97
    off = LatinTyper(sure, classes)(_copy1(d))
    assert [e.text for e in off.entities] == ["Google"]  # adding is off by default
    on = LatinTyper(sure, classes, add_threshold=0.5)(_copy1(d))
    assert [(e.text, e.type, e.source) for e in on.entities] == [("Coinbase", "COMPANY", "latin"),
                                                                  ("Google", "COMPANY", "ner")]
    unsure = {"bias": [0.0, 0, 0, 0, 0, 5.0], "w": {}}  # NONE wins: nothing added
    assert [e.text for e in LatinTyper(unsure, classes, add_threshold=0.5)(_copy1(d)).entities] == ["Google"]


def _copy1(d):
    out = Document(d.text)
    for e in d.entities:
        out.entities.append(out.entity(e.type, e.start, e.end, source=e.source))
    return out


def test_uncovered_runs_are_added_without_any_other_latin_name_and_never_as_a_model_number():
    """A document with no Latin-script entity still gets its uncovered runs typed (the typer once returned
    early there); a run ending in a model number (vivo X200) is a product, never a COMPANY."""
    classes = TYPES + (NONE,)
    sure = {"bias": [5.0, 0, 0, 0, 0, 0], "w": {}}
    d = _doc("加密货币交易所Coinbase公布财报，新机vivo X200上市。", [])
    on = LatinTyper(sure, classes, add_threshold=0.5)(_copy1(d))
    assert [(e.text, e.type) for e in on.entities] == [("Coinbase", "COMPANY")]
    # nor a product named by what follows it (DeepSeek应用, DeepSeek满血版), as entity_filter decides for the NER
    d = _doc("Coinbase接入DeepSeek应用，DeepSeek满血版上线。", [])
    on = LatinTyper(sure, classes, add_threshold=0.5)(_copy1(d))
    assert [(e.text, e.type) for e in on.entities] == [("Coinbase", "COMPANY")]


def test_listed_terms_are_never_names():
    from extract.doc import Document
    from extract.pipeline import load
    typer = load().get_pipe("latin_typer")
    text = "该基金投资了多只ETF，LP出资意愿下降。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("COMPANY", 8, 11, source="ner"), d.entity("COMPANY", 12, 14, source="ner")]
    typer(d)
    assert [e.text for e in d.entities] == []


def test_listed_terms_the_ner_reads_as_names_are_dropped():
    """(entity_filter.v1) 北水 is southbound money, not a company, wherever the NER tags it."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    text = "北水本月累计流入199亿元。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("COMPANY", 0, 2, source="ner")]
    make_entity_filter(None)(d)
    assert d.entities == []


def test_caijing_alone_is_no_body():
    """(entity_filter.v1) 【財經觀察】: 财经 alone is a section word (not_names.json terms), not an ORG."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    from extract.textnorm import normalize
    text = "【財經觀察】投資者尋找下一隻商湯"
    d = Document(text)
    d.norm = normalize(text)[0]
    d.entities = [d.entity("ORG", 1, 3, source="ner")]
    make_entity_filter(None)(d)
    assert d.entities == []


def test_listed_terms_are_no_place_either():
    """(entity_filter.v1) 北水 tagged LOC is southbound money too: dropped (0 of 31 gold occurrences is an entity)."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    text = "港股重获北水净买入支持。"
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("LOC", 4, 6, source="ner")]
    make_entity_filter(None)(d)
    assert d.entities == []


@pytest.mark.parametrize("text, start, end", [("跑赢MSCI中国指数0.9%。", 6, 8), ("富时中国A股自由现金流聚焦指数", 2, 4),
                                               ("纳斯达克金龙中国指数涨超2.9%", 6, 8)])
def test_a_place_after_an_index_compiler_is_no_loc(text, start, end):
    """(entity_filter.v1) MSCI中国指数: the place is part of the index's name (0 of 20 such places gold entities)."""
    from extract.doc import Document
    from extract.stages.basic import make_entity_filter
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("LOC", start, end, source="ner")]
    make_entity_filter(None)(d)
    assert d.entities == []


@pytest.mark.parametrize("text, type_, phrase", [
    ("scaling law", "COMPANY", True), ("fiduciary duty", "ORG", True), ("a16z", "COMPANY", False),
    ("I still have the Lion Rock Spirit", "PERSON", True), ("Co-founder and CBO", "PERSON", True),
    ("Dario Amodei", "PERSON", False), ("Jean-Claude van Damme", "PERSON", False),
    ("Trust Indenture of the John S Simoni Living Trust", "COMPANY", False),  # a firm's name may hold "of the"
])
def test_a_latin_phrase_is_no_name(text, type_, phrase):
    from extract.stages.basic import latin_phrase
    assert latin_phrase(text, type_) is phrase


def test_every_mention_of_a_latin_name_takes_one_type():
    """One name, one reading: the typer averages the probabilities of a name's mentions, so one clear context (创始人…)
    turns all three COMPANY mentions of Bruno Arboit PERSON, not one of them (which one_type would then vote back)."""
    from extract.doc import Document
    from extract.stages.hashing import slot_hasher
    from extract.stages.latin_names import DIM, LatinTyper
    h = slot_hasher(DIM)
    text = "创始人Bruno Arboit表示，Bruno Arboit。Bruno Arboit。"
    model = {"bias": [0.0, 0.0, -9.0], "w": {h("l1=人"): [0.0, 5.0, 0.0], h("l1=，"): [0.5, 0.0, 0.0],
                                            h("l1=。"): [0.5, 0.0, 0.0]}}
    typer = LatinTyper(model, classes=("COMPANY", "PERSON", "NONE"))
    d = Document(text)
    d.norm = text
    d.entities = [d.entity("COMPANY", m, m + 12, source="ner") for m in (3, 18, 31)]
    typer(d)
    assert [e.type for e in d.entities] == ["PERSON", "PERSON", "PERSON"]


def test_bare_ai_before_a_device_or_an_era_is_not_added_as_a_sector():
    # not_names.json ai_technology_after (AI终端, AI玩具, AI时代): the typer adds no INDUSTRY there, as entity_filter decides
    classes = TYPES + (NONE,)
    text = "看好AI玩具落地，AI时代来临，AI行业增长。"
    industry = {"bias": [0, 0, 0, 0, 5.0, 0], "w": {}}  # everything an INDUSTRY
    out = LatinTyper(industry, classes, add_threshold=0.5)(_doc(text, []))
    assert [(e.text, e.start) for e in out.entities] == [("AI", text.index("AI行业"))]


def test_the_typer_adds_no_sector_before_an_occasion_or_after_a_non_sector_word():
    # not_names.json occasion_after (AI专家, AI峰会) and superlative/possessor/deploy_before (公司的AI, 部署AI): as entity_filter
    classes = TYPES + (NONE,)
    text = "AI专家表示，该公司的AI能力领先，部署AI，AI行业增长。"
    industry = {"bias": [0, 0, 0, 0, 5.0, 0], "w": {}}
    out = LatinTyper(industry, classes, add_threshold=0.5)(_doc(text, []))
    assert [(e.text, e.start) for e in out.entities] == [("AI", text.index("AI行业"))]


def test_an_uncovered_latin_run_after_a_kinship_cue_is_a_company():
    """(_after_kinship_cue) 软银旗下的LY Corp., 名创旗下Toptoy: a company, whatever the model prefers; not a run cut at a
    bracket (旗下PD-(L)1产品), one before a plant's head (旗下Kymi纸浆厂) or one after no cue (Zoox)."""
    classes = TYPES + (NONE,)
    text = "软银旗下的LY Corp.、名创旗下Toptoy全球旗舰店，旗下PD-(L)1产品，旗下Kymi纸浆厂，另有Zoox上市。"
    unsure = {"bias": [0.0, 0, 0, 0, 0, 5.0], "w": {}}  # NONE wins everywhere
    out = LatinTyper(unsure, classes, add_threshold=0.5)(_doc(text, []))
    assert [(e.text, e.type) for e in out.entities] == [("LY Corp.", "COMPANY"), ("Toptoy", "COMPANY")]


def test_a_latin_given_name_and_surname_after_a_title_is_a_person():
    """(_titled_latin_persons, session 53) 首席技术官Yigal Elbaz typed COMPANY, 创始人和CEO Dario Amodei read as one run,
    高層Eric Liang missed: PERSONs; a firm word (首席执行官Grand View Research) or no title (投资Peter Thiel) keeps it out."""
    classes = TYPES + (NONE,)
    text = "首席技术官Yigal Elbaz称，创始人和CEO Dario Amodei发文，高層Eric Liang作為總監，首席执行官Grand View Research，投资Peter Thiel，主播Auronplay。"
    d = _doc(text, [("COMPANY", "Yigal Elbaz"), ("COMPANY", "CEO Dario Amodei"), ("COMPANY", "Auronplay")])
    company = {"bias": [5.0, 0, 0, 0, 0, 0], "w": {}}  # everything a COMPANY, nothing added below 0.99
    out = LatinTyper(company, classes, add_threshold=0.99)(d)
    assert [(e.text, e.type) for e in out.entities] == [("Yigal Elbaz", "PERSON"), ("Dario Amodei", "PERSON"),
                                                        ("Eric Liang", "PERSON"), ("Auronplay", "PERSON")]


def test_a_latin_name_ending_in_a_body_word_is_an_org_not_a_company():
    """latin_names _BODY_END (session 54): Gainey Foundation and World Gold Council are ORGs, not COMPANYs; Lam Research
    (Research is no body ending) stays a COMPANY."""
    d = _doc("Gainey Foundation与World Gold Council及Lam Research", [("COMPANY", "Gainey Foundation"),
                                                                   ("COMPANY", "World Gold Council"),
                                                                   ("COMPANY", "Lam Research")])
    to_company = {"bias": [5.0 if c == "COMPANY" else 0 for c in TYPES + (NONE,)], "w": {}}
    out = LatinTyper(to_company, TYPES + (NONE,))(d)
    assert [(e.text, e.type) for e in out.entities] == [("Gainey Foundation", "ORG"), ("World Gold Council", "ORG"),
                                                        ("Lam Research", "COMPANY")]


def test_a_latin_body_name_is_an_org():
    from extract.stages.latin_names import latin_body
    text = "Gainey Foundation持股，World Gold Council称，Lam Research涨"
    assert latin_body(text, 0, 17) and latin_body(text, 20, 38)
    assert not latin_body(text, 40, 52)  # Research: a firm's word too
