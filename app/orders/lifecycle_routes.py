"""Lifecycle API: one POST per business fact, invoices (JSON and PDF), payments, stock arrivals.

Refused transitions answer 409 with the LifecycleError code; role problems 403
(`forbidden`, `segregation_of_duties`). The actor is the caller's principal (API key or
login): each route names the roles it admits, the actions check theirs again, and a
customer reaches only their own orders, invoices and returns (others are 404). Pass the
order's `version` (body) or `If-Match` to refuse a change made on a stale copy.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session, select

from app.accounts.audit import duty_decision
from app.core.auth import Actor, Principal, PrincipalDep, require
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import NotFound
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.act_payments import import_payments_csv
from app.orders.invoice_pdf import render_invoice_pdf
from app.orders.models import Invoice, ReturnLine, ReturnRequest, Shipment
from app.orders.queries import invoice_balance, invoice_lines
from app.orders.routes import get_order, get_order_or_404

router = APIRouter(tags=["order lifecycle"])
ORDER = "/api/v1/orders/{order_id}"
REFUSALS = {403: {"description": "`forbidden` or `segregation_of_duties`"},
            409: {"description": "refused: `transition_not_allowed`, `version_mismatch`, a quantity code, ..."}}


def actor_of(*roles: str):  # noqa: ANN201
    """A dependency: the principal as the lifecycle's Actor, if it has one of `roles` (admin always)."""
    check = require(*roles)

    def dependency(principal: PrincipalDep) -> Actor:
        return check(principal).actor

    return Annotated[Actor, Depends(dependency)]


# Who may call what (the actions check roles again; these keep everyone else out early).
ClerkActor = actor_of("clerk")
CreditActor = actor_of("credit")
HoldActor = actor_of("clerk", "warehouse", "finance", "credit")
WarehouseActor = actor_of("warehouse", "clerk")
FinanceActor = actor_of("finance")
BillingActor = actor_of("finance", "clerk")
ReturnActor = actor_of("clerk", "customer")
ReturnApprover = actor_of("clerk", "finance")
ReturnReceiver = actor_of("warehouse", "clerk")


def _own_order(session: Session, principal: Principal, order_id: int) -> None:
    """404 unless the order exists and the principal may see it."""
    get_order_or_404(session, order_id, principal)
IfMatch = Annotated[str | None, Header(alias="If-Match")]


def _version(if_match: str | None, body_version: int | None) -> int | None:
    if body_version is not None:
        return body_version
    return int(if_match.strip('W/"')) if if_match and if_match.strip('W/"').isdigit() else None


def _done(session: Session, order_id: int, **extra: Any) -> dict:
    commit(session)
    return {"order": get_order(session, order_id).model_dump(mode="json"), **extra}


# --- bodies -------------------------------------------------------------------------


class Versioned(BaseModel):
    version: int | None = Field(None, description="the order version you saw; refused with 409 if stale")


class NoteBody(Versioned):
    note: str | None = None
    model_config = {"json_schema_extra": {"examples": [{"note": "customer paid by wire", "version": 3}]}}


class AllocateBody(Versioned):
    rule: Literal["fifo", "priority", "requested_date"] = act.ALLOCATION_RULE
    promise_date: date | None = None
    model_config = {"json_schema_extra": {"examples": [{"rule": "priority"}]}}


class LinesBody(Versioned):
    lines: dict[int, Decimal] | None = Field(None, description="line_no -> quantity; omit for everything possible")
    model_config = {"json_schema_extra": {"examples": [{"lines": {"1": 5}}, {}]}}


class ShipBody(LinesBody):
    carrier: str
    tracking_number: str
    model_config = {"json_schema_extra": {"examples": [{"carrier": "UPS", "tracking_number": "1Z999AA10123456784",
                                                        "lines": {"1": 5}}]}}


class InvoiceBody(Versioned):
    per: Literal["order", "shipment"] = act.INVOICE_PER


class CancelBody(Versioned):
    lines: dict[int, Decimal | None] | None = Field(None, description="line_no -> quantity (null: all unshipped); "
                                                                       "omit to cancel the whole order")
    reason: str | None = None
    model_config = {"json_schema_extra": {"examples": [{"reason": "customer cancelled by phone"},
                                                       {"lines": {"2": 5}, "reason": "short"}]}}


class NewLine(BaseModel):
    sku: str
    quantity: Decimal
    unit_price: Decimal | None = None


class ChangeBody(Versioned):
    quantities: dict[int, Decimal] | None = None
    requested_date: date | None = None
    ship_to: str | None = None
    add_lines: list[NewLine] | None = None
    remove_lines: list[int] | None = None
    model_config = {"json_schema_extra": {"examples": [{"quantities": {"1": 40}, "requested_date": "2026-12-01",
                                                        "add_lines": [{"sku": "WS-12", "quantity": 100}]}]}}


class PriceBody(Versioned):
    line_no: int
    unit_price: Decimal
    reason: str | None = None
    model_config = {"json_schema_extra": {"examples": [{"line_no": 1, "unit_price": "1.95", "reason": "promo"}]}}


class ReturnBody(Versioned):
    lines: dict[int, Decimal]
    reason: str | None = None
    model_config = {"json_schema_extra": {"examples": [{"lines": {"1": 2}, "reason": "damaged in transit"}]}}


class Received(BaseModel):
    quantity: Decimal
    disposition: Literal["restock", "damaged", "scrap"]


class ReceiveReturnBody(Versioned):
    lines: dict[int, Received]
    model_config = {"json_schema_extra": {"examples": [{"lines": {"1": {"quantity": 2, "disposition": "restock"}}}]}}


class CorrectBody(Versioned):
    lines: dict[int, dict[str, Decimal]]
    reason: str | None = None
    model_config = {"json_schema_extra": {"examples": [{"lines": {"1": {"unit_price": "2.40"}}, "reason": "price"}]}}


class PaymentBody(BaseModel):
    invoice_id: int | None = None
    invoice_number: str | None = None
    amount: Decimal
    reference: str | None = None
    model_config = {"json_schema_extra": {"examples": [{"invoice_number": "INV-000001", "amount": "100.00",
                                                        "reference": "WIRE-7781"}]}}


class StockBody(BaseModel):
    warehouse: str
    sku: str
    quantity: Decimal
    rule: Literal["fifo", "priority", "requested_date"] = act.ALLOCATION_RULE
    model_config = {"json_schema_extra": {"examples": [{"warehouse": "DAL", "sku": "HB-1240", "quantity": 500}]}}


class OrderLineIn(BaseModel):
    sku: str
    quantity: Decimal
    unit_price: Decimal | None = Field(None, description="omitted: the customer's price list")


class OrderIn(BaseModel):
    customer_code: str
    po_number: str | None = None
    requested_date: date | None = None
    ship_to: str | None = None
    lines: list[OrderLineIn]
    validate_now: bool = Field(False, description="validate and credit-check at once")
    model_config = {"json_schema_extra": {"examples": [{"customer_code": "ACME", "po_number": "4500012345",
                                                        "lines": [{"sku": "HB-1240", "quantity": 40,
                                                                   "unit_price": "2.50"}]}]}}


# --- orders -------------------------------------------------------------------------


@router.post("/api/v1/orders", status_code=201, summary="Create an order from an API client",
             responses={409: {"description": "`duplicate_po` or `idempotency_key_reused`"}})
def create_order(session: SessionDep, actor: ClerkActor, body: OrderIn):
    """Send an Idempotency-Key so that a retried request never makes a second order."""
    order = act.place_order(session, body.customer_code, [li.model_dump() for li in body.lines], actor,
                            po_number=body.po_number, requested_date=body.requested_date, ship_to=body.ship_to)
    if body.validate_now:
        act.validate(session, order.id, actor)
    session.flush()
    payload = get_order(session, order.id).model_dump(mode="json")
    commit(session)
    return JSONResponse(payload, status_code=201, headers={"Location": f"/api/v1/orders/{order.id}"})


def _order_action(path: str, summary: str):
    return router.post(ORDER + path, summary=summary, responses=REFUSALS)


@_order_action("/validate", "Validate and credit-check")
def validate(session: SessionDep, actor: ClerkActor, order_id: int, if_match: IfMatch = None,
             body: Annotated[Versioned | None, Body()] = None):
    act.validate(session, order_id, actor, version=_version(if_match, body and body.version))
    return _done(session, order_id)


@_order_action("/release-credit", "Release a credit hold (credit role, not the order's author)")
def release_credit(session: SessionDep, settings: SettingsDep, actor: CreditActor, order_id: int,
                   body: NoteBody = NoteBody(), if_match: IfMatch = None):
    with duty_decision(session, settings, actor, "release_credit", "order", order_id):
        act.release_credit(session, order_id, actor, note=body.note, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/hold", "Put the order on hold")
def hold(session: SessionDep, actor: HoldActor, order_id: int, body: NoteBody = NoteBody(), if_match: IfMatch = None):
    act.hold(session, order_id, actor, reason=body.note, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/release", "Release a manual hold")
def release(session: SessionDep, actor: HoldActor, order_id: int, body: NoteBody = NoteBody(),
            if_match: IfMatch = None):
    act.release(session, order_id, actor, note=body.note, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/allocate", "Allocate stock by rule; the rest is backordered")
def allocate(session: SessionDep, actor: WarehouseActor, order_id: int, body: AllocateBody = AllocateBody(),
             if_match: IfMatch = None):
    act.allocate(session, order_id, actor, rule=body.rule, promise_date=body.promise_date,
                 version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/pick", "Pick allocated units")
def pick(session: SessionDep, actor: WarehouseActor, order_id: int, body: LinesBody = LinesBody(), if_match: IfMatch = None):
    act.pick(session, order_id, actor, body.lines, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/pack", "Pack picked units")
def pack(session: SessionDep, actor: WarehouseActor, order_id: int, body: LinesBody = LinesBody(), if_match: IfMatch = None):
    act.pack(session, order_id, actor, body.lines, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/ship", "Ship packed units as one shipment")
def ship(session: SessionDep, actor: WarehouseActor, order_id: int, body: ShipBody, if_match: IfMatch = None):
    s = act.ship(session, order_id, actor, body.lines, carrier=body.carrier, tracking_number=body.tracking_number,
                 version=_version(if_match, body.version))
    return _done(session, order_id, shipment={"id": s.id, "number": s.number, "carrier": s.carrier,
                                              "tracking_number": s.tracking_number})


@router.post("/api/v1/shipments/{shipment_id}/deliver", summary="Confirm delivery", responses=REFUSALS)
def deliver(session: SessionDep, actor: WarehouseActor, shipment_id: int):
    s = act.deliver(session, shipment_id, actor)
    return _done(session, s.order_id, shipment={"id": s.id, "number": s.number, "delivered_at": str(s.delivered_at)})


@_order_action("/invoice", "Invoice what shipped (per order or per shipment)")
def invoice(session: SessionDep, actor: BillingActor, order_id: int, body: InvoiceBody = InvoiceBody(),
            if_match: IfMatch = None):
    made = act.invoice(session, order_id, actor, per=body.per, version=_version(if_match, body.version))
    return _done(session, order_id, invoices=[_invoice_json(session, i) for i in made])


@_order_action("/close", "Close a paid order")
def close(session: SessionDep, actor: BillingActor, order_id: int, body: NoteBody = NoteBody(), if_match: IfMatch = None):
    act.close(session, order_id, actor, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/cancel", "Cancel the order or some lines (unshipped units only)")
def cancel(session: SessionDep, actor: ClerkActor, order_id: int, body: CancelBody = CancelBody(),
           if_match: IfMatch = None):
    act.cancel(session, order_id, actor, body.lines, reason=body.reason, version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/change", "Change quantities, date, address; add or remove lines")
def change(session: SessionDep, actor: ClerkActor, order_id: int, body: ChangeBody, if_match: IfMatch = None):
    act.change(session, order_id, actor, quantities=body.quantities, requested_date=body.requested_date,
               ship_to=body.ship_to, add_lines=[li.model_dump() for li in body.add_lines or []],
               remove_lines=body.remove_lines, source="api", version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/price-override", "Set a line price; beyond the tolerance it waits for approval")
def price_override(session: SessionDep, actor: ClerkActor, order_id: int, body: PriceBody, if_match: IfMatch = None):
    act.request_price_override(session, order_id, body.line_no, body.unit_price, actor, reason=body.reason,
                               version=_version(if_match, body.version))
    return _done(session, order_id)


@_order_action("/price-override/{line_no}/approve", "Approve a pending price (finance/admin, another user)")
def approve_price(session: SessionDep, settings: SettingsDep, actor: FinanceActor, order_id: int, line_no: int):
    with duty_decision(session, settings, actor, "approve_price", "order", order_id):
        act.approve_price_override(session, order_id, line_no, actor)
    return _done(session, order_id)


# --- returns ------------------------------------------------------------------------


def _return_json(session: Session, rma: ReturnRequest) -> dict:
    lines = session.exec(select(ReturnLine).where(ReturnLine.return_id == rma.id)).all()
    return {"id": rma.id, "number": rma.number, "status": rma.status, "reason": rma.reason,
            "lines": [{"order_line_id": r.order_line_id, "quantity": str(r.quantity), "received": str(r.received),
                       "disposition": r.disposition} for r in lines]}


@_order_action("/returns", "Request a return (RMA)")
def request_return(session: SessionDep, principal: PrincipalDep, actor: ReturnActor, order_id: int, body: ReturnBody,
                   if_match: IfMatch = None):
    _own_order(session, principal, order_id)
    rma = act.request_return(session, order_id, body.lines, actor, reason=body.reason,
                             version=_version(if_match, body.version))
    return _done(session, order_id, **{"return": _return_json(session, rma)})


@router.post("/api/v1/returns/{return_id}/approve", summary="Approve a return", responses=REFUSALS)
def approve_return(session: SessionDep, actor: ReturnApprover, return_id: int):
    rma = act.approve_return(session, return_id, actor)
    return _done(session, rma.order_id, **{"return": _return_json(session, rma)})


@router.post("/api/v1/returns/{return_id}/receive", summary="Receive returned units with a disposition",
             responses=REFUSALS)
def receive_return(session: SessionDep, actor: ReturnReceiver, return_id: int, body: ReceiveReturnBody):
    rma, notes = act.receive_return(session, return_id, {no: (r.quantity, r.disposition)
                                                         for no, r in body.lines.items()}, actor)
    return _done(session, rma.order_id, credit_notes=[_invoice_json(session, n) for n in notes],
                 **{"return": _return_json(session, rma)})


# --- invoices, payments, stock --------------------------------------------------------


def _invoice_or_404(session: Session, invoice_id: int, principal: Principal | None = None) -> Invoice:
    inv = session.get(Invoice, invoice_id)
    if inv is None or (principal is not None and not principal.may_see(inv.customer_id)):
        raise NotFound("invoice_not_found", f"no invoice {invoice_id}")
    return inv


def _money(value: object) -> str:
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def _invoice_json(session: Session, inv: Invoice) -> dict:
    return {"id": inv.id, "number": inv.number, "kind": inv.kind, "order_id": inv.order_id,
            "customer_id": inv.customer_id, "shipment_id": inv.shipment_id,
            "corrects_invoice_id": inv.corrects_invoice_id, "currency": inv.currency,
            "issued_at": inv.issued_at.isoformat(), "due_date": inv.due_date.isoformat() if inv.due_date else None,
            "total": _money(inv.total), "paid": _money(inv.paid), "balance": _money(invoice_balance(session, inv)),
            "status": inv.status, "pdf_url": f"/api/v1/invoices/{inv.id}.pdf",
            "accuracy_problems": act.check_invoice(session, inv),
            "lines": [{"order_line_id": r.order_line_id, "quantity": str(r.quantity),
                       "unit_price": str(r.unit_price), "amount": _money(r.amount)}
                      for r in invoice_lines(session, inv.id)]}


@router.get("/api/v1/invoices/{invoice_id}.pdf", summary="An invoice or credit note as PDF",
            response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
def invoice_pdf(session: SessionDep, principal: PrincipalDep, invoice_id: int):
    inv = _invoice_or_404(session, invoice_id, principal)
    return Response(render_invoice_pdf(session, inv), media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{inv.number}.pdf"'})


@router.get("/api/v1/invoices/{invoice_id}", summary="An invoice or credit note")
def get_invoice(session: SessionDep, principal: PrincipalDep, invoice_id: int):
    return _invoice_json(session, _invoice_or_404(session, invoice_id, principal))


@router.get(ORDER + "/shipments", summary="The order's shipments with tracking")
def order_shipments(session: SessionDep, principal: PrincipalDep, order_id: int) -> list[dict]:
    _own_order(session, principal, order_id)
    rows = session.exec(select(Shipment).where(Shipment.order_id == order_id).order_by(Shipment.id)).all()
    return [{"id": s.id, "number": s.number, "carrier": s.carrier, "tracking_number": s.tracking_number,
             "shipped_at": s.shipped_at.isoformat(),
             "delivered_at": s.delivered_at.isoformat() if s.delivered_at else None} for s in rows]


@router.get(ORDER + "/invoices", summary="The order's invoices and credit notes")
def order_invoices(session: SessionDep, principal: PrincipalDep, order_id: int) -> list[dict]:
    _own_order(session, principal, order_id)
    rows = session.exec(select(Invoice).where(Invoice.order_id == order_id).order_by(Invoice.id)).all()
    return [_invoice_json(session, inv) for inv in rows]


@router.get(ORDER + "/returns", summary="The order's returns (RMAs)")
def order_returns(session: SessionDep, principal: PrincipalDep, order_id: int) -> list[dict]:
    _own_order(session, principal, order_id)
    rows = session.exec(select(ReturnRequest).where(ReturnRequest.order_id == order_id)
                        .order_by(ReturnRequest.id)).all()
    return [_return_json(session, rma) for rma in rows]


@router.post("/api/v1/invoices/{invoice_id}/correct", summary="Credit an invoice and issue a corrected one",
             responses=REFUSALS)
def correct_invoice(session: SessionDep, actor: FinanceActor, invoice_id: int, body: CorrectBody):
    note, new = act.correct_invoice(session, invoice_id, actor, body.lines, reason=body.reason)
    commit(session)
    return {"credit_note": _invoice_json(session, note), "invoice": _invoice_json(session, new)}


@router.post("/api/v1/payments", status_code=201, summary="Record a payment against an invoice",
             responses={**REFUSALS, 409: {"description": "refused, or `idempotency_key_reused`"}})
def record_payment(session: SessionDep, actor: FinanceActor, body: PaymentBody):
    """Send an Idempotency-Key so that a retried request never records the money twice."""
    inv = (_invoice_or_404(session, body.invoice_id) if body.invoice_id is not None else
           session.exec(select(Invoice).where(Invoice.number == (body.invoice_number or ""))).first())
    if inv is None:
        raise NotFound("invoice_not_found", f"no invoice {body.invoice_number}")
    payment = act.record_payment(session, inv.id, body.amount, actor, reference=body.reference)
    payload = {"payment": {"id": payment.id, "amount": _money(payment.amount), "reference": payment.reference},
               "invoice": _invoice_json(session, inv)}
    commit(session)
    return JSONResponse(payload, status_code=201)


@router.post("/api/v1/payments/import", summary="Import payments from CSV (invoice_number, amount, reference, "
                                                "received_at)", responses=REFUSALS)
def import_payments(session: SessionDep, actor: FinanceActor,
                    csv_text: Annotated[str, Body(media_type="text/csv")]):
    result = import_payments_csv(session, csv_text, actor)
    commit(session)
    return result


@router.post("/api/v1/invoices/mark-overdue", summary="Flag invoices past due (the alerts job calls this)")
def mark_overdue(session: SessionDep, actor: FinanceActor):
    flagged = act.mark_overdue(session, actor=actor)
    commit(session)
    return {"flagged": [{"id": i.id, "number": i.number, "due_date": str(i.due_date)} for i in flagged]}


@router.post("/api/v1/stock/receive", summary="Stock arrived: add it and allocate waiting backorders")
def receive_stock(session: SessionDep, actor: WarehouseActor, body: StockBody):
    result = act.receive_stock(session, body.warehouse, body.sku, body.quantity, actor, rule=body.rule)
    commit(session)
    return result

