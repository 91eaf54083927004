"""Lifecycle actions per second and the KPI query time over a million orders, SQLite and PostgreSQL.

Each database: a fresh schema, N orders bulk-loaded with lines, shipments, invoices, payments
and allocation events spread over three years (executemany on SQLite, COPY on PostgreSQL);
then the KPI fact rows built (`intake kpi rebuild`'s code); the KPI service for the default window
(last 91 days), for the whole history, and a cached answer, against a bare `SELECT count(*)` of the
orders table as the baseline; then
full order-to-cash runs through the real actions against a bare INSERT+COMMIT of one event.

    .venv/bin/python bench/bench_lifecycle.py [--orders 1000000] [--runs 100] [--no-pg] [--kpi-only]
        [--keep DIR]  # keep the loaded databases (SQLite file in DIR, PostgreSQL database kept) and reuse them
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.catalog.models import Customer, Product, Stock, Warehouse
from app.core.auth import Actor
from app.core.db import dispose_engines, get_engine
from app.core.migrate import upgrade
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.kpi import service as kpi_service
from app.orders.kpi.store import rebuild
from bench.report import write_section

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
NOW = datetime.now(UTC).replace(microsecond=0)
SPAN_DAYS = 3 * 365
STAFF = Actor.of("bench", "admin")


def _ts(value: datetime, sqlite: bool):
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else value


def rows_for(n: int, n_customers: int, skus: list[str], sqlite: bool, seed: int = 0):
    """Yield (table, row) for n orders and their lines, shipments, invoices, payments and events."""
    rng = random.Random(seed)
    line_id = ship_id = inv_id = pay_id = ev_id = 0
    for oid in range(1, n + 1):
        # orders arrive in time: ids follow entry time (a little jitter), as in a real order table
        entered = NOW - timedelta(seconds=SPAN_DAYS * 86400 * (1 - oid / n) + rng.uniform(0, 3600))
        stage = rng.random()
        shipped, invoiced, paid = stage < 0.9, stage < 0.85, stage < 0.7
        cust = rng.randrange(1, n_customers + 1)
        lines, total = [], 0.0
        for no in range(1, rng.randint(1, 3) + 1):
            qty, price = rng.choice((1, 2, 5, 10, 20)), rng.choice((2.5, 5.0, 12.0, 60.0))
            line_id += 1
            bo = rng.random() < 0.05
            lines.append((line_id, oid, no, rng.choice(skus), "EA", price, qty, qty if not shipped else 0,
                          qty if bo and not shipped else 0, 0, 0, qty if shipped else 0, qty if invoiced else 0,
                          1 if shipped and rng.random() < 0.03 else 0, 0))
            total += qty * price
        state = "paid" if paid else "invoiced" if invoiced else "shipped" if shipped else "allocated"
        yield "order", (oid, f"B-{oid}", cust, f"BPO-{oid}", rng.choice(("email", "upload", "api", "edi")), "USD",
                        _ts(entered, sqlite), state, "shipped" if shipped else "allocated",
                        "invoiced" if invoiced else "not_invoiced", "paid" if paid else "unpaid", "none", "none",
                        round(total, 2), rng.random() < 0.6, "bench", _ts(entered, sqlite), entered.date(), 1,
                        (entered + timedelta(days=5)).date())
        for row in lines:
            yield "orderline", row
        ev_id += 1
        yield "orderevent", (ev_id, oid, "allocated", _ts(entered + timedelta(hours=5), sqlite), "bench", None)
        if any(r[8] for r in lines) or rng.random() < 0.05:
            ev_id += 1
            yield "orderevent", (ev_id, oid, "backordered", _ts(entered + timedelta(hours=5), sqlite), "bench",
                                 '{"lines": [{"line_no": 1}]}')
        if shipped:
            ship_id += 1
            at = entered + timedelta(hours=rng.uniform(20, 160))
            yield "shipment", (ship_id, oid, f"BS-{ship_id}", _ts(at, sqlite))
        if invoiced:
            inv_id += 1
            issued = entered + timedelta(hours=rng.uniform(170, 260))
            yield "invoice", (inv_id, f"BI-{inv_id}", "invoice", oid, cust, "USD", _ts(issued, sqlite),
                              (issued + timedelta(days=30)).date(), round(total, 2), round(total, 2) if paid else 0,
                              "paid" if paid else "open")
            if paid:
                pay_id += 1
                paid_at = _ts(issued + timedelta(days=rng.uniform(5, 60)), sqlite)
                yield "payment", (pay_id, inv_id, round(total, 2), paid_at, "bench")


COLUMNS = {
    "orderline": ("id", "order_id", "line_no", "sku", "unit", "unit_price", "ordered", "allocated", "backordered",
                  "picked", "packed", "shipped", "invoiced", "returned", "cancelled"),
    "orderevent": ("id", "order_id", "type", "at", "actor", "details"),
    "shipment": ("id", "order_id", "number", "shipped_at"),
    "invoice": ("id", "number", "kind", "order_id", "customer_id", "currency", "issued_at", "due_date", "total",
                "paid", "status"),
    "payment": ("id", "invoice_id", "amount", "received_at", "recorded_by"),
}
COLUMNS["order"] = ("id", "number", "customer_id", "po_number", "channel", "currency", "created_at", "state",
                    "fulfilment_status", "billing_status", "payment_status", "return_status", "hold_status", "total",
                    "touchless", "entered_by", "updated_at", "order_date", "version", "promised_date")
PARENTS_FIRST = ("order", "orderline", "orderevent", "shipment", "invoice", "payment")


def master(url: str, n_customers: int = 200, n_skus: int = 500) -> list[str]:
    with Session(get_engine(url)) as s:
        wh = Warehouse(code="BW", name="Bench")
        s.add(wh)
        s.add_all([Customer(code=f"BC-{i}", name=f"Bench {i}", credit_limit=Decimal(10 ** 9), payment_terms="NET30")
                   for i in range(1, n_customers + 1)])
        # customers for the action runs: no bulk history, so no overdue receivables put them on hold
        s.add_all([Customer(code=f"BR-{i}", name=f"Runs {i}", credit_limit=Decimal(10 ** 9), payment_terms="NET30")
                   for i in range(1, 11)])
        s.add_all([Product(sku=f"BK-{i}", description=f"Item {i}", list_price=Decimal(5),
                           product_line=("a", "b", "c", "d")[i % 4]) for i in range(1, n_skus + 1)])
        s.flush()
        s.add_all([Stock(warehouse_id=wh.id, sku=f"BK-{i}", on_hand=Decimal(10 ** 9)) for i in range(1, n_skus + 1)])
        s.commit()
    return [f"BK-{i}" for i in range(1, n_skus + 1)]


def bulk_load(url: str, n: int, skus: list[str]) -> float:
    sqlite = url.startswith("sqlite")
    t0 = time.perf_counter()
    raw = get_engine(url).raw_connection()
    try:
        cur = raw.cursor()
        buffers: dict[str, list] = {t: [] for t in COLUMNS}

        def flush(table: str) -> None:
            cols = COLUMNS[table]
            rows = buffers[table]
            if not rows:
                return
            if sqlite:
                fixed = [tuple(v.isoformat() if hasattr(v, "isoformat") and not isinstance(v, str) else v
                               for v in r) for r in rows] if table in ("order", "invoice") else rows
                cur.executemany(f'INSERT INTO "{table}" ({",".join(cols)}) VALUES ({",".join("?" * len(cols))})', fixed)
            else:
                with cur.copy(f'COPY "{table}" ({",".join(cols)}) FROM STDIN') as copy:
                    for r in rows:
                        copy.write_row(r)
            rows.clear()

        for table, row in rows_for(n, 200, skus, sqlite):
            buffers[table].append(row)
            if len(buffers[table]) >= 50_000:  # parents first: foreign keys hold
                for name in PARENTS_FIRST:
                    flush(name)
        for table in PARENTS_FIRST:
            flush(table)
        raw.commit()
        if not sqlite:
            for table in COLUMNS:
                cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                            f"(SELECT max(id) FROM \"{table}\"))")
            raw.commit()
            cur.execute("ANALYZE")
            raw.commit()
        else:
            cur.execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - t0


def build_facts(url: str) -> float:
    """The KPI fact rows of the loaded orders, by `intake kpi rebuild`'s code (the actions' own path)."""
    t0 = time.perf_counter()
    with Session(get_engine(url)) as s:
        rebuild(s, after_batch=lambda *_: s.commit())
        s.commit()
    return time.perf_counter() - t0


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def kpi_times(url: str, full_history: bool) -> dict:
    with Session(get_engine(url)) as s:
        baseline = timed(lambda: s.execute(text('SELECT count(*) FROM "order"')).scalar())
        window = timed(lambda: kpi_service.compute(s, "week", "week"), repeat=2)
        print("  KPIs for the window", round(window, 2), "s", flush=True)
        by_customer = timed(lambda: kpi_service.compute(s, "week", "customer"), repeat=2)
        by_channel = timed(lambda: kpi_service.compute(s, "week", "channel"), repeat=2)
        by_line = timed(lambda: kpi_service.compute(s, "week", "product_line"), repeat=2)
        print("  by customer", round(by_customer, 2), "channel", round(by_channel, 2), "product line",
              round(by_line, 2), flush=True)
        full = timed(lambda: kpi_service.compute(s, "month", "month", (NOW - timedelta(days=SPAN_DAYS)).date(),
                                                 NOW.date()), repeat=1) if full_history else None
        kpi_service.clear_cache()
        kpi_service.cached(s, "week", "week")
        hit = timed(lambda: kpi_service.cached(s, "week", "week"))
        orders = kpi_service.compute(s, "week", "week")["total"]["orders"]
    return {"count(*)": baseline, "window": window, "by_customer": by_customer, "by_channel": by_channel,
            "by_product_line": by_line, "full": full, "cached": hit,
            "window_orders": orders}


def action_rate(url: str, runs: int) -> dict:
    """Order-to-cash runs through the actions (8 actions each) vs bare event INSERT+COMMIT."""
    with Session(get_engine(url), expire_on_commit=False) as s:
        t0 = time.perf_counter()
        n = 0
        for i in range(runs):
            lines = [{"sku": f"BK-{1 + i % 500}", "quantity": 3, "unit_price": "5"},
                     {"sku": f"BK-{1 + (i * 7) % 500}", "quantity": 1, "unit_price": "5"}]
            o = act.place_order(s, f"BR-{1 + i % 10}", lines, STAFF, po_number=f"RUN-{uuid.uuid4().hex[:8]}")
            commit(s)
            act.validate(s, o.id, STAFF)
            commit(s)
            act.allocate(s, o.id, STAFF)
            commit(s)
            act.pick(s, o.id, STAFF)
            commit(s)
            act.pack(s, o.id, STAFF)
            commit(s)
            act.ship(s, o.id, STAFF, carrier="UPS", tracking_number="1Z")
            commit(s)
            (inv,) = act.invoice(s, o.id, Actor.of("bench-fin", "finance"))
            commit(s)
            act.record_payment(s, inv.id, inv.total, Actor.of("bench-fin", "finance"))
            commit(s)
            n += 8
        actions = n / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in range(n):
            s.execute(text("INSERT INTO orderevent (order_id, type, at, actor) VALUES (1, 'bench', :at, 'b')"),
                      {"at": _ts(NOW, url.startswith("sqlite"))})
            s.commit()
        bare = n / (time.perf_counter() - t0)
    return {"actions_per_s": actions, "bare_per_s": bare}


def loaded(url: str) -> int:
    """Orders already in a kept database (0 when it is new)."""
    try:
        with get_engine(url).connect() as c:
            return c.execute(text('SELECT count(*) FROM "order" WHERE number LIKE \'B-%\'')).scalar() or 0
    except Exception:
        return 0


def run(url: str, n: int, runs: int, full_history: bool, kpi_only: bool = False) -> dict:
    have = loaded(url)
    upgrade(url)
    if have and have != n:
        raise SystemExit(f"the kept database holds {have} orders, not {n}")
    load = None
    facts = None
    if not have:
        skus = master(url)
        load = bulk_load(url, n, skus)
        print("  loaded in", round(load), "s", flush=True)
        facts = build_facts(url)
        print("  KPI facts built in", round(facts), "s", flush=True)
    vacuum(url)
    out = {"load_s": load, "facts_s": facts, **kpi_times(url, full_history)}
    if not kpi_only:
        out.update(action_rate(url, runs))
    dispose_engines()
    return out


def vacuum(url: str) -> None:
    """VACUUM ANALYZE, as autovacuum would have done after a load (index-only scans need it)."""
    raw = get_engine(url).raw_connection()
    try:
        if url.startswith("sqlite"):
            raw.execute("ANALYZE")
        else:
            raw.driver_connection.autocommit = True
            raw.driver_connection.execute("VACUUM ANALYZE")
            raw.driver_connection.autocommit = False  # the connection goes back to the pool
    finally:
        raw.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=100, help="order-to-cash runs through the actions")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--full", action="store_true", help="also the whole history by month (slow: every order)")
    ap.add_argument("--kpi-only", action="store_true", help="skip the action runs")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--keep", help="keep the loaded databases (SQLite file in this folder) and reuse them")
    args = ap.parse_args()
    results = {}
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(args.keep or tmp)
            folder.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{folder}/bench_lifecycle_{args.orders}.db"
            results["SQLite"] = run(url, args.orders, args.runs, args.full, args.kpi_only)
            print("SQLite", results["SQLite"], flush=True)
    if not args.no_pg:
        name = f"bench_lifecycle_{args.orders}" if args.keep else f"bench_lifecycle_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            if not c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
                c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            results["PostgreSQL"] = run(PG_ADMIN.rsplit("/", 1)[0] + "/" + name, args.orders, args.runs, args.full,
                                        args.kpi_only)
            print("PostgreSQL", results["PostgreSQL"], flush=True)
        finally:
            dispose_engines()
            if not args.keep:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    if not args.kpi_only:
        report(args.orders, args.runs, results)


def report(n: int, runs: int, results: dict) -> None:
    lines = [f"{n:,} orders bulk-loaded in entry-time order (with about {2 * n:,} lines, shipments, invoices, "
             f"payments and allocation events) over three years; {runs} order-to-cash runs (8 actions each) through "
             "`app.orders.actions`. KPI times are uncached `app.orders.kpi.service.compute` calls (best of 2); "
             "target: the KPI answer within 1 s.", "",
             "| database | bulk load | `count(*)` baseline | KPIs, last 91 days by week (orders) | ratio "
             "| by customer | by channel | by product line | whole history by month | cached | actions/s "
             "| bare INSERT+COMMIT/s | ratio |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for db, r in results.items():
        load = f"{r['load_s']:.0f} s + {r['facts_s']:.0f} s facts" if r["load_s"] else "kept"
        lines.append(f"| {db} | {load} | {r['count(*)'] * 1000:.1f} ms | {r['window']:.2f} s "
                     f"({r['window_orders']:,}) | {r['window'] / r['count(*)']:.0f}x | {r['by_customer']:.2f} s | "
                     f"{r['by_channel']:.2f} s | {r['by_product_line']:.2f} s | "
                     f"{'{:.1f} s'.format(r['full']) if r['full'] else 'not run'} | {r['cached'] * 1e6:.0f} µs | "
                     f"{r['actions_per_s']:.0f} | {r['bare_per_s']:.0f} | {r['actions_per_s'] / r['bare_per_s']:.3f} |")
    lines += ["", "The KPI sums are one GROUP BY over per-order fact rows (`app/orders/kpi/sql.py`; DSO over "
              "per-invoice facts in `kpi/dso.py`), rewritten from each changed order's rows before every commit "
              "(`kpi/hooks.py`); the bulk load builds them with `intake kpi rebuild`'s code. "
              "Answers are still kept 30 s."]
    write_section("bench_lifecycle", "Lifecycle actions and KPIs (`bench/bench_lifecycle.py`)", lines)


if __name__ == "__main__":
    main()
