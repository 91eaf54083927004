"""Placing an order: the one action that creates orders, whoever asks (an API client, a document
the intake read, a clerk's approval, the simulation). It numbers the order, writes its lines,
derives its statuses and records one `order_created` event."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from app.catalog.models import Customer, Product
from app.core.auth import Actor
from app.core.errors import Conflict, NotFound
from app.core.numbers import next_number
from app.orders import events as ev
from app.orders.actions.common import order_total, record, refuse
from app.orders.models import Order, OrderLine
from app.orders.queries import list_price, order_for_po
from app.orders.rules import ledger as L


@dataclass(frozen=True)
class NewLine:
    """A line to place: our SKU, the quantity in its unit and the agreed price."""

    sku: str
    quantity: Decimal
    unit_price: Decimal
    unit: str = "EA"
    description: str | None = None
    promise_date: date | None = None
    source: dict[str, Any] | None = None  # where a document's line was read (page, boxes)
    match: dict[str, Any] | None = None  # why its SKU was chosen (score, reason)


@dataclass(frozen=True)
class NewOrder:
    """What the order says besides its lines; empty addresses and currency are the customer's."""

    channel: str = "api"
    po_number: str | None = None
    order_date: date | None = None
    requested_date: date | None = None
    ship_to: str | None = None
    bill_to: str | None = None
    currency: str | None = None
    total: Decimal | None = None  # the total the customer wrote; None: the lines' value
    document_id: int | None = None
    touchless: bool = False
    instructions: dict[str, Any] | None = field(default=None)


def place(session: Session, customer: Customer, lines: Sequence[NewLine], actor: Actor, new: NewOrder) -> Order:
    """Create the order with its lines at version 1; the caller commits."""
    order = Order(number=next_number(session, "order", "SO-"), customer_id=customer.id, po_number=new.po_number,
                  document_id=new.document_id, channel=new.channel, currency=new.currency or customer.currency,
                  order_date=new.order_date, requested_date=new.requested_date,
                  ship_to=new.ship_to or customer.ship_to, bill_to=new.bill_to or customer.bill_to,
                  touchless=new.touchless, entered_by=actor.name, instructions=new.instructions)
    session.add(order)
    session.flush()
    rows = [write_line(session, order, n, line) for n, line in enumerate(lines, start=1)]
    order.total = new.total if new.total is not None else order_total(rows)
    record(session, order, ev.order_created(order.id, actor.name, channel=new.channel, lines=len(rows),
                                            po_number=new.po_number, document_id=new.document_id,
                                            touchless=new.touchless), lines=rows)
    order.version = 1  # a new order starts at version 1
    return order


def write_line(session: Session, order: Order, line_no: int, line: NewLine) -> OrderLine:
    row = OrderLine(order_id=order.id, line_no=line_no, sku=line.sku, description=line.description, unit=line.unit,
                    unit_price=line.unit_price, ordered=line.quantity, promise_date=line.promise_date,
                    source=line.source, match=line.match)
    session.add(row)
    session.flush()
    return row


def catalog_line(session: Session, customer: Customer | None, spec: Mapping[str, Any]) -> NewLine:
    """A line asked for by SKU and quantity: an active product, priced as given or from the customer's price list."""
    sku = str(spec["sku"])
    product = session.exec(select(Product).where(Product.sku == sku)).first()
    if product is None or not product.active:
        raise NotFound("unknown_sku", f"no active product {sku}", details={"sku": sku})
    qty = L.as_qty(spec.get("quantity", 0))
    price = spec.get("unit_price")
    price = Decimal(str(price)) if price is not None else list_price(session, customer, product.sku, qty)
    return NewLine(sku=product.sku, quantity=qty, unit_price=price or Decimal(0), unit=product.uom,
                   description=product.description, promise_date=spec.get("promise_date"))


def place_order(session: Session, customer_code: str, lines: list[Mapping[str, Any]], actor: Actor, *,
                po_number: str | None = None, requested_date: date | None = None, ship_to: str | None = None,
                channel: str = "api") -> Order:
    """An order entered by an API client (or a clerk): customer code, PO number, lines of sku/quantity/unit_price."""
    customer = session.exec(select(Customer).where(Customer.code == customer_code)).first()
    if customer is None:
        raise NotFound("customer_not_found", f"no customer {customer_code}")
    if order_for_po(session, customer.id, po_number) is not None:
        raise Conflict("duplicate_po", f"customer {customer_code} already has an order for PO {po_number}")
    if not lines:
        raise refuse("order_incomplete", "An order needs at least one line")
    new_lines = [catalog_line(session, customer, spec) for spec in lines]
    return place(session, customer, new_lines, actor, NewOrder(channel=channel, po_number=po_number,
                                                               order_date=date.today(),
                                                               requested_date=requested_date, ship_to=ship_to))
