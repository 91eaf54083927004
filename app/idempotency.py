"""Idempotency keys: a POST repeated with the same key answers as the first time.

The middleware (app.ops.idempotency_mw) covers every POST: it claims the key before the
route runs (a row with status 0 means "running"), then stores the answer. Three routes
(document upload, payments and order creation) also call `replay`/`remember` themselves;
under the middleware those calls step aside, since the middleware scopes keys by caller.
"""
from __future__ import annotations

import contextvars
import hashlib
import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db import get_engine
from app.errors import Conflict
from app.intake.models import IdempotencyRecord, utcnow

PENDING = 0  # status_code of a request that is still running
# Set by the middleware for the request it handles; the route-level calls then do nothing.
handled_by_middleware: contextvars.ContextVar[bool] = contextvars.ContextVar("idem_mw", default=False)


def request_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def replay(session: Session, scope: str, key: str | None, req_hash: str) -> IdempotencyRecord | None:
    """The stored answer for this key, or None; a key reused for another request is a conflict."""
    if not key or handled_by_middleware.get():
        return None
    rec = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.scope == scope,
                                                       IdempotencyRecord.key == key)).first()
    if rec is not None and rec.request_hash != req_hash:
        raise Conflict("idempotency_key_reused", "this Idempotency-Key was used for a different request")
    return rec


def remember(session: Session, scope: str, key: str | None, req_hash: str, status_code: int, response: dict) -> None:
    if not key or handled_by_middleware.get():
        return
    try:
        with session.begin_nested():
            session.add(IdempotencyRecord(scope=scope, key=key, request_hash=req_hash,
                                          status_code=status_code, response=response))
    except IntegrityError:  # a concurrent twin stored it first; its answer stands
        pass


# --- claim, finish, release: the middleware's three steps, each its own transaction ---


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def find(db_url: str, scope: str, key: str) -> IdempotencyRecord | None:
    with Session(get_engine(db_url), expire_on_commit=False) as session:
        return session.exec(select(IdempotencyRecord).where(IdempotencyRecord.scope == scope,
                                                            IdempotencyRecord.key == key)).first()


def claim(db_url: str, scope: str, key: str, req_hash: str, stale_after: float) -> IdempotencyRecord | None:
    """None when this request holds the key now and may run; else the record already there
    (finished, or still running). A claim older than `stale_after` seconds was left by a
    process that died: it is taken over."""
    for _ in range(3):
        with Session(get_engine(db_url), expire_on_commit=False) as session:
            session.add(IdempotencyRecord(scope=scope, key=key, request_hash=req_hash,
                                          status_code=PENDING, response={}))
            try:
                session.commit()
                return None
            except IntegrityError:
                session.rollback()
        rec = find(db_url, scope, key)
        if rec is None:  # released meanwhile: claim again
            continue
        if rec.status_code != PENDING or _aware(rec.created_at) > utcnow() - timedelta(seconds=stale_after):
            return rec
        with get_engine(db_url).begin() as conn:  # abandoned: remove exactly that claim, then claim again
            conn.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == rec.id,
                                                         IdempotencyRecord.status_code == PENDING))
    return find(db_url, scope, key)


def finish(db_url: str, scope: str, key: str, status_code: int, response: dict) -> None:
    with get_engine(db_url).begin() as conn:
        conn.execute(update(IdempotencyRecord)
                     .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
                     .values(status_code=status_code, response=response))


def release(db_url: str, scope: str, key: str) -> None:
    """Forget a claim whose request failed, so that a retry runs again."""
    with get_engine(db_url).begin() as conn:
        conn.execute(delete(IdempotencyRecord).where(IdempotencyRecord.scope == scope,
                                                     IdempotencyRecord.key == key,
                                                     IdempotencyRecord.status_code == PENDING))
