"""Helpers the tests of app/ share: API keys by role, waiting for the worker to finish a document,
a free local port, and our own Redis database (INTAKE_TEST_REDIS_URL) or a skip."""
from __future__ import annotations

import os
import socket
import time

import pytest
from sqlmodel import Session, select

REDIS_URL = os.environ.get("INTAKE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TERMINAL = {"extracted", "needs_review", "ordered", "rejected", "failed"}


def wait_for_document(client, doc_id: int, timeout: float = 90.0) -> dict:
    """Poll until the worker has finished with the document (not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/api/v1/documents/{doc_id}").json()
        if body["status"] in TERMINAL or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


def make_key(session: Session, role: str, customer_id: int | None = None, user: str | None = None,
             name: str = "") -> str:
    """A new API key for `role` (and a customer); `user` ties it to that person (created if new),
    so two keys of one user are one person for segregation of duties."""
    from app.accounts.models import User
    from app.accounts.service import create_api_key, create_user

    user_id = None
    if user is not None:
        email = user if "@" in user else f"{user}@example.com"
        row = session.exec(select(User).where(User.email == email)).first()
        row = row or create_user(session, email, None, [role], customer_id=customer_id, name=user)
        user_id = row.id
    _, key = create_api_key(session, role, customer_id=customer_id, name=name or user or role, user_id=user_id)
    session.commit()
    return key


def key_headers(settings_or_session, role: str, customer_id: int | None = None, user: str | None = None,
                name: str = "") -> dict:
    """`Authorization: Bearer` headers with a new key (see make_key); takes settings or a session."""
    from app.core.db import get_engine

    if isinstance(settings_or_session, Session):
        key = make_key(settings_or_session, role, customer_id, user, name)
    else:
        with Session(get_engine(settings_or_session.db_url), expire_on_commit=False) as session:
            key = make_key(session, role, customer_id, user, name)
    return {"Authorization": f"Bearer {key}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_or_skip(url: str = REDIS_URL) -> str:
    """A reachable Redis database of our own, emptied (tests use a dedicated db number)."""
    redis = pytest.importorskip("redis")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
    except Exception as exc:  # no server: the scaled setup cannot be shown here
        pytest.skip(f"Redis not reachable at {url}: {exc}")
    client.flushdb()
    return url
