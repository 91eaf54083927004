"""A total whose label OCR garbled, found by what it must be: subtotal + tax (+ shipping).

On scanned pages the totals' labels are often the worst read words ("Gesamtbetrag"
as "Desamtoetir-[:"), while their amounts read fine. When the subtotal (and tax)
were found by their labels but no total was, an amount printed below the subtotal
that equals subtotal + tax, alone or with one more amount between them (the
shipping, whose label was lost too), is the total. Only OCRed pages; the sum is
the confirmation, so no amount is taken on its position alone.
"""
from __future__ import annotations

import re
from decimal import Decimal

from extractors import confidence
from extractors.layout.textlines import Line
from extractors.model import Field
from extractors.normalize import CENT, decimal_of, money_str, parse_amount

BLOCK_LINES = 8  # the totals block: this many lines from the subtotal down
BOX_SLACK = 1  # points a word may stick out of a field's box and still be part of it
_CENTS = re.compile(r"\d[.,]\d{2}\b")


def unlabelled_total(money: dict[str, list[Field]], lines: list[Line],
                     decimal_comma: bool | None) -> dict[str, list[Field]]:
    """Total (and shipping) candidates from the amounts under the subtotal, only where
    they add up; `money` holds the labelled candidates, best first."""
    if "total" in money or not money.get("subtotal"):
        return {}
    sub = money["subtotal"][0]
    start = _line_of(sub, lines)
    if start is None or not any(w.source == "ocr" for w in lines[start].words):
        return {}
    known = [money[n][0] if money.get(n) else None for n in ("subtotal", "tax", "shipping")]
    base = sum((v for v in map(decimal_of, known) if v is not None), Decimal(0))
    amounts = [(w, v) for line in lines[start:start + BLOCK_LINES] if line.page == sub.page
               for w in line.words if _CENTS.search(w.text) and not any(_inside(w, f) for f in known)
               for v in [parse_amount(w.text, decimal_comma)] if v is not None and v > 0]
    for i, (word, value) in enumerate(amounts):
        if abs(value - base) <= CENT:
            return {"total": [_field("total", word, value, sub.page)]}
        if known[2] is not None:
            continue
        for ship_word, ship in amounts[:i]:
            if abs(base + ship - value) <= CENT:
                return {"total": [_field("total", word, value, sub.page)],
                        "shipping": [_field("shipping", ship_word, ship, sub.page)]}
    return {}


def _inside(word, f: Field | None) -> bool:
    """The word is (part of) the field's printed value."""
    if f is None or f.bbox is None:
        return False
    x0, top, x1, bottom = f.bbox
    s = BOX_SLACK
    return word.x0 >= x0 - s and word.x1 <= x1 + s and word.top >= top - s and word.bottom <= bottom + s


def _line_of(f: Field | None, lines: list[Line]) -> int | None:
    """Index of the line holding the field's box."""
    if f is None or f.bbox is None or f.page is None:
        return None
    mid = (f.bbox[1] + f.bbox[3]) / 2
    for i, line in enumerate(lines):
        if line.page == f.page and line.top <= mid <= line.bottom:
            return i
    return None


def _field(name: str, word, value: Decimal, page: int) -> Field:
    return Field(name, word.text, money_str(value), confidence.TOTAL_BY_SUM, page,
                 (word.x0, word.top, word.x1, word.bottom), "derived:totals_sum")
