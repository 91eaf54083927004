"""Password guessing is stopped per email; users change their own password, admins and the CLI set
one; every other browser session then ends; ended sessions are purged."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from app.accounts import logins
from app.accounts.models import AuditEntry, User, WebSession
from app.accounts.service import check_password
from app.accounts.websession import COOKIE, purge
from app.cli import cli
from app.core.clock import utcnow
from tests.app.web_login import ANNA, PASSWORD, another_browser, browser_client, csrf_of, login, sign_in

NEW = "a much longer new passphrase"


def _later(monkeypatch, minutes: int) -> None:
    now = utcnow() + timedelta(minutes=minutes)
    monkeypatch.setattr(logins, "utcnow", lambda: now)


def test_five_failures_lock_the_email_even_for_the_right_password_until_the_window_passes(
        browser, anna, session, monkeypatch):
    for _ in range(5):
        assert login(browser, ANNA, "guess").status_code == 401
    locked = login(browser, ANNA)
    assert locked.status_code == 429 and "Too many failed logins" in locked.text
    assert COOKIE not in browser.cookies
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "login_locked")).first() is not None

    _later(monkeypatch, 16)
    assert login(browser, ANNA).status_code == 303


def test_an_unknown_email_locks_the_same_way_so_the_lock_tells_nothing(browser, anna):
    for _ in range(5):
        login(browser, "nobody@example.com", "guess")
    assert login(browser, "Nobody@Example.com", "guess").status_code == 429
    assert login(browser, ANNA).status_code == 303  # other emails are not affected


@pytest.mark.slow
def test_a_successful_login_starts_the_count_again(browser, anna):
    for _ in range(4):
        login(browser, ANNA, "typo")
    assert login(browser, ANNA).status_code == 303
    for _ in range(4):
        login(browser, ANNA, "typo")
    assert login(browser, ANNA).status_code == 303


def test_a_user_changes_their_password_and_their_other_sessions_end(settings, anna, session):
    with browser_client(settings) as here:
        sign_in(here, ANNA)
        there = another_browser(here)
        sign_in(there, ANNA)
        wrong = here.post("/api/v1/me/password", json={"current_password": "nope", "new_password": NEW})
        assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "wrong_password"
        short = here.post("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "short"})
        assert short.status_code == 422
        same_as_email = here.post("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": ANNA})
        assert same_as_email.json()["error"]["code"] == "weak_password"

        assert here.post("/api/v1/me/password", json={"current_password": PASSWORD,
                                                      "new_password": NEW}).status_code == 204
        assert here.get("/review").status_code == 200  # the session that changed it stays
        assert there.get("/review", follow_redirects=False).status_code == 303  # the other one ended
    session.expire_all()
    assert check_password(session, ANNA, PASSWORD) is None and check_password(session, ANNA, NEW) is not None
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "password_changed")).one().details == {
        "sessions_ended": 1}


def test_the_account_page_changes_the_password_with_its_csrf_token(browser, anna, session):
    login(browser, ANNA)
    page = browser.get("/account")
    assert page.status_code == 200 and 'id="password-form"' in page.text
    form = {"current_password": PASSWORD, "new_password": NEW, "confirm_password": NEW}
    assert browser.post("/account/password", data=form).status_code == 403  # no CSRF token
    differ = browser.post("/account/password", data={**form, "confirm_password": NEW + "!",
                                                     "csrf_token": csrf_of(browser, "/account")})
    assert differ.status_code == 422 and "differ" in differ.text
    done = browser.post("/account/password", data={**form, "csrf_token": csrf_of(browser, "/account")})
    assert done.status_code == 200 and 'id="account-done"' in done.text
    session.expire_all()
    assert check_password(session, ANNA, NEW) is not None


def test_an_admin_sets_a_password_and_every_session_of_that_user_ends(client, settings, anna, session):
    with browser_client(settings) as b:
        sign_in(b, ANNA)
        r = client.post(f"/api/v1/admin/users/{anna.id}/password", json={"new_password": NEW})
        assert r.status_code == 204
        assert b.get("/review", follow_redirects=False).status_code == 303
    assert client.post("/api/v1/admin/users/999999/password", json={"new_password": NEW}).status_code == 404
    session.expire_all()
    assert check_password(session, ANNA, NEW) is not None
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "password_reset")).one()
    assert entry.object_id == str(anna.id) and entry.details == {"sessions_ended": 1}


def test_the_cli_sets_a_password(settings, anna, session):
    env = {"INTAKE_DATABASE_URL": settings.db_url, "INTAKE_DATA_DIR": str(settings.data_dir)}
    result = CliRunner().invoke(cli, ["users", "set-password", ANNA, "--password", NEW], env=env)
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(cli, ["users", "set-password", ANNA, "--password", "short"], env=env)
    assert bad.exit_code == 1
    session.expire_all()
    assert check_password(session, ANNA, NEW) is not None


def test_ended_sessions_are_purged_after_a_week_and_live_ones_kept(settings, anna, session):
    now = utcnow()
    user = session.exec(select(User).where(User.email == ANNA)).one()

    def add(token: str, **when) -> None:
        values = {"created_at": now - timedelta(days=20), "last_seen_at": now, "expires_at": now + timedelta(hours=1)}
        values.update(when)
        session.add(WebSession(token_hash=token, user_id=user.id, csrf_token="x", **values))

    add("live")
    add("revoked-long-ago", revoked_at=now - timedelta(days=8))
    add("revoked-yesterday", revoked_at=now - timedelta(days=1))
    add("expired-long-ago", expires_at=now - timedelta(days=9))
    add("idle-long-ago", last_seen_at=now - timedelta(days=10))
    session.commit()
    assert purge(session, settings) == 3
    left = {row.token_hash for row in session.exec(select(WebSession))}
    assert left == {"live", "revoked-yesterday"}
