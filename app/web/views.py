"""What the review templates show, built from the review service's state (values in, values out)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import UnknownCurrencyError, format_currency, format_decimal

from app.intake.review.service import ReviewState

LOCALE = "en_US"  # how numbers are written on the pages (grouping and decimal signs)

LABELS = {
    "po_number": "PO number", "order_date": "Order date", "requested_delivery_date": "Delivery date",
    "buyer": "Buyer", "supplier": "Supplier", "ship_to": "Ship to", "bill_to": "Bill to",
    "currency": "Currency", "subtotal": "Subtotal", "tax": "Tax", "shipping": "Shipping",
    "total": "Total", "payment_terms": "Payment terms",
}
LONG = {"buyer", "supplier", "ship_to", "bill_to"}
LINE_COLUMNS = (("sku", "Their code"), ("description", "Description"), ("quantity", "Qty"), ("unit", "Unit"),
                ("unit_price", "Price"), ("amount", "Amount"))
_LINE_FIELD = re.compile(r"line_items\[(\d+)\]")
_LINE_CELL = re.compile(r"line_items\[(\d+)\]\.(\w+)")


def input_id(name: str) -> str:
    """The id of the input that edits a field: f-po_number, or l3-quantity for line_items[3].quantity."""
    m = _LINE_CELL.fullmatch(name)
    return f"l{m.group(1)}-{m.group(2)}" if m else f"f-{name}"


def text(value: object) -> str:
    """A stored value as the text a clerk edits (party blocks come as dicts)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v)
    return str(value)


def _decimal(value: object) -> Decimal | None:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return d if d.is_finite() else None


def money(value: object, currency: str | None = None) -> str:
    """An amount with the currency's sign and its own number of decimals (¥126,840; €1,234.50)."""
    d = _decimal(value)
    if d is None:
        return "" if value is None else str(value)
    code = (currency or "").upper()
    try:
        return format_currency(d, code, locale=LOCALE) if code else format_decimal(d, "#,##0.00", locale=LOCALE)
    except UnknownCurrencyError:
        return f"{format_decimal(d, '#,##0.00', locale=LOCALE)} {code}"


def quantity(value: object) -> str:
    """A quantity without trailing zeros (10, not 10.0000; 2.5)."""
    d = _decimal(value)
    if d is None:
        return "" if value is None else str(value)
    return format_decimal(d.normalize() if d != d.to_integral() else d.to_integral(), locale=LOCALE)


def age(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60:02d}"
    return f"{minutes // 1440} d"


def box(bbox, page: int | None, size: tuple[float, float] | None, box_id: str, label: str) -> dict | None:
    """A highlight box in percent of the page image, from a PDF-point bbox (origin top-left)."""
    if not bbox or not page or not size or len(bbox) != 4:
        return None
    w, h = size
    x0, top, x1, bottom = (float(v) for v in bbox)
    pad = 1.5
    return {"id": box_id, "page": page, "label": label,
            "left": round(max(x0 - pad, 0) / w * 100, 3), "top": round(max(top - pad, 0) / h * 100, 3),
            "width": round((x1 - x0 + 2 * pad) / w * 100, 3), "height": round((bottom - top + 2 * pad) / h * 100, 3)}


def document_view(state: ReviewState, sizes: list[tuple[float, float]]) -> dict:
    """Header rows, line rows and highlight boxes for the review page."""
    def size(p: int | None) -> tuple[float, float] | None:
        return sizes[p - 1] if p and 0 < p <= len(sizes) else None
    flagged = {i.field for i in state.issues if i.field}
    flagged_lines = {int(m.group(1)) for f in flagged if (m := _LINE_FIELD.match(f))}
    boxes, header = [], []
    for name, label in LABELS.items():
        src = state.fields.get(name) or {}
        b = box(src.get("bbox"), src.get("page"), size(src.get("page")), f"box-{name}", label)
        if b:
            boxes.append(b)
        header.append({"name": name, "label": label, "value": text(state.data.get(name)), "long": name in LONG,
                       "confidence": src.get("confidence"), "box": b["id"] if b else None,
                       "flagged": name in flagged,
                       "confirmed": name in (state.data.get("confirmed") or [])})
    lines = []
    for i, item in enumerate(state.data.get("line_items") or []):
        src = item.get("source") or {}
        b = box(src.get("bbox"), src.get("page"), size(src.get("page")), f"box-line-{i}", f"Line {i + 1}")
        if b:
            boxes.append(b)
        match = item.get("match") or {}
        lines.append({"index": i, "cells": [(k, text(item.get(k))) for k, _ in LINE_COLUMNS],
                      "our_sku": item.get("our_sku") or "", "score": match.get("score"),
                      "reason": match.get("reason") or "", "method": match.get("method") or "",
                      "unit_note": item.get("unit_note") or "", "box": b["id"] if b else None,
                      "flagged": i in flagged_lines})
    amounts = [_decimal(item.get("amount")) for item in state.data.get("line_items") or []]
    known = [a for a in amounts if a is not None]
    return {"header": header, "lines": lines, "boxes": boxes, "columns": LINE_COLUMNS,
            "total": sum(known, Decimal(0)) if known else None}


def conflict_changes(details: dict) -> list[dict]:
    return [{"field": c.get("field"), "old": c.get("old"), "new": c.get("new"), "user": c.get("user"),
             "at": (c.get("at") or "")[:19].replace("T", " ")} for c in details.get("changes", [])]
