"""The clerk's review pages through the HTTP layer: queue, document, HTMX edits, conflicts, page images.
Every test works as a clerk logged in through the login page (a session cookie and its CSRF token)."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.catalog.service import import_csv
from app.intake import service
from app.intake.models import Correction, Document
from app.orders.models import Order
from tests.app.master_data import CUSTOMERS
from tests.app.web_login import another_browser, logged_in, make_user, sign_in
from tests.pdfs import simple_po

PRODUCTS = """sku,description,uom,pack_size,list_price,active
HB-1240,Hex bolt M12x40 zinc,EA,1,0.85,true
NT-0012,Hex nut M12 zinc,EA,1,0.12,true
"""
SPEC_LINE = (("AC-778", "Bolt to customer spec 778", 40, "0.85"),)
HTMX = {"HX-Request": "true"}
CLERK = "clerk@example.com"


@pytest.fixture
def client(settings, session):
    """A clerk's browser, logged in."""
    with logged_in(settings, session, CLERK, ["clerk"]) as c:
        yield c


@pytest.fixture
def doc_needing_review(session, settings) -> Document:
    """A PO whose only line names the customer's own part number: the clerk must pick our SKU."""
    import_csv(session, "customers", CUSTOMERS)
    import_csv(session, "products", PRODUCTS)
    session.commit()
    doc = service.ingest_bytes(session, settings, simple_po("PO-10", lines=SPEC_LINE), filename="po-10.pdf",
                               channel="api").document
    session.commit()
    service.process_document(settings, doc.id)
    session.expire_all()
    doc = session.get(Document, doc.id)
    assert doc.status == "needs_review"
    return doc


def test_the_root_sends_the_clerk_to_the_queue(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/review"


def test_the_queue_lists_a_document_needing_review_with_its_reasons(client, doc_needing_review, session):
    page = client.get("/review")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="/review/{doc_needing_review.id}"' in page.text and "PO-10" in page.text
    issue = client.get(f"/api/v1/documents/{doc_needing_review.id}/review").json()["issues"][0]
    assert issue["message"].replace("'", "&#39;").replace('"', "&#34;") in page.text
    assert "Acme Industrial Supply Inc." in page.text


def test_the_document_page_shows_fields_lines_and_page_images(client, doc_needing_review):
    page = client.get(f"/review/{doc_needing_review.id}")
    assert page.status_code == 200
    assert 'id="f-po_number"' in page.text and 'value="PO-10"' in page.text
    assert 'value="AC-778"' in page.text and 'value="Bolt to customer spec 778"' in page.text
    assert f'src="/review/{doc_needing_review.id}/pages/1.png"' in page.text
    assert 'id="box-po_number"' in page.text and 'data-box="box-po_number"' in page.text
    assert f'id="version" name="version" value="{doc_needing_review.version}"' in page.text


def test_an_htmx_field_edit_answers_the_panel_and_records_a_correction(client, doc_needing_review, session):
    v = doc_needing_review.version
    response = client.post(f"/review/{doc_needing_review.id}/fields/po_number",
                           data={"version": v, "value": "PO-10A"}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="panel"') and "<html" not in response.text
    assert 'value="PO-10A"' in response.text and f'name="version" value="{v + 1}"' in response.text
    correction = session.exec(select(Correction).where(Correction.document_id == doc_needing_review.id)).one()
    assert (correction.field, correction.old_value, correction.new_value) == ("po_number", "PO-10", "PO-10A")
    assert correction.user == CLERK


def test_a_stale_version_shows_the_other_clerks_change(client, doc_needing_review, session):
    url, v = f"/review/{doc_needing_review.id}/fields/po_number", doc_needing_review.version
    make_user(session, "anna@example.com", ["clerk"])
    make_user(session, "ben@example.com", ["clerk"])
    anna, ben = another_browser(client), another_browser(client)
    sign_in(anna, "anna@example.com")
    sign_in(ben, "ben@example.com")
    assert anna.post(url, data={"version": v, "value": "PO-10A"}, headers=HTMX).status_code == 200
    stale = ben.post(url, data={"version": v, "value": "PO-10B"}, headers=HTMX)
    assert stale.status_code == 409
    assert "Someone else changed this document" in stale.text
    assert "anna" in stale.text and "PO-10A" in stale.text
    assert f'name="version" value="{v + 1}"' in stale.text and 'value="PO-10B"' not in stale.text


def test_values_are_escaped_not_rendered_as_html(client, doc_needing_review):
    response = client.post(f"/review/{doc_needing_review.id}/fields/payment_terms",
                           data={"version": doc_needing_review.version, "value": '<script>alert("x")</script>'},
                           headers=HTMX)
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text


def test_the_page_image_is_a_png_cached_on_disk(client, doc_needing_review, settings):
    response = client.get(f"/review/{doc_needing_review.id}/pages/1.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert (settings.data_dir / "pages" / doc_needing_review.sha256 / "1.png").exists()
    assert client.get(f"/review/{doc_needing_review.id}/pages/2.png").status_code == 404


def test_picking_a_sku_from_the_typeahead_then_approving_creates_the_order(client, doc_needing_review, session):
    doc_id, v = doc_needing_review.id, doc_needing_review.version
    options = client.get(f"/review/{doc_id}/products", params={"line": 0, "q": "hex bolt m12"})
    assert options.status_code == 200 and "HB-1240" in options.text
    picked = client.post(f"/review/{doc_id}/lines/0", data={"version": v, "our_sku": "HB-1240"}, headers=HTMX)
    assert picked.status_code == 200 and 'value="HB-1240"' in picked.text
    refused = client.post(f"/review/{doc_id}/approve", data={"version": v}, headers=HTMX)
    assert refused.status_code == 409
    approved = client.post(f"/review/{doc_id}/approve", data={"version": v + 1}, headers=HTMX)
    assert approved.status_code == 204 and approved.headers["HX-Redirect"].startswith("/review?approved=")
    session.expire_all()
    order = session.get(Order, session.get(Document, doc_id).order_id)
    assert order.po_number == "PO-10" and order.entered_by == CLERK
    assert order.number in approved.headers["HX-Redirect"]


def test_approving_with_a_line_without_sku_is_refused_with_the_reason(client, doc_needing_review):
    doc_id, v = doc_needing_review.id, doc_needing_review.version
    added = client.post(f"/review/{doc_id}/lines", data={"version": v}, headers=HTMX)
    assert added.status_code == 200 and 'id="line-1"' in added.text
    response = client.post(f"/review/{doc_id}/approve", data={"version": v + 1}, headers=HTMX)
    assert response.status_code == 422
    assert 'id="error"' in response.text and "fix these before approving" in response.text


def test_lines_are_split_and_removed_and_each_change_is_in_the_history(client, doc_needing_review):
    doc_id, v = doc_needing_review.id, doc_needing_review.version
    split = client.post(f"/review/{doc_id}/lines/0/split", data={"version": v}, headers=HTMX | {"HX-Prompt": "15"})
    assert split.status_code == 200 and 'id="l1-quantity"' in split.text
    assert 'id="l0-quantity" class="field" name="quantity" value="25"' in split.text
    assert 'id="l1-quantity" class="field" name="quantity" value="15"' in split.text
    removed = client.post(f"/review/{doc_id}/lines/1/remove", data={"version": v + 1}, headers=HTMX)
    assert removed.status_code == 200 and 'id="l1-quantity"' not in removed.text
    assert "line_items[0].quantity" in removed.text and "removed" in removed.text


def test_a_bad_split_is_refused_with_the_reason_and_nothing_changes(client, doc_needing_review):
    doc_id, v = doc_needing_review.id, doc_needing_review.version
    refused = client.post(f"/review/{doc_id}/lines/0/split", data={"version": v}, headers=HTMX | {"HX-Prompt": "400"})
    assert refused.status_code == 422 and "split quantity must be between" in refused.text
    assert f'name="version" value="{v}"' in refused.text


def test_rejecting_needs_a_reason_then_leaves_for_the_queue(client, doc_needing_review, session):
    doc_id, v = doc_needing_review.id, doc_needing_review.version
    refused = client.post(f"/review/{doc_id}/reject", data={"version": v, "reason": "other"}, headers=HTMX)
    assert refused.status_code == 422 and "say why" in refused.text
    assert 'id="reject-box" class="reject-box"' in refused.text  # the reasons stay open
    done = client.post(f"/review/{doc_id}/reject", data={"version": v, "reason": "duplicate", "note": "see PO-9"},
                       headers=HTMX)
    assert done.status_code == 204 and done.headers["HX-Redirect"] == "/review?done=rejected"
    session.expire_all()
    doc = session.get(Document, doc_id)
    assert (doc.status, doc.review_note) == ("rejected", "sent twice (a duplicate of another document): see PO-9")
    assert f'/review/{doc_id}"' not in client.get("/review").text


def test_the_customer_chooser_finds_and_sets_a_customer(client, doc_needing_review):
    doc_id = doc_needing_review.id
    options = client.get(f"/review/{doc_id}/customers", params={"q": "acme industrial"})
    assert "Acme Industrial Supply Inc." in options.text and '"customer_id": 1' in options.text.replace("&#34;", '"')
    chosen = client.post(f"/review/{doc_id}/customer", data={"version": doc_needing_review.version, "customer_id": 1},
                         headers=HTMX)
    assert chosen.status_code == 200 and 'id="customer-name">Acme Industrial Supply Inc.' in chosen.text


def test_a_po_written_in_an_email_shows_its_text_instead_of_pages(client, session, settings):
    body = b"Hello,\nplease ship 40 x HB-1240 to our Dallas site.\nPO 7781 <urgent>\n"
    doc = service.ingest_bytes(session, settings, body, filename="body.txt", channel="email").document
    session.commit()
    page = client.get(f"/review/{doc.id}")
    assert page.status_code == 200 and 'class="source-text"' in page.text
    assert "PO 7781 &lt;urgent&gt;" in page.text and "/pages/1.png" not in page.text
    assert client.get(f"/review/{doc.id}/pages/1.png").status_code == 404
