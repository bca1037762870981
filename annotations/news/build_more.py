#!/usr/bin/env python3
"""Concatenate pass C's records (the train-split extension) into ``train_more.jsonl``, or with ``--select`` pass S's
(the model-selection set) into ``select.jsonl``.

    python annotations/news/build_more.py
    python annotations/news/build_more.py --select

The texts are ``raw/more*.jsonl`` (collected by ``collect_more.py``); pass C annotated each once by hand
and reviewed its own record against the system's output (``passes/C/README.md``). A document is written
when its built record ``passes/C/<id>.jsonl`` exists, validates and carries the raw text unchanged, and it
is not in ``EXCLUDED`` (GUIDELINES M3: the same event as a dev or test document). Missing or invalid
records are listed and the exit status is 1; the others are still written.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

EXCLUDED = {
    "u001": "古茗's Hong Kong listing, the event of test s053 and s105",
    "u011": "Musk's bid for OpenAI, the event of test s088",
    "u112": "Musk's bid for OpenAI, the event of test s088",
    "u199": "Musk's bid for OpenAI, the event of test s088",
    "u173": "2025 Spring Festival travel figures of 文旅部, the event of test s083 and dev s086",
    "u181": "2025 Spring Festival travel figures of 文旅部, the event of test s083 and dev s086",
    "u203": "古茗's Hong Kong listing, the event of test s053 and s105",
    "u204": "古茗's Hong Kong listing, the event of test s053 and s105",
    "u233": "a roundup that ends with 古茗's listing day (test s053 and s105)",
    "u206": "SSI's funding round, the event of test s039 and dev s107",
    "u219": "轻松健康's Hong Kong IPO filing, the event of test s119",
    "u223": "SoftBank's pending investment in OpenAI, the event of test s041 and s109",
    "u231": "阶梯医疗's B round, the event of test s044 and s121",
    "u237": "Musk's bid for OpenAI, the event of test s088",
    "u284": "Musk's bid for OpenAI, the event of test s088",
    "u286": "Intel's jump on Vance's AI-hardware remarks, reported in test s110's roundup",
    "u344": "Justin Hotard named Nokia's CEO, reported in test s110's roundup",
    "u360": "a market wrap that reports Musk's bid for OpenAI, the event of test s088 (found by its annotator)",
    "u328": "a market wrap that reports Musk's bid for OpenAI, the event of test s088",
    "u394": "古茗's Hong Kong IPO offering, the event of test s053 and s105",
    "u420": "the IDC and 浪潮信息 AI computing report, the event of dev s098",
    "u453": "Musk's bid for OpenAI, the event of test s088",
    "u381": "a market wrap that reports Altman's answer to Musk's bid for OpenAI, the event of test s088 (found by its annotator)",
    "u451": "宇树's G1 robot listed on 京东 at 9.9万元 and taken down, the event of dev s106 (found by its annotator)",
    "u057": "宇树's rumoured C+ round and the G1 listing on 京东, the events of dev s106 (found in batch 5's review; "
            "this text was in the extension, and the models shipped before 2026-12-04 were trained on it)",
    "u487": "Musk's bid for OpenAI, the event of test s088",
    "u572": "Musk's bid for OpenAI, the event of test s088",
    "u495": "古茗's Hong Kong IPO, the event of test s053 and s105",
    "u509": "a broker note on 古茗's Hong Kong IPO (test s053 and s105)",
    "u573": "OpenAI's first in-house AI chip, reported in test s110's roundup",
    "u537": "a market wrap that reports OpenAI's in-house chip (test s110)",
    "u511": "a preview of the Paris AI Action Summit, where Vance's remarks of test s110 were made",
    "u566": "the EU at the Paris AI Action Summit, with Vance's remarks (test s110)",
    "u586": "a roundup quoting Vance's Paris speech (test s110) and the Musk-Altman rift after Musk's bid (test s088; flagged by its annotator)",
    "u520": "the 2025 Spring Festival cross-region travel figures, the event of test s083 and dev s086 (flagged by its annotator)",
    "u543": "Spring Festival cross-region trips (跨区域人员流动), the figures of test s083 and dev s086 (doubtful, left out)",
    "u574": "LEAP 2025 deals whose first-day total may include Groq's Saudi commitment (dev s042; doubtful, left out)",
    # batch 7 (session 24): left out by the screen before annotation
    "u593": "NXP buying Kinara, reported in test s110's roundup",
    "u607": "古茗's Hong Kong listing, the event of test s053 and s105",
    "u625": "a roundup with Meta's talks to buy FuriosaAI (test s110)",
    "u646": "Musk's bid for OpenAI, the event of test s088",
    "u604": "the Paris AI Action Summit, where Vance's remarks of test s110 were made",
    "u640": "an AI-infrastructure roundup with the Paris AI Action Summit pledges (test s110; flagged by its annotator, "
            "doubtful, left out)",
    "u614": "a US market wrap with Intel's jump after the benchmark news that test s110 reports beside Vance's remarks "
            "(flagged by its annotator, doubtful, left out)",
}


# the model-selection set (pass S, ``raw/select*.jsonl``): texts left out under M3 before annotation
SELECT_EXCLUDED = {
    "v016": "古茗's Hong Kong listing, the event of test s053 and s105",
    "v047": "古茗's Hong Kong listing, the event of test s053 and s105",
    "v054": "the EU's AI investment announced at the Paris AI Action Summit, where Vance's remarks of test s110 were made",
    "v066": "Le Chat and the Paris AI Action Summit (test s110's Vance remarks)",
}


def main(argv=None) -> int:
    select = "--select" in (sys.argv[1:] if argv is None else argv)
    if select:
        return build("select*.jsonl", HERE / "passes" / "S", HERE / "select.jsonl", SELECT_EXCLUDED)
    return build("more*.jsonl", HERE / "passes" / "C", HERE / "train_more.jsonl", EXCLUDED)


def build(raw_glob: str, passes: Path, out: Path, excluded: dict) -> int:
    from extract.io.annotations import validate_record

    texts = {}
    for p in sorted((HERE / "raw").glob(raw_glob)):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                texts[r["id"]] = r["text"]
    lines, problems = [], []
    for i in sorted(texts):
        if i in excluded:
            continue
        path = passes / f"{i}.jsonl"
        if not path.exists():
            problems.append(f"{i}: not annotated yet")
            continue
        line = path.read_text(encoding="utf-8").strip()
        rec = json.loads(line)
        errs = [str(e) for e in validate_record(rec) if e.severity == "error"]
        if rec.get("id") != i or rec.get("text") != texts[i]:
            errs.append("id or text differs from the raw text")
        if errs:
            problems.append(f"{path.relative_to(HERE)}: " + "; ".join(errs[:3]))
            continue
        lines.append(line)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out.stem}: {len(lines)} documents ({len(excluded)} excluded by M3) → {out.name} "
          f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
