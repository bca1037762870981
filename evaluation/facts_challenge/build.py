"""Rebuild the METRIC/RANKING facts challenge set (SCHEMA §1 records) from the public corpora.

A thin wrapper around ``evaluation/events/build.py`` (imported, not copied):
``facts_challenge.jsonl`` holds annotations only — each line names a sentence of
MSRA test or People's Daily dev/test (``corpus``, ``split``, ``index``), the sha1
of its text and the SCHEMA record without ``text``. This module adds the People's
Daily files to the events builder's corpus reader, restricts the set to the
held-out splits, and checks on top of the events builder's checks (sha1, span
texts, ``extract.io.annotations.validate_record``) that

* every fact's metric span has ``text[start:end] == metric.text``,
* a ``positive`` line has at least one fact and a ``negative`` line none.

Usage::

    python evaluation/facts_challenge/build.py                      # check, print counts
    python evaluation/facts_challenge/build.py --out /tmp/fc.jsonl  # also write the full records
    python evaluation/facts_challenge/build.py --check-msra-train   # also: no sentence occurs in MSRA train

``index`` is the 0-based number of a sentence among the non-empty blank-line-separated
sentences of the CoNLL-style file, as read by :func:`extract.learn.ner.data.read_conll`.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO_ROOT))


def _load_events_build():
    spec = importlib.util.spec_from_file_location("zhie_events_challenge_build",
                                                  REPO_ROOT / "evaluation" / "events" / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


events_build = _load_events_build()
ChallengeError = events_build.ChallengeError
corpora_dir = events_build.corpora_dir
sha1 = events_build.sha1
read_annotations = events_build.read_annotations
META_KEYS = events_build.META_KEYS

ANNOTATIONS = HERE / "facts_challenge.jsonl"

# Only held-out splits: MSRA test (never trained on) and People's Daily dev/test
# (the default NER model never saw these files; sentences also found in MSRA train
# were not chosen, see --check-msra-train). CLUENER dev and DuEE are never used.
SOURCES = {
    "msra": {"test": ("msra_ner/msra_test_bio.txt", {"sep": "\t"})},
    "peoples_daily": {"dev": ("peoples_daily_ner/example.dev", {}),
                      "test": ("peoples_daily_ner/example.test", {})},
}
MSRA_TRAIN = ("msra_ner/msra_train_bio.txt", {"sep": "\t"})


class FactsCorpusReader(events_build.CorpusReader):
    """The events builder's reader, limited to this set's corpora (adds People's Daily)."""

    def text(self, corpus: str, split: str, index: int) -> str:
        if corpus not in SOURCES:
            raise ChallengeError(f"corpus {corpus!r} is not allowed in this set; allowed: {sorted(SOURCES)}")
        if split not in SOURCES[corpus]:
            raise ChallengeError(f"{corpus} split {split!r} is not allowed in this set; "
                                 f"allowed: {sorted(SOURCES[corpus])}")
        rel, kwargs = SOURCES[corpus][split]
        texts = self._file_texts(rel, kwargs)
        if not (isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(texts)):
            raise ChallengeError(f"{rel} has {len(texts)} sentences; index {index!r} is out of range")
        return texts[index]

    def msra_train_texts(self) -> set:
        return set(self._file_texts(*MSRA_TRAIN))


def build_record(line: dict, reader: FactsCorpusReader) -> dict:
    """One annotation line -> the full SCHEMA record (raises :class:`ChallengeError`)."""
    rec = events_build.build_record(line, reader)  # sha1, entity spans, validate_record
    text = rec["text"]
    for f in rec["facts"]:
        m = f.get("metric") or {}
        s, e = m.get("start"), m.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)) or text[s:e] != m.get("text"):
            raise ChallengeError(f"fact {f.get('id')}: metric span {s!r}:{e!r} does not give {m.get('text')!r}")
    kind = line.get("kind")
    if kind not in ("positive", "negative"):
        raise ChallengeError(f"kind must be 'positive' or 'negative', got {kind!r}")
    if (kind == "positive") != bool(rec["facts"]):
        raise ChallengeError(f"a {kind} line must have {'some' if kind == 'positive' else 'no'} facts")
    return rec


def build(annotations=ANNOTATIONS, corpora=None, with_meta: bool = False,
          check_msra_train: bool = False) -> List[dict]:
    """All records of the set, checked. ``with_meta`` keeps corpus/split/index/kind/note."""
    reader = FactsCorpusReader(corpora)
    out, seen = [], set()
    train = reader.msra_train_texts() if check_msra_train else None
    for n, line in enumerate(read_annotations(annotations), 1):
        where = f"{annotations}:{n} ({line.get('id')})"
        if line.get("id") in seen:
            raise ChallengeError(f"{where}: duplicate id")
        seen.add(line.get("id"))
        try:
            rec = build_record(line, reader)
        except (ChallengeError, KeyError) as exc:
            raise ChallengeError(f"{where}: {exc}") from None
        if train is not None and rec["text"] in train:
            raise ChallengeError(f"{where}: the sentence also occurs in MSRA train (not held out)")
        if with_meta:
            rec["meta"] = {k: line[k] for k in META_KEYS if k in line}
        out.append(rec)
    return out


def counts(records: List[dict]) -> dict:
    """Sentences, facts and entities (records built ``with_meta``)."""
    kinds = Counter(r["meta"].get("kind") for r in records)
    splits = Counter(f"{r['meta']['corpus']}/{r['meta']['split']}:{r['meta'].get('kind')}" for r in records)
    facts = Counter(f["type"] for r in records for f in r["facts"])
    ents = Counter(e["type"] for r in records for e in r["entities"])
    return {"sentences": len(records), "kinds": dict(kinds), "by_split": dict(sorted(splits.items())),
            "facts": dict(sorted(facts.items())),
            "facts_with_null_subject": sum(1 for r in records for f in r["facts"] if f["subject"] is None),
            "facts_with_position": sum(1 for r in records for f in r["facts"] if f.get("position") is not None),
            "facts_with_date": sum(1 for r in records for f in r["facts"] if f.get("date")),
            "entities": dict(sorted(ents.items())), "entities_total": sum(ents.values()),
            "figures_or_ranks_without_fact": sum(
                1 for r in records for e in r["entities"] if e["type"] in ("FIGURE", "RANK")
                and e["id"] not in {f["value"] for f in r["facts"]})}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--annotations", default=str(ANNOTATIONS))
    ap.add_argument("--corpora", default=None, help="public corpora folder (default: $ZHIE_CORPORA or ../shared/corpora)")
    ap.add_argument("--out", default=None, help="write the full SCHEMA records here (.jsonl)")
    ap.add_argument("--check-msra-train", action="store_true",
                    help="also refuse sentences that occur in MSRA train (reads the 14 MB file)")
    args = ap.parse_args(argv)
    records = build(args.annotations, args.corpora, with_meta=True, check_msra_train=args.check_msra_train)
    if args.out:
        events_build.write_records(records, args.out)
    print(json.dumps(counts(records), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
