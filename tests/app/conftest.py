"""Fixtures every test of app/ shares: a migrated database (SQLite always, PostgreSQL when
INTAKE_TEST_DATABASE_URL is set), settings in a temporary data dir, a session, and an API
client (with an admin key) whose embedded worker really runs."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.core.config import Settings
from app.core.db import dispose_engines, get_engine
from app.core.migrate import upgrade
from app.models import metadata

PG_BASE = os.environ.get("INTAKE_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "intake.db"
    upgrade(f"sqlite:///{path}")
    dispose_engines()
    return path


@pytest.fixture(scope="session")
def pg_url():
    """A fresh PostgreSQL database for this test session, migrated once."""
    if not PG_BASE:
        pytest.skip("INTAKE_TEST_DATABASE_URL is not set")
    name = f"intake_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_BASE.rsplit("/", 1)[0] + "/" + name
    upgrade(url)
    yield url
    dispose_engines()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, sqlite_template):
    if request.param == "sqlite":
        path = tmp_path / "intake.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("pg_url")
        tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        with get_engine(url).begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        yield url
    dispose_engines()


@pytest.fixture(autouse=True)
def _fresh_catalog_cache():
    """Each test starts with no cached catalog indexes (ids repeat across tests)."""
    from app.catalog.lookup import clear_cache

    clear_cache()


@pytest.fixture
def settings(tmp_path, db_url) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=db_url, worker_mode="embedded",
                    worker_threads=2, ocr_page_timeout=30, _env_file=None)


@pytest.fixture
def session(settings):
    with Session(get_engine(settings.db_url), expire_on_commit=False) as s:
        yield s


@pytest.fixture
def client(settings):
    """An API client with an admin key (tests of access itself make their own keys)."""
    from fastapi.testclient import TestClient

    from app.main import create_app
    from tests.app.helpers import key_headers

    with TestClient(create_app(settings)) as c:
        c.headers.update(key_headers(settings, "admin", name="tests-admin"))
        yield c
