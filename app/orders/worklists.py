"""Whose move is it: the orders waiting for each role, read from the transition table, and the
back office's order list (search, filters, paging) that shows them. Reads only; the moves
themselves are the actions (app.orders.actions)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from app.catalog.models import Customer
from app.orders.models import Invoice, Order, ReturnRequest
from app.orders.rules.statuses import OrderState as S
from app.orders.rules.transitions import TRANSITIONS
from app.orders.rules.transitions import Action as A

# The moves each role makes, in the order they come in an order's life.
MOVES: dict[str, tuple[A, ...]] = {
    "clerk": (A.VALIDATE,),
    "credit": (A.RELEASE_CREDIT,),
    "warehouse": (A.ALLOCATE, A.PICK, A.PACK, A.SHIP),
    "finance": (A.INVOICE, A.CLOSE),
}
OPEN_INVOICE = ("open", "partially_paid", "overdue")


def waiting_states(role: str) -> set[S]:
    """States from which one of the role's moves is allowed (less those that are past it: a fully
    invoiced order stays "invoiced" until it is paid, and waits on the payment, not on a move)."""
    states: set[S] = set()
    for move in MOVES.get(role, ()):
        states |= TRANSITIONS[move]
    if role == "finance":
        states -= {S.INVOICED, S.PARTIALLY_PAID}
    return states


def roles_work(roles: frozenset[str] | set[str]) -> list[str]:
    """The worklists a user with `roles` has, first the one they land on."""
    if "admin" in roles:
        return list(MOVES)
    return [r for r in MOVES if r in roles]


@dataclass
class OrderRow:
    order: Order
    customer_name: str


@dataclass
class OrderPage:
    rows: list[OrderRow]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def find_orders(session: Session, *, q: str = "", state: str = "", work: str = "", customer_id: int | None = None,
                page: int = 1, size: int = 50) -> OrderPage:
    """Orders newest first; `work` keeps those waiting on that role (finance also: open price
    approvals and returns to approve, overdue invoices)."""
    stmt = select(Order)
    if q:
        like = f"%{q.lower()}%"
        names = select(Customer.id).where(or_(func.lower(Customer.name).like(like),
                                              func.lower(Customer.code).like(like)))
        stmt = stmt.where(or_(func.lower(Order.number).like(like), func.lower(Order.po_number).like(like),
                              Order.customer_id.in_(names)))
    if state:
        stmt = stmt.where(Order.state == state)
    if customer_id:
        stmt = stmt.where(Order.customer_id == customer_id)
    if work in MOVES:
        waiting = Order.state.in_([s.value for s in waiting_states(work)])
        if work == "finance":
            waiting = or_(waiting, Order.hold_status == "price_approval",
                          exists().where(ReturnRequest.order_id == Order.id, ReturnRequest.status == "requested"),
                          exists().where(Invoice.order_id == Order.id, Invoice.status == "overdue"))
        stmt = stmt.where(waiting)
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    order_by = (Order.created_at, Order.id) if work else (Order.created_at.desc(), Order.id.desc())
    orders = session.exec(stmt.order_by(*order_by).offset((page - 1) * size).limit(size)).all()
    ids = {o.customer_id for o in orders}
    names = dict(session.exec(select(Customer.id, Customer.name).where(Customer.id.in_(ids))).all()) if ids else {}
    return OrderPage([OrderRow(o, names.get(o.customer_id, "")) for o in orders], total, page, size)
