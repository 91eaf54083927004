"""The transition table: every allowed move passes, every other one is refused with a code."""
import pytest

from app.orders import errors as E
from app.orders.errors import LifecycleError
from app.orders.rules.ledger import LineLedger
from app.orders.rules.statuses import OrderState
from app.orders.rules.transitions import (
    GUARDS,
    TRANSITIONS,
    Action,
    allowed_actions,
    can_cancel,
    can_invoice,
    can_release_credit,
    can_ship,
    check_allowed,
    check_credit_release,
    is_allowed,
)

PAIRS = [(a, s) for a in Action for s in OrderState]
ALLOWED = [pytest.param(a, s, id=f"{a.value}-from-{s.value}") for a, s in PAIRS if s in TRANSITIONS[a]]
REFUSED = [pytest.param(a, s, id=f"{a.value}-from-{s.value}") for a, s in PAIRS if s not in TRANSITIONS[a]]


def test_every_action_has_a_row_and_every_row_a_state():
    assert set(TRANSITIONS) == set(Action)
    assert all(TRANSITIONS[a] for a in Action)


@pytest.mark.parametrize("action, state", ALLOWED)
def test_allowed_transition_passes(action, state):
    assert check_allowed(action, state) is action
    assert check_allowed(action.value, state.value) is action  # strings from the database work too
    assert is_allowed(action, state)


@pytest.mark.parametrize("action, state", REFUSED)
def test_refused_transition_raises_transition_not_allowed(action, state):
    with pytest.raises(LifecycleError) as info:
        check_allowed(action, state)
    assert info.value.code == E.TRANSITION_NOT_ALLOWED
    assert info.value.details["state"] == state.value
    assert not is_allowed(action, state)


@pytest.mark.parametrize("state", [OrderState.CLOSED, OrderState.CANCELLED])
def test_terminal_states_allow_no_warehouse_or_order_change(state):
    for action in (Action.ALLOCATE, Action.PICK, Action.SHIP, Action.CANCEL, Action.CHANGE_QUANTITY, Action.HOLD):
        assert not is_allowed(action, state)


def test_cancelled_order_allows_nothing_at_all():
    assert allowed_actions(OrderState.CANCELLED) == []


def test_unknown_action_and_state_are_refused_with_codes():
    with pytest.raises(LifecycleError) as info:
        check_allowed("teleport", OrderState.ENTERED)
    assert info.value.code == E.UNKNOWN_ACTION
    with pytest.raises(LifecycleError) as info:
        check_allowed(Action.SHIP, "lost")
    assert info.value.code == E.TRANSITION_NOT_ALLOWED


# Guards: the table allows the move, the quantities say there is nothing to do.
@pytest.mark.parametrize("action, state, lines, code", [
    pytest.param(Action.SHIP, OrderState.PICKING, [LineLedger.of(5, allocated=5, picked=2)], E.NOTHING_TO_SHIP,
                 id="ship-nothing-packed"),
    pytest.param(Action.SHIP, OrderState.PARTIALLY_SHIPPED,
                 [LineLedger.of(5, allocated=5, picked=5, packed=5, shipped=5), LineLedger.of(5, allocated=5)],
                 E.NOTHING_TO_SHIP, id="ship-rest-not-packed"),
    pytest.param(Action.INVOICE, OrderState.INVOICED,
                 [LineLedger.of(5, allocated=5, picked=5, packed=5, shipped=5, invoiced=5)], E.NOTHING_TO_INVOICE,
                 id="invoice-twice"),
    pytest.param(Action.CANCEL, OrderState.PARTIALLY_SHIPPED,
                 [LineLedger.of(5, allocated=5, picked=5, packed=5, shipped=5), LineLedger.of(2, cancelled=2)],
                 E.NOTHING_TO_CANCEL, id="cancel-when-rest-already-cancelled"),
    pytest.param(Action.ALLOCATE, OrderState.PICKING, [LineLedger.of(5, allocated=5, picked=1)],
                 E.NOTHING_TO_ALLOCATE, id="allocate-fully-allocated"),
    pytest.param(Action.PICK, OrderState.PARTIALLY_ALLOCATED, [LineLedger.of(5, backordered=5)], E.NOTHING_TO_PICK,
                 id="pick-backordered-only"),
    pytest.param(Action.PACK, OrderState.PICKING, [LineLedger.of(5, allocated=5, picked=2, packed=2)],
                 E.NOTHING_TO_PACK, id="pack-all-packed"),
    pytest.param(Action.RECEIVE_RETURN, OrderState.SHIPPED,
                 [LineLedger.of(1, allocated=1, picked=1, packed=1, shipped=1, returned=1)], E.OVER_RETURN,
                 id="receive-return-twice"),
])
def test_guard_refuses_with_its_code(action, state, lines, code):
    assert is_allowed(action, state)
    with pytest.raises(LifecycleError) as info:
        check_allowed(action, state, lines)
    assert info.value.code == code
    assert action not in allowed_actions(state, lines)


def test_ship_after_everything_shipped_says_already_shipped():
    # a stale state read from the database: quantities say everything left already
    lines = [LineLedger.of(2, allocated=2, picked=2, packed=2, shipped=2)]
    with pytest.raises(LifecycleError) as info:
        check_allowed(Action.SHIP, OrderState.PACKED, lines)
    assert info.value.code == E.ALREADY_SHIPPED


def test_guards_pass_when_there_is_work():
    lines = [LineLedger.of(5, allocated=5, picked=5, packed=5, shipped=3, invoiced=1)]
    assert can_ship(lines) and can_invoice(lines) and can_cancel(lines)
    assert check_allowed(Action.SHIP, OrderState.PARTIALLY_SHIPPED, lines) is Action.SHIP
    assert set(GUARDS) <= set(Action)


def test_allowed_actions_for_a_picking_order_are_the_buttons_to_show():
    lines = [LineLedger.of(5, allocated=3, picked=3, packed=1, backordered=2)]
    actions = allowed_actions(OrderState.PICKING, lines)
    assert Action.SHIP in actions and Action.PACK in actions and Action.ALLOCATE in actions
    assert Action.PICK not in actions  # everything allocated is picked
    assert Action.INVOICE not in actions  # the table: nothing shipped yet


# Segregation of duties on credit release
@pytest.mark.parametrize("actor, entered_by, changed_by, roles, ok", [
    pytest.param("carol", "ann", "bob", {"credit"}, True, id="credit-officer-not-involved"),
    pytest.param("carol", "ann", None, {"credit", "finance"}, True, id="never-changed"),
    pytest.param("ann", "ann", "bob", {"credit"}, False, id="entered-it"),
    pytest.param("bob", "ann", "bob", {"credit"}, False, id="last-changed-it"),
    pytest.param("carol", "ann", "bob", {"finance"}, False, id="no-credit-role"),
    pytest.param("carol", "ann", "bob", {"admin"}, False, id="admin-is-not-credit"),
])
def test_credit_release_segregation_of_duties(actor, entered_by, changed_by, roles, ok):
    assert can_release_credit(actor, entered_by, changed_by, roles) is ok
    if ok:
        check_credit_release(actor, entered_by, changed_by, roles)
    else:
        with pytest.raises(LifecycleError) as info:
            check_credit_release(actor, entered_by, changed_by, roles)
        assert info.value.code == E.SEGREGATION_OF_DUTIES
