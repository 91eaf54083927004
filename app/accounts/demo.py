"""Demo logins for `intake demo`: an admin and a customer login, with random passwords and an
admin API key, written to data_dir/demo-credentials.txt (readable by the owner only)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlmodel import Session, select

from app.accounts.models import User
from app.accounts.service import audit, create_api_key, create_user, set_password
from app.catalog.models import Customer

ADMIN = "admin@example.com"
CUSTOMER = "customer@example.com"
CUSTOMER_CODE = "ACME"
FILE = "demo-credentials.txt"


def _login(session: Session, email: str, roles: list[str], customer_id: int | None, password: str) -> User:
    user = session.exec(select(User).where(User.email == email)).first()
    if user is None:
        user = create_user(session, email, password, roles, customer_id=customer_id, name=email.split("@")[0])
    else:
        set_password(session, user, password)
        user.active, user.roles, user.customer_id = True, roles, customer_id
        session.add(user)
    return user


def demo_credentials(session: Session, data_dir: Path) -> str:
    """The credentials text; made (or remade, with new passwords and key) unless the file is there
    and both users still exist."""
    path = data_dir / FILE
    emails = {ADMIN, CUSTOMER}
    have = {u.email for u in session.exec(select(User).where(User.email.in_(emails)))}
    if path.exists() and have == emails:
        return path.read_text()
    customer = session.exec(select(Customer).where(Customer.code == CUSTOMER_CODE)).first()
    admin_pw, customer_pw = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    admin = _login(session, ADMIN, ["admin"], None, admin_pw)
    lines = [f"admin login:    {ADMIN} / {admin_pw}"]
    if customer is not None:
        _login(session, CUSTOMER, ["customer"], customer.id, customer_pw)
        lines.append(f"customer login: {CUSTOMER} / {customer_pw}  ({customer.code}: sees only its own orders)")
    _, key = create_api_key(session, "admin", name="demo", user_id=admin.id)
    lines.append(f"admin API key:  {key}")
    audit(session, "intake demo", "demo_logins", "user", admin.id, {"emails": sorted(emails)})
    session.commit()
    text = "\n".join(lines) + "\n"
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    return text
