"""A clerk fixes what the machine could not, and the machine learns from it."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.catalog import search
from app.catalog.models import CustomerXref, LayoutHint
from app.catalog.service import import_csv
from app.core.errors import AppError, Conflict
from app.intake import service
from app.intake.models import Correction, Document
from app.intake.review import service as review
from app.orders.models import Order, OrderEvent, OrderLine
from tests.app.master_data import CUSTOMERS, PRODUCTS
from tests.pdfs import simple_po

SPEC_LINE = (("AC-778", "Bolt to customer spec 778", 40, "0.85"),)


@pytest.fixture
def master(session):
    import_csv(session, "customers", CUSTOMERS)
    import_csv(session, "products", PRODUCTS)
    session.commit()


def receive(session, settings, data: bytes, name: str = "po.pdf") -> Document:
    doc = service.ingest_bytes(session, settings, data, filename=name, channel="api").document
    session.commit()
    service.process_document(settings, doc.id)
    session.expire_all()
    return session.get(Document, doc.id)


def codes(session, doc_id: int) -> set[str]:
    return {i.code for i in review.load_review(session, doc_id).issues if i.blocking}


def test_a_clean_confident_po_becomes_an_order_untouched(session, settings, master):
    doc = receive(session, settings, simple_po("PO-1"))
    assert doc.status == "ordered"
    order = session.get(Order, doc.order_id)
    assert order.touchless and order.po_number == "PO-1"
    line = session.exec(select(OrderLine).where(OrderLine.order_id == order.id)).one()
    assert line.sku == "HB-1240" and line.ordered == 40
    assert line.source["page"] == 1 and len(line.source["bbox"]) == 4
    assert line.match["method"] in ("sku", "xref") and line.match["reason"]
    assert session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id)).one().type == "order_created"


def test_a_clean_po_of_a_customer_without_automation_waits_and_says_why(session, settings, master):
    import_csv(session, "customers", CUSTOMERS.replace(",confident,", ",never,"))
    session.commit()
    doc = receive(session, settings, simple_po("PO-2"))
    assert doc.status == "needs_review" and codes(session, doc.id) == set()
    (note,) = [i for i in review.load_review(session, doc.id).issues if i.code == "automation_off"]
    assert not note.blocking and "this customer" in note.message


def test_the_same_customers_second_po_needs_no_review_after_a_sku_correction(session, settings, master):
    first = receive(session, settings, simple_po("PO-10", lines=SPEC_LINE))
    assert first.status == "needs_review"
    assert codes(session, first.id) & {"unknown_sku", "uncertain_sku"}

    state = review.edit_line(session, first.id, first.version, 0, {"our_sku": "HB-1240"}, user="clerk.anna")
    order = review.approve(session, settings, first.id, state.version, user="clerk.anna")
    assert not order.touchless and order.entered_by == "clerk.anna"
    xref = session.exec(select(CustomerXref)).one()
    assert (xref.customer_part, xref.sku, xref.learned) == ("AC-778", "HB-1240", True)

    second = receive(session, settings, simple_po("PO-11", lines=SPEC_LINE), name="po-11.pdf")
    assert second.status == "ordered", codes(session, second.id)
    assert session.get(Order, second.order_id).touchless


def test_a_header_field_read_from_the_wrong_place_is_learned_as_a_layout_hint(session, settings, master):
    def header(ref: str) -> tuple:
        return ("Job ticket:", ref), ("Order Date:", "2024-03-05"), ("Currency:", "USD")
    first = receive(session, settings, simple_po(header=header("JT-5521")))
    assert first.status == "needs_review" and "missing_po_number" in codes(session, first.id)

    state = review.edit_field(session, first.id, first.version, "po_number", "JT-5521", user="clerk.anna")
    review.approve(session, settings, first.id, state.version, user="clerk.anna")
    hint = session.exec(select(LayoutHint)).one()
    assert hint.field == "po_number" and hint.label == "Job ticket:"

    second = receive(session, settings, simple_po(header=header("JT-6000")), name="second.pdf")
    assert second.status == "ordered", codes(session, second.id)
    assert second.extraction["fields"]["po_number"]["rule"].startswith("layout_hint")
    assert session.get(Order, second.order_id).po_number == "JT-6000"


def test_two_clerks_do_not_overwrite_each_other(session, settings, master):
    doc = receive(session, settings, simple_po("PO-20", lines=SPEC_LINE))
    loaded = doc.version
    review.edit_field(session, doc.id, loaded, "ship_to", "Dock 4, Dallas", user="clerk.anna")
    with pytest.raises(Conflict) as exc:
        review.edit_field(session, doc.id, loaded, "ship_to", "Houston", user="clerk.ben")
    assert exc.value.code == "version_conflict"
    assert exc.value.details["changes"] == [
        {"field": "ship_to", "old": None, "new": "Dock 4, Dallas", "user": "clerk.anna",
         "at": exc.value.details["changes"][0]["at"]}]
    assert review.load_review(session, doc.id).data["ship_to"] == "Dock 4, Dallas"


def test_every_correction_is_recorded_with_who_and_the_old_value(session, settings, master):
    doc = receive(session, settings, simple_po("PO-30", lines=SPEC_LINE))
    s = review.edit_line(session, doc.id, doc.version, 0, {"quantity": "50"}, user="clerk.anna")
    s = review.add_line(session, doc.id, s.version, user="clerk.anna")
    s = review.edit_line(session, doc.id, s.version, 1, {"our_sku": "NT-0012", "quantity": "40", "unit_price": "0.12"},
                         user="clerk.anna")
    s = review.split_line(session, doc.id, s.version, 1, "10", user="clerk.ben")
    assert [li["quantity"] for li in s.data["line_items"]] == ["50", "30", "10"]
    s = review.remove_line(session, doc.id, s.version, 2, user="clerk.ben")
    rows = session.exec(select(Correction).where(Correction.document_id == doc.id).order_by(Correction.id)).all()
    assert (rows[0].field, rows[0].old_value, rows[0].new_value, rows[0].user) == \
        ("line_items[0].quantity", "40", "50", "clerk.anna")
    assert [r.field for r in rows][-1] == "line_items[2]" and rows[-1].new_value == "removed"
    assert len(s.corrections) == len(rows)


def test_approval_is_refused_while_a_line_has_no_product(session, settings, master):
    doc = receive(session, settings, simple_po("PO-40", lines=SPEC_LINE))
    state = review.load_review(session, doc.id)
    if state.data["line_items"][0].get("product_id"):  # matched weakly: take it away to test the rule
        state = review.edit_line(session, doc.id, state.version, 0, {"description": "zzzz qqqq", "sku": "ZZ-0"},
                                 user="clerk.anna")
    with pytest.raises(AppError) as exc:
        review.approve(session, settings, doc.id, state.version, user="clerk.anna")
    assert exc.value.code == "review_incomplete"
    assert [i["code"] for i in exc.value.details["issues"]] == ["unknown_sku"]
    assert session.get(Document, doc.id).status == "needs_review"


def test_reject_needs_a_reason_and_not_a_po_is_kept_apart(session, settings, master):
    doc = receive(session, settings, simple_po("PO-50", lines=SPEC_LINE))
    with pytest.raises(AppError) as exc:
        review.reject(session, doc.id, doc.version, "  ", user="clerk.anna")
    assert exc.value.code == "reason_required"
    done = review.mark_not_po(session, doc.id, doc.version, user="clerk.anna")
    assert (done.status, done.doc_type) == ("rejected", "not_a_po")


def test_the_typeahead_finds_products_by_code_and_by_words(session, settings, master):
    assert search.search_products(session, "HB1240")[0].sku == "HB-1240"
    assert search.search_products(session, "zinc nut m12")[0].sku == "NT-0012"
    assert search.search_customers(session, "acme industrial")[0].code == "ACME"


def test_the_typeahead_finds_a_sku_from_any_part_of_its_code(session, settings, master):
    assert [h.sku for h in search.search_products(session, "HB-12")][:1] == ["HB-1240"]
    assert search.search_products(session, "0012")[0].sku == "NT-0012"


def test_warnings_are_acknowledged_each_by_key_and_the_acknowledgement_is_audited(session, settings, master):
    from app.accounts.models import AuditEntry

    doc = receive(session, settings, simple_po("PO-60", lines=SPEC_LINE))
    state = review.edit_line(session, doc.id, doc.version, 0, {"our_sku": "HB-1240", "unit_price": "1.50"},
                             user="clerk.anna")
    assert state.data["line_items"][0]["amount"] == "60.00"  # 40 x 1.50, recomputed
    with pytest.raises(AppError) as exc:
        review.approve(session, settings, doc.id, state.version, user="clerk.anna")
    assert exc.value.code == "warnings_not_acknowledged"
    keys = [w["key"] for w in exc.value.details["warnings"]]
    assert "price_mismatch:line_items[0].unit_price" in keys
    with pytest.raises(AppError):  # all of them, not some
        review.approve(session, settings, doc.id, state.version, user="clerk.anna", acknowledged=keys[:-1])
    order = review.approve(session, settings, doc.id, state.version, user="clerk.anna", acknowledged=keys)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "review_warnings_acknowledged")).one()
    assert entry.actor == "clerk.anna" and entry.details["order"] == order.number


def test_a_refused_value_saves_nothing_and_says_which_field(session, settings, master):
    doc = receive(session, settings, simple_po("PO-70", lines=SPEC_LINE))
    for name, value, field in (("order_date", "31/02/2025", "order_date"), ("po_number", "jjjjjj7", "po_number")):
        with pytest.raises(AppError) as exc:
            review.edit_field(session, doc.id, doc.version, name, value, user="clerk.anna")
        assert (exc.value.code, exc.value.details["field"]) == ("invalid_value", field)
    with pytest.raises(AppError) as exc:
        review.edit_line(session, doc.id, doc.version, 0, {"quantity": "abc"}, user="clerk.anna")
    assert exc.value.details["field"] == "line_items[0].quantity"
    session.expire_all()
    assert session.get(Document, doc.id).version == doc.version  # nothing was saved
