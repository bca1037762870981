"""The RANKING challenge set (evaluation/ranking_challenge): valid records, sources that match the texts,
and a scorer that tells its misses apart."""
import csv
import hashlib
from pathlib import Path

from docs import load_script
from extract.io.readers import read_jsonl

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "evaluation" / "ranking_challenge"


def _score_module():
    return load_script("evaluation/ranking_challenge/score.py")


def test_records_are_valid_and_every_one_has_its_source():
    from extract.io.annotations import validate_record

    recs = []
    for name, n in (("ranking_challenge.jsonl", 60), ("ranking_challenge_b2.jsonl", 60),
                    ("ranking_challenge_b3.jsonl", 40)):  # the first batch, the second, the list-heavy third
        batch = read_jsonl(HERE / name)
        assert len(batch) == n
        assert not [p for i, r in enumerate(batch, 1) for p in validate_record(r, name, i)]
        recs += batch
    with open(HERE / "SOURCES.tsv", encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    assert set(rows) == {r["id"] for r in recs}
    for r in recs:
        assert hashlib.sha1(r["text"].encode("utf-8")).hexdigest() == rows[r["id"]]["sha1"], r["id"]
    # RANKING facts only, each on a RANK
    for r in recs:
        ents = {e["id"]: e for e in r["entities"]}
        assert all(f["type"] == "RANKING" and ents[f["value"]]["type"] == "RANK" for f in r["facts"]), r["id"]


def test_the_scorer_tells_a_missing_rank_from_another_subject():
    mod = _score_module()
    gold = {"id": "x", "text": "甲公司和乙公司分列第一和第二。", "entities": [
        {"id": "E1", "type": "COMPANY", "start": 0, "end": 3, "text": "甲公司"},
        {"id": "E2", "type": "COMPANY", "start": 4, "end": 7, "text": "乙公司"},
        {"id": "E3", "type": "RANK", "start": 9, "end": 11, "text": "第一", "attrs": {"rank": 1, "scope": None}},
        {"id": "E4", "type": "RANK", "start": 12, "end": 14, "text": "第二", "attrs": {"rank": 2, "scope": None}}],
        "facts": [{"id": "F1", "type": "RANKING", "subject": "E1", "value": "E3"},
                  {"id": "F2", "type": "RANKING", "subject": "E2", "value": "E4"}]}
    pred = {**gold, "entities": gold["entities"][:3], "facts": [
        {"id": "F1", "type": "RANKING", "subject": "E2", "value": "E3"}]}
    kinds = sorted(m["kind"] for m in mod.diagnose(gold, pred))
    assert kinds == ["other subject", "rank missing"]
    metric = {**pred, "facts": pred["facts"] + [{"id": "F9", "type": "METRIC", "subject": "E1", "value": "E3"}]}
    assert [f["id"] for f in mod.ranking_only(metric)["facts"]] == ["F1"]
    # the rank found with no RANKING on it; the right subject at another position
    other = {**gold, "facts": [{"id": "F2", "type": "RANKING", "subject": "E2", "value": "E4", "position": 2}]}
    assert [m["kind"] for m in mod.diagnose(gold, other)] == ["no ranking", "other position"]


def test_list_passages_are_the_densest_run_of_lines_within_the_size():
    mod = load_script("evaluation/ranking_challenge/pick_passages.py")
    text = "\n".join(["导语没有名次。", "榜单前三名分别为甲、乙、丙。", "", "丁排名第四，戊位列第五。", "尾声也没有。" * 20])
    # the two cue lines with the line before them (the earliest run with the most cues), blank lines dropped; the
    # long tail line stays out, and so does the lead-in where it does not fit
    assert mod.densest_run(text, 40, 3) == "导语没有名次。\n榜单前三名分别为甲、乙、丙。\n丁排名第四，戊位列第五。"
    assert mod.densest_run(text, 30, 3) == "榜单前三名分别为甲、乙、丙。\n丁排名第四，戊位列第五。"
    assert mod.densest_run(text, 40, 4) is None  # fewer cues than asked for
    assert mod.densest_run(text, 10, 1) is None  # no run of cue lines fits
