"""Scale-out: `intake worker` processes sharing PostgreSQL, Redis and one data dir.

These tests run real worker subprocesses; they skip without PostgreSQL
(INTAKE_TEST_DATABASE_URL) or a reachable Redis (INTAKE_TEST_REDIS_URL).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from app.core.config import Settings
from app.core.db import dispose_engines, get_engine, session_scope
from app.models import metadata
from tests.helpers import TERMINAL
from tests.pdfs import simple_po

REPO = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("INTAKE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
INTAKE = [str(REPO / ".venv" / "bin" / "intake")] if (REPO / ".venv" / "bin" / "intake").exists() \
    else [sys.executable, "-m", "app.cli"]


def redis_or_skip(url: str = REDIS_URL) -> str:
    """A reachable Redis database of our own, emptied (tests use a dedicated db number)."""
    redis = pytest.importorskip("redis")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
    except Exception as exc:  # no server: the scaled setup cannot be shown here
        pytest.skip(f"Redis not reachable at {url}: {exc}")
    client.flushdb()
    return url


class Cluster:
    """One shared site: a PostgreSQL database, a Redis queue, a data dir, and worker processes."""

    def __init__(self, settings: Settings, logs: Path):
        self.settings, self.logs, self.procs = settings, logs, {}

    def env(self, **over: str) -> dict:
        s = self.settings
        env = {**os.environ, "INTAKE_DATA_DIR": str(s.data_dir), "INTAKE_DATABASE_URL": s.db_url,
               "INTAKE_QUEUE_URL": s.queue_url, "INTAKE_WORKER_MODE": "external",
               "INTAKE_STALE_PROCESSING_SECONDS": str(s.stale_processing_seconds), "OMP_THREAD_LIMIT": "1",
               "PYTHONPATH": str(REPO)}
        env.update(over)
        return env

    def start(self, name: str, args: list[str], **env: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("ab")
        proc = subprocess.Popen([*INTAKE, *args], env=self.env(**env), stdout=log, stderr=subprocess.STDOUT,
                                cwd=self.settings.data_dir, start_new_session=True)
        self.procs[name] = proc
        return proc

    def start_worker(self, name: str, threads: int = 1, **env: str) -> subprocess.Popen:
        return self.start(name, ["worker", "--threads", str(threads)], **env)

    def wait_started(self, *names: str, timeout: float = 60.0) -> None:
        """Until each worker logged that its consumer runs (so work can spread)."""
        deadline = time.monotonic() + timeout
        while not all("consumer started" in self.log(n) for n in names) and time.monotonic() < deadline:
            time.sleep(0.1)

    def executed(self, name: str) -> int:
        return self.log(name).count("Executing app.intake.tasks.process_document")

    def kill(self, name: str) -> None:
        proc = self.procs.pop(name)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.kill(name)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def ingest(self, count: int, prefix: str) -> list[int]:
        """Store documents and queue them, as `intake ingest` does."""
        from app.core import queue
        from app.intake import service
        from app.intake.tasks import enqueue_document

        ids = []
        with session_scope(self.settings.db_url) as session:
            for i in range(count):
                got = service.ingest_bytes(session, self.settings, simple_po(f"{prefix}-{i}"),
                                           filename=f"{prefix}-{i}.pdf", channel="cli")
                ids.append(got.document.id)
        queue.configure(self.settings)
        for doc_id in ids:
            enqueue_document(doc_id)
        return ids

    def rows(self, ids: list[int]) -> dict[int, tuple[str, int]]:
        from app.intake.models import Document

        with Session(get_engine(self.settings.db_url)) as s:
            found = s.exec(select(Document.id, Document.status, Document.attempts).where(Document.id.in_(ids)))
            return {i: (st, n) for i, st, n in found}

    def wait_finished(self, ids: list[int], timeout: float = 180.0) -> dict[int, tuple[str, int]]:
        """Poll until every document is in a final status (or give up: the caller asserts)."""
        deadline = time.monotonic() + timeout
        while True:
            rows = self.rows(ids)
            if all(st in TERMINAL for st, _ in rows.values()) or time.monotonic() > deadline:
                return rows
            time.sleep(0.2)


@pytest.fixture
def cluster(tmp_path, pg_url):
    queue_url = redis_or_skip()
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with get_engine(pg_url).begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    settings = Settings(data_dir=tmp_path / "data", database_url=pg_url, worker_mode="external",
                        queue_url=queue_url, _env_file=None)
    settings.data_dir.mkdir(parents=True)
    c = Cluster(settings, tmp_path)
    yield c
    c.stop_all()
    dispose_engines()


def test_two_workers_process_every_document_exactly_once(cluster):
    metrics_port = _free_port()
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
