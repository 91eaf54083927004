"""Lifecycle API: one POST per business fact on an order, from entering it to closing it, and
stock arrivals. Returns are in returns.py, invoices and payments in billing.py.

Refused transitions answer 409 with the LifecycleError code; role problems 403
(`forbidden`, `segregation_of_duties`). The actor is the caller's principal (API key or
login): each route names the roles it admits, the actions check theirs again, and a
customer reaches only their own orders, invoices and returns (others are 404). Pass the
order's `version` (body) or `If-Match` to refuse a change made on a stale copy.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import select

from app.accounts.audit import duty_decision
from app.core.auth import PrincipalDep
from app.core.deps import SessionDep, SettingsDep
from app.core.idempotency import IdempotencyKey
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.api.billing import invoice_json
from app.orders.api.deps import (
    ORDER,
    REFUSALS,
    BillingActor,
    ClerkActor,
    CreditActor,
    FinanceActor,
    HoldActor,
    IfMatch,
    Versioned,
    WarehouseActor,
    done,
    own_order,
    version_of,
)
from app.orders.models import Shipment
from app.orders.service import order_view

router = APIRouter(tags=["order lifecycle"])


# --- bodies -------------------------------------------------------------------------


class NoteBody(Versioned):
    note: str | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"note": "customer paid by wire", "version": 3}]})

class AllocateBody(Versioned):
    rule: Literal["fifo", "priority", "requested_date"] = act.ALLOCATION_RULE
    promise_date: date | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"rule": "priority"}]})

class LinesBody(Versioned):
    lines: dict[int, Decimal] | None = Field(None, description="line_no -> quantity; omit for everything possible")
    model_config = ConfigDict(json_schema_extra={"examples": [{"lines": {"1": 5}}, {}]})

class ShipBody(LinesBody):
    carrier: str
    tracking_number: str
    model_config = ConfigDict(json_schema_extra={
        "examples": [{"carrier": "UPS", "tracking_number": "1Z999AA10123456784", "lines": {"1": 5}}]})

class InvoiceBody(Versioned):
    per: Literal["order", "shipment"] = act.INVOICE_PER

class CancelBody(Versioned):
    lines: dict[int, Decimal | None] | None = Field(None, description="line_no -> quantity (null: all unshipped); "
                                                                       "omit to cancel the whole order")
    reason: str | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"reason": "customer cancelled by phone"},
                                                       {"lines": {"2": 5}, "reason": "short"}]})

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
    model_config = ConfigDict(json_schema_extra={"examples": [{"quantities": {"1": 40}, "requested_date": "2026-12-01",
                                                        "add_lines": [{"sku": "WS-12", "quantity": 100}]}]})

class PriceBody(Versioned):
    line_no: int
    unit_price: Decimal
    reason: str | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"line_no": 1, "unit_price": "1.95", "reason": "promo"}]})

class StockBody(BaseModel):
    warehouse: str
    sku: str
    quantity: Decimal
    rule: Literal["fifo", "priority", "requested_date"] = act.ALLOCATION_RULE
    model_config = ConfigDict(json_schema_extra={"examples": [{"warehouse": "DAL", "sku": "HB-1240", "quantity": 500}]})

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
    model_config = ConfigDict(json_schema_extra={"examples": [{"customer_code": "ACME", "po_number": "4500012345",
                                                        "lines": [{"sku": "HB-1240", "quantity": 40,
                                                                   "unit_price": "2.50"}]}]})


# --- orders -------------------------------------------------------------------------


@router.post("/api/v1/orders", status_code=201, summary="Create an order from an API client",
             responses={409: {"description": "`duplicate_po` or `idempotency_key_reused`"}})
def create_order(session: SessionDep, actor: ClerkActor, body: OrderIn, _idempotency_key: IdempotencyKey = None):
    order = act.place_order(session, body.customer_code, [li.model_dump() for li in body.lines], actor,
                            po_number=body.po_number, requested_date=body.requested_date, ship_to=body.ship_to)
    if body.validate_now:
        act.validate(session, order.id, actor)
    session.flush()
    payload = order_view(session, order.id).model_dump(mode="json")
    commit(session)
    return JSONResponse(payload, status_code=201, headers={"Location": f"/api/v1/orders/{order.id}"})


def _order_action(path: str, summary: str):
    return router.post(ORDER + path, summary=summary, responses=REFUSALS)


@_order_action("/validate", "Validate and credit-check")
def validate(session: SessionDep, actor: ClerkActor, order_id: int, if_match: IfMatch = None,
             body: Annotated[Versioned | None, Body()] = None):
    act.validate(session, order_id, actor, version=version_of(if_match, body and body.version))
    return done(session, order_id)


@_order_action("/release-credit", "Release a credit hold (credit role, not the order's author)")
def release_credit(session: SessionDep, settings: SettingsDep, actor: CreditActor, order_id: int,
                   body: NoteBody = NoteBody(), if_match: IfMatch = None):
    with duty_decision(session, settings, actor, "release_credit", "order", order_id):
        act.release_credit(session, order_id, actor, note=body.note, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/hold", "Put the order on hold")
def hold(session: SessionDep, actor: HoldActor, order_id: int, body: NoteBody = NoteBody(), if_match: IfMatch = None):
    act.hold(session, order_id, actor, reason=body.note, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/release", "Release a manual hold")
def release(session: SessionDep, actor: HoldActor, order_id: int, body: NoteBody = NoteBody(),
            if_match: IfMatch = None):
    act.release(session, order_id, actor, note=body.note, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/allocate", "Allocate stock by rule; the rest is backordered")
def allocate(session: SessionDep, actor: WarehouseActor, order_id: int, body: AllocateBody = AllocateBody(),
             if_match: IfMatch = None):
    act.allocate(session, order_id, actor, rule=body.rule, promise_date=body.promise_date,
                 version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/pick", "Pick allocated units")
def pick(session: SessionDep, actor: WarehouseActor, order_id: int, body: LinesBody = LinesBody(),
         if_match: IfMatch = None):
    act.pick(session, order_id, actor, body.lines, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/pack", "Pack picked units")
def pack(session: SessionDep, actor: WarehouseActor, order_id: int, body: LinesBody = LinesBody(),
         if_match: IfMatch = None):
    act.pack(session, order_id, actor, body.lines, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/ship", "Ship packed units as one shipment")
def ship(session: SessionDep, actor: WarehouseActor, order_id: int, body: ShipBody, if_match: IfMatch = None):
    s = act.ship(session, order_id, actor, body.lines, carrier=body.carrier, tracking_number=body.tracking_number,
                 version=version_of(if_match, body.version))
    return done(session, order_id, shipment={"id": s.id, "number": s.number, "carrier": s.carrier,
                                              "tracking_number": s.tracking_number})


@router.post("/api/v1/shipments/{shipment_id}/deliver", summary="Confirm delivery", responses=REFUSALS)
def deliver(session: SessionDep, actor: WarehouseActor, shipment_id: int):
    s = act.deliver(session, shipment_id, actor)
    return done(session, s.order_id, shipment={"id": s.id, "number": s.number, "delivered_at": str(s.delivered_at)})


@_order_action("/invoice", "Invoice what shipped (per order or per shipment)")
def invoice(session: SessionDep, actor: BillingActor, order_id: int, body: InvoiceBody = InvoiceBody(),
            if_match: IfMatch = None):
    made = act.invoice(session, order_id, actor, per=body.per, version=version_of(if_match, body.version))
    return done(session, order_id, invoices=[invoice_json(session, i) for i in made])


@_order_action("/close", "Close a paid order")
def close(session: SessionDep, actor: BillingActor, order_id: int, body: NoteBody = NoteBody(),
          if_match: IfMatch = None):
    act.close(session, order_id, actor, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/cancel", "Cancel the order or some lines (unshipped units only)")
def cancel(session: SessionDep, actor: ClerkActor, order_id: int, body: CancelBody = CancelBody(),
           if_match: IfMatch = None):
    act.cancel(session, order_id, actor, body.lines, reason=body.reason, version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/change", "Change quantities, date, address; add or remove lines")
def change(session: SessionDep, actor: ClerkActor, order_id: int, body: ChangeBody, if_match: IfMatch = None):
    act.change(session, order_id, actor, quantities=body.quantities, requested_date=body.requested_date,
               ship_to=body.ship_to, add_lines=[li.model_dump() for li in body.add_lines or []],
               remove_lines=body.remove_lines, source="api", version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/price-override", "Set a line price; beyond the tolerance it waits for approval")
def price_override(session: SessionDep, actor: ClerkActor, order_id: int, body: PriceBody, if_match: IfMatch = None):
    act.request_price_override(session, order_id, body.line_no, body.unit_price, actor, reason=body.reason,
                               version=version_of(if_match, body.version))
    return done(session, order_id)


@_order_action("/price-override/{line_no}/approve", "Approve a pending price (finance/admin, another user)")
def approve_price(session: SessionDep, settings: SettingsDep, actor: FinanceActor, order_id: int, line_no: int):
    with duty_decision(session, settings, actor, "approve_price", "order", order_id):
        act.approve_price_override(session, order_id, line_no, actor)
    return done(session, order_id)


@router.get(ORDER + "/shipments", summary="The order's shipments with tracking")
def order_shipments(session: SessionDep, principal: PrincipalDep, order_id: int) -> list[dict]:
    own_order(session, principal, order_id)
    rows = session.exec(select(Shipment).where(Shipment.order_id == order_id).order_by(Shipment.id)).all()
    return [{"id": s.id, "number": s.number, "carrier": s.carrier, "tracking_number": s.tracking_number,
             "shipped_at": s.shipped_at.isoformat(),
             "delivered_at": s.delivered_at.isoformat() if s.delivered_at else None} for s in rows]


@router.post("/api/v1/stock/receive", summary="Stock arrived: add it and allocate waiting backorders")
def receive_stock(session: SessionDep, actor: WarehouseActor, body: StockBody):
    result = act.receive_stock(session, body.warehouse, body.sku, body.quantity, actor, rule=body.rule)
    commit(session)
    return result
