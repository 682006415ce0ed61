"""Document-level checks: does the document agree with itself on what it is? Recorded only.

* ``D.fiscal_year``     every place that gives the document's own reporting year says the
                        same year: the cover, headings (2024年度…情况说明), 截至 X 年 12 月 31 日,
                        the lines printed above each table (titles, 编制 lines, （X 年度）) and
                        the sheets' year. Comparisons (与 2023 年度相比, 上年) are not such places.
* ``D.unit_name``       the unit named on the cover, in table titles, in 编制单位 / 部门 lines and
                        at the start of prose sentences is one unit, or one of the units the
                        document lists as its own (决算单位构成, 所属单位包括 …); short forms (本部门, 我局, a name
                        the full one ends with) agree, a name dropping a middle part of the
                        cover's (its district: 上海市财政局 for 上海市普陀区财政局) does not; a
                        placeholder (XX局, ××单位) anywhere (cover, headings, table titles, 编制
                        lines, prose) fails.
* ``D.required_tables`` all nine standard tables are printed (present or empty).

Each failure names the place and its page, so a reviewer can go and look.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..datamodel import CheckedSheet, NarrativeSection, PageLayout, StatementLine, StatementTable
from ..textnorm import compact
from ..vocabulary.atoms import ITEM_NUMBER, PART_NUMBER, SUBITEM_NUMBER
from ..vocabulary.document import (
    AS_OF, AS_OF_YEAR_END, BRACKETED_YEAR_AT_END, HEADING_ENDINGS, NAME_SEPARATOR, NOT_A_SUBJECT_STARTS, OTHER_YEAR, PLACEHOLDER,
    OWN_UNITS_IN_TEXT, OWN_UNITS_SEPARATORS, PLACEHOLDER_IN_TEXT, PROSE_SUBJECT_BEFORE_YEAR, REFLEXIVE_WORDS, TRAILING_UNIT_QUALIFIER, UNIT_LIST_COLUMNS,
    UNIT_NAME_ENDINGS, UNIT_NAME_LINE, UNIT_SHORT_FORMS, YEAR_AT_END, YEAR_IN_LINE)
from ..document.cover import is_cover_page
from ..document.narrative import in_glossary
from ..document.statements import lines_above, match_title, title_qualifier
from .result import Verdict, not_applicable, tally

_MAX_LINE = 60
_MAX_HEADING = 40


@dataclass(frozen=True)
class Place:
    page: int | None
    what: str  # heading / 截至 / table title / sheet / cover / prose
    text: str
    value: str  # the year or the unit name it gives


def _is_heading(text: str) -> bool:
    return bool(PART_NUMBER.match(text) or ITEM_NUMBER.match(text) or SUBITEM_NUMBER.match(text)) \
        and len(text) <= _MAX_HEADING or text.endswith(HEADING_ENDINGS) and len(text) <= _MAX_HEADING


def _lines_above_grids(page: PageLayout) -> list[str]:
    """The distinct lines printed above the page's tables (titles, 编制 lines, （X 年度）)."""
    return list(dict.fromkeys(compact(line) for grid in page.grids for line in lines_above(page, grid)))


def stated_year(line: str) -> list[str]:
    """The year a title or heading states as its own: the bracketed year it ends with, else its
    one year; none where it names several and says none is its own (a year in a project's
    name: …（2021年…补助资金）项目绩效自评表 is no statement of the reporting year)."""
    last = BRACKETED_YEAR_AT_END.search(line)
    if last:
        return [last.group(1)]
    years = set(YEAR_IN_LINE.findall(line))
    return list(years) if len(years) == 1 else []


def year_places(pages: list[PageLayout], sheets: list[CheckedSheet]) -> list[Place]:
    """Every place that states the document's own year (see the module docstring)."""
    places: list[Place] = []
    for page in pages:
        titled = _lines_above_grids(page)
        for t in titled:
            if len(t) <= _MAX_LINE and not OTHER_YEAR.search(t):
                places += [Place(page.page_no, "table title", t, y) for y in stated_year(t)]
        for line in page.text_lines:
            t = compact(line.text)
            if t in titled or len(t) > _MAX_LINE or OTHER_YEAR.search(t) or "..." in t or "…" in t:
                continue
            if _is_heading(t) or is_cover_page(page):
                places += [Place(page.page_no, "cover" if is_cover_page(page) else "heading", t, y)
                           for y in stated_year(t)]
        text = compact("".join(ln.text for ln in page.text_lines))
        places += [Place(page.page_no, AS_OF, m.group(), m.group(1)) for m in AS_OF_YEAR_END.finditer(text)]
    for checked in sheets:
        sheet = checked.sheet
        if sheet.fiscal_year:
            places.append(Place(min(sheet.pages, default=None), "sheet", sheet.title or "", str(sheet.fiscal_year)))
    return places


def check_fiscal_year(year: int | None, places: list[Place]) -> Verdict:
    if year is None or not places:
        return not_applicable()
    fails = [f"p.{p.page} {p.what} {p.text[:40]!r} says {p.value}" for p in places if p.value != str(year)]
    if fails:
        fails.insert(0, f"the document's year is {year}")
    return tally(fails, len(places), summary=f"{year} ({len(places)} places)")


def _unit_like(name: str) -> bool:
    return name.endswith(UNIT_NAME_ENDINGS) or bool(PLACEHOLDER.search(name))


def unit_places(pages: list[PageLayout], sections: tuple[NarrativeSection, ...]) -> list[Place]:
    """Every place that names the publishing unit (see the module docstring)."""
    places: list[Place] = []
    for page in pages:
        titled = _lines_above_grids(page)
        for t in titled:
            if match_title(t):
                name = YEAR_AT_END.sub("", title_qualifier(t))
                if name and _unit_like(name):
                    places.append(Place(page.page_no, "table title", t, name))
            for m in UNIT_NAME_LINE.finditer(t):
                places.append(Place(page.page_no, "编制 line", t, m.group("name")))
        for line in page.text_lines:  # a heading naming a placeholder unit (第二部分 XX局…)
            t = compact(line.text)
            if t not in titled and _is_heading(t) and PLACEHOLDER.search(t):
                places.append(Place(page.page_no, "heading", t, t))
    for section in sections:
        if in_glossary(section):
            continue
        named: list[tuple[int, int]] = []
        for m in PROSE_SUBJECT_BEFORE_YEAR.finditer(section.text):
            name = m.group("name").strip()
            if _unit_like(name) and not name.startswith(NOT_A_SUBJECT_STARTS) and not _fragment(name):
                places.append(Place(section.page_at(m.start()), "prose", m.group().strip()[:40], name))
                named.append(m.span())
        for m in PLACEHOLDER_IN_TEXT.finditer(section.text):  # a placeholder anywhere else in it
            page = section.page_at(m.start())
            if any(a <= m.start() < b for a, b in named) or any(  # a title or heading already named
                    p.page == page and p.value in m.group() for p in places):
                continue
            places.append(Place(page, "prose", m.group(), m.group()))
    return places


def _fragment(name: str) -> bool:
    """Words of a sentence ending in a short form (组织对本部门), not a unit's name."""
    return any(name.endswith(short) and name != short for short in UNIT_SHORT_FORMS
               if short.startswith(REFLEXIVE_WORDS))


def _same_unit(name: str, unit: str) -> bool:
    """信访局 for 国家信访局, 上海市普陀区财政局 for 上海市普陀区财政局（本级）, 本部门 for any: a
    short form, or a name one ends with (a short form drops the front: the country, the city);
    not 上海市财政局 for 上海市普陀区财政局 (its district dropped) nor 普陀区财政 (clipped)."""
    name, unit = TRAILING_UNIT_QUALIFIER.sub("", name), TRAILING_UNIT_QUALIFIER.sub("", unit)
    return name in UNIT_SHORT_FORMS or unit.endswith(name) or name.endswith(unit)


def own_units(lines: tuple[StatementLine, ...], sections: tuple[NarrativeSection, ...] = ()) -> tuple[str, ...]:
    """The units a document lists as its own: the names of a 单位名称 column (决算单位构成), and
    those its prose lists (所属单位包括：A、B 和 C)."""
    names = [compact(ln.value_raw) for ln in lines if ln.column_path in UNIT_LIST_COLUMNS and ln.value_raw]
    for section in sections:
        for m in OWN_UNITS_IN_TEXT.finditer(section.text):
            names += [n for n in (compact(p) for p in OWN_UNITS_SEPARATORS.split(m.group("list")))
                      if n.endswith(UNIT_NAME_ENDINGS)]
    return tuple(dict.fromkeys(names))


def check_unit_name(unit: str | None, places: list[Place], own: tuple[str, ...] = ()) -> Verdict:
    fails = []
    if unit and PLACEHOLDER.search(unit):
        fails.append(f"the cover names a placeholder unit {unit!r}")
    for p in places:
        if PLACEHOLDER.search(p.value):
            fails.append(f"p.{p.page} {p.what} names a placeholder {p.value!r}")
        elif unit and not any(_same_unit(p.value, u) for u in (unit, *own)):
            fails.append(f"p.{p.page} {p.what} names {p.value!r}, the cover {unit!r}")
    if not unit and not fails:
        return not_applicable()
    return tally(fails, len(places) + 1, summary=f"{unit} (cover and {len(places)} places)")


def check_required_tables(tables: tuple[StatementTable, ...]) -> Verdict:
    standard = [t for t in tables if t.standard]
    printed = [t.table for t in standard if t.status != "missing"]
    if not printed:  # a document of sheets alone, or no 决算 at all
        return not_applicable()
    missing = [t.table for t in standard if t.status == "missing"]
    fails = [f"not printed: {NAME_SEPARATOR.join(missing)}"] if missing else []
    return tally(fails, len(standard), summary=f"all {len(printed)} standard tables printed")
