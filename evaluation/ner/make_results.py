"""Collect the NER measurements into evaluation/ner/results.json.

    python evaluation/ner/make_results.py --shipped models/default/ner --train-log runs/ner-v2/log.jsonl \
        --ablation chars=runs/ablation_chars/model-best --ablation chars+bigrams=runs/ablation_bigrams/model-best

Every number comes from ``extract.learn.ner.evaluate.evaluate_model`` run here (held-out
CLUENER part, MSRA test, speed and load time in child processes with one BLAS thread).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from extract.learn.ner.evaluate import evaluate_model  # noqa: E402


def _f(table: dict) -> dict:
    return {k: v["f"] for k, v in table.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shipped", required=True)
    ap.add_argument("--train-log", default=None, help="log.jsonl of the run the shipped model came from")
    ap.add_argument("--ablation", action="append", default=[], metavar="NAME=MODEL_DIR")
    ap.add_argument("--out", default=str(Path(__file__).with_name("results.json")))
    args = ap.parse_args(argv)
    t0 = time.time()
    load_before = os.getloadavg()
    shipped = evaluate_model(args.shipped, speed=True)
    res = {
        "command": "python evaluation/ner/make_results.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in load_before],
                    "python": platform.python_version(),
                    "note": "shared machine: other jobs ran at the same time, so wall-clock speed is pessimistic; "
                            "chars_per_s_cpu divides by this process's CPU time"},
        "shipped": shipped,
        "summary": {
            "cluener_holdout_mapped_f1": _f(shipped["cluener_holdout"]["mapped"]),
            "cluener_holdout_native_f1": _f(shipped["cluener_holdout"]["native"]),
            "msra_test_f1": _f(shipped["msra_test"]["native"]) if "msra_test" in shipped else None,
            "chars_per_s_1thread_wall": shipped["speed_1thread"]["chars_per_s_wall"],
            "chars_per_s_1thread_cpu": shipped["speed_1thread"]["chars_per_s_cpu"],
            "load_s": shipped["load"]["load_s_min"],
            "size_mb": round(shipped["size_bytes"] / 2 ** 20, 2),
        },
    }
    if args.train_log:
        with open(args.train_log, encoding="utf-8") as f:
            hist = [json.loads(line) for line in f if line.strip()]
        res["training"] = {"log": args.train_log, "epochs": len(hist), "seconds": hist[-1]["seconds"],
                           "history": hist}
    if args.ablation:
        res["ablation"] = {}
        for item in args.ablation:
            name, _, path = item.partition("=")
            r = evaluate_model(path, speed=False)
            res["ablation"][name] = {"model": path, "epoch": r.get("trained_epoch"),
                                     "cluener_holdout_mapped_f1": _f(r["cluener_holdout"]["mapped"]),
                                     "cluener_holdout_native_micro_f1": r["cluener_holdout"]["native"]["micro"]["f"]}
    s = res["summary"]
    res["targets"] = {
        "cluener_company_f1>=0.82": s["cluener_holdout_mapped_f1"]["COMPANY"] >= 0.82,
        "msra_f1>=0.93": bool(s["msra_test_f1"]) and s["msra_test_f1"]["micro"] >= 0.93,
        "ner_chars_per_s>=150000 (cpu time, 1 thread)": s["chars_per_s_1thread_cpu"] >= 150000,
        "load_s<1": s["load_s"] < 1.0,
        "size_mb<20": s["size_mb"] < 20,
    }
    res["seconds"] = round(time.time() - t0, 1)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(json.dumps({"summary": res["summary"], "targets": res["targets"], "ablation": res.get("ablation")},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
