"""One email from any channel: stored raw first, parsed, deduplicated, attachments made
documents, the request classified and routed. Side effects (queueing documents,
replies) run only after the commit."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.catalog.lookup import catalog
from app.core.config import Settings
from app.core.storage import BlobStore
from app.core.transactions import commit
from app.email import replies, routing
from app.email.classify import classify_request
from app.email.config import MailSettings, get_mail_settings
from app.email.limits import hold_over_sender_limit
from app.intake import sandbox, tasks
from app.intake.models import Document, DocumentStatus, EmailMessage
from app.intake.service import ingest_bytes
from extractors.email.body.split import NOTE_MAX_WORDS, split_body
from extractors.email.message.attachments import Attachment, sniff
from extractors.email.message.outlook import parse_msg
from extractors.email.message.parse import ParsedEmail, parse_email
from extractors.errors import DocumentError
from extractors.read import detect_kind

log = logging.getLogger("intake.email")

CID_IMAGE_MAX = 64 * 1024  # an image the HTML shows by cid: a logo up to this size, a scan above
DOCUMENT_TYPES = ("application/pdf", "text/plain")
SKIPPED_TYPES = ("message/rfc822", "message/global", "text/html", "application/ms-tnef",
                 "application/vnd.ms-tnef", "application/pgp-signature", "application/pkcs7-signature",
                 "application/x-pkcs7-signature", "text/calendar", "text/x-vcard", "text/vcard")


@dataclass
class IngestedEmail:
    """The message record, its documents, whether it was seen before, and what was sent."""

    message: EmailMessage
    documents: list[Document]
    duplicate: bool
    sent: list[str] = field(default_factory=list)  # subjects of the replies sent


def ingest_email(session: Session, settings: Settings, raw: bytes, *, channel: str,
                 mailbox: str | None = None, mail: MailSettings | None = None) -> IngestedEmail:
    """Store, parse, dedupe (Message-ID, else raw SHA-256; see dedupe_key), record, route; commits.

    Raises only when the raw bytes cannot be stored or the database fails: a
    malformed message is kept and flagged, never lost.
    """
    mail = mail or get_mail_settings()
    sha = BlobStore(settings.blob_dir).put(raw)
    parsed, unreadable = _parse(raw, settings)
    key = dedupe_key(session, parsed, sha)
    if (existing := _existing(session, key, sha)) is not None:
        return IngestedEmail(existing, _documents(session, existing.id), duplicate=True)
    msg = _record(parsed, sha, channel, mailbox)
    msg.message_id_header = key
    if key and key != parsed.message_id:
        msg.defects = (msg.defects or []) + [f"message_id_reused: {parsed.message_id} names another message"]
    try:
        with session.begin_nested():
            session.add(msg)
            session.flush()
    except IntegrityError:  # the same Message-ID recorded by another channel meanwhile
        if (existing := _existing(session, key, sha)) is not None:
            return IngestedEmail(existing, _documents(session, existing.id), duplicate=True)
        raise
    docs, new_ids = _store_attachments(session, settings, msg, parsed, mail)
    outbox: list[replies.Outgoing] = []
    if unreadable:
        msg.status, msg.queue = "failed", "review"
    else:
        _match_customer(session, msg)
        request = classify_request(f"{msg.subject or ''}\n\n{msg.request_text or ''}".strip())
        msg.label, msg.label_score, msg.instructions = request.label, request.score, request.instructions or None
        ctx = routing.Context(session, settings, mail, msg, docs, clean=not parsed.defects,
                              may_reply=replies.may_reply(raw, msg.sender, mail))
        outbox = routing.route(ctx)
        new_ids += ctx.new_document_ids
        docs += ctx.new_documents
        if msg.defects:  # malformed, or an attachment we cannot read: a clerk looks
            msg.status, msg.queue = "needs_review", msg.queue or "review"
    new_ids = hold_over_sender_limit(session, settings, msg, new_ids)  # stored, but held past the limit
    session.add(msg)
    try:
        commit(session)  # runs the order actions' after-commit hooks too
    except IntegrityError:  # the same Message-ID committed by another channel meanwhile
        session.rollback()
        if (existing := _existing(session, key, sha)) is not None:
            return IngestedEmail(existing, _documents(session, existing.id), duplicate=True)
        raise
    for doc_id in new_ids:  # after the commit, so a worker always finds the row
        tasks.enqueue_document(doc_id)
    sent = replies.send_all(session, msg, outbox, mail)
    return IngestedEmail(msg, docs, duplicate=False, sent=sent)


def _parse(raw: bytes, settings: Settings) -> tuple[ParsedEmail, bool]:
    """The parsed email (in a limited child process) and whether it could not be read at all."""
    try:
        is_msg = detect_kind(raw) == "msg"
    except DocumentError:
        is_msg = False
    try:
        return sandbox.parse(settings, parse_msg if is_msg else parse_email, raw), False
    except DocumentError as exc:
        defect = f"{exc.code}: {exc.message}"
    except Exception as exc:
        log.exception("parsing an email failed")
        defect = f"unparsable: {type(exc).__name__}: {exc}"
    return ParsedEmail(text=raw[:200_000].decode("utf-8", "replace"), defects=[defect]), True


def dedupe_key(session: Session, parsed: ParsedEmail, sha: str) -> str | None:
    """The Message-ID, unless an earlier, different message (other sender or subject) has it:
    then the Message-ID with the raw hash, so a reused ID neither hides mail nor repeats it."""
    if not parsed.message_id:
        return None
    earlier = _existing(session, parsed.message_id, sha)
    if earlier is None or ((earlier.sender or "") == (parsed.sender or "").lower()
                           and (earlier.subject or "") == (parsed.subject or "")):
        return parsed.message_id
    return f"{parsed.message_id}#{sha[:16]}"


def _existing(session: Session, message_id: str | None, sha: str) -> EmailMessage | None:
    if message_id:
        stmt = select(EmailMessage).where(EmailMessage.message_id_header == message_id)
    else:
        stmt = select(EmailMessage).where(EmailMessage.raw_sha256 == sha,
                                          EmailMessage.message_id_header.is_(None))
    return session.exec(stmt.order_by(EmailMessage.id)).first()


def _documents(session: Session, message_id: int) -> list[Document]:
    return list(session.exec(select(Document).where(Document.message_id == message_id).order_by(Document.id)))


def _clean(text: str | None) -> str | None:
    """Text a database can store: no NUL characters (PostgreSQL refuses them)."""
    return text.replace("\x00", "") if text else text


def _record(parsed: ParsedEmail, sha: str, channel: str, mailbox: str | None) -> EmailMessage:
    return EmailMessage(
        raw_sha256=sha, message_id_header=_clean(parsed.message_id), in_reply_to=_clean(parsed.in_reply_to),
        references=[_clean(r) for r in parsed.references] or None, channel=channel, mailbox=mailbox,
        sender=_clean((parsed.sender or "").lower()) or None,
        recipients=[_clean(r) for r in parsed.to + parsed.cc] or None,
        subject=_clean(parsed.subject) or None, sent_at=parsed.date, body_text=_clean(parsed.text),
        request_text=_clean(request_text(parsed)), defects=[_clean(d) for d in parsed.defects] or None)


def request_text(parsed: ParsedEmail) -> str:
    """What the sender asks now; a forward with next to no note asks what the forwarded mail asks,
    and one with a longer note asks both (the order is often in the forwarded mail, its PO number
    in the note; a short note's PO is read from the whole body by the extractor)."""
    split = split_body(parsed.text, parsed.subject)
    own = split.request.strip()
    inner = split.forwarded.strip()
    if not inner and parsed.messages and len(own.split()) <= NOTE_MAX_WORDS:
        inner = split_body(parsed.messages[0].text).request.strip()
    return own if not inner or inner in own else "\n\n".join(t for t in (own, inner) if t)


def _match_customer(session: Session, msg: EmailMessage) -> None:
    if not msg.sender:
        return
    matches = catalog(session).customers.match(msg.sender, None, None)
    if matches and matches[0].id is not None:
        msg.customer_id = matches[0].id


def is_document(att: Attachment, html: str | None, min_image_bytes: int) -> bool:
    """PDFs, images (not logos), TIFF faxes and text files are documents; the rest is not."""
    ctype = _type(att)
    if ctype in SKIPPED_TYPES:
        return False
    if ctype.startswith("image/"):
        if len(att.data) < min_image_bytes:
            return False
        cid = (att.content_id or "").strip("<>")
        return not (cid and html and f"cid:{cid}" in html and len(att.data) < CID_IMAGE_MAX)
    return ctype in DOCUMENT_TYPES and len(att.data.strip()) > 0


def _type(att: Attachment) -> str:
    """The declared type for containers (forwarded mail, HTML), else the type by content."""
    declared = att.content_type.lower()
    return declared if declared in SKIPPED_TYPES else sniff(att.data) or declared


def _store_attachments(session: Session, settings: Settings, msg: EmailMessage, parsed: ParsedEmail,
                       mail: MailSettings) -> tuple[list[Document], list[int]]:
    """Every document-like attachment (nested messages' too) as its own Document."""
    html = "\n".join(h for h in [parsed.html] + [m.html for m in parsed.messages] if h)
    docs, new_ids, not_read = [], [], []
    for att in parsed.attachments:
        if not is_document(att, html, mail.min_image_bytes):
            ctype = _type(att)
            if not ctype.startswith("image/") and ctype not in SKIPPED_TYPES:
                not_read.append(f"attachment_not_read: {att.filename} ({ctype})")
            continue
        got = ingest_bytes(session, settings, att.data, filename=_safe_name(att.filename), channel=msg.channel,
                           sender=msg.sender, message_id=msg.id)
        if got.document not in docs:
            docs.append(got.document)
        if not got.duplicate and got.document.status == DocumentStatus.received.value:
            new_ids.append(got.document.id)
    if not_read:
        msg.defects = (msg.defects or []) + not_read
    return docs, new_ids


def _safe_name(name: str | None) -> str | None:
    return re.sub(r"[\x00-\x1f/\\]+", "_", name)[:200] if name else None
