"""No phrase copied from the evaluation documents (the seed texts in annotations/gold.jsonl) in code or data.

Rules must generalize: a string literal in extract/ (docstrings aside) or a value in the rule data
files that repeats a seed phrase of five or more Han characters is a rule fitted to the test set.
Names lists (gazetteer, user dictionary) are data about entities and are not checked; general
vocabulary that happens to occur in the seeds is listed in ALLOWED.
"""
import ast
import json
import re
from pathlib import Path

from conftest import seed_texts
from extract.textnorm import normalize

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "extract"
# general vocabulary: legal-form suffixes, region names, a statistical formula, an industry noun
ALLOWED = {"集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "维吾尔自治区", "壮族自治区", "回族自治区",
           "比上年增加", "比上年增长",
           "人形机器人",  # an industry noun (humanoid robot): companies.json product_after, from the news gold's counts
           "高质量发展"}  # the policy slogan "high-quality development": policy.json programme_names, a region's strategy
_HAN_RUN = re.compile(r"[\u3400-\u9fff]{5,}")


def _literals():
    """``(where, text)`` of every string literal in extract/ that is not a docstring, and every
    string value of the rule data files (keys starting with ``_`` are documentation)."""
    for p in sorted(PKG.rglob("*.py")):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
                yield f"{p.relative_to(ROOT)}:{n.lineno}", n.value

    def walk(o, where):
        if isinstance(o, dict):
            for k, v in o.items():
                if not k.startswith("_"):
                    yield from walk(v, f"{where}/{k}")
        elif isinstance(o, list):
            for v in o:
                yield from walk(v, where)
        elif isinstance(o, str):
            yield where, o

    for p in sorted((PKG / "data").glob("*.json")) + sorted((PKG / "data" / "rules").glob("*.json")):
        yield from walk(json.loads(p.read_text(encoding="utf-8")), str(p.relative_to(ROOT)))


def _copied(literals, texts):
    haystack = "\n".join(list(texts) + [normalize(t)[0] for t in texts])
    return sorted({(where, run) for where, s in literals for run in _HAN_RUN.findall(s)
                   if run in haystack and run not in ALLOWED})


def test_no_seed_phrase_in_code_or_rule_data():
    found = _copied(_literals(), seed_texts().values())
    assert found == [], f"phrases copied from the seed documents: {found}"


def test_the_check_finds_a_copied_phrase_in_either_script():
    texts = ["國家級專精特新企業數量首次突破一千家", "上海集成电路企业"]
    lits = [("a.py:1", r"^(?:首次突破|专精特新企业数量)$"), ("b.json/x", "有限责任公司"), ("c.py:2", "企业")]
    assert _copied(lits, texts) == [("a.py:1", "专精特新企业数量")]  # found on the simplified view
