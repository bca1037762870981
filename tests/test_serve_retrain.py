"""The retraining loop: corrections saved through the API → ``zhie train --data STORE --base
models/default`` → ``zhie serve --model OUT`` serves the fine-tuned model. Slow (a real fine-tuning run,
about 40 s on 2 cores), so deselected by default: ``python -m pytest -m slow tests/test_serve_retrain.py``.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from extract.serve.app import Settings, create_app  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "annotations" / "gold.jsonl"


@pytest.mark.slow
def test_store_trains_a_model_that_serve_serves(tmp_path):
    store, out = tmp_path / "store", tmp_path / "mine"
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()][:3]
    with TestClient(create_app(Settings(workers=0, store=str(store)))) as c:
        for g in gold:  # an analyst's corrections: here, the gold record of the same text
            rec = c.post("/v1/extract", json={"id": g["id"], "text": g["text"]}).json()
            rec.update({k: g[k] for k in ("entities", "relations", "events", "facts")})
            assert c.post("/v1/store", json=rec).status_code == 200, rec["id"]
    run = subprocess.run([sys.executable, "-m", "extract", "train", "--data", str(store), "--base",
                          str(REPO / "models" / "default"), "--out", str(out), "--no-rehearsal",
                          "--set", "training.epochs=1"], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (out / "model-best" / "config.json").is_file()
    with TestClient(create_app(Settings(workers=0, model=str(out)))) as c:
        info = c.get("/v1/model").json()
        assert info["path"] == str(out / "model-best") and info["name"] == "mine"
        assert info["scores"]["held_out"]["model_best"]["entities"]["f1"] > 0
        cfg = json.loads((out / "model-best" / "config.json").read_text(encoding="utf-8"))
        ner = next(p for p in cfg["pipeline"] if p["factory"].startswith("ner."))
        assert ner["heads"][0] == "zhie"  # the head fine-tuned on the store speaks first
        rec = c.post("/v1/extract", json={"id": "t", "text": gold[0]["text"][:500]}).json()
        assert rec["entities"] and "error" not in rec
