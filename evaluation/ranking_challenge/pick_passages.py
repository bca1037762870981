"""Pick candidate passages for the RANKING challenge set from the public RSS mirror (``zhigehe/bulwark``).

The passages are for blind annotation (see NOTES.md): paragraphs of Chinese news that state a ranking
(第N名, 前N, 排名/位列/位居, 榜首, TOP N …), one per article, from articles that are in no news corpus
split, not in the pseudo-labelled NER pool and share no sentence with any annotated news document.
Nothing of ZhIE's extraction runs here: the cue is a plain regular expression, so the set is not
biased towards what the system already finds.

Usage::

    python evaluation/ranking_challenge/pick_passages.py --mirror /work/.mirror/zhigehe+bulwark/repo \
        --n 60 --out /tmp/rk_candidates.jsonl
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMMIT = "91e82e6d748413c0e33f3ecf69ac04ad8bed41e9"
CUE = re.compile(r"第[一二三四五六七八九十百\d]+(?:名|位|大)|前[一二三四五六七八九十\d]+(?:名|位|大|强)?|排名|排行|位列|位居|"
                 r"分列|榜首|居首|首位|TOP\s?\d+|Top\s?\d+")
_SENT = re.compile(r"[^。！？!?\n]+")


def sentences(text: str) -> set:
    return {s.strip() for s in _SENT.findall(text) if len(s.strip()) >= 12}


def git(mirror: str, *args) -> str:
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True, capture_output=True).stdout.decode("utf-8", "replace")


def body(md: str) -> str:
    """The article text of a mirror file: the front matter dropped."""
    if md.startswith("---"):
        end = md.find("\n---", 3)
        if end > 0:
            md = md[end + 4:]
    return md.strip()


def densest_run(text: str, max_chars: int, min_cues: int):
    """The run of consecutive non-empty lines of ``text`` (joined by newlines, at most ``max_chars``) with the most
    ranking cues, or None when the best has fewer than ``min_cues``: a ranked list and the lines around it, where a
    single paragraph would cut it. Of equal runs the one that starts first wins, cut after its last cue line (so
    lines without a cue before the list stay in when they fit: they often name the list). Lines are stripped and
    blank ones dropped, so the passage's ``offset`` in SOURCES.tsv is that of its first line."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    cues = [len(CUE.findall(ln)) for ln in lines]
    best, best_n = None, 0
    for i in range(len(lines)):
        size = n = 0
        for j in range(i, len(lines)):
            size += len(lines[j]) + (j > i)
            if size > max_chars:
                break
            n += cues[j]
            if n > best_n:
                best, best_n = (i, j), n
    if best is None or best_n < min_cues:
        return None
    return "\n".join(lines[best[0]:best[1] + 1])


def pool_walk(mirror: str, n: int = 2000) -> set:
    """Every mirror path the pseudo-labelled pool's collection reads (``pseudo_label.collect``, its ``--max-chars``,
    ``n`` texts: the shipped NER's pool of 1,999 texts lies inside)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pseudo_label", REPO / "evaluation" / "ner" / "pseudo_label.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    walked = []
    mod.collect(mirror, COMMIT, n, 2500, log=lambda m: None, walked=walked)
    return set(walked)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", required=True, help="the git directory of the zhigehe/bulwark mirror")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--max-chars", type=int, default=420)
    ap.add_argument("--out", required=True)
    ap.add_argument("--pseudo-record", default="~/.cache/zhie/data/pseudo/record.json",
                    help="record.json of the pseudo-labelled NER pool, whose articles are left out")
    ap.add_argument("--first-id", type=int, default=1, help="number of the first passage id (rk001, …)")
    ap.add_argument("--lists", type=int, default=0, metavar="MIN_CUES",
                    help="pick list-heavy passages instead: the run of consecutive paragraphs (at most --max-chars "
                         "in all) with the most ranking cues, kept when it has at least MIN_CUES of them")
    ap.add_argument("--pool-walk", action="store_true",
                    help="where record.json is missing, leave out every article the pool's own walk reads "
                         "(evaluation/ner/pseudo_label.py collect: a superset of the pool)")
    args = ap.parse_args(argv)

    seen = set()  # sentences of every annotated news document (the test split's too: only to leave them out)
    for p in (REPO / "annotations" / "news").glob("*.jsonl"):
        for line in open(p, encoding="utf-8"):
            seen |= sentences(json.loads(line)["text"])
    pseudo = Path(args.pseudo_record).expanduser()
    if pseudo.is_file():
        used = {t["path"] for t in json.load(open(pseudo, encoding="utf-8"))["texts"]}
    elif args.pool_walk:
        used = pool_walk(args.mirror)
    else:
        raise SystemExit(f"pick_passages: no pseudo-labelled pool record at {pseudo} (evaluation/ner/pseudo_label.py "
                         "writes it; or pass --pool-walk): without it the pick cannot leave out the NER self-training "
                         "articles")
    sources = Path(__file__).resolve().parent / "SOURCES.tsv"  # the set's own articles: a new batch takes others
    if sources.is_file():
        with open(sources, encoding="utf-8") as f:
            used |= {row.split("\t")[3] for row in f.read().splitlines()[1:] if row.strip()}
    paths = [p for p in git(args.mirror, "ls-tree", "-r", "--name-only", COMMIT).splitlines()
             if re.search(r"/zh-(CN|HK|TW)/", "/" + p) and p.endswith(".md") and p not in used]
    random.Random(args.seed).shuffle(paths)
    out = []
    for path in paths:
        text = body(git(args.mirror, "show", f"{COMMIT}:{path}"))
        if sentences(text) & seen:
            continue
        if args.lists:
            para = densest_run(text, args.max_chars, args.lists)
            if para is None:
                continue
        else:
            paras = [p.strip() for p in text.split("\n") if 40 <= len(p.strip()) <= args.max_chars
                     and len(CUE.findall(p)) >= 1 and re.search(r"[\u4e00-\u9fff]", p)]
            if not paras:
                continue
            para = max(paras, key=lambda p: len(CUE.findall(p)))  # the paragraph with the most ranking cues
        seen |= sentences(text)  # (one passage per article, and no two articles sharing a sentence)
        out.append({"id": f"rk{len(out) + args.first_id:03d}", "repo": "zhigehe/bulwark", "commit": COMMIT, "path": path,
                    "offset": text.find(para.split("\n")[0]), "sha1": hashlib.sha1(para.encode("utf-8")).hexdigest(),
                    "text": para})
        if len(out) == args.n:
            break
    with open(args.out, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} passages from {len(out)} articles → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
