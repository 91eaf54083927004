"""An email sender past its hourly limit has its documents stored (never lost) but held for a clerk."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.core.storage import BlobStore
from app.email.config import MailSettings
from app.email.service import ingest_email
from app.intake import tasks
from app.intake.models import Document, DocumentIssue, DocumentStatus
from app.intake.service import find_unfinished
from tests.app.email.messages import make_email
from tests.pdfs import simple_po


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    ids: list[int] = []
    monkeypatch.setattr(tasks, "enqueue_document", ids.append)
    return ids


def _mail_with_po(n: int, sender: str) -> bytes:
    return make_email(f"PO {n}", "Please see the attached order.", sender=sender, message_id=f"po-{n}-{sender}",
                      attachments=[(f"po-{n}.pdf", "application/pdf", simple_po(f"RL-{n}-{sender[:3]}"))])


def test_a_sender_past_its_hourly_limit_has_documents_stored_but_held(session, settings, enqueued):
    site = settings.model_copy(update={"sender_documents_per_hour": 2})
    mail = MailSettings(_env_file=None)
    got = [ingest_email(session, site, _mail_with_po(n, "flood@acme.example"), channel="email", mail=mail)
           for n in range(3)]
    first, second, third = (g.documents[0] for g in got)
    assert enqueued == [first.id, second.id]  # the third is not processed automatically

    held = session.get(Document, third.id)
    assert held.status == DocumentStatus.needs_review.value and held.error_code == "sender_rate_limited"
    assert BlobStore(site.blob_dir).get(held.sha256)  # never lost
    issues = session.exec(select(DocumentIssue).where(DocumentIssue.document_id == held.id)).all()
    assert [i.code for i in issues] == ["sender_rate_limited"]
    assert got[2].message.status == "needs_review" and got[2].message.queue == "review"
    assert any(d.startswith("sender_rate_limited") for d in got[2].message.defects)
    assert held.id not in find_unfinished(site, all_processing=True)  # the sweeper leaves it held

    other = ingest_email(session, site, _mail_with_po(9, "calm@acme.example"), channel="email", mail=mail)
    assert enqueued[-1] == other.documents[0].id  # other senders are not affected


def test_a_sender_limit_of_zero_holds_nothing(session, settings, enqueued):
    site = settings.model_copy(update={"sender_documents_per_hour": 0})
    mail = MailSettings(_env_file=None)
    for n in range(3):
        ingest_email(session, site, _mail_with_po(n, "many@acme.example"), channel="email", mail=mail)
    assert len(enqueued) == 3
