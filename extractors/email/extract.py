"""One parsed email in, one PO extraction out: keep the sender's own words, extract from them.

(`python -m extractors FILE.eml` prints the result JSON of shared/eval/README.md.)
"""
from __future__ import annotations

from extractors import confidence
from extractors.email.body.extract import ORDER_NUMBER, PO_NUMBER, extract_from_text
from extractors.email.body.split import split_body
from extractors.email.message.parse import ParsedEmail
from extractors.model import Extraction, Field

MAX_DEFECTS = 10  # malformations of the message listed among the warnings


def extract_email(parsed: ParsedEmail) -> Extraction:
    """PO fields from the body the sender wrote (or forwarded); the subject as a fallback
    for the PO number. Relative dates are resolved against the email's date."""
    split = split_body(parsed.text)
    text = split.request or parsed.text
    received = parsed.date.date() if parsed.date else None
    ex = extract_from_text(text, received=received)
    if "po_number" not in ex.fields:
        subjects = [parsed.subject] + [h.get("subject", "") for h in split.forwarded_headers]
        for subject in subjects:
            for pattern, conf in ((PO_NUMBER, confidence.PO_LABEL_IN_SUBJECT),
                                  (ORDER_NUMBER, confidence.ORDER_NUMBER_IN_SUBJECT)):
                m = pattern.search(subject or "")
                if m:
                    value = m.group("v").rstrip(".-/")
                    ex.fields["po_number"] = Field("po_number", value, value.upper(), conf,
                                                   rule="email:subject_po")
                    break
            if "po_number" in ex.fields:
                break
    ex.warnings.extend(f"email_defect: {d}" for d in parsed.defects[:MAX_DEFECTS])
    return ex
