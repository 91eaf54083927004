"""Who is asking, as every domain sees it: a `Principal` for a request (an API key or a web
login), an `Actor` for a business action, and the role checks on both.

Roles: customer, clerk, warehouse, finance, credit, admin (admin may do everything).
A principal with a customer_id (customer logins and keys) sees only that customer's
things; anything else is "not found", never "forbidden", so ids leak nothing.

How a request's credentials become a principal is the accounts domain's job: the application
factory puts its `authenticate(request, session)` on `app.state.authenticate`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.core.deps import SessionDep
from app.core.errors import Forbidden

STAFF = ("clerk", "warehouse", "finance", "credit", "admin")


@dataclass(frozen=True)
class Actor:
    """Who acts: a user name (or a system name) and their roles."""

    name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, name: str, *roles: str) -> Actor:
        return cls(name, frozenset(roles))


SYSTEM = Actor("system", frozenset({"admin"}))


def require_role(actor: Actor, *roles: str) -> None:
    """Refuse with 403 `forbidden` unless the actor has one of `roles` (admin always passes)."""
    if "admin" in actor.roles or actor.roles & set(roles):
        return
    raise Forbidden("forbidden", f"{actor.name} needs one of the roles: {', '.join(roles)}",
                    details={"actor": actor.name, "needs": list(roles)})


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

    def scoped(self, stmt, column):
        """`stmt` limited to this principal's customer (unchanged for staff)."""
        return stmt if self.customer_id is None else stmt.where(column == self.customer_id)

    @property
    def actor(self) -> Actor:
        return Actor(self.name, self.roles)


Authenticate = Callable[[Request, Session], Principal]


def get_principal(request: Request, session: SessionDep) -> Principal:
    """The request's principal (once per request); 401 `not_authenticated` or `invalid_api_key` without one."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    authenticate: Authenticate = request.app.state.authenticate
    principal = authenticate(request, session)
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(*roles: str):
    """A dependency: the principal, if it has one of `roles` (admin always passes)."""

    def dependency(principal: PrincipalDep) -> Principal:
        if not principal.has(*roles):
            raise Forbidden("forbidden", f"this needs one of the roles: {', '.join(roles)}")
        return principal

    return dependency


StaffDep = Annotated[Principal, Depends(require(*STAFF))]
AdminDep = Annotated[Principal, Depends(require("admin"))]
ClerkDep = Annotated[Principal, Depends(require("clerk"))]
