"""Units of measure on order lines: normalise the text, convert packs to the selling unit.

Codes: EA (each), DZ (dozen = 12 EA), the package units BX (box), CS (case),
PK (pack), CT (carton), which hold `pack_size` pieces of the product unless the
line says how many ("box of 100"), and units that are their own thing: PR (pair),
RL (roll), SET. A unit text we do not know is still the same unit as a product's
unit spelled the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from app.catalog.matching.text import fold

PACKAGES = frozenset({"BX", "CS", "PK", "CT"})

_WORDS = {
    "EA": ("ea", "each", "pc", "pcs", "piece", "pieces", "unit", "units", "st", "stk",
           "stck", "stuck", "stueck", "x", "nos", "no", "pce", "pces"),
    "DZ": ("dz", "doz", "dozen", "dozens", "dutzend"),
    "BX": ("bx", "box", "boxes", "bxs", "schachtel"),
    "CS": ("cs", "case", "cases", "kiste", "kisten"),
    "PK": ("pk", "pkg", "pack", "packs", "package", "packages", "packet", "pkt",
           "packung", "pack.", "pak", "pa"),
    "CT": ("ct", "ctn", "ctns", "carton", "cartons", "karton", "kartons", "krt"),
    "PR": ("pr", "prs", "pair", "pairs", "paar"),
    "RL": ("rl", "rls", "roll", "rolls", "rolle", "rollen"),
    "SET": ("set", "sets", "satz", "kit", "kits"),
}
_LOOKUP = {word: code for code, words in _WORDS.items() for word in words}
_WITH_COUNT = re.compile(r"^\s*([a-z.]+)\s*(?:of|a|à|a\s+|with|mit|zu\s+je|zu|je|/)?\s*(\d+)\s*"
                         r"(?:[a-z.]+)?\s*$")
_GLUED = re.compile(r"^([a-z]+?)\s*of\s*(\d*)$")
_COUNT_FIRST = re.compile(r"^\s*(\d+)\s*(?:pcs|pc|ea|stk|st)?\s*[/-]?\s*([a-z.]+)\s*$")


class _Product(Protocol):
    uom: str
    pack_size: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: `code` as above (None when unknown) and the pieces per unit
    when the text or the code fixes it (EA 1, DZ 12, 'box of 100' 100)."""

    code: str | None
    count: int | None
    text: str


def _key(text: str) -> str:
    """A unit text folded for comparison: 'Stück.' -> 'stuck'."""
    return fold(text).replace("ü", "u").strip().rstrip(".")


def parse_unit(text: str | None) -> Unit:
    """'box of 100' -> Unit('BX', 100), 'Stück' -> Unit('EA', 1), 'DZ' -> Unit('DZ', 12)."""
    raw = text or ""
    t = _key(raw)
    if not t:
        return Unit(None, None, raw)
    if t in _LOOKUP:
        code = _LOOKUP[t]
        return Unit(code, _FIXED.get(code), raw)
    glued = _GLUED.match(t)  # "BOXOF500", "box of": a read that lost its spaces, or its count
    if glued and glued.group(1) in _LOOKUP:
        code = _LOOKUP[glued.group(1)]
        return Unit(code, int(glued.group(2)) if glued.group(2) else _FIXED.get(code), raw)
    for pattern, word_group, count_group in ((_WITH_COUNT, 1, 2), (_COUNT_FIRST, 2, 1)):
        m = pattern.match(t)
        if m and m.group(word_group).rstrip(".") in _LOOKUP:
            code = _LOOKUP[m.group(word_group).rstrip(".")]
            return Unit(code, int(m.group(count_group)) or None, raw)
    return Unit(None, None, raw)


_FIXED = {"EA": 1, "DZ": 12}


def normalise_unit(text: str | None) -> str | None:
    """The unit code for a unit text, None when unknown."""
    return parse_unit(text).code


def _pieces_per(unit: Unit, product: _Product) -> tuple[int | None, str]:
    """Pieces in one `unit` of this product, and a note when it was assumed."""
    if unit.count:
        return unit.count, ""
    if unit.code in PACKAGES and product.pack_size > 1:
        return product.pack_size, f"{unit.code} taken as {product.pack_size} (product pack size)"
    return None, ""


def to_base_quantity(quantity: Decimal, unit_text: str | None,
                     product: _Product) -> tuple[Decimal | None, str]:
    """The ordered quantity in the product's selling unit, with a note on any
    assumption or problem. 2 'box of 100' of a product sold per EA -> (200, ...).
    Returns (None, note) when the units cannot be converted."""
    quantity = Decimal(quantity)
    sold = parse_unit(product.uom)
    ordered = parse_unit(unit_text)
    sold_code = sold.code or product.uom.upper()
    if ordered.code is None:
        if unit_text and _key(unit_text) == _key(product.uom):
            return quantity, ""  # spelled as the product's own unit
        if unit_text and unit_text.strip():
            return None, f"unknown unit '{unit_text}'"
        return quantity, f"no unit given; assumed {sold_code}"
    if ordered.code == sold_code and (
            ordered.count is None or sold_code not in PACKAGES
            or ordered.count == product.pack_size or product.pack_size <= 1):
        return quantity, ""
    # Compare in pieces: one selling unit holds `per_sold` pieces.
    per_sold = 1 if sold_code == "EA" else (_FIXED.get(sold_code) or
                                           (product.pack_size if product.pack_size > 1 else None))
    per_ordered, note = _pieces_per(ordered, product)
    if per_sold is None or per_ordered is None:
        return None, f"cannot convert {ordered.code} to {sold_code}"
    base = quantity * per_ordered / per_sold
    notes = [note] if note else []
    notes.append(f"{quantity.normalize():f} {ordered.text.strip()} = {base.normalize():f} {sold_code}")
    if base != base.to_integral_value():
        notes.append(f"not a whole number of {sold_code}")
    return base, "; ".join(notes)


def is_pack_multiple(quantity: Decimal, product: _Product, unit_text: str | None = None) -> bool:
    """Whether the ordered quantity is a whole number of the product's packs: for a
    product sold per EA in packs of `pack_size`, a multiple of it; otherwise a whole
    number of selling units."""
    return whole_packs(to_base_quantity(quantity, unit_text, product)[0], product)


def whole_packs(base: Decimal | None, product: _Product) -> bool:
    """`is_pack_multiple` for a quantity already in the selling unit (None: not convertible)."""
    if base is None or base != base.to_integral_value():
        return False
    sold = parse_unit(product.uom).code or product.uom.upper()
    if sold == "EA" and product.pack_size > 1:
        return base % product.pack_size == 0
    return True
