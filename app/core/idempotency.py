"""Idempotency records: a POST repeated with the same Idempotency-Key answers as the first time.

The middleware (app.ops.idempotency) covers every POST: it claims the key before the route
runs (a row with status 0 means "running"), then stores the answer. Routes do nothing
themselves. The record's three steps, claim, finish and release, are each their own transaction.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Header
from sqlalchemy import JSON, Column, UniqueConstraint, delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select

from app.core.clock import utcnow
from app.core.db import get_engine

PENDING = 0  # status_code of a request that is still running

# For the API description of the routes where a retry matters most (uploads, orders, payments): the
# middleware honours the header on every POST, so a route only declares it and never reads it.
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]


class IdempotencyRecord(SQLModel, table=True):
    """A POST's answer, replayed for the same Idempotency-Key."""

    __table_args__ = (UniqueConstraint("scope", "key", name="uq_idempotency_scope_key"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str  # method, path and a hash of the caller's credential
    key: str
    request_hash: str
    status_code: int
    response: dict[str, Any] = Field(sa_column=Column(JSON(none_as_null=True)))
    created_at: datetime = Field(default_factory=utcnow)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
