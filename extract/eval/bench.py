"""Speed and memory benchmark: load time, per-stage and end-to-end throughput, scaling, vs jieba.

Everything is measured in one run on one machine, so the ratios are honest::

    >>> from extract.eval.bench import bench, format_bench
    >>> d = bench(max_size=100_000)          # the seed documents, the default model
    >>> print(format_bench(d))

or ``zhie bench [FILES...] [--model PATH] [--max-size N] [--json OUT]``.

What is measured:

- ``load``: ``import extract; extract.load(model)`` in a fresh Python process
  (cold caches of this process, warm OS file cache), with that process's peak
  RSS, then the time and peak RSS of its first short document (components
  that load data lazily pay here), best of ``repeat`` such processes (each run's
  time kept in ``runs_s``); plus the load time inside this process.
- ``stages``: each pipeline component run over all input documents in turn
  (``comp.pipe(docs)`` when it has one, else one document at a time); best of
  ``repeat`` runs; chars/s and docs/s.
- ``end_to_end``: ``nlp.pipe`` over the input texts, best of ``repeat``.
- ``jieba``: ``jieba.cut`` and ``jieba.posseg.cut`` over the same texts (both
  warmed up first), and the time ratios ZhIE / jieba (> 1: ZhIE is slower).
  ``jieba_on_normalized``: the same on ZhIE's simplified half-width view
  (jieba.posseg is several times slower on traditional text, whose characters
  its dictionary lacks, so both numbers are shown).
- ``scaling``: one synthetic document per size in ``sizes`` (the input texts
  concatenated and repeated, cut to the size), timed for ZhIE (stage by stage,
  ``zhie_stages_s``; ``zhie_s`` is their sum), jieba.cut and jieba.posseg.
  A tool is skipped at a size, with its projected time, when extrapolating
  its previous sizes (power law, exponent at least 1; for ZhIE stage by stage,
  summed, so one superlinear stage is not hidden by the others) says it would
  take more than ``budget_s`` seconds; ``max_size`` drops larger sizes.
  Runs longer than 5 s are not repeated.
- ``peak_rss_mb``: this process's peak resident memory (VmHWM on Linux,
  else ``ru_maxrss``) after loading, after the stage runs, and at the end
  (jieba's tables and the scaling runs dominate the last one).
"""
from __future__ import annotations

import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from extract.config import REPO_ROOT
from extract.eval.stress import _read, _synthesize, default_files  # noqa: F401  (the benchmark's inputs)

SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)


def _rss_mb() -> float:
    """Peak resident memory of this process in MB.

    On Linux this is ``VmHWM`` from /proc/self/status: ``ru_maxrss`` survives
    ``exec`` there, so a child started from a big parent would report the
    parent's peak. Elsewhere ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 2 ** 20  # KB on Linux, bytes on macOS


def _model_spec(model):
    if model is None or isinstance(model, dict):
        return model
    return str(model)


_LOAD_CODE = r"""
import json, sys, time
t = time.perf_counter()
import extract, extract.eval.baselines
spec = json.loads(sys.argv[1])
nlp = extract.load() if spec is None else extract.load(spec)
dt = time.perf_counter() - t
from extract.eval.bench import _rss_mb
rss = _rss_mb()
t = time.perf_counter()
nlp("2024年末,某某科技股份有限公司完成B轮融资超3亿元,位列全省第五。")  # lazy data loads here
first = time.perf_counter() - t
print(json.dumps({"seconds": dt, "peak_rss_mb": rss, "first_doc_s": first, "peak_rss_after_first_doc_mb": _rss_mb(),
                  "name": nlp.name, "components": nlp.pipe_names}))
"""


def load_time_subprocess(model=None, timeout: float = 600) -> dict:
    """``import extract; extract.load(model)`` timed in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    env.setdefault("OMP_NUM_THREADS", "1")
    proc = subprocess.run([sys.executable, "-c", _LOAD_CODE, json.dumps(_model_spec(model))],
                          capture_output=True, text=True, timeout=timeout, cwd=str(REPO_ROOT), env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"loading the model in a fresh process failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _rate(chars: int, docs: int, seconds: float) -> dict:
    return {"seconds": seconds, "chars_per_s": chars / seconds if seconds > 0 else float("inf"),
            "docs_per_s": docs / seconds if seconds > 0 else float("inf")}


def _best(fn, repeat: int, long_s: float = 5.0) -> float:
    """Best of ``repeat`` runs; a run longer than ``long_s`` is not repeated (its noise is small)."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
        if best > long_s:
            break
    return best


def _time_stages(nlp, texts, repeat: int) -> list:
    best = {}
    for _ in range(max(1, repeat)):
        docs = [nlp.make_doc(t, id=i) for t, i in texts]
        for name, comp in nlp.components:
            t = time.perf_counter()
            docs = list(comp.pipe(docs)) if hasattr(comp, "pipe") else [comp(d) for d in docs]
            dt = time.perf_counter() - t
            best[name] = min(best.get(name, float("inf")), dt)
    return [(name, best[name]) for name, _ in nlp.components]


def bench(files=None, model=None, sizes: Sequence[int] = SIZES, repeat: int = 3, max_size: Optional[int] = None,
          budget_s: float = 30.0, threads: int = 1, subprocess_load: bool = True) -> dict:
    """Run the benchmark and return its results as a dict (see the module docstring).

    ``files``: input files or folders (default: the seed documents); ``model``:
    anything :func:`extract.load` takes (default: the shipped model);
    ``threads``: torch threads if the pipeline uses torch.
    """
    from extract.pipeline import load

    files = list(files) if files else default_files()
    texts = _read(files)
    chars = sum(len(t) for t, _ in texts)
    ndocs = len(texts)
    out = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                       "cpu_count": os.cpu_count(), "threads": threads},
           "input": {"files": [str(f) for f in files], "docs": ndocs, "chars": chars},
           "model": _model_spec(model), "repeat": repeat}

    load_info = {}
    if subprocess_load:
        # a fresh interpreter's load varies run to run with the disk cache and other work on the machine (0.8-2.4 s
        # for the shipped model on the 2-CPU machine, 2026-12-06): the best of ``repeat``, as for the stage timings,
        # with every run kept
        runs = [load_time_subprocess(model) for _ in range(max(1, repeat))]
        load_info["subprocess"] = dict(min(runs, key=lambda r: r["seconds"]), runs_s=[r["seconds"] for r in runs])
    t = time.perf_counter()
    import extract.eval.baselines  # noqa: F401  (registers baseline.* for configs naming it)
    nlp = load() if model is None else load(model)
    load_info["in_process_s"] = time.perf_counter() - t
    out["load"] = load_info
    out["pipeline"] = {"name": nlp.name, "components": nlp.pipe_names}
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
    rss = {"after_load": _rss_mb()}

    nlp(texts[0][0][:200])  # warm up lazy initialisation (jieba dictionaries, model weights)
    stages = _time_stages(nlp, texts, repeat)
    total = sum(s for _, s in stages)
    out["stages"] = [{"name": n, **_rate(chars, ndocs, s), "share": s / total if total else 0.0}
                     for n, s in stages]
    e2e = _best(lambda: list(nlp.pipe(texts)), repeat)
    out["end_to_end"] = _rate(chars, ndocs, e2e)
    rss["after_stages"] = _rss_mb()

    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    list(jieba.posseg.cut("预热一下"))
    cut = _best(lambda: [list(jieba.cut(t)) for t, _ in texts], repeat)
    pos = _best(lambda: [list(jieba.posseg.cut(t)) for t, _ in texts], repeat)
    out["jieba"] = {"cut": _rate(chars, ndocs, cut), "posseg": _rate(chars, ndocs, pos)}
    # The same tools on ZhIE's normalized view (simplified, half-width): jieba's
    # dictionary is simplified, and on traditional text its HMM does most of the work.
    from extract.textnorm import normalize
    norms = [normalize(t)[0] for t, _ in texts]
    cut_n = _best(lambda: [list(jieba.cut(t)) for t in norms], repeat)
    pos_n = _best(lambda: [list(jieba.posseg.cut(t)) for t in norms], repeat)
    out["jieba_on_normalized"] = {"cut": _rate(chars, ndocs, cut_n), "posseg": _rate(chars, ndocs, pos_n)}
    out["ratios"] = {"zhie_over_jieba_cut": e2e / cut if cut else None,
                     "zhie_over_jieba_posseg": e2e / pos if pos else None}

    out["scaling"] = _scaling(nlp, texts, sizes, max_size, budget_s, repeat)
    rss["end"] = _rss_mb()
    out["peak_rss_mb"] = rss
    return out


FIT_MIN_S = 0.01  # an earlier time under this is timer noise and overhead: it sets no exponent


def _project(history: list, size: int) -> float:
    """Seconds projected for ``size`` from earlier ``(size, seconds)`` points (power law, exponent >= 1). The
    exponent comes from the last two points when the earlier one took at least ``FIT_MIN_S`` (a stage that took 0.2 ms
    on 10,000 characters and 0.12 s on 100,000, because the longer text first held a table, is not quadratic)."""
    s1, t1 = history[-1]
    exp = 1.0
    if len(history) >= 2:
        s0, t0 = history[-2]
        if t0 >= FIT_MIN_S and t1 > 0 and s1 > s0:
            exp = max(1.0, math.log(t1 / t0) / math.log(s1 / s0))
    return t1 * (size / s1) ** exp


def _scaling(nlp, texts, sizes, max_size, budget_s, repeat) -> list:
    """One synthetic document per size; each tool is skipped on its own once its projection exceeds the budget."""
    import jieba
    import jieba.posseg

    stages = {}

    def zhie(text):
        for name, sec in _time_stages(nlp, [(text, "synthetic")], 1):
            stages[name] = sec

    tools = {"zhie": zhie,
             "jieba_cut": lambda text: list(jieba.cut(text)),
             "jieba_posseg": lambda text: list(jieba.posseg.cut(text))}
    history = {k: [] for k in tools}
    stage_history = {}  # ZhIE is projected stage by stage
    rows = []
    for size in sorted(sizes):
        if max_size is not None and size > max_size:
            rows.append({"size": size, "skipped": f"larger than max size {max_size:,}"})
            continue
        text = _synthesize(texts, size)
        row = {"size": size}
        for name, fn in tools.items():
            if history[name]:
                proj = _project(history[name], size) if name != "zhie" else sum(
                    _project(h, size) for h in stage_history.values())
                if proj > budget_s:
                    row[name + "_s"] = None
                    row.setdefault("notes", []).append(f"{name} skipped: projected {proj:.0f} s > {budget_s:.0f} s")
                    continue
            stages.clear()
            sec = _best(lambda: fn(text), repeat if size <= 100_000 else 1)
            history[name].append((size, sec))
            row[name + "_s"] = sec
            if name == "zhie":
                row["zhie_stages_s"] = dict(stages)  # the last run's per-stage seconds
                for st, sec_st in stages.items():
                    stage_history.setdefault(st, []).append((size, sec_st))
        if all(row[k + "_s"] is None for k in tools):
            rows.append({"size": size, "skipped": "; ".join(row["notes"])})
            continue
        z, c, p = row["zhie_s"], row["jieba_cut_s"], row["jieba_posseg_s"]
        row["zhie_chars_per_s"] = size / z if z else None
        row["zhie_over_jieba_cut"] = z / c if z and c else None
        row["zhie_over_jieba_posseg"] = z / p if z and p else None
        rows.append(row)
    return rows


def format_bench(d: dict) -> str:
    """A readable table of :func:`bench` results."""
    L = []
    inp = d["input"]
    L.append(f"Pipeline {d['pipeline']['name']!r} ({', '.join(d['pipeline']['components'])}) on "
             f"{inp['docs']} docs, {inp['chars']:,} chars; Python {d['machine']['python']}, "
             f"{d['machine']['cpu_count']} CPUs, best of {d['repeat']} (runs over 5 s once)")
    ld = d["load"]
    if "subprocess" in ld:
        sp = ld["subprocess"]
        runs = sp.get("runs_s") or [sp["seconds"]]
        each = f" (best of {len(runs)}: {', '.join(f'{x:.2f}' for x in runs)} s)" if len(runs) > 1 else ""
        L.append(f"Load (fresh process, incl. import): {sp['seconds']:.2f} s{each}, peak RSS {sp['peak_rss_mb']:.0f} MB; "
                 f"first short document {sp['first_doc_s']:.2f} s, peak RSS then {sp['peak_rss_after_first_doc_mb']:.0f} MB")
    L.append(f"Load (in this process): {ld['in_process_s']:.2f} s")
    L.append("")
    L.append(f"{'stage':<22}{'seconds':>10}{'chars/s':>14}{'docs/s':>10}{'share':>8}")
    for s in d["stages"]:
        L.append(f"{s['name']:<22}{s['seconds']:>10.3f}{s['chars_per_s']:>14,.0f}{s['docs_per_s']:>10.1f}"
                 f"{s['share']:>8.1%}")
    e = d["end_to_end"]
    L.append(f"{'end to end (pipe)':<22}{e['seconds']:>10.3f}{e['chars_per_s']:>14,.0f}{e['docs_per_s']:>10.1f}")
    for k in ("cut", "posseg"):
        j = d["jieba"][k]
        L.append(f"{'jieba.' + k:<22}{j['seconds']:>10.3f}{j['chars_per_s']:>14,.0f}{j['docs_per_s']:>10.1f}")
    for k in ("cut", "posseg"):
        j = d.get("jieba_on_normalized", {}).get(k)
        if j:
            L.append(f"{'jieba.' + k + ' (norm)':<22}{j['seconds']:>10.3f}{j['chars_per_s']:>14,.0f}"
                     f"{j['docs_per_s']:>10.1f}")
    r = d["ratios"]
    L.append(f"ZhIE / jieba.cut time: {r['zhie_over_jieba_cut']:.1f}x;  "
             f"ZhIE / jieba.posseg time: {r['zhie_over_jieba_posseg']:.1f}x")
    L.append("")
    L.append(f"{'doc size':>12}{'ZhIE s':>10}{'ZhIE chars/s':>14}{'cut s':>9}{'posseg s':>10}{'/cut':>7}{'/posseg':>9}")
    for row in d["scaling"]:
        if "skipped" in row:
            L.append(f"{row['size']:>12,}  skipped: {row['skipped']}")
            continue
        L.append(f"{row['size']:>12,}{_f(row['zhie_s'], 10, '.3f')}{_f(row['zhie_chars_per_s'], 14, ',.0f')}"
                 f"{_f(row['jieba_cut_s'], 9, '.3f')}{_f(row['jieba_posseg_s'], 10, '.3f')}"
                 f"{_f(row['zhie_over_jieba_cut'], 7, '.1f')}{_f(row['zhie_over_jieba_posseg'], 9, '.1f')}")
    slow = [f"{row['size']:,}: {max(row['zhie_stages_s'].items(), key=lambda kv: kv[1])[0]} "
            f"{max(row['zhie_stages_s'].values()):.3f} s" for row in d["scaling"] if row.get("zhie_stages_s")]
    if slow:
        L.append("  slowest ZhIE stage per size: " + "; ".join(slow))
    notes = [n for row in d["scaling"] for n in row.get("notes", [])]
    if notes:
        L.append("  (" + "; ".join(notes) + ")")
    m = d["peak_rss_mb"]
    L.append("")
    L.append(f"Peak RSS of this process: {m['after_load']:.0f} MB after load, {m['after_stages']:.0f} MB after the "
             f"stage runs, {m['end']:.0f} MB at the end")
    return "\n".join(L)


def _f(x, width: int, fmt: str) -> str:
    return f"{'-':>{width}}" if x is None else f"{x:>{width}{fmt}}"


def add_cli(subparsers) -> None:
    """Add ``zhie bench`` to an argparse subparsers object."""
    p = subparsers.add_parser("bench", help="measure load time, throughput, scaling and memory against jieba",
                              description="Benchmark a pipeline on FILES (default: the seed documents).")
    p.add_argument("files", nargs="*", help="input .txt/.jsonl files or folders")
    p.add_argument("--model", help="model folder or 'rules' (default: the shipped model)")
    p.add_argument("--max-size", type=int, default=None, help="largest synthetic document size for scaling")
    p.add_argument("--budget", type=float, default=30.0, help="skip a scaling size projected to take longer (s)")
    p.add_argument("--repeat", type=int, default=3, help="repeats per measurement (best is kept)")
    p.add_argument("--json", dest="json_path", help="write the results as JSON here")
    p.add_argument("--stress", action="store_true",
                   help="time adversarial inputs against ordinary news instead (extract.eval.stress)")
    p.add_argument("--sizes", default="10000,100000,1000000", help="--stress: comma-separated document sizes")
    p.add_argument("--inputs", default=None, help="--stress: comma-separated generator names (default: all)")
    p.set_defaults(func=_cli_bench)


def _cli_bench(args) -> int:
    if args.stress:
        from extract.eval.stress import GENERATORS, format_stress, stress

        names = args.inputs.split(",") if args.inputs else None
        unknown = [n for n in names or () if n not in GENERATORS]
        if unknown:
            raise ValueError(f"--inputs: unknown generator(s) {', '.join(unknown)}; choose from {', '.join(GENERATORS)}")
        d = stress(model=args.model, sizes=[int(x) for x in args.sizes.split(",")], names=names,
                   repeat=args.repeat, log=lambda m: print(m, file=sys.stderr, flush=True))
        print(format_stress(d))
    else:
        d = bench(args.files or None, model=args.model, max_size=args.max_size, budget_s=args.budget,
                  repeat=args.repeat)
        print(format_bench(d))
    if args.json_path:
        Path(args.json_path).parent.mkdir(parents=True, exist_ok=True)
        with open(args.json_path, "w", encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False, indent=2)
    return 0
