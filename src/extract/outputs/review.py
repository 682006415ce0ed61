"""Static review pages: what was read where, drawn over the pages it was read from.

``extract review OUT`` writes, into a folder beside the output (``OUT-review`` unless ``--to``):

* ``index.html`` — every document: status, kind, counts, failed checks, warnings, a link;
* ``<doc_id>.html`` — one page per document: its warnings and document checks (failed ones
  first, with the numbers compared and links to the pages they name), each sheet's failed
  checks, then every page of the PDF as an image (rendered by pdfium, lazy-loaded) with the
  cells that were read drawn over it, coloured by dataset, and beside it the records read from
  that page. Hovering a box shows its record; clicking pins it in a panel.
* ``<doc_id>/p-NNNN.jpg`` — the page images.

It reads only the output datasets and the source PDFs (found by ``source_path``, else under
``--pdf-root`` by file name); it writes nothing into the datasets. The overlay boxes are plain
positioned elements in the HTML (no script builds them), so the page works from disk, without a
server, and any browser or ``chromium --dump-dom`` sees them.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow.compute as pc

from .reading import open_dataset

SCALE = 1.5  # page image pixels per PDF point
COLOURS = {"sheets": "#7b1fa2", "sheet_funds": "#ef6c00", "indicators": "#1565c0",
           "statement_lines": "#2e7d32", "facts": "#c62828"}
# Printed cells of a sheet that no record holds (sheets.unplaced_cells): drawn filled, listed.
UNPLACED_COLOUR = "#d50000"
# Per dataset: the columns a box's record shows, and the one that names the row.
SHOWN = {
    "sheets": ("sheet_no", "project_name", "competent_dept", "implementing_unit", "total_score"),
    "sheet_funds": ("sheet_no", "source", "initial_budget_yuan", "annual_budget_yuan", "executed_yuan",
                    "execution_rate", "score"),
    "indicators": ("sheet_no", "row_no", "level1", "level2", "level3", "target_raw", "actual_raw",
                   "weight", "score"),
    "statement_lines": ("table_name", "row_no", "code", "label", "column_path", "value_raw", "value_yuan"),
    "facts": ("fact_no", "key", "metric", "value", "unit", "raw_text"),
}
# Which record column a cell box of a sheet row shows (its role, else the role's raw column).
ROLE_COLUMN = {"target": "target_raw", "actual": "actual_raw", "weight": "weight_raw", "score": "score_raw",
               "initial_budget": "initial_budget_yuan", "annual_budget": "annual_budget_yuan",
               "executed": "executed_yuan", "execution_rate": "execution_rate"}
CSS = """
body{font-family:sans-serif;margin:0;background:#f4f4f4;color:#222}
header{background:#263238;color:#fff;padding:10px 16px;position:sticky;top:0;z-index:10}
header a{color:#80cbc4} main{padding:12px 16px}
table{border-collapse:collapse;font-size:13px;background:#fff} td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
.fail{background:#ffebee} .pass{background:#e8f5e9} .na{color:#777}
.page{display:flex;gap:12px;margin:18px 0;align-items:flex-start}
.sheetimg{position:relative;flex:none;box-shadow:0 1px 4px #999;background:#fff}
.sheetimg img{display:block}
.box{position:absolute;border:1.5px solid;box-sizing:border-box;cursor:pointer}
.box:hover,.box.pinned{background:rgba(255,235,59,.35)}
.box.unplaced{background:rgba(213,0,0,.18);border-style:dashed}
.unplaced-list{color:#d50000}
.records{flex:1;min-width:300px;max-height:none;font-size:12px}
#panel{position:fixed;right:10px;bottom:10px;max-width:420px;background:#fffde7;border:1px solid #999;
padding:8px;font-size:12px;white-space:pre-wrap;display:none;z-index:20}
.legend span{display:inline-block;padding:0 6px;margin-right:6px;color:#fff;border-radius:3px}
.missing{background:#fff3e0;padding:8px;border:1px solid #ef6c00}
"""
SCRIPT = """
const panel=document.getElementById('panel');
document.addEventListener('click',e=>{const b=e.target.closest('.box');
document.querySelectorAll('.box.pinned').forEach(x=>x.classList.remove('pinned'));
if(!b){panel.style.display='none';return}
b.classList.add('pinned');panel.textContent=b.title;panel.style.display='block'});
"""


@dataclass(frozen=True)
class Box:
    dataset: str
    row: int  # index of the record within its dataset for this document
    column: str | None
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    label: str  # what hovering shows
    sheet: int | None = None
    value: str | None = None  # the record's value in this box's column, as printed


class ReviewError(Exception):
    """The output cannot be reviewed (no documents dataset, an unknown --doc)."""


def _table(out: Path, name: str, doc_ids: list[str] | None = None) -> list[dict]:
    dataset = open_dataset(out, name)
    if dataset is None:
        return []
    table = dataset.to_table(filter=pc.field("doc_id").isin(doc_ids) if doc_ids is not None else None)
    return table.to_pylist()


def _show(value: object) -> str:
    return "" if value is None else str(value)


def _record_text(dataset: str, row: dict, column: str | None) -> str:
    lines = [f"{dataset}" + (f" · {column}" if column else "")]
    lines += [f"{k}: {_show(row.get(k))}" for k in SHOWN[dataset] if row.get(k) is not None]
    if column and column not in SHOWN[dataset]:
        lines.append(f"{column}: {_show(row.get(ROLE_COLUMN.get(column, column)))}")
    return "\n".join(lines)


def boxes_of(rows: dict[str, list[dict]]) -> list[Box]:
    """Every box a document's records carry, with the record each one shows."""
    out: list[Box] = []
    for dataset in ("sheets", "sheet_funds", "indicators"):
        for i, row in enumerate(rows.get(dataset, [])):
            for b in row.get("cell_boxes") or []:
                out.append(Box(dataset, i, b["column"], b["page"], b["x0"], b["y0"], b["x1"], b["y1"],
                               _record_text(dataset, row, b["column"]), row.get("sheet_no"),
                               _show(row.get(ROLE_COLUMN.get(b["column"], b["column"])))))
    for i, row in enumerate(rows.get("statement_lines", [])):
        if row.get("x0") is not None and row.get("value_raw"):
            out.append(Box("statement_lines", i, row["column_path"], row["page"], row["x0"], row["y0"],
                           row["x1"], row["y1"], _record_text("statement_lines", row, None), None,
                           row["value_raw"]))
    for i, row in enumerate(rows.get("facts", [])):
        for b in (row.get("boxes") or [])[:1]:  # the line that holds the number
            out.append(Box("facts", i, None, b["page"], b["x0"], b["y0"], b["x1"], b["y1"],
                           _record_text("facts", row, None), None, row.get("value_raw")))
    return out


def _pdf_bytes(source_path: str, file_name: str, pdf_root: Path | None) -> tuple[bytes | None, str | None]:
    """The source PDF's bytes, or None and why not."""
    candidates = []
    if "!/" in source_path:
        archive, member = source_path.split("!/", 1)
        if Path(archive).is_file() and zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as z:
                try:
                    return z.read(member), None
                except KeyError:
                    pass
    else:
        candidates.append(Path(source_path))
    if pdf_root is not None:
        candidates += [pdf_root / file_name, *sorted(pdf_root.rglob(file_name))[:1]]
    for path in candidates:
        if path.is_file():
            return path.read_bytes(), None
    hint = f" or under {pdf_root}" if pdf_root else "; pass --pdf-root DIR to look for it by file name"
    return None, f"the source PDF is not at {source_path}{hint}"


def _render_pages(pdf: bytes, folder: Path, scale: float) -> list[tuple[int, str, float, float]]:
    """Each page as a JPEG under ``folder``: (page_no, file name, width pt, height pt)."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            x0, y0, x1, y1 = page.get_bbox()
            name = f"p-{i + 1:04d}.jpg"
            target = folder / name
            if not target.exists():
                image = page.render(scale=scale).to_pil().convert("RGB")
                buf = io.BytesIO()
                image.save(buf, "JPEG", quality=82)
                target.write_bytes(buf.getvalue())
            pages.append((i + 1, name, x1 - x0, y1 - y0))
            page.close()
    finally:
        doc.close()
    return pages


def _esc(value: object) -> str:
    return html.escape(_show(value), quote=True)


def _check_rows(checks: list[dict]) -> str:
    order = {"fail": 0, "pass": 1, "not_applicable": 2}
    out = []
    for c in sorted(checks, key=lambda c: order.get(c["status"], 3)):
        css = {"fail": "fail", "pass": "pass"}.get(c["status"], "na")
        detail = _esc(c["detail"])
        detail = re.sub(r"p\.(\d+)", lambda m: f'<a href="#p-{m.group(1)}">p.{m.group(1)}</a>', detail)
        out.append(f'<tr class="{css}"><td>{_esc(c["check_id"])}</td><td>{_esc(c["status"])}</td><td>{detail}</td></tr>')
    return "".join(out)


def _sheet_checks(sheets: list[dict]) -> str:
    rows = []
    for s in sheets:
        failed = s.get("failed_checks") or []
        if not failed:
            continue
        details = [d for d in s.get("check_details") or [] if ": fail:" in d]
        rows.append(f'<tr class="fail"><td><a href="#p-{s.get("first_page")}">sheet {s["sheet_no"]}</a></td>'
                    f'<td>{_esc(s.get("project_name") or s.get("title"))}</td>'
                    f'<td>{"<br>".join(_esc(d) for d in details)}</td></tr>')
    return "".join(rows)





# What the list beside a page shows of each record.
SUMMARY = {"sheets": ("sheet_no", "project_name"), "sheet_funds": ("source", "executed_yuan", "execution_rate"),
           "indicators": ("row_no", "level3", "actual_raw", "score"),
           "statement_lines": ("label", "column_path", "value_raw"), "facts": ("key", "value_raw", "unit_raw")}


def _records_beside(boxes: list[Box], rows: dict[str, list[dict]]) -> str:
    """The records read from one page, one line each, in the dataset's colour."""
    seen: dict[tuple[str, int], Box] = {}
    for b in boxes:
        seen.setdefault((b.dataset, b.row), b)
    if not seen:
        return '<div class="records na">nothing read from this page</div>'
    items = []
    for dataset, row in seen:
        record = rows[dataset][row]
        text = " · ".join(_show(record.get(k)) for k in SUMMARY[dataset] if record.get(k) is not None)
        items.append(f'<tr><td style="color:{COLOURS[dataset]}">{dataset}</td><td>{_esc(text)}</td></tr>')
    return f'<div class="records"><table>{"".join(items)}</table></div>'


def unplaced_of(rows: dict[str, list[dict]]) -> list[dict]:
    """The printed cells of the document's sheets that ended nowhere, with their sheet."""
    return [{**cell, "sheet_no": row.get("sheet_no")} for row in rows.get("sheets", [])
            for cell in row.get("unplaced_cells") or []]


def _unplaced_overlay(cells: list[dict]) -> str:
    return "".join(
        f'<div class="box unplaced" style="left:{c["x0"] * SCALE:.1f}px;top:{c["y0"] * SCALE:.1f}px;'
        f'width:{(c["x1"] - c["x0"]) * SCALE:.1f}px;height:{(c["y1"] - c["y0"]) * SCALE:.1f}px;'
        f'border-color:{UNPLACED_COLOUR}" data-dataset="unplaced" data-sheet="{_esc(c["sheet_no"])}" '
        f'data-value="{_esc(c["text"])}" title="not read: {_esc(c["text"])}"></div>' for c in cells)


def _unplaced_list(cells: list[dict]) -> str:
    if not cells:
        return ""
    return ('<div class="unplaced-list"><b>not read</b><ul>'
            + "".join(f"<li>sheet {_esc(c['sheet_no'])}: {_esc(c['text'])}</li>" for c in cells) + "</ul></div>")


def document_page(doc: dict, rows: dict[str, list[dict]], images: list[tuple[int, str, float, float]] | None,
                  image_dir: str, missing: str | None) -> str:
    boxes = boxes_of(rows)
    by_page: dict[int, list[Box]] = {}
    for b in boxes:
        by_page.setdefault(b.page, []).append(b)
    unplaced: dict[int, list[dict]] = {}
    for cell in unplaced_of(rows):
        unplaced.setdefault(cell["page"], []).append(cell)
    legend = "".join(f'<span style="background:{c}">{d}</span>' for d, c in COLOURS.items()) \
        + f'<span style="background:{UNPLACED_COLOUR}">not read</span>'
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{_esc(doc['file_name'])}</title>"
             f"<style>{CSS}</style></head><body>",
             f'<header><a href="index.html">← all documents</a> · <b>{_esc(doc["file_name"])}</b> · '
             f'{_esc(doc["status"])} · {_esc(doc.get("document_kind"))} · {len(boxes)} boxes '
             f'<span class="legend">{legend}</span></header><main>']
    if doc.get("error_message"):
        parts.append(f'<p class="fail">[{_esc(doc.get("error_class"))}] {_esc(doc["error_message"])}</p>')
    if doc.get("warnings"):
        parts.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{_esc(w)}</li>" for w in doc["warnings"]) + "</ul>")
    if rows.get("document_checks"):
        parts.append("<h3>Document checks</h3><table><tr><th>check</th><th>status</th><th>detail</th></tr>"
                     + _check_rows(rows["document_checks"]) + "</table>")
    failed_sheets = _sheet_checks(rows.get("sheets", []))
    if failed_sheets:
        parts.append("<h3>Sheets with failed checks</h3><table>" + failed_sheets + "</table>")
    if missing:
        parts.append(f'<p class="missing">Page images are missing: {_esc(missing)}</p>')
    for page_no, name, width, height in images or []:
        overlay = []
        for b in by_page.get(page_no, []):
            style = (f"left:{b.x0 * SCALE:.1f}px;top:{b.y0 * SCALE:.1f}px;width:{(b.x1 - b.x0) * SCALE:.1f}px;"
                     f"height:{(b.y1 - b.y0) * SCALE:.1f}px;border-color:{COLOURS[b.dataset]}")
            overlay.append(f'<div class="box" style="{style}" data-dataset="{b.dataset}" data-row="{b.row}" '
                           f'data-sheet="{_esc(b.sheet)}" data-column="{_esc(b.column)}" '
                           f'data-value="{_esc(b.value)}" title="{_esc(b.label)}"></div>')
        parts.append(f'<section class="page" id="p-{page_no}"><div class="sheetimg" style="width:{width * SCALE:.0f}px;'
                     f'height:{height * SCALE:.0f}px"><img loading="lazy" src="{image_dir}/{name}" '
                     f'width="{width * SCALE:.0f}" height="{height * SCALE:.0f}" alt="page {page_no}">'
                     + "".join(overlay) + _unplaced_overlay(unplaced.get(page_no, []))
                     + f'</div><div><b>page {page_no}</b>{_unplaced_list(unplaced.get(page_no, []))}'
                     f'{_records_beside(by_page.get(page_no, []), rows)}</div></section>')
    parts.append(f'</main><div id="panel"></div><script>{SCRIPT}</script></body></html>')
    return "".join(parts)


def index_page(docs: list[dict], written: dict[str, str]) -> str:
    rows = []
    for d in sorted(docs, key=lambda d: (d["status"] != "failed", d["file_name"])):
        link = f'<a href="{written[d["doc_id"]]}">{_esc(d["file_name"])}</a>' if d["doc_id"] in written \
            else _esc(d["file_name"])
        css = {"failed": "fail", "ok": "pass"}.get(d["status"], "")
        rows.append(f'<tr class="{css}"><td>{link}</td><td>{_esc(d["status"])}</td><td>{_esc(d.get("document_kind"))}</td>'
                    f'<td>{_esc(d.get("sheet_count"))}</td><td>{_esc(d.get("indicator_count"))}</td>'
                    f'<td>{_esc(d.get("fact_count"))}</td><td>{_esc(d.get("statement_table_count"))}</td>'
                    f'<td>{_esc(d.get("failed_check_count"))}</td><td>{_esc(d.get("failed_cross_check_count"))}</td>'
                    f'<td>{len(d.get("warnings") or [])}</td><td>{_esc(d.get("error_message") or "")}</td></tr>')
    head = ("<tr><th>document</th><th>status</th><th>kind</th><th>sheets</th><th>indicators</th><th>facts</th>"
            "<th>tables</th><th>failed sheet checks</th><th>failed document checks</th><th>warnings</th>"
            "<th>error</th></tr>")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>extract review</title><style>{CSS}</style>"
            f"</head><body><header>extract review · {len(docs)} documents</header><main><table>{head}"
            + "".join(rows) + "</table></main></body></html>")


def write_review(out: Path, to: Path, docs_wanted: list[str] | None = None, pdf_root: Path | None = None,
                 progress=None) -> dict[str, str]:
    """Write the review pages; returns doc_id -> page file name. Raises ReviewError."""
    docs = _table(out, "documents")
    if not docs:
        raise ReviewError(f"{out} holds no extract output (no documents/ dataset)")
    chosen = docs
    if docs_wanted:
        chosen = [d for d in docs if d["doc_id"] in docs_wanted or d["file_name"] in docs_wanted
                  or any(d["doc_id"].startswith(w) for w in docs_wanted if len(w) >= 8)]
        unknown = [w for w in docs_wanted if not any(d["doc_id"].startswith(w) or d["file_name"] == w for d in chosen)]
        if unknown:
            raise ReviewError(f"no document {', '.join(unknown)} in {out} (give a doc_id, its first 8+ "
                              f"characters, or a file name)")
    to.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    ids = [d["doc_id"] for d in chosen]
    data = {name: _table(out, name, ids) for name in ("sheets", "sheet_funds", "indicators", "facts",
                                                      "statement_lines", "document_checks")}
    for n, doc in enumerate(chosen, 1):
        rows = {name: sorted((r for r in rs if r["doc_id"] == doc["doc_id"]), key=_order(name))
                for name, rs in data.items()}
        pdf, missing = _pdf_bytes(doc["source_path"], doc["file_name"], pdf_root)
        images = None
        if pdf is not None:
            try:
                images = _render_pages(pdf, to / doc["doc_id"], SCALE)
            except Exception as exc:  # a PDF that cannot be rendered: say so, keep the records
                missing = f"the PDF cannot be rendered ({type(exc).__name__}: {exc})"
        name = f"{doc['doc_id']}.html"
        (to / name).write_text(document_page(doc, rows, images, doc["doc_id"], missing), encoding="utf-8")
        written[doc["doc_id"]] = name
        if progress:
            progress(n, len(chosen), doc, missing)
    (to / "index.html").write_text(index_page(docs, written), encoding="utf-8")
    return written


def _order(name: str):
    keys = {"sheets": ("sheet_no",), "sheet_funds": ("sheet_no", "fund_row_no"), "indicators": ("sheet_no", "row_no"),
            "facts": ("fact_no",), "statement_lines": ("table_name", "row_no", "column_path"),
            "document_checks": ("check_id",)}[name]
    return lambda r: tuple(_show(r.get(k)).zfill(8) if isinstance(r.get(k), int) else _show(r.get(k)) for k in keys)


__all__ = ["write_review", "boxes_of", "ReviewError"]
