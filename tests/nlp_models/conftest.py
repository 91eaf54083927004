"""Shared fixtures for the request classifier's tests."""

import pytest

from nlp_models.classifier import load_classifier


@pytest.fixture(scope="module")
def classifier():
    """The committed pipeline; it must load (a missing pipeline is tested on its own)."""
    loaded = load_classifier()
    assert loaded is not None, "committed pipeline must load"
    return loaded
