"""``zhie spark``: read documents with Spark, extract, write JSONL or Parquet.

``spark(inputs, output, ...)`` is what the command calls. Inputs are read the way ``zhie extract``
reads them, from any path Spark reads (local, ``hdfs://``, ``s3a://``):

- a ``.jsonl`` file (``{"id", "text"}`` per line) or a ``.txt``/``.md`` file;
- a folder, read recursively: ``.txt``, ``.md`` and ``.jsonl`` files (a file's id is its path inside
  the folder without suffix; Spark skips names starting with ``_`` or ``.``);
- Parquet (a ``.parquet`` file, or a folder holding ``.parquet`` files) with columns ``id`` and
  ``text`` (``--id-col``, ``--text-col``).

Text and JSONL files go through the same decoding as ``zhie extract`` (UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK, Big5) and their bad lines and unreadable files become error records
naming the file and line, so every record equals ``zhie extract``'s for the same input. Each such
file is read whole by one task (Spark's ``binaryFile`` source, at most 2 GB a file); shard a
corpus into many files or use Parquet, which Spark splits. The documents are then spread over
``--partitions`` partitions (default: 4 per core) before extraction.

Output is a folder of part files written through Spark's commit protocol: a job that is
interrupted leaves no committed part files, and ``--mode overwrite`` replaces the folder, so a
rerun leaves exactly one record per input document.

Run on a cluster with ``spark-submit .../extract/spark/job.py INPUT OUTPUT [options]`` (the same
options as ``zhie spark``); see the README's section on Spark.
"""
from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Iterable, Optional, Sequence

from extract.io.readers import InputDoc, InputError, decode_bytes, iter_jsonl
from extract.spark.frame import (_arrow_schema, _large_var_types, extract_dataframe, jsonl_lines,
                                 require_pyspark)

FORMATS = ("jsonl", "parquet")
MODES = ("error", "overwrite", "append")
INPUT_FORMATS = ("auto", "files", "parquet")
FILE_GLOB = "*.{txt,md,jsonl,TXT,MD,JSONL,Txt,Md,Jsonl}"


@dataclass
class SparkSummary:
    documents: int = 0
    failed: int = 0
    chars: int = 0
    output: str = ""
    errors: list = field(default_factory=list)  # (id, message), at most ``max_errors``


# --------------------------------------------------------------- the session
def session(master: Optional[str] = None, conf: Optional[dict] = None, app_name: str = "zhie"):
    """A SparkSession: ``master`` (``local[*]`` unless spark-submit or ``conf`` set one) and ``conf``.

    With a ``local`` master the Python workers import ``extract`` from the same place as this
    process (a checkout works without installing it); on a cluster, install ``zhie[spark]`` on
    every node or ship an environment with ``--archives`` (README).
    """
    require_pyspark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    import extract

    sconf = SparkConf()
    for k, v in (conf or {}).items():
        sconf.set(k, str(v))
    if master:
        sconf.setMaster(master)
    elif not sconf.contains("spark.master"):
        sconf.setMaster("local[*]")
    sconf.setIfMissing("spark.app.name", app_name)
    sconf.setIfMissing("spark.ui.showConsoleProgress", "false")
    if sconf.get("spark.master", "").startswith("local"):
        from pathlib import Path

        sconf.setIfMissing("spark.executorEnv.PYTHONPATH", str(Path(extract.__file__).resolve().parent.parent))
    return SparkSession.builder.config(conf=sconf).getOrCreate()


# -------------------------------------------------------------------- inputs
def _hadoop(spark, path: str):
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return fs, hpath


def _display_name(arg: str, rel: str) -> str:
    """The file name ``zhie extract`` would print: the input as given, joined with the path inside it."""
    if "://" in arg:
        return arg.rstrip("/") + ("/" + rel if rel else "")
    return str(PurePosixPath(arg) / rel) if rel else str(PurePosixPath(arg))


def _stem(name: str) -> str:
    return PurePosixPath(name.rstrip("/")).stem or name


def docs_from_file(data: Optional[bytes], name: str, doc_id: str) -> Iterable[InputDoc]:
    """The documents of one file's bytes, exactly as ``zhie extract`` reads them (id, text or error)."""
    if name.lower().endswith(".jsonl"):
        yield from iter_jsonl(io.BytesIO(data or b""), name, doc_id)
        return
    if data is None or not data.strip():
        yield InputDoc(doc_id, "", name, error=f"{name}: empty document (no text)")
        return
    try:
        yield InputDoc(doc_id, decode_bytes(data, name), name)
    except InputError as e:
        yield InputDoc(doc_id, "", name, error=str(e))


def _input_schema():
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(n, StringType(), True) for n in ("id", "text", "_error")])


def _error_rows(spark, rows: Sequence[tuple]):
    return spark.createDataFrame(list(rows), _input_schema())


def _read_files(spark, arg: str, root_uri: str, is_dir: bool):
    """(id, text, _error) rows of the .txt/.md/.jsonl files at ``arg`` (a file or a folder)."""
    reader = spark.read.format("binaryFile")
    if is_dir:
        reader = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", FILE_GLOB)
    files = reader.load(arg).select("path", "content")
    listed = files.inputFiles()
    if is_dir and not listed:
        return _error_rows(spark, [(_stem(arg), "", f"{arg}: folder holds no .txt, .md or .jsonl files")])
    # Spark's file sources skip empty files; zhie extract gives each an error record, so add them back.
    # (The listing spells URIs file:///a%20b, the rows file:/a b: compare them in one form.)
    present = {_canonical(r["path"]) for r in files.select("path").collect()}
    empty = [(p, None) for p in listed if _canonical(p) not in present]
    if empty:
        files = files.unionByName(spark.createDataFrame(empty, "path string, content binary"))
    schema = _input_schema()
    arrow_schema = _arrow_schema(schema, _large_var_types(spark))
    root = root_uri

    def parse(batches):
        import pyarrow as pa

        for batch in batches:
            rows = {"id": [], "text": [], "_error": []}
            for path, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist()):
                if is_dir:
                    rel = _relative(path, root)
                    name = _display_name(arg, rel)
                    doc_id = str(PurePosixPath(rel).with_suffix(""))
                else:
                    name, doc_id = _display_name(arg, ""), _stem(arg)
                for d in docs_from_file(content, name, doc_id):
                    rows["id"].append(d.id)
                    rows["text"].append(d.text)
                    rows["_error"].append(d.error)
            yield pa.RecordBatch.from_pydict(rows, schema=arrow_schema)

    return files.mapInArrow(parse, schema)


def _canonical(uri: str) -> str:
    """One spelling of a file URI: ``file:///a%20b`` and ``file:/a b`` are both ``file:/a b``."""
    from urllib.parse import unquote, urlsplit

    u = urlsplit(uri)
    return f"{u.scheme}:" + (f"//{u.netloc}" if u.netloc else "") + unquote(u.path)


def _relative(path: str, root: str) -> str:
    """``path`` (a URI from Spark's file listing) relative to the folder URI ``root``."""
    p, r = _canonical(path), _canonical(root).rstrip("/")
    if not p.startswith(r + "/"):
        raise ValueError(f"{path} is not inside {root}")
    return p[len(r) + 1:]


def _is_parquet(fs, hpath, arg: str, is_dir: bool) -> bool:
    if arg.rstrip("/").lower().endswith(".parquet"):
        return True
    if not is_dir:
        return False
    return any(str(st.getPath().getName()).lower().endswith(".parquet") for st in fs.listStatus(hpath))


def read_inputs(spark, inputs: Sequence[str], text_col: str = "text", id_col: str = "id",
                input_format: str = "auto"):
    """One DataFrame of ``(id, text, _error)`` rows for all ``inputs``, in the way ``zhie extract`` reads them.

    ``input_format``: ``auto`` (Parquet for ``.parquet`` paths and folders holding ``.parquet``
    files, else text and JSONL files), ``files`` or ``parquet``. A missing path gives one error
    row naming it, as in ``zhie extract``.
    """
    from pyspark.sql import functions as F

    if input_format not in INPUT_FORMATS:
        raise ValueError(f"Unknown input format {input_format!r}; choose one of {', '.join(INPUT_FORMATS)}")
    frames = []
    for arg in inputs:
        arg = str(arg)
        fs, hpath = _hadoop(spark, arg)
        if not fs.exists(hpath):
            frames.append(_error_rows(spark, [(_stem(arg), "", f"{arg}: no such file or folder")]))
            continue
        is_dir = fs.getFileStatus(hpath).isDirectory()
        if input_format == "parquet" or (input_format == "auto" and _is_parquet(fs, hpath, arg, is_dir)):
            df = spark.read.parquet(arg)
            missing = [c for c in (id_col, text_col) if c not in df.columns]
            if missing:
                raise ValueError(f"{arg}: no column {missing[0]!r} (columns: {', '.join(df.columns)}); "
                                 f"name the columns with --id-col and --text-col")
            frames.append(df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).cast("string").alias("text"),
                                    F.lit(None).cast("string").alias("_error")))
        else:
            frames.append(_read_files(spark, arg, str(fs.makeQualified(hpath).toString()), is_dir))
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


# ------------------------------------------------------------------- outputs
def check_output(spark, output: str, mode: str) -> None:
    """Refuse to start a job whose output exists in ``error`` mode, saying what to do."""
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    fs, hpath = _hadoop(spark, output)
    if mode != "error" or not fs.exists(hpath):
        return
    done = fs.exists(spark.sparkContext._jvm.org.apache.hadoop.fs.Path(output.rstrip("/") + "/_SUCCESS"))
    what = "holds a finished run" if done else "holds an unfinished (interrupted or failed) run"
    raise FileExistsError(f"{output} exists and {what}: rerun with --mode overwrite to replace it "
                          f"(exactly one record per document), or --mode append to add to it")


def write_records(records, output: str, format: str = "jsonl", mode: str = "error") -> None:
    """Write record rows: JSONL part files (lines exactly as ``zhie extract`` writes them) or Parquet."""
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "parquet":
        records.write.mode(mode).parquet(output)
    else:
        jsonl_lines(records).write.mode(mode).text(output)


def read_output(spark, output: str, format: str = "jsonl"):
    """Record rows back from a ``zhie spark`` output folder (Parquet: the typed rows; JSONL: ``value`` lines)."""
    return spark.read.parquet(output) if format == "parquet" else spark.read.text(output)


def summarize(spark, output: str, format: str = "jsonl", max_errors: int = 20) -> SparkSummary:
    """Count documents, characters and failures in a written output (one read of the output)."""
    from pyspark.sql import functions as F

    df = read_output(spark, output, format)
    if format == "jsonl":
        df = df.select(F.get_json_object("value", "$.id").alias("id"), F.get_json_object("value", "$.text").alias("text"),
                       F.get_json_object("value", "$.error").alias("error"))
    row = df.agg(F.count(F.lit(1)).alias("n"), F.count("error").alias("failed"),
                 F.sum(F.length("text")).alias("chars")).collect()[0]
    errors = [(r["id"], r["error"]) for r in df.where(F.col("error").isNotNull()).select("id", "error")
              .limit(max_errors).collect()] if row["failed"] else []
    return SparkSummary(documents=row["n"], failed=row["failed"], chars=row["chars"] or 0, output=output,
                        errors=errors)


# ----------------------------------------------------------------- the job
def spark(inputs: Sequence[str], output: str, master: Optional[str] = None, format: str = "jsonl", model=None,
          partitions: Optional[int] = None, mode: str = "error", text_col: str = "text", id_col: str = "id",
          input_format: str = "auto", batch_size: int = 32, conf: Optional[dict] = None,
          session_=None) -> SparkSummary:
    """Extract from ``inputs`` on Spark and write one record per document to ``output``; return counts.

    ``session_``: an existing SparkSession (tests); otherwise one is made from ``master`` and ``conf``.
    """
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if partitions is not None and partitions < 1:
        raise ValueError(f"--partitions must be at least 1, not {partitions}")
    ss = session_ or session(master, conf)
    check_output(ss, output, mode)
    docs = read_inputs(ss, inputs, text_col=text_col, id_col=id_col, input_format=input_format)
    n = partitions or 4 * ss.sparkContext.defaultParallelism
    docs = docs.repartition(n)
    if format == "jsonl":  # the workers write the lines themselves: one pass through Python
        lines = extract_dataframe(docs, model=model, batch_size=batch_size, error_col="_error", as_json=True)
        lines.write.mode(mode).text(output)
    else:
        write_records(extract_dataframe(docs, model=model, batch_size=batch_size, error_col="_error"),
                      output, format, mode)
    return summarize(ss, output, format)


def _conf_items(items: Iterable[str]) -> dict:
    out = {}
    for item in items or ():
        key, sep, val = item.partition("=")
        if not sep or not key:
            raise ValueError(f"--conf {item!r}: expected KEY=VALUE, e.g. spark.executor.memory=4g")
        out[key] = val
    return out


def add_cli(sub) -> None:
    p = sub.add_parser("spark", help="extract on Apache Spark (local or a cluster): JSONL or Parquet out",
                       description="Extract from JSONL, .txt/.md folders or Parquet on any path Spark reads "
                                   "(local, hdfs://, s3a://) and write one record per document, identical to "
                                   "`zhie extract`'s, as JSONL part files or Parquet. Needs the spark extra.")
    _arguments(p)
    p.set_defaults(func=_run)


def _arguments(p) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("output", metavar="OUTPUT", help="output folder (part files)")
    p.add_argument("--master", default=None,
                   help="local[*] (default), local[N], spark://HOST:7077, yarn, k8s://…; "
                        "under spark-submit its --master is used")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("--model", default=None,
                   help="model folder (shipped to the executors), or 'rules' (default: models/default)")
    p.add_argument("--partitions", type=int, default=None, help="partitions to extract in (default: 4 per core)")
    p.add_argument("--mode", choices=MODES, default="error",
                   help="when OUTPUT exists: error (default), overwrite (replace it) or append")
    p.add_argument("--input-format", choices=INPUT_FORMATS, default="auto")
    p.add_argument("--text-col", default="text", help="Parquet input: the text column")
    p.add_argument("--id-col", default="id", help="Parquet input: the id column")
    p.add_argument("--batch-size", type=int, default=32, help="documents per nlp.pipe batch in a worker")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="a Spark setting, e.g. spark.executor.memory=4g (repeatable)")


def _run(args) -> int:
    summary = spark(args.inputs, args.output, master=args.master, format=args.format, model=args.model,
                    partitions=args.partitions, mode=args.mode, text_col=args.text_col, id_col=args.id_col,
                    input_format=args.input_format, batch_size=args.batch_size, conf=_conf_items(args.conf))
    for doc_id, err in summary.errors:
        print(f"zhie spark: {doc_id}: {err}", file=sys.stderr)
    if summary.failed > len(summary.errors):
        print(f"zhie spark: … and {summary.failed - len(summary.errors)} more failed documents", file=sys.stderr)
    print(f"zhie spark: {summary.documents} documents ({summary.chars} chars), {summary.failed} failed "
          f"→ {summary.output}", file=sys.stderr)
    return 1 if summary.failed else 0


def main(argv=None) -> int:
    """``spark-submit extract/spark/job.py INPUT... OUTPUT [options]``: the same as ``zhie spark``."""
    p = argparse.ArgumentParser(prog="job.py", description="zhie spark under spark-submit: " + (__doc__ or "").split("\n")[0])
    _arguments(p)
    args = p.parse_args(argv)
    try:
        return _run(args)
    except (FileNotFoundError, FileExistsError, ValueError, ImportError) as e:
        print(f"zhie spark: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
