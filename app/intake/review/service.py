"""The clerk's review: edit what was read, choose customer and SKUs, approve or reject.

Every change is checked against the version the clerk's page was loaded with
(optimistic locking: a stale save is refused with the changes made since),
recorded as a Correction, and followed by a fresh validation, so the issues
the clerk sees are always those of the data as it now stands.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from app.catalog.lookup import catalog, learn_xref
from app.catalog.matching.text import looks_like_code
from app.catalog.models import Customer, Product
from app.core.auth import Actor
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import AppError, Conflict, NotFound
from app.intake import orderdata, validation
from app.intake.hints import learn_hints
from app.intake.models import Correction, Document, DocumentIssue, DocumentStatus
from app.intake.ordering import order_from_document
from app.orders.models import Order

EDITABLE_HEADER = orderdata.HEADER
EDITABLE_LINE = ("sku", "description", "quantity", "unit", "unit_price", "amount")
# Problems a clerk must fix before approving; the others they may accept by approving.
HARD = {"unknown_customer", "unknown_sku", "invalid_quantity", "duplicate_po", "not_a_po", "missing_po_number",
        "no_line_items"}
READING = {"no_text", "ocr_timeout", "ocr_unavailable"}


@dataclass
class QueueItem:
    document: Document
    issues: list[DocumentIssue]
    customer_name: str | None
    age: float  # seconds since received


@dataclass
class ReviewState:
    document: Document
    data: dict
    fields: dict  # per header field: value, confidence, page, bbox, rule (for highlighting)
    lines_source: list[dict]
    issues: list[DocumentIssue]
    customer: Customer | None
    customer_candidates: list[dict]
    corrections: list[Correction]

    @property
    def version(self) -> int:
        return self.document.version


def review_queue(session: Session, *, limit: int = 50, offset: int = 0) -> list[QueueItem]:
    """Documents waiting for a clerk, most urgent first (priority, then oldest)."""
    docs = session.exec(select(Document).where(Document.status == DocumentStatus.needs_review.value)
                        .order_by(Document.priority, Document.received_at).offset(offset).limit(limit)).all()
    now = utcnow()
    items = []
    for doc in docs:
        issues = session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id)).all()
        customer = session.get(Customer, doc.customer_id) if doc.customer_id else None
        items.append(QueueItem(doc, issues, customer.name if customer else None,
                               (now - _aware(doc.received_at)).total_seconds()))
    return items


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo else ts.replace(tzinfo=utcnow().tzinfo)


def _doc(session: Session, doc_id: int) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound("document_not_found", f"no document {doc_id}")
    return doc


def load_review(session: Session, doc_id: int) -> ReviewState:
    doc = _doc(session, doc_id)
    data = doc.reviewed or orderdata.working_data(doc.extraction or {})
    customer = session.get(Customer, data["customer_id"]) if data.get("customer_id") else None
    candidates = []
    for cand in ((doc.matches or {}).get("customer") or {}).get("candidates", []):
        c = session.get(Customer, cand["id"])
        if c:
            candidates.append({"id": c.id, "code": c.code, "name": c.name, "score": cand["score"]})
    return ReviewState(
        document=doc, data=data, fields=(doc.extraction or {}).get("fields", {}),
        lines_source=[li.get("source") or {} for li in data.get("line_items", [])],
        issues=session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id)).all(),
        customer=customer, customer_candidates=candidates,
        corrections=session.exec(select(Correction).where(Correction.document_id == doc.id)
                                 .order_by(Correction.at, Correction.id)).all())


def _begin_change(session: Session, doc_id: int, version: int) -> Document:
    """Take the next version or refuse: someone saved since this clerk loaded the page."""
    doc = _doc(session, doc_id)
    if doc.status not in (DocumentStatus.needs_review.value, DocumentStatus.extracted.value):
        raise AppError("not_in_review", f"document {doc_id} is {doc.status}, not waiting for review", 409)
    bumped = session.execute(update(Document).where(Document.id == doc_id, Document.version == version)
                             .values(version=Document.version + 1)).rowcount
    if bumped != 1:
        session.rollback()
        current = _doc(session, doc_id)
        session.refresh(current)
        changes = session.exec(select(Correction).where(Correction.document_id == doc_id,
                                                        Correction.version > version)
                               .order_by(Correction.id)).all()
        raise Conflict("version_conflict", "someone else changed this document since you opened it", details={
            "version": current.version,
            "changes": [{"field": c.field, "old": c.old_value, "new": c.new_value, "user": c.user,
                         "at": c.at.isoformat()} for c in changes]})
    session.refresh(doc)
    return doc


def _record(session: Session, doc: Document, name: str, old: object, new: object, user: str) -> None:
    session.add(Correction(document_id=doc.id, field=name, old_value=None if old is None else str(old),
                           new_value=None if new is None else str(new), user=user, version=doc.version))


def _finish(session: Session, settings: Settings | None, doc: Document, data: dict) -> ReviewState:
    doc.reviewed = copy.deepcopy(data)
    _revalidate(session, settings, doc, data)
    session.add(doc)
    session.commit()
    return load_review(session, doc.id)


def _revalidate(session: Session, settings: Settings | None, doc: Document, data: dict) -> list[validation.Issue]:
    cat = catalog(session)
    confidences = {n: f.get("confidence", 1.0) for n, f in ((doc.extraction or {}).get("fields") or {}).items()}
    confidences.update(dict.fromkeys(data.get("confirmed", []), 1.0))
    customer = ((doc.matches or {}).get("customer") or {})
    score = 1.0 if data.get("customer_confirmed") else customer.get("score", 0.0)
    facts = orderdata.order_facts(session, cat, data, doc, customer_score=score, confidences=confidences,
                                  doc_type=doc.doc_type, today=doc.received_at.date(),
                                  lead_days=settings.lead_days if settings else 0)
    issues = validation.validate(facts)
    for old in session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id)):
        if old.code not in READING:
            session.delete(old)
    for i in issues:
        session.add(DocumentIssue(document_id=doc.id, code=i.code, message=i.message, blocking=i.blocking,
                                  kind=i.kind, field=i.field))
    return issues


def edit_field(session: Session, doc_id: int, version: int, name: str, value: str | None, user: str,
               settings: Settings | None = None) -> ReviewState:
    if name not in EDITABLE_HEADER:
        raise AppError("unknown_field", f"{name} is not a field that can be edited", 422)
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    value = (value or "").strip() or None
    _record(session, doc, name, data.get(name), value, user)
    data[name] = value
    data.setdefault("confirmed", [])
    if name not in data["confirmed"]:
        data["confirmed"].append(name)
    return _finish(session, settings, doc, data)


def edit_line(session: Session, doc_id: int, version: int, index: int, changes: dict, user: str,
              settings: Settings | None = None) -> ReviewState:
    unknown = set(changes) - set(EDITABLE_LINE) - {"our_sku"}
    if unknown:
        raise AppError("unknown_field", f"cannot edit {', '.join(sorted(unknown))} on a line", 422)
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    line = _line(data, index)
    for key, value in changes.items():
        value = (str(value).strip() if value is not None else "") or None
        _record(session, doc, f"line_items[{index}].{key}", line.get(key), value, user)
        if key != "our_sku":
            line[key] = value
    if changes.get("our_sku"):
        product = session.exec(select(Product).where(Product.sku == changes["our_sku"].strip())).first()
        if product is None:
            raise AppError("unknown_sku", f"no product {changes['our_sku']}", 422)
        orderdata.set_product(line, product, 1.0, f"chosen by {user}", "clerk")
    elif {"sku", "description"} & set(changes):
        cat = catalog(session)
        orderdata.match_line(cat, line, data.get("customer_id"), None)
    elif line.get("product_id"):
        product = session.get(Product, line["product_id"])
        m = line.get("match") or {}
        orderdata.set_product(line, product, m.get("score", 1.0), m.get("reason", ""), m.get("method", ""),
                              m.get("candidates", []))
    return _finish(session, settings, doc, data)


def _line(data: dict, index: int) -> dict:
    lines = data.setdefault("line_items", [])
    if not 0 <= index < len(lines):
        raise AppError("no_such_line", f"there is no line {index + 1}", 422)
    return lines[index]


def add_line(session: Session, doc_id: int, version: int, user: str, settings: Settings | None = None) -> ReviewState:
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    data.setdefault("line_items", []).append(dict.fromkeys(EDITABLE_LINE) | {"source": {}, "match": None,
                                                                                "product_id": None, "our_sku": None})
    _record(session, doc, f"line_items[{len(data['line_items']) - 1}]", None, "added", user)
    return _finish(session, settings, doc, data)


def remove_line(session: Session, doc_id: int, version: int, index: int, user: str,
                settings: Settings | None = None) -> ReviewState:
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    removed = _line(data, index)
    data["line_items"].pop(index)
    _record(session, doc, f"line_items[{index}]", removed.get("our_sku") or removed.get("description"), "removed", user)
    return _finish(session, settings, doc, data)


def split_line(session: Session, doc_id: int, version: int, index: int, quantity: str, user: str,
               settings: Settings | None = None) -> ReviewState:
    """Split `quantity` off a line into a new line right after it (e.g. two delivery dates)."""
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    line = _line(data, index)
    total, part = validation.to_decimal(line.get("quantity")), validation.to_decimal(quantity)
    if total is None or part is None or not 0 < part < total:
        raise AppError("invalid_split", f"split quantity must be between 0 and {line.get('quantity')}", 422)
    new = copy.deepcopy(line)
    price = validation.to_decimal(line.get("unit_price"))
    for target, qty in ((line, total - part), (new, part)):
        target["quantity"] = str(qty)
        if price is not None:
            target["amount"] = str((qty * price).quantize(validation.MONEY_TOLERANCE))
    data["line_items"].insert(index + 1, new)
    _record(session, doc, f"line_items[{index}].quantity", total, f"{total - part} + {part}", user)
    if line.get("product_id"):
        for target in (line, new):
            m = target.get("match") or {}
            orderdata.set_product(target, session.get(Product, target["product_id"]), m.get("score", 1.0),
                                  m.get("reason", ""), m.get("method", ""), m.get("candidates", []))
    return _finish(session, settings, doc, data)


def set_customer(session: Session, doc_id: int, version: int, customer_id: int, user: str,
                 settings: Settings | None = None) -> ReviewState:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise AppError("unknown_customer", f"no customer {customer_id}", 422)
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    _record(session, doc, "customer", data.get("customer_id"), customer.code, user)
    data["customer_id"], data["customer_confirmed"] = customer.id, True
    doc.customer_id = customer.id
    cat = catalog(session)
    for line in data.get("line_items", []):
        if (line.get("match") or {}).get("method") != "clerk":
            orderdata.match_line(cat, line, customer.id, None)
    return _finish(session, settings, doc, data)


def approve(session: Session, settings: Settings | None, doc_id: int, version: int, user: str) -> Order:
    """Create the order from the reviewed data and learn from what the clerk corrected."""
    doc = _begin_change(session, doc_id, version)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    issues = _revalidate(session, settings, doc, data)
    hard = [i for i in issues if i.code in HARD]
    if hard:
        session.rollback()
        raise AppError("review_incomplete", "fix these before approving: " + "; ".join(i.message for i in hard),
                       422, details={"issues": [{"code": i.code, "message": i.message, "field": i.field}
                                                for i in hard]})
    customer = session.get(Customer, data["customer_id"])
    order = order_from_document(session, doc, data, customer, touchless=False, actor=Actor(user))
    accepted = [i.code for i in issues if i.blocking]
    if accepted:
        order.instructions = {**(order.instructions or {}), "accepted_issues": accepted}
    _learn(session, settings, doc, data, customer)
    _record(session, doc, "status", doc.status, DocumentStatus.ordered.value, user)
    doc.status, doc.reviewed, doc.customer_id = DocumentStatus.ordered.value, data, customer.id
    session.add(doc)
    session.commit()
    return order


def _learn(session: Session, settings: Settings | None, doc: Document, data: dict, customer: Customer) -> None:
    """A SKU a clerk chose becomes the customer's cross reference; a corrected header field a layout hint."""
    for line in data.get("line_items", []):
        if (line.get("match") or {}).get("method") == "clerk" and line.get("our_sku"):
            part = line.get("sku") or line.get("description")
            if part and (line.get("sku") or not looks_like_code(part)):
                learn_xref(session, customer.id, part, line["our_sku"])
    corrected = [f for f in data.get("confirmed", []) if data.get(f)]
    if corrected and settings is not None:
        learn_hints(session, settings, doc, customer.id, {f: data[f] for f in corrected})


def reject(session: Session, doc_id: int, version: int, reason: str, user: str) -> Document:
    if not (reason or "").strip():
        raise AppError("reason_required", "say why the document is rejected", 422)
    doc = _begin_change(session, doc_id, version)
    _record(session, doc, "status", doc.status, DocumentStatus.rejected.value, user)
    doc.status, doc.review_note = DocumentStatus.rejected.value, reason.strip()
    session.add(doc)
    session.commit()
    return doc


def mark_not_po(session: Session, doc_id: int, version: int, user: str) -> Document:
    doc = _begin_change(session, doc_id, version)
    _record(session, doc, "doc_type", doc.doc_type, "not_a_po", user)
    doc.status, doc.doc_type, doc.review_note = DocumentStatus.rejected.value, "not_a_po", "not a purchase order"
    session.add(doc)
    session.commit()
    return doc
