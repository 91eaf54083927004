"""A customer's buyer logs in in a real Chromium, sees only their own orders, and logs out."""
from __future__ import annotations

import pytest

from tests.app.scenarios import invoiced_order, new_order, seed
from tests.app.web_login import browser_login, make_user
from tests.helpers import ARTIFACTS

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture


def test_a_customer_logs_in_sees_their_orders_and_logs_out(playwright_page, server, session):
    page = playwright_page
    ids = seed(session)
    mine, _inv = invoiced_order(session, po="PO-MINE")
    new_order(session, customer="KEY", po="PO-THEIRS")
    make_user(session, "buyer@acme.example", ["customer"], customer_id=ids["acme"].id)

    browser_login(page, server, "buyer@acme.example")
    page.wait_for_url(f"{server}/my/orders")
    assert page.locator(f"#order-{mine.id}").count() == 1 and "PO-THEIRS" not in page.content()
    assert page.locator(".top nav").inner_text().split() == ["My", "orders", "My", "documents"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "customer-orders.png"), full_page=True)

    page.click(f"#order-{mine.id} h2 a")
    page.wait_for_url(f"{server}/orders/{mine.id}/timeline")
    assert page.locator("#timeline tr.event").count() >= 3

    page.click("#logout")
    page.wait_for_url(f"{server}/login")
    page.goto(f"{server}/my/orders")
    page.wait_for_url(f"{server}/login?next=%2Fmy%2Forders")
