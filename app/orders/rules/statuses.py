"""Order statuses: what each one means (one comment each; the values are the strings stored in
the database) and how they are derived, as a pure function of line quantities, amounts and
recorded facts.

The headline `OrderState` is what a list of orders shows; the five detailed statuses say where
fulfilment, billing, payment, returns and holds stand. Like saleor's `determine_order_status`,
`derive_statuses` is recomputed under a row lock after every action and stored on the order;
nobody sets a status by hand, except through the facts an action records (validated, credit
approved, closed, holds).
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.orders.rules.ledger import ZERO, LineLedger


class OrderState(StrEnum):
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


class FulfilmentStatus(StrEnum):
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


class BillingStatus(StrEnum):
    """How much of the order has been invoiced."""

    NOT_INVOICED = "not_invoiced"  # no unit invoiced
    PARTIALLY_INVOICED = "partially_invoiced"  # some open units invoiced
    INVOICED = "invoiced"  # every open unit invoiced
    CREDITED = "credited"  # credit notes cover everything invoiced


class PaymentStatus(StrEnum):
    """Money received against the amount due (invoiced minus credited)."""

    UNPAID = "unpaid"  # nothing received
    PARTIALLY_PAID = "partially_paid"  # something received, less than due, not overdue
    PAID = "paid"  # received exactly what is due
    OVERPAID = "overpaid"  # received more than is due; a refund or credit is owed
    OVERDUE = "overdue"  # past the due date with money still due


class ReturnStatus(StrEnum):
    """Goods coming back (RMA)."""

    NONE = "none"  # no return asked for
    REQUESTED = "requested"  # customer asked, not approved yet
    APPROVED = "approved"  # return authorised, nothing received yet
    PARTIALLY_RECEIVED = "partially_received"  # some authorised units received
    RECEIVED = "received"  # every authorised unit received
    CREDITED = "credited"  # received and credited to the customer


class HoldStatus(StrEnum):
    """Why the order is stopped; NONE when it may move."""

    NONE = "none"  # free to move
    CREDIT_HOLD = "credit_hold"  # credit limit exceeded; finance releases
    MANUAL_HOLD = "manual_hold"  # a clerk stopped it (customer call, dispute, ...)
    PRICE_APPROVAL = "price_approval"  # a price differs from the price list; sales approves


# The hold shown when several apply: the one that takes most to clear comes first.
HOLD_PRECEDENCE = (HoldStatus.CREDIT_HOLD, HoldStatus.PRICE_APPROVAL, HoldStatus.MANUAL_HOLD)

# States from which nothing but returns and credits may happen.
TERMINAL_STATES = frozenset({OrderState.CLOSED, OrderState.CANCELLED})


F, B, P, R = FulfilmentStatus, BillingStatus, PaymentStatus, ReturnStatus


@dataclass(frozen=True, slots=True)
class ReturnFacts:
    """Return authorisations recorded on the order; units received come from the ledger."""

    requested: Decimal = ZERO  # units the customer asked to return
    approved: Decimal = ZERO  # units authorised (RMA)
    credited: bool = False  # a credit note was issued for the received units


@dataclass(frozen=True, slots=True)
class OrderStatuses:
    """Everything `derive_statuses` says about an order."""

    state: OrderState
    fulfilment: FulfilmentStatus
    billing: BillingStatus
    payment: PaymentStatus
    return_status: ReturnStatus
    hold: HoldStatus
    holds: frozenset[HoldStatus] = frozenset()

    def as_columns(self) -> dict[str, str]:
        """The values for the order row's status columns."""
        return {
            "state": self.state.value,
            "fulfilment_status": self.fulfilment.value,
            "billing_status": self.billing.value,
            "payment_status": self.payment.value,
            "return_status": self.return_status.value,
            "hold_status": self.hold.value,
        }


def fulfilment_status(lines: Sequence[LineLedger]) -> FulfilmentStatus:
    """Where the goods are. Totals suffice: per line every count is <= open (ledger I3)."""
    open_ = sum((x.open for x in lines), ZERO)
    def total(name: str) -> Decimal:
        return sum((getattr(x, name) for x in lines), ZERO)
    if open_ <= 0:  # cancelled in full, or no quantity at all (a line still being fixed)
        return F.CANCELLED if total("cancelled") > 0 else F.UNFULFILLED
    if total("shipped") >= open_:
        return F.SHIPPED
    if total("shipped") > 0:
        return F.PARTIALLY_SHIPPED
    if total("packed") >= open_:
        return F.PACKED
    if total("picked") > 0:
        return F.PICKING
    if total("allocated") >= open_:
        return F.ALLOCATED
    if total("backordered") > 0:
        return F.BACKORDERED
    if total("allocated") > 0:
        return F.PARTIALLY_ALLOCATED
    return F.UNFULFILLED


def billing_status(lines: Sequence[LineLedger], invoices_total: Decimal, credited_total: Decimal) -> BillingStatus:
    """Invoiced units against open units; CREDITED when credit notes cover every invoice."""
    invoiced = sum((x.invoiced for x in lines), ZERO)
    open_ = sum((x.open for x in lines), ZERO)
    if invoices_total > 0 and credited_total >= invoices_total:
        return B.CREDITED
    if invoiced <= 0 and invoices_total <= 0:
        return B.NOT_INVOICED
    if open_ > 0 and invoiced >= open_:
        return B.INVOICED
    return B.PARTIALLY_INVOICED


def payment_status(invoices_total: Decimal, paid_total: Decimal, credited_total: Decimal,
                   overdue: bool) -> PaymentStatus:
    """Money received against the amount due (invoiced minus credited)."""
    due = invoices_total - credited_total
    if paid_total > 0 and paid_total > due:
        return P.OVERPAID
    if due > 0 and paid_total >= due:
        return P.PAID
    if overdue and due > paid_total:
        return P.OVERDUE
    if paid_total > 0:
        return P.PARTIALLY_PAID
    return P.UNPAID


def return_status(lines: Sequence[LineLedger], facts: ReturnFacts) -> ReturnStatus:
    """Units received back (ledger) against units authorised (facts)."""
    received = sum((x.returned for x in lines), ZERO)
    if received > 0 and facts.credited:
        return R.CREDITED
    if received > 0:
        return R.PARTIALLY_RECEIVED if received < facts.approved else R.RECEIVED
    if facts.approved > 0:
        return R.APPROVED
    if facts.requested > 0:
        return R.REQUESTED
    return R.NONE


def hold_status(holds: Collection[HoldStatus | str]) -> tuple[HoldStatus, frozenset[HoldStatus]]:
    """The hold to show (see HOLD_PRECEDENCE) and every active hold."""
    active = frozenset(HoldStatus(h) for h in holds) - {HoldStatus.NONE}
    shown = next((h for h in HOLD_PRECEDENCE if h in active), HoldStatus.NONE)
    return shown, active


_FULFILMENT_HEADLINE = {
    F.PARTIALLY_SHIPPED: OrderState.PARTIALLY_SHIPPED,
    F.PACKED: OrderState.PACKED,
    F.PICKING: OrderState.PICKING,
    F.ALLOCATED: OrderState.ALLOCATED,
    F.BACKORDERED: OrderState.PARTIALLY_ALLOCATED,
    F.PARTIALLY_ALLOCATED: OrderState.PARTIALLY_ALLOCATED,
}


def headline_state(fulfilment: FulfilmentStatus, billing: BillingStatus, payment: PaymentStatus,
                   hold: HoldStatus, paid_total: Decimal, *, validated: bool, credit_approved: bool,
                   closed: bool) -> OrderState:
    """One state for lists: cancelled/closed, then holds, then the goods, then the money.

    Money only shows once everything has shipped: a partly shipped, partly paid
    order is `partially_shipped`, because the warehouse still owes work.
    A shipped order whose invoices are fully credited counts as settled (`paid`).
    """
    if fulfilment is F.CANCELLED:
        return OrderState.CANCELLED
    if closed:
        return OrderState.CLOSED
    if hold is HoldStatus.CREDIT_HOLD:
        return OrderState.CREDIT_HOLD
    if hold is not HoldStatus.NONE:
        return OrderState.ON_HOLD
    if fulfilment is F.SHIPPED:
        if billing is B.CREDITED or (billing is B.INVOICED and payment in (P.PAID, P.OVERPAID)):
            return OrderState.PAID
        if paid_total > 0:
            return OrderState.PARTIALLY_PAID
        if billing is not B.NOT_INVOICED:
            return OrderState.INVOICED
        return OrderState.SHIPPED
    if fulfilment in _FULFILMENT_HEADLINE:
        return _FULFILMENT_HEADLINE[fulfilment]
    if credit_approved:
        return OrderState.CREDIT_APPROVED
    return OrderState.VALIDATED if validated else OrderState.ENTERED


def derive_statuses(
    lines: Sequence[LineLedger],
    *,
    invoices_total: Decimal = ZERO,
    paid_total: Decimal = ZERO,
    credited_total: Decimal = ZERO,
    overdue: bool = False,
    due_date: date | None = None,
    today: date | None = None,
    holds: Collection[HoldStatus | str] = (),
    returns: ReturnFacts | None = None,
    validated: bool = False,
    credit_approved: bool = False,
    closed: bool = False,
) -> OrderStatuses:
    """Every status of an order from its lines, money totals and recorded facts.

    `overdue` may be given directly or as `due_date` < `today`. `validated`,
    `credit_approved` and `closed` are the facts actions record (events).
    """
    invoices_total, paid_total, credited_total = Decimal(invoices_total), Decimal(paid_total), Decimal(credited_total)
    overdue = overdue or (due_date is not None and today is not None and due_date < today)
    fulfilment = fulfilment_status(lines)
    billing = billing_status(lines, invoices_total, credited_total)
    payment = payment_status(invoices_total, paid_total, credited_total, overdue)
    hold, active = hold_status(holds)
    state = headline_state(fulfilment, billing, payment, hold, paid_total, validated=validated,
                           credit_approved=credit_approved, closed=closed)
    return OrderStatuses(state, fulfilment, billing, payment, return_status(lines, returns or ReturnFacts()),
                         hold, active)
