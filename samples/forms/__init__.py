"""The sample generator's drawing (samples/generate.py is its command line).

* drawing — the document model, the page layouts (LAYOUTS), pagination, the two renderers.
"""
