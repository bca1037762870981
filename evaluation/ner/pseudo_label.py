#!/usr/bin/env python3
"""Pseudo-labelled news for NER self-training: unannotated articles of the RSS mirror, tagged by a teacher.

    python evaluation/ner/pseudo_label.py /work/.mirror/zhigehe+bulwark/repo --n 2000 \\
        --teacher all=models/default --teacher fold0=runs/cf22c/fold0 --teacher fold1=runs/cf22c/fold1

The mirror (``zhigehe/bulwark``, the ZhIE-News corpus's source; ``fetch`` gives its git directory) holds
about ten thousand articles; fewer than a thousand are annotated. The rest are read here, in a fixed
order (sha256 of the path), and kept when:

- they are not market tickers (the feeds ``annotations/news/collect_more.py`` skips) and have 300+ characters;
- they share no sentence of 12+ characters with any annotated text (every ``annotations/news`` file, its
  ``raw`` batches and the seeds), nor with a text already kept;
- ``../shared/tools/holdout_guard.py`` does not flag them (the reserved evaluation texts).

Each kept text (cut at ``--max-chars``, at a sentence end) is run through every ``--teacher`` (a model
folder: its whole pipeline, so the rules' corrections are learned too) and written, with the teacher's
COMPANY, ORG, PERSON, LOC and INDUSTRY entities, to ``OUT/<teacher>.jsonl`` (SCHEMA.md records, what
``read_zhie_gold`` reads). ``OUT/record.json`` records the mirror repository and commit and, for every
text, its path and the sha256 of the file, plus each teacher's folder and the sha256 of its files. A
training config names the file as ``{"corpus": "pseudo", "path": ".../all.jsonl", "fold_path":
".../fold{k}.jsonl"}``: ``evaluation/crossfit_ner.py`` gives fold ``k``'s NER the labels of a teacher that
never saw fold ``k``'s documents (a teacher trained on them would pass their names on through the other
texts, and the cross-fitted figures would be optimistic). The output lives under ``~/.cache/zhie/data``
(never committed: third-party text).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "annotations" / "news"))
from collect_more import SKIP_FEEDS, cut, git, md_to_text, sentences  # noqa: E402

NER_TYPES = ("COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY")
DEFAULT_OUT = Path.home() / ".cache" / "zhie" / "data" / "pseudo"


def annotated_sentences() -> set:
    """Every sentence (12+ characters, whitespace removed) of every annotated or collected text."""
    seen = set()
    files = list((REPO / "annotations" / "news").glob("*.jsonl")) + list((REPO / "annotations" / "news" / "raw")
                                                                         .glob("*.jsonl"))
    files += [REPO / "annotations" / "gold.jsonl"]
    for p in files:
        if not p.exists():
            continue
        for line in open(p, encoding="utf-8"):
            if line.strip():
                seen.update(sentences(json.loads(line)["text"]))
    for p in (SHARED / "seeds").glob("*"):
        if p.is_file():
            seen.update(sentences(p.read_text(encoding="utf-8", errors="replace")))
    return seen


def collect(mirror, commit: str, n: int, max_chars: int, log=print, walked: list = None) -> list:
    """The kept texts (module docstring). ``walked``, when given, receives every mirror path read on the way, kept
    or not: a superset of the pool's paths for whoever must leave the pool out and has no ``record.json`` (the
    annotations only grow, so a later walk reads at least as far as the one that made the pool)."""
    seen = annotated_sentences()
    paths = [p for p in git(mirror, "ls-tree", "-r", "--name-only", commit, "content/zh-CN", "content/zh-HK")
             .splitlines() if p.endswith(".md")]
    paths.sort(key=lambda p: hashlib.sha256(("pseudo:" + p).encode()).hexdigest())
    out = []
    for path in paths:
        if len(out) >= n:
            break
        if walked is not None:
            walked.append(path)
        parts = path.split("/")
        if len(parts) < 4 or parts[3] in SKIP_FEEDS:
            continue
        raw = git(mirror, "show", f"{commit}:{path}")
        _, _, text = md_to_text(raw)
        if len(text) < 300:
            continue
        text, _ = cut(text, max_chars)
        sents = set(sentences(text))
        if not sents or sents & seen:
            continue
        seen |= sents
        out.append({"id": f"p{len(out) + 1:05d}", "path": path, "text": text,
                    "sha256": hashlib.sha256(raw.encode()).hexdigest()})
    log(f"[pseudo] {len(out)} texts read from {len(paths)} mirror files")
    sys.path.insert(0, str(SHARED / "tools"))
    import holdout_guard  # noqa: PLC0415  (in process, as evaluation/data/prepare.py: a guard that fails raises)

    flagged = {d["id"] for d in out if holdout_guard.overlaps(d["text"]) > 0}
    if flagged:
        log(f"[pseudo] holdout_guard flagged {len(flagged)} (dropped)")
    return [d for d in out if d["id"] not in flagged]


def folder_digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(Path(path).rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(path)).encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def label(docs: list, model: str, out_path: Path, log=print) -> int:
    from extract.pipeline import load

    nlp = load(model)
    t0, n_ent = time.time(), 0
    with open(out_path, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs, 1):
            try:
                doc = nlp(d["text"], id=d["id"])
            except Exception as err:  # one bad text never costs the rest: it is left out, and said so
                log(f"[pseudo] {model}: {d['id']} ({d['path']}) left out: {type(err).__name__}: {err}")
                continue
            ents = [{"id": f"T{k}", "type": e.type, "start": e.start, "end": e.end, "text": e.text}
                    for k, e in enumerate(x for x in doc.entities if x.type in NER_TYPES)]
            n_ent += len(ents)
            f.write(json.dumps({"id": d["id"], "text": d["text"], "entities": ents}, ensure_ascii=False) + "\n")
            if i % 500 == 0:
                log(f"[pseudo] {model}: {i}/{len(docs)} texts ({time.time() - t0:.0f}s)")
    return n_ent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mirror", help="git directory of zhigehe/bulwark")
    ap.add_argument("--commit", default="91e82e6d")
    ap.add_argument("--n", type=int, default=2000, help="texts to keep")
    ap.add_argument("--max-chars", type=int, default=2500)
    ap.add_argument("--teacher", action="append", required=True, metavar="NAME=MODEL",
                    help="a model folder whose pipeline labels the texts into OUT/NAME.jsonl (repeatable)")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    teachers = []
    for t in args.teacher:
        name, sep, path = t.partition("=")
        if not sep or not name or not Path(path).is_dir():
            print(f"error: --teacher {t!r}: expected NAME=MODEL_FOLDER (an existing folder)", file=sys.stderr)
            return 2
        teachers.append((name, path))
    if not Path(args.mirror).exists():
        print(f"error: {args.mirror}: no such git directory (fetch zhigehe/bulwark first)", file=sys.stderr)
        return 2
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    commit = git(args.mirror, "rev-parse", args.commit).strip()
    docs = collect(args.mirror, commit, args.n, args.max_chars, log)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    record = {"repo": "zhigehe/bulwark", "commit": commit, "n_texts": len(docs),
              "chars": sum(len(d["text"]) for d in docs), "max_chars": args.max_chars, "teachers": {},
              "texts": [{"id": d["id"], "path": d["path"], "sha256": d["sha256"]} for d in docs]}
    for name, path in teachers:
        n_ent = label(docs, path, out / f"{name}.jsonl", log)
        record["teachers"][name] = {"model": str(Path(path).resolve()), "files_sha256": folder_digest(Path(path)),
                                    "entities": n_ent}
        log(f"[pseudo] {name}: {n_ent} entities → {out / (name + '.jsonl')}")
    (out / "record.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: record[k] for k in ("repo", "commit", "n_texts", "chars")} |
                     {"teachers": {k: v["entities"] for k, v in record["teachers"].items()}, "out": str(out)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
