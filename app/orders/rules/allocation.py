"""Stock allocation across orders by a named rule; what is not allocated is backordered.

Run it when orders are credit-approved and again whenever stock arrives, with
the backordered quantities as the open demand: backorders are then filled in the
same rule order, so the first customer waiting is the first served.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from app.orders import errors as E
from app.orders.errors import LifecycleError

Rule = Literal["fifo", "priority", "requested_date"]
RULES: tuple[Rule, ...] = ("fifo", "priority", "requested_date")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Demand:
    """Open units of one order line waiting for stock."""

    order_id: Hashable
    line_id: Hashable
    sku: str
    open_qty: Decimal
    entered_at: datetime
    requested_date: date | None = None
    customer_priority: int = 100  # lower is served first (1 = key account)


@dataclass(frozen=True, slots=True)
class Allocation:
    """Units of one line reserved in one warehouse."""

    order_id: Hashable
    line_id: Hashable
    sku: str
    warehouse: str
    qty: Decimal


def rule_key(rule: Rule):
    """Sort key for demands under `rule`; ties always fall back to entry time, then ids."""
    if rule == "fifo":
        return lambda d: (d.entered_at, d.order_id, d.line_id)
    if rule == "priority":
        return lambda d: (d.customer_priority, d.entered_at, d.order_id, d.line_id)
    if rule == "requested_date":
        return lambda d: (d.requested_date is None, d.requested_date or date.max, d.entered_at, d.order_id,
                          d.line_id)
    raise LifecycleError(E.UNKNOWN_RULE, f"Unknown allocation rule {rule!r}; use one of {', '.join(RULES)}")


def _sources(need: Decimal, on_hand: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    """Fewest shipments: one warehouse that covers the need (most stock, then name), else split by stock."""
    ranked = sorted(((w, q) for w, q in on_hand.items() if q > 0), key=lambda wq: (-wq[1], wq[0]))
    if ranked and ranked[0][1] >= need:
        return [(ranked[0][0], need)]
    taken, out = ZERO, []
    for warehouse, qty in ranked:
        take = min(qty, need - taken)
        if take <= 0:
            break
        out.append((warehouse, take))
        taken += take
    return out


def allocate_stock(demands: Iterable[Demand], stock: Mapping[tuple[str, str], Decimal | int],
                   rule: Rule = "fifo") -> list[Allocation]:
    """Reserve stock {(warehouse, sku): qty} for demands in `rule` order; inputs are not changed.

    A demand that cannot be covered in full gets what is left (partial allocation);
    its remainder is a backorder (see `backorders`).
    """
    key = rule_key(rule)
    by_sku: dict[str, dict[str, Decimal]] = {}
    for (warehouse, sku), qty in stock.items():
        by_sku.setdefault(sku, {})[warehouse] = Decimal(qty)
    allocations: list[Allocation] = []
    for d in sorted(demands, key=key):
        on_hand = by_sku.get(d.sku, {})
        need = Decimal(d.open_qty)
        if need <= 0:
            continue
        for warehouse, qty in _sources(need, on_hand):
            on_hand[warehouse] -= qty
            allocations.append(Allocation(d.order_id, d.line_id, d.sku, warehouse, qty))
    return allocations


def backorders(demands: Sequence[Demand], allocations: Iterable[Allocation]) -> dict[tuple, Decimal]:
    """Units left unallocated per (order_id, line_id); lines fully covered are left out."""
    got: dict[tuple, Decimal] = {}
    for a in allocations:
        got[(a.order_id, a.line_id)] = got.get((a.order_id, a.line_id), ZERO) + a.qty
    left = {(d.order_id, d.line_id): Decimal(d.open_qty) - got.get((d.order_id, d.line_id), ZERO) for d in demands}
    return {k: v for k, v in left.items() if v > 0}
