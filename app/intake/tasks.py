"""The intake's background tasks: read a document, and the sweep that finds documents a lost
task or a dead worker left behind (the document row, not the queue, is the source of truth)."""
from __future__ import annotations

import logging

from huey import crontab

from app.core import queue
from app.core.config import Settings
from app.intake.service import find_unfinished, process_document

log = logging.getLogger("intake.worker")


@queue.task("process_document", retries=2, retry_delay=5)
def process_document_task(document_id: int) -> str:
    return process_document(queue.current_settings(), document_id)


@queue.periodic("sweep", crontab(minute="*"))
def sweep() -> int:
    ids = find_unfinished(queue.current_settings())
    for doc_id in ids:
        enqueue_document(doc_id)
    return len(ids)


def enqueue_document(document_id: int) -> None:
    queue.enqueue("process_document", document_id)


def recover(settings: Settings, *, all_processing: bool) -> int:
    """Enqueue documents that a crash left behind; returns how many."""
    ids = find_unfinished(settings, all_processing=all_processing)
    for doc_id in ids:
        enqueue_document(doc_id)
    if ids:
        log.info("recovered %d unfinished documents", len(ids))
    return len(ids)
