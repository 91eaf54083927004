"""Signed self-service links for customers: staff pick a customer and a lifetime, and get the link
to send (app.orders.selfservice signs it; each one made is audited)."""
from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlmodel import select

from app.accounts.service import audit
from app.catalog.models import Customer
from app.core.deps import SessionDep, SettingsDep
from app.orders import selfservice
from app.web.access import ClerkPage, PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
MAX_DAYS = 90  # a link is a key: it should not live for ever


def _page(request: Request, session, **extra):
    return templates.TemplateResponse(request, "portal_links.html", {
        "customers": session.exec(select(Customer).order_by(Customer.name)).all(), "link": None,
        "max_days": MAX_DAYS, "default_days": selfservice.DEFAULT_DAYS, **extra})


@router.get("/portal-links", response_class=HTMLResponse)
def links_page(request: Request, session: SessionDep, me: ClerkPage):
    return _page(request, session)


@router.post("/portal-links", response_class=HTMLResponse)
def make_link(request: Request, session: SessionDep, settings: SettingsDep, me: ClerkPage,
              customer_id: int = Form(), days: int = Form(selfservice.DEFAULT_DAYS)):
    days = max(1, min(days, MAX_DAYS))
    link = selfservice.link_for_customer(session, selfservice.secret_key(settings.data_dir), customer_id, days)
    audit(session, me.name, "portal_link_created", "customer", customer_id, {"days": days,
                                                                             "expires_at": link["expires_at"]})
    session.commit()
    url = str(request.base_url).rstrip("/") + link["path"]
    return _page(request, session, link={**link, "url": url, "customer": session.get(Customer, customer_id)})
