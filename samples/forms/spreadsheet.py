"""A spreadsheet export (layout form_c_spreadsheet_b4): the seed's grids with level-1/level-2
cells that do not wrap and clip their text at the cell's edge, the title on two lines, a running
header (title, date) and footer (第 N 页 共 M 页) close to the table (see the layout).
"""

from __future__ import annotations

from .drawing import Layout
from .seed import grid
from .sheets import title_lines


def _first_line(s: dict) -> str:
    return s["project_name"] or s["unit_name"]


def sheet_flow(s: dict, layout: Layout) -> list:
    """The project's (or unit's) name and the sheet's title on two lines, the year, the grid."""
    return title_lines([_first_line(s), s["title"]], f"（{s['year']}年度）", layout) + [grid(s, nowrap_levels=True)]


def printed_sheet(s: dict) -> dict:
    """The sheet's records as this form prints them: the two title lines are one title."""
    return {**s, "title": _first_line(s).replace(" ", "") + s["title"]}
