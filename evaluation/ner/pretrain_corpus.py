#!/usr/bin/env python3
"""Raw text for pretraining the NER encoder (issue 12, "representations learned here").

    python evaluation/ner/pretrain_corpus.py /work/.mirror/zhigehe+bulwark/repo \
        [--data-dir ~/.cache/zhie/data] [--commit 91e82e6d] [--manifest evaluation/ner/pretrain_corpus.json]

Writes ``DATA_DIR/raw/pretrain_news.txt`` (one paragraph per line; never committed) from
- every simplified and traditional article (``content/zh-CN``, ``content/zh-HK``) of the RSS mirror
  ``zhigehe/bulwark`` that the ZhIE-News train extension is drawn from, at the commit the corpus uses,
  converted to the simplified view the NER reads (``extract.textnorm.to_simplified``), markdown removed as
  ``annotations/news/collect_more.py`` does;
- then the lines of ``DATA_DIR/raw/pretrain.txt`` (``evaluation/data/prepare.py``: CWS corpora, DuEE/DuIE
  train texts, BosonNLP, CFSC; already guarded);

and leaves out, per article:
- anything ``../shared/tools/holdout_guard.py`` flags (a sentence shared with CLUENER dev, DuEE dev,
  DuEE-fin dev or the hidden news set);
- any article sharing a sentence of 12+ characters with a ZhIE-News **dev** or **test** document or a seed
  document (they are scored; text the encoder read must not include them);
- paragraphs seen before (exact duplicates), and paragraphs under 8 characters.

The manifest (committed) records the repository, commit, the sha256 of every output and of the list of
articles used, and what was left out and why.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "annotations" / "news"))
sys.path.insert(0, str(ROOT))

from collect_more import md_to_text, sentences  # noqa: E402
from extract.textnorm import to_simplified  # noqa: E402

REPO = "zhigehe/bulwark"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scored_sentences() -> set:
    """Sentences (12+ characters, simplified) of every scored document: news dev and test, and the seeds
    (``annotations/gold.jsonl``)."""
    out = set()
    files = [ROOT / "annotations" / "news" / "dev.jsonl", ROOT / "annotations" / "news" / "test.jsonl",
             ROOT / "annotations" / "gold.jsonl"]
    for p in files:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                text = to_simplified(json.loads(line)["text"])
                out.update(s for s in sentences(text) if len(s) >= 12)
    return out  # (annotations/gold.jsonl holds the seed documents' texts exactly as ../shared/seeds has them)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mirror", help="git directory of zhigehe/bulwark (the fetch tool's copy)")
    ap.add_argument("--commit", default="91e82e6d")
    ap.add_argument("--data-dir", default=str(Path.home() / ".cache" / "zhie" / "data"))
    ap.add_argument("--guard", default=str(SHARED / "tools"))
    ap.add_argument("--manifest", default=str(HERE / "pretrain_corpus.json"))
    args = ap.parse_args(argv)
    sys.path.insert(0, args.guard)
    import holdout_guard  # noqa: PLC0415

    data = Path(args.data_dir).expanduser()
    commit = subprocess.run(["git", "--git-dir", args.mirror, "rev-parse", args.commit], capture_output=True,
                            text=True, check=True).stdout.strip()
    listing = subprocess.run(["git", "--git-dir", args.mirror, "ls-tree", "-r", "--name-only", commit,
                              "content/zh-CN", "content/zh-HK"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    paths = sorted(p for p in listing if p.endswith(".md"))
    # one `git cat-file --batch` for all blobs (one `git show` each would take minutes)
    proc = subprocess.Popen(["git", "--git-dir", args.mirror, "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    scored = scored_sentences()
    seen_par: set = set()
    lines, used = [], []
    left_out = {"holdout_guard": [], "shares_sentence_with_scored_document": [], "empty": []}
    for i, path in enumerate(paths):
        proc.stdin.write(f"{commit}:{path}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        raw = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        _, _, text = md_to_text(raw.decode("utf-8", errors="replace"))
        text = to_simplified(text)
        if len(text) < 40:
            left_out["empty"].append(path)
            continue
        if holdout_guard.overlaps(text) > 0:
            left_out["holdout_guard"].append(path)
            continue
        if any(s in scored for s in sentences(text) if len(s) >= 12):
            left_out["shares_sentence_with_scored_document"].append(path)
            continue
        used.append(f"{path}\t{sha256(raw)}")
        for par in re.split(r"\n+", text):
            par = par.strip()
            if len(par) >= 8 and par not in seen_par:
                seen_par.add(par)
                lines.append(par)
        if (i + 1) % 2000 == 0:
            print(f"[pretrain_corpus] {i + 1}/{len(paths)} articles read, {len(used)} used", file=sys.stderr)
    proc.stdin.close()
    proc.wait()
    n_news = len(lines)
    base = data / "raw" / "pretrain.txt"
    n_base = 0
    for par in open(base, encoding="utf-8"):
        par = par.strip()
        if len(par) >= 8 and par not in seen_par:
            seen_par.add(par)
            lines.append(par)
            n_base += 1
    out = data / "raw" / "pretrain_news.txt"
    body = "".join(l + "\n" for l in lines).encode("utf-8")
    out.write_bytes(body)
    manifest = {
        "generated_by": "evaluation/ner/pretrain_corpus.py",
        "command": "python evaluation/ner/pretrain_corpus.py MIRROR_GIT_DIR",
        "source": {"repo": REPO, "commit": commit, "paths": "content/zh-CN/**/*.md, content/zh-HK/**/*.md",
                   "articles": len(paths), "articles_used": len(used),
                   "articles_used_sha256": sha256("\n".join(used).encode()),
                   "licence": "RSS mirror of public news feeds; articles stay with their publishers. Used only to "
                              "pretrain the encoder; no text is committed or shipped."},
        "also": {"file": "raw/pretrain.txt (evaluation/data/prepare.py)", "sha256": sha256(base.read_bytes()),
                 "lines_added": n_base},
        "left_out": {k: {"count": len(v), "paths": v[:200]} for k, v in left_out.items()},
        "output": {"file": "raw/pretrain_news.txt", "lines": len(lines), "lines_from_news": n_news,
                   "characters": sum(len(l) for l in lines), "sha256": sha256(body)},
        "guard": {"hashes_sha256": sha256((Path(args.guard) / "holdout_guard.hashes").read_bytes())},
    }
    Path(args.manifest).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: manifest[k] for k in ("source", "output")}, ensure_ascii=False, indent=1))
    print({k: len(v) for k, v in left_out.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
