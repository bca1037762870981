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
