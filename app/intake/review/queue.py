"""The clerk's queue: search, filters, sort and paging done by the database; priority from the
due date and the order's value; assignment with a lock; bulk actions; saved views.

A document assigned to a clerk is theirs while `assigned_at` is younger than LOCK_MINUTES (every
save renews it): another clerk sees who has it and must take it over before changing it, and
"next document" passes it by. An expired lock is free for anyone.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from sqlalchemy import String, cast, exists, func, or_
from sqlmodel import Session, select

from app.accounts.models import User
from app.catalog.models import Customer
from app.core.clock import utcnow
from app.core.errors import AppError, Conflict, NotFound
from app.intake.models import Correction, Document, DocumentIssue, DocumentStatus, SavedView
from app.intake.validation import to_decimal

LOCK_MINUTES = 30  # an assignment nobody has touched for this long no longer holds the document
PAGE_SIZES = (25, 50, 100)
# Priority 1 (urgent) to 3 (normal): the requested delivery date is near, or the order is large.
DUE_URGENT_DAYS = 2  # due within two days (or overdue): priority 1
DUE_SOON_DAYS = 7  # due within a week: priority 2
HIGH_VALUE = Decimal("25000")  # one step more urgent (in the PO's own currency: a rough cut, on purpose)
MEDIUM_VALUE = Decimal("5000")  # at least priority 2
AGES = {"1h": timedelta(hours=1), "4h": timedelta(hours=4), "1d": timedelta(days=1), "3d": timedelta(days=3)}
SORTS = {"priority": "most urgent first", "oldest": "oldest first", "newest": "newest first",
         "po": "PO number", "customer": "customer", "value": "largest value first"}
STATUSES = (DocumentStatus.needs_review.value, DocumentStatus.failed.value, DocumentStatus.extracted.value,
            DocumentStatus.rejected.value, DocumentStatus.ordered.value)


def priority(data: dict | None, today: date) -> int:
    """1 urgent, 2 soon or large, 3 normal: from the requested delivery date and the order's value."""
    data = data or {}
    level = 3
    due = _date(data.get("requested_delivery_date"))
    if due is not None:
        days = (due - today).days
        level = 1 if days <= DUE_URGENT_DAYS else 2 if days <= DUE_SOON_DAYS else 3
    value = order_value(data)
    if value is not None and value >= HIGH_VALUE:
        level = max(1, level - 1)
    elif value is not None and value >= MEDIUM_VALUE:
        level = min(level, 2)
    return level


def order_value(data: dict) -> Decimal | None:
    """The PO's total, else the sum of its line amounts."""
    total = to_decimal(data.get("total"))
    if total is not None:
        return total
    amounts = [to_decimal(li.get("amount")) for li in data.get("line_items") or []]
    known = [a for a in amounts if a is not None]
    return sum(known, Decimal(0)) if known else None


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# --- the query ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueQuery:
    """What the clerk asked for; the same fields are the page's query string."""

    q: str = ""
    status: str = DocumentStatus.needs_review.value
    channel: str = ""
    customer_id: int | None = None
    issue: str = ""
    age: str = ""  # older than: a key of AGES
    assigned: str = ""  # "", "me", "nobody", or a clerk's name
    sort: str = "priority"
    page: int = 1
    size: int = PAGE_SIZES[0]

    @classmethod
    def of(cls, **raw: object) -> QueueQuery:
        """From untrusted query-string values: anything unknown falls back to the default."""
        d = cls()
        cid = str(raw.get("customer_id") or "")
        size = int(raw.get("size")) if str(raw.get("size") or "").isdigit() else d.size
        page = int(raw.get("page")) if str(raw.get("page") or "").isdigit() else 1
        status = str(raw.get("status") or d.status)
        return cls(q=str(raw.get("q") or "").strip()[:200], status=status if status in (*STATUSES, "all") else d.status,
                   channel=str(raw.get("channel") or "")[:20], customer_id=int(cid) if cid.isdigit() else None,
                   issue=str(raw.get("issue") or "")[:40], age=str(raw.get("age") or "") if raw.get("age") in AGES
                   else "", assigned=str(raw.get("assigned") or "")[:320],
                   sort=str(raw.get("sort")) if raw.get("sort") in SORTS else d.sort,
                   page=max(page, 1), size=size if size in PAGE_SIZES else d.size)

    def params(self, **changes: object) -> str:
        """The query string of this query with `changes` (defaults left out)."""
        q, d = replace(self, **changes), QueueQuery()
        pairs = {k: getattr(q, k) for k in ("q", "status", "channel", "customer_id", "issue", "age", "assigned",
                                             "sort", "page", "size")}
        return urlencode({k: v for k, v in pairs.items() if v not in (None, "") and v != getattr(d, k)})


@dataclass
class QueueItem:
    document: Document
    issues: list[DocumentIssue]
    customer_name: str | None
    age: float  # seconds since received
    po_number: str | None = None
    value: Decimal | None = None
    currency: str | None = None
    locked_by: str | None = None  # another clerk holding the document


@dataclass
class QueuePage:
    items: list[QueueItem]
    total: int
    query: QueueQuery
    facets: dict = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.size))


def _filtered(stmt, query: QueueQuery, me: str, now: datetime):
    if query.status != "all":
        stmt = stmt.where(Document.status == query.status)
    if query.channel:
        stmt = stmt.where(Document.channel == query.channel)
    if query.customer_id:
        stmt = stmt.where(Document.customer_id == query.customer_id)
    if query.issue:
        stmt = stmt.where(exists().where(DocumentIssue.document_id == Document.id, DocumentIssue.code == query.issue))
    if query.age:
        stmt = stmt.where(Document.received_at <= now - AGES[query.age])
    if query.assigned == "me":
        stmt = stmt.where(Document.assigned_to == me)
    elif query.assigned == "nobody":
        stmt = stmt.where(or_(Document.assigned_to.is_(None), Document.assigned_at < now - lock_age()))
    elif query.assigned:
        stmt = stmt.where(Document.assigned_to == query.assigned)
    if query.q:
        like = f"%{query.q.lower()}%"
        names = select(Customer.id).where(or_(func.lower(Customer.name).like(like),
                                              func.lower(Customer.code).like(like)))
        stmt = stmt.where(or_(func.lower(Document.filename).like(like), func.lower(Document.sender).like(like),
                              Document.customer_id.in_(names),
                              func.lower(cast(Document.reviewed, String)).like(like)))
    return stmt


def _ordered(stmt, sort: str):
    if sort == "oldest":
        return stmt.order_by(Document.received_at, Document.id)
    if sort == "newest":
        return stmt.order_by(Document.received_at.desc(), Document.id.desc())
    if sort == "customer":
        name = select(Customer.name).where(Customer.id == Document.customer_id).scalar_subquery()
        return stmt.order_by(name.is_(None), name, Document.received_at)
    return stmt.order_by(Document.priority, Document.received_at, Document.id)


def lock_age() -> timedelta:
    return timedelta(minutes=LOCK_MINUTES)


def search(session: Session, query: QueueQuery, me: str) -> QueuePage:
    """One page of the queue and the total; PO number and value sorts are done on the page's rows
    after the database has filtered and counted (both live in the JSON working copy)."""
    now = utcnow()
    base = _filtered(select(Document), query, me, now)
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    if query.sort in ("po", "value"):
        docs = list(session.exec(_ordered(base, "oldest")).all())
        key = (lambda d: str(_data(d).get("po_number") or "~")) if query.sort == "po" else \
            (lambda d: -(order_value(_data(d)) or Decimal(0)))
        docs = sorted(docs, key=key)[(query.page - 1) * query.size: query.page * query.size]
    else:
        docs = list(session.exec(_ordered(base, query.sort).offset((query.page - 1) * query.size)
                                 .limit(query.size)).all())
    items = _items(session, docs, me, now)
    return QueuePage(items, total, query, facets(session))


def _data(doc: Document) -> dict:
    return doc.reviewed or doc.extraction or {}


def _items(session: Session, docs: list[Document], me: str, now: datetime) -> list[QueueItem]:
    ids = [d.id for d in docs]
    issues: dict[int, list[DocumentIssue]] = {i: [] for i in ids}
    for issue in session.exec(select(DocumentIssue).where(DocumentIssue.document_id.in_(ids))).all() if ids else []:
        issues[issue.document_id].append(issue)
    cids = {d.customer_id for d in docs if d.customer_id}
    names = dict(session.exec(select(Customer.id, Customer.name).where(Customer.id.in_(cids))).all()) if cids else {}
    out = []
    for d in docs:
        data = _data(d)
        out.append(QueueItem(d, issues[d.id], names.get(d.customer_id), (now - aware(d.received_at)).total_seconds(),
                             po_number=data.get("po_number"), value=order_value(data), currency=data.get("currency"),
                             locked_by=holder(d, me, now)))
    return out


def facets(session: Session) -> dict:
    """The values the filter menus offer: channels, customers and issue codes in the queue."""
    waiting = Document.status == DocumentStatus.needs_review.value
    channels = session.exec(select(Document.channel).where(waiting).distinct()).all()
    codes = session.exec(select(DocumentIssue.code).join(Document, Document.id == DocumentIssue.document_id)
                         .where(waiting).distinct()).all()
    customers = session.exec(select(Customer.id, Customer.name).join(Document, Document.customer_id == Customer.id)
                             .where(waiting).distinct()).all()
    clerks = [u.email for u in session.exec(select(User).where(User.active).order_by(User.email)).all()
              if {"clerk", "admin"} & set(u.roles or [])]
    return {"channels": sorted(channels), "issues": sorted(codes), "customers": sorted(customers, key=lambda c: c[1]),
            "clerks": clerks}


def aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo else ts.replace(tzinfo=utcnow().tzinfo)


# --- assignment ----------------------------------------------------------------------------


def holder(doc: Document, me: str, now: datetime | None = None) -> str | None:
    """The other clerk whose lock on `doc` still holds, or None."""
    if not doc.assigned_to or doc.assigned_to == me or doc.assigned_at is None:
        return None
    return doc.assigned_to if aware(doc.assigned_at) > (now or utcnow()) - lock_age() else None


def check_lock(doc: Document, user: str) -> None:
    """Refuse a change by `user` while another clerk holds the document; the holder's change renews
    the lock (a document nobody was given stays free: the version check keeps edits apart)."""
    other = holder(doc, user)
    if other:
        raise Conflict("assigned_to_other", f"{other} is working on this document; take it over to change it",
                       details={"assigned_to": other, "assigned_at": aware(doc.assigned_at).isoformat()})
    if doc.assigned_to == user:
        doc.assigned_at = utcnow()


def claim(session: Session, doc_id: int, user: str, *, take_over: bool = False) -> Document:
    """Assign the document to `user` unless another clerk holds it (or `take_over`); the caller commits."""
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound("document_not_found", f"no document {doc_id}")
    if doc.status != DocumentStatus.needs_review.value:
        return doc
    other = holder(doc, user)
    if take_over or not other:
        if other:  # taking a document from a colleague shows in its history
            session.add(Correction(document_id=doc.id, field="assigned_to", old_value=other, new_value=user,
                                   user=user, version=doc.version))
        doc.assigned_to, doc.assigned_at = user, utcnow()
        session.add(doc)
    return doc


def assign(session: Session, doc_ids: list[int], clerk: str | None, by: str) -> int:
    """Give documents to `clerk` (None: to nobody); answers how many changed. The caller commits."""
    if clerk is not None:
        user = session.exec(select(User).where(User.email == clerk, User.active)).first()
        if user is None or not {"clerk", "admin"} & set(user.roles or []):
            raise AppError("unknown_clerk", f"{clerk} is not an active clerk", 422)
    docs = session.exec(select(Document).where(Document.id.in_(doc_ids),
                                               Document.status == DocumentStatus.needs_review.value)).all()
    for doc in docs:
        doc.assigned_to, doc.assigned_at = clerk, utcnow() if clerk else None
        session.add(doc)
    return len(docs)


def next_for(session: Session, user: str, after: int | None = None, before: bool = False) -> int | None:
    """The document to open after (or before) `after` in queue order, passing by others' locks."""
    now = utcnow()
    docs = session.exec(_ordered(select(Document).where(Document.status == DocumentStatus.needs_review.value),
                                 "priority").limit(500)).all()
    ids = [d.id for d in docs if not holder(d, user, now) or d.id == after]
    if after in ids:
        i = ids.index(after)
        rest = list(reversed(ids[:i])) if before else ids[i + 1:]
        if rest:
            return rest[0]
        return None if before else next((x for x in ids if x != after), None)
    return None if before else (ids[0] if ids else None)


# --- saved views ---------------------------------------------------------------------------


def views_of(session: Session, owner: str) -> list[SavedView]:
    return list(session.exec(select(SavedView).where(SavedView.owner == owner).order_by(SavedView.name)).all())


def save_view(session: Session, owner: str, name: str, query: QueueQuery) -> SavedView:
    """Save (or replace) the owner's view called `name`; the caller commits."""
    name = " ".join(name.split())[:60]
    if not name:
        raise AppError("name_required", "give the view a name", 422)
    view = session.exec(select(SavedView).where(SavedView.owner == owner, SavedView.name == name)).first()
    view = view or SavedView(owner=owner, name=name)
    view.query = query.params(page=1)
    session.add(view)
    return view


def delete_view(session: Session, owner: str, view_id: int) -> None:
    view = session.get(SavedView, view_id)
    if view is None or view.owner != owner:
        raise NotFound("view_not_found", f"no saved view {view_id}")
    session.delete(view)
