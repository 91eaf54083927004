"""Returns (RMA): requested, approved, received per line with a disposition; restock puts units
back on hand, damaged and scrap do not; a credit note is issued against the original invoice."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from app.catalog.models import Stock
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.models import Invoice, InvoiceLine, OrderEvent
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, invoiced_order, seed


def _on_hand(session, sku="HB-1240"):
    return session.exec(select(Stock).where(Stock.sku == sku)).one().on_hand


@pytest.mark.parametrize(("disposition", "back_on_hand"), [
    pytest.param("restock", 2, id="restock"), pytest.param("damaged", 0, id="damaged"),
    pytest.param("scrap", 0, id="scrap")])
def test_a_received_return_is_credited_and_restocked_only_when_restocked(session, disposition, back_on_hand):
    seed(session)
    order, inv = invoiced_order(session)
    before = _on_hand(session)
    rma = act.request_return(session, order.id, {1: 2}, CLERK, reason="wrong size")
    assert order.return_status == "requested"
    act.approve_return(session, rma.id, FINANCE)
    assert order.return_status == "approved"
    rma, notes = act.receive_return(session, rma.id, {1: (2, disposition)}, WAREHOUSE)
    commit(session)
    assert _on_hand(session) == before + back_on_hand
    (note,) = notes
    assert (note.kind, note.corrects_invoice_id, note.total) == ("credit_note", inv.id, Decimal("5.00"))
    (row,) = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == note.id)).all()
    assert (row.quantity, row.unit_price) == (2, Decimal("2.50"))
    assert rma.status == "credited" and order.return_status == "credited"
    types = [e.type for e in session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id))]
    assert types[-4:] == ["return_requested", "return_approved", "return_received", "credit_note_issued"]
    act.record_payment(session, inv.id, "22.00", FINANCE)  # 27.00 less the 5.00 credit
    assert session.get(Invoice, inv.id).status == "paid" and order.state == "paid"


def test_returns_are_refused_beyond_what_shipped_or_before_approval(session):
    seed(session)
    order, _ = invoiced_order(session)
    with pytest.raises(LifecycleError) as too_many:
        act.request_return(session, order.id, {1: 11}, CLERK)
    assert too_many.value.code == "over_return"
    rma = act.request_return(session, order.id, {1: 6}, CLERK)
    with pytest.raises(LifecycleError) as twice:
        act.request_return(session, order.id, {1: 5}, CLERK)  # 6 already asked back
    assert twice.value.code == "over_return"
    with pytest.raises(LifecycleError) as early:
        act.receive_return(session, rma.id, {1: (1, "restock")}, WAREHOUSE)
    assert early.value.code == "return_not_approved"
    act.approve_return(session, rma.id, CLERK)
    with pytest.raises(LifecycleError) as bad:
        act.receive_return(session, rma.id, {1: (1, "lost")}, WAREHOUSE)
    assert bad.value.code == "invalid_disposition"


def test_a_return_received_in_two_parts(session):
    seed(session)
    order, _ = invoiced_order(session)
    rma = act.request_return(session, order.id, {1: 4}, CLERK)
    act.approve_return(session, rma.id, CLERK)
    rma, _ = act.receive_return(session, rma.id, {1: (1, "damaged")}, WAREHOUSE)
    assert rma.status == "partially_received" and order.return_status == "partially_received"
    rma, notes = act.receive_return(session, rma.id, {1: (3, "restock")}, WAREHOUSE)
    commit(session)
    assert rma.status == "credited" and len(notes) == 1 and notes[0].total == Decimal("7.50")
    assert sum(i.total for i in session.exec(select(Invoice).where(Invoice.kind == "credit_note"))) == Decimal(10)
