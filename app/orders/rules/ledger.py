"""The quantity ledger of one order line and the facts that move it.

Every count is cumulative (units ever allocated, picked, packed, shipped, ...):
shipping 3 units adds 3 to `shipped` and leaves `allocated` alone. Each function
applies one fact and returns a new ledger, or raises `LifecycleError`; none of
them mutates its input or touches a database.

Invariants (`check_invariants`), with `open = ordered - cancelled`:

  I1  every quantity >= 0
  I2  cancelled <= ordered
  I3  shipped <= packed <= picked <= allocated <= open
  I4  backordered <= open - allocated   (backordered: open units waiting for stock,
                                         a subset of the unallocated demand)
  I5  invoiced <= shipped               (invoice only what left the warehouse)
  I6  returned <= shipped               (only shipped units come back)

Cancelling takes the unallocated remainder first (free demand, then backorders)
and only then releases allocation (unpicked first, then picked, then packed), so
it never touches shipped units. Allocating satisfies backorders first.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation

from app.orders import errors as E
from app.orders.errors import LifecycleError

ZERO = Decimal(0)
Qty = Decimal | int | str


@dataclass(frozen=True, slots=True)
class LineLedger:
    """Cumulative unit counts of one order line."""

    ordered: Decimal
    allocated: Decimal = ZERO
    backordered: Decimal = ZERO
    picked: Decimal = ZERO
    packed: Decimal = ZERO
    shipped: Decimal = ZERO
    invoiced: Decimal = ZERO
    returned: Decimal = ZERO
    cancelled: Decimal = ZERO

    @classmethod
    def of(cls, ordered: Qty, **counts: Qty) -> LineLedger:
        """Build a ledger from ints, strings or Decimals (no validation)."""
        return cls(ordered=Decimal(ordered), **{k: Decimal(v) for k, v in counts.items()})

    @classmethod
    def from_attrs(cls, row: object) -> LineLedger:
        """Read the counts from any object with these attribute names (e.g. an OrderLine row); None is 0."""
        return cls(**{f.name: Decimal(getattr(row, f.name) or 0) for f in fields(cls)})

    def counts(self) -> dict[str, Decimal]:
        """The counts by name, to write back onto a row."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def open(self) -> Decimal:
        """Units still wanted: ordered minus cancelled."""
        return self.ordered - self.cancelled

    @property
    def unallocated(self) -> Decimal:
        """Open units not reserved in a warehouse (backordered or not)."""
        return self.open - self.allocated

    @property
    def free_demand(self) -> Decimal:
        """Unallocated units not yet marked backordered."""
        return self.open - self.allocated - self.backordered

    @property
    def unshipped(self) -> Decimal:
        """Open units not shipped: what a cancellation may still take."""
        return self.open - self.shipped

    @property
    def to_invoice(self) -> Decimal:
        """Shipped units not invoiced yet."""
        return self.shipped - self.invoiced


def broken_invariants(ledger: LineLedger) -> list[str]:
    """Names and values of the invariants this ledger breaks (empty when sound)."""
    L = ledger
    broken = [f"I1 {f.name} < 0" for f in fields(L) if getattr(L, f.name) < 0]
    checks = [
        ("I2 cancelled <= ordered", L.cancelled <= L.ordered),
        ("I3 shipped <= packed", L.shipped <= L.packed),
        ("I3 packed <= picked", L.packed <= L.picked),
        ("I3 picked <= allocated", L.picked <= L.allocated),
        ("I3 allocated <= open", L.allocated <= L.open),
        ("I4 backordered <= open - allocated", L.backordered <= L.unallocated),
        ("I5 invoiced <= shipped", L.invoiced <= L.shipped),
        ("I6 returned <= shipped", L.returned <= L.shipped),
    ]
    return broken + [name for name, ok in checks if not ok]


def check_invariants(ledger: LineLedger) -> LineLedger:
    """Return the ledger unchanged, or raise `invariant_broken` naming what broke."""
    broken = broken_invariants(ledger)
    if broken:
        raise LifecycleError(E.INVARIANT_BROKEN, "Line quantities are inconsistent: " + "; ".join(broken),
                             {"broken": broken})
    return ledger


def as_qty(qty: Qty | float) -> Decimal:
    """A positive, finite Decimal, or `invalid_quantity`."""
    try:
        value = Decimal(str(qty)) if isinstance(qty, float) else Decimal(qty)
    except (InvalidOperation, TypeError, ValueError):
        raise LifecycleError(E.INVALID_QUANTITY, f"Quantity {qty!r} is not a number") from None
    if not value.is_finite() or value <= 0:
        raise LifecycleError(E.INVALID_QUANTITY, f"Quantity must be positive, got {qty}")
    return value


def _limit(qty: Decimal, available: Decimal, code: str, nothing_code: str, what: str) -> None:
    if available <= 0:
        raise LifecycleError(nothing_code, f"Nothing to {what}", {"available": str(available)})
    if qty > available:
        raise LifecycleError(code, f"Cannot {what} {qty}: only {available} available",
                             {"requested": str(qty), "available": str(available)})


def allocate(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Reserve stock for open units; backordered units are satisfied first."""
    q = as_qty(qty)
    _limit(q, ledger.unallocated, E.QUANTITY_EXCEEDS_OPEN, E.NOTHING_TO_ALLOCATE, "allocate")
    return replace(ledger, allocated=ledger.allocated + q, backordered=max(ZERO, ledger.backordered - q))


def deallocate(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Give reserved, unpicked stock back (e.g. to move it to another order)."""
    q = as_qty(qty)
    _limit(q, ledger.allocated - ledger.picked, E.QUANTITY_EXCEEDS_ALLOCATED, E.NOTHING_TO_DEALLOCATE,
           "deallocate")
    return replace(ledger, allocated=ledger.allocated - q)


def backorder(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Mark unallocated units as waiting for stock."""
    q = as_qty(qty)
    _limit(q, ledger.free_demand, E.QUANTITY_EXCEEDS_OPEN, E.QUANTITY_EXCEEDS_OPEN, "backorder")
    return replace(ledger, backordered=ledger.backordered + q)


def pick(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Take allocated units off the shelf."""
    q = as_qty(qty)
    _limit(q, ledger.allocated - ledger.picked, E.QUANTITY_EXCEEDS_ALLOCATED, E.NOTHING_TO_PICK, "pick")
    return replace(ledger, picked=ledger.picked + q)


def pack(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Pack picked units."""
    q = as_qty(qty)
    _limit(q, ledger.picked - ledger.packed, E.QUANTITY_EXCEEDS_PICKED, E.NOTHING_TO_PACK, "pack")
    return replace(ledger, packed=ledger.packed + q)


def ship(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Hand packed units to the carrier."""
    q = as_qty(qty)
    if ledger.open > 0 and ledger.shipped >= ledger.open:
        raise LifecycleError(E.ALREADY_SHIPPED, "Every open unit of this line has already shipped")
    _limit(q, ledger.packed - ledger.shipped, E.QUANTITY_EXCEEDS_PACKED, E.NOTHING_TO_SHIP, "ship")
    return replace(ledger, shipped=ledger.shipped + q)


def invoice(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Bill shipped units."""
    q = as_qty(qty)
    _limit(q, ledger.to_invoice, E.OVER_INVOICE, E.NOTHING_TO_INVOICE, "invoice")
    return replace(ledger, invoiced=ledger.invoiced + q)


def return_received(ledger: LineLedger, qty: Qty) -> LineLedger:
    """Receive returned units back into the warehouse."""
    q = as_qty(qty)
    _limit(q, ledger.shipped - ledger.returned, E.OVER_RETURN, E.OVER_RETURN, "return")
    return replace(ledger, returned=ledger.returned + q)


def cancel(ledger: LineLedger, qty: Qty | None = None) -> LineLedger:
    """Cancel `qty` unshipped units (all of them when None), releasing allocation as needed."""
    q = ledger.unshipped if qty is None else as_qty(qty)
    _limit(q, ledger.unshipped, E.OVER_CANCEL, E.NOTHING_TO_CANCEL, "cancel")
    return _clamp(replace(ledger, cancelled=ledger.cancelled + q))


def cancel_remaining(lines: Sequence[LineLedger]) -> list[LineLedger]:
    """Cancel the unshipped part of every line (the order-level cancel); fully shipped lines stay as they are."""
    if not any(x.unshipped > 0 for x in lines):
        raise LifecycleError(E.NOTHING_TO_CANCEL, "Nothing left to cancel on this order")
    return [cancel(x) if x.unshipped > 0 else x for x in lines]


def change_quantity(ledger: LineLedger, new_ordered: Qty) -> LineLedger:
    """Set the ordered quantity; never below what is cancelled plus allocated (shipped included)."""
    new = as_qty(new_ordered)
    floor = ledger.cancelled + ledger.allocated
    if new < floor:
        raise LifecycleError(E.QUANTITY_BELOW_COMMITTED,
                             f"Cannot order {new}: {ledger.allocated} allocated and {ledger.cancelled} cancelled",
                             {"requested": str(new), "minimum": str(floor)})
    return _clamp(replace(ledger, ordered=new))


def _clamp(ledger: LineLedger) -> LineLedger:
    """After the open demand shrank: release allocation, then backorders, beyond it."""
    allocated = min(ledger.allocated, ledger.open)
    picked = min(ledger.picked, allocated)
    packed = min(ledger.packed, picked)
    backordered = min(ledger.backordered, ledger.open - allocated)
    return replace(ledger, allocated=allocated, picked=picked, packed=packed, backordered=backordered)


# One business fact per name, for callers that dispatch on an action string.
OPERATIONS: dict[str, Callable[[LineLedger, Qty], LineLedger]] = {
    "allocate": allocate,
    "deallocate": deallocate,
    "backorder": backorder,
    "pick": pick,
    "pack": pack,
    "ship": ship,
    "invoice": invoice,
    "return_received": return_received,
    "cancel": cancel,
    "change_quantity": change_quantity,
}
