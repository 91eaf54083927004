"""Customer self-service API: staff make a signed link for one customer; the /portal routes need
no login, the link's token is the proof (see app.orders.selfservice)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from app.core.auth import Principal, require
from app.core.config import Settings
from app.core.deps import SessionDep, SettingsDep
from app.core.transactions import commit
from app.orders import selfservice
from app.orders.invoice_pdf import render_invoice_pdf

router = APIRouter(tags=["self-service"])


class LinkIn(BaseModel):
    days: float = Field(selfservice.DEFAULT_DAYS, gt=0, le=366)


@router.post("/api/v1/customers/{customer_id}/portal-link", status_code=201,
             summary="A signed self-service link for one customer (staff)")
def portal_link(session: SessionDep, settings: SettingsDep,
                _staff: Annotated[Principal, Depends(require("clerk", "finance"))], customer_id: int,
                body: LinkIn | None = None) -> dict:
    key = selfservice.secret_key(settings.data_dir)
    return selfservice.link_for_customer(session, key, customer_id, (body or LinkIn()).days)


def customer_of(settings: Settings, token: str) -> int:
    return selfservice.verify_token(selfservice.secret_key(settings.data_dir), token)


@router.get("/api/v1/portal/{token}/orders", summary="My orders (optionally by PO number)")
def portal_orders(session: SessionDep, settings: SettingsDep, token: str, po: str | None = None) -> list[dict]:
    cid = customer_of(settings, token)
    return [selfservice.order_view(session, o, token) for o in selfservice.orders_of(session, cid, po)]


@router.get("/api/v1/portal/{token}/orders/{order_id}", summary="One of my orders")
def portal_order(session: SessionDep, settings: SettingsDep, token: str, order_id: int) -> dict:
    cid = customer_of(settings, token)
    return selfservice.order_view(session, selfservice.order_of(session, cid, order_id), token)


@router.get("/api/v1/portal/{token}/invoices/{invoice_id}.pdf", response_class=Response,
            summary="One of my invoices as PDF")
def portal_invoice_pdf(session: SessionDep, settings: SettingsDep, token: str, invoice_id: int) -> Response:
    inv = selfservice.invoice_of(session, customer_of(settings, token), invoice_id)
    return Response(render_invoice_pdf(session, inv), media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{inv.number}.pdf"'})


class ReturnIn(BaseModel):
    lines: dict[int, Decimal] = Field(..., description="line_no -> quantity to send back")
    reason: str | None = None


@router.post("/api/v1/portal/{token}/orders/{order_id}/returns", status_code=201, summary="Ask to return shipped units")
def portal_return(session: SessionDep, settings: SettingsDep, token: str, order_id: int, body: ReturnIn) -> dict:
    cid = customer_of(settings, token)
    rma = selfservice.request_return(session, cid, order_id, body.lines, reason=body.reason)
    commit(session)
    return {"number": rma.number, "status": rma.status, "order_id": rma.order_id}
