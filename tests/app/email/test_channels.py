"""Every email channel stores the raw message first and records it once: the API (raw or
upload), the inbound-mail webhook and a real SMTP session to our listener."""
from __future__ import annotations

import base64
import email.message
import email.policy
import io
import random
import smtplib

import pytest
from PIL import Image
from sqlmodel import select

from app.core.storage import BlobStore, sha256_hex
from app.email.config import MailSettings, get_mail_settings
from app.email.smtp import controller as smtp_listener
from app.intake.models import Document, EmailMessage
from tests.app.email.messages import EMAILS, crlf, make_email
from tests.app.helpers import free_port
from tests.helpers import SHARED
from tests.pdfs import simple_po

RFC822 = {"content-type": "message/rfc822"}


@pytest.fixture
def mail_env(monkeypatch):
    """Set INTAKE_MAIL_* for this test; returns the settings the service will read."""
    def configure(**values) -> MailSettings:
        for name, value in values.items():
            monkeypatch.setenv(f"INTAKE_MAIL_{name.upper()}", str(value))
        get_mail_settings.cache_clear()
        return get_mail_settings()

    yield configure
    get_mail_settings.cache_clear()


def noise_png(size: int) -> bytes:
    """A PNG that does not compress: about `size` bytes, like a photographed page."""
    rng = random.Random(size)
    side = int((size / 3) ** 0.5) + 1
    img = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _tnef(files: list[tuple[bytes, bytes]]) -> bytes:
    """A minimal winmail.dat: signature, key, then per file rendering, title, data."""
    def obj(name: int, kind: int, data: bytes) -> bytes:
        head = b"\x02" + name.to_bytes(2, "little") + kind.to_bytes(2, "little")
        return head + len(data).to_bytes(4, "little") + data + (sum(data) % 65536).to_bytes(2, "little")

    out = (0x223E9F78).to_bytes(4, "little") + b"\x01\x00"
    for name, data in files:
        out += obj(0x9002, 6, b"\x00" * 14) + obj(0x8010, 1, name + b"\x00") + obj(0x800F, 6, data)
    return out


def post_eml(client, data: bytes):
    return client.post("/api/v1/emails", content=data, headers=RFC822)


def stored_email(session, email_id: int) -> EmailMessage:
    session.expire_all()
    return session.get(EmailMessage, email_id)


# --- POST /api/v1/emails --------------------------------------------------------------


def test_an_email_with_a_po_attached_is_kept_raw_and_its_pdf_becomes_a_document(client, settings, session):
    raw = (EMAILS / "nested-mixed-alternative-related.eml").read_bytes()
    r = post_eml(client, raw)
    assert r.status_code == 202
    body = r.json()
    assert [d["filename"] for d in body["documents"]] == ["PO-4500012345.pdf"]  # the 70-byte logo is not
    msg = stored_email(session, body["id"])
    assert BlobStore(settings.blob_dir).get(msg.raw_sha256) == raw
    assert msg.message_id_header == "nested-001@example-buyer.com"
    assert msg.sender == "anna.mueller@example-buyer.com" and msg.subject == "Bestellung für März"
    assert "order attached" in msg.request_text and msg.channel == "email"
    doc = session.get(Document, body["documents"][0]["id"])
    assert (doc.message_id, doc.channel, doc.sender) == (msg.id, "email", msg.sender)
    got = client.get(body["status_url"]).json()
    assert got["documents"][0]["id"] == doc.id and got["label"] == msg.label


def test_the_same_message_twice_is_one_record_and_the_second_answer_says_duplicate(client, session):
    raw = (EMAILS / "forwarded-chain.eml").read_bytes()
    first = post_eml(client, raw)
    again = client.post("/api/v1/emails", files={"file": ("again.eml", raw, "message/rfc822")})
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["duplicate"] and again.json()["id"] == first.json()["id"]
    assert [d["id"] for d in again.json()["documents"]] == [d["id"] for d in first.json()["documents"]]
    assert len(session.exec(select(EmailMessage)).all()) == 1


def test_a_resent_message_with_new_bytes_but_the_same_message_id_is_not_processed_again(client, session):
    first = post_eml(client, make_email("PO 1", "Please send 4 x HB-1240", message_id="resent-1@acme"))
    second = post_eml(client, make_email("PO 1", "Please send 4 x HB-1240\n", message_id="resent-1@acme",
                                         headers={"X-Resent": "yes"}))
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    assert len(session.exec(select(Document)).all()) <= 1


def test_a_forwarded_chain_gives_the_nested_messages_pdf_and_not_the_forwarded_mail_itself(client, session):
    body = post_eml(client, (EMAILS / "forwarded-chain.eml").read_bytes()).json()
    assert [(d["filename"], d["kind"]) for d in body["documents"]] == [("Bestellung Größe 12.pdf", "pdf")]
    msg = stored_email(session, body["id"])
    assert msg.request_text == "Please see the attached PO."
    assert msg.in_reply_to == "inner-77812@buyer.example" and "root@buyer.example" in msg.references


def test_a_malformed_message_is_kept_and_flagged_for_review(client, settings, session):
    raw = (EMAILS / "malformed-missing-boundary.eml").read_bytes()
    body = post_eml(client, raw).json()
    msg = stored_email(session, body["id"])
    assert msg.status == "needs_review" and msg.queue == "review"
    assert any(d.startswith("missing_boundary") for d in msg.defects)
    assert "5 x HB-1240" in msg.request_text  # read anyway
    assert BlobStore(settings.blob_dir).exists(msg.raw_sha256)


def test_bytes_that_are_no_email_at_all_are_kept_as_a_failed_message(client, settings, session):
    raw = (EMAILS / "outlook-not-a-message.msg").read_bytes()
    r = post_eml(client, raw)
    assert r.status_code == 202
    msg = stored_email(session, r.json()["id"])
    assert msg.status == "failed" and msg.defects[0].startswith("not_an_email")
    assert BlobStore(settings.blob_dir).get(msg.raw_sha256) == raw


def test_an_outlook_msg_upload_gives_its_pdf(client, session):
    raw = (EMAILS / "outlook-po.msg").read_bytes()
    body = client.post("/api/v1/emails", files={"file": ("po.msg", raw, "application/vnd.ms-outlook")}).json()
    assert [d["filename"] for d in body["documents"]] == ["PO-88120.pdf"]
    msg = stored_email(session, body["id"])
    assert msg.message_id_header == "outlook-88120@example-buyer.com" and msg.subject == "PO 88120 - bolts"


@pytest.mark.parametrize("name, subject, words", [
    pytest.param("charset-windows-1252.eml", "Commande urgente – café", "café", id="windows-1252"),
    pytest.param("charset-iso-2022-jp.eml", "注文 PO 3141", "HB-1240", id="iso-2022-jp"),
    pytest.param("charset-unknown.eml", "unknown charset", "M8 nuts", id="unknown-charset"),
])
def test_non_utf8_messages_are_decoded(client, session, name, subject, words):
    body = post_eml(client, (EMAILS / name).read_bytes()).json()
    msg = stored_email(session, body["id"])
    assert msg.subject == subject and words in msg.request_text


def test_winmail_dat_is_unpacked_and_its_pdf_becomes_a_document(client, session):
    pdf = simple_po("TNEF-1")
    dat = base64.encodebytes(_tnef([(b"order.pdf", pdf), (b"notes.txt", b"deliver to dock 4")]))
    raw = (b"From: buyer@acme-industrial.example\nSubject: outlook order\nMessage-ID: <tnef-1@acme>\n"
           b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\n"
           b"see the attached order\n--x\nContent-Type: application/ms-tnef; name=winmail.dat\n"
           b"Content-Transfer-Encoding: base64\n\n" + dat + b"--x--\n")
    body = post_eml(client, raw).json()
    assert [(d["filename"], d["kind"]) for d in body["documents"]] == [("order.pdf", "pdf"), ("notes.txt", "text")]


@pytest.mark.slow
def test_inline_logos_are_skipped_but_a_pasted_page_image_is_kept(client, session):
    logo, scan = noise_png(3_000), noise_png(150_000)
    m = email.message.EmailMessage()
    m["From"], m["Subject"], m["Message-ID"] = "buyer@acme-industrial.example", "order", "<inline-1@acme>"
    m.set_content("Our order is in the picture.")
    m.add_alternative('<p>Our order:</p><img src="cid:scan@x"><img src="cid:logo@x">', subtype="html")
    html = m.get_payload()[1]
    html.add_related(logo, "image", "png", cid="<logo@x>", filename="logo.png")
    html.add_related(scan, "image", "png", cid="<scan@x>", filename="IMG_2041.png")
    body = post_eml(client, m.as_bytes()).json()
    assert [(d["filename"], d["kind"]) for d in body["documents"]] == [("IMG_2041.png", "png")]


def test_an_email_over_the_size_limit_is_refused_with_413(client, settings):
    r = post_eml(client, make_email("big", "x" * (settings.max_upload_bytes + 10)))
    assert r.status_code == 413 and r.json()["error"]["code"] == "file_too_large"


# --- the inbound-mail webhook ---------------------------------------------------------


def test_the_webhook_form_becomes_an_email_with_its_attachments(client, session):
    form = {"from": "Jim <purchasing@acme-industrial.example>", "to": "orders@northwind.example",
            "subject": "PO 4500012399", "text": "Please find our PO attached.",
            "headers": "Message-ID: <hook-1@acme>\nIn-Reply-To: <earlier@acme>\n"}
    files = [("attachment1", ("PO-4500012399.pdf", simple_po("4500012399"), "application/pdf"))]
    r = client.post("/api/v1/inbound-mail", data=form, files=files)
    assert r.status_code == 202
    body = r.json()
    assert body["message_id"] == "hook-1@acme" and [d["filename"] for d in body["documents"]] == ["PO-4500012399.pdf"]
    msg = stored_email(session, body["id"])
    assert (msg.channel, msg.sender, msg.in_reply_to) == ("webhook", "purchasing@acme-industrial.example",
                                                          "earlier@acme")
    assert msg.request_text == "Please find our PO attached."
    again = client.post("/api/v1/inbound-mail", data=form, files=files)
    assert again.status_code == 200 and again.json()["duplicate"]


def test_a_webhook_post_without_message_id_posted_twice_is_still_one_record(client, session):
    form = {"from": "purchasing@acme-industrial.example", "subject": "order", "text": "send 4 x HB-1240",
            "html": "<p>send 4 x HB-1240</p>"}
    files = [("attachments", ("a.txt", b"PO 77 - 4 x HB-1240", "text/plain"))]
    first = client.post("/api/v1/inbound-mail", data=form, files=files).json()
    again = client.post("/api/v1/inbound-mail", data=form, files=files).json()
    assert again["duplicate"] and again["id"] == first["id"]


def test_a_webhook_post_without_a_sender_is_refused(client):
    r = client.post("/api/v1/inbound-mail", data={"subject": "x", "text": "y"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


# --- the SMTP listener ----------------------------------------------------------------


@pytest.fixture
def listener(settings):
    mail = MailSettings(_env_file=None, smtp_max_bytes=2_000_000)
    ctl = smtp_listener(settings, mail, "127.0.0.1", free_port())
    ctl.start()
    yield ctl
    ctl.stop()


def test_a_real_smtp_session_is_answered_250_only_once_the_message_is_stored(client, settings, session, listener):
    raw = make_email("PO 4500012400", "Please find our PO attached.", message_id="smtp-1@acme",
                     attachments=[("PO-4500012400.pdf", "application/pdf", simple_po("4500012400"))])
    with smtplib.SMTP(listener.hostname, listener.port) as smtp:
        smtp.ehlo()
        code, reply = smtp.docmd("MAIL FROM:<purchasing@acme-industrial.example>")
        smtp.docmd("RCPT TO:<orders@northwind.example>")
        smtp.docmd("DATA")
        smtp.send(crlf(raw) + b"\r\n.\r\n")
        code, reply = smtp.getreply()
    assert code == 250 and b"stored as email" in reply
    msg = session.exec(select(EmailMessage).where(EmailMessage.message_id_header == "smtp-1@acme")).one()
    assert msg.channel == "smtp" and msg.mailbox == "orders@northwind.example"
    assert BlobStore(settings.blob_dir).exists(msg.raw_sha256)
    doc = session.exec(select(Document).where(Document.message_id == msg.id)).one()
    assert doc.filename == "PO-4500012400.pdf" and doc.channel == "smtp"
    with smtplib.SMTP(listener.hostname, listener.port) as smtp:  # sent again: accepted, not recorded twice
        smtp.sendmail("purchasing@acme-industrial.example", ["orders@northwind.example"], crlf(raw))
    assert len(session.exec(select(EmailMessage)).all()) == 1


def test_the_smtp_listener_answers_451_when_the_message_cannot_be_stored(settings, monkeypatch, listener):
    def disk_full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(BlobStore, "put", disk_full)
    with smtplib.SMTP(listener.hostname, listener.port) as smtp, pytest.raises(smtplib.SMTPDataError) as exc:
        smtp.sendmail("a@acme-industrial.example", ["orders@northwind.example"], crlf(make_email("x", "y")))
    assert exc.value.smtp_code == 451


def test_the_smtp_listener_refuses_a_message_over_its_size_limit(settings, listener):
    with smtplib.SMTP(listener.hostname, listener.port) as smtp, pytest.raises(smtplib.SMTPException):
        too_big = crlf(make_email("x", "y\n" * 1_100_000))
        smtp.sendmail("a@acme-industrial.example", ["orders@northwind.example"], too_big)


# --- real-world messages ----------------------------------------------------------------


@pytest.mark.slow
def test_real_world_messages_are_all_recorded_and_never_lost(client, session, settings):
    folder = SHARED / "eval" / "eml"
    files = sorted(folder.rglob("*.eml")) if folder.exists() else []
    if not files:
        pytest.skip("shared/eval/eml is not available")
    for path in files:
        raw = path.read_bytes()
        r = post_eml(client, raw)
        assert r.status_code in (200, 202), (path.name, r.text)
        assert BlobStore(settings.blob_dir).exists(sha256_hex(raw))


def test_two_channels_racing_with_the_same_message_record_it_once(settings, session, monkeypatch):
    from app.core import queue
    from app.email import service

    queue.configure(settings.model_copy(update={"worker_mode": "immediate"}))
    raw = make_email("PO 9", "Please send 4 x HB-1240", message_id="race-1@acme")
    first = service.ingest_email(session, settings, raw, channel="imap")
    real = service._existing
    calls = []

    def not_yet_seen(*args):  # the other channel checked before the first one committed
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(service, "_existing", not_yet_seen)
    second = service.ingest_email(session, settings, raw, channel="smtp")
    assert second.duplicate and second.message.id == first.message.id
    assert len(session.exec(select(EmailMessage)).all()) == 1


def test_the_email_list_filters_by_queue(client):
    post_eml(client, (EMAILS / "nested-mixed-alternative-related.eml").read_bytes())
    post_eml(client, (EMAILS / "malformed-missing-boundary.eml").read_bytes())
    listed = client.get("/api/v1/emails", params={"queue": "review"}).json()
    assert listed["count"] == 1 and listed["data"][0]["message_id_header"] == "broken-1@example.com"
    assert client.get("/api/v1/emails").json()["count"] == 2


def test_a_message_id_reused_by_a_different_message_does_not_hide_it(client, session):
    first = post_eml(client, make_email("PO 1", "Please send 4 x HB-1240", message_id="xxxx@xxxx.com")).json()
    other = make_email("Invoice question", "Why is invoice 77 so high?", message_id="xxxx@xxxx.com",
                       sender="ap@beta-builders.example")
    second = post_eml(client, other)
    assert second.status_code == 202 and second.json()["id"] != first["id"]
    msg = stored_email(session, second.json()["id"])
    assert msg.message_id_header.startswith("xxxx@xxxx.com#") and msg.status == "needs_review"
    assert any(d.startswith("message_id_reused") for d in msg.defects)
    assert post_eml(client, other).json()["id"] == msg.id  # the same one again is still a duplicate
