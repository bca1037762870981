"""Mutation testing of the core modules with mutmut 2.x; writes evaluation/mutation/results.json.

    pip install -r evaluation/mutation/requirements.txt
    nice python evaluation/mutation/run.py textnorm numerals      # some modules
    nice python evaluation/mutation/run.py --all                  # every module (hours on one core)
    python evaluation/mutation/run.py --list                      # modules and their tests

Each module is mutated in its own copy of the working tree (``--work``, default
/tmp/zhie-mutation/<module>; the checkout itself is never touched), and each
mutant is run against that module's own test files only (``MODULES`` below), so
one module takes minutes, not the whole suite per mutant. The copy keeps
mutmut's cache: a rerun after new tests re-tests only the mutants that
survived (pass ``--fresh`` to start over).

A surviving mutant that cannot change behaviour is listed in
evaluation/mutation/equivalent.json with a one-line reason; the score is
killed / (all mutants - equivalent ones), timeouts counted as killed (the
mutant made the tests hang), as mutmut does. Survivors that are not
equivalent are written out in full (diff) so the next test to add is obvious.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
EQUIVALENT = HERE / "equivalent.json"

# module key -> (source file, the test files that exercise it)
MODULES = {
    "textnorm": ("extract/textnorm.py", ["tests/test_textnorm.py"]),
    # figures reads numbers through Numerals (its regex pieces, magnitudes): its tests are numerals' too
    "numerals": ("extract/stages/recognizers/numerals.py", ["tests/test_numerals.py", "tests/test_figures.py"]),
    "figures": ("extract/stages/recognizers/figures.py", ["tests/test_figures.py"]),
    "dates": ("extract/stages/recognizers/dates.py", ["tests/test_dates.py"]),
    "ranks": ("extract/stages/recognizers/ranks.py", ["tests/test_ranks.py"]),
    "tables": ("extract/stages/tables.py", ["tests/test_tables.py"]),
    "readers": ("extract/io/readers.py", ["tests/test_io.py"]),
    "evaluate": ("extract/eval/evaluate.py", ["tests/test_evaluate.py"]),
    "ner-infer": ("extract/stages/ner/infer.py", ["tests/test_ner_infer.py", "tests/test_ner_shipped.py"]),
    "events": ("extract/stages/events/rules.py", ["tests/test_event_rules.py", "tests/test_events.py"]),
    "relations": ("extract/stages/relations/rules.py", ["tests/test_relation_lists.py", "tests/test_relations.py"]),
    "facts": ("extract/stages/facts/rules.py", ["tests/test_facts.py", "tests/test_facts_subjects.py",
                                              "tests/test_facts_gold.py"]),
    "lexicon": ("extract/stages/ner/lexicon.py", ["tests/test_ner_lexicon.py"]),
    "tokens": ("extract/stages/tokens.py", ["tests/test_tokens.py"]),
    "events-learned": ("extract/stages/events/learned.py", ["tests/test_events_learned.py"]),
}

STATUS = {"ok_killed": "killed", "bad_timeout": "timeout", "ok_suspicious": "suspicious",
          "bad_survived": "survived", "skipped": "skipped", "untested": "untested"}


def copy_tree(dest: Path) -> None:
    """The working tree's tracked and untracked-not-ignored files → ``dest`` (no .git)."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    dest.mkdir(parents=True, exist_ok=True)
    for rel in filter(None, files):
        src = REPO / rel
        if not src.is_file():
            continue
        out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, out)


def runner(tests, timeout: int = 60) -> str:
    # mutmut 2 counts only exit status 1 as "killed"; pytest exits 2 when a mutant breaks the
    # import (collection error), so any failure is folded into 1
    # (and mutmut 2's own timeout never fires on a mutant that loops forever without output, so
    # `timeout` ends it: a hang counts as killed)
    return (f"bash -c 'timeout {timeout} {sys.executable} -m pytest -x -q -p no:cacheprovider --no-header "
            + " ".join(tests) + " || exit 1'")


def run_module(key: str, work: Path, fresh: bool, timeout: int = 60) -> dict:
    src, tests = MODULES[key]
    if fresh and work.exists():
        shutil.rmtree(work)
    cache = work / ".mutmut-cache"
    kept = cache.read_bytes() if cache.is_file() else None
    if work.exists():  # refresh the sources and tests, keep mutmut's cache
        shutil.rmtree(work)
    copy_tree(work)
    if kept:
        cache.write_bytes(kept)
    cmd = ["mutmut", "run", "--paths-to-mutate", src, "--tests-dir", "tests/",
           "--runner", runner(tests, timeout), "--test-time-base", "30", "--no-progress", "--simple-output"]
    # no plugin autoload: pytest's start-up (hypothesis, benchmark, … plugins) was 5 of every 6 s per mutant
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if proc.returncode & 1:
        raise SystemExit(f"mutmut failed on {key}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return collect(key, work, took, timeout)


def collect(key: str, work: Path, took: float, timeout: int = 60) -> dict:
    src, tests = MODULES[key]
    con = sqlite3.connect(work / ".mutmut-cache")
    rows = con.execute("SELECT m.id, m.status, l.line, l.line_number FROM mutant m JOIN line l ON m.line = l.id "
                       "JOIN sourcefile s ON l.sourcefile = s.id WHERE s.filename = ?", (src,)).fetchall()
    con.close()
    equivalent = {(e["line"].strip(), e["mutant"].strip()): e["reason"]
                  for e in json.loads(EQUIVALENT.read_text(encoding="utf-8")).get(key, [])} \
        if EQUIVALENT.is_file() else {}
    counts = {v: 0 for v in STATUS.values()}
    survivors, equivalents = [], []
    for pk, status, line, lineno in rows:
        st = STATUS.get(status, status)
        if st != "survived":
            counts[st] += 1
            continue
        diff = subprocess.run(["mutmut", "show", str(pk)], cwd=work, capture_output=True, text=True).stdout
        minus = [l[1:] for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")]
        plus = [l[1:] for l in diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
        entry = {"line_number": lineno + 1, "line": line.strip(),  # mutmut counts lines from 0
                 "mutant": plus[0].strip() if plus else "(line removed)"}
        reason = equivalent.get((entry["line"], entry["mutant"]))
        if reason:
            entry["reason"] = reason
            equivalents.append(entry)
        else:
            survivors.append(entry)
    counts["survived"] = len(survivors)
    counts["equivalent"] = len(equivalents)
    total = len(rows)
    scored = total - len(equivalents) - counts["skipped"] - counts["untested"]
    killed = counts["killed"] + counts["timeout"] + counts["suspicious"]
    return {"module": key, "source": src, "tests": tests, "mutants": total, **counts,
            "score": round(killed / scored, 4) if scored else None,
            "seconds": round(took, 1),
            "command": f"PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 mutmut run --paths-to-mutate {src} --runner \"{runner(tests, timeout)}\"",
            "date": datetime.date.today().isoformat(),
            "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                     text=True).stdout.strip(),
            "survivors": sorted(survivors, key=lambda e: e["line_number"]),
            "equivalents": sorted(equivalents, key=lambda e: e["line_number"])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("modules", nargs="*", help=f"any of: {', '.join(MODULES)}")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--fresh", action="store_true", help="drop mutmut's cache and test every mutant again")
    ap.add_argument("--collect-only", action="store_true", help="re-read the caches of earlier runs, run nothing")
    ap.add_argument("--work", default="/tmp/zhie-mutation")
    ap.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                    help="end one mutant's test run after this long, counted as killed (default 60); "
                         "lower it for a module whose tests take well under a second and whose looping "
                         "mutants would otherwise cost 60 s each")
    args = ap.parse_args(argv)
    if args.list:
        for k, (src, tests) in MODULES.items():
            print(f"{k:10} {src:45} {' '.join(tests)}")
        return 0
    keys = list(MODULES) if args.all else args.modules
    unknown = [k for k in keys if k not in MODULES]
    if unknown or not keys:
        ap.error(f"unknown or no modules {unknown}; pick from {', '.join(MODULES)}")
    if not args.collect_only and shutil.which("mutmut") is None:
        raise SystemExit("mutmut is not installed: pip install -r evaluation/mutation/requirements.txt")
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    for key in keys:
        work = Path(args.work) / key
        if args.collect_only:
            old = re.search(r"timeout (\d+) ", results.get(key, {}).get("command", ""))  # keep the run's value
            res = collect(key, work, results.get(key, {}).get("seconds", 0.0),
                          args.timeout or (int(old.group(1)) if old else 60))
        else:
            res = run_module(key, work, args.fresh, args.timeout or 60)
        # read again before writing: another run (another module) may have written meanwhile
        results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
        results[key] = res
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{key:10} mutants {res['mutants']:4}  killed {res['killed'] + res['timeout'] + res['suspicious']:4}  "
              f"survived {res['survived']:3}  equivalent {res['equivalent']:3}  score {res['score']}  "
              f"({res['seconds']} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
