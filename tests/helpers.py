"""Small helpers the tests share."""
from __future__ import annotations

import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_docs"
SHARED = REPO.parent / "shared"
TERMINAL = {"extracted", "needs_review", "ordered", "rejected", "failed"}


def wait_for_document(client, doc_id: int, timeout: float = 90.0) -> dict:
    """Poll until the worker has finished with the document (not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/api/v1/documents/{doc_id}").json()
        if body["status"] in TERMINAL or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


def sample_pos() -> list[Path]:
    return sorted((SAMPLES / "pos").glob("*.pdf"))
