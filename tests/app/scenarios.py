"""Given...: master data (two customers, two products, one warehouse) and orders in named states
(new, shipped, invoiced) made through the real actions, with an actor per role, for the tests of
orders and of what is built on them."""
from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from app.catalog.models import Customer, Product, Stock, Warehouse
from app.core.auth import Actor
from app.core.transactions import commit
from app.orders import actions as act

CLERK = Actor.of("carla", "clerk")
WAREHOUSE = Actor.of("walt", "warehouse")
FINANCE = Actor.of("fiona", "finance")
CREDIT = Actor.of("cris", "credit")
ADMIN = Actor.of("ada", "admin")


def seed(session: Session, *, limit: str = "100000", stock: int = 100, terms: str = "NET30") -> dict:
    """Two customers, two products, one warehouse with stock of both."""
    wh = Warehouse(code="DAL", name="Dallas")
    acme = Customer(code="ACME", name="Acme Corp", credit_limit=Decimal(limit), payment_terms=terms, priority=3)
    key = Customer(code="KEY", name="Key Account", credit_limit=Decimal("100000"), payment_terms=terms, priority=1)
    session.add_all([wh, acme, key,
                     Product(sku="HB-1240", description="Hex bolt M12x40", list_price=Decimal("2.50")),
                     Product(sku="WS-12", description="Washer 12", list_price=Decimal("0.10"))])
    session.flush()
    session.add_all([Stock(warehouse_id=wh.id, sku="HB-1240", on_hand=Decimal(stock)),
                     Stock(warehouse_id=wh.id, sku="WS-12", on_hand=Decimal(stock))])
    commit(session)
    return {"warehouse": wh, "acme": acme, "key": key}


def new_order(session: Session, customer: str = "ACME", lines=None, po: str | None = None, actor: Actor = CLERK,
              **kw):
    lines = lines or [{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"},
                      {"sku": "WS-12", "quantity": 20, "unit_price": "0.10"}]
    order = act.place_order(session, customer, lines, actor, po_number=po, **kw)
    commit(session)
    return order


def shipped_order(session: Session, **kw):
    """Validated, allocated, picked, packed and shipped in full (one shipment)."""
    order = new_order(session, **kw)
    act.validate(session, order.id, CLERK)
    act.allocate(session, order.id, WAREHOUSE)
    act.pick(session, order.id, WAREHOUSE)
    act.pack(session, order.id, WAREHOUSE)
    act.ship(session, order.id, WAREHOUSE, carrier="UPS", tracking_number="1Z999")
    commit(session)
    return order


def invoiced_order(session: Session, **kw):
    order = shipped_order(session, **kw)
    (inv,) = act.invoice(session, order.id, FINANCE)
    commit(session)
    return order, inv
