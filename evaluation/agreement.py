"""Inter-annotator agreement between the two independent gold passes (and each pass vs the gold).

    python evaluation/agreement.py            # prints the markdown tables
    python evaluation/agreement.py --write    # also rewrites the tables in annotations/AGREEMENT.md
    python evaluation/agreement.py --corpus news --write   # ZhIE-News: annotations/news/AGREEMENT.md,
                                                           # pooled per split (rows per document are too many)

Agreement is the scorer of SCHEMA §6 with pass A as reference and pass B as
"prediction": F1 is symmetric, so it does not matter which pass is which
(precision and recall swap). Pooled numbers are micro over the five documents.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.eval.evaluate import read_jsonl, score  # noqa: E402

PASSES = ROOT / "annotations" / "passes"
GOLD = ROOT / "annotations" / "gold.jsonl"
AGREEMENT = ROOT / "annotations" / "AGREEMENT.md"
BEGIN, END = "<!-- agreement:begin -->", "<!-- agreement:end -->"
TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY", "POLICY", "DATE", "FIGURE", "RANK")


NEWS = ROOT / "annotations" / "news"


def load_pass(name: str, root: Path = PASSES) -> list:
    docs = []
    for f in sorted((root / name).glob("*.jsonl")):
        docs.extend(read_jsonl(f))
    return docs


def _f(x) -> str:
    return f"{x:.3f}" if x is not None else "–"


def table(rows: list, title: str) -> str:
    """rows: (label, report). Entity per-type F1, micro exact/overlap, attrs, relations, events, facts."""
    out = [f"### {title}", "",
           "| scope | " + " | ".join(TYPES) + " | entities micro (exact) | overlap | FIGURE/RANK attrs | relations | event args | triggers | facts |",
           "|---" * (len(TYPES) + 8) + "|"]
    for label, r in rows:
        pt = r["entities"]["per_type"]
        cells = [_f(pt[t]["f1"]) if t in pt and (pt[t]["tp"] + pt[t]["fp"] + pt[t]["fn"]) else "–" for t in TYPES]
        attrs = r.get("attributes", {})
        matched = sum(attrs.get(t, {}).get("matched", 0) for t in ("FIGURE", "RANK"))
        correct = sum(attrs.get(t, {}).get("matched", 0) * attrs.get(t, {}).get("all_correct", 0) for t in ("FIGURE", "RANK"))
        acc = correct / matched if matched else None
        micro = lambda sec: sec["micro"]["f1"] if (sec["micro"]["tp"] + sec["micro"]["fp"] + sec["micro"]["fn"]) else None
        out.append(f"| {label} | " + " | ".join(cells) + f" | {_f(r['entities']['micro']['f1'])} | "
                   f"{_f(r['entities']['overlap']['micro']['f1'])} | {_f(acc)} | {_f(micro(r['relations']))} | "
                   f"{_f(micro(r['events']['arguments']))} | {_f(micro(r['events']['triggers']))} | {_f(micro(r['facts']))} |")
    return "\n".join(out) + "\n"


def agreement_markdown() -> str:
    a, b = load_pass("A"), load_pass("B")
    ids = sorted({d.id for d in a} & {d.id for d in b})
    rows = [(i, score([d for d in a if d.id == i], [d for d in b if d.id == i])) for i in ids]
    rows.append(("pooled (micro)", score([d for d in a if d.id in ids], [d for d in b if d.id in ids])))
    parts = [table(rows, "Pass A vs pass B (independent passes; F1)")]
    if GOLD.is_file():
        gold = read_jsonl(GOLD)
        for name, docs in (("A", a), ("B", b)):
            parts.append(table([("pooled (micro)", score(gold, docs))], f"Pass {name} vs adjudicated gold (F1)"))
    return "\n".join(parts)


def news_agreement_markdown() -> str:
    """ZhIE-News: pass A vs pass B pooled per split, and each pass vs the adjudicated gold."""
    import json
    splits = json.loads((NEWS / "splits.json").read_text(encoding="utf-8"))
    a = {d.id: d for d in load_pass("A", NEWS / "passes")}
    b = {d.id: d for d in load_pass("B", NEWS / "passes")}
    gold = {}
    for f in sorted((NEWS / "adjudicated").glob("*.jsonl")):
        gold.update({d.id: d for d in read_jsonl(f)})
    rows, vs_gold = [], []
    for split in ("test", "dev", "train"):
        ids = [i for i in splits[split] if i in a and i in b]
        if ids:
            rows.append((f"{split} ({len(ids)} docs)", score([a[i] for i in ids], [b[i] for i in ids])))
        for name, docs in (("A", a), ("B", b)):
            gids = [i for i in splits[split] if i in gold and i in docs]
            if gids:
                vs_gold.append((f"{split}: pass {name} ({len(gids)} docs)", score([gold[i] for i in gids], [docs[i] for i in gids])))
    parts = [table(rows, "Pass A vs pass B (independent passes; F1, pooled per split)")]
    if vs_gold:
        parts.append(table(vs_gold, "Each pass vs the adjudicated gold (F1)"))
    return "\n".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rewrite the tables in the corpus's AGREEMENT.md")
    ap.add_argument("--corpus", choices=("seeds", "news"), default="seeds")
    args = ap.parse_args(argv)
    md = news_agreement_markdown() if args.corpus == "news" else agreement_markdown()
    print(md)
    if args.write:
        target = NEWS / "AGREEMENT.md" if args.corpus == "news" else AGREEMENT
        text = target.read_text(encoding="utf-8") if target.is_file() else f"# Agreement\n\n{BEGIN}\n{END}\n"
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        target.write_text(f"{head}{BEGIN}\n{md}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
