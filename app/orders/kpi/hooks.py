"""Keeping the KPI facts with every change: a transaction that writes an order or a row of it marks
the order, and just before it commits the marked orders' fact rows are rewritten from their state
(`store.refresh`, under the order's row lock) in the same transaction, so they cannot drift.

Marked: ORM writes (new or changed rows) of orders, events, shipments and invoices (every action
ends in `service.record`, which changes the order row), ORM bulk UPDATE/DELETE statements on
any row that belongs to an order, and every order with a line of a product whose product line
changed (or that was added or removed: its lines move between product-line slices). Raw SQL is
not seen: `intake kpi rebuild` repairs the facts after it.
"""
from __future__ import annotations

from sqlalchemy import event as sa_event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession

from app.catalog.models import Product
from app.orders.kpi.store import refresh
from app.orders.models import (
    Invoice,
    InvoiceLine,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    ReturnLine,
    ReturnRequest,
    Shipment,
)

_MARKED = "kpi_orders"
_RELINED = "kpi_relined_skus"  # products whose lines may sit in another product-line slice now
_OWN_ORDER = (OrderLine, OrderEvent, Shipment, Invoice, ReturnRequest)


def mark(session: OrmSession, *order_ids: int | None) -> None:
    """Rewrite these orders' facts before the transaction commits."""
    session.info.setdefault(_MARKED, set()).update(i for i in order_ids if i is not None)


@sa_event.listens_for(OrmSession, "after_flush")
def _mark_flushed(session: OrmSession, _context: object) -> None:
    dirty = session.dirty  # built anew on every access
    for obj in (*session.new, *dirty, *session.deleted):
        if isinstance(obj, Order):
            mark(session, obj.id)
        elif isinstance(obj, _OWN_ORDER):
            mark(session, obj.order_id)
        elif isinstance(obj, Product) and (obj not in dirty or _line_changed(obj)):
            session.info.setdefault(_RELINED, set()).add(obj.sku)


def _line_changed(product: Product) -> bool:
    state = sa_inspect(product)
    return state.attrs.product_line.history.has_changes() or state.attrs.sku.history.has_changes()


def _owners(model: type, where):
    """A SELECT of the order ids of the rows of `model` that `where` picks, or None."""
    if model is Order:
        return select(Order.id).where(where)
    if model in _OWN_ORDER:
        return select(model.order_id).where(where)
    if model in (Payment, InvoiceLine):
        return select(Invoice.order_id).join(model, model.invoice_id == Invoice.id).where(where)
    if model is ReturnLine:
        return select(ReturnRequest.order_id).join(ReturnLine, ReturnLine.return_id == ReturnRequest.id).where(where)
    return None


@sa_event.listens_for(OrmSession, "do_orm_execute")
def _mark_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    where = state.statement.whereclause
    if state.bind_mapper.class_ is Product:
        skus = state.session.connection().execute(select(Product.sku).where(where if where is not None else True))
        state.session.info.setdefault(_RELINED, set()).update(skus.scalars())
        return
    owners = _owners(state.bind_mapper.class_, where if where is not None else True)
    if owners is not None:
        mark(state.session, *state.session.connection().execute(owners).scalars())


@sa_event.listens_for(OrmSession, "before_commit")
def _refresh_marked(session: OrmSession) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer commit does it
    if session.new or session.dirty or session.deleted:
        session.flush()
    skus = session.info.pop(_RELINED, None)
    if skus:
        lines = select(OrderLine.order_id).where(OrderLine.sku.in_(sorted(skus))).distinct()
        mark(session, *session.connection().execute(lines).scalars())
    ids = session.info.pop(_MARKED, None)
    if ids:
        refresh(session, ids)


@sa_event.listens_for(OrmSession, "after_soft_rollback")
def _forget(session: OrmSession, previous) -> None:
    if not previous.nested and previous.parent is None:
        session.info.pop(_MARKED, None)
        session.info.pop(_RELINED, None)
