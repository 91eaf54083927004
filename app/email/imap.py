"""IMAP polling: fetch what is new in each configured mailbox, ingest it, and only then
flag or move it. A crash before the flag fetches the message again next time; the
Message-ID dedupe makes that harmless."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parseaddr

from imap_tools import AND, MailBox, MailBoxUnencrypted

from app.core.config import Settings
from app.core.db import session_scope
from app.email.config import Mailbox, MailSettings
from app.email.service import ingest_email
from app.intake.models import Channel

log = logging.getLogger("intake.imap")

SKIPPED_FLAG = "$IntakeSkipped"  # filtered out by sender: not fetched again


@dataclass
class PollResult:
    mailbox: str
    fetched: int = 0
    ingested: int = 0  # new messages recorded
    duplicates: int = 0
    skipped: int = 0  # not from an accepted sender
    failed: list[str] = field(default_factory=list)  # uids left for the next poll


def sender_accepted(sender: str, filters: list[str]) -> bool:
    """No filters: everyone. Otherwise an exact address, or a domain (with or without '@')."""
    if not filters:
        return True
    address = parseaddr(sender)[1].lower()
    domain = address.rsplit("@", 1)[-1]
    for f in (f.strip().lower() for f in filters if f.strip()):
        if "@" in f.lstrip("@"):
            if address == f:
                return True
        elif domain == f.lstrip("@") or domain.endswith("." + f.lstrip("@")):
            return True
    return False


def connect(box: Mailbox) -> MailBox:
    cls = MailBox if box.ssl else MailBoxUnencrypted
    mailbox = cls(box.host, box.port)
    mailbox.login(box.user, box.password, initial_folder=box.folder)
    if box.move_to and not mailbox.folder.exists(box.move_to):
        mailbox.folder.create(box.move_to)
    return mailbox


def _fetch_raw(mailbox: MailBox, uid: str) -> bytes:
    """The message exactly as stored, without setting \\Seen."""
    typ, data = mailbox.client.uid("FETCH", uid, "(BODY.PEEK[])")
    for item in data or []:
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    raise RuntimeError(f"IMAP FETCH of uid {uid} returned no message ({typ})")


def poll_mailbox(settings: Settings, box: Mailbox, *,
                 ingest: Callable[..., object] = ingest_email, mail: MailSettings | None = None) -> PollResult:
    """One pass over one mailbox. Each message is committed before it is marked."""
    result = PollResult(box.name)
    with connect(box) as mailbox:
        criteria = AND(no_keyword=[box.processed_flag, SKIPPED_FLAG])
        for uid in mailbox.uids(criteria):
            result.fetched += 1
            try:
                raw = _fetch_raw(mailbox, uid)
                sender = str(BytesHeaderParser(policy=compat32).parsebytes(raw).get("From", ""))
                if not sender_accepted(sender, box.sender_filters):
                    mailbox.flag(uid, SKIPPED_FLAG, True)
                    result.skipped += 1
                    continue
                with session_scope(settings.db_url) as session:
                    got = ingest(session, settings, raw, channel=Channel.imap.value, mailbox=box.name, mail=mail)
                if got.duplicate:
                    result.duplicates += 1
                else:
                    result.ingested += 1
                _mark_done(mailbox, box, uid)
            except Exception:
                log.exception("IMAP %s uid %s: not ingested, will be fetched again", box.name, uid)
                result.failed.append(uid)
    return result


def _mark_done(mailbox: MailBox, box: Mailbox, uid: str) -> None:
    mailbox.flag(uid, [box.processed_flag, "\\Seen"], True)
    if box.move_to:
        mailbox.move(uid, box.move_to)


def poll_all(settings: Settings, mail: MailSettings) -> list[PollResult]:
    results = []
    for box in mail.imap_mailboxes:
        try:
            results.append(poll_mailbox(settings, box, mail=mail))
        except Exception as exc:
            log.warning("IMAP %s: %s", box.name, exc)
            results.append(PollResult(box.name, failed=[f"connection: {exc}"]))
    return results


def run_forever(settings: Settings, mail: MailSettings, stop: threading.Event) -> None:
    """Poll every mailbox, wait, again, until `stop` is set."""
    while not stop.is_set():
        for r in poll_all(settings, mail):
            if r.fetched or r.failed:
                log.info("IMAP %s: %d fetched, %d new, %d duplicates, %d skipped, %d failed",
                         r.mailbox, r.fetched, r.ingested, r.duplicates, r.skipped, len(r.failed))
        stop.wait(mail.imap_poll_seconds)
