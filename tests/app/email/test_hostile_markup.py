"""Markup in an email never reaches a page unescaped: an HTML body is turned into text
(scripts and attributes dropped), and text that looks like markup is shown escaped."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.catalog.service import import_csv
from app.core import queue
from app.email import classify
from app.email.config import MailSettings
from app.email.service import ingest_email
from tests.app.web_login import logged_in

CUSTOMERS = """code,name,email_domains,sender_addresses,ship_to,automation,price_list
ACME,Acme Industrial Supply Inc.,acme-industrial.example,,"1200 Commerce St, Dallas, TX 75201",never,
"""
ATTACK = '<script>alert(1)</script> <img src=x onerror=alert(2)> <a href="javascript:alert(3)">see</a>'
UNSAFE = ("<script>alert", "<img src=x onerror", 'href="javascript:')  # live markup only


@dataclass
class Label:
    label: str = "new_order"
    score: float = 0.95
    scores: dict = field(default_factory=dict)
    instructions: dict = field(default_factory=dict)


class AlwaysNewOrder:
    def classify(self, texts):
        return [Label() for _ in texts]


@pytest.fixture
def site(settings, session):
    import_csv(session, "customers", CUSTOMERS)
    session.commit()
    classify.set_classifier(AlwaysNewOrder())
    immediate = settings.model_copy(update={"worker_mode": "immediate"})
    queue.configure(immediate)
    yield immediate
    classify.set_classifier(None)


def mail(content_type: str, body: str) -> bytes:
    return (f"From: Jim <jim@acme-industrial.example>\r\nTo: orders@northwind.example\r\n"
            f"Subject: PO 4500012345 {ATTACK}\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: {content_type}; charset=utf-8\r\n\r\n{body}").encode()


@pytest.mark.parametrize("content_type, body, shown", [
    pytest.param("text/html", f"<p>please ship 40 x HB-1240</p>{ATTACK}", "please ship 40 x HB-1240", id="html-body"),
    pytest.param("text/plain", f"please ship 40 x HB-1240\n{ATTACK}", "&lt;script&gt;alert(1)&lt;/script&gt;",
                 id="markup-written-as-text"),
])
def test_email_markup_never_reaches_the_review_page_unescaped(session, site, content_type, body, shown):
    got = ingest_email(session, site, mail(content_type, body), channel="email", mail=MailSettings(_env_file=None))
    assert got.documents, "the body became a document"
    with logged_in(site, session, "clerk@example.com", ["clerk"]) as browser:
        pages = [browser.get(f"/review/{got.documents[0].id}").text, browser.get("/review").text]
    assert shown in pages[0]
    for page in pages:
        for unsafe in UNSAFE:
            assert unsafe not in page
