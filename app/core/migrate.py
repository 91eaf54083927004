"""Apply Alembic migrations; the schema is never made with create_all in production."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

MIGRATIONS = Path(__file__).parent.parent / "migrations"  # app/migrations: its env.py imports every table


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(url), revision)


def applied(url: str) -> set[str]:
    """The revisions the database is at (empty for a new database)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()


def pending(url: str) -> int:
    """How many migrations an upgrade would apply."""
    script = ScriptDirectory.from_config(alembic_config(url))
    done = applied(url)
    seen = set()
    for rev in done:
        seen |= {r.revision for r in script.iterate_revisions(rev, "base")}
    return sum(1 for r in script.walk_revisions() if r.revision not in seen)


def revision(url: str, message: str) -> None:
    """Autogenerate a migration (developers: `intake db revision -m ...`)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
