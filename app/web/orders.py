"""The back office's order pages: the order list (a role's worklist with `work=`), one order with
the moves the viewer's roles may make now, and each line's place on the source document.

A move is a form posted to /orders/{id}/act/{name}; it calls the order action of that name
(app.orders.actions), commits, and comes back to the order with what happened. The actions check
roles, states and segregation of duties themselves; the page only leaves out what cannot apply.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlmodel import select

from app.accounts.audit import duty_decision
from app.catalog.models import Customer
from app.core.auth import Principal
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError, NotFound
from app.core.transactions import commit
from app.intake.models import Document
from app.orders import actions as act
from app.orders import worklists
from app.orders.models import Invoice, OrderEvent, OrderLine, ReturnLine, ReturnRequest, Shipment
from app.orders.queries import invoice_balance, order_facts
from app.orders.rules.statuses import OrderState
from app.orders.rules.transitions import TRANSITIONS
from app.orders.rules.transitions import Action as A
from app.orders.service import order_or_404
from app.web import page_images, views
from app.web.access import AnyPage, PageRoute, StaffPage
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
PAGE_SIZE = 50


@dataclass(frozen=True)
class Move:
    label: str
    roles: tuple[str, ...]
    when: A | None  # the transition that must be allowed from the order's state (None: checked by the action)
    run: Callable  # (session, order_id, actor, form, version) -> str (what happened)
    duty: bool = False  # a segregation-of-duties decision, audited either way


def _dec(form, key: str) -> Decimal:
    try:
        return Decimal(str(form.get(key) or "").replace(",", ""))
    except InvalidOperation:
        raise AppError("invalid_value", f"{key.replace('_', ' ')} must be a number", 422) from None


def _int(form, key: str) -> int:
    value = str(form.get(key) or "")
    if not value.isdigit():
        raise AppError("invalid_value", f"choose a {key.replace('_', ' ')}", 422)
    return int(value)


def _ship(s, oid, actor, form, v):
    shipment = act.ship(s, oid, actor, None, carrier=str(form.get("carrier") or "").strip(),
                        tracking_number=str(form.get("tracking_number") or "").strip(), version=v)
    return f"Shipment {shipment.number} left with {shipment.carrier}."


def _invoice(s, oid, actor, form, v):
    made = act.invoice(s, oid, actor, version=v)
    return "Invoiced: " + ", ".join(i.number for i in made) + "."


def _payment(s, oid, actor, form, v):
    inv = s.get(Invoice, _int(form, "invoice_id"))
    if inv is None or inv.order_id != oid:
        raise NotFound("invoice_not_found", "no such invoice on this order")
    act.record_payment(s, inv.id, _dec(form, "amount"), actor, reference=str(form.get("reference") or "") or None)
    return f"Payment recorded against {inv.number}."


def _deliver(s, oid, actor, form, v):
    ship = s.get(Shipment, _int(form, "shipment_id"))
    if ship is None or ship.order_id != oid:
        raise NotFound("shipment_not_found", "no such shipment on this order")
    act.deliver(s, ship.id, actor)
    return f"Shipment {ship.number} delivered."


def _rma(s, oid, form) -> ReturnRequest:
    rma = s.get(ReturnRequest, _int(form, "return_id"))
    if rma is None or rma.order_id != oid:
        raise NotFound("return_not_found", "no such return on this order")
    return rma


def _receive(s, oid, actor, form, v):
    rma = _rma(s, oid, form)
    lines = s.exec(select(ReturnLine, OrderLine).join(OrderLine, OrderLine.id == ReturnLine.order_line_id)
                   .where(ReturnLine.return_id == rma.id)).all()
    disposition = str(form.get("disposition") or "restock")
    act.receive_return(s, rma.id, {ol.line_no: (Decimal(rl.quantity) - Decimal(rl.received), disposition)
                                   for rl, ol in lines if Decimal(rl.quantity) > Decimal(rl.received)}, actor)
    return f"Return {rma.number} received ({disposition})."


def _note(form) -> str | None:
    return str(form.get("note") or "").strip() or None


def _says(text: str, call: Callable) -> Callable:
    """A runner that makes the call and answers `text`."""
    def run(s, o, a, f, v):
        call(s, o, a, f, v)
        return text
    return run


HOLDERS = ("clerk", "warehouse", "finance", "credit")
WAREHOUSE = ("warehouse", "clerk")
MOVES: dict[str, Move] = {
    "validate": Move("Validate and check credit", ("clerk",), A.VALIDATE,
                     _says("Validated.", lambda s, o, a, f, v: act.validate(s, o, a, version=v))),
    "release_credit": Move("Release the credit hold", ("credit",), A.RELEASE_CREDIT, _says(
        "Credit hold released.", lambda s, o, a, f, v: act.release_credit(s, o, a, note=_note(f), version=v)),
        duty=True),
    "hold": Move("Put on hold", HOLDERS, A.HOLD,
                 _says("On hold.", lambda s, o, a, f, v: act.hold(s, o, a, reason=_note(f), version=v))),
    "release": Move("Release the hold", HOLDERS, A.RELEASE_HOLD,
                    _says("Hold released.", lambda s, o, a, f, v: act.release(s, o, a, note=_note(f), version=v))),
    "allocate": Move("Allocate stock", WAREHOUSE, A.ALLOCATE, _says(
        "Allocated what the stock allows; the rest is backordered.",
        lambda s, o, a, f, v: act.allocate(s, o, a, version=v))),
    "pick": Move("Pick", WAREHOUSE, A.PICK, _says("Picked.", lambda s, o, a, f, v: act.pick(s, o, a, version=v))),
    "pack": Move("Pack", WAREHOUSE, A.PACK, _says("Packed.", lambda s, o, a, f, v: act.pack(s, o, a, version=v))),
    "ship": Move("Ship", WAREHOUSE, A.SHIP, _ship),
    "deliver": Move("Delivered", WAREHOUSE, None, _deliver),
    "invoice": Move("Invoice what shipped", ("finance", "clerk"), A.INVOICE, _invoice),
    "payment": Move("Record a payment", ("finance",), A.RECORD_PAYMENT, _payment),
    "close": Move("Close", ("finance", "clerk"), A.CLOSE,
                  _says("Closed.", lambda s, o, a, f, v: act.close(s, o, a, version=v))),
    "cancel": Move("Cancel the order", ("clerk",), A.CANCEL, _says(
        "Cancelled what had not shipped.",
        lambda s, o, a, f, v: act.cancel(s, o, a, None, reason=_note(f), version=v))),
    "price": Move("Change a price", ("clerk",), A.HOLD, _says(
        "Price change recorded (beyond the tolerance it waits for approval).",
        lambda s, o, a, f, v: act.request_price_override(s, o, _int(f, "line_no"), _dec(f, "unit_price"), a,
                                                         reason=_note(f), version=v))),
    "approve_price": Move("Approve the price", ("finance",), None, _says(
        "Price approved.", lambda s, o, a, f, v: act.approve_price_override(s, o, _int(f, "line_no"), a)), duty=True),
    "request_return": Move("Return goods", ("clerk",), A.REQUEST_RETURN, _says(
        "Return requested.", lambda s, o, a, f, v: act.request_return(s, o, {_int(f, "line_no"): _dec(f, "quantity")},
                                                                       a, reason=_note(f), version=v))),
    "approve_return": Move("Approve the return", ("clerk", "finance"), A.APPROVE_RETURN, _says(
        "Return approved.", lambda s, o, a, f, v: act.approve_return(s, _rma(s, o, f).id, a))),
    "receive_return": Move("Receive the return", WAREHOUSE, A.RECEIVE_RETURN, _receive),
}


def available(principal: Principal, order) -> dict[str, Move]:
    """The moves this viewer may make on this order now (the action still has the last word)."""
    return {name: m for name, m in MOVES.items()
            if principal.has(*m.roles) and (m.when is None or order.state in TRANSITIONS[m.when])
            and (name != "release" or order.hold_status == "manual_hold")}


@router.get("/orders", response_class=HTMLResponse)
def orders_page(request: Request, session: SessionDep, me: StaffPage, q: str = "", state: str = "", work: str = "",
                customer_id: str = "", page: str = "1"):
    cid = int(customer_id) if customer_id.isdigit() else None
    number = max(int(page), 1) if page.isdigit() else 1
    found = worklists.find_orders(session, q=q.strip()[:100], state=state if state in set(OrderState) else "",
                                  work=work, customer_id=cid, page=number, size=PAGE_SIZE)
    return templates.TemplateResponse(request, "orders.html", {
        "found": found, "q": q, "state": state, "work": work, "customer_id": cid, "states": list(OrderState),
        "works": worklists.roles_work(me.roles),
        "customers": session.exec(select(Customer).order_by(Customer.name)).all()})


@router.get("/orders/{order_id}", response_class=HTMLResponse)
def order_page(request: Request, session: SessionDep, me: AnyPage, order_id: int, flash: str | None = None,
               error: str | None = None):
    order = order_or_404(session, order_id, me)
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)).all()
    invoices = session.exec(select(Invoice).where(Invoice.order_id == order_id).order_by(Invoice.id)).all()
    returns = session.exec(select(ReturnRequest).where(ReturnRequest.order_id == order_id)
                           .order_by(ReturnRequest.id)).all()
    return templates.TemplateResponse(request, "order.html", {
        "order": order, "customer": session.get(Customer, order.customer_id), "lines": lines,
        "shipments": session.exec(select(Shipment).where(Shipment.order_id == order_id).order_by(Shipment.id)).all(),
        "invoices": [(i, invoice_balance(session, i)) for i in invoices], "returns": returns,
        "events": session.exec(select(OrderEvent).where(OrderEvent.order_id == order_id)
                               .order_by(OrderEvent.at, OrderEvent.id)).all(),
        "pending": order_facts(session, order_id)["pending_prices"],
        "moves": {} if me.is_customer else available(me, order), "flash": flash, "error": error})


@router.post("/orders/{order_id}/act/{name}")
async def order_move(request: Request, session: SessionDep, settings: SettingsDep, me: StaffPage, order_id: int,
                     name: str):
    form = await request.form()
    move = MOVES.get(name)
    if move is None:
        raise NotFound("no_such_action", f"there is no action {name}")
    version = int(form["version"]) if str(form.get("version") or "").isdigit() else None
    try:
        if move.duty:
            with duty_decision(session, settings, me, name, "order", order_id):
                said = move.run(session, order_id, me.actor, form, version)
        else:
            said = move.run(session, order_id, me.actor, form, version)
        commit(session)
    except AppError as exc:
        session.rollback()
        if exc.status_code == 404:
            raise
        return RedirectResponse(f"/orders/{order_id}?error=" + quote(exc.message[:1].upper() + exc.message[1:]),
                                status_code=303)
    return RedirectResponse(f"/orders/{order_id}?flash=" + quote(str(said or "Done.")), status_code=303)


@router.get("/orders/{order_id}/lines/{line_no}/source", response_class=HTMLResponse)
def line_source(request: Request, session: SessionDep, settings: SettingsDep, me: StaffPage, order_id: int,
                line_no: int):
    """The page of the source document with this line's region highlighted."""
    order = order_or_404(session, order_id, me)
    line = session.exec(select(OrderLine).where(OrderLine.order_id == order_id, OrderLine.line_no == line_no)).first()
    doc = session.get(Document, order.document_id) if order.document_id else None
    if line is None or doc is None:
        raise NotFound("no_source", f"line {line_no} of {order.number} was not read from a document")
    src = line.source or {}
    sizes = page_images.page_sizes(settings, doc)
    page = src.get("page") or 1
    size = sizes[page - 1] if 0 < page <= len(sizes) else None
    return templates.TemplateResponse(request, "line_source.html", {
        "order": order, "line": line, "doc": doc, "page": page, "has_page": size is not None,
        "box": views.box(src.get("bbox"), page, size, "box-source", f"Line {line_no}"),
        "source_text": page_images.source_text(settings, doc)})


@router.get("/documents/{doc_id}/pages/{number}.png")
def document_page(session: SessionDep, settings: SettingsDep, me: StaffPage, doc_id: int, number: int):
    doc = session.get(Document, doc_id)
    path = page_images.page_png(settings, doc, number) if doc is not None else None
    if path is None:
        raise NotFound("page_not_found", f"document {doc_id} has no page {number} to show")
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})
