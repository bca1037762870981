"""Numeral normalization: Arabic and Chinese numerals, with magnitude words, to numbers.

>>> n = Numerals()
>>> n.parse("1.2万"), n.parse("两千"), n.parse("十四"), n.parse("1,100万"), n.parse("2.92万亿")
(12000, 2000, 14, 11000000, 2920000000000)

Values are computed with :class:`decimal.Decimal` (so 1.2万 is exactly 12000)
and returned as ``int`` when integral, else ``float``. Everything the parser
knows about characters (digits, 十百千, 万亿兆) comes from
``extract/data/rules/numerals.json``.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional, Union

from extract.stages.recognizers._data import GAP_CHARS, char_class, load_rules

Number = Union[int, float]

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC_HEAD = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_STRIP = re.compile("[" + re.escape(GAP_CHARS) + "]")


def as_number(d: Decimal) -> Number:
    """``int`` when integral, else ``float``."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


class Numerals:
    """Parses numerals; also exposes the regex pieces the recognizers compile from."""

    def __init__(self, rules_dir=None):
        data = load_rules("numerals", rules_dir)
        self.data = data
        self.digits = {k: Decimal(v) for k, v in data["digits"].items()}
        self.small = {k: Decimal(v) for k, v in data["small_units"].items()}
        self.big = {k: Decimal(v) for k, v in data["big_units"].items()}
        self.big_cn = set(data["big_units_chinese"])
        self.zeros = set(data["zero_chars"])
        self.article = data["article_numeral"]
        self.fraction_words = data["fraction_words"]
        self.tenth = data["tenth_word"]
        self.percent_prefix = data["percent_prefix"]
        self.fraction_infix = data["fraction_infix"]
        self.vague = {k: tuple(v) for k, v in data["vague_prefixes"].items()}
        # 两三年, 四五天: two neighbouring digits, an approximate range (read with the vague prefixes)
        self.pairs = {k: tuple(v) for k, v in data.get("numeral_pairs", {}).items() if not k.startswith("_")}
        self.vague.update(self.pairs)
        # regex pieces
        self.cn_chars = char_class(list(self.digits) + list(self.small) + list(self.big_cn))
        self.cnum = f"[{self.cn_chars}]+"
        self.number = f"(?:{ARABIC}|{self.cnum})"
        # a Chinese numeral with decimals (三点五, 百分之七点三, 一点六亿): digits after 点, and no 十/百/千 after them
        # (十点五十分 is a time of day); the figure recognizer reads these, dates and ranks do not
        self.point = data.get("decimal_point", "点")
        frac = char_class([c for c in self.digits if c != "两"])
        self.cdec = f"[{self.cn_chars}]+{re.escape(self.point)}[{frac}]+(?![{char_class(list(self.small))}])"

    # ------------------------------------------------------------------ parse
    def parse_chinese(self, s: str) -> Optional[Decimal]:
        """A purely Chinese numeral (一万, 两千, 十四, 三千五百万, 二〇二五); None when malformed (十四五)."""
        if not s:
            return None
        if self.point in s:  # 三点五 = 3.5, 一点六亿 = 1.6亿 (digits after the point, read one by one)
            head, _, tail = s.partition(self.point)
            frac = "".join(c for c in tail if c in self.digits and c != "两")
            whole = self.parse_chinese(head)
            rest = tail[len(frac):]
            if whole is None or not frac or any(c in self.zeros for c in head[-1:]):
                return None
            value = Decimal(f"{whole}.{''.join(str(int(self.digits[c])) for c in frac)}")
            if rest:  # a magnitude after the decimals (一点六亿)
                mag = self.magnitude(rest)
                return None if mag is None else value * mag
            return value
        if (len(s) > 2 or any(c in self.zeros for c in s)) and len(s) > 1 and all(c in self.digits for c in s):
            # (一一 in 唯一一家 is no number)
            # digit-by-digit reading (二〇二五); only 〇/零 and 1-9, no 两
            if "两" in s:
                return None
            return Decimal("".join(str(int(self.digits[c])) for c in s))
        total = Decimal(0)
        section = Decimal(0)
        digit = None
        last_small = None
        last_big = None
        for c in s:
            if c in self.zeros:
                digit = None
                continue
            if c in self.digits:
                if digit is not None:
                    return None
                digit = self.digits[c]
            elif c in self.small:
                u = self.small[c]
                if last_small is not None and u >= last_small:
                    return None
                section += (digit if digit is not None else Decimal(1)) * u
                digit = None
                last_small = u
            elif c in self.big:
                u = self.big[c]
                sec = section + (digit or 0)
                if sec == 0 and total == 0:
                    sec = Decimal(1)
                if last_big is None or u > last_big:
                    total = (total + sec) * u
                else:
                    total += sec * u
                last_big = u
                section, digit, last_small = Decimal(0), None, None
            else:
                return None
        return total + section + (digit or 0)

    def magnitude(self, s: str) -> Optional[Decimal]:
        """The product of magnitude words (万亿 = 10^12, 千万 = 10^7); 1 for the empty string."""
        m = Decimal(1)
        for c in _STRIP.sub("", s):
            if c in self.small:
                m *= self.small[c]
            elif c in self.big:
                m *= self.big[c]
            else:
                return None
        return m

    def parse_decimal(self, s: str) -> Optional[Decimal]:
        """Arabic (with thousands commas, spaces, trailing magnitudes) or Chinese numeral → Decimal."""
        s = _STRIP.sub("", s)
        if not s:
            return None
        m = _ARABIC_HEAD.match(s)
        if m:
            try:
                head = Decimal(m.group(1).replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
                return None
            mag = self.magnitude(s[m.end():])
            return None if mag is None else head * mag
        return self.parse_chinese(s)

    def parse(self, s: str) -> Optional[Number]:
        """Like :meth:`parse_decimal`, as ``int``/``float``; None when ``s`` is not a numeral."""
        d = self.parse_decimal(s)
        return None if d is None else as_number(d)


@lru_cache(maxsize=1)
def default_numerals() -> Numerals:
    return Numerals()


def parse_number(s: str) -> Optional[Number]:
    """Parse a numeral with the default data: ``parse_number("1.2万") == 12000``."""
    return default_numerals().parse(s)
