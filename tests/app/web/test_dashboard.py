"""The KPI dashboard and the order timeline render server-side with inline SVG charts."""
from __future__ import annotations

import re

import pytest

from app.orders.kpi import service as kpi_service
from app.web.dashboard import bar_chart, line_chart
from tests.app.scenarios import invoiced_order, seed
from tests.app.web_login import logged_in


@pytest.fixture
def client(settings, session):
    """A finance user's browser, logged in (the pages need a staff login)."""
    with logged_in(settings, session, "finance@example.com", ["finance"]) as c:
        yield c


def test_line_chart_draws_one_point_per_known_value_and_says_no_data_when_empty():
    svg = str(line_chart("cycle", [("W1", 1.0), ("W2", None), ("W3", 3.0)]))
    assert svg.startswith("<svg") and svg.count("<circle") == 2 and "<polyline" in svg
    assert "no data" in str(line_chart("cycle", [("W1", None)]))


def test_bar_chart_scales_bars_to_the_largest_value():
    svg = str(bar_chart("orders", [("a", 10.0), ("b", 5.0)], width=420))
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1]


def test_dashboard_page_shows_trends_splits_and_definitions(client, session):
    seed(session)
    invoiced_order(session, po="PO-D1")
    kpi_service.clear_cache()
    page = client.get("/dashboard", params={"period": "day", "by": "channel"})
    assert page.status_code == 200
    assert page.text.count("<svg") >= 10 and "<polyline" in page.text and "<rect" in page.text
    assert "Average order value: net order value" in page.text
    assert 'data-kpi="touchless_rate"' in page.text
    assert "cdn" not in page.text.lower()


def test_order_timeline_page_lists_every_event(client, session):
    seed(session)
    order, _ = invoiced_order(session, po="PO-D2")
    page = client.get(f"/orders/{order.id}/timeline")
    assert page.status_code == 200
    types = re.findall(r'data-type="([a-z_]+)"', page.text)
    assert types[0] == "order_created" and types[-1] == "invoiced" and "shipped" in types
    assert client.get("/orders/999999/timeline").status_code == 404


@pytest.mark.slow
def test_simulated_history_is_back_dated_and_reaches_every_stage(session):
    from datetime import timedelta

    from sqlmodel import func, select

    from app.core.clock import utcnow
    from app.orders import demo
    from app.orders.models import Order, OrderEvent

    counts = demo.simulate(session, months=0.5, orders_per_day=3, seed=0)
    assert counts["orders"] > 10 and counts["actions"] > counts["orders"]
    states = set(session.exec(select(Order.state)).all())
    assert {"paid", "invoiced", "closed"} & states and len(states) >= 2  # some billed, some still on the way
    oldest = session.exec(select(func.min(OrderEvent.at))).one()
    assert oldest < utcnow() - timedelta(days=10)
    again = demo.simulate(session, months=0.1, orders_per_day=1, seed=5)  # master data reused, PO numbers unique
    assert again["orders"] >= 0
