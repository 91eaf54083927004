"""How fast a clerk's field edit answers, through a real server on loopback.

Baseline in the same run: GET /healthz on the same server (the cost of HTTP and
the framework alone). Target: a field edit within 100 ms.

    .venv/bin/python bench/bench_review.py [--edits 200]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sqlmodel import select

from app.accounts.service import create_api_key
from app.catalog.models import Customer
from app.catalog.service import DEMO_ORDER, import_csv
from app.core.config import Settings
from app.core.db import session_scope
from app.core.migrate import upgrade
from app.intake import service
from bench.report import write_section
from bench.server import serving

REPO = Path(__file__).resolve().parent.parent


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=200)
    args = ap.parse_args()
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), worker_mode="immediate", _env_file=None)
    upgrade(settings.db_url)
    with session_scope(settings.db_url) as s:
        for kind in DEMO_ORDER:
            import_csv(s, kind, (REPO / "sample_docs/master" / f"{kind}.csv").read_text())
        for customer in s.exec(select(Customer)):  # every document waits for a clerk
            customer.automation = "never"
            s.add(customer)
    pdf = REPO / "sample_docs/pos/bauer-de-eur-2pages.pdf"
    with session_scope(settings.db_url) as s:
        doc_id = service.ingest_bytes(s, settings, pdf.read_bytes(), filename=pdf.name, channel="api").document.id
    service.process_document(settings, doc_id)
    with session_scope(settings.db_url) as s:
        _, key = create_api_key(s, "clerk", name="bench")

    with serving(settings) as base, httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}) as http:
        version = http.get(f"/api/v1/documents/{doc_id}/review").json()["version"]

        def edit():
            nonlocal version
            r = http.patch(f"/api/v1/documents/{doc_id}/review/fields/ship_to",
                           json={"version": version, "value": f"Dock {version}"})
            r.raise_for_status()
            version = r.json()["version"]

        timed(edit, 10)
        timed(lambda: http.get("/healthz"), 10)
        edits = timed(edit, args.edits)
        health = timed(lambda: http.get("/healthz"), args.edits)
    med_e, med_h = statistics.median(edits), statistics.median(health)
    p95 = sorted(edits)[int(len(edits) * 0.95) - 1]
    lines = [
        f"Field edit on the review page's save path (PATCH .../review/fields/ship_to: lock, record the correction,"
        f" re-validate a {pdf.stem} document, commit), real uvicorn on loopback, SQLite, {args.edits} edits.",
        "",
        "| measure | median ms | p95 ms |",
        "|---|---|---|",
        f"| GET /healthz (baseline) | {med_h:.1f} | {sorted(health)[int(len(health) * 0.95) - 1]:.1f} |",
        f"| field edit | {med_e:.1f} | {p95:.1f} |",
        "",
        f"Field edit = {med_e / med_h:.1f}x the baseline request; target under 100 ms: "
        f"{'met' if p95 < 100 else 'NOT met'} (p95).",
    ]
    print("\n".join(lines))
    write_section("bench_review", "Review: field edit latency", lines)


if __name__ == "__main__":
    main()
