"""Derived statuses: partial shipments, partial payments, holds and returns read right."""
from datetime import date
from decimal import Decimal as D

import pytest

from app.orders.rules.ledger import LineLedger
from app.orders.rules.statuses import BillingStatus as B
from app.orders.rules.statuses import FulfilmentStatus as F
from app.orders.rules.statuses import HoldStatus as H
from app.orders.rules.statuses import OrderState as S
from app.orders.rules.statuses import PaymentStatus as P
from app.orders.rules.statuses import ReturnFacts, derive_statuses
from app.orders.rules.statuses import ReturnStatus as R


def shipped(n, **more):
    return LineLedger.of(n, allocated=n, picked=n, packed=n, shipped=n, **more)


@pytest.mark.parametrize("lines, facts, fulfilment, state", [
    pytest.param([LineLedger.of(5)], {}, F.UNFULFILLED, S.ENTERED, id="new-order"),
    pytest.param([LineLedger.of(5)], dict(validated=True), F.UNFULFILLED, S.VALIDATED, id="validated"),
    pytest.param([LineLedger.of(5)], dict(validated=True, credit_approved=True), F.UNFULFILLED,
                 S.CREDIT_APPROVED, id="credit-approved"),
    pytest.param([LineLedger.of(5, allocated=2)], {}, F.PARTIALLY_ALLOCATED, S.PARTIALLY_ALLOCATED,
                 id="partly-allocated"),
    pytest.param([LineLedger.of(5, allocated=2, backordered=3)], {}, F.BACKORDERED, S.PARTIALLY_ALLOCATED,
                 id="rest-backordered"),
    pytest.param([LineLedger.of(5, allocated=5), LineLedger.of(2, allocated=2)], {}, F.ALLOCATED, S.ALLOCATED,
                 id="all-allocated"),
    pytest.param([LineLedger.of(5, allocated=5, picked=1)], {}, F.PICKING, S.PICKING, id="picking"),
    pytest.param([LineLedger.of(5, allocated=5, picked=5, packed=5)], {}, F.PACKED, S.PACKED, id="packed"),
    pytest.param([shipped(5), LineLedger.of(3, allocated=3)], {}, F.PARTIALLY_SHIPPED, S.PARTIALLY_SHIPPED,
                 id="one-line-shipped-other-not"),
    pytest.param([LineLedger.of(5, allocated=5, picked=5, packed=5, shipped=2)], {}, F.PARTIALLY_SHIPPED,
                 S.PARTIALLY_SHIPPED, id="line-partly-shipped"),
    pytest.param([shipped(5)], {}, F.SHIPPED, S.SHIPPED, id="shipped"),
    pytest.param([shipped(3, cancelled=2)], {}, F.SHIPPED, S.SHIPPED, id="shipped-rest-cancelled"),
    pytest.param([LineLedger.of(5, cancelled=5)], {}, F.CANCELLED, S.CANCELLED, id="cancelled"),
    pytest.param([LineLedger.of(5, cancelled=5)], dict(closed=True), F.CANCELLED, S.CANCELLED,
                 id="cancelled-beats-closed"),
])
def test_fulfilment_and_headline(lines, facts, fulfilment, state):
    statuses = derive_statuses(lines, **facts)
    assert (statuses.fulfilment, statuses.state) == (fulfilment, state)


def test_partial_shipment_partly_invoiced_and_paid_stays_partially_shipped():
    lines = [LineLedger.of(10, allocated=10, picked=10, packed=10, shipped=4, invoiced=4), LineLedger.of(5)]
    s = derive_statuses(lines, invoices_total=D(40), paid_total=D(10))
    assert (s.state, s.fulfilment, s.billing, s.payment) == (
        S.PARTIALLY_SHIPPED, F.PARTIALLY_SHIPPED, B.PARTIALLY_INVOICED, P.PARTIALLY_PAID)


@pytest.mark.parametrize("invoiced, invoices_total, paid, credited, billing, payment, state", [
    pytest.param(0, 0, 0, 0, B.NOT_INVOICED, P.UNPAID, S.SHIPPED, id="shipped-not-invoiced"),
    pytest.param(6, 60, 0, 0, B.PARTIALLY_INVOICED, P.UNPAID, S.INVOICED, id="partly-invoiced"),
    pytest.param(10, 100, 0, 0, B.INVOICED, P.UNPAID, S.INVOICED, id="invoiced"),
    pytest.param(10, 100, 30, 0, B.INVOICED, P.PARTIALLY_PAID, S.PARTIALLY_PAID, id="partly-paid"),
    pytest.param(10, 100, 100, 0, B.INVOICED, P.PAID, S.PAID, id="paid"),
    pytest.param(10, 100, 120, 0, B.INVOICED, P.OVERPAID, S.PAID, id="overpaid"),
    pytest.param(10, 100, 80, 20, B.INVOICED, P.PAID, S.PAID, id="paid-after-credit-note"),
    pytest.param(10, 100, 0, 100, B.CREDITED, P.UNPAID, S.PAID, id="fully-credited-is-settled"),
    pytest.param(6, 60, 60, 0, B.PARTIALLY_INVOICED, P.PAID, S.PARTIALLY_PAID, id="paid-what-was-invoiced"),
])
def test_money_after_full_shipment(invoiced, invoices_total, paid, credited, billing, payment, state):
    s = derive_statuses([shipped(10, invoiced=invoiced)], invoices_total=D(invoices_total), paid_total=D(paid),
                        credited_total=D(credited))
    assert (s.billing, s.payment, s.state) == (billing, payment, state)


def test_overdue_from_flag_or_due_date():
    line = [shipped(10, invoiced=10)]
    assert derive_statuses(line, invoices_total=D(100), overdue=True).payment is P.OVERDUE
    late = derive_statuses(line, invoices_total=D(100), paid_total=D(40), due_date=date(2026, 1, 31),
                           today=date(2026, 2, 1))
    assert late.payment is P.OVERDUE
    on_time = derive_statuses(line, invoices_total=D(100), paid_total=D(40), due_date=date(2026, 1, 31),
                              today=date(2026, 1, 31))
    assert on_time.payment is P.PARTIALLY_PAID
    paid = derive_statuses(line, invoices_total=D(100), paid_total=D(100), overdue=True)
    assert paid.payment is P.PAID


@pytest.mark.parametrize("holds, hold, state", [
    pytest.param(set(), H.NONE, S.ALLOCATED, id="no-hold"),
    pytest.param({H.MANUAL_HOLD}, H.MANUAL_HOLD, S.ON_HOLD, id="manual"),
    pytest.param({"price_approval"}, H.PRICE_APPROVAL, S.ON_HOLD, id="price-as-string"),
    pytest.param({H.MANUAL_HOLD, H.CREDIT_HOLD}, H.CREDIT_HOLD, S.CREDIT_HOLD, id="credit-shown-first"),
    pytest.param({H.NONE}, H.NONE, S.ALLOCATED, id="none-is-not-a-hold"),
])
def test_holds_override_the_fulfilment_state(holds, hold, state):
    s = derive_statuses([LineLedger.of(5, allocated=5)], holds=holds)
    assert (s.hold, s.state) == (hold, state)
    assert s.holds == frozenset(holds) - {H.NONE}


def test_closed_order_reads_closed_even_with_a_hold():
    s = derive_statuses([shipped(1, invoiced=1)], invoices_total=D(5), paid_total=D(5), closed=True,
                        holds={H.MANUAL_HOLD})
    assert s.state is S.CLOSED


@pytest.mark.parametrize("returned, facts, status", [
    pytest.param(0, ReturnFacts(), R.NONE, id="none"),
    pytest.param(0, ReturnFacts(requested=D(2)), R.REQUESTED, id="requested"),
    pytest.param(0, ReturnFacts(requested=D(2), approved=D(2)), R.APPROVED, id="approved"),
    pytest.param(1, ReturnFacts(requested=D(2), approved=D(2)), R.PARTIALLY_RECEIVED, id="one-of-two-back"),
    pytest.param(2, ReturnFacts(requested=D(2), approved=D(2)), R.RECEIVED, id="received"),
    pytest.param(2, ReturnFacts(approved=D(2), credited=True), R.CREDITED, id="credited"),
    pytest.param(1, ReturnFacts(), R.RECEIVED, id="arrived-without-rma"),
])
def test_return_status(returned, facts, status):
    s = derive_statuses([shipped(5, returned=returned)], returns=facts)
    assert s.return_status is status


def test_as_columns_match_the_order_row():
    cols = derive_statuses([LineLedger.of(1)]).as_columns()
    assert cols == {"state": "entered", "fulfilment_status": "unfulfilled", "billing_status": "not_invoiced",
                    "payment_status": "unpaid", "return_status": "none", "hold_status": "none"}


def test_lines_without_quantity_are_unfulfilled_not_cancelled():
    s = derive_statuses([LineLedger.of(0)])
    assert (s.fulfilment, s.state) == (F.UNFULFILLED, S.ENTERED)
    assert derive_statuses([]).fulfilment is F.UNFULFILLED
