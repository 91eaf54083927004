"""The accounts' background task: ended browser sessions are deleted after a week."""
from __future__ import annotations

from huey import crontab
from sqlmodel import Session

from app.accounts.websession import purge
from app.core import queue
from app.core.db import get_engine


@queue.periodic("purge_sessions", crontab(minute="17"))
def purge_sessions() -> int:
    """Hourly: ended browser sessions older than a week are deleted."""
    settings = queue.current_settings()
    with Session(get_engine(settings.db_url)) as session:
        return purge(session, settings)
