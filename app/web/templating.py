"""The one Jinja2 environment of the pages; every page knows who is looking and the CSRF token."""
from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from app.web import views


def who(request: Request) -> dict:
    """`me` (the principal, or None) and `csrf_token` (the login session's, or "" for API keys)."""
    web_session = getattr(request.state, "web_session", None)
    return {"me": getattr(request.state, "principal", None),
            "csrf_token": web_session.csrf_token if web_session is not None else ""}


templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
    trim_blocks=True, lstrip_blocks=True), context_processors=[who])
templates.env.filters["age"] = views.age
templates.env.filters["money"] = views.money
templates.env.filters["qty"] = views.quantity
