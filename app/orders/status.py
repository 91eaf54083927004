"""Order statuses, one comment each. Values are the strings stored in the database.

The headline `OrderState` is what a list of orders shows; the five detailed
statuses say where fulfilment, billing, payment, returns and holds stand. All of
them are derived from quantities and amounts (see `pure_statuses.derive_statuses`),
never set by hand, except the facts an action records (validated, credit
approved, closed, holds).
"""
from __future__ import annotations

from enum import Enum


class OrderState(str, Enum):
    """The headline state, furthest stage the order as a whole has reached."""

    ENTERED = "entered"  # captured (from a PO or the API), not yet checked
    VALIDATED = "validated"  # customer, lines and prices checked; waits for credit
    CREDIT_HOLD = "credit_hold"  # over the credit limit; finance must release it
    CREDIT_APPROVED = "credit_approved"  # credit ok; waits for stock allocation
    ALLOCATED = "allocated"  # every open unit reserved in a warehouse
    PARTIALLY_ALLOCATED = "partially_allocated"  # some units reserved, the rest open or backordered
    PICKING = "picking"  # warehouse picking/packing under way
    PACKED = "packed"  # every open unit packed, waits for the carrier
    PARTIALLY_SHIPPED = "partially_shipped"  # some units left the warehouse
    SHIPPED = "shipped"  # every open unit shipped, not invoiced yet
    INVOICED = "invoiced"  # shipped and invoiced (fully or partly), nothing paid
    PARTIALLY_PAID = "partially_paid"  # shipped, some money received
    PAID = "paid"  # shipped, fully invoiced and paid
    CLOSED = "closed"  # paid and closed; only returns and credits remain possible
    CANCELLED = "cancelled"  # every unit cancelled before shipment
    ON_HOLD = "on_hold"  # stopped by a clerk or for price approval

    def __str__(self) -> str:
        return self.value


class FulfilmentStatus(str, Enum):
    """Where the goods are, from the line quantities."""

    UNFULFILLED = "unfulfilled"  # nothing allocated yet
    PARTIALLY_ALLOCATED = "partially_allocated"  # some units allocated, none backordered
    ALLOCATED = "allocated"  # every open unit allocated
    BACKORDERED = "backordered"  # some open units wait for stock
    PICKING = "picking"  # some units picked, not every open unit packed
    PACKED = "packed"  # every open unit packed, none shipped
    PARTIALLY_SHIPPED = "partially_shipped"  # some, not all, open units shipped
    SHIPPED = "shipped"  # every open unit shipped
    CANCELLED = "cancelled"  # every ordered unit cancelled

    def __str__(self) -> str:
        return self.value


class BillingStatus(str, Enum):
    """How much of the order has been invoiced."""

    NOT_INVOICED = "not_invoiced"  # no unit invoiced
    PARTIALLY_INVOICED = "partially_invoiced"  # some open units invoiced
    INVOICED = "invoiced"  # every open unit invoiced
    CREDITED = "credited"  # credit notes cover everything invoiced

    def __str__(self) -> str:
        return self.value


class PaymentStatus(str, Enum):
    """Money received against the amount due (invoiced minus credited)."""

    UNPAID = "unpaid"  # nothing received
    PARTIALLY_PAID = "partially_paid"  # something received, less than due, not overdue
    PAID = "paid"  # received exactly what is due
    OVERPAID = "overpaid"  # received more than is due; a refund or credit is owed
    OVERDUE = "overdue"  # past the due date with money still due

    def __str__(self) -> str:
        return self.value


class ReturnStatus(str, Enum):
    """Goods coming back (RMA)."""

    NONE = "none"  # no return asked for
    REQUESTED = "requested"  # customer asked, not approved yet
    APPROVED = "approved"  # return authorised, nothing received yet
    PARTIALLY_RECEIVED = "partially_received"  # some authorised units received
    RECEIVED = "received"  # every authorised unit received
    CREDITED = "credited"  # received and credited to the customer

    def __str__(self) -> str:
        return self.value


class HoldStatus(str, Enum):
    """Why the order is stopped; NONE when it may move."""

    NONE = "none"  # free to move
    CREDIT_HOLD = "credit_hold"  # credit limit exceeded; finance releases
    MANUAL_HOLD = "manual_hold"  # a clerk stopped it (customer call, dispute, ...)
    PRICE_APPROVAL = "price_approval"  # a price differs from the price list; sales approves

    def __str__(self) -> str:
        return self.value


# The hold shown when several apply: the one that takes most to clear comes first.
HOLD_PRECEDENCE = (HoldStatus.CREDIT_HOLD, HoldStatus.PRICE_APPROVAL, HoldStatus.MANUAL_HOLD)

# States from which nothing but returns and credits may happen.
TERMINAL_STATES = frozenset({OrderState.CLOSED, OrderState.CANCELLED})
