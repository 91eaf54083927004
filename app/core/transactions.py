"""Commits with after-commit hooks: side effects (webhooks, emails) run once the transaction
is durable, and never after a rollback."""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

log = logging.getLogger(__name__)


def after_commit(session: Session, fn: Callable[[], object]) -> None:
    """Run `fn` once the current transaction has committed (webhooks, emails); dropped on rollback."""
    session.info.setdefault("after_commit", []).append(fn)


def commit(session: Session) -> None:
    """Commit, then run the registered after-commit hooks in order (a failing hook never undoes the commit)."""
    try:
        session.commit()
    except Exception:
        session.info.pop("after_commit", None)
        raise
    hooks = session.info.pop("after_commit", [])
    for fn in hooks:
        try:
            fn()
        except Exception:  # side effects must not break the caller
            log.exception("after-commit hook failed")


def rollback(session: Session) -> None:
    session.rollback()
    session.info.pop("after_commit", None)


@sa_event.listens_for(OrmSession, "after_soft_rollback")
def _drop_hooks(session: Session, previous) -> None:
    """A rolled-back transaction never runs its after-commit hooks, however it was rolled back
    (a savepoint rolled back keeps the outer transaction's hooks)."""
    if not previous.nested and previous.parent is None:
        session.info.pop("after_commit", None)
