"""Converters (Label Studio, doccano), the format-detecting reader and the datasets views."""
import copy
import json
import warnings

import pytest

from extract.io import formats as F
from extract.io.annotations import validate_record
from extract.io.formats import AlignmentWarning, FormatError

from test_annotations import TEXT, at, ent, good_record


# ------------------------------------------------------------ Label Studio
def test_label_studio_round_trip_is_lossless():
    rec = good_record()
    tasks = F.to_label_studio([rec])
    assert F.from_label_studio(json.loads(json.dumps(tasks))) == [rec]


def test_label_studio_task_shape():
    (task,) = F.to_label_studio([good_record()])
    res = task["annotations"][0]["result"]
    labels = [r for r in res if r["type"] == "labels"]
    rels = [r for r in res if r["type"] == "relation"]
    fig = next(r for r in labels if r["id"] == "E3")
    assert fig["value"] == {"start": at("超15亿元")[0], "end": at("超15亿元")[1], "text": "超15亿元", "labels": ["FIGURE"]}
    assert fig["from_name"] == "label" and fig["to_name"] == "text"
    assert json.loads(fig["meta"]["text"][0]) == {"norm": "超15亿元", "value": 1.5e9, "unit": "元",
                                                  "qualifier": "more_than"}
    assert {"from_id": "E4", "to_id": "E2", "type": "relation", "direction": "right",
            "labels": ["invested_in"]} in rels
    assert task["data"]["doc_id"] == "001_test" and task["data"]["zhie"]["events"][0]["id"] == "V1"
    pred = F.to_label_studio([good_record()], as_predictions=True)[0]
    assert "annotations" not in pred and pred["predictions"][0]["result"] == res


def test_label_studio_ui_export_fills_norm_and_reads_relations():
    # as exported by Label Studio after annotating by hand: random region ids, no meta
    text = "臺積電在臺灣新竹設廠，獲國家發展基金投資。"
    task = {"id": 17, "data": {"text": text}, "annotations": [
        {"was_cancelled": True, "result": []},
        {"result": [
            {"id": "aB3x", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 3, "text": "臺積電", "labels": ["COMPANY"]}},
            {"id": "Qz_9", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 4, "end": 8, "text": "臺灣新竹", "labels": ["LOC"]},
             "meta": {"text": ["新竹科學園區所在"]}},
            {"from_id": "Qz_9", "to_id": "aB3x", "type": "relation", "direction": "left",
             "labels": ["located_in"]},
        ]}]}
    (rec,) = F.from_label_studio([task])
    assert rec["id"] == "17"
    assert [(e["id"], e["type"], e["text"]) for e in rec["entities"]] == [("aB3x", "COMPANY", "臺積電"),
                                                                        ("Qz_9", "LOC", "臺灣新竹")]
    assert rec["entities"][1]["attrs"] == {"norm": "台湾新竹", "note": "新竹科學園區所在"}
    assert rec["entities"][0]["attrs"]["norm"] == "台积电"
    assert rec["relations"] == [{"type": "located_in", "head": "aB3x", "tail": "Qz_9"}]  # direction left
    (rec2,) = F.from_label_studio([task], renumber_ids=True)
    assert [e["id"] for e in rec2["entities"]] == ["E1", "E2"]
    assert rec2["relations"] == [{"type": "located_in", "head": "E1", "tail": "E2"}]


def test_label_studio_renumber_updates_event_and_fact_refs():
    rec = good_record()
    tasks = F.to_label_studio([rec])
    for item in tasks[0]["annotations"][0]["result"]:  # ids as Label Studio makes them
        if item["type"] == "labels":
            item["id"] = "ls_" + item["id"]
        else:
            item["from_id"], item["to_id"] = "ls_" + item["from_id"], "ls_" + item["to_id"]
    for ev in tasks[0]["data"]["zhie"]["events"]:
        for a in ev["arguments"]:
            if "ref" in a:
                a["ref"] = "ls_" + a["ref"]
    for f in tasks[0]["data"]["zhie"]["facts"]:
        for k in ("subject", "value", "date"):
            if f[k]:
                f[k] = "ls_" + f[k]
    (back,) = F.from_label_studio(tasks, renumber_ids=True)
    assert back == rec


def test_label_studio_offset_error_names_file_task_and_region(tmp_path):
    tasks = F.to_label_studio([good_record(), good_record()])
    tasks[1]["annotations"][0]["result"][1]["value"]["start"] += 1
    f = tmp_path / "export.json"
    f.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError) as e:
        list(F.read_records(f))
    msg = str(e.value)
    assert msg.startswith(f"{f}: task #1: doc 001_test: result #1: region 'E2' (COMPANY)")
    assert "has text '上海澜起科技股份有限公司' but the document has" in msg


@pytest.mark.parametrize("item,expected", [
    ({"from_id": "E4", "to_id": "nope", "type": "relation", "labels": ["invested_in"]}, "refers to region 'nope'"),
    ({"from_id": "E4", "to_id": "E2", "type": "relation", "labels": []}, "has no label"),
    ({"id": "X", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["LOC", "ORG"]}},
     "exactly one entity type"),
    ({"id": "E1", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["LOC"]}}, "region id 'E1' used twice"),
])
def test_label_studio_bad_results(item, expected):
    (task,) = F.to_label_studio([good_record()])
    task["annotations"][0]["result"].append(item)
    with pytest.raises(FormatError, match=expected):
        F.from_label_studio([task], source="export.json")


def test_label_studio_utf16_offsets_are_converted():
    text = "𠀋公司獲得融資，上海澜起完成C轮"  # an astral character first: JavaScript counts it twice
    s = text.index("上海澜起")
    task = {"data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": s + 1, "end": s + 5, "text": "上海澜起", "labels": ["COMPANY"]}}]}]}
    (rec,) = F.from_label_studio([task])
    assert (rec["entities"][0]["start"], rec["entities"][0]["end"]) == (s, s + 4)


def test_label_studio_config_lists_types():
    cfg = F.label_studio_config()
    assert '<Label value="FIGURE"/>' in cfg and '<Relation value="located_in"/>' in cfg
    assert 'name="label" toName="text"' in cfg


# ------------------------------------------------------------------ doccano
@pytest.mark.parametrize("style", ["entities", "labels"])
def test_doccano_round_trip_is_lossless(style):
    rec = good_record()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lines = F.to_doccano([rec], style=style)
    assert F.from_doccano(json.loads(json.dumps(lines))) == [rec]


def test_doccano_newer_format_shape():
    (line,) = F.to_doccano([good_record()])
    assert line["entities"][1] == {"id": 2, "start_offset": at("上海澜起科技股份有限公司")[0],
                                   "end_offset": at("上海澜起科技股份有限公司")[1], "label": "COMPANY"}
    assert line["relations"][0] == {"id": 1, "from_id": 4, "to_id": 2, "type": "invested_in"}
    assert line["zhie"]["entity_ids"]["%d:%d:COMPANY" % at("上海澜起科技股份有限公司")] == "E2"


def test_doccano_plain_files_without_zhie():
    text = "苏州工业园区的信达生物获得高瓴资本投资。"
    old = {"id": 3, "text": text, "label": [[7, 11, "COMPANY"], [0, 6, "LOC"]]}
    new = {"id": 4, "text": text, "entities": [
        {"id": 31, "start_offset": 7, "end_offset": 11, "label": "COMPANY"},
        {"id": 30, "start_offset": 13, "end_offset": 17, "label": "COMPANY"},
        {"id": 29, "start_offset": 0, "end_offset": 6, "label": "LOC"}],
        "relations": [{"id": 5, "from_id": 30, "to_id": 31, "type": "invested_in"},
                      {"id": 6, "from_id": 31, "to_id": 29, "type": "located_in"}]}
    r_old, r_new = F.from_doccano([old, new])
    assert r_old["id"] == "3"
    assert [(e["id"], e["text"]) for e in r_old["entities"]] == [("E2", "苏州工业园区"), ("E1", "信达生物")]
    by_text = {e["text"]: e["id"] for e in r_new["entities"]}
    assert r_new["relations"] == [{"type": "invested_in", "head": by_text["高瓴资本"], "tail": by_text["信达生物"]},
                                  {"type": "located_in", "head": by_text["信达生物"], "tail": by_text["苏州工业园区"]}]
    assert all(e["attrs"]["norm"] == e["text"] for e in r_new["entities"])


def test_doccano_ids_survive_renumbering_and_new_entities_get_fresh_ids():
    (line,) = F.to_doccano([good_record()])
    # doccano gives its own ids on import and export; SCHEMA ids are found again by span
    for e in line["entities"]:
        e["id"] += 100
    for r in line["relations"]:
        r["from_id"] += 100
        r["to_id"] += 100
    s, e = at("图表残留")
    line["entities"].append({"id": 7, "start_offset": s, "end_offset": e, "label": "ORG"})  # added in doccano
    fig = next(x for x in line["entities"] if x["label"] == "FIGURE")
    fig["start_offset"] += 1  # moved in doccano: 15亿元
    (rec,) = F.from_doccano([line])
    old_ids = {x["id"] for x in good_record()["entities"]}
    ids = [x["id"] for x in rec["entities"]]
    assert len(ids) == len(set(ids))
    assert {x["id"] for x in rec["entities"] if x["type"] not in ("ORG", "FIGURE")} == old_ids - {"E3"}
    new = next(x for x in rec["entities"] if x["type"] == "ORG")
    moved = next(x for x in rec["entities"] if x["type"] == "FIGURE")
    assert new["id"] not in old_ids and moved["id"] not in old_ids
    assert moved["attrs"] == {"norm": "15亿元"}  # stale attrs are not carried over to a changed span
    assert rec["relations"] == good_record()["relations"]
    # the event and fact still point at E3, which is gone: the validator says so
    problems = [str(p) for p in validate_record(rec, "doccano.jsonl", 1)]
    assert any("ref 'E3' is not an entity id" in p for p in problems)


def test_doccano_offset_error_names_file_and_line(tmp_path):
    f = tmp_path / "doccano.jsonl"
    lines = [{"id": 1, "text": "上海张江", "labels": [[0, 2, "LOC"]]},
             {"id": 2, "text": "北京中关村", "labels": [[2, 9, "LOC"]]}]
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"doccano\.jsonl:2: doc 2: entity E1 \(LOC\): span 2:9 is outside"):
        list(F.read_records(f))


# ------------------------------------------------------------------- reader
def test_read_records_detects_every_format_in_a_folder(tmp_path):
    rec = good_record()
    (tmp_path / "a_schema.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "b_ls.json").write_text(json.dumps(F.to_label_studio([rec]), ensure_ascii=False), encoding="utf-8")
    F.write_records([rec], tmp_path / "c_doccano.jsonl", format="doccano")
    with pytest.warns(UserWarning, match="has no relations; 2 relations are kept only in 'zhie'"):
        F.write_records([rec], tmp_path / "d_doccano_old.jsonl", format="doccano", style="labels")
    (tmp_path / "notes.txt").write_text("not read", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = list(F.iter_records(tmp_path))
    assert [r for _, r in got] == [rec] * 4
    assert [(o.line, o.index) for o, _ in got] == [(1, None), (None, 0), (1, None), (1, None)]


def test_read_records_schema_offset_error(tmp_path):
    rec = good_record()
    bad = copy.deepcopy(rec)
    bad["events"][0]["trigger"]["start"] -= 1
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(bad, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    with pytest.raises(FormatError, match=r"gold\.jsonl:2: doc 001_test: event V1 trigger: span \d+:\d+ has text '融资'"):
        list(F.read_records(f))
    assert len(list(F.read_records(f, check=False))) == 2


def test_read_records_malformed_line(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(good_record(), ensure_ascii=False) + "\n{oops}\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"gold\.jsonl:2: malformed JSON"):
        list(F.read_records(f))
    got = list(F.iter_records(f, errors="collect"))
    assert isinstance(got[0][1], dict) and isinstance(got[1][1], FormatError)


def test_detect_format():
    assert F.detect_format(good_record()) == "jsonl"
    assert F.detect_format({"text": "上海", "labels": []}) == "doccano"
    assert F.detect_format({"id": 3, "text": "上海", "entities": [], "relations": []}) == "doccano"
    assert F.detect_format({"data": {"text": "上海"}, "annotations": []}) == "label-studio"


# ----------------------------------------------------------------- datasets
def test_document_dataset_round_trip():
    rec2 = {"id": "2", "text": "", "entities": [], "relations": [], "events": [], "facts": [], "error": "empty file"}
    ds = F.to_dataset([good_record(), rec2])
    assert ds.num_rows == 2
    assert ds[0]["entities"][2]["type"] == "FIGURE" and json.loads(ds[0]["entities"][2]["attrs"])["value"] == 1.5e9
    assert [r["type"] for r in ds[0]["relations"]] == ["invested_in", "in_industry"]
    assert F.from_dataset(ds) == [good_record(), rec2]


SENT = "上海集成电路企业数量位居全国第一。深圳以347家的新增数量位居首位。\n"


def sent_record():
    def e(i, t, sub, nth=0, **a):
        return ent(i, t, sub, nth, within=SENT, **a)
    return {"id": "s1", "text": SENT, "entities": [
        e("E1", "LOC", "上海"), e("E2", "INDUSTRY", "集成电路"), e("E3", "RANK", "全国第一", rank=1, scope="全国"),
        e("E4", "LOC", "深圳"), e("E5", "FIGURE", "347家", value=347, unit="家", qualifier="exact"),
        e("E6", "RANK", "首位", rank=1, scope=None)], "relations": [], "events": [], "facts": []}


def test_token_dataset_char_bio():
    rec = sent_record()
    assert validate_record(rec) == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # everything aligns with characters: no warning
        ds, rep = F.to_token_dataset([rec], return_report=True)
    assert ds.num_rows == 2  # two sentences; the trailing newline is not a token
    row = ds[0]
    assert "".join(row["tokens"]) == "上海集成电路企业数量位居全国第一。"
    assert row["ner_labels"][:6] == ["B-LOC", "I-LOC", "B-INDUSTRY", "I-INDUSTRY", "I-INDUSTRY", "I-INDUSTRY"]
    assert row["ner_labels"][-5:] == ["B-RANK", "I-RANK", "I-RANK", "I-RANK", "O"]
    names = ds.features["ner_tags"].feature.names
    assert [names[i] for i in row["ner_tags"]] == row["ner_labels"]
    assert names == F.bio_labels()
    row2 = ds[1]
    assert row2["start"] == SENT.index("深圳")
    assert all(SENT[a:b] == t for t, a, b in zip(row2["tokens"], row2["token_starts"], row2["token_ends"]))
    assert row2["ner_labels"][3:7] == ["B-FIGURE", "I-FIGURE", "I-FIGURE", "I-FIGURE"]
    assert rep.aligned == 6 and rep.not_labelled == 0 and rep.sentences == 2


def test_token_dataset_label_types_and_norm_view():
    rec = sent_record()
    rec["text"] = rec["text"].replace("347", "３４７")  # full-width digits: same length
    for e in rec["entities"]:
        e["text"] = rec["text"][e["start"]:e["end"]]
    ds, rep = F.to_token_dataset([rec], label_types=["LOC", "FIGURE"], view="norm", return_report=True)
    assert ds.features["ner_tags"].feature.names == ["O", "B-LOC", "I-LOC", "B-FIGURE", "I-FIGURE"]
    assert ds[0]["ner_labels"].count("O") == len(ds[0]["tokens"]) - 2
    assert ds[1]["tokens"][3:6] == ["3", "4", "7"]
    assert rep.excluded_types == {"INDUSTRY": 1, "RANK": 2}


class SplitEvery3:
    """A tokenizer with fixed three-character tokens, so misalignment is predictable."""

    def tokenize(self, text):
        return [(i, min(i + 3, len(text))) for i in range(0, len(text), 3)]


@pytest.mark.parametrize("policy,expected", [
    ("missing", ["-", "-", "O"]),
    ("expand", ["B-INDUSTRY", "I-INDUSTRY", "O"]),
    ("outside", ["O", "O", "O"]),
])
def test_misaligned_spans_are_counted_and_warned(policy, expected):
    rec = sent_record()
    with pytest.warns(AlignmentWarning, match=r"could not be tagged .*do not fit token boundaries \(.*INDUSTRY 1"):
        ds, rep = F.to_token_dataset([rec], tokenizer=SplitEvery3(), misaligned=policy, return_report=True)
    # sentence 1 tokens: 上海集|成电路|企业数|量位居|全国第|一。 → 上海 (0:2), 集成电路 (2:6), 全国第一 (12:16) misfit
    assert ds[0]["tokens"][:2] == ["上海集", "成电路"]
    assert rep.misaligned["INDUSTRY"] == 1 and rep.misaligned["LOC"] >= 1
    assert rep.aligned + rep.not_labelled == rep.entities == 6
    if policy == "missing":
        assert ds[0]["ner_labels"][:3] == ["-", "-", "O"] and -1 in ds[0]["ner_tags"]
    elif policy == "expand":
        # 上海 takes the shared token 上海集; 集成电路 cannot form a clean B/I run, so its rest is missing
        assert ds[0]["ner_labels"][:2] == ["B-LOC", "-"]
        assert ds[0]["ner_labels"][4:6] == ["B-RANK", "I-RANK"]
    else:
        assert ds[0]["ner_labels"][:3] == expected


def test_jieba_alignment_report_matches_tokens():
    recs = [sent_record(), good_record()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignmentWarning)
        ds, rep = F.to_token_dataset(recs, tokenizer="jieba", return_report=True)
    starts, ends = set(), set()
    for row in ds:
        starts |= {(row["doc_id"], a) for a in row["token_starts"]}
        ends |= {(row["doc_id"], b) for b in row["token_ends"]}
        text = next(r["text"] for r in recs if r["id"] == row["doc_id"])
        # tokens rebuild the sentence apart from whitespace
        assert "".join(row["tokens"]) == "".join(text[row["start"]:row["end"]].split())
    n_fit = sum(1 for r in recs for e in r["entities"]
                if (r["id"], e["start"]) in starts and (r["id"], e["end"]) in ends
                and not any(a <= e["start"] < b for a, b in ((g["start"], g["end"]) for g in r.get("ignore", []))))
    assert rep.aligned == n_fit
    assert rep.aligned + rep.not_labelled + rep.ignored_entities == rep.entities
    b_tokens = sum(1 for row in ds for t in row["ner_labels"] if t.startswith("B-"))
    assert b_tokens == rep.aligned


def test_overlap_cross_sentence_ignore_and_error_records():
    rec = sent_record()
    rec["entities"].append({"id": "E7", "type": "ORG", "start": 0, "end": 1, "text": "上", "attrs": {"norm": "上"}})
    s = SENT.index("第一")
    rec["entities"].append({"id": "E8", "type": "DATE", "start": s, "end": s + 4, "text": SENT[s:s + 4],
                            "attrs": {"norm": SENT[s:s + 4]}})  # 第一。深 crosses the sentence end
    rec["entities"] = [e for e in rec["entities"] if e["id"] not in ("E3", "E4")]
    err = {"id": "x", "text": "", "entities": [], "relations": [], "events": [], "facts": [], "error": "bad"}
    ign = sent_record()
    ign["id"] = "ign"
    ign["ignore"] = [{"start": 0, "end": 3}]
    with pytest.warns(AlignmentWarning) as w:
        ds, rep = F.to_token_dataset([rec, err, ign], merge_over_entities=False, return_report=True)
    msg = str(w[0].message)
    assert "1 cross a sentence boundary (DATE 1)" in msg and "1 overlap another entity (ORG 1)" in msg
    assert rep.skipped_documents == 1
    assert rep.ignored_sentences == 1 and rep.ignored_entities == 3
    assert ds.num_rows == 3
    assert ds[0]["ner_labels"][-3:] == ["-", "-", "-"]
    assert ds[1]["ner_labels"][0] == "-"  # the tail of the crossing span in the next sentence


def test_sentence_boundary_inside_an_entity_is_merged():
    text = "公司总部位于上海\n浦东新区张江。今年营收增长超\n15亿元。\n下一句。"
    loc_s = text.index("上海")
    fig_s = text.index("超")
    rec = {"id": "m", "text": text, "relations": [], "events": [], "facts": [], "entities": [
        {"id": "E1", "type": "LOC", "start": loc_s, "end": loc_s + 7, "text": text[loc_s:loc_s + 7],
         "attrs": {"norm": "上海\n浦东新区"}},
        {"id": "E2", "type": "FIGURE", "start": fig_s, "end": fig_s + 6, "text": text[fig_s:fig_s + 6],
         "attrs": {"norm": "超\n15亿元", "value": 1.5e9, "unit": "元", "qualifier": "more_than"}}]}
    assert validate_record(rec) == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ds, rep = F.to_token_dataset([rec], return_report=True)
    assert rep.merged_sentences == 2 and rep.aligned == 2
    assert ds.num_rows == 3  # 上海\n浦东新区 and 超\n15亿元 keep their sentences whole
    row = ds[0]
    assert "".join(row["tokens"]) == "公司总部位于上海浦东新区张江。"
    assert row["ner_labels"][6:12] == ["B-LOC"] + ["I-LOC"] * 5
    with pytest.warns(AlignmentWarning, match="2 cross a sentence boundary"):
        F.to_token_dataset([rec], merge_over_entities=False)


def test_load_splits_gives_one_dataset_per_split_file(tmp_path):
    import json
    rec = {"id": "a", "text": "深圳以347家位居全国第一", "entities": [
        {"id": "E1", "type": "LOC", "start": 0, "end": 2, "text": "深圳", "attrs": {"norm": "深圳"}}],
        "relations": [], "events": [], "facts": []}
    (tmp_path / "dev.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "test.jsonl").write_text(json.dumps(dict(rec, id="b"), ensure_ascii=False) + "\n", encoding="utf-8")
    dd = F.load_splits(tmp_path)
    assert sorted(dd) == ["dev", "test"]
    assert [r["id"] for r in F.from_dataset(dd["test"])] == ["b"]
    assert F.from_dataset(dd["dev"])[0]["entities"][0]["text"] == "深圳"
    with pytest.raises(FileNotFoundError, match="train.jsonl"):
        F.load_splits(tmp_path / "nowhere")
