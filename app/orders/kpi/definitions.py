"""Order KPIs as pure functions over plain records; each docstring is the definition the dashboard shows.

Rates are floats in 0..1, times are mean days (float), money is Decimal. A KPI
with nothing to measure returns None (the dashboard shows "n/a"), never 0.
The database side builds the records from orders, lines, invoices and events;
grouping per period, customer, product line and channel is in `groups.py`.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LineRecord:
    """One order line as the KPIs see it (units and net money)."""

    sku: str
    product_line: str
    ordered: Decimal
    filled_first_time: Decimal  # units allocated at the first allocation run, before any backorder
    shipped: Decimal = ZERO
    backordered: Decimal = ZERO  # units ever backordered
    returned: Decimal = ZERO
    amount: Decimal = ZERO  # net value of the ordered (not cancelled) units
    refunded: Decimal = ZERO  # money refunded or credited for this line


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    """One invoice (a credit sale on account)."""

    invoice_id: Hashable
    issued_on: date
    amount: Decimal
    paid_on: date | None = None  # fully paid on
    corrected: bool = False  # needed a credit note or re-issue to fix a mistake


@dataclass(frozen=True, slots=True)
class OrderRecord:
    """One order's milestones, lines and invoices."""

    order_id: Hashable
    customer_id: Hashable
    channel: str  # email, upload, api, edi, portal, ...
    entered_at: datetime
    lines: tuple[LineRecord, ...]
    promised_date: date | None = None  # ship date promised to the customer
    shipped_at: datetime | None = None  # the last open unit shipped
    delivered_at: datetime | None = None  # delivery confirmed, when the carrier tells us
    paid_at: datetime | None = None  # the last invoice fully paid
    invoices: tuple[InvoiceRecord, ...] = ()
    touchless: bool = False  # created from the document with no human touch
    damage_return: bool = False  # some goods came back damaged
    cancelled: bool = False  # cancelled in full

    @property
    def value(self) -> Decimal:
        return sum((x.amount for x in self.lines), ZERO)


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _live(orders: Sequence[OrderRecord]) -> list[OrderRecord]:
    return [o for o in orders if not o.cancelled]


def _shipped(orders: Sequence[OrderRecord]) -> list[OrderRecord]:
    return [o for o in orders if not o.cancelled and o.shipped_at is not None]


def _in_full(o: OrderRecord) -> bool:
    return all(x.shipped >= x.ordered for x in o.lines)


def _on_time(o: OrderRecord) -> bool:
    return o.shipped_at is not None and o.promised_date is not None and o.shipped_at.date() <= o.promised_date


def order_cycle_time(orders: Sequence[OrderRecord]) -> float | None:
    """Order cycle time: mean days from order entry to the last unit shipped, over shipped orders."""
    return _mean([_days(o.entered_at, o.shipped_at) for o in _shipped(orders)])


def delivery_cycle_time(orders: Sequence[OrderRecord]) -> float | None:
    """Delivery cycle time: mean days from order entry to confirmed delivery, where delivery is known."""
    return _mean([_days(o.entered_at, o.delivered_at) for o in _live(orders) if o.delivered_at])


def order_to_cash_time(orders: Sequence[OrderRecord]) -> float | None:
    """Order-to-cash: mean days from order entry to the order being fully paid, over paid orders."""
    return _mean([_days(o.entered_at, o.paid_at) for o in _live(orders) if o.paid_at])


def perfect_order_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Perfect order rate: share of shipped orders with a promised date that were in full, on time
    (last unit shipped on or before the promised date), with no invoice correction and no damage return."""
    measured = [o for o in _shipped(orders) if o.promised_date is not None]
    return _share([_in_full(o) and _on_time(o) and not any(i.corrected for i in o.invoices)
                   and not o.damage_return for o in measured])


def order_fill_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Order fill rate: share of orders whose every line was filled in full at the first allocation,
    before any backorder (cancelled orders excluded)."""
    return _share([all(x.filled_first_time >= x.ordered for x in o.lines) for o in _live(orders)])


def line_fill_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Line fill rate: share of order lines filled in full at the first allocation, before any backorder."""
    return _share([x.filled_first_time >= x.ordered for o in _live(orders) for x in o.lines])


def backorder_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Backorder rate: share of orders with at least one unit backordered (cancelled orders excluded)."""
    return _share([any(x.backordered > 0 for x in o.lines) for o in _live(orders)])


def on_time_shipment_rate(orders: Sequence[OrderRecord]) -> float | None:
    """On-time shipment rate: share of shipped orders with a promised date whose last unit shipped
    on or before that date."""
    return _share([_on_time(o) for o in _shipped(orders) if o.promised_date is not None])


def invoice_accuracy(orders: Sequence[OrderRecord]) -> float | None:
    """Invoice accuracy: share of invoices that never needed a correction (credit note or re-issue)."""
    return _share([not i.corrected for o in orders for i in o.invoices])


def dso(orders: Sequence[OrderRecord], start: date, end: date) -> float | None:
    """DSO (days sales outstanding): receivables open at the end of the period divided by credit
    sales invoiced in the period, times the days in the period (start and end included)."""
    invoices = [i for o in orders for i in o.invoices]
    sales = sum((i.amount for i in invoices if start <= i.issued_on <= end), ZERO)
    if sales <= 0:
        return None
    open_at_end = sum((i.amount for i in invoices
                       if i.issued_on <= end and (i.paid_on is None or i.paid_on > end)), ZERO)
    return float(open_at_end / sales) * ((end - start).days + 1)


def return_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Return rate: units returned as a share of units shipped."""
    shipped = sum((x.shipped for o in orders for x in o.lines), ZERO)
    returned = sum((x.returned for o in orders for x in o.lines), ZERO)
    return float(returned / shipped) if shipped > 0 else None


def refund_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Refund rate: money refunded or credited as a share of order value (cancelled orders excluded)."""
    live = _live(orders)
    value = sum((o.value for o in live), ZERO)
    refunded = sum((x.refunded for o in live for x in o.lines), ZERO)
    return float(refunded / value) if value > 0 else None


def average_order_value(orders: Sequence[OrderRecord]) -> Decimal | None:
    """Average order value: net order value divided by the number of orders (cancelled orders excluded)."""
    live = _live(orders)
    return (sum((o.value for o in live), ZERO) / len(live)).quantize(Decimal("0.01")) if live else None


def touchless_rate(orders: Sequence[OrderRecord]) -> float | None:
    """Touchless rate: share of orders created straight from the customer's document with no clerk
    touching it (all orders, cancelled included: intake quality does not depend on what came later)."""
    return _share([o.touchless for o in orders])


# The dashboard's KPIs in display order; each takes a list of orders.
KPIS: dict[str, Callable[[Sequence[OrderRecord]], float | Decimal | None]] = {
    "order_cycle_time": order_cycle_time,
    "delivery_cycle_time": delivery_cycle_time,
    "order_to_cash_time": order_to_cash_time,
    "perfect_order_rate": perfect_order_rate,
    "order_fill_rate": order_fill_rate,
    "line_fill_rate": line_fill_rate,
    "backorder_rate": backorder_rate,
    "on_time_shipment_rate": on_time_shipment_rate,
    "invoice_accuracy": invoice_accuracy,
    "return_rate": return_rate,
    "refund_rate": refund_rate,
    "average_order_value": average_order_value,
    "touchless_rate": touchless_rate,
}


def definitions() -> dict[str, str]:
    """KPI name -> its definition (the docstring, on one line), for the dashboard; DSO included."""
    funcs = {**KPIS, "dso": dso}
    return {name: " ".join((f.__doc__ or "").split()) for name, f in funcs.items()}
