#!/usr/bin/env python3
"""Retrain every learned file of a model folder like ``models/default``, in the order they depend on each other.

    python evaluation/retrain_default.py --gold annotations/news/train.jsonl annotations/news/train_more.jsonl \\
        --ner-config evaluation/ner/news_v9.json --out runs/m9
    python evaluation/retrain_default.py --gold … --ner runs/ner-v9/model-best --out runs/m9   # NER already trained
    python evaluation/retrain_default.py --gold … --out runs/m9 --steps relations events      # only some steps

The steps, each over the entities the folder's own NER finds (so the NER comes first):

1. ``ner``: ``python -m extract.learn.ner.train CONFIG RUN`` (or ``--ner DIR``: an NER already trained), copied
   to ``OUT/ner``;
2. ``names``: the person names without a Chinese family name that ``entity_filter`` keeps
   (``extract.learn.person_names``: the public corpora and the gold files; no model runs), and the company names
   the gazetteer matches (``extract.learn.company_names``, for a ``gazetteer.v1`` file named ``company_names.tsv``);
3. ``mentions``: the match filters (``extract.learn.mentions``), one per ``mention_filter.v1`` entry of the config, in
   pipeline order, each with the types, sources and thresholds its current file names (shipped: INDUSTRY from the
   gazetteer and the NER at 0.3 and their echoes at 0.4 since session 31, ORG at 0.4, the NER's COMPANY at 0.3 since
   session 32) and feature set (a file without one: set 1; a new filter: the latest,
   ``extract.stages.mentions.FEATURE_SET``; shipped since session 29: INDUSTRY 2, ORG 1; COMPANY 2);
4. ``latin``: the type of Latin-script names (``extract.learn.latin_names``; it reads gold text only, so it needs
   neither the NER nor ``--crossfit``), with L2 3e-4, ORG/COMPANY kept as the NER has them and uncovered Latin runs
   added as names at 0.5;
5. ``relations``: the prose ``located_in`` / ``in_industry`` classifier (``extract.learn.relations``), with the
   per-type thresholds its current file names (shipped since session 29: in_industry 0.35);
6. ``events``: the FUNDING trigger and role classifiers with the DuEE 1.0 train records (``extract.learn.events
   --duee``), then the shipped decision settings: trigger threshold 0.3, role threshold 0.4, ``union_rules`` on
   (for investor-verb triggers only: ``union_invest_only``), ``single_company`` on (chosen on the news dev split;
   see ``models/default/MODEL_CARD.md``);
7. ``chooser``: the METRIC/RANKING chooser (``extract.learn.facts --also-gold``, margins 1.0 and 1.0 since session 23; 2.0 and 2.0 before);
8. ``trimmer``: the metric-span trimmer (``extract.learn.facts --metric-spans``), trained on the folder as it
   stands with its facts stage run without a trimmer.

With ``--crossfit DIR`` (written by ``evaluation/crossfit_ner.py``) steps 3 and 5-8 run each training document through
a model whose NER never saw it (the fold NERs in DIR, linked into ``OUT-crossfit/``), so the classifiers learn
on entities as good as the NER's on new text; the folder keeps ``OUT/ner``, trained on everything.
``--crossfit-steps`` limits that to some of those steps (``evaluation/crossfit_pipeline.py`` cross-fits the match
filters only, as the shipped ones were trained).

``OUT`` starts as a copy of ``--base`` (default ``models/default``: its config and the learned files a step
does not replace). Each step's command, time and output file are printed and appended to ``OUT/retrain.log``.
Nothing here reads the news dev or test split: score the result with
``python evaluation/news_eval.py --split dev --model NAME=OUT``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from extract.stages.mentions import FEATURE_SET as MENTION_FEATURE_SET  # noqa: E402  (a new filter's feature set)
from extract.stages.ner import drop_ensemble  # noqa: E402  (the config edit a replaced NER needs)
STEPS = ("ner", "names", "mentions", "latin", "relations", "events", "chooser", "trimmer")
CROSSFIT_STEPS = ("mentions", "relations", "events", "chooser", "trimmer")  # the steps --crossfit applies to
LATIN_L2 = 3e-4  # the Latin-name typer's L2 (also what evaluation/ner/crossfit_eval.py --fold-latin trains with)
LATIN_SETTINGS = ["--l2", str(LATIN_L2), "--keep-pair", "ORG", "COMPANY", "--add-threshold", "0.5"]  # chosen on the news dev split (model card, session 18)
MENTION_THRESHOLD = 0.3  # for a filter file that names none: half the F1 of a type near 0.6 (model card, session 17)
EVENT_SETTINGS = {"trigger_threshold": 0.3, "role_threshold": 0.4, "union_rules": True, "union_invest_only": True,
                  "single_company": True}


def run(cmd, log_path: Path) -> float:
    t0 = time.perf_counter()
    print("$", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=REPO)
    dt = time.perf_counter() - t0
    with open(log_path, "a", encoding="utf-8") as f:
        f.write(json.dumps({"cmd": " ".join(map(str, cmd)), "seconds": round(dt, 1)}, ensure_ascii=False) + "\n")
    print(f"  ({dt:.0f} s)", flush=True)
    return dt


def crossfit_spec(out: Path, crossfit: Path) -> Path:
    """A cross-fitting file for the model folder ``out`` (``extract.learn.pipe_predicted``): one folder per fold
    beside ``out`` whose entries link to ``out``'s own (so each step sees the files the steps before it wrote)
    except ``ner``, which links to that fold's NER from ``crossfit`` (``evaluation/crossfit_ner.py``)."""
    info = json.loads((crossfit / "crossfit.json").read_text(encoding="utf-8"))
    base = out.parent / f"{out.name}-crossfit"
    shutil.rmtree(base, ignore_errors=True)
    models = []
    for k, ner in enumerate(info["ner"]):
        d = base / f"fold{k}"
        d.mkdir(parents=True)
        cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
        members = drop_ensemble(cfg)  # the fold's NER alone: a member trained on every document would leak
        for entry in out.iterdir():
            if entry.name not in ("ner", "retrain.log", "MODEL_CARD.md", "config.json", *members):
                (d / entry.name).symlink_to(entry)
        (d / "config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (d / "ner").symlink_to((crossfit / ner).resolve(), target_is_directory=True)
        models.append(f"fold{k}")
    spec = base / "folds.json"
    spec.write_text(json.dumps({"folds": info["folds"], "models": models}, indent=1) + "\n", encoding="utf-8")
    return spec


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", nargs="+", required=True, help="SCHEMA JSONL training documents")
    ap.add_argument("--out", required=True, help="model folder to write")
    ap.add_argument("--base", default=str(REPO / "models" / "default"))
    ap.add_argument("--ner-config", help="NER training config (evaluation/ner/*.json)")
    ap.add_argument("--ner", help="an NER folder already trained (instead of --ner-config)")
    ap.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    ap.add_argument("--crossfit", help="a folder written by evaluation/crossfit_ner.py: the classifiers train on the "
                    "entities of fold NERs that never saw the document (see pipe_predicted in extract/learn)")
    ap.add_argument("--crossfit-steps", nargs="+", choices=CROSSFIT_STEPS, default=list(CROSSFIT_STEPS),
                    help="with --crossfit: the steps that train on the fold NERs' entities (default: all of them)")
    ap.add_argument("--relation-lists", action=argparse.BooleanOptionalAction, default=True,
                    help="train the relation classifier with its coordinated-list features (extract.learn.relations "
                    "--lists; default since 2026-12-05: cross-fitted relations +0.004 and +0.006 on two fold sets)")
    ap.add_argument("--relation-extra", action=argparse.BooleanOptionalAction, default=True,
                    help="train the relation classifier with its lexical features (extract.learn.relations --extra; "
                    "default since 2026-12-05: cross-fitted relations 0.369 -> 0.384)")
    ap.add_argument("--relation-duie", action=argparse.BooleanOptionalAction, default=False,
                    help="also train the relation classifier on the DuIE 2.0 headquarters sentences (extract.learn."
                         "relations --duie: 总部地点 → located_in)")
    ap.add_argument("--relation-l2", type=float, default=3e-4,
                    help="the relation classifier's L2 weight (extract.learn.relations --l2; 1e-3 until 2026-12-05)")
    args = ap.parse_args(argv)

    out = Path(args.out).resolve()
    gold = [str(Path(g).resolve()) for g in args.gold]
    for g in gold:
        if not Path(g).exists():
            ap.error(f"no such gold file: {g}")
    if "ner" in args.steps and not (args.ner_config or args.ner):
        ap.error("the ner step needs --ner-config or --ner (or leave it out with --steps)")
    if not out.exists():
        shutil.copytree(args.base, out, ignore=shutil.ignore_patterns("MODEL_CARD.md", "retrain.log"))
    log = out / "retrain.log"
    py = sys.executable

    if "ner" in args.steps:
        ner_dir = Path(args.ner).resolve() if args.ner else None
        if ner_dir is None:
            run_dir = out.parent / f"{out.name}-ner-run"
            run([py, "-m", "extract.learn.ner.train", Path(args.ner_config).resolve(), run_dir], log)
            ner_dir = run_dir / "model-best"
        shutil.rmtree(out / "ner", ignore_errors=True)
        shutil.copytree(ner_dir, out / "ner")
        cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
        for member in drop_ensemble(cfg):  # the base's other taggers were not trained with this NER's data
            shutil.rmtree(out / member, ignore_errors=True)
        (out / "config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    own = out  # what the classifier steps run their training documents through: the folder itself,
    spec = crossfit_spec(out, Path(args.crossfit).resolve()) if args.crossfit else None  # or the fold NERs

    def model_for(step: str):
        return spec if spec is not None and step in args.crossfit_steps else own
    if "names" in args.steps:
        entry = next((e for e in json.loads((out / "config.json").read_text(encoding="utf-8"))["pipeline"]
                      if e["factory"] == "entity_filter.v1" and e.get("person_names")), None)
        if entry is not None:
            run([py, "-m", "extract.learn.person_names", *gold, "-o", out / entry["person_names"]], log)
        for entry in (e for e in json.loads((out / "config.json").read_text(encoding="utf-8"))["pipeline"]
                      if e["factory"] == "gazetteer.v1"):
            for name in (f for f in entry.get("files", ()) if Path(f).name == "company_names.tsv"):
                run([py, "-m", "extract.learn.company_names", *gold, "-o", out / name], log)
    if "mentions" in args.steps:
        cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
        for entry in (e for e in cfg["pipeline"] if e["factory"] == "mention_filter.v1"):  # in pipeline order
            dest = out / entry.get("path", "mentions.json")
            old = json.loads(dest.read_text(encoding="utf-8")) if dest.is_file() else {}
            sources = old.get("sources", ["gazetteer"])
            if "ner" in sources and model_for("mentions") is own:
                print("  note: this filter judges NER matches too; without --crossfit it learns them on documents "
                      "the NER was trained on (see the model card, session 17)", flush=True)
            run([py, "-m", "extract.learn.mentions", *gold, "--name", entry["name"], "--types",
                 *old.get("types", ["INDUSTRY"]), "--sources", *sources, "--threshold",
                 old.get("threshold", MENTION_THRESHOLD), "--feature-set",
                 old.get("feature_set", 1) if dest.is_file() else MENTION_FEATURE_SET,
                 *(f"--source-threshold={k}={v}" for k, v in old.get("source_thresholds", {}).items()),
                 "--model", model_for("mentions"), "-o", dest], log)
    if "latin" in args.steps:
        entry = next((e for e in json.loads((out / "config.json").read_text(encoding="utf-8"))["pipeline"]
                      if e["factory"] == "latin_typer.v1"), None)
        if entry is not None:
            run([py, "-m", "extract.learn.latin_names", *gold, *LATIN_SETTINGS, "-o",
                 out / entry.get("path", "latin_names.json")], log)
    if "relations" in args.steps:
        rel_path = out / "relations.json"  # its per-type thresholds are kept
        kept = json.loads(rel_path.read_text(encoding="utf-8")).get("thresholds", {}) if rel_path.is_file() else {}
        run([py, "-m", "extract.learn.relations", *gold, "--relations", "located_in", "in_industry",
             *(["--lists"] if args.relation_lists else []), *(["--extra"] if args.relation_extra else []),
             *(["--duie"] if args.relation_duie else []),
             *[a for rel, t in sorted(kept.items()) for a in ("--type-threshold", f"{rel}={t}")],
             "--l2", str(args.relation_l2), "--model", model_for("relations"), "-o",
             out / "relations.json"], log)
    if "events" in args.steps:
        run([py, "-m", "extract.learn.events", *gold, "--duee", "--model", model_for("events"), "-o",
             out / "events_learned.json"], log)
        path = out / "events_learned.json"
        d = json.loads(path.read_text(encoding="utf-8"))
        d.update(EVENT_SETTINGS)
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    if "chooser" in args.steps:
        run([py, "-m", "extract.learn.facts", *gold, "--also-gold", "--nofact-margin", "1.0", "--override-margin",
             "1.0", "--model", model_for("chooser"), "-o", out / "facts_chooser.json"], log)
    if "trimmer" in args.steps:
        cfg_path = out / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        facts = next(e for e in cfg["pipeline"] if e["name"] == "facts")
        metric_model = facts.pop("metric_model", "facts_metric.json")
        cfg_path.write_text(json.dumps(cfg, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        try:
            run([py, "-m", "extract.learn.facts", "--metric-spans", *gold, "--model", model_for("trimmer"), "-o",
                 out / metric_model],
                log)
        finally:
            facts["metric_model"] = metric_model
            cfg_path.write_text(json.dumps(cfg, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"done: {out} (score it with: python evaluation/news_eval.py --split dev --model {out.name}={out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
