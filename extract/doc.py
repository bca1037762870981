"""The document object every pipeline stage reads and writes.

A :class:`Document` holds the original text (never rewritten), an internal
normalized view of the same length (simplified script, half-width digits) and
the extraction results in named places: ``entities``, ``relations``,
``events`` and ``facts``. :meth:`Document.to_dict` gives exactly the record of
``SCHEMA.md`` §1; :meth:`Document.from_dict` reads one back.

Inside the pipeline, relations, event arguments and facts point at
:class:`Entity` objects; entity ids (``E1``, ``E2`` …) are assigned only when a
record is written, in text order, so stages never have to renumber anything.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

ENTITY_TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY", "POLICY", "DATE", "FIGURE", "RANK")
NAME_TYPES = ENTITY_TYPES[:5]  # the named entities (the rest are titles and values)
RELATION_TYPES = ("located_in", "in_industry", "subsidiary_of", "invested_in")
EVENT_TYPES = ("FUNDING",)
EVENT_ROLES = ("company", "amount", "round", "investor", "lead_investor", "date")
FACT_TYPES = ("METRIC", "RANKING")


class OffsetError(ValueError):
    """A span whose text does not equal ``doc.text[start:end]``."""


@dataclass(slots=True)
class Span:
    """A stretch of the original text, with optional normalized attributes."""

    start: int
    end: int
    text: str
    attrs: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "text": self.text}
        if self.attrs:
            d["attrs"] = dict(self.attrs)
        return d

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(eq=False, slots=True)
class Entity(Span):
    """A typed entity mention. ``source`` names the stage that found it (not serialized)."""

    type: str = ""
    id: Optional[str] = None
    source: str = ""
    score: float = 1.0

    @property
    def key(self) -> tuple:
        return (self.type, self.start, self.end)

    def __repr__(self) -> str:  # short, readable in test failures
        return f"Entity({self.type} {self.start}:{self.end} {self.text!r} {self.attrs or ''})"


@dataclass(eq=False, slots=True)
class Relation:
    type: str
    head: Entity
    tail: Entity


@dataclass(eq=False, slots=True)
class Argument:
    """An event argument: either a reference to an entity or a span of its own."""

    role: str
    ref: Optional[Entity] = None
    span: Optional[Span] = None

    @property
    def text(self) -> str:
        return self.ref.text if self.ref is not None else (self.span.text if self.span else "")


@dataclass(eq=False, slots=True)
class Event:
    type: str
    trigger: Span
    arguments: list = field(default_factory=list)
    id: Optional[str] = None


@dataclass(eq=False, slots=True)
class Fact:
    type: str
    subject: Optional[Entity]
    value: Entity
    metric: Optional[Span] = None
    date: Optional[Entity] = None
    position: Optional[int] = None
    id: Optional[str] = None


class Document:
    """One input document and everything extracted from it."""

    def __init__(self, text: str, id: Optional[str] = None, meta: Optional[dict] = None):
        if not isinstance(text, str):
            raise TypeError(f"Document text must be str, got {type(text).__name__}")
        self.id = id
        self.text = text
        self.meta = dict(meta or {})
        self.norm: str = text  # same length as text; set by the normalizer
        self.script: str = ""
        self.sents: list = []  # list of (start, end)
        self.tokens: list = []  # list of (start, end, pos)
        self.entities: list = []
        self.relations: list = []
        self.events: list = []
        self.facts: list = []
        self.ignore: list = []  # list of (start, end)
        self.tables: list = []  # table records found by the table reader (internal)
        self.error: Optional[str] = None
        self._sent_starts = None
        self._sent_key = None

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, chars={len(self.text)}, entities={len(self.entities)})"

    # ---------------------------------------------------------------- helpers
    def span(self, start: int, end: int, attrs: Optional[dict] = None) -> Span:
        return Span(start, end, self.text[start:end], dict(attrs or {}))

    def entity(self, type: str, start: int, end: int, attrs: Optional[dict] = None, source: str = "") -> Entity:
        """Make an entity over ``text[start:end]``; ``attrs['norm']`` is filled from the normalized view."""
        if not (0 <= start < end <= len(self.text)):
            raise OffsetError(f"span {start}:{end} outside document of length {len(self.text)}")
        a = dict(attrs or {})
        a.setdefault("norm", self.norm[start:end])
        return Entity(start, end, self.text[start:end], a, type=type, source=source)

    def sentence_of(self, pos: int) -> tuple:
        """The (start, end) of the sentence holding character ``pos`` (binary search, O(log n))."""
        if self._sent_starts is None or self._sent_key != (id(self.sents), len(self.sents)):
            self._sent_starts = [s for s, _ in self.sents]
            self._sent_key = (id(self.sents), len(self.sents))
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i >= 0:
            s, e = self.sents[i]
            if s <= pos < e:
                return (s, e)
        return (0, len(self.text))

    def entities_between(self, start: int, end: int, ents: Optional[list] = None,
                         starts: Optional[list] = None) -> list:
        """Entities lying inside ``start:end``.

        ``ents`` must be sorted by start (default: doc.entities, sorted); pass
        ``starts`` (their start offsets) too when calling in a loop, so each
        call costs O(log n + k).
        """
        ents = ents if ents is not None else sorted(self.entities, key=lambda e: e.start)
        starts = starts if starts is not None else [e.start for e in ents]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [e for e in ents[lo:hi] if e.end <= end]

    def check_offsets(self) -> None:
        """Raise :class:`OffsetError` if any span's text is not ``text[start:end]``."""
        for sp in self.iter_spans():
            if self.text[sp.start:sp.end] != sp.text:
                raise OffsetError(
                    f"document {self.id!r}: span {sp.start}:{sp.end} has text {sp.text!r} "
                    f"but the document has {self.text[sp.start:sp.end]!r} there")

    def iter_spans(self) -> Iterable[Span]:
        yield from self.entities
        for ev in self.events:
            yield ev.trigger
            for a in ev.arguments:
                if a.span is not None:
                    yield a.span
        for f in self.facts:
            if f.metric is not None:
                yield f.metric

    # ----------------------------------------------------------- (de)serialize
    def to_dict(self) -> dict:
        """The SCHEMA §1 record. Entity ids are assigned here, in text order."""
        return {k: (list(v) if isinstance(v, Iterator) else v) for k, v in self.record_parts()}

    def record_parts(self) -> list:
        """The SCHEMA §1 record as ``[(key, value), …]`` in record order, where the values of
        ``entities``, ``relations``, ``events`` and ``facts`` are iterators that build one item at a
        time, so a writer can stream a huge record (:func:`extract.io.readers.write_record`) without
        holding all of it. Every reference is checked here, before anything is built: a relation,
        argument or fact pointing at an entity not in ``doc.entities`` raises ``ValueError`` now."""
        ents = sorted(self.entities, key=lambda e: (e.start, e.end, e.type))
        ids = {id(e): f"E{i}" for i, e in enumerate(ents, 1)}

        def ref(e):
            if e is None:
                return None
            if id(e) not in ids:
                raise ValueError(f"document {self.id!r}: {e!r} is referenced but not in doc.entities")
            return ids[id(e)]

        for r in self.relations:
            ref(r.head), ref(r.tail)
        for ev in self.events:
            for a in ev.arguments:
                if a.ref is not None:
                    ref(a.ref)
        for f in self.facts:
            ref(f.subject), ref(f.value), ref(f.date)

        def entities():
            for i, e in enumerate(ents, 1):
                attrs = dict(e.attrs)
                attrs.setdefault("norm", self.norm[e.start:e.end])
                yield {"id": f"E{i}", "type": e.type, "start": e.start, "end": e.end, "text": e.text,
                       "attrs": attrs}

        def events():
            for i, ev in enumerate(self.events, 1):
                args = [{"role": a.role, "ref": ref(a.ref)} if a.ref is not None else {"role": a.role, **a.span.to_dict()}
                        for a in ev.arguments]
                yield {"id": f"V{i}", "type": ev.type, "trigger": ev.trigger.to_dict(), "arguments": args}

        def facts():
            for i, f in enumerate(self.facts, 1):
                d = {"id": f"F{i}", "type": f.type, "subject": ref(f.subject), "value": ref(f.value),
                     "metric": f.metric.to_dict() if f.metric is not None else None, "date": ref(f.date)}
                if f.position is not None:
                    d["position"] = f.position
                yield d

        parts = [("id", self.id), ("text", self.text), ("entities", entities()),
                 ("relations", ({"type": r.type, "head": ref(r.head), "tail": ref(r.tail)} for r in self.relations)),
                 ("events", events()), ("facts", facts())]
        if self.ignore:
            parts.append(("ignore", [{"start": s, "end": e} for s, e in self.ignore]))
        if self.error is not None:
            parts.append(("error", self.error))
        return parts

    @classmethod
    def from_dict(cls, rec: dict) -> "Document":
        """Read a SCHEMA §1 record (gold or prediction). Raises ``ValueError`` on bad references."""
        doc = cls(rec.get("text", ""), id=rec.get("id"))
        by_id = {}
        for e in rec.get("entities", []) or []:
            ent = Entity(e["start"], e["end"], e.get("text", doc.text[e["start"]:e["end"]]),
                         dict(e.get("attrs") or {}), type=e["type"], id=e.get("id"))
            by_id[e.get("id")] = ent
            doc.entities.append(ent)

        def get(i, where):
            if i is None:
                return None
            if i not in by_id:
                raise ValueError(f"document {doc.id!r}: {where} refers to unknown entity id {i!r}")
            return by_id[i]

        for r in rec.get("relations", []) or []:
            doc.relations.append(Relation(r["type"], get(r["head"], "relation head"), get(r["tail"], "relation tail")))
        for ev in rec.get("events", []) or []:
            t = ev["trigger"]
            event = Event(ev.get("type", "FUNDING"), Span(t["start"], t["end"], t["text"], dict(t.get("attrs") or {})),
                          id=ev.get("id"))
            for a in ev.get("arguments", []) or []:
                if a.get("ref") is not None:
                    event.arguments.append(Argument(a["role"], ref=get(a["ref"], f"event {ev.get('id')} argument")))
                else:
                    event.arguments.append(Argument(a["role"], span=Span(a["start"], a["end"], a["text"],
                                                                         dict(a.get("attrs") or {}))))
            doc.events.append(event)
        for f in rec.get("facts", []) or []:
            m = f.get("metric")
            doc.facts.append(Fact(f["type"], get(f.get("subject"), f"fact {f.get('id')} subject"),
                                  get(f.get("value"), f"fact {f.get('id')} value"),
                                  Span(m["start"], m["end"], m["text"], dict(m.get("attrs") or {})) if m else None,
                                  get(f.get("date"), f"fact {f.get('id')} date"), f.get("position"), id=f.get("id")))
        doc.ignore = [(g["start"], g["end"]) for g in rec.get("ignore", []) or []]
        doc.error = rec.get("error")
        return doc

    @classmethod
    def failed(cls, id: Optional[str], error: str, text: str = "") -> "Document":
        """The record for a document that could not be processed."""
        doc = cls(text, id=id)
        doc.error = error
        return doc
