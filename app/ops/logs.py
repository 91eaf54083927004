"""Structured logs: one JSON object per line, with the request and document in play."""
from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
document_id: ContextVar[int | None] = ContextVar("document_id", default=None)


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id, document_id (and exc when there is one)."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
            "document_id": getattr(record, "document_id", None) or document_id.get(),
        }
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str)


_HANDLER_FLAG = "_intake_json"


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (test runners swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def setup_logging(level: int | str = logging.INFO, stream=None) -> logging.Handler:
    """Send the root logger (and uvicorn's) to one JSON handler; safe to call twice."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _HANDLER_FLAG, False):
            root.removeHandler(h)
    handler = logging.StreamHandler(stream) if stream else _Stderr()
    handler.setFormatter(JsonFormatter())
    setattr(handler, _HANDLER_FLAG, True)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "huey"):
        lg = logging.getLogger(name)
        lg.handlers = []
        lg.propagate = True
    return handler
