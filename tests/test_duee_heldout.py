"""The DuEE-style argument scorer of evaluation/events/duee_heldout.py (char-level F1, greedy pairing)."""
import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "evaluation" / "events" / "duee_heldout.py"
spec = importlib.util.spec_from_file_location("duee_heldout", _PATH)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)


def test_char_f1():
    assert mod.char_f1("红杉中国", "红杉中国") == 1.0
    assert mod.char_f1("红杉", "红杉中国") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert mod.char_f1("高瓴", "红杉") == 0.0


def test_match_pairs_same_role_best_first_once():
    gold = [("investor", "红杉中国"), ("investor", "高瓴资本")]
    pred = [("investor", "红杉中国"), ("investor", "红杉"), ("company", "高瓴资本")]
    # 红杉中国 takes its exact twin; 红杉 is left with 高瓴资本 (no shared char); the company role never pairs
    assert mod.match(gold, pred) == pytest.approx(1.0)


def test_merge_counts_lead_investors_as_investors():
    assert mod.merge([("lead_investor", "甲"), ("investor", "甲"), ("company", "乙")]) == \
        [("company", "乙"), ("investor", "甲")]
