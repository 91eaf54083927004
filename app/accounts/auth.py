"""Authentication: an API key (`Authorization: Bearer <key>` or `X-API-Key`) or a web login
session becomes the request's `Principal` (app.core.auth). The application factory installs
`authenticate` as `app.state.authenticate`; routes depend on `PrincipalDep` or `require(...)`."""
from __future__ import annotations

from datetime import timedelta

from fastapi import Request
from sqlmodel import Session

from app.accounts import websession
from app.accounts.models import User
from app.accounts.service import find_api_key
from app.core.auth import Principal
from app.core.clock import utcnow
from app.core.errors import NotAuthenticated

KEY_TOUCH_EVERY = timedelta(minutes=1)  # a key's last_used_at is written at most this often


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def principal_from_key(session: Session, key: str) -> Principal | None:
    """The key's principal: named after its user when it has one (so segregation of duties
    sees one person behind all their keys); a deactivated user's keys stop working."""
    row = find_api_key(session, key)
    if row is None:
        return None
    user = session.get(User, row.user_id) if row.user_id is not None else None
    if row.user_id is not None and (user is None or not user.active):
        return None
    now = utcnow()
    last = row.last_used_at
    if last is None or (now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo))) > KEY_TOUCH_EVERY:
        row.last_used_at = now
        session.add(row)
        session.commit()
    return Principal(name=user.email if user else f"key:{row.name or row.prefix}", roles=frozenset({row.role}),
                     customer_id=row.customer_id, user_id=row.user_id, key_id=row.id, via="key")


def authenticate(request: Request, session: Session) -> Principal:
    """The caller behind an API key, else behind a login session cookie; 401 otherwise."""
    key = _bearer(request)
    if key is not None:
        principal = principal_from_key(session, key)
        if principal is None:
            raise NotAuthenticated("invalid_api_key", "the API key is unknown or revoked")
        return principal
    principal = websession.resolve(request, session)
    if principal is None:
        raise NotAuthenticated("not_authenticated", "log in or send an API key (Authorization: Bearer ...)")
    return principal
