"""Every response carries the security headers; pages get a CSP that our templates live within."""
from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from app.ops.security_headers import DOCS_CSP, PAGE_CSP, SecurityHeaders
from tests.helpers import REPO

TEMPLATES = REPO / "app" / "web" / "templates"


def _directives(csp: str) -> dict[str, set[str]]:
    return {d.split()[0]: set(d.split()[1:]) for d in csp.split(";") if d.strip()}


def _bare() -> TestClient:
    def cached(_request):
        return PlainTextResponse("x", headers={"Cache-Control": "private, max-age=60"})

    app = Starlette(routes=[Route("/api/v1/x", lambda r: PlainTextResponse("x")), Route("/img", cached),
                            Route("/static/app.js", lambda r: PlainTextResponse("js"))])
    return TestClient(SecurityHeaders(app))


def test_every_answer_has_the_headers_and_no_caching():
    resp = _bare().get("/api/v1/x")
    h = resp.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["referrer-policy"] == "same-origin"
    assert "camera=()" in h["permissions-policy"]
    assert h["cache-control"] == "no-store"
    assert "strict-transport-security" not in h  # plain http: HSTS would mean nothing


def test_hsts_over_https_directly_or_behind_a_proxy():
    assert "max-age=" in _bare().get("https://testserver/api/v1/x").headers["strict-transport-security"]
    behind = _bare().get("/api/v1/x", headers={"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" in behind.headers


def test_a_route_keeps_its_own_cache_control_and_static_files_may_be_cached():
    c = _bare()
    assert c.get("/img").headers["cache-control"] == "private, max-age=60"
    static = c.get("/static/app.js")
    assert "cache-control" not in static.headers
    assert static.headers["x-content-type-options"] == "nosniff"


def test_the_page_policy_allows_no_inline_or_foreign_script():
    d = _directives(PAGE_CSP)
    assert d["script-src"] == {"'self'"}
    assert d["object-src"] == {"'none'"} and d["base-uri"] == {"'none'"}
    assert d["default-src"] == {"'self'"}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_our_templates_need_nothing_the_page_policy_forbids(template):
    """No inline script, no event-handler attributes, no script or style from elsewhere."""
    html = (TEMPLATES / template).read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>: needs a nonce"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler: blocked by script-src 'self'"
    assert not re.search(r"\bhx-on", html), "hx-on needs eval: blocked by script-src 'self'"
    for url in re.findall(r"""(?:src|href)=["']([^"'{]+)""", html):
        assert not re.match(r"(https?:)?//", url), f"{url} is not served by us"


def test_the_service_pages_and_api_carry_the_headers(client):
    page = client.get("/review", follow_redirects=False)
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    api = client.get("/api/v1/documents/424242")
    assert api.headers["x-content-type-options"] == "nosniff" and api.headers["cache-control"] == "no-store"
    assert "x-request-id" in api.headers  # the request-id middleware still runs around it
    assert client.get("/docs").headers["content-security-policy"] == DOCS_CSP
    assert "cdn.jsdelivr.net" in DOCS_CSP  # where FastAPI's docs page loads Swagger UI from
