"""One email in, one PO extraction out: the sender's own words first, then what they point at.

A forward is read as its note plus the forwarded message: the note often carries the PO number,
the forwarded mail the lines, whose dates are resolved against the forwarded mail's own date. A
reply that takes up a quote ("go ahead as quoted") or repeats an order ("same again") takes the
lines of the quoted offer or order, and says so in `references_order` (rule email:quote or
email:reorder) so that a clerk checks it. Relative dates are resolved against the email's Date
header, never the day it is processed.

(`python -m extractors FILE.eml` prints the result JSON of shared/eval/README.md.)
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from extractors import confidence
from extractors.email.body.dates import parse_header_date
from extractors.email.body.extract import extract_from_text
from extractors.email.body.references import ORDER_NUMBER, PO_NUMBER, PO_SHAPED, is_po_value, reference
from extractors.email.body.split import SplitBody, split_body
from extractors.email.message.parse import ParsedEmail
from extractors.model import Extraction, Field

MAX_DEFECTS = 10  # malformations of the message listed among the warnings
HEADER_FIELDS = ("po_number", "requested_delivery_date", "order_date", "hold_until", "ship_to")


def extract_email(parsed: ParsedEmail) -> Extraction:
    """PO fields of a parsed message: its body, and a message attached as a forward."""
    attached = parsed.messages[0].text if parsed.messages else ""
    ex = extract_body(parsed.text, subject=parsed.subject, sent=parsed.date, attached=attached)
    ex.warnings.extend(f"email_defect: {d}" for d in parsed.defects[:MAX_DEFECTS])
    return ex


def extract_body(text: str, *, own: str | None = None, subject: str | None = None,
                 sent: datetime | date | None = None, attached: str = "") -> Extraction:
    """PO fields from an email's body text (the whole of it, quotes and forwards included).
    `own`: the sender's own words as already split off (the boxes of fields read from them are
    boxes in that text); by default split from `text` here."""
    received = sent.date() if isinstance(sent, datetime) else sent
    split = split_body(text, subject)
    if own is None:
        own = split.request or ("" if split.forwarded or split.quoted else text)
    ex = extract_from_text(own, received=received)
    note = split.forward_note
    if note:
        _fill_header(ex, extract_from_text(note, received=received), ("po_number", "ship_to"))
    forwarded = split.forwarded or attached
    if forwarded and not ex.line_items and forwarded.strip() not in own:
        sent_then = _header_date(split.forwarded_headers[0]) if split.forwarded_headers else None
        inner = extract_from_text(forwarded, received=sent_then or received)
        ex.line_items = inner.line_items
        _fill_header(ex, inner, HEADER_FIELDS)
    _taken_up(ex, own, split, received)
    if "po_number" not in ex.fields:
        _po_from_subjects(ex, [subject] + [h.get("subject", "") for h in split.forwarded_headers])
    return ex


def _fill_header(ex: Extraction, other: Extraction, names) -> None:
    for name in names:
        if name not in ex.fields and name in other.fields:
            field = other.fields[name]
            field.page = field.bbox = None  # read from another part of the message than the page shows
            ex.fields[name] = field


def _taken_up(ex: Extraction, own: str, split: SplitBody, received: date | None) -> None:
    """'go ahead as quoted', 'same again as LFO-2291': the offer or order the reply takes up."""
    ref = reference(own)
    if ref is None:
        return
    if ref.number and ex.value("po_number") and ref.number.upper() == str(ex.value("po_number")).upper():
        ref.number = None  # "wie letztes Mal, Bestellung 26-05201": the new order's own number
    value = ref.number or ref.text
    ex.fields["references_order"] = Field("references_order", value, ref.number, confidence.REFERENCE_IN_TEXT,
                                          rule=f"email:{ref.kind}")
    ex.warnings.append(f"{ref.kind}_reference: {ref.text!r}" + (f" names {ref.number}" if ref.number else ""))
    quoted = _unquoted(split.quoted)
    if not quoted:
        return
    earlier = extract_from_text(quoted, received=received).line_items
    known = {(li.sku.value if li.sku else None, li.description.value if li.description else None)
             for li in ex.line_items}
    for item in earlier:
        key = (item.sku.value if item.sku else None, item.description.value if item.description else None)
        if key in known:
            continue
        for f in item.fields().values():
            f.page = f.bbox = None
            f.rule = f"email:{ref.kind}_quoted:" + f.rule
        item.page = item.bbox = None
        ex.line_items.append(item)


_QUOTE_HEAD = re.compile(
    r"(?i)\b(wrote|schrieb|a écrit|escribió)\s*:\s*$|^\s*-{2,}.*-{2,}\s*$|"
    r"^\s*\*?(from|sent|to|cc|subject|date|von|gesendet|an|betreff|de|envoyé|à|objet|enviado|para|asunto)\s*:")


def _unquoted(quoted: str) -> str:
    """Quoted history without its '>' marks, its 'On ... wrote:' line and its header lines."""
    lines = [re.sub(r"^[ \t]*(?:>[ \t]?)+", "", ln) for ln in (quoted or "").split("\n")]
    return "\n".join(ln for ln in lines if not _QUOTE_HEAD.search(ln))


def _header_date(headers: dict) -> date | None:
    """The date of a forwarded message from its 'Sent:' / 'Date:' header line."""
    raw = headers.get("date") or ""
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return parse_header_date(raw)


def _po_from_subjects(ex: Extraction, subjects) -> None:
    """'PO 77812' only in the subject (or a forwarded subject): a PO number with less confidence."""
    for subject in subjects:
        for pattern, conf in ((PO_NUMBER, confidence.PO_LABEL_IN_SUBJECT),
                              (ORDER_NUMBER, confidence.ORDER_NUMBER_IN_SUBJECT),
                              (PO_SHAPED, confidence.ORDER_NUMBER_IN_SUBJECT)):
            m = pattern.search(subject or "")
            if m and is_po_value(m.group("v").rstrip(".-/")):
                value = m.group("v").rstrip(".-/")
                ex.fields["po_number"] = Field("po_number", value, value.upper(), conf, rule="email:subject_po")
                return
