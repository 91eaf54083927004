"""The multipart form inbound-mail services post (from, to, subject, text, html, headers,
attachments) rebuilt as one RFC 822 message, so it goes the same way as any email."""
from __future__ import annotations

import email.message
import email.policy
import hashlib
from email.parser import HeaderParser

THREAD_HEADERS = ("Message-ID", "In-Reply-To", "References", "Date", "Cc", "Reply-To",
                  "Auto-Submitted", "Precedence", "List-Id")


def message_from_form(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> bytes:
    """fields: from, to, subject, text, html, headers (a raw header block), message-id;
    files: (filename, content type, bytes). The same post gives the same bytes."""
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    raw_headers = HeaderParser().parsestr(fields.get("headers") or "", headersonly=True)
    m["From"] = fields.get("from") or raw_headers.get("From") or ""
    m["To"] = fields.get("to") or raw_headers.get("To") or ""
    m["Subject"] = fields.get("subject") or raw_headers.get("Subject") or ""
    given = {"Message-ID": fields.get("message-id") or fields.get("Message-Id") or fields.get("message_id")}
    for name in THREAD_HEADERS:
        value = given.get(name) or raw_headers.get(name)
        if value:
            m[name] = str(value).replace("\r", " ").replace("\n", " ")
    text, html = fields.get("text") or "", fields.get("html")
    m.set_content(text or "")
    if html:
        m.add_alternative(html, subtype="html")
    for filename, ctype, data in files:
        maintype, _, subtype = (ctype or "application/octet-stream").partition("/")
        m.add_attachment(data, maintype=maintype or "application", subtype=subtype or "octet-stream",
                         filename=filename or "attachment")
    _fixed_boundaries(m, fields, files)
    return m.as_bytes()


def _fixed_boundaries(m: email.message.EmailMessage, fields: dict, files: list) -> None:
    """Boundaries from the content instead of random ones: a repeated post is a duplicate."""
    h = hashlib.sha256(repr(sorted(fields.items())).encode("utf-8", "surrogatepass"))
    for filename, ctype, data in files:
        h.update(f"{filename}|{ctype}|{len(data)}".encode("utf-8", "surrogatepass"))
        h.update(data)
    digest = h.hexdigest()[:24]
    for n, part in enumerate(m.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_intake_{n}_{digest}")
