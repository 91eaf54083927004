"""Per-order KPI facts: what one order adds to each KPI sum, as a pure function of its `OrderRecord`.

The dashboard's sums are SUM(column) over these rows (`sql.py`), so an order's row must hold
exactly its term of every definition in `definitions.py`. Money and quantities are scaled integers
(exact on SQLite and PostgreSQL alike); day counts are floats.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from app.orders.kpi.definitions import OrderRecord, _days, _in_full, _on_time

MONEY_SCALE = 10 ** 8  # line amounts are quantity (4 places) x price (4 places)
QTY_SCALE = 10 ** 4
AR_SCALE = 10 ** 4  # invoice totals (4 places)
NO_LINE = "(none)"

# name -> kind of sum: "n" a count, "q" an exact quantity, "m" exact money, "f" a float (days)
SUMS = {
    "orders": "n", "touchless": "n", "inv": "n", "inv_ok": "n", "shipped_units": "q", "returned_units": "q",
    "live": "n", "value": "m", "refunded": "m", "backordered": "n", "filled_orders": "n", "lines": "n",
    "filled_lines": "n", "cycle_n": "n", "cycle_days": "f", "delivery_n": "n", "delivery_days": "f",
    "promised_n": "n", "on_time": "n", "perfect": "n", "o2c_n": "n", "o2c_days": "f",
}
SCALES = {"q": QTY_SCALE, "m": MONEY_SCALE}


def scaled(value: Decimal, scale: int) -> int:
    """An exact Decimal as an integer count of 1/scale (raises if it has more places than that)."""
    out = value * scale
    if out != out.to_integral_value():
        raise ValueError(f"{value} has more than {len(str(scale)) - 1} decimal places")
    return int(out)


def unscaled(value: object, kind: str) -> Decimal | int | float:
    """A summed column back as the value `service.values` divides."""
    if kind == "n":
        return int(value or 0)
    if kind == "f":
        return float(value or 0)
    return Decimal(int(value or 0)) / SCALES[kind]


def sums(o: OrderRecord) -> dict[str, int | float]:
    """One order's term of every KPI sum, each the per-order part of its definition in `definitions.py`."""
    live = not o.cancelled
    shipped = live and o.shipped_at is not None
    promised = shipped and o.promised_date is not None
    on_time = promised and _on_time(o)
    corrected = any(i.corrected for i in o.invoices)
    return {
        "orders": 1,
        "touchless": int(o.touchless),
        "inv": len(o.invoices),
        "inv_ok": sum(not i.corrected for i in o.invoices),
        "shipped_units": scaled(sum((x.shipped for x in o.lines), Decimal(0)), QTY_SCALE),
        "returned_units": scaled(sum((x.returned for x in o.lines), Decimal(0)), QTY_SCALE),
        "live": int(live),
        "value": scaled(o.value, MONEY_SCALE) if live else 0,
        "refunded": scaled(sum((x.refunded for x in o.lines), Decimal(0)), MONEY_SCALE) if live else 0,
        "backordered": int(live and any(x.backordered > 0 for x in o.lines)),
        "filled_orders": int(live and all(x.filled_first_time >= x.ordered for x in o.lines)),
        "lines": len(o.lines) if live else 0,
        "filled_lines": sum(x.filled_first_time >= x.ordered for x in o.lines) if live else 0,
        "cycle_n": int(shipped),
        "cycle_days": _days(o.entered_at, o.shipped_at) if shipped else 0.0,
        "delivery_n": int(live and o.delivered_at is not None),
        "delivery_days": _days(o.entered_at, o.delivered_at) if live and o.delivered_at else 0.0,
        "promised_n": int(promised),
        "on_time": int(on_time),
        "perfect": int(on_time and _in_full(o) and not corrected and not o.damage_return),
        "o2c_n": int(live and o.paid_at is not None),
        "o2c_days": _days(o.entered_at, o.paid_at) if live and o.paid_at else 0.0,
    }


@dataclass(frozen=True)
class OrderFact:
    """The order's row: group keys and its sums, plus one row of sums per product line it has."""

    order_id: int
    customer_id: int
    channel: str
    entered_at: datetime
    entered_on: date
    sums: dict[str, int | float]
    slices: dict[str, dict[str, int | float]]  # product line -> sums of the order cut to that line


def order_fact(o: OrderRecord) -> OrderFact:
    """The fact rows of one order. A slice keeps the order-level facts and only its own lines,
    as `groups.group_orders` splits an order per product line."""
    slices = {pl: sums(replace(o, lines=tuple(x for x in o.lines if x.product_line == pl)))
              for pl in sorted({x.product_line for x in o.lines})}
    return OrderFact(int(o.order_id), int(o.customer_id), o.channel, o.entered_at, o.entered_at.date(),
                     sums(o), slices)


@dataclass(frozen=True)
class InvoiceFact:
    """An invoice as DSO counts it: open on the days [issued_on, paid_on) (paid_on None: still open)."""

    invoice_id: int
    order_id: int
    customer_id: int
    issued_on: date
    paid_on: date | None
    amount: int  # total, scaled by AR_SCALE


def invoice_fact(invoice_id: int, order_id: int, customer_id: int, kind: str, status: str, issued_at: datetime,
                 total: Decimal, last_payment_at: datetime | None) -> InvoiceFact | None:
    """Invoices of kind "invoice" that are not void count for DSO. A paid invoice closes on its last
    payment day (with no payment, settled by credit notes, on the day it was issued); never before it
    was issued, which changes nothing in `definitions.dso` (open at b needs issued <= b < paid)."""
    if kind != "invoice" or status == "void":
        return None
    issued = issued_at.date()
    paid = None
    if status == "paid":
        paid = max(last_payment_at.date(), issued) if last_payment_at else issued
    return InvoiceFact(invoice_id, order_id, customer_id, issued, paid, scaled(Decimal(total), AR_SCALE))
