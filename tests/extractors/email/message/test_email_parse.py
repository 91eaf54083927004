"""Raw emails from sample_docs/emails/: headers decoded, the body as clean text,
every attachment found (nested ones too), malformed mail flagged but parsed."""
from __future__ import annotations

import email.policy
from datetime import UTC, datetime

import pytest

from extractors import errors
from extractors.email.message import parse as email_parse
from extractors.email.message.attachments import Attachment, unpack_binhex
from extractors.email.message.binhex import ALPHABET
from extractors.email.message.html import html_to_text
from extractors.email.message.parse import NOT_AN_EMAIL, parse_email
from extractors.errors import DocumentError
from tests.helpers import SAMPLES

EMAILS = SAMPLES / "emails"


def parse(name: str):
    return parse_email((EMAILS / name).read_bytes())


def test_nested_mixed_alternative_related_prefers_plain_text_and_finds_inline_image_and_pdf():
    mail = parse("nested-mixed-alternative-related.eml")
    assert mail.sender == "anna.mueller@example-buyer.com"
    assert mail.sender_name == "Müller, Anna"
    assert mail.to == ["orders@northwind.example", "sales@northwind.example"]
    assert mail.cc == ["purchasing@example-buyer.com"]
    assert mail.subject == "Bestellung für März"
    assert mail.message_id == "nested-001@example-buyer.com"
    assert mail.date == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)
    assert mail.text.startswith("Hello,\n\nplease find our order attached.")
    assert "Anna Müller" in mail.text
    assert "<html>" in mail.html
    by_name = {a.filename: a for a in mail.attachments}
    assert set(by_name) == {"logo.png", "PO-4500012345.pdf"}
    logo = by_name["logo.png"]
    assert (logo.inline, logo.content_id, logo.content_type) == (True, "logo@buyer", "image/png")
    pdf = by_name["PO-4500012345.pdf"]
    assert not pdf.inline and pdf.data.startswith(b"%PDF-")
    assert mail.defects == []


def test_html_only_body_becomes_clean_text_without_scripts_styles_or_comments():
    mail = parse("html-only.eml")
    assert mail.text == "Please send:\n\nHB-1240 | 40\n\nThanks\nShop team"  # a table row keeps its cells
    assert "ignored title" not in mail.text


@pytest.mark.parametrize("html, expected", [
    pytest.param("<p>a</p><p>b</p>", "a\n\nb", id="paragraphs"),
    pytest.param("line1<br>line2", "line1\nline2", id="line-break"),
    pytest.param("<script>x()</script><style>p{}</style>ok", "ok", id="script-style"),
    pytest.param("<table><tr><td>A</td><td>1</td></tr><tr><td>B</td><td>2</td></tr></table>",
                 "A | 1\nB | 2", id="table-rows-keep-their-cells"),
    pytest.param("<table><tr><td><p>Qty</p></td><td><p>Item</p></td></tr>"
                 "<tr><td><p>8</p></td><td><p>HB-1240</p></td></tr></table>",
                 "Qty | Item\n8 | HB-1240", id="outlook-cells-of-paragraphs-stay-on-their-row"),
    pytest.param("<table><tr><td><table><tr><td>A</td><td>1</td></tr></table></td></tr></table>",
                 "A | 1", id="layout-table-around-a-data-table"),
    pytest.param("", "", id="empty"),
])
def test_html_to_text(html, expected):
    assert html_to_text(html) == expected


def test_forwarded_message_is_kept_whole_and_its_attachments_are_found():
    mail = parse("forwarded-chain.eml")
    assert mail.in_reply_to == "inner-77812@buyer.example"
    assert mail.references == ["root@buyer.example", "inner-77812@buyer.example"]
    types = [(a.filename, a.content_type) for a in mail.attachments]
    assert types == [("PO 77812.eml", "message/rfc822"),
                     ("Bestellung Größe 12.pdf", "application/pdf")]
    assert mail.attachments[0].data.startswith(b"From: Buyer Bob")
    (inner,) = mail.messages
    assert inner.sender == "bob@buyer.example"
    assert inner.subject == "PO 77812"
    assert inner.text == "Please see the attached PO."


@pytest.mark.parametrize("name, sender_name, subject, text_part", [
    pytest.param("charset-windows-1252.eml", "François Léger", "Commande urgente – café",
                 "merci d’envoyer 12 cartons de café – prix 25€", id="windows-1252-labelled-latin1"),
    pytest.param("charset-iso-2022-jp.eml", "山田", "注文 PO 3141",
                 "注文です。HB-1240 を 40 個お願いします。", id="iso-2022-jp"),
])
def test_non_utf8_charsets_are_decoded(name, sender_name, subject, text_part):
    mail = parse(name)
    assert mail.sender_name == sender_name
    assert mail.subject == subject
    assert text_part in mail.text
    assert mail.defects == []


def test_unknown_charset_falls_back_and_is_flagged():
    mail = parse("charset-unknown.eml")
    assert "10 pcs of M8 nuts" in mail.text
    assert any(d.startswith("unknown_charset: x-made-up-charset") for d in mail.defects)


def test_utf8_sent_under_latin1_label_is_read_as_utf8():
    raw = ("From: a@b.example\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n"
           "Content-Transfer-Encoding: 8bit\n\nGrüße aus Köln\n").encode()
    mail = parse_email(raw)
    assert mail.text == "Grüße aus Köln"
    assert any(d.startswith("charset_mismatch") for d in mail.defects)


def test_missing_boundary_is_flagged_and_the_parts_are_recovered():
    mail = parse("malformed-missing-boundary.eml")
    assert mail.text == "Please send 5 x HB-1240."
    assert any(d.startswith("missing_boundary") for d in mail.defects)
    assert mail.date is None
    assert any("InvalidDateDefect" in d for d in mail.defects)


def test_bad_base64_attachment_is_kept_and_flagged():
    mail = parse("malformed-bad-base64.eml")
    assert mail.text == "See attachment."
    (att,) = mail.attachments
    assert att.filename == "po.pdf"
    assert any(d.startswith("bad_base64") for d in mail.defects)


def test_attachments_without_filename_are_named_from_their_content():
    mail = parse("attachment-without-filename.eml")
    assert [(a.filename, a.content_type) for a in mail.attachments] == [
        ("attachment-1.pdf", "application/pdf"), ("attachment-2.png", "image/png")]


@pytest.mark.parametrize("header, expected", [
    pytest.param('attachment; filename*=UTF-8\'\'Gr%C3%B6%C3%9Fe.pdf', "Größe.pdf", id="rfc2231"),
    pytest.param('attachment; filename="=?UTF-8?B?R3LDtsOfZS5wZGY=?="', "Größe.pdf", id="rfc2047-quoted"),
    pytest.param('attachment; filename==?UTF-8?B?R3LDtsOfZS5wZGY=?=', "Größe.pdf", id="rfc2047-unquoted"),
    pytest.param('attachment; filename="..\\\\..\\\\evil.pdf"', "evil.pdf", id="path-stripped"),
])
def test_attachment_filenames_are_decoded_and_made_safe(header, expected):
    raw = ("From: a@b.example\nSubject: s\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhi\n"
           f"--x\nContent-Type: application/pdf\nContent-Disposition: {header}\n"
           "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--x--\n").encode()
    (att,) = parse_email(raw).attachments
    assert att.filename == expected


@pytest.mark.parametrize("data, code", [
    pytest.param(b"", errors.EMPTY_FILE, id="empty"),
    pytest.param(b"   \n", errors.EMPTY_FILE, id="blank"),
    pytest.param(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", NOT_AN_EMAIL, id="pdf"),
    pytest.param(b"Hello there,\nthis is just a note.\n", NOT_AN_EMAIL, id="plain-text"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", NOT_AN_EMAIL, id="png"),
])
def test_bytes_that_are_not_an_email_raise_a_coded_error(data, code):
    with pytest.raises(DocumentError) as info:
        parse_email(data)
    assert info.value.code == code


def test_headers_only_message_parses_with_empty_body():
    mail = parse_email(b"From: Someone <SomeOne@Example.COM>\nSubject: ping\n")
    assert (mail.sender, mail.sender_name, mail.subject, mail.text) == (
        "someone@example.com", "Someone", "ping", "")
    assert mail.attachments == [] and mail.message_id is None


def test_binhex_attachment_is_decoded_to_its_data_fork():
    # BinHex 4.0 of a file named "a.txt" holding "hi\n" (made with the BinHex 4.0 rules).
    att = Attachment("attachment-1.hqx", "application/mac-binhex40", _binhex(b"a.txt", b"hi\n"))
    decoded, defect = unpack_binhex(att)
    assert defect is None
    assert (decoded.filename, decoded.data, decoded.content_type) == ("a.txt", b"hi\n", "text/plain")


def _binhex(name: bytes, data: bytes) -> bytes:
    """A minimal BinHex 4.0 encoder (no run-length, no CRC checking on decode)."""
    header = bytes([len(name)]) + name + b"\x00" + b"TEXTttxt" + b"\x00\x00"
    header += len(data).to_bytes(4, "big") + (0).to_bytes(4, "big") + b"\x00\x00"
    raw = header + data + b"\x00\x00" + b"\x00\x00"
    bits = "".join(f"{b:08b}" for b in raw)
    bits += "0" * (-len(bits) % 6)
    text = "".join(ALPHABET[int(bits[i:i + 6], 2)] for i in range(0, len(bits), 6))
    return b"(This file must be converted with BinHex 4.0)\n:" + text.encode() + b":\n"


def _tnef(files: list[tuple[bytes, bytes]]) -> bytes:
    """A minimal winmail.dat: signature, key, then per file rendering data, title, data."""
    def obj(level: int, name: int, kind: int, data: bytes) -> bytes:
        head = bytes([level]) + name.to_bytes(2, "little") + kind.to_bytes(2, "little")
        return head + len(data).to_bytes(4, "little") + data + (sum(data) % 65536).to_bytes(2, "little")

    out = (0x223E9F78).to_bytes(4, "little") + b"\x01\x00"
    for name, data in files:
        out += obj(2, 0x9002, 6, b"\x00" * 14) + obj(2, 0x8010, 1, name + b"\x00")
        out += obj(2, 0x800F, 6, data)
    return out


def test_winmail_dat_is_unpacked_into_its_files():
    import base64

    dat = base64.encodebytes(_tnef([(b"order.pdf", b"%PDF-1.4 tiny"), (b"notes.txt", b"hi")]))
    raw = (b"From: a@b.example\nSubject: outlook\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nsee files\n"
           b"--x\nContent-Type: application/ms-tnef; name=winmail.dat\n"
           b"Content-Transfer-Encoding: base64\n\n" + dat + b"--x--\n")
    mail = parse_email(raw)
    assert [(a.filename, a.content_type, a.data) for a in mail.attachments] == [
        ("order.pdf", "application/pdf", b"%PDF-1.4 tiny"), ("notes.txt", "text/plain", b"hi")]
    assert mail.defects == []


def test_when_the_strict_policy_fails_the_lenient_one_is_used_and_flagged(monkeypatch):
    real_build = email_parse._build

    def strict_fails(msg, depth):
        if msg.policy is email.policy.default:
            raise ValueError("header parser gave up")
        return real_build(msg, depth)

    monkeypatch.setattr(email_parse, "_build", strict_fails)
    mail = parse("po-in-body-dallas.eml")
    assert mail.sender == "jim@acme-industrial.example"
    assert mail.text.startswith("Hi, please send 40 x HB-1240")
    assert mail.defects[0].startswith("fallback_compat32: ValueError")
