"""Validator, stats and CLI of extract.io.annotations, on small hand-made records."""
import copy
import json

import pytest

from extract.io.annotations import (Problem, format_stats, main, stats, validate_files, validate_record,
                                 validate_records)

TEXT = ("2024年，上海澜起科技股份有限公司完成超15亿元C轮融资，由深创投领投。"
        "上海集成电路企业数量位居全国第一。图表残留 12 34 56")


def at(sub, nth=0, text=TEXT):
    """(start, end) of the nth occurrence of ``sub`` in the text."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def ent(id, type, sub, nth=0, within=TEXT, **attrs):
    s, e = at(sub, nth, within)
    return {"id": id, "type": type, "start": s, "end": e, "text": sub, "attrs": {"norm": sub, **attrs}}


def span(sub, nth=0, **kw):
    s, e = at(sub, nth)
    return {"start": s, "end": e, "text": sub, **kw}


def good_record():
    return {
        "id": "001_test",
        "text": TEXT,
        "entities": [
            ent("E1", "DATE", "2024年"),
            ent("E2", "COMPANY", "上海澜起科技股份有限公司"),
            ent("E3", "FIGURE", "超15亿元", value=1.5e9, unit="元", qualifier="more_than"),
            ent("E4", "COMPANY", "深创投"),
            ent("E5", "LOC", "上海", 1),
            ent("E6", "INDUSTRY", "集成电路"),
            ent("E7", "RANK", "全国第一", rank=1, scope="全国"),
        ],
        "relations": [{"type": "invested_in", "head": "E4", "tail": "E2"},
                      {"type": "in_industry", "head": "E2", "tail": "E6"}],
        "events": [{"id": "V1", "type": "FUNDING", "trigger": span("融资"),
                    "arguments": [{"role": "company", "ref": "E2"}, {"role": "amount", "ref": "E3"},
                                  {"role": "round", **span("C轮", attrs={"round": "C"})},
                                  {"role": "lead_investor", "ref": "E4"}, {"role": "date", "ref": "E1"}]}],
        "facts": [{"id": "F1", "type": "RANKING", "subject": "E5", "value": "E7",
                   "metric": span("集成电路企业数量"), "date": "E1"},
                  {"id": "F2", "type": "METRIC", "subject": None, "value": "E3", "metric": span("融资"),
                   "date": None}],
        "ignore": [{"start": at("图表残留")[0], "end": len(TEXT)}],
    }


def test_good_record_has_no_problems():
    assert validate_record(good_record(), "gold.jsonl", 1) == []


def test_problem_line_names_file_line_doc_and_entity():
    rec = good_record()
    del rec["entities"][2]["attrs"]["unit"]
    (p,) = validate_record(rec, "gold.jsonl", 3)
    s, e = at("超15亿元")
    assert str(p) == f"gold.jsonl:3: doc 001_test: entity E3 (FIGURE {s}:{e} '超15亿元'): missing attrs.unit"
    assert (p.path, p.line, p.doc, p.code) == ("gold.jsonl", 3, "001_test", "attrs")


def _set(path, value):
    """A mutation that sets rec[path...] = value (None value with delete=True removes it)."""
    def f(rec):
        obj = rec
        for k in path[:-1]:
            obj = obj[k]
        obj[path[-1]] = value
    return f


def _del(path):
    def f(rec):
        obj = rec
        for k in path[:-1]:
            obj = obj[k]
        del obj[path[-1]]
    return f


def _append(path, value):
    def f(rec):
        obj = rec
        for k in path:
            obj = obj[k]
        obj.append(value)
    return f


# (name, mutation, code, substring of the printed problem)
CASES = [
    ("missing key", _del(["events"]), "shape", "missing key 'events'"),
    ("list type", _set(["entities"], {}), "shape", "'entities' must be list"),
    ("id type", _set(["id"], 7), "shape", "'id' must be str"),
    ("entity offset", _set(["entities", 1, "start"], 7), "offset", "entity E2 (COMPANY 7:"),
    ("entity outside", _set(["entities", 6, "end"], 999), "offset", "outside the text"),
    ("entity start not int", _set(["entities", 0, "start"], "0"), "shape", "start must be an integer"),
    ("trigger offset", _set(["events", 0, "trigger", "text"], "融資"), "offset", "event V1: trigger text '融資'"),
    ("round span offset", _set(["events", 0, "arguments", 2, "text"], "D轮"), "offset",
     "event V1 argument #3 (round): text 'D轮'"),
    ("metric offset", _set(["facts", 0, "metric", "end"], at("集成电路企业数量")[1] + 1), "offset",
     "fact F1 (RANKING): metric text"),
    ("duplicate entity id", _set(["entities", 3, "id"], "E2"), "id", "id 'E2' is used more than once"),
    ("event id = entity id", _set(["events", 0, "id"], "E1"), "id", "event E1: id 'E1' is used more than once"),
    ("unknown head", _set(["relations", 0, "head"], "E99"), "ref",
     "relation #1 (invested_in E99→E2): head 'E99' is not an entity id"),
    ("tail type", _set(["relations", 1, "tail"], "E5"), "type", "tail E5 is LOC, must be INDUSTRY"),
    ("head type", _append(["relations"], {"type": "located_in", "head": "E6", "tail": "E5"}), "type",
     "head E6 is INDUSTRY, must be COMPANY or ORG"),
    ("duplicate relation", _append(["relations"], {"type": "invested_in", "head": "E4", "tail": "E2"}), "ref",
     "duplicate relation"),
    ("unknown relation type", _set(["relations", 0, "type"], "invests"), "type", "unknown relation type 'invests'"),
    ("role type", _set(["events", 0, "arguments", 0, "ref"], "E5"), "type",
     "argument #1 (company): ref E5 is LOC, must be COMPANY"),
    ("amount type", _set(["events", 0, "arguments", 1, "ref"], "E7"), "type", "ref E7 is RANK, must be FIGURE"),
    ("argument ref missing", _set(["events", 0, "arguments", 3, "ref"], "E42"), "ref",
     "argument #4 (lead_investor): ref 'E42' is not an entity id"),
    ("unknown role", _set(["events", 0, "arguments", 0, "role"], "target"), "type", "unknown role 'target'"),
    ("round attrs missing", _set(["events", 0, "arguments", 2, "attrs"], {}), "attrs", "missing attrs.round"),
    ("round not allowed", _set(["events", 0, "arguments", 2, "attrs"], {"round": "C轮"}), "attrs",
     "attrs.round 'C轮' is not one of"),
    ("round as ref", _set(["events", 0, "arguments", 2], {"role": "round", "ref": "E3"}), "ref",
     "role round is a span"),
    ("company as span", _set(["events", 0, "arguments", 0], {"role": "company", **span("深创投")}), "ref",
     "role company must refer to a COMPANY entity"),
    ("unknown event type", _set(["events", 0, "type"], "IPO"), "type", "unknown event type 'IPO'"),
    ("METRIC value RANK", _set(["facts", 1, "value"], "E7"), "type", "fact F2 (METRIC): value E7 is RANK, must be FIGURE"),
    ("RANKING value FIGURE", _set(["facts", 0, "value"], "E3"), "type", "value E3 is FIGURE, must be RANK"),
    ("fact date type", _set(["facts", 0, "date"], "E5"), "type", "date E5 is LOC, must be DATE"),
    ("RANKING without subject", _set(["facts", 0, "subject"], None), "ref", "fact F1 (RANKING): subject is missing"),
    ("subject is a figure", _set(["facts", 1, "subject"], "E3"), "type", "subject E3 is a FIGURE"),
    ("fact value unknown", _set(["facts", 1, "value"], "E0"), "ref", "value 'E0' is not an entity id"),
    ("metric missing", _set(["facts", 1, "metric"], None), "shape", "missing metric span"),
    ("position on METRIC", _set(["facts", 1, "position"], 2), "shape", "position is only for RANKING"),
    ("position zero", _set(["facts", 0, "position"], 0), "shape", "position must be an int ≥ 1"),
    ("unknown fact type", _set(["facts", 0, "type"], "SHARE"), "type", "unknown fact type 'SHARE'"),
    ("norm missing", _del(["entities", 0, "attrs", "norm"]), "attrs", "entity E1 (DATE 0:5 '2024年'): missing attrs.norm"),
    ("attrs missing", _del(["entities", 3, "attrs"]), "attrs", "entity E4 (COMPANY"),
    ("unknown entity type", _set(["entities", 3, "type"], "FIRM"), "type", "unknown entity type 'FIRM'"),
    ("figure value type", _set(["entities", 2, "attrs", "value"], "15亿"), "attrs", "attrs.value must be a number"),
    ("qualifier", _set(["entities", 2, "attrs", "qualifier"], "over"), "attrs", "attrs.qualifier 'over' is not one of"),
    ("range min/max", _set(["entities", 2, "attrs", "qualifier"], "range"), "attrs",
     "missing attrs.min (required for qualifier range)"),
    ("rank or top", _del(["entities", 6, "attrs", "rank"]), "attrs", "missing attrs.rank or attrs.top"),
    ("rank zero", _set(["entities", 6, "attrs", "rank"], 0), "attrs", "attrs.rank must be an int"),
    ("rank scope", _del(["entities", 6, "attrs", "scope"]), "attrs", "missing attrs.scope"),
    ("overlap", _append(["entities"], ent("E8", "LOC", "上海")), "overlap",
     "entity E8 (LOC 6:8 '上海'): overlaps entity E2 (COMPANY"),
    ("duplicate span", _append(["entities"], ent("E8", "ORG", "深创投")), "overlap", "duplicates entity E4"),
    ("ignore outside", _set(["ignore", 0, "end"], len(TEXT) + 5), "ignore", "region is outside the text"),
    ("ignore reversed", _set(["ignore", 0], {"start": 10, "end": 3}), "ignore", "ignore #1 (10:3)"),
    ("error record with entities", _set(["error"], "could not decode"), "shape", "a record with 'error'"),
]


@pytest.mark.parametrize("name,mutate,code,expected", CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_problem(name, mutate, code, expected):
    rec = good_record()
    mutate(rec)
    problems = [p for p in validate_record(rec, "gold.jsonl", 5) if p.severity == "error"]
    assert problems, f"{name}: no problem found"
    texts = [str(p) for p in problems]
    assert any(expected in t for t in texts), texts
    hit = next(p for p in problems if expected in str(p))
    assert hit.code == code
    assert str(hit).startswith("gold.jsonl:5: ")
    if name not in ("id type",):
        assert "doc 001_test" in str(hit)


def test_unknown_key_is_a_warning():
    rec = good_record()
    rec["annotator"] = "A"
    (p,) = validate_record(rec, "g.jsonl", 1)
    assert p.severity == "warning" and "unknown key 'annotator'" in str(p)


def test_vague_figure_needs_value_equal_min():
    rec = good_record()
    rec["entities"][2]["attrs"].update(qualifier="vague", min=2e8, max=9e8, value=5e8)
    (p,) = validate_record(rec, "g.jsonl", 1)
    assert "attrs.value 500000000.0 must equal attrs.min 200000000.0" in str(p)
    rec["entities"][2]["attrs"]["value"] = 2e8
    assert validate_record(rec, "g.jsonl", 1) == []


def test_error_record_with_empty_lists_is_fine():
    rec = {"id": "9", "text": "", "entities": [], "relations": [], "events": [], "facts": [],
           "error": "UnicodeDecodeError: not GBK"}
    assert validate_record(rec) == []


def test_malformed_line_names_file_and_line_and_validation_goes_on(tmp_path):
    bad = good_record()
    bad["id"] = "002_b"
    bad["entities"][0]["text"] = "2025年"
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(good_record(), ensure_ascii=False) + "\n"
                 + '{"id": "x", "text": \n'
                 + "\n"
                 + json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    problems = validate_files([f])
    assert [p.line for p in problems] == [2, 4]
    assert str(problems[0]).startswith(f"{f}:2: malformed JSON")
    assert str(problems[1]).startswith(f"{f}:4: doc 002_b: entity E1 (DATE 0:5 '2025年'): text '2025年'")


def test_duplicate_document_ids():
    pairs = [(1, good_record()), (2, good_record())]
    (p,) = validate_records(pairs, "gold.jsonl")
    assert str(p) == "gold.jsonl:2: doc 001_test: duplicate document id (first at line 1)"


def test_label_studio_export_is_validated_with_task_index(tmp_path):
    from extract.io.formats import to_label_studio
    recs = [good_record(), good_record()]
    recs[1]["id"] = "002"
    tasks = to_label_studio(recs)
    tasks[1]["annotations"][0]["result"][0]["value"]["text"] = "2023年"
    f = tmp_path / "export.json"
    f.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    problems = validate_files([f])
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{f}: #1: ")
    assert "region 'E1' (DATE)" in str(problems[0]) and "'2023年'" in str(problems[0])


def test_folder_of_files(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(good_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    rec = good_record()
    rec["id"] = "b"
    rec["relations"][0]["type"] = "owns"
    (tmp_path / "b.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (p,) = validate_files([tmp_path])
    assert p.path.endswith("b.jsonl") and p.line == 1 and "unknown relation type 'owns'" in p.message


def test_stats_on_hand_made_record():
    rec2 = {"id": "2", "text": "上海", "entities": [ent("E1", "LOC", "上海")], "relations": [], "events": [],
            "facts": [], "ignore": [{"start": 0, "end": 1}, {"start": 0, "end": 2}]}
    st = stats([good_record(), rec2])
    assert st["documents"] == 2
    assert st["characters"] == len(TEXT) + 2
    assert st["entity_types"] == {"COMPANY": 2, "LOC": 2, "INDUSTRY": 1, "DATE": 1, "FIGURE": 1, "RANK": 1}
    assert list(st["entity_types"]) == ["COMPANY", "LOC", "INDUSTRY", "DATE", "FIGURE", "RANK"]  # SCHEMA order
    assert st["entities"] == 8
    assert st["relation_types"] == {"in_industry": 1, "invested_in": 1}
    assert st["events"] == 1
    assert st["argument_roles"] == {"company": 1, "amount": 1, "round": 1, "lead_investor": 1, "date": 1}
    assert st["fact_types"] == {"METRIC": 1, "RANKING": 1}
    assert st["facts_with_position"] == {} and st["facts_with_date"] == {"RANKING": 1}
    assert st["ignore_regions"] == 3
    assert st["ignored_characters"] == (len(TEXT) - at("图表残留")[0]) + 2  # overlapping regions counted once
    table = format_stats(st)
    assert "documents" in table and "  argument round" in table and "  RANKING" in table


def test_stats_counts_positions():
    rec = good_record()
    rec["facts"][0]["position"] = 1
    assert stats([rec])["facts_with_position"] == {"RANKING": 1}


def test_cli_validate_and_stats(tmp_path, capsys):
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(good_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["annotations", "validate", str(f)]) == 0
    assert "0 errors, 0 warnings in 1 records: OK" in capsys.readouterr().err
    rec = good_record()
    rec["entities"][1]["attrs"] = {}
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["annotations", "validate", str(f)]) == 1
    out = capsys.readouterr()
    assert f"{f}:1: doc 001_test: entity E2" in out.out and "missing attrs.norm" in out.out
    assert "1 errors" in out.err
    assert main(["annotations", "stats", "--json", str(f)]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["documents"] == 1 and st["entities"] == 7


def test_cli_convert_round_trip(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(good_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    ls = tmp_path / "ls.json"
    assert main(["annotations", "convert", str(f), str(ls), "--to", "label-studio"]) == 0
    back = tmp_path / "back.jsonl"
    assert main(["annotations", "convert", str(ls), str(back), "--to", "jsonl"]) == 0
    assert json.loads(back.read_text(encoding="utf-8")) == good_record()


def test_problem_without_line_uses_index():
    p = Problem("export.json", None, "7", "entity X", "boom", index=3)
    assert str(p) == "export.json: #3: doc 7: entity X: boom"


def test_stats_survive_malformed_records():
    st = stats([{"id": "x", "text": "上海", "entities": {"E1": 1}, "events": [None], "facts": "none"}])
    assert st["documents"] == 1 and st["entities"] == 0 and st["events"] == 0


def test_import_error_code(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"text": "上海", "labels": [[0, 3, "LOC"]]}\n', encoding="utf-8")
    (p,) = validate_files([f])
    assert p.code == "import" and p.line == 1 and "span 0:3 is outside the text" in p.message


# ------------------------------------------------------------ boundaries: touching is not overlapping
def _two_entities(a, b, ignore=()):
    text = "上海北京深圳"
    rec = {"id": "t", "text": text, "entities": [
        {"id": "E1", "type": "LOC", "start": a[0], "end": a[1], "text": text[a[0]:a[1]],
         "attrs": {"norm": text[a[0]:a[1]]}},
        {"id": "E2", "type": "LOC", "start": b[0], "end": b[1], "text": text[b[0]:b[1]],
         "attrs": {"norm": text[b[0]:b[1]]}}],
        "relations": [], "events": [], "facts": []}
    if ignore:
        rec["ignore"] = [{"start": s, "end": e} for s, e in ignore]
    return rec


def test_touching_entities_and_regions_are_not_overlaps():
    assert validate_record(_two_entities((0, 2), (2, 4)), "g.jsonl", 1) == []
    assert validate_record(_two_entities((0, 2), (2, 4), ignore=[(0, 2), (2, 4)]), "g.jsonl", 1) == []


def test_entities_sharing_one_character_overlap():
    (p,) = validate_record(_two_entities((0, 3), (2, 4)), "g.jsonl", 1)
    assert "overlaps" in str(p) and p.severity == "error"
    (w,) = validate_record(_two_entities((0, 2), (2, 4), ignore=[(0, 3), (2, 4)]), "g.jsonl", 1)
    assert "overlaps" in str(w) and w.severity == "warning"
