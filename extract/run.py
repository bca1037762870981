"""`extract()`: run a pipeline over input files and write records — what `zhie extract` calls.

Records stream out as they are made: each JSONL record is one line written and flushed on its
own, so a crash or kill can cut at most the last line, never a record in the middle. With
``resume=True`` a run continues the output of an interrupted one: whole records already written
are kept and their documents skipped; a torn last line is dropped and its document redone.

With ``jobs > 1`` the documents are processed by that many worker processes, each loading the
model once, in chunks of ``batch_size`` documents; the records come out in input order and are the
same bytes as a one-process run writes (each record is rendered in its worker). At most two chunks
per worker are in flight, so an archive of millions of documents is never read into memory. A worker
that dies (killed, out of memory) loses nothing: the chunks it held are redone one document at a
time in a fresh pool, and a document that kills its worker again gets an error record.
"""
from __future__ import annotations

import io
import os
import sys
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from extract.doc import Document
from extract.io.writers import completed_records, csv_rows, pretty, CSV_COLUMNS
from extract.io.readers import iter_inputs, jsonl_line, write_record

FORMATS = ("jsonl", "csv", "pretty")


@dataclass
class RunSummary:
    documents: int = 0
    failed: int = 0
    chars: int = 0
    errors: list = field(default_factory=list)  # (id, message)
    skipped: int = 0  # --resume: documents whose record was already in the output
    dropped_bytes: int = 0  # --resume: size of the torn last line that was dropped


def extract(inputs: Iterable, out=None, format: str = "jsonl", model=None, nlp=None, batch_size: int = 16,
            progress: Optional[bool] = None, stdin: Optional[IO] = None, max_chars: Optional[int] = None,
            resume: bool = False, jobs: int = 1) -> RunSummary:
    """Extract from every input document and write one record per document, in input order.

    ``inputs``: paths (files, folders, ``-`` for stdin). ``out``: a path, an open
    text stream, or None for stdout. A document that fails gets a record with
    ``error``; the others are unaffected. ``max_chars``: a longer document gets an
    error record instead of being processed. ``resume``: continue the JSONL file
    ``out`` left by an interrupted run (see the module docstring). ``jobs``: worker
    processes (see the module docstring); each loads ``model``, or what ``nlp`` was
    loaded with. Returns counts and the errors.
    """
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if max_chars is not None and max_chars < 1:
        raise ValueError(f"--max-chars must be a positive number of characters, not {max_chars}")
    own = out is not None and not hasattr(out, "write")
    summary = RunSummary()
    done = Counter()
    if resume:
        if not own:
            raise ValueError("--resume needs an output file (-o OUT) to continue")
        if format != "jsonl":
            raise ValueError("--resume works with --format jsonl only (a CSV or pretty file cannot be checked "
                             "record by record)")
        if Path(out).exists():
            ids, summary.dropped_bytes = completed_records(out)
            done.update(ids)
    if jobs < 1:
        raise ValueError(f"--jobs must be 1 or more worker processes, not {jobs}")
    load_args = (model, (), {})
    if jobs > 1 and nlp is not None:
        if nlp.load_args is None:
            raise ValueError("jobs > 1 needs a pipeline the worker processes can load again: one from "
                             "extract.load(), not built or trained in memory")
        load_args = nlp.load_args
    if nlp is None and jobs == 1:
        from extract.pipeline import load
        nlp = load(model)
    inputs = list(inputs)

    def docs_in():
        for item in iter_inputs(inputs, stdin=stdin):
            if done[item.id] > 0:  # already written whole by the interrupted run (ids in input order)
                done[item.id] -= 1
                summary.skipped += 1
                continue
            if max_chars is not None and item.error is None and len(item.text) > max_chars:
                where = item.source + (f":{item.line}" if item.line else "")
                yield Document.failed(item.id, f"{where}: document has {len(item.text):,} characters, more than "
                                               f"--max-chars {max_chars:,}; split it or raise the limit")
                continue
            yield item.to_document()

    # Progress bar: only worth it for more than a few documents; we can't know the
    # count of a stream in advance, so show it for folders, several files and JSONL.
    show = progress if progress is not None else (len(inputs) > 3 or any(Path(p).is_dir() or str(p).endswith(".jsonl")
                                                                          for p in inputs if p != "-"))
    if jobs > 1:
        stream = _in_workers(docs_in(), jobs, load_args, batch_size, format)
    else:
        stream = (_Local(doc, format) for doc in nlp.pipe(docs_in(), batch_size=batch_size))
    if show:
        from tqdm import tqdm
        stream = tqdm(stream, desc="zhie extract", unit="doc", file=sys.stderr, mininterval=0.5)

    def documents():
        for done_doc in stream:
            summary.documents += 1
            summary.chars += done_doc.chars
            if done_doc.error is not None:
                summary.failed += 1
                summary.errors.append((done_doc.id, done_doc.error))
            yield done_doc

    if own:
        # JSONL text that cannot be UTF-8 (lone surrogates) is escaped by jsonl_line; the human
        # formats write such characters as \udXXX rather than stop the run
        fh = open(out, "a" if resume else "w", encoding="utf-8", newline="",
                  errors="strict" if format == "jsonl" else "backslashreplace")
    else:
        fh = out or sys.stdout
        if format != "jsonl":
            fh = _Escaping(fh)
    try:
        if format == "csv":
            import csv

            w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            w.writeheader()
            for done_doc in documents():
                w.writerows(done_doc.output)
                fh.flush()
        else:
            for done_doc in documents():
                done_doc.write(fh)
                fh.flush()  # one whole line per record reaches the file before the next starts
    finally:
        if own:
            fh.close()
    return summary


def _record(doc: Document, format: str) -> dict:
    rec = doc.to_dict()
    if format == "csv" and doc.tables:
        # table records are a CSV convenience (one row per table row); the JSONL record
        # stays exactly the SCHEMA record
        rec["tables"] = [r for i, t in enumerate(doc.tables, 1) for r in t.to_records(i)]
    return rec


def _render(doc: Document, format: str):
    """What the output gets for ``doc``: the JSONL line or the pretty text (a string), or the CSV rows (a list)."""
    if format == "jsonl":
        buf = io.StringIO()
        write_record(buf, doc)
        return buf.getvalue()
    if format == "csv":
        return list(csv_rows(_record(doc, format)))
    return pretty(_record(doc, format)) + "\n"


class _Local:
    """A document processed in this process. Its JSONL record is streamed to the output (a huge document's record
    is never whole in memory); the other formats are rendered when asked."""

    def __init__(self, doc: Document, format: str):
        self.doc, self.format = doc, format
        self.id, self.error, self.chars = doc.id, doc.error, len(doc.text)

    @property
    def output(self):
        return _render(self.doc, self.format)

    def write(self, fh) -> None:
        if self.format == "jsonl":
            write_record(fh, self.doc)
        else:
            fh.write(self.output)


@dataclass
class _Shipped:
    """A document processed in a worker process, sent back rendered (small to pickle, nothing left to compute)."""
    id: str
    error: Optional[str]
    chars: int
    output: object  # str (JSONL line, pretty text) or list (CSV rows)

    def write(self, fh) -> None:
        fh.write(self.output)


_worker_nlp = None  # the pipeline of this worker process (see _in_workers)
_worker_error = None  # why it could not be loaded (a missing or broken model), raised with every chunk


# one BLAS thread per worker: the workers are the parallelism (a BLAS thread pool per worker only contends for the
# cores; measured on 2 cores, 710 news documents: -j 2 took 8.6 s with the default threads, 5.1 s with one each)
_WORKER_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _load_in_worker(load_args: tuple) -> None:
    global _worker_nlp, _worker_error
    if "numpy" not in sys.modules:  # (read when numpy loads; a caller's own settings stand)
        for name in _WORKER_THREADS:
            os.environ.setdefault(name, "1")
    from extract.pipeline import load
    model, exclude, overrides = load_args
    try:
        _worker_nlp = load(model, exclude, **overrides)
    except Exception as e:  # an initializer that raises breaks the pool, which would read as a dying worker
        _worker_error = e


def _run_chunk(docs: list, batch_size: int, format: str) -> list:
    if _worker_error is not None:
        raise _worker_error  # the caller gets the model's error, as a one-process run raises it before any document
    return [_Shipped(d.id, d.error, len(d.text), _render(d, format))
            for d in _worker_nlp.pipe(docs, batch_size=batch_size)]


def _in_workers(docs: Iterable, jobs: int, load_args: tuple, batch_size: int, format: str,
                work=_run_chunk) -> Iterator[_Shipped]:
    """Process ``docs`` in ``jobs`` worker processes, each loading the pipeline with ``load_args`` (model, exclude,
    overrides; see :func:`extract.load`); yield them done, in input order (module docstring). ``work``: what a worker
    does with a chunk (tests replace it)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: a forked copy of a process with threads (the progress bar's, a caller's) can deadlock
    ctx = multiprocessing.get_context("spawn")

    def new_pool():
        return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_load_in_worker, initargs=(load_args,))

    def one_by_one(chunks):
        """Redo ``chunks`` after a worker died, a document per task, so that only a document that kills its worker
        again is lost, and it gets an error record."""
        nonlocal pool
        for chunk in chunks:
            for d in chunk:
                try:
                    yield from pool.submit(work, [d], batch_size, format).result()
                except BrokenProcessPool:
                    pool.shutdown(cancel_futures=True)
                    pool = new_pool()
                    msg = ("the worker process processing this document died (killed, or out of memory); "
                           "try it alone, or with --max-chars")
                    yield _Shipped(d.id, msg, len(d.text), _render(Document.failed(d.id, msg, text=d.text), format))

    docs = iter(docs)
    pool = new_pool()
    pending = deque()  # (chunk, future), oldest first
    try:
        while True:
            while len(pending) < 2 * jobs:
                chunk = list(islice(docs, batch_size))
                if not chunk:
                    break
                pending.append((chunk, pool.submit(work, chunk, batch_size, format)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                done = future.result()
            except BrokenProcessPool:
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool.shutdown(cancel_futures=True)
                pool = new_pool()
                yield from one_by_one(redo)
                continue
            yield from done
    finally:
        pool.shutdown(cancel_futures=True)


class _Escaping:
    """A text stream wrapper that writes characters UTF-8 cannot hold (lone surrogates) as ``\\udXXX``."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, s: str) -> int:
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            s = s.encode("utf-8", "backslashreplace").decode("utf-8")
        return self.fh.write(s)

    def flush(self) -> None:
        self.fh.flush()


TOKEN_FORMATS = ("words", "jsonl")


def tokenize(inputs: Iterable, out=None, format: str = "words", model=None, nlp=None, entities: bool = True,
             stdin: Optional[IO] = None) -> RunSummary:
    """Word tokens of every input document (what `zhie tokenize` calls).

    ``format="words"``: for each input line, one output line with its words separated by single
    spaces (the SIGHAN bakeoff format; empty lines stay empty). ``"jsonl"``: one record per document,
    ``{"id", "tokens": [[start, end, word], …]}`` with offsets into the document's text, or
    ``{"id", "error"}``. ``entities``: cut words at the boundaries of the entities the pipeline finds
    (see :meth:`extract.pipeline.Pipeline.tokenize`); without, the segmenter's words alone.
    Inputs are read as by :func:`extract`; a bad document never stops the others.
    """
    import json

    if format not in TOKEN_FORMATS:
        raise ValueError(f"Unknown format {format!r}; choose one of {', '.join(TOKEN_FORMATS)}")
    if nlp is None:
        from extract.pipeline import load
        nlp = load(model)
    summary = RunSummary()
    own = out is not None and not hasattr(out, "write")
    fh = open(out, "w", encoding="utf-8", newline="", errors="backslashreplace") if own else (out or sys.stdout)
    try:
        for item in iter_inputs(list(inputs), stdin=stdin):
            summary.documents += 1
            summary.chars += len(item.text or "")
            if item.error is not None:
                summary.failed += 1
                summary.errors.append((item.id, item.error))
                if format == "jsonl":
                    fh.write(jsonl_line({"id": item.id, "error": item.error}))
                continue
            try:
                if format == "words":
                    lines = item.text.split("\n")
                    outl = [" ".join(w for _, _, w in nlp.tokenize(line, entities=entities) if w.strip())
                            if line.strip() else "" for line in lines]
                    fh.write("\n".join(outl) + ("" if item.text.endswith("\n") else "\n"))
                else:
                    toks = nlp.tokenize(Document(item.text, id=item.id), entities=entities)
                    fh.write(json.dumps({"id": item.id, "tokens": [list(t) for t in toks]}, ensure_ascii=False)
                             + "\n")
            except Exception as e:  # one bad document never loses the rest
                msg = f"{type(e).__name__}: {e}"
                summary.failed += 1
                summary.errors.append((item.id, msg))
                if format == "jsonl":
                    fh.write(jsonl_line({"id": item.id, "error": msg}))
            fh.flush()
    finally:
        if own:
            fh.close()
    return summary
