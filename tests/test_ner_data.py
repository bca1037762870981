"""Corpus readers, tag conversion and featurization of the learned NER (no model needed)."""
import json

import numpy as np
import pytest

from extract.learn.ner.data import (bio_labels, chunk_example, load_corpus, load_label_map, read_cluener, read_conll,
                                    spans_to_bio,
                              tags_to_spans, CORPUS_LABELS)
from extract.stages.ner.features import Featurizer, fold
from extract.stages.ner.infer import tags_to_spans as ids_to_spans


@pytest.mark.parametrize("tags,scheme,spans", [
    (["B-ORG", "I-ORG", "O", "B-LOC"], "bio", [(0, 2, "ORG"), (3, 4, "LOC")]),
    (["I-PER", "I-PER", "B-PER"], "bio", [(0, 2, "PER"), (2, 3, "PER")]),  # stray I- starts a span
    (["B-ORG", "I-LOC"], "bio", [(0, 1, "ORG"), (1, 2, "LOC")]),
    (["B-NAME", "M-NAME", "E-NAME", "S-ORG", "O"], "bmes", [(0, 3, "NAME"), (3, 4, "ORG")]),
    (["B-ORG", "E-ORG", "B-ORG", "E-ORG"], "bmes", [(0, 2, "ORG"), (2, 4, "ORG")]),
])
def test_tags_to_spans(tags, scheme, spans):
    assert tags_to_spans(tags, scheme) == spans


def test_spans_to_bio_counts_what_does_not_fit():
    tags, skipped = spans_to_bio(6, [(0, 2, "company"), (1, 3, "name"), (4, 9, "name"), (4, 5, "movie_x")],
                                 ["company", "name"])
    assert tags == [1, 2, 0, 0, 0, 0]
    assert skipped == 3
    assert bio_labels(["company", "name"]) == ["O", "B-company", "I-company", "B-name", "I-name"]


def test_bio_round_trip_through_ids():
    labels = ["company", "name"]
    spans = [(0, 4, "company"), (5, 8, "name"), (8, 9, "company")]
    tags, skipped = spans_to_bio(10, spans, labels)
    assert skipped == 0
    assert ids_to_spans(tags, labels) == spans


def test_read_cluener_inclusive_offsets(tmp_path):
    p = tmp_path / "c.json"
    rec = {"text": "浙商银行企业信贷部叶老桂博士则从另一个角度", "label": {"name": {"叶老桂": [[9, 11]]},
                                                              "company": {"浙商银行": [[0, 3]]}}}
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    [(text, spans)] = read_cluener(p)
    assert [(text[s:e], lab) for s, e, lab in spans] == [("浙商银行", "company"), ("叶老桂", "name")]


def test_read_cluener_rejects_bad_offsets(tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"text": "上海市", "label": {"address": {"上海": [[1, 2]]}}}, ensure_ascii=False),
                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"c\.json:1"):
        read_cluener(p)


def test_read_conll_bio_and_weibo_digits(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("中\tB-ORG\n共\tI-ORG\n在\tO\n\n北\tB-LOC\n京\tI-LOC\n", encoding="utf-8")
    assert read_conll(p, "bio", sep="\t") == [("中共在", [(0, 2, "ORG")]), ("北京", [(0, 2, "LOC")])]
    w = tmp_path / "w.txt"
    w.write_text("李0\tB-PER.NAM\n开1\tI-PER.NAM\n复2\tI-PER.NAM\n说0\tO\n", encoding="utf-8")
    assert read_conll(w, "bio", sep="\t", strip_digit=True) == [("李开复说", [(0, 3, "PER.NAM")])]


def test_chunk_never_cuts_an_entity():
    text = "北京大学" * 30 + "，" + "上海交通大学" * 20
    spans = [(i * 4, i * 4 + 4, "organization") for i in range(30)]
    spans += [(121 + i * 6, 121 + i * 6 + 6, "organization") for i in range(20)]
    pieces = chunk_example(text, spans, max_len=50)
    assert "".join(p for p, _ in pieces) == text
    assert sum(len(sp) for _, sp in pieces) == len(spans)
    for piece, sp in pieces:
        assert len(piece) <= 50
        assert all(piece[s:e] in ("北京大学", "上海交通大学") for s, e, _ in sp)


def test_label_map_covers_every_corpus_label():
    m = load_label_map()
    for corpus, labels in CORPUS_LABELS.items():
        assert set(m[corpus]) == set(labels), corpus
        assert set(v for v in m[corpus].values() if v) <= {"COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY"}
    assert m["cluener"]["company"] == "COMPANY" and m["cluener"]["government"] == "ORG"
    assert m["zhienews"]["INDUSTRY"] == "INDUSTRY"  # only the annotated news teach INDUSTRY


def test_zhie_gold_reader_cuts_at_ignore_regions(tmp_path):
    from extract.learn.ner.data import read_zhie_gold
    text = "甲乙科技完成融资。图表残留XYZ。丙丁公司在上海。"
    rec = {"id": "d", "text": text, "ignore": [{"start": 9, "end": 17}],
           "entities": [{"id": "E1", "type": "COMPANY", "start": 0, "end": 4, "text": "甲乙科技"},
                        {"id": "E2", "type": "COMPANY", "start": 17, "end": 21, "text": "丙丁公司"},
                        {"id": "E3", "type": "LOC", "start": 22, "end": 24, "text": "上海"},
                        {"id": "E4", "type": "FIGURE", "start": 12, "end": 15, "text": "XYZ"}]}
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    ex = read_zhie_gold(p)
    assert [t for t, _ in ex] == ["甲乙科技完成融资。", "丙丁公司在上海。"]  # the ignored stretch is not trained
    assert [[(t[s:e], lab) for s, e, lab in sp] for t, sp in ex] == [[("甲乙科技", "COMPANY")],
                                                                    [("丙丁公司", "COMPANY"), ("上海", "LOC")]]


def test_zhienews_never_offers_the_test_split():
    with pytest.raises(ValueError, match="release points"):
        load_corpus("zhienews", "test")


def test_fold_is_length_preserving():
    for s in ["ＡＢＣ１２３公司", "华为Mate60发布", "上海\u3000浦东"]:
        assert len(fold(s)) == len(s)
    assert fold("ＡＢ１2") == "ab00"


def test_featurizer_flat_layout_matches_single_encoding():
    texts = ["上海澜起科技股份有限公司", "华为", "", "ＡＢＣ12亿元，同比增长3%"]
    f = Featurizer.build(texts + ["上海华为"] * 3, min_char=1, min_bigram=1)
    chars, bigrams, offs = f.encode_flat(texts, gap=3)
    for t, o in zip(texts, offs):
        if not t:  # an empty text occupies no rows (the tagger never sends one)
            continue
        c, b = f.encode(t)
        assert np.array_equal(chars[o:o + len(t)], c)
        assert np.array_equal(bigrams[o:o + len(t) + 1], b)
    # padding rows carry id 0 and nothing else does
    inside = np.zeros(len(chars), bool)
    for t, o in zip(texts, offs):
        inside[o:o + len(t)] = True
    assert (chars[~inside] == 0).all() and (chars[inside] > 0).all()
    # unseen characters and bigrams map to UNK (1), not to padding
    c, b = f.encode("龘")
    assert c.tolist() == [1] and b.tolist() == [1, 1]


def test_swap_mentions_rebuilds_offsets():
    import random

    from extract.learn.ner.data import mention_table, swap_mentions

    ex = [("浙商银行企业信贷部叶老桂博士认为", [(0, 4, "company"), (9, 12, "name")]),
          ("华为技术有限公司的任正非表示", [(0, 8, "company"), (9, 12, "name")])]
    table = mention_table(ex)
    assert table == {"company": ["华为技术有限公司", "浙商银行"], "name": ["任正非", "叶老桂"]}
    rng = random.Random(3)
    seen = set()
    for _ in range(20):
        text, spans = swap_mentions(*ex[0], table, rng, p=1.0)
        assert text.endswith("企业信贷部" + text[spans[1][0]:spans[1][1]] + "博士认为")
        assert [lab for *_, lab in spans] == ["company", "name"]
        assert text[spans[0][0]:spans[0][1]] in table["company"]
        seen.add(text)
    assert len(seen) > 1
    # overlapping gold spans are left alone
    assert swap_mentions("上海市", [(0, 3, "address"), (0, 2, "address")], table, rng, 1.0)[0] == "上海市"
