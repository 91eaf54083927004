"""Schemathesis against our own OpenAPI document: for every operation, generated requests
(valid and not) never get a 500 and every answer matches the schema the document gives.

Bounded for CI: a few examples per operation, derandomized so a run is repeatable.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance
from sqlmodel import Session
from starlette.testclient import TestClient

from app.accounts.service import create_api_key
from app.core.db import get_engine
from tests.app.scenarios import seed

MAX_EXAMPLES = 6  # under a minute per database on this machine, when it is not busy
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def api_site(settings):
    """The service with data to find, no background worker and no rate limit."""
    return settings.model_copy(update={"worker_mode": "external", "rate_limit_per_second": 0})


@pytest.fixture
def admin_headers(api_site) -> dict:
    with Session(get_engine(api_site.db_url), expire_on_commit=False) as s:
        seed(s)
        _, key = create_api_key(s, role="admin", name="schemathesis")
        s.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def api_schema(api_site, admin_headers):
    from app.main import create_app

    app = create_app(api_site)
    with TestClient(app):  # runs the lifespan (queue, data dir)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def _run_operation(operation, headers: dict) -> None:
    @given(case=operation.as_strategy())
    @hypothesis_settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=dict(headers), checks=CHECKS)  # it adds to the dict it gets

    run()


@pytest.mark.slow
def test_no_server_error_and_every_answer_fits_the_schema(api_schema, admin_headers):
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        try:
            _run_operation(operation, admin_headers)
        except Exception as exc:
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_an_id_past_the_database_integer_range_is_a_clear_422(api_schema, api_site, admin_headers):
    """What schemathesis found first: a huge id reached the database and crashed the request."""
    from app.main import create_app

    with TestClient(create_app(api_site)) as c:
        resp = c.get(f"/api/v1/documents/{2**70}", headers=admin_headers)
    assert (resp.status_code, resp.json()["error"]["code"]) == (422, "value_out_of_range")
