"""A customer's pages: a customer login's orders (status, tracking, invoices), the documents they
sent and their invoices as PDF (another customer's ids are "not found"), and the signed-link
self-service page (no login: the link is the key)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import select

from app.catalog.models import Customer
from app.core.auth import Principal
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import Forbidden
from app.intake.models import Document
from app.orders import selfservice
from app.orders.invoice_pdf import render_invoice_pdf
from app.orders.models import Order
from app.web.access import AnyPage, PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)


def _customer_id(principal: Principal) -> int:
    if not principal.is_customer:
        raise Forbidden("customer_only", "these pages show a customer login its own orders")
    return principal.customer_id


@router.get("/my/orders")
def my_orders(request: Request, session: SessionDep, me: AnyPage, po: str | None = None) -> Response:
    cid = _customer_id(me)
    orders = []
    for order in selfservice.orders_of(session, cid, po or None, limit=100):
        view = selfservice.order_view(session, order, "")
        for inv in view["invoices"]:
            inv["pdf"] = f"/my/invoices/{inv['id']}.pdf"
        orders.append(view)
    return templates.TemplateResponse(request, "order_portal.html", {
        "customer": session.get(Customer, cid), "orders": orders, "po": po or "", "token": None})


@router.get("/my/documents")
def my_documents(request: Request, session: SessionDep, me: AnyPage) -> Response:
    cid = _customer_id(me)
    docs = session.exec(select(Document).where(Document.customer_id == cid)
                        .order_by(Document.received_at.desc(), Document.id.desc()).limit(200)).all()
    ids = [d.order_id for d in docs if d.order_id]
    numbers = dict(session.exec(select(Order.id, Order.number).where(Order.id.in_(ids))).all()) if ids else {}
    return templates.TemplateResponse(request, "my_documents.html", {
        "customer": session.get(Customer, cid), "docs": docs, "numbers": numbers})


@router.get("/my/invoices/{invoice_id}.pdf")
def my_invoice_pdf(session: SessionDep, me: AnyPage, invoice_id: int) -> Response:
    inv = selfservice.invoice_of(session, _customer_id(me), invoice_id)
    return Response(render_invoice_pdf(session, inv), media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{inv.number}.pdf"'})


@router.get("/portal/{token}", response_class=HTMLResponse)
def portal_page(request: Request, session: SessionDep, settings: SettingsDep, token: str, po: str | None = None):
    cid = selfservice.verify_token(selfservice.secret_key(settings.data_dir), token)
    orders = [selfservice.order_view(session, o, token) for o in selfservice.orders_of(session, cid, po, limit=50)]
    return templates.TemplateResponse(request, "order_portal.html", {
        "customer": session.get(Customer, cid), "orders": orders, "po": po or "", "token": token})
