"""Index names in prose (申万半导体行业指数, 道瓊斯工業平均指數, 创业板指): shared by the entity steps, which give the name an
index starts with no entity of its own (:func:`extract.stages.propagate.index_names`), and the facts, whose figures of an
index measure no entity (:func:`extract.stages.facts.unname_index_parts`), and whose unnamed levels and moves take the
index named before them (:func:`extract.stages.facts.carry_change_metrics`)."""
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
