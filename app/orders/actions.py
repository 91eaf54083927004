"""The order-to-cash actions, one function per business fact, split by area into act_*.py.

Each action `(session, ids..., actor, ...)` locks the order row, checks the
transition table and guards, applies the pure ledger to each line, writes the
rows and the event(s), recomputes the statuses and bumps `Order.version`. None
of them commits: the caller ends with `service.commit(session)`, which runs the
after-commit hooks (webhooks, emails) once the transaction is durable.
"""
from __future__ import annotations

from app.orders.act_billing import (  # noqa: F401
    INVOICE_PER,
    check_invoice,
    close,
    correct_invoice,
    invoice,
    mark_overdue,
    record_payment,
)
from app.orders.act_change import cancel, change, place_order  # noqa: F401
from app.orders.act_credit import (  # noqa: F401
    auto_release_credit,
    credit_check,
    hold,
    release,
    release_credit,
    validate,
)
from app.orders.act_pricing import PRICE_TOLERANCE, approve_price_override, request_price_override  # noqa: F401
from app.orders.act_returns import DISPOSITIONS, approve_return, receive_return, request_return  # noqa: F401
from app.orders.act_ship import deliver, pack, pick, ship  # noqa: F401
from app.orders.act_stock import ALLOCATION_RULE, allocate, allocate_backorders, receive_stock  # noqa: F401
from app.orders.service import on_event  # noqa: F401
