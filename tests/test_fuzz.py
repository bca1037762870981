"""Property tests (issue 18): readers, normalization, recognizers, tables, importers, scorer and the
pipeline keep their properties on generated input (extract/eval/fuzz.py says which). Hypothesis runs
a fixed, small number of examples per test in the default run (profile "zhie"; HYPOTHESIS_PROFILE=long
runs many more); the Atheris targets for the same checks run with `python -m extract.eval.fuzz`.
Inputs that once broke a check are kept below as regression cases."""
import json
import os

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from extract.eval import fuzz

settings.register_profile("zhie", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "zhie"))

# Characters the recognizers care about, so generated text hits their patterns often.
_ZH = "上海深圳北京浦东新区企业公司股份有限集团科技第一二三四五六七八九十百千万亿元家名前位居全国首年月日季度增长达到约超过近余%％.,，。、；：（）()《》“”[]|-*#\t\n\r 0123456789０１２３零〇TOP"
texts = st.text(alphabet=st.one_of(st.sampled_from(_ZH), st.characters(codec="utf-8")), max_size=300)
any_text = st.text(max_size=200)  # lone surrogates included


@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe" + "上海".encode("utf-16-le"))
@example(b"\xff\xfe\x00")  # UTF-16 BOM with an odd byte
@example("深圳企业".encode("gb18030"))
def test_decode_bytes(data):
    fuzz.check_decode(data)


@given(st.lists(st.one_of(st.binary(max_size=60),
                          st.builds(lambda i, t: json.dumps({"id": i, "text": t}, ensure_ascii=False).encode("utf-8", "surrogatepass"),
                                    st.one_of(st.none(), st.integers(), st.text(max_size=5)), any_text),
                          st.sampled_from([b"", b"   ", b"[]", b"null", b'{"text": 1}', b"\xef\xbb\xbf{}"])),
                max_size=8))
def test_jsonl_one_document_per_line(lines):
    fuzz.check_jsonl(lines)


@given(st.one_of(texts, any_text))
@example("\ud800上海")
@example("臺灣積體電路製造股份有限公司")
@example("鱊麾" + "\ud8d8" * 13)  # Atheris crash: traditional text with lone surrogates
def test_normalize_same_length_and_idempotent(text):
    fuzz.check_normalize(text)


@given(texts)
@example("第1第2第3名前10TOP" * 5)
@example("１.５亿元第１")
@example("2025年第四季度同比增长12.5%，达1026家，位居全国第一")
def test_recognizers_keep_offsets(text):
    fuzz.check_recognizers(text)


@given(st.one_of(texts, st.lists(st.lists(st.text(alphabet=_ZH, max_size=6), min_size=1, max_size=4),
                                 min_size=1, max_size=5).map(
    lambda rows: "\n".join("|" + "|".join(r) + "|" for r in [rows[0], ["---"] * len(rows[0])] + rows[1:]))))
@example("|a|b|\n|---|---|\n|1|2|3|\n")
@example("企业\t营收\n甲\t1亿元\n乙")
def test_tables_keep_offsets(text):
    fuzz.check_tables(text)


_labels = st.sampled_from(["COMPANY", "ORG", "LOC", "FIGURE", "DATE", "X", ""])


@st.composite
def ls_tasks(draw):
    text = draw(any_text)
    n = len(text)
    results = [{"id": f"r{i}", "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": draw(st.integers(-2, n + 2)), "end": draw(st.integers(-2, n + 2)),
                          "text": draw(st.one_of(st.just(None), st.text(max_size=4))), "labels": [draw(_labels)]}}
               for i in range(draw(st.integers(0, 4)))]
    for r in results:
        if r["value"]["text"] is None:
            v = r["value"]
            v["text"] = text[max(0, v["start"]):max(0, v["end"])]
    return draw(st.sampled_from([{"data": {"text": text}, "annotations": [{"result": results}]},
                                 {"data": {"text": text}, "predictions": [{"result": results}]},
                                 {"data": {"text": text}}, {"data": text}, {}, []]))


@given(ls_tasks())
def test_label_studio_import(task):
    fuzz.check_label_studio(task)


@st.composite
def doccano_lines(draw):
    text = draw(any_text)
    n = len(text)
    spans = [[draw(st.integers(-2, n + 2)), draw(st.integers(-2, n + 2)), draw(_labels)] for _ in range(draw(st.integers(0, 4)))]
    return draw(st.sampled_from([{"text": text, "label": spans}, {"text": text, "labels": spans},
                                 {"text": text, "entities": [{"id": i, "start_offset": s, "end_offset": e, "label": lab}
                                                             for i, (s, e, lab) in enumerate(spans)], "relations": []},
                                 {"text": text, "label": spans, "zhie": []}, {"text": None}, {"label": spans}]))


@given(doccano_lines())
def test_doccano_import(obj):
    fuzz.check_doccano(obj)


@st.composite
def scored(draw):
    text = draw(st.text(alphabet=_ZH, min_size=1, max_size=40))

    def ents():
        out = []
        for _ in range(draw(st.integers(0, 5))):
            s = draw(st.integers(0, len(text) - 1))
            e = draw(st.integers(s + 1, len(text)))
            out.append({"id": f"E{len(out) + 1}", "type": draw(st.sampled_from(["COMPANY", "ORG", "LOC"])),
                        "start": s, "end": e, "text": text[s:e], "attrs": {}})
        return out

    gold = [{"id": "a", "text": text, "entities": ents(), "relations": [], "events": [], "facts": []}]
    pred = draw(st.sampled_from([[], [{"id": "a", "text": text, "entities": ents(), "relations": [], "events": [],
                                       "facts": []}],
                                 [{"id": "a", "text": text, "error": "x", "entities": [], "relations": [],
                                   "events": [], "facts": []}]]))
    return gold, pred


@given(scored())
def test_scorer_bounds(args):
    fuzz.check_scorer(*args)


@given(st.lists(st.one_of(texts, any_text), min_size=1, max_size=3))
@example(["上海\ud800企业达1026家\udfff,位居全国第一。"])
@example(["\r".join(["北京1210家", "上海1032家"])])
@example(["👨\u200d👩\u200d👧 e\u0301 深圳科技股份有限公司完成C轮融资超15亿元"])
def test_pipeline_one_record_per_document_and_round_trip(texts_):
    fuzz.check_pipeline(texts_)


def test_every_atheris_target_runs_on_some_bytes():
    """The Atheris adapters themselves (without atheris): each target on a few fixed byte strings."""

    class FDP:  # the part of atheris.FuzzedDataProvider the targets use
        def __init__(self, data):
            self.data, self.i = data, 0

        def _take(self, n):
            out = self.data[self.i:self.i + n]
            self.i += len(out)
            return out

        def remaining_bytes(self):
            return len(self.data) - self.i

        def ConsumeBytes(self, n):
            return self._take(n)

        def ConsumeIntInRange(self, lo, hi):
            b = self._take(2)
            return lo + (int.from_bytes(b, "little") % (hi - lo + 1) if b else 0)

        def ConsumeBool(self):
            return bool(self.ConsumeIntInRange(0, 1))

        def ConsumeUnicode(self, n):
            return self._take(n).decode("utf-8", "replace")

        ConsumeUnicodeNoSurrogates = ConsumeUnicode

        def PickValueInList(self, values):
            return values[self.ConsumeIntInRange(0, len(values) - 1)]

    for name, target in fuzz.TARGETS.items():
        for data in (b"", bytes(range(256)), "上海1026家企业，位居全国第一。\n|a|b|\n|---|---|".encode() * 3):
            target(FDP(data))


# ------------------------------------------------------------------ crashes found by fuzzing, kept
@pytest.mark.parametrize("obj", [None, [], "text", 3])
def test_regression_doccano_line_that_is_not_an_object(obj):
    """Found by the atheris/Hypothesis doccano target: a JSON line that is null or a list raised
    AttributeError from doccano_to_record instead of FormatError."""
    from extract.io.formats import FormatError, doccano_to_record

    with pytest.raises(FormatError, match="must be a JSON object"):
        doccano_to_record(obj)


@pytest.mark.parametrize("text", ["鱊麾" + "\ud8d8" * 13, "臺灣\udfff積體電路\ud800", "\ud800臺灣積體電路製造"])
def test_regression_traditional_text_with_lone_surrogates(text):
    """Found by Atheris (target 'normalize', crash-346b5a10…): traditional text holding lone surrogates
    made OpenCC raise UnicodeEncodeError, so the document failed. The text around them is converted."""
    from extract.textnorm import normalize

    norm, script = normalize(text)
    assert script == "traditional" and len(norm) == len(text)
    assert [i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff"] == \
        [i for i, c in enumerate(norm) if "\ud800" <= c <= "\udfff"]
    fuzz.check_pipeline([text])
