"""Durable batch runs (issue 18): streamed output, --resume after a crash or SIGKILL, --max-chars,
text UTF-8 cannot hold, model errors that say what to do, and training that never leaves a broken model."""
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import extract
from extract.io.readers import jsonl_line, read_jsonl, write_record
from extract.io.writers import completed_records
from extract.run import extract as run_extract

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules():
    return extract.load("rules")


def _inputs(path: Path, n: int, seed: int = 0) -> list:
    rng = random.Random(seed)
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            k = rng.randint(1, 6)
            text = "".join(f"2025年末，上海第{j}家科技股份有限公司完成C轮融资超{i + j}亿元，位居全国第{j % 9 + 1}。"
                           for j in range(k))
            f.write(json.dumps({"id": f"doc{i}", "text": text}, ensure_ascii=False) + "\n")
            ids.append(f"doc{i}")
    return ids


def _records(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_resume_drops_a_torn_last_line_and_redoes_it(tmp_path, rules):
    src = tmp_path / "in.jsonl"
    ids = _inputs(src, 30)
    full = tmp_path / "full.jsonl"
    run_extract([src], out=full, nlp=rules, progress=False)
    data = full.read_bytes()
    lines = data.split(b"\n")
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"\n".join(lines[:12]) + b"\n" + lines[12][:37])  # 12 whole records + a torn one
    summary = run_extract([src], out=cut, nlp=rules, progress=False, resume=True)
    assert summary.skipped == 12 and summary.documents == 18 and summary.dropped_bytes == 37
    assert cut.read_bytes() == data
    assert [r["id"] for r in _records(cut)] == ids


def test_resume_of_a_finished_run_does_nothing(tmp_path, rules):
    src = tmp_path / "in.jsonl"
    _inputs(src, 5)
    out = tmp_path / "out.jsonl"
    run_extract([src], out=out, nlp=rules, progress=False)
    before = out.read_bytes()
    summary = run_extract([src], out=out, nlp=rules, progress=False, resume=True)
    assert (summary.skipped, summary.documents, summary.dropped_bytes) == (5, 0, 0)
    assert out.read_bytes() == before


def test_resume_counts_repeated_ids(tmp_path, rules):
    """Two inputs with the same id: the first one written counts once, the second is redone."""
    a, b = tmp_path / "a.txt", tmp_path / "sub" / "a.txt"
    b.parent.mkdir()
    a.write_text("上海1026家企业。", encoding="utf-8")
    b.write_text("深圳1020家企业。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract([a, b], out=out, nlp=rules, progress=False)
    whole = out.read_bytes()
    out.write_bytes(whole.split(b"\n")[0] + b"\n")
    summary = run_extract([a, b], out=out, nlp=rules, progress=False, resume=True)
    assert summary.skipped == 1 and summary.documents == 1
    assert out.read_bytes() == whole


def test_resume_refuses_a_file_that_is_not_its_output(tmp_path, rules):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"out.jsonl:2"):
        run_extract([tmp_path], out=out, nlp=rules, progress=False, resume=True)
    assert out.read_text(encoding="utf-8").count("\n") == 3  # left as it was


@pytest.mark.parametrize("kwargs,match", [({"out": None}, "output file"),
                                          ({"format": "csv"}, "jsonl")])
def test_resume_needs_a_jsonl_output_file(tmp_path, rules, kwargs, match):
    args = {"out": tmp_path / "o", "format": "jsonl", **kwargs}
    with pytest.raises(ValueError, match=match):
        run_extract([tmp_path], nlp=rules, progress=False, resume=True, **args)


def test_completed_records_keeps_whole_lines_only(tmp_path):
    p = tmp_path / "o.jsonl"
    p.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "c", "te')
    assert completed_records(p) == (["a", "b"], len(b"{\"id\": \"c\", \"te"))
    assert p.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n'
    p.write_bytes(b'{"id": "a"}\n{"id": "b"')  # not even a newline after the torn record
    assert completed_records(p, repair=False) == (["a"], 10)


def test_max_chars_gives_an_error_record_and_the_rest_runs(tmp_path, rules):
    (tmp_path / "a.txt").write_text("上海1026家企业。" * 50, encoding="utf-8")
    (tmp_path / "b.txt").write_text("深圳1020家企业。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_extract([tmp_path], out=out, nlp=rules, progress=False, max_chars=100)
    a, b = _records(out)
    assert a["id"] == "a" and "more than --max-chars 100" in a["error"] and "a.txt" in a["error"]
    assert a["entities"] == [] and a["facts"] == []
    assert b["id"] == "b" and "error" not in b and b["entities"]
    assert summary.failed == 1 and summary.documents == 2


def test_max_chars_must_be_positive(tmp_path, rules):
    with pytest.raises(ValueError, match="max-chars"):
        run_extract([tmp_path], nlp=rules, progress=False, max_chars=0)


def test_lone_surrogates_are_written_as_valid_json(tmp_path, rules):
    """``\\ud800`` in a JSON input cannot be written as UTF-8: the record is escaped, not the run lost."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "s", "text": "上海\\ud800企业达1026家\\udfff。"}\n{"id": "t", "text": "深圳。"}\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_extract([src], out=out, nlp=rules, progress=False)
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == ["s", "t"] and summary.failed == 0
    assert recs[0]["text"] == "上海\ud800企业达1026家\udfff。"
    for e in recs[0]["entities"]:
        assert recs[0]["text"][e["start"]:e["end"]] == e["text"]
    for fmt in ("csv", "pretty"):
        run_extract([src], out=tmp_path / f"out.{fmt}", format=fmt, nlp=rules, progress=False)
        assert "\\ud800" in (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")


def test_jsonl_line_is_one_line_that_reads_back():
    rec = {"id": "x", "text": "a\nb\u2028c\ud83d"}
    line = jsonl_line(rec)
    assert line.endswith("\n") and line.count("\n") == 1 and json.loads(line) == rec


class _Writes:
    """A text stream that keeps each write apart."""

    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


@pytest.mark.parametrize("text", ["北京智元机器人公司在上海获得5亿元融资，同比增长12%。\n" * 40,
                                  "北京\ud800的公司获得5亿元", ""])
def test_streamed_record_is_the_same_line_written_in_pieces(rules, text):
    """write_record streams a record (entities, relations, events, facts one at a time) and the line is
    byte for byte jsonl_line(doc.to_dict()), surrogates escaped the same way; a small chunk size really
    splits it into several writes."""
    doc = rules(text, id="d1") if text else rules.make_doc(text, id="d1")
    assert text == "" or doc.entities
    out = _Writes()
    write_record(out, doc, chunk_chars=64)
    assert "".join(out.parts) == jsonl_line(doc.to_dict())
    if len(doc.entities) > 10:
        assert len(out.parts) > 3


def test_streamed_record_checks_references_before_writing(rules):
    """A fact pointing at an entity outside doc.entities raises before a character is written, so the
    output never gets a half line from it."""
    from extract.doc import Entity, Fact
    doc = rules("杭州有500家企业。", id="d1")
    stray = Entity(0, 2, "杭州", {}, type="LOC")
    doc.facts.append(Fact("METRIC", stray, next(e for e in doc.entities if e.type == "FIGURE")))
    out = _Writes()
    with pytest.raises(ValueError, match="not in doc.entities"):
        write_record(out, doc)
    assert out.parts == []


def test_records_stream_out_before_the_run_ends(tmp_path, rules):
    """Each record is flushed as it is made: a reader sees the first before the last is processed."""
    src = tmp_path / "in.jsonl"
    _inputs(src, 3)
    out = tmp_path / "out.jsonl"
    seen = []

    def pipe(docs, batch_size=16):
        for d in docs:
            seen.append(out.read_text(encoding="utf-8").count("\n"))
            yield rules(d)

    class Slow:
        pass

    slow = Slow()
    slow.pipe = pipe
    run_extract([src], out=out, nlp=slow, progress=False)
    assert seen == [0, 1, 2]


# ------------------------------------------------------------------ SIGKILL at random points
def _zhie(*args, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, "-m", "extract", *map(str, args)], cwd=str(ROOT), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def _kill_and_resume(tmp_path, n_docs: int, kills: int, seed: int):
    src = tmp_path / "in.jsonl"
    ids = _inputs(src, n_docs, seed=seed)
    out = tmp_path / "out.jsonl"
    rng = random.Random(seed)
    killed = 0
    for attempt in range(kills):
        have = out.read_bytes().count(b"\n") if out.exists() else 0
        if have >= n_docs - 1:
            break
        want = have + rng.randint(1, max(1, (n_docs - have) // 5))  # kill once some new records are written
        proc = _zhie("extract", src, "-o", out, "--model", "rules", "--batch-size", "1", "--no-progress",
                     *(["--resume"] if attempt else []))
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= want:
                break
            time.sleep(0.005)
        time.sleep(rng.random() * 0.05)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
    proc = _zhie("extract", src, "-o", out, "--model", "rules", "--no-progress", "--resume")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    got = [r["id"] for r in _records(out)]  # every line parses: no torn record anywhere
    assert got == ids  # exactly one whole record per input id, in input order
    return out, killed


def test_sigkill_at_random_points_then_resume_gives_one_record_per_id(tmp_path, rules):
    out, killed = _kill_and_resume(tmp_path, n_docs=60, kills=3, seed=18)
    assert killed >= 1
    clean = tmp_path / "clean.jsonl"
    run_extract([tmp_path / "in.jsonl"], out=clean, nlp=rules, progress=False)
    assert _records(out) == _records(clean)  # the resumed output is what one clean run writes


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_sigkill_many_times(tmp_path, seed):
    _, killed = _kill_and_resume(tmp_path, n_docs=150, kills=8, seed=seed)
    assert killed >= 4


# ------------------------------------------------------------------ models: errors that say what to do
def test_missing_default_model_is_an_error_not_rules(tmp_path, monkeypatch):
    from extract import pipeline

    monkeypatch.setattr(pipeline, "DEFAULT_MODEL", tmp_path / "default")
    monkeypatch.delenv("ZHIE_MODEL", raising=False)
    with pytest.raises(pipeline.ModelError, match="default model is missing") as e:
        extract.load()
    assert "--model rules" in str(e.value) and "pip install" in str(e.value)


@pytest.mark.parametrize("damage", ["truncated weights", "bad config", "no pipeline", "unknown factory"])
def test_broken_model_is_an_error_naming_the_folder(tmp_path, damage):
    import shutil

    from extract.pipeline import ModelError

    m = tmp_path / "m"
    shutil.copytree(ROOT / "models" / "default", m)
    if damage == "truncated weights":
        w = m / "ner" / "model.safetensors"
        w.write_bytes(w.read_bytes()[:5000])
    elif damage == "bad config":
        (m / "config.json").write_text("{", encoding="utf-8")
    elif damage == "no pipeline":
        (m / "config.json").write_text('{"name": "x"}', encoding="utf-8")
    else:
        (m / "config.json").write_text('{"pipeline": [{"name": "x", "factory": "nope.v9"}]}', encoding="utf-8")
    with pytest.raises(ModelError, match="is broken") as e:
        extract.load(m)
    assert str(m) in str(e.value) and "--model rules" in str(e.value)


def test_cli_reports_a_missing_model_and_exits_2(tmp_path, capsys):
    from extract.cli import main

    (tmp_path / "a.txt").write_text("上海。", encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--model", str(tmp_path / "nope")]) == 2
    assert "--model rules" in capsys.readouterr().err


def test_default_model_is_the_checkouts_in_a_checkout():
    from extract.pipeline import DEFAULT_MODEL, default_model_path

    assert default_model_path() == DEFAULT_MODEL == ROOT / "models" / "default"


# ------------------------------------------------------------------ training never leaves a broken model
def test_replace_dir_swaps_whole_folders(tmp_path):
    from extract.io.fsutil import replace_dir

    dest, new = tmp_path / "model", tmp_path / ".model.new"
    dest.mkdir()
    (dest / "w").write_text("old")
    new.mkdir()
    (new / "w").write_text("new")
    replace_dir(new, dest)
    assert (dest / "w").read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    new.mkdir()
    (new / "w").write_text("newer")
    replace_dir(new, tmp_path / "fresh")  # no old folder: a plain rename
    assert (tmp_path / "fresh" / "w").read_text() == "newer"


def test_replace_dir_crash_before_the_swap_keeps_the_old_model(tmp_path, monkeypatch):
    """A crash at any step of replace_dir leaves dest as the old model or the new one."""
    from extract.io import fsutil

    dest = tmp_path / "model"
    for step in range(3):
        if dest.exists():
            import shutil
            shutil.rmtree(dest)
        dest.mkdir()
        (dest / "w").write_text("old")
        new = tmp_path / f".new{step}"
        new.mkdir()
        (new / "w").write_text("new")
        calls = {"n": 0}
        real_replace, real_exchange = os.replace, fsutil._exchange

        def boom(*a, **k):
            calls["n"] += 1
            if calls["n"] > step:
                raise KeyboardInterrupt("killed")
            return real_replace(*a, **k)

        def exchange(a, b):
            if step == 0:
                raise KeyboardInterrupt("killed")
            return real_exchange(a, b)

        monkeypatch.setattr(fsutil.os, "replace", boom)
        monkeypatch.setattr(fsutil, "_exchange", exchange)
        try:
            fsutil.replace_dir(new, dest)
        except KeyboardInterrupt:
            pass
        monkeypatch.undo()
        assert (dest / "w").read_text() in ("old", "new")


@pytest.mark.slow
def test_sigkill_during_train_leaves_a_loadable_model(tmp_path):
    """Kill `zhie train` at random moments late in the run (where the model folders are written and
    swapped): model-best and model-last are always the old model or a whole new one, never broken."""
    import shutil

    from test_train import write_format

    data = write_format(tmp_path, "schema")
    out = tmp_path / "models" / "mine"
    args = ("train", "--data", data, "--out", out, "--base", ROOT / "models" / "default", "--no-rehearsal",
            "--holdout", "0.25", "--set", "training.epochs=2")
    t = time.time()
    assert _zhie(*args).wait() == 0
    full = time.time() - t  # one whole run, writing the new models
    rng = random.Random(7)
    outcomes = []
    for _ in range(5):
        for name in ("model-best", "model-last"):  # the old, good model in place
            shutil.rmtree(out / name)
            shutil.copytree(ROOT / "models" / "default", out / name)
        proc = _zhie(*args)
        time.sleep(rng.uniform(0.6, 1.05) * full)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name in ("model-best", "model-last"):
            nlp = extract.load(out / name)
            rec = nlp("芯片设计公司曦智科技完成C轮融资。").to_dict()
            assert all(rec["text"][e["start"]:e["end"]] == e["text"] for e in rec["entities"])
            outcomes.append(json.loads((out / name / "config.json").read_text(encoding="utf-8"))["name"])
    assert set(outcomes) <= {"default", "mine"}  # old (default) or new (named after the output folder)


def test_learned_stages_read_text_with_lone_surrogates():
    """The hashed features of the fact chooser, relation classifier and FUNDING model hold text characters;
    a lone surrogate (\\udfff) next to a figure, a company or a trigger must not stop the document."""
    nlp = extract.load()
    text = "星云科技\udfff完成2亿元\udfffB轮融资，营收增长12%\udfff，总部位于北京\udfff。" * 3
    doc = nlp(text, id="s")
    assert doc.error is None
    assert any(e.type == "FIGURE" for e in doc.entities)
    from extract.stages.facts.chooser import _h as fact_hash
    from extract.stages.relations.classifier import _h as rel_hash
    from extract.stages.events.learned import _h as event_hash
    for h in (fact_hash, rel_hash, event_hash):
        assert h("x\udfff") == h("x\udfff") and h("x\udfff") != h("x")
