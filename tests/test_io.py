"""Readers: decoding every encoding we promise, and one record per input document whatever goes wrong."""
import codecs
import io
import json
import random

import pytest

from extract.io.readers import InputError, decode_bytes, iter_inputs, iter_jsonl, read_jsonl, read_text_file

SIMPLIFIED = ("上海市促进高成长企业加快发展三年行动方案提出，到2027年全市专精特新企业数量超过1.5万家，"
              "集成电路、生物医药和人工智能三大先导产业规模达到2万亿元。")
TRADITIONAL = ("新竹科學園區的半導體產業鏈持續擴張，臺北市與桃園市的專精特新企業數量位居全國前列，"
               "今年融資總額超過15億元。")
SHORT_SIMPLIFIED = "浦东新区集成电路企业"  # short GBK text is where detectors guess Big5

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def encode(text, encoding):
    """Bytes as a file in ``encoding`` would hold them (BOM included for the *-bom names)."""
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


ENCODINGS_ALL = ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "gbk"]


@pytest.mark.parametrize("encoding", ENCODINGS_ALL)
@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL, SHORT_SIMPLIFIED, SIMPLIFIED + "\n\n" + TRADITIONAL])
def test_decode_round_trip(text, encoding):
    assert decode_bytes(encode(text, encoding), "doc.txt") == text


@pytest.mark.parametrize("text", [TRADITIONAL, "國家級專精特新企業達1026家", "臺北市的半導體產業"])
def test_decode_big5(text):
    assert decode_bytes(text.encode("big5"), "doc.txt") == text


def _seed_paragraphs(seeds, encoding, n=3):
    """The first ``n`` paragraphs (> 40 chars) of each seed that ``encoding`` can encode."""
    out = []
    for name, text in seeds.items():
        paras = [p.strip() for p in text.split("\n") if len(p.strip()) > 40]
        ok = []
        for p in paras:
            try:
                p.encode(encoding)
            except UnicodeEncodeError:
                continue
            ok.append(p)
            if len(ok) == n:
                break
        out.extend((name, p) for p in ok)
    return out


@pytest.mark.parametrize("encoding", ENCODINGS_ALL + ["big5"])
def test_decode_seed_paragraphs(seeds, encoding):
    base = "utf-16-le" if encoding.startswith("utf-16") else encoding.replace("-bom", "")
    paras = _seed_paragraphs(seeds, base)
    assert paras, f"no seed paragraph encodes in {encoding}"  # Big5: the traditional-script seeds
    for name, p in paras:
        assert decode_bytes(encode(p, encoding), name) == p, f"{name}: {p[:20]}…"


def test_decode_whole_seeds_in_gb18030_and_utf16(seeds):
    for name, text in seeds.items():
        assert decode_bytes(text.encode("gb18030"), name) == text
        assert decode_bytes(encode(text, "utf-16-le-bom"), name) == text


@pytest.mark.parametrize("data,message", [
    (PNG_HEADER + bytes(range(256)) * 4, "binary"),
    (random.Random(7).randbytes(4000), "doc.bin"),
    (random.Random(8).randbytes(4000).replace(b"\x00", b"\x80"), "doc.bin"),  # no NUL bytes
    ("hello".encode("utf-16-le"), "byte-order mark"),  # UTF-16 without BOM
    ("上海1026家".encode("utf-16-be"), "byte-order mark"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "binary"),  # control characters, valid UTF-8
], ids=["png", "random", "random-no-nul", "utf16-ascii-no-bom", "utf16-zh-no-bom", "control-chars"])
def test_decode_binary_raises_input_error(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode_bytes(data, "doc.bin")
    assert "doc.bin" in str(info.value)


def test_undecodable_byte_names_line_and_offset():
    data = "第一行\n第二行\n".encode("utf-8") + b"\xff\xff\xff"
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    msg = str(info.value)
    assert "bad.txt" in msg and "line 3" in msg and f"offset {len(data) - 3}" in msg


def test_bad_utf16_names_file():
    data = codecs.BOM_UTF16_LE + "上海".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate at the end
    with pytest.raises(InputError, match="u16.txt"):
        decode_bytes(data, "u16.txt")


# ------------------------------------------------------------- files and folders
def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("encoding", ENCODINGS_ALL)
def test_read_text_file_each_encoding(tmp_path, encoding):
    p = write(tmp_path / f"doc_{encoding}.txt", encode(SIMPLIFIED, encoding))
    item = read_text_file(p)
    assert item.error is None
    assert item.text == SIMPLIFIED
    assert item.id == f"doc_{encoding}"


BAD_FILES = {
    "empty.txt": b"",
    "blank.md": b"  \n\t\r\n",
    "junk.txt": random.Random(3).randbytes(3000),
    "image.txt": PNG_HEADER + b"\x00" * 64,
    "broken.txt": "第一段正常。\n第二段也正常。\n".encode("utf-8") + b"\xff\xfe\xfd\xfc",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_error_record_naming_it(tmp_path, name):
    p = write(tmp_path / name, BAD_FILES[name])
    items = list(iter_inputs([p]))
    assert len(items) == 1
    item = items[0]
    assert item.error and str(p) in item.error
    assert item.text == ""
    doc = item.to_document()
    assert doc.error == item.error and doc.to_dict()["error"] == item.error
    if name == "broken.txt":
        assert "line 3" in item.error


def test_iter_inputs_never_raises_and_keeps_order(tmp_path):
    folder = tmp_path / "in"
    write(folder / "b" / "2.md", "## 浦东新区\n集成电路企业超过1000家")
    write(folder / "a.txt", encode(TRADITIONAL, "big5"))
    write(folder / "c.jsonl", '{"id": "j1", "text": "深圳"}\nnot json\n{"id": "j3", "text": "北京"}\n')
    write(folder / "b" / "1.txt", b"")
    write(folder / "skip.csv", "企业,城市\n")  # not an input suffix
    write(folder / "z.TXT", SIMPLIFIED)  # suffixes compare case-insensitively
    single = write(tmp_path / "single.txt", encode(SIMPLIFIED, "gbk"))
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    items = list(iter_inputs([single, folder, tmp_path / "missing.txt", empty_dir]))
    got = [(i.id, i.error is None) for i in items]
    assert got == [("single", True), ("a", True), ("b/1", False), ("b/2", True),
                   ("j1", True), ("c:2", False), ("j3", True), ("z", True),
                   ("missing", False), ("empty", False)]
    by_id = {i.id: i for i in items}
    assert by_id["a"].text == TRADITIONAL
    assert by_id["single"].text == SIMPLIFIED
    assert "missing.txt" in by_id["missing"].error and "no such file" in by_id["missing"].error
    assert "no .txt, .md or .jsonl" in by_id["empty"].error
    assert by_id["c:2"].line == 2 and "c.jsonl:2" in by_id["c:2"].error


# -------------------------------------------------------------------- JSONL
@pytest.mark.parametrize("line,error_part", [
    ('{"id": "x", "text": "上海"', "malformed JSON"),
    ('["上海"]', "expected a JSON object"),
    ('{"id": "x"}', "missing or non-string 'text'"),
    ('{"id": "x", "text": 42}', "missing or non-string 'text'"),
])
def test_jsonl_bad_line_names_file_and_line(line, error_part):
    lines = ['{"id": "a", "text": "上海"}', "", line, '{"id": "d", "text": "深圳"}']
    items = list(iter_jsonl(lines, "in.jsonl", "in"))
    assert [i.error is None for i in items] == [True, False, True]
    bad = items[1]
    assert f"in.jsonl:3" in bad.error and error_part in bad.error
    assert bad.line == 3
    assert [items[0].text, items[2].text] == ["上海", "深圳"]


def test_jsonl_bytes_bom_ids_and_non_utf8_line():
    lines = [codecs.BOM_UTF8 + json.dumps({"id": 7, "text": "上海"}, ensure_ascii=False).encode(),
             json.dumps({"text": "深圳"}).encode(),
             '{"id": "g", "text": "北京"}'.encode("gbk")]
    items = list(iter_jsonl(lines, "x.jsonl", "x"))
    assert [(i.id, i.text) for i in items[:2]] == [("7", "上海"), ("x:2", "深圳")]
    assert items[2].error and "x.jsonl:3" in items[2].error and "not UTF-8" in items[2].error


# -------------------------------------------------------------------- stdin
@pytest.mark.parametrize("data,expected", [
    (SIMPLIFIED.encode("utf-8"), [("stdin", SIMPLIFIED)]),
    (TRADITIONAL.encode("big5"), [("stdin", TRADITIONAL)]),
    (SIMPLIFIED.encode("gbk"), [("stdin", SIMPLIFIED)]),
    (encode(SIMPLIFIED, "utf-16-le-bom"), [("stdin", SIMPLIFIED)]),
    ('\n{"id": "a", "text": "上海"}\n{"id": "b", "text": "深圳"}\n'.encode(), [("a", "上海"), ("b", "深圳")]),
    (codecs.BOM_UTF8 + '{"id": "a", "text": "上海"}\n'.encode(), [("a", "上海")]),
])
def test_stdin(data, expected):
    items = list(iter_inputs(["-"], stdin=io.BytesIO(data)))
    assert [(i.id, i.text) for i in items] == expected
    assert all(i.error is None for i in items)


def test_stdin_text_stream_and_bad_input():
    assert [i.text for i in iter_inputs(["-"], stdin=io.StringIO(TRADITIONAL))] == [TRADITIONAL]
    (empty,) = iter_inputs(["-"], stdin=io.BytesIO(b" \n"))
    assert empty.error and "<stdin>" in empty.error
    (junk,) = iter_inputs(["-"], stdin=io.BytesIO(PNG_HEADER))
    assert junk.error and "<stdin>" in junk.error
    items = list(iter_inputs(["-"], stdin=io.BytesIO(b'{"id": "a", "text": "x"}\n{oops\n')))
    assert items[1].error and "<stdin>:2" in items[1].error


def test_read_jsonl_malformed_line_raises_with_file_and_line(tmp_path):
    p = write(tmp_path / "pred.jsonl", '{"id": "a"}\n\n{"id": \n')
    with pytest.raises(InputError, match=r"pred\.jsonl:3"):
        read_jsonl(p)
    ok = write(tmp_path / "ok.jsonl", codecs.BOM_UTF8 + b'{"id": "a"}\n')
    assert read_jsonl(ok) == [{"id": "a"}]


# -------------------------------------------------------------------- boundaries
def _stdin(data: bytes):
    return [(i.id, i.text, i.error) for i in iter_inputs(["-"], stdin=io.BytesIO(data))]


def test_stdin_jsonl_keeps_the_last_record_without_a_final_newline():
    assert _stdin(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}') == [("a", "x", None), ("b", "y", None)]
    assert _stdin(b'{"id": "a", "text": "x"}') == [("a", "x", None)]


@pytest.mark.parametrize("given,expected", [(0, "0"), ("0", "0"), (False, "False"), ("", "")])
def test_jsonl_falsy_ids_are_kept_not_replaced_by_the_line_id(given, expected):
    line = json.dumps({"id": given, "text": "上海"}).encode()
    assert [(i.id, i.text) for i in iter_jsonl([line], "x.jsonl", "x")] == [(expected, "上海")]


def test_jsonl_file_ids_and_fallback_ids(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'{"id": 0, "text": "a"}\r\n\r\n{"text": "b"}\r\n{"id": null, "text": "c"}')
    assert [(i.id, i.text, i.line) for i in iter_inputs([p])] == [("0", "a", 1), ("in:3", "b", 3), ("in:4", "c", 4)]


@pytest.mark.parametrize("sep", [b"\r\n", b"\r", b"\n"])
def test_stdin_jsonl_with_crlf_and_cr_line_ends(sep):
    data = sep.join([b'{"id": "a", "text": "x"}', b'{"id": "b", "text": "y"}', b""])
    assert _stdin(data) == [("a", "x", None), ("b", "y", None)]


@pytest.mark.parametrize("sep", [b"\r\n", b"\r", b"\n"])
def test_jsonl_file_with_crlf_and_bare_cr_line_ends(tmp_path, sep):
    """A file (not only stdin) with old-Mac CR line ends is read line by line, with line numbers."""
    p = tmp_path / "in.jsonl"
    p.write_bytes(sep.join([b'{"id": "a", "text": "x"}', b'{"id": "b", "text": 5}', b'{"id": "c", "text": "z"}', b""]))
    got = [(i.id, i.text, i.line, i.error is None) for i in iter_inputs([p])]
    assert got == [("a", "x", 1, True), ("b", "", 2, False), ("c", "z", 3, True)]


def test_jsonl_bom_in_the_middle_is_dropped_like_the_first():
    # two files joined with cat: each starts with a BOM
    bom = codecs.BOM_UTF8
    data = bom + b'{"id": "a", "text": "x"}\n' + bom + b'{"id": "b", "text": "y"}\n{"id": "c", "text": "z"}'
    assert _stdin(data) == [("a", "x", None), ("b", "y", None), ("c", "z", None)]


@pytest.mark.parametrize("text", ["第一行\r\n第二行\r\n", "第一行\r第二行\r", "a", "上"])
def test_text_stdin_keeps_line_ends_and_one_character_documents(text):
    assert _stdin(text.encode("utf-8")) == [("stdin", text, None)]
