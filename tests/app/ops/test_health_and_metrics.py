"""Operations: readiness, Prometheus metrics, request ids and JSON log lines."""
from __future__ import annotations

import io
import json
import logging

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.ops import health
from app.ops.logs import JsonFormatter, request_id
from tests.app.helpers import wait_for_document
from tests.pdfs import simple_po


@pytest.fixture
def client(settings):
    from tests.app.helpers import key_headers

    with TestClient(create_app(settings)) as c:
        c.headers.update(key_headers(settings, "admin"))
        yield c


def test_a_running_service_is_ready_with_every_check_reported(client):
    resp = client.get("/readyz")
    body = resp.json()
    assert resp.status_code == 200
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["queue"] == "ok"
    assert body["checks"]["blob_dir"] == "ok"
    assert body["checks"]["tesseract"] in ("ok", "degraded")
    assert body["status"] in ("ready", "degraded")


def test_an_unreachable_database_makes_the_service_not_ready(client, monkeypatch):
    def down(settings):
        raise ConnectionError("database is down")

    monkeypatch.setitem(health.CHECKS, "database", down)
    resp = client.get("/readyz")
    assert resp.status_code == 503
    assert resp.json()["status"] == "not_ready"
    assert resp.json()["checks"]["database"].startswith("error: ConnectionError")


def test_a_missing_tesseract_is_degraded_not_unready(client, monkeypatch):
    monkeypatch.setattr(health.shutil, "which", lambda _name: None)
    resp = client.get("/readyz")
    assert resp.status_code == 200
    assert resp.json() == {**resp.json(), "status": "degraded"}
    assert resp.json()["checks"]["tesseract"] == "degraded"


def test_metrics_show_documents_by_status_stage_times_and_request_durations(client):
    up = client.post("/api/v1/documents", files={"files": ("po.pdf", simple_po("OPS-1"), "application/pdf")})
    doc_id = up.json()["documents"][0]["id"]
    done = wait_for_document(client, doc_id)
    client.get(f"/api/v1/documents/{doc_id}")
    text = client.get("/metrics").text
    assert f'intake_documents{{status="{done["status"]}"}} 1.0' in text
    assert 'intake_pipeline_stage_seconds_count{stage="read"}' in text
    assert 'intake_pipeline_stage_seconds_count{stage="decide"}' in text or done["status"] == "failed"
    assert 'route="/api/v1/documents/{document_id}"' in text or 'route="/api/v1/documents/{doc_id}"' in text
    assert "intake_queue_depth" in text
    assert "intake_touchless_rate" in text


def test_stage_timing_keeps_the_pipeline_order(client):
    from app.intake import pipeline

    names = [s.__name__ for s in pipeline.STAGES]
    assert names == ["read_stage", "extract_stage", "doc_type_stage", "match_stage", "validate_stage", "decide_stage"]
    assert all(getattr(s, "_intake_timed", False) for s in pipeline.STAGES)


def test_a_request_id_is_echoed_or_made_up(client):
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = client.get("/healthz").headers["x-request-id"]
    assert made and made != "abc-123"
    junk = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"}).headers["x-request-id"]
    assert junk != "bad id\twith spaces"


def test_log_lines_are_one_json_object_with_request_and_document():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("intake.test_ops")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    token = request_id.set("req-7")
    try:
        log.info("processed %s", "po.pdf", extra={"document_id": 42})
    finally:
        request_id.reset(token)
        log.removeHandler(handler)
    line = json.loads(out.getvalue().strip())
    assert line["message"] == "processed po.pdf"
    assert line["level"] == "info" and line["logger"] == "intake.test_ops"
    assert line["request_id"] == "req-7" and line["document_id"] == 42
    assert "time" in line
