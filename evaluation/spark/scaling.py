"""Scaling of `zhie spark` in local mode: documents and characters per second at 1 and 2 cores.

    python evaluation/spark/scaling.py [--news DIR] [--mb 50] [--cores 1,2] [--partitions 8]

The corpus is the news texts (``DIR/simp.jsonl`` and ``DIR/trad.jsonl``) repeated, each copy with
its own ids, until it holds at least ``--mb`` MB of UTF-8 text, written as 8 JSONL shards. For each
core count (``local[N]``, a fresh SparkSession) the same ``extract.spark.job.spark`` job runs twice
over the whole corpus into JSONL:

1. an *empty pass* with a pipeline of no components: reading, decoding, shuffling into
   partitions, Arrow transfer to the Python workers, building and writing the records (the text
   included) — the overhead of the driver and of Spark itself;
2. the *full pass* with the shipped model (``models/default``); each Python worker loads it once
   during this pass, so the load is counted.

A warm-up pass over 20 documents comes first in each session and is not counted.

Extraction throughput is the corpus divided by (full - empty); end-to-end throughput is the corpus
divided by the full pass. Session start (JVM launch) is timed apart. The full pass's records of the
first copy are compared, by id and byte for byte, with ``zhie extract`` run in this process on
the news files. Writes ``evaluation/spark/results.json`` and ``evaluation/spark/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from extract.spark.job import session, spark  # noqa: E402

EMPTY_MODEL = {"name": "empty", "pipeline": []}


def load_news(news: Path) -> list:
    docs = []
    for name in ("simp.jsonl", "trad.jsonl"):
        with open(news / name, encoding="utf-8") as f:
            docs += [json.loads(line) for line in f if line.strip()]
    return docs


def build_corpus(docs: list, folder: Path, mb: float, shards: int = 8) -> dict:
    """Repeat ``docs`` (ids ``ID#k``) into ``shards`` JSONL files until the texts hold ``mb`` MB."""
    folder.mkdir(parents=True, exist_ok=True)
    one = sum(len(d["text"].encode("utf-8")) for d in docs)
    copies = max(1, -(-int(mb * 1_000_000) // one))
    files = [open(folder / f"news-{i:02d}.jsonl", "w", encoding="utf-8") for i in range(shards)]
    n = 0
    try:
        for k in range(copies):
            for d in docs:
                files[n % shards].write(json.dumps({"id": f"{d['id']}#{k}", "text": d["text"]}, ensure_ascii=False) + "\n")
                n += 1
    finally:
        for f in files:
            f.close()
    return {"copies": copies, "docs": n, "chars": copies * sum(len(d["text"]) for d in docs),
            "text_bytes": copies * one, "file_bytes": sum(p.stat().st_size for p in folder.glob("*.jsonl")),
            "shards": shards}


def timed_pass(ss, corpus: Path, out: Path, model, partitions: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    summary = spark([str(corpus)], str(out), model=model, partitions=partitions, mode="overwrite", session_=ss)
    wall = time.perf_counter() - t0
    return {"wall_s": round(wall, 2), "documents": summary.documents, "failed": summary.failed,
            "chars": summary.chars, "loadavg_1min_before": round(load0, 2),
            "loadavg_1min_after": round(os.getloadavg()[0], 2)}


def compare_with_zhie_extract(news: Path, out: Path) -> dict:
    """Records of copy 0 in ``out`` vs ``zhie extract`` on the news files: identical lines, by id."""
    from extract.run import extract

    ref = {}
    for name in ("simp.jsonl", "trad.jsonl"):
        with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", encoding="utf-8") as tmp:
            extract([str(news / name)], out=tmp.name, progress=False)
            tmp.seek(0)
            for line in tmp.read().splitlines():
                ref[json.loads(line)["id"]] = line
    got = {}
    for p in sorted(out.glob("part-*")):
        for line in p.read_text(encoding="utf-8").splitlines():
            rec_id = json.loads(line)["id"]
            base, _, k = rec_id.rpartition("#")
            if k == "0":
                # the record of copy 0 with the id it had in the news file
                got[base] = line.replace(json.dumps(rec_id, ensure_ascii=False), json.dumps(base, ensure_ascii=False), 1)
    same = sum(1 for i, line in ref.items() if got.get(i) == line)
    return {"documents": len(ref), "identical": same, "missing": sorted(set(ref) - set(got))[:10],
            "different": sorted(i for i in ref if i in got and got[i] != ref[i])[:10]}


MEMORY_PROBE = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
def rss(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
import pyarrow, extract
base = rss()
nlp = extract.load()
loaded = rss()
docs = [json.loads(l) for name in ("simp.jsonl", "trad.jsonl") for l in open(sys.argv[2] + "/" + name, encoding="utf-8")]
import time
try:
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)
except ImportError:
    pass
cpu0 = time.process_time()
for _ in nlp.pipe([(d["text"], d["id"]) for d in docs], batch_size=32):
    pass
cpu = time.process_time() - cpu0
print(json.dumps({"python_with_extract_and_pyarrow_mb": round(base), "after_model_load_mb": round(loaded),
                  "peak_after_news_corpus_mb": round(rss()), "largest_doc_chars": max(len(d["text"]) for d in docs),
                  "pipeline_chars_per_cpu_s": round(sum(len(d["text"]) for d in docs) / cpu)}))
"""


def worker_memory(news: Path) -> dict:
    """Peak resident memory of one Python process that imports extract, loads the model and runs the news once;
    also its speed in characters per CPU second (one thread), which the other jobs on the machine disturb less
    than wall-clock figures."""
    out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(REPO), str(news)], capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else {"error": out.stderr[-500:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news", default=str(REPO / "annotations" / "news" / "raw"),
                    help="folder with simp.jsonl and trad.jsonl")
    ap.add_argument("--source", default=None, help="where the news files came from, if --news is a copy (for the record)")
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB of UTF-8 text (at least)")
    ap.add_argument("--cores", default="1,2")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one, removed)")
    ap.add_argument("--out", default=str(HERE / "results.json"))
    ap.add_argument("--render-only", action="store_true",
                    help="recompute the sizing and rewrite RESULTS.md from --out, measuring nothing")
    ap.add_argument("--probe-only", action="store_true",
                    help="rerun only the one-process memory and CPU probe on --news, and rewrite --out and RESULTS.md")
    args = ap.parse_args(argv)
    if args.render_only or args.probe_only:
        result = json.loads(Path(args.out).read_text(encoding="utf-8"))
        if args.probe_only:
            result["worker_memory"] = worker_memory(Path(args.news))
            result["worker_memory"]["command"] = "python evaluation/spark/scaling.py " + " ".join(
                argv if argv is not None else sys.argv[1:])
        result["sizing"] = sizing(result)
        write(result, Path(args.out))
        return 0

    news = Path(args.news)
    docs = load_news(news)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="zhie-spark-scaling-"))
    corpus = build_corpus(docs, work / "corpus", args.mb)
    build_corpus(docs[:20], work / "warmup", 0.001, shards=1)
    print(f"scaling: corpus {corpus['docs']} documents, {corpus['chars']:,} chars, "
          f"{corpus['text_bytes'] / 1e6:.1f} MB of text in {work / 'corpus'}", file=sys.stderr)
    runs = []
    check = None
    for cores in [int(c) for c in args.cores.split(",")]:
        t0 = time.perf_counter()
        ss = session(f"local[{cores}]", {"spark.ui.enabled": "false", "spark.driver.memory": "2g"})
        ss.sparkContext.setLogLevel("ERROR")
        start = time.perf_counter() - t0
        # warm-up (not counted): JIT, Python workers and their imports, on one small shard
        timed_pass(ss, work / "warmup", work / "out-warmup", EMPTY_MODEL, cores)
        empty = timed_pass(ss, work / "corpus", work / "out-empty", EMPTY_MODEL, args.partitions)
        print(f"scaling: local[{cores}] empty pass {empty['wall_s']} s", file=sys.stderr)
        full = timed_pass(ss, work / "corpus", work / "out-full", None, args.partitions)
        print(f"scaling: local[{cores}] full pass {full['wall_s']} s", file=sys.stderr)
        ss.stop()
        extract_s = full["wall_s"] - empty["wall_s"]
        runs.append({
            "master": f"local[{cores}]", "cores": cores, "partitions": args.partitions,
            "session_start_s": round(start, 2), "empty_pass": empty, "full_pass": full,
            "end_to_end": {"docs_per_s": round(full["documents"] / full["wall_s"], 1),
                           "chars_per_s": round(full["chars"] / full["wall_s"])},
            "extraction_only": {"seconds": round(extract_s, 2),
                                "docs_per_s": round(full["documents"] / extract_s, 1),
                                "chars_per_s": round(full["chars"] / extract_s),
                                "chars_per_s_per_core": round(full["chars"] / extract_s / cores)},
            "driver_and_spark_overhead_share": round(empty["wall_s"] / full["wall_s"], 3),
        })
        if check is None:
            check = compare_with_zhie_extract(news, work / "out-full")
    by_cores = {r["cores"]: r for r in runs}
    speedup = None
    if 1 in by_cores and 2 in by_cores:
        speedup = {k: round(by_cores[2][k]["chars_per_s"] / by_cores[1][k]["chars_per_s"], 2)
                   for k in ("end_to_end", "extraction_only")}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    import pyspark
    from extract.pipeline import load

    t0 = time.perf_counter()
    load()
    model_load_s = round(time.perf_counter() - t0, 2)
    result = {
        "command": "python evaluation/spark/scaling.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit, "python": platform.python_version(), "pyspark": pyspark.__version__,
        "machine": {"cpu_count": os.cpu_count(),
                    "note": "2 CPUs shared with other engineers' jobs during the run (see the load averages); "
                            "absolute figures are lower than on an idle machine and the 2-core speedup is "
                            "bounded by what the other jobs left free"},
        "data": {"source": f"{args.source or news}/simp.jsonl + trad.jsonl ({len(docs)} news texts), repeated",
                 "sha256": {n: hashlib.sha256((news / n).read_bytes()).hexdigest()[:16] for n in ("simp.jsonl", "trad.jsonl")},
                 **corpus},
        "model": "models/default (full pass); a pipeline with no components (empty pass)",
        "model_load_s_in_driver": model_load_s,
        "worker_memory": worker_memory(news),
        "runs": runs, "speedup_2_vs_1_core": speedup,
        "records_vs_zhie_extract": check,
    }
    result["sizing"] = sizing(result)
    write(result, Path(args.out))
    print(json.dumps({"runs": [(r["master"], r["end_to_end"], r["extraction_only"]) for r in runs],
                      "speedup": speedup, "check": check}, ensure_ascii=False), file=sys.stderr)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def write(result: dict, out: Path) -> None:
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out.parent / "RESULTS.md").write_text("# `zhie spark`: scaling in local mode\n\n" + "\n".join(markdown(result)) + "\n",
                                           encoding="utf-8")


def sizing(r: dict, articles: int = 10_000_000, hours: float = 1.0, cores_per_executor: int = 4,
           task_minutes: float = 2.0, headroom: float = 1.25) -> dict:
    """What a cluster needs for ``articles`` news articles in ``hours``, from the measured run.

    Per-core speed: the 2-core local run end to end (overhead included, shared machine), so the
    estimate is conservative; ``headroom`` covers stragglers and retries. Article length: the mean
    of the news corpus. Memory per Python worker: the measured peak of one process that loads the
    model and runs the news corpus, doubled for long documents and rounded up.
    """
    import math

    d = r["data"]
    run = max(r["runs"], key=lambda x: x["cores"])
    per_core = run["end_to_end"]["chars_per_s"] / run["cores"]
    chars_per_article = d["chars"] / d["docs"]
    total = articles * chars_per_article
    needed = total / (hours * 3600)
    cores = math.ceil(needed / per_core * headroom / cores_per_executor) * cores_per_executor
    peak = (r.get("worker_memory") or {}).get("peak_after_news_corpus_mb", 512)
    worker_mb = int(math.ceil(2 * peak / 256) * 256)
    part_chars = per_core * task_minutes * 60
    partitions = max(3 * cores, int(math.ceil(total / part_chars / 100) * 100))
    cpu_rate = (r.get("worker_memory") or {}).get("pipeline_chars_per_cpu_s")
    idle = None
    if cpu_rate:  # a core of its own: the pipeline's CPU-second speed, less the measured share of Spark overhead
        idle_per_core = cpu_rate * (1 - run["driver_and_spark_overhead_share"])
        idle = {"per_core_chars_per_s": round(idle_per_core),
                "cores": math.ceil(needed / idle_per_core * headroom / cores_per_executor) * cores_per_executor}
    return {
        "idle_core_estimate": idle,
        "articles": articles, "hours": hours, "chars_per_article": round(chars_per_article),
        "total_chars": round(total), "needed_chars_per_s": round(needed),
        "per_core_chars_per_s_used": round(per_core), "headroom": headroom,
        "cores": cores, "executors": cores // cores_per_executor, "cores_per_executor": cores_per_executor,
        "python_worker_peak_mb_measured": peak, "pyspark_memory_per_worker_mb": worker_mb,
        "spark.executor.pyspark.memory": f"{worker_mb * cores_per_executor // 1024}g"
        if worker_mb * cores_per_executor % 1024 == 0 else f"{worker_mb * cores_per_executor}m",
        "spark.executor.memory": "2g",
        "partitions": partitions, "articles_per_partition": round(articles / partitions),
        "chars_per_partition": round(total / partitions),
        "task_seconds_at_measured_speed": round(total / partitions / per_core),
    }


def run_share(r: dict) -> str:
    run = max(r["runs"], key=lambda x: x["cores"])
    return f"{run['driver_and_spark_overhead_share']:.0%} of the {run['master']} full pass"


def markdown(r: dict) -> list:
    """The results as a markdown section (also what evaluation/make_report.py puts into REPORT.md)."""
    d = r["data"]
    L = [f"Command: `{r['command']}` at commit `{r['commit']}` ({r['date']}, pyspark {r['pyspark']}). "
         f"Data: {d['source']} ×{d['copies']} = {d['docs']:,} documents, {d['chars']:,} characters "
         f"({d['text_bytes'] / 1e6:.1f} MB of UTF-8 text, {d['shards']} JSONL shards); no split (speed only). "
         f"Each run: `zhie spark` in local mode into JSONL, {r['runs'][0]['partitions']} partitions, "
         "an empty pass (no pipeline components: read, decode, shuffle, Arrow, write) and the full pass "
         "with `models/default`. **Machine: " + r["machine"]["note"] + ".**", "",
         "| master | session start s | empty pass s | full pass s | end to end docs/s | chars/s | "
         "extraction only docs/s | chars/s | chars/s per core | load avg (1 min) |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for x in r["runs"]:
        e, f = x["end_to_end"], x["extraction_only"]
        L.append(f"| {x['master']} | {x['session_start_s']} | {x['empty_pass']['wall_s']} | {x['full_pass']['wall_s']} | "
                 f"{e['docs_per_s']:,} | {e['chars_per_s']:,} | {f['docs_per_s']:,} | {f['chars_per_s']:,} | "
                 f"{f['chars_per_s_per_core']:,} | {x['full_pass']['loadavg_1min_before']} → "
                 f"{x['full_pass']['loadavg_1min_after']} |")
    if r.get("speedup_2_vs_1_core"):
        s = r["speedup_2_vs_1_core"]
        L += ["", f"2 cores vs 1: ×{s['end_to_end']} end to end, ×{s['extraction_only']} extraction only."]
    m = r.get("worker_memory") or {}
    if "after_model_load_mb" in m:
        L += ["", f"Memory of one Python worker (one process: import extract and pyarrow, load `models/default`, run the "
              f"{r['data']['source'].split('(')[-1].split(' news')[0]} news texts): {m['python_with_extract_and_pyarrow_mb']} MB "
              f"before the model, {m['after_model_load_mb']} MB after loading it, peak {m['peak_after_news_corpus_mb']} MB "
              f"(longest text {m['largest_doc_chars']:,} characters); "
              f"{m.get('pipeline_chars_per_cpu_s', 0):,} chars per CPU second on one thread. Model load: "
              f"{r.get('model_load_s_in_driver')} s."]
    z = r.get("sizing") or sizing(r)
    L += ["", f"**Sizing for {z['articles']:,} articles in {z['hours']:g} hour** (arithmetic on the figures above, "
          f"not a cluster measurement): {z['articles']:,} × {z['chars_per_article']:,} characters (the news mean) = "
          f"{z['total_chars'] / 1e9:.1f} billion characters, {z['needed_chars_per_s'] / 1e6:.2f} M chars/s. At "
          f"{z['per_core_chars_per_s_used']:,} chars/s per core (the 2-core run end to end, overhead included, on the "
          f"shared machine) and ×{z['headroom']} headroom for stragglers and retries: **{z['cores']} cores**, e.g. "
          f"{z['executors']} executors × {z['cores_per_executor']} cores; per executor `spark.executor.memory="
          f"{z['spark.executor.memory']}` (the JVM only moves Arrow batches and shuffles text) and "
          f"`spark.executor.pyspark.memory={z['spark.executor.pyspark.memory']}` ({z['pyspark_memory_per_worker_mb']} MB "
          f"per Python worker: the model's measured peak of {z['python_worker_peak_mb_measured']} MB, doubled for long "
          f"documents); **{z['partitions']:,} partitions** of about {z['articles_per_partition']:,} articles "
          f"({z['chars_per_partition'] / 1e6:.1f} M characters, about {z['task_seconds_at_measured_speed']} s per task), "
          "so a slow task costs little and every core gets many tasks."]
    if z.get("idle_core_estimate"):
        i = z["idle_core_estimate"]
        L += ["", f"This errs on the large side: the shared cores were busy with other jobs. One process of the "
              f"pipeline does {m.get('pipeline_chars_per_cpu_s', 0):,} chars per CPU second; less the measured Spark "
              f"overhead share ({run_share(r)}) that is {i['per_core_chars_per_s']:,} chars/s on a core of its own, "
              f"and the same hour needs **{i['cores']} cores** (same headroom). Plan between the two; a 15-minute "
              "trial on 1% of the corpus with the settings above tells which."]
    c = r.get("records_vs_zhie_extract")
    if c:
        L += ["", f"Records of the first copy vs `zhie extract` on the same news files, by id: {c['identical']} of "
              f"{c['documents']} byte-identical" + (f"; missing {c['missing']}, different {c['different']}"
                                                   if c["missing"] or c["different"] else "") + "."]
    return L


if __name__ == "__main__":
    sys.exit(main())
