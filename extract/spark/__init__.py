"""Extraction on Apache Spark: the SCHEMA record as a typed DataFrame, and the ``zhie spark`` command.

- :mod:`extract.spark.frame`: the declared Spark schema of a record (``record_schema()``),
  ``extract_dataframe(df)`` (each Python worker loads the pipeline once and runs it over its
  partition with ``mapInArrow``), and the conversions between a SCHEMA record and a row.
- :mod:`extract.spark.job`: reading inputs the way ``zhie extract`` does (JSONL, .txt/.md folders,
  Parquet) from any path Spark reads, writing JSONL or Parquet, and ``spark()``, which
  ``zhie spark`` calls.

pyspark is an optional dependency (``pip install -e ".[spark]"``); it is imported only inside
these modules' functions, so ``import extract.spark`` works without it and the first call that
needs it says how to install it.

Imports: anything in ``extract`` (this is a CLI-level package, like ``cli`` and ``run``); nothing
imports it except the CLI.
"""
from extract.spark.frame import extract_dataframe, record_from_row, record_schema, record_to_row

__all__ = ["extract_dataframe", "record_schema", "record_from_row", "record_to_row"]
