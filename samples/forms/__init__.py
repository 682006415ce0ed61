"""The sample generator's forms (samples/generate.py is its command line).

* drawing     — the document model, the page layouts (LAYOUTS), pagination, the two renderers;
* sheets      — the 绩效自评表 blocks the forms build alike (unit rows, funds, goals, indicators);
* seed, ningde, split, spreadsheet — one module per form of the sheets (Layout.form);
* document    — the whole document: cover, narrative, sheets, the standard 决算 tables;
* explore, explore_content, explore_grid — the form explorer: seeded documents composed from
  independent dimensions, each with its true records (tools/explore_forms.py scores the reader).

Each form module has ``sheet_flow(sheet, layout)``, the sheet's paragraphs and table, and
``printed_sheet(sheet)``, the sheet's records as the form prints them.
"""

from __future__ import annotations

from . import ningde, seed, split, spreadsheet

FORMS = {"seed": seed, "ningde": ningde, "split": split, "spreadsheet": spreadsheet}


def form_sheet(s: dict, form: str) -> dict:
    """The sheet's records as the form prints them: what extraction must give back."""
    return FORMS[form].printed_sheet(s)
