"""Active content in a PDF: scripts, launch actions, embedded files, forms that post.

We never run any of it (pdfium is used without a form environment, so no
JavaScript engine exists); we only say that it is there, so a clerk looks before
the document is trusted. Three sources: pdfium's own counts of document scripts
and attachments, a scan of the raw bytes for the action names (with `#xx` escapes
in names decoded), and, when the file has compressed object streams (where a raw
scan sees nothing), a walk over every object's dictionary with pdfminer.
"""
from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractors.pdf.lock import PDFIUM

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
    found |= _in_object_streams(data)
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


MAX_OBJECTS = 200_000  # a walk past this many objects stops (the sandbox bounds time and memory too)
MAX_DEPTH = 8  # dictionaries and arrays nested deeper in an object are not walked
MAX_ITEMS = 1000  # items of one array walked
_NAMES = {name.decode(): kind for name, kind in ACTIVE_NAMES.items()}


def _in_object_streams(data: bytes) -> set[str]:
    """Active names in the objects of a PDF with object streams (keys such as /JS, /XFA, /EmbeddedFiles;
    values such as /S /Launch)."""
    found: set[str] = set()
    if b"/ObjStm" not in data:
        return found
    from pdfminer.pdfdocument import PDFDocument  # heavy: only PDFs with object streams need it
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # pdfminer raises many kinds; pdfium reads what it can
        return found
    walked = 0
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            walked += 1
            if walked > MAX_OBJECTS:
                return found
            try:
                obj = doc.getobj(objid)
            except Exception:  # a broken object is skipped, not fatal
                continue
            _names(getattr(obj, "attrs", obj), found, 0)
    return found


def _names(value: object, found: set[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _NAMES:
                found.add(_NAMES[key])
            _names(item, found, depth + 1)
    elif isinstance(value, list):
        for item in value[:MAX_ITEMS]:
            _names(item, found, depth + 1)
    else:
        name = getattr(value, "name", None)  # a PSLiteral such as /Launch
        if isinstance(name, str) and name in _NAMES:
            found.add(_NAMES[name])
