"""How buyers print dates and money."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONATE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")


def fmt_date(d: date, style: str) -> str:
    if style == "mdy":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dmy_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "long_us":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "long_uk":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "dmon":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    raise ValueError(style)


def _group(digits: str, indian: bool) -> list[str]:
    if not indian or len(digits) <= 3:
        return [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
    head, tail = digits[:-3], digits[-3:]
    groups = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
    return groups + [tail]


def fmt_money(x: Decimal, style: str) -> str:
    """'en' 1,234.56 | 'de' 1.234,56 | 'in' 1,23,456.78 | 'plain' 1234.56"""
    s = f"{x:.2f}"
    neg = s.startswith("-")
    whole, frac = s.lstrip("-").split(".")
    if style == "plain":
        out = f"{whole}.{frac}"
    elif style == "de":
        out = ".".join(_group(whole, False)) + "," + frac
    else:
        out = ",".join(_group(whole, style == "in")) + "." + frac
    return ("-" if neg else "") + out


def fmt_qty(q: Decimal, style: str) -> str:
    s = f"{q.normalize():f}"
    return s.replace(".", ",") if style == "de" else s
