"""Who may open which page. Page routes use `PageRoute`: a browser without a login is sent to
/login?next=..., a refusal is shown as a page, and form posts have their CSRF field read for the
session check (app.accounts.websession). Security headers come from app.ops.security_headers."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute

from app.accounts import websession
from app.core.auth import STAFF, Principal, PrincipalDep, require
from app.core.errors import Forbidden, NotAuthenticated
from app.web.templating import templates

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

ClerkPage = Annotated[Principal, Depends(require("clerk"))]
StaffPage = Annotated[Principal, Depends(require(*STAFF))]
AnyPage = PrincipalDep


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "") or request.headers.get("hx-request") == "true"


def safe_next(value: str | None, default: str = "/") -> str:
    """`value` if it is a path on this site, else `default` (no open redirects)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or len(value) > 2000:
        return default
    if any(ord(c) < 32 or c == "\\" for c in value):
        return default
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else default


def home_for(principal: Principal) -> str:
    """Where a user lands after login: their own work (a clerk the queue, the warehouse, finance and
    credit the orders waiting for them)."""
    if principal.is_customer:
        return "/my/orders"
    if principal.has("clerk"):
        return "/review"
    for role in ("warehouse", "finance", "credit"):
        if role in principal.roles:
            return f"/orders?work={role}"
    return "/dashboard"


def login_url(request: Request) -> str:
    here = request.headers.get("hx-current-url") if request.headers.get("hx-request") else None
    if here:
        parts = urlsplit(here)
        here = parts.path + (f"?{parts.query}" if parts.query else "")
    else:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(safe_next(here), safe="")


def _to_login(request: Request) -> Response:
    url = login_url(request)
    if request.headers.get("hx-request") == "true":  # HTMX follows this instead of swapping a page in
        return Response(status_code=401, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def _refused(request: Request, exc: Forbidden) -> Response:
    return templates.TemplateResponse(request, "error.html", {"code": exc.code, "message": exc.message},
                                      status_code=exc.status_code)


class PageRoute(APIRoute):
    """An HTML page or HTMX fragment (see the module docstring)."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            if request.method not in websession.SAFE_METHODS and \
                    request.headers.get("content-type", "").startswith(FORM_TYPES):
                form = await request.form()  # cached on the request; the endpoint reads the same form
                request.state.csrf_form_token = form.get(websession.CSRF_FIELD)
            try:
                return await handler(request)
            except NotAuthenticated:
                if not wants_html(request):
                    raise
                return _to_login(request)
            except Forbidden as exc:
                if not wants_html(request) or request.headers.get("hx-request") == "true":
                    raise
                return _refused(request, exc)

        return page
