"""Plain values the matchers take and return; the service maps database rows to them."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """A product as matching sees it. `pack_size`: pieces per `uom`, or the order
    multiple of a product sold per EA (1 when it does not apply)."""

    id: int
    sku: str
    description: str
    uom: str
    pack_size: int = 1
    list_price: Decimal | None = None
    active: bool = True
    product_line: str | None = None


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """A customer with what identifies it on an incoming document."""

    id: int
    code: str
    name: str
    email_domains: tuple[str, ...] = ()
    sender_addresses: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """One matched record. `score` is 0..1; `reason` says why, for the clerk;
    `method` is how (sender, domain, name, address, hint, sku, sku_ocr, xref,
    code_fuzzy, description). `candidates` holds the runners-up as (id, score),
    set on the best match only, so validation can see an ambiguous choice."""

    id: int | None
    score: float
    reason: str
    method: str
    candidates: tuple[tuple[int, float], ...] = ()
