"""An SMTP listener (aiosmtpd): each message is stored and recorded before we answer 250;
a storage failure answers 451 so the sending server tries again later."""
from __future__ import annotations

import asyncio
import logging

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SMTPSession

from app.core.config import Settings
from app.core.db import session_scope
from app.email.config import MailSettings
from app.email.service import ingest_email
from app.intake.models import Channel

log = logging.getLogger("intake.smtp")


class IntakeHandler:
    """aiosmtpd handler: DATA -> ingest_email (in a thread, the event loop stays free)."""

    def __init__(self, settings: Settings, mail: MailSettings, ingest=ingest_email):
        self.settings, self.mail, self.ingest = settings, mail, ingest

    async def handle_DATA(self, server: SMTP, session: SMTPSession, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        if len(raw) > self.mail.smtp_max_bytes:
            return "552 5.3.4 Message too big"
        try:
            got = await asyncio.get_running_loop().run_in_executor(None, self._store, raw, envelope.rcpt_tos)
        except Exception:
            log.exception("SMTP message from %s not stored", envelope.mail_from)
            return "451 4.3.0 Message not stored, try again later"
        return f"250 2.0.0 OK stored as email {got.message.id}" + (" (duplicate)" if got.duplicate else "")

    def _store(self, raw: bytes, rcpt_tos: list[str]):
        with session_scope(self.settings.db_url) as session:
            return self.ingest(session, self.settings, raw, channel=Channel.smtp.value,
                               mailbox=",".join(rcpt_tos)[:500] or None, mail=self.mail)


def controller(settings: Settings, mail: MailSettings, host: str | None = None, port: int | None = None,
               ingest=ingest_email) -> Controller:
    """A started-on-demand listener; `.start()` / `.stop()`."""
    return Controller(IntakeHandler(settings, mail, ingest), hostname=host or mail.smtp_host,
                      port=port or mail.smtp_port, data_size_limit=mail.smtp_max_bytes)
