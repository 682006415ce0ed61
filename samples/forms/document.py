"""The whole document: cover, narrative, the sheets in the layout's form, the standard 决算 tables,
the narrative after them.

A source (samples/source/*.json) gives the cover lines, the narrative paragraphs, the sheets
(the seed's 绩效自评表, printed by the layout's form) and the statements (the standard tables,
written by tools/make_statements_source.py), each as its header cells and data rows.
"""

from __future__ import annotations

from . import FORMS
from .drawing import Cell, Layout, PageBreak, Para, Table, heading


def statement_table(spec: dict) -> Table:
    """A standard 决算 table: its header cells as given, then one row per data row.

    A data row is a list of cell texts, or {"cells": [...], "merge": [[col, colspan], …]} where
    a merged cell shows the text of its first column (合计 over the code and name columns).
    """
    cells = [Cell(text, r, c, rs, cs) for r, c, rs, cs, text in spec["header"]]
    n_cols = len(spec["widths"])
    for i, row in enumerate(spec["rows"]):
        r = spec["header_rows"] + i
        texts, merges = (row, []) if isinstance(row, list) else (row["cells"], row["merge"])
        covered = {c for start, span in merges for c in range(start + 1, start + span)}
        spans = {start: span for start, span in merges}
        for c in range(n_cols):
            if c not in covered:
                numeric = bool(texts[c]) and texts[c][0].isdigit() and not texts[c].isdigit()
                cells.append(Cell(texts[c], r, c, colspan=spans.get(c, 1),
                                  align="center" if numeric or c in spans else "left"))
    return Table(spec["widths"], spec["header_rows"] + len(spec["rows"]), cells)


def statement_flow(spec: dict, layout: Layout) -> list[Para | Table]:
    """A standard table under its title and unit line (printed again on each continuation page
    where the spec says repeat_title), its note under it."""
    title = (heading(spec.get("title", spec["name"]), layout.title_size),
             Para(f"单位：{spec['unit']}", layout.body_size, "left", indent=False))
    table = statement_table(spec)
    if spec.get("repeat_title"):
        table.title_lines = title
    note = [Para(spec["note"], layout.body_size, "left", indent=False)] if spec.get("note") else []
    return [*title, table, *note]


def narrative(paragraphs: list[str], layout: Layout) -> list[Para]:
    """Narrative paragraphs, a 第…部分 heading centred and bold."""
    return [heading(p, layout.title_size, space_before=4.0) if p.startswith("第") and "部分" in p[:6]
            else Para(p, layout.body_size) for p in paragraphs]


def document_flow(source: dict, layout: Layout) -> list[Para | Table | PageBreak]:
    t = layout.title_size
    flow: list[Para | Table | PageBreak] = [heading(source["cover"][0], t + 4, space_before=160),
                                            heading(source["cover"][1], t + 6, space_before=30),
                                            PageBreak()]
    flow += narrative(source["narrative_before"], layout)
    for i, s in enumerate(source["sheets"]):
        if layout.sheet_on_new_page or i == 0:
            flow.append(PageBreak())
        flow += FORMS[layout.form].sheet_flow(s, layout)
    for spec in source.get("statements", []):
        flow.append(PageBreak())
        flow += statement_flow(spec, layout)
    flow.append(PageBreak())
    flow += narrative(source["narrative_after"], layout)
    return flow
