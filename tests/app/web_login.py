"""Log in to the web UI in tests: users by role, a login through the real form (HTTP client or
Chromium), and the page's CSRF token."""
from __future__ import annotations

import re
from contextlib import contextmanager

from sqlmodel import Session

from app.accounts.service import create_user

PASSWORD = "correct horse battery staple"
ANNA = "anna@example.com"  # a clerk (tests/app/accounts/conftest.py)
HTML = {"Accept": "text/html"}


def make_user(session: Session, email: str, roles: list[str], customer_id: int | None = None,
              password: str = PASSWORD):
    user = create_user(session, email, password, roles, customer_id=customer_id, name=email.split("@")[0])
    session.commit()
    return user


@contextmanager
def browser_client(settings, base_url: str = "http://testserver"):
    """A client like a browser's: no API key, cookies kept, asks for HTML."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app(settings), base_url=base_url) as c:
        c.headers.pop("authorization", None)
        c.headers.pop("x-api-key", None)
        c.headers.update(HTML)
        yield c


def login_token(client) -> str:
    page = client.get("/login")
    return re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)


def login(client, email: str, password: str = PASSWORD, next_url: str = ""):
    """POST the real login form; answers the response (303 on success), not followed."""
    return client.post("/login", data={"email": email, "password": password, "next": next_url,
                                       "login_token": login_token(client)}, follow_redirects=False)


def csrf_of(client, path: str = "/") -> str:
    """The session's CSRF token, as the page puts it in its logout form."""
    page = client.get(path)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def browser_login(page, server: str, email: str, password: str = PASSWORD, next_url: str = "") -> None:
    """Log in through the login page in Chromium and wait for the landing page."""
    page.goto(f"{server}/login" + (f"?next={next_url}" if next_url else ""))
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#login")
    assert "/login" not in page.url, "the login failed"


def sign_in(client, email: str, password: str = PASSWORD) -> str:
    """Log `client` in and send the session's CSRF token with every later request; answers the token."""
    response = login(client, email, password)
    assert response.status_code == 303, response.text
    token = csrf_of(client)
    client.headers["X-CSRF-Token"] = token
    return token


@contextmanager
def logged_in(settings, session, email: str = "clerk@example.com", roles=("clerk",), customer_id=None):
    """A browser-like client logged in as a new user with `roles`."""
    make_user(session, email, list(roles), customer_id=customer_id)
    with browser_client(settings) as c:
        sign_in(c, email)
        yield c


def another_browser(client):
    """A second browser on the same running app (its own cookies, no API key)."""
    from fastapi.testclient import TestClient

    other = TestClient(client.app, base_url=str(client.base_url))
    other.headers.update(HTML)
    return other
