"""Who may do what: users, API keys, browser sessions and the append-only audit log."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.core.clock import utcnow

ROLES = ("customer", "clerk", "warehouse", "finance", "credit", "admin")


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    name: str = ""
    password_hash: str | None = None
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON(none_as_null=True)))
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class ApiKey(SQLModel, table=True):
    """Shown once; only its hash is stored. Scoped to a role and maybe one customer."""

    id: int | None = Field(default=None, primary_key=True)
    prefix: str = Field(index=True, unique=True)
    key_hash: str
    name: str = ""
    role: str = "clerk"
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    user_id: int | None = Field(default=None, foreign_key="user.id")
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Append-only: who did what to which object."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str
    action: str
    object_type: str
    object_id: str | None = None
    details: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))


class WebSession(SQLModel, table=True):
    """One browser login. The cookie token is stored only as its hash."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(index=True, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    csrf_token: str
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    user_agent: str = ""
    ip: str = ""
