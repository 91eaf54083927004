"""Faults lose nothing: a worker or the server killed with SIGKILL, the database
briefly unreachable. Real processes on PostgreSQL and Redis (skipped without them)."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy.engine import make_url

from app.core.storage import BlobStore
from app.intake.models import Document
from tests.app.helpers import TERMINAL, key_headers
from tests.pdfs import simple_po

pytestmark = pytest.mark.slow  # real worker processes on PostgreSQL and Redis


def long_po(po: str, count: int = 300) -> bytes:
    """A PO of several pages, slow enough to be caught in the middle of processing."""
    lines = [(f"HB-{1000 + i}", f"Hex bolt M12x{i} zinc", 10 + i, "0.85") for i in range(count)]
    return simple_po(po, lines=lines)


def _ingest(cluster, docs: list[tuple[str, bytes]]) -> list[int]:
    from app.core import queue
    from app.core.db import session_scope
    from app.intake import service
    from app.intake.tasks import enqueue_document

    with session_scope(cluster.settings.db_url) as session:
        ids = [service.ingest_bytes(session, cluster.settings, data, filename=name, channel="cli").document.id
               for name, data in docs]
    queue.configure(cluster.settings)
    for doc_id in ids:
        enqueue_document(doc_id)
    return ids


def test_a_worker_killed_mid_document_loses_nothing(cluster):
    cluster.settings.stale_processing_seconds = 2
    cluster.start_worker("w1", threads=1)
    cluster.wait_started("w1")
    ids = _ingest(cluster, [(f"kill-{i}.pdf", long_po(f"KILL-{i}")) for i in range(6)])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until a document is being worked on
        if any(st == "processing" for st, _ in cluster.rows(ids).values()):
            break
        time.sleep(0.01)
    cluster.kill("w1")
    orphaned = [i for i, (st, _) in cluster.rows(ids).items() if st == "processing"]
    assert orphaned, "the worker was killed while working on a document"

    time.sleep(cluster.settings.stale_processing_seconds + 0.5)  # the claim is now stale
    cluster.start_worker("w2", threads=2)
    rows = cluster.wait_finished(ids)

    assert all(st in TERMINAL and st != "failed" for st, _ in rows.values()), rows
    assert all(rows[i][1] == 2 for i in orphaned), rows  # taken up once more, by the new worker


def _upload(base: str, i: int, headers: dict) -> int | None:
    """One upload; the document id when the server answered 202, else None."""
    try:
        resp = httpx.post(f"{base}/api/v1/documents", timeout=30, headers=headers,
                          files={"files": (f"up-{i}.pdf", simple_po(f"UP-{i}"), "application/pdf")})
    except httpx.HTTPError:
        return None
    return resp.json()["documents"][0]["id"] if resp.status_code == 202 else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)


def test_the_server_killed_during_uploads_keeps_every_accepted_document(cluster):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cluster.start("api", ["serve", "--port", str(port), "--no-migrate"])
    _wait_http(f"{base}/healthz")
    answered: list[int] = []
    with ThreadPoolExecutor(4) as pool:
        clerk = key_headers(cluster.settings, "clerk")
        futures = [pool.submit(_upload, base, i, clerk) for i in range(200)]
        while sum(f.done() and f.result() is not None for f in futures) < 15:
            time.sleep(0.01)
        cluster.kill("api")  # in the middle of the stream of uploads
        answered = [f.result() for f in futures if f.result() is not None]
    assert 15 <= len(answered) < 200

    rows = cluster.rows(answered)
    assert sorted(rows) == sorted(answered)  # every 202 has its row
    from sqlmodel import Session, select

    from app.core.db import get_engine

    with Session(get_engine(cluster.settings.db_url)) as s:
        shas = s.exec(select(Document.sha256).where(Document.id.in_(answered))).all()
    assert all(BlobStore(cluster.settings.blob_dir).get(sha) for sha in shas)  # and its bytes

    cluster.start("api2", ["serve", "--port", str(port), "--no-migrate"], INTAKE_WORKER_MODE="embedded")
    rows = cluster.wait_finished(answered)
    assert all(st in TERMINAL and st != "failed" for st, _ in rows.values()), rows


class TcpProxy:
    """A loopback TCP proxy we can close (refuse and drop connections) and open again."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = _free_port()
        self.conns: list[socket.socket] = []
        self.server: socket.socket | None = None

    def open(self) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(64)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def close(self) -> None:
        if self.server:
            with contextlib.suppress(OSError):
                self.server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
            self.server.close()
            self.server = None
        for c in self.conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
            c.close()
        self.conns.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            if server is not self.server:  # closed meanwhile
                client.close()
                return
            upstream = socket.create_connection(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


def test_a_database_outage_means_retries_not_lost_work(cluster):
    url = make_url(cluster.settings.db_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.open()
    via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    cluster.start_worker("w1", threads=1, INTAKE_DATABASE_URL=via_proxy)
    cluster.wait_started("w1")
    time.sleep(1)  # the worker's own start-up queries are done
    proxy.close()
    try:
        ids = _ingest(cluster, [(f"outage-{i}.pdf", simple_po(f"OUTAGE-{i}")) for i in range(4)])
        deadline = time.monotonic() + 30
        while "OperationalError" not in cluster.log("w1") and time.monotonic() < deadline:
            time.sleep(0.1)  # the worker tried and failed
        assert "OperationalError" in cluster.log("w1")
    finally:
        proxy.open()
    try:
        rows = cluster.wait_finished(ids)
    finally:
        cluster.stop_all()
        proxy.close()
    assert all(st in TERMINAL and st != "failed" for st, _ in rows.values()), rows
    assert "Requeueing" in cluster.log("w1")  # the failed attempts were retried
