"""Index names in prose (申万半导体行业指数, 道瓊斯工業平均指數, 创业板指): shared by the entity steps, which give the name an
index starts with no entity of its own (:func:`extract.stages.propagate.index_names`), and the facts, whose figures of an
index measure no entity (:func:`extract.stages.facts.unname_index_parts`), and whose unnamed levels and moves take the
index named before them (:func:`extract.stages.facts.carry_change_metrics`); and the entity filter and the echoes, which
tag no name inside an index's name opened by its compiler or board (:func:`index_name_spans`, :func:`names_an_index`)."""
from __future__ import annotations

import re

# the rest of an index's name after the name it starts with (申万半导体|行业指数, 道瓊斯|工業平均指數, 标准普尔|500指数):
# no clause mark, and no word that ends the name and starts a comparison (建材板块跑输沪深300指数)
INDEX_TAIL = re.compile(r"(?:(?!板块|板塊|跑|超|较|較|比|相对|相對|的|在)[A-Za-z0-9\u4e00-\u9fff·&\- ]){0,10}?(?:指数|指數)"
                        r"(?!基金|ETF|公司)"
                        # 创业板指下跌1.43%, 深证成指收涨: an index named by 指 alone, right after the name, before its move
                        r"|(?:成|综|綜)?指(?=上涨|上漲|下跌|下挫|上升|大涨|大漲|大跌|微涨|微漲|微跌|涨|漲|跌|收|报|報|高开|低开|高開"
                        r"|低開|盘中|盤中|早盘|早盤|尾盘|尾盤|全天|全日|单日|單日|翻红|翻紅|翻绿|翻綠)")
# an index's name: 指数, or a common short name (恒指, 道指, 标普, 日经 …; 创业板指 is caught by INDEX_TAIL at its name)
INDEX_NAME = re.compile(r"指数|指數|恒指|道指|纳指|納指|标普|標普|日经|日經|富时|富時|沪指|滬指|深成指|创指|創指|上证综指|科指|国指|國指"
                        r"|Stoxx|STOXX|道琼斯|道瓊斯"
                        r"|大市")  # (Hong Kong's market reports: 大市今日高開90點, the market as its index measures it)


# the compilers whose name a place follows inside an index's name, then the other words that open an index's name
INDEX_COMPILERS = ("MSCI", "明晟", "富时", "金龙", "纳斯达克", "恒生", "标普", "中证")
INDEX_OPENERS = INDEX_COMPILERS + ("国证", "彭博", "罗素", "创业板", "科创板", "北证", "深证", "上证", "中小板")

# an index compiler's name before a place (MSCI中国指数, 富时中国A股自由现金流聚焦指数, 纳斯达克金龙中国指数, 恒生中国企业指数):
# the place is part of the index's or fund's name. The news train, extension and dev gold tag no entity of any type
# right after these words (0 of the 20 places so placed); the cross-fitted pipeline tagged 13 of them LOC, all false
# (session 51: LOC 3973/661 -> 3973/648, facts 0.7076 -> 0.7083; news dev + select identical)
_INDEX_MAKER = re.compile(rf"(?:{'|'.join(INDEX_COMPILERS)})[ \u00a0]?$")


def names_an_index(norm: str, start: int) -> bool:
    """Whether the place starting at ``start`` follows an index compiler's name (MSCI中国指数): of any source."""
    return _INDEX_MAKER.search(norm, max(0, start - 5), start) is not None


# an index's name opened by its compiler or board and closed by 指数 (中证创新药产业指数, 中证云计算与大数据主题指数,
# 科创板人工智能指数, 罗素1000指数, MSCI全球基准指数) or a board's index 创业板指: no name inside, the compiler's or board's
# own word included unless it is a COMPANY (彭博 of 彭博亿万富翁指数 is the publisher). The news train, extension and dev
# gold tag no entity inside 72 of the 73 such index names (the other crosses it: 摩根标普…指数基金); the cross-fitted
# pipeline tagged 16 inside, in 7 documents, all false (session 51: cross-fitted entities 38183/4894 -> 38183/4878
# right/false, facts 6035/2527 -> 6039/2523; news dev + select identical)
_OPENED_INDEX = re.compile(rf"({'|'.join(INDEX_OPENERS)})"
                         r"(?:[^，。、；：,;:\s（）()“”\"《》]{0,14}?指数|(?<=板)指(?![出引导标示定南责控]))")


def index_name_spans(norm: str) -> list:
    """The (start of the compiler's word, end of it, end of the index name) of each index name in ``norm`` (``_OPENED_INDEX``)."""
    return [(m.start(), m.end(1), m.end()) for m in _OPENED_INDEX.finditer(norm)] if "指" in norm else []


def inside_an_index_name(spans: list, start: int, end: int, type_: str) -> bool:
    """Whether a name of ``type_`` at ``start``-``end`` lies inside an index's name (``index_name_spans``): after the
    compiler's word, or that word itself when no COMPANY. The entity filter drops such names, the echoes add none."""
    return any(a <= start and end <= c and (start >= b or type_ != "COMPANY") for a, b, c in spans)
