"""One entry point: bytes in, pages of words and the PO extraction out.

The type is decided by content, never by file name. PDF pages with a usable
text layer are read directly; the others are OCRed (one decision function,
`pdf.textlayer.has_text_layer`, so the two paths never disagree).
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors import errors
from extractors.email.extract import extract_email
from extractors.email.message.outlook import parse_msg
from extractors.email.message.parse import parse_email
from extractors.errors import DocumentError
from extractors.model import Extraction, Page
from extractors.ocr.read import ocr_image_bytes, ocr_pdf_pages
from extractors.pdf.active_content import active_content
from extractors.pdf.read import PDF_MARK_WITHIN, read_pdf
from extractors.pdf.textlayer import has_text_layer
from extractors.po.extract import extract_po
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


@dataclass(slots=True)
class Reading:
    """Pages of words, and the active content a PDF carries (never run, only named)."""

    pages: list[Page]
    active_content: list[str]


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


def read_document(data: bytes, options: ReadOptions = ReadOptions()) -> Reading:
    """`read_pages` plus the scripts, launch actions or embedded files a PDF carries."""
    pages = read_pages(data, options)
    if detect_kind(data) != "pdf":
        return Reading(pages, [])
    return Reading(pages, active_content(data))


def extract_document(data: bytes, options: ReadOptions = ReadOptions()) -> Extraction:
    """Read a document and extract its PO fields and line items.

    An email is read from its body; when the body holds no order lines, from its
    first attachment that is a PDF or an image.
    """
    kind = detect_kind(data)
    if kind in ("eml", "msg"):
        return _extract_email(data, kind, options)
    pages = read_pages(data, options)
    extraction = extract_po(pages)
    extraction.page_count = len(pages)
    extraction.sources = [p.source for p in pages]
    for p in pages:
        if p.note:
            extraction.warnings.append(f"page {p.number}: {p.note}")
    return extraction


def _extract_email(data: bytes, kind: str, options: ReadOptions) -> Extraction:
    parsed = parse_msg(data) if kind == "msg" else parse_email(data)
    extraction = extract_email(parsed)
    if extraction.line_items:
        return extraction
    for attachment in parsed.attachments:
        try:
            if detect_kind(attachment.data) in IMAGE_KINDS | {"pdf"}:
                return extract_document(attachment.data, options)
        except DocumentError:
            continue
    return extraction
