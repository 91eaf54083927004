"""A document by email is trusted for automation only from an address or a domain known
for the customer it names; otherwise it waits for a clerk with `untrusted_sender`.
Uploads through the API carry no email sender and are not affected."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.catalog.service import import_csv
from app.intake.models import Document, DocumentIssue
from app.intake.service import ingest_bytes, process_document
from tests.app.master_data import CUSTOMER_HEADER, acme
from tests.pdfs import simple_po

CUSTOMERS = (CUSTOMER_HEADER + acme("always")
             + 'BETA,Beta Builders LLC,beta-builders.example,jo.beta@gmail.example,"9 Main St, Austin, TX",always,\n')
PRODUCTS = """sku,description,uom,pack_size,list_price,active
HB-1240,Hex bolt M12x40 zinc,EA,1,0.85,true
"""


@pytest.fixture
def site(session, settings):
    import_csv(session, "customers", CUSTOMERS)
    import_csv(session, "products", PRODUCTS)
    session.commit()
    return settings.model_copy(update={"automation": "always"})


def receive(session, settings, *, channel: str, sender: str | None, buyer: str = "Acme Industrial Supply Inc.",
            po: str = "4500012345") -> tuple[Document, set[str]]:
    doc = ingest_bytes(session, settings, simple_po(po, buyer=buyer), filename="po.pdf", channel=channel,
                       sender=sender).document
    session.commit()
    process_document(settings, doc.id)
    session.expire_all()
    doc = session.get(Document, doc.id)
    issues = session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id)).all()
    return doc, {i.code for i in issues}


@pytest.mark.parametrize("sender, buyer", [
    pytest.param("purchasing@acme-industrial.example", "Acme Industrial Supply Inc.", id="known-address"),
    pytest.param("someone.else@acme-industrial.example", "Acme Industrial Supply Inc.", id="known-domain"),
    pytest.param("jo.beta@gmail.example", "Beta Builders LLC", id="known-address-on-a-public-domain"),
])
def test_a_known_sender_is_trusted(session, site, sender, buyer):
    doc, codes = receive(session, site, channel="email", sender=sender, buyer=buyer)
    assert "untrusted_sender" not in codes
    assert doc.status == "ordered"


@pytest.mark.parametrize("sender, buyer", [
    pytest.param("mallory@evil.example", "Acme Industrial Supply Inc.", id="stranger-naming-acme"),
    pytest.param("someone@gmail.example", "Beta Builders LLC", id="same-public-domain-other-address"),
    pytest.param(None, "Acme Industrial Supply Inc.", id="email-without-a-sender"),
])
def test_an_unknown_sender_is_never_trusted_for_automation(session, site, sender, buyer):
    doc, codes = receive(session, site, channel="email", sender=sender, buyer=buyer)
    assert "untrusted_sender" in codes
    assert doc.status == "needs_review" and doc.order_id is None


@pytest.mark.parametrize("channel", ["imap", "smtp", "webhook"])
def test_every_email_channel_checks_the_sender(session, site, channel):
    doc, codes = receive(session, site, channel=channel, sender="mallory@evil.example")
    assert "untrusted_sender" in codes and doc.status == "needs_review"


def test_api_uploads_are_not_affected(session, site):
    doc, codes = receive(session, site, channel="api", sender=None)
    assert "untrusted_sender" not in codes
    assert doc.status == "ordered"
