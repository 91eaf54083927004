"""Alembic environment: the URL comes from the caller (app.core.migrate) or settings; every table from app.models."""
from alembic import context
from sqlalchemy import pool

from app.core.db import get_engine
from app.models import metadata

config = context.config
url = config.get_main_option("sqlalchemy.url")


def run_offline() -> None:
    context.configure(url=url, target_metadata=metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = get_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
_ = pool
