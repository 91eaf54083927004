"""Validation, the credit check and holds: who may stop an order and who may let it go."""
from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from app.catalog.models import Customer
from app.core.auth import SYSTEM, Actor, require_role
from app.orders import errors as E
from app.orders import events as ev
from app.orders.actions.common import as_forbidden, lock_order, order_lines, recompute, record, refuse
from app.orders.actions.pricing import flag_price_deviations
from app.orders.errors import LifecycleError
from app.orders.models import Order
from app.orders.queries import customer_exposure, order_facts, uninvoiced_value
from app.orders.rules.credit import CreditDecision, credit_decision, credit_exposure
from app.orders.rules.statuses import HoldStatus
from app.orders.rules.transitions import TRANSITIONS, check_allowed, check_credit_release
from app.orders.rules.transitions import Action as A


def _credit_view(session: Session, order: Order) -> tuple[CreditDecision, Decimal, Decimal | None, str]:
    """The pure decision for this order against its customer's limit, with the figures behind it."""
    customer = session.get(Customer, order.customer_id)
    exp = customer_exposure(session, order.customer_id, exclude_order_id=order.id)
    exposure = credit_exposure(exp["receivables"], exp["open_orders"])
    value = max(Decimal(0), uninvoiced_value(order_lines(session, order.id)))
    limit = Decimal(customer.credit_limit) if customer and customer.credit_limit is not None else None
    decision = credit_decision(exposure, value, limit, overdue_receivables=exp["overdue"])
    reason = "overdue_receivables" if exp["overdue"] > 0 else "over_limit"
    return decision, exposure + value, limit, reason


def validate(session: Session, order_id: int, actor: Actor, *, version: int | None = None) -> Order:
    """Check the order is complete, record it as validated, run the credit check, and put prices
    beyond the tolerance from the price list on a price-approval hold."""
    order = lock_order(session, order_id, version)
    lines = order_lines(session, order_id)
    check_allowed(A.VALIDATE, order.state)
    problems = [f"line {li.line_no}: no quantity" for li in lines if Decimal(li.ordered) <= 0]
    if not lines:
        problems.append("no lines")
    if problems:
        raise refuse("order_incomplete", "The order cannot be validated: " + "; ".join(problems), problems=problems)
    record(session, order, ev.order_validated(order.id, actor.name), lines=lines)
    credit_check(session, order_id, SYSTEM, locked=order)
    price_events = flag_price_deviations(session, order, lines)
    return record(session, order, *price_events, lines=lines) if price_events else order


def credit_check(session: Session, order_id: int, actor: Actor = SYSTEM, *, locked: Order | None = None) -> Order:
    """Approve, or put on credit hold when exposure + this order exceeds the limit (automatic on validation)."""
    order = locked or lock_order(session, order_id)
    decision, exposure, limit, reason = _credit_view(session, order)
    if decision is CreditDecision.APPROVE:
        check_allowed(A.APPROVE_CREDIT, order.state)
        event = ev.credit_approved(order.id, actor.name, exposure=exposure, limit=limit)
    else:
        check_allowed(A.HOLD_CREDIT, order.state)
        event = ev.credit_hold(order.id, actor.name, exposure=exposure, limit=limit, reason=reason)
    return record(session, order, event)


def recheck_credit(session: Session, order: Order, actor: Actor = SYSTEM) -> None:
    """After a change raised the value of an approved order: hold it if it no longer fits."""
    if order.state not in {s.value for s in TRANSITIONS[A.HOLD_CREDIT]}:
        return
    decision, exposure, limit, reason = _credit_view(session, order)
    if decision is CreditDecision.HOLD and order_facts(session, order.id)["credit_approved"]:
        session.add(ev.credit_hold(order.id, actor.name, exposure=exposure, limit=limit, reason=reason))
        recompute(session, order)


def release_credit(session: Session, order_id: int, actor: Actor, *, note: str | None = None,
                   version: int | None = None) -> Order:
    """A credit officer lets a held order go; never the person who entered or last changed it."""
    order = lock_order(session, order_id, version)
    check_allowed(A.RELEASE_CREDIT, order.state)
    try:
        check_credit_release(actor.name, order.entered_by, order.changed_by, actor.roles)
    except LifecycleError as err:
        if "credit" not in actor.roles:
            raise as_forbidden(LifecycleError("forbidden", err.message, err.details)) from None
        raise as_forbidden(err) from None
    return record(session, order, ev.credit_released(order.id, actor.name, automatic=False, note=note))


def auto_release_credit(session: Session, customer_id: int, actor: Actor = SYSTEM) -> list[int]:
    """Release the customer's credit holds that now fit under the limit (after a payment); oldest first."""
    held = session.exec(select(Order.id).where(Order.customer_id == customer_id, Order.state == "credit_hold")
                        .order_by(Order.id)).all()
    released = []
    for order_id in held:
        order = lock_order(session, order_id)
        if HoldStatus.CREDIT_HOLD not in order_facts(session, order_id)["holds"]:
            continue
        decision, exposure, _, _ = _credit_view(session, order)
        if decision is CreditDecision.APPROVE:
            record(session, order, ev.credit_released(order.id, actor.name, automatic=True, exposure=exposure))
            released.append(order_id)
    return released


def hold(session: Session, order_id: int, actor: Actor, *, reason: str | None = None,
         version: int | None = None) -> Order:
    """Stop the order (customer call, dispute, ...) until someone releases it."""
    require_role(actor, "clerk", "finance", "credit", "warehouse")
    order = lock_order(session, order_id, version)
    check_allowed(A.HOLD, order.state)
    return record(session, order, ev.held(order.id, actor.name, reason=reason), changed_by=actor.name)


def release(session: Session, order_id: int, actor: Actor, *, note: str | None = None,
            version: int | None = None) -> Order:
    """Lift a manual hold (price approvals are lifted by approving the price)."""
    require_role(actor, "clerk", "finance", "credit", "warehouse")
    order = lock_order(session, order_id, version)
    check_allowed(A.RELEASE_HOLD, order.state)
    if HoldStatus.MANUAL_HOLD not in order_facts(session, order_id)["holds"]:
        raise LifecycleError(E.TRANSITION_NOT_ALLOWED, "The order has no manual hold to release",
                             {"action": "release_hold", "state": order.state})
    return record(session, order, ev.released(order.id, actor.name, note=note), changed_by=actor.name)

