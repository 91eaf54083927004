"""Typeahead search of master data for clerks and API clients: the products a clerk most likely
means by a code or words, and customers by name, each hit with its score and reason."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlmodel import Session

from app.catalog.lookup import Catalog, catalog
from app.catalog.matching.text import norm_code


@dataclass
class ProductHit:
    id: int
    sku: str
    description: str
    uom: str
    pack_size: int
    list_price: object
    active: bool
    score: float
    reason: str


@dataclass
class CustomerHit:
    id: int
    code: str
    name: str
    score: float
    reason: str
    extra: dict = field(default_factory=dict)


def search_products(session: Session, q: str, customer_id: int | None = None, limit: int = 10) -> list[ProductHit]:
    """Typeahead: the products a clerk most likely means by `q` (code or words)."""
    q = (q or "").strip()
    if not q:
        return []
    cat = catalog(session)
    found: dict[int, tuple[float, str]] = {}
    for doc in _sku_containing(cat, q, limit):  # what a clerk types of a code: its start or any part
        found[cat.products.products[doc].id] = (0.99, f"SKU contains {q}")
    for m in cat.products.match_line(q, q, customer_id=customer_id, limit=limit):
        if m.id not in found or m.score > found[m.id][0]:
            found[m.id] = (m.score, m.reason)
    hits = []
    for pid, (score, reason) in sorted(found.items(), key=lambda kv: -kv[1][0])[:limit]:
        p = cat.product_by_id[pid]
        hits.append(ProductHit(p.id, p.sku, p.description, p.uom, p.pack_size, p.list_price, p.active, score, reason))
    return hits


def _sku_containing(cat: Catalog, q: str, limit: int) -> list[int]:
    """Catalog positions of SKUs that start with, else contain, the typed code."""
    key = norm_code(q).encode("ascii", "ignore")
    if len(key) < 3 or not any(ch in b"0123456789" for ch in key):
        return []
    codes = cat.products.skus
    lo = int(np.searchsorted(codes.codes, key, side="left"))
    hi = int(np.searchsorted(codes.codes, key + b"\xff", side="left"))
    if hi > lo:
        return codes.order[lo:min(hi, lo + limit)].tolist()
    hits = np.flatnonzero(np.char.find(codes.codes, key) >= 0)[:limit]
    return codes.order[hits].tolist()


def search_customers(session: Session, q: str, limit: int = 10) -> list[CustomerHit]:
    q = (q or "").strip()
    if not q:
        return []
    cat = catalog(session)
    out = []
    for m in cat.customers.match(None, q, None, hint=q, limit=limit):
        c = cat.customer_by_id[m.id]
        out.append(CustomerHit(c.id, c.code, c.name, m.score, m.reason))
    return out
