"""`intake smtp` as its own process: a message sent to it is in the database once the
sender got 250, and SIGTERM stops it cleanly."""
from __future__ import annotations

import os
import signal
import smtplib
import socket
import subprocess
import sys
import time

import pytest
from sqlmodel import select

from app.intake.models import EmailMessage
from tests.app.email.messages import crlf, make_email
from tests.app.helpers import free_port
from tests.helpers import REPO


def _wait_for_smtp(port: int, proc: subprocess.Popen) -> None:
    for _ in range(300):  # not a timing assertion: waits for the process to listen
        if proc.poll() is not None:
            pytest.fail(f"intake smtp exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.recv(100).startswith(b"220"):
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail("intake smtp did not start listening")


@pytest.mark.slow
def test_intake_smtp_stores_what_it_accepts_and_stops_on_sigterm(settings, session):
    port = free_port()
    env = {**os.environ, "INTAKE_DATA_DIR": str(settings.data_dir), "INTAKE_DATABASE_URL": settings.db_url,
           "INTAKE_WORKER_MODE": "external", "INTAKE_MAIL_SMTP_MAX_BYTES": "1000000"}
    command = [sys.executable, "-c", "from app.cli import main; main()", "smtp", "--host", "127.0.0.1",
               "--port", str(port)]
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_smtp(port, proc)
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            refused = smtp.sendmail("jim@acme-industrial.example", ["orders@northwind.example"],
                                    crlf(make_email("Order", "Please send 40 x HB-1240.",
                                                    message_id="cli-smtp-1@acme")))
        assert refused == {}
        msg = session.exec(select(EmailMessage).where(EmailMessage.message_id_header == "cli-smtp-1@acme")).one()
        # the sender is the From header, not the envelope
        assert msg.channel == "smtp" and msg.sender == "purchasing@acme-industrial.example"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    assert proc.returncode == 0
