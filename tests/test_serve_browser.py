"""The page in a real browser: Playwright drives Debian's chromium (``apt-get install chromium``) against
``zhie serve`` started as a subprocess on 127.0.0.1 with a free port.

The test loads the page, extracts a seed text (annotations/gold.jsonl), checks the highlights against
the API's record, corrects one entity (retype), adds one, saves, and checks that the stored record
validates against SCHEMA and holds the corrections. Skipped when playwright or chromium is missing.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "annotations" / "gold.jsonl"
CHROMIUM = os.environ.get("ZHIE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


def post_json(url: str, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python -m extract serve`` on 127.0.0.1:PORT with a fresh store; yields (base url, store folder)."""
    store = tmp_path_factory.mktemp("store")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = open(store.parent / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "1", "--store", str(store)], cwd=REPO, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                if get_json(base + "/v1/health")["status"] == "ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                pytest.fail(f"zhie serve did not start: {(store.parent / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield base, store
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def seed(k: int = 1) -> dict:
    return [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()][k]


def test_extract_highlight_correct_save(server, browser):
    from extract.io.annotations import validate_record

    base, store = server
    rec0 = seed(1)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # only loopback: any request elsewhere fails the test
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else
               (errors.append("off-host request " + route.request.url), route.abort()))
    page.goto(base + "/")
    page.fill("#doc-id", rec0["id"])
    page.fill("#input", rec0["text"])
    page.click("#extract")
    page.wait_for_selector("#doc mark.ent", timeout=60_000)

    # the highlights are the API's entities, traditional script as written
    api = post_json(base + "/v1/extract", {"id": rec0["id"], "text": rec0["text"]})
    marks = page.eval_on_selector_all("#doc mark.ent", "ms => ms.map(m => [m.dataset.id, m.dataset.type])")
    assert {i for i, _ in marks} == {e["id"] for e in api["entities"]}
    assert dict(marks) == {e["id"]: e["type"] for e in api["entities"]}
    assert page.text_content("#doc") == rec0["text"]
    legend = page.inner_text("#legend")
    assert all(t in legend for t in ("COMPANY", "FIGURE", "RANK"))

    # hover shows the attributes of a FIGURE
    fig = next(e for e in api["entities"] if e["type"] == "FIGURE")
    page.hover(f'#doc mark.ent[data-id="{fig["id"]}"]')
    tip = page.inner_text("#tip")
    assert "value:" in tip and "unit:" in tip and "qualifier:" in tip

    # a fact row highlights its spans
    if api["facts"]:
        page.click("#facts tbody tr >> nth=0")
        assert page.locator("#doc .focus").count() >= 1

    # correction 1: retype an entity
    target = next(e for e in api["entities"] if e["type"] in ("ORG", "COMPANY", "LOC"))
    new_type = "ORG" if target["type"] != "ORG" else "COMPANY"
    page.click(f'#doc mark.ent[data-id="{target["id"]}"]')
    page.select_option("#ent-type", new_type)
    page.click("#ent-retype")
    assert page.get_attribute(f'#doc mark.ent[data-id="{target["id"]}"]', "data-type") == new_type

    # correction 2: remove an entity
    gone = next(e for e in api["entities"] if e["type"] == "DATE" and e["id"] != target["id"])
    page.click(f'#doc mark.ent[data-id="{gone["id"]}"]')
    page.click("#ent-delete")
    assert page.locator(f'#doc mark.ent[data-id="{gone["id"]}"]').count() == 0

    # correction 3: select plain text and add it as an entity (the span gone just freed)
    page.evaluate("""([s, e]) => {
        const doc = document.getElementById('doc');
        const nodes = [...doc.children];
        const el = nodes.find(n => +n.dataset.start <= s && s < +n.dataset.start + Array.from(n.textContent).length);
        const tn = el.firstChild;
        const off = (k) => Array.from(el.textContent).slice(0, k - +el.dataset.start).join('').length;
        const r = document.createRange();
        r.setStart(tn, off(s)); r.setEnd(tn, off(e));
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
        doc.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""", [gone["start"], gone["end"]])
    assert page.inner_text("#sel-text") == gone["text"]
    page.select_option("#new-type", "DATE")
    page.click("#ent-add")

    page.click("#save")
    page.wait_for_selector("#save-status.ok", timeout=30_000)
    assert "saved" in page.inner_text("#save-status")
    assert not errors, errors

    lines = (store / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    (saved,) = [json.loads(x) for x in lines]
    assert saved["id"] == rec0["id"] and saved["text"] == rec0["text"]
    assert not [p for p in validate_record(saved) if p.severity == "error"]
    by_span = {(e["start"], e["end"]): e for e in saved["entities"]}
    assert by_span[(target["start"], target["end"])]["type"] == new_type
    assert by_span[(gone["start"], gone["end"])]["type"] == "DATE"
    assert len(saved["entities"]) == len(api["entities"])
    page.close()


def test_a_save_the_server_refuses_shows_why(server, browser):
    base, _ = server
    page = browser.new_page()
    page.goto(base + "/")
    page.fill("#input", "上海澜起科技股份有限公司位于浦东新区。")
    page.click("#extract")
    page.wait_for_selector("#doc mark.ent", timeout=60_000)
    # break the record on purpose, as a buggy client would, and save: the server refuses with reasons
    page.evaluate("() => { state.rec.entities[0].text = 'X'; }")
    page.click("#save")
    page.wait_for_selector("#save-status.error", timeout=30_000)
    assert "422" in page.inner_text("#save-status") and "is not text[" in page.inner_text("#save-status")
    page.close()
