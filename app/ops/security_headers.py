"""Security headers on every response: CSP, no framing, no sniffing, no caching of what is private.

Our pages load scripts and styles from /static only, with no inline code or style: word
boxes on the document page are placed by review.js from data attributes, and htmx's own
indicator style is turned off (review.css has it). The interactive API docs (/docs,
/redoc) load from a CDN and run an inline script; they get a policy of their own.
"""
from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
            "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
            "font-src 'self' https://fonts.gstatic.com; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
HSTS = b"max-age=31536000; includeSubDomains"

COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # same-origin keeps Referer for CSRF checks, leaks no URLs out
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def is_https(scope: Scope) -> bool:
    """Served over https, directly or behind a proxy that says so (browsers ignore HSTS over http)."""
    if scope.get("scheme") == "https":
        return True
    headers = dict(scope.get("headers") or [])
    return headers.get(b"x-forwarded-proto", b"").split(b",")[0].strip().lower() == b"https"


def headers_for(scope: Scope, existing: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The headers to add to a response for this request, leaving those the route set."""
    path = scope.get("path", "")
    have = {name.lower() for name, _ in existing}
    docs = any(path == p or path.startswith(p + "/") for p in DOCS_PATHS)
    added = [(b"content-security-policy", (DOCS_CSP if docs else PAGE_CSP).encode())]
    added += COMMON
    if is_https(scope):
        added.append((b"strict-transport-security", HSTS))
    if not path.startswith("/static/"):
        added.append((b"cache-control", b"no-store"))  # pages and API answers are private to the caller
    return [(k, v) for k, v in added if k not in have]


class SecurityHeaders:
    """Pure ASGI middleware: adds headers at response start, never buffers the body."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = list(message.get("headers") or [])
                message["headers"] = existing + headers_for(scope, existing)
            await send(message)

        await self.app(scope, receive, send_with_headers)
