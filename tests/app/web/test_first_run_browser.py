"""A new install as a newcomer meets it: `intake db upgrade` says it made the schema, `intake demo`
prints logins, and those logins open pages with work and a hint of how documents arrive."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.core.config import Settings
from tests.app.web.conftest import running
from tests.app.web.pages import shot
from tests.app.web_login import browser_login

pytestmark = pytest.mark.slow  # Chromium: also `browser`, from the playwright_page fixture


def test_a_new_install_says_what_it_did_and_its_demo_logins_open_their_work(playwright_page, tmp_path):
    page, data = playwright_page, tmp_path / "new-site"
    env = {"INTAKE_DATA_DIR": str(data), "INTAKE_DATABASE_URL": ""}
    runner = CliRunner()
    first = runner.invoke(cli, ["db", "upgrade"], env=env)
    assert first.exit_code == 0 and "new database: created the schema" in first.output, first.output
    again = runner.invoke(cli, ["db", "upgrade"], env=env)
    assert "already up to date" in again.output  # not "up to date" for a database it just made
    made = runner.invoke(cli, ["demo"], env=env)
    assert made.exit_code == 0, made.output
    logins = {line.split(":")[0]: line.split(":", 1)[1].split() for line in made.stdout.splitlines() if ":" in line}
    admin, _, admin_pw = logins["admin login"]
    buyer, _, buyer_pw = logins["customer login"][:3]

    settings = Settings(data_dir=data, database_url=None, worker_mode="embedded", worker_threads=1, _env_file=None)
    with running(settings) as server:
        browser_login(page, server, admin, admin_pw)
        page.wait_for_url(f"{server}/review")
        hint = page.inner_text("#empty-queue")
        assert "Nothing is waiting" in hint and "email" in hint and "dropped on this page" in hint
        assert page.locator("#dropzone").count() == 1
        shot(page, "first-run-queue")
        page.click("#logout")
        browser_login(page, server, buyer, buyer_pw)
        page.wait_for_url(f"{server}/my/orders")
        assert "Acme Industrial Supply Inc." in page.inner_text("h1")
