"""Scoring predictions against gold annotations (SCHEMA.md §6), and ``evaluate()``.

The scorer is small on purpose: every section reduces a document to a multiset
of hashable tuples, gold and prediction tuples are matched one-to-one, and the
counts go into a :class:`PRF` (tp/fp/fn → precision/recall/F1, zero division
gives 0.0). All counts are summed over documents before dividing (micro).

=================  =================================================================
section            what one tuple is
=================  =================================================================
entities           ``(type, start, end)``; per type and micro (equals seqeval's
                   conlleval-style scores on the same spans written as BIO)
entities.overlap   same type, spans intersect; one-to-one maximum matching (below)
attributes         FIGURE / RANK attrs over exactly matched entity pairs
relations          ``(type, (head.start, head.end), (tail.start, tail.end))``
events.arguments   ``(event type, role, simplified argument text)`` as in DuEE
events.triggers    ``(event type, trigger.start, trigger.end)``
facts              ``(type, simplified subject text or None, simplified value
                   text, position)``; metric spans by character overlap (below)
=================  =================================================================

"Simplified text" is the entity's ``attrs["norm"]`` (its ``text`` when absent)
or a span argument's ``text``, passed through OpenCC t2s and full-width →
half-width (:func:`simplify`), so a gold file and a prediction that spell the
same thing in different scripts compare equal.

Ignore regions: every entity whose span lies entirely inside one of the GOLD
document's ``ignore`` regions is removed from both gold and prediction before
matching, together with the relations, facts (subject or value) and event
arguments that refer to it; triggers and span arguments inside a region go too.

Documents are paired by ``id``. A gold document with no prediction, or whose
prediction carries ``error``, counts all its gold items as false negatives and
is listed under ``docs.missing`` / ``docs.errors``. Predictions for ids not in
the gold set are listed under ``docs.extra`` and not scored.

>>> from extract.eval.evaluate import score, format_report
>>> report = score(gold_docs, pred_docs)      # Documents or SCHEMA dicts
>>> report["entities"]["micro"]["f1"]
>>> print(format_report(report))
"""
from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence

from extract.doc import Document

from extract.config import REPO_ROOT
DEFAULT_SPLITS = REPO_ROOT / "annotations" / "splits.json"

# Attributes compared for every exactly matched FIGURE / RANK pair, and the ones
# compared only when gold or prediction has them (min/max exist for ranges, rank
# for ordinals, top for top-N).
ATTRS_ALWAYS = {"FIGURE": ("value", "unit", "qualifier"), "RANK": ("scope",)}
ATTRS_IF_PRESENT = {"FIGURE": ("min", "max"), "RANK": ("rank", "top")}
NUMERIC_ATTRS = {"value", "min", "max", "rank", "top"}
REL_TOL = 1e-9


# --------------------------------------------------------------------------- PRF
@dataclass
class PRF:
    """Counts and the scores derived from them. Zero division gives 0.0, explicitly."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def __iadd__(self, other: "PRF") -> "PRF":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def to_dict(self) -> dict:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


class _Table:
    """PRF per group (type, role) plus the micro total."""

    def __init__(self):
        self.groups = defaultdict(PRF)

    def add(self, group: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.groups[group] += PRF(tp, fp, fn)

    @property
    def micro(self) -> PRF:
        total = PRF()
        for v in self.groups.values():
            total += v
        return total

    def to_dict(self, per: str = "per_type") -> dict:
        return {"micro": self.micro.to_dict(), per: {k: self.groups[k].to_dict() for k in sorted(self.groups)}}


# ----------------------------------------------------------------- text helpers
def simplify(text: Optional[str]) -> Optional[str]:
    """OpenCC t2s plus full-width → half-width: the comparison form of a text."""
    if text is None:
        return None
    from extract.textnorm import to_halfwidth, to_simplified
    return to_halfwidth(to_simplified(text))


def _ent_text(e) -> Optional[str]:
    if e is None:
        return None
    return simplify(e.attrs.get("norm") or e.text)


def _inside(start: int, end: int, regions: Sequence) -> bool:
    return any(s <= start and end <= e for s, e in regions)


# ------------------------------------------------------------- items per document
class _Item:
    """One scorable tuple with what the error report needs to show it."""

    __slots__ = ("key", "group", "span", "label", "obj", "metric")

    def __init__(self, key, group, span, label, obj=None, metric=None):
        self.key = key          # the hashable tuple that is matched
        self.group = group      # type / role for the per-group table
        self.span = span        # (start, end) used for sentence context, or None
        self.label = label      # readable form
        self.obj = obj          # the entity (attribute scoring)
        self.metric = metric    # (start, end) of a fact's metric span, or None


SECTIONS = ("entities", "relations", "event_args", "triggers", "facts")


def _items(doc: Document, regions: Sequence) -> dict:
    """Reduce a document to its scorable tuples, with ``regions`` (gold ignore) removed."""
    dropped = {id(e) for e in doc.entities if _inside(e.start, e.end, regions)}
    ents = [e for e in doc.entities if id(e) not in dropped]
    out = {s: [] for s in SECTIONS}
    for e in ents:
        out["entities"].append(_Item((e.type, e.start, e.end), e.type, (e.start, e.end), e.text, obj=e))
    for r in doc.relations:
        if id(r.head) in dropped or id(r.tail) in dropped:
            continue
        out["relations"].append(_Item(
            (r.type, (r.head.start, r.head.end), (r.tail.start, r.tail.end)), r.type,
            (min(r.head.start, r.tail.start), max(r.head.end, r.tail.end)),
            f"{r.head.text} [{r.head.start}:{r.head.end}] → {r.tail.text} [{r.tail.start}:{r.tail.end}]"))
    for ev in doc.events:
        t = ev.trigger
        if not _inside(t.start, t.end, regions):
            out["triggers"].append(_Item((ev.type, t.start, t.end), ev.type, (t.start, t.end), t.text))
        for a in ev.arguments:
            if a.ref is not None:
                if id(a.ref) in dropped:
                    continue
                text, span = _ent_text(a.ref), (a.ref.start, a.ref.end)
            elif a.span is not None:
                if _inside(a.span.start, a.span.end, regions):
                    continue
                text, span = simplify(a.span.text), (a.span.start, a.span.end)
            else:
                continue
            out["event_args"].append(_Item((ev.type, a.role, text), a.role, span, f"{ev.type}.{a.role} = {text}"))
    for f in doc.facts:
        if f.value is None or id(f.value) in dropped or (f.subject is not None and id(f.subject) in dropped):
            continue
        subj, val = _ent_text(f.subject), _ent_text(f.value)
        metric = (f.metric.start, f.metric.end) if f.metric is not None else None
        label = f"{f.type}: subject={subj} value={val}" + (f" position={f.position}" if f.position is not None else "")
        if f.metric is not None:
            label += f" metric={f.metric.text}"
        out["facts"].append(_Item((f.type, subj, val, f.position), f.type, (f.value.start, f.value.end),
                                  label, metric=metric))
    return out


def _match(gold: List[_Item], pred: List[_Item]):
    """Multiset matching on ``key``: returns (pairs, unmatched gold, unmatched pred).

    Items with equal keys are paired in order of position (span start), so the
    pairing is deterministic.
    """
    order = lambda it: (it.span or (0, 0), it.metric or (0, 0))  # noqa: E731
    pool = defaultdict(list)
    for g in sorted(gold, key=order):
        pool[g.key].append(g)
    pairs, fp = [], []
    for p in sorted(pred, key=order):
        bucket = pool.get(p.key)
        if bucket:
            pairs.append((bucket.pop(0), p))
        else:
            fp.append(p)
    fn = [g for bucket in pool.values() for g in bucket]
    fn.sort(key=order)
    return pairs, fn, fp


def overlap_matching(gold: Sequence[tuple], pred: Sequence[tuple]) -> List[tuple]:
    """Maximum one-to-one matching between gold and predicted ``(start, end)`` spans that intersect.

    Returns ``(gold_index, pred_index)`` pairs. The matching has the largest
    possible number of pairs (Kuhn's augmenting paths), so no gold or predicted
    span is counted twice and the count does not depend on list order; among
    candidates each gold span tries the predictions with the largest overlap
    first. Callers pass spans of one type at a time.
    """
    cands = []
    for gi, (gs, ge) in enumerate(gold):
        c = [(min(ge, pe) - max(gs, ps), pi) for pi, (ps, pe) in enumerate(pred) if gs < pe and ps < ge]
        c.sort(key=lambda x: (-x[0], x[1]))
        cands.append([pi for _, pi in c])
    owner = {}  # pred index -> gold index

    def augment(gi, seen):
        for pi in cands[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        if cands[gi]:
            augment(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())


def _same_value(a, b, numeric: bool) -> bool:
    if numeric and isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        if a == b:
            return True
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0)
    return a == b


def compare_attrs(type: str, gold_attrs: dict, pred_attrs: dict) -> dict:
    """``{attr: correct?}`` for one exactly matched FIGURE or RANK pair.

    FIGURE: value (within 1e-9 relative), unit, qualifier always; min and max
    when gold or prediction has them. RANK: scope always; rank and top when
    gold or prediction has them. A missing attribute on one side is wrong.
    """
    out = {}
    for a in ATTRS_ALWAYS.get(type, ()):
        out[a] = _same_value(gold_attrs.get(a), pred_attrs.get(a), a in NUMERIC_ATTRS)
    for a in ATTRS_IF_PRESENT.get(type, ()):
        if a in gold_attrs or a in pred_attrs:
            out[a] = _same_value(gold_attrs.get(a), pred_attrs.get(a), a in NUMERIC_ATTRS)
    return out


def _overlap_chars(a: Optional[tuple], b: Optional[tuple]) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# -------------------------------------------------------------------- the scorer
def as_document(x) -> Document:
    """A :class:`Document` from a Document or a SCHEMA §1 dict."""
    if isinstance(x, Document):
        return x
    if isinstance(x, dict):
        return Document.from_dict(x)
    raise TypeError(f"expected an extract.Document or a SCHEMA record dict, got {type(x).__name__}")


class Scorer:
    """Accumulates counts over (gold, prediction) document pairs; :meth:`report` gives the JSON report.

    ``add(gold, None)`` scores a document with no prediction (all gold items are
    false negatives). Use :func:`score` for whole collections.
    """

    def __init__(self):
        self.entities = _Table()
        self.overlap = _Table()
        self.relations = _Table()
        self.args = _Table()
        self.triggers = _Table()
        self.facts = _Table()
        self.metric = PRF()  # character counts, see score() docstring
        self.attr_counts = {t: defaultdict(lambda: [0, 0]) for t in ATTRS_ALWAYS}  # attr -> [correct, total]
        self.attr_pairs = Counter()       # type -> exactly matched pairs
        self.attr_all_correct = Counter()  # type -> pairs with every compared attr right
        self.n_docs = 0

    def add(self, gold, pred=None) -> None:
        gold = as_document(gold)
        pred = as_document(pred) if pred is not None else None
        if pred is not None and pred.error is not None:
            pred = None
        self.n_docs += 1
        regions = list(gold.ignore)
        g = _items(gold, regions)
        p = _items(pred, regions) if pred is not None else {s: [] for s in SECTIONS}

        for section, table in (("entities", self.entities), ("relations", self.relations),
                               ("event_args", self.args), ("triggers", self.triggers), ("facts", self.facts)):
            pairs, fn, fp = _match(g[section], p[section])
            for a, _ in pairs:
                table.add(a.group, tp=1)
            for a in fn:
                table.add(a.group, fn=1)
            for b in fp:
                table.add(b.group, fp=1)
            if section == "entities":
                self._attributes(pairs)
            if section == "facts":
                self._metric(pairs, g["facts"], p["facts"])

        by_type = defaultdict(lambda: ([], []))
        for it in g["entities"]:
            by_type[it.group][0].append(it.span)
        for it in p["entities"]:
            by_type[it.group][1].append(it.span)
        for t, (gs, ps) in by_type.items():
            n = len(overlap_matching(gs, ps))
            self.overlap.add(t, tp=n, fn=len(gs) - n, fp=len(ps) - n)

    def _attributes(self, pairs) -> None:
        for gi, pi in pairs:
            t = gi.key[0]
            if t not in ATTRS_ALWAYS:
                continue
            res = compare_attrs(t, gi.obj.attrs, pi.obj.attrs)
            self.attr_pairs[t] += 1
            self.attr_all_correct[t] += all(res.values())
            for a, ok in res.items():
                c = self.attr_counts[t][a]
                c[0] += ok
                c[1] += 1

    def _metric(self, pairs, gold_facts, pred_facts) -> None:
        overlap = sum(_overlap_chars(a.metric, b.metric) for a, b in pairs)
        gold_chars = sum(m[1] - m[0] for m in (f.metric for f in gold_facts) if m)
        pred_chars = sum(m[1] - m[0] for m in (f.metric for f in pred_facts) if m)
        self.metric += PRF(overlap, pred_chars - overlap, gold_chars - overlap)

    def report(self) -> dict:
        attrs = {}
        for t, counts in self.attr_counts.items():
            n = self.attr_pairs[t]
            attrs[t] = {
                "matched": n,
                "all_correct": (self.attr_all_correct[t] / n) if n else 0.0,
                "per_attr": {a: {"acc": c / tot if tot else 0.0, "correct": c, "total": tot}
                             for a, (c, tot) in sorted(counts.items())},
            }
        m = self.metric
        return {
            "entities": {**self.entities.to_dict(), "overlap": self.overlap.to_dict()},
            "attributes": attrs,
            "relations": self.relations.to_dict(),
            "events": {"arguments": self.args.to_dict("per_role"), "triggers": self.triggers.to_dict()},
            "facts": {**self.facts.to_dict(),
                      "metric_spans": {"p": m.p, "r": m.r, "f1": m.f1, "overlap_chars": m.tp,
                                       "pred_chars": m.tp + m.fp, "gold_chars": m.tp + m.fn}},
        }


def _pair_docs(gold_docs, pred_docs):
    """Yield (gold, pred-or-None) by id; returns bookkeeping for the ``docs`` section."""
    gold = [as_document(d) for d in gold_docs]
    seen = set()
    for i, d in enumerate(gold):
        if d.id is None:
            raise ValueError(f"gold document #{i} has no id; documents are matched by id")
        if d.id in seen:
            raise ValueError(f"gold id {d.id!r} occurs twice; ids must be unique")
        seen.add(d.id)
    preds = {}
    for i, d in enumerate(pred_docs):
        d = as_document(d)
        if d.id in preds:
            raise ValueError(f"prediction id {d.id!r} occurs twice; ids must be unique")
        preds[d.id] = d
    info = {"n_gold": len(gold), "n_pred": len(preds), "missing": [], "errors": {},
            "extra": sorted(str(k) for k in preds if k not in seen)}
    pairs = []
    for g in gold:
        p = preds.get(g.id)
        if p is None:
            info["missing"].append(g.id)
        elif p.error is not None:
            info["errors"][g.id] = p.error
            p = None
        elif p.text and p.text != g.text:
            at = next((i for i, (a, b) in enumerate(zip(g.text, p.text)) if a != b), min(len(g.text), len(p.text)))
            raise ValueError(
                f"document {g.id!r}: the prediction's text differs from the gold text (first at char {at}); "
                f"offsets cannot be compared. Run the model on the gold texts (evaluate(model=...)).")
        pairs.append((g, p))
    return pairs, info


def score(gold_docs: Iterable, pred_docs: Iterable) -> dict:
    """Score predictions against gold (SCHEMA §6). Docs are Documents or SCHEMA dicts.

    Returns the JSON report::

        {"entities":  {"micro": PRF, "per_type": {TYPE: PRF}, "overlap": {"micro", "per_type"}},
         "attributes": {"FIGURE"|"RANK": {"matched", "all_correct", "per_attr": {attr: {acc, correct, total}}}},
         "relations": {"micro", "per_type"},
         "events":    {"arguments": {"micro", "per_role"}, "triggers": {"micro", "per_type"}},
         "facts":     {"micro", "per_type", "metric_spans": {p, r, f1, overlap_chars, pred_chars, gold_chars}},
         "docs":      {"n_gold", "n_pred", "missing": [ids], "errors": {id: msg}, "extra": [ids]}}

    where PRF is ``{"p", "r", "f1", "tp", "fp", "fn"}``.

    Metric spans (facts): facts are first matched on their tuples (one-to-one,
    equal tuples paired in text order). ``overlap_chars`` is the sum, over
    matched fact pairs, of the number of character positions shared by the gold
    and the predicted ``metric`` spans; ``pred_chars`` / ``gold_chars`` are the
    total metric-span lengths of ALL predicted / gold facts (after ignore
    regions), matched or not. Then p = overlap_chars / pred_chars,
    r = overlap_chars / gold_chars, f1 = their harmonic mean (0.0 on zero division).
    """
    pairs, info = _pair_docs(gold_docs, pred_docs)
    sc = Scorer()
    for g, p in pairs:
        sc.add(g, p)
    rep = sc.report()
    rep["docs"] = info
    return rep


# ------------------------------------------------------------------- formatting
def _row(name: str, group: str, d: dict) -> str:
    return f"{name:<18}{group:<16}{d['p']:>7.3f}{d['r']:>7.3f}{d['f1']:>7.3f}{d['tp']:>7}{d['fp']:>7}{d['fn']:>7}"


def format_report(report: dict) -> str:
    """A readable terminal table of a :func:`score` (or cross-validation) report."""
    lines = []
    if report.get("cv"):
        names = [f["name"] for f in report.get("folds", [])]
        lines.append(f"Cross-validated: pooled over the held-out documents of {len(names)} folds ({', '.join(names)})")
    head = f"{'section':<18}{'type':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}"
    lines += [head, "-" * len(head)]

    def table(name, t, per="per_type"):
        lines.append(_row(name, "micro", t["micro"]))
        for k, v in t.get(per, {}).items():
            lines.append(_row("", k, v))

    table("entities", report["entities"])
    table("entities overlap", report["entities"]["overlap"])
    table("relations", report["relations"])
    table("event arguments", report["events"]["arguments"], "per_role")
    table("event triggers", report["events"]["triggers"])
    table("facts", report["facts"])
    m = report["facts"]["metric_spans"]
    lines.append(f"{'fact metric spans':<18}{'chars':<16}{m['p']:>7.3f}{m['r']:>7.3f}{m['f1']:>7.3f}"
                 f"   overlap {m['overlap_chars']} / pred {m['pred_chars']} / gold {m['gold_chars']}")
    lines.append("")
    lines.append("Attribute accuracy over exactly matched spans")
    for t, a in report["attributes"].items():
        parts = ", ".join(f"{k} {v['acc']:.3f} ({v['correct']}/{v['total']})" for k, v in a["per_attr"].items())
        lines.append(f"  {t:<7} matched {a['matched']:>5}  all-correct {a['all_correct']:.3f}  {parts}")
    docs = report.get("docs")
    if docs:
        lines.append("")
        lines.append(f"Documents: {docs['n_gold']} gold, {docs['n_pred']} predicted")
        if docs["missing"]:
            lines.append(f"  MISSING predictions (scored as all false negatives): {', '.join(map(str, docs['missing']))}")
        for k, v in docs["errors"].items():
            lines.append(f"  ERROR in prediction {k} (scored as all false negatives): {v}")
        if docs["extra"]:
            lines.append(f"  predictions without gold (not scored): {', '.join(docs['extra'])}")
    if report.get("cv"):
        lines.append("")
        lines.append(f"{'fold':<12}{'docs':>5}{'ent P':>8}{'ent R':>8}{'ent F1':>8}{'args F1':>9}{'facts F1':>10}")
        for f in report["folds"]:
            if "report" not in f:
                lines.append(f"{f['name']:<12}  skipped: {f.get('skipped', '')}")
                continue
            r = f["report"]
            e = r["entities"]["micro"]
            lines.append(f"{f['name']:<12}{len(f['test']):>5}{e['p']:>8.3f}{e['r']:>8.3f}{e['f1']:>8.3f}"
                         f"{r['events']['arguments']['micro']['f1']:>9.3f}{r['facts']['micro']['f1']:>10.3f}")
    return "\n".join(lines)


def _context(text: str, sents: list, span: Optional[tuple]) -> str:
    """The sentence holding ``span`` with the span marked 【…】, one line."""
    if span is None:
        return ""
    s0, e0 = span
    start, end = s0, e0
    for s, e in sents:
        if s <= s0 < e:
            start = s
        if s < e0 <= e:
            end = e
            break
    start = min(start, s0)
    end = max(end, e0)
    out = text[start:s0] + "【" + text[s0:e0] + "】" + text[e0:end]
    return " ".join(out.split())


SECTION_TITLES = {"entities": "Entities", "relations": "Relations", "event_args": "Event arguments",
                  "triggers": "Event triggers", "facts": "Facts"}


def error_report(gold_docs, pred_docs) -> str:
    """Markdown listing every false positive and false negative, with its sentence, grouped by type.

    Sections: entities (one subsection per type), relations, event arguments,
    event triggers, facts. The span is marked 【…】 inside its sentence.
    """
    from extract.stages.segment import split_sentences

    pairs, info = _pair_docs(gold_docs, pred_docs)
    # section -> group -> kind -> lines
    found = {s: defaultdict(lambda: {"fn": [], "fp": []}) for s in SECTIONS}
    for g, p in pairs:
        regions = list(g.ignore)
        gi = _items(g, regions)
        pi = _items(p, regions) if p is not None else {s: [] for s in SECTIONS}
        sents = split_sentences(g.text)
        for section in SECTIONS:
            _, fn, fp = _match(gi[section], pi[section])
            for kind, items in (("fn", fn), ("fp", fp)):
                for it in items:
                    where = f"[{it.span[0]}:{it.span[1]}]" if it.span else ""
                    found[section][it.group][kind].append(
                        f"- `{g.id}` {where} **{it.label}** — {_context(g.text, sents, it.span)}")
    out = ["# Error report", ""]
    if info["missing"]:
        out.append(f"Documents with no prediction (all their gold items are false negatives): "
                   f"{', '.join(map(str, info['missing']))}")
    for k, v in info["errors"].items():
        out.append(f"Prediction for `{k}` failed (all its gold items are false negatives): {v}")
    for section in SECTIONS:
        out += ["", f"## {SECTION_TITLES[section]}"]
        groups = found[section]
        if not groups:
            out.append("")
            out.append("No errors.")
            continue
        for group in sorted(groups):
            d = groups[group]
            out += ["", f"### {group}: {len(d['fn'])} false negatives, {len(d['fp'])} false positives"]
            if d["fn"]:
                out += ["", "False negatives (in gold, not predicted):", ""] + d["fn"]
            if d["fp"]:
                out += ["", "False positives (predicted, not in gold):", ""] + d["fp"]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ reading data
def read_jsonl(path, check_offsets: bool = True) -> List[Document]:
    """Read SCHEMA §1 records; a bad line raises ``ValueError`` naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No such file: {path}")
    docs = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
                doc = Document.from_dict(rec)
                if check_offsets and doc.error is None:
                    doc.check_offsets()
            except (ValueError, KeyError, TypeError) as e:
                what = f"missing field {e}" if isinstance(e, KeyError) else str(e)
                raise ValueError(f"{path}:{lineno}: {what}") from e
            docs.append(doc)
    return docs


def write_jsonl(docs: Iterable, path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d.to_dict() if isinstance(d, Document) else d, ensure_ascii=False) + "\n")


def load_folds(path=None) -> List[dict]:
    """The cross-validation folds of ``annotations/splits.json`` (or ``path``).

    Format: ``{"folds": [{"name": "fold-000", "test": [ids], "train": [ids]}, ...]}``.
    Raises ``ValueError`` when a fold is malformed or its test and train share an id.
    """
    path = Path(path) if path is not None else DEFAULT_SPLITS
    if not path.is_file():
        raise FileNotFoundError(f"No splits file at {path}; expected {{\"folds\": [{{\"name\", \"test\", \"train\"}}]}}")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    folds = data.get("folds") if isinstance(data, dict) else None
    if not isinstance(folds, list) or not folds:
        raise ValueError(f"{path}: expected a non-empty list under 'folds'")
    for i, fold in enumerate(folds):
        for k in ("name", "test", "train"):
            if k not in fold:
                raise ValueError(f"{path}: fold #{i} has no {k!r}")
        leak = set(fold["test"]) & set(fold["train"])
        if leak:
            raise ValueError(f"{path}: fold {fold['name']!r} has ids in both test and train: {sorted(leak)}")
    return folds


# -------------------------------------------------------------- cross-validation
def cross_validate(gold_docs, folds, make_pipeline: Callable, batch_size: int = 8,
                   predictions: Optional[list] = None) -> dict:
    """Score held-out predictions fold by fold; pooled = micro over all held-out documents.

    ``make_pipeline(train_docs)`` must build everything that learns from gold
    using only ``train_docs`` and return a pipeline (``.pipe(((text, id), ...))``).
    The report is :func:`score`'s, pooled, plus ``"cv": true`` and ``"folds"``:
    one entry per fold with its ``name``, ``test`` ids, ``n_train`` and its own
    ``report`` (or ``skipped`` when none of its test ids is in the gold set).
    Gold documents in no fold's test set are listed under ``not_in_folds``.
    Pass a list as ``predictions`` to get the held-out predicted documents
    appended to it (for :func:`error_report`).
    """
    gold = [as_document(d) for d in gold_docs]
    by_id = {d.id: d for d in gold}
    if isinstance(folds, (str, Path)) or folds is None:
        folds = load_folds(folds)
    pooled = Scorer()
    info = {"n_gold": 0, "n_pred": 0, "missing": [], "errors": {}, "extra": []}
    out_folds, tested = [], set()
    for fold in folds:
        test = [by_id[i] for i in fold["test"] if i in by_id]
        train = [by_id[i] for i in fold["train"] if i in by_id]
        entry = {"name": fold["name"], "test": [d.id for d in test], "n_train": len(train)}
        if not test:
            entry["skipped"] = "none of its test ids is in the gold set"
            out_folds.append(entry)
            continue
        nlp = make_pipeline(train)
        preds = list(nlp.pipe(((d.text, d.id) for d in test), batch_size=batch_size))
        if predictions is not None:
            predictions.extend(preds)
        rep = score(test, preds)
        entry["report"] = rep
        out_folds.append(entry)
        pairs, finfo = _pair_docs(test, preds)
        for g, p in pairs:
            pooled.add(g, p)
        for k in ("n_gold", "n_pred"):
            info[k] += finfo[k]
        info["missing"] += finfo["missing"]
        info["errors"].update(finfo["errors"])
        tested.update(d.id for d in test)
    rep = pooled.report()
    rep["docs"] = info
    rep["cv"] = True
    rep["folds"] = out_folds
    rep["not_in_folds"] = [d.id for d in gold if d.id not in tested]
    return rep


# ---------------------------------------------------------------------- evaluate
def evaluate(gold_path, pred_path=None, model=None, json_path=None, errors_path=None,
             cv: bool = False, folds=None, batch_size: int = 8) -> dict:
    """Score a prediction file, or a model run on the gold texts, against a gold JSONL file.

    Give exactly one of ``pred_path`` (a JSONL file of SCHEMA records) and
    ``model`` (anything :func:`extract.load` accepts: a model folder, ``"rules"``,
    a config dict). With ``cv=True`` (model only) the model is reloaded for each
    fold of ``folds`` (a splits file path or list; default
    ``annotations/splits.json``), taught that fold's training documents
    (:meth:`Pipeline.learn`) and run on its test documents; the pooled held-out
    report is returned. ``json_path`` writes the report
    as JSON, ``errors_path`` the markdown :func:`error_report` (with ``cv``:
    of the held-out predictions).
    """
    if (pred_path is None) == (model is None):
        raise ValueError("give exactly one of pred_path (a predictions JSONL) or model (a model to run)")
    gold = read_jsonl(gold_path)
    if cv:
        if model is None:
            raise ValueError("cross-validation needs a model to rebuild per fold (model=...), "
                             "not a fixed predictions file")
        from extract.pipeline import load
        preds = []
        rep = cross_validate(gold, folds, lambda train: load(model).learn(train), batch_size=batch_size,
                             predictions=preds)
        tested = {d.id for d in preds}
        gold = [d for d in gold if d.id in tested]
    else:
        if pred_path is not None:
            preds = read_jsonl(pred_path)
        else:
            from extract.pipeline import load
            nlp = load(model)
            preds = list(nlp.pipe(((d.text, d.id) for d in gold), batch_size=batch_size))
        rep = score(gold, preds)
        rep["cv"] = False
    rep["gold"] = str(gold_path)
    rep["pred"] = str(pred_path) if pred_path is not None else None
    rep["model"] = model if isinstance(model, (dict, type(None))) else str(model)
    if json_path:
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump(rep, f, ensure_ascii=False, indent=2)
    if errors_path:
        Path(errors_path).parent.mkdir(parents=True, exist_ok=True)
        with open(errors_path, "w", encoding="utf-8") as f:
            f.write(error_report(gold, preds))
    return rep


def add_cli(subparsers) -> None:
    """Add ``zhie evaluate`` to an argparse subparsers object."""
    p = subparsers.add_parser(
        "evaluate", help="score predictions or a model against gold annotations (SCHEMA §6)",
        description="Score a predictions JSONL file, or a model run on the gold texts, against gold JSONL.")
    p.add_argument("--gold", required=True, help="gold JSONL (SCHEMA §1 records)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", help="predictions JSONL, matched to gold by id")
    src.add_argument("--model", help="model folder or 'rules'; run on the gold texts")
    p.add_argument("--json", dest="json_path", help="write the report as JSON here")
    p.add_argument("--errors", dest="errors_path", help="write every false positive/negative as markdown here")
    p.add_argument("--cv", action="store_true", help="cross-validate the model over annotations/splits.json")
    p.add_argument("--folds", help="splits file for --cv (default annotations/splits.json)")
    p.set_defaults(func=_cli_evaluate)


def _cli_evaluate(args) -> int:
    try:
        rep = evaluate(args.gold, pred_path=args.pred, model=args.model, json_path=args.json_path,
                       errors_path=args.errors_path, cv=args.cv, folds=args.folds)
    except (ValueError, FileNotFoundError) as e:
        print(f"zhie evaluate: error: {e}", file=sys.stderr)
        return 2
    print(format_report(rep))
    return 0
