"""Browser logins: server-side sessions behind the `intake_session` cookie, with a CSRF token each.

The cookie holds a random token; only its SHA-256 is stored. A session ends when it is
revoked (logout, or a new login from the same browser), when it has been idle too long,
or at its absolute expiry. Every state-changing request a session authenticates must carry
the session's CSRF token (header `X-CSRF-Token`, or the form field `csrf_token` that the
page routes read), checked here so pages and the JSON API are covered alike.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from fastapi import Request, Response
from sqlalchemy import delete, or_
from sqlmodel import Session, select

from app.accounts.models import User, WebSession
from app.accounts.security import hash_key, same_hash
from app.core.auth import Principal
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import Forbidden

COOKIE = "intake_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo)


def start(session: Session, settings: Settings, user: User, user_agent: str = "",
          ip: str = "") -> tuple[WebSession, str]:
    """A new session for `user` and its cookie token (never stored, only its hash)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = WebSession(token_hash=hash_key(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                     created_at=now, last_seen_at=now, expires_at=now + timedelta(hours=settings.session_max_hours),
                     user_agent=user_agent[:300], ip=ip[:64])
    session.add(row)
    session.flush()
    return row, token


def find(session: Session, settings: Settings, token: str | None) -> tuple[WebSession, User] | None:
    """The live session and its user for a cookie token; None when unknown, revoked, idle or expired."""
    if not token or len(token) > 200:
        return None
    digest = hash_key(token)
    row = session.exec(select(WebSession).where(WebSession.token_hash == digest)).first()
    if row is None or row.revoked_at is not None or not same_hash(row.token_hash, digest):
        return None
    now = utcnow()
    idle = now - _aware(row.last_seen_at) > timedelta(minutes=settings.session_idle_minutes)
    if idle or now >= _aware(row.expires_at):
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return row, user


def revoke(session: Session, row: WebSession) -> None:
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)


def revoke_token(session: Session, token: str | None) -> WebSession | None:
    """End the session behind a cookie token, if there is one (whether or not it is still live)."""
    if not token or len(token) > 200:
        return None
    row = session.exec(select(WebSession).where(WebSession.token_hash == hash_key(token))).first()
    if row is not None:
        revoke(session, row)
    return row


def purge(session: Session, settings: Settings, keep_days: int = 7) -> int:
    """Delete sessions that ended (revoked, expired or idle) over `keep_days` ago; how many went.
    Logins and logouts stay in the audit log."""
    cutoff = utcnow() - timedelta(days=keep_days)
    idle_cutoff = cutoff - timedelta(minutes=settings.session_idle_minutes)
    result = session.exec(delete(WebSession).where(or_(
        WebSession.revoked_at < cutoff, WebSession.expires_at < cutoff, WebSession.last_seen_at < idle_cutoff)))
    session.commit()
    return result.rowcount or 0


def current_id(request: Request) -> int | None:
    """The id of the browser session this request came with, if any."""
    row = getattr(request.state, "web_session", None)
    return row.id if row is not None else None


def principal_of(user: User) -> Principal:
    return Principal(name=user.email, roles=frozenset(user.roles or ()), customer_id=user.customer_id,
                     user_id=user.id, via="session")


def _secure(request: Request, settings: Settings) -> bool:
    return settings.cookie_secure or request.url.scheme == "https"


def set_cookie(response: Response, request: Request, settings: Settings, token: str) -> None:
    response.set_cookie(COOKIE, token, max_age=settings.session_max_hours * 3600, path="/", httponly=True,
                        samesite="lax", secure=_secure(request, settings))


def clear_cookie(response: Response, request: Request, settings: Settings) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request, settings))


def check_csrf(request: Request, row: WebSession) -> None:
    """403 csrf_failed unless an unsafe request carries this session's token (header or form field)."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER) or getattr(request.state, "csrf_form_token", None)
    if not sent or not same_hash(str(sent), row.csrf_token):
        raise Forbidden("csrf_failed", "this form or request is missing its CSRF token, or the token is wrong; "
                                       "reload the page and try again")


def resolve(request: Request, session: Session) -> Principal | None:
    """The principal of a logged-in browser, or None. Unsafe methods must pass the CSRF check."""
    settings: Settings = request.app.state.settings
    found = find(session, settings, request.cookies.get(COOKIE))
    if found is None:
        return None
    row, user = found
    check_csrf(request, row)
    now = utcnow()
    if now - _aware(row.last_seen_at) > TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
        session.commit()
    request.state.web_session = row
    return principal_of(user)

