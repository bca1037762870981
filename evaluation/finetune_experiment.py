"""Does fine-tuning the shipped NER on a few fresh documents help on them without collapsing elsewhere?

    nice python evaluation/finetune_experiment.py [--variants frozen full ...] [--domains weibo resume]
        [--folds fold-000 fold-001] [--docs 50] [--out evaluation/finetune.json]

Each *variant* (``VARIANTS``) is the fine-tuning config of ``zhie train --base``
(``extract.learn.train.FINETUNE_CONFIG``) with its own rehearsal corpora and ``training`` values
(what is frozen, L2-SP, learning rate, how the new head starts), run through ``extract.learn.train.train``,
the code path users get. For each variant it measures:

(a) **new domain** (``--domains``): ``--docs`` documents drawn (seed 13) from the *train* split of a
    public corpus the shipped NER never trained on, fine-tuned on, then base vs fine-tuned scored
    with the NER alone on that corpus's *test* split. Label rule (documented in the output):
    Weibo: PER.NAM -> PERSON, GPE.NAM/LOC.NAM -> LOC, the rest (ORG.NAM, nominal *.NOM)
    ignored; one message = one document. Resume: NAME -> PERSON, LOC -> LOC; one document = 8
    consecutive sentences. Only PERSON and LOC are trained and scored: neither corpus tells companies
    from other organisations as SCHEMA does, so its ORG would teach a different convention.
(b) **the rest**: the CLUENER held-out part (never trained on), NER alone, mapped to ZhIE types,
    before and after, so a gain on (a) that costs (b) shows up as collapse (the UIE failure).
(c) **seed folds** (``--folds``): leave-one-document-out folds of annotations/gold.jsonl: fine-tune
    on the fold's training documents, score the held-out document with the full pipeline
    (COMPANY/ORG/LOC/PERSON entity F1) before and after.

Every fine-tuned model is scored with each head order (``training.speak_first``:
"base" = base head first, the new head fills gaps; "new" = the new head first, the base head
fills gaps; "typed" = the new head first for the types it was trained on, the base head first for
the others, ``precedence: "type"`` in the NER component). Wall time of each fine-tune (``zhie train`` minus data writing) is recorded.
Results are written after every run, so an interrupted run keeps what it measured.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NER_TYPES = ("COMPANY", "ORG", "LOC", "PERSON")

# name -> (corpora, training overrides) on top of extract.learn.train.FINETUNE_CONFIG
_REHEARSE_BASE_HEAD = {"corpus": "cluener", "split": "train", "head": "cluener", "sample": 0.15}
_SHORT = {"epochs": 4, "extra_repeat": 8}
_REHEARSE_NEW_HEAD = {"corpus": "cluener", "split": "train", "sample": 0.15, "into_extra": True}
VARIANTS = {
    # the configuration shipped before this experiment: everything trainable, rehearsal of the CLUENER head
    "full": ([_REHEARSE_BASE_HEAD], {"freeze": [], "l2sp": 0.0, "init_extra_from": None, "lr": 0.001, **_SHORT}),
    # encoder + base heads frozen; a fresh new head trained on the user's documents only
    "frozen": ([], {"freeze": ["encoder", "heads"], "l2sp": 0.0, "init_extra_from": None, "lr": 0.003, **_SHORT}),
    # encoder + base heads frozen; the new head also rehearses CLUENER (mapped to the user's types)
    "frozen_rehearse": ([_REHEARSE_NEW_HEAD], {"freeze": ["encoder", "heads"], "l2sp": 0.0,
                                               "init_extra_from": None, "lr": 0.003, **_SHORT}),
    # as frozen_rehearse, the new head starting as the CLUENER head's mapped rows, pulled toward them
    "frozen_init_rehearse": ([_REHEARSE_NEW_HEAD], {"freeze": ["encoder", "heads"], "l2sp": 0.01,
                                                    "init_extra_from": "cluener", "lr": 0.003, **_SHORT}),
    # as frozen_init_rehearse, with a smaller rehearsal sample, the user's documents weighted more, more steps
    "frozen_init_light": ([dict(_REHEARSE_NEW_HEAD, sample=0.05)],
                          {"freeze": ["encoder", "heads"], "l2sp": 0.01, "init_extra_from": "cluener",
                           "lr": 0.005, "extra_repeat": 16, "epochs": 6}),
    # as frozen_init_light with a 10x stronger pull toward the CLUENER head's rows
    "frozen_init_pull": ([dict(_REHEARSE_NEW_HEAD, sample=0.05)],
                         {"freeze": ["encoder", "heads"], "l2sp": 0.1, "init_extra_from": "cluener",
                          "lr": 0.005, "extra_repeat": 16, "epochs": 6}),
    # as frozen_init_light with rehearsal as large as the user's text per epoch (5% is diluted by long documents)
    "frozen_init_match": ([dict(_REHEARSE_NEW_HEAD, sample=1.0, match_extra=1.0)],
                          {"freeze": ["encoder", "heads"], "l2sp": 0.01, "init_extra_from": "cluener",
                           "lr": 0.005, "extra_repeat": 16, "epochs": 6}),
    # between the two: rehearsal 0.3x the user's text per epoch
    "frozen_init_match03": ([dict(_REHEARSE_NEW_HEAD, sample=1.0, match_extra=0.3)],
                            {"freeze": ["encoder", "heads"], "l2sp": 0.01, "init_extra_from": "cluener",
                             "lr": 0.005, "extra_repeat": 16, "epochs": 6}),
    # the top encoder layer trains too (small lr, L2-SP); both heads rehearse CLUENER
    "top_l2sp": ([_REHEARSE_BASE_HEAD, _REHEARSE_NEW_HEAD],
                 {"freeze": ["encoder_lower", "heads"], "l2sp": 0.01, "init_extra_from": "cluener", "lr": 0.0005,
                  **_SHORT}),
    # as top_l2sp, with a smaller rehearsal sample, the user's documents weighted more, more steps
    "top_light": ([dict(_REHEARSE_BASE_HEAD, sample=0.05), dict(_REHEARSE_NEW_HEAD, sample=0.05)],
                  {"freeze": ["encoder_lower", "heads"], "l2sp": 0.01, "init_extra_from": "cluener", "lr": 0.002,
                   "extra_repeat": 16, "epochs": 6}),
}


def variant_config(name: str) -> dict:
    from extract.learn.train import FINETUNE_CONFIG
    cfg = json.loads(json.dumps(FINETUNE_CONFIG))
    corpora, training = VARIANTS[name]
    cfg["corpora"] = json.loads(json.dumps(corpora))
    cfg["_allow_no_corpora"] = True
    cfg["training"].update(training, speak_first="base")
    return cfg


# PERSON and LOC only: neither corpus separates companies from other organisations as SCHEMA does
DOMAIN_MAPS = {
    "weibo": {"PER.NAM": "PERSON", "GPE.NAM": "LOC", "LOC.NAM": "LOC"},
    "resume": {"NAME": "PERSON", "LOC": "LOC"},
}
SENTS_PER_DOC = {"weibo": 1, "resume": 8}


def _tagger(model_dir: Path):
    """The folder's NER as its config runs it (the taggers of an ``ensemble`` averaged), its heads and precedence."""
    from extract.stages.ner.infer import EnsembleTagger
    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    entry = next(e for e in cfg["pipeline"] if e["factory"].startswith("ner."))
    paths = [model_dir / entry.get("path", "ner"), *(model_dir / m for m in entry.get("ensemble", ()))]
    return EnsembleTagger.load_all(paths), entry.get("heads"), entry.get("precedence", "head")


def _f(sc) -> dict:
    return {k: round(v.to_dict()["f"], 4) for k, v in sc.items()}


def typed_entities(tagger, heads, texts) -> list:
    """Entities with per-type precedence (``NumpyTagger.entities(precedence="type")``): the new head
    speaks first for the types it was trained on, the base head for the others, whatever order the
    model was assembled in."""
    base = tagger.config.get("output_head")
    new = next(h for h in heads if h != base)
    return tagger.entities(texts, [new, base], precedence="type")


def _entities(model_dir: Path, texts: list, typed: bool = False) -> list:
    tagger, heads, precedence = _tagger(model_dir)
    if typed and heads and len(heads) == 2:
        return typed_entities(tagger, heads, texts)
    return tagger.entities(texts, heads, precedence=precedence)


def cluener_scores(model_dir: Path, typed: bool = False) -> dict:
    from extract.learn.ner.data import load_corpus, load_label_map
    from extract.learn.ner.score import map_spans, score_spans

    ex = load_corpus("cluener", "holdout")
    gold = [map_spans(sp, load_label_map()["cluener"]) for _, sp in ex]
    return _f(score_spans(gold, _entities(model_dir, [t for t, _ in ex], typed), types=NER_TYPES))


def domain_docs(name: str, split: str) -> list:
    """``(text, [(s, e, ZhIE type)])`` documents of a new-domain corpus under the rule in the docstring."""
    from extract.learn.ner.data import load_corpus
    m = DOMAIN_MAPS[name]
    sents = [(t, [(s, e, m[lab]) for s, e, lab in sp if lab in m]) for t, sp in load_corpus(name, split)]
    k = SENTS_PER_DOC[name]
    docs = []
    for i in range(0, len(sents), k):
        text, spans = "", []
        for t, sp in sents[i:i + k]:
            sep = "\n" if text else ""
            off = len(text) + len(sep)
            text += sep + t
            spans += [(s + off, e + off, lab) for s, e, lab in sp]
        docs.append((text, spans))
    return docs


def domain_scores(model_dir: Path, docs: list, typed: bool = False) -> dict:
    from extract.learn.ner.score import score_spans
    pred = _entities(model_dir, [t for t, _ in docs], typed)
    return _f(score_spans([sp for _, sp in docs], pred, types=("LOC", "PERSON")))


def gold_scores(model_dir: Path, doc) -> dict:
    import extract
    from extract.eval.evaluate import score

    nlp = extract.load(model_dir)
    pred = list(nlp.pipe([(doc.text, doc.id)]))
    rep = score([doc], pred)["entities"]
    out = {t: round(rep["per_type"][t]["f1"], 4) for t in NER_TYPES if t in rep["per_type"]}
    out["micro"] = round(rep["micro"]["f1"], 4)
    return out


def as_records(docs: list, prefix: str) -> list:
    recs = []
    for i, (text, spans) in enumerate(docs):
        ents = [{"id": f"E{j}", "type": lab, "start": s, "end": e, "text": text[s:e], "attrs": {"norm": text[s:e]}}
                for j, (s, e, lab) in enumerate(spans, 1)]
        recs.append({"id": f"{prefix}{i:03d}", "text": text, "entities": ents, "relations": [], "events": [],
                     "facts": []})
    return recs


def reorder(model_dir: Path, typed: bool = False) -> Path:
    """A copy of ``model_dir`` whose NER heads are in the other order (base-first <-> new-first);
    with ``typed``, new-first with ``precedence: "type"`` (what ``speak_first: "typed"`` assembles)."""
    dest = model_dir.parent / (model_dir.name + ("-typed" if typed else "-swapped"))
    shutil.copytree(model_dir, dest)
    cfg = json.loads((dest / "config.json").read_text(encoding="utf-8"))
    for e in cfg["pipeline"]:
        if e["factory"].startswith("ner.") and e.get("heads"):
            e["heads"] = list(reversed(e["heads"]))
            if typed:
                e["precedence"] = "type"
    (dest / "config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    return dest


def finetune(records: list, tmp: Path, variant: str) -> tuple:
    """Fine-tune models/default on ``records`` with a variant's overrides; ``(seconds, {order: model dir})``."""
    from extract.learn.train import train
    data = tmp / "train.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    cfg = tmp / "config.json"
    cfg.write_text(json.dumps(variant_config(variant)), encoding="utf-8")
    t0 = time.time()
    train([data], tmp / "out", base=ROOT / "models" / "default", config=cfg, holdout=0.0, progress=False,
          log=lambda m: None)
    secs = round(time.time() - t0, 1)
    best = tmp / "out" / "model-best"
    return secs, {"base_first": best, "new_first": reorder(best), "typed": reorder(best, typed=True)}


def summarize(paths: list, variant: str, argv: list) -> dict:
    """One variant's rows from result files of this script, in the layout evaluation/make_report.py reads
    (``base_cluener``, ``folds`` with ``gold_after`` / ``cluener_after``), plus its new-domain rows."""
    from extract.learn.train import FINETUNE_CONFIG
    order = {"base": "base_first", "new": "new_first", "typed": "typed"}[
        FINETUNE_CONFIG["training"].get("speak_first", "base")]
    runs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    out = {"command": "python evaluation/finetune_experiment.py " + " ".join(argv),
           "variant": variant, "speak_first": order, "made_from": {str(p): r["command"] for p, r in zip(paths, runs)},
           "config": next((r["variants"][variant] for r in runs if variant in r.get("variants", {})), None),
           "base_cluener": runs[0]["base"]["cluener_holdout"],
           "new_domain": [], "folds": []}
    for r in runs:
        for e in r.get("domain", []):
            if e["variant"] == variant:
                out["new_domain"].append({"domain": e["domain"], "train_docs": e["train_docs"],
                                          "train_chars": e["train_chars"], "train_seconds": e["train_seconds"],
                                          "before": {e["domain"] + "_test": r["base"][e["domain"] + "_test"],
                                                     "cluener_holdout": r["base"]["cluener_holdout"]},
                                          "after": e[order], "after_typed": e.get("typed")})
        for e in r.get("folds", []):
            if e["variant"] == variant:
                out["folds"].append({"fold": e["fold"], "test": e["test"], "train_seconds": e["train_seconds"],
                                     "gold_before": e["gold_before"], "gold_after": e[order]["gold_after"],
                                     "cluener_after": e[order]["cluener_holdout"]})
    out["note"] = (f"variant {variant} (the zhie train --base default), head order {order}; the other variants "
                   f"and orders are in the files under made_from")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 epilog="Measures (a) new-domain test F1 (NER alone), (b) CLUENER held-out F1 "
                                        "(the rest), (c) held-out seed document F1 (full pipeline), base vs "
                                        "fine-tuned, and fine-tune wall time. See the module docstring.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    ap.add_argument("--domains", nargs="*", default=["weibo"], choices=list(DOMAIN_MAPS))
    ap.add_argument("--folds", nargs="*", default=[], help="seed folds, e.g. fold-000 fold-001 (default: none)")
    ap.add_argument("--docs", type=int, default=50, help="new-domain training documents")
    ap.add_argument("--doc-sentences", type=int, default=None,
                    help="sentences per new-domain document (default: Weibo 1, Resume 8); larger documents "
                         "measure the fine-tune time on long texts")
    ap.add_argument("--out", default=None, help="default: evaluation/finetune_runs.json "
                                                 "(evaluation/finetune.json with --summarize)")
    ap.add_argument("--summarize", nargs="+", metavar="RESULTS_JSON", default=None,
                    help="instead of running: write --variant's rows of these result files to --out "
                         "(the layout evaluation/make_report.py reads)")
    ap.add_argument("--variant", default="frozen_init_match03",
                    help="with --summarize (default: the variant zhie train --base uses)")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = str(ROOT / "evaluation" / ("finetune.json" if args.summarize else "finetune_runs.json"))
    if args.summarize:
        res = summarize(args.summarize, args.variant, list(argv or sys.argv[1:]))
        Path(args.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return 0
    import torch
    torch.set_num_threads(1)
    from extract.eval.evaluate import load_folds, read_jsonl

    base = ROOT / "models" / "default"
    if args.doc_sentences:
        SENTS_PER_DOC.update({d: args.doc_sentences for d in SENTS_PER_DOC})
    results = {"command": "nice python evaluation/finetune_experiment.py " + " ".join(argv or sys.argv[1:]),
               "variants": {v: variant_config(v) for v in args.variants},
               "label_rule": {"maps": DOMAIN_MAPS, "sentences_per_document": SENTS_PER_DOC,
                              "scoring": "NER alone; PERSON and LOC only (other gold labels ignored)"},
               "base": {"cluener_holdout": cluener_scores(base)}, "domain": [], "folds": []}

    def save():
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    for dom in args.domains:
        pool = domain_docs(dom, "train")
        train_docs = random.Random(13).sample(pool, min(args.docs, len(pool)))
        test = domain_docs(dom, "test")
        results["base"][dom + "_test"] = domain_scores(base, test)
        save()
        for v in args.variants:
            with tempfile.TemporaryDirectory() as tmp:
                secs, models = finetune(as_records(train_docs, dom), Path(tmp), v)
                entry = {"domain": dom, "variant": v, "train_docs": len(train_docs),
                         "train_chars": sum(len(t) for t, _ in train_docs), "train_seconds": secs}
                for order, m in models.items():
                    entry[order] = {dom + "_test": domain_scores(m, test), "cluener_holdout": cluener_scores(m)}
            results["domain"].append(entry)
            print(json.dumps(entry, ensure_ascii=False), flush=True)
            save()
    if args.folds:
        gold = {d.id: d for d in read_jsonl(ROOT / "annotations" / "gold.jsonl")}
        for fold in [f for f in load_folds() if f["name"] in args.folds]:
            test = gold[fold["test"][0]]
            before = gold_scores(base, test)
            for v in args.variants:
                with tempfile.TemporaryDirectory() as tmp:
                    secs, models = finetune([gold[i].to_dict() for i in fold["train"]], Path(tmp), v)
                    entry = {"fold": fold["name"], "test": test.id, "variant": v, "train_seconds": secs,
                             "gold_before": before}
                    for order, m in models.items():
                        entry[order] = {"gold_after": gold_scores(m, test), "cluener_holdout": cluener_scores(m)}
                results["folds"].append(entry)
                print(json.dumps(entry, ensure_ascii=False), flush=True)
                save()
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
