"""Speed of an NER component in a fresh process with one BLAS thread (shared by both NER evaluators).

The documents are the CLUENER held-out and MSRA test sentences in documents of 20 sentences;
the result is the best of ``repeats`` passes of the component's ``pipe``: wall and CPU time.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_SPEED_CHILD = r"""
import json, sys, time
from threadpoolctl import threadpool_limits
threadpool_limits(1)
from extract.doc import Document
from extract.learn.ner.data import load_corpus
from extract.stages.segment import split_sentences
from extract.textnorm import normalize
texts = [t for t, _ in load_corpus("cluener", "holdout")] + [t for t, _ in load_corpus("msra", "test")]
docs = []
for i in range(0, len(texts), 20):  # documents of 20 sentences, as extract.learn.ner.evaluate builds them
    d = Document("\n".join(texts[i:i + 20]))
    d.norm, d.script = normalize(d.text)
    d.sents = split_sentences(d.norm)
    docs.append(d)
n = sum(len(d.text) for d in docs)
if sys.argv[3] == "spacy":
    from extract.learn.spacy_ner import SpacyNERComponent
    comp = SpacyNERComponent(sys.argv[1])
else:
    from extract.stages.ner import NERComponent
    comp = NERComponent(sys.argv[1])
comp.pipe(docs[:5])
best = None
for rep in range(int(sys.argv[2])):
    for d in docs:
        d.entities = []
    w, c = time.perf_counter(), time.process_time()
    comp.pipe(docs)
    w, c = time.perf_counter() - w, time.process_time() - c
    best = (w, c) if best is None or w < best[0] else best
print(json.dumps({"chars": n, "docs": len(docs), "wall_s": round(best[0], 3), "cpu_s": round(best[1], 3),
                  "chars_per_s_wall": round(n / best[0]), "chars_per_s_cpu": round(n / best[1]),
                  "entities": sum(len(d.entities) for d in docs)}))
"""


def run_child(code: str, *args) -> dict:
    """Run ``code`` with ``args`` in a fresh interpreter (one BLAS thread) and parse its last JSON line."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    from extract.config import REPO_ROOT as root
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                         env=env, cwd=root, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_speed(path, kind: str = "charcnn", repeats: int = 3) -> dict:
    """Best of ``repeats`` passes of the component's ``pipe``; ``kind``: charcnn | spacy."""
    return run_child(_SPEED_CHILD, path, repeats, kind)
