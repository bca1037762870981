"""Gazetteer matching: names from data files, longest match first, with Aho-Corasick.

Data files are TSV (``name<TAB>TYPE[<TAB>…]``, ``#`` comments) in
``extract/data/gazetteer/``; users add their own with the ``files`` setting
or :meth:`Gazetteer.add`. Names learned from annotated documents come in
through :meth:`Gazetteer.from_docs` — in cross-validation only from the
training fold, so a document's own names never inflate its score.

Matches are candidates (``source="gazetteer"``); the merge stage keeps the
longest non-overlapping ones, so a place inside a longer company name found by
the model is not kept as a separate LOC.
"""
from __future__ import annotations

import bisect
import csv
import importlib.util
import itertools
import os
import re
import sys
from pathlib import Path
from typing import Iterable, List, Optional

from extract.doc import Document
from extract.registry import components
from extract.config import DATA_DIR
from extract.stages.basic import names_a_product, names_an_app
from extract.stages.recognizers.companies import common_words

GAZ_DIR = DATA_DIR / "gazetteer"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


class Gazetteer:
    def __init__(self, files: Iterable = (), defaults: bool = True, types: Optional[Iterable] = None):
        import ahocorasick

        self._aho = ahocorasick.Automaton()
        self._built = False
        self.types = set(types) if types else None
        self.size = 0
        paths = sorted(GAZ_DIR.glob("*.tsv")) if defaults else []
        for p in list(paths) + [Path(f) for f in files]:
            self.load(p)

    def load(self, path) -> None:
        for name, type, level, code in read_rows(path):
            self.add(name, type, level, code)

    def add(self, name: str, type: str, level: str = "", code: str = "") -> None:
        """Add a name; the type ``NONE`` removes one an earlier file added (a division's short form that news uses as a
        word or a brand: 大关, 吉利)."""
        key = name_key(name)
        if type == "NONE":
            if key in self._aho:
                self._aho.remove_word(key)
                self.size -= 1
                self._built = False
            return
        if self.types is not None and type not in self.types:
            return
        if len(key) < 2:
            return
        if key not in self._aho:
            self.size += 1
        self._aho.add_word(key, (len(key), type, level, code))
        self._built = False

    @classmethod
    def from_docs(cls, docs: Iterable, types=("COMPANY", "ORG", "LOC", "INDUSTRY"), defaults: bool = False) -> "Gazetteer":
        """A gazetteer of the entity names annotated in ``docs`` (gold training documents)."""
        g = cls(defaults=defaults)
        g.add_docs(docs, types)
        return g

    def add_docs(self, docs: Iterable, types=("COMPANY", "ORG", "LOC", "INDUSTRY")) -> None:
        """Add the entity names annotated in ``docs``."""
        for d in docs:
            d = d if isinstance(d, Document) else Document.from_dict(d)
            for e in d.entities:
                if e.type in types:
                    self.add(e.attrs.get("norm") or e.text, e.type)

    def find(self, norm: str) -> List[tuple]:
        """``(start, end, type)`` of the longest leftmost non-overlapping matches in ``norm``.

        Line breaks and spaces between two CJK characters (PDF dumps break lines
        inside words: ``新一代信息\n技术``) are skipped while matching, through a
        compacted view with a map back to the original positions. An
        administrative place directly followed by one of its subdivisions
        (``北京海淀区``, ``上海\n浦东新区``) becomes one LOC.
        """
        if not self.size:
            return []
        if not self._built:
            self._aho.make_automaton()
            self._built = True
        view, index = _compact(norm)
        cands = []
        for end_idx, (length, type, level, code) in self._aho.iter(view):
            s, e = end_idx - length + 1, end_idx + 1
            # ASCII names (5G, EDA) must not be cut out of a longer ASCII word
            if _ASCII_WORD.match(view[s]) and s > 0 and _ASCII_WORD.match(view[s - 1]):
                continue
            if _ASCII_WORD.match(view[e - 1]) and e < len(view) and _ASCII_WORD.match(view[e]):
                continue
            cands.append((s, e, type, (level, code)))
        # a two-character place cut out of an ordinary word is no place (创新和应用 holds 新和, 规模和政策 和政,
        # 最大新股 大新: short county names); the words come from jieba's dictionary (common_words.tsv)
        cands = [c for c in cands if not (c[1] - c[0] == 2 and c[2] == "LOC" and view[c[0]:c[1]] not in _REGION_WORDS
                                          and _cuts_word(view, c[0], c[1]))]
        # 北京时间2月12日, 美东时间: a time zone names no place (the news gold tags none of its 17)
        cands = [c for c in cands if not (c[2] == "LOC" and view.startswith("时间", c[1]))]
        # 零售业务, 金融业绩: the 业 of a sector name that starts a word (业务, 业绩, 业态, 业主) is not the sector's
        cands = [c for c in cands if not (c[2] == "INDUSTRY" and view[c[1] - 1] == "业" and c[1] < len(view)
                                          and view[c[1]] in _WORD_AFTER_YE)]
        # 联合国际权威机构, 联合报告人: a listed body (联合国, 联合报) whose last character opens the word after it (国际, 报告) is
        # 联合 ("jointly") and that word; no name of the news or seed gold so ends (_CUT_WORDS)
        cands = [c for c in cands if not (c[2] in ("ORG", "COMPANY") and view[c[1] - 1:c[1] + 1] in _CUT_WORDS)]
        # greedy longest-first, then leftmost; non-overlapping
        occupied = bytearray(len(view))
        taken = []
        for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
            s, e = c[0], c[1]
            if any(occupied[s:e]):
                continue
            occupied[s:e] = b"\x01" * (e - s)
            taken.append(c)
        taken.sort()
        merged = []
        for c in taken:
            if merged:
                p = merged[-1]
                if p[2] == c[2] == "LOC" and p[1] == c[0] and _contains(p[3], c[3]):
                    merged[-1] = (p[0], c[1], "LOC", c[3])
                    continue
            merged.append(c)
        if index is None:
            return [(s, e, t) for s, e, t, _ in merged]
        return [(index[s], index[e - 1] + 1, t) for s, e, t, _ in merged]


# region words the news names as places wherever they stand, even across a word that ends in their first character
# (在内地, 今年内地将…, 全年内地实际使用外资: 在内 and 年内 are dictionary words): the news train, extension and dev gold
# tag 内地 as a LOC or inside one at 114 of its 114 occurrences; the short-word veto dropped 15 of them (2026-12-06)
# So do 东盟 (ASEAN), 日本 and 英国 across 盟国, 本步, 本次, 本市, 国安, 国内 (实施东盟国家旅游团, 当日本步入樱花季, 对此次日本调研,
# 在日本市占率, 英国安全官员, 英国内政大臣): the veto dropped 15 of their occurrences in the news train, extension and dev gold
# and 14 of those are gold LOCs (8 documents; the other, 日本人生活, is no entity). Session 53: cross-fitted LOC 4018/551/374 ->
# 4020/551/372 right/false/missed (0.8968 -> 0.8970), metric characters 0.52063 -> 0.52065; news dev + select identical
_REGION_WORDS = frozenset({"内地", "东盟", "日本", "英国"})
# 港, 台 and 澳 alone after a verb of coming, going or being somewhere (赴港上市, 在港招股, 来台的新创公司, 返港后) name
# Hong Kong, Taiwan and Macao: the news train, extension and dev gold tag 38 of the 40 such characters that begin no longer
# word (港交所, 台湾, 港股, 台北, 澳门, 台积电…: the characters after them below) as LOCs; 台上 only as 台上市 (在台上发言)
_PLACE_ABBREVIATION = re.compile(r"(?:来|回|返|离|抵|访|赴|驻|在|落户)(港|台|澳)(?![交湾股北门积九洲前币元资区口商剧独企铁府岛大灯媒照风阶球词])(?!上(?!市))")
# _CUT_WORDS: words no gazetteer ORG or COMPANY may end inside (联合国|际, 联合报|告): the news train, extension, dev and
# seed gold end no entity in the first character of 国际 or 报告, and the gazetteer's 联合国 and 联合报 matched there 3 times
# (2 news documents), none of them the UN or a paper. Session 55: cross-fitted ORG 2188/425/427 -> 2188/423/427
# right/false/missed (0.8370 -> 0.8374), the other layers identical; news dev + select identical.
_CUT_WORDS = frozenset(("国际", "报告"))
_WORD_AFTER_YE = frozenset("务绩态主")  # 业务, 业绩, 业态, 业主: words that begin with a sector name's 业
_WORD_FREQ = 300  # a dictionary word this frequent is ordinary text (创新 4681, 政策 14792, 新股 …)


def read_rows(path):
    """``(name, type, level, code)`` per entry of a gazetteer file (``name<TAB>TYPE[<TAB>level[<TAB>code]]``; blank
    lines and ``#`` comments skipped), with the file and line of a malformed one in the error."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"Gazetteer file {path} does not exist")
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[0]:
                raise ValueError(f"{path}:{lineno}: expected 'name<TAB>TYPE', got {line!r}")
            yield cols[0], cols[1], cols[2] if len(cols) > 2 else "", cols[3] if len(cols) > 3 else ""


def name_key(name: str) -> str:
    """The form a gazetteer name is matched in: simplified and half-width, as ``Document.norm``."""
    from extract.textnorm import to_halfwidth, to_simplified
    return to_halfwidth(to_simplified(name))


def _cuts_word(view: str, s: int, e: int) -> bool:
    """Whether a frequent dictionary word of 2-4 characters overlaps ``view[s:e]`` partly or holds it."""
    words = _common_words()
    for a in range(max(0, s - 3), e):
        for b in range(max(a + 2, s + 1), min(len(view), a + 4) + 1):
            if b <= s or (a, b) == (s, e):
                continue
            if view[a:b] in words:
                return True
    return False


def _common_words() -> frozenset:
    return common_words(_WORD_FREQ)


def _contains(outer: tuple, inner: tuple) -> bool:
    """Whether division ``inner`` (level, adcode) lies inside division ``outer``."""
    (lo, co), (li, ci) = outer, inner
    if not co or not ci:
        return False
    width = {"province": 2, "city": 4}.get(lo)
    if width is None or li == lo or li == "province" or (lo == "city" and li != "district"):
        return False
    outer_prefixes = {c[:width] for c in co.split(",")}
    return any(c[:width] in outer_prefixes for c in ci.split(","))


_BREAK = re.compile(r"(?<=[\u3400-\u9fff])[ \t\r\n\u3000]+(?=[\u3400-\u9fff])")


def _compact(text: str):
    """``text`` without whitespace runs between CJK characters, and the map back (None if unchanged)."""
    if not _BREAK.search(text):
        return text, None
    parts, index = [], []
    pos = 0
    for m in _BREAK.finditer(text):
        parts.append(text[pos:m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(parts), index


@components.register("gazetteer.v1")
def make_gazetteer(nlp, files=(), defaults: bool = True, types=None, docs=None, learn_types=("COMPANY",)):
    """Add gazetteer matches as candidate entities.

    ``docs``: annotated records whose names to add now; ``learn_types``: the entity
    types :meth:`GazetteerComponent.learn` takes from annotated documents. Only
    company names by default: measured leave-one-document-out on the gold set,
    learning COMPANY names raised COMPANY F1 0.779 → 0.793, while learned ORG,
    LOC and INDUSTRY names only added false positives (LOC and INDUSTRY are
    covered by the curated lists; a gold INDUSTRY depends on its framing).
    """
    base = getattr(nlp, "path", None)  # a file named relative to the model folder (company_names.tsv) is read there
    files = [str(Path(base) / f) if base is not None and not Path(f).is_absolute() and (Path(base) / f).is_file()
             else f for f in files]
    gaz = Gazetteer(files=files, defaults=defaults, types=types)
    gaz.add_docs(docs or ())
    nlp.gazetteer = gaz
    return GazetteerComponent(gaz, learn_types)


class GazetteerComponent:
    """Adds gazetteer matches as candidates; ``learn(docs)`` adds the names annotated in ``docs``."""

    def __init__(self, gaz: Gazetteer, learn_types=("COMPANY",)):
        self.gaz = gaz
        self.learn_types = tuple(learn_types)

    def __call__(self, doc: Document) -> Document:
        for s, e, t in self.gaz.find(doc.norm):
            if t in ("COMPANY", "ORG") and names_a_product(doc.norm, s, e) \
                    or t == "COMPANY" and names_an_app(doc.norm, e):
                continue  # DeepSeek R1, 京东App: the product, not the firm (as for the NER's names); 智通财经APP stays
            doc.entities.append(doc.entity(t, s, e, source="gazetteer"))
        starts = reach = None
        for m in _PLACE_ABBREVIATION.finditer(doc.norm):  # 赴港上市, 來台的新創公司: 港, 台, 澳 after a verb of place
            if starts is None:  # the entities by start, and the furthest end of those up to each
                spans = sorted((x.start, x.end) for x in doc.entities)
                starts, reach = [a for a, _ in spans], list(itertools.accumulate((b for _, b in spans), max))
            i = bisect.bisect_left(starts, m.end(1))  # those starting before the character; none may reach into it
            if i == 0 or reach[i - 1] <= m.start(1):
                doc.entities.append(doc.entity("LOC", m.start(1), m.end(1), source="gazetteer"))
        return doc

    def learn(self, docs) -> None:
        self.gaz.add_docs(docs, self.learn_types)


# districts whose name is an ordinary word (中心城区, 智慧矿区, 市辖区): none of the news gold's 8 such spans is a place
# (session 40: cross-fitted LOC false fewer; measured in models/default/MODEL_CARD.md)
_GENERIC_DIVISIONS = frozenset({"城区", "矿区", "郊区", "市辖区"})


# the 55 minority nationalities and 各 (all), as autonomous divisions name them (西双版纳傣族自治州, 围场满族蒙古族自治县)
_ETHNIC_GROUPS = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
                  "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
                  "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:(?:%s)族)+自治(州|县|旗)$" % "|".join(sorted(_ETHNIC_GROUPS, key=len, reverse=True)))


def autonomous_short(name: str) -> str | None:
    """The short form of an autonomous prefecture, county or banner: the name less its nationalities and 自治州/县/旗
    (西双版纳傣族自治州 → 西双版纳, 恩施土家族苗族自治州 → 恩施, 长阳土家族自治县 → 长阳); None for other names.
    Session 55: cross-fitted LOC 0.9056 -> 0.9059 (see divisions.tsv's header)."""
    m = _AUTONOMOUS.match(name)
    return m.group(1) if m else None


def build_divisions(out: Path = GAZ_DIR / "divisions.tsv") -> int:
    """Regenerate divisions.tsv from the adcodes.csv of the cpca package (MIT). Needs cpca and jieba."""
    spec = importlib.util.find_spec("cpca")
    if spec is None:
        raise SystemExit("pip install cpca==0.5.5 first (only needed to rebuild the data file)")
    import jieba
    import jieba.posseg
    jieba.setLogLevel(60)
    word_tags = jieba.posseg.dt.word_tag_tab
    with open(os.path.join(spec.submodule_search_locations[0], "resources", "adcodes.csv"), encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["adcode"])
    prov_suffixes = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
    entries = {}  # name -> (level, [adcodes], full name); one name can be several places (南山区)

    def add(name, level, code, full):
        lv, codes, fl = entries.setdefault(name, (level, [], full))
        if code not in codes:
            codes.append(code)

    for r in rows:
        code, name = r["adcode"], r["name"]
        level = "province" if code[2:] == "0" * 10 else "city" if code[4:] == "0" * 8 else "district"
        if name in _GENERIC_DIVISIONS:
            continue
        add(name, level, code, "")
        short = None
        if level == "province":
            short = next((name[:-len(s)] for s in prov_suffixes if name.endswith(s) and len(name) - len(s) >= 2), None)
        elif level == "city":
            short = name[:-1] if name.endswith("市") and len(name) >= 3 else None
        elif name.endswith(("区", "县")) and len(name) >= 3 and not name.endswith(("新区", "城区", "矿区", "郊区")):
            short = name[:-1]
            if short in word_tags and word_tags[short] != "ns":
                short = None  # 和平区 → 和平 is a common word, not a place mention
        if level != "province" and autonomous_short(name):  # session 55: 西双版纳, 恩施, 延边 (see divisions.tsv's header)
            short = autonomous_short(name)
            if level == "district" and word_tags.get(short, "ns") != "ns" or short in entries:
                short = None  # 大厂回族自治县 → 大厂 (a big firm), 通道, 互助: ordinary words; 海南, 河南: another place
        if short and len(short) >= 2:
            add(short, level, code, name)
    lines = ["# Chinese administrative divisions (provinces, prefecture cities, districts/counties) and their",
             "# short forms. Generated from the adcodes.csv shipped in the PyPI package cpca 0.5.5",
             "# (MIT License, Copyright (c) 2018 QinYuan Du) by `python -m extract.stages.gazetteer build-divisions`.",
             "# Short forms whose jieba dictionary tag is not a place name (和平, 新华, …) are left out, and so are districts",
             "# named by an ordinary word (城区, 矿区, 郊区, 市辖区).",
             "# Autonomous prefectures, counties and banners also go by their name less the nationalities and 自治州/县/旗",
             "# (西双版纳傣族自治州 → 西双版纳, 恩施, 延边), counties only where jieba tags the short form a place (not 大厂, 通道,",
             "# 互助) and none where another division has the name (海南, 河南). Session 55: cross-fitted LOC 4043/494/349 ->",
             "# 4045/493/347 (0.9056 -> 0.9059), other layers, news dev + select and RANKING batches identical.",
             "# columns: name<TAB>type<TAB>level<TAB>adcodes (comma-separated: one name can be several places)"
             "<TAB>full name (for short forms)"]
    for name, (level, codes, full) in sorted(entries.items(), key=lambda x: x[1][1][0]):
        lines.append(f"{name}\tLOC\t{level}\t{','.join(codes)}\t{full}")
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


if __name__ == "__main__":  # python -m extract.stages.gazetteer build-divisions
    if sys.argv[1:] == ["build-divisions"]:
        print(f"wrote {build_divisions()} names")
    else:
        raise SystemExit("usage: python -m extract.stages.gazetteer build-divisions")
