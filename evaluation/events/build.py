"""Rebuild the FUNDING challenge set (SCHEMA §1 records) from the public corpora.

``funding_challenge.jsonl`` holds annotations only: each line names a sentence of
a public NER corpus (``corpus``, ``split``, ``index``), the sha1 of its text, and
the SCHEMA record without ``text``. The corpora's terms are unclear, so no corpus
text is stored in the repository; this module reads it back from
``../shared/corpora`` (or ``$ZHIE_CORPORA``) and checks that

* the sentence's sha1 equals the stored one (the right sentence of the right file),
* a CLUENER sentence's split agrees with ``evaluation/ner/cluener_holdout.json``,
* every span (entities, triggers, span arguments) has ``text[start:end] == text``,
* the record passes ``extract.io.annotations.validate_record`` (shape, references, attrs).

Usage::

    python evaluation/events/build.py                      # check, print counts
    python evaluation/events/build.py --out /tmp/fc.jsonl  # also write the full records

    from evaluation.events.build import build               # or import by path
    records = build()                                       # list of SCHEMA dicts

``index`` is the 0-based line number of CLUENER ``train.json`` (the numbering of
``cluener_holdout.json``) or the 0-based number of a sentence among the
non-empty blank-line-separated sentences of a CoNLL-style file (MSRA, Resume,
Weibo), as read by :func:`extract.learn.ner.data.read_conll`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO_ROOT))

ANNOTATIONS = HERE / "funding_challenge.jsonl"
HOLDOUT_SPEC = REPO_ROOT / "evaluation" / "ner" / "cluener_holdout.json"
SCHEMA_KEYS = ("entities", "relations", "events", "facts")
# Fields of an annotation line that are not part of the SCHEMA record.
META_KEYS = ("corpus", "split", "index", "sha1", "kind", "note")

# corpus -> split -> (file under the corpora folder, reader arguments)
SOURCES = {
    "cluener": {s: ("cluener2020/train.json", None) for s in ("train", "dev", "holdout")},
    "msra": {"train": ("msra_ner/msra_train_bio.txt", {"sep": "\t"}),
             "test": ("msra_ner/msra_test_bio.txt", {"sep": "\t"})},
    "resume": {s: (f"resume_ner/{s}.char.bmes", {"scheme": "bmes"}) for s in ("train", "dev", "test")},
    "weibo": {s: (f"weibo_ner/weiboNER_2nd_conll.{s}", {"sep": "\t", "strip_digit": True})
              for s in ("train", "dev", "test")},
}


class ChallengeError(ValueError):
    """An annotation line that does not fit the corpora (wrong sentence, bad offset, bad record)."""


def corpora_dir(path=None) -> Path:
    """The public corpora folder: ``path``, else ``$ZHIE_CORPORA``, else ``../shared/corpora``."""
    if path is not None:
        return Path(path)
    env = os.environ.get("ZHIE_CORPORA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "corpora"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CorpusReader:
    """Sentence texts by (corpus, split, index); each file is read once."""

    def __init__(self, root=None):
        self.root = corpora_dir(root)
        self._texts: Dict[str, List[str]] = {}
        self._cluener_split: Optional[Dict[int, str]] = None

    def _file_texts(self, rel: str, kwargs: Optional[dict]) -> List[str]:
        if rel not in self._texts:
            from extract.learn.ner.data import read_cluener, read_conll
            path = self.root / rel
            if not path.is_file():
                raise FileNotFoundError(f"corpus file {path} not found; set ZHIE_CORPORA or pass --corpora")
            examples = read_cluener(path) if kwargs is None else read_conll(path, **kwargs)
            self._texts[rel] = [text for text, _ in examples]
        return self._texts[rel]

    def cluener_split_of(self, index: int) -> str:
        if self._cluener_split is None:
            with open(HOLDOUT_SPEC, encoding="utf-8") as f:
                spec = json.load(f)
            self._cluener_split = {i: "holdout" for i in spec["holdout"]}
            self._cluener_split.update({i: "dev" for i in spec["dev"]})
        return self._cluener_split.get(index, "train")

    def text(self, corpus: str, split: str, index: int) -> str:
        if corpus not in SOURCES:
            raise ChallengeError(f"unknown corpus {corpus!r}; known: {sorted(SOURCES)}")
        if split not in SOURCES[corpus]:
            raise ChallengeError(f"{corpus} has splits {sorted(SOURCES[corpus])}, not {split!r}")
        rel, kwargs = SOURCES[corpus][split]
        texts = self._file_texts(rel, kwargs)
        if not (isinstance(index, int) and 0 <= index < len(texts)):
            raise ChallengeError(f"{rel} has {len(texts)} sentences; index {index!r} is out of range")
        if corpus == "cluener" and self.cluener_split_of(index) != split:
            raise ChallengeError(f"CLUENER line {index} is in split {self.cluener_split_of(index)!r} "
                                 f"of {HOLDOUT_SPEC.name}, not {split!r}")
        return texts[index]


def _check_spans(rec: dict) -> None:
    text = rec["text"]

    def check(span: dict, what: str) -> None:
        s, e = span.get("start"), span.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            raise ChallengeError(f"{what}: bad offsets {s!r}:{e!r} for a text of {len(text)} characters")
        if text[s:e] != span.get("text"):
            raise ChallengeError(f"{what}: text[{s}:{e}] is {text[s:e]!r}, the annotation says {span.get('text')!r}")

    for ent in rec["entities"]:
        check(ent, f"entity {ent.get('id')}")
    for ev in rec["events"]:
        check(ev["trigger"], f"event {ev.get('id')} trigger")
        for arg in ev.get("arguments", []):
            if "ref" not in arg:
                check(arg, f"event {ev.get('id')} {arg.get('role')} argument")


def build_record(line: dict, reader: CorpusReader) -> dict:
    """One annotation line -> the full SCHEMA record (raises :class:`ChallengeError`)."""
    text = reader.text(line["corpus"], line["split"], line["index"])
    if sha1(text) != line["sha1"]:
        raise ChallengeError(f"{line['corpus']} {line['split']} #{line['index']}: sha1 {sha1(text)} "
                             f"differs from the stored {line['sha1']}; the corpus file changed or the index is wrong")
    rec = {"id": line["id"], "text": text}
    rec.update({k: line.get(k, []) for k in SCHEMA_KEYS})
    _check_spans(rec)
    from extract.io.annotations import validate_record
    problems = [p for p in validate_record(rec) if getattr(p, "severity", "error") == "error"]
    if problems:
        raise ChallengeError("; ".join(str(p) for p in problems))
    return rec


def read_annotations(path=ANNOTATIONS) -> List[dict]:
    lines = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                lines.append(json.loads(raw))
            except json.JSONDecodeError as exc:
                raise ChallengeError(f"{path}:{lineno}: malformed JSON ({exc})") from None
            if "text" in lines[-1]:
                raise ChallengeError(f"{path}:{lineno}: annotation lines must not carry the corpus text")
    return lines


def build(annotations=ANNOTATIONS, corpora=None, with_meta: bool = False) -> List[dict]:
    """All records of the challenge set, checked. ``with_meta`` keeps corpus/split/index/kind/note."""
    reader = CorpusReader(corpora)
    out, seen = [], set()
    for n, line in enumerate(read_annotations(annotations), 1):
        where = f"{annotations}:{n} ({line.get('id')})"
        if line.get("id") in seen:
            raise ChallengeError(f"{where}: duplicate id")
        seen.add(line.get("id"))
        try:
            rec = build_record(line, reader)
        except (ChallengeError, KeyError) as exc:
            raise ChallengeError(f"{where}: {exc}") from None
        if with_meta:
            rec["meta"] = {k: line[k] for k in META_KEYS if k in line}
        out.append(rec)
    return out


def predict_and_score(name: str, records: List[dict]) -> tuple:
    """Run model ``name`` ("default", "rules" or a folder) on rebuilt ``records`` (one torch thread) and
    score the predictions; ``(pipeline, predicted records, scorer report, {"load": s, "run": s})``."""
    import time

    import torch
    torch.set_num_threads(1)
    from extract import load
    from extract.eval.evaluate import score
    t0 = time.time()
    nlp = load(None if name == "default" else name)
    load_s = time.time() - t0
    t0 = time.time()
    preds = [nlp(r["text"], id=r["id"]).to_dict() for r in records]
    run_s = time.time() - t0
    gold = [{k: v for k, v in r.items() if k != "meta"} for r in records]
    return nlp, preds, score(gold, preds), {"load": round(load_s, 1), "run": round(run_s, 1)}


def score_models(models: List[str], records: List[dict], run_model, fmt) -> dict:
    """``run_model(name, records)`` for each model, printing ``fmt(result)``; a model that cannot run is
    recorded with its error and the others still run."""
    results = {}
    for m in models:
        try:
            results[m] = run_model(m, records)
        except Exception as exc:  # report a model that cannot load, keep the others
            results[m] = {"model": m, "error": f"{type(exc).__name__}: {exc}"}
            print(f"== {m}: could not run: {results[m]['error']}")
            continue
        print(fmt(results[m]))
    return results


def write_results(path: str, script: str, annotations: str, default_annotations, models: List[str],
                  results: dict, **extra) -> None:
    """The results JSON of a challenge scorer, with the command that reproduces it."""
    ann = "" if Path(annotations).resolve() == Path(default_annotations).resolve() else f" --annotations {annotations}"
    out = {"command": f"nice python {script}" + ann + " " + " ".join(f"--model {m}" for m in models)
                      + f" --json {path}",
           "annotations": Path(annotations).name, **extra, "results": results}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write_records(records: List[dict], path: str) -> None:
    """The rebuilt SCHEMA records as JSONL (without the builder's ``meta``)."""
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if k != "meta"}, ensure_ascii=False) + "\n")


def counts(records: List[dict]) -> dict:
    """Sentences and events per kind and per corpus split (records built ``with_meta``)."""
    from collections import Counter
    kinds = Counter(r["meta"].get("kind") for r in records)
    splits = Counter(f"{r['meta']['corpus']}/{r['meta']['split']}:{r['meta'].get('kind')}" for r in records)
    roles = Counter(a["role"] for r in records for ev in r["events"] for a in ev["arguments"])
    return {"sentences": len(records), "kinds": dict(kinds), "by_split": dict(sorted(splits.items())),
            "events": sum(len(r["events"]) for r in records), "arguments": dict(sorted(roles.items()))}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--annotations", default=str(ANNOTATIONS))
    ap.add_argument("--corpora", default=None, help="public corpora folder (default: $ZHIE_CORPORA or ../shared/corpora)")
    ap.add_argument("--out", default=None, help="write the full SCHEMA records here (.jsonl)")
    args = ap.parse_args(argv)
    records = build(args.annotations, args.corpora, with_meta=True)
    if args.out:
        write_records(records, args.out)
    print(json.dumps(counts(records), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
