"""The KPI fact rows kept by the actions are the rows rebuilt from scratch: random sequences of
real actions (orders placed, allocated with too little stock, shipped in parts, delivered,
invoiced, paid in parts, corrected, cancelled, changed, returned damaged, held, closed, stock
received for backorders), on SQLite and PostgreSQL; and `intake kpi rebuild` restores them."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy import inspect as sa_inspect
from typer.testing import CliRunner

from app.catalog.models import Product
from app.catalog.service import import_csv
from app.cli import cli
from app.core.errors import AppError
from app.core.transactions import commit, rollback
from app.orders import actions as act
from app.orders.kpi.models import KpiInvoiceFact, KpiLineFact, KpiOrderFact
from app.orders.kpi.store import rebuild
from app.orders.models import Invoice, Order, Shipment
from tests.app.scenarios import ADMIN, seed

TABLES = (KpiOrderFact, KpiLineFact, KpiInvoiceFact)
SKUS = ("HB-1240", "WS-12")
PRICES = {"HB-1240": "2.50", "WS-12": "0.10"}  # list prices: no price-approval hold
ANY = ("validate", "allocate", "pick", "pack", "ship", "deliver", "invoice", "pay", "correct", "cancel", "cancel_line",
       "change", "return", "hold", "close", "stock")
NEXT = {"entered": ("validate",), "validated": ("allocate",), "credit_approved": ("allocate",),
        "allocated": ("pick",), "partially_allocated": ("pick", "stock"),
        "picking": ("pack", "ship", "stock", "allocate"),
        "packed": ("ship",), "partially_shipped": ("ship", "invoice", "allocate"), "shipped": ("invoice", "deliver"),
        "invoiced": ("pay", "deliver"), "partially_paid": ("pay",), "paid": ("close", "return"), "on_hold": ("hold",)}


def snapshot(session) -> dict:
    session.expire_all()
    run = session.connection().execute
    return {t.__tablename__: [tuple(r) for r in run(select(t).order_by(*t.__table__.primary_key))] for t in TABLES}


def rebuilt(session) -> dict:
    for table in TABLES:
        session.execute(delete(table))
    rebuild(session, batch=3)  # small batches: ranges and their edges are exercised too
    session.commit()
    return snapshot(session)


def _lines(rng: random.Random) -> list[dict]:
    return [{"sku": sku, "quantity": rng.randint(1, 12), "unit_price": PRICES[sku]}
            for sku in rng.sample(SKUS, rng.randint(1, 2))]


def _step(session, rng: random.Random, orders: list[int]) -> None:
    """One random action; actions the order's state refuses are rolled back."""
    if not orders or rng.random() < 0.12:
        orders.append(act.place_order(session, rng.choice(("ACME", "KEY")), _lines(rng), ADMIN,
                                      channel=rng.choice(("api", "email"))).id)
        return
    oid = rng.choice(orders)
    shipments = session.scalars(select(Shipment.id).where(Shipment.order_id == oid)).all()
    invoices = session.scalars(select(Invoice).where(Invoice.order_id == oid, Invoice.kind == "invoice",
                                                  Invoice.status != "corrected")).all()
    state = session.get(Order, oid).state
    # mostly the order's next step, so orders get far; sometimes anything (often refused)
    choice = rng.choice(NEXT.get(state, ("return",)) if rng.random() < 0.7 else ANY)
    if choice == "validate":
        act.validate(session, oid, ADMIN)
    elif choice in ("allocate", "pick", "pack"):
        getattr(act, choice)(session, oid, ADMIN)
    elif choice == "ship":
        act.ship(session, oid, ADMIN, {1: rng.randint(1, 6)} if rng.random() < 0.4 else None, carrier="UPS",
                 tracking_number="1Z")
    elif choice == "deliver" and shipments:
        act.deliver(session, rng.choice(shipments), ADMIN)
    elif choice == "invoice":
        act.invoice(session, oid, ADMIN)
    elif choice == "pay" and invoices:
        inv = rng.choice(invoices)
        act.record_payment(session, inv.id, inv.total if rng.random() < 0.6 else inv.total / 2, ADMIN)
    elif choice == "correct" and invoices:
        act.correct_invoice(session, invoices[0].id, ADMIN, {1: {"unit_price": "1.00"}}, reason="price")
    elif choice == "cancel":
        act.cancel(session, oid, ADMIN, reason="test")
    elif choice == "cancel_line":
        act.cancel(session, oid, ADMIN, {1: 1})
    elif choice == "change":
        act.change(session, oid, ADMIN, quantities={1: rng.randint(1, 15)})
    elif choice == "return":
        rma = act.request_return(session, oid, {1: 1}, ADMIN)
        act.approve_return(session, rma.id, ADMIN)
        act.receive_return(session, rma.id, {1: (1, rng.choice(("damaged", "restock")))}, ADMIN)
    elif choice == "hold":
        if state == "on_hold":
            act.release(session, oid, ADMIN)
        else:
            act.hold(session, oid, ADMIN, reason="check")
    elif choice == "close":
        act.close(session, oid, ADMIN)
    elif choice == "stock":
        act.receive_stock(session, "DAL", rng.choice(SKUS), rng.randint(1, 20), ADMIN)


@pytest.mark.parametrize("seed_", [1, 2, 3])
def test_facts_kept_by_actions_are_the_facts_rebuilt(session, seed_):
    seed(session, stock=15)
    rng = random.Random(seed_)
    orders: list[int] = []
    done = 0
    for i in range(120):
        try:
            _step(session, rng, orders)
            commit(session)
            done += 1
        except AppError:
            rollback(session)
        if i % 20 == 19:
            kept = snapshot(session)
            assert kept == rebuilt(session)
    kept = snapshot(session)
    assert len(kept["kpiorderfact"]) == len(orders) > 3 and kept["kpiinvoicefact"] and done > 50
    assert kept == rebuilt(session)


def test_bulk_updates_mark_their_orders(session):
    seed(session)
    order = act.place_order(session, "ACME", [{"sku": "HB-1240", "quantity": 2, "unit_price": "1"}], ADMIN)
    commit(session)
    session.execute(update(Order).where(Order.id == order.id).values(channel="edi", touchless=True))
    commit(session)
    row = session.get(KpiOrderFact, order.id)
    assert (row.channel, row.touchless) == ("edi", 1)


def test_a_product_moved_to_another_product_line_moves_its_orders_slices(session):
    seed(session)
    order = act.place_order(session, "ACME", [{"sku": "HB-1240", "quantity": 2, "unit_price": "2.50"},
                                              {"sku": "WS-12", "quantity": 5, "unit_price": "0.10"}], ADMIN)
    commit(session)
    before = snapshot(session)["kpilinefact"]
    import_csv(session, "products", "sku,description,uom,product_line\nHB-1240,Hex bolt,EA,Fasteners-HD\n")
    commit(session)
    lines = {row.product_line for row in session.scalars(select(KpiLineFact).where(KpiLineFact.order_id == order.id))}
    assert "Fasteners-HD" in lines and snapshot(session)["kpilinefact"] != before
    session.execute(update(Product).where(Product.sku == "WS-12").values(product_line="Washers-2"))
    commit(session)
    assert snapshot(session) == rebuilt(session)
    lines = {row.product_line for row in session.scalars(select(KpiLineFact).where(KpiLineFact.order_id == order.id))}
    assert lines == {"Fasteners-HD", "Washers-2"}


def test_cli_rebuild_restores_the_facts(session, settings):
    seed(session, stock=5)
    for n in (3, 8):
        order = act.place_order(session, "KEY", [{"sku": "WS-12", "quantity": n, "unit_price": "0.10"}], ADMIN)
        act.validate(session, order.id, ADMIN)
        act.allocate(session, order.id, ADMIN)
        commit(session)
    kept = snapshot(session)
    for table in TABLES:
        session.execute(delete(table))
    session.commit()
    env = {"INTAKE_DATABASE_URL": settings.db_url, "INTAKE_DATA_DIR": str(settings.data_dir)}
    result = CliRunner().invoke(cli, ["kpi", "rebuild"], env=env)
    assert result.exit_code == 0, result.output
    assert snapshot(session) == kept and len(kept["kpiorderfact"]) == 2


def test_migration_backfills_the_facts_and_downgrades(session, db_url):
    from alembic import command

    from app.core.migrate import alembic_config, upgrade

    seed(session)
    order = act.place_order(session, "ACME", [{"sku": "HB-1240", "quantity": 4, "unit_price": "2.50"}], ADMIN)
    act.validate(session, order.id, ADMIN)
    act.allocate(session, order.id, ADMIN)
    commit(session)
    kept = snapshot(session)
    session.close()
    command.downgrade(alembic_config(db_url), "w1_web_sessions")
    try:
        with session.get_bind().connect() as conn:
            assert "kpiorderfact" not in sa_inspect(conn).get_table_names()
    finally:
        upgrade(db_url)
    assert snapshot(session) == kept and len(kept["kpiorderfact"]) == 1
