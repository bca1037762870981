"""The ZhIE-News files as committed: the frozen test split, and the train-split extension kept apart from dev/test."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

from extract.io.annotations import validate_record

NEWS = Path(__file__).resolve().parent.parent / "annotations" / "news"


def _records(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sentences(text: str):
    for s in re.split(r"[。！？!?\n]", text):
        s = re.sub(r"\s+", "", s)
        if len(s) >= 12:
            yield s


def _build_more():
    spec = importlib.util.spec_from_file_location("build_more", NEWS / "build_more.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_test_split_is_the_frozen_file():
    readme = (NEWS / "README.md").read_text(encoding="utf-8")
    frozen = re.search(r"\| \*\*test\*\* \| 58 \| `test.jsonl` \| \*\*`([0-9a-f]{64})`\*\* \|", readme).group(1)
    assert hashlib.sha256((NEWS / "test.jsonl").read_bytes()).hexdigest() == frozen


def test_train_more_is_valid_and_apart_from_the_splits():
    more = _records(NEWS / "train_more.jsonl")
    assert len(more) >= 150
    ids = [r["id"] for r in more]
    assert len(set(ids)) == len(ids)
    splits = json.loads((NEWS / "splits.json").read_text(encoding="utf-8"))
    in_splits = {i for s in ("train", "dev", "test") for i in splits[s]}
    assert not set(ids) & in_splits
    assert not set(ids) & set(_build_more().EXCLUDED), "a document excluded by GUIDELINES M3 is in train_more"
    raw = {r["id"]: r["text"] for p in sorted((NEWS / "raw").glob("more*.jsonl")) for r in _records(p)}
    for r in more:
        assert r["text"] == raw[r["id"]], r["id"]
        errors = [str(p) for p in validate_record(r) if p.severity == "error"]
        assert not errors, f"{r['id']}: {errors[:3]}"


def test_train_more_shares_no_sentence_with_dev_or_test():
    held = set()
    for split in ("dev", "test"):
        for r in _records(NEWS / f"{split}.jsonl"):
            held.update(_sentences(r["text"]))
    clash = [(r["id"], s) for r in _records(NEWS / "train_more.jsonl") for s in _sentences(r["text"]) if s in held]
    assert not clash, clash[:5]


@pytest.mark.parametrize("name", ["train.jsonl", "dev.jsonl", "train_more.jsonl"])
def test_ner_reads_the_news_files(name):
    from extract.learn.ner.data import load_corpus
    split = {"train.jsonl": "train", "dev.jsonl": "dev", "train_more.jsonl": "more"}[name]
    ex = load_corpus("zhienews", split)
    assert ex and all(0 <= s < e <= len(t) for t, spans in ex for s, e, _ in spans)
    with pytest.raises(ValueError, match="release points"):
        load_corpus("zhienews", "test")


def test_the_selection_set_is_valid_and_shares_no_sentence_with_any_other_file():
    """select.jsonl (pass S) is held out from every training and frozen split: no id, no sentence in common."""
    path = NEWS / "select.jsonl"
    if not path.exists():
        pytest.skip("no selection set built")
    sel = _records(path)
    assert len(sel) >= 50 and len({r["id"] for r in sel}) == len(sel)
    assert not {r["id"] for r in sel} & set(_build_more().SELECT_EXCLUDED)
    raw = {r["id"]: r["text"] for p in sorted((NEWS / "raw").glob("select*.jsonl")) for r in _records(p)}
    others = set()
    for name in ("train.jsonl", "train_more.jsonl", "dev.jsonl", "test.jsonl"):
        for r in _records(NEWS / name):
            others.update(_sentences(r["text"]))
    for r in sel:
        assert r["text"] == raw[r["id"]], r["id"]
        errors = [str(p) for p in validate_record(r) if p.severity == "error"]
        assert not errors, f"{r['id']}: {errors[:3]}"
        clash = [s for s in _sentences(r["text"]) if s in others]
        assert not clash, (r["id"], clash[:3])
