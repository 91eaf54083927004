"""The audit trail: every state-changing API request a principal makes is recorded (who, which
route, which object, the outcome) once its answer is known; explicit entries record user and key
administration and segregation-of-duties decisions. Entries are only ever added (on PostgreSQL and
SQLite a trigger refuses UPDATE and DELETE, see migration a1_audit_append_only)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from anyio import to_thread
from sqlmodel import Session

from app.accounts.models import AuditEntry
from app.accounts.service import audit
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.db import get_engine
from app.core.errors import AppError

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DUTY_CODES = frozenset({"segregation_of_duties"})


def outcome(status: int) -> str:
    return "ok" if status < 400 else "refused" if status < 500 else "failed"


def request_entry(scope: dict, principal: Any, status: int) -> AuditEntry:
    """One entry for a finished request: the route template is the action, the first id is the object."""
    route = scope.get("route")
    template = getattr(route, "path", None) or scope.get("path", "")
    params = dict(scope.get("path_params") or {})
    state = scope.get("state") or {}
    object_type, object_id = state.get("audit_object") or _object_of(template, params)
    details = {"status": status, "outcome": outcome(status), "path": scope.get("path"), "via": principal.via,
               "roles": sorted(principal.roles)}
    if principal.key_id is not None:
        details["key_id"] = principal.key_id
    if principal.customer_id is not None:
        details["customer_id"] = principal.customer_id
    return AuditEntry(at=utcnow(), actor=principal.name, action=f"{scope['method']} {template}",
                      object_type=object_type, object_id=None if object_id is None else str(object_id),
                      details=details)


def _object_of(template: str, params: dict) -> tuple[str, Any]:
    for name, value in params.items():
        if name.endswith("_id"):
            return name[:-3], value
    parts = [p for p in template.split("/") if p and not p.startswith("{") and p not in ("api", "v1")]
    return (parts[0] if parts else "request"), next(iter(params.values()), None)


def write_now(settings: Settings, entry: AuditEntry) -> None:
    """Append `entry` in its own transaction (the request's own may have been rolled back)."""
    with Session(get_engine(settings.db_url)) as session:
        session.add(entry)
        session.commit()


class AuditTrail:
    """ASGI middleware: after a POST/PUT/PATCH/DELETE that a principal made, append its entry."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in UNSAFE:
            await self.app(scope, receive, send)
            return
        seen = {"status": 500}

        async def send_status(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            principal = (scope.get("state") or {}).get("principal")
            if principal is not None:
                entry = request_entry(scope, principal, seen["status"])
                await to_thread.run_sync(write_now, scope["app"].state.settings, entry)


@contextmanager
def duty_decision(session: Session, settings: Settings, principal: Any, action: str, object_type: str,
                  object_id: Any) -> Iterator[None]:
    """Record a segregation-of-duties decision: allowed (in the caller's transaction) or refused
    (in its own, since the caller's is abandoned)."""
    try:
        yield
    except AppError as exc:
        if exc.code in DUTY_CODES:
            session.rollback()  # the caller's transaction is abandoned; free its locks before writing
            write_now(settings, AuditEntry(at=utcnow(), actor=principal.name, action=f"duty:{action}",
                                           object_type=object_type, object_id=str(object_id),
                                           details={"decision": "refused", "code": exc.code, "reason": exc.message}))
        raise
    audit(session, principal.name, f"duty:{action}", object_type, object_id, {"decision": "allowed"})


def entries_where(stmt, *, actor: str | None = None, action: str | None = None, object_type: str | None = None,
                  object_id: str | None = None):
    """`stmt` over AuditEntry narrowed by who, what (exact, or a prefix ending in *) and which object."""
    if actor:
        stmt = stmt.where(AuditEntry.actor == actor)
    if action:
        stmt = stmt.where(AuditEntry.action.startswith(action[:-1]) if action.endswith("*")
                          else AuditEntry.action == action)
    if object_type:
        stmt = stmt.where(AuditEntry.object_type == object_type)
    if object_id:
        stmt = stmt.where(AuditEntry.object_id == object_id)
    return stmt
