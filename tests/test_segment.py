"""Sentences and jieba tokens: both cover the text exactly; user dictionaries add words."""
import pytest

from extract.stages.segment import Tokenizer, split_sentences
from extract.textnorm import normalize

TEXTS = [
    "上海在打造全球科技创新中心的征程上，立起了一座新的里程碑：国家级专精特新“小巨人”企业数量首次突破1000家，达1026家。",
    "深圳以347家的新增数量位居全国城市首位！这标志着深圳正式成为中国的“专精特新第一城”？",
    "國家級專精特新企業達1026家；總量位居全國第三。\n\n在浦東的集成電路實驗室",
    "| 企业名称 | 所属区域 |\n|---|---|\n| 上海澜起科技股份有限公司 | 浦东新区 |\n",
    "超 20 亿元\t１０２６家　ＡＩ芯片",
    "没有标点的长段落" * 120,  # 960 chars without punctuation: cut at max_len
    "“小巨人”企业。”他说。",
    "\n\n\n",
    "",
]


def assert_covers(bounds, text):
    pos = 0
    for s, e in bounds:
        assert s == pos, f"gap or overlap at {pos}: next span starts at {s}"
        assert e > s, f"empty span at {s}"
        pos = e
    assert pos == len(text)


@pytest.mark.parametrize("text", TEXTS)
def test_sentences_cover_text_without_gaps(text):
    sents = split_sentences(text, max_len=400)
    assert_covers(sents, text)
    assert all(e - s <= 400 for s, e in sents)


@pytest.mark.parametrize("text,expected", [
    ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
    ("他说：“突破1000家。”随后离开。", ["他说：“突破1000家。”", "随后离开。"]),
    ("上一段\n下一段", ["上一段\n", "下一段"]),
    ("无结尾标点", ["无结尾标点"]),
])
def test_sentence_ends(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_long_stretch_cut_at_comma_near_limit():
    text = "，".join(["集成电路企业" * 3] * 40)  # 18 chars + comma, repeated; no sentence end
    sents = split_sentences(text, max_len=100)
    assert_covers(sents, text)
    assert len(sents) > 1
    assert all(text[e - 1] == "，" for s, e in sents[:-1])


def test_sentences_cover_seeds(seeds):
    for name, text in seeds.items():
        assert_covers(split_sentences(text), text)


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_rebuild_text(tokenizer, text):
    norm, _ = normalize(text)
    toks = tokenizer.tokenize(norm)
    assert_covers(toks, text)
    assert "".join(text[s:e] for s, e in toks) == text


def test_pos_tags_cover_text(tokenizer):
    text = "上海澜起科技股份有限公司完成C轮融资1.5亿元"
    tags = tokenizer.pos_tag(text)
    assert_covers([(s, e) for s, e, _ in tags], text)
    assert all(isinstance(p, str) and p for _, _, p in tags)


def test_tokens_rebuild_seeds(tokenizer, seeds):
    for name, text in seeds.items():
        norm, _ = normalize(text)
        assert_covers(tokenizer.tokenize(norm), text)


WORD = "澜起曦智科技"  # an invented name jieba cannot know as one word


def _words(tok, text):
    return [text[s:e] for s, e in tok.tokenize(text)]


def test_user_dictionary_file_adds_a_word(tokenizer, tmp_path):
    text = f"{WORD}完成新一轮融资"
    assert WORD not in _words(tokenizer, text)
    ud = tmp_path / "companies.txt"
    ud.write_text(f"{WORD} 100000 nt\n", encoding="utf-8")
    tok = Tokenizer(userdicts=[ud])
    assert WORD in _words(tok, text)
    assert str(ud) in tok.userdicts
    assert "nt" in [p for s, e, p in tok.pos_tag(text) if text[s:e] == WORD]
    # the word lives in that instance only: no state shared through jieba's module globals
    assert WORD not in _words(tokenizer, text)
    # add_word on the same instance adds another
    other = "沐曦光子芯"
    assert other not in _words(tok, f"{other}获投")
    tok.add_word(other, 100000, "nt")
    assert other in _words(tok, f"{other}获投")


def test_missing_user_dictionary_names_the_path(tokenizer, tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        tokenizer.add_userdict(missing)


def test_package_user_dictionary_is_used_and_baseline_can_skip_it():
    from extract.stages.segment import Tokenizer
    text = "专精特新小巨人企业在科创板上市"
    words = lambda t: [text[a:b] for a, b in t.tokenize(text)]  # noqa: E731
    assert {"专精特新", "小巨人", "科创板"} <= set(words(Tokenizer()))
    assert "专精特新" not in words(Tokenizer(package_dicts=False))
