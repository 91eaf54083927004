"""Real-world MIME from mail libraries' test suites (shared/eval/eml, read in place):
every message parses without an exception, and the hard ones give sensible results.
Skipped when the shared folder is not beside the repo."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.email.body.split import split_body
from extractors.email.extract import extract_email
from extractors.email.message.parse import parse_email
from tests.helpers import SHARED

EML = SHARED / "eval" / "eml"
pytestmark = pytest.mark.skipif(not EML.is_dir(), reason="shared/eval/eml is not available")


def files() -> list[Path]:
    return sorted(EML.glob("*/*.eml")) if EML.is_dir() else []


def parse(rel: str):
    path = EML / rel
    if not path.exists():
        pytest.skip(f"{rel} is not in shared/eval/eml")
    return parse_email(path.read_bytes())


@pytest.mark.parametrize("path", files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_real_world_message_parses(path):
    mail = parse_email(path.read_bytes())
    assert mail.subject or mail.sender or mail.attachments
    assert all(a.filename and "/" not in a.filename for a in mail.attachments)
    split_body(mail.text)  # the splitter copes with every body too


def test_three_hundred_attachments_are_all_found():
    mail = parse("php-mime-mail-parser/issue408.eml")
    assert len(mail.attachments) > 300
    assert all(a.content_type == "text/plain" for a in mail.attachments)


def test_big_octet_stream_without_filename_gets_a_name_and_keeps_its_bytes():
    mail = parse("php-mime-mail-parser/m0010.eml")
    (att,) = mail.attachments
    assert att.filename.startswith("attachment-1.")
    assert len(att.data) > 800_000


def test_binhex_attachments_are_decoded():
    mail = parse("zbateson-mail-mime-parser/m2011.eml")
    png = next(a for a in mail.attachments if a.filename == "blueball.png")
    assert png.data.startswith(b"\x89PNG") and png.content_type == "image/png"
    txt = next(a for a in mail.attachments if a.filename.endswith(".txt"))
    assert txt.filename == "HasenundFrösche.txt"
    assert txt.data.startswith(b"Die Hasen")


def test_winmail_dat_that_is_not_tnef_is_kept_and_flagged():
    mail = parse("zbateson-mail-mime-parser/m4006.eml")
    (att,) = mail.attachments
    assert att.filename == "winmail.dat"
    assert any(d.startswith("bad_tnef") for d in mail.defects)


def test_smime_signed_message_keeps_body_parts_and_signature():
    mail = parse("mikel-mail/raw_email7.eml")
    names = {a.filename for a in mail.attachments}
    assert {"test.pdf", "smime.p7s"} <= names
    assert mail.text.startswith("This is the first part.")


def test_forwarded_italian_thread_keeps_the_scanned_pdf_and_the_question():
    mail = parse("spamscope-mail-parser/mail_test_7.eml")
    assert any(a.content_type == "application/pdf" and a.data.startswith(b"%PDF")
               for a in mail.attachments)
    split = split_body(mail.text)
    assert split.request.startswith("Ciao")
    assert "Inviato:" in split.quoted


def test_base64_encoded_message_rfc822_part_is_decoded_and_walked():
    mail = parse("php-mime-mail-parser/issue274.eml")
    nested = [a for a in mail.attachments if a.content_type == "message/rfc822"]
    assert nested and nested[0].data.startswith(b"Return-Path:")
    assert len(mail.messages) == 1
    assert sum(a.filename == "Hello from SwiftMailer.pdf" for a in mail.attachments) == 2


def test_octet_stream_pdf_is_recognised_by_content():
    mail = parse("spamscope-mail-parser/mail_test_2.eml")
    pdf = next(a for a in mail.attachments if a.filename == "Bollettino.pdf")
    assert pdf.content_type == "application/pdf"


def not_orders() -> list[Path]:
    """Messages whose SOURCES.tsv note does not call them order-related."""
    sources = EML / "SOURCES.tsv"
    if not sources.exists():
        return []
    rows = [line.split("\t") for line in sources.read_text(encoding="utf-8").splitlines()[1:]]
    return [EML / r[0] for r in rows if len(r) > 6 and "order" not in r[6].lower()
            and (EML / r[0]).exists()]


@pytest.mark.parametrize("path", not_orders(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_mail_that_is_not_a_purchase_order_gives_no_po_fields(path):
    result = extract_email(parse_email(path.read_bytes())).to_result()
    assert result["po_number"] is None
    assert result["line_items"] == []
