"""Random sequences of lifecycle actions never break the ledger invariants (Hypothesis stateful)."""
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from app.orders.errors import LifecycleError
from app.orders.rules.ledger import OPERATIONS, LineLedger, broken_invariants
from app.orders.rules.statuses import HoldStatus, OrderState, derive_statuses
from app.orders.rules.transitions import Action, allowed_actions, check_allowed, check_credit_release

quantities = st.one_of(st.integers(min_value=-1, max_value=12).map(D), st.sampled_from([D("0.5"), D("2.25")]))
ledger_facts = st.sampled_from(sorted(OPERATIONS))
MONOTONE = ("shipped", "invoiced", "returned", "cancelled")  # counts that never go back
PRICE = D(10)


class LineLedgerMachine(RuleBasedStateMachine):
    """One line, any fact in any order: a refused fact changes nothing, an accepted one keeps I1..I6."""

    @initialize(ordered=st.integers(min_value=1, max_value=20))
    def start(self, ordered):
        self.line = LineLedger.of(ordered)
        self.accepted = {name: D(0) for name in ("allocate", "ship", "invoice", "return_received")}

    @rule(fact=ledger_facts, qty=quantities)
    def apply(self, fact, qty):
        before = self.line
        try:
            self.line = OPERATIONS[fact](before, qty)
        except LifecycleError as error:
            assert error.code and self.line is before
            return
        assert qty > 0
        if fact in self.accepted:
            self.accepted[fact] += qty
        for name in MONOTONE:
            assert getattr(self.line, name) >= getattr(before, name)

    @rule(qty=quantities)
    def ship_exactly_what_is_packed(self, qty):
        """Ship succeeds iff 0 < qty <= packed - shipped."""
        fits = 0 < qty <= self.line.packed - self.line.shipped
        try:
            self.line = OPERATIONS["ship"](self.line, qty)
            self.accepted["ship"] += qty
            assert fits
        except LifecycleError:
            assert not fits

    @invariant()
    def invariants_hold(self):
        assert broken_invariants(self.line) == []

    @invariant()
    def shipped_invoiced_returned_are_the_sum_of_accepted_facts(self):
        assert self.line.shipped == self.accepted["ship"]
        assert self.line.invoiced == self.accepted["invoice"]
        assert self.line.returned == self.accepted["return_received"]


# the ledger fact an order-level action applies to one line, and how much of it is available
LINE_ACTIONS = {
    Action.ALLOCATE: ("allocate", lambda x: x.unallocated),
    Action.DEALLOCATE: ("deallocate", lambda x: x.allocated - x.picked),
    Action.BACKORDER: ("backorder", lambda x: x.free_demand),
    Action.PICK: ("pick", lambda x: x.allocated - x.picked),
    Action.PACK: ("pack", lambda x: x.picked - x.packed),
    Action.SHIP: ("ship", lambda x: x.packed - x.shipped),
    Action.INVOICE: ("invoice", lambda x: x.to_invoice),
    Action.RECEIVE_RETURN: ("return_received", lambda x: x.shipped - x.returned),
    Action.CANCEL: ("cancel", lambda x: x.unshipped),
    Action.CHANGE_QUANTITY: ("change_quantity", lambda x: x.ordered + 1),
}
FORWARD = {Action.VALIDATE, Action.APPROVE_CREDIT, Action.RELEASE_CREDIT, Action.RELEASE_HOLD, Action.ALLOCATE,
           Action.PICK, Action.PACK, Action.SHIP, Action.INVOICE, Action.RECORD_PAYMENT, Action.CLOSE}


class OrderMachine(RuleBasedStateMachine):
    """A whole order driven through the transition table; statuses are re-derived after every action."""

    @initialize(ordered=st.lists(st.integers(min_value=1, max_value=10), min_size=1, max_size=3))
    def start(self, ordered):
        self.lines = [LineLedger.of(q) for q in ordered]
        self.facts = dict(validated=False, credit_approved=False, closed=False)
        self.holds: set[HoldStatus] = set()
        self.invoices_total = self.paid_total = D(0)

    @property
    def statuses(self):
        return derive_statuses(self.lines, invoices_total=self.invoices_total, paid_total=self.paid_total,
                               holds=self.holds, **self.facts)

    @rule(data=st.data())
    def allowed_action(self, data):
        state = self.statuses.state
        allowed = allowed_actions(state, self.lines)
        self._refusal_changes_nothing(data.draw(st.sampled_from(list(Action)), label="any action"), state)
        if not allowed:
            return
        weighted = allowed + [a for a in allowed if a in FORWARD] * 4  # reach late states often
        action = data.draw(st.sampled_from(weighted), label="action")
        check_allowed(action, state, self.lines)
        if action in LINE_ACTIONS:
            self._line_action(data, action)
        else:
            self._order_action(data, action)

    def _refusal_changes_nothing(self, action, state):
        before = list(self.lines)
        try:
            check_allowed(action, state, self.lines)
        except LifecycleError as error:
            assert error.code and action not in allowed_actions(state, self.lines)
        else:
            assert action in allowed_actions(state, self.lines)
        assert self.lines == before

    def _line_action(self, data, action):
        fact, available = LINE_ACTIONS[action]
        i = data.draw(st.integers(0, len(self.lines) - 1), label="line")
        everything = st.just(max(available(self.lines[i]), D(1)))
        qty = data.draw(st.one_of(everything, everything, everything, quantities), label="qty")
        before = list(self.lines)
        try:
            self.lines[i] = OPERATIONS[fact](self.lines[i], qty)
        except LifecycleError:
            assert self.lines == before
            return
        if action is Action.INVOICE:
            self.invoices_total += qty * PRICE

    def _order_action(self, data, action):
        if action is Action.VALIDATE:
            self.facts["validated"] = True
        elif action is Action.APPROVE_CREDIT:
            self.facts["credit_approved"] = True
        elif action is Action.HOLD_CREDIT:
            self.holds.add(HoldStatus.CREDIT_HOLD)
        elif action is Action.RELEASE_CREDIT:
            actor = data.draw(st.sampled_from(["ann", "bob"]), label="actor")
            roles = data.draw(st.sampled_from([{"credit"}, {"clerk"}]), label="roles")
            try:
                check_credit_release(actor, entered_by="ann", changed_by=None, roles=roles)
            except LifecycleError:
                assert actor == "ann" or "credit" not in roles
                return
            self.holds.discard(HoldStatus.CREDIT_HOLD)
            self.facts["credit_approved"] = True
        elif action is Action.HOLD:
            self.holds.add(HoldStatus.MANUAL_HOLD)
        elif action is Action.RELEASE_HOLD:
            self.holds -= {HoldStatus.MANUAL_HOLD, HoldStatus.PRICE_APPROVAL}
        elif action is Action.CLOSE:
            self.facts["closed"] = True
        elif action is Action.RECORD_PAYMENT:
            share = data.draw(st.sampled_from([D("0.5"), D(1)]), label="share")
            self.paid_total += max(self.invoices_total - self.paid_total, D(0)) * share

    @invariant()
    def every_line_keeps_its_invariants(self):
        for line in self.lines:
            assert broken_invariants(line) == []

    @invariant()
    def headline_agrees_with_quantities(self):
        s = self.statuses
        event(f"state={s.state.value}")
        if s.state in (OrderState.SHIPPED, OrderState.INVOICED, OrderState.PARTIALLY_PAID, OrderState.PAID):
            assert all(x.shipped == x.open for x in self.lines)
        if s.state is OrderState.CANCELLED:
            assert all(x.open == 0 for x in self.lines)
        if s.state in (OrderState.ENTERED, OrderState.VALIDATED, OrderState.CREDIT_APPROVED):
            assert all(x.allocated == 0 for x in self.lines)
        if s.state is OrderState.PAID:
            assert self.paid_total >= self.invoices_total > 0


common = settings(max_examples=100, stateful_step_count=40, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow])
TestLineLedgerMachine = LineLedgerMachine.TestCase
TestLineLedgerMachine.settings = common
TestOrderMachine = OrderMachine.TestCase
TestOrderMachine.settings = settings(common, max_examples=100, stateful_step_count=60)
TestOrderMachine.pytestmark = [pytest.mark.slow]
