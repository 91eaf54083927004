"""Automatic answers by email: plain text and HTML from Jinja2 templates, sent by SMTP
after the commit. Nothing is sent to auto-replies, bounces or our own address."""
from __future__ import annotations

import email.message
import email.utils
import logging
import smtplib
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlmodel import Session, select

from app.email.config import MailSettings
from app.intake.models import Document, EmailMessage
from app.orders.models import Order, Shipment

log = logging.getLogger("intake.email")

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_NO_REPLY = ("mailer-daemon@", "postmaster@", "noreply", "no-reply", "donotreply", "do-not-reply")


@dataclass
class Outgoing:
    """A reply to send once the transaction committed."""

    template: str  # name in templates/ without .txt.j2 / .html.j2
    to: str
    subject: str
    context: dict
    in_reply_to: str | None = None
    references: list[str] | None = None
    marks_replied: bool = True  # the message's status becomes "replied" once sent


def may_reply(raw: bytes, sender: str | None, mail: MailSettings) -> bool:
    """False for auto-submitted or bulk mail, bounces, no-reply addresses and ourselves."""
    if not sender:
        return False
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw[:65536])
    auto = str(headers.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(headers.get("Precedence", "")).strip().lower()
    if auto != "no" or precedence in ("bulk", "junk", "list", "auto_reply") or headers.get("List-Id"):
        return False
    sender = sender.lower()
    return sender != mail.outbound_from.lower() and not any(m in sender for m in _NO_REPLY)


def _re(subject: str | None) -> str:
    subject = (subject or "").strip()
    return subject if subject.lower().startswith("re:") else f"Re: {subject}".strip()


def order_facts(session: Session, order: Order) -> dict:
    shipments = session.exec(select(Shipment).where(Shipment.order_id == order.id).order_by(Shipment.shipped_at))
    return {
        "number": order.number, "po_number": order.po_number, "state": order.state.replace("_", " "),
        "fulfilment": order.fulfilment_status.replace("_", " "),
        "requested_date": order.requested_date.isoformat() if order.requested_date else None,
        "promised_date": order.promised_date.isoformat() if order.promised_date else None,
        "shipments": [{"number": s.number, "carrier": s.carrier, "tracking_number": s.tracking_number,
                       "shipped_at": s.shipped_at.date().isoformat(),
                       "delivered_at": s.delivered_at.date().isoformat() if s.delivered_at else None}
                      for s in shipments],
    }


def status_reply(session: Session, msg: EmailMessage, orders: list[Order], mail: MailSettings) -> Outgoing:
    return Outgoing("status_reply", msg.sender or "", _re(msg.subject),
                    {"orders": [order_facts(session, o) for o in orders], "subject": msg.subject or ""},
                    msg.message_id_header, _thread(msg))


def acknowledgement(msg: EmailMessage, documents: list[Document], mail: MailSettings) -> Outgoing:
    return Outgoing("order_ack", msg.sender or "", _re(msg.subject),
                    {"subject": msg.subject or "", "files": [d.filename or "message text" for d in documents]},
                    msg.message_id_header, _thread(msg), marks_replied=False)


def _thread(msg: EmailMessage) -> list[str]:
    return [r for r in [*(msg.references or []), msg.message_id_header] if r]


def render(out: Outgoing, mail: MailSettings) -> email.message.EmailMessage:
    """The MIME message: text/plain with an text/html alternative."""
    m = email.message.EmailMessage()
    m["From"], m["To"], m["Subject"] = mail.outbound_from, out.to, out.subject
    m["Date"] = email.utils.formatdate(localtime=False)
    m["Message-ID"] = email.utils.make_msgid(domain=mail.outbound_from.rsplit("@", 1)[-1])
    m["Auto-Submitted"] = "auto-replied"  # other robots do not answer us back
    if out.in_reply_to:
        m["In-Reply-To"] = f"<{out.in_reply_to.strip('<>')}>"
    if out.references:
        m["References"] = " ".join(f"<{r.strip('<>')}>" for r in out.references)
    m.set_content(_env.get_template(f"{out.template}.txt.j2").render(**out.context))
    m.add_alternative(_env.get_template(f"{out.template}.html.j2").render(**out.context), subtype="html")
    return m


def send(message: email.message.EmailMessage, mail: MailSettings) -> None:
    with smtplib.SMTP(mail.outbound_host, mail.outbound_port, timeout=30) as smtp:
        if mail.outbound_starttls:
            smtp.starttls()
        if mail.outbound_user:
            smtp.login(mail.outbound_user, mail.outbound_password or "")
        smtp.send_message(message)


def send_all(session: Session, msg: EmailMessage, outbox: list[Outgoing], mail: MailSettings) -> list[str]:
    """Send after the commit; a failed send puts the message in review and is recorded."""
    sent: list[str] = []
    for out in outbox:
        try:
            send(render(out, mail), mail)
        except Exception as exc:
            log.warning("reply to email %s failed: %s", msg.id, exc)
            msg.status, msg.queue = "needs_review", msg.queue or "review"
            msg.defects = (msg.defects or []) + [f"reply_failed: {type(exc).__name__}: {exc}"]
        else:
            sent.append(out.subject)
            if out.marks_replied and msg.status == "processed":
                msg.status = "replied"
    if outbox:
        session.add(msg)
        session.commit()
    return sent
