"""Outlook .msg: a genuine message written by sample_docs/emails/make_msg.py is read
with its headers, body and attachment; OLE files that are not messages are refused."""
from __future__ import annotations

import importlib.util
from datetime import UTC, datetime

import pytest

from extractors.email.extract import extract_email
from extractors.email.message.outlook import CORRUPT_MSG, NOT_AN_EMAIL, parse_msg
from extractors.errors import EMPTY_FILE, DocumentError
from tests.helpers import SAMPLES

EMAILS = SAMPLES / "emails"


def load_generator():
    spec = importlib.util.spec_from_file_location("make_msg", EMAILS / "make_msg.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_outlook_message_headers_body_and_attachment():
    mail = parse_msg((EMAILS / "outlook-po.msg").read_bytes())
    assert mail.subject == "PO 88120 - bolts"
    assert (mail.sender, mail.sender_name) == ("rita.rossi@example-buyer.com", "Rita Rossi")
    assert mail.to == ["orders@northwind.example"]
    assert mail.message_id == "outlook-88120@example-buyer.com"
    assert mail.date == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    assert mail.text.startswith("Hello,\n\nplease send 40 x HB-1240 by Friday.")
    (att,) = mail.attachments
    assert (att.filename, att.content_type) == ("PO-88120.pdf", "application/pdf")
    assert att.data.startswith(b"%PDF-")


def test_outlook_message_gives_po_fields():
    ex = extract_email(parse_msg((EMAILS / "outlook-po.msg").read_bytes()))
    assert ex.value("po_number") == "88120"
    assert ex.value("requested_delivery_date") == "2024-03-08"
    assert ex.to_result()["line_items"] == [{"sku": "HB-1240", "quantity": "40"}]


def test_committed_msg_fixtures_are_what_the_generator_writes(tmp_path):
    load_generator().write_fixtures(tmp_path)
    for name in ("outlook-po.msg", "outlook-not-a-message.msg"):
        assert (tmp_path / name).read_bytes() == (EMAILS / name).read_bytes()


def test_generator_writes_messages_that_read_back():
    gen = load_generator()
    data = gen.make_msg("s", "b", ("N", "n@x.example"), [("T", "t@x.example")],
                        datetime(2024, 1, 1, tzinfo=UTC), "id@x", [])
    mail = parse_msg(data)
    assert (mail.subject, mail.text, mail.sender) == ("s", "b", "n@x.example")


@pytest.mark.parametrize("data, codes", [
    pytest.param(b"", {EMPTY_FILE}, id="empty"),
    pytest.param(b"From: a@b\nSubject: eml, not msg\n\nhi", {NOT_AN_EMAIL}, id="eml-bytes"),
    pytest.param((EMAILS / "outlook-not-a-message.msg").read_bytes(), {NOT_AN_EMAIL},
                 id="ole-file-that-is-not-a-message"),
    pytest.param((EMAILS / "outlook-po.msg").read_bytes()[:1536], {NOT_AN_EMAIL, CORRUPT_MSG},
                 id="truncated-msg"),
])
def test_bad_msg_input_raises_a_coded_error(data, codes):
    with pytest.raises(DocumentError) as info:
        parse_msg(data)
    assert info.value.code in codes
