"""Side-by-side comparison of ZhIE's FIGURE / DATE normalization with cn2an and jionlp (issue 14).

Run from the repository root::

    nice python evaluation/parsers/compare.py

Data: gold documents of ``annotations/news/train.jsonl``, ``annotations/news/dev.jsonl``
and the seed documents ``annotations/gold.jsonl`` (read with
``extract.eval.evaluate.read_jsonl``). ``annotations/news/test.jsonl`` is frozen and
never read. Writes ``results.json`` and ``disagreements.md`` next to this file.

Input: every span-level parser (zhie_span, zhie_numerals, cn2an, jionlp) gets the
span's ``norm`` text — the document's simplified, half-width form
(``extract.textnorm.normalize`` on the whole document, as the pipeline's first stage does; same offsets) cut at the gold offsets — which is what ZhIE's recognizers read; so
兩/萬/億 and full-width digits are simplified for every parser alike.

Parsers (every call is wrapped in try/except and timed with ``perf_counter``;
an exception or an empty result counts as wrong for that span):

``zhie_context``
    What the pipeline gives: :func:`extract.stages.recognizers.figures.find_figures`
    (resp. ``dates.find_dates``) run on the WHOLE gold document, and the predicted
    entity with exactly the gold offsets taken. No entity at those offsets = no-parse
    (a boundary error of the recognizer, not a normalization error; counted apart).
    Its time is the per-document recognizer time divided by the spans of that document.
``zhie_span``
    The same recognizer on a one-line Document holding only the span text (the
    input the libraries get); the entity covering the whole span is taken. This is
    the fair like-for-like row; context-only cues (money word before a bare 万) are lost.
``cn2an``
    ``cn2an.transform(span, "cn2an")`` first (turns Chinese numerals, 百分之, into
    Arabic), then the numeral core(s) of the result (a run of digits, ``.``, ``,``
    and 万/亿/千/百/兆 characters, one space allowed before a magnitude, spaces then
    removed) are each read with ``cn2an.cn2an(core, "smart")``
    (which folds 万/亿). One core gives ``value``; two cores separated by a range
    mark (- — ~ 至 到) give ``min``/``max`` (no magnitude sharing: cn2an has none).
    cn2an knows no currency, so it is scored on the number only.
``zhie_numerals``
    ZhIE's numeral parser alone (:func:`extract.stages.recognizers.numerals.parse_number`)
    on the same numeral core(s) as the cn2an row (no transform): separates "our
    numeral reading" from "our recognizer knows the unit / qualifier words".
``jionlp``
    Spans with a money word (元, 美金, 人民币, $, 港币, 令吉, …; a text test, not gold)
    go whole to ``jionlp.parse_money(span)``; its ``num`` (a string, or a list of two
    strings for a range) is converted with ``float``; its ``case`` (元, 美元, 港元, …)
    is the currency; ``definition`` is mapped accurate→exact, blur→approx,
    blur+→more_than, blur-→less_than. jionlp has no public general number parser,
    so other spans (500家, 11.4%) go to parse_money with only their numeral part
    (first numeral character to last, so 1000-5000人 → ``1000-5000``) and only
    ``num`` is used. (Whole-span parse_money on counts misreads 个: 38个 → 11 元,
    10个 → 1 元, hence the routing; it is generous to jionlp.)
    Dates: ``jionlp.parse_time(span, time_base=doc_date)``; ``doc_date`` is the first
    full date (YYYY-MM-DD / YYYY年M月D日 / YYYY.M.D) in the first 400 characters of
    the document (the 发布时间 line in most news pages), else a fixed 2025-06-30.

Scoring (FIGURE): a span is "correct" for a parser when its numbers equal the gold
ones within 1e-9 relative: ``value`` for exact/approx/more_than/less_than/at_least
spans; ``min`` and ``max`` for range and vague spans (a parser giving a single
number there is wrong; a parser giving a pair on a single-valued span is wrong).
For money spans a second score "value+currency" also requires the currency
(cn2an: n/a). For ZhIE and jionlp a third score "value+qualifier" is reported.

Span classes (FIGURE, one per span, first that applies): ``range`` (gold qualifier
range), ``vague`` (gold qualifier vague), ``chinese_numeral`` (the span's numeral is
written with Chinese digits: 三十二亿, 两家, 近十倍), ``percent`` (gold unit % or 个百分点),
``money`` (gold unit a currency, incl. rates such as 元/平方米), ``count`` (the rest:
家, 人, 倍, 年, …). Extra tags, overlapping: ``tag:money_any``, ``tag:percent_any``,
``tag:magnitude`` (万/亿/兆 in the span), ``tag:qualified`` (qualifier not exact).

DATE: the gold files carry NO normalized DATE attributes (only ``norm``; SCHEMA.md
§2 defines none), so DATE accuracy against gold cannot be measured. For DATE the
script reports, per granularity class of the span text, how often each parser
returns something / raises / returns nothing, its time, and the AGREEMENT of ZhIE
with jionlp after resolving ZhIE's attrs into a day interval with the same base
date (year/month/day, year+part Qn/H1/H2, from/to, 十四五, 今年/去年 offsets;
other attrs — 年末, 近年来, 目前 … — are "not resolvable" and not compared).
Agreement is not accuracy; the disagreements file lists the spans to judge.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
import subprocess
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from extract.doc import Document  # noqa: E402
from extract.eval.evaluate import read_jsonl  # noqa: E402
from extract.stages.recognizers.dates import find_dates  # noqa: E402
from extract.stages.recognizers.figures import find_figures  # noqa: E402
from extract.stages.recognizers.numerals import parse_number  # noqa: E402
from extract.textnorm import normalize  # noqa: E402

FILES = ["annotations/news/train.jsonl", "annotations/news/dev.jsonl", "annotations/gold.jsonl"]
assert not any("test" in f for f in FILES)
REL_TOL = 1e-9
MAX_EXAMPLES = 20
FIXED_BASE = dt.datetime(2025, 6, 30)

CURRENCIES = {"元", "美元", "港元", "新台币", "欧元", "日元", "英镑"}
CN_DIGITS = set("零〇一二两三四五六七八九十")
MAGS = set("万亿兆")
JIO_DEF = {"accurate": "exact", "blur": "approx", "blur+": "more_than", "blur-": "less_than"}
JIO_CASE = {"人民币": "元", "港币": "港元", "美金": "美元"}

_CORE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?(?: ?[万亿千百兆])*|[零〇一二两三四五六七八九十百千万亿兆点]+")
_RANGE_MARK = re.compile(r"[-—–~～至到]")
_NUMCHAR = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿兆]")
_MONEY_WORD = re.compile(r"元|圆|块|美金|人民币|RMB|USD|HK\$|NT\$|\$|港币|港幣|英镑|日元|欧元|韩元|令吉|卢比|法郎|镑")
_DOC_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")


# ----------------------------------------------------------------- helpers
def num_eq(a, b) -> bool:
    if a is None or b is None:
        return False
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0) or a == b


def timed(fn, *args, **kw):
    """(result, exception text or None, seconds)."""
    t = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = fn(*args, **kw)
        return r, None, time.perf_counter() - t
    except Exception as e:  # noqa: BLE001 - any failure of a library is a wrong answer
        return None, f"{type(e).__name__}: {str(e)[:80]}", time.perf_counter() - t


def doc_base(text: str):
    m = _DOC_DATE.search(text[:400])
    if m:
        try:
            return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3))), True
        except ValueError:
            pass
    return FIXED_BASE, False


# ----------------------------------------------------------------- FIGURE
def figure_class(text: str, a: dict) -> str:
    q, unit = a.get("qualifier"), str(a.get("unit") or "")
    if q == "range":
        return "range"
    if q == "vague":
        return "vague"
    if any(ch in CN_DIGITS for core in _CORE.findall(text) for ch in core):
        return "chinese_numeral"
    if unit in ("%", "个百分点"):
        return "percent"
    if unit.split("/")[0] in CURRENCIES:
        return "money"
    return "count"


def figure_tags(text: str, a: dict) -> list:
    unit = str(a.get("unit") or "")
    tags = []
    if unit.split("/")[0] in CURRENCIES:
        tags.append("tag:money_any")
    if unit in ("%", "个百分点"):
        tags.append("tag:percent_any")
    if any(c in MAGS for c in text):
        tags.append("tag:magnitude")
    if a.get("qualifier") not in ("exact", None):
        tags.append("tag:qualified")
    return tags


def zhie_out(attrs) -> dict:
    if not attrs:
        return None
    out = {"value": attrs.get("value"), "unit": attrs.get("unit"), "qualifier": attrs.get("qualifier")}
    if "min" in attrs:
        out["min"], out["max"] = attrs["min"], attrs["max"]
    return out


def make_doc(text: str, id=None, normalized: bool = False) -> Document:
    """A Document with its ``norm`` set as the pipeline's normalizer stage sets it."""
    d = Document(text, id=id)
    d.norm = text if normalized else normalize(text)[0]
    return d


def zhie_span(text: str):
    d = make_doc(text, normalized=True)  # text is already the document-level norm
    for e in find_figures(d):
        if e.start == 0 and e.end == len(text):
            return zhie_out(e.attrs)
    return None


def cn2an_parse(text: str):
    import cn2an
    t = cn2an.transform(text, "cn2an")
    cores = [(m.start(), m.end(), m.group()) for m in _CORE.finditer(t)]
    cores = [c for c in cores if _NUMCHAR.search(c[2])]
    if not cores:
        return None
    vals = [cn2an.cn2an(c[2].replace(",", "").replace(" ", ""), "smart") for c in cores[:2]]
    if len(cores) >= 2 and _RANGE_MARK.search(t[cores[0][1]:cores[1][0]] or " "):
        return {"min": vals[0], "max": vals[1], "value": vals[0], "pair": True}
    return {"value": vals[0]}


def zhie_numerals(text: str):
    """ZhIE's numeral parser alone (``parse_number``) on the numeral core(s), the cn2an adapter's way."""
    cores = [(m.start(), m.end(), m.group()) for m in _CORE.finditer(text)]
    cores = [c for c in cores if _NUMCHAR.search(c[2])]
    if not cores:
        return None
    vals = [parse_number(c[2].replace(" ", "")) for c in cores[:2]]
    if vals[0] is None:
        return None
    if len(cores) >= 2 and _RANGE_MARK.search(text[cores[0][1]:cores[1][0]] or " "):
        return {"min": vals[0], "max": vals[1], "value": vals[0], "pair": True}
    return {"value": vals[0]}


def jio_parse(text: str):
    import jionlp as jio
    if _MONEY_WORD.search(text):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = jio.parse_money(text)
        retried = False
    else:
        ms = list(_NUMCHAR.finditer(text))
        if not ms:
            return None
        core = text[ms[0].start():ms[-1].end()]
        r = jio.parse_money(core)
        retried = True
    if not r or r.get("num") in (None, "", []):
        return None
    num = r["num"]
    out = {"unit": None if retried else JIO_CASE.get(r.get("case"), r.get("case")),
           "qualifier": None if retried else JIO_DEF.get(r.get("definition"), r.get("definition")),
           "retried": retried}
    if isinstance(num, (list, tuple)):
        out["min"], out["max"], out["value"], out["pair"] = float(num[0]), float(num[1]), float(num[0]), True
    else:
        out["value"] = float(num)
    return out


def judge_figure(cls: str, gold: dict, out: dict) -> dict:
    """{'value': bool, 'value+currency': bool|None, 'value+qualifier': bool|None}."""
    if not out:
        return {"value": False, "value+currency": False, "value+qualifier": False}
    pair_gold = cls in ("range", "vague") or gold.get("qualifier") in ("range", "vague")
    if pair_gold:
        ok = num_eq(out.get("min"), gold.get("min")) and num_eq(out.get("max"), gold.get("max"))
    else:
        ok = num_eq(out.get("value"), gold.get("value")) and not out.get("pair")
    cur = ok and out.get("unit") == gold.get("unit")
    qual = ok and out.get("qualifier") == gold.get("qualifier")
    return {"value": ok, "value+currency": cur, "value+qualifier": qual}


# ----------------------------------------------------------------- DATE
_DATE_CLASSES = [
    ("ymd", re.compile(r"(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}")),
    ("range", re.compile(r"\d{4}.*[-—–~～至到].*\d{2,4}")),
    ("ym", re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月")),
    ("year_part", re.compile(r"\d{4}\s*年.*(?:末|底|初|上半年|下半年|季度|Q[1-4]|前三季度|年度|中)")),
    ("year", re.compile(r"^(?:截至|截止)?\s*(?:19|20)\d{2}\s*年(?:以来|至今)?$")),
    ("md", re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|^\d{1,2}\s*月份?$")),
    ("chinese_year", re.compile(r"[〇零一二三四五六七八九]{4}年")),
    ("plan", re.compile(r"十[一二三四五六七八九]五")),
    ("relative", re.compile(r"今年|去年|明年|前年|本周|上周|近日|目前|当前|近年|近\S*年|近\S*月|日前|昨|今天|此前|年初|年底|月初|上半年|下半年|季度")),
]


def date_class(text: str) -> str:
    for name, rx in _DATE_CLASSES:
        if rx.search(text):
            return name
    return "other"


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def resolve_zhie_date(a: dict, base: dt.datetime):
    """ZhIE DATE attrs → (first day, last day) or None when not resolvable; 以来/至今 end at the base date."""
    if not a:
        return None
    if a.get("since"):
        r = resolve_zhie_date({k: v for k, v in a.items() if k != "since"}, base)
        return None if r is None else (r[0], base.date())
    keys = set(a) - {"norm", "asof", "since"}
    try:
        if {"from", "to"} <= keys:
            return dt.date(int(a["from"]), 1, 1), dt.date(int(a["to"]), 12, 31)
        year = a.get("year")
        if year is None and a.get("relative") == "year":
            year = base.year + int(a.get("offset", 0))
        elif year is None and ("month" in a) and not (keys - {"month", "day"}):
            year = base.year
        if year is None:
            return None
        year = int(year)
        part = a.get("part")
        if keys - {"year", "month", "day", "part", "relative", "offset"}:
            return None
        if a.get("relative") not in (None, "year"):
            return None
        if "month" in a:
            m = int(a["month"])
            if "day" in a:
                d = dt.date(year, m, int(a["day"]))
                return d, d
            return dt.date(year, m, 1), _month_end(year, m)
        if part is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if re.fullmatch(r"Q[1-4]", part):
            q = int(part[1])
            return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        if part == "H1":
            return dt.date(year, 1, 1), dt.date(year, 6, 30)
        if part == "H2":
            return dt.date(year, 7, 1), dt.date(year, 12, 31)
        if part == "Q1-Q3":
            return dt.date(year, 1, 1), dt.date(year, 9, 30)
        if part == "year":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        return None
    except (ValueError, TypeError):
        return None


def jio_interval(r):
    if not r or not r.get("time"):
        return None
    t = r["time"]
    if r.get("type") in ("time_point", "time_span") and isinstance(t, list) and len(t) == 2:
        try:
            a = dt.datetime.strptime(t[0], "%Y-%m-%d %H:%M:%S").date()
            b = dt.datetime.strptime(t[1], "%Y-%m-%d %H:%M:%S").date()
            return a, b
        except (ValueError, TypeError):
            return None
    return None


# ----------------------------------------------------------------- run
def main() -> int:
    import cn2an
    import jionlp as jio
    t0 = time.time()
    versions = {"cn2an": getattr(cn2an, "__version__", None), "jionlp": getattr(jio, "__version__", None),
                "python": sys.version.split()[0]}
    from importlib.metadata import version
    for k in ("cn2an", "jionlp"):
        versions[k] = versions[k] or version(k)
    # warm up (jionlp loads its dictionaries on the first call)
    for f, a in ((cn2an_parse, "三十二亿元"), (jio_parse, "三十二亿元"), (zhie_span, "超15亿元")):
        timed(f, a)
    timed(jio.parse_time, "2025年10月", time_base=FIXED_BASE)
    timed(find_dates, make_doc("2025年10月"))

    FP = ("zhie_context", "zhie_span", "zhie_numerals", "cn2an", "jionlp")
    fig = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))   # parser → class → counter
    fig_time = defaultdict(list)
    fig_examples = defaultdict(list)
    DP = ("zhie_context", "zhie_span", "jionlp")
    dat = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    dat_time = defaultdict(list)
    dat_examples = defaultdict(list)
    n_docs = {}
    n_based = 0
    lib_wins = defaultdict(list)
    lib_losses = defaultdict(lambda: defaultdict(int))
    boundary = []

    for path in FILES:
        docs = read_jsonl(ROOT / path)
        n_docs[path] = len(docs)
        for doc in docs:
            base, known = doc_base(doc.text)
            n_based += known
            norm = normalize(doc.text)[0]  # simplified, half-width, same offsets: what the recognizers read
            figs = [e for e in doc.entities if e.type == "FIGURE"]
            dates = [e for e in doc.entities if e.type == "DATE"]
            ctx_fig, ctx_dat, tf, td = {}, {}, 0.0, 0.0
            if figs:
                pd = make_doc(doc.text, id=doc.id)
                res, err, tf = timed(find_figures, pd)
                ctx_fig = {(e.start, e.end): e.attrs for e in (res or [])}
            if dates:
                pd = make_doc(doc.text, id=doc.id)
                res, err, td = timed(find_dates, pd)
                ctx_dat = {(e.start, e.end): e.attrs for e in (res or [])}

            for e in figs:
                gold = {k: v for k, v in e.attrs.items() if k != "norm"}
                if gold.get("value") is None:
                    continue
                cls = figure_class(e.text, gold)
                rows = [cls, "ALL"] + figure_tags(e.text, gold)
                outs, excs = {}, {}
                ctx = ctx_fig.get((e.start, e.end))
                outs["zhie_context"], excs["zhie_context"] = zhie_out(ctx), None
                fig_time["zhie_context"].append(tf / len(figs))
                if ctx is None:
                    boundary.append((path, doc.id, e.text))
                for name, fn in (("zhie_span", zhie_span), ("zhie_numerals", zhie_numerals), ("cn2an", cn2an_parse),
                                 ("jionlp", jio_parse)):
                    r, x, s = timed(fn, norm[e.start:e.end])
                    outs[name], excs[name] = r, x
                    fig_time[name].append(s)
                judged = {p: judge_figure(cls, gold, outs[p]) for p in FP}
                for p in FP:
                    for row in rows:
                        c = fig[p][row]
                        c["total"] += 1
                        c["correct"] += judged[p]["value"]
                        c["exception"] += excs[p] is not None
                        c["no_parse"] += excs[p] is None and not outs[p]
                        if gold.get("unit", "").split("/")[0] in CURRENCIES and p not in ("cn2an", "zhie_numerals"):
                            c["money_total"] += 1
                            c["correct_value+currency"] += judged[p]["value+currency"]
                        if p not in ("cn2an", "zhie_numerals"):
                            c["correct_value+qualifier"] += judged[p]["value+qualifier"]
                for lib in ("cn2an", "jionlp"):
                    for ours in ("zhie_numerals", "zhie_context"):
                        if judged[lib]["value"] and not judged[ours]["value"]:
                            lib_wins[f"{lib}>{ours}"].append((cls, e.text, gold.get("value"), outs[ours], outs[lib]))
                        if judged[ours]["value"] and not judged[lib]["value"]:
                            lib_losses[f"{ours}>{lib}"][cls] += 1
                # disagreement examples: any parser right while another wrong, or all wrong
                oks = {p: judged[p]["value"] for p in FP}
                if len(set(oks.values())) > 1 or not any(oks.values()):
                    if len(fig_examples[cls]) < MAX_EXAMPLES:
                        fig_examples[cls].append({
                            "doc": f"{Path(path).name}:{doc.id}", "text": e.text, "gold": gold,
                            **{p: (outs[p] if excs[p] is None else f"EXC {excs[p]}") for p in FP},
                            "ok": oks})

            for e in dates:
                cls = date_class(e.text)
                outs, excs = {}, {}
                ctx = ctx_dat.get((e.start, e.end))
                outs["zhie_context"], excs["zhie_context"] = ({k: v for k, v in ctx.items() if k != "norm"}
                                                              if ctx else None), None
                dat_time["zhie_context"].append(td / len(dates))
                r, x, s = timed(lambda t: next(({k: v for k, v in en.attrs.items() if k != "norm"}
                                                for en in find_dates(make_doc(t, normalized=True))
                                                if en.start == 0 and en.end == len(t)), None), norm[e.start:e.end])
                outs["zhie_span"], excs["zhie_span"] = r, x
                dat_time["zhie_span"].append(s)
                r, x, s = timed(jio.parse_time, norm[e.start:e.end], time_base=base)
                outs["jionlp"], excs["jionlp"] = r, x
                dat_time["jionlp"].append(s)
                zi = resolve_zhie_date(outs["zhie_context"], base)
                ji = jio_interval(outs["jionlp"])
                for row in (cls, "ALL"):
                    for p in DP:
                        c = dat[p][row]
                        c["total"] += 1
                        c["exception"] += excs[p] is not None
                        c["no_parse"] += excs[p] is None and not outs[p]
                        c["parsed"] += bool(outs[p])
                    c = dat["agreement"][row]
                    c["total"] += 1
                    c["zhie_resolvable"] += zi is not None
                    if zi is not None and ji is not None:
                        c["both_intervals"] += 1
                        c["agree"] += zi == ji
                if (zi is None or ji is None or zi != ji) and len(dat_examples[cls]) < MAX_EXAMPLES:
                    dat_examples[cls].append({
                        "doc": f"{Path(path).name}:{doc.id}", "text": e.text, "base": base.date().isoformat(),
                        "base_known": known,
                        "zhie": outs["zhie_context"], "zhie_interval": [str(d) for d in zi] if zi else None,
                        "jionlp": outs["jionlp"] if excs["jionlp"] is None else f"EXC {excs['jionlp']}",
                        "jionlp_interval": [str(d) for d in ji] if ji else None})

    def ms(xs):
        xs = sorted(xs)
        return {"mean_ms": round(1000 * sum(xs) / len(xs), 4) if xs else None,
                "median_ms": round(1000 * xs[len(xs) // 2], 4) if xs else None,
                "max_ms": round(1000 * xs[-1], 3) if xs else None, "n": len(xs)}

    def plain(d):
        return {k: (plain(v) if isinstance(v, dict) else v) for k, v in d.items()}

    for p in fig:
        for row, c in fig[p].items():
            c["accuracy"] = round(c["correct"] / c["total"], 4) if c["total"] else None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    results = {
        "command": "nice python evaluation/parsers/compare.py",
        "run_date": dt.datetime.now().isoformat(timespec="seconds"),
        "git_commit": commit,
        "versions": versions,
        "data": {"files": FILES, "documents": n_docs,
                 "documents_with_detected_date": n_based,
                 "figure_spans": fig["jionlp"]["ALL"]["total"], "date_spans": dat["jionlp"]["ALL"]["total"],
                 "figure_spans_without_zhie_entity_at_gold_offsets": len(boundary)},
        "figure": plain(fig),
        "figure_pairwise": {"library_right_ours_wrong": {k: dict(Counter(c for c, *_ in v)) for k, v in lib_wins.items()},
                            "ours_right_library_wrong": plain(lib_losses)},
        "figure_time_per_span": {p: ms(fig_time[p]) for p in FP},
        "date_entities": plain(dat),
        "date_time_per_span": {p: ms(dat_time[p]) for p in DP},
        "runtime_s": round(time.time() - t0, 1),
    }
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n",
                                       encoding="utf-8")

    def fmt(o):
        return json.dumps(o, ensure_ascii=False, default=str) if not isinstance(o, str) else o

    lines = ["# Parser disagreements (generated by compare.py; do not edit)", "",
             f"Commit {commit}, {results['run_date']}. Up to {MAX_EXAMPLES} spans per class where the parsers "
             "disagree on correctness (or all are wrong). `ok` = value correct against gold.", ""]
    lines.append("## FIGURE")
    for cls in sorted(fig_examples):
        lines += ["", f"### {cls}", "", "| doc | span | gold | zhie_context | zhie_span | zhie_numerals | cn2an | jionlp | ok (ctx/span/num/cn2an/jio) |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for x in fig_examples[cls]:
            ok = "/".join("Y" if x["ok"][p] else "n" for p in FP)
            cells = [x["doc"], x["text"].replace("\n", "⏎"), fmt(x["gold"])] + [fmt(x[p]) for p in FP] + [ok]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "## FIGURE: every span where a library is right and ZhIE's numeral parser (zhie_numerals) is wrong"]
    for k in ("cn2an>zhie_numerals", "jionlp>zhie_numerals"):
        lines += ["", f"### {k} ({len(lib_wins[k])})", "", "| class | span | gold value | zhie_numerals | library |", "|---|---|---|---|---|"]
        for cls, text, gv, o, l in lib_wins[k]:
            lines.append("| " + " | ".join(fmt(x).replace("|", "\\|") for x in (cls, text.replace("\n", "⏎"), gv, o, l)) + " |")
    lines += ["", "## DATE (no gold normalization exists; ZhIE vs jionlp, not accuracy)"]
    for cls in sorted(dat_examples):
        lines += ["", f"### {cls}", "", "| doc | span | base (known?) | zhie attrs | zhie interval | jionlp | jionlp interval |",
                  "|---|---|---|---|---|---|---|"]
        for x in dat_examples[cls]:
            cells = [x["doc"], x["text"].replace("\n", "⏎"), f"{x['base']} ({'y' if x['base_known'] else 'n'})",
                     fmt(x["zhie"]), fmt(x["zhie_interval"]), fmt(x["jionlp"]), fmt(x["jionlp_interval"])]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    (HERE / "disagreements.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # console summary
    print(f"FIGURE spans {results['data']['figure_spans']}, DATE spans {results['data']['date_spans']}")
    rows = sorted(fig["jionlp"], key=lambda r: (r.startswith("tag:"), r == "ALL", r))
    print(f"{'class':20}" + "".join(f"{p:>16}" for p in FP))
    for row in rows:
        print(f"{row + ' (' + str(fig['jionlp'][row]['total']) + ')':20}"
              + "".join(f"{fig[p][row]['correct']:>9} {fig[p][row]['accuracy']:.3f}" for p in FP))
    print("time/span", {p: results["figure_time_per_span"][p]["mean_ms"] for p in FP})
    for row in sorted(dat["agreement"]):
        print("DATE", row, dict(dat["agreement"][row]), {p: dat[p][row]["parsed"] for p in DP})
    print("runtime", results["runtime_s"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
