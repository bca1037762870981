"""The FastAPI application behind ``zhie serve``: :func:`create_app` builds it from :class:`Settings`.

Endpoints (OpenAPI at ``/docs``, the schema at ``/openapi.json``):

- ``POST /v1/extract``: ``{"id"?, "text"}`` → one SCHEMA record, exactly what ``zhie extract``
  writes for that text; ``{"documents": [{"id"?, "text"}, …]}`` → ``{"records": […]}``.
- ``POST /v1/extract/file``: an uploaded .txt, .md or .jsonl file (the encodings ``zhie extract``
  reads) → ``{"records": […]}``; a bad document gets a record with ``error`` naming the file and line.
- ``GET /v1/health``, ``GET /v1/model``.
- ``POST /v1/store`` (save a corrected record: validated against SCHEMA, written to the store),
  ``GET /v1/store``, ``GET /v1/store/{id}``, ``GET /v1/store/export?format=jsonl|label-studio|doccano``.
- ``GET /v1/review``, ``GET /v1/review/next``: the review queue, most uncertain document first.
- ``POST /v1/export/csv``: records → the CSV of ``zhie extract --format csv``.
- ``GET /``: the page (``static/``).

Limits, all answered as JSON ``{"detail": …}``: 413 for a text over ``max_chars`` or a body over
``max_body`` bytes; 422 for invalid JSON or fields; 503 with ``Retry-After`` when ``workers + backlog``
jobs are already admitted (no unbounded waiting); 504 when a job takes longer than ``timeout`` seconds.
The pipeline never runs on the event loop: jobs go to :mod:`.worker` processes (or one thread with
``workers=0``), each of which loads the model once.
"""
from __future__ import annotations

import asyncio
import dataclasses
import concurrent.futures as cf
from concurrent.futures.process import BrokenProcessPool
import io
import json
import logging
import multiprocessing
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from extract.serve import worker as worker_mod
from extract.serve.models import (Batch, ErrorBody, ExtractRequest, Health, ModelInfo, Record, ReviewItem,
                                  Saved)
from extract.serve.store import AnnotationStore, InvalidRecord

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
UPLOAD_SUFFIXES = (".txt", ".md", ".jsonl")
ERRORS = {413: {"model": ErrorBody, "description": "text over max_chars, body over max_body, or too many documents"},
          422: {"model": ErrorBody, "description": "invalid JSON or fields"},
          503: {"model": ErrorBody, "description": "the job queue is full; retry after Retry-After seconds"},
          504: {"model": ErrorBody, "description": "the job took longer than the per-request timeout"}}


@dataclass
class Settings:
    """What ``zhie serve`` is started with (see ``zhie serve --help``)."""
    model: Optional[str] = None  # model folder, "rules", or None for models/default
    workers: int = 1  # worker processes, each with its own model; 0 = one thread in the server process
    max_chars: int = 200_000  # per document
    max_body: int = 20_000_000  # bytes per request
    max_docs: int = 1000  # documents per batch or uploaded file
    backlog: int = 64  # jobs that may wait for a worker beyond those running
    timeout: float = 120.0  # seconds per request
    batch_size: int = 16  # documents per job (as zhie extract --batch-size)
    store: Optional[str] = None  # annotation store folder
    review: Optional[str] = None  # folder or JSONL of unlabelled texts for the review queue


class Busy(Exception):
    """Every worker slot and the backlog are taken."""


class Engine:
    """Runs worker jobs off the event loop with a bounded number admitted at once."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.capacity = max(1, settings.workers) + max(0, settings.backlog)
        self.in_flight = 0
        self._lock = threading.Lock()
        self.ready = False
        self.error: Optional[str] = None  # why the workers could not load the model
        self.local: Optional[worker_mod.Worker] = None  # the model for workers=0
        self.pool = self._new_pool()

    def _new_pool(self):
        if self.settings.workers >= 1:
            # spawn, not fork: the server process runs threads (uvicorn, the executor's manager)
            return cf.ProcessPoolExecutor(self.settings.workers, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=worker_mod.init, initargs=(self.settings.model,))
        return cf.ThreadPoolExecutor(1, thread_name_prefix="zhie-worker")

    def _call(self, name: str, *args) -> cf.Future:
        if self.settings.workers >= 1:
            return self.pool.submit(getattr(worker_mod, name), *args)

        def run():
            if self.local is None:
                self.local = worker_mod.Worker(self.settings.model)
            method = {"extract_items": "extract", "rank_items": "rank", "complete_record": "complete",
                      "ping": None}[name]
            return os.getpid() if method is None else getattr(self.local, method)(*args)
        return self.pool.submit(run)

    def _release(self, n: int):
        def done(_):
            with self._lock:
                self.in_flight -= n
        return done

    async def run(self, name: str, *args, admit: bool = True, timeout: Optional[float] = -1):
        """Run one job; raises :class:`Busy` when not admitted, ``asyncio.TimeoutError`` past the timeout."""
        return (await self.run_many(name, [args], admit=admit, timeout=timeout))[0]

    async def run_many(self, name: str, arg_list: List[tuple], admit: bool = True, timeout: Optional[float] = -1):
        n = len(arg_list)
        with self._lock:
            if admit and self.in_flight + n > self.capacity:
                raise Busy()
            self.in_flight += n
        futures, pool = [], self.pool
        try:
            for args in arg_list:
                try:
                    fut = self._call(name, *args)
                except BrokenProcessPool:  # found dead at submit: replace the pool and submit again, once
                    self._restart(pool)
                    pool = self.pool
                    fut = self._call(name, *args)
                fut.add_done_callback(self._release(1))
                futures.append(fut)
        except BaseException:
            with self._lock:
                self.in_flight -= n - len(futures)
            raise
        waits = [asyncio.wrap_future(f) for f in futures]
        timeout = self.settings.timeout if timeout == -1 else timeout
        try:
            return await asyncio.wait_for(asyncio.gather(*waits), timeout)
        except BrokenProcessPool:
            self._restart(pool)  # a worker died (killed, out of memory): the next request gets fresh workers
            raise
        finally:
            for f in futures:
                f.cancel()  # a job still waiting for a worker is dropped; a running one finishes

    async def warm_up(self) -> None:
        n = max(1, self.settings.workers)
        try:
            await self.run_many("ping", [()] * n, admit=False, timeout=None)
            self.error = None
        except Exception as e:  # the model failed to load in a worker: /v1/health says so
            logger.exception("loading the model in the workers failed")
            self.error = f"{type(e).__name__}: {e}"
            return
        self.ready = True

    def _restart(self, broken) -> None:
        with self._lock:
            if self.pool is not broken:  # another request already replaced it
                return
            self.pool = self._new_pool()
        broken.shutdown(wait=False, cancel_futures=True)
        logger.error("a worker process died; started a new pool of %d", self.settings.workers)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------ review queue
class ReviewQueue:
    """Unlabelled documents ranked by the model's uncertainty, most uncertain first."""

    def __init__(self, path: str, max_chars: Optional[int] = None):
        from extract.io.readers import iter_inputs

        self.path = path
        self.items: List[Tuple[str, str]] = []
        self.skipped: List[str] = []
        seen = set()
        for doc in iter_inputs([path]):
            if doc.error is not None:
                self.skipped.append(doc.error)
            elif doc.id in seen:
                self.skipped.append(f"{doc.source}:{doc.line or ''}: duplicate document id {doc.id!r}; kept the first")
            elif max_chars is not None and len(doc.text) > max_chars:
                self.skipped.append(f"{doc.source}:{doc.line or ''}: document {doc.id!r} has {len(doc.text)} "
                                    f"characters, over --max-chars {max_chars}")
            else:
                seen.add(doc.id)
                self.items.append((doc.id, doc.text))
        self.ranked: Optional[List[dict]] = None
        self.error: Optional[str] = None

    async def rank(self, engine: Engine, chunk: int = 8) -> None:
        try:
            chunks = [self.items[i:i + chunk] for i in range(0, len(self.items), chunk)]
            out = await engine.run_many("rank_items", [(c,) for c in chunks], admit=False, timeout=None)
            scores = [u for part in out for u in part]
            ranked = [{"id": doc_id, "chars": len(text), "expected_errors": u,
                       "score": 1000.0 * u / max(1, len(text))}
                      for (doc_id, text), u in zip(self.items, scores)]
            ranked.sort(key=lambda r: (-r["score"], r["id"]))
            for k, r in enumerate(ranked, 1):
                r["rank"] = k
            self.ranked = ranked
        except Exception as e:  # shown by /v1/review; the rest of the server keeps working
            logger.exception("ranking the review queue failed")
            self.error = f"{type(e).__name__}: {e}"

    def text(self, doc_id: str) -> str:
        return dict(self.items)[doc_id]


# ------------------------------------------------------------------ helpers
def _json_error(status: int, detail, headers=None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_body`` bytes (declared or streamed)."""

    def __init__(self, app, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        msg = f"request body over the limit of {self.max_body} bytes (zhie serve --max-body)"
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    too_big = int(v) > self.max_body
                except ValueError:
                    too_big = False
                if too_big:
                    return await _json_error(413, msg)(scope, receive, send)
        seen = 0
        started = False

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    # an HTTPException: FastAPI re-raises it from body parsing (anything else becomes a 400)
                    raise HTTPException(413, msg)
            return message

        async def tracking(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except HTTPException as e:  # raised by `limited` outside a route's exception handling
            if e.status_code != 413 or started:
                raise
            await _json_error(413, msg)(scope, receive, send)


def _model_info(model) -> dict:
    from extract import __version__
    from extract.pipeline import DEFAULT_MODEL, RULES_CONFIG

    if model is None:
        model = os.environ.get("ZHIE_MODEL") or DEFAULT_MODEL
    if str(model) == "rules":
        cfg, path = RULES_CONFIG, None
    else:
        path = Path(model)
        cfg_path = path / "config.json"
        if not cfg_path.is_file():
            raise FileNotFoundError(f"No model at {path}: expected {cfg_path}")
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    scores, card = {}, None
    if path is not None:
        for entry in cfg.get("pipeline", []):
            meta = path / entry.get("path", "") / "meta.json" if entry.get("path") else None
            if meta is not None and meta.is_file():
                m = json.loads(meta.read_text(encoding="utf-8"))
                best = next((h for h in m.get("history", []) if h.get("epoch") == m.get("epoch")), None)
                if best and best.get("dev"):
                    scores[f"{entry['name']}_dev_f1"] = best["dev"]
        for held in (path / "scores.json", path.parent / "scores.json"):
            if held.is_file():
                s = json.loads(held.read_text(encoding="utf-8"))
                scores["held_out"] = {k: s.get(k) for k in ("base", "model_best") if k in s}
                break
        card_path = path / "MODEL_CARD.md"
        if card_path.is_file():
            card = card_path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    return {"name": cfg.get("name", "unnamed"), "path": str(path) if path else None, "version": __version__,
            "pipeline": [{"name": e.get("name"), "factory": e.get("factory")} for e in cfg.get("pipeline", [])],
            "scores": scores, "card": card}


# ------------------------------------------------------------------ the app
def resolve_model(model):
    """``--model``: a model folder, ``rules``, None (the default), or a ``zhie train --out`` folder, which
    serves its ``model-best``."""
    if model is None or str(model) == "rules":
        return model
    path = Path(model)
    if not (path / "config.json").is_file() and (path / "model-best" / "config.json").is_file():
        return str(path / "model-best")
    return str(path)


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    settings = settings or Settings()
    settings = dataclasses.replace(settings, model=resolve_model(settings.model))
    info = _model_info(settings.model)  # a bad --model fails here, before the server starts
    if settings.review and not any(str(p["factory"]).startswith("ner.") for p in info["pipeline"]):
        raise ValueError(f"--review needs a model with a NER component (ner.charcnn.v1): the queue is ranked by "
                         f"the NER's uncertainty, and model {info['name']!r} has none")
    store = AnnotationStore(settings.store) if settings.store else None
    review = ReviewQueue(settings.review, settings.max_chars) if settings.review else None
    state = {}

    @asynccontextmanager
    async def lifespan(app):
        engine = Engine(settings)
        state["engine"] = app.state.engine = engine
        tasks = [asyncio.create_task(engine.warm_up())]
        if review is not None:
            tasks.append(asyncio.create_task(review.rank(engine)))
        try:
            yield
        finally:
            for t in tasks:
                t.cancel()
            engine.close()

    app = FastAPI(title="ZhIE", version=info["version"], lifespan=lifespan,
                  description="Structured facts from Chinese policy and news text: entities, relations, FUNDING "
                              "events, METRIC/RANKING facts. Records follow SCHEMA.md.")
    app.add_middleware(BodyLimit, max_body=settings.max_body)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):  # JSON, like every other error
        logger.exception("%s %s failed", request.method, request.url.path)
        return _json_error(500, f"internal error: {type(exc).__name__}: {exc}")
    app.state.settings, app.state.store, app.state.review = settings, store, review

    def engine() -> Engine:
        return state["engine"]

    async def run(name, arg_list):
        try:
            return await engine().run_many(name, arg_list)
        except Busy:
            raise HTTPException(503, f"busy: {engine().capacity} jobs admitted (zhie serve --workers/--backlog); "
                                     f"retry later", headers={"Retry-After": "1"}) from None
        except asyncio.TimeoutError:
            raise HTTPException(504, f"extraction took longer than {settings.timeout:g} s "
                                     f"(zhie serve --timeout)") from None

    def check_chars(doc_id, text):
        if len(text) > settings.max_chars:
            raise HTTPException(413, f"document {doc_id!r}: {len(text)} characters, over the limit of "
                                     f"{settings.max_chars} (zhie serve --max-chars)")

    async def extract_items(items: List[Tuple[str, str]]) -> List[dict]:
        if not items:
            return []
        size = max(1, settings.batch_size)
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        parts = await run("extract_items", [(c, size) for c in chunks])
        return [r for part in parts for r in part]

    # ---- extraction
    @app.post("/v1/extract", response_model=Record | Batch, responses=ERRORS, tags=["extract"],
              summary="Extract from one text ({id?, text}) or a batch ({documents: [...]})")
    async def extract_json(req: ExtractRequest):
        if req.documents is None:
            doc_id = req.id if req.id is not None else "doc"
            check_chars(doc_id, req.text)
            return JSONResponse((await extract_items([(doc_id, req.text)]))[0])
        if len(req.documents) > settings.max_docs:
            raise HTTPException(413, f"{len(req.documents)} documents, over the limit of {settings.max_docs} "
                                     f"per request (zhie serve --max-docs)")
        items = [(d.id if d.id is not None else str(i), d.text) for i, d in enumerate(req.documents, 1)]
        for doc_id, text in items:
            check_chars(doc_id, text)
        return JSONResponse({"records": await extract_items(items)})

    @app.post("/v1/extract/file", response_model=Batch, responses={**ERRORS, 415: {"model": ErrorBody}},
              tags=["extract"], summary="Extract from an uploaded .txt, .md or .jsonl file")
    async def extract_file(file: UploadFile = File(...)):
        from extract.io.readers import InputError, decode_bytes, iter_jsonl

        name = Path(file.filename or "upload.txt").name or "upload.txt"
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise HTTPException(415, f"{name}: unsupported file type {suffix or '(none)'!r}; "
                                     f"send {', '.join(UPLOAD_SUFFIXES)}")
        data = await file.read()
        stem = Path(name).stem or "upload"
        if suffix == ".jsonl":
            docs = list(iter_jsonl(data.splitlines(), name, stem))
            if len(docs) > settings.max_docs:
                raise HTTPException(413, f"{name}: {len(docs)} documents, over the limit of {settings.max_docs} "
                                         f"per request (zhie serve --max-docs)")
            for d in docs:  # one document in, one record out: a long one is its own error record
                if d.error is None and len(d.text) > settings.max_chars:
                    d.error = (f"{name}:{d.line}: {len(d.text)} characters, over the limit of {settings.max_chars} "
                               f"(zhie serve --max-chars)")
        else:
            if not data.strip():
                docs = [_failed(stem, f"{name}: empty document (no text)")]
            else:
                try:
                    text = decode_bytes(data, name)
                except InputError as e:
                    docs = [_failed(stem, str(e))]
                else:
                    check_chars(stem, text)
                    docs = [_doc(stem, text)]
        good = [(d.id, d.text) for d in docs if d.error is None]
        done = iter(await extract_items(good))
        records = [next(done) if d.error is None else d.to_document().to_dict() for d in docs]
        return JSONResponse({"records": records})

    # ---- service
    @app.get("/v1/health", response_model=Health, tags=["service"])
    async def health():
        e = engine()
        return Health(status="ok" if e.ready else ("failed" if e.error else "loading"), workers=settings.workers,
                      in_flight=e.in_flight, capacity=e.capacity, error=e.error)

    @app.get("/v1/model", response_model=ModelInfo, tags=["service"])
    async def model():
        return info

    # ---- annotation store
    def need_store() -> AnnotationStore:
        if store is None:
            raise HTTPException(404, "no annotation store: start the server with --store DIR")
        return store

    @app.post("/v1/store", response_model=Saved, responses={422: {"model": ErrorBody}, 404: {"model": ErrorBody}},
              tags=["annotations"], summary="Save a corrected record (validated against SCHEMA) to the store")
    async def save(rec: Record):
        st = need_store()
        raw = rec.model_dump(exclude_unset=True, mode="json")
        for key in ("entities", "relations", "events", "facts"):
            raw.setdefault(key, [])
        raw = await run("complete_record", [(raw,)])
        raw = raw[0]
        try:
            replaced, warnings = st.save(raw)
        except InvalidRecord as e:
            raise HTTPException(422, {"message": f"record {raw.get('id')!r} does not validate against SCHEMA; "
                                                 f"nothing was saved", "problems": e.problems}) from None
        return Saved(id=raw["id"], path=str(st.path), replaced=replaced, warnings=warnings, documents=len(st))

    @app.get("/v1/store", tags=["annotations"], summary="Ids of the saved documents")
    async def store_ids():
        st = need_store()
        return {"path": str(st.path), "documents": len(st), "ids": st.ids()}

    @app.get("/v1/store/export", tags=["annotations"], responses={404: {"model": ErrorBody}},
             summary="The whole store as SCHEMA JSONL, a Label Studio task list, or doccano JSONL")
    async def export(format: str = Query("jsonl", pattern="^(jsonl|label-studio|doccano)$")):
        from extract.io.formats import to_doccano, to_label_studio

        recs = need_store().records()
        if format == "label-studio":
            body, media, ext = json.dumps(to_label_studio(recs), ensure_ascii=False, indent=1), "application/json", "json"
        else:
            objs = recs if format == "jsonl" else to_doccano(recs)
            body, media, ext = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "application/jsonl", "jsonl"
        name = f"zhie-store-{format}.{ext}"
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/v1/store/{doc_id}", response_model=Record, responses={404: {"model": ErrorBody}}, tags=["annotations"])
    async def stored(doc_id: str):
        st = need_store()
        if doc_id not in st:
            raise HTTPException(404, f"document {doc_id!r} is not in the store")
        return JSONResponse(st.get(doc_id))

    @app.post("/v1/export/csv", tags=["annotations"], summary="Records → the CSV of zhie extract --format csv")
    async def export_csv(batch: Batch):
        from extract.io.writers import write_csv

        from extract.io.annotations import validate_record

        recs = [r.model_dump(exclude_unset=True, mode="json") for r in batch.records]
        problems = [str(p) for k, r in enumerate(recs) for p in validate_record(r, path="records", index=k)
                    if p.severity == "error" and p.code not in ("attrs", "overlap")]
        if problems:  # the CSV rows need consistent spans and references
            raise HTTPException(422, {"message": "records do not validate against SCHEMA", "problems": problems})
        buf = io.StringIO()
        write_csv(recs, buf)
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="zhie.csv"'})

    # ---- review queue
    def need_review() -> ReviewQueue:
        if review is None:
            raise HTTPException(404, "no review queue: start the server with --review FOLDER_OR_JSONL")
        if review.error:
            raise HTTPException(500, f"ranking the review queue failed: {review.error}")
        if review.ranked is None:
            raise HTTPException(503, f"ranking {len(review.items)} documents by uncertainty; retry shortly",
                                headers={"Retry-After": "2"})
        return review

    @app.get("/v1/review", tags=["review"], responses={404: {"model": ErrorBody}, 503: {"model": ErrorBody}},
             summary="The review queue: documents ranked by the model's uncertainty, most uncertain first")
    async def review_list():
        rq = need_review()
        done = set(store.ids()) if store is not None else set()
        return {"path": rq.path, "documents": len(rq.ranked), "skipped": rq.skipped,
                "queue": [{**r, "done": r["id"] in done} for r in rq.ranked]}

    @app.get("/v1/review/next", response_model=ReviewItem, tags=["review"],
             responses={404: {"model": ErrorBody}, 503: {"model": ErrorBody}},
             summary="The most uncertain document not yet in the store (and not skipped), with its extraction")
    async def review_next(skip: List[str] = Query(default=[])):
        rq = need_review()
        done = set(store.ids()) if store is not None else set()
        todo = [r for r in rq.ranked if r["id"] not in done]
        nxt = next((r for r in todo if r["id"] not in set(skip)), None)
        if nxt is None:
            raise HTTPException(404, "the review queue is empty: every document is in the store or skipped")
        text = rq.text(nxt["id"])
        check_chars(nxt["id"], text)
        record = (await extract_items([(nxt["id"], text)]))[0]
        return JSONResponse({"id": nxt["id"], "score": nxt["score"], "expected_errors": nxt["expected_errors"],
                             "rank": nxt["rank"], "remaining": len(todo), "record": record})

    # ---- the page
    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _doc(doc_id, text):
    from extract.io.readers import InputDoc
    return InputDoc(doc_id, text, "<upload>")


def _failed(doc_id, error):
    from extract.io.readers import InputDoc
    return InputDoc(doc_id, "", "<upload>", error=error)
