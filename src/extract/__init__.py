"""extract: published Chinese 部门决算 PDFs → typed Parquet datasets.

Stages, data flowing one way (pipeline.py sets the order; cli.py, started by launch.py, is the edge):
inputs/ (sources, integrity) → backends/ (read pages into grids) → sheets/ (find each 自评表's
tables, reassemble broken cells, build and validate records) and document/ (kind, running
headers, prose facts, the nine standard tables, checks) → outputs/ (Parquet, compaction, diff,
review). runs/ converts many documents (worker processes, Dask).
"""

__version__ = "0.1.0"
