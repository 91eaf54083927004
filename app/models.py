"""Import every table so SQLModel.metadata (and Alembic) sees them all."""
from app.accounts.models import ApiKey, AuditEntry, User  # noqa: F401
from app.accounts.websession import WebSession  # noqa: F401
from app.catalog.models import Customer, CustomerXref, LayoutHint, Price, Product, Stock, Warehouse  # noqa: F401
from app.intake.models import Correction, Document, DocumentIssue, EmailMessage, IdempotencyRecord  # noqa: F401
from app.orders.models import (  # noqa: F401
    ChangeRequest, Invoice, InvoiceLine, NumberSequence, Order, OrderEvent, OrderLine, Payment,
    ReturnLine, ReturnRequest, Shipment, ShipmentLine, WebhookDelivery, WebhookSubscription,
)
from sqlmodel import SQLModel

metadata = SQLModel.metadata
