"""The SCHEMA record as a Spark DataFrame, and ``extract_dataframe``.

``record_schema()`` is the declared schema of one record (SCHEMA §1)::

    id string, text string,
    entities  array<struct<id, type, start, end, text, attrs>>,
    relations array<struct<type, head, tail>>,
    events    array<struct<id, type, trigger: span, arguments: array<struct<role, ref, start, end, text, attrs>>>>,
    facts     array<struct<id, type, subject, value, metric: span, date, position>>,
    ignore    array<struct<start, end>>,      -- null when the record has none
    error     string                          -- null unless the document failed

    span = struct<start int, end int, text string, attrs string>

``attrs`` is the JSON object exactly as ``zhie extract`` writes it (``{"value": 12000, "unit":
"家", "qualifier": "exact", "norm": "1.2万家"}``); null on a span without attrs. Attrs keys are
open (DATE alone uses 14: year, month, relative, offset, asof, …) and their JSON types matter (an
integer value stays an integer), so a struct with one field per key would be mostly null and a
``map<string,string>`` would lose the types; one JSON string keeps every record identical to
``zhie extract``'s and is read in SQL with ``get_json_object(e.attrs, '$.unit')`` or
``from_json``. Everything else is a typed column. An argument row holds either ``ref`` (an entity
id) or a span (``start``/``end``/``text``/``attrs``), as in the SCHEMA.

``record_to_row`` and ``record_from_row`` convert between a SCHEMA record (``doc.to_dict()``)
and a row of this schema; ``record_from_row(record_to_row(r)) == r`` with the same key order, so
JSON written from a row is byte-identical to ``zhie extract``'s line.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Iterable, Iterator, Optional

from extract.doc import Document

INSTALL_HINT = ('extract.spark needs pyspark: pip install -e ".[spark]" (Spark 4 also needs Java 17; '
                "see the README's section on Spark)")


def require_pyspark():
    """Import pyspark or raise ImportError saying how to install it."""
    try:
        import pyspark
    except ImportError:
        raise ImportError(INSTALL_HINT) from None
    return pyspark


# ------------------------------------------------------------------ the schema
@functools.lru_cache(maxsize=1)
def record_schema():
    """The declared ``StructType`` of one record (see the module docstring)."""
    require_pyspark()
    from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

    def struct(*fields):
        return StructType([StructField(name, typ, True) for name, typ in fields])

    S, I = StringType(), IntegerType()
    span = struct(("start", I), ("end", I), ("text", S), ("attrs", S))
    entity = struct(("id", S), ("type", S), ("start", I), ("end", I), ("text", S), ("attrs", S))
    relation = struct(("type", S), ("head", S), ("tail", S))
    argument = struct(("role", S), ("ref", S), ("start", I), ("end", I), ("text", S), ("attrs", S))
    event = struct(("id", S), ("type", S), ("trigger", span), ("arguments", ArrayType(argument, True)))
    fact = struct(("id", S), ("type", S), ("subject", S), ("value", S), ("metric", span), ("date", S),
                  ("position", I))
    region = struct(("start", I), ("end", I))
    return struct(("id", S), ("text", S), ("entities", ArrayType(entity, True)),
                  ("relations", ArrayType(relation, True)), ("events", ArrayType(event, True)),
                  ("facts", ArrayType(fact, True)), ("ignore", ArrayType(region, True)), ("error", S))


def _arrow_schema(schema, large: bool):
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema, prefers_large_types=large)


# ------------------------------------------------------- record <-> row
def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _span_row(d: Optional[dict]) -> Optional[dict]:
    if d is None:
        return None
    return {"start": d["start"], "end": d["end"], "text": d["text"],
            "attrs": _dumps(d["attrs"]) if "attrs" in d else None}


def _span_rec(r) -> Optional[dict]:
    if r is None:
        return None
    d = {"start": r["start"], "end": r["end"], "text": r["text"]}
    if r["attrs"] is not None:
        d["attrs"] = json.loads(r["attrs"])
    return d


def record_to_row(rec: dict) -> dict:
    """A SCHEMA record (``doc.to_dict()``) as a dict of :func:`record_schema`'s fields."""
    return {
        "id": rec.get("id"),
        "text": rec.get("text"),
        "entities": [{"id": e["id"], "type": e["type"], "start": e["start"], "end": e["end"], "text": e["text"],
                      "attrs": _dumps(e["attrs"]) if "attrs" in e else None} for e in rec.get("entities", [])],
        "relations": [{"type": r["type"], "head": r["head"], "tail": r["tail"]} for r in rec.get("relations", [])],
        "events": [{"id": ev["id"], "type": ev["type"], "trigger": _span_row(ev["trigger"]),
                    "arguments": [{"role": a["role"], "ref": a.get("ref"),
                                   **(_span_row(a) if "start" in a else
                                      {"start": None, "end": None, "text": None, "attrs": None})}
                                  for a in ev.get("arguments", [])]}
                   for ev in rec.get("events", [])],
        "facts": [{"id": f["id"], "type": f["type"], "subject": f.get("subject"), "value": f.get("value"),
                   "metric": _span_row(f.get("metric")), "date": f.get("date"), "position": f.get("position")}
                  for f in rec.get("facts", [])],
        "ignore": [{"start": r["start"], "end": r["end"]} for r in rec["ignore"]] if "ignore" in rec else None,
        "error": rec.get("error"),
    }


def record_from_row(row) -> dict:
    """The SCHEMA record of a row (a ``pyspark.sql.Row`` or a dict), keys in ``doc.to_dict()``'s order."""
    if hasattr(row, "asDict"):
        row = row.asDict(recursive=True)
    ents = []
    for e in row["entities"] or []:
        ents.append({"id": e["id"], "type": e["type"], "start": e["start"], "end": e["end"], "text": e["text"],
                     "attrs": json.loads(e["attrs"]) if e["attrs"] is not None else {}})
    events = []
    for ev in row["events"] or []:
        args = []
        for a in ev["arguments"] or []:
            args.append({"role": a["role"], "ref": a["ref"]} if a["ref"] is not None
                        else {"role": a["role"], **_span_rec(a)})
        events.append({"id": ev["id"], "type": ev["type"], "trigger": _span_rec(ev["trigger"]), "arguments": args})
    facts = []
    for f in row["facts"] or []:
        d = {"id": f["id"], "type": f["type"], "subject": f["subject"], "value": f["value"],
             "metric": _span_rec(f["metric"]), "date": f["date"]}
        if f["position"] is not None:
            d["position"] = f["position"]
        facts.append(d)
    rec = {"id": row["id"], "text": row["text"], "entities": ents,
           "relations": [{"type": r["type"], "head": r["head"], "tail": r["tail"]} for r in row["relations"] or []],
           "events": events, "facts": facts}
    if row.get("ignore") is not None:
        rec["ignore"] = [{"start": r["start"], "end": r["end"]} for r in row["ignore"]]
    if row.get("error") is not None:
        rec["error"] = row["error"]
    return rec


def record_json(rec: dict) -> str:
    """One JSONL line (without newline), exactly as ``zhie extract`` writes it."""
    return _dumps(rec)


# ------------------------------------------------------------- the model
def model_spec(spark, model=None) -> tuple:
    """Resolve ``model`` on the driver into a small picklable spec the workers load from.

    ``None`` (``ZHIE_MODEL`` or ``models/default``), ``"rules"``, a config dict, or a model folder.
    A folder on the driver's disk is shipped to the executors with ``SparkContext.addFile`` (a
    shipped copy is what a worker loads; without one, the same path on the worker's disk); a
    folder on a Hadoop file system (``hdfs://``, ``s3a://``) is shipped the same way.
    """
    from extract.pipeline import DEFAULT_MODEL, RULES_CONFIG

    if isinstance(model, dict):
        return ("config", _dumps(model), None)
    if model is not None and str(model) == "rules":
        return ("config", _dumps(RULES_CONFIG), None)
    if model is None:
        model = os.environ.get("ZHIE_MODEL") or DEFAULT_MODEL
        if not (Path(model) / "config.json").is_file() and Path(model) == DEFAULT_MODEL:
            import logging  # extract.load's fallback, said as loudly

            logging.getLogger(__name__).warning(
                "No shipped model at %s (an installed, not a checked-out, zhie?); the executors will run the "
                "rules-only pipeline. Pass --model PATH to use a model folder.", model)
            return ("config", _dumps(RULES_CONFIG), None)
    model = str(model)
    remote = "://" in model and not model.startswith("file://")
    if not remote:
        path = Path(model.removeprefix("file://")).resolve()
        if not (path / "config.json").is_file():
            raise FileNotFoundError(
                f"No model at {path}: expected {path / 'config.json'}. Pass a folder written by `zhie train`, "
                f"'rules' for the rules-only pipeline, or nothing for the shipped default.")
        model = str(path)
    name = model.rstrip("/").rsplit("/", 1)[-1]
    try:
        spark.sparkContext.addFile(model, recursive=True)
    except Exception as e:  # e.g. another folder of the same name was shipped before in this session
        if remote:
            raise ValueError(f"cannot ship the model {model} to the executors: {e}") from None
        return ("path", model, None)
    return ("path", model, name)


@functools.lru_cache(maxsize=4)
def worker_pipeline(spec: tuple):
    """The pipeline for ``spec``, loaded once per Python process (Spark reuses its Python workers)."""
    from extract.pipeline import load

    kind, value, shipped = spec
    if kind == "config":
        return load(json.loads(value))
    if shipped is not None:
        from pyspark import SparkFiles

        local = Path(SparkFiles.get(shipped))
        if (local / "config.json").is_file():
            return load(local)
    if "://" in value:
        raise FileNotFoundError(f"the model {value} was not shipped to this executor (SparkFiles)")
    return load(value)


# ------------------------------------------------------- extract_dataframe
def _documents(ids, texts, errors, text_col, id_col) -> list:
    docs = []
    for i, t, err in zip(ids, texts, errors):
        if err is not None:
            docs.append(Document.failed(i, err))
        elif i is None:
            docs.append(Document.failed(None, f"row without an id (column {id_col!r} is null)"))
        elif t is None:
            docs.append(Document.failed(i, f"document {i}: no text (column {text_col!r} is null)"))
        else:
            docs.append(Document(t, id=i))
    return docs


def _records(nlp, docs: list, batch_size: int) -> Iterator[dict]:
    for doc in nlp.pipe(docs, batch_size=batch_size):
        try:
            yield doc.to_dict()
        except ValueError as e:  # a stage left a dangling reference: this document fails, not the task
            yield Document.failed(doc.id, f"record: {e}").to_dict()


def extract_batches(batches: Iterable, spec: tuple, arrow_schema, text_col: str = "text", id_col: str = "id",
                    batch_size: int = 32, chunk: int = 256, as_json: bool = False) -> Iterator:
    """The ``mapInArrow`` function: Arrow batches of ``(id, text, _error)`` → batches of records.

    The pipeline is loaded once per Python worker (:func:`worker_pipeline`); documents go through
    ``nlp.pipe`` in batches of ``batch_size``; an output batch holds at most ``chunk`` records:
    rows of :func:`record_schema`, or with ``as_json`` one ``value`` column of JSONL lines.
    """
    import pyarrow as pa

    nlp = worker_pipeline(spec)
    for batch in batches:
        ids = batch.column("id").to_pylist()
        texts = batch.column("text").to_pylist()
        errors = batch.column("_error").to_pylist()
        for k in range(0, len(ids), chunk):
            docs = _documents(ids[k:k + chunk], texts[k:k + chunk], errors[k:k + chunk], text_col, id_col)
            if as_json:
                lines = [record_json(r) for r in _records(nlp, docs, batch_size)]
                yield pa.RecordBatch.from_pydict({"value": lines}, schema=arrow_schema)
            else:
                rows = [record_to_row(r) for r in _records(nlp, docs, batch_size)]
                yield pa.RecordBatch.from_pylist(rows, schema=arrow_schema)


def _large_var_types(spark) -> bool:
    return str(spark.conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false")).lower() == "true"


def _lines_schema():
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField("value", StringType(), True)])


def extract_dataframe(df, text_col: str = "text", id_col: str = "id", model=None, batch_size: int = 32,
                      error_col: Optional[str] = None, as_json: bool = False):
    """Run the pipeline over a DataFrame's documents; one record row per input row.

    ``df`` needs a string column ``text_col`` and a column ``id_col`` (cast to string). The result
    has :func:`record_schema` (declared, not inferred); other input columns are not kept. Each
    Python worker loads the pipeline once (``model`` as for :func:`extract.load`: None, "rules", a
    folder or a config dict) and runs its partition through ``nlp.pipe`` via ``mapInArrow``. A
    document that fails, a null text or a null id gives an error row, as ``zhie extract`` does; the
    rest of the partition is unaffected. ``error_col``: rows where that column is not null become
    error rows with its message (the readers of :mod:`extract.spark.job` use it for unreadable
    files and bad JSON lines). ``as_json``: one ``value`` column holding each record as the JSONL
    line ``zhie extract`` writes (what ``zhie spark --format jsonl`` writes, without a second pass
    through Python). Lazy: nothing runs until the result is written or collected.
    """
    require_pyspark()
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    fields = {f.name: f for f in df.schema.fields}
    for col in (text_col, id_col) + ((error_col,) if error_col else ()):
        if col not in fields:
            raise ValueError(f"extract_dataframe: no column {col!r}; the DataFrame has {sorted(fields)}")
    if not isinstance(fields[text_col].dataType, StringType):
        raise ValueError(f"extract_dataframe: column {text_col!r} is {fields[text_col].dataType.simpleString()}, "
                         f"not string")
    spark = df.sparkSession
    spec = model_spec(spark, model)
    schema = _lines_schema() if as_json else record_schema()
    arrow_schema = _arrow_schema(schema, _large_var_types(spark))
    err = F.col(error_col).cast("string") if error_col else F.lit(None).cast("string")
    src = df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).alias("text"), err.alias("_error"))

    def run(batches):
        return extract_batches(batches, spec, arrow_schema, text_col, id_col, batch_size, as_json=as_json)

    return src.mapInArrow(run, schema)


def jsonl_lines(df):
    """A one-column (``value``) DataFrame of JSONL lines, one per record row, as ``zhie extract`` writes them."""
    require_pyspark()
    out = _lines_schema()
    arrow_schema = _arrow_schema(out, _large_var_types(df.sparkSession))

    def run(batches):
        import pyarrow as pa

        for batch in batches:
            lines = [record_json(record_from_row(r)) for r in batch.to_pylist()]
            yield pa.RecordBatch.from_pydict({"value": lines}, schema=arrow_schema)

    return df.select(*record_schema().fieldNames()).mapInArrow(run, out)
