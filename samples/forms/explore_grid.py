"""A grid composed block by block in fractions of the table's width (samples/forms/explore.py).

Each block of a 自评表 (unit rows, funds, goals, indicators, total) lays out its own columns; the
grid's columns are the union of every block's boundaries, as a spreadsheet's are, and a cell
spans the columns between its two boundaries. A boundary closer than ``SNAP`` to one already
placed is moved onto it (so that blocks share rules where a person drawing the form would have
aligned them), unless that would make a cell too narrow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .drawing import Cell, Table

SNAP = 0.012
MIN_WIDTH = 0.02


@dataclass
class Placed:
    row: int
    x0: float
    x1: float
    text: str
    rowspan: int = 1
    align: str = "center"
    bold: bool = False
    nowrap: bool = False
    fill_only: bool = False


@dataclass
class Grid:
    cells: list[Placed] = field(default_factory=list)
    bounds: list[float] = field(default_factory=lambda: [0.0, 1.0])
    n_rows: int = 0
    blocks: dict[int, str] = field(default_factory=dict)  # row -> the block it belongs to

    def snap(self, xs: list[float]) -> list[float]:
        """A block's boundaries (increasing, 0 … 1), each moved onto a boundary already placed
        when one is near and the block's own columns stay wide enough; all are then placed."""
        out: list[float] = []
        for i, x in enumerate(xs):
            near = min(self.bounds, key=lambda b: abs(b - x))
            y = near if abs(near - x) <= SNAP else x
            prev = out[-1] if out else None
            nxt = xs[i + 1] if i + 1 < len(xs) else None
            if (prev is not None and y - prev < MIN_WIDTH) or (nxt is not None and nxt - y < MIN_WIDTH):
                y = x
            out.append(round(y, 6))
        for y in out:
            if all(abs(y - b) > 1e-6 for b in self.bounds):
                self.bounds.append(y)
        self.bounds.sort()
        return out

    def columns(self, widths: list[float], x0: float = 0.0, x1: float = 1.0) -> list[float]:
        """Boundaries for columns of relative ``widths`` between x0 and x1, snapped."""
        total = sum(widths)
        xs, x = [x0], x0
        for w in widths[:-1]:
            x += (x1 - x0) * w / total
            xs.append(x)
        xs.append(x1)
        return self.snap(xs)

    def add(self, row: int, x0: float, x1: float, text: str, rowspan: int = 1, **kw) -> None:
        self.cells.append(Placed(row, x0, x1, text, rowspan, **kw))
        self.n_rows = max(self.n_rows, row + rowspan)

    def mark(self, first: int, last: int, block: str) -> None:
        for r in range(first, last):
            self.blocks[r] = block

    def table(self, repeat_row: int | None = None, repeat_rows: int = 1, title_lines: tuple = ()) -> Table:
        def col(x: float) -> int:
            return min(range(len(self.bounds)), key=lambda i: abs(self.bounds[i] - x))
        widths = [b - a for a, b in zip(self.bounds, self.bounds[1:])]
        cells = []
        for c in self.cells:
            a, b = col(c.x0), col(c.x1)
            cells.append(Cell(c.text, c.row, a, rowspan=c.rowspan, colspan=b - a, align=c.align, bold=c.bold,
                              nowrap=c.nowrap, fill_only=c.fill_only))
        return Table(widths, self.n_rows, cells, repeat_row=repeat_row, repeat_rows=repeat_rows,
                     title_lines=title_lines, repeat_merged=True)
