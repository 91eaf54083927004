"""One email in, one PO extraction out: parse, keep the sender's own words, extract.

`python -m extractors.email_extract FILE.eml` prints the result JSON of
shared/eval/README.md, so the scorer can run it on a folder of emails.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from extractors.email_parse import ParsedEmail, parse_email, parse_msg
from extractors.email_split import split_body
from extractors.email_text import _PO, _ORDER_NO, extract_from_text
from extractors.model import Extraction, Field


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
            for pattern, conf in ((_PO, 0.8), (_ORDER_NO, 0.6)):
                m = pattern.search(subject or "")
                if m:
                    value = m.group("v").rstrip(".-/")
                    ex.fields["po_number"] = Field("po_number", value, value.upper(), conf,
                                                   rule="email:subject_po")
                    break
            if "po_number" in ex.fields:
                break
    ex.warnings.extend(f"email_defect: {d}" for d in parsed.defects[:10])
    return ex


def main(argv: list[str]) -> int:
    data = Path(argv[0]).read_bytes()
    parsed = parse_msg(data) if data[:4] == b"\xd0\xcf\x11\xe0" else parse_email(data)
    print(json.dumps(extract_email(parsed).to_result(), ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
