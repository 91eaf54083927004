"""PDFium is not thread-safe, not even across documents: calls from two threads
at once corrupt its heap (seen as "double free" crashes in a two-thread worker).
Every use of pypdfium2 holds this one process-wide lock and closes what it opened
before letting go, so no finalizer runs pdfium code later on another thread."""
from __future__ import annotations

import threading

PDFIUM = threading.RLock()
