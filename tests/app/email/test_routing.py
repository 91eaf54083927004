"""What each kind of request turns into: an order from an attachment or from the body
text, a cancellation applied or sent to review, a status answer to a trusted sender
only, a return, the finance queue. The labels come from a keyword classifier so each
route is tested on its own; one test runs the real trained model."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from sqlmodel import select

from app.catalog.service import import_csv
from app.core import queue
from app.core.numbers import next_number
from app.email import classify
from app.email.config import MailSettings
from app.email.service import ingest_email
from app.intake.models import Document, EmailMessage
from app.orders.models import ChangeRequest, Order, OrderEvent, OrderLine, ReturnRequest, Shipment
from tests.app.email.messages import EMAILS, make_email
from tests.app.master_data import CUSTOMER_HEADER, acme
from tests.pdfs import simple_po

CUSTOMERS = (CUSTOMER_HEADER + acme()
             + 'BETA,Beta Builders LLC,beta-builders.example,,"9 Main St, Austin, TX",confident,\n')
PRODUCTS = """sku,description,uom,pack_size,list_price,active
HB-1240,Hex bolt M12x40 zinc,EA,1,0.85,true
NT-0012,Hex nut M12 zinc,EA,1,0.12,true
"""
TRUSTED = "purchasing@acme-industrial.example"


@dataclass
class Label:
    label: str
    score: float = 0.95
    scores: dict = field(default_factory=dict)
    instructions: dict = field(default_factory=dict)


class KeywordClassifier:
    """Stands in for the trained model: the first keyword found decides."""

    RULES = (("cancel", "cancel_order"), ("change", "change_order"), ("where is", "status_inquiry"),
             ("return", "return_request"), ("invoice", "invoice_question"), ("newsletter", "other"))

    def classify(self, texts):
        out = []
        for text in texts:
            low = text.lower()
            label = next((lab for word, lab in self.RULES if word in low), "new_order")
            out.append(Label(label, instructions={"rush": 0.9} if "urgent" in low else {}))
        return out


@pytest.fixture
def keywords():
    classify.set_classifier(KeywordClassifier())
    yield
    classify.set_classifier(None)


@pytest.fixture
def site(settings, session, keywords):
    """Master data loaded, documents processed at once (immediate worker)."""
    import_csv(session, "customers", CUSTOMERS)
    import_csv(session, "products", PRODUCTS)
    session.commit()
    immediate = settings.model_copy(update={"worker_mode": "immediate"})
    queue.configure(immediate)
    return immediate


@pytest.fixture
def mail(smtp_sink) -> MailSettings:
    return MailSettings(_env_file=None, outbound_host="127.0.0.1", outbound_port=smtp_sink.port,
                        outbound_from="orders@northwind.example")


def receive(session, site, raw: bytes, mail: MailSettings | None = None):
    got = ingest_email(session, site, raw, channel="email", mail=mail or MailSettings(_env_file=None))
    session.expire_all()
    return got, session.get(EmailMessage, got.message.id)


def customer_id(session, code: str) -> int:
    from app.catalog.models import Customer

    return session.exec(select(Customer).where(Customer.code == code)).one().id


def an_order(session, code: str = "ACME", po: str = "4500012345", *, shipped: int = 0,
             tracking: str | None = None) -> Order:
    state = "partially_shipped" if shipped else "entered"  # line 2 never ships here
    order = Order(number=next_number(session, "order", "SO-"), customer_id=customer_id(session, code), po_number=po,
                  state=state)
    session.add(order)
    session.flush()
    session.add(OrderLine(order_id=order.id, line_no=1, sku="HB-1240", ordered=Decimal(40), allocated=Decimal(shipped),
                          picked=Decimal(shipped), packed=Decimal(shipped), shipped=Decimal(shipped)))
    session.add(OrderLine(order_id=order.id, line_no=2, sku="NT-0012", ordered=Decimal(100)))
    if tracking:
        session.add(Shipment(order_id=order.id, number=f"SH-{po}", carrier="UPS", tracking_number=tracking))
    session.commit()
    return order


def lines_of(session, order: Order) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)))


# --- new orders --------------------------------------------------------------------------


def test_a_new_order_with_a_pdf_attached_becomes_a_document_the_worker_turns_into_an_order(session, site):
    raw = make_email("PO 4500012345", "Please find our PO attached. Urgent please.", message_id="new-1@acme",
                     attachments=[("PO-4500012345.pdf", "application/pdf", simple_po("4500012345"))])
    got, msg = receive(session, site, raw)
    assert msg.label == "new_order" and msg.instructions == {"rush": 0.9} and msg.status == "processed"
    doc = session.get(Document, got.documents[0].id)
    assert doc.kind == "pdf" and doc.message_id == msg.id and doc.status == "ordered"
    order = session.get(Order, doc.order_id)
    assert order.po_number == "4500012345" and order.instructions == {"rush": 0.9}
    assert [(li.sku, li.ordered) for li in lines_of(session, order)] == [("HB-1240", 40)]


def test_a_po_written_in_the_body_becomes_a_text_document_read_by_the_free_text_reader(session, site):
    raw = make_email("New order", "Hi,\n\nplease send 40 x HB-1240 and 100 x NT-0012.\nOur PO number is 7781.\n\n"
                     "Thanks,\nJim", message_id="body-1@acme")
    got, msg = receive(session, site, raw)
    doc = session.get(Document, got.documents[0].id)
    assert (doc.filename, doc.kind, doc.channel, doc.sender) == ("message-body.txt", "text", "email", TRUSTED)
    assert doc.message_id == msg.id and doc.status in ("ordered", "needs_review")
    read = doc.extraction
    assert read["po_number"] == "7781"
    assert [(li["sku"], float(li["quantity"])) for li in read["line_items"]] == [("HB-1240", 40), ("NT-0012", 100)]


def test_the_same_body_text_from_another_email_goes_to_review_instead_of_being_dropped(session, site):
    receive(session, site, make_email("order", "please send 40 x HB-1240", message_id="same-1@acme"))
    _, second = receive(session, site, make_email("order", "please send 40 x HB-1240", message_id="same-2@acme"))
    assert second.status == "needs_review" and second.defects[0].startswith("same_text_as_document")


# --- cancellations and changes -----------------------------------------------------------


def test_a_cancellation_of_an_unshipped_order_is_applied_with_an_event(session, site):
    order = an_order(session)
    _, msg = receive(session, site, make_email("Cancel PO 4500012345", "Please cancel our PO 4500012345.",
                                               message_id="cancel-1@acme"))
    session.refresh(order)
    assert order.state == "cancelled" and msg.order_id == order.id and msg.status == "processed"
    assert [(li.ordered, li.cancelled) for li in lines_of(session, order)] == [(40, 40), (100, 100)]
    change = session.exec(select(ChangeRequest).where(ChangeRequest.email_id == msg.id)).one()
    assert (change.kind, change.status, change.order_id) == ("cancel", "applied", order.id)
    event = session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id)).one()
    assert event.type == "cancelled" and event.actor == "email" and event.details["email_id"] == msg.id


def test_a_cancellation_after_shipping_goes_to_review_and_changes_nothing(session, site):
    order = an_order(session, shipped=10)
    _, msg = receive(session, site, make_email("Cancel PO 4500012345", "Please cancel PO 4500012345."))
    session.refresh(order)
    assert order.state != "cancelled" and all(li.cancelled == 0 for li in lines_of(session, order))
    change = session.exec(select(ChangeRequest).where(ChangeRequest.email_id == msg.id)).one()
    assert change.status == "needs_review" and "shipped" in change.details["review_reason"]
    assert msg.status == "needs_review"


def test_a_cancellation_from_another_customer_does_not_touch_the_order(session, site):
    order = an_order(session)
    _, msg = receive(session, site, make_email("Cancel PO 4500012345", "Please cancel PO 4500012345.",
                                               sender="boss@beta-builders.example"))
    session.refresh(order)
    assert order.state != "cancelled" and msg.order_id is None and msg.status == "needs_review"


def test_a_cancellation_found_through_the_email_thread(session, site):
    order = an_order(session, po="PO-THREAD-1")
    earlier = EmailMessage(raw_sha256="0" * 64, message_id_header="orig-1@acme", sender=TRUSTED,
                           customer_id=order.customer_id, order_id=order.id)
    session.add(earlier)
    session.commit()
    _, msg = receive(session, site, make_email("Re: our order", "Sorry, please cancel this one.",
                                               in_reply_to="orig-1@acme"))
    session.refresh(order)
    assert msg.order_id == order.id and order.state == "cancelled"


def test_cancelling_some_lines_only_goes_to_review(session, site):
    order = an_order(session)
    _, msg = receive(session, site, make_email("PO 4500012345", "Please cancel 20 x HB-1240 on PO 4500012345."))
    session.refresh(order)
    assert order.state != "cancelled" and msg.status == "needs_review"
    change = session.exec(select(ChangeRequest).where(ChangeRequest.email_id == msg.id)).one()
    assert change.details["lines"][0]["sku"] == "HB-1240"


def test_a_change_becomes_a_change_request_for_review_with_what_was_asked(session, site):
    order = an_order(session)
    _, msg = receive(session, site, make_email("Change to PO 4500012345",
                                               "Please change PO 4500012345: 60 x HB-1240 instead of 40."))
    change = session.exec(select(ChangeRequest).where(ChangeRequest.email_id == msg.id)).one()
    assert (change.kind, change.status, change.order_id) == ("change", "needs_review", order.id)
    assert {"sku": "HB-1240", "quantity": "60"}.items() <= change.details["lines"][0].items()
    assert "instead of 40" in change.details["text"] and msg.status == "needs_review"


def test_a_new_delivery_date_alone_is_applied_with_a_change_event(session, site):
    order = an_order(session)
    _, msg = receive(session, site, make_email("Change PO 4500012345", "Please change PO 4500012345: we need "
                                               "delivery on 2024-03-28.", message_id="date-1@acme"))
    session.refresh(order)
    assert str(order.requested_date) == "2024-03-28" and msg.status == "processed"
    change = session.exec(select(ChangeRequest).where(ChangeRequest.email_id == msg.id)).one()
    assert change.status == "applied"
    event = session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id)).one()
    assert event.type == "changed" and event.details["source"] == f"email:{msg.id}"


def test_a_date_change_naming_two_dates_goes_to_review(session, site):
    order = an_order(session)
    _, msg = receive(session, site, make_email("Change PO 4500012345", "Please change PO 4500012345: deliver on "
                                               "2024-03-28 instead of 2024-03-20."))
    session.refresh(order)
    assert order.requested_date is None and msg.status == "needs_review"


# --- status questions --------------------------------------------------------------------


def test_a_status_question_from_a_trusted_sender_is_answered_with_tracking(session, site, mail, smtp_sink):
    order = an_order(session, shipped=40, tracking="1Z999AA10123456784")
    _got, msg = receive(session, site, make_email("Where is PO 4500012345?", "Hi, where is our order PO 4500012345?",
                                                 message_id="where-1@acme"), mail)
    assert msg.status == "replied" and msg.order_id == order.id
    [reply] = smtp_sink.messages
    assert reply["To"] == TRUSTED and reply["In-Reply-To"] == "<where-1@acme>"
    assert reply["Subject"] == "Re: Where is PO 4500012345?" and reply["Auto-Submitted"] == "auto-replied"
    text = reply.get_body(("plain",)).get_content()
    html = reply.get_body(("html",)).get_content()
    for part in (text, html):
        assert order.number in part and "1Z999AA10123456784" in part and "UPS" in part


def test_a_status_question_from_an_unknown_sender_discloses_nothing(session, site, mail, smtp_sink):
    an_order(session, tracking="1Z999AA10123456784")
    _, msg = receive(session, site, make_email("Where is PO 4500012345?", "Where is PO 4500012345?",
                                               sender="someone@gmail.com"), mail)
    assert smtp_sink.messages == [] and msg.status == "needs_review"
    _, other = receive(session, site, make_email("Where is PO 4500012345?", "Where is PO 4500012345 please?",
                                                 sender="boss@beta-builders.example"), mail)
    assert smtp_sink.messages == [] and other.status == "needs_review" and other.order_id is None


def test_an_auto_reply_asking_about_an_order_is_not_answered(session, site, mail, smtp_sink):
    an_order(session)
    _, msg = receive(session, site, make_email("Where is PO 4500012345?", "Where is PO 4500012345?",
                                               headers={"Auto-Submitted": "auto-replied"}), mail)
    assert smtp_sink.messages == [] and msg.status == "needs_review"


def test_when_the_reply_cannot_be_sent_the_question_goes_to_review(session, site):
    an_order(session)
    down = MailSettings(_env_file=None, outbound_host="127.0.0.1", outbound_port=1)
    _, msg = receive(session, site, make_email("Where is PO 4500012345?", "Where is PO 4500012345?"), down)
    assert msg.status == "needs_review" and msg.defects[-1].startswith("reply_failed")


# --- returns, invoices, the rest ---------------------------------------------------------


def test_a_return_request_opens_a_return_for_review(session, site):
    order = an_order(session, shipped=40)
    _, msg = receive(session, site, make_email("Return PO 4500012345", "We need to return 10 bolts from PO "
                                               "4500012345, they are the wrong grade."))
    rma = session.exec(select(ReturnRequest).where(ReturnRequest.order_id == order.id)).one()
    assert rma.status == "requested" and "wrong grade" in rma.reason and rma.requested_by == TRUSTED
    assert (msg.queue, msg.status, msg.order_id) == ("returns", "needs_review", order.id)


def test_an_invoice_question_goes_to_finance(session, site):
    _, msg = receive(session, site, make_email("Invoice 2024-118", "Your invoice 2024-118 shows the wrong price."))
    assert (msg.label, msg.queue, msg.status) == ("invoice_question", "finance", "needs_review")


def test_other_mail_needs_nothing(session, site):
    got, msg = receive(session, site, make_email("Our newsletter", "Read all about our new plant."))
    assert (msg.label, msg.status, got.documents) == ("other", "processed", [])


def test_without_a_classifier_the_email_goes_to_review_and_nothing_is_lost(session, site, monkeypatch):
    monkeypatch.setattr(classify, "get_classifier", lambda: None)
    raw = make_email("PO 1", "see attached", attachments=[("po.pdf", "application/pdf", simple_po("NOCLS-1"))])
    got, msg = receive(session, site, raw)
    assert msg.label is None and msg.status == "needs_review" and len(got.documents) == 1


def test_a_classifier_that_fails_sends_the_email_to_review(session, site):
    class Broken:
        def classify(self, texts):
            raise RuntimeError("model file damaged")

    classify.set_classifier(Broken())
    _, msg = receive(session, site, make_email("Cancel PO 4500012345", "Please cancel PO 4500012345."))
    assert msg.label is None and msg.status == "needs_review"


def test_the_trained_model_routes_a_po_in_the_body_as_a_new_order(session, settings):
    classify.set_classifier(None)  # the real model, loaded on first use
    if classify.get_classifier() is None:
        pytest.skip("the trained request classifier is not available")
    queue.configure(settings.model_copy(update={"worker_mode": "immediate"}))
    got, msg = receive(session, settings, (EMAILS / "po-in-body-dallas.eml").read_bytes())
    assert msg.label == "new_order" and msg.label_score > 0.5
    assert [d.filename for d in got.documents] == ["message-body.txt"]


def test_new_orders_are_acknowledged_when_switched_on(session, site, smtp_sink):
    mail = MailSettings(_env_file=None, outbound_host="127.0.0.1", outbound_port=smtp_sink.port,
                        acknowledge_orders=True)
    raw = make_email("PO 4500012777", "Our PO is attached.", message_id="ack-1@acme",
                     attachments=[("PO-4500012777.pdf", "application/pdf", simple_po("4500012777"))])
    _, msg = receive(session, site, raw, mail)
    [ack] = smtp_sink.messages
    assert ack["To"] == TRUSTED and "PO-4500012777.pdf" in ack.get_body(("plain",)).get_content()
    assert msg.status == "processed"  # an acknowledgement is not an answer to a question


def test_a_return_naming_shipped_lines_opens_a_return_with_those_lines(session, site):
    from app.orders.models import ReturnLine

    order = an_order(session, shipped=40)
    _, msg = receive(session, site, make_email("Return", "Please take back 10 x HB-1240 from PO 4500012345, "
                                               "damaged in transit."))
    rma = session.exec(select(ReturnRequest).where(ReturnRequest.order_id == order.id)).one()
    [line] = session.exec(select(ReturnLine).where(ReturnLine.return_id == rma.id)).all()
    assert line.quantity == 10 and "damaged" in rma.reason and msg.queue == "returns"
