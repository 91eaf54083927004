"""Logging in and out of the web UI: cookies, fixation, expiry, failed attempts and `next`."""
from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import Request, Response
from sqlmodel import select

from app.accounts.models import AuditEntry, WebSession
from app.accounts.websession import COOKIE, set_cookie
from app.core.clock import utcnow
from tests.app.web_login import ANNA, PASSWORD, browser_client, csrf_of, login, sign_in


def _rows(session):
    session.expire_all()
    return session.exec(select(WebSession).order_by(WebSession.id)).all()


def test_a_login_sets_an_httponly_lax_cookie_and_lands_on_the_role_page(browser, anna, session):
    response = login(browser, ANNA)
    assert response.status_code == 303 and response.headers["location"] == "/review"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE + "="))
    attrs = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
    assert {"httponly", "path", "samesite"} <= attrs and "secure" not in attrs
    assert "samesite=lax" in cookie.lower() and "path=/" in cookie.lower()
    (row,) = _rows(session)
    token = browser.cookies.get(COOKIE)
    assert row.user_id == anna.id and token not in row.token_hash  # only the hash is stored
    page = browser.get("/review")
    assert page.status_code == 200 and ANNA in page.text and 'id="logout"' in page.text


def test_the_cookie_is_secure_on_https_and_when_the_setting_says_so(settings, anna):
    with browser_client(settings, base_url="https://testserver") as c:
        cookie = login(c, ANNA).headers["set-cookie"]
        assert "secure" in cookie.lower()
    behind_proxy = settings.model_copy(update={"cookie_secure": True})
    request = Request({"type": "http", "scheme": "http", "method": "GET", "path": "/", "headers": [],
                       "app": None})
    response = Response()
    set_cookie(response, request, behind_proxy, "token")
    assert "secure" in response.headers["set-cookie"].lower()


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer_and_are_audited(browser, anna, session):
    wrong = login(browser, ANNA, "not the password")
    unknown = login(browser, "nobody@example.com", "whatever")
    assert wrong.status_code == unknown.status_code == 401
    assert "Email or password is not right." in wrong.text and "Email or password is not right." in unknown.text
    assert COOKIE not in browser.cookies
    failed = session.exec(select(AuditEntry).where(AuditEntry.action == "login_failed")).all()
    assert [e.details["email"] for e in failed] == [ANNA, "nobody@example.com"]
    assert PASSWORD not in str([e.details for e in failed])


def test_an_inactive_user_cannot_log_in(browser, anna, session):
    anna.active = False
    session.add(anna)
    session.commit()
    assert login(browser, ANNA).status_code == 401


def test_the_login_form_needs_its_own_token(browser, anna):
    response = browser.post("/login", data={"email": ANNA, "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403 and 'data-code="csrf_failed"' in response.text
    assert COOKIE not in browser.cookies


def test_a_session_id_planted_before_login_is_replaced_and_the_old_one_revoked(browser, anna, session):
    assert login(browser, ANNA).status_code == 303
    first = browser.cookies.get(COOKIE)
    assert login(browser, ANNA).status_code == 303  # logging in again from the same browser
    second = browser.cookies.get(COOKIE)
    assert first != second
    old, new = _rows(session)
    assert old.revoked_at is not None and new.revoked_at is None
    browser.cookies.clear()
    browser.cookies.set(COOKIE, first)
    assert browser.get("/review", follow_redirects=False).status_code == 303  # the old id is worthless


def test_an_unknown_cookie_is_not_a_login(browser, anna):
    browser.cookies.set(COOKIE, "made-up-by-an-attacker")
    assert browser.get("/review", follow_redirects=False).headers["location"] == "/login?next=%2Freview"
    response = login(browser, ANNA)
    assert response.status_code == 303
    issued = response.cookies.get(COOKIE)
    assert issued and issued != "made-up-by-an-attacker"


def test_logout_revokes_the_session_on_the_server(browser, anna, session):
    sign_in(browser, ANNA)
    token = browser.cookies.get(COOKIE)
    out = browser.post("/logout", data={"csrf_token": csrf_of(browser)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    (row,) = _rows(session)
    assert row.revoked_at is not None
    browser.cookies.set(COOKIE, token)  # replaying the cookie after logout
    assert browser.get("/review", follow_redirects=False).status_code == 303
    actions = session.exec(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["login", "logout"]


@pytest.mark.parametrize("field, age", [
    pytest.param("last_seen_at", timedelta(minutes=61), id="idle"),
    pytest.param("expires_at", timedelta(seconds=1), id="absolute"),
])
def test_an_idle_or_old_session_ends(browser, anna, session, field, age):
    sign_in(browser, ANNA)
    assert browser.get("/review").status_code == 200
    (row,) = _rows(session)
    setattr(row, field, utcnow() - age)
    session.add(row)
    session.commit()
    response = browser.get("/review", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_activity_keeps_a_session_alive(browser, anna, session):
    sign_in(browser, ANNA)
    (row,) = _rows(session)
    row.last_seen_at = utcnow() - timedelta(minutes=50)
    session.add(row)
    session.commit()
    assert browser.get("/review").status_code == 200
    (row,) = _rows(session)
    seen = row.last_seen_at if row.last_seen_at.tzinfo else row.last_seen_at.replace(tzinfo=utcnow().tzinfo)
    assert utcnow() - seen < timedelta(minutes=5)


@pytest.mark.parametrize("next_url, landing", [
    pytest.param("/review?done=rejected", "/review?done=rejected", id="local-path-kept"),
    pytest.param("https://evil.example/x", "/review", id="absolute-url-dropped"),
    pytest.param("//evil.example/x", "/review", id="scheme-relative-dropped"),
    pytest.param("/\\evil.example", "/review", id="backslash-dropped"),
    pytest.param("javascript:alert(1)", "/review", id="script-dropped"),
])
def test_next_is_followed_only_to_local_paths(browser, anna, next_url, landing):
    assert login(browser, ANNA, next_url=next_url).headers["location"] == landing


def test_the_login_page_keeps_next_in_the_form(browser):
    page = browser.get("/login", params={"next": "/review/7"})
    assert 'name="next" value="/review/7"' in page.text
    assert 'value="https://evil' not in browser.get("/login", params={"next": "https://evil.example"}).text
