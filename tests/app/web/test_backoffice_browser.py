"""The back office in a real Chromium: every role lands on its own work and moves orders with the
actions it may take, the admin's pages, emails and portal links, order lines linked to the page
they were read from, exceptions as a worklist, error pages for people, and phone widths."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.accounts.models import AuditEntry
from app.catalog.models import Customer
from app.intake.models import Document, EmailMessage
from app.intake.review import service as review
from app.orders import demo, selfservice
from app.orders.kpi import service as kpi_service
from app.orders.models import Order
from tests.app.scenarios import CLERK as CARLA
from tests.app.scenarios import new_order, seed, shipped_order
from tests.app.web.pages import PHONE, job_ticket_po, load_catalogue, overflow, received, shot, wait_for_images
from tests.app.web_login import browser_login, make_user
from tests.helpers import SAMPLES

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture


@pytest.fixture
def orders_in_every_stage(session) -> dict[str, Order]:
    """One order waiting on each role: to validate (clerk), on credit hold (credit), credit approved
    (warehouse), shipped (finance)."""
    from app.core.transactions import commit
    from app.orders import actions as act

    seed(session, limit="30")  # Acme's limit is small: its big order goes on credit hold
    out = {"new": new_order(session, customer="KEY", po="PO-NEW"),
           "hold": new_order(session, customer="ACME", po="PO-HOLD", lines=[{"sku": "HB-1240", "quantity": 100}]),
           "approved": new_order(session, customer="KEY", po="PO-APPROVED"),
           "shipped": shipped_order(session, customer="KEY", po="PO-SHIPPED")}
    act.validate(session, out["hold"].id, CARLA)
    act.validate(session, out["approved"].id, CARLA)
    commit(session)
    session.expire_all()
    return {k: session.get(Order, o.id) for k, o in out.items()}


def order_rows(page) -> list[str]:
    return page.locator("#orders tbody td[data-label=PO]").all_inner_texts()


def move(page, button: str, expect: str) -> None:
    with page.expect_navigation():
        page.click(button)
    assert expect in page.inner_text("#order-flash"), page.inner_text("main")


def test_every_role_lands_on_its_work_and_makes_its_moves(playwright_page, server, session, orders_in_every_stage):
    page, o = playwright_page, orders_in_every_stage
    assert (o["hold"].state, o["approved"].state, o["shipped"].state) == ("credit_hold", "credit_approved", "shipped")
    for role in ("warehouse", "finance", "credit", "clerk"):
        make_user(session, f"{role}@example.com", [role])

    # the warehouse lands on the orders to allocate, pick, pack and ship, and ships one
    browser_login(page, server, "warehouse@example.com")
    page.wait_for_url(f"{server}/orders?work=warehouse")
    assert order_rows(page) == ["PO-APPROVED"]
    shot(page, "landing-warehouse")
    page.click("#orders a:has-text('SO-')")
    assert page.locator("#act-invoice").count() == 0 and page.locator("#act-validate").count() == 0
    move(page, "#act-allocate", "Allocated")
    move(page, "#act-pick", "Picked")
    move(page, "#act-pack", "Packed")
    page.fill("#ship-carrier", "UPS")
    page.fill("#ship-tracking", "1Z999AA10123456784")
    move(page, "#act-ship", "left with UPS")
    assert page.inner_text("#state") == "shipped"
    shot(page, "order-page-warehouse")
    page.click("#logout")

    # finance lands on what to invoice, invoices it and records the payment
    browser_login(page, server, "finance@example.com")
    page.wait_for_url(f"{server}/orders?work=finance")
    assert set(order_rows(page)) == {"PO-SHIPPED", "PO-APPROVED"}
    shot(page, "landing-finance")
    page.goto(f"{server}/orders/{o['shipped'].id}")
    move(page, "#act-invoice", "Invoiced: ")
    pay = page.locator("[id^=act-payment-]").first
    assert page.locator("[id^=pay-amount-]").first.input_value() == "27.0000"
    with page.expect_navigation():
        pay.click()
    assert "Payment recorded" in page.inner_text("#order-flash") and page.inner_text("#state") == "paid"
    page.click("#logout")

    # credit lands on the hold and releases it (it neither entered nor changed the order)
    browser_login(page, server, "credit@example.com")
    page.wait_for_url(f"{server}/orders?work=credit")
    assert order_rows(page) == ["PO-HOLD"]
    page.goto(f"{server}/orders/{o['hold'].id}")
    move(page, "#act-release_credit", "Credit hold released")
    session.expire_all()
    assert session.get(Order, o["hold"].id).hold_status == "none"
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "duty:release_credit")).one().actor == \
        "credit@example.com"
    page.click("#logout")

    # the clerk lands on the review queue; the orders to validate are one click away
    browser_login(page, server, "clerk@example.com")
    page.wait_for_url(f"{server}/review")
    page.goto(f"{server}/orders?work=clerk")
    assert order_rows(page) == ["PO-NEW"]
    page.goto(f"{server}/orders/{o['new'].id}")
    move(page, "#act-validate", "Validated")


def test_the_admin_manages_users_keys_master_data_and_reads_the_audit_log(playwright_page, server, session):
    page = playwright_page
    seed(session)
    make_user(session, "ada@example.com", ["admin"])
    browser_login(page, server, "ada@example.com")

    page.goto(f"{server}/admin/users")
    page.fill("#add-user input[name=email]", "walt@example.com")
    page.fill("#add-user input[name=password]", "a long enough password")
    page.select_option("#add-user select[name=role]", "warehouse")
    with page.expect_navigation():
        page.click("#add-user button")
    assert "walt@example.com" in page.inner_text("#users")
    page.fill("#add-key input[name=name]", "erp")
    page.select_option("#add-key select[name=role]", "clerk")
    with page.expect_navigation():
        page.click("#make-key")
    assert page.inner_text("#new-key .secret").startswith("oi_")
    shot(page, "admin-users")

    page.goto(f"{server}/admin/master")
    page.select_option("#master-kind", "products")
    page.set_input_files("#master-file", files=[{"name": "products.csv", "mimeType": "text/csv", "buffer": (
        b"sku,description,uom,pack_size,list_price,active\nNT-0012,Hex nut M12 zinc,EA,1,0.12,true\n"
        b"BAD-1,,EA,one,x,true\n")}])
    with page.expect_navigation():
        page.click("#master-import")
    assert "1 created" in page.inner_text("#master-result") and "1 bad row" in page.inner_text("#master-result")
    assert "3" in page.locator("#row-errors td[data-label=Line]").first.inner_text()
    shot(page, "admin-master-data")

    page.goto(f"{server}/admin/audit?action=key_created")
    assert page.locator("#audit tr[data-action=key_created]").count() == 1
    page.goto(f"{server}/admin/audit?action=master_import")
    assert page.locator("#audit tr[data-action=master_import]").count() == 1
    shot(page, "admin-audit")


def test_emails_show_their_classification_and_portal_links_open_the_portal(playwright_page, server, session):
    page = playwright_page
    ids = seed(session)
    shipped_order(session, customer="ACME", po="PO-PORTAL")
    session.add(EmailMessage(raw_sha256="0" * 64, sender="j.ortega@acme-industrial.example", subject="Order 4471 rush",
                             label="new_order", label_score=0.93, instructions={"rush": 0.91}, status="processed",
                             customer_id=ids["acme"].id, request_text="please ship 40 x HB-1240 by Friday"))
    session.commit()
    make_user(session, "carla@example.com", ["clerk"])
    browser_login(page, server, "carla@example.com")

    page.goto(f"{server}/emails")
    row = page.locator("#emails tbody tr").first
    assert "new order" in row.inner_text() and "93%" in row.inner_text() and "rush" in row.inner_text()
    shot(page, "emails")
    row.locator("a").first.click()
    assert "please ship 40 x HB-1240" in page.inner_text("main")

    page.goto(f"{server}/portal-links")
    page.select_option("#portal-customer", label="Acme Corp (ACME)")
    with page.expect_navigation():
        page.click("#make-link")
    page.click("#portal-url")
    page.wait_for_url("**/portal/*")
    assert "PO-PORTAL" in page.inner_text("#portal")
    session.expire_all()
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "portal_link_created")).one()


def test_an_order_line_links_to_where_it_was_read_on_the_page(playwright_page, server, session, settings):
    page = playwright_page
    load_catalogue(session)
    doc = received(session, settings, job_ticket_po(), "jt-5521.pdf")
    state = review.edit_field(session, doc.id, doc.version, "po_number", "JT-5521", "anna@example.com", settings)
    state = review.edit_line(session, doc.id, state.version, 0, {"our_sku": "HB-0640"}, "anna@example.com", settings)
    order = review.approve(session, settings, doc.id, state.version, "anna@example.com",
                           acknowledged=[review.warning_key(i) for i in state.issues if i.blocking])
    make_user(session, "anna@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com", next_url=f"%2Freview%2F{doc.id}")
    link = page.locator(".flash.ok a")
    assert link.get_attribute("href") == f"/orders/{order.id}"  # the order page, not the JSON API
    link.click()
    page.wait_for_url(f"{server}/orders/{order.id}")
    page.click("#order-line-2 .source-link")
    page.wait_for_url(f"{server}/orders/{order.id}/lines/2/source")
    page.evaluate("new Promise(r => { const i = document.querySelector('#source-page img'); "
                  "i.complete ? r() : i.addEventListener('load', r); })")
    box, img = page.locator("#box-source").bounding_box(), page.locator("#source-page img").bounding_box()
    assert img["y"] < box["y"] < img["y"] + img["height"] / 2 and 0 < box["width"] < img["width"]
    shot(page, "order-line-source", full_page=False)


def test_exceptions_are_a_worklist_and_the_demo_customer_has_a_history(playwright_page, server, session):
    page = playwright_page
    load_catalogue(session)
    demo.simulate(session, months=1, orders_per_day=2, seed=3)
    kpi_service.clear_cache()
    acme = session.exec(select(Customer).where(Customer.code == "ACME")).one()
    make_user(session, "maria@example.com", ["finance"])
    browser_login(page, server, "maria@example.com")
    page.goto(f"{server}/alerts")
    first = page.locator("#alerts tbody tr").first
    assert first.locator("td[data-label=Customer]").inner_text().strip()
    assert first.locator("td[data-label=Amount]").inner_text()[:1] in "$€£" or "CA$" in first.inner_text()
    assert first.locator("td[data-label='Next move']").inner_text().strip()
    assert " h" not in first.locator("td[data-label=Waiting]").inner_text() or "d" in first.inner_text()
    shot(page, "exceptions")
    page.click("#mine")
    roles = page.locator("#alerts td[data-label='Next move'] small").all_inner_texts()
    assert set(roles) <= {"(finance)"}
    page.click("#logout")

    make_user(session, "buyer@acme.example", ["customer"], customer_id=acme.id)
    browser_login(page, server, "buyer@acme.example")
    page.wait_for_url(f"{server}/my/orders")
    assert page.locator("section.order").count() >= 3  # the demo customer sees its own history
    quantities = page.locator("#portal td.qty").all_inner_texts()
    assert quantities and not any(q.endswith(".0000") for q in quantities)
    shot(page, "customer-orders-history")


def test_an_unknown_buyers_po_raises_no_pack_size_or_price_noise(playwright_page, server, session, settings):
    page = playwright_page
    load_catalogue(session)
    demo.simulate(session, months=0.2, orders_per_day=2, seed=4)  # a catalogue with a history, as after `make run`
    lines = (("ZX-401", "Tent pole 4 m aluminium, green", 3, "48.00"), ("ZX-77", "Guy rope 10 m reflective", 12,
                                                                          "6.50"))
    doc = received(session, settings, job_ticket_po(lines=lines, buyer="Zephyr Outdoor Gear Pty"), "zephyr.pdf")
    codes = {i.code for i in review.load_review(session, doc.id).issues}
    assert "unknown_customer" in codes and not codes & {"pack_size_multiple", "price_mismatch", "unit_mismatch"}
    make_user(session, "anna@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com", next_url=f"%2Freview%2F{doc.id}")
    wait_for_images(page)
    issues = page.inner_text("#issues")
    assert "not a whole number of packs" not in issues and "price list" not in issues
    page.fill("#customer-q", "sim")
    page.wait_for_timeout(500)
    assert "Sim Customer" not in page.inner_text("#customer-opts")  # no demo placeholders to pick from
    shot(page, "review-unknown-buyer", full_page=False)


def test_errors_are_pages_for_people_and_json_for_programs(playwright_page, server, session, settings):
    page = playwright_page
    ids = seed(session)
    theirs = new_order(session, customer="KEY", po="PO-THEIRS")
    make_user(session, "anna@example.com", ["clerk"])
    browser_login(page, server, "anna@example.com")
    for path, status, title in (("/review/99999", 404, "Not found"), ("/orders/99999/timeline", 404, "Not found"),
                                ("/dashboard?from=garbage", 422, "That did not work"),
                                ("/no/such/page", 404, "Not found")):
        response = page.goto(f"{server}{path}")
        assert response.status == status and response.headers["content-type"].startswith("text/html"), path
        assert page.inner_text("#error-title") == title, path
        if status == 422:
            assert "from" in page.inner_text("#error-message")  # names the value it could not read
            shot(page, "error-page", full_page=False)
    api = page.request.get(f"{server}/api/v1/orders/99999")
    assert api.status == 404 and api.json()["error"]["code"] == "order_not_found"
    page.goto(f"{server}/review")
    page.click("#logout")

    tampered = page.goto(f"{server}/portal/{ids['acme'].id}.9999999999.{'0' * 64}")
    assert tampered.status == 401 and "link" in page.inner_text("#error-message").lower()
    good = selfservice.new_link(selfservice.secret_key(settings.data_dir), ids["acme"].id)
    assert page.goto(f"{server}{good['path']}").status == 200
    make_user(session, "buyer@acme.example", ["customer"], customer_id=ids["acme"].id)
    browser_login(page, server, "buyer@acme.example")
    other = page.goto(f"{server}/orders/{theirs.id}/timeline")
    assert other.status == 404 and page.inner_text("#error-title") == "Not found"


def test_phone_width_has_no_sideways_scroll(playwright_page, server, session, settings):
    page = playwright_page
    load_catalogue(session)
    doc = received(session, settings, job_ticket_po(), "jt-5521.pdf")
    received(session, settings, (SAMPLES / "pos" / "pacific-mono-usd.pdf").read_bytes(), "pacific.pdf")
    acme = session.exec(select(Customer).where(Customer.code == "ACME")).one()
    demo.simulate(session, months=0.3, orders_per_day=2, seed=5)
    make_user(session, "anna@example.com", ["clerk"])
    page.set_viewport_size(PHONE)
    browser_login(page, server, "anna@example.com")
    page.wait_for_url(f"{server}/review")
    assert overflow(page) == 0
    shot(page, "phone-queue")
    page.goto(f"{server}/review/{doc.id}")
    wait_for_images(page)
    assert overflow(page) == 0
    for button in ("#approve", "#reject", "#not-po"):
        box = page.locator(button).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], button
    shot(page, "phone-review")
    link = selfservice.new_link(selfservice.secret_key(settings.data_dir), acme.id)
    page.goto(f"{server}{link['path']}")
    assert page.locator("section.order").count() >= 1 and overflow(page) == 0
    shot(page, "phone-portal")
    any_order = session.exec(select(Order).order_by(Order.id)).first()
    page.goto(f"{server}/orders/{any_order.id}")
    assert overflow(page) == 0
    assert session.get(Document, doc.id).status == "needs_review"
