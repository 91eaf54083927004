"""Master data API: CSV import (admin) and export (staff), product look-ups (anyone; a customer's
cross references only) and customer look-ups (staff)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel
from sqlmodel import select

from app.catalog import search
from app.catalog.models import Customer, Product
from app.catalog.service import export_csv, import_csv
from app.core.auth import AdminDep, PrincipalDep, StaffDep
from app.core.deps import SessionDep
from app.core.errors import AppError

router = APIRouter(prefix="/api/v1", tags=["master data"])
KINDS = ("customers", "products", "xref", "prices", "warehouses", "stock")


class RowErrorOut(BaseModel):
    line: int
    message: str


class ImportOut(BaseModel):
    kind: str
    created: int
    updated: int
    errors: list[RowErrorOut]
    strict: bool


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise AppError("unknown_kind", f"master data kinds are {', '.join(KINDS)}", 404)
    return kind


@router.post("/master/{kind}", response_model=ImportOut, summary="Import master data from CSV",
             responses={422: {"description": "strict import with bad rows: nothing loaded"}})
async def import_master(session: SessionDep, _admin: AdminDep, kind: str, file: Annotated[UploadFile, File()],
                        strict: bool = False):
    """Bad rows are reported by line number and the good rows still load, unless `strict`.
    Importing again updates rows instead of duplicating them."""
    try:
        text = (await file.read()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AppError("not_utf8", "the CSV must be UTF-8", 422) from None
    result = import_csv(session, _kind(kind), text, strict=strict)
    session.commit()
    body = ImportOut(kind=kind, created=result.created, updated=result.updated, strict=strict,
                     errors=[RowErrorOut(line=e.line, message=e.message) for e in result.errors])
    return JSONResponse(body.model_dump(), status_code=422 if strict and result.errors else 200)


@router.get("/master/{kind}.csv", response_class=PlainTextResponse, summary="Export master data as CSV")
def export_master(session: SessionDep, _staff: StaffDep, kind: str):
    return PlainTextResponse(export_csv(session, _kind(kind)), media_type="text/csv")


class ProductOut(BaseModel):
    id: int
    sku: str
    description: str
    uom: str
    pack_size: int
    list_price: str | None
    active: bool
    score: float | None = None
    reason: str | None = None


@router.get("/products", response_model=list[ProductOut], summary="Find products (fuzzy) or list them")
def find_products(session: SessionDep, principal: PrincipalDep, q: str | None = None, customer_id: int | None = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20):
    if principal.is_customer:
        customer_id = principal.customer_id
    if q:
        return [ProductOut(id=h.id, sku=h.sku, description=h.description, uom=h.uom, pack_size=h.pack_size,
                           list_price=None if h.list_price is None else str(h.list_price), active=h.active,
                           score=h.score, reason=h.reason)
                for h in search.search_products(session, q, customer_id, limit)]
    rows = session.exec(select(Product).order_by(Product.sku).limit(limit)).all()
    return [ProductOut(id=p.id, sku=p.sku, description=p.description, uom=p.uom, pack_size=p.pack_size,
                       list_price=None if p.list_price is None else str(p.list_price), active=p.active) for p in rows]


class CustomerOut(BaseModel):
    id: int
    code: str
    name: str
    score: float | None = None
    reason: str | None = None


@router.get("/customers", response_model=list[CustomerOut], summary="Find customers (fuzzy) or list them")
def find_customers(session: SessionDep, _staff: StaffDep, q: str | None = None,
                   limit: Annotated[int, Query(ge=1, le=100)] = 20):
    if q:
        return [CustomerOut(id=h.id, code=h.code, name=h.name, score=h.score, reason=h.reason)
                for h in search.search_customers(session, q, limit)]
    return [CustomerOut(id=c.id, code=c.code, name=c.name)
            for c in session.exec(select(Customer).order_by(Customer.code).limit(limit))]
