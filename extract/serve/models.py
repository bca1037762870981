"""Pydantic models that mirror SCHEMA.md §1: the request and response bodies of the API.

They give the OpenAPI schema at ``/docs`` and check the shape of what a client sends. What a record
*means* (span texts equal to the text, references to existing entities, FIGURE attrs, …) is checked
by :func:`extract.io.annotations.validate_record`, the same validator as for gold files.
"""
from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.doc import ENTITY_TYPES, EVENT_ROLES, EVENT_TYPES, FACT_TYPES, RELATION_TYPES

EntityType = Literal[tuple(ENTITY_TYPES)]  # type: ignore[valid-type]
RelationType = Literal[tuple(RELATION_TYPES)]  # type: ignore[valid-type]
EventType = Literal[tuple(EVENT_TYPES)]  # type: ignore[valid-type]
Role = Literal[tuple(EVENT_ROLES)]  # type: ignore[valid-type]
FactType = Literal[tuple(FACT_TYPES)]  # type: ignore[valid-type]


class Span(BaseModel):
    """A stretch of the original text: ``text[start:end] == span.text`` (code points, end exclusive)."""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    attrs: Dict[str, Any] = Field(default_factory=dict)


class Entity(Span):
    id: str
    type: EntityType
    attrs: Dict[str, Any] = Field(default_factory=dict,
                                  description="normalized values: always `norm`; FIGURE value/unit/qualifier(/min/max); "
                                              "RANK rank/top/scope")


class Relation(BaseModel):
    type: RelationType
    head: str = Field(description="entity id")
    tail: str = Field(description="entity id")


class Argument(BaseModel):
    """An event argument: an entity reference (``ref``) or, for ``round``, a span of its own."""
    role: Role
    ref: Optional[str] = None
    start: Optional[int] = Field(default=None, ge=0)
    end: Optional[int] = Field(default=None, ge=0)
    text: Optional[str] = None
    attrs: Optional[Dict[str, Any]] = None


class Event(BaseModel):
    id: str
    type: EventType
    trigger: Span
    arguments: List[Argument] = Field(default_factory=list)


class Fact(BaseModel):
    id: str
    type: FactType
    subject: Optional[str] = Field(default=None, description="entity id, or null for an unnamed aggregate")
    value: str = Field(description="entity id (FIGURE for METRIC, RANK for RANKING)")
    metric: Optional[Span] = None
    date: Optional[str] = None
    position: Optional[int] = None


class Region(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Record(BaseModel):
    """One document's SCHEMA record, as ``zhie extract`` writes it."""
    id: str
    text: str
    entities: List[Entity] = Field(default_factory=list)
    relations: List[Relation] = Field(default_factory=list)
    events: List[Event] = Field(default_factory=list)
    facts: List[Fact] = Field(default_factory=list)
    ignore: Optional[List[Region]] = None
    error: Optional[str] = None


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Optional[str] = Field(default=None, max_length=1000)
    text: str


class ExtractRequest(BaseModel):
    """Either one document (``text``, optional ``id``) or a batch (``documents``), not both."""
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"id": "a1", "text": "云帆科技完成2亿元B轮融资，由星河资本领投。"},
                     {"documents": [{"id": "a1", "text": "云帆科技完成2亿元B轮融资，由星河资本领投。"}]}]})
    id: Optional[str] = Field(default=None, max_length=1000)
    text: Optional[str] = None
    documents: Optional[List[DocumentIn]] = None

    @model_validator(mode="after")
    def _one_shape(self):
        if (self.text is None) == (self.documents is None):
            raise ValueError("send either 'text' (one document) or 'documents' (a batch), not both and not neither")
        if self.documents is not None and self.id is not None:
            raise ValueError("'id' belongs inside each of 'documents' in a batch")
        return self


class Batch(BaseModel):
    records: List[Record]


class Health(BaseModel):
    status: Literal["ok", "loading", "failed"] = Field(description="failed: the workers could not load the model")
    workers: int
    in_flight: int
    capacity: int
    error: Optional[str] = None


class ModelInfo(BaseModel):
    name: str
    path: Optional[str]
    version: str
    pipeline: List[Dict[str, Any]]
    scores: Dict[str, Any]
    card: Optional[str] = Field(default=None, description="the model card's first line")


class Saved(BaseModel):
    id: str
    path: str
    replaced: bool
    warnings: List[str] = Field(default_factory=list)
    documents: int


class ReviewItem(BaseModel):
    id: str
    score: float = Field(description="expected wrongly tagged characters per 1000 characters (NER CRF marginals)")
    expected_errors: float = Field(description="expected wrongly tagged characters in the document")
    rank: int
    remaining: int
    record: Record


class ErrorBody(BaseModel):
    detail: Any
