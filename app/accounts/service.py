"""Users, API keys and the audit log; what an admin does with them (API and command line alike)."""
from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Any

from sqlmodel import Session, select

from app.accounts.models import ROLES, ApiKey, AuditEntry, User
from app.accounts.security import hash_key, hash_password, key_prefix, new_api_key, same_hash, verify_password
from app.catalog.models import Customer
from app.core.clock import utcnow
from app.core.errors import AppError


def _check_roles(roles: list[str] | tuple[str, ...], customer_id: int | None) -> None:
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise AppError("invalid_role", f"roles must be among {', '.join(ROLES)}; got {list(roles)}")
    if "customer" in roles and customer_id is None:
        raise AppError("customer_required", "a customer login or key must name its customer")
    if "customer" in roles and len(roles) > 1:
        raise AppError("invalid_role", "a customer login or key cannot also have staff roles")


def create_user(session: Session, email: str, password: str | None, roles: list[str],
                customer_id: int | None = None, name: str = "") -> User:
    _check_roles(roles, customer_id)
    email = email.strip().lower()
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise AppError("user_exists", f"a user {email} exists already", 409)
    user = User(email=email, name=name, roles=list(roles), customer_id=customer_id,
                password_hash=hash_password(password) if password else None)
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    session.add(user)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(16))


def user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def check_password(session: Session, email: str, password: str) -> User | None:
    user = user_by_email(session, email)
    if user is None or not user.active:
        verify_password(_dummy_hash(), password)  # as slow as a real check: no hint who has an account
        return None
    return user if verify_password(user.password_hash, password) else None


def create_api_key(session: Session, role: str, customer_id: int | None = None, name: str = "",
                   user_id: int | None = None) -> tuple[ApiKey, str]:
    """A new key row and the key itself, which is never stored and cannot be shown again."""
    _check_roles([role], customer_id)
    prefix, key = new_api_key()
    row = ApiKey(prefix=prefix, key_hash=hash_key(key), name=name, role=role, customer_id=customer_id,
                 user_id=user_id)
    session.add(row)
    session.flush()
    return row, key


def find_api_key(session: Session, key: str) -> ApiKey | None:
    prefix = key_prefix(key)
    if prefix is None:
        return None
    row = session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first()
    if row is None or not row.active or not same_hash(row.key_hash, hash_key(key)):
        return None
    return row


def audit(session: Session, actor: str, action: str, object_type: str, object_id: Any = None,
          details: dict | None = None) -> None:
    """Append one entry in the caller's transaction (entries are never updated or deleted)."""
    session.add(AuditEntry(at=utcnow(), actor=actor, action=action, object_type=object_type,
                           object_id=None if object_id is None else str(object_id), details=details))


def revoke_api_key(session: Session, row: ApiKey, actor: str) -> None:
    """Stop a key working at once (the row stays, for the audit log)."""
    if row.active:
        row.active = False
        session.add(row)
        audit(session, actor, "key_revoked", "api_key", row.id, {"prefix": row.prefix})


def key_by_prefix(session: Session, prefix: str) -> ApiKey | None:
    return session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first()


# --- what an admin does (API and command line alike), each audited --------------------


def _customer_exists(session: Session, customer_id: int | None) -> None:
    if customer_id is not None and session.get(Customer, customer_id) is None:
        raise AppError("unknown_customer", f"no customer {customer_id}", 422)


def add_user(session: Session, actor: str, email: str, password: str | None, roles: list[str], *,
             customer_id: int | None = None, name: str = "") -> User:
    """A new user (a customer login must name an existing customer)."""
    _customer_exists(session, customer_id)
    user = create_user(session, email, password, roles, customer_id=customer_id, name=name)
    audit(session, actor, "user_created", "user", user.id,
          {"email": user.email, "roles": user.roles, "customer_id": user.customer_id})
    return user


def deactivate_user(session: Session, user: User, actor: str, *, actor_user_id: int | None = None) -> None:
    """The user's logins and keys stop working at once; an admin cannot lock themselves out."""
    if actor_user_id is not None and actor_user_id == user.id:
        raise AppError("cannot_deactivate_self", "an admin cannot deactivate their own user", 409)
    user.active = False
    session.add(user)
    audit(session, actor, "user_deactivated", "user", user.id, {"email": user.email})


def add_api_key(session: Session, actor: str, role: str, *, customer_id: int | None = None, name: str = "",
                user_id: int | None = None) -> tuple[ApiKey, str]:
    """A new key (its customer and user must exist) and the key itself, shown this once."""
    _customer_exists(session, customer_id)
    if user_id is not None and session.get(User, user_id) is None:
        raise AppError("unknown_user", f"no user {user_id}", 422)
    row, key = create_api_key(session, role, customer_id=customer_id, name=name, user_id=user_id)
    audit(session, actor, "key_created", "api_key", row.id,
          {"prefix": row.prefix, "role": row.role, "customer_id": row.customer_id, "user_id": row.user_id})
    return row, key
