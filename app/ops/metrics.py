"""Prometheus metrics. Counters and histograms live in this process; the
document gauges are read from the database on each scrape, so every worker's
work shows up whatever process answers /metrics."""
from __future__ import annotations

import functools
import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
    start_http_server,
)
from sqlalchemy import func
from sqlmodel import Session, select

from app.core import queue
from app.core.config import Settings
from app.core.db import get_engine
from app.intake import pipeline
from app.intake.models import Document
from app.ops import logs
from app.orders.models import Order

HTTP_SECONDS = Histogram("intake_http_request_duration_seconds", "HTTP request duration by route",
                         ["method", "route", "status"])
STAGE_SECONDS = Histogram("intake_pipeline_stage_seconds", "Time spent in each pipeline stage",
                          ["stage"], buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120))

__all__ = ["CONTENT_TYPE_LATEST", "instrument_pipeline", "instrument_worker", "observe_request", "render"]


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    HTTP_SECONDS.labels(method, route, str(status)).observe(seconds)


def _timed(stage):
    @functools.wraps(stage)
    def wrapper(job):
        token = logs.document_id.set(getattr(job.document, "id", None))
        started = time.perf_counter()
        try:
            return stage(job)
        finally:
            STAGE_SECONDS.labels(stage.__name__.removesuffix("_stage")).observe(time.perf_counter() - started)
            logs.document_id.reset(token)

    wrapper._intake_timed = True
    return wrapper


def instrument_pipeline() -> None:
    """Time each stage of pipeline.STAGES, in place and in order (idempotent)."""
    for i, stage in enumerate(pipeline.STAGES):
        if not getattr(stage, "_intake_timed", False):
            pipeline.STAGES[i] = _timed(stage)


_exporter_started = False


def instrument_worker() -> None:
    """In a worker process: time the stages, and serve this process's metrics on
    INTAKE_WORKER_METRICS_PORT when it is set (scrape each worker there)."""
    global _exporter_started
    instrument_pipeline()
    port = os.environ.get("INTAKE_WORKER_METRICS_PORT")
    if port and not _exporter_started:
        start_http_server(int(port))
        _exporter_started = True


def _db_gauges(registry: CollectorRegistry, settings: Settings) -> None:
    by_status = Gauge("intake_documents", "Documents by status", ["status"], registry=registry)
    errors = Gauge("intake_document_errors", "Failed documents by error code", ["code"], registry=registry)
    touchless = Gauge("intake_touchless_rate", "Share of orders created with no human touch", registry=registry)
    with Session(get_engine(settings.db_url)) as s:
        for status, n in s.exec(select(Document.status, func.count()).group_by(Document.status)):
            by_status.labels(status).set(n)
        failed = select(Document.error_code, func.count()).where(Document.error_code.is_not(None))
        for code, n in s.exec(failed.group_by(Document.error_code)):
            errors.labels(code).set(n)
        total, hands_off = s.exec(select(func.count(), func.count().filter(Order.touchless.is_(True)))).one()
    touchless.set(hands_off / total if total else 0)


def _queue_gauge(registry: CollectorRegistry) -> None:
    depth = Gauge("intake_queue_depth", "Tasks waiting in the queue", registry=registry)
    depth.set(queue.queue().pending_count())


def render(settings: Settings) -> bytes:
    """The text exposition: process metrics plus gauges read now."""
    scrape = CollectorRegistry()
    _db_gauges(scrape, settings)
    _queue_gauge(scrape)
    return generate_latest(REGISTRY) + generate_latest(scrape)
