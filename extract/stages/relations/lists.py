"""The list and reference helpers the relation shapes share (:mod:`.rules`, :mod:`.stakes`): the items of a list
after a cue (甲、乙、丙等…), the names coordinated after one, the company a cue points back to (该公司, 其 …), and
whether a name is an investor in its clause. Matched on the normalized text over entities sorted by start; every
look-back is bounded (:data:`LOOKBACK`), so the shapes stay linear in the text."""
from __future__ import annotations

import bisect
import re
from typing import List, Optional

from extract.doc import Document, Entity

__all__ = ["LIST_SEP", "NAME_SEP", "LOOKBACK", "invests", "list_items", "listed_after", "named_before"]

LOOKBACK = 120  # characters a sentence shape may reach back; keeps the patterns linear in the text

LIST_SEP = re.compile(r"^[ \t]*(?:、|和|及|与|以及|,|，)[ \t]*\Z")
NAME_SEP = re.compile(r"^[ \t]*(?:、|和|及|与|以及)[ \t]*\Z")  # a list of names that a comma ends
# a kinship noun (子公司, 母公司, 附属公司 …) and an opening quote after it: the head of a subsidiary apposition
# (rules._KIN_HEAD) and the gap of a subsidiary pair (classifier._KIN_GAP) both end in it
KIN_NOUN = r"(?:子|母|分|孙|附属|控股)公司[「“\"]?"


# 该公司的历史股东包括… / 公司此前曾获…: the company is named in an earlier sentence
_ANAPHOR = re.compile(r"(?:该|这家|此)(?:公司|企业)|^\s*(?:公司|其)|其(?=投资|被投|持股|股东)")
_ANAPHOR_BACK = 300  # characters an anaphor may reach back for its company


def named_before(doc: Document, ents: List[Entity], starts: list, cue: int, ss: int, types: tuple,
                 investors: bool = False, whole: bool = False, elided: bool = False) -> Optional[Entity]:
    """The nearest entity of ``types`` before a cue at ``cue`` in its sentence (at most ``LOOKBACK`` back),
    else, when the sentence points back (该公司, 其 …) or — with ``elided`` — names no COMPANY/ORG/PERSON
    before the cue (此前，已获得…), the last one up to ``_ANAPHOR_BACK`` characters before the sentence.
    ``investors``: an entity named as an investor in its clause counts too (:func:`invests`);
    ``whole``: only entities that end before the cue."""
    i = bisect.bisect_left(starts, cue)
    lo = bisect.bisect_left(starts, max(ss, cue - LOOKBACK), 0, i)

    def ok(k: int) -> bool:
        return ents[k].type in types and (investors or not invests(doc, ents, k))

    near = [k for k in range(lo, i) if (not whole or ents[k].end <= cue) and ok(k)]
    if near:
        return ents[near[-1]]
    none_named = elided and not any(ents[k].type in ("COMPANY", "ORG", "PERSON") for k in range(lo, i))
    if none_named or _ANAPHOR.search(doc.norm[ss:cue]):
        lo = bisect.bisect_left(starts, max(0, ss - _ANAPHOR_BACK), 0, i)
        back = [k for k in range(lo, i) if ents[k].end <= ss and ok(k)]
        if back:
            return ents[back[-1]]
    return None


# (not across a passive marker: 甲曾获乙战略投资 names 甲 as the company invested in)
_INVESTS = re.compile(r"(?:(?!获|由|受|得到)[^，,。；;：:]){0,12}?(?:领投|跟投|参投|共同投资|联合投资|战略投资)")


def invests(doc: Document, ents: List[Entity], k: int) -> bool:
    """``ents[k]`` is named as an investor in its clause (甲资本领投，乙、丙和丁等基金跟投: each of 乙, 丙, 丁), so
    it is not the company invested in."""
    for j in range(k, len(ents)):
        if ents[j].start - ents[k].end > LOOKBACK:
            return False  # (bounded: linear time on endless lists)
        if _INVESTS.match(doc.norm, ents[j].end):
            return True
        if j + 1 == len(ents) or not LIST_SEP.match(doc.norm[ents[j].end:ents[j + 1].start].strip()):
            return False
    return False


_ITEM_SEP = re.compile(r"、|以及|和|及|与|,|，")
_ITEM_MAX = 20  # an item longer than this is no name: the list has ended
_LIST_STOP = re.compile(r"等|[。；;！!？?\n]")
# after a later item, its code and a descriptor with 的 up to the next name and no separator: that item owns the
# next name's descriptor and is no item itself (甲、中华煤气（003）孵化的可再生燃料公司乙; session 56)
_OWNER_OF_ITEM = re.compile(r"\s*(?:[（(][^（）()，。]{1,14}[）)])?[^，。；;、,\s（）()]{0,8}的[^，。；;、,\s（）()]{0,12}")


def list_items(doc: Document, ents: List[Entity], starts: list, pos: int, end: int, types=("COMPANY", "ORG")) -> List[Entity]:
    """The entities of ``types`` that end the items of the list starting at ``pos`` (甲、乙、丙等…), up to 等, a
    clause end or ``end``. An item the recognizers missed is passed over, not taken for the end of the list,
    and a descriptor may open an item (香港医疗机器人公司甲乙)."""
    # opened: a separator came after the last item, so a descriptor holding other names (an INDUSTRY: 、智慧储能企业甲)
    # may open the next item (news train, cross-fitted: invested_in 150/38/188 -> 157/37/181 right/false/missed,
    # 0.5703 -> 0.5902; news dev + select identical; session 56)
    out, p, opened = [], pos, True
    for k in range(bisect.bisect_left(starts, pos), len(ents)):
        e = ents[k]
        if e.start >= end:
            break
        gap = doc.norm[p:e.start]
        if _LIST_STOP.search(gap):
            break
        parts = _ITEM_SEP.split(gap)
        if len(out) > 1 and out[-1] is ents[k - 1] and _OWNER_OF_ITEM.fullmatch(gap):
            out.pop()  # 甲、中华煤气（003）孵化的可再生燃料公司乙: the name before 的 describes the item, 乙 is the item
            opened = True
        elif any(len(x.strip(" ：:")) > _ITEM_MAX for x in parts) or (out and len(parts) < 2 and not opened) \
                or (not out and ("，" in gap or "," in gap)):
            break  # a long stretch is no item; after an item the next one needs a separator; 很多，比如甲 is no list
        opened = opened or len(parts) > 1
        if e.type in types:
            out.append(e)
            opened = False
        p = e.end
    return out


def listed_after(doc: Document, ents: List[Entity], first: int, types=("COMPANY",), sep=LIST_SEP) -> List[Entity]:
    """The entities of ``types`` coordinated after ``ents[first]`` (甲、乙和丙): each joined by one list separator
    (``sep``: :data:`LIST_SEP`, or :data:`NAME_SEP`, which a comma ends)."""
    out, prev = [], ents[first]
    for j in range(first + 1, len(ents)):
        e = ents[j]
        if e.type not in types or not sep.match(doc.norm[prev.end:e.start]):
            break
        out.append(e)
        prev = e
    return out
