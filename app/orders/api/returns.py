"""Returns API: a customer or clerk asks to return shipped units (RMA), a clerk or finance approves,
the warehouse receives them with a disposition (restock, damaged, scrap) and credit notes follow."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, select

from app.core.auth import PrincipalDep
from app.core.deps import SessionDep
from app.orders import actions as act
from app.orders.api.billing import invoice_json
from app.orders.api.deps import (
    ORDER,
    REFUSALS,
    IfMatch,
    ReturnActor,
    ReturnApprover,
    ReturnReceiver,
    Versioned,
    done,
    own_order,
    version_of,
)
from app.orders.models import ReturnLine, ReturnRequest

router = APIRouter(tags=["order lifecycle"])


class ReturnBody(Versioned):
    lines: dict[int, Decimal]
    reason: str | None = None
    model_config = ConfigDict(json_schema_extra={"examples": [{"lines": {"1": 2}, "reason": "damaged in transit"}]})

class Received(BaseModel):
    quantity: Decimal
    disposition: Literal["restock", "damaged", "scrap"]

class ReceiveReturnBody(Versioned):
    lines: dict[int, Received]
    model_config = ConfigDict(json_schema_extra={
        "examples": [{"lines": {"1": {"quantity": 2, "disposition": "restock"}}}]})


def return_json(session: Session, rma: ReturnRequest) -> dict:
    lines = session.exec(select(ReturnLine).where(ReturnLine.return_id == rma.id)).all()
    return {"id": rma.id, "number": rma.number, "status": rma.status, "reason": rma.reason,
            "lines": [{"order_line_id": r.order_line_id, "quantity": str(r.quantity), "received": str(r.received),
                       "disposition": r.disposition} for r in lines]}


@router.post(ORDER + "/returns", summary="Request a return (RMA)", responses=REFUSALS)
def request_return(session: SessionDep, principal: PrincipalDep, actor: ReturnActor, order_id: int, body: ReturnBody,
                   if_match: IfMatch = None):
    own_order(session, principal, order_id)
    rma = act.request_return(session, order_id, body.lines, actor, reason=body.reason,
                             version=version_of(if_match, body.version))
    return done(session, order_id, **{"return": return_json(session, rma)})


@router.post("/api/v1/returns/{return_id}/approve", summary="Approve a return", responses=REFUSALS)
def approve_return(session: SessionDep, actor: ReturnApprover, return_id: int):
    rma = act.approve_return(session, return_id, actor)
    return done(session, rma.order_id, **{"return": return_json(session, rma)})


@router.post("/api/v1/returns/{return_id}/receive", summary="Receive returned units with a disposition",
             responses=REFUSALS)
def receive_return(session: SessionDep, actor: ReturnReceiver, return_id: int, body: ReceiveReturnBody):
    rma, notes = act.receive_return(session, return_id, {no: (r.quantity, r.disposition)
                                                         for no, r in body.lines.items()}, actor)
    return done(session, rma.order_id, credit_notes=[invoice_json(session, n) for n in notes],
                 **{"return": return_json(session, rma)})


@router.get(ORDER + "/returns", summary="The order's returns (RMAs)")
def order_returns(session: SessionDep, principal: PrincipalDep, order_id: int) -> list[dict]:
    own_order(session, principal, order_id)
    rows = session.exec(select(ReturnRequest).where(ReturnRequest.order_id == order_id)
                        .order_by(ReturnRequest.id)).all()
    return [return_json(session, rma) for rma in rows]
