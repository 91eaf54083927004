"""Master data import and export; re-import updates instead of duplicating."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from app.catalog import csvio
from app.catalog.lookup import touch_catalog
from app.catalog.models import Customer, CustomerXref, Price, Product, Stock, Warehouse

# Stock that arrives serves the orders waiting for it. Orders sit above the catalog, so they
# register here (app.orders.actions.stock) instead of the catalog calling them.
StockArrived = Callable[[Session, list[str]], int]  # (session, skus) -> backorder lines allocated
_stock_listeners: list[StockArrived] = []


def on_stock_arrived(fn: StockArrived) -> StockArrived:
    """Call `fn(session, skus)` after a stock import, in its transaction; it returns what it allocated."""
    if fn not in _stock_listeners:
        _stock_listeners.append(fn)
    return fn


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    errors: list[csvio.RowError] = field(default_factory=list)
    strict: bool = False
    backorders_allocated: int = 0

    @property
    def loaded(self) -> int:
        return self.created + self.updated


def import_csv(session: Session, kind: str, text: str, *, strict: bool = False) -> ImportResult:
    """Load rows of one kind. With strict, any bad row loads nothing."""
    rows, errors = csvio.parse(kind, text)
    result = ImportResult(kind=kind, errors=errors, strict=strict)
    if strict and errors:
        return result
    upsert = UPSERTS[kind]
    for line, values in rows:
        try:
            with session.begin_nested():
                created = upsert(session, values)
        except LookupError as exc:
            result.errors.append(csvio.RowError(line, str(exc)))
            continue
        if created:
            result.created += 1
        else:
            result.updated += 1
    if strict and result.errors:
        session.rollback()
        result.created = result.updated = 0
    elif result.loaded:
        touch_catalog(session)
        if kind == "stock":  # stock arrived: waiting backorders are allocated again, in rule order
            skus = sorted({values["sku"] for _, values in rows})
            result.backorders_allocated += sum(listener(session, skus) for listener in _stock_listeners)
    return result


def _upsert(session: Session, model, where: dict, values: dict) -> bool:
    stmt = select(model)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    row = session.exec(stmt).first()
    created = row is None
    row = row or model(**where)
    for key, value in values.items():
        setattr(row, key, value)
    session.add(row)
    session.flush()
    return created


def _customer_id(session: Session, code: str) -> int:
    cid = session.exec(select(Customer.id).where(Customer.code == code)).first()
    if cid is None:
        raise LookupError(f"unknown customer {code!r}")
    return cid


def _warehouse_id(session: Session, code: str) -> int:
    wid = session.exec(select(Warehouse.id).where(Warehouse.code == code)).first()
    if wid is None:  # stock for a new warehouse creates it
        wh = Warehouse(code=code, name=code)
        session.add(wh)
        session.flush()
        wid = wh.id
    return wid


def _sku_exists(session: Session, sku: str) -> None:
    if session.exec(select(Product.id).where(Product.sku == sku)).first() is None:
        raise LookupError(f"unknown sku {sku!r}")


def _xref(session: Session, v: dict) -> bool:
    _sku_exists(session, v["sku"])
    cid = _customer_id(session, v["customer_code"])
    return _upsert(session, CustomerXref, {"customer_id": cid, "customer_part": v["customer_part"]}, {"sku": v["sku"]})


def _price(session: Session, v: dict) -> bool:
    _sku_exists(session, v["sku"])
    key = {k: v[k] for k in ("price_list", "sku", "min_qty")}
    return _upsert(session, Price, key, {"unit_price": v["unit_price"], "currency": v["currency"]})


def _stock(session: Session, v: dict) -> bool:
    _sku_exists(session, v["sku"])
    wid = _warehouse_id(session, v["warehouse"])
    return _upsert(session, Stock, {"warehouse_id": wid, "sku": v["sku"]}, {"on_hand": v["on_hand"]})


UPSERTS = {
    "customers": lambda s, v: _upsert(s, Customer, {"code": v["code"]}, v),
    "products": lambda s, v: _upsert(s, Product, {"sku": v["sku"]}, v),
    "warehouses": lambda s, v: _upsert(s, Warehouse, {"code": v["code"]}, v),
    "xref": _xref,
    "prices": _price,
    "stock": _stock,
}


def export_csv(session: Session, kind: str) -> str:
    if kind == "customers":
        records = [c.model_dump() for c in session.exec(select(Customer).order_by(Customer.code))]
    elif kind == "products":
        records = [p.model_dump() for p in session.exec(select(Product).order_by(Product.sku))]
    elif kind == "warehouses":
        records = [w.model_dump() for w in session.exec(select(Warehouse).order_by(Warehouse.code))]
    elif kind == "xref":
        rows = session.exec(select(CustomerXref, Customer.code).join(Customer, Customer.id == CustomerXref.customer_id))
        records = [{**x.model_dump(), "customer_code": code} for x, code in rows]
    elif kind == "prices":
        records = [p.model_dump() for p in session.exec(select(Price).order_by(Price.price_list, Price.sku))]
    elif kind == "stock":
        rows = session.exec(select(Stock, Warehouse.code).join(Warehouse, Warehouse.id == Stock.warehouse_id))
        records = [{**s.model_dump(), "warehouse": code} for s, code in rows]
    else:
        raise KeyError(kind)
    for rec in records:
        for key in ("email_domains", "sender_addresses"):
            if key in rec:
                rec[key] = rec[key] or ""
    return csvio.dump(kind, records)


DEMO_ORDER = ("warehouses", "customers", "products", "xref", "prices", "stock")
