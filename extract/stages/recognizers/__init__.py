"""Rule recognizers for FIGURE, DATE, RANK and POLICY entities, legal COMPANY names and the PERSONs of bylines.

Each recognizer reads ``doc.norm`` (simplified, half-width, same length as
``doc.text``, so traditional input works unchanged) and returns a list of
:class:`~extract.doc.Entity` (``[]`` when nothing is found)::

    from extract.stages.recognizers import find_figures, find_dates, find_ranks, find_policies
    find_figures(doc)   # [Entity(FIGURE 12:19 '超15億元' {'value': 1500000000, 'unit': '元', ...})]

A recognizer never returns overlapping spans of its own; spans of different
recognizers may overlap (the ``merge.v1`` component resolves that).
The language knowledge lives in ``extract/data/rules/*.json``, compiled once
per recognizer object; ``find_*`` use a cached default instance.

Pipeline component ``rules.v1``: appends the entities of the enabled
recognizers to ``doc.entities`` (``doc.norm`` must be set: run
``normalize.v1`` first).
"""
from __future__ import annotations

from extract.registry import components
from extract.stages.recognizers.companies import CompanyRecognizer, ShortCompanyRecognizer, find_companies
from extract.stages.recognizers.dates import DateRecognizer, find_dates
from extract.stages.recognizers.figures import FigureRecognizer, find_figures
from extract.stages.recognizers.numerals import Numerals, parse_number
from extract.stages.recognizers.persons import BylineRecognizer
from extract.stages.recognizers.policy import PolicyRecognizer, find_policies
from extract.stages.recognizers.ranks import RankRecognizer, find_ranks

__all__ = ["find_figures", "find_dates", "find_ranks", "find_policies", "find_companies", "parse_number", "make_rules",
           "FigureRecognizer", "DateRecognizer", "RankRecognizer", "PolicyRecognizer", "CompanyRecognizer",
           "ShortCompanyRecognizer", "BylineRecognizer", "Numerals"]


_LAST_N_FIGURE = ("近", "接近", "将近")  # (FigureRecognizer.last_n_prefixes and last_n_units: the windows it reads
_LAST_N_UNITS = ("年", "个月")           # as durations only after a duration verb)


@components.register("rules.v1")
def make_rules(nlp, figures: bool = True, dates: bool = True, ranks: bool = True, policies: bool = True,
               companies: bool = True, bylines: bool = True, rules_dir: str = None):
    """Build the rule component. ``rules_dir`` swaps in another folder of rules data files."""
    num = Numerals(rules_dir)
    finders = []
    if figures:
        finders.append(FigureRecognizer(rules_dir, numerals=num).find)
    if dates:
        finders.append(DateRecognizer(rules_dir, numerals=num).find)
    if ranks:
        finders.append(RankRecognizer(rules_dir, numerals=num).find)
    if policies:
        finders.append(PolicyRecognizer(rules_dir).find)
    if companies:
        finders.append(CompanyRecognizer(rules_dir).find)
        finders.append(ShortCompanyRecognizer(rules_dir).find)
    if bylines:
        finders.append(BylineRecognizer(rules_dir).find)

    def rules(doc):
        found = [e for find in finders for e in find(doc)]
        # 排14位 / 近2周: the rank and date recognizers read the ranking verb or the window word (近, 过去, 未来)
        # before the count the figure recognizer saw, so a FIGURE with the very extent of a RANK or of a relative
        # window DATE gives way
        # — unless the FIGURE itself opens with the window word (经过近4年时间, 经历了近一年: the figure recognizer reads
        # 近N年 only after a duration verb, a duration FIGURE in the news gold at 3 of 3; then the DATE gives way)
        durations = {(e.start, e.end) for e in found
                     if e.type == "FIGURE" and doc.norm.startswith(_LAST_N_FIGURE, e.start)
                     and e.attrs.get("unit") in _LAST_N_UNITS}
        ranks = {(e.start, e.end) for e in found
                 if e.type == "RANK" or (e.type == "DATE" and e.attrs.get("relative") in ("last", "next")
                                         and (e.start, e.end) not in durations)}
        # and 連升3日: the days of a streak (a FIGURE in 日, FigureRecognizer._streak_days) are no day of the month
        streaks = {(e.start, e.end) for e in found if e.type == "FIGURE" and e.attrs.get("unit") == "日"}
        doc.entities.extend(e for e in found if (e.type != "FIGURE" or (e.start, e.end) not in ranks)
                            and (e.type != "DATE" or ((e.start, e.end) not in streaks
                                                      and (e.start, e.end) not in durations)))
        return doc

    return rules
