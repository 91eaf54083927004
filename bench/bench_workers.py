"""Document processing throughput with 1 and then 2 `intake worker` processes
sharing PostgreSQL and Redis, reported as a ratio (2 workers / 1 worker).

Each round: a fresh database, N documents stored and queued before the clock
starts, workers already running; the clock stops when every document is final.

    INTAKE_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
    .venv/bin/python bench/bench_workers.py [--docs 60] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from sqlalchemy import create_engine, func, text  # noqa: E402 - after sys.path gets the repository root
from sqlmodel import Session, select  # noqa: E402 - after sys.path gets the repository root

from app.core.config import Settings  # noqa: E402 - after sys.path gets the repository root
from app.core.db import dispose_engines, get_engine, session_scope  # noqa: E402 - after sys.path gets the repository root
from app.core.migrate import upgrade  # noqa: E402 - after sys.path gets the repository root
from bench.report import write_section  # noqa: E402 - after sys.path gets the repository root

INTAKE = str(REPO / ".venv" / "bin" / "intake")
FINAL = ("extracted", "needs_review", "ordered", "rejected", "failed")


def po_pdf(n: int) -> bytes:
    """A small PO with a few lines, different for each n."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for label, value in (("PO Number:", f"BENCH-{n}"), ("Order Date:", "2024-03-05"), ("Currency:", "USD")):
        pdf.cell(40, 6, label)
        pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    for i in range(8):
        pdf.cell(30, 7, f"HB-{1200 + i}", border=1)
        pdf.cell(80, 7, f"Hex bolt M12x{40 + i} zinc", border=1)
        pdf.cell(20, 7, str(10 + i + n), border=1, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def fresh_database(base: str) -> tuple[str, callable]:
    name = f"intake_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + "/" + name
    upgrade(url)

    def drop() -> None:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def wait_final(url: str, count: int) -> None:
    from app.intake.models import Document

    with Session(get_engine(url)) as s:
        while s.exec(select(func.count()).where(Document.status.in_(FINAL))).one() < count:
            time.sleep(0.05)
            s.rollback()


def one_round(base_db: str, redis_url: str, workers: int, docs: int) -> float:
    """Seconds for `workers` processes to finish `docs` documents."""
    import redis

    from app.core import queue
    from app.intake import service
    from app.intake.tasks import enqueue_document

    redis.Redis.from_url(redis_url).flushdb()
    url, drop = fresh_database(base_db)
    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=url, queue_url=redis_url, worker_mode="external",
                            _env_file=None)
        env = {**os.environ, "INTAKE_DATA_DIR": tmp, "INTAKE_DATABASE_URL": url, "INTAKE_QUEUE_URL": redis_url,
               "INTAKE_WORKER_MODE": "external", "OMP_THREAD_LIMIT": "1"}
        try:
            with session_scope(url) as session:
                ids = [service.ingest_bytes(session, settings, po_pdf(i), filename=f"{i}.pdf", channel="cli")
                       .document.id for i in range(docs + 2 * workers)]
            warm, ids = ids[:2 * workers], ids[2 * workers:]  # first documents load models: not timed
            logs = [Path(tmp) / f"w{i}.log" for i in range(workers)]
            for log in logs:
                procs.append(subprocess.Popen([INTAKE, "worker", "--threads", "1"], env=env, cwd=tmp,
                                              stdout=log.open("wb"), stderr=subprocess.STDOUT))
            while not all(log.exists() and "consumer started" in log.read_text() for log in logs):
                time.sleep(0.05)
            queue.configure(settings)
            for doc_id in warm:
                enqueue_document(doc_id)
            wait_final(url, len(warm))
            started = time.perf_counter()
            for doc_id in ids:
                enqueue_document(doc_id)
            wait_final(url, len(warm) + docs)
            return time.perf_counter() - started
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(10)
            drop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    base_db = os.environ.get("INTAKE_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("INTAKE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    runs: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):  # interleaved, so a busy spell on the machine hits both
        for n in (1, 2):
            runs[n].append(one_round(base_db, redis_url, n, args.docs))
    one, two = statistics.median(runs[1]), statistics.median(runs[2])
    spread = {n: ", ".join(f"{t:.1f}" for t in ts) for n, ts in runs.items()}
    lines = [f"{args.docs} one-page PDF POs per round, queued in Redis, each worker an `intake worker --threads 1` "
             f"process on PostgreSQL, timed after a warm-up document per worker; "
             f"the machine has {os.cpu_count()} cores shared with other work "
             f"(load average {os.getloadavg()[0]:.1f} at the end).", "",
             f"Median of {args.repeat} interleaved rounds per setting.", "",
             "| workers | seconds (median) | documents/s | every round, s |", "|---|---|---|---|",
             f"| 1 | {one:.1f} | {args.docs / one:.1f} | {spread[1]} |",
             f"| 2 | {two:.1f} | {args.docs / two:.1f} | {spread[2]} |", "",
             f"Throughput ratio, 2 workers / 1 worker: **{one / two:.2f}x**."]
    print("\n".join(lines))
    write_section("bench_workers", "Document processing: 1 vs 2 worker processes", lines)


if __name__ == "__main__":
    main()
