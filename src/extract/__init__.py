"""extract: published Chinese 部门决算 PDFs → typed Parquet datasets.

Stages (one module each, data flowing one way): backends (read pages) → tables (find sheets)
→ reassembly (rebuild broken cells) → records + normalize (typed values) → validate
(arithmetic checks) → writer (Parquet). pipeline.py sets the order; cli.py is the edge.
"""

__version__ = "0.1.0"
