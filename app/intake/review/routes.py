"""Review through the API: the same actions the clerk's page offers, for API clients (clerk role).
Corrections are recorded with the principal's name."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.core.auth import ClerkDep
from app.core.deps import SessionDep, SettingsDep
from app.intake.review import service as review

router = APIRouter(prefix="/api/v1/documents/{document_id}/review", tags=["review"])


class ReviewOut(BaseModel):
    """The document's working data (what the order will be made of), issues and version."""

    document_id: int
    status: str
    version: int
    data: dict[str, Any]
    issues: list[dict[str, Any]]
    corrections: list[dict[str, Any]]


class FieldEdit(BaseModel):
    version: int
    value: str | None = None


class LineEdit(BaseModel):
    version: int
    changes: dict[str, str | None] = Field(examples=[{"our_sku": "HB-1240", "quantity": "40"}])


class Decision(BaseModel):
    version: int
    reason: str | None = None
    acknowledge: list[str] = Field(default_factory=list, description=(
        "approve: the `key` of every warning you accept (a 422 `warnings_not_acknowledged` lists them)"))


def _out(state: review.ReviewState) -> ReviewOut:
    return ReviewOut(
        document_id=state.document.id, status=state.document.status, version=state.version, data=state.data,
        issues=[{"code": i.code, "message": i.message, "blocking": i.blocking, "kind": i.kind, "field": i.field}
                for i in state.issues],
        corrections=[{"field": c.field, "old": c.old_value, "new": c.new_value, "user": c.user,
                      "at": c.at.isoformat()} for c in state.corrections])


@router.get("", response_model=ReviewOut, summary="What a clerk sees: working data, issues, corrections")
def get_review(session: SessionDep, _clerk: ClerkDep, document_id: int):
    return _out(review.load_review(session, document_id))


@router.patch("/fields/{name}", response_model=ReviewOut, summary="Correct a header field",
              responses={409: {"description": "`version_conflict`: changed since `version`; details list the changes"}})
def patch_field(session: SessionDep, settings: SettingsDep, clerk: ClerkDep, document_id: int, name: str,
                body: FieldEdit):
    return _out(review.edit_field(session, document_id, body.version, name, body.value, clerk.name, settings))


@router.patch("/lines/{index}", response_model=ReviewOut, summary="Correct a line (our_sku picks the product)")
def patch_line(session: SessionDep, settings: SettingsDep, clerk: ClerkDep, document_id: int, index: int,
               body: LineEdit):
    return _out(review.edit_line(session, document_id, body.version, index, body.changes, clerk.name, settings))


@router.post("/approve", summary="Create the order from the reviewed data")
def post_approve(session: SessionDep, settings: SettingsDep, clerk: ClerkDep, document_id: int,
                 body: Decision) -> dict:
    order = review.approve(session, settings, document_id, body.version, clerk.name, acknowledged=body.acknowledge)
    return {"order_id": order.id, "order_number": order.number, "order_url": f"/api/v1/orders/{order.id}"}


@router.post("/reject", summary="Reject with a reason")
def post_reject(session: SessionDep, clerk: ClerkDep, document_id: int, body: Decision) -> dict:
    doc = review.reject(session, document_id, body.version, body.reason or "", clerk.name)
    return {"document_id": doc.id, "status": doc.status}
