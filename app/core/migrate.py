"""Apply Alembic migrations; the schema is never made with create_all in production."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent.parent / "migrations"  # app/migrations: its env.py imports every table


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Autogenerate a migration (developers: `intake db revision -m ...`)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
