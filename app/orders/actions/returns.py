"""Returns (RMA): requested, approved, received per line with a disposition, then credited."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sqlmodel import Session, select

from app.catalog.models import Stock, Warehouse
from app.core.auth import Actor, require_role
from app.core.errors import NotFound
from app.core.numbers import next_number
from app.orders import events as ev
from app.orders.actions.billing import credit_note
from app.orders.actions.common import line_by_no, lock_order, order_lines, record, refuse, write_ledger
from app.orders.actions.stock import lock_skus, lock_stock
from app.orders.models import Invoice, InvoiceLine, Order, OrderLine, ReturnLine, ReturnRequest, RmaStatus
from app.orders.rules import ledger as L
from app.orders.rules.transitions import Action as A
from app.orders.rules.transitions import check_allowed

DISPOSITIONS = ("restock", "damaged", "scrap")
RETURN_APPROVER_ROLES = ("clerk", "finance")


def _return(session: Session, return_id: int) -> ReturnRequest:
    rma = session.get(ReturnRequest, return_id)
    if rma is None:
        raise NotFound("return_not_found", f"no return {return_id}")
    return rma


def _return_lines(session: Session, return_id: int) -> list[ReturnLine]:
    return list(session.exec(select(ReturnLine).where(ReturnLine.return_id == return_id).order_by(ReturnLine.id)))


def _pending_returns(session: Session, order_id: int) -> dict[int, Decimal]:
    """Units per order line already asked back and not yet received (open RMAs)."""
    rows = session.exec(select(ReturnLine).join(ReturnRequest, ReturnRequest.id == ReturnLine.return_id)
                        .where(ReturnRequest.order_id == order_id,
                               ReturnRequest.status.in_(("requested", "approved", "partially_received")))).all()
    out: dict[int, Decimal] = {}
    for r in rows:
        out[r.order_line_id] = out.get(r.order_line_id, Decimal(0)) + Decimal(r.quantity) - Decimal(r.received)
    return out


def request_return(session: Session, order_id: int, lines: Mapping[int, Decimal | int | str], actor: Actor, *,
                   reason: str | None = None, version: int | None = None) -> ReturnRequest:
    """The customer asks to send shipped units back (line_no -> quantity)."""
    order = lock_order(session, order_id, version)
    rows = order_lines(session, order_id)
    check_allowed(A.REQUEST_RETURN, order.state)
    pending = _pending_returns(session, order_id)
    rma = ReturnRequest(number=next_number(session, "rma", "RMA-"), order_id=order.id, reason=reason,
                        requested_by=actor.name)
    session.add(rma)
    session.flush()
    facts = []
    for no, qty in lines.items():
        line = line_by_no(rows, int(no))
        q = L.as_qty(qty)
        room = Decimal(line.shipped) - Decimal(line.returned) - pending.get(line.id, Decimal(0))
        if q > room:
            raise refuse("over_return", f"Line {no}: only {room} shipped units can still be returned",
                         line_no=no, requested=str(q), available=str(room))
        session.add(ReturnLine(return_id=rma.id, order_line_id=line.id, quantity=q))
        facts.append({"line_no": line.line_no, "sku": line.sku, "quantity": q})
    if not facts:
        raise refuse("invalid_quantity", "A return needs at least one line")
    record(session, order, ev.return_requested(order.id, actor.name, return_id=rma.id, return_number=rma.number,
                                               lines=facts, reason=reason), lines=rows)
    return rma


def request_return_for_review(session: Session, order_id: int, actor: Actor, *, requested_by: str,
                              reason: str | None = None, note: str | None = None) -> ReturnRequest:
    """A return asked for without saying which lines (an email): an RMA with no lines that a clerk
    completes; the order's statuses do not move until it has lines."""
    rma = ReturnRequest(number=next_number(session, "rma", "RMA-"), order_id=order_id,
                        status=RmaStatus.REQUESTED.value, reason=reason, requested_by=requested_by)
    session.add(rma)
    session.flush()
    session.add(ev.return_requested(order_id, actor.name, return_id=rma.id, return_number=rma.number, lines=[],
                                    reason=note))
    return rma


def approve_return(session: Session, return_id: int, actor: Actor, *, version: int | None = None) -> ReturnRequest:
    """Authorise a requested return."""
    require_role(actor, *RETURN_APPROVER_ROLES)
    rma = _return(session, return_id)
    order = lock_order(session, rma.order_id, version)
    check_allowed(A.APPROVE_RETURN, order.state)
    if rma.status != "requested":
        raise refuse("return_not_requested", f"{rma.number} is {rma.status}, not waiting for approval")
    rma.status = "approved"
    session.add(rma)
    record(session, order, ev.return_approved(order.id, actor.name, return_id=rma.id, return_number=rma.number))
    return rma


def receive_return(session: Session, return_id: int, lines: Mapping[int, tuple[Decimal | int | str, str]],
                   actor: Actor, *, version: int | None = None) -> tuple[ReturnRequest, list[Invoice]]:
    """Receive returned units (line_no -> (quantity, disposition)); restock puts them back on hand,
    and the invoiced part is credited against the original invoice lines."""
    require_role(actor, "warehouse", "clerk")
    rma = _return(session, return_id)
    order = lock_order(session, rma.order_id, version)
    rows = order_lines(session, order.id)
    check_allowed(A.RECEIVE_RETURN, order.state, [L.LineLedger.from_attrs(li) for li in rows])
    if rma.status not in ("approved", "partially_received"):
        raise refuse("return_not_approved", f"{rma.number} is {rma.status}; only approved returns are received")
    by_line = {r.order_line_id: r for r in _return_lines(session, rma.id)}
    lock_skus(session, (li.sku for li in rows))
    facts, credit_rows = [], []
    for no, (qty, disposition) in lines.items():
        line = line_by_no(rows, int(no))
        rl = by_line.get(line.id)
        q = L.as_qty(qty)
        if rl is None or q > Decimal(rl.quantity) - Decimal(rl.received):
            raise refuse("over_return", f"Line {no}: more than {rma.number} authorised", line_no=no)
        if disposition not in DISPOSITIONS:
            raise refuse("invalid_disposition", f"Disposition must be one of {', '.join(DISPOSITIONS)}")
        write_ledger(line, L.return_received(L.LineLedger.from_attrs(line), q))
        rl.received, rl.disposition = Decimal(rl.received) + q, disposition
        session.add(rl)
        if disposition == "restock":
            _restock(session, line, q)
        facts.append({"line_no": line.line_no, "sku": line.sku, "quantity": q, "disposition": disposition})
        credit_rows.append((line, q))
    done = all(Decimal(r.received) >= Decimal(r.quantity) for r in by_line.values())
    rma.status = "received" if done else "partially_received"
    session.add(ev.return_received(order.id, actor.name, return_id=rma.id, return_number=rma.number, lines=facts))
    notes = _credit_returned(session, order, credit_rows, actor, rma.id)
    if done and notes is not None:
        rma.status = "credited"
    session.add(rma)
    record(session, order, lines=rows)
    return rma, notes or []


def _restock(session: Session, line: OrderLine, qty: Decimal) -> None:
    warehouse_id = line.warehouse_id or session.exec(select(Warehouse.id).order_by(Warehouse.id)).first()
    if warehouse_id is None:
        raise refuse("no_warehouse", "No warehouse to restock into")
    rows = lock_stock(session, line.sku, warehouse_id)
    row = rows[0] if rows else Stock(warehouse_id=warehouse_id, sku=line.sku, on_hand=0, allocated=0)
    row.on_hand = Decimal(row.on_hand) + qty
    session.add(row)


def _credit_returned(session: Session, order: Order, rows: list[tuple[OrderLine, Decimal]], actor: Actor,
                     return_id: int) -> list[Invoice] | None:
    """Credit notes for returned units that were invoiced, one per original invoice, at the invoiced price."""
    if not any(Decimal(li.invoiced) > 0 for li, _ in rows):
        return None
    check_allowed(A.ISSUE_CREDIT, order.state)
    per_invoice: dict[int, list] = {}
    for line, qty in rows:
        left = min(qty, Decimal(line.invoiced))
        billed = session.exec(select(InvoiceLine, Invoice).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
                              .where(InvoiceLine.order_line_id == line.id, Invoice.kind == "invoice",
                                     Invoice.status != "corrected").order_by(Invoice.id.desc())).all()
        for inv_line, inv in billed:
            take = min(left, Decimal(inv_line.quantity))
            if take > 0:
                per_invoice.setdefault(inv.id, []).append((line, take, Decimal(inv_line.unit_price)))
                left -= take
    return [credit_note(session, order, session.get(Invoice, inv_id), credit, actor, return_id=return_id)
            for inv_id, credit in sorted(per_invoice.items())]
