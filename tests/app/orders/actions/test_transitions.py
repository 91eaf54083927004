"""Every action from every headline state: the actions agree with the transition table.

Where the table allows an action, the action is applied (or refused by a guard
with its own code); where the table does not, it is refused with
`transition_not_allowed` and nothing is written.
"""
from __future__ import annotations

import shutil

import pytest
from sqlmodel import Session, func, select

from app.core.auth import Actor
from app.core.db import dispose_engines, get_engine
from app.core.transactions import commit, rollback
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.models import Invoice, OrderEvent
from app.orders.rules.transitions import is_allowed
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, new_order, seed

BOSS = Actor.of("boss", "admin", "credit", "finance", "warehouse", "clerk")
SHIP = {"carrier": "UPS", "tracking_number": "1Z1"}


def _approved(s, qty=10):
    o = new_order(s, lines=[{"sku": "HB-1240", "quantity": qty, "unit_price": "2.50"},
                            {"sku": "WS-12", "quantity": 20, "unit_price": "0.10"}])
    act.validate(s, o.id, CLERK)
    return o


def _allocated(s):
    o = _approved(s)
    act.allocate(s, o.id, WAREHOUSE)
    return o


def _packed(s):
    o = _allocated(s)
    act.pick(s, o.id, WAREHOUSE)
    act.pack(s, o.id, WAREHOUSE)
    return o


def _shipped(s):
    o = _packed(s)
    act.ship(s, o.id, WAREHOUSE, **SHIP)
    return o


def _invoiced(s):
    o = _shipped(s)
    act.invoice(s, o.id, FINANCE)
    return o


def _paid(s, amount="27.00"):
    o = _invoiced(s)
    inv = s.exec(select(Invoice).where(Invoice.order_id == o.id)).one()
    act.record_payment(s, inv.id, amount, FINANCE)
    return o


def _partly_shipped(s):
    o = _packed(s)
    act.ship(s, o.id, WAREHOUSE, {1: 10}, **SHIP)
    return o


def _picking(s):
    o = _allocated(s)
    act.pick(s, o.id, WAREHOUSE, {1: 5})
    return o


BUILDERS = {
    "entered": lambda s: new_order(s),
    "credit_hold": lambda s: _held_for_credit(s),
    "credit_approved": _approved,
    "allocated": _allocated,
    "partially_allocated": lambda s: _partly_allocated(s),
    "picking": _picking,
    "packed": _packed,
    "partially_shipped": _partly_shipped,
    "shipped": _shipped,
    "invoiced": _invoiced,
    "partially_paid": lambda s: _paid(s, "5"),
    "paid": _paid,
    "closed": lambda s: _closed(s),
    "cancelled": lambda s: _cancelled(s),
    "on_hold": lambda s: _on_hold(s),
}


def _held_for_credit(s):
    o = new_order(s, lines=[{"sku": "HB-1240", "quantity": 50000, "unit_price": "2.50"}])
    act.validate(s, o.id, CLERK)
    return o


def _partly_allocated(s):
    o = _approved(s, qty=150)  # 100 in stock
    act.allocate(s, o.id, WAREHOUSE)
    return o


def _closed(s):
    o = _paid(s)
    act.close(s, o.id, FINANCE)
    return o


def _cancelled(s):
    o = new_order(s)
    act.cancel(s, o.id, CLERK)
    return o


def _on_hold(s):
    o = _approved(s)
    act.hold(s, o.id, CLERK, reason="customer called")
    return o


def _invoice_id(s, order_id):
    inv = s.exec(select(Invoice).where(Invoice.order_id == order_id, Invoice.kind == "invoice")).first()
    return inv.id if inv else None


ACTIONS = {
    "validate": ("validate", lambda s, o: act.validate(s, o.id, BOSS)),
    "release_credit": ("release_credit", lambda s, o: act.release_credit(s, o.id, BOSS)),
    "hold": ("hold", lambda s, o: act.hold(s, o.id, BOSS)),
    "release": ("release_hold", lambda s, o: act.release(s, o.id, BOSS)),
    "allocate": ("allocate", lambda s, o: act.allocate(s, o.id, BOSS)),
    "pick": ("pick", lambda s, o: act.pick(s, o.id, BOSS)),
    "pack": ("pack", lambda s, o: act.pack(s, o.id, BOSS)),
    "ship": ("ship", lambda s, o: act.ship(s, o.id, BOSS, **SHIP)),
    "invoice": ("invoice", lambda s, o: act.invoice(s, o.id, BOSS)),
    "close": ("close", lambda s, o: act.close(s, o.id, BOSS)),
    "cancel": ("cancel", lambda s, o: act.cancel(s, o.id, BOSS)),
    "change": ("change_quantity", lambda s, o: act.change(s, o.id, BOSS, quantities={2: 25})),
    "request_return": ("request_return", lambda s, o: act.request_return(s, o.id, {1: 1}, BOSS)),
    "record_payment": ("record_payment", lambda s, o: act.record_payment(s, _invoice_id(s, o.id), "1", BOSS)),
}

# What the allowed action leads to, where that is one headline state.
LEADS_TO = {
    ("validate", "entered"): "credit_approved",
    ("release_credit", "credit_hold"): "credit_approved",
    ("hold", "credit_approved"): "on_hold",
    ("release", "on_hold"): "credit_approved",
    ("allocate", "credit_approved"): "allocated",
    ("pick", "allocated"): "picking",
    ("pack", "picking"): "picking",
    ("ship", "packed"): "shipped",
    ("ship", "partially_shipped"): "shipped",
    ("invoice", "shipped"): "invoiced",
    ("close", "paid"): "closed",
    ("cancel", "entered"): "cancelled",
    ("cancel", "partially_shipped"): "shipped",  # the unshipped rest is cancelled
    ("change", "credit_approved"): "credit_approved",
    ("request_return", "shipped"): "shipped",
    ("record_payment", "invoiced"): "partially_paid",
    ("record_payment", "partially_paid"): "partially_paid",
}
WITH_INVOICE = {"invoiced", "partially_paid", "paid", "closed"}  # a payment needs an invoice to point at
CASES = [pytest.param(a, st, id=f"{a}-from-{st}") for a in ACTIONS for st in BUILDERS
         if a != "record_payment" or st in WITH_INVOICE]
# Every database runs the cases with a known outcome plus one refusal per action; the full
# matrix runs on SQLite only, since the table does not depend on the database.
PG_CASES = [pytest.param(a, st, id=f"{a}-from-{st}") for a, st in sorted(set(LEADS_TO) | {
    (a, "closed" if a == "record_payment" else "cancelled") for a in ACTIONS})]


@pytest.fixture
def sqlite_session(tmp_path, sqlite_template):
    path = tmp_path / "intake.db"
    shutil.copy(sqlite_template, path)
    with Session(get_engine(f"sqlite:///{path}"), expire_on_commit=False) as s:
        yield s
    dispose_engines()


@pytest.mark.parametrize(("action", "state"), CASES)
def test_action_agrees_with_the_transition_table(sqlite_session, action, state):
    _check(sqlite_session, action, state)


@pytest.mark.parametrize(("action", "state"), PG_CASES)
def test_known_transitions_on_every_database(session, action, state):
    _check(session, action, state)


def _check(session, action, state):
    seed(session)
    order = BUILDERS[state](session)
    commit(session)
    assert order.state == state
    table_action, run = ACTIONS[action]
    def count() -> int:
        return session.exec(select(func.count()).select_from(OrderEvent)).one()
    before, version = count(), order.version
    if not is_allowed(table_action, state):
        with pytest.raises(LifecycleError) as refused:
            run(session, order)
        rollback(session)
        assert refused.value.code == "transition_not_allowed"
        assert count() == before
        return
    try:
        run(session, order)
    except LifecycleError as guard:  # allowed by the table, nothing to do for the guard
        assert guard.code != "transition_not_allowed"
        rollback(session)
        assert count() == before
        return
    commit(session)
    assert count() > before and order.version > version
    if (action, state) in LEADS_TO:
        assert order.state == LEADS_TO[(action, state)]
