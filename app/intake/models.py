"""Documents as received, what was read from them, and the clerk's work on them."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.clock import utcnow


class DocumentStatus(StrEnum):
    received = "received"  # bytes stored, waiting for a worker
    processing = "processing"  # a worker is reading it
    extracted = "extracted"  # fields read; nothing blocks, no order made (automation off or not a PO flow)
    needs_review = "needs_review"  # waiting in the clerk's queue, with reasons
    ordered = "ordered"  # became a sales order
    rejected = "rejected"  # a clerk rejected it (with a reason) or marked it not a PO
    failed = "failed"  # could not be read; `error_code` says why; bytes are kept


class Channel(StrEnum):
    api = "api"
    portal = "portal"  # a customer's own upload (their key or login): theirs, whatever it names
    upload = "upload"
    cli = "cli"
    email = "email"  # POST /api/v1/emails
    webhook = "webhook"  # inbound-mail webhook
    imap = "imap"
    smtp = "smtp"


class Document(SQLModel, table=True):
    """One file a customer sent, stored by SHA-256 before anything else happens."""

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(index=True, unique=True, max_length=64)
    filename: str | None = None
    kind: str | None = None  # pdf, png, tiff, eml, text ... decided by content
    size: int = 0
    channel: str = Channel.api.value
    sender: str | None = Field(default=None, index=True)
    customer_hint: str | None = None
    message_id: int | None = Field(default=None, foreign_key="emailmessage.id", index=True)
    status: str = Field(default=DocumentStatus.received.value, index=True)
    error_code: str | None = None
    error_message: str | None = None
    attempts: int = 0
    received_at: datetime = Field(default_factory=utcnow, index=True)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    page_count: int | None = None
    doc_type: str | None = None  # purchase_order, invoice, quote, statement, unknown
    extraction: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    # The clerk's corrected copy of `extraction`; the order is made from it.
    reviewed: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    matches: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    order_id: int | None = Field(default=None, index=True)
    priority: int = 3
    review_note: str | None = Field(default=None, sa_column=Column(Text))
    version: int = 1  # optimistic lock for the review page
    # The clerk working on it (a lock while assigned_at is recent, see app.intake.review.queue).
    assigned_to: str | None = Field(default=None, index=True)
    assigned_at: datetime | None = None


class DocumentIssue(SQLModel, table=True):
    """Why a document cannot go through untouched: a stable code and a message."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    code: str
    message: str
    blocking: bool = True
    kind: str = "validation"  # validation (what the order says) | confidence (how sure we are)
    field: str | None = None  # header field name or "line_items[3].sku"
    created_at: datetime = Field(default_factory=utcnow)


class Correction(SQLModel, table=True):
    """One change a clerk made to what was read: who, when, old and new value."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    field: str
    old_value: str | None = None
    new_value: str | None = None
    user: str = "system"
    at: datetime = Field(default_factory=utcnow)
    version: int = 0  # the document's version after this change


class SavedView(SQLModel, table=True):
    """A clerk's named queue search (the query string of /review), shown to its owner only."""

    __table_args__ = (UniqueConstraint("owner", "name", name="uq_savedview_owner_name"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(index=True)
    name: str
    query: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class EmailMessage(SQLModel, table=True):
    """An email from any channel; its attachments are Documents linked to it."""

    __table_args__ = (UniqueConstraint("message_id_header", name="uq_email_message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    raw_sha256: str = Field(index=True, max_length=64)  # the raw message in the blob store
    message_id_header: str | None = None
    in_reply_to: str | None = None
    references: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    channel: str = Channel.email.value
    mailbox: str | None = None
    sender: str | None = Field(default=None, index=True)
    recipients: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    subject: str | None = None
    sent_at: datetime | None = None
    received_at: datetime = Field(default_factory=utcnow)
    body_text: str | None = Field(default=None, sa_column=Column(Text))
    request_text: str | None = Field(default=None, sa_column=Column(Text))
    defects: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    label: str | None = None  # new_order, change_order, cancel_order, status_inquiry, ...
    label_score: float | None = None
    instructions: dict[str, float] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    status: str = "received"  # received, processed, needs_review, failed, replied
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    order_id: int | None = None
    queue: str | None = None  # review, finance, returns


# --- API shapes -------------------------------------------------------------


class ErrorInfo(SQLModel):
    code: str
    message: str


class DocumentIssuePublic(SQLModel):
    """A reason the document needs a clerk (or a note that does not block)."""

    code: str
    message: str
    blocking: bool
    kind: str = "validation"
    field: str | None = None


class DocumentAccepted(SQLModel):
    """What an upload answers at once; poll `status_url` for the outcome."""

    id: int
    sha256: str
    filename: str | None
    status: str
    duplicate: bool
    status_url: str
    error: ErrorInfo | None = None


class DocumentsAccepted(SQLModel):
    documents: list[DocumentAccepted]


class DocumentSummary(SQLModel):
    """A document in a list."""

    id: int
    sha256: str
    filename: str | None
    kind: str | None
    size: int
    channel: str
    sender: str | None
    status: str
    error: ErrorInfo | None = None
    received_at: datetime
    finished_at: datetime | None
    page_count: int | None
    customer_id: int | None
    order_id: int | None


class DocumentPublic(DocumentSummary):
    """One document with everything read from it."""

    customer_hint: str | None
    doc_type: str | None
    attempts: int
    version: int
    extraction: dict[str, Any] | None
    reviewed: dict[str, Any] | None
    matches: dict[str, Any] | None
    issues: list[DocumentIssuePublic]
    file_url: str


class DocumentsPublic(SQLModel):
    data: list[DocumentSummary]
    count: int
    limit: int
    offset: int
