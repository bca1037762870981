"""`zhie serve`: the HTTP API (extract, upload, limits and errors, store, review queue, exports).

Most tests run the app in-process with FastAPI's TestClient and ``workers=0`` (the pipeline in one
thread of the server process); one test runs a real worker process pool. Nothing leaves the process.
"""
from __future__ import annotations

import asyncio
import io
import json
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from extract.io.annotations import validate_record  # noqa: E402
from extract.serve.app import Busy, Engine, Settings, create_app  # noqa: E402
from extract.serve import worker as worker_mod  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "annotations" / "gold.jsonl"
SHORT = "深圳以347家的新增数量位居全国城市首位。上海澜起科技股份有限公司完成C轮融资超15億元。"


def gold_records():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    with TestClient(create_app(Settings(workers=0, store=str(store), max_chars=20_000, max_body=200_000,
                                        max_docs=5))) as c:
        yield c


def zhie_extract(items) -> list:
    """What `zhie extract` writes for these (id, text) documents, via a JSONL input file."""
    from extract.run import extract

    src = io.BytesIO("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in items).encode())
    out = io.StringIO()
    extract(["-"], out=out, stdin=src, progress=False)
    return [json.loads(line) for line in out.getvalue().splitlines()]


# ------------------------------------------------------------------ extraction
def test_extract_one_text_is_exactly_the_zhie_extract_record(client):
    recs = [r for r in gold_records() if len(r["text"]) <= 20_000]
    expected = zhie_extract([(r["id"], r["text"]) for r in recs])
    for rec, want in zip(recs, expected):
        r = client.post("/v1/extract", json={"id": rec["id"], "text": rec["text"]})
        assert r.status_code == 200
        assert r.json() == want
        assert not [p for p in validate_record(r.json()) if p.severity == "error"]


def test_extract_batch_keeps_order_and_ids(client):
    docs = [{"id": "b", "text": SHORT}, {"text": "上海"}, {"id": "a", "text": "無關的句子。"}]
    r = client.post("/v1/extract", json={"documents": docs})
    assert r.status_code == 200
    recs = r.json()["records"]
    assert [x["id"] for x in recs] == ["b", "2", "a"]
    assert recs[0] == client.post("/v1/extract", json={"id": "b", "text": SHORT}).json()
    single = client.post("/v1/extract", json={"text": SHORT}).json()
    assert single["id"] == "doc" and single["entities"] == recs[0]["entities"]


def test_traditional_text_keeps_its_offsets(client):
    text = "上海澜起科技股份有限公司完成C輪融資超15億元"
    rec = client.post("/v1/extract", json={"text": text}).json()
    assert rec["text"] == text
    for e in rec["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    assert any(e["text"] == "超15億元" and e["attrs"]["value"] == 1.5e9 for e in rec["entities"])


@pytest.mark.parametrize("body,why", [
    (b"{not json", "json_invalid"),
    (json.dumps({}).encode(), "neither"),
    (json.dumps({"text": "a", "documents": [{"text": "b"}]}).encode(), "both"),
    (json.dumps({"text": 5}).encode(), "string_type"),
    (json.dumps({"documents": [{"id": "x"}]}).encode(), "missing"),
    (json.dumps({"text": "a", "extra": 1}).encode(), "extra_forbidden"),
])
def test_invalid_bodies_get_422_json(client, body, why):
    r = client.post("/v1/extract", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert why in json.dumps(r.json())


def test_limits_give_413_json(client):
    r = client.post("/v1/extract", json={"id": "long", "text": "字" * 20_001})
    assert r.status_code == 413 and "'long'" in r.json()["detail"] and "--max-chars" in r.json()["detail"]
    r = client.post("/v1/extract", json={"documents": [{"id": "ok", "text": "a"}, {"id": "big", "text": "字" * 20_001}]})
    assert r.status_code == 413 and "'big'" in r.json()["detail"]
    r = client.post("/v1/extract", json={"documents": [{"text": "a"}] * 6})
    assert r.status_code == 413 and "--max-docs" in r.json()["detail"]
    r = client.post("/v1/extract", content=b"x" * 200_001, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "--max-body" in r.json()["detail"]


def test_body_limit_also_holds_without_content_length(client):
    def chunks():
        for _ in range(30):
            yield b"x" * 10_000

    r = client.post("/v1/extract", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


# ------------------------------------------------------------------ uploads
def test_upload_txt_in_gb18030_and_big5(client):
    for enc in ("gb18030", "big5"):
        data = "上海澜起科技股份有限公司完成融资" if enc == "gb18030" else "上海瀾起科技股份有限公司完成融資"
        r = client.post("/v1/extract/file", files={"file": (f"news_{enc}.txt", data.encode(enc), "text/plain")})
        assert r.status_code == 200
        (rec,) = r.json()["records"]
        assert rec["id"] == f"news_{enc}" and rec["text"] == data
        assert any(e["type"] == "COMPANY" for e in rec["entities"])


def test_upload_jsonl_bad_line_is_its_own_error_record(client):
    data = (json.dumps({"id": "a", "text": SHORT}, ensure_ascii=False) + "\n{broken\n"
            + json.dumps({"id": "c", "text": "字" * 20_001}) + "\n" + json.dumps({"id": "d", "text": "上海"}) + "\n")
    r = client.post("/v1/extract/file", files={"file": ("batch.jsonl", data.encode(), "application/jsonl")})
    assert r.status_code == 200
    recs = r.json()["records"]
    assert [x["id"] for x in recs] == ["a", "batch:2", "c", "d"]
    assert "error" not in recs[0] and recs[0]["entities"]
    assert "batch.jsonl:2" in recs[1]["error"] and "malformed JSON" in recs[1]["error"]
    assert "batch.jsonl:3" in recs[2]["error"] and "max-chars" in recs[2]["error"]
    assert recs[3]["text"] == "上海"


def test_upload_undecodable_and_unsupported(client):
    r = client.post("/v1/extract/file", files={"file": ("bin.txt", b"\x00\x01\x02\x00" * 10)})
    assert r.status_code == 200 and "bin.txt" in r.json()["records"][0]["error"]
    r = client.post("/v1/extract/file", files={"file": ("x.pdf", b"%PDF-1.4")})
    assert r.status_code == 415 and "x.pdf" in r.json()["detail"]
    r = client.post("/v1/extract/file", files={"file": ("big.md", ("字" * 20_001).encode())})
    assert r.status_code == 413


# ------------------------------------------------------------------ service
def test_health_model_page_and_docs(client):
    import time
    deadline = time.monotonic() + 120  # run first (pytest -k), the model may still be loading in the background
    while (h := client.get("/v1/health").json())["status"] == "loading" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert h["status"] == "ok" and h["in_flight"] == 0
    m = client.get("/v1/model").json()
    assert m["name"] == "default" and "ner" in [p["name"] for p in m["pipeline"]]
    assert 0 < m["scores"]["ner_dev_f1"]["COMPANY"] < 1
    page = client.get("/")
    assert page.status_code == 200 and 'id="doc"' in page.text
    assert client.get("/static/app.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"Record", "Entity", "Event", "Fact", "Relation"} <= set(schema["components"]["schemas"])


def test_busy_gives_503_with_retry_after(client):
    engine = client.app.state.engine
    engine.in_flight += engine.capacity  # as if every slot and the backlog were taken
    try:
        r = client.post("/v1/extract", json={"text": "上海"})
    finally:
        engine.in_flight -= engine.capacity
    assert r.status_code == 503 and r.headers["Retry-After"] == "1" and "busy" in r.json()["detail"]


def test_engine_admits_at_most_workers_plus_backlog(monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr(worker_mod.Worker, "__init__", lambda self, model=None: None)
    monkeypatch.setattr(worker_mod.Worker, "extract", lambda self, items, bs=16: gate.wait(5) and [])

    async def go():
        eng = Engine(Settings(workers=0, backlog=1))
        first = asyncio.ensure_future(eng.run("extract_items", [("a", "x")]))
        second = asyncio.ensure_future(eng.run("extract_items", [("b", "x")]))
        await asyncio.sleep(0.05)
        assert eng.in_flight == 2
        with pytest.raises(Busy):
            await eng.run("extract_items", [("c", "x")])
        gate.set()
        await asyncio.gather(first, second)
        for _ in range(50):  # the done-callbacks run on the executor thread
            if eng.in_flight == 0:
                break
            await asyncio.sleep(0.01)
        assert eng.in_flight == 0
        eng.close()

    asyncio.run(go())


def test_timeout_gives_504(monkeypatch, tmp_path):
    def slow(self, items, batch_size=16):
        time.sleep(1.0)
        return []

    monkeypatch.setattr(worker_mod.Worker, "extract", slow)
    with TestClient(create_app(Settings(workers=0, timeout=0.2, model="rules"))) as c:
        r = c.post("/v1/extract", json={"text": "上海"})
    assert r.status_code == 504 and "--timeout" in r.json()["detail"]


def test_worker_processes_give_the_same_records(tmp_path):
    with TestClient(create_app(Settings(workers=1))) as c:
        r = c.post("/v1/extract", json={"id": "p", "text": SHORT})
        assert c.get("/v1/health").json()["status"] == "ok"
    assert r.status_code == 200
    assert r.json() == zhie_extract([("p", SHORT)])[0]


def test_a_dead_worker_is_replaced():
    import os
    import signal

    with TestClient(create_app(Settings(workers=1, model="rules")), raise_server_exceptions=False) as c:
        assert c.post("/v1/extract", json={"text": "上海"}).status_code == 200
        pool = c.app.state.engine.pool
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
        statuses = [c.post("/v1/extract", json={"text": "上海"}).status_code for _ in range(3)]
        assert statuses[-1] == 200 and set(statuses) <= {200, 500}
        assert c.app.state.engine.pool is not pool


def test_bad_model_fails_before_serving(tmp_path, capsys):
    from extract.cli import main

    with pytest.raises(FileNotFoundError, match="No model at"):
        create_app(Settings(model=str(tmp_path / "nope")))
    assert main(["serve", "--model", str(tmp_path / "nope"), "--port", "0"]) == 2
    assert "No model at" in capsys.readouterr().err
    assert main(["serve", "--model", "rules", "--review", str(GOLD)]) == 2  # the queue needs a NER
    assert "--review needs a model with a NER" in capsys.readouterr().err


# ------------------------------------------------------------------ store
def test_save_validates_completes_and_replaces(client):
    rec = client.post("/v1/extract", json={"id": "s1", "text": SHORT}).json()
    text = rec["text"]
    # a correction: add a FIGURE the user marked (no attrs: the server fills norm and value/unit/qualifier)
    rec["entities"] = [e for e in rec["entities"] if not (e["start"] < 7 and 3 < e["end"])]
    for f in rec["facts"]:
        rec["facts"] = [f for f in rec["facts"] if f["value"] in {e["id"] for e in rec["entities"]}]
    rec["entities"].append({"id": "E99", "type": "FIGURE", "start": 3, "end": 7, "text": text[3:7]})
    r = client.post("/v1/store", json=rec)
    assert r.status_code == 200, r.text
    saved = r.json()
    assert saved["id"] == "s1" and not saved["replaced"]
    stored = [json.loads(x) for x in Path(saved["path"]).read_text(encoding="utf-8").splitlines()]
    (s1,) = [x for x in stored if x["id"] == "s1"]
    assert not [p for p in validate_record(s1) if p.severity == "error"]
    fig = next(e for e in s1["entities"] if (e["start"], e["end"]) == (3, 7))
    assert [e["start"] for e in s1["entities"]] == sorted(e["start"] for e in s1["entities"])
    assert [e["id"] for e in s1["entities"]] == [f"E{i}" for i in range(1, len(s1["entities"]) + 1)]
    assert fig["attrs"] == {"norm": "347家", "value": 347, "unit": "家", "qualifier": "exact"}
    assert client.get("/v1/store/s1").json() == s1
    assert client.post("/v1/store", json=s1).json()["replaced"] is True
    assert client.get("/v1/store").json()["ids"].count("s1") == 1


def test_invalid_record_is_not_saved(client):
    before = client.get("/v1/store").json()["ids"]
    rec = client.post("/v1/extract", json={"id": "bad1", "text": SHORT}).json()
    rec["entities"][0]["text"] = "錯"
    r = client.post("/v1/store", json=rec)
    assert r.status_code == 422
    assert any("is not text[" in p for p in r.json()["detail"]["problems"])
    rec = client.post("/v1/extract", json={"id": "bad2", "text": SHORT}).json()
    rec["relations"].append({"type": "located_in", "head": "E1", "tail": "E404"})
    assert client.post("/v1/store", json=rec).status_code == 422
    assert client.post("/v1/store", json={"id": "x", "text": "a", "entities": [{"id": "E1"}]}).status_code == 422
    assert client.get("/v1/store").json()["ids"] == before


def test_store_exports_round_trip(client, tmp_path):
    from extract.io.formats import read_records

    rec = client.post("/v1/extract", json={"id": "x1", "text": SHORT}).json()
    assert client.post("/v1/store", json=rec).status_code == 200
    jsonl = client.get("/v1/store/export?format=jsonl")
    assert jsonl.status_code == 200
    mine = [json.loads(x) for x in jsonl.text.splitlines()]
    for fmt, ext in (("label-studio", "json"), ("doccano", "jsonl")):
        r = client.get(f"/v1/store/export?format={fmt}")
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        path = tmp_path / f"export.{ext}"
        path.write_bytes(r.content)
        back = {x["id"]: x for x in read_records(path)}
        for m in mine:
            got = back[m["id"]]
            assert [(e["type"], e["start"], e["end"]) for e in got["entities"]] == \
                   [(e["type"], e["start"], e["end"]) for e in m["entities"]]
    assert client.get("/v1/store/export?format=xml").status_code == 422


def test_csv_export_reads_back(client):
    from extract.io.writers import read_csv

    rec = client.post("/v1/extract", json={"id": "c1", "text": SHORT}).json()
    r = client.post("/v1/export/csv", json={"records": [rec]})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    (back,) = read_csv(io.StringIO(r.text))
    assert [(e["type"], e["start"], e["end"]) for e in back["entities"]] == \
           [(e["type"], e["start"], e["end"]) for e in rec["entities"]]


def test_store_is_what_zhie_train_reads(client):
    from extract.learn.train import read_training_records

    path = Path(client.get("/v1/store").json()["path"])
    recs = read_training_records([path.parent])
    assert {r["id"] for r in recs} == set(client.get("/v1/store").json()["ids"])


def test_a_model_that_fails_to_load_shows_in_health(tmp_path):
    model = tmp_path / "broken"
    (model / "ner").mkdir(parents=True)  # a config naming NER weights that are not there
    (model / "config.json").write_text(json.dumps({"name": "broken", "pipeline": [
        {"name": "normalize", "factory": "normalize.v1"}, {"name": "ner", "factory": "ner.charcnn.v1", "path": "ner"}]}))
    with TestClient(create_app(Settings(workers=0, model=str(model))), raise_server_exceptions=False) as c:
        for _ in range(100):
            h = c.get("/v1/health").json()
            if h["status"] != "loading":
                break
            time.sleep(0.05)
        assert h["status"] == "failed" and "No NER model at" in h["error"]
        r = c.post("/v1/extract", json={"text": "上海"})
        assert r.status_code == 500 and "No NER model at" in r.json()["detail"]


def test_no_store_no_review_give_404():
    with TestClient(create_app(Settings(workers=0, model="rules"))) as c:
        assert c.get("/v1/store").status_code == 404
        assert c.post("/v1/store", json={"id": "a", "text": "b"}).status_code == 404
        assert c.get("/v1/review/next").status_code == 404


# ------------------------------------------------------------------ review queue
def test_review_queue_ranks_by_uncertainty_and_skips_saved(tmp_path):
    pool = tmp_path / "pool.jsonl"
    texts = {r["id"]: r["text"] for r in gold_records() if len(r["text"]) < 10_000}
    texts["plain"] = "今天天气很好。我们去公园散步。"
    # bare two-character names with no 公司/科技 to mark them: the NER cannot be sure what they are
    texts["names"] = "华芯与澜沧、蓝鲸、星海签约，明远出席。"
    with open(pool, "w", encoding="utf-8") as f:
        for k, t in texts.items():
            f.write(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n")
        f.write("{broken\n")
        f.write(json.dumps({"id": "huge", "text": "字" * 30_001}) + "\n")
    with TestClient(create_app(Settings(workers=0, store=str(tmp_path / "store"), review=str(pool),
                                        max_chars=30_000))) as c:
        for _ in range(600):
            r = c.get("/v1/review")
            if r.status_code != 503:
                break
            assert r.headers["Retry-After"]
            time.sleep(0.1)
        assert r.status_code == 200
        q = r.json()
        assert len(q["queue"]) == len(texts) and len(q["skipped"]) == 2 and "pool.jsonl:" in q["skipped"][0]
        assert "'huge'" in q["skipped"][1] and "--max-chars" in q["skipped"][1]
        scores = [x["score"] for x in q["queue"]]
        assert scores == sorted(scores, reverse=True)
        assert all(x["expected_errors"] >= 0 for x in q["queue"])
        # a sentence of bare, made-up names is less certain than small talk
        order = [x["id"] for x in q["queue"]]
        assert order.index("names") < order.index("plain")
        first = c.get("/v1/review/next").json()
        assert first["id"] == order[0] and first["rank"] == 1 and first["remaining"] == len(texts)
        assert first["record"]["text"] == texts[order[0]]
        assert c.post("/v1/store", json=first["record"]).status_code == 200
        second = c.get("/v1/review/next").json()
        assert second["id"] == order[1] and second["remaining"] == len(texts) - 1
        third = c.get("/v1/review/next", params={"skip": [order[1]]}).json()
        assert third["id"] == order[2]
        assert [x["id"] for x in c.get("/v1/review").json()["queue"] if x["done"]] == [order[0]]


def test_uncertainty_is_the_sum_of_marginal_doubt():
    import numpy as np

    from extract.pipeline import load
    from extract.stages.ner.infer import crf_marginals

    ner = load().get_pipe("ner")
    tagger = ner.tagger
    texts = ["上海澜起科技股份有限公司", "", "今天天气很好"]
    u = tagger.uncertainty(texts)
    assert u[1] == 0.0 and all(x >= 0 for x in u)
    head = tagger.config["output_head"]
    ems, offs = tagger.emissions([texts[0]], [head])
    n = len(texts[0])
    marg = crf_marginals(ems[head][offs[0]:offs[0] + n][None], np.array([n]), *tagger.crf[head])
    assert np.allclose(marg.sum(2), 1.0)
    assert u[0] == pytest.approx(float((1 - marg.max(2)).sum()), rel=1e-6)
    # the marginals' argmax agrees with the Viterbi path where the model is sure
    tags = [s for s in tagger.predict([texts[0]])[0]]
    assert tags  # the company is found
