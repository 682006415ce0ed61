"""The narrative's grammar: the words and patterns a 部门决算's prose states its figures in.

The prose is formulaic (``本年收入合计 3,127.86 万元``, ``占 84.35%``, ``比上年增加 20.00 万元``,
``公务用车保有量 3 辆``): ``document.facts`` reads its figures with the words here,
``document.prosechecks`` checks its words against its numbers, ``document.narrative`` splits it
under its headings. Patterns other patterns embed are kept as pattern strings (``LAST_YEAR``,
``LEVEL_MARK``), the others compiled.
"""

from __future__ import annotations

import re

from .atoms import NUMBER

# --------------------------------------------------------------------------- headings
# A heading printed with its first sentence on the same line is split at the first of these.
HEADING_ENDS = "。：:"
HEADING_END = re.compile(r"[。：:]")

# --------------------------------------------------------------------------- units
MONEY_UNIT = "元"  # the unit a money figure is kept in
PROSE_MONEY_UNIT = "万元"  # the unit the prose states amounts in (五（二）, 五（三）)
PERCENT_SIGNS = ("%", "％")
# The units of the counts the prose states: 公务用车保有量 3 辆, 国内公务接待 4 批次，38 人次.
COUNT_UNITS = ("人次", "批次", "平方米", "台（套）", "台(套)", "辆", "个", "人", "台", "套", "项",
               "家", "份", "户", "次")
# Units appended to a count's label as they are (国内公务接待人次); others in brackets (车辆（辆）).
NOUN_COUNT_UNITS = ("人次", "批次")
# A count's unit is keyed with full-width brackets: 台(套) -> 台（套）.
FULL_WIDTH_BRACKETS = str.maketrans("()", "（）")

# --------------------------------------------------------------------------- clauses and sentences
# What ends the clause a figure's label is read from. \n: document.narrative.TABLE_BREAK.
CLAUSE_DELIMITERS = "，,；;。：:、\n"
CLAUSE_DELIMITER = re.compile(rf"[{CLAUSE_DELIMITERS}]")
# The 、 of 收、支总计 / 收入、支出总计 joins two words of one label; it is no delimiter there.
JOINED_LABELS = ("收、支", "收入、支出")
FULL_STOP = "。"  # a new sentence: the subject named in the last one is no longer current
# What ends a sentence, or the text before a table (the conditions a clause's sentence puts
# before it, the scope of a 决算/预算 comparison).
SENTENCE_BREAKS = "。；;\n"
SENTENCE_END = re.compile(r"[。；;]")  # where a reason ends
# The noun a count's number is followed by: 下设 12 个处室 -> 处室.
COUNT_NOUN = re.compile(rf"[^{CLAUSE_DELIMITERS}\d]{{1,6}}(?=[{CLAUSE_DELIMITERS}]|$)")

# --------------------------------------------------------------------------- figures that are none
# 单价 100 万元（含）以上设备: a threshold inside a label, not a figure.
THRESHOLD = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:以上|以下|以内)")
# Text after 原因是： is the reason for a figure, not a figure (up to the end of its sentence).
REASON = re.compile(r"原因(?:是|为|主要是)?[:：]")
# 无“三公”经费财政拨款支出: a figure stated as none, which is 0.
NONE_STATED = re.compile(r"(?:^|(?<=[年度位门局部委，,。；;]))无(?P<label>[^，,。；;、无]{2,30}?(?:支出|经费))"
                         r"(?=[。，,；;]|$)")
NONE_WORD = "无"  # the raw value of a figure stated as none
# Every way a figure is stated as none, with the unit it is none of: 无…支出, 未发生…支出,
# …支出为零, 无 / 未配备公务用车 (a count of vehicles).
NONE_STATED_FORMS = (
    (NONE_STATED, MONEY_UNIT),
    (re.compile(r"未发生(?P<label>[^，,。；;、]{2,30}?(?:支出|经费|费用?))(?=[。，,；;]|$)"), MONEY_UNIT),
    (re.compile(r"(?:^|(?<=[，,。；;：:]))(?P<label>[^，,。；;：:、]{2,30}?(?:支出|经费|费|总额|金额))均?为零"
                r"(?=[。，,；;]|$)"),
     MONEY_UNIT),
    (re.compile(r"(?:无|未配备)(?P<label>公务用车|车辆)(?=[。，,；;]|$)"), "辆"),
)

# --------------------------------------------------------------------------- scope words
# Words in front of a label that are not part of its key, dropped one after another:
# 截至 2023 年度; 本年度 (but not the 本年 of 本年收入, a figure's own word)
LEADING_YEAR = re.compile(r"^(?:(?:截至|截止)?\s*\d{4}\s*年度?|本年度)")
LEADING_BRACKETED = re.compile(r"^[（(][^）)]*[)）]")  # （一）, （单位：万元）
LEADING_SCOPE = re.compile(r"^(?:其中|包括|分别为|我单位|本单位|我部门|本部门|单位|按.{1,12}?划分为|"
                           r"(?:全年|本年度?)?安排的?|预算绩效管理(?=\S))")
LEADING_ENTRY_NUMBER = re.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])")  # 1. / （2）
# 收入总计为 / 支出共计 / 采购金额合计 -> 收入总计 / 支出 / 采购金额 (合计 after a total's own word)
TRAILING_VERB = re.compile(r"(?:(?<=\S)(?:为|是|达到?|共计)|(?<=总额|金额)合计)$")

# --------------------------------------------------------------------------- subjects and measures
# An expense named as a subject drops 支出 and 财政拨款 (财政拨款“三公”经费支出 -> “三公”经费):
# the endings cut from its label (keeping their 费), and the word cut from its front.
SPENDING_ENDINGS = ("费财政拨款支出", "费支出")
EXPENSE_WORD = "费"  # an expense's name ends so (…经费, …接待费)
FISCAL_GRANT = "财政拨款"
# Figures that describe a subject rather than name one: 房屋 … 价值, “三公”经费 … 决算数.
# Longer words first: the first ending a label has is its measure.
MEASURES = ("预决算差异率", "全年预算总额", "实际执行总额", "年初预算数", "全年预算数",
            "全年执行数", "决算数", "预算数", "执行数", "价值", "年初预算", "全年预算", "支出决算",
            "实际支出", "决算")
# A measure word starting with the spending (支出决算) leaves 支出 on its subject:
# 一般公共预算财政拨款支出决算 is of 一般公共预算财政拨款支出, a bare 支出决算 of 支出.
SPENT_IN_MEASURE = "支出"
# --------------------------------------------------------------------------- enumerations
# Several subjects sharing one clause: 收入总计、支出总计均为 X 万元 (one value for each),
# 收、支总计各是 A、B 万元 and 本年收入、本年支出分别为 A 万元、B 万元 (values in order).
ENUMERATION_WORDS = r"[、和及与]"
CLAUSE_CHAR = r"[^，,；;。：:\n]"  # a character inside one clause (、 joins, it does not end one)
ENUMERATION_COMMA = r"、"  # the joiner that is never a word of a subject
DISTRIBUTORS = r"(?:均为|均是|均|都是|都为|都|分别为|分别是|分别|各为|各是|各)"
# A bare subject after its counterpart in one sentence takes the counterpart's qualifiers:
# 本年收入 X 万元，支出 Y 万元 -> 本年支出; 收入总计 X，支出 Y -> 支出总计.
COUNTERPARTS = {"收入": "支出", "支出": "收入"}
# A one-character subject of an enumeration standing for its word: 收、支总计 -> 收入总计, 支出总计.
SHORT_SUBJECTS = {"收": "收入", "支": "支出"}

# What a measure says of its figure (NarrativeFact.measure): a budget (planned), the budget set
# at the year's start (a fallback for the 全年 one), or an actual (决算, executed). A sentence
# about a budget gives no 决算 figure: the figures it lists after 其中 are budget figures too.
BUDGET, INITIAL_BUDGET, ACTUAL = "budget", "initial_budget", "actual"
CHANGE, SHARE, COMPLETION, COUNT = "change", "share", "completion", "count"
CHANGE_FROM_BUDGET = "change_from_budget"  # 较年初预算增加: against a budget, not last year
BUDGET_KINDS = (BUDGET, INITIAL_BUDGET)
INITIAL_BUDGET_MEASURES = ("年初预算数", "年初预算")
BUDGET_MEASURES = ("全年预算总额", "全年预算数", "预算数", "全年预算", "支出预算数", "支出预算", "预算")
ACTUAL_MEASURES = ("实际执行总额", "全年执行数", "决算数", "执行数", "支出决算", "实际支出", "决算")
# The budget family a section's heading names (its scope), the most specific first: a heading
# may name several (一般公共预算财政拨款“三公”经费支出决算情况说明 is about the 三公). The last
# ones name a part of the whole department's report, not a family.
SCOPES = (("政府性基金", "government_fund"), ("国有资本经营", "state_capital"), ("三公", "three_public"),
          ("机关运行经费", "operating_costs"), ("政府采购", "procurement"), ("国有资产", "state_assets"),
          ("财政拨款基本支出", "general_budget_basic"), ("一般公共预算", "general_budget"),
          ("财政拨款", "fiscal_grant"), ("收入决算情况", "income"), ("支出决算情况", "expenditure"))
DEPARTMENT_SCOPE = "department"
SCOPE_NAMES = (DEPARTMENT_SCOPE,) + tuple(scope for _, scope in SCOPES)
# Scopes an outer heading may narrow: 财政拨款支出决算总体情况 under 一般公共预算财政拨款支出决算
# 情况说明 is the 一般公共预算's; 收入决算情况 / 支出决算情况 only where no family is named.
BROAD_SCOPES = ("fiscal_grant", "income", "expenditure")
# The whole department's sections.
DEPARTMENT_WIDE_SCOPES = (DEPARTMENT_SCOPE, "income", "expenditure")
GENERAL_BUDGET_SCOPE = "general_budget"
GENERAL_BUDGET_BASIC_SCOPE = "general_budget_basic"
# Scopes whose figures never stand for the department's or another family's.
SEPARATE_SCOPES = ("government_fund", "state_capital")
# A bare 预算 is a measure only of an expense (…经费支出预算为 76.43 万元), not of
# 一般公共预算 or 政府性基金预算: only after one of EXPENSE_ENDINGS.
BARE_BUDGET = "预算"
EXPENSE_ENDINGS = ("支出", "费")

# --------------------------------------------------------------------------- changes
# 上年 or the year itself: 比上年决算增加, 与 2023 年度相比，增加, 比 2023 年度决算数减少.
LAST_YEAR = r"(?:上年度?|\d{4}\s*年度?)"
# A label ending in a change against last year: 收入支出总体比上年增加, 与上年相比，增长.
LAST_YEAR_CHANGE = re.compile(rf"^(?P<subject>.*?)(?:与\s*{LAST_YEAR}\s*相比|[比较]\s*{LAST_YEAR}\s*(?:决算数?)?)?各?"
                              r"(?P<direction>增加|减少|增长|下降|降低)了?$")
# A change against a base other than last year (比年初预算增加, 较预算减少): keyed as such,
# never as 较上年.
OTHER_BASE_CHANGE = re.compile(r"^(?P<subject>.*?)(?:与|比|较)(?!\s*(?:上年|\d{4}))(?P<base>[^，,]{0,12}?"
                               r"(?:预算|计划)数?)(?:相比)?[，,]?各?(?P<direction>增加|减少|增长|下降|降低)了?$")
# The clause before a bare 增加 that names what changed: 收入总计与上年相比，增加 ….
COMPARED_WITH_LAST_YEAR = re.compile(rf"^(?P<subject>.*?)与\s*{LAST_YEAR}\s*相比$")
# A change stated as none: 支出与上年持平, 一般公共预算财政拨款与 2023 年度持平 (a change of 0 of
# the subject named; 基本持平 is no figure). Not where the sentence also states an amount changed.
LEVEL_WITH_LAST_YEAR = re.compile(rf"(?:^|(?<=[，,。；;：:]))(?P<subject>[^，,。；;：:]{{0,30}}?)各?(?:与|和|同)\s*"
                                  rf"{LAST_YEAR}\s*(?:决算数?)?(?:相比)?[，,]?\s*(?<!基本)持平(?=[。，,；;]|$)")
LEVEL_WORD = "持平"  # the raw value of a change stated as none, and its key's direction
AMOUNT_CHANGED = re.compile(rf"(?:增加|减少|增长|下降|降低)\s*(?:{NUMBER})")
# An amount's change is keyed 增加 or 减少 whatever word the prose uses (a rate keeps its word).
AMOUNT_DIRECTION = {"增长": "增加", "增加": "增加", "下降": "减少", "降低": "减少", "减少": "减少"}
RISE_WORDS = ("增加", "增长", "上升")
FALL_WORDS = ("减少", "下降", "降低")

# --------------------------------------------------------------------------- shares
# 占 X% / 占本年支出合计的比重 X%: a share of the current subject, of the base it names.
SHARE_LABEL = re.compile(r"^占(?P<base>.*?)的?(?:比重|比例)?$")
# 完成年初预算的 X%: a completion rate of the current subject.
COMPLETION_LABEL = re.compile(r"^完成(?P<base>年初预算|全年预算|预算)(?:数)?的$")

# --------------------------------------------------------------------------- keys
# How the key of a change, share or count reads, built from its parts.
CHANGE_KEY = "{subject}较上年{direction}"  # 收入支出总体较上年增加
OTHER_BASE_CHANGE_KEY = "{subject}较{base}{direction}"  # …支出较年初预算增加
COMPLETION_KEY = "{subject}{base}完成率"  # …支出年初预算完成率
SHARE_OF_KEY = "{subject}占{base}"  # 一般公共预算财政拨款支出占本年支出合计
SHARE_KEY = "{subject}占比"  # 基本支出占比
COUNT_KEY = "{label}（{unit}）"  # 车辆（辆）
CLASS_KEY = "{name}（类）"  # 一般公共服务支出（类）
# A key starting so is a change or share of nothing named: not a figure that can be keyed.
UNNAMED_KEY_STARTS = ("较上年", "占")

# --------------------------------------------------------------------------- sections by heading
# Sections whose prose is read its own way, known by words of their headings:
STRUCTURE_HEADING = "结构"  # 五（二）…支出决算结构情况, under a heading naming SPENDING
SPENDING = "支出"
ITEMS_HEADING = "具体情况"  # 五（三）…支出决算具体情况, under GENERAL_BUDGET, not THREE_PUBLIC
GENERAL_BUDGET = "一般公共预算"
THREE_PUBLIC = "三公"
STAFF_HEADING = "人员"

# --------------------------------------------------------------------------- 五（二） structure, 五（三） items
# A numbered entry 1. / 2、 / （3） at the start of the text or after a sentence or colon.
ENTRY_START = re.compile(r"(?:^|(?<=[。；;：:]))\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])\s*")
# The level of a 类/款/项 name: 一般公共服务支出（类）.
LEVEL_MARK = r"\s*[(（]\s*{}\s*[)）]"
CLASS_MARK = LEVEL_MARK.format("类")
SECTION_MARK = LEVEL_MARK.format("款")
ITEM_MARK = LEVEL_MARK.format("项")
# 1.一般公共服务（类）支出 120.00 万元，占 71.7%: a numbered entry of the 类 structure …
CLASS_STRUCTURE = re.compile(rf"^(?P<name>[^()（）\d]+?){CLASS_MARK}\s*(?:支出)?\s*"
                             rf"(?:为|决算为)?\s*(?P<num>{NUMBER})\s*万元\s*[,，]?\s*占(?:比)?\s*"
                             rf"(?P<pct>{NUMBER})\s*[%％]")
# … or a clause of a paragraph listing them.
CLASS_STRUCTURE_IN_TEXT = re.compile(rf"(?<![^，,；;：:。\n])\s*(?P<name>[^()（）\d，,；;：:。\n]+?){CLASS_MARK}\s*"
                                     rf"(?:支出)?\s*(?:为|决算为)?\s*(?P<num>{NUMBER})\s*万元\s*[,，]?\s*占(?:比)?\s*"
                                     rf"(?P<pct>{NUMBER})\s*[%％]")
# 2010301 一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）
# A name may hold brackets of its own (政府办公厅（室）及相关机构事务), never a level mark.
_LEVEL_NAME = r"(?:(?!\s*[(（]\s*[类款项]\s*[)）])[^。；;])+?"
ITEM_NAMES = re.compile(rf"^(?P<code>\d{{3,7}})?\s*(?P<cls>{_LEVEL_NAME}){CLASS_MARK}"
                        rf"(?:(?P<sec>{_LEVEL_NAME}){SECTION_MARK})?"
                        rf"(?:(?P<item>{_LEVEL_NAME}){ITEM_MARK})?")
ITEM_AMOUNT = re.compile(rf"(?:支出)?决算(?:数)?为?\s*(?P<num>{NUMBER})\s*万元")  # 决算数为 X 万元
ITEM_BUDGET = re.compile(rf"(?:年初|全年)预算(?:数)?为?\s*(?P<num>{NUMBER})\s*万元")  # 年初预算为 X 万元
# 比上年增加 X 万元; 增长 P%.
ITEM_CHANGE = re.compile(rf"(?:比|较|与)上年(?:决算)?(?:相比)?[，,]?\s*(?P<dir>增加|减少)\s*(?P<num>{NUMBER})\s*万元")
ITEM_CHANGE_RATE = re.compile(rf"(?:增长|下降|降低)\s*(?P<num>{NUMBER})\s*[%％]")
ITEM_REASON = re.compile(r"主要原因(?:是|为)?[:：]\s*")

# --------------------------------------------------------------------------- the prose's own checks
# 决算数小于预算数 / 支出决算大于年初预算 / 决算数与预算数持平.
# 持平 only with 与预算数: 决算数与 2023 年度持平 is a change against last year.
FINAL_VS_BUDGET = re.compile(r"决算(?:数)?(?:(?P<word>大于|高于|超过|小于|低于|等于)(?:年初|全年)?预算"
                             r"|与(?:年初|全年)?预算(?:数)?(?P<level>持平|相等))")
# What each word of FINAL_VS_BUDGET says of 决算 against 预算.
FINAL_VS_BUDGET_COMPARISON = {"大于": ">", "高于": ">", "超过": ">", "小于": "<", "低于": "<",
                              "等于": "=", "持平": "=", "相等": "="}
BUDGET_AMOUNT = re.compile(rf"(?:年初|全年)?预算(?:数)?(?:为|是)?\s*(?P<num>{NUMBER})\s*(?P<unit>万元|元)")
FINAL_AMOUNT = re.compile(rf"决算(?:数)?(?:为|是)?\s*(?P<num>{NUMBER})\s*(?P<unit>万元|元)")
# A numbered entry (1. … / 2. …) at the start of the text, a sentence or a line.
ENTRY_NUMBER_AFTER_BREAK = re.compile(r"(?:^|(?<=[。；;\n]))\s*\d{1,2}\s*[.．、]")
# 增加 20.00 万元，增长 4.17% : an amount and a rate of one change, next to each other.
CHANGE_PAIR = re.compile(rf"(?P<a>增加|减少)\s*(?P<amount>{NUMBER})\s*(?:万元|元)[，,]\s*"
                         rf"(?P<b>增长|上升|下降|降低|减少)\s*(?P<pct>{NUMBER})\s*[%％]")
# 持平 beside a change amount, either side of it.
LEVEL_BESIDE_CHANGE = re.compile(rf"持平[^。；;]{{0,6}}?(?:增加|减少)\s*(?P<amount>{NUMBER})|(?:增加|减少)\s*(?P<amount2>{NUMBER})"
                                 rf"\s*(?:万元|元)[^。；;]{{0,6}}?持平")
# X 万元，占 P% / X 万元，占本年支出合计的比重为 P%: an amount and its share of a whole.
AMOUNT_SHARE = re.compile(rf"(?P<part>{NUMBER})\s*(?P<unit>万元|元)\s*[，,]?\s*(?:占(?P<base>[^\d%％，,。；;]{{0,20}}?)"
                          rf"的?(?:比重|比例)?(?:为|是)?|占比为?)\s*(?P<pct>{NUMBER})\s*[%％]")
AMOUNT = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>万元|元)")  # any amount the prose states
# The unit's own name in front of a share's base (占本部门支出合计): not part of the base.
OWN_UNIT_WORDS = ("本部门", "本单位")
# The base a share names in other words than the figure's own name.
SHARE_BASE_ALIASES = {"总支出": "本年支出合计", "总收入": "本年收入合计", "支出合计": "本年支出合计",
                      "收入合计": "本年收入合计"}
