"""Generate the sample PDFs from samples/source/*.json.

The samples reproduce a published 部门决算公开说明 (cover, narrative, and its 24 绩效自评表)
with what makes these documents hard: ruled tables with true merged cells (level-1/level-2
indicator cells and vertical side labels spanning rows), long texts wrapping inside cells,
sheets and rows breaking across pages (a cell's text continuing on the next page), header rows
repeated or not on continuation pages. The layouts (two PDF producers, page sizes, how breaks
are drawn) are described in samples/forms/drawing.py, the forms of the sheets in
samples/forms/<form>.py.

Regenerating needs the Debian font packages fonts-wqy-zenhei and fonts-wqy-microhei and
`pip install -e .[samples]`:

    python samples/generate.py            # writes samples/pdf/*.pdf and samples/expected/seed_2023_form_*.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from forms import FORMS, form_sheet
from forms.document import document_flow
from forms.drawing import FONT_NAMES, FONT_PATH, LAYOUTS, RENDERERS, Layout, paginate

# What the tests (and any caller) take from here: the layouts, the forms, the fonts, the two writers.
__all__ = ["FONT_NAMES", "FONT_PATH", "FORMS", "LAYOUTS", "form_sheet", "generate", "write_expected"]

HERE = Path(__file__).resolve().parent


def generate(source_path: Path, layout: Layout, out_dir: Path) -> Path:
    source = json.loads(source_path.read_text(encoding="utf-8"))
    pages = paginate(document_flow(source, layout), layout)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{source_path.stem}_{layout.name}.pdf"
    RENDERERS[layout.producer](pages, layout, path, f"{source['unit_name']} {source['fiscal_year']} 年度部门决算")
    return path


def write_expected(layout: Layout) -> Path:
    """samples/expected/seed_2023_<layout>.json: the seed's expected sheets as this form prints
    them (form_sheet), for the forms other than the seed's own."""
    seed = json.loads((HERE / "expected" / "seed_2023.json").read_text(encoding="utf-8"))
    out = {"unit_name": seed["unit_name"], "fiscal_year": seed["fiscal_year"], "form": layout.form,
           "sheets": [form_sheet(s, layout.form) for s in seed["sheets"]]}
    path = HERE / "expected" / f"seed_2023_{layout.name}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(HERE / "pdf"))
    ap.add_argument("--layout", choices=sorted(LAYOUTS), action="append")
    args = ap.parse_args()
    for source in sorted((HERE / "source").glob("*.json")):
        for name in args.layout or sorted(LAYOUTS):
            if source.stem not in LAYOUTS[name].sources:
                continue
            path = generate(source, LAYOUTS[name], Path(args.out))
            print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size // 1024} KiB)")
            if LAYOUTS[name].form != "seed":
                print(f"wrote {write_expected(LAYOUTS[name]).relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
