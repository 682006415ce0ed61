"""narrative.py: sections under headings, page numbers dropped, tables as clause breaks."""

from __future__ import annotations

from gridkit import draw, page
from extract.document.narrative import TABLE_BREAK, narrative_sections


def test_headings_open_sections_and_page_numbers_are_dropped():
    first = page(3, [], lines=[("二、机构设置及人员情况", 60), ("实有人数 119 人，其中：在职", 80),
                               ("- 3 -", 780)])
    second = page(4, [], lines=[("人员 64 人。", 60), ("（一）机关运行经费支出情况。2023 年度支出 1 万元", 80)])
    sections = narrative_sections([first, second])
    assert [(s.path, s.text) for s in sections] == [
        (("二、机构设置及人员情况",), "实有人数 119 人，其中：在职人员 64 人。"),
        (("二、机构设置及人员情况", "（一）机关运行经费支出情况"), "2023 年度支出 1 万元"),
    ]
    assert sections[0].page_at(0) == 3 and sections[0].page_at(len("实有人数 119 人，其中：在职")) == 4


def test_a_table_between_two_lines_breaks_the_prose():
    table = draw([(0, 0, 1, 1, "序号"), (0, 1, 1, 1, "单位名称")], [40.0, 120.0], 1, top=100)
    sections = narrative_sections([page(1, [table], lines=[("本部门决算包括：", 60), ("下设 3 个处室。", 200)])])
    assert sections[0].text == "本部门决算包括：" + TABLE_BREAK + "下设 3 个处室。"
