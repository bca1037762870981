"""POLICY recognizer: titles in 《》 (or a top-level 〈〉), the marks excluded from the span.

Only the bracket characters are visited (one regex over the text, a small
stack), so the cost is linear in the text length. An inner 〈〉 or 《》 stays
part of the outer title (《关于〈X〉的通知》 → one POLICY ``关于〈X〉的通知``).
Titles may run over a PDF line break; the ``title`` attr then has the line
breaks and spaces around them removed.

A title naming a publication (《财富》, 《人民日报》, anything ending in 日报, 周刊,
杂志, 报 …, or followed by 报道 / 记者 / 引述 …: ``extract/data/rules/policy.json``)
is not a POLICY: it is a media organization, returned as an ORG over the same
extent (GUIDELINES N2). Every other title is a POLICY: SCHEMA counts policies,
plans, laws and report titles, and in this domain 《》 titles are almost always
one of those (《中国制造2025》 has no keyword but is a strategy). A title that names a film (a ``work_cues`` word such
as 票房 or 上映 within ``work_window`` characters of one of its mentions: 《哪吒2》) is none at all, at every mention: a ``WORK`` span that keeps the tagger out of the title, and that
``merge.v1`` drops once it has.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

from extract.stages.recognizers._data import gated, load_rules

_ADJACENT_TITLES = re.compile(r"[》〉]\s*(?:[、,，和与及]\s*)?[《〈]")  # 》《, 》、《: the next title of a list
WORK = "WORK"  # a film's title: no entity, but none may lie inside it (dropped by merge.v1 after resolving overlaps)
_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")


# a title in Latin script alone (《CNBC》, 《The Information》): letters, digits, spaces and name punctuation
# a title holding a question or exclamation mark is an article's headline (《武汉要怎样“长”出一个“DeepSeek”？》,
# 《起猛了！哪吒、申公豹……现身宁波》): news train, extension and dev gold 1 of 8 such titles POLICY (a report), the
# names inside them tagged (session 53, pol); no span, so the tagger reads the names inside. Cross-fitted POLICY
# 327/37/191 -> 326/35/192 right/false/missed, entities micro 38814/4433 -> 38822/4432 (LOC, COMPANY inside)
_HEADLINE = re.compile(r"[？！?!]")
_LATIN_TITLE = re.compile(r"[A-Za-z][A-Za-z0-9 .&'’:,+\-]*")
# 《监管规则适用指引——发行类第10号》（下称“10号指引”）, 《…研究报告》（以下简称“报告”）: a policy title's defined short
# name, a POLICY too (news train, extension and dev gold 3 of 3; session 55, w5pol)
_ALIAS = re.compile(r"\s*[》〉]\s*[（(](?:以下)?(?:简称|下称|簡稱|下稱)[:：]?\s*[“「\"](?P<name>[^”」\"，,。；;：:\n]{1,20})[”」\"]")
# 《美墨加自贸协定》（USMCA）, 「活躍投資者升級簽證」（AIP）, 《2023全球独角兽榜》(Global Unicorn Index 2023): a policy's
# name in Latin script in brackets right after it is a POLICY too (news train, extension and dev gold 9 of 9 such
# bracketed Latin names POLICY, as the seeds'
# 《专利合作条约》（Patent Cooperation Treaty）; session 56, w5pol)
_LATIN_ALIAS = re.compile(r"\s*[》〉」”’]?\s*[（(]\s*(?P<name>[A-Za-z][A-Za-z0-9 \n.&'’:+\-]*[A-Za-z0-9])\s*[）)]")


class PolicyRecognizer:
    def __init__(self, rules_dir=None):
        p = load_rules("policy", rules_dir)
        self.open_of = {c: o for o, c in p["brackets"]}
        self.opens = {o for o, _ in p["brackets"]}
        self.max_chars = int(p["max_chars"])
        self.media = set(p["media_names"])
        self.media_suffixes = tuple(p["media_suffixes"])
        self.media_not_suffixes = tuple(p.get("media_not_suffixes", ()))
        self.media_cues = tuple(p.get("media_cues_after", ()))
        self.media_cues_before = tuple(p.get("media_cues_before", ()))
        self.latin_doc_after = tuple(p.get("latin_doc_after", ()))
        self.article_before = tuple(p.get("article_cues_before", ()))  # 刊发文章《…》: an article's title
        self.article_after = tuple(p.get("article_cues_after", ()))  # 《…》一文
        heads = p.get("quoted_heads")
        self.quoted = re.compile(r"[“「『](?P<name>[^”」』“「『，,。；;：:、的\s]{1,20}?(?:%s))[”」』]" % "|".join(
            map(re.escape, heads))) if heads else None
        self.quoted_max = int(p.get("quoted_max", 10))
        before = p.get("quoted_before")  # “新锐之星”计划, 「Future Ready Program」計劃: a quoted name before a plan word
        self.quoted_before = re.compile(r"[“「『‘](?P<name>[^”」』’“「『‘，,。；;：:、的\n]{2,20})[”」』’](?=%s)" % "|".join(
            map(re.escape, before))) if before else None
        lists = p.get("quoted_list_heads")  # “2021全球独角兽榜”, 「全球科技百強排行榜」: a quoted ranking list's title
        self.quoted_list = re.compile(r"[“「『](?P<name>[^”」』“「『，,。；;：:、的\s]{%d,%d}?(?:%s))[”」』]" % (
            int(p.get("quoted_list_min", 6)) - 1, int(p.get("quoted_list_max", 20)) - 1,
            "|".join(map(re.escape, lists)))) if lists else None
        years = p.get("quoted_year_heads")  # 「2025年最佳航空公司」, “2025年中国城投企业行业信用前景展望”: a year-led list or report
        self.quoted_year = re.compile(r"[“「『](?P<name>20\d\d年?[^”」』“「『，,。；;：:、的\s]{3,29}(?:%s))[”」』]" % "|".join(
            map(re.escape, years))) if years else None
        names = p.get("programme_names")
        # (behind a check of the names' first characters, which most positions fail: the same matches, the scan over
        # 740 news texts 0.096 -> 0.014 s)
        self.programmes = re.compile(gated("|".join(f"(?:{n})" for n in names))) if names else None
        cues = p.get("work_cues")
        self.work_cues = re.compile("|".join(map(re.escape, cues))) if cues else None
        self.work_window = int(p.get("work_window", 30))
        self.repeat_min = int(p.get("repeat_min", 0))  # 0: found names are not spread to their other mentions
        chars = "".join(re.escape(c) for pair in p["brackets"] for c in pair)
        self.marks = re.compile(f"[{chars}]")

    def __call__(self, doc) -> list:
        return self.find(doc)

    def is_media(self, title: str, after: str = "") -> bool:
        """Whether ``title`` names a publication; ``after``: the text right after its closing mark."""
        t = title.strip()
        after = after.lstrip(" \t")
        return (t in self.media or (t.endswith(self.media_suffixes) and not t.endswith(self.media_not_suffixes))
                or after.startswith(self.media_cues)
                or (_LATIN_TITLE.fullmatch(t) is not None and not after.startswith(self.latin_doc_after)))

    def find(self, doc) -> list:
        norm = doc.norm
        out = []
        # stack entries: [open char, position, titles closed inside it]; an inner title
        # counts only when its outer title never closes properly (or is not a title)
        stack = []

        def flush(entries):
            for e in entries:
                out.extend(e[2])

        for m in self.marks.finditer(norm):
            c, i = m.group(), m.start()
            if c in self.opens:
                if stack and i - stack[0][1] > self.max_chars:
                    flush(stack)  # unclosed marks far behind: give up on them
                    stack = []
                stack.append([c, i, []])
                continue
            want = self.open_of[c]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    break
            else:
                continue  # a closer without an opener
            entry = stack[k]
            flush(stack[k + 1:])  # unclosed marks inside: their own titles stand
            del stack[k:]
            ent = self._title(doc, entry[1] + 1, i)
            found = [ent] if ent is not None else entry[2]
            if stack:
                stack[-1][2].extend(found)
            else:
                out.extend(found)
        flush(stack)
        if self.quoted is not None:  # “百车行动”, 「黃金簽證」, “924新政”: a quoted name ending in a policy head
            for m in self.quoted.finditer(norm):
                if m.end("name") - m.start("name") <= self.quoted_max:
                    out.append(doc.entity("POLICY", m.start("name"), m.end("name"), source="policy"))
        for quoted in (self.quoted_before, self.quoted_list, self.quoted_year):  # “新锐之星”计划, “2021全球独角兽榜”
            for m in quoted.finditer(norm) if quoted is not None else ():
                if not any(e.start < m.end("name") and m.start("name") < e.end for e in out):
                    out.append(doc.entity("POLICY", m.start("name"), m.end("name"), source="policy"))
        if self.work_cues is not None:  # 《哪吒2》 … 票房: a film's title, wherever the document names it, is no POLICY
            w = self.work_window  # (around the title, not in it: 《电影产业促进法》 is a law)
            titles = {id(e): e.attrs.get("title", norm[e.start:e.end]) for e in out if e.type == "POLICY"}
            works = {titles[id(e)] for e in out if id(e) in titles and not norm.startswith(self.latin_doc_after, e.end + 1)
                     and (
                self.work_cues.search(norm, max(0, e.start - 1 - w), max(0, e.start - 1))
                or self.work_cues.search(norm, e.end + 1, e.end + 1 + w))}
            grown = True
            while grown:  # 《芭比》《冰雪奇缘2》《壮志凌云2》: a title listed next to a film's is a film's
                grown = False
                for a, b in zip(out, out[1:]):
                    for x, y in ((a, b), (b, a)):
                        if id(x) in titles and id(y) in titles and titles[id(y)] in works \
                                and titles[id(x)] not in works and _ADJACENT_TITLES.fullmatch(norm, a.end, b.start):
                            works.add(titles[id(x)])
                            grown = True
            for e in out:
                if id(e) in titles and titles[id(e)] in works:
                    e.type = WORK  # it keeps the tagger out of the title until merge.v1 drops it
        for e in [e for e in out if e.type == "POLICY"]:  # 《…第10号》（下称“10号指引”）: the title's short name, its Latin name (USMCA)
            m = _ALIAS.match(norm, e.end) or _LATIN_ALIAS.match(norm, e.end)
            if m and not any(x.start < m.end("name") and m.start("name") < x.end for x in out):
                out.append(doc.entity("POLICY", m.start("name"), m.end("name"), source="policy"))
        if self.programmes is not None:  # 一带一路, 两新, 国补, 債券通: a named programme without marks, outside a title
            # (after the film check, which reads titles only: 演讲 near 丝绸之路经济带 makes no film of it)
            spans = [(e.start, e.end) for e in out]
            for m in self.programmes.finditer(norm):
                if not any(a < m.end() and m.start() < b for a, b in spans):
                    out.append(doc.entity("POLICY", m.start(), m.end(), source="policy"))
        if self.repeat_min:  # 「小額豁免」 … 取消小額豁免規則: a POLICY name found once stands at its unmarked mentions too
            spans = [(e.start, e.end) for e in out]
            names = {norm[e.start:e.end] for e in out if e.type == "POLICY" and "title" not in e.attrs}
            for n in sorted(names, key=len, reverse=True):
                if len(n) < self.repeat_min or "%" in n:
                    continue
                for m in re.finditer(re.escape(n), norm):
                    if not any(a < m.end() and m.start() < b for a, b in spans):
                        out.append(doc.entity("POLICY", m.start(), m.end(), source="policy"))
                        spans.append((m.start(), m.end()))
        out.sort(key=lambda e: e.start)
        return out

    def _title(self, doc, start: int, end: int):
        norm = doc.norm
        if end <= start or end - start > self.max_chars:
            return None
        body = norm[start:end]
        if "\n\n" in body:
            return None
        ls = len(body) - len(body.lstrip())
        rs = len(body) - len(body.rstrip())
        start, end = start + ls, end - rs
        if end <= start:
            return None
        title = _BREAK.sub("", norm[start:end])
        if _HEADLINE.search(title) and not self.marks.search(title):  # 《DeepSeek，你也太懂…了吧！》: a headline
            return None  # (one holding a title, 《《哪吒2》各省份票房排名出炉！…》, stands: its figures make no facts then)
        if not self.marks.search(title) and (  # 刊发文章《科技引领价值重估 中国资产受关注》, 《…》一文: an article, no
                norm[max(0, start - ls - 8):start - ls - 1].endswith(self.article_before)  # POLICY (gold 6 of 6 none;
                or norm.startswith(self.article_after, end + rs + 1)):  # session 55, w5pol)
            return None
        if self.is_media(title, norm[end + rs + 1:end + rs + 8]) or \
                norm[max(0, start - ls - 5):start - ls - 1].endswith(self.media_cues_before):
            return doc.entity("ORG", start, end, source="policy")
        attrs = {"title": title} if title != norm[start:end] else {}
        return doc.entity("POLICY", start, end, attrs, source="policy")


@lru_cache(maxsize=1)
def default_recognizer() -> PolicyRecognizer:
    return PolicyRecognizer()


def find_policies(doc) -> List:
    """POLICY entities in ``doc`` (reads ``doc.norm``), and an ORG for each publication's title; ``[]`` when none."""
    return default_recognizer().find(doc)
