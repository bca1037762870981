"""Lexicon features (extract/stages/ner/lexicon.py): begin / middle / end marks per list, hashing, files."""
import numpy as np
import pytest

from extract.stages.ner.features import Featurizer
from extract.stages.ner.lexicon import MAX_LEN, Lexicon


@pytest.fixture()
def feat():
    f = Featurizer(["a"], [])
    f.lexicon = Lexicon.build({"company": ["红杉中国", "高瓴资本", "ＡＢＣ科技"], "place": ["中国", "北京"]},
                              f._tables()[0])
    return f


def test_begin_middle_end_per_list(feat):
    x = feat.encode_lex("由红杉中国领投")
    assert x.shape == (7, 6)
    # company columns 0-2: 红 begins, 杉 中 inside, 国 ends; place columns 3-5: 中 begins, 国 ends
    assert x[:, 0].tolist() == [0, 1, 0, 0, 0, 0, 0]
    assert x[:, 1].tolist() == [0, 0, 1, 1, 0, 0, 0]
    assert x[:, 2].tolist() == [0, 0, 0, 0, 1, 0, 0]
    assert x[:, 3].tolist() == [0, 0, 0, 1, 0, 0, 0]
    assert x[:, 4].tolist() == [0] * 7  # a two-character word has no middle
    assert x[:, 5].tolist() == [0, 0, 0, 0, 1, 0, 0]


def test_matching_is_on_the_folded_text(feat):
    """Full-width and case fold like the tagger's input: ＡＢＣ科技 in the list matches abc科技 and ABC科技."""
    for text in ("abc科技", "ABC科技", "ＡＢＣ科技"):
        assert feat.encode_lex(text)[:, 0].tolist() == [1, 0, 0, 0, 0]


def test_no_match_across_texts_in_a_flat_batch(feat):
    texts = ["红杉", "中国"]  # 红杉|中国 must not match 红杉中国 across the padding
    flat = feat.lex_flat(texts, 3)
    _, _, offs = feat.encode_flat(texts, 3)
    assert flat.shape[0] == 3 + 2 + 3 + 2 + 3
    assert flat[:, :3].sum() == 0  # no company match
    assert flat[offs[1], 3] == 1 and flat[offs[1] + 1, 5] == 1  # 中国 as a place


def test_single_characters_and_overlong_words_are_not_lexicon_words():
    f = Featurizer(["a"], [])
    lex = Lexicon.build({"x": ["中", "国" * (MAX_LEN + 1), "中国"]}, f._tables()[0])
    assert len(lex) == 1


def test_save_load_round_trip(feat, tmp_path):
    feat.lexicon.save(tmp_path / "lexicon.npz")
    again = Lexicon.load(tmp_path / "lexicon.npz")
    assert again.names == ["company", "place"]
    np.testing.assert_array_equal(again.keys, feat.lexicon.keys)
    np.testing.assert_array_equal(again.features(feat.folded("高瓴资本在北京")),
                                  feat.lexicon.features(feat.folded("高瓴资本在北京")))


def test_lexicon_sources_reject_unknown_kinds():
    from extract.learn.ner.lexicons import read_lists
    with pytest.raises(ValueError, match="data:PATH"):
        read_lists({"company": ["http://example.com/list.txt"]})
    got = read_lists({"org": ["pkg:gazetteer/orgs.tsv"]})
    assert "工业和信息化部" in got["org"] or len(got["org"]) > 10


def test_keep_common_exempts_a_list_from_the_common_word_filter(tmp_path, monkeypatch):
    """A data: list loses the words jieba's dictionary knows as ordinary words, unless _keep_common names it."""
    import extract.learn.ner.lexicons as lx
    (tmp_path / "ind.tsv").write_text("name\n化工\n光伏\n", encoding="utf-8")
    monkeypatch.setattr(lx, "ZHIE_DATA", tmp_path)
    monkeypatch.setattr(lx, "_jieba_dict", lambda: [("化工", 5000, "n"), ("光伏", 30, "j")])
    assert lx.read_lists({"industry": ["data:ind.tsv"]})["industry"] == {"光伏"}
    got = lx.read_lists({"industry": ["data:ind.tsv"], "_keep_common": ["industry"]})
    assert got["industry"] == {"化工", "光伏"}


def _lex(lists):
    f = Featurizer(["a"], [])
    f.lexicon = Lexicon.build(lists, f._tables()[0])
    return f


def test_at_most_32_lists():
    import numpy as np
    with pytest.raises(ValueError, match="^at most 32 word lists, got 33$"):  # a lexicon file read back, too
        Lexicon([f"l{i}" for i in range(33)], np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint32))
    f = Featurizer(["a"], [])
    Lexicon.build({f"l{i}": ["中国"] for i in range(32)}, f._tables()[0])  # 32 is allowed
    with pytest.raises(ValueError, match="^at most 32 word lists, got 33$"):
        Lexicon.build({f"l{i}": ["中国"] for i in range(33)}, f._tables()[0])


def test_n_features_and_the_longest_word():
    assert MAX_LEN == 16  # the documented limit, and the one the shipped lexicon was built with
    word = "甲" * MAX_LEN  # exactly MAX_LEN characters: a word; MAX_LEN + 1: not
    f = _lex({"a": [word], "b": ["中国"], "c": ["乙" * (MAX_LEN + 1)]})
    assert f.n_lex == 9 and len(f.lexicon) == 2
    x = f.encode_lex(word + "乙" * (MAX_LEN + 1))
    assert x[0, 0] == 1 and x[MAX_LEN - 1, 2] == 1 and x[:, 6:].sum() == 0


def test_short_texts_and_an_empty_lexicon():
    f = _lex({"a": ["中国", "中国人"]})
    assert f.encode_lex("中").tolist() == [[0, 0, 0]]
    assert f.encode_lex("中国").tolist() == [[1, 0, 0], [0, 0, 1]]  # a two-character text matches
    assert f.encode_lex("中国人")[:, 1].tolist() == [0, 1, 0]  # three characters: the middle one is inside
    empty = _lex({"a": []})
    assert empty.encode_lex("中国人").sum() == 0


def test_n_grams_beyond_the_last_key_are_safe():
    f = _lex({"a": ["中国"]})
    text = "".join(chr(0x4E00 + i * 37) for i in range(200)) + "中国"  # many n-grams, hashes on both sides
    x = f.encode_lex(text)
    assert x.sum() == 2 and x[-2, 0] == 1 and x[-1, 2] == 1


def test_inside_marks_of_overlapping_and_nested_words():
    f = _lex({"a": ["甲乙丙丁", "丙丁戊己"], "b": ["甲乙", "甲乙丙丁戊"]})
    x = f.encode_lex("甲乙丙丁戊己")
    # list a: 甲乙丙丁 and 丙丁戊己 overlap → begins at 0 and 2, ends at 3 and 5, inside 1..4
    assert x[:, 0].tolist() == [1, 0, 1, 0, 0, 0]
    assert x[:, 1].tolist() == [0, 1, 1, 1, 1, 0]
    assert x[:, 2].tolist() == [0, 0, 0, 1, 0, 1]
    # list b: 甲乙 and 甲乙丙丁戊 both begin at 0 (a shorter and a longer word: both marks kept)
    assert x[:, 3].tolist() == [1, 0, 0, 0, 0, 0]
    assert x[:, 4].tolist() == [0, 1, 1, 1, 0, 0]
    assert x[:, 5].tolist() == [0, 1, 0, 0, 1, 0]


def test_words_of_two_lists_starting_at_the_same_place():
    f = _lex({"place": ["中国"], "company": ["中国银行"]})
    x = f.encode_lex("中国银行")
    assert x[0, 0] == 1 and x[0, 3] == 1  # both lists begin at 中


def test_every_n_gram_through_the_binary_search_gives_the_same_features():
    """The bitmap only rules n-grams out early: forcing every one through the search (the path a
    bitmap false positive takes, keys beyond the last one included) changes nothing."""
    f = _lex({"a": ["中国", "甲乙丙丁"], "b": ["高瓴资本"]})
    text = "".join(chr(0x4E00 + i * 37) for i in range(300)) + "高瓴资本在中国投资甲乙丙丁"
    plain = f.encode_lex(text)
    f.lexicon._filter[:] = True
    assert (f.encode_lex(text) == plain).all() and plain.sum() == 10


def test_the_shipped_models_lexicon_reads_as_it_was_written():
    """The hashing (multiplier, length key, file name) must stay as the shipped lexicon.npz was built."""
    from pathlib import Path
    from extract.stages.ner.infer import load_featurizer
    from extract.stages.ner.lexicon import LEXICON_NAME
    ner = Path(__file__).resolve().parent.parent / "models" / "default" / "ner"
    if not (ner / "vocab.json").is_file():
        pytest.skip("no shipped model")
    assert (ner / LEXICON_NAME).is_file()
    f = load_featurizer(ner)
    names = f.lexicon.names
    x = f.encode_lex("红杉中国领投")
    place, company = names.index("place"), names.index("company")
    assert x[2, 3 * place] == 1 and x[3, 3 * place + 2] == 1  # 中国 is a place
    assert x[0, 3 * company] == 1  # 红杉… begins a company name
