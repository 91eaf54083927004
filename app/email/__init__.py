"""Email intake: every channel (API, webhook, IMAP, SMTP) becomes one `ingest_email` call."""
