#!/usr/bin/env python3
"""Build SCHEMA records from the compact hand-annotation format used for ZhIE-News passes.

An annotator writes one JSON file per document (``<id>.json``), with entities in text order and
everything else pointing at entities by their number (E1 = the first entity listed)::

    {"id": "s001",
     "ignore": [{"from": "荆楚网首页", "to": "手机荆楚网"}],          # optional; from the start of one
                                                                   # string to the end of the next
     "entities": [
        ["COMPANY", "云顶新耀"],                                     # E1
        ["FIGURE", "3.1亿美元", {"value": 310000000, "unit": "美元", "qualifier": "exact"}],   # E2
        ["RANK", "全国第一", {"rank": 1, "scope": "全国"}],          # E3
        {"type": "ORG", "text": "投资界", "at": 812}                 # pin the start offset when needed
     ],
     "relations": [["invested_in", 5, 1]],                          # type, head E-number, tail E-number
     "events": [{"trigger": {"text": "融资", "after": 2},             # first match at/after E2's start
                 "arguments": [["company", 1], ["amount", 2],
                               ["round", {"text": "C轮", "after": 2}, {"round": "C"}],
                               ["lead_investor", 5], ["investor", 6], ["date", 7]]}],
     "facts": [{"type": "METRIC", "subject": 1, "value": 2, "metric": {"text": "营收", "after": 1}, "date": 7},
               {"type": "RANKING", "subject": 4, "value": 3, "metric": {"text": "估值"}, "position": 1}]}

Each entity is found by searching forward from the end of the previous one (or at ``at``). A span
object is ``{"text": ..., "after": E-number}`` (search from that entity's start), ``{"text": ...,
"at": offset}`` or ``{"text": ..., "from": offset}``; without ``after``/``at``/``from`` it is
searched from the document start. ``attrs.norm`` (OpenCC t2s) is added to every entity.

    python annotations/tools/compact.py build DIR_OR_FILES... --texts RAW.jsonl --out OUT_DIR
    python annotations/tools/compact.py show FILE.json --texts RAW.jsonl    # numbered entities, inline view

``build`` validates each record with the project's validator (``extract.io.annotations``) and
prints every problem with the file name; a record with problems is still written, so nothing is
lost, and the exit status is 1.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

try:
    import opencc
    _T2S = opencc.OpenCC("t2s").convert
except Exception:  # pragma: no cover
    _T2S = None


class CompactError(ValueError):
    pass


def _texts(path) -> dict:
    out = {}
    for p in path:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    out[str(r["id"])] = r["text"]
    return out


def _find(text: str, needle: str, start: int, what: str) -> int:
    if not needle:
        raise CompactError(f"{what}: empty text")
    i = text.find(needle, max(start, 0))
    if i < 0:
        where = "anywhere" if text.find(needle) < 0 else f"after offset {start}"
        raise CompactError(f"{what}: {needle!r} not found {where}")
    return i


def build(ann: dict, text: str) -> dict:
    ents, cursor = [], 0
    for n, item in enumerate(ann.get("entities", []), 1):
        if isinstance(item, dict):
            typ, s, attrs, at = item["type"], item["text"], dict(item.get("attrs", {})), item.get("at")
        else:
            typ, s = item[0], item[1]
            attrs = dict(item[2]) if len(item) > 2 and item[2] else {}
            at = None
        if at is not None:
            if text[at:at + len(s)] != s:
                raise CompactError(f"E{n} {typ} {s!r}: text at {at} is {text[at:at + len(s)]!r}")
            start = at
        else:
            start = _find(text, s, cursor, f"E{n} {typ}")
        end = start + len(s)
        attrs["norm"] = _T2S(s) if _T2S else s
        ents.append({"id": f"E{n}", "type": typ, "start": start, "end": end, "text": s, "attrs": attrs})
        cursor = end

    def ref(x, what):
        if x is None:
            return None
        if not isinstance(x, int) or not 1 <= x <= len(ents):
            raise CompactError(f"{what}: no entity E{x}")
        return f"E{x}"

    def span(obj, what):
        if isinstance(obj, str):
            obj = {"text": obj}
        s = obj["text"]
        if "at" in obj:
            start = obj["at"]
            if text[start:start + len(s)] != s:
                raise CompactError(f"{what}: text at {start} is {text[start:start + len(s)]!r}, not {s!r}")
        else:
            frm = obj.get("from", 0)
            if "after" in obj:
                frm = ents[int(obj["after"]) - 1]["start"] if 1 <= int(obj["after"]) <= len(ents) else None
                if frm is None:
                    raise CompactError(f"{what}: no entity E{obj['after']}")
            start = _find(text, s, frm, what)
        out = {"start": start, "end": start + len(s), "text": s}
        if obj.get("attrs"):
            out["attrs"] = dict(obj["attrs"])
        return out

    rels = [{"type": t, "head": ref(h, f"relation {i} head"), "tail": ref(tl, f"relation {i} tail")}
            for i, (t, h, tl) in enumerate(ann.get("relations", []), 1)]
    events = []
    for i, ev in enumerate(ann.get("events", []), 1):
        args = []
        for a in ev.get("arguments", []):
            role, val = a[0], a[1]
            if isinstance(val, int):
                args.append({"role": role, "ref": ref(val, f"event V{i} {role}")})
            else:
                sp = span(val, f"event V{i} {role}")
                if len(a) > 2 and a[2]:
                    sp["attrs"] = dict(a[2])
                args.append({"role": role, **sp})
        events.append({"id": f"V{i}", "type": ev.get("type", "FUNDING"),
                       "trigger": span(ev["trigger"], f"event V{i} trigger"), "arguments": args})
    facts = []
    for i, f in enumerate(ann.get("facts", []), 1):
        fact = {"id": f"F{i}", "type": f["type"], "subject": ref(f.get("subject"), f"fact F{i} subject"),
                "value": ref(f["value"], f"fact F{i} value")}
        if f.get("metric"):
            fact["metric"] = span(f["metric"], f"fact F{i} metric")
        if f.get("date"):
            fact["date"] = ref(f["date"], f"fact F{i} date")
        if f.get("position") is not None:
            fact["position"] = f["position"]
        facts.append(fact)
    ignore = []
    for i, g in enumerate(ann.get("ignore", []), 1):
        a = _find(text, g["from"], g.get("start", 0), f"ignore {i} from")
        b = _find(text, g["to"], a, f"ignore {i} to") + len(g["to"])
        ignore.append({"start": a, "end": b})
    rec = {"id": ann["id"], "text": text, "entities": ents, "relations": rels, "events": events, "facts": facts}
    if ignore:
        rec["ignore"] = ignore
    return rec


def show(rec: dict) -> str:
    lines = [f"E{i} {e['type']} {e['start']}:{e['end']} {e['text']!r} {json.dumps({k: v for k, v in e['attrs'].items() if k != 'norm'}, ensure_ascii=False)}"
             for i, e in enumerate(rec["entities"], 1)]
    text, out, pos = rec["text"], [], 0
    for e in rec["entities"]:
        out.append(text[pos:e["start"]])
        out.append(f"[{text[e['start']:e['end']]}|{e['id']}:{e['type']}]")
        pos = e["end"]
    out.append(text[pos:])
    return "\n".join(lines) + "\n\n" + "".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("inputs", nargs="+")
    b.add_argument("--texts", nargs="+", required=True, help="JSONL files with {id, text}")
    b.add_argument("--out", required=True)
    s = sub.add_parser("show")
    s.add_argument("file")
    s.add_argument("--texts", nargs="+", required=True)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from extract.io.annotations import validate_record
    texts = _texts(args.texts)
    if args.cmd == "show":
        ann = json.loads(Path(args.file).read_text(encoding="utf-8"))
        print(show(build(ann, texts[str(ann["id"])])))
        return 0
    files = []
    for p in map(Path, args.inputs):
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    bad = 0
    for f in files:
        try:
            ann = json.loads(f.read_text(encoding="utf-8"))
            rec = build(ann, texts[str(ann["id"])])
        except (CompactError, KeyError, ValueError, TypeError, IndexError) as e:
            print(f"{f}: error: {e}", file=sys.stderr)
            bad += 1
            continue
        problems = validate_record(rec, path=str(f))
        for p in problems:
            print(f"{f}: {p}", file=sys.stderr)
        bad += bool(problems)
        (out / f"{rec['id']}.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(files)} files, {bad} with problems → {out}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
