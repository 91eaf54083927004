"""What every order action shares: the row lock, recording events and recomputing statuses."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import Session, select

from app.core.clock import utcnow
from app.core.errors import AppError, Conflict, Forbidden, NotFound
from app.orders import errors as E
from app.orders.errors import LifecycleError
from app.orders.kpi import hooks  # noqa: F401 - every changed order's KPI facts are rewritten at commit
from app.orders.models import Order, OrderEvent, OrderLine
from app.orders.queries import money_totals, order_facts, return_facts
from app.orders.rules.ledger import LineLedger, check_invariants
from app.orders.rules.statuses import derive_statuses


def as_forbidden(err: LifecycleError) -> AppError:
    """Segregation of duties is a permission problem: 403 with the same code."""
    return Forbidden(err.code, err.message, details=err.details)


# --- locking and loading --------------------------------------------------------


def lock_order(session: Session, order_id: int, version: int | None = None) -> Order:
    """The order row under `SELECT ... FOR UPDATE`; optional version check.

    SQLite has no row locks: a no-op write first takes the database write lock, so
    the read below already sees the last committed state and writers queue here."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Order).where(Order.id == order_id).values(version=Order.version)
                        .execution_options(synchronize_session=False))
    order = session.exec(select(Order).where(Order.id == order_id).with_for_update()
                         .execution_options(populate_existing=True)).first()
    if order is None:
        raise NotFound("order_not_found", f"no order {order_id}")
    if version is not None and order.version != version:
        raise Conflict("version_mismatch", f"order {order.number} is at version {order.version}, not {version}",
                       details={"current_version": order.version})
    return order


def order_lines(session: Session, order_id: int) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.order_id == order_id)
                             .order_by(OrderLine.line_no).execution_options(populate_existing=True)).all())


def line_by_no(lines: Iterable[OrderLine], line_no: int) -> OrderLine:
    for line in lines:
        if line.line_no == line_no:
            return line
    raise LifecycleError("unknown_line", f"The order has no line {line_no}", {"line_no": line_no})


def ledgers(lines: Iterable[OrderLine]) -> list[LineLedger]:
    return [LineLedger.from_attrs(li) for li in lines]


def write_ledger(line: OrderLine, ledger: LineLedger) -> None:
    """Store a ledger back on its row after checking the invariants."""
    for name, value in check_invariants(ledger).counts().items():
        setattr(line, name, value)


# --- recording ------------------------------------------------------------------


def recompute(session: Session, order: Order, lines: list[OrderLine] | None = None) -> None:
    """Derive every status from the ledger, money and recorded facts, and store them on the row."""
    lines = order_lines(session, order.id) if lines is None else lines
    session.flush()
    facts = order_facts(session, order.id)
    money = money_totals(session, order.id)
    statuses = derive_statuses(
        ledgers(lines), invoices_total=money["invoiced"], paid_total=money["paid"],
        credited_total=money["credited"], overdue=money["overdue"], holds=facts["holds"],
        returns=return_facts(session, order.id), validated=facts["validated"],
        credit_approved=facts["credit_approved"], closed=facts["closed"])
    for name, value in statuses.as_columns().items():
        setattr(order, name, value)


def record(session: Session, order: Order, *events: OrderEvent, lines: list[OrderLine] | None = None,
           changed_by: str | None = None) -> Order:
    """Add the events, recompute statuses, bump version and updated_at: the end of every action."""
    for event in events:
        session.add(event)
    if changed_by:
        order.changed_by = changed_by
    recompute(session, order, lines)
    order.version += 1
    order.updated_at = utcnow()
    session.add(order)
    session.flush()
    return order


def order_total(lines: Iterable[OrderLine]) -> Decimal:
    """The value of the order's lines as they stand: units not cancelled at their price."""
    return sum(((Decimal(li.ordered) - Decimal(li.cancelled)) * Decimal(li.unit_price) for li in lines), Decimal(0))


def refuse(code: str, message: str, **details: object) -> LifecycleError:
    return LifecycleError(code, message, dict(details))


__all__ = [
    "E",
    "as_forbidden",
    "ledgers",
    "line_by_no",
    "lock_order",
    "order_lines",
    "order_total",
    "recompute",
    "record",
    "refuse",
    "write_ledger",
]
