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
    args = ap.parse_args(argv)

    seen = set()  # sentences of every annotated news document (the test split's too: only to leave them out)
    for p in (REPO / "annotations" / "news").glob("*.jsonl"):
        for line in open(p, encoding="utf-8"):
            seen |= sentences(json.loads(line)["text"])
    pseudo = Path(args.pseudo_record).expanduser()
    if not pseudo.is_file():
        raise SystemExit(f"pick_passages: no pseudo-labelled pool record at {pseudo} (evaluation/ner/pseudo_label.py "
                         "writes it): without it the pick cannot leave out the NER self-training articles")
    used = {t["path"] for t in json.load(open(pseudo, encoding="utf-8"))["texts"]}
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
        paras = [p.strip() for p in text.split("\n") if 40 <= len(p.strip()) <= args.max_chars and len(CUE.findall(p)) >= 1
                 and re.search(r"[\u4e00-\u9fff]", p)]
        if not paras:
            continue
        para = max(paras, key=lambda p: len(CUE.findall(p)))  # the paragraph with the most ranking cues
        seen |= sentences(text)  # (one passage per article, and no two articles sharing a sentence)
        out.append({"id": f"rk{len(out) + args.first_id:03d}", "repo": "zhigehe/bulwark", "commit": COMMIT, "path": path,
                    "offset": text.find(para), "sha1": hashlib.sha1(para.encode("utf-8")).hexdigest(), "text": para})
        if len(out) == args.n:
            break
    with open(args.out, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} passages from {len(out)} articles → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
