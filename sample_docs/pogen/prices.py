"""Price lists: one per currency, converted from our USD list price, with a
cheaper tier from 100 units for boxed fasteners."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from .catalog import products

RATES = {"USD": Decimal("1"), "EUR": Decimal("0.92"), "GBP": Decimal("0.79"),
         "CAD": Decimal("1.36"), "INR": Decimal("83")}
TIER_QTY = 100
TIER_FACTOR = Decimal("0.90")
CENT = Decimal("0.01")


@cache
def price_rows() -> tuple[tuple[str, str, Decimal, str, int], ...]:
    """(price_list, sku, unit_price, currency, min_qty) for every list."""
    rows = []
    for cur, rate in RATES.items():
        for p in products():
            base = (p.list_price * rate).quantize(CENT if cur != "INR" else Decimal("1"), ROUND_HALF_UP)
            base = base.quantize(CENT)
            rows.append((f"LIST-{cur}", p.sku, base, cur, 1))
            if p.product_line in ("Fasteners", "Anchors") and p.uom == "BX":
                rows.append((f"LIST-{cur}", p.sku, (base * TIER_FACTOR).quantize(CENT, ROUND_HALF_UP), cur, TIER_QTY))
    return tuple(rows)


@cache
def _index() -> dict[tuple[str, str], list[tuple[int, Decimal]]]:
    idx: dict[tuple[str, str], list[tuple[int, Decimal]]] = {}
    for plist, sku, price, _cur, min_qty in price_rows():
        idx.setdefault((plist, sku), []).append((min_qty, price))
    return idx


def unit_price(price_list: str, sku: str, qty: Decimal) -> Decimal:
    """The price of the highest tier whose min_qty the quantity reaches."""
    tiers = sorted(_index()[(price_list, sku)])
    return [price for min_qty, price in tiers if qty >= min_qty][-1]
