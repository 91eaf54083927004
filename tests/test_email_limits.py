"""Hostile MIME: too many parts, nesting too deep, attachments that decode too large,
wrong charsets. The headers are kept, the body is flagged with a stable code, the raw
message is always stored, and nothing raises."""
from __future__ import annotations

import pytest
from sqlmodel import select

from app.email.config import MailSettings
from app.email.service import ingest_email
from app.intake.models import EmailMessage
from app.storage import BlobStore
from extractors.email.message import parse as email_parse
from extractors.email.message.binhex import decode_binhex
from extractors.email.message.parse import parse_email
from tests.helpers import SHARED

HEAD = b"From: Jim <jim@acme-industrial.example>\r\nTo: orders@northwind.example\r\nSubject: PO 4500012345\r\n"


def nested(depth: int) -> bytes:
    """`depth` multiparts, each inside the one before."""
    head, tail = [], []
    for level in range(depth):
        head.append(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level))
        tail.insert(0, b"\r\n--b%d--\r\n" % level)
    return HEAD + b"".join(head) + b"Content-Type: text/plain\r\n\r\nplease ship 40 x HB-1240" + b"".join(tail)


def many_parts(count: int) -> bytes:
    parts = b"".join(b"--x\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(count))
    return HEAD + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n' + parts + b"--x--\r\n"


def attachments(count: int, size: int) -> bytes:
    import base64

    body = base64.encodebytes(b"%PDF-1.4\n" + b"0" * size)
    parts = b"".join(b'--x\r\nContent-Type: application/pdf; name="po%d.pdf"\r\nContent-Transfer-Encoding: base64\r\n'
                     b"\r\n" % i + body for i in range(count))
    return HEAD + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n' + parts + b"--x--\r\n"


def codes(mail) -> set[str]:
    return {d.split(":", 1)[0] for d in mail.defects}


@pytest.mark.parametrize("depth", [pytest.param(40, id="40-levels"), pytest.param(900, id="900-levels")])
def test_nesting_too_deep_keeps_the_headers_and_flags_mime_too_deep(depth):
    mail = parse_email(nested(depth))
    assert "mime_too_deep" in codes(mail)
    assert (mail.sender, mail.subject) == ("jim@acme-industrial.example", "PO 4500012345")


def test_nesting_within_the_limit_is_read():
    mail = parse_email(nested(10))
    assert mail.text == "please ship 40 x HB-1240" and not codes(mail) & {"mime_too_deep"}


def test_too_many_parts_is_flagged_too_many_parts():
    mail = parse_email(many_parts(email_parse.MAX_PARTS + 1))
    assert "too_many_parts" in codes(mail) and mail.sender == "jim@acme-industrial.example"


def test_attachments_past_the_decoded_budget_are_dropped_and_flagged(monkeypatch):
    monkeypatch.setattr(email_parse, "MAX_DECODED_BYTES", 25_000)
    mail = parse_email(attachments(5, 10_000))
    assert "decoded_too_large" in codes(mail)
    assert len(mail.attachments) == 2  # the ones within the budget are kept


def test_a_binhex_run_length_bomb_is_not_expanded():
    # each 0x90 0xFF pair repeats the last byte 254 times; 6-bit encode the bomb
    from extractors.email.message.binhex import ALPHABET

    raw = b"\x01a" + b"\x00" * 20 + b"\x41" + b"\x90\xff" * 400_000
    bits = "".join(f"{b:08b}" for b in raw)
    bits += "0" * (-len(bits) % 6)
    text = "".join(ALPHABET[int(bits[i:i + 6], 2)] for i in range(0, len(bits), 6))
    assert decode_binhex(f"(This file must be converted with BinHex 4.0)\n:{text}:".encode()) is None


@pytest.mark.parametrize("body, charset, expected", [
    pytest.param("Bestellung für 40 Stück".encode("utf-8"), "iso-8859-1", "Bestellung für 40 Stück", id="utf8-labelled-latin1"),
    pytest.param("Größe 40 – bitte".encode("cp1252"), "utf-8", "Größe 40 – bitte", id="cp1252-labelled-utf8"),
    pytest.param("40 x HB-1240".encode("ascii"), "x-no-such-charset", "40 x HB-1240", id="unknown-charset"),
    pytest.param("Заказ 40 штук".encode("koi8-r"), "koi8-r", "Заказ 40 штук", id="koi8-r"),
])
def test_wrong_or_odd_charsets_give_readable_text(body, charset, expected):
    raw = HEAD + b"Content-Type: text/plain; charset=" + charset.encode() + b"\r\n\r\n" + body
    assert parse_email(raw).text == expected


EML = sorted((SHARED / "eval" / "eml").rglob("*.eml")) if (SHARED / "eval" / "eml").is_dir() else []


@pytest.mark.skipif(not EML, reason="../shared/eval/eml is not present")
@pytest.mark.parametrize("path", EML, ids=[p.name for p in EML])
def test_real_world_mail_parses_to_text_a_database_can_store(path):
    mail = parse_email(path.read_bytes())
    (mail.text + mail.subject).encode("utf-8")  # no lone surrogates left from undecodable bytes
    assert mail.sender is None or "@" in mail.sender


def test_a_hostile_email_is_stored_raw_recorded_and_sent_to_review(session, settings):
    raw = nested(900)
    got = ingest_email(session, settings, raw, channel="email", mail=MailSettings(_env_file=None))
    session.expire_all()
    msg = session.exec(select(EmailMessage).where(EmailMessage.id == got.message.id)).one()
    assert BlobStore(settings.blob_dir).get(msg.raw_sha256) == raw
    assert msg.sender == "jim@acme-industrial.example"
    assert msg.status in ("needs_review", "failed") and msg.queue == "review"
    assert any(d.startswith("mime_too_deep") for d in msg.defects)
