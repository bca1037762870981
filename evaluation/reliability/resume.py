"""SIGKILL a `zhie extract` run at random points, resume it, and check the output (issue 18).

    python evaluation/reliability/resume.py [--trials 3] [--kills 6] [--docs 150] [--model rules]

Each trial writes a JSONL input of ``--docs`` short news-like documents, starts
`zhie extract IN -o OUT --batch-size 1` (with --resume after the first start), kills it with SIGKILL
once a random number of records is written (plus a random 0-50 ms), ``--kills`` times, then lets a
last `--resume` run finish. Checked: every line of OUT is a whole JSON record, the ids are exactly the
input ids once each in input order, and the records equal those of one uninterrupted run. Results go
to evaluation/reliability/resume.json. (tests/test_reliability.py runs the same loop, smaller.)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _zhie(args, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, "-m", "extract", *map(str, args)], cwd=str(ROOT), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def trial(tmp: Path, n_docs: int, kills: int, seed: int, model: str) -> dict:
    rng = random.Random(seed)
    src, out, clean = tmp / "in.jsonl", tmp / "out.jsonl", tmp / "clean.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(n_docs):
            text = "".join(f"2025年末，上海第{j}家科技股份有限公司完成C轮融资超{i + j}亿元，位居全国第{j % 9 + 1}。"
                           for j in range(rng.randint(1, 6)))
            f.write(json.dumps({"id": f"doc{i}", "text": text}, ensure_ascii=False) + "\n")
    killed_at, torn = [], 0
    for attempt in range(kills):
        have = out.read_bytes().count(b"\n") if out.exists() else 0
        if have >= n_docs - 1:
            break
        want = have + rng.randint(1, max(1, (n_docs - have) // 5))  # kill once some new records are written
        proc = _zhie(["extract", src, "-o", out, "--model", model, "--batch-size", "1", "--no-progress"]
                     + (["--resume"] if attempt else []))
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= want:
                break
            time.sleep(0.005)
        time.sleep(rng.random() * 0.05)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            data = out.read_bytes() if out.exists() else b""
            killed_at.append(data.count(b"\n"))
            torn += bool(data) and not data.endswith(b"\n")
        else:
            proc.wait()
    proc = _zhie(["extract", src, "-o", out, "--model", model, "--no-progress", "--resume"])
    err = proc.communicate(timeout=1200)[1].decode()
    lines = out.read_text(encoding="utf-8").splitlines()
    recs = []
    whole = True
    for line in lines:
        try:
            recs.append(json.loads(line))
        except ValueError:
            whole = False
    subprocess.run([sys.executable, "-m", "extract", "extract", str(src), "-o", str(clean), "--model", model,
                    "--no-progress"], cwd=str(ROOT), env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True)
    same = clean.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    ids_ok = [r.get("id") for r in recs] == [f"doc{i}" for i in range(n_docs)]
    return {"seed": seed, "docs": n_docs, "kills": len(killed_at), "records_at_kills": killed_at,
            "torn_last_lines_seen": torn, "final_rc": proc.returncode, "all_lines_whole": whole,
            "one_record_per_id_in_order": ids_ok, "identical_to_uninterrupted_run": same,
            "ok": proc.returncode == 0 and whole and ids_ok and same, "stderr": err[-300:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trials", type=int, default=3)
    ap.add_argument("--kills", type=int, default=6)
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--model", default="rules")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "resume.json"))
    args = ap.parse_args(argv)
    results = []
    for seed in range(args.trials):
        with tempfile.TemporaryDirectory(prefix="zhie-kill-") as tmp:
            r = trial(Path(tmp), args.docs, args.kills, seed, args.model)
        print(f"[resume] trial {seed}: {r['kills']} kills at {r['records_at_kills']} records, "
              f"{r['torn_last_lines_seen']} torn last lines seen; ok={r['ok']}", file=sys.stderr, flush=True)
        results.append(r)
    summary = {"command": f"python evaluation/reliability/resume.py --trials {args.trials} --kills {args.kills} "
                          f"--docs {args.docs} --model {args.model}",
               "trials": results, "kills": sum(r["kills"] for r in results),
               "torn_last_lines_seen": sum(r["torn_last_lines_seen"] for r in results),
               "all_ok": all(r["ok"] for r in results)}
    Path(args.out).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if summary["all_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
