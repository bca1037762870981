"""The DuEE cross-fitting helpers of evaluation/events/duee_crossfit.py (folds, model copies, scoring)."""
import importlib.util
import sys
from pathlib import Path

import pytest

_DIR = Path(__file__).resolve().parents[1] / "evaluation" / "events"
sys.path.insert(0, str(_DIR))
spec = importlib.util.spec_from_file_location("duee_crossfit", _DIR / "duee_crossfit.py")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)


def test_folds_deal_every_record_once_and_evenly():
    recs = [{"id": f"r{i:02d}"} for i in range(11)]
    folds = mod.assign_folds(recs[::-1], 5)
    assert set(folds) == {r["id"] for r in recs}
    sizes = [list(folds.values()).count(k) for k in range(5)]
    assert sorted(sizes) == [2, 2, 2, 2, 3]
    assert folds == mod.assign_folds(recs, 5)  # the order records come in changes nothing
    with pytest.raises(ValueError):
        mod.assign_folds(recs, 1)


def test_model_copy_links_everything_but_the_funding_weights(tmp_path):
    src = tmp_path / "model"
    src.mkdir()
    for name in ("config.json", "events_learned.json", "relations.json"):
        (src / name).write_text(name)
    dst = mod.model_copy(src, tmp_path / "fold0")
    assert sorted(p.name for p in dst.iterdir()) == ["config.json", "relations.json"]
    assert (dst / "config.json").read_text() == "config.json"
    mod.model_copy(src, dst)  # a second call keeps what is there


def test_score_is_duee_char_f1_micro_over_records():
    recs = [{"event_list": [{"event_type": "财经/交易-融资",
                             "arguments": [{"role": "融资方", "argument": "甲公司"}, {"role": "领投方", "argument": "红杉"}]}]},
            {"event_list": [{"event_type": "财经/交易-融资", "arguments": [{"role": "融资金额", "argument": "1亿元"}]}]}]
    preds = [[("company", "甲公司"), ("investor", "红杉")], []]
    res = mod.score(recs, preds)
    assert res["merged"]["f1"] == pytest.approx(2 * 2 / (2 + 3), abs=1e-4)  # 2 matched of 2 predicted, 3 gold
    assert res["strict"]["f1"] == pytest.approx(2 * 1 / (2 + 3), abs=1e-4)  # investor ≠ lead_investor when strict
    assert res["records_with_event"] == 1
