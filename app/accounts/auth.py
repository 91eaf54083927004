"""Who is asking: an API key (`Authorization: Bearer <key>` or `X-API-Key`) or a web
login session. Every route depends on `PrincipalDep` or `require(...)`.

Roles: customer, clerk, warehouse, finance, credit, admin (admin may do everything).
A principal with a customer_id (customer logins and keys) sees only that customer's
things; anything else is "not found", never "forbidden", so ids leak nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated, Callable

from fastapi import Depends, Request
from sqlmodel import Session

from app.accounts.models import User
from app.accounts.service import find_api_key
from app.deps import SessionDep
from app.errors import AppError, NotFound
from app.intake.models import utcnow

STAFF = ("clerk", "warehouse", "finance", "credit", "admin")


class NotAuthenticated(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


@dataclass(frozen=True)
class Principal:
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    customer_id: int | None = None
    user_id: int | None = None
    key_id: int | None = None
    via: str = "key"  # "key", "session" or "system"

    def has(self, *roles: str) -> bool:
        return "admin" in self.roles or bool(self.roles.intersection(roles))

    @property
    def is_customer(self) -> bool:
        return self.customer_id is not None

    def may_see(self, customer_id: int | None) -> bool:
        return self.customer_id is None or customer_id == self.customer_id

    def check_customer(self, customer_id: int | None, what: str = "object") -> None:
        """Not found (404) when a customer asks for another customer's thing."""
        if not self.may_see(customer_id):
            raise NotFound("not_found", f"no such {what}")

    def scoped(self, stmt, column):  # noqa: ANN001, ANN201
        """`stmt` limited to this principal's customer (unchanged for staff)."""
        return stmt if self.customer_id is None else stmt.where(column == self.customer_id)

    @property
    def actor(self):  # noqa: ANN201
        from app.orders.service import Actor

        return Actor(self.name, self.roles)


# A web login session resolves here; app.accounts.websession sets it (cookie + CSRF).
session_resolver: Callable[[Request, Session], Principal | None] | None = None


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
    if last is None or (now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo))) > timedelta(minutes=1):
        row.last_used_at = now
        session.add(row)
        session.commit()
    return Principal(name=user.email if user else f"key:{row.name or row.prefix}", roles=frozenset({row.role}),
                     customer_id=row.customer_id, user_id=row.user_id, key_id=row.id, via="key")


def get_principal(request: Request, session: SessionDep) -> Principal:
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    key = _bearer(request)
    if key is not None:
        principal = principal_from_key(session, key)
        if principal is None:
            raise NotAuthenticated("invalid_api_key", "the API key is unknown or revoked")
    else:
        principal = session_resolver(request, session) if session_resolver else None
        if principal is None:
            raise NotAuthenticated("not_authenticated", "log in or send an API key (Authorization: Bearer ...)")
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(*roles: str):  # noqa: ANN201
    """A dependency: the principal, if it has one of `roles` (admin always passes)."""

    def dependency(principal: PrincipalDep) -> Principal:
        if not principal.has(*roles):
            raise Forbidden("forbidden", f"this needs one of the roles: {', '.join(roles)}")
        return principal

    return dependency


StaffDep = Annotated[Principal, Depends(require(*STAFF))]
AdminDep = Annotated[Principal, Depends(require("admin"))]
ClerkDep = Annotated[Principal, Depends(require("clerk"))]
