"""Annotation formats: SCHEMA JSONL, Label Studio JSON, doccano JSONL, Hugging Face datasets.

Every converter reads into and writes from SCHEMA §1 records (plain dicts, the
same records :meth:`extract.doc.Document.to_dict` writes). Offsets stay code
point offsets into the original text; every imported span is checked against
its text and an error names the file, the record (line or task index) and the
span::

    >>> from extract import formats
    >>> recs = list(formats.read_records("export.json"))        # any supported format
    >>> tasks = formats.to_label_studio(recs)                     # back to Label Studio
    >>> ds = formats.to_token_dataset(recs, tokenizer="jieba")    # BIO view for NER training

What each tool can carry
------------------------
Label Studio: entities are ``labels`` regions whose region id is the entity id;
relations are ``relation`` items. Entity ``attrs`` (FIGURE value/unit/qualifier,
RANK rank/top/scope, ``norm``) go into the region's own meta field as one JSON
object, ``meta = {"text": ["{\\"value\\": 12000, \\"unit\\": \\"家\\", …}"]}``:
that is Label Studio's per-region "Meta" text box, so it survives export,
re-import and editing in the UI, and annotators can read and fix it there.
Events, facts, ignore regions, ``error`` and the record id go into the task
data (``data.doc_id`` and ``data.zhie``), which Label Studio exports untouched.
Because region ids are entity ids, events and facts still point at the right
entities after a round trip. A region meta text that is not a JSON object (an
annotator's free note) is kept as ``attrs["note"]``.

doccano: entities (``entities`` with int ids, or the older ``labels`` triples)
and relations (newer format only). doccano keeps unknown top-level keys of an
imported line as example metadata and writes them back on export, so the rest of
the record (document id, entity ids and attrs, events, facts, ignore) travels in
one ``"zhie"`` key. doccano renumbers its own ids on import, so SCHEMA entity
ids are keyed there by ``"start:end:TYPE"``: an entity added, moved or relabelled
in doccano gets a fresh id ``E<n>`` (and no attrs; ``validate`` then reports the
missing FIGURE/RANK attrs and any event or fact left pointing at the old id).

Entities read from a tool that gives no ``attrs.norm`` get it from the
length-preserving normalizer, exactly as the pipeline would.
"""
from __future__ import annotations

import json
import os
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, List, Optional, Tuple, Union

from extract.doc import ENTITY_TYPES, RELATION_TYPES

PathLike = Union[str, os.PathLike]

FORMATS = ("jsonl", "label-studio", "doccano")
RECORD_LISTS = ("entities", "relations", "events", "facts")


class FormatError(ValueError):
    """An input record that cannot be read; the message names the file and the record."""


class AlignmentWarning(UserWarning):
    """Entity spans that do not fit token boundaries (spaCy W030 style)."""


@dataclass(frozen=True)
class Origin:
    """Where a record came from: a file and a 1-based line (JSONL) or a 0-based task index (JSON list)."""

    path: str
    line: Optional[int] = None
    index: Optional[int] = None
    kind: str = "jsonl"

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.index is not None:
            return f"{self.path}: {'task' if self.kind == 'label-studio' else 'record'} #{self.index}"
        return self.path


# ------------------------------------------------------------------ reading
def read_records(path: PathLike, check: bool = True) -> Iterator[dict]:
    """Yield SCHEMA records from a SCHEMA JSONL file, a Label Studio JSON export,
    a doccano JSONL file (either variant), or a folder holding such files.

    The format is detected from the content, line by line for JSONL. With
    ``check`` every span's text is compared with the document text. Raises
    :class:`FormatError` naming the file and the line (or task index).
    """
    for origin, rec in iter_records(path, check=check):
        yield rec


def iter_records(path: PathLike, check: bool = True, errors: str = "raise") -> Iterator[Tuple[Origin, Any]]:
    """Like :func:`read_records` but yields ``(origin, record)``.

    With ``errors="collect"`` a record that cannot be read yields
    ``(origin, FormatError)`` instead of raising, and reading goes on with the
    next record (what the validator uses).
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', got {errors!r}")
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".jsonl", ".json"))
        if not files:
            raise FormatError(f"{path}: folder holds no .jsonl or .json files")
        for p in files:
            yield from iter_records(p, check=check, errors=errors)
        return
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    for origin, rec in _iter_file(path, check):
        if isinstance(rec, FormatError) and errors == "raise":
            raise rec
        yield origin, rec


def detect_format(obj: Any) -> str:
    """``"jsonl"`` (SCHEMA record), ``"label-studio"`` (task) or ``"doccano"`` for one parsed object."""
    if not isinstance(obj, dict):
        raise FormatError(f"expected a JSON object, got {type(obj).__name__}")
    if isinstance(obj.get("data"), dict) and ("annotations" in obj or "predictions" in obj or "text" in obj["data"]):
        return "label-studio"
    if "labels" in obj or "label" in obj or "zhie" in obj:
        return "doccano"
    ents = obj.get("entities")
    if isinstance(ents, list) and any(isinstance(e, dict) and "start_offset" in e for e in ents):
        return "doccano"
    if (isinstance(obj.get("id"), int) and not any(k in obj for k in ("events", "facts"))
            and not (isinstance(ents, list) and any(isinstance(e, dict) and "start" in e for e in ents))):
        return "doccano"  # an unlabelled doccano line: int example id, no SCHEMA spans
    return "jsonl"


def _iter_file(path: Path, check: bool) -> Iterator[Tuple[Origin, Any]]:
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        yield Origin(name), FormatError(f"{name}: not UTF-8 ({e})")
        return
    stripped = raw.lstrip()
    if stripped.startswith("["):  # a JSON list: Label Studio export, or a list of records
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as e:
            yield Origin(name, line=e.lineno), FormatError(f"{name}:{e.lineno}: malformed JSON: {e.msg}")
            return
        if not isinstance(items, list):
            yield Origin(name), FormatError(f"{name}: expected a JSON list of tasks or records")
            return
        for i, obj in enumerate(items):
            origin = Origin(name, index=i, kind=_kind(obj))
            yield origin, _convert_one(obj, origin, check)
        return
    if path.suffix == ".json" and stripped.startswith("{"):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError:
            pass  # maybe JSONL named .json; fall through to line reading
        else:
            origin = Origin(name, index=0, kind=_kind(obj))
            yield origin, _convert_one(obj, origin, check)
            return
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        origin = Origin(name, line=lineno)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield origin, FormatError(f"{origin}: malformed JSON at column {e.colno}: {e.msg}")
            continue
        yield origin, _convert_one(obj, origin, check)


def _kind(obj) -> str:
    try:
        return detect_format(obj)
    except FormatError:
        return "jsonl"


def _convert_one(obj: Any, origin: Origin, check: bool):
    """One parsed object → a SCHEMA record, or the FormatError saying why not."""
    try:
        kind = detect_format(obj)
        if kind == "label-studio":
            return label_studio_task_to_record(obj, origin=origin)
        if kind == "doccano":
            return doccano_to_record(obj, origin=origin)
        if check:
            check_spans(obj, origin)
        return obj
    except FormatError as e:
        msg = str(e)
        return e if msg.startswith(str(origin)) else FormatError(f"{origin}: {msg}")


def check_spans(rec: dict, origin: Any = "<record>") -> None:
    """Raise :class:`FormatError` if a span of a SCHEMA record does not match the text.

    This is the quick import check; :func:`extract.io.annotations.validate_records`
    does the full one.
    """
    text = rec.get("text")
    if not isinstance(text, str):
        raise FormatError(f"{origin}: record has no 'text' string")
    for what, sp in _record_spans(rec):
        _check_span(text, sp, f"{origin}: doc {rec.get('id')}: {what}")


def _record_spans(rec: dict):
    for e in rec.get("entities") or []:
        yield f"entity {e.get('id')}", e
    for ev in rec.get("events") or []:
        if isinstance(ev.get("trigger"), dict):
            yield f"event {ev.get('id')} trigger", ev["trigger"]
        for a in ev.get("arguments") or []:
            if isinstance(a, dict) and a.get("ref") is None and "start" in a:
                yield f"event {ev.get('id')} argument {a.get('role')}", a
    for f in rec.get("facts") or []:
        if isinstance(f.get("metric"), dict):
            yield f"fact {f.get('id')} metric", f["metric"]


def _check_span(text: str, sp: dict, where: str) -> None:
    s, e, t = sp.get("start"), sp.get("end"), sp.get("text")
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
        raise FormatError(f"{where}: start/end must be integers, got {s!r}:{e!r}")
    if not 0 <= s < e <= len(text):
        raise FormatError(f"{where}: span {s}:{e} is outside the text (length {len(text)})")
    if t is not None and text[s:e] != t:
        raise FormatError(f"{where}: span {s}:{e} has text {t!r} but the document has {text[s:e]!r} there")


def _norm_view(text: str) -> str:
    from extract.textnorm import normalize
    return normalize(text)[0]


def _fill_norm(rec: dict) -> dict:
    """Give every entity ``attrs.norm`` (from the normalized view) where it has none."""
    ents = rec.get("entities") or []
    if any("norm" not in (e.get("attrs") or {}) for e in ents):
        norm = _norm_view(rec["text"])
        for e in ents:
            e.setdefault("attrs", {})
            e["attrs"].setdefault("norm", norm[e["start"]:e["end"]])
    return rec


def _sorted_entities(ents: list) -> list:
    return sorted(ents, key=lambda e: (e["start"], e["end"], e["type"]))


def _remap_ids(rec: dict, mapping: dict) -> dict:
    """Rename entity ids everywhere in ``rec`` (entities, relations, event refs, fact refs)."""
    for e in rec.get("entities", []):
        e["id"] = mapping.get(e["id"], e["id"])
    for r in rec.get("relations", []):
        r["head"] = mapping.get(r["head"], r["head"])
        r["tail"] = mapping.get(r["tail"], r["tail"])
    for ev in rec.get("events", []):
        for a in ev.get("arguments", []):
            if a.get("ref") is not None:
                a["ref"] = mapping.get(a["ref"], a["ref"])
    for f in rec.get("facts", []):
        for k in ("subject", "value", "date"):
            if f.get(k) is not None:
                f[k] = mapping.get(f[k], f[k])
    return rec


def renumber(rec: dict) -> dict:
    """Give entities ids ``E1, E2, …`` in text order (as ``Document.to_dict`` does), updating all references."""
    ents = _sorted_entities(rec.get("entities", []))
    mapping = {e["id"]: f"E{i}" for i, e in enumerate(ents, 1)}
    rec["entities"] = ents
    return _remap_ids(rec, mapping)


def _rest(rec: dict) -> dict:
    """What a tool cannot show but must carry: events, facts, ignore, error."""
    out = {k: rec[k] for k in ("events", "facts") if rec.get(k)}
    if rec.get("ignore"):
        out["ignore"] = rec["ignore"]
    if rec.get("error") is not None:
        out["error"] = rec["error"]
    return json.loads(json.dumps(out))  # a copy: the output never shares objects with the input


def _new_record(doc_id, text: str) -> dict:
    return {"id": doc_id, "text": text, "entities": [], "relations": [], "events": [], "facts": []}


def _apply_rest(rec: dict, rest: dict, origin) -> None:
    if not isinstance(rest, dict):
        raise FormatError(f"{origin}: 'zhie' must be an object, got {type(rest).__name__}")
    for k in ("events", "facts"):
        if rest.get(k):
            rec[k] = json.loads(json.dumps(rest[k]))
    if rest.get("ignore"):
        rec["ignore"] = json.loads(json.dumps(rest["ignore"]))
    if rest.get("error") is not None:
        rec["error"] = rest["error"]


# ------------------------------------------------------------- Label Studio
def _utf16_to_cp(text: str, i: int) -> int:
    """A UTF-16 code unit offset (JavaScript) → a code point offset (Python)."""
    units = 0
    for cp, ch in enumerate(text):
        if units >= i:
            return cp
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def label_studio_task_to_record(task: dict, origin: Any = "<task>", annotation: Optional[int] = None,
                                use_predictions: bool = False) -> dict:
    """One Label Studio task → one SCHEMA record.

    ``annotation`` picks an annotation by index; by default the first one not
    cancelled. Without annotations, ``use_predictions`` reads the first prediction.
    """
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise FormatError(f"{origin}: not a Label Studio task (no 'data' object)")
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str):
        raise FormatError(f"{origin}: task data has no 'text' string (keys: {sorted(data)})")
    doc_id = data.get("doc_id", task.get("id"))
    rec = _new_record(str(doc_id) if doc_id is not None else None, text)
    results = _ls_results(task, origin, annotation, use_predictions)
    ids = set()
    skipped = Counter()
    pending_rel = []
    for k, item in enumerate(results):
        if not isinstance(item, dict):
            raise FormatError(f"{origin}: result #{k} is not an object")
        kind = item.get("type")
        if kind == "labels":
            ent = _ls_entity(item, text, f"{origin}: doc {doc_id}: result #{k}")
            if ent["id"] in ids:
                raise FormatError(f"{origin}: doc {doc_id}: region id {ent['id']!r} used twice")
            ids.add(ent["id"])
            rec["entities"].append(ent)
        elif kind == "relation":
            pending_rel.append((k, item))
        else:
            skipped[kind] += 1
    for k, item in pending_rel:
        where = f"{origin}: doc {doc_id}: relation result #{k}"
        head, tail = item.get("from_id"), item.get("to_id")
        for end in (head, tail):
            if end not in ids:
                raise FormatError(f"{where}: refers to region {end!r}, which is not a labels region of this task")
        labels = item.get("labels") or []
        if not labels:
            raise FormatError(f"{where}: relation {head}→{tail} has no label; choose one of {', '.join(RELATION_TYPES)}")
        if item.get("direction") == "left":
            head, tail = tail, head
        for lab in labels:
            rec["relations"].append({"type": lab, "head": head, "tail": tail})
    if skipped:
        warnings.warn(f"{origin}: ignored Label Studio results of types {dict(skipped)} "
                      f"(only 'labels' and 'relation' map to SCHEMA records)", stacklevel=2)
    rec["entities"] = _sorted_entities(rec["entities"])
    if "zhie" in data:
        _apply_rest(rec, data["zhie"], origin)
    return _fill_norm(rec)


def _ls_results(task: dict, origin, annotation, use_predictions) -> list:
    anns = task.get("annotations") or []
    if annotation is not None:
        if not 0 <= annotation < len(anns):
            raise FormatError(f"{origin}: task has {len(anns)} annotations, no index {annotation}")
        return anns[annotation].get("result") or []
    for ann in anns:
        if not ann.get("was_cancelled"):
            return ann.get("result") or []
    if use_predictions and task.get("predictions"):
        return task["predictions"][0].get("result") or []
    return []


def _ls_entity(item: dict, text: str, where: str) -> dict:
    v = item.get("value") or {}
    s, e = v.get("start"), v.get("end")
    labels = v.get("labels") or []
    if len(labels) != 1:
        raise FormatError(f"{where}: region {item.get('id')!r} has labels {labels}; exactly one entity type is needed")
    if not isinstance(s, int) or not isinstance(e, int):
        raise FormatError(f"{where}: region {item.get('id')!r} has no integer start/end "
                          f"(HTML/paragraph offsets are not supported)")
    t = v.get("text")
    if t is not None and text[s:e] != t and any(ord(c) > 0xFFFF for c in text):
        s2, e2 = _utf16_to_cp(text, s), _utf16_to_cp(text, e)  # JavaScript offsets
        if text[s2:e2] == t:
            s, e = s2, e2
    ent = {"id": str(item.get("id")), "type": labels[0], "start": s, "end": e,
           "text": text[s:e] if t is None else t, "attrs": _ls_attrs(item, where)}
    _check_span(text, ent, f"{where}: region {item.get('id')!r} ({labels[0]})")
    return ent


def _ls_attrs(item: dict, where: str) -> dict:
    meta = item.get("meta") or {}
    if isinstance(meta.get("attrs"), dict):
        return dict(meta["attrs"])
    note = meta.get("text")
    if isinstance(note, list):
        note = "\n".join(str(x) for x in note)
    if not note:
        return {}
    try:
        attrs = json.loads(note)
    except json.JSONDecodeError:
        return {"note": note}
    return attrs if isinstance(attrs, dict) else {"note": note}


def to_label_studio(records: Iterable[dict], from_name: str = "label", to_name: str = "text",
                    as_predictions: bool = False, model_version: str = "zhie") -> List[dict]:
    """SCHEMA records → a Label Studio task list (import it, or compare with an export).

    ``from_name``/``to_name`` must match the ``<Labels name>`` and ``<Text name>``
    of the project config (see :func:`label_studio_config`). With
    ``as_predictions`` the results are pre-annotations.
    """
    tasks = []
    for rec in records:
        result = []
        for e in rec.get("entities") or []:
            item = {"id": str(e["id"]), "from_name": from_name, "to_name": to_name, "type": "labels",
                    "value": {"start": e["start"], "end": e["end"], "text": e["text"], "labels": [e["type"]]}}
            if e.get("attrs"):
                item["meta"] = {"text": [json.dumps(e["attrs"], ensure_ascii=False, sort_keys=True)]}
            result.append(item)
        for r in rec.get("relations") or []:
            result.append({"from_id": str(r["head"]), "to_id": str(r["tail"]), "type": "relation",
                           "direction": "right", "labels": [r["type"]]})
        data = {"text": rec["text"], "doc_id": rec.get("id")}
        rest = _rest(rec)
        if rest:
            data["zhie"] = rest
        task = {"data": data}
        if as_predictions:
            task["predictions"] = [{"model_version": model_version, "result": result}]
        else:
            task["annotations"] = [{"result": result}]
        tasks.append(task)
    return tasks


def from_label_studio(tasks: Iterable[dict], source: str = "<label-studio>", renumber_ids: bool = False,
                      **kw) -> List[dict]:
    """A Label Studio task list → SCHEMA records (``renumber_ids`` gives ``E1…`` in text order)."""
    out = []
    for i, task in enumerate(tasks):
        rec = label_studio_task_to_record(task, origin=Origin(source, index=i, kind="label-studio"), **kw)
        out.append(renumber(rec) if renumber_ids else rec)
    return out


def label_studio_config(entity_types: Iterable[str] = ENTITY_TYPES, relation_types: Iterable[str] = RELATION_TYPES,
                        from_name: str = "label", to_name: str = "text") -> str:
    """A Label Studio labeling config matching :func:`to_label_studio` (NER + relations, region meta on)."""
    labels = "\n".join(f'    <Label value="{t}"/>' for t in entity_types)
    rels = "\n".join(f'    <Relation value="{t}"/>' for t in relation_types)
    return (f'<View>\n  <Relations>\n{rels}\n  </Relations>\n'
            f'  <Labels name="{from_name}" toName="{to_name}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{to_name}" value="$text" granularity="symbol"/>\n</View>\n')


# ------------------------------------------------------------------ doccano
def doccano_to_record(obj: dict, origin: Any = "<doccano>") -> dict:
    """One doccano JSONL object (``labels``/``label`` triples, or ``entities``+``relations``) → a SCHEMA record."""
    if not isinstance(obj, dict):  # (found by fuzzing: a JSON line that is null or a list raised AttributeError)
        raise FormatError(f"{origin}: a doccano line must be a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise FormatError(f"{origin}: doccano line has no 'text' string")
    rest = obj.get("zhie") or {}
    if not isinstance(rest, dict):
        raise FormatError(f"{origin}: 'zhie' must be an object, got {type(rest).__name__}")
    doc_id = rest.get("doc_id", obj.get("id"))
    doc_id = str(doc_id) if doc_id is not None else None
    rec = _new_record(doc_id, text)
    id_map = {str(k): v for k, v in (rest.get("entity_ids") or {}).items()}
    attrs = rest.get("attrs") or {}
    raw = []  # (doccano id or None, start, end, label)
    if "entities" in obj and not ("labels" in obj or "label" in obj):
        for k, e in enumerate(obj.get("entities") or []):
            if not isinstance(e, dict):
                raise FormatError(f"{origin}: doc {doc_id}: entity #{k} is not an object")
            raw.append((e.get("id"), e.get("start_offset"), e.get("end_offset"), e.get("label")))
    else:
        triples = obj.get("labels", obj.get("label")) or []
        for k, t in enumerate(triples):
            if not (isinstance(t, (list, tuple)) and len(t) == 3):
                raise FormatError(f"{origin}: doc {doc_id}: label #{k} is {t!r}, expected [start, end, label]")
            raw.append((None, *t))
    used = set(id_map.values())
    fresh = _fresh_ids(used)
    by_doccano = {}
    taken = set()
    for did, s, e, lab in raw:
        sid = id_map.get(f"{s}:{e}:{lab}")  # keyed by span: doccano renumbers its ids on import
        if sid is None or sid in taken:
            sid = next(fresh)
        taken.add(sid)
        ent = {"id": sid, "type": lab, "start": s, "end": e,
               "text": text[s:e] if isinstance(s, int) and isinstance(e, int) else None,
               "attrs": dict(attrs.get(sid) or {})}
        _check_span(text, ent, f"{origin}: doc {doc_id}: entity {did if did is not None else sid} ({lab})")
        if not isinstance(lab, str):
            raise FormatError(f"{origin}: doc {doc_id}: entity {sid} has label {lab!r}, expected a type name")
        if did is not None:
            if str(did) in by_doccano:
                raise FormatError(f"{origin}: doc {doc_id}: entity id {did!r} used twice")
            by_doccano[str(did)] = sid
        rec["entities"].append(ent)
    for k, r in enumerate(obj.get("relations") or []):
        where = f"{origin}: doc {doc_id}: relation #{k}"
        if not isinstance(r, dict):
            raise FormatError(f"{where}: not an object")
        head, tail = by_doccano.get(str(r.get("from_id"))), by_doccano.get(str(r.get("to_id")))
        if head is None or tail is None:
            raise FormatError(f"{where}: from_id {r.get('from_id')!r} / to_id {r.get('to_id')!r} "
                              f"must be ids of this line's entities")
        rec["relations"].append({"type": r.get("type"), "head": head, "tail": tail})
    if "relations" not in obj and rest.get("relations"):  # the 'labels' style carries relations in 'zhie'
        rec["relations"] = json.loads(json.dumps(rest["relations"]))
    rec["entities"] = _sorted_entities(rec["entities"])
    _apply_rest(rec, {k: v for k, v in rest.items() if k in ("events", "facts", "ignore", "error")}, origin)
    return _fill_norm(rec)


def _fresh_ids(used: set) -> Iterator[str]:
    n = 0
    while True:
        n += 1
        if f"E{n}" not in used:
            used.add(f"E{n}")
            yield f"E{n}"


def from_doccano(lines: Iterable[dict], source: str = "<doccano>") -> List[dict]:
    """Parsed doccano JSONL objects → SCHEMA records."""
    return [doccano_to_record(obj, origin=Origin(source, line=i, kind="doccano")) for i, obj in enumerate(lines, 1)]


def to_doccano(records: Iterable[dict], style: str = "entities") -> List[dict]:
    """SCHEMA records → doccano JSONL objects.

    ``style="entities"`` gives the newer format (entities with int ids, relations);
    ``style="labels"`` the older ``labels`` triples (no relations). The rest of
    the record travels in ``"zhie"`` (see the module docstring).
    """
    if style not in ("entities", "labels"):
        raise ValueError(f"style must be 'entities' or 'labels', got {style!r}")
    out = []
    for rec in records:
        ents = rec.get("entities") or []
        obj = {"text": rec["text"]}
        num = {e["id"]: i for i, e in enumerate(ents, 1)}
        if style == "entities":
            obj["entities"] = [{"id": num[e["id"]], "start_offset": e["start"], "end_offset": e["end"],
                                "label": e["type"]} for e in ents]
            obj["relations"] = [{"id": i, "from_id": num[r["head"]], "to_id": num[r["tail"]], "type": r["type"]}
                                for i, r in enumerate(rec.get("relations") or [], 1)]
        else:
            if rec.get("relations"):
                warnings.warn(f"doc {rec.get('id')}: the doccano 'labels' format has no relations; "
                              f"{len(rec['relations'])} relations are kept only in 'zhie'", stacklevel=2)
            obj["labels"] = [[e["start"], e["end"], e["type"]] for e in ents]
        rest = {"doc_id": rec.get("id"), "entity_ids": {f"{e['start']}:{e['end']}:{e['type']}": e["id"] for e in ents},
                "attrs": {e["id"]: dict(e["attrs"]) for e in ents if e.get("attrs")}}
        rest.update(_rest(rec))
        if style == "labels" and rec.get("relations"):
            rest["relations"] = [dict(r) for r in rec["relations"]]
        obj["zhie"] = rest
        out.append(obj)
    return out


# ------------------------------------------------------------------ writing
def write_records(records: Iterable[dict], path: PathLike, format: str = "jsonl", **kw) -> int:
    """Write records as SCHEMA JSONL, a Label Studio JSON task list, or doccano JSONL. Returns the count."""
    records = list(records)
    path = Path(path)
    if format == "jsonl":
        objs = records
    elif format == "label-studio":
        path.write_text(json.dumps(to_label_studio(records, **kw), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        return len(records)
    elif format == "doccano":
        objs = to_doccano(records, **kw)
    else:
        raise ValueError(f"unknown format {format!r}; available formats are {', '.join(FORMATS)}")
    with path.open("w", encoding="utf-8") as f:
        for o in objs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    return len(records)


# --------------------------------------------------------- Hugging Face views
def _dataset_features():
    from datasets import Features, List as HFList, Value
    span = {"start": Value("int32"), "end": Value("int32")}
    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "entities": HFList({"id": Value("string"), "type": Value("string"), **span,
                            "text": Value("string"), "attrs": Value("string")}),
        "relations": HFList({"type": Value("string"), "head": Value("string"), "tail": Value("string")}),
        "events": Value("string"),
        "facts": Value("string"),
        "ignore": HFList(span),
        "error": Value("string"),
    })


def to_dataset(records: Iterable[dict]):
    """One row per document: id, text, entities and relations as lists of structs.

    Entity ``attrs``, events and facts are JSON strings (their shapes vary);
    :func:`from_dataset` turns the rows back into the same records.
    """
    from datasets import Dataset
    rows = []
    for rec in records:
        rows.append({
            "id": rec.get("id"), "text": rec.get("text", ""),
            "entities": [{"id": e["id"], "type": e["type"], "start": e["start"], "end": e["end"], "text": e["text"],
                          "attrs": json.dumps(e.get("attrs") or {}, ensure_ascii=False, sort_keys=True)}
                         for e in rec.get("entities") or []],
            "relations": [{"type": r["type"], "head": r["head"], "tail": r["tail"]} for r in rec.get("relations") or []],
            "events": json.dumps(rec.get("events") or [], ensure_ascii=False),
            "facts": json.dumps(rec.get("facts") or [], ensure_ascii=False),
            "ignore": [{"start": g["start"], "end": g["end"]} for g in rec.get("ignore") or []],
            "error": rec.get("error"),
        })
    return Dataset.from_list(rows, features=_dataset_features())


def load_splits(folder: PathLike, splits: Iterable[str] = ("train", "dev", "test")):
    """A corpus folder of ``<split>.jsonl`` SCHEMA files (e.g. ``annotations/news``) as a
    ``datasets.DatasetDict`` with one :func:`to_dataset` per split present::

        >>> from extract.io.formats import load_splits
        >>> news = load_splits("annotations/news")     # DatasetDict({train, dev, test})
        >>> from_dataset(news["dev"])[0]["entities"][0]  # back to SCHEMA records

    Every record is checked on the way in (offsets, shape) like any other SCHEMA input. A folder with
    none of the splits raises ``FileNotFoundError`` naming the files it looked for.
    """
    from datasets import DatasetDict
    folder = Path(folder)
    out = {s: to_dataset(read_records(folder / f"{s}.jsonl")) for s in splits if (folder / f"{s}.jsonl").exists()}
    if not out:
        raise FileNotFoundError(f"no split files in {folder}: looked for " + ", ".join(f"{s}.jsonl" for s in splits))
    return DatasetDict(out)


def from_dataset(ds) -> List[dict]:
    """Rows of :func:`to_dataset` → SCHEMA records."""
    out = []
    for row in ds:
        rec = {"id": row["id"], "text": row["text"],
               "entities": [{**{k: e[k] for k in ("id", "type", "start", "end", "text")},
                             "attrs": json.loads(e["attrs"])} for e in row["entities"]],
               "relations": [dict(r) for r in row["relations"]],
               "events": json.loads(row["events"]), "facts": json.loads(row["facts"])}
        if row["ignore"]:
            rec["ignore"] = [dict(g) for g in row["ignore"]]
        if row["error"] is not None:
            rec["error"] = row["error"]
        out.append(rec)
    return out


@dataclass
class AlignmentReport:
    """What :func:`to_token_dataset` did with each gold entity."""

    tokenizer: str = "char"
    sentences: int = 0
    tokens: int = 0
    entities: int = 0  # entities considered (of the label types)
    aligned: int = 0
    misaligned: Counter = field(default_factory=Counter)  # by type: span edges inside a token
    cross_sentence: Counter = field(default_factory=Counter)  # by type: span crosses a sentence boundary
    overlapping: Counter = field(default_factory=Counter)  # by type: overlaps an earlier (longer) entity
    excluded_types: Counter = field(default_factory=Counter)  # not in label_types (tagged O on purpose)
    merged_sentences: int = 0  # sentence boundaries removed because an entity spans them
    ignored_sentences: int = 0  # sentences touching an ignore region, left out
    ignored_entities: int = 0
    skipped_documents: int = 0  # records with "error"
    examples: list = field(default_factory=list)

    @property
    def not_labelled(self) -> int:
        return sum(self.misaligned.values()) + sum(self.cross_sentence.values()) + sum(self.overlapping.values())

    def message(self) -> str:
        parts = []
        for name, c in (("do not fit token boundaries", self.misaligned),
                        ("cross a sentence boundary", self.cross_sentence),
                        ("overlap another entity", self.overlapping)):
            if c:
                by = ", ".join(f"{t} {n}" for t, n in c.most_common())
                parts.append(f"{sum(c.values())} {name} ({by})")
        ex = "; e.g. " + "; ".join(self.examples[:3]) if self.examples else ""
        return (f"{self.not_labelled} of {self.entities} entity spans could not be tagged with the "
                f"{self.tokenizer!r} tokenizer: " + ", ".join(parts) + ex)

    def to_dict(self) -> dict:
        return {"tokenizer": self.tokenizer, "sentences": self.sentences, "tokens": self.tokens,
                "entities": self.entities, "aligned": self.aligned, "misaligned": dict(self.misaligned),
                "cross_sentence": dict(self.cross_sentence), "overlapping": dict(self.overlapping),
                "excluded_types": dict(self.excluded_types), "merged_sentences": self.merged_sentences,
                "ignored_sentences": self.ignored_sentences,
                "ignored_entities": self.ignored_entities, "skipped_documents": self.skipped_documents}


def bio_labels(label_types: Iterable[str] = ENTITY_TYPES) -> List[str]:
    """``["O", "B-T1", "I-T1", …]`` in the given type order (ids stable across datasets)."""
    out = ["O"]
    for t in label_types:
        out += [f"B-{t}", f"I-{t}"]
    return out


MISSING = "-"  # the tag of tokens covered by a span that does not fit them (ClassLabel id -1)


def to_token_dataset(records: Iterable[dict], tokenizer: Any = "char", label_types: Optional[Iterable[str]] = None,
                     misaligned: str = "missing", view: str = "text", skip_ignored: bool = True,
                     max_sentence_len: int = 400, merge_over_entities: bool = True,
                     return_report: bool = False):
    """A token/BIO view for NER training: one row per sentence.

    Columns: ``doc_id``, ``sent_index``, ``start``/``end`` (sentence offsets in
    the document), ``tokens``, ``token_starts``/``token_ends`` (document
    offsets), ``ner_tags`` (ClassLabel ids over :func:`bio_labels`) and
    ``ner_labels`` (the same tags as strings).

    ``tokenizer``: ``"char"`` (one token per non-space character), ``"jieba"``
    (words of :class:`extract.stages.segment.Tokenizer`, run on the normalized view) or
    any object with ``tokenize(text) -> [(start, end), …]``. Whitespace tokens
    are left out. ``view``: token strings from the original ``"text"`` or the
    simplified half-width ``"norm"`` view (offsets are the same).

    An entity whose edges fall inside a token, that crosses a sentence boundary,
    or that overlaps an earlier longer entity cannot be tagged. Such spans are
    counted by type and reported in an :class:`AlignmentWarning` (never dropped
    silently). ``misaligned`` says what their tokens get: ``"missing"`` (tag
    ``"-"``, id -1: no gold, as spaCy does), ``"expand"`` (B/I over every token
    the span touches) or ``"outside"`` (O). Sentences touching an ``ignore``
    region are left out with ``skip_ignored``. A sentence boundary inside a gold
    entity (a PDF line break in 上海\n浦东新区) is removed with
    ``merge_over_entities``, up to ``2 * max_sentence_len`` characters; the
    report counts these merges. With ``return_report`` the result
    is ``(dataset, AlignmentReport)``.
    """
    from datasets import ClassLabel, Dataset, Features, List as HFList, Value
    from extract.stages.segment import split_sentences

    if misaligned not in ("missing", "expand", "outside"):
        raise ValueError(f"misaligned must be 'missing', 'expand' or 'outside', got {misaligned!r}")
    if view not in ("text", "norm"):
        raise ValueError(f"view must be 'text' or 'norm', got {view!r}")
    types = tuple(label_types) if label_types is not None else ENTITY_TYPES
    names = bio_labels(types)
    label_id = {n: i for i, n in enumerate(names)}
    label_id[MISSING] = -1
    tok, tok_name = _make_tokenizer(tokenizer)
    report = AlignmentReport(tokenizer=tok_name)
    rows = []
    for rec in records:
        if hasattr(rec, "to_dict"):
            rec = rec.to_dict()
        if rec.get("error") is not None:
            report.skipped_documents += 1
            continue
        text = rec["text"]
        norm = _norm_view(text)
        shown = text if view == "text" else norm
        ignore = [(g["start"], g["end"]) for g in rec.get("ignore") or []]
        ents = []
        for e in rec.get("entities") or []:
            if e["type"] not in types:
                report.excluded_types[e["type"]] += 1
            else:
                ents.append(e)
        report.entities += len(ents)
        # keep the longer of overlapping entities (BIO holds one label per token)
        kept, last_end = [], -1
        for e in sorted(ents, key=lambda e: (e["start"], -(e["end"] - e["start"]))):
            if e["start"] < last_end:
                report.overlapping[e["type"]] += 1
                _example(report, rec, e, "overlaps another entity")
                continue
            kept.append(e)
            last_end = e["end"]
        ei = 0
        carried = []  # entities that started in an earlier sentence and go on into this one
        sents = split_sentences(norm, max_len=max_sentence_len)
        if merge_over_entities:
            sents, n = _merge_over(sents, kept, max_sentence_len)
            report.merged_sentences += n
        for si, (s, e) in enumerate(sents):
            carried = [x for x in carried if x["end"] > s]
            sent_ents = []
            while ei < len(kept) and kept[ei]["start"] < e:
                sent_ents.append(kept[ei])
                ei += 1
            if skip_ignored and any(gs < e and s < ge for gs, ge in ignore):
                report.ignored_sentences += 1
                report.ignored_entities += len(sent_ents)
                continue
            spans = [(s + a, s + b) for a, b in tok(norm[s:e]) if norm[s + a:s + b].strip()]
            if not spans:
                if sent_ents:  # entities made only of whitespace: nothing to tag
                    for x in sent_ents:
                        report.misaligned[x["type"]] += 1
                continue
            tags = ["O"] * len(spans)
            for x in carried:  # already counted where it starts; its tail has no usable tag either
                touched = [k for k, (a, b) in enumerate(spans) if a < x["end"] and x["start"] < b]
                _mark(tags, touched, x["type"], "missing" if misaligned == "expand" else misaligned)
            carried = [x for x in carried if x["end"] > e] + [x for x in sent_ents if x["end"] > e]
            by_start = {a: i for i, (a, b) in enumerate(spans)}
            by_end = {b: i for i, (a, b) in enumerate(spans)}
            for x in sent_ents:
                i, j = by_start.get(x["start"]), by_end.get(x["end"])
                if x["end"] > e:
                    report.cross_sentence[x["type"]] += 1
                    _example(report, rec, x, "crosses a sentence boundary")
                    touched = [k for k, (a, b) in enumerate(spans) if a < x["end"] and x["start"] < b]
                    _mark(tags, touched, x["type"], "missing" if misaligned == "expand" else misaligned)
                elif i is not None and j is not None and i <= j:
                    report.aligned += 1
                    _mark(tags, range(i, j + 1), x["type"], "expand")
                else:
                    report.misaligned[x["type"]] += 1
                    _example(report, rec, x, f"does not fit {tok_name} tokens")
                    touched = [k for k, (a, b) in enumerate(spans) if a < x["end"] and x["start"] < b]
                    _mark(tags, touched, x["type"], misaligned)
            report.sentences += 1
            report.tokens += len(spans)
            rows.append({"doc_id": rec.get("id"), "sent_index": si, "start": s, "end": e,
                         "tokens": [shown[a:b] for a, b in spans],
                         "token_starts": [a for a, b in spans], "token_ends": [b for a, b in spans],
                         "ner_tags": [label_id[t] for t in tags], "ner_labels": tags})
    features = Features({
        "doc_id": Value("string"), "sent_index": Value("int32"), "start": Value("int32"), "end": Value("int32"),
        "tokens": HFList(Value("string")), "token_starts": HFList(Value("int32")),
        "token_ends": HFList(Value("int32")), "ner_tags": HFList(ClassLabel(names=names)),
        "ner_labels": HFList(Value("string")),
    })
    ds = Dataset.from_list(rows, features=features)
    if report.not_labelled:
        warnings.warn(report.message(), AlignmentWarning, stacklevel=2)
    return (ds, report) if return_report else ds


def _merge_over(sents: list, ents: list, max_len: int) -> tuple:
    """Join adjacent sentences where a (non-overlapping, sorted) entity crosses their boundary."""
    cuts = {e for _, e in sents[:-1]}
    inside = set()
    for x in ents:
        inside.update(c for c in range(x["start"] + 1, x["end"]) if c in cuts)
    if not inside:
        return sents, 0
    out, n = [list(sents[0])], 0
    for s, e in sents[1:]:
        if s in inside and e - out[-1][0] <= 2 * max_len:
            out[-1][1] = e
            n += 1
        else:
            out.append([s, e])
    return [tuple(x) for x in out], n


def _mark(tags: list, idx, type_: str, how: str) -> None:
    idx = list(idx)
    if how == "outside" or not idx:
        return
    if how == "expand" and any(tags[k] != "O" for k in idx):
        how = "missing"  # a token already tagged by another span: no clean B/I run is possible
        idx = [k for k in idx if tags[k] == "O"]
    for n, k in enumerate(idx):
        if how == "missing":
            tags[k] = MISSING
        else:
            tags[k] = ("B-" if n == 0 else "I-") + type_


def _example(report: AlignmentReport, rec: dict, e: dict, why: str) -> None:
    if len(report.examples) < 10:
        report.examples.append(f"doc {rec.get('id')} {e['type']} {e['start']}:{e['end']} {e['text']!r} {why}")


def _make_tokenizer(tokenizer):
    """``(callable text -> [(start, end)], name)`` for ``"char"``, ``"jieba"`` or a tokenizer object."""
    if tokenizer == "char":
        return (lambda t: [(i, i + 1) for i in range(len(t))]), "char"
    if tokenizer == "jieba":
        from extract.stages.segment import Tokenizer
        return Tokenizer().tokenize, "jieba"
    if hasattr(tokenizer, "tokenize"):
        return tokenizer.tokenize, type(tokenizer).__name__
    if callable(tokenizer):
        return tokenizer, getattr(tokenizer, "__name__", "custom")
    raise ValueError(f"unknown tokenizer {tokenizer!r}; use 'char', 'jieba' or an object with tokenize(text)")
