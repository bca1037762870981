"""Length-preserving normalization: traditional → simplified, full-width → half-width, script detection."""
import pytest

from extract.textnorm import detect_script, normalize, to_halfwidth, to_simplified

INPUTS = [
    "國家級專精特新企業達1026家",
    "浦東新區１０２６家集成電路企業",
    "上海超 20 亿元的集成电路产业基金落户浦东新区",
    "深圳以347家的新增数量位居全国城市首位",
    "臺北市與新竹科學園區的半導體產業鏈",
    "研發強度達１２．５％，較上年提升０.８個百分點",
    "ＡＩ　芯片：融資１．５億元（Ｂ輪）",
    "截至2025年10月，全市共有「小巨人」企業1032家。",
    "混合：國家級、国家级、ＡＢＣ、🚀火箭、𠀋字",  # astral-plane characters count as one code point
    "\n\n  \t",
    "",
]


@pytest.mark.parametrize("text", INPUTS)
def test_normalize_keeps_length_and_non_han_positions(text):
    norm, _ = normalize(text)
    assert len(norm) == len(text)
    for a, b in zip(text, norm):  # line structure never moves
        assert (a == "\n") == (b == "\n")


def test_normalize_keeps_length_on_seeds(seeds):
    for name, text in seeds.items():
        norm, script = normalize(text)
        assert len(norm) == len(text), name
        assert script in ("simplified", "traditional")


@pytest.mark.parametrize("trad,simp", [
    ("國家級", "国家级"),
    ("專精特新", "专精特新"),
    ("企業數量", "企业数量"),
    ("發展", "发展"),
    ("臺灣", "台湾"),
    ("數據", "数据"),
    ("衛星物聯網", "卫星物联网"),
    ("產業鏈", "产业链"),
    ("潔淨車間", "洁净车间"),
    ("後臺", "后台"),
    ("融資", "融资"),
    ("億元", "亿元"),
])
def test_traditional_words_map_to_simplified(trad, simp):
    assert to_simplified(trad) == simp
    # inside a traditional sentence, at the same offsets
    text = f"上海的{trad}位居全國第三"
    norm, script = normalize(text)
    assert script == "traditional"
    assert norm[3:3 + len(trad)] == simp


def test_simplified_text_is_left_alone():
    text = "上海在打造全球科技创新中心的征程上立起了一座新的里程碑"
    assert normalize(text) == (text, "simplified")


@pytest.mark.parametrize("full,half", [
    ("１０２６家", "1026家"),
    ("１２．５％", "12.5%"),
    ("ＡＩ芯片", "AI芯片"),
    ("Ｂ輪", "B輪"),
    ("超　20　亿元", "超 20 亿元"),  # ideographic space → ASCII space, one for one
    ("１，２３４", "1，234"),  # the Chinese comma stays punctuation
    ("（Ｂ轮）：融资", "（B轮）：融资"),
])
def test_halfwidth(full, half):
    assert to_halfwidth(full) == half
    assert len(to_halfwidth(full)) == len(full)


@pytest.mark.parametrize("text,script", [
    ("國家級專精特新“小巨人”企業數量首次突破1000家", "traditional"),
    ("国家级专精特新“小巨人”企业数量首次突破1000家", "simplified"),
    ("2025-10-01 12:00 TOP3", "none"),
    ("", "none"),
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_normalize_gives_simplified_halfwidth_view():
    norm, script = normalize("浦東新區１０２６家集成電路企業")
    assert script == "traditional"
    assert norm == "浦东新区1026家集成电路企业"


# ------------------------------------------------------------ boundaries found by mutation testing

@pytest.mark.parametrize("full,half", [
    ("１～２万家", "1~2万家"),   # the full-width tilde of ranges (U+FF5E) is the last mapped code point
    ("＂ＡＢ＂＠", "\"AB\"@"),   # U+FF02, the first one that is not kept as punctuation
])
def test_halfwidth_range_ends(full, half):
    assert to_halfwidth(full) == half


def test_halfwidth_keeps_chinese_punctuation_and_what_lies_past_the_range():
    kept = "，；：！？（）"  # readable punctuation stays full-width
    assert to_halfwidth(kept) == kept
    assert to_halfwidth("｟｠") == "｟｠"  # U+FF5F/U+FF60 are outside the full-width ASCII block


@pytest.mark.parametrize("text,script", [
    ("国" * 39 + "國", "simplified"),      # 1 of 40 changed: 2.5 %, under the 3 % line
    ("国" * 97 + "國" * 3, "simplified"),  # exactly 3 %: not over it
    ("国" * 96 + "國" * 4, "traditional"),  # 4 %
    ("国" * 980 + "國" * 20, "traditional"),  # 2 %, but 20 changed characters are enough
    ("国" * 981 + "國" * 19, "simplified"),
    ("x" * 20000 + "國", "none"),           # only the first 20 000 characters are sampled
])
def test_detect_script_thresholds(text, script):
    assert detect_script(text) == script


class _FakeConverter:
    """OpenCC stand-in: 後→后, 臺→台 one for one, the phrase 乾隆 → 乾 (length changes), 錶 → 表面."""

    def convert(self, s):
        return s.replace("乾隆", "乾").replace("錶", "表面").replace("後", "后").replace("臺", "台")


@pytest.fixture
def fake_opencc(monkeypatch):
    import extract.textnorm as tn
    tn._char_t2s.cache_clear()
    monkeypatch.setattr(tn, "_converter", lambda: _FakeConverter())
    yield tn
    tn._char_t2s.cache_clear()


def test_length_changing_conversion_falls_back_per_chunk_then_per_character(fake_opencc):
    text = "後臺。一後乾隆錶錶二\n三後"
    out = fake_opencc.to_simplified(text)
    # chunk 1 and 3 convert whole; chunk 2 (乾隆 would shrink) goes character by character,
    # and 錶 (one → two characters) stays as it was
    assert out == "后台。一后乾隆錶錶二\n三后"
    assert fake_opencc.to_simplified("後臺") == "后台"  # no length change: the whole-text conversion


def _fake_opencc_module(accepts):
    import types

    class OpenCC:
        def __init__(self, cfg):
            if cfg not in accepts:
                raise ValueError(cfg)
            self.cfg = cfg

    return types.SimpleNamespace(OpenCC=OpenCC)


@pytest.mark.parametrize("accepts", [("t2s",), ("t2s.json",)])
def test_converter_tries_both_config_names(monkeypatch, accepts):
    import sys

    import extract.textnorm as tn
    monkeypatch.setitem(sys.modules, "opencc", _fake_opencc_module(accepts))
    tn._converter.cache_clear()
    try:
        assert tn._converter().cfg == accepts[0]
    finally:
        tn._converter.cache_clear()


def test_converter_errors_say_what_is_missing(monkeypatch):
    import sys

    import extract.textnorm as tn
    tn._converter.cache_clear()
    try:
        monkeypatch.setitem(sys.modules, "opencc", _fake_opencc_module(()))
        with pytest.raises(RuntimeError, match="^OpenCC has no 't2s' configuration in this installation$"):
            tn._converter()
        monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc → ImportError
        with pytest.raises(ImportError, match="^opencc is required for traditional-script input: pip install opencc$"):
            tn._converter()
    finally:
        tn._converter.cache_clear()


def test_fullwidth_thousands_separator_becomes_ascii_comma():
    from extract.textnorm import normalize
    assert normalize("架次为38，917架次，同比")[0] == "架次为38,917架次，同比"
    assert normalize("1，234，567元")[0] == "1,234,567元"
    for t in ("1，2，3", "2019，100家", "12，3456"):
        assert normalize(t)[0] == t
