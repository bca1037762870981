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


# ------------------------------------------------------------ mutation-testing survivors (issue 19)
from extract.io.readers import jsonl_line, write_jsonl, write_record  # noqa: E402


@pytest.mark.parametrize("data,message", [
    (b"abc\x00def", "d.txt: binary data (NUL bytes) — not a text document; UTF-16 input needs a byte-order mark"),
    (codecs.BOM_UTF8 + "第一行\n".encode() + b"\xff",  # the offset counts the BOM: it is the file's byte offset
     "d.txt: line 2: invalid utf-8 byte at offset 13: invalid start byte"),
    (codecs.BOM_UTF16_LE + "北京\n".encode("utf-16-le") + b"\x00\xd8",
     "d.txt: line 2: invalid utf-16 byte at offset 8: unexpected end of data"),
    ("第一行\n第二行\n".encode() + b"\xff\xfe\xff",
     "d.txt: line 3: cannot decode byte b'\\xff' at offset 20 as UTF-8, GB18030/GBK or Big5 — re-save the file as UTF-8"),
    (("正文" * 100 + "\x07" * 30).encode(),
     "d.txt: looks like binary data (30 control characters in the first 230), not a text document"),
    (("正" * 3800 + "\x07" * 1000).encode(),  # only the first 4096 characters are looked at
     "d.txt: looks like binary data (296 control characters in the first 4096), not a text document"),
], ids=["nul", "utf8-bom", "utf16", "undecodable", "control-chars", "control-chars-long"])
def test_decode_error_messages_in_full(data, message):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "d.txt")
    assert str(info.value) == message


def test_decode_error_without_a_name():
    with pytest.raises(InputError, match="^<bytes>: binary data"):
        decode_bytes(b"\x00")


@pytest.mark.parametrize("text", [
    "上海集成电路" * 5 + "\x1b" + "企业",  # one stray control character is not binary
    "\x07" + "正" * 19,  # exactly 5 % control characters: still text
    "正" * 4096 + "\x07" * 300,  # beyond the first 4096 characters nothing is counted
    "\x07" + "正" * 19 + "\t\n\r\f\v" * 100,  # tab, line ends, form feed and vertical tab are text
], ids=["one-escape", "five-percent", "after-4096", "whitespace-controls"])
def test_few_control_characters_are_still_text(text):
    assert decode_bytes(text.encode(), "d.txt") == text


def test_undecidable_legacy_bytes_fall_back_to_gb18030():
    # "‾" in Big5 is "÷" in GB18030: neither reads as more Chinese and charset-normalizer has no opinion
    assert decode_bytes("‾".encode("big5"), "d.txt") == "÷"


def test_legacy_tie_is_broken_by_charset_normalizer():
    # 臺灣 in Big5 reads as 籓芖 in GB18030: no common character either way; the coherence measure picks Big5
    assert decode_bytes("臺灣".encode("big5"), "d.txt") == "臺灣"


@pytest.mark.parametrize("ch,unlikely", [
    ("\u3040", True), ("\u30ff", True), ("\u303f", False),  # kana
    ("\u3100", True), ("\u312f", True), ("\u3130", False),  # bopomofo
    ("\u2460", True), ("\u24ff", True), ("\u245f", False),  # circled digits (① … ⓿)
    ("\u2500", True), ("\u257f", True), ("\u2580", False),  # box drawing (─ … ╿), not block elements
    ("\ue000", True), ("\uf8ff", True), ("\uf900", False),  # private use, not CJK compatibility
    ("\uac00", True), ("\ud7af", True), ("\uabff", False), ("\ud7b0", False),  # hangul syllables
    ("\u0370", True), ("\u04ff", True), ("\u036f", False), ("\u0500", False),  # greek and cyrillic
    ("上", False),
])
def test_characters_a_wrong_legacy_guess_produces(ch, unlikely):
    from extract.io.readers import _unlikely
    assert _unlikely(ch) is unlikely


def test_input_doc_to_document_keeps_source_and_line(tmp_path):
    p = write(tmp_path / "a.txt", "上海")
    doc = read_text_file(p).to_document()
    assert (doc.id, doc.text, doc.meta) == ("a", "上海", {"source": str(p), "line": None})
    (item,) = iter_jsonl(['{"id": "j", "text": "深圳"}'], "in.jsonl", "in")
    assert item.to_document().meta == {"source": "in.jsonl", "line": 1}


def test_unreadable_paths_give_error_records(tmp_path):
    from extract.io.readers import _iter_file
    folder = tmp_path / "d.txt"
    folder.mkdir()
    item = read_text_file(folder)
    assert (item.id, item.text, item.error) == ("d", "", f"{folder}: cannot read file: Is a directory")
    jl = tmp_path / "x.jsonl"
    jl.mkdir()
    assert [(i.id, i.text, i.error) for i in _iter_file(jl)] == [("x", "", f"{jl}: cannot read file: Is a directory")]


def test_error_records_in_full(tmp_path):
    empty = write(tmp_path / "e.txt", b" \n")
    nothing = tmp_path / "none"
    nothing.mkdir()
    got = [(i.id, i.text, i.source, i.error) for i in iter_inputs([empty, nothing, tmp_path / "gone.md"])]
    assert got == [("e", "", str(empty), f"{empty}: empty document (no text)"),
                   ("none", "", str(nothing), f"{nothing}: folder holds no .txt, .md or .jsonl files"),
                   ("gone", "", str(tmp_path / "gone.md"), f"{tmp_path / 'gone.md'}: no such file or folder")]


def test_jsonl_error_records_in_full():
    lines = [b'{"id": "a", "text": "x"}', "甲".encode("gbk") + b"\n", b'{"id": ', b"[1]", b'{"id": "e"}',
             b'{"id": "f", "text": "y"}']
    got = [(i.id, i.text, i.line, i.error) for i in iter_jsonl(lines, "in.jsonl", "in")]
    assert got == [
        ("a", "x", 1, None),
        ("in:2", "", 2, "in.jsonl:2: line is not UTF-8 (invalid start byte at byte 0)"),
        ("in:3", "", 3, "in.jsonl:3: malformed JSON: Expecting value (column 8)"),
        ("in:4", "", 4, "in.jsonl:4: expected a JSON object with 'text', got list"),
        ("e", "", 5, "in.jsonl:5: missing or non-string 'text' field"),
        ("f", "y", 6, None)]


@pytest.mark.parametrize("line", ['{"id": "a", "text": "x"}\r{"id": "b", "text": "y"}\n',
                                  b'{"id": "a", "text": "x"}\r{"id": "b", "text": "y"}\n'])
def test_jsonl_bare_cr_inside_a_str_or_bytes_line_ends_it(line):
    assert [(i.id, i.text, i.line) for i in iter_jsonl([line], "s", "s")] == [("a", "x", 1), ("b", "y", 2)]


@pytest.mark.parametrize("line", ['{"id": "a", "text": "x"}\rX', b'{"id": "a", "text": "x"}\rX'])
def test_jsonl_junk_after_a_bare_cr_is_a_bad_line(line):
    got = [(i.id, i.error) for i in iter_jsonl([line], "s", "s")]
    assert got == [("a", None), ("s:2", "s:2: malformed JSON: Expecting value (column 1)")]


def test_stdin_then_files_are_all_read(tmp_path):
    p = write(tmp_path / "after.txt", "深圳")
    items = list(iter_inputs(["-", p], stdin=io.BytesIO("上海".encode())))
    assert [(i.id, i.text) for i in items] == [("stdin", "上海"), ("after", "深圳")]


def test_stdin_records_in_full():
    assert _stdin(b'{"text": "x"}') == [("stdin:1", "x", None)]  # no id: stdin and the line
    assert _stdin("X{注} 上海".encode()) == [("stdin", "X{注} 上海", None)]  # a brace later is not JSON lines
    assert [(i.id, i.text, i.source, i.error) for i in iter_inputs(["-"], stdin=io.BytesIO(b" \n"))] == [
        ("stdin", "", "<stdin>", "<stdin>: empty document (no text)")]
    assert [(i.id, i.text, i.source, i.error) for i in iter_inputs(["-"], stdin=io.BytesIO(b"a\x00"))] == [
        ("stdin", "", "<stdin>",
         "<stdin>: binary data (NUL bytes) — not a text document; UTF-16 input needs a byte-order mark")]
    assert [i.source for i in iter_inputs(["-"], stdin=io.BytesIO("上海".encode()))] == ["<stdin>"]


def test_read_jsonl_error_message_in_full(tmp_path):
    p = write(tmp_path / "pred.jsonl", '{"id": "a"}\n{"id": }\n')
    with pytest.raises(InputError) as info:
        read_jsonl(p)
    assert str(info.value) == f"{p}:2: malformed JSON: Expecting value (column 8)"


# -------------------------------------------------------------------- writing
def _doc(text="上海澜起科技成立于2004年。", id="d1"):
    from extract.doc import Document
    doc = Document(text, id=id)
    doc.entities.append(doc.entity("COMPANY", 0, 6, source="t"))
    doc.entities.append(doc.entity("DATE", 9, 14, {"year": 2004}, source="t"))
    return doc


def test_jsonl_line_writes_utf8_as_is():
    assert jsonl_line({"id": "a", "text": "上海"}) == '{"id": "a", "text": "上海"}\n'


def test_jsonl_line_escapes_a_record_with_lone_surrogates():
    rec = {"id": "a", "text": "上\ud800"}
    line = jsonl_line(rec)
    assert line == '{"id": "a", "text": "\\u4e0a\\ud800"}\n'
    assert json.loads(line) == rec


@pytest.mark.parametrize("chunk", [1 << 20, 1, 30])
def test_write_record_is_the_records_json_line(chunk):
    doc = _doc()
    out = io.StringIO()
    write_record(out, doc, chunk_chars=chunk)
    assert out.getvalue() == jsonl_line(doc.to_dict())
    assert "上海澜起科技" in out.getvalue()  # UTF-8 as is, not \\u escapes


def test_write_record_escapes_throughout_when_the_text_has_a_lone_surrogate():
    doc = _doc("上海澜起科技成立于2004年\ud800")
    out = io.StringIO()
    write_record(out, doc)
    assert out.getvalue().isascii() and json.loads(out.getvalue()) == doc.to_dict()


def test_write_record_escapes_only_an_attribute_holding_a_lone_surrogate():
    doc = _doc()
    doc.entities[0].attrs["note"] = "坏\udc80"
    out = io.StringIO()
    write_record(out, doc)
    line = out.getvalue()
    line.encode("utf-8")  # writable as UTF-8
    assert json.loads(line) == doc.to_dict()
    assert '"text": "上海澜起科技成立于2004年。"' in line and "\\u574f\\udc80" in line


def test_write_jsonl_one_line_per_record():
    out = io.StringIO()
    write_jsonl([{"id": "a", "text": "上海"}, {"id": "b", "text": "\ud800"}], out, flush=True)
    assert out.getvalue() == '{"id": "a", "text": "上海"}\n{"id": "b", "text": "\\ud800"}\n'


def test_utf16_error_line_counts_line_breaks_not_0x0a_bytes():
    """上 is U+4E0A: its UTF-16 bytes hold 0x0A, which is no line break."""
    import codecs
    from extract.io.readers import InputError, decode_bytes
    data = codecs.BOM_UTF16_LE + "上海\n".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(InputError, match=r"^u16\.txt: line 2: "):
        decode_bytes(data, "u16.txt")
