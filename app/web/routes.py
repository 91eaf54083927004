"""Every page of the site, one router per page family: login and account (login.py), a customer's
own pages and the signed-link portal (customer.py), the clerk's queue (queue.py) and review
(review.py), orders and their moves (orders.py), emails (emails.py), portal links
(portal_links.py), the admin's users, keys, audit log and master data (admin.py), and the KPI
dashboard, exceptions and order timelines (dashboard.py); here the static files and the home
page, which sends each user to where they work. Error pages for people: errors.py."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from app.web import admin, customer, dashboard, emails, login, orders, portal_links, queue, review
from app.web.access import AnyPage, PageRoute, home_for

static_files = StaticFiles(directory=Path(__file__).parent / "static")

router = APIRouter(include_in_schema=False, route_class=PageRoute)
for family in (login, customer, queue, review, orders, emails, portal_links, admin, dashboard):
    router.include_router(family.router)


@router.get("/static/{path:path}")
async def static(path: str, request: Request):
    return await static_files.get_response(path, request.scope)


@router.get("/")
def home(me: AnyPage):
    return RedirectResponse(home_for(me), status_code=303)
