"""What a generated 自评表 says, before any form prints it (samples/forms/explore.py).

One sheet's content is drawn from a ``random.Random``: the unit and project, the fund rows (parts
that add up to their total, 执行率 = 执行数 / 全年预算数), the goals, the indicators (targets with
operators, units or qualitative values; weights that add up with the fund weight to the 总分值,
each score within its weight) and the total. Values are exact decimals; how they are printed
(digits, thousands separators, placeholders, columns) is the form's business.

The words here are the genre's contents (indicator names, units, fund sources), written for the
explorer; the header labels come from the reader's vocabulary, in explore.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

REGIONS = ("示例市", "东湖区", "青山县", "南江市", "北岭县", "西川市", "云溪区", "白杨镇")
DEPARTMENTS = ("教育局", "财政局", "农业农村局", "卫生健康委员会", "人力资源和社会保障局", "文化和旅游局",
               "水利局", "交通运输局", "民政局", "生态环境局", "自然资源局", "市场监督管理局",
               "住房和城乡建设局", "退役军人事务局")
UNITS_UNDER = ("就业服务中心", "农业技术推广中心", "疾病预防控制中心", "文化馆", "水利工程管理站",
               "社会福利院", "公路养护中心", "职业技能鉴定中心", "环境监测站", "不动产登记中心")
TOPICS = ("农村饮水安全巩固提升", "高标准农田建设", "博士后资助", "城乡居民医疗救助", "公共文化服务体系建设",
          "职业技能培训补贴", "老旧小区改造", "义务教育薄弱环节改善", "基层医疗卫生机构能力提升",
          "农村公路养护", "河道综合治理", "困难群众救助", "就业创业扶持", "森林防火", "耕地地力保护补贴",
          "残疾人康复服务", "文物保护利用", "中小学校舍维修", "食品安全抽检", "退役军人优抚",
          "污水处理设施运营", "社区居家养老服务", "根治欠薪专项行动")
PROJECT_SUFFIX = ("项目", "经费", "专项资金", "补助资金", "工作经费", "")

# Fund sources (a project's, a department's) and the task names of a 年度主要任务 table.
PROJECT_PARTS = ("其中：当年财政拨款", "上年结转资金", "其他资金", "其中：中央补助资金", "本级财政资金",
                 "上级补助资金", "单位自筹资金")
DEPARTMENT_PARTS = ("中央安排", "省级安排", "地（州、市）安排", "县（市、区）安排", "其他资金", "基本支出",
                    "项目支出", "财政拨款", "事业收入")
SUBTOTAL_BLOCK = (("财政资金小计", ("其中：中央财政资金", "省级财政资金", "本级财政资金")), ("其他资金小计", ()))
TASKS = ("保障机关正常运转", "就业创业服务", "社会保险经办", "人才引进培养", "劳动保障监察执法",
         "公共文化活动", "基础设施维护", "业务培训", "信息化建设", "安全生产监管")
TASK_CONTENT = ("保障人员工资及日常公用经费支出，确保机构正常运转", "开展职业技能培训和创业指导服务",
                "按时足额发放各项补助资金", "组织开展专项检查和执法行动", "完成年度重点工作任务",
                "推进信息系统升级改造，提升服务效率", "举办各类公益活动，满足群众文化需求")
TASK_DONE = ("已完成", "全部完成", "基本完成", "已按计划完成，资金支付到位", "完成年度任务")

# Level-1 / level-2 labels: the schemes printed in the years 2019–2024, a project's and a department's.
PROJECT_SCHEMES = (
    (("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
     ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
     ("满意度指标", ("服务对象满意度指标",))),
    (("产出指标", ("数量指标", "质量指标", "时效指标")),
     ("成本指标", ("经济成本指标", "社会成本指标", "生态环境成本指标")),
     ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
     ("满意度指标", ("服务对象满意度指标",))),
    (("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
     ("效果指标", ("经济效益", "社会效益", "生态效益", "可持续影响")),
     ("满意度", ("服务对象满意度",))),
)
DEPARTMENT_SCHEMES = PROJECT_SCHEMES[:2] + (
    (("履职效能", ("数量指标", "质量指标", "时效指标")),
     ("管理效率", ("预算管理", "资产管理", "内部控制")),
     ("运行成本", ("经济成本指标", "一般性支出情况")),
     ("社会效应", ("社会效益指标", "服务对象满意度指标")),
     ("可持续发展能力", ("人员队伍建设", "制度建设"))),
)

# Third-level indicators by the level-2 label's last words: (name, kind, unit, low, high).
# kind: count (a number of units), rate (a percentage), money, days, text (a qualitative value).
INDICATORS = {
    "数量": (("培训人次", "count", "人次", 100, 20000), ("新增就业人数", "count", "人", 50, 30000),
             ("资助人数", "count", "人", 5, 3000), ("建设项目数量", "count", "个", 1, 60),
             ("改造面积", "count", "平方米", 500, 90000), ("新建道路长度", "count", "公里", 1, 120),
             ("发放补贴户数", "count", "户", 20, 12000), ("举办活动场次", "count", "场", 2, 300),
             ("监督检查次数", "count", "次", 4, 500), ("发表论文数量", "count", "篇", 2, 80),
             ("受理案件数", "count", "件", 10, 9000), ("农村劳动力外出务工人次", "count", "万人次", 1, 30),
             ("覆盖乡镇数", "count", "个", 3, 40), ("购置设备数量", "count", "台（套）", 1, 200)),
    "质量": (("项目验收合格率", "rate", "%", 90, 100), ("资金使用合规率", "rate", "%", 95, 100),
             ("培训合格率", "rate", "%", 80, 100), ("设施完好率", "rate", "%", 85, 100),
             ("抽检合格率", "rate", "%", 90, 100), ("档案资料完整性", "text", "", 0, 0),
             ("工程质量", "text", "", 0, 0)),
    "时效": (("资金拨付及时率", "rate", "%", 90, 100), ("项目完成及时率", "rate", "%", 90, 100),
             ("完成时限", "days", "天", 30, 365), ("补助发放时间", "text", "", 0, 0),
             ("案件办结时限", "days", "个工作日", 15, 60)),
    "成本": (("项目总成本", "money", "万元", 10, 5000), ("人均补助标准", "money", "元/人", 100, 5000),
             ("单位造价", "money", "元/平方米", 200, 3000), ("成本控制率", "rate", "%", 90, 100)),
    "经济": (("带动农户增收", "money", "万元", 10, 900), ("节约资金", "money", "万元", 1, 200),
             ("促进地区经济发展", "text", "", 0, 0)),
    "社会": (("群众生活水平", "text", "", 0, 0), ("社会影响力", "text", "", 0, 0),
             ("带动就业人数", "count", "人", 10, 5000), ("公共服务水平", "text", "", 0, 0),
             ("惠及人口", "count", "万人", 1, 80)),
    "生态": (("生态环境改善", "text", "", 0, 0), ("水质达标率", "rate", "%", 80, 100),
             ("森林覆盖率", "rate", "%", 20, 70)),
    "可持续": (("长效管理机制", "text", "", 0, 0), ("项目持续发挥作用年限", "count", "年", 3, 20),
               ("可持续影响", "text", "", 0, 0)),
    "满意": (("服务对象满意度", "rate", "%", 80, 100), ("受益群众满意度", "rate", "%", 80, 100),
             ("参训人员满意度", "rate", "%", 85, 100), ("群众满意率", "rate", "%", 80, 100)),
    "": (("工作完成情况", "text", "", 0, 0), ("制度健全性", "text", "", 0, 0),
         ("重点工作完成率", "rate", "%", 85, 100), ("预算执行率", "rate", "%", 85, 100),
         ("“三公经费”变动率", "rate", "%", 0, 10)),
}
TEXT_TARGETS = ("达标", "提高", "有所提高", "明显提升", "良好", "长期", "合格", "按时完成", "持续发挥作用",
                "逐步改善", "显著", "健全", "完整", "全年")
TEXT_ACTUALS = ("达标", "已提高", "有所提高", "良好", "长期", "合格", "已完成", "达到预期", "显著",
                "健全", "完整", "全年")
DEVIATIONS = ("部分项目因天气原因延期，下一步将加快实施进度", "资金拨付滞后，将加强与财政部门沟通",
              "指标设置偏高，今后将科学合理设置指标值", "受疫情影响部分活动未能开展",
              "项目尚在实施中，预计明年上半年完工", "宣传力度不够，将进一步加大宣传", "采购程序耗时较长")
BASES = ("年度工作计划", "项目实施方案", "历史标准", "行业标准", "计划标准", "政府工作报告", "上级文件要求",
         "部门职责")
GOAL_CLAUSES = ("完成{n}个项目建设任务", "培训{n}人次", "确保资金及时足额拨付到位", "提高群众满意度",
                "保障单位正常运转", "按时完成年度各项工作任务", "改善基础设施条件", "全年发放补助{n}户",
                "推动事业高质量发展", "加强资金管理，提高资金使用效益", "为{n}名群众提供服务",
                "落实上级决策部署，切实维护群众合法权益", "健全长效管理机制")

TWO = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(x: Decimal) -> Decimal:
    return x.quantize(TWO, ROUND_HALF_UP)


@dataclass
class Fund:
    """One fund row, in 万元; ``role``: total, part, subtotal (stands for the details under it),
    detail (under a subtotal)."""

    source: str
    role: str
    initial: Decimal | None
    annual: Decimal
    executed: Decimal
    fin_share: Decimal = Decimal(0)  # of annual: 财政拨款; the rest 其他资金
    exec_fin_share: Decimal = Decimal(0)  # of executed: 财政拨款; the rest 其他资金
    text: str = ""  # a task's 主要内容
    done: str = ""  # a task's 完成情况


@dataclass
class Value:
    """A target or an actual value: op (canonical >=, <=, =, or ""), number and unit; or text."""

    op: str = ""
    number: Decimal | None = None
    unit: str = ""
    text: str = ""


@dataclass
class Indicator:
    level1: str
    level2: str
    level3: str
    target: Value
    actual: Value
    weight: Decimal
    score: Decimal
    deviation: str | None
    basis: str | None


@dataclass
class Content:
    kind: str  # project / department
    year: int
    unit_name: str
    project_name: str | None
    competent_dept: str | None
    implementing_unit: str | None
    budget_code: str
    funds: list[Fund]
    task_table: bool
    fund_weight: Decimal
    fund_score: Decimal
    rate: Decimal  # 执行率 of the total row, a ratio
    goal_expected: str
    goal_actual: str
    indicators: list[Indicator]
    total_weight: Decimal
    total_score: Decimal
    extra: dict = field(default_factory=dict)


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    """An amount in 万元 with two decimals, log-uniform between low and high."""
    import math
    return q2(Decimal(str(math.exp(rng.uniform(math.log(low), math.log(high))))))


def _split(rng: random.Random, whole: Decimal, n: int) -> list[Decimal]:
    """``whole`` in n parts of two decimals that add up exactly; some parts may be zero."""
    if n == 1:
        return [whole]
    cuts = sorted(q2(whole * Decimal(str(rng.random()))) for _ in range(n - 1))
    parts = [b - a for a, b in zip([Decimal(0)] + cuts, cuts + [whole])]
    if rng.random() < 0.3:  # a source that got nothing this year
        k = rng.randrange(n)
        parts[(k + 1) % n] += parts[k]
        parts[k] = Decimal(0)
    return parts


def _funds(rng: random.Random, kind: str, task_table: bool, shape: str) -> list[Fund]:
    """The fund rows: parts that add up to the total row (``shape``: total_first, total_last,
    subtotals, single)."""
    total_annual = _money(rng, 5, 8000)
    if task_table:
        shape = "total_first" if shape == "total_first" else "total_last"
        names = rng.sample(TASKS, rng.randint(2, 5))
    elif shape == "single":
        names = [rng.choice(("财政拨款", "项目资金", "本级财政资金"))]
    elif shape == "subtotals":
        (sub, details), (other, _) = SUBTOTAL_BLOCK
        names = [sub] + list(details[:rng.randint(1, 3)]) + [other]
    else:
        pool = PROJECT_PARTS if kind == "project" else DEPARTMENT_PARTS
        names = rng.sample(pool, rng.randint(1, 5))
    summed = [n for n in names if not n.endswith("小计") or n == names[-1]]
    annuals = dict(zip(summed, _split(rng, total_annual, len(summed))))
    rows = []
    for name in summed:
        annual = annuals[name]
        rate = Decimal(1) if rng.random() < 0.35 else Decimal(str(rng.uniform(0.4, 1.0)))
        executed = q2(annual * rate)
        initial = annual if rng.random() < 0.5 else q2(annual * Decimal(str(rng.uniform(0.5, 1.3))))
        fin = q2(annual * Decimal(str(rng.choice((1, 1, rng.uniform(0.3, 1))))))
        exec_fin = q2(executed * fin / annual) if annual else Decimal(0)
        role = "detail" if shape == "subtotals" and name != names[-1] else "part"
        rows.append(Fund(name, role, initial, annual, executed, fin, exec_fin,
                         rng.choice(TASK_CONTENT) if task_table else "",
                         rng.choice(TASK_DONE) if task_table else ""))
    if shape == "single":
        rows[0].role = "total_single"
        return rows
    if shape == "subtotals":
        details = [f for f in rows if f.role == "detail"]
        rows.insert(0, _summed(names[0], "subtotal", details))
    total = _summed("", "total", [f for f in rows if f.role != "subtotal"])
    return [total] + rows if shape in ("total_first", "subtotals") else rows + [total]


def _summed(source: str, role: str, rows: list[Fund]) -> Fund:
    """A row holding the sums of ``rows``."""
    def total(key: str) -> Decimal:
        return sum((getattr(f, key) for f in rows), Decimal(0))
    return Fund(source, role, total("initial"), total("annual"), total("executed"), total("fin_share"),
                total("exec_fin_share"))


def _weights(rng: random.Random, n: int, room: Decimal) -> list[Decimal]:
    """n positive weights that add up to ``room`` (whole points, or halves now and then)."""
    step = Decimal("0.5") if rng.random() < 0.2 else Decimal(1)
    units = int(room / step)
    if units < n:
        step, units = Decimal(1), int(room)
    assert units >= n, (room, n)
    cuts = sorted(rng.sample(range(1, units), n - 1)) if n > 1 else []
    return [(b - a) * step for a, b in zip([0] + cuts, cuts + [units])]


def _value(rng: random.Random, kind: str, unit: str, low: float, high: float, target: bool) -> Value:
    if kind == "text":
        return Value(text=rng.choice(TEXT_TARGETS if target else TEXT_ACTUALS))
    places = 0 if kind in ("count", "days") and high > 20 else rng.choice((0, 1, 2))
    number = Decimal(str(round(rng.uniform(low, high), places)))
    if kind == "rate" and rng.random() < 0.4:
        number = Decimal(100)
    number = number.quantize(Decimal(1).scaleb(-places)) if places else Decimal(int(number))
    if target:
        op = {"rate": rng.choice((">=", ">=", "=", "<=")), "money": rng.choice(("<=", "<=", "=")),
              "days": "<="}.get(kind, rng.choice((">=", ">=", "=", "")))
    else:
        op = rng.choice(("", "", "", "="))
    return Value(op=op, number=number, unit=unit)


def _pool(level2: str) -> tuple:
    """The third-level indicators a level-2 label has (by its words)."""
    return next((v for k, v in INDICATORS.items() if k and k in level2), INDICATORS[""])


def _indicators(rng: random.Random, kind: str, room: Decimal) -> list[Indicator]:
    scheme = rng.choice(PROJECT_SCHEMES if kind == "project" else DEPARTMENT_SCHEMES)
    n = min(max(2, int(rng.lognormvariate(2.2, 0.45))), 28)
    groups = [(l1, l2) for l1, l2s in scheme for l2 in l2s]
    chosen = sorted(rng.sample(range(len(groups)), min(len(groups), rng.randint(2, max(2, min(n, 9))))))
    pools = [_pool(groups[g][1]) for g in chosen]
    counts = [1] * len(chosen)
    for _ in range(n - len(chosen)):  # no group names an indicator twice
        open_groups = [k for k in range(len(chosen)) if counts[k] < len(pools[k])]
        if not open_groups:
            break
        counts[rng.choice(open_groups)] += 1
    weights = _weights(rng, sum(counts), room)
    out: list[Indicator] = []
    for g, count in zip(chosen, counts):
        l1, l2 = groups[g]
        for name, vkind, unit, low, high in rng.sample(_pool(l2), count):
            w = weights[len(out)]
            target = _value(rng, vkind, unit, low, high, target=True)
            actual = _value(rng, vkind, unit, low, high, target=False)
            full = rng.random() < 0.65
            score = w if full else (w - Decimal(str(rng.choice((0.5, 1, 1.5, 2, 3)))).min(w)).max(Decimal(0))
            if rng.random() < 0.15 and not full:
                score = q2(w * Decimal(str(rng.uniform(0.3, 0.95))))
            deviation = None if score == w else rng.choice(DEVIATIONS)
            if len(name) < 12 and rng.random() < 0.15:  # an indicator named at length
                name = name + rng.choice(("（按季度统计）", "达到年度考核要求", "情况", "（含新建及改扩建项目）"))
            out.append(Indicator(l1, l2, name, target, actual, w, score, deviation, rng.choice(BASES)))
    return out


def _goal(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    clauses = [rng.choice(GOAL_CLAUSES).format(n=rng.randint(2, 5000)) for _ in range(n)]
    return "，".join(clauses) + "。"


def draw_content(rng: random.Random, kind: str, year: int, unit_name: str, dims: dict) -> Content:
    """One sheet's content. ``dims``: the fund block's form (task_table, fund_rows) and the
    total (total_weight) as drawn for this sheet."""
    region = unit_name[:3]
    project = kind == "project"
    topic = rng.choice(TOPICS)
    project_name = None
    if project:
        prefix = rng.choice((f"{year}年", f"{year} 年度", ""))
        project_name = f"{prefix}{topic}{rng.choice(PROJECT_SUFFIX)}"
    competent = (unit_name if rng.random() < 0.6 else unit_name[len(region):]) if project else None
    implementing = (rng.choice((unit_name, region + rng.choice(UNITS_UNDER)))) if project else None
    funds = _funds(rng, kind, dims["task_table"], dims["fund_rows"])
    total = next(f for f in funds if f.role in ("total", "total_single"))
    rate = total.executed / total.annual
    fund_weight = Decimal(rng.choice((10, 10, 10, 10, 20, 5, 15)))
    fund_score = q2(fund_weight * rate).min(fund_weight)
    if rng.random() < 0.3:
        fund_score = fund_score.quantize(Decimal("0.1"), ROUND_HALF_UP).min(fund_weight)
    total_weight = Decimal(dims["total_weight"])
    indicators = _indicators(rng, kind, total_weight - fund_weight)
    total_score = fund_score + sum((i.score for i in indicators), Decimal(0))
    expected = _goal(rng, 1, rng.choice((2, 4, 12, 30)))
    actual = (f"{year}年全年预算数为{total.annual}万元，全年执行数为{total.executed}万元，执行率为"
              f"{q2(rate * HUNDRED)}%。" if rng.random() < 0.5 else "") + _goal(rng, 1, rng.choice((2, 5, 16)))
    return Content(kind, year, unit_name, project_name, competent, implementing,
                   str(rng.randint(100000, 999999)), funds, dims["task_table"], fund_weight, fund_score, rate,
                   expected, actual, indicators, total_weight, total_score)
