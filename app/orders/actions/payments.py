"""Payments from a bank or ERP export (CSV): one row per payment against an invoice number."""
from __future__ import annotations

import csv
import io
from datetime import datetime

from sqlmodel import Session, select

from app.core.auth import Actor
from app.core.errors import AppError
from app.orders.actions.billing import record_payment
from app.orders.models import Invoice

COLUMNS = ("invoice_number", "amount")  # required; optional: reference, received_at (ISO date or time)


def import_payments_csv(session: Session, text: str, actor: Actor) -> dict:
    """Record every row in a savepoint of its own; rows that fail are reported, the others kept."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AppError("invalid_csv", f"missing columns: {', '.join(missing)}", details={"missing": missing})
    recorded, errors = [], []
    for n, row in enumerate(reader, start=2):
        number = (row.get("invoice_number") or "").strip()
        try:
            with session.begin_nested():
                inv = session.exec(select(Invoice).where(Invoice.number == number)).first()
                if inv is None:
                    raise AppError("invoice_not_found", f"no invoice {number}")
                when = (row.get("received_at") or "").strip()
                payment = record_payment(session, inv.id, (row.get("amount") or "").strip(), actor,
                                         reference=(row.get("reference") or "").strip() or None,
                                         received_at=datetime.fromisoformat(when) if when else None)
            recorded.append({"row": n, "invoice_number": number, "payment_id": payment.id,
                             "amount": str(payment.amount)})
        except (AppError, ValueError) as err:
            errors.append({"row": n, "invoice_number": number, "code": getattr(err, "code", "invalid_value"),
                           "message": getattr(err, "message", str(err))})
    return {"recorded": recorded, "errors": errors}
