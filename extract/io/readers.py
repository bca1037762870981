"""Reading input documents and writing output records.

Inputs: ``.txt``/``.md`` files (one document each, id = file stem), ``.jsonl``
files (``{"id", "text"}`` per line), folders (recursive, sorted; .txt, .md and
.jsonl; a file's id is its path inside the folder without suffix, ``x/1`` for
``folder/x/1.txt``, so equal names in subfolders stay apart), or ``-`` for
standard input. Whatever goes wrong with one document —
undecodable bytes, a malformed JSON line, an empty file — becomes that
document's record with ``error`` set, naming the file and line; the rest of the
batch is read as usual. One input document in, one record out.
"""
from __future__ import annotations

import codecs
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, List, Optional

from extract.doc import Document

TEXT_SUFFIXES = (".txt", ".md")
INPUT_SUFFIXES = TEXT_SUFFIXES + (".jsonl",)
# Candidate legacy encodings, most specific first. GB18030 is a superset of GBK and GB2312.
LEGACY_ENCODINGS = ("gb18030", "big5")


class InputError(ValueError):
    """A problem with one input document; the message names the file and line."""


@dataclass
class InputDoc:
    id: str
    text: str
    source: str
    line: Optional[int] = None
    error: Optional[str] = None

    def to_document(self) -> Document:
        if self.error is not None:
            return Document.failed(self.id, self.error)
        doc = Document(self.text, id=self.id, meta={"source": self.source, "line": self.line})
        return doc


# ------------------------------------------------------------------- decoding
def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5.

    Raises :class:`InputError` naming ``name``, the byte offset and line of the
    first undecodable byte when no encoding fits.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name, offset=3)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name)
    if b"\x00" in data:  # before UTF-8: BOM-less UTF-16 of ASCII text is valid UTF-8 full of NULs
        raise InputError(f"{name}: binary data (NUL bytes) — not a text document; "
                         f"UTF-16 input needs a byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        _reject_binary(text, name)
        return text
    guess = _guess_legacy(data)
    if guess is None:
        line = data[:utf8_error.start].count(b"\n") + 1
        raise InputError(f"{name}: line {line}: cannot decode byte {data[utf8_error.start:utf8_error.start + 1]!r} "
                         f"at offset {utf8_error.start} as UTF-8, GB18030/GBK or Big5 — re-save the file as UTF-8")
    text = data.decode(guess)
    _reject_binary(text, name)
    return text


def _strict(data: bytes, encoding: str, name: str, offset: int = 0) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        # count line breaks in the decoded text before the error, not 0x0A bytes: in UTF-16 a character
        # such as 上 (U+4E0A) holds the byte 0x0A
        line = data[:e.start].decode(encoding, errors="replace").count("\n") + 1
        raise InputError(f"{name}: line {line}: invalid {encoding} byte at offset {e.start + offset}: {e.reason}") from None
    _reject_binary(text, name)
    return text


def _reject_binary(text: str, name: str) -> None:
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if sample and bad / len(sample) > 0.05:
        raise InputError(f"{name}: looks like binary data ({bad} control characters in the first "
                         f"{len(sample)}), not a text document")


def _guess_legacy(data: bytes) -> Optional[str]:
    """Pick the legacy Chinese encoding that decodes ``data`` strictly and reads best.

    GB18030 and Big5 byte ranges overlap, so a file often decodes under both.
    The decoding with more common Chinese characters (counted after
    traditional → simplified conversion, minus kana, circled digits, box drawing
    and private-use characters that a wrong guess produces) wins; on a tie,
    charset-normalizer's coherence measure chooses. charset-normalizer alone
    misreads short GBK texts as Big5 (浦东新区集成电路企业 → ひ陲陔⑹摩傖萇繚わ珛).
    """
    fits = []
    for enc in LEGACY_ENCODINGS:
        try:
            data.decode(enc)
            fits.append(enc)
        except UnicodeDecodeError:
            continue
    if len(fits) <= 1:
        return fits[0] if fits else None
    scores = {enc: _readability(data.decode(enc)) for enc in fits}
    ranked = sorted(fits, key=lambda enc: -scores[enc])
    if scores[ranked[0]] > scores[ranked[1]]:
        return ranked[0]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(fits)).best()
    if best is not None and best.encoding in fits:
        return best.encoding
    return fits[0]


_COMMON_HAN = frozenset("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质况")


def _unlikely(ch: str) -> bool:
    """Characters a wrong GB18030/Big5 guess tends to produce in Chinese text."""
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3100 <= o <= 0x312F or 0x2460 <= o <= 0x24FF
            or 0x2500 <= o <= 0x257F or 0xE000 <= o <= 0xF8FF or 0xAC00 <= o <= 0xD7AF
            or 0x0370 <= o <= 0x04FF)


def _readability(text: str, sample: int = 20000) -> int:
    from extract.textnorm import to_simplified

    text = to_simplified(text[:sample])
    return sum(ch in _COMMON_HAN for ch in text) - 2 * sum(_unlikely(ch) for ch in text)


def read_text_file(path: Path, doc_id: Optional[str] = None) -> InputDoc:
    """One text document; its id is ``doc_id`` or the file stem."""
    name = str(path)
    stem = doc_id if doc_id is not None else path.stem
    try:
        data = path.read_bytes()
    except OSError as e:
        return InputDoc(stem, "", name, error=f"{name}: cannot read file: {e.strerror or e}")
    if not data.strip():
        return InputDoc(stem, "", name, error=f"{name}: empty document (no text)")
    try:
        return InputDoc(stem, decode_bytes(data, name), name)
    except InputError as e:
        return InputDoc(stem, "", name, error=str(e))


def iter_jsonl(stream: Iterable, name: str, default_id: str) -> Iterator[InputDoc]:
    """Documents from JSON lines ``{"id": ..., "text": ...}``; blank lines are skipped.

    ``stream`` yields bytes or str lines. Each bad line becomes an error record
    naming ``name`` and the 1-based line number. Lines may end in LF, CRLF or a bare CR (old Mac
    files): a JSON line cannot hold a raw CR, so a CR inside a line ends it.
    """
    for lineno, raw in enumerate(_split_cr(stream), 1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig")  # a BOM on any line: files concatenated with cat
            except UnicodeDecodeError as e:
                yield InputDoc(f"{default_id}:{lineno}", "", name, lineno,
                               error=f"{name}:{lineno}: line is not UTF-8 ({e.reason} at byte {e.start})")
                continue
        if not raw.strip():
            continue
        fallback = f"{default_id}:{lineno}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            yield InputDoc(fallback, "", name, lineno, error=f"{name}:{lineno}: malformed JSON: {e.msg} (column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputDoc(fallback, "", name, lineno,
                           error=f"{name}:{lineno}: expected a JSON object with 'text', got {type(obj).__name__}")
            continue
        doc_id = obj.get("id")
        doc_id = str(doc_id) if doc_id is not None else fallback
        text = obj.get("text")
        if not isinstance(text, str):
            yield InputDoc(doc_id, "", name, lineno, error=f"{name}:{lineno}: missing or non-string 'text' field")
            continue
        yield InputDoc(doc_id, text, name, lineno)


def _split_cr(stream: Iterable) -> Iterator:
    """The lines of ``stream`` with any bare CR inside a line taken as a line end too."""
    for raw in stream:
        cr = b"\r" if isinstance(raw, bytes) else "\r"
        body = raw.rstrip(b"\r\n" if isinstance(raw, bytes) else "\r\n")
        if cr in body:
            yield from body.split(cr)
        else:
            yield raw


def iter_inputs(paths: Iterable, stdin: Optional[IO] = None) -> Iterator[InputDoc]:
    """Yield one :class:`InputDoc` per input document, in input order."""
    for p in paths:
        p = str(p)
        if p == "-":
            yield from _iter_stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
            if not files:
                yield InputDoc(path.name, "", p, error=f"{p}: folder holds no .txt, .md or .jsonl files")
            for f in files:
                # id: the path inside the folder without suffix (a/1.txt and b/1.txt differ);
                # a file directly in the folder keeps its stem
                yield from _iter_file(f, f.relative_to(path).with_suffix("").as_posix())
        elif path.exists():
            yield from _iter_file(path)
        else:
            yield InputDoc(path.stem or p, "", p, error=f"{p}: no such file or folder")


def _iter_file(path: Path, doc_id: Optional[str] = None) -> Iterator[InputDoc]:
    doc_id = doc_id if doc_id is not None else path.stem
    if path.suffix.lower() == ".jsonl":
        try:
            with open(path, "rb") as f:
                yield from iter_jsonl(f, str(path), doc_id)
        except OSError as e:
            yield InputDoc(doc_id, "", str(path), error=f"{path}: cannot read file: {e.strerror or e}")
    else:
        yield read_text_file(path, doc_id)


def _iter_stdin(stream) -> Iterator[InputDoc]:
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from iter_jsonl(data.splitlines(), "<stdin>", "stdin")
        return
    if not data.strip():
        yield InputDoc("stdin", "", "<stdin>", error="<stdin>: empty document (no text)")
        return
    try:
        yield InputDoc("stdin", decode_bytes(data, "<stdin>"), "<stdin>")
    except InputError as e:
        yield InputDoc("stdin", "", "<stdin>", error=str(e))


# -------------------------------------------------------------------- writing
def jsonl_line(rec: dict) -> str:
    """One JSON line for ``rec`` (UTF-8 as is). Text holding lone surrogates (``\\ud800`` in a JSON
    input, a broken decoder upstream) cannot be written as UTF-8, so such a record is written with
    ``\\uXXXX`` escapes instead: still valid JSON that reads back to the same record."""
    line = json.dumps(rec, ensure_ascii=False)
    if not _utf8_ok(line):
        line = json.dumps(rec, ensure_ascii=True)
    return line + "\n"


def write_record(out: IO, doc: Document, chunk_chars: int = 1 << 20) -> None:
    """Write ``doc``'s SCHEMA record as one JSON line, the same line as ``jsonl_line(doc.to_dict())``,
    but streamed: entities, relations, events and facts are built and written one at a time
    (:meth:`Document.record_parts`) in pieces of about ``chunk_chars`` characters, so a 20 MB
    document's record never exists whole in memory. A record whose text or id cannot be UTF-8
    (lone surrogates) is written with ``\\uXXXX`` escapes throughout, as :func:`jsonl_line` does.
    References are checked before the first character is written; a crash in between leaves a torn
    last line, which ``zhie extract --resume`` drops and redoes."""
    parts = doc.record_parts()
    ascii_ = not (_utf8_ok(doc.text) and _utf8_ok(str(doc.id)))

    def dump(x) -> str:
        s = json.dumps(x, ensure_ascii=ascii_)
        if not ascii_ and not _utf8_ok(s):
            s = json.dumps(x, ensure_ascii=True)  # a surrogate outside the text (an attribute)
        return s

    buf, size = [], 0
    for n, (key, value) in enumerate(parts):
        buf.append(("{" if n == 0 else ", ") + json.dumps(key) + ": ")
        if isinstance(value, Iterator):
            buf.append("[")
            for i, item in enumerate(value):
                piece = dump(item)
                buf.append(piece if i == 0 else ", " + piece)
                size += len(piece)
                if size >= chunk_chars:
                    out.write("".join(buf))
                    buf, size = [], 0
            buf.append("]")
        else:
            buf.append(dump(value))
    buf.append("}\n")  # record_parts always holds id and text
    out.write("".join(buf))


def _utf8_ok(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def write_jsonl(records: Iterable[dict], out: IO, flush: bool = False) -> None:
    """Write one line per record; ``flush`` after each one, so a crash can cut at most the last line."""
    for rec in records:
        out.write(jsonl_line(rec))
        if flush:
            out.flush()


def read_jsonl(path) -> List[dict]:
    """Read SCHEMA records; a malformed line raises :class:`InputError` naming the file and line."""
    out = []
    with open(path, encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{lineno}: malformed JSON: {e.msg} (column {e.colno})") from None
    return out
