"""The `intake` command line: the commands of every domain (accounts/cli.py, email/cli.py,
intake/cli.py, orders/cli.py) and those that span them (serve, worker, db, import, export, demo,
train, classify)."""
from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app import models  # noqa: F401 - every table, so that foreign keys between domains resolve
from app.accounts.cli import keys_cli, users_cli
from app.core.config import get_settings
from app.core.console import err
from app.email.cli import cli as email_cli
from app.intake.cli import cli as intake_cli
from app.orders.cli import cli as orders_cli
from app.orders.cli import kpi_cli

cli = typer.Typer(help="Order Intake: purchase orders in, tracked sales orders out.", no_args_is_help=True)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(kpi_cli, name="kpi")
cli.add_typer(email_cli)  # intake imap, intake smtp
cli.add_typer(intake_cli)  # intake extract, ingest, eval
cli.add_typer(orders_cli)  # intake simulate
cli.add_typer(users_cli, name="users")
cli.add_typer(keys_cli, name="keys")
REPO = Path(__file__).resolve().parent.parent


class Kind(StrEnum):
    customers = "customers"
    products = "products"
    xref = "xref"
    prices = "prices"
    warehouses = "warehouses"
    stock = "stock"


@cli.callback()
def _fresh_settings() -> None:
    """Read INTAKE_* settings anew for each command (tests run many in one process)."""
    get_settings.cache_clear()


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations to the configured database."""
    from app.core.migrate import applied, pending, upgrade

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    where = settings.db_url.split("@")[-1]
    new, todo = not applied(settings.db_url), pending(settings.db_url)
    upgrade(settings.db_url)
    if new:
        err.print(f"new database: created the schema ({todo} migrations) in {where}")
    elif todo:
        err.print(f"database migrated: {todo} migration{'s' * (todo != 1)} applied to {where}")
    else:
        err.print(f"database already up to date: {where}")


@cli.command()
def serve(host: str = "127.0.0.1", port: int = 8000,
          migrate: Annotated[bool, typer.Option(help="apply migrations first")] = True) -> None:
    """Run the API, the review pages and (by default) the embedded worker."""
    import uvicorn

    from app.main import create_app

    if migrate:
        db_upgrade()
    uvicorn.run(create_app(get_settings()), host=host, port=port, log_level="info")


@cli.command()
def worker(threads: int = 2) -> None:
    """Run a background worker (for INTAKE_WORKER_MODE=external, on any number of machines)."""
    import logging

    from app import tasks  # noqa: F401 - declares every task this worker runs
    from app.core import queue
    from app.intake.tasks import recover
    from app.ops.logs import setup_logging
    from app.ops.metrics import instrument_worker

    setup_logging(logging.INFO)  # one JSON object per line, like the API
    settings = get_settings()
    instrument_worker()  # stage times; this worker's /metrics port
    queue.run_worker(settings, threads, on_start=lambda: recover(settings, all_processing=False))


@cli.command("import")
def import_(kind: Kind, file: Path,
            strict: Annotated[bool, typer.Option(help="any bad row loads nothing")] = False) -> None:
    """Load master data from CSV; bad rows are reported by line number."""
    from app.catalog.service import import_csv
    from app.core.db import session_scope
    from app.orders import actions  # noqa: F401 - imported stock serves waiting backorders

    settings = get_settings()
    with session_scope(settings.db_url) as session:
        result = import_csv(session, kind.value, file.read_text(encoding="utf-8-sig"), strict=strict)
    for e in result.errors:
        print(f"{file}:{e.line}: {e.message}", file=sys.stderr)
    err.print(f"{kind.value}: {result.created} created, {result.updated} updated, {len(result.errors)} bad rows"
              + (" (strict: nothing loaded)" if strict and result.errors else ""))
    raise typer.Exit(1 if result.errors else 0)


@cli.command()
def export(kind: Kind, file: Path | None = None) -> None:
    """Write master data as CSV (to stdout without a file)."""
    from app.catalog.service import export_csv
    from app.core.db import session_scope

    with session_scope(get_settings().db_url) as session:
        text = export_csv(session, kind.value)
    if file:
        file.write_text(text)
    else:
        sys.stdout.write(text)


@cli.command()
def demo(directory: Path = REPO / "sample_docs" / "master",
         history: Annotated[bool, typer.Option(help="with no orders yet, simulate 3 months of them "
                                                    "(for the dashboard)")] = False,
         days: Annotated[int, typer.Option(help="days of history to simulate with --history", min=1)] = 91) -> None:
    """Load the demo customers, products, prices and stock (idempotent), and make the demo logins:
    an admin and a customer, printed and kept in data_dir/demo-credentials.txt."""
    from sqlalchemy import func
    from sqlmodel import select

    from app.accounts.demo import demo_credentials
    from app.catalog.service import DEMO_ORDER, import_csv
    from app.core.db import session_scope
    from app.orders.demo import simulate
    from app.orders.models import Order

    settings = get_settings()
    with session_scope(settings.db_url) as session:
        for kind in DEMO_ORDER:
            path = directory / f"{kind}.csv"
            if path.exists():
                result = import_csv(session, kind, path.read_text(encoding="utf-8-sig"))
                err.print(f"demo {kind}: {result.loaded} rows, {len(result.errors)} bad")
        session.commit()
        if history and not session.exec(select(func.count()).select_from(Order)).one():
            err.print(f"demo history: simulating {days} days of orders (once; 3 months take about half a minute)")
            counts = simulate(session, days=days, orders_per_day=5, seed=0)
            err.print("demo history: " + " ".join(f"{k}={v}" for k, v in counts.items()))
        text = demo_credentials(session, settings.data_dir)
    err.print(f"demo logins (also in {settings.data_dir / 'demo-credentials.txt'}):")
    print(text, end="")


@cli.command()
def train(data_dir: Path | None = None, output_dir: Path | None = None, seed: int = 0) -> None:
    """Train the request classifier from nlp_models/data."""
    from nlp_models import train as recipe

    base = REPO / "nlp_models"
    metrics = recipe.main(data_dir or base / "data", output_dir or base / "pipelines" / "request_classifier", seed=seed)
    print(json.dumps(metrics, indent=2))


@cli.command()
def classify() -> None:
    """Read one JSON string per line on stdin; print label, score and instructions per line."""
    from nlp_models.classifier import load_classifier
    from nlp_models.cli import classify_stream

    classifier = load_classifier()
    if classifier is None:
        err.print("[red]the request classifier is missing: run `intake train`[/red]")
        raise typer.Exit(1)
    classify_stream(sys.stdin, sys.stdout, classifier)


def main() -> None:
    cli()


if __name__ == "__main__":  # python -m app.cli, where the intake script is not installed
    main()
