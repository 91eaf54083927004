"""A clerk logs in and works the review queue in a real Chromium: fix a header field, pick a SKU, approve."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.intake.models import Document
from app.orders.models import Order, OrderLine
from tests.app.web.pages import job_ticket_po, load_catalogue, received, shot, wait_for_images
from tests.app.web_login import browser_login, make_user
from tests.helpers import SAMPLES

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture


@pytest.fixture
def po_with_a_part_number_and_an_odd_label(session, settings) -> Document:
    """Demo master data, and a PO whose PO number sits under 'Job ticket:' and whose first line is a customer part."""
    load_catalogue(session)
    doc = received(session, settings, job_ticket_po(), "jt-5521.pdf")
    assert doc.status == "needs_review"
    return doc


def test_a_clerk_fixes_a_field_picks_a_sku_and_approves(playwright_page, server, session,
                                                        po_with_a_part_number_and_an_odd_label):
    page, doc = playwright_page, po_with_a_part_number_and_an_odd_label

    # Given a clerk who opens the queue and is asked to log in first
    make_user(session, "anna@example.com", ["clerk"])
    page.goto(f"{server}/review")
    page.wait_for_url(f"{server}/login?next=%2Freview")
    shot(page, "login", full_page=False)
    page.fill("#email", "anna@example.com")
    page.fill("#password", "wrong")
    page.click("#login")
    assert "not right" in page.locator("#login-error").inner_text()
    browser_login(page, server, "anna@example.com", next_url="%2Freview")
    page.wait_for_url(f"{server}/review")
    assert "anna@example.com" in page.locator("#who").inner_text()

    # when the clerk opens the document that needs review
    row = page.locator(f'tr[data-href="/review/{doc.id}"]')
    assert "PO number" in row.inner_text() or row.locator(".reason").count() >= 1
    row.click()
    page.wait_for_url(f"{server}/review/{doc.id}")
    wait_for_images(page)
    assert page.locator("#pages img").evaluate("img => img.naturalWidth") > 500

    # they type the PO number the machine missed; the edit saves without a page reload
    page.locator("body").evaluate("b => b.dataset.marker = 'same-page'")
    with page.expect_response(lambda r: r.url.endswith("/fields/po_number") and r.status == 200):
        page.fill("#f-po_number", "JT-5521")
        page.press("#f-po_number", "Tab")
    page.wait_for_selector("#history >> text=JT-5521")
    assert page.locator("body").evaluate("b => b.dataset.marker") == "same-page"

    # (the page as a clerk sees it mid-review: issues, highlight of the focused line, history)
    page.focus("#l0-quantity")
    assert "active" in page.locator("#box-line-0").get_attribute("class")
    line_box, image = page.locator("#box-line-0").bounding_box(), page.locator("#pages img").first.bounding_box()
    assert 0 < line_box["width"] < image["width"] and image["y"] < line_box["y"] < image["y"] + image["height"]
    shot(page, "review-page", full_page=False)

    # and pick our SKU for the customer's part number through the typeahead
    page.fill("#l0-our_sku", "hex bolt m6 x 40")
    page.locator("#sku-opts-0 .option", has_text="HB-0640").first.click()
    page.wait_for_selector("#l0-our_sku[value='HB-0640']")  # the panel came back with the SKU
    page.focus("#f-order_date")
    assert "active" in page.locator("#box-order_date").get_attribute("class")
    assert page.locator("#issues li.blocking").count() == 0
    shot(page, "review-page-ready", full_page=False)

    # then Alt+A approves and the clerk lands on the queue with the new order's number
    page.locator("body").click(position={"x": 5, "y": 60})
    page.keyboard.press("Alt+a")
    page.wait_for_url("**/review?approved=*")
    assert "created" in page.locator(".flash.ok").inner_text()

    session.expire_all()
    order = session.get(Order, session.get(Document, doc.id).order_id)
    assert order.po_number == "JT-5521" and order.number in page.url and order.entered_by == "anna@example.com"
    skus = [line.sku for line in session.exec(select(OrderLine).where(OrderLine.order_id == order.id))]
    assert skus[0] == "HB-0640"


@pytest.fixture
def sample_queue(session, settings) -> list[Document]:
    """Demo master data and the sample POs; those that need a clerk wait in the queue, in queue order."""
    load_catalogue(session)
    for name in ("mix-varied-lumen-gbp-2pages.pdf", "pacific-mono-usd.pdf", "vandijk-hlines-eur-en.pdf"):
        received(session, settings, (SAMPLES / "pos" / name).read_bytes(), name, channel="email")
    return session.exec(select(Document).where(Document.status == "needs_review")
                        .order_by(Document.priority, Document.received_at, Document.id)).all()


def test_two_clerks_on_one_document_the_lock_and_the_second_sees_the_firsts_change(playwright_page, server,
                                                                                  sample_queue, session):
    page = playwright_page
    doc = sample_queue[0]
    make_user(session, "anna@example.com", ["clerk"])
    make_user(session, "ben@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com")
    page.goto(f"{server}/review")
    assert page.locator("#queue tbody tr").count() == len(sample_queue)
    shot(page, "review-queue")

    # anna opens the document first: it is hers now
    page.goto(f"{server}/review/{doc.id}")
    wait_for_images(page)
    assert page.locator("#pages figure").count() == doc.page_count
    assert page.locator("#locked").count() == 0

    # j/k walk a cursor over the fields without the mouse; the keys never type into a field
    before = page.input_value("#f-po_number")
    page.locator("body").press("j")
    assert "cursor" in page.locator("#f-po_number").get_attribute("class")
    page.keyboard.press("j")
    assert "cursor" in page.locator("#f-order_date").get_attribute("class")
    assert page.evaluate("document.activeElement.tagName") == "BODY" and page.input_value("#f-po_number") == before
    shot(page, "review-sample", full_page=False)

    # ben finds it taken and takes it over; his change reaches anna's stale page as a conflict
    other = page.context.browser.new_page(viewport={"width": 1440, "height": 900})  # ben's own browser context
    browser_login(other, server, "ben@example.com", next_url=f"%2Freview%2F{doc.id}")
    other.wait_for_url(f"{server}/review/{doc.id}")
    assert "anna@example.com is working on this document" in other.locator("#locked").inner_text()
    assert other.locator("#f-payment_terms").is_disabled()
    shot(other, "review-locked", full_page=False)
    other.click("#take-over")
    other.wait_for_selector("#f-payment_terms:not([disabled])")
    with other.expect_response(lambda r: "/fields/payment_terms" in r.url):
        other.fill("#f-payment_terms", "Net 45")
        other.press("#f-payment_terms", "Tab")
    with page.expect_response(lambda r: "/fields/payment_terms" in r.url and r.status == 409):
        page.fill("#f-payment_terms", "Net 60")
        page.press("#f-payment_terms", "Tab")
    banner = page.locator("#conflict")
    assert "Someone else changed this document" in banner.inner_text() and "Net 45" in banner.inner_text()
    assert "ben@example.com" in banner.inner_text()
    assert page.input_value("#f-payment_terms") == "Net 45"
    assert "ben@example.com is working on this document" in page.locator("#locked").inner_text()
    shot(page, "review-conflict")

    # anna takes it back and gives up on it: Alt+R offers the reasons, and the next document opens
    page.click("#take-over")
    page.wait_for_selector("#reject:not([disabled])")
    page.locator("body").click(position={"x": 5, "y": 60})
    page.keyboard.press("Alt+r")
    assert page.evaluate("document.activeElement.id") == "reject-reason"
    page.select_option("#reject-reason", "duplicate")
    page.fill("#reject-note", "customer sent it twice")
    page.click("#reject-confirm")
    page.wait_for_url(f"{server}/review/{sample_queue[1].id}?done=rejected")
    assert "rejected" in page.locator(".flash").first.inner_text()
    page.keyboard.press("Alt+n")
    page.wait_for_url(f"{server}/review/{sample_queue[2].id}")
    page.keyboard.press("Alt+p")
    page.wait_for_url(f"{server}/review/{sample_queue[1].id}")
