"""What a clerk may type into a field, checked before it is saved. Pure: text in, a clean value or
the reason it is refused out, so the review page can show the error beside the field.

A PO number has a shape (letters, digits and a few separators, at least one digit, no long run
of one letter: "jjjj7" is a stray key, not a PO); dates must exist on the calendar (31/02/2025
does not) and are stored as ISO; quantities and money are plain decimals.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PO_MAX_LENGTH = 35  # EDI 850 BEG03 allows 22; the longest real PO numbers we have seen are ~30
PO_SHAPE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9 ./#_-]*[A-Za-z0-9])?$")
STRAY_RUN = re.compile(r"([A-Za-z])\1{3,}")  # one letter four times or more: a key held down, not a code
DATE_FIELDS = ("order_date", "requested_delivery_date")
MONEY_FIELDS = ("subtotal", "tax", "shipping", "total")
LINE_NUMBERS = ("quantity", "unit_price", "amount")
QUANTITY_PLACES = Decimal("0.0001")  # the order line's quantity column (Numeric(14, 4))
MONEY_PLACES = Decimal("0.01")
MAX_NUMBER = Decimal("1e10")  # beyond the order tables' Numeric(14, 4)
# Day-first unless the text says otherwise; a clerk types what the page shows.
DATE_FORMATS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"), \
               (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), "dmy"), \
               (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2})$"), "dmy2")
MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"))}
WORDY_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$|^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+"
                        r"(\d{4})$")


class FieldError(ValueError):
    """The typed text cannot be this field's value; the message is for the clerk."""


def po_number(text: str) -> str:
    if len(text) > PO_MAX_LENGTH:
        raise FieldError(f"a PO number has at most {PO_MAX_LENGTH} characters")
    if not PO_SHAPE.match(text):
        raise FieldError("a PO number is letters and digits, with - / . # _ or spaces between them")
    if not any(c.isdigit() for c in text):
        raise FieldError("a PO number has at least one digit")
    if STRAY_RUN.search(text):
        raise FieldError("this looks like a key held down, not a PO number")
    return text


def a_date(text: str) -> str:
    """ISO date of `text`, or FieldError: the date must exist (no 31 February)."""
    parts = None
    for rx, order in DATE_FORMATS:
        m = rx.match(text)
        if m:
            a, b, c = (int(g) for g in m.groups())
            parts = {"ymd": (a, b, c), "dmy": (c, b, a), "dmy2": (2000 + c, b, a)}[order]
            break
    if parts is None and (m := WORDY_DATE.match(text)):
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        if month[:3].lower() not in MONTHS:
            raise FieldError(f"“{month}” is not a month")
        parts = (int(year), MONTHS[month[:3].lower()], int(day))
    if parts is None:
        raise FieldError("write the date as 2025-02-28 or 28/02/2025")
    try:
        return date(*parts).isoformat()
    except ValueError:
        raise FieldError(f"there is no such day: {text}") from None


def a_number(text: str, *, positive: bool, places: Decimal) -> str:
    cleaned = text.replace(",", "").replace(" ", "").replace("\u00a0", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise FieldError(f"“{text}” is not a number") from None
    if not value.is_finite() or abs(value) >= MAX_NUMBER:
        raise FieldError(f"“{text}” is not a number we can store")
    if positive and value <= 0:
        raise FieldError("must be more than 0")
    if value < 0:
        raise FieldError("cannot be negative")
    if value != value.quantize(places, rounding=ROUND_HALF_UP):
        raise FieldError(f"at most {-places.as_tuple().exponent} decimal places")
    if places == MONEY_PLACES:
        return format(value.quantize(places), "f")  # 126840 is written 126840.00
    if positive and value == value.to_integral():
        return format(value.to_integral(), "f")  # a quantity of 12, not 12.000
    return format(value, "f")


def currency(text: str) -> str:
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise FieldError("a currency is a three-letter code such as USD or EUR")
    return code


def check_header(name: str, text: str | None) -> str | None:
    """The value to store for header field `name` (None when cleared), or FieldError."""
    text = (text or "").strip()
    if not text:
        return None
    if name == "po_number":
        return po_number(text)
    if name in DATE_FIELDS:
        return a_date(text)
    if name in MONEY_FIELDS:
        return a_number(text, positive=False, places=MONEY_PLACES)
    if name == "currency":
        return currency(text)
    return text


def check_line(name: str, text: str | None) -> str | None:
    """The value to store for line field `name` (None when cleared), or FieldError."""
    text = (text or "").strip()
    if not text:
        return None
    if name == "quantity":
        return a_number(text, positive=True, places=QUANTITY_PLACES)
    if name == "unit_price":
        return a_number(text, positive=False, places=Decimal("0.0001"))
    if name == "amount":
        return a_number(text, positive=False, places=MONEY_PLACES)
    return text


def line_amount(quantity: str | None, unit_price: str | None) -> str | None:
    """Quantity x price at cents, half up; None unless both are numbers."""
    try:
        q, p = Decimal(str(quantity)), Decimal(str(unit_price))
    except (InvalidOperation, TypeError):
        return None
    if quantity is None or unit_price is None or not (q.is_finite() and p.is_finite()):
        return None
    return str((q * p).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP))
