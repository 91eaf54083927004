"""Header values that never raise: decoded text, addresses, message ids, the date."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from dateutil import parser as dateutil_parser

_MSGID = re.compile(r"<([^<>\s]+)>")


_C1 = re.compile(r"[\x80-\x9f]")


def clean_text(text: str) -> str:
    """Raw 8-bit bytes as UTF-8 (else Windows-1252); C1 controls from a latin-1 label as
    the Windows-1252 characters they stand for (\x96 is an en dash)."""
    raw = text.encode("utf-8", "surrogateescape")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    return _C1.sub(lambda m: bytes([ord(m.group())]).decode("cp1252", "replace"), text)


def decode_words(raw: str) -> str:
    """RFC 2047 encoded words decoded; the raw text where they are broken."""
    if "=?" not in raw:
        return raw
    try:
        return str(make_header(decode_header(raw)))
    except Exception:  # unknown charset, bad base64 in a header
        return raw


def _raw(msg: Message, name: str) -> str | None:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return None


def header_text(msg: Message, name: str) -> str:
    """The decoded, unfolded value of a header ('' when absent or unreadable)."""
    try:
        value = msg.get(name)
        text = "" if value is None else str(value)
        if "=?" in text:
            text = decode_words(text)
    except Exception:  # header parser gave up: decode by hand
        text = decode_words(_raw(msg, name) or "")
    return " ".join(clean_text(text).split())


def addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lowercased address) pairs of an address header."""
    pairs: list[tuple[str, str]] = []
    try:
        header = msg.get(name)
        for a in getattr(header, "addresses", ()) or ():
            pairs.append((a.display_name or "", a.addr_spec))
    except Exception:  # fall back to the lenient parser below
        pairs = []
    if not pairs:
        raw = _raw(msg, name)
        if raw:
            pairs = [(decode_words(n), a) for n, a in getaddresses([raw])]
    out = []
    for display, addr in pairs:
        addr = addr.strip().strip("<>").lower()
        if addr and addr != "<>":
            out.append((" ".join(clean_text(display).split()).strip('"\' '), clean_text(addr)))
    return out


def message_ids(text: str) -> list[str]:
    """Message ids without angle brackets, in order."""
    found = _MSGID.findall(text or "")
    if not found and text and text.strip():
        found = [t.strip("<>") for t in text.split() if "@" in t]
    return found


def parse_date(msg: Message) -> datetime | None:
    """The Date header as a timezone-aware datetime (UTC when no zone), else None."""
    raw = _raw(msg, "Date")
    if not raw:
        return None
    dt = None
    try:
        dt = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        try:
            dt = dateutil_parser.parse(raw, fuzzy=True)
        except (ValueError, OverflowError, TypeError):
            return None
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
