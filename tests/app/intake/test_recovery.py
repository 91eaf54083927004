"""A document a crash left in `processing`, or whose task was lost, is taken up again."""
from __future__ import annotations

from datetime import timedelta

from app.core.clock import utcnow
from app.core.storage import BlobStore
from app.intake.models import Document, DocumentStatus
from app.intake.service import claim, find_unfinished
from tests.app.helpers import key_headers, wait_for_document
from tests.pdfs import simple_po


def _stranded(session, settings, status: str, started_ago: float, po: str = "CRASH-1") -> int:
    data = simple_po(po)
    sha = BlobStore(settings.blob_dir).put(data)
    doc = Document(sha256=sha, filename="crash.pdf", size=len(data), kind="pdf", status=status,
                   started_at=utcnow() - timedelta(seconds=started_ago), attempts=1)
    session.add(doc)
    session.commit()
    return doc.id


def test_a_document_left_processing_by_a_crash_is_finished_on_restart(session, settings):
    doc_id = _stranded(session, settings, DocumentStatus.processing.value, started_ago=5)
    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app(settings)) as client:  # the restart
        client.headers.update(key_headers(settings, "admin"))
        doc = wait_for_document(client, doc_id)
    assert doc["status"] in ("extracted", "needs_review")
    assert doc["attempts"] == 2


def test_the_sweep_finds_stale_and_lost_work_but_not_live_work(session, settings):
    live = _stranded(session, settings, DocumentStatus.processing.value, started_ago=5)
    stale = _stranded(session, settings, DocumentStatus.processing.value,
                      started_ago=settings.stale_processing_seconds + 60, po="CRASH-2")
    assert find_unfinished(settings) == [stale]
    assert live not in find_unfinished(settings)


def test_only_one_worker_can_claim_a_document(session, settings):
    data = simple_po("CLAIM-1")
    doc = Document(sha256=BlobStore(settings.blob_dir).put(data), size=len(data))
    session.add(doc)
    session.commit()
    assert claim(settings, doc.id) is True
    assert claim(settings, doc.id) is False
