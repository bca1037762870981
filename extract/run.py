"""`extract()`: run a pipeline over input files and write records — what `zhie extract` calls.

Records stream out as they are made: each JSONL record is one line written and flushed on its
own, so a crash or kill can cut at most the last line, never a record in the middle. With
``resume=True`` a run continues the output of an interrupted one: whole records already written
are kept and their documents skipped; a torn last line is dropped and its document redone.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Optional

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
            resume: bool = False) -> RunSummary:
    """Extract from every input document and write one record per document, in input order.

    ``inputs``: paths (files, folders, ``-`` for stdin). ``out``: a path, an open
    text stream, or None for stdout. A document that fails gets a record with
    ``error``; the others are unaffected. ``max_chars``: a longer document gets an
    error record instead of being processed. ``resume``: continue the JSONL file
    ``out`` left by an interrupted run (see the module docstring). Returns counts
    and the errors.
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
    if nlp is None:
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
    stream = nlp.pipe(docs_in(), batch_size=batch_size)
    if show:
        from tqdm import tqdm
        stream = tqdm(stream, desc="zhie extract", unit="doc", file=sys.stderr, mininterval=0.5)

    def documents():
        for doc in stream:
            summary.documents += 1
            summary.chars += len(doc.text)
            if doc.error is not None:
                summary.failed += 1
                summary.errors.append((doc.id, doc.error))
            yield doc

    def records():
        for doc in documents():
            rec = doc.to_dict()
            if format == "csv" and doc.tables:
                # table records are a CSV convenience (one row per table row); the JSONL record
                # stays exactly the SCHEMA record
                rec["tables"] = [r for i, t in enumerate(doc.tables, 1) for r in t.to_records(i)]
            yield rec

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
        if format == "jsonl":
            for doc in documents():
                write_record(fh, doc)  # streamed: a huge document's record is never whole in memory
                fh.flush()  # one whole line per record reaches the file before the next starts
        elif format == "csv":
            import csv

            w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            w.writeheader()
            for rec in records():
                w.writerows(csv_rows(rec))
                fh.flush()
        else:
            for rec in records():
                fh.write(pretty(rec) + "\n")
                fh.flush()
    finally:
        if own:
            fh.close()
    return summary


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
