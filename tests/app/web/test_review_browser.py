"""A clerk logs in and works the review queue in a real Chromium: fix a header field, pick a SKU, approve."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.catalog.service import import_csv
from app.intake import service
from app.intake.models import Document
from app.orders.models import Order, OrderLine
from tests.app.web_login import browser_login, make_user
from tests.helpers import ARTIFACTS, SAMPLES

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture
MASTER = SAMPLES / "master"
LINES = (("AC-778", "Bolt to customer spec 778", 40, "6.20"),
         ("HB-0640", "Hex bolt M6 x 40 mm, grade 8.8, zinc plated", 10, "6.20"))
HEADER = (("Job ticket:", "JT-5521"), ("Order Date:", "2024-03-05"), ("Delivery Date:", "2024-03-20"),
          ("Currency:", "USD"))


def job_ticket_po() -> bytes:
    """A Letter-size PO (reportlab) whose PO number sits under 'Job ticket:' and whose first line is a customer part."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, 740, "PURCHASE ORDER")
    c.setFont("Helvetica", 10)
    y = 712
    for label, value in HEADER + (("Buyer:", "Acme Industrial Supply Inc."), ("Supplier:", "Northwind Fasteners Ltd")):
        c.drawString(40, y, label)
        c.drawString(150, y, value)
        y -= 16
    cols = (40, 120, 380, 430, 500)
    y -= 14
    for x, head in zip(cols, ("Item", "Description", "Qty", "Unit Price", "Amount")):
        c.drawString(x, y, head)
    total = 0.0
    for sku, desc, qty, price in LINES:
        y -= 18
        amount = qty * float(price)
        total += amount
        for x, v in zip(cols, (sku, desc, str(qty), price, f"{amount:.2f}")):
            c.drawString(x, y, v)
    c.drawString(430, y - 26, "Total")
    c.drawString(500, y - 26, f"{total:.2f}")
    c.save()
    return buf.getvalue()


def wait_for_images(page) -> None:
    """Until every page image has loaded. (Not wait_for_function: its polling evaluates strings,
    which the pages' Content-Security-Policy forbids, as it should.)"""
    page.evaluate("""Promise.all(Array.from(document.querySelectorAll('#pages img')).map(i => i.complete ? null :
        new Promise(done => {
            i.addEventListener('load', done, {once: true}); i.addEventListener('error', done); })))""")


@pytest.fixture
def po_with_a_part_number_and_an_odd_label(session, settings) -> Document:
    """Demo master data, and a PO whose PO number sits under 'Job ticket:' and whose first line is a customer part."""
    for kind in ("customers", "products", "prices", "xref"):
        import_csv(session, kind, (MASTER / f"{kind}.csv").read_text())
    session.commit()
    doc = service.ingest_bytes(session, settings, job_ticket_po(), filename="jt-5521.pdf",
                               channel="upload").document
    session.commit()
    service.process_document(settings, doc.id)
    session.expire_all()
    doc = session.get(Document, doc.id)
    assert doc.status == "needs_review"
    return doc


def test_a_clerk_fixes_a_field_picks_a_sku_and_approves(playwright_page, server, session,
                                                        po_with_a_part_number_and_an_odd_label):
    page, doc = playwright_page, po_with_a_part_number_and_an_odd_label

    # Given a clerk who opens the queue and is asked to log in first
    make_user(session, "anna@example.com", ["clerk"])
    page.goto(f"{server}/review")
    page.wait_for_url(f"{server}/login?next=%2Freview")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "login.png"))
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
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-page.png"))

    # and pick our SKU for the customer's part number through the typeahead
    page.fill("#l0-our_sku", "hex bolt m6 x 40")
    page.locator("#sku-opts-0 .option", has_text="HB-0640").first.click()
    page.wait_for_selector("#l0-our_sku[value='HB-0640']")  # the panel came back with the SKU
    page.focus("#f-order_date")
    assert "active" in page.locator("#box-order_date").get_attribute("class")
    assert page.locator("#issues li.blocking").count() == 0
    page.screenshot(path=str(ARTIFACTS / "review-page-ready.png"))

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
    """Demo master data and the sample POs; those that need a clerk wait in the queue."""
    for kind in ("customers", "products", "prices", "xref"):
        import_csv(session, kind, (MASTER / f"{kind}.csv").read_text())
    session.commit()
    for name in ("mix-varied-lumen-gbp-2pages.pdf", "pacific-mono-usd.pdf", "vandijk-hlines-eur-en.pdf"):
        data = (SAMPLES / "pos" / name).read_bytes()
        doc = service.ingest_bytes(session, settings, data, filename=name, channel="email").document
        session.commit()
        service.process_document(settings, doc.id)
    session.expire_all()
    return session.exec(select(Document).where(Document.status == "needs_review")).all()


def test_two_clerks_on_one_document_the_second_sees_the_firsts_change(playwright_page, server, sample_queue, session):
    page = playwright_page
    doc = sample_queue[0]
    make_user(session, "anna@example.com", ["clerk"])
    make_user(session, "ben@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com")
    page.goto(f"{server}/review")
    assert page.locator("#queue tbody tr").count() == len(sample_queue)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))

    other = page.context.browser.new_page(viewport={"width": 1440, "height": 900})  # ben's own browser context
    browser_login(other, server, "ben@example.com", next_url=f"%2Freview%2F{doc.id}")
    other.wait_for_url(f"{server}/review/{doc.id}")
    page.goto(f"{server}/review/{doc.id}")
    wait_for_images(page)
    assert page.locator("#pages figure").count() == doc.page_count

    # j/k walk the fields without the mouse
    page.locator("body").press("j")
    assert page.evaluate("document.activeElement.id") == "f-po_number"
    page.screenshot(path=str(ARTIFACTS / "review-sample.png"))
    page.keyboard.press("Escape")
    page.locator("body").press("j")
    assert page.evaluate("document.activeElement.id") == "f-order_date"

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
    page.screenshot(path=str(ARTIFACTS / "review-conflict.png"), full_page=True)

    # the clerk gives up on it: Alt+R asks why, and the next document opens
    page.keyboard.press("Escape")
    page.once("dialog", lambda dialog: dialog.accept("customer sent it twice"))
    page.keyboard.press("Alt+r")
    page.wait_for_url(f"{server}/review/{sample_queue[1].id}?done=rejected")
    assert "rejected" in page.locator(".flash").first.inner_text()
    page.keyboard.press("Alt+n")
    page.wait_for_url(f"{server}/review/{sample_queue[2].id}")
