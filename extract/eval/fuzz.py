"""Properties every entry point keeps on any input, and Atheris fuzz targets that check them.

Each ``check_*`` function takes plain Python values, runs one entry point and raises
``AssertionError`` when a property fails (any other exception escaping is a failure too):

- readers: ``decode_bytes`` returns text or raises ``InputError``; ``iter_jsonl`` gives one
  document per non-blank line, errors naming the file and line;
- normalization: same length as the text, idempotent;
- figure, date, rank and policy recognizers and the numeral parser: no exception, spans inside
  the text with ``text[start:end] == span.text``;
- tables: cells inside the table, the table inside the text, cell text equal to its slice;
- Label Studio and doccano importers: a record whose spans are valid, or ``FormatError``;
- the scorer: precision, recall and F1 in [0, 1], counts that add up;
- the pipeline: one record per input document, valid offsets, and ``to_dict`` round-trips
  through ``Document.from_dict``.

tests/test_fuzz.py drives these with Hypothesis. Atheris (``pip install -e ".[fuzz]"``) drives them
with coverage-guided byte strings::

    python -m extract.eval.fuzz TARGET [--seconds 300] [--corpus DIR]   # TARGET: one of TARGETS, or all
    python -m extract.eval.fuzz all --seconds 300 --summary evaluation/reliability/fuzz.json

A crash prints the input and writes it to ``crash-*`` in the current folder; add it to
tests/test_fuzz.py's regression cases when fixing it.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from typing import Callable, Dict, List


def _spans_ok(text: str, spans, what: str) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(text), f"{what}: span {s.start}:{s.end} outside a text of {len(text)}"
        assert text[s.start:s.end] == s.text, f"{what}: {s.text!r} != text[{s.start}:{s.end}]"


# ------------------------------------------------------------------------------------------- readers
def check_decode(data: bytes) -> None:
    from extract.io.readers import InputError, decode_bytes

    try:
        text = decode_bytes(data, "<fuzz>")
    except InputError as e:
        assert str(e).startswith("<fuzz>"), f"error does not name the input: {e}"
        return
    assert isinstance(text, str)


def check_jsonl(lines: List[bytes]) -> None:
    from extract.io.readers import iter_jsonl

    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n" for line in lines]
    docs = list(iter_jsonl(lines, "in.jsonl", "in"))
    expected = 0
    for raw in lines:
        try:
            blank = not raw.decode("utf-8-sig").strip()  # a BOM on any line is dropped (files joined with cat)
        except UnicodeDecodeError:
            blank = False
        expected += not blank
    assert len(docs) == expected, f"{len(docs)} documents from {expected} non-blank lines"
    for d in docs:
        assert isinstance(d.text, str) and isinstance(d.id, str)
        if d.error is not None:
            assert d.error.startswith(f"in.jsonl:{d.line}"), d.error
            assert d.to_document().error == d.error


# ------------------------------------------------------------------------------------- normalization
def check_normalize(text: str) -> None:
    from extract.textnorm import normalize

    norm, script = normalize(text)
    assert len(norm) == len(text), "normalization changed the length"
    assert script in ("simplified", "traditional", "none"), script
    assert normalize(norm)[0] == norm, "normalization is not idempotent"


# --------------------------------------------------------------------------------------- recognizers
@lru_cache(maxsize=1)
def _rules_pipeline():
    from extract.pipeline import load

    return load("rules")


def _prepared(text: str):
    from extract.doc import Document

    nlp = _rules_pipeline()
    doc = Document(text, id="fuzz")
    for name, comp in nlp.components:
        doc = comp(doc)
        if name == "segment":
            return doc
    return doc


def check_recognizers(text: str) -> None:
    from extract.stages.recognizers.dates import find_dates
    from extract.stages.recognizers.figures import find_figures
    from extract.stages.recognizers.numerals import parse_number
    from extract.stages.recognizers.policy import find_policies
    from extract.stages.recognizers.ranks import find_ranks

    doc = _prepared(text)
    for name, find in (("figures", find_figures), ("dates", find_dates), ("ranks", find_ranks),
                       ("policies", find_policies)):
        found = find(doc)
        assert isinstance(found, list), f"{name}: {type(found).__name__} instead of a list"
        _spans_ok(text, found, name)
        json.dumps([e.attrs for e in found], ensure_ascii=False, default=str)
    parse_number(text[:40])


def check_tables(text: str) -> None:
    from extract.stages.tables import find_tables

    for t in find_tables(text):
        assert 0 <= t.start <= t.end <= len(text), f"table {t.start}:{t.end} outside the text"
        for cell in [*t.header, *(c for row in t.rows for c in row)]:
            assert t.start <= cell.start <= cell.end <= t.end, f"cell {cell.start}:{cell.end} outside its table"
            assert text[cell.start:cell.end] == cell.text, f"cell {cell.text!r} != its slice"
    doc = _prepared(text)
    doc = _rules_pipeline().get_pipe("tables")(doc)
    for t in doc.tables:
        for row in t.rows:
            for cell in row:
                for s, e in cell.parts or []:
                    assert cell.start <= s <= e <= cell.end, "cell part outside its cell"


# ----------------------------------------------------------------------------------------- importers
def _record_ok(rec: dict) -> None:
    from extract.doc import Document
    from extract.io.formats import check_spans

    check_spans(rec)
    doc = Document.from_dict(rec)
    _spans_ok(doc.text, doc.entities, "imported entities")


def check_label_studio(task) -> None:
    from extract.io.formats import FormatError, label_studio_task_to_record

    try:
        rec = label_studio_task_to_record(task)
    except FormatError:
        return
    _record_ok(rec)


def check_doccano(obj) -> None:
    from extract.io.formats import FormatError, doccano_to_record

    try:
        rec = doccano_to_record(obj)
    except FormatError:
        return
    _record_ok(rec)


# -------------------------------------------------------------------------------------------- scorer
def check_scorer(gold: list, pred: list) -> None:
    from extract.eval.evaluate import score

    rep = score(gold, pred)
    m = rep["entities"]["micro"]
    for k in ("p", "r", "f1"):
        assert 0.0 <= m[k] <= 1.0, f"entities {k} = {m[k]}"
    n_gold = sum(len(d.get("entities", [])) if isinstance(d, dict) else len(d.entities) for d in gold)
    assert m["tp"] + m["fn"] <= n_gold, "more gold entities counted than given"
    json.dumps(rep)


# ------------------------------------------------------------------------------------------ pipeline
def check_pipeline(texts: List[str]) -> None:
    from extract.doc import Document

    nlp = _rules_pipeline()
    docs = list(nlp.pipe([(t, f"d{i}") for i, t in enumerate(texts)]))
    assert [d.id for d in docs] == [f"d{i}" for i in range(len(texts))], "not one record per input, in order"
    for d, t in zip(docs, texts):
        assert d.error is None, f"{d.id}: {d.error}"
        d.check_offsets()
        rec = d.to_dict()
        assert rec["text"] == t
        assert Document.from_dict(rec).to_dict() == rec, "to_dict does not round-trip through from_dict"


# ------------------------------------------------------------------------------------------- atheris
def _text(fdp, n: int = 2000) -> str:
    return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, n)) if fdp.ConsumeBool() \
        else fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, n))


def _json_obj(fdp):
    try:
        return json.loads(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 4000)))
    except ValueError:
        return None


def _ls_task(fdp):
    text = _text(fdp, 200)
    results = []
    for i in range(fdp.ConsumeIntInRange(0, 6)):
        s = fdp.ConsumeIntInRange(-2, len(text) + 2)
        e = fdp.ConsumeIntInRange(-2, len(text) + 2)
        results.append({"id": f"r{i}", "from_name": "label", "to_name": "text", "type": "labels",
                        "value": {"start": s, "end": e, "text": text[max(0, s):max(0, e)] if fdp.ConsumeBool() else _text(fdp, 8),
                                  "labels": [fdp.PickValueInList(["COMPANY", "ORG", "LOC", "FIGURE", "X", ""])]}})
    return {"data": {"text": text}, "annotations": [{"result": results}]} if fdp.ConsumeBool() else _json_obj(fdp)


def _doccano(fdp):
    text = _text(fdp, 200)
    labels = [[fdp.ConsumeIntInRange(-2, len(text) + 2), fdp.ConsumeIntInRange(-2, len(text) + 2),
               fdp.PickValueInList(["COMPANY", "ORG", "LOC", "DATE", "X"])] for _ in range(fdp.ConsumeIntInRange(0, 6))]
    return {"text": text, "label": labels} if fdp.ConsumeBool() else _json_obj(fdp)


def _docs(fdp, text):
    out = []
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        s = fdp.ConsumeIntInRange(0, len(text))
        e = fdp.ConsumeIntInRange(s, len(text))
        if s < e:
            out.append({"id": f"E{len(out) + 1}", "type": fdp.PickValueInList(["COMPANY", "ORG", "LOC", "DATE"]),
                        "start": s, "end": e, "text": text[s:e], "attrs": {}})
    return out


def _scorer_args(fdp):
    text = _text(fdp, 100)
    gold = [{"id": "a", "text": text, "entities": _docs(fdp, text), "relations": [], "events": [], "facts": []}]
    pred = [{"id": "a", "text": text, "entities": _docs(fdp, text), "relations": [], "events": [], "facts": []}]
    return gold, pred


TARGETS: Dict[str, Callable] = {
    "decode": lambda fdp: check_decode(fdp.ConsumeBytes(fdp.remaining_bytes())),
    "jsonl": lambda fdp: check_jsonl([fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 300))
                                      for _ in range(fdp.ConsumeIntInRange(0, 8))]),
    "normalize": lambda fdp: check_normalize(_text(fdp)),
    "recognizers": lambda fdp: check_recognizers(_text(fdp)),
    "tables": lambda fdp: check_tables(_text(fdp)),
    "label_studio": lambda fdp: check_label_studio(_ls_task(fdp)),
    "doccano": lambda fdp: check_doccano(_doccano(fdp)),
    "scorer": lambda fdp: check_scorer(*_scorer_args(fdp)),
    "pipeline": lambda fdp: check_pipeline([_text(fdp, 600) for _ in range(fdp.ConsumeIntInRange(1, 3))]),
}


def _warm_up(target) -> None:
    class Fixed:  # a few inputs through the target so its lazy imports happen before instrumenting
        def __init__(self, data):
            self.data, self.i = data, 0

        def remaining_bytes(self):
            return len(self.data) - self.i

        def ConsumeBytes(self, n):
            out = self.data[self.i:self.i + n]
            self.i += len(out)
            return out

        def ConsumeIntInRange(self, lo, hi):
            b = self.ConsumeBytes(2)
            return lo + (int.from_bytes(b, "little") % (hi - lo + 1) if b else 0)

        def ConsumeBool(self):
            return bool(self.ConsumeIntInRange(0, 1))

        def ConsumeUnicode(self, n):
            return self.ConsumeBytes(n).decode("utf-8", "replace")

        ConsumeUnicodeNoSurrogates = ConsumeUnicode

        def PickValueInList(self, values):
            return values[self.ConsumeIntInRange(0, len(values) - 1)]

    for data in (b"", "上海1026家企业，位居全国第一。\n|a|b|\n|---|---|".encode() * 3):
        try:
            target(Fixed(data))
        except Exception:
            pass


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m extract.eval.fuzz", description="Atheris fuzzing of one target")
    ap.add_argument("target", choices=sorted(TARGETS) + ["all"])
    ap.add_argument("--seconds", type=int, default=300, help="time budget per target")
    ap.add_argument("--corpus", default=None, help="folder of seed inputs (and where new ones are kept)")
    ap.add_argument("--summary", default=None, help="all: write runs and crashes per target to this JSON file")
    args, rest = ap.parse_known_args(argv)
    if args.target == "all":  # each target in its own process: Atheris runs one target per process
        import re
        import subprocess

        rc, rows = 0, []
        for name in sorted(TARGETS):
            print(f"[fuzz] {name}: {args.seconds} s", file=sys.stderr, flush=True)
            p = subprocess.run([sys.executable, "-m", "extract.eval.fuzz", name, "--seconds", str(args.seconds)]
                               + (["--corpus", args.corpus] if args.corpus else []), capture_output=True, text=True)
            sys.stderr.write(p.stderr[-3000:])
            done = re.search(r"Done (\d+) runs in (\d+) second", p.stderr)
            rows.append({"target": name, "seconds": int(done.group(2)) if done else None,
                         "runs": int(done.group(1)) if done else 0, "crashes": 0 if p.returncode == 0 else 1,
                         "rc": p.returncode})
            rc |= p.returncode
        if args.summary:
            with open(args.summary, "w", encoding="utf-8") as f:
                json.dump({"command": f"python -m extract.eval.fuzz all --seconds {args.seconds}", "targets": rows},
                          f, indent=1)
        return rc
    try:
        import atheris
    except ImportError:
        print('Atheris is not installed: python -m pip install -e ".[fuzz]"', file=sys.stderr)
        return 2
    target = TARGETS[args.target]
    with atheris.instrument_imports(include=["extract"]):  # coverage of the package's modules only
        _rules_pipeline()  # load once, outside the timed inputs
        _warm_up(target)  # import everything the target reaches

    def one(data: bytes) -> None:
        target(atheris.FuzzedDataProvider(data))

    libfuzzer = [sys.argv[0], f"-max_total_time={args.seconds}", "-rss_limit_mb=4096", "-timeout=60", *rest]
    if args.corpus:
        libfuzzer.append(args.corpus)
    atheris.Setup(libfuzzer, one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
