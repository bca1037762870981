"""PERSON names in bylines: ``作者 | 竹铭``, ``编辑：楚楚``, ``文｜晓鹏`` (GUIDELINES N1, N2: a reporter, author or editor
in a byline is a PERSON).

A byline role word (``byline_roles`` in ``extract/data/rules/persons.json``), a separator (| ｜ ： :) and a name of
2 to 4 Chinese characters that ends at a space, a line end, a bar or a bracket. Pen names (归去来, 计然) are names
too, which is why no family-name check is made. On the ZhIE-News train, extension and dev gold 64 of the 65 such
spans are gold persons (the other: 作者：智通财经, a medium), and the NER finds few of them (2026-12-05).
"""
from __future__ import annotations

import re
from typing import List, Optional

from extract.stages.recognizers._data import alternation, load_rules


class BylineRecognizer:
    def __init__(self, rules_dir: Optional[str] = None):
        d = load_rules("persons", rules_dir)
        self.pattern = re.compile(rf"(?:{alternation(d['byline_roles'])})[ \t]*[|｜：:][ \t]*"
                                  rf"(?P<name>[\u4e00-\u9fff]{{2,4}})(?=[\s|｜（(，,]|$)")

    def find(self, doc) -> List:
        return [doc.entity("PERSON", m.start("name"), m.end("name"), source="rules")
                for m in self.pattern.finditer(doc.norm)]
