"""Who may open which page: a browser without a login goes to the login page; clerks work the
review queue; other staff see orders, the dashboard and exceptions; a customer login sees only
its own orders, documents and invoices, and another customer's ids are "not found"."""
from __future__ import annotations

import pytest

from app.intake.models import Document
from app.orders import selfservice
from tests.app.scenarios import invoiced_order, new_order, seed
from tests.app.web_login import HTML, another_browser, browser_client, make_user, sign_in

PAGES = ["/review", "/review/1", "/dashboard", "/alerts", "/orders/1/timeline", "/my/orders", "/my/documents"]


@pytest.fixture
def world(session):
    """Two customers, each with an order and a document; ACME's order is invoiced."""
    ids = seed(session)
    mine, inv = invoiced_order(session, po="PO-MINE")
    theirs = new_order(session, customer="KEY", po="PO-THEIRS")
    docs = {}
    for name, cid, order in (("acme", ids["acme"].id, mine), ("key", ids["key"].id, theirs)):
        doc = Document(sha256=name[0] * 64, filename=f"{name}-po.pdf", kind="pdf", status="ordered",
                       customer_id=cid, order_id=order.id)
        session.add(doc)
        docs[name] = doc
    session.commit()
    return {"acme": ids["acme"].id, "key": ids["key"].id, "mine": mine, "inv": inv, "theirs": theirs,
            "docs": docs}


@pytest.fixture
def browser(settings):
    with browser_client(settings) as c:
        yield c


def _as(browser, session, email, roles, customer_id=None):
    make_user(session, email, roles, customer_id=customer_id)
    sign_in(browser, email)
    return browser


@pytest.mark.parametrize("path", PAGES + ["/"])
def test_a_browser_without_a_login_is_sent_to_the_login_page(browser, path):
    response = browser.get(path, params={"x": "1"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=" + path.replace("/", "%2F"))


def test_the_login_page_comes_back_to_the_page_asked_for(browser, session):
    make_user(session, "w@example.com", ["warehouse"])
    login_url = browser.get("/alerts", follow_redirects=False).headers["location"]
    page = browser.get(login_url)
    assert 'name="next" value="/alerts"' in page.text


def test_an_api_client_without_a_login_gets_json_401_not_a_redirect(settings):
    with browser_client(settings) as c:
        c.headers["Accept"] = "application/json"
        response = c.get("/dashboard", follow_redirects=False)
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"


def test_an_htmx_request_without_a_login_is_told_to_go_to_the_login_page(browser):
    response = browser.post("/review/3/fields/po_number", data={"version": 1, "value": "x"},
                            headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/review/3"})
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/login?next=%2Freview%2F3"


def test_the_signed_link_portal_needs_no_login(browser, world, settings):
    link = selfservice.new_link(selfservice.secret_key(settings.data_dir), world["acme"])
    page = browser.get(link["path"])
    assert page.status_code == 200 and "PO-MINE" in page.text and "PO-THEIRS" not in page.text


ROLE_ACCESS = {
    # role: (review queue, dashboard, exceptions, timeline, customer pages)
    "clerk": (200, 200, 200, 200, 403),
    "warehouse": (403, 200, 200, 200, 403),
    "finance": (403, 200, 200, 200, 403),
    "credit": (403, 200, 200, 200, 403),
    "admin": (200, 200, 200, 200, 403),
}


@pytest.mark.parametrize("role", list(ROLE_ACCESS))
def test_each_staff_role_opens_its_pages(browser, session, world, role):
    _as(browser, session, f"{role}@example.com", [role])
    timeline = f"/orders/{world['mine'].id}/timeline"
    got = tuple(browser.get(p).status_code for p in ("/review", "/dashboard", "/alerts", timeline, "/my/orders"))
    assert got == ROLE_ACCESS[role]
    landing = browser.get("/", follow_redirects=False).headers["location"]
    assert landing == ("/review" if role in ("clerk", "admin") else f"/orders?work={role}")
    assert browser.get(landing).status_code == 200  # every role lands on its own work


def test_a_refused_page_says_so_and_shows_who_is_logged_in(browser, session, world):
    _as(browser, session, "w@example.com", ["warehouse"])
    page = browser.get("/review")
    assert page.status_code == 403 and 'data-code="forbidden"' in page.text and "w@example.com" in page.text
    assert 'href="/review"' not in page.text  # the menu offers only what the role may open


@pytest.fixture
def acme_user(browser, session, world):
    return _as(browser, session, "buyer@acme.example", ["customer"], customer_id=world["acme"])


def test_a_customer_lands_on_their_orders_and_sees_only_their_own(acme_user, world):
    landing = acme_user.get("/", follow_redirects=False).headers["location"]
    assert landing == "/my/orders"
    page = acme_user.get(landing)
    assert page.status_code == 200 and "PO-MINE" in page.text and "PO-THEIRS" not in page.text
    assert f'href="/my/invoices/{world["inv"].id}.pdf"' in page.text
    docs = acme_user.get("/my/documents")
    assert "acme-po.pdf" in docs.text and "key-po.pdf" not in docs.text


def test_a_customer_cannot_open_the_review_queue_the_dashboard_or_exceptions(acme_user, world):
    for path in ("/review", f"/review/{world['docs']['key'].id}", "/dashboard", "/alerts"):
        assert acme_user.get(path).status_code == 403, path


def test_a_customer_cannot_change_a_document_in_review(acme_user, world):
    response = acme_user.post(f"/review/{world['docs']['acme'].id}/fields/po_number",
                              data={"version": 1, "value": "x"}, headers={"HX-Request": "true"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_another_customers_order_and_invoice_are_not_found(acme_user, world):
    assert acme_user.get(f"/orders/{world['mine'].id}/timeline").status_code == 200
    assert acme_user.get(f"/orders/{world['theirs'].id}/timeline").status_code == 404
    assert acme_user.get("/orders/999999/timeline").status_code == 404  # same answer as a missing one
    pdf = acme_user.get(f"/my/invoices/{world['inv'].id}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_other_customer_sees_their_order_but_not_acmes(acme_user, session, world):
    key_user = another_browser(acme_user)
    _as(key_user, session, "buyer@key.example", ["customer"], customer_id=world["key"])
    assert key_user.get(f"/orders/{world['theirs'].id}/timeline").status_code == 200
    assert key_user.get(f"/orders/{world['mine'].id}/timeline").status_code == 404
    assert key_user.get(f"/my/invoices/{world['inv'].id}.pdf").status_code == 404
    page = key_user.get("/my/orders", headers=HTML)
    assert "PO-THEIRS" in page.text and "PO-MINE" not in page.text
