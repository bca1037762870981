"""Entity-aware tokens (extract/stages/tokens.py), Pipeline.tokenize, `zhie tokenize` and spaCy's zh tokenizer."""
import json
from pathlib import Path

import pytest

from extract.doc import Document
from extract.stages.tokens import cut_at, entity_boundaries, merge_within

ROOT = Path(__file__).resolve().parent.parent


def test_cut_at_splits_only_inside_tokens():
    assert cut_at([(0, 3), (3, 5)], [1, 3, 4, 9]) == [(0, 1), (1, 3), (3, 4), (4, 5)]
    assert cut_at([(0, 2)], []) == [(0, 2)]
    assert cut_at([], [1]) == []


def test_merge_within_joins_the_words_of_one_span_only():
    toks = [(0, 1), (1, 2), (2, 4), (4, 5), (5, 7)]
    assert merge_within(toks, [(0, 5)]) == [(0, 5), (5, 7)]
    assert merge_within(toks, [(1, 4)]) == [(0, 1), (1, 4), (4, 5), (5, 7)]
    # nested spans: the outermost decides; a token crossing a span's end is left alone
    assert merge_within(toks, [(0, 5), (1, 2)]) == [(0, 5), (5, 7)]
    assert merge_within([(0, 3), (3, 6)], [(0, 4)]) == [(0, 3), (3, 6)]


@pytest.fixture(scope="module")
def nlp():
    import extract
    return extract.load()


def test_every_entity_is_whole_tokens(nlp):
    text = "本轮融资由高瓴领投，经纬创投跟投，星云科技于2024年7月12日完成3.1亿美元B轮融资。"
    doc = nlp(text)
    toks = nlp.tokenize(text)
    starts, ends = {s for s, _, _ in toks}, {e for _, e, _ in toks}
    assert "".join(w for _, _, w in toks) == text  # tokens cover the text
    for e in doc.entities:
        assert e.start in starts and e.end in ends, e
    words = [w for _, _, w in toks]
    figures = [e.text for e in doc.entities if e.type == "FIGURE"]
    assert figures and all(f in words for f in figures)  # a number with its unit is one token


def test_tokenize_keeps_original_offsets_in_traditional_script(nlp):
    text = "本輪融資由高瓴領投"
    toks = nlp.tokenize(text, entities=False)
    assert all(text[s:e] == w for s, e, w in toks)
    assert "".join(w for _, _, w in toks) == text
    assert "融資" in [w for _, _, w in toks]


def test_cli_words_and_jsonl(tmp_path):
    from extract.cli import main
    src = tmp_path / "a.txt"
    src.write_text("本轮融资由高瓴领投。\n\n上海澜起科技完成3亿元融资。\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["tokenize", str(src), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[1] == "" and "高瓴" in lines[0].split(" ")
    assert "".join(lines[0].split(" ")) == "本轮融资由高瓴领投。"
    out2 = tmp_path / "out.jsonl"
    assert main(["tokenize", str(src), "--format", "jsonl", "-o", str(out2)]) == 0
    rec = json.loads(out2.read_text(encoding="utf-8"))
    text = src.read_text(encoding="utf-8")
    assert rec["id"] == "a" and all(text[s:e] == w for s, e, w in rec["tokens"])


def test_cli_bad_input_gets_an_error_record_and_the_rest_go_on(tmp_path):
    from extract.cli import main
    good = tmp_path / "g.jsonl"
    good.write_text('{"id": "x", "text": "星云科技完成融资"}\n{"id": "y", "text": 5}\n{"id": "z", "text": "高瓴领投"}\n',
                    encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["tokenize", str(good), "--format", "jsonl", "-o", str(out)]) == 1
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["x", "y", "z"]
    assert "error" in recs[1] and "g.jsonl" in recs[1]["error"] and "tokens" in recs[2]


def test_spacy_tokenizer_entry_point():
    import spacy
    snlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhie.Tokenizer.v1"}}})
    assert [t.text for t in snlp("星云科技完成融资")] == ["星云", "科技", "完成", "融资"]
    ent = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhie.Tokenizer.v1", "entities": True}}})
    doc = ent("本轮融资由高瓴领投")
    assert doc.text == "本轮融资由高瓴领投" and "高瓴" in [t.text for t in doc]


def _gold_docs():
    paths = [ROOT / "annotations" / "gold.jsonl", ROOT / "annotations" / "news" / "train.jsonl",
             ROOT / "annotations" / "news" / "dev.jsonl"]
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield Document.from_dict(json.loads(line))


def test_to_spacy_aligns_every_gold_entity_of_seeds_and_news():
    """The issue's check: on the seed gold and the news train/dev gold, no entity is misaligned."""
    from extract.spacy_bridge import to_spacy
    from extract.textnorm import normalize
    n = 0
    for doc in _gold_docs():
        doc.norm, doc.script = normalize(doc.text)
        sdoc = to_spacy(doc)
        assert sdoc.user_data["zhie_misaligned"] == 0, doc.id
        n += len(doc.entities)
    assert n > 10000


def test_entity_boundaries_include_span_arguments():
    from extract.doc import Argument, Event
    d = Document("星云科技完成B轮融资")
    d.entities.append(d.entity("COMPANY", 0, 4))
    d.events.append(Event("FUNDING", d.span(8, 10), [Argument("round", span=d.span(6, 8))]))
    assert entity_boundaries(d) == [0, 4, 6, 8]


def test_cut_at_several_cuts_inside_one_token():
    assert cut_at([(0, 6), (6, 8)], [2, 4, 7]) == [(0, 2), (2, 4), (4, 6), (6, 7), (7, 8)]


def test_merge_within_takes_the_outermost_and_every_later_span():
    toks = [(0, 1), (1, 2), (2, 4), (4, 5), (5, 7), (7, 8)]
    assert merge_within(toks, [(0, 2), (0, 5)]) == [(0, 5), (5, 7), (7, 8)]  # same start: the longer wins
    assert merge_within(toks, [(0, 4), (1, 2), (5, 8)]) == [(0, 4), (4, 5), (5, 8)]  # a nested span is skipped,
    # and the spans after it still count
    assert merge_within([(0, 1), (1, 2), (2, 3), (3, 4)], [(0, 2), (2, 4)]) == [(0, 2), (2, 4)]  # adjacent spans


def test_dates_and_ranks_are_one_token_each(nlp):
    text = "星云科技于2024年7月12日发布公告，销量位居全国第一。"
    doc = nlp(text)
    words = [w for _, _, w in nlp.tokenize(text)]
    for typ in ("DATE", "RANK"):
        found = [e.text for e in doc.entities if e.type == typ]
        assert found and all(f in words for f in found), (typ, found, words)


def test_tokens_follow_the_segmenters_user_dictionary(tmp_path):
    """The tokens step uses the pipeline's own segmenter, user dictionaries included."""
    from extract.pipeline import load
    user = tmp_path / "user.txt"
    user.write_text("云帆星海 100000 nz\n", encoding="utf-8")
    cfg = {"name": "t", "pipeline": [{"name": "normalize", "factory": "normalize.v1"},
                                      {"name": "segment", "factory": "segment.v1", "tokens": True,
                                       "userdicts": [str(user)]}]}
    words = [w for _, _, w in load(cfg).tokenize("云帆星海发布新品", entities=False)]
    assert "云帆星海" in words
    plain = [w for _, _, w in load({"name": "p", "pipeline": cfg["pipeline"][:1]}).tokenize("云帆星海发布新品",
                                                                                          entities=False)]
    assert "云帆星海" not in plain  # without the dictionary jieba cuts it: the check above means something


def test_the_tokens_steps_own_dictionary_when_the_segmenter_made_no_words(tmp_path):
    """Without segmenter tokens, tokens.v1 segments itself, with its own userdicts setting."""
    from extract.pipeline import load
    user = tmp_path / "user.txt"
    user.write_text("云帆星海 100000 nz\n", encoding="utf-8")
    steps = [{"name": "normalize", "factory": "normalize.v1"}, {"name": "segment", "factory": "segment.v1"}]
    with_dict = load({"name": "t", "pipeline": steps + [{"name": "tokens", "factory": "tokens.v1",
                                                          "userdicts": [str(user)]}]})
    doc = with_dict("云帆星海发布新品")
    assert "云帆星海" in [doc.text[s:e] for s, e in doc.tokens]
    doc = load({"name": "p", "pipeline": steps + [{"name": "tokens", "factory": "tokens.v1", "hmm": False}]})(
        "云帆星海发布新品")
    assert "云帆星海" not in [doc.text[s:e] for s, e in doc.tokens]
