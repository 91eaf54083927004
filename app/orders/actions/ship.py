"""The warehouse: pick, pack, ship (one or several shipments) and delivery."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from sqlmodel import Session

from app.core.auth import Actor, require_role
from app.core.clock import utcnow
from app.core.errors import NotFound
from app.core.numbers import next_number
from app.orders import events as ev
from app.orders.actions.common import line_by_no, lock_order, order_lines, record, refuse
from app.orders.actions.stock import lock_skus, release_stock
from app.orders.models import Order, OrderLine, Shipment, ShipmentLine
from app.orders.rules import ledger as L
from app.orders.rules.transitions import Action as A
from app.orders.rules.transitions import check_allowed

Quantities = Mapping[int, Decimal | int | str] | None  # line_no -> quantity; None = everything possible
WAREHOUSE_ROLES = ("warehouse", "clerk")


def _apply(lines: list[OrderLine], quantities: Quantities, room: Callable[[L.LineLedger], Decimal],
           fact: Callable[[L.LineLedger, Decimal], L.LineLedger]) -> list[tuple[OrderLine, Decimal]]:
    """Apply one ledger fact per line: given quantities, or all the room there is when none are given."""
    if quantities is None:
        todo = [(li, room(L.LineLedger.from_attrs(li))) for li in lines]
        todo = [(li, q) for li, q in todo if q > 0]
    else:
        todo = [(line_by_no(lines, int(no)), L.as_qty(q)) for no, q in quantities.items()]
    done = []
    for line, qty in todo:
        line_ledger = fact(L.LineLedger.from_attrs(line), qty)
        for name, value in L.check_invariants(line_ledger).counts().items():
            setattr(line, name, value)
        done.append((line, qty))
    return done


def _facts(done: list[tuple[OrderLine, Decimal]]) -> list[dict]:
    return [{"line_no": li.line_no, "sku": li.sku, "quantity": q} for li, q in done]


def _step(session: Session, order_id: int, actor: Actor, action: A, quantities: Quantities,
          room: Callable[[L.LineLedger], Decimal], fact, event, version: int | None) -> Order:
    require_role(actor, *WAREHOUSE_ROLES)
    order = lock_order(session, order_id, version)
    lines = order_lines(session, order_id)
    check_allowed(action, order.state, [L.LineLedger.from_attrs(li) for li in lines])
    done = _apply(lines, quantities, room, fact)
    return record(session, order, event(order.id, actor.name, lines=_facts(done)), lines=lines)


def pick(session: Session, order_id: int, actor: Actor, quantities: Quantities = None, *,
         version: int | None = None) -> Order:
    """Take allocated units off the shelf."""
    return _step(session, order_id, actor, A.PICK, quantities, lambda x: x.allocated - x.picked, L.pick,
                 ev.picked, version)


def pack(session: Session, order_id: int, actor: Actor, quantities: Quantities = None, *,
         version: int | None = None) -> Order:
    """Pack picked units."""
    return _step(session, order_id, actor, A.PACK, quantities, lambda x: x.picked - x.packed, L.pack,
                 ev.packed, version)


def ship(session: Session, order_id: int, actor: Actor, quantities: Quantities = None, *, carrier: str | None = None,
         tracking_number: str | None = None, version: int | None = None) -> Shipment:
    """Hand packed units to a carrier as one shipment (an order may ship in several)."""
    require_role(actor, *WAREHOUSE_ROLES)
    order = lock_order(session, order_id, version)
    lines = order_lines(session, order_id)
    check_allowed(A.SHIP, order.state, [L.LineLedger.from_attrs(li) for li in lines])
    if not carrier or not tracking_number:
        raise refuse("carrier_required", "A shipment needs a carrier and a tracking number")
    lock_skus(session, (li.sku for li in lines))
    done = _apply(lines, quantities, lambda x: x.packed - x.shipped, L.ship)
    warehouses = {li.warehouse_id for li, _ in done}
    shipment = Shipment(order_id=order.id, number=next_number(session, "shipment", "SH-"), carrier=carrier,
                        tracking_number=tracking_number,
                        warehouse_id=warehouses.pop() if len(warehouses) == 1 else None)
    session.add(shipment)
    session.flush()
    for line, qty in done:
        session.add(ShipmentLine(shipment_id=shipment.id, order_line_id=line.id, quantity=qty))
        release_stock(session, line, qty, shipped=True)
    record(session, order, ev.shipped(order.id, actor.name, shipment_id=shipment.id, shipment_number=shipment.number,
                                      carrier=carrier, tracking_number=tracking_number, lines=_facts(done)),
           lines=lines)
    return shipment


def deliver(session: Session, shipment_id: int, actor: Actor, *, version: int | None = None) -> Shipment:
    """The carrier confirmed delivery of one shipment."""
    shipment = session.get(Shipment, shipment_id)
    if shipment is None:
        raise NotFound("shipment_not_found", f"no shipment {shipment_id}")
    order = lock_order(session, shipment.order_id, version)
    if shipment.delivered_at is not None:
        raise refuse("already_delivered", f"Shipment {shipment.number} was already delivered")
    shipment.delivered_at = utcnow()
    session.add(shipment)
    record(session, order, ev.delivered(order.id, actor.name, shipment_id=shipment.id,
                                        shipment_number=shipment.number))
    return shipment
