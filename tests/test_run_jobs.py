"""`zhie extract --jobs N`: worker processes give the same records, in input order, and lose nothing when a worker
dies (extract/run.py)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import extract
from extract.run import _in_workers, _run_chunk, extract as run_extract

ROOT = Path(__file__).resolve().parent.parent
POISON = "☠"


def _inputs(path: Path) -> list:
    lines = []
    for i in range(23):
        text = f"2025年末，上海第{i}家科技股份有限公司完成C轮融资超{i + 1}亿元，位居全国第{i % 9 + 1}。" * (i % 4 + 1)
        lines.append(json.dumps({"id": f"doc{i}", "text": text}, ensure_ascii=False))
    lines.insert(5, "{not json")  # a broken line: an error record naming the file and line, the rest runs
    lines.insert(9, json.dumps({"id": "empty", "text": ""}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def _kill_on_poison(docs, batch_size, format):
    """A worker's chunk function that dies like an out-of-memory kill on a poisoned document."""
    if any(POISON in d.text for d in docs):
        os._exit(1)
    return _run_chunk(docs, batch_size, format)


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_jobs_write_the_same_bytes_in_input_order(tmp_path, format):
    src = tmp_path / "in.jsonl"
    _inputs(src)
    one, two = tmp_path / "one.out", tmp_path / "two.out"
    s1 = run_extract([src], out=one, format=format, model="rules", progress=False, batch_size=4)
    s2 = run_extract([src], out=two, format=format, model="rules", progress=False, batch_size=4, jobs=2)
    assert two.read_bytes() == one.read_bytes()
    assert (s2.documents, s2.failed, s2.chars, s2.errors) == (s1.documents, s1.failed, s1.chars, s1.errors)
    assert s2.documents == 25 and s2.failed == 1 and "in.jsonl:6" in s2.errors[0][1]


def test_jobs_take_the_model_a_pipeline_was_loaded_with(tmp_path):
    src = tmp_path / "in.jsonl"
    _inputs(src)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    nlp = extract.load("rules", exclude=("facts",))
    run_extract([src], out=one, nlp=nlp, progress=False)
    run_extract([src], out=two, nlp=nlp, progress=False, jobs=2)
    assert two.read_bytes() == one.read_bytes()
    assert all(not json.loads(line).get("facts") for line in two.read_text(encoding="utf-8").splitlines())


def test_a_worker_that_dies_loses_only_its_document():
    nlp = extract.load("rules")
    docs = [nlp.make_doc(f"深圳第{i}家企业融资{i + 1}亿元。", id=f"d{i}") for i in range(12)]
    docs[7] = nlp.make_doc(f"深圳{POISON}企业。", id="d7")
    got = list(_in_workers(iter(docs), 2, ("rules", (), {}), 3, "jsonl", work=_kill_on_poison))
    assert [g.id for g in got] == [f"d{i}" for i in range(12)]
    assert [g.id for g in got if g.error] == ["d7"] and "worker process" in got[7].error
    assert json.loads(got[7].output)["error"] == got[7].error
    for g in got[:7] + got[8:]:
        assert json.loads(g.output)["entities"], g.id  # the others were processed in full


def test_jobs_must_be_positive_and_need_a_loadable_pipeline(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("上海1026家企业。", encoding="utf-8")
    with pytest.raises(ValueError, match="--jobs must be 1 or more"):
        run_extract([src], out=tmp_path / "o.jsonl", model="rules", progress=False, jobs=0)
    nlp = extract.load("rules")
    nlp.learn([])  # trained in memory: a worker loading the model would not have it
    with pytest.raises(ValueError, match="load again"):
        run_extract([src], out=tmp_path / "o.jsonl", nlp=nlp, progress=False, jobs=2)


def test_cli_jobs_flag(tmp_path):
    src = tmp_path / "in.jsonl"
    _inputs(src)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "extract", "extract", str(src), "-o", str(out), "--model", "rules",
                           "--no-progress", "-j", "2"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # one broken input line
    assert "25 documents" in proc.stderr and "1 failed" in proc.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()][:6] == \
        ["doc0", "doc1", "doc2", "doc3", "doc4", "in:6"]


def test_a_model_the_workers_cannot_load_raises_its_error(tmp_path):
    """A missing model is the same clear error with -j 2 as with one process, not a record per document saying its
    worker died."""
    from extract.pipeline import ModelMissingError
    src = tmp_path / "in.jsonl"
    _inputs(src)
    for jobs in (1, 2):
        with pytest.raises(ModelMissingError, match="no .*config.json"):
            run_extract([src], out=tmp_path / "o.jsonl", model=tmp_path / "no_model", progress=False, jobs=jobs)
