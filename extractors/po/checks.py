"""Cross-checks: line amount = qty x price, lines sum to subtotal, subtotal + tax + shipping = total.

Results go to Extraction.checks and move confidences up or down; a missing
subtotal equal to what the lines and the total both say is filled in.
"""
from __future__ import annotations

from decimal import Decimal

from extractors import confidence
from extractors.model import Extraction, Field, LineItem
from extractors.normalize import AMOUNT_TOLERANCE, CENT, TWO_DECIMALS, decimal_of, money_str
from extractors.ocr.repair.arithmetic import repair_lines, sign_variants

# Votes for a combination of printed totals: adding up outweighs matching the items
TOTALS_AGREE = 2  # subtotal (or the items) + tax + shipping = total
SUBTOTAL_AGREES = 1  # the items add up to the subtotal


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= CENT


def _scale(f: Field | None, factor: float) -> None:
    if f is not None:
        f.confidence = round(max(0.0, min(1.0, f.confidence * factor)), 3)


def choose_totals(ex: Extraction, money: dict[str, list[Field]]) -> None:
    """Among the printed candidates, take the totals that agree with each other and the lines.
    On OCRed pages, misread numbers the arithmetic confirms are repaired first."""
    if "ocr" in ex.sources:
        repair_lines(ex)
        money = {name: fields + sign_variants(fields) for name, fields in money.items()}
    lines_sum = _lines_sum(ex)
    names = ("subtotal", "tax", "shipping", "total")
    options = [money.get(n) or [None] for n in names]
    best, best_key = None, None
    for rank, combo in enumerate(_product(options)):
        sub, tax, ship, total = (decimal_of(f) for f in combo)
        agree = 0
        base = sub if sub is not None else lines_sum
        if total is not None and base is not None and _close(base + (tax or 0) + (ship or 0), total):
            agree += TOTALS_AGREE
        if sub is not None and lines_sum is not None and _close(lines_sum, sub):
            agree += SUBTOTAL_AGREES
        key = (agree, -rank)
        if best_key is None or key > best_key:
            best, best_key = combo, key
    for name, f in zip(names, best or ()):
        if f is not None:
            ex.fields[name] = f


def _product(options):
    out = [[]]
    for opts in options:
        out = [o + [f] for o in out for f in opts]
    # candidates ranked best first: keep the order of the sum of ranks
    return [tuple(o) for o in out]


def _line_gap(i: LineItem) -> Decimal:
    """How far quantity x price is from the printed amount (of an item that has all three)."""
    return decimal_of(i.quantity) * decimal_of(i.unit_price) - decimal_of(i.amount)


def _lines_sum(ex: Extraction) -> Decimal | None:
    amounts = [decimal_of(i.amount) for i in ex.line_items if i.amount is not None]
    if not amounts or len(amounts) != len(ex.line_items):
        return None
    return sum(amounts, Decimal(0))


def _repair_amounts(ex: Extraction, priced) -> None:
    """A misread line amount: when quantity x price for the disagreeing lines makes the
    lines add up to the printed subtotal (or total), take quantity x price."""
    sub, total = decimal_of(ex.fields.get("subtotal")), decimal_of(ex.fields.get("total"))
    target = sub if sub is not None else total
    lines_sum = _lines_sum(ex)
    if target is None or lines_sum is None or any(t is not None and _close(lines_sum, t) for t in (sub, total)):
        return  # the printed amounts agree with a printed total (e.g. amounts with tax)
    bad = [i for i in priced if abs(_line_gap(i)) > CENT]
    fixed = lines_sum + sum((_line_gap(i) for i in bad), Decimal(0))
    if not _close(fixed, target):
        return
    for i in bad:
        value = money_str((decimal_of(i.quantity) * decimal_of(i.unit_price)).quantize(TWO_DECIMALS))
        a = i.amount
        i.amount = Field("amount", a.value, value, round(a.confidence * confidence.AMOUNT_FROM_QTY_X_PRICE, 3),
                         a.page, a.bbox, "repaired:quantity_x_price")
    ex.checks["line_amounts"] = True
    ex.warnings.append(f"{len(bad)} line amount(s) repaired from quantity x price")


def run_checks(ex: Extraction) -> None:
    items = ex.line_items
    priced = [i for i in items if i.quantity and i.unit_price and i.amount]
    if priced:
        ok = all(abs(_line_gap(i)) <= max(CENT, decimal_of(i.amount) * AMOUNT_TOLERANCE) for i in priced)
        ex.checks["line_amounts"] = ok
        if not ok:
            _repair_amounts(ex, priced)
    lines_sum = _lines_sum(ex)
    f = ex.fields
    sub, tax, ship, total = (decimal_of(f.get(n)) for n in ("subtotal", "tax", "shipping", "total"))
    if lines_sum is not None and sub is not None:
        ok = _close(lines_sum, sub)
        ex.checks["lines_sum_subtotal"] = ok
        _scale(f.get("subtotal"), confidence.SUBTOTAL_MATCHES_LINES if ok else confidence.SUBTOTAL_DIFFERS_FROM_LINES)
    if total is not None and (sub is not None or lines_sum is not None):
        base = sub if sub is not None else lines_sum
        expected = base + (tax or 0) + (ship or 0)
        ok = _close(expected, total)
        ex.checks["totals_add_up"] = ok
        for n in ("subtotal", "tax", "shipping", "total"):
            _scale(f.get(n), confidence.TOTALS_ADD_UP if ok else confidence.TOTALS_DISAGREE)
        if sub is None and tax is None and ship is None:
            del ex.checks["totals_add_up"]
            ex.checks["lines_sum_total"] = ok
    if sub is None and total is not None and tax is not None and lines_sum is not None \
            and _close(lines_sum + tax + (ship or 0), total):
        f["subtotal"] = Field("subtotal", money_str(lines_sum), money_str(lines_sum), confidence.SUBTOTAL_DERIVED,
                              f["total"].page, None, "derived:total_minus_tax")
        ex.checks["totals_add_up"] = True
    for item in items:
        if item.quantity and item.unit_price and item.amount and abs(_line_gap(item)) > CENT:
            item.confidence = round(item.confidence * confidence.ITEM_DISAGREES, 3)
