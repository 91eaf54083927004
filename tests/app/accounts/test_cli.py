"""Logins and keys from the command line, the demo logins, and a customer's upload matched to
that customer whatever its PO names."""
from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.accounts.auth import principal_from_key
from app.accounts.models import ApiKey, AuditEntry, User
from app.accounts.service import check_password
from app.catalog.models import Customer
from app.cli import cli
from app.core.db import get_engine
from app.orders.models import Order
from tests.app.scenarios import seed

runner = CliRunner()


def _env(settings) -> dict:
    return {"INTAKE_DATABASE_URL": settings.db_url, "INTAKE_DATA_DIR": str(settings.data_dir)}


def _run(settings, *args: str):
    result = runner.invoke(cli, list(args), env=_env(settings))
    return result


def test_users_and_keys_are_made_listed_and_revoked_from_the_cli(settings, session):
    seed(session)
    r = _run(settings, "users", "add", "Carla@Example.com", "--role", "clerk", "--password", "s3cret-pass")
    assert r.exit_code == 0, r.output
    assert check_password(session, "carla@example.com", "s3cret-pass").roles == ["clerk"]
    r = _run(settings, "users", "add", "buyer@example.com", "--role", "customer", "--customer", "KEY",
             "--password", "s3cret-pass")
    assert r.exit_code == 0, r.output
    buyer = session.exec(select(User).where(User.email == "buyer@example.com")).one()
    assert buyer.customer_id is not None

    r = _run(settings, "keys", "create", "--role", "finance", "--name", "erp", "--user", "carla@example.com")
    assert r.exit_code == 0, r.output
    key = r.stdout.strip().splitlines()[-1]
    principal = principal_from_key(session, key)
    assert principal.name == "carla@example.com" and principal.roles == {"finance"}
    row = session.exec(select(ApiKey).where(ApiKey.name == "erp")).one()
    assert key not in row.key_hash and row.prefix in key

    r = _run(settings, "keys", "revoke", row.prefix)
    assert r.exit_code == 0, r.output
    session.expire_all()
    assert principal_from_key(session, key) is None
    actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["user_created", "user_created", "key_created", "key_revoked"]


def test_the_cli_refuses_bad_roles_and_unknown_customers(settings, session):
    seed(session)
    assert _run(settings, "keys", "create", "--role", "customer").exit_code == 1  # no customer
    assert _run(settings, "keys", "create", "--role", "customer", "--customer", "NOPE").exit_code == 1
    wizard = _run(settings, "users", "add", "x@example.com", "--role", "wizard", "--password", "long enough")
    assert wizard.exit_code == 1
    assert _run(settings, "users", "add", "x@example.com", "--role", "clerk", "--password", "short").exit_code == 1


@pytest.mark.slow
def test_demo_prints_an_admin_and_a_customer_login_that_work(settings, session):
    r = _run(settings, "demo")
    assert r.exit_code == 0, r.output
    text = (settings.data_dir / "demo-credentials.txt").read_text()
    assert text in r.stdout and oct((settings.data_dir / "demo-credentials.txt").stat().st_mode)[-3:] == "600"
    creds = {line.split(":")[0]: line.split(":", 1)[1].split() for line in text.splitlines()}
    admin_email, _, admin_pw = creds["admin login"]
    customer_email, _, customer_pw = creds["customer login"][:3]
    assert check_password(session, admin_email, admin_pw).roles == ["admin"]
    assert check_password(session, customer_email, customer_pw).customer_id is not None
    assert principal_from_key(session, creds["admin API key"][0]).roles == {"admin"}
    again = _run(settings, "demo")
    assert again.exit_code == 0 and text in again.stdout  # the same logins, not new ones


@pytest.mark.slow
def test_demo_history_fills_the_dashboard_once(settings, session):
    if not settings.db_url.startswith("sqlite"):
        pytest.skip("the same code on PostgreSQL runs in the lifecycle tests; half a minute saved")
    r = _run(settings, "demo", "--history", "--days", "30")  # a month, not the three `make run` simulates
    assert r.exit_code == 0, r.output
    orders = session.exec(select(func.count()).select_from(Order)).one()
    paid = session.exec(select(func.count()).select_from(Order).where(Order.state.in_(("paid", "closed")))).one()
    assert orders > 60 and paid > 3  # about 5 orders a working day; the oldest are paid by now
    assert _run(settings, "demo", "--history", "--days", "30").exit_code == 0
    assert session.exec(select(func.count()).select_from(Order)).one() == orders  # only into an empty database


def test_a_customers_upload_is_matched_to_that_customer_whatever_it_names(client, settings):
    from tests.app.helpers import key_headers, wait_for_document
    from tests.app.master_data import CUSTOMERS, PRODUCTS
    from tests.pdfs import simple_po

    zenith = "ZEN,Zenith Tools Ltd,zenith.example,po@zenith.example,\"9 Mill Rd, Leeds\",confident,\n"
    client.post("/api/v1/master/customers", files={"file": ("c.csv", CUSTOMERS + zenith)})
    client.post("/api/v1/master/products", files={"file": ("p.csv", PRODUCTS)})
    with Session(get_engine(settings.db_url)) as s:
        zen = s.exec(select(Customer).where(Customer.code == "ZEN")).one().id
    key = key_headers(settings, "customer", zen, user="buyer")
    pdf = simple_po("NAMES-ACME", lines=(("HB-1240", "Hex bolt M12x40", 40, "0.85"),))  # the buyer printed is Acme
    sent = client.post("/api/v1/documents", files={"files": ("po.pdf", pdf)}, headers=key)
    doc_id = sent.json()["documents"][0]["id"]
    doc = wait_for_document(client, doc_id)
    assert doc["customer_id"] == zen and doc["matches"]["customer"]["method"] == "uploader"
