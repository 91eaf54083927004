"""Stock allocation rules: who gets scarce stock first, and backorders filled in rule order."""
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from app.orders import errors as E
from app.orders.errors import LifecycleError
from app.orders.rules.allocation import Allocation, Demand, allocate_stock, backorders


@pytest.fixture
def three_customers_want_widgets():
    """Oldest order: low priority, late date. Key account: middle. Urgent date: newest."""
    return [
        Demand("SO-1", 1, "WID", D(6), datetime(2026, 3, 1, 9), date(2026, 3, 30), customer_priority=50),
        Demand("SO-2", 1, "WID", D(6), datetime(2026, 3, 1, 10), date(2026, 3, 20), customer_priority=1),
        Demand("SO-3", 1, "WID", D(6), datetime(2026, 3, 1, 11), date(2026, 3, 5), customer_priority=50),
    ]


def served(allocations):
    out: dict[str, D] = {}
    for a in allocations:
        out[a.order_id] = out.get(a.order_id, D(0)) + a.qty
    return out


@pytest.mark.parametrize("rule, expected", [
    pytest.param("fifo", {"SO-1": D(6), "SO-2": D(4)}, id="fifo-oldest-first"),
    pytest.param("priority", {"SO-2": D(6), "SO-1": D(4)}, id="priority-key-account-first"),
    pytest.param("requested_date", {"SO-3": D(6), "SO-2": D(4)}, id="earliest-requested-date-first"),
])
def test_scarce_stock_goes_by_rule(three_customers_want_widgets, rule, expected):
    allocations = allocate_stock(three_customers_want_widgets, {("DAL", "WID"): 10}, rule)
    assert served(allocations) == expected


def test_partial_allocation_leaves_backorders_then_new_stock_fills_them_in_rule_order(three_customers_want_widgets):
    demands = three_customers_want_widgets
    first = allocate_stock(demands, {("DAL", "WID"): 8}, "fifo")
    waiting = backorders(demands, first)
    assert waiting == {("SO-2", 1): D(4), ("SO-3", 1): D(6)}
    # stock arrives: re-run on the backordered quantities only
    rerun = [Demand(d.order_id, d.line_id, d.sku, waiting[(d.order_id, d.line_id)], d.entered_at,
                    d.requested_date, d.customer_priority) for d in demands if (d.order_id, d.line_id) in waiting]
    second = allocate_stock(rerun, {("DAL", "WID"): 5}, "fifo")
    assert [(a.order_id, a.qty) for a in second] == [("SO-2", D(4)), ("SO-3", D(1))]
    assert backorders(rerun, second) == {("SO-3", 1): D(5)}


def test_one_warehouse_covers_the_line_when_it_can():
    demand = [Demand("SO-9", 1, "BOLT", D(5), datetime(2026, 1, 1))]
    allocations = allocate_stock(demand, {("ATL", "BOLT"): 4, ("DAL", "BOLT"): 5, ("SEA", "BOLT"): 9})
    assert allocations == [Allocation("SO-9", 1, "BOLT", "SEA", D(5))]


def test_split_across_warehouses_biggest_first_when_none_covers_it():
    demand = [Demand("SO-9", 1, "BOLT", D(10), datetime(2026, 1, 1))]
    allocations = allocate_stock(demand, {("ATL", "BOLT"): 3, ("DAL", "BOLT"): 4, ("SEA", "BOLT"): 2})
    assert [(a.warehouse, a.qty) for a in allocations] == [("DAL", D(4)), ("ATL", D(3)), ("SEA", D(2))]
    assert backorders(demand, allocations) == {("SO-9", 1): D(1)}


def test_other_skus_and_the_stock_mapping_are_left_alone():
    stock = {("DAL", "WID"): 3, ("DAL", "NUT"): 7}
    demand = [Demand("SO-1", 1, "WID", D(2), datetime(2026, 1, 1)),
              Demand("SO-1", 2, "GEAR", D(1), datetime(2026, 1, 1))]
    allocations = allocate_stock(demand, stock)
    assert allocations == [Allocation("SO-1", 1, "WID", "DAL", D(2))]
    assert stock == {("DAL", "WID"): 3, ("DAL", "NUT"): 7}
    assert backorders(demand, allocations) == {("SO-1", 2): D(1)}


def test_missing_requested_date_goes_last_under_requested_date_rule():
    demands = [Demand("A", 1, "X", D(1), datetime(2026, 1, 1)),
               Demand("B", 1, "X", D(1), datetime(2026, 1, 2), date(2026, 6, 1))]
    assert [a.order_id for a in allocate_stock(demands, {("W", "X"): 1}, "requested_date")] == ["B"]


def test_unknown_rule_is_refused():
    with pytest.raises(LifecycleError) as info:
        allocate_stock([], {}, "random")
    assert info.value.code == E.UNKNOWN_RULE
