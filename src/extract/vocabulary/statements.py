"""The nine standard 决算 tables: their names, the titles provinces print for them, the numbering
and 续表 marks around a title, the unit line, and the row and column labels that the table reader
(document/statements.py) and the cross-checks (document/crosscheck.py) go by.
"""

from __future__ import annotations

import re

from .atoms import NUMERALS, YEAR

# --------------------------------------------------------------------------- the nine tables
# Canonical names, one constant each: the cross-checks name the tables they compare by these.
SUMMARY_TABLE = "收入支出决算总表"
INCOME_TABLE = "收入决算表"
EXPENDITURE_TABLE = "支出决算表"
FISCAL_SUMMARY_TABLE = "财政拨款收入支出决算总表"
GENERAL_BUDGET_TABLE = "一般公共预算财政拨款支出决算表"
GENERAL_BUDGET_BASIC_TABLE = "一般公共预算财政拨款基本支出决算表"
THREE_PUBLIC_TABLE = "财政拨款“三公”经费支出决算表"
GOVERNMENT_FUND_TABLE = "政府性基金预算财政拨款收入支出决算表"
STATE_CAPITAL_TABLE = "国有资本经营预算财政拨款收入支出决算表"

# The nine standard tables, in the order documents print them: canonical name -> the other
# titles provinces print for it.
STATEMENT_TITLES: dict[str, tuple[str, ...]] = {
    SUMMARY_TABLE: ("收支决算总表",),
    INCOME_TABLE: (),
    EXPENDITURE_TABLE: (),
    FISCAL_SUMMARY_TABLE: ("财政拨款收支决算总表",),
    GENERAL_BUDGET_TABLE: ("一般公共预算财政拨款支出决算明细表",),
    GENERAL_BUDGET_BASIC_TABLE: ("一般公共预算财政拨款基本支出决算明细表",),
    THREE_PUBLIC_TABLE: ("一般公共预算财政拨款“三公”经费支出决算表",
                         "财政拨款“三公”经费及会议费、培训费支出决算表",
                         "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表"),
    GOVERNMENT_FUND_TABLE: ("政府性基金预算财政拨款支出决算表",),
    STATE_CAPITAL_TABLE: ("国有资本经营预算财政拨款支出决算表",),
}
# Tables printed as two sides, 收入 | 支出, each ending in its 总计.
TWO_SIDED_TABLES = (SUMMARY_TABLE, FISCAL_SUMMARY_TABLE)
INCOME_SIDE = "收入"  # the first part of a column path on the 收入 side
EXPENDITURE_SIDE = "支出"

# --------------------------------------------------------------------------- titles
# The word every table title ends with.
TABLE_WORD = "表"
# Words that end a table name's qualifier: a canonical name printed right after one of them is
# the tail of a longer name (机关运行经费|支出决算表, 培训费|支出决算表), not the whole table.
NAME_CONTINUES = ("费", "经费", "拨款", "预算", "资金", "收入", "支出", "基本", "项目", "采购",
                  "、", "和", "及", "与")
# Numbering printed before a title: 表1, 附表 3-2, 表一、, 公开01表, 部门公开表05, 续表2.
NUMBERING_BEFORE_TITLE = re.compile(rf"^(?:附?表(?:\d+(?:[-—.．]\d+)?|[{NUMERALS}]+(?=[、.．:：]))[、.．:：]?|"
                                    r"公开\d+表|部门公开表\d+|续表\d*)")
# Numbering (or a bracketed note: （续）, （单位：万元）) printed after a title.
NUMBERING_AFTER_TITLE = re.compile(r"(?:[（(][^（）()]*[)）]|公开\d+表|部门公开表\d+|附?表[\d-]+|续表\d*)$")
# A title line saying the page continues the table before it: 续表, 续表2, …（续）, …（续表）.
CONTINUED_TITLE = re.compile(r"^续表\d*$|[（(]续[表)）]?[)）]?$")
# Quotes a title may or may not print around a word (“三公”经费); titles are matched without them.
TITLE_QUOTES = "“”\"'‘’「」"
# The unit and year a title prints before the table's name: 上海市XX局2024年度.
SCOPE_BEFORE_TABLE_NAME = re.compile(rf"^.*?{YEAR}\s*年度?")
# Punctuation that makes a line ending in 表 a sentence, not a title.
SENTENCE_PUNCTUATION = re.compile(r"[，。；;：:]")
# Where a heading's name ends: a remark in brackets or a clause after it (二、部门决算单位构成
# （仅有一个单位的部门，本部分内容为“机构设置”）).
HEADING_NAME_END = re.compile(r"[（(，,。：:；;]")
# How a sentence pointing to a table starts: 详见附表…, 见表…, 附表….
REFERENCE_STARTS = ("详见", "见", "附")

# --------------------------------------------------------------------------- the page around a table
# The unit line above a table (单位：万元, 金额单位：元) and a unit printed at the end of a
# header cell (金额（万元）); ``{units}`` is filled with the money units, longest first.
UNIT_LINE_TEMPLATE = r"单位[:：]\s*({units})"
UNIT_IN_HEADER_TEMPLATE = r"[（(]({units})[)）]$"
# A note on the page saying the table is empty: 本表为空表, 无数据, 本单位没有政府性基金收入.
EMPTY_TABLE_NOTE = re.compile(r"空表|无数据|无相关数据|无此项|没有.{0,12}(收入|支出)")

# --------------------------------------------------------------------------- header and row labels
# Headers of the columns that hold row labels (the others hold values).
LABEL_HEADERS = frozenset({"项目", "科目名称", "类", "款", "项", "科目编码", "科目代码", "行次",
                           "功能分类科目编码", "支出功能分类科目编码", "经济分类科目编码", "支出功能分类",
                           "经济分类", "预算科目", "项目名称"})
LABEL_HEADER_ENDINGS = ("科目编码", "科目代码")  # …科目编码 of any classification heads labels too
# The levels of a 科目 code, printed as three columns (201 | 06 | 01) or headed in the first data row.
CODE_LEVELS = ("类", "款", "项")
# A label column whose header ends with one of these holds codes.
CODE_HEADER_ENDINGS = ("编码", "代码", *CODE_LEVELS)
COLUMN_NUMBERS_HEADER = "栏次"  # the row numbering the columns (栏次 1 2 3 …)
ROW_NUMBERS_HEADERS = ("行次", "序号")  # a column numbering the rows
TABLE_TOTAL = "合计"
GRAND_TOTAL = "总计"  # the total of a side: 收入总计, 支出总计
TOTAL_LABELS = (TABLE_TOTAL, GRAND_TOTAL)
TOTAL_ROW = re.compile(r"^(合计|总计)$")  # a row labelled with one of TOTAL_LABELS
FINAL_AMOUNT = "决算数"  # a column of the amounts spent (against BUDGET_AMOUNT)
BUDGET_AMOUNT = "预算数"  # a column of the budgets
# The prose's name for a 类 of the functional classification ends with this: 教育支出（类）.
CLASS_MARK = "（类）"
YUAN = "元"  # the unit of every amount after scaling (value_yuan, a fact's unit)

# --------------------------------------------------------------------------- what the cross-checks compare
# The same 类 printed in two tables, with the same amount (T.cross_tables): each pair names a
# table and the columns (column paths) its amount may be printed in. The 收入支出决算总表's 支出
# side lists the year's spending of every fund by 类, as 支出决算表's 本年支出合计 does; the
# 财政拨款收入支出决算总表's family columns are the family tables' totals.
CROSS_TABLE_PAIRS = (
    ((SUMMARY_TABLE, ("支出/决算数", "支出/金额")), (EXPENDITURE_TABLE, ("本年支出合计", "合计"))),
    ((FISCAL_SUMMARY_TABLE, ("支出/一般公共预算财政拨款",)),
     (GENERAL_BUDGET_TABLE, ("合计", "本年支出/合计", "本年支出/小计"))),
    ((FISCAL_SUMMARY_TABLE, ("支出/政府性基金预算财政拨款",)),
     (GOVERNMENT_FUND_TABLE, ("本年支出/小计", "本年支出/合计", "本年支出"))),
)
# The prose's whole-department figures against the 合计 row of 收入决算表 / 支出决算表
# (X.part_tables): (metric, table, the columns its amount may be printed in).
PART_TABLE_TOTALS = (
    ("本年收入合计", INCOME_TABLE, ("本年收入合计", "合计")),
    ("本年支出合计", EXPENDITURE_TABLE, ("本年支出合计", "合计")),
    ("基本支出", EXPENDITURE_TABLE, ("基本支出",)),
    ("项目支出", EXPENDITURE_TABLE, ("项目支出",)),
)
# A 类's name is compared without its ordinal (一、), spaces and a trailing 支出.
CLASS_NAME_TAIL = "支出"
CLASS_CODE_LENGTH = 3  # a 类's functional code: 201
# Rows of 收入支出决算总表 as the prose names them (fact keys and metrics.METRICS names).
INCOME_TOTAL = "收入总计"
EXPENDITURE_TOTAL = "支出总计"
# The rows each total is the sum of.
INCOME_TOTAL_PARTS = ("本年收入合计", "使用非财政拨款结余", "年初结转和结余")
EXPENDITURE_TOTAL_PARTS = ("本年支出合计", "结余分配", "年末结转和结余")
# Prose totals and the 总计 they restate: (fact key, table, side of the table).
GRAND_TOTALS = (
    (INCOME_TOTAL, SUMMARY_TABLE, INCOME_SIDE), (EXPENDITURE_TOTAL, SUMMARY_TABLE, EXPENDITURE_SIDE),
    ("财政拨款收入总计", FISCAL_SUMMARY_TABLE, INCOME_SIDE),
    ("财政拨款支出总计", FISCAL_SUMMARY_TABLE, EXPENDITURE_SIDE),
    ("财政拨款收入支出总计", FISCAL_SUMMARY_TABLE, INCOME_SIDE),
)
# The metrics (metrics.METRICS names) the prose states for a table's 合计.
GENERAL_BUDGET_SPENDING = "一般公共预算财政拨款支出"  # the 合计 of GENERAL_BUDGET_TABLE
THREE_PUBLIC_SPENDING = "三公经费决算数"  # the 合计/决算数 of THREE_PUBLIC_TABLE
THREE_PUBLIC_BUDGET = "三公经费预算数"  # … and its 合计/预算数
# The prose's 基本支出 figures (metrics) against the rows of GENERAL_BUDGET_BASIC_TABLE: each
# part's 合计 row, and the whole against the sum of the parts' rows.
GENERAL_BASIC_SPENDING = "一般公共预算财政拨款基本支出"
BASIC_PARTS = (("人员经费", "人员经费合计"), ("公用经费", "公用经费合计"))
THREE_PUBLIC_NAME = "“三公”经费"  # how check details name it
