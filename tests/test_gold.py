"""The gold set itself: valid against the schema, complete, and loadable as datasets."""
import json
from pathlib import Path

import pytest

from extract.io.annotations import stats, validate_files
from extract.eval.evaluate import load_folds
from extract.io.formats import to_dataset, to_token_dataset

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "annotations" / "gold.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_validates_with_no_problems():
    assert [str(p) for p in validate_files([GOLD])] == []


@pytest.mark.shared
def test_gold_covers_every_seed_document_verbatim(gold):
    """The gold texts are the seed files in ../shared/seeds (the tests read the seeds from the gold file)."""
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} not present: put shared/ beside the clone (this test is marked `shared`)", pytrace=False)
    seeds = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert {r["id"] for r in gold} == set(seeds)
    for r in gold:
        assert r["text"] == seeds[r["id"]]


def test_gold_is_complete_enough(gold):
    st = stats(gold)
    per_type = st["entity_types"]
    assert per_type["FIGURE"] >= 300 and per_type["COMPANY"] >= 100
    assert st["facts"] > 0 and st["events"] > 0 and st["relations"] > 0


def test_folds_are_leave_one_document_out(gold):
    folds = load_folds()
    ids = {r["id"] for r in gold}
    assert sorted(i for f in folds for i in f["test"]) == sorted(ids)
    for f in folds:
        assert set(f["train"]) == ids - set(f["test"])


def test_gold_as_datasets(gold):
    docs = to_dataset(gold)
    assert docs.num_rows == 5 and set(docs["id"]) == {r["id"] for r in gold}
    tokens = to_token_dataset(gold)
    assert tokens.num_rows > 100
    row = tokens[0]
    assert len(row["tokens"]) == len(row["ner_labels"])
    assert any(lab.startswith("B-") for r in tokens.select(range(50)) for lab in r["ner_labels"])
