"""The annotation store: a folder of SCHEMA JSONL that ``zhie train --data STORE`` reads as it is.

Saved records live in ``STORE/annotations.jsonl``, one per document id; saving a document again
replaces its record. Every write goes to a temporary file that is then renamed over the old one, so
a crash never leaves half a file, and a record is validated against SCHEMA
(:func:`extract.io.annotations.validate_record`) before it is written: the store only ever holds
records that ``zhie annotations validate`` accepts.
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Dict, List, Tuple

from extract.io.annotations import validate_record
from extract.io.formats import renumber

STORE_FILE = "annotations.jsonl"


class InvalidRecord(ValueError):
    """A record that SCHEMA validation rejects; ``problems`` lists each error as a string."""

    def __init__(self, problems: List[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class AnnotationStore:
    """Corrected records by document id, kept in ``folder/annotations.jsonl``."""

    def __init__(self, folder):
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ValueError(f"--store {folder}: not a folder (the store is a folder of JSONL)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / STORE_FILE
        self._lock = threading.Lock()
        self._records: Dict[str, dict] = {}
        if self.path.exists():
            self._records = self._read()

    def _read(self) -> Dict[str, dict]:
        out = {}
        with open(self.path, encoding="utf-8-sig") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{self.path}:{lineno}: malformed JSON: {e.msg} (column {e.colno}); "
                                     f"fix or remove that line") from None
                if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                    raise ValueError(f"{self.path}:{lineno}: not a SCHEMA record with a string id")
                out[rec["id"]] = rec
        return out

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, doc_id) -> bool:
        return doc_id in self._records

    def ids(self) -> List[str]:
        return list(self._records)

    def records(self) -> List[dict]:
        with self._lock:
            return [json.loads(json.dumps(r)) for r in self._records.values()]

    def get(self, doc_id: str) -> dict:
        return self._records[doc_id]

    def save(self, rec: dict) -> Tuple[bool, List[str]]:
        """Validate and store ``rec`` (entities renumbered in text order); returns (replaced an earlier record,
        warnings).

        Raises :class:`InvalidRecord` (nothing is written) when SCHEMA validation finds an error.
        """
        problems = validate_record(rec, path="record")
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise InvalidRecord([_message(p) for p in errors])
        if rec.get("error") is not None:
            raise InvalidRecord(["a record with 'error' is a failed extraction, not an annotation"])
        rec = renumber(json.loads(json.dumps(rec)))  # E1, E2, … in text order, as zhie extract writes them
        with self._lock:
            replaced = rec["id"] in self._records
            self._records[rec["id"]] = rec
            self._write()
        return replaced, [_message(p) for p in problems if p.severity != "error"]

    def delete(self, doc_id: str) -> None:
        with self._lock:
            del self._records[doc_id]
            self._write()

    def _write(self) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".annotations.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for rec in self._records.values():
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def _message(problem) -> str:
    where = f"{problem.where}: " if problem.where else ""
    return f"{where}{problem.message}"
