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
from app.orders.queries import list_price
from app.orders.rules.statuses import FulfilmentStatus, HoldStatus

CLERK = Actor.of("demo.clerk", "clerk")
WAREHOUSE = Actor.of("demo.warehouse", "warehouse")
FINANCE = Actor.of("demo.finance", "finance")
CREDIT = Actor.of("demo.credit", "credit", "finance")
CUSTOMER = Actor.of("demo.customer", "customer")
CHANNELS = (("email", 5), ("upload", 2), ("api", 3), ("edi", 1))
CARRIERS = ("UPS", "FedEx", "DHL")
DEMO_CUSTOMER = "ACME"  # the demo customer login's company (app/accounts/demo.py) gets its own history
DEMO_CUSTOMER_SHARE = 0.3  # of the simulated orders
# Used only when the catalogue is empty (`intake simulate` on a new database, tests): plausible
# buyers and goods, one with a small credit limit so that credit holds happen.
FALLBACK_CUSTOMERS = (("HARBOR", "Harbor Point Marine Supply"), ("CEDAR", "Cedar Valley Fabrication LLC"),
                      ("NORDKAP", "Nordkap Anlagenbau GmbH"), ("PENNINE", "Pennine Process Engineering Ltd"),
                      ("SUNBELT", "Sunbelt HVAC Contractors"), ("LAKESHORE", "Lakeshore Plastics Inc."),
                      ("RIVERTON", "Riverton Mining Services"), ("BRIGHTWAY", "Brightway Electrical Co-op"))
FALLBACK_PRODUCTS = (
    ("HB-0830", "Hex bolt M8 x 30 mm, grade 8.8, zinc plated", "fasteners", 6),
    ("HN-0800", "Hex nut M8, grade 8, zinc", "fasteners", 2),
    ("FW-0800", "Flat washer M8, DIN 125, zinc", "fasteners", 2),
    ("SS-1050", "Socket set screw M10 x 50, A2 stainless", "fasteners", 12),
    ("AB-1280", "Anchor bolt M12 x 80, hot-dip galvanised", "fasteners", 25),
    ("TR-0612", "Threaded rod M6 x 1 m, zinc", "fasteners", 5),
    ("DR-1300", "Cordless drill 18 V, 2 batteries", "tools", 140),
    ("BS-0500", "Bi-metal hole saw 50 mm", "tools", 25),
    ("TW-0340", "Torque wrench 3/8 in, 20-100 Nm", "tools", 140),
    ("GR-1150", "Angle grinder 115 mm, 900 W", "tools", 60),
    ("CD-1000", "Cutting disc 115 x 1.0 mm, box of 25", "tools", 25),
    ("TM-0500", "Tape measure 5 m, magnetic hook", "tools", 12),
    ("CB-2515", "Cable 3 x 2.5 mm², 100 m reel", "electrical", 140),
    ("CT-0300", "Cable ties 300 mm, black, pack of 100", "electrical", 5),
    ("JB-0100", "Junction box IP65, 100 x 100 mm", "electrical", 12),
    ("MC-1600", "Circuit breaker 16 A, type C", "electrical", 12),
    ("LD-0450", "LED batten 1.5 m, 45 W, 4000 K", "electrical", 60),
    ("WN-0025", "Wire nuts, assorted, pack of 25", "electrical", 5),
    ("GL-0009", "Cut-resistant gloves, level C, size 9", "safety", 5),
    ("SG-0100", "Safety glasses, clear, anti-fog", "safety", 5),
    ("HH-0200", "Hard hat, white, ratchet harness", "safety", 25),
    ("EP-0200", "Ear plugs, box of 200 pairs", "safety", 25),
    ("HV-0003", "Hi-vis vest, class 2, size L", "safety", 12),
    ("FA-0100", "First aid kit, 50 person, wall box", "safety", 60),
)


def _fallback_master_data(session: Session) -> None:
    """The built-in catalogue, created once when the database has no customers."""
    wh = Warehouse(code="DEMO", name="Demo distribution centre")
    session.add(wh)
    for i, (code, name) in enumerate(FALLBACK_CUSTOMERS):
        limit = Decimal("2500") if i == len(FALLBACK_CUSTOMERS) - 1 else Decimal("5000000")
        session.add(Customer(code=code, name=name, credit_limit=limit,
                             payment_terms=("NET30", "NET45", "NET15")[i % 3], priority=1 + i % 3))
    for sku, description, line, price in FALLBACK_PRODUCTS:
        session.add(Product(sku=sku, description=description, list_price=Decimal(price), product_line=line))
    session.flush()
    for i, (sku, *_rest) in enumerate(FALLBACK_PRODUCTS):
        session.add(Stock(warehouse_id=wh.id, sku=sku, on_hand=Decimal(10 ** 7 if i % 6 else 0)))
    commit(session)


def master_data(session: Session, rng: random.Random) -> tuple[list[Customer], list[Product], Warehouse]:
    """The catalogue's active customers, priced products and first warehouse (the demo master data
    of sample_docs/master after `intake demo`); a small built-in catalogue when there is none."""
    if session.exec(select(Customer).limit(1)).first() is None:
        _fallback_master_data(session)
    customers = list(session.exec(select(Customer).where(Customer.active).order_by(Customer.id)).all())
    products = list(session.exec(select(Product).where(Product.active, Product.list_price > 0)
                                 .order_by(Product.id)).all())
    wh = session.exec(select(Warehouse).order_by(Warehouse.id)).first()
    if wh is None:
        wh = Warehouse(code="DEMO", name="Demo distribution centre")
        session.add(wh)
        commit(session)
    return customers, products, wh


def _customer(rng: random.Random, customers: list[Customer]) -> Customer:
    """The demo customer gets its share of the orders, so its login has a history to see."""
    demo = next((c for c in customers if c.code == DEMO_CUSTOMER), None)
    if demo is not None and rng.random() < DEMO_CUSTOMER_SHARE:
        return demo
    return rng.choice(customers)


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
                 tracking_number=f"1Z{rng.randrange(10**9):09d}{rng.randrange(10**7):07d}")
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

    sellable: dict[int, list[Product]] = {}

    def priced(customer: Customer) -> list[Product]:
        """The products on the customer's price list (all of them when it has none)."""
        if customer.id not in sellable:
            own = [p for p in products if list_price(session, customer, p.sku) is not None]
            sellable[customer.id] = own if len(own) >= 4 else products
        return sellable[customer.id]

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
            cust = _customer(rng, customers)
            lines = [{"sku": p.sku, "quantity": rng.choice([1, 2, 5, 10, 20, 50])}  # at the customer's prices
                     for p in rng.sample(priced(cust), rng.randint(1, 4))]
            channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
            po_number = f"{4500000000 + seed * 10**7 + counts['orders']}"  # the shape SAP buyers send
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
