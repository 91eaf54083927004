"""Which action may happen in which headline state: one explicit table plus guards.

`check_allowed` refuses (raises `LifecycleError`) whatever the table or a guard
does not allow; nothing is ever silently applied or skipped. Quantity limits of
a single fact (ship 5 when 3 are packed) are the ledger's job; guards here only
answer "is there anything at all to do?" for the order as a whole.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from enum import StrEnum

from app.orders import errors as E
from app.orders.errors import LifecycleError
from app.orders.rules.ledger import LineLedger
from app.orders.rules.statuses import OrderState as S

CREDIT_ROLE = "credit"


class Action(StrEnum):
    """One business fact that changes an order."""

    VALIDATE = "validate"
    APPROVE_CREDIT = "approve_credit"
    HOLD_CREDIT = "hold_credit"
    RELEASE_CREDIT = "release_credit"
    HOLD = "hold"  # manual hold or price approval
    RELEASE_HOLD = "release_hold"
    CHANGE_QUANTITY = "change_quantity"
    ALLOCATE = "allocate"
    DEALLOCATE = "deallocate"
    BACKORDER = "backorder"
    PICK = "pick"
    PACK = "pack"
    SHIP = "ship"
    INVOICE = "invoice"
    RECORD_PAYMENT = "record_payment"
    CLOSE = "close"
    CANCEL = "cancel"
    REQUEST_RETURN = "request_return"
    APPROVE_RETURN = "approve_return"
    RECEIVE_RETURN = "receive_return"
    ISSUE_CREDIT = "issue_credit"

    def __str__(self) -> str:
        return self.value


A = Action
_BEFORE_SHIPPING = frozenset({S.ENTERED, S.VALIDATED, S.CREDIT_APPROVED, S.ALLOCATED, S.PARTIALLY_ALLOCATED,
                              S.PICKING, S.PACKED, S.PARTIALLY_SHIPPED})
_WAREHOUSE = frozenset({S.ALLOCATED, S.PARTIALLY_ALLOCATED, S.PICKING, S.PARTIALLY_SHIPPED})
_AFTER_SHIPPING = frozenset({S.PARTIALLY_SHIPPED, S.SHIPPED, S.INVOICED, S.PARTIALLY_PAID, S.PAID, S.CLOSED})

# action -> headline states it is allowed from
TRANSITIONS: dict[Action, frozenset[S]] = {
    A.VALIDATE: frozenset({S.ENTERED}),
    A.APPROVE_CREDIT: frozenset({S.VALIDATED}),
    A.HOLD_CREDIT: frozenset({S.VALIDATED, S.CREDIT_APPROVED, S.ALLOCATED, S.PARTIALLY_ALLOCATED}),
    A.RELEASE_CREDIT: frozenset({S.CREDIT_HOLD}),
    A.HOLD: _BEFORE_SHIPPING,
    A.RELEASE_HOLD: frozenset({S.ON_HOLD}),
    A.CHANGE_QUANTITY: frozenset({S.ENTERED, S.VALIDATED, S.CREDIT_HOLD, S.CREDIT_APPROVED, S.ALLOCATED,
                                  S.PARTIALLY_ALLOCATED, S.ON_HOLD}),
    A.ALLOCATE: frozenset({S.CREDIT_APPROVED, S.PARTIALLY_ALLOCATED, S.PICKING, S.PARTIALLY_SHIPPED}),
    A.DEALLOCATE: _WAREHOUSE,
    A.BACKORDER: frozenset({S.CREDIT_APPROVED, S.PARTIALLY_ALLOCATED, S.PICKING, S.PARTIALLY_SHIPPED}),
    A.PICK: _WAREHOUSE,
    A.PACK: frozenset({S.PICKING, S.PARTIALLY_SHIPPED}),
    A.SHIP: frozenset({S.PICKING, S.PACKED, S.PARTIALLY_SHIPPED}),
    A.INVOICE: frozenset({S.PARTIALLY_SHIPPED, S.SHIPPED, S.INVOICED, S.PARTIALLY_PAID}),
    # money is never refused for being early: a customer on hold may pay to clear it
    A.RECORD_PAYMENT: frozenset({S.PARTIALLY_SHIPPED, S.INVOICED, S.PARTIALLY_PAID, S.PAID, S.ON_HOLD,
                                 S.CREDIT_HOLD}),
    A.CLOSE: frozenset({S.PAID}),
    A.CANCEL: (_BEFORE_SHIPPING | {S.CREDIT_HOLD, S.ON_HOLD}),
    A.REQUEST_RETURN: _AFTER_SHIPPING,
    A.APPROVE_RETURN: _AFTER_SHIPPING,
    A.RECEIVE_RETURN: _AFTER_SHIPPING,
    A.ISSUE_CREDIT: frozenset({S.PARTIALLY_SHIPPED, S.INVOICED, S.PARTIALLY_PAID, S.PAID, S.CLOSED}),
}


# Guards: small predicates over the line ledgers.
def can_cancel(lines: Sequence[LineLedger]) -> bool:
    """Some unit is still unshipped (only the unshipped part can be cancelled)."""
    return any(x.unshipped > 0 for x in lines)


def can_allocate(lines: Sequence[LineLedger]) -> bool:
    """Some open unit has no stock reserved."""
    return any(x.unallocated > 0 for x in lines)


def can_pick(lines: Sequence[LineLedger]) -> bool:
    return any(x.allocated > x.picked for x in lines)


def can_pack(lines: Sequence[LineLedger]) -> bool:
    return any(x.picked > x.packed for x in lines)


def can_ship(lines: Sequence[LineLedger]) -> bool:
    """Some packed unit has not left yet."""
    return any(x.packed > x.shipped for x in lines)


def can_invoice(lines: Sequence[LineLedger]) -> bool:
    """Some shipped unit is not invoiced yet."""
    return any(x.shipped > x.invoiced for x in lines)


def can_receive_return(lines: Sequence[LineLedger]) -> bool:
    return any(x.shipped > x.returned for x in lines)


def can_release_credit(actor: str, entered_by: str | None, changed_by: str | None,
                       roles: Collection[str]) -> bool:
    """Segregation of duties: the credit role, and neither who entered nor who last changed the order."""
    return CREDIT_ROLE in roles and actor not in {entered_by, changed_by}


GUARDS: dict[Action, tuple[Callable[[Sequence[LineLedger]], bool], str]] = {
    A.CANCEL: (can_cancel, E.NOTHING_TO_CANCEL),
    A.ALLOCATE: (can_allocate, E.NOTHING_TO_ALLOCATE),
    A.PICK: (can_pick, E.NOTHING_TO_PICK),
    A.PACK: (can_pack, E.NOTHING_TO_PACK),
    A.SHIP: (can_ship, E.NOTHING_TO_SHIP),
    A.INVOICE: (can_invoice, E.NOTHING_TO_INVOICE),
    A.RECEIVE_RETURN: (can_receive_return, E.OVER_RETURN),
}


def _action(action: Action | str) -> Action:
    try:
        return Action(action)
    except ValueError:
        raise LifecycleError(E.UNKNOWN_ACTION, f"Unknown order action {action!r}") from None


def _state(state: S | str) -> S:
    try:
        return S(state)
    except ValueError:
        raise LifecycleError(E.TRANSITION_NOT_ALLOWED, f"Unknown order state {state!r}") from None


def is_allowed(action: Action | str, state: S | str) -> bool:
    """True when the table allows `action` from `state` (guards not consulted)."""
    return _state(state) in TRANSITIONS[_action(action)]


def check_allowed(action: Action | str, state: S | str, lines: Sequence[LineLedger] | None = None) -> Action:
    """Refuse `action` unless the table allows it from `state` and, given lines, its guard passes."""
    act, st = _action(action), _state(state)
    if st not in TRANSITIONS[act]:
        allowed = sorted(s.value for s in TRANSITIONS[act])
        raise LifecycleError(E.TRANSITION_NOT_ALLOWED, f"Cannot {act.value} an order that is {st.value}",
                             {"action": act.value, "state": st.value, "allowed_from": allowed})
    if lines is not None and act in GUARDS:
        guard, code = GUARDS[act]
        if not guard(lines):
            if act is A.SHIP and lines and all(x.shipped >= x.open for x in lines):
                code = E.ALREADY_SHIPPED
            raise LifecycleError(code, f"Nothing to {act.value} on this order", {"action": act.value})
    return act


def check_credit_release(actor: str, entered_by: str | None, changed_by: str | None,
                         roles: Collection[str]) -> None:
    """Raise `segregation_of_duties` unless `can_release_credit` allows this actor."""
    if not can_release_credit(actor, entered_by, changed_by, roles):
        why = (f"the '{CREDIT_ROLE}' role is required" if CREDIT_ROLE not in roles
               else "the person who entered or last changed the order cannot release it")
        raise LifecycleError(E.SEGREGATION_OF_DUTIES, f"Credit release refused: {why}", {"actor": actor})


def allowed_actions(state: S | str, lines: Sequence[LineLedger] | None = None) -> list[Action]:
    """Actions the table (and, given lines, the guards) allow now: the buttons a UI shows."""
    st = _state(state)
    return [a for a, states in TRANSITIONS.items()
            if st in states and (lines is None or a not in GUARDS or GUARDS[a][0](lines))]
