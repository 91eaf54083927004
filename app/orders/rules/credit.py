"""Credit check: exposure against the customer's limit, as pure arithmetic."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.orders import errors as E
from app.orders.errors import LifecycleError


class CreditDecision(StrEnum):
    """Outcome of the credit check of one order."""

    APPROVE = "approve"  # exposure plus this order fits under the limit
    HOLD = "hold"  # over the limit (or no limit on file): finance must release it

    def __str__(self) -> str:
        return self.value


def _amount(value: Decimal | int | str, name: str) -> Decimal:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise LifecycleError(E.INVALID_AMOUNT, f"{name} {value!r} is not a number") from None
    if not amount.is_finite() or amount < 0:
        raise LifecycleError(E.INVALID_AMOUNT, f"{name} must be zero or more, got {value}")
    return amount


def credit_exposure(open_receivables: Decimal | int | str, open_orders_not_invoiced: Decimal | int | str) -> Decimal:
    """What the customer owes plus what is ordered but not invoiced yet (this order excluded)."""
    return (_amount(open_receivables, "open receivables")
            + _amount(open_orders_not_invoiced, "open orders not invoiced"))


def credit_decision(exposure: Decimal | int | str, order_value: Decimal | int | str,
                    limit: Decimal | int | str | None, *,
                    overdue_receivables: Decimal | int | str = 0) -> CreditDecision:
    """Approve when exposure + order value <= limit; hold otherwise, when there is no limit on file,
    or when the customer has overdue receivables (pass 0 to ignore them)."""
    total = _amount(exposure, "exposure") + _amount(order_value, "order value")
    if limit is None or _amount(overdue_receivables, "overdue receivables") > 0:
        return CreditDecision.HOLD
    return CreditDecision.APPROVE if total <= _amount(limit, "credit limit") else CreditDecision.HOLD
