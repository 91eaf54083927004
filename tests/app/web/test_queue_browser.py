"""The clerk's queue in a real Chromium with sixty documents waiting: searched, filtered, sorted and
paged by the server, worked from the keyboard, views saved, documents assigned and rejected in
bulk, and new ones dropped on the page."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app.catalog.models import Customer
from app.core.clock import utcnow
from app.intake import service
from app.intake.models import Document, DocumentIssue
from app.intake.review.queue import priority
from tests.app.web.pages import load_catalogue, shot
from tests.app.web_login import browser_login, make_user

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture
CUSTOMERS = ("ACME", "BAUER", "BRITWELL", "MAPLE")
ISSUES = (("uncertain_sku", "line 1: matched only 61 %"), ("price_mismatch", "line 1: price 7.00 differs by 13 %"),
          ("missing_ship_to", "no ship-to address found"))


@pytest.fixture
def sixty_waiting(session, settings) -> list[Document]:
    """Sixty POs waiting for review, from four customers and three channels, of different ages,
    values and due dates (stored for real; their reading is set here rather than run sixty times)."""
    load_catalogue(session)
    ids = {c.code: c.id for c in session.exec(select(Customer)).all()}
    now, docs = utcnow(), []
    for i in range(60):
        code = CUSTOMERS[i % 4]
        text = f"PO-{1000 + i}\nplease ship {i + 1} x HB-0640\n".encode()
        doc = service.ingest_bytes(session, settings, text, filename=f"po-{1000 + i}.txt",
                                   channel=("email", "upload", "api")[i % 3],
                                   sender=f"buyer{i % 4}@{code.lower()}.example").document
        data = {"po_number": f"PO-{1000 + i}", "currency": "USD", "total": str(Decimal(100 * (i + 1))),
                "requested_delivery_date": (now + timedelta(days=1 + i % 20)).date().isoformat(),
                "line_items": [{"sku": "HB-0640", "description": f"Hex bolt M6 x {i + 10} mm", "quantity": str(i + 1)}],
                "customer_id": ids[code]}
        doc.status, doc.reviewed, doc.extraction, doc.customer_id = "needs_review", data, data, ids[code]
        doc.received_at = now - timedelta(hours=3 * i)
        doc.priority = priority(data, now.date())
        code_, message = ISSUES[i % 3]
        session.add(DocumentIssue(document_id=doc.id, code=code_, message=message, blocking=code_ != "missing_ship_to"))
        docs.append(doc)
    session.commit()
    return docs


def rows(page) -> list[str]:
    return page.locator("#queue tbody tr td[data-label=PO]").all_inner_texts()


def n(po: str) -> int:
    """The fixture's index of a document, from its PO number."""
    return int(po[3:]) - 1000


def results_after(page, action) -> None:
    """Do something that reloads the results over HTMX and wait for them."""
    with page.expect_response(lambda r: "/review?" in r.url and r.request.headers.get("hx-request") == "true"):
        action()
    page.wait_for_timeout(50)


def test_the_queue_is_searched_filtered_sorted_and_paged_by_the_server(playwright_page, server, session,
                                                                      sixty_waiting):
    page = playwright_page
    make_user(session, "anna@example.com", ["clerk"])
    make_user(session, "ben@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com")
    page.wait_for_url(f"{server}/review")

    # sixty waiting, twenty-five on a page, the most urgent first (due soon or large)
    assert page.inner_text("#queue-total") == "60" and len(rows(page)) == 25
    prios = page.locator("#queue tbody td[data-label=Prio]").all_inner_texts()
    assert prios == sorted(prios) and prios[0] == "1" and "3" in prios + ["3"]
    assert page.evaluate("document.documentElement.scrollHeight") < 3000
    shot(page, "queue")

    # search by PO number, customer, sender, text (the server answers, the address keeps it)
    results_after(page, lambda: page.fill("#queue-q", "PO-1042"))
    assert rows(page) == ["PO-1042"] and "q=PO-1042" in page.url
    results_after(page, lambda: page.fill("#queue-q", "britwell"))
    assert page.locator("#queue tbody tr").count() == 15
    results_after(page, lambda: page.fill("#queue-q", "buyer1@"))
    assert set(page.locator("#queue tbody td[data-label=Customer]").all_inner_texts()) == {"Bauer Maschinenbau GmbH"}
    results_after(page, lambda: page.fill("#queue-q", "bolt m6 x 26 mm"))  # words of a line
    assert rows(page) == ["PO-1016"]
    results_after(page, lambda: page.fill("#queue-q", ""))

    # filters: customer, issue code, channel, age
    results_after(page, lambda: page.select_option("#f-customer", label="Bauer Maschinenbau GmbH"))
    results_after(page, lambda: page.select_option("#f-issue", "price_mismatch"))
    bauer_prices = rows(page)
    assert bauer_prices and all(n(po) % 4 == 1 and n(po) % 3 == 1 for po in bauer_prices)
    results_after(page, lambda: page.select_option("#f-channel", "upload"))
    assert all(n(po) % 3 == 1 for po in rows(page))
    results_after(page, lambda: page.select_option("#f-channel", ""))
    results_after(page, lambda: page.select_option("#f-age", "3d"))
    assert all(3 * n(po) >= 72 for po in rows(page))
    results_after(page, lambda: page.select_option("#f-age", ""))

    # a view saved by name comes back with its filters
    page.fill("#view-name", "Bauer price issues")
    page.click("#save-view")
    page.wait_for_url("**/review?*")
    page.goto(f"{server}/review")
    assert page.inner_text("#queue-total") == "60"
    page.click("#views a:has-text('Bauer price issues')")
    page.wait_for_url("**issue=price_mismatch**")
    assert rows(page) == bauer_prices

    # sort and page from the keyboard
    page.goto(f"{server}/review?sort=value")
    values = rows(page)
    assert values[0] == "PO-1059"  # the largest order first
    page.locator("body").press("]")
    page.wait_for_url("**page=2**")
    assert len(rows(page)) == 25 and "page 2 of 3" in page.inner_text("#pager")
    page.keyboard.press("[")
    page.wait_for_url("**sort=value")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "queue-q"
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/review/*")
    assert "PO-1058" in page.inner_text("#panel h1")


def test_documents_are_assigned_and_rejected_in_bulk_and_dropped_on_the_queue(playwright_page, server, session,
                                                                              sixty_waiting, settings):
    page = playwright_page
    make_user(session, "anna@example.com", ["clerk"])
    make_user(session, "ben@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com")
    page.goto(f"{server}/review?sort=oldest&size=25")

    # tick two rows from the keyboard and give them to ben: they show his lock
    page.locator("body").press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.inner_text("#ticked") == "2 ticked"
    page.select_option("#bulk-clerk", "ben@example.com")
    page.click("#bulk-assign")
    page.wait_for_url("**flash=*")
    assert "2 documents assigned to ben@example.com" in page.inner_text("#queue-flash")
    locked = page.locator("#queue tbody tr .lock")
    assert locked.count() == 2 and "ben@example.com" in locked.first.inner_text()
    first, second = rows(page)[:2]
    page.goto(f"{server}/review?assigned=ben%40example.com")
    assert sorted(rows(page)) == sorted([first, second])

    # ben's documents are his: anna opening one finds it locked
    doc_id = page.locator("#queue tbody tr").first.get_attribute("data-href").rsplit("/", 1)[1]
    page.goto(f"{server}/review/{doc_id}")
    assert "ben@example.com is working on this document" in page.inner_text("#locked")

    # reject three of the oldest in one go, with a reason from the list
    page.goto(f"{server}/review?sort=oldest")
    for i in range(2, 5):
        page.locator("#queue tbody tr .tick").nth(i).check()
    page.select_option("#bulk-reason", "spam")
    page.click("#bulk-reject")
    page.wait_for_url("**flash=*")
    assert "3 rejected" in page.inner_text("#queue-flash") and page.inner_text("#queue-total") == "57"
    session.expire_all()
    gone = session.exec(select(Document).where(Document.status == "rejected")).all()
    assert len(gone) == 3 and all(d.review_note == "spam or a test" for d in gone)

    # a PO dropped on the page is stored and read like any upload
    with page.expect_navigation():
        page.evaluate("""() => {
            const dt = new DataTransfer();
            const text = "Purchase order PO 77812\\nplease send 40 x HB-0640 by the 14th\\n";
            dt.items.add(new File([text], "dropped-po.txt", {type: "text/plain"}));
            document.getElementById("dropzone").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true}));
        }""")
    assert "dropped-po.txt" in page.inner_text("#queue-flash")
    session.expire_all()
    dropped = session.exec(select(Document).where(Document.filename == "dropped-po.txt")).one()
    assert dropped.channel == "upload" and dropped.sender == "anna@example.com"
    shot(page, "queue-after-bulk")
