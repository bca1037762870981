"""`zhie extract`: every input kind, every bad input, every output format; one record per input document."""
import codecs
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.cli import main
from extract.io.writers import read_csv

SIMPLIFIED = "上海集成电路企业超过1000家，浦东新区位居全市第一，2025年融资总额超20亿元。"
TRADITIONAL = "浦東新區的集成電路企業達１０２６家，總量位居全國第三。"
MARKDOWN = ("# 名单\n\n| 企业名称 | 细分领域 | 所属区域 |\n|---|---|---|\n"
            "| 上海澜起科技股份有限公司 | 集成电路 | 浦东新区 |\n")


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def jsonl(*pairs):
    return "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in pairs)


class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.fixture
def run(model_dir, tmp_path, capsys, monkeypatch):
    """``run(*inputs, fmt=..., stdin=...)`` → (exit code, output text, stderr) of ``zhie extract``."""
    def _run(*inputs, fmt="jsonl", stdin=None, extra=()):
        out = tmp_path / f"out.{fmt}"
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", FakeStdin(stdin))
        capsys.readouterr()
        code = main(["extract", *map(str, inputs), "-o", str(out), "--format", fmt, "--model", str(model_dir),
                     "--no-progress", *extra])
        err = capsys.readouterr().err
        return code, out.read_text(encoding="utf-8"), err
    return _run


def records(text):
    return [json.loads(line) for line in text.splitlines()]


def assert_valid_record(rec):
    assert set(rec) >= {"id", "text", "entities", "relations", "events", "facts"}
    for e in rec["entities"]:
        assert rec["text"][e["start"]:e["end"]] == e["text"]
        assert "norm" in e["attrs"]
    if "error" in rec:
        assert rec["entities"] == rec["relations"] == rec["events"] == rec["facts"] == []


# ------------------------------------------------------------------ inputs
def test_every_input_kind_in_order(run, tmp_path):
    txt = write(tmp_path / "a.txt", SIMPLIFIED)
    md = write(tmp_path / "b.md", MARKDOWN)
    folder = tmp_path / "folder"
    write(folder / "z" / "1.txt", TRADITIONAL)  # sorted by path: folder/2.md, folder/3.jsonl, folder/z/1.txt
    write(folder / "2.md", MARKDOWN)
    write(folder / "3.jsonl", jsonl(("j1", "北京1210家"), ("j2", "深圳1333家")))
    write(folder / "notes.csv", "不读,这个\n")
    js = write(tmp_path / "c.jsonl", jsonl(("c1", SIMPLIFIED), ("c2", TRADITIONAL)))
    code, out, err = run(txt, md, folder, js)
    recs = records(out)
    assert [r["id"] for r in recs] == ["a", "b", "2", "j1", "j2", "z/1", "c1", "c2"]
    assert code == 0, err
    for r in recs:
        assert_valid_record(r)
        assert "error" not in r
    assert recs[5]["text"] == TRADITIONAL
    assert "8 documents" in err and "0 failed" in err
    assert any(e["text"] == "上海澜起科技股份有限公司" for e in recs[1]["entities"])


@pytest.mark.parametrize("data,ids,texts", [
    (SIMPLIFIED.encode("utf-8"), ["stdin"], [SIMPLIFIED]),
    (TRADITIONAL.encode("big5"), ["stdin"], [TRADITIONAL]),
    (jsonl(("s1", SIMPLIFIED), ("s2", TRADITIONAL)).encode("utf-8"), ["s1", "s2"], [SIMPLIFIED, TRADITIONAL]),
])
def test_stdin(run, data, ids, texts):
    code, out, err = run("-", stdin=data)
    recs = records(out)
    assert code == 0, err
    assert [r["id"] for r in recs] == ids
    assert [r["text"] for r in recs] == texts


def test_stdin_between_files(run, tmp_path):
    a = write(tmp_path / "a.txt", SIMPLIFIED)
    b = write(tmp_path / "b.txt", TRADITIONAL)
    code, out, _ = run(a, "-", b, stdin=jsonl(("s1", "杭州")).encode())
    assert [r["id"] for r in records(out)] == ["a", "s1", "b"]
    assert code == 0


# --------------------------------------------------------------- bad inputs
def test_every_bad_input_kind(run, tmp_path):
    files = [
        write(tmp_path / "good.txt", SIMPLIFIED),
        write(tmp_path / "gbk.txt", SIMPLIFIED.encode("gbk")),
        write(tmp_path / "big5.txt", TRADITIONAL.encode("big5")),
        write(tmp_path / "utf16.txt", codecs.BOM_UTF16_LE + TRADITIONAL.encode("utf-16-le")),
        write(tmp_path / "utf16be.md", codecs.BOM_UTF16_BE + MARKDOWN.encode("utf-16-be")),
        write(tmp_path / "bom.txt", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")),
        write(tmp_path / "junk.txt", random.Random(11).randbytes(5000)),
        write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
        write(tmp_path / "empty.txt", b""),
        write(tmp_path / "batch.jsonl", jsonl(("m1", SIMPLIFIED)) + '{"id": "m2", "text": "半截\n'
              + jsonl(("m3", TRADITIONAL)) + '"just a string"\n'),
        tmp_path / "missing.txt",
    ]
    code, out, err = run(*files)
    recs = records(out)
    ids = [r["id"] for r in recs]
    assert ids == ["good", "gbk", "big5", "utf16", "utf16be", "bom", "junk", "image", "empty",
                   "m1", "batch:2", "m3", "batch:4", "missing"]
    assert code == 1
    by_id = {r["id"]: r for r in recs}
    for r in recs:
        assert_valid_record(r)
    for ok in ("good", "gbk", "bom"):
        assert by_id[ok]["text"] == SIMPLIFIED and "error" not in by_id[ok]
    for ok in ("big5", "utf16", "m3"):
        assert by_id[ok]["text"] == TRADITIONAL and "error" not in by_id[ok]
    assert by_id["utf16be"]["text"] == MARKDOWN
    for bad, part in [("junk", "junk.txt"), ("image", "image.txt"), ("empty", "empty.txt"),
                      ("batch:2", "batch.jsonl:2"), ("batch:4", "batch.jsonl:4"), ("missing", "missing.txt")]:
        assert part in by_id[bad]["error"], by_id[bad]["error"]
        assert part in err  # also reported on stderr
    assert "14 documents" in err and "6 failed" in err


def test_exit_code_zero_only_when_all_succeed(run, tmp_path):
    good = write(tmp_path / "good.txt", SIMPLIFIED)
    assert run(good)[0] == 0
    assert run(good, write(tmp_path / "empty.txt", b""))[0] == 1


def test_unknown_model_is_a_usage_error(tmp_path, capsys):
    good = write(tmp_path / "good.txt", SIMPLIFIED)
    code = main(["extract", str(good), "--model", str(tmp_path / "no_model"), "--no-progress"])
    assert code == 2
    assert "config.json" in capsys.readouterr().err


def test_bad_format_is_rejected(tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["extract", str(write(tmp_path / "a.txt", SIMPLIFIED)), "--format", "xml"])
    assert info.value.code == 2


def test_rules_model_by_name(require_rules, tmp_path, capsys):
    good = write(tmp_path / "good.txt", SIMPLIFIED)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(good), "--model", "rules", "-o", str(out), "--no-progress"]) == 0
    (rec,) = records(out.read_text(encoding="utf-8"))
    assert any(e["type"] == "FIGURE" for e in rec["entities"])


# ------------------------------------------------------------------ formats
@pytest.fixture
def mixed_inputs(tmp_path, seeds):
    """Seeds (with tables, figures, facts) plus a traditional doc and a failing one."""
    folder = tmp_path / "docs"
    for name, text in seeds.items():
        write(folder / f"{name}.txt", text)
    write(folder / "zz_trad.txt", TRADITIONAL)
    write(folder / "zz_empty.txt", b"")
    write(folder / "zz_nothing.txt", "今天天气很好。")  # nothing to extract: still one record
    return folder


def test_csv_round_trip_gives_back_entities_and_facts(run, mixed_inputs):
    code_j, out_j, _ = run(mixed_inputs, fmt="jsonl")
    code_c, out_c, _ = run(mixed_inputs, fmt="csv")
    assert code_j == code_c == 1
    want = records(out_j)
    got = read_csv(io.StringIO(out_c))
    assert [r["id"] for r in got] == [r["id"] for r in want]
    n_facts = 0
    for w, g in zip(want, got):
        assert g.get("error") == w.get("error")
        assert g["entities"] == w["entities"]
        assert g["facts"] == w["facts"]
        assert g["relations"] == w["relations"]
        assert g["events"] == w["events"]
        n_facts += len(w["facts"])
    assert sum(len(w["entities"]) for w in want) > 100 and n_facts > 0


def test_pretty_names_every_document(run, mixed_inputs, seeds):
    code, out, _ = run(mixed_inputs, fmt="pretty")
    assert code == 1
    for name in list(seeds) + ["zz_trad", "zz_empty", "zz_nothing"]:
        assert f"== {name} " in out
    assert "ERROR" in out and "zz_empty.txt" in out


def test_jsonl_to_stdout(model_dir, tmp_path, capsys):
    good = write(tmp_path / "good.txt", SIMPLIFIED)
    assert main(["extract", str(good), "--model", str(model_dir), "--no-progress"]) == 0
    (rec,) = records(capsys.readouterr().out)
    assert rec["id"] == "good" and rec["text"] == SIMPLIFIED


REPO_ROOT = Path(__file__).resolve().parent.parent


def test_subprocess_python_m_extract(model_dir, tmp_path):
    a = write(tmp_path / "a.txt", SIMPLIFIED)
    bad = write(tmp_path / "bad.jsonl", '{"id": "x", "text": "上海"}\n{broken\n')
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "extract", "extract", str(a), "-", str(bad),
                           "--model", str(model_dir), "--no-progress"],
                          input=TRADITIONAL.encode("big5"), capture_output=True, cwd=REPO_ROOT, env=env,
                          timeout=300)
    recs = records(proc.stdout.decode("utf-8"))
    assert [r["id"] for r in recs] == ["a", "stdin", "x", "bad:2"]
    assert recs[1]["text"] == TRADITIONAL
    assert "bad.jsonl:2" in recs[3]["error"]
    assert proc.returncode == 1
    assert "4 documents" in proc.stderr.decode("utf-8")


# ------------------------------------------------------------- large input
@pytest.mark.slow
def test_ten_megabyte_document(run, tmp_path, seeds, all_spans, offset_problems):
    unit = next(iter(seeds.values())) + "\n\n"
    reps = 10_000_000 // len(unit.encode("utf-8")) + 1
    big = write(tmp_path / "big.txt", unit * reps)
    small = write(tmp_path / "small.txt", SIMPLIFIED)
    assert big.stat().st_size >= 10_000_000
    t0 = time.perf_counter()
    code, out, err = run(big, small)
    elapsed = time.perf_counter() - t0
    recs = records(out)
    assert code == 0, err
    assert [r["id"] for r in recs] == ["big", "small"]
    assert recs[0]["text"] == unit * reps
    assert offset_problems(recs[0]) == []
    assert len(recs[0]["entities"]) > reps  # found throughout, not only at the start
    print(f"10 MB document: {elapsed:.1f} s")
