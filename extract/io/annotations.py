"""Check gold annotation files against SCHEMA.md and count what they hold.

    >>> from extract.io.annotations import validate_files, stats
    >>> problems = validate_files(["annotations/gold.jsonl"])
    >>> for p in problems: print(p)
    gold.jsonl:3: doc 002_x: entity E14 (FIGURE 120:125 '10项'): missing attrs.unit

Every :class:`Problem` names the file, the 1-based JSONL line (or task index of
a JSON export), the document id and the entity / relation / event / fact it is
about. A malformed line is one problem and validation goes on with the next.
Files in Label Studio or doccano format are converted first
(:mod:`extract.io.formats`), so an export can be checked before it is merged.

Command line (hooked into ``zhie``)::

    zhie annotations validate FILE...        # exit 1 if any error
    zhie annotations stats FILE... [--json]
    zhie annotations convert IN OUT --to label-studio|doccano|jsonl
"""
from __future__ import annotations

import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Tuple

from extract.doc import ENTITY_TYPES, EVENT_ROLES, EVENT_TYPES, FACT_TYPES, RELATION_TYPES

RECORD_KEYS = {"id": str, "text": str, "entities": list, "relations": list, "events": list, "facts": list}
OPTIONAL_KEYS = {"ignore": list, "error": str}

QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "range", "vague")
ROUNDS = ("种子", "天使", "Pre-A", "A", "A+", "B", "B+", "C", "D", "E", "Pre-IPO", "战略", "定增", "IPO")

# SCHEMA §3: relation type -> (allowed head types, allowed tail types)
RELATION_ARGS = {
    "located_in": (("COMPANY", "ORG"), ("LOC",)),
    "in_industry": (("COMPANY",), ("INDUSTRY",)),
    "subsidiary_of": (("COMPANY", "ORG"), ("COMPANY", "ORG")),
    "invested_in": (("COMPANY", "ORG"), ("COMPANY",)),
}
# SCHEMA §4: role -> allowed entity types of its ref; None = the role is a span of its own
EVENT_ROLE_TYPES = {
    "company": ("COMPANY",),
    "amount": ("FIGURE",),
    "round": None,
    "investor": ("COMPANY", "ORG"),
    "lead_investor": ("COMPANY", "ORG"),
    "date": ("DATE",),
}
# SCHEMA §5: fact type -> entity type of its value
FACT_VALUE_TYPE = {"METRIC": "FIGURE", "RANKING": "RANK"}
NOT_SUBJECT = ("FIGURE", "RANK", "DATE")  # a fact is about something, never about a number or a date

assert set(EVENT_ROLE_TYPES) == set(EVENT_ROLES) and set(RELATION_ARGS) == set(RELATION_TYPES)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an annotation file. ``str(problem)`` is the line to print."""

    path: str
    line: Optional[int]
    doc: Optional[str]
    where: str  # "entity E14 (FIGURE 120:125 '10项')", "relation #2 (located_in E4→E1)", … or ""
    message: str
    code: str = "shape"  # a short kind: json, shape, offset, id, ref, type, attrs, overlap, ignore
    severity: str = "error"  # "error" or "warning" (warnings do not fail `validate`)
    index: Optional[int] = None  # task / record index in a JSON list file

    def __str__(self) -> str:
        loc = f"{self.path}:{self.line}" if self.line is not None else (
            f"{self.path}: #{self.index}" if self.index is not None else self.path)
        parts = [loc]
        if self.doc is not None:
            parts.append(f"doc {self.doc}")
        if self.where:
            parts.append(self.where)
        msg = self.message if self.severity == "error" else f"warning: {self.message}"
        return ": ".join(parts) + ": " + msg


# ------------------------------------------------------------------ checks
def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_num(x) -> bool:
    return (isinstance(x, (int, float)) and not isinstance(x, bool)) and math.isfinite(x)


def _ent_label(e: dict) -> str:
    t = e.get("text")
    t = t if isinstance(t, str) else "?"
    if len(t) > 30:
        t = t[:27] + "…"
    return f"entity {e.get('id')} ({e.get('type')} {e.get('start')}:{e.get('end')} {t!r})"


class _Checker:
    """Validates one record; collects problems with the record's location."""

    def __init__(self, path: str, line: Optional[int], index: Optional[int], rec: dict):
        self.path, self.line, self.index, self.rec = path, line, index, rec
        self.doc = rec.get("id") if isinstance(rec.get("id"), str) else (
            None if rec.get("id") is None else str(rec.get("id")))
        self.text = rec.get("text") if isinstance(rec.get("text"), str) else None
        self.problems: List[Problem] = []

    def add(self, where: str, message: str, code: str = "shape", severity: str = "error") -> None:
        self.problems.append(Problem(self.path, self.line, self.doc, where, message, code, severity, self.index))

    # ---------------------------------------------------------------- record
    def run(self) -> List[Problem]:
        rec = self.rec
        for k, typ in RECORD_KEYS.items():
            if k not in rec:
                self.add("", f"missing key {k!r}")
            elif not isinstance(rec[k], typ) or (typ is str and rec[k] is None):
                self.add("", f"{k!r} must be {typ.__name__}, got {type(rec[k]).__name__}")
        for k, typ in OPTIONAL_KEYS.items():
            if k in rec and rec[k] is not None and not isinstance(rec[k], typ):
                self.add("", f"{k!r} must be {typ.__name__}, got {type(rec[k]).__name__}")
        for k in sorted(set(rec) - set(RECORD_KEYS) - set(OPTIONAL_KEYS)):
            self.add("", f"unknown key {k!r} (SCHEMA §1 keys: {', '.join(list(RECORD_KEYS) + list(OPTIONAL_KEYS))})",
                     severity="warning")
        if self.text is None:
            return self.problems  # no offsets can be checked without the text
        if rec.get("error") is not None:
            if any(rec.get(k) for k in ("entities", "relations", "events", "facts")):
                self.add("", "a record with 'error' must have empty entity/relation/event/fact lists")
        elif not self.text:
            self.add("", "empty text in a record without 'error'")
        ents = self._lst("entities")
        by_id = self._entities(ents)
        self._ids(ents)
        self._relations(self._lst("relations"), by_id)
        self._events(self._lst("events"), by_id)
        self._facts(self._lst("facts"), by_id)
        self._ignore(rec.get("ignore") if isinstance(rec.get("ignore"), list) else [])
        return self.problems

    def _lst(self, key: str) -> list:
        v = self.rec.get(key)
        return v if isinstance(v, list) else []

    def _span(self, sp: Any, where: str, code_prefix: str = "") -> bool:
        """Check a {start, end, text} span; True when its offsets are usable."""
        if not isinstance(sp, dict):
            self.add(where, f"{code_prefix}span must be an object with start, end, text; got {type(sp).__name__}")
            return False
        s, e, t = sp.get("start"), sp.get("end"), sp.get("text")
        ok = True
        for k, v in (("start", s), ("end", e)):
            if not _is_int(v):
                self.add(where, f"{code_prefix}{k} must be an integer, got {v!r}")
                ok = False
        if not isinstance(t, str):
            self.add(where, f"{code_prefix}text must be a string, got {type(t).__name__}")
            ok = False
        if "attrs" in sp and not isinstance(sp["attrs"], dict):
            self.add(where, f"{code_prefix}attrs must be an object, got {type(sp['attrs']).__name__}")
        if not (_is_int(s) and _is_int(e)):
            return False
        if not 0 <= s < e <= len(self.text):
            self.add(where, f"{code_prefix}span {s}:{e} is outside the text (length {len(self.text)}) or empty",
                     code="offset")
            return False
        if isinstance(t, str) and self.text[s:e] != t:
            self.add(where, f"{code_prefix}text {t!r} is not text[{s}:{e}] = {self.text[s:e]!r}", code="offset")
            return False
        return ok

    # -------------------------------------------------------------- entities
    def _entities(self, ents: list) -> dict:
        by_id = {}
        good = []
        for k, e in enumerate(ents):
            if not isinstance(e, dict):
                self.add(f"entity #{k}", f"must be an object, got {type(e).__name__}")
                continue
            where = _ent_label(e)
            if not isinstance(e.get("id"), str) or not e.get("id"):
                self.add(where, f"id must be a non-empty string, got {e.get('id')!r}", code="id")
            typ = e.get("type")
            if typ not in ENTITY_TYPES:
                self.add(where, f"unknown entity type {typ!r}; types are {', '.join(ENTITY_TYPES)}", code="type")
            ok = self._span(e, where)
            attrs = e.get("attrs")
            if "attrs" not in e:
                self.add(where, "missing attrs (every entity needs attrs.norm)", code="attrs")
            elif isinstance(attrs, dict):
                self._entity_attrs(e, attrs, where)
            if isinstance(e.get("id"), str):
                by_id.setdefault(e["id"], e)
            if ok:
                good.append(e)
        # overlaps: sort by start; compare each with the furthest-reaching earlier entity
        good.sort(key=lambda e: (e["start"], -e["end"]))
        reach = None
        for e in good:
            if reach is not None and e["start"] < reach["end"]:
                rel = "duplicates" if (e["start"], e["end"]) == (reach["start"], reach["end"]) else "overlaps"
                self.add(_ent_label(e), f"{rel} {_ent_label(reach)}", code="overlap")
            if reach is None or e["end"] > reach["end"]:
                reach = e
        return by_id

    def _entity_attrs(self, e: dict, a: dict, where: str) -> None:
        norm = a.get("norm")
        if "norm" not in a:
            self.add(where, "missing attrs.norm (the simplified-script form of the text)", code="attrs")
        elif not isinstance(norm, str) or not norm:
            self.add(where, f"attrs.norm must be a non-empty string, got {norm!r}", code="attrs")
        typ = e.get("type")
        if typ == "FIGURE":
            self._figure(a, where)
        elif typ == "RANK":
            self._rank(a, where)

    def _figure(self, a: dict, where: str) -> None:
        for k in ("value", "unit", "qualifier"):
            if k not in a:
                self.add(where, f"missing attrs.{k}", code="attrs")
        if "value" in a and not _is_num(a["value"]):
            self.add(where, f"attrs.value must be a number, got {a['value']!r}", code="attrs")
        if "unit" in a and (not isinstance(a["unit"], str) or not a["unit"]):
            self.add(where, f"attrs.unit must be a non-empty string, got {a['unit']!r}", code="attrs")
        q = a.get("qualifier")
        if "qualifier" in a and q not in QUALIFIERS:
            self.add(where, f"attrs.qualifier {q!r} is not one of {', '.join(QUALIFIERS)}", code="attrs")
        if q in ("range", "vague"):
            for k in ("min", "max"):
                if k not in a:
                    self.add(where, f"missing attrs.{k} (required for qualifier {q})", code="attrs")
                elif not _is_num(a[k]):
                    self.add(where, f"attrs.{k} must be a number, got {a[k]!r}", code="attrs")
            mn, mx, v = a.get("min"), a.get("max"), a.get("value")
            if _is_num(mn) and _is_num(mx) and mn > mx:
                self.add(where, f"attrs.min {mn} is greater than attrs.max {mx}", code="attrs")
            if _is_num(mn) and _is_num(v) and v != mn:
                self.add(where, f"attrs.value {v} must equal attrs.min {mn} for a {q} figure", code="attrs")

    def _rank(self, a: dict, where: str) -> None:
        if "rank" not in a and "top" not in a:
            self.add(where, "missing attrs.rank or attrs.top", code="attrs")
        if "rank" in a and a["rank"] is not None and (not _is_int(a["rank"]) or a["rank"] == 0 or a["rank"] < -1):
            self.add(where, f"attrs.rank must be an int ≥ 1 (or -1 for last), got {a['rank']!r}", code="attrs")
        if "top" in a and a["top"] is not None and (not _is_int(a["top"]) or a["top"] < 1):
            self.add(where, f"attrs.top must be an int ≥ 1, got {a['top']!r}", code="attrs")
        if a.get("rank") is None and a.get("top") is None and ("rank" in a or "top" in a):
            self.add(where, "attrs.rank and attrs.top are both null", code="attrs")
        if "scope" not in a:
            self.add(where, "missing attrs.scope (use null when no scope is stated)", code="attrs")
        elif a["scope"] is not None and not isinstance(a["scope"], str):
            self.add(where, f"attrs.scope must be a string or null, got {a['scope']!r}", code="attrs")

    def _ids(self, ents: list) -> None:
        seen = {}
        items = [("entity", e) for e in ents if isinstance(e, dict)]
        items += [("event", v) for v in self._lst("events") if isinstance(v, dict)]
        items += [("fact", f) for f in self._lst("facts") if isinstance(f, dict)]
        for kind, x in items:
            i = x.get("id")
            if not isinstance(i, str):
                continue
            if i in seen:
                self.add(f"{kind} {i}", f"id {i!r} is used more than once (also by a {seen[i]})", code="id")
            else:
                seen[i] = kind

    def _ref(self, by_id: dict, ref: Any, where: str, what: str, allowed, nullable: bool = False):
        """Check an entity-id reference; return the entity or None."""
        if ref is None:
            if not nullable:
                self.add(where, f"{what} is missing", code="ref")
            return None
        if not isinstance(ref, str):
            self.add(where, f"{what} must be an entity id string, got {ref!r}", code="ref")
            return None
        ent = by_id.get(ref)
        if ent is None:
            self.add(where, f"{what} {ref!r} is not an entity id of this document", code="ref")
            return None
        if allowed and ent.get("type") not in allowed:
            self.add(where, f"{what} {ref} is {ent.get('type')}, must be {' or '.join(allowed)}", code="type")
        return ent

    # ------------------------------------------------------------- relations
    def _relations(self, rels: list, by_id: dict) -> None:
        seen = set()
        for k, r in enumerate(rels, 1):
            if not isinstance(r, dict):
                self.add(f"relation #{k}", f"must be an object, got {type(r).__name__}")
                continue
            typ = r.get("type")
            where = f"relation #{k} ({typ} {r.get('head')}→{r.get('tail')})"
            if typ not in RELATION_TYPES:
                self.add(where, f"unknown relation type {typ!r}; types are {', '.join(RELATION_TYPES)}", code="type")
            heads, tails = RELATION_ARGS.get(typ, (None, None))
            self._ref(by_id, r.get("head"), where, "head", heads)
            self._ref(by_id, r.get("tail"), where, "tail", tails)
            if r.get("head") is not None and r.get("head") == r.get("tail"):
                self.add(where, "head and tail are the same entity", code="ref")
            key = (typ, r.get("head"), r.get("tail"))
            if key in seen:
                self.add(where, "duplicate relation", code="ref")
            seen.add(key)

    # ---------------------------------------------------------------- events
    def _events(self, events: list, by_id: dict) -> None:
        for k, ev in enumerate(events, 1):
            if not isinstance(ev, dict):
                self.add(f"event #{k}", f"must be an object, got {type(ev).__name__}")
                continue
            where = f"event {ev.get('id') if ev.get('id') is not None else '#' + str(k)}"
            if not isinstance(ev.get("id"), str):
                self.add(where, f"id must be a string, got {ev.get('id')!r}", code="id")
            if ev.get("type") not in EVENT_TYPES:
                self.add(where, f"unknown event type {ev.get('type')!r}; types are {', '.join(EVENT_TYPES)}",
                         code="type")
            if "trigger" not in ev:
                self.add(where, "missing trigger")
            else:
                self._span(ev["trigger"], where, "trigger ")
            args = ev.get("arguments")
            if not isinstance(args, list):
                self.add(where, f"arguments must be a list, got {type(args).__name__}")
                continue
            seen = set()
            for j, a in enumerate(args, 1):
                self._argument(a, f"{where} argument #{j}", by_id, seen)

    def _argument(self, a: Any, where: str, by_id: dict, seen: set) -> None:
        if not isinstance(a, dict):
            self.add(where, f"must be an object, got {type(a).__name__}")
            return
        role = a.get("role")
        where = f"{where} ({role})"
        if role not in EVENT_ROLE_TYPES:
            self.add(where, f"unknown role {role!r}; roles are {', '.join(EVENT_ROLES)}", code="type")
            return
        allowed = EVENT_ROLE_TYPES[role]
        has_ref, has_span = a.get("ref") is not None, "start" in a or "end" in a
        if allowed is None:  # round: a span of its own with attrs.round
            if has_ref:
                self.add(where, "role round is a span (start, end, text, attrs.round), not an entity ref", code="ref")
                return
            if self._span(a, where):
                rnd = (a.get("attrs") or {}).get("round") if isinstance(a.get("attrs"), dict) else None
                if rnd is None:
                    self.add(where, "missing attrs.round", code="attrs")
                elif rnd not in ROUNDS:
                    self.add(where, f"attrs.round {rnd!r} is not one of {', '.join(ROUNDS)}", code="attrs")
                key = (role, a.get("start"), a.get("end"))
            else:
                return
        else:
            if has_span and not has_ref:
                self.add(where, f"role {role} must refer to a {' or '.join(allowed)} entity ('ref'), not a span",
                         code="ref")
                return
            if has_span and has_ref:
                self.add(where, "has both 'ref' and a span; a referring argument has only role and ref")
            self._ref(by_id, a.get("ref"), where, "ref", allowed)
            key = (role, a.get("ref"))
        if key in seen:
            self.add(where, "duplicate argument", code="ref")
        seen.add(key)

    # ----------------------------------------------------------------- facts
    def _facts(self, facts: list, by_id: dict) -> None:
        for k, f in enumerate(facts, 1):
            if not isinstance(f, dict):
                self.add(f"fact #{k}", f"must be an object, got {type(f).__name__}")
                continue
            typ = f.get("type")
            where = f"fact {f.get('id') if f.get('id') is not None else '#' + str(k)} ({typ})"
            if not isinstance(f.get("id"), str):
                self.add(where, f"id must be a string, got {f.get('id')!r}", code="id")
            if typ not in FACT_TYPES:
                self.add(where, f"unknown fact type {typ!r}; types are {', '.join(FACT_TYPES)}", code="type")
            for key in ("subject", "value"):
                if key not in f:
                    self.add(where, f"missing key {key!r}")
            subj = self._ref(by_id, f.get("subject"), where, "subject", None, nullable=(typ == "METRIC"))
            if subj is not None and subj.get("type") in NOT_SUBJECT:
                self.add(where, f"subject {f['subject']} is a {subj.get('type')}; a fact is about a named "
                                f"thing (company, place, industry, …)", code="type")
            vt = FACT_VALUE_TYPE.get(typ)
            self._ref(by_id, f.get("value"), where, "value", (vt,) if vt else None)
            if f.get("metric") is None:
                self.add(where, "missing metric span (what is measured or ranked)")
            else:
                self._span(f["metric"], where, "metric ")
            self._ref(by_id, f.get("date"), where, "date", ("DATE",), nullable=True)
            pos = f.get("position")
            if pos is not None:
                if typ != "RANKING":
                    self.add(where, "position is only for RANKING facts")
                elif not _is_int(pos) or pos < 1:
                    self.add(where, f"position must be an int ≥ 1, got {pos!r}")
            extra = set(f) - {"id", "type", "subject", "value", "metric", "date", "position"}
            if extra:
                self.add(where, f"unknown keys {sorted(extra)}", severity="warning")

    # ---------------------------------------------------------------- ignore
    def _ignore(self, regions: list) -> None:
        good = []
        for k, g in enumerate(regions, 1):
            where = f"ignore #{k}"
            if not isinstance(g, dict):
                self.add(where, f"must be an object with start and end, got {type(g).__name__}", code="ignore")
                continue
            s, e = g.get("start"), g.get("end")
            where = f"ignore #{k} ({s}:{e})"
            if not (_is_int(s) and _is_int(e)):
                self.add(where, "start and end must be integers", code="ignore")
            elif not 0 <= s < e <= len(self.text):
                self.add(where, f"region is outside the text (length {len(self.text)}) or empty", code="ignore")
            else:
                good.append((s, e, where))
        good.sort()
        for (s1, e1, w1), (s2, e2, w2) in zip(good, good[1:]):
            if s2 < e1:
                self.add(w2, f"overlaps {w1}", code="ignore", severity="warning")


def validate_record(rec: Any, path: str = "<record>", line: Optional[int] = None,
                    index: Optional[int] = None) -> List[Problem]:
    """All problems of one SCHEMA record (``[]`` when it is fine)."""
    if isinstance(rec, Exception):
        msg = _strip_origin(str(rec), path, line)
        code = "json" if "malformed JSON" in msg or "not UTF-8" in msg else "import"
        return [Problem(path, line, None, "", msg, code=code, index=index)]
    if not isinstance(rec, dict):
        return [Problem(path, line, None, "", f"a record must be a JSON object, got {type(rec).__name__}",
                        index=index)]
    return _Checker(path, line, index, rec).run()


def _strip_origin(msg: str, path: str, line: Optional[int]) -> str:
    """FormatError messages start with 'path:line: '; the Problem prints its own location."""
    for prefix in (f"{path}:{line}: ", f"{path}: ", f"{path}:"):
        if msg.startswith(prefix):
            return msg[len(prefix):]
    return msg


def validate_records(records_with_lines: Iterable[Tuple[Any, Any]], path: str = "<records>") -> List[Problem]:
    """Validate ``(line, record)`` pairs from one file.

    ``line`` is the 1-based JSONL line (an int), or an :class:`extract.io.formats.Origin`.
    ``record`` may be an exception (a line that could not be parsed): it becomes
    one problem and validation goes on. Document ids must be unique in the file.
    """
    problems = []
    first_line = {}
    for where, rec in records_with_lines:
        line, index, p = where, None, path
        if hasattr(where, "path"):  # an Origin
            line, index, p = where.line, where.index, where.path
        problems.extend(validate_record(rec, p, line, index))
        if isinstance(rec, dict) and isinstance(rec.get("id"), (str, int)):
            doc = str(rec["id"])
            if doc in first_line:
                problems.append(Problem(p, line, doc, "", f"duplicate document id (first at {first_line[doc]})",
                                        code="id", index=index))
            else:
                first_line[doc] = f"line {line}" if line is not None else f"#{index}"
    return problems


def validate_files(paths: Iterable) -> List[Problem]:
    """Validate SCHEMA JSONL files (or Label Studio / doccano exports, or folders of them)."""
    from extract.io.formats import FormatError, iter_records
    problems = []
    for path in paths:
        try:
            pairs = list(iter_records(path, check=False, errors="collect"))
        except (FormatError, FileNotFoundError) as e:
            problems.append(Problem(str(path), None, None, "", str(e), code="json"))
            continue
        by_file = {}
        for origin, rec in pairs:
            by_file.setdefault(origin.path, []).append((origin, rec))
        for p, items in by_file.items():
            problems.extend(validate_records(items, p))
    return problems


def summarize(problems: List[Problem], n_records: Optional[int] = None) -> str:
    """One or two lines: counts of errors and warnings by kind."""
    errors = [p for p in problems if p.severity == "error"]
    warns = [p for p in problems if p.severity != "error"]
    docs = {(p.path, p.doc, p.line, p.index) for p in errors}
    head = f"{len(errors)} errors, {len(warns)} warnings"
    if n_records is not None:
        head += f" in {n_records} records"
    if not problems:
        return head + ": OK"
    kinds = Counter(p.code for p in errors)
    by = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    return head + (f" ({len(docs)} records with errors; by kind: {by})" if errors else "")


# ------------------------------------------------------------------- stats
def stats(records: Iterable[dict]) -> dict:
    """Counts over SCHEMA records: documents, characters, entities by type, relations by type,
    events and arguments by role, facts by type (and with position), ignore regions."""
    out = {"documents": 0, "characters": 0, "error_documents": 0, "entities": 0,
           "entity_types": Counter(), "relations": 0, "relation_types": Counter(), "events": 0,
           "event_types": Counter(), "argument_roles": Counter(), "facts": 0, "fact_types": Counter(),
           "facts_with_position": Counter(), "facts_with_date": Counter(), "ignore_regions": 0,
           "ignored_characters": 0}
    for rec in records:
        if not isinstance(rec, dict):
            continue
        out["documents"] += 1
        text = rec.get("text") if isinstance(rec.get("text"), str) else ""
        out["characters"] += len(text)
        if rec.get("error") is not None:
            out["error_documents"] += 1
        for e in _items(rec, "entities"):
            out["entity_types"][e.get("type")] += 1
        for r in _items(rec, "relations"):
            out["relation_types"][r.get("type")] += 1
        for ev in _items(rec, "events"):
            out["event_types"][ev.get("type")] += 1
            for a in _items(ev, "arguments"):
                out["argument_roles"][a.get("role")] += 1
        for f in _items(rec, "facts"):
            out["fact_types"][f.get("type")] += 1
            if f.get("position") is not None:
                out["facts_with_position"][f.get("type")] += 1
            if f.get("date") is not None:
                out["facts_with_date"][f.get("type")] += 1
        regions = sorted((g["start"], g["end"]) for g in _items(rec, "ignore")
                         if _is_int(g.get("start")) and _is_int(g.get("end")))
        out["ignore_regions"] += len(regions)
        covered, reach = 0, 0  # union length, so overlapping regions count once
        for s, e in regions:
            s = max(s, reach)
            if e > s:
                covered += e - s
            reach = max(reach, e)
        out["ignored_characters"] += covered
    out["entities"] = sum(out["entity_types"].values())
    out["relations"] = sum(out["relation_types"].values())
    out["events"] = sum(out["event_types"].values())
    out["facts"] = sum(out["fact_types"].values())
    return {k: (_ordered(v, k) if isinstance(v, Counter) else v) for k, v in out.items()}


def _items(obj: dict, key: str) -> list:
    """The dict items of ``obj[key]`` (stats never fail on a malformed record; validate reports it)."""
    v = obj.get(key)
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _ordered(c: Counter, key: str) -> dict:
    order = {"entity_types": ENTITY_TYPES, "relation_types": RELATION_TYPES, "event_types": EVENT_TYPES,
             "argument_roles": EVENT_ROLES}.get(key, FACT_TYPES)
    known = [k for k in order if k in c]
    return {k: c[k] for k in known + sorted((k for k in c if k not in order), key=str)}


def format_stats(st: dict) -> str:
    """The printed table of :func:`stats`."""
    rows = [("documents", st["documents"]), ("characters", st["characters"])]
    if st["error_documents"]:
        rows.append(("documents with error", st["error_documents"]))
    rows.append(("entities", st["entities"]))
    rows += [(f"  {t}", n) for t, n in st["entity_types"].items()]
    rows.append(("relations", st["relations"]))
    rows += [(f"  {t}", n) for t, n in st["relation_types"].items()]
    rows.append(("events", st["events"]))
    rows += [(f"  {t}", n) for t, n in st["event_types"].items()]
    rows += [(f"  argument {r}", n) for r, n in st["argument_roles"].items()]
    rows.append(("facts", st["facts"]))
    for t, n in st["fact_types"].items():
        extra = []
        if st["facts_with_position"].get(t):
            extra.append(f"{st['facts_with_position'][t]} with position")
        if st["facts_with_date"].get(t):
            extra.append(f"{st['facts_with_date'][t]} with date")
        rows.append((f"  {t}", f"{n}" + (f"  ({', '.join(extra)})" if extra else "")))
    rows.append(("ignore regions", st["ignore_regions"]))
    pct = 100.0 * st["ignored_characters"] / st["characters"] if st["characters"] else 0.0
    rows.append(("ignored characters", f"{st['ignored_characters']}  ({pct:.1f}%)"))
    w = max(len(r[0]) for r in rows)
    return "\n".join(f"{name.ljust(w)}  {val}" for name, val in rows)


# --------------------------------------------------------------------- CLI
def add_cli(subparsers) -> None:
    """Add ``annotations validate|stats|convert`` to the ``zhie`` command line."""
    p = subparsers.add_parser("annotations", help="check, count and convert annotation files",
                              description="Check, count and convert annotation files (SCHEMA JSONL, "
                                          "Label Studio JSON, doccano JSONL).")
    sub = p.add_subparsers(dest="annotations_command", metavar="ACTION")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])

    v = sub.add_parser("validate", help="check files against SCHEMA.md; exit 1 on any error")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument("--max", type=int, default=0, help="print at most this many problems (0 = all)")
    v.add_argument("--no-warnings", action="store_true", help="do not print warnings")
    v.set_defaults(func=_cmd_validate)

    s = sub.add_parser("stats", help="count documents, entities, relations, events, facts")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--json", action="store_true", help="print the counts as JSON")
    s.set_defaults(func=_cmd_stats)

    c = sub.add_parser("convert", help="convert between SCHEMA JSONL, Label Studio and doccano")
    c.add_argument("input", metavar="IN", help="file or folder in any supported format")
    c.add_argument("output", metavar="OUT")
    c.add_argument("--to", required=True, choices=("jsonl", "label-studio", "doccano"))
    c.set_defaults(func=_cmd_convert)


def _cmd_validate(args) -> int:
    problems = validate_files(args.files)
    shown = [p for p in problems if not (args.no_warnings and p.severity != "error")]
    for p in shown[: args.max or None]:
        print(p)
    if args.max and len(shown) > args.max:
        print(f"… {len(shown) - args.max} more")
    n = _count_records(args.files)
    print(summarize(problems, n), file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


def _count_records(paths) -> Optional[int]:
    from extract.io.formats import iter_records
    try:
        return sum(1 for path in paths for _ in iter_records(path, check=False, errors="collect"))
    except Exception:
        return None


def _load(paths, lenient: bool = False) -> List[dict]:
    """Records of all files; with ``lenient`` unreadable records are reported on stderr and skipped."""
    from extract.io.formats import iter_records
    out = []
    for path in paths:
        for origin, rec in iter_records(path, check=False, errors="collect" if lenient else "raise"):
            if isinstance(rec, Exception):
                print(f"skipped: {rec}", file=sys.stderr)
            else:
                out.append(rec)
    return out


def _cmd_stats(args) -> int:
    from extract.io.formats import FormatError
    try:
        st = stats(_load(args.files, lenient=True))
    except (FormatError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(json.dumps(st, ensure_ascii=False, indent=1) if args.json else format_stats(st))
    return 0


def _cmd_convert(args) -> int:
    from extract.io.formats import FormatError, write_records
    try:
        n = write_records(_load([args.input]), args.output, format=args.to)
    except (FormatError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {n} records to {args.output} ({args.to})", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    """``python -m extract.io.annotations …`` until the command is hooked into ``zhie``."""
    import argparse
    parser = argparse.ArgumentParser(prog="zhie")
    add_cli(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
