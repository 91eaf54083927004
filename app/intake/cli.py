"""`intake extract`, `intake ingest` and `intake eval`: reading documents from the command line."""
from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from app.core.config import Settings, get_settings
from app.core.console import err, progress_bar

cli = typer.Typer()


class Format(StrEnum):
    json = "json"
    table = "table"


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
    with progress_bar(len(paths)) as progress:
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
    with progress_bar(len(files)) as progress:
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
    with progress_bar(len(pairs)) as progress:
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
