"""Visibility API for staff: exception alerts (orders past a stage's time limit) and KPIs."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from fastapi import APIRouter, Query

from app.core.auth import StaffDep
from app.core.deps import SessionDep
from app.core.errors import AppError
from app.orders.kpi import service as kpi_service
from app.orders.notify import alerts

router = APIRouter(tags=["visibility"])


@router.get("/api/v1/alerts", summary="Orders past a stage's time limit")
def list_alerts(session: SessionDep, _staff: StaffDep,
                now: datetime | None = Query(None, description="evaluate at (tests, what-if)"),
                kind: str | None = None) -> dict:
    found = alerts.find_alerts(session, now)
    if kind:
        found = [a for a in found if a.kind == kind]
    return {"limits_hours": alerts.limits(), "count": len(found), "data": [a.as_dict() for a in found]}


@router.get("/api/v1/kpis", summary="KPIs per period, customer, product line or channel")
def get_kpis(session: SessionDep, _staff: StaffDep, period: Literal["day", "week", "month"] = "week",
             by: Literal["day", "week", "month", "customer", "product_line", "channel"] | None = None,
             from_: date | None = Query(None, alias="from"), to: date | None = None) -> dict:
    if from_ and to and from_ > to:
        raise AppError("invalid_range", "`from` is after `to`", 422)
    return kpi_service.cached(session, period, by, from_, to)
