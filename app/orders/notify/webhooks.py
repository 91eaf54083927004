"""Webhooks: subscriptions, delivery rows written with the event, signed POSTs retried with backoff.

Every OrderEvent flushed (any code path) gets one WebhookDelivery row per matching
subscription in the same transaction (`enqueue_for_event`, registered as an
`on_event` listener), so a crash between the commit and the POST loses nothing.
After the commit the worker is nudged; a periodic task delivers whatever is due.
The body is signed like `X-Intake-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from huey import crontab
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from app.core import queue
from app.core.auth import Principal
from app.core.clock import utcnow
from app.core.db import get_engine
from app.core.errors import AppError, NotFound
from app.core.transactions import after_commit
from app.orders.events import EventType, on_event
from app.orders.models import Order, OrderEvent, WebhookDelivery, WebhookSubscription

log = logging.getLogger("intake.webhooks")

SIGNATURE_HEADER = "X-Intake-Signature"
TOLERANCE_SECONDS = 300  # a receiver refuses signatures older than this (replay)
# Wait before attempt n+1 after n failures: 1 min, 5 min, 30 min, 2 h, 6 h; then failed.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=6))
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT_SECONDS = 10.0

Poster = Callable[[str, bytes, dict], int]


# --- signing ------------------------------------------------------------------------


def new_secret() -> str:
    return "whsec_" + secrets.token_hex(24)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The signature header value for `body` sent at `timestamp` (unix seconds)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, body: bytes, header: str, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """What a receiver does: the MAC matches and the timestamp is recent (no replay)."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- subscriptions ----------------------------------------------------------------------


def subscribe(session: Session, owner: Principal, url: str, event_types: list[str], customer_id: int | None = None,
              secret: str | None = None) -> WebhookSubscription:
    """A new subscription (not committed); a customer's always covers only their own orders.
    Event types are EventType values, or empty / ["*"] for every event."""
    unknown = [t for t in event_types if t != "*" and t not in set(EventType)]
    if unknown or not url.startswith(("http://", "https://")):
        raise AppError("invalid_webhook", "unknown event types or a URL that is not http(s)",
                       422, {"unknown_event_types": unknown})
    sub = WebhookSubscription(url=url, secret=secret or new_secret(), event_types=event_types,
                              customer_id=owner.customer_id if owner.is_customer else customer_id)
    session.add(sub)
    return sub


def subscription_or_404(session: Session, sub_id: int, principal: Principal,
                        active: bool = True) -> WebhookSubscription:
    sub = session.get(WebhookSubscription, sub_id)
    if sub is None or (active and not sub.active) or not principal.may_see(sub.customer_id):
        raise NotFound("webhook_not_found", f"no webhook subscription {sub_id}")
    return sub


def unsubscribe(session: Session, sub: WebhookSubscription) -> None:
    """Deactivate (not delete), so the subscription's delivery history stays readable."""
    sub.active = False
    session.add(sub)


# --- queueing with the event ----------------------------------------------------------


def _matches(sub_types: list[str] | None, event_type: str) -> bool:
    return not sub_types or "*" in sub_types or event_type in sub_types


def enqueue_for_event(session: Session, event: OrderEvent) -> int:
    """Add a pending delivery per active subscription that wants this event (customer-scoped ones only
    for their own customer's orders); called inside the event's transaction. Returns how many."""
    conn = session.connection()  # no autoflush: we may be inside a flush
    subs = conn.execute(sa_select(WebhookSubscription.id, WebhookSubscription.event_types,
                                  WebhookSubscription.customer_id).where(WebhookSubscription.active)).all()
    if not subs:
        return 0
    customer_id = None
    if any(s.customer_id is not None for s in subs):
        customer_id = conn.execute(sa_select(Order.customer_id).where(Order.id == event.order_id)).scalar()
    count = 0
    for sub_id, types, sub_customer in subs:
        if _matches(types, event.type) and (sub_customer is None or sub_customer == customer_id):
            session.add(WebhookDelivery(subscription_id=sub_id, event_id=event.id, next_attempt_at=now_utc()))
            count += 1
    if count:
        after_commit(session, kick)
    return count


def _listener(session: Session, event: OrderEvent) -> None:
    enqueue_for_event(session, event)


def register() -> None:
    """Queue deliveries for every event from now on (idempotent; done at import)."""
    on_event(_listener)


register()


def kick() -> None:
    """Ask the worker to deliver now (the periodic task catches up if this is lost)."""
    if queue.is_configured():
        try:
            queue.enqueue("deliver_webhooks")
        except Exception:
            log.exception("could not enqueue webhook delivery")


# --- delivering ---------------------------------------------------------------------


def payload(event: OrderEvent, order: Order | None) -> dict:
    return {"id": event.id, "type": event.type, "at": event.at.isoformat(), "actor": event.actor,
            "order": {"id": event.order_id, "number": order.number if order else None,
                      "customer_id": order.customer_id if order else None,
                      "po_number": order.po_number if order else None,
                      "state": order.state if order else None},
            "details": event.details or {}}


def now_utc() -> datetime:
    return utcnow()


def unix(moment: datetime) -> int:
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def http_post(url: str, body: bytes, headers: dict) -> int:
    return httpx.post(url, content=body, headers=headers, timeout=TIMEOUT_SECONDS).status_code


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after `attempts` failures; None: give up."""
    return now + BACKOFF[attempts - 1] if attempts < MAX_ATTEMPTS else None


def attempt(session: Session, delivery: WebhookDelivery, now: datetime, post: Poster = http_post) -> bool:
    """One signed POST; records the outcome and schedules the retry. True when delivered (2xx)."""
    sub = session.get(WebhookSubscription, delivery.subscription_id)
    event = session.get(OrderEvent, delivery.event_id)
    body = json.dumps(payload(event, session.get(Order, event.order_id)), separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "OrderIntake-Webhooks/1",
               SIGNATURE_HEADER: sign(sub.secret, body, unix(now)),
               "X-Intake-Event": event.type, "X-Intake-Delivery": str(delivery.id)}
    delivery.attempts += 1
    try:
        code = post(sub.url, body, headers)
        delivery.last_status_code, delivery.last_error = code, None if 200 <= code < 300 else f"HTTP {code}"
    except Exception as exc:
        code, delivery.last_status_code, delivery.last_error = 0, None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= code < 300:
        delivery.status, delivery.delivered_at = "delivered", now
    else:
        retry = next_attempt(delivery.attempts, now)
        delivery.status = "pending" if retry else "failed"
        if retry:
            delivery.next_attempt_at = retry
    session.add(delivery)
    session.commit()
    return delivery.status == "delivered"


def deliver_due(session: Session, now: datetime | None = None, post: Poster = http_post, limit: int = 200) -> dict:
    """Try every pending delivery whose time has come; returns counts by outcome."""
    now = now or now_utc()
    due = session.exec(select(WebhookDelivery).where(WebhookDelivery.status == "pending",
                                                     WebhookDelivery.next_attempt_at <= now)
                       .order_by(WebhookDelivery.id).limit(limit)).all()
    out = {"delivered": 0, "retrying": 0, "failed": 0}
    for delivery in due:
        if attempt(session, delivery, now, post):
            out["delivered"] += 1
        else:
            out["failed" if delivery.status == "failed" else "retrying"] += 1
    return out


@queue.task("deliver_webhooks")
@queue.periodic("deliver_webhooks_sweep", crontab(minute="*"))
def deliver_task() -> dict:
    """The worker's job, on demand and every minute: deliver what is due."""
    with Session(get_engine(queue.current_settings().db_url), expire_on_commit=False) as session:
        return deliver_due(session)
