"""Train the prose relation classifier (:mod:`extract.stages.relations.classifier`) on a gold corpus.

    python -m extract.learn.relations annotations/news/train.jsonl -o models/default/relations.json

The classifier is trained on the entities the pipeline itself finds (the model folder's components
up to, not including, ``relations``), so that it learns the candidates it will see at run time: a
candidate is positive when its head and tail spans match a gold relation of that type. With
``--also-gold`` the gold entities' own candidates are added (more positives, a different
distribution). Only the annotated documents given are read: train on a training split, never on
the split you report.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import List, Optional, Sequence

from extract.doc import Document
from extract.io.readers import read_jsonl
from extract.learn import missing_files, named_thresholds, pipe_predicted
from extract.stages.relations.classifier import SPECS, RelationClassifier

__all__ = ["train_relations", "main"]

STOP_AT = ("relations", "events", "facts")
# DuIE 2.0 predicates that are a relation of SCHEMA §4, with the subject types they keep (issue 13: "the DuIE pairs that
# map, e.g. 总部地点"): a company's headquarters is its located_in place
DUIE_MAP = {"总部地点": ("located_in", ("企业", "机构"))}


def duie_records(data_dir=None) -> List[dict]:
    """The DuIE 2.0 sentences prepared by ``evaluation/data/prepare.py`` (``relations/duie.jsonl``, already passed
    through the hold-out guard) that state a :data:`DUIE_MAP` predicate, as partial gold records: the subject
    (COMPANY) and object (LOC) at their first occurrence and the relation between them, with
    ``annotated_relations`` naming the only relation types the record annotates (the sentence's other candidate
    pairs of those types are negatives; pairs of other types are not read)."""
    from extract.learn.events import ZHIE_DATA

    path = (data_dir or ZHIE_DATA) / "relations" / "duie.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"No DuIE data at {path}: run `python evaluation/data/prepare.py` (it fetches nothing; it "
                                "reads the repositories it lists) or point ZHIE_DATA at its output folder")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        rec = json.loads(line)
        text, ents, rels = rec["text"], [], []
        for spo in rec.get("spo_list", []):
            rel, subject_types = DUIE_MAP.get(spo["predicate"], (None, ()))
            obj = spo["object"].get("@value") if isinstance(spo["object"], dict) else spo["object"]
            if rel is None or spo.get("subject_type") not in subject_types or not obj:
                continue
            hs, ts = text.find(spo["subject"]), text.find(obj)
            if hs < 0 or ts < 0 or hs < ts + len(obj) and ts < hs + len(spo["subject"]):
                continue
            h = {"id": f"T{len(ents) + 1}", "type": "COMPANY", "start": hs, "end": hs + len(spo["subject"]),
                 "text": spo["subject"]}
            t = {"id": f"T{len(ents) + 2}", "type": "LOC", "start": ts, "end": ts + len(obj), "text": obj}
            ents += [h, t]
            rels.append({"type": rel, "head": h["id"], "tail": t["id"]})
        if rels:
            out.append({"id": f"duie-{i}", "text": text, "entities": ents, "relations": rels,
                        "annotated_relations": sorted({r["type"] for r in rels})})
    return out


def _gold_keys(rec: dict) -> set:
    ents = {e["id"]: (e["start"], e["end"]) for e in rec.get("entities", [])}
    return {(r["type"], ents[r["head"]], ents[r["tail"]]) for r in rec.get("relations", [])
            if r["head"] in ents and r["tail"] in ents}


def train_relations(gold_paths: Sequence, model=None, relations: Optional[Sequence[str]] = None,
                    also_gold: bool = False, threshold: float = 0.5, epochs: int = 200, l2: float = 1e-3,
                    log=print, lists: bool = False, extra: bool = False,
                    thresholds: Optional[dict] = None, duie: bool = False) -> RelationClassifier:
    """A classifier for ``relations`` (default: every type of ``SPECS``) trained on ``gold_paths`` (and, with
    ``duie``, on the DuIE sentences of :func:`duie_records`, for the relation types they annotate only)."""
    specs = {k: v for k, v in SPECS.items() if relations is None or k in relations}
    unknown = set(relations or ()) - set(SPECS)
    if unknown:
        raise ValueError(f"Unknown relation types {sorted(unknown)}; known: {sorted(SPECS)}")
    recs: List[dict] = []
    for p in gold_paths:
        recs += read_jsonl(p)
    if duie:
        extra_recs = duie_records()
        log(f"[relations] DuIE: {len(extra_recs)} sentences with a mapped predicate")
        recs += extra_recs
    t0 = time.time()
    docs = pipe_predicted(model, [(r["text"], r.get("id")) for r in recs], exclude=STOP_AT)
    gold = [_gold_keys(r) for r in recs]
    log(f"[relations] {len(docs)} documents run through {model or 'the default model'} in {time.time() - t0:.0f}s")
    train_docs, train_gold = list(docs), list(gold)
    annotated = [set(r["annotated_relations"]) if "annotated_relations" in r else None for r in recs]
    if also_gold:
        gdocs = [Document.from_dict(r) for r in recs]
        train_docs += gdocs
        train_gold += [_gold_keys(r) for r in recs]
        annotated += annotated
    clf = RelationClassifier(specs=specs, threshold=threshold, lists=lists, extra=extra, thresholds=thresholds)
    from extract.stages.relations.classifier import training_examples, fit
    ex = training_examples(train_docs, specs, train_gold, lists, extra, annotated=annotated)
    pos = sum(1 for _, y in ex if y)
    reach = sum(len(g) for g in gold)
    log(f"[relations] {len(ex)} candidates, {pos} positive ({reach} gold relations in the documents)")
    clf.model = fit(ex, epochs=epochs, l2=l2)
    return clf


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.relations", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL (SCHEMA.md) to train on")
    ap.add_argument("-o", "--output", required=True, help="where to write the classifier (JSON)")
    ap.add_argument("--model", default=None, help="model folder whose entities the classifier learns on "
                    "(default: the shipped default model)")
    ap.add_argument("--relations", nargs="*", default=None, help=f"relation types (default: {sorted(SPECS)})")
    ap.add_argument("--also-gold", action="store_true", help="also train on the gold entities' candidates")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--type-threshold", action="append", default=[], metavar="TYPE=T",
                    help="a threshold for one relation type over --threshold (repeatable: in_industry=0.35)")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--lists", action="store_true", help="also read the gap between the pair's coordinated lists "
                    "(X、Y、Z…布局AI: every member as the nearest one); the file records it")
    ap.add_argument("--duie", action="store_true", help="also train on the prepared DuIE 2.0 sentences whose "
                    "predicate maps to a relation type (总部地点 → located_in), for that type only")
    ap.add_argument("--extra", action="store_true", help="also read the lexical features of "
                    "extract.stages.relations.classifier._extra_keys (the tail's text, the gap's characters …); "
                    "the file records it")
    args = ap.parse_args(argv)
    thresholds = named_thresholds(ap, "--type-threshold", args.type_threshold, "TYPE", "in_industry=0.35")
    if missing_files(args.gold):
        return 2
    clf = train_relations(args.gold, args.model, args.relations, args.also_gold, args.threshold, l2=args.l2,
                          log=lambda m: print(m, file=sys.stderr), lists=args.lists, extra=args.extra,
                          thresholds=thresholds, duie=args.duie)
    clf.save(args.output)
    print(json.dumps({"output": args.output, "relations": sorted(clf.specs), "weights": len(clf.model["w"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
