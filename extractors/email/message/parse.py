"""Raw RFC 822 messages (.eml) as a `ParsedEmail`: headers, clean body text, attachments.

Malformed mail is parsed as far as it goes and flagged in `defects`; only bytes
that are not an email at all raise `DocumentError`. Outlook .msg files are read
by `outlook.parse_msg` into the same `ParsedEmail`.
"""
from __future__ import annotations

import base64
import email
import email.parser
import email.policy
import quopri
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message

from extractors import errors
from extractors.email.message.attachments import SUBJECT_NAME_CHARS, Attachment, clean_filename
from extractors.email.message.headers import addresses, header_text, message_ids, parse_date
from extractors.email.message.html import html_to_text
from extractors.email.message.parts import collect_defects, part_attachment, part_text
from extractors.errors import DocumentError

NOT_AN_EMAIL = "not_an_email"
MAX_DEPTH = 5  # attached emails inside attached emails
# Limits on hostile MIME; past them the headers are kept, the body is flagged (stable defect codes).
MAX_PARTS = 1000  # MIME parts in the whole message ("too_many_parts")
MAX_MIME_DEPTH = 30  # multiparts inside multiparts ("mime_too_deep")
MAX_DECODED_BYTES = 64 * 1024 * 1024  # attachments decoded, all together ("decoded_too_large")
_PART_HEADER = re.compile(rb"^content-type:", re.I | re.M)
KNOWN_HEADERS = {"from", "to", "cc", "subject", "date", "message-id", "mime-version",
                 "content-type", "received", "return-path", "sender", "reply-to"}


@dataclass(slots=True)
class ParsedEmail:
    """One email, headers decoded, body as clean text; nested messages in `messages`."""

    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    sender: str | None = None
    sender_name: str | None = None
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    subject: str = ""
    date: datetime | None = None
    text: str = ""
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    messages: list[ParsedEmail] = field(default_factory=list)  # attached emails


def parse_email(data: bytes) -> ParsedEmail:
    """Parse raw RFC 822 bytes; raise DocumentError only for what is not an email."""
    if not data or not data.strip():
        raise DocumentError(errors.EMPTY_FILE, "the file is empty")
    return _parse(data, depth=0)


def _parse(data: bytes, depth: int) -> ParsedEmail:
    parts = len(_PART_HEADER.findall(data))
    if parts > MAX_PARTS:
        return _headers_only(data, f"too_many_parts: {parts} MIME parts, at most {MAX_PARTS} are read")
    try:
        try:
            msg = email.message_from_bytes(data, policy=email.policy.default)
        except RecursionError:
            raise
        except Exception:  # the strict header parser failed on the header block
            msg = email.message_from_bytes(data, policy=email.policy.compat32)
    except RecursionError:
        return _headers_only(data, f"mime_too_deep: more than {MAX_MIME_DEPTH} levels of multipart")
    if not _looks_like_email(msg, data):
        raise DocumentError(NOT_AN_EMAIL, "no email headers found")
    if (levels := _depth(msg)) > MAX_MIME_DEPTH:
        return _headers_only(data, f"mime_too_deep: {levels} levels of multipart, at most {MAX_MIME_DEPTH}")
    try:
        return _build(msg, depth)
    except Exception as exc:  # the strict policy gave up; retry leniently
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        try:
            parsed = _build(msg, depth)
        except Exception as exc2:  # keep what we can, never lose the mail
            parsed = ParsedEmail(text=data.decode("utf-8", "replace"))
            parsed.defects.append(f"unparsable: {type(exc2).__name__}: {exc2}")
        parsed.defects.insert(0, f"fallback_compat32: {type(exc).__name__}: {exc}")
        return parsed


def _depth(msg: Message) -> int:
    """How deep multiparts nest (iteratively: no recursion on hostile input)."""
    deepest, stack = 0, [(msg, 1)]
    while stack:
        part, level = stack.pop()
        deepest = max(deepest, level)
        if level <= MAX_MIME_DEPTH + 1:
            stack.extend((child, level + 1) for child in _children(part))
    return deepest


def _headers_only(data: bytes, defect: str) -> ParsedEmail:
    """Who sent what, from the header block alone; the body is left to a clerk (raw kept)."""
    msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(data)
    if not _looks_like_email(msg, data):
        raise DocumentError(NOT_AN_EMAIL, "no email headers found")
    out = ParsedEmail(defects=[defect])
    _headers(msg, out)
    return out


def _looks_like_email(msg: Message, data: bytes) -> bool:
    if data.lstrip().startswith(b"%PDF-") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return False
    return any(k.lower() in KNOWN_HEADERS for k in msg)


def _build(msg: Message, depth: int) -> ParsedEmail:
    out = ParsedEmail()
    for part in list(msg.walk()):
        if part.get_content_maintype() == "multipart" and not part.is_multipart():
            _repair_multipart(part, out.defects)
    _headers(msg, out)

    plain, html, consumed = _body(msg, out.defects)
    text = "\n\n".join(t for t in plain if t.strip())
    out.html = "\n".join(html) if html else None
    out.text = (text or html_to_text(out.html or "")).strip()
    _walk(msg, consumed, out, depth)
    out.defects[:0] = collect_defects(msg)
    return out


def _headers(msg: Message, out: ParsedEmail) -> None:
    out.message_id = next(iter(message_ids(header_text(msg, "Message-ID"))), None)
    out.in_reply_to = next(iter(message_ids(header_text(msg, "In-Reply-To"))), None)
    out.references = message_ids(header_text(msg, "References"))
    senders = addresses(msg, "From") or addresses(msg, "Sender")
    if senders:
        out.sender_name, out.sender = senders[0]
    out.to = [a for _, a in addresses(msg, "To")]
    out.cc = [a for _, a in addresses(msg, "Cc")]
    out.subject = header_text(msg, "Subject")
    out.date = parse_date(msg)


def _repair_multipart(part: Message, defects: list[str]) -> None:
    """A multipart whose declared boundary never occurs: parse it with the one used."""
    body = part.get_payload()
    if not isinstance(body, str):
        return
    m = re.search(r"^--([^\s]{1,70}?)(?:--)?[ \t]*\r?$", body, re.M)
    if m is None:
        return
    boundary = m.group(1)
    wrapper = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n{body}'
    repaired = email.message_from_string(wrapper, policy=part.policy)
    if repaired.is_multipart() and repaired.get_payload():
        part.set_payload(repaired.get_payload())
        defects.append(f"missing_boundary: repaired with boundary {boundary!r}")


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    return payload if isinstance(payload, list) else []


def _is_body_text(part: Message) -> bool:
    if part.get_content_type() not in ("text/plain", "text/html"):
        return False
    disp = part.get_content_disposition()
    if disp == "attachment":
        return False
    return disp == "inline" or (not part.get_param("filename", header="content-disposition") \
        and not part.get_param("name"))


def _body(part: Message, defects: list[str]) -> tuple[list[str], list[str], set[int]]:
    """(plain texts, html texts, ids of parts used) of the readable body."""
    ctype = part.get_content_type()
    if ctype.startswith("message/"):
        return [], [], set()
    if part.is_multipart():
        results = [_body(c, defects) for c in _children(part)]
        consumed = set().union(*(r[2] for r in results)) if results else set()
        if ctype == "multipart/alternative":
            for plain, _, _ in results:
                if any(t.strip() for t in plain):
                    return plain, [h for r in results for h in r[1]][-1:], consumed
            htmls = [h for r in results for h in r[1]]
            return [], htmls[-1:], consumed
        return ([t for r in results for t in r[0]], [h for r in results for h in r[1]], consumed)
    if not _is_body_text(part):
        return [], [], set()
    text, defect = part_text(part)
    if defect:
        defects.append(defect)
    if ctype == "text/plain":
        return [text], [], {id(part)}
    return [], [text], {id(part)}


def _walk(part: Message, consumed: set[int], out: ParsedEmail, depth: int) -> None:
    ctype = part.get_content_type()
    if ctype in ("message/rfc822", "message/global") and depth < MAX_DEPTH:
        _nested(part, out, depth)
        return
    if part.is_multipart() and not ctype.startswith("message/"):
        for child in _children(part):
            _walk(child, consumed, out, depth)
        return
    if id(part) in consumed:
        return
    try:
        files, defects, text = part_attachment(part, len(out.attachments) + 1)
    except Exception as exc:  # one broken part must not lose the others
        out.defects.append(f"bad_part: {ctype}: {type(exc).__name__}: {exc}")
        return
    if sum(len(a.data) for a in out.attachments + files) > MAX_DECODED_BYTES:
        if not any(d.startswith("decoded_too_large") for d in out.defects):
            out.defects.append(f"decoded_too_large: attachments past {MAX_DECODED_BYTES // 2**20} MB not kept")
        return
    out.attachments.extend(files)
    out.defects.extend(defects)
    if text and not out.text:
        out.text = text.strip()  # e.g. the body of a winmail.dat


def _nested(part: Message, out: ParsedEmail, depth: int) -> None:
    """An attached email: kept whole as message/rfc822, and its own attachments found."""
    raw = _nested_bytes(part)
    try:
        inner = _parse(raw, depth + 1)
    except DocumentError:
        inner = ParsedEmail(text=raw.decode("utf-8", "replace"), defects=["nested_not_an_email"])
    name = clean_filename(part.get_filename()) or clean_filename(
        (inner.subject or f"message-{len(out.messages) + 1}")[:SUBJECT_NAME_CHARS] + ".eml")
    out.attachments.append(Attachment(name, "message/rfc822", raw, False, None))
    out.attachments.extend(inner.attachments)
    out.defects.extend(f"nested: {d}" for d in inner.defects)
    out.messages.append(inner)


def _nested_bytes(part: Message) -> bytes:
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    children = _children(part)
    if not children:
        body = part.get_payload()
        return body.encode("utf-8", "surrogateescape") if isinstance(body, str) else b""
    inner = children[0]
    if cte in ("base64", "quoted-printable"):
        # Not allowed by RFC 2046, yet sent: the parser saw encoded text as a body.
        text = inner.get_payload() if not inner.keys() else inner.as_string()
        text = text if isinstance(text, str) else ""
        if cte == "base64":
            clean = re.sub(r"[^A-Za-z0-9+/]", "", text)
            clean = clean[:-1] if len(clean) % 4 == 1 else clean
            return base64.b64decode(clean + "=" * (-len(clean) % 4))
        return quopri.decodestring(text.encode("latin-1", "replace"))
    try:
        return inner.as_bytes()
    except Exception:  # odd headers the generator refuses
        return inner.as_string(policy=email.policy.compat32).encode("utf-8", "surrogateescape")

