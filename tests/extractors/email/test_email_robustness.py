"""Whatever arrives by mail, parsing, splitting and extraction finish: a damaged
message gives a ParsedEmail (with defects) or a coded DocumentError, never a crash."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.email.body.extract import extract_from_text
from extractors.email.body.split import split_body
from extractors.email.message.parse import parse_email
from extractors.errors import DocumentError
from tests.helpers import SAMPLES as SAMPLE_DOCS

EMAILS = SAMPLE_DOCS / "emails"
SAMPLES = {p.name: p.read_bytes() for p in sorted(EMAILS.glob("*.eml"))}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_coded_error(data: bytes):
    try:
        return parse_email(data)
    except DocumentError as exc:
        assert exc.code in ("empty_file", "not_an_email")
        return None


@FAST
@given(name=st.sampled_from(sorted(SAMPLES)), cut=st.floats(0, 1),
       flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8))
def test_damaged_sample_emails_still_parse(name, cut, flips):
    data = bytearray(SAMPLES[name][: max(1, int(len(SAMPLES[name]) * cut))])
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    mail = parse_or_coded_error(bytes(data))
    if mail is not None:
        assert isinstance(mail.text, str) and isinstance(mail.defects, list)


@FAST
@given(body=st.binary(max_size=400))
def test_any_body_under_headers_parses(body):
    mail = parse_or_coded_error(b"From: a@b.example\nSubject: x\nContent-Type: multipart/mixed; "
                                b"boundary=q\n\n" + body)
    assert mail is not None and mail.sender == "a@b.example"


@FAST
@given(text=st.text(max_size=500))
def test_split_never_fails_and_keeps_request_lines_from_the_input(text):
    split = split_body(text)
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    for line in split.request.split("\n"):
        assert line.strip() in source


words = st.sampled_from(["please", "send", "40", "x", "HB-1240", "boxes", "of", "PO", "77812",
                         "by", "Friday", "the", "14th", "to", "our", "Dallas", "site", "\n",
                         "-", "qty", "12mm", "washers", "05/03/2024", "Ship to:", "|", "  "])


@FAST
@given(tokens=st.lists(words, max_size=40), day=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_extraction_of_order_like_text_gives_well_formed_fields(tokens, day):
    ex = extract_from_text(" ".join(tokens), received=day)
    for item in ex.line_items:
        assert Decimal(item.quantity.normalized) >= 0
        assert item.page == 1
    for f in ex.fields.values():
        assert 0 < f.confidence <= 1 and f.rule.startswith("email:")
        if f.name.endswith("date"):
            date.fromisoformat(f.normalized)
