"""Orders API: list, one order with its lines, and its timeline of events (a customer: theirs only)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func
from sqlmodel import select

from app.core.auth import PrincipalDep
from app.core.deps import SessionDep
from app.orders.models import Order, OrderEvent, OrderEventPublic, OrderPublic, OrdersPublic, OrderSummary
from app.orders.service import order_or_404, order_view

router = APIRouter(prefix="/api/v1/orders", tags=["orders"])


@router.get("", response_model=OrdersPublic, summary="List orders")
def list_orders(session: SessionDep, principal: PrincipalDep, customer_id: int | None = None,
                po_number: str | None = None, state: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                offset: Annotated[int, Query(ge=0)] = 0):
    stmt = principal.scoped(select(Order), Order.customer_id)
    if customer_id is not None:
        stmt = stmt.where(Order.customer_id == customer_id)
    if po_number:
        stmt = stmt.where(Order.po_number == po_number)
    if state:
        stmt = stmt.where(Order.state == state)
    count = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = session.exec(stmt.order_by(Order.created_at.desc(), Order.id.desc()).offset(offset).limit(limit)).all()
    return OrdersPublic(data=[OrderSummary.model_validate(o, from_attributes=True) for o in rows], count=count)


@router.get("/{order_id}", response_model=OrderPublic, summary="An order with its lines")
def read_order(session: SessionDep, principal: PrincipalDep, order_id: int):
    return order_view(session, order_id, principal)


@router.get("/{order_id}/events", response_model=list[OrderEventPublic], summary="The order's timeline")
def get_order_events(session: SessionDep, principal: PrincipalDep, order_id: int):
    order_or_404(session, order_id, principal)
    rows = session.exec(select(OrderEvent).where(OrderEvent.order_id == order_id)
                        .order_by(OrderEvent.at, OrderEvent.id)).all()
    return [OrderEventPublic.model_validate(e, from_attributes=True) for e in rows]
