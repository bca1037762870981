#!/usr/bin/env python3
"""List the disagreements between two annotation passes of the same documents, for adjudication.

    python annotations/tools/diff_passes.py annotations/news/passes/A annotations/news/passes/B [--ids s027 t003]

For each document present in both folders (``<id>.jsonl`` built records) it prints, per layer, the
items only one pass has: entities by (type, start, end) — and, for spans both have, attribute
differences; relations by (type, head span, tail span); FUNDING events by trigger span and their
arguments by (role, argument text); facts by (type, subject text, value span, position) and their
metric spans. Items both passes agree on are counted, not listed.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def _load(folder: Path) -> dict:
    out = {}
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out[str(r["id"])] = r
    return out


def _keys(rec: dict) -> dict:
    ents = {e["id"]: e for e in rec.get("entities", [])}
    span = lambda eid: (ents[eid]["start"], ents[eid]["end"], ents[eid]["text"]) if eid in ents else None
    out = {"entities": {}, "relations": {}, "events": {}, "arguments": {}, "facts": {}}
    for e in rec.get("entities", []):
        out["entities"][(e["type"], e["start"], e["end"])] = (e["text"], {k: v for k, v in e.get("attrs", {}).items() if k != "norm"})
    for r in rec.get("relations", []):
        out["relations"][(r["type"], span(r["head"]), span(r["tail"]))] = None
    for v in rec.get("events", []):
        t = v["trigger"]
        out["events"][(t["start"], t["end"], t["text"])] = None
        for a in v.get("arguments", []):
            txt = ents[a["ref"]]["text"] if "ref" in a and a["ref"] in ents else a.get("text")
            pos = ents[a["ref"]]["start"] if "ref" in a and a["ref"] in ents else a.get("start")
            out["arguments"][(t["text"], t["start"], a["role"], txt, pos)] = None
    for f in rec.get("facts", []):
        m = f.get("metric")
        out["facts"][(f["type"], span(f["subject"]) if f.get("subject") else None, span(f["value"]), f.get("position"))] = \
            (m["text"] if m else None, span(f["date"]) if f.get("date") else None)
    return out


def diff(a: dict, b: dict) -> str:
    ka, kb = _keys(a), _keys(b)
    lines = [f"## {a['id']}"]
    for layer in ("entities", "relations", "events", "arguments", "facts"):
        A, B = ka[layer], kb[layer]
        both = set(A) & set(B)
        lines.append(f"### {layer}: agree {len(both)}, only A {len(set(A) - set(B))}, only B {len(set(B) - set(A))}")
        for k in sorted(set(A) - set(B), key=str):
            lines.append(f"- A only: {k} {A[k] if A[k] is not None else ''}")
        for k in sorted(set(B) - set(A), key=str):
            lines.append(f"- B only: {k} {B[k] if B[k] is not None else ''}")
        for k in sorted(both, key=str):
            if A[k] != B[k]:
                lines.append(f"- differ: {k}: A {A[k]} | B {B[k]}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--ids", nargs="*")
    args = ap.parse_args(argv)
    A, B = _load(Path(args.a)), _load(Path(args.b))
    ids = args.ids or sorted(set(A) & set(B))
    for i in ids:
        if i in A and i in B:
            print(diff(A[i], B[i]) + "\n")
        else:
            print(f"## {i}: missing in {'A' if i not in A else 'B'}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
