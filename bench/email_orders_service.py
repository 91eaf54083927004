"""The service half of bench/eval_email_orders.py: every email through the real email intake, then
the orders created untouched checked against the truth.

Emails are fed in the order of their Date headers, as they would have arrived. Each document an
email makes is processed at once, with its arrival time set to the email's own date: a replay, so
that "deliver by Friday" is judged against the day the customer wrote it, not today.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import UTC
from decimal import Decimal
from email.utils import parsedate_to_datetime
from pathlib import Path

from sqlmodel import select

from app.catalog.matching.units import to_base_quantity
from app.catalog.models import Product
from app.core.db import session_scope
from app.email.service import ingest_email
from app.intake.models import Document, DocumentIssue, DocumentStatus, EmailMessage
from app.intake.service import process_document
from app.orders.models import Order, OrderLine

WRONG = ("line", "quantity", "sku", "po_number", "not_an_order")


def _date_of(raw: bytes):
    m = re.search(rb"^Date:\s*(.+)$", raw[:4000], re.M | re.I)
    try:
        return parsedate_to_datetime(m.group(1).decode().strip()) if m else None
    except (TypeError, ValueError):
        return None


def run_service(settings, pairs: list[tuple[Path, dict]], verbose: bool) -> dict:
    raws = [(eml, truth, eml.read_bytes()) for eml, truth in pairs]
    raws.sort(key=lambda r: (_date_of(r[2]) is None, _date_of(r[2]) or 0, r[0].name))
    outcome = {"emails": len(raws), "body_documents": 0, "orders_untouched": 0, "untouched_wrong": 0,
               "review_reasons": Counter(), "wrong": []}
    for eml, truth, raw in raws:
        msg_id, doc_ids = _ingest(settings, raw)
        for doc_id in doc_ids:
            process_document(settings, doc_id)
        _judge(settings, eml, truth, msg_id, doc_ids, outcome)
    reasons = outcome.pop("review_reasons")
    outcome["review_reasons"] = dict(reasons.most_common())
    wrong = outcome.pop("wrong")
    outcome["untouched_wrong_by_kind"] = dict(Counter(w.split(" ", 2)[2].split(":")[0] for w in wrong))
    print(f"== service ({outcome['emails']} emails through the email intake)")
    for k, v in outcome.items():
        print(f"  {k}: {v}")
    for line in wrong if verbose else []:
        print("  WRONG " + line)
    outcome["wrong"] = wrong
    return outcome


def _ingest(settings, raw: bytes) -> tuple[int | None, list[int]]:
    """Ingest one email; its message id and new documents (set to arrive when it was sent)."""
    with session_scope(settings.db_url) as session:
        got = ingest_email(session, settings, raw, channel="email")
        if got.duplicate:
            return None, []
        sent = got.message.sent_at
        ids = []
        for doc in session.exec(select(Document).where(Document.message_id == got.message.id)):
            if doc.status != DocumentStatus.received.value:
                continue
            if sent is not None:
                doc.received_at = sent.astimezone(UTC) if sent.tzinfo else sent.replace(tzinfo=UTC)
                session.add(doc)
            ids.append(doc.id)
        session.commit()
        return got.message.id, ids


def _judge(settings, eml: Path, truth: dict, msg_id: int | None, doc_ids: list[int], outcome: dict) -> None:
    with session_scope(settings.db_url) as session:
        for doc_id in doc_ids:
            doc = session.get(Document, doc_id)
            if doc.kind == "text":
                outcome["body_documents"] += 1
            if doc.status == DocumentStatus.needs_review.value:
                codes = {i.code for i in session.exec(select(DocumentIssue).where(
                    DocumentIssue.document_id == doc_id, DocumentIssue.blocking))}
                outcome["review_reasons"].update(codes)
            order = session.get(Order, doc.order_id) if doc.order_id else None
            if order is None or not order.touchless:
                continue
            outcome["orders_untouched"] += 1
            why = _wrong(session, order, truth)
            if why:
                outcome["untouched_wrong"] += 1
                outcome["wrong"].append(f"{eml.name}: {order.number} {why}")
        msg = session.get(EmailMessage, msg_id) if msg_id else None
        if msg is not None and msg.queue and not doc_ids:
            outcome["review_reasons"].update({f"email_to_{msg.queue}"})  # a clerk or finance reads the email


def _wrong(session, order: Order, truth: dict) -> str | None:
    """Why an untouched order is wrong (None: it is right)."""
    if truth.get("label", "new_order") != "new_order":
        return f"not_an_order: the email is {truth.get('label')}"
    t_po, o_po = _ident(truth.get("po_number")), _ident(order.po_number)
    if t_po != o_po and t_po.removeprefix("PO") != o_po.removeprefix("PO"):
        return f"po_number: {order.po_number!r} for {truth.get('po_number')!r}"
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id)).all()
    got = Counter((li.sku, Decimal(li.ordered).normalize()) for li in lines)
    want = Counter()
    for t in truth.get("line_items") or []:
        product = session.exec(select(Product).where(Product.sku == t.get("catalog_sku"))).first()
        if product is None:
            return f"line: {t.get('description')!r} is not in the catalogue but the order was made"
        base, _ = to_base_quantity(Decimal(str(t["quantity"])), t.get("unit"), product)
        want[(product.sku, (base if base is not None else Decimal(str(t["quantity"]))).normalize())] += 1
    if got != want:
        missing, extra = want - got, got - want
        kind = "sku" if {s for s, _ in missing} != {s for s, _ in extra} else "quantity"
        if len(lines) != sum(want.values()):
            kind = "line"
        return f"{kind}: ordered {dict(extra)} where the email asks {dict(missing)}"
    return None


def _ident(value: object) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", str(value or "")).upper()
