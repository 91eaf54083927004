"""The API under mixed load on loopback: order and document status lookups and
uploads at the same time, with GET /healthz in the same run as the baseline.

The server is a real `intake serve` process (SQLite, external worker mode and no
worker, so uploads are stored and queued but not processed: this measures the
API). The client is a small asyncio/httpx load generator in this process; both
share the machine's cores, so read the ratios, not the absolute figures.

    .venv/bin/python bench/bench_load.py [--seconds 20] [--concurrency 8]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench.report import write_section  # noqa: E402 - after sys.path gets the repository root

INTAKE = str(REPO / ".venv" / "bin" / "intake")
KINDS = ("healthz", "order", "document", "upload")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def upload_body(n: int, pdf: bytes) -> bytes:
    """A sample PO made unique by a trailing PDF comment (new SHA-256, same content)."""
    return pdf + f"\n%bench-load-{n}-{time.time_ns()}\n".encode()


async def one(client: httpx.AsyncClient, kind: str, n: int, ctx: dict) -> None:
    if kind == "healthz":
        r = await client.get("/healthz")
    elif kind == "order":
        r = await client.get(f"/api/v1/orders/{ctx['orders'][n % len(ctx['orders'])]}")
    elif kind == "document":
        r = await client.get(f"/api/v1/documents/{ctx['docs'][n % len(ctx['docs'])]}")
    else:
        r = await client.post("/api/v1/documents", files={"files": (f"b{n}.pdf", upload_body(n, ctx["pdf"]))})
    if r.status_code >= 300:
        raise RuntimeError(f"{kind}: {r.status_code} {r.text[:200]}")


async def run_load(base: str, ctx: dict, seconds: float, concurrency: int) -> dict[str, list[float]]:
    """`concurrency` clients per kind, each looping on its own kind until the time is up."""
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    stop = time.monotonic() + seconds

    async def client_loop(kind: str, c: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60, headers=ctx["headers"]) as client:
            n = c * 100_000
            while time.monotonic() < stop:
                t = time.perf_counter()
                await one(client, kind, n, ctx)
                times[kind].append(time.perf_counter() - t)
                n += 1

    await asyncio.gather(*(client_loop(k, c) for k in KINDS for c in range(concurrency)))
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def seed(env: dict, base: str, pdf: bytes) -> dict:
    subprocess.run([INTAKE, "simulate", "--months", "0.2", "--orders-per-day", "10"], env=env, check=True,
                   capture_output=True)
    key = subprocess.run([INTAKE, "keys", "create", "--role", "admin", "--name", "bench"], env=env, check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base, timeout=60, headers=headers) as client:
        orders = [o["id"] for o in client.get("/api/v1/orders", params={"limit": 100}).json()["data"]]
        docs = [client.post("/api/v1/documents", files={"files": (f"s{i}.pdf", upload_body(i, pdf))})
                .json()["documents"][0]["id"] for i in range(20)]
    if not orders:
        raise SystemExit("no orders to look up")
    return {"orders": orders, "docs": docs, "pdf": pdf, "headers": headers}


def wait_up(base: str, proc: subprocess.Popen) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("the server did not start")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--concurrency", type=int, default=2, help="clients per kind of request")
    args = ap.parse_args()
    pdf = (REPO / "sample_docs" / "pos" / "acme-ruled-usd.pdf").read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INTAKE_DATA_DIR": tmp, "INTAKE_WORKER_MODE": "external", "INTAKE_DATABASE_URL": "",
               "INTAKE_RATE_LIMIT_PER_SECOND": "0"}  # capacity, not the per-key limiter, is measured
        env.pop("INTAKE_DATABASE_URL")
        env.pop("INTAKE_QUEUE_URL", None)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with open(Path(tmp) / "server.log", "wb") as log:
            proc = subprocess.Popen([INTAKE, "serve", "--port", str(port)], env=env, stdout=log, stderr=log)
            try:
                wait_up(base, proc)
                ctx = seed(env, base, pdf)
                times = asyncio.run(run_load(base, ctx, args.seconds, args.concurrency))
            finally:
                proc.terminate()
                proc.wait(10)
    report(times, args)


def report(times: dict[str, list[float]], args) -> None:
    base_p50 = pct(times["healthz"], 50)
    rows = ["| request | requests | req/s | p50 ms | p99 ms | p50 vs /healthz |", "|---|---|---|---|---|---|"]
    labels = {"healthz": "GET /healthz (baseline)", "order": "GET /api/v1/orders/{id}",
              "document": "GET /api/v1/documents/{id}", "upload": "POST /api/v1/documents (1 PDF)"}
    for kind in KINDS:
        v = times[kind]
        rows.append(f"| {labels[kind]} | {len(v)} | {len(v) / args.seconds:.0f} | {pct(v, 50) * 1000:.1f} | "
                    f"{pct(v, 99) * 1000:.1f} | {pct(v, 50) / base_p50:.1f}x |")
    total = sum(len(v) for v in times.values()) / args.seconds
    lines = [f"One `intake serve` process (uvicorn, SQLite, no worker running) on loopback; {args.concurrency} "
             f"clients per kind of request, all four kinds at once for {args.seconds:.0f} s (closed loop: each "
             f"client sends its next request when the last is answered). The asyncio/httpx client shares the "
             f"2 cores with the server and other work on this machine. "
             f"Total: {total:.0f} requests/s; load average at the end {os.getloadavg()[0]:.1f} "
             f"on {os.cpu_count()} cores.", "", *rows]
    print("\n".join(lines))
    write_section("bench_load", "API under mixed load", lines)


if __name__ == "__main__":
    main()
