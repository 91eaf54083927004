"""Background work on Huey: SQLite storage by default, Redis to scale out.

The document row is the source of truth: a task only says "look at document N".
A worker claims the row atomically before working on it, and a periodic sweep
enqueues again whatever was received but never claimed, or claimed by a worker
that died, so a lost task or a crash loses nothing.
"""
from __future__ import annotations

import logging
import threading

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer

from app.config import Settings, get_settings

log = logging.getLogger("intake.worker")

_lock = threading.Lock()
_huey: Huey | None = None
_settings: Settings | None = None
_tasks: dict = {}


def configure(settings: Settings) -> Huey:
    """Create the queue for these settings (once per process, or again in tests)."""
    global _huey, _settings
    with _lock:
        _settings = settings
        _huey = _make_huey(settings)
        _register(_huey)
        return _huey


def current_settings() -> Settings:
    return _settings or get_settings()


def queue() -> Huey:
    return _huey or configure(get_settings())


def _make_huey(settings: Settings) -> Huey:
    url = settings.queue_url or ""
    if settings.worker_mode == "immediate":
        return MemoryHuey("intake", immediate=True)
    if url.startswith("redis"):
        return RedisHuey("intake", url=url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    filename = url.removeprefix("sqlite:///") if url.startswith("sqlite") else str(settings.data_dir / "queue.db")
    return SqliteHuey("intake", filename=filename)


def _register(huey: Huey) -> None:
    _tasks["process_document"] = huey.task(retries=2, retry_delay=5, name="process_document")(_process_document)
    _tasks["sweep"] = huey.periodic_task(crontab(minute="*"), name="sweep")(_sweep)
    _tasks["purge_sessions"] = huey.periodic_task(crontab(minute="17"), name="purge_sessions")(_purge_sessions)
    __import__("app.orders.alerts", fromlist=["x"]).register_tasks(huey)  # webhooks and alerts
    __import__("app.ops.metrics", fromlist=["x"]).instrument_worker()  # stage times; worker /metrics port


def _process_document(document_id: int) -> str:
    from app.intake.service import process_document

    return process_document(current_settings(), document_id)


def _sweep() -> int:
    from app.intake.service import find_unfinished

    ids = find_unfinished(current_settings())
    for doc_id in ids:
        enqueue_document(doc_id)
    return len(ids)


def _purge_sessions() -> int:
    """Hourly: ended browser sessions older than a week are deleted."""
    from sqlmodel import Session

    from app.accounts.websession import purge
    from app.db import get_engine

    settings = current_settings()
    with Session(get_engine(settings.db_url)) as session:
        return purge(session, settings)


def enqueue_document(document_id: int) -> None:
    queue()
    _tasks["process_document"](document_id)


def recover(settings: Settings, *, all_processing: bool) -> int:
    """Enqueue documents that a crash left behind; returns how many."""
    from app.intake.service import find_unfinished

    ids = find_unfinished(settings, all_processing=all_processing)
    for doc_id in ids:
        enqueue_document(doc_id)
    if ids:
        log.info("recovered %d unfinished documents", len(ids))
    return len(ids)


class _QuietConsumer(Consumer):
    """A consumer that leaves the host process's signal handlers alone."""

    def _set_signal_handlers(self) -> None:
        pass


class EmbeddedWorker:
    """A Huey consumer running in threads inside the web process."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.consumer = None

    def start(self) -> None:
        huey = queue()
        if isinstance(huey, MemoryHuey) and huey.immediate:
            return
        self.consumer = _QuietConsumer(
            huey, workers=self.settings.worker_threads, worker_type="thread", periodic=True,
            max_delay=1.0)
        self.consumer.start()
        # We are the only worker of an embedded site: anything left in processing is orphaned.
        recover(self.settings, all_processing=True)

    def stop(self) -> None:
        if self.consumer is not None:
            self.consumer.stop(graceful=True)
            self.consumer = None
