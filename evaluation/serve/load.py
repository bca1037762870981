"""Load test of ``zhie serve`` on loopback, against ``zhie extract`` on the same texts and worker count.

    python evaluation/serve/load.py                       # 8 and 32 clients, 25 s each, 2 workers
    python evaluation/serve/load.py --duration 60 --clients 8 32 --workers 2

Texts: the five gold documents (annotations/gold.jsonl) cut at blank lines into pieces of at most about
1,500 characters (article-sized requests). The server is started as ``python -m extract serve --host
127.0.0.1 --port FREE --workers N``; each client is a thread with one keep-alive HTTP connection that
posts ``{"id", "text"}`` to ``/v1/extract`` in a loop, texts taken round-robin, until the phase's time
is up (and never more than ``--max-requests`` in all). Only 127.0.0.1 is contacted.

Reported per phase: requests, errors (any non-200 or connection failure), throughput (requests/s and
characters/s), latency p50/p99, and the RSS of the server and its workers (sum, MB) at the start and
end of the phase. Then ``zhie extract``'s throughput on the same texts: N processes (``extract.run.
extract`` on a JSONL of one share of the texts, repeated), each timed from a common start after its
model has loaded and warmed up; throughput = all documents / the slowest process's time, measured once
before the server starts and once after it stops, and averaged (the machine is shared, its load drifts).
Writes evaluation/serve/load.json.
"""
from __future__ import annotations

import argparse
import shlex
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))
OUT = Path(__file__).resolve().parent / "load.json"


def texts_from_gold(max_chars: int = 1500) -> list:
    out = []
    for line in (REPO / "annotations" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        buf = ""
        for para in rec["text"].split("\n\n"):
            if buf and len(buf) + len(para) + 2 > max_chars:
                out.append(buf)
                buf = ""
            buf = f"{buf}\n\n{para}" if buf else para
            while len(buf) > max_chars:
                out.append(buf[:max_chars])
                buf = buf[max_chars:]
        if buf.strip():
            out.append(buf)
    return [t for t in out if t.strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_mb(pid: int) -> float:
    """RSS of a process and all its descendants, from /proc (MB)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo.extend(int(k) for k in kids)
        except (OSError, ValueError):
            continue
    return round(total / 1024, 1)


def start_server(workers: int, port: int, log_path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers), "--backlog", "64"], cwd=REPO, env=env, stdout=log,
                            stderr=log)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=5) as r:
                if json.loads(r.read())["status"] == "ok":
                    return proc
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"server did not start; see {log_path}")


def phase(port: int, texts: list, clients: int, duration: float, max_requests: int, pid: int) -> dict:
    lock = threading.Lock()
    state = {"next": 0, "sent": 0}
    lat, errors, chars = [], {}, [0]
    stop_at = time.time() + duration

    def client(k):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.time() < stop_at:
            with lock:
                if state["sent"] >= max_requests:
                    break
                i = state["next"] % len(texts)
                state["next"] += 1
                state["sent"] += 1
            body = json.dumps({"id": f"c{k}-{i}", "text": texts[i]}, ensure_ascii=False).encode()
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/v1/extract", body, {"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
                ok = status == 200 and json.loads(data).get("error") is None
            except (OSError, http.client.HTTPException) as e:
                status, ok = type(e).__name__, False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            dt = time.perf_counter() - t0
            with lock:
                if ok:
                    lat.append(dt)
                    chars[0] += len(texts[i])
                else:
                    errors[str(status)] = errors.get(str(status), 0) + 1
        conn.close()

    rss_start = tree_rss_mb(pid)
    t0 = time.time()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    peak = rss_start
    while any(t.is_alive() for t in threads):
        peak = max(peak, tree_rss_mb(pid))
        time.sleep(0.5)
    for t in threads:
        t.join()
    wall = time.time() - t0
    rss_end = tree_rss_mb(pid)
    lat.sort()
    q = (lambda p: round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 1)) if lat else (lambda p: None)
    return {"clients": clients, "seconds": round(wall, 1), "requests": len(lat) + sum(errors.values()),
            "ok": len(lat), "errors": sum(errors.values()), "errors_by_status": errors,
            "requests_per_s": round(len(lat) / wall, 2), "chars_per_s": round(chars[0] / wall),
            "latency_ms": {"p50": q(0.50), "p90": q(0.90), "p99": q(0.99), "max": q(1.0),
                           "mean": round(1000 * statistics.mean(lat), 1) if lat else None},
            "rss_mb": {"start": rss_start, "end": rss_end, "peak": peak}}


def extract_worker(args) -> int:
    """One `zhie extract` process: load, wait for the common start, extract the share, print the timing."""
    from extract.pipeline import load
    from extract.run import extract

    nlp = load()
    with open(args.extract_worker, encoding="utf-8") as f:  # warm up as the server's workers were
        for line in f.readlines()[:5]:
            nlp(json.loads(line)["text"])
    while time.time() < args.start_at:
        time.sleep(0.01)
    t0 = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        summary = extract([args.extract_worker], out=out, nlp=nlp, progress=False)
    dt = time.perf_counter() - t0
    print(json.dumps({"documents": summary.documents, "chars": summary.chars, "seconds": dt,
                      "failed": summary.failed}))
    return 0


def zhie_extract_throughput(texts: list, workers: int, repeat: int, tmp: Path) -> dict:
    shares = [[] for _ in range(workers)]
    for k in range(repeat):
        for i, t in enumerate(texts):
            shares[(k * len(texts) + i) % workers].append((f"r{k}-{i}", t))
    procs = []
    start_at = time.time() + 25  # after every process has loaded its model
    for w, share in enumerate(shares):
        path = tmp / f"share{w}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for doc_id, t in share:
                f.write(json.dumps({"id": doc_id, "text": t}, ensure_ascii=False) + "\n")
        procs.append(subprocess.Popen([sys.executable, __file__, "--extract-worker", str(path), "--start-at",
                                       str(start_at)], cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
                                      stdout=subprocess.PIPE, text=True))
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = max(r["seconds"] for r in results)
    docs, chars = sum(r["documents"] for r in results), sum(r["chars"] for r in results)
    return {"processes": workers, "documents": docs, "chars": chars, "seconds": round(wall, 1),
            "documents_per_s": round(docs / wall, 2), "chars_per_s": round(chars / wall),
            "failed": sum(r["failed"] for r in results)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    ap.add_argument("--duration", type=float, default=25.0, help="seconds per phase")
    ap.add_argument("--max-requests", type=int, default=20000, help="cap per phase")
    ap.add_argument("--extract-repeat", type=int, default=3, help="passes over the texts for zhie extract")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--extract-worker", help=argparse.SUPPRESS)
    ap.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.extract_worker:
        return extract_worker(args)

    texts = texts_from_gold()
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="zhie-load-"))
    load_avg_before = os.getloadavg()
    # zhie extract is measured before and after the server (the machine is shared: its load drifts)
    ext_before = zhie_extract_throughput(texts, args.workers, args.extract_repeat, tmp)
    proc = start_server(args.workers, port, tmp / "server.log")
    try:
        warm = phase(port, texts, args.workers, 5, len(texts), proc.pid)  # every text once, workers warm
        phases = [phase(port, texts, c, args.duration, args.max_requests, proc.pid) for c in args.clients]
        rss_after = tree_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(20)
    ext_after = zhie_extract_throughput(texts, args.workers, args.extract_repeat, tmp)
    ext = {k: v for k, v in ext_before.items() if k == "processes"}
    for k in ("documents_per_s", "chars_per_s"):
        ext[k] = round((ext_before[k] + ext_after[k]) / 2, 2 if k == "documents_per_s" else None)
    ext.update(before_server=ext_before, after_server=ext_after)
    ext["chars_per_s"] = int(ext["chars_per_s"])
    result = {
        "command": "python evaluation/serve/load.py " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_avg_before": [round(x, 2) for x in load_avg_before],
                    "note": "A shared 2-core machine: other jobs ran at the same time, so figures are noisy"},
        "texts": {"source": "annotations/gold.jsonl cut at blank lines into pieces of <= 1500 chars",
                  "count": len(texts), "chars": sum(map(len, texts)),
                  "mean_chars": round(sum(map(len, texts)) / len(texts))},
        "server": {"workers": args.workers, "backlog": 64, "duration_s": args.duration, "warm_up": warm,
                   "phases": phases, "rss_mb_after_all": rss_after},
        "zhie_extract": ext,
        "ratio_server_to_extract_chars_per_s": {str(p["clients"]): round(p["chars_per_s"] / ext["chars_per_s"], 3)
                                                for p in phases},
    }
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for p in phases:
        print(f"{p['clients']:>3} clients: {p['requests_per_s']} req/s, {p['chars_per_s']:,} chars/s, "
              f"p50 {p['latency_ms']['p50']} ms, p99 {p['latency_ms']['p99']} ms, errors {p['errors']}, "
              f"RSS {p['rss_mb']['start']} → {p['rss_mb']['end']} MB")
    print(f"zhie extract ({args.workers} processes): {ext['documents_per_s']} docs/s, {ext['chars_per_s']:,} chars/s "
          f"(before {ext_before['chars_per_s']:,}, after {ext_after['chars_per_s']:,})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
