"""Password guessing and changing: failed logins lock an email for a while; a user changes their
own password (knowing the current one) or an admin sets a new one. Either way every other browser
session of that user ends.

Failures are the audit log's `login_failed` entries for the email (object_type "login"), counted
since the last successful login inside the window. They are counted whether or not the email has
an account, so the lock tells nothing about who has one.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from app.accounts.models import AuditEntry, User, WebSession
from app.accounts.security import verify_password
from app.accounts.service import audit, set_password
from app.core.auth import Principal
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import AppError

MIN_LENGTH, MAX_LENGTH = 8, 1024


def normal_email(email: str) -> str:
    return email.strip().lower()[:320]


def record_failure(session: Session, email: str, ip: str) -> None:
    audit(session, "anonymous", "login_failed", "login", normal_email(email), {"email": normal_email(email), "ip": ip})


def locked(session: Session, settings: Settings, email: str) -> bool:
    """True when the email has had `login_max_failures` failed logins in the window since its last login."""
    if settings.login_max_failures <= 0:
        return False
    email = normal_email(email)
    since = utcnow() - timedelta(minutes=settings.login_lock_minutes)
    last_ok = session.exec(select(func.max(AuditEntry.at)).where(
        AuditEntry.action == "login", AuditEntry.actor == email, AuditEntry.at >= since)).one()
    failed = session.exec(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "login_failed", AuditEntry.object_type == "login", AuditEntry.object_id == email,
        AuditEntry.at >= (last_ok or since))).one()
    return failed >= settings.login_max_failures


def check_new_password(user: User, password: str) -> None:
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise AppError("weak_password", f"a password has {MIN_LENGTH} to {MAX_LENGTH} characters")
    if password.strip().lower() == user.email:
        raise AppError("weak_password", "the password cannot be the email address")


def end_sessions(session: Session, user: User, keep: int | None = None) -> int:
    """Revoke the user's live browser sessions but `keep`; how many ended."""
    rows = session.exec(select(WebSession).where(WebSession.user_id == user.id,
                                                 WebSession.revoked_at.is_(None))).all()
    now = utcnow()
    ended = 0
    for row in rows:
        if row.id != keep:
            row.revoked_at = now
            session.add(row)
            ended += 1
    return ended


def user_of(session: Session, principal: Principal) -> User | None:
    """The user behind a login or a key (a key may have none)."""
    return session.get(User, principal.user_id) if principal.user_id is not None else None


def change_own(session: Session, user: User, current: str, new: str, keep_session: int | None = None) -> None:
    """The user's own change: the current password must be right; other sessions end."""
    if not user.password_hash or not verify_password(user.password_hash, current[:MAX_LENGTH]):
        raise AppError("wrong_password", "the current password is not right", 403)
    check_new_password(user, new)
    set_password(session, user, new)
    ended = end_sessions(session, user, keep=keep_session)
    audit(session, user.email, "password_changed", "user", user.id, {"sessions_ended": ended})


def reset(session: Session, user: User, new: str, actor: str) -> None:
    """An admin (or the CLI) sets a new password; every session of the user ends."""
    check_new_password(user, new)
    set_password(session, user, new)
    ended = end_sessions(session, user)
    audit(session, actor, "password_reset", "user", user.id, {"sessions_ended": ended})
