"""Extraction on Spark (``extract.spark``, ``zhie spark``) in local[2] mode.

The reference is ``zhie extract`` (``extract.run.extract``) on the same inputs with the same
model: records are compared by id, as JSONL lines byte for byte. The fixture corpus is built here
from the five seed texts in ``annotations/gold.jsonl`` plus bad documents (malformed JSON, a line
without text, an empty file, binary data, a GBK file), so every test is self-contained. One
SparkSession serves the whole run (``spark_session`` in conftest.py).
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from extract.spark.frame import record_from_row, record_json, record_to_row

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "annotations" / "gold.jsonl"
MODEL = REPO / "models" / "default"
COPIES = 4  # copies of each text in the interrupted job's input


def gold_records() -> list:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------ record <-> row (no Spark)
def test_row_round_trip_keeps_every_gold_record_byte_for_byte():
    # gold records carry ignore regions, argument spans with attrs, facts with and without position;
    # through Document they take the form doc.to_dict() writes (the gold file leaves out null dates)
    from extract.doc import Document

    recs = [Document.from_dict(r).to_dict() for r in gold_records()]
    assert any("ignore" in r for r in recs) and any(f.get("position") for r in recs for f in r["facts"])
    assert any("attrs" in a for r in recs for ev in r["events"] for a in ev["arguments"])
    for rec in recs:
        assert record_json(record_from_row(record_to_row(rec))) == json.dumps(rec, ensure_ascii=False)


def test_row_round_trip_of_pipeline_records_and_error_records(nlp):
    docs = list(nlp.pipe([(r["text"], r["id"]) for r in gold_records()[:2]]))
    from extract.doc import Document

    docs.append(Document.failed("bad", "bad.txt: empty document (no text)"))
    for doc in docs:
        rec = doc.to_dict()
        row = record_to_row(rec)
        assert all(isinstance(e["attrs"], str) for e in row["entities"])  # attrs: a JSON string column
        assert record_json(record_from_row(row)) == json.dumps(rec, ensure_ascii=False)


# ------------------------------------------------------------ the fixture
@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of inputs: the seeds as JSONL (plus bad lines) and a subfolder of .txt/.md files."""
    root = tmp_path_factory.mktemp("corpus") / "in"
    (root / "sub").mkdir(parents=True)
    lines = [json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) for r in gold_records()]
    lines += ["{not json", json.dumps({"id": "no-text"}), "",
              json.dumps({"text": "浦东新区有1026家“小巨人”企业，位居全国第三。"}, ensure_ascii=False),
              json.dumps({"id": 7, "text": "深圳以347家的新增数量位居全国城市首位"}, ensure_ascii=False)]
    (root / "seeds.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a sample of the news corpus: every 12th text of each script (ids s001, s013, …, t001, t013, …)
    news = []
    for name in ("simp", "trad"):
        with open(REPO / "annotations" / "news" / "raw" / f"{name}.jsonl", encoding="utf-8") as f:
            news += [line.strip() for k, line in enumerate(f) if k % 12 == 0 and line.strip()]
    assert len(news) >= 15
    (root / "news.jsonl").write_text("\n".join(news) + "\n", encoding="utf-8")
    (root / "sub" / "深圳 新闻.txt").write_text("2025年末，深圳以347家的新增数量位居全国城市首位。", encoding="utf-8")
    (root / "sub" / "gbk.txt").write_bytes("上海澜起科技股份有限公司完成C轮融资超15亿元。".encode("gbk"))
    (root / "sub" / "empty.md").write_bytes(b"")
    (root / "sub" / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary")
    return root


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """``{id: JSONL line}`` from ``zhie extract`` on the corpus with the shipped model."""
    from extract.run import extract

    out = tmp_path_factory.mktemp("ref") / "ref.jsonl"
    extract([str(corpus)], out=str(out), model=str(MODEL), progress=False)
    return by_id(out.read_text(encoding="utf-8").splitlines())


def by_id(lines) -> dict:
    out = {}
    for line in lines:
        if not line.strip():
            continue
        rid = json.loads(line)["id"]
        assert rid not in out, f"two records for id {rid!r}"
        out[rid] = line
    return out


def read_jsonl_output(folder: Path) -> list:
    return [line for p in sorted(folder.glob("part-*")) for line in p.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def jsonl_run(spark_session, corpus, tmp_path_factory):
    from extract.spark.job import spark

    out = tmp_path_factory.mktemp("spark") / "out"
    summary = spark([str(corpus)], str(out), model=str(MODEL), partitions=3, session_=spark_session)
    return out, summary


# ----------------------------------------------------------------- tests
@pytest.mark.spark
def test_jsonl_records_equal_zhie_extract_by_id(jsonl_run, reference, corpus):
    out, summary = jsonl_run
    got = by_id(read_jsonl_output(out))
    assert sorted(got) == sorted(reference)
    n_news = len((corpus / "news.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(reference) == 13 + n_news  # 5 seeds + 4 JSONL extras + 4 files + the news sample
    assert sum(rid.startswith(("s", "t")) and rid[1:].isdigit() for rid in reference) == n_news
    for rid, line in reference.items():
        assert got[rid] == line, f"record {rid!r} differs from zhie extract's"
    assert (out / "_SUCCESS").exists()
    assert summary.documents == len(reference) and summary.chars == sum(len(json.loads(v)["text"]) for v in reference.values())


@pytest.mark.spark
def test_bad_documents_give_error_records_naming_file_and_line(jsonl_run, corpus):
    out, summary = jsonl_run
    recs = {json.loads(line)["id"]: json.loads(line) for line in read_jsonl_output(out)}
    errors = {rid: r["error"] for rid, r in recs.items() if "error" in r}
    assert errors == {
        "seeds:6": f"{corpus}/seeds.jsonl:6: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        "no-text": f"{corpus}/seeds.jsonl:7: missing or non-string 'text' field",
        "sub/empty": f"{corpus}/sub/empty.md: empty document (no text)",
        "sub/binary": f"{corpus}/sub/binary.txt: binary data (NUL bytes) — not a text document; "
                      f"UTF-16 input needs a byte-order mark",
    }
    assert all(recs[rid]["entities"] == [] for rid in errors)
    # the good documents around them were extracted
    assert recs["seeds:9"]["entities"] and recs["7"]["entities"] and recs["sub/gbk"]["entities"]
    assert summary.failed == 4 and {rid for rid, _ in summary.errors} == set(errors)


@pytest.mark.spark
def test_dataframe_rows_are_zhie_extract_records(spark_session, reference):
    from extract.spark import extract_dataframe, record_schema

    refs = {rid: json.loads(line) for rid, line in reference.items() if "error" not in json.loads(line)}
    rows = [(rid, r["text"]) for rid, r in refs.items()] + [("null-text", None), (None, "上海")]
    df = spark_session.createDataFrame(rows, "doc_id string, body string").repartition(2)
    out = extract_dataframe(df, text_col="body", id_col="doc_id", model=str(MODEL))
    assert out.schema == record_schema()  # declared, not inferred
    got = {}
    for row in out.collect():
        rec = record_from_row(row)
        got[rec["id"]] = rec
    assert len(got) == len(rows)
    for rid, rec in refs.items():
        assert record_json(got[rid]) == record_json(rec)
    assert got["null-text"]["error"] == "document null-text: no text (column 'body' is null)"
    assert got[None]["error"] == "row without an id (column 'doc_id' is null)"


@pytest.mark.spark
def test_dataframe_column_problems_are_named(spark_session):
    from extract.spark import extract_dataframe

    df = spark_session.createDataFrame([("a", 1)], "id string, text int")
    with pytest.raises(ValueError, match="column 'text' is int, not string"):
        extract_dataframe(df, model="rules")
    with pytest.raises(ValueError, match=r"no column 'body'; the DataFrame has \['id', 'text'\]"):
        extract_dataframe(df, text_col="body", model="rules")


@pytest.mark.spark
def test_parquet_in_and_out_schema_round_trips(spark_session, reference, tmp_path):
    """Parquet (id, text) in, Parquet records out: the declared schema comes back, and the records."""
    from pyspark.sql import functions as F

    from extract.spark import record_schema
    from extract.spark.job import spark

    docs = tmp_path / "docs.parquet"
    good = {rid: json.loads(line) for rid, line in reference.items() if "error" not in json.loads(line)}
    spark_session.createDataFrame([(rid, r["text"]) for rid, r in good.items()], "id string, text string") \
        .write.parquet(str(docs))
    out = tmp_path / "records.parquet"
    summary = spark([str(docs)], str(out), model=str(MODEL), format="parquet", partitions=2, session_=spark_session)
    assert summary.documents == len(good) and summary.failed == 0
    back = spark_session.read.parquet(str(out))
    assert back.schema == record_schema()
    got = {r["id"]: record_json(record_from_row(r)) for r in back.collect()}
    assert got == {rid: reference[rid] for rid in good}
    # typed rows back to JSONL lines in Spark (jsonl_lines): zhie extract's lines again
    from extract.spark.frame import jsonl_lines

    assert by_id(r["value"] for r in jsonl_lines(back).collect()) == {rid: reference[rid] for rid in good}
    # SQL over the typed columns: FIGURE units from the attrs JSON
    figs = (back.select("id", F.explode("entities").alias("e")).where("e.type = 'FIGURE'")
            .select(F.get_json_object("e.attrs", "$.unit").alias("unit")))
    assert figs.where("unit = '家'").count() > 0


@pytest.mark.spark
def test_rerun_modes_leave_one_record_per_id(spark_session, jsonl_run, corpus, reference):
    from extract.spark.job import spark

    out, _ = jsonl_run
    with pytest.raises(FileExistsError, match="holds a finished run: rerun with --mode overwrite"):
        spark([str(corpus)], str(out), model="rules", session_=spark_session)
    spark([str(corpus)], str(out), model=str(MODEL), mode="overwrite", partitions=2, session_=spark_session)
    assert by_id(read_jsonl_output(out)) == reference  # by_id fails on a second record for an id


@pytest.mark.spark
def test_interrupted_job_leaves_nothing_and_a_rerun_gives_no_duplicates(spark_session, tmp_path, reference):
    """Cancel a job once some of its tasks have committed; the rerun in overwrite mode gives one record per id."""
    from extract.spark.job import check_output, spark

    texts = {rid: json.loads(line)["text"] for rid, line in reference.items() if "error" not in json.loads(line)}
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as f:
        for k in range(COPIES):
            for rid, t in texts.items():
                f.write(json.dumps({"id": f"{rid}#{k}", "text": t}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    sc = spark_session.sparkContext
    failure = []

    def job():
        sc.setJobGroup("interrupt-me", "a job the test cancels", interruptOnCancel=True)
        try:
            spark([str(big)], str(out), model="rules", partitions=12, session_=spark_session)
        except Exception as e:  # the cancelled job raises in this thread
            failure.append(e)
        finally:
            sc.setLocalProperty("spark.jobGroup.id", None)

    t = threading.Thread(target=job)
    t.start()
    committed = []
    deadline = time.time() + 300
    while t.is_alive() and time.time() < deadline and not committed:
        committed = list(out.glob("_temporary/0/task_*"))
        time.sleep(0.02)
    sc.cancelJobGroup("interrupt-me")
    t.join(120)
    assert committed, "the test did not see a committed task before the job ended"
    assert failure, "the job finished before it could be cancelled"
    assert not list(out.glob("part-*")) and not (out / "_SUCCESS").exists()
    if out.exists():
        with pytest.raises(FileExistsError, match="unfinished"):
            check_output(spark_session, str(out), "error")
    spark([str(big)], str(out), model="rules", mode="overwrite", partitions=3, session_=spark_session)
    got = by_id(read_jsonl_output(out))  # fails on a duplicate id
    assert sorted(got) == sorted(f"{rid}#{k}" for rid in texts for k in range(COPIES))
    for rid, line in got.items():  # every copy of a text has the same record
        rec = json.loads(line)
        assert rec["text"] == texts[rid.split("#")[0]] and "error" not in rec
        assert rec["entities"] == json.loads(got[rid.split("#")[0] + "#0"])["entities"]


@pytest.mark.spark
def test_cli_spark_command(spark_session, corpus, reference, tmp_path, capsys):
    from extract.cli import main

    out = tmp_path / "cli"
    assert main(["spark", str(corpus), str(out), "--model", "rules", "--partitions", "2"]) == 1  # 4 failed
    err = capsys.readouterr().err
    assert f"zhie spark: {len(reference)} documents" in err and "4 failed" in err and "zhie spark: seeds:6: " in err
    assert sorted(by_id(read_jsonl_output(out))) == sorted(reference)
    assert main(["spark", str(corpus), str(out), "--model", "rules"]) == 2
    assert "holds a finished run: rerun with --mode overwrite" in capsys.readouterr().err
