"""Write a document's records as Parquet: one dataset per entity, hive-partitioned by year.

    OUT/<dataset>/fiscal_year=<YYYY>/<doc_id>.parquet

One file per document and dataset, so re-running a document replaces its rows and never
duplicates them. Files are written to a temporary name and renamed into place: a reader never
sees a half-written file. Money is decimal128, never float.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..datamodel import DATASETS, CheckedSheet, DocumentResult, ParsedValue, PieceBox

# pyarrow imports pandas (when installed) at its first array conversion, ~0.3 s. Done here, at
# import, a batch's fork server pays it once; otherwise every forked worker would, per document.
pa.array([0])

# Documents whose year is unknown (failed ones) go to fiscal_year=0: hive's null partition
# (__HIVE_DEFAULT_PARTITION__) makes pandas/pyarrow fail to read the dataset
# ("Cannot yet unify dictionaries with nulls"), and a string key would make the column text.
UNKNOWN_YEAR = 0

YUAN = pa.decimal128(24, 4)  # 10^20 yuan; 4 places hold 万元 printed to 8 decimals
RATIO = pa.decimal128(18, 8)
POINTS = pa.decimal128(12, 4)
VALUE = pa.decimal128(38, 10)
STRINGS = pa.list_(pa.string())
# Where a record was printed (datamodel.PieceBox): its first piece in flat columns, every piece
# (one per page of a value joined over a break) in ``boxes``, each column's cells in
# ``cell_boxes``. PDF points, origin top-left, rounded to 0.01 pt.
_BOX_FIELDS = [("page", pa.int32()), ("x0", pa.float64()), ("y0", pa.float64()),
               ("x1", pa.float64()), ("y1", pa.float64())]
BOXES = pa.list_(pa.struct(_BOX_FIELDS))
CELL_BOXES = pa.list_(pa.struct([("column", pa.string()), *_BOX_FIELDS]))
BOX_COLUMNS = _BOX_FIELDS[1:]  # x0 … y1, flat beside their own page column
# The printed cells of a sheet that ended nowhere: their text and where they are.
UNPLACED_CELLS = pa.list_(pa.struct([("text", pa.string()), *_BOX_FIELDS]))
EXTRA_VALUES = pa.list_(pa.struct([("label", pa.string()), ("raw", pa.string()),
                                   ("value", VALUE), ("unit", pa.string())]))

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()), ("source_path", pa.string()), ("file_name", pa.string()),
        ("source_paths", STRINGS), ("page_count", pa.int32()), ("producer", pa.string()), ("unit_name", pa.string()),
        ("status", pa.string()), ("error_class", pa.string()), ("error_message", pa.string()),
        ("document_kind", pa.string()), ("kind_evidence", pa.string()),
        ("damaged_pages", pa.list_(pa.int32())), ("ocr_pages", pa.list_(pa.int32())),
        ("sheet_count", pa.int32()), ("indicator_count", pa.int32()),
        ("failed_check_count", pa.int32()), ("fact_count", pa.int32()),
        ("statement_table_count", pa.int32()), ("failed_cross_check_count", pa.int32()),
        ("warnings", STRINGS), ("warning_codes", STRINGS), ("backend", pa.string()),
        ("pipeline_version", pa.string()), ("extraction_time", pa.timestamp("us", tz="UTC")),
    ]),
    "sheets": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("sheet_no", pa.int32()),
        ("sheet_kind", pa.string()), ("title", pa.string()), ("title_year", pa.int32()),
        ("project_name", pa.string()), ("competent_dept", pa.string()),
        ("implementing_unit", pa.string()), ("unit_name", pa.string()),
        ("budget_code", pa.string()),
        ("goal_expected", pa.string()), ("goal_actual", pa.string()),
        ("total_weight", POINTS), ("total_score", POINTS),
        ("total_weight_raw", pa.string()), ("total_score_raw", pa.string()),
        ("evaluation_grade", pa.string()), ("fund_unit", pa.string()), ("indicator_count", pa.int32()),
        ("first_page", pa.int32()), ("last_page", pa.int32()),
        ("failed_checks", STRINGS), ("check_details", STRINGS), ("warnings", STRINGS),
        ("layout_warnings", STRINGS),
        ("cells_printed", pa.int32()), ("cells_placed", pa.int32()), ("unplaced_cells", UNPLACED_CELLS),
        ("page", pa.int32()), *BOX_COLUMNS, ("boxes", BOXES), ("cell_boxes", CELL_BOXES),
    ]),
    "sheet_funds": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("sheet_no", pa.int32()),
        ("fund_row_no", pa.int32()), ("source", pa.string()),
        ("initial_budget_yuan", YUAN), ("annual_budget_yuan", YUAN), ("executed_yuan", YUAN),
        ("weight", POINTS), ("execution_rate", RATIO), ("score", POINTS),
        ("initial_budget_raw", pa.string()), ("annual_budget_raw", pa.string()),
        ("executed_raw", pa.string()), ("weight_raw", pa.string()),
        ("execution_rate_raw", pa.string()), ("score_raw", pa.string()),
        ("extra_values", EXTRA_VALUES),
        ("task_name", pa.string()), ("task_content", pa.string()), ("completion", pa.string()),
        ("unit_printed", pa.string()), ("first_page", pa.int32()), ("last_page", pa.int32()),
        ("page_quality", pa.string()), ("ocr_confidence", pa.float32()),
        ("page", pa.int32()), *BOX_COLUMNS, ("boxes", BOXES), ("cell_boxes", CELL_BOXES),
    ]),
    "indicators": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("sheet_no", pa.int32()),
        ("row_no", pa.int32()), ("level1", pa.string()), ("level2", pa.string()),
        ("level3", pa.string()),
        ("target_raw", pa.string()), ("target_op", pa.string()), ("target_value", VALUE),
        ("target_unit", pa.string()), ("target_unit_raw", pa.string()), ("target_kind", pa.string()),
        ("actual_raw", pa.string()), ("actual_op", pa.string()), ("actual_value", VALUE),
        ("actual_unit", pa.string()), ("actual_unit_raw", pa.string()), ("actual_kind", pa.string()),
        ("weight", POINTS), ("score", POINTS), ("weight_raw", pa.string()), ("score_raw", pa.string()),
        ("deviation", pa.string()), ("basis", pa.string()),
        ("first_page", pa.int32()), ("last_page", pa.int32()), ("page_quality", pa.string()),
        ("ocr_confidence", pa.float32()),
        ("page", pa.int32()), *BOX_COLUMNS, ("boxes", BOXES), ("cell_boxes", CELL_BOXES),
    ]),
    "facts": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("fact_no", pa.int32()),
        ("section", pa.string()), ("topic", pa.string()), ("key", pa.string()),
        ("label", pa.string()), ("value", VALUE), ("unit", pa.string()),
        ("value_raw", pa.string()), ("unit_raw", pa.string()), ("raw_text", pa.string()),
        ("page", pa.int32()), ("metric", pa.string()), ("metric_value", VALUE),
        ("subject", pa.string()), ("measure", pa.string()), ("scope", pa.string()),
        ("metric_candidates", STRINGS), ("metric_doubt", pa.string()),
        ("page_quality", pa.string()), ("ocr_confidence", pa.float32()), *BOX_COLUMNS, ("boxes", BOXES),
    ]),
    "expenditure_items": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("seq", pa.int32()),
        ("class_name", pa.string()), ("section_name", pa.string()), ("item_name", pa.string()),
        ("code", pa.string()), ("amount_yuan", YUAN), ("budget_yuan", YUAN),
        ("change_yuan", YUAN), ("change_direction", pa.string()), ("change_ratio", RATIO),
        ("amount_raw", pa.string()), ("budget_raw", pa.string()), ("change_raw", pa.string()),
        ("change_pct_raw", pa.string()), ("reason", pa.string()), ("raw_text", pa.string()),
        ("page", pa.int32()),
    ]),
    "statement_tables": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("table_name", pa.string()),
        ("title", pa.string()), ("status", pa.string()), ("standard", pa.bool_()),
        ("unit_printed", pa.string()),
        ("first_page", pa.int32()), ("last_page", pa.int32()), ("line_count", pa.int32()),
        ("note", pa.string()),
    ]),
    "statement_lines": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("table_name", pa.string()),
        ("title", pa.string()), ("row_no", pa.int32()), ("code", pa.string()),
        ("code_class", pa.string()), ("code_section", pa.string()), ("code_item", pa.string()),
        ("label", pa.string()), ("column_path", pa.string()), ("value_yuan", YUAN),
        ("value_raw", pa.string()), ("unit_printed", pa.string()), ("page", pa.int32()),
        ("page_quality", pa.string()), ("ocr_confidence", pa.float32()), *BOX_COLUMNS,
    ]),
    "document_checks": pa.schema([
        ("doc_id", pa.string()), ("file_name", pa.string()), ("check_id", pa.string()),
        ("status", pa.string()), ("detail", pa.string()),
    ]),
}
# The documents file is written last: its presence marks a document whose datasets are all
# in place (a run killed in between redoes the document).


def _fit(value: Decimal | None, dtype: pa.Decimal128Type) -> Decimal | None:
    """The value at the column's scale; a value that would lose digits is a bug, not rounding."""
    if value is None:
        return None
    scaled = value.quantize(Decimal(1).scaleb(-dtype.scale))
    if scaled != value:
        raise ValueError(f"{value} does not fit decimal({dtype.precision},{dtype.scale})")
    return scaled


def _value_columns(prefix: str, v: ParsedValue) -> dict[str, object]:
    return {f"{prefix}_raw": v.raw, f"{prefix}_op": v.op, f"{prefix}_value": _fit(v.value, VALUE),
            f"{prefix}_unit": v.unit, f"{prefix}_unit_raw": v.unit_raw, f"{prefix}_kind": v.kind}


def _box(b: PieceBox) -> dict[str, object]:
    return {"page": b.page, "x0": round(b.x0, 2), "y0": round(b.y0, 2), "x1": round(b.x1, 2),
            "y1": round(b.y1, 2)}


def _geometry(boxes: tuple[PieceBox, ...], cells: dict[str, tuple[PieceBox, ...]] | None = None,
              with_page: bool = True) -> dict[str, object]:
    """The flat first box, every piece, and (for sheet rows) each column's cells."""
    first = _box(boxes[0]) if boxes else dict.fromkeys(("page", "x0", "y0", "x1", "y1"))
    out = {k: v for k, v in first.items() if with_page or k != "page"}
    out["boxes"] = [_box(b) for b in boxes]
    if cells is not None:
        out["cell_boxes"] = [{"column": role, **_box(b)} for role, bs in cells.items() for b in bs]
    return out


def _bbox(bbox: tuple[float, float, float, float] | None) -> dict[str, float | None]:
    return dict(zip(("x0", "y0", "x1", "y1"), (round(v, 2) for v in bbox))) if bbox else \
        dict.fromkeys(("x0", "y0", "x1", "y1"))


def _pages(pages: tuple[int, ...]) -> dict[str, int | None]:
    return {"first_page": min(pages) if pages else None, "last_page": max(pages) if pages else None}


def document_rows(doc: DocumentResult, backend: str, version: str,
                  extraction_time: datetime | None = None,
                  source_paths: tuple[str, ...] = ()) -> dict[str, list[dict[str, object]]]:
    """The rows of every dataset for one document (pure; no I/O)."""
    when = extraction_time or datetime.now(timezone.utc)
    base = {"doc_id": doc.doc_id, "file_name": doc.file_name}
    damaged = set(doc.damaged_pages)
    ocr = doc.ocr_lines

    def quality(*pages: int | None) -> str:
        """``damaged`` for a row read (in part) from a page whose text layer is damaged, ``ocr``
        for one read from a page's image."""
        return "damaged" if damaged.intersection(pages) else "ocr" if set(ocr.by_page).intersection(pages) else "ok"

    sheets, funds, indicators = [], [], []
    for checked in doc.sheets:
        sheets.append(_sheet_row(base, checked))
        s = checked.sheet
        for i, f in enumerate(s.funds, start=1):
            funds.append({**base, "sheet_no": s.sheet_no, "fund_row_no": i, "source": f.source,
                          "initial_budget_yuan": _fit(f.initial_budget_yuan, YUAN),
                          "annual_budget_yuan": _fit(f.annual_budget_yuan, YUAN),
                          "executed_yuan": _fit(f.executed_yuan, YUAN),
                          "weight": _fit(f.weight, POINTS),
                          "execution_rate": _fit(f.execution_rate, RATIO),
                          "score": _fit(f.score, POINTS),
                          "initial_budget_raw": f.initial_budget_raw,
                          "annual_budget_raw": f.annual_budget_raw, "executed_raw": f.executed_raw,
                          "weight_raw": f.weight_raw, "execution_rate_raw": f.execution_rate_raw,
                          "score_raw": f.score_raw,
                          "extra_values": [{"label": e.label, "raw": e.raw,
                                            "value": _fit(e.value, VALUE), "unit": e.unit}
                                           for e in f.extra_values],
                          "task_name": f.task_name, "task_content": f.task_content,
                          "completion": f.completion,
                          "unit_printed": s.fund_unit, **_pages(f.pages),
                          "page_quality": quality(*f.pages),
                          "ocr_confidence": ocr.confidence(b for bs in f.cell_boxes.values() for b in bs),
                          **_geometry(f.boxes, f.cell_boxes)})
        for ind in s.indicators:
            indicators.append({**base, "sheet_no": s.sheet_no, "row_no": ind.row_no,
                               "level1": ind.level1, "level2": ind.level2, "level3": ind.level3,
                               **_value_columns("target", ind.target),
                               **_value_columns("actual", ind.actual),
                               "weight": _fit(ind.weight, POINTS), "score": _fit(ind.score, POINTS),
                               "weight_raw": ind.weight_raw, "score_raw": ind.score_raw,
                               "deviation": ind.deviation, "basis": ind.basis, **_pages(ind.pages),
                               "page_quality": quality(*ind.pages),
                               "ocr_confidence": ocr.confidence(b for bs in ind.cell_boxes.values() for b in bs),
                               **_geometry(ind.boxes, ind.cell_boxes)})
    document = {**base, "source_path": doc.source_path,
                "source_paths": list(source_paths or (doc.source_path,)), "page_count": doc.page_count,
                "producer": doc.producer, "unit_name": doc.unit_name, "status": doc.status,
                "error_class": doc.error_class, "error_message": doc.error_message,
                "document_kind": doc.document_kind, "kind_evidence": doc.kind_evidence,
                "damaged_pages": list(doc.damaged_pages), "ocr_pages": list(ocr.pages),
                "sheet_count": len(doc.sheets), "indicator_count": doc.indicator_count,
                "failed_check_count": doc.failed_check_count, "fact_count": len(doc.narrative.facts),
                "statement_table_count": doc.statement_table_count,
                "failed_cross_check_count": doc.failed_cross_check_count,
                "warnings": list(doc.warnings), "warning_codes": list(doc.warning_codes),
                "backend": backend, "pipeline_version": version,
                "extraction_time": when}
    facts = [{**base, "fact_no": f.fact_no, "section": f.section, "topic": f.topic, "key": f.key,
              "label": f.label, "value": _fit(f.value, VALUE), "unit": f.unit,
              "value_raw": f.value_raw, "unit_raw": f.unit_raw, "raw_text": f.raw_text,
              "page": f.page, "page_quality": quality(f.page), "ocr_confidence": ocr.confidence(f.boxes),
              "metric": f.metric,
              "subject": f.subject, "measure": f.measure, "scope": f.scope,
              "metric_candidates": list(f.metric_candidates), "metric_doubt": f.metric_doubt,
              **_geometry(f.boxes, with_page=False),
              "metric_value": _fit(f.metric_value, VALUE)}
             for f in doc.narrative.facts]
    items = [{**base, "seq": i.seq, "class_name": i.class_name, "section_name": i.section_name,
              "item_name": i.item_name, "code": i.code, "amount_yuan": _fit(i.amount_yuan, YUAN),
              "budget_yuan": _fit(i.budget_yuan, YUAN), "change_yuan": _fit(i.change_yuan, YUAN),
              "change_direction": i.change_direction, "change_ratio": _fit(i.change_ratio, RATIO),
              "amount_raw": i.amount_raw, "budget_raw": i.budget_raw, "change_raw": i.change_raw,
              "change_pct_raw": i.change_pct_raw, "reason": i.reason, "raw_text": i.raw_text,
              "page": i.page} for i in doc.narrative.expenditure_items]
    tables = [{**base, "table_name": t.table, "title": t.title, "status": t.status,
               "standard": t.standard,
               "unit_printed": t.unit_printed, "first_page": t.first_page,
               "last_page": t.last_page, "line_count": t.line_count, "note": t.note}
              for t in doc.statement_tables]
    lines = [{**base, "table_name": ln.table, "title": ln.title, "row_no": ln.row_no, "code": ln.code,
              **_code_levels(ln.code), "label": ln.label, "column_path": ln.column_path,
              "value_yuan": _fit(ln.value_yuan, YUAN), "value_raw": ln.value_raw,
              "unit_printed": ln.unit_printed, "page": ln.page, "page_quality": quality(ln.page),
              "ocr_confidence": ocr.confidence([PieceBox(ln.page, *ln.bbox)] if ln.bbox else []),
              **_bbox(ln.bbox)}
             for ln in doc.statement_lines]
    checks = [{**base, "check_id": c.check_id, "status": c.status, "detail": c.detail}
              for c in doc.document_checks]
    return {"documents": [document], "sheets": sheets, "sheet_funds": funds,
            "indicators": indicators, "facts": facts, "expenditure_items": items,
            "statement_tables": tables, "statement_lines": lines, "document_checks": checks}


def _code_levels(code: str | None) -> dict[str, str | None]:
    """科目编码 2010601 as its 类 201, 款 20106 and 项 2010601 (each None where not printed)."""
    c = code if code and code.isdigit() else ""
    return {"code_class": c[:3] if len(c) >= 3 else None,
            "code_section": c[:5] if len(c) >= 5 else None,
            "code_item": c[:7] if len(c) >= 7 else None}


def _sheet_row(base: dict[str, object], checked: CheckedSheet) -> dict[str, object]:
    s = checked.sheet
    return {**base, "sheet_no": s.sheet_no, "sheet_kind": s.sheet_kind, "title": s.title,
            "title_year": s.fiscal_year, "project_name": s.project_name,
            "competent_dept": s.competent_dept, "implementing_unit": s.implementing_unit,
            "unit_name": s.unit_name, "budget_code": s.budget_code,
            "goal_expected": s.goal_expected,
            "goal_actual": s.goal_actual, "total_weight": _fit(s.total_weight, POINTS),
            "total_score": _fit(s.total_score, POINTS), "total_weight_raw": s.total_weight_raw,
            "total_score_raw": s.total_score_raw, "evaluation_grade": s.evaluation_grade,
            "fund_unit": s.fund_unit,
            "indicator_count": len(s.indicators), **_pages(s.pages),
            "failed_checks": list(checked.failed_checks),
            "check_details": [f"{c.check_id}: {c.status}: {c.detail}" for c in checked.checks],
            "warnings": list(s.warnings), "layout_warnings": list(s.layout_warnings),
            "cells_printed": s.cells_printed, "cells_placed": s.cells_placed,
            "unplaced_cells": [{"text": u.text, "page": u.page, **_bbox(u.bbox)} for u in s.unplaced],
            **_geometry(s.boxes, s.field_boxes)}


def atomic_write(table: pa.Table, target: Path) -> None:
    """Write to a hidden temporary file beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _partitions(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return [e.name for e in entries if e.name.startswith("fiscal_year=")]


def write_document(out_dir: Path, doc: DocumentResult, backend: str, version: str,
                   source_paths: tuple[str, ...] = ()) -> None:
    """Write (or replace) every dataset file of one document, its documents row last."""
    rows = document_rows(doc, backend, version, source_paths=source_paths)
    partition = f"fiscal_year={doc.fiscal_year or UNKNOWN_YEAR}"
    for name in DATASETS:
        target = out_dir / name / partition / f"{doc.doc_id}.parquet"
        # The document's year may have changed since an earlier run: drop its old files. Each
        # partition is asked for this one name: listing partitions of a national archive's
        # hundred thousand files per document would make a batch quadratic.
        for other in _partitions(out_dir / name):
            stale = out_dir / name / other / f"{doc.doc_id}.parquet"
            if other != partition and stale.exists():
                stale.unlink()
        atomic_write(pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]), target)
