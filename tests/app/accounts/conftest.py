"""Fixtures of the accounts tests: Anna, a clerk with a password, and a browser-like client."""
from __future__ import annotations

import pytest

from tests.app.web_login import ANNA, browser_client, make_user


@pytest.fixture
def anna(session):
    return make_user(session, ANNA, ["clerk"])


@pytest.fixture
def browser(settings):
    with browser_client(settings) as c:
        yield c
