"""Train the learned FUNDING extractor (:mod:`extract.stages.events.learned`).

    python -m extract.learn.events annotations/news/train.jsonl --duee -o models/default/events.json

Training documents are run through the model folder's components up to, not including,
``relations`` (the entities the extractor will see at run time). Every trigger-word candidate is
a trigger example (positive when it overlaps a gold FUNDING trigger); every argument candidate of
a positive trigger is a role example for each role its type allows (positive when its simplified
text is a gold argument of that role in that event: the event scorer's match).

``--duee`` adds the DuEE 1.0 train records prepared by ``evaluation/data/prepare.py``
(``events/duee_train.jsonl``): the 财经/交易-融资 events of the training part of
``events/duee_split.json`` (the held-out 20 % and any record sharing their text are never read)
and, as negative triggers, the other records whose text holds a trigger word (DuEE labels the
event types of each sentence, so a trigger word there outside a funding event is not one).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

from extract.doc import Document
from extract.eval.evaluate import simplify
from extract.io.readers import read_jsonl
from extract.learn import missing_files, pipe_predicted
from extract.stages.events.learned import (DIM, ROLES_BY_KIND, FundingModel, _index, arg_candidates, arg_features,
                                           prepare_data, rule_decisions, trigger_candidates, trigger_features)
from extract.stages.events.rules import _load

__all__ = ["train_events", "duee_examples", "news_examples", "main"]

ZHIE_DATA = Path(os.environ.get("ZHIE_DATA", Path.home() / ".cache" / "zhie" / "data"))
FUNDING = "财经/交易-融资"
DUEE_ROLES = {"融资方": "company", "领投方": "lead_investor", "跟投方": "investor", "投资方": "investor",
              "融资金额": "amount", "融资轮次": "round", "时间": "date"}
STOP_AT = ("relations", "events", "facts")

# one gold event: (trigger (start, end), {role: {simplified texts}})
GoldEvent = Tuple[Tuple[int, int], dict]


def news_examples(paths: Sequence) -> List[Tuple[str, str, List[GoldEvent]]]:
    """``(id, text, gold events)`` of ZhIE gold JSONL files."""
    out = []
    for p in paths:
        for r in read_jsonl(p):
            ents = {e["id"]: e for e in r.get("entities", [])}
            evs = []
            for ev in r.get("events", []):
                if ev.get("type") != "FUNDING":
                    continue
                args: dict = {}
                for a in ev.get("arguments", []):
                    t = ents[a["ref"]]["text"] if "ref" in a and a["ref"] in ents else a.get("text")
                    if t:
                        args.setdefault(a["role"], set()).add(simplify(t))
                tr = ev["trigger"]
                evs.append(((tr["start"], tr["end"]), args))
            out.append((r.get("id"), r["text"], evs))
    return out


def duee_split(data_dir: Path = ZHIE_DATA) -> Tuple[set, set]:
    with open(data_dir / "events" / "duee_split.json", encoding="utf-8") as f:
        split = json.load(f)
    return set(split["train_ids"]), set(split["heldout_ids"])


def duee_records(data_dir: Path = ZHIE_DATA) -> List[dict]:
    path = data_dir / "events" / "duee_train.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `python evaluation/data/prepare.py` (after fetching the "
                                "repositories it lists) or point ZHIE_DATA at its output folder")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def duee_gold(rec: dict) -> List[GoldEvent]:
    evs = []
    for ev in rec.get("event_list", []):
        if ev.get("event_type") != FUNDING:
            continue
        s = int(ev["trigger_start_index"])
        args: dict = {}
        for a in ev.get("arguments", []):
            role = DUEE_ROLES.get(a["role"])
            if role:
                args.setdefault(role, set()).add(simplify(a["argument"]))
        evs.append(((s, s + len(ev["trigger"])), args))
    return evs


def duee_examples(data: dict, data_dir: Path = ZHIE_DATA, part: str = "train") -> List[Tuple[str, str, List[GoldEvent]]]:
    """DuEE records for training (``part="train"``: funding records of the training part, and the other
    records holding a trigger word) or evaluation (``part="heldout"``: the held-out funding records)."""
    train_ids, held_ids = duee_split(data_dir)
    recs = duee_records(data_dir)
    held_texts = {r["text"] for r in recs if r["id"] in held_ids}
    out = []
    for r in recs:
        gold = duee_gold(r)
        if part == "heldout":
            if r["id"] in held_ids:
                out.append((r["id"], r["text"], gold))
            continue
        if r["id"] in held_ids or r["text"] in held_texts:
            continue
        if gold and r["id"] not in train_ids:
            continue
        if gold or data["_trigger_re"].search(r["text"]) or data["_extra_trigger_re"].search(r["text"]):
            out.append((r["id"], r["text"], gold))
    return out


def featurize(docs: Iterable[Document], golds: Iterable[List[GoldEvent]], data: dict):
    """Trigger and role examples ``(feature ids, label)`` of documents with predicted entities."""
    trig, role = [], []
    for doc, gold in zip(docs, golds):
        rule_trig, rule_roles = rule_decisions(doc, data)
        index = _index(doc)
        for ts, te, word in trigger_candidates(doc, data, index):
            match = next((g for (gs, ge), g in gold if gs < te and ts < ge), None)
            trig.append((trigger_features(doc, data, ts, te, word, rule_trig, index), 1.0 if match is not None else 0.0))
            if match is None:
                continue
            cands = arg_candidates(doc, data, ts, te, index)
            rr = rule_roles.get((ts, te), {})
            for x in cands:
                t = simplify(x.text)
                for r in ROLES_BY_KIND[x.kind]:
                    role.append((arg_features(doc, ts, te, x, cands, r, rr), 1.0 if t in match.get(r, ()) else 0.0))
    return trig, role


def train_events(news: Sequence = (), duee: bool = False, model=None, data_dir: Path = ZHIE_DATA,
                 l2: float = 1e-3, epochs: int = 200, log=print) -> FundingModel:
    from extract.stages.relations.classifier import fit

    data = prepare_data(_load())
    items = news_examples(news)
    if duee:
        d = duee_examples(data, data_dir)
        log(f"[events] DuEE: {sum(1 for *_, g in d if g)} funding records, {sum(1 for *_, g in d if not g)} "
            "other records with a trigger word")
        items += d
    if not items:
        raise ValueError("No training documents: give gold JSONL files and/or --duee")
    t0 = time.time()
    docs = pipe_predicted(model, [(t, i) for i, t, _ in items], exclude=STOP_AT)
    log(f"[events] {len(docs)} documents run through {model or 'the default model'} in {time.time() - t0:.0f}s")
    trig, role = featurize(docs, [g for *_, g in items], data)
    log(f"[events] trigger examples {len(trig)} ({sum(y for _, y in trig):.0f} positive); role examples "
        f"{len(role)} ({sum(y for _, y in role):.0f} positive)")
    fm = FundingModel()
    fm.trigger = fit(trig, epochs=epochs, l2=l2, dim=DIM)
    fm.role = fit(role, epochs=epochs, l2=l2, dim=DIM)
    return fm


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.events", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="gold JSONL (SCHEMA.md) with FUNDING events to train on")
    ap.add_argument("--duee", action="store_true", help="also train on the prepared DuEE 1.0 train records")
    ap.add_argument("-o", "--output", required=True, help="where to write the weights (JSON)")
    ap.add_argument("--model", default=None, help="model folder whose entities the extractor learns on")
    ap.add_argument("--l2", type=float, default=1e-3)
    args = ap.parse_args(argv)
    if missing_files(args.gold):
        return 2
    fm = train_events(args.gold, args.duee, args.model, l2=args.l2, log=lambda m: print(m, file=sys.stderr))
    fm.save(args.output)
    print(json.dumps({"output": args.output, "trigger_weights": len(fm.trigger["w"]), "role_weights": len(fm.role["w"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
