"""The page in a real browser: Playwright drives Debian's chromium (``apt-get install chromium``) against
``zhie serve`` started as a subprocess on 127.0.0.1 with a free port.

The tests load the page, extract a seed text (annotations/gold.jsonl), check the highlights against the
API's record and the hover attributes, correct entities (retype, remove, add from a text selection), fix
an event argument, delete a fact and a relation, download JSONL and CSV, upload a file, walk the review
queue, save, and check that the stored record validates against SCHEMA and holds the corrections. The
page may talk only to the server on 127.0.0.1 (any other request fails the test). Skipped when
playwright or chromium is missing.
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

FUNDING = ("2024年3月，上海澜起科技股份有限公司完成C轮融资超15亿元，由深创投领投。该公司位于浦东新区，营收增长11.4%，"
           "位居全国第三。")
REVIEW_TEXTS = ["今天天气很好，我们去公园散步。", FUNDING,
                "据悉，华芯微电子与澜沧江智造、蓝鲸数科、星海图灵等企业签约，欧阳明远出席。"]

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
    pool = store.parent / "pool.jsonl"  # the review queue: a few unlabelled texts
    with open(pool, "w", encoding="utf-8") as f:
        for k, t in enumerate(REVIEW_TEXTS):
            f.write(json.dumps({"id": f"u{k}", "text": t}, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "1", "--store", str(store), "--review", str(pool)],
                            cwd=REPO, env=env, stdout=log, stderr=log)
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
    loopback_only(page, base, errors)  # any request elsewhere fails the test
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


def loopback_only(page, base, errors):
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else
               (errors.append("off-host request " + route.request.url), route.abort()))


def test_fix_event_argument_delete_fact_and_relation(server, browser, tmp_path):
    from extract.io.annotations import validate_record

    base, store = server
    rec0 = seed(4)  # has relations (table rows)
    text = FUNDING + "\n\n" + rec0["text"][:3000]
    api = post_json(base + "/v1/extract", {"id": "fix1", "text": text})
    ents = {e["id"]: e for e in api["entities"]}
    ev = api["events"][0]
    amount = next(a for a in ev["arguments"] if a["role"] == "amount")
    other_fig = next(e for e in api["entities"] if e["type"] == "FIGURE" and e["id"] != amount["ref"])
    assert api["relations"] and len(api["facts"]) >= 2
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    loopback_only(page, base, errors)
    page.goto(base + "/")
    page.fill("#doc-id", "fix1")
    page.fill("#input", text)
    page.click("#extract")
    page.wait_for_selector("#doc mark.ent", timeout=60_000)
    # an event row outlines its trigger and arguments
    page.click("#events tbody tr >> nth=0 >> td >> nth=0")
    focused = set(page.eval_on_selector_all("#doc mark.focus", "ms => ms.map(m => m.dataset.id)"))
    assert {a["ref"] for a in ev["arguments"] if a.get("ref")} <= focused
    # fix the amount argument: point it at another FIGURE; delete the round argument
    roles = [a["role"] for a in ev["arguments"]]
    page.select_option(f"#events tbody tr >> nth=0 >> .arg >> nth={roles.index('amount')} >> select",
                       other_fig["id"])
    page.click(f"#events tbody tr >> nth=0 >> .arg >> nth={roles.index('round')} >> button.del")
    # delete the first fact and the first relation
    page.click("#facts tbody tr >> nth=0 >> button.del")
    page.click("#relations tbody tr >> nth=0 >> button.del")
    assert page.locator("#facts tbody tr").count() == len(api["facts"]) - 1
    assert page.locator("#relations tbody tr").count() == len(api["relations"]) - 1
    # downloads: the corrected record as JSONL, and CSV
    with page.expect_download() as dl:
        page.click("#dl-jsonl")
    got = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert got["id"] == "fix1" and len(got["facts"]) == len(api["facts"]) - 1
    with page.expect_download() as dl:
        page.click("#dl-csv")
    assert Path(dl.value.path()).read_text(encoding="utf-8").startswith("doc_id,record,")
    page.click("#save")
    page.wait_for_selector("#save-status.ok", timeout=30_000)
    assert not errors, errors

    saved = {json.loads(x)["id"]: json.loads(x) for x in (store / "annotations.jsonl").read_text(encoding="utf-8").splitlines()}["fix1"]
    assert not [p for p in validate_record(saved) if p.severity == "error"]
    sents = {e["id"]: e for e in saved["entities"]}
    (sev,) = [v for v in saved["events"] if v["trigger"]["start"] == ev["trigger"]["start"]]
    amt = next(a for a in sev["arguments"] if a["role"] == "amount")
    assert (sents[amt["ref"]]["start"], sents[amt["ref"]]["end"]) == (other_fig["start"], other_fig["end"])
    assert "round" not in [a["role"] for a in sev["arguments"]]
    key = lambda f, E: (f["type"], E[f["value"]]["start"], (f.get("metric") or {}).get("start"))
    assert key(api["facts"][0], ents) not in {key(f, sents) for f in saved["facts"]}
    assert len(saved["facts"]) == len(api["facts"]) - 1
    assert len(saved["relations"]) == len(api["relations"]) - 1
    page.close()


def test_upload_and_review_queue(server, browser, tmp_path):
    base, _ = server
    page = browser.new_page()
    errors = []
    loopback_only(page, base, errors)
    page.goto(base + "/")
    up = tmp_path / "two.jsonl"
    up.write_text(json.dumps({"id": "one", "text": FUNDING}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    page.set_input_files("#file", str(up))
    page.wait_for_selector("#doc mark.ent", timeout=60_000)
    assert page.locator("#records option").count() == 2 and page.is_visible("#records")
    assert "1 failed" in page.inner_text("#status")
    page.select_option("#records", "1")
    assert "two.jsonl:2" in page.inner_text("#status")
    # the review queue: the button appears once the server has one, and offers the top-ranked document
    page.wait_for_selector("#review-next", state="visible", timeout=30_000)
    for _ in range(100):
        try:
            queue = get_json(base + "/v1/review")["queue"]
            break
        except OSError:
            time.sleep(0.3)
    page.click("#review-next")
    page.wait_for_function("document.getElementById('review-info').textContent.includes('review #')", timeout=90_000)
    assert page.input_value("#doc-id") == queue[0]["id"]
    assert page.text_content("#doc") == REVIEW_TEXTS[int(queue[0]["id"][1:])]
    page.click("#review-next")  # the next one, skipping the one on screen
    # each click runs the full pipeline on one document in the server's worker; a loaded CI machine once took
    # longer than playwright's default 30 s here, so both waits get the upload's margin
    page.wait_for_function("document.getElementById('review-info').textContent.includes('review #2')", timeout=90_000)
    assert page.input_value("#doc-id") == queue[1]["id"]
    assert not errors, errors
    page.close()
