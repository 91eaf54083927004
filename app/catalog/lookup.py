"""Master data as the matchers see it: built from the database once, reused.

The indexes are rebuilt when the catalog changes: every write to master data
advances the "catalog" counter (touch_catalog), and the counter with row
counts is compared on each use, so an import or a learned cross reference in
another process is picked up too. Outside edits are seen within MAX_AGE.
The cached rows are detached copies, safe to share between sessions.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from app.catalog.matching import CustomerMatcher, CustomerRecord, ProductIndex, ProductRecord
from app.catalog.models import Customer, CustomerXref, Price, Product
from app.core.numbers import next_number, peek


@dataclass
class Catalog:
    signature: tuple
    products: ProductIndex
    customers: CustomerMatcher
    product_by_id: dict[int, Product]
    customer_by_id: dict[int, Customer]


_lock = threading.Lock()
_cache: dict[str, tuple[float, Catalog]] = {}
MAX_AGE = 300.0  # seconds


def touch_catalog(session: Session) -> None:
    """Say that master data changed (in this transaction): indexes are rebuilt on next use."""
    next_number(session, "catalog", "")


def _signature(session: Session) -> tuple:
    sig = [peek(session, "catalog")]
    for model in (Product, Customer, CustomerXref):
        sig += list(session.exec(select(func.count(model.id), func.max(model.id))).one())
    return tuple(sig)


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _customer_record(c: Customer) -> CustomerRecord:
    def split(s: str | None) -> tuple[str, ...]:
        return tuple(p for p in (s or "").split(";") if p)
    return CustomerRecord(id=c.id, code=c.code, name=c.name, email_domains=split(c.email_domains),
                          sender_addresses=split(c.sender_addresses),
                          addresses=tuple(a for a in (c.ship_to, c.bill_to) if a))


def _product_record(p: Product) -> ProductRecord:
    return ProductRecord(id=p.id, sku=p.sku, description=p.description, uom=p.uom, pack_size=p.pack_size,
                         list_price=p.list_price, active=p.active, product_line=p.product_line)


def catalog(session: Session) -> Catalog:
    """The current catalog indexes (rebuilt if the master data changed)."""
    key = str(session.get_bind().url)
    sig = _signature(session)
    with _lock:
        built_at, cached = _cache.get(key, (0.0, None))
        if cached is not None and cached.signature == sig and time.monotonic() - built_at < MAX_AGE:
            return cached
        products = [Product(**p.model_dump()) for p in session.exec(select(Product))]
        customers = [Customer(**c.model_dump()) for c in session.exec(select(Customer).where(Customer.active))]
        xrefs = {(x.customer_id, x.customer_part): x.sku for x in session.exec(select(CustomerXref))}
        built = Catalog(sig, ProductIndex([_product_record(p) for p in products], xrefs),
                        CustomerMatcher([_customer_record(c) for c in customers]),
                        {p.id: p for p in products}, {c.id: c for c in customers})
        _cache[key] = (time.monotonic(), built)
        return built


def learn_xref(session: Session, customer_id: int, part: str, sku: str) -> None:
    """Remember that this customer's part number (or wording) means our SKU."""
    part = part.strip()
    if not part:
        return
    touch_catalog(session)
    existing = session.exec(select(CustomerXref).where(CustomerXref.customer_id == customer_id,
                                                       CustomerXref.customer_part == part)).first()
    if existing is None:
        session.add(CustomerXref(customer_id=customer_id, customer_part=part, sku=sku, learned=True))
    elif existing.sku != sku:
        existing.sku, existing.learned = sku, True
        session.add(existing)


def price_tiers(session: Session, customer: Customer | None, skus: set[str]) -> dict[str, list[tuple[int, Decimal]]]:
    """The customer's price-list tiers for these SKUs, (min_qty, price) highest tier first, in one query."""
    if customer is None or not customer.price_list or not skus:
        return {}
    rows = session.exec(select(Price).where(Price.price_list == customer.price_list, Price.sku.in_(skus))
                        .order_by(Price.min_qty.desc())).all()
    tiers: dict[str, list[tuple[int, Decimal]]] = {}
    for price in rows:
        tiers.setdefault(price.sku, []).append((price.min_qty, price.unit_price))
    return tiers


def price_for(tiers: dict[str, list[tuple[int, Decimal]]], product: Product,
              quantity: Decimal | None) -> Decimal | None:
    """The price-list price for this quantity, else the product's list price."""
    for min_qty, price in tiers.get(product.sku, []):
        if quantity is None or quantity >= min_qty:
            return price
    return product.list_price

