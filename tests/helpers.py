"""Paths the tests share: the repository, its sample documents, and ../shared (the real documents
of other companies, read in place; tests that need them skip when it is missing)."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_docs"
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "test-artifacts"  # screenshots from the browser tests, for a person to look at
