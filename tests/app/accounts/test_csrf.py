"""CSRF: a state-changing request that a login cookie authenticates must carry that session's
token (form field `csrf_token` or header `X-CSRF-Token`); API keys need none."""
from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.accounts.auth import authenticate
from app.accounts.service import create_api_key
from app.accounts.websession import COOKIE
from app.core.auth import PrincipalDep
from app.core.errors import install_handlers
from app.intake.models import Document
from tests.app.web_login import another_browser, browser_client, make_user, sign_in

HTMX = {"HX-Request": "true"}
CLERK = "clerk@example.com"


@pytest.fixture
def doc(session) -> Document:
    """A text document waiting for review (enough for field edits)."""
    d = Document(sha256="c" * 64, filename="po.txt", kind="text", status="needs_review",
                 extraction={"po_number": "PO-1", "line_items": []})
    session.add(d)
    session.commit()
    return d


@pytest.fixture
def clerk(settings, session):
    """A logged-in clerk's browser that does NOT send its CSRF token by itself; yields (client, token)."""
    make_user(session, CLERK, ["clerk"])
    with browser_client(settings) as c:
        token = sign_in(c, CLERK)
        del c.headers["X-CSRF-Token"]
        yield c, token


def _edit(client, doc, value, headers=None, token_field=None):
    data = {"version": doc.version, "value": value}
    if token_field is not None:
        data["csrf_token"] = token_field
    return client.post(f"/review/{doc.id}/fields/po_number", data=data, headers=HTMX | (headers or {}))


def test_a_form_post_without_the_token_is_refused(clerk, doc):
    client, _ = clerk
    response = _edit(client, doc, "PO-2")
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf_failed"


@pytest.mark.parametrize("where", ["header", "field"])
def test_a_wrong_token_is_refused(clerk, doc, where):
    client, token = clerk
    wrong = token[:-2] + ("xx" if not token.endswith("xx") else "yy")
    response = _edit(client, doc, "PO-2", headers={"X-CSRF-Token": wrong} if where == "header" else None,
                     token_field=wrong if where == "field" else None)
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf_failed"


@pytest.mark.parametrize("where", ["header", "field"])
def test_the_right_token_in_the_header_or_the_form_passes(clerk, doc, where):
    client, token = clerk
    response = _edit(client, doc, "PO-2", headers={"X-CSRF-Token": token} if where == "header" else None,
                     token_field=token if where == "field" else None)
    assert response.status_code == 200 and 'value="PO-2"' in response.text


def test_another_sessions_token_does_not_pass(clerk, doc, session):
    client, _ = clerk
    make_user(session, "other@example.com", ["clerk"])
    other = another_browser(client)
    other_token = sign_in(other, "other@example.com")
    assert _edit(client, doc, "PO-2", headers={"X-CSRF-Token": other_token}).status_code == 403


def test_a_plain_html_form_post_without_the_token_gets_a_403_page(clerk):
    client, _ = clerk
    response = client.post("/logout", follow_redirects=False)
    assert response.status_code == 403 and 'data-code="csrf_failed"' in response.text
    assert client.get("/review").status_code == 200  # still logged in


def test_pages_give_htmx_the_token_on_the_body(clerk):
    client, token = clerk
    page = client.get("/review")
    body = re.search(r"<body[^>]*>", page.text).group(0)
    assert "hx-headers=" in body and token in body and "X-CSRF-Token" in body


def test_requests_with_an_api_key_need_no_token(settings, session, doc):
    _row, key = create_api_key(session, "clerk", name="erp")
    session.commit()
    with browser_client(settings) as c:
        response = _edit(c, doc, "PO-3", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200 and 'value="PO-3"' in response.text


@pytest.fixture
def json_api(settings):
    """A JSON route guarded the way the API's routes are (PrincipalDep), on the real resolver."""
    app = FastAPI()
    app.state.settings = settings
    app.state.authenticate = authenticate
    install_handlers(app)

    @app.post("/api/thing")
    def change(principal: PrincipalDep) -> dict:
        return {"by": principal.name, "via": principal.via}

    @app.get("/api/thing")
    def read(principal: PrincipalDep) -> dict:
        return {"by": principal.name}

    return app


def test_the_json_api_with_a_login_cookie_needs_the_token_too(clerk, json_api):
    client, token = clerk
    api = TestClient(json_api)
    api.cookies.set(COOKIE, client.cookies.get(COOKIE))
    assert api.get("/api/thing").json() == {"by": CLERK}
    refused = api.post("/api/thing", json={})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    assert api.post("/api/thing", json={}, headers={"X-CSRF-Token": token}).json() == {"by": CLERK, "via": "session"}


def test_the_json_api_without_any_login_answers_401(json_api):
    response = TestClient(json_api).post("/api/thing", json={})
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"


def test_a_real_api_route_called_with_a_login_cookie_needs_the_token(settings, session):
    """The browser's fetch to the JSON API: the same cookie, the same CSRF rule."""
    make_user(session, "admin@example.com", ["admin"])
    with browser_client(settings) as c:
        token = sign_in(c, "admin@example.com")
        del c.headers["X-CSRF-Token"]
        c.headers["Accept"] = "application/json"
        body = {"url": "https://erp.example.com/hooks", "event_types": ["*"]}
        assert c.get("/api/v1/webhooks").status_code == 200  # reading needs no token
        refused = c.post("/api/v1/webhooks", json=body)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
        created = c.post("/api/v1/webhooks", json=body, headers={"X-CSRF-Token": token})
        assert created.status_code == 201
