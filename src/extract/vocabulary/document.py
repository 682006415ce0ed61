"""The document as a whole: its cover's title line, the lines and sentences that name the
publishing unit, placeholders for a unit's name, the phrases that state the reporting year and
the words that make a year another one (document/cover.py and document/consistency.py).
"""

from __future__ import annotations

import re

from .atoms import YEAR
from .kinds import DEPARTMENT_FINAL

# --------------------------------------------------------------------------- the cover
# The cover's title line: the unit, the year and 部门决算 (上海市XX局2024年度部门决算); the
# unit may be printed on the line before.
COVER_TITLE_LINE = re.compile(rf"^(.*?)({YEAR})年度?{DEPARTMENT_FINAL}")

# --------------------------------------------------------------------------- the reporting year
# A year in a line: 2024年, 2024 年度.
YEAR_IN_LINE = re.compile(rf"({YEAR})\s*年")
# A year at the end of a table title's qualifier: 上海市XX局2024年度.
YEAR_AT_END = re.compile(rf"{YEAR}年度?$")
# A line's own year, printed last in brackets: …项目绩效自评表（2022年度）, whatever years the
# names before it hold (…（2021年…补助资金）…).
BRACKETED_YEAR_AT_END = re.compile(rf"[（(]\s*({YEAR})\s*年度?\s*[)）]$")
# The reporting year's last day: 截至2024年12月31日 (text compacted).
AS_OF_YEAR_END = re.compile(rf"截[至止]({YEAR})年12月31日")
AS_OF = "截至"  # also how check details name a place of AS_OF_YEAR_END
# Words that make a year another year than the document's own: a comparison or a plan.
OTHER_YEAR = re.compile(rf"相比|[比较与]\s*{YEAR}|上年|以来|至{YEAR}|—|-{YEAR}|下一?年|规划|计划")
# How the lines end that are headings even without numbering (…情况说明, …决算表).
HEADING_ENDINGS = ("情况说明", "部门决算", "决算表", "情况表", "自评表", "说明")

# --------------------------------------------------------------------------- the unit's name
# A placeholder where a unit's name belongs: XX局, ××单位, 某某部门.
PLACEHOLDER = re.compile(r"(?:XX|xx|ⅩⅩ|××|某某|\*\*)")
# How the name of a unit ends.
UNIT_NAME_ENDINGS = ("局", "部", "委", "委员会", "会", "院", "厅", "办", "办公室", "室", "中心", "所", "站",
                     "处", "馆", "队", "校", "学校", "社", "团", "署", "府", "司", "公司", "单位", "部门",
                     "机关", "集团", "协会", "联合会")
# A placeholder unit in running prose, with the words before it (纳入上海市XX局); a placeholder
# amount (XXX 万元) is no unit's name.
PLACEHOLDER_IN_TEXT = re.compile(r"[^，,。；;：:\s]{0,12}(?:" + PLACEHOLDER.pattern + r")+X?(?:"
                                 + "|".join(sorted(UNIT_NAME_ENDINGS, key=len, reverse=True)) + ")")
# A table column listing the units a 汇总 document reports (决算单位构成: 单位名称 | 备注): they
# are the document's own, and a place naming one agrees with the cover.
UNIT_LIST_COLUMNS = ("单位名称", "预算单位名称", "单位")
# … and the units its prose lists as its own: 所属单位包括：A、B 和 C; 纳入决算编制范围的单位有 A、B.
OWN_UNITS_IN_TEXT = re.compile(r"(?:所属|下属|二级|纳入[^。；;]{0,12}?范围的)(?:预算)?单位[^。；;：:]{0,12}?"
                               r"(?:包括|有|为|是|分别是)[:：]?\s*(?P<list>[^。；;]+)")
OWN_UNITS_SEPARATORS = re.compile(r"[、，,和及与]")
# A qualifier after a unit's name that names no other unit: 上海市普陀区财政局（本级）, …（汇总）.
TRAILING_UNIT_QUALIFIER = re.compile(r"[（(][^（）()]{1,8}[)）]$")  # …（本级及所属单位）

# What a document calls itself instead of its name: any unit's short form.
UNIT_SHORT_FORMS = ("单位", "部门", "本部门", "本单位", "我部门", "我单位", "本局", "我局", "我部", "我委", "本委",
                    "我院", "本院", "我厅", "本厅", "我办", "本办", "我中心", "本中心", "我校", "本校")
# The words that make a short form refer to the writer (本部门, 我单位): words before one are a
# sentence's (组织对本部门 …), not a unit's name.
REFLEXIVE_WORDS = ("本", "我")
# A line naming the unit: 编制单位：上海市XX局, 部门：…, up to a space, a year or the unit line.
UNIT_NAME_LINE = re.compile(rf"(?:编制单位|单位名称|部门名称|填报单位|编报单位|部门)[:：]\s*(?P<name>[^\s:：]+?)"
                            rf"(?=\s|$|{YEAR}|单位[:：]|金额单位)")
# The subject of a prose sentence before its year: 上海市XX局2024年度….
PROSE_SUBJECT_BEFORE_YEAR = re.compile(rf"(?:^|(?<=[。；;\n]))\s*(?P<name>[^，,。；;：:\d\s“”]{{2,30}}?)\s*{YEAR}\s*年度?")
# How a sentence starts whose words before the year are no subject: 截至, 其中, 与上年相比.
NOT_A_SUBJECT_STARTS = ("截至", "截止", "其中", "与", "比")
# Between the names a check detail lists, as the documents list them.
NAME_SEPARATOR = "、"
