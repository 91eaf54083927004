"""Misread numbers on OCRed pages, repaired only where the order's arithmetic confirms it.

OCR drops a digit or a decimal point, reads a currency sign it does not know
(the rupee sign) as a digit, or takes one digit for another. On a line, the
two other numbers say what the third must be (quantity x price = amount); in
the totals, subtotal + tax + shipping = total and the lines add up to the
subtotal. A repair is made only when the value the arithmetic asks for is one
slip away from what was read: one digit more, fewer or different, or the
decimal point lost or moved. A quantity not read at all is the amount over
the price when that is a whole number, a price not read the amount over the quantity
when that is a whole number of cents. Born-digital pages are never touched.
"""
from __future__ import annotations

from decimal import Decimal

from extractors import confidence
from extractors.model import Extraction, Field, LineItem
from extractors.normalize import CENT, TWO_DECIMALS, decimal_of, money_str, parse_amount, qty_str

PRICE_STEP = Decimal("0.0001")  # a unit price the arithmetic asks for may have four decimals ...
QTY_STEP = Decimal("0.001")  # ... and a quantity three
SIGN_MIN_DIGITS = 4  # digits of an amount whose first may be a currency sign read as a digit


def one_slip(read: str, wanted: str) -> bool:
    """True when the digits of `wanted` differ from those of `read` by one digit
    added, dropped or changed, or by the decimal point alone ("371" for "3.71")."""
    a, b = _digits(read), _digits(wanted)
    if not a or not b:
        return False
    if a == b:
        return _value(read) != _value(wanted)  # only the decimal point differs
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def repair_lines(ex: Extraction) -> int:
    """Fix the one misread number of each line whose quantity x price != amount;
    returns how many were fixed."""
    fixed = 0
    priced = any(i.unit_price is not None for i in ex.line_items)
    for item in ex.line_items:
        if item.quantity is None:
            fixed += _derive_quantity(item)
        elif item.unit_price is None and priced:
            fixed += _derive_price(item)
        q, p, a = (decimal_of(f) for f in (item.quantity, item.unit_price, item.amount))
        if None in (q, p, a) or q == 0 or p == 0 or abs(q * p - a) <= CENT:
            continue
        options = _line_options(item, q, p, a)
        if len(options) == 1:  # two ways to make the line add up: nothing confirms either
            name, value = options[0]
            setattr(item, name, _repaired(getattr(item, name), value))
            fixed += 1
    if fixed:
        ex.warnings.append(f"{fixed} misread line number(s) repaired by quantity x price")
    return fixed


def _derive_quantity(item: LineItem) -> int:
    """A quantity OCR could not read ("!" for "1", a lone "3" lost in a rule's specks)
    is the amount over the price when that is a whole number of units."""
    p, a = decimal_of(item.unit_price), decimal_of(item.amount)
    if p is None or a is None or p <= 0 or a <= 0:
        return 0
    units = (a / p).quantize(Decimal(1))
    if units < 1 or abs(units * p - a) > CENT:
        return 0
    conf = min(item.unit_price.confidence, item.amount.confidence) * confidence.OCR_REPAIR
    item.quantity = Field("quantity", "", qty_str(units), round(conf, 3), item.amount.page, None,
                          "derived:amount_over_price")
    return 1


def _derive_price(item: LineItem) -> int:
    """A price OCR could not read, in a table whose other lines show theirs, is the
    amount over the quantity when that is a whole number of cents."""
    q, a = decimal_of(item.quantity), decimal_of(item.amount)
    if q is None or a is None or q <= 0 or a <= 0:
        return 0
    price = (a / q).quantize(TWO_DECIMALS)
    if price <= 0 or price * q != a:
        return 0
    conf = min(item.quantity.confidence, item.amount.confidence) * confidence.OCR_REPAIR
    item.unit_price = Field("unit_price", "", money_str(price), round(conf, 3), item.amount.page, None,
                            "derived:amount_over_quantity")
    return 1


def _line_options(item: LineItem, q: Decimal, p: Decimal, a: Decimal) -> list[tuple[str, str]]:
    out = []
    amount = q * p
    if amount == amount.quantize(TWO_DECIMALS) and one_slip(_text(item.amount), money_str(amount)):
        out.append(("amount", money_str(amount)))
    price = (a / q).quantize(PRICE_STEP)
    if abs(price * q - a) <= CENT / 2 and one_slip(_text(item.unit_price), money_str(price.normalize())):
        out.append(("unit_price", money_str(price.normalize())))
    qty = (a / p).quantize(QTY_STEP)
    if abs(qty * p - a) <= CENT / 2 and one_slip(_text(item.quantity), qty_str(qty)):
        out.append(("quantity", qty_str(qty)))
    return out


def sign_variants(fields: list[Field]) -> list[Field]:
    """For each money candidate printed after a currency sign OCR may have read as a
    digit ("329,140.00" for "₹29,140.00"), the value without its first digit, as a
    further candidate after all the others: the totals' arithmetic picks it or not."""
    out = []
    for f in fields:
        text = (f.value or "").strip()
        if len(_digits(text)) < SIGN_MIN_DIGITS or not text[:1].isdigit() or f.normalized is None:
            continue
        value = _value(text[1:].lstrip(",. "))
        if value is None or value == 0:
            continue
        out.append(Field(f.name, f.value, money_str(value), round(f.confidence * confidence.OCR_REPAIR, 3),
                         f.page, f.bbox, "repaired:currency_sign"))
    return out


def _repaired(f: Field, value: str) -> Field:
    return Field(f.name, f.value, value, round(f.confidence * confidence.OCR_REPAIR, 3), f.page, f.bbox,
                 "repaired:line_arithmetic")


def _text(f: Field) -> str:
    return f.value or f.normalized or ""


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _value(text: str) -> Decimal | None:
    return parse_amount(text) if text else None
