"""Each KPI on four hand-computed orders, and grouped per period, customer, product line and channel.

  SO-1 ACME email  Mon 2 Mar: 10 fasteners + 5 tools, all from stock, shipped day 2 (promised 5 Mar),
       delivered day 4, invoice 150 paid 22 Mar (day 20), touchless: the perfect order.
  SO-2 ACME api    Tue 3 Mar: 10 fasteners, 6 from stock and 4 backordered, shipped 9 Mar (promised 6 Mar,
       6 days), invoice 200 corrected and unpaid, 2 units back damaged, 40 refunded.
  SO-3 BOLT email  Tue 10 Mar: 4 tools allocated, not shipped, no promise, touchless.
  SO-4 BOLT email  Wed 11 Mar: 1 tool, cancelled.
"""
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from app.orders.kpi.definitions import (
    KPIS,
    InvoiceRecord,
    LineRecord,
    OrderRecord,
    average_order_value,
    backorder_rate,
    definitions,
    delivery_cycle_time,
    dso,
    invoice_accuracy,
    line_fill_rate,
    on_time_shipment_rate,
    order_cycle_time,
    order_fill_rate,
    order_to_cash_time,
    perfect_order_rate,
    refund_rate,
    return_rate,
    touchless_rate,
)
from app.orders.kpi.groups import dashboard, dso_per_period, group_orders, kpi_by, period_bounds, period_key


@pytest.fixture
def four_orders():
    so1 = OrderRecord(
        "SO-1", "ACME", "email", datetime(2026, 3, 2, 9),
        (LineRecord("A", "fasteners", D(10), D(10), shipped=D(10), amount=D(100)),
         LineRecord("B", "tools", D(5), D(5), shipped=D(5), amount=D(50))),
        promised_date=date(2026, 3, 5), shipped_at=datetime(2026, 3, 4, 9), delivered_at=datetime(2026, 3, 6, 9),
        paid_at=datetime(2026, 3, 22, 9), invoices=(InvoiceRecord("I-1", date(2026, 3, 4), D(150), date(2026, 3, 22)),),
        touchless=True)
    so2 = OrderRecord(
        "SO-2", "ACME", "api", datetime(2026, 3, 3, 9),
        (LineRecord("A", "fasteners", D(10), D(6), shipped=D(10), backordered=D(4), returned=D(2), amount=D(200),
                    refunded=D(40)),),
        promised_date=date(2026, 3, 6), shipped_at=datetime(2026, 3, 9, 9),
        invoices=(InvoiceRecord("I-2", date(2026, 3, 9), D(200), corrected=True),), damage_return=True)
    so3 = OrderRecord("SO-3", "BOLT", "email", datetime(2026, 3, 10, 12),
                      (LineRecord("C", "tools", D(4), D(4), amount=D(80)),), touchless=True)
    so4 = OrderRecord("SO-4", "BOLT", "email", datetime(2026, 3, 11, 8),
                      (LineRecord("D", "tools", D(1), D(0), amount=D(10)),), cancelled=True)
    return [so1, so2, so3, so4]


@pytest.mark.parametrize("kpi, expected", [
    pytest.param(order_cycle_time, 4.0, id="cycle-time-mean-of-2-and-6-days"),
    pytest.param(delivery_cycle_time, 4.0, id="delivery-only-where-known"),
    pytest.param(order_to_cash_time, 20.0, id="order-to-cash-paid-orders-only"),
    pytest.param(perfect_order_rate, 0.5, id="perfect-so1-not-so2"),
    pytest.param(order_fill_rate, 2 / 3, id="order-fill-so2-backordered"),
    pytest.param(line_fill_rate, 3 / 4, id="line-fill"),
    pytest.param(backorder_rate, 1 / 3, id="backorder-rate"),
    pytest.param(on_time_shipment_rate, 0.5, id="on-time-shipment"),
    pytest.param(invoice_accuracy, 0.5, id="one-corrected-invoice"),
    pytest.param(return_rate, 2 / 25, id="returned-units-of-shipped"),
    pytest.param(refund_rate, 40 / 430, id="refund-of-order-value"),
    pytest.param(touchless_rate, 0.5, id="touchless-of-all-orders"),
])
def test_kpi_on_four_orders(four_orders, kpi, expected):
    assert kpi(four_orders) == pytest.approx(expected)


def test_average_order_value_excludes_cancelled(four_orders):
    assert average_order_value(four_orders) == D("143.33")


def test_dso_for_march_and_for_each_week(four_orders):
    # March: 350 invoiced, 200 (SO-2) still open on 31 Mar -> 200/350 x 31 days
    assert dso(four_orders, date(2026, 3, 1), date(2026, 3, 31)) == pytest.approx(200 / 350 * 31)
    assert dso_per_period(four_orders, "week") == pytest.approx({"2026-W10": 7.0, "2026-W11": 350 / 200 * 7})
    assert dso(four_orders, date(2026, 4, 1), date(2026, 4, 30)) is None  # no sales, no DSO


def test_empty_input_gives_none_not_zero():
    assert all(fn([]) is None for fn in KPIS.values())


def test_perfect_order_needs_every_criterion(four_orders):
    so1 = four_orders[0]
    corrected = replace(so1, invoices=(replace(so1.invoices[0], corrected=True),))
    short = replace(so1, lines=(replace(so1.lines[0], shipped=D(9)), so1.lines[1]))
    damaged = replace(so1, damage_return=True)
    for flawed in (corrected, short, damaged):
        assert perfect_order_rate([flawed]) == 0.0
    assert perfect_order_rate([so1]) == 1.0


def test_grouped_per_customer_and_channel(four_orders):
    assert kpi_by(four_orders, "order_cycle_time", "customer") == {"ACME": 4.0, "BOLT": None}
    assert kpi_by(four_orders, touchless_rate, "channel") == pytest.approx({"api": 0.0, "email": 2 / 3})


def test_grouped_per_period(four_orders):
    assert list(group_orders(four_orders, "day")) == ["2026-03-02", "2026-03-03", "2026-03-10", "2026-03-11"]
    weeks = group_orders(four_orders, "week")
    assert {k: [o.order_id for o in v] for k, v in weeks.items()} == {"2026-W10": ["SO-1", "SO-2"],
                                                                    "2026-W11": ["SO-3", "SO-4"]}
    assert list(group_orders(four_orders, "month")) == ["2026-03"]


def test_grouped_per_product_line_splits_orders(four_orders):
    assert kpi_by(four_orders, "line_fill_rate", "product_line") == {"fasteners": 0.5, "tools": 1.0}
    assert kpi_by(four_orders, "average_order_value", "product_line") == {"fasteners": D("150.00"),
                                                                          "tools": D("65.00")}


def test_dashboard_has_every_kpi_per_group(four_orders):
    board = dashboard(four_orders, "month")
    assert set(board["2026-03"]) == set(KPIS)
    assert board["2026-03"]["perfect_order_rate"] == 0.5


def test_every_kpi_has_a_definition():
    defs = definitions()
    assert set(defs) == set(KPIS) | {"dso"}
    assert all(len(text) > 30 for text in defs.values())


@pytest.mark.parametrize("day, period, key, bounds", [
    pytest.param(date(2026, 2, 14), "month", "2026-02", (date(2026, 2, 1), date(2026, 2, 28)), id="february"),
    pytest.param(date(2027, 1, 1), "week", "2026-W53", (date(2026, 12, 28), date(2027, 1, 3)), id="iso-week-53"),
    pytest.param(date(2026, 3, 5), "day", "2026-03-05", (date(2026, 3, 5), date(2026, 3, 5)), id="day"),
])
def test_period_keys_and_bounds(day, period, key, bounds):
    assert period_key(day, period) == key
    assert period_bounds(day, period) == bounds
