"""IMAP polling against a real Dovecot on loopback: new mail is ingested, then flagged
or moved; a second poll finds nothing; a failure midway loses nothing and a crash
between the commit and the flag does not record a message twice."""
from __future__ import annotations

import json
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from imap_tools import AND, MailBoxUnencrypted
from sqlmodel import select
from typer.testing import CliRunner

from app.core import queue
from app.email import imap
from app.email.config import Mailbox, MailSettings
from app.email.service import ingest_email
from app.intake.models import Document, EmailMessage
from tests.app.email.messages import make_email
from tests.app.helpers import free_port
from tests.pdfs import simple_po

DOVECOT = Path("/usr/sbin/dovecot")
USER, PASSWORD = "orders", "secret"

CONF = """base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
default_internal_user = root
default_internal_group = root
default_login_user = {login_user}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def _wait_for_port(port: int, proc: subprocess.Popen, root: Path) -> None:
    for _ in range(100):  # not a timing assertion: waits for the server to listen
        if proc.poll() is not None:
            pytest.fail(f"dovecot exited: {(root / 'dovecot.log').read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail("dovecot did not start listening")


@pytest.fixture
def dovecot():
    """A throwaway Dovecot with one user and a maildir, listening on a free loopback port."""
    if not DOVECOT.exists():
        pytest.skip("dovecot is not installed")
    try:
        mail_user = pwd.getpwnam("nobody")
        login_user = next(n for n in ("dovenull", "nobody") if _user_exists(n))
    except (KeyError, StopIteration):
        pytest.skip("no unprivileged user to run dovecot's processes")
    root = Path(tempfile.mkdtemp(prefix="intake-dovecot-"))
    root.chmod(0o755)
    for sub in ("mail", "home"):
        (root / sub).mkdir()
        shutil.chown(root / sub, mail_user.pw_uid, mail_user.pw_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = free_port()
    (root / "dovecot.conf").write_text(CONF.format(root=root, port=port, login_user=login_user,
                                                   mail_user=mail_user.pw_uid, mail_group=mail_user.pw_gid))
    proc = subprocess.Popen([str(DOVECOT), "-F", "-c", str(root / "dovecot.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, proc, root)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture
def site(settings):
    immediate = settings.model_copy(update={"worker_mode": "immediate"})
    queue.configure(immediate)
    return immediate


def box(port: int, **kw) -> Mailbox:
    return Mailbox(host="127.0.0.1", port=port, user=USER, password=PASSWORD, ssl=False, **kw)


def append(port: int, *messages: bytes) -> None:
    with MailBoxUnencrypted("127.0.0.1", port).login(USER, PASSWORD) as mb:
        for raw in messages:
            mb.append(raw, "INBOX")


def inbox(port: int, folder: str = "INBOX") -> dict[str, set[str]]:
    """uid -> flags of every message in the folder."""
    with MailBoxUnencrypted("127.0.0.1", port).login(USER, PASSWORD, initial_folder=folder) as mb:
        return {m.uid: set(m.flags) for m in mb.fetch(AND(all=True), mark_seen=False, headers_only=True)}


def records(session) -> list[EmailMessage]:
    session.expire_all()
    return list(session.exec(select(EmailMessage).order_by(EmailMessage.id)))


TWO = (
    make_email("PO 4500012501", "Please find our PO attached.", message_id="imap-1@acme",
               attachments=[("PO-4500012501.pdf", "application/pdf", simple_po("4500012501"))]),
    make_email("Where is PO 4500012345?", "Where is our order?", message_id="imap-2@acme"),
)


def test_new_mail_is_ingested_then_flagged_and_the_next_poll_finds_nothing(dovecot, site, session):
    append(dovecot, *TWO)
    result = imap.poll_mailbox(site, box(dovecot))
    assert (result.fetched, result.ingested, result.failed) == (2, 2, [])
    got = records(session)
    assert [m.message_id_header for m in got] == ["imap-1@acme", "imap-2@acme"]
    assert {m.channel for m in got} == {"imap"} and got[0].mailbox == f"{USER}@127.0.0.1/INBOX"
    doc = session.exec(select(Document).where(Document.message_id == got[0].id)).one()
    assert doc.filename == "PO-4500012501.pdf" and doc.channel == "imap"
    assert all({"$IntakeProcessed", "\\Seen"} <= flags for flags in inbox(dovecot).values())
    again = imap.poll_mailbox(site, box(dovecot))
    assert (again.fetched, again.ingested) == (0, 0) and len(records(session)) == 2


def test_processed_mail_is_moved_to_the_configured_folder(dovecot, site, session):
    append(dovecot, *TWO)
    result = imap.poll_mailbox(site, box(dovecot, move_to="Processed"))
    assert result.ingested == 2
    assert inbox(dovecot) == {} and len(inbox(dovecot, "Processed")) == 2
    assert imap.poll_mailbox(site, box(dovecot, move_to="Processed")).fetched == 0


def test_a_failure_midway_loses_nothing_and_the_next_poll_takes_the_rest(dovecot, site, session):
    append(dovecot, *TWO)
    calls = []

    def fails_on_second(session, settings, raw, **kw):
        calls.append(raw)
        if len(calls) == 2:
            raise OSError("database went away")
        return ingest_email(session, settings, raw, **kw)

    first = imap.poll_mailbox(site, box(dovecot), ingest=fails_on_second)
    assert (first.ingested, len(first.failed)) == (1, 1)
    unflagged = [uid for uid, flags in inbox(dovecot).items() if "$IntakeProcessed" not in flags]
    assert unflagged == first.failed and len(records(session)) == 1
    second = imap.poll_mailbox(site, box(dovecot))
    assert (second.fetched, second.ingested, second.failed) == (1, 1, [])
    assert [m.message_id_header for m in records(session)] == ["imap-1@acme", "imap-2@acme"]


def test_a_crash_after_the_commit_but_before_the_flag_does_not_record_twice(dovecot, site, session, monkeypatch):
    append(dovecot, TWO[0])
    real_mark = imap._mark_done
    monkeypatch.setattr(imap, "_mark_done", lambda *a: (_ for _ in ()).throw(ConnectionResetError("gone")))
    crashed = imap.poll_mailbox(site, box(dovecot))
    assert crashed.ingested == 1 and len(crashed.failed) == 1
    monkeypatch.setattr(imap, "_mark_done", real_mark)
    retried = imap.poll_mailbox(site, box(dovecot))
    assert (retried.fetched, retried.duplicates, retried.ingested) == (1, 1, 0)
    assert len(records(session)) == 1 and imap.poll_mailbox(site, box(dovecot)).fetched == 0


def test_sender_filters_skip_strangers_once(dovecot, site, session):
    stranger = make_email("hello", "buy crypto", sender="spam@elsewhere.example", message_id="spam-1@x")
    append(dovecot, TWO[0], stranger)
    result = imap.poll_mailbox(site, box(dovecot, sender_filters=["acme-industrial.example"]))
    assert (result.ingested, result.skipped) == (1, 1)
    assert [m.message_id_header for m in records(session)] == ["imap-1@acme"]
    assert imap.poll_mailbox(site, box(dovecot, sender_filters=["acme-industrial.example"])).fetched == 0


@pytest.mark.parametrize("filters, sender, accepted", [
    pytest.param([], "anyone@x.example", True, id="no-filter"),
    pytest.param(["acme.example"], "Jim <jim@orders.acme.example>", True, id="subdomain"),
    pytest.param(["@acme.example"], "jim@acme.example", True, id="at-domain"),
    pytest.param(["jim@acme.example"], "JIM@ACME.EXAMPLE", True, id="address"),
    pytest.param(["jim@acme.example"], "ann@acme.example", False, id="other-address"),
    pytest.param(["acme.example"], "jim@notacme.example", False, id="lookalike-domain"),
])
def test_sender_filter_rules(filters, sender, accepted):
    assert imap.sender_accepted(sender, filters) is accepted


def test_intake_imap_once_polls_the_configured_mailboxes(dovecot, settings, session, monkeypatch):
    from app.cli import cli

    append(dovecot, *TWO)
    boxes = [box(dovecot).model_dump()]
    for name, value in {"INTAKE_DATA_DIR": str(settings.data_dir), "INTAKE_DATABASE_URL": settings.db_url,
                        "INTAKE_WORKER_MODE": "immediate", "INTAKE_MAIL_IMAP_MAILBOXES": json.dumps(boxes)}.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["imap", "--once"])
    assert result.exit_code == 0, result.output
    assert "2 fetched, 2 new" in result.output and len(records(session)) == 2
    assert MailSettings(_env_file=None).imap_mailboxes[0].folder == "INBOX"
