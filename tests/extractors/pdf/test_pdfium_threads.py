"""PDFium is not thread-safe: a two-thread worker once crashed ("double free").
Threads reading and rendering PDFs at once must all finish, with the right text.
Run in a child process, since a heap corruption would take pytest down with it."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.helpers import REPO

SCRIPT = textwrap.dedent("""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from extractors.ocr.read import _render_page
    from extractors.pdf.read import read_pdf
    from extractors.pdf.lock import PDFIUM
    from tests.pdfs import simple_po

    docs = [simple_po(f"T-{i}", lines=[(f"SKU-{j}", f"Item {j}", j + 1, "1.00") for j in range(120)])
            for i in range(4)]

    def read(i):
        pages = read_pdf(docs[i % 4], max_pages=50)
        return any(w.text == f"T-{i % 4}" for p in pages for w in p.words)

    def render(i):
        import pypdfium2 as pdfium
        with PDFIUM:
            pdf = pdfium.PdfDocument(docs[i % 4])
        try:
            return _render_page(pdf, 1, 100).image.size[0] > 0
        finally:
            with PDFIUM:
                pdf.close()

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda i: read(i) if i % 2 else render(i), range(80)))
    sys.exit(0 if all(results) else 3)
""")


def test_threads_share_pdfium_without_crashing():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
