"""Dates, amounts and currencies as printed -> normalised values."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from extractors.model import Field

CURRENCY_CODES = {
    "USD", "EUR", "GBP", "INR", "CAD", "AUD", "CHF", "JPY", "CNY", "RMB", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "MXN", "BRL", "ZAR", "SGD", "HKD", "NZD", "AED", "SAR", "TRY", "KRW",
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY",
                    "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD",
                    "S$": "SGD", "R$": "BRL", "CHF": "CHF", "Rs.": "INR", "Rs": "INR"}
MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "mär": 3, "märz": 3, "maerz": 3, "mars": 3, "apr": 4, "april": 4,
    "may": 5, "mai": 5, "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "dez": 12, "dezember": 12,
}

CENT = Decimal("0.011")  # two amounts this close are the same amount (a cent, and rounding)
AMOUNT_TOLERANCE = Decimal("0.001")  # or this share of the amount apart: unit prices printed rounded
TWO_DECIMALS = Decimal("0.01")  # money is rounded to cents
THOUSANDS = 3  # digits in a thousands group: "1,234" is a thousand, "1,23" a decimal
CENTURY = 2000  # a two-digit year is in this century
FIRST_YEAR, LAST_YEAR = 1900, 2100  # a year outside these is a misread or another number, not a date


def decimal_of(f: Field | None) -> Decimal | None:
    """A field's normalised value as a Decimal; None when absent or not a number."""
    if f is None or not f.normalized:
        return None
    try:
        return Decimal(f.normalized)
    except ArithmeticError:
        return None


_AMOUNT = re.compile(r"^[-(]?(?:[A-Z]{3}|[$€£₹¥])?\s?[-(]?\d[\d.,' \u202f]*\d?\)?-?(?:[A-Z]{3}|[$€£₹¥])?$")


def currency_of(text: str) -> str | None:
    """An ISO 4217 code for a printed code or symbol found in `text`."""
    for token in re.findall(r"(?<![A-Z])[A-Z]{3}(?![A-Z])", text.upper()):
        if token in CURRENCY_CODES:
            return "CNY" if token == "RMB" else token
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if sym in text and not sym.isalpha():
            return CURRENCY_SYMBOLS[sym]
    return None


def currency_token(token: str) -> str | None:
    """The ISO code when a word is just a currency code or symbol, maybe glued to an amount."""
    core = re.sub(r"[\d.,:;()'\-\s]", "", token)
    if core.upper() in CURRENCY_CODES:
        return "CNY" if core.upper() == "RMB" else core.upper()
    return CURRENCY_SYMBOLS.get(core) if not core.isalpha() else None


def parse_amount(text: str, decimal_comma: bool | None = None) -> Decimal | None:
    """'1,234.56', '1.234,56', '1 234,56', '$ 12.50', 'EUR 3,00' -> Decimal; None if not money."""
    t = text.strip().replace("\u202f", " ").replace("\xa0", " ")
    if not t or not _AMOUNT.match(t):
        return None
    negative = t.startswith(("-", "(")) or t.endswith(("-", ")"))
    t = re.sub(r"[^\d.,' ]", "", t).replace(" ", "").replace("'", "")
    if not t or not t[0].isdigit():
        return None
    commas, dots = t.count(","), t.count(".")
    if commas and dots:
        last_is_comma = t.rfind(",") > t.rfind(".")
        t = t.replace(".", "").replace(",", ".") if last_is_comma else t.replace(",", "")
    elif commas:
        head, tail = t.rsplit(",", 1)
        if commas == 1 and (len(tail) != THOUSANDS or decimal_comma):
            t = t.replace(",", ".")
        elif len(tail) == 2:  # "10,152,97": a misread thousands point, the last comma is decimal
            t = head.replace(",", "") + "." + tail
        else:
            t = t.replace(",", "")
    elif dots > 1 and len(t.rsplit(".", 1)[1]) == 2:  # "1.234.56"
        head, tail = t.rsplit(".", 1)
        t = head.replace(".", "") + "." + tail
    elif dots > 1 or (dots == 1 and decimal_comma and len(t.rsplit(".", 1)[1]) == THOUSANDS):
        t = t.replace(".", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return -value if negative else value


def money_str(value: Decimal) -> str:
    """A decimal string with at least two decimals: 1234.5 -> '1234.50'."""
    q = value.normalize()
    if q.as_tuple().exponent > -2:
        q = value.quantize(TWO_DECIMALS)
    return format(q, "f")


def qty_str(value: Decimal) -> str:
    q = value.normalize()
    return format(q, "f")


_NUMERIC_DATE = re.compile(r"^(\d{1,4})[./\-](\d{1,2})[./\-](\d{1,4})\.?$")
_WRITTEN = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?([A-Za-zäÄ]+)\.?,?\s*(\d{2,4})"  # 5th of May 2024
                      r"|([A-Za-zäÄ]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(\d{2,4}))$")  # May 5, 2024


def date_order(text: str) -> str | None:
    """'dmy' or 'mdy' when a numeric date can only be read one way, else None."""
    m = _NUMERIC_DATE.match(text.strip())
    if not m or len(m.group(1)) == 4:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return "dmy" if "." in text else None


def parse_date(text: str, dayfirst: bool = False) -> str | None:
    """A printed date -> 'YYYY-MM-DD', or None when it is not a date."""
    t = text.strip().rstrip(",")
    m = _NUMERIC_DATE.match(t)
    if m:
        a, b, c = m.groups()
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        else:
            first, second = int(a), int(b)
            order = date_order(t)
            if order == "dmy" or (order is None and (dayfirst or "." in t)):
                d, mo = first, second
            else:
                mo, d = first, second
            y = _year(c)
        return _iso(y, mo, d)
    m = _WRITTEN.match(t)
    if m:
        if m.group(1):
            d, mon, y = m.group(1), m.group(2), m.group(3)
        else:
            mon, d, y = m.group(4), m.group(5), m.group(6)
        mo = MONTHS.get(mon.lower())
        if mo:
            return _iso(_year(y), mo, int(d))
    m = re.match(r"^(\d{1,2})-([A-Za-z]{3,9})-(\d{2,4})$", t)
    if m and MONTHS.get(m.group(2).lower()):
        return _iso(_year(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    return None


def _year(text: str) -> int:
    y = int(text)
    return y + CENTURY if y < 100 else y


def _iso(y: int, mo: int, d: int) -> str | None:
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None
