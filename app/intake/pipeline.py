"""The intake pipeline: one visible, ordered list of stages.

Each stage takes the Job and fills in its part; a stage may end the chain by
raising Stop (the document then goes to that status with a reason). Reading
and extraction are pure (extractors/); the stages after them use master data.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session

from app.config import Settings
from app.catalog.lookup import Catalog, catalog
from app.catalog.models import Customer
from app.intake import checks, hints, orderdata, sandbox, validation
from app.intake.models import Document, DocumentStatus, EmailMessage
from app.orders.intake import create_order
from extractors.model import Extraction, Page
from extractors.read import ReadOptions, read_document


Issue = validation.Issue


class Stop(Exception):
    """End the pipeline with a status and a reason."""

    def __init__(self, status: DocumentStatus, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Job:
    settings: Settings
    session: Session
    document: Document
    raw: bytes
    pages: list[Page] = field(default_factory=list)
    extraction: Extraction | None = None
    doc_type: str | None = None
    data: dict = field(default_factory=dict)  # the working copy: read, matched, checked
    catalog: Catalog | None = None
    matches: dict = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    order_id: int | None = None
    status: DocumentStatus = DocumentStatus.extracted


def read_stage(job: Job) -> None:
    """Read the bytes in a limited child process: a hostile file fails alone (parse_* codes)."""
    s = job.settings
    options = ReadOptions(max_pages=s.max_pages, ocr_lang=s.ocr_lang, ocr_page_timeout=s.ocr_page_timeout)
    reading = sandbox.parse(s, read_document, job.raw, options)
    job.pages = reading.pages
    if reading.active_content:
        job.issues.append(Issue("pdf_active_content", f"the PDF carries {', '.join(reading.active_content)}; "
                                "none of it was run, check it before trusting the document"))


EMAIL_CHANNELS = {"email", "webhook", "imap", "smtp"}


def extract_stage(job: Job) -> None:
    """Layout-based extraction; the free-text reader for a PO written in an email body."""
    from extractors.po.extract import extract_po

    doc = job.document
    if doc.kind == "text" and doc.channel in EMAIL_CHANNELS:
        from extractors.email.body.extract import extract_from_text

        job.extraction = extract_from_text(job.raw.decode("utf-8", errors="replace"), doc.received_at.date())
        msg = job.session.get(EmailMessage, doc.message_id) if doc.message_id else None
        if msg and msg.subject and "po_number" not in job.extraction.fields:  # "PO 77812" only in the subject
            subject = extract_from_text(msg.subject, doc.received_at.date()).fields.get("po_number")
            if subject is not None:
                subject.page = subject.bbox = None
                subject.rule = "email_subject:" + subject.rule
                job.extraction.fields["po_number"] = subject
    else:
        job.extraction = extract_po(job.pages)
    job.extraction.page_count = len(job.pages)
    job.extraction.sources = [p.source for p in job.pages]
    job.extraction.warnings += [f"page {p.number}: {p.note}" for p in job.pages if p.note]


def doc_type_stage(job: Job) -> None:
    job.doc_type = checks.document_type(job.pages)


def match_stage(job: Job) -> None:
    assert job.extraction is not None
    job.catalog = catalog(job.session)
    job.data = orderdata.working_data(job.extraction.to_result())
    customer = orderdata.match_customer(job.catalog, job.data, job.document)
    if customer and (layout := hints.hints_for(job.session, customer["id"])):
        if hints.apply_hints(job.pages, job.extraction, layout):
            job.data = orderdata.working_data(job.extraction.to_result())
    job.matches = orderdata.apply_matches(job.session, job.catalog, job.data, job.document)
    if job.document.message_id and (msg := job.session.get(EmailMessage, job.document.message_id)):
        job.data["instructions"] = msg.instructions  # rush, partial_ok, ... written in the email


def validate_stage(job: Job) -> None:
    assert job.extraction is not None and job.catalog is not None
    doc = job.document
    job.issues += [Issue(**i) for i in checks.reading_issues(job.extraction, job.pages)]
    customer = job.matches.get("customer") or {}
    facts = orderdata.order_facts(
        job.session, job.catalog, job.data, doc, customer_score=customer.get("score", 0.0),
        confidences={n: f.confidence for n, f in job.extraction.fields.items()}, doc_type=job.doc_type,
        today=doc.received_at.date(), lead_days=job.settings.lead_days)
    job.issues += validation.validate(facts)
    if doc.channel in EMAIL_CHANNELS and not doc.sender and facts.customer_known:
        job.issues.append(Issue("untrusted_sender", "the email has no sender address to check against the customer",
                                field="customer"))


def decide_stage(job: Job) -> None:
    customer = job.session.get(Customer, job.data["customer_id"]) if job.data.get("customer_id") else None
    level = stricter(job.settings.automation, customer.automation if customer else "never")
    if customer is not None and validation.decide(level, job.issues):
        order = create_order(job.session, job.document, job.data, customer, touchless=True, actor="intake")
        job.order_id = order.id
        job.status = DocumentStatus.ordered
    else:
        job.status = DocumentStatus.needs_review
        if customer is not None and level == "never":  # the clerk sees why a clean PO waits
            who = "this customer's orders" if customer.automation == "never" else "every order (INTAKE_AUTOMATION)"
            job.issues.append(Issue("automation_off", f"automatic order creation is off for {who}: a clerk "
                                    "approves each one", blocking=False, field="customer"))


LEVELS = ("never", "confident", "always")


def stricter(a: str, b: str) -> str:
    return LEVELS[min(LEVELS.index(a), LEVELS.index(b))]


Stage = Callable[[Job], None]
STAGES: list[Stage] = [read_stage, extract_stage, doc_type_stage, match_stage, validate_stage, decide_stage]


def run(job: Job, stages: list[Stage] = STAGES) -> Job:
    for stage in stages:
        stage(job)
    return job
