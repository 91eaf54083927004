"""compose.yaml describes the scaled site (docker cannot run here, so we read it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.core.config import Settings

yaml = pytest.importorskip("yaml")
COMPOSE = Path(__file__).resolve().parent.parent / "compose.yaml"


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_the_site_has_an_api_workers_postgres_and_redis(services):
    assert {"api", "worker", "postgres", "redis"} <= set(services)
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert services["worker"]["command"][:2] == ["intake", "worker"]
    assert "intake serve" in " ".join(services["api"]["command"])


def test_api_and_workers_share_database_queue_and_data_volume(services):
    api, worker = services["api"], services["worker"]
    for key in ("INTAKE_DATABASE_URL", "INTAKE_QUEUE_URL", "INTAKE_DATA_DIR"):
        assert api["environment"][key] == worker["environment"][key]
    assert api["environment"]["INTAKE_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert api["environment"]["INTAKE_QUEUE_URL"].startswith("redis://redis:")
    assert api["environment"]["INTAKE_WORKER_MODE"] == worker["environment"]["INTAKE_WORKER_MODE"] == "external"
    data_dir = api["environment"]["INTAKE_DATA_DIR"]
    shared = {v.split(":")[0] for v in api["volumes"] if v.endswith(":" + data_dir)}
    assert shared and shared == {v.split(":")[0] for v in worker["volumes"] if v.endswith(":" + data_dir)}
    assert shared <= set(yaml.safe_load(COMPOSE.read_text())["volumes"])


def test_every_intake_variable_is_a_real_setting(services):
    fields = {f"INTAKE_{name.upper()}" for name in Settings.model_fields} | {"INTAKE_WORKER_METRICS_PORT"}
    for svc in ("api", "worker"):
        names = {k for k in services[svc]["environment"] if k.startswith("INTAKE_")}
        assert names <= fields, names - fields


def test_workers_wait_for_a_ready_api_and_the_api_for_its_stores(services):
    assert services["worker"]["depends_on"]["api"]["condition"] == "service_healthy"
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])
    assert {"postgres", "redis"} <= set(services["api"]["depends_on"])
    assert all("healthcheck" in services[s] for s in ("postgres", "redis"))
