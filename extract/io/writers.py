"""Output formats besides JSONL: a flat CSV (one row per entity, relation, event
argument, fact and table record) that reads back into the same facts, and a
pretty text view for people.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable, List

CSV_COLUMNS = [
    "doc_id", "record", "id", "type", "text", "start", "end", "norm",
    "value", "unit", "qualifier", "min", "max", "rank", "top", "scope",
    "role", "ref", "head", "tail", "subject", "value_ref", "date",
    "metric", "metric_start", "metric_end", "position", "attrs", "error",
]

_ATTR_COLUMNS = ("value", "unit", "qualifier", "min", "max", "rank", "top", "scope")


def _ent_by_id(rec: dict) -> dict:
    return {e["id"]: e for e in rec.get("entities", [])}


def csv_rows(rec: dict) -> List[dict]:
    """Flatten one SCHEMA record into CSV rows."""
    doc_id = rec.get("id")
    rows = []
    if rec.get("error"):
        rows.append({"doc_id": doc_id, "record": "error", "error": rec["error"]})
        return rows
    ents = _ent_by_id(rec)

    def txt(eid):
        return ents[eid]["text"] if eid in ents else ""

    for e in rec.get("entities", []):
        a = e.get("attrs", {})
        row = {"doc_id": doc_id, "record": "entity", "id": e["id"], "type": e["type"], "text": e["text"],
               "start": e["start"], "end": e["end"], "norm": a.get("norm", "")}
        for k in _ATTR_COLUMNS:
            if k in a and a[k] is not None:
                row[k] = a[k]
        row["attrs"] = json.dumps(a, ensure_ascii=False)
        rows.append(row)
    for r in rec.get("relations", []):
        rows.append({"doc_id": doc_id, "record": "relation", "type": r["type"], "head": r["head"], "tail": r["tail"],
                     "text": f"{txt(r['head'])} → {txt(r['tail'])}"})
    for ev in rec.get("events", []):
        t = ev["trigger"]
        base = {"doc_id": doc_id, "record": "event", "id": ev["id"], "type": ev["type"]}
        rows.append({**base, "role": "trigger", "text": t["text"], "start": t["start"], "end": t["end"]})
        for a in ev.get("arguments", []):
            row = {**base, "role": a["role"]}
            if a.get("ref"):
                row.update(ref=a["ref"], text=txt(a["ref"]))
            else:
                row.update(text=a["text"], start=a["start"], end=a["end"],
                           attrs=json.dumps(a.get("attrs", {}), ensure_ascii=False))
            rows.append(row)
    for f in rec.get("facts", []):
        m = f.get("metric") or {}
        rows.append({"doc_id": doc_id, "record": "fact", "id": f["id"], "type": f["type"],
                     "subject": f.get("subject") or "", "value_ref": f["value"], "date": f.get("date") or "",
                     "text": f"{txt(f.get('subject')) if f.get('subject') else '∅'} | {txt(f['value'])}",
                     "metric": m.get("text", ""), "metric_start": m.get("start", ""), "metric_end": m.get("end", ""),
                     "position": f.get("position", "")})
    for t in rec.get("tables", []):  # table records, when the pipeline reports them
        rows.append({"doc_id": doc_id, "record": "table_row", "id": t.get("id", ""),
                     "attrs": json.dumps(t, ensure_ascii=False)})
    if not rows:  # a document where nothing was found still gets its record back
        rows.append({"doc_id": doc_id, "record": "document"})
    return rows


def write_csv(records: Iterable[dict], out: IO) -> None:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for rec in records:
        for row in csv_rows(rec):
            w.writerow(row)


def _int(v):
    return int(v) if v not in ("", None) else None


def read_csv(stream: IO) -> List[dict]:
    """Rebuild SCHEMA records (without ``text``) from :func:`write_csv` output."""
    recs = {}
    order = []
    for row in csv.DictReader(stream):
        did = row["doc_id"]
        if did not in recs:
            recs[did] = {"id": did, "entities": [], "relations": [], "events": [], "facts": []}
            order.append(did)
        rec = recs[did]
        kind = row["record"]
        if kind == "error":
            rec["error"] = row["error"]
        elif kind == "entity":
            rec["entities"].append({"id": row["id"], "type": row["type"], "start": int(row["start"]),
                                    "end": int(row["end"]), "text": row["text"], "attrs": json.loads(row["attrs"])})
        elif kind == "relation":
            rec["relations"].append({"type": row["type"], "head": row["head"], "tail": row["tail"]})
        elif kind == "event":
            if row["role"] == "trigger":
                rec["events"].append({"id": row["id"], "type": row["type"], "arguments": [],
                                      "trigger": {"start": int(row["start"]), "end": int(row["end"]), "text": row["text"]}})
            else:
                ev = next(e for e in rec["events"] if e["id"] == row["id"])
                if row["ref"]:
                    ev["arguments"].append({"role": row["role"], "ref": row["ref"]})
                else:
                    arg = {"role": row["role"], "start": int(row["start"]), "end": int(row["end"]), "text": row["text"]}
                    attrs = json.loads(row["attrs"] or "{}")
                    if attrs:
                        arg["attrs"] = attrs
                    ev["arguments"].append(arg)
        elif kind == "fact":
            f = {"id": row["id"], "type": row["type"], "subject": row["subject"] or None, "value": row["value_ref"],
                 "metric": ({"start": int(row["metric_start"]), "end": int(row["metric_end"]), "text": row["metric"]}
                            if row["metric_start"] != "" else None),
                 "date": row["date"] or None}
            if _int(row["position"]) is not None:
                f["position"] = _int(row["position"])
            rec["facts"].append(f)
    return [recs[d] for d in order]


def pretty(rec: dict) -> str:
    """A readable block for one record."""
    lines = [f"== {rec.get('id')}  ({len(rec.get('text', ''))} chars)"]
    if rec.get("error"):
        lines.append(f"   ERROR: {rec['error']}")
        return "\n".join(lines)
    ents = _ent_by_id(rec)
    by_type = {}
    for e in rec.get("entities", []):
        by_type.setdefault(e["type"], []).append(e)
    for t, es in by_type.items():
        shown = []
        for e in es:
            a = {k: v for k, v in e.get("attrs", {}).items() if k != "norm"}
            shown.append(e["text"] + (f" {a}" if a else ""))
        lines.append(f"   {t:<9}{len(es):>4}  " + "; ".join(shown[:40]) + (" …" if len(shown) > 40 else ""))
    for r in rec.get("relations", []):
        lines.append(f"   REL {r['type']}: {ents[r['head']]['text']} → {ents[r['tail']]['text']}")
    for ev in rec.get("events", []):
        args = ", ".join(f"{a['role']}={ents[a['ref']]['text'] if a.get('ref') else a.get('text')}"
                         for a in ev.get("arguments", []))
        lines.append(f"   EVENT {ev['type']} [{ev['trigger']['text']}] {args}")
    for f in rec.get("facts", []):
        subj = ents[f["subject"]]["text"] if f.get("subject") else "∅"
        date = f" @ {ents[f['date']]['text']}" if f.get("date") else ""
        pos = f" #{f['position']}" if f.get("position") is not None else ""
        metric = (f.get("metric") or {}).get("text", "")
        lines.append(f"   {f['type']}: {subj} | {metric} = {ents[f['value']]['text']}{pos}{date}")
    return "\n".join(lines)


def completed_records(path, repair: bool = True) -> tuple:
    """What an interrupted ``zhie extract -o path`` run already wrote: ``(ids, dropped)``.

    ``ids`` lists the id of every whole record (one JSON object per line ending in a newline),
    in file order; ``dropped`` is the number of bytes of a torn last line (a record cut by a
    crash mid-write: no newline at its end, or not JSON), which ``repair`` truncates away so that
    the file ends with whole records. A line in the middle that is not a JSON record means the
    file is not this command's output: :class:`ValueError` naming the file and line.
    """
    import os

    ids, good_end, dropped = [], 0, 0
    with open(path, "rb") as f:
        lineno = 0
        while True:
            raw = f.readline()
            if not raw:
                break
            lineno += 1
            rec = None
            if raw.endswith(b"\n"):
                try:
                    rec = json.loads(raw)
                except ValueError:
                    rec = None
            if isinstance(rec, dict) and "id" in rec:
                ids.append(rec["id"])
                good_end = f.tell()
                continue
            rest = f.read(1)
            if rest:  # more follows: not a torn tail but a file that is not our output
                raise ValueError(f"{path}:{lineno}: not a JSON record; --resume continues only a file written by "
                                 f"`zhie extract --format jsonl` (move it away or drop --resume)")
            dropped = os.path.getsize(path) - good_end
    if dropped and repair:
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return ids, dropped
