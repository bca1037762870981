#!/usr/bin/env python3
"""Turn fetched public repositories into clean, normalized training files for ZhIE.

Every source file is read from a bare git snapshot (``--mirror-root``, one folder per
``owner+name`` repository) at that snapshot's HEAD with ``git show``, its sha256 is
recorded, every text goes through the hold-out guard (``holdout_guard.overlaps(text) > 0``
-> dropped and counted), and the outputs are written under ``--out``:

  ner/boson.jsonl, ner/cfsc.jsonl, ner/duee_partial.jsonl, ner/duie_partial.jsonl
  events/duee_train.jsonl, events/duee_split.json
  relations/duie.jsonl
  lexicon/companies.tsv, lexicon/investors.tsv, lexicon/industries.tsv
  cws/{pku,msr,as,cityu}_{train,test}.txt, cws/{name}_training_words.txt
  raw/pretrain.txt
  MANIFEST.json   (also copied to evaluation/data/MANIFEST.json beside this script)

NER records: {"id", "text", "spans": [[start, end, TYPE], ...], "complete", "source"};
offsets are code-point offsets into "text" and text[start:end] is checked for every span.
"complete": false means only the listed spans are known (partial labels).

The data are never committed; only this script, README.md and MANIFEST.json are.
Requires Python >= 3.10, git, opencc (for the guard) and openpyxl (xlsx sources).

usage: python evaluation/data/prepare.py [--mirror-root /work/.mirror] [--out DIR]
                                         [--guard PATH] [--no-manifest-copy]
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

# ----------------------------------------------------------------------------- sources

LICENCES = {
    "sixone-Jiang/Picgo": "DuEE 1.0 (Baidu, LIC2021). The License.docx inside the zip: participant agreement, "
                          "datasets for non-commercial research or teaching only, no commercial use.",
    "ToddLynn/gd_medical_ie": "DuIE 2.0 subsets (Baidu LIC). No licence file in the repo; DuIE is distributed under "
                              "Baidu's competition agreement: non-commercial research use only.",
    "LawsonAbs/duie_py": "DuIE 2.0 subset (Baidu LIC). No licence file in the repo; Baidu competition agreement: "
                         "non-commercial research use only.",
    "buppt/ChineseNER": "BosonNLP NER data, data/boson/license.txt (GBK): free for research only; commercial use "
                        "needs a paid agreement with BosonNLP; no redistribution to third parties; cite BosonNLP. "
                        "Say so in any model card.",
    "Ya-dongLi/CFSC": "CFSC (Chinese financial sentiment corpus). No licence file in the repo: academic dataset, "
                      "cite the authors; treat as research use only.",
    "liuhuanyong/ChainKnowledgeGraph": "No licence file in the repo; data compiled from public SWS/SZSE/SSE listings "
                                       "(readme). Treat as research use; facts (names, codes) only.",
    "lemonhu/stock-knowledge-graph": "MIT (LICENSE in the repo).",
    "wainshine/Company-Names-Corpus": "Apache-2.0 (LICENSE in the repo).",
    "smoothnlp/FinancialDatasets": "No licence file; README: public sample datasets for NLP research (SmoothNLP). "
                                   "Treat as research use only.",
    "yuikns/icwb2-data": "SIGHAN Bakeoff 2005 (doc/instructions.txt): provided for the bakeoff / research, "
                         "non-commercial use; other uses need the providers' permission.",
}

DUIE_SCHEMA_COMMIT = "7cd0d5d"  # ToddLynn/gd_medical_ie: last commit with the DuIE (not medical) schema
CWS_NAMES = ("pku", "msr", "as", "cityu")
CWS_TEST_GOLD = {"pku": "gold/pku_test_gold.utf8", "msr": "gold/msr_test_gold.utf8",
                 "as": "gold/as_testing_gold.utf8", "cityu": "gold/cityu_test_gold.utf8"}
# Original encodings (doc/instructions.txt), used only when a .utf8 copy is absent.
CWS_ORIG = {"pku": ("cp936", "training/pku_training.txt", "gold/pku_test_gold.txt", "gold/pku_training_words.txt"),
            "msr": ("cp936", "training/msr_training.txt", "gold/msr_test_gold.txt", "gold/msr_training_words.txt"),
            "as": ("big5hkscs", "training/as_training.b5", "gold/as_testing_gold.txt", "gold/as_training_words.txt"),
            "cityu": ("big5hkscs", "training/cityu_training.txt", "gold/cityu_test_gold.txt",
                      "gold/cityu_training_words.txt")}

# ----------------------------------------------------------------------------- type maps

BOSON_TYPES = {"company_name": "COMPANY", "org_name": "ORG", "person_name": "PERSON", "location": "LOC",
               "time": None, "product_name": None}           # None: dropped (not a ZhIE entity type here)

# CFSC-NER labels "aspect terms" (one category per term), not every entity of the sentence:
# Corporate and Stock terms are companies (or indices, filtered below); Market/Economy are
# industries, indicators and regions and are dropped.  Labels are therefore partial.
CFSC_TYPES = {"Corporate": "COMPANY", "Stock": "COMPANY", "Market": None, "Economy": None}
CFSC_NOT_COMPANY = re.compile(r"指数|指$|资金|期货|板$|ETF|基金$|国债|债券|汇率|大盘|股市|A股|港股|美股|^中央企业$|^央企$|"
                              r"^国企$|^民企$|^券商$|^险资$|^外资$|^上市公司$|^银行$|央行")

# DuEE 1.0 argument roles -> ZhIE type.  Only roles whose fillers are (nearly always) named
# companies / organizations / persons; descriptive fillers are cleaned or rejected below.
DUEE_ROLES = {
    # 财经/交易, 组织关系, 产品行为: the filler is a company (or its stock)
    "融资方": "COMPANY", "领投方": "COMPANY", "跟投方": "COMPANY", "收购方": "COMPANY", "出售方": "COMPANY",
    "上市企业": "COMPANY", "裁员方": "COMPANY", "涨停股票": "COMPANY", "跌停股票": "COMPANY", "召回方": "COMPANY",
    # named institutions
    "加息机构": "ORG", "降息机构": "ORG", "开庭法院": "ORG", "禁赛机构": "ORG",
    # roles that are always people; kept only when the filler looks like a bare name
    "结婚双方": "PERSON", "离婚双方": "PERSON", "订婚主体": "PERSON", "求婚者": "PERSON", "求婚对象": "PERSON",
    "分手双方": "PERSON", "出轨方": "PERSON", "出轨对象": "PERSON", "怀孕者": "PERSON", "产子者": "PERSON",
    "离职者": "PERSON", "停职人员": "PERSON", "被解雇人员": "PERSON", "入狱者": "PERSON", "死者": "PERSON",
    "被拘捕者": "PERSON",
}
# Not used (mixed persons/teams/products/descriptions): 发布方, 胜者, 败者, 冠军, 加盟者, 所加盟组织,
# 原所属组织, 执法机构, 立案机构, 约谈*, 罚款对象, 地点, 时间, amounts, products, events.
DUEE_FUNDING = "财经/交易-融资"

# DuIE 2.0 subject/object types -> ZhIE type (types absent here are dropped: works, songs,
# dates, numbers, 景点 scenic spots, 语言, 气候 ...).
DUIE_TYPES = {"企业": "COMPANY", "企业/品牌": "COMPANY", "品牌": "COMPANY", "机构": "ORG", "学校": "ORG",
              "人物": "PERSON", "娱乐人物": "PERSON", "历史人物": "PERSON",
              "地点": "LOC", "国家": "LOC", "城市": "LOC", "行政区": "LOC"}
COMPANY_SUFFIX = re.compile(r"(公司|集团|控股)$")   # a 机构 named ...公司 is a COMPANY

# ----------------------------------------------------------------------------- helpers


def sha256(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


class Mirror:
    """One fetched repository: a bare git directory read at its HEAD."""

    def __init__(self, root: Path, repo: str):
        self.repo = repo
        base = root / repo.replace("/", "+")
        self.git_dir = None
        for cand in (base / "repo", base / "repo" / ".git", base, base / ".git"):
            if cand.is_dir() and self._git(cand, "rev-parse", "--verify", "-q", "HEAD^{commit}").returncode == 0:
                self.git_dir = cand
                break
        self.commit = self.rev("HEAD") if self.git_dir else None

    @staticmethod
    def _git(git_dir, *args):
        return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True)

    def rev(self, ref: str) -> str | None:
        p = self._git(self.git_dir, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
        return p.stdout.decode().strip() if p.returncode == 0 else None

    def ls(self, commit: str | None = None) -> list[str]:
        p = self._git(self.git_dir, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "-z",
                      commit or self.commit)
        return [x for x in p.stdout.decode().split("\0") if x]

    def read(self, path: str, commit: str | None = None) -> bytes | None:
        """Bytes of path at commit (HEAD), or None when absent (e.g. left out of the snapshot)."""
        if not self.git_dir:
            return None
        p = self._git(self.git_dir, "show", f"{commit or self.commit}:{path}")
        return p.stdout if p.returncode == 0 else None


@dataclass
class SourceFile:
    repo: str
    path: str
    commit: str | None = None
    sha256: str | None = None
    size: int | None = None
    licence: str = ""
    status: str = "ok"
    kept: int = 0
    dropped_guard: int = 0
    other: dict = field(default_factory=collections.Counter)

    def entry(self) -> dict:
        d = {"repo": self.repo, "commit": self.commit, "path": self.path, "sha256": self.sha256, "size": self.size,
             "licence": self.licence, "status": self.status, "kept": self.kept, "dropped_guard": self.dropped_guard}
        if self.other:
            d["notes"] = dict(sorted(self.other.items()))
        return d


class Guard:
    def __init__(self, tools_dir: Path):
        sys.path.insert(0, str(tools_dir))
        try:
            import holdout_guard  # noqa: PLC0415
        except ImportError as e:
            raise SystemExit(f"cannot import holdout_guard from {tools_dir} ({e}); pass --guard DIR "
                             f"(the folder holding holdout_guard.py and holdout_guard.hashes)") from e
        if holdout_guard._T2S is None:
            raise SystemExit("holdout_guard: OpenCC is not importable; `pip install opencc` (traditional-script "
                             "copies of reserved texts would be missed)")
        self.overlaps = holdout_guard.overlaps
        self.flagged = 0

    def bad(self, text: str) -> bool:
        if self.overlaps(text) > 0:
            self.flagged += 1
            return True
        return False


class Spans:
    """Collects candidate spans of one text and resolves them into a clean, non-overlapping set."""

    def __init__(self, text: str, stats: collections.Counter):
        self.text, self.stats, self.cands = text, stats, []

    def add(self, start: int, end: int, typ: str):
        assert self.text[start:end] and self.text[start:end] == self.text[start:end].strip()
        self.cands.append((start, end, typ))

    def resolve(self) -> list[list]:
        by_span = collections.defaultdict(set)
        for s, e, t in self.cands:
            by_span[(s, e)].add(t)
        spans = []
        for (s, e), ts in by_span.items():
            if len(ts) > 1:
                self.stats["span_type_conflict"] += 1
            else:
                spans.append((s, e, next(iter(ts))))
        # nested: a span inside a longer one is dropped (a LOC inside a company name is not an entity);
        # crossing spans are both dropped.
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        keep = []
        for s, e, t in spans:
            if any(ks <= s and e <= ke for ks, ke, _ in keep):
                self.stats["span_nested_dropped"] += 1
                continue
            crossing = [k for k in keep if k[0] < e and s < k[1]]
            if crossing:
                self.stats["span_crossing_dropped"] += 1 + len(crossing)
                keep = [k for k in keep if k not in crossing]
                continue
            keep.append((s, e, t))
        out = sorted(keep)
        for s, e, t in out:
            assert 0 <= s < e <= len(self.text)
        return [[s, e, t] for s, e, t in out]


def occurrences(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


# ---- argument cleaning (DuEE fillers are often descriptions: 「深耕医疗AI的北京惠每云科技有限公司（下称…）」)

QUOTES = "“”\"'‘’「」『』《》【】<>"
TRAIL_PAREN = re.compile(r"\s*[（(][^（）()]*[）)]?\s*$")
LISTY = re.compile(r"[、，,；;/]|等$|以及|(?<=..)[和与及](?=..)")
DESCRIPTOR = re.compile(r"^.*?(?:初创公司|公司|平台|品牌|巨头|集团旗下|旗下|"
                        r"(?:厂|服务|运营|开发|出版|制造|提供|供应|生产|零售|经销|电)商)(?=..)")
COMPANY_BAD_START = re.compile(r"^(一|某|其他|其它|另|多家|老股东|现有|这|该|其|两|几|数|部分|众多|全部)")
COMPANY_GENERIC = {"机构", "公司", "企业", "投资方", "投资者", "股东", "集团", "资本", "基金", "银行", "平台", "联盟",
                   "子公司", "母公司", "厂商", "券商", "央企", "买方", "卖方", "买家", "卖家", "对方"}
# A PERSON filler is kept when it is a bare Chinese name (a common surname + 1-3 characters) or a
# transliterated name (parts of at most 6 characters joined by ·, so 「英国首相特雷莎·梅」 is rejected).
SURNAMES_2 = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
              "夏侯", "端木", "独孤", "南宫", "西门", "呼延", "轩辕")
SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕"
    "楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伏仝区郜郦於晋练勾鄂揭钮伊竺")
TRANSLIT = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:[·•・\-－][\u4e00-\u9fff]{1,6}){1,2}$")
PERSON_BAD_ANY = set("某们岁人名位家者员儿妈爸妻夫友童孩警官嫌犯哥姐弟妹叔姨爷奶婆队团组会军男女")


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink [s, e) past whitespace and quote marks at either end."""
    while s < e and (text[s].isspace() or text[s] in QUOTES):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTES):
        e -= 1
    return s, e


def clean_company(text: str, s: int, e: int, stats: collections.Counter, prefix: str) -> tuple[int, int] | None:
    s, e = trim(text, s, e)
    while True:  # trailing (600570.SH) / （下称“惠每科技”）
        m = TRAIL_PAREN.search(text[s:e])
        if not m or m.start() == 0:
            break
        e = s + m.start()
        s, e = trim(text, s, e)
    arg = text[s:e]
    if LISTY.search(arg):
        stats[f"{prefix}_rejected_list"] += 1
        return None
    k = max((i for i, c in enumerate(arg) if c == "的" and not (i > 0 and arg[i - 1] == "美")), default=-1)
    if k >= 0:  # 「在中国享有盛誉的启明创投」 -> 启明创投 (「美的」 is a company name)
        s, e = trim(text, s + k + 1, e)
        stats[f"{prefix}_trimmed_description"] += 1
    m = DESCRIPTOR.match(text[s:e])
    if m:  # 「二手平台转转」 -> 转转
        s, e = trim(text, s + m.end(), e)
        stats[f"{prefix}_trimmed_description"] += 1
    arg = text[s:e]
    if (not 2 <= len(arg) <= 40 or COMPANY_BAD_START.match(arg) or arg in COMPANY_GENERIC or "某" in arg
            or any(q in arg for q in QUOTES) or arg.isdigit()):
        stats[f"{prefix}_rejected_not_a_name"] += 1
        return None
    return s, e


def clean_person(text: str, s: int, e: int, stats: collections.Counter, prefix: str) -> tuple[int, int] | None:
    s, e = trim(text, s, e)
    arg = text[s:e]
    chinese = (re.fullmatch(r"[\u4e00-\u9fff]{2,4}", arg) is not None
               and (arg[0] in SURNAMES_1 or arg[:2] in SURNAMES_2)
               and not any(c in PERSON_BAD_ANY for c in arg[1:]))
    if not (chinese or TRANSLIT.match(arg)) or "某" in arg:
        stats[f"{prefix}_rejected_not_a_name"] += 1
        return None
    return s, e


# ----------------------------------------------------------------------------- the build


class Build:
    def __init__(self, args):
        self.args = args
        self.out = Path(args.out).expanduser()
        self.guard = Guard(Path(args.guard))
        self.mirrors: dict[str, Mirror] = {}
        self.sources: list[SourceFile] = []
        self.unavailable: list[str] = []
        self.outputs: dict[str, dict] = {}
        self.raw: dict[str, None] = {}       # ordered set of pretraining lines
        self.heldout_texts: set[str] = set()

    # -- reading ---------------------------------------------------------------
    def mirror(self, repo: str) -> Mirror:
        if repo not in self.mirrors:
            self.mirrors[repo] = Mirror(Path(self.args.mirror_root), repo)
        return self.mirrors[repo]

    def read(self, repo: str, path: str, commit: str | None = None) -> tuple[SourceFile, bytes | None]:
        m = self.mirror(repo)
        sf = SourceFile(repo=repo, path=path, licence=LICENCES.get(repo, ""))
        if not m.git_dir:
            sf.status = f"repository not fetched (no git dir under {self.args.mirror_root}/{repo.replace('/', '+')})"
            data = None
        else:
            sf.commit = m.rev(commit) if commit else m.commit
            data = m.read(path, sf.commit)
            if data is None:
                listed = path in m.ls(sf.commit)
                sf.status = ("listed but absent from the snapshot (files >= 4 MiB are left out)" if listed
                             else "no such path at this commit")
        if data is not None:
            sf.sha256, sf.size = sha256(data), len(data)
        else:
            self.unavailable.append(f"{repo}:{path} ({sf.status})")
        self.sources.append(sf)
        return sf, data

    # -- writing ---------------------------------------------------------------
    def write(self, rel: str, content: str, records: int, extra: dict | None = None):
        p = self.out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        b = content.encode("utf-8")
        if not p.exists() or p.read_bytes() != b:   # idempotent: unchanged files are not rewritten
            tmp = p.with_suffix(p.suffix + ".tmp")
            tmp.write_bytes(b)
            tmp.replace(p)
        self.outputs[rel] = {"records": records, "sha256": sha256(b), "bytes": len(b), **(extra or {})}

    def write_jsonl(self, rel: str, recs: list[dict], extra: dict | None = None):
        self.write(rel, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), len(recs), extra)

    def add_raw(self, text: str):
        for line in text.splitlines():
            line = line.strip()
            if line:
                self.raw.setdefault(line)

    @staticmethod
    def span_counts(recs: list[dict]) -> dict:
        c = collections.Counter(t for r in recs for _, _, t in r["spans"])
        return dict(sorted(c.items()))

    # -- DuEE ------------------------------------------------------------------
    def duee(self):
        sf, data = self.read("sixone-Jiang/Picgo", "duee_train.json.zip")
        if data is None:
            return
        zf = zipfile.ZipFile(io.BytesIO(data))
        member = "duee_train.json/duee_train.json"
        raw = zf.read(member)
        sf.other["zip_member"] = member
        sf.other["zip_member_sha256"] = sha256(raw)
        kept, stats = [], collections.Counter()
        for lineno, line in enumerate(raw.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            d = json.loads(line)
            if self.guard.bad(d["text"]):
                sf.dropped_guard += 1
                continue
            kept.append(d)
        sf.kept = len(kept)
        sf.other["records_read"] = len(kept) + sf.dropped_guard
        self.write_jsonl("events/duee_train.jsonl", kept)

        # held-out split of the records with a funding event: 20 % by sha256(id), deterministic
        funding = [d["id"] for d in kept if any(e["event_type"] == DUEE_FUNDING for e in d["event_list"])]
        held = sorted(i for i in funding if int(hashlib.sha256(i.encode()).hexdigest(), 16) % 100 < 20)
        train = sorted(set(funding) - set(held))
        split = {"event_type": DUEE_FUNDING,
                 "rule": "records of events/duee_train.jsonl with a 财经/交易-融资 event; held out when "
                         "int(sha256(id), 16) % 100 < 20",
                 "note": "held-out records (and any record with the same text) are left out of "
                         "ner/duee_partial.jsonl, the other NER files and raw/pretrain.txt",
                 "n_train": len(train), "n_heldout": len(held), "train_ids": train, "heldout_ids": held}
        self.write("events/duee_split.json", json.dumps(split, ensure_ascii=False, indent=1) + "\n",
                   len(funding), {"heldout": len(held)})
        held_set = set(held)
        self.heldout_texts = {d["text"] for d in kept if d["id"] in held_set}

        recs = []
        for d in kept:
            if d["id"] in held_set:
                stats["records_heldout_skipped"] += 1
                continue
            text = d["text"]
            self.add_raw(text)
            sp = Spans(text, stats)
            for ev in d["event_list"]:
                for a in ev["arguments"]:
                    typ = DUEE_ROLES.get(a["role"])
                    if typ is None:
                        stats["arg_role_not_used"] += 1
                        continue
                    arg, s = a["argument"], a.get("argument_start_index")
                    if not (isinstance(s, int) and text[s:s + len(arg)] == arg):
                        occ = occurrences(text, arg)
                        if len(occ) != 1:
                            stats["arg_absent" if not occ else "arg_ambiguous"] += 1
                            continue
                        s = occ[0]
                        stats["arg_offset_repaired"] += 1
                    clean = clean_company if typ in ("COMPANY", "ORG") else clean_person
                    r = clean(text, s, s + len(arg), stats, "arg")
                    if r is None:
                        continue
                    if typ == "COMPANY" and CFSC_NOT_COMPANY.search(text[r[0]:r[1]]):
                        stats["arg_rejected_not_a_company"] += 1     # 沪金期货, 上证指数 as 涨停股票
                        continue
                    sp.add(r[0], r[1], typ)
                    stats["arg_used"] += 1
            spans = sp.resolve()
            if spans:
                recs.append({"id": d["id"], "text": text, "spans": spans, "complete": False,
                             "source": f"duee:{d['id']}"})
            else:
                stats["records_without_spans"] += 1
        sf.other.update({f"ner_{k}": v for k, v in stats.items()})
        self.write_jsonl("ner/duee_partial.jsonl", recs, {"spans": self.span_counts(recs)})

    # -- DuIE ------------------------------------------------------------------
    def duie(self):
        schema_sf, schema = self.read("ToddLynn/gd_medical_ie", "data/duie_schema.json", DUIE_SCHEMA_COMMIT)
        schema_types = set()
        if schema is not None:
            for line in schema.decode("utf-8").splitlines():
                if line.strip():
                    s = json.loads(line)
                    schema_types.add(s["subject_type"])
                    schema_types.update(s["object_type"].values())
            schema_sf.kept = len(schema_types)
            schema_sf.other["used_for"] = "type inventory check (types of the data absent from the schema)"
        files = [("ToddLynn/gd_medical_ie", "data/duie_train.json"), ("ToddLynn/gd_medical_ie", "data/duie_dev.json"),
                 ("ToddLynn/gd_medical_ie", "data/duie_train_4000.json"), ("LawsonAbs/duie_py", "data/train_data_5000.json")]
        seen, kept = set(), []
        unknown_types = collections.Counter()
        for repo, path in files:
            sf, data = self.read(repo, path)
            if data is None:
                continue
            for line in data.decode("utf-8-sig").splitlines():
                if not line.strip():
                    continue
                d = json.loads(line)
                if d["text"] in seen:
                    sf.other["duplicate_text_skipped"] += 1
                    continue
                seen.add(d["text"])
                if self.guard.bad(d["text"]):
                    sf.dropped_guard += 1
                    continue
                sf.kept += 1
                kept.append(d)
                for spo in d.get("spo_list", []):
                    for t in [spo["subject_type"], *spo["object_type"].values()]:
                        if schema_types and t not in schema_types:
                            unknown_types[t] += 1
        if unknown_types:
            schema_sf.other["data_types_not_in_schema"] = dict(unknown_types)
        self.write_jsonl("relations/duie.jsonl", kept)

        stats, recs = collections.Counter(), []
        for i, d in enumerate(kept):
            text = d["text"]
            if text in self.heldout_texts:
                stats["records_heldout_text_skipped"] += 1
                continue
            self.add_raw(text)
            mentions = []
            for spo in d.get("spo_list", []):
                st = DUIE_TYPES.get(spo["subject_type"])
                mentions.append((spo["subject"], st))
                for key, val in spo["object"].items():
                    ot = spo["object_type"].get(key)
                    typ = DUIE_TYPES.get(ot)
                    if spo["predicate"] == "简称" and key == "@value":
                        typ = st           # a short name has the type of what it abbreviates
                    mentions.append((val, typ))
            sp = Spans(text, stats)
            for name, typ in dict.fromkeys(mentions):
                if typ is None or not isinstance(name, str):
                    stats["mention_type_not_used"] += 1
                    continue
                if typ == "ORG" and COMPANY_SUFFIX.search(name):
                    typ = "COMPANY"
                occ = occurrences(text, name)
                if not occ:
                    stats["mention_absent"] += 1
                    continue
                if len(occ) > 1 and len(name) < 3:
                    stats["mention_ambiguous_short_repeated"] += 1   # e.g. 中国 in 中国海洋大学 and alone
                    continue
                for s in occ:
                    s2, e2 = trim(text, s, s + len(name))
                    if e2 - s2 < 2 if typ != "PERSON" else e2 <= s2:
                        stats["mention_too_short"] += 1
                        continue
                    sp.add(s2, e2, typ)
                    stats["mention_used"] += 1
            spans = sp.resolve()
            if spans:
                recs.append({"id": "duie-" + hashlib.sha1(text.encode()).hexdigest()[:12], "text": text,
                             "spans": spans, "complete": False, "source": "duie"})
            else:
                stats["records_without_spans"] += 1
        self.outputs_stats_duie = stats
        self.write_jsonl("ner/duie_partial.jsonl", recs, {"spans": self.span_counts(recs), "notes": dict(stats)})

    # -- Boson -----------------------------------------------------------------
    def boson(self):
        sf, data = self.read("buppt/ChineseNER", "data/boson/origindata.txt")
        lic_sf, lic = self.read("buppt/ChineseNER", "data/boson/license.txt")
        if lic is not None:
            lic_sf.other["encoding"] = "gbk"
            lic_sf.status = "ok (licence text, not data)"
        if data is None:
            return
        recs, stats = [], collections.Counter()
        for lineno, line in enumerate(data.decode("utf-8-sig").splitlines(), 1):
            line = line.replace("\\n", "\n").strip()  # the corpus writes paragraph breaks as a literal \n
            if not line:
                continue
            text, cands, bad = self._boson_parse(line)
            if bad:
                stats["records_with_unbalanced_markup"] += 1
            if self.guard.bad(text):
                sf.dropped_guard += 1
                continue
            if text in self.heldout_texts:
                stats["heldout_text_skipped"] += 1
                continue
            sp = Spans(text, stats)
            for s, e, typ, ent in cands:
                if typ not in BOSON_TYPES:
                    stats[f"unknown_type_{typ}"] += 1
                    continue
                zt = BOSON_TYPES[typ]
                if zt is None:
                    stats[f"dropped_type_{typ}"] += 1
                    continue
                if e <= s:
                    stats["empty_span"] += 1
                    continue
                assert text[s:e] == ent, (lineno, ent)
                sp.add(s, e, zt)
            spans = sp.resolve()
            recs.append({"id": f"boson-{lineno:04d}", "text": text, "spans": spans, "complete": True,
                         "source": f"boson:L{lineno}"})
            self.add_raw(text)
        sf.kept = len(recs)
        sf.other.update(stats)
        self.write_jsonl("ner/boson.jsonl", recs, {"spans": self.span_counts(recs), "notes": dict(stats)})

    @staticmethod
    def _boson_parse(line: str) -> tuple[str, list, int]:
        """'{{person_name:方英}}…' -> (text, [(start, end, type, entity_text)], unbalanced markers).

        A stack parser: a few lines nest the markup ({{product_name:{{product_name:腾讯汽车}}}}), which
        yields the same span twice (merged later); an unmatched '}}' is kept as text, an unclosed
        '{{type:' is dropped."""
        opener = re.compile(r"\{\{([a-z_]+):")
        out, stack, cands, bad, i = [], [], [], 0, 0
        pos = 0
        while i < len(line):
            m = opener.match(line, i)
            if m:
                stack.append((m.group(1), pos))
                i = m.end()
                continue
            if line.startswith("}}", i) and stack:
                typ, start = stack.pop()
                ent = "".join(out)[start:pos]
                s, e = trim(ent, 0, len(ent))
                cands.append((start + s, start + e, typ, ent[s:e]))
                i += 2
                continue
            out.append(line[i])
            pos += 1
            i += 1
        bad = len(stack)
        return "".join(out), cands, bad

    # -- CFSC ------------------------------------------------------------------
    def cfsc(self):
        recs, stats = [], collections.Counter()
        for split in ("val", "test"):
            sf, data = self.read("Ya-dongLi/CFSC", f"CFSC-NER/json格式/{split}.json")
            if data is None:
                continue
            for i, d in enumerate(json.loads(data.decode("utf-8-sig"))):
                text = d["text"]
                if self.guard.bad(text):
                    sf.dropped_guard += 1
                    continue
                if text in self.heldout_texts:
                    sf.other["heldout_text_skipped"] += 1
                    continue
                sp = Spans(text, stats)
                for lab in d["labels"]:
                    cat, s, e = lab["Level 1 Aspect"], lab["from"], lab["to"]
                    zt = CFSC_TYPES.get(cat)
                    if zt is None:
                        stats[f"dropped_category_{cat}"] += 1
                        continue
                    if text[s:e] != lab["text"]:
                        stats["offset_mismatch"] += 1
                        continue
                    s, e = trim(text, s, e)
                    if e - s < 2 or CFSC_NOT_COMPANY.search(text[s:e]):
                        stats[f"{cat}_not_a_company"] += 1
                        continue
                    sp.add(s, e, zt)
                    stats[f"{cat}_to_{zt}"] += 1
                recs.append({"id": f"cfsc-{split}-{i:04d}", "text": text, "spans": sp.resolve(), "complete": False,
                             "source": f"cfsc:{split}:{i}"})
                self.add_raw(text)
                sf.kept += 1
        self.write_jsonl("ner/cfsc.jsonl", recs, {"spans": self.span_counts(recs), "notes": dict(stats)})

    # -- lexicons --------------------------------------------------------------
    def lexicons(self, generic_words: set[str]):
        companies = collections.defaultdict(set)   # (name, kind) -> sources
        investors = collections.defaultdict(set)
        industries = collections.defaultdict(set)

        guard_dropped = collections.Counter()

        def add(table, key, src, sf):
            key = tuple(k.strip() if isinstance(k, str) else k for k in key)
            if not key[0]:
                return
            if len(key[0]) >= 12 and self.guard.bad(key[0]):  # the guard only matches >= 12 characters
                sf.dropped_guard += 1
                guard_dropped[id(table)] += 1
                return
            if src not in table[key]:
                table[key].add(src)
            sf.kept += 1

        # ChainKnowledgeGraph
        R = "liuhuanyong/ChainKnowledgeGraph"
        sf, data = self.read(R, "data/company.json")
        if data is not None:
            for line in data.decode("utf-8-sig").splitlines():
                if line.strip():
                    d = json.loads(line)
                    add(companies, (d.get("name", ""), "short"), "ChainKnowledgeGraph", sf)
                    add(companies, (d.get("fullname", ""), "full"), "ChainKnowledgeGraph", sf)
        sf, data = self.read(R, "data/company_industry.json")
        if data is not None:
            for line in data.decode("utf-8-sig").splitlines():
                if line.strip():
                    d = json.loads(line)
                    add(companies, (d.get("company_name", ""), "short"), "ChainKnowledgeGraph", sf)
                    add(industries, (self._industry(d.get("industry_name", "")),), "ChainKnowledgeGraph", sf)
        sf, data = self.read(R, "data/industry.json")
        if data is not None:
            for line in data.decode("utf-8-sig").splitlines():
                if line.strip():
                    add(industries, (self._industry(json.loads(line)["name"]),), "ChainKnowledgeGraph/SW", sf)
        # stock-knowledge-graph
        R = "lemonhu/stock-knowledge-graph"
        sf, data = self.read(R, "data/import/stock.csv")
        if data is not None:
            rows = data.decode("utf-8-sig").splitlines()[1:]
            for row in rows:
                f = row.split(",")
                if len(f) >= 2:
                    add(companies, (f[1], "short"), "stock-knowledge-graph", sf)
        sf, data = self.read(R, "data/import/industry.csv")
        if data is not None:
            for row in data.decode("utf-8-sig").splitlines()[1:]:
                f = row.split(",")
                if len(f) >= 2:
                    add(industries, (self._industry(f[1]),), "stock-knowledge-graph", sf)
        listed = {n for (n, k) in companies}
        # Company-Names-Corpus (noisy): see _short_name_ok for the filter
        sf, data = self.read("wainshine/Company-Names-Corpus", "Company-Shorter-Form（28W）.txt")
        if data is not None:
            lines = data.decode("utf-8-sig").splitlines()
            for line in lines[2:]:                       # two header lines: "By@萌名NameMoe", date
                name = line.strip()
                why = self._short_name_ok(name, generic_words, listed)
                if why:
                    sf.other[f"rejected_{why}"] += 1
                    continue
                add(companies, (name, "short"), "Company-Names-Corpus", sf)
        # FinancialDatasets (xlsx)
        R = "smoothnlp/FinancialDatasets"
        m = self.mirror(R)
        xlsx = sorted(p for p in (m.ls() if m.git_dir else []) if p.startswith("data/") and p.endswith(".xlsx"))
        wanted = [p for p in xlsx if any(k in p for k in ("投资机构", "投资结构", "投资事件", "工商"))]
        if not m.git_dir:
            self.read(R, "data/*.xlsx")
        for path in wanted:
            sf, data = self.read(R, path)
            if data is None:
                continue
            rows = self._xlsx_rows(data)
            head = rows[0] if rows else []
            col = {h: i for i, h in enumerate(head)}
            for row in rows[1:]:
                get = lambda h: (str(row[col[h]]).strip() if h in col and col[h] < len(row)  # noqa: E731
                                 and row[col[h]] is not None else "")
                if "机构名称" in col:
                    add(investors, (get("机构名称"),), "FinancialDatasets/投资机构", sf)
                if "投资方" in col:
                    for inv in self._split_investors(get("投资方")):
                        if inv.count(" ") > 2:   # names are space-separated: a long Latin run is several names
                            sf.other["investor_latin_run_ambiguous"] += 1
                            continue
                        add(investors, (inv,), "FinancialDatasets/投资事件", sf)
                    name = get("融资方")
                    if name:
                        add(companies, (name, "short"), "FinancialDatasets/投资事件", sf)
                    headline = get("事件资讯")
                    if headline and not self.guard.bad(headline):
                        self.add_raw(headline)
                if "公司名称" in col:
                    add(companies, (get("名称"), "brand"), "FinancialDatasets/工商", sf)
                    add(companies, (get("公司名称"), "full"), "FinancialDatasets/工商", sf)
                    intro = get("公司介绍")
                    if intro:
                        if self.guard.bad(intro):
                            sf.dropped_guard += 1
                        else:
                            self.add_raw(intro)
            sf.other["rows"] = max(0, len(rows) - 1)

        def tsv(table, header):
            lines = ["\t".join(header)]
            for key in sorted(table):
                lines.append("\t".join([*key, ",".join(sorted(table[key]))]))
            return "\n".join(lines) + "\n"

        kinds = collections.Counter(k for (_, k) in companies)
        self.write("lexicon/companies.tsv", tsv(companies, ["name", "kind", "source"]), len(companies),
                   {"kinds": dict(sorted(kinds.items())), "guard_dropped": guard_dropped[id(companies)]})
        self.write("lexicon/investors.tsv", tsv(investors, ["name", "source"]), len(investors),
                   {"guard_dropped": guard_dropped[id(investors)]})
        self.write("lexicon/industries.tsv", tsv(industries, ["name", "source"]), len(industries),
                   {"guard_dropped": guard_dropped[id(industries)]})

    @staticmethod
    def _industry(name: str) -> str:
        name = re.sub(r"[ⅠⅡⅢⅣ]+$", "", name.strip())   # SW level markers: 林业Ⅱ -> 林业
        return "" if name.startswith(("其他", "其它")) else name

    @staticmethod
    def _split_investors(field_: str) -> list[str]:
        """'鼎珮投资集团 国投创业 Aviv Venture Capital' -> names; consecutive Latin tokens are one name."""
        if not field_ or field_ in ("未披露", "投资方未透露", "None"):
            return []
        out = []
        for tok in re.split(r"[\s、,，]+", field_):
            if not tok:
                continue
            if out and re.fullmatch(r"[A-Za-z0-9&.\-'()]+", tok) and re.search(r"[A-Za-z0-9.)]$", out[-1]) \
                    and re.fullmatch(r"[A-Za-z0-9&.\-'() ]+", out[-1]):
                out[-1] += " " + tok
            else:
                out.append(tok)
        return [o for o in out if o not in ("未披露", "投资方未透露") and len(o) >= 2]

    @staticmethod
    def _short_name_ok(name: str, generic: set[str], listed: set[str]) -> str | None:
        """Company-Names-Corpus filter; returns the reason for rejection or None.

        kept: 2-12 characters; only CJK, Latin letters, digits and · & - ; not digits only; not one
        repeated character; not a generic
        word (a word of the SIGHAN 2005 PKU/MSR training dictionaries, i.e. an ordinary dictionary word
        such as 阿宝 or 山水景观, unless it is a listed A-share short name; and not a bare legal suffix).
        """
        if not 2 <= len(name) <= 12:
            return "length"
        if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·&\-]+", name):
            return "characters"
        if name.isdigit() or not re.search(r"[\u4e00-\u9fffA-Za-z]", name):
            return "digits_only"
        if len(set(name)) == 1:
            return "repeated_character"      # 阿阿, 哈哈
        if name in COMPANY_GENERIC or name in {"有限公司", "股份公司", "科技", "控股", "实业"}:
            return "generic"
        if name in generic and name not in listed:
            return "dictionary_word"
        return None

    @staticmethod
    def _xlsx_rows(data: bytes) -> list[list]:
        try:
            import openpyxl  # noqa: PLC0415
        except ImportError as e:
            raise SystemExit("openpyxl is needed for the FinancialDatasets xlsx files: pip install openpyxl") from e
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
        return rows

    # -- CWS -------------------------------------------------------------------
    def cws(self) -> set[str]:
        """Writes the bakeoff files; returns the PKU+MSR dictionary words (for the lexicon filter)."""
        R = "yuikns/icwb2-data"
        generic = set()
        self.cws_guard = {}
        for name in CWS_NAMES:
            enc, train_orig, gold_orig, words_orig = CWS_ORIG[name]
            for kind, utf8_path, orig_path in (("train", train_orig.rsplit(".", 1)[0] + ".utf8", train_orig),
                                               ("test", CWS_TEST_GOLD[name], gold_orig),
                                               ("words", f"gold/{name}_training_words.utf8", words_orig)):
                sf, data = self.read(R, utf8_path)
                text = None
                if data is not None:
                    text = self._decode_cws(data, "utf-8", sf)
                else:   # fall back to the original encoding
                    self.unavailable.pop()
                    sf2, data2 = self.read(R, orig_path)
                    if data2 is not None:
                        text = self._decode_cws(data2, enc, sf2)
                        sf = sf2
                if text is None:
                    continue
                lines, flagged = [], 0
                for line in text.splitlines():
                    if kind == "words":
                        w = line.strip()
                        if w:
                            lines.append(w)
                        continue
                    words = line.split()   # str.split() also splits at U+3000, the AS/CityU separator
                    if not words:
                        continue
                    if kind == "train" and self.guard.bad("".join(words)):
                        flagged += 1
                        sf.dropped_guard += 1
                        continue
                    if kind == "test" and self.guard.overlaps("".join(words)) > 0:
                        flagged += 1            # reported only: gold test files are not filtered
                    lines.append(" ".join(words))
                    if kind == "train":
                        self.add_raw("".join(words))
                sf.kept = len(lines)
                if kind == "test":
                    sf.other["guard_flagged_not_dropped"] = flagged
                self.cws_guard[(name, kind)] = flagged
                out = f"cws/{name}_training_words.txt" if kind == "words" else f"cws/{name}_{kind}.txt"
                self.write(out, "\n".join(lines) + "\n", len(lines), {"guard_flagged": flagged})
                if kind == "words" and name in ("pku", "msr"):
                    generic.update(lines)
        return generic

    @staticmethod
    def _decode_cws(data: bytes, enc: str, sf: SourceFile) -> str:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            enc = "utf-16"
        elif data.startswith(b"\xef\xbb\xbf"):
            enc = "utf-8-sig"
        sf.other["encoding"] = enc
        return data.decode(enc)

    # -- all -------------------------------------------------------------------
    def run(self):
        generic = self.cws()
        self.duee()                    # first: defines the held-out texts the others must avoid
        self.duie()
        self.boson()
        self.cfsc()
        self.lexicons(generic)
        lines = [l for l in self.raw if l not in self.heldout_texts]
        self.write("raw/pretrain.txt", "".join(l + "\n" for l in lines), len(lines),
                   {"characters": sum(len(l) for l in lines)})
        manifest = {
            "generated_by": "evaluation/data/prepare.py",
            "script_sha256": sha256(Path(__file__).read_bytes()),
            "guard": {"module": "holdout_guard.overlaps(text) > 0 -> dropped",
                      "hashes_sha256": sha256((Path(self.args.guard) / "holdout_guard.hashes").read_bytes()),
                      "texts_flagged": self.guard.flagged},
            "never_used": ["DuEE 1.0 dev/test", "DuEE-fin", "CLUENER2020 dev/test"],
            "sources": [s.entry() for s in self.sources],
            "unavailable": self.unavailable,
            "outputs": dict(sorted(self.outputs.items())),
        }
        body = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
        self.write("MANIFEST.json", body, len(self.sources))
        if not self.args.no_manifest_copy:
            (HERE / "MANIFEST.json").write_text(body, encoding="utf-8")
        return manifest


def summary(b: Build) -> str:
    rows = [("output", "records", "spans per type", "dropped by guard")]
    drop = collections.Counter()
    for s in b.sources:
        drop[s.path] += s.dropped_guard

    def g(*paths):
        return sum(drop[p] for p in paths)

    guard_of = {
        "events/duee_train.jsonl": g("duee_train.json.zip"), "ner/duee_partial.jsonl": g("duee_train.json.zip"),
        "relations/duie.jsonl": g("data/duie_train.json", "data/duie_dev.json", "data/duie_train_4000.json",
                                  "data/train_data_5000.json"),
        "ner/boson.jsonl": g("data/boson/origindata.txt"),
        "ner/cfsc.jsonl": g("CFSC-NER/json格式/val.json", "CFSC-NER/json格式/test.json"),
    }
    guard_of["ner/duie_partial.jsonl"] = guard_of["relations/duie.jsonl"]
    for rel, o in sorted(b.outputs.items()):
        if rel == "MANIFEST.json":
            continue
        spans = o.get("spans") or o.get("kinds") or ""
        if isinstance(spans, dict):
            spans = " ".join(f"{k}={v}" for k, v in spans.items())
        gd = guard_of.get(rel, o.get("guard_flagged", o.get("guard_dropped", "")))
        if rel.startswith("cws/") and rel.endswith("_test.txt"):
            gd = f"{gd} flagged, kept (gold)"
        if rel == "raw/pretrain.txt":
            spans = f"{o['characters']:,} characters"
            gd = "(inherits the source filters)"
        rows.append((rel, str(o["records"]), spans, str(gd)))
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:<{w[2]}}  {r[3]}" for r in rows)


def prepare(argv: list[str] | None = None) -> Build:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror-root", default="/work/.mirror", help="folder of fetched snapshots (owner+name/…)")
    ap.add_argument("--out", default=os.environ.get("ZHIE_DATA") or "~/.cache/zhie/data",
                    help="output folder (default $ZHIE_DATA or ~/.cache/zhie/data); never inside the repository")
    ap.add_argument("--guard", default=str(REPO_ROOT.parent / "shared" / "tools"),
                    help="folder holding holdout_guard.py (default ../shared/tools from the repository root)")
    ap.add_argument("--no-manifest-copy", action="store_true",
                    help="do not copy MANIFEST.json to evaluation/data/ (e.g. when testing)")
    args = ap.parse_args(argv)
    out = Path(args.out).expanduser().resolve()
    if out == REPO_ROOT or REPO_ROOT in out.parents:
        ap.error(f"--out {out} is inside the repository; the data must never be committed")
    b = Build(args)
    b.run()
    print(summary(b))
    print(f"\noutput: {out}")
    if b.unavailable:
        print("unavailable sources:\n  " + "\n  ".join(b.unavailable))
    return b


if __name__ == "__main__":
    prepare()
