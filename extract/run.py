"""`extract()`: run a pipeline over input files and write records — what `zhie extract` calls."""
from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Optional

from extract.io.writers import pretty, write_csv
from extract.io.readers import iter_inputs, write_jsonl

FORMATS = ("jsonl", "csv", "pretty")


@dataclass
class RunSummary:
    documents: int = 0
    failed: int = 0
    chars: int = 0
    errors: list = field(default_factory=list)  # (id, message)


def extract(inputs: Iterable, out=None, format: str = "jsonl", model=None, nlp=None, batch_size: int = 16,
            progress: Optional[bool] = None, stdin: Optional[IO] = None) -> RunSummary:
    """Extract from every input document and write one record per document, in input order.

    ``inputs``: paths (files, folders, ``-`` for stdin). ``out``: a path, an open
    text stream, or None for stdout. A document that fails gets a record with
    ``error``; the others are unaffected. Returns counts and the errors.
    """
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if nlp is None:
        from extract.pipeline import load
        nlp = load(model)
    inputs = list(inputs)
    summary = RunSummary()
    docs_in = (item.to_document() for item in iter_inputs(inputs, stdin=stdin))
    # Progress bar: only worth it for more than a few documents; we can't know the
    # count of a stream in advance, so show it for folders, several files and JSONL.
    show = progress if progress is not None else (len(inputs) > 3 or any(Path(p).is_dir() or str(p).endswith(".jsonl")
                                                                          for p in inputs if p != "-"))
    stream = nlp.pipe(docs_in, batch_size=batch_size)
    if show:
        from tqdm import tqdm
        stream = tqdm(stream, desc="zhie extract", unit="doc", file=sys.stderr, mininterval=0.5)

    def records():
        for doc in stream:
            summary.documents += 1
            summary.chars += len(doc.text)
            if doc.error is not None:
                summary.failed += 1
                summary.errors.append((doc.id, doc.error))
            rec = doc.to_dict()
            if format == "csv" and doc.tables:
                # table records are a CSV convenience (one row per table row); the JSONL record
                # stays exactly the SCHEMA record
                rec["tables"] = [r for i, t in enumerate(doc.tables, 1) for r in t.to_records(i)]
            yield rec

    own = out is not None and not hasattr(out, "write")
    fh = open(out, "w", encoding="utf-8", newline="") if own else (out or sys.stdout)
    try:
        if format == "jsonl":
            write_jsonl(records(), fh)
        elif format == "csv":
            write_csv(records(), fh)
        else:
            for rec in records():
                fh.write(pretty(rec) + "\n")
    finally:
        if own:
            fh.close()
    return summary
