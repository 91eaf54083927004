"""The intake pipeline: one visible, ordered list of stages.

Each stage takes the Job and fills in its part and its issues; the last one decides
whether the document becomes an order or waits for a clerk. A document that cannot be
read ends the chain with a DocumentError (its code says why). Reading and extraction
are pure (extractors/); the stages after them use master data.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session

from app.catalog.lookup import Catalog, catalog
from app.catalog.models import Customer
from app.core.auth import Actor
from app.core.config import Settings
from app.intake import checks, hints, orderdata, reorders, sandbox, shipto, validation
from app.intake.body_orders import body_order_issues
from app.intake.models import Document, DocumentStatus, EmailMessage
from app.intake.ordering import order_from_document
from extractors.model import Extraction, Page
from extractors.read import ReadOptions, read_document

Issue = validation.Issue
INTAKE = Actor("intake")  # who places the orders nobody touched


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


def is_email_body(doc: Document) -> bool:
    """The document is the text an email's sender wrote (not an attachment)."""
    return doc.kind == "text" and doc.channel in EMAIL_CHANNELS


def extract_stage(job: Job) -> None:
    """Layout-based extraction; the free-text reader for a PO written in an email body."""
    from extractors.po.extract import extract_po

    doc = job.document
    if is_email_body(doc):
        from extractors.email.extract import extract_body

        msg = job.session.get(EmailMessage, doc.message_id) if doc.message_id else None
        text = job.raw.decode("utf-8", errors="replace")
        # The whole message is context (a forward's note, a quoted quote); its own Date header
        # resolves "by Friday", never the day it is processed.
        job.extraction = extract_body(msg.body_text if msg and msg.body_text else text, own=text,
                                      subject=msg.subject if msg else None,
                                      sent=msg.sent_at if msg and msg.sent_at else doc.received_at)
    else:
        job.extraction = extract_po(job.pages)
    job.extraction.page_count = len(job.pages)
    job.extraction.sources = [p.source for p in job.pages]
    job.extraction.warnings += [f"page {p.number}: {p.note}" for p in job.pages if p.note]


def doc_type_stage(job: Job) -> None:
    """What kind of document this is; an email body comes here only when the request classifier
    read the email as a new order (its words about "order confirmation" ask for one)."""
    job.doc_type = "purchase_order" if is_email_body(job.document) else checks.document_type(job.pages)


def match_stage(job: Job) -> None:
    assert job.extraction is not None
    job.catalog = catalog(job.session)
    job.data = orderdata.working_data(job.extraction.to_result())
    customer = orderdata.match_customer(job.catalog, job.data, job.document)
    layout = hints.hints_for(job.session, customer["id"]) if customer else None
    if layout and hints.apply_hints(job.pages, job.extraction, layout):
        job.data = orderdata.working_data(job.extraction.to_result())
    if is_email_body(job.document) and customer:
        _repeat_earlier_order(job, customer["id"])
    job.matches = orderdata.apply_matches(job.session, job.catalog, job.data, job.document)
    _ship_to(job)
    if job.document.message_id and (msg := job.session.get(EmailMessage, job.document.message_id)):
        job.data["instructions"] = msg.instructions  # rush, partial_ok, ... written in the email


def _repeat_earlier_order(job: Job, customer_id: int) -> None:
    """'Same again': the earlier order's lines, for the clerk to check (reorders wait for review)."""
    ref = job.extraction.fields.get("references_order")
    if ref is None or ref.rule != "email:reorder":
        return
    earlier = reorders.earlier_order(job.session, customer_id, ref.normalized, before_po=job.data.get("po_number"))
    if earlier is not None:
        reorders.fill_lines(job.session, job.data, earlier)


def _ship_to(job: Job) -> None:
    """One address: the one the document names, matched to an address on file or kept as a
    one-off (with no address named, the order takes the customer's first one, see ordering)."""
    customer = job.session.get(Customer, job.data["customer_id"]) if job.data.get("customer_id") else None
    written = job.data.get("ship_to")
    if customer is None or not isinstance(written, str) or not written.strip():
        return
    resolved = shipto.resolve(written, shipto.on_file_addresses(customer.ship_to))
    job.data["ship_to"] = resolved.address
    job.data["ship_to_one_off"] = not resolved.on_file
    job.matches["ship_to"] = {"address": resolved.address, "on_file": resolved.on_file, "reason": resolved.reason}


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
    if is_email_body(doc):
        result = job.extraction.to_result()
        job.issues += body_order_issues(job.data, result["fields"], result["warnings"])
    if doc.channel in EMAIL_CHANNELS and not doc.sender and facts.customer_known:
        job.issues.append(Issue("untrusted_sender", "the email has no sender address to check against the customer",
                                field="customer"))


def decide_stage(job: Job) -> None:
    customer = job.session.get(Customer, job.data["customer_id"]) if job.data.get("customer_id") else None
    level = stricter(job.settings.automation, customer.automation if customer else "never")
    if customer is not None and validation.decide(level, job.issues):
        order = order_from_document(job.session, job.document, job.data, customer, touchless=True, actor=INTAKE)
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
