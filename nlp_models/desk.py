"""Order-desk emails (`NNN-slug.eml` + `.eml.truth.json`) read as the service reads them.

The classifier input is built exactly like the service builds it (app.email.service):
subject + blank line + the sender's own request (quoted history, signature and
disclaimers stripped by extractors.email_split; a bare forward asks what the
forwarded mail asks). Nothing here edits the service: its functions are imported.

The set is split by number: DEV_LAST and below is desk-dev (may be read and studied),
the rest is desk-test (only ever scored in aggregate).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.email.service import request_text
from extractors.email.message.parse import parse_email

DEV_LAST = 75  # 001-075 desk-dev, 076-225 desk-test
_NUMBER = re.compile(r"^(\d{3})-")


def service_text(raw: bytes) -> str:
    """The text the service classifies for this raw message (app/email/service.py, ingest_email)."""
    parsed = parse_email(raw)
    return f"{parsed.subject or ''}\n\n{request_text(parsed) or ''}".strip()


def read_desk(directory: Path, part: str) -> list[dict]:
    """Rows {file, text, label, instructions} of desk-dev ('dev') or desk-test ('test')."""
    rows = []
    for eml in sorted(Path(directory).glob("*.eml")):
        m = _NUMBER.match(eml.name)
        if not m or (int(m.group(1)) <= DEV_LAST) != (part == "dev"):
            continue
        truth = json.loads(eml.with_name(eml.name + ".truth.json").read_text(encoding="utf-8"))
        rows.append({"file": eml.name, "text": service_text(eml.read_bytes()), "label": truth["label"],
                     "instructions": sorted(truth.get("instructions") or [])})
    return rows
