"""Idempotency keys: a POST repeated with the same key answers as the first time."""
from __future__ import annotations

import hashlib
import json

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.errors import Conflict
from app.intake.models import IdempotencyRecord


def request_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def replay(session: Session, scope: str, key: str | None, req_hash: str) -> IdempotencyRecord | None:
    """The stored answer for this key, or None; a key reused for another request is a conflict."""
    if not key:
        return None
    rec = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.scope == scope,
                                                       IdempotencyRecord.key == key)).first()
    if rec is not None and rec.request_hash != req_hash:
        raise Conflict("idempotency_key_reused", "this Idempotency-Key was used for a different request")
    return rec


def remember(session: Session, scope: str, key: str | None, req_hash: str, status_code: int, response: dict) -> None:
    if not key:
        return
    try:
        with session.begin_nested():
            session.add(IdempotencyRecord(scope=scope, key=key, request_hash=req_hash,
                                          status_code=status_code, response=response))
    except IntegrityError:  # a concurrent twin stored it first; its answer stands
        pass
