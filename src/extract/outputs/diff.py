"""What changed between two outputs: ``extract diff OLD_OUT NEW_OUT``.

After an upgrade, a backend switch or a re-run of an archive, the question is what changed in
the warehouse. Documents are matched by ``doc_id``, and a document whose content changed (a new
doc_id) by its file name where that is unique on both sides; rows by their natural keys, which
survive rows added or removed before them:

    documents          doc_id
    sheets             project name, else sheet number
    indicators         its sheet's key + row number + level3
    sheet_funds        its sheet's key + source
    facts              metric, else key
    expenditure_items  class / section / item names
    statement_tables   table name
    statement_lines    table + code + label + column path
    document_checks    check id

A key repeated within a document is told apart by its occurrence (``#2``). Volatile columns
(extraction_time, pipeline_version, backend, source_path(s)), the boxes where values were
printed (x0 … cell_boxes) and positions that only number rows (fact_no,
fund_row_no, a statement line's row_no, an item's seq) are not compared.

Both outputs are read a chunk of documents at a time (``CHUNK`` doc_ids per scan, with a
filter pyarrow pushes down), so memory holds a chunk's rows, never a whole archive. Per-document
and compacted outputs are read alike.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..datamodel import DATASETS
from .reading import open_dataset

if TYPE_CHECKING:
    import pyarrow.dataset as ds

CHUNK = 500
# Where the input lay is not what it says: a re-run from another folder is the same output.
VOLATILE = {"extraction_time", "pipeline_version", "backend", "source_path", "source_paths"}
# Where a value was printed moves when a row is added above it; the value did not change.
GEOMETRY = {"x0", "y0", "x1", "y1", "boxes", "cell_boxes"}
IGNORED = VOLATILE | GEOMETRY
POSITIONS = {"facts": {"fact_no"}, "sheet_funds": {"fund_row_no"}, "statement_lines": {"row_no"},
             "expenditure_items": {"seq"}, "sheets": {"sheet_no"}, "indicators": {"sheet_no"}}
ORDER = ("documents",) + tuple(d for d in DATASETS if d != "documents")


@dataclass(frozen=True)
class Change:
    dataset: str
    doc_id: str
    file_name: str
    key: str
    kind: str  # added / removed / changed
    fields: tuple[tuple[str, object, object], ...] = ()  # (column, old, new)


@dataclass
class DiffReport:
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    compared: Counter = field(default_factory=Counter)  # dataset -> rows compared (matched)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def summary(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name in ORDER:
            counts = Counter(c.kind for c in self.changes if c.dataset == name)
            out[name] = {"added": counts["added"], "removed": counts["removed"],
                         "changed": counts["changed"], "unchanged": self.compared[name] - counts["changed"]}
        return out


def _rows(dataset: ds.Dataset | None, doc_ids: list[str]) -> dict[str, list[dict]]:
    """doc_id -> its rows in this dataset, for a chunk of documents."""
    import pyarrow.compute as pc
    if dataset is None or not doc_ids:
        return {}
    table = dataset.to_table(filter=pc.field("doc_id").isin(doc_ids))
    out: dict[str, list[dict]] = {}
    for row in table.to_pylist():
        out.setdefault(row["doc_id"], []).append(row)
    return out


def _sheet_keys(sheets: list[dict]) -> dict[int, str]:
    """sheet_no -> the sheet's natural key (its project name, else its number)."""
    keys, seen = {}, Counter()
    for s in sorted(sheets, key=lambda r: r["sheet_no"]):
        base = s.get("project_name") or f"sheet {s['sheet_no']}"
        seen[base] += 1
        keys[s["sheet_no"]] = base if seen[base] == 1 else f"{base}#{seen[base]}"
    return keys


def _key(name: str, row: dict, sheet_keys: dict[int, str]) -> str:
    sheet = sheet_keys.get(row.get("sheet_no"), f"sheet {row.get('sheet_no')}")
    if name == "documents":
        return row["doc_id"]
    if name == "sheets":
        return sheet
    if name == "indicators":
        return f"{sheet} / row {row['row_no']} / {row.get('level3')}"
    if name == "sheet_funds":
        return f"{sheet} / {row.get('source')}"
    if name == "facts":
        return row.get("metric") or row["key"]
    if name == "expenditure_items":
        return " / ".join(str(row.get(k) or "") for k in ("class_name", "section_name", "item_name"))
    if name == "statement_tables":
        return row["table_name"]
    if name == "statement_lines":
        return " / ".join(str(row.get(k) or "") for k in ("table_name", "code", "label", "column_path"))
    if name == "document_checks":
        return row["check_id"]
    return json.dumps({k: str(v) for k, v in row.items()}, ensure_ascii=False)  # pragma: no cover


def _keyed(name: str, rows: list[dict], sheet_keys: dict[int, str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    seen: Counter = Counter()
    for row in rows:
        base = _key(name, row, sheet_keys)
        seen[base] += 1
        out[base if seen[base] == 1 else f"{base}#{seen[base]}"] = row
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b  # 1.50 and 1.5000 are one value at different column scales
    return a == b


def _compare_rows(name: str, old: dict, new: dict, ignore: set[str]) -> tuple[tuple[str, object, object], ...]:
    skip = ignore | POSITIONS.get(name, set()) | {"doc_id"}
    return tuple((col, old.get(col), new.get(col)) for col in sorted(set(old) | set(new))
                 if col not in skip and not _same(old.get(col), new.get(col)))


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def diff_outputs(old: Path, new: Path, datasets: tuple[str, ...] | None = None,
                 ignore: set[str] | None = None) -> DiffReport:
    """Every difference between two outputs, dataset by dataset (see the module docstring)."""
    for out in (old, new):
        if not (out / "documents").is_dir():
            raise FileNotFoundError(f"{out} holds no extract output (no documents/ dataset)")
    ignore = IGNORED if ignore is None else ignore
    wanted = [d for d in ORDER if datasets is None or d in datasets or d == "documents"]
    report = DiffReport(str(old), str(new))
    sides = {side: {name: open_dataset(out, name, exclude_invalid_files=True) for name in wanted} for side, out in (("old", old), ("new", new))}
    docs = {side: {r["doc_id"]: r["file_name"] for r in
                   sides[side]["documents"].to_table(columns=["doc_id", "file_name"]).to_pylist()}
            for side in sides}
    pairs = [(d, d) for d in sorted(docs["old"].keys() & docs["new"].keys())]
    # A document whose content changed (a regenerated sample, a re-published PDF) has a new
    # doc_id: matched by its file name where that name is unique on both sides.
    gone = {d: n for d, n in docs["old"].items() if d not in docs["new"]}
    came = {d: n for d, n in docs["new"].items() if d not in docs["old"]}
    by_name_old = {n: d for d, n in gone.items() if list(gone.values()).count(n) == 1}
    by_name_new = {n: d for d, n in came.items() if list(came.values()).count(n) == 1}
    renamed = [(by_name_old[n], by_name_new[n]) for n in sorted(by_name_old.keys() & by_name_new.keys())]
    pairs += renamed
    matched_old, matched_new = {a for a, _ in renamed}, {b for _, b in renamed}
    for doc_id in sorted(gone.keys() - matched_old):
        report.changes.append(Change("documents", doc_id, docs["old"][doc_id], doc_id, "removed"))
    for doc_id in sorted(came.keys() - matched_new):
        report.changes.append(Change("documents", doc_id, docs["new"][doc_id], doc_id, "added"))
    for chunk in _chunks(pairs):
        old_rows = {name: _rows(sides["old"][name], [a for a, _ in chunk]) for name in wanted}
        new_rows = {name: _rows(sides["new"][name], [b for _, b in chunk]) for name in wanted}
        for old_id, new_id in chunk:
            file_name = docs["new"][new_id]
            keys_old = _sheet_keys(old_rows.get("sheets", {}).get(old_id, []))
            keys_new = _sheet_keys(new_rows.get("sheets", {}).get(new_id, []))
            for name in wanted:
                a = _keyed(name, old_rows[name].get(old_id, []), keys_old)
                b = _keyed(name, new_rows[name].get(new_id, []), keys_new)
                if name == "documents":  # keyed by doc_id: a changed content is one document
                    a, b = {file_name: a[old_id]}, {file_name: b[new_id]}
                for key in a.keys() - b.keys():
                    report.changes.append(Change(name, new_id, file_name, key, "removed"))
                for key in b.keys() - a.keys():
                    report.changes.append(Change(name, new_id, file_name, key, "added"))
                for key in a.keys() & b.keys():
                    report.compared[name] += 1
                    fields = _compare_rows(name, a[key], b[key], ignore)
                    if name == "documents" and old_id != new_id:
                        fields = (("doc_id", old_id, new_id),) + fields
                    if fields:
                        report.changes.append(Change(name, new_id, file_name, key, "changed", fields))
    report.changes.sort(key=lambda c: (ORDER.index(c.dataset), c.file_name, c.key, c.kind))
    return report


# ---------------------------------------------------------------------------- formats


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def format_text(report: DiffReport) -> str:
    lines = [f"extract diff {report.old} -> {report.new}"]
    for name, counts in report.summary().items():
        if any(counts[k] for k in ("added", "removed", "changed")) or counts["unchanged"]:
            lines.append(f"  {name}: {counts['added']} added, {counts['removed']} removed, "
                         f"{counts['changed']} changed, {counts['unchanged']} unchanged")
    for c in report.changes:
        head = f"{c.kind.upper():8} {c.dataset} {c.file_name} [{c.key}]"
        if c.kind != "changed":
            lines.append(head)
            continue
        lines.append(head)
        lines += [f"           {col}: {_show(old)} -> {_show(new)}" for col, old, new in c.fields]
    if not report.changed:
        lines.append("no differences")
    return "\n".join(lines) + "\n"


def format_json(report: DiffReport) -> str:
    return json.dumps({
        "old": report.old, "new": report.new, "changed": report.changed, "summary": report.summary(),
        "changes": [{"dataset": c.dataset, "doc_id": c.doc_id, "file_name": c.file_name, "key": c.key,
                     "kind": c.kind, "fields": [{"column": col, "old": old, "new": new}
                                                for col, old, new in c.fields]}
                    for c in report.changes]}, ensure_ascii=False, indent=1, default=str) + "\n"


def format_markdown(report: DiffReport) -> str:
    lines = [f"## extract diff `{report.old}` → `{report.new}`", "",
             "| dataset | added | removed | changed | unchanged |", "|---|---|---|---|---|"]
    for name, counts in report.summary().items():
        lines.append(f"| {name} | {counts['added']} | {counts['removed']} | {counts['changed']} | {counts['unchanged']} |")
    lines.append("")
    if not report.changed:
        lines.append("No differences.")
    for c in report.changes:
        lines.append(f"* **{c.kind}** `{c.dataset}` {c.file_name} — {c.key}")
        lines += [f"  * `{col}`: {_show(old)} → {_show(new)}" for col, old, new in c.fields]
    return "\n".join(lines) + "\n"


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown}
