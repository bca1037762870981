#!/usr/bin/env python3
"""Concatenate the adjudicated records of each split into ``{train,dev,test}.jsonl`` (split order).

    python annotations/news/build_splits.py [--splits test dev train]

A split is written only when every one of its documents is adjudicated; otherwise the missing ids are
listed and the split is left as it was. Records are copied as built (``adjudicated/<id>.jsonl``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--splits", nargs="+", default=["test", "dev", "train"])
    args = ap.parse_args(argv)
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    status = 0
    for split in args.splits:
        ids = splits[split]
        missing = [i for i in ids if not (HERE / "adjudicated" / f"{i}.jsonl").exists()]
        if missing:
            print(f"{split}: {len(missing)} of {len(ids)} documents not adjudicated yet: {' '.join(missing)}")
            status = 1
            continue
        lines = [(HERE / "adjudicated" / f"{i}.jsonl").read_text(encoding="utf-8").strip() for i in ids]
        for i, line in zip(ids, lines):
            assert json.loads(line)["id"] == i, i
        out = HERE / f"{split}.jsonl"
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{split}: {len(ids)} documents → {out.name} sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
