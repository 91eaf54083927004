"""Splitting a body into the sender's new words, quoted replies, signature,
disclaimer and forwarded headers."""
from __future__ import annotations

import pytest

from extractors.email.body.split import split_body
from extractors.email.message.parse import parse_email
from tests.helpers import SAMPLES

EMAILS = SAMPLES / "emails"

GMAIL_REPLY = """Yes, go ahead with 40 x HB-1240.

On Mon, Mar 4, 2024 at 10:00 AM Tom <tom@northwind.example> wrote:
> Shall we ship the bolts?
> Tom
"""
WRAPPED_REPLY = """Yes go ahead.

On Mon, Mar 4, 2024 at 10:00 AM Tom Very Long Name <tom@example.com>
wrote:

> Shall we ship?
"""
OUTLOOK_REPLY = """Please cancel PO 4711.

Thanks
John

________________________________
From: Sales <sales@northwind.example>
Sent: Monday, March 4, 2024 10:00
To: John <john@buyer.example>
Subject: RE: Order 4711

Your order is confirmed.
"""
ORIGINAL_MESSAGE = """Please ship on Friday.

-----Original Message-----
From: Sales [mailto:sales@northwind.example]
Sent: Monday, March 4, 2024 10:00
To: John
Subject: Delivery

When should we ship?
"""
GERMAN_REPLY = """Bitte liefern Sie 20 Stück M8 Muttern.

Mit freundlichen Grüßen
Hans Müller

Von: Verkauf <verkauf@northwind.example>
Gesendet: Montag, 4. März 2024 10:00
An: Hans <hans@kunde.example>
Betreff: AW: Angebot

Hallo Hans
"""
GERMAN_AM_SCHRIEB = """Passt, bitte liefern.

Am 04.03.2024 um 10:00 schrieb Tom <tom@northwind.example>:
> Sollen wir liefern?
"""
INLINE_QUOTES = """> Can you confirm the quantity?
Yes, 40 pieces.
> And the date?
Friday please.
"""


@pytest.mark.parametrize("body, request_text, quoted_start", [
    pytest.param(GMAIL_REPLY, "Yes, go ahead with 40 x HB-1240.", "On Mon, Mar 4", id="gmail-on-wrote"),
    pytest.param(WRAPPED_REPLY, "Yes go ahead.", "On Mon, Mar 4", id="on-wrote-wrapped"),
    pytest.param(OUTLOOK_REPLY, "Please cancel PO 4711.", "________", id="outlook-from-sent-block"),
    pytest.param(ORIGINAL_MESSAGE, "Please ship on Friday.", "-----Original Message-----",
                 id="original-message"),
    pytest.param(GERMAN_REPLY, "Bitte liefern Sie 20 Stück M8 Muttern.", "Von: Verkauf",
                 id="german-von-gesendet"),
    pytest.param(GERMAN_AM_SCHRIEB, "Passt, bitte liefern.", "Am 04.03.2024", id="german-am-schrieb"),
])
def test_reply_is_cut_at_the_quote_header(body, request_text, quoted_start):
    split = split_body(body)
    assert split.request == request_text
    assert split.quoted.startswith(quoted_start)
    assert split.forwarded_headers == []


def test_inline_quoted_lines_are_moved_out_of_the_request():
    split = split_body(INLINE_QUOTES)
    assert split.request == "Yes, 40 pieces.\nFriday please."
    assert "> And the date?" in split.quoted


@pytest.mark.parametrize("body, request_text, signature", [
    pytest.param("Order 10 pcs M8 nuts.\n-- \nJane Doe | Acme", "Order 10 pcs M8 nuts.",
                 "Jane Doe | Acme", id="dash-dash-space"),
    pytest.param("Ship 5 boxes of washers asap\n\nSent from my iPhone",
                 "Ship 5 boxes of washers asap", "Sent from my iPhone", id="sent-from-iphone"),
    pytest.param("Please send 40 x HB-1240.\n\nBest regards,\nAnna Smith\nPurchasing Manager\n"
                 "Acme Corp\nTel: +1 214 555 0100", "Please send 40 x HB-1240.",
                 "Best regards,\nAnna Smith\nPurchasing Manager\nAcme Corp\nTel: +1 214 555 0100",
                 id="best-regards-name-title-phone"),
    pytest.param("Bitte 20 Stück liefern.\n\nMit freundlichen Grüßen\nHans", "Bitte 20 Stück liefern.",
                 "Mit freundlichen Grüßen\nHans", id="german-sign-off"),
    pytest.param("Please send 40 x HB-1240.\n\nAnna Smith\nAcme Corp\nanna@acme.example\n+1 214 555 0100",
                 "Please send 40 x HB-1240.", "Anna Smith\nAcme Corp\nanna@acme.example\n+1 214 555 0100",
                 id="contact-block-without-sign-off"),
])
def test_signature_is_separated(body, request_text, signature):
    split = split_body(body)
    assert (split.request, split.signature) == (request_text, signature)


def test_order_lines_at_the_end_are_not_mistaken_for_a_signature():
    body = "Please send:\n\n- 40 x HB-1240\n- 25 pcs WS-12 washer"
    assert split_body(body).request == body
    assert split_body(body).signature == ""


def test_thanks_at_the_start_is_not_a_sign_off():
    body = ("Thanks for the quick reply.\nPlease send 40 x HB-1240 and 10 x WS-12 next week, "
            "we need them for a project that starts on Monday.")
    assert split_body(body).request == body


def test_legal_disclaimer_is_separated_from_request_and_signature():
    mail = parse_email((EMAILS / "quoted-reply.eml").read_bytes())
    split = split_body(mail.text)
    assert split.request == "Hi Tom,\n\nGo ahead with the offer: please send 40 x HB-1240 by Friday."
    assert split.signature.startswith("Best regards,\nAnna Smith")
    assert split.disclaimer.startswith("This email and any attachments are confidential")
    assert split.quoted.startswith("On Mon, Mar 4, 2024")


def test_forward_with_only_fyi_has_the_forwarded_message_as_request():
    mail = parse_email((EMAILS / "forwarded-chain.eml").read_bytes())
    split = split_body(mail.text)
    assert split.request == "Please see the attached PO."
    assert split.forward_note == "FYI"
    assert split.forwarded_headers == [{
        "from": "Buyer Bob <bob@buyer.example>", "date": "Mon, Mar 4, 2024 at 8:00 AM",
        "subject": "PO 77812", "to": "<sales@northwind.example>"}]


def test_forward_with_a_substantive_note_keeps_the_note_as_request():
    body = ("Can you check whether we can deliver this in two weeks instead of three, and "
            "tell the customer the new price list applies from April?\n\n"
            "---------- Forwarded message ---------\nFrom: Bob <bob@buyer.example>\n"
            "Subject: PO 1\n\nPlease send 40 x HB-1240.\n")
    split = split_body(body)
    assert split.request.startswith("Can you check")
    assert "Please send 40 x HB-1240." in split.quoted
    assert split.forwarded_headers[0]["subject"] == "PO 1"


def test_outlook_forward_block_without_marker_is_a_forward():
    body = ("\nFrom: Bob <bob@buyer.example>\nSent: Monday, March 4, 2024 10:00\n"
            "To: Sales\nSubject: FW: PO 55\n\nPlease send 3 boxes of M8 nuts.\n")
    split = split_body(body)
    assert split.request == "Please send 3 boxes of M8 nuts."
    assert split.forwarded_headers[0]["subject"] == "FW: PO 55"


def test_nested_forwards_reach_the_original_request():
    body = ("fyi\n\n---------- Forwarded message ---------\nFrom: Carol <c@x.example>\n"
            "Subject: Fwd: PO 9\n\nsee below\n\n---------- Forwarded message ---------\n"
            "From: Bob <bob@buyer.example>\nSubject: PO 9\n\nPlease send 7 x HB-1240.\n")
    split = split_body(body)
    assert split.request == "Please send 7 x HB-1240."
    assert [h["from"] for h in split.forwarded_headers] == [
        "Carol <c@x.example>", "Bob <bob@buyer.example>"]


def test_empty_body_splits_into_empty_parts():
    split = split_body("")
    assert (split.request, split.quoted, split.signature, split.disclaimer) == ("", "", "", "")
