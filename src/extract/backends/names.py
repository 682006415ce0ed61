"""The names the command line offers for reading: backends, readers, OCR modes.

Kept apart from the backends, and importing nothing: an ``extract run``'s own process parses
its options and starts its workers without loading numpy or pdfium (they load in the workers'
fork server meanwhile, runs/server.py), so the first document is read sooner.
"""

BACKEND_NAMES = ("pdfium", "pdfplumber", "camelot")
DEFAULT_BACKEND = "pdfium"

READERS = ("auto", "native", "python")
READER_VARIABLE = "EXTRACT_READER"  # the environment's choice of reader (a run's workers inherit it)

OCR_MODES = ("auto", "off", "force")
OCR_EXTRA = "pip install -e '.[ocr]'"
