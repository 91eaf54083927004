"""What an email asks for, turned into work: documents, change requests, an automatic
cancellation, a status answer, a return, the finance queue. Runs inside ingest_email's
transaction; replies come back as an outbox to send after the commit."""
from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field

from sqlmodel import Session

from app.catalog.models import Customer
from app.config import Settings
from app.email import orders as lookup
from app.email import replies
from app.email.config import MailSettings
from app.intake.models import Document, DocumentStatus, EmailMessage
from app.intake.orderdata import sender_trusted
from app.intake.service import ingest_bytes
from app.orders.models import ChangeRequest, Order
from extractors.email.body.dates import find_dates
from extractors.email.body.extract import extract_from_text

MIN_LABEL_SCORE = 0.5  # below this the label is a guess: a clerk decides
CANCEL_MIN_SCORE = 0.8  # an automatic cancellation needs a sure label
BODY_FILENAME = "message-body.txt"
# An automatic cancellation also needs the word: the label alone is a model's guess.
CANCEL_WORDS = re.compile(r"(?i)\b(cancel\w*|storn\w*|annul\w*|withdraw\w*|call(?:ing)? off|"
                          r"void the|anul\w*|cancell\w*|no longer (?:need|require|want))")


@dataclass
class Context:
    session: Session
    settings: Settings
    mail: MailSettings
    msg: EmailMessage
    documents: list[Document]
    clean: bool = True  # parsed without defects: its words can be acted on
    may_reply: bool = True  # not an auto-reply, a bounce or our own mail
    new_documents: list[Document] = field(default_factory=list)
    new_document_ids: list[int] = field(default_factory=list)
    outbox: list[replies.Outgoing] = field(default_factory=list)

    @property
    def customer(self) -> Customer | None:
        return self.session.get(Customer, self.msg.customer_id) if self.msg.customer_id else None

    @property
    def trusted(self) -> bool:
        """The sender is a known address or domain of the matched customer."""
        return self.customer is not None and sender_trusted(self.customer, self.msg.sender)

    def review(self, queue: str = "review") -> None:
        self.msg.status, self.msg.queue = "needs_review", queue


def route(ctx: Context) -> list[replies.Outgoing]:
    msg = ctx.msg
    msg.status = "processed"
    unsure = msg.label_score is not None and msg.label_score < MIN_LABEL_SCORE
    if msg.label is None or unsure and not (msg.label == "new_order" and _reads_as_order(msg.request_text)):
        ctx.review()  # no classifier, no text, or not sure
        return ctx.outbox
    handler = HANDLERS.get(msg.label, _other)
    handler(ctx)
    return ctx.outbox


def _new_order(ctx: Context) -> None:
    msg = ctx.msg
    if not ctx.documents:
        text = (msg.request_text or "").strip()
        if not text:
            ctx.review()
            return
        got = ingest_bytes(ctx.session, ctx.settings, text.encode("utf-8"), filename=BODY_FILENAME,
                           channel=msg.channel, sender=msg.sender, message_id=msg.id)
        if got.duplicate and got.document.message_id != msg.id:
            # The very same text came before: kept apart so a clerk decides if it is a repeat order.
            msg.defects = (msg.defects or []) + [f"same_text_as_document: {got.document.id}"]
            ctx.review()
            return
        ctx.new_documents.append(got.document)
        if got.document.status == DocumentStatus.received.value:
            ctx.new_document_ids.append(got.document.id)
    if ctx.mail.acknowledge_orders and ctx.trusted and ctx.may_reply and ctx.mail.outbound_host:
        ctx.outbox.append(replies.acknowledgement(msg, ctx.documents + ctx.new_documents, ctx.mail))


def _reads_as_order(text: str | None) -> bool:
    """A doubtful 'new order' is still one when its text has order lines with quantities."""
    items = extract_from_text(text or "").line_items if text else []
    return any(item.quantity is not None and (item.sku or item.description) for item in items)


def _change_or_cancel(ctx: Context) -> None:
    msg, session = ctx.msg, ctx.session
    kind = "cancel" if msg.label == "cancel_order" else "change"
    orders, asked = lookup.find_orders(session, msg)
    asked_for = extract_from_text(msg.request_text or "", msg.sent_at.date() if msg.sent_at else None)
    details = {"text": msg.request_text, "numbers": asked, "orders": [o.number for o in orders],
               "lines": [_line(li) for li in asked_for.line_items],
               "dates": {n: asked_for.value(n) for n in ("requested_delivery_date", "ship_date")
                         if asked_for.value(n)}}
    change = ChangeRequest(order_id=orders[0].id if len(orders) == 1 else None, email_id=msg.id, kind=kind,
                           details=details, status="needs_review")
    msg.order_id = change.order_id
    if kind == "cancel":
        reason = _cancel_refusal(ctx, orders, details)
        if reason is None:
            reason = lookup.cancel_order(session, orders[0], msg.id)
    else:
        reason = _change_refusal(ctx, orders, details)
        if reason is None:
            reason = lookup.change_date(session, orders[0], date.fromisoformat(details["dates"]["requested_delivery_date"]),
                                        msg.id)
    if reason is None:
        change.status = "applied"
    else:
        details["review_reason"] = reason
        ctx.review()
    session.add(change)


def _cancel_refusal(ctx: Context, orders: list[Order], details: dict) -> str | None:
    """Why the cancellation is not applied automatically (None: apply it)."""
    refusal = _common_refusal(ctx, orders)
    if refusal:
        return refusal
    if not CANCEL_WORDS.search(f"{ctx.msg.subject or ''}\n{ctx.msg.request_text or ''}"):
        return "the text does not say cancel"
    if details["lines"]:
        return "lines or quantities are named: a partial cancellation"
    return lookup.cancel_refusal(ctx.session, orders[0])


def _change_refusal(ctx: Context, orders: list[Order], details: dict) -> str | None:
    """Only a new delivery date, said once and plainly, is applied without a clerk."""
    refusal = _common_refusal(ctx, orders)
    if refusal:
        return refusal
    text = ctx.msg.request_text or ""
    if details["lines"] or set(details["dates"]) != {"requested_delivery_date"}:
        return "changes to lines, quantities or more than the date are checked by a clerk"
    received = ctx.msg.sent_at.date() if ctx.msg.sent_at else None
    if len(find_dates(text, received)) != 1:
        return "more than one date is named"
    if any((line.shipped or 0) > 0 for line in lookup.order_lines(ctx.session, orders[0])):
        return f"order {orders[0].number} has shipped goods"
    return None


def _common_refusal(ctx: Context, orders: list[Order]) -> str | None:
    if not ctx.clean:
        return "the message is malformed"
    if not ctx.trusted:
        return "the sender is not known for a customer"
    if len(orders) != 1:
        return "no order found" if not orders else "several orders match"
    if (ctx.msg.label_score or 0) < CANCEL_MIN_SCORE:
        return "not sure what is asked"
    if ctx.documents:
        return "documents are attached: maybe a replacement order"
    return None


def _status(ctx: Context) -> None:
    msg = ctx.msg
    orders, _ = lookup.find_orders(ctx.session, msg)
    if not orders or not ctx.trusted or not ctx.clean or not ctx.may_reply:
        ctx.review()  # nothing is disclosed to a sender we do not know
        return
    msg.order_id = orders[0].id
    if not (ctx.mail.status_replies and ctx.mail.outbound_host):
        ctx.review()
        return
    ctx.outbox.append(replies.status_reply(ctx.session, msg, orders, ctx.mail))


def _return(ctx: Context) -> None:
    msg = ctx.msg
    orders, _ = lookup.find_orders(ctx.session, msg)
    ctx.review("returns")
    if len(orders) == 1 and ctx.trusted:
        lookup.open_return(ctx.session, orders[0], msg)
        msg.order_id = orders[0].id


def _invoice(ctx: Context) -> None:
    ctx.review("finance")


def _other(ctx: Context) -> None:
    if ctx.documents:  # an attachment that may be a PO goes on as one
        return
    ctx.msg.status = "processed"


def _line(li) -> dict:
    """A line the customer named: sku, description, quantity, unit as read."""
    return {name: str(f.normalized if f.normalized is not None else f.value)
            for name, f in li.fields().items() if name in ("sku", "description", "quantity", "unit")}


HANDLERS = {
    "new_order": _new_order,
    "change_order": _change_or_cancel,
    "cancel_order": _change_or_cancel,
    "status_inquiry": _status,
    "return_request": _return,
    "invoice_question": _invoice,
    "other": _other,
}
