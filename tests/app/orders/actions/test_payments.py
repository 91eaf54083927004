"""Payments: partial and full against invoices, overpayment shown, CSV import row by row."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from app.core.errors import Forbidden
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.actions.payments import import_payments_csv
from app.orders.errors import LifecycleError
from app.orders.models import Payment
from tests.app.scenarios import CLERK, FINANCE, invoiced_order, seed


def test_partial_payments_then_the_rest(session):
    seed(session)
    order, inv = invoiced_order(session)
    act.record_payment(session, inv.id, "7", FINANCE, reference="CHK-1")
    assert (inv.status, order.payment_status, order.state) == ("partially_paid", "partially_paid", "partially_paid")
    act.record_payment(session, inv.id, "20", FINANCE, reference="CHK-2")
    commit(session)
    assert (inv.status, inv.paid, order.state) == ("paid", Decimal(27), "paid")
    assert [p.reference for p in session.exec(select(Payment).order_by(Payment.id))] == ["CHK-1", "CHK-2"]


def test_an_overpayment_is_recorded_and_shown(session):
    seed(session)
    order, inv = invoiced_order(session)
    act.record_payment(session, inv.id, "30", FINANCE)
    assert order.payment_status == "overpaid" and order.state == "paid"


@pytest.mark.parametrize(("amount", "code"), [("0", "invalid_amount"), ("-5", "invalid_amount"),
                                              ("abc", "invalid_amount")])
def test_a_payment_that_is_not_a_positive_amount_is_refused(session, amount, code):
    seed(session)
    _, inv = invoiced_order(session)
    with pytest.raises(LifecycleError) as refused:
        act.record_payment(session, inv.id, amount, FINANCE)
    assert refused.value.code == code


def test_only_finance_records_payments(session):
    seed(session)
    _, inv = invoiced_order(session)
    with pytest.raises(Forbidden):
        act.record_payment(session, inv.id, "1", CLERK)


def test_csv_import_keeps_good_rows_and_reports_bad_ones(session):
    seed(session)
    _order, inv = invoiced_order(session)
    text = (f"invoice_number,amount,reference,received_at\n{inv.number},20,WIRE-1,2026-11-20\n"
            f"INV-999999,5,WIRE-2,\n{inv.number},minus,WIRE-3,\n{inv.number},7,WIRE-4,\n")
    result = import_payments_csv(session, text, FINANCE)
    commit(session)
    assert [r["row"] for r in result["recorded"]] == [2, 5]
    assert [(e["row"], e["code"]) for e in result["errors"]] == [(3, "invoice_not_found"), (4, "invalid_amount")]
    session.refresh(inv)
    assert inv.paid == Decimal(27) and inv.status == "paid"
