"""Train the type of Latin-script names (:mod:`extract.stages.latin_names`) on gold documents.

    python -m extract.learn.latin_names annotations/news/train.jsonl annotations/news/train_more.jsonl \
        --l2 3e-4 --keep-pair ORG COMPANY --add-threshold 0.5 -o models/default/latin_names.json

Every gold entity of a name type whose text is Latin script is an example of its type; every other maximal run
of Latin text that overlaps no gold name is a ``NONE`` example (products, models, technology terms, tickers). The
features read only the text and the gold entities next to a span, so no pipeline runs and no cross-fitting is
needed. Only the annotated documents given are read: train on a training split, never on the split you report.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from extract.io.readers import read_jsonl
from extract.learn import missing_files, shown_path
from extract.stages.latin_names import DIM, NONE, TYPES, LatinTyper, features, is_latin, latin_runs, neighbour_types
from extract.textnorm import normalize

__all__ = ["examples", "fit_softmax", "train_latin_typer", "main"]


class _Ent:
    __slots__ = ("start", "end", "type")

    def __init__(self, start, end, type_):
        self.start, self.end, self.type = start, end, type_


def examples(rec: dict, classes: Sequence[str] = TYPES + (NONE,)) -> List[Tuple[List[int], int]]:
    """``(feature slots, class index)`` of one gold record (SCHEMA.md JSON)."""
    from extract.stages.latin_names import span_index

    text = normalize(rec["text"])[0]
    gold = [_Ent(e["start"], e["end"], e["type"]) for e in rec.get("entities", []) if e["type"] in TYPES]
    index = span_index(gold)
    out = []
    for e in gold:
        if e.type in classes and is_latin(text[e.start:e.end]):
            out.append((features(text, e.start, e.end, *neighbour_types(text, index, e.start, e.end)),
                        classes.index(e.type)))
    if NONE in classes:
        for s, t in latin_runs(text):
            if not any(s < e.end and e.start < t for e in gold):
                out.append((features(text, s, t, *neighbour_types(text, index, s, t)), classes.index(NONE)))
    return out


def fit_softmax(data: list, n_classes: int, epochs: int = 200, lr: float = 0.1, l2: float = 1e-3, seed: int = 13,
                dim: int = DIM) -> dict:
    """Sparse softmax regression ``{"bias": [C], "w": {slot: [C]}}`` (torch, full batch, Adam)."""
    import torch

    torch.manual_seed(seed)
    rows = [i for i, (ids, _) in enumerate(data) for _ in ids]
    cols = [j for ids, _ in data for j in ids]
    x = torch.sparse_coo_tensor(torch.tensor([rows, cols]), torch.ones(len(cols)), (len(data), dim),
                                check_invariants=False).coalesce()
    y = torch.tensor([c for _, c in data])
    w = torch.zeros(dim, n_classes, requires_grad=True)
    bias = torch.zeros(n_classes, requires_grad=True)
    opt = torch.optim.Adam([w, bias], lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(torch.sparse.mm(x, w) + bias, y) + l2 * (w * w).sum()
        loss.backward()
        opt.step()
    wd = w.detach()
    keep = (wd.abs() > 1e-4).any(1).nonzero().flatten().tolist()
    return {"bias": [round(float(v), 5) for v in bias.detach()],
            "w": {int(i): [round(float(v), 5) for v in wd[i]] for i in keep}}


def train_latin_typer(gold_paths: Sequence, threshold: float = 0.5, drop_threshold: float = 1.01, l2: float = 1e-3,
                      epochs: int = 200, keep_pairs: Sequence[Sequence[str]] = (), add_threshold: float = 1.01,
                      log=print) -> LatinTyper:
    classes = TYPES + (NONE,)
    data = []
    n_docs = 0
    for p in gold_paths:
        for rec in read_jsonl(p):
            data += examples(rec, classes)
            n_docs += 1
    if not data:
        raise ValueError(f"No Latin-script spans in {list(gold_paths)}")
    counts = {c: sum(1 for _, y in data if y == i) for i, c in enumerate(classes)}
    log(f"[latin_names] {n_docs} documents: {len(data)} spans ({', '.join(f'{c} {n}' for c, n in counts.items())})")
    return LatinTyper(fit_softmax(data, len(classes), epochs=epochs, l2=l2), classes, threshold, drop_threshold,
                      keep_pairs, add_threshold)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.learn.latin_names", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL (SCHEMA.md) to train on")
    ap.add_argument("-o", "--output", required=True, help="where to write the model (JSON)")
    ap.add_argument("--threshold", type=float, default=0.5, help="retype where the best type reaches this")
    ap.add_argument("--drop-threshold", type=float, default=1.01,
                    help="drop a span whose NONE probability reaches this (default: never)")
    ap.add_argument("--add-threshold", type=float, default=1.01,
                    help="a Latin run no entity covers becomes a name at this probability (default: never)")
    ap.add_argument("--keep-pair", nargs=2, action="append", default=[], metavar=("TYPE", "TYPE"),
                    help="two types the model never changes one into the other (repeatable)")
    ap.add_argument("--l2", type=float, default=1e-3)
    args = ap.parse_args(argv)
    for pair in args.keep_pair:
        if not set(pair) <= set(TYPES):
            ap.error(f"--keep-pair {' '.join(pair)}: types are {', '.join(TYPES)}")
    if missing_files(args.gold):
        return 2
    typer = train_latin_typer(args.gold, args.threshold, args.drop_threshold, l2=args.l2, keep_pairs=args.keep_pair,
                              add_threshold=args.add_threshold, log=lambda m: print(m, file=sys.stderr))
    trained_on = [{"path": shown_path(p), "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()} for p in args.gold]
    typer.save(args.output, {"trained_on": trained_on})
    print(json.dumps({"output": args.output, "classes": list(typer.classes), "weights": len(typer.model["w"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
