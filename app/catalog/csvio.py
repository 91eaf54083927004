"""CSV rows for master data: parse and check each row, pure (no database).

Every bad row is reported with its line number and why; good rows still load
unless the caller is strict.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

AUTOMATION = ("never", "confident", "always")


@dataclass
class RowError:
    line: int
    message: str


def _text(row: dict, key: str, required: bool = False) -> str | None:
    value = (row.get(key) or "").strip()
    if required and not value:
        raise ValueError(f"{key} is required")
    return value or None


def _decimal(row: dict, key: str, required: bool = False, default: str | None = None) -> Decimal | None:
    raw = _text(row, key, required and default is None) or default
    if raw is None:
        return None
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{key} {raw!r} is not a number") from None
    if value < 0:
        raise ValueError(f"{key} must not be negative")
    return value


def _int(row: dict, key: str, default: int) -> int:
    raw = _text(row, key)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{key} {raw!r} is not a whole number") from None


def _bool(row: dict, key: str, default: bool = True) -> bool:
    raw = (_text(row, key) or "").lower()
    if not raw:
        return default
    if raw in ("true", "yes", "1", "y"):
        return True
    if raw in ("false", "no", "0", "n"):
        return False
    raise ValueError(f"{key} {raw!r} is not true or false")


def _list(row: dict, key: str) -> str:
    items = [p.strip().lower() for p in (row.get(key) or "").split(";") if p.strip()]
    return ";".join(items)


def customer(row: dict) -> dict:
    automation = (_text(row, "automation") or "confident").lower()
    if automation not in AUTOMATION:
        raise ValueError(f"automation must be one of {', '.join(AUTOMATION)}")
    return dict(code=_text(row, "code", True), name=_text(row, "name", True),
                email_domains=_list(row, "email_domains"), sender_addresses=_list(row, "sender_addresses"),
                bill_to=_text(row, "bill_to"), ship_to=_text(row, "ship_to"),
                credit_limit=_decimal(row, "credit_limit", default="0"), payment_terms=_text(row, "payment_terms"),
                price_list=_text(row, "price_list"), currency=(_text(row, "currency") or "USD").upper(),
                automation=automation, priority=_int(row, "priority", 3))


def product(row: dict) -> dict:
    pack = _int(row, "pack_size", 1)
    if pack < 1:
        raise ValueError("pack_size must be at least 1")
    return dict(sku=_text(row, "sku", True), description=_text(row, "description", True),
                uom=(_text(row, "uom") or "EA").upper(), pack_size=pack,
                list_price=_decimal(row, "list_price"), currency=(_text(row, "currency") or "USD").upper(),
                active=_bool(row, "active"), product_line=_text(row, "product_line"))


def xref(row: dict) -> dict:
    return dict(customer_code=_text(row, "customer_code", True), customer_part=_text(row, "customer_part", True),
                sku=_text(row, "sku", True))


def price(row: dict) -> dict:
    return dict(price_list=_text(row, "price_list", True), sku=_text(row, "sku", True),
                unit_price=_decimal(row, "unit_price", True), currency=(_text(row, "currency") or "USD").upper(),
                min_qty=_int(row, "min_qty", 1))


def warehouse(row: dict) -> dict:
    return dict(code=_text(row, "code", True), name=_text(row, "name") or "", address=_text(row, "address"))


def stock(row: dict) -> dict:
    return dict(warehouse=_text(row, "warehouse", True), sku=_text(row, "sku", True),
                on_hand=_decimal(row, "on_hand", True))


PARSERS: dict[str, Callable[[dict], dict]] = {
    "customers": customer, "products": product, "xref": xref, "prices": price,
    "warehouses": warehouse, "stock": stock,
}
COLUMNS = {
    "customers": ["code", "name", "email_domains", "sender_addresses", "bill_to", "ship_to", "credit_limit",
                  "payment_terms", "price_list", "currency", "automation", "priority"],
    "products": ["sku", "description", "uom", "pack_size", "list_price", "currency", "active", "product_line"],
    "xref": ["customer_code", "customer_part", "sku"],
    "prices": ["price_list", "sku", "unit_price", "currency", "min_qty"],
    "warehouses": ["code", "name", "address"],
    "stock": ["warehouse", "sku", "on_hand"],
}


def parse(kind: str, text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Checked rows as (line number, values) and the errors of the bad ones."""
    parse_row = PARSERS[kind]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS[kind][:1] if c not in (reader.fieldnames or [])]
    if missing:
        return [], [RowError(1, f"missing column(s): {', '.join(missing)}")]
    rows, errors = [], []
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(RowError(line, "more cells than columns"))
            continue
        try:
            rows.append((line, parse_row(row)))
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
    return rows, errors


def dump(kind: str, records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                         for k, v in rec.items()})
    return out.getvalue()
