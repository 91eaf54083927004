"""Lifecycle errors: a stable code (tests assert on it) and a human message.

`LifecycleError` is an `AppError` with HTTP status 409, so a refused action
reaches an API client as {"error": {"code", "message"}} without extra mapping.
"""
from __future__ import annotations

from app.core.errors import AppError


class LifecycleError(AppError):
    """An order action refused by the ledger, the transition table or a guard."""

    status_code = 409

    def __init__(self, code: str, message: str, details: dict | None = None):
        super().__init__(code, message, details=details)


# Quantities
INVALID_QUANTITY = "invalid_quantity"  # not a positive, finite number
QUANTITY_EXCEEDS_OPEN = "quantity_exceeds_open"  # more than the open, unallocated demand
NOTHING_TO_ALLOCATE = "nothing_to_allocate"
NOTHING_TO_DEALLOCATE = "nothing_to_deallocate"
QUANTITY_EXCEEDS_ALLOCATED = "quantity_exceeds_allocated"  # pick more than allocated, unpicked
QUANTITY_EXCEEDS_PICKED = "quantity_exceeds_picked"  # pack more than picked, unpacked
QUANTITY_EXCEEDS_PACKED = "quantity_exceeds_packed"  # ship more than packed, unshipped
NOTHING_TO_PICK = "nothing_to_pick"
NOTHING_TO_PACK = "nothing_to_pack"
NOTHING_TO_SHIP = "nothing_to_ship"
ALREADY_SHIPPED = "already_shipped"
OVER_INVOICE = "over_invoice"  # invoice more than shipped, uninvoiced
NOTHING_TO_INVOICE = "nothing_to_invoice"
OVER_RETURN = "over_return"  # receive back more than shipped, unreturned
OVER_CANCEL = "over_cancel"  # cancel more than the unshipped remainder
NOTHING_TO_CANCEL = "nothing_to_cancel"
QUANTITY_BELOW_COMMITTED = "quantity_below_committed"  # new quantity below allocated/shipped
INVARIANT_BROKEN = "invariant_broken"

# Transitions and guards
TRANSITION_NOT_ALLOWED = "transition_not_allowed"
UNKNOWN_ACTION = "unknown_action"
SEGREGATION_OF_DUTIES = "segregation_of_duties"  # credit released by its own author

# Credit and allocation inputs
INVALID_AMOUNT = "invalid_amount"
UNKNOWN_RULE = "unknown_rule"
