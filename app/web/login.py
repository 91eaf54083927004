"""Log in and out of the web UI.

A successful login always starts a new session (the old one, if the browser had one, is
revoked), so a session id planted before login is worthless. A failed login says one generic
message and is audited; after `login_max_failures` failures the email is locked for a while
(app.accounts.logins). The login form itself is protected by a double-submit token (a cookie
and a field that must match), since there is no session yet whose token it could carry.
"""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.accounts import logins, websession
from app.accounts.security import same_hash
from app.accounts.service import audit, check_password
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError
from app.web.access import AnyPage, PageRoute, home_for, safe_next
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
LOGIN_COOKIE = "intake_login"
FAILED = "Email or password is not right."


def _form(request: Request, next_url: str, email: str = "", error: str | None = None, status: int = 200) -> Response:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    if len(token) > 100:
        token = secrets.token_urlsafe(24)
    response = templates.TemplateResponse(request, "login.html", {
        "next": next_url, "email": email, "error": error, "login_token": token}, status_code=status)
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, path="/login", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https" or request.app.state.settings.cookie_secure)
    return response


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return _form(request, safe_next(next, ""))


@router.post("/login")
def login(request: Request, session: SessionDep, settings: SettingsDep, email: str = Form(""),
          password: str = Form(""), next: str = Form(""), login_token: str = Form("")) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE)
    if not expected or not login_token or not same_hash(login_token, expected):
        return templates.TemplateResponse(request, "error.html", {
            "code": "csrf_failed", "message": "The login form expired. Open the login page again."}, status_code=403)
    email = email.strip()[:320]
    client = request.client.host if request.client else ""
    if email and logins.locked(session, settings, email):  # checked before the password: no guessing
        audit(session, "anonymous", "login_locked", "login", logins.normal_email(email), {"ip": client})
        session.commit()
        return _form(request, safe_next(next, ""), email=email, status=429,
                     error=f"Too many failed logins for this email. "
                           f"Try again in {settings.login_lock_minutes} minutes.")
    user = check_password(session, email, password[:1024]) if email and password else None
    if user is None:
        logins.record_failure(session, email, client)
        session.commit()
        return _form(request, safe_next(next, ""), email=email, error=FAILED, status=401)
    websession.revoke_token(session, request.cookies.get(websession.COOKIE))
    _row, token = websession.start(session, settings, user, request.headers.get("user-agent", ""), client)
    audit(session, user.email, "login", "user", user.id, {"ip": client})
    session.commit()
    target = safe_next(next, "") or home_for(websession.principal_of(user))
    response = RedirectResponse(target, status_code=303)
    websession.set_cookie(response, request, settings, token)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Ends the session. It needs the session's CSRF token, so another site cannot log a user out."""
    token = request.cookies.get(websession.COOKIE)
    found = websession.find(session, settings, token)
    if found is not None:
        row, user = found
        websession.check_csrf(request, row)
        websession.revoke(session, row)
        audit(session, user.email, "logout", "user", user.id)
        session.commit()
    response = RedirectResponse("/login", status_code=303)
    websession.clear_cookie(response, request, settings)
    return response


def _account(request: Request, error: str | None = None, done: bool = False, status: int = 200) -> Response:
    return templates.TemplateResponse(request, "account.html", {
        "error": error, "done": done, "min_length": logins.MIN_LENGTH}, status_code=status)


@router.get("/account")
def account_page(request: Request, principal: AnyPage) -> Response:
    return _account(request)


@router.post("/account/password")
def change_password(request: Request, session: SessionDep, principal: AnyPage, current_password: str = Form(""),
                    new_password: str = Form(""), confirm_password: str = Form("")) -> Response:
    """A logged-in user's own change; the session they use stays, their others end."""
    user = logins.user_of(session, principal)
    if user is None:
        return _account(request, "This login has no password to change.", status=409)
    if new_password != confirm_password:
        return _account(request, "The two new passwords differ.", status=422)
    try:
        logins.change_own(session, user, current_password, new_password,
                          keep_session=websession.current_id(request))
    except AppError as exc:
        session.rollback()
        return _account(request, exc.message[:1].upper() + exc.message[1:] + ".", status=exc.status_code)
    session.commit()
    return _account(request, done=True)
