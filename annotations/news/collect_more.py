#!/usr/bin/env python3
"""Collect more news texts for the ZhIE-News **train** split from the RSS mirror the corpus already uses.

    python annotations/news/collect_more.py MIRROR_GIT_DIR --n 70 --prefix u --out annotations/news/raw/more.jsonl

``MIRROR_GIT_DIR`` is a git directory of ``zhigehe/bulwark`` (the project's ``fetch`` tool gives one);
the script reads the commit the corpus was drawn from (``--commit``, default the one in ``SOURCES.tsv``).

What it keeps, deterministically (articles ordered by the sha256 of their path):
- simplified (``content/zh-CN``) and traditional (``content/zh-HK``) articles, about a third traditional, at most
  ``--per-feed`` from each feed, so that no publisher dominates;
- articles about companies, industries, deals or policy: a headline or body with at least two of the cue words
  below and at least five numbers (the layers this corpus scores), 400 characters or more once converted;
- nothing already in the corpus (same file, or any sentence of 12+ characters shared with a collected text);
- nothing ``../shared/tools/holdout_guard.py`` flags (run on the output; flagged documents are dropped);
- with ``--require``, only texts whose headline or opening matches it (batch 3 used it for funding news);
- with ``--avoid``, nothing sharing a sentence with the texts of those JSONL files (batch 7 avoided the
  unannotated articles NER self-training labels, ``evaluation/ner/pseudo_label.py``, so that no text is both
  gold and pseudo-labelled).

Markdown is converted to text as for the first collection: front matter, images, link targets, emphasis
markers and heading underlines removed. The feed's closing source link stays as its anchor text (``qq``,
``hkej``): annotated as an ``ignore`` region, like other page residue. A text longer than ``--max-chars`` is cut at the last sentence end
before it and marked ``truncated`` in the sources table, which is appended to ``--sources`` as
``SOURCES_more.tsv`` rows (address, publisher feed, date, script, retrieval, notes) with the file's sha256.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"

CUES = ("公司", "企业", "集团", "融资", "投资", "亿元", "万元", "产业", "行业", "市场", "营收", "收入", "利润",
        "估值", "上市", "排名", "第一", "政策", "规划", "基金", "资本", "股份", "科技",
        "公司", "企業", "集團", "投資", "億元", "萬元", "產業", "行業", "市場", "營收", "規劃", "資本", "科技")
SKIP_FEEDS = {"investing", "jin10", "fx168", "cabotwealth"}   # market tickers and flash quotes: few names
_SENT = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def md_to_text(md: str) -> tuple[str, str, str]:
    """(title, date, body text) of one mirror file."""
    title = date = ""
    if md.startswith("---"):
        end = md.find("\n---", 3)
        front, md = md[3:end], md[end + 4:]
        m = re.search(r'^title:\s*"(.*)"\s*$', front, re.M)
        title = m.group(1) if m else ""
        m = re.search(r'^date:\s*"(\d{4}-\d\d-\d\d)', front, re.M)
        date = m.group(1) if m else ""
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md)              # images
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)          # links: keep the anchor text
    md = re.sub(r"<[^>\n]+>", "", md)                          # inline html
    md = md.replace("**", "").replace("__", "")
    lines = []
    for line in md.splitlines():
        s = line.strip()
        if re.fullmatch(r"[=\-*_]{3,}", s):                    # heading underline or rule
            continue
        s = re.sub(r"^#{1,6}\s*", "", s)
        lines.append(s)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return title, date, text


def cut(text: str, max_chars: int) -> tuple[str, bool]:
    if len(text) <= max_chars:
        return text, False
    head = text[:max_chars]
    end = max(head.rfind(c) for c in "。！？!?")
    if end < max_chars // 2:
        end = head.rfind("\n")
    return head[:end + 1].rstrip(), True


def sentences(text: str):
    for m in _SENT.finditer(text):
        s = re.sub(r"\s+", "", m.group())
        if len(s) >= 12:
            yield s


def git(gitdir, *args) -> str:
    return subprocess.run(["git", "--git-dir", str(gitdir), *args], check=True, capture_output=True,
                          text=True).stdout


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mirror", help="git directory of zhigehe/bulwark")
    ap.add_argument("--commit", default="91e82e6d")
    ap.add_argument("--n", type=int, default=70)
    ap.add_argument("--traditional-share", type=float, default=0.33)
    ap.add_argument("--per-feed", type=int, default=10)
    ap.add_argument("--max-chars", type=int, default=1300)
    ap.add_argument("--prefix", default="u")
    ap.add_argument("--start", type=int, default=1, help="first document number")
    ap.add_argument("--out", default=str(HERE / "raw" / "more.jsonl"))
    ap.add_argument("--sources", default=str(HERE / "SOURCES_more.tsv"))
    ap.add_argument("--require", default=None,
                    help="a regular expression the headline or the first 600 characters must match "
                         "(e.g. a funding batch: '完成.{0,20}融资|获.{0,12}融资')")
    ap.add_argument("--avoid", nargs="*", default=[], metavar="JSONL",
                    help="JSONL files ({\"text\": …} per line) whose sentences count as already collected")
    args = ap.parse_args(argv)

    avoid = [Path(p).expanduser() for p in args.avoid]
    for p in avoid:
        if not p.is_file():
            ap.error(f"--avoid: no such file: {p}")
    commit = git(args.mirror, "rev-parse", args.commit).strip()
    # the corpus's own batches (less the one being (re)written) and the --avoid files: their sentences are taken
    collected = [p for p in sorted((HERE / "raw").glob("*.jsonl")) if p.name != Path(args.out).name]
    seen = set()
    for p in collected + avoid:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                seen.update(sentences(json.loads(line)["text"]))
    with open(HERE / "SOURCES.tsv", encoding="utf-8") as f:
        have_urls = {r["url"].rsplit("/", 1)[-1] for r in csv.DictReader(f, delimiter="\t")}

    paths = [p for p in git(args.mirror, "ls-tree", "-r", "--name-only", commit, "content/zh-CN", "content/zh-HK")
             .splitlines() if p.endswith(".md")]
    paths.sort(key=lambda p: hashlib.sha256(p.encode()).hexdigest())
    want = {"traditional": round(args.n * args.traditional_share)}
    want["simplified"] = args.n - want["traditional"]
    got = {"simplified": [], "traditional": []}
    per_feed: dict = {}
    for path in paths:
        parts = path.split("/")
        script = "traditional" if parts[1] == "zh-HK" else "simplified"
        feed = parts[3]
        if feed in SKIP_FEEDS or parts[-1] in have_urls or len(got[script]) >= want[script]:
            continue
        if per_feed.get(feed, 0) >= args.per_feed:
            continue
        raw = git(args.mirror, "show", f"{commit}:{path}")
        title, date, text = md_to_text(raw)
        if len(text) < 400 or len(re.findall(r"\d+(?:\.\d+)?", text)) < 5:
            continue
        if sum(c in title + text[:600] for c in set(CUES)) < 3:
            continue
        if args.require and not re.search(args.require, title + "\n" + text[:600]):
            continue
        text, truncated = cut(text, args.max_chars)
        sents = set(sentences(text))
        if not sents or sents & seen:
            continue
        seen |= sents
        per_feed[feed] = per_feed.get(feed, 0) + 1
        got[script].append({"path": path, "feed": feed, "date": date, "script": script, "text": text,
                            "truncated": truncated, "sha256": hashlib.sha256(raw.encode()).hexdigest()})
        if all(len(got[s]) >= want[s] for s in want):
            break

    docs = got["simplified"] + got["traditional"]
    docs.sort(key=lambda d: hashlib.sha256(d["path"].encode()).hexdigest())
    for i, d in enumerate(docs, args.start):
        d["id"] = f"{args.prefix}{i:03d}"
    # holdout guard over the candidates; flagged documents are dropped
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            Path(tmp, d["id"] + ".txt").write_text(d["text"], encoding="utf-8")
        guard = subprocess.run([sys.executable, str(SHARED / "tools" / "holdout_guard.py"), tmp],
                               capture_output=True, text=True)
    flagged = {d["id"] for d in docs if d["id"] + ".txt" in guard.stdout}
    if flagged:
        print("holdout_guard flagged (dropped):", " ".join(sorted(flagged)))
    docs = [d for d in docs if d["id"] not in flagged]

    with open(args.out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    with open(args.sources, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "url", "publisher", "date", "category", "script", "retrieved", "notes", "sha256"])
        for d in docs:
            url = f"https://github.com/zhigehe/bulwark/blob/{commit[:8]}/{d['path']}"
            notes = f"RSS mirror ({d['feed']}); markdown converted to text" + ("; truncated" if d["truncated"] else "")
            w.writerow([d["id"], url, d["feed"], d["date"], "", d["script"],
                        "repo file zhigehe/bulwark (fetched snapshot) 2026-12-03", notes, d["sha256"]])
    print(f"{len(docs)} texts ({sum(d['script'] == 'traditional' for d in docs)} traditional) → {args.out}; "
          f"per feed: {per_feed}")
    print(guard.stdout.strip()[-400:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
