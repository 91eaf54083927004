"""Customer self-service through a signed link: a token for one customer id with an expiry.

Token: `<customer_id>.<expires unix>.<hex HMAC-SHA256>`; the key comes from
INTAKE_SELFSERVICE_SECRET, else a random key kept in data_dir/selfservice.key.
Every lookup is scoped to the token's customer: another customer's order,
invoice or return is "not found" (404), never "forbidden".
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlmodel import Session, select

from app.catalog.models import Customer
from app.core.auth import Actor
from app.core.errors import AppError, NotFound
from app.orders import actions as act
from app.orders.models import Invoice, Order, OrderLine, ReturnRequest, Shipment

DEFAULT_DAYS = 14


class SelfServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")
    selfservice_secret: str | None = None


class BadToken(AppError):
    status_code = 401


def secret_key(data_dir: Path) -> bytes:
    configured = SelfServiceSettings().selfservice_secret
    if configured:
        return configured.encode()
    path = data_dir / "selfservice.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _mac(key: bytes, customer_id: int, expires: int) -> str:
    return hmac.new(key, f"{customer_id}.{expires}".encode(), hashlib.sha256).hexdigest()


def make_token(key: bytes, customer_id: int, expires_at: datetime) -> str:
    expires = int(expires_at.replace(tzinfo=expires_at.tzinfo or UTC).timestamp())
    return f"{customer_id}.{expires}.{_mac(key, customer_id, expires)}"


def new_link(key: bytes, customer_id: int, days: float = DEFAULT_DAYS, now: datetime | None = None) -> dict:
    expires_at = (now or datetime.now(UTC)) + timedelta(days=days)
    token = make_token(key, customer_id, expires_at)
    return {"customer_id": customer_id, "token": token, "path": f"/portal/{token}",
            "expires_at": expires_at.isoformat()}


def verify_token(key: bytes, token: str, now: datetime | None = None) -> int:
    """The customer id of a valid, unexpired token; 401 `invalid_link` or `link_expired` otherwise."""
    try:
        cid_text, exp_text, mac = token.split(".")
        customer_id, expires = int(cid_text), int(exp_text)
    except ValueError:
        raise BadToken("invalid_link", "this link is not valid") from None
    if not hmac.compare_digest(_mac(key, customer_id, expires), mac):
        raise BadToken("invalid_link", "this link is not valid")
    if (now or datetime.now(UTC)).timestamp() > expires:
        raise BadToken("link_expired", "this link has expired; ask us for a new one")
    return customer_id


def link_for_customer(session: Session, key: bytes, customer_id: int, days: float = DEFAULT_DAYS) -> dict:
    """A new link for an existing customer (staff make them; 404 `customer_not_found` otherwise)."""
    if session.get(Customer, customer_id) is None:
        raise NotFound("customer_not_found", f"no customer {customer_id}")
    return new_link(key, customer_id, days)


# --- scoped reads and the one thing a customer may do ------------------------------------


def orders_of(session: Session, customer_id: int, po_number: str | None = None, limit: int = 200) -> list[Order]:
    stmt = select(Order).where(Order.customer_id == customer_id)
    if po_number:
        stmt = stmt.where(Order.po_number == po_number)
    return list(session.exec(stmt.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit)).all())


def order_of(session: Session, customer_id: int, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None or order.customer_id != customer_id:
        raise NotFound("order_not_found", f"no order {order_id}")
    return order


def invoice_of(session: Session, customer_id: int, invoice_id: int) -> Invoice:
    inv = session.get(Invoice, invoice_id)
    if inv is None or inv.customer_id != customer_id:
        raise NotFound("invoice_not_found", f"no invoice {invoice_id}")
    return inv


def order_view(session: Session, order: Order, token: str) -> dict:
    """What the customer sees of one order: status, lines, shipments with tracking, invoices, returns."""
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)).all()
    ships = session.exec(select(Shipment).where(Shipment.order_id == order.id).order_by(Shipment.id)).all()
    invs = session.exec(select(Invoice).where(Invoice.order_id == order.id).order_by(Invoice.id)).all()
    rmas = session.exec(select(ReturnRequest).where(ReturnRequest.order_id == order.id)
                        .order_by(ReturnRequest.id)).all()
    return {
        "id": order.id, "number": order.number, "po_number": order.po_number, "state": order.state,
        "fulfilment_status": order.fulfilment_status, "billing_status": order.billing_status,
        "payment_status": order.payment_status, "return_status": order.return_status,
        "currency": order.currency, "total": str(order.total), "created_at": order.created_at.isoformat(),
        "lines": [{"line_no": li.line_no, "sku": li.sku, "description": li.description, "ordered": str(li.ordered),
                   "shipped": str(li.shipped), "backordered": str(li.backordered), "returned": str(li.returned),
                   "promise_date": li.promise_date.isoformat() if li.promise_date else None} for li in lines],
        "shipments": [{"number": s.number, "carrier": s.carrier, "tracking_number": s.tracking_number,
                       "shipped_at": s.shipped_at.isoformat(),
                       "delivered_at": s.delivered_at.isoformat() if s.delivered_at else None} for s in ships],
        "invoices": [{"id": i.id, "number": i.number, "kind": i.kind, "total": str(i.total), "paid": str(i.paid),
                      "status": i.status, "due_date": i.due_date.isoformat() if i.due_date else None,
                      "pdf": f"/api/v1/portal/{token}/invoices/{i.id}.pdf"} for i in invs],
        "returns": [{"number": r.number, "status": r.status, "reason": r.reason} for r in rmas],
    }


def request_return(session: Session, customer_id: int, order_id: int, lines: dict[int, Decimal],
                   reason: str | None = None) -> ReturnRequest:
    """The customer asks to send back shipped units of one of their orders (the caller commits)."""
    order = order_of(session, customer_id, order_id)
    return act.request_return(session, order.id, lines, Actor(f"customer:{customer_id}", frozenset({"customer"})),
                              reason=reason)
