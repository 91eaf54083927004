"""Sales orders and everything that happens to them, each change an OrderEvent."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.clock import utcnow

MONEY = Numeric(14, 4)
QTY = Numeric(14, 4)


def _qty() -> Any:
    return Field(default=Decimal("0"), sa_column=Column(QTY, nullable=False, default=0))


class Order(SQLModel, table=True):
    """A sales order; its statuses are derived from the line ledger."""

    __table_args__ = (UniqueConstraint("customer_id", "po_number", name="uq_order_customer_po"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    po_number: str | None = Field(default=None, index=True)
    document_id: int | None = Field(default=None, foreign_key="document.id")
    channel: str = "api"
    currency: str = "USD"
    order_date: date | None = None
    requested_date: date | None = None
    promised_date: date | None = None
    ship_to: str | None = None
    bill_to: str | None = None
    state: str = Field(default="entered", index=True)
    fulfilment_status: str = "unfulfilled"
    billing_status: str = "not_invoiced"
    payment_status: str = "unpaid"
    return_status: str = "none"
    hold_status: str = "none"
    total: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    touchless: bool = False  # created with no human touch
    instructions: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    entered_by: str = "system"
    changed_by: str | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class OrderLine(SQLModel, table=True):
    """One line and its quantity ledger; linked back to where it was read."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id", index=True)
    line_no: int
    sku: str = Field(index=True)
    description: str | None = None
    unit: str = "EA"
    unit_price: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    ordered: Decimal = _qty()
    allocated: Decimal = _qty()
    backordered: Decimal = _qty()
    picked: Decimal = _qty()
    packed: Decimal = _qty()
    shipped: Decimal = _qty()
    invoiced: Decimal = _qty()
    returned: Decimal = _qty()
    cancelled: Decimal = _qty()
    promise_date: date | None = None
    warehouse_id: int | None = Field(default=None, foreign_key="warehouse.id")
    # where the line was read (page, boxes) and why its SKU was chosen (score, reason, method)
    source: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    match: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))


class OrderEvent(SQLModel, table=True):
    """Something that happened to an order, written in the same transaction."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id", index=True)
    type: str = Field(index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = "system"
    details: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))


class Shipment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id", index=True)
    number: str = Field(unique=True)
    carrier: str | None = None
    tracking_number: str | None = None
    warehouse_id: int | None = Field(default=None, foreign_key="warehouse.id")
    shipped_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


class ShipmentLine(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    shipment_id: int = Field(foreign_key="shipment.id", index=True)
    order_line_id: int = Field(foreign_key="orderline.id")
    quantity: Decimal = _qty()


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"  # money given back, against an invoice (corrections, returns)


class InvoiceStatus(StrEnum):
    OPEN = "open"  # nothing paid yet, not due
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    OVERDUE = "overdue"  # past its due date with money owed
    VOID = "void"
    CORRECTED = "corrected"  # replaced by a credit note and a new invoice


class Invoice(SQLModel, table=True):
    """An invoice or a credit note (kind), numbered without gaps."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True)
    kind: str = InvoiceKind.INVOICE.value
    order_id: int = Field(foreign_key="order.id", index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    shipment_id: int | None = Field(default=None, foreign_key="shipment.id")
    corrects_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    currency: str = "USD"
    issued_at: datetime = Field(default_factory=utcnow, index=True)
    due_date: date | None = None
    total: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    paid: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    status: str = InvoiceStatus.OPEN.value


class InvoiceLine(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    order_line_id: int = Field(foreign_key="orderline.id")
    quantity: Decimal = _qty()
    unit_price: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    amount: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))


class Payment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    received_at: datetime = Field(default_factory=utcnow)
    reference: str | None = None
    recorded_by: str = "system"


class RmaStatus(StrEnum):
    """Where one return request (RMA) stands; the order's own `ReturnStatus` is derived from them."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"
    CREDITED = "credited"


class ReturnRequest(SQLModel, table=True):
    """An RMA: requested, approved, received per line, credited."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True)
    order_id: int = Field(foreign_key="order.id", index=True)
    status: str = RmaStatus.REQUESTED.value
    reason: str | None = None
    requested_by: str = "customer"
    created_at: datetime = Field(default_factory=utcnow)


class ReturnLine(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="returnrequest.id", index=True)
    order_line_id: int = Field(foreign_key="orderline.id")
    quantity: Decimal = _qty()
    received: Decimal = _qty()
    disposition: str | None = None  # restock, damaged, scrap


class ChangeRequest(SQLModel, table=True):
    """A customer's change or cancellation (usually by email) against an order."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int | None = Field(default=None, foreign_key="order.id", index=True)
    email_id: int | None = Field(default=None, foreign_key="emailmessage.id")
    kind: str  # change | cancel
    details: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    status: str = "open"  # open, applied, needs_review, refused
    created_at: datetime = Field(default_factory=utcnow)


class WebhookSubscription(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str
    secret: str
    event_types: list[str] = Field(default_factory=list, sa_column=Column(JSON(none_as_null=True)))
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class WebhookDelivery(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="webhooksubscription.id", index=True)
    event_id: int = Field(foreign_key="orderevent.id")
    attempts: int = 0
    status: str = "pending"  # pending, delivered, failed
    last_status_code: int | None = None
    last_error: str | None = None
    next_attempt_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


# --- API shapes -------------------------------------------------------------


class OrderLinePublic(SQLModel):
    line_no: int
    sku: str
    description: str | None
    unit: str
    unit_price: Decimal
    ordered: Decimal
    allocated: Decimal
    backordered: Decimal
    shipped: Decimal
    invoiced: Decimal
    returned: Decimal
    cancelled: Decimal
    promise_date: date | None
    source: dict[str, Any] | None
    match: dict[str, Any] | None


class OrderSummary(SQLModel):
    id: int
    number: str
    customer_id: int
    po_number: str | None
    state: str
    fulfilment_status: str
    billing_status: str
    payment_status: str
    hold_status: str
    currency: str
    total: Decimal
    touchless: bool
    created_at: datetime
    requested_date: date | None


class OrderPublic(OrderSummary):
    document_id: int | None
    channel: str
    order_date: date | None
    promised_date: date | None
    ship_to: str | None
    bill_to: str | None
    return_status: str
    entered_by: str
    version: int
    lines: list[OrderLinePublic]


class OrdersPublic(SQLModel):
    data: list[OrderSummary]
    count: int


class OrderEventPublic(SQLModel):
    id: int
    type: str
    at: datetime
    actor: str
    details: dict[str, Any] | None
