"""Units of measure on order lines and conversion to the product's selling unit."""
from __future__ import annotations

from decimal import Decimal

import pytest

from app.catalog.matching.records import ProductRecord
from app.catalog.matching.units import is_pack_multiple, normalise_unit, parse_unit, to_base_quantity

BOLT_PER_EA_PACKS_OF_50 = ProductRecord(1, "HB-1240", "Hex bolt", "EA", 50)
TIES_PER_BOX_OF_100 = ProductRecord(2, "CT-200", "Cable tie", "BX", 100)
BEARING_PER_EA = ProductRecord(3, "BB-6204", "Ball bearing", "EA", 1)


@pytest.mark.parametrize(("text", "code", "count"), [
    ("EA", "EA", 1), ("each", "EA", 1), ("pc", "EA", 1), ("pcs", "EA", 1),
    ("Stk", "EA", 1), ("Stück", "EA", 1), ("BX", "BX", None), ("box", "BX", None),
    ("box of 100", "BX", 100), ("CS", "CS", None), ("case of 12", "CS", 12), ("PK", "PK", None),
    ("pack of 50", "PK", 50), ("DZ", "DZ", 12), ("dozen", "DZ", 12), ("Karton", "CT", None),
    ("Karton à 20", "CT", 20), ("100/box", "BX", 100), ("kg", None, None), ("", None, None),
    ("BOXOF500", "BX", 500), ("Box of", "BX", None), ("Kiste", "CS", None), ("pairs", "PR", None),
    ("Rolle", "RL", None), ("kit", "SET", None), ("of", None, None),
])
def test_unit_text_is_normalised(text, code, count):
    unit = parse_unit(text)
    assert (unit.code, unit.count) == (code, count)
    assert normalise_unit(text) == code


@pytest.mark.parametrize(("qty", "unit", "product", "base"), [
    pytest.param(2, "box of 100", BOLT_PER_EA_PACKS_OF_50, 200, id="boxes-to-each"),
    pytest.param(2, "dozen", BEARING_PER_EA, 24, id="dozen-to-each"),
    pytest.param(3, "box", BOLT_PER_EA_PACKS_OF_50, 150, id="box-size-from-pack-size"),
    pytest.param(300, "pcs", TIES_PER_BOX_OF_100, 3, id="pieces-to-boxes"),
    pytest.param(4, "BX", TIES_PER_BOX_OF_100, 4, id="same-unit"),
    pytest.param(4, "box of 100", TIES_PER_BOX_OF_100, 4, id="same-box-size"),
    pytest.param(7, "Stück", BEARING_PER_EA, 7, id="german-pieces"),
])
def test_quantity_in_selling_unit(qty, unit, product, base):
    got, _ = to_base_quantity(Decimal(qty), unit, product)
    assert got == base


def test_conversion_says_what_it_did():
    base, note = to_base_quantity(Decimal(2), "box of 100", BOLT_PER_EA_PACKS_OF_50)
    assert (base, note) == (200, "2 box of 100 = 200 EA")


def test_missing_unit_assumes_selling_unit_with_note():
    assert to_base_quantity(Decimal(5), None, TIES_PER_BOX_OF_100) == (5, "no unit given; assumed BX")


def test_partial_box_is_flagged():
    base, note = to_base_quantity(Decimal(250), "pcs", TIES_PER_BOX_OF_100)
    assert base == Decimal("2.5") and "not a whole number of BX" in note


@pytest.mark.parametrize(("unit", "product"), [
    pytest.param("kg", BEARING_PER_EA, id="unknown-unit"),
    pytest.param("box", BEARING_PER_EA, id="box-of-unknown-size"),
])
def test_unconvertible_unit_gives_none(unit, product):
    base, note = to_base_quantity(Decimal(1), unit, product)
    assert base is None and note


@pytest.mark.parametrize(("qty", "unit", "expected"), [
    (100, None, True), (120, "EA", False), (2, "box of 100", True), (1, "pack of 25", False),
])
def test_ordered_quantity_is_multiple_of_pack_size(qty, unit, expected):
    assert is_pack_multiple(Decimal(qty), BOLT_PER_EA_PACKS_OF_50, unit) is expected
