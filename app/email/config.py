"""Email settings from INTAKE_MAIL_* environment variables (and .env)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict


class Mailbox(BaseModel):
    """One IMAP mailbox to poll; `sender_filters`: addresses or domains to accept (empty: all)."""

    host: str
    port: int = 993
    user: str
    password: str
    folder: str = "INBOX"
    ssl: bool = True
    move_to: str | None = None  # move processed mail there; otherwise flag it
    processed_flag: str = "$IntakeProcessed"
    sender_filters: list[str] = []

    @property
    def name(self) -> str:
        return f"{self.user}@{self.host}/{self.folder}"


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_MAIL_", env_file=".env", extra="ignore")

    # JSON list: [{"host": ..., "user": ..., "password": ..., "folder": "INBOX", ...}]
    imap_mailboxes: list[Mailbox] = []
    imap_poll_seconds: float = 60.0
    # The SMTP listener (`intake smtp`)
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_max_bytes: int = 30 * 1024 * 1024
    # Outbound SMTP for replies; no host means no replies are sent
    outbound_host: str | None = None
    outbound_port: int = 25
    outbound_user: str | None = None
    outbound_password: str | None = None
    outbound_starttls: bool = False
    outbound_from: str = "orders@localhost"
    # Automatic answers to status questions from trusted senders; acknowledgements of new orders
    status_replies: bool = True
    acknowledge_orders: bool = False
    # An inline image this small (logos, signatures) is not a document
    min_image_bytes: int = 10 * 1024


@lru_cache
def get_mail_settings() -> MailSettings:
    return MailSettings()
