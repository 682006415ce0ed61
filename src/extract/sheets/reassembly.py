"""Reassemble a sheet's broken cells into logical rows.

Input is the common grid (datamodel.TableGrid) of every page of one sheet; nothing here knows
which PDF library made it. The grid already has its merged cells; what is left is:

* finding the sheet's blocks (head fields, funds, goals, indicators, total, grade) by the
  vocabulary of their header labels (labels.py), never by position or one form's wording;
* reading a header that is one or two rows deep (预算安排 over 年初… | 年中调整 | 小计; 全年预算数
  over 总额 | 财政拨款 | 其他资金) into columns with a role, or kept as an extra column;
* giving each indicator row the text of the level-1/level-2 cells that span it, including cells
  that continue from the previous page (empty or open at the top there), and a label whose text
  the page break cut in two (满意度指 | 标);
* rows split by a page break: the two halves are joined (see ``_continues``);
* a sheet that continues on the next page with or without a repeated header row.

Columns on a continuation page are found by the x position of the header labels of the page
where they were printed, mapped into that page's own column edges. What cannot be placed (a
header label outside the vocabulary, text under no known column) is named in the sheet's
``layout_warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..datamodel import (EXTRA_ROLE, GridCell, LogicalCell, LogicalRow, PieceBox, SheetRows, SheetTables,
                        TableGrid, UnplacedCell, box_text)
from ..labels import (
    header_roles, is_block_label, is_grade_label, is_indicator_header, is_known_fund_extra, is_level_label,
    is_page_furniture, is_total_label, is_unit_line, is_whole_column, is_year_line, label_key, match_role,
    sheet_kind_of_title,
)
from ..normalize import parse_decimal
from ..textnorm import compact
from ..vocabulary.sheets import (
    FUND_HEADER, FUND_HEADER_KEYS, FUND_TEXT_ROLES, SUB_ROW_MARKS, FUND_UNIT_YUAN_MARKS, GOAL_HEADER, INDICATOR_HEADER, LEVEL_LABEL_SUFFIX,
    SHEET_FIELDS, VALUE_PARTS,
)
from ..vocabulary.values import PRINTED_DIGIT, WAN_YUAN, YUAN
from .inference import InferredRole, infer_roles

# Numbers sit on the row where their cell starts; a merged number cell is not copied down
# (it would be counted twice in the sums). Text cells that span rows belong to every row.
NUMERIC_ROLES = frozenset({"weight", "score", "initial_budget", "annual_budget", "executed",
                           "execution_rate"})
# Labels carried down to the following rows when their cell is empty (fill-down).
CARRIED_ROLES = ("level1", "level2")
# Text cells a form may merge over rows that say the same (one 指标值设定依据 for three
# indicators); across a page break their text is carried by the rules (``_carry_cut_cells``).
SPANNING_TEXT_ROLES = ("target", "target_op", "target_unit", "actual", "actual_op", "actual_unit",
                       "deviation", "basis")


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


@dataclass
class _Header:
    """Column roles of a section, by the x-centre of their header column."""

    centers: dict[str, float] = field(default_factory=dict)
    left_edges: dict[str, float] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # header labels outside the vocabulary
    labels: dict[str, str] = field(default_factory=dict)  # role -> its printed label

    def add(self, role: str, box: tuple[float, float, float, float], label: str = "") -> None:
        self.centers[role] = (box[0] + box[2]) / 2
        self.left_edges[role] = box[0]
        self.labels[role] = label

    def add_extra(self, label: str, box: tuple[float, float, float, float]) -> None:
        """A column kept under its printed label (funds) and reported."""
        self.add(EXTRA_ROLE + label, box, label)
        self.unknown.append(label)


def _row_views(sheet: SheetTables) -> list[_RowView]:
    views = []
    for gi, grid in enumerate(sheet.grids):
        by_row: list[dict[int, GridCell]] = [{} for _ in range(grid.n_rows)]
        for c in grid.cells:  # each cell into the rows it spans (not every cell asked per row)
            for r in range(max(c.row, 0), min(c.row + c.row_span, grid.n_rows)):
                by_row[r].setdefault(id(c), c)
        for r, cells in enumerate(by_row):
            views.append(_RowView(grid, gi, r, tuple(sorted(cells.values(), key=lambda c: c.col))))
    return views


def _is_fund_header(view: _RowView) -> bool:
    roles = header_roles(view.texts(), FUND_HEADER)
    return sum(1 for k in FUND_HEADER_KEYS if k in roles) >= 2


def _is_goal_header(view: _RowView) -> bool:
    roles = header_roles(view.texts(), GOAL_HEADER)
    return "expected" in roles and "actual" in roles


def _has_digits(view: _RowView) -> bool:
    return any(ch.isdigit() for c in view.cells for ch in c.text)


# --------------------------------------------------------------------------- header bands


def _header_band(views: list[_RowView], at: int, unassigned: list[_RowView]) -> list[_RowView]:
    """The header row at ``at`` with the rows that belong to it: a parent row above whose cells
    group several header columns (预算安排 over three), and sub-header rows below that split a
    header cell (总额 | 财政拨款 | 其他资金 under 全年预算数). A parent row is one no block has
    claimed (``unassigned``): a goal text above an indicator header is not its parent."""
    row = views[at]
    band = [row]
    up = at - 1
    while (up >= 0 and views[up].grid is row.grid and not _has_digits(views[up])
           and any(views[up] is u for u in unassigned)):
        above = views[up]
        groups = any(c.row == above.row and c.row + c.row_span <= row.row
                     and sum(1 for h in row.cells if h.row == row.row
                             and c.bbox[0] - 1 <= h.bbox[0] and h.bbox[2] <= c.bbox[2] + 1) >= 2
                     for c in above.cells)
        if not groups or any(match_role(c.text, SHEET_FIELDS) for c in above.cells):
            break
        band.insert(0, above)
        up -= 1
    down = at + 1
    while down < len(views) and views[down].grid is row.grid and not _has_digits(views[down]):
        below = views[down]
        starting = [c for c in below.cells if c.row == below.row and c.text]
        if not starting or not all(_splits_header(c, band[-1]) for c in starting):
            break
        band.append(below)
        down += 1
    return band


def _splits_header(cell: GridCell, header: _RowView) -> bool:
    """Does ``cell`` lie under a wider header cell (a sub-header), not under one of its size?"""
    return any(h.bbox[0] - 1 <= cell.bbox[0] and cell.bbox[2] <= h.bbox[2] + 1
               and h.col_span > cell.col_span for h in header.cells)


def _read_header(band: list[_RowView], table: dict[str, tuple[str, ...]]) -> _Header:
    """Columns of a header band, each with its path of header cells from the top.

    A column's role comes from its lowest label, or from its parent's when the lowest label
    only says "the whole of it" (总额, 小计 under 全年预算数) or is itself a part of the parent
    (指标值 under 实际完成值). A column whose labels are outside the vocabulary is kept as an
    extra column under its printed label, and reported when it is not a block's side label.
    """
    grid = band[0].grid
    columns: list[tuple[list[GridCell], tuple[float, float, float, float]]] = []
    for c in range(grid.n_cols):
        path: list[GridCell] = []
        for view in band:
            cell = grid.cell_at(view.row, c)
            if cell is not None and (not path or path[-1] is not cell):
                path.append(cell)
        if columns and [id(p) for p in columns[-1][0]] == [id(p) for p in path]:
            continue
        box = path[-1].bbox if path else (grid.col_edges[c], 0, grid.col_edges[c + 1], 0)
        columns.append((path, box))
    header = _Header()
    parts: list[tuple[str, tuple[float, float, float, float], str]] = []  # op / unit columns
    for path, box in columns:
        labelled = [p for p in path if compact(p.text)]
        if not labelled:
            continue
        if labelled[0].col == 0 and labelled[0].row_span > len(band):
            continue  # a block's side label spanning down the rows (绩效指标, 项目资金（万元）)
        if is_block_label(labelled[0].text):
            if len(labelled) == 1:
                continue  # the block's side label, in the header rows only
            labelled = labelled[1:]  # 绩效指标 over 一级指标 | 二级指标 | 三级指标: the children keep their roles
        role = _column_role([p.text for p in labelled], table)
        label = "/".join(compact(p.text) for p in labelled
                         if match_role(p.text, table) is not None or p is labelled[-1])
        if role in VALUE_PARTS:
            parts.append((VALUE_PARTS[role], box, label))  # placed by position, below
        elif role is not None and role not in header.centers:
            header.add(role, box, label)
        else:
            header.add_extra(label, box)
    _attach_value_parts(header, parts)
    return header


def _column_role(path: list[str], table: dict[str, tuple[str, ...]]) -> str | None:
    leaf = match_role(path[-1], table)
    parent = next((r for r in (match_role(t, table) for t in reversed(path[:-1])) if r), None)
    if parent is not None:
        if is_whole_column(path[-1]):
            return parent
        if parent in ("target", "actual"):
            if leaf in ("target", "actual"):
                return parent
            if leaf in VALUE_PARTS:
                return f"{parent}_{VALUE_PARTS[leaf]}"
        if leaf is None:
            return None
    return leaf


def _attach_value_parts(header: _Header,
                        parts: list[tuple[str, tuple[float, float, float, float], str]]) -> None:
    """An operator column goes with the value column on its right, a unit column with the
    value column on its left, so an actual value may have a unit column of its own. A part
    whose value already has one is kept as an extra column; one with no value is not read."""
    values = sorted((x, role) for role, x in header.centers.items() if role in ("target", "actual"))
    for suffix, box, label in parts:
        x = (box[0] + box[2]) / 2
        if suffix == "op":
            owner = next((r for vx, r in values if vx > x), None)
        else:
            owner = next((r for vx, r in reversed(values) if vx < x), None)
        if owner is None:
            continue
        if f"{owner}_{suffix}" in header.centers:
            header.add_extra(label, box)
        else:
            header.add(f"{owner}_{suffix}", box)


def _cells_by_role(view: _RowView, header: _Header) -> dict[str, GridCell]:
    found = {}
    for role, x in header.centers.items():
        cell = view.cell_at_x(x)
        if cell is not None:
            found[role] = cell
    return found


# --------------------------------------------------------------------------- sections


@dataclass
class _Sections:
    head: list[_RowView] = field(default_factory=list)
    fund_band: list[_RowView] = field(default_factory=list)
    funds: list[_RowView] = field(default_factory=list)
    goal_header: list[_RowView] = field(default_factory=list)
    goals: list[_RowView] = field(default_factory=list)
    indicator_band: list[_RowView] = field(default_factory=list)
    indicators: list[_RowView] = field(default_factory=list)
    total: list[_RowView] = field(default_factory=list)
    grade: list[_RowView] = field(default_factory=list)
    tail: list[_RowView] = field(default_factory=list)
    repeated_headers: list[_RowView] = field(default_factory=list)  # header rows printed again
    goal_rows: list[tuple[str, _RowView, GridCell]] = field(default_factory=list)  # labelled on the left

    def take_header(self, block: str, band: list[_RowView]) -> None:
        """A block's first header band is its header (``block``: fund_band, goal_header,
        indicator_band); one printed again on a continuation page is a repeated header."""
        if getattr(self, block):
            self.repeated_headers += band
            return
        setattr(self, block, band)
        self.head = [h for h in self.head if all(h is not b for b in band)]


def _goal_label(view: _RowView) -> tuple[str, GridCell] | None:
    """(role, value cell) of a goal row labelled on its left (年初目标 | text), past any side
    label; None for any other row (a goal header prints both labels in one row)."""
    printed = [c for c in view.cells if c.text.strip()]
    if not 2 <= len(printed) <= 3:  # label and text, perhaps beside a side label: cheap to rule out
        return None
    cells = [c for c in printed if not is_block_label(c.text)]
    if len(cells) != 2:
        return None
    role = match_role(cells[0].text, GOAL_HEADER)
    if role is None or cells[0].row != view.row or match_role(cells[1].text, GOAL_HEADER) is not None:
        return None
    return role, cells[1]


def _continues_header(view: _RowView, band: list[_RowView], rows_read: list[_RowView]) -> bool:
    """The first row of the next page's grid, under a header band the page break cut before
    any row under it was printed, holding no number: the rest of the header's wrapped labels
    (…③=① | +②), not a row."""
    return (bool(band) and not rows_read and view.row == 0 and view.grid is not band[-1].grid
            and not any(PRINTED_DIGIT.search(c.text) for c in view.cells))


def _is_label_row(view: _RowView, header: _RowView | None = None) -> bool:
    """A row whose every printed cell is a block's side label, an indicator header label, or a
    cell that goes on down into the ``header`` row below (a header cell two rows deep, whatever
    its label says)."""
    cells = [c for c in view.cells if compact(c.text)]
    return bool(cells) and all(
        is_block_label(c.text) or match_role(c.text, INDICATOR_HEADER)
        or (header is not None and view.grid is header.grid and c.row + c.row_span > header.row)
        for c in cells)


def _is_block_label_row(view: _RowView) -> bool:
    """A row printing one cell across the table whose text is a block's side label."""
    cells = [c for c in view.cells if compact(c.text)]
    return (len(cells) == 1 and cells[0].col == 0 and cells[0].col_span == view.grid.n_cols
            and is_block_label(cells[0].text))


def _sections(views: list[_RowView]) -> _Sections:
    """Split the row views into the sheet's blocks, in print order."""
    parts = _Sections()
    state = "head"
    skip: set[int] = set()  # ids of the views read as part of a header band
    for i, v in enumerate(views):
        if id(v) in skip:
            continue
        if _is_block_label_row(v):
            continue  # a full-width 年度总体目标 / 年度绩效指标完成情况 row heads a block, holds no value
        if state in ("head", "funds", "goals") and _is_fund_header(v):
            band = _header_band(views, i, parts.head)
            parts.take_header("fund_band", band)
            skip.update(id(b) for b in band)
            state = "funds"
            continue
        if state == "funds" and _continues_header(v, parts.fund_band, parts.funds):
            parts.repeated_headers.append(v)  # the header's wrapped labels, cut by the break
            continue
        labelled = _goal_label(v) if state in ("head", "funds", "goals") else None
        if labelled is not None:  # 年初目标 | text, 实际完成情况 | text: a goal labelled on its left
            parts.goal_rows.append((labelled[0], v, labelled[1]))
            state = "goals"
            continue
        if _is_goal_header(v) and state in ("head", "funds", "goals"):
            parts.take_header("goal_header", [v])
            state = "goals"
            continue
        if is_indicator_header(v.texts()):
            # A row of labels just above the header (绩效指标 over 一级/二级/三级) may have been
            # taken for a goal row, or, above a header repeated on a continuation page, for an
            # indicator row; a goal text is never a parent.
            labels_above = [g for g in parts.goals[-1:] + parts.indicators[-1:] if _is_label_row(g, v)]
            band = _header_band(views, i, parts.head + labels_above)
            parts.goals = [g for g in parts.goals if all(g is not b for b in band)]
            parts.indicators = [g for g in parts.indicators if all(g is not b for b in band)]
            parts.take_header("indicator_band", band)
            skip.update(id(b) for b in band)
            state = "indicators"  # a header repeated on a continuation page is skipped
            continue
        if state in ("indicators", "total", "tail") and any(
                is_grade_label(c.text) for c in v.cells if c.row == v.row):
            parts.grade.append(v)
            continue
        if state == "indicators" and any(is_total_label(c.text) for c in v.cells):
            parts.total.append(v)
            state = "total"
            continue
        if state == "total":
            state = "tail"
        getattr(parts, state).append(v)
    return parts


def _head_fields(views: list[_RowView]) -> tuple[dict[str, str], dict[str, tuple[PieceBox, ...]]]:
    """The head fields (项目名称 …) by role, and the box of each value cell."""
    fields: dict[str, str] = {}
    boxes: dict[str, tuple[PieceBox, ...]] = {}
    for v in views:
        for i, cell in enumerate(v.cells):
            role = match_role(cell.text, SHEET_FIELDS)
            if role is None or role in fields:
                continue
            nxt = v.cells[i + 1] if i + 1 < len(v.cells) else None
            if nxt is not None and nxt.text and match_role(nxt.text, SHEET_FIELDS) is None:
                fields[role] = nxt.text
                boxes[role] = (PieceBox(v.page_no, *nxt.bbox),)
    return fields, boxes


def _fund_unit(views: list[_RowView]) -> str:
    """万元 unless the funds block labels itself in 元."""
    for v in views:
        for cell in v.cells:
            t = compact(cell.text)
            if any(mark in t for mark in FUND_UNIT_YUAN_MARKS):
                return YUAN
    return WAN_YUAN


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
                                    tuple(sorted({p for p, _ in entries})),
                                    tuple(PieceBox(p, *c.bbox) for p, c in entries))
        for role, text in (overrides or {}).items():
            # A carried label keeps the box of the merged cell this row lies in.
            old = out.get(role)
            out[role] = LogicalCell(text, old.pages if old else self.pages, old.boxes if old else ())
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
    if compact(nxt.text(key_role)).startswith(SUB_ROW_MARKS):
        return False  # 其中：当年财政拨款 begins a row of its own, never the rest of one
    has_prev = any(prev.text(r) for r in numeric)
    has_next = any(nxt.text(r) for r in numeric)
    if has_prev or has_next:
        return has_prev != has_next
    prev_key, next_key = prev.last_cell(key_role), nxt.first_cell(key_role)
    if (prev_key is not None and prev_key.open_bottom) or (next_key is not None and next_key.open_top):
        return True
    return not nxt.text(key_role)


def _rest_of_label(label: str, text: str) -> bool:
    """The level cell of one indicator row cut by a page break prints ``text`` on the new
    page: a row has one level label, so it is the rest of ``label`` — unless it repeats the
    label (a producer that prints a merged cell's text on every page) or is a label of its own."""
    return bool(compact(text)) and compact(text) != compact(label) and not (
        is_level_label(label) and is_level_label(text))


def _merge(prev: _Group, nxt: _Group) -> _Group:
    cells = {role: list(entries) for role, entries in prev.cells.items()}
    for role, entries in nxt.cells.items():
        if role in CARRIED_ROLES and prev.text(role) and not _rest_of_label(prev.text(role), nxt.text(role)):
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


def _label_cut_by_break(label: str, text: str) -> bool | None:
    """Is ``text`` the rest of ``label``, cut off by a page break that closed the cell's rules
    (满意度指 | 标)? The vocabulary of level labels decides; None where it cannot (neither
    part nor their join is a label it knows)."""
    if is_level_label(label + text):
        return True
    if is_level_label(text) or is_level_label(label):
        return False
    if len(text) <= 2 and label_key(label + text).endswith(LEVEL_LABEL_SUFFIX) and not label.endswith(LEVEL_LABEL_SUFFIX):
        return True
    return None


def _top_rule_drawn(view: _RowView) -> bool:
    """Is the top rule of a grid's first row drawn over some of its cells? Then a cell left
    open there is one the producer left open on purpose: a merged cell carried over the break.
    (A grid whose whole top rule is missing says nothing of any one cell.)"""
    return any(not c.open_top for c in view.cells if c.row == 0)


def _carry_cut_cells(groups: list[_Group], resolved: list[dict[str, str]]) -> list[str]:
    """Text cells merged over several rows and cut by a page break (one 指标值设定依据 for the
    last row of a page and the first of the next, printed on the first page only).

    A row cut by the break goes on over it with every cell: a row sharing that row's cell on
    the new page shares the merged cell, and its text. A cell left open at the foot of a page,
    above an empty cell left open at the top of the next, is one cell when the next page's top
    rule is drawn over other cells: its text goes to
    the rows on both pages, as a merged cell's text does within a page. Where the rules cannot
    tell a continued cell from an empty one (the break closes every cell, as Word draws it, or
    the whole top rule is missing), the text is not carried; when every other row of the sheet
    prints text in that column (a value, a deviation or a basis), the empty cell is named in the
    returned doubts.
    """
    doubts: list[str] = []
    carried: dict[int, str] = {}  # id of a continuation cell -> the text it carries
    filled = {role: sum(1 for g in groups if compact(g.text(role))) for role in SPANNING_TEXT_ROLES}
    for i, g in enumerate(groups):
        for role in SPANNING_TEXT_ROLES:
            below = g.first_cell(role)
            if below is None or compact(below.text):
                continue
            if id(below) in carried:  # a later row under the same continuation cell
                resolved[i][role] = carried[id(below)]
                continue
            if not i:
                continue
            prev = groups[i - 1]
            above = prev.last_cell(role)
            text = resolved[i - 1].get(role, prev.text(role))
            if above is None or not compact(text):
                continue
            if above is below and len({v.grid_index for v in prev.views}) > 1:
                # The row above was cut by the break, so each of its cells goes on over it; this
                # row shares that cell's part on the new page: one merged cell, whatever the rules.
                carried[id(below)] = resolved[i][role] = text
                continue
            if prev.views[-1].grid_index == g.views[0].grid_index:
                continue
            if above.open_bottom and below.open_top and _top_rule_drawn(g.views[0]):
                carried[id(below)] = resolved[i][role] = text
            elif filled[role] == len(groups) - 1 and not role.endswith(("_op", "_unit")):
                # (An operator or unit column is empty where a value is qualitative: no doubt.)
                doubts.append(f"page {g.views[0].page_no}: the empty {role} cell at {box_text(below.bbox)} "
                              f"may continue {compact(text)[:40]!r} from the page before (the break's "
                              "rules do not say): not carried")
    return doubts


def _carry_labels(groups: list[_Group]) -> tuple[list[LogicalRow], list[str]]:
    """Level-1/level-2 text for every indicator row, filling down empty or continued cells;
    text cells merged over a page break (``_carry_cut_cells``), with the doubts it leaves.

    A label cell printed in two parts over a page break (效益指 | 标) is one cell: the rows on
    both pages get the joined text. The rules say so where the cell is left open at the break;
    where the break closes it, the vocabulary of level labels does.
    """
    resolved: list[dict[str, str]] = [{} for _ in groups]
    doubts: list[str] = []
    for role in CARRIED_ROLES:
        runs: list[tuple[list[int], str]] = []  # indices sharing one printed label, its text
        for i, g in enumerate(groups):
            text = g.text(role)
            cell = g.first_cell(role)
            prev_cell = groups[i - 1].last_cell(role) if i else None
            at_break = (prev_cell is not None and cell is not None and prev_cell is not cell
                        and groups[i - 1].views[-1].grid_index != g.views[0].grid_index)
            split_label = False
            if runs and text and at_break:
                cut = (cell.open_top and prev_cell.open_bottom) or _label_cut_by_break(runs[-1][1], text)
                split_label = bool(cut)
                if cut is None:
                    doubts.append(f"page {g.views[0].page_no}: the {role} cell {compact(text)[:40]!r} at "
                                  f"{box_text(cell.bbox)} may be the rest of {compact(runs[-1][1])[:40]!r} "
                                  "cut by the page break (the break's rules do not say): read as a label of its own")
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
    doubts += _carry_cut_cells(groups, resolved)
    return [g.to_row(resolved[i]) for i, g in enumerate(groups)], doubts


def _group_funds(views: list[_RowView], header: _Header) -> list[LogicalRow]:
    amounts = [header.left_edges[k] for k in FUND_HEADER_KEYS if k in header.left_edges]
    if not amounts:
        return []
    centers = dict(header.centers)
    if not centers.get("source", float("inf")) < min(amounts):
        # No labelled source column left of the amounts: the fund label cell stands just left
        # of the first amount column.
        centers["source"] = min(amounts) - 2.0
    fund_header = _Header(centers, header.left_edges)
    groups = _group_rows(views, fund_header, "source", NUMERIC_ROLES)
    for g in groups:
        for role in FUND_TEXT_ROLES:
            # A 合计 label merged across the text columns is the row's label, not its content.
            if any(c is g.first_cell("source") for _, c in g.cells.get(role, [])):
                del g.cells[role]
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


def _total(views: list[_RowView], header: _Header) -> LogicalRow:
    """The 总分 row; one merged cell under both 分值 and 得分 is the score (评价总分)."""
    g = _Group(None, [], {})
    for v in views:
        found = _cells_by_role(v, header)
        if found.get("weight") is not None and found.get("weight") is found.get("score"):
            del found["weight"]
        g.add(v, found, frozenset())
    return g.to_row()


def _grade(views: list[_RowView]) -> str | None:
    for v in views:
        cells = [c for c in v.cells if c.row == v.row and compact(c.text)]
        for i, c in enumerate(cells):
            if is_grade_label(c.text) and i + 1 < len(cells):
                return "".join(compact(x.text) for x in cells[i + 1:])
    return None


# --------------------------------------------------------------------------- every cell accounted for


def _infer_unknown_columns(header: _Header, rows: list[_RowView], total: list[_RowView],
                           funds: list[LogicalRow]) -> list[InferredRole]:
    """Give the indicator columns headed by labels outside the vocabulary the roles their cells
    show (``inference.infer_roles``); ``header`` is changed in place. The funds' 分值 and 得分
    may be part of the 总分."""
    extras = {role[len(EXTRA_ROLE):]: x for role, x in header.centers.items() if role.startswith(EXTRA_ROLE)}
    if not extras:
        return []

    def column(x: float) -> list[str | None]:
        cells = [v.cell_at_x(x) for v in rows]
        return [c.text if c is not None and c.row == v.row else None for c, v in zip(cells, rows)]

    def total_text(x: float) -> str | None:
        cell = total[0].cell_at_x(x) if total else None
        return cell.text if cell is not None else None

    known = {role: column(x) for role, x in header.centers.items()
             if role in ("weight", "score", "target", "actual", "deviation", "basis")}
    totals = {label: total_text(x) for label, x in extras.items()}
    if "score" in header.centers:
        totals["score"] = total_text(header.centers["score"])

    def printed(role: str) -> tuple:
        return tuple(v for v in (parse_decimal(f.text(role)) for f in funds) if v is not None)

    found = infer_roles({label: column(x) for label, x in extras.items()}, known, totals,
                        printed("weight"), printed("score"))
    for f in found:
        old = EXTRA_ROLE + f.label
        header.centers[f.role] = header.centers.pop(old)
        header.left_edges[f.role] = header.left_edges.pop(old)
        header.labels[f.role] = header.labels.pop(old, f.label)
        header.unknown.remove(f.label)
    return found


def _is_recognised_label(text: str) -> bool:
    """A cell the vocabulary names as a label of the sheet, not a value: a head field's label,
    a block's side label, the 总分 or 评价等级 label, a title, year or unit line printed as a
    cell, page furniture (but never a bare number: in a grid it is a value, a 分值 in a column
    the reader did not read, not a page number)."""
    return bool(match_role(text, SHEET_FIELDS) or is_block_label(text) or is_total_label(text)
                or is_grade_label(text) or sheet_kind_of_title(text) or is_year_line(text)
                or is_unit_line(text) or (is_page_furniture(text) and parse_decimal(text) is None))


def _continued_side_labels(sheet: SheetTables) -> set[int]:
    """Side-label cells a page break cut in two (项目资金（万 | 元）): the first-column cell at the
    top of a grid whose text completes the first-column cell at the foot of the grid before
    into a block's side label. Their text is a label, not a value."""
    out = set()
    for before, after in zip(sheet.grids, sheet.grids[1:]):
        last = before.cell_at(before.n_rows - 1, 0)
        first = after.cell_at(0, 0)
        if last is None or first is None or not compact(first.text):
            continue
        if is_block_label(compact(last.text) + compact(first.text)) or (
                is_block_label(last.text) and last.open_bottom and first.open_top):
            out.add(id(first))
    return out


def _account_cells(sheet: SheetTables, labels: list[_RowView], read: list[LogicalRow],
                   field_boxes: dict[str, tuple[PieceBox, ...]]) -> tuple[int, tuple[UnplacedCell, ...]]:
    """How many cells the sheet prints, and those that ended nowhere.

    A printed cell is placed when a record holds it (a value, joined or carried, of a fund,
    goal, indicator or total row, or a head field), when it is a cell of a header band or of a
    row whose whole text a record keeps (``labels``: 评价等级), or when the vocabulary names it
    as a label. Cells are known by page and box: a value's boxes are its cells' boxes.
    """
    held = {(b.page, b.x0, b.y0, b.x1, b.y1) for row in read for cell in row.cells.values() for b in cell.boxes}
    held |= {(b.page, b.x0, b.y0, b.x1, b.y1) for boxes in field_boxes.values() for b in boxes}
    label_cells = {id(c) for v in labels for c in v.cells} | _continued_side_labels(sheet)
    printed, unplaced = 0, []
    for grid in sheet.grids:
        for cell in grid.cells:
            text = compact(cell.text)
            if not text:
                continue
            printed += 1
            if (grid.page_no, *cell.bbox) in held or id(cell) in label_cells or _is_recognised_label(text):
                continue
            unplaced.append(UnplacedCell(grid.page_no, cell.bbox, text))
    return printed, tuple(unplaced)


def reassemble_cells(sheet: SheetTables) -> SheetRows:
    """The sheet's head fields, fund rows, goals, indicator rows, total and grade."""
    views = _row_views(sheet)
    parts = _sections(views)
    warnings: list[str] = []
    layout: list[str] = []

    fund_header = _read_header(parts.fund_band, FUND_HEADER) if parts.fund_band else None
    funds = _group_funds(parts.funds, fund_header) if fund_header else []
    if fund_header is None:
        warnings.append("no funds header row (年初预算数/全年预算数/全年执行数) found")
    else:
        layout += [f"funds column {u!r} is not a known label: kept in extra_values"
                   for u in fund_header.unknown if not is_known_fund_extra(u)]

    goals = None
    if parts.goal_header:
        goals = _goals(parts.goals, _read_header(parts.goal_header, GOAL_HEADER))
    elif parts.goal_rows:
        labelled = _Group(None, [], {})
        for role, view, cell in parts.goal_rows:
            labelled.add(view, {role: cell}, frozenset())
        goals = labelled.to_row()

    indicators: list[LogicalRow] = []
    doubtful: list[str] = []
    total = None
    if parts.indicator_band:
        header = _read_header(parts.indicator_band, INDICATOR_HEADER)
        for found in _infer_unknown_columns(header, parts.indicators, parts.total, funds):
            note = (f"indicator column {found.label!r} is not a known label: read as {found.role}, "
                    f"{'proven by the sheet sums' if found.proven else 'from the look of its cells'}")
            (layout if found.proven else doubtful).append(note)
        layout += [f"indicator column {u!r} is not a known label: not read" for u in header.unknown]
        for role in [r for r in header.centers if r.startswith(EXTRA_ROLE)]:
            del header.centers[role]
        groups = _group_rows(parts.indicators, header, "level3", frozenset({"weight", "score"}))
        groups = _stitch(groups, "level3", ("weight", "score"))
        indicators, carried_doubts = _carry_labels(groups)
        doubtful += carried_doubts
        if parts.total:
            total = _total(parts.total, header)
    else:
        warnings.append("no indicator header row (一级指标/二级指标/三级指标) found")

    leftover = [t for v in parts.tail for t in v.texts() if compact(t)]
    if leftover:
        warnings.append(f"text after the total row not read: {''.join(leftover)[:60]}")
        layout.append(f"text after the total row not read: {''.join(leftover)[:60]}")

    fields, field_boxes = _head_fields(parts.head + parts.fund_band)
    read = [*funds, *([goals] if goals else []), *indicators, *([total] if total else [])]
    bands = (parts.fund_band + parts.goal_header + parts.indicator_band + parts.repeated_headers + parts.grade
             + [view for _, view, _ in parts.goal_rows])
    printed, unplaced = _account_cells(sheet, bands, read, field_boxes)
    layout += [cell.describe() for cell in unplaced] + doubtful
    return SheetRows(
        sheet_no=sheet.sheet_no,
        title=sheet.title,
        # A year printed as a cell of the head (a title in the grid whose year row the page
        # break pushed to the next page) names the sheet's year as a year line does.
        title_lines=sheet.title_lines + tuple(c.text for v in parts.head for c in v.cells
                                              if c.row == v.row and is_year_line(c.text)),
        fields=fields,
        field_boxes=field_boxes,
        boxes=tuple(PieceBox(g.page_no, *g.bbox) for g in sheet.grids),
        fund_unit=_fund_unit(parts.fund_band + parts.funds),
        funds=tuple(funds),
        goals=goals,
        indicators=tuple(indicators),
        total=total,
        grade=_grade(parts.grade),
        pages=tuple(sorted({g.page_no for g in sheet.grids})),
        warnings=tuple(warnings),
        layout_warnings=tuple(dict.fromkeys(layout)),
        cells_printed=printed,
        unplaced=unplaced,
        fund_source_label=fund_header.labels.get("source", "") if fund_header else "",
        doubtful=tuple(doubtful),
    )


__all__ = ["reassemble_cells"]
