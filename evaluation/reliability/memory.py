"""Peak memory of `zhie extract` on huge inputs (issue 18): a 100 MB JSONL file and one 20 MB document.

    python evaluation/reliability/memory.py [--jsonl-mb 100] [--doc-mb 20] [--model default|rules]

Inputs are made from the example documents (examples/*.txt): the JSONL file holds them, repeated,
as separate documents (ids ``d000001`` …) until it reaches the size; the single document is their
concatenation repeated to the size (UTF-8 bytes). Each run is `python -m extract extract INPUT -o OUT
--no-progress` in a child process whose peak resident memory (VmHWM in /proc/PID/status) is sampled
every second. Results go to evaluation/reliability/memory.json (also written every 30 s while a run
goes, so a run stopped by --deadline still says how far it got).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "memory.json"

def _examples() -> list:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def make_jsonl(path: Path, mb: float) -> dict:
    texts, size, n, chars = _examples(), 0, 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < mb * 1e6:
            t = texts[n % len(texts)]
            line = json.dumps({"id": f"d{n:06d}", "text": t}, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            chars += len(t)
            n += 1
    return {"bytes": path.stat().st_size, "docs": n, "chars": chars}


def make_doc(path: Path, mb: float) -> dict:
    base = "\n".join(_examples())
    unit = len(base.encode("utf-8"))
    text = base * int(mb * 1e6 // unit + 1)
    data = text.encode("utf-8")[: int(mb * 1e6)].decode("utf-8", "ignore")
    path.write_text(data, encoding="utf-8")
    return {"bytes": path.stat().st_size, "docs": 1, "chars": len(data)}


def _vmhwm_mb(pid: int):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def measure(inp: Path, model: str, workdir: Path, on_progress=None, deadline_s: float = None) -> dict:
    """Run zhie extract on ``inp``; peak RSS from the child's VmHWM, sampled every second (and
    getrusage(RUSAGE_CHILDREN) in a wrapper process at the end, when the run finishes). With
    ``deadline_s`` the run is stopped after that many seconds and the result says how far it got."""
    out = workdir / (inp.stem + ".out.jsonl")
    cmd = [sys.executable, "-m", "extract", "extract", str(inp), "-o", str(out), "--no-progress"]
    if model != "default":
        cmd += ["--model", model]
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, last, finished = 0.0, 0.0, True
    while proc.poll() is None:
        hwm = _vmhwm_mb(proc.pid)
        peak = max(peak, hwm or 0.0)
        now = time.perf_counter() - t
        if on_progress and now - last > 30:
            last = now
            on_progress({"seconds": now, "peak_rss_mb": peak, "records": _count(out), "finished": False})
        if deadline_s is not None and now > deadline_s:
            proc.kill()
            finished = False
            break
        time.sleep(1.0)
    err = proc.communicate()[1] or ""
    r = {"rc": proc.returncode, "seconds": time.perf_counter() - t, "peak_rss_mb": peak, "finished": finished,
         "stderr": err[-600:]}
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    r["records"] = len(lines)
    r["errors"] = sum(1 for line in lines if json.loads(line).get("error"))
    r["command"] = "zhie extract " + inp.name + " -o OUT --no-progress" + ("" if model == "default" else f" --model {model}")
    return r


def _count(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jsonl-mb", type=float, default=100)
    ap.add_argument("--doc-mb", type=float, default=20)
    ap.add_argument("--model", default="default")
    ap.add_argument("--only", choices=("jsonl", "doc"), default=None)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--deadline", type=float, default=None, help="stop a run after this many seconds")
    args = ap.parse_args(argv)
    results = json.loads(Path(args.out).read_text(encoding="utf-8")) if Path(args.out).exists() else {}
    with tempfile.TemporaryDirectory(prefix="zhie-mem-") as tmp:
        tmp = Path(tmp)
        runs = []
        if args.only in (None, "doc"):
            runs.append(("single_document", tmp / "big.txt", make_doc, args.doc_mb))
        if args.only in (None, "jsonl"):
            runs.append(("jsonl", tmp / "big.jsonl", make_jsonl, args.jsonl_mb))
        for key, path, make, mb in runs:
            info = make(path, mb)
            print(f"[memory] {key}: {info['bytes'] / 1e6:.1f} MB, {info['docs']} docs, {info['chars']:,} chars …",
                  file=sys.stderr, flush=True)
            def save(partial, key=key, info=info):
                results[key] = {**partial, "input": info, "model": args.model, "limit_mb": 1500}
                Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

            r = measure(path, args.model, tmp, on_progress=save, deadline_s=args.deadline)
            r.update(input=info, model=args.model, limit_mb=1500, measured=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
            print(f"[memory] {key}: peak RSS {r['peak_rss_mb']:.0f} MB, {r['seconds']:.0f} s, rc {r['rc']}, "
                  f"{r['records']} records", file=sys.stderr, flush=True)
            results[key] = r
            Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
