"""Bytes in, pages of words out: the document's type by content, then its text layer or OCR.

The type is decided by content, never by file name. PDF pages with a usable
text layer are read directly; the others are OCRed (one decision function,
`pdf.textlayer.has_text_layer`, so the two paths never disagree). Nothing here
reads PO fields, so training and evaluation can read pages without the extractor.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors import errors
from extractors.errors import DocumentError
from extractors.model import Page
from extractors.ocr.read import ocr_image_bytes, ocr_pdf_pages
from extractors.pdf.read import PDF_MARK_WITHIN, read_pdf
from extractors.pdf.textlayer import has_text_layer
from extractors.textpages import is_text, text_to_pages

IMAGE_KINDS = {"png", "jpeg", "tiff", "heic", "bmp", "gif", "webp"}
HEADER_LINES = 40  # an email's first lines looked at for header names ...
MIN_HEADERS = 2  # ... of which this many make it an email


@dataclass(frozen=True, slots=True)
class ReadOptions:
    max_pages: int = 200
    ocr_lang: str = "eng"
    ocr_page_timeout: float = 60.0
    ocr_dpi: int = 300


def detect_kind(data: bytes) -> str:
    """Name the document type from its first bytes; raise for what we do not read."""
    if not data or not data.strip():
        raise DocumentError(errors.EMPTY_FILE, "the file is empty")
    head = data[:PDF_MARK_WITHIN]  # also holds every image signature and an email's first headers
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftypheif"):
        return "heic"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "msg"  # OLE2 container: Outlook .msg
    if _looks_like_email(head):
        return "eml"
    if is_text(data):
        return "text"
    raise DocumentError(errors.UNSUPPORTED_TYPE, "not a PDF, image, email or text file")


def _looks_like_email(head: bytes) -> bool:
    text = head.decode("latin-1").lower()
    keys = ("from:", "to:", "subject:", "date:", "message-id:", "mime-version:", "received:", "return-path:")
    hits = sum(1 for line in text.splitlines()[:HEADER_LINES] if line.startswith(keys))
    return hits >= MIN_HEADERS


def read_pages(data: bytes, options: ReadOptions = ReadOptions()) -> list[Page]:
    """Pages of words for a PDF or image; OCR where a page has no usable text."""
    kind = detect_kind(data)
    if kind == "pdf":
        pages = read_pdf(data, max_pages=options.max_pages)
        missing = [p.number for p in pages if not has_text_layer(p)]
        if missing:
            ocred = {p.number: p for p in ocr_pdf_pages(
                data, missing, lang=options.ocr_lang,
                timeout=options.ocr_page_timeout, dpi=options.ocr_dpi)}
            pages = [ocred.get(p.number, p) for p in pages]
        return pages
    if kind in IMAGE_KINDS:
        return ocr_image_bytes(data, lang=options.ocr_lang,
                               timeout=options.ocr_page_timeout, max_pages=options.max_pages)
    if kind == "text":
        return text_to_pages(data.decode("utf-8", errors="replace"))
    raise DocumentError(errors.UNSUPPORTED_TYPE, f"{kind} documents are read by the email intake")
