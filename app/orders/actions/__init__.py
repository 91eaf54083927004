"""The order-to-cash actions, one function per business fact, one module per area: placing an
order (place), changes and cancellations (change), validation, credit and holds (credit), prices
(pricing), stock and allocation (stock), the warehouse (ship), invoices and payments (billing,
payments) and returns (returns). `common` holds what every action does.

Each action `(session, ids..., actor, ...)` locks the order row, checks the transition table
and guards (rules/), applies the pure ledger to each line, writes the rows and the event(s),
recomputes the statuses and bumps `Order.version`. None of them commits: the caller ends with
`app.core.transactions.commit(session)`, which runs the after-commit hooks (webhooks, emails)
once the transaction is durable. Callers use this package as `from app.orders import actions as act`.
"""
from __future__ import annotations

from app.orders.actions.billing import (
    INVOICE_PER,
    check_invoice,
    close,
    correct_invoice,
    invoice,
    mark_overdue,
    record_payment,
)
from app.orders.actions.change import cancel, change
from app.orders.actions.credit import auto_release_credit, credit_check, hold, release, release_credit, validate
from app.orders.actions.payments import import_payments_csv
from app.orders.actions.place import NewLine, NewOrder, place, place_order
from app.orders.actions.pricing import PRICE_TOLERANCE, approve_price_override, request_price_override
from app.orders.actions.returns import (
    DISPOSITIONS,
    approve_return,
    receive_return,
    request_return,
    request_return_for_review,
)
from app.orders.actions.ship import deliver, pack, pick, ship
from app.orders.actions.stock import ALLOCATION_RULE, allocate, allocate_backorders, receive_stock

__all__ = [
    "ALLOCATION_RULE", "DISPOSITIONS", "INVOICE_PER", "PRICE_TOLERANCE", "NewLine", "NewOrder",
    "allocate", "allocate_backorders", "approve_price_override", "approve_return", "auto_release_credit",
    "cancel", "change", "check_invoice", "close", "correct_invoice", "credit_check", "deliver", "hold",
    "import_payments_csv", "invoice", "mark_overdue", "pack", "pick", "place", "place_order", "receive_return",
    "receive_stock", "record_payment", "release", "release_credit", "request_price_override", "request_return",
    "request_return_for_review",
    "ship", "validate",
]
