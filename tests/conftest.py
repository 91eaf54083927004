"""Markers from what a test uses, so they are applied the same way everywhere: a test that drives
Chromium (the `playwright_page` fixture) is `browser`, one that needs PostgreSQL (`pg_url`, also
through `cluster`) is `postgres`. `tesseract` and `slow` are set on the tests themselves; a
`tesseract` test skips only when the tesseract binary is truly absent."""
from __future__ import annotations

import os
import shutil

import pytest

MARK_BY_FIXTURE = {"playwright_page": "browser", "pg_url": "postgres"}
NO_TESSERACT = pytest.mark.skip(reason="tesseract is not installed")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tesseract = shutil.which(os.environ.get("TESSERACT_CMD", "tesseract"))
    for item in items:
        for fixture, mark in MARK_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(mark)
        if not tesseract and item.get_closest_marker("tesseract"):
            item.add_marker(NO_TESSERACT)
