"""The clerk's review: edit what was read, choose customer and SKUs, approve or reject.

Every change is checked against the version the clerk's page was loaded with
(optimistic locking: a stale save is refused with the changes made since),
recorded as a Correction, and followed by a fresh validation, so the issues
the clerk sees are always those of the data as it now stands.

Typed values are checked first (fields.py: a PO number's shape, real dates, numbers), so a refused
value is never saved; a changed quantity or price recomputes the line amount. Approving over
warnings (problems a clerk may accept) needs each one acknowledged, and the acknowledgement is
written to the audit log. A document assigned to another clerk is refused until taken over
(queue.py).
"""
from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, select

from app.accounts.service import audit
from app.catalog.lookup import catalog, learn_xref
from app.catalog.matching.text import looks_like_code
from app.catalog.models import Customer, Product
from app.core.auth import Actor
from app.core.config import Settings
from app.core.errors import AppError, Conflict, NotFound
from app.intake import orderdata, validation
from app.intake.hints import learn_hints
from app.intake.models import Correction, Document, DocumentIssue, DocumentStatus
from app.intake.ordering import order_from_document
from app.intake.review import fields, queue
from app.orders.models import Order

EDITABLE_HEADER = orderdata.HEADER
EDITABLE_LINE = ("sku", "description", "quantity", "unit", "unit_price", "amount")
# Problems a clerk must fix before approving; the others they may accept by approving.
HARD = {"unknown_customer", "unknown_sku", "invalid_quantity", "duplicate_po", "not_a_po", "missing_po_number",
        "no_line_items"}
READING = {"no_text", "ocr_timeout", "ocr_unavailable"}
# Why a clerk rejects a document: the page offers these, the note says the rest.
REJECT_REASONS = {
    "duplicate": "sent twice (a duplicate of another document)",
    "not_ours": "not addressed to us / not our customer",
    "unreadable": "unreadable: ask the customer to send it again",
    "cancelled": "the customer withdrew it",
    "incomplete": "incomplete: prices, quantities or items missing",
    "spam": "spam or a test",
    "other": "other",
}


def warning_key(issue) -> str:
    """What a clerk acknowledges: one warning, on one field."""
    return f"{issue.code}:{issue.field or ''}"


def field_error(name: str, text: str | None, exc: fields.FieldError) -> AppError:
    return AppError("invalid_value", str(exc), 422, details={"field": name, "value": text or ""})


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


def _begin_change(session: Session, doc_id: int, version: int, user: str | None = None) -> Document:
    """Take the next version or refuse: someone saved since this clerk loaded the page, or another
    clerk holds the document."""
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
    if user is not None:
        try:
            queue.check_lock(doc, user)
        except Conflict:
            session.rollback()
            raise
    return doc


def _record(session: Session, doc: Document, name: str, old: object, new: object, user: str) -> None:
    session.add(Correction(document_id=doc.id, field=name, old_value=None if old is None else str(old),
                           new_value=None if new is None else str(new), user=user, version=doc.version))


def _finish(session: Session, settings: Settings | None, doc: Document, data: dict) -> ReviewState:
    doc.reviewed = copy.deepcopy(data)
    _revalidate(session, settings, doc, data)
    doc.priority = queue.priority(data, doc.received_at.date())
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
    try:
        checked = fields.check_header(name, value)
    except fields.FieldError as exc:
        raise field_error(name, value, exc) from None
    doc = _begin_change(session, doc_id, version, user)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    value = checked
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
    checked = {}
    for key, value in changes.items():
        try:
            checked[key] = fields.check_line(key, None if value is None else str(value))
        except fields.FieldError as exc:
            raise field_error(f"line_items[{index}].{key}", value, exc) from None
    doc = _begin_change(session, doc_id, version, user)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    line = _line(data, index)
    for key, value in checked.items():
        _record(session, doc, f"line_items[{index}].{key}", line.get(key), value, user)
        if key != "our_sku":
            line[key] = value
    if {"quantity", "unit_price"} & set(checked) and "amount" not in checked:
        amount = fields.line_amount(line.get("quantity"), line.get("unit_price"))
        if amount is not None and amount != line.get("amount"):
            _record(session, doc, f"line_items[{index}].amount", line.get("amount"), amount, user)
            line["amount"] = amount
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
    doc = _begin_change(session, doc_id, version, user)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    data.setdefault("line_items", []).append(dict.fromkeys(EDITABLE_LINE) | {"source": {}, "match": None,
                                                                                "product_id": None, "our_sku": None})
    _record(session, doc, f"line_items[{len(data['line_items']) - 1}]", None, "added", user)
    return _finish(session, settings, doc, data)


def remove_line(session: Session, doc_id: int, version: int, index: int, user: str,
                settings: Settings | None = None) -> ReviewState:
    doc = _begin_change(session, doc_id, version, user)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    removed = _line(data, index)
    data["line_items"].pop(index)
    _record(session, doc, f"line_items[{index}]", removed.get("our_sku") or removed.get("description"), "removed", user)
    return _finish(session, settings, doc, data)


def split_line(session: Session, doc_id: int, version: int, index: int, quantity: str, user: str,
               settings: Settings | None = None) -> ReviewState:
    """Split `quantity` off a line into a new line right after it (e.g. two delivery dates)."""
    doc = _begin_change(session, doc_id, version, user)
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
    doc = _begin_change(session, doc_id, version, user)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    _record(session, doc, "customer", data.get("customer_id"), customer.code, user)
    data["customer_id"], data["customer_confirmed"] = customer.id, True
    doc.customer_id = customer.id
    cat = catalog(session)
    for line in data.get("line_items", []):
        if (line.get("match") or {}).get("method") != "clerk":
            orderdata.match_line(cat, line, customer.id, None)
    return _finish(session, settings, doc, data)


def approve(session: Session, settings: Settings | None, doc_id: int, version: int, user: str,
            acknowledged: Collection[str] = ()) -> Order:
    """Create the order from the reviewed data and learn from what the clerk corrected.

    Problems in HARD refuse it; every other problem that blocks automation is a warning the clerk
    must acknowledge (`acknowledged` holds their `warning_key`s); the acknowledgement is audited."""
    doc = _begin_change(session, doc_id, version, user)
    data = copy.deepcopy(doc.reviewed or orderdata.working_data(doc.extraction or {}))
    issues = _revalidate(session, settings, doc, data)
    hard = [i for i in issues if i.code in HARD] + _shape_problems(data)
    if hard:
        session.rollback()
        raise AppError("review_incomplete", "fix these before approving: " + "; ".join(i.message for i in hard),
                       422, details={"issues": [{"code": i.code, "message": i.message, "field": i.field}
                                                for i in hard]})
    warnings = [i for i in issues if i.blocking]
    missing = [i for i in warnings if warning_key(i) not in set(acknowledged)]
    if missing:
        session.rollback()
        raise AppError("warnings_not_acknowledged", "acknowledge each warning before approving: "
                       + "; ".join(i.message for i in missing), 422,
                       details={"warnings": [{"key": warning_key(i), "code": i.code, "message": i.message,
                                              "field": i.field} for i in missing]})
    customer = session.get(Customer, data["customer_id"])
    order = order_from_document(session, doc, data, customer, touchless=False, actor=Actor(user))
    accepted = [i.code for i in warnings]
    if accepted:
        order.instructions = {**(order.instructions or {}), "accepted_issues": accepted}
        audit(session, user, "review_warnings_acknowledged", "document", doc.id, {
            "order": order.number, "warnings": [{"code": i.code, "field": i.field, "message": i.message}
                                                for i in warnings]})
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


def _shape_problems(data: dict) -> list[validation.Issue]:
    """Header values that could never be right (a stray key in the PO number, 31 February)."""
    found = []
    for name in ("po_number", *fields.DATE_FIELDS):
        try:
            fields.check_header(name, data.get(name))
        except fields.FieldError as exc:
            found.append(validation.Issue("invalid_value", f"{name.replace('_', ' ')}: {exc}", field=name))
    return found


def reject_reason(code: str | None, note: str | None) -> str:
    """The stored reason: the chosen reason's words and the clerk's note ("other" needs a note)."""
    note = " ".join((note or "").split())
    label = REJECT_REASONS.get(code or "")
    if label is None or code == "other":
        return note
    return f"{label}: {note}" if note else label


def reject(session: Session, doc_id: int, version: int, reason: str, user: str) -> Document:
    if not (reason or "").strip():
        raise AppError("reason_required", "say why the document is rejected", 422)
    doc = _begin_change(session, doc_id, version, user)
    _record(session, doc, "status", doc.status, DocumentStatus.rejected.value, user)
    doc.status, doc.review_note = DocumentStatus.rejected.value, reason.strip()
    session.add(doc)
    session.commit()
    return doc


def mark_not_po(session: Session, doc_id: int, version: int, user: str) -> Document:
    doc = _begin_change(session, doc_id, version, user)
    _record(session, doc, "doc_type", doc.doc_type, "not_a_po", user)
    doc.status, doc.doc_type, doc.review_note = DocumentStatus.rejected.value, "not_a_po", "not a purchase order"
    session.add(doc)
    session.commit()
    return doc


def reject_many(session: Session, doc_ids: list[int], reason: str, user: str) -> dict:
    """Bulk reject from the queue: each document at its current version; those another clerk holds
    or that left the queue are skipped and named."""
    if not (reason or "").strip():
        raise AppError("reason_required", "say why the documents are rejected", 422)
    done, skipped = [], []
    for doc_id in doc_ids:
        doc = session.get(Document, doc_id)
        if doc is None:
            continue
        try:
            reject(session, doc_id, doc.version, reason, user)
            done.append(doc_id)
        except AppError as exc:
            session.rollback()
            skipped.append({"id": doc_id, "code": exc.code, "message": exc.message})
    return {"rejected": done, "skipped": skipped}
