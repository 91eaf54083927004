"""What the order API's routes share: the caller as an `Actor` with the roles a route admits, the
order version a change was made on (`version` in the body or `If-Match`), and the answer after
an action (the order as it is now)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.core.auth import Actor, Principal, PrincipalDep, require
from app.core.transactions import commit
from app.orders.service import order_or_404, order_view

ORDER = "/api/v1/orders/{order_id}"
REFUSALS = {403: {"description": "`forbidden` or `segregation_of_duties`"},
            409: {"description": "refused: `transition_not_allowed`, `version_mismatch`, a quantity code, ..."}}


def actor_of(*roles: str):
    """A dependency: the principal as the lifecycle's Actor, if it has one of `roles` (admin always)."""
    check = require(*roles)

    def dependency(principal: PrincipalDep) -> Actor:
        return check(principal).actor

    return Annotated[Actor, Depends(dependency)]


# Who may call what (the actions check roles again; these keep everyone else out early).
ClerkActor = actor_of("clerk")
CreditActor = actor_of("credit")
HoldActor = actor_of("clerk", "warehouse", "finance", "credit")
WarehouseActor = actor_of("warehouse", "clerk")
FinanceActor = actor_of("finance")
BillingActor = actor_of("finance", "clerk")
ReturnActor = actor_of("clerk", "customer")
ReturnApprover = actor_of("clerk", "finance")
ReturnReceiver = actor_of("warehouse", "clerk")


def own_order(session: Session, principal: Principal, order_id: int) -> None:
    """404 unless the order exists and the principal may see it."""
    order_or_404(session, order_id, principal)


IfMatch = Annotated[str | None, Header(alias="If-Match")]


def version_of(if_match: str | None, body_version: int | None) -> int | None:
    if body_version is not None:
        return body_version
    return int(if_match.strip('W/"')) if if_match and if_match.strip('W/"').isdigit() else None


def done(session: Session, order_id: int, **extra: Any) -> dict:
    commit(session)
    return {"order": order_view(session, order_id).model_dump(mode="json"), **extra}


class Versioned(BaseModel):
    version: int | None = Field(None, description="the order version you saw; refused with 409 if stale")
