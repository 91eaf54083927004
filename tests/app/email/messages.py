"""Emails for the tests: a small RFC 822 message built to order, SMTP line ends, the sample emails."""
from __future__ import annotations

import email.message

from tests.helpers import SAMPLES

EMAILS = SAMPLES / "emails"


def make_email(subject: str, body: str, *, sender: str = "purchasing@acme-industrial.example",
               message_id: str | None = None, attachments=(), in_reply_to: str | None = None,
               html: str | None = None, headers: dict | None = None) -> bytes:
    """A small RFC 822 message; attachments: (filename, content type, bytes)."""
    m = email.message.EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "orders@northwind.example", subject
    m["Date"] = "Mon, 04 Mar 2024 09:00:00 +0000"
    if message_id:
        m["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        m["In-Reply-To"] = f"<{in_reply_to}>"
        m["References"] = f"<{in_reply_to}>"
    for name, value in (headers or {}).items():
        m[name] = value
    m.set_content(body)
    if html:
        m.add_alternative(html, subtype="html")
    for filename, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return m.as_bytes()


def crlf(raw: bytes) -> bytes:
    """Line ends as SMTP sends them."""
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
