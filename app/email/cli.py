"""`intake imap` and `intake smtp`: the long-running email channels."""
from __future__ import annotations

import contextlib
import logging
import signal
import threading
from typing import Annotated

import typer

cli = typer.Typer()


def _setup():
    from app.core import queue
    from app.core.config import get_settings
    from app.email.config import get_mail_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    get_mail_settings.cache_clear()
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    queue.configure(settings)
    return settings, get_mail_settings()


@cli.command()
def imap(once: Annotated[bool, typer.Option(help="poll each mailbox once and exit")] = False,
         interval: Annotated[float | None, typer.Option(help="seconds between polls")] = None) -> None:
    """Poll the IMAP mailboxes of INTAKE_MAIL_IMAP_MAILBOXES; each new email is ingested."""
    from app.email import imap as poller

    settings, mail = _setup()
    if not mail.imap_mailboxes:
        typer.echo("no mailboxes: set INTAKE_MAIL_IMAP_MAILBOXES", err=True)
        raise typer.Exit(2)
    if interval:
        mail.imap_poll_seconds = interval
    if once:
        results = poller.poll_all(settings, mail)
        for r in results:
            typer.echo(f"{r.mailbox}: {r.fetched} fetched, {r.ingested} new, {r.duplicates} duplicates, "
                       f"{r.skipped} skipped, {len(r.failed)} failed")
        raise typer.Exit(1 if any(r.failed for r in results) else 0)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        poller.run_forever(settings, mail, stop)


@cli.command()
def smtp(host: Annotated[str | None, typer.Option(help="listen address")] = None,
         port: Annotated[int | None, typer.Option(help="listen port")] = None) -> None:
    """Receive email by SMTP; each message is stored before it is accepted with 250."""
    from app.email.smtp import controller

    settings, mail = _setup()
    listener = controller(settings, mail, host, port)
    listener.start()
    typer.echo(f"SMTP listening on {listener.hostname}:{listener.port}")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        listener.stop()
