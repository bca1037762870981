"""PERSON names in bylines: ``作者 | 竹铭``, ``编辑：楚楚``, ``文｜晓鹏`` (GUIDELINES N1, N2: a reporter, author or editor
in a byline is a PERSON).

A byline role word (``byline_roles`` in ``extract/data/rules/persons.json``), a separator (| ｜ ： :) and a name of
2 to 4 Chinese characters that ends at a space, a line end, a bar or a bracket. Pen names (归去来, 计然) are names
too, which is why no family-name check is made. On the ZhIE-News train, extension and dev gold 64 of the 65 such
spans are gold persons (the other: 作者：智通财经, a medium), and the NER finds few of them (2026-12-05).

The separator may be 丨 (编辑丨高岩) or, where the name closes a bracket or a line, spaces (（编辑 潇湘）, 每经编辑 毕陆名);
the reporter in brackets after a dateline (C114讯 2月11日消息（苡臻）: ``dateline_reporter``) is a PERSON too (session 44).

A family name alone before a form of address (联系人：王老师, 商户韩先生, 吴女士: ``surname_titles``) is the PERSON too,
the title outside (GUIDELINES N3a): a single-character name of ``extract/data/surnames.txt`` that is not also a function
word (``surname_not_words``: 和老师 is "with the teacher"), after a non-Chinese character or one of ``surname_after``.
"""
from __future__ import annotations

import re
from typing import List, Optional

from extract.stages.recognizers._data import alternation, load_rules
from extract.textnorm import is_han


class BylineRecognizer:
    """Bylines, and a family name alone before a title (联系人：王老师, 商户韩先生: ``surname_titles``)."""

    def __init__(self, rules_dir: Optional[str] = None):
        from extract.stages.basic import family_names

        d = load_rules("persons", rules_dir)
        self.pattern = re.compile(rf"(?:{alternation(d['byline_roles'])})(?:[ \t]*[|｜丨：:][ \t]*"
                                  rf"(?P<name>[\u4e00-\u9fff]{{2,4}})(?=[\s|｜丨（(，,]|$)"
                                  rf"|[ \t\u3000]+(?P<spaced>[\u4e00-\u9fff]{{2,4}})(?=[)）]|[ \t]*\n|$))")
        # C114讯 2月11日消息（苡臻）: the reporter in brackets after the dateline (``dateline_reporter``)
        self.dateline = re.compile(d["dateline_reporter"]) if d.get("dateline_reporter") else None
        self.family = family_names()[0] - frozenset(d.get("surname_not_words", ()))
        self.family_after = frozenset(d.get("surname_after", ()))
        self.titles = re.compile(alternation(d["surname_titles"])) if d.get("surname_titles") else None

    def find(self, doc) -> List:
        norm = doc.norm
        found = [doc.entity("PERSON", *m.span("name" if m.group("name") else "spaced"), source="rules")
                 for m in self.pattern.finditer(norm)]
        if self.dateline is not None:  # (source "byline": merge gives it the tie over a place in a pen name, 南山)
            found += [doc.entity("PERSON", *m.span("name"), source="byline") for m in self.dateline.finditer(norm)]
        if self.titles is not None:  # the titles are rare: look for them, then at the character before
            for m in self.titles.finditer(norm):
                s = m.start() - 1
                if s < 0 or norm[s] not in self.family:
                    continue
                before = norm[s - 1] if s > 0 else ""
                if not is_han(before) or before in self.family_after:
                    found.append(doc.entity("PERSON", s, s + 1, source="rules"))
        return found
