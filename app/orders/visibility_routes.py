"""Visibility API: webhooks (admins: all; a customer: their own), exception alerts and KPIs (staff),
and the customer's self-service link (made by staff; the signed /portal routes need no login)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field
from sqlmodel import select

from app.core.auth import Actor, Principal, StaffDep, require
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError, NotFound
from app.core.transactions import commit
from app.orders import actions as act
from app.orders import alerts, kpi_service, selfservice, webhooks
from app.orders.events import EVENT_TYPES
from app.orders.invoice_pdf import render_invoice_pdf
from app.orders.models import WebhookDelivery, WebhookSubscription
from app.web.dashboard import router as pages_router

router = APIRouter()
router.include_router(pages_router)
HookOwner = Annotated[Principal, Depends(require("admin", "customer"))]


# --- webhooks ---------------------------------------------------------------------------


class SubscriptionIn(BaseModel):
    url: str = Field(..., examples=["https://erp.example.com/hooks/intake"])
    event_types: list[str] = Field(default_factory=list, description="empty or ['*']: every event")
    customer_id: int | None = Field(None, description="only this customer's orders")
    secret: str | None = Field(None, description="generated when omitted; shown once")


def _sub_json(sub: WebhookSubscription, with_secret: bool = False) -> dict:
    out = {"id": sub.id, "url": sub.url, "event_types": sub.event_types or [], "customer_id": sub.customer_id,
           "active": sub.active, "created_at": sub.created_at.isoformat()}
    return {**out, "secret": sub.secret} if with_secret else out


def _sub_or_404(session, sub_id: int, principal: Principal, active: bool = True) -> WebhookSubscription:  # noqa: ANN001
    sub = session.get(WebhookSubscription, sub_id)
    if sub is None or (active and not sub.active) or not principal.may_see(sub.customer_id):
        raise NotFound("webhook_not_found", f"no webhook subscription {sub_id}")
    return sub


@router.post("/api/v1/webhooks", status_code=201, tags=["webhooks"], summary="Subscribe to order events")
def create_webhook(session: SessionDep, owner: HookOwner, body: SubscriptionIn) -> dict:
    """A customer's subscription always covers only their own orders."""
    unknown = [t for t in body.event_types if t != "*" and t not in {*EVENT_TYPES, alerts.ALERT_EVENT}]
    if unknown or not body.url.startswith(("http://", "https://")):
        raise AppError("invalid_webhook", "unknown event types or a URL that is not http(s)",
                       422, {"unknown_event_types": unknown})
    sub = WebhookSubscription(url=body.url, secret=body.secret or webhooks.new_secret(),
                              event_types=body.event_types,
                              customer_id=owner.customer_id if owner.is_customer else body.customer_id)
    session.add(sub)
    session.commit()
    return _sub_json(sub, with_secret=True)


@router.get("/api/v1/webhooks", tags=["webhooks"], summary="Active subscriptions")
def list_webhooks(session: SessionDep, owner: HookOwner) -> list[dict]:
    stmt = owner.scoped(select(WebhookSubscription).where(WebhookSubscription.active), WebhookSubscription.customer_id)
    subs = session.exec(stmt.order_by(WebhookSubscription.id)).all()
    return [_sub_json(s) for s in subs]


@router.delete("/api/v1/webhooks/{sub_id}", status_code=204, tags=["webhooks"], summary="Unsubscribe")
def delete_webhook(session: SessionDep, owner: HookOwner, sub_id: int) -> Response:
    sub = _sub_or_404(session, sub_id, owner)
    sub.active = False  # kept, so its delivery history stays readable
    session.add(sub)
    session.commit()
    return Response(status_code=204)


@router.get("/api/v1/webhooks/{sub_id}/deliveries", tags=["webhooks"], summary="Delivery history, newest first")
def webhook_deliveries(session: SessionDep, owner: HookOwner, sub_id: int,
                       limit: int = Query(100, le=1000)) -> list[dict]:
    _sub_or_404(session, sub_id, owner, active=False)
    rows = session.exec(select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub_id)
                        .order_by(WebhookDelivery.id.desc()).limit(limit)).all()
    return [{"id": d.id, "event_id": d.event_id, "status": d.status, "attempts": d.attempts,
             "last_status_code": d.last_status_code, "last_error": d.last_error,
             "next_attempt_at": d.next_attempt_at.isoformat() if d.status == "pending" else None,
             "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None} for d in rows]


# --- alerts and KPIs ---------------------------------------------------------------------


@router.get("/api/v1/alerts", tags=["visibility"], summary="Orders past a stage's time limit")
def list_alerts(session: SessionDep, _staff: StaffDep, now: datetime | None = Query(None, description="evaluate at (tests, what-if)"),
                kind: str | None = None) -> dict:
    found = alerts.find_alerts(session, now)
    if kind:
        found = [a for a in found if a.kind == kind]
    return {"limits_hours": alerts.limits(), "count": len(found), "data": [a.as_dict() for a in found]}


@router.get("/api/v1/kpis", tags=["visibility"], summary="KPIs per period, customer, product line or channel")
def get_kpis(session: SessionDep, _staff: StaffDep, period: Literal["day", "week", "month"] = "week",
             by: Literal["day", "week", "month", "customer", "product_line", "channel"] | None = None,
             from_: date | None = Query(None, alias="from"), to: date | None = None) -> dict:
    if from_ and to and from_ > to:
        raise AppError("invalid_range", "`from` is after `to`", 422)
    return kpi_service.cached(session, period, by, from_, to)


# --- customer self-service ---------------------------------------------------------------


class LinkIn(BaseModel):
    days: float = Field(selfservice.DEFAULT_DAYS, gt=0, le=366)


@router.post("/api/v1/customers/{customer_id}/portal-link", status_code=201, tags=["self-service"],
             summary="A signed self-service link for one customer (staff)")
def portal_link(session: SessionDep, settings: SettingsDep,
                _staff: Annotated[Principal, Depends(require("clerk", "finance"))], customer_id: int,
                body: LinkIn | None = None) -> dict:
    from app.catalog.models import Customer

    if session.get(Customer, customer_id) is None:
        raise NotFound("customer_not_found", f"no customer {customer_id}")
    return selfservice.new_link(selfservice.secret_key(settings.data_dir), customer_id, (body or LinkIn()).days)


def customer_of(settings, token: str) -> int:  # noqa: ANN001
    return selfservice.verify_token(selfservice.secret_key(settings.data_dir), token)


@router.get("/api/v1/portal/{token}/orders", tags=["self-service"], summary="My orders (optionally by PO number)")
def portal_orders(session: SessionDep, settings: SettingsDep, token: str, po: str | None = None) -> list[dict]:
    cid = customer_of(settings, token)
    return [selfservice.order_view(session, o, token) for o in selfservice.orders_of(session, cid, po)]


@router.get("/api/v1/portal/{token}/orders/{order_id}", tags=["self-service"], summary="One of my orders")
def portal_order(session: SessionDep, settings: SettingsDep, token: str, order_id: int) -> dict:
    cid = customer_of(settings, token)
    return selfservice.order_view(session, selfservice.order_of(session, cid, order_id), token)


@router.get("/api/v1/portal/{token}/invoices/{invoice_id}.pdf", tags=["self-service"], response_class=Response,
            summary="One of my invoices as PDF")
def portal_invoice_pdf(session: SessionDep, settings: SettingsDep, token: str, invoice_id: int) -> Response:
    inv = selfservice.invoice_of(session, customer_of(settings, token), invoice_id)
    return Response(render_invoice_pdf(session, inv), media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{inv.number}.pdf"'})


class ReturnIn(BaseModel):
    lines: dict[int, Decimal] = Field(..., description="line_no -> quantity to send back")
    reason: str | None = None


@router.post("/api/v1/portal/{token}/orders/{order_id}/returns", status_code=201, tags=["self-service"],
             summary="Ask to return shipped units")
def portal_return(session: SessionDep, settings: SettingsDep, token: str, order_id: int, body: ReturnIn) -> dict:
    cid = customer_of(settings, token)
    order = selfservice.order_of(session, cid, order_id)
    rma = act.request_return(session, order.id, body.lines, Actor(f"customer:{cid}", frozenset({"customer"})),
                             reason=body.reason)
    commit(session)
    return {"number": rma.number, "status": rma.status, "order_id": order.id}
