"""Numeral parsing and the integrity of the rules data files (extract/data/rules/*.json)."""
import json
import re

import pytest

from extract.stages.recognizers._data import RULES_DIR, RulesDataError, load_rules
from extract.stages.recognizers.numerals import Numerals, parse_number
from docs import make_doc


@pytest.mark.parametrize("s, value", [
    ("1026", 1026),
    ("1.2万", 12000),
    ("1,100万", 11000000),
    ("2.92万亿", 2920000000000),
    ("15.16 万", 151600),
    ("15.16\n万", 151600),
    ("4502.9亿", 450290000000),
    ("10兆", 10 ** 13),
    ("3339.19万", 33391900),
    ("0.04", 0.04),
    ("一万", 10000),
    ("两千", 2000),
    ("十四", 14),
    ("十", 10),
    ("百", 100),
    ("万", 10000),
    ("二十", 20),
    ("三千五百万", 35000000),
    ("一亿二千万", 120000000),
    ("一千零五", 1005),
    ("二〇二五", 2025),
    ("十亿", 1000000000),
    ("三点五", 3.5),
    ("一点六亿", 160000000),
    ("三○二点四", 302.4),
    ("十四点零五", 14.05),
])
def test_parse_number(s, value):
    got = parse_number(s)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("s", ["十四五", "十百", "两两", "abc", "", "五四三二一x", "三点", "点五", "三点两", "三点五x"])
def test_parse_number_rejects_malformed(s):
    assert parse_number(s) is None


def test_decimal_magnitudes_are_exact():
    # 1.2 * 10000 in floats is 11999.999999999998; Decimal keeps it exact and integral
    assert Numerals().parse("1.2万") == 12000


# ----------------------------------------------------------------- data integrity
RULE_FILES = sorted(p.stem for p in RULES_DIR.glob("*.json"))
QUAL_CLASSES = {"exact", "approx", "more_than", "less_than", "at_least", "range", "vague"}


def test_all_expected_rule_files_exist():
    assert {"numerals", "units", "qualifiers", "dates", "ranks", "policy"} <= set(RULE_FILES)


def _dupe_lists(obj, path="$"):
    """Paths of lists that hold the same string twice."""
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _dupe_lists(v, f"{path}.{k}")
    elif isinstance(obj, list):
        strs = [x for x in obj if isinstance(x, str)]
        if len(strs) != len(set(strs)):
            out.append(path)
        for i, v in enumerate(obj):
            if isinstance(v, (dict, list)):
                out += _dupe_lists(v, f"{path}[{i}]")
    return out


@pytest.mark.parametrize("name", RULE_FILES)
def test_rule_file_parses_without_duplicates(name):
    data = load_rules(name)  # raises on a duplicate key
    assert isinstance(data, dict) and data
    assert _dupe_lists(data) == []


def test_duplicate_key_is_reported_with_file(tmp_path):
    (tmp_path / "units.json").write_text('{"a": 1, "a": 2}', encoding="utf-8")
    with pytest.raises(RulesDataError, match="units.json.*duplicate key 'a'"):
        load_rules("units", tmp_path)


def test_bad_json_names_file_and_line(tmp_path):
    (tmp_path / "ranks.json").write_text('{\n "a": [1,]\n}', encoding="utf-8")
    with pytest.raises(RulesDataError, match=r"ranks.json, line 2"):
        load_rules("ranks", tmp_path)


def test_missing_file_names_the_fix(tmp_path):
    with pytest.raises(RulesDataError, match="missing"):
        load_rules("numerals", tmp_path)


def test_qualifiers_map_to_valid_classes():
    q = load_rules("qualifiers")
    assert set(q["classes"]) == QUAL_CLASSES
    assert set(q["precedence"]) == QUAL_CLASSES
    for where in ("prefix", "infix", "suffix", "emphasis"):
        for word, cls in q[where].items():
            assert word.strip() == word and word, (where, word)
            assert cls in QUAL_CLASSES, (where, word, cls)
    assert set(q["emphasis"].values()) == {"exact"}
    # a word must not be both a prefix and a suffix with different meanings
    both = set(q["prefix"]) & set(q["suffix"])
    assert all(q["prefix"][w] == q["suffix"][w] for w in both)


def test_numerals_data_is_consistent():
    n = load_rules("numerals")
    assert all(isinstance(v, int) and 0 <= v <= 9 for v in n["digits"].values())
    assert set(n["zero_chars"]) <= set(n["digits"])
    assert set(n["big_units_chinese"]) <= set(n["big_units"])
    assert not set(n["digits"]) & set(n["small_units"]) & set(n["big_units"])
    assert sorted(n["small_units"].values()) == [10, 100, 1000]
    assert n["big_units"]["兆"] == 10 ** 12  # SCHEMA: 兆 is 10^12 in money
    for word, spec in n["fraction_words"].items():
        assert 0 < spec["value"] <= 100 and spec["qualifier"] in QUAL_CLASSES
    for word, (lo, hi) in n["vague_prefixes"].items():
        if len(word) == 1:
            assert 1 <= lo < hi <= 9, word  # 数, 几, 上 + magnitude
        else:  # a tens numeral + 几: 十几 = 11..19, 二十几 = 21..29
            tens = 1 if word == "十几" else n["digits"][word[0]]
            assert word.endswith("十几") and (lo, hi) == (10 * tens + 1, 10 * tens + 9), word


@pytest.mark.parametrize("text, surface, lo, hi", [
    ("营收十几万元", "十几万元", 110000, 190000),
    ("二十几万人参加", "二十几万人", 210000, 290000),
    ("融资九十几亿元", "九十几亿元", 9.1e9, 9.9e9),
])
def test_tens_and_ji_make_a_vague_figure_not_a_bare_magnitude(text, surface, lo, hi):
    """十几万元 was read as 万元 = 10000 (the 万 after 几 taken as a number of its own)."""
    from extract.stages.recognizers import find_figures
    (f,) = find_figures(make_doc(text))
    assert (f.text, f.attrs["qualifier"], f.attrs["min"], f.attrs["max"]) == (surface, "vague", lo, hi)


def test_units_data_is_consistent():
    u = load_rules("units")
    units = (set(u["currencies"]) | set(u["percent"]) | set(u["multiple"]) | set(u["measure_words"])
             | set(u.get("tenth_like", [])) | set(u.get("cents", {})) | set(u.get("measure_scaled", {})))
    assert set(u.get("cents", {}).values()) <= set(u["currencies"].values())  # 1仙 = 0.01 of a currency we know
    assert set(u["currencies"].values()) <= set(u["currencies"]) | {"元"}
    assert set(u.get("measure_aliases", {})) <= set(u["measure_words"]) | set(u["multiple"])  # 25x → 倍
    assert u["currencies"]["人民币"] == "元"
    assert set(u["unit_not_before"]) <= units, set(u["unit_not_before"]) - units
    assert u["year_unit"] in u["measure_words"]
    for w in units:
        assert w and w.strip() == w and not re.search(r"\d", w)


def test_dates_and_ranks_data_are_consistent():
    d = load_rules("dates")
    assert set(d["relative_not_before"]) <= set(d["relative"])
    assert all(isinstance(v, int) for v in d["relative_years"].values())
    assert set(d["last_n_units"].values()) == {"years", "months", "quarters", "weeks", "days", "trading_days"}
    r = load_rules("ranks")
    assert all(isinstance(v, int) and v != 0 for v in r["words"].values())
    assert not set(r["ordinal_suffixes"]) & set(r["ordinal_not_before"])
    assert "批" in r["ordinal_not_before"] and "批" in r["top_not_before"]
    p = load_rules("policy")
    assert all(len(pair) == 2 and len(pair[0]) == len(pair[1]) == 1 for pair in p["brackets"])


def test_rule_files_are_plain_utf8_json():
    paths = sorted(RULES_DIR.glob("*.json"))
    assert len(paths) >= 4, f"rule files missing from {RULES_DIR}"
    for path in paths:
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a BOM"
        data = json.loads(raw.decode("utf-8"))
        assert isinstance(data, dict) and data, f"{path.name} is not a non-empty JSON object"


# ------------------------------------------------------------ boundaries found by mutation testing
@pytest.mark.parametrize("s, value", [
    ("一〇", 10),        # two digits read digit by digit
    ("两", 2),           # one character: not the digit-by-digit path (which refuses 两)
    ("五十五十", None),  # the same small unit twice
    ("十四五", None),
])
def test_parse_chinese_edges(s, value):
    got = Numerals().parse_chinese(s)
    assert (None if got is None else int(got)) == value


@pytest.mark.parametrize("s, value", [("", 1), ("万", 10 ** 4), ("万 ", 10 ** 4), ("千 万", 10 ** 7),
                                      ("百万", 10 ** 6), ("千亿", 10 ** 11), ("万亿", 10 ** 12), ("家", None)])
def test_magnitude_words(s, value):
    got = Numerals().magnitude(s)
    assert (None if got is None else int(got)) == value


def test_first_chars_and_gated_patterns():
    """``first_chars`` reads a pattern's possible first characters through lookarounds, optional parts and alternatives,
    and gives up (None) where any character may start a match or a match may be empty; a pattern behind ``gated``'s
    check finds the same matches (the speed gate of the whole-text scans: dates._SLASH_DATE, policy programmes …)."""
    import re
    from extract.stages.recognizers._data import first_chars, gated
    from extract.stages.recognizers import dates, figures

    assert first_chars(r"(?<=[“「])(?:人工|互联)\+|(?:香港)?财务|(?:20\d\d年?)?政府") == set("人互香财2政")
    assert first_chars(r"(?P<cue>才|仅)?(?<![上下])半年") == set("才仅半")
    for p in (r"a?", r"\d+", r"[^a]b", r"(?i)ab", r".x"):
        assert first_chars(p) is None and gated(p) == p
    assert gated(r"(?m)^[ \t]*(20[0-3]\d)") == r"(?m)^[ \t]*(20[0-3]\d)"  # global flags open the pattern: left as it is
    text = "才半年，截至2025/2/8，20日电，1/20-2/12，2025政策基调积极，上市半年，2023-04-21，12日，公司宣布"
    for p in (dates._SLASH_DATE, dates._YEAR_BARE, dates._BARE_DAY, dates._DATELINE, dates._ISO, figures._HALF_YEAR):
        assert p.pattern.startswith("(?=[")
        plain = re.compile(re.sub(r"^\(\?=\[(?:\\.|[^\]])*\]\)\(\?:(.*)\)$", r"\1", p.pattern, flags=re.S), p.flags)
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in plain.finditer(text)] != []
