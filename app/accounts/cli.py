"""`intake users ...` and `intake keys ...`: logins and API keys from the command line."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from sqlmodel import Session, select

from app.accounts import logins, service
from app.accounts.models import ROLES, ApiKey, User
from app.catalog.models import Customer
from app.core.config import get_settings
from app.core.db import get_engine
from app.core.errors import AppError

users_cli = typer.Typer(help="Users who log in to the web UI.", no_args_is_help=True)
keys_cli = typer.Typer(help="API keys (shown once, stored hashed).", no_args_is_help=True)
err = Console(stderr=True)
ACTOR = "cli"
RoleOpt = Annotated[str, typer.Option("--role", help=f"one of {', '.join(ROLES)}")]
CustomerOpt = Annotated[str | None, typer.Option("--customer", help="customer id or code (customer role)")]


def _session() -> Session:
    return Session(get_engine(get_settings().db_url), expire_on_commit=False)


def _customer_id(session: Session, value: str | None) -> int | None:
    if value is None:
        return None
    row = session.get(Customer, int(value)) if value.isdigit() else \
        session.exec(select(Customer).where(Customer.code == value)).first()
    if row is None:
        _fail(f"no customer {value}")
    return row.id


def _user(session: Session, email: str) -> User:
    user = service.user_by_email(session, email)
    if user is None:
        _fail(f"no user {email}")
    return user


def _fail(message: str) -> None:
    err.print(f"[red]{message}[/red]")
    raise typer.Exit(1)


@users_cli.command("add")
def add_user(email: str, role: Annotated[list[str], typer.Option("--role", help=f"one of {', '.join(ROLES)}")],
             customer: CustomerOpt = None,
             password: Annotated[str | None, typer.Option(help="asked for when omitted")] = None,
             name: str = "") -> None:
    """Create a user who logs in with EMAIL and a password."""
    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        _fail("the password needs at least 8 characters")
    with _session() as session:
        try:
            user = service.add_user(session, ACTOR, email, password, role,
                                    customer_id=_customer_id(session, customer), name=name)
        except AppError as exc:
            _fail(exc.message)
        session.commit()
        err.print(f"user {user.email} ({', '.join(user.roles)}) created, id {user.id}")


@users_cli.command("list")
def list_users() -> None:
    with _session() as session:
        for u in session.exec(select(User).order_by(User.id)):
            print(f"{u.id}\t{u.email}\t{','.join(u.roles or [])}\t{u.customer_id or '-'}\t"
                  f"{'active' if u.active else 'inactive'}")


@users_cli.command("deactivate")
def deactivate_user(email: str) -> None:
    """The user's logins and keys stop working at once."""
    with _session() as session:
        user = _user(session, email)
        service.deactivate_user(session, user, ACTOR)
        session.commit()
        err.print(f"user {user.email} deactivated")


@users_cli.command("set-password")
def set_password(email: str,
                 password: Annotated[str | None, typer.Option(help="asked for when omitted")] = None) -> None:
    """Set EMAIL's password (a forgotten one, say); every browser session of theirs ends."""
    if password is None:
        password = typer.prompt("new password", hide_input=True, confirmation_prompt=True)
    with _session() as session:
        user = _user(session, email)
        try:
            logins.reset(session, user, password, ACTOR)
        except AppError as exc:
            _fail(exc.message)
        session.commit()
        err.print(f"password of {user.email} set")


@keys_cli.command("create")
def create_key(role: RoleOpt, customer: CustomerOpt = None, name: str = "",
               user: Annotated[str | None, typer.Option(help="email of the person behind the key")] = None) -> None:
    """Print a new key once: keep it, it cannot be shown again."""
    with _session() as session:
        user_id = None
        if user is not None:
            user_id = _user(session, user).id
        try:
            key_row, key = service.add_api_key(session, ACTOR, role, customer_id=_customer_id(session, customer),
                                               name=name, user_id=user_id)
        except AppError as exc:
            _fail(exc.message)
        session.commit()
        err.print(f"key {key_row.prefix} ({role}) created; it is shown only now:")
        print(key)


@keys_cli.command("revoke")
def revoke_key(prefix: str) -> None:
    """Revoke the key with this prefix (the part after `oi_`)."""
    with _session() as session:
        row = service.key_by_prefix(session, prefix.removeprefix("oi_").split("_")[0])
        if row is None:
            _fail(f"no key {prefix}")
        service.revoke_api_key(session, row, ACTOR)
        session.commit()
        err.print(f"key {row.prefix} revoked")


@keys_cli.command("list")
def list_keys() -> None:
    with _session() as session:
        for k in session.exec(select(ApiKey).order_by(ApiKey.id)):
            print(f"{k.prefix}\t{k.role}\t{k.customer_id or '-'}\t{k.name}\t{'active' if k.active else 'revoked'}")
