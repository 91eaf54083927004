"""Exception alerts: an order that stays in a stage longer than its limit is flagged.

Limits are hours per alert kind (`DEFAULT_LIMITS`), overridden by
INTAKE_ALERT_LIMITS='{"credit_check": 2}'. Everything takes `now`, so tests
control the clock. `raise_alerts` writes one `alert_raised` event per order and
kind (the webhook listener sends it to subscribers).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from huey import crontab
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import func
from sqlmodel import Session, select

from app.core import queue
from app.core.clock import utcnow
from app.core.db import get_engine
from app.core.transactions import commit
from app.orders import events
from app.orders.actions.billing import mark_overdue
from app.orders.events import EventType
from app.orders.models import Invoice, Order, OrderEvent, OrderLine
from app.orders.notify import webhooks  # noqa: F401 - alert events go out through the webhook listener
from app.orders.rules.statuses import OrderState

# kind -> (hours, what it means)
DEFAULT_LIMITS: dict[str, float] = {
    "credit_check": 4,  # entered but not credit-checked
    "allocation": 24,  # credit approved but not allocated
    "shipment": 48,  # allocated but not shipped
    "invoicing": 24,  # shipped but not invoiced
    "credit_hold": 24,  # on credit hold
    "invoice_overdue": 0,  # past the due date with money open
    "backorder_late": 0,  # backordered units past their promise date
}
MEANING = {
    "credit_check": "entered but not credit-checked", "allocation": "credit approved but not allocated",
    "shipment": "allocated but not shipped", "invoicing": "shipped but not invoiced",
    "credit_hold": "on credit hold", "invoice_overdue": "invoice past its due date",
    "backorder_late": "backorder past its promise date",
}
ALERT_EVENT = EventType.ALERT_RAISED

# Which states wait in which stage, and the event that started the wait.
S = OrderState
_STAGES = {
    "credit_check": ((S.ENTERED, S.VALIDATED), EventType.ORDER_CREATED),
    "allocation": ((S.CREDIT_APPROVED,), EventType.CREDIT_APPROVED),
    "shipment": ((S.ALLOCATED, S.PICKING, S.PACKED), EventType.ALLOCATED),
    "invoicing": ((S.SHIPPED,), EventType.SHIPPED),
    "credit_hold": ((S.CREDIT_HOLD,), EventType.CREDIT_HOLD),
}


class AlertSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")
    alert_limits: dict[str, float] = {}


def limits(overrides: dict[str, float] | None = None) -> dict[str, float]:
    """The defaults, then INTAKE_ALERT_LIMITS, then `overrides`."""
    return {**DEFAULT_LIMITS, **AlertSettings().alert_limits, **(overrides or {})}


@dataclass(frozen=True)
class Alert:
    order_id: int
    order_number: str
    customer_id: int
    kind: str
    since: datetime  # when the order entered the stage (or the date that passed)
    hours_over: float
    message: str

    def as_dict(self) -> dict:
        d = asdict(self)
        d["since"] = self.since.isoformat()
        d["hours_over"] = round(self.hours_over, 1)
        return d


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _day_start(d) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def find_alerts(session: Session, now: datetime | None = None,
                limit_hours: dict[str, float] | None = None) -> list[Alert]:
    """Every open order past a stage limit, oldest first."""
    now = _aware(now or utcnow())
    hours = limits(limit_hours)
    out: list[Alert] = []
    for kind, (states, started_by) in _STAGES.items():
        cutoff = now - timedelta(hours=hours[kind])
        since = (select(OrderEvent.order_id, func.max(OrderEvent.at).label("at"))
                 .where(OrderEvent.type == started_by).group_by(OrderEvent.order_id).subquery())
        rows = session.exec(select(Order.id, Order.number, Order.customer_id, since.c.at)
                            .join(since, since.c.order_id == Order.id)
                            .where(Order.state.in_(states), since.c.at <= cutoff)).all()
        for oid, number, cid, at in rows:
            at = _aware(at)
            over = (now - at).total_seconds() / 3600 - hours[kind]
            waited = (now - at).total_seconds() / 3600
            out.append(Alert(oid, number, cid, kind, at, over, f"{MEANING[kind]} for {waited:.0f} h"))
    grace = timedelta(hours=hours["invoice_overdue"])
    for oid, number, cid, inv_no, due in session.exec(
            select(Order.id, Order.number, Order.customer_id, Invoice.number, Invoice.due_date)
            .join(Invoice, Invoice.order_id == Order.id)
            .where(Invoice.kind == "invoice", Invoice.status.not_in(("paid", "void", "corrected")),
                   Invoice.due_date.is_not(None), Invoice.due_date < now.date())).all():
        start = _day_start(due) + timedelta(days=1)
        if start + grace <= now:
            out.append(Alert(oid, number, cid, "invoice_overdue", start, (now - start - grace).total_seconds() / 3600,
                             f"invoice {inv_no} was due {due.isoformat()}"))
    grace = timedelta(hours=hours["backorder_late"])
    for oid, number, cid, promise in session.exec(
            select(Order.id, Order.number, Order.customer_id, func.min(OrderLine.promise_date))
            .join(OrderLine, OrderLine.order_id == Order.id)
            .where(OrderLine.backordered > 0, OrderLine.promise_date.is_not(None),
                   OrderLine.promise_date < now.date(), Order.state.not_in(("closed", "cancelled")))
            .group_by(Order.id, Order.number, Order.customer_id)).all():
        start = _day_start(promise) + timedelta(days=1)
        if start + grace <= now:
            out.append(Alert(oid, number, cid, "backorder_late", start, (now - start - grace).total_seconds() / 3600,
                             f"backorder promised for {promise.isoformat()}"))
    return sorted(out, key=lambda a: (a.since, a.order_id, a.kind))


def raised_before(session: Session) -> set[tuple[int, str]]:
    rows = session.exec(select(OrderEvent.order_id, OrderEvent.details).where(OrderEvent.type == ALERT_EVENT)).all()
    return {(oid, (d or {}).get("kind")) for oid, d in rows}


def raise_alerts(session: Session, now: datetime | None = None,
                 limit_hours: dict[str, float] | None = None) -> list[Alert]:
    """Record an `alert_raised` event for each alert not raised before (once per order and kind); commits."""
    now = _aware(now or utcnow())
    seen = raised_before(session)
    new = [a for a in find_alerts(session, now, limit_hours) if (a.order_id, a.kind) not in seen]
    for a in new:
        session.add(events.alert_raised(a.order_id, "alerts", kind=a.kind, message=a.message, since=a.since, at=now))
    commit(session)
    return new


@queue.periodic("raise_alerts", crontab(minute="*/5"))
def alerts_task() -> int:
    """The worker's job every 5 minutes."""
    with Session(get_engine(queue.current_settings().db_url), expire_on_commit=False) as session:
        mark_overdue(session)  # the invoice_overdue event and status, once per invoice
        commit(session)
        return len(raise_alerts(session))
