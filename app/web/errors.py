"""Errors as pages for people, JSON for programs. A request from a browser (it accepts text/html,
is not an HTMX fragment and is not under /api/) gets the error page with the same code and
message; everything else keeps the JSON shape of app.core.errors, whose handlers stay in charge."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.errors import AppError
from app.web.templating import templates

TITLES = {400: "That did not work", 401: "Not signed in", 403: "Not allowed", 404: "Not found",
          405: "Not possible here", 409: "That clashed with another change", 413: "Too large",
          422: "That did not work", 429: "Too many requests"}
API_PREFIXES = ("/api/", "/docs", "/openapi.json", "/metrics", "/healthz", "/readyz")


def for_people(request: Request) -> bool:
    return ("text/html" in request.headers.get("accept", "") and request.headers.get("hx-request") != "true"
            and not request.url.path.startswith(API_PREFIXES))


def page(request: Request, status: int, code: str, message: str, details: dict | None = None):
    return templates.TemplateResponse(request, "error.html", {
        "title": TITLES.get(status, "Something went wrong"), "status": status, "code": code, "message": message,
        "details": details or {}}, status_code=status)


def _bad_values(exc: RequestValidationError) -> str:
    names = [str(e.get("loc", ["", "value"])[-1]) for e in exc.errors()]
    return "This address has a value we cannot read: " + ", ".join(dict.fromkeys(names)) + "."


def install(app: FastAPI) -> None:
    """Wrap the JSON handlers already installed, so both stay in one place each."""
    json_handlers = dict(app.exception_handlers)

    def wrap(kind, render):
        fallback = json_handlers[kind]

        async def handler(request: Request, exc):
            return render(request, exc) if for_people(request) else await fallback(request, exc)

        app.add_exception_handler(kind, handler)

    wrap(AppError, lambda r, e: page(r, e.status_code, e.code, e.message[:1].upper() + e.message[1:] + "."))
    wrap(RequestValidationError, lambda r, e: page(r, 422, "invalid_request", _bad_values(e)))
    wrap(StarletteHTTPException, lambda r, e: page(
        r, e.status_code, {404: "not_found", 405: "method_not_allowed"}.get(e.status_code, "http_error"),
        "There is no page at this address." if e.status_code == 404 else str(e.detail)))
