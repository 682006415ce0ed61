"""Running many documents: the local batch (batch.py: plan, documents, workers, memory, lock,
progress) and Dask (dask_batch.py, which builds on them)."""
