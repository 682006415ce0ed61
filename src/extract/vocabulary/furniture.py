"""What producers print in the margins of every page: page numbers, dates, addresses, paths.
Never a cell's text, a title or the end of a sheet (``labels.is_page_furniture``)."""

from __future__ import annotations

import re

# Page furniture: what a word processor, a spreadsheet or a browser prints on every page.
PAGE_FURNITURE = tuple(re.compile(p) for p in (
    r"^[-—–－]*\d{1,4}[-—–－]*$",                          # 6, - 6 -
    r"^第\d{1,4}页(共\d{1,4}页)?$",                        # 第 6 页, 第6页共36页
    r"^(第\d{1,4}页/)?共\d{1,4}页$",
    r"^\d{1,4}/\d{1,4}$",                                 # 5/36
    r"^(?i:page)\d{1,4}(of\d{1,4})?$",
    r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}(\d{1,2}:\d{2}(:\d{2})?)?$",        # 2024/7/25 10:30
    r"^(?i:file|https?):/{2,3}\S*$",                       # the address a browser prints
    r"^[A-Za-z]:[\\/]\S*$",                               # a file path
))
