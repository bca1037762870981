"""evaluation/make_report.py writes a report with the command, data and split of its numbers."""
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("make_report", ROOT / "evaluation" / "make_report.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_report_on_tiny_gold(tmp_path):
    text = "复旦大学位于上海。"
    gold = [{"id": "a", "text": text, "entities": [
                {"id": "E1", "type": "ORG", "start": 0, "end": 4, "text": "复旦大学"},
                {"id": "E2", "type": "LOC", "start": 6, "end": 8, "text": "上海"}]},
            {"id": "b", "text": "張江在浦東。", "entities": [
                {"id": "E1", "type": "LOC", "start": 3, "end": 5, "text": "浦東"}]}]
    g = tmp_path / "gold.jsonl"
    g.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold), encoding="utf-8")
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"folds": [{"name": "fold-a", "test": ["a"], "train": ["b"]},
                                            {"name": "fold-b", "test": ["b"], "train": ["a"]}]}))
    out, res = tmp_path / "REPORT.md", tmp_path / "results"
    rc = _module().main(["--gold", str(g), "--splits", str(splits), "--out", str(out), "--results", str(res),
                         "--systems", "baseline-jieba", "--skip-bench"])
    assert rc == 0
    md = out.read_text(encoding="utf-8")
    assert "leave one document out" in md and "pooled (micro) over the 2 held-out documents" in md
    assert "--model evaluation/configs/baseline-jieba --cv" in md
    assert "| fold-a | a |" in md and "Skipped (`--skip-bench`)" in md
    rep = json.loads((res / "baseline-jieba.json").read_text(encoding="utf-8"))
    assert rep["cv"] is True and rep["entities"]["micro"]["tp"] + rep["entities"]["micro"]["fn"] == 3
    assert (res / "baseline-jieba.errors.md").is_file()


def test_report_without_gold(tmp_path):
    out = tmp_path / "REPORT.md"
    rc = _module().main(["--gold", str(tmp_path / "none.jsonl"), "--out", str(out),
                         "--results", str(tmp_path / "r"), "--skip-bench"])
    assert rc == 0 and "No gold set yet" in out.read_text(encoding="utf-8")
