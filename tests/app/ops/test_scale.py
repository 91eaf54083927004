"""Scale-out: `intake worker` processes sharing PostgreSQL, Redis and one data dir.

These tests run real worker subprocesses; they skip without PostgreSQL
(INTAKE_TEST_DATABASE_URL) or a reachable Redis (INTAKE_TEST_REDIS_URL).
"""
from __future__ import annotations

import httpx
import pytest

from tests.app.helpers import TERMINAL, free_port

pytestmark = pytest.mark.slow  # real worker processes on PostgreSQL and Redis


def test_two_workers_process_every_document_exactly_once(cluster):
    metrics_port = free_port()
    cluster.start_worker("w1", threads=2, INTAKE_WORKER_METRICS_PORT=str(metrics_port))
    cluster.start_worker("w2", threads=2)
    cluster.wait_started("w1", "w2")
    ids = cluster.ingest(24, "SCALE")

    rows = cluster.wait_finished(ids)

    assert sorted(rows) == sorted(ids)
    assert all(status in TERMINAL and status != "failed" for status, _ in rows.values()), rows
    assert all(attempts == 1 for _, attempts in rows.values()), rows  # claimed once each
    per_worker = [cluster.executed("w1"), cluster.executed("w2")]
    assert sum(per_worker) == len(ids), per_worker  # no task ran twice
    assert min(per_worker) > 0, per_worker  # the work spread over both processes
    scraped = httpx.get(f"http://127.0.0.1:{metrics_port}/", timeout=5).text  # the worker's own metrics
    assert f'intake_pipeline_stage_seconds_count{{stage="read"}} {float(per_worker[0])}' in scraped

