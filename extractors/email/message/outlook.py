"""Outlook .msg files (OLE compound documents) as a `ParsedEmail`, read with extract-msg."""
from __future__ import annotations

import logging
from datetime import UTC
from email.utils import getaddresses

from extractors import errors
from extractors.email.message.attachments import (
    SUBJECT_NAME_CHARS,
    Attachment,
    clean_filename,
    default_filename,
    effective_type,
)
from extractors.email.message.headers import message_ids
from extractors.email.message.html import html_to_text
from extractors.email.message.parse import ParsedEmail
from extractors.errors import DocumentError

NOT_AN_EMAIL = "not_an_email"
CORRUPT_MSG = "corrupt_msg"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DEPTH = 5  # Outlook messages attached inside attached messages


def parse_msg(data: bytes) -> ParsedEmail:
    """Parse an Outlook .msg; DocumentError when it is not one or cannot be opened."""
    if not data or not data.strip():
        raise DocumentError(errors.EMPTY_FILE, "the file is empty")
    if not data.startswith(OLE_MAGIC):
        raise DocumentError(NOT_AN_EMAIL, "not an OLE compound file, so not an Outlook .msg")
    import extract_msg  # heavy (olefile, compressed RTF, ...): loaded only when a .msg arrives

    logging.getLogger("extract_msg").setLevel(logging.ERROR)
    try:
        msg = extract_msg.openMsg(data, delayAttachments=False, strict=False)
    except Exception as exc:  # extract-msg raises many kinds
        code = CORRUPT_MSG if b"_\x00_\x00s\x00u\x00b\x00s\x00t\x00g" in data else NOT_AN_EMAIL
        raise DocumentError(code, f"cannot open as Outlook message: {exc}") from exc
    try:
        return _from_msg(msg, 0)
    finally:
        msg.close()


def _from_msg(msg, depth: int) -> ParsedEmail:
    out = ParsedEmail()
    out.message_id = next(iter(message_ids(_get(msg, "messageId"))), None)
    out.in_reply_to = next(iter(message_ids(_get(msg, "inReplyTo"))), None)
    header = _safe(lambda: msg.header)
    if header is not None:
        out.references = message_ids(str(header.get("References", "") or ""))
    senders = _addresses(_get(msg, "sender"))
    if senders:
        out.sender_name, out.sender = senders[0]
    out.to = [a for _, a in _addresses(_get(msg, "to"))]
    out.cc = [a for _, a in _addresses(_get(msg, "cc"))]
    out.subject = " ".join(_get(msg, "subject").split())
    date = _safe(lambda: msg.date)
    if date is not None and hasattr(date, "tzinfo"):
        out.date = date if date.tzinfo else date.replace(tzinfo=UTC)
    html = _safe(lambda: msg.htmlBody)
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    out.html = html.replace("\x00", "") if html else None
    body = _get(msg, "body").replace("\r\n", "\n")
    out.text = (body if body.strip() else html_to_text(out.html or "")).strip()
    for i, att in enumerate(_safe(lambda: msg.attachments) or [], 1):
        _attachment(att, i, out, depth)
    return out


def _attachment(att, index: int, out: ParsedEmail, depth: int) -> None:
    data = _safe(lambda: att.data)
    name = clean_filename((_safe(lambda: att.longFilename) or _safe(lambda: att.shortFilename)
                           or _safe(lambda: att.displayName) or "").replace("\x00", ""))
    if data is not None and not isinstance(data, (bytes, bytearray)):
        if depth >= MAX_DEPTH or not hasattr(data, "attachments"):
            out.defects.append(f"unreadable_attachment: {name or index}")
            return
        inner = _from_msg(data, depth + 1)  # an embedded Outlook message
        raw = _safe(lambda: data.asEmailMessage().as_bytes()) or b""
        out.attachments.append(Attachment(
            name or clean_filename((inner.subject or f"message-{index}")[:SUBJECT_NAME_CHARS] + ".eml"),
            "message/rfc822", raw))
        out.attachments.extend(inner.attachments)
        out.messages.append(inner)
        return
    data = bytes(data or b"")
    ctype = effective_type((_safe(lambda: att.mimetype) or "").strip("\x00 ").lower(), data, name)
    cid = (_safe(lambda: att.contentId) or "").strip("<>") or None
    inline = bool(cid) and bool(_safe(lambda: att.hidden))
    out.attachments.append(Attachment(name or default_filename(ctype, index), ctype, data,
                                      inline, cid))


def _addresses(text: str) -> list[tuple[str, str]]:
    pairs = getaddresses([text.replace(";", ",")]) if text else []
    return [(n.strip(), a.strip().lower()) for n, a in pairs if "@" in a]


def _get(msg, name: str) -> str:
    value = _safe(lambda: getattr(msg, name))
    return str(value).replace("\x00", "") if value else ""


def _safe(fn):
    try:
        return fn()
    except Exception:  # a missing or broken property reads as absent
        return None
