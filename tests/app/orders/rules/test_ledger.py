"""The line quantity ledger: each fact moves the counts or is refused with a stable code."""
from decimal import Decimal as D

import pytest

from app.orders import errors as E
from app.orders.errors import LifecycleError
from app.orders.rules.ledger import (
    LineLedger,
    allocate,
    backorder,
    broken_invariants,
    cancel,
    cancel_remaining,
    change_quantity,
    check_invariants,
    deallocate,
    invoice,
    pack,
    pick,
    return_received,
    ship,
)


@pytest.fixture
def line_ordered_10():
    return LineLedger.of(10)


@pytest.fixture
def line_half_shipped():
    """10 ordered, 6 allocated and picked, 5 packed, 4 shipped, 2 invoiced, 4 backordered."""
    return LineLedger.of(10, allocated=6, backordered=4, picked=6, packed=5, shipped=4, invoiced=2)


def refused(code, fn, *args):
    with pytest.raises(LifecycleError) as info:
        fn(*args)
    assert info.value.code == code, info.value.message
    return info.value


def test_happy_path_moves_every_count_and_keeps_invariants(line_ordered_10):
    line = line_ordered_10
    for step in (allocate, pick, pack, ship, invoice):
        line = step(line, 10)
        assert broken_invariants(line) == []
    assert (line.allocated, line.picked, line.packed, line.shipped, line.invoiced) == (D(10),) * 5
    assert line.unshipped == 0 and line.to_invoice == 0


def test_facts_return_a_new_ledger_and_leave_the_input_alone(line_ordered_10):
    after = allocate(line_ordered_10, 4)
    assert line_ordered_10.allocated == 0 and after.allocated == 4


def test_partial_allocation_then_backorder_then_stock_arrives(line_ordered_10):
    line = backorder(allocate(line_ordered_10, 6), 4)
    assert (line.allocated, line.backordered, line.free_demand) == (D(6), D(4), D(0))
    line = allocate(line, 3)  # stock arrives: backorders are satisfied first
    assert (line.allocated, line.backordered) == (D(9), D(1))


@pytest.mark.parametrize("fn, qty, code", [
    pytest.param(allocate, 11, E.QUANTITY_EXCEEDS_OPEN, id="allocate-more-than-ordered"),
    pytest.param(backorder, 11, E.QUANTITY_EXCEEDS_OPEN, id="backorder-more-than-open"),
    pytest.param(pick, 1, E.NOTHING_TO_PICK, id="pick-nothing-allocated"),
    pytest.param(pack, 1, E.NOTHING_TO_PACK, id="pack-nothing-picked"),
    pytest.param(ship, 1, E.NOTHING_TO_SHIP, id="ship-nothing-packed"),
    pytest.param(invoice, 1, E.NOTHING_TO_INVOICE, id="invoice-nothing-shipped"),
    pytest.param(return_received, 1, E.OVER_RETURN, id="return-nothing-shipped"),
    pytest.param(cancel, 11, E.OVER_CANCEL, id="cancel-more-than-ordered"),
    pytest.param(allocate, 0, E.INVALID_QUANTITY, id="zero-quantity"),
    pytest.param(allocate, -2, E.INVALID_QUANTITY, id="negative-quantity"),
    pytest.param(allocate, "abc", E.INVALID_QUANTITY, id="not-a-number"),
    pytest.param(allocate, "NaN", E.INVALID_QUANTITY, id="nan"),
])
def test_fresh_line_refuses(line_ordered_10, fn, qty, code):
    refused(code, fn, line_ordered_10, qty)


@pytest.mark.parametrize("fn, qty, code", [
    pytest.param(allocate, 5, E.QUANTITY_EXCEEDS_OPEN, id="allocate-beyond-open-4"),
    pytest.param(deallocate, 1, E.NOTHING_TO_DEALLOCATE, id="deallocate-picked-stock"),
    pytest.param(pick, 1, E.NOTHING_TO_PICK, id="pick-all-picked"),
    pytest.param(pack, 2, E.QUANTITY_EXCEEDS_PICKED, id="pack-beyond-picked"),
    pytest.param(ship, 2, E.QUANTITY_EXCEEDS_PACKED, id="ship-beyond-packed"),
    pytest.param(invoice, 3, E.OVER_INVOICE, id="invoice-beyond-shipped"),
    pytest.param(return_received, 5, E.OVER_RETURN, id="return-beyond-shipped"),
    pytest.param(cancel, 7, E.OVER_CANCEL, id="cancel-shipped-units"),
    pytest.param(change_quantity, 5, E.QUANTITY_BELOW_COMMITTED, id="reduce-below-allocated"),
])
def test_half_shipped_line_refuses(line_half_shipped, fn, qty, code):
    refused(code, fn, line_half_shipped, qty)


def test_shipping_a_fully_shipped_line_says_already_shipped():
    line = LineLedger.of(3, allocated=3, picked=3, packed=3, shipped=3)
    refused(E.ALREADY_SHIPPED, ship, line, 1)


def test_refusal_details_name_what_is_available(line_half_shipped):
    error = refused(E.OVER_INVOICE, invoice, line_half_shipped, 3)
    assert error.details == {"requested": "3", "available": "2"}
    assert error.status_code == 409


def test_cancel_takes_free_demand_then_backorders_then_releases_allocation():
    line = LineLedger.of(10, allocated=4, backordered=3, picked=2)  # 3 free, 3 backordered
    step1 = cancel(line, 2)
    assert (step1.backordered, step1.allocated, step1.picked) == (D(3), D(4), D(2))
    step2 = cancel(step1, 3)
    assert (step2.backordered, step2.allocated) == (D(1), D(4))
    step3 = cancel(step2, 3)  # 1 backorder, then 2 unpicked units released
    assert (step3.backordered, step3.allocated, step3.picked, step3.open) == (D(0), D(2), D(2), D(2))


def test_cancel_without_quantity_cancels_only_the_unshipped_part(line_half_shipped):
    line = cancel(line_half_shipped)
    assert (line.cancelled, line.open, line.allocated, line.packed, line.shipped) == (D(6), D(4), D(4), D(4), D(4))
    assert broken_invariants(line) == []
    refused(E.NOTHING_TO_CANCEL, cancel, line)


def test_change_quantity_up_and_down_to_the_allocated_floor(line_half_shipped):
    assert change_quantity(line_half_shipped, 12).ordered == 12
    down = change_quantity(line_half_shipped, 6)
    assert (down.ordered, down.backordered) == (D(6), D(0))
    assert broken_invariants(down) == []


def test_float_quantities_are_read_as_written():
    assert allocate(LineLedger.of("1.5"), 0.1).allocated == D("0.1")


@pytest.mark.parametrize("counts, broken", [
    pytest.param(dict(allocated=11), "I3 allocated <= open", id="over-allocated"),
    pytest.param(dict(allocated=2, picked=3), "I3 picked <= allocated", id="picked-unallocated"),
    pytest.param(dict(allocated=2, picked=2, packed=2, shipped=2, invoiced=3), "I5 invoiced <= shipped",
                 id="over-invoiced"),
    pytest.param(dict(returned=1), "I6 returned <= shipped", id="returned-unshipped"),
    pytest.param(dict(cancelled=11), "I2 cancelled <= ordered", id="over-cancelled"),
    pytest.param(dict(allocated=8, backordered=3), "I4 backordered <= open - allocated", id="backorder-overlap"),
    pytest.param(dict(picked=-1), "I1 picked < 0", id="negative"),
])
def test_check_invariants_names_the_broken_rule(counts, broken):
    line = LineLedger.of(10, **counts)
    error = refused(E.INVARIANT_BROKEN, check_invariants, line)
    assert broken in error.details["broken"]


def test_check_invariants_returns_a_sound_ledger(line_half_shipped):
    assert check_invariants(line_half_shipped) is line_half_shipped


def test_read_from_a_row_and_write_back():
    class Row:  # stands in for an OrderLine row
        ordered, allocated, backordered, picked, packed = D(4), D(2), None, D(1), D(0)
        shipped = invoiced = returned = cancelled = D(0)
    line = pick(LineLedger.from_attrs(Row), 1)
    assert line.backordered == 0
    assert line.counts()["picked"] == D(2) and set(line.counts()) == {
        "ordered", "allocated", "backordered", "picked", "packed", "shipped", "invoiced", "returned", "cancelled"}


def test_order_cancel_takes_every_unshipped_unit_and_spares_shipped_lines(line_half_shipped):
    done = LineLedger.of(3, allocated=3, picked=3, packed=3, shipped=3)
    lines = cancel_remaining([done, line_half_shipped, LineLedger.of(2)])
    assert lines[0] is done
    assert [x.unshipped for x in lines] == [0, 0, 0]
    assert [x.cancelled for x in lines] == [D(0), D(6), D(2)]
    refused(E.NOTHING_TO_CANCEL, cancel_remaining, lines)
