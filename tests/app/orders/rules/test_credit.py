"""Credit check: exposure against the limit decides approve or hold."""
from decimal import Decimal as D

import pytest

from app.orders import errors as E
from app.orders.errors import LifecycleError
from app.orders.rules.credit import CreditDecision, credit_decision, credit_exposure


def test_exposure_is_receivables_plus_uninvoiced_orders():
    assert credit_exposure(D("1200.50"), D("300")) == D("1500.50")


@pytest.mark.parametrize("exposure, order_value, limit, decision", [
    pytest.param(4000, 1000, 5000, CreditDecision.APPROVE, id="exactly-at-limit"),
    pytest.param(4000, D("1000.01"), 5000, CreditDecision.HOLD, id="one-cent-over"),
    pytest.param(0, 100, 0, CreditDecision.HOLD, id="zero-limit"),
    pytest.param(0, 100, None, CreditDecision.HOLD, id="no-limit-on-file"),
    pytest.param(0, 0, 0, CreditDecision.APPROVE, id="free-order-zero-limit"),
])
def test_credit_decision(exposure, order_value, limit, decision):
    assert credit_decision(exposure, order_value, limit) is decision


@pytest.mark.parametrize("args", [
    pytest.param((-1, 10, 100), id="negative-exposure"),
    pytest.param((0, "ten", 100), id="not-a-number"),
    pytest.param((0, 10, -5), id="negative-limit"),
])
def test_bad_amounts_are_refused(args):
    with pytest.raises(LifecycleError) as info:
        credit_decision(*args)
    assert info.value.code == E.INVALID_AMOUNT


def test_overdue_receivables_hold_even_under_the_limit():
    assert credit_decision(100, 100, 5000, overdue_receivables=D("0.01")) is CreditDecision.HOLD
    assert credit_decision(100, 100, 5000, overdue_receivables=0) is CreditDecision.APPROVE
