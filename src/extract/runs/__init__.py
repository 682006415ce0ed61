"""Running many documents: the local batch (worker processes, resume, lock, progress) and Dask."""
