"""Billing API: invoices and credit notes (JSON and PDF), corrections, payments (one by one or a
CSV export from the bank) and the overdue flags."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Body, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, select

from app.core.auth import PrincipalDep
from app.core.deps import SessionDep
from app.core.idempotency import IdempotencyKey
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.api.deps import ORDER, REFUSALS, FinanceActor, Versioned, own_order
from app.orders.invoice_pdf import render_invoice_pdf
from app.orders.models import Invoice
from app.orders.queries import invoice_balance, invoice_lines
from app.orders.service import invoice_by_id_or_number, invoice_or_404

router = APIRouter(tags=["order lifecycle"])


class CorrectBody(Versioned):
    lines: dict[int, dict[str, Decimal]]
    reason: str | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"lines": {"1": {"unit_price": "2.40"}},
                                                               "reason": "price"}]})

class PaymentBody(BaseModel):
    invoice_id: int | None = None
    invoice_number: str | None = None
    amount: Decimal
    reference: str | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"invoice_number": "INV-000001", "amount": "100.00",
                                                        "reference": "WIRE-7781"}]})

def money(value: object) -> str:
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def invoice_json(session: Session, inv: Invoice) -> dict:
    return {"id": inv.id, "number": inv.number, "kind": inv.kind, "order_id": inv.order_id,
            "customer_id": inv.customer_id, "shipment_id": inv.shipment_id,
            "corrects_invoice_id": inv.corrects_invoice_id, "currency": inv.currency,
            "issued_at": inv.issued_at.isoformat(), "due_date": inv.due_date.isoformat() if inv.due_date else None,
            "total": money(inv.total), "paid": money(inv.paid), "balance": money(invoice_balance(session, inv)),
            "status": inv.status, "pdf_url": f"/api/v1/invoices/{inv.id}.pdf",
            "accuracy_problems": act.check_invoice(session, inv),
            "lines": [{"order_line_id": r.order_line_id, "quantity": str(r.quantity),
                       "unit_price": str(r.unit_price), "amount": money(r.amount)}
                      for r in invoice_lines(session, inv.id)]}


@router.get("/api/v1/invoices/{invoice_id}.pdf", summary="An invoice or credit note as PDF",
            response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
def invoice_pdf(session: SessionDep, principal: PrincipalDep, invoice_id: int):
    inv = invoice_or_404(session, invoice_id, principal)
    return Response(render_invoice_pdf(session, inv), media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{inv.number}.pdf"'})


@router.get("/api/v1/invoices/{invoice_id}", summary="An invoice or credit note")
def get_invoice(session: SessionDep, principal: PrincipalDep, invoice_id: int):
    return invoice_json(session, invoice_or_404(session, invoice_id, principal))


@router.get(ORDER + "/invoices", summary="The order's invoices and credit notes")
def order_invoices(session: SessionDep, principal: PrincipalDep, order_id: int) -> list[dict]:
    own_order(session, principal, order_id)
    rows = session.exec(select(Invoice).where(Invoice.order_id == order_id).order_by(Invoice.id)).all()
    return [invoice_json(session, inv) for inv in rows]


@router.post("/api/v1/invoices/{invoice_id}/correct", summary="Credit an invoice and issue a corrected one",
             responses=REFUSALS)
def correct_invoice(session: SessionDep, actor: FinanceActor, invoice_id: int, body: CorrectBody):
    note, new = act.correct_invoice(session, invoice_id, actor, body.lines, reason=body.reason)
    commit(session)
    return {"credit_note": invoice_json(session, note), "invoice": invoice_json(session, new)}


@router.post("/api/v1/payments", status_code=201, summary="Record a payment against an invoice",
             responses={**REFUSALS, 409: {"description": "refused, or `idempotency_key_reused`"}})
def record_payment(session: SessionDep, actor: FinanceActor, body: PaymentBody,
                   _idempotency_key: IdempotencyKey = None):
    """Send an Idempotency-Key so that a retried request never records the money twice."""
    inv = invoice_by_id_or_number(session, body.invoice_id, body.invoice_number)
    payment = act.record_payment(session, inv.id, body.amount, actor, reference=body.reference)
    payload = {"payment": {"id": payment.id, "amount": money(payment.amount), "reference": payment.reference},
               "invoice": invoice_json(session, inv)}
    commit(session)
    return JSONResponse(payload, status_code=201)


@router.post("/api/v1/payments/import", summary="Import payments from CSV (invoice_number, amount, reference, "
                                                "received_at)", responses=REFUSALS)
def import_payments(session: SessionDep, actor: FinanceActor,
                    csv_text: Annotated[str, Body(media_type="text/csv")]):
    result = act.import_payments_csv(session, csv_text, actor)
    commit(session)
    return result


@router.post("/api/v1/invoices/mark-overdue", summary="Flag invoices past due (the alerts job calls this)")
def mark_overdue(session: SessionDep, actor: FinanceActor):
    flagged = act.mark_overdue(session, actor=actor)
    commit(session)
    return {"flagged": [{"id": i.id, "number": i.number, "due_date": str(i.due_date)} for i in flagged]}
