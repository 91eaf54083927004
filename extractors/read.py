"""One entry point: bytes in, the PO extraction out (pages are read by `extractors.pages`).

An email is read from its body, or from its first attachment that is a PDF or an
image; every other document through its pages of words.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors.email.extract import extract_email
from extractors.email.message.outlook import parse_msg
from extractors.email.message.parse import parse_email
from extractors.errors import DocumentError
from extractors.model import Extraction, Page
from extractors.pages import IMAGE_KINDS, ReadOptions, detect_kind, read_pages
from extractors.pdf.active_content import active_content
from extractors.po.extract import extract_po

__all__ = ["IMAGE_KINDS", "ReadOptions", "Reading", "detect_kind", "extract_document", "read_document",
           "read_pages"]


@dataclass(slots=True)
class Reading:
    """Pages of words, and the active content a PDF carries (never run, only named)."""

    pages: list[Page]
    active_content: list[str]


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
