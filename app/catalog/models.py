"""Master data: customers, products, cross references, prices, warehouses, stock."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.clock import utcnow

MONEY = Numeric(14, 4)


class Customer(SQLModel, table=True):
    """A buyer who sends us purchase orders."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    name: str = Field(index=True)
    email_domains: str = ""  # ';'-separated
    sender_addresses: str = ""  # ';'-separated, lowercased
    bill_to: str | None = None
    ship_to: str | None = None
    credit_limit: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    payment_terms: str | None = None  # e.g. NET30
    price_list: str | None = None
    currency: str = "USD"
    automation: str = "confident"  # never | confident | always
    priority: int = 3  # 1 highest
    active: bool = True


class Product(SQLModel, table=True):
    """Something we sell, by our SKU."""

    id: int | None = Field(default=None, primary_key=True)
    sku: str = Field(index=True, unique=True)
    description: str
    uom: str = "EA"
    pack_size: int = 1
    list_price: Decimal | None = Field(default=None, sa_column=Column(MONEY))
    currency: str = "USD"
    active: bool = True
    product_line: str | None = Field(default=None, index=True)


class CustomerXref(SQLModel, table=True):
    """A customer's own part number for one of our SKUs."""

    __table_args__ = (UniqueConstraint("customer_id", "customer_part", name="uq_xref_customer_part"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    customer_part: str
    sku: str
    learned: bool = False  # learned from a clerk's correction
    created_at: datetime = Field(default_factory=utcnow)


class Price(SQLModel, table=True):
    """A price-list price for a SKU from a minimum quantity."""

    __table_args__ = (UniqueConstraint("price_list", "sku", "min_qty", name="uq_price"),)

    id: int | None = Field(default=None, primary_key=True)
    price_list: str = Field(index=True)
    sku: str = Field(index=True)
    unit_price: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = "USD"
    min_qty: int = 1


class Warehouse(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    name: str = ""
    address: str | None = None


class Stock(SQLModel, table=True):
    """Stock on hand of a SKU in a warehouse; `allocated` is reserved for orders."""

    __table_args__ = (UniqueConstraint("warehouse_id", "sku", name="uq_stock"),)

    id: int | None = Field(default=None, primary_key=True)
    warehouse_id: int = Field(foreign_key="warehouse.id", index=True)
    sku: str = Field(index=True)
    on_hand: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    allocated: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))


class LayoutHint(SQLModel, table=True):
    """Where a customer's POs print a header field, learned from a clerk's correction."""

    __table_args__ = (UniqueConstraint("customer_id", "field", name="uq_layout_hint"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    field: str
    label: str | None = None  # the label text printed before the value
    hint: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))  # page, bbox
    updated_at: datetime = Field(default_factory=utcnow)
