"""The clerk's review page in a real Chromium, one test per promise of issue #14: keys never type
into a field, warnings are acknowledged one by one, a word on the page fills a field, a value that
cannot be right is refused beside its field, and the keys reach where the work is."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.accounts.models import AuditEntry
from app.intake.models import Document
from app.intake.review import service as review
from app.orders.models import Order
from tests.app.web.pages import job_ticket_po, load_catalogue, received, shot, wait_for_images
from tests.app.web_login import browser_login, make_user
from tests.helpers import SAMPLES

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture
CLERK = "anna@example.com"


@pytest.fixture
def job_ticket(session, settings) -> Document:
    """The Job-ticket PO waiting for review: its PO number missed, its first line a customer part."""
    load_catalogue(session)
    doc = received(session, settings, job_ticket_po(), "jt-5521.pdf")
    assert doc.status == "needs_review"
    make_user(session, CLERK, ["clerk"])
    return doc


@pytest.fixture
def ready(session, settings, job_ticket) -> Document:
    """The same PO with its number typed and our SKU chosen: nothing blocks any more."""
    state = review.edit_field(session, job_ticket.id, job_ticket.version, "po_number", "JT-5521", "setup", settings)
    review.edit_line(session, job_ticket.id, state.version, 0, {"our_sku": "HB-0640"}, "setup", settings)
    session.expire_all()
    return session.get(Document, job_ticket.id)


def open_doc(page, server, doc) -> None:
    browser_login(page, server, CLERK, next_url=f"%2Freview%2F{doc.id}")
    page.wait_for_url(f"{server}/review/{doc.id}")
    wait_for_images(page)


def saved(page, selector: str, value: str) -> None:
    """Type into a field and leave it, waiting for the save to come back."""
    with page.expect_response(lambda r: "/review/" in r.url and r.request.method == "POST"):
        page.fill(selector, value)
        page.press(selector, "Tab")


def test_a_shortcut_key_never_changes_a_field_and_a_stray_po_number_is_refused(playwright_page, server, session,
                                                                               job_ticket):
    page = playwright_page
    open_doc(page, server, job_ticket)
    values = page.eval_on_selector_all("#panel .field", "els => els.map(e => e.value)")

    # j walks the cursor; pressing it again and again types nothing anywhere
    page.locator("body").press("j")
    for _ in range(12):
        page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.eval_on_selector_all("#panel .field", "els => els.map(e => e.value)") == values
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    assert page.locator(".field.cursor").count() == 1

    # Enter edits the field under the cursor; what a held-down key leaves there is refused beside the field
    for _ in range(20):
        page.keyboard.press("k")
    assert page.locator("#f-po_number.cursor").count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "f-po_number"
    with page.expect_response(lambda r: r.url.endswith("/fields/po_number") and r.status == 422):
        page.keyboard.type("jjjjjjjj7")
        page.keyboard.press("Tab")
    assert "key held down" in page.locator("#f-po_number-error").inner_text()
    assert page.get_attribute("#f-po_number", "aria-invalid") == "true"
    shot(page, "review-po-refused", full_page=False)
    session.expire_all()
    assert (session.get(Document, job_ticket.id).reviewed or {}).get("po_number") in (None, "")


def test_approving_over_a_warning_asks_for_each_one_and_audits_it(playwright_page, server, session, ready):
    page = playwright_page
    open_doc(page, server, ready)
    assert page.locator("#issues li.blocking").count() == 0

    # a price 13 % above the list is a warning a clerk may accept, not a blocker
    saved(page, "#l1-unit_price", "7.00")
    assert "price" in page.locator("#issues").inner_text()
    assert page.input_value("#l1-amount") == "70.00"  # quantity x price
    page.locator("body").click(position={"x": 5, "y": 60})
    with page.expect_response(lambda r: r.url.endswith("/approve") and r.status == 422):
        page.keyboard.press("Alt+a")
    boxes = page.locator("#ack .ack-box")
    asked = {page.locator("#ack code").nth(i).inner_text() for i in range(boxes.count())}
    assert asked == {"price_mismatch", "total_mismatch"}  # the PO's printed total no longer adds up either
    assert page.locator("#ack-approve").is_disabled()
    session.expire_all()
    assert session.get(Document, ready.id).status == "needs_review"  # nothing happened yet
    shot(page, "review-acknowledge", full_page=False)

    page.check("#ack-0")
    assert page.locator("#ack-approve").is_disabled()  # each warning, not just one
    for i in range(1, boxes.count()):
        page.check(f"#ack-{i}")
    assert page.locator("#ack-approve").is_enabled()
    page.click("#ack-approve")
    page.wait_for_url("**/review?approved=*")
    session.expire_all()
    order = session.get(Order, session.get(Document, ready.id).order_id)
    assert set(order.instructions["accepted_issues"]) == {"price_mismatch", "total_mismatch"}
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "review_warnings_acknowledged")).one()
    assert entry.actor == CLERK and entry.object_id == str(ready.id)
    assert {w["code"] for w in entry.details["warnings"]} == {"price_mismatch", "total_mismatch"}


def word_box(page, text: str) -> dict:
    """Where a word of page 1 is on the screen (from the page's own word boxes)."""
    words = page.evaluate("fetch(document.querySelector('#page-1').dataset.words).then(r => r.json())")["words"]
    left, top, width, height = next(w[1:] for w in words if w[0] == text)
    fig = page.locator("#page-1").bounding_box()
    return {"x": fig["x"] + (left + width / 2) / 100 * fig["width"], "y": fig["y"] + (top + height / 2) / 100 *
            fig["height"], "left": left, "top": top, "width": width, "height": height}


def test_a_word_clicked_or_a_box_dragged_on_the_page_fills_the_field(playwright_page, server, session, settings,
                                                                     job_ticket):
    page = playwright_page
    open_doc(page, server, job_ticket)

    # click into the PO number, then on "JT-5521" on the page: saved, no typing
    page.click("#f-po_number")
    at = word_box(page, "JT-5521")
    with page.expect_response(lambda r: r.url.endswith("/fields/po_number") and r.status == 200):
        page.mouse.click(at["x"], at["y"])
    assert page.input_value("#f-po_number") == "JT-5521"
    page.wait_for_selector("#save-state.saved")

    # drag a box around the buyer's name to fill the buyer
    page.click("#f-buyer")
    first, last = word_box(page, "Acme"), word_box(page, "Inc.")
    with page.expect_response(lambda r: r.url.endswith("/fields/buyer") and r.status == 200):
        page.mouse.move(first["x"] - 12, first["y"] - 8)
        page.mouse.down()
        page.mouse.move(last["x"] + 12, last["y"] + 8, steps=5)
        page.mouse.up()
    assert page.input_value("#f-buyer") == "Acme Industrial Supply Inc."
    shot(page, "review-click-to-fill", full_page=False)

    # zoom and rotate the page: a click still lands on the word under the mouse
    page.click("#zoom-in")
    assert page.inner_text("#zoom-level") == "125%"
    page.click("#zoom-fit")
    for _ in range(3):  # three quarter turns: the page's top edge on the left
        page.click("#rotate")
    sheet = page.locator("#page-1 .sheet")
    w, h = sheet.evaluate("s => [s.offsetWidth, s.offsetHeight]")
    fig = page.locator("#page-1").bounding_box()
    assert abs(fig["width"] - h) < 2 and abs(fig["height"] - w) < 2  # the page lies on its side
    page.click("#f-po_number")
    page.fill("#f-po_number", "")
    box = word_box(page, "JT-5521")  # percent of the unrotated page; turned 270 degrees: on screen x = y, y = w - x
    x, y = (box["left"] + box["width"] / 2) / 100 * w, (box["top"] + box["height"] / 2) / 100 * h
    page.evaluate(f"document.getElementById('pages').scrollTop += {max(0, fig['y'] + w - x - 800)}")
    fig = page.locator("#page-1").bounding_box()
    with page.expect_response(lambda r: r.url.endswith("/fields/po_number") and r.status == 200):
        page.mouse.click(fig["x"] + y, fig["y"] + w - x)
    assert page.input_value("#f-po_number") == "JT-5521"
    shot(page, "review-rotated", full_page=False)

    # a document of two pages shows a thumbnail of each
    two = received(session, settings, (SAMPLES / "pos" / "mix-varied-lumen-gbp-2pages.pdf").read_bytes(), "two.pdf")
    page.goto(f"{server}/review/{two.id}")
    assert page.locator("#thumbs .thumb").count() == 2


def test_an_impossible_value_is_refused_beside_its_field_and_the_amount_follows_the_quantity(
        playwright_page, server, session, ready):
    page = playwright_page
    open_doc(page, server, ready)

    with page.expect_response(lambda r: r.url.endswith("/fields/order_date") and r.status == 422):
        page.fill("#f-order_date", "31/02/2025")
        page.press("#f-order_date", "Tab")
    assert "no such day" in page.locator("#f-order_date-error").inner_text()
    assert page.input_value("#f-order_date") == "31/02/2025"  # the clerk sees what they typed, to fix it
    page.wait_for_selector("#save-state.unsaved")
    shot(page, "review-invalid-date", full_page=False)
    saved(page, "#f-order_date", "28/02/2025")
    assert page.input_value("#f-order_date") == "2025-02-28" and page.locator("#f-order_date-error").count() == 0

    with page.expect_response(lambda r: r.url.endswith("/lines/1") and r.status == 422):
        page.fill("#l1-quantity", "abc")
        page.press("#l1-quantity", "Tab")
    assert "not a number" in page.locator("#l1-quantity-error").inner_text()
    saved(page, "#l1-quantity", "12")
    assert page.input_value("#l1-amount") == "74.40"
    assert "line_items[1].amount" in page.locator("#history").inner_text()
    page.wait_for_selector("#save-state.saved")


def test_keys_reach_the_lines_and_big_amounts_are_not_clipped(playwright_page, server, session, ready):
    page = playwright_page
    open_doc(page, server, ready)
    page.locator("body").click(position={"x": 5, "y": 60})
    page.keyboard.press("Alt+1")
    assert page.evaluate("document.activeElement.id") == "l0-quantity"  # one key, not sixteen
    page.keyboard.press("Alt+ArrowDown")
    assert page.evaluate("document.activeElement.id") == "l1-quantity"
    page.keyboard.press("Escape")
    with page.expect_response(lambda r: r.url.endswith("/lines") and r.status == 200):
        page.keyboard.press("Alt+l")
    page.wait_for_selector("#l2-sku")
    assert page.evaluate("document.activeElement.id") == "l2-sku"  # the new line, ready to type into

    saved(page, "#l1-amount", "126840.00")
    clipped = page.eval_on_selector("#l1-amount", "e => e.scrollWidth > e.clientWidth")
    assert not clipped
    assert "$" in page.inner_text("#lines-total")
