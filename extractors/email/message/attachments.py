"""Attachments: the record, content sniffing, safe file names, TNEF and BinHex unpacking."""
from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass

from extractors.email.message.binhex import decode_binhex
from extractors.pdf.read import PDF_MARK_WITHIN
from extractors.textpages import is_text

try:  # optional: without tnefparse a winmail.dat is kept as it came
    from tnefparse import TNEF
except ImportError:  # pragma: no cover - tnefparse is a dependency, but an optional one here
    TNEF = None

GENERIC_TYPES = {"application/octet-stream", "application/x-msdownload", "application/unknown",
                 "binary/octet-stream", "application/binary"}
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
BINHEX_TYPES = {"application/mac-binhex40", "application/mac-binhex"}
TNEF_MAGIC = b"\x78\x9f\x3e\x22"  # the first bytes of a winmail.dat
SUBJECT_NAME_CHARS = 80  # an attached email is named after this much of its subject
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0", "application/vnd.ms-outlook"),
    (TNEF_MAGIC, "application/ms-tnef"),
)
_EXT = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "text/plain": ".txt",
        "message/rfc822": ".eml", "application/ms-tnef": ".dat", "text/html": ".html",
        "application/vnd.ms-outlook": ".msg", "image/tiff": ".tif"}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


@dataclass(slots=True)
class Attachment:
    """One file carried by an email; `inline` parts are shown in the body (logos, scans)."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    content_id: str | None = None


def sniff(data: bytes) -> str | None:
    """The type the bytes say they are: a file signature, "%PDF-", or UTF-8 text; None when unknown."""
    for magic, ctype in _MAGIC:
        if data.startswith(magic):
            return ctype
    if b"%PDF-" in data[:PDF_MARK_WITHIN]:
        return "application/pdf"
    if is_text(data):
        return "text/plain"
    return None


def effective_type(declared: str, data: bytes, filename: str | None) -> str:
    """The declared type, unless it says nothing (octet-stream) and the bytes or name do."""
    if declared in GENERIC_TYPES or not declared:
        found = sniff(data)
        if found is None and filename:
            found = mimetypes.guess_type(filename)[0]
        return found or "application/octet-stream"
    return declared


def clean_filename(name: str | None) -> str | None:
    """A name safe to show and store: no folders, no control characters."""
    if not name:
        return None
    name = name.replace("\r", "").replace("\n", " ")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    return name or None


def default_filename(content_type: str, index: int) -> str:
    ext = _EXT.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"
    return f"attachment-{index}{ext}"


def unpack_tnef(att: Attachment) -> tuple[list[Attachment], str | None, str | None]:
    """(files, body text, defect) of a winmail.dat; keeps the original when unreadable."""
    if TNEF is None:
        return [att], None, None
    try:
        tnef = TNEF(att.data, do_checksum=False)
    except Exception as exc:  # any malformed TNEF
        return [att], None, f"bad_tnef: {att.filename}: {exc}"
    files = []
    for i, item in enumerate(tnef.attachments, 1):
        data = item.data or b""
        raw_name = item.long_filename() or _to_str(item.name)
        name = clean_filename(raw_name)
        ctype = effective_type("", data, name)
        files.append(Attachment(name or default_filename(ctype, i), ctype, data))
    body = _to_str(getattr(tnef, "body", None)) if getattr(tnef, "body", None) else None
    return (files or [att]), body, None


def unpack_binhex(att: Attachment) -> tuple[Attachment, str | None]:
    decoded = decode_binhex(att.data)
    if decoded is None:
        return att, f"bad_binhex: {att.filename}"
    name, data = decoded
    filename = att.filename if not att.filename.startswith("attachment-") else (
        clean_filename(name) or att.filename)
    ctype = effective_type("", data, filename)
    return Attachment(filename, ctype, data, att.inline, att.content_id), None


def _to_str(value) -> str:
    if isinstance(value, bytes):
        for enc in ("utf-8", "cp1252"):
            try:
                return value.decode(enc).rstrip("\x00")
            except UnicodeDecodeError:
                continue
    return str(value or "").rstrip("\x00")
