"""Webhooks API: subscribe to order events, list and cancel subscriptions, read the delivery history
(admins: every subscription; a customer: their own, covering only their orders)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field
from sqlmodel import select

from app.core.auth import Principal, require
from app.core.deps import SessionDep
from app.orders.models import WebhookDelivery, WebhookSubscription
from app.orders.notify import webhooks

router = APIRouter(tags=["webhooks"])
HookOwner = Annotated[Principal, Depends(require("admin", "customer"))]


class SubscriptionIn(BaseModel):
    url: str = Field(..., examples=["https://erp.example.com/hooks/intake"])
    event_types: list[str] = Field(default_factory=list, description="empty or ['*']: every event")
    customer_id: int | None = Field(None, description="only this customer's orders")
    secret: str | None = Field(None, description="generated when omitted; shown once")


def _sub_json(sub: WebhookSubscription, with_secret: bool = False) -> dict:
    out = {"id": sub.id, "url": sub.url, "event_types": sub.event_types or [], "customer_id": sub.customer_id,
           "active": sub.active, "created_at": sub.created_at.isoformat()}
    return {**out, "secret": sub.secret} if with_secret else out


@router.post("/api/v1/webhooks", status_code=201, summary="Subscribe to order events")
def create_webhook(session: SessionDep, owner: HookOwner, body: SubscriptionIn) -> dict:
    """A customer's subscription always covers only their own orders."""
    sub = webhooks.subscribe(session, owner, body.url, body.event_types, body.customer_id, body.secret)
    session.commit()
    return _sub_json(sub, with_secret=True)


@router.get("/api/v1/webhooks", summary="Active subscriptions")
def list_webhooks(session: SessionDep, owner: HookOwner) -> list[dict]:
    stmt = owner.scoped(select(WebhookSubscription).where(WebhookSubscription.active), WebhookSubscription.customer_id)
    subs = session.exec(stmt.order_by(WebhookSubscription.id)).all()
    return [_sub_json(s) for s in subs]


@router.delete("/api/v1/webhooks/{sub_id}", status_code=204, summary="Unsubscribe")
def delete_webhook(session: SessionDep, owner: HookOwner, sub_id: int) -> Response:
    webhooks.unsubscribe(session, webhooks.subscription_or_404(session, sub_id, owner))
    session.commit()
    return Response(status_code=204)


@router.get("/api/v1/webhooks/{sub_id}/deliveries", summary="Delivery history, newest first")
def webhook_deliveries(session: SessionDep, owner: HookOwner, sub_id: int,
                       limit: int = Query(100, le=1000)) -> list[dict]:
    webhooks.subscription_or_404(session, sub_id, owner, active=False)
    rows = session.exec(select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub_id)
                        .order_by(WebhookDelivery.id.desc()).limit(limit)).all()
    return [{"id": d.id, "event_id": d.event_id, "status": d.status, "attempts": d.attempts,
             "last_status_code": d.last_status_code, "last_error": d.last_error,
             "next_attempt_at": d.next_attempt_at.isoformat() if d.status == "pending" else None,
             "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None} for d in rows]
