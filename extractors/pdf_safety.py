"""Active content in a PDF: scripts, launch actions, embedded files, forms that post.

We never run any of it (pdfium is used without a form environment, so no
JavaScript engine exists); we only say that it is there, so a clerk looks before
the document is trusted. Two sources: pdfium's own counts of document scripts
and attachments (these see inside compressed object streams), and a scan of the
raw bytes for the action names, with `#xx` escapes in names decoded.
"""
from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .pdfium_lock import PDFIUM

# PDF name -> what we report
ACTIVE_NAMES = {
    b"JavaScript": "javascript", b"JS": "javascript", b"Launch": "launch_action",
    b"EmbeddedFiles": "embedded_files", b"EmbeddedFile": "embedded_files", b"GoToE": "embedded_files",
    b"RichMedia": "rich_media", b"SubmitForm": "submit_form", b"ImportData": "import_data", b"XFA": "xfa_form",
}
_PLAIN = re.compile(rb"/(" + b"|".join(sorted(ACTIVE_NAMES, key=len, reverse=True)) + rb")(?![A-Za-z0-9#])")
_ESCAPED = re.compile(rb"/[A-Za-z0-9]*#[0-9A-Fa-f]{2}[A-Za-z0-9#]*")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")


def active_content(data: bytes) -> list[str]:
    """Sorted kinds of active content in the PDF bytes; [] for a plain document."""
    found = {ACTIVE_NAMES[m.group(1)] for m in _PLAIN.finditer(data)}
    for m in _ESCAPED.finditer(data):  # "/J#61vaScript" is "/JavaScript" to a reader
        name = _HEX.sub(lambda h: bytes([int(h.group(1), 16)]), m.group(0))[1:]
        if name in ACTIVE_NAMES:
            found.add(ACTIVE_NAMES[name])
    found |= _counted(data)
    return sorted(found)


def _counted(data: bytes) -> set[str]:
    found: set[str] = set()
    with PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return found
        try:
            if raw.FPDFDoc_GetJavaScriptActionCount(doc.raw) > 0:
                found.add("javascript")
            if raw.FPDFDoc_GetAttachmentCount(doc.raw) > 0:
                found.add("embedded_files")
        finally:
            doc.close()
    return found
