"""Screenshot of the ``zhie serve`` page → evaluation/serve/page.png (referenced from the README).

    python evaluation/serve/screenshot.py

Starts the server on 127.0.0.1 with a free port, opens the page in Debian's chromium through Playwright,
extracts the first gold document (traditional script), clicks the first fact row (its spans are
outlined) and hovers a FIGURE (its attributes show), then takes the picture.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent.parent
OUT = Path(__file__).resolve().parent / "page.png"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = tempfile.mkdtemp(prefix="zhie-shot-")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "serve", "--port", str(port), "--workers", "1",
                             "--store", store], cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            try:
                with urllib.request.urlopen(base + "/v1/health", timeout=5) as r:
                    if json.loads(r.read())["status"] == "ok":
                        break
            except OSError:
                time.sleep(0.3)
        rec = json.loads((REPO / "annotations" / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
        text = rec["text"][:1800]
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = b.new_page(viewport={"width": 1440, "height": 1100})
            page.goto(base + "/")
            page.fill("#doc-id", rec["id"])
            page.fill("#input", text)
            page.click("#extract")
            page.wait_for_selector("#doc mark.ent", timeout=60_000)
            page.click("#facts tbody tr >> nth=0")
            page.click('#doc mark.ent[data-type="COMPANY"] >> nth=0')
            page.hover('#doc mark.ent[data-type="FIGURE"] >> nth=2')
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUT), full_page=False)
            b.close()
    finally:
        proc.terminate()
        proc.wait(20)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
