"""A manager logs in and opens the KPI dashboard and an order's timeline in a real Chromium (simulated history)."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.orders import demo
from app.orders.kpi import service as kpi_service
from app.orders.models import Order
from tests.app.web_login import browser_login, make_user
from tests.helpers import ARTIFACTS

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture


@pytest.fixture
def simulated(session):
    counts = demo.simulate(session, months=1.5, orders_per_day=3, seed=1)
    kpi_service.clear_cache()
    return counts


def test_dashboard_and_timeline_in_chromium(playwright_page, server, session, simulated):
    page = playwright_page
    ARTIFACTS.mkdir(exist_ok=True)
    make_user(session, "maria@example.com", ["finance"])
    browser_login(page, server, "maria@example.com", next_url="%2Fdashboard%3Fperiod%3Dweek%26by%3Dcustomer")
    assert page.url == f"{server}/dashboard?period=week&by=customer"
    assert page.locator("#trends svg").count() == 8
    assert page.locator("#trends svg polyline").count() >= 1
    assert page.locator("#split svg rect").count() >= 3
    assert page.locator('[data-kpi="order_cycle_time"]').inner_text() != "n/a"
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    shipped = session.exec(select(Order).where(Order.state.in_(("paid", "invoiced", "closed")))
                           .order_by(Order.id)).first()
    page.goto(f"{server}/orders/{shipped.id}/timeline")
    types = page.locator("#timeline tr.event").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types[0] == "order_created" and "shipped" in types and "invoiced" in types
    page.screenshot(path=str(ARTIFACTS / "order-timeline.png"), full_page=True)

    page.goto(f"{server}/alerts")
    assert page.locator("#alerts tr").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "alerts.png"), full_page=True)
