"""Reassemble a sheet's broken cells into logical rows.

Input is the common grid (datamodel.TableGrid) of every page of one sheet; nothing here knows
which PDF library made it. The grid already has its merged cells; what is left is:

* recognising columns by their header labels (labels.py), not by position;
* giving each indicator row the text of the level-1/level-2 cells that span it, including cells
  that continue from the previous page (empty or open at the top there);
* rows split by a page break: the two halves are joined (see ``_continues``);
* a sheet that continues on the next page with or without a repeated header row.

Columns on a continuation page are found by the x position of the header labels of the page
where they were printed, mapped into that page's own column edges.
"""

from __future__ import annotations

from dataclasses import dataclass

from .datamodel import GridCell, LogicalCell, LogicalRow, SheetRows, SheetTables, TableGrid
from .labels import (
    FUND_HEADER, FUND_HEADER_KEYS, GOAL_HEADER, INDICATOR_HEADER, INDICATOR_HEADER_KEYS,
    SHEET_FIELDS, is_total_label, match_role,
)
from .textnorm import compact

# Numbers sit on the row where their cell starts; a merged number cell is not copied down
# (it would be counted twice in the sums). Text cells that span rows belong to every row.
NUMERIC_ROLES = frozenset({"weight", "score", "initial_budget", "annual_budget", "executed",
                           "execution_rate"})
# Labels carried down to the following rows when their cell is empty (fill-down).
CARRIED_ROLES = ("level1", "level2")


@dataclass(frozen=True)
class _RowView:
    """One atomic row of one page's grid: the distinct cells that cover it, left to right."""

    grid: TableGrid
    grid_index: int
    row: int
    cells: tuple[GridCell, ...]

    @property
    def page_no(self) -> int:
        return self.grid.page_no

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def cell_at_x(self, x: float) -> GridCell | None:
        col = self.grid.col_at(x)
        return None if col is None else self.grid.cell_at(self.row, col)


@dataclass(frozen=True)
class _Header:
    """Column roles of a section, by the x-centre of their header cell."""

    centers: dict[str, float]
    left_edges: dict[str, float]


def _row_views(sheet: SheetTables) -> list[_RowView]:
    views = []
    for gi, grid in enumerate(sheet.grids):
        for r in range(grid.n_rows):
            cells = sorted({id(c): c for c in grid.cells if c.row <= r < c.row + c.row_span}.values(),
                           key=lambda c: c.col)
            views.append(_RowView(grid, gi, r, tuple(cells)))
    return views


def _read_header(view: _RowView, table: dict[str, tuple[str, ...]]) -> _Header:
    centers: dict[str, float] = {}
    left: dict[str, float] = {}
    for cell in view.cells:
        if cell.row != view.row:
            continue  # a side label spanning down into the header row
        role = match_role(cell.text, table)
        if role is not None and role not in centers:
            centers[role] = (cell.bbox[0] + cell.bbox[2]) / 2
            left[role] = cell.bbox[0]
    return _Header(centers, left)


def _is_header(view: _RowView, table: dict[str, tuple[str, ...]], keys: tuple[str, ...],
               needed: int = 2) -> bool:
    roles = {match_role(c.text, table) for c in view.cells}
    return sum(1 for k in keys if k in roles) >= needed


def _is_goal_header(view: _RowView) -> bool:
    roles = {match_role(c.text, GOAL_HEADER) for c in view.cells}
    return "expected" in roles and "actual" in roles


def _cells_by_role(view: _RowView, header: _Header) -> dict[str, GridCell]:
    found = {}
    for role, x in header.centers.items():
        cell = view.cell_at_x(x)
        if cell is not None:
            found[role] = cell
    return found


# --------------------------------------------------------------------------- sections


def _sections(views: list[_RowView]) -> dict[str, list[_RowView]]:
    """Split the row views into head / funds / goals / indicators / total, in print order."""
    parts: dict[str, list[_RowView]] = {k: [] for k in
                                        ("head", "fund_header", "funds", "goal_header", "goals",
                                         "indicator_header", "indicators", "total", "tail")}
    state = "head"
    for v in views:
        if _is_header(v, FUND_HEADER, FUND_HEADER_KEYS) and state in ("head", "funds"):
            if state == "head":
                parts["fund_header"].append(v)
            state = "funds"
            continue
        if _is_goal_header(v) and state in ("head", "funds", "goals"):
            if not parts["goal_header"]:
                parts["goal_header"].append(v)
            state = "goals"
            continue
        if _is_header(v, INDICATOR_HEADER, INDICATOR_HEADER_KEYS):
            if not parts["indicator_header"]:
                parts["indicator_header"].append(v)
            state = "indicators"  # a header repeated on a continuation page is skipped
            continue
        if state == "indicators" and any(is_total_label(c.text) for c in v.cells):
            parts["total"].append(v)
            state = "tail"
            continue
        parts[state].append(v)
    return parts


def _head_fields(views: list[_RowView]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for v in views:
        for i, cell in enumerate(v.cells):
            role = match_role(cell.text, SHEET_FIELDS)
            if role is None or role in fields:
                continue
            rest = [c for c in v.cells[i + 1:] if match_role(c.text, SHEET_FIELDS) is None]
            nxt = v.cells[i + 1] if i + 1 < len(v.cells) else None
            if nxt is not None and nxt in rest and nxt.text:
                fields[role] = nxt.text
    return fields


def _fund_unit(views: list[_RowView]) -> str:
    """万元 unless the funds block labels itself in 元."""
    for v in views:
        for cell in v.cells:
            t = compact(cell.text)
            if "（元）" in t or "(元)" in t or "单位：元" in t or "单位:元" in t:
                return "元"
    return "万元"


@dataclass
class _Group:
    """Atomic rows that make one logical row, with the cells found for each role."""

    key: tuple[int, int, int] | None
    views: list[_RowView]
    cells: dict[str, list[tuple[int, GridCell]]]  # role -> (page, cell), de-duplicated

    def add(self, view: _RowView, found: dict[str, GridCell], starting_only: frozenset[str]) -> None:
        self.views.append(view)
        for role, cell in found.items():
            if role in starting_only and cell.row != view.row:
                continue
            entries = self.cells.setdefault(role, [])
            if not any(c is cell for _, c in entries):
                entries.append((view.page_no, cell))

    def text(self, role: str) -> str:
        return "".join(c.text for _, c in self.cells.get(role, []))

    def first_cell(self, role: str) -> GridCell | None:
        entries = self.cells.get(role)
        return entries[0][1] if entries else None

    def last_cell(self, role: str) -> GridCell | None:
        entries = self.cells.get(role)
        return entries[-1][1] if entries else None

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({v.page_no for v in self.views}))

    def to_row(self, overrides: dict[str, str] | None = None) -> LogicalRow:
        out: dict[str, LogicalCell] = {}
        for role, entries in self.cells.items():
            out[role] = LogicalCell("".join(c.text for _, c in entries),
                                    tuple(sorted({p for p, _ in entries})))
        for role, text in (overrides or {}).items():
            pages = out[role].pages if role in out else self.pages
            out[role] = LogicalCell(text, pages)
        return LogicalRow(out, self.pages)


def _group_rows(views: list[_RowView], header: _Header, key_role: str,
                starting_only: frozenset[str]) -> list[_Group]:
    """Group atomic rows by the cell of the key column (one level-3 cell = one indicator)."""
    groups: list[_Group] = []
    for v in views:
        found = _cells_by_role(v, header)
        key_cell = found.get(key_role)
        key = (v.grid_index, key_cell.row, key_cell.col) if key_cell is not None else None
        if groups and key is not None and groups[-1].key == key:
            groups[-1].add(v, found, starting_only)
            continue
        if not any(c.text for c in found.values()):
            continue  # an empty ruled row
        g = _Group(key, [], {})
        g.add(v, found, starting_only)
        groups.append(g)
    return groups


def _continues(prev: _Group, nxt: _Group, key_role: str, numeric: tuple[str, ...]) -> bool:
    """Does ``nxt`` (first row on a new page) carry on ``prev`` (last row on the page before)?

    The numbers of a row (分值, 得分) are printed once, on one side of the break: when exactly
    one half has them, the halves are one row; when both have them, two rows. Only when neither
    has numbers do the rules decide (a cell left open at the break continues).
    """
    if prev.views[-1].grid_index == nxt.views[0].grid_index:
        return False
    has_prev = any(prev.text(r) for r in numeric)
    has_next = any(nxt.text(r) for r in numeric)
    if has_prev or has_next:
        return has_prev != has_next
    prev_key, next_key = prev.last_cell(key_role), nxt.first_cell(key_role)
    if (prev_key is not None and prev_key.open_bottom) or (next_key is not None and next_key.open_top):
        return True
    return not nxt.text(key_role)


def _merge(prev: _Group, nxt: _Group) -> _Group:
    cells = {role: list(entries) for role, entries in prev.cells.items()}
    for role, entries in nxt.cells.items():
        if role in CARRIED_ROLES and prev.text(role):
            continue  # the label cell continues; its text was printed on the first page
        cells.setdefault(role, []).extend(entries)
    return _Group(prev.key, prev.views + nxt.views, cells)


def _stitch(groups: list[_Group], key_role: str, numeric: tuple[str, ...]) -> list[_Group]:
    out: list[_Group] = []
    for g in groups:
        if out and _continues(out[-1], g, key_role, numeric):
            out[-1] = _merge(out[-1], g)
        else:
            out.append(g)
    return out


def _carry_labels(groups: list[_Group]) -> list[LogicalRow]:
    """Level-1/level-2 text for every indicator row, filling down empty or continued cells.

    A label cell that is open at a page break and printed in two parts (效益指 | 标) is one
    cell: the rows on both pages get the joined text.
    """
    resolved: list[dict[str, str]] = [{} for _ in groups]
    for role in CARRIED_ROLES:
        runs: list[tuple[list[int], str]] = []  # indices sharing one printed label, its text
        for i, g in enumerate(groups):
            text = g.text(role)
            cell = g.first_cell(role)
            prev_cell = groups[i - 1].last_cell(role) if i else None
            split_label = (runs and text and cell is not None and cell.open_top
                           and prev_cell is not None and prev_cell.open_bottom
                           and prev_cell is not cell)
            if runs and (not text or split_label or (prev_cell is cell)):
                idxs, label = runs[-1]
                if split_label:
                    label += text
                runs[-1] = (idxs + [i], label)
            else:
                runs.append(([i], text))
        for idxs, label in runs:
            for i in idxs:
                resolved[i][role] = label
    return [g.to_row(resolved[i]) for i, g in enumerate(groups)]


def _group_funds(views: list[_RowView], header: _Header) -> list[LogicalRow]:
    first = header.left_edges.get("initial_budget")
    if first is None:
        return []
    label_x = first - 2.0  # the fund label cell stands just left of the first amount column
    centers = dict(header.centers)
    centers["source"] = label_x
    fund_header = _Header(centers, header.left_edges)
    groups = _group_rows(views, fund_header, "source", NUMERIC_ROLES)
    groups = [g for g in groups if g.text("source") or any(g.text(r) for r in FUND_HEADER_KEYS)]
    groups = _stitch(groups, "source", FUND_HEADER_KEYS)
    return [g.to_row() for g in groups]


def _goals(views: list[_RowView], header: _Header) -> LogicalRow | None:
    if not views:
        return None
    g = _Group(None, [], {})
    for v in views:
        g.add(v, _cells_by_role(v, header), frozenset())
    return g.to_row()


def reassemble_cells(sheet: SheetTables) -> SheetRows:
    """The sheet's head fields, fund rows, goals, indicator rows and total row."""
    views = _row_views(sheet)
    parts = _sections(views)
    warnings: list[str] = []

    fund_header = _read_header(parts["fund_header"][0], FUND_HEADER) if parts["fund_header"] else None
    funds = _group_funds(parts["funds"], fund_header) if fund_header else []
    if fund_header is None:
        warnings.append("no funds header row (年初预算数/全年预算数/全年执行数) found")

    goals = None
    if parts["goal_header"]:
        goals = _goals(parts["goals"], _read_header(parts["goal_header"][0], GOAL_HEADER))

    indicators: list[LogicalRow] = []
    total = None
    if parts["indicator_header"]:
        header = _read_header(parts["indicator_header"][0], INDICATOR_HEADER)
        groups = _group_rows(parts["indicators"], header, "level3", frozenset({"weight", "score"}))
        groups = _stitch(groups, "level3", ("weight", "score"))
        indicators = _carry_labels(groups)
        if parts["total"]:
            total_group = _Group(None, [], {})
            for v in parts["total"]:
                total_group.add(v, _cells_by_role(v, header), frozenset())
            total = total_group.to_row()
    else:
        warnings.append("no indicator header row (一级指标/二级指标/三级指标) found")

    leftover = [t for v in parts["tail"] for t in v.texts() if compact(t)]
    if leftover:
        warnings.append(f"text after the total row not read: {''.join(leftover)[:60]}")

    return SheetRows(
        sheet_no=sheet.sheet_no,
        title=sheet.title,
        title_lines=sheet.title_lines,
        fields=_head_fields(parts["head"] + parts["fund_header"]),
        fund_unit=_fund_unit(parts["fund_header"] + parts["funds"]),
        funds=tuple(funds),
        goals=goals,
        indicators=tuple(indicators),
        total=total,
        pages=tuple(sorted({g.page_no for g in sheet.grids})),
        warnings=tuple(warnings),
    )


__all__ = ["reassemble_cells"]
