"""`intake simulate`: months of orders through the whole lifecycle, with realistic delays and
some exceptions (credit holds, backorders, late shipments, corrected invoices, damaged returns,
cancellations), so the dashboard and alerts show real trends.

Each order gets a plan of milestone times drawn from a seeded random generator; the real
actions run for every milestone already in the past, then the rows and events are back-dated
to the plan. Orders whose next milestone lies in the future stay open where they are.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import Session, select

from app.catalog.models import Customer, Product, Stock, Warehouse
from app.core.auth import Actor
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.events import EventType
from app.orders.models import Invoice, Order, OrderEvent, OrderLine, Payment, Shipment
from app.orders.rules.statuses import FulfilmentStatus, HoldStatus

CLERK = Actor.of("sim-clerk", "clerk")
WAREHOUSE = Actor.of("sim-warehouse", "warehouse")
FINANCE = Actor.of("sim-finance", "finance")
CREDIT = Actor.of("sim-credit", "credit", "finance")
CUSTOMER = Actor.of("sim-customer", "customer")
LINES = ("fasteners", "tools", "electrical", "safety")
CHANNELS = (("email", 5), ("upload", 2), ("api", 3), ("edi", 1))
CARRIERS = ("UPS", "FedEx", "DHL")


def master_data(session: Session, rng: random.Random) -> tuple[list[Customer], list[Product], Warehouse]:
    """SIM-* customers, products and a warehouse (created once, reused on later runs)."""
    wh = session.exec(select(Warehouse).where(Warehouse.code == "SIM")).first()
    if wh is None:
        wh = Warehouse(code="SIM", name="Simulation DC")
        session.add(wh)
        for i in range(8):
            limit = Decimal("2500") if i == 7 else Decimal("5000000")
            session.add(Customer(code=f"SIM-C{i + 1}", name=f"Sim Customer {i + 1}", credit_limit=limit,
                                 payment_terms=("NET30", "NET45", "NET15")[i % 3], priority=1 + i % 3))
        for i in range(24):
            session.add(Product(sku=f"SIM-{i + 1:03d}", description=f"Simulated item {i + 1}",
                                list_price=Decimal(rng.choice([2, 5, 12, 25, 60, 140])), product_line=LINES[i % 4]))
        session.flush()
        for i in range(24):
            session.add(Stock(warehouse_id=wh.id, sku=f"SIM-{i + 1:03d}", on_hand=Decimal(10 ** 7 if i % 6 else 0)))
        commit(session)
    customers = list(session.exec(select(Customer).where(Customer.code.like("SIM-C%"))).all())
    products = list(session.exec(select(Product).where(Product.sku.like("SIM-%"))).all())
    return customers, products, wh


def plan_order(rng: random.Random, entered: datetime, late: bool) -> list[tuple[str, datetime]]:
    """Milestone names with their times; a slow warehouse week makes `late` orders ship late."""
    def h(lo: float, hi: float) -> timedelta:
        return timedelta(hours=rng.uniform(lo, hi))
    t = entered + h(0.2, 5)
    steps = [("validate", t)]
    t += h(1, 30)
    steps.append(("allocate", t))
    t += h(2, 20) + (h(40, 120) if late else timedelta())
    steps += [("pick", t), ("pack", t + h(0.5, 4))]
    t += h(1, 30)
    steps.append(("ship", t))
    steps.append(("deliver", t + h(20, 90)))
    t += h(1, 40)
    steps.append(("invoice", t))
    steps.append(("pay", t + timedelta(days=rng.uniform(8, 55))))
    return steps


def _run(session: Session, order: Order, step: str, rng: random.Random, stock_in: Callable) -> None:
    oid = order.id
    if step == "validate":
        act.validate(session, oid, CLERK)
        if order.hold_status == HoldStatus.CREDIT_HOLD:
            act.release_credit(session, oid, CREDIT, note="simulated review")
    elif step == "allocate":
        act.allocate(session, oid, WAREHOUSE, promise_date=(order.created_at + timedelta(days=7)).date())
        if order.fulfilment_status == FulfilmentStatus.BACKORDERED:
            stock_in(order)
    elif step in ("pick", "pack"):
        getattr(act, step)(session, oid, WAREHOUSE)
    elif step == "ship":
        act.ship(session, oid, WAREHOUSE, carrier=rng.choice(CARRIERS),
                 tracking_number=f"SIM{rng.randrange(10**9):09d}")
    elif step == "deliver":
        for ship in session.exec(select(Shipment).where(Shipment.order_id == oid, Shipment.delivered_at.is_(None))):
            act.deliver(session, ship.id, WAREHOUSE)
    elif step == "invoice":
        act.invoice(session, oid, FINANCE)
    elif step == "pay":
        for inv in session.exec(select(Invoice).where(Invoice.order_id == oid, Invoice.kind == "invoice",
                                                      Invoice.status.in_(("open", "overdue", "partially_paid")))):
            act.record_payment(session, inv.id, Decimal(inv.total) - Decimal(inv.paid), FINANCE)


def _backdate(session: Session, order: Order, entered: datetime, done: list[tuple[str, datetime]]) -> None:
    """Move the order's rows and events to the planned times."""
    when = dict(done)
    session.execute(update(Order).where(Order.id == order.id).values(
        created_at=entered, updated_at=done[-1][1] if done else entered, order_date=entered.date(),
        promised_date=(entered + timedelta(days=5)).date()))
    E = EventType
    by_type = {E.ORDER_CREATED: entered, E.ORDER_VALIDATED: when.get("validate"),
               E.CREDIT_APPROVED: when.get("validate"), E.CREDIT_HOLD: when.get("validate"),
               E.CREDIT_RELEASED: when.get("validate"),
               E.ALLOCATED: when.get("allocate"), E.BACKORDERED: when.get("allocate"),
               E.BACKORDER_ALLOCATED: when.get("allocate"), E.PICKED: when.get("pick"), E.PACKED: when.get("pack"),
               E.SHIPPED: when.get("ship"), E.DELIVERED: when.get("deliver"), E.INVOICED: when.get("invoice"),
               E.PAYMENT_RECEIVED: when.get("pay"), E.CLOSED: when.get("pay")}
    last = entered
    for ev in session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)).all():
        at = by_type.get(ev.type) or when.get(ev.type) or last
        last = max(last, at)
        ev.at = at
    if "ship" in when:
        session.execute(update(Shipment).where(Shipment.order_id == order.id).values(
            shipped_at=when["ship"], delivered_at=when.get("deliver")))
    if "invoice" in when:
        terms = (when["invoice"] + timedelta(days=30)).date()
        session.execute(update(Invoice).where(Invoice.order_id == order.id, Invoice.kind == "invoice").values(
            issued_at=when["invoice"], due_date=terms))
    if "pay" in when:
        session.execute(update(Payment).where(Payment.invoice_id.in_(
            select(Invoice.id).where(Invoice.order_id == order.id))).values(received_at=when["pay"]))


DAYS_PER_MONTH = 30.4


def simulate(session: Session, *, months: float = 3, orders_per_day: float = 20, seed: int = 0,
             now: datetime | None = None, progress: Callable[[int], None] | None = None,
             days: int | None = None) -> dict:
    """Simulate `months` (or exactly `days`) of orders ending at `now`; returns counts of what happened."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    customers, products, wh = master_data(session, rng)
    days = days or max(1, int(months * DAYS_PER_MONTH))
    counts = {"orders": 0, "cancelled": 0, "returns": 0, "corrected": 0, "actions": 0}

    def stock_in(order: Order) -> None:
        """The supplier delivers the missing units (allocated to waiting backorders)."""
        for line in session.exec(select(OrderLine).where(OrderLine.order_id == order.id, OrderLine.backordered > 0)):
            act.receive_stock(session, wh.code, line.sku, Decimal(line.backordered) + rng.randint(0, 20), WAREHOUSE)

    start = (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(days):
        base = start + timedelta(days=day)
        weekday_factor = 0.3 if base.weekday() >= 5 else 1.0
        slow_week = rng.random() < 0.15  # a slow warehouse week: late shipments
        for _ in range(max(0, int(rng.gauss(orders_per_day * weekday_factor, orders_per_day * 0.15)))):
            entered = base + timedelta(hours=rng.uniform(7, 19))
            if entered >= now:
                continue
            cust = rng.choice(customers)
            lines = [{"sku": p.sku, "quantity": rng.choice([1, 2, 5, 10, 20, 50]), "unit_price": str(p.list_price)}
                     for p in rng.sample(products, rng.randint(1, 4))]
            channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
            po_number = f"SIM-PO-{seed}-{day}-{counts['orders']}"
            order = act.place_order(session, cust.code, lines, CLERK, po_number=po_number, channel=channel)
            order.touchless = channel in ("email", "upload", "edi") and rng.random() < 0.7
            counts["orders"] += 1
            done: list[tuple[str, datetime]] = []
            plan = plan_order(rng, entered, slow_week and rng.random() < 0.6)
            cancel = rng.random() < 0.02
            for step, at in plan:
                if at > now or (cancel and step == "allocate"):
                    break
                _run(session, order, step, rng, stock_in)
                done.append((step, at))
                counts["actions"] += 1
            if cancel and len(done) < len(plan) and done[-1][0] == "validate":
                act.cancel(session, order.id, CLERK, reason="customer cancelled")
                counts["cancelled"] += 1
            _exceptions(session, order, done, rng, counts)
            _backdate(session, order, entered, done)
            commit(session)
        if progress:
            progress(day + 1)
    return counts


def _exceptions(session: Session, order: Order, done: list, rng: random.Random, counts: dict) -> None:
    steps = [s for s, _ in done]
    if "invoice" in steps and rng.random() < 0.03:
        inv = session.exec(select(Invoice).where(Invoice.order_id == order.id, Invoice.kind == "invoice",
                                                 Invoice.status != "corrected")).first()
        if inv is not None and inv.status != "paid":
            act.correct_invoice(session, inv.id, FINANCE, {1: {"unit_price": "1.00"}}, reason="wrong price")
            counts["corrected"] += 1
    if "deliver" in steps and rng.random() < 0.04:
        rma = act.request_return(session, order.id, {1: 1}, CUSTOMER, reason="simulated return")
        act.approve_return(session, rma.id, CLERK)
        act.receive_return(session, rma.id, {1: (1, "damaged" if rng.random() < 0.4 else "restock")}, WAREHOUSE)
        counts["returns"] += 1
