"""Invoices: numbered without gaps even when many are made at once, checked against the order,
corrected with a credit note and a new invoice, and rendered as a PDF."""
from __future__ import annotations

import io
import threading
from decimal import Decimal

import pypdfium2
import pytest
from sqlmodel import Session, select

from app.core.db import get_engine
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.invoice_pdf import render_invoice_pdf
from app.orders.models import Invoice, OrderLine, Payment
from tests.app.scenarios import FINANCE, invoiced_order, seed, shipped_order

THREADS = 6


def _in_threads(settings, fn, args):
    """Run fn(session, arg) for each arg at once, each thread with its own session; exceptions collected."""
    barrier, errors, results = threading.Barrier(len(args)), [], []

    def run(arg):
        with Session(get_engine(settings.db_url), expire_on_commit=False) as s:
            barrier.wait()
            try:
                results.append(fn(s, arg))
                commit(s)
            except LifecycleError as err:
                s.rollback()
                errors.append(err.code)
    threads = [threading.Thread(target=run, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_invoices_made_at_once_for_different_orders_are_numbered_without_gaps(session, settings):
    seed(session)
    ids = [shipped_order(session, lines=[{"sku": "WS-12", "quantity": 1, "unit_price": "0.10"}]).id
           for _ in range(THREADS)]
    _, errors = _in_threads(settings, lambda s, oid: act.invoice(s, oid, FINANCE), ids)
    assert errors == []
    numbers = sorted(session.exec(select(Invoice.number).where(Invoice.kind == "invoice")).all())
    assert numbers == [f"INV-{n:06d}" for n in range(1, THREADS + 1)]
    assert sorted(session.exec(select(Invoice.order_id)).all()) == sorted(ids)


def test_the_same_order_invoiced_twice_at_once_is_billed_once(session, settings):
    seed(session)
    order = shipped_order(session)
    _, errors = _in_threads(settings, lambda s, oid: act.invoice(s, oid, FINANCE), [order.id] * 3)
    assert len(session.exec(select(Invoice)).all()) == 1
    assert sorted(set(errors)) in (["nothing_to_invoice"], ["transition_not_allowed"],
                                   ["nothing_to_invoice", "transition_not_allowed"])
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id)).all()
    assert all(li.invoiced == li.shipped for li in lines)


def test_invoice_agrees_with_the_order_and_its_due_date_follows_the_terms(session):
    seed(session, terms="Net 45")
    order, inv = invoiced_order(session)
    assert act.check_invoice(session, inv) == []
    assert (inv.due_date - inv.issued_at.date()).days == 45
    line = session.exec(select(OrderLine).where(OrderLine.order_id == order.id, OrderLine.line_no == 1)).one()
    line.unit_price = Decimal("9.99")  # the order changed behind the invoice's back
    session.add(line)
    session.flush()
    assert any("price" in p for p in act.check_invoice(session, inv))


def test_a_correction_credits_the_invoice_and_reissues_it_with_payments_moved(session):
    seed(session)
    order, inv = invoiced_order(session)  # 10 x 2.50 + 20 x 0.10 = 27.00
    act.record_payment(session, inv.id, "10", FINANCE)
    note, new = act.correct_invoice(session, inv.id, FINANCE, {1: {"unit_price": "2.40"}}, reason="agreed price")
    commit(session)
    assert (note.kind, note.total, note.corrects_invoice_id, note.number) == ("credit_note", Decimal("27.00"),
                                                                             inv.id, "CN-000001")
    assert (new.total, new.paid, new.status, new.number) == (Decimal("26.00"), Decimal(10), "partially_paid",
                                                             "INV-000002")
    assert inv.status == "corrected"
    assert session.exec(select(Payment)).one().invoice_id == new.id
    assert order.billing_status == "invoiced" and order.payment_status == "partially_paid"
    with pytest.raises(LifecycleError) as again:
        act.correct_invoice(session, inv.id, FINANCE, {1: {"unit_price": "2.30"}})
    assert again.value.code == "invoice_not_correctable"


def test_the_invoice_pdf_shows_its_number_and_total(session):
    seed(session)
    _, inv = invoiced_order(session)
    pdf = pypdfium2.PdfDocument(io.BytesIO(render_invoice_pdf(session, inv)))
    text = pdf[0].get_textpage().get_text_range()
    assert inv.number in text and "27.00" in text and "HB-1240" in text
