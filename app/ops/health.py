"""Liveness is /healthz (in main); readiness checks what a request needs."""
from __future__ import annotations

import os
import shutil
import uuid

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import text

from app.core import queue
from app.core.config import Settings
from app.core.db import get_engine
from app.ops import metrics

router = APIRouter(tags=["ops"])


def check_database(settings: Settings) -> str:
    with get_engine(settings.db_url).connect() as conn:
        conn.execute(text("SELECT 1"))
    return "ok"


def check_queue(settings: Settings) -> str:
    queue.queue().pending_count()
    return "ok"


def check_blobs(settings: Settings) -> str:
    blob_dir = settings.blob_dir
    blob_dir.mkdir(parents=True, exist_ok=True)
    probe = blob_dir / f".ready-{uuid.uuid4().hex}"
    probe.write_bytes(b"ok")
    probe.unlink()
    return "ok"


def check_tesseract(settings: Settings) -> str:
    """Scans go to review without OCR, so a missing tesseract degrades, it does not block."""
    return "ok" if shutil.which(os.environ.get("TESSERACT_CMD", "tesseract")) else "degraded"


CHECKS = {"database": check_database, "queue": check_queue, "blob_dir": check_blobs, "tesseract": check_tesseract}


def readiness(settings: Settings) -> dict:
    """Each check's outcome: ok, degraded, or error: <reason>."""
    out = {}
    for name, check in CHECKS.items():
        try:
            out[name] = check(settings)
        except Exception as exc:  # any failure means not ready; say why
            out[name] = f"error: {type(exc).__name__}: {exc}"[:300]
    return out


@router.get("/readyz", summary="Ready to serve: database, queue, blob store (tesseract may be degraded)")
async def readyz(request: Request, response: Response) -> dict:
    checks = await run_in_threadpool(readiness, request.app.state.settings)
    failed = [k for k, v in checks.items() if v.startswith("error")]
    degraded = [k for k, v in checks.items() if v == "degraded"]
    response.status_code = 503 if failed else 200
    status = "not_ready" if failed else "degraded" if degraded else "ready"
    return {"status": status, "checks": checks}


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def prometheus(request: Request) -> Response:
    body = await run_in_threadpool(metrics.render, request.app.state.settings)
    return Response(body, media_type=metrics.CONTENT_TYPE_LATEST)
