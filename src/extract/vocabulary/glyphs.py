"""Code points producers put in a text layer where the document means an ordinary ideograph.

Kangxi radicals (⼀ U+2F00) and compatibility ideographs decompose to the unified ideograph by
NFKC (``textnorm``); the CJK Radicals Supplement forms below have no decomposition and are
mapped by this table.
"""

from __future__ import annotations

# CJK Radicals Supplement forms that have no Unicode decomposition but stand for a simplified
# ideograph in practice (seen in WPS and Word text layers).
RADICAL_SUPPLEMENT = {
    "⺁": "厂", "⺇": "几", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尢", "⺐": "尢",
    "⺓": "幺", "⺕": "彐", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺝": "月",
    "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺦": "丬",
    "⺫": "罒", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺳": "网",
    "⺶": "羊", "⺷": "羊", "⺹": "耂", "⺻": "聿", "⺾": "艹", "⺿": "艹", "⻀": "艹",
    "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角",
    "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝",
    "⻐": "钅", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻖": "阝", "⻗": "雨",
    "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食",
    "⻟": "食", "⻠": "饣", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟",
    "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻯": "竜",
    "⻰": "龙", "⻳": "龟", "⺅": "亻", "⺉": "刂", "⺊": "卜", "⺋": "㔾", "⺑": "尣",
    "⺒": "巳", "⺔": "彑", "⺖": "忄", "⺚": "旡", "⺞": "歺", "⺥": "爫", "⺧": "牛",
    "⺨": "犭", "⺩": "王", "⺪": "疋", "⺱": "罓", "⺲": "罒", "⺴": "网", "⺵": "网",
    "⺸": "羊", "⺺": "肀", "⺼": "月", "⺽": "臼",
}

# What an OCR engine reads for a dash printed alone in a cell (a form's "nothing here"): the
# ideograph 一 (U+4E00) or hyphens (backends/ocr.py puts back the printed em dash).
OCR_LONE_DASH_READINGS = frozenset({"一", "-", "_", "一一", "--", "——", "－"})
# Full-width separators an OCR engine reads inside a number (3，205.91; 0。5; 8．00).
OCR_THOUSANDS_SEPARATORS = "，,"
OCR_DECIMAL_POINTS = "。．"
# Brackets a printed cell opens and closes in pairs; a cell read by OCR with one left unmatched
# (使用人员满意度%) for (%)) lost a stroke, whatever its confidence says.
OPENING_BRACKETS = "(（[【"
CLOSING_BRACKETS = ")）]】"
