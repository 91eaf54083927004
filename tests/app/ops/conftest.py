"""Fixtures of the operations tests: a scaled-out site (PostgreSQL, Redis, a shared data dir) whose
`intake worker` processes are real subprocesses."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from app.core.config import Settings
from app.core.db import dispose_engines, get_engine, session_scope
from app.models import metadata
from tests.app.helpers import TERMINAL, redis_or_skip
from tests.helpers import REPO
from tests.pdfs import simple_po

INTAKE = [str(REPO / ".venv" / "bin" / "intake")] if (REPO / ".venv" / "bin" / "intake").exists() \
    else [sys.executable, "-m", "app.cli"]


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
