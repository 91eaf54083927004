"""The `intake` command line."""
from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from app import models  # noqa: F401 - every table, so that foreign keys between domains resolve
from app.accounts.cli import keys_cli, users_cli
from app.core.config import Settings, get_settings
from app.email.cli import cli as email_cli

cli = typer.Typer(help="Order Intake: purchase orders in, tracked sales orders out.", no_args_is_help=True)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
kpi_cli = typer.Typer(help="KPI facts.", no_args_is_help=True)
cli.add_typer(kpi_cli, name="kpi")
cli.add_typer(email_cli)  # intake imap, intake smtp
cli.add_typer(users_cli, name="users")
cli.add_typer(keys_cli, name="keys")
err = Console(stderr=True)
REPO = Path(__file__).resolve().parent.parent


class Format(StrEnum):
    json = "json"
    table = "table"


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


def _progress(total: int) -> Progress:
    return Progress(console=err, transient=True, disable=total < 2 or not err.is_terminal)


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations to the configured database."""
    from app.core.migrate import upgrade

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.db_url)
    err.print(f"database is up to date: {settings.db_url.split('@')[-1]}")


@kpi_cli.command("rebuild")
def kpi_rebuild() -> None:
    """Recompute every order's KPI facts from its rows (after raw SQL repairs or catalog changes)."""
    from sqlmodel import Session

    from app.core.db import get_engine
    from app.orders.kpi.store import rebuild

    with Session(get_engine(get_settings().db_url)) as session, _progress(2) as progress:
        task = progress.add_task("KPI facts", total=None)

        def done(upto: int, top: int) -> None:
            session.commit()  # one batch at a time: the dashboard keeps answering
            progress.update(task, completed=upto, total=top)

        n = rebuild(session, after_batch=done)
        session.commit()
    err.print(f"KPI facts rebuilt for {n} orders")


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


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and not f.name.endswith(".json"))
        elif p.exists():
            out.append(p)
        else:
            err.print(f"[red]no such file: {p}[/red]")
            raise typer.Exit(2)
    return out


@cli.command()
def extract(files: list[Path], format: Format = Format.json) -> None:
    """Print what is read from each document (one JSON object per document)."""
    from extractors.errors import DocumentError
    from extractors.read import ReadOptions, extract_document

    settings = get_settings()
    options = ReadOptions(max_pages=settings.max_pages, ocr_lang=settings.ocr_lang,
                          ocr_page_timeout=settings.ocr_page_timeout)
    status = 0
    paths = _files(files)
    with _progress(len(paths)) as progress:
        task = progress.add_task("extracting", total=len(paths))
        for path in paths:
            try:
                result = extract_document(path.read_bytes(), options).to_result()
            except DocumentError as exc:
                result, status = {"error": {"code": exc.code, "message": exc.message}}, 1
            result["file"] = str(path)
            if format is Format.json:
                print(json.dumps(result, ensure_ascii=False))
            else:
                _print_table(result)
            progress.advance(task)
    raise typer.Exit(status)


def _print_table(result: dict) -> None:
    console = Console()
    console.rule(result.get("file", ""))
    if "error" in result:
        console.print(f"[red]{result['error']['code']}[/red]: {result['error']['message']}")
        return
    fields = Table("field", "value", "confidence", "page", "rule")
    for name, f in result.get("fields", {}).items():
        fields.add_row(name, str(f["normalized"] or f["value"]), f"{f['confidence']:.2f}", str(f["page"]), f["rule"])
    console.print(fields)
    lines = Table("sku", "description", "qty", "unit price", "amount", "conf")
    for item, detail in zip(result.get("line_items", []), result.get("lines", [])):
        lines.add_row(*(str(item.get(k) or "") for k in ("sku", "description", "quantity", "unit_price", "amount")),
                      f"{detail['confidence']:.2f}")
    console.print(lines)


@cli.command()
def ingest(paths: list[Path],
           url: Annotated[str | None, typer.Option(help="service URL, e.g. http://127.0.0.1:8000")] = None,
           customer_hint: str | None = None,
           key: Annotated[str | None, typer.Option(envvar="INTAKE_API_KEY", help="API key for --url")] = None,
           process: Annotated[bool, typer.Option(help="direct mode: process now instead of queueing")] = False) -> None:
    """Submit files or folders to a running service (--url) or straight into the database."""
    files = _files(paths)
    with _progress(len(files)) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            if url:
                row = _post(url, path, customer_hint, key)
            else:
                row = _ingest_direct(get_settings(), path, customer_hint, process)
            print(json.dumps(row))
            progress.advance(task)


def _post(url: str, path: Path, customer_hint: str | None, key: str | None) -> dict:
    import httpx

    data = {"customer_hint": customer_hint} if customer_hint else {}
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    with path.open("rb") as fh:
        resp = httpx.post(f"{url.rstrip('/')}/api/v1/documents", files={"files": (path.name, fh)}, data=data,
                          headers=headers, timeout=120)
    body = resp.json()
    return body["documents"][0] if resp.is_success else {"file": str(path), **body}


def _ingest_direct(settings: Settings, path: Path, customer_hint: str | None, process: bool) -> dict:
    from app.core import queue
    from app.core.db import session_scope
    from app.intake import service
    from app.intake.models import Channel, DocumentStatus
    from app.intake.tasks import enqueue_document

    with session_scope(settings.db_url) as session:
        got = service.ingest_bytes(session, settings, path.read_bytes(), filename=path.name,
                                   channel=Channel.cli.value, customer_hint=customer_hint)
        doc_id, status, dup = got.document.id, got.document.status, got.duplicate
    if not dup and status == DocumentStatus.received.value:
        if process:
            status = service.process_document(settings, doc_id)
        else:
            queue.configure(settings)
            enqueue_document(doc_id)
    return {"id": doc_id, "file": str(path), "status": status, "duplicate": dup}


@cli.command("eval")
def evaluate(directory: Path, json_out: Annotated[Path | None, typer.Option("--json")] = None,
             verbose: Annotated[bool, typer.Option("-v", "--verbose")] = False) -> None:
    """Score extraction against NAME.EXT.truth.json files beside the documents."""
    from app.intake.evaluation import HEADER_KINDS, Score, truth_files
    from extractors.errors import DocumentError
    from extractors.read import extract_document

    pairs = truth_files(directory)
    if not pairs:
        err.print(f"[red]no *.truth.json files under {directory}[/red]")
        raise typer.Exit(2)
    score = Score()
    with _progress(len(pairs)) as progress:
        task = progress.add_task("scoring", total=len(pairs))
        for doc, truth_file in pairs:
            try:
                pred = extract_document(doc.read_bytes()).to_result()
            except DocumentError:
                pred = None
            score.add(str(doc.relative_to(directory)), json.loads(truth_file.read_text()), pred)
            progress.advance(task)
    table = Table("field", "right", "of", "accuracy")
    for name in HEADER_KINDS:
        right, total = score.fields[name]
        if total:
            table.add_row(name, str(right), str(total), f"{right / total:.3f}")
    Console().print(table)
    if verbose:
        for name, misses in score.misses.items():
            print(f"{name}:\n  " + "\n  ".join(misses))
    summary = score.summary()
    if json_out:
        json_out.write_text(json.dumps({"summary": summary, "misses": score.misses}, indent=2))
    print(" ".join(f"{k}={v}" for k, v in summary.items()))


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
def simulate(months: float = 3, orders_per_day: float = 20, seed: int = 0) -> None:
    """Simulate months of orders through the whole lifecycle (demo data for the dashboard)."""
    from sqlmodel import Session

    from app.core.db import get_engine
    from app.core.migrate import upgrade
    from app.orders.demo import DAYS_PER_MONTH, simulate

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.db_url)
    with Session(get_engine(settings.db_url), expire_on_commit=False) as session, \
            Progress() as bar:
        task = bar.add_task("simulating days", total=max(1, int(months * DAYS_PER_MONTH)))
        counts = simulate(session, months=months, orders_per_day=orders_per_day, seed=seed,
                          progress=lambda d: bar.update(task, completed=d))
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


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
