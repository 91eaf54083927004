"""Without tesseract, OCR refuses with a stable code instead of crashing."""
from __future__ import annotations

import io

import pytesseract
import pytest
from PIL import Image

from extractors import errors
from extractors.errors import DocumentError
from extractors.ocr import read as ocr


@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buf, "PNG")
    return buf.getvalue()


def test_tesseract_missing_is_reported_unavailable(no_tesseract):
    assert ocr.tesseract_available() is False


def test_image_ocr_without_tesseract_raises_ocr_unavailable(no_tesseract):
    with pytest.raises(DocumentError) as exc:
        ocr.ocr_image_bytes(png(), lang="eng", timeout=10, max_pages=5)
    assert exc.value.code == errors.OCR_UNAVAILABLE


def test_pdf_ocr_without_tesseract_raises_ocr_unavailable(no_tesseract):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(DocumentError) as exc:
        ocr.ocr_pdf_pages(bytes(pdf.output()), [1], lang="eng", timeout=10, dpi=150)
    assert exc.value.code == errors.OCR_UNAVAILABLE
