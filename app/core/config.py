"""Settings from INTAKE_* environment variables (and .env)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")

    data_dir: Path = Path("var")
    # Defaults to SQLite in data_dir; PostgreSQL: postgresql+psycopg://user@host/db
    database_url: str | None = None
    # embedded: a Huey consumer runs inside `intake serve`; external: `intake worker` processes
    worker_mode: Literal["embedded", "external", "immediate"] = "embedded"
    worker_threads: int = 2
    # Task queue storage: SQLite file in data_dir by default, or redis://host:6379/0
    queue_url: str | None = None

    max_upload_bytes: int = 25 * 1024 * 1024
    max_pages: int = 200
    max_files_per_request: int = 20
    ocr_lang: str = "eng"
    ocr_page_timeout: float = 60.0
    # Documents and emails are parsed in child processes with these limits ("inline": in-process, for debugging).
    parse_mode: Literal["sandbox", "inline"] = "sandbox"
    parse_memory_mb: int = 1024  # address space a child may add to what it uses at start
    parse_cpu_seconds: int = 120  # CPU of one document in the child (tesseract's own not counted)
    parse_timeout: float = 300.0  # wall clock for one document, OCR included
    parse_children: int = 2  # idle children kept for reuse
    parse_tasks_per_child: int = 100  # a child is replaced after this many documents
    # Automation for the whole site; each customer has its own, the stricter one applies.
    automation: Literal["never", "confident", "always"] = "confident"
    # Working days we need between the order date and delivery (date_too_early below that).
    lead_days: int = 0
    # A document left in `processing` longer than this is taken up again.
    stale_processing_seconds: int = 600
    # Requests per caller (API key, else login session, else client IP): a token bucket refilled at
    # this rate up to the burst; 0 turns it off. Shared through Redis when queue_url is redis.
    rate_limit_per_second: float = 50.0
    rate_limit_burst: int = 200
    # Email intake: documents per sender address per hour; beyond that they are stored but held.
    sender_documents_per_hour: int = 200
    # Web logins: a session ends after this much idle time or this age; Secure cookies even on plain http
    # (set it behind a TLS-terminating proxy that does not pass the scheme on).
    session_idle_minutes: int = 60
    session_max_hours: int = 12
    cookie_secure: bool = False
    # Failed logins per email before it is locked for login_lock_minutes (0: never locked).
    login_max_failures: int = 5
    login_lock_minutes: int = 15

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'intake.db').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"


@lru_cache
def get_settings() -> Settings:
    return Settings()
