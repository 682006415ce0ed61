"""What goes out: the Parquet datasets, their compaction, comparison (diff) and review pages."""
