"""The queue's pure parts: priority from due date and value, and a query read from untrusted text."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.intake.review.queue import QueueQuery, priority

TODAY = date(2026, 3, 2)


def due(days: int, total: str | None = None) -> dict:
    return {"requested_delivery_date": (TODAY + timedelta(days=days)).isoformat(), "total": total}


@pytest.mark.parametrize("data,level", [
    pytest.param({}, 3, id="nothing-known"),
    pytest.param(due(-1), 1, id="overdue"),
    pytest.param(due(2), 1, id="due-in-two-days"),
    pytest.param(due(5), 2, id="due-this-week"),
    pytest.param(due(30), 3, id="due-next-month"),
    pytest.param(due(30, "30000"), 2, id="large-and-far"),
    pytest.param(due(5, "30000"), 1, id="large-and-soon"),
    pytest.param(due(30, "6000"), 2, id="sizeable"),
    pytest.param({"line_items": [{"amount": "20000"}, {"amount": "6000"}]}, 2, id="value-from-the-lines"),
    pytest.param({"requested_delivery_date": "31/02/2025"}, 3, id="a-date-that-is-not-one"),
])
def test_priority(data, level):
    assert priority(data, TODAY) == level


def test_a_query_from_the_address_keeps_only_what_it_knows():
    q = QueueQuery.of(q="  PO-1 ", status="drop table", sort="evil", page="-2", size="1000", age="5y",
                      customer_id="x1", issue="price_mismatch")
    assert (q.q, q.status, q.sort, q.page, q.size, q.age, q.customer_id) == ("PO-1", "needs_review", "priority", 1,
                                                                               25, "", None)
    assert q.params() == "q=PO-1&issue=price_mismatch"
    assert q.params(page=2) == "q=PO-1&issue=price_mismatch&page=2"
